"""Scoring every match of a compiled query a posting block at a time, reading
postings straight from a segment; and the query classes of the project's own that
`index.compiler` builds (they read postings too, and are scored here by type).

A results page needs the count and the best 20, which means scoring every match
(BM25 ranks only once all are scored). Whoosh's collector walks the matcher tree
document by document, several method calls per node and match; the shapes
`index.compiler` compiles to (terms, unions and intersections of any width, grouped
as Whoosh's weighted tree groups them, AND-NOT, AND-MAYBE, boosts, prefix unions,
span phrases and position-verified phrases) are scored here a posting block at a
time instead, with Whoosh's own BM25F scorer and the same additions in the same
order, so the scores are the same floats. Any other shape (date ranges, say, or an
AND whose equal-sized parts would have Whoosh compare matchers) is left to Whoosh's
matcher for that part.

A posting block unpickled is kept for a while (`_load_block`): the phrases of one
search that hold a word, its scores and the page's marks read its blocks once.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import Any

from whoosh import formats
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, W3TermsReader
from whoosh.columns import NumericColumn
from whoosh.compat import loads
from whoosh.matching import NullMatcher, WrappingMatcher
from whoosh.query import spans
from whoosh.query.wrappers import WrappingQuery
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from index.reader_cache import ReaderCache

# -- the compiler's own query classes -----------------------------------------------------


class PrefixOr(wq.Or):  # type: ignore[misc]
    """The terms a prefix stands for: read into arrays once instead of a tree of
    ~200 union matchers, which Whoosh walks document by document in Python."""

    matcher_type = wq.Or.ARRAY_MATCHER


class SpanAny(spans.SpanOr):  # type: ignore[misc]
    """Any of several terms in one place of a phrase (the longer words a phrase's last
    word ends in, index.compiler.word_ends). Whoosh's SpanOr has no size estimates: an
    AND of three parts or more asks each part for one (`_intersection_tree`), and
    `title:東京都 マンガ 規制` raised NotImplementedError there. Its sizes are its Or's."""

    def estimate_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_size(ixreader))

    def estimate_min_size(self, ixreader: Any) -> int:
        return int(self.q.estimate_min_size(ixreader))


class Boosted(WrappingQuery):  # type: ignore[misc]
    """Scales a field's score at query time: BM25 saturates term frequency, so the
    schema's field_boost alone let two body mentions outrank a title."""

    def __init__(self, child: wq.Query, boost: float) -> None:
        super().__init__(child)
        self.boost = boost

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
    """Whether every slot's terms stand at its offset in one field (documents asked in order)."""
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
            if any(all(start + offset in where for offset, where in rest) for start in first):
                return True
    return False


# -- scoring every match ------------------------------------------------------------------

# Each segment's lengths of a field, as BM25F reads them (`_lengths`): one list per
# field of each open segment, no more to drop.
_field_lengths: ReaderCache[str, list[int]] = ReaderCache()


def score_all(searcher: Any, query: wq.Query) -> list[tuple[int, float]]:
    """(docnum, score) of every document `query` matches, in no particular order
    (a page needs only its best few: see index.search)."""
    context = searcher.context()
    found: list[tuple[int, float]] = []
    for subsearcher, offset in searcher.leaf_searchers():
        scores = _scores(query, subsearcher, context)
        found.extend((docnum + offset, score) for docnum, score in scores.items())
    return found


def by_relevance(item: tuple[int, float]) -> tuple[float, int]:
    """Sort key: best score first, then by docnum (Whoosh's order for an unlimited search)."""
    return (-item[1], item[0])


def _scores(query: wq.Query, searcher: Any, context: Any) -> dict[int, float]:
    """(docnum, score) of every document `query` matches in one segment: the shapes the
    compiler builds scored here a posting block at a time, any other by Whoosh's matcher
    (`_matched`). None from a shape's scorer: Whoosh's matcher scores that one."""
    kind = type(query)
    if kind is wq.Term and query.boost == 1.0 and not query.minquality:
        return _term_scores(query.fieldname, query.text, searcher)
    if query is wq.NullQuery:
        return {}
    scored: dict[int, float] | None = None
    if isinstance(query, Boosted):
        scored = _boosted_scores(query, searcher, context)
    elif kind in (wq.Or, wq.And, PrefixOr):
        scored = _compound_scores(query, searcher, context)
    elif kind is wq.AndNot and query.boost == 1.0:
        scored = _and_not_scores(query, searcher, context)
    elif kind is wq.AndMaybe and query.boost == 1.0:
        scored = _and_maybe_scores(query, searcher, context)
    elif isinstance(query, VerifiedPhrase):
        scored = _verified_phrase_scores(query, searcher, context)
    elif kind is spans.SpanNear2:
        scored = _span_phrase_scores(query, searcher)
    return _matched(query.matcher(searcher, context)) if scored is None else scored


