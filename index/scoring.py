"""Scoring every match of a compiled query a posting block at a time: the query tree
walked, its parts' scores added up as Whoosh's matchers add them.

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

Beneath the tree: each term's scores and documents, kept per reader
(`index.term_scores`), read from the postings (`index.postings`); which documents hold
a phrase (`index.phrase_checks`); the compiler's own query classes, known here by type
(`index.query_classes`).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from whoosh import query as wq
from whoosh.query import spans

from index.phrase_checks import candidate_documents, phrase_holders, span_phrase_scores
from index.query_classes import Boosted, Phrase, PrefixOr, VerifiedPhrase
from index.term_scores import Within, matched, term_scores


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
        scored = span_phrase_scores(query, searcher, within)
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
    (`candidate_documents`), the phrase checked in those, and the child scored in the few
    that hold it: a prefix's 32 terms were scored in every document holding them
    (日本人がお over ldcc: ~2,300 postings a segment, a lookup of each term's
    frequency in every segment) for the 6 documents the phrase is in."""
    found = candidate_documents(query.child, searcher)
    if found is None:  # a shape whose documents only its scores tell
        candidates = _scores(query.child, searcher, context, within)
        docs = sorted(candidates) if within is None else [d for d in within if d in candidates]
    else:
        docs = sorted(found) if within is None else [d for d in within if d in found]
    if not docs:
        return {}
    held = sorted(phrase_holders(query, searcher, docs))
    if not held:
        return {}
    if found is not None:
        candidates = _scores(query.child, searcher, context, held)
    return {d: candidates[d] for d in held if d in candidates}


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
