"""Disk full, quota, I/O errors, read-only homes and unsafe permissions (issue 6).

Tests run as root here, so permission bits do not stop writes and no tmpfs can be
mounted: a full disk is simulated in-process by a byte budget charged on every write
the index makes (Whoosh's segment and TOC files, and the manifests, saved lists and
pointers written by `atomic_write`). The sweep fills the "disk" at many points of an
update and of a rebuild; each time the old index must stay searchable and the lock
free, and the next update with space again must finish the job.

tests/test_store.py (helper-3) fails one file creation with ENOSPC, fakes a read-only
probe for the Library, and refuses group-writable directories in `Library.open`;
this file adds the sweep over write offsets and errno values, rebuilds, the
`yomite index`/`search`/`verify` commands and the reader in those situations.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import pickle
import shutil
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.structfile import StructFile

import index.home
import index.library
import index.store
import index.summaries
from index.library import Library, LibraryError
from index.locations import Locations, locations
from index.state import UserState
from index.store import SyncedStorage, write_lock
from tests.articles import news_text, write_articles
from tests.conftest import Denier
from tests.tui_support import reader_app, settle, sync, told
from tui.cli import main as yomite_main
from tui.dialogs import ConfirmDialog
from tui.screens import MainScreen

OLD, NEW = 10, 25


@dataclass
class Disk:
    """How many more bytes fit; None = unlimited. Counts what was written."""

    room: int | None = None
    error: int = errno.ENOSPC
    written: int = 0
    space: tuple[Path, int] | None = None
    """A disk of this many bytes holding that directory: what is there counts, and
    what is deleted frees its room (`room` counts only what is written)."""

    def charge(self, size: int) -> None:
        if self.room is not None and self.written + size > self.room:
            raise OSError(self.error, os.strerror(self.error))
        if self.space is not None and used_bytes(self.space[0]) + size > self.space[1]:
            raise OSError(self.error, os.strerror(self.error))
        self.written += size


def used_bytes(top: Path) -> int:
    """What the files under `top` hold (as `du -b` counts them)."""
    total = 0
    for folder, _, names in os.walk(top):
        for name in names:
            with contextlib.suppress(FileNotFoundError):  # deleted meanwhile
                total += os.lstat(os.path.join(folder, name)).st_size  # noqa: PTH118
    return total


class MeteredFile:
    """A file object whose writes are charged to the disk first."""

    def __init__(self, real: Any, disk: Disk) -> None:
        self._real = real
        self._disk = disk

    def write(self, data: Any) -> Any:
        self._disk.charge(len(memoryview(data).cast("B")))
        return self._real.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Iterator[Disk]:
    metered = Disk()
    real_create = SyncedStorage.create_file
    real_atomic_write = index.store.atomic_write

    def create_file(self: SyncedStorage, name: str, *args: Any, **kwargs: Any) -> Any:
        stream = real_create(self, name, *args, **kwargs)
        stream.file = MeteredFile(stream.file, metered)
        return stream

    def atomic_write(path: Path, data: bytes) -> None:
        metered.charge(len(data))
        real_atomic_write(path, data)

    monkeypatch.setattr(SyncedStorage, "create_file", create_file)
    for module in (index.store, index.home, index.summaries):
        monkeypatch.setattr(module, "atomic_write", atomic_write)
    yield metered


@pytest.fixture
def built(home: Path, tmp_path: Path) -> tuple[Locations, Path]:
    where = locations(home)
    corpus = tmp_path / "corpus"
    write_articles(corpus, OLD)
    with Library.open(where) as library:
        library.update([corpus])
    write_articles(corpus, NEW - OLD, start=100)  # what the next update adds
    return where, corpus


def bytes_of_an_update(tmp_path: Path, disk: Disk, *, rebuild: bool) -> int:
    """What the same update writes with room to spare (on a scratch copy)."""
    where = locations(tmp_path / "scratch")
    corpus = tmp_path / "scratch-corpus"
    write_articles(corpus, OLD)
    with Library.open(where) as library:
        library.update([corpus])
        write_articles(corpus, NEW - OLD, start=100)
        disk.written = 0
        (library.rebuild if rebuild else library.update)([corpus])
    return disk.written


def assert_old_index_intact(where: Locations) -> None:
    with Library.open(where) as library:
        assert library.count() == OLD
        assert library.search("記事番号3").total == 1
        assert library.search("記事番号105").total == 0
        assert library.verify().consistent is False  # the new files are still to do
    with write_lock(where.index_dir, timeout=0):  # the lock is free
        pass


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_a_full_disk_at_any_point_leaves_the_old_index_and_no_lock(
    built: tuple[Locations, Path], tmp_path: Path, disk: Disk, rebuild: bool
) -> None:
    built_where, corpus = built
    total = bytes_of_an_update(tmp_path, disk, rebuild=rebuild)
    assert total > 10_000
    failures = 0
    for fraction in (0.0, 0.02, 0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95, 0.99):
        where = locations(tmp_path / f"home-{fraction}")
        shutil.copytree(built_where.home, where.home)
        disk.room, disk.written = int(total * fraction), 0
        with Library.open(where) as library:
            try:
                (library.rebuild if rebuild else library.update)([corpus])
            except LibraryError as error:
                failures += 1
                message = str(error)
                assert "No space left on device" in message
                assert "the index is unchanged" in message
                assert "\n" not in message
                assert library.count() == OLD  # the open library still answers
                committed = False
            else:  # the disk filled after the commit (the saved list is only a cache)
                committed = True
        disk.room = None
        if committed:
            with Library.open(where) as library:
                assert library.count() == NEW
                assert len(library.articles()) == NEW
                assert library.verify().consistent
            continue
        assert_old_index_intact(where)
        with Library.open(where) as library:  # space again: the next run finishes the job
            (library.rebuild if rebuild else library.update)([corpus])
            assert library.count() == NEW
            assert library.verify().consistent
    assert failures >= 8


@pytest.mark.parametrize("fraction", [0.0, 0.5])
def test_a_rebuild_that_fails_for_want_of_space_leaves_no_partial_generation(
    built: tuple[Locations, Path], tmp_path: Path, disk: Disk, fraction: float
) -> None:
    # On a full disk, a half-written copy of the index is the last thing to keep.
    where, corpus = built
    total = bytes_of_an_update(tmp_path, disk, rebuild=True)
    disk.room, disk.written = int(total * fraction), 0
    with Library.open(where) as library, pytest.raises(LibraryError):
        library.rebuild([corpus])
    generations = sorted(p.name for p in where.index_dir.glob("gen-*"))
    assert len(generations) == 1, f"a failed rebuild left {generations}"


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EFBIG, "File too large"),
        (errno.EDQUOT, "Disk quota exceeded"),
        (errno.EIO, "Input/output error"),
        (errno.EROFS, "Read-only file system"),
    ],
)
def test_other_write_errors_are_one_line_and_change_nothing(
    built: tuple[Locations, Path], disk: Disk, code: int, words: str
) -> None:
    where, corpus = built
    disk.room, disk.error = 20_000, code
    with Library.open(where) as library, pytest.raises(LibraryError, match=words):
        library.update([corpus])
    assert_old_index_intact(where)


def test_yomite_index_on_a_full_disk_says_so_in_one_line(
    built: tuple[Locations, Path], disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    where, corpus = built
    disk.room = 5_000

    status = yomite_main(["index", "--home", str(where.home), str(corpus)])

    err = capsys.readouterr().err.strip()
    assert status == 1
    assert err.startswith("yomite index: could not write the index")
    assert "No space left on device" in err
    assert "\n" not in err
    assert_old_index_intact(where)


def test_a_worker_process_that_cannot_write_says_so_as_the_single_process_does(
    tmp_path: Path,
) -> None:
    """From `PARALLEL_THRESHOLD` files the segments are written by worker processes
    (spawned: the budget above does not reach them). A file size limit does: their
    failed write said "indexing failed in a worker process: OSError: [Errno 27] …",
    not that the index is unchanged, as the same failure in one process says."""
    import resource
    import signal
    import subprocess
    import sys

    from index.build import PARALLEL_THRESHOLD

    corpus, home = tmp_path / "corpus", tmp_path / "home"
    write_articles(corpus, PARALLEL_THRESHOLD)

    def limited() -> None:  # (SIGXFSZ ignored: the write fails with EFBIG instead)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (60_000, 60_000))

    done = subprocess.run(
        [sys.executable, "-m", "tui", "index", "--home", str(home), str(corpus)],
        capture_output=True,
        text=True,
        preexec_fn=limited,
        timeout=300,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("yomite index: could not write the index in "), done.stderr
    assert "File too large" in last and "the index is unchanged" in last
    assert "in a worker process" not in done.stderr


def test_an_update_that_fails_for_want_of_space_gives_its_space_back(
    tmp_path: Path, disk: Disk, capsys: pytest.CaptureFixture[str]
) -> None:
    """On a full disk, `yomite index` left the segment files it had written (`MAIN_*.pst`,
    `.trm`, `_stored.col`) in the live generation: the disk stayed full, and every later
    update failed the same way, one that fitted before too (review)."""
    where, corpus, big = locations(tmp_path / "home"), tmp_path / "corpus", tmp_path / "big"
    write_articles(corpus, OLD)
    write_articles(big, 60, start=1000)
    home = str(where.home)
    assert yomite_main(["index", "--home", home, str(corpus)]) == 0
    generation = index.store.current_generation(where.index_dir)
    assert generation is not None
    files = sorted(p.name for p in generation.iterdir())
    used = used_bytes(where.home)
    # Room for an update of one article, not for one of sixty.
    scratch = tmp_path / "scratch"
    shutil.copytree(where.home, scratch)
    write_articles(corpus, 1, start=500)
    disk.written = 0
    assert yomite_main(["index", "--home", str(scratch), str(corpus)]) == 0
    one = disk.written
    disk.space = (where.home, used + 2 * one)
    capsys.readouterr()

    assert yomite_main(["index", "--home", home, str(big)]) == 1
    err = capsys.readouterr().err
    assert "No space left on device" in err and "the index is unchanged" in err

    assert sorted(p.name for p in generation.iterdir()) == files
    assert used_bytes(where.home) <= used + one // 2  # (the write lock's pid, stamps)
    assert yomite_main(["index", "--home", home]) == 0  # the update that fits
    with Library.open(where) as library:
        assert library.count() == OLD + 1
        assert library.verify().consistent


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_what_a_failed_write_left_is_deleted_by_the_next_never_what_is_committed(
    built: tuple[Locations, Path], tmp_path: Path, disk: Disk, rebuild: bool
) -> None:
    """Files of the live generation that its commit does not use (left by a write
    killed, or failed under an older yomite) filled the disk for good: they go before
    the next write, which fits then; a reader open meanwhile still reads the index."""
    where, corpus = built
    total = bytes_of_an_update(tmp_path, disk, rebuild=rebuild)
    generation = index.store.current_generation(where.index_dir)
    assert generation is not None
    disk.space = (where.home, used_bytes(where.home) + 2 * total)
    left = [
        "MAIN_0123456789abcdef.pst",
        "MAIN_0123456789abcdef._stored.col",
        "MAIN_0123456789abcdef.trm",
        f"_MAIN_{index.store.latest_toc(generation) + 1}.toc.1733450000.5",
        ".checked-k1ll3d.tmp",  # the checked files' stamps, being written
    ]
    for name in left:  # the disk full
        (generation / name).write_bytes(b"\0" * (2 * total // len(left)))
    with Library.open(where) as reader:
        with Library.open(where) as library:
            (library.rebuild if rebuild else library.update)([corpus])
            assert library.count() == NEW
        assert reader.search("記事番号3").total == 1
    assert not [name for name in left if (generation / name).exists()]
    with Library.open(where) as library:
        assert library.count() == NEW
        assert library.verify().consistent


def test_an_update_cancelled_leaves_none_of_its_files(built: tuple[Locations, Path]) -> None:
    """Stopped (q in the reader during its update, Ctrl-C), an update left the segment
    files it had begun until some later commit; a disk filled by them never had one."""
    where, corpus = built
    generation = index.store.current_generation(where.index_dir)
    assert generation is not None
    files = sorted(p.name for p in generation.iterdir())
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > (NEW - OLD) // 2  # halfway through the new files

    with Library.open(where) as library:
        assert library.update([corpus], cancelled=cancelled).cancelled
        assert library.count() == OLD
    assert sorted(p.name for p in generation.iterdir()) == files


# -- read-only homes ------------------------------------------------------------------


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    # Root writes anywhere: pretend the write probe failed, as on a read-only mount.
    monkeypatch.setattr(index.library, "probe_writable", lambda directory: False)


def test_commands_in_a_read_only_home(
    built: tuple[Locations, Path], read_only: None, capsys: pytest.CaptureFixture[str]
) -> None:
    where, corpus = built
    home = str(where.home)

    assert yomite_main(["search", "--home", home, "記事番号3"]) == 0
    searched = capsys.readouterr()
    assert "read-only" in searched.err
    assert "記事番号3" in searched.out or "の記事3号" in searched.out

    assert yomite_main(["index", "--home", home, str(corpus)]) == 1
    err = capsys.readouterr().err.strip()
    assert "read-only" in err
    assert "\n" not in err

    assert yomite_main(["verify", "--home", home]) == 1  # stale: the new files
    verified = capsys.readouterr()
    assert "read-only" in verified.err
    assert "checksums OK" in verified.out

    assert yomite_main(["verify", "--repair", "--home", home]) == 1
    repaired = capsys.readouterr()
    assert "cannot repair" in repaired.err and "read-only" in repaired.err
    assert "rebuilding" not in repaired.out  # no promise of a rebuild that cannot start


def test_repairing_a_damaged_index_in_a_read_only_home_says_it_cannot(
    built: tuple[Locations, Path], read_only: None, capsys: pytest.CaptureFixture[str]
) -> None:
    where, _ = built
    toc = next(where.index_dir.rglob("*.toc"))
    toc.write_bytes(toc.read_bytes()[: toc.stat().st_size // 2])  # damaged
    assert yomite_main(["verify", "--repair", "--home", str(where.home)]) == 1
    said = capsys.readouterr()
    assert "read-only" in said.err and "cannot rebuild" in said.err
    assert "rebuilding" not in said.out  # no promise of a rebuild that cannot start


@sync
async def test_the_reader_opens_a_read_only_home_read_only(
    built: tuple[Locations, Path], read_only: None
) -> None:
    where, corpus = built
    app = reader_app(where.home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert len(screen.article_list.entries) == OLD
        assert any("read-only" in note for note in told(app)), told(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running
    with Library.open(where) as library:
        assert library.count() == OLD


# -- permissions ---------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_commands_refuse_an_index_others_can_write(
    built: tuple[Locations, Path], capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    where, corpus = built
    where.index_dir.chmod(mode)
    home = str(where.home)
    for argv in (
        ["search", "--home", home, "記事"],
        ["index", "--home", home, str(corpus)],
        ["verify", "--home", home],
    ):
        status = yomite_main(argv)
        err = capsys.readouterr().err.strip()
        assert status != 0, argv
        if argv[0] != "search":  # its line wrapping: see test_reliability_corruption.py
            assert "\n" not in err, argv
        err = " ".join(err.split())
        assert str(where.index_dir) in err, argv
        assert f"chmod -R go-w {where.index_dir}" in err, argv
    assert where.index_dir.stat().st_mode & 0o777 == mode  # left for the user to fix
    where.index_dir.chmod(0o700)
    with Library.open(where) as library:
        assert library.count() == OLD


class _Planted:
    """A pickle that makes a directory when loaded: code run from the index."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.mkdir, (str(self.marker),))


