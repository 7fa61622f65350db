"""One MeCab tagger (fugashi + unidic-lite) per thread, created on first use.

A Tagger cannot be pickled and is not safe to share between threads; Whoosh
pickles analyzers into the index and runs searches in worker threads, so
nothing may hold a Tagger but this thread-local cache.
"""

from __future__ import annotations

import threading

import fugashi

_local = threading.local()


def tagger() -> fugashi.Tagger:
    """This thread's tagger (unidic-lite's dictionary, memory-mapped, ~14 MB RSS)."""
    current: fugashi.Tagger | None = getattr(_local, "tagger", None)
    if current is None:
        current = fugashi.Tagger()
        _local.tagger = current
    return current


CHUNK_CHARS = 50_000
"""MeCab takes a text at most this long in one call; a longer one is cut into pieces
at line ends (else sentence ends, else anywhere). Given a whole text of ~1.5 million
characters in one call, MeCab crashed the process (SIGSEGV), the reader's with it;
no article of ldcc is longer than ~12,000 characters, so they are parsed whole."""


def chunks(text: str) -> list[str]:
    """`text` cut into pieces of at most CHUNK_CHARS characters that join back into it."""
    if len(text) <= CHUNK_CHARS:
        return [text]
    pieces = []
    start = 0
    while len(text) - start > CHUNK_CHARS:
        limit = start + CHUNK_CHARS
        cut = text.rfind("\n", start, limit) + 1 or text.rfind("。", start, limit) + 1
        if cut <= start:
            cut = limit  # one line of 50,000 characters with no sentence end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
