"""The index kept up to date while the reader runs (Pilot): files added, changed,
renamed or removed, another process's updates, marks a home cannot save, an index
rebuilt for another version or a file in the index's way, the warm-up after the
first paint, and the notices of files that could not be indexed.
"""

from __future__ import annotations

import os
import re
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from index.typeset import cell_width
from tests.articles import write_articles
from tests.tui_support import (
    build_home,
    main_screen,
    open_long_article,
    open_reader,
    reader_app,
    settle,
    shown_text,
    sync,
    told,
    wait_until,
)
from tui.dialogs import ConfirmDialog


def damage_segments(home: Path) -> None:
    """Cut every segment of `home`'s index short: an index that cannot be read."""
    for segment in home.glob("index/gen-*/*.seg"):
        with segment.open("r+b") as damaged:
            damaged.truncate(100)


@sync
async def test_a_mark_where_marks_are_not_saved_says_it_lasts_this_session_only(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only home: `b` said "bookmarked", and the bookmark was gone at the next
    start; the notice at start had been the only word of it."""
    from index.state import UserState

    def read_only(cls: type[UserState], where: Any) -> UserState:
        return cls.in_memory("cannot be written; marks last this session only")

    monkeypatch.setattr(UserState, "open", classmethod(read_only))
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("b")
        await pilot.pause()
        assert screen.status.message.startswith("bookmarked (this session only): ")
        await pilot.press("u")
        await pilot.pause()
        assert screen.status.message.startswith("marked read (this session only): ")


@sync
async def test_a_state_that_stops_taking_writes_says_so_when_a_mark_is_made(
    indexed: tuple[Path, Path],
) -> None:
    """A read-only home whose state file still opened (its journal beside it): `b` said
    "bookmarked", and the bookmark was gone at the next start without a word."""
    from tests.test_state import _read_only_connection

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        state = screen.state
        state._db.close()
        state._db = _read_only_connection(screen.setup.where.state_db)
        await pilot.press("b")
        await settle(pilot)
        assert screen.status.message.startswith("read marks and bookmarks cannot be saved")
        assert "this session only" in screen.status.message
        assert any("cannot be saved" in note for note in told(app))
        assert state.bookmarks() == [screen.article_list.entries[0].summary.id]


@sync
async def test_an_open_article_whose_file_is_renamed_stays_open_and_bookmarked(
    plain_indexed: tuple[Path, Path],
) -> None:
    """Renamed while the reader ran, the file was another article: the open one was
    "gone", its bookmark and read mark under an id nothing had any more."""
    from index.locations import locations
    from index.state import UserState
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(
        home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"}
    )  # keeps the index up to date, as `yomite` does
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long_article(pilot, app)
        await pilot.press("b")
        await settle(pilot)
        (corpus / "long.txt").rename(corpus / "long-renamed.txt")
        screen.refresh_from_disk()  # what the reader does every REFRESH_SECONDS
        await settle(pilot)
        assert sorted(e.summary.id for e in screen.article_list.entries) == ["long", "short"]
        assert screen.open_id == "long" and screen.reader.article is not None
        assert screen.reader.article.path == str((corpus / "long-renamed.txt").resolve())
        said = screen.status.message
        assert "the open article's file was renamed: now long-renamed.txt" in said
        # Worded to fit beside the article's news ("0 added, 0 updated, … in 0.1s" was cut)
        assert said.endswith(" · index up to date: 1 renamed")
        assert cell_width(said) <= 120 - 2
    state = UserState.open(locations(home))
    assert state.bookmarks() == ["long"] and state.is_read("long")
    state.close()


@sync
async def test_files_added_or_removed_while_it_runs_are_indexed(
    plain_indexed: tuple[Path, Path],
) -> None:
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(
        home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"}
    )  # keeps the index up to date, as `yomite` does
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        assert sorted(e.summary.id for e in screen.article_list.entries) == ["long", "short"]
        (corpus / "new.txt").write_text("新しい記事\n\n後から来た話。\n", encoding="utf-8")
        (corpus / "short.txt").unlink()
        screen.refresh_from_disk()  # what the reader does every REFRESH_SECONDS
        await settle(pilot)
        assert sorted(e.summary.id for e in screen.article_list.entries) == ["long", "new"]
        assert "1 added, 0 updated, 1 removed" in screen.status.message
        screen.status.say("")
        screen.refresh_from_disk()  # nothing changed: no update
        await settle(pilot)
        assert screen.status.message == ""
        (corpus / "bin.txt").write_bytes(b"\x00\x01")
        (corpus / "empty.txt").write_bytes(b"")
        screen.refresh_from_disk()
        await settle(pilot)
        assert "2 not indexed (see the notice)" in screen.status.message
        notices = [str(n.message) for n in app._notifications]
        assert any("bin.txt: binary file" in n and "empty.txt: empty file" in n for n in notices), (
            notices
        )
        # A file touched, the same two failing: the rescan's update says nothing again.
        screen.status.say("")
        os.utime(corpus / "long.txt")
        screen.refresh_from_disk()
        await settle(pilot)
        assert screen.status.message == ""
        assert [str(n.message) for n in app._notifications] == notices


@sync
async def test_the_open_article_follows_its_file_through_an_update(
    plain_indexed: tuple[Path, Path],
) -> None:
    """The list showed a changed file's new title while the reader kept its old text,
    and said nothing when the open article's file was removed (review)."""
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        screen.open_article("long", focus=True)
        await settle(pilot)
        screen.reader.scroll_to(y=20, animate=False, immediate=True)
        await settle(pilot)
        place = screen.reader.place
        assert place > 0
        path = corpus / "long.txt"
        path.write_text(path.read_text("utf-8").replace("長い記事", "改題した記事"), "utf-8")
        screen.refresh_from_disk()
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and article.title == "改題した記事"
        assert "改題した記事" in str(screen.reader.border_title)
        assert screen.reader.place == place  # read on from where you were
        said = screen.status.message
        # The update's own line is kept beside it (the reload used to replace it), after
        # it: at 80 columns the article's news was cut off (review)
        assert said.startswith("the open article changed on disk: reloaded · ")
        assert " · index up to date: 0 added, 1 updated, 0 removed in " in said
        path.unlink()
        screen.refresh_from_disk()
        await settle(pilot)
        assert screen.reader.article is article  # still shown, as last read
        said = screen.status.message
        assert said.startswith("the open article's file is gone")
        # Worded to fit beside the article's news, which is longer ("… in 0.1s" was cut)
        assert said.endswith(" · index up to date: 1 removed")
        assert cell_width(said) <= 120 - 2


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
@sync
async def test_r_on_an_article_whose_file_is_gone_says_so(
    plain_indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """`r` on the article read, its file deleted and the update done: the list became
    "Related (0) · Esc back · to long" (its id for its title) saying "No related article
    found", as if the index had been searched for it (review). It says what `b` says
    there, and the list stays as it was."""
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=size) as (pilot, screen):
        screen.open_article("long", focus=True)
        await settle(pilot)
        (corpus / "long.txt").unlink()
        screen.refresh_from_disk()
        await wait_until(pilot, lambda: "removed" in screen.status.message)
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "long"
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "all"
        assert "Related" not in str(screen.article_list.border_title)
        assert screen.status.message == (
            "Related: this article is no longer in the index (its file is gone)"
        )
        assert app.focused is screen.reader


@sync
async def test_a_file_opened_by_name_and_deleted_is_removed_not_failed(tmp_path: Path) -> None:
    """`yomite md/notes.md`, then `rm md/notes.md` while reading: a notice said "1 path
    could not be indexed: …/notes.md: no such file or directory", and the status line
    "1 removed; 1 not indexed", cut at 80 columns to "…shown as last read · 1 re…"
    (review). The file was deleted, its article removed: said so alone."""
    from tui.app import create_app

    notes = tmp_path / "md" / "notes.md"
    notes.parent.mkdir()
    notes.write_text("# 会議メモ\n\n今日は東京で会議がありました。\n", encoding="utf-8")
    home = tmp_path / "home"
    app = create_app(home, [notes], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "1 added" in screen.status.message)
        await settle(pilot)
        screen.open_article("notes", focus=True)
        await settle(pilot)
        notes.unlink()
        screen.refresh_from_disk()
        await wait_until(pilot, lambda: "removed" in screen.status.message)
        await settle(pilot)
        said = screen.status.message
        assert said.endswith(" · 1 removed")
        assert "gone" in said and "not indexed" not in said
        assert "…" not in screen.status.render_line(0).text  # whole at 80 columns
        assert not [n for n in app._notifications if n.severity == "warning"]


@sync
async def test_another_readers_update_found_done_by_this_one_reloads_the_list(
    plain_indexed: tuple[Path, Path],
) -> None:
    """Two readers on one home: the other removed a file's article, then this one's
    rescan update found nothing left to do. It had opened the other's commit, so no
    refresh saw it after: its list kept the removed article for good (review)."""
    from index.library import Library
    from index.locations import locations
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        assert {s.id for s in screen._all or []} == {"long", "short"}
        (corpus / "short.txt").unlink()
        with Library.open(locations(home)) as other:
            assert other.update([corpus]).removed == 1
        screen.update_index(quiet=True)  # this one's rescan, racing the other's
        await settle(pilot)
        assert {s.id for s in screen._all or []} == {"long"}
        assert [e.summary.id for e in screen.article_list.entries] == ["long"]
        screen.refresh_from_disk()  # and it stays so
        await settle(pilot)
        assert [e.summary.id for e in screen.article_list.entries] == ["long"]


@sync
async def test_b_on_an_article_gone_from_the_index_says_so(
    plain_indexed: tuple[Path, Path],
) -> None:
    """`b` on the open article whose file was removed said "bookmarked", and the
    bookmarks view, which lists what the index holds, never showed it (review)."""
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        screen.open_article("short", focus=True)
        await settle(pilot)
        (corpus / "short.txt").unlink()
        screen.refresh_from_disk()
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "short"
        await pilot.press("b")
        assert screen.status.message.startswith("not bookmarked: this article is no longer")
        assert screen.state.bookmarks() == []


@sync
async def test_a_reload_in_the_background_leaves_the_focus_in_the_search_bar(
    plain_indexed: tuple[Path, Path],
) -> None:
    """On a narrow screen a reload focused the reader: the query being typed lost its
    next keys to reader commands (code review)."""
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(80, 30)) as (pilot, screen):
        screen.open_article("long", focus=True)
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        path = corpus / "long.txt"
        path.write_text(path.read_text("utf-8").replace("長い記事", "改題した記事"), "utf-8")
        screen.refresh_from_disk()
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and article.title == "改題した記事"
        assert app.focused is screen.search_bar.input


