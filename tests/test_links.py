"""The URLs written in an article's text (`Document.links`): what the reader draws as
links in the body and what `o`, `y` and `Y` offer, at their offsets in the document."""

from __future__ import annotations

from pathlib import Path

from index.model import BlockKind
from index.parser import parse_text
from index.urls import as_uri, urls_in


def test_urls_in_a_text_end_where_the_parser_ends_them() -> None:
    text = (
        "詳細はhttps://example.jp/a?b=1&c=2をご覧。（http://x.example/）, see http://y.example/p."
    )
    urls = ["https://example.jp/a?b=1&c=2", "http://x.example/", "http://y.example/p"]
    assert urls_in(text) == [(text.index(url), text.index(url) + len(url), url) for url in urls]
    assert urls_in(text)[0][:2] == (3, 31)


def test_only_http_urls_with_a_host_are_links() -> None:
    text = "javascript:alert(1) ftp://a.example/ http:// https://. mailto:a@b.example"
    assert urls_in(text) == []
    assert urls_in("(https://example.com/wiki/Foo_(bar))") == [
        (1, 35, "https://example.com/wiki/Foo_(bar)")
    ]


def test_a_plain_texts_links_are_at_their_offsets_in_the_document() -> None:
    article = parse_text(
        "お知らせ\n\n公式サイトhttps://a.example/news/1を見る。\n\n"
        "問い合わせ：http://b.example/~info/\n",
        path="/articles/notice.txt",
    )
    document = article.document()
    links = document.links()
    assert [link.url for link in links] == ["https://a.example/news/1", "http://b.example/~info/"]
    for link in links:
        assert document.text[link.start : link.end] == link.url
        block = document.blocks[link.block]
        assert block.kind is BlockKind.INTRO
        assert block.start <= link.start and link.end <= block.end


def test_a_markdown_links_url_is_a_link_and_its_words_are_not() -> None:
    article = parse_text(
        "# 題\n\n詳しくは[気象庁](https://www.jma.go.jp/jma/index.html)を参照。\n\n"
        "## 節\n\n<https://b.example/x> と **https://c.example/y**\n",
        path="/notes/links.md",
    )
    document = article.document()
    links = document.links()
    assert [link.url for link in links] == [
        "https://www.jma.go.jp/jma/index.html",
        "https://b.example/x",
        "https://c.example/y",
    ]
    assert [document.blocks[link.block].kind for link in links] == [
        BlockKind.INTRO,
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
    ]
    for link in links:
        assert document.text[link.start : link.end] == link.url


def test_a_curation_articles_links_are_its_paragraphs_and_its_cards(seeds_dir: Path) -> None:
    text = (seeds_dir / "000_e0ff7e7c06765df1.txt").read_text(encoding="utf-8")
    assert "この動きは、" in text
    text = text.replace("この動きは、", "この動き（https://gov.example/press/1）は、", 1)
    article = parse_text(text, path="/articles/curation.txt")
    document = article.document()
    kinds = [(link.url, document.blocks[link.block].kind) for link in document.links()]
    cards = article.cards
    assert kinds == [
        (cards[0].url, BlockKind.CARD_SOURCE),
        ("https://gov.example/press/1", BlockKind.PARAGRAPH),
        (cards[1].url, BlockKind.CARD_SOURCE),
    ]


def test_a_news_articles_own_url_is_not_in_its_body() -> None:
    """The livedoor URL line is the article's own (`Article.url`, drawn under the title),
    not a link written in its text; a URL after a full-width label is."""
    article = parse_text(
        "http://news.livedoor.com/article/detail/1/\n2012-09-04T11:25:00+0900\n題\n"
        "本文。\nＵ Ｒ Ｌ：http://ringcube.jp\n",
        path="/corpus/it-life-hack/it-life-hack-1.txt",
    )
    assert article.url == "http://news.livedoor.com/article/detail/1/"
    assert [link.url for link in article.document().links()] == ["http://ringcube.jp"]