def _plant_code_in_the_toc(where: Locations, marker: Path) -> Path:
    """What someone who can write the TOC and the manifest (not their directories) can
    do: replace the schema pickle in the TOC, and its size and CRC-32 in the manifest."""
    generation = index.store.current_generation(where.index_dir)
    assert generation is not None
    toc = index.store.latest_toc(generation)
    path = generation / f"_MAIN_{toc}.toc"
    old = StructFile(io.BytesIO(path.read_bytes()))
    sizes = [old.read_varint() for _ in range(3)]
    assert old.read_int() == -12345
    version = old.read_int()
    release = [old.read_varint() for _ in range(3)]
    old.skip_string()  # the schema
    rest = old.file.read()
    new = StructFile(io.BytesIO())
    for value in sizes:
        new.write_varint(value)
    new.write_int(-12345)
    new.write_int(version)
    for value in release:
        new.write_varint(value)
    new.write_string(pickle.dumps(_Planted(marker), 2))
    new.file.write(rest)
    data = new.file.getvalue()
    path.write_bytes(data)
    manifest = generation / index.store.manifest_name(toc)
    document = json.loads(manifest.read_bytes())
    document["files"][path.name] = {"size": len(data), "crc32": f"{zlib.crc32(data):08x}"}
    manifest.write_bytes(index.store.manifest_bytes(document))  # (its own checksum too)
    for forged in (path, manifest):
        forged.chmod(0o666)
    return path