@sync
async def test_opening_an_article_whose_file_stopped_parsing_says_why(
    plain_indexed: tuple[Path, Path],
) -> None:
    from index.library import Library
    from index.locations import locations

    home, corpus = plain_indexed
    with (corpus / "long.txt").open("ab") as file:
        file.write(b"\x00 now binary")
    with Library.open(locations(home)) as library:
        assert library.update([corpus]).failed  # its indexed version is kept
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_long_article(pilot, app)
        assert screen.reader.article is None
        assert "binary file" in screen.status.message
        assert screen.status.message.endswith("listed as last indexed until it is fixed")


def test_a_notice_names_at_most_five_failures(tmp_path: Path) -> None:
    """The rest are listed by `yomite verify` as typed for the reader's home: with
    `--home H` for one not the default (it said `yomite verify`, the default home's)."""
    from index.locations import locations, platform_home
    from tui.background_index import failures_notice

    failed = [(f"/corpus/f{n}.txt", "binary file") for n in range(7)]
    lines = failures_notice(failed, locations(platform_home()), [Path("/corpus")]).splitlines()
    assert lines[0] == "7 files could not be indexed:"
    assert lines[1:6] == [f"f{n}.txt: binary file" for n in range(5)]
    assert lines[6] == "…and 2 more (yomite verify lists them)"
    other = locations(tmp_path / "my home")
    lines = failures_notice(failed, other, [Path("/corpus")]).splitlines()
    assert lines[6] == f"…and 2 more (yomite verify --home '{tmp_path}/my home' lists them)"


def test_a_notice_names_a_configured_directory_not_there_in_full() -> None:
    """It said "1 file could not be indexed: dir: no such file or directory"."""
    from index.errors import FailureKind, UpdateFailure
    from index.locations import locations, platform_home
    from tui.background_index import failures_notice

    gone = UpdateFailure("/mnt/nas/news/dir", "no such file or directory", FailureKind.NOT_THERE)
    notice = failures_notice([gone], locations(platform_home()))
    assert notice == "1 path could not be indexed:\n/mnt/nas/news/dir: no such file or directory"