def test_a_markdown_links_japanese_url_is_taken_whole() -> None:
    """A Markdown link's destination ends at its parenthesis: `[東京都の記事](…/東京都)` was
    cut at the first Japanese character, and `o` asked to open `…/wiki/`. An autolink
    (`<…>`) is delimited too; a bare URL's query value in Japanese is taken up to the
    white space after it (see `test_a_bare_urls_japanese_path_is_taken_whole`)."""
    article = parse_text(
        "# 題\n\n詳しくは[東京都の記事](https://ja.wikipedia.org/wiki/東京都)を参照。\n"
        "続きの行は[大阪](https://ja.wikipedia.org/wiki/大阪)\nで終わる。\n\n"
        "- <https://ja.wikipedia.org/wiki/京都>と[桜](https://ja.wikipedia.org/wiki/桜_(植物))\n\n"
        "| 名 | 先 |\n|---|---|\n| 都 | [東京](https://ja.wikipedia.org/wiki/東京) |\n\n"
        "## 節\n\n裸のURL https://example.jp/index.html?query=東京&x=1 も。\n",
        path="/notes/iri.md",
    )
    document = article.document()
    links = document.links()
    assert [link.url for link in links] == [
        "https://ja.wikipedia.org/wiki/東京都",
        "https://ja.wikipedia.org/wiki/大阪",
        "https://ja.wikipedia.org/wiki/京都",
        "https://ja.wikipedia.org/wiki/桜_(植物)",
        "https://ja.wikipedia.org/wiki/東京",
        "https://example.jp/index.html?query=東京&x=1",
    ]
    for link in links:
        assert document.text[link.start : link.end] == link.url
    # The text is as before: no mark of where the URLs were is left in it.
    assert article.intro[0] == (
        "詳しくは東京都の記事 https://ja.wikipedia.org/wiki/東京都 を参照。"
        "続きの行は大阪 https://ja.wikipedia.org/wiki/大阪で終わる。"
    )
    assert not any(char in document.text for char in "\x00\x01\x02\x03")
    # A table's columns are as wide as their words, the URL's marks not counted.
    rows = article.intro[2].split("\n")
    assert len({row.index("│") for row in rows}) == 1


def test_a_url_cut_with_its_long_paragraph_stays_whole_in_its_piece() -> None:
    link = "[東京都](https://ja.wikipedia.org/wiki/東京都)"
    paragraph = "あ" * 1990 + link + "。" + "い" * 1990 + link + "。"
    article = parse_text(f"# 題\n\n{paragraph}\n", path="/notes/long.md")
    assert len(article.intro) > 1
    assert [link.url for link in article.document().links()] == [
        "https://ja.wikipedia.org/wiki/東京都"
    ] * 2


def test_an_iris_uri_is_percent_encoded_utf8() -> None:
    assert as_uri("https://ja.wikipedia.org/wiki/東京都?q=東京&x=%20#節") == (
        "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%E9%83%BD"
        "?q=%E6%9D%B1%E4%BA%AC&x=%20#%E7%AF%80"
    )
    assert as_uri("http://日本.jp/パス") == "http://xn--wgv71a.jp/%E3%83%91%E3%82%B9"
    assert as_uri("https://a.example/x?y=1&z=(2)") == "https://a.example/x?y=1&z=(2)"
    assert as_uri("https://a.example/\udcff") == "https://a.example/%ED%B3%BF"  # no error


def test_a_markdown_headings_japanese_url_is_taken_whole() -> None:
    for text, kinds in (
        (
            "# [東京都](https://ja.wikipedia.org/wiki/東京都)\n\n本文。\n\n"
            "## [大阪府](https://ja.wikipedia.org/wiki/大阪府)の話\n\n本文。\n",
            [BlockKind.TITLE, BlockKind.HEADING],
        ),
        ("[東京都](https://ja.wikipedia.org/wiki/東京都)\n", [BlockKind.TITLE]),
    ):
        document = parse_text(text, path="/notes/headings.md").document()
        links = document.links()
        assert [document.blocks[link.block].kind for link in links] == kinds
        assert [link.url for link in links] == [
            "https://ja.wikipedia.org/wiki/東京都",
            "https://ja.wikipedia.org/wiki/大阪府",
        ][: len(kinds)]
        assert not any(char in document.text for char in "\x02\x03")


