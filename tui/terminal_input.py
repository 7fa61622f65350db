"""Bytes from the terminal that are not UTF-8 are read as U+FFFD, not a crash.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder
in its input thread: one byte that is not UTF-8 (東 typed in an EUC-JP or Shift_JIS
terminal over SSH, a terminal whose Alt key sets the eighth bit, a paste cut in the
middle of a character) raised UnicodeDecodeError there, and the reader died with a
traceback and exit status 0. The driver names the decoder factory at import
(`from codecs import getincrementaldecoder`), so the reader hands it one that
replaces undecodable bytes instead. Textual is pinned in constraints.txt;
`tests/test_e2e_tmux.py` sends such bytes to the real reader in tmux.
"""

from __future__ import annotations

import codecs
import functools
from typing import Any

import textual.drivers.linux_driver as linux_driver

_STRICT = codecs.getincrementaldecoder


def lenient_decoder(encoding: str) -> Any:
    """`codecs.getincrementaldecoder(encoding)`, its decoders replacing what does not decode."""
    return functools.partial(_STRICT(encoding), errors="replace")


def install() -> None:
    """Make the Linux driver's input decoder lenient (once; later calls change nothing)."""
    linux_driver.getincrementaldecoder = lenient_decoder  # type: ignore[attr-defined]
