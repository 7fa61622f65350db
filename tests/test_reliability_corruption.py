"""Damaged index files: detected on open, repaired from the articles, user state kept (issue 6).

tests/test_store.py (helper-3) damages the largest segment, the TOC, the manifest
and the CURRENT pointer once each and repairs with `Library.repair`. This file
sweeps every file of the index (each segment file, TOC, manifest, saved article
list, pointer, recorded roots), flipping bytes at several offsets and truncating:
opening must either refuse with a repairable `IndexUnavailable` or give exactly the
right articles, never another exception and never wrong titles or results. Then
the user's paths through it: `yomite verify` names the damage in one line and
`--repair` brings every article back; the reader offers the rebuild instead of
crashing, and read marks and bookmarks (state.sqlite3) survive it all.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from index.library import IndexUnavailable, Library
from index.locations import Locations, locations
from index.state import UserState
from index.store import current_generation
from tests.articles import write_articles
from tests.tui_support import reader_app, settle, sync
from tui.cli import main as yomite_main
from tui.dialogs import ConfirmDialog
from tui.screens import MainScreen

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 12


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A data home with an index of 12 articles, built twice (two commits, so the
    generation holds more than one segment), to copy for each case."""
    folder = tmp_path_factory.mktemp("pristine")
    corpus = folder / "corpus"
    write_articles(corpus, ARTICLES // 2)
    with Library.open(locations(folder / "home")) as library:
        library.update([corpus])
        write_articles(corpus, ARTICLES // 2, start=ARTICLES // 2)
        library.update([corpus])
    return folder / "home", corpus


def fresh_copy(pristine: tuple[Path, Path], tmp_path: Path) -> Locations:
    home = tmp_path / "home"
    shutil.copytree(pristine[0], home)
    return locations(home)


def expected_titles(corpus: Path) -> set[str]:
    return {f"{path.read_text('utf-8').splitlines()[2]}" for path in corpus.glob("*.txt")}


def index_files(where: Locations) -> list[Path]:
    generation = current_generation(where.index_dir)
    assert generation is not None
    # Lock files hold no data (Whoosh's MAIN_WRITELOCK is empty): nothing to damage.
    files = [p for p in generation.iterdir() if p.is_file() and "LOCK" not in p.name.upper()]
    return sorted([*files, where.index_dir / "CURRENT", where.index_dir / "roots.json"])


def flip(offset_of: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        if data:
            data[offset_of(len(data))] ^= 0x5A
        path.write_bytes(bytes(data))

    return damage


def flip_in_text(path: Path) -> None:
    """A bit flipped in the text past the middle that leaves it well-formed: the 0x20
    bit of a UTF-8 continuation byte (ページ turns into ペボジ), else of a letter (a
    case). A JSON file still parses, so nothing but a checksum can tell."""
    data = bytearray(path.read_bytes())
    if not data:
        return
    middle = len(data) // 2
    tail = range(middle, len(data))
    offset = next((i for i in tail if 0x80 <= data[i] <= 0xBF), None)
    if offset is None:
        letters = (i for i in tail if chr(data[i]).isascii() and chr(data[i]).isalpha())
        offset = next(letters, middle)
    data[offset] ^= 0x20
    path.write_bytes(bytes(data))


def truncate(keep_of: Callable[[int], int]) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: keep_of(len(data))])

    return damage


DAMAGES = {
    "flip-first": flip(lambda n: 0),
    "flip-middle": flip(lambda n: n // 2),
    "flip-last": flip(lambda n: n - 1),
    "flip-in-text": flip_in_text,
    "truncate-half": truncate(lambda n: n // 2),
    "truncate-empty": truncate(lambda n: 0),
}


def test_any_damage_to_any_index_file_is_refused_or_harmless(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    home, corpus = pristine
    titles = expected_titles(corpus)
    names = [path.relative_to(home) for path in index_files(locations(home))]
    assert len(names) >= 6
    outcomes: dict[str, str] = {}
    for number, name in enumerate(names):
        for damage_name, damage in DAMAGES.items():
            case = tmp_path / f"{number}-{damage_name}"
            where = fresh_copy(pristine, case)
            damage(where.home / name)
            label = f"{name} {damage_name}"
            try:
                library = Library.open(where)
            except IndexUnavailable as error:
                assert error.repairable, label
                assert "\n" not in str(error)
                outcomes[label] = "refused"
                continue
            with library:
                # Opened: then everything it shows must be right.
                assert library.count() == ARTICLES, label
                assert {s.title for s in library.articles()} == titles, label
                assert library.search("記事番号3").total == 1, label
                report = library.verify()
            if report.damaged:
                # Shown right (listed from the index), and verify names the damage: the
                # saved list, or the manifest's record of it.
                [listed] = where.home.glob("index/gen-*/summaries-*.json")
                assert report.damaged == [str(listed)], label
                assert name.name.startswith(("summaries-", "checksums-")), label
                assert not report.consistent, label
                outcomes[label] = "noticed"
                continue
            assert report.consistent, label
            outcomes[label] = "harmless"
    # Damage to what Whoosh reads (segments, TOC) must be noticed, not searched. The
    # manifest may be harmless to damage (a flipped letter in the recorded schema name
    # only forces a rebuild at the next update), as checked above. The saved article
    # list is a copy of what the index stores: damaged, it is not shown (the list is
    # read from the index instead) and `verify` says so. It was shown: a title with
    # one letter changed (ページ as ペボジ), and verify said "checksums OK".
    for label, outcome in outcomes.items():
        if "MAIN_" in label:
            assert outcome == "refused", label
        if "summaries-" in label:
            assert outcome == "noticed", label


def test_yomite_verify_names_the_damage_and_repair_restores_everything(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    where = fresh_copy(pristine, tmp_path)
    segment = max(
        (p for p in index_files(where) if p.name.startswith("MAIN_")),
        key=lambda p: p.stat().st_size,
    )
    DAMAGES["flip-middle"](segment)
    verify = [sys.executable, "-m", "tui.cli", "verify", "--home", str(where.home)]

    damaged = subprocess.run(verify, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert damaged.returncode == 1
    assert "Traceback" not in damaged.stderr
    message = damaged.stderr.strip()
    assert "\n" not in message
    assert "yomite verify --repair" in message

    repaired = subprocess.run(
        [*verify, "--repair"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert repaired.returncode == 0, repaired.stderr
    assert f"rebuilt from the files: {ARTICLES} articles" in repaired.stdout
    assert subprocess.run(verify, cwd=ROOT, capture_output=True, timeout=120).returncode == 0
    with Library.open(where) as library:
        assert {s.title for s in library.articles()} == expected_titles(pristine[1])


def test_verify_names_a_damaged_saved_list_and_repair_writes_it_again_without_a_rebuild(
    pristine: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The saved article list with a title's letter changed (ページ as ペボジ, still
    well-formed JSON): the reader listed it so, and `yomite verify` said "checksums OK"
    and "consistent". The list is read from the index instead, verify names the file
    and exits 1, and `--repair` writes it again from the index (no rebuild)."""
    import index.library

    where = fresh_copy(pristine, tmp_path)
    [saved] = where.home.glob("index/gen-*/summaries-*.json")
    good = saved.read_bytes()
    segments = {p.name: p.read_bytes() for p in saved.parent.glob("*MAIN_*")}
    flip_in_text(saved)
    verify = [sys.executable, "-m", "tui.cli", "verify", "--home", str(where.home)]

    with Library.open(where) as library:
        assert {s.title for s in library.articles()} == expected_titles(pristine[1])
    damaged = subprocess.run(verify, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert damaged.returncode == 1, damaged.stdout
    lines = damaged.stdout.splitlines()
    # Whole sentences: "checksums OK but the saved list's" read as a line cut off.
    assert lines[0] == (
        f"index: {ARTICLES} articles; checksums OK but for the saved article list, which "
        "fails its own (below)"
    )
    assert f"damaged: {saved}: the saved article list fails its checksum" in damaged.stdout
    assert lines[-1] == (
        f"inconsistent: {ARTICLES} articles match the files; the saved article list is damaged"
    )

    repaired = subprocess.run(
        [*verify, "--repair"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "rebuilding" not in repaired.stdout
    assert repaired.stdout.splitlines()[-1] == f"consistent: {ARTICLES} articles match the files"
    assert saved.read_bytes() == good
    assert {p.name: p.read_bytes() for p in saved.parent.glob("*MAIN_*")} == segments

    def not_from_the_stored_fields(searcher: object) -> None:
        raise AssertionError("listed from the stored fields: the saved list was not used")

    monkeypatch.setattr(index.library, "stored_summaries", not_from_the_stored_fields)
    with Library.open(where) as library:
        assert {s.title for s in library.articles()} == expected_titles(pristine[1])


def test_search_command_reports_a_damaged_index_in_one_line(
    pristine: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = fresh_copy(pristine, tmp_path)
    toc = next(p for p in index_files(where) if p.suffix == ".toc")
    DAMAGES["truncate-half"](toc)

    status = yomite_main(["search", "--home", str(where.home), "記事"])

    assert status != 0
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err
    assert "Traceback" not in err


def mark_some_articles(where: Locations) -> tuple[set[str], list[str]]:
    state = UserState.open(where)
    try:
        for article_id in ("n0001", "n0004", "n0009"):
            state.set_read(article_id)
        for article_id in ("n0004", "n0010"):
            state.set_bookmark(article_id, True)
        return state.read_ids(), state.bookmarks()
    finally:
        state.close()


def marks(where: Locations) -> tuple[set[str], list[str]]:
    state = UserState.open(where)
    try:
        return state.read_ids(), state.bookmarks()
    finally:
        state.close()


@sync
async def test_the_reader_offers_a_rebuild_and_keeps_read_marks_and_bookmarks(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    where = fresh_copy(pristine, tmp_path)
    before = mark_some_articles(where)
    assert before[0] and before[1]
    segment = next(p for p in index_files(where) if p.name.startswith("MAIN_"))
    DAMAGES["truncate-half"](segment)

    app = reader_app(where.home, pristine[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog), "no rebuild offered for a damaged index"
        assert "yomite verify --repair" in dialog.body_text or "damaged" in dialog.body_text
        # Said in the dialog, not again in a toast over its buttons (review)
        assert not [n for n in app._notifications if "damaged" in str(n.message)]
        main = app.screen_stack[0]
        assert isinstance(main, MainScreen)
        shown: list[str] = []
        progress = main.status.progress

        def say_progress(message: str | Sequence[str]) -> None:
            shown.append(message if isinstance(message, str) else message[0])  # the fullest
            progress(message)

        main.status.progress = say_progress  # type: ignore[method-assign]
        await pilot.press("y")
        await settle(pilot)
        # The rebuild counts its files as an update does (it said "rebuilding…" alone)
        assert shown and shown[-1].startswith(f"indexing {ARTICLES}/{ARTICLES} files")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        entries = screen.article_list.entries
        assert len(entries) == ARTICLES
        read_marks = {
            e.summary.id
            for i, e in enumerate(entries)
            if not str(screen.article_list.get_option_at_index(i).prompt).startswith("●")
        }
        assert read_marks == before[0]  # shown as read after the rebuild
        assert app.is_running

    assert marks(where) == before
    with Library.open(where) as library:
        assert library.count() == ARTICLES


@sync
async def test_declining_the_rebuild_leaves_a_working_reader_and_the_files_untouched(
    pristine: tuple[Path, Path], tmp_path: Path
) -> None:
    where = fresh_copy(pristine, tmp_path)
    before = mark_some_articles(where)
    toc = next(p for p in index_files(where) if p.suffix == ".toc")
    DAMAGES["flip-middle"](toc)
    damaged_bytes = toc.read_bytes()

    app = reader_app(where.home, pristine[1])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("j", "k", "/")
        await pilot.press(*"記事")
        await settle(pilot)
        assert app.is_running and app.return_code is None

    assert toc.read_bytes() == damaged_bytes  # no rebuild behind the user's back
    assert marks(where) == before
    with pytest.raises(IndexUnavailable):
        Library.open(where)


def test_an_unchanged_index_opens_without_reading_it_again_and_verify_reads_it_all(
    pristine: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader's cold start read every byte of the index to check it (~0.2 s over
    ldcc). A file whose stamps (size, mtime, ctime, inode) are as when its bytes were
    last found good is trusted; `yomite verify` still reads every byte."""
    import index.store as store

    where = fresh_copy(pristine, tmp_path)
    with Library.open(where) as library:  # a copy: every file read and stamped
        assert library.count() == ARTICLES
    read: list[str] = []
    real = store.file_checksum

    def file_checksum(path: Path) -> str:
        read.append(path.name)
        return real(path)

    monkeypatch.setattr(store, "file_checksum", file_checksum)
    monkeypatch.setattr(store, "_sums", store._SumCache())  # as a new process
    with Library.open(where) as library:
        assert library.count() == ARTICLES
    assert read == []

    # Damage the file system does not see (bit rot): the stamps still match, so an
    # open trusts the file; verify reads it and finds the damage.
    generation = current_generation(where.index_dir)
    assert generation is not None
    segment = max(generation.glob("MAIN_*.seg"), key=lambda p: p.stat().st_size)
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x5A
    segment.write_bytes(bytes(data))
    stamps = json.loads((generation / store.STAMPS_FILE).read_text())
    stamps[segment.name][:4] = store._stamp(segment.stat())
    (generation / store.STAMPS_FILE).write_text(json.dumps(stamps))
    assert yomite_main(["verify", "--home", str(where.home)]) == 1
    assert segment.name in read
