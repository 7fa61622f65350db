"""The reading view driven with Pilot: opening an article, scrolling, [ and ],
hostile text shown as text, the line width, key points' wrapped lines, long
articles (drawn in runs of paragraphs, shown before their matches are found,
paragraph heights guessed), Markdown code blocks and tables, and files read by a
guess or with lost bytes.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import WorkerState

from index.typeset import cell_width
from tests.tui_support import (
    HOSTILE_TITLE,
    SIZES,
    assert_points_hang,
    block_widgets,
    every_theme,
    main_screen,
    noting_workers,
    open_article,
    open_first_hit,
    open_listed_first,
    open_reader,
    reader_app,
    reader_pane,
    settle,
    sync,
    text_home,
    texts_home,
    themed_reader,
    told,
    typed_at_once,
    wait_until,
)
from tui.app import YomiteApp
from tui.screens import MainScreen


@sync
async def test_keys_in_one_burst_each_scroll_the_article(indexed: tuple[Path, Path]) -> None:
    """Key repeat over SSH arrives several keys a read, handled before any refresh:
    each j scrolled from the same place, and ten of them moved one line."""
    app = reader_app(*indexed)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_listed_first(pilot, app)
        reader = screen.reader
        assert app.focused is reader and reader.max_scroll_y > 40
        for _ in range(10):
            screen.action_move(1)
        await pilot.pause()
        assert reader.scroll_y == 10
        page = reader.scrollable_content_region.height
        for _ in range(2):
            screen.action_page(1)
        await pilot.pause()
        assert reader.scroll_y == 10 + 2 * page


@pytest.mark.parametrize("size", SIZES)
@sync
async def test_enter_opens_the_article_and_its_cards(
    indexed: tuple[Path, Path], size: tuple[int, int]
) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter")
        await settle(pilot)
        assert app.focused is screen.article_list
        await pilot.press("enter")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and "ゼレンスキー" in article.title
        texts = [view.plain for view in screen.reader.block_views]
        assert texts[0] == article.title
        assert any(section.heading in texts for section in article.sections)
        cards = screen.cards.card_views
        assert len(cards) == len(article.cards) == 2
        assert cards[0].card.url == "https://globe.asahi.com/article/15630313"
        assert screen.reader.display
        # the article was marked read in the list
        assert not str(screen.article_list.get_option_at_index(0).prompt).startswith("●")


@sync
async def test_a_hostile_article_shows_as_text_and_triggers_nothing(
    indexed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        index = next(
            i for i, e in enumerate(screen.article_list.entries) if "悪意" in e.summary.title
        )
        listed = str(screen.article_list.get_option_at_index(index).prompt)
        assert "[/b][link=https://evil.example/]" in listed
        assert "[@click=app.quit]" in listed
        screen.article_list.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        # click on the title and the card: markup must not have become actions
        await pilot.click(block_widgets(screen.reader)[0])
        await pilot.click(screen.cards.card_views[0])
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert not (tmp_path / "pwned.svg").exists()
        shown = [view.plain for view in screen.reader.block_views]
        assert shown[0].startswith("悪意ある見出し[/b][link=https://evil.example/]リンク[/link]")
        assert any("[bold red]マークアップ[/]" in text for text in shown)
        everything = "".join(shown) + "".join(v.plain for v in screen.cards.card_views)
        for control in ("\x1b", "\x07", "\u202e", "\u2066"):
            assert control not in everything
        assert HOSTILE_TITLE not in everything  # the raw escapes were replaced at ingestion
        card = screen.cards.card_views[0]
        assert "[@click=app.quit]偽メディア[/b]" in card.plain


@sync
async def test_next_and_previous_article_keys(indexed: tuple[Path, Path]) -> None:
    app = reader_app(*indexed)
    async with open_reader(app, size=(160, 48)) as (pilot, screen):
        ids = [e.summary.id for e in screen.article_list.entries]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == ids[1]
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.reader.article.id == ids[0]
        await pilot.press("left_square_bracket")  # no article before the first: it says so
        await settle(pilot)
        assert screen.reader.article.id == ids[0]
        assert screen.status.message == "the first in the list"
        # The next key opens another article: what the line said of the last one goes
        # (it said "the first in the list" over the second article for seconds).
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article.id == ids[1]
        assert "the first in the list" not in screen.status.message


@sync
async def test_next_article_from_the_list_is_shown_when_the_screen_holds_one_pane(
    indexed: tuple[Path, Path],
) -> None:
    """At 80 columns (one pane) ] in the list opened the next article in the hidden
    reader: the list stayed, and the article was marked read unseen (review)."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is screen.article_list
        ids = [e.summary.id for e in screen.article_list.entries]
        at = screen.article_list.current_id
        assert at is not None
        following = ids[ids.index(at) + 1]
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == following
        assert screen.pane == "reader" and app.focused is screen.reader


@sync
async def test_line_width_caps_the_articles_lines(indexed: tuple[Path, Path]) -> None:
    # At 200 columns the text ran 57 full-width characters a line (review).
    from tui.app import create_app
    from tui.widgets.reading_view import BlockView

    home, corpus = indexed
    home.joinpath("config.toml").write_text("[reader]\nline_width = 60\n")
    app = create_app(home, [corpus], update_on_start=False, cursor_blink=False, environ={})
    async with open_reader(app, size=(200, 50)) as (pilot, _):
        await pilot.press("enter")
        await settle(pilot)
        reader = main_screen(app).reader
        views = [view for view in reader.query(BlockView) if view.region.width]  # shown
        assert reader.content_region.width > 80 and views
        assert {view.region.width for view in views} <= set(range(20, 61))
        assert max(view.region.width for view in views) == 60  # paragraphs fill it


@pytest.mark.parametrize(("value", "said"), [("10", "at least 20"), ('"wide"', "an int")])
def test_a_line_width_that_cannot_be_is_refused(tmp_path: Path, value: str, said: str) -> None:
    from index.config import ConfigError, load_config
    from index.locations import locations

    (tmp_path / "config.toml").write_text(f"[reader]\nline_width = {value}\n")
    with pytest.raises(ConfigError, match=said):
        load_config(locations(tmp_path))


LONG_PARAGRAPHS = 600
"""More than the reading view's RUN_AFTER blocks: its paragraphs are drawn in runs."""


def reader_rows(app: Any) -> str:
    """The screen's rows the reading view is painted in (the panes beside it too)."""
    region = main_screen(app).reader.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.text for strip in strips)


LONG_TEXT = (
    "長い記事の見出し\n\n"
    + "\n\n".join(f"第{n}段落。これはテスト用の文章です。" for n in range(1, LONG_PARAGRAPHS + 1))
    + "\n"
)
"""A plain-text article of `LONG_PARAGRAPHS` short paragraphs."""


