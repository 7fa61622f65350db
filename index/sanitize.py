"""Make untrusted article text safe to show in a terminal.

Article files are untrusted: an ESC in a title could clear the screen, set the window
title or write the clipboard (OSC 52); C1 controls are escape introducers on some
terminals; bidi controls reorder what the reader sees. Rich strips only a few of these
(see ../shared/NOTES.md), so the parser sanitizes every field once, at ingestion.

Dangerous characters are not deleted but replaced by one visible single-cell
placeholder each, so nothing disappears silently and offsets stay stable:

- C0 controls except tab and newline -> Unicode Control Pictures (ESC -> U+241B ␛),
- DEL -> U+2421 ␡,
- C1 controls (U+0080-U+009F) and bidi controls -> U+2426 ␦ (SYMBOL FOR SUBSTITUTE FORM
  TWO: Unicode has no control pictures for them), and so are the Hangul fillers: blank,
  yet drawn two cells wide by some terminals and none by others, so a title holding
  one pushed the list pane's border out of line,
- the line and paragraph separators (U+2028, U+2029) -> U+2424 ␤: Rich drops them,
  and the text on either side ran together without a trace,
- the zero-width joiner (U+200D) -> a zero-width space (U+200B): Rich measures the
  emoji it joins (👨‍👩‍👧‍👦, a family) as one of two cells, tmux 3.3, VTE (GNOME's
  terminal) and xterm draw each of them, two cells each; the line ran six cells past
  the pane, its last emoji and the pane's right border lost. Unjoined, every terminal
  draws the emoji one by one, where Rich counts them,
- the emoji variation selector (U+FE0F) and the skin-tone modifiers (U+1F3FB-U+1F3FF)
  -> a zero-width space too: Rich counts `❤️` (a heart, then U+FE0F) two cells and a
  tone alone none, where tmux 3.3 draws the heart in one and each tone in two (`👍🏻`
  four); a title holding one moved the pane's right border. Without them every
  terminal and Rich agree: `❤` one cell, `👍` two (the heart may be drawn as text, and
  the tone is lost: the price of a border in its place).

Zero-width space and U+FEFF inside the text are harmless and kept.

An article's text first loses its terminal control sequences
(`without_terminal_sequences`): a log or a program's output saved with its colours
(`ESC [ 31 m`) reads and is searched as `less -R` or `cat` shows it, its words whole
(INFO, not `␛[32mINFO`). Only whole CSI and OSC sequences go; any other ESC, and a
sequence cut short, is shown by its placeholder as above.
"""

from __future__ import annotations

import re
import unicodedata

SUBSTITUTE = "\u2426"
"""Placeholder for C1 and bidi controls (East Asian width N: one cell everywhere)."""

_KEPT = {"\t", "\n"}
_C0 = [chr(code) for code in range(0x20) if chr(code) not in _KEPT]
_C1 = [chr(code) for code in range(0x80, 0xA0)]
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f"  # ALM, LRM, RLM
    "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO
    "\u2066\u2067\u2068\u2069"  # LRI, RLI, FSI, PDI
)

HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
LINE_SEPARATORS = frozenset("\u2028\u2029")
ZERO_WIDTH_JOINER = "\u200d"
EMOJI_WIDTH_MARKS = frozenset("\ufe0f" + "".join(map(chr, range(0x1F3FB, 0x1F400))))
"""VS16 and the five skin tones: measured apart by Rich and terminals (module doc)."""

_TABLE: dict[int, str] = {ord(char): chr(0x2400 + ord(char)) for char in _C0}
_TABLE[0x7F] = "\u2421"
_TABLE.update({ord(char): SUBSTITUTE for char in _C1})
_TABLE.update({ord(char): SUBSTITUTE for char in BIDI_CONTROLS | HANGUL_FILLERS})
_TABLE.update({ord(char): "\u2424" for char in LINE_SEPARATORS})
_TABLE[ord(ZERO_WIDTH_JOINER)] = "\u200b"
_TABLE.update({ord(char): "\u200b" for char in EMOJI_WIDTH_MARKS})

