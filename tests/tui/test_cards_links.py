"""Source cards and links driven with Pilot: the Sources pane (the card picked, Esc
back to the article, the card followed as the article is read), cards folded to
numbered markers beside the text, matches in cards, and copying (OSC 52, tmux) and
opening links (asked first; never a text browser in the reader's terminal).
"""

from __future__ import annotations

import base64
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.notifications import Notification

from tests.tui_support import (
    assert_points_hang,
    block_widgets,
    every_theme,
    main_screen,
    open_article,
    open_first_hit,
    open_reader,
    palette_lists,
    reader_app,
    settle,
    shown_text,
    sync,
    texts_home,
    themed_reader,
    told,
    wait_until,
)
from tui import browser
from tui.dialogs import ConfirmDialog
from tui.screens import MainScreen
from tui.widgets.cards_pane import CardView
from tui.widgets.reading_view import BlockView, ReadingView


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
@sync
async def test_escape_from_the_cards_goes_back_to_the_article(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At 80×24 Esc from the Sources pane went to the list, not to the article it is
    the sources of, which was being read (review)."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_hit(pilot, app, "電撃和平交渉")
        assert screen.has_cards
        await pilot.press("space")
        await settle(pilot)
        place = screen.reader.place
        await pilot.press("c")
        await settle(pilot)
        assert app.focused is screen.cards
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.reader and screen.reader.display
        assert screen.reader.place == place
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.article_list


@sync
async def test_arrows_and_end_act_in_the_panes_as_their_letters_do(
    indexed: tuple[Path, Path],
) -> None:
    """↓ and End are j and G in every pane. In the reader End scrolled with an animation
    (a key pressed next stopped short of the end) and in the cards pane ↓ scrolled
    instead of picking the next card."""
    app = reader_app(*indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader = screen.reader
        assert reader.has_focus and reader.max_scroll_y > 0
        await pilot.press("end")
        assert reader.scroll_y == reader.max_scroll_y  # at once
        await pilot.press("home", "down")
        assert reader.scroll_y == 1
        await pilot.press("c", "down")  # to the cards pane, the second card
        await pilot.pause()
        assert screen.cards.has_focus and screen.cards.selected == 1
        await pilot.press("end")
        assert screen.cards.selected == len(screen.cards.card_views) - 1


@sync
async def test_the_card_picked_stays_picked_when_the_article_reflows(
    indexed: tuple[Path, Path],
) -> None:
    """A resize re-flows the article and changes the section being read: the card the
    user picked in the cards pane (what y and o act on) stays the one picked."""
    from tui.widgets import ReadingView

    app = reader_app(*indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_article(pilot, app, "002_973cc3a6e6c480a0")
        await pilot.press("c", "j")  # to the cards pane, the second card
        await pilot.pause()
        picked = screen.cards.selected_card
        assert screen.cards.has_focus and picked is not None and picked.url
        screen.reader.post_message(ReadingView.SectionChanged(0))  # as after a resize
        await pilot.pause()
        assert screen.cards.selected_card == picked
        await pilot.press("y")
        assert app.clipboard == picked.url
        await pilot.press("g")  # the first card, then the last: picked, not only scrolled to
        assert screen.cards.selected == 0
        await pilot.press("G")
        assert screen.cards.selected_card == picked
        await pilot.press("tab")  # reading again: the cards follow the section
        screen.reader.post_message(ReadingView.SectionChanged(0))
        await pilot.pause()
        assert screen.cards.selected == 0


@sync
async def test_an_article_without_cards_copies_and_opens_its_own_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.library import Library
    from index.locations import locations
    from tests.articles import write_articles

    corpus = tmp_path / "news"
    write_articles(corpus, 1)  # livedoor news: a URL, no cards
    (corpus / "LICENSE.txt").write_text("記事ファイル内容の提供元：\nエスマックス\n", "utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    opened: list[str] = []

    def open_in_browser(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr("tui.browser.open_in_browser", open_in_browser)
    app = reader_app(home, corpus)
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        await pilot.press("y")  # nothing open yet: the link of the row under the cursor
        await settle(pilot)
        copied = app.clipboard
        assert copied.startswith("http://news.example.jp/article/")
        await pilot.press("enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and article.url == copied and not article.cards
        await pilot.press("y")
        assert app.clipboard == article.url
        await pilot.press("Y")
        assert app.clipboard == f"エスマックス, {article.title}, {article.url}"  # outlet first
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert opened == [article.url]


@sync
async def test_no_tmux_advice_where_tmux_lets_copies_through(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The advice showed with `set -g set-clipboard on` already set, over the status."""
    monkeypatch.setattr("tui.links.tmux_lets_copies_through", lambda mode: True)
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        screen.setup.in_tmux = True
        await pilot.press("slash", *"軍備縮小", "enter", "enter", "c", "y")
        await settle(pilot)
        assert len(app.clipboard_sequences) == 1
        assert not [n for n in app._notifications if "set-clipboard" in str(n.message)]


@pytest.mark.parametrize("keys", [("o", "n"), ("question_mark", "escape")], ids=["link", "help"])
@sync
async def test_the_tmux_advice_comes_back_once_a_dialog_opened_over_it_closes(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, keys: tuple[str, str]
) -> None:
    """User review: `y`, then `o` (or `?`) within a second or two, then `n` (or Esc): the
    tmux advice, given once a session, was gone for good. It is put away while the dialog
    stands, as every notice is, and shown again once it closes, with what time it had
    left (at least time to read it)."""
    from tui.app import NOTICE_BACK_SECONDS

    monkeypatch.setattr("tui.links.tmux_lets_copies_through", lambda mode: None)
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        screen.setup.in_tmux = True
        await pilot.press("slash", *"軍備縮小", "enter", "enter", "c", "y")

        def advice() -> list[Notification]:
            return [n for n in app._notifications if "set-clipboard on" in str(n.message)]

        await wait_until(pilot, lambda: bool(advice()))
        open_, close = keys
        await pilot.press(open_)
        await pilot.pause()
        assert app.screen is not screen and not advice()  # over the dialog: put away
        await pilot.press(close)
        await pilot.pause()
        assert app.screen is screen
        back = advice()
        assert len(back) == 1
        assert NOTICE_BACK_SECONDS - 1 < back[0].time_left <= 15


@pytest.mark.parametrize("mode", ["osc52", "tmux"])
@sync
async def test_copy_url_and_citation_send_osc52(
    indexed: tuple[Path, Path], mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    on_ui_thread: list[bool] = []

    def ask_tmux(mode: str) -> None:  # tmux could not tell
        asked.append(mode)
        on_ui_thread.append(threading.current_thread() is threading.main_thread())

    monkeypatch.setattr("tui.links.tmux_lets_copies_through", ask_tmux)
    home, corpus = indexed
    home.joinpath("config.toml").write_text(f'[reader]\nclipboard = "{mode}"\n')
    app = reader_app(home, corpus)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        screen.setup.in_tmux = True  # as with TMUX set
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        await pilot.press("c", "y", "Y")
        await settle(pilot)  # tmux is asked on a thread
        # tmux drops OSC 52 by default: said once, on the first copy
        said = [note for note in told(app) if "set-clipboard on" in note]
        assert len(said) == 1 and asked == [mode]  # tmux asked once, and could not tell
        assert on_ui_thread == [False]  # a slow tmux holds no key or paint
        url = "https://globe.asahi.com/article/15630313"
        # What was copied is the status line's to say, below the notice (which said it
        # again, the URL wrapped mid-number in a notice 9 lines high).
        assert url not in said[0]
        assert screen.status.message.startswith(f"copied citation ({mode}): ")
        sent = app.clipboard_sequences
        assert len(sent) == 2
        payloads = [s.split(";c;", 1)[1].split("\a", 1)[0] for s in sent]
        assert base64.b64decode(payloads[0]).decode() == url
        citation = base64.b64decode(payloads[1]).decode()
        assert citation.startswith(f"朝日新聞+, {url} (cited in “")  # the outlet, no tagline
        assert screen.reader.article is not None
        assert citation.endswith(f"{screen.reader.article.title}”)")
        assert screen.status.message == f"copied citation ({mode}): {citation}"  # which one
        if mode == "tmux":
            assert all(
                s.startswith("\x1bPtmux;\x1b\x1b]52;") and s.endswith("\x1b\\") for s in sent
            )
        else:
            assert all(s.startswith("\x1b]52;c;") for s in sent)


@sync
async def test_o_y_and_Y_in_the_list_act_on_the_row_under_the_cursor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As `b` and `u` do: they copied (or offered to open) the link of the article open
    beside the list, not of the one the cursor was on."""
    monkeypatch.setattr("tui.links.tmux_lets_copies_through", lambda m: True)
    news = {
        f"{n}": f"http://news.example.jp/article/{n}/\n2012-09-0{n}T10:00:00+0900\n"
        f"ニュースその{n}\n本文{n}。\n"
        for n in (1, 2)
    }
    news["3"] = "リンクのない記事\n\n本文3。\n"
    app = reader_app(*texts_home(tmp_path, "news", news))
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        listing = screen.article_list

        def row_of(title: str) -> int:
            found = next(i for i, e in enumerate(listing.entries) if e.summary.title == title)
            return found

        listing.highlighted = row_of("ニュースその1")
        await pilot.press("enter", "escape")  # open, back to the list
        await settle(pilot)
        assert screen.reader.article is not None and screen.focused is listing
        listing.highlighted = row_of("ニュースその2")
        await pilot.press("y")
        await settle(pilot)
        copied = [
            base64.b64decode(s.split(";c;", 1)[1].split("\a", 1)[0]).decode()
            for s in app.clipboard_sequences
        ]
        assert copied == ["http://news.example.jp/article/2/"]
        await pilot.press("Y")
        await settle(pilot)
        assert screen.status.message.endswith("ニュースその2, http://news.example.jp/article/2/")
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "http://news.example.jp/article/2/" in app.screen.body_text
        await pilot.press("n")
        listing.highlighted = row_of("リンクのない記事")
        await pilot.press("y")
        await settle(pilot)
        assert screen.status.message.endswith("“リンクのない記事” has no link of its own")
        assert len(app.clipboard_sequences) == 2  # nothing more copied
        # On the open article's row, and in the reader: the open article's link.
        listing.highlighted = row_of("ニュースその1")
        await pilot.press("y")
        await settle(pilot)
        assert screen.status.message.endswith(": http://news.example.jp/article/1/")


@sync
async def test_a_link_key_right_after_a_move_acts_on_the_row_moved_to(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`j o` in one read (keys over SSH): `o` was judged on the row `j` left, before
    `j` had moved the cursor, and refused for that row's want of a link."""
    from textual import events

    monkeypatch.setattr("tui.links.tmux_lets_copies_through", lambda m: True)
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing = screen.article_list
        opened = next(i for i, e in enumerate(listing.entries) if e.summary.id.startswith("000_"))
        listing.highlighted = opened
        await pilot.press("enter", "escape")  # open the seed with cards, back to the list
        await settle(pilot)
        next_to = opened - 1 if opened else opened + 1
        listing.highlighted = next_to
        await settle(pilot)
        assert not screen.has_link  # the row next to it has no link of its own
        move = "j" if next_to < opened else "k"
        for key in (move, "y"):
            app.post_message(events.Key(key, key))  # both queued before either is handled
        await settle(pilot)
        assert listing.highlighted == opened
        copied = [
            base64.b64decode(s.split(";c;", 1)[1].split("\a", 1)[0]).decode()
            for s in app.clipboard_sequences
        ]
        assert copied == ["https://www.cnn.co.jp/usa/35229899.html"], screen.status.message
        for key in ("k" if move == "j" else "j", "y"):
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert screen.status.message.endswith("has no link of its own")
        assert len(app.clipboard_sequences) == 1
        # The title named is cut, not the reason: the long curation title filled the
        # line below 130 columns.
        await pilot.resize_terminal(80, 24)
        await pilot.press("y")
        await settle(pilot)
        assert "has no link of its own" in shown_text(screen.status)
        # A key after one that opens a dialog, in the same read, is no answer to it:
        # `o n` answered the link's dialog No before it was seen.
        for key in (move, "o", "n"):
            app.post_message(events.Key(key, key))
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)


@sync
async def test_open_link_asks_first_showing_the_full_url(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    started = True

    def open_in_browser(url: str) -> bool:
        opened.append(url)
        return started

    monkeypatch.setattr("tui.browser.open_in_browser", open_in_browser)
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, _):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "https://globe.asahi.com/article/15630313" in app.screen.body_text
        await pilot.press("n")
        assert opened == []
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert opened == ["https://globe.asahi.com/article/15630313"]
        screen = main_screen(app)
        assert screen.status.message == "opened the link in a browser"
        started = False  # no browser on this machine (over SSH, say)
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert screen.status.message == browser.NO_BROWSER


def test_no_text_browser_is_run_in_the_readers_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a display, Python's webbrowser would run lynx or w3m over the reader."""
    import webbrowser

    monkeypatch.setattr(sys, "platform", "linux")
    opened: list[str] = []

    class Recorded(webbrowser.BaseBrowser):
        def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
            opened.append(f"{self.name} {url}")
            return True

    class Graphical(Recorded, webbrowser.BackgroundBrowser): ...

    class Foreground(Recorded, webbrowser.GenericBrowser): ...

    def chosen(controller: webbrowser.BaseBrowser) -> None:
        monkeypatch.setattr(webbrowser, "get", lambda using=None: controller)

    chosen(Graphical("firefox"))
    assert not browser.open_in_browser("https://example.com/", {"TERM": "xterm"})
    assert browser.open_in_browser("https://example.com/", {"DISPLAY": ":0"})
    assert opened == ["firefox https://example.com/"]
    # With a display too: BROWSER=w3m, or a text browser the only one installed.
    for command in ("w3m", "/usr/bin/lynx", "lynx -accept_all_cookies"):
        chosen(Foreground(command))
        assert not browser.open_in_browser("https://example.com/", {"DISPLAY": ":0"})
    # elinks found on the PATH: webbrowser's own Elinks, run in the foreground
    elinks = webbrowser.Elinks("elinks")
    monkeypatch.setattr(elinks, "open", lambda url: pytest.fail("elinks was started"))
    chosen(elinks)
    assert not browser.open_in_browser("https://example.com/", {"DISPLAY": ":0"})
    chosen(Foreground("firefox"))  # BROWSER=firefox: a graphical one, run as told
    assert browser.open_in_browser("https://example.com/", {"WAYLAND_DISPLAY": "wayland-0"})
    assert opened == ["firefox https://example.com/"] * 2


@sync
async def test_cards_beside_the_text_are_folded_to_their_numbered_markers(
    indexed: tuple[Path, Path],
) -> None:
    """Each card is shown once: whole in the cards pane beside the text, where the text
    keeps a numbered marker; whole in the text once the pane is hidden or not beside."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        article = reader.article
        assert article is not None and len(article.cards) == 2
        assert screen.cards.display and len(screen.cards.card_views) == 2
        markers = reader.card_markers
        assert [m.index for m in markers] == [0, 1]
        for marker, card in zip(markers, article.cards, strict=True):
            assert marker.has_class("-folded") and marker.display
            text = str(marker.render())
            assert f"出典 {marker.index + 1}" in text and f"{len(card.bullets)} points" in text
        card_lines = [v for v in block_widgets(reader) if v.block.card is not None]
        assert card_lines and not any(view.display for view in card_lines)
        assert all(view.display for view in block_widgets(reader) if view.block.card is None)
        # Read on past the first card: what is at the top stays there as the cards unfold.
        first_card = [v for v in card_lines if v.block.card == 0]
        below = next(v for v in reader.block_views if v.block.start > first_card[-1].block.end)
        reader.scroll_to(y=below.virtual_region.y, animate=False, immediate=True)
        await settle(pilot)
        await pilot.press("c", "c")  # to the cards pane, then hide it: the cards come back
        await settle(pilot)
        assert not screen.cards.display
        assert all(view.display for view in card_lines)
        assert reader.scroll_y == below.virtual_region.y > 0
        assert not any(marker.has_class("-folded") for marker in markers)
        for marker, card in zip(markers, article.cards, strict=True):
            # Unfolded, the source line names the outlet: the marker, the site and date.
            text = str(marker.render())
            assert card.site and card.site in text and card.outlet not in text
            source = next(
                v
                for v in card_lines
                if v.block.card == marker.index and v.block.kind.value == "card_source"
            )
            assert str(source.render()).count(card.outlet) == 1
        await pilot.press("c")
        await settle(pilot)
        assert screen.cards.display and not any(view.display for view in card_lines)
    app = reader_app(*indexed)
    # One pane at a time: the cards in the text.
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        card_lines = [v for v in screen.reader.block_views if v.block.card is not None]
        assert card_lines and all(view.display for view in card_lines)
        assert not any(marker.has_class("-folded") for marker in screen.reader.card_markers)


@sync
async def test_a_hit_in_a_folded_card_opens_the_card_at_the_hit(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"消極的", "enter", "enter")  # only in a card's bullet
        await settle(pilot)
        reader = screen.reader
        hit = reader.current_hit
        assert hit is not None
        view = reader._view_at(hit[0])
        assert isinstance(view, BlockView) and view.block.card is not None
        marker = next(m for m in reader.card_markers if m.index == view.block.card)
        assert view.display and not marker.has_class("-folded")
        top = view.virtual_region.y
        assert reader.scroll_y <= top < reader.scroll_y + reader.scrollable_content_region.height
        others = [v for v in block_widgets(reader) if v.block.card not in (None, view.block.card)]
        assert others and not any(v.display for v in others)  # the other card stays folded
        await pilot.click(marker)  # folded again by a click on its marker
        await settle(pilot)
        assert marker.has_class("-folded") and not view.display
        assert "1 match" in str(marker.render())


@sync
async def test_the_word_cursor_opens_a_folded_card_it_walks_into(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.article is not None
        first_card = next(v for v in block_widgets(reader) if v.block.card is not None)
        assert not first_card.display
        before = next(
            v for v in reversed(reader.block_views) if v.block.start < first_card.block.start
        )
        reader.scroll_to(y=before.virtual_region.y, animate=False, immediate=True)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        word = screen.current_word
        assert word is not None and word.block.card is None
        for _ in range(len(before.block.text) + 2):
            word = screen.current_word
            if word is not None and word.block.card is not None:
                break
            await pilot.press("w")
            await pilot.pause()
        await settle(pilot)
        assert word is not None and word.block.card == first_card.block.card
        assert first_card.display
        assert reader.scroll_y <= first_card.virtual_region.y


def link_url(screen: MainScreen) -> str:
    """The URL of the card (else the article) `o` and `y` act on; there must be one."""
    target = screen._link_target()
    assert target is not None
    return target[0]


@sync
async def test_the_card_a_hit_is_in_is_the_one_o_and_y_act_on(indexed: tuple[Path, Path]) -> None:
    """n into the second card selected nothing: o offered the first card's link, the
    section at the top of the view being the first, which is all the article is
    scrolled to at 200x50."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(200, 50)) as (pilot, screen):
        await pilot.press("slash", *"ゼレンスキー", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        article = reader.article
        assert article is not None and len(article.cards) == 2
        for _ in range(len(reader.ranges)):
            hit = reader.current_hit
            assert hit is not None
            view = reader._view_at(hit[0])
            if view is not None and view.block.card == 1:
                break
            await pilot.press("n")
            await settle(pilot)
        assert view is not None and view.block.card == 1, "a hit in the second card"
        assert screen.cards.selected_card == article.cards[1]
        assert link_url(screen) == article.cards[1].url
        # The cards in the text, the end of the article read: its last card.
        await pilot.press("escape", "c", "c")  # to the list, then the cards, then hide them
        await settle(pilot)
        assert not screen.cards.display
        screen._focus_pane("reader")
        await pilot.press("g", "G")
        await settle(pilot)
        assert screen.cards.selected_card == article.cards[1]


def cards_pane(app: Any) -> list[str]:
    """The rows the Sources pane shows, its borders included."""
    region = main_screen(app).cards.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return [strip.crop(region.x, region.right).text for strip in strips]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_the_cards_pane_shows_the_selected_card_from_its_heading(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """Where the cards pane is not beside the reader, it kept the scrolling of the
    article read before: `c` showed card 1 selected from its middle, its heading (number,
    outlet, site, date) scrolled off (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        ids = {e.summary.title[:4]: e.summary.id for e in screen.article_list.entries}
        await open_article(pilot, app, ids["米ロ停戦"])
        await pilot.press("c", "j")  # the second card, the pane scrolled down to it
        await settle(pilot)
        assert screen.cards.selected == 1 and screen.cards.scroll_y > 0
        await pilot.press("escape", "escape")
        await open_article(pilot, app, ids["トランプ"])
        await pilot.press("c")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and article.id == ids["トランプ"]
        assert screen.cards.selected == 0 and app.focused is screen.cards
        heading = cards_pane(app)[1]  # under the pane's border
        assert " 1 " in heading and str(article.cards[0].outlet or article.cards[0].site) in heading


@sync
async def test_back_at_the_top_the_first_card_is_marked_and_acted_on(
    indexed: tuple[Path, Path],
) -> None:
    """G then g: the second card stayed selected (unmarked), and `y` copied its link."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"電撃和平交渉", "enter", "enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and len(article.cards) == 2
        await pilot.press("G")
        await settle(pilot)
        assert link_url(screen) == article.cards[1].url
        await pilot.press("g")
        await settle(pilot)
        assert link_url(screen) == article.cards[0].url
        views = screen.cards.card_views
        assert [v.has_class("-selected") for v in views] == [True, False]


@sync
async def test_the_next_article_opens_with_no_card_of_the_last_one_marked(
    indexed: tuple[Path, Path],
) -> None:
    """Read into the second section, then `]`: the next article, at its top, had its
    second card marked (the last section was told before its blocks were laid out)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        first = screen.reader.article
        while screen.cards.section != 1:
            await pilot.press("space")
            await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article is not first and screen.reader.scroll_y == 0
        assert screen.cards.section is None
        assert not any(view.has_class("-current") for view in screen.cards.card_views)


@sync
async def test_a_hit_in_a_card_stays_in_sight_when_the_cards_move_beside_the_text(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"悲観論", "enter", "enter")  # in the second card only
        await settle(pilot)
        reader = screen.reader
        hit = reader.current_hit
        assert hit is not None
        view = reader._view_at(hit[0])
        assert isinstance(view, BlockView) and view.block.card == 1 and view.display
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert reader.cards_beside and view.display  # its card stayed open
        marker = next(m for m in reader.card_markers if m.index == 1)
        assert not marker.has_class("-folded")
        assert reader.card_in_sight(1)
        assert reader.article is not None
        assert screen.cards.selected_card == reader.article.cards[1]


@sync
async def test_the_cards_pane_marks_the_matches_in_its_cards(indexed: tuple[Path, Path]) -> None:
    """The cards beside the text are folded there: the pane is where a match in a card
    is seen (it showed none, and the marker's "3 matches" could not be found)."""
    from tui.render import MATCH_STYLE

    app = reader_app(*indexed)
    async with open_reader(app, size=(200, 50)) as (pilot, screen):
        await pilot.press("slash", *"消極的", "enter", "enter")  # in the first card only
        await settle(pilot)
        first, second = screen.cards.card_views

        def marked(view: CardView) -> list[str]:
            text = view._text
            return [text.plain[s.start : s.end] for s in text.spans if s.style == MATCH_STYLE]

        assert marked(first) == ["消極的"] and marked(second) == []
        await pilot.press("escape", "ctrl+l")  # the search cleared: no marks left
        await settle(pilot)
        assert marked(first) == []


@sync
async def test_the_cards_pane_marks_a_match_in_a_cards_outlet(indexed: tuple[Path, Path]) -> None:
    """北海道 finds the article citing 北海道新聞デジタル: the pane shows where."""
    from tui.render import MATCH_STYLE

    app = reader_app(*indexed)
    async with open_reader(app, size=(200, 50)) as (pilot, screen):
        await pilot.press("slash", *"北海道", "enter", "enter")
        await settle(pilot)
        marked = [
            (view.card.outlet, view._text.plain[s.start : s.end])
            for view in screen.cards.card_views
            for s in view._text.spans
            if s.style == MATCH_STYLE
        ]
        assert marked == [("北海道新聞デジタル", "北海道")]


@sync
async def test_a_cards_points_in_the_pane_wrap_under_their_text(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        region = screen.cards.region
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        assert_points_hang([s.crop(region.x, region.right).text for s in strips], " │█▌▎")


@sync
async def test_a_cards_outlet_in_the_pane_wraps_under_the_outlet_not_its_number(
    indexed: tuple[Path, Path],
) -> None:
    """From review (seeds at 120 columns): a card's outlet over two lines went back to
    the pane's edge, under its number (` █  1  朝日新聞+:世界のいまを` / ` █ 伝える…`)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(120, 40)) as (pilot, screen):
        await pilot.press("enter")  # the first article: its first card is 朝日新聞+'s
        await settle(pilot)
        region = screen.cards.region
        strips = app.screen._compositor.render_strips()[region.y : region.bottom]
        rows = [strip.crop(region.x, region.right).text for strip in strips]
        heading = next(n for n, row in enumerate(rows) if " 1  朝日新聞+" in row)
        outlet_at = rows[heading].index("朝日新聞+")
        after = rows[heading + 1]
        assert after[:outlet_at].strip(" │█▌▎") == "" and after[outlet_at] != " ", rows[:3]


@every_theme
@sync
async def test_the_card_y_and_o_act_on_is_told_from_the_cards_of_the_section_read(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, theme: str, no_color: bool
) -> None:
    """`n` `n` to match 3/6 of サウジアラビア, in card 2: card 1, of the section read,
    showed the same thick bar as card 2, the one `y` and `o` act on (reached by the
    match): which was which could not be told. The card acted on keeps the thick bar
    (█), a card of the section read has a thin one (│): shapes, whatever the colours."""
    app = themed_reader(indexed, monkeypatch, theme, no_color)
    async with open_reader(app, size=(160, 45)) as (pilot, screen):
        await pilot.press("slash", *"サウジアラビア", "enter", "enter", "n", "n")
        await settle(pilot)
        assert screen.status.message.startswith("match 3/")
        cards = screen.cards
        views = cards.card_views
        assert len(views) == 2 and cards.selected == 1
        # Card 1's section is read at the top of the view; card 2 holds the match.
        assert [(v.has_class("-current"), v.has_class("-selected")) for v in views] == [
            (True, False),
            (False, True),
        ]
        strips = app.screen._compositor.render_strips()
        bars = [strips[view.region.y].crop(view.region.x, view.region.x + 1).text for view in views]
        assert bars == ["│", "█"]


@sync
async def test_moving_to_a_card_brings_its_place_in_the_text_into_sight(
    indexed: tuple[Path, Path],
) -> None:
    """j and k in the Sources pane picked a card and left the text beside it where it
    was: the card's place in the article (its section, its marker) stayed out of sight
    (user review). The text follows the card picked, the focus staying in the pane; the
    card's section is then the one read (thin bar and thick bar on the same card)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader, cards = screen.reader, screen.cards
        article = reader.article
        assert article is not None and len(article.cards) == 2 and reader.cards_beside
        await pilot.press("c")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 0 and not reader.card_in_sight(1)
        await pilot.press("j")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 1
        assert reader.card_in_sight(1)
        views = cards.card_views
        assert views[1].has_class("-current") and views[1].has_class("-selected")
        assert link_url(screen) == article.cards[1].url
        await pilot.press("k")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 0 and reader.card_in_sight(0)
        await pilot.press("G")
        await settle(pilot)
        assert cards.selected == 1 and reader.card_in_sight(1)


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (160, 48)])
@sync
async def test_enter_on_a_card_reads_the_text_from_its_place(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """Enter on a card in the Sources pane did nothing (user review): it goes to the
    card's place in the text and reads from there, the card still the one y and o act
    on, the place kept (Esc to the list and back, the text is there)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader, cards = screen.reader, screen.cards
        article = reader.article
        assert article is not None and len(article.cards) == 2
        assert not reader.card_in_sight(1)
        await pilot.press("c", "j")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 1
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader and reader.display
        assert reader.card_in_sight(1)
        assert cards.selected_card == article.cards[1]
        assert cards.section == cards.card_views[1].section  # its section is the one read
        place = reader.place
        await pilot.press("escape", "enter")  # to the list, and back to the article
        await settle(pilot)
        assert app.focused is reader and reader.place == place and reader.card_in_sight(1)


async def second_card_picked_out_of_sight(pilot: Any, app: Any, screen: MainScreen) -> ReadingView:
    """At 80x24 (one pane at a time), the seed with cards opened and its second card
    picked in the Sources pane, not in sight in the text (hidden). Returns the text."""
    await open_article(pilot, app, "002_973cc3a6e6c480a0")
    reader = screen.reader
    await pilot.press("c", "j")
    await settle(pilot)
    assert screen.cards.selected == 1 and not reader.card_in_sight(1)
    return reader


@sync
async def test_the_palette_goes_to_the_card_picked_as_enter_does(
    indexed: tuple[Path, Path],
) -> None:
    """The palette lists what Enter does in the Sources pane (its key said), by its
    Japanese name too, and runs it from the pane as Enter does."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        reader = await second_card_picked_out_of_sight(pilot, app, screen)
        await pilot.press("ctrl+p")
        prompts = await palette_lists(pilot, "出典の箇所")
        assert prompts and prompts[0].startswith("Go to card") and "key: ⏎" in prompts[0]
        await pilot.press("enter")
        # (the palette closes, then runs it: on a loaded machine, after the settle; CI
        # saw the card not in sight yet, as did runs here after a busy spell)
        await wait_until(pilot, lambda: app.focused is reader and reader.card_in_sight(1))


@sync
async def test_a_card_gone_to_while_the_text_is_hidden_is_shown_once_the_text_is(
    indexed: tuple[Path, Path],
) -> None:
    """At 80x24 the text is hidden while the Sources pane shows: a card gone to then
    is in sight once the text comes back, however many refreshes went by before (the
    palette's Go to card ran while the text was not laid out yet: it stayed at the top)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        reader = await second_card_picked_out_of_sight(pilot, app, screen)
        reader.go_to_card(1)
        for _ in range(30):
            screen.refresh()
            await pilot.pause()
        await pilot.press("escape")  # back to the text
        await wait_until(pilot, lambda: app.focused is reader and reader.card_in_sight(1))


@sync
async def test_a_click_on_a_card_picks_it_and_the_text_follows(
    indexed: tuple[Path, Path],
) -> None:
    """The mouse picks a card as j and k do: a click on the second card left the first
    one picked (y copied its link) and the text where it was."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader, cards = screen.reader, screen.cards
        article = reader.article
        assert article is not None and cards.selected == 0 and not reader.card_in_sight(1)
        second = cards.card_views[1]
        await pilot.click(second, offset=(4, 0))
        await settle(pilot)
        assert cards.selected == 1 and cards.selected_card == article.cards[1]
        assert reader.card_in_sight(1) and cards.has_focus


def painted(pilot: Any, widget: Any) -> str:
    """What the screen shows of `widget`'s scrolled content, its lines run together
    without blanks (a narrow pane wraps a line anywhere)."""
    region = widget.scrollable_content_region
    strips = pilot.app.screen._compositor.render_strips()
    rows = [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]
    return "".join("".join(rows).split())


@sync
async def test_a_card_picked_whose_marker_alone_shows_is_brought_into_sight_whole(
    indexed: tuple[Path, Path],
) -> None:
    """A card open in the text beside the Sources pane, its marker alone on the text's
    last row: picking it (j) left the text where it was, the marker counting as the card
    in sight, and none of its points showed (review). The text scrolls until the card
    shows whole; picked again, a card in view whole leaves the text where it is."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(120, 24)) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader, cards = screen.reader, screen.cards
        assert reader.cards_beside
        reader.toggle_card(1)  # a click on its marker: the card's lines shown in the text
        await settle(pilot)
        await pilot.press("c", "k")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 0
        marker = next(m for m in reader.card_markers if m.index == 1)
        height = reader.scrollable_content_region.height
        reader.scroll_to(y=marker.virtual_region.y - height + 1, animate=False, immediate=True)
        await settle(pilot)
        shown = painted(pilot, reader)
        assert "出典2" in shown and "悲観論も強まっている" not in shown
        await pilot.press("j")
        await settle(pilot)
        assert cards.has_focus and cards.selected == 1
        shown = painted(pilot, reader)
        assert "出典2" in shown and "悲観論も強まっている" in shown
        assert "異なる方向性を示唆していますね" in shown  # its comment, the card's last line
        place = reader.scroll_y
        await pilot.press("k")
        await settle(pilot)
        reader.scroll_to(y=place, animate=False, immediate=True)
        await settle(pilot)
        await pilot.press("j")  # the card in view whole already: the text stays
        await settle(pilot)
        assert reader.scroll_y == place


@sync
async def test_enter_on_a_card_shows_it_whole_where_it_fits(
    indexed: tuple[Path, Path],
) -> None:
    """Enter on the first card at 80×24 showed the text from the card's section heading,
    the card's source and comment cut off under the view's last row: the card is shown
    whole, from its marker to its comment, where the view holds it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        reader = screen.reader
        await pilot.press("c")
        await settle(pilot)
        assert screen.cards.selected == 0
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is reader
        shown = painted(pilot, reader)
        assert "出典1" in shown and "ぶつかりあうこと。" in shown  # its marker, its last point
        assert "globe.asahi.com/article/15630313" in shown  # its source
        assert "ロシアとウクライナ、そして米国の思惑が" in shown  # its comment