def long_text_home(tmp_path: Path) -> tuple[Path, Path]:
    """`LONG_TEXT`, indexed."""
    return text_home(tmp_path, "long", LONG_TEXT)


def long_and_short_home(tmp_path: Path) -> tuple[Path, Path]:
    """`LONG_TEXT` and a short article (短い記事の見出し), indexed."""
    return texts_home(
        tmp_path,
        "long",
        {"long.txt": LONG_TEXT, "short.txt": "短い記事の見出し\n\nこれもテスト用の文章です。\n"},
    )


@sync
async def test_a_wrapped_key_point_continues_under_its_text_not_its_bullet(
    indexed: tuple[Path, Path],
) -> None:
    """Key points and card points are bulleted with ・: their wrapped lines began under
    the bullet, so a point's second line read as a new one."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(50, 24)) as (pilot, screen):
        await pilot.press("slash", *"軍備縮小", "enter", "enter")
        await settle(pilot)
        await pilot.press("g")  # to the key points, at the top
        await pilot.pause()
        # (Without the pane's bottom border: a point cut by it does not go on there.)
        assert_points_hang(reader_pane(app).split("\n")[:-1], " │")
        # The hit in a point's second line is found there (n, and the place kept).
        reader = screen.reader
        for view in reader.block_views:
            if view.block.kind.value == "key_point" and len(view.line_ranges(60)) > 1:
                assert view.line_of(len(view.plain) - 1, 60) == len(view.line_ranges(60)) - 1


@sync
async def test_a_long_article_shows_its_hit_jumps_ends_and_keeps_its_place(
    tmp_path: Path,
) -> None:
    from tui.widgets.reading_view import RUN_AFTER, ParagraphRun

    assert LONG_PARAGRAPHS > RUN_AFTER
    app = reader_app(*long_text_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("slash", *"第599段落", "enter", "enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.query(ParagraphRun)  # (what this test is about)
        # The hit is on the screen, marked.
        assert "第599段落。" in reader_rows(app)
        hit = reader.current_hit
        assert hit is not None and reader.document is not None
        assert reader.document.text[hit[0] : hit[1]] == "第599段落"
        view = reader.view_at(hit[0])
        assert view is not None and hit in view.hits
        await pilot.press("g")
        await pilot.pause()
        assert reader.scroll_y == 0 and "長い記事の見出し" in reader_rows(app)
        await pilot.press("n")  # from the top: back to the hit, far down
        await pilot.pause()
        assert "第599段落。" in reader_rows(app)
        await pilot.press("G")
        await settle(pilot)
        assert "第600段落。" in reader_rows(app)
        await pilot.press("g", "pagedown", "pagedown")
        await settle(pilot)
        place = reader.place
        assert place > 0
        top = next(row for row in reader_rows(app).split("\n") if "段落" in row)
        top = top.split("│")[-2].strip()  # the reader's part of the row
        # The word cursor starts on the first paragraph in sight.
        await pilot.press("v")
        await pilot.pause()
        word = screen.current_word
        assert word is not None and word.block.start >= place - len(word.block.text) - 1
        await pilot.press("v")
        # Furigana lay the paragraphs out again: the same text stays at the top.
        await pilot.press("R")
        await settle(pilot)
        assert "だん" in reader_rows(app) or "らく" in reader_rows(app)
        assert reader.place == place
        await pilot.press("R")
        await settle(pilot)
        # To the list and back: where it was left.
        await pilot.press("escape", "escape")
        await settle(pilot)
        screen.open_article(reader.article.id if reader.article else "", focus=True)
        await settle(pilot)
        assert reader.place == place
        assert top in reader_rows(app)


@pytest.mark.parametrize("moved", [False, True], ids=["still", "moved"])
@sync
async def test_a_long_article_from_a_search_shows_before_its_matches_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, moved: bool
) -> None:
    """Finding the matches re-reads the whole text with MeCab (~2 s for a 1.7 MB text),
    and the article waited for it: it is shown at once, then marked and taken to its
    first match (not if the reader has moved meanwhile)."""
    import threading

    from index.library import Library
    from tui.screens import main as main_module

    monkeypatch.setattr(main_module, "MARK_LATER_CHARS", 1_000)  # the test text: ~12,000
    found = threading.Event()
    in_parts = Library.match_ranges_in_parts

    def slow(library: Library, query: str, article: Any, **kwargs: Any) -> Iterator[Any]:
        assert found.wait(10)
        yield from in_parts(library, query, article, **kwargs)

    monkeypatch.setattr(Library, "match_ranges_in_parts", slow)
    app = reader_app(*long_text_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        reader = screen.reader
        await pilot.press("slash", *"第599段落", "enter", "enter")
        await wait_until(pilot, lambda: reader.article is not None)
        # Shown, at its top, the matches still being found (and said so).
        assert reader.article is not None and "長い記事の見出し" in reader_pane(app)
        assert "finding the search's matches" in screen.status.message
        assert reader.current_hit is None
        if moved:
            await pilot.press("pagedown")
            await pilot.pause()
        place = reader.place
        found.set()
        await settle(pilot)
        if moved:  # read on from where the reader went; the matches are there for n
            assert reader.place == place > 0 and "第599段落。" not in reader_pane(app)
            assert "1 match in this article: n / N to jump" in screen.status.message
            await pilot.press("n")
            await settle(pilot)
        assert "第599段落。" in reader_pane(app)
        hit = reader.current_hit
        assert hit is not None and reader.document is not None
        assert reader.document.text[hit[0] : hit[1]] == "第599段落"
        assert "match 1/1" in screen.status.message


def _long_article_marked_slowly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[YomiteApp, threading.Event, threading.Event]:
    """The reader over the long text and a short one, MARK_LATER_CHARS lowered to the
    long one: the app, an event set as the long one's matches are being found on the
    index thread, and the event that lets them be found."""
    from index.library import Library
    from tui.screens import main as main_module

    monkeypatch.setattr(main_module, "MARK_LATER_CHARS", 1_000)  # the test text: ~12,000
    finding, found = threading.Event(), threading.Event()
    in_parts = Library.match_ranges_in_parts

    def slow(library: Library, query: str, article: Any, **kwargs: Any) -> Iterator[Any]:
        if len(article.document().text) > 1_000:
            finding.set()
            assert found.wait(60)
        yield from in_parts(library, query, article, **kwargs)

    monkeypatch.setattr(Library, "match_ranges_in_parts", slow)
    home = long_and_short_home(tmp_path)
    return reader_app(*home), finding, found


async def _long_article_opened(pilot: Pilot[int], screen: MainScreen) -> None:
    """テスト用 searched, and the long article of its hits opened."""
    await pilot.press("slash", *"テスト用", "enter")
    await settle(pilot)
    listed = screen.article_list.entries
    screen.open_article(next(e.summary.id for e in listed if "長い" in e.summary.title), focus=True)


@sync
async def test_opening_a_long_article_is_not_cancelled_by_the_marking_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The opening started the finding of the matches in the same exclusive group of
    workers, and so cancelled itself (harmless only while that was its last step). The
    finding is cancelled when another article opens: the long one's matches, found
    late, neither mark nor move the article then open."""
    app, finding, found = _long_article_marked_slowly(tmp_path, monkeypatch)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        started = noting_workers(screen)
        reader = screen.reader
        await _long_article_opened(pilot, screen)
        await wait_until(pilot, finding.is_set)
        opening, marking = [w for w in started if w.name in ("load_article", "mark_later")]
        assert (opening.name, marking.name) == ("load_article", "mark_later")
        assert opening.state is WorkerState.SUCCESS and not opening.is_cancelled
        assert "finding the search's matches" in screen.status.message
        short = next(e.summary for e in screen.article_list.entries if "短い" in e.summary.title)
        screen.open_article(short.id, focus=True)
        await wait_until(pilot, lambda: marking.is_finished)
        assert marking.state is WorkerState.CANCELLED
        found.set()
        await settle(pilot)
        assert reader.article is not None and reader.article.id == short.id
        assert "短い記事の見出し" in reader_pane(app)
        assert screen.status.message.startswith("match 1/1")


