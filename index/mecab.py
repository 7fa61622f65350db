"""MeCab taggers (fugashi + unidic-lite), one per thread, created on first use.

A Tagger cannot be pickled and is not safe to share between threads; Whoosh
pickles analyzers into the index and runs searches in worker threads, so the
analyzers hold none: they ask this module for their thread's.

Every tagger reads unidic-lite's dictionary, named explicitly: `fugashi.Tagger()`
alone prefers the full `unidic` when it is installed, and its lemmas and readings
would no longer be those the index was built with.
"""

from __future__ import annotations

import threading
from functools import cache

import fugashi

_local = threading.local()


@cache
def dictionary_options() -> str:
    """MeCab's options naming unidic-lite's dictionary and its configuration."""
    import unidic_lite

    dicdir = unidic_lite.DICDIR
    return f'-d "{dicdir}" -r "{dicdir}/mecabrc"'


def tagger() -> fugashi.Tagger:
    """This thread's tagger (unidic-lite's dictionary, memory-mapped, ~14 MB RSS)."""
    current: fugashi.Tagger | None = getattr(_local, "tagger", None)
    if current is None:
        current = fugashi.Tagger(dictionary_options())
        _local.tagger = current
    return current


def printing_tagger(output_options: str) -> fugashi.GenericTagger:
    """This thread's tagger whose `parse()` prints as `output_options` say (MeCab's
    `--node-format` and the like), over the same dictionary as `tagger()`."""
    printing: dict[str, fugashi.GenericTagger] | None = getattr(_local, "printing", None)
    if printing is None:
        printing = _local.printing = {}
    current = printing.get(output_options)
    if current is None:
        current = printing[output_options] = fugashi.GenericTagger(
            f"{dictionary_options()} {output_options}"
        )
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
