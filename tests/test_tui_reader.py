"""The reader driven with Pilot: what a user sees in each pane after each key."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.articles import write_articles
from tests.conftest import Denier
from tests.tui_support import (
    build_home,
    cursor_off_the_open_article,
    main_screen,
    numbered_home,
    open_long_article,
    reader_app,
    reader_pane,
    settle,
    shown_text,
    sync,
    told,
)
from tui.screens import MainScreen


@pytest.fixture(scope="module")
def indexed_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_home(tmp_path_factory.mktemp("reader"))


@pytest.fixture
def indexed(indexed_template: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A fresh copy of the indexed home (own state file), over the shared articles."""
    template_home, corpus = indexed_template
    home = tmp_path / "home"
    shutil.copytree(template_home, home)
    return home, corpus


@sync
async def test_back_from_the_article_reopened_at_start_finds_it_in_the_list(
    tmp_path: Path,
) -> None:
    """The article read last, reopened at start, lay past the rows listed: Esc went back
    to the top of the list with the article nowhere in it (review)."""
    from tui.screens.main import LIST_PAGE

    home, corpus = numbered_home(tmp_path, LIST_PAGE + 10)
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        last = screen._all[-1].id
        assert screen.article_list.index_of(last) is None  # past the first page
        screen.state.save_place(last, 0)
    again = reader_app(home, corpus)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(again)
        assert screen.open_id == last and again.focused is screen.reader
        await pilot.press("escape")
        await settle(pilot)
        assert again.focused is screen.article_list
        assert screen.article_list.current_id == last


