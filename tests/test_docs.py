"""The README is what users read first: its keys table must not drift from the commands."""

from __future__ import annotations

from tests.conftest import ROOT
from tui.commands import BAR_COMMANDS, COMMANDS

# How the README writes Textual's key names.
README_NAMES = {
    "slash": "`/`",
    "escape": "`Esc`",
    "left_square_bracket": "`[`",
    "right_square_bracket": "`]`",
    "asterisk": "`*`",
    "question_mark": "`?`",
    "tab": "Tab",
    "shift+tab": "Shift-Tab",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "ctrl+p": "ctrl+p",
    "ctrl+l": "ctrl+l",
    "ctrl+z": "ctrl+z",
    "up": "`↑`",
    "down": "`↓`",
}


def _keys_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Keys")
    return readme[start : readme.index("\n## ", start)]


def test_every_command_key_is_in_the_readme_keys_table() -> None:
    table = _keys_section()
    missing = []
    for command in COMMANDS:
        key = command.keys.split(",")[0]
        shown = README_NAMES.get(key, f"`{key}`")
        if shown not in table:
            missing.append(f"{command.id} ({shown})")
    assert not missing, f"README keys table lacks: {', '.join(missing)}"


def test_the_search_bars_own_keys_have_their_row() -> None:
    """↑ ↓ are in the table already (they move); in the bar they recall searches."""
    rows = [
        line
        for line in _keys_section().splitlines()
        if line.startswith("|") and "in the search bar" in line
    ]
    assert len(rows) == 1
    for command in BAR_COMMANDS:
        assert README_NAMES[command.keys.split(",")[0]] in rows[0]


def test_quick_start_shows_exactly_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme[readme.index("## Quick start") : readme.index("## Usage")]
    block = quick.split("```sh")[1].split("```")[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make run", "make test"]
