"""The screen's layout and look driven with Pilot: the narrow (one pane at a time)
and wide (three panes) layouts and Tab between the panes, a terminal too small, the
footer's keys, themes and colours (16 colours, NO_COLOR, wide ambiguous
characters), titles cut short, and the status line and notices: what they say,
where they stand, how long they stay.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.geometry import Region

from index.typeset import cell_width
from tests.tui_support import (
    TIMERS_EARLY,
    StatusTimes,
    every_theme,
    main_screen,
    numbered_home,
    open_article,
    open_reader,
    palette_lists,
    reader_app,
    settle,
    shown_text,
    submit,
    sync,
    texts_home,
    themed_reader,
    told,
    wait_until,
)
from tui.cellwidth import narrow_ambiguous
from tui.screens import HelpScreen

HIT_MESSAGES = re.compile(
    r"match \d+/\d+|\d+ match(es)? in this article|finding the search's matches"
)
"""The status line's messages about the open article's hits."""


@sync
async def test_a_greyed_key_says_why_it_does_nothing(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        assert screen.reader.article is None
        await pilot.press("c")
        await pilot.pause()
        assert screen.status.message == (
            "Cards: no article is open (Enter opens the one under the cursor)"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.article is not None
        await pilot.press("asterisk")
        await pilot.pause()
        assert screen.status.message == (
            "Search word: press v to pick a word first (w and W pick the next or previous)"
        )
        assert not screen.is_searching  # and nothing was searched


@sync
async def test_notices_stand_above_the_status_line(indexed: tuple[Path, Path]) -> None:
    """A notice covered the status line's end, where what a key did is said."""
    from textual.widgets._toast import Toast

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30), notifications=True) as (pilot, screen):
        app.notify("a notice of some length, as the read-only home's", timeout=30)
        await pilot.press("b")
        await settle(pilot)
        toast = screen.query_one(Toast)
        assert toast.region and screen.status.region
        assert toast.region.bottom <= screen.status.region.y
        assert screen.status.message.startswith("bookmarked:")


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_notices_leave_the_panes_bottom_border_in_sight(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A notice stood on the bottom border of the pane under it: `╰───▌   ─╯` (review)."""
    from textual.widgets._toast import Toast

    app = reader_app(*indexed)
    async with open_reader(app, size=size, notifications=True) as (pilot, screen):
        app.notify("a notice of some length, as the read-only home's", timeout=30)
        await settle(pilot)
        toast = screen.query_one(Toast)
        border = screen.article_list.region.bottom - 1
        assert toast.region and toast.region.bottom <= border
        row = app.screen._compositor.render_strips()[border].text
        assert row.startswith("╰") and row.endswith("╯") and set(row) <= set("╰─╯"), row


@sync
async def test_the_footer_keeps_help_and_quit_at_80_columns(indexed: tuple[Path, Path]) -> None:
    from textual.widgets._footer import FooterKey

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)):
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        for key in ("question_mark", "q"):
            region = keys[key].region
            assert region.width and region.right <= 80 - len("^p palette")


@sync
async def test_narrow_layout_switches_between_list_reader_and_cards(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        assert screen.article_list.display and not screen.reader.display
        await pilot.press("j", "enter")
        await settle(pilot)
        assert screen.reader.display and not screen.article_list.display
        await pilot.press("c")
        assert screen.cards.display and not screen.reader.display
        await pilot.press("c")
        assert screen.reader.display
        await pilot.press("escape")
        assert screen.article_list.display and not screen.reader.display


@sync
async def test_searching_from_the_reader_on_a_narrow_screen_shows_the_hits(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.display and not screen.article_list.display
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        # The hits, not the article, are on screen while the query is typed.
        assert screen.article_list.display and not screen.reader.display
        assert app.focused is screen.search_bar.input
        assert screen.article_list.entries and screen.article_list.entries[0].hit is not None


@sync
async def test_wide_layout_shows_three_panes_and_tab_cycles(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        # No article open: no cards to show, the list and the reader share the width.
        assert screen.article_list.display and screen.reader.display
        assert not screen.cards.display
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_list.display and screen.reader.display and screen.cards.display
        assert app.focused is screen.reader
        await pilot.press("shift+tab")
        assert app.focused is screen.article_list
        await pilot.press("tab")
        assert app.focused is screen.reader
        await pilot.press("tab")
        assert app.focused is screen.cards
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused is screen.article_list
        # c goes to the cards, then hides them (the article takes their room), then shows them.
        await pilot.press("c")
        assert app.focused is screen.cards
        width = screen.reader.size.width
        await pilot.press("c")
        await pilot.pause()
        assert not screen.cards.display and app.focused is screen.reader
        assert screen.reader.size.width > width
        await pilot.press("tab", "tab")  # Tab passes the hidden pane by
        assert app.focused is screen.reader
        await pilot.press("c")
        await pilot.pause()
        assert screen.cards.display and app.focused is screen.cards
        assert screen.status.message == "source cards shown beside the text"
        # Narrowed, the cards are no longer beside the text: that is not said on.
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert screen.status.message == ""


@sync
async def test_a_notice_does_not_cover_the_help(indexed: tuple[Path, Path]) -> None:
    """The tmux advice (15 s) stood over the help's text and the date dialog (review).
    Notices, most said once only, are put away with the help up and back once it closes
    (the advice too: dropped, it was lost for good, user review). (Pilot draws no
    toasts: the notices the screen would draw are checked.)"""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        app.notify("some advice", severity="information", timeout=15)
        app.notify("2 files could not be indexed", severity="warning", timeout=15)
        await pilot.pause()
        assert len(app._notifications) == 2
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert list(app._notifications) == []
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert [n.message for n in app._notifications] == [
            "some advice",
            "2 files could not be indexed",
        ]


@sync
async def test_the_notice_of_files_not_indexed_does_not_cover_the_link_dialogs(
    tmp_path: Path,
) -> None:
    """The start's notice of the files it could not index (20 s) stood over the link
    picker and the `Open this link?` dialog, half their text hidden (review). It is put
    away while they stand, and shown again, with time to read it, once they close; one
    raised while a dialog stands waits too."""
    from index.library import Library
    from index.locations import locations
    from tui.app import NOTICE_BACK_SECONDS, create_app
    from tui.dialogs import ConfirmDialog, LinkPicker

    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "links.md").write_text(
        "# リンク集\n\n[東京](https://a.example/1)、[大阪](https://b.example/2)、"
        "[京都](https://c.example/3)。\n",
        encoding="utf-8",
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert len(library.update([corpus]).failed) == 2
    app = create_app(home, [corpus], cursor_blink=False, environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(80, 24)) as pilot:  # its update tells the failures
        screen = main_screen(app)
        await wait_until(pilot, lambda: "not indexed" in screen.status.message)
        await settle(pilot)
        notices = [str(n.message) for n in app._notifications]
        assert len(notices) == 1 and notices[0].startswith("2 files could not be indexed:")
        await open_article(pilot, app, "links")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        assert list(app._notifications) == []
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert list(app._notifications) == []
        app.notify("raised meanwhile", severity="warning")
        await pilot.pause()
        assert list(app._notifications) == []
        pressed = time.time()  # (a notice's times are the wall clock's)
        await pilot.press("n")
        await pilot.pause()
        back = list(app._notifications)
        assert [str(n.message) for n in back] == [*notices, "raised meanwhile"]
        # Its time counted again from when it came back, however long that took.
        assert back[0].time_left >= NOTICE_BACK_SECONDS - (time.time() - pressed)


@sync
async def test_ascii_borders_when_ambiguous_characters_are_wide(
    indexed: tuple[Path, Path],
) -> None:
    from tui.app import create_app

    home, corpus = indexed
    home.joinpath("config.toml").write_text("[reader]\nambiguous_width = 2\n")
    app = create_app(home, [corpus], update_on_start=False, cursor_blink=False, environ={})
    try:
        async with open_reader(app, size=(80, 24)) as (pilot, screen):
            assert screen.article_list.styles.border_top[0] == "ascii"
            await pilot.press("enter")
            await settle(pilot)
            lines = [strip.text for strip in app.screen._compositor.render_strips()]
    finally:
        narrow_ambiguous()  # process-wide: leave Rich as the other tests expect it
    # As a terminal drawing them two cells wide sees the screen: every line fits.
    assert any(unicodedata.east_asian_width(char) == "A" for line in lines for char in line)
    assert {cell_width(line, 2) for line in lines} == {80}


@pytest.mark.parametrize(
    ("term", "colorterm", "configured", "theme"),
    [
        ("xterm", "", "auto", "textual-ansi"),  # 16 colours: the terminal's own
        ("screen", "", "", "textual-ansi"),
        ("xterm-256color", "", "", "textual-dark"),
        ("xterm", "truecolor", "", "textual-dark"),
        ("xterm", "", "nord", "nord"),  # a theme chosen is kept
    ],
)
def test_the_default_theme_follows_the_terminals_colours(
    indexed: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    term: str,
    colorterm: str,
    configured: str,
    theme: str,
) -> None:
    home, corpus = indexed
    if configured:
        home.joinpath("config.toml").write_text(f'[reader]\ntheme = "{configured}"\n')
    monkeypatch.setenv("TERM", term)
    monkeypatch.setenv("COLORTERM", colorterm)
    assert reader_app(home, corpus).theme == theme


@sync
async def test_with_no_color_the_scrollbar_thumb_stands_out_from_its_track(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR turns the theme's colours to greys: the thumb came out black on the
    track's near-black (the same grey in 256 colours), and where the list was in its
    7,367 articles showed nowhere. (In 16 colours the thumb is drawn reversed.)"""
    monkeypatch.setenv("NO_COLOR", "1")
    home, corpus = numbered_home(tmp_path, 40)
    home.joinpath("config.toml").write_text('[reader]\ntheme = "textual-dark"\n')
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)):
        assert app.no_color
        bar = main_screen(app).article_list.vertical_scrollbar
        assert bar.display and bar.region.height > 4
        strips = app.screen._compositor.render_strips()[bar.region.y : bar.region.bottom]

        def grey(strip: Any) -> int | None:
            """The grey level a blank cell of the bar shows on this row (None: not blank)."""
            [(text, style, _)] = strip.crop(bar.region.x, bar.region.x + 1)
            seen = style.color if style.reverse else style.bgcolor
            return seen.triplet.red if text == " " and seen and seen.triplet else None

        greys = {level for strip in strips if (level := grey(strip)) is not None}
        assert len(greys) == 2 and max(greys) - min(greys) >= 64, greys  # thumb, track


