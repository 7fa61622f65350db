"""The real `yomite` in a real terminal (tmux): a hostile article changes nothing outside.

The article's title and body carry OSC 0 (window title), OSC 52 (clipboard), CSI
(clear screen), bidi controls and Rich/Textual markup. The parser turns the
controls into visible placeholders, the reader draws markup as text: tmux's pane
title and paste buffer must stay exactly as the test set them, and the app must
still be running until `q`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.tui_support import HOSTILE_TITLE, build_home

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    """A private tmux server (own socket), so the user's sessions are never touched."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def __call__(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout

    def screen(self) -> str:
        return self("capture-pane", "-p", "-t", "e2e")

    def wait_for(self, ready: Callable[[str], bool], what: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen()
            if ready(shown):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; screen:\n{shown}")

    def keys(self, *keys: str) -> None:
        self("send-keys", "-t", "e2e", *keys)


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    server = Tmux(f"yomite-test-{os.getpid()}-{time.monotonic_ns()}")
    yield server
    subprocess.run(["tmux", "-L", server.socket, "kill-server"], capture_output=True, check=False)


def _prepare(tmux: Tmux, command: str) -> None:
    tmux("new-session", "-d", "-s", "e2e", "-x", "100", "-y", "30", command)
    # Let an OSC 52 reach tmux's buffers if one ever escaped, and a title reach the pane.
    tmux("set-option", "-g", "set-clipboard", "on")
    tmux("set-option", "-g", "remain-on-exit", "on")
    tmux("resize-window", "-t", "e2e", "-x", "100", "-y", "30")
    tmux("select-pane", "-t", "e2e", "-T", "title-before")
    tmux("set-buffer", "-b", "sentinel", "buffer-before")


def test_the_checks_see_escapes_that_reach_the_terminal(tmp_path: Path, tmux: Tmux) -> None:
    """The control: the same raw title printed by `cat` does change the title and buffers."""
    raw = tmp_path / "raw.txt"
    raw.write_text(HOSTILE_TITLE + "\n", encoding="utf-8")
    _prepare(tmux, f"sleep 1; cat {shlex.quote(str(raw))}; sleep 30")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if tmux("display", "-p", "-t", "e2e", "#{pane_title}").strip() != "title-before":
            break
        time.sleep(0.2)
    assert tmux("display", "-p", "-t", "e2e", "#{pane_title}").strip() == "PWNED-TITLE"
    assert len(tmux("list-buffers", "-F", "#{buffer_name}").split()) == 2


def test_hostile_article_in_a_real_terminal(tmp_path: Path, tmux: Tmux) -> None:
    home, corpus = build_home(tmp_path)
    # COLUMNS/LINES from pytest would pin the app's size; the locale makes tmux speak UTF-8.
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = [sys.executable, "-m", "tui", "--home", str(home), str(corpus)]
    command = " ".join(shlex.quote(part) for part in [*environment, *reader])
    _prepare(tmux, command)
    tmux.wait_for(lambda s: "悪意ある見出し" in s, "the article list")
    tmux.keys("/")
    tmux.keys("-l", "悪意")
    tmux.wait_for(lambda s: re.search(r"\b1 hit\b", s) is not None, "the search result")
    tmux.keys("Enter")
    time.sleep(0.3)
    tmux.keys("Enter")
    shown = tmux.wait_for(lambda s: "本文に[bold red]マークアップ[/]" in s, "the hostile article")
    assert "[@click=app.screenshot('/tmp/pwned.svg')]罠[/]" in shown
    assert "[/b][link=https://evil.example/]" in shown
    tmux.keys("Tab")  # to the cards pane, and click around the markup
    tmux.keys("j", "k", "End", "Home")
    time.sleep(0.5)
    assert tmux("display", "-p", "-t", "e2e", "#{pane_dead}").strip() == "0"
    assert tmux("display", "-p", "-t", "e2e", "#{pane_title}").strip() == "title-before"
    assert tmux("list-buffers", "-F", "#{buffer_name}").split() == ["sentinel"]
    assert tmux("show-buffer", "-b", "sentinel") == "buffer-before"
    assert not Path("/tmp/pwned.svg").exists()
    tmux.keys("q")
    tmux.wait_for(
        lambda _: tmux("display", "-p", "-t", "e2e", "#{pane_dead}").strip() == "1", "exit"
    )
    assert tmux("display", "-p", "-t", "e2e", "#{pane_title}").strip() == "title-before"
    assert tmux("list-buffers", "-F", "#{buffer_name}").split() == ["sentinel"]


def test_bytes_that_are_not_utf8_from_the_terminal_are_no_crash(tmp_path: Path, tmux: Tmux) -> None:
    """東 typed in an EUC-JP terminal (c5 ec), a lone Shift_JIS lead byte (94): the
    driver's strict decoder raised in its input thread, and the reader died (exit 0)."""
    home, corpus = build_home(tmp_path)
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = [sys.executable, "-m", "tui", "--home", str(home), str(corpus)]
    _prepare(tmux, " ".join(shlex.quote(part) for part in [*environment, *reader]))
    tmux.wait_for(lambda s: "悪意ある見出し" in s, "the article list")
    tmux.keys("/")
    tmux.keys("-H", "c5", "ec")
    tmux.keys("-H", "94")
    tmux.keys("-l", "悪意")
    shown = tmux.wait_for(lambda s: "悪意" in s.splitlines()[0], "the search bar")
    assert "\ufffd" in shown.splitlines()[0]  # shown as replaced, not dropped
    assert tmux("display", "-p", "-t", "e2e", "#{pane_dead}").strip() == "0"
    tmux.keys("C-u", "Escape")
    time.sleep(0.7)  # an Escape followed at once by q reaches the app as Alt+q
    tmux.keys("q")
    tmux.wait_for(
        lambda _: tmux("display", "-p", "-t", "e2e", "#{pane_dead}").strip() == "1", "exit"
    )


@pytest.mark.slow
def test_background_update_with_worker_processes_in_a_real_terminal(
    tmp_path: Path, tmux: Tmux
) -> None:
    """Enough new files for the builder's worker processes, started from inside the app.

    Inside a running Textual app sys.stderr has no file descriptor, which once made
    multiprocessing fail to start ("bad value(s) in fds_to_keep") and left the index
    silently unbuilt.
    """
    from index.build import PARALLEL_THRESHOLD

    corpus = tmp_path / "many"
    corpus.mkdir()
    for number in range(PARALLEL_THRESHOLD + 10):
        body = f"記事{number}の見出し\n\n東京で{number}番目の出来事があった。\n"
        (corpus / f"{number:04d}.txt").write_text(body, encoding="utf-8")
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = [sys.executable, "-m", "tui", "--home", str(tmp_path / "home"), str(corpus)]
    _prepare(tmux, " ".join(shlex.quote(part) for part in [*environment, *reader]))
    shown = tmux.wait_for(lambda s: "index up to date" in s or "failed" in s, "the update", 120)
    assert f"{PARALLEL_THRESHOLD + 10} added" in shown, shown
    tmux.wait_for(lambda s: f"/{PARALLEL_THRESHOLD + 10})" in s, "the new list")


@pytest.mark.parametrize("how", ["ctrl+z", "ctrl+z under sh", "kill -TSTP"])
def test_a_suspended_reader_comes_back_painted_with_fg(
    tmp_path: Path, tmux: Tmux, how: str
) -> None:
    """Ctrl+Z in a shell, as over SSH: the shell's prompt, then `fg`, the reader back.

    The key was read and dropped. Suspended, `fg` left the screen blank but for what
    changed after (a scrollbar's two cells): it is painted again, whole, at the size
    the terminal has then (resized while suspended), and still reads keys. Under a
    program that waits for it (`make run`; `sh -c` here) the whole job stops, as with
    the terminal's own Ctrl+Z: the reader alone stopped, and the shell never got the
    terminal back. A SIGTSTP from elsewhere (`kill -TSTP`) suspends it too."""
    home, corpus = build_home(tmp_path, hostile=False)
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = [*environment, sys.executable, "-m", "tui", "--home", str(home), str(corpus)]
    command = " ".join(shlex.quote(part) for part in reader)
    if how == "ctrl+z under sh":
        command = f"sh -c {shlex.quote(command + '; echo after=$?')}"
    _prepare(tmux, "env PS1='$ ' bash --norc --noprofile")
    shell = int(tmux("display", "-p", "-t", "e2e", "#{pane_pid}").strip())
    tmux.keys("-l", command)
    tmux.keys("Enter")
    tmux.wait_for(lambda s: "Articles (2)" in s, "the article list")
    for size in (None, ("80", "24")):  # back at the same size, then at another
        if how == "kill -TSTP":
            [child] = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
            os.kill(int(child), signal.SIGTSTP)
        else:
            tmux.keys("C-z")
        shown = tmux.wait_for(lambda s: "Stopped" in s and s.rstrip().endswith("$"), "the shell")
        assert tmux("display", "-p", "-t", "e2e", "#{alternate_on}").strip() == "0", shown
        if size is not None:
            tmux("resize-window", "-t", "e2e", "-x", size[0], "-y", size[1])
        tmux.keys("fg", "Enter")
        tmux.wait_for(lambda s: "Articles (2)" in s and "Quit" in s, "the reader painted")
    tmux.keys("/")
    tmux.keys("-l", "ウクライナ")
    tmux.wait_for(lambda s: re.search(r"\b2 hits\b", s.splitlines()[0]) is not None, "a search")
    tmux.keys("Escape")
    time.sleep(0.7)  # an Escape followed at once by q reaches the app as Alt+q
    tmux.keys("Escape")
    time.sleep(0.7)
    tmux.keys("q")
    tmux.wait_for(lambda s: s.rstrip().endswith("$"), "the shell after q")
    tmux.keys("echo status=$?", "Enter")
    tmux.wait_for(lambda s: "status=0" in s, "the reader's exit status")


def test_a_terminal_that_goes_away_ends_the_reader_with_its_place_kept(
    tmp_path: Path, tmux: Tmux
) -> None:
    """An SSH connection dropped or a tmux server killed: the reader quits as `q` does.

    Before, the hang-up killed it without saving the position, and a reader the hang-up
    did not reach (run by `make run`) spun a core on the closed terminal for good.
    """
    from index.locations import locations
    from index.state import UserState

    home, corpus = build_home(tmp_path, hostile=False)
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = [sys.executable, "-m", "tui", "--home", str(home), str(corpus)]
    _prepare(tmux, " ".join(shlex.quote(part) for part in [*environment, *reader]))
    pid = int(tmux("display", "-p", "-t", "e2e", "#{pane_pid}").strip())
    tmux.wait_for(lambda s: "Articles (" in s, "the article list")
    tmux.keys("Enter")
    title = "トランプ氏とプーチン氏がウクライナ"
    opened = tmux.wait_for(lambda s: title in s, "the article")
    tmux.keys("space", "space")
    # Its heading scrolled away (the list and the pane's border still name it): any
    # change of the screen, under load a paint of the article itself, let the terminal
    # go before the keys were read, and the place kept was its top.
    tmux.wait_for(lambda s: s.count(title) < opened.count(title), "the article scrolled")
    time.sleep(0.5)
    subprocess.run(["tmux", "-L", tmux.socket, "kill-server"], capture_output=True, check=False)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
        time.sleep(0.1)
    assert not _running(pid), "the reader outlived its terminal"
    state = UserState.open(locations(home))
    try:
        last = state.last_place()
    finally:
        state.close()
    assert last is not None and last.offset > 0


EARLY_SIGNAL = """
import os, signal, sys
from tui.app import YomiteApp
from tui.cli import main

made = YomiteApp.get_default_screen

def signalled_while_starting(app):
    # Textual holds the terminal by now (alternate screen, raw mode); nothing is mounted.
    os.kill(os.getpid(), signal.SIGTERM)
    return made(app)

YomiteApp.get_default_screen = signalled_while_starting
sys.exit(main())
"""


def test_a_signal_while_the_reader_starts_leaves_the_terminal_restored(
    tmp_path: Path, tmux: Tmux
) -> None:
    """A SIGTERM or a hang-up while the reader is starting (Textual has the terminal,
    the reader is not mounted yet): it quits with the terminal restored, as later.

    The handlers were installed at the mount: a signal before it ended the process where
    it stood, the pane left in the alternate screen with echo off."""
    home, corpus = build_home(tmp_path, hostile=False)
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = " ".join(
        shlex.quote(part)
        for part in [
            *environment,
            sys.executable,
            "-c",
            EARLY_SIGNAL,
            "--home",
            str(home),
            str(corpus),
        ]
    )
    _prepare(tmux, f"sh -c {shlex.quote(f'{reader}; echo status=$?; stty -a; exec sleep 60')}")
    shown = tmux.wait_for(_modes_shown, "the shell's prompt", 30)
    assert "status=143" in shown
    modes = set(shown.replace(";", " ").split())
    assert {"icanon", "echo"} <= modes, shown
    shown_flags = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{cursor_flag}"
    assert tmux("display", "-p", "-t", "e2e", shown_flags).split() == ["0", "0", "0", "1"]


def _modes_shown(screen: str) -> bool:
    """Whether the shell's `stty -a` after the reader is on the screen up to its local
    modes (echoke, or -echoke, ends their line, after icanon and echo): waiting for its
    first line alone, a loaded machine captured the screen before the modes were drawn."""
    return "status=" in screen and "echoke" in screen


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
)
def test_a_signal_ends_the_reader_with_the_terminal_restored(
    tmp_path: Path, tmux: Tmux, signum: signal.Signals, status: int
) -> None:
    """`kill PID` from elsewhere (a service stopping), SIGHUP (a terminal closed), `kill
    -INT`: the reader quits as `q` does, and the shell gets its terminal back.

    SIGTERM ended the process where it stood: the pane stayed in the alternate screen
    with mouse reporting on and echo off, the prompt drawn over the stale screen and
    nothing typed shown until `reset`."""
    home, corpus = build_home(tmp_path, hostile=False)
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = " ".join(
        shlex.quote(part)
        for part in [*environment, sys.executable, "-m", "tui", "--home", str(home), str(corpus)]
    )
    # The shell the reader gives the terminal back to says what it finds there.
    _prepare(tmux, f"sh -c {shlex.quote(f'{reader}; echo status=$?; stty -a; exec sleep 60')}")
    shell = int(tmux("display", "-p", "-t", "e2e", "#{pane_pid}").strip())
    tmux.wait_for(lambda s: "Articles (" in s, "the article list")
    assert tmux("display", "-p", "-t", "e2e", "#{alternate_on}").strip() == "1"  # the control
    children = Path(f"/proc/{shell}/task/{shell}/children").read_text().split()
    assert len(children) == 1
    os.kill(int(children[0]), signum)
    shown = tmux.wait_for(_modes_shown, "the shell's prompt", 15)
    assert f"status={status}" in shown
    modes = set(shown.replace(";", " ").split())
    assert {"icanon", "echo"} <= modes, shown  # typing is echoed again, line by line
    shown_flags = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{cursor_flag}"
    assert tmux("display", "-p", "-t", "e2e", shown_flags).split() == ["0", "0", "0", "1"]
    assert not _running(int(children[0]))


