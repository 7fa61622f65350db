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

A posting block unpickled is kept for a while (`load_block`): the phrases of one
search that hold a word, its scores and the page's marks read its blocks once.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.query import spans

from index.postings import UNREADABLE, Postings, term_info
from index.query_classes import Boosted, Phrase, PhraseSlots, PrefixOr, VerifiedPhrase
from index.stops import across_stops, gaps_between, stop_column
from index.term_scores import Within, matched, term_documents, term_ids, term_scores


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


def _scores(
    query: wq.Query, searcher: Any, context: Any, within: Within = None
) -> dict[int, float]:
    """(docnum, score) of every document `query` matches in one segment (of those
    `within`, see Within): the shapes the compiler builds scored here a posting block
    at a time, any other by Whoosh's matcher (`matched`). None from a shape's scorer:
    Whoosh's matcher scores that one."""
    kind = type(query)
    if kind is wq.Term and query.boost == 1.0 and not query.minquality:
        return term_scores(query.fieldname, query.text, searcher, within)
    if query is wq.NullQuery:
        return {}
    scored: dict[int, float] | None = None
    if isinstance(query, Boosted):
        scored = _boosted_scores(query, searcher, context, within)
    elif kind in (wq.Or, wq.And, PrefixOr):
        scored = _compound_scores(query, searcher, context, within)
    elif kind is wq.AndNot and query.boost == 1.0:
        scored = _and_not_scores(query, searcher, context, within)
    elif kind is wq.AndMaybe and query.boost == 1.0:
        scored = _and_maybe_scores(query, searcher, context, within)
    elif isinstance(query, VerifiedPhrase):
        scored = _verified_phrase_scores(query, searcher, context, within)
    elif kind is Phrase or kind is spans.SpanNear2:
        scored = _span_phrase_scores(query, searcher, within)
    return matched(query.matcher(searcher, context)) if scored is None else scored


