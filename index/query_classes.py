"""The query classes of the project's own that `index.compiler` builds, and the
matchers Whoosh walks for them.

`PrefixOr` (the terms a prefix stands for), `SpanAny` (any of several terms in one
place of a phrase), `Phrase` (words at their positions, stop words in their gaps),
`Boosted` (a field's score scaled) and `VerifiedPhrase` (pair terms checked against
positions). The scorer (`index.scoring`) knows them by type and scores them a posting
block at a time, checking their phrases as `index.phrase_checks` does; the matchers
here check the same a document at a time, for the shapes the scorer leaves to Whoosh.
They read positions from the postings (`index.postings`), and a phrase's gaps from
the stop words' bits (`index.stops`).
"""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.query import spans
from whoosh.query.wrappers import WrappingQuery

from index.postings import Postings
from index.stops import across_stops, gaps_between


class PrefixOr(wq.Or):  # type: ignore[misc]
    """The terms a prefix stands for: read into arrays once instead of a tree of
    ~200 union matchers, which Whoosh walks document by document in Python."""

    matcher_type = wq.Or.ARRAY_MATCHER


class SpanAny(spans.SpanOr):  # type: ignore[misc]
    """Any of several terms in one place of a phrase (the longer words a phrase's last
    word ends in, index.compiler.word_ends). Whoosh's SpanOr has no size estimates: an
    AND of three parts or more asks each part for one (`index.scoring._intersection_tree`), and
    `title:東京都 マンガ 規制` raised NotImplementedError there. Its sizes are its Or's."""

    def estimate_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_min_size(ixreader))


class Phrase(spans.SpanNear2):  # type: ignore[misc]
    """Words at their positions (the compiler's `_phrase`: SpanNear2 nested to the left,
    exact gaps, this the outermost), the places between them that the query's particles
    took holding stop words too (`index.stops`), as the scorer checks them
    (`index.phrase_checks._phrase_scores`) where Whoosh's matcher does the matching (a
    last word standing for several, `SpanAny`; a shape the scorer leaves to Whoosh)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        placed = _span_offsets(self)
        gaps = () if placed is None else gaps_between(placed[1])
        ms = [q.matcher(searcher, context) for q in self.qs]
        if not gaps or placed is None:
            return self.SpanNear2Matcher(
                ms, slop=self.slop, ordered=self.ordered, mindist=self.mindist
            )
        return _StopsMatcher(ms, self.slop, self.mindist, (searcher.reader(), placed[0], gaps))


_StopsCheck = tuple[Any, str, tuple[int, ...]]
"""(segment reader, field, gaps) of a `Phrase`'s matcher."""


class _StopsMatcher(spans.SpanNear2.SpanNear2Matcher):  # type: ignore[misc]
    """SpanNear2's matcher keeping the spans whose gaps hold stop words."""

    def __init__(self, ms: list[Any], slop: int, mindist: int, check: _StopsCheck) -> None:
        self.check = check  # before Whoosh's __init__, which looks for the first match
        super().__init__(ms, slop=slop, ordered=True, mindist=mindist)

    def copy(self) -> _StopsMatcher:
        return _StopsMatcher([m.copy() for m in self.ms], self.slop, self.mindist, self.check)

    def _get_spans(self) -> list[Any]:
        found: list[Any] = super()._get_spans()
        if not found:
            return found
        reader, fieldname, gaps = self.check
        docnum = self.id()
        return [s for s in found if across_stops(reader, fieldname, docnum, (s.start,), gaps)]


def _span_offsets(query: Any) -> tuple[str, list[int]] | None:
    """(field, offsets of its words from the first) of a phrase as the compiler's
    `_phrase` builds it, whatever stands last (a term, or `SpanAny`); None for another
    span query."""
    gaps: list[int] = []
    while isinstance(query, spans.SpanNear2) and len(query.qs) == 2:
        if not (query.ordered and query.slop == query.mindist):
            return None
        gaps.append(query.slop)
        query = query.qs[0]
    if type(query) is not wq.Term:
        return None
    return query.fieldname, list(accumulate(reversed(gaps), initial=0))


class Boosted(WrappingQuery):  # type: ignore[misc]
    """Scales a field's score at query time: BM25 saturates term frequency, so the
    schema's field_boost alone let two body mentions outrank a title."""

    def __init__(self, child: wq.Query, boost: float) -> None:
        super().__init__(child)
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        # (WrappingQuery has none: two alike were never equal, and an OR held both)
        return isinstance(other, Boosted) and (self.child, self.boost) == (other.child, other.boost)

    def __hash__(self) -> int:
        return hash((type(self), self.child, self.boost))

    def _rewrap(self, child: wq.Query) -> Boosted:
        return Boosted(child, self.boost)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return WrappingMatcher(self.child.matcher(searcher, context), boost=self.boost)


