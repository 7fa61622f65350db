"""The reader driven with Pilot: what a user sees in each pane after each key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui_support import (
    build_home,
    cursor_off_the_open_article,
    main_screen,
    open_long_article,
    reader_app,
    reader_pane,
    settle,
    sync,
)


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
