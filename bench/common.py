"""What every benchmark module gets: the corpus, the built index, the queries, a timer.

Each optional module (`bench.search`, `bench.fts5`, `bench.ui`, `bench.typeset`)
defines `run(ctx: BenchContext) -> dict[str, Any]`; its result is merged into the
JSON report under the module's name.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from index.locations import Locations

T = TypeVar("T")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "ldcc"
DEFAULT_QUERIES = Path(__file__).resolve().parent / "queries.txt"


@dataclass(frozen=True, slots=True)
class Timing:
    """Latencies in milliseconds."""

    samples: tuple[float, ...]

    @property
    def p50(self) -> float:
        return percentile(self.samples, 50)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def max(self) -> float:
        return max(self.samples, default=0.0)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "n": len(self.samples),
            "p50_ms": round(self.p50, 3),
            "p95_ms": round(self.p95, 3),
            "max_ms": round(self.max, 3),
            "mean_ms": round(statistics.fmean(self.samples), 3) if self.samples else 0.0,
        }


def percentile(samples: Iterable[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: a reported p95 really happened)."""
    ordered = sorted(samples)
    if not ordered:
        return 0.0
    rank = max(1, round(pct / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(slots=True)
class BenchContext:
    corpus: Path
    """The article directory that was indexed (../shared/corpus/ldcc by default)."""
    where: Locations
    """The data home holding the freshly built index (a temporary directory)."""
    texts: list[tuple[Path, str]]
    """(path, full text) of every article file in the corpus, read once."""
    queries_file: Path
    results: dict[str, Any] = field(default_factory=dict)
    """The report so far (build figures), for modules that want to relate to them."""

    @property
    def queries(self) -> list[str]:
        lines = self.queries_file.read_text("utf-8").splitlines()
        return [q.strip() for q in lines if q.strip() and not q.lstrip().startswith("#")]

    @staticmethod
    def time_once(action: Callable[[], T]) -> tuple[T, float]:
        """Run `action` once; its result and the elapsed milliseconds."""
        started = time.perf_counter()
        result = action()
        return result, (time.perf_counter() - started) * 1000

    @staticmethod
    def time_each(items: Iterable[T], action: Callable[[T], object]) -> Timing:
        """Time `action(item)` for each item (milliseconds), for p50/p95."""
        samples = []
        for item in items:
            started = time.perf_counter()
            action(item)
            samples.append((time.perf_counter() - started) * 1000)
        return Timing(tuple(samples))