def _boosted_scores(
    query: Boosted, searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """WrappingMatcher with a boost: the child's scores scaled."""
    boost = query.boost
    return {d: s * boost for d, s in _scores(query.child, searcher, context, within).items()}


def _compound_scores(
    query: wq.CompoundQuery, searcher: Any, context: Any, within: Within
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
        return _scores(subs[0], searcher, context, within)
    if _preloaded(query, searcher, context):
        return _array_union_scores(subs, searcher, context, within)
    if kind is wq.And and len(subs) > 2:
        grouped = _intersection_tree(subs, searcher.reader())
        if grouped is None:
            return None
        return _intersect_tree(grouped, subs, searcher, context, within)
    if len(subs) != 2:
        return None
    if kind is wq.And:
        # One pair: its two scores add alike whichever Whoosh's tree puts first.
        return _intersect_tree((0, 1), subs, searcher, context, within)
    return _union_scores(subs, searcher, context, within)


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


def _array_union_scores(
    subs: Sequence[wq.Query], searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """ArrayUnionMatcher: each part's scores added in order, kept when > 0."""
    total: dict[int, float] = {}
    for sub in subs:
        for docnum, score in _scores(sub, searcher, context, within).items():
            total[docnum] = total.get(docnum, 0.0) + score
    return {d: s for d, s in total.items() if s > 0}


def _union_scores(
    subs: Sequence[wq.Query], searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """UnionMatcher of two parts: a document's scores in each added (in the first's order)."""
    first = _scores(subs[0], searcher, context, within)
    second = _scores(subs[1], searcher, context, within)
    union = dict(first)
    for docnum, score in second.items():
        union[docnum] = union[docnum] + score if docnum in union else score
    return union


def _and_not_scores(
    query: wq.AndNot, searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """AndNotMatcher: the positive part's scores, but where the excluded part matches."""
    positive = _scores(query.a, searcher, context, within)
    if not positive:
        return {}
    excluded = _scores(query.b, searcher, context, within)
    return {d: s for d, s in positive.items() if d not in excluded}


def _and_maybe_scores(
    query: wq.AndMaybe, searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """AndMaybeMatcher: the required part's scores, plus the optional part's where it matches."""
    required = _scores(query.a, searcher, context, within)
    if not required:
        return {}
    optional = _scores(query.b, searcher, context, within)
    return {d: s + optional[d] if d in optional else s for d, s in required.items()}


def _verified_phrase_scores(
    query: VerifiedPhrase, searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    """_PhraseCheckMatcher: the child's score, for the documents whose positions hold.

    The documents the child may match are found first from its terms' documents alone
    (`_candidates`), the phrase checked in those, and the child scored in the few
    that hold it: a prefix's 32 terms were scored in every document holding them
    (日本人がお over ldcc: ~2,300 postings a segment, a lookup of each term's
    frequency in every segment) for the 6 documents the phrase is in."""
    found = _candidates(query.child, searcher)
    if found is None:  # a shape whose documents only its scores tell
        candidates = _scores(query.child, searcher, context, within)
        docs = sorted(candidates) if within is None else [d for d in within if d in candidates]
    else:
        docs = sorted(found) if within is None else [d for d in within if d in found]
    if not docs:
        return {}
    held = sorted(_phrase_holders(query, searcher, docs))
    if not held:
        return {}
    if found is not None:
        candidates = _scores(query.child, searcher, context, held)
    return {d: candidates[d] for d in held if d in candidates}


def _candidates(query: wq.Query, searcher: Any) -> AbstractSet[int] | None:
    """Documents of one segment holding what `query` must: every one it matches, maybe
    more (the terms of an AND, of an OR, without their positions or scores); None for a
    shape this cannot tell."""
    kind = type(query)
    if kind is wq.Term:
        return term_ids(searcher, query.fieldname, query.text)
    if query is wq.NullQuery:
        return frozenset()
    if isinstance(query, Boosted | VerifiedPhrase):
        return _candidates(query.child, searcher)
    if kind in (wq.Or, PrefixOr):
        union: set[int] = set()
        for sub in query.subqueries:
            found = _candidates(sub, searcher)
            if found is None:
                return None
            union.update(found)
        return union
    if kind is wq.And:
        parts = [
            found for sub in query.subqueries if (found := _candidates(sub, searcher)) is not None
        ]
        if not parts:
            return None
        parts.sort(key=len)
        common = set(parts[0])
        for part in parts[1:]:
            common.intersection_update(part)
            if not common:
                break
        return common
    return None


def _phrase_holders(query: VerifiedPhrase, searcher: Any, docs: Sequence[int]) -> set[int]:
    """Those of `docs` (ascending) in which one field holds every slot's terms at its
    offset (`_phrase_holds` of each), found a slot at a time.

    Asked a document at a time, each of a prefix's 32 terms was looked up and read in
    every candidate, though each holds a few of them (日本のさ over ldcc: ~38,000 looks
    for ~3,400 postings, ~40 ms a segment). Here a term is read only in the documents
    still in the running that the search just found it in (`term_documents`); the
    slots whose terms stand fewest times in the segment go first, so that a word
    standing everywhere (為る of した話, ~20 times an article) is read last, in the
    documents the others left, and only checked there: a document is held as soon
    as one of its places is."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    held: set[int] = set()
    for fieldname in query.fieldnames:
        running = [docnum for docnum in docs if docnum not in held]
        paired = _paired(searcher, fieldname, query.slots)
        if paired is not None:
            running = [docnum for docnum in running if docnum in paired]
        starts: dict[int, set[int]] = {}
        slots = sorted(query.slots, key=lambda slot: _occurrences(reader, fieldname, slot[1]))
        last = len(slots) - 1
        for number, (offset, terms) in enumerate(slots):
            shift = (-offset).__add__  # a position, as where the phrase would begin
            here: dict[int, set[int]] = {}
            confirmed: set[int] = set()
            for term in terms:
                known = term_documents(searcher, fieldname, term)
                if number and number == last:  # checked only, in those not held yet
                    wanted = [
                        d for d in running if d not in confirmed and (known is None or d in known)
                    ]
                else:
                    wanted = running if known is None else [d for d in running if d in known]
                if not wanted:
                    continue
                found = Postings(reader, fieldname, term, top).positions_in(wanted)
                if number and number == last:
                    for docnum, positions in found.items():
                        if not starts[docnum].isdisjoint(
                            map(shift, positions) if offset else positions
                        ):
                            confirmed.add(docnum)
                    continue
                for docnum, positions in found.items():
                    moved = set(map(shift, positions)) if offset else set(positions)
                    if docnum in here:
                        here[docnum] |= moved
                    else:
                        here[docnum] = moved
            if number and number == last:
                running = sorted(confirmed)
                break
            if number:
                starts = {
                    d: both for d, at in starts.items() if d in here and (both := at & here[d])
                }
            else:
                starts = here
            running = sorted(starts)
            if not running:
                break
        if last and running:
            running = _held_across_stops(
                searcher, fieldname, query.slots, starts, running, slots[-1]
            )
        held.update(running)
    return held


def _held_across_stops(
    searcher: Any,
    fieldname: str,
    slots: PhraseSlots,
    starts: dict[int, set[int]],
    running: list[int],
    checked: tuple[int, Sequence[str]],
) -> list[int]:
    """Those of `running`, the documents of one segment holding the phrase of `slots` at
    one of their `starts` at least (its words but the slot `checked` last in place), in
    which stop words stand in the phrase's gaps (`index.stops`): 東京の大学 is not in
    東京工業大学. Checked once the phrase is found: before its last slot, ところがあ and
    した話 as typed were checked in 1,000-1,600 documents a segment (2-5 ms), after it
    in 50-100. Where some of a document's `starts` hold stop words and some do not, the
    last slot is read again in it."""
    gaps = gaps_between(offset for offset, _ in slots)
    reader = searcher.reader()
    column = stop_column(reader, fieldname) if gaps else None
    if column is None:
        return running
    holds = column.holds
    kept: list[int] = []
    unsure: dict[int, set[int]] = {}
    for docnum in running:
        at = starts[docnum]
        here = {start for start in at if holds(docnum, start, gaps)}
        if len(here) == len(at):
            kept.append(docnum)
        elif here:
            unsure[docnum] = here
    if unsure:
        offset, terms = checked
        top = searcher.get_parent().reader()
        wanted = sorted(unsure)
        for term in terms:
            for docnum, positions in (
                Postings(reader, fieldname, term, top).positions_in(wanted).items()
            ):
                places = unsure.get(docnum)
                if places is not None and not places.isdisjoint(p - offset for p in positions):
                    kept.append(docnum)
                    del unsure[docnum]
    return sorted(kept)


PAIRED_KEYS = 4
"""Two slots side by side are looked for in the `pairs` field when they make this many
pairs at most (`_paired`)."""


def _paired(searcher: Any, fieldname: str, slots: PhraseSlots) -> AbstractSet[int] | None:
    """The documents of one segment holding, for each two slots of a phrase side by side
    (日本|人 of 日本人がお), one of their pairs in the `pairs` field, which pairs every
    two words of the content fields standing side by side (index.analysis.PairFilter):
    every document where they stand so in `fieldname`, and more. None when no two
    slots are checked so (nor the field paired).

    The check by position read 日本 and 人 in each of ~840 documents a segment holding
    them and a word お begins; ~190 hold the pair."""
    from index.analysis import MAX_PAIR_GAP, pair_key
    from index.schema import TEXT_FIELDS

    if fieldname not in TEXT_FIELDS or "pairs" not in searcher.schema or MAX_PAIR_GAP < 1:
        return None
    found: set[int] | None = None
    for (offset, terms), (after, following) in itertools.pairwise(sorted(slots)):
        if after - offset != 1 or len(terms) * len(following) > PAIRED_KEYS:
            continue
        docs: set[int] = set()
        for first in terms:
            for second in following:
                docs.update(term_ids(searcher, "pairs", pair_key(first, second)))
        found = docs if found is None else found & docs
    return found


def _occurrences(reader: Any, fieldname: str, terms: Sequence[str]) -> float:
    """How many times `terms` stand in all in the field of segment `reader` (from their
    term infos), or 0 where that cannot be read."""
    total = 0.0
    for term in terms:
        info = term_info(reader, fieldname, term)
        if info is not None and info is not UNREADABLE:
            total += info[3]
    return total


def _span_phrase_scores(
    query: spans.SpanNear2, searcher: Any, within: Within
) -> dict[int, float] | None:
    """A phrase as the compiler's _phrase builds it (`_phrase_chain`); None for any other
    span query."""
    chain = _phrase_chain(query)
    return None if chain is None else _phrase_scores(chain[0], chain[1], searcher, within)


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
    tree: _Tree, subs: Sequence[wq.Query], searcher: Any, context: Any, within: Within
) -> dict[int, float]:
    if isinstance(tree, int):
        return _scores(subs[tree], searcher, context, within)
    first = _intersect_tree(tree[0], subs, searcher, context, within)
    if not first:
        return {}
    second = _intersect_tree(tree[1], subs, searcher, context, within)
    return {d: s + second[d] for d, s in first.items() if d in second}


def _phrase_chain(query: Any) -> tuple[str, list[tuple[str, int]]] | None:
    """(field, [(term, gap from the term before)]) of a phrase as the compiler's _phrase
    builds it (SpanNear2 nested to the left, exact gaps), or None for any other span query."""
    chain: list[tuple[str, int]] = []
    while True:
        if not isinstance(query, spans.SpanNear2) or len(query.qs) != 2:
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


def _phrase_scores(
    fieldname: str, chain: list[tuple[str, int]], searcher: Any, within: Within
) -> dict[int, float]:
    """A phrase's documents and scores: SpanNear2 scores the terms' intersection
    ((a + b) + c), for the documents where each term stands its gap after the last."""
    scores = term_scores(fieldname, chain[0][0], searcher, within)
    for term, _ in chain[1:]:
        if not scores:
            return {}
        following = term_scores(fieldname, term, searcher, within)
        scores = {d: s + following[d] for d, s in scores.items() if d in following}
    if not scores:
        return {}
    # A term at a time over the documents still in the running (each term's positions
    # decoded as `Postings.positions_in` decodes them, not by Whoosh's loop in Python).
    reader, top = searcher.reader(), searcher.get_parent().reader()
    running = sorted(scores)
    ends: dict[int, set[int]] = {}
    for number, (term, gap) in enumerate(chain):
        found = Postings(reader, fieldname, term, top).positions_in(running)
        if number:
            ends = {
                d: here
                for d, positions in found.items()
                if (here := {p for p in positions if p - gap in ends[d]})
            }
        else:
            ends = {d: set(positions) for d, positions in found.items()}
        running = list(ends)
        if not running:
            return {}
    offsets = list(accumulate(gap for _, gap in chain))
    gaps, length = gaps_between(offsets), offsets[-1]
    if gaps:  # stop words between the words standing apart (index.stops)
        running = [
            d
            for d in running
            if across_stops(reader, fieldname, d, [end - length for end in ends[d]], gaps)
        ]
    return {d: scores[d] for d in running}
