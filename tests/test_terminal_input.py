"""What the terminal sends reaches the reader as the user meant it (tui.terminal_input):
through the decoder the reader gives Textual's Linux driver and Textual's own parser."""

from __future__ import annotations

import pytest
from textual import events
from textual._xterm_parser import XTermParser

from tui.terminal_input import FULL_READ, lenient_decoder


def parsed(*reads: bytes) -> list[object]:
    """The events Textual's parser makes of `reads`, each a read of the terminal, decoded
    as the reader decodes them."""
    decode = lenient_decoder("utf-8")().decode
    parser = XTermParser()
    found: list[object] = []
    for data in reads:
        text = decode(data)
        if text:  # (as the driver does: nothing decoded is not fed, which would end it)
            found += parser.feed(text)
    return found


def pasted(text: str) -> bytes:
    return f"\x1b[200~{text}\x1b[201~".encode()


def described(found: list[object]) -> list[tuple[str, str | None]]:
    return [
        ("paste", event.text)
        if isinstance(event, events.Paste)
        else ("key", event.character or event.key)
        for event in found
        if isinstance(event, events.Paste | events.Key)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("赤\x1b[31m字", "赤字"),  # a colour: the paste came apart, its ESC a `^` key
        ("\x1b[1m速報\x1b[0m 東京", "速報 東京"),  # `[` ran "the article before" over the list
        ("\x1b]0;title\x07東京", "東京"),  # a terminal title
        ("東京\x1b", "東京"),  # ESC alone
        ("東京\t大阪\x07名古屋", "東京\t大阪\x07名古屋"),  # other controls: the bar reads them
    ],
)
def test_a_paste_holding_escape_sequences_is_pasted_whole_without_them(
    text: str, expected: str
) -> None:
    """From review: in a real terminal (tmux `paste-buffer -p`), a paste with colours came
    apart: Textual 8.2.8's parser read each sequence inside it as keys, sent before
    the paste, so `/` then a paste of 赤 ESC[31m 字 left `^[31m字赤` in the bar, and over
    the list a paste ran `[`. A paste is one paste, as a terminal would show it."""
    assert described(parsed(pasted(text))) == [("paste", expected)]


def test_a_paste_cut_by_reads_anywhere_is_the_same_paste() -> None:
    """The terminal's bytes come in reads of up to 4 KB: a sequence, or the paste's end
    mark, cut between two reads is the same; its start mark too, at the end of a read
    the terminal filled (keys before it)."""
    whole = pasted("赤\x1b[31m字\x1b]0;t\x07東京")
    lead = b"x" * FULL_READ
    for cut in range(1, len(whole)):
        found = described(parsed(lead + whole[:cut], whole[cut:]))
        assert found == [("key", "x")] * FULL_READ + [("paste", "赤字東京")], cut
        if cut >= len("\x1b[200~"):  # the paste begun: reads of any size
            assert described(parsed(whole[:cut], whole[cut:])) == [("paste", "赤字東京")], cut


def test_keys_outside_a_paste_are_read_as_before() -> None:
    """Outside a paste, nothing is dropped: keys, arrows and their sequences are keys."""
    found = described(parsed(b"j\x1b[A", pasted("x"), b"k"))
    assert found == [("key", "j"), ("key", "up"), ("paste", "x"), ("key", "k")]
    assert described(parsed("東".encode() + b"\xff")) == [("key", "東"), ("key", "\ufffd")]


def test_a_paste_mark_typed_key_by_key_is_no_paste() -> None:
    """From review: Esc then `[` `2` `0` `0` `~` typed as keys (or Alt+[ and 200~) were
    taken for a paste's start cut between reads, and every sequence after them dropped
    as a paste's: Esc, the arrows and the mouse did nothing until the next paste. A
    start mark is cut only by a read the terminal filled."""
    decode = lenient_decoder("utf-8")().decode
    assert decode(b"\x1b") == "\x1b"
    assert decode(b"[200~") == "[200~"
    assert decode(b"\x1b[A") == "\x1b[A"  # the up arrow, a key
    assert decode(b"\x1b") == "\x1b"  # Esc, at once


def test_a_long_unfinished_sequence_in_a_paste_loses_no_text() -> None:
    """An ESC ] (a title's start) never ended, in a paste of many reads: its ESC is
    dropped, the text after it pasted."""
    text = "\x1b]" + "東京" * 5000
    data = pasted(text)
    reads = [data[at : at + 4096] for at in range(0, len(data), 4096)]
    assert described(parsed(*reads)) == [("paste", "]" + "東京" * 5000)]