def _reader_of_a_big_new_directory(tmux: Tmux, tmp_path: Path, home: Path) -> Path:
    """`yomite --home HOME NEW` started under `sh -c` (its exit status echoed after it),
    NEW a new directory of enough text (~5 M characters) that its update or rebuild is
    still under way when the list is first painted; NEW returned."""
    new = tmp_path / "new"
    new.mkdir()
    sentence = "東京で開かれた会議では、新しい計画について長い議論が続いた。"
    for number in range(200):
        body = "".join(f"{sentence * 40}{number}-{part}\n\n" for part in range(20))
        (new / f"{number:04d}.txt").write_text(f"記事{number}の見出し\n\n{body}", encoding="utf-8")
    environment = ["env", "-u", "COLUMNS", "-u", "LINES", "LANG=C.UTF-8", "TEXTUAL_ANIMATIONS=none"]
    reader = " ".join(
        shlex.quote(part)
        for part in [*environment, sys.executable, "-m", "tui", "--home", str(home), str(new)]
    )
    _prepare(tmux, f"sh -c {shlex.quote(f'{reader}; echo status=$?; exec sleep 60')}")
    return new


def test_quitting_while_a_new_directory_is_first_indexed_says_it_was_not_added(
    tmp_path: Path, tmux: Tmux
) -> None:
    """`yomite --home H DIR` quit before the update that adds DIR was written: DIR joins
    the home with that commit, so the next `yomite` neither listed nor indexed it, and
    nothing had said so (`yomite index DIR` stopped the same way says it). Once the
    terminal is the shell's again, the reader names DIR and the command that adds it."""
    import json

    home, _ = build_home(tmp_path, hostile=False)
    new = _reader_of_a_big_new_directory(tmux, tmp_path, home)
    tmux.wait_for(lambda s: "Articles (" in s, "the article list")
    tmux.keys("q")
    tmux.wait_for(lambda s: "status=" in s, "the shell", 60)
    shown = tmux("capture-pane", "-p", "-J", "-t", "e2e")  # (its long line joined)
    assert str(new.resolve()) not in json.loads((home / "index" / "roots.json").read_text())
    said = (
        f"yomite: {new.resolve()} was not added to the home (its update did not finish): "
        f"`yomite index --home {home} {new.resolve()}` adds it"  # (as typed for that home)
    )
    assert said in shown, shown
    assert "status=0" in shown