def _boosted_scores(query: Boosted, searcher: Any, context: Any) -> dict[int, float]:
    """WrappingMatcher with a boost: the child's scores scaled."""
    boost = query.boost
    return {d: s * boost for d, s in _scores(query.child, searcher, context).items()}


def _compound_scores(
    query: wq.CompoundQuery, searcher: Any, context: Any
) -> dict[int, float] | None:
    """An OR or AND (or a prefix's terms) as Whoosh's matcher for it adds its parts'
    scores; None for a shape left to Whoosh (a boost, minmatch or scale, an OR of three
    parts or more matched a document at a time, an AND whose tree Whoosh would build
    comparing matchers)."""
    kind = type(query)
    subs = query.subqueries
    if query.boost != 1.0 or (kind is not wq.And and (query.minmatch or query.scale)):
        return None
    if not subs:
        return {}
    if len(subs) == 1:
        return _scores(subs[0], searcher, context)
    if _preloaded(query, searcher, context):
        return _array_union_scores(subs, searcher, context)
    if kind is wq.And and len(subs) > 2:
        grouped = _intersection_tree(subs, searcher.reader())
        return None if grouped is None else _intersect_tree(grouped, subs, searcher, context)
    if len(subs) != 2:
        return None
    if kind is wq.And:
        # One pair: its two scores add alike whichever Whoosh's tree puts first.
        return _intersect_tree((0, 1), subs, searcher, context)
    return _union_scores(subs, searcher, context)


def _preloaded(query: wq.CompoundQuery, searcher: Any, context: Any) -> bool:
    """Whether Whoosh matches this OR with its ArrayUnionMatcher (every part's postings
    read at once): a prefix's terms always, else Or's AUTO choice for three parts or
    more (see wq.Or._matcher)."""
    kind = type(query)
    return kind is PrefixOr or (
        kind is wq.Or
        and len(query.subqueries) > 2
        and not context.needs_current
        and (searcher.doc_count_all() <= 5000 or len(query.subqueries) >= wq.Or.TOO_MANY_CLAUSES)
    )


def _array_union_scores(subs: Sequence[wq.Query], searcher: Any, context: Any) -> dict[int, float]:
    """ArrayUnionMatcher: each part's scores added in order, kept when > 0."""
    total: dict[int, float] = {}
    for sub in subs:
        for docnum, score in _scores(sub, searcher, context).items():
            total[docnum] = total.get(docnum, 0.0) + score
    return {d: s for d, s in total.items() if s > 0}


def _union_scores(subs: Sequence[wq.Query], searcher: Any, context: Any) -> dict[int, float]:
    """UnionMatcher of two parts: a document's scores in each added (in the first's order)."""
    first = _scores(subs[0], searcher, context)
    second = _scores(subs[1], searcher, context)
    union = dict(first)
    for docnum, score in second.items():
        union[docnum] = union[docnum] + score if docnum in union else score
    return union


def _and_not_scores(query: wq.AndNot, searcher: Any, context: Any) -> dict[int, float]:
    """AndNotMatcher: the positive part's scores, but where the excluded part matches."""
    positive = _scores(query.a, searcher, context)
    if not positive:
        return {}
    excluded = _scores(query.b, searcher, context)
    return {d: s for d, s in positive.items() if d not in excluded}


def _and_maybe_scores(query: wq.AndMaybe, searcher: Any, context: Any) -> dict[int, float]:
    """AndMaybeMatcher: the required part's scores, plus the optional part's where it matches."""
    required = _scores(query.a, searcher, context)
    if not required:
        return {}
    optional = _scores(query.b, searcher, context)
    return {d: s + optional[d] if d in optional else s for d, s in required.items()}


def _verified_phrase_scores(query: VerifiedPhrase, searcher: Any, context: Any) -> dict[int, float]:
    """_PhraseCheckMatcher: the child's score, for the documents whose positions hold."""
    candidates = _scores(query.child, searcher, context)
    if not candidates:
        return {}
    held = _phrase_holders(query, searcher, sorted(candidates))
    return {d: candidates[d] for d in sorted(held)}