@sync
async def test_a_long_article_keeps_the_word_cursor_when_its_matches_arrive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The word cursor, moved while a long article's matches are found, stays on its word
    when they arrive: the article was shown anew with them, and the word went (`w` then
    started again from the top of the view)."""
    app, finding, found = _long_article_marked_slowly(tmp_path, monkeypatch)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        reader = screen.reader
        await _long_article_opened(pilot, screen)
        await wait_until(pilot, lambda: finding.is_set() and reader.placed)
        await pilot.press("v", "w", "w", "w")
        await pilot.pause()
        word = screen.current_word
        assert word is not None and word.start > 0
        found.set()
        await settle(pilot)
        assert reader.ranges  # marked
        after = screen.current_word
        assert after is not None and (after.start, after.end) == (word.start, word.end)
        view = reader.view_at(word.start)
        assert view is not None and view.word == (word.start, word.end)  # drawn so
        await pilot.press("w")
        await pilot.pause()
        moved = screen.current_word
        assert moved is not None and moved.start > word.start


@sync
async def test_finding_a_long_articles_matches_says_how_far_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finding a long article's matches (10-13 s in 6.8 MB) said how far it was: the
    status line said "finding the search's matches…" for all that time, unchanged. It
    says what part of the text has been read, and the keys move the article meanwhile."""
    import index.library
    import index.reanalysis
    from tui.screens import main as main_module

    monkeypatch.setattr(main_module, "MARK_LATER_CHARS", 1_000)  # the test text: ~12,000
    monkeypatch.setattr(index.library, "MATCH_PART_CHARS", 2_000)  # 6 parts, or 7
    go_on = threading.Semaphore(2)  # two parts read, then one at each release
    match_ranges = index.reanalysis.match_ranges

    def held(query: str, text: str, **kwargs: Any) -> list[tuple[int, int]]:
        if kwargs.get("within") is not None:  # a part of the long article
            assert go_on.acquire(timeout=30)
        return match_ranges(query, text, **kwargs)

    monkeypatch.setattr(index.reanalysis, "match_ranges", held)
    app = reader_app(*long_text_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        reader = screen.reader
        await pilot.press("slash", *"第599段落", "enter", "enter")
        await wait_until(pilot, lambda: "%" in screen.status.message)
        said = screen.status.message
        assert said.startswith("finding the search's matches in this long article… ")
        percent = int(said.rsplit(" ", 1)[-1].rstrip("%"))
        assert 0 < percent < 100 and not reader.ranges
        await pilot.press("pagedown")  # the keys are the reader's meanwhile
        await pilot.pause()
        assert reader.scroll_y > 0
        go_on.release(10)
        await settle(pilot)  # found, the reader left where it went
        assert "1 match in this article: n / N to jump" in screen.status.message
        await pilot.press("n")
        await settle(pilot)
        assert "第599段落。" in reader_pane(app)
        assert "match 1/1" in screen.status.message


def uneven_text_home(tmp_path: Path, end: str = "") -> tuple[Path, Path]:
    """A plain text of 400 paragraphs of uneven length, long Latin words and URLs among
    them: their heights, guessed from their widths until set, come out wrong (and `end`
    after them)."""
    import random

    pick = random.Random(1)
    words = ["東京都", "の", "知事", "は", "記者会見", "で", "Windows", "経済", "政策", "を"]
    words += ["supercalifragilisticexpialidocious", "https://example.com/a/very/long/path"]
    paragraphs = [
        f"段{n}:" + "".join(pick.choice(words) for _ in range(pick.choice([5, 20, 60, 150])))
        for n in range(400)
    ]
    return text_home(
        tmp_path, "uneven", "長短の記事\n\n" + "\n\n".join(paragraphs) + "。終わり\n" + end
    )


@sync
async def test_a_long_uneven_article_ends_at_g_and_keeps_the_word_cursor_in_sight(
    tmp_path: Path,
) -> None:
    """Heights guessed wrong: G stopped a few rows short of the end (the text at the
    top was kept as the paragraphs in sight were set), and w/W put the word cursor
    on a word above the view."""
    app = reader_app(*uneven_text_home(tmp_path))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        await pilot.press("G")
        await settle(pilot)
        assert reader.scroll_y == reader.max_scroll_y
        assert "終わり" in reader_rows(app)
        # A jump to a hit deep in the text: the paragraphs above it are not set yet.
        await pilot.press("escape", "slash", *"段300", "enter", "enter")
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        for key in ["W"] * 30 + ["w"] * 30:
            await pilot.press(key)
            await settle(pilot)
            word = screen.current_word
            assert word is not None
            view = reader.view_at(word.start)
            assert view is not None
            width = view.content_region.width
            prefix = len(view.plain) - len(view.block.text)
            row = view.virtual_region.y + view.typeset.line_of(word.word.start + prefix, width)
            assert reader.scroll_y <= row < reader.scroll_y + reader.size.height, key


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)])
@sync
async def test_a_long_articles_last_match_marked_late_shows_on_the_screen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """A long article opened from a search is taken to its match once its matches are
    found: to its end, for a match in its last line. The paragraphs in sight, set as
    they were drawn, came out taller than guessed, and the text at the top was kept:
    "match 1/1" was said with the match a row or two under the view (6.8 MB: 那覇市議)."""
    from tui.screens import main as main_module

    monkeypatch.setattr(main_module, "MARK_LATER_CHARS", 1_000)  # the text: ~50,000
    app = reader_app(*uneven_text_home(tmp_path, "\n・那覇市議、発言を謝罪\n"))
    async with open_reader(app, size=size) as (pilot, screen):
        reader = screen.reader
        await pilot.press("slash", *"那覇市議", "enter", "enter")
        await wait_until(pilot, lambda: bool(reader.ranges))
        await settle(pilot)
        assert screen.status.message.startswith("match 1/1")
        assert "・那覇市議、発言を謝罪" in reader_pane(app)
        assert reader.scroll_y == reader.max_scroll_y


