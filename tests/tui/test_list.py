"""The article list driven with Pilot: what it lists and marks (● unread,
★ bookmarked), paging (PgDn, G, the mouse wheel, a taller terminal) and its cursor,
sorting, the bookmarks (B) and related (r) views and the way back from them, and
its title and rows as drawn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget

from tests.articles import write_articles
from tests.tui_support import (
    SIZES,
    main_screen,
    numbered_home,
    open_first_hit,
    open_listed_first,
    open_reader,
    reader_app,
    reader_pane,
    settle,
    shown_text,
    sync,
    text_home,
    texts_home,
)
from tui.searching import HIT_ROWS
from tui.widgets import ArticleList


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_the_list_shows_every_article_unread(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (_, screen):
        titles = [entry.summary.title for entry in screen.article_list.entries]
        assert len(titles) == 3
        assert any("トランプ氏の電撃和平交渉" in t for t in titles)
        prompt = screen.article_list.get_option_at_index(0).prompt
        assert str(prompt).startswith("●")  # unread mark


@sync
async def test_the_hit_lists_title_fits_the_list_at_100_columns(tmp_path: Path) -> None:
    """At 100 columns the list has 34 cells for its title: "Hits 120 · 9 listed · by
    relevanc…" lost "as typed" (whether Enter has searched whole words yet) and half
    its order. The title says it all in fewer words there, in full where it fits."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "articles"
    write_articles(corpus, 120, extra="停戦の交渉。")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        listing = main_screen(app).article_list

        def title() -> str:
            strip = app.screen._compositor.render_strips()[listing.region.y]
            return strip.crop(listing.region.x, listing.region.right).text

        await pilot.press("slash", *"停戦")
        await settle(pilot)
        listed = len(listing.entries)
        assert 0 < listed < 120
        assert title().startswith(f"╭─ Hits {listed}/120 · relevance, as typed ─"), title()
        await pilot.press("enter")
        await settle(pilot)
        assert title().startswith("╭─ Hits 50/120 · by relevance ─"), title()
        await pilot.resize_terminal(160, 48)  # room for the fullest title
        await settle(pilot)
        assert title().startswith("╭─ Hits 120 · 50 listed · by relevance ─"), title()