def _phrase_holders(query: VerifiedPhrase, searcher: Any, docs: list[int]) -> set[int]:
    """Those of `docs` (ascending) in which one field holds every slot's terms at its
    offset (`_phrase_holds` of each), found a slot at a time.

    Asked a document at a time, each of a prefix's 32 terms was looked up and read in
    every candidate, though each holds a few of them (日本のさ over ldcc: ~38,000 looks
    for ~3,400 postings, ~40 ms a segment). Here a term is read only in the documents
    still in the running that the search just found it in (`term_documents`), and the
    slots of fewest terms go first: a word alone leaves fewer documents for a prefix's
    many terms to be read in."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    held: set[int] = set()
    for fieldname in query.fieldnames:
        running = [docnum for docnum in docs if docnum not in held]
        starts: dict[int, set[int]] = {}
        slots = sorted(query.slots, key=lambda slot: len(slot[1]))
        for number, (offset, terms) in enumerate(slots):
            shift = (-offset).__add__  # a position, as where the phrase would begin
            here: dict[int, set[int]] = {}
            for term in terms:
                known = term_documents(searcher, fieldname, term)
                wanted = running if known is None else [d for d in running if d in known]
                if not wanted:
                    continue
                for docnum, positions in (
                    Postings(reader, fieldname, term, top).positions_in(wanted).items()
                ):
                    moved = set(map(shift, positions)) if offset else set(positions)
                    if docnum in here:
                        here[docnum] |= moved
                    else:
                        here[docnum] = moved
            if number:
                starts = {
                    d: both for d, at in starts.items() if d in here and (both := at & here[d])
                }
            else:
                starts = here
            running = sorted(starts)
            if not running:
                break
        held.update(running)
    return held


def _span_phrase_scores(query: spans.SpanNear2, searcher: Any) -> dict[int, float] | None:
    """A phrase as the compiler's _phrase builds it (`_phrase_chain`); None for any other
    span query."""
    chain = _phrase_chain(query)
    return None if chain is None else _phrase_scores(chain[0], chain[1], searcher)


def _matched(matcher: Any) -> dict[int, float]:
    """Every document a Whoosh matcher matches, with its score (Whoosh's own way)."""
    found: dict[int, float] = {}
    while matcher.is_active():
        found[matcher.id()] = matcher.score()
        matcher.next()
    return found


# A binary tree over the parts of an AND: a part's index, or a pair of trees.
_Tree = int | tuple[Any, Any]


def _intersection_tree(subs: Sequence[wq.Query], reader: Any) -> _Tree | None:
    """How Whoosh groups an AND of three parts or more (make_weighted_tree over
    minus each part's estimated size), or None when equal weights would have it
    compare matchers to break the tie."""
    weighted: list[tuple[int, _Tree]] = [
        (-sub.estimate_size(reader), index) for index, sub in enumerate(subs)
    ]
    if len({weight for weight, _ in weighted}) < len(weighted):
        return None
    weighted.sort(key=lambda item: item[0])
    while len(weighted) > 1:
        (first_weight, first), (second_weight, second) = weighted[0], weighted[1]
        del weighted[:2]
        joined = first_weight + second_weight
        if any(weight == joined for weight, _ in weighted):
            return None
        bisect.insort(weighted, (joined, (first, second)), key=lambda item: item[0])
    return weighted[0][1]


def _intersect_tree(
    tree: _Tree, subs: Sequence[wq.Query], searcher: Any, context: Any
) -> dict[int, float]:
    if isinstance(tree, int):
        return _scores(subs[tree], searcher, context)
    first = _intersect_tree(tree[0], subs, searcher, context)
    if not first:
        return {}
    second = _intersect_tree(tree[1], subs, searcher, context)
    return {d: s + second[d] for d, s in first.items() if d in second}


def _phrase_chain(query: Any) -> tuple[str, list[tuple[str, int]]] | None:
    """(field, [(term, gap from the term before)]) of a phrase as the compiler's _phrase
    builds it (SpanNear2 nested to the left, exact gaps), or None for any other span query."""
    chain: list[tuple[str, int]] = []
    while True:
        if type(query) is not spans.SpanNear2 or len(query.qs) != 2:
            return None
        left, right = query.qs
        if not (query.ordered and query.slop == query.mindist and type(right) is wq.Term):
            return None
        chain.append((right.text, query.slop))
        if type(left) is wq.Term:
            chain.append((left.text, 0))
            break
        query = left
    fieldnames = {q.fieldname for q in query.qs}
    if len(fieldnames) != 1 or any(q.boost != 1.0 for q in query.qs):
        return None
    chain.reverse()
    return fieldnames.pop(), chain


def _phrase_scores(fieldname: str, chain: list[tuple[str, int]], searcher: Any) -> dict[int, float]:
    """A phrase's documents and scores: SpanNear2 scores the terms' intersection
    ((a + b) + c), for the documents where each term stands its gap after the last."""
    scores = _term_scores(fieldname, chain[0][0], searcher)
    for term, _ in chain[1:]:
        if not scores:
            return {}
        following = _term_scores(fieldname, term, searcher)
        scores = {d: s + following[d] for d, s in scores.items() if d in following}
    if not scores:
        return {}
    reader, top = searcher.reader(), searcher.get_parent().reader()
    leaves = [(Postings(reader, fieldname, term, top), gap) for term, gap in chain]
    found: dict[int, float] = {}
    for docnum in sorted(scores):
        ends: set[int] | None = None
        for leaf, gap in leaves:
            positions = leaf.value(docnum, "positions")
            if positions is None:
                break
            ends = set(positions) if ends is None else {p for p in positions if p - gap in ends}
            if not ends:
                break
        else:
            found[docnum] = scores[docnum]
    return found


# Each term's scores in each segment, kept per open reader: as-you-type asks for
# the same terms keystroke after keystroke (すまーと for スマ, スマー, スマート...),
# and decoding a posting block unpickles its positions and characters too.
# Bounded by the postings held. The dicts are shared: never mutated once cached.
# A segment is named by its reader's id(), not the reader: with one segment the
# leaf reader is the top reader, and a value holding its own weak key would keep
# the entry (and the reader) alive for good. While the top reader lives, so do its
# leaves, so their ids are not reused.
TERM_CACHE_POSTINGS = 150_000


_term_cache: ReaderCache[tuple[int, str, str], dict[int, float]] = ReaderCache(
    lambda: TERM_CACHE_POSTINGS
)


def term_documents(searcher: Any, fieldname: str, text: str) -> dict[int, float] | None:
    """The segment's documents holding `text`, with scores, if a search scored it lately."""
    return _term_cache.get(searcher.get_parent().reader(), (id(searcher.reader()), fieldname, text))


def _term_scores(fieldname: str, text: str, searcher: Any) -> dict[int, float]:
    # Scores depend on the whole index's statistics: keyed by the top reader too.
    top = searcher.get_parent().reader()
    key = (id(searcher.reader()), fieldname, text)
    found = _term_cache.get(top, key)
    if found is None:
        found = _read_term_scores(fieldname, text, searcher)
        _term_cache.put(top, key, found, len(found))
    return found


def bm25_parameters(weighting: Any, fieldname: str) -> tuple[float, float]:
    """(b, k1) of a BM25F `weighting` for `fieldname`, as its scorer takes them: the
    field's own B (Whoosh keeps those in the private `_field_B`, from `<field>_B=`
    arguments), else the weighting's B. The one place that reads `_field_B`."""
    return weighting._field_B.get(fieldname, weighting.B), weighting.K1


def _read_term_scores(fieldname: str, text: str, searcher: Any) -> dict[int, float]:
    matcher = leaf_postings(searcher.reader(), fieldname, text)
    if matcher is None:
        return {}
    weighting = searcher.weighting
    if (
        matcher is UNREADABLE
        or type(weighting) is not BM25F
        or not searcher.schema[fieldname].scorable
    ):
        return _matched(searcher.postings(fieldname, text))  # Whoosh's matcher and scorer
    # BM25FScorer's figures, from the whole index (the leaf searcher's parent)
    parent = searcher.get_parent()
    idf = parent.idf(fieldname, text)
    avgfl = parent.avg_field_length(fieldname) or 1
    b, k1 = bm25_parameters(weighting, fieldname)
    lengths = _lengths(searcher, fieldname)
    reader, top = searcher.reader(), parent.reader()
    found: dict[int, float] = {}
    # A block at a time through the leaf matcher's own arrays (whoosh-reloaded is
    # pinned exactly; these attributes are how its id() and weight() read them).
    while matcher.is_active():
        if matcher._data is None:
            _load_block(matcher, reader, top)
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        ids, weights, end = matcher._ids, matcher._weights, matcher._blocklength
        for index in range(matcher._i, end):
            tf = weights[index]
            docnum = ids[index]
            length = lengths[docnum]
            if length < 0:
                length = lengths[docnum] = searcher.doc_field_length(docnum, fieldname, 1)
            # whoosh.scoring.bm25, term for term
            found[docnum] = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * length / avgfl)))
        matcher._i = end - 1
        matcher.next()
    if reader.has_deletions():
        for docnum in reader.deleted_docs_set.intersection(found):
            del found[docnum]
    return found