# (offset from the phrase's first word, terms that may stand there)
PhraseSlots = tuple[tuple[int, tuple[str, ...]], ...]


class VerifiedPhrase(WrappingQuery):  # type: ignore[misc]
    """Pair terms (the child) checked against positions: for three words or more.

    An AND of pairs finds 東京|都 and 都|知事 even when they stand apart; the
    positions in each candidate document settle it. Only the
    documents the pairs already matched are looked at, one skip per word.
    """

    def __init__(self, child: wq.Query, fieldnames: tuple[str, ...], slots: PhraseSlots) -> None:
        super().__init__(child)
        self.fieldnames = fieldnames
        self.slots = slots

    def __eq__(self, other: object) -> bool:
        return isinstance(other, VerifiedPhrase) and (self.child, self.fieldnames, self.slots) == (
            other.child,
            other.fieldnames,
            other.slots,
        )

    def __hash__(self) -> int:
        return hash((type(self), self.child, self.fieldnames, self.slots))

    def _rewrap(self, child: wq.Query) -> VerifiedPhrase:
        return VerifiedPhrase(child, self.fieldnames, self.slots)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        inner = self.child.matcher(searcher, context)
        per_field = self.leaves(searcher.reader(), searcher.get_parent().reader())
        if not per_field or not inner.is_active():
            return NullMatcher()
        return _PhraseCheckMatcher(inner, per_field)

    def leaves(self, reader: Any, top: Any = None) -> list[list[tuple[int, list[Postings]]]]:
        """Per field holding every slot: (offset, postings of its terms) for each slot
        (`top`: the index's reader, whose blocks read lately are shared, see Postings)."""
        per_field: list[list[tuple[int, list[Postings]]]] = []
        for fieldname in self.fieldnames:
            slots: list[tuple[int, list[Postings]]] = []
            for offset, terms in self.slots:
                leaves = [
                    postings
                    for term in terms
                    if (postings := Postings(reader, fieldname, term, top))
                ]
                if not leaves:
                    break
                slots.append((offset, leaves))
            else:
                per_field.append(slots)
        return per_field


class _PhraseCheckMatcher(WrappingMatcher):  # type: ignore[misc]
    def __init__(
        self, child: Any, per_field: list[list[tuple[int, list[Postings]]]], boost: float = 1.0
    ) -> None:
        super().__init__(child, boost)
        self.per_field = per_field
        self._settle()

    def _replacement(self, newchild: Any) -> _PhraseCheckMatcher:
        return _PhraseCheckMatcher(newchild, self.per_field, self.boost)

    def copy(self) -> _PhraseCheckMatcher:
        copied = [
            [(offset, [leaf.copy() for leaf in leaves]) for offset, leaves in slots]
            for slots in self.per_field
        ]
        return _PhraseCheckMatcher(self.child.copy(), copied, self.boost)

    def supports_block_quality(self) -> bool:
        return False

    def next(self) -> None:
        self.child.next()
        self._settle()

    def skip_to(self, docnum: int) -> None:
        self.child.skip_to(docnum)
        self._settle()

    def _settle(self) -> None:
        while self.child.is_active() and not self._holds(self.child.id()):
            self.child.next()

    def _holds(self, docnum: int) -> bool:
        return _phrase_holds(self.per_field, docnum)


def _phrase_holds(per_field: list[list[tuple[int, list[Postings]]]], docnum: int) -> bool:
    """Whether every slot's terms stand at its offset in one field, with stop words
    between where the slots stand apart (documents asked in order)."""
    for slots in per_field:
        found: list[tuple[int, set[int]]] = []
        for offset, leaves in slots:
            positions: set[int] = set()
            for leaf in leaves:
                here = leaf.value(docnum, "positions")
                if here is not None:
                    positions.update(here)
            if not positions:
                break
            found.append((offset, positions))
        else:
            (_, first), rest = found[0], found[1:]
            starts = [s for s in first if all(s + offset in where for offset, where in rest)]
            if starts and _across_stops(slots, docnum, starts):
                return True
    return False


def _across_stops(slots: list[tuple[int, list[Postings]]], docnum: int, starts: list[int]) -> bool:
    """Whether the phrase of `slots` found at one of `starts` holds stop words in its
    gaps (`index.stops`)."""
    gaps = gaps_between(offset for offset, _ in slots)
    leaf = slots[0][1][0]
    return across_stops(leaf.reader, leaf.fieldname, docnum, starts, gaps)
