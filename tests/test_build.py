"""Incremental updates: add, change, delete, rename, touch; ids; failures; workers; cancel."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

import index.build
from index.blocks import BLOCK_PROTOCOL, write_blocks_as_built
from index.build import UpdateProgress
from index.bulk import BulkSegment
from index.files import path_tag
from index.library import Library
from index.locations import locations
from index.schema import make_schema
from index.state import LastPlace, UserState
from index.store import INDEX_NAME, LibraryError, current_generation
from tests.articles import news_text, write_articles
from tests.conftest import Denier


@pytest.fixture
def library(home: Path) -> Iterator[Library]:
    with Library.open(locations(home)) as opened:
        yield opened


def ids(library: Library) -> set[str]:
    return {f.id for f in library.indexed_files().values()}


def test_first_update_adds_every_article(library: Library, tmp_path: Path) -> None:
    write_articles(tmp_path / "corpus", 5)

    report = library.update([tmp_path / "corpus"])

    assert (report.added, report.updated, report.removed, report.failed) == (5, 0, 0, [])
    assert library.count() == 5
    assert ids(library) == {f"n{n:04d}" for n in range(5)}


def test_second_update_changes_only_what_changed_on_disk(library: Library, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 4)
    library.update([corpus])
    paths[0].write_text(news_text(0, extra="追加の一文。"), "utf-8")  # changed
    paths[1].unlink()  # deleted
    paths[2].rename(corpus / "renamed.txt")  # renamed
    write_articles(corpus, 1, start=10)  # new

    report = library.update([corpus])

    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 1)
    assert report.renamed == 1
    assert ids(library) == {"n0000", "n0002", "n0003", "n0010"}  # renamed.txt keeps n0002
    assert library.search("追加").total == 1


def test_a_touched_but_identical_file_is_not_reanalysed(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 2)
    library.update([corpus])
    later = paths[0].stat().st_mtime_ns + 5_000_000_000
    os.utime(paths[0], ns=(later, later))
    analysed: list[str] = []
    real = index.build.make_document

    def make_document(path: str, article_id: str) -> tuple[dict[str, Any], str | None]:
        analysed.append(path)
        return real(path, article_id)

    monkeypatch.setattr(index.build, "make_document", make_document)

    report = library.update([corpus])

    assert (report.updated, report.unchanged) == (0, 2)
    assert analysed == []


def test_a_file_rewritten_to_the_same_size_and_mtime_is_updated_and_verify_says_so(
    library: Library, tmp_path: Path
) -> None:
    """Same size, the mtime put back (`touch -r`, a tool keeping it, times stored
    coarsely): `verify` said consistent and `yomite index` kept the old text. A
    change since the last update looked at the file (its ctime) has its bytes read."""
    corpus = tmp_path / "corpus"
    path = corpus / "a.txt"
    corpus.mkdir()
    path.write_text("記事\n\n東京の記事です。\n", "utf-8")
    library.update([corpus])
    stamp = path.stat()
    path.write_text("記事\n\n大阪の記事です。\n", "utf-8")  # as many bytes
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size

    assert library.verify().changed == [str(path)]
    report = library.update([corpus])

    assert (report.updated, report.unchanged) == (1, 0)
    assert library.search("大阪").total == 1 and library.search("東京").total == 0
    assert library.verify().consistent


def test_an_article_a_link_led_to_outside_the_home_goes_with_the_link(
    library: Library, tmp_path: Path
) -> None:
    """A link in a directory of the home to a file outside it: the article (kept under
    the file's own path) stayed once the link was removed, and after `--forget` of
    the directory; verify said consistent."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    write_articles(corpus, 1)
    outside.mkdir()
    (outside / "ext.txt").write_text("外部\n\n名古屋の記事。\n", "utf-8")
    link = corpus / "link.txt"
    link.symlink_to(outside / "ext.txt")
    library.update([corpus])
    assert library.search("名古屋").total == 1

    link.unlink()
    verified = library.verify()  # there, but reached no more: not "missing"
    assert (verified.missing, verified.unreached) == ([], [str((outside / "ext.txt").resolve())])
    report = library.update([corpus])

    assert (report.removed, report.unchanged) == (1, 1)
    assert library.search("名古屋").total == 0 and library.verify().consistent

    link.symlink_to(outside / "ext.txt")
    library.update([corpus])
    library.forget([corpus])
    assert library.count() == 0


def test_an_article_a_link_led_to_rewritten_to_the_same_size_and_mtime_is_updated(
    library: Library, tmp_path: Path
) -> None:
    """Kept under its own path, outside the home's directories, the article had no
    time of their walk to go by: its edit kept to size and mtime was never seen, and
    verify counted 1 article of 2 (review)."""
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    write_articles(corpus, 1)
    outside.mkdir()
    path = outside / "ext.txt"
    path.write_text("外部\n\n東京の記事です。\n", "utf-8")
    (corpus / "link").symlink_to(outside)
    library.update([corpus])
    stamp = path.stat()
    path.write_text("外部\n\n大阪の記事です。\n", "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))

    verified = library.verify()
    assert verified.changed == [str(path.resolve())] and verified.compared == 2
    assert library.update([corpus]).updated == 1
    assert library.search("大阪").total == 1 and library.verify().consistent


def test_files_outside_the_given_paths_stay_indexed(library: Library, tmp_path: Path) -> None:
    write_articles(tmp_path / "one", 2)
    write_articles(tmp_path / "two", 2, start=5)
    library.update([tmp_path / "one"])

    report = library.update([tmp_path / "two"])

    assert report.removed == 0
    assert library.count() == 4


def test_a_file_asked_for_by_name_stays_when_its_directory_is_added(
    library: Library, tmp_path: Path
) -> None:
    """A file the directory's walk passes over (not *.txt, or hidden) was dropped as
    deleted when its directory was added, and came back at the next update."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    named = [corpus / "notes.md", corpus / ".draft.txt"]
    for n, path in enumerate(named, start=7):
        path.write_text(news_text(n), "utf-8")
    for path in named:
        library.update([path])

    report = library.update([corpus])

    assert (report.added, report.removed) == (2, 0)
    assert ids(library) == {"n0000", "n0001", "notes", ".draft"}
    named[0].unlink()
    assert library.update([corpus]).removed == 1  # deleted: it goes
    assert ids(library) == {"n0000", "n0001", ".draft"}


def test_a_link_taken_away_takes_its_article_with_it(library: Library, tmp_path: Path) -> None:
    """An article reached through a link (its target named otherwise) goes when the
    link does, although the target is still there."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    (corpus / "data").mkdir()
    target = corpus / "data" / "real.dat"
    target.write_text(news_text(4), "utf-8")
    (corpus / "linked.txt").symlink_to(target)
    library.update([corpus])
    assert ids(library) == {"n0000", "real"}
    (corpus / "linked.txt").unlink()
    assert library.update([corpus]).removed == 1
    assert ids(library) == {"n0000"}


def test_a_renamed_or_moved_file_keeps_its_id_and_its_reading_state(
    home: Path, library: Library, tmp_path: Path
) -> None:
    """A rename was a removal and an addition under a new id: the read mark, bookmark
    and place, kept by id, named nothing."""
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 3)
    library.update([corpus])
    state = UserState.open(locations(home))
    state.set_bookmark("n0000", True)
    state.set_read("n0000")
    state.save_place("n0000", 42)
    paths[0].rename(corpus / "uno2.txt")
    (corpus / "elsewhere").mkdir()
    paths[1].rename(corpus / "elsewhere" / paths[1].name)  # moved

    report = library.update([corpus])

    assert (report.added, report.removed, report.renamed, report.unchanged) == (0, 0, 2, 1)
    by_path = {Path(f.path).name: f.id for f in library.indexed_files().values()}
    assert by_path == {"uno2.txt": "n0000", "n0001.txt": "n0001", "n0002.txt": "n0002"}
    assert library.load("n0000").path == str((corpus / "uno2.txt").resolve())
    assert state.bookmarks() == ["n0000"] and state.is_read("n0000")
    assert state.last_place() == LastPlace("n0000", 42)
    state.close()
    # A new file under the old name is another article: told apart from the id held.
    paths[0].write_text(news_text(9), "utf-8")
    assert library.update([corpus]).added == 1
    new_id = {f.path: f.id for f in library.indexed_files().values()}[str(paths[0].resolve())]
    assert new_id == f"n0000~{path_tag(str(paths[0].resolve()))}"


def test_a_file_renamed_before_a_rebuild_keeps_its_id(library: Library, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 2)
    library.update([corpus])
    paths[0].rename(corpus / "uno2.txt")

    library.rebuild([corpus])

    assert {Path(f.path).name: f.id for f in library.indexed_files().values()} == {
        "uno2.txt": "n0000",
        "n0001.txt": "n0001",
    }


def test_a_file_changed_and_renamed_at_once_is_a_new_article(
    library: Library, tmp_path: Path
) -> None:
    """Nothing tells it from a file deleted and another added: its id is its new name's
    (its reading state stays under the old id, unused)."""
    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 2)
    library.update([corpus])
    paths[0].unlink()
    (corpus / "uno2.txt").write_text(news_text(0, extra="追加の一文。"), "utf-8")

    report = library.update([corpus])

    assert (report.added, report.removed, report.renamed) == (1, 1, 0)
    assert ids(library) == {"uno2", "n0001"}


