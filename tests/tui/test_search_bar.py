"""The search bar driven with Pilot: a query typed a key at a time, in bursts or
pasted; what Enter does with a query that searches, fails, or finds nothing; the
searches ↑ and ↓ recall; Esc, Tab and ctrl+l from the bar; the hit count beside it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.geometry import Region, Size
from textual.widgets import Input

from tests.tui_support import (
    SIZES,
    keys_sent,
    main_screen,
    open_reader,
    reader_app,
    recall,
    settle,
    shown_text,
    submit,
    sync,
    texts_home,
    typed_at_once,
    wait_until,
)


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_search_typed_character_by_character_updates_the_list(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        counts = []
        for char in "軍備縮小":
            await pilot.press(char)
            await settle(pilot)
            counts.append(len(screen.article_list.entries))
        assert screen.search_bar.query_text == "軍備縮小"
        # Only the second seed mentions 軍備縮小: the list narrowed to it as the word was typed.
        titles = [e.summary.title for e in screen.article_list.entries]
        assert len(titles) == 1 and "ゼレンスキー" in titles[0]
        assert counts[-1] == 1
        assert screen.search_bar.status.strip() == "1 hit"
        hit = screen.article_list.entries[0].hit
        assert hit is not None and any(is_match for _, is_match in hit.snippet)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_bar.query_text == ""
        assert len(screen.article_list.entries) == 3


@sync
async def test_a_burst_of_keys_with_slashes_lands_in_the_bar_in_order(
    indexed: tuple[Path, Path],
) -> None:
    """A paste without bracketed paste (or fast typing) arrives as a burst of keys: `/`
    typed in the query itself came out before the characters ahead of it (AC/DC gave
    ACDC or /ACDC, 1/2 gave /12), as `/` is a priority key."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        for char in "/AC/DC 1/2":
            key = {"/": "slash", " ": "space"}.get(char, char)
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await settle(pilot)
        assert screen.search_bar.query_text == "AC/DC 1/2"


@sync
async def test_editing_keys_in_a_burst_act_in_the_order_typed(
    indexed: tuple[Path, Path],
) -> None:
    """Keys arriving in one read (fast typing over SSH): a Backspace or an arrow acted
    after the characters behind it (東京⌫大阪 gave 東京阪, ab←c gave abc)."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash")
        for burst, typed in (
            (["東", "京", "backspace", "大", "阪"], "東大阪"),
            (["a", "b", "left", "c"], "acb"),
            (["x", "y", "ctrl+u", "停", "戦"], "停戦"),
        ):
            screen.search_bar.input.value = ""
            for key in burst:
                char = key if len(key) == 1 else None
                app.post_message(events.Key(key, char))  # all queued before any is handled
            await settle(pilot)
            assert screen.search_bar.query_text == typed


@pytest.mark.parametrize(
    "pasted",
    [
        "停戦\n\n 交渉 \n",  # Input kept the first line of a paste and dropped the rest
        "\x1b[1;31m停戦\x1b[0m\x07交渉\x1b",  # the controls were put in the bar (review)
    ],
)
@sync
async def test_a_paste_is_searched_as_a_terminal_shows_it(
    indexed: tuple[Path, Path], pasted: str
) -> None:
    """A block of lines pasted is one line (Input kept the first and dropped the rest
    without a word); a paste holding controls (text copied with its colours, a BEL) had
    them in the bar, where the search read the control as a word. The bar takes what a
    terminal shows of it: a colour sequence goes, any other control is a space."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash")
        screen.search_bar.input.post_message(events.Paste(pasted))
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 交渉"


