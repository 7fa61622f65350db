"""Typesetting figures: rewrapping a 30 KB article on resize, and the MeCab side.

- `rewrap_30kb`: wrapping every paragraph of a ~30 KB (UTF-8) article at one
  width, once the width-independent analysis is cached (what a resize costs),
  for each width 40..160: p50/p95 in ms. The target is well under a 16 ms frame.
- `prepare_30kb_ms`: the width-independent part (cell widths, legal breaks),
  paid once per article.
- `furigana_rewrap_30kb`: the same with inline furigana on, through the reading
  view's `TypesetText.ranges` (line counts: what a resize re-lays out);
  `furigana_lines_30kb`: cutting every line of the article into Rich `Text`
  (a widget only does that for what it paints); `furigana_setup_30kb_ms`
  builds the annotated texts (MeCab results cached).
- `open_longest_article_ms`: typesetting every block of the corpus's longest
  article from cold caches, as opening it in the reader does (MeCab included).
- `phrase_boundaries_ms_per_kb`, `readings_ms_per_kb`: MeCab analysis per KB
  of text, uncached (paid once per paragraph, in the reader's worker).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text

from bench.common import ROOT, BenchContext
from index import phrases
from index.typeset import PreparedText, TypesetText, Typesetting

TARGET_BYTES = 30_000


def _article_paragraphs(ctx: BenchContext) -> list[str]:
    """Paragraphs of real articles, concatenated until they weigh 30 KB in UTF-8."""
    sources = [text for _, text in ctx.texts] or [
        path.read_text("utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))
    ]
    paragraphs: list[str] = []
    size = 0
    while size < TARGET_BYTES:
        for text in sources:
            for line in text.splitlines()[2:]:
                if line.strip():
                    paragraphs.append(line)
                    size += len(line.encode("utf-8")) + 1
            if size >= TARGET_BYTES:
                break
    return paragraphs


def _clear_caches() -> None:
    for cached in (phrases.tokens, phrases._phrase_starts, phrases._readings, phrases._words):
        cached.cache_clear()


def run(ctx: BenchContext) -> dict[str, Any]:
    paragraphs = _article_paragraphs(ctx)
    size_bytes = sum(len(p.encode("utf-8")) + 1 for p in paragraphs)
    kb = size_bytes / 1000

    _clear_caches()
    boundaries, phrase_ms = ctx.time_once(
        lambda: [phrases.phrase_boundaries(p) for p in paragraphs]
    )
    _clear_caches()
    _, readings_ms = ctx.time_once(lambda: [phrases.readings(p) for p in paragraphs])

    word_starts = [phrases.word_boundaries(p) for p in paragraphs]  # cached tokens: cheap
    prepared, prepare_ms = ctx.time_once(
        lambda: [
            PreparedText(p, breaks=b, word_breaks=w)
            for p, b, w in zip(paragraphs, boundaries, word_starts, strict=True)
        ]
    )
    widths = list(range(40, 161)) * 3

    def rewrap(width: int) -> None:
        for paragraph in prepared:
            paragraph.wrap(width)

    timing = ctx.time_each(widths, rewrap)
    lines_at_80 = sum(len(p.wrap(80)) for p in prepared)

    # What the reading view does: styled Text in, Text lines out, furigana on.
    furigana = Typesetting(furigana=True)
    set_texts, furigana_setup_ms = ctx.time_once(
        lambda: [TypesetText(Text(p), furigana) for p in paragraphs]
    )

    def rewrap_furigana(width: int) -> None:
        for paragraph in set_texts:
            paragraph.ranges(width)

    def relayout(width: int) -> None:
        for paragraph in set_texts:
            paragraph.lines(width)

    furigana_rewrap = ctx.time_each(range(40, 161), rewrap_furigana)
    furigana_lines = ctx.time_each(range(40, 161), relayout)
    # Opening an article typesets every block on the UI thread, MeCab included.
    longest = max((text for _, text in ctx.texts), key=len, default="")
    blocks = [line for line in longest.splitlines() if line.strip()]
    _clear_caches()
    _, open_longest_ms = ctx.time_once(
        lambda: [TypesetText(Text(block)).ranges(78) for block in blocks]
    )
    return {
        "open_longest_article_ms": round(open_longest_ms, 3),
        "longest_article_chars": len(longest),
        "article_bytes": size_bytes,
        "article_chars": sum(len(p) for p in paragraphs),
        "paragraphs": len(paragraphs),
        "lines_at_80": lines_at_80,
        "rewrap_30kb": timing.as_dict(),
        "prepare_30kb_ms": round(prepare_ms, 3),
        "furigana_rewrap_30kb": furigana_rewrap.as_dict(),
        "furigana_lines_30kb": furigana_lines.as_dict(),
        "furigana_setup_30kb_ms": round(furigana_setup_ms, 3),
        "phrase_boundaries_ms_per_kb": round(phrase_ms / kb, 3),
        "readings_ms_per_kb": round(readings_ms / kb, 3),
    }


if __name__ == "__main__":  # a quick look without the harness: python -m bench.typeset
    import json
    import sys
    import tempfile

    from bench.common import DEFAULT_CORPUS, DEFAULT_QUERIES
    from index.locations import locations

    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    files = sorted(p for p in corpus.glob("*/*.txt") if p.name != "LICENSE.txt")[:200]
    with tempfile.TemporaryDirectory() as home:
        context = BenchContext(
            corpus=corpus,
            where=locations(home),
            texts=[(path, path.read_text("utf-8")) for path in files],
            queries_file=DEFAULT_QUERIES,
        )
        print(json.dumps(run(context), indent=2, ensure_ascii=False))
