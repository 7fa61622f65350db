"""Fifty SIGKILLs while `yomite index` runs over a few hundred articles (issue 6).

The corpus grows one batch directory at a time; every tenth run is a full
`--rebuild` of all of it instead (a new generation switched in at the end, with
worker processes once the corpus passes the parallel threshold). Each run is killed
at a random moment; after each kill:

- the index opens, and holds exactly the state before the run or after it (never a
  part of a batch);
- `yomite verify` exits 0: checksums hold and the index matches the files under the
  roots it recorded (a killed run's batch is not recorded as a root until its commit);
- search finds an old article, and the new batch's article only if it was committed;
- running the same command again finishes the job.

tests/test_crash.py (helper-3) kills first builds and an incremental update with
changes and deletions against a reference state; this test adds many more kills,
rebuilds, `yomite verify` and the re-run after every single kill.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import re
import select
import signal
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from index.library import Library
from index.locations import Locations, locations
from tests.articles import LONG_BODY, write_articles
from tui.cli import main as yomite_main

ROOT = Path(__file__).resolve().parent.parent
KILLS = 50
FIRST_BATCH = 40
BATCH = 8
REBUILD_EVERY = 10

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc"),
]


def yomite(*args: str) -> list[str]:
    return [sys.executable, "-m", "tui.cli", *args]


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def workers_of(group: int) -> list[int]:
    """The multiprocessing workers among a group's members (not the resource tracker,
    which multiprocessing starts before them)."""
    found = []
    for pid in group_members(group):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in command:
            found.append(pid)
    return found


def run_killed(argv: list[str], delay: float) -> bool:
    """Start `argv` in its own process group, SIGKILL its main process after `delay`.

    True if it was still running when killed. Waits until its workers are gone too.
    """
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(delay)
    killed = process.poll() is None
    if killed:
        process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 15
    while (left := group_members(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left == [], "indexing workers outlived the killed build"
    return killed


def run_to_the_end(argv: list[str]) -> float:
    started = time.monotonic()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "0 failed" in done.stdout
    return time.monotonic() - started


def index_with_workers(where: Locations, corpus: Path, delay: float) -> subprocess.Popen[str]:
    """`yomite index` of `corpus` in a session of its own, `delay` seconds after its
    first worker process appeared (it may have finished by then)."""
    process = subprocess.Popen(
        yomite("index", "--home", str(where.home), str(corpus)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not workers_of(process.pid) and process.poll() is None:
        assert time.monotonic() < deadline, "no worker process ever started"
        time.sleep(0.005)
    time.sleep(delay)
    return process


def after_new_home(err: str, where: Locations) -> str:
    """`err` after the line a first build into a new home begins with (each test here
    builds into a home of its own), which must be there."""
    first, _, rest = err.partition("\n")
    assert first == f"yomite index: new data home {where.home}", err
    return rest


def indexed_paths(where: Locations) -> frozenset[str]:
    with Library.open(where) as library:
        return frozenset(library.indexed_files())


def marks(where: Locations) -> tuple[set[str], set[str]]:
    from index.state import UserState

    state = UserState.open(where)
    try:
        return set(state.bookmarks()), state.read_ids()
    finally:
        state.close()


def finds(where: Locations, number: int) -> int:
    with Library.open(where) as library:
        return library.search(f"記事番号{number}").total


def test_fifty_kills_during_indexing_never_break_the_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chance = random.Random(6)
    corpus = tmp_path / "corpus"
    where = locations(tmp_path / "home")
    home = str(where.home)
    batches = [corpus / "b00"]
    write_articles(batches[0], FIRST_BATCH)
    durations = {"add": run_to_the_end(yomite("index", "--home", home, str(batches[0])))}
    durations["rebuild"] = durations["add"] * 2
    kills = changed_by_killed_run = 0
    next_number = 1000

    for round_ in range(KILLS):
        before = indexed_paths(where)
        if round_ % REBUILD_EVERY == REBUILD_EVERY - 1:
            kind, argv = "rebuild", yomite("index", "--rebuild", "--home", home, *map(str, batches))
            new_paths: frozenset[str] = frozenset()
            probe = None
        else:
            batch = corpus / f"b{round_ + 1:02d}"
            new_paths = frozenset(str(p) for p in write_articles(batch, BATCH, start=next_number))
            batches.append(batch)
            kind, argv = "add", yomite("index", "--home", home, str(batch))
            probe = next_number + chance.randrange(BATCH)
            next_number += BATCH

        killed = run_killed(argv, chance.uniform(0.15, durations[kind]))
        kills += killed
        # Aim at the run's lifetime, which varies with the machine's load: a run that
        # finished before the kill was shorter than we thought, one killed maybe longer.
        durations[kind] *= 1.05 if killed else 0.8

        after_kill = indexed_paths(where)
        assert after_kill in (before, before | new_paths), f"round {round_}: a partial commit"
        committed = after_kill != before or (kind == "rebuild")
        changed_by_killed_run += after_kill != before
        assert yomite_main(["verify", "--home", home]) == 0, capsys.readouterr().out
        assert "consistent" in capsys.readouterr().out
        assert finds(where, 7) == 1  # from the first batch: always there
        if probe is not None:
            assert finds(where, probe) == (1 if committed else 0)

        if kind == "rebuild":  # worker processes: keep them out of the test process
            durations[kind] = run_to_the_end(argv) * 1.2  # the next one has more files
        else:  # the same command in-process: no interpreter start-up to pay 45 times
            assert yomite_main(argv[3:]) == 0
            assert "0 failed" in capsys.readouterr().out
        assert indexed_paths(where) == before | new_paths
        if probe is not None:
            assert finds(where, probe) == 1
        with Library.open(where) as library:
            assert library.verify().consistent

    assert kills >= KILLS * 2 // 3, f"only {kills} of {KILLS} runs were killed mid-way"
    assert len(indexed_paths(where)) == FIRST_BATCH + BATCH * (KILLS - KILLS // REBUILD_EVERY)
    assert yomite_main(["verify", "--home", home]) == 0
    # Not every kill may land after the commit, but some must, or the test never saw
    # the "new state" side.
    assert 0 < changed_by_killed_run < kills


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_hangup_and_terminate_during_a_parallel_build(
    tmp_path: Path, signum: signal.Signals
) -> None:
    """What a terminal sends to the whole process group (Ctrl-C, a dropped SSH link) or
    what `kill` sends: the build stops, its workers too, and the index is as it was or
    complete; Ctrl-C says so in one line and exits 130, SIGTERM likewise and 143,
    SIGHUP and 129."""
    corpus = tmp_path / "corpus"
    write_articles(corpus / "old", 10)
    where = locations(tmp_path / "home")
    home = str(where.home)
    run_to_the_end(yomite("index", "--home", home, str(corpus / "old")))
    chance = random.Random(int(signum))
    duration = 2.0
    interrupted = 0
    for round_ in range(5):
        if interrupted == 2:
            break
        batch = corpus / f"new{round_}"  # >= 200 files: worker processes
        new_paths = frozenset(str(p) for p in write_articles(batch, 240, start=1000 * (round_ + 1)))
        argv = yomite("index", "--home", home, str(batch))
        before = indexed_paths(where)
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(chance.uniform(0.4, duration))
        signalled = process.poll() is None
        if signalled:
            os.killpg(process.pid, signum)
            interrupted += 1
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + 15
        while group_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(process.pid) == []

        after = indexed_paths(where)
        assert after in (before, before | new_paths)
        said = {
            signal.SIGINT: (130, "interrupted"),
            signal.SIGTERM: (143, "terminated"),
            signal.SIGHUP: (129, "hung up"),
        }
        if signalled and process.returncode == said.get(signum, (None,))[0]:
            # (Whether stderr holds only this line is the next tests' business: a
            # worker interrupted while importing prints a traceback, and when that
            # happens here depends on timing.)
            # What it says matches what happened: before the commit, or just after.
            how = said[signum][1]
            if after == before:
                assert f"yomite index: {how}; the index is unchanged" in err
            else:
                assert f"yomite index: {how} after the index was written" in err
        elif signalled and process.returncode != 0:
            assert process.returncode == -signum
        else:  # it had finished
            assert after == before | new_paths
        assert yomite_main(["verify", "--home", home]) == 0
        run_to_the_end(argv)
        assert indexed_paths(where) == before | new_paths
        duration *= 1.0 if signalled else 0.6  # it finished first: aim earlier
    assert interrupted, "no run was still going when the signal came"


def test_ctrl_c_while_the_workers_start_prints_one_line_and_no_traceback(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, workers included: a worker still
    importing when it comes must not print a traceback over the user's terminal.

    The window is a few hundred milliseconds wide and its place varies with the load,
    so the signal is sent at several delays after the first worker appears."""
    corpus = tmp_path / "corpus"
    # >= 200 files: worker processes; enough that a fast machine is still at it 0.45 s
    # after the first worker appeared.
    write_articles(corpus, 600, extra=LONG_BODY)
    everything = {str(p) for p in corpus.glob("*.txt")}
    interrupted = 0
    for attempt, delay in enumerate((0.0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.3, 0.45)):
        where = locations(tmp_path / f"home{attempt}")
        process = index_with_workers(where, corpus, delay)
        if process.poll() is not None:
            process.communicate()
            continue  # finished first: nothing to interrupt
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)

        assert "Traceback" not in err, f"Ctrl-C {delay} s after the workers started:\n{err}"
        if process.returncode in (0, -signal.SIGINT) and indexed_paths(where) == everything:
            # It had finished: the Ctrl-C came as the interpreter exited (where
            # Python's own handler is gone, hence -SIGINT). Nothing to interrupt.
            continue
        interrupted += 1
        assert process.returncode == 130
        assert after_new_home(err, where).strip() == (
            "yomite index: interrupted; the index is unchanged"
        )
        assert indexed_paths(where) == frozenset()
    assert interrupted >= 3


