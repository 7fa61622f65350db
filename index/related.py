"""Related articles: those most like an article by the key terms of its own words."""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from whoosh import query as wq
from whoosh.scoring import bm25

from index.model import Hit
from index.scoring import by_relevance
from index.snippets import characters
from index.summaries import summary_from_stored
from index.term_scores import bm25_parameters

# A line heading links to the outlet's other articles (■関連記事, 【関連記事】): what
# follows are their titles, the week's, the same lines in many articles (in ldcc 87% of
# those under ■関連記事 stand in three articles or more). ■関連リンク and 【関連情報】
# stay: their links are mostly the article's own sources (press releases, sites), on
# its subject; left out, an エスマックス piece on 富士通 lost its best match.
_RELATED_LINKS_HEADING = re.compile(r"\W{0,2}\s*関連記事\s*\W{0,2}")
RELATED_TERMS = 12
RELATED_CANDIDATES = 5
"""How many times `limit` articles are weighed again on their own words."""


def own_words_end(body: str) -> int:
    """Where the links to other articles under a 関連記事 heading start in `body` (its
    length when it has none): the line heading them and all after."""
    offset = 0
    for line in body.split("\n"):
        if _RELATED_LINKS_HEADING.fullmatch(line.strip()):
            return offset
        offset += len(line) + 1
    return len(body)


def related(searcher: Any, article_id: str, *, limit: int = 10) -> list[Hit]:
    """Articles most like `article_id` by the key terms of its body; [] when it is not
    indexed.

    The links an outlet lists under a 関連記事 heading (the week's titles, the same in
    many of its articles) count on neither side: the key terms come from the body
    above them, and the articles found are weighed again on their terms written above
    their own. Else the week's pieces listing each other's titles were most alike.
    """
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    body = str(stored.get("body") or "")
    body = body[: own_words_end(body)].strip()
    fieldname, text = ("body", body) if body else ("title", str(stored.get("title") or ""))
    if not text:
        return []
    terms = searcher.key_terms_from_text(fieldname, text, numterms=RELATED_TERMS)
    if not terms:
        return []
    query = wq.Or([wq.Term(fieldname, word, boost=weight) for word, weight in terms])
    found = searcher.search(query, limit=limit * RELATED_CANDIDATES, mask={docnum})
    scored = [(hit.docnum, float(hit.score or 0.0)) for hit in found]
    if fieldname == "body":
        scored = _on_own_words(searcher, dict(terms), [docnum for docnum, _ in scored])
    return [
        Hit(article=summary_from_stored(searcher.stored_fields(docnum)), score=score)
        for docnum, score in heapq.nsmallest(limit, scored, key=by_relevance)
    ]


def _on_own_words(
    searcher: Any, weights: Mapping[str, float], docnums: Sequence[int]
) -> list[tuple[int, float]]:
    """BM25 scores of `docnums` for the weighted body terms, counting only the terms
    written above a document's own 関連記事 links; a document with none there is out."""
    ends = {
        docnum: own_words_end(searcher.stored_fields(docnum).get("body") or "")
        for docnum in docnums
    }
    b, k1 = bm25_parameters(searcher.weighting, "body")  # as index.term_scores's scores
    avgfl = searcher.avg_field_length("body") or 1
    idf = {word: searcher.idf("body", word) for word in weights}
    scores: dict[int, float] = defaultdict(float)
    needed = [("body", word) for word in weights]
    for subsearcher, offset in searcher.leaf_searchers():
        size = subsearcher.doc_count_all()
        local = sorted(d - offset for d in docnums if offset <= d < offset + size)
        if not local:
            continue
        for (_, word), where in characters(subsearcher, needed, local).items():
            for docnum, occurrences in where.items():
                whole = docnum + offset
                tf = sum(1 for _, start, _ in occurrences if start < ends[whole])
                if tf:
                    length = searcher.doc_field_length(whole, "body", 1)
                    scores[whole] += weights[word] * bm25(idf[word], tf, length, avgfl, b, k1)
    return list(scores.items())