# Posting blocks unpickled lately, kept per open reader (as the term cache): each
# phrase holding a term read its blocks again, after its scores had, and the page's
# marks once more. A word MeCab reads two ways is two phrases with the same words
# (付ける|事 and 付く|事, as typed since the other lemmas are): 事's 25 blocks in each
# ldcc segment cost ~1.8 ms a read, read three times. Bounded by the blocks' bytes on
# disk (~1.6 times that in memory); a block is named by its segment and offset.
BLOCK_CACHE_BYTES = 4_000_000
_block_cache: ReaderCache[tuple[int, int], Any] = ReaderCache(lambda: BLOCK_CACHE_BYTES)


def _load_block(matcher: Any, reader: Any, top: Any) -> None:
    """Unpickle the current block of a W3LeafMatcher of segment `reader` (its ids,
    weights and values, as its _read_data does) and decode its ids, or take both from
    what `top`'s searches read lately. The data is shared: Whoosh's matcher only reads it."""
    key = (id(reader), matcher._dataoffset)
    found = None if top is None else _block_cache.get(top, key)
    if found is not None:
        matcher._data, matcher._ids = found
        return
    matcher._read_data()
    ids = matcher._data[0]
    # as its _read_ids does (delta_decode, a generator: ~15% of reading a prefix's terms)
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))
    if top is not None:
        size = matcher._nextoffset - matcher._dataoffset
        _block_cache.put(top, key, (matcher._data, matcher._ids), size)


