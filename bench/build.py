"""Build figures: raw tokenizing, full build and its ratio, index size, no-op update, cold list."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from index.files import discover
from index.library import Library
from index.locations import Locations
from index.mecab import tagger


def read_corpus(corpus: Path) -> list[tuple[Path, str]]:
    texts = []
    for path in discover([corpus]).files:
        texts.append((path, path.read_bytes().decode("utf-8", errors="replace")))
    return texts


def raw_tokenizing_seconds(texts: list[tuple[Path, str]]) -> float:
    """MeCab alone, one process, touching only the surface: the floor for any build."""
    mecab = tagger()
    started = time.perf_counter()
    for _, text in texts:
        for node in mecab(text):
            node.surface  # noqa: B018 - the access is the work being timed
    return time.perf_counter() - started


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


COLD_LIST = """
import sys, time
started = time.perf_counter()
from index.library import Library
from index.locations import locations
library = Library.open(locations(sys.argv[1]), create=False)
opened = time.perf_counter()
articles = library.articles()
listed = time.perf_counter()
print(opened - started, listed - started, len(articles))
"""


def cold_list_seconds(where: Locations) -> dict[str, Any]:
    """Fresh interpreter to a sorted list of every summary (what the reader paints first)."""
    out = subprocess.run(
        [sys.executable, "-c", COLD_LIST, str(where.home)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {"open_s": round(float(out[0]), 3), "articles_s": round(float(out[1]), 3)}


def run(corpus: Path, where: Locations, texts: list[tuple[Path, str]]) -> dict[str, Any]:
    chars = sum(len(text) for _, text in texts)
    raw = raw_tokenizing_seconds(texts)
    with Library.open(where) as library:
        started = time.perf_counter()
        report = library.update([corpus])
        build = time.perf_counter() - started
        started = time.perf_counter()
        again = library.update([corpus])
        noop = time.perf_counter() - started
        count = library.count()
    return {
        "articles": len(texts),
        "indexed": count,
        "failed": len(report.failed),
        "characters": chars,
        "raw_tokenize_s": round(raw, 3),
        "build_s": round(build, 3),
        "build_ratio_to_raw": round(build / raw, 2) if raw else None,
        "noop_update_s": round(noop, 3),
        "noop_unchanged": again.unchanged,
        "index_bytes": directory_bytes(where.index_dir),
        "cold_start": cold_list_seconds(where),
    }