_UNSAFE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def is_safe(text: str) -> bool:
    """True when `text` holds none of the characters `sanitize` replaces."""
    return _UNSAFE.search(text) is None


def sanitize(text: str) -> str:
    """Replace control and bidi characters by visible placeholders, a zero-width joiner
    by a zero-width space (see module doc)."""
    # One regex scan touching only the matches: str.translate with a dict looks up every
    # character and took ~100 ms per MB of Japanese text, this takes a few ms.
    return _UNSAFE.sub(_placeholder, text)


_TERMINAL_SEQUENCE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)")
"""A CSI sequence (ESC [, parameter bytes, intermediate bytes, a final byte: SGR colours,
cursor moves, erasing) or an OSC one (ESC ], up to BEL or ST: a window title, a link,
the clipboard), as ECMA-48 writes them."""


def without_terminal_sequences(text: str) -> str:
    """`text` without its CSI and OSC sequences (see module doc): what a terminal shows
    of it, before `sanitize` makes any other control visible. Characters go, so it is
    applied where a file's text is read, before anything counts offsets in it."""
    return _TERMINAL_SEQUENCE.sub("", text) if "\x1b" in text else text


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""The controls but tab and newline, which the query reads as spaces already, and
which an article's text (a facet's value a picker quotes) may hold (`sanitize`)."""
_SEQUENCE_OR_CONTROL = re.compile(f"{_TERMINAL_SEQUENCE.pattern}|{_CONTROL.pattern}")


def controls_as_spaces(query: str) -> str:
    """`query` as typed, each control character a space, and each terminal sequence
    (`without_terminal_sequences`) a space a character: a query searches what a
    terminal would show of it, as an article's text is read, and its words keep their
    places (the reader marks and edits them there). `yomite search $'\\e[31m'`
    searched `31m` as a word, and BEL between two words made them a phrase."""
    if _CONTROL.search(query) is None:
        return query
    return _SEQUENCE_OR_CONTROL.sub(lambda match: " " * len(match.group()), query)


def _placeholder(match: re.Match[str]) -> str:
    return _TABLE[ord(match.group())]


_ESCAPED_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
"""Controls, surrogates (a file name's undecodable bytes) and line or paragraph
separators: what must not reach a one-line message as it is."""


def one_line(title: str) -> str:
    """A title as it is shown, in the reader's list, pane border, heading and status
    line, and by `yomite search`, alike: each tab a space. Drawn to tab stops, a tab
    took as many cells as the stops of each place made it (the list's row begins with
    its marks, a border with "Article · ", a printed hit with its rank): `タブ\tの` was
    three titles. Offsets hold (a match in it stays marked where it is)."""
    return title.replace("\t", " ")


def needs_escape(char: str) -> bool:
    """Whether `char` is shown escaped in a one-line message (see `printable`): a
    control, a bidi control, a surrogate or a line separator; not a space such as
    U+3000, common in Japanese file names."""
    return unicodedata.category(char) in _ESCAPED_CATEGORIES or char in BIDI_CONTROLS


def printable(text: str) -> str:
    """`text` from the disk (a file name, an error's reason) for a one-line message:
    characters `needs_escape` finds shown as Python writes them (`\\x1b`, `\\u202e`); a
    byte of a file name that did not decode (os.fsdecode's surrogate) as that byte."""
    if not any(map(needs_escape, text)):
        return text
    return "".join(_escaped(char) if needs_escape(char) else char for char in text)


def _escaped(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the undecodable byte itself
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def quote_typed(text: str) -> str:
    """`text`, typed by the user, quoted in a one-line message as typed: `\\` said as
    `'\\'`, where Python's repr doubled it (`'\\\\'`, which no one typed); its controls
    still escaped as `printable` shows them (`'\\x1b'`). In single quotes, or double
    ones where it holds a single one and no double (as repr chooses); holding both, its
    single ones escaped (`'"\\''`, where `'"''` told nothing)."""
    shown = printable(text)
    if "'" in text and '"' in text:  # both: the single ones escaped, as repr does
        return "'" + shown.replace("'", "\\'") + "'"
    quote = '"' if "'" in text else "'"
    return f"{quote}{shown}{quote}"
