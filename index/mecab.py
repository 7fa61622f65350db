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
