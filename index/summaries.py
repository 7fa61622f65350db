"""The saved article list of a commit: `summaries-N.json` in its generation, one
positional row per article (`to_row`), written after each commit (see
`Library._after_commit`) so that the reader's cold start lists the articles in a few
milliseconds rather than reading every stored field.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from index.model import ArticleFormat, ArticleSummary
from index.store import OpenedIndex, atomic_write


def stored_summaries(searcher: Any) -> list[ArticleSummary]:
    """The article list read from the index's stored fields (slow: whole texts)."""
    from index.search import summary_from_stored

    return [summary_from_stored(stored) for stored in searcher.all_stored_fields()]


def summaries_file(opened: OpenedIndex) -> Path:
    return opened.generation_dir / f"summaries-{opened.toc_generation}.json"


def to_row(summary: ArticleSummary) -> list[Any]:
    """`summary` as a row of the saved list (`from_row` reads it back)."""
    return [
        summary.id,
        summary.path,
        summary.title,
        summary.published.isoformat() if summary.published else None,
        summary.site,
        summary.outlet,
        summary.format.value,
        summary.published_iso,
    ]


def from_row(row: Any) -> ArticleSummary:
    """The summary a row of the saved list holds (ValueError, TypeError, IndexError or
    KeyError for a row that is not one)."""
    return ArticleSummary(
        id=row[0],
        path=row[1],
        title=row[2],
        published=datetime.fromisoformat(row[3]) if row[3] else None,
        site=row[4],
        outlet=row[5],
        format=ArticleFormat(row[6]),
        published_iso=row[7],
    )


def write_summaries(opened: OpenedIndex, summaries: Sequence[ArticleSummary]) -> None:
    rows = [to_row(s) for s in summaries]
    data = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    with contextlib.suppress(OSError):
        atomic_write(summaries_file(opened), data)
        for old in opened.generation_dir.glob("summaries-*.json"):
            if old.name != summaries_file(opened).name:
                old.unlink(missing_ok=True)


def read_summaries(opened: OpenedIndex | None) -> list[ArticleSummary] | None:
    """The saved article list of this commit; None if absent or unreadable (then rebuilt)."""
    if opened is None:
        return None
    try:
        rows = json.loads(summaries_file(opened).read_bytes())
        return [from_row(row) for row in rows]
    except (OSError, ValueError, TypeError, IndexError, KeyError):
        return None
