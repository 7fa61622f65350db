"""The saved article list of a commit: `summaries-N.json` in its generation, one
positional row per article (`to_row`), written after each commit (see
`Library._after_commit`) so that the reader's cold start lists the articles in a few
milliseconds rather than reading every stored field.

Its size and CRC-32 go into the commit's checksum manifest once it is written (it is
made from the committed index, so after the commit: `add_to_manifest`). A list whose
bytes do not match that entry, or that has none (an index of an earlier version, a
kill between the two writes), is not shown: the list is read from the stored fields
instead, and the next update writes it again. A flipped byte in a title showed the
title changed (ページ as ペボジ) while `yomite verify` said "checksums OK". Checking it
costs a CRC-32 of bytes read anyway (~0.5 ms for ldcc's 2.1 MB, against ~10 ms
to parse them).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from index.model import ArticleFormat, ArticleSummary
from index.store import OpenedIndex, add_to_manifest, atomic_write, manifest_entry, matches_entry


def summary_from_stored(stored: Mapping[str, Any]) -> ArticleSummary:
    """The article list's view of one indexed article, without re-parsing its file."""
    published = stored.get("published")
    return ArticleSummary(
        id=str(stored["id"]),
        path=str(stored["path"]),
        title=str(stored.get("title") or ""),
        published=published if isinstance(published, datetime) else None,
        site=_listing(stored.get("site")),
        outlet=_listing(stored.get("outlet")),
        format=ArticleFormat(stored.get("format") or ArticleFormat.TEXT.value),
        published_iso=stored.get("published_iso"),
    )


def _listing(value: object) -> str | None:
    """A comma-joined facet value as the reader shows it."""
    if not value:
        return None
    return ", ".join(str(value).split(","))


def stored_summaries(searcher: Any) -> list[ArticleSummary]:
    """The article list read from the index's stored fields (slow: whole texts)."""
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
    """Save the list of `opened`'s commit and record it in the commit's manifest. Under
    the write lock (the manifest is replaced whole). Best effort against the disk (an
    OSError: full, read-only): without it, the list is read from the stored fields, and
    the next update saves it. Nothing else is let go: the manifest was read and checked
    as `opened` was opened, under the same lock, and a bug here would leave every cold
    start slow without a word."""
    rows = [to_row(s) for s in summaries]
    data = json.dumps(rows, ensure_ascii=False).encode("utf-8")
    path = summaries_file(opened)
    with contextlib.suppress(OSError):
        atomic_write(path, data)
        add_to_manifest(opened.generation_dir, opened.toc_generation, path.name, data)
        for old in opened.generation_dir.glob("summaries-*.json"):
            if old.name != path.name:
                old.unlink(missing_ok=True)


def _saved_bytes(opened: OpenedIndex) -> tuple[bytes | None, bool]:
    """The saved list's bytes if its manifest entry vouches for them, else None; and
    whether it is damaged (there, recorded, and not what was recorded)."""
    path = summaries_file(opened)
    try:
        data = path.read_bytes()
    except OSError:
        return None, False
    entry = manifest_entry(opened.generation_dir, opened.toc_generation, path.name)
    if matches_entry(data, entry):
        return data, False
    return None, entry is not None


def summaries_saved(opened: OpenedIndex) -> bool:
    """Whether the commit's list is saved and matches its manifest entry."""
    return _saved_bytes(opened)[0] is not None


def damaged_summaries(opened: OpenedIndex | None) -> Path | None:
    """The saved list, if it fails its checksum (`yomite verify` says so; the next
    update, or `verify --repair`, writes it again)."""
    if opened is None:
        return None
    return summaries_file(opened) if _saved_bytes(opened)[1] else None


def read_summaries(opened: OpenedIndex | None) -> list[ArticleSummary] | None:
    """The saved article list of this commit; None if absent, unchecked or damaged
    (then read from the stored fields)."""
    if opened is None:
        return None
    data, _damaged = _saved_bytes(opened)
    if data is None:
        return None
    try:
        return [from_row(row) for row in json.loads(data)]
    except (ValueError, TypeError, IndexError, KeyError):
        return None