def test_a_bare_urls_japanese_path_is_taken_whole() -> None:
    """From review (a user's note.md): `と https://ja.wikipedia.org/wiki/東京駅 を見る。`
    underlined `https://ja.wikipedia.org/wiki/`, and `o` / `y` opened and copied
    Wikipedia's front page. Kanji and katakana straight after a `/`, `=` or `#` are the
    URL's when a break follows them: commentary glued to a URL still ends where the
    Japanese begins."""
    article = parse_text(
        "# 週末\n\n## 参考リンク\n\n詳しくは https://ja.wikipedia.org/wiki/東京駅 を見る。\n",
        path="/notes/note.md",
    )
    links = article.document().links()
    assert [link.url for link in links] == ["https://ja.wikipedia.org/wiki/東京駅"]
    assert as_uri(links[0].url) == "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%E9%A7%85"
    whole = {
        "（https://ja.wikipedia.org/wiki/東京駅）": "https://ja.wikipedia.org/wiki/東京駅",
        "検索 https://example.jp/s?q=東京 の結果": "https://example.jp/s?q=東京",
        "https://example.jp/a#概要": "https://example.jp/a#概要",
        "●http://b.hatena.ne.jp/ユーザーID/": "http://b.hatena.ne.jp/ユーザーID/",  # ldcc
    }
    cut = {
        "出典: https://example.jp/a/123これは良い記事。": "https://example.jp/a/123",
        "https://www.hokkaido-np.co.jp/article/1085460/トランプ氏の姿勢は、これまで": (
            "https://www.hokkaido-np.co.jp/article/1085460/"
        ),
        "http://creativecommons.org/licenses/by-nd/2.1/jp/）が適用されます。": (
            "http://creativecommons.org/licenses/by-nd/2.1/jp/"
        ),
        "https://ja.wikipedia.org/wiki/東京駅を見る。": "https://ja.wikipedia.org/wiki/",
        "（http://www.nissankyo.or.jp/）か、財団法人": "http://www.nissankyo.or.jp/",
    }
    for text, url in {**whole, **cut}.items():
        assert [found for _, _, found in urls_in(text)] == [url], text


def test_a_source_cards_url_glued_to_its_comment_is_cut_where_the_comment_begins(
    seeds_dir: Path,
) -> None:
    """The seeds' cards: `…/article/1085460/トランプ氏の姿勢は、…` is a URL and a comment."""
    from index.parser import parse_file

    cards = parse_file(seeds_dir / "002_973cc3a6e6c480a0.txt").cards
    card = next(card for card in cards if "hokkaido" in (card.url or ""))
    assert card.url == "https://www.hokkaido-np.co.jp/article/1085460/"
    assert card.comment[0].startswith("トランプ氏の姿勢は、")


def test_a_bare_urls_japanese_path_ends_at_a_parenthesis_it_did_not_open() -> None:
    """`(…/wiki/大阪府)の話` in a plain text: the `)` closes what opened before the URL."""
    text = (
        "[大阪](https://ja.wikipedia.org/wiki/大阪府)の話 と "
        "https://ja.wikipedia.org/wiki/桜_(植物) と"
    )
    assert [url for _, _, url in urls_in(text)] == [
        "https://ja.wikipedia.org/wiki/大阪府",
        "https://ja.wikipedia.org/wiki/桜_(植物)",
    ]