def test_quitting_during_a_rebuild_stops_it_and_says_so(
    tmp_path: Path, tmux: Tmux, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: `yomite --home H DIR` over an index of another version, the rebuild
    agreed to (`y`) and `q` pressed 4 s in: the terminal was handed back, and the shell's
    prompt came 43 s later, with no word, once the rebuild had run to its end. It stops
    at the quit, the index as it was (the next start offers the rebuild again), and says
    so once the terminal is the shell's."""
    import index.library
    from index.errors import IndexUnavailable
    from index.library import Library
    from index.locations import locations
    from index.store import commit_mark

    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        home, _ = build_home(tmp_path, hostile=False)
    before = commit_mark(locations(home).index_dir)
    new = _reader_of_a_big_new_directory(tmux, tmp_path, home)
    tmux.wait_for(lambda s: "Rebuild (y)" in s, "the rebuild's dialog")
    tmux.keys("y")
    tmux.wait_for(lambda s: "indexing " in s, "the rebuild under way")
    tmux.keys("q")
    # (A bound, no measure: it stops at its next file, where it ran on to its end.)
    tmux.wait_for(lambda s: "status=" in s, "the shell", 60)
    shown = tmux("capture-pane", "-p", "-J", "-t", "e2e")  # (its long lines joined)
    assert commit_mark(locations(home).index_dir) == before
    with pytest.raises(IndexUnavailable) as again:  # the next start offers it again
        Library.open(locations(home))
    assert again.value.outdated
    said = (
        "yomite: the index's rebuild was stopped; the index is as it was, and the next "
        "yomite offers to rebuild it again"
    )
    assert said in shown, shown
    # What it was given is not in the home: the next plain `yomite` rebuilds without it.
    assert f"yomite: {new.resolve()} was not added to the home" in shown, shown
    assert "status=0" in shown