MARKDOWN_NOTE = """---
title: 桜の記録
---

# 桜の記録

- 上野公園の桜は三月末に満開になり、多くの花見客でにぎわいました。夜桜のライトアップも行われました。
  この行は項目の続きです。
- 次の項目

```python
def bloom(tree):
    if tree.age > 10:
        return "東京都の*桜*"
```

| 場所 | 開花日 |
|---|---|
| 目黒川 | 3月25日 |
"""


def marked_in_reader(app: Any) -> list[str]:
    """The runs of text the reading view shows marked (reversed: a search's hits)."""
    region = main_screen(app).reader.region
    found: list[str] = []
    for strip in app.screen._compositor.render_strips()[region.y : region.bottom]:
        run = ""
        for segment in strip.crop(region.x, region.right):
            if segment.style is not None and segment.style.reverse:
                run += segment.text
            elif run:
                found, run = [*found, run], ""
        if run:
            found.append(run)
    return found


@sync
async def test_a_markdown_code_block_and_table_show_as_written_their_hits_marked(
    tmp_path: Path,
) -> None:
    """From review: a code block was shown a paragraph per line, unindented, and a table
    a paragraph per row with its pipes; a list item the reader wrapped went on under
    its bullet; the front matter's title was shown again as a heading."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "sakura.md").write_text(MARKDOWN_NOTE, encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus / "sakura.md"]).failed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("slash", *"東京都", "enter", "enter")
        await settle(pilot)
        rows = reader_pane(app).split("\n")
        shown = "\n".join(row[2:-2].rstrip() for row in rows[1:-1])  # inside the frame
        assert "def bloom(tree):\n    if tree.age > 10:" in shown, shown
        assert '        return "東京都の*桜*"' in shown
        assert marked_in_reader(app) == ["東京都"]
        assert "目黒川 │ 3月25日" in shown and "|" not in shown
        assert shown.count("桜の記録") == 1  # the title, not again as a heading
        assert_points_hang(rows, " │")
        await pilot.press("slash", *"目黒川", "enter", "enter")
        await settle(pilot)
        assert marked_in_reader(app) == ["目黒川"]


@sync
async def test_a_tables_wrapped_cell_goes_on_under_its_column_at_80_columns(
    tmp_path: Path,
) -> None:
    """From review: at 80x24 a CSV row wider than the pane wrapped its last cell back
    to the pane's edge, under the dates of the first column, as if a row began."""
    from index.library import Library
    from index.locations import locations

    table = tmp_path / "花見.csv"
    table.write_text(
        "日付,場所,内容\n"
        "2024年4月1日,東京,桜が満開になり、上野公園には朝早くから大勢の花見客が訪れて、"
        "シートを広げて場所取りをする人の姿が目立ちました。\n"
        "2024年4月2日,大阪,雨\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([table]).failed
    app = reader_app(home, table)
    async with open_reader(app, size=(80, 24)) as (pilot, _):
        await pilot.press("slash", *"花見客", "enter", "enter")
        await settle(pilot)
        rows = [row[2:-2].rstrip() for row in reader_pane(app).split("\n")[1:-1]]
        first = next(n for n, row in enumerate(rows) if row.startswith("2024年4月1日"))
        cell = rows[first].index("桜")  # where the cell begins
        column = cell_width(rows[first][:cell])  # (its cells: a wide character is two)
        wrapped = rows[first + 1 : rows.index("2024年4月2日 │ 大阪 │ 雨")]
        assert wrapped, rows  # the row is wider than the pane
        assert all(row[:column] == " " * column and row[column] != " " for row in wrapped), rows
        assert "".join(row.strip() for row in [rows[first][cell:], *wrapped]) == (
            "桜が満開になり、上野公園には朝早くから大勢の花見客が訪れて、"
            "シートを広げて場所取りをする人の姿が目立ちました。"
        )


def long_code_note(filler: int) -> str:
    """A Markdown note: `filler` short paragraphs, a 200-line code block (its lines
    `value_NNN`, each with 説明 to search), a plain paragraph too long for one piece."""
    paragraphs = "".join(f"短い段落その{n}です。\n\n" for n in range(filler))
    code = "\n".join(f"    value_{n:03} = compute({n}) * 2  # 行{n:03}の説明" for n in range(200))
    return f"# 長いコード\n\n{paragraphs}```python\n{code}\n```\n\n{'長い段落の文です。' * 300}\n"


def code_note_home(tmp_path: Path, filler: int) -> tuple[Path, Path]:
    """A home of one `long_code_note(filler)`, indexed: (home, corpus)."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "code.md").write_text(long_code_note(filler), encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


def code_rows(app: Any) -> list[tuple[int, str]]:
    """The rows inside the reading view's frame, as (code line shown or -1, row)."""
    rows = reader_pane(app).split("\n")[1:-1]
    shown = []
    for row in rows:
        at = row.find("value_")
        shown.append((int(row[at + 6 : at + 9]) if at >= 0 else -1, row))
    return shown


@sync
async def test_the_word_cursor_starts_at_the_line_at_the_top_of_a_tall_block(
    tmp_path: Path,
) -> None:
    """`v` put the cursor on the first word of the first block in sight: in a long code
    block scrolled into, that was the block's first line, and the view went back up."""
    app = reader_app(*code_note_home(tmp_path, 0))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_listed_first(pilot, app)
        reader = screen.reader
        code = next(view for view in reader.block_views if "value_000" in view.block.text)
        reader.scroll_to(y=code.virtual_region.y + 20, animate=False, immediate=True)
        await pilot.pause()
        top_line = code_rows(app)[0][0]
        assert top_line > 10
        await pilot.press("v")
        await settle(pilot)
        word = screen.current_word
        assert word is not None and word.word.surface == "value"
        assert code_rows(app)[0][0] == top_line  # the view stayed
        start = word.block.start + word.word.start
        assert reader.document is not None
        assert reader.document.text[start : start + 9] == f"value_{top_line:03}"


@pytest.mark.parametrize("filler", [0, 250])
@sync
async def test_a_code_block_cut_in_pieces_reads_as_one_its_hits_and_words_across(
    tmp_path: Path, filler: int
) -> None:
    """A 200-line code block showed a blank line every ~46 lines (review): the pieces
    the parser cuts a long paragraph into were drawn as paragraphs. With 250 paragraphs
    before it, the article is drawn in runs of paragraphs (ParagraphRun)."""
    app = reader_app(*code_note_home(tmp_path, filler))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_hit(pilot, app, "説明")
        reader = screen.reader
        views = reader.block_views
        pieces = [n for n, view in enumerate(views) if view.block.continues]
        assert len(pieces) > 4  # the code's pieces and the plain paragraph's
        for n in pieces:  # no row between a piece and the one before it
            assert views[n].virtual_region.y == views[n - 1].virtual_region.bottom
        # Page by page, every code line is shown, one under the other.
        seen: set[int] = set()
        while not seen or 199 not in seen:
            shown = [line for line, _ in code_rows(app)]
            lines = [line for line in shown if line >= 0]
            first = shown.index(lines[0]) if lines else 0
            assert shown[first : first + len(lines)] == list(range(lines[0], lines[-1] + 1))
            seen.update(lines)
            await pilot.press("pagedown")
            await pilot.pause()
        assert seen == set(range(200))
        # n from the last line of a piece goes to the first of the next, in sight.
        piece = next(views[n] for n in pieces if "value_" in views[n].block.text)
        first_line = int(piece.block.text.split("value_")[1][:3])
        at = next(i for i, hit in enumerate(reader.ranges) if hit[0] >= piece.block.start)
        before = views[views.index(piece) - 1]  # the piece before, its last line at the top
        reader.scroll_to(y=before.virtual_region.bottom - 1, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("n")  # the first match in sight
        await pilot.pause()
        assert reader.current_hit == reader.ranges[at - 1]
        await pilot.press("n")
        await pilot.pause()
        assert reader.current_hit == reader.ranges[at] and reader.current_hit in piece.hits
        shown = [line for line, _ in code_rows(app)]
        assert first_line in shown and shown[shown.index(first_line) - 1] == first_line - 1
        await pilot.press("N")
        await pilot.pause()
        assert reader.current_hit == reader.ranges[at - 1]
        # The word cursor goes from a piece's first word to the one before's last, and back.
        reader.scroll_to(y=piece.virtual_region.y, animate=False, immediate=True)
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        word = screen.current_word
        assert word is not None and word.block == piece.block and word.word.surface == "value"
        await pilot.press("W")
        await pilot.pause()
        word = screen.current_word
        assert word is not None and word.block.end + 1 == piece.block.start
        assert word.word.surface == "説明"
        assert first_line - 1 in [line for line, _ in code_rows(app)]
        await pilot.press("w")
        await pilot.pause()
        word = screen.current_word
        assert word is not None and word.block == piece.block


@sync
async def test_opening_an_article_read_by_a_guess_or_with_lost_bytes_says_so(
    tmp_path: Path,
) -> None:
    """A file whose encoding is a guess (Chinese bytes read as EUC-JP come out as
    kanji mojibake: 北京 -> 臼奨) or that lost bytes to U+FFFD opened with no word:
    the reader took the garbage for the text."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "chinese.txt").write_bytes("北京市政府今天发布了新的交通管理规定\n".encode("gb18030"))
    (corpus / "damaged.txt").write_bytes(
        "壊れた記事\n本文の途中に".encode() + b"\xff\xfe" + "がある。\n".encode()
    )
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    app = reader_app(home, corpus)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        for _ in screen.article_list.entries:
            await pilot.press("enter")
            await settle(pilot)
            screen.article_list.focus()
            await pilot.press("down")
        said = told(app)
        assert "chinese.txt: read as euc_jp, a guess: no kana in it (Chinese or Korean?)" in said
        assert "damaged.txt: 1 undecodable byte run read as utf-8 became U+FFFD" in said


@sync
async def test_a_tab_in_a_title_is_one_space_wherever_the_title_shows(tmp_path: Path) -> None:
    """A tab in a title was drawn three ways: to the tab stops of the list's row, of the
    pane's border and of the heading (`タブ の      タイトル`, `タブ    の   タイトル`,
    `タブ    の      タイトル`). A title is one line: each tab is one space, everywhere."""
    app = reader_app(*text_home(tmp_path, "tab", "タブ\tの\t\tタイトル\n\n本文です。\n"))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.article is not None
        strips = app.screen._compositor.render_strips()

        def row(widget: Widget, y: int) -> str:
            return strips[y].crop(widget.region.x, widget.region.right).text

        reader, listing = screen.reader, screen.article_list
        pane_title = row(reader, reader.region.y)
        listed = row(listing, listing.content_region.y)
        heading = row(reader, reader.content_region.y)
        for shown in (pane_title, listed, heading):
            assert "タブ の  タイトル" in shown, (pane_title, listed, heading)


@sync
async def test_an_article_slow_to_open_is_said_to_be_opening_and_the_old_one_greyed(
    plain_indexed: tuple[Path, Path],
) -> None:
    """A 10 MB text took ~10 s to open, the article before shown as it was, its title
    too, and nothing on the status line (review). Its opening is said, and the article
    before greyed under the new one's name, until the new one shows."""
    import threading

    home, corpus = plain_indexed
    app = reader_app(home, corpus)
    async with open_reader(app, size=(120, 30)) as (pilot, screen):
        await open_article(pilot, app, "long")
        library = screen.library
        assert library is not None
        read_file, let_go = library.load, threading.Event()

        def slow_read(article_id: str, **options: Any) -> Any:
            let_go.wait(30)  # a long file, read and parsed on the index thread
            return read_file(article_id, **options)

        library.load = slow_read  # type: ignore[method-assign]
        try:
            screen.article_list.highlighted = screen.article_list.index_of("short")
            screen.article_list.focus()
            await pilot.press("enter")
            size = (corpus / "short.txt").stat().st_size
            assert size < 1000
            await wait_until(pilot, lambda: screen.status.message.startswith("opening "))
            assert screen.status.message == "opening short.txt (1 KB)…"
            assert str(screen.reader.border_title) == "Opening · short.txt…"
            assert screen.reader.has_class("-opening")
            assert screen.reader.article is not None and screen.reader.article.id == "long"
        finally:
            let_go.set()
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == "short"
        assert str(screen.reader.border_title) == "Article · 短い記事"
        assert not screen.reader.has_class("-opening")
        assert not screen.status.message.startswith("opening")


@sync
async def test_a_texts_block_of_lines_reads_as_lines_and_its_colours_as_words(
    tmp_path: Path,
) -> None:
    """From a user review: a list of stations read 東京 / (blank) / 有楽町 / (blank)…,
    its break before 以上 lost among the gaps; a log saved with its colours was titled
    `␛[31mred␛[0m…` and its INFO found by no search."""
    text = (
        "\x1b[31mred\x1b[0m 山手線の駅\n\n東京\n有楽町\n新橋\n浜松町\n田町\n\n以上、南回り。\n"
        "\n2026-12-05 10:00:00 \x1b[32mINFO\x1b[0m 起動しました。\n"
    )
    app = reader_app(*text_home(tmp_path, "stations", text))
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        screen = await open_first_hit(pilot, app, "浜松町")
        reader = screen.reader
        hit = reader.current_hit
        assert hit is not None and reader.document is not None
        assert reader.document.text[hit[0] : hit[1]] == "浜松町"
        rows = [row.strip(" │") for row in reader_pane(app).split("\n")]
        start = rows.index("東京")
        assert rows[start : start + 7] == [
            "東京",
            "有楽町",
            "新橋",
            "浜松町",
            "田町",
            "",
            "以上、南回り。",
        ]
        assert "red 山手線の駅" in rows and not any("␛" in row for row in rows)
        await pilot.press("escape", "slash", "ctrl+u", *"INFO", "enter", "enter")
        await settle(pilot)
        hit = reader.current_hit
        assert hit is not None and reader.document.text[hit[0] : hit[1]] == "INFO"


@every_theme
@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
@sync
async def test_the_key_points_are_labelled_apart_from_the_cards_points(
    indexed: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    theme: str,
    no_color: bool,
    size: tuple[int, int],
) -> None:
    """An article's key points (its 💡 lines) were an unlabelled ・ list under the lead,
    drawn as a card's points are: what they were could not be told. A label, ポイント,
    stands over them, drawn reversed as a card's 出典 n is, whatever the colours."""
    app = themed_reader(indexed, monkeypatch, theme, no_color)
    async with open_reader(app, size=size) as (pilot, screen):
        await open_article(pilot, app, "002_973cc3a6e6c480a0")
        await pilot.press("g")
        await settle(pilot)
        article = screen.reader.article
        assert article is not None and len(article.key_points) == 3
        rows = reader_pane(app).split("\n")
        first = next(n for n, row in enumerate(rows) if article.key_points[0][:8] in row)
        words = [w for w in rows[first - 1][1:-1].split() if w.strip("▁▂▃▄▅▆▇█")]
        assert words == ["ポイント"], rows[: first + 1]  # (borders and scrollbar off)
        assert sum("ポイント" in row for row in rows) == 1
        region = screen.reader.region
        strip = app.screen._compositor.render_strips()[region.y + first - 1]
        label = [s for s in strip if "ポイント" in s.text]
        assert label and label[0].style is not None and label[0].style.reverse


@sync
async def test_another_article_opens_while_the_long_ones_matches_are_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """User review: the matches of a search in a 15.7 MB text took ~40 s to find, on the
    thread every article is read on, and Enter on a 1 KB note waited for them ("Opening ·
    note.md…" for 8.4 s). The other article opens while they are still being found, and
    they mark nothing once found."""
    app, finding, found = _long_article_marked_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=(100, 30)) as (pilot, screen):
            reader = screen.reader
            await _long_article_opened(pilot, screen)
            await wait_until(pilot, finding.is_set)
            listed = screen.article_list.entries
            short = next(e.summary for e in listed if "短い" in e.summary.title)
            screen.open_article(short.id, focus=True)
            await wait_until(pilot, lambda: screen.status.message.startswith("match 1/1"))
            assert not found.is_set()  # the long one's matches: still being found
            assert reader.article is not None and reader.article.id == short.id
            assert "短い記事の見出し" in reader_pane(app)
            found.set()
            await settle(pilot)
            assert reader.article is not None and reader.article.id == short.id
            assert "長い記事の見出し" not in reader_pane(app)
    finally:
        found.set()


