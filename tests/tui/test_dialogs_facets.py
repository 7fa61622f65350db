"""The reader's dialogs driven with Pilot: help (?), the command palette (ctrl+p)
and its Screenshot, the facet pickers (f: outlets, people), and the date dialog (d)
with sorting by date; Ctrl+Z over them too.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Vertical
from textual.widgets import Input

from tests.tui_support import (
    Terminal,
    build_home,
    keys_sent,
    open_reader,
    palette_lists,
    reader_app,
    settle,
    shown_text,
    sync,
    texts_home,
    told,
    wait_until,
)
from tui.commands import BAR_COMMANDS, CARDS_COMMANDS, COMMANDS, palette_label
from tui.dialogs import FacetPicker
from tui.screens import HelpScreen, MainScreen
from tui.widgets.cards_pane import CardsPane
from tui.widgets.search_bar import QueryInput


@sync
async def test_help_lists_the_same_keys_as_the_bindings(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row.command_id: row for row in app.screen.rows}
        every = (*COMMANDS, *BAR_COMMANDS, *CARDS_COMMANDS)
        assert set(rows) == {command.id for command in every}
        # The screen's keys, the search bar's own (↑ ↓ recall searches there) and the
        # Sources pane's (Enter goes to the card in the text).
        bindings = [
            *Binding.make_bindings(screen.BINDINGS),
            *Binding.make_bindings(QueryInput.BINDINGS),
            *Binding.make_bindings(CardsPane.BINDINGS),
        ]
        assert {b.id for b in bindings} == set(rows)
        for binding in bindings:
            assert binding.id is not None
            assert app.get_key_display(binding) in rows[binding.id].keys
            assert rows[binding.id].description == binding.tooltip
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@sync
async def test_ctrl_z_suspends_the_reader_from_every_screen(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl+Z was read and dropped: over SSH, where a program is suspended with it and
    brought back with `fg`, the reader could not be. From the list, the search bar and
    the help, it gives the terminal back (Textual's application mode suspended), stops
    the job as the terminal's own Ctrl+Z does (SIGTSTP to the process group, the
    reader's handler out of the way), and takes the terminal again once continued;
    the place read is saved first (a reader left suspended may never come back), and
    the help lists the key. The signal is recorded here, not sent: it would stop the
    tests. (tests/test_e2e_tmux.py suspends a real one.)"""
    from textual.drivers.headless_driver import HeadlessDriver

    done: list[str] = []
    sent: list[tuple[int, int, object]] = []

    def killpg(group: int, signum: int) -> None:
        sent.append((group, signum, signal.getsignal(signum)))

    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda _: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode", lambda _: done.append("-"))
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda _: done.append("+"))
    monkeypatch.setattr(os, "killpg", killpg)
    stop = (os.getpgrp(), signal.SIGTSTP, signal.SIG_DFL)

    def drivers(signum: int, frame: object) -> None:  # as Textual's Linux driver has one
        raise AssertionError("the reader's SIGTSTP handler ran")

    default = signal.signal(signal.SIGTSTP, drivers)
    try:
        await _suspended_from_every_screen(indexed, sent, done, stop, drivers)
    finally:
        signal.signal(signal.SIGTSTP, default)
    assert signal.getsignal(signal.SIGTSTP) is default