@sync
async def test_a_terminal_too_small_says_so_and_the_reader_comes_back_when_it_grows(
    tmp_path: Path,
) -> None:
    """Below 30x8 the panes were drawn cut to pieces (a list of one border at 18x5)."""
    app = reader_app(*numbered_home(tmp_path, 5))
    async with open_reader(app, size=(18, 5)) as (pilot, _):

        def screen_text() -> str:
            return "\n".join(strip.text for strip in app.screen._compositor.render_strips())

        shown = screen_text()
        assert "18×5" in shown and "30×8" in shown and "q quits" in shown, shown
        assert "記事その" not in shown and "─" not in shown
        await pilot.resize_terminal(29, 20)
        await pilot.pause()
        assert "29×20" in screen_text()
        await pilot.resize_terminal(30, 8)
        await pilot.pause()
        shown = screen_text()
        assert "needs" not in shown and "記事その" in shown, shown
        await pilot.resize_terminal(10, 3)
        await pilot.pause()
        await pilot.press("q")  # the keys still work
        await pilot.pause()
    assert app.return_code == 0


@sync
async def test_a_theme_picked_in_the_palette_is_the_next_starts(indexed: tuple[Path, Path]) -> None:
    """It lasted the session: the next start was back to the default."""
    from index.locations import locations
    from index.state import UserState

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        palette = app.screen
        assert (await palette_lists(pilot, "theme"))[0].startswith("Theme")
        await pilot.press("enter")  # Theme: a palette of the themes
        await wait_until(
            pilot, lambda: isinstance(app.screen, CommandPalette) and app.screen is not palette
        )
        assert (await palette_lists(pilot, "nord"))[0].startswith("nord")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
        assert not any("Theme" in s for s in told(app))  # nothing to do to keep it
        await pilot.press("q")
    again = reader_app(*indexed)
    assert again.theme == "nord"
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
    # The config's theme written after the pick is the newer choice: it wins.
    home, corpus = indexed
    home.joinpath("config.toml").write_text('[reader]\ntheme = "gruvbox"\n')
    assert reader_app(home, corpus).theme == "gruvbox"
    state = UserState.open(locations(home))
    assert state.preference("theme") == "nord"  # (kept: a string, not checked by index/)
    state.close()


