"""The same queries against SQLite FTS5 with the trigram tokenizer, as a peer.

FTS5 trigram matches substrings of three characters or more: a term of one or
two characters (most Japanese words: 震災, 首相, 東京) finds nothing, and it
matches inside other words (京都 inside 東京都). The report gives build time,
size, latency over the queries it can answer, how many it cannot, and for the
two-character words the hits of yomite, of FTS5, and of a plain substring scan.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import BenchContext
from index.library import Library
from index.query import QueryError

PAGE = 20
_FILTER = re.compile(r"^-?[A-Za-z_]+:")


def fts5_terms(query: str) -> list[str] | None:
    """The words FTS5 would have to find (AND), or None when the query uses what it lacks.

    Field filters and dates have no FTS5 counterpart here; OR and exclusions are
    kept out of the comparison too (they would need a different translation).
    """
    words = query.replace('"', " ").split()
    if any(_FILTER.match(w) for w in words) or "OR" in words or "NOT" in words:
        return None
    if any(w.startswith("-") for w in words):
        return None
    return words


def _match_expression(terms: list[str]) -> str:
    return " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)


def run(ctx: BenchContext) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="yomite-fts5-") as temp:
        db_path = Path(temp) / "fts5.sqlite3"
        db = sqlite3.connect(db_path)
        started = time.perf_counter()
        db.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, body, tokenize='trigram')")
        db.executemany(
            "INSERT INTO docs(path, body) VALUES (?, ?)",
            ((str(path), text) for path, text in ctx.texts),
        )
        db.commit()
        build_seconds = time.perf_counter() - started
        size_mb = db_path.stat().st_size / 1e6

        answerable: list[tuple[str, str]] = []
        too_short: list[str] = []
        not_comparable: list[str] = []
        for query in ctx.queries:
            terms = fts5_terms(query)
            if terms is None:
                not_comparable.append(query)
            elif any(len(term) < 3 for term in terms):
                too_short.append(query)
            else:
                answerable.append((query, _match_expression(terms)))

        def page_and_count(expression: str) -> None:
            db.execute(
                "SELECT path, snippet(docs, 1, '[', ']', '…', 12) FROM docs "
                "WHERE docs MATCH ? ORDER BY rank LIMIT ?",
                (expression, PAGE),
            ).fetchall()
            db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)).fetchone()

        timing = BenchContext.time_each((e for _, e in answerable), page_and_count)
        fts_totals = {
            query: db.execute(
                "SELECT count(*) FROM docs WHERE docs MATCH ?", (expression,)
            ).fetchone()[0]
            for query, expression in answerable
        }
        db.close()

    short_words = [q for q in too_short if len(q) == 2 and " " not in q]
    recall = {}
    with Library.open(ctx.where, create=False) as library:
        for word in short_words:
            try:
                ours = library.search(word, limit=1).total
            except QueryError:
                ours = 0
            substring = sum(1 for _, text in ctx.texts if word in text)
            recall[word] = {"yomite": ours, "fts5": 0, "substring": substring}
    return {
        "build_seconds": round(build_seconds, 2),
        "size_mb": round(size_mb, 1),
        "answerable": len(answerable),
        "search": timing.as_dict(),
        "cannot_answer_term_under_3_chars": len(too_short),
        "not_comparable_filters_or_operators": len(not_comparable),
        "two_character_words": recall,
        "totals": fts_totals,
    }