def test_of_files_alike_a_moved_one_keeps_its_own_id(library: Library, tmp_path: Path) -> None:
    """Two copies of one article, both moved: each takes the id of the one of its name."""
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(news_text(1), "utf-8")
    library.update([tmp_path])
    (tmp_path / "c").mkdir()
    for name in ("b", "a"):
        (tmp_path / name / f"{name}.txt").rename(tmp_path / "c" / f"{name}.txt")

    report = library.update([tmp_path])

    assert (report.added, report.removed, report.renamed) == (0, 0, 2)
    assert {Path(f.path).name: f.id for f in library.indexed_files().values()} == {
        "a.txt": "a",
        "b.txt": "b",
    }


def test_files_sharing_a_stem_get_distinct_stable_ids(library: Library, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text(news_text(1), "utf-8")
    (tmp_path / "b" / "same.txt").write_text(news_text(2), "utf-8")

    library.update([tmp_path])
    first = ids(library)
    library.update([tmp_path])

    assert len(first) == 2
    assert all(i.startswith("same~") for i in first)
    assert ids(library) == first
    (tmp_path / "b" / "same.txt").unlink()
    library.update([tmp_path])
    # Its id kept, although no longer ambiguous: read marks and bookmarks are kept by id
    assert ids(library) == first - {f"same~{path_tag(str((tmp_path / 'b/same.txt').resolve()))}"}


def test_a_same_named_file_coming_in_leaves_the_indexed_articles_id(
    library: Library, tmp_path: Path
) -> None:
    """The file indexed first keeps its id (its bookmark is kept by it) and is not
    reanalysed; the newcomer is the one told apart."""
    for name, n in (("a", 1), ("b", 2), ("c", 3)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "same.txt").write_text(news_text(n), "utf-8")
    library.update([tmp_path / "a"])
    assert ids(library) == {"same"}

    report = library.update([tmp_path / "b"])

    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    b = str((tmp_path / "b" / "same.txt").resolve())
    assert {f.path: f.id for f in library.indexed_files().values()}[b] == f"same~{path_tag(b)}"
    assert ids(library) == {"same", f"same~{path_tag(b)}"}
    report = library.update([tmp_path])  # every one of them, the third new
    assert (report.added, report.updated, report.unchanged) == (1, 0, 2)
    assert len(ids(library)) == 3 and "same" in ids(library)


def test_files_that_fail_are_reported_and_the_rest_indexed(
    library: Library, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 3)
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 20)

    report = library.update([corpus])

    assert report.added == 3
    assert [path for path, _ in report.failed] == [str((corpus / "binary.txt").resolve())]
    assert report.failed[0][1]  # a reason the user can read
    assert library.verify().failed == report.failed  # recorded, not "new"
    assert library.verify().consistent