@sync
async def test_a_theme_in_the_state_that_is_no_theme_starts_with_the_default(
    indexed: tuple[Path, Path],
) -> None:
    """A theme since removed, or a state written by hand, is no crash: the config's."""
    from index.locations import locations
    from index.state import UserState

    home, corpus = indexed
    state = UserState.open(locations(home))
    state.set_preferences({"theme": "no-such-theme", "theme_config": "auto"})
    state.close()
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)):
        assert app.theme == "textual-dark"
        assert main_screen(app).article_list.entries


@sync
async def test_a_theme_picked_where_the_state_cannot_be_saved_says_how_to_keep_it(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        assert not any("Theme" in str(n.message) for n in app._notifications)
        app.setup.state.persistent = False  # as in a read-only home
        app.theme = "nord"  # as the palette's "Change theme" does
        await pilot.pause()
        said = told(app)
        assert any(
            'Theme nord for this session; to keep it, set theme = "nord"' in s
            and "config.toml" in s
            for s in said
        ), said


def screen_cell(app: Any, x: int, y: int) -> tuple[str, Any]:
    """The character drawn at (x, y) of the screen, and its Rich style."""
    [(text, style, _)] = app.screen._compositor.render_strips()[y].crop(x, x + 1)
    return text, style


@every_theme
@sync
async def test_the_focused_pane_and_the_lists_cursor_show_in_every_theme(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, theme: str, no_color: bool
) -> None:
    """In 16 colours (textual-ansi) every pane's border was the same blue whatever had
    the focus, and the list's cursor row had no highlight once the reader had it. With
    NO_COLOR there every cell was written black on black (30;40): Textual chose its
    filter under its default theme, greys, matched back to the terminal's black."""
    app = themed_reader(indexed, monkeypatch, theme, no_color)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing, reader = screen.article_list.region, screen.reader.region
        assert app.theme == theme and app.no_color == no_color

        def border(region: Region) -> tuple[str, Any, bool]:
            """A pane's top-left corner, its colour, and whether its title is bold."""
            corner, style = screen_cell(app, region.x, region.y)
            _, title = screen_cell(app, region.x + 3, region.y)  # "─ Articles"
            return corner, style.color, bool(title.bold)

        def look(y: int) -> tuple[object, ...]:
            """How a list row stands out: its background, reversed, underlined."""
            _, style = screen_cell(app, listing.x + 2, y)  # a blank cell of the row
            return (style.bgcolor, bool(style.reverse), bool(style.underline))

        cursor_row, plain_row = listing.y + 1, listing.y + 3  # entries of two rows each
        for focused, other in ((listing, reader), (reader, listing)):
            if focused is reader:
                await pilot.press("enter")
                await settle(pilot)
                assert app.focused is screen.reader
            else:
                assert app.focused is screen.article_list
            shown, hidden = border(focused), border(other)
            assert shown != hidden, (shown, hidden)  # the focused pane stands out
            if theme == "textual-ansi":
                assert shown[2] and not hidden[2]  # its title bold
                if no_color:
                    assert (shown[0], hidden[0]) == ("┏", "╭")  # no colour to tell them by
            # The cursor row shows, focused or not (more quietly, not).
            assert look(cursor_row) != look(plain_row)
        blurred = look(cursor_row)
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.article_list and look(cursor_row) != blurred
        if no_color:
            styles = [
                segment.style
                for strip in app.screen._compositor.render_strips()
                for segment in strip
                if segment.style is not None
            ]
            colours = {c.name for s in styles for c in (s.color, s.bgcolor) if c is not None}
            assert colours <= {"default"}, colours  # not black (30;40)


@every_theme
@sync
async def test_a_searchs_matches_show_on_the_lists_cursor_row(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, theme: str, no_color: bool
) -> None:
    """With NO_COLOR the cursor row is bold reverse, and the matches on it, reversed
    too, looked like the rest of the row (review): where 停戦 was in the entry under the
    cursor could not be seen, while every other row marked it."""
    app = themed_reader(indexed, monkeypatch, theme, no_color)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await submit(pilot, "停戦")
        listing = screen.article_list
        assert app.focused is listing and listing.highlighted == 0
        strips = app.screen._compositor.render_strips()

        def looks(y: int) -> tuple[set[object], set[object]]:
            """How the matches (停戦) on screen row `y` look, and how the rest of its text."""
            strip = strips[y].crop(listing.region.x + 1, listing.region.right - 3)
            matched: set[object] = set()
            other: set[object] = set()
            for found in re.finditer(r"停戦|[^\s停戦…]", strip.text):
                x = cell_width(strip.text[: found.start()])
                [(_, style, _)] = strip.crop(x, x + 1)
                assert style is not None
                look = (style.color, style.bgcolor, style.reverse, style.underline)
                (matched if found.group() == "停戦" else other).add(look)
            return matched, other

        cursor = [looks(y) for y in range(listing.region.y + 1, listing.region.y + 4)]
        assert any(matched for matched, _ in cursor), cursor  # a match on the cursor's row
        for matched, other in cursor:
            assert not matched & other, (matched, other)


@sync
async def test_the_ansi_only_theme_can_be_chosen(indexed: tuple[Path, Path]) -> None:
    home, corpus = indexed
    home.joinpath("config.toml").write_text('[reader]\ntheme = "textual-ansi"\n')
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)):
        assert app.theme == "textual-ansi"
        assert app.current_theme.primary.startswith("ansi_")


