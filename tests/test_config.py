"""The config file: what it accepts, and what it refuses with a message naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from index.config import ConfigError, ReaderConfig, load_config
from index.locations import locations


def load(home: Path, text: str | bytes) -> ReaderConfig:
    data = text.encode("utf-8") if isinstance(text, str) else text
    (home / "config.toml").write_bytes(data)
    return load_config(locations(home)).reader


def refusal(home: Path, text: str | bytes) -> str:
    with pytest.raises(ConfigError) as raised:
        load(home, text)
    message = str(raised.value)
    assert message.startswith(f"{home / 'config.toml'}: ")
    return message


# -- encodings ------------------------------------------------------------------------


def test_a_utf8_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a BOM; tomllib took it for a statement and the reader
    exited 2 with "Invalid statement (at line 1, column 1)" (review)."""
    text = '[reader]\nfurigana = true\ntheme = "textual-ansi"\n'
    reader = load(tmp_path, codecs.BOM_UTF8 + text.encode("utf-8"))
    assert reader.furigana is True and reader.theme == "textual-ansi"


def test_a_bom_alone_is_an_empty_config(tmp_path: Path) -> None:
    assert load(tmp_path, codecs.BOM_UTF8) == ReaderConfig()


def test_a_bom_is_not_taken_twice(tmp_path: Path) -> None:
    """Only the first is a byte-order mark; a second is a character TOML refuses."""
    message = refusal(tmp_path, codecs.BOM_UTF8 * 2 + b"[reader]\n")
    assert "not valid TOML" in message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_a_utf16_file_is_named_as_such(tmp_path: Path, codec: str) -> None:
    """Notepad's "Unicode" is UTF-16: said so, not reported as a stray byte."""
    data = "[reader]\nfurigana = true\n".encode(codec)
    if codec == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert "saved as UTF-16; TOML is read as UTF-8" in refusal(tmp_path, data)


def test_other_bytes_that_are_not_utf8_are_named_with_their_line(tmp_path: Path) -> None:
    data = '[reader]\ntheme = "caf\u00e9"\n'.encode("latin-1")
    message = refusal(tmp_path, data)
    assert "not UTF-8 (byte 0xe9 on line 2)" in message
    assert "not valid TOML" not in message