def test_a_notice_says_a_directory_whose_articles_are_kept_is_not_there() -> None:
    """A directory of the home not there (an unmounted disk), its articles kept: the
    notice began "1 path could not be indexed:", though the status line said "2 kept
    from a directory not there" and nothing failed. Beside files that failed, each is
    counted as the status line counts them ("1 not indexed; 3 kept from …")."""
    from index.errors import FailureKind, UpdateFailure
    from index.locations import locations, platform_home
    from tui.background_index import failures_notice

    where = locations(platform_home())
    away = UpdateFailure("/mnt/news", "directory not found: …", FailureKind.NOT_THERE)
    other = UpdateFailure("/mnt/blogs", "directory not found: …", FailureKind.NOT_THERE)
    shut = UpdateFailure("/srv/wiki", "cannot be read: …", FailureKind.UNREADABLE)
    binary = UpdateFailure("/c/a.txt", "binary file", FailureKind.FILE)
    typo = UpdateFailure("/c/nwes", "no such file or directory", FailureKind.NOT_THERE)

    def header(*failed: UpdateFailure) -> str:
        kept = [path for path, _ in failed if path != typo[0] and path != binary[0]]
        return failures_notice(failed, where, [Path("/c")], kept=kept).splitlines()[0]

    assert header(away) == "1 directory is not there (its articles are kept):"
    assert header(away, other) == "2 directories are not there (their articles are kept):"
    assert header(shut) == "1 directory cannot be read (its articles are kept):"
    assert header(away, shut) == "2 directories are away (their articles are kept):"
    assert header(away, binary) == (
        "1 file could not be indexed; 1 directory is not there (its articles are kept):"
    )
    assert header(away, typo, binary) == (
        "2 paths could not be indexed; 1 directory is not there (its articles are kept):"
    )
    assert header(typo) == "1 path could not be indexed:"  # (not kept: given, mistyped)


def test_a_notice_names_the_paths_an_update_refused_in_full_and_its_files_shortly(
    tmp_path: Path,
) -> None:
    """The notice tells a path that is not there, or a directory with no article file,
    by the kind `refusals` gives it, not by how its reason begins."""
    from index.files import discover
    from index.locations import locations, platform_home
    from index.refusals import NOT_UTF8, refusals
    from tui.background_index import failures_notice

    gone = tmp_path / "nas" / "news"
    empty = tmp_path / "corpus" / "empty"
    empty.mkdir(parents=True)
    where = locations(platform_home())
    refused = refusals(where, discover([gone, empty]))
    failed = [*refused, (str(tmp_path / "corpus" / "a.txt"), NOT_UTF8)]
    lines = failures_notice(failed, where, [tmp_path / "corpus"]).splitlines()
    assert lines[0] == "3 paths could not be indexed:"
    assert lines[1] == f"{gone}: no such file or directory"
    assert lines[2].startswith(f"{empty}: directory empty")
    assert lines[3] == f"a.txt: {NOT_UTF8}"


