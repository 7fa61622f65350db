"""Crash safety and concurrency across processes: SIGKILL at random points, readers vs writer."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from index.library import Library
from index.locations import Locations, locations
from tests.articles import news_text, write_articles

ROOT = Path(__file__).resolve().parent.parent
MARKER = "YOMITE_CRASH_TEST"

pytestmark = pytest.mark.slow


def index_command(where: Locations, corpus: Path, marker: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, MARKER: marker}
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "index", "--home", str(where.home), str(corpus)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def processes_with(marker: str) -> list[int]:
    """Live processes (the build and its workers) started with this marker in their env."""
    found = []
    needle = f"{MARKER}={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


def wait_until_gone(marker: str, timeout: float = 10.0) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def snapshot(where: Locations) -> frozenset[tuple[str, str]]:
    with Library.open(where) as library:
        return frozenset((f.path, f.sha256) for f in library.indexed_files().values())


def kill_at_random(
    where: Locations, corpus: Path, delay: float, marker: str
) -> subprocess.Popen[bytes]:
    build = index_command(where, corpus, marker)
    time.sleep(delay)
    build.send_signal(signal.SIGKILL)
    build.wait()
    return build


def full_run_seconds(where: Locations, corpus: Path) -> float:
    started = time.monotonic()
    build = index_command(where, corpus, uuid.uuid4().hex)
    assert build.wait(timeout=300) == 0
    return time.monotonic() - started


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_sigkill_at_random_points_leaves_the_old_or_the_new_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 300)  # above the parallel threshold: workers are killed too
    duration = full_run_seconds(locations(tmp_path / "scratch"), corpus)
    chance = random.Random(20260322)
    homes = (locations(tmp_path / f"home{n}") for n in range(1000))

    # Phase 1: kills during a first build (old state: no articles). A build that got
    # to finish is checked, then the next kill starts again in a fresh home.
    where = next(homes)
    interrupted = 0
    for _ in range(24):
        marker = uuid.uuid4().hex
        build = kill_at_random(where, corpus, chance.uniform(0.2, 1.05) * duration, marker)
        interrupted += build.returncode == -signal.SIGKILL
        assert wait_until_gone(marker) == [], "indexing workers outlived the killed build"
        with Library.open(where) as library:
            count = library.count()
            assert count in (0, 300)
            # Killed before its commit, the home has no index, as before the build
            # (not an empty one, which searched as "0 hits").
            assert library.has_index == bool(count)
            # What it holds matches what it claims; killed before its commit, it knows
            # which directory it was building (once recorded): its files are new.
            report = library.verify()
            assert not (report.missing or report.changed or report.duplicates)
            if report.roots == [str(corpus)]:
                assert len(report.new) in {0, 300 - count}
            else:
                # killed before it recorded its directory: a new home, which verify
                # compares with what a plain update would index (the default corpus)
                assert count == 0
                assert str(corpus) not in report.roots
            if count:
                assert library.search("記事番号7").total >= 1
        if count:
            where = next(homes)
    assert interrupted >= 12, "most runs should have been killed mid-way"

    # Phase 2: kills during an incremental update of a complete index.
    pristine = next(homes)
    assert index_command(pristine, corpus, uuid.uuid4().hex).wait(timeout=300) == 0
    old = snapshot(pristine)
    for path in paths[:20]:
        path.write_text(news_text(int(path.stem[1:]), extra="改訂版。"), "utf-8")
    for path in paths[20:30]:
        path.unlink()
    write_articles(corpus, 50, start=1000)
    reference = next(homes)
    assert index_command(reference, corpus, uuid.uuid4().hex).wait(timeout=300) == 0
    new = snapshot(reference)
    assert new != old
    where = next(homes)
    shutil.copytree(pristine.home, where.home)
    update_duration = full_run_seconds(locations(tmp_path / "scratch2"), corpus)
    for _ in range(12):
        marker = uuid.uuid4().hex
        kill_at_random(where, corpus, chance.uniform(0.2, 1.05) * update_duration, marker)
        assert wait_until_gone(marker) == []
        state = snapshot(where)
        assert state in (old, new)
        with Library.open(where) as library:
            assert library.search("記事番号7").total >= 1
            assert library.verify().consistent == (state == new)
        if state == new:
            where = next(homes)
            shutil.copytree(pristine.home, where.home)

    # A run left alone finishes the job.
    assert index_command(where, corpus, uuid.uuid4().hex).wait(timeout=300) == 0
    assert snapshot(where) == new
    verify = [sys.executable, "-m", "tui.cli", "verify", "--home", str(where.home)]
    assert subprocess.run(verify, cwd=ROOT, capture_output=True).returncode == 0


READER = """
import json, sys, time
from pathlib import Path
from index.library import Library
from index.locations import locations
home, stop = sys.argv[1], Path(sys.argv[2])
errors, searches, seen = [], 0, 0
library = Library.open(locations(home))
while True:
    finished = stop.exists()
    try:
        library.refresh()
        result = library.search("記事")
        seen = max(seen, library.count(), len(library.articles()))
        searches += 1
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    if finished:
        break
print(json.dumps({"errors": errors, "searches": searches, "seen": seen}))
"""


def test_readers_in_other_processes_search_without_errors_while_one_indexes(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 20)
    where = locations(tmp_path / "home")
    with Library.open(where) as library:
        library.update([corpus])
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(where.home), str(stop)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        with Library.open(where) as library:
            for round_ in range(5):
                write_articles(corpus, 10, start=100 + 10 * round_)
                (corpus / f"n{round_:04d}.txt").unlink()
                library.update([corpus])
                if round_ % 2:  # a new generation switched in under the readers
                    library.rebuild()
            final = library.count()
    finally:
        stop.touch()
    outputs = [reader.communicate(timeout=60) for reader in readers]
    assert all(reader.returncode == 0 for reader in readers), [err for _, err in outputs]
    results = [json.loads(out) for out, _ in outputs]

    assert final == 20 + 50 - 5
    for result in results:
        assert result["errors"] == []
        assert result["searches"] > 0
        assert result["seen"] == final