def test_a_file_that_stops_parsing_keeps_its_last_indexed_version(
    library: Library, tmp_path: Path
) -> None:
    from index.build import KEPT

    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 3)
    library.update([corpus])
    title = {s.id: s.title for s in library.articles()}[paths[0].stem]
    original = paths[0].read_bytes()
    paths[0].write_bytes(original + b"\x00\x01 now binary")

    report = library.update([corpus])

    assert (report.updated, report.removed) == (0, 0)
    assert report.failed == [
        (str(paths[0].resolve()), f"binary file (contains NUL bytes), not an article; {KEPT}")
    ]
    assert {s.id: s.title for s in library.articles()}[paths[0].stem] == title
    assert library.verify().consistent  # recorded as failed, not as changed
    paths[0].write_bytes(original.replace(title.encode(), "直った見出し".encode(), 1))
    assert library.update([corpus]).updated == 1
    assert {s.id: s.title for s in library.articles()}[paths[0].stem] == "直った見出し"


def test_a_failed_file_is_not_analysed_again_until_it_changes(
    library: Library, tmp_path: Path
) -> None:
    """Every update read and analysed the files that failed before, and committed
    their failure again: `make run` over a folder holding a binary file wrote a new
    index commit each time."""
    from index.build import KEPT

    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 2)
    binary = corpus / "binary.txt"
    binary.write_bytes(b"\x00\x01 not text \x00" * 20)
    library.update([corpus])
    paths[0].write_bytes(paths[0].read_bytes() + b"\x00 now binary")
    first = library.update([corpus])
    toc = sorted(p.name for p in library.where.index_dir.rglob("*.toc"))

    analysed: list[str | None] = []
    again = library.update([corpus], progress=lambda p: analysed.append(p.path))

    assert analysed == []
    assert again.failed == first.failed  # still told, the kept version said so
    assert [reason.endswith(KEPT) for _, reason in again.failed] == [False, True]
    assert sorted(p.name for p in library.where.index_dir.rglob("*.toc")) == toc  # no commit
    assert library.count() == 2 and library.verify().consistent
    binary.write_bytes(b"\x00 still not text, but changed")
    changed = library.update([corpus], progress=lambda p: analysed.append(p.path))
    assert analysed == [str(binary.resolve())]
    assert changed.failed == first.failed