@sync
async def test_another_article_opens_without_waiting_for_the_long_one_being_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """User review: a 15.7 MB text took 13.8 s to open, mostly its first paragraphs set
    ahead on the index thread (`warm_typesetting`), and Enter on a 1 KB note meanwhile
    waited for it all: the opening replaced drops what is left of that work."""
    from rich.text import Text

    from tui.typeset import TypesetText

    setting, go = threading.Event(), threading.Event()
    long_blocks: list[str] = []

    def slow(text: Text, *args: Any, **kwargs: Any) -> Any:
        if text.plain.startswith("第"):  # a paragraph of the long article
            long_blocks.append(text.plain)
            setting.set()
            assert go.wait(60)
        return TypesetText(text, *args, **kwargs)

    monkeypatch.setattr("tui.screens.main.TypesetText", slow)
    home = long_and_short_home(tmp_path)
    app = reader_app(*home)
    try:
        async with open_reader(app, size=(100, 30)) as (pilot, screen):
            reader = screen.reader
            ids = {e.summary.title: e.summary.id for e in screen.article_list.entries}
            screen.open_article(ids["長い記事の見出し"], focus=True)
            await wait_until(pilot, setting.is_set)
            screen.open_article(ids["短い記事の見出し"], focus=True)
            await pilot.pause()
            go.set()
            await settle(pilot)
            assert reader.article is not None and reader.article.id == ids["短い記事の見出し"]
            assert "短い記事の見出し" in reader_pane(app)
            # The long one's setting ahead stopped at the paragraph it was on.
            assert len(long_blocks) == 1
    finally:
        go.set()