def test_commands_run_no_code_from_an_index_file_others_can_write(
    built: tuple[Locations, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The directories are the user's (0700); the TOC and its manifest are not.
    where, corpus = built
    marker = tmp_path / "code-ran"
    toc = _plant_code_in_the_toc(where, marker)
    home = str(where.home)
    for argv in (
        ["search", "--home", home, "記事"],
        ["index", "--home", home, str(corpus)],
        ["verify", "--home", home, "--repair"],
    ):
        status = yomite_main(argv)
        err = " ".join(capsys.readouterr().err.split())
        assert not marker.exists(), argv
        assert status != 0, argv
        assert f"chmod -R go-w {toc.parent}`" in err, argv  # the manifest's, or the TOC's


@sync
async def test_the_reader_refuses_an_unsafe_index_without_offering_a_rebuild(
    built: tuple[Locations, Path],
) -> None:
    where, corpus = built
    where.home.chmod(0o777)
    app = reader_app(where.home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmDialog)  # rebuilding would not help
        assert any("chmod -R go-w" in note for note in told(app)), told(app)
        await pilot.press("j", "/")
        await pilot.press(*"記事")
        await settle(pilot)
        assert app.is_running


# -- directories that cannot be listed ---------------------------------------------------


def _yomite(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = yomite_main(list(argv))
    said = capsys.readouterr()
    return status, said.out, said.err


def _indexed_then_sub_unlistable(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unlistable: Denier
) -> tuple[Path, Path]:
    """A corpus of 2 articles and a subdirectory of 1, indexed; then the subdirectory
    cannot be listed. (corpus, the subdirectory resolved)"""
    corpus = tmp_path / "pd"
    write_articles(corpus, 2)
    write_articles(corpus / "sub", 1, start=10)
    _yomite(capsys, "index", "--home", str(home), str(corpus))
    sub = corpus.resolve() / "sub"
    unlistable(sub)
    return corpus, sub


def test_a_directory_that_cannot_be_listed_keeps_its_articles(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unlistable: Denier
) -> None:
    """`chmod 000` on a subdirectory (then on the root) took their articles out of the
    index as deleted, and `verify` said "consistent: 0 articles match the files"."""
    corpus, sub = _indexed_then_sub_unlistable(home, tmp_path, capsys, unlistable)

    status, out, err = _yomite(capsys, "index", "--home", str(home))

    assert status == 0  # as for a file that cannot be read: the rest is up to date
    assert out.startswith("0 added, 0 updated, 0 removed, 2 unchanged, 0 failed in ")
    assert out.endswith(" s; 1 path unreadable\n")
    assert err == (
        f"yomite index: {sub}: cannot be read: permission denied; its 1 article is kept "
        "until it can be read\n"
    )
    status, out, _ = _yomite(capsys, "search", "--home", str(home), "記事番号10")
    assert status == 0 and f"{sub}/n0010.txt" in out
    status, out, err = _yomite(capsys, "verify", "--home", str(home))
    assert (status, err) == (1, "")
    assert out.splitlines()[1:] == [
        f"unreadable: {sub}: permission denied; its 1 article is kept, not checked",
        "inconsistent: 2 of 3 indexed articles checked; 1 path unreadable",
    ]

    unlistable(corpus)  # the root too: every article was removed
    status, out, err = _yomite(capsys, "index", "--home", str(home))
    assert status == 0 and "0 removed" in out
    assert f"{corpus.resolve()}: cannot be read: permission denied; its 3 articles are kept" in err
    # A rebuild would leave them out: the repair updates from what can be read.
    status, out, err = _yomite(capsys, "verify", "--home", str(home), "--repair")
    assert status == 1
    assert err.splitlines()[-1] == (
        f"yomite verify: unreadable: {corpus.resolve()}; what is under it is checked once it "
        "can be read"
    )
    with Library.open(locations(home)) as library:
        assert library.count() == 3

    unlistable.allow(corpus)
    unlistable.allow(sub)
    status, out, err = _yomite(capsys, "index", "--home", str(home))
    assert (status, err) == (0, "")
    assert out.startswith("0 added, 0 updated, 0 removed, 3 unchanged, 0 failed in ")
    status, out, _ = _yomite(capsys, "verify", "--home", str(home))
    assert (status, out.splitlines()[-1]) == (0, "consistent: 3 articles match the files")


def test_a_rebuild_leaves_out_what_cannot_be_listed_and_says_so(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unlistable: Denier
) -> None:
    """A rebuild reads the files: it cannot keep what it cannot list. It names the
    directory, and `yomite index` brings its articles back once it can be read."""
    _corpus, sub = _indexed_then_sub_unlistable(home, tmp_path, capsys, unlistable)

    status, out, err = _yomite(capsys, "index", "--home", str(home), "--rebuild")

    assert status == 0
    assert out.startswith("0 added, 0 updated, 1 removed, 2 unchanged, 0 failed in ")
    assert err == (
        f"yomite index: {sub}: cannot be read: permission denied; its 1 article is left out "
        "until it can be read, when `yomite index` brings it in\n"
    )
    unlistable.allow(sub)
    status, out, err = _yomite(capsys, "index", "--home", str(home))
    assert (status, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 2 unchanged, 0 failed"
    )  # fmt: skip


def test_after_a_rebuild_left_a_directory_out_index_and_verify_say_its_articles_wait(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unlistable: Denier
) -> None:
    """Once a rebuild left out what it could not list, `yomite index` and `verify` said
    of it "nothing under it is indexed" as of a directory never indexed: read as its
    articles, and their bookmarks, lost. They are held for it (`index.home.away_ids`), as
    they say."""
    corpus = tmp_path / "pd"
    write_articles(corpus, 1)
    write_articles(corpus / "sub", 2, start=10)
    _yomite(capsys, "index", "--home", str(home), str(corpus))
    sub = corpus.resolve() / "sub"
    unlistable(sub)
    _yomite(capsys, "index", "--home", str(home), "--rebuild")
    never = corpus.resolve() / "new"  # never indexed: nothing of it is held
    write_articles(never, 1, start=20)
    unlistable(never)

    status, out, err = _yomite(capsys, "index", "--home", str(home))

    assert (status, out.split(" in ")[0]) == (
        0, "0 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
    )  # fmt: skip
    assert sorted(err.splitlines()) == [  # (in the order the walk met them)
        f"yomite index: {never}: cannot be read: permission denied; nothing under it is "
        "indexed until it can be read",
        f"yomite index: {sub}: cannot be read: permission denied; its 2 articles are left "
        "out until it can be read, when `yomite index` brings them in",
    ]
    status, out, _ = _yomite(capsys, "verify", "--home", str(home))
    assert status == 1
    assert sorted(out.splitlines()[1:-1]) == [
        f"unreadable: {never}: permission denied; nothing under it is indexed or checked",
        f"unreadable: {sub}: permission denied; its 2 articles are left out until it can "
        "be read, when `yomite index` brings them in",
    ]
    assert out.splitlines()[-1] == (
        "inconsistent: 1 of 1 indexed articles checked; 2 paths unreadable"
    )
    unlistable.allow(sub)
    unlistable.allow(never)
    status, out, err = _yomite(capsys, "index", "--home", str(home))
    assert (status, err, out.split(" in ")[0]) == (
        0, "", "3 added, 0 updated, 0 removed, 1 unchanged, 0 failed"
    )  # fmt: skip


def _ids(home: Path) -> dict[str, str]:
    """Article ids by path, as the index holds them."""
    with Library.open(locations(home)) as library:
        return {path: known.id for path, known in library.indexed_files().items()}


@pytest.mark.parametrize("how", ["--rebuild", "a new schema", "verify --repair"])
def test_a_rebuild_keeps_the_ids_of_what_it_cannot_list_for_its_files(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    unlistable: Denier,
    how: str,
) -> None:
    """A rebuild while a subdirectory could not be listed left its files' ids to anyone:
    a same-named file indexed meanwhile took n0010, with its bookmark and read mark, and
    the file back, once it could be read, came in as new under n0010~<tag>."""
    corpus, sub = _indexed_then_sub_unlistable(home, tmp_path, capsys, unlistable)
    back = str(sub / "n0010.txt")
    assert _ids(home)[back] == "n0010"
    state = UserState.open(locations(home))
    state.set_bookmark("n0010", True)
    state.set_read("n0010")
    state.close()

    if how == "--rebuild":
        status, out, _ = _yomite(capsys, "index", "--home", str(home), "--rebuild")
    else:
        monkeypatch.setattr(index.library, "schema_fingerprint", lambda: "a later schema")
        if how == "a new schema":
            status, out, _ = _yomite(capsys, "index", "--home", str(home))
        else:
            status, out, _ = _yomite(capsys, "verify", "--home", str(home), "--repair")
            out = out.splitlines()[1]
            status = 0 if status == 1 else status  # unreadable: not all of it checked
    assert (status, out.split(" in ")[0]) == (
        0, "0 added, 0 updated, 1 removed, 2 unchanged, 0 failed"
    )  # fmt: skip
    assert back not in _ids(home)
    # A file of the same name elsewhere, indexed while the subdirectory is left out.
    newcomer = corpus / "n0010.txt"
    newcomer.write_text(news_text(10, extra="別の記事"), "utf-8")
    status, out, _ = _yomite(capsys, "index", "--home", str(home))
    assert (status, out.split(" in ")[0]) == (
        0, "1 added, 0 updated, 0 removed, 2 unchanged, 0 failed"
    )  # fmt: skip
    assert _ids(home)[str(newcomer.resolve())] != "n0010"

    unlistable.allow(sub)
    status, out, err = _yomite(capsys, "index", "--home", str(home))

    assert (status, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 3 unchanged, 0 failed"
    )  # fmt: skip
    ids = _ids(home)
    assert ids[back] == "n0010"
    assert len(set(ids.values())) == 4
    state = UserState.open(locations(home))
    assert state.bookmarks() == ["n0010"] and state.read_ids() == {"n0010"}
    state.close()
    with Library.open(locations(home)) as library:
        summary = library.summary("n0010")
        assert summary is not None and summary.path == back


def test_a_second_rebuild_keeps_the_ids_held_and_one_that_lists_it_gives_them_back(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unlistable: Denier
) -> None:
    """The ids a rebuild held for what it could not list are held through the next
    rebuild (which counts those articles as left out: it said "nothing under it is
    indexed"), and a rebuild that can list them again gives them back."""
    corpus, sub = _indexed_then_sub_unlistable(home, tmp_path, capsys, unlistable)
    _yomite(capsys, "index", "--home", str(home), "--rebuild")
    newcomer = corpus / "n0010.txt"
    newcomer.write_text(news_text(10, extra="別の記事"), "utf-8")
    _yomite(capsys, "index", "--home", str(home))

    status, _, err = _yomite(capsys, "index", "--home", str(home), "--rebuild")

    assert (status, err) == (
        0,
        f"yomite index: {sub}: cannot be read: permission denied; its 1 article is left out "
        "until it can be read, when `yomite index` brings it in\n",
    )
    unlistable.allow(sub)
    status, out, err = _yomite(capsys, "index", "--home", str(home), "--rebuild")
    assert (status, err, out.split(" in ")[0]) == (
        0, "", "1 added, 0 updated, 0 removed, 3 unchanged, 0 failed"
    )  # fmt: skip
    ids = _ids(home)
    assert ids[str(sub / "n0010.txt")] == "n0010"
    assert ids[str(newcomer.resolve())].startswith("n0010~")
    status, out, _ = _yomite(capsys, "verify", "--home", str(home))
    assert (status, out.splitlines()[-1]) == (0, "consistent: 4 articles match the files")


@pytest.mark.parametrize("forgotten", ["another directory", "that directory"])
def test_forget_drops_the_ids_held_for_what_a_rebuild_could_not_list_with_their_directory(
    home: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    unlistable: Denier,
    forgotten: str,
) -> None:
    """`--forget` of another directory keeps the ids held for a subdirectory a rebuild
    could not list; `--forget` of the directory holding it drops them with its articles,
    for any file to take."""
    corpus, other, third = tmp_path / "pd", tmp_path / "other", tmp_path / "third"
    write_articles(corpus, 2)
    write_articles(corpus / "sub", 1, start=10)
    write_articles(other, 1, start=100)
    _yomite(capsys, "index", "--home", str(home), str(corpus), str(other))
    sub = corpus.resolve() / "sub"
    unlistable(sub)
    _yomite(capsys, "index", "--home", str(home), "--rebuild")
    dropped = other if forgotten == "another directory" else corpus

    status, out, _ = _yomite(capsys, "index", "--home", str(home), "--forget", str(dropped))

    removed = 1 if forgotten == "another directory" else 2  # sub's article was left out
    assert (status, out.splitlines()[-1].split(" in ")[0]) == (
        0, f"0 added, 0 updated, {removed} removed, 0 unchanged, 0 failed"
    )  # fmt: skip
    write_articles(third, 1, start=10)  # third/n0010.txt
    _yomite(capsys, "index", "--home", str(home), str(third))
    taken = _ids(home)[str(third.resolve() / "n0010.txt")]
    if forgotten == "another directory":
        assert taken.startswith("n0010~")
        unlistable.allow(sub)
        assert _yomite(capsys, "index", "--home", str(home))[0] == 0
        assert _ids(home)[str(sub / "n0010.txt")] == "n0010"
    else:
        assert taken == "n0010"


def test_a_directory_whose_parent_cannot_be_searched_keeps_its_articles(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], unsearchable: Denier
) -> None:
    """`chmod 000` on the directory above a root: `yomite index` and `verify` ended in a
    PermissionError traceback (Path.exists raised it)."""
    corpus = tmp_path / "outer" / "pd"
    write_articles(corpus, 2)
    _yomite(capsys, "index", "--home", str(home), str(corpus))
    unsearchable(tmp_path / "outer")

    status, out, err = _yomite(capsys, "index", "--home", str(home))

    assert status == 0
    assert out.startswith("0 added, 0 updated, 0 removed, 0 unchanged, 0 failed in ")
    assert err == (
        f"yomite index: {corpus}: cannot be read: permission denied; its 2 articles are kept "
        "until it can be read\n"
    )
    status, out, _ = _yomite(capsys, "verify", "--home", str(home))
    assert status == 1 and out.splitlines()[-1].endswith("; 1 path unreadable")
    with Library.open(locations(home)) as library:
        assert library.count() == 2


@sync
async def test_the_reader_keeps_the_articles_of_a_directory_it_cannot_list(
    home: Path, tmp_path: Path, unlistable: Denier
) -> None:
    """The reader updates every 30 s: a passing permission problem emptied its list."""
    corpus = tmp_path / "pd"
    write_articles(corpus, 2)
    write_articles(corpus / "sub", 2, start=10)
    with Library.open(locations(home)) as library:
        library.update([corpus])
    unlistable(corpus / "sub")
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.update_index()  # what the reader does at start, and when files change
        await settle(pilot)
        assert len(screen.article_list.entries) == 4
        sub = corpus.resolve() / "sub"
        assert any(
            f"{sub}: cannot be read: permission denied; its 2 articles are kept" in note
            for note in told(app)
        ), told(app)
        unlistable(corpus)
        screen.update_index()
        await settle(pilot)
        assert len(screen.article_list.entries) == 4