def test_a_file_that_crashes_the_parser_is_a_recorded_failure(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parser bug: the file is reported, kept on record (verify lists it as failed,
    not as new), and not read again until it changes."""
    import index.parser

    corpus = tmp_path / "corpus"
    paths = write_articles(corpus, 2)
    parse_bytes = index.parser.parse_bytes

    def buggy(data: bytes, absolute: str, **options: Any) -> Any:
        if Path(absolute).name == paths[1].name:
            raise RuntimeError("a parser bug")
        return parse_bytes(data, absolute, **options)

    monkeypatch.setattr(index.parser, "parse_bytes", buggy)
    report = library.update([corpus])
    assert report.failed == [(str(paths[1].resolve()), "RuntimeError: a parser bug")]
    verified = library.verify()
    assert verified.consistent and verified.failed == report.failed

    analysed: list[str | None] = []
    assert library.update([corpus], progress=lambda p: analysed.append(p.path)).failed
    assert analysed == []


def test_a_failed_file_written_before_the_commit_is_read_again(
    library: Library, tmp_path: Path
) -> None:
    """The failure was stamped at the commit: an empty file saved while the update
    ran was taken as the empty one that failed, and never indexed."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    late = corpus / "late.txt"
    late.write_bytes(b"")

    def save_it(progress: UpdateProgress) -> None:
        if progress.path == str(late.resolve()) and not late.stat().st_size:
            late.write_text(news_text(7), "utf-8")

    first = library.update([corpus], progress=save_it)
    assert [path for path, _ in first.failed] == [str(late.resolve())]

    assert library.update([corpus]).added == 1
    assert library.count() == 3


def test_a_failed_file_rewritten_in_place_is_read_again(library: Library, tmp_path: Path) -> None:
    """Same size, its mtime put back (cp -p, rsync -t): the ctime still tells."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    broken = corpus / "broken.txt"
    text = news_text(5).encode("utf-8")
    broken.write_bytes(b"\x00" * len(text))
    assert library.update([corpus]).failed
    before = broken.stat()
    broken.write_bytes(text)
    os.utime(broken, ns=(before.st_atime_ns, before.st_mtime_ns))

    assert library.update([corpus]).added == 1


def test_failures_elsewhere_stay_on_record(library: Library, tmp_path: Path) -> None:
    """An update of other paths (the reader opened on a folder) dropped the recorded
    failures of the rest: they were analysed again at their next update."""
    write_articles(tmp_path / "one", 1)
    write_articles(tmp_path / "two", 1, start=1)
    (tmp_path / "one" / "binary.txt").write_bytes(b"\x00 not text \x00" * 10)
    library.update([tmp_path / "one"])
    library.update([tmp_path / "two"])

    analysed: list[str | None] = []
    again = library.update([tmp_path / "one"], progress=lambda p: analysed.append(p.path))

    assert analysed == []
    assert [Path(path).name for path, _ in again.failed] == ["binary.txt"]


def test_missing_paths_are_reported(library: Library, tmp_path: Path) -> None:
    report = library.update([tmp_path / "absent"])
    assert report.failed == [(str(tmp_path / "absent"), "no such file or directory")]


def test_articles_under_a_directory_that_cannot_be_listed_are_kept(
    library: Library, tmp_path: Path, unlistable: Denier
) -> None:
    """A directory the walk could not list was passed over, and its articles removed
    as deleted: a `chmod 000` on it, or on the root, emptied the index (the reader's
    rescan every 30 s too), and `verify` then called it consistent."""
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    write_articles(corpus / "sub", 1, start=10)
    library.update([corpus])
    sub = corpus.resolve() / "sub"
    unlistable(sub)

    report = library.update([corpus])

    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 2)
    assert report.failed == [
        (str(sub), "cannot be read: permission denied; its 1 article is kept until it can be read")
    ]
    assert report.unreadable == [str(sub)]
    assert library.count() == 3 and library.search("記事番号10").total == 1
    assert not library.verify().consistent
    assert library.verify().unreadable == {str(sub): ("permission denied", 1)}

    unlistable(corpus)  # the root itself
    report = library.update([corpus])
    assert (report.removed, report.unreadable) == (0, [str(corpus.resolve())])
    assert "its 3 articles are kept" in report.failed[0][1]
    assert library.count() == 3

    unlistable.allow(corpus)
    unlistable.allow(sub)
    report = library.update([corpus])
    assert (report.added, report.removed, report.unchanged, report.failed) == (0, 0, 3, [])
    assert library.verify().consistent


def test_a_root_found_empty_keeps_its_articles_as_an_unmounted_disks(
    library: Library, tmp_path: Path
) -> None:
    """An unmounted disk leaves its mount point, empty: its articles were removed as
    deleted, by an update of its directory or (`yomite index OTHER`) of another."""
    disk, local = tmp_path / "mnt" / "disk", tmp_path / "local"
    write_articles(disk, 3)
    write_articles(local, 1, start=10)
    library.update([disk, local])
    disk.rename(tmp_path / "mnt" / "disk.away")
    disk.mkdir()

    report = library.update([disk, local])

    assert (report.removed, report.unchanged, report.empty) == (0, 1, [str(disk)])
    [(path, why)] = report.failed
    assert (path, why) == (
        str(disk),
        "directory empty (an unmounted disk?): its 3 articles are kept until files are back "
        f"(`yomite index --forget {disk}` drops them)",
    )
    assert library.count() == 4 and library.search("記事番号2").total == 1
    assert library.verify().empty == {str(disk): 3}
    assert library.update([local]).removed == 0  # another directory's update

    # One file back (or left): the others were deleted, and go.
    (tmp_path / "mnt" / "disk.away" / "n0000.txt").rename(disk / "n0000.txt")
    report = library.update([disk, local])
    assert (report.removed, report.empty, report.failed) == (2, [], [])
    assert library.count() == 2


def test_progress_is_reported_per_file(library: Library, tmp_path: Path) -> None:
    write_articles(tmp_path / "corpus", 3)
    seen: list[UpdateProgress] = []

    library.update([tmp_path / "corpus"], progress=seen.append)

    assert [(p.done, p.total) for p in seen] == [(1, 3), (2, 3), (3, 3)]
    assert all(p.path and p.path.endswith(".txt") for p in seen)
    # Once every file is read, the index is being written (the bar sat full, silent).
    assert [p.writing for p in seen] == [False, False, True]


def test_cancelling_stops_and_writes_nothing(library: Library, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 2)
    library.update([corpus])
    write_articles(corpus, 10, start=100)
    seen: list[UpdateProgress] = []

    report = library.update([corpus], progress=seen.append, cancelled=lambda: len(seen) >= 3)

    assert report.cancelled
    assert len(seen) == 3
    assert library.count() == 2
    assert library.update([corpus]).added == 10  # and a later update does the job


@pytest.mark.slow
def test_worker_processes_index_the_same_as_one_process(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 40)
    (corpus / "binary.txt").write_bytes(b"\x00" * 100)
    monkeypatch.setattr(index.build, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(index.build, "BATCH_SIZE", 4)
    monkeypatch.setattr(index.build, "default_procs", lambda: 2)
    seen: list[UpdateProgress] = []

    with Library.open(locations(home)) as library:
        report = library.update([corpus], progress=seen.append)
        assert report.added == 40
        assert [p for p, _ in report.failed] == [str((corpus / "binary.txt").resolve())]
        assert library.count() == 40
        assert library.search("記事番号7").total >= 1
        assert seen[-1].done == seen[-1].total == 41
        assert [p.writing for p in seen].count(True) == 1 and seen[-1].writing
        assert library.verify().consistent


@pytest.mark.slow
def test_cancelling_worker_processes_writes_nothing_and_stops_them(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 60)
    monkeypatch.setattr(index.build, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(index.build, "BATCH_SIZE", 2)
    monkeypatch.setattr(index.build, "default_procs", lambda: 2)
    seen: list[UpdateProgress] = []
    children_before = set(multiprocessing.active_children())

    with Library.open(locations(home)) as library:
        report = library.update([corpus], progress=seen.append, cancelled=lambda: len(seen) >= 5)

        assert report.cancelled
        assert library.count() == 0
        assert set(multiprocessing.active_children()) == children_before
        assert library.update([corpus]).added == 60


@pytest.mark.slow
def test_a_worker_that_dies_is_reported_with_how_and_nothing_is_written(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker killed mid-build (the OOM killer; MeCab crashed one on a huge text):
    # the build says how it ended and how far it got, and the index is as before.
    corpus = tmp_path / "corpus"
    write_articles(corpus, 60)
    monkeypatch.setattr(index.build, "PARALLEL_THRESHOLD", 10)
    monkeypatch.setattr(index.build, "BATCH_SIZE", 2)
    monkeypatch.setattr(index.build, "default_procs", lambda: 2)
    children_before = set(multiprocessing.active_children())

    def kill_a_worker(progress: UpdateProgress) -> None:
        if progress.done == 3:
            workers = set(multiprocessing.active_children()) - children_before
            os.kill(min(worker.pid for worker in workers if worker.pid), signal.SIGKILL)

    with Library.open(locations(home)) as library:
        with pytest.raises(LibraryError, match=r"died \(killed by SIGKILL\) after \d+ of 60 files"):
            library.update([corpus], progress=kill_a_worker)
        assert library.count() == 0
        assert set(multiprocessing.active_children()) == children_before
        assert library.update([corpus]).added == 60


def _segment_files(index_dir: Path, segment: Any) -> dict[str, bytes]:
    """The files of one (non-compound) segment, named without the segment's random id."""
    return {
        path.name.replace(segment.segid, "SEGMENT"): path.read_bytes()
        for path in sorted(index_dir.iterdir())
        if path.is_file() and segment.segid in path.name
    }


@pytest.fixture
def shared_words_documents(tmp_path: Path, seeds_dir: Path) -> list[dict[str, Any]]:
    """150 generated articles sharing words (so common terms span several 128-posting
    blocks) and the seeds (every content field)."""
    write_articles(tmp_path / "corpus", 150)
    paths = sorted((tmp_path / "corpus").glob("*.txt")) + sorted(seeds_dir.glob("*.txt"))
    documents = [index.build.make_document(str(path), path.stem)[0] for path in paths]
    assert any("cards" in document for document in documents)
    return documents


def _write_segment(folder: Path, how: str, documents: list[dict[str, Any]], **options: Any) -> Any:
    """A segment of `documents` written by Whoosh's SegmentWriter ("whoosh"), by it with
    its blocks written as the index's updates have it write them ("whoosh-as-built",
    `write_blocks_as_built`) or by BulkSegment ("bulk")."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), make_schema())
    if how.startswith("whoosh"):
        writer = SegmentWriter(ix, _lk=False, compound=False, **options)
        if how == "whoosh-as-built":
            write_blocks_as_built(writer)
        for document in documents:
            writer.add_document(**document)
        return writer._finalize_segment()
    bulk = BulkSegment(ix, compound=False, **options)
    for document in documents:
        bulk.add_document(**document)
    return bulk.finish()


def test_bulk_segments_hold_the_bytes_whooshs_writer_would(
    tmp_path: Path, shared_words_documents: list[dict[str, Any]]
) -> None:
    # Searches read what BulkSegment writes with Whoosh's own readers: every posting
    # block, term entry, stored field and length must be what SegmentWriter writes,
    # its blocks written as the index's merges write them (`index.blocks`: pickled
    # with protocol 4, not Whoosh's 2; uncompressed, where Whoosh compresses each).
    written = {}
    for how in ("whoosh-as-built", "bulk"):
        segment = _write_segment(
            tmp_path / how, how, shared_words_documents, codec=W3Codec(compression=0)
        )
        written[how] = _segment_files(tmp_path / how, segment)

    assert ".pst" in "".join(written["bulk"])  # postings were written at all
    assert written["bulk"].keys() == written["whoosh-as-built"].keys()
    for name, data in written["whoosh-as-built"].items():
        assert written["bulk"][name] == data, name


def test_bulk_segments_read_back_as_whooshs_compressed_ones(
    tmp_path: Path, shared_words_documents: list[dict[str, Any]]
) -> None:
    # With compression asked for, big blocks are compressed and small ones not; by
    # default none is: every term's statistics and postings read back as from
    # SegmentWriter's segment (which compresses every block) all the same.
    read: dict[str, dict[Any, Any]] = {}
    compressed: dict[str, int] = {}
    for how in ("whoosh", "whoosh-as-built", "bulk", "bulk-uncompressed"):
        options = {"compress_from": 200} if how == "bulk" else {}
        writer = how if how.startswith("whoosh") else "bulk"
        segment = _write_segment(tmp_path / how, writer, shared_words_documents, **options)
        storage = FileStorage(str(tmp_path / how))
        codec = segment.codec()
        terms = codec.terms_reader(storage, segment)
        postfile = storage.open_file(segment.make_filename(W3Codec.POSTS_EXT))
        schema = make_schema()
        found = {}
        compressed[how] = 0
        for (fieldname, term), info in terms.items():
            matcher = codec.postings_reader(postfile, info, schema[fieldname].format)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                compressed[how] += bool(getattr(matcher, "_compression", 0))
                matcher.next()
            found[fieldname, term] = (
                (info.weight(), info.doc_frequency(), info.min_length(), info.max_length()),
                (info.max_weight(), info.min_id(), info.max_id()),
                postings,
            )
        read[how] = found
        postfile.close()

    assert len(read["bulk"]) > 1000
    assert read["bulk"] == read["whoosh"] == read["bulk-uncompressed"] == read["whoosh-as-built"]
    assert 0 < compressed["bulk"] < compressed["whoosh"]
    assert compressed["bulk-uncompressed"] == compressed["whoosh-as-built"] == 0


def test_bulk_and_whooshs_segments_name_the_same_people(tmp_path: Path, seeds_dir: Path) -> None:
    # The seeds' people by their titles (トランプ氏, ゼレンスキー大統領, マクロン仏大統領),
    # whichever writer indexes them: ドナルド and ウラジーミル of ドナルド・トランプ and
    # ウラジーミル・プーチン are none.
    paths = sorted(seeds_dir.glob("*.txt"))
    documents = [index.build.make_document(str(path), path.stem)[0] for path in paths]
    people: dict[str, dict[str, int]] = {}
    for how in ("whoosh", "bulk"):
        segment = _write_segment(tmp_path / how, how, documents)
        terms = segment.codec().terms_reader(FileStorage(str(tmp_path / how)), segment)
        people[how] = {
            term.decode(): info.doc_frequency()
            for (fieldname, term), info in terms.items()
            if fieldname == "person"
        }
    assert people["bulk"] == people["whoosh"]
    assert people["bulk"] == {
        "ゼレンスキー": 2, "トランプ": 2, "バイデン": 2, "プーチン": 2, "ヘグセス": 2,
        "ケロッグ": 1, "バンス": 1, "ベッセント": 1, "マクロン": 1, "ルビオ": 1, "橋下徹": 1,
    }  # fmt: skip


def test_bulk_segment_with_nothing_added_writes_no_segment(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    assert BulkSegment(ix).finish() is None


def test_bulk_segment_refuses_fields_it_would_not_write(tmp_path: Path) -> None:
    # Term vectors are not written in bulk: rather than an index silently without
    # them, such a schema is refused.
    from whoosh import fields

    ix = whoosh_index.create_in(str(tmp_path), fields.Schema(body=fields.TEXT(vector=True)))
    with pytest.raises(ValueError, match="body"):
        BulkSegment(ix)


def _indexing_peak(tmp_path: Path, text: str) -> int:
    """The most memory Python's objects took at once while a bulk segment indexed
    `text` as one article and wrote it (tracemalloc: the objects' own bytes, whatever
    else the machine runs; MeCab's dictionary pages are not counted)."""
    import tracemalloc

    from index.terms import field_terms

    path = tmp_path / "long.txt"
    path.write_text(text, "utf-8")
    document = index.build.make_document(str(path), "long")[0]
    ix = whoosh_index.create_in(str(tmp_path), make_schema())
    list(field_terms(("content", ""), "東京の天気"))  # MeCab's tagger made beforehand
    tracemalloc.start()
    try:
        segment = BulkSegment(ix)
        segment.add_document(**document)
        assert segment.finish() is not None
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


LONG_TEXT_SENTENCES = [
    "東京都の会議で停戦交渉の行方について専門家が長い議論を続けた。",
    "大阪では新しい駅の工事が始まり、住民への説明会が開かれた。",
    "スマートフォンの新機種は電池の持ちが良くなったと評判だ。",
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lines", "budget_mb"),
    [
        # 1.5 million such lines (the 16 MiB a file may hold) peaked at 2.9 GB.
        pytest.param([f"猫{n}" for n in range(20_000)], 30, id="distinct-lines"),
        # 5 million characters of livedoor articles peaked at 1 GB.
        pytest.param([LONG_TEXT_SENTENCES[n % 3] for n in range(20_000)], 32, id="prose"),
    ],
)
def test_a_long_text_is_indexed_in_bounded_memory(
    tmp_path: Path, lines: list[str], budget_mb: int
) -> None:
    # Every distinct term's postings were held as a list and its place in the term
    # table as a tuple of two ints, every occurrence as a tuple, every token's offsets
    # as ints, each term twice (str and bytes): a 129,000-character text of 20,000
    # distinct lines took 43 MB, 610,000 characters of prose 50 MB (21 and 19 now).
    peak = _indexing_peak(tmp_path, "長い記録\n" + "\n".join(lines) + "\n")
    assert peak < budget_mb * 1024 * 1024


def _segment_ids(library: Library) -> list[str]:
    generation = current_generation(library.where.index_dir)
    assert generation is not None
    opened = whoosh_index.FileIndex(FileStorage(str(generation)), indexname=INDEX_NAME)
    return [segment.segment_id() for segment in opened._segments()]


def test_one_file_updates_leave_a_long_texts_segment_alone(
    library: Library, tmp_path: Path
) -> None:
    """Whoosh merged the segments with the fewest documents, and a long text is one
    document: a one-file update every fourth or fifth rewrote its segment (19-23 s for
    a 15 MB text, where the other updates took 0.2 s). Small segments still merge."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    long_text = corpus / "long.txt"
    lines = (f"第{n}段落では{n * 7}件の報告が東京都から届いた。" for n in range(6000))
    long_text.write_text("長い記事\n" + "\n".join(lines) + "\n", "utf-8")
    library.update([long_text])
    (long_segment,) = _segment_ids(library)
    for n in range(8):
        short = corpus / f"short{n}.txt"
        short.write_text(f"短い記事{n}\n本文{n}です。\n", "utf-8")
        library.update([short])
        assert long_segment in _segment_ids(library), f"rewritten by update {n + 1}"
    assert len(_segment_ids(library)) < 1 + 8  # the short ones' segments were merged
    assert library.search("東京都").total == 1
    assert library.count() == 9


@pytest.mark.parametrize("live", [False, True])
def test_a_phrase_with_a_particle_stays_exact_through_updates_and_merges(
    library: Library, tmp_path: Path, live: bool
) -> None:
    """Where a phrase's particle stands is kept with each document (`index.stops`): a
    file changed, the articles added one update at a time and their segments merged
    still tell 東京の大学 from 東京工業大学."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    particle, compound = corpus / "particle.txt", corpus / "compound.txt"
    particle.write_text("入学\n春に東京の大学に入った。\n", "utf-8")
    compound.write_text("入学\n春に東京工業大学に入った。\n", "utf-8")
    library.update([corpus])
    compound.write_text("入学\n春に東京工業大学に入った。桜が咲いた。\n", "utf-8")  # changed
    library.update([corpus])
    for n in range(6):
        (corpus / f"more{n}.txt").write_text(f"入学{n}\n春に東京工業大学に入った{n}。\n", "utf-8")
        library.update([corpus])
    assert len(_segment_ids(library)) < 2 + 6  # some were merged
    assert library.search("東京工業大学", live=live).total == 7
    found = library.search("東京の大学", live=live)
    assert [hit.article.path for hit in found.hits] == [str(particle)]


def _posting_blocks(library: Library) -> Iterator[tuple[int, bytes]]:
    """(compression, data as stored) of every posting block of every segment."""
    generation = current_generation(library.where.index_dir)
    assert generation is not None
    storage = FileStorage(str(generation))
    opened = whoosh_index.FileIndex(storage, indexname=INDEX_NAME)
    for segment in opened._segments():
        files = segment.open_compound_file(storage) if segment.is_compound() else storage
        codec = segment.codec()
        terms = codec.terms_reader(files, segment)
        postfile = files.open_file(segment.make_filename(W3Codec.POSTS_EXT))
        for (fieldname, _), info in terms.items():
            matcher = codec.postings_reader(postfile, info, opened.schema[fieldname].format)
            while True:
                yield (
                    matcher._compression,
                    postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset),
                )
                if matcher._lastblock:
                    break
                matcher._goto(matcher._nextoffset)
        postfile.close()
        terms.close()
        if files is not storage:
            files.close()


def test_merged_segments_are_written_as_a_build_writes_them(
    library: Library, tmp_path: Path
) -> None:
    """Segments Whoosh merges are written as the build writes its own (`index.blocks`):
    its own writer pickled each block with protocol 2 and compressed it, and such blocks
    took ~8 times as long to read on every search. They read back the same."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(7):
        (corpus / f"article{n}.txt").write_text(f"記事{n}\n東京の大学に春から通う{n}。\n", "utf-8")
        library.update([corpus])
    assert len(_segment_ids(library)) < 7  # some were merged
    blocks = list(_posting_blocks(library))
    assert len(blocks) > 50
    assert {compression for compression, _ in blocks} == {0}
    assert {data[:2] for _, data in blocks} == {bytes((0x80, BLOCK_PROTOCOL))}
    assert library.search("東京の大学").total == 7
    assert library.search("通う").total == 7


def _index_bytes(library: Library) -> int:
    """What the live generation takes on disk."""
    generation = current_generation(library.where.index_dir)
    assert generation is not None
    return sum(path.stat().st_size for path in generation.iterdir() if path.is_file())


def _documents_held(library: Library) -> tuple[int, int]:
    """(live documents, documents the segments hold, deleted ones included)."""
    generation = current_generation(library.where.index_dir)
    assert generation is not None
    opened = whoosh_index.FileIndex(FileStorage(str(generation)), indexname=INDEX_NAME)
    segments = opened._segments()
    return sum(s.doc_count() for s in segments), sum(s.doc_count_all() for s in segments)


def _ldcc_articles(ldcc_dir: Path, corpus: Path, count: int) -> list[Path]:
    """`count` ldcc articles copied into `corpus`: segments as big as a user's."""
    corpus.mkdir()
    paths = []
    for source in sorted((ldcc_dir / "it-life-hack").glob("it-life-hack-*.txt"))[:count]:
        copy = corpus / source.name
        copy.write_bytes(source.read_bytes())
        paths.append(copy)
    return paths


FRUITS = ("アボカド", "ブロッコリー", "パパイヤ", "マンゴスチン", "ドリアン", "ランブータン")


def test_changing_the_same_files_again_and_again_keeps_the_index_its_size(
    library: Library, tmp_path: Path, ldcc_dir: Path
) -> None:
    """A segment keeps its deleted documents' bytes until it is merged, and one of ldcc
    articles was never small enough in bytes to be: every update left the segment of
    the files it changed before behind, all deleted. Changing the same 50 files of a
    1,020-file home 8 times took it from 40 to 65 MB; all of them 6 times, to 276 MB."""
    paths = _ldcc_articles(ldcc_dir, tmp_path / "corpus", 60)
    originals = {path: path.read_bytes() for path in paths}
    library.update([tmp_path / "corpus"])
    fresh = _index_bytes(library)
    sizes = []
    for fruit in FRUITS:
        for path in paths[:20]:
            path.write_bytes(originals[path] + f"\n{fruit}の話。\n".encode())
        library.update([tmp_path / "corpus"])
        sizes.append(_index_bytes(library))
    assert max(sizes) < 1.5 * fresh
    assert sizes[-1] < 1.05 * sizes[0]  # no longer growing at each update
    assert _documents_held(library) == (60, 80)  # the first 20 deleted, no more
    assert library.count() == 60
    assert library.search("ランブータン").total == 20
    assert library.search("ドリアン").total == 0


def test_a_segment_mostly_deleted_is_rewritten(
    library: Library, tmp_path: Path, ldcc_dir: Path
) -> None:
    """A segment more than a third of whose documents are deleted is rewritten with its
    live ones only: the index holds at most half again what a build of its files would
    (100 files of 1,020 changed at each of 20 updates: 61 MB at most against 40 fresh,
    where it reached 106)."""
    paths = _ldcc_articles(ldcc_dir, tmp_path / "corpus", 60)
    library.update([tmp_path / "corpus"])
    fresh = _index_bytes(library)
    for n, fruit in enumerate(FRUITS[:3]):
        for path in paths[n * 10 : n * 10 + 10]:
            path.write_bytes(path.read_bytes() + f"\n{fruit}の話。\n".encode())
        library.update([tmp_path / "corpus"])
    assert _index_bytes(library) < 1.5 * fresh
    # The first segment had lost half its documents: rewritten with the 30 left.
    assert _documents_held(library) == (60, 60)
    assert [library.search(fruit).total for fruit in FRUITS[:3]] == [10, 10, 10]
    assert library.count() == 60
