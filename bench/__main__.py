"""`python -m bench [--corpus DIR] [--queries FILE] [--out FILE]`: one JSON report.

Indexes the corpus into a temporary data home, reports the build figures, then
runs each optional benchmark module that can be imported (`bench.search`,
`bench.fts5`, `bench.ui`, `bench.typeset`) with the same context and merges its
result under its name. Skips with a message (exit 0) when the corpus is absent.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import resource
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

from bench import build
from bench.common import DEFAULT_CORPUS, DEFAULT_QUERIES, BenchContext
from index.locations import locations

MODULES = ("search", "fts5", "ui", "typeset")


def peak_rss_mb() -> float:
    """Peak resident memory of this process (the corpus texts and in-process modules)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--queries", type=Path, default=DEFAULT_QUERIES)
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    parser.add_argument(
        "--only", nargs="*", choices=MODULES, help="run only these optional modules"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench: corpus not found at {args.corpus}; skipping", file=sys.stderr)
        return 0
    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "corpus": str(args.corpus),
    }
    with tempfile.TemporaryDirectory(prefix="yomite-bench-") as temp:
        where = locations(Path(temp) / "home")
        texts = build.read_corpus(args.corpus)
        print(f"bench: {len(texts)} articles; building...", file=sys.stderr)
        results["build"] = build.run(args.corpus, where, texts)
        ctx = BenchContext(args.corpus, where, texts, args.queries, results)
        for name in args.only if args.only is not None else MODULES:
            try:
                module = importlib.import_module(f"bench.{name}")
            except ModuleNotFoundError as error:
                if error.name != f"bench.{name}":
                    raise
                results[name] = {"skipped": "module not present"}
                continue
            print(f"bench: {name}...", file=sys.stderr)
            try:
                results[name] = module.run(ctx)
            except Exception as error:  # one broken module must not lose the others' figures
                traceback.print_exc()
                results[name] = {"error": f"{type(error).__name__}: {error}"}
    results["bench_process_peak_rss_mb"] = peak_rss_mb()
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
