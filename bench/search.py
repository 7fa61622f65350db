"""Search and keystroke latency over the query file, through the Library facade.

- search: each query once warm, as `yomite search` does it: parse, run, count,
  and build the first page (20 hits) with highlighted snippets and match ranges;
- keystroke: each query typed character by character in as-you-type mode
  (`live=True`), every prefix a search of its own;
- typing: the hit count after every keystroke for a few words, to show that the
  counts do not jump around while a word is typed;
- no_hit_hints: for each query that found nothing at Enter, the searches behind its
  hints (`Library.no_hit_finds`: its words apart, as read, as typed), which the reader
  asks once the empty list and its 0 are shown, and `yomite search` before printing
  its hints: not in the search's figure, timed here on their own.

Timed after one warm-up search and `gc.freeze()`, as the reader freezes what it has
loaded once its list is shown (full collections, 25-50 ms each, otherwise landed on
random keystrokes: keystroke p95 ~4 ms higher in CPU time).

index.search keeps recent results per open reader, so a prefix typed again (東
of 東京 and of 東京都知事) is answered from memory, as when a user backspaces.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from bench.common import BenchContext, Timing
from index import analysis
from index.library import Library
from index.mecab import tagger
from index.query import QueryError

PAGE = 20
SEARCHES_SHOWN = 5
KEYS_SHOWN = 10
ANALYZER_SAMPLE = 1500  # texts: enough for a stable rate, a few seconds each way
TYPED_WORDS = ("スマートフォン", "東京都知事", "日本代表", "ゼレンスキー", "とうきょう")


def _timed_search(library: Library, query: str, *, live: bool) -> tuple[float, int | None]:
    started = BenchContext.time_once
    try:
        result, elapsed = started(lambda: library.search(query, live=live, limit=PAGE))
    except QueryError:
        # Half-typed filters (site:) are refused quickly; that is a keystroke too.
        _, elapsed = started(lambda: None)
        return elapsed, None
    return elapsed, result.total


def analyzer_throughput(texts: list[str]) -> dict[str, float]:
    """chars/s of raw MeCab (surface only) against the analyzer, on the same texts.

    The analyzer figure is what indexing one text costs (the content field's
    tokens with positions and offsets); the fields that reuse its MeCab pass
    (reading, pairs, facets) are timed separately as `reuse`.
    """

    chars = sum(len(text) for text in texts)
    mecab = tagger()
    _, raw_ms = BenchContext.time_once(
        lambda: [node.surface for text in texts for node in mecab(text)]
    )
    content, reading, pairs = (
        analysis.content_analyzer(),
        analysis.reading_analyzer(),
        analysis.pairs_analyzer(),
    )

    def analyse(text: str) -> int:
        return sum(1 for _ in content(text, positions=True, chars=True))

    def reuse_the_parse(text: str) -> int:
        return sum(1 for _ in reading(text)) + sum(1 for _ in pairs(text))

    def index_like() -> tuple[float, float]:
        first = reuse = 0.0
        for text in texts:
            analysis._cache.parses = {}
            _, ms = BenchContext.time_once(partial(analyse, text))
            first += ms
            _, ms = BenchContext.time_once(partial(reuse_the_parse, text))
            reuse += ms
        return first, reuse

    analyzer_ms, reuse_ms = index_like()
    return {
        "texts": len(texts),
        "chars": chars,
        "raw_mecab_chars_per_s": round(chars / raw_ms * 1000),
        "analyzer_chars_per_s": round(chars / analyzer_ms * 1000),
        "analyzer_to_raw": round(analyzer_ms / raw_ms, 2),
        "reuse_ms": round(reuse_ms),
    }


@contextmanager
def _warm_library(ctx: BenchContext) -> Iterator[Library]:
    """The bench's library opened and warmed, as the reader has it once its list is shown."""
    with Library.open(ctx.where, create=False) as library:
        library.search("東京")  # warm: first open of postings, MeCab dictionary
        # As the reader does once its list is loaded (tui/screens/main.py, `_show_all`):
        # what is loaded by now stays, so the collector's full passes do not walk it.
        gc.collect()
        gc.freeze()
        yield library


def run(ctx: BenchContext) -> dict[str, Any]:
    queries = ctx.queries
    sample = [text for _, text in ctx.texts[:: max(1, len(ctx.texts) // ANALYZER_SAMPLE)]]
    analyzer = analyzer_throughput(sample)
    search_ms: list[float] = []
    totals: dict[str, int | None] = {}
    with _warm_library(ctx) as library:
        for query in queries:
            elapsed, total = _timed_search(library, query, live=False)
            search_ms.append(elapsed)
            totals[query] = total
    gc.unfreeze()
    # The keystrokes in a library opened anew, the hits' sentences parsed for readings
    # forgotten: after the Enter searches of the same queries, each query's keystrokes
    # found its words' postings read and kept (in the reader the keystrokes come first).
    analysis.analysed.cache_clear()
    analysis._cache.__dict__.clear()
    with _warm_library(ctx) as library:
        keystroke_ms: list[float] = []
        typed: list[str] = []
        for query in queries:
            for end in range(1, len(query) + 1):
                elapsed, _ = _timed_search(library, query[:end], live=True)
                keystroke_ms.append(elapsed)
                typed.append(query[:end])
        # After the keystrokes, which they would otherwise warm (the live search of the
        # last word as typed is one of them)
        hint_ms = [
            BenchContext.time_once(partial(library.no_hit_finds, query))[1]
            for query in queries
            if totals[query] == 0
        ]
        typing = {}
        for word in TYPED_WORDS:
            steps = []
            for end in range(1, len(word) + 1):
                elapsed, total = _timed_search(library, word[:end], live=True)
                steps.append({"typed": word[:end], "total": total, "ms": round(elapsed, 1)})
            typing[word] = steps
    search_timing = Timing(tuple(search_ms))
    keystroke_timing = Timing(tuple(keystroke_ms))
    slowest = sorted(zip(search_ms, queries, strict=True), reverse=True)[:SEARCHES_SHOWN]
    slowest_keys = sorted(zip(keystroke_ms, typed, strict=True), reverse=True)[:KEYS_SHOWN]
    return {
        "analyzer": analyzer,
        "queries": len(queries),
        "search": search_timing.as_dict(),
        "keystroke": keystroke_timing.as_dict(),
        "no_hit_hints": Timing(tuple(hint_ms)).as_dict() if hint_ms else {"n": 0},
        "slowest_searches": [{"query": q, "ms": round(ms, 1)} for ms, q in slowest],
        "slowest_keystrokes": [{"typed": q, "ms": round(ms, 1)} for ms, q in slowest_keys],
        "totals": totals,
        "typing": typing,
        "target_p95_ms": 16,
    }
