"""Starting the reader (Pilot): the article and the place read last coming back
(across widths too), a new home's first build, an empty home's hint, the article
read last gone or unreadable since, and paths given on the command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.articles import write_articles
from tests.conftest import ROOT, Denier
from tests.tui_support import (
    main_screen,
    numbered_home,
    open_long_article,
    open_reader,
    reader_app,
    recording,
    settle,
    shown_text,
    sync,
    told,
    wait_until,
)
from tui.screens import MainScreen


@sync
async def test_back_from_the_article_reopened_at_start_finds_it_in_the_list(
    tmp_path: Path,
) -> None:
    """The article read last, reopened at start, lay past the rows listed: Esc went back
    to the top of the list with the article nowhere in it (review)."""
    from tui.screens.main import LIST_PAGE

    home, corpus = numbered_home(tmp_path, LIST_PAGE + 10)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (_, screen):
        assert screen._all is not None
        last = screen._all[-1].id
        assert screen.article_list.index_of(last) is None  # past the first page
        screen.state.save_place(last, 0)
    again = reader_app(home, corpus)
    async with open_reader(again, size=(80, 24)) as (pilot, screen):
        assert screen.open_id == last and again.focused is screen.reader
        await pilot.press("escape")
        await settle(pilot)
        assert again.focused is screen.article_list
        assert screen.article_list.current_id == last


@pytest.mark.parametrize("how", ["read last", "given"])
@sync
async def test_the_article_opened_at_start_is_under_the_cursor_beside_the_list(
    tmp_path: Path, how: str
) -> None:
    """At 100 columns (the list in sight), an article past the first 60 rows, reopened
    at start or given on the command line: the list showed its top, the cursor on the
    newest article, and `]` opened the second newest, `[` the newest (user review)."""
    from tui.app import create_app
    from tui.screens.main import LIST_PAGE

    home, corpus = numbered_home(tmp_path, LIST_PAGE + 20)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (_, screen):
        assert screen._all is not None
        ids = [summary.id for summary in screen._all]
        opened = LIST_PAGE + 5
        assert screen.article_list.index_of(ids[opened]) is None  # past the first page
        screen.state.save_place(ids[opened], 0)
        opened_path = screen._all[opened].path
    if how == "given":
        again = recording(
            create_app(
                home,
                [opened_path],
                update_on_start=False,
                cursor_blink=False,
                environ={"TEXTUAL_ANIMATIONS": "none", "LANG": "C.UTF-8"},
            )
        )
    else:
        again = reader_app(home, corpus)
    async with open_reader(again, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        assert screen.open_id == ids[opened] and again.focused is screen.reader
        assert listing.current_id == ids[opened]
        top = "".join(segment.text for segment in listing.render_line(0))
        assert "記事その" in top, top  # an entry's first row, not the date line under it
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.open_id == ids[opened + 1] and listing.current_id == ids[opened + 1]
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.open_id == ids[opened - 1]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_brackets_go_on_from_the_article_reopened_at_start(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """`[` `]` from the article read last, past the rows listed, before the list is
    shown (at 80 columns it is listed down to the article only then)."""
    from tui.screens.main import LIST_PAGE

    home, corpus = numbered_home(tmp_path, LIST_PAGE + 10)
    app = reader_app(home, corpus)
    async with open_reader(app, size=size) as (_, screen):
        assert screen._all is not None
        ids = [summary.id for summary in screen._all]
        screen.state.save_place(ids[-3], 0)
    again = reader_app(home, corpus)
    async with open_reader(again, size=size) as (pilot, screen):
        assert screen.open_id == ids[-3]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.open_id == ids[-2]
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.open_id == ids[-4]


@sync
async def test_the_last_article_and_position_come_back(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
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
    async with open_reader(again, size=(80, 24)) as (_, screen):
        assert screen.reader.article is not None and screen.reader.article.id == opened.id
        assert screen.reader.place == place  # the same text at the top
        assert abs(screen.reader.scroll_y - position) <= 1  # a blank line above it or not


@sync
async def test_an_article_marked_unread_stays_unread_when_it_comes_back_at_start(
    indexed: tuple[Path, Path],
) -> None:
    """u on the article read last, then q: reopened at start, it was marked read again,
    its unread mark lost (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("j", "enter")
        await settle(pilot)
        opened = screen.reader.article
        assert opened is not None and screen.state.is_read(opened.id)
        await pilot.press("u")
        await settle(pilot)
        assert not screen.state.is_read(opened.id)
        await pilot.press("q")
    again = reader_app(*indexed)
    async with open_reader(again, size=(80, 24)) as (pilot, screen):
        assert screen.reader.article is not None and screen.reader.article.id == opened.id
        assert not screen.state.is_read(opened.id)
        read, _ = screen._marks()
        assert opened.id not in read


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
    async with open_reader(again, size=size) as (_, screen):
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
    async with open_reader(again, size=(200, 50)) as (_, screen):  # a wider terminal
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
        await wait_until(
            pilot,
            lambda: (
                any(w.group == "update" and w.is_running for w in screen.workers)
                and bool(screen.article_list.notice)
            ),
        )
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
    async with open_reader(app, size=size):
        notice = main_screen(app).article_list.notice
        assert notice.startswith("No articles yet.") and "Put text files there" in notice


@sync
async def test_a_search_during_a_new_homes_first_build_says_more_may_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed as a new home's first build began, a search said "No articles yet · Put
    text files there, or open others with: yomite PATH…" under `indexing 113/842
    files…`, until the index was written (review): it says that nothing matches yet and
    that more may, as the list says while an update reads the files."""
    from index.library import Library
    from tui.app import create_app

    corpus = tmp_path / "articles"
    write_articles(corpus, 3)
    update, release = Library.update, threading.Event()

    def held(library: Library, *args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # the build under way, its files not yet counted
        return update(library, *args, **kwargs)

    monkeypatch.setattr(Library, "update", held)
    environ = {"TEXTUAL_ANIMATIONS": "none"}
    app = create_app(tmp_path / "home", [corpus], cursor_blink=False, environ=environ)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        try:
            await wait_until(
                pilot, lambda: any(w.group == "update" and w.is_running for w in screen.workers)
            )
            await pilot.press("slash", *"食べま")
            await wait_until(pilot, lambda: screen.search_bar.status.strip() == "0 hits")
            notice = screen.article_list.notice
            assert notice.startswith("No article matches “食べま”"), notice
            assert "Not everything is indexed yet" in notice, notice
            assert "Put text files there" not in notice
        finally:
            release.set()
        await settle(pilot)


@sync
async def test_a_first_build_by_another_yomite_is_said_in_the_empty_list(tmp_path: Path) -> None:
    """`yomite index` building a new home's first index in another shell: the reader's
    update is refused (the write lock held) and its empty list said "No articles yet ·
    Put text files there" of the files being indexed (review)."""
    from index.locations import locations
    from index.store import make_private_dir, write_lock
    from tui.app import create_app

    corpus = tmp_path / "articles"
    write_articles(corpus, 3)
    home = tmp_path / "home"
    where = locations(home)
    make_private_dir(home)
    make_private_dir(where.index_dir)
    environ = {"TEXTUAL_ANIMATIONS": "none"}
    with write_lock(where.index_dir):  # the other yomite, building
        app = create_app(home, [corpus], cursor_blink=False, environ=environ)
        async with app.run_test(size=(80, 24)) as pilot:
            screen = main_screen(app)
            await wait_until(pilot, lambda: screen._found_busy)
            await settle(pilot)
            notice = screen.article_list.notice
            assert notice.startswith("Another yomite is indexing the articles…"), notice
            assert "Put text files there" not in notice
            # A search meanwhile finds nothing, and says why (it said "No article
            # matches" alone: regression review).
            await pilot.press("slash", *"映画", "enter")
            await settle(pilot)
            notice = screen.article_list.notice
            assert notice.startswith("No article matches “映画”"), notice
            assert "Another yomite is updating the index: more may match" in notice


@sync
async def test_a_new_data_home_is_said_once(tmp_path: Path) -> None:
    """`yomite --home DIR` mistyped made the directories and indexed seeds/ into them
    without a word: the reader says the home is new, and no more once it is not."""
    from tui.app import create_app

    typo = tmp_path / "no" / "such" / "home"
    environ = {"TEXTUAL_ANIMATIONS": "none"}
    app = recording(create_app(typo, [], cursor_blink=False, environ=environ))
    async with open_reader(app, size=(80, 24)) as (_, screen):
        assert f"New data home {typo} (indexing seeds/)" in told(app), told(app)
        assert len(screen.article_list.entries) == 2  # the seeds, indexed
    again = recording(create_app(typo, [], cursor_blink=False, environ=environ))
    async with open_reader(again, size=(80, 24)) as (_, screen):
        assert len(screen.article_list.entries) == 2
        assert not [note for note in told(again) if "data home" in note], told(again)


@sync
async def test_a_home_whose_directories_were_all_let_go_says_how_to_give_it_one(
    tmp_path: Path,
) -> None:
    """A home that let its last directory go (deleted, then `yomite index --rebuild`)
    listed the checkout's seeds/ again, as a new home. It lists nothing, and says why
    and how to add one ("Reading from: (none configured) · Put text files there" said
    where there was no there)."""
    from tui.app import create_app
    from tui.cli import main

    home, mine = tmp_path / "home", tmp_path / "mine"
    [article] = write_articles(mine, 1)
    assert main(["index", "--home", str(home), str(mine)]) == 0
    article.unlink()
    mine.rmdir()
    assert main(["index", "--rebuild", "--home", str(home)]) == 0
    app = create_app(home, [], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listing = main_screen(app).article_list
        assert listing.entries == []
        # The commands name the home, not the default one (`yomite index DIR` copied gave
        # that one the directory).
        named = f"--home {home}"
        assert listing.notice.splitlines() == [
            "No articles yet.",
            "· This home indexes no directory.",
            f"· Add one with: yomite index {named} DIR, or open one with: yomite {named} DIR",
        ]
        shown = " ".join(shown_text(listing).split())  # wrapped at 80, not cut
        assert f"Add one with: yomite index {named} DIR, or open one with: yomite {named} DIR" in (
            shown
        )
        # Nothing to filter: f, F, p and d greyed, saying why (f said "no outlet values
        # in the index"), and a search says the home is empty, not "No article matches"
        # with advice to try other words (review).
        screen = main_screen(app)
        for action in ("pick_facet", "filter_date"):
            assert screen.check_action(action, ("outlet",)) is None
        await pilot.press("f")
        await settle(pilot)
        assert screen.status.message == (
            f"Filter by outlet: the home has no articles to filter (yomite index {named} DIR "
            "adds some)"
        )
        await pilot.press("slash", *"東京")
        await settle(pilot)
        assert listing.notice.startswith("No articles yet.")


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
    async with open_reader(app, size=(80, 24)):
        listing = main_screen(app).article_list
        assert listing.notice.startswith("No articles yet.")
        assert f"Reading from: {tmp_path}/bad\\xffname\n" in listing.notice
        for line in shown_text(listing).splitlines():
            line.encode("utf-8")  # each cell a character the terminal shows as measured


@sync
async def test_the_article_read_last_gone_since_is_no_error_at_start(
    plain_indexed: tuple[Path, Path],
) -> None:
    from index.library import Library
    from index.locations import locations

    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(120, 30)) as (pilot, _):
        main_screen(app).open_article("short", focus=True)
        await settle(pilot)
    (corpus / "short.txt").unlink()
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(120, 30)) as (_, screen):
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
    async with open_reader(app, size=(120, 30)) as (_, screen):
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
    async with open_reader(app, size=(120, 30)):
        article = main_screen(app).reader.article
        assert article is not None and article.id == ids[first]
    app = app_over(corpus / second)
    async with open_reader(app, size=(120, 30)):
        article = main_screen(app).reader.article
        assert article is not None and article.id == ids[second]  # not the one read last

    # A file not indexed yet opens once the update at start has indexed it.
    new = tmp_path / "elsewhere" / "新しい記事.txt"
    new.parent.mkdir()
    new.write_text("新しく渡された記事\n\n本文です。\n", encoding="utf-8")
    app = app_over(new, update_on_start=True)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = main_screen(app)
        await wait_until(
            pilot,
            lambda: screen.reader.article is not None and screen.reader.article.id != ids[second],
        )
        await settle(pilot)
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
        await wait_until(pilot, lambda: screen.status.message.startswith("index up to date"))
        await settle(pilot)
        assert [str(n.message) for n in app._notifications if n.severity == "warning"] == [
            f"1 path could not be indexed:\n{given}: cannot be read: permission denied; "
            "nothing under it is indexed until it can be read"
        ]
        assert screen.status.message.endswith("; 1 not indexed (see the notice)")
        assert len(screen.article_list.entries) == 3  # the home's articles, listed as ever


FIRST_SCREEN_NEEDS_NOT = (
    "index.query",  # the query parser: a search's (on the index thread)
    "index.build",  # the writer's side: an update's (it starts after the first paint)
    "tui.dialogs.facet_picker",
    "tui.dialogs.text_prompt",
    "tui.screens.help",
)


def test_the_reader_opens_without_what_its_first_screen_does_not_show(
    indexed: tuple[Path, Path],
) -> None:
    """The reader, often started over SSH and many times a day, imported the query parser,
    every dialog, the help screen and the index's writer before it showed the list
    (~30-40 ms of the ~0.5 s to its first screen): they are imported when first used.
    In a fresh process, as the `yomite` command starts: its modules, and the app made
    over an index (whose schema, unpickled, brings in the analyzer)."""
    home, corpus = indexed
    code = (
        "import sys\n"
        "from tui.app import create_app\n"
        f"app = create_app({str(home)!r}, [{str(corpus)!r}], update_on_start=False)\n"
        "app.setup.library.close()\n"
        f"print(sorted(m for m in {FIRST_SCREEN_NEEDS_NOT!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


@sync
async def test_the_analyzer_is_loaded_once_the_list_is_painted(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Warming the analyzer (its MeCab tagger made, the dictionary's first pages read:
    ~20 ms, most of it holding the GIL) ran on the index thread while the list of
    articles was set and painted, and held back the reader's first screen. It waits for
    that paint."""
    import index.analysis

    painted = threading.Event()
    warmed_after_paint: list[bool] = []
    morphemes = index.analysis.morphemes

    def noted(text: str, *args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is not threading.main_thread() and not warmed_after_paint:
            warmed_after_paint.append(painted.is_set())
        return morphemes(text, *args, **kwargs)

    monkeypatch.setattr(index.analysis, "morphemes", noted)
    app = reader_app(*indexed)
    display = app._display  # what writes a paint out (as bench/ui.py watches it)

    def watched(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        main = app.screen_stack[0] if app.screen_stack else None
        if isinstance(main, MainScreen) and main.article_list.entries:
            painted.set()

    app._display = watched  # type: ignore[method-assign]
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await wait_until(pilot, lambda: bool(warmed_after_paint))
    assert warmed_after_paint == [True]
