"""The config file: what it accepts, and what it refuses with a message naming the file."""

from __future__ import annotations

import codecs
from dataclasses import fields
from pathlib import Path

import pytest

from index.config import MIN_LINE_WIDTH, ConfigError, ReaderConfig, load_config
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


# -- types ----------------------------------------------------------------------------

WRONG: dict[str, tuple[str, ...]] = {
    "theme": ("1", "true", "[]"),
    "clipboard": ("1", "true", '"OSC52"'),
    "ambiguous_width": ("true", "false", "2.0", "1.0", '"2"', "3", "0"),
    "ascii_borders": ("true", "1"),
    "phrase_breaking": ("1", "0", "1.0", '"true"'),
    "furigana": ("1", '"yes"'),
    "line_width": ("true", "false", "60.0", "0.0", '"60"'),
    "animations": ("false", "0"),
    "mouse": ("1", '"off"'),
}
"""For each setting, values of a kind it does not take, as written in TOML: a bool
where a number is wanted (Python has True == 1), a float where an integer is (2.0 ==
2), a number where a bool is, a string for either."""


def test_every_setting_is_checked_for_wrong_kinds() -> None:
    assert set(WRONG) == {f.name for f in fields(ReaderConfig)}


@pytest.mark.parametrize(
    ("key", "value"), [(key, value) for key, values in WRONG.items() for value in values]
)
def test_a_value_of_the_wrong_kind_is_refused(tmp_path: Path, key: str, value: str) -> None:
    """`ambiguous_width = true` was taken for 1, and `= 2.0` for 2 (review)."""
    message = refusal(tmp_path, f"[reader]\n{key} = {value}\n")
    assert f"[reader] {key} must be " in message
    assert message.endswith(f", got {value}")  # as the user wrote it


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("ambiguous_width", "1", 1),
        ("ambiguous_width", "2", 2),
        ("ambiguous_width", '"auto"', "auto"),
        ("line_width", "0", 0),
        ("line_width", str(MIN_LINE_WIDTH), MIN_LINE_WIDTH),
        ("phrase_breaking", "false", False),
        ("clipboard", '"tmux"', "tmux"),
    ],
)
def test_values_of_the_right_kind_are_taken(
    tmp_path: Path, key: str, value: str, expected: object
) -> None:
    taken = getattr(load(tmp_path, f"[reader]\n{key} = {value}\n"), key)
    assert taken == expected and type(taken) is type(expected)


def test_the_messages_say_what_is_wanted(tmp_path: Path) -> None:
    said = refusal(tmp_path, "[reader]\nambiguous_width = true\n")
    assert said.endswith('[reader] ambiguous_width must be one of 1, 2, "auto", got true')
    said = refusal(tmp_path, "[reader]\nline_width = 60.0\n")
    assert said.endswith("[reader] line_width must be an integer, got 60.0")
    said = refusal(tmp_path, "[reader]\nmouse = 1\n")
    assert said.endswith("[reader] mouse must be a boolean (true or false), got 1")


@pytest.mark.parametrize("value", ['"~/news"', "[1]", "[true]", '["a", 2.0]', "true"])
def test_library_paths_must_be_strings(tmp_path: Path, value: str) -> None:
    said = refusal(tmp_path, f"[library]\npaths = {value}\n")
    assert said.endswith("[library] paths must be a list of strings")


def test_a_refused_string_is_shown_escaped(tmp_path: Path) -> None:
    """The message goes to the terminal: an escape sequence in the value is shown, not sent."""
    said = refusal(tmp_path, '[reader]\nclipboard = "\\u001b]52;c;UFdORUQ=\\u0007"\n')
    assert "\x1b" not in said and "\x07" not in said
    assert said.endswith(r'got "\u001b]52;c;UFdORUQ=\u0007"')


# -- tables ---------------------------------------------------------------------------


def test_a_setting_outside_any_table_is_called_a_setting(tmp_path: Path) -> None:
    """`foo = 1` at the top of the file was "unknown table [foo]": it is a setting, and
    settings go under a table (`[reader]\\nfoo = 1` says "unknown setting [reader] foo")."""
    said = refusal(tmp_path, "foo = 1\n[reader]\nmouse = false\n")
    assert said.endswith(": unknown setting foo (settings go under a table: [library], [reader])")
    said = refusal(tmp_path, 'foo = "a"\n')
    assert "unknown setting foo " in said


@pytest.mark.parametrize(("key", "table"), [("mouse", "reader"), ("paths", "library")])
def test_a_known_setting_outside_its_table_is_told_its_table(
    tmp_path: Path, key: str, table: str
) -> None:
    value = "[]" if key == "paths" else "false"
    said = refusal(tmp_path, f"{key} = {value}\n")
    assert said.endswith(f": setting {key} outside any table: it goes under [{table}]")


@pytest.mark.parametrize("text", ["[foo]\nbar = 1\n", "[[foo]]\nbar = 1\n", "[foo.bar]\n"])
def test_an_unknown_table_is_called_a_table(tmp_path: Path, text: str) -> None:
    said = refusal(tmp_path, text)
    assert said.endswith(": unknown table [foo] (the tables are [library] and [reader])")