@sync
async def test_the_footer_follows_the_search_bar_without_remounting_its_keys(
    indexed: tuple[Path, Path],
) -> None:
    from textual.widgets._footer import FooterKey

    from tui.widgets.key_footer import KeyFooter

    app = reader_app(*indexed)
    # Wide enough for every key that applies
    async with open_reader(app, size=(200, 48)) as (pilot, _):
        footer = app.screen.query_one(KeyFooter)

        def shown() -> dict[str, bool]:
            """Each key the footer shows: enabled (False: greyed)."""
            return {
                key.key: not key.has_class("-disabled")
                for key in footer.query(FooterKey)
                if key.display and not key.has_class("-command-palette")
            }

        listing = shown()
        mounted = list(footer.query(FooterKey))
        assert listing["slash"] and listing["q"] and listing["B"]
        assert "c" not in listing  # source cards: no article open yet (left out)
        await pilot.press("slash")
        await settle(pilot)
        # The letter keys are typed in the query there, so the footer leaves them out.
        assert shown() == {"slash": True, "escape": True}
        await pilot.press(*"停戦", "escape")
        await settle(pilot)
        assert shown() == listing
        assert list(footer.query(FooterKey)) == mounted  # hidden and shown, not rebuilt
        await pilot.press("enter")  # open the article under the cursor
        await settle(pilot)
        assert shown()["c"]  # shown, and not greyed