def test_a_bare_urls_japanese_part_is_taken_only_when_a_break_follows_it() -> None:
    """From review: a URL's Japanese after `/`, `=` or `#` was taken up to the white space,
    so the sentence glued after a URL went into it (`公式サイトhttps://example.com/からどうぞ`
    opened `…/からどうぞ`), and a path followed by `。` or `）` was cut at `/wiki/`. Kanji,
    katakana and ASCII are taken when white space, the end, a sentence's mark or a
    closing bracket follows; hiragana or anything else after them makes them words."""
    expected = {
        "公式サイトhttps://example.com/からどうぞ": "https://example.com/",
        "記事はhttps://example.jp/news/です": "https://example.jp/news/",
        "ダウンロードはhttps://example.com/files/こちらのページで": "https://example.com/files/",
        "…/x https://example.jp/a/トランプ氏の姿勢は、これまで": "https://example.jp/a/",
        "詳しくはhttps://ja.wikipedia.org/wiki/東京駅。": "https://ja.wikipedia.org/wiki/東京駅",
        "（https://ja.wikipedia.org/wiki/大阪府）の話。": "https://ja.wikipedia.org/wiki/大阪府",
        "「https://ja.wikipedia.org/wiki/京都」": "https://ja.wikipedia.org/wiki/京都",
        "https://ja.wikipedia.org/wiki/東京駅、大阪駅": "https://ja.wikipedia.org/wiki/東京駅",
        "https://ja.wikipedia.org/wiki/ユーザー・インターフェース!": (
            "https://ja.wikipedia.org/wiki/ユーザー・インターフェース"
        ),
    }
    for text, url in expected.items():
        assert [found for _, _, found in urls_in(text)] == [url], text


