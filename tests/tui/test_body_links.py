"""Links written in an article's text, driven with Pilot: drawn as links in the reading
view, and what `o`, `y` and `Y` act on: the link in sight (asked first, the whole URL
shown, before a browser opens it), a picker when several are, the word cursor's."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region

from tests.tui_support import files_home, open_article, reader_app, settle, sync, texts_home
from tui.dialogs import ConfirmDialog, LinkPicker
from tui.widgets.reading_view import RUN_AFTER, BlockView

FIRST = "https://first.example/news/1?a=1&b=2"
SECOND = "http://second.example/~info/"
TWO_LINKS = (
    "お知らせ\n\n"
    f"詳しくは公式サイト{FIRST}をご覧ください。\n\n"
    f"問い合わせ：{SECOND}\n\n"
    "javascript:alert(1) は開かない。\n"
)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs a browser was asked to open (none is started)."""
    urls: list[str] = []

    def open_in_browser(url: str) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr("tui.browser.open_in_browser", open_in_browser)
    monkeypatch.setattr("tui.links.tmux_lets_copies_through", lambda mode: True)
    return urls


@sync
async def test_o_on_a_plain_text_asks_to_open_the_url_in_its_body(
    tmp_path: Path, opened: list[str]
) -> None:
    """A plain text names no URL of its own: `o` said "this article has no link" over a
    URL written in its paragraph."""
    text = f"お知らせ\n\n詳しくは公式サイト{FIRST}をご覧ください。\n"
    app = reader_app(*texts_home(tmp_path, "texts", {"notice": text}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "notice")
        assert screen.has_link
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert FIRST in app.screen.body_text  # the whole URL, before anything opens
        await pilot.press("y")
        await settle(pilot)
        assert opened == [FIRST]
        await pilot.press("y")
        assert app.clipboard == FIRST
        assert screen.status.message.endswith(f": {FIRST}")
        await pilot.press("Y")
        assert app.clipboard == f"{FIRST} (cited in “お知らせ”)"


@sync
async def test_with_two_links_in_sight_o_asks_which_one(tmp_path: Path, opened: list[str]) -> None:
    app = reader_app(*texts_home(tmp_path, "texts", {"notice": TWO_LINKS}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "notice")
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        # Top to bottom, as the text has them, each with the words before it.
        assert [choice.url for choice in picker.choices] == [FIRST, SECOND]
        assert "公式サイト" in picker.choices[0].where
        assert "問い合わせ" in picker.choices[1].where
        await pilot.press("2")  # a digit picks at once
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and SECOND in app.screen.body_text
        await pilot.press("y")
        await settle(pilot)
        assert opened == [SECOND]
        await pilot.press("y")  # copy: asked too; Enter takes the first, the nearest
        await pilot.pause()
        assert isinstance(app.screen, LinkPicker)
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == FIRST
        await pilot.press("Y", "escape")  # asked, and let go: nothing copied
        await pilot.pause()
        assert app.screen is screen and app.clipboard == FIRST


@sync
async def test_the_urls_in_the_text_are_drawn_as_links(tmp_path: Path) -> None:
    app = reader_app(*texts_home(tmp_path, "texts", {"notice": TWO_LINKS}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "notice")
        links: dict[str, str] = {}
        for view in screen.reader.query(BlockView):
            region = Region(0, 0, view.size.width, view.size.height)
            for strip in view.render_lines(region):
                for segment in strip:
                    if segment.style and segment.style.link:
                        link = segment.style.link
                        links[link] = links.get(link, "") + segment.text
        # Each drawn whole as the link it opens; `javascript:` is no link.
        assert links == {FIRST: FIRST, SECOND: SECOND}


@pytest.mark.parametrize("count", [60, RUN_AFTER + 40])  # widgets, or one run of them
@sync
async def test_o_offers_the_link_in_sight_not_one_scrolled_past(
    tmp_path: Path, opened: list[str], count: int
) -> None:
    paragraphs = [f"第{n}段落。今日も東京の天気は晴れで、街は静かだった。" for n in range(count)]
    paragraphs[1] += FIRST
    paragraphs[-5] += SECOND
    text = "長い記事\n\n" + "\n\n".join(paragraphs)
    app = reader_app(*texts_home(tmp_path, "texts", {"long": text}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "long")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and FIRST in app.screen.body_text
        await pilot.press("n", "G")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and SECOND in app.screen.body_text
        await pilot.press("n", "g", "space")  # a page down: neither link in sight
        await settle(pilot)
        assert screen.reader.links_in_sight() == []
        await pilot.press("y")  # the text's links, the one after the reading position first
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        assert [choice.url for choice in picker.choices] == [FIRST, SECOND]
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == SECOND


@sync
async def test_a_news_article_offers_its_body_link_and_its_own(
    tmp_path: Path, opened: list[str]
) -> None:
    """A livedoor article: `o` opened its own URL (the first line) with a shop's URL in
    sight in its text; both are offered now, the text's first."""
    own = "http://news.livedoor.com/article/detail/6709254/"
    news = (
        f"{own}\n2012-09-04T11:25:00+0900\n新しい店\n写真家のプロフィール。\n"
        "http://www.itaime.com/\nＵ Ｒ Ｌ：http://ringcube.jp\n"
    )
    app = reader_app(*texts_home(tmp_path, "it-life-hack", {"it-life-hack-6709254": news}))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app, "it-life-hack-6709254")
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        urls = [choice.url for choice in picker.choices]
        assert urls == ["http://www.itaime.com/", "http://ringcube.jp", own]
        # A URL on a line of its own is told by the line above it.
        assert picker.choices[0].where == "in the text, under “写真家のプロフィール。”"
        assert picker.choices[1].where == "in the text, after “Ｕ Ｒ Ｌ：”"
        assert picker.choices[2].where.startswith("the article's own")
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and own in app.screen.body_text


@sync
async def test_two_markdown_links_in_a_paragraph_are_told_by_their_words(
    tmp_path: Path, opened: list[str]
) -> None:
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "links.md").write_text(
        "# 題\n\n詳しくは[気象庁](https://www.jma.go.jp/)を参照。[地図](https://b.example/x)も。\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app, "links")
        await pilot.press("y")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        # The second is after the words since the first, not after the first's URL.
        assert [(choice.url, choice.where) for choice in picker.choices] == [
            ("https://www.jma.go.jp/", "in the text, after “詳しくは気象庁”"),
            ("https://b.example/x", "in the text, after “を参照。地図”"),
        ]
        await pilot.press("2")
        await pilot.pause()
        assert app.clipboard == "https://b.example/x"


@sync
async def test_the_word_cursor_on_a_link_picks_it(tmp_path: Path, opened: list[str]) -> None:
    app = reader_app(*texts_home(tmp_path, "texts", {"notice": TWO_LINKS}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "notice")
        await pilot.press("v")  # the word cursor, at the top
        await settle(pilot)
        document = screen.reader.document
        assert document is not None
        second = document.text.index(SECOND)
        for _ in range(60):
            word = screen.current_word
            assert word is not None
            if word.start >= second:
                break
            await pilot.press("w")
            await settle(pilot)
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, LinkPicker)
        assert app.clipboard == SECOND


@sync
async def test_a_card_without_a_url_leaves_o_to_the_texts_links(
    tmp_path: Path, opened: list[str]
) -> None:
    """The selected card has no URL and the text's one is out of sight: `o` said "this
    card has no link" over a link the article has."""
    body = "\n".join(f"本文の段落{n}、四十文字を超えるように書いておきます。" for n in range(40))
    text = (
        "題名\n導入文です。\n見出し1\n質問1はどうなる?\n答え1の予告。\n✅ 要点の一。\n"
        f"さらに読む ⇒通信社出典/画像元: 見てね。\n{body}\n詳しくは{FIRST}を見る。\n"
    )
    app = reader_app(*texts_home(tmp_path, "curation", {"curation": text}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "curation")
        card = screen.cards.selected_card
        assert card is not None and card.url is None
        assert screen.reader.links_in_sight() == []
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog) and FIRST in app.screen.body_text


@sync
async def test_a_markdown_links_japanese_url_is_opened_and_copied_whole(
    tmp_path: Path, opened: list[str]
) -> None:
    """`o` asked to open `https://ja.wikipedia.org/wiki/`, `y` copied that: the URL was cut
    at its first Japanese character. The dialog shows it as written; the browser and the
    clipboard get its URI, the Japanese percent-encoded."""
    iri = "https://ja.wikipedia.org/wiki/東京都"
    uri = "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%E9%83%BD"
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / "notes"
    corpus.mkdir()
    (corpus / "tokyo.md").write_text(f"# 東京\n\n[東京都の記事]({iri})を参照。\n", encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    app = reader_app(home, corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_article(pilot, app, "tokyo")
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert f"{iri}\n" in app.screen.body_text
        await pilot.press("y")
        await settle(pilot)
        assert opened == [uri]
        await pilot.press("y")
        assert app.clipboard == uri
        assert screen.status.message.endswith(f"percent-encoded): {iri}")
        await pilot.press("Y")
        assert app.clipboard == f"{uri} (cited in “東京”)"


@sync
async def test_o_offers_no_sentence_glued_after_a_urls_slash(
    tmp_path: Path, opened: list[str]
) -> None:
    """From review: since 6c64f94 `o` offered `https://www.example.com/news/とのこと` for
    `元の記事は https://www.example.com/news/とのこと。`, `…/ja/よろしく` for
    `… https://www.example.com/ja/よろしく！`, and a Markdown item's URL going on the
    next line's words, `- https://ja.wikipedia.org/wiki/東京` / `  東京の記事`, as
    `…/wiki/東京東京の記事`."""
    news, hello = "https://www.example.com/news/", "https://www.example.com/ja/"
    wiki = "https://ja.wikipedia.org/wiki/"
    note = (
        f"# リンク\n\n元の記事は {news}とのこと。詳しくは後で読む。\n\n"
        f"挨拶は {hello}よろしく！\n\n参考 {wiki}ドラえもん。\n\n- {wiki}東京\n  東京の記事\n"
    )
    app = reader_app(*files_home(tmp_path, "notes", {"links.md": note}))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot, app, "links")
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LinkPicker)
        assert [choice.url for choice in picker.choices] == [
            news,
            hello,
            f"{wiki}ドラえもん",
            f"{wiki}東京",
        ]