@sync
async def test_sort_is_offered_only_where_s_sorts(indexed: tuple[Path, Path]) -> None:
    """The footer showed `s Sort` in full, and the palette listed Sort as it lists what
    applies, over related articles and bookmarks with a search kept and over filters
    alone; `s` then refused ("s sorts search hits: / to search first"). Out of the
    footer there, it says why when pressed, as such keys do. And "match 2/3" stayed over the related
    articles, where `n` said "no search matches to jump to" (review)."""
    from textual.widgets._footer import FooterKey

    app = reader_app(*indexed)
    async with open_reader(app, size=(200, 48)) as (pilot, screen):

        def sort_offered() -> bool:
            key = next(k for k in screen.query(FooterKey) if k.key == "s")
            return key.display and not key.has_class("-disabled")

        async def palette_says() -> str:
            await pilot.press("ctrl+p")
            prompts = await palette_lists(pilot, "sort")
            await pilot.press("escape")
            await settle(pilot)
            assert prompts and prompts[0].startswith("Sort  並べ替え"), prompts
            return prompts[0]

        async def refused(why: str) -> None:
            assert not sort_offered()
            assert f"not now: {why}" in await palette_says()
            await pilot.press("s")
            await settle(pilot)
            assert screen.status.message == f"Sort: {why}"
            assert screen.sort == "relevance"

        await pilot.press("d")  # from every article: a search of filters alone
        await pilot.pause()
        await pilot.press("ctrl+u", *"2025", "enter")
        await settle(pilot)
        assert screen.mode == "search" and screen.article_list.entries
        await refused("filters alone list the newest first: add a word to rank by relevance")
        await pilot.press("slash", "ctrl+u", *"停戦", "enter", "enter")  # its first hit opened
        await settle(pilot)
        assert sort_offered() and "not now" not in await palette_says()
        await pilot.press("n")
        await settle(pilot)
        assert screen.status.message.startswith("match 2/")
        await pilot.press("r")
        await settle(pilot)
        assert screen.mode == "related" and screen.is_searching
        assert not HIT_MESSAGES.match(screen.status.message)
        await refused("related articles are listed most alike first (Esc: back to the hits)")
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mode == "search" and sort_offered()
        await pilot.press("B")
        await settle(pilot)
        await refused("bookmarks are no search hits (B again: back to the hits)")
        await pilot.press("B")
        await settle(pilot)
        assert screen.mode == "search" and sort_offered()
        await pilot.press("s")
        await settle(pilot)
        assert screen.sort == "date" and "by date" in str(screen.article_list.border_title)