UNREADABLE: Any = NullMatcher()
"""leaf_postings: a segment not laid out as W3Codec writes it (Whoosh's matchers read it)."""


def leaf_postings(reader: Any, fieldname: str, text: str) -> Any:
    """A term's postings in one segment as a bare W3LeafMatcher (no scorer, deleted
    documents included), None when the segment lacks the term, or UNREADABLE.

    One look-up of the term: `reader.postings` looks it up again after the
    `in` check, and a scorer twice more (~0.1 ms a term, and an as-you-type
    prefix reads a hundred terms or more).
    """
    terms: Any = getattr(reader, "_terms", None)
    if type(terms) is not W3TermsReader or fieldname not in reader.schema:
        return UNREADABLE
    try:
        info = terms.term_info(fieldname, reader._text_to_bytes(fieldname, text))
    except TermNotFound:
        return None
    if info.is_inlined():
        return UNREADABLE
    offset, length = info.extent()
    return W3LeafMatcher(terms._postfile, offset, length, reader.schema[fieldname].format)


def _lengths(searcher: Any, fieldname: str) -> list[int]:
    """Documents' lengths of `fieldname` in one segment as BM25F's scorer reads them:
    the segment's length column read in one go, or, where that cannot be read so,
    each length filled in when first needed (-1 until then)."""
    reader = searcher.reader()
    lengths = _field_lengths.get(reader, fieldname)
    if lengths is None:
        lengths = _column_lengths(reader, fieldname)
        if lengths is None or len(lengths) != searcher.doc_count_all():
            lengths = [-1] * searcher.doc_count_all()
        lengths = _field_lengths.put(reader, fieldname, lengths)
    return lengths


_BYTE_LENGTHS = [byte_to_length(value) if value else -1 for value in range(256)]


def _column_lengths(reader: Any, fieldname: str) -> list[int] | None:
    """The segment's whole length column in one read (what doc_field_length reads
    a byte at a time: a common term's first search spent ~15 ms there), or None
    when the segment is not laid out as whoosh3 writes it."""
    perdoc = getattr(reader, "_perdoc", None)
    if not isinstance(perdoc, W3PerDocReader):
        return None
    column = perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    stored = bytes(column._dbfile.get(column._basepos, column._count)) if column._count else b""
    missing = column._doccount - len(stored)
    return [_BYTE_LENGTHS[value] for value in stored] + [-1] * missing


_first = operator.itemgetter(0)