def test_a_source_cards_url_is_never_extended_into_its_comment(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """From review: a card's comment glued to its URL, `…/1085460/驚きの展開ですね!`, made
    the card's URL `…/1085460/驚きの展開ですね` and its comment `!`, so `search 驚き` found
    nothing. A card's source URL is its ASCII run: the comment is glued to it by design."""
    from index.parser import parse_file

    seed = (seeds_dir / "002_973cc3a6e6c480a0.txt").read_text(encoding="utf-8")
    glued = "1085460/トランプ氏の姿勢は、これまでの米国とは異なる方向性を示唆していますね。"
    assert glued in seed
    for comment in ("驚きの展開ですね!", "北海道新聞。", "速報"):
        path = tmp_path / "002_973cc3a6e6c480a0.txt"
        path.write_text(seed.replace(glued, "1085460/" + comment), encoding="utf-8")
        card = next(card for card in parse_file(path).cards if "hokkaido" in (card.url or ""))
        assert card.url == "https://www.hokkaido-np.co.jp/article/1085460/", comment
        assert card.comment[0] == comment


def test_a_url_set_apart_takes_no_sentence_glued_after_it() -> None:
    """From review: a URL set apart by white space before it took the words glued after
    it into the link (`詳しくは https://example.com/news/をご覧ください` opened
    `…/news/をご覧ください`), and a URL in ASCII quotes took the closing quote and what
    follows (`'https://example.com/wiki/東京'を参照`)."""
    cases = {
        "詳しくは https://example.com/news/をご覧ください": "https://example.com/news/",
        "公式サイト: https://example.com/からどうぞ": "https://example.com/",
        "出典: https://example.com/news/より": "https://example.com/news/",
        "→ https://example.com/news/へ": "https://example.com/news/",
        "公式サイト https://example.com/から購入できます": "https://example.com/",
        "全角空間\u3000https://ja.wikipedia.org/wiki/大阪の話です": "https://ja.wikipedia.org/wiki/",
        "資料は 'https://example.com/wiki/東京'を参照": "https://example.com/wiki/東京",
    }
    for text, url in cases.items():
        assert [found for *_, found in urls_in(text)] == [url], text


def test_a_url_s_japanese_path_ends_at_a_character_no_url_holds() -> None:
    """From review: `と https://example.jp/パス?q=1&x=<y> です。` offered
    `https://example.jp/` to open: the `<`, which no URL holds, made its Japanese path
    a sentence glued to it. Such a character ends the URL as white space does."""
    cases = {
        "と https://example.jp/パス?q=1&x=<y> です。": "https://example.jp/パス?q=1&x=",
        "https://example.jp/パス<": "https://example.jp/パス",
        '公式https://example.jp/パス"です': "https://example.jp/パス",
        "見て https://ja.wikipedia.org/wiki/東京|大阪": "https://ja.wikipedia.org/wiki/東京",
        # hiragana glued on is still a sentence, whatever follows it
        "公式https://example.jp/からどうぞ<": "https://example.jp/",
    }
    for text, url in cases.items():
        assert [found for *_, found in urls_in(text)] == [url], text


def test_a_url_set_apart_by_white_space_takes_its_japanese_path_whole() -> None:
    """From review: since 1d457cb a URL's path holding hiragana, full-width letters, `～`,
    `…` or `△` was cut at its last `/`, `=` or `#` though white space or the end followed
    it: `詳細は https://ja.wikipedia.org/wiki/ドラえもん を参照` underlined `…/wiki/`, and
    `o` / `y` opened and copied Wikipedia's front page. A URL the writer set apart (white
    space, a line's start or an opening bracket before it) takes its whole run up to the
    white space, the end or the bracket closing the one before it."""
    wiki = "https://ja.wikipedia.org/wiki/"
    paths = [
        wiki + "ドラえもん",
        wiki + "千と千尋の神隠し",
        wiki + "けものフレンズ",
        wiki + "東京都_(曖昧さ回避)",
        wiki + "Ｊリーグ",
        wiki + "ゆるキャン△",
        wiki + "ジョジョの奇妙な冒険～第3部",
        wiki + "それから…",
        "https://www.amazon.co.jp/走れメロス-太宰治/dp/4101006067",
        "https://dic.nicovideo.jp/a/けものフレンズ",
        "https://twitter.com/hashtag/ドラえもん",
        "https://www.google.com/search?q=東京の天気",
        "https://www.youtube.com/results?search_query=ひらがな",
    ]
    for url in paths:
        for text in (f"詳細は {url} を参照", url, f"一覧\n{url}\n次", f"　{url}　"):
            assert [found for _, _, found in urls_in(text)] == [url], text
    bracketed = {
        f"（{wiki}けものフレンズ）の話": f"{wiki}けものフレンズ",
        f"「{wiki}ドラえもん」を参照": f"{wiki}ドラえもん",
        f"({wiki}ドラえもん)を参照": f"{wiki}ドラえもん",
        f"詳細は {wiki}ドラえもん!": f"{wiki}ドラえもん",
        f"a {wiki}東京駅、大阪駅": f"{wiki}東京駅",
    }
    for text, url in bracketed.items():
        assert [found for _, _, found in urls_in(text)] == [url], text


def test_a_url_set_apart_takes_its_japanese_path_up_to_a_sentences_mark() -> None:
    """From review: `詳細は https://ja.wikipedia.org/wiki/ドラえもん。` (a URL set apart,
    。 straight after its path) and a Markdown list's `- https://ja.wikipedia.org/wiki/のび太`
    underlined `…/wiki/`, and `o` opened Wikipedia's front page. A URL set apart (white
    space, a line's start, an opening bracket or a list's bullet before it) takes its
    path up to a sentence's mark or a closing bracket too, but for a sentence glued to
    it (`…/wiki/東京駅を見る。`, `…/news/をご覧ください。`), which stays out."""
    wiki = "https://ja.wikipedia.org/wiki/"
    cases = {
        f"詳細は {wiki}ドラえもん。": f"{wiki}ドラえもん",
        f"詳細は {wiki}東京駅、大阪駅の項": f"{wiki}東京駅",
        f"参考: {wiki}千と千尋の神隠し！": f"{wiki}千と千尋の神隠し",
        f"（詳細は {wiki}ドラえもん）": f"{wiki}ドラえもん",
        f"・{wiki}のび太": f"{wiki}のび太",
        f"一覧\n\u3000・{wiki}しずか\n": f"{wiki}しずか",
        # a sentence glued after it stays out (1d457cb's and b61d1ec's rules)
        f"詳細は {wiki}東京駅を見る。": wiki,
        f"{wiki}東京駅に行く。": wiki,
        "詳しくは https://example.com/news/をご覧ください。": "https://example.com/news/",
        "公式サイト https://example.com/からどうぞ。": "https://example.com/",
        "記事は https://example.jp/news/大阪の話です。": "https://example.jp/news/",
        # glued to the text before it: kanji and katakana only, as before
        f"詳しくは{wiki}ドラえもん。": wiki,
        f"中黒・{wiki}のび太": wiki,
    }
    for text, url in cases.items():
        assert [found for _, _, found in urls_in(text)] == [url], text
    article = parse_text(
        f"# リンク集\n\n詳細は {wiki}ドラえもん。\n\n- {wiki}のび太\n- {wiki}しずか\n",
        path="/notes/links.md",
    )
    assert article.intro == [f"詳細は {wiki}ドラえもん。", f"・{wiki}のび太\n・{wiki}しずか"]
    assert [link.url for link in article.document().links()] == [
        f"{wiki}ドラえもん",
        f"{wiki}のび太",
        f"{wiki}しずか",
    ]


def test_a_sentence_glued_after_a_urls_slash_stays_out_of_it() -> None:
    """From review: since 6c64f94 a URL set apart took the sentence glued after its `/`
    up to the sentence's mark: `元の記事は https://www.example.com/news/とのこと。` and
    `出典 https://www.example.com/news/すごいね。` underlined, and `o` offered,
    `…/news/とのこと` and `…/news/すごいね`. A run a sentence's mark ends is the URL's
    only when it reads as a title: not starting with hiragana, holding no particle after
    a word (`とは`, `って`) and not ending as a predicate (`大きい`)."""
    wiki = "https://ja.wikipedia.org/wiki/"
    news = "https://www.example.com/news/"
    sentences = {
        f"元の記事は {news}とのこと。詳しくは後で読む。": news,
        f"出典 {news}すごいね。": news,
        f"出典 {news}これは驚き！": news,
        f"出典 {news}なんだって？": news,
        "出典 https://www.example.com/ja/よろしく！": "https://www.example.com/ja/",
        f"参考 {wiki}東京駅とは？": wiki,
        f"参考 {wiki}東京駅ってどこ？": wiki,
        f"参考 {wiki}大きい。": wiki,
        "参考 https://www.example.com/article/12345/という記事。": (
            "https://www.example.com/article/12345/"
        ),
        f"出典 {news}驚いた。": news,
        f"出典 {news}最高だ！": news,
        # hiragana first: a title so written is cut too (no dictionary to tell it)
        f"詳細は {wiki}のび太、しずかの項": wiki,
    }
    titles = {
        f"詳細は {wiki}ドラえもん。": f"{wiki}ドラえもん",
        f"詳細は {wiki}東京駅。": f"{wiki}東京駅",
        f"詳細は {wiki}関ヶ原の戦い。": f"{wiki}関ヶ原の戦い",
        f"参考: {wiki}千と千尋の神隠し！": f"{wiki}千と千尋の神隠し",
        f"参考: {wiki}ロミオとジュリエット、": f"{wiki}ロミオとジュリエット",
        f"（{wiki}大阪府）の話": f"{wiki}大阪府",
        # up to white space, the end or the bracket opened before it: as before
        f"詳細は {wiki}千と千尋の神隠し を参照": f"{wiki}千と千尋の神隠し",
        f"・{wiki}のび太": f"{wiki}のび太",
        f"（{wiki}すごいね）": f"{wiki}すごいね",
        # glued to the text before it: kanji and katakana only, as before
        "公式サイトhttps://example.com/からどうぞ": "https://example.com/",
    }
    for text, url in (sentences | titles).items():
        assert [found for *_, found in urls_in(text)] == [url], text
    article = parse_text(
        f"元の記事\n\n元の記事は {news}とのこと。詳しくは後で読む。\n\n出典 {news}すごいね。\n",
        path="/texts/news.txt",
    )
    assert [link.url for link in article.document().links()] == [news, news]


def test_a_sentence_glued_after_a_markdown_urls_slash_at_a_line_end_stays_out() -> None:
    """From review: a Markdown URL ending its line was marked to the line's end before
    the sentence test, so `…/news/で確認` / `できます。` linked `…/news/で確認`."""
    article = parse_text(
        "# 試験\n\n最新の情報は公式サイトの https://example.com/news/で確認\nできます。\n\n"
        "詳しくは https://example.com/help/にアクセス\nしてください。\n\n"
        "元の記事は https://www.example.com/news/とのこと\nですが、未確認です。\n",
        path="/notes/glued.md",
    )
    assert [link.url for link in article.document().links()] == [
        "https://example.com/news/",
        "https://example.com/help/",
        "https://www.example.com/news/",
    ]


def test_a_markdown_url_ends_at_its_lines_end() -> None:
    """From review: a Markdown list item's URL ending in Japanese, its item going on
    on the next line (`- https://ja.wikipedia.org/wiki/東京` / `  東京の記事`), linked
    `…/wiki/東京東京の記事` (the lines joined with nothing between them, as Japanese
    is); before 6c64f94, `…/wiki/`. A URL never runs across a line break."""
    wiki = "https://ja.wikipedia.org/wiki/"
    article = parse_text(
        f"# リンク集\n\n- {wiki}東京\n  東京の記事\n- {wiki}大阪\n\n本文 {wiki}京都\n京都の記事\n",
        path="/notes/links.md",
    )
    # the text as before: the lines joined
    assert article.intro == [
        f"・{wiki}東京東京の記事\n・{wiki}大阪",
        f"本文 {wiki}京都京都の記事",
    ]
    assert [link.url for link in article.document().links()] == [
        f"{wiki}東京",
        f"{wiki}大阪",
        f"{wiki}京都",
    ]


def test_a_bare_url_ends_at_a_parenthesis_closing_nothing_it_opened() -> None:
    """From review (urls.txt): `[link](https://example.com/md)(extra)` in a plain text
    linked `https://example.com/md)(extra`: only a `)` at the URL's end that closed
    nothing was dropped. A `)` or `]` that closes nothing opened in the URL ends it,
    wherever it stands; pairs inside are the URL's (`…/wiki/Foo_(bar)`, `[::1]`)."""
    text = (
        "[link](https://example.com/md)(extra) and (https://a.example/x)y and "
        "https://example.com/wiki/Foo_(bar)_(baz) and http://[::1]:8080/a and "
        "https://b.example/q?r=[x]]z"
    )
    assert [url for _, _, url in urls_in(text)] == [
        "https://example.com/md",
        "https://a.example/x",
        "https://example.com/wiki/Foo_(bar)_(baz)",
        "http://[::1]:8080/a",
        "https://b.example/q?r=[x]",
    ]


def test_a_url_with_a_japanese_host_is_a_link_to_its_idna_uri() -> None:
    """From review (urls.txt): `https://例え.jp/パス` was no link at all: a URL was found
    only where an ASCII character follows `://`. A host in another script (an IDN) is
    a URL's, shown as written, its link (the OSC 8 target, `o`, `y`) in IDNA and
    percent-encoding; Japanese glued after a host written in ASCII is still no host."""
    text = "Odd https://例え.jp/パス end. 詳細はhttps://日本語.jp、http://www.例え.テスト/ と https://example.jpこれは"
    assert [url for _, _, url in urls_in(text)] == [
        "https://例え.jp/パス",
        "https://日本語.jp",
        "http://www.例え.テスト/",
        "https://example.jp",
    ]
    assert as_uri("https://例え.jp/パス") == "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9"
    document = parse_text(f"題\n\n{text}\n", path="/notes/urls.txt").document()
    assert [link.url for link in document.links()][:1] == ["https://例え.jp/パス"]
    from tui.render import block_text  # what the reader draws: the OSC 8 link's target

    drawn = block_text(document.blocks[1], [])
    linked = [(drawn.plain[span.start : span.end], span.style) for span in drawn.spans]
    targets = [(words, getattr(style, "link", None)) for words, style in linked]
    assert ("https://例え.jp/パス", "https://xn--r8jz45g.jp/%E3%83%91%E3%82%B9") in targets
    assert "https://の後に" not in [url for _, _, url in urls_in("https://の後にパスを書く")]