@pytest.mark.parametrize("size", [(80, 24), (200, 48)])
@sync
async def test_back_is_offered_only_where_escape_goes_back(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At start (every article listed, no search) the footer showed `esc Back` as a key
    that applies, and the palette listed Back 戻る first, though Esc did nothing there
    (user review). Greyed and "not now" there, as `s Sort` is, saying why when pressed;
    offered wherever Esc does something: in the search bar, over a search, from an
    article (one pane at a time, the way back to the list), over bookmarks."""
    from textual.widgets._footer import FooterKey

    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):

        def back_offered() -> bool:
            key = next(k for k in screen.query(FooterKey) if k.key == "escape")
            return not key.has_class("-disabled")

        async def palette_says() -> str:
            await pilot.press("ctrl+p")
            prompts = await palette_lists(pilot, "back")
            await pilot.press("escape")
            await settle(pilot)
            assert prompts and prompts[0].startswith("Back  戻る"), prompts
            return prompts[0]

        async def opening_palette_lists() -> list[str]:
            """What the palette lists as it opens, nothing typed (what applies now)."""
            from textual.command import CommandList

            await pilot.press("ctrl+p")
            await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
            palette = app.screen
            options = palette.query_one(CommandList)
            # Its search of nothing done (its hits come in batches, 0.25 s apart)
            await wait_until(pilot, lambda: palette.is_mounted)

            def searched() -> bool:
                """Hits listed, and its search of them over (a worker ended leaves
                `app.workers`)."""
                running = any(w.node is palette and not w.is_finished for w in app.workers)
                return options.option_count > 0 and not running

            await wait_until(pilot, searched)
            await pilot.pause()
            prompts = [
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            ]
            await pilot.press("escape")
            await settle(pilot)
            assert any(p.startswith("Search") for p in prompts), prompts
            return prompts

        why = "nothing to go back to: every article is listed"
        assert not back_offered()
        assert f"not now: {why}" in await palette_says()
        assert not any(p.startswith("Back") for p in await opening_palette_lists())
        await pilot.press("escape")
        await settle(pilot)
        assert screen.status.message == f"Back: {why}"
        await pilot.press("enter")  # an article open: Esc goes back to the list
        await settle(pilot)
        assert app.focused is screen.reader and back_offered()
        assert "not now" not in await palette_says()
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.article_list and screen.article_list.display
        assert not back_offered()
        await pilot.press("B")  # over the bookmarks: Esc goes back
        await settle(pilot)
        assert back_offered()
        await pilot.press("escape")
        await settle(pilot)
        assert screen.mode == "all" and not back_offered()
        await pilot.press("slash")  # in the search bar, Esc leaves it
        await settle(pilot)
        assert back_offered()
        await pilot.press(*"停戦", "enter")  # over a search, Esc clears it
        await settle(pilot)
        assert app.focused is screen.article_list and back_offered()
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.is_searching and not back_offered()


@sync
async def test_the_footer_is_built_once_as_the_reader_starts(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bindings change three or four times as the reader starts (the list focused,
    then filled) before the footer's first rebuild has run; each asked for another, and
    the footer was built twice, every key mounted and styled again a frame after the
    list was shown. Once, with the keys as they stand when it runs."""
    from textual.widgets._footer import FooterKey

    from tui.widgets.key_footer import KeyFooter

    rebuilds = asked = 0
    recompose, call_after_refresh = KeyFooter.recompose, KeyFooter.call_after_refresh

    async def counted(self: KeyFooter) -> None:
        nonlocal rebuilds
        rebuilds += 1
        await recompose(self)

    def asking(self: KeyFooter, callback: Any, *args: Any, **kwargs: Any) -> bool:
        nonlocal asked
        if callback == self.recompose:  # a rebuild asked for (Footer.bindings_changed)
            asked += 1
        return call_after_refresh(self, callback, *args, **kwargs)

    monkeypatch.setattr(KeyFooter, "recompose", counted)
    monkeypatch.setattr(KeyFooter, "call_after_refresh", asking)
    app = reader_app(*indexed)
    async with open_reader(app, size=(200, 48)) as (pilot, _):
        # Each rebuild asked for has run. (Another is asked for as the bindings change
        # before the first has run: when that is, the count of those asked is final.)
        await wait_until(pilot, lambda: rebuilds == asked)
        footer = app.screen.query_one(KeyFooter)
        shown = {
            key.key: not key.has_class("-disabled")
            for key in footer.query(FooterKey)
            if key.display and not key.has_class("-command-palette")
        }
        assert (asked, rebuilds) == (1, 1)
        assert shown["slash"] and shown["q"] and shown["B"]
        assert "c" not in shown  # source cards: no article open yet (left out)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_titles_cut_short_end_in_an_ellipsis_right_after_the_text(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A full-width character that did not fit left its cell blank before the "…"
    (`米ロ停戦交渉は?トランプ氏とプーチ …`, in the list, the reader's title and the status
    line): the ellipsis column jumped from row to row and read as a word break."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("j", "enter", "escape", "b")  # an article open, its title said
        await settle(pilot)
        assert screen.status.message.startswith("bookmarked: ")
        rows = [strip.text for strip in app.screen._compositor.render_strips()]
        cut = [row for row in rows if "…" in row.replace("outlet:…", "")]
        assert len(cut) >= 3, rows  # list rows, the reader's title or the status line
        for row in cut:
            assert " …" not in row.replace("outlet:…", ""), row
        list_rows = shown_text(screen.article_list).splitlines()
        # A list row cut in its title, the "…" right after a character of it (the cut
        # falls where the width does: プー…, 米ロ…).
        assert any(re.search(r"[^\s…]…", row) for row in list_rows[:1]), list_rows


@sync
async def test_passing_messages_go_and_lasting_ones_stay(indexed: tuple[Path, Path]) -> None:
    from tui.messages import IndexProgress
    from tui.widgets import StatusKind

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        times = StatusTimes(screen.status)
        screen.status.fade = 0.3
        screen.status.warning_fade = 0.6
        await pilot.press("u")
        assert screen.status.message.startswith(("marked read: ", "marked unread: "))
        # It goes: it went on saying so long after it applied.
        await wait_until(pilot, lambda: screen.status.message == "")
        said = time.monotonic()
        screen.status.say("no site values in the index", StatusKind.WARNING)  # stays longer
        # It goes too: it read as a current error minutes later.
        await wait_until(pilot, lambda: screen.status.message == "")
        assert times.since("no site values in the index") == ["no site values in the index", ""]
        assert times.gone("no site values in the index") - said >= 0.6 - TIMERS_EARLY  # > 0.3
        await pilot.press("slash", *"停戦", "enter", "enter")
        await settle(pilot)
        await pilot.pause(0.5)
        assert HIT_MESSAGES.match(screen.status.message)  # true while the article is open
        screen.status.hold = 0.0
        await pilot.press("u")
        screen.post_message(IndexProgress(7, 500))  # replaces the passing message...
        await pilot.pause(0.5)
        assert screen.status.message == "indexing 7/500 files…"  # ...and is not faded out
        await pilot.press("slash", *"悪意", "enter", "enter")
        await settle(pilot)
        assert HIT_MESSAGES.match(screen.status.message)
        listed = screen.article_list.entries[0].summary.id
        other = next(s.id for s in screen._all or [] if s.id != listed)
        screen.open_article(other, focus=True)  # an article without hits ([ or ] there)
        await settle(pilot)
        assert not HIT_MESSAGES.match(screen.status.message)


@sync
async def test_why_a_key_does_nothing_goes_once_it_would_do_something(
    indexed: tuple[Path, Path],
) -> None:
    """ "Clear search: no search to clear" stayed while 野球 was typed into the bar, and
    after Esc had cleared that search, as if Esc had failed (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert screen.status.message == "Clear search: no search to clear"
        await pilot.press("slash", *"野球")
        await settle(pilot)
        assert screen.status.message == ""
        await pilot.press("escape")
        await settle(pilot)
        assert screen.search_bar.query_text == "" and screen.status.message == ""
        await pilot.press("s")  # sorts hits: there are none
        await settle(pilot)
        assert screen.status.message.startswith("Sort: no search hits to sort")
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        assert screen.status.message == ""


@sync
async def test_progress_shown_at_once_is_not_replaced_by_older_progress_held_before(
    indexed: tuple[Path, Path],
) -> None:
    """A progress held behind a message, and a newer one arriving after the hold but
    before the held one's timer ran (a loaded machine): the newer was shown, then the
    older over it (review of the tests' timing)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        status = screen.status
        status.hold = 0.3
        status.say("marked read: X")
        status.progress("indexing 1/500 files…")  # held: waits for the hold's end
        time.sleep(0.4)  # the event loop held up past the hold
        status.progress("indexing 2/500 files…")  # the hold over: shown at once
        assert status.message == "indexing 2/500 files…"
        await pilot.pause(0.5)  # the first one's timer has run by now
        assert status.message == "indexing 2/500 files…"


@sync
async def test_background_progress_does_not_hide_what_the_user_just_did(
    indexed: tuple[Path, Path],
) -> None:
    from tui.messages import IndexProgress

    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        times = StatusTimes(screen.status)
        screen.status.hold = 0.3
        pressed = time.monotonic()
        await pilot.press("u")
        marked = screen.status.message
        assert marked.startswith(("marked read: ", "marked unread: "))
        screen.post_message(IndexProgress(1, 500))  # the update reports ten times a second
        await pilot.pause()
        screen.post_message(IndexProgress(2, 500))
        await wait_until(pilot, lambda: screen.status.message == "indexing 2/500 files…")
        assert times.gone(marked) - pressed >= 0.3 - TIMERS_EARLY  # held, then the latest
        screen.post_message(IndexProgress(3, 500))
        await pilot.pause()
        assert screen.status.message == "indexing 3/500 files…"  # nothing held: at once
        # A message said while progress waits starts a hold of its own.
        screen.status.hold = 1.0
        await pilot.press("u")
        screen.post_message(IndexProgress(4, 500))
        await pilot.pause(0.6)
        pressed = time.monotonic()
        await pilot.press("u")
        marked = screen.status.message
        assert marked.startswith(("marked read: ", "marked unread: "))
        screen.post_message(IndexProgress(5, 500))
        await wait_until(pilot, lambda: screen.status.message == "indexing 5/500 files…")
        # Past the first hold, to the end of its own; the progress held before, dropped.
        assert times.gone(marked) - pressed >= 1.0 - TIMERS_EARLY
        assert times.since(marked) == [marked, "indexing 5/500 files…"]


def footer_keys(app: Any) -> tuple[list[Any], Any]:
    """The footer's keys shown, in order, and the palette's (docked right)."""
    from textual.widgets._footer import FooterKey

    shown = [k for k in app.screen.query(FooterKey) if k.display]
    palette = next(k for k in shown if k.has_class("-command-palette"))
    return [k for k in shown if k is not palette], palette


@sync
async def test_the_footer_shows_no_key_cut_short(indexed: tuple[Path, Path]) -> None:
    # At 80 columns the palette's key (docked right) covered the last key but its
    # first letter: a bare `r`. A key that does not fit whole is not shown.
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        listed, palette = footer_keys(app)
        assert len(listed) >= 3
        assert all(k.region.width and k.region.right <= palette.region.x for k in listed)
        await pilot.resize_terminal(200, 40)
        await settle(pilot)
        wide, palette = footer_keys(app)
        assert len(wide) > len(listed)
        assert all(k.region.width and k.region.right <= palette.region.x for k in wide)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 45)])
