"""A message a key said (the word cursor's word, "no link") goes once the reader moves
on, by a click or a key that moves the focus, and quotes a title as the list shows it.
(From a review of the status line's clearing.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_support import open_reader, reader_app, settle, sync


@sync
async def test_the_word_cursors_word_goes_when_a_click_opens_another_article(
    indexed: tuple[Path, Path],
) -> None:
    """A click opened the next article under the first one's word, for good: only
    actions counted as moving on, and a click runs none."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        ids = [e.summary.id for e in screen.article_list.entries]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab")  # (as a user does: to the reader, then the word cursor)
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        said = screen.status.message
        assert said and screen.current_word is not None
        assert screen.reader.article is not None and screen.reader.article.id == ids[0]
        # A click on the second article in the list opens it.
        await pilot.click(screen.article_list, offset=(5, 3))
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == ids[1]
        await pilot.press("j")  # a key that moves nothing on
        await settle(pilot)
        # The word of the first article, under the second.
        assert screen.status.message != said, said


@sync
async def test_a_tab_in_a_title_is_one_space_in_the_no_link_message(tmp_path: Path) -> None:
    """`o` quoted the title with its tabs, drawn to the status line's tab stops."""
    from tests.tui_support import text_home

    app = reader_app(*text_home(tmp_path, "tab", "タブ\tの\t\tタイトル\n\n本文です。\n"))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("o")  # in the list, on the article: it has no link
        await settle(pilot)
        said = screen.status.message
        assert "タブ" in said, said
        assert "\t" not in said, repr(said)


@sync
async def test_the_word_cursors_word_goes_when_slash_leaves_the_reader(
    indexed: tuple[Path, Path],
) -> None:
    """`/` from the reader left the word under the search bar, for good: the message was
    asked again only where the pane changed by a key, not on a focus change."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        if screen.pane != "reader":
            await pilot.press("tab")
            await settle(pilot)
        assert screen.pane == "reader"
        await pilot.press("w")
        await settle(pilot)
        said = screen.status.message
        assert said and screen.current_word is not None
        await pilot.press("slash")  # to the search bar, as Esc goes to the list
        await settle(pilot)
        assert screen.in_search_bar
        # It stayed (a LASTING message: for good), where Esc to the list clears it.
        assert screen.status.message != said, said


@sync
async def test_a_greyed_keys_why_about_the_article_goes_when_the_list_has_the_focus(
    plain_indexed: tuple[Path, Path],
) -> None:
    """`c` on an article with no cards said so, and the line went on saying it over the
    list once the focus was there, of no article the user was looking at (user review)."""
    app = reader_app(*plain_indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.article is not None
        await pilot.press("c")
        await settle(pilot)
        said = screen.status.message
        assert "no source cards" in said, said
        await pilot.press("escape")  # back to the list, the article still open beside it
        await settle(pilot)
        assert screen.pane == "list" and screen.reader.article is not None
        assert "no source cards" not in screen.status.message


@sync
async def test_a_greyed_keys_why_goes_when_a_dialog_opens(
    plain_indexed: tuple[Path, Path],
) -> None:
    """The date filter's dialog opened over "Cards: this article has no source cards",
    which stayed under it (user review)."""
    from tui.dialogs import TextPrompt

    app = reader_app(*plain_indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert "no source cards" in screen.status.message
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, TextPrompt)
        assert "no source cards" not in screen.status.message


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_greyed_keys_why_about_the_article_goes_when_the_lists_cursor_moves(
    plain_indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """`c` over the list said "Cards: this article has no source cards" of the article
    open, and went on saying it while `j` moved the cursor down other articles, where
    it read as about the one under the cursor (user review)."""
    app = reader_app(*plain_indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("enter", "escape")  # an article open, back to the list
        await settle(pilot)
        assert screen.pane == "list" and screen.reader.article is not None
        await pilot.press("c")
        await settle(pilot)
        assert "no source cards" in screen.status.message
        await pilot.press("j")
        await settle(pilot)
        assert screen.article_list.highlighted == 1
        assert "no source cards" not in screen.status.message


@sync
async def test_the_updates_report_goes_once_the_reader_moves_on(
    plain_indexed: tuple[Path, Path],
) -> None:
    """The update's "index up to date: 1 added, …" (at start, and after each walk of the
    files that changes something) stayed its seconds through the search typed next and
    the article opened (user review): it goes once an action moves the reader on, as a
    key's own message does, the opening's match count or the search's hits to be read
    instead."""
    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        screen.status.fade = 3600  # (it faded after 6 s: no faster a test than that)
        for n, move_on in enumerate([("enter",), ("slash", *"東京", "enter")]):
            (corpus / f"new{n}.txt").write_text(f"新しい記事{n}\n\n本文。\n", encoding="utf-8")
            screen.update_index()  # as at start, or each walk of the files
            await settle(pilot)
            assert screen.status.message.startswith("index up to date: 1 added")
            await pilot.press(*move_on)
            await settle(pilot)
            assert "up to date" not in screen.status.message, move_on


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_the_updates_report_goes_once_a_search_is_typed_on_in_the_bar(
    plain_indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """The update's report came while the bar had the focus (`/` and a query typed), and
    stayed its seconds over the hits of the query typed on, where a Backspace cleared it
    at once (review): a character typed, or text pasted, in the bar is an action too."""
    from textual import events

    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=size) as (pilot, screen):
        screen.status.fade = 3600  # (it faded after 6 s: no faster a test than that)
        await pilot.press("slash", *"東京", "space")
        await settle(pilot)
        for n, typed in enumerate("天気"):
            (corpus / f"new{n}.txt").write_text(f"新しい記事{n}\n\n本文。\n", encoding="utf-8")
            screen.update_index()  # as each walk of the files
            await settle(pilot)
            assert screen.status.message.startswith("index up to date: 1 added")
            assert screen.in_search_bar
            await pilot.press(typed)
            await settle(pilot)
            assert "up to date" not in screen.status.message, (typed, screen.status.message)
        assert screen.shown_query == "東京 天気" and screen.article_list.entries
        (corpus / "pasted.txt").write_text("新しい記事\n\n本文。\n", encoding="utf-8")
        screen.update_index()
        await settle(pilot)
        assert screen.status.message.startswith("index up to date: 1 added")
        app.post_message(events.Paste("晴れ"))
        await settle(pilot)
        assert screen.search_bar.query_text == "東京 天気晴れ"
        assert "up to date" not in screen.status.message, screen.status.message


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@pytest.mark.parametrize("view", ["r", "B"])
@sync
async def test_the_sort_message_goes_when_another_list_replaces_the_hits(
    indexed: tuple[Path, Path], size: tuple[int, int], view: str
) -> None:
    """`s` said "search results sorted by date", and the line went on saying it over
    the related articles `r` listed (most alike first) and over the bookmarks (review):
    it is of the hits, and goes with them, as a search's hints do."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        screen.status.fade = 3600  # (it faded after 6 s: no faster a test than that)
        await pilot.press("slash", *"停戦", "enter", "s")
        await settle(pilot)
        assert "sorted by date" in screen.status.message
        await pilot.press(view)
        await settle(pilot)
        assert screen.mode != "search"
        assert "sorted by" not in screen.status.message, screen.status.message