def _positions_decoder(format: Any) -> Callable[[bytes], list[int]]:
    """The decoder of a posting's positions for `format`: for the formats of the
    content fields, Whoosh's own (`Positions.decode_positions`, a loop in Python over
    each position: half of a phrase's check, 7,400 postings for した話 over ldcc) done
    by `accumulate` instead; for any other, Whoosh's."""
    kind = type(format)
    if kind is not formats.Characters and kind is not formats.Positions:
        decoder: Callable[[bytes], list[int]] = format.decoder("positions")
        return decoder

    def decode(value: bytes) -> list[int]:
        if not value.endswith(b"."):
            value += b"."
        codes = loads(value[_INT_SIZE:])  # as Whoosh reads it (a trusted index's bytes)
        return list(accumulate(map(_first, codes) if kind is formats.Characters else codes))

    return decode


class Postings:
    """One term's postings in one segment, read forward for the values of documents
    asked in ascending order (the hits of a page, the candidates of a phrase).

    Blocks ending before a document are passed by their headers alone, and the
    document is found in its block by bisection: Whoosh's skip_to compares ids
    one method call at a time. A segment not laid out as W3Codec writes it is
    read through Whoosh's matcher.

    `top`, the index's reader (the leaf searcher's parent's): the blocks are shared
    with the other reads of its searches (`_load_block`), a phrase's common word
    unpickled once for its scores and every phrase holding it.
    """

    __slots__ = ("_matcher", "_whoosh", "fieldname", "reader", "text", "top")

    def __init__(self, reader: Any, fieldname: str, text: str, top: Any = None) -> None:
        self.reader, self.fieldname, self.text, self.top = reader, fieldname, text, top
        matcher = leaf_postings(reader, fieldname, text)
        self._whoosh = matcher is UNREADABLE
        if self._whoosh:
            in_reader = (fieldname, text) in reader
            matcher = reader.postings(fieldname, text) if in_reader else None
        self._matcher: Any = matcher
        """None once no document asked for can be found (or the term is not here)."""

    def __bool__(self) -> bool:
        """Whether the segment has the term."""
        return self._matcher is not None

    def copy(self) -> Postings:
        """Postings of the same term read from the start (for a copied matcher)."""
        return Postings(self.reader, self.fieldname, self.text, self.top)

    def positions_in(self, docs: Sequence[int]) -> dict[int, list[int]]:
        """The term's positions in each of `docs` (ascending) that holds it; read forward
        as `value` reads (documents asked later must come after these). A block's ids
        and values are decoded once for all the documents asked in it."""
        found: dict[int, list[int]] = {}
        matcher = self._matcher
        if matcher is None or not docs:
            return found
        if self._whoosh:
            for docnum in docs:
                if (positions := self.value(docnum, "positions")) is not None:
                    found[docnum] = positions
            return found
        decode = _positions_decoder(matcher.format)
        at, count = 0, len(docs)
        while at < count:
            ids = self._block_ids(matcher, docs[at])
            if ids is None:
                return found
            end = bisect.bisect_right(docs, matcher._maxid, at)
            index = matcher._i
            for docnum in docs[at:end]:  # each <= ids[-1], the block's _maxid
                index = bisect.bisect_left(ids, docnum, index)
                if ids[index] == docnum:
                    if matcher._values is None:
                        matcher._read_values()
                    found[docnum] = decode(matcher._values[index])
            matcher._i = index
            at = end
        return found

    def _block_ids(self, matcher: Any, docnum: int) -> Any:
        """The ids of the block that would hold `docnum`, `matcher` moved on to it (its
        data loaded: `_load_block`); None, the postings let go, when `docnum` is past
        the last block."""
        while matcher._maxid < docnum:  # the block's header: no decoding
            if matcher._lastblock:
                self._matcher = None
                return None
            matcher._goto(matcher._nextoffset)
        if matcher._data is None:
            _load_block(matcher, self.reader, self.top)
        if matcher._ids is None:
            matcher._read_ids()
        return matcher._ids

    def value(self, docnum: int, astype: str) -> Any:
        """The posting's value for `docnum` decoded as `astype` ("positions",
        "characters"), or None when the term is not in that document."""
        matcher = self._matcher
        if matcher is None:
            return None
        if self._whoosh:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                self._matcher = None
                return None
            return matcher.value_as(astype) if matcher.id() == docnum else None
        ids = self._block_ids(matcher, docnum)
        if ids is None:
            return None
        index = bisect.bisect_left(ids, docnum, matcher._i)
        matcher._i = index  # ids[-1] is the block's _maxid >= docnum: index is in the block
        if ids[index] != docnum:
            return None
        if matcher._values is None:
            matcher._read_values()
        return matcher.format.decoder(astype)(matcher._values[index])
