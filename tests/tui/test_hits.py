"""Going from match to match with Pilot: n and N in the reader and in the list, the
search's matches found in the open article (when it opens, after a new search,
after a reload, while they are being found), where n goes on from after the reader
scrolled away, and "match n/m" in the status line.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.tui_support import (
    SIZES,
    Terminal,
    cursor_off_the_open_article,
    main_screen,
    open_first_hit,
    open_long_article,
    open_reader,
    reader_app,
    settle,
    shown_text,
    sync,
    texts_home,
)
from tui.screens import MainScreen


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_n_moves_to_the_next_hit(indexed: tuple[Path, Path], size: tuple[int, int]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        assert len(reader.ranges) > 3
        first = reader.current_hit
        assert first is not None
        assert reader.document is not None
        assert reader.document.text[first[0] : first[1]] == "停戦"
        await pilot.press("n")
        await pilot.pause()
        second = reader.current_hit
        assert second is not None and second > first
        assert screen.status.message.startswith("match 2/")
        await pilot.press("N")
        await pilot.pause()
        assert reader.current_hit == first
        total = len(reader.ranges)
        await pilot.press("N")  # from the first: the last, and it says so
        await pilot.pause()
        assert screen.status.message == f"match {total}/{total} · from the bottom again"
        await pilot.press("n")
        await pilot.pause()
        assert reader.current_hit == first
        assert screen.status.message == f"match 1/{total} · from the top again"


async def _searched_after_opening(pilot: Any, app: Any) -> tuple[MainScreen, list[str]]:
    """The first article open, then 停戦 searched, the reader focused again: its matches
    are looked for at the first `n`, 0.3 s each time (the queries looked for listed)."""
    await settle(pilot)
    screen = main_screen(app)
    await pilot.press("enter")
    await settle(pilot)
    library = screen.library
    assert library is not None
    match_ranges = library.match_ranges
    calls: list[str] = []

    def slow_match_ranges(query: str, article: Any, *, live: bool = False) -> Any:
        calls.append(query)
        time.sleep(0.3)
        return match_ranges(query, article, live=live)

    library.match_ranges = slow_match_ranges  # type: ignore[method-assign]
    await pilot.press("slash", *"停戦", "tab", "tab")
    await settle(pilot)
    return screen, calls


@sync
async def test_n_pressed_while_the_matches_are_found_moves_as_often(
    indexed: tuple[Path, Path],
) -> None:
    """A search made after the article opened is looked for in it on the first `n`
    (~0.8 s in a 2 MB article): each press meanwhile began that again, and the three
    presses moved once."""
    app = reader_app(*indexed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, calls = await _searched_after_opening(pilot, app)
        assert app.focused is screen.reader and screen.reader.ranges == []
        await pilot.press("n", "n", "n")
        await settle(pilot)
        assert calls == ["停戦"]
        assert screen.status.message.startswith("match 3/")


@sync
async def test_n_still_moves_after_its_search_for_matches_was_cancelled(
    indexed: tuple[Path, Path],
) -> None:
    """`n` and `]` in one read: the next article opened before the matches were found,
    their search cancelled before it ran, and every later `n` only queued, for good."""
    from textual import events

    app = reader_app(*indexed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _ = await _searched_after_opening(pilot, app)
        for key, char in (("n", "n"), ("right_square_bracket", "]")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        await pilot.press("slash", "ctrl+u", *"トランプ", "tab", "tab")
        await settle(pilot)
        assert app.focused is screen.reader
        await pilot.press("n")
        await settle(pilot)
        # Looked for, and said (the article `]` opened has no トランプ): not a silent `n`
        assert screen.status.message == "the search matches nothing in this article"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_n_without_a_search_says_there_is_none_to_go_through(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """In the list with no search, `n` said "no article is open (Enter opens the one
    under the cursor)": in the list `n` opens that article itself, and after Enter
    there was still no search to go through."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        said = "no search: / searches, then n goes from hit to hit"
        assert screen.reader.article is None
        for key, name in (("n", "Next match"), ("N", "Previous match")):
            await pilot.press(key)
            await pilot.pause()
            assert screen.status.message == f"{name}: {said}"
        await pilot.press("enter")  # an article open: the same in the reader
        await settle(pilot)
        assert app.focused is screen.reader
        await pilot.press("n")
        await pilot.pause()
        assert screen.status.message == f"Next match: {said}"
        await pilot.press("escape", "j", "n")  # the list, on an article not open
        await pilot.pause()
        assert app.focused is screen.article_list and screen.has_listed
        assert screen.status.message == f"Next match: {said}"
        # With a search, `n` opens the article under the cursor at its first match.
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 1/")


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_opening_a_hit_shows_its_first_match(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    # The first トランプ is in the title. The article was read before, down to its end,
    # and at 80x24 the reader is not shown (nor laid out) when the hit is opened.
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing, reader = screen.article_list, screen.reader
        target = next(e.summary.id for e in listing.entries if "トランプ" in e.summary.title)
        other = next(e.summary.id for e in listing.entries if e.summary.id != target)
        screen.open_article(target, focus=True)
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert reader.scroll_y > 10
        screen.open_article(other, focus=True)
        await settle(pilot)
        await pilot.press("escape", "slash", *"トランプ", "enter")
        await settle(pilot)
        listing.highlighted = listing.index_of(target)
        await pilot.press("enter")
        await settle(pilot)
        hit = reader.current_hit
        assert hit is not None and hit == reader.ranges[0]
        view = reader._view_at(hit[0])
        assert view is not None and view.virtual_region.y == 0  # the title
        assert reader.scroll_y == 0


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_first_match_on_the_first_screen_opens_with_the_title_in_sight(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """From review: `名古屋` Enter, opening a hit whose first match stood on the 9th row
    of 19 scrolled it up to a third of the view, and the title went out of sight. A
    match in the top two thirds of the first screen opens with the article's top shown;
    one further down is still brought up to a third of the view."""
    near = (
        "名古屋の夏\n\n"
        + "".join(f"前置き{n}の段落。\n\n" for n in range(4))
        + "大相撲名古屋場所が始まった。\n\n"
        + "".join(f"後書き{n}の段落。\n\n" for n in range(40))
    )
    far = "遠い話\n\n" + "".join(f"前置き{n}の段落。\n\n" for n in range(60)) + "名古屋の話。\n"
    app = reader_app(*texts_home(tmp_path, "texts", {"near": near, "far": far}))
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"大相撲", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        hit = reader.current_hit
        assert hit is not None and reader.document is not None
        assert reader.document.text[hit[0] : hit[1]] == "大相撲"
        row = reader.row_of(hit[0])
        height = reader.scrollable_content_region.height
        # below a third of the view (where a match is brought up to), in the first screen
        assert row is not None and height // 3 < row < height - height // 3, (row, height)
        assert reader.scroll_y == 0  # the title in sight
        await pilot.press("escape", "slash", *"名古屋の話", "enter", "enter")
        await settle(pilot)
        assert reader.document.text.startswith("遠い話")
        row = reader.row_of(reader.ranges[0][0])
        assert row is not None and reader.in_view(row) and reader.scroll_y > 0


@sync
async def test_n_to_a_match_in_sight_leaves_the_text_where_it_is(
    indexed: tuple[Path, Path],
) -> None:
    """Match 2 of サウジアラビア is on the line under match 1: `n` scrolled the text
    up a line all the same."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"サウジアラビア", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        top = reader.scroll_y
        second = reader.ranges[1]
        row = reader.row_of(second[0])
        assert row is not None and reader.in_view(row)
        await pilot.press("n")
        await settle(pilot)
        assert reader.current_hit == second
        assert screen.status.message.startswith("match 2/")
        assert reader.scroll_y == top
        assert reader.hit_in_sight


@pytest.mark.parametrize("size", [(100, 30), (160, 45)])
@sync
async def test_the_terminal_shows_the_text_n_scrolled_to(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """After the reader scrolled, `n` scrolled the view but the terminal was sent only
    the rows of the match's paragraph (drawn with the match marked), the others left
    as they were: a line drawn twice, a blank line gone, the scrollbar in two places,
    until `?` redrew it all (the user review's サウジアラビア, 2/6). Here the reader
    scrolled match 1 to the last row, match 2 on the line under it out of sight. What
    the terminal shows, update by update, is what the screen holds."""
    app = reader_app(*indexed)
    terminal = Terminal(app)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"サウジアラビア", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        first, second = reader.ranges[:2]
        row, below = reader.row_of(first[0]), reader.row_of(second[0])
        assert row is not None and below == row + 1
        while reader.in_view(row + 1):
            await pilot.press("up")
            await settle(pilot)
        assert reader.in_view(row)
        top = reader.scroll_y
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        assert reader.scroll_y != top
        shown = [strip.text for strip in app.screen._compositor.render_strips()]
        assert terminal.lines == shown


@sync
async def test_opening_the_open_article_at_a_hit_scrolls_to_it(
    plain_indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*plain_indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_long_article(pilot, app)
        assert screen.reader.scroll_y == 0
        await pilot.press("slash", *"蓄電池", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        hit = reader.current_hit
        assert reader.document is not None and hit is not None
        assert reader.document.text[hit[0] : hit[1]] == "蓄電池"
        assert reader.scroll_y > reader.max_scroll_y / 2  # the hit is near the end


@sync
async def test_a_reloaded_article_counts_its_hits_anew(
    plain_indexed: tuple[Path, Path],
) -> None:
    """Opened from a search, the article held one match; its file changed to hold
    three: the reload says how many it holds now."""
    from tui.app import create_app

    home, corpus = plain_indexed
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        await pilot.press("slash", *"蓄電池", "enter", "enter")
        await settle(pilot)
        assert screen.open_id == "long"
        assert screen.status.message == "match 1/1"  # at its one hit
        path = corpus / "long.txt"
        path.write_text(path.read_text("utf-8") + "\n\n蓄電池と蓄電池の話。\n", "utf-8")
        screen.refresh_from_disk()
        await settle(pilot)
        assert "reloaded (3 matches: n / N to jump)" in screen.status.message


def drawn_from_every_hit(screen: MainScreen) -> bool:
    """Whether every block is drawn as it is from all of the article's hits at once."""
    from tui.render import block_text
    from tui.word_cursor import mark_word

    reader = screen.reader
    return all(
        view.typeset.source
        == mark_word(block_text(view.block, reader.ranges, reader.current_hit), view.block, None)
        for view in reader.block_views
    )


@sync
async def test_n_redraws_only_the_blocks_of_the_hit_it_leaves_and_the_one_it_reaches(
    many_hits: tuple[Path, Path],
) -> None:
    """Each `n` drew every block again from every hit: 7.6 s a jump in an article of
    51,360 hits. What is drawn is the same as then, and only two blocks change."""
    home, corpus = many_hits
    total = (corpus / "many.txt").read_text(encoding="utf-8").count("東京")  # the title's too
    app = reader_app(home, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        reader = screen.reader
        assert len(reader.ranges) == total and screen.status.message == f"match 1/{total}"
        assert drawn_from_every_hit(screen)
        views = reader.block_views

        async def press(key: str) -> set[int]:
            """`key` pressed: the blocks it drew anew."""
            texts = [view.typeset.source for view in views]
            await pilot.press(key)
            await pilot.pause()
            return {i for i, view in enumerate(views) if view.typeset.source is not texts[i]}

        def holding(hit: tuple[int, int] | None) -> int:
            assert hit is not None
            view = reader._view_at(hit[0])
            assert view is not None
            return views.index(view)

        for number in range(2, 9):  # within a paragraph, and on to the next
            left = holding(reader.current_hit)
            redrawn = await press("n")
            assert redrawn == {left, holding(reader.current_hit)}
            assert screen.status.message == f"match {number}/{total}"
            assert drawn_from_every_hit(screen)
        for number in range(7, 0, -1):
            await press("N")
            assert screen.status.message == f"match {number}/{total}"
        redrawn = await press("N")  # from the title's hit round to the last paragraph's
        assert redrawn == {0, len(views) - 1}
        assert screen.status.message == f"match {total}/{total} · from the bottom again"
        assert drawn_from_every_hit(screen)
        await press("n")
        assert screen.status.message == f"match 1/{total} · from the top again"
        assert drawn_from_every_hit(screen)
        await pilot.press("escape", "escape")  # the search cleared: no block marked
        await settle(pilot)
        assert not reader.ranges and drawn_from_every_hit(screen)


@sync
async def test_big_n_in_the_list_opens_a_long_article_at_its_last_match(
    many_hits: tuple[Path, Path],
) -> None:
    """`N` on a row opens its article at its last match: where the matches run past the
    first screen, it opened at the last one in sight."""
    home, corpus = many_hits
    total = (corpus / "many.txt").read_text(encoding="utf-8").count("東京")  # the title's too
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"東京", "enter")  # to the list; nothing open
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert len(screen.reader.ranges) == total and screen.reader.hit_index == total - 1
        assert screen.status.message == f"match {total}/{total}"


@sync
async def test_n_after_scrolling_away_from_the_match_goes_from_where_the_reader_is(
    many_hits: tuple[Path, Path],
) -> None:
    """After `g` back to the top, `n` went on from the match left behind (17/22), not
    to the first below the top; a match still in view is gone on from, as ever."""
    app = reader_app(*many_hits)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        reader = screen.reader
        total = len(reader.ranges)
        await pilot.press(*["n"] * 90)  # half way down
        await pilot.pause()
        assert reader.hit_index == 90 and reader.scroll_y > 0
        await pilot.press("j", "n")  # a line down: the match is still in sight
        await pilot.pause()
        assert reader.hit_index == 91
        await pilot.press("g", "n")
        await pilot.pause()
        assert screen.status.message == f"match 1/{total}"
        await pilot.press("G", "N")  # the last match, in sight at the end (review)
        await pilot.pause()
        assert screen.status.message == f"match {total}/{total}"


@sync
async def test_n_after_scrolling_away_in_a_tall_paragraph_goes_from_where_the_reader_is(
    tmp_path: Path,
) -> None:
    """A paragraph can be several screens tall (up to 2,000 characters): its block was
    in view after `g`, so `n` went on from a match far below (review)."""
    paragraph = "".join(f"東京の話その{n}。" for n in range(150))  # ~1,500 characters
    app = reader_app(*texts_home(tmp_path, "tall", {"tall": f"長い段落\n\n{paragraph}\n"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        reader = screen.reader
        await pilot.press(*["n"] * 100)
        await pilot.pause()
        assert reader.hit_index == 100 and reader.scroll_y > 0
        await pilot.press("g", "n")
        await pilot.pause()
        assert reader.hit_index == 0
        assert screen.status.message == f"match 1/{len(reader.ranges)}"
        # A page down inside the paragraph: the first match in sight, not the first of
        # the next block (review: 29 of 15,186, fifteen in sight skipped).
        await pilot.press("pagedown")
        await pilot.pause()
        top = reader.scroll_y
        lines = [reader._hit_line(i) for i in range(len(reader.ranges))]
        in_sight = next(i for i, line in enumerate(lines) if line is not None and line >= top)
        assert 0 < in_sight < 100  # inside the tall paragraph, past the first screen
        await pilot.press("n")
        await pilot.pause()
        assert reader.hit_index == in_sight


@pytest.mark.parametrize("key", ["n", "N"])
@sync
async def test_n_after_a_reload_goes_from_where_the_reader_is(
    many_hits: tuple[Path, Path], key: str
) -> None:
    """Reloaded, the article has no current hit: `n` goes to the first hit from the top
    of the view down, `N` to the last from its bottom up (the last in sight)."""
    from tui.app import create_app

    home, corpus = many_hits
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        path = corpus / "many.txt"
        path.write_text(path.read_text("utf-8") + "\n\n東京の終わり。\n", "utf-8")
        screen.refresh_from_disk()
        await settle(pilot)
        reader = screen.reader
        assert reader.hit_index is None and len(reader.ranges) == 182
        reader.scroll_to(y=reader.max_scroll_y // 2, animate=False, immediate=True)
        await settle(pilot)
        top = reader.scroll_y
        assert top > 0

        def top_of(offset: int) -> int:
            view = reader._view_at(offset)
            assert view is not None
            return reader._top_of(view)

        tops = [top_of(s) for s, _ in reader.ranges]
        below = next(i for i, y in enumerate(tops) if y >= top)
        bottom = top + reader.scrollable_content_region.height
        last_in_sight = max(i for i, y in enumerate(tops) if y < bottom)
        expected = below if key == "n" else last_in_sight
        assert below % 3 == 1 and tops[below - 1] < top  # the first of a paragraph's three
        await pilot.press(key)
        await pilot.pause()
        assert reader.hit_index == expected
        assert screen.status.message == f"match {expected + 1}/182"
        assert drawn_from_every_hit(screen)


@sync
async def test_n_after_a_new_search_goes_through_that_search_s_matches(
    indexed: tuple[Path, Path],
) -> None:
    """A search made with an article open, then `n` in it: it went through the marks of
    the search the article was opened with, or said "the search matches nothing in this
    article" when there was none (trying the app by hand)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and screen.status.message.startswith("match 1/")
        assert screen.library is not None
        wanted = len(screen.library.match_ranges("プーチン", article))
        assert wanted > 0
        await pilot.press("slash", "ctrl+u", *"プーチン", "enter")  # the hits listed
        await settle(pilot)
        assert screen.reader.article is article and app.focused is screen.article_list
        await pilot.press("tab", "n")
        await settle(pilot)
        assert screen.status.message.startswith(f"match 1/{wanted}")
        assert len(screen.reader.ranges) == wanted


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_match_n_of_m_goes_once_the_hit_is_read_past(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """ "match 1/4" stayed in the status line pages after the hit (review): it goes
    once the hit is out of sight, and `n` says where the next one is."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_hit(pilot, app, "停戦")
        assert screen.status.message.startswith("match 1/")
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        await pilot.press("j")  # the hit still in sight: still so
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        await pilot.press("space", "space")
        await settle(pilot)
        assert screen.status.message == ""
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match ")
        await pilot.press("g")  # back to the top, above it
        await settle(pilot)
        assert screen.status.message == ""


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
@pytest.mark.parametrize("key", ["n", "N"])
@sync
async def test_n_in_the_list_opens_the_article_under_the_cursor_at_its_match(
    indexed: tuple[Path, Path], key: str, size: tuple[int, int]
) -> None:
    """`n` in the list jumped to "match 2/4" in the article opened earlier, out of sight
    at 80 columns: now it opens the one under the cursor at its first match (`N`: its
    last), as Enter opens it, with the search's marks. Beside the list too: the list's
    keys act on its cursor's row in every layout (the width does not change a key)."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen, _, other = await cursor_off_the_open_article(pilot, app)
        await pilot.press(key)
        await settle(pilot)
        reader = screen.reader
        assert reader.article is not None and reader.article.id == other
        assert screen.pane == "reader" and app.focused is reader
        assert screen.library is not None
        total = len(screen.library.match_ranges("プーチン", reader.article))
        assert total > 1 and len(reader.ranges) == total
        number = 1 if key == "n" else total
        assert reader.current_hit == reader.ranges[number - 1]
        assert screen.status.message == f"match {number}/{total}"  # not "from the bottom"
        # Back in the list, on the open article: n goes on from where it is, as before.
        await pilot.press("escape", "n")
        await settle(pilot)
        assert reader.article.id == other
        assert screen.status.message.startswith("match 2/" if key == "n" else "match 1/")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_search_with_no_hits_has_no_article_for_n_r_or_s(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A date filter with no hits after a search with some: `n` reopened the article of
    the search before (no hit) at "match 1/…", `r` listed the articles related to it and
    `s` said "search results sorted by date" over 0 hits (review, 映画 then 1999)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        assert screen.reader.ranges
        assert screen.status.message.startswith("match 1/")
        await pilot.press("escape", "d", *"1999", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text.endswith("after:1999 before:2000")
        assert screen.article_list.entries == []
        # Its marks are of a search no longer listed, and so is the count.
        assert screen.reader.ranges == []
        assert not screen.status.message.startswith("match")
        opened = screen.reader.article
        for action, parameters in (("jump_hit", (1,)), ("show_related", ()), ("toggle_sort", ())):
            assert screen.check_action(action, parameters) is None  # disabled: out of the footer
        for key, said in (
            ("n", "Next match: the search has no hits to go through"),
            ("N", "Previous match: the search has no hits to go through"),
            ("r", "Related: the search has no hits to find related articles to"),
            ("s", "Sort: no search hits to sort"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert screen.status.message == said
            assert screen.mode == "search" and screen.sort == "relevance"
            assert screen.reader.article is opened and screen.reader.ranges == []
        # Back to the search with hits: `n` marks the article open anew.
        await pilot.press("slash", "ctrl+u", *"停戦", "enter")
        await settle(pilot)
        assert screen.check_action("jump_hit", (1,)) is True
        await pilot.press("tab", "n")
        await settle(pilot)
        assert screen.reader.ranges
        assert screen.status.message.startswith("match ")


@sync
async def test_n_and_c_over_a_list_from_the_list_name_where_it_goes_back_to(
    indexed: tuple[Path, Path],
) -> None:
    """At 80 columns, bookmarks or related articles listed from the list, over an article
    open: `n` and `c` said "B again: back to it", and `B` went back to the hits (or to
    every article), not to the article read: the place it goes back to is named."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):

        async def refused(back: str, keys: str = "nc") -> None:
            aside = f"the article read is hidden ({back})"
            for key in keys:
                title = {"n": "Next match", "c": "Cards"}[key]
                await pilot.press(key)
                await settle(pilot)
                assert screen.status.message == f"{title}: {aside}"
                assert shown_text(screen.status).strip() == screen.status.message  # whole

        await pilot.press("slash", *"停戦", "enter", "enter", "escape")
        await settle(pilot)
        assert screen.reader.article is not None and screen.pane == "list"
        await pilot.press("B")  # in the list: no bookmarks, the article read out of sight
        await settle(pilot)
        assert screen.mode == "bookmarks" and not screen.reader.display
        await refused("B again: back to the hits")
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "search" and screen.pane == "list"
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "related" and screen.pane == "list"
        # (`n` there opens the related article under the cursor)
        await refused("Esc: back to the hits", keys="c")
        await pilot.press("B")  # over the related articles
        await settle(pilot)
        await refused("B again: back to the related articles")
        await pilot.press("B", "escape", "escape")  # the related, the hits, every article
        await settle(pilot)
        assert screen.mode == "all" and not screen.is_searching
        await pilot.press("B")
        await settle(pilot)
        await refused("B again: back to every article", keys="c")  # (`n`: no search)


@sync
async def test_bookmarks_over_the_article_leave_its_hits_and_cards_alone(
    indexed: tuple[Path, Path],
) -> None:
    """`B` from an article at 80 columns (the bookmarks over it): `n` and `c` were still
    offered, `n` said "match 3/…" over the bookmarks, moving through the article out of
    sight; back (B again), "match n/…" and `n` come back, and after `r` and Esc too
    (it came back only at the next `n`)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter", "n")
        await settle(pilot)
        assert screen.reader.article is not None and screen.has_cards
        assert screen.status.message.startswith("match 2/")
        place = screen.reader.current_hit
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "bookmarks" and not screen.reader.display
        assert not screen.status.message.startswith("match")
        assert screen.check_action("jump_hit", (1,)) is None
        assert screen.check_action("toggle_cards", ()) is None
        aside = "the article read is hidden (B again: back to it)"
        for key, title in (("n", "Next match"), ("c", "Cards")):
            await pilot.press(key)
            await settle(pilot)
            assert screen.status.message == f"{title}: {aside}"
            assert screen.mode == "bookmarks" and screen.pane == "list"
            assert screen.reader.current_hit == place
        await pilot.press("B")
        await settle(pilot)
        assert screen.pane == "reader" and screen.reader.display
        assert screen.status.message.startswith("match 2/")
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 3/")
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "related" and not screen.status.message.startswith("match")
        await pilot.press("escape")
        await settle(pilot)
        assert screen.pane == "reader"
        assert screen.status.message.startswith("match 3/")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_match_n_of_m_goes_once_the_query_is_changed(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """ "match 2/22" stayed in the status line while another query was typed in the bar,
    of the search before (review). It goes at the first key that changes the query;
    the search it was of typed back, it is not said again until `n`."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_hit(pilot, app, "停戦")
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        await pilot.press("slash")  # the bar, the query kept: nothing changed yet
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        await pilot.press("end", "space", *"プーチン")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 プーチン"
        assert not screen.status.message.startswith("match ")
        for _ in " プーチン":
            await pilot.press("backspace")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦"
        assert not screen.status.message.startswith("match ")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_filters_alone_have_no_match_for_n(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A search of filters alone (`d` 2025: after:2025 before:2026) has no words to find
    in the text, but the footer offered `n Next match`; pressed in the list, `n` opened
    the article under the cursor and said nothing, then in it "the search matches
    nothing in this article", as if another article might (review, ldcc's 2012-05).
    `n` and `N` are out of the footer and say why, the article left unopened."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        assert screen.reader.ranges
        opened = screen.reader.article
        await pilot.press("escape", "ctrl+l", "d", *"2025", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == "after:2025 before:2026"
        listing = screen.article_list
        assert listing.entries and app.focused is listing
        if listing.current_id == screen.open_id:
            await pilot.press("j")  # (a hit other than the article open, if there is one)
            await settle(pilot)
        said = "Next match: filters alone find no words in the text (a word added, n finds it)"
        for where in ("list", "reader"):
            assert screen.check_action("jump_hit", (1,)) is None, where  # out of the footer
            await pilot.press("n")
            await settle(pilot)
            assert screen.status.message == said, where
            assert screen.reader.article is opened and not screen.reader.ranges, where
            if where == "list":
                await pilot.press("tab")  # to the article read
                await settle(pilot)
                assert app.focused is screen.reader


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_the_open_article_searched_again_after_the_search_was_cleared_has_its_marks(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """The search cleared with Esc (the article still open, its marks gone), then typed
    again and its hit, the open article, chosen: `n` said "the search matches nothing in
    this article", no match marked and no `n` in the footer (review). The marks were
    taken as still those of the search, typed again the same."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_hit(pilot, app, "停戦")
        article = screen.reader.article
        assert article is not None
        await pilot.press("n")
        await settle(pilot)
        total = len(screen.reader.ranges)
        assert screen.status.message == f"match 2/{total}"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert screen.search_bar.query_text == ""
        assert screen.reader.article is article and not screen.reader.ranges
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == article.id
        assert len(screen.reader.ranges) == total
        assert screen.check_action("jump_hit", (1,)) is True  # enabled: in the footer
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match ")
        assert screen.status.message.endswith(f"/{total}")


@sync
async def test_a_long_article_opened_at_its_matches_draws_the_paragraphs_in_sight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 6.8 MB article opened with a search (160,000 matches) took no key for tens of
    seconds (review): every paragraph's text was drawn, links and matches marked, as it
    opened and again as its matches were marked, though a run of paragraphs draws those
    in sight alone. They are drawn when they come into sight, each as it was then."""
    from tui.render import block_text
    from tui.widgets import reading_view

    paragraphs = [f"第{n}段落。東京の朝、東京の夜。" for n in range(3000)]
    home, corpus = texts_home(
        tmp_path, "long", {"long": "東京の記事\n\n" + "\n\n".join(paragraphs)}
    )
    drawn: list[int] = []

    def counted(block: Any, *args: Any) -> Any:
        drawn.append(block.start)
        return block_text(block, *args)

    monkeypatch.setattr(reading_view, "block_text", counted)
    app = reader_app(home, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        reader = screen.reader
        assert len(reader.block_views) > 3000
        assert screen.status.message == "match 1/6,001"
        assert len(set(drawn)) < 100, len(set(drawn))
        await pilot.press("n", "n", "n", "G")
        await settle(pilot)
        assert screen.status.message == ""
        assert len(set(drawn)) < 200, len(set(drawn))
        assert drawn_from_every_hit(screen)


@sync
async def test_the_search_cleared_over_a_long_article_draws_its_paragraphs_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ctrl+l over a 6.8 MB article marked with 112,583 matches held the screen for
    100 s (measured with Pilot): the marks cleared, each paragraph asked its run of
    paragraphs to be drawn again, and each such request marks every line of the run.
    The run is drawn again once, its paragraphs without their marks."""
    from tui.widgets.reading_view import ParagraphRun

    paragraphs = [f"第{n}段落。東京の朝、東京の夜。" for n in range(3000)]
    home, corpus = texts_home(
        tmp_path, "long", {"long": "東京の記事\n\n" + "\n\n".join(paragraphs)}
    )
    app = reader_app(home, corpus)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_hit(pilot, app, "東京")
        reader = screen.reader
        assert screen.status.message == "match 1/6,001"
        refreshed: list[bool] = []
        refresh = ParagraphRun.refresh

        def counted(self: ParagraphRun, *args: Any, **kwargs: Any) -> Any:
            refreshed.append(bool(kwargs.get("layout")))
            return refresh(self, *args, **kwargs)

        monkeypatch.setattr(ParagraphRun, "refresh", counted)
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.search_bar.query_text == "" and not reader.ranges
        assert reader.article is not None and len(reader.block_views) > 3000
        assert 0 < len(refreshed) < 10, len(refreshed)
        assert drawn_from_every_hit(screen)


@sync
async def test_an_article_opened_from_hits_as_typed_is_marked_as_they_were_found(
    indexed: tuple[Path, Path],
) -> None:
    """Hits listed as a word is typed (`ゼレン`: the words it begins, ゼレンスキー)
    open with those matches marked: the query at Enter, an unfinished word, matches
    nothing, and the article opened with none (n: "no matches")."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"ゼレン")
        await settle(pilot)
        assert screen.search.live and screen.article_list.entries
        await pilot.press("tab")  # to the hits, as typed
        await settle(pilot)
        assert app.focused is screen.article_list
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        article = reader.article
        assert article is not None and reader.ranges
        text = article.document().text
        assert {text[start:end] for start, end in reader.ranges} == {"ゼレンスキー"}