@pytest.mark.parametrize("away", ["r", "escape"])
@sync
async def test_a_facet_keys_warning_about_the_hits_goes_with_them(
    plain_indexed: tuple[Path, Path], away: str
) -> None:
    """`f` over hits with no outlet said "no outlet values in these hits", a warning
    that stays its 20 s: it stayed over the related articles `r` listed and over every
    article, back to by Esc, where "these hits" were none. So did "fix the query
    first…" once Esc had cleared the query (review)."""
    app = reader_app(*plain_indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"東京", "enter", "f")
        await settle(pilot)
        assert "no outlet values in these hits" in screen.status.message
        await pilot.press(away)
        await settle(pilot)
        assert "these hits" not in screen.status.message, screen.status.message
        if away != "escape":
            return
        await pilot.press("slash", *"東京 nosuchfield:x", "tab", "f")
        await settle(pilot)
        assert app.focused is screen.article_list
        assert "fix the query first" in screen.status.message
        await pilot.press("escape")  # the query cleared, every article listed
        await settle(pilot)
        assert screen.search_bar.query_text == ""
        assert "fix the query first" not in screen.status.message, screen.status.message


@sync
async def test_nothing_to_recall_goes_when_the_bar_is_left(indexed: tuple[Path, Path]) -> None:
    """↑ in the bar said "no earlier searches yet (Enter keeps a search)", ↓ "no later
    search (Tab or Enter goes to the hits)": both stayed their seconds over the list
    once Tab had gone there, where neither key recalls anything (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        screen.status.fade = 3600
        await pilot.press("slash", *"停戦", "down")
        await settle(pilot)
        assert "no later search" in screen.status.message
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is screen.article_list
        assert "no later search" not in screen.status.message, screen.status.message