def test_sigterm_during_a_parallel_build_says_so_in_one_line_and_exits_143(
    tmp_path: Path,
) -> None:
    """`kill -TERM -- -PGID` (a service stopping, a shell's kill) while the workers run
    stops the build as Ctrl-C does: one line, exit 143 (128 + SIGTERM), no worker left.
    Python's default ended the process at once, with no word (-SIGTERM), and in most
    runs the resource tracker printed "There appear to be 6 leaked semaphore objects"."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 600, extra=LONG_BODY)  # >= 200 files: worker processes
    everything = {str(p) for p in corpus.glob("*.txt")}
    terminated = 0
    for attempt, delay in enumerate((0.05, 0.2, 0.4, 0.7)):
        where = locations(tmp_path / f"home{attempt}")
        process = index_with_workers(where, corpus, delay)
        if process.poll() is not None:
            process.communicate()
            continue  # finished first: nothing to stop
        os.killpg(process.pid, signal.SIGTERM)
        # The resource tracker, which warned, holds stderr too: read to its end.
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + 15
        while group_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(process.pid) == []
        if process.returncode in (0, -signal.SIGTERM) and indexed_paths(where) == everything:
            continue  # it had finished: the signal came as the interpreter exited
        terminated += 1
        assert (process.returncode, after_new_home(err, where).strip()) == (
            143,
            "yomite index: terminated; the index is unchanged",
        )
        assert indexed_paths(where) == frozenset()
    assert terminated >= 2


def test_sigkill_during_a_parallel_build_leaves_no_warning_on_the_terminal(
    tmp_path: Path,
) -> None:
    """`kill -9 PID` of `yomite index` while its workers run: the index is as it was, and
    the terminal showed, after the shell's "Killed", multiprocessing's resource tracker
    (which outlives the build, to unlink its queues' semaphores) warn "resource_tracker:
    There appear to be 6 leaked semaphore objects to clean up at shutdown"."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 600, extra=LONG_BODY)  # >= 200 files: worker processes
    killed = 0
    for attempt, delay in enumerate((0.1, 0.4)):
        where = locations(tmp_path / f"home{attempt}")
        process = index_with_workers(where, corpus, delay)
        if process.poll() is not None:
            process.communicate()
            continue  # finished first: nothing to kill
        process.send_signal(signal.SIGKILL)  # the main process alone, as `kill -9 PID`
        # The workers and the resource tracker hold stderr too: read to its end.
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + 15
        while group_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(process.pid) == []
        killed += 1
        assert (process.returncode, after_new_home(err, where)) == (-signal.SIGKILL, "")
        assert indexed_paths(where) == frozenset()
    assert killed >= 1