@sync
async def test_the_last_article_and_position_come_back(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("j", "enter")
        await settle(pilot)
        opened = screen.reader.article
        assert opened is not None
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        position, place = screen.reader.scroll_y, screen.reader.place
        assert position > 0 and place > 0
        await pilot.press("q")
    again = reader_app(*indexed)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(again)
        assert screen.reader.article is not None and screen.reader.article.id == opened.id
        assert screen.reader.place == place  # the same text at the top
        assert abs(screen.reader.scroll_y - position) <= 1  # a blank line above it or not


@pytest.fixture
def plain_indexed(tmp_path: Path) -> tuple[Path, Path]:
    """Two plain-text articles (no cards: the panes keep their sizes when one opens),
    one long, with a word (蓄電池) only near its end."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "plain"
    corpus.mkdir()
    paragraphs = [f"第{n}段落。今日も東京の天気は晴れで、街は静かだった。" for n in range(120)]
    paragraphs.insert(110, "最後に蓄電池の話をしよう。")
    (corpus / "long.txt").write_text("長い記事\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    (corpus / "short.txt").write_text("短い記事\n\n東京の話。\n", encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


@pytest.mark.parametrize("size", [(120, 30), (160, 48)])
@sync
async def test_the_position_comes_back_beside_the_list(
    plain_indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """With the list beside it, the reader keeps its size when the article opens."""
    app = reader_app(*plain_indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_long_article(pilot, app)
        await pilot.press("pagedown", "pagedown")
        await pilot.pause()
        position, place = screen.reader.scroll_y, screen.reader.place
        assert position > 0 and place > 0
        await pilot.press("q")
    again = reader_app(*plain_indexed)
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        screen = main_screen(again)
        assert screen.reader.article is not None and screen.reader.article.id == "long"
        assert screen.reader.place == place
        assert abs(screen.reader.scroll_y - position) <= 1


@sync
async def test_the_text_read_stays_at_the_top_across_widths_and_restarts(
    plain_indexed: tuple[Path, Path],
) -> None:
    """Rows are not a place: at another width (a resize, a restart in a wider terminal)
    the same text stands on other rows, and the reader was put a screenful off."""

    def top_text(screen: MainScreen) -> str:
        reader = screen.reader
        document = reader.document
        assert document is not None
        return document.text[reader.place : reader.place + 8]

    app = reader_app(*plain_indexed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_long_article(pilot, app)
        await pilot.press(*["pagedown"] * 6)
        await pilot.pause()
        reading = top_text(screen)
        assert screen.reader.scroll_y > 0 and "段落" in reading
        for size in ((200, 50), (80, 24), (100, 30)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert top_text(screen) == reading, size
            view = screen.reader._view_at(screen.reader.place)
            assert view is not None
            line = view.typeset.line_of(
                screen.reader.place - view.block.start, view.content_region.width
            )
            assert view.virtual_region.y + line == round(screen.reader.scroll_y), size
        await pilot.press("q")
    again = reader_app(*plain_indexed)
    async with again.run_test(size=(200, 50)) as pilot:  # a wider terminal
        await settle(pilot)
        screen = main_screen(again)
        assert top_text(screen) == reading


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_new_homes_first_build_says_the_articles_are_being_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The list said "No articles yet · Put text files there, or open others with:
    yomite PATH…" while the status line said `indexing 385/7367 files…`: the articles
    were there, and appeared once the build was written."""
    from index.library import Library
    from tui.app import create_app

    corpus = tmp_path / "articles"
    write_articles(corpus, 3)
    (tmp_path / "empty").mkdir()
    update, release = Library.update, threading.Event()

    def held(library: Library, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # the build under way, as a first build of 7,367 files is
        return update(library, *args, **kwargs)

    monkeypatch.setattr(Library, "update", held)
    environ = {"TEXTUAL_ANIMATIONS": "none"}
    app = create_app(tmp_path / "home", [corpus], cursor_blink=False, environ=environ)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(app)
        for _ in range(100):
            await pilot.pause(0.05)
            building = any(w.group == "update" and w.is_running for w in screen.workers)
            if building and screen.article_list.notice:
                break
        notice = screen.article_list.notice
        assert notice.startswith("Indexing the articles…"), notice
        assert str(corpus) in notice and "once the index is written" in notice
        assert "Put text files there" not in notice
        assert "Indexing the articles" in shown_text(screen.article_list)
        release.set()
        await settle(pilot)
        assert len(screen.article_list.entries) == 3 and not screen.article_list.notice
    # A build that finds nothing to list: then the advice to put files there.
    app = create_app(tmp_path / "home2", [tmp_path / "empty"], cursor_blink=False, environ=environ)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        notice = main_screen(app).article_list.notice
        assert notice.startswith("No articles yet.") and "Put text files there" in notice


@sync
async def test_a_path_not_in_utf8_is_shown_escaped_in_the_empty_lists_hint(
    tmp_path: Path,
) -> None:
    """`yomite $'bad\\xffname'`: the hint under "No articles yet." showed the name's
    byte as Python holds it (a surrogate), which reached the terminal as `\\udcff`, six
    cells where one was measured: the rest of the row was pushed out of line (over
    the reading pane's border beside it). It is shown as the CLI shows it."""
    from tui.app import create_app

    given = tmp_path / os.fsdecode(b"bad\xffname")
    given.mkdir()
    environ = {"TEXTUAL_ANIMATIONS": "none"}
    app = create_app(tmp_path / "home", [given], cursor_blink=False, environ=environ)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        listing = main_screen(app).article_list
        assert listing.notice.startswith("No articles yet.")
        assert f"Reading from: {tmp_path}/bad\\xffname\n" in listing.notice
        for line in shown_text(listing).splitlines():
            line.encode("utf-8")  # each cell a character the terminal shows as measured


@pytest.fixture
def many_hits(tmp_path: Path) -> tuple[Path, Path]:
    """One article of 60 paragraphs, each holding 東京 three times (181 hits with the title's)."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    corpus.mkdir()
    paragraphs = [f"第{n}段落。東京の朝、東京の昼、東京の夜。" for n in range(60)]
    (corpus / "many.txt").write_text("東京の記事\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


@sync
async def test_the_article_read_last_gone_since_is_no_error_at_start(
    plain_indexed: tuple[Path, Path],
) -> None:
    from index.library import Library
    from index.locations import locations

    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        main_screen(app).open_article("short", focus=True)
        await settle(pilot)
    (corpus / "short.txt").unlink()
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.reader.article is None
        assert screen.status.message == "the article you read last is no longer indexed"
        assert not [n for n in app._notifications if n.severity == "error"]


@sync
async def test_the_article_read_last_in_a_folder_that_cannot_be_searched_says_why(
    plain_indexed: tuple[Path, Path], unsearchable: Denier
) -> None:
    """Reopened at start from a folder that lost its search (x) permission, it said
    nothing and stayed closed: the check for a file still there (Path.exists) raised
    PermissionError in the worker that opened it."""
    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_long_article(pilot, app)
    unsearchable(corpus)
    app = reader_app(home, corpus)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.reader.article is None
        assert screen.status.message == (
            f"{corpus / 'long.txt'}: unreadable: permission denied; "
            "listed as last indexed until it is fixed"
        )
        assert told(app)[-1] == screen.status.message


@sync
async def test_a_file_named_on_the_command_line_is_opened(
    indexed: tuple[Path, Path], tmp_path: Path
) -> None:
    # `yomite FILE` reopened the article read last, not FILE.
    from index.library import Library
    from index.locations import locations
    from tui.app import YomiteApp, create_app

    home, corpus = indexed
    with Library.open(locations(home)) as library:
        ids = {Path(path).name: known.id for path, known in library.indexed_files().items()}
    first, second = sorted(ids)[:2]

    def app_over(path: Path, update_on_start: bool = False) -> YomiteApp:
        environ = {"TEXTUAL_ANIMATIONS": "none"}
        return create_app(
            home, [path], update_on_start=update_on_start, cursor_blink=False, environ=environ
        )

    app = app_over(corpus / first)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert main_screen(app).reader.article is not None
        assert main_screen(app).reader.article.id == ids[first]
    app = app_over(corpus / second)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert main_screen(app).reader.article.id == ids[second]  # not the one read last

    # A file not indexed yet opens once the update at start has indexed it.
    new = tmp_path / "elsewhere" / "新しい記事.txt"
    new.parent.mkdir()
    new.write_text("新しく渡された記事\n\n本文です。\n", encoding="utf-8")
    app = app_over(new, update_on_start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        for _ in range(100):
            await settle(pilot)
            if screen.reader.article is not None and screen.reader.article.id != ids[second]:
                break
            await pilot.pause(0.05)
        assert screen.reader.article is not None
        assert screen.reader.article.title == "新しく渡された記事"


@pytest.mark.parametrize("named", ["article.txt", "dir"])
@sync
async def test_a_path_under_a_directory_that_cannot_be_searched_is_said_unreadable(
    indexed: tuple[Path, Path], tmp_path: Path, unsearchable: Denier, named: str
) -> None:
    """`yomite PATH` with PATH under a directory without search (x) permission ended
    in a PermissionError traceback (Path.is_file raised it), before the reader opened."""
    from tui.app import create_app

    home, _ = indexed
    given = tmp_path / "locked" / named
    unsearchable(tmp_path / "locked")
    app = create_app(home, [given], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        for _ in range(100):
            await settle(pilot)
            if screen.status.message.startswith("index up to date"):
                break
            await pilot.pause(0.05)
        assert [str(n.message) for n in app._notifications if n.severity == "warning"] == [
            f"1 path could not be indexed:\n{given}: cannot be read: permission denied; "
            "nothing under it is indexed until it can be read"
        ]
        assert screen.status.message.endswith("; 1 not indexed (see the notice)")
        assert len(screen.article_list.entries) == 3  # the home's articles, listed as ever


@pytest.mark.parametrize("key", ["v", "R"])
@sync
async def test_the_word_cursor_and_furigana_from_the_list_show_the_reader(
    indexed: tuple[Path, Path], key: str
) -> None:
    """One pane at a time (80 columns): from the list (keys, or the palette, which
    offers them there) they changed the reading view out of sight."""
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("enter", "escape")
        await settle(pilot)
        assert screen.pane == "list" and not screen.reader.display
        await pilot.press(key)
        await settle(pilot)
        assert screen.pane == "reader" and screen.reader.display
        assert app.focused is screen.reader
        if key == "v":
            word = screen.current_word
            assert word is not None and word.word.surface in reader_pane(app)
        else:
            assert screen.furigana


@sync
async def test_furigana_in_the_list_opens_the_article_under_the_cursor(
    indexed: tuple[Path, Path],
) -> None:
    """One pane at a time: `R` in the list showed the article opened earlier, out of
    sight, with furigana, not the one under the cursor (`b`, `u`, `r`, `o` act on it)."""
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, other = await cursor_off_the_open_article(pilot, app)
        await pilot.press("R")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == other
        assert screen.pane == "reader" and app.focused is screen.reader
        assert screen.furigana
        # Opened as Enter opens it from the search: at its first match of プーチン.
        assert screen.reader.ranges and screen.status.message == "Furigana on"
        await pilot.press("escape", "R")  # on the open article now: as before, a toggle
        await settle(pilot)
        assert screen.reader.article.id == other and not screen.furigana


@pytest.mark.parametrize("key", ["v", "w", "W"])
@sync
async def test_the_word_cursor_in_the_list_opens_the_article_under_the_cursor(
    indexed: tuple[Path, Path], key: str
) -> None:
    """`v`, `w`, `W` in the list put the word cursor in the article opened earlier, out
    of sight: now they open the one under the cursor and start at the top of the view."""
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, other = await cursor_off_the_open_article(pilot, app)
        await pilot.press(key)
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == other
        assert screen.pane == "reader" and app.focused is screen.reader
        word = screen.current_word
        assert word is not None
        # The first word at the top of the view (at the first match: opened from a search).
        assert word.start >= screen._first_visible_offset()
        assert screen.reader.view_at(word.start) is screen.reader.view_at(
            screen._first_visible_offset()
        )
        assert word.word.surface in reader_pane(app)
        assert screen.status.message.startswith(word.word.surface)


@sync
async def test_search_word_in_the_list_off_the_open_article_says_why(
    indexed: tuple[Path, Path],
) -> None:
    """`*` searched the word of a cursor in the article out of sight: the article under
    the list's cursor has no word cursor, so it says so (and `v` gives it one)."""
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, _ = await cursor_off_the_open_article(pilot, app)
        await pilot.press("v")  # a word cursor in the article open
        await settle(pilot)
        await pilot.press("escape")
        assert screen.current_word is not None
        listing = screen.article_list
        listing.highlighted = next(
            i for i, e in enumerate(listing.entries) if e.summary.id != screen.open_id
        )
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.search_bar.query_text == "プーチン"  # not searched
        assert screen.pane == "list"
        assert "v opens this article" in screen.status.message


@sync
async def test_furigana_on_keeps_the_text_read_at_the_top(plain_indexed: tuple[Path, Path]) -> None:
    """The readings make every line longer: the text at the top stays there."""
    app = reader_app(*plain_indexed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_long_article(pilot, app)
        await pilot.press(*["pagedown"] * 4)
        await pilot.pause()
        reader = screen.reader
        place, rows = reader.place, reader.scroll_y
        assert place > 0
        await pilot.press("R")
        await settle(pilot)
        assert reader.place == place
        assert reader.scroll_y > rows  # the same text, lower down: readings were added
        await pilot.press("R")
        await settle(pilot)
        assert reader.place == place and abs(reader.scroll_y - rows) <= 1  # blank line above