@sync
async def test_the_footer_shows_the_keys_most_needed_first(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At 80 columns the footer spent its room on u, b and B, greyed or not, and left
    out the keys of the search and the article open (n, Esc back), and at 160 it had
    nothing more to show. Search, help, quit and the palette always; then the keys that
    apply now, in the order of need; greyed ones not at all (review: `esc Back  s Sort
    r Related`, `s Sort` greyed; then, reading, `s Sort` where `b Bookmark` did not
    fit)."""
    from tui.commands import COMMANDS, FOOTER
    from tui.widgets.key_footer import _width

    need = {c.action: FOOTER.index(c.id) for c in COMMANDS if c.id in FOOTER}
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, _):
        for step in ((), ("slash", *"停戦", "enter"), ("enter",)):
            await pilot.press(*step)
            await settle(pilot)
            listed, palette = footer_keys(app)
            keys = [k.key for k in listed]
            assert keys[:3] == ["slash", "question_mark", "q"] and palette.region.width
            assert all(k.region.width and k.region.right <= palette.region.x for k in listed)
            assert not any(k.has_class("-disabled") for k in listed), keys
            order = [need[k.action] for k in listed]
            assert order == sorted(order), keys  # by need
            # A key that applies is left out only where it does not fit.
            cut = [
                k
                for k in palette.parent.children
                if not k.display and not k.has_class("-inactive") and k is not palette
            ]
            free = palette.region.x - listed[-1].region.right
            for key in cut:
                if not key.has_class("-disabled"):
                    assert _width(key) > free, (key.key, keys)
        # The search's hits and the article open from them: Esc back and n next hit.
        assert "escape" in keys and "n" in keys, keys
        if size[0] >= 160:
            assert len(keys) >= 10, keys


@sync
async def test_the_footer_shows_the_keys_that_work_while_reading(tmp_path: Path) -> None:
    """From a user review, at 80x24 reading an article (no search, no source cards):
    `esc Back  r Related  B Bookmarks  s Sort`, `s Sort` greyed (it does nothing
    there), and `b Bookmark`, which bookmarks the article read, left out. The footer
    shows keys that work: none greyed, and `b` within the width."""
    home, corpus = texts_home(
        tmp_path, "texts", {f"{n}": f"記事その{n}\n\n本文{n}。" for n in range(3)}
    )
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        for step in ((), ("enter",)):  # the list, then the article read
            await pilot.press(*step)
            await settle(pilot)
            listed, palette = footer_keys(app)
            keys = [k.key for k in listed]
            assert not [k.key for k in listed if k.has_class("-disabled")], keys
            assert "b" in keys, keys
            assert all(k.region.width and k.region.right <= palette.region.x for k in listed)
        assert keys == ["slash", "question_mark", "q", "escape", "r", "b"], keys


@pytest.mark.parametrize("width", [30, 36, 80])
@sync
async def test_the_footer_keeps_search_help_and_quit_at_the_narrowest(
    indexed: tuple[Path, Path], width: int
) -> None:
    """At 30 columns `q Quit` was cut, though the README says the footer always shows
    `/ ? q ^p` (review): the palette's key gives up its word first."""
    from textual.widgets._footer import FooterKey

    app = reader_app(*indexed)
    async with open_reader(app, size=(width, 24)) as (pilot, _):
        await pilot.pause()
        keys = {key.key: key for key in app.screen.query(FooterKey) if key.display}
        palette = next(key for key in keys.values() if key.has_class("-command-palette"))
        for key in ("slash", "question_mark", "q"):
            region = keys[key].region
            assert region.width and region.right <= palette.region.x, (key, region)
        assert palette.region.width and palette.region.right <= width
        assert (palette.description == "palette") == (width >= 80)