def _long_article_read_slowly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[YomiteApp, threading.Event, threading.Event]:
    """The reader over `long_and_short_home`, the long article's file read until
    `read` is set (`reading` set once it is being read)."""
    from index.library import Library

    reading, read = threading.Event(), threading.Event()
    load = Library.load

    def slow(library: Library, article_id: str, **options: Any) -> Any:
        article = load(library, article_id, **options)
        if article.title == "長い記事の見出し":
            reading.set()
            assert read.wait(60)
        return article

    monkeypatch.setattr(Library, "load", slow)
    return reader_app(*long_and_short_home(tmp_path)), reading, read


async def _open_the_long_one(pilot: Any, screen: Any, reading: threading.Event) -> int:
    """Enter on the long article in the list, once its file is being read; the list's
    cursor there."""
    listing = screen.article_list
    listing.highlighted = listing.index_of(
        next(e.summary.id for e in listing.entries if "長い" in e.summary.title)
    )
    await pilot.press("enter")
    await wait_until(pilot, reading.is_set)
    return int(listing.highlighted)


@sync
async def test_another_article_opens_while_the_long_ones_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's parse cannot be stopped (a 15.7 MB text's took 1.3 s to 2.4 s), and the
    note opened meanwhile waited for it on the index thread (user review, with the long
    text restored at start: 7.5 s): the other article opens while it is still read."""
    app, reading, read = _long_article_read_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=(100, 30)) as (pilot, screen):
            reader = screen.reader
            ids = {e.summary.title: e.summary.id for e in screen.article_list.entries}
            screen.open_article(ids["長い記事の見出し"], focus=True)
            await wait_until(pilot, reading.is_set)
            screen.open_article(ids["短い記事の見出し"], focus=True)
            await wait_until(pilot, lambda: "短い記事の見出し" in reader_pane(app))
            assert not read.is_set()  # the long one: still being read
            read.set()
            await settle(pilot)
            assert reader.article is not None and reader.article.id == ids["短い記事の見出し"]
            assert "長い記事の見出し" not in reader_pane(app)
    finally:
        read.set()


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_keys_typed_while_an_article_opens_wait_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """j j j k pressed after Enter while a long file was still read moved the list's
    cursor (to another article), and the article then shown took the focus from there
    (review): the keys typed while it opens wait for it, and act on it once it shows,
    as they would had it opened at once; the status line says they wait."""
    app, reading, read = _long_article_read_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=size) as (pilot, screen):
            listing, reader = screen.article_list, screen.reader
            cursor = await _open_the_long_one(pilot, screen, reading)
            # (j and k: in a list of two, one of them moves the cursor.)
            await pilot.press("j", "j", "j", "k")
            await pilot.pause()
            assert listing.highlighted == cursor  # the list's cursor stayed on it
            assert reader.article is None
            await wait_until(pilot, lambda: "4 keys wait for it" in screen.status.message)
            read.set()
            await settle(pilot)
            assert reader.article is not None and reader.article.title == "長い記事の見出し"
            # Scrolled by them (j j j k: two or three rows, as the first layout keeps the
            # place read), where it stayed at its top.
            assert app.focused is reader and reader.scroll_y >= 2 and reader.place > 0
            assert listing.highlighted == cursor
            assert "wait for it" not in screen.status.message
    finally:
        read.set()


def _untouched_copy(indexed: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the home `indexed`, for a second reader that starts as the first did:
    not at the article the first left open, nor at its place."""
    home, corpus = indexed
    shutil.copytree(home, tmp_path / "untouched")
    return tmp_path / "untouched", corpus