async def _suspended_from_every_screen(
    indexed: tuple[Path, Path],
    sent: list[tuple[int, int, object]],
    done: list[str],
    stop: tuple[int, int, object],
    handler: object,
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter", "pagedown")
        await settle(pilot)
        place = screen.reader.place
        last = screen.state.last_place()
        assert place > 0 and (last is None or last.offset != place)
        await pilot.press("ctrl+z")
        assert (sent, done) == ([stop], ["-", "+"])
        last = screen.state.last_place()
        assert last is not None and (last.article_id, last.offset) == (screen.open_id, place)
        await pilot.press("slash", "ctrl+z")
        assert sent == [stop] * 2
        assert screen.search_bar.input.value == ""  # not typed into the search
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = {row.command_id: row for row in app.screen.rows}
        assert "^z" in rows["suspend"].keys and "fg" in rows["suspend"].description
        await pilot.press("ctrl+z")
        assert (len(sent), done) == (3, ["-", "+"] * 3)
        assert signal.getsignal(signal.SIGTSTP) is handler  # the driver's handler back
        assert app.is_running


@sync
async def test_help_scrolls_with_the_readers_keys(indexed: tuple[Path, Path]) -> None:
    from textual.containers import VerticalScroll

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y > 0  # longer than the screen at 80x24
        await pilot.press("j", "j")
        await pilot.pause()
        assert scroll.scroll_y == 2
        await pilot.press("G")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
        await pilot.press("k", "g")
        await pilot.pause()
        assert scroll.scroll_y == 0


@pytest.mark.parametrize("size", [(30, 8), (32, 10), (40, 16), (46, 16), (50, 16)])
@sync
async def test_help_reads_whole_on_a_narrow_screen(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At 32x10 the help's columns read `Keys  C…  What it does` / `/  S…  Foc…`, at
    40 `Comma…`, `前の …`, and the query syntax's meanings were a column of `…`
    (review): each key's command and what it does, and each example's meaning, is
    shown whole and read in order, down to the narrowest the reader runs at. (Wider,
    the columns have room: the snapshot at 80x24.)"""
    from index.query import SYNTAX
    from tui.screens.help import LIST_NOTES

    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_screen = app.screen

        def read(widget_id: str, said: list[str]) -> str:
            """What the part shows, its lines read one after the other: nothing in it
            cut short (no "…" but those of what it says)."""
            text = shown_text(help_screen.query_one(widget_id))
            assert text.count("…") == sum(part.count("…") for part in said), text
            return " ".join(text.split())

        def whole(said: str) -> str:
            return " ".join(said.split())

        rows = help_screen.rows
        commands = read("#help-table", [row.description for row in rows])
        for row in rows:
            assert whole(row.description) in commands, (row.description, commands)
            for word in row.title.split():
                assert word in commands.split(), (word, commands)
        notes = read("#help-list", [f"{key} {meaning}" for key, meaning in LIST_NOTES])
        for key, meaning in LIST_NOTES:
            assert whole(f"{key} {meaning}") in notes, (key, notes)
        syntax = read("#help-syntax", [f"{ex} {meaning}" for ex, meaning in SYNTAX])
        for example, meaning in SYNTAX:
            assert whole(f"{example} {meaning}") in syntax, (example, syntax)


@sync
async def test_help_shows_the_query_syntax(indexed: tuple[Path, Path]) -> None:
    from index.query import SYNTAX

    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, _):
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app.screen.query_one("#help-syntax"))
        for example, _ in SYNTAX:
            assert example in text
        assert "`" not in "\n".join(row.description for row in app.screen.rows)


@sync
async def test_every_query_the_help_shows_finds_a_seed_article(tmp_path: Path) -> None:
    """The help's examples, each searched as shown over seeds/ alone (a new home's
    corpus), find an article: `outlet:CNN` found nothing there, and `-ロシア` alone was
    refused ("a query needs something to find")."""
    from index.query import SYNTAX
    from tui.screens.help import LIVE_EXAMPLE, LIVE_NOTE

    app = reader_app(*build_home(tmp_path, hostile=False))
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = shown_text(app.screen.query_one("#help-syntax"))
        await pilot.press("escape")
        typed, found = LIVE_EXAMPLE
        assert f"{typed} finds {found}" in LIVE_NOTE
        for example in (*(example for example, _ in SYNTAX), typed):
            assert example in help_text
            live = example == typed  # shown as what typing finds, before Enter
            await pilot.press("slash", "ctrl+u", *example, *([] if live else ["enter"]))
            await settle(pilot)
            assert screen.shown_query == example, screen.article_list.notice
            assert screen.article_list.entries, f"{example} finds nothing in seeds/"
            await pilot.press("ctrl+l")
            await settle(pilot)


@sync
async def test_help_says_what_the_lists_marks_and_enter_mean(indexed: tuple[Path, Path]) -> None:
    # Enter and the list's ● and ★ are no command, so the help left them out.
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter")  # remembered as an earlier search
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = shown_text(app.screen.query_one("#help-list"))
        for said in (
            "Enter",
            "● in the list: not read yet",
            "★ in the list: bookmarked",
            "R v w W n N in the list, on another article than the one open: open it",
        ):
            assert said in " ".join(text.split())
        # The bar's ↑ brings the earlier search back, from what is typed (→ took the
        # one drawn in grey after it, no longer drawn)
        await pilot.press("escape", "slash", "ctrl+u", "停", "up")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦"


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("ぶっくまーく", "Bookmark"),
        ("ブックマーク", "Bookmark"),
        ("ﾌﾞｯｸﾏｰｸ", "Bookmark"),
        ("ＢＯＯＫＭＡＲＫ", "Bookmark"),
        ("ならべかえ", "Sort"),  # the reading of 並べ替え
        ("ひづけでしぼりこむ", "Filter by date"),
        ("ケンサク", "Search"),
        # The loanwords a user types as often (review)
        ("ﾌｨﾙﾀ", "Filter by"),
        ("フィルター", "Filter by"),
        ("しぼりこみ", "Filter by"),
        ("ソート", "Sort"),
        ("絞り込み", "Filter by"),
        ("並び替え", "Sort"),
        # The Japanese words a user types for a command, besides its name: しおり found
        # nothing (user review)
        ("しおり", "Bookmark  "),
        ("栞", "Bookmark  "),
        ("しおり一覧", "Bookmarks  "),
        ("お気に入り", "Bookmark  "),
        ("探す", "Search  "),
        ("使い方", "Help  "),
        ("つかいかた", "Help  "),
        ("さがす", "Search  "),
        # Textual's own commands, English only before (review)
        ("てーま", "Theme"),
        ("テーマ", "Theme"),
        ("ｽｸﾘｰﾝｼｮｯﾄ", "Screenshot"),
    ],
)
@sync
async def test_the_palette_folds_kana_and_width(
    indexed: tuple[Path, Path], typed: str, wanted: str
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("slash", *"停戦", "enter")  # (Sort is offered over a search's hits)
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        prompts = await palette_lists(pilot, typed)
        assert any(p.startswith(wanted) for p in prompts), prompts


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_lone_kana_in_the_palette_finds_what_it_found_and_never_quit(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """The other words for a command (しおり, 探す) came with とじる and やめる for Quit:
    と, then Enter, quit the reader, where it had gone to the top (Top first), and や
    too (review); ょ put Quit first before them. Nor may a kana within another word
    put its command over the one it listed first (が of さがす: Search over Furigana),
    nor 一覧 list Help (キー一覧) level with Bookmarks."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, _):
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        for typed, first in [
            ("と", "Top  "),
            ("ト", "Top  "),
            ("が", "Furigana  "),
            ("し", "Bookmark  "),  # しおり: what it was added for
            ("お", "Bookmark  "),  # お気に入り
            ("一覧", "Bookmarks  "),
            ("いちらん", "Bookmarks  "),
            ("q", "Quit  "),
            ("終了", "Quit  "),
            ("しゅうりょう", "Quit  "),
        ]:
            prompts = await palette_lists(pilot, typed)
            # (Textual's own Theme and Screenshot, of another provider, come before or
            # after the reader's commands they tie with, as the providers answer: と
            # finds スクリーンショット as it finds せんとう.)
            ours = [p for p in prompts if not p.startswith(("Theme  ", "Screenshot  "))]
            assert ours and ours[0].startswith(first), (typed, prompts)
            assert not prompts[0].startswith("Quit  ") or first == "Quit  ", (typed, prompts)
        for typed in ("や", "め", "ょ", "ゅ", "う", "り", "ヤ", "ｼ"):
            prompts = await palette_lists(pilot, typed)
            assert not any(p.startswith("Quit  ") for p in prompts), (typed, prompts)
        for typed in ("一覧", "いちらん"):
            prompts = await palette_lists(pilot, typed)
            assert not any(p.startswith("Help  ") for p in prompts), (typed, prompts)


def test_no_lone_kana_finds_quit_or_suspend() -> None:
    """Whatever the reader shows (the palette lists a command that does not apply too,
    after the others): one kana, hiragana, katakana or half-width, never finds Quit, nor
    Suspend where the reader can be suspended (ぺ listed it first: review), so that Enter
    after it cannot leave the reader."""
    from index.kana import fold
    from tui.commands import SUSPENDS, palette_match

    leaving = [c for c in COMMANDS if c.id in ("quit", "suspend")]
    assert len(leaving) == (2 if SUSPENDS else 1)
    kana = [chr(code) for code in range(0x3041, 0x3097)]
    kana += [chr(code) for code in range(0x30A1, 0x30F7)]
    kana += [chr(code) for code in range(0xFF66, 0xFF9E)]
    for command in leaving:
        for typed in kana:
            assert len(fold(typed)) == 1
            assert palette_match(typed, command) == (0.0, []), (command.id, typed)
    quit_ = next(c for c in leaving if c.id == "quit")
    assert palette_match("しゅ", quit_)[0] > 0  # (two kana: its reading's start)


@sync
async def test_the_palette_says_why_a_command_does_not_apply(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompts = await palette_lists(pilot, "copy")
        # No link to copy (the article under the cursor has none): listed, saying why,
        # as a greyed key does.
        copy = [p for p in prompts if p.startswith("Copy URL")]
        assert len(copy) == 1 and "not now: " in copy[0] and "has no link" in copy[0], prompts
        prompts = await palette_lists(pilot, "quit")
        # One Quit, the reader's (it keeps the reading position), with its key.
        assert len([p for p in prompts if p.startswith("Quit")]) == 1, prompts
        assert any("Quit  終了" in p and "key: q" in p for p in prompts), prompts


@sync
async def test_filter_by_outlet_inserts_the_clause(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FacetPicker)
        # Outlets are matched as written: no reading example (ほんだ) for them.
        assert app.screen.query_one(Input).placeholder == (
            "type to narrow (case, kana and width folded)"
        )
        await pilot.press(*"北海道")
        await pilot.pause()
        typed = app.screen.query_one(Input)
        assert typed.value == "北海道" and typed.has_focus
        assert typed.content_region.height == 1  # a row to show it in (no border over it)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.search_bar.query_text == 'outlet:"北海道新聞デジタル"'
        titles = [e.summary.title for e in screen.article_list.entries]
        assert len(titles) == 1 and "ゼレンスキー" in titles[0]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_a_word_typed_after_a_filter_pick_narrows_the_filtered_hits(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """`f` then `/` 恋愛 over ldcc searched 恋愛 across every outlet (529 hits), the
    `outlet:"Peachy"` just picked gone: `/` selected the query whole, and the first key
    typed it over (review). After a pick (the query as a dialog left it), `/` and a
    word typed over the list go after it; a query typed is still typed over."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        bar = screen.search_bar.input
        for start in (("slash",), ()):  # `/`, then the word typed over the list
            await pilot.press("f", *"北海道", "enter")
            await settle(pilot)
            assert screen.search_bar.query_text == 'outlet:"北海道新聞デジタル"'
            assert app.focused is screen.article_list
            await pilot.press(*start)
            await keys_sent(pilot, "ゼレンスキー")
            assert app.focused is bar
            assert screen.search_bar.query_text == 'outlet:"北海道新聞デジタル" ゼレンスキー'
            titles = [e.summary.title for e in screen.article_list.entries]
            assert len(titles) == 1 and "ゼレンスキー" in titles[0]
            await pilot.press("enter")
            await settle(pilot)
            await pilot.press("slash")
            await settle(pilot)
            await pilot.press(*"停戦", "enter")  # a query typed: typed over
            await settle(pilot)
            assert screen.search_bar.query_text == "停戦"
            await pilot.press("ctrl+l")
            await settle(pilot)


async def _picker_values(app: Any) -> dict[str, int]:
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    listed = {}
    for n in range(options.option_count):
        value, count = str(options.get_option_at_index(n).prompt).rsplit("  ", 1)
        listed[value] = int(count)
    return listed


def _picker_title(app: Any) -> str:
    from textual.widgets import Static

    return str(app.screen.query_one("#facet-title", Static).render())


@sync
async def test_the_facet_picker_over_a_search_counts_what_picking_lists(
    indexed: tuple[Path, Path],
) -> None:
    # It counted every article: a value could lead to no hit, and the counts were not
    # what picking it would list; then it counted the words being typed as prefixes,
    # where the pick searches them whole.
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        library = screen.library
        assert library is not None
        every = dict(library.facets("outlet"))
        await pilot.press("slash", *"ゼレンスキー", "tab")  # typed, not submitted
        await settle(pilot)
        total = library.search("ゼレンスキー").total
        assert 0 < total < library.count()
        await pilot.press("f")
        await settle(pilot)
        assert isinstance(app.screen, FacetPicker)
        assert _picker_title(app) == f"Filter by outlet · among {total} hit" + (
            "s of ゼレンスキー" if total > 1 else " of ゼレンスキー"
        )
        listed = await _picker_values(app)
        assert len(listed) > 1 and set(listed) < set(every)  # none that no hit cites
        first, second = list(listed)[:2]
        await pilot.press(*first, "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == f'ゼレンスキー outlet:"{first}"'
        assert len(screen.article_list.entries) == listed[first]
        # Another outlet: in place of the first, counted without it.
        await pilot.press("f")
        await settle(pilot)
        assert await _picker_values(app) == listed
        await pilot.press(*second, "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == f'ゼレンスキー outlet:"{second}"'
        assert len(screen.article_list.entries) == listed[second]


@sync
async def test_the_facet_picker_outside_a_search_starts_one(indexed: tuple[Path, Path]) -> None:
    # From the bookmarks, the counts were every article's but the pick narrowed the
    # search behind them; a malformed query took the filter as the missing half of
    # its OR.
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        library = screen.library
        assert library is not None
        every = dict(library.facets("outlet"))
        await pilot.press("slash", *"日本 OR", "enter")
        await settle(pilot)
        await pilot.press("tab", "f")  # Enter left the bar to mend the query: to the list
        await settle(pilot)
        assert not isinstance(app.screen, FacetPicker)
        assert screen.status.message.startswith("fix the query first (")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("slash", *"ゼレンスキー", "enter")
        await settle(pilot)
        await pilot.press("B")  # the bookmarks (none): a pick searches every article
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert _picker_title(app) == "Filter by outlet"
        assert await _picker_values(app) == every
        value = next(iter(every))
        await pilot.press(*value, "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == f'outlet:"{value}"'
        assert len(screen.article_list.entries) == every[value]


@sync
async def test_the_facet_picker_finds_names_by_their_reading(indexed: tuple[Path, Path]) -> None:
    # Search finds 東京 from とうきょう; the person picker found 本田圭佑 only from 本田.
    from textual.widgets import OptionList

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        values = [("本田圭佑", 44), ("ホンダ", 30), ("香川真司", 20), ("東京", 9)]
        app.push_screen(FacetPicker("People", values))

        async def listed(typed: str) -> list[str]:
            await pilot.press("ctrl+u", *typed)
            await app.workers.wait_for_complete()  # the readings, made in a thread
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            return [
                str(options.get_option_at_index(n).prompt).split()[0]
                for n in range(options.option_count)
            ]

        # Typed at once, as the picker opens: listed by reading once the readings are made.
        assert await listed("ほんだ") == ["本田圭佑", "ホンダ"]
        assert await listed("かがわしんじ") == ["香川真司"]
        assert await listed("香川") == ["香川真司"]
        assert await listed("ケイスケ") == ["本田圭佑"]  # katakana folded too
        # Nothing left: it says so (a blank list looked broken), and Enter picks nothing.
        assert await listed("大阪") == ["none"]
        assert str(app.screen.query_one(OptionList).get_option_at_index(0).prompt) == (
            "none matches 大阪"
        )
        await pilot.press("enter")
        assert isinstance(app.screen, FacetPicker)


@sync
async def test_the_facet_picker_lists_the_most_frequent_and_narrows_to_the_rest(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """~9,000 people took ~1 s to list: the picker lists the most frequent, says so,
    and typing finds any of them."""
    from textual.widgets import OptionList, Static

    import tui.dialogs.facet_picker as picker_module

    monkeypatch.setattr(picker_module, "PICKER_ROWS", 2)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        values = [("本田圭佑", 44), ("ホンダ", 30), ("香川真司", 20), ("東京", 9), ("大阪", 3)]
        picked: list[str | None] = []
        app.push_screen(FacetPicker("People", values, names=False), picked.append)
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        title = app.screen.query_one("#facet-title", Static)
        prompts = [str(options.get_option_at_index(n).prompt) for n in range(2)]
        assert options.option_count == 2
        assert prompts == ["本田圭佑  44", "ホンダ  30"]
        assert str(title.render()) == "People\nthe 2 most frequent of 5"
        await pilot.press(*"大阪")
        await pilot.pause()
        assert options.option_count == 1
        assert str(title.render()) == "People"
        await pilot.press("enter")
        await settle(pilot)
        assert picked == ["大阪"]


@sync
async def test_the_facet_pickers_title_keeps_to_its_lines_at_80_columns(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From review: at 80 columns a long query in the title wrapped, and its last word
    ran into the count below it (`監督 · the 200 most frequent of 2039`)."""
    from textual.widgets import Static

    import tui.dialogs.facet_picker as picker_module

    monkeypatch.setattr(picker_module, "PICKER_ROWS", 2)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        title = 'Filter by person · among 430 hits of outlet:"MOVIE ENTER" 監督 映画 after:2012-03'
        values = [("本田圭佑", 44), ("ホンダ", 30), ("香川真司", 20)]
        app.push_screen(FacetPicker(title, values))
        await pilot.pause()
        shown = shown_text(app.screen.query_one("#facet-title", Static)).splitlines()
        assert [line.rstrip() for line in shown][1:] == ["the 2 most frequent of 3"]
        assert shown[0].startswith("Filter by person · among 430 hits of")
        assert shown[0].rstrip().endswith("…")


@sync
async def test_filter_by_date_and_sort_by_date(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"停戦", "enter")
        await settle(pilot)
        assert len(screen.article_list.entries) == 3
        await pilot.press("j", "j")
        assert screen.article_list.highlighted == 2
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in str(screen.article_list.border_title)
        # A new order starts at its first hit (kept on the one it was on, the list hid
        # the newest hits above it).
        assert screen.article_list.highlighted == 0
        dated = [e.summary.published for e in screen.article_list.entries]
        assert dated[0] is not None and dated[1:] == [None, None]  # undated last
        await pilot.press("escape", "d")
        await pilot.pause()
        await pilot.press(*"2025-13", "enter")  # no date: said in the dialog, which stays
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)
        help_line = shown_text(app.screen.query_one("#prompt-help"))
        assert "2025-13: there is no month 13" in help_line
        await pilot.press("ctrl+u", *"2025-02", "enter")  # February (a lone date: that month)
        await settle(pilot)
        assert screen.search_bar.query_text == "after:2025-02 before:2025-03"
        titles = [e.summary.title for e in screen.article_list.entries]
        assert len(titles) == 1 and "ゼレンスキー" in titles[0]
        # The hits have the focus, as after Enter: the next key is a command again.
        assert app.focused is screen.article_list
        assert "as typed" not in str(screen.article_list.border_title)
        await pilot.press("d")
        await pilot.pause()
        assert screen.search_bar.query_text == "after:2025-02 before:2025-03"
        assert not isinstance(app.screen, MainScreen)  # the dialog again, not a typed d
        # It shows the range in force; emptied, it takes the date filter away.
        assert app.screen.query_one(Input).value == "2025-02"  # one month, as typed
        await pilot.press("ctrl+u", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.search_bar.query_text == "" and len(screen.article_list.entries) == 3


@pytest.mark.parametrize("words", ["停戦", ""])
@sync
async def test_a_date_with_no_hits_leaves_the_focus_in_the_list(
    indexed: tuple[Path, Path], words: str
) -> None:
    """A range with no hits sent the focus to the search bar, as Enter pressed there
    does: the `d` pressed next to change the range was typed into the query (停戦
    after:2012-12-25 before:2013-01-06d, "bad date '2013-01-06d' for before:"; review).
    The bar keeps the focus on no hits only for Enter pressed in it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        if words:
            await pilot.press("slash", *words, "enter")
            await settle(pilot)
            assert screen.article_list.entries
        assert app.focused is screen.article_list
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("ctrl+u", *"2012-12-25..01-05", "enter")
        await settle(pilot)
        query = f"{words} after:2012-12-25 before:2013-01-06".strip()
        assert screen.search_bar.query_text == query
        assert not screen.article_list.entries  # 0 hits (the seeds are of 2025)
        assert app.focused is screen.article_list
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)  # the dialog again, not a typed d
        assert app.screen.query_one(Input).value == "2012-12-25..2013-01-05"
        assert screen.search_bar.query_text == query
        await pilot.press("ctrl+u", *"2025", "enter")
        await settle(pilot)
        assert screen.article_list.entries and app.focused is screen.article_list
        # Enter pressed in the bar on a query with no hits still keeps it there, to mend.
        await pilot.press("slash", "end", *" 野球", "enter")
        await settle(pilot)
        assert not screen.article_list.entries
        assert app.focused is screen.search_bar.input


@sync
async def test_the_date_key_takes_a_month_with_a_slash_and_says_which_day_is_not_there(
    indexed: tuple[Path, Path],
) -> None:
    """`d` refused 2012/03 ("is not a date"), a date written as text files write theirs;
    after:2012-02-30 said "(use YYYY-MM-DD…)", the form being right (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"2025-02-30", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)  # the dialog stays, and says why
        help_line = shown_text(app.screen.query_one("#prompt-help"))
        assert "2025-02-30: February 2025 has 28 days" in help_line
        await pilot.press("ctrl+u", *"2025/02", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.search_bar.query_text == "after:2025-02 before:2025-03"
        titles = [e.summary.title for e in screen.article_list.entries]
        assert len(titles) == 1 and "ゼレンスキー" in titles[0]
        await pilot.press("slash", "ctrl+u", *"停戦 after:2012-02-30", "enter")
        await settle(pilot)
        said = screen.article_list.notice
        assert said.startswith("bad date '2012-02-30' for after: February 2012 has 29 days")


@sync
async def test_the_date_key_shows_and_replaces_a_date_filter_typed_with_an_ime_minus(
    indexed: tuple[Path, Path],
) -> None:
    """ーafter: (the minus key in a Japanese IME's kana mode) is a date filter to the
    search: the dialog showed no range for it, and the range picked was added beside it.
    It leaves it out (before March 2025): the dialog showed 2025-03.. (from March), and
    Enter on that wrote after:2025-03, the opposite. It says it cannot show it; Enter
    on nothing typed leaves the query as it is, a range typed replaces it."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        await pilot.press("slash", *"停戦 ーafter:2025-03", "enter")
        await settle(pilot)
        before = [e.summary.title for e in screen.article_list.entries]
        await pilot.press("d")
        await pilot.pause()
        assert not isinstance(app.screen, MainScreen)
        assert app.screen.query_one(Input).value == ""
        help_line = " ".join(shown_text(app.screen.query_one("#prompt-help")).split())
        assert help_line.startswith(
            "The query's date filter ーafter:2025-03 (left out) is no range this dialog can show."
        )
        assert help_line.endswith(
            "typed, it replaces the query's date filters; empty: the query as it is"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.search_bar.query_text == "停戦 ーafter:2025-03"
        assert [e.summary.title for e in screen.article_list.entries] == before
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"2025-02", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 after:2025-02 before:2025-03"
        titles = [e.summary.title for e in screen.article_list.entries]
        assert len(titles) == 1 and "ゼレンスキー" in titles[0]


@sync
async def test_the_date_key_keeps_dates_joined_by_or_until_a_range_replaces_them(
    indexed: tuple[Path, Path],
) -> None:
    """after:2025-02 OR before:2024-01 was shown as 2025-02..2023-12, which Enter then
    refused as a range back to front; a range typed leaves no OR behind."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("slash", *"停戦 after:2025-02 OR before:2024-01", "enter")
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.query_one(Input).value == ""
        help_line = " ".join(shown_text(app.screen.query_one("#prompt-help")).split())
        assert help_line.startswith(
            "The query's date filters after:2025-02, before:2024-01 (joined by OR) are no range"
        )
        await pilot.press(*"2025-02", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == "停戦 after:2025-02 before:2025-03"


@sync
async def test_a_screenshot_without_a_downloads_folder_is_saved_where_the_reader_started(
    indexed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual saves to ~/Downloads, which a server often has not: the palette's
    Screenshot said only "Failed to save screenshot"."""
    monkeypatch.setattr("platformdirs.user_downloads_path", lambda: tmp_path / "Downloads")
    started_in = tmp_path / "here"
    started_in.mkdir()
    monkeypatch.chdir(started_in)
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30), notifications=True) as (pilot, _):
        # The palette's own command (it calls deliver_screenshot, not the action)
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title.startswith("Screenshot")
        )
        command.callback()
        # Written by a thread.
        await wait_until(pilot, lambda: any("screenshot" in note.lower() for note in told(app)))
        said = told(app)
        assert any("Saved screenshot to" in message for message in said), said
    saved = list(started_in.glob("*.svg"))
    assert len(saved) == 1 and "停戦" in saved[0].read_text("utf-8")


@sync
async def test_a_wide_character_beside_the_date_dialog_is_shown_when_it_shrinks(
    tmp_path: Path,
) -> None:
    """The dialog grew with its error message and shrank (its hint, four lines at 80
    columns, replaced by one): a kanji straddling its old edge, in a row the dialog no
    longer covered, became two blank cells (話題に read `話  に`) until the dialog closed.
    Textual repainted only the old dialog's region, and cut the row there, through the
    kanji. What the terminal shows, update by update, is what the screen holds."""
    titles = {
        f"a{n}": f"A東京都知事選挙の候補者が政策を語る討論会の記録と論点の整理、話題になった発言{n}"
        for n in range(8)
    }
    app = reader_app(
        *texts_home(tmp_path, "texts", {k: f"{v}\n\n本文。\n" for k, v in titles.items()})
    )
    terminal = Terminal(app)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("d")
        await pilot.pause()
        grown = app.screen.query_one(Vertical).region
        await pilot.press(*"2012-13", "enter")
        await pilot.pause()
        await pilot.pause()
        assert "no month 13" in shown_text(app.screen.query_one("#prompt-help"))
        shrunk = app.screen.query_one(Vertical).region
        assert shrunk.height < grown.height
        screen = [strip.text for strip in app.screen._compositor.render_strips()]
        uncovered = [y for y in range(grown.y, grown.bottom) if not shrunk.y <= y < shrunk.bottom]
        assert any("東京都知事" in screen[y] for y in uncovered)  # rows of the list's titles
        assert terminal.lines == screen


@sync
async def test_the_facet_picker_keeps_a_full_width_space_typed(
    indexed: tuple[Path, Path],
) -> None:
    """`Sports　W`, typed with an IME's space, became `SportsW`."""
    from textual.widgets import OptionList

    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        app.push_screen(FacetPicker("Outlets", [("Sports\u3000Watch", 5)], names=False))
        await settle(pilot)
        await keys_sent(pilot, "Sports\u3000W")
        assert app.screen.query_one(Input).value == "Sports\u3000W"
        options = app.screen.query_one(OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("Sports\u3000Watch")


@pytest.mark.parametrize("typed", ["ならべかえ", "sort", "並べ"])
@sync
async def test_the_palette_finds_a_command_that_does_not_apply_and_says_why(
    indexed: tuple[Path, Path], typed: str
) -> None:
    """README's own example, ならべかえ, found nothing with no search ("No matches
    found"): Sort was left out of the palette without a word."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompts = await palette_lists(pilot, typed)
        assert prompts and prompts[0].startswith("Sort  並べ替え"), prompts
        assert "not now: no search hits to sort (/ to search first)" in prompts[0]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        assert screen.status.message == "Sort: no search hits to sort (/ to search first)"
        assert screen.mode == "all"


@sync
async def test_the_palette_lists_what_does_not_apply_after_all_that_does(
    indexed: tuple[Path, Path],
) -> None:
    """With no search, `s` listed the greyed Sort above Filter by person, which applies:
    a strong match halved still outscored a weak one. (From a review.)"""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompts = await palette_lists(pilot, "s")
        greyed = ["not now:" in prompt for prompt in prompts]
        assert any(greyed) and not all(greyed), prompts
        first_greyed = greyed.index(True)
        assert all(greyed[first_greyed:]), prompts


@pytest.mark.parametrize("typed", [" ", "と"])
@sync
async def test_the_palette_lists_the_readers_commands_before_textuals_own(
    indexed: tuple[Path, Path], typed: str
) -> None:
    """From a user review: ctrl+p opened on Textual's Screenshot and Theme, the
    reader's commands under them (two providers, listed in whichever order they
    answered, which changed from run to run). Opened (" ": the list of nothing typed),
    the reader's come first; searched, they come before Textual's they tie with (と
    finds せんとう, Top, as it finds スクリーンショット)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("ctrl+p")
        await pilot.pause()
        prompts = await palette_lists(pilot, typed)
        labels = tuple(palette_label(c) for c in (*COMMANDS, *CARDS_COMMANDS))
        ours = [n for n, p in enumerate(prompts) if p.split("\n")[0] in labels]
        textuals = [n for n in range(len(prompts)) if n not in ours]  # Theme, Screenshot…
        assert textuals and ours, prompts
        if typed == " ":
            assert max(ours) < min(textuals), prompts
        else:
            assert prompts[0].startswith("Top  "), prompts


@sync
async def test_f1_opens_the_help_and_closes_it_from_the_list_and_the_search_bar(
    indexed: tuple[Path, Path],
) -> None:
    """F1, the help key of most terminal programs, did nothing (review); in the search
    bar, where `?` is typed, it is the way to the help."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        for start in ((), ("slash",)):
            await pilot.press(*start)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen)
        assert screen.search_bar.query_text == ""


@sync
async def test_the_help_lists_the_quit_key_that_works_in_the_search_bar(
    indexed: tuple[Path, Path],
) -> None:
    """The help listed only `q`, which the search bar types (review): the key it lists
    beside it quits from the bar."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = next(row.keys for row in app.screen.rows if row.command_id == "quit")
        await pilot.press("escape", "slash")
        await pilot.pause()
        assert app.focused is screen.search_bar.input
        bar_keys = [key for key in keys if len(key) > 1]  # not a letter the bar types
        assert bar_keys, keys
        await pilot.press(bar_keys[0].replace("^", "ctrl+"))
        await pilot.pause()
        assert not app.is_running


@sync
async def test_ctrl_c_says_how_to_quit_over_the_help_too(indexed: tuple[Path, Path]) -> None:
    """Ctrl+C quits no Textual app; it says how to quit. Over the help it said nothing
    (put away until the help closed, then "Press q", a key that had closed the help)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert len(said) == 1 and "q" in said[0] and "to quit" in said[0]
        app.clear_notifications()
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert [str(n.message) for n in app._notifications] == ["Press ctrl+q to quit yomite"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert len(app._notifications) == 1  # not said again
        # In the search bar, text selected: Ctrl+C copies it, and says nothing of quitting.
        app.clear_notifications()
        await pilot.press("slash", *"停戦")
        screen.search_bar.input.select_all()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "停戦" and not [
            n for n in app._notifications if "to quit" in str(n.message)
        ]


def _dialog_words(dialog: Any, frame: Vertical) -> str:
    """The words the terminal shows within the dialog's box, one space between each
    (the borders left out: the box's and the line typed in's)."""
    strips = dialog._compositor.render_strips()
    region = frame.content_region.intersection(dialog.region)
    rows = [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]
    return " ".join(word for word in " ".join(rows).split() if word.strip("▊▎▔▁"))


@pytest.mark.parametrize("size", [(40, 9), (40, 12), (80, 24), (100, 30)])
@sync
async def test_the_date_dialog_is_whole_on_a_small_terminal(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """At 40x12 the date dialog was taller than the terminal: its top border and title
    above the screen, its box's bottom below (review). Every part of it is on the
    screen, its hint whole or scrolled (PageDown) to its end (at 40x9), and a date typed
    there filters the search."""
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("d")
        await pilot.pause()
        await pilot.pause()
        dialog = app.screen
        assert not isinstance(dialog, MainScreen)
        frame = dialog.query_one(Vertical)
        assert dialog.region.contains_region(frame.region), frame.region
        shown = _dialog_words(dialog, frame)
        assert shown.startswith("Filter by date A date (YYYY-MM-DD,"), shown
        assert shown.endswith(" 2024-11..2025-02"), shown  # the line to type in, last
        assert ("empty: no date filter" in shown) == (size != (40, 9)), shown
        if size == (40, 9):  # the hint cut short: PageDown shows the rest
            await pilot.press("pagedown")
            await pilot.pause()
            shown = _dialog_words(dialog, frame)
            assert "empty: no date filter 2024-11..2025-02" in shown, shown
            assert shown.startswith("Filter by date "), shown
        await pilot.press(*"2012-06", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert screen.search_bar.query_text == "after:2012-06 before:2012-07"


@sync
async def test_the_date_dialog_s_examples_fit_the_home(tmp_path: Path) -> None:
    """From review: the date dialog's placeholder said 2012-03..2012-06 in a home whose
    articles are dated 2025, a range that finds none of them. Its examples are the three
    months up to the newest article's; in a home with no date, up to this month."""
    from datetime import datetime

    texts = {
        "old": "古い記事\n2023/01/10\n\n停戦の話。\n",
        "new": "新しい記事\n2023/07/15\n\n和平の話。\n",
    }
    for name, files, end in (
        ("dated", texts, "2023-07"),
        ("undated", {"plain": "日付のない記事\n\n停戦の話。\n"}, f"{datetime.now():%Y-%m}"),
    ):
        (tmp_path / name).mkdir()
        app = reader_app(*texts_home(tmp_path / name, name, files))
        async with open_reader(app, size=(100, 30)) as (pilot, _screen):
            await pilot.press("d")
            await pilot.pause()
            dialog = app.screen
            assert not isinstance(dialog, MainScreen)
            placeholder = dialog.query_one(Input).placeholder
            assert placeholder.endswith(f"..{end}") and "2012" not in placeholder, placeholder
            shown = _dialog_words(dialog, dialog.query_one(Vertical))
            assert f"{placeholder} · " in shown and f"..{end}-" in shown, shown
            await pilot.press("escape")
            await settle(pilot)
    assert placeholder != "2023-04..2023-07"  # (the loop's last: the undated home)


@sync
async def test_the_palette_offers_no_maximize_that_would_hide_the_article_opened(
    indexed: tuple[Path, Path],
) -> None:
    """Textual's Maximize (review): the list maximized, `j` and Enter opened articles
    no one could see until Esc; the search bar maximized was a hatched screen. The
    reader lays its panes out for the terminal's width itself."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, _):
        for place in ((), ("slash",)):  # the list focused, then the search bar
            await pilot.press(*place)
            await pilot.pause()
            titles = [c.title for c in app.get_system_commands(app.screen)]
            assert titles and not any(t.startswith(("Maximize", "Minimize")) for t in titles)
            await pilot.press("ctrl+p")
            await pilot.pause()
            prompts = await palette_lists(pilot, "max")
            assert not any(p.startswith("Maximize") for p in prompts), prompts
            await pilot.press("escape")
            await pilot.pause()