def test_a_notice_shows_a_file_names_undecodable_bytes_as_the_cli_does() -> None:
    """A Shift_JIS name's bytes showed as \\udc8b, and a newline in a name broke the
    notice's line."""
    from index.locations import locations, platform_home
    from index.refusals import NOT_UTF8
    from tui.background_index import failures_notice

    failed = [("/c/\udc8bL.txt", NOT_UTF8), ("/c/a\nb.txt", "binary file")]
    notice = failures_notice(failed, locations(platform_home()), [Path("/c")])
    assert notice.splitlines()[1:] == [f"\\x8bL.txt: {NOT_UTF8}", "a\\x0ab.txt: binary file"]


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@sync
async def test_files_not_indexed_are_told_apart_and_counted_in_a_line_that_fits(
    plain_indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """The notice named bare files (`empty.txt` twice, from two directories), and at
    80 columns the status line was cut: "…; 5 not indexed (see t…" (review)."""
    from tui.app import create_app

    home, corpus = plain_indexed
    for directory in ("a", "b"):
        (corpus / directory).mkdir()
        (corpus / directory / "empty.txt").write_bytes(b"")
        (corpus / directory / "bin.txt").write_bytes(b"\x00\x01")
    (corpus / "a" / "new.txt").write_text("新しい記事\n\n後から来た話。\n", encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    app = create_app(
        home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"}
    )  # keeps the index up to date, as `yomite` does
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "not indexed" in screen.status.message)
        await settle(pilot)
        said = screen.status.message
        assert said.endswith("; 5 not indexed (see the notice)") and "1 added" in said
        assert cell_width(said) <= size[0] - 2  # the line's padding
        assert "…" not in screen.status.render_line(0).text
        if size[0] >= 120:  # room for it all, as before
            assert said.startswith("index up to date: 1 added, 0 updated, 0 removed in ")
        notices = [str(n.message) for n in app._notifications if n.severity == "warning"]
        assert len(notices) == 1
        assert sorted(notices[0].splitlines()[1:]) == [
            "a/bin.txt: binary file (contains NUL bytes), not an article",
            "a/empty.txt: empty file (no text), not an article",
            "b/bin.txt: binary file (contains NUL bytes), not an article",
            "b/empty.txt: empty file (no text), not an article",
            "empty.txt: empty file (no text), not an article",
        ]


def test_a_failed_file_is_named_from_the_directory_of_the_home_it_is_under() -> None:
    from tui.background_index import shown_path

    assert shown_path("/news/a/empty.txt", [Path("/news")]) == "a/empty.txt"
    # With several, from that directory's name; outside them, from its parent's.
    roots = [Path("/mnt/news"), Path("/home/u/notes")]
    assert shown_path("/mnt/news/a/empty.txt", roots) == "news/a/empty.txt"
    assert shown_path("/home/u/notes/empty.txt", roots) == "notes/empty.txt"
    assert shown_path("/tmp/given/empty.txt", roots) == "given/empty.txt"
    # A file the home was given by name is named in full, as one not there is: listed
    # beside it, `odd/binary.txt` read as relative and `/tmp/odd/gone.txt` not (review).
    assert shown_path("/tmp/odd/binary.txt", [*roots, Path("/tmp/odd/binary.txt")]) == (
        "/tmp/odd/binary.txt"
    )


@sync
async def test_the_update_line_is_worded_again_for_the_width_after_a_resize(
    plain_indexed: tuple[Path, Path],
) -> None:
    """Worded for the width when said, the update's line kept that wording after a
    resize: narrowed, the full line was cut ("index up to date: 1 added, 0 u…");
    widened, the short one left the room unused. So was indexing's progress."""
    from tui.app import create_app
    from tui.messages import IndexProgress

    home, corpus = plain_indexed
    (corpus / "new.txt").write_text("新しい記事\n\n後から来た話。\n", encoding="utf-8")
    for directory in ("a", "b"):
        (corpus / directory).mkdir()
        (corpus / directory / "empty.txt").write_bytes(b"")
    app = create_app(
        home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"}
    )  # keeps the index up to date, as `yomite` does
    async with app.run_test(size=(160, 48)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "not indexed" in screen.status.message)
        await settle(pilot)
        wide = screen.status.message
        assert wide.startswith("index up to date: 1 added, 0 updated, 0 removed in ")
        await pilot.resize_terminal(60, 24)
        await settle(pilot)
        narrow = screen.status.message
        assert narrow.endswith("; 2 not indexed (see the notice)") and "1 added" in narrow
        assert cell_width(narrow) <= 60 - 2 and "…" not in screen.status.render_line(0).text
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        assert screen.status.message == wide
        screen.post_message(IndexProgress(950, 7367, 10.0))
        await settle(pilot)
        await pilot.pause(screen.status.hold)  # (the update's line is held that long)
        await pilot.pause()
        assert screen.status.message.startswith("indexing 950/7,367 files · 95 files/s")
        await pilot.resize_terminal(40, 24)
        await settle(pilot)
        assert screen.status.message == "indexing 950/7,367 files…"


@sync
async def test_a_reload_keeps_the_cursor_far_down_the_list(tmp_path: Path) -> None:
    """Another process's commit reloads the list: the cursor stays where it was."""
    from index.library import Library
    from index.locations import locations
    from tests.articles import write_articles
    from tui.screens.main import LIST_PAGE

    corpus = tmp_path / "many"
    write_articles(corpus, LIST_PAGE + 20)
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        await pilot.press("G")  # the whole list, the cursor on the last (oldest) row
        await settle(pilot)
        assert len(screen.article_list.entries) == LIST_PAGE + 20
        oldest = screen.article_list.current_id
        write_articles(corpus, 1, start=500)
        with Library.open(locations(home)) as other:  # as a second process would
            other.update([corpus])
        screen.refresh_from_disk()
        await settle(pilot)
        assert f"{LIST_PAGE + 21})" in str(screen.article_list.border_title)  # reloaded
        assert screen.article_list.current_id == oldest


@sync
async def test_an_index_from_another_version_is_rebuilt_when_the_user_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.library

    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        home, corpus = build_home(tmp_path)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        assert isinstance(app.screen, ConfirmDialog)
        # An upgrade, not damage: said as such
        assert app.screen.title_text == "The index needs rebuilding"
        assert "different version" in app.screen.body_text
        await pilot.press("y")
        await settle(pilot)
        screen = main_screen(app)
        assert len(screen.article_list.entries) == 3
        assert screen.status.message.startswith("index rebuilt: 3 articles")


@sync
async def test_a_rebuild_given_a_file_that_is_no_article_leaves_the_failures_told_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rebuild a reader given DIR/empty.txt makes (DIR the home's) names it, with
    what becomes of it; the next plain start counts it, as after an update."""
    import index.library
    from tui.app import create_app

    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        home, corpus = build_home(tmp_path)
    (corpus / "empty.txt").write_bytes(b"")
    app = reader_app(home, corpus / "empty.txt")
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("y")
        await settle(pilot)
        assert main_screen(app).status.message.startswith("index rebuilt: 3 articles; 1 not")
        assert any("in a directory of the home already" in note for note in told(app))
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "not indexed" in screen.status.message)
        await settle(pilot)
        assert [n for n in app._notifications if n.severity == "warning"] == []


@sync
async def test_while_an_index_from_another_version_is_rebuilt_the_list_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuild (y) answered, the status line counted `indexing 1,105/7,367 files…` while
    the list still said the index "was built by a different version of yomite; rebuild
    it with `yomite index` or `yomite verify --repair`", and a query typed meanwhile
    changed nothing in it. The list says the index is being rebuilt, as a first build's
    does; a search says why it finds nothing yet, and is made once the index is written."""
    import index.library
    from index.library import Library

    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        home, corpus = build_home(tmp_path)
    repair, release = Library.repair, threading.Event()

    def held(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # the rebuild under way, as one of 7,367 files is
        return repair(*args, **kwargs)

    monkeypatch.setattr(Library, "repair", held)
    app = reader_app(home, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        screen = main_screen(app)
        listing = screen.article_list
        await wait_until(pilot, lambda: listing.notice.startswith("Rebuilding the index…"))
        assert str(corpus) in listing.notice and "different version" not in listing.notice
        assert "Rebuilding the index" in shown_text(listing)
        await pilot.press("slash", *"停戦")
        await wait_until(pilot, lambda: "停戦" in listing.notice)
        notice = listing.notice
        assert notice.startswith("No article matches “停戦” yet"), notice
        assert "being rebuilt" in notice and "different version" not in notice
        release.set()
        await wait_until(pilot, lambda: screen.status.message.startswith("index rebuilt"))
        await settle(pilot)
        assert listing.entries and not listing.notice  # the search, made


@sync
async def test_a_rebuild_declined_at_start_is_in_the_palette(tmp_path: Path) -> None:
    """From review: after No to "rebuild the damaged index?", the palette had no
    rebuild ("No matches found"): the user had to quit. Declining says where it is; the
    palette's Rebuild index rebuilds it, and is gone once the index opens."""
    from textual.command import CommandPalette

    from tests.tui_support import palette_lists
    from tui.background_index import REBUILD_COMMAND

    home, corpus = build_home(tmp_path)
    damage_segments(home)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        screen = main_screen(app)
        assert app.screen is screen and screen.library is None
        assert (
            screen.status.message
            == "index not rebuilt: to rebuild it later, ctrl+p then Rebuild index"
        )
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        prompts = await palette_lists(pilot, "rebuild")
        assert prompts and prompts[0].startswith(REBUILD_COMMAND), prompts
        assert "damaged" in prompts[0] and "read marks and bookmarks are kept" in prompts[0]
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.status.message.startswith("index rebuilt"))
        await settle(pilot)
        assert screen.status.message.startswith("index rebuilt: 3 articles")
        assert len(screen.article_list.entries) == 3
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompts = await palette_lists(pilot, "rebuild")
        assert not any(p.startswith(REBUILD_COMMAND) for p in prompts), prompts


@sync
async def test_the_damaged_index_dialog_shows_an_escape_in_the_homes_path_inert(
    tmp_path: Path,
) -> None:
    """From review: the dialog's body was the error as raised, and a home whose path
    held an OSC sequence retitled the terminal (`PWN`) and turned the dialog red."""
    built, corpus = build_home(tmp_path)
    home = built.rename(tmp_path / "h\x1b]0;PWN\x07\x1b[31m[bold red]x")
    damage_segments(home)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)):
        assert isinstance(app.screen, ConfirmDialog)
        assert app.screen.title_text == "The index is damaged"
        body = app.screen.body_text
        assert "[bold red]x" in body  # the path as written, not read as markup
        assert "\x1b" not in body and "\x07" not in body


@sync
async def test_the_damaged_index_dialog_names_the_command_for_its_home(tmp_path: Path) -> None:
    """The dialog said to "rebuild it with `yomite verify --repair`", which rebuilds
    the default home, not this one, given by `--home` (review)."""
    home, corpus = build_home(tmp_path)
    damage_segments(home)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        assert isinstance(app.screen, ConfirmDialog)
        body = " ".join(app.screen.body_text.split())
        assert f"rebuild it with `yomite verify --repair --home {home}`" in body, body
        # Declined: the empty list says the same command (it said the bare one)
        await pilot.press("n")
        await settle(pilot)
        listed = "".join(shown_text(main_screen(app).article_list).split())  # (wrapped)
        assert "".join(f"`yomite verify --repair --home {home}`".split()) in listed, listed
        assert "yomiteverify--repairrebuilds" not in listed, listed


@sync
async def test_quitting_during_a_rebuild_stops_it_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: quit as it rebuilt an index of another version, the reader handed
    the terminal back and the shell's prompt came 43 s later, in silence, the rebuild
    run to its end (it was not told to stop). Now it stops at its next file, as `yomite
    verify --repair` does at Ctrl-C: its generation dropped, the index as it was (the
    next start asks again), and the end says so."""
    import index.build
    import index.library
    from index.errors import IndexUnavailable
    from index.library import Library
    from index.locations import locations
    from index.store import commit_mark

    corpus = tmp_path / "corpus"
    write_articles(corpus, 40)
    home = tmp_path / "home"
    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        with Library.open(locations(home)) as library:
            library.update([corpus])
    before = commit_mark(locations(home).index_dir)
    generations = sorted(path.name for path in (home / "index").iterdir())
    analysed = index.build._safe_document
    started = threading.Event()

    def slowly(path: str, article_id: str) -> Any:
        started.set()
        time.sleep(0.25)  # 40 files: a rebuild of 10 s, under way at the quit
        return analysed(path, article_id)

    monkeypatch.setattr(index.build, "_safe_document", slowly)
    monkeypatch.setattr(index.build, "PARALLEL_THRESHOLD", 10_000)  # on its thread
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        await pilot.press("y")
        await wait_until(pilot, started.is_set)
        await pilot.press("q")
    assert app.setup.updates.wait(60)  # (a bound, no measure: it stops at its next file)
    assert commit_mark(locations(home).index_dir) == before
    assert sorted(path.name for path in (home / "index").iterdir()) == generations
    with pytest.raises(IndexUnavailable) as again:  # the next start offers it again
        Library.open(locations(home))
    assert again.value.outdated
    from tui.background_index import said_at_end

    assert list(said_at_end(app.setup)) == [
        "yomite: the index's rebuild was stopped; the index is as it was, and the next "
        "yomite offers to rebuild it again"
    ]


@pytest.mark.parametrize("first", [True, False], ids=["first build", "update"])
@sync
async def test_quitting_during_an_update_says_it_stopped_and_what_takes_it_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: bool
) -> None:
    """From review: `yomite --home NEW DIR`, quit as the status line counted "indexing
    17/7,367 files…": the shell's prompt came back in silence, exit 0, and the next
    start began again from 0. Now the end says where it stopped, that nothing of it is
    in the index (one commit, at the end) and what takes it up again. So for an update
    of an index (its files added to a directory of the home)."""
    import index.build
    from index.library import Library
    from index.locations import locations
    from index.store import commit_mark
    from tui.app import create_app
    from tui.background_index import said_at_end

    corpus = tmp_path / "corpus"
    home = tmp_path / "home"
    if not first:
        write_articles(corpus, 1)
        with Library.open(locations(home)) as library:
            library.update([corpus])
    write_articles(corpus, 40, start=1)
    before = commit_mark(locations(home).index_dir)
    analysed = index.build._safe_document

    def slowly(path: str, article_id: str) -> Any:
        time.sleep(0.25)  # 40 files: an update of 10 s, under way at the quit
        return analysed(path, article_id)

    monkeypatch.setattr(index.build, "_safe_document", slowly)
    monkeypatch.setattr(index.build, "PARALLEL_THRESHOLD", 10_000)  # on its thread
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.status.message.startswith("indexing "))
        await pilot.press("q")
    assert app.setup.updates.wait(60)  # (a bound, no measure: it stops at its next file)
    assert commit_mark(locations(home).index_dir) == before  # nothing of it committed

    said = list(said_at_end(app.setup))
    assert len(said) == 1, said
    stopped = re.fullmatch(r"yomite: indexing stopped at (\d+) of 40 files; (.*)", said[0])
    assert stopped is not None, said
    assert 1 <= int(stopped.group(1)) < 40
    kept, again = (
        ("no index was written", "starts it again")
        if first
        else ("the index is unchanged", "updates it again")
    )
    assert stopped.group(2) == (
        f"{kept} (it is written once every file is read): the next yomite {again}, "
        f"or run `yomite index --home {home}`"
    )


def test_the_end_says_it_waits_for_a_rebuild_writing_its_commit() -> None:
    """A rebuild quit as it writes its commit cannot be stopped: the end waits for it, and
    says so at once rather than in silence (then that the index is rebuilt)."""
    from typing import cast

    from tui.background_index import Updates, said_at_end
    from tui.screens.main import ReaderSetup

    updates = Updates()
    writing, written = threading.Event(), threading.Event()

    def rebuild() -> None:
        with updates.running():
            updates.rebuild, updates.writing = "running", True
            writing.set()
            written.wait(30)
            updates.rebuild = "done"

    thread = threading.Thread(target=rebuild)
    thread.start()
    try:
        writing.wait(30)
        setup = cast("ReaderSetup", SimpleNamespace(updates=updates, given=(), library=None))
        said = said_at_end(setup)
        assert next(said) == (
            "yomite: writing the rebuilt index, which cannot be stopped midway: a moment…"
        )
        assert thread.is_alive()  # said as it writes
        written.set()
        assert list(said) == ["yomite: the index is rebuilt"]
    finally:
        written.set()
        thread.join(30)


@sync
async def test_a_rebuild_of_one_article_says_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It said "index rebuilt: 1 articles"."""
    import index.library
    from index.library import Library
    from index.locations import locations
    from tests.articles import write_articles

    corpus = tmp_path / "corpus"
    write_articles(corpus, 1)
    home = tmp_path / "home"
    with monkeypatch.context() as patch:
        patch.setattr(index.library, "schema_fingerprint", lambda: "an older yomite")
        with Library.open(locations(home)) as library:
            library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("y")
        await settle(pilot)
        assert main_screen(app).status.message == "index rebuilt: 1 article"


@sync
async def test_a_home_in_the_way_is_not_sent_to_verify_repair(tmp_path: Path) -> None:
    """A file where the index belongs: the list told the user to run verify --repair,
    which fails on the same file."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "index").write_text("mine\n")
    write_articles(tmp_path / "corpus", 1)
    app = reader_app(home, tmp_path / "corpus")
    async with open_reader(app, size=(100, 30)):
        notice = main_screen(app).article_list.notice
        assert f"{home / 'index'} is not a directory" in notice
        assert "--repair" not in notice
        assert "yomite --home DIR" in notice
    assert (home / "index").read_text() == "mine\n"


@sync
async def test_articles_indexed_by_another_process_appear(indexed: tuple[Path, Path]) -> None:
    from index.library import Library
    from index.locations import locations

    home, corpus = indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        assert len(screen.article_list.entries) == 3
        extra = home.parent / "more"  # this test's own directory
        extra.mkdir(exist_ok=True)
        (extra / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
        with Library.open(locations(home)) as other:  # as `yomite index` in another shell
            other.update([corpus, extra])
        screen.refresh_from_disk()  # what the 30-second timer does
        await settle(pilot)
        titles = [e.summary.title for e in screen.article_list.entries]
        assert "新しい記事の見出し" in titles


@sync
async def test_the_reader_warms_its_index_once_the_list_is_shown(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.library import Library

    warmed: list[Library] = []
    original = Library.warm_up

    def warm_up(library: Library) -> None:
        warmed.append(library)
        original(library)

    monkeypatch.setattr(Library, "warm_up", warm_up)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (_, screen):
        assert screen.article_list.entries
        # Submitted to the index thread after the list's paint: the next job there runs
        # after it.
        assert screen.library is not None
        await screen._on_index_thread("test", screen.library.count)
        assert warmed == [screen.library]


@sync
async def test_the_busy_warning_gives_way_once_the_other_update_is_in(
    plain_indexed: tuple[Path, Path],
) -> None:
    """The reader's update found another yomite updating the index and said so; once
    that one's commit is picked up, the warning is replaced by what came of it."""
    from index.library import Library
    from index.locations import locations
    from index.store import write_lock
    from tui.background_index import BUSY

    home, corpus = plain_indexed  # its own articles: this test writes one
    app = reader_app(home, corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        (corpus / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
        with write_lock(locations(home).index_dir):  # another yomite, updating
            screen.update_index()
            await settle(pilot)
        assert screen.status.wordings == BUSY
        with Library.open(locations(home)) as other:
            other.update([corpus])
        screen.refresh_from_disk()
        await settle(pilot)
        assert screen.status.message == "the other yomite's update is in: articles reloaded"


@sync
async def test_an_update_that_found_the_index_busy_runs_once_the_other_is_in(
    plain_indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    """The reader's update found another yomite updating the index (`yomite index
    OTHER` in another shell) and said so: once that one's commit is in, the reader's own
    update runs, and its file new in the home is listed. It ran at no later time that
    session (the files were taken as seen), and the reader's end said of a directory it
    was given "was not added to the home (its update did not finish)"."""
    from index.library import Library
    from index.locations import locations
    from index.store import write_lock

    home, corpus = plain_indexed
    other = tmp_path / "other"  # what the other yomite indexes
    other.mkdir()
    (other / "other.txt").write_text("別の記事の見出し\n\n本文です。\n", encoding="utf-8")
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        (corpus / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
        with write_lock(locations(home).index_dir):  # another yomite, updating
            screen.update_index()
            await settle(pilot)
        # Whole at 80 columns: it was cut "…what it adds appears here when it is d…".
        assert screen.status.message == (
            "another yomite is updating this index: what it adds appears when it is done"
        )
        assert cell_width(screen.status.message) <= screen.status.content_size.width
        with Library.open(locations(home)) as another:
            another.update([other])

        def titles() -> list[str]:
            return [e.summary.title for e in screen.article_list.entries]

        # Picked up by the look for commits (a second or so), the reader's update after.
        await wait_until(pilot, lambda: "新しい記事の見出し" in titles(), timeout=10)
        await settle(pilot)
        assert "別の記事の見出し" in titles()
        assert screen.status.message.startswith("index up to date: 1 added")
        assert screen.setup.updates.reported  # nothing said "not added" at the end


@sync
async def test_an_update_that_found_the_index_busy_runs_at_the_next_walk(
    plain_indexed: tuple[Path, Path],
) -> None:
    """The other yomite ended without a commit (stopped, or it found nothing to do):
    the reader's next walk of the files (every 30 s) runs its update. The files had
    been taken as seen by the update that found the index busy: never tried again."""
    from index.locations import locations
    from index.store import write_lock
    from tui.background_index import BUSY

    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        screen.setup.update_on_start = True  # the reader's walks update (reader_app's don't)
        (corpus / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
        with write_lock(locations(home).index_dir):  # another yomite, updating
            screen.update_index()
            await settle(pilot)
            assert screen.status.wordings == BUSY
            screen.refresh_from_disk()  # a walk while it still runs: quietly busy again
            await settle(pilot)
        assert screen.status.wordings == BUSY
        screen.refresh_from_disk()  # what the 30-second timer does
        await settle(pilot)
        titles = [e.summary.title for e in screen.article_list.entries]
        assert "新しい記事の見出し" in titles
        assert screen.status.message.startswith("index up to date: 1 added")


@pytest.mark.parametrize("readonly", [False, True], ids=["writable", "read-only"])
@sync
async def test_a_commit_from_another_shell_is_listed_within_seconds(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, readonly: bool
) -> None:
    """`yomite index` run in another pane: the reader lists its article within a couple
    of seconds, as the user switching back expects, not at its next walk of the files
    (REFRESH_SECONDS, 30 s). Read-only too: picking a commit up writes nothing."""
    import index.library
    import tui.screens.main

    home, corpus = indexed
    if readonly:  # root writes anywhere: pretend the write probe failed, as on a mount
        monkeypatch.setattr(index.library, "probe_writable", lambda directory: False)
    # No walk of the files while the test runs: only the look can list the commit.
    monkeypatch.setattr(tui.screens.main, "REFRESH_SECONDS", 3600)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        assert screen.library is not None and screen.library.readonly == readonly
        monkeypatch.undo()  # the other shell's `yomite index` may write
        assert len(screen.article_list.entries) == 3
        _committed_from_another_shell(home, corpus)
        await wait_until(pilot, lambda: len(screen.article_list.entries) == 4)
        titles = [e.summary.title for e in screen.article_list.entries]
        assert "新しい記事の見出し" in titles


def _committed_from_another_shell(home: Path, corpus: Path) -> None:
    """One article more indexed into `home` as `yomite index` in another shell does
    (a directory beside `corpus`)."""
    from index.library import Library
    from index.locations import locations

    extra = home.parent / "more"
    extra.mkdir()
    (extra / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
    with Library.open(locations(home)) as other:
        other.update([corpus, extra])


@sync
async def test_a_commit_that_fails_to_open_is_tried_again_at_the_next_look(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another shell's commit whose opening fails (a transient error: its files caught
    mid-write on a slow disk) is opened at a later look, a second on, not at the next
    walk of the files (REFRESH_SECONDS, 30 s): it had been recorded as seen. The
    failure is told once, not at each look that meets it again."""
    import tui.screens.main
    from index.errors import IndexUnavailable

    home, corpus = indexed
    # No walk of the files while the test runs: only the looks can open the commit.
    monkeypatch.setattr(tui.screens.main, "REFRESH_SECONDS", 3600)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        library = screen.library
        assert library is not None and len(screen.article_list.entries) == 3
        refresh, failures = library.refresh, [2]

        def failing_refresh() -> bool:
            if failures[0]:
                failures[0] -= 1
                raise IndexUnavailable("index caught mid-write", repairable=False)
            return refresh()

        library.refresh = failing_refresh  # type: ignore[method-assign]
        _committed_from_another_shell(home, corpus)
        await wait_until(pilot, lambda: len(screen.article_list.entries) == 4)
        assert failures == [0]
        assert sum("index caught mid-write" in note for note in told(app)) == 1


@sync
async def test_a_commit_that_keeps_failing_to_open_is_tried_less_and_less_often(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit that cannot be opened (its files damaged) was tried again at every look,
    every second for as long as the reader stayed open. The looks that try it again
    thin out: 1, 2, 4, 8... looks apart (5 tries in 30 looks, not 30), and it is told
    once. The looks are made here one by one, each once the try it started is over (a
    count of timer firings in a pause was the machine's load's as much as the reader's)."""
    import tui.screens.main
    from index.errors import IndexUnavailable

    monkeypatch.setattr(tui.screens.main, "COMMIT_LOOK_SECONDS", 3600)  # no look by itself
    monkeypatch.setattr(tui.screens.main, "REFRESH_SECONDS", 3600)  # nor a walk
    home, corpus = indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        library = screen.library
        assert library is not None
        looks = 0
        tried_at: list[int] = []

        def failing_refresh() -> bool:
            tried_at.append(looks)
            raise IndexUnavailable("index damaged on disk", repairable=False)

        def trying() -> bool:
            return any(w.group == "commits" and not w.is_finished for w in screen.workers)

        library.refresh = failing_refresh  # type: ignore[method-assign]
        _committed_from_another_shell(home, corpus)
        while looks < 30:
            looks += 1
            await screen.look_for_commits()
            await wait_until(pilot, lambda: not trying())
        await pilot.pause()
        assert tried_at == [1, 2, 4, 8, 16]
        assert sum("index damaged on disk" in note for note in told(app)) == 1
        assert len(screen.article_list.entries) == 3


@sync
async def test_a_commit_picked_up_keeps_the_place_in_the_hits_and_the_article(
    tmp_path: Path,
) -> None:
    """Another shell's commit, picked up at once, reloads the hits and the open article
    without moving the user: the query typed, the cursor far down the 50 hits Enter
    listed (a reload as typed listed a screenful, and the cursor went to the first), the
    article open and where it is read."""
    from index.library import Library
    from index.locations import locations
    from tests.tui_support import numbered_home, submit

    home, corpus = numbered_home(tmp_path, 70)
    (corpus / "long.txt").write_text(
        "記事の長いもの\n\n" + "\n\n".join(f"第{n}段落、記事の本文。" for n in range(200)),
        encoding="utf-8",
    )
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await submit(pilot, "記事")
        listing = screen.article_list
        assert len(listing.entries) == 50
        listing.highlighted = listing.index_of("long")
        await pilot.press("enter")  # open it, and read on
        await settle(pilot)
        await pilot.press(*["pagedown"] * 3)
        await settle(pilot)
        listing.highlighted = 40
        await settle(pilot)
        under_cursor, place = listing.current_id, screen.reader.place
        assert screen.open_id == "long" and place > 0
        (corpus / "new.txt").write_text("記事の新しいもの\n\n本文。\n", encoding="utf-8")
        with Library.open(locations(home)) as other:
            other.update([corpus])
        await wait_until(pilot, lambda: "72 hits" in screen.search_bar.status, timeout=5)
        await settle(pilot)
        assert screen.search_bar.query_text == "記事"
        assert listing.current_id == under_cursor
        assert len(listing.entries) >= 41
        assert screen.open_id == "long" and screen.reader.place == place


@sync
async def test_a_commit_from_another_shell_waits_while_the_reader_writes(
    indexed: tuple[Path, Path],
) -> None:
    """The reader's own update under way: the look for commits leaves the index alone
    (the update opens what it finds when it commits), and the list grows after it."""
    import threading

    from index.library import Library
    from index.locations import locations
    from tui.screens.main import COMMIT_LOOK_SECONDS

    home, corpus = indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        library = screen.library
        assert library is not None
        release, refreshed = threading.Event(), []
        update, refresh = library.update, library.refresh

        def held_update(*args: Any, **kwargs: Any) -> Any:
            release.wait(30)
            return update(*args, **kwargs)

        def noted_refresh() -> bool:
            refreshed.append(release.is_set())
            return refresh()

        library.update = held_update  # type: ignore[method-assign]
        library.refresh = noted_refresh  # type: ignore[method-assign]
        screen.update_index()  # writing, as at start or after the 30-second walk
        extra = home.parent / "more"
        extra.mkdir()
        (extra / "new.txt").write_text("新しい記事の見出し\n\n本文です。\n", encoding="utf-8")
        with Library.open(locations(home)) as other:
            other.update([corpus, extra])
        # Looks enough to have picked the commit up, were the reader not writing.
        await pilot.pause(COMMIT_LOOK_SECONDS * 2.5)
        assert refreshed == [] and len(screen.article_list.entries) == 3
        release.set()
        await wait_until(pilot, lambda: len(screen.article_list.entries) == 4, timeout=5)
        assert False not in refreshed


@sync
async def test_no_hits_while_indexing_leave_the_count_to_the_status_line(
    indexed: tuple[Path, Path],
) -> None:
    """The list said "Not everything is indexed yet (257/1,670 files)", the count as the
    search was made, while the status line went on to "indexing 529/1,670 files": two
    counts at once. The status line's is the one."""
    from tui.messages import IndexProgress

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        screen.post_message(IndexProgress(257, 1670))
        await settle(pilot)
        await pilot.press("slash", *"存在しない言葉")
        await settle(pilot)
        screen.post_message(IndexProgress(529, 1670))
        await settle(pilot)
        await pilot.pause(screen.status.hold)  # (a message said is held that long)
        await pilot.pause()
        listed = shown_text(screen.article_list)
        assert "Not everything is indexed yet" in listed
        assert screen.status.message.startswith("indexing 529/1,670 files")
        assert re.search(r"\d/\d", listed) is None, listed  # no count of its own


@pytest.mark.parametrize("saved", [True, False], ids=["state-saved", "state-read-only"])
@sync
async def test_files_that_failed_before_are_counted_not_told_again_at_each_start(
    plain_indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, saved: bool
) -> None:
    """Each start put the same failures in a 20 s notice over the article ("4 files could
    not be indexed: empty.txt…", review): told once, then counted on the status line,
    until the set of failures changes. Also where the state cannot be saved (its file
    read-only, the index not): what was told was kept in memory only, and the notice
    came back at every start."""
    import sqlite3

    from tui.app import create_app

    home, corpus = plain_indexed
    if not saved:  # as a read-only state file answers (root writes through chmod)

        def read_only(path: Path) -> sqlite3.Connection:
            raise sqlite3.OperationalError("attempt to write a readonly database")

        monkeypatch.setattr("index.state._connect", read_only)
    (corpus / "empty.txt").write_bytes(b"")

    async def start() -> tuple[str, list[str]]:
        app = create_app(
            home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"}
        )  # keeps the index up to date, as `yomite` does
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await wait_until(pilot, lambda: "not indexed" in screen.status.message)
            await settle(pilot)
            notices = [str(n.message) for n in app._notifications if n.severity == "warning"]
            # (not the state's own: "…state.sqlite3: cannot be written…", at each start)
            return screen.status.message, [n for n in notices if "state.sqlite3" not in n]

    said, notices = await start()
    assert said.endswith("; 1 not indexed (see the notice)")
    assert len(notices) == 1 and "empty.txt: empty file" in notices[0]
    said, notices = await start()
    # (Where they are listed, `yomite verify --home H` for this home, fits in no 80 columns.)
    assert said == "index up to date; 1 not indexed"
    assert notices == []
    (corpus / "bin.txt").write_bytes(b"\x00\x01")  # one more: the notice again, of both
    said, notices = await start()
    assert said.endswith("; 2 not indexed (see the notice)")
    assert len(notices) == 1 and "bin.txt: binary" in notices[0] and "empty.txt" in notices[0]


@pytest.mark.parametrize("named", ["in-the-home", "outside"])
@sync
async def test_a_file_named_that_is_no_article_leaves_the_homes_failures_told_once(
    plain_indexed: tuple[Path, Path], tmp_path: Path, named: str
) -> None:
    """`yomite --home H DIR/empty.txt`, DIR the home's: the notice names it, as asked
    for, "…; in a directory of the home already…". The next plain start named it again
    in a notice (it had remembered the failure with those words), the one after did not
    (review); so after a file named outside the home, which is none of its failures."""
    from tui.app import create_app

    home, corpus = plain_indexed
    (corpus / "empty.txt").write_bytes(b"")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"")
    given = corpus / "empty.txt" if named == "in-the-home" else outside

    async def start(paths: list[Path]) -> list[str]:
        app = create_app(home, paths, cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await wait_until(pilot, lambda: "not indexed" in screen.status.message)
            await settle(pilot)
            return [str(n.message) for n in app._notifications if n.severity == "warning"]

    [notice] = await start([corpus])
    assert "empty.txt: empty file (no text), not an article" in notice
    [notice] = await start([given])
    if named == "in-the-home":
        assert notice.endswith(
            "not an article; in a directory of the home already: read again once it changes"
        )
    else:
        assert "outside.txt: empty file (no text), not an article; not added to the home" in notice
    assert await start([corpus]) == []  # told once: the home's failures are as they were
    assert await start([corpus]) == []


@sync
async def test_a_directory_not_there_is_said_kept_and_its_commands_name_the_home(
    plain_indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    """A directory of the home not there (an unmounted disk) whose articles are kept: the
    status line said "index up to date; 1 not indexed", though nothing failed and they
    were listed; and the notice's command, `yomite index --rebuild`, copied by a user of
    `--home H`, rebuilt the default home (review)."""
    import shlex

    from tui.app import create_app

    home, corpus = plain_indexed
    corpus.rename(tmp_path / "unmounted")
    app = create_app(home, [], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "index up to date" in screen.status.message)
        await settle(pilot)
        said = screen.status.message
        assert said == "index up to date; 2 kept from a directory not there (see the notice)"
        assert sorted(e.summary.id for e in screen.article_list.entries) == ["long", "short"]
        [notice] = [str(n.message) for n in app._notifications if n.severity == "warning"]
        # (It began "1 path could not be indexed:".)
        assert notice.startswith("1 directory is not there (its articles are kept):\n")
        rebuild = f"yomite index --rebuild --home {shlex.quote(str(home))}"
        assert notice.endswith(f"its 2 articles are kept until it is back (`{rebuild}` forgets it)")


@pytest.mark.parametrize("given", ["directory", "binary"])
@sync
async def test_paths_given_whose_update_reported_are_not_said_not_added_at_the_end(
    plain_indexed: tuple[Path, Path], tmp_path: Path, given: str
) -> None:
    """The control of the word said at the end when the update of the paths given did
    not finish (tests/test_e2e_tmux.py): a directory added, or a file the update
    refused (it said so), needs none."""
    from tui.app import create_app
    from tui.background_index import not_added_at_end

    home, _ = plain_indexed
    if given == "directory":
        path = tmp_path / "new"
        write_articles(path, 2)
    else:
        path = tmp_path / "image.txt"
        path.write_bytes(b"\x00PNG" * 10)
    app = create_app(home, [path], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: "index up to date" in screen.status.message)
    assert not_added_at_end(app.setup) is None