@sync
async def test_a_bad_query_shows_its_whole_error_in_the_list(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 nosuchfield:x")
        await settle(pilot)
        assert screen.search_bar.status == "query error"
        assert screen.article_list.entries == []
        # The message names every known field: longer than the bar had room for at 80
        # columns. The list wraps it, so all of it is on the screen.
        notice = screen.article_list.notice
        assert notice.startswith("unknown field 'nosuchfield:' (known: site:")
        shown = shown_text(screen.article_list)
        assert "before:)" in shown and "query syntax" in shown
        # A date that cannot become one as typing goes on is said at once, not ignored.
        await pilot.press(*["backspace"] * len("nosuchfield:x"), *"after:xyz")
        await settle(pilot)
        assert "bad date 'xyz'" in screen.article_list.notice
        await pilot.press(*["backspace"] * 3, *"2025-0")  # half typed: no error yet
        await settle(pilot)
        assert screen.article_list.entries and not screen.article_list.notice
        assert app.is_running


@sync
async def test_enter_on_a_bad_query_leaves_the_bar_to_mend_it(indexed: tuple[Path, Path]) -> None:
    """Enter went to the list even when the query could not be searched: Backspace then
    did nothing, and `b` bookmarked the article under the list's cursor."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        # `b` typed at once, before the search answers (a busy index thread): the bar's.
        library = screen.library
        assert library is not None
        search = library.search

        def slow_search(*args: Any, **kwargs: Any) -> Any:
            time.sleep(0.3)
            return search(*args, **kwargs)

        # As `_refresh_layout` below: mypy refuses any assignment to a method.
        library.search = slow_search  # type: ignore[method-assign]
        await pilot.press("slash", *"停戦 after:2012-13", "enter", "b")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        assert screen.search_bar.query_text == "停戦 after:2012-13b"
        assert "bad date '2012-13b'" in screen.article_list.notice  # searched as typed
        await pilot.press("backspace", "backspace", "backspace", *"06", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 after:2012-06"
        assert screen.state.bookmarks() == []
        assert app.focused is screen.article_list  # a query that searches: to its hits
        assert screen.shown_query == "停戦 after:2012-06"


@contextmanager
def searches_at_enter_held(screen: Any) -> Iterator[list[str]]:
    """The reader's library answers no search asked at Enter (not as typed) until the
    block ends (20 s at most); yields the queries asked of it, in order."""
    library = screen.library
    assert library is not None
    search = library.search
    answer = threading.Event()
    asked: list[str] = []

    def held_search(query: str, **options: Any) -> Any:
        asked.append(query)
        if not options.get("live"):
            answer.wait(20)
        return search(query, **options)

    library.search = held_search
    try:
        yield asked
    finally:
        answer.set()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_key_typed_right_after_enter_acts_on_its_hits(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """名古屋城 Enter j in one read over ldcc (review): the app forwarded the j to the bar,
    focused until the screen took Enter's Submitted, and 名古屋城j, searched as typed,
    replaced the search submitted. Here Enter's search is held until the j has come: the
    j waits for its hits, and moves to the second, as it would typed once they were
    there (reaching the list first, it moved over the hits as typed, which the answer
    replaced, its cursor back on the first)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        assert len(screen.article_list.entries) > 1
        with searches_at_enter_held(screen) as asked:
            typed_at_once(app, ("enter", "\r"), ("j", "j"))
            await wait_until(pilot, lambda: bool(asked))
            assert screen.search_bar.query_text == "停戦"
        await settle(pilot)
        assert asked == ["停戦"]
        assert screen.search_bar.query_text == "停戦"
        assert screen.shown_query == "停戦" and not screen.search.live  # as submitted
        assert app.focused is screen.article_list
        assert len(screen.article_list.entries) > 1 and screen.article_list.highlighted == 1
        assert screen.state.search_history()[0] == "停戦"  # Enter's search kept for ↑


@sync
async def test_a_key_typed_after_enter_before_its_hits_come_acts_on_them(
    indexed: tuple[Path, Path],
) -> None:
    """Typed a moment after Enter, once the focus is in the list, and before the hits as
    submitted come: the j moved over the hits as typed, and the answer put the cursor
    back on the first, as if the j had not been typed."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        with searches_at_enter_held(screen):
            typed_at_once(app, ("enter", "\r"))
            await wait_until(pilot, lambda: app.focused is screen.article_list)
            typed_at_once(app, ("j", "j"))
            await pilot.pause()
        await settle(pilot)
        assert screen.shown_query == "停戦" and not screen.search.live
        assert len(screen.article_list.entries) > 1 and screen.article_list.highlighted == 1


@sync
async def test_text_typed_right_after_enter_starts_a_search_as_over_its_hits(
    indexed: tuple[Path, Path],
) -> None:
    """携帯がな Enter い in one read over ldcc (review) made 携帯がない of the query, its
    search as submitted lost. Typed once the hits are there, a kana goes from the list
    to the bar, over the query (`Searching.search_typed_text`): typed at once, the same."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        typed_at_once(app, ("enter", "\r"), ("軍", "軍"))
        await settle(pilot)
        assert screen.search_bar.query_text == "軍"
        assert app.focused is screen.search_bar.input
        assert screen.state.search_history()[0] == "停戦"
        # and the bar's keys go on to the query: Enter searches it, j moves down its hits
        typed_at_once(app, ("enter", "\r"), ("j", "j"))
        await settle(pilot)
        assert screen.search_bar.query_text == "軍"
        assert screen.shown_query == "軍" and app.focused is screen.article_list


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_backspace_in_the_hits_goes_back_to_the_query_and_deletes_its_last_character(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """停戦 Enter ⌫ in one read (review): the Backspace, held for Enter's hits, landed in
    the list and did nothing, nor did one typed over the hits later. As a kana typed
    there starts a new search (`Searching.search_typed_text`), it goes to the bar, and
    deletes the query's last character, not the query whole (selected as the bar takes
    the focus): what is typed next goes after what is left."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        bar, listing = screen.search_bar, screen.article_list
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        typed_at_once(app, ("enter", "\r"), ("backspace", "\x7f"), ("止", "止"))
        await settle(pilot)
        assert app.focused is bar.input
        assert bar.query_text == "停止" and screen.shown_query == "停止"
        assert screen.state.search_history()[0] == "停戦"  # Enter's search kept for ↑
        # Later, the cursor moved down the hits: the same.
        await pilot.press("ctrl+u", *"停戦", "enter", "j")
        await settle(pilot)
        assert app.focused is listing and listing.highlighted == 1
        await pilot.press("backspace")
        await settle(pilot)
        assert app.focused is bar.input and bar.query_text == "停"
        assert bar.input.selection.is_empty and bar.input.cursor_position == 1
        # Over every article, with no query to edit, it does nothing, as before.
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.focused is listing and bar.query_text == ""
        await pilot.press("backspace")
        await settle(pilot)
        assert app.focused is listing


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_backspace_in_the_hits_deletes_the_last_character_seen_not_a_space_after_it(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """`とうきょう ` Enter ⌫ (review): the Backspace deleted the space typed after the
    query, which the bar does not show, and the bar looked as it was while the list went
    from Enter's hits to those as typed, another count. It deletes what is seen: the
    white space at the end, and the character before it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        bar, listing = screen.search_bar, screen.article_list
        for space in ("space", "　", "space"):
            await pilot.press("slash", "ctrl+u", *"停戦", space, "enter")
            await settle(pilot)
            assert app.focused is listing and listing.entries
            await pilot.press("backspace")
            await settle(pilot)
            assert app.focused is bar.input
            assert bar.query_text == "停" and screen.shown_query == "停", bar.query_text
            assert bar.input.selection.is_empty and bar.input.cursor_position == 1
            await pilot.press("escape")
            await settle(pilot)
        # Typed on after it, the character goes after what is left; in one read with
        # Enter too (the keys held for its hits).
        await pilot.press("slash", "ctrl+u", *"停戦", "space", "space", "enter")
        await settle(pilot)
        await pilot.press("backspace", "止")
        await settle(pilot)
        assert bar.query_text == "停止" and screen.shown_query == "停止"
        await pilot.press("ctrl+u", *"停戦", "space")
        await settle(pilot)
        typed_at_once(app, ("enter", "\r"), ("backspace", "\x7f"), ("止", "止"))
        await settle(pilot)
        assert bar.query_text == "停止" and screen.shown_query == "停止"


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_backspace_in_the_hits_takes_a_date_or_facet_filter_away_whole(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """After `d` (2025-02: after:2025-02 before:2025-03), ⌫ over the hits made the last
    filter `before:2025-0`, read as typed as before:2025 (the date typed so far): with
    after:2025-02, 0 hits and the filter hint, and Enter said "bad date '2025-0'"
    (review). Half a filter is none that was asked for: the filter goes whole (the range
    `d` wrote, both), with the space before it and an OR left joining nothing, and the
    list shows the hits of what is left, as Enter would. A word (title: holds words)
    loses a character, as before."""
    from tui.dialogs import FacetPicker

    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        bar, listing = screen.search_bar, screen.article_list
        library = screen.library
        assert library is not None

        async def backspace_over_hits(query: str) -> None:
            assert app.focused is listing and screen.search_bar.query_text == query
            await pilot.press("backspace")
            await settle(pilot)
            assert app.focused is bar.input
            assert bar.input.selection.is_empty
            assert bar.input.cursor_position == len(bar.query_text)

        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2025-02", "enter")
        await settle(pilot)
        # The range `d` wrote goes whole: `before:` alone left after:2025-02, a range never
        # picked, and the next ⌫, in the bar, made it after:2025-0 (review).
        await backspace_over_hits("停戦 after:2025-02 before:2025-03")
        assert bar.query_text == "停戦" and screen.shown_query == "停戦"
        assert len(listing.entries) == library.search("停戦").total
        await pilot.press("ctrl+u", *"停戦 after:2025-02", "enter")
        await settle(pilot)
        found = library.search("停戦 after:2025-02").total
        assert found and len(listing.entries) == found
        await backspace_over_hits("停戦 after:2025-02")
        assert bar.query_text == "停戦" and screen.shown_query == "停戦"
        assert len(listing.entries) == library.search("停戦").total
        # A facet picked, a filter typed (left out, joined by OR, a space after it, in
        # one read with Enter), and the query of a filter alone: the same.
        await pilot.press("enter", "f")
        await settle(pilot)
        assert isinstance(app.screen, FacetPicker)
        await pilot.press("enter")  # the first outlet listed
        await settle(pilot)
        picked = bar.query_text
        assert picked.startswith('停戦 outlet:"'), picked
        await backspace_over_hits(picked)
        assert bar.query_text == "停戦" and listing.entries
        for typed in ("ゼレンスキー -site:example.com ", "ゼレンスキー OR after:2025"):
            await pilot.press("ctrl+u", *typed)
            await settle(pilot)
            typed_at_once(app, ("enter", "\r"), ("backspace", "\x7f"))
            await settle(pilot)
            assert app.focused is bar.input and bar.query_text == "ゼレンスキー", typed
            assert screen.shown_query == "ゼレンスキー" and listing.entries
        await pilot.press("ctrl+u", *"after:2025", "enter")
        await settle(pilot)
        await backspace_over_hits("after:2025")
        assert bar.query_text == "" and listing.entries  # every article
        await pilot.press(*"停戦 title:停戦", "enter")
        await settle(pilot)
        await backspace_over_hits("停戦 title:停戦")
        assert bar.query_text == "停戦 title:停"


@sync
async def test_a_key_typed_right_after_enter_on_an_empty_bar_acts_on_the_list(
    indexed: tuple[Path, Path],
) -> None:
    """Enter on an empty bar searches nothing and goes to the list: a `j` typed with it
    moves down the list, not into the bar."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash")
        assert screen.article_list.highlighted == 0
        typed_at_once(app, ("enter", "\r"), ("j", "j"))
        await settle(pilot)
        assert screen.search_bar.query_text == ""
        assert app.focused is screen.article_list
        assert screen.article_list.highlighted == 1


@sync
async def test_a_letter_typed_right_after_enter_mends_a_query_found_wrong(
    indexed: tuple[Path, Path],
) -> None:
    """のに (particles alone, only the index can tell they search nothing) Enter x in one
    read: the search sends the focus back to the bar, its cursor after the query, and the
    x waits for that, then mends the query rather than typing over it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"のに")
        await settle(pilot)
        typed_at_once(app, ("enter", "\r"), ("x", "x"))
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        assert screen.search_bar.query_text == "のにx"
        assert screen.state.search_history() == []  # (not kept: it searched nothing)


@sync
async def test_keys_typed_after_enter_wait_for_its_search_only_so_long(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that does not answer (here held until the test ends) does not keep the
    keys typed after Enter from acting: past `KEYS_WAIT` (made short here) they act
    on the list as it is."""
    from tui import held_keys

    monkeypatch.setattr(held_keys, "KEYS_WAIT", 0.05)
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        with searches_at_enter_held(screen):
            typed_at_once(app, ("enter", "\r"), ("j", "j"))
            await wait_until(pilot, lambda: screen.article_list.highlighted == 1)
            assert screen.search_bar.query_text == "停戦"
            assert app.focused is screen.article_list
        await settle(pilot)
        assert screen.shown_query == "停戦" and not screen.search.live


@pytest.mark.parametrize(
    ("query", "said"),
    [
        # The dates read well one by one: no day is in both only once they are joined.
        ("after:2025-06 before:2025-03", "no date is both on or after 2025-06-01"),
        # Particles alone are searched as a reading: only the index can tell it has no
        # word read so.
        ("のに", "particles are not indexed"),
    ],
)
@sync
async def test_enter_on_a_query_found_wrong_once_searched_leaves_the_bar(
    indexed: tuple[Path, Path], query: str, said: str
) -> None:
    """Enter went to the list, which then said what was wrong, and the next keys were
    the list's (Backspace did nothing)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *query, "enter")
        await settle(pilot)
        assert said in screen.article_list.notice
        assert app.focused is screen.search_bar.input
        await pilot.press("x")  # the cursor after the query, nothing selected: to mend it
        assert screen.search_bar.query_text == f"{query}x"
        await pilot.press(*["backspace"] * (len(query) + 1), *"停戦", "enter")
        await settle(pilot)
        assert screen.shown_query == "停戦" and screen.article_list.entries
        assert app.focused is screen.article_list  # a query that searches: to its hits


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("answered", [True, False], ids=["after-its-count", "at-once"])
@sync
async def test_enter_on_a_search_with_no_hits_leaves_the_bar_to_mend_it(
    indexed: tuple[Path, Path], size: tuple[int, int], answered: bool
) -> None:
    """Enter on "0 hits" moved the focus to the empty list: the Backspace and the letter
    typed next were lost, the bar still said `ぬぬぬぬぬ … 0 hits`, and only `/` got back.
    (`answered`: Enter after the count showed; else at once, before the search answered.)"""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"ぬぬぬぬぬ")
        if answered:
            await settle(pilot)
            assert screen.shown_query == "ぬぬぬぬぬ" and not screen.article_list.entries
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        assert screen.pane == "list"  # the list still says why, at 80 columns too
        assert screen.article_list.notice.startswith("No article matches “ぬぬぬぬぬ”")
        assert "No article matches" in shown_text(screen.article_list)
        await pilot.press("backspace", "x")
        await settle(pilot)
        assert screen.search_bar.query_text == "ぬぬぬぬx"
        assert screen.article_list.notice.startswith("No article matches “ぬぬぬぬx”")


@sync
async def test_the_key_a_no_hits_notice_names_opens_the_help_from_the_bar(
    indexed: tuple[Path, Path],
) -> None:
    """From review: the notice said "? lists the keys" while the bar kept the focus, so
    `?` was typed into the query (`foo:bar?`). The key it names opens the help there."""
    from tui.screens import HelpScreen

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"ぬぬぬぬぬ", "enter")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        hint = next(
            line for line in screen.article_list.notice.splitlines() if "lists the keys" in line
        )
        key = hint.removeprefix("· ").split()[0]
        await pilot.press({"?": "question_mark"}.get(key, key.lower()))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert screen.search_bar.query_text == "ぬぬぬぬぬ"


@sync
async def test_enter_goes_to_hits_found_as_written_though_none_were_as_typed(
    indexed: tuple[Path, Path],
) -> None:
    """As typed, `でな` is the start of a word (出ない, say, none of them after 停戦が):
    no hits, and Enter keeps the bar. As written its particles are left out (で, な), and
    the hits 停戦 finds get the focus. (It was `停戦 -交`: as typed, a word left out is
    left out once typed; then `停戦 ネ`, until a first kana found the words it begins as
    read; then `停戦 よね`, until a particle typed as a word of its own counted as at
    Enter.)"""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦がでな")
        await settle(pilot)
        assert not screen.article_list.entries
        await pilot.press("enter")
        await settle(pilot)
        assert screen.shown_query == "停戦がでな" and screen.article_list.entries
        assert app.focused is screen.article_list


@sync
async def test_the_terminal_cursor_stands_where_the_bar_draws_its_cursor(
    indexed: tuple[Path, Path],
) -> None:
    """An input method opens its composition at the terminal's cursor: at the end of
    the query it stood a cell right of the drawn cursor (Input's offset there counts
    the cell it keeps for the cursor)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        bar = main_screen(app).search_bar.input
        wider = ["end", *"東京都知事選挙の候補者の公約と政策と日本の経済" * 2]  # past the bar
        for keys in (["slash", *"東京都知事"], ["left"], ["end", *"ab"], wider, ["home"]):
            await pilot.press(*keys)
            await settle(pilot)
            segments = list(bar.render_lines(Region(0, 0, bar.outer_size.width, 1))[0])
            background = segments[0].style.bgcolor if segments[0].style else None
            drawn, cells = None, 0
            for segment in segments:
                if segment.style is not None and segment.style.bgcolor != background:
                    drawn = cells  # the cursor's cell, in the cursor's colours
                cells += segment.cell_length
            assert drawn is not None
            assert app.cursor_position.x == bar.region.x + drawn, keys


@sync
async def test_a_query_wider_than_the_bar_shows_that_it_goes_on(
    indexed: tuple[Path, Path],
) -> None:
    """A 120-character query at 80 columns: the bar scrolled it under the cursor and
    showed no sign of the rest, its start cut off as it was typed and once Enter gave
    the hits the focus (the bar then showed `統領 OR 和平 OR …` as if it began there),
    its end cut off after Home."""
    from textual import events

    words = ["トランプ", "ウクライナ", "ロシア", "交渉", "停戦", "ゼレンスキー", "プーチン"]
    query = " OR ".join(words * 3)[:120].rstrip(" OR")
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        bar = screen.search_bar.input

        def bar_row() -> str:
            strip = app.screen._compositor.render_strips()[bar.region.y]
            return strip.crop(bar.content_region.x, bar.content_region.right).text

        await pilot.press("slash", *"停戦 OR 交渉")
        await settle(pilot)
        assert bar_row().rstrip() == "停戦 OR 交渉"  # one that fits: no mark
        await pilot.press("ctrl+u")
        typed = query.rindex(" ", 0, 100)  # the rest pasted (typed, it took 10 s here)
        bar.post_message(events.Paste(query[:typed]))
        await pilot.press(*query[typed:])
        await settle(pilot)
        assert len(query) == 120 and bar.value == query
        row = bar_row()
        assert row.startswith("…") and row.rstrip().endswith(query[-12:]), row
        await pilot.press("home")
        await settle(pilot)
        row = bar_row()
        assert row.startswith("トランプ OR ウクライナ OR") and row.endswith("…"), row
        await pilot.press("end", "enter")
        await settle(pilot)
        assert app.focused is screen.article_list and screen.article_list.entries
        row = bar_row()
        assert row.startswith("トランプ OR ウクライナ OR") and row.endswith("…"), row
        assert "…" not in row[:-1]
        # A click there puts the cursor where it fell: on ウクライナ's ウ, as shown.
        await pilot.click(bar, offset=(bar.content_region.x - bar.region.x + 12, 0))
        await settle(pilot)
        assert app.focused is bar and query[bar.cursor_position :].startswith("ウクライナ")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_long_query_committed_over_the_list_shows_its_end_and_the_cursor(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A query wider than the bar committed at once over the list, as an input method
    does: the bar showed `ゼレンスキー大統領 OR … 長友佑都 after:201…` with its end out of
    sight and the cursor under the "…" until the next key (review). The bar was
    scrolled to the cursor while it was as wide as before the hit count took its place
    beside it."""
    query = (
        "ゼレンスキー大統領 OR 香川真司 OR 本田圭佑 OR 長友佑都 OR 停戦 OR プーチン大統領"
        " OR ウクライナ after:2012-01 移籍"
    )
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        bar = screen.search_bar.input
        await keys_sent(pilot, query)
        await settle(pilot)
        assert app.focused is bar and bar.value == query
        assert cell_len(query) > size[0]
        strip = app.screen._compositor.render_strips()[bar.region.y]
        row = strip.crop(bar.content_region.x, bar.content_region.right).text
        assert row.startswith("…") and row.rstrip().endswith(query[-12:]), row
        # The terminal's cursor (where an input method composes) right after the query.
        assert app.cursor_position.x - bar.content_region.x == cell_len(row.rstrip()), row


@sync
async def test_enter_lists_the_hits_as_submitted_from_the_first(
    indexed: tuple[Path, Path],
) -> None:
    """Enter ranks the hits anew (whole words): the cursor starts at the first of them,
    not on whichever it was on in the list as typed."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        assert "as typed" in str(listing.border_title) and len(listing.entries) > 1
        await pilot.press("tab", "j")
        assert listing.highlighted == 1
        await pilot.press("slash", "end", "enter")
        await settle(pilot)
        assert "as typed" not in str(listing.border_title)
        assert listing.highlighted == 0 and listing.scroll_y == 0
        await pilot.press("j", "s")  # re-sorted: a new order, from its first hit too
        await settle(pilot)
        assert listing.highlighted == 0 and listing.scroll_y == 0


@sync
async def test_search_history_keeps_what_searched_not_what_failed(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 after:xyz", "enter")
        await settle(pilot)
        # The bar keeps the query to mend: its mistake taken back, it searches.
        await pilot.press(*["backspace"] * len(" after:xyz"), "enter")
        await settle(pilot)
        assert screen.state.search_history() == ["停戦"]


@sync
async def test_up_and_down_in_the_bar_go_through_earlier_searches(
    indexed: tuple[Path, Path],
) -> None:
    """↑ in the search bar moved the list's cursor; a search box's ↑ brings back the
    search before (review). Each is searched as it was submitted, not as if typed (a
    review: とうきょうと recalled found 301 where it had found 192); ↓ past the newest
    gives back the bar as it was."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        await submit(pilot, "停戦", "交渉", "トランプ")
        await pilot.press("ctrl+l", "slash")  # an empty bar
        assert await recall(pilot, "up", "up", "up") == ["トランプ", "交渉", "停戦"]
        assert screen.shown_query == "停戦" and "as typed" not in str(listing.border_title)
        assert app.focused is screen.search_bar.input  # typing goes on in the bar
        assert await recall(pilot, "up") == ["停戦"]
        assert screen.status.message == "that is the oldest search"
        assert await recall(pilot, "down", "down") == ["交渉", "トランプ"]
        assert screen.status.message == ""  # it is no longer the oldest
        assert screen.shown_query == "トランプ"
        assert await recall(pilot, "down") == [""]  # as it was: every article listed
        assert screen.mode == "all" and len(listing.entries) == 3
        assert await recall(pilot, "down") == [""]
        assert screen.status.message == "no later search (Tab or Enter goes to the hits)"


@sync
async def test_what_was_typed_picks_the_searches_and_is_kept(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await submit(pilot, "停戦", "交渉", "停戦 交渉")
        await pilot.press("ctrl+l", "slash", "停")
        assert await recall(pilot, "up", "up", "up") == ["停戦 交渉", "停戦", "停戦"]
        assert screen.status.message == "that is the oldest search beginning with 「停」"
        # The bar draws what is searched and nothing after it: 停戦 recalled (a prefix
        # of 停戦 交渉) once showed 停戦 交渉 in grey over the hits of 停戦 (review).
        assert "".join(s.text for s in screen.search_bar.input.render_line(0)).strip() == "停戦"
        assert await recall(pilot, "down", "down") == ["停戦 交渉", "停"]
        assert screen.shown_query == "停"  # its hits as typed again
        # A recalled search edited is what is typed now: kept in its turn.
        await recall(pilot, "up")
        await pilot.press("backspace", "backspace", "backspace")
        assert await recall(pilot, "up", "down") == ["停戦 交渉", "停戦"]
        await pilot.press(*" 合意")
        assert await recall(pilot, "up") == ["停戦 合意"]
        assert screen.status.message == "no earlier search beginning with 「停戦 合意」"


@sync
async def test_up_recalls_what_another_reader_on_the_home_searched(
    indexed: tuple[Path, Path],
) -> None:
    """Bookmarks made in a second session showed in the first, its searches never did:
    the history was read once, at start (review)."""
    from index.locations import locations
    from index.state import UserState

    home, corpus = indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await submit(pilot, "停戦")
        other = UserState.open(locations(home))  # the other session's Enter
        other.add_search("交渉")
        other.close()
        await pilot.press("ctrl+l", "slash")
        assert await recall(pilot, "up", "up") == ["交渉", "停戦"]
        assert screen.shown_query == "停戦"


@sync
async def test_up_after_slash_skips_the_search_shown(indexed: tuple[Path, Path]) -> None:
    """`/` leaves the last query in the bar, selected to be typed over: not a prefix to
    pick by, and not recalled again."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        await submit(pilot, "停戦", "交渉")
        await pilot.press("slash")
        assert await recall(pilot, "up", "down") == ["停戦", "交渉"]


@sync
async def test_up_with_no_history_says_so_and_moves_nothing(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", "停")
        await settle(pilot)
        highlighted = screen.article_list.highlighted
        assert await recall(pilot, "up", "down") == ["停", "停"]
        assert screen.article_list.highlighted == highlighted
        assert screen.status.message == "no later search (Tab or Enter goes to the hits)"
        await pilot.press("up")
        assert screen.status.message == "no earlier searches yet (Enter keeps a search)"
        await pilot.press("tab", "down")  # the hits are a Tab away
        assert screen.article_list.highlighted == (highlighted or 0) + 1


@sync
async def test_up_in_a_burst_acts_in_the_order_typed(indexed: tuple[Path, Path]) -> None:
    """Keys arriving in one read: ↑ recalls before the characters behind it are typed."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await submit(pilot, "交渉", "停戦")
        await pilot.press("ctrl+l")
        for key, char in [("slash", "/"), ("up", None), ("space", " "), ("合", "合")]:
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 合"
        assert screen.shown_query == "停戦 合"


@sync
async def test_a_filter_being_typed_is_no_error(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"after:202")
        await settle(pilot)
        assert screen.search_bar.status.strip() == "…"  # not "query error"
        assert "type the rest of the date" in screen.article_list.notice
        await pilot.press("5")
        await settle(pilot)
        assert screen.article_list.entries and not screen.article_list.notice


@sync
async def test_a_date_being_typed_keeps_the_list_of_the_date_so_far(
    indexed: tuple[Path, Path],
) -> None:
    """From review: each - of a date, and a month or day half typed, brought the list
    without the date back (大阪 after:2012-05-1 over ldcc: 195, 124, 195, 195, 65, 195,
    65 hits). The date typed so far holds until the next part is whole."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        every = {entry.summary.id for entry in screen.article_list.entries}
        await pilot.press(*" after:2025")
        await settle(pilot)
        dated = {entry.summary.id for entry in screen.article_list.entries}
        assert dated and dated != every
        for key in "-02-1":
            await pilot.press(key)
            await settle(pilot)
            shown = {entry.summary.id for entry in screen.article_list.entries}
            assert shown == dated, screen.search_bar.query_text
            assert screen.search_bar.status.strip() == "1 hit", screen.search_bar.query_text


@sync
async def test_an_opening_quote_typed_first_is_no_error(indexed: tuple[Path, Path]) -> None:
    """From review: 「 (or ", “, 『, （) typed first said "query error", and "nothing to
    search for in '「'" in the list, where - alone says "-: type the word to leave out"."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash")
        app.post_message(events.Key("left_corner_bracket", "「"))  # (press() gives no 「)
        await settle(pilot)
        assert screen.search_bar.status.strip() == "…"  # not "query error"
        assert "「: type the words to find together, then 」" in screen.article_list.notice
        await pilot.press(*"停戦")
        app.post_message(events.Key("right_corner_bracket", "」"))
        await settle(pilot)
        assert screen.search_bar.query_text == "「停戦」"
        await settle(pilot)
        assert screen.article_list.entries and not screen.article_list.notice


@sync
async def test_the_status_line_names_the_particles_a_search_left_out(
    indexed: tuple[Path, Path],
) -> None:
    """停戦 の 交渉 searched 停戦 交渉 without a word of the の; 停戦 から 交渉 found
    nothing (から alone read as a conjunction)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 交渉")
        await settle(pilot)
        both = {entry.summary.id for entry in screen.article_list.entries}
        assert both and "ignored" not in screen.status.message
        await pilot.press("ctrl+u", *"停戦 の 交渉 から 交渉")
        await settle(pilot)
        assert {entry.summary.id for entry in screen.article_list.entries} == both
        assert screen.status.message == "ignored の, から: particles and symbols are not searched"
        await pilot.press(*["backspace"] * 6)  # 停戦 の 交渉: から no longer
        await settle(pilot)
        assert screen.status.message == "ignored の: particles and symbols are not searched"
        await pilot.press("escape")  # the search gone, what it left out goes too
        await settle(pilot)
        assert "ignored" not in screen.status.message


@sync
async def test_no_hits_says_so_and_what_to_try(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 軍備縮小 朝顔", "enter")
        await settle(pilot)
        assert screen.article_list.entries == [] and screen.search_bar.status.strip() == "0 hits"
        notice = screen.article_list.notice
        assert notice.startswith("No article matches “停戦 軍備縮小 朝顔”")
        assert "a space means AND" in notice
        assert screen.article_list.current_id is None
        await pilot.press("enter", "j", "enter")  # the notice is no entry: nothing opens
        await settle(pilot)
        assert screen.reader.article is None
        await pilot.press("slash", "end", *["backspace"] * 3)  # typing on lists hits again
        await settle(pilot)
        assert len(screen.article_list.entries) == 1 and not screen.article_list.notice


@sync
async def test_no_hits_hints_a_reading_only_where_it_finds_something(
    indexed: tuple[Path, Path],
) -> None:
    """From review: `東京`, in no article here, was told to try a reading in hiragana
    (とうきょう: 東京), which finds nothing either; 停船's reading ていせん finds 停戦."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        for query, hinted in (("東京", False), ("停船", True)):
            await pilot.press("slash", "ctrl+u", *query, "enter")
            await settle(pilot)
            notice = screen.article_list.notice
            assert notice.startswith(f"No article matches “{query}”"), notice
            assert ("A reading in hiragana" in notice) is hinted, query


@sync
async def test_keys_right_after_tab_go_to_the_pane_it_focuses(indexed: tuple[Path, Path]) -> None:
    """Tab then j in one read (typed fast, or over SSH): j moves in the hits; it was
    typed into the search bar that Tab was leaving."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        for key, char in (("tab", "\t"), ("j", "j")):  # queued before either is handled
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦"
        assert app.focused is screen.article_list and screen.article_list.highlighted == 1


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
@sync
async def test_japanese_typed_outside_the_bar_is_searched(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """東京 committed by an input method in the list did nothing: `/` had to come first.
    Text no key is bound to (kana, kanji, full-width) goes to the search bar, every
    character of a commit in order, and is searched as typed; the query in the bar is
    typed over, as after `/`. ASCII keeps its keys (j moves)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing, bar = screen.article_list, screen.search_bar
        await keys_sent(pilot, "j")
        assert app.focused is listing and listing.highlighted == 1 and bar.query_text == ""
        await keys_sent(pilot, "停戦")
        assert app.focused is bar.input
        assert bar.query_text == "停戦" and screen.shown_query == "停戦"
        assert bar.status.strip() == f"{len(listing.entries)} hits"
        await pilot.press("enter")  # to the hits; a commit there is a new search
        await settle(pilot)
        await keys_sent(pilot, "ゼレンスキー大統領")
        assert app.focused is bar.input
        assert bar.query_text == "ゼレンスキー大統領" and screen.shown_query == bar.query_text
        await pilot.press("escape", "escape")
        await settle(pilot)
        await keys_sent(pilot, "（停戦）")  # full-width brackets too
        assert bar.query_text == "（停戦）" and app.focused is bar.input


@sync
async def test_an_undecodable_byte_outside_the_bar_is_no_search(
    indexed: tuple[Path, Path],
) -> None:
    """A byte the terminal sent that is no UTF-8 is read as U+FFFD (tui.terminal_input:
    Alt+j where Alt sets the eighth bit is 0xFF 'j'): it typed "\ufffdj" over the query
    and its filters, where `j` alone moved the cursor (regression review). It is no
    text: dropped, the key after it a key."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing, bar = screen.article_list, screen.search_bar
        await keys_sent(pilot, "\ufffdj")
        assert app.focused is listing and bar.query_text == ""
        assert listing.highlighted == 1


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@sync
async def test_japanese_typed_while_reading_is_searched(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """In the article (and in its Sources pane), text typed is a search too: no key
    there takes a kanji, and a reader who types one wants to find it. The article
    stays open, Esc from the bar going back to the list, as after `/`."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        opened = screen.open_id
        assert opened is not None and app.focused is screen.reader
        await keys_sent(pilot, "交渉")
        assert app.focused is screen.search_bar.input
        assert screen.search_bar.query_text == "交渉" and screen.shown_query == "交渉"
        assert screen.open_id == opened
        await pilot.press("enter", "enter", "c")  # a hit opened, then its Sources pane
        await settle(pilot)
        assert app.focused is screen.cards
        await keys_sent(pilot, "停戦")
        assert app.focused is screen.search_bar.input
        assert screen.search_bar.query_text == "停戦" and screen.shown_query == "停戦"


@sync
async def test_text_pasted_outside_the_bar_is_searched(indexed: tuple[Path, Path]) -> None:
    """A word pasted over the list or the article did nothing (a paste is no key, so
    typing outside the bar did not cover it); it goes to the search bar and is searched,
    ASCII too: a paste is never a command."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        bar = screen.search_bar
        assert app.focused is screen.article_list
        app.post_message(events.Paste("停戦\n"))
        await settle(pilot)
        assert app.focused is bar.input
        assert bar.query_text == "停戦" and screen.shown_query == "停戦"
        await pilot.press("enter", "enter")  # an article open, read
        await settle(pilot)
        assert app.focused is screen.reader
        app.post_message(events.Paste("ceasefire"))
        await settle(pilot)
        assert app.focused is bar.input and bar.query_text == "ceasefire"


@sync
async def test_clear_search_in_the_bar_keeps_it_for_the_next_query(
    indexed: tuple[Path, Path],
) -> None:
    """ctrl+l in the search bar cleared the query and left the bar for the list: the
    query typed next (東京 cleared, then 大阪) was lost (review). The bar keeps the
    focus; ctrl+l on the empty bar, or in the list, goes to the list."""
    from textual import events

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        every = len(screen.article_list.entries)
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        assert screen.shown_query == "停戦"
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        assert screen.search_bar.query_text == "" and screen.mode == "all"
        assert len(screen.article_list.entries) == every
        await pilot.press(*"交渉")
        await settle(pilot)
        assert screen.search_bar.query_text == "交渉" and screen.shown_query == "交渉"
        # In one read with the keys around it (fast typing, over SSH): in their order.
        for key, char in [("合", "合"), ("ctrl+l", None), ("停", "停"), ("戦", "戦")]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦" and screen.shown_query == "停戦"
        await pilot.press("ctrl+l", "ctrl+l")  # cleared, then out of the empty bar
        await settle(pilot)
        assert app.focused is screen.article_list and screen.search_bar.query_text == ""
        await pilot.press("slash", *"停戦", "enter", "ctrl+l")  # from the hits
        await settle(pilot)
        assert app.focused is screen.article_list and screen.search_bar.query_text == ""


@sync
async def test_clear_search_leaves_an_empty_bar_too(indexed: tuple[Path, Path]) -> None:
    """ctrl+l left a bar with a query for the list, but an empty one kept the focus
    ("no search to clear"): the next `/` then typed a slash into the query."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", "停", "backspace", "ctrl+l")
        await settle(pilot)
        assert app.focused is screen.article_list
        await pilot.press("slash", "停")
        await settle(pilot)
        assert screen.search_bar.query_text == "停"


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_escape_steps_back_to_the_hits_then_clears_the_search(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter", "down", "enter")
        await settle(pilot)
        reader, listing = screen.reader, screen.article_list
        assert app.focused is reader and reader.ranges
        await pilot.press("n")
        await pilot.pause()
        assert screen.status.message.startswith("match 2/")
        # Esc from the article: back to the hits, the search and the cursor as they were
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is listing and listing.highlighted == 1
        assert screen.search_bar.query_text == "停戦" and len(listing.entries) == 3
        # Esc again: the search is cleared, and its hits with it
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_bar.query_text == "" and screen.shown_query is None
        assert reader.ranges == [] and reader.current_hit is None
        assert not screen.status.message.startswith("match")
        await pilot.press("tab", "n")
        await pilot.pause()
        assert not screen.status.message.startswith("match")


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_tab_from_the_search_bar_goes_to_the_hits(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        listing = screen.article_list
        listing.highlighted = 1
        await pilot.press("enter")  # an article open
        await settle(pilot)
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is listing and screen.pane == "list"
        assert screen.search_bar.query_text == "停戦" and screen.shown_query == "停戦"


@sync
async def test_the_hit_count_is_laid_out_as_wide_as_its_text(indexed: tuple[Path, Path]) -> None:
    from tui.widgets.search_bar import COUNT_WIDTH

    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        count = screen.search_bar.query_one("#search-count")
        empty = count.size.width  # no count before a search
        await pilot.press("slash")
        await settle(pilot)
        # The count's place is kept from `/`: the input does not shrink when it comes.
        assert count.size.width == COUNT_WIDTH and not screen.search_bar.status.strip()
        input_width = screen.search_bar.input.size.width
        layouts = 0
        original = screen._refresh_layout

        def counted(size: Size | None = None, scroll: bool = False) -> None:
            nonlocal layouts
            layouts += 1
            original(size, scroll)

        # An attribute of this screen alone over Textual's method, to count its calls:
        # mypy refuses any assignment to a method, however well typed.
        screen._refresh_layout = counted  # type: ignore[method-assign]
        await pilot.press("停")
        await settle(pilot)
        assert screen.search_bar.status.strip().endswith("hits")
        assert count.size.width == COUNT_WIDTH
        assert screen.search_bar.input.size.width == input_width
        # Nothing moved, so nothing was laid out again (a pass repaints the whole screen).
        assert layouts == 0
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_bar.status == "" and count.size.width == empty


@sync
async def test_a_full_width_space_typed_is_kept_and_means_and(
    indexed: tuple[Path, Path],
) -> None:
    """A Japanese input method types U+3000 for the space bar: Input took only
    `isprintable()` characters, so 交渉　ゼレンスキー was searched as 交渉ゼレンスキー (no
    hit) and kept so in the history. Other characters an IME or an emoji picker types
    that are no `isprintable()` (a no-break space, a zero-width joiner, private use) are
    typed too; a control is not."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        library = screen.library
        assert library is not None
        wanted = library.search("交渉　ゼレンスキー").total
        assert wanted > library.search("交渉ゼレンスキー").total
        await pilot.press("slash", *"交渉")
        await keys_sent(pilot, "\u3000")
        await pilot.press(*"ゼレンスキー")
        await settle(pilot)
        assert screen.search_bar.query_text == "交渉\u3000ゼレンスキー"
        assert len(screen.article_list.entries) == wanted
        await pilot.press("enter")
        await settle(pilot)
        assert screen.state.search_history() == ["交渉\u3000ゼレンスキー"]
        await pilot.press("slash", "ctrl+u")
        # Then a control (ctrl+t: no binding of the bar), a bidi override and a line
        # separator, none of which is typed.
        await keys_sent(pilot, "👨\u200d👩\u00a0\ue000\x14\u202e\u2028")
        assert screen.search_bar.query_text == "👨\u200d👩\u00a0\ue000"


@sync
async def test_the_status_line_says_why_enter_found_few_with_an_operator_in_lower_case(
    tmp_path: Path,
) -> None:
    """`東京 or 大阪` listed 2 hits of ldcc (the articles holding "or") with no word of
    why, where `東京 OR 大阪` finds 1,233 and `yomite search` says so: after Enter, the
    status line does too, in one line of 80 columns. Not while typing (`or` may begin
    a word), nor once the query is mended."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "cities"
    corpus.mkdir()
    (corpus / "either.txt").write_text("二都\n\n東京 or 大阪、住むならどちら？\n", encoding="utf-8")
    (corpus / "tokyo.txt").write_text("東京\n\n東京の話。\n", encoding="utf-8")
    (corpus / "osaka.txt").write_text("大阪\n\n大阪の話。\n", encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"東京 or 大阪")
        await settle(pilot)
        assert len(screen.article_list.entries) == 1
        assert "capitals" not in screen.status.message  # as typed: not yet
        await pilot.press("enter")
        await settle(pilot)
        assert len(screen.article_list.entries) == 1
        said = "'or' was searched as a word: operators are in capitals (東京 OR 大阪)"
        assert screen.status.message == said
        await pilot.press("slash", *"東京 OR 大阪", "enter")  # the query selected: typed over
        await settle(pilot)
        assert len(screen.article_list.entries) == 3
        assert "capitals" not in screen.status.message


@sync
async def test_the_status_line_tells_a_host_typed_as_a_word_its_site_filter(
    tmp_path: Path,
) -> None:
    """From review: `news.livedoor.com` listed the 41 articles of ldcc that write it
    out, and nothing said that `site:news.livedoor.com` lists the 7,367 from that site:
    after Enter, the status line does, in one line of 80 columns."""
    texts = {
        "cited": "出典\n\nnews.livedoor.comの記事によると、東京は晴れ。\n",
        "other": "東京\n\n東京の話。\n",
    }
    app = reader_app(*texts_home(tmp_path, "news", texts))
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"news.livedoor.com", "enter")
        await settle(pilot)
        assert len(screen.article_list.entries) == 1
        assert screen.status.message == "site:news.livedoor.com lists the articles from its site"
        await pilot.press("slash", *"東京", "enter")
        await settle(pilot)
        assert len(screen.article_list.entries) == 2
        assert "site:" not in screen.status.message


@sync
async def test_a_space_after_the_last_word_searches_it_whole(tmp_path: Path) -> None:
    """From the regression review: the bar searched its query stripped, so a space
    typed after a word did not end it: 日本のま kept counting the words its ま may begin
    (日本の町) until Enter, where the README says a space searches the word as typed,
    as `yomite search` and the library do (a real 0 then said)."""
    texts = {"town": "散歩\n\n日本の町を歩いた。\n", "other": "料理\n\n夕食を作った。\n"}
    app = reader_app(*texts_home(tmp_path, "texts", texts))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"日本のま")
        await settle(pilot)
        assert [e.summary.title for e in screen.article_list.entries] == ["散歩"]
        await pilot.press("space")
        await settle(pilot)
        assert screen.article_list.entries == []
        assert screen.search_bar.status.strip() == "0 hits"
        assert screen.search_bar.query_text == "日本のま "
        await pilot.press("backspace")  # the word being typed again
        await settle(pilot)
        assert [e.summary.title for e in screen.article_list.entries] == ["散歩"]


@sync
async def test_a_search_that_finds_nothing_shows_its_count_before_its_hints_are_searched(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hints of an empty list that need the index searched again (words typed
    together found apart, as read, as typed) cost more than the search that found
    nothing (日本人がお at Enter over ldcc: ~5 ms to find nothing, ~100 ms more for its
    "as typed" hint), and the list and its 0 waited for them. They are asked once the
    list is shown, and added to it when known; the notice of a search before that found
    nothing stays until then (shown bare, each keystroke blinked the hint lines)."""
    from index.library import Library

    held_for: dict[str, threading.Event] = {}
    asked: list[str] = []
    no_hit_finds = getattr(Library, "no_hit_finds", None)

    def held(library: Library, query: str, **options: Any) -> Any:
        asked.append(query)
        if query in held_for:  # held until the test has looked at the list
            held_for.pop(query).wait(20)
        assert no_hit_finds is not None
        return no_hit_finds(library, query, **options)

    monkeypatch.setattr(Library, "no_hit_finds", held, raising=False)

    def notice() -> str:
        return " ".join(shown_text(main_screen(app).article_list).split())

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        first, second = held_for["停戦軍"], held_for["停戦軍備"] = (
            threading.Event(),
            threading.Event(),
        )
        try:
            await pilot.press("slash", *"停戦軍")  # 停戦 finds 2, 停戦軍 none
            await wait_until(pilot, lambda: "停戦軍" in asked)
            await wait_until(pilot, lambda: screen.search_bar.status.strip() == "0 hits")
            assert "No article matches “停戦軍”" in notice()
            assert "put spaces" not in notice()  # not known yet
            first.set()
            await wait_until(pilot, lambda: "put spaces" in notice())
            assert "to find them apart (停戦 軍)" in notice()
            # Typed on, nothing found: the count at once, the notice before kept whole
            await pilot.press("備")
            await wait_until(pilot, lambda: "停戦軍備" in asked)
            assert screen.search_bar.query_text == "停戦軍備"
            assert "No article matches “停戦軍” " in notice(), notice()
            assert "to find them apart (停戦 軍)" in notice()
        finally:
            first.set()
            second.set()
        await wait_until(pilot, lambda: "No article matches “停戦軍備”" in notice())
        assert "to find them apart (停戦 軍備)" in notice()
        await settle(pilot)
        assert screen.search_bar.status.strip() == "0 hits"


@pytest.mark.parametrize("width", [40, 44])
@sync
async def test_the_bar_placeholder_cut_short_ends_in_an_ellipsis(
    indexed: tuple[Path, Path], width: int
) -> None:
    """At 40 columns the placeholder ended `/ to search  (outlet:… after:2012-03`, cut
    at a blank with no sign of the rest, unlike every other line the reader cuts (user
    review). It ends in "…" right after the text that fits; in focus too (the cursor on
    its first cell), and whole where it fits."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(width, 24)) as (pilot, screen):
        bar = screen.search_bar.input
        full = bar.placeholder

        def bar_row() -> str:
            strip = app.screen._compositor.render_strips()[bar.region.y]
            return strip.crop(bar.content_region.x, bar.content_region.right).text

        for focused in (False, True):
            if focused:
                await pilot.press("slash")
                await settle(pilot)
            row = bar_row().rstrip()
            assert row.endswith("…") and full.startswith(row[:-1]), (focused, row)
            assert len(row) >= bar.content_region.width - 2, row  # cut at the edge, not a blank
    async with open_reader(reader_app(*indexed), size=(100, 30)) as (pilot, screen):
        bar = screen.search_bar.input
        strip = pilot.app.screen._compositor.render_strips()[bar.region.y]
        assert strip.text.strip() == bar.placeholder  # fits: whole


@sync
async def test_no_hits_for_a_quoted_phrase_names_it_once_and_says_to_drop_the_quotes(
    indexed: tuple[Path, Path],
) -> None:
    """From review: `"東京 大阪"` read `No article matches “"東京 大阪"”` (its quotes
    quoted again), then "put spaces between them to find them apart (東京 大阪)", a
    space typed already: the quotes make the words a phrase. Named as typed, as `yomite
    search` names it (`0 hits for "停戦 和平"`), and told to drop the quotes."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *'"停戦 和平"', "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "quotes" in screen.article_list.notice)
        notice = screen.article_list.notice
        assert notice.startswith('No article matches "停戦 和平"\n'), notice
        assert "drop the quotes to find them apart (停戦 和平)" in notice, notice
        assert "put spaces" not in notice