@sync
async def test_read_and_bookmark_marks_survive_a_restart(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        first = screen.article_list.entries[0].summary.id
        second = screen.article_list.entries[1].summary.id
        await pilot.press("b")  # bookmark the first
        await pilot.press("j", "u")  # mark the second read without opening it
        await pilot.press("q")
    again = reader_app(*indexed)
    async with open_reader(again, size=(160, 48)) as (_, screen):
        assert screen.state.bookmarks() == [first]
        assert screen.state.read_ids() == {second}
        prompts = {
            e.summary.id: str(o.prompt)
            for e, o in zip(screen.article_list.entries, screen.article_list.options, strict=True)
        }
        assert prompts[first].startswith("●★")
        assert prompts[second].startswith(" ")


@sync
async def test_the_bookmarks_view_lists_only_bookmarks(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        wanted = screen.article_list.entries[1].summary.id
        await pilot.press("j", "b", "B")
        await settle(pilot)
        assert [e.summary.id for e in screen.article_list.entries] == [wanted]
        assert "Bookmarks (1)" in str(screen.article_list.border_title)
        await pilot.press("B")
        assert len(screen.article_list.entries) == 3
        await pilot.press("b", "B")  # the only bookmark removed: the view says so
        await settle(pilot)
        assert screen.article_list.entries == []
        assert screen.article_list.notice.startswith("No bookmarks yet.")
        await pilot.press("enter", "B")  # nothing to open; every article again
        await settle(pilot)
        await pilot.press("enter")  # an article open
        await settle(pilot)
        await pilot.press("B")  # and the empty view again
        await settle(pilot)
        opened = screen.open_id
        assert opened is not None and app.focused is screen.article_list
        # Nothing under the cursor: b bookmarks the open article, as the notice says (it
        # did nothing, silently).
        await pilot.press("b")
        await settle(pilot)
        assert screen.state.bookmarks() == [opened]
        assert [e.summary.id for e in screen.article_list.entries] == [opened]
        assert screen.status.message.startswith("bookmarked: ")


@sync
async def test_bookmarks_and_related_under_a_search_do_not_count_its_hits(
    indexed: tuple[Path, Path],
) -> None:
    """The bar said "2 hits" over a list of one bookmark, or of related articles."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 24)) as (pilot, screen):
        bar = screen.search_bar
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        counted = bar.status.strip()
        assert counted.endswith(" hits") and counted != "1 hits"
        await pilot.press("b", "B")
        await settle(pilot)
        assert len(screen.article_list.entries) == 1
        assert bar.status.strip() == "search kept (B: back)"
        await pilot.press("B")
        await settle(pilot)
        assert bar.status.strip() == counted
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "related" and bar.status.strip() == "search kept (Esc: back)"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mode == "search" and bar.status.strip() == counted


@sync
async def test_b_again_goes_back_to_where_it_was_pressed(indexed: tuple[Path, Path]) -> None:
    """B, then B again, left the cursor on the bookmark it was on in the bookmarks (or
    at the top): the list came back, the place in it did not (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("b", "j", "j")  # the first bookmarked; the cursor on the third
        here = listing.current_id
        await pilot.press("B")
        await settle(pilot)
        assert "B again: back" in str(listing.border_title)
        assert listing.current_id != here  # on the bookmark
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "all" and listing.current_id == here


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_b_in_the_bookmarks_leaves_the_cursor_on_the_next_bookmark(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """From a review over 23 bookmarks: `b` on the third removed it and sent the cursor
    to the first, so the next `b`, meant for the bookmark below, removed the first, and
    Enter opened it. The cursor goes to the bookmark below the one removed, on the row
    it stood on (the last removed: the one above), as a mail client's delete does."""
    app = reader_app(*numbered_home(tmp_path, 30))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        for _ in range(12):
            await pilot.press("b", "j")
        await pilot.press("B")
        await settle(pilot)
        bookmarks = [e.summary.id for e in listing.entries]
        assert len(bookmarks) == 12 and listing.highlighted == 0
        await pilot.press("j", "j", "j", "j", "j", "j", "j", "j")  # the ninth, scrolled
        await settle(pilot)
        row = listing._index_to_line[8] - listing.scroll_y
        await pilot.press("b")
        await settle(pilot)
        assert [e.summary.id for e in listing.entries] == bookmarks[:8] + bookmarks[9:]
        assert listing.current_id == bookmarks[9]
        assert listing._index_to_line[8] - listing.scroll_y == row
        await pilot.press("G", "b")  # the last: the one above it
        await settle(pilot)
        assert listing.current_id == bookmarks[-2]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("query", ["", "停戦"])
@sync
async def test_b_twice_while_reading_comes_back_to_the_place_read(
    indexed: tuple[Path, Path], size: tuple[int, int], query: str
) -> None:
    """At 80×24 (one pane at a time), B and B again from an article paged into left the
    user in the list, the article out of sight (at 100 columns, beside the list, it was
    still in sight but not in focus). Esc from the related articles `r` listed did the
    same (review)."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        if query:
            screen = await open_first_hit(pilot, app, query)
        else:
            screen = await open_listed_first(pilot, app)
        await pilot.press("space", "space")
        await settle(pilot)
        place, shown = screen.reader.place, reader_pane(app)
        assert place > 0 and app.focused is screen.reader
        await pilot.press("B")
        await settle(pilot)
        assert app.focused is screen.article_list and screen.mode == "bookmarks"
        await pilot.press("B")
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.display
        assert screen.reader.place == place and reader_pane(app) == shown
        await pilot.press("r")
        await settle(pilot)
        assert app.focused is screen.article_list and screen.mode == "related"
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.place == place
        assert reader_pane(app) == shown


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_enter_on_the_open_articles_row_goes_back_to_the_place_read(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """Esc from a hit paged into, then Enter on its row: it opened again at its first
    match ("match 1/14"), the place read lost (review)."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_hit(pilot, app, "停戦")
        await pilot.press("space", "space")
        await settle(pilot)
        place, shown = screen.reader.place, reader_pane(app)
        assert place > 0 and app.focused is screen.reader
        await pilot.press("escape")  # to the list, on the open article's row
        await settle(pilot)
        assert app.focused is screen.article_list
        assert screen.article_list.current_id == screen.open_id
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.place == place
        assert reader_pane(app) == shown


@sync
async def test_page_down_in_the_list_starts_the_page_with_a_title(tmp_path: Path) -> None:
    """PgDn left the top row the date line of an entry whose title was off screen: the
    list scrolled only as far as the cursor needed (review)."""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listing = main_screen(app).article_list
        assert app.focused is listing
        for key in ("pagedown", "pagedown", "space", "pageup", "pagedown"):
            await pilot.press(key)
            await settle(pilot)
            top = "".join(segment.text for segment in listing.render_line(0))
            assert "記事その" in top, (key, top)
            assert listing.scroll_y > 0
            cursor = listing.highlighted
            assert cursor is not None and listing.scroll_y <= listing._index_to_line[cursor]


@pytest.mark.parametrize("size", [(80, 24), (80, 25)])
@sync
async def test_the_end_of_the_list_starts_with_a_title(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """From a user review, at 80x24: `G` over every article left the top row the date
    line of an entry whose title was off screen (`│   2009-08-17  Peachy`): entries are
    two rows, the list 19, and the view could scroll no further than the last row. At
    the end it scrolls one row more, the row under the last entry blank, the top an
    entry's first; by the wheel too. (At 80x25 the rows are even: nothing to add.)"""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=size) as (pilot, _):
        listing = main_screen(app).article_list
        last = listing._index_to_line[listing.option_count - 1]

        def top_row() -> str:
            return "".join(segment.text for segment in listing.render_line(0))

        for keys in (("G",), ("g", "end")):
            await pilot.press(*keys)
            await settle(pilot)
            rows = shown_text(listing).splitlines()
            assert "記事その" in top_row() and listing.scroll_y > 0, (keys, rows)
            assert listing.highlighted == listing.option_count - 1
            assert listing.scroll_y + len(rows) >= last + 2, rows  # the last entry whole
        await pilot.press("g")
        await settle(pilot)
        listing.scroll_end(animate=False, immediate=True)  # as the wheel, the scrollbar
        await pilot.pause()
        assert "記事その" in top_row() and listing.scroll_y > 0, shown_text(listing)


@pytest.mark.parametrize("key", ["u", "b"])
@sync
async def test_a_mark_at_the_end_of_the_list_keeps_its_top_on_a_title(
    tmp_path: Path, key: str
) -> None:
    """From a review at 100x30: `G` over every article, then `u` (or `b`) on the last:
    the view slid back a row, the top row the date line of an entry whose title was off
    screen (`│   2009-07-08  Peachy`) and the last entry on the bottom row. The mark
    redraws its row, and the list's line table, emptied for it, let the view's end be
    read as the last row's until it was counted again."""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listing = main_screen(app).article_list

        def top_row() -> str:
            return "".join(segment.text for segment in listing.render_line(0))

        await pilot.press("G")
        await settle(pilot)
        at_end = listing.scroll_y
        assert "記事その" in top_row(), shown_text(listing)
        for _ in range(2):  # marked, then unmarked
            await pilot.press(key)
            await settle(pilot)
            assert "記事その" in top_row(), shown_text(listing)
            assert listing.scroll_y == at_end


@sync
async def test_sort_without_a_search_says_so_and_changes_nothing(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("s")
        assert screen.sort == "relevance" and "search first" in screen.status.message
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        assert "by relevance" in str(screen.article_list.border_title)


@sync
async def test_sort_over_filters_alone_says_they_list_the_newest_first(
    indexed: tuple[Path, Path],
) -> None:
    """`s` over after:… alone said "sorted by relevance" while nothing moved."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"after:2000", "enter")
        await settle(pilot)
        assert "by date" in str(screen.article_list.border_title)
        await pilot.press("s")
        await settle(pilot)
        assert "newest first" in screen.status.message and screen.sort == "relevance"
        assert "by date" in str(screen.article_list.border_title)
        await pilot.press("slash", "space", *"停戦", "enter", "s")  # a word: ranked
        await settle(pilot)
        assert screen.sort == "date" and "sorted by date" in screen.status.message


@sync
async def test_a_new_search_is_by_relevance_and_a_refined_one_keeps_its_sort(
    indexed: tuple[Path, Path],
) -> None:
    """Sorted by date once, every later search was too, an unrelated one as well, its
    best hits far down the list (user review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):

        def order() -> str:
            title = str(screen.article_list.border_title)
            assert ("by date" in title) != ("by relevance" in title), title
            return "date" if "by date" in title else "relevance"

        await pilot.press("slash", *"停戦", "enter", "s")
        await settle(pilot)
        assert order() == "date"
        await pilot.press("slash", "end", "space", *"ロシア", "enter")  # refined
        await settle(pilot)
        assert screen.shown_query == "停戦 ロシア" and order() == "date"
        await pilot.press("slash", *"プーチン", "enter")  # typed over: another search
        await settle(pilot)
        assert screen.shown_query == "プーチン" and order() == "relevance"
        assert "a new search: hits by relevance" in screen.status.message
        await pilot.press("s")
        await settle(pilot)
        assert order() == "date"
        await pilot.press("slash", "ctrl+u")  # cleared, then searched
        await settle(pilot)
        assert "sorted by date" not in screen.status.message  # no longer so
        await pilot.press(*"交渉", "enter")
        await settle(pilot)
        assert screen.shown_query == "交渉" and order() == "relevance"


@sync
async def test_related_lists_other_articles(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        opened = screen.reader.article
        assert opened is not None
        await pilot.press("r")
        await settle(pilot)
        assert str(screen.article_list.border_title).startswith("Related (")
        assert opened.id not in [e.summary.id for e in screen.article_list.entries]


@sync
async def test_related_is_about_the_row_under_the_cursor(indexed: tuple[Path, Path]) -> None:
    """As u and b: the cursor row while the list has the focus; Esc goes back to it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("enter", "escape")  # the first article open, the list again
        await settle(pilot)
        await pilot.press("j", "j")
        chosen = listing.entries[2].summary
        assert chosen.id != screen.open_id
        await pilot.press("r")
        await settle(pilot)
        title = Text.from_markup(str(listing.border_title)).plain  # as shown
        assert title.startswith("Related (") and chosen.title[:8] in title
        assert chosen.id not in [e.summary.id for e in listing.entries]
        await pilot.press("escape")
        await settle(pilot)
        assert listing.current_id == chosen.id  # back where r was pressed


@sync
async def test_escape_from_related_goes_back_to_the_hits(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        await pilot.press("j", "r")
        await settle(pilot)
        assert str(listing.border_title).startswith("Related (")
        await pilot.press("escape")
        await settle(pilot)
        # The hits again (not every article), the cursor where r was pressed
        assert [e.summary.id for e in listing.entries] == hits
        assert listing.current_id == hits[1] and screen.search_bar.query_text == "停戦"
        await pilot.press("escape")  # and then the search goes
        await settle(pilot)
        assert screen.search_bar.query_text == "" and listing.entries


@sync
async def test_escape_from_related_keeps_the_hits_as_typed(indexed: tuple[Path, Path]) -> None:
    """Not submitted: back to the same hits as typed, and nothing added to the history."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦交")  # 交 is a prefix as typed (交渉)
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        assert hits
        await pilot.press("tab", "r")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert [e.summary.id for e in listing.entries] == hits
        assert "as typed" in str(listing.border_title) and listing.current_id == hits[0]
        assert screen.state.search_history() == []


@sync
async def test_a_filter_picked_again_in_bookmarks_lists_the_hits(
    indexed: tuple[Path, Path],
) -> None:
    """The query unchanged (no Changed posted): the mode still becomes the search's."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 after:2025-02", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in screen.article_list.entries]
        await pilot.press("B", "d")
        await pilot.pause()
        await pilot.press("enter")  # the range as shown: the query stays the same
        await settle(pilot)
        assert screen.mode == "search"
        assert [e.summary.id for e in screen.article_list.entries] == hits
        # An answer for the search that comes after the user went to bookmarks is dropped.
        await pilot.press("B")
        await settle(pilot)
        shown = [e.summary.id for e in screen.article_list.entries]
        assert screen.library is not None
        result = screen.library.search("停戦 after:2025-02")
        screen._show_search(result, live=False)
        assert [e.summary.id for e in screen.article_list.entries] == shown


@sync
async def test_a_related_list_title_fits_its_border(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("r")  # the first article: a long Japanese title
        await settle(pilot)
        # What is most needed first, then the article's title as far as the border
        # has room: "Esc back" was cut after it at 100 columns.
        top = listing.render_lines(Region(0, 0, listing.outer_size.width, 1))[0]
        border = "".join(segment.text for segment in top)
        assert border.startswith("╭─ Related (") and " · Esc back · to " in border
        assert "…" in border and border.endswith("╮")
        assert top.cell_length == listing.outer_size.width


def top_border(widget: Widget) -> str:
    """The widget's top border as drawn, its title in it."""
    top = widget.render_lines(Region(0, 0, widget.outer_size.width, 1))[0]
    assert top.cell_length == widget.outer_size.width
    return "".join(segment.text for segment in top)


@pytest.mark.parametrize("size", [(80, 24), (120, 30), (130, 30), (160, 48)])
@sync
async def test_a_title_cut_short_ends_with_the_border_line_after_it(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """From review: a title cut before a wide character that did not fit left its cell
    blank beside the border's own blank, `…プーチ…  ─╮` (the reader at 120, 80 and 130
    columns, the related list's `to トラ…  ─╮`): one blank after "…", then the line."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        for key, pane in (("enter", screen.reader), ("r", screen.article_list)):
            await pilot.press(key)  # (at 80 columns, one pane at a time)
            await settle(pilot)
            border = top_border(pane)
            assert "…" in border, border
            assert border.rstrip("─╮").endswith("… "), border


@sync
async def test_a_related_list_title_is_text_not_markup(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list
        hostile = listing.index_of("hostile")
        assert hostile is not None
        listing.highlighted = hostile
        await pilot.press("r")
        await settle(pilot)
        shown = Text.from_markup(str(listing.border_title)).plain
        assert "悪意ある見出し[/b][link=" in shown  # as typed, not read as markup
        assert app.is_running


@sync
async def test_bottom_lists_and_goes_to_the_last_article_or_hit(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The list holds a page at a time; G lists the rest (the hits up to BOTTOM_HITS).
    import tui.screens.main as main_module
    import tui.searching

    monkeypatch.setattr(main_module, "LIST_PAGE", 1)
    monkeypatch.setattr(tui.searching, "SUBMITTED_LIMIT", 1)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        assert len(listing.entries) == 1
        await pilot.press("G")
        await settle(pilot)
        assert len(listing.entries) == 3 and listing.highlighted == 2
        assert "3" in str(listing.border_title)
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        assert len(listing.entries) == 1
        await pilot.press("G")
        await settle(pilot)
        assert len(listing.entries) == 3 and listing.highlighted == 2
        await pilot.press("g")
        assert listing.highlighted == 0


@sync
async def test_the_mouse_wheel_lists_the_next_page_of_hits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Hits come a page at a time: scrolling them with the wheel (the cursor left where
    it is) lists the next page, as moving the cursor near the end does."""
    from textual.events import MouseScrollDown

    import tui.searching
    from index.library import Library
    from index.locations import locations

    monkeypatch.setattr(tui.searching, "SUBMITTED_LIMIT", 8)
    corpus = tmp_path / "many"
    write_articles(corpus, 30)
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listing = main_screen(app).article_list
        await pilot.press("slash", *"記事", "enter")
        await settle(pilot)
        assert len(listing.entries) == 8
        for _ in range(20):
            await pilot._post_mouse_events([MouseScrollDown], widget=listing, offset=(4, 4))
            await settle(pilot)
        assert len(listing.entries) == 30  # every hit, a page at a time
        assert listing.highlighted == 0  # the cursor stayed on the first hit


@sync
async def test_the_next_page_of_hits_leaves_the_view_where_the_wheel_put_it(
    tmp_path: Path,
) -> None:
    """Each page of hits listed rebuilt the list, which scrolled back to the cursor's
    hit, the first: wheeling down the hits as typed jumped back to the top as each
    page came (at 100x30, the second page of 9 did)."""
    from textual.events import MouseScrollDown

    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    write_articles(corpus, 60, extra="停戦の交渉。")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        pages = 0
        for _ in range(6):
            listed, top = len(listing.entries), listing.scroll_y
            await pilot._post_mouse_events([MouseScrollDown], widget=listing, offset=(4, 4))
            await settle(pilot)
            pages += len(listing.entries) > listed
            assert listing.scroll_y > top  # down, as the wheel went, page or no page
        assert pages >= 2 and listing.highlighted == 0


@sync
async def test_moving_down_the_hits_keeps_a_title_on_the_top_row(tmp_path: Path) -> None:
    """`j` scrolled only as far as the cursor needed: at 100x30 (28 rows of 3-row hits)
    the top row became the date or snippet line of a hit hidden above it."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    write_articles(corpus, 60, extra="停戦の交渉。")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "tab")
        await settle(pilot)
        for _ in range(12):
            await pilot.press("j")
            await settle(pilot)
            titles = {entry.summary.title for entry in listing.entries}
            top_row = shown_text(listing).splitlines()[0].lstrip("●").strip()
            assert any(top_row.startswith(title) for title in titles), top_row
        assert listing.scroll_y > 0 and listing.highlighted == 12


def _top_row(listing: ArticleList) -> str:
    """The list's top row as drawn, its unread mark left out."""
    return shown_text(listing).splitlines()[0].lstrip("●").strip()


def _starts_a_title(row: str, listing: ArticleList) -> bool:
    return any(row.startswith(entry.summary.title) for entry in listing.entries)


def _hits_home(tmp_path: Path) -> tuple[Path, Path]:
    """60 articles that 停戦 finds, each a hit of three rows (title, date, snippet)."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    write_articles(corpus, 60, extra="停戦の交渉。")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    return home, corpus


@sync
async def test_back_from_related_the_top_row_is_a_title(tmp_path: Path) -> None:
    """At 80x24, a hit far down the list opened, `r`, then back to the hits: the list,
    rebuilt while the reader hid it, scrolled only as far as its cursor needed when
    shown again, its top row a hidden hit's snippet line (user review, ldcc iPhone)."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press(*"j" * 8, "enter")
        await settle(pilot)
        opened = screen.open_id
        assert opened == listing.entries[8].summary.id and screen.pane == "reader"
        await pilot.press("r")
        await settle(pilot)
        assert str(listing.border_title).startswith("Related (")
        await pilot.press("escape")  # to the article, the hits listed again behind it
        await settle(pilot)
        await pilot.press("escape")  # to the hits
        await settle(pilot)
        assert screen.pane == "list" and listing.current_id == opened
        assert listing.scroll_y > 0
        assert _starts_a_title(_top_row(listing), listing), _top_row(listing)


@sync
async def test_a_reload_while_reading_leaves_a_title_on_the_top_row(tmp_path: Path) -> None:
    """At 80x24, reading a hit far down the list while another process's commit brought
    a new one: back at the list, its top row was a hidden hit's snippet line."""
    from index.library import Library
    from index.locations import locations

    home, corpus = _hits_home(tmp_path)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press(*"j" * 8, "enter")
        await settle(pilot)
        opened = screen.open_id
        write_articles(corpus, 1, start=500, extra="停戦の交渉。停戦。停戦。")  # ranked first
        with Library.open(locations(home)) as other:  # as a second process would
            other.update([corpus])
        screen.refresh_from_disk()
        await settle(pilot)
        assert "記事500号" in listing.entries[0].summary.title  # reloaded
        await pilot.press("escape")
        await settle(pilot)
        assert screen.pane == "list" and listing.current_id == opened
        assert listing.scroll_y > 0
        assert _starts_a_title(_top_row(listing), listing), _top_row(listing)


@sync
async def test_a_smaller_terminal_keeps_the_cursor_in_sight(tmp_path: Path) -> None:
    """Shrunk (100x30 -> 80x24 -> 60x20), the list kept its scroll: the cursor's hit,
    near the bottom at 100x30, was below the list, and `j` jumped the view to it."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press(*"j" * 7)
        await settle(pilot)
        cursor = listing.entries[7].summary.title
        assert listing.scroll_y == 0 and cursor in shown_text(listing)
        for size in ((80, 24), (60, 20)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            rows = shown_text(listing).splitlines()
            assert listing.highlighted == 7
            assert any(row.lstrip("●").strip().startswith(cursor) for row in rows), size
            assert _starts_a_title(rows[0].lstrip("●").strip(), listing), size


@sync
async def test_a_taller_terminal_lists_more_hits_as_typed(tmp_path: Path) -> None:
    """Hits as typed fill the list: grown from 20 rows to 40, it kept the few it had."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "many"
    write_articles(corpus, 40)
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 20)) as (pilot, screen):
        await pilot.press("slash", *"記事")
        await settle(pilot)
        before = len(screen.article_list.entries)
        assert before == screen._live_limit() < 40
        await pilot.resize_terminal(100, 40)
        await settle(pilot)
        assert len(screen.article_list.entries) == screen._live_limit() > before
        assert screen.search_bar.query_text == "記事"


def _typed_on_home(tmp_path: Path) -> tuple[Path, Path]:
    """`top` is the first hit of 選挙; typed on to 選挙 地震, the last of seven."""
    texts = {"top": "今日の話\n" + "選挙。" * 8 + "地震。"}
    texts |= {f"quake{n}": f"地震の話{n}\n選挙。" + "地震。" * 8 for n in range(6)}
    texts |= {f"vote{n}": f"投票の話{n}\n選挙。" for n in range(12)}
    return texts_home(tmp_path, "texts", texts)


@pytest.mark.parametrize("size", [(100, 30), *SIZES])
@sync
async def test_each_keystroke_lists_its_hits_from_the_first(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Typed on, the query's hits start at its first, the list at its top. The cursor
    stayed on the hit the keystroke before had first, now further down: the list
    scrolled to it, a hidden hit's snippet line at its top, and Tab, Enter opened it,
    not the first hit (user review: iPhon at 100x30, the old first at rank 8)."""
    app = reader_app(*_typed_on_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"選挙")
        await settle(pilot)
        assert listing.current_id == "top"
        for key in " 地震":  # a key at a time, each one's hits shown before the next
            await pilot.press(key)
            await settle(pilot)
        assert screen.shown_query == "選挙 地震"
        ranked = [entry.summary.id for entry in listing.entries]
        assert ranked.index("top") == 6  # still listed, far down
        assert listing.highlighted == 0 and listing.scroll_y == 0
        first_row = shown_text(listing).splitlines()[0]
        assert listing.entries[0].summary.title in first_row
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert screen.open_id == ranked[0]


@sync
async def test_the_cursor_stops_at_either_end_of_the_list(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`k` on the first article went to the last one listed (the 60th of 7,367) and
    listed the next page; `j` on the last went back to the first."""
    import tui.screens.main as main_module

    monkeypatch.setattr(main_module, "LIST_PAGE", 2)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listing = main_screen(app).article_list
        await pilot.press("g", "k")
        await settle(pilot)
        assert listing.highlighted == 0 and len(listing.entries) == 2  # nothing more listed
        await pilot.press("G", "j")
        await settle(pilot)
        assert listing.highlighted == len(listing.entries) - 1 == 2


@sync
async def test_list_rows_are_drawn_anew_when_their_marks_or_places_change(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list

        def drawn_rows() -> list[str]:
            """The list's rows as painted (inside its border)."""
            region = listing.content_region
            lines = app.screen._compositor.render_strips()[region.y : region.bottom]
            return [line.crop(region.x, region.right).text.rstrip() for line in lines]

        first = listing.entries[0].summary.title
        assert drawn_rows()[0].startswith("●") and first[:8] in drawn_rows()[0]
        await pilot.press("u")  # mark it read: its row is drawn again, without the mark
        await pilot.pause()
        assert drawn_rows()[0].startswith(" ") and first[:8] in drawn_rows()[0]
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        await pilot.press("escape")  # the unfiltered list's rows come back from before
        await settle(pilot)
        assert drawn_rows()[0].startswith(" ") and first[:8] in drawn_rows()[0]
        # Rows drawn before stand in new places: a click still opens the entry under it.
        await pilot.press("slash", *"交渉", "enter")
        await settle(pilot)
        by_relevance = [entry.summary.id for entry in listing.entries]
        await pilot.press("s")  # the same hits by date
        await settle(pilot)
        by_date = [entry.summary.id for entry in listing.entries]
        assert sorted(by_date) == sorted(by_relevance) and by_date != by_relevance
        await pilot.click(listing, offset=(5, 1 + HIT_ROWS))  # the second hit's first row
        await settle(pilot)
        assert screen.open_id == by_date[1]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_hits_snippet_has_no_space_after_its_leading_ellipsis(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """The list showed "… の2日間限定で…": the snippet was cut at a space (review)."""
    text = "催しの案内\n\n東京の特設会場で開かれる催しは 土曜と日曜日の2日間限定で開催される。\n"
    app = reader_app(*text_home(tmp_path, "event", text))
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"2日間限定", "enter")
        await settle(pilot)
        rows = str(screen.article_list.get_option_at_index(0).prompt).splitlines()
        assert rows[2].strip().startswith("…土曜と日曜日の2日間限定")


@sync
async def test_a_search_recalled_sharing_only_a_full_width_or_is_a_new_one(
    tmp_path: Path,
) -> None:
    """The sort followed a search that shared a word with the one before, and ＯＲ (OR
    typed in full width, as an IME may) counted as a word: 東京 ＯＲ 記事 recalled over
    演算 ＯＲ 値 sorted by date stayed so."""
    home = texts_home(
        tmp_path,
        "ops",
        {"a": "演算子の記事\n\n値は５円。", "b": "東京の記事\n\n東京について書きました。"},
    )
    app = reader_app(*home)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"東京 ＯＲ 記事", "enter")
        await pilot.press("slash", "ctrl+u", *"演算 ＯＲ 値", "enter", "s")
        await settle(pilot)
        assert screen.shown_query == "演算 ＯＲ 値" and screen.sort == "date"
        await pilot.press("slash", "up")  # recalled: 東京 ＯＲ 記事
        await settle(pilot)
        assert screen.shown_query == "東京 ＯＲ 記事"
        assert "by relevance" in str(screen.article_list.border_title)
        assert "a new search: hits by relevance" in screen.status.message
        await pilot.press("end", "space", *"−値", "enter")  # refined: the sort stays
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "date"
        # Recalled: it shares 値, which the other leaves out by −, as by - (a refinement)
        await pilot.press("slash", "up")
        await settle(pilot)
        assert screen.shown_query == "演算 ＯＲ 値" and screen.sort == "date"


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_b_again_from_related_goes_back_to_the_related_list(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """`B` over the related articles, then `B` again, went back to the hits `r` was
    pressed over: the related list and the cursor in it were gone (user review, 野球
    over ldcc at 80x24). "B again: back where you were": the related list, the cursor
    on the article it was on; Esc from there still goes back to the hits."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        await pilot.press("j", "r")
        await settle(pilot)
        related = [e.summary.id for e in listing.entries]
        assert screen.mode == "related" and len(related) >= 3
        await pilot.press("j", "j")
        here = listing.current_id
        assert here == related[2]
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks"
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "related"
        assert str(listing.border_title).startswith("Related (")
        assert [e.summary.id for e in listing.entries] == related
        assert listing.current_id == here and app.focused is listing
        assert screen.search_bar.status.strip() == "search kept (Esc: back)"
        await pilot.press("escape")  # and on back to the hits, where `r` was pressed
        await settle(pilot)
        assert screen.mode == "search" and [e.summary.id for e in listing.entries] == hits
        assert listing.current_id == hits[1]


@sync
async def test_sort_over_bookmarks_from_related_names_the_related_list(tmp_path: Path) -> None:
    """`s` over bookmarks listed over related articles said "B again: back to the
    hits"; `B` goes back to the related articles."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks"
        await pilot.press("s")
        await settle(pilot)
        assert screen.status.message == (
            "Sort: bookmarks are no search hits (B again: back to the related articles)"
        )
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "related"


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_b_again_from_a_related_article_read_goes_back_to_it(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """`B` pressed while reading an article opened from the related list: `B` again
    comes back to that article, the related list behind it as it was."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press("r", "j", "enter")
        await settle(pilot)
        related = [e.summary.id for e in listing.entries]
        opened = screen.open_id
        assert screen.mode == "related" and opened == related[1]
        assert app.focused is screen.reader
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks" and app.focused is listing
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "related" and app.focused is screen.reader
        assert screen.open_id == opened and screen.reader.display
        await pilot.press("escape")  # to the related list, on the article read
        await settle(pilot)
        assert [e.summary.id for e in listing.entries] == related
        assert listing.current_id == opened


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_back_from_related_lists_the_hits_as_they_were(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """Esc from the related articles, the cursor on one far down the hits: the hits came
    back scrolled to it first, which listed a page more (50 listed, 60 back) before the
    cursor went to the hit `r` was pressed on."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        await pilot.press("j", "r")
        await settle(pilot)
        related = [e.summary.id for e in listing.entries]
        far = max(related[:3], key=hits.index)  # the furthest down the hits of the three
        while listing.current_id != far:
            await pilot.press("j")
        await pilot.press("escape")
        await settle(pilot)
        assert [e.summary.id for e in listing.entries] == hits
        assert listing.current_id == hits[1]


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_b_on_an_article_opened_from_the_bookmarks_goes_back_in_sight(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At 80x24, `B`, Enter on a bookmark, `B`: the article stayed on screen and nothing
    was said; the list behind it had gone back to every article unseen, and a second
    `B` listed the bookmarks again (user review). `B` again goes back where it was
    pressed: the list, shown (one pane at a time), the cursor where it was; beside the
    article (160 columns), the list goes back in sight and the article keeps the focus."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("j", "b", "j")  # the second bookmarked, the cursor on the third
        here = listing.current_id
        await pilot.press("B", "enter")
        await settle(pilot)
        assert screen.mode == "bookmarks" and app.focused is screen.reader
        bookmark = screen.open_id
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "all" and len(listing.entries) == 3
        assert listing.current_id == here and listing.display
        if screen.layout_name == "-narrow":
            assert app.focused is listing and not screen.reader.display
        else:
            assert app.focused is screen.reader and screen.reader.display
        assert screen.open_id == bookmark


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_b_again_from_an_article_opened_from_the_bookmarks_says_what_it_did(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """`B` pressed while reading, Enter on a bookmark, `B` again: back to reading (where
    `B` was pressed), the bookmark's article in sight. One pane at a time, the list
    gone back to is out of sight: the status line says so."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("j", "b", "k", "enter")  # the second bookmarked, the first read
        await settle(pilot)
        assert app.focused is screen.reader
        await pilot.press("B", "enter")
        await settle(pilot)
        bookmark = screen.open_id
        assert screen.mode == "bookmarks" and bookmark == listing.entries[0].summary.id
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "all" and app.focused is screen.reader
        assert screen.open_id == bookmark and screen.reader.display
        if screen.layout_name == "-narrow":
            assert (
                screen.status.message
                == "Bookmarks closed: back to every article (Esc: to the list)"
            )
        else:
            assert listing.display and "Bookmarks" not in screen.status.message


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_bottom_lands_on_the_last_hit_listed_and_says_why_not_further(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """With 1,111 hits (東京 over ldcc), `G` showed "1,050 listed", the cursor on the
    1,000th and 50 rows below it: landing on the last of the 1,000 `G` lists listed the
    next page; a second `G` went to the 1,100th (user review). `G` lists the hits
    `BOTTOM_HITS` at a time (each costs a snippet), the cursor on the last row listed,
    and the status line says how many are left; `G` again lists the next."""
    import tui.searching

    monkeypatch.setattr(tui.searching, "SUBMITTED_LIMIT", 5)
    monkeypatch.setattr(tui.searching, "BOTTOM_HITS", 25)
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        assert len(listing.entries) == 5
        for listed, said in (
            (25, "25 of 60 hits listed, 25 at a time: G again lists the next 25"),
            (50, "50 of 60 hits listed, 25 at a time: G again lists the last 10"),
        ):
            await pilot.press("G")
            await settle(pilot)
            assert len(listing.entries) == listed and listing.highlighted == listed - 1
            assert screen.status.message == said
        await pilot.press("G")
        await settle(pilot)
        assert len(listing.entries) == 60 and listing.highlighted == 59
        assert "hits listed" not in screen.status.message
        assert "Hits 60 ·" in str(listing.border_title)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("nested", [False, True])
@sync
async def test_escape_from_related_goes_back_to_the_article_read(
    tmp_path: Path, size: tuple[int, int], nested: bool
) -> None:
    """`r` while reading article A, a related article B opened from the list, then Esc,
    Esc: back at the related list, then at B, A lost (user review, 説教スルー術 over ldcc
    at 80x24; at 160x45 the hits with B open). The list's title says "Esc back · to A"
    and the README "to the article read, if `r` was pressed there": A again, where it
    was read, the hits listed with the cursor on it. `r` again while reading B (a list
    related to a related one): Esc goes back to B, then to the list related to A,
    then to A, each as the list's title names it."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        await pilot.press("j", "enter")  # A, the second hit
        await settle(pilot)
        article_a = screen.open_id
        assert article_a == hits[1] and app.focused is screen.reader
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "related" and app.focused is listing
        await pilot.press("j", "enter")  # B
        await settle(pilot)
        article_b = screen.open_id
        assert article_b not in (None, article_a) and app.focused is screen.reader
        title_a = str(listing.border_title)
        if nested:
            await pilot.press("r")  # related to B, pressed while reading it
            await settle(pilot)
            assert screen.mode == "related" and app.focused is listing
            assert str(listing.border_title) != title_a
            await pilot.press("escape")  # back to B, the list related to A behind it
            await settle(pilot)
            assert screen.open_id == article_b and app.focused is screen.reader
            assert screen.mode == "related" and str(listing.border_title) == title_a
        await pilot.press("escape")  # B to the related list
        await settle(pilot)
        assert screen.mode == "related" and app.focused is listing
        assert str(listing.border_title) == title_a
        await pilot.press("escape")
        await settle(pilot)
        assert screen.open_id == article_a and app.focused is screen.reader
        assert screen.reader.article is not None and screen.reader.article.id == article_a
        assert screen.mode == "search" and [e.summary.id for e in listing.entries] == hits
        assert listing.current_id == article_a
        await pilot.press("escape")  # on to the hits, the cursor on A
        await settle(pilot)
        assert app.focused is listing and listing.current_id == article_a


@sync
async def test_escape_from_related_listed_over_bookmarks_goes_back_to_them(
    tmp_path: Path,
) -> None:
    """`r` over the bookmarks: Esc went on to every article, the bookmarks gone (the
    related list's title says "Esc back"). Back to the bookmarks, the cursor where `r`
    was pressed, and `B` from there back to the list `B` was pressed in."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("b", "j", "b", "j", "b")  # three bookmarked
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        marked = [e.summary.id for e in listing.entries]
        assert screen.mode == "bookmarks" and len(marked) == 3
        await pilot.press("j", "r")
        await settle(pilot)
        assert screen.mode == "related"
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mode == "bookmarks" and [e.summary.id for e in listing.entries] == marked
        assert listing.current_id == marked[1] and app.focused is listing
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "all"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("start", ["hits", "bookmarks"])
@sync
async def test_escape_from_an_article_related_to_a_related_one_goes_back_to_each_read(
    tmp_path: Path, size: tuple[int, int], start: str
) -> None:
    """`r` while reading A, B opened from the related list, `r` while reading B, C
    opened from the list related to B, then Esc four times: the list related to B, C
    (the list related to A behind it), the list related to A, A; B, whose related list
    the second `r` listed, never shown again (review, ldc5 at 80x24; at 160x45 C stayed
    in the reader beside the list related to A). Over the bookmarks too (`B`, `r` on a
    row, Enter, `r`, Enter): Esc went back to the second article opened, not the first.
    Now: the list related to B, B, the list related to A, then where the first `r` was
    pressed."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        if start == "hits":
            await pilot.press("slash", *"停戦", "enter")
            await settle(pilot)
            await pilot.press("j", "enter")  # A, the second hit
            await settle(pilot)
            assert app.focused is screen.reader
        else:
            await pilot.press("b", "j", "b", "j", "b")  # three bookmarked
            await settle(pilot)
            await pilot.press("B", "j")
            await settle(pilot)
            assert screen.mode == "bookmarks" and app.focused is listing
        article_a = screen.open_id if start == "hits" else listing.current_id
        await pilot.press("r")
        await settle(pilot)
        title_a = str(listing.border_title)
        await pilot.press("j", "enter")  # B
        await settle(pilot)
        article_b, place_b = screen.open_id, screen.reader.place
        assert article_b not in (None, article_a) and app.focused is screen.reader
        await pilot.press("r")  # related to B, pressed while reading it
        await settle(pilot)
        title_b = str(listing.border_title)
        assert screen.mode == "related" and title_b != title_a
        await pilot.press("j", "enter")  # C
        await settle(pilot)
        article_c = screen.open_id
        assert article_c not in (None, article_b) and app.focused is screen.reader

        def shown() -> tuple[str | None, str, bool]:
            reader = screen.reader
            opened = reader.article.id if reader.article is not None else None
            return opened, str(listing.border_title), app.focused is listing

        await pilot.press("escape")  # C to the list related to B
        await settle(pilot)
        assert shown() == (article_c, title_b, True)
        await pilot.press("escape")  # back to B, where `r` was pressed on it
        await settle(pilot)
        assert shown() == (article_b, title_a, False) and app.focused is screen.reader
        assert screen.open_id == article_b and screen.reader.place == place_b
        await pilot.press("escape")  # B to the list related to A
        await settle(pilot)
        assert shown() == (article_b, title_a, True)
        assert screen.mode == "related" and listing.current_id == article_b
        await pilot.press("escape")  # where the first `r` was pressed
        await settle(pilot)
        if start == "hits":
            assert screen.mode == "search" and screen.open_id == article_a
            assert app.focused is screen.reader
        else:
            assert screen.mode == "bookmarks" and listing.current_id == article_a
            assert app.focused is listing


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_sort_refused_over_related_names_where_escape_goes(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """A hit opened, `r`, a related article opened, `s`: "Sort: related articles are
    listed most alike first (Esc: back to the hits)", but Esc went to the related list
    (review, 東京 over ldc5). It names the related articles there, and over a list
    related to a related one (Esc goes back to that list); the hits where Esc goes."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        why = "Sort: related articles are listed most alike first (Esc: back to {})"

        async def sort_says() -> str:
            await pilot.press("s")
            await settle(pilot)
            return screen.status.message

        await pilot.press("slash", *"停戦", "enter", "j", "enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert await sort_says() == why.format("the hits")
        await pilot.press("j", "enter")  # a related article read
        await settle(pilot)
        assert app.focused is screen.reader and screen.mode == "related"
        assert await sort_says() == why.format("the related articles")
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is listing
        assert await sort_says() == why.format("the hits")
        await pilot.press("j", "r")  # related to a related one
        await settle(pilot)
        assert await sort_says() == why.format("the related articles")
        await pilot.press("escape")
        await settle(pilot)
        assert await sort_says() == why.format("the hits")


@pytest.mark.parametrize("view", ["r", "B"])
@sync
async def test_back_from_a_view_the_long_list_is_not_drawn_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, view: str
) -> None:
    """Esc from the related articles over every article paged to 2,771 rows (ldcc at
    160x45) took 0.29–0.41 s to repaint, Esc from the help 0.12–0.14 s (review): each
    row's prompt was made again, the cache of listed rows holding 240. The rows of the
    list a view is listed over are kept, and back from it none is made again; the list,
    its cursor and its marks as they were."""
    import tui.widgets.article_list as article_list
    from tui.render import summary_prompt

    app = reader_app(*numbered_home(tmp_path, 300))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("G")  # every article listed, the cursor on the last
        await settle(pilot)
        listed = [e.summary.id for e in listing.entries]
        assert len(listed) == 300 and listing.current_id == listed[-1]
        await pilot.press("k", "b")  # a mark changed: that row is made again
        made: list[str] = []

        def counted(summary: Any, **options: Any) -> Text:
            made.append(summary.id)
            return summary_prompt(summary, **options)

        monkeypatch.setattr(article_list, "summary_prompt", counted)
        await pilot.press(view)
        await settle(pilot)
        assert screen.mode == ("related" if view == "r" else "bookmarks")
        made.clear()
        await pilot.press("escape" if view == "r" else "B")
        await settle(pilot)
        assert screen.mode == "all" and [e.summary.id for e in listing.entries] == listed
        assert listing.current_id == listed[-2] and made == []
        prompt = str(listing.get_option_at_index(len(listed) - 2).prompt)
        assert "★" in prompt  # bookmarked, as shown before


@sync
async def test_escape_from_a_list_related_to_a_related_one_goes_back_to_that_list(
    tmp_path: Path,
) -> None:
    """`r` on a row of the related articles lists those related to it (`to 「C」`); Esc
    goes back to the related list it was pressed in, the cursor on C, and Esc from
    there back to the hits, where the first `r` was pressed."""
    app = reader_app(*_hits_home(tmp_path))
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        hits = [e.summary.id for e in listing.entries]
        await pilot.press("j", "r")
        await settle(pilot)
        related, title = [e.summary.id for e in listing.entries], str(listing.border_title)
        await pilot.press("j", "j", "r")
        await settle(pilot)
        assert screen.mode == "related" and str(listing.border_title) != title
        await pilot.press("escape")
        await settle(pilot)
        assert str(listing.border_title) == title and app.focused is listing
        assert [e.summary.id for e in listing.entries] == related
        assert listing.current_id == related[2]
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mode == "search" and [e.summary.id for e in listing.entries] == hits
        assert listing.current_id == hits[1]


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
@sync
async def test_the_no_hit_notice_breaks_japanese_lines_as_the_article_does(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A long query that finds nothing, pasted at 100 columns: its notice broke lines
    anywhere, `…インタビューを伝えた。200` / `2年〜2006年と日本代表監督を務めた後` /
    `、イラク代表の…` (review): a line starting with 、, 2002 split. It is set as the
    article's text is (`index.typeset`): no line starts with a closer, a comma or a
    small kana, and a number stays whole."""
    from itertools import pairwise

    from textual import events

    from index.typeset import NO_LINE_START

    query = (
        "サッカー日本代表の元監督が会見、「あの時は・・・」と語った。2日深夜の番組では、"
        "今月11日に、W杯アジア最終予選で日本と対戦するチームを率いる監督に行った"
        "インタビューを伝えた。2002年〜2006年と日本代表監督を務めた後、別の国の代表の"
        "監督に就任した彼は、「日本は15年過ごした第二の祖国だ」と複雑な心境をのぞかせた。"
    )
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash")
        screen.search_bar.input.post_message(events.Paste(query))
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert listing.notice.startswith("No article matches")
        region = listing.content_region
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        rows = [strip.crop(region.x, region.right).text.strip() for strip in strips]
        rows = [row for row in rows if row]
        assert len(rows) > 4, rows
        for above, row in pairwise(rows):
            assert row[0] not in NO_LINE_START, (above, row)
            assert not (above[-1].isdigit() and row[0].isdigit()), (above, row)


@sync
async def test_an_empty_related_list_says_where_esc_goes(tmp_path: Path) -> None:
    """From review: in a home of one article, opened, `r` said "No related article
    found. · Esc lists all the articles.", and Esc went back to the article. The notice
    says where Esc goes: to the article read where `r` was pressed in it, to every
    article where it was pressed in their list."""
    app = reader_app(*texts_home(tmp_path, "one", {"only": "ただ一つの記事\n\n停戦交渉の話。\n"}))
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("enter")
        await settle(pilot)
        assert screen.pane == "reader" and screen.reader.article is not None
        await pilot.press("r")
        await settle(pilot)
        assert listing.notice.startswith("No related article found.\n"), listing.notice
        assert "Esc: back to the article read." in listing.notice, listing.notice
        await pilot.press("escape")
        await settle(pilot)
        assert screen.pane == "reader" and screen.mode == "all"
        await pilot.press("escape")  # to the list, then `r` there
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert "Esc: back to every article." in listing.notice, listing.notice
        await pilot.press("escape")
        await settle(pilot)
        assert screen.pane == "list" and screen.mode == "all" and listing.entries


def _dated_hits_home(tmp_path: Path, others: dict[str, str] | None = None) -> tuple[Path, Path]:
    """Five articles holding 東京, `a0`…`a4`: by relevance a4 first (five times) to a0
    (once), by date a1, a3, a0, a4, a2 (newest first); and `others`."""
    dates = {"a0": "2020/01/03", "a1": "2020/01/05", "a2": "2020/01/01"}
    dates |= {"a3": "2020/01/04", "a4": "2020/01/02"}
    texts = {
        f"a{n}": f"記事{n}\n{dates[f'a{n}']}\n\n" + "東京の話。" * (n + 1) + "今日は晴れ。"
        for n in range(5)
    }
    return texts_home(tmp_path, "dated", texts | (others or {}))


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_brackets_after_sorting_go_on_from_the_open_article(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """The 2nd hit opened, `s` pressed while reading it, then `]`: the 2nd newest hit
    opened, the cursor gone to the top of the hits by date; Esc showed it there, away
    from the article read (user review, スカイツリー over ldcc)."""
    app = reader_app(*_dated_hits_home(tmp_path))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"東京", "enter", "j", "enter")
        await settle(pilot)
        assert [e.summary.id for e in listing.entries] == ["a4", "a3", "a2", "a1", "a0"]
        assert screen.open_id == "a3" and app.focused is screen.reader
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in str(listing.border_title)
        assert [e.summary.id for e in listing.entries] == ["a1", "a3", "a0", "a4", "a2"]
        assert listing.current_id == "a3"  # the cursor followed the open article
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.open_id == "a0" and listing.current_id == "a0"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await settle(pilot)
        assert screen.open_id == "a1"
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is listing and listing.current_id == "a1"


@sync
async def test_sorting_while_reading_lists_the_hits_down_to_the_open_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The article read may lie past the first page of the hits in the new order: the
    hits are listed down to it, the cursor on it, and `[` `]` go on from it."""
    import tui.searching

    monkeypatch.setattr(tui.searching, "SUBMITTED_LIMIT", 5)
    # b9 (ten times 東京) to b0 (once) by relevance; by date b8 the oldest.
    dates = {f"b{n}": f"2020/01/{n + 1:02}" for n in range(10)} | {"b8": "2019/12/01"}
    texts = {f"b{n}": f"記事{n}\n{dates[f'b{n}']}\n\n" + "東京の話。" * (n + 1) for n in range(10)}
    app = reader_app(*texts_home(tmp_path, "dated", texts))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"東京", "enter", "j", "enter")
        await settle(pilot)
        assert len(listing.entries) == 5 and screen.open_id == "b8"
        await pilot.press("s")
        await settle(pilot)
        assert [e.summary.id for e in listing.entries][-2:] == ["b0", "b8"]
        assert listing.current_id == "b8"
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.open_id == "b8" and screen.status.message == "the last in the list"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.open_id == "b0"


@sync
async def test_sorting_while_reading_an_article_no_hit_starts_from_the_first_hit(
    tmp_path: Path,
) -> None:
    """An article opened before the search (no hit), `s` pressed while reading it: as
    from the list, the first hit in the new order under the cursor. The hits were all
    fetched looking for it, and the cursor left where it was, in their middle (review:
    383 hits of サッカー at 120x35)."""
    no_hit = {"z": "晴れの話\n2020/02/01\n\n今日は晴れ。"}  # the newest article
    app = reader_app(*_dated_hits_home(tmp_path, no_hit))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("enter")  # the newest: z, no hit
        await settle(pilot)
        assert screen.open_id == "z"
        await pilot.press("slash", *"東京", "enter", "j", "j", "tab")
        await settle(pilot)
        assert app.focused is screen.reader and listing.current_id == "a2"
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in str(listing.border_title)
        assert listing.highlighted == 0 and listing.current_id == "a1"


@sync
async def test_bookmarks_and_back_keep_the_cursor_in_a_view_made_smaller(
    tmp_path: Path,
) -> None:
    """Scrolled down the list, `B`, the terminal made smaller, `B`: the cursor's entry
    in sight. Its row in the taller view was kept, below the smaller one (review)."""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=(120, 35)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("b", *["j"] * 14)
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "all" and listing.highlighted == 14
        line = listing._index_to_line[14]
        height = listing.scrollable_content_region.height
        assert listing.scroll_y <= line and line + 2 <= listing.scroll_y + height


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_bookmarks_and_back_leave_the_hits_scrolled_as_they_were(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """The cursor on the second hit, `B`, `B`: the hits came back scrolled with the
    second at the top, the first out of sight (user review, サッカー at 100x30)."""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"本文", "enter", "b", "j")  # a bookmark to list
        await settle(pilot)
        assert listing.highlighted == 1 and listing.scroll_y == 0
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks"
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "search" and listing.highlighted == 1
        assert listing.scroll_y == 0  # the first hit in sight


@pytest.mark.parametrize("where", ["hits", "articles"])
@sync
async def test_bookmarks_and_back_leave_the_list_scrolled_as_it_was(
    tmp_path: Path, where: str
) -> None:
    """Scrolled down the list, `B`, `B`: the list as it was left, the cursor's entry on
    the same row of the view."""
    app = reader_app(*numbered_home(tmp_path, 40))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        if where == "hits":
            await pilot.press("slash", *"本文", "enter")
        await pilot.press("b", *["j"] * 14, "k", "k")  # down, then up a little
        await settle(pilot)
        at, scrolled = listing.highlighted, listing.scroll_y
        assert at == 12 and scrolled > 0
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks"
        await pilot.press("B")
        await settle(pilot)
        assert listing.highlighted == at and listing.scroll_y == scrolled
