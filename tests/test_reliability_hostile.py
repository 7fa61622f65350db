"""Hostile text through the real `yomite` in a pseudo-terminal at 80x24 (issue 6).

The corpus (tests/hostile) plants escape sequences (CSI, OSC 0/2/8/52, DCS, APC, C1
controls, bidi overrides, BEL), Rich/Textual markup and non-web URLs in every field of
curation, news and plain-text articles, plus a file of raw 8-bit C1 bytes and a NUL
(binary) file. The app runs as a subprocess on a pty; the test reads every byte it
writes while keys open, scroll, search and page through the hostile articles, then
asserts that none of the planted sequences (and no C1 or bidi control at all) reached
the terminal, that no markup action ran (no screenshot written, no early quit), and
that `q` ends the app with status 0 and no traceback.

The Pilot and tmux tests of the reader (tests/tui/, tests/test_e2e_tmux.py) check
what the widgets hold and what tmux saw; this one checks the raw byte stream, which
is what a terminal would interpret.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.library import Library
from index.locations import locations
from tests.hostile import HOSTILE_NAMES, SEARCH_WORD, TITLES, forbidden_in, write_hostile_corpus
from tests.hostile.terminal import PtyApp
from tui.cli import main as yomite_main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

pytestmark = pytest.mark.slow


ENTER, TAB, BACKTAB, ESC_KEY = "\r", "\t", "\x1b[Z", "\x1b"


@pytest.fixture
def hostile_home(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    # A short path, so that the file names, which come last in the app's one-line
    # failure report, fit in the status line at 80 columns.
    with tempfile.TemporaryDirectory(prefix="yh", dir="/tmp") as short:
        yield _hostile_home(Path(short), tmp_path)


def _hostile_home(short: Path, tmp_path: Path) -> tuple[Path, Path]:
    corpus = short / "a"
    write_hostile_corpus(corpus)
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    # What indexing this corpus gives (in a scratch home): the app itself indexes it
    # on start, as `yomite PATH` does for a user, and reports the failures in its
    # status line — with the hostile file name in it.
    with Library.open(locations(tmp_path / "scratch")) as library:
        report = library.update([corpus])
    failed = sorted(Path(path).name for path, _ in report.failed)
    assert failed == sorted(["hostile_nul.txt", next(n for n in HOSTILE_NAMES if "BIN" in n)])
    assert report.added == 7 + 2
    return tmp_path / "home", corpus


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_hostile_articles_in_a_pty_send_no_escape_and_run_no_action(
    hostile_home: tuple[Path, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    home, corpus = hostile_home
    workdir = tmp_path / "cwd"  # where app.screenshot() would write
    workdir.mkdir()
    app = PtyApp(
        [sys.executable, "-m", "tui", "--home", str(home), str(corpus)],
        cwd=workdir,
        size=size,
    )
    try:
        app.wait_for("悪意ある見出し", "the article list")
        app.settle()
        # Open the first article, read it, visit its cards, jump between hits, and go on
        # to the next article with `]` (no bare ESC here: one followed too closely by a
        # key reads as Alt+key).
        app.keys(ENTER)
        for _ in range(6):
            app.keys("j", " ", "G", "g", "n", TAB, "j", pause=0.12)
            # In the cards pane: `o` asks before opening the link, showing its URL; `n`
            # declines (and is "next hit" when there is no card, so harmless).
            app.keys("o", pause=0.4)
            app.keys("n", BACKTAB, "]", pause=0.12)
        # Pickers and lists built from article fields: outlets, people, related
        # articles, bookmarks; and the help screen.
        for key in ("f", "p", "?"):
            app.keys(key, pause=0.8)
            app.keys(ESC_KEY, pause=1.0)
        app.keys("r", "b", "B", pause=0.5)
        app.keys("B", pause=0.5)
        assert "Open this link?" in app.shown()  # the question, with the card's URL, was asked
        assert "偽メディア" in app.shown()  # the hostile outlet was displayed
        # Search: typed character by character, then open the hits.
        app.keys("/")
        app.keys(*SEARCH_WORD, pause=0.3)
        app.wait_for("hits", "the search result count")
        app.keys(ENTER, ENTER)
        for _ in range(4):
            app.keys("n", "n", " ", TAB, BACKTAB, "]", pause=0.12)
        app.keys("/", *"PWN", ENTER, ENTER, "n", pause=0.15)  # the marker as a query
        app.settle(quiet=0.4)
        assert app.process.poll() is None, "the app quit before q: a markup action ran"
        for title in TITLES:
            assert title in app.shown(), f"{title} was never displayed"
        for _ in range(2):
            app.keys(ESC_KEY, pause=1.0)
        app.keys("q")
        status = app.process.wait(timeout=30)
    finally:
        app.close()

    output = app.output
    assert status == 0
    assert b"Traceback" not in output
    assert forbidden_in(output) == []
    assert list(workdir.iterdir()) == [], "a markup action wrote a file"


def test_the_commands_print_hostile_articles_and_names_without_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite index`, `search` (text and JSON), `verify` and `parse` over the hostile
    corpus (file names included): what they print holds no planted sequence."""
    corpus = tmp_path / "articles"
    paths = write_hostile_corpus(corpus)
    home = str(tmp_path / "home")
    outputs = []
    for argv in (
        ["index", "--home", home, str(corpus)],
        ["search", "--home", home, SEARCH_WORD],
        ["search", "--home", home, "--json", SEARCH_WORD],
        ["search", "--home", home, "PWN"],
        ["verify", "--home", home],
        ["parse", *map(str, paths)],
        ["parse", "--json", *map(str, paths)],
    ):
        yomite_main(argv)
        captured = capsys.readouterr()
        outputs.append((argv[0], captured.out + captured.err))
    for command, output in outputs:
        assert output.strip(), command
        assert forbidden_in(output.encode("utf-8", "surrogateescape")) == [], command
    shown = "".join(output for _, output in outputs)
    assert "hostile_binary_name.txt" in shown  # the failure was reported, name and all
    assert "悪意ある見出しH" in shown