async def _hits_of(pilot: Any, screen: MainScreen, query: str) -> list[str]:
    """`query` searched (Enter in the bar: the focus in its hits), the hits' ids."""
    await pilot.press("slash", *query, "enter")
    await settle(pilot)
    ids = [e.summary.id for e in screen.article_list.entries]
    assert len(ids) > 1 and screen.focused is screen.article_list
    return ids


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_keys_typed_with_enter_in_the_list_act_on_the_article_it_opens(
    indexed: tuple[Path, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    """Enter j j in one read over the hits (review): the app handed the j's to the list,
    still focused, before Enter had opened anything, and they moved its cursor two rows
    down, the article opened unscrolled. They wait from Enter, and scroll the article it
    opens as they do typed one at a time."""
    untouched = _untouched_copy(indexed, tmp_path)
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await _hits_of(pilot, screen, "停戦")
        await pilot.press("enter")
        await settle(pilot)
        opened_at = screen.reader.scroll_y
        for _ in range(2):
            await pilot.press("j")
            await settle(pilot)
        typed_slowly = screen.reader.scroll_y
        assert typed_slowly == opened_at + 2
    app = reader_app(*untouched)
    async with open_reader(app, size=size) as (pilot, screen):
        listing, reader = screen.article_list, screen.reader
        ids = await _hits_of(pilot, screen, "停戦")
        typed_at_once(app, ("enter", "\r"), ("j", "j"), ("j", "j"))
        await settle(pilot)
        assert reader.article is not None and reader.article.id == ids[0]
        assert app.focused is reader and listing.highlighted == 0
        assert reader.scroll_y == typed_slowly


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_keys_typed_with_n_in_the_list_act_on_the_article_it_opens(
    indexed: tuple[Path, Path], tmp_path: Path, size: tuple[int, int]
) -> None:
    """`n` in the list, on a hit not open, opens it at its first match: k k typed with
    it moved the list's cursor back up, as Enter's did. They scroll the article it opens
    as they do typed one at a time."""

    async def on_the_second_hit(pilot: Any, screen: MainScreen) -> str:
        ids = await _hits_of(pilot, screen, "停戦")
        await pilot.press("j")
        await settle(pilot)
        return ids[1]

    untouched = _untouched_copy(indexed, tmp_path)
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await on_the_second_hit(pilot, screen)
        for key in "nkk":
            await pilot.press(key)
            await settle(pilot)
        typed_slowly = screen.reader.scroll_y
    app = reader_app(*untouched)
    async with open_reader(app, size=size) as (pilot, screen):
        listing, reader = screen.article_list, screen.reader
        second = await on_the_second_hit(pilot, screen)
        typed_at_once(app, ("n", "n"), ("k", "k"), ("k", "k"))
        await settle(pilot)
        assert reader.article is not None and reader.article.id == second
        assert app.focused is reader and listing.highlighted == 1
        assert reader.scroll_y == typed_slowly


@sync
async def test_keys_typed_with_a_key_that_opens_nothing_act_at_once(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`]` on the last row, its article open, opens none ("the last in the list"): the
    keys typed with it, which wait for what it opens, act once it has acted, not when
    their wait is up."""
    from tui import held_keys

    monkeypatch.setattr(held_keys, "KEYS_WAIT", 600)
    app = reader_app(*indexed)
    async with open_reader(app, size=(80, 24)) as (pilot, screen):
        listing = screen.article_list
        ids = await _hits_of(pilot, screen, "停戦")
        await pilot.press("G", "enter")
        await settle(pilot)
        assert screen.reader.article is not None and screen.reader.article.id == ids[-1]
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is listing and listing.highlighted == len(ids) - 1
        typed_at_once(app, ("right_square_bracket", "]"), ("k", "k"))
        await settle(pilot)
        # (its "the last in the list" went as k moved the list's cursor on: a key's
        # message goes once the cursor is on another article)
        assert screen.reader.article is not None and screen.reader.article.id == ids[-1]
        assert listing.highlighted == len(ids) - 2


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
@sync
async def test_brackets_typed_in_the_search_bar_hold_no_key(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """From review: `[` and `]` open the article before or after where the article is
    shown (the one pane at 80x24, or the reader's the pane last): typed in the search
    bar, they are text, yet the keys typed after them waited as for an opening, 3 s
    (/ [PR]東京 showed `[` alone for 2.5 s). A key typed in the bar holds none."""
    from tui import held_keys

    monkeypatch.setattr(held_keys, "KEYS_WAIT", 600)
    app = reader_app(*indexed)
    async with open_reader(app, size=size) as (pilot, screen):
        await _hits_of(pilot, screen, "停戦")
        await pilot.press("enter")  # an article shown, the reader's pane the last
        await settle(pilot)
        await pilot.press("slash")
        await settle(pilot)
        assert app.focused is screen.search_bar.input
        typed_at_once(
            app,
            ("left_square_bracket", "["),
            ("P", "P"),
            ("right_square_bracket", "]"),
            ("東", "東"),
        )
        await settle(pilot)
        assert screen.search_bar.query_text == "[P]東"


@sync
async def test_keys_typed_with_enter_on_the_article_open_scroll_it(
    indexed: tuple[Path, Path],
) -> None:
    """Enter on the list's row of the article open goes back to it where it was read:
    j j typed with it scroll it, not the list's cursor."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing, reader = screen.article_list, screen.reader
        ids = await _hits_of(pilot, screen, "停戦")
        await pilot.press("enter")
        await settle(pilot)
        read_at = reader.scroll_y
        await pilot.press("escape")  # back to the list, on its row
        await settle(pilot)
        assert app.focused is listing and listing.highlighted == 0
        typed_at_once(app, ("enter", "\r"), ("j", "j"), ("j", "j"))
        await settle(pilot)
        assert reader.article is not None and reader.article.id == ids[0]
        assert app.focused is reader and listing.highlighted == 0
        assert reader.scroll_y == read_at + 2


@sync
async def test_keys_typed_with_enter_in_the_list_wait_for_a_long_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter j j in one read on a long file, read slowly: the j's wait from Enter (the
    list's cursor stays), and are said to wait for the opening, with those typed after."""
    app, reading, read = _long_article_read_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=(100, 30)) as (pilot, screen):
            listing, reader = screen.article_list, screen.reader
            listing.highlighted = cursor = listing.index_of(
                next(e.summary.id for e in listing.entries if "長い" in e.summary.title)
            )
            listing.focus()
            await pilot.pause()
            away = "j" if cursor == 0 else "k"  # (off it, in a list of two)
            typed_at_once(app, ("enter", "\r"), (away, away), (away, away))
            await wait_until(pilot, reading.is_set)
            await pilot.pause()
            assert listing.highlighted == cursor and reader.article is None
            await pilot.press(away)
            await wait_until(pilot, lambda: "3 keys wait for it" in screen.status.message)
            read.set()
            await settle(pilot)
            assert reader.article is not None and reader.article.title == "長い記事の見出し"
            assert app.focused is reader and listing.highlighted == cursor
            assert "wait for it" not in screen.status.message
    finally:
        read.set()


@sync
async def test_a_hit_opened_with_enter_twice_from_the_bar_takes_the_keys_after(
    indexed: tuple[Path, Path],
) -> None:
    """停戦 Enter Enter j j in one read: the first Enter's search, the second Enter's
    opening of its first hit, and the j's scroll that article."""
    app = reader_app(*indexed)
    async with open_reader(app, size=(100, 30)) as (pilot, screen):
        listing, reader = screen.article_list, screen.reader
        await pilot.press("slash", *"停戦")
        await settle(pilot)
        typed_at_once(app, ("enter", "\r"), ("enter", "\r"), ("j", "j"), ("j", "j"))
        await settle(pilot)
        assert reader.article is not None
        assert reader.article.id == listing.entries[0].summary.id
        assert app.focused is reader and listing.highlighted == 0


@sync
async def test_escape_stops_an_article_opening_and_drops_the_keys_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc while a long file is read stops its opening: the keys typed meanwhile are
    dropped (said), nothing opens once the file is read, and the list's keys act on
    the list again."""
    app, reading, read = _long_article_read_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=(80, 24)) as (pilot, screen):
            listing, reader = screen.article_list, screen.reader
            cursor = await _open_the_long_one(pilot, screen, reading)
            await pilot.press("j", "escape")
            await pilot.pause()
            assert screen.status.message.startswith("stopped opening long.txt")
            assert "1 key dropped" in screen.status.message
            read.set()
            await settle(pilot)
            assert reader.article is None and app.focused is listing
            await pilot.press("k" if cursor else "j")  # to the other article
            await settle(pilot)
            assert listing.highlighted != cursor
    finally:
        read.set()


@sync
async def test_q_quits_while_an_article_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`q` pressed while a long file was read waited for the article (3.5 s for a 10 MB
    text, review): with no key typed before it, it quits at once, as ctrl+q does. After
    `/` it is a letter of the query to come, and waits with it."""
    app, reading, read = _long_article_read_slowly(tmp_path, monkeypatch)
    try:
        async with open_reader(app, size=(80, 24)) as (pilot, screen):
            await _open_the_long_one(pilot, screen, reading)
            await pilot.press("q")
            await pilot.pause()
            assert app.return_code == 0 and not read.is_set()  # quit before it was read
    finally:
        read.set()


@sync
async def test_a_replaced_opening_stops_parsing_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opening replaced (another article opened) parsed its file to the end on its
    thread: three 15.7 MB texts opened in a row were parsed side by side, hundreds of MB
    each (review). Its parse stops at its next stage: the long text, replaced while its
    lines were being told apart, is not read into paragraphs."""
    import index.parser
    from index.library import Library

    detecting, detected, done = threading.Event(), threading.Event(), threading.Event()
    paragraphs_read: list[str] = []
    detect, parse_plain, load = (
        index.parser.detect_format_of_lines,
        index.parser.parse_plain,  # type: ignore[attr-defined]
        Library.load,
    )

    def slow_detect(lines: list[str]) -> Any:
        if lines[0] == "長い記事の見出し":
            detecting.set()
            assert detected.wait(60)
        return detect(lines)

    def noted_parse(lines: list[str], article: Any, *args: Any) -> None:
        paragraphs_read.append(lines[0])
        parse_plain(lines, article, *args)

    def noted_load(library: Library, article_id: str, **options: Any) -> Any:
        try:
            return load(library, article_id, **options)
        finally:
            if article_id == long_id:
                done.set()

    app = reader_app(*long_and_short_home(tmp_path))  # (indexed first: it parses too)
    monkeypatch.setattr(index.parser, "detect_format_of_lines", slow_detect)
    monkeypatch.setattr(index.parser, "parse_plain", noted_parse)
    monkeypatch.setattr(Library, "load", noted_load)
    try:
        async with open_reader(app, size=(80, 24)) as (pilot, screen):
            ids = {e.summary.title: e.summary.id for e in screen.article_list.entries}
            long_id = ids["長い記事の見出し"]
            screen.open_article(long_id, focus=True)
            await wait_until(pilot, detecting.is_set)
            screen.open_article(ids["短い記事の見出し"], focus=True)
            await wait_until(pilot, lambda: "短い記事の見出し" in reader_pane(app))
            detected.set()
            await wait_until(pilot, done.is_set)
            await settle(pilot)
            assert paragraphs_read == ["短い記事の見出し"]
            assert screen.reader.article is not None
            assert screen.reader.article.id == ids["短い記事の見出し"]
    finally:
        detected.set()
