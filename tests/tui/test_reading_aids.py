"""Furigana and the word cursor in the running reader (Pilot): R, v, w, W and * in
the reader, and in the list, where they open the article under the cursor.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App

from index.typeset import cell_width
from tests.tui_support import (
    SIZES,
    block_widgets,
    cursor_off_the_open_article,
    files_home,
    main_screen,
    open_long_article,
    open_reader,
    reader_app,
    reader_pane,
    settle,
    sync,
    text_home,
)
from tui.screens import MainScreen
from tui.word_cursor import WORD_STYLE


async def open_first_article(pilot: object, app: App[int]) -> MainScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await settle(pilot)
    screen = main_screen(app)
    await pilot.press("enter")
    await settle(pilot)
    assert screen.reader.article is not None
    return screen


def drawn(screen: MainScreen) -> list[str]:
    """Every line the reading view's blocks draw at their current width."""
    lines: list[str] = []
    for view in block_widgets(screen.reader):
        if not view.display:
            continue  # a card's line folded under its marker (the cards pane beside)
        width = view.content_region.width
        lines.extend(line.plain for line in view.lines(width))
    return lines


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_furigana_toggle_shows_and_hides_readings(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(pilot, app)
        title = block_widgets(screen.reader)[0]
        assert "(" not in "".join(drawn(screen)[:3])
        await pilot.press("R")
        await settle(pilot)
        with_readings = "".join(line.plain for line in title.lines(title.content_region.width))
        assert "交渉(こうしょう)" in with_readings
        width = title.content_region.width
        for view in block_widgets(screen.reader):
            if not view.display:
                continue  # folded under its card's marker: not drawn
            for line in view.lines(view.content_region.width):
                assert cell_width(line.plain) <= width
        assert screen.status.message == "Furigana on"
        await pilot.press("R")
        await settle(pilot)
        assert "(こうしょう)" not in "".join(
            line.plain for line in title.lines(title.content_region.width)
        )


@sync
async def test_furigana_turned_on_in_one_reader_leaves_another_without(
    indexed: tuple[Path, Path],
) -> None:
    """The typesetting was one module global for the whole process: two readers in it
    (as the Pilot tests run) shared it, and `R` in one put readings in the other's text."""
    first, second = reader_app(*indexed), reader_app(*indexed)
    async with first.run_test(size=(100, 30)) as pilot:
        screen = await open_first_article(pilot, first)
        await pilot.press("R")
        await settle(pilot)
        assert screen.furigana and "(こうしょう)" in "".join(drawn(screen)[:3])
    async with second.run_test(size=(100, 30)) as pilot:
        screen = await open_first_article(pilot, second)
        assert not screen.furigana
        assert "(こうしょう)" not in "".join(drawn(screen)[:3])


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_word_cursor_moves_word_by_word_and_shows_the_word(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(pilot, app)
        article = screen.reader.article
        assert article is not None
        await pilot.press("w")
        await settle(pilot)
        word = screen.current_word
        assert word is not None and word.start == 0  # the title's first word
        first = word.word.surface
        assert screen.status.message.startswith(first)
        title = screen.reader.block_views[0]
        marked = [
            title.plain[span.start : span.end]
            for span in title.typeset.source.spans
            if span.style == WORD_STYLE
        ]
        assert marked == [first]
        await pilot.press("w", "w")
        await settle(pilot)
        third = screen.current_word
        assert third is not None and third.start > word.start
        await pilot.press("W")
        await settle(pilot)
        second = screen.current_word
        assert second is not None and word.start < second.start < third.start
        assert screen.status.message.startswith(second.word.surface)
        assert second.word.pos in screen.status.message
        # Esc leaves the reader for the list: the word's description, of a key before,
        # goes (it stayed, then over the bookmarks `B` listed).
        shown = screen.status.message
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.article_list
        assert screen.status.message != shown
        await pilot.press("B")
        await settle(pilot)
        assert screen.status.message != shown


@sync
async def test_star_searches_the_corpus_for_the_word_under_the_cursor(
    indexed: tuple[Path, Path],
) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_first_article(pilot, app)
        await pilot.press("w")
        await settle(pilot)
        word = screen.current_word
        assert word is not None
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.search_bar.query_text == word.word.query
        assert app.focused is screen.article_list
        assert screen.article_list.entries
        assert all(entry.hit is not None for entry in screen.article_list.entries)
        # As submitted: the word is whole, not the prefix of longer words it was, as typed.
        assert "as typed" not in str(screen.article_list.border_title)
        assert screen.status.message == f"searched for {word.word.lemma}"


@sync
async def test_star_on_a_particle_says_so_and_leaves_the_list(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_first_article(pilot, app)
        listed = [entry.summary.id for entry in screen.article_list.entries]
        # の, and one of two kana or more (から, として): a query of those alone is
        # searched as a reading (ぞう: 象), where * on しか had searched for 鹿
        for shortest in (1, 2):
            for _ in range(300):
                await pilot.press("w")
                word = screen.current_word
                if (
                    word is not None
                    and word.word.pos_english == "particle"
                    and len(word.word.surface) >= shortest
                ):
                    break
            assert word is not None and word.word.pos_english == "particle"
            assert len(word.word.surface) >= shortest
            await pilot.press("asterisk")
            await settle(pilot)
            assert screen.status.message == (
                f"{word.word.surface} (particle) is not indexed: nothing to search for"
            )
            assert not screen.is_searching and screen.search_bar.query_text == ""
            assert [entry.summary.id for entry in screen.article_list.entries] == listed


@sync
async def test_the_cursor_follows_the_open_article(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_first_article(pilot, app)
        await pilot.press("w")
        await settle(pilot)
        assert screen.current_word is not None
        await pilot.press("v")  # the word cursor off
        await settle(pilot)
        assert screen.current_word is None
        title = screen.reader.block_views[0]
        assert not [s for s in title.typeset.source.spans if s.style == WORD_STYLE]


def word_row(screen: MainScreen) -> int:
    """The row of the content the word under the cursor is drawn on."""
    word = screen.current_word
    assert word is not None
    view = next(v for v in screen.reader.block_views if v.block.start == word.block.start)
    prefix = len(view.plain) - len(view.block.text)
    line = view.line_of(word.word.start + prefix, view.content_region.width)
    return view.virtual_region.y + view.top_padding + line


def rows_in_view(screen: MainScreen) -> range:
    reader = screen.reader
    top = round(reader.scroll_y)
    return range(top, top + reader.scrollable_content_region.height)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_the_word_cursor_goes_on_from_the_view_when_scrolled_away_from(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    """A reviewer's steps: `g`, `v`, two pages down (the cursor out of sight), `w`: the
    view jumped back to the title for the word after the one left there (氏). `w` goes
    on from the top of the view, `W` from its bottom, as `n` and `N` do for matches; in
    sight, the next word past the bottom brings the view along."""
    app = reader_app(*indexed)
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(pilot, app)
        reader = screen.reader
        await pilot.press("g", "v")
        await settle(pilot)
        first = screen.current_word
        assert first is not None and first.start == 0
        await pilot.press("pagedown", "pagedown")
        await settle(pilot)
        top = reader.scroll_y
        assert top > 0 and word_row(screen) not in rows_in_view(screen)
        await pilot.press("w")
        await settle(pilot)
        word = screen.current_word
        assert word is not None and word.start > first.start
        assert reader.scroll_y == top  # the view stays
        assert word_row(screen) == round(top)  # the first word on its top line
        assert screen.status.message.startswith(word.word.surface)
        await pilot.press("pageup")
        await settle(pilot)
        top = reader.scroll_y
        assert word_row(screen) not in rows_in_view(screen)
        await pilot.press("W")
        await settle(pilot)
        last = screen.current_word
        assert last is not None and last.start < word.start
        assert reader.scroll_y == top
        # The last word on its bottom line of text (a blank line, a card's end, may be under it).
        last_row = reader_pane(app).split("\n")[-2][1:-1].strip(" ▁▂▃▄▅▆▇█")
        bottom = rows_in_view(screen)[-1 if last_row else -2]
        assert word_row(screen) == bottom
        await pilot.press("w")  # the next word, on the line below the view: the view follows
        await settle(pilot)
        after = screen.current_word
        assert after is not None and after.start > last.start
        assert reader.scroll_y > top
        assert word_row(screen) in rows_in_view(screen)


@pytest.mark.parametrize("key", ["v", "R"])
@sync
async def test_the_word_cursor_and_furigana_from_the_list_show_the_reader(
    indexed: tuple[Path, Path], key: str
) -> None:
    """One pane at a time (80 columns): from the list (keys, or the palette, which
    offers them there) they changed the reading view out of sight."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
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
        assert screen.status.message == (
            "Search word: press v to open this article and pick a word in it"
        )


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


TABLE_AND_CODE = """# 天気と挨拶

各地の天気を調べた。

| 地域 | 最高気温 | 最低気温 | 天気 |
| --- | --- | --- | --- |
| 東京都千代田区 | 18℃ | 9℃ | 晴れ |
| 大阪府大阪市 | 20℃ | 11℃ | 曇り |
| 北海道札幌市 | 7℃ | 1℃ | 雪 |

```python
def 挨拶(名前):
    return 名前 + "さん、こんにちは"
```
"""


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_furigana_leave_code_as_written_and_a_tables_columns_aligned(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """From review: with R, a Markdown code block read `def 挨拶(あいさつ)(名前(なまえ)):`
    and a table's columns no longer lined up (readings put into cells padded without
    them, rows wrapping). Code and tables are set as written, without furigana."""
    app = reader_app(*files_home(tmp_path, "md", {"weather.md": TABLE_AND_CODE}))
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(pilot, app)
        await pilot.press("R")
        await settle(pilot)
        assert screen.furigana
        lines = drawn(screen)
        assert "各地(かくち)の天気(てんき)を調(しら)べた。" in lines  # the text is read
        assert "def 挨拶(名前):" in lines
        assert '    return 名前 + "さん、こんにちは"' in lines
        rows = [line for line in lines if "│" in line]
        assert len(rows) == 4, lines  # a row a line: none wrapped
        assert rows[1].startswith("東京都千代田区 │")
        columns = {
            tuple(cell_width(row[:at]) for at, char in enumerate(row) if char == "│")
            for row in rows
        }
        assert len(columns) == 1, rows  # every row's separators in the same columns


LIST_WITH_CODE_AND_TABLE = """# 設定の手順

- 設定ファイルを開く
  ```python
  def 挨拶(名前):
      return 名前
  ```
- 表を確かめる

  | 地域 | 天気 |
  | --- | --- |
  | 東京都千代田区 | 晴れ |
  | 大阪 | 曇り |
- 長い項目の説明は
  次の行に続く
"""


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_furigana_leave_code_and_tables_in_a_list_item_as_written(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """From review: a code block or a table indented under a list item was read with
    furigana, as the list's lines (`def 挨拶(あいさつ)(名前(なまえ)):`), where at top level
    it is set as written. Now it is; the items are read, and the list is drawn as one,
    no blank line around its code."""
    app = reader_app(*files_home(tmp_path, "md", {"steps.md": LIST_WITH_CODE_AND_TABLE}))
    async with app.run_test(size=size) as pilot:
        screen = await open_first_article(pilot, app)
        await pilot.press("R")
        await settle(pilot)
        assert screen.furigana
        lines = drawn(screen)
        first = lines.index("・設定(せってい)ファイルを開(ひら)く")  # the item is read
        assert lines[first + 1 : first + 4] == [
            "　def 挨拶(名前):",
            "　    return 名前",
            "・表(ひょう)を確(たし)かめる",
        ]
        rows = lines[first + 4 : first + 7]
        assert rows[1].startswith("　東京都千代田区 │ 晴れ"), rows
        columns = {cell_width(row[: row.index("│")]) for row in rows}
        assert len(columns) == 1, rows  # the table's columns lined up
        assert "・長(なが)い項目(こうもく)の説明(せつめい)は" in "".join(lines[first + 7 :])


TABBED = "タブの入った\t表\n\n名前\t年齢\t出身\n田中\t32\t東京\n佐藤\t45\t大阪\n"


@sync
async def test_tabs_reach_8_cell_stops_with_or_without_the_word_cursor(tmp_path: Path) -> None:
    """From review: tab stops were counted in characters (名前 and its tab 8 cells: 年齢
    at cell 10, 出身 at 20 but 東京 at 18) and, in a line the word cursor was on, in
    cells: the line's columns jumped as the cursor came and went. Now each tab reaches
    the next 8-cell stop in cells, the same drawn as measured, with the cursor or not."""
    app = reader_app(*files_home(tmp_path, "tabs", {"tabs.txt": TABBED}))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)

        def rows() -> list[str]:
            shown = reader_pane(app).splitlines()
            return [row.strip("│ ") for row in shown if "名前" in row or "田中" in row]

        without = rows()
        assert without == ["名前    年齢    出身", "田中    32      東京"]
        await pilot.press("v")
        await settle(pilot)
        for _ in range(10):
            word = screen.current_word
            if word is not None and word.word.surface == "年齢":
                break
            await pilot.press("w")
            await settle(pilot)
        assert word is not None and word.word.surface == "年齢"
        assert rows() == without


OPERATOR_WORDS = (
    "http://news.example.jp/article/1\n2012-03-01T10:00:00+0900\n演算子の記事\n"
    "AND と ＡＮＤ と ＯＲ と ＮＯＴ の説明。値は−５円。\n"
)
"""An article whose words read as the query language's operators, in both widths."""


@sync
async def test_star_on_a_word_that_reads_as_an_operator_searches_the_word(
    tmp_path: Path,
) -> None:
    """`*` on AND, ＡＮＤ or ＯＲ searched them unquoted, as operators, and said "AND
    (noun) is not indexed: nothing to search for": the reader's own list of operators
    had OR and NOT only, in one width."""
    app = reader_app(*files_home(tmp_path, "ops", {"ops.txt": OPERATOR_WORDS}))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_article(pilot, app)
        article = screen.reader.article
        assert article is not None
        for target in ("AND", "ＡＮＤ", "ＯＲ", "ＮＯＴ"):
            for _ in range(40):
                await pilot.press("w")
                word = screen.current_word
                if word is not None and word.word.surface == target:
                    break
            assert word is not None and word.word.surface == target
            await pilot.press("asterisk")
            await settle(pilot)
            assert screen.status.message == f"searched for {word.word.lemma}", target
            assert [entry.summary.id for entry in screen.article_list.entries] == [article.id]
            await pilot.press("enter")  # back to the article, to walk on to the next word
            await settle(pilot)


@sync
async def test_star_on_a_word_of_another_search_is_a_new_search_by_relevance(
    tmp_path: Path,
) -> None:
    """`*` searched its word in the order of the search before: sorted by date once,
    the word's hits came by date too, though it shares no word with that search (typed
    over, the same query starts by relevance)."""
    app = reader_app(*files_home(tmp_path, "ops", {"ops.txt": OPERATOR_WORDS}))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press("slash", *"演算", "enter", "s")
        await settle(pilot)
        assert screen.sort == "date"
        for target, sort in (("演算", "date"), ("記事", "relevance")):
            await pilot.press("enter")  # the hit opened, in the reader
            await settle(pilot)
            for _ in range(40):
                await pilot.press("w")
                word = screen.current_word
                if word is not None and word.word.surface == target:
                    break
            assert word is not None and word.word.surface == target
            await pilot.press("asterisk")
            await settle(pilot)
            assert screen.shown_query == target and screen.sort == sort, target
            assert f"by {sort}" in str(screen.article_list.border_title)


READINGS_TEXT = "\n".join(
    [
        "・【教育】「小中学生も、学力低ければ留年を」橋下市長の提案",
        "・\u3000日本‘一人デモ’韓国人\u3000誰かみたら全身に…",
        "・フィリピン警察、性暴行の疑いで韓国男性２人逮捕",
        "・魔裟斗“視聴者の人達も、大毅君変わったなって思ってる”",
    ]
    * 4
)


def top_line_in_a_reading(screen: MainScreen) -> bool:
    """Whether the reading view's top line starts inside a reading (its word above)."""
    reader = screen.reader
    top = round(reader.scroll_y)
    for view in block_widgets(reader):
        y = view.virtual_region.y + view.top_padding
        ranges = view.line_ranges(view.content_region.width)
        if y <= top < y + len(ranges):
            annotated = view.typeset.annotated
            start = ranges[top - y][0]
            return annotated is not None and any(a <= start < b for a, b in annotated.shown)
    return False


@sync
async def test_the_word_cursor_starts_in_sight_below_a_line_ending_a_reading(
    tmp_path: Path,
) -> None:
    """With furigana on in a narrow reader, a word's reading may wrap onto the next line
    (小中学(しょうちゅうが / く)生も: a list item's lines hang under its bullet). With that
    line at the top of the view, `v` put the cursor on the word above it, out of sight,
    and scrolled back a line to show it; the cursor is on the first word the view shows,
    and the view stays."""
    app = reader_app(*text_home(tmp_path, "readings", READINGS_TEXT))
    async with app.run_test(size=(30, 24)) as pilot:  # the smallest the reader takes
        screen = await open_first_article(pilot, app)
        await pilot.press("R")
        await settle(pilot)
        reader = screen.reader
        for y in range(1, int(reader.max_scroll_y) + 1):
            reader.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            if top_line_in_a_reading(screen):
                break
        else:
            pytest.fail("no line starts inside a reading")
        await pilot.press("v")
        await settle(pilot)
        word = screen.current_word
        assert word is not None
        assert reader.scroll_y == y
        view = next(v for v in block_widgets(reader) if v.block is word.block)
        prefix = len(view.plain) - len(view.block.text)
        line = view.line_of(word.word.start + prefix, view.content_region.width)
        assert view.virtual_region.y + view.top_padding + line >= y


HELPER_VERBS = {
    "helper.txt": "http://news.example.jp/article/2\n2012-03-02T10:00:00+0900\n"
    "和平交渉の記事\n詳しく見ていきましょう。\n",
    "verb.txt": "http://news.example.jp/article/1\n2012-03-01T10:00:00+0900\n"
    "旅行の記事\n京都へいく。\n",
    "take.txt": "http://news.example.jp/article/3\n2012-03-01T09:00:00+0900\n"
    "撮影の記事\nテイク2で決まった。\n",
    "must-not.txt": "http://news.example.jp/article/4\n2012-03-01T08:00:00+0900\n"
    "注意の記事\n人に聞いてはいけない。\n",
}
"""いき of 見ていきましょう is indexed as the helper 〜いく, いく of 京都へいく as 行く; テイク
reads ていく; いけ of 聞いてはいけない is 〜いけない (must not), no 〜いく."""


@sync
async def test_star_on_a_helper_verb_finds_the_article_it_was_pressed_in(
    tmp_path: Path,
) -> None:
    """From review: `*` on いき of 見ていきましょう said "searched for 行く" and searched
    いく (the verb 行く), which did not find the article it was pressed in: the index
    files that いき as the helper 〜いく (index.analysis._as_helpers)."""
    app = reader_app(*files_home(tmp_path, "helpers", HELPER_VERBS))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_article(pilot, app)
        article = screen.reader.article
        assert article is not None and article.title == "和平交渉の記事"
        for _ in range(20):
            await pilot.press("w")
            word = screen.current_word
            if word is not None and word.word.surface == "いき":
                break
        assert word is not None and word.word.surface == "いき"
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.status.message == "searched for 〜いく"
        found = [entry.summary.id for entry in screen.article_list.entries]
        assert article.id in found  # (and テイク, read ていく)
        assert len(found) == 2  # not 京都へいく


@sync
async def test_star_on_must_not_finds_it_not_the_helper_iku(tmp_path: Path) -> None:
    """From review: `*` on いけ of 聞いてはいけない searched ていく, whose top ldcc hits
    were 〜てはいけない (「人に聞いてはいけないこと」): いけない of ては is 〜いけない,
    searched by てはいけない, which finds it and not 見ていきましょう."""
    files = {
        "must-not.txt": "http://news.example.jp/article/4\n2012-03-03T08:00:00+0900\n"
        "注意の記事\n人に聞いてはいけない。\n",
        "helper.txt": HELPER_VERBS["helper.txt"],
    }
    app = reader_app(*files_home(tmp_path, "must-not", files))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_first_article(pilot, app)
        article = screen.reader.article
        assert article is not None and article.title == "注意の記事"
        for _ in range(20):
            await pilot.press("w")
            word = screen.current_word
            if word is not None and word.word.surface == "いけ":
                break
        assert word is not None and word.word.surface == "いけ"
        await pilot.press("asterisk")
        await settle(pilot)
        assert screen.status.message == "searched for 〜いけない"
        found = [entry.summary.id for entry in screen.article_list.entries]
        assert found == [article.id]
