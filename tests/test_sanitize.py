"""Untrusted text must never reach the terminal as control or bidi characters."""

from __future__ import annotations

import io
import os
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, get_character_cell_size
from rich.console import Console
from rich.text import Text

from index.sanitize import (
    BIDI_CONTROLS,
    EMOJI_WIDTH_MARKS,
    HANGUL_FILLERS,
    LINE_SEPARATORS,
    SUBSTITUTE,
    ZERO_WIDTH_JOINER,
    is_safe,
    printable,
    sanitize,
    without_terminal_sequences,
)

C0_REPLACED = [chr(code) for code in range(0x20) if chr(code) not in "\t\n"]
C1 = [chr(code) for code in range(0x80, 0xA0)]
DANGEROUS = {*C0_REPLACED, "\x7f", *C1, *BIDI_CONTROLS, *HANGUL_FILLERS, *LINE_SEPARATORS}


def test_c0_controls_become_control_pictures() -> None:
    for char in C0_REPLACED:
        assert sanitize(f"a{char}b") == f"a{chr(0x2400 + ord(char))}b"
    assert sanitize("\x1b]52;c;aGk=\x07") == "␛]52;c;aGk=␇"


def test_terminal_sequences_are_dropped_whole_and_nothing_else() -> None:
    assert without_terminal_sequences("\x1b[1;31mERROR\x1b[0m 失敗") == "ERROR 失敗"
    assert without_terminal_sequences("a\x1b]0;title\x07b\x1b]52;c;aGk=\x1b\\c") == "abc"
    assert without_terminal_sequences("\x1b[?1049l\x1b[2J\x1b[1;1Hx") == "x"
    for kept in ("\x1b(B", "\x1b[31", "\x1b]0;no end\nnext", "\x1bPq\x1b\\", "\x9b31m"):
        assert without_terminal_sequences(kept) == kept  # sanitize shows them


def test_tab_and_newline_are_kept() -> None:
    assert sanitize("一\t二\n三") == "一\t二\n三"


def test_del_c1_and_bidi_controls_become_visible_placeholders() -> None:
    assert sanitize("a\x7fb") == "a␡b"
    for char in [*C1, *BIDI_CONTROLS]:
        assert sanitize(f"東{char}京") == f"東{SUBSTITUTE}京"
    assert sanitize("\u202eabc") == f"{SUBSTITUTE}abc"  # RLO would draw "cba"


def test_blank_fillers_and_line_separators_become_visible_placeholders() -> None:
    """A Hangul filler (blank, two cells in some terminals, none in others) pushed the
    list's border out of line; U+2028 was dropped by Rich, the text around it joined."""
    assert sanitize("題\u3164\u115f名") == f"題{SUBSTITUTE}{SUBSTITUTE}名"
    assert sanitize("一行目\u2028二行目\u2029") == "一行目␤二行目␤"
    assert sanitize("한국어 텍스트") == "한국어 텍스트"  # Hangul itself is text


def test_harmless_invisible_characters_and_japanese_are_untouched() -> None:
    text = "ゼロ幅\u200bスペースとBOM\ufeff、全角　空白、半角ｶﾅ、①㈱髙～"
    assert sanitize(text) == text


def test_placeholders_take_one_cell_in_any_terminal() -> None:
    # East Asian width "N" (neutral) is one cell also in Japanese-locale terminals,
    # unlike "A" (ambiguous) characters such as ① that some draw two cells wide.
    for placeholder in {sanitize(char) for char in DANGEROUS}:
        assert len(placeholder) == 1
        assert unicodedata.east_asian_width(placeholder) == "N"


def test_sanitized_text_sent_to_a_terminal_holds_no_escape_sequence() -> None:
    hostile = "title\x1b]52;c;ZXZpbA==\x07\x1b[2J\x9b31m\u202e"
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system=None, width=80)
    console.print(Text(sanitize(hostile)))
    output = buffer.getvalue()
    assert not any(char in output for char in DANGEROUS)
    assert "␛]52;c;ZXZpbA==␇" in output


SHOWN_AS_ZWSP = EMOJI_WIDTH_MARKS | {ZERO_WIDTH_JOINER}
"""Shown as a zero-width space: what Rich and terminals measure apart (module doc)."""


@given(st.text())
def test_sanitize_removes_every_dangerous_character_one_for_one(text: str) -> None:
    cleaned = sanitize(text)
    assert len(cleaned) == len(text)
    assert not DANGEROUS.intersection(cleaned)
    assert is_safe(cleaned)
    assert sanitize(cleaned) == cleaned
    for before, after in zip(text, cleaned, strict=True):
        # (unchanged, or a mark Rich and terminals measure apart, or a dangerous one)
        assert before == after or before in DANGEROUS or before in SHOWN_AS_ZWSP


def test_joined_emoji_are_drawn_one_by_one_where_every_terminal_counts_them() -> None:
    """Rich counts a family emoji (four joined by U+200D) as two cells; tmux 3.3, VTE
    and xterm draw its four, eight cells: the line ran past the pane, its border lost.
    Sanitized, the text measures in Rich what it measures a character at a time."""
    family = "家族\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466で"
    assert cell_len(family) != sum(map(get_character_cell_size, family))  # the mismatch
    shown = sanitize(family)
    assert len(shown) == len(family)  # offsets kept
    assert [c for c in shown if c.isprintable()] == [c for c in family if c.isprintable()]
    assert cell_len(shown) == sum(map(get_character_cell_size, shown)) == 14


def _tmux_cells(char: str) -> int:
    """The cells tmux 3.3a draws `char` in, measured with its cursor after printing it:
    as Rich counts, but U+FE0F none (❤️ is one cell) and a skin tone two (👍🏻 four)."""
    if char == "\ufe0f":
        return 0
    if 0x1F3FB <= ord(char) <= 0x1F3FF:
        return 2
    return get_character_cell_size(char)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("好き\u2764\ufe0fです", 9),  # ❤️
        ("\U0001f3f3\ufe0f旗", 3),  # 🏳️
        ("x\U0001f3fby", 2),  # a tone alone
        ("\U0001f44d\U0001f3fbいいね", 8),  # 👍🏻
        ("1\ufe0f\u20e3", 1),  # a keycap
    ],
)
def test_emoji_marks_terminals_draw_apart_measure_as_tmux_draws_them(text: str, cells: int) -> None:
    """From review: a title holding ❤️ or 👍🏻 moved the pane's right border at 80x24 in
    tmux 3.3a, where Rich counted ❤️ two cells and a tone none. Sanitized, Rich measures
    what tmux draws, and offsets are kept."""
    shown = sanitize(text)
    assert len(shown) == len(text)
    assert cell_len(shown) == sum(map(_tmux_cells, shown)) == cells


def test_messages_escape_controls_but_keep_japanese_spaces_and_name_undecodable_bytes() -> None:
    assert printable("東京\u3000ニュース.txt") == "東京\u3000ニュース.txt"
    assert printable("a\x1b]0;x\x07\u202e\u2028") == "a\\x1b]0;x\\x07\\u202e\\u2028"
    assert printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"  # the byte as it is


def test_a_typed_text_is_quoted_as_typed() -> None:
    """Messages name a query as typed: a backslash once (repr doubled it), its controls
    escaped, in quotes that tell where it ends (`'"''` for both kinds told nothing)."""
    from index.sanitize import quote_typed

    assert quote_typed("\\") == "'\\'"
    assert quote_typed("東京") == "'東京'"
    assert quote_typed("it's") == '"it\'s"'
    assert quote_typed("\"'") == "'\"\\''"
    assert quote_typed("\x1b[31m") == "'\\x1b[31m'"
