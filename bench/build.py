"""Build figures: raw tokenizing, full build and its ratio, index size, memory, cold list,
and parsing lines of stray Markdown brackets (`hostile_markdown_parse_ms`).

The build runs in its own process, as `yomite index` does, so its memory is its
own: peak RSS is read from /proc (VmHWM) in that process, and for its worker
processes from getrusage(RUSAGE_CHILDREN) there. (ru_maxrss of a child measured
from a big parent would include the parent's pages at fork time.)
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from index.files import discover
from index.locations import Locations
from index.mecab import tagger

PEAK_RSS = """
def peak_rss_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

BUILD = (
    PEAK_RSS
    + """
import json, resource, sys, time
from pathlib import Path
from index.library import Library
from index.locations import locations
started = time.perf_counter()
with Library.open(locations(sys.argv[1])) as library:
    report = library.update([Path(sys.argv[2])])
    count = library.count()
print(json.dumps({
    "seconds": time.perf_counter() - started,
    "added": report.added, "unchanged": report.unchanged, "failed": len(report.failed),
    "count": count,
    "cpu_s": sum(
        getattr(resource.getrusage(who), part)
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        for part in ("ru_utime", "ru_stime")
    ),
    "parent_mb": peak_rss_mb(),
    "workers_max_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""
)

COLD_LIST = (
    PEAK_RSS
    + """
import json, sys, time
started = time.perf_counter()
from index.library import Library
from index.locations import locations
library = Library.open(locations(sys.argv[1]), create=False)
opened = time.perf_counter()
articles = library.articles()
listed = time.perf_counter()
print(json.dumps({"open_s": opened - started, "articles_s": listed - started,
                  "articles": len(articles), "rss_mb": peak_rss_mb()}))
"""
)


def read_corpus(corpus: Path) -> list[tuple[Path, str]]:
    return [
        (path, path.read_bytes().decode("utf-8", errors="replace"))
        for path in discover([corpus]).files
    ]


def raw_tokenizing_seconds(texts: list[tuple[Path, str]]) -> tuple[float, float]:
    """MeCab alone, one process, touching only the surface: the floor for any build.

    (wall seconds, CPU seconds): on a shared machine the CPU figure moves less.
    """
    mecab = tagger()
    started, cpu_started = time.perf_counter(), time.process_time()
    for _, text in texts:
        for node in mecab(text):
            node.surface  # noqa: B018 - the access is the work being timed
    return time.perf_counter() - started, time.process_time() - cpu_started


def directory_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _python(script: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def _rounded(values: dict[str, Any]) -> dict[str, Any]:
    return {k: round(v, 3) if isinstance(v, float) else v for k, v in values.items()}


def build_and_measure(corpus: Path, where: Locations) -> dict[str, Any]:
    """Index `corpus` into `where` in a fresh process; then a no-op update and a cold list."""
    build = _python(BUILD, str(where.home), str(corpus))
    noop = _python(BUILD, str(where.home), str(corpus))
    cold = _python(COLD_LIST, str(where.home))
    return {
        "build": _rounded(build),
        "noop_update": _rounded({k: noop[k] for k in ("seconds", "unchanged")}),
        "cold_start": _rounded(cold),
        "index_bytes": directory_bytes(where.index_dir),
    }


HUGE_CHARACTERS = 5_000_000


def huge_text(folder: Path, texts: list[tuple[Path, str]]) -> dict[str, Any]:
    """One text file of ~5 million characters (the corpus's articles joined, as a long
    book or a log would be), indexed alone into a home of its own: the time and the
    peak memory of the process (one file is analysed in it, not in workers). Such a
    text once took 60 s and 2.3 GB, each of its words analysed again at every repeat."""
    folder.mkdir(parents=True, exist_ok=True)
    pieces, size = [], 0
    for _, text in texts:
        pieces.append(text)
        size += len(text)
        if size >= HUGE_CHARACTERS:
            break
    path = folder / "huge.txt"
    path.write_text("長い文書\n" + "\n".join(pieces), encoding="utf-8")
    built = _python(BUILD, str(folder / "home"), str(path))
    return {
        "characters": size,
        "seconds": round(built["seconds"], 3),
        "peak_rss_mb": round(built["parent_mb"], 1),
        "indexed": built["count"],
    }


HOSTILE_MARKDOWN = (
    "# 題\n\n"
    + "\n\n".join(
        [
            "[a](" * 4_999,  # 0.5 s when a destination took any character but `)`
            "[a](" + "(" * 19_990,
            "[a](" + "((x)" * 4_990,
            "[" * 19_998 + "](",
            "[a](" + "\\(" * 9_990,
            "**http://a/" + "*" * 19_900,
            "<!--" * 4_999,  # each unclosed: tried to the line's end, 0.85 s
            "<del>" * 3_999,
        ]
    )
    + "\n"
)
"""Lines of stray Markdown brackets, 20,000 characters each, that the parser once read in
quadratic time (tests/test_parser.py checks that nothing of them is lost)."""


def hostile_markdown_ms() -> float:
    """Parsing HOSTILE_MARKDOWN, in milliseconds: tens of them in linear time, seconds
    in quadratic time (what a test asserted as under 3 s; a timing is no test's)."""
    from index.parser import parse_text

    started = time.perf_counter()
    parse_text(HOSTILE_MARKDOWN, path="/notes/hostile.md")
    return round((time.perf_counter() - started) * 1000, 1)


def run(corpus: Path, where: Locations, texts: list[tuple[Path, str]]) -> dict[str, Any]:
    # Raw tokenizing is timed right before and right after the build, and the ratio
    # taken against their mean: this machine's speed drifts by 10-30% within
    # minutes, and one measurement on either side skewed the ratio with it.
    before, before_cpu = raw_tokenizing_seconds(texts)
    measured = build_and_measure(corpus, where)
    after, after_cpu = raw_tokenizing_seconds(texts)
    raw, raw_cpu = (before + after) / 2, (before_cpu + after_cpu) / 2
    build_s = measured["build"]["seconds"]
    build_cpu = measured["build"]["cpu_s"]
    return {
        "articles": len(texts),
        "characters": sum(len(text) for _, text in texts),
        "raw_tokenize_s": round(raw, 3),
        "raw_tokenize_before_after_s": [round(before, 3), round(after, 3)],
        "build_s": build_s,
        "build_ratio_to_raw": round(build_s / raw, 2) if raw else None,
        # CPU seconds of the build process and its workers, against MeCab's alone:
        # what the build costs whatever else the machine is doing.
        "raw_tokenize_cpu_s": round(raw_cpu, 3),
        "build_cpu_s": build_cpu,
        "build_cpu_ratio_to_raw": round(build_cpu / raw_cpu, 2) if raw_cpu else None,
        "indexed": measured["build"]["count"],
        "failed": measured["build"]["failed"],
        "index_bytes": measured["index_bytes"],
        "peak_rss_mb": {
            "build_process": measured["build"]["parent_mb"],
            "build_workers_max": measured["build"]["workers_max_mb"],
            "cold_start": measured["cold_start"]["rss_mb"],
        },
        "noop_update_s": measured["noop_update"]["seconds"],
        "huge_text": huge_text(where.home.parent / "huge", texts),
        "hostile_markdown_parse_ms": hostile_markdown_ms(),
        "cold_start": {k: measured["cold_start"][k] for k in ("open_s", "articles_s")},
    }
