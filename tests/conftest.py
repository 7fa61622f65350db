"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
LDCC = SHARED / "corpus" / "ldcc"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def ldcc_dir() -> Path:
    if not LDCC.is_dir():
        pytest.skip(f"livedoor corpus not found at {LDCC}")
    return LDCC


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data home (index, state, config) for one test."""
    data_home = tmp_path / "home"
    monkeypatch.setenv("YOMITE_HOME", str(data_home))
    return data_home


@pytest.fixture(autouse=True)
def truecolor_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's look does not depend on the machine running the tests: its default
    theme follows the terminal's colours (TERM=xterm is 16 colours), so tests see a
    truecolor terminal unless they set TERM and COLORTERM themselves."""
    monkeypatch.setenv("COLORTERM", "truecolor")
