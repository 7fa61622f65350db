"""What the terminal sends, decoded for Textual's parser: bytes that are not UTF-8 read
as U+FFFD, not a crash; a bracketed paste without the escape sequences it holds.

Textual's Linux driver decodes what the terminal sends with a strict UTF-8 decoder
in its input thread: one byte that is not UTF-8 (東 typed in an EUC-JP or Shift_JIS
terminal over SSH, a terminal whose Alt key sets the eighth bit, a paste cut in the
middle of a character) raised UnicodeDecodeError there, and the reader died with a
traceback and exit status 0. The driver names the decoder factory at import
(`from codecs import getincrementaldecoder`), so the reader hands it one that
replaces undecodable bytes instead. Textual is pinned in constraints.txt;
`tests/test_e2e_tmux.py` sends such bytes to the real reader in tmux.

A paste holding escape sequences (text copied with its colours, `赤 ESC [31m 字`) came
apart in Textual 8.2.8's parser: it reads a sequence inside a bracketed paste as keys,
sent before the paste (the ESC as `^`), so the paste lost them, and over the list
`ESC [1m速報` ran `[` (the article before: user review); a paste is never a command.
The decoder drops each sequence between the paste's start and end marks
(`_PasteDecoder`), as a terminal showing the text would not show it; the text is
pasted whole, its other controls read as the bar reads them.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

import textual.drivers.linux_driver as linux_driver

_STRICT = codecs.getincrementaldecoder


PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"
_SEQUENCE = re.compile(
    r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]"  # CSI: colours, cursor moves
    r"|\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: a title, a link, ended by BEL or ST
    r"|[\x20-\x2f]*[\x30-\x5a\x5c\x5e-\x7e])"  # any other: ESC and a character
)
_UNFINISHED = re.compile(r"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*|\][^\x07\x1b]*\x1b?|[\x20-\x2f]*)")
"""The start of an escape sequence (the paste's end mark among them), which a read may
have cut."""
PENDING_MAX = 256
"""Characters of a sequence begun at the end of a read that wait for the next at most:
longer, it is none (an ESC ] never ended), its ESC dropped and the rest pasted. (Kept
whole, it was read again with each read: 1.6 s for 2 MB pasted: review.)"""
FULL_READ = 1024
"""Bytes of a read at least, for its end to be a paste's start mark cut by it: the
driver reads 4 KB at a time, and a terminal sends the mark whole; a shorter read is
keys typed (Esc, then `[200~` typed: no paste)."""


class _PasteDecoder:
    """An incremental decoder (`decoder`'s) that drops the escape sequences inside a
    bracketed paste, and ESC alone there; outside one, it decodes as `decoder` does.
    A paste's marks and sequences may be cut between reads."""

    def __init__(self, decoder: codecs.IncrementalDecoder) -> None:
        self.decoder = decoder
        self.pasting = False
        self.pending = ""
        """In a paste, the end of the last read: a sequence begun, kept for the next."""
        self.begun = ""
        """Out of one, the end of the last read, when it is the start of a paste's start
        mark (passed on: ESC alone is the Escape key, not to be kept back)."""

    def decode(self, data: bytes, final: bool = False) -> str:
        text = self.pending + self.decoder.decode(data, final)
        self.pending = ""
        out: list[str] = []
        at = 0
        if self.begun:  # the paste's start mark, cut by the last read?
            rest = PASTE_START[len(self.begun) :]
            self.begun = ""
            if text.startswith(rest):
                out.append(rest)
                self.pasting, at = True, len(rest)
            elif rest.startswith(text):
                self.begun = PASTE_START[: len(PASTE_START) - len(rest) + len(text)]
                return text
        while at < len(text):
            if not self.pasting:
                start = text.find(PASTE_START, at)
                if start < 0:
                    out.append(text[at:])
                    if len(data) < FULL_READ:
                        break
                    self.begun = next(
                        (
                            text[cut:]
                            for cut in range(max(at, len(text) - len(PASTE_START) + 1), len(text))
                            if PASTE_START.startswith(text[cut:])
                        ),
                        "",
                    )
                    break
                end = start + len(PASTE_START)
                out.append(text[at:end])
                self.pasting, at = True, end
                continue
            escape = text.find("\x1b", at)
            if escape < 0:
                out.append(text[at:])
                break
            out.append(text[at:escape])
            if text.startswith(PASTE_END, escape):
                out.append(PASTE_END)
                self.pasting, at = False, escape + len(PASTE_END)
                continue
            if (
                not final
                and len(text) - escape <= PENDING_MAX
                and _UNFINISHED.fullmatch(text, escape)
            ):
                self.pending = text[escape:]  # cut by the read: the rest comes with the next
                break
            found = _SEQUENCE.match(text, escape)
            at = escape + 1 if found is None else found.end()
        return "".join(out)


def lenient_decoder(encoding: str) -> Any:
    """`codecs.getincrementaldecoder(encoding)`, its decoders replacing what does not
    decode, and pastes without escape sequences (`_PasteDecoder`)."""

    def make() -> _PasteDecoder:
        return _PasteDecoder(_STRICT(encoding)(errors="replace"))

    return make


def install() -> None:
    """Make the Linux driver's input decoder lenient (once; later calls change nothing)."""
    linux_driver.getincrementaldecoder = lenient_decoder  # type: ignore[attr-defined]