def test_killing_the_reader_during_its_background_update_keeps_index_and_bookmarks(
    tmp_path: Path,
) -> None:
    """The reader indexes new files in the background: SIGKILL it (a closed SSH
    session, the OOM killer) mid-update, after a bookmark and a read mark were set.
    The index opens and checks out (old or new state), the marks are there, and the
    next start finishes the update."""
    from tests.hostile.terminal import PtyApp

    corpus = tmp_path / "corpus"
    write_articles(corpus, 20)
    where = locations(tmp_path / "home")
    home = str(where.home)
    run_to_the_end(yomite("index", "--home", home, str(corpus)))
    chance = random.Random(16)
    total = 20
    killed_mid_update = 0
    for round_ in range(6):
        # >= 200 files: workers; long enough to last past the marks on a fast machine
        # (~2.7 million characters: at 900,000 a fast machine's update had finished
        # before each kill, 6 rounds of 6)
        new_paths = write_articles(corpus, 500, start=1000 * (round_ + 1), extra=LONG_BODY * 3)
        total += len(new_paths)
        before = indexed_paths(where)
        marks_before = marks(where)
        app = PtyApp(
            [sys.executable, "-m", "tui", "--home", home, str(corpus)], cwd=tmp_path, size=(100, 30)
        )
        try:
            app.wait_for("記事", "the article list")
            app.mark()
            app.wait_for("indexing ", "the update's progress")  # under way
            app.keys("j", pause=0.2)
            app.mark()
            app.keys("b", pause=0.1)
            app.wait_for(("bookmarked", "bookmark removed"), "the bookmark")
            app.mark()
            app.keys("u", pause=0.1)
            # (held on the status line against the update's progress for a while)
            app.wait_for(("marked read", "marked unread"), "the read mark")
            time.sleep(chance.uniform(0.0, 0.6))
            os.killpg(app.process.pid, signal.SIGKILL)
            app.process.wait(timeout=30)
        finally:
            app.close()
        deadline = time.monotonic() + 15
        while group_members(app.process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(app.process.pid) == []

        after = indexed_paths(where)
        on_disk = {str(p) for p in corpus.glob("*.txt")}
        assert after in (before, on_disk)  # one commit for everything pending, or none
        killed_mid_update += after == before
        with Library.open(where) as library:
            report = library.verify()
        assert not (report.missing or report.changed or report.duplicates)
        assert set(report.new) == on_disk - after
        bookmarks, read = marks(where)
        assert len(bookmarks ^ marks_before[0]) == 1  # the one bookmark toggled is kept
        assert len(read ^ marks_before[1]) == 1  # and so is the read mark
        if round_ >= 2 and killed_mid_update:
            break  # three kills at least, one mid-update (a fast build may need more)
    assert killed_mid_update >= 1, "every update had finished before its kill"
    run_to_the_end(yomite("index", "--home", home, str(corpus)))
    assert len(indexed_paths(where)) == total
    assert yomite_main(["verify", "--home", home]) == 0


def test_ctrl_c_during_a_first_build_leaves_a_home_with_no_index(tmp_path: Path) -> None:
    """Ctrl-C as the progress bar counts a new home's first files: "interrupted; the
    index is unchanged", and so it is: there is no index, as before. The empty index
    opened for the build was left live, and `yomite search` said "0 hits", exit 0,
    where a new home says there is no index yet (review)."""
    from tests.hostile.terminal import PtyApp

    corpus = tmp_path / "corpus"
    everything = {str(p) for p in write_articles(corpus, 2000, extra=LONG_BODY)}
    home = str(tmp_path / "home")
    build = PtyApp(yomite("index", "--home", home, str(corpus)), cwd=ROOT, size=(100, 30))
    try:
        deadline = time.monotonic() + 60
        while not re.search(
            r"indexing\S* .*(?<![0-9,])[1-9][0-9,]*/2,000",
            re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", build.shown()),  # the count is coloured
        ):
            assert build.process.poll() is None, build.shown()
            assert time.monotonic() < deadline, "no progress shown"
            time.sleep(0.01)
        os.killpg(build.process.pid, signal.SIGINT)  # what the terminal sends for Ctrl-C
        assert build.process.wait(timeout=60) == 130
        build.settle(quiet=0.2)
    finally:
        build.close()
    assert "yomite index: interrupted; the index is unchanged" in build.shown()

    search = subprocess.run(
        yomite("search", "--home", home, "--json", "東京"), cwd=ROOT, capture_output=True, text=True
    )
    assert (search.returncode, search.stdout) == (1, "")
    assert search.stderr.startswith(f"yomite search: no index in {home} yet: run ")
    verify = subprocess.run(yomite("verify", "--home", home), cwd=ROOT, capture_output=True)
    assert (verify.returncode, verify.stdout) == (1, b"")
    assert b"no index in" in verify.stderr
    # The next run builds what was asked for, as on a new home.
    run_to_the_end(yomite("index", "--home", home))
    assert indexed_paths(locations(home)) == everything


def generations(where: Locations) -> list[str]:
    return sorted(
        entry.name for entry in where.index_dir.iterdir() if entry.name.startswith("gen-")
    )


def hung_up_rebuilds(
    tmp_path: Path,
    start: Callable[[list[str]], subprocess.Popen[bytes]],
    hang_up: Callable[[subprocess.Popen[bytes]], None],
) -> list[tuple[int, bytes]]:
    """`yomite index --rebuild` of 600 articles, hung up (`hang_up`) at several moments
    after its workers appeared: for each run that was still going, its exit status and
    what it wrote to stderr; each checked to leave the index as it was, with no
    generation of its own left behind and no worker."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 10)
    where = locations(tmp_path / "home")
    assert yomite_main(["index", "--home", str(where.home), str(corpus)]) == 0
    before, kept = indexed_paths(where), generations(where)
    new = write_articles(corpus, 600, start=10, extra=LONG_BODY)  # >= 200: worker processes
    everything = before | {str(path) for path in new}
    stopped = []
    for delay in (0.05, 0.3, 0.7):
        process = start(yomite("index", "--home", str(where.home), "--rebuild", str(corpus)))
        deadline = time.monotonic() + 60
        while not workers_of(process.pid) and process.poll() is None:
            assert time.monotonic() < deadline, "no worker process ever started"
            time.sleep(0.005)
        time.sleep(delay)
        if process.poll() is not None:
            break  # finished first: later ones would too
        hang_up(process)
        _, err = process.communicate(timeout=60)
        deadline = time.monotonic() + 15
        while group_members(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert group_members(process.pid) == []
        if process.returncode == 0 or indexed_paths(where) != before:
            assert indexed_paths(where) == everything  # committed before the signal came
            break
        assert generations(where) == kept
        stopped.append((process.returncode, err or b""))
    assert stopped, "no rebuild was still going when hung up"
    return stopped


def test_sighup_during_a_rebuild_says_so_and_leaves_no_generation_behind(tmp_path: Path) -> None:
    """`kill -HUP` (an SSH session dropping) stops `yomite index` as SIGTERM does: one
    line, exit 129 (128 + SIGHUP), the index as it was. Python's default ended it at
    once with no word and left the generation being written (22 MB of 870 ldcc files)
    in the index directory until the next `yomite index`."""

    def start(argv: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )

    for code, err in hung_up_rebuilds(tmp_path, start, lambda p: p.send_signal(signal.SIGHUP)):
        assert (code, err.decode()) == (129, "yomite index: hung up; the index is unchanged\n")


def test_a_terminal_gone_during_a_rebuild_leaves_no_generation_behind(tmp_path: Path) -> None:
    """The terminal itself gone (the pseudo-terminal's other end closed, as sshd does
    when the connection drops): SIGHUP, and writes to the terminal fail (EIO). The
    build stops, exit 129, the index as it was, with no traceback's exit 1 for a
    message that could not be written."""
    terminals: list[tuple[int, threading.Thread, threading.Event]] = []

    def start(argv: list[str]) -> subprocess.Popen[bytes]:
        master, slave = os.openpty()
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
            # its controlling terminal, as a login's: closing the other end hangs it up
            preexec_fn=lambda: fcntl.ioctl(0, termios.TIOCSCTTY, 0),
        )
        os.close(slave)
        done = threading.Event()
        drainer = threading.Thread(target=drain, args=(master, done), daemon=True)
        drainer.start()
        terminals.append((master, drainer, done))
        return process

    def drain(master: int, done: threading.Event) -> None:
        """Read what the build writes (its progress bar must not fill the terminal's
        buffer) until told to stop: a read in progress would keep the terminal open."""
        with contextlib.suppress(OSError):
            while not done.is_set():
                if select.select([master], [], [], 0.05)[0]:
                    os.read(master, 65536)

    def hang_up(process: subprocess.Popen[bytes] | None) -> None:
        master, drainer, done = terminals.pop()
        done.set()
        drainer.join()
        os.close(master)

    try:
        for code, _ in hung_up_rebuilds(tmp_path, start, hang_up):
            assert code == 129
    finally:
        while terminals:  # a build that finished first
            hang_up(None)
