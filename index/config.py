"""The user's config: a small TOML file in the data home, read into typed values.

```toml
[library]
paths = ["~/news", "/srv/articles"]   # directories (or files) kept indexed

[reader]
theme = "auto"             # a Textual theme; "auto": textual-dark, or textual-ansi in 16 colours
clipboard = "osc52"        # "osc52", "tmux" (wrapped for tmux passthrough) or "off"
ambiguous_width = "auto"   # 1, 2 or "auto" (from the locale)
ascii_borders = "auto"     # "on", "off" or "auto" (on when ambiguous characters are wide)
phrase_breaking = true     # break Japanese lines between phrases (bunsetsu)
furigana = false
line_width = 0             # the widest an article's lines get, in cells (0: the pane's)
animations = "auto"        # "auto" (off under SSH), "on" or "off"
mouse = true
```
"""

from __future__ import annotations

import codecs
import json
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Literal

# Re-exported under its old name (tests import it from here).
from index.errors import ConfigError as ConfigError
from index.locations import Locations, UnknownUser, expand_user

ClipboardMode = Literal["osc52", "tmux", "off"]
Toggle = Literal["auto", "on", "off"]


def bundled_seeds() -> Path:
    """The `seeds/` directory of a source checkout: the default corpus."""
    return Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True, slots=True)
class LibraryConfig:
    paths: tuple[Path, ...] = ()
    """The article paths to keep indexed, with the home's other directories
    (`index.home.home_corpus`; `default_corpus` when no paths are given)."""


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    theme: str = "auto"
    """A Textual theme, "textual-ansi" (the terminal's own colours), or "auto": textual-dark,
    or textual-ansi where the terminal has 16 colours (TERM=xterm, screen)."""
    clipboard: ClipboardMode = "osc52"
    ambiguous_width: Literal[1, 2, "auto"] = "auto"
    ascii_borders: Toggle = "auto"
    phrase_breaking: bool = True
    furigana: bool = False
    line_width: int = 0
    """The widest an article's lines get, in cells; 0: as wide as the reading pane.
    (Lines of 57 full-width characters at 200 columns read poorly; ~40 is a book's.)"""
    animations: Toggle = "auto"
    mouse: bool = True


@dataclass(frozen=True, slots=True)
class Config:
    library: LibraryConfig = field(default_factory=LibraryConfig)
    reader: ReaderConfig = field(default_factory=ReaderConfig)


MIN_LINE_WIDTH = 20
"""Cells: ten full-width characters, the narrowest line worth setting."""

_CHOICES: dict[str, tuple[object, ...]] = {
    "clipboard": ("osc52", "tmux", "off"),
    "ambiguous_width": (1, 2, "auto"),
    "ascii_borders": ("auto", "on", "off"),
    "animations": ("auto", "on", "off"),
}


def _toml(value: object) -> str:
    """`value` as it is written in TOML (true, "auto", 2.0), for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # TOML's escapes: no control gets out
    return repr(value)


_KINDS: dict[type, str] = {bool: "a boolean (true or false)", int: "an integer", str: "a string"}


def _is(value: object, wanted: object) -> bool:
    """`value` is `wanted` in type as well as value: Python has True == 1 and 2.0 == 2,
    so `ambiguous_width = true` passed for 1 and `= 2.0` for 2."""
    return type(value) is type(wanted) and value == wanted


def _reader(table: dict[str, Any], source: Path) -> ReaderConfig:
    known = {f.name: f for f in fields(ReaderConfig)}
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in known:
            raise ConfigError(f"{source}: unknown setting [reader] {key}")
        default = getattr(ReaderConfig(), key)
        choices = _CHOICES.get(key)
        if choices is not None:
            if not any(_is(value, choice) for choice in choices):
                allowed = ", ".join(_toml(c) for c in choices)
                raise ConfigError(
                    f"{source}: [reader] {key} must be one of {allowed}, got {_toml(value)}"
                )
        elif type(value) is not type(default):  # not isinstance: a bool is an int
            raise ConfigError(
                f"{source}: [reader] {key} must be {_KINDS[type(default)]}, got {_toml(value)}"
            )
        if key == "line_width" and not (value == 0 or value >= MIN_LINE_WIDTH):
            raise ConfigError(
                f"{source}: [reader] line_width must be 0 (the pane's width) or at least "
                f"{MIN_LINE_WIDTH}, got {value}"
            )
        values[key] = value
    return ReaderConfig(**values)


def _library(table: dict[str, Any], source: Path) -> LibraryConfig:
    unknown = set(table) - {"paths"}
    if unknown:
        raise ConfigError(f"{source}: unknown setting [library] {sorted(unknown)[0]}")
    paths = table.get("paths", [])
    if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
        raise ConfigError(f"{source}: [library] paths must be a list of strings")
    base = source.parent
    return LibraryConfig(tuple((base / _expanded(p, source)).absolute() for p in paths))


def _expanded(path: str, source: Path) -> Path:
    """`path` with a leading `~` or `~user` made the home directory it names. A user
    the system does not know raised RuntimeError out of pathlib, and every command
    (index, search, verify, the reader) ended in a traceback (review)."""
    try:
        return expand_user(path)
    except UnknownUser as error:
        raise ConfigError(
            f"{source}: [library] paths: cannot expand {_toml(path)}: {error.reason(_toml)}"
        ) from error


def _parse(raw: bytes, source: Path) -> dict[str, Any]:
    """The TOML of `raw`. A leading byte-order mark is skipped: Windows editors (Notepad)
    save UTF-8 with one, and tomllib took it for a statement ("Invalid statement (at
    line 1, column 1)")."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ConfigError(f"{source}: saved as UTF-16; TOML is read as UTF-8, save it so")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{source}: not UTF-8 (byte {raw[error.start]:#04x} on line {line}); "
            "TOML is read as UTF-8, save it so"
        ) from error
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from error


_TABLES: dict[str, tuple[str, ...]] = {
    "library": tuple(f.name for f in fields(LibraryConfig)),
    "reader": tuple(f.name for f in fields(ReaderConfig)),
}


def _check_top_level(data: dict[str, Any], source: Path) -> None:
    """Refuse the first key of the file (in its order) that is neither table: one that is
    a table (`[foo]`, `[[foo]]`, `[foo.bar]`) is an unknown table; one with a value
    (`foo = 1`, which TOML reads only above the first table) is a setting outside any
    table, and was called "unknown table [foo]"."""
    for key, value in data.items():
        if key in _TABLES:
            continue
        if isinstance(value, dict) or (
            isinstance(value, list) and value and all(isinstance(v, dict) for v in value)
        ):
            tables = " and ".join(f"[{name}]" for name in _TABLES)
            raise ConfigError(f"{source}: unknown table [{key}] (the tables are {tables})")
        owner = next((name for name, keys in _TABLES.items() if key in keys), None)
        if owner is not None:
            raise ConfigError(f"{source}: setting {key} outside any table: it goes under [{owner}]")
        tables = ", ".join(f"[{name}]" for name in _TABLES)
        raise ConfigError(f"{source}: unknown setting {key} (settings go under a table: {tables})")


def load_config(where: Locations) -> Config:
    """Read the config file of `where`; a missing file means the defaults."""
    source = where.config_file
    try:
        raw = source.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"{source}: cannot read: {error.strerror}") from error
    data = _parse(raw, source)
    _check_top_level(data, source)
    for name in ("library", "reader"):
        if not isinstance(data.get(name, {}), dict):
            raise ConfigError(f"{source}: [{name}] must be a table")
    return Config(
        library=_library(data.get("library", {}), source),
        reader=_reader(data.get("reader", {}), source),
    )
