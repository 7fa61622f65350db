"""The query language: each form on a small index, and every malformed query's message."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from index.model import Article, ArticleFormat, Section, SourceCard
from index.query import (
    MOST_CHARACTERS,
    QueryError,
    QueryIncomplete,
    Words,
    ignored_notice,
    parse,
)
from index.schema import document_fields, make_schema
from index.search import search
from index.segmentation import LONGEST_READING, segment_reading
from index.syntax import filters


def article(
    article_id: str,
    title: str,
    body: str,
    *,
    published: datetime | None = None,
    site: str | None = None,
    outlet: str | None = None,
) -> Article:
    cards = [SourceCard(bullets=["出典の要約。"], site=site, outlet=outlet)] if site else []
    return Article(
        id=article_id,
        path=f"/corpus/{article_id}.txt",
        format=ArticleFormat.CURATION if site else ArticleFormat.NEWS,
        encoding="utf-8",
        title=title,
        published=published,
        sections=[Section(heading="本文", paragraphs=[body], cards=cards)],
    )


ARTICLES = [
    article(
        "ceasefire",
        "停戦交渉が始まる",
        "ロシアとウクライナの停戦交渉。プーチン大統領が会見した。",
        published=datetime(2025, 2, 19),
        site="www.cnn.co.jp",
        outlet="CNN",
    ),
    article(
        "truce",
        "休戦の合意",
        "中東で休戦が合意された。",
        published=datetime(2024, 12, 1),
        site="www.nikkei.com",
        outlet="日本経済新聞",
    ),
    article(
        "russia",
        "ロシア経済",
        "ロシアの経済は制裁で縮小した。",
        published=datetime(2025, 6, 30),
    ),
    article(
        "tokyo",
        "東京の予算",
        "東京都の予算が決まった。国連とソニーが賛成した。",
        published=datetime(2025, 1, 1),
    ),
]


@contextlib.contextmanager
def searcher_of(folder: Path, items: Sequence[Article]) -> Iterator[Any]:
    """A searcher of an index of `items`, made in `folder`."""
    ix = whoosh_index.create_in(folder, make_schema())
    with ix.writer() as writer:
        for item in items:
            writer.add_document(
                path=item.path, size=1, mtime_ns=1, sha256="0", **document_fields(item)
            )
    with ix.searcher() as opened:
        yield opened


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    with searcher_of(tmp_path_factory.mktemp("index"), ARTICLES) as opened:
        yield opened


def ids(searcher: Any, query: str, **options: Any) -> set[str]:
    return {hit.article.id for hit in search(searcher, query, **options).hits}


STATIONS = "Wi-Fiが使える駅は" + "、".join(
    ["とうきょうスカイツリー駅", "品川駅", "新宿駅", "渋谷駅", "池袋駅", "上野駅", "秋葉原駅"] * 2
)
"""A list as ldcc has one, the only place it writes とうきょう in kana."""


def test_a_reading_finds_its_kanji_word_before_a_rare_spelling_in_kana(tmp_path: Path) -> None:
    """とうきょう listed a Wi-Fi list's とうきょうスカイツリー駅 and トウキョウ決戦 before
    the 1,110 articles of 東京 in ldcc: the kana spelling, rare, weighed more (review)."""
    items = [
        article("kana", "駅の一覧", STATIONS, published=datetime(2025, 3, 1)),
        *(
            article(f"tokyo{n}", f"東京の話{n}", f"東京で会議が開かれた{n}。", published=None)
            for n in range(6)
        ),
        *(article(f"other{n}", f"大阪の話{n}", "大阪で雨。", published=None) for n in range(6)),
    ]
    with searcher_of(tmp_path, items) as opened:
        ranked = [hit.article.id for hit in search(opened, "とうきょう").hits]
        assert set(ranked) == {"kana", *(f"tokyo{n}" for n in range(6))}  # all found
        assert ranked[-1] == "kana"


def test_a_reading_of_a_word_in_sen_is_not_a_verb_said_in_the_negative(tmp_path: Path) -> None:
    """MeCab reads ていせん alone as 呈せ|ん (呈する, "will not present"): with no 停戦
    in the index, ていせん found every 苦言を呈した (94 of ldcc, from review)."""
    remark = article("remark", "苦言", "監督が苦言を呈した。", published=datetime(2025, 3, 1))
    line = article("line", "回線", "光回線が開通した。", published=datetime(2025, 3, 2))
    with searcher_of(tmp_path, [remark, line]) as opened:
        assert ids(opened, "ていせん") == set()
        assert ids(opened, "かいせん") == {"line"}  # a reading the index has (回線)
        assert ids(opened, "ていした") == {"remark"}  # a verb as written in kana, as ever


def test_a_reading_that_morphemes_read_as_particles_still_finds_its_word(
    tmp_path: Path,
) -> None:
    # MeCab reads ぞう alone as ぞ|う and かさ as か|さ (particles): the query was
    # refused as "particles are not indexed" where the reading finds 象 and 傘.
    zoo = article("zoo", "動物園の象", "象が傘を持って歩いた。", published=datetime(2025, 3, 1))
    rain = article("rain", "雨の日", "雨の日は家にいる。", published=datetime(2025, 3, 2))
    with searcher_of(tmp_path, [zoo, rain]) as opened:
        assert ids(opened, "ぞう") == {"zoo"}
        assert ids(opened, "かさ") == {"zoo"}
        # a particle or auxiliary verb that reads no word still says why it finds nothing
        with pytest.raises(QueryError, match="nothing to search for in 'です'"):
            search(opened, "です")
        # beside a date, it is left out as before: the date's articles are listed
        assert ids(opened, "です after:2025") == {"zoo", "rain"}
    # Where a word is read so, it is a reading as ぞう is: です finds デス (デスブログ,
    # 15 articles of ldcc), as the README says of a word that reads one.
    blog = article("blog", "デスブログの話", "話題のデスブログ。")
    (tmp_path / "blog").mkdir()
    with searcher_of(tmp_path / "blog", [zoo, blog]) as opened:
        assert ids(opened, "です") == {"blog"}
        with pytest.raises(QueryError, match="nothing to search for in 'ですね'"):
            search(opened, "ですね")


def test_a_word_read_as_particles_beside_another_word_still_narrows_the_search(
    tmp_path: Path,
) -> None:
    """東京 ぞう listed every 東京 article (1,111 of ldcc, as 東京 alone; 東京 象 found 4):
    ぞう, read ぞ|う, was left out beside another word, where alone it finds 象 (review)."""
    items = [
        article("zoo", "動物園", "東京の動物園で象が生まれた。", published=datetime(2025, 3, 1)),
        article("tokyo", "天気", "東京の天気は晴れ。", published=datetime(2025, 3, 2)),
        article("osaka", "動物園", "大阪の動物園で象が生まれた。", published=datetime(2025, 3, 3)),
        article("umbrella", "雨", "雨の日は傘を持って出た。", published=datetime(2025, 3, 4)),
    ]
    with searcher_of(tmp_path, items) as opened:
        assert ids(opened, "東京 ぞう") == {"zoo"}
        assert ids(opened, '東京 "ぞう"') == {"zoo"}
        assert ids(opened, "雨 かさ") == {"umbrella"}
        # as typed, once the word is finished, as Enter finds it
        assert ids(opened, "東京 ぞう ", live=True) == {"zoo"}
        # a word that reads nothing is said, not silently left out (東京 alone)
        for live in (False, True):
            with pytest.raises(QueryError, match="nothing to search for in 'です'"):
                search(opened, "東京 です ", live=live)


TRAVEL = [
    article(
        "both", "東京と大阪", "東京から大阪まで新幹線で移動した。", published=datetime(2025, 3, 1)
    ),
    article("tokyo", "東京", "東京の天気は晴れ。", published=datetime(2025, 3, 2)),
    article("osaka", "大阪", "大阪の天気は雨。", published=datetime(2025, 3, 3)),
    article("sushi", "寿司", "東京で寿司を食べた。", published=datetime(2025, 3, 4)),
    article("shell", "卵", "東京の朝、卵の殻を割った。", published=datetime(2025, 3, 5)),
]
"""Two cities written with particles between them, and kana words that are words."""


@pytest.mark.parametrize(
    "particle", ["から", "まで", "より", "など", "で", "が", "や", "の", "には"]
)
def test_a_particle_typed_between_words_is_left_out_and_named(
    tmp_path: Path, particle: str
) -> None:
    """東京 から 大阪 found nothing (0 of ldcc, where 東京 大阪 finds 73): MeCab reads
    から alone as a conjunction, and the query looked for that word. まで, より, で, が
    and や read alone as words too; の was left out without a word, など refused."""
    with searcher_of(tmp_path, TRAVEL) as opened:
        found = search(opened, f"東京 {particle} 大阪")
        assert {hit.article.id for hit in found.hits} == {"both"}
        assert found.ignored == (particle,)
        # Enter on what was typed finds the same; as typed, once the word is finished
        assert search(opened, f"東京 {particle} 大阪", live=True).ignored == (particle,)


@pytest.mark.parametrize(
    ("typed", "entered"),
    [
        ("東京 まで", "東京 まで"),
        ("東京 ま", "東京 まで"),  # on the way to まで
        ("東京 から", "東京 から"),
        ("東京 で", "東京 で"),
        ("東京 では", "東京 では"),
    ],
)
def test_a_particle_being_typed_after_a_word_counts_as_at_enter(
    tmp_path: Path, typed: str, entered: str
) -> None:
    """From review: as typed, `すまほ まで` listed 0 articles of ldcc where Enter finds 685
    (スマホ) and says まで is not searched, `すまほ ま` 276 on the way: the particle being
    typed was searched as the start of a word alone (までい…), which no article held. It
    may still begin one (から, からあげ): it ranks the articles holding such a word first,
    and counts none out, as at Enter."""
    with searcher_of(tmp_path, TRAVEL) as opened:
        tokyo = ids(opened, "東京")
        assert ids(opened, typed, live=True) == ids(opened, entered) == tokyo
        assert search(opened, typed, live=True).total == search(opened, entered).total
        # typed on into no particle, the word begun narrows the articles as before
        assert ids(opened, "東京 からあ", live=True) < tokyo


def test_compound_particles_typed_after_a_word_are_left_out(tmp_path: Path) -> None:
    """について (に|つい|て) and として (と|し|て) were searched as the verbs in them."""
    with searcher_of(tmp_path, TRAVEL) as opened:
        for particles in ("について", "として", "による", "にとって"):
            found = search(opened, f"東京 {particles}")
            assert {hit.article.id for hit in found.hits} == ids(opened, "東京")
            assert found.ignored == (particles,)


def test_kana_words_that_are_words_are_still_searched(tmp_path: Path) -> None:
    """Only a word read as particles between two words is left out: すし is a word
    (寿司), a particle quoted or typed alone is searched as typed, and the last word
    as typed may still become another (から, からあげ)."""
    with searcher_of(tmp_path, TRAVEL) as opened:
        for query, expected in (
            ("東京 すし", {"sushi"}),
            ("から", {"shell"}),  # read so: 殻
            ('東京 "から" 大阪', set()),
        ):
            found = search(opened, query)
            assert ({hit.article.id for hit in found.hits}, found.ignored) == (expected, ())
        assert search(opened, "東京 から", live=True).ignored == ()


def test_a_katakana_word_is_found_however_the_text_cuts_it(tmp_path: Path) -> None:
    """MeCab cuts ルミコネ alone ルミ|コネ, in 「」 it reads one word; サラテ alone サラ|テ
    (テ's lemma ティー), in the text 皿|手: the word as written found none (review)."""
    items = [
        article("lumi", "写真", "「ルミコネ」で写真を共有した。", published=datetime(2025, 3, 1)),
        article("zarate", "試合", "長友、チームメートのサラテから無視された。", published=None),
        # here one word, read さらて: the 皿|手 above must be found beside it
        article("mauro", "試合後", "ファンの矛先はマウロ・サラテへ集中した。", published=None),
        article("apart", "食卓", "皿を手で持った。ルミが来た。", published=datetime(2025, 3, 2)),
    ]
    with searcher_of(tmp_path, items) as opened:
        assert ids(opened, "ルミコネ") == {"lumi"}
        assert ids(opened, "サラテ") == {"zarate", "mauro"}
        # as typed, the whole word too: the count does not fall on Enter
        assert ids(opened, "サラテ", live=True) >= {"zarate"}
        # marked where written
        for hit in search(opened, "サラテ").hits:
            assert any(text == "サラテ" and marked for text, marked in hit.snippet)


KATAKANA_CUT_APART = ("サラテ", "ルミコネ", "ナントカ", "インスタグラム", "イケショップ")
"""Katakana words MeCab cuts alone otherwise than in ldcc's articles (from review)."""


def test_katakana_words_are_found_in_every_ldcc_article_writing_them(
    tmp_path: Path, ldcc_dir: Path
) -> None:
    """Recall over the articles that write them (grep's count): サラテ found 0 of 2,
    ルミコネ 0 of 7, ナントカ 0 of 6, インスタグラム 1 of 5, イケショップ 6 of 32."""
    from index.parser import parse_file

    holding: dict[str, set[str]] = {word: set() for word in KATAKANA_CUT_APART}
    paths = sorted(p for p in ldcc_dir.glob("*/*.txt") if p.name != "LICENSE.txt")
    chosen = set(paths[::500])  # articles without them beside
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for word in KATAKANA_CUT_APART:
            if word in text:
                holding[word].add(path.stem)
                chosen.add(path)
    items = [parse_file(path, article_id=path.stem) for path in sorted(chosen)]
    with searcher_of(tmp_path, items) as opened:
        for word, stems in holding.items():
            assert stems, word
            assert ids(opened, word) == stems, word


def test_a_title_filter_finds_its_words_by_reading(searcher: Any) -> None:
    # title:とうきょう found nothing: readings were indexed for the whole text only
    assert ids(searcher, "title:とうきょう") == {"tokyo"}
    assert ids(searcher, "title:ていせんこうしょう") == {"ceasefire"}
    assert ids(searcher, "title:とうき", live=True) == {"tokyo"}
    # 国連 is read so in the tokyo article's body, not in any title
    assert ids(searcher, "こくれん") == {"tokyo"}
    assert ids(searcher, "title:こくれん") == set()


def test_a_name_filter_by_reading_marks_the_names_it_finds(searcher: Any) -> None:
    """person:ぷーちん finds プーチン by its reading; its snippet and `n` mark the name
    as written, as person:プーチン does."""
    [hit] = search(searcher, "person:ぷーちん").hits
    text = next(a for a in ARTICLES if a.id == "ceasefire").document().text
    assert [text[start:end] for start, end in hit.matches] == ["プーチン"]
    assert ("プーチン", True) in hit.snippet


def test_a_katakana_name_is_marked_as_one_word_too() -> None:
    # Alone, マクロン is マクロ|ン (a particle) to MeCab, in フランスのマクロン大統領 one
    # word: person:マクロン marked nothing there.
    def named(query: str) -> list[list[str]]:
        return [[m.term for m in words.content] for words in parse(query).named()]

    assert named("person:マクロン") == [["マクロ"], ["マクロン"]]
    assert named("person:トランプ") == [["トランプ"]]  # one word already
    assert named("person:本田圭佑") == [["本田", "圭佑"]]
    assert named("停戦 -person:マクロン") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("停戦", {"ceasefire"}),
        ("ロシア 停戦", {"ceasefire"}),  # space = AND
        ("ロシア AND 停戦", {"ceasefire"}),  # written out, not a word searched for
        ("停戦 OR 休戦", {"ceasefire", "truce"}),
        ("停戦 OR 休戦 ロシア", {"ceasefire"}),  # OR binds tighter than AND
        ("ロシア -停戦", {"russia"}),
        ("ロシア NOT 停戦", {"russia"}),
        # the minus key in a Japanese IME's kana mode gives ー (an AND of ロシア and 停戦)
        ("ロシア ー停戦", {"russia"}),
        ("ロシア −停戦", {"russia"}),  # U+2212
        ("ロシア ｰ停戦", {"russia"}),
        ('"停戦 交渉"', {"ceasefire"}),
        ('"交渉 停戦"', set()),
        ("“交渉 停戦”", set()),  # typographic quotes (a Japanese IME's) quote a phrase too
        ("「交渉 停戦」", set()),
        ("「停戦 交渉」", {"ceasefire"}),
        ("title:ロシア", {"russia"}),
        ("title:交渉", {"ceasefire"}),
        ("site:www.cnn.co.jp", {"ceasefire"}),
        ("site:WWW.CNN.CO.JP", {"ceasefire"}),
        # a URL pasted (as `y` copies one) is its host: scheme, path, query, port dropped
        ("site:https://www.cnn.co.jp/world/", {"ceasefire"}),
        ("site:http://cnn.co.jp", {"ceasefire"}),
        ("site:HTTPS://WWW.NIKKEI.COM:443/news?id=1#top", {"truce"}),
        ("site:www.cnn.co.jp/world/", {"ceasefire"}),
        ("-site:https://www.cnn.co.jp/ 停戦 OR 休戦", {"truce"}),
        ("outlet:日本経済新聞", {"truce"}),
        ("person:プーチン", {"ceasefire"}),
        # by reading, as the pickers find names: every name read so, or beginning so
        ("person:ぷーちん", {"ceasefire"}),
        ("person:ぷー", {"ceasefire"}),
        ('person:"ぷー"', set()),
        ("place:ろしあ", {"ceasefire", "russia"}),
        ("org:こくれん", {"tokyo"}),
        ("place:ロシア", {"ceasefire", "russia"}),
        ("org:国連", {"tokyo"}),
        ("org:ソニー", {"tokyo"}),
        ("ロシア after:2025-03-01", {"russia"}),
        ("ロシア before:2025-03-01", {"ceasefire"}),
        ("ロシア before:2025/03", {"ceasefire"}),  # a month with /, as a day is written
        ("after:2025-01-01 before:2025-01-02", {"tokyo"}),
        ("after:2025-01-01 after:2025-06-01", {"russia"}),  # both bounds hold
        ("休戦 OR after:2025-06-01", {"truce", "russia"}),  # a date inside OR
        ("ロシア -after:2025-03-01", {"ceasefire"}),
        ("ロシア after:2025", {"ceasefire", "russia"}),
        # as Japanese writes a date, in any width (review: "bad date '2012年3月'")
        ("ロシア after:2025年3月1日", {"russia"}),
        ("ロシア after:2025年3月", {"russia"}),
        ("ロシア before:２０２５年３月", {"ceasefire"}),
        ("ロシア after:2025年", {"ceasefire", "russia"}),
        ("ロシア before:2025年", set()),
        ("ＲＯＳＳＩＡ OR ロシア　停戦", {"ceasefire"}),  # full-width space and letters
        ("ていせん", {"ceasefire"}),  # a reading
        ("きゅうせん", {"truce"}),
    ],
)
def test_query_forms(searcher: Any, query: str, expected: set[str]) -> None:
    assert ids(searcher, query) == expected


def test_sort_by_date_puts_the_newest_first(searcher: Any) -> None:
    hits = search(searcher, "ロシア OR 休戦 OR 東京", sort="date").hits
    assert [hit.article.id for hit in hits] == ["russia", "ceasefire", "tokyo", "truce"]


def test_filters_alone_list_the_newest_first(searcher: Any) -> None:
    """Nothing ranks the hits of filters alone (every one scores alike): they came in
    index order, which is no order a reader can see."""
    dated = search(searcher, "ロシア OR 休戦 OR 東京", sort="date")
    filtered = search(searcher, "after:2000-01-01")
    assert filtered.sort == "date"
    in_range = [hit.article.id for hit in dated.hits if hit.article.published is not None]
    assert [hit.article.id for hit in filtered.hits][: len(in_range)] == in_range
    assert search(searcher, "ロシア").sort == "relevance"


def test_total_counts_beyond_the_limit(searcher: Any) -> None:
    result = search(searcher, "ロシア OR 休戦", limit=1)
    assert (result.total, len(result.hits)) == (3, 1)


OR_EXCLUDED = "OR cannot join a word left out ('{}'): leave it out on its own, outside the OR"


@pytest.mark.parametrize(
    ("typed", "closed"),
    [
        ('"停戦', '"停戦"'),
        ("“停戦", "“停戦”"),
        ("「ロシア 経済", "「ロシア 経済」"),
        ("経済 「ロシア 経済", "経済 「ロシア 経済」"),
        ('経済 -"ロシア 経済', '経済 -"ロシア 経済"'),
    ],
)
def test_an_unclosed_quote_runs_to_the_end_at_enter_as_as_typed(
    searcher: Any, typed: str, closed: str
) -> None:
    """A quote nothing closes was refused at Enter ("unbalanced quote: 「ロシア 経済 has no
    closing 」") where as typed it ran to the end: a sentence pasted from within a quote,
    or cut off in one, was refused (138 of 240 pieces of ldcc lines cut in a quote)."""
    assert ids(searcher, typed) == ids(searcher, closed) != set()
    # a phrase to the end, not its words apart (ロシアとウクライナの停戦交渉)
    assert ids(searcher, "「ロシア 停戦") == set() != ids(searcher, "ロシア 停戦")


@pytest.mark.parametrize(
    ("typed", "closed", "expected"),
    [
        ("「ロシア after:2025-03-01", "「ロシア」 after:2025-03-01", {"russia"}),
        ("「ロシア before:2025-03", "「ロシア」 before:2025-03", {"ceasefire"}),
        ("「ロシア site:www.cnn.co.jp", "「ロシア」 site:www.cnn.co.jp", {"ceasefire"}),
        ("「停戦 OR 休戦", "「停戦」 OR 休戦", {"ceasefire", "truce"}),
        ("「ロシア NOT 停戦", "「ロシア」 NOT 停戦", {"russia"}),
        ("「ロシア -停戦", "「ロシア」 -停戦", {"russia"}),
        ("「ロシア ー停戦", "「ロシア」 ー停戦", {"russia"}),
        ("「ロシア 経済 AND 制裁", "「ロシア 経済」 AND 制裁", {"russia"}),
        ("「ロシア 経済 after:2025", "「ロシア 経済」 after:2025", {"russia"}),
    ],
)
def test_an_unclosed_quote_ends_before_a_filter_an_operator_or_a_word_left_out(
    searcher: Any, typed: str, closed: str, expected: set[str]
) -> None:
    """From review: `「東京 after:2012-01`, `「東京 OR 大阪` found nothing at Enter (the
    filter, the operator taken as the phrase's words) where before they were "unbalanced
    quote"; now the quote ends before them, as typed and at Enter alike."""
    assert ids(searcher, typed) == ids(searcher, closed) == expected
    assert ids(searcher, typed, live=True) == ids(searcher, closed, live=True)


def test_a_title_pasted_without_its_closing_quote_finds_its_article(tmp_path: Path) -> None:
    """From review: `"Do NOT Disturb` found 12 articles over ldcc, its NOT read as an
    operator (Do, leaving out Disturb), where the title's article is 1."""
    items = [
        article("title", "Do NOT Disturb", "ホテルの札 Do NOT Disturb の話。"),
        article("do", "Do it", "Do it yourself の話。"),
    ]
    with searcher_of(tmp_path, items) as opened:
        assert ids(opened, '"Do NOT Disturb') == ids(opened, '"Do NOT Disturb"') == {"title"}
        assert ids(opened, '"Do NOT Disturb', live=True) == {"title"}


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("「ロシア", "after:"),
        ("「ロシア", "site:"),
        ("「停戦", "OR"),
        ("「ロシア", "NOT"),
        ("「ロシア 経済", "AND"),
    ],
)
def test_a_filter_or_an_operator_being_typed_after_an_open_quote_keeps_the_count(
    searcher: Any, phrase: str, name: str
) -> None:
    """From review: as typed, `「東京 O` counted 0 (the phrase 東京 O), then `「東京 OR`
    1,111; `「東京 s`, `si`, `site` 0, then `site:` 1,111. A word that may begin a
    filter or an operator waits, as unquoted (東京 O counts as 東京): the count stays
    the phrase's until the filter or operator is typed whole; at Enter nothing changes."""
    counted = ids(searcher, phrase, live=True)
    assert counted
    for end in range(1, len(name) + 1):
        typed = f"{phrase} {name[:end]}"
        assert ids(searcher, typed, live=True) == counted, typed
        if end < len(name):  # still the phrase's word at Enter
            assert ids(searcher, typed) == ids(searcher, typed + "」"), typed


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("after:2025-13-01", "bad date '2025-13-01' for after: there is no month 13 (01 to 12)"),
        # The form is right, the day is not there: said so (it said "use YYYY-MM-DD")
        ("after:2012-02-30", "bad date '2012-02-30' for after: February 2012 has 29 days"),
        (
            "before:soon",
            "bad date 'soon' for before: "
            "(use YYYY-MM-DD, YYYY-MM or YYYY; YYYY年M月D日, YYYY年M月 or YYYY年)",
        ),
        ("before:2025年13月", "bad date '2025年13月' for before: there is no month 13 (01 to 12)"),
        (
            "author:me",
            "unknown field 'author:' "
            "(known: site:, outlet:, person:, place:, org:, title:, after:, before:); "
            'to find the text, quote it: "author:me"',
        ),
        ("site:", "site: needs a value"),
        # A URL with no host, a value no host can be: said, not 0 hits
        (
            "site:https://",
            "site:https:// names no site: site: takes a host (site:news.livedoor.com), "
            "a name in one (site:livedoor) or a URL (site:https://news.livedoor.com/)",
        ),
        (
            'site:"cnn co jp"',
            "site:cnn co jp names no site: site: takes a host (site:news.livedoor.com), "
            "a name in one (site:livedoor) or a URL (site:https://news.livedoor.com/)",
        ),
        ("", "empty query"),
        ("   ", "empty query"),
        ("-ロシア", "a query needs something to find, not only words to exclude"),
        (
            "の",
            "nothing to search for in 'の': particles are not indexed, too common to tell"
            " articles apart",
        ),
        (
            "の です",
            "nothing to search for in 'の です': particles and auxiliary verbs are not indexed, "
            "too common to tell articles apart",
        ),
        ("。、", "nothing to search for in '。、'"),
        # operators are no words: no "nouns and particles are not indexed"
        ('"の"', "nothing to search for in '\"の\"'"),
        ("OR 停戦", "OR needs a word on each side"),
        ("停戦 OR", "OR needs a word on each side"),
        # A word was typed, but one the index does not hold: which one, not "no word"
        ("の OR 停戦", "nothing to search for in 'の': OR needs a word on each side"),
        ("停戦 NOT", "NOT needs a word after it"),
        ("停戦 OR AND 休戦", "AND cannot follow OR"),
        # As OR does: a trailing AND was searched as if it were not there
        ("AND 停戦", "AND needs a word on each side"),
        ("停戦 AND", "AND needs a word on each side"),
        ("の AND 停戦", "nothing to search for in 'の': AND needs a word on each side"),
        # NOT NOT said "a query needs something to find, not only words to exclude"
        ("NOT NOT 停戦", "NOT cannot follow NOT"),
        ("停戦 AND AND 休戦", "AND cannot follow AND"),
        ("停戦 AND OR 休戦", "OR cannot follow AND"),  # it searched 停戦 OR 休戦
        ("停戦 NOT -ロシア", "a word is left out once, by NOT or by -, not both ('-ロシア')"),
        # 停戦 OR -ロシア searched 停戦 OR ロシア, and -ロシア OR 停戦 left both out
        ("停戦 OR -ロシア", OR_EXCLUDED.format("ロシア")),
        ("停戦 OR NOT ロシア", OR_EXCLUDED.format("ロシア")),
        ("-ロシア OR 停戦", OR_EXCLUDED.format("ロシア")),
        ("停戦 NOT ロシア OR 休戦", OR_EXCLUDED.format("ロシア")),
        # the word before OR held nothing: OR joined 休戦 to the group before, 停戦
        ("停戦 の OR 休戦", "nothing to search for in 'の': OR needs a word on each side"),
        # each side of OR as the first: 停戦 OR の and です OR 停戦 searched 停戦 alone
        ("停戦 OR の", "nothing to search for in 'の': OR needs a word on each side"),
        ("です OR 停戦", "nothing to search for in 'です': OR needs a word on each side"),
        ("停戦 OR です", "nothing to search for in 'です': OR needs a word on each side"),
        # Named as typed, not as read: it said '!' for ！ and '""' for 『『
        ("停戦 OR ！", "nothing to search for in '！': OR needs a word on each side"),
        ("『『 AND 停戦", "nothing to search for in '『『': AND needs a word on each side"),
        ("停戦 NOT -『『", "a word is left out once, by NOT or by -, not both ('-『『')"),
        ("停戦 NOT ーロシア", "a word is left out once, by NOT or by -, not both ('ーロシア')"),
        # A command line's byte that is no UTF-8: MeCab raised UnicodeEncodeError
        ("東京\udcff", "the query holds a byte that is not UTF-8 (\\xff)"),
        # Named as typed, not as Python writes it: \ said '\\' (from review)
        (
            "\\",
            "nothing to search for in '\\': symbols are not indexed, too common to tell"
            " articles apart",
        ),
        ("停戦 OR \\", "nothing to search for in '\\': OR needs a word on each side"),
        ("停戦 NOT -\\", "a word is left out once, by NOT or by -, not both ('-\\')"),
        ("停戦 OR -\\x", OR_EXCLUDED.format("\\x")),
        (
            "'",
            'nothing to search for in "\'": symbols are not indexed, too common to tell'
            " articles apart",
        ),
        # a control is still no terminal's to read: shown as an escape; it is a space
        ("\x1b", "nothing to search for in '\\x1b': control characters are read as spaces"),
        ("\x1b[31m", "nothing to search for in '\\x1b[31m': control characters are read as spaces"),
        # controls str.strip() takes for white space (regression review: "empty query")
        ("\x1c", "nothing to search for in '\\x1c': control characters are read as spaces"),
        ("\x85 ", "nothing to search for in '\\x85': control characters are read as spaces"),
    ],
)
def test_malformed_queries_raise_one_line_errors(searcher: Any, query: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        search(searcher, query)
    assert str(raised.value) == message
    assert "\n" not in str(raised.value)


def test_control_characters_in_a_query_are_spaces(searcher: Any) -> None:
    """From review: `yomite search $'\\e[31m'` searched the control as a word (31m, and
    "looks unfinished: as typed, \\x1b[31m… finds 1"), and ロシア BEL 停戦 as a phrase
    around it. A control is a space, and a terminal's colour or title sequence one space
    a character, as an article's text loses them (`index.sanitize`): what a terminal
    shows is what is searched. The words keep their places in the query as typed."""
    assert ids(searcher, "ロシア\x07停戦") == ids(searcher, "ロシア 停戦") == {"ceasefire"}
    assert ids(searcher, "\x1b[1;31m停戦\x1b[0m") == ids(searcher, "停戦")
    assert ids(searcher, "title:休戦\x1b]0;x\x07") == ids(searcher, "title:休戦") == {"truce"}
    assert ids(searcher, "停戦\x1b[0mOR\x1b[0m休戦") == {"ceasefire", "truce"}
    from index.syntax import lex

    lexeme = lex("\x1b[31m停戦").lexemes[0]
    assert (lexeme.text, lexeme.start, lexeme.end) == ("停戦", 5, 7)


def test_a_pasted_url_is_text_not_a_field(searcher: Any) -> None:
    result = search(searcher, "https://example.com/停戦")  # no "unknown field 'https:'"
    assert result.query == "https://example.com/停戦"


def test_live_mode_forgives_what_is_still_being_typed(searcher: Any) -> None:
    assert ids(searcher, "停戦 OR", live=True) == {"ceasefire"}
    assert ids(searcher, "停戦 AND", live=True) == {"ceasefire"}
    assert ids(searcher, "停戦 after:2025-0", live=True) == {"ceasefire"}
    assert ids(searcher, "停戦 site:", live=True) == {"ceasefire"}
    assert ids(searcher, "停戦 site:https://", live=True) == {"ceasefire"}  # host to come
    assert ids(searcher, "休戦 OR 停戦 site:https://www.nik", live=True) == {"truce"}
    assert ids(searcher, "ロシ", live=True) == {"ceasefire", "russia"}


@pytest.mark.parametrize("query", ["after:2025 before:2025", "停戦 after:2025-06 before:2025-03"])
def test_a_date_range_with_no_day_in_it_says_so(searcher: Any, query: str) -> None:
    with pytest.raises(QueryError, match="no date is both on or after 2025-"):
        search(searcher, query)
    assert search(searcher, query, live=True).total == 0  # as typed: it may yet grow
    with pytest.raises(QueryError, match="no date is both"):  # found without the index
        parse(query)
    # A space typed after it, the date is done: said as typed too, where the bar counted
    # "0 hits" and Enter then said "query error" (review).
    with pytest.raises(QueryError, match="no date is both on or after 2025-"):
        search(searcher, query + " ", live=True)
    with pytest.raises(QueryError, match="no date is both on or after 2025-"):
        search(searcher, query + " 停", live=True)


@pytest.mark.parametrize(
    "value", ["xyz", "2025-13", "2025-02-31", "2025-1x", "2025年13", "2025年2月31日"]
)
def test_live_mode_says_at_once_what_no_typing_can_make_a_date(searcher: Any, value: str) -> None:
    with pytest.raises(QueryError, match=f"bad date '{value}' for after:"):
        search(searcher, f"停戦 after:{value}", live=True)


@pytest.mark.parametrize(
    "value",
    ["2", "2025", "2025-", "2025-0", "2025/1/", "2025-02-0", "2025年", "2025年0", "2025年2月1"],
)
def test_live_mode_waits_for_a_date_being_typed(searcher: Any, value: str) -> None:
    assert ids(searcher, f"停戦 after:{value}", live=True) == {"ceasefire"}


def test_live_mode_searches_what_is_typed_so_far(searcher: Any) -> None:
    # An exclusion not typed yet leaves the words before it, not 0 hits.
    assert ids(searcher, "停戦 -", live=True) == ids(searcher, "停戦", live=True) != set()
    assert ids(searcher, "停戦 NOT", live=True) == {"ceasefire"}
    # An open quote's last word is a prefix, as any last word is.
    assert ids(searcher, '"停戦 交', live=True) == {"ceasefire"}
    assert ids(searcher, '"ロシア 経', live=True) == {"russia"}


@pytest.mark.parametrize(
    ("typed", "waits_for"),
    [
        ("after:20", "after:20: type the rest of the date"),
        ("after:", "after: type a date"),
        ("title:", "title: type a value"),
        ("-", "-: type the word to leave out"),
        ("-停戦 before:202", "before:202: type the rest of the date"),
        ("「", "「: type the words to find together, then 」"),
        ('"', '": type the words to find together'),
        ("“", "“: type the words to find together, then ”"),
        ("『", "『: type the words to find together, then 』"),
        ("（", "（: type the words to find"),
        ("-「", "-「: type the words to leave out together, then 」"),
        # From review: （（ said what to type, 『『 "nothing to search for in '『『'" (the
        # second 『 taken to close the first, which has no 』).
        ("（（", "（（: type the words to find"),
        ("『『", "『『: type the words to find together, then 』』"),
        ("「「", "「「: type the words to find together, then 」」"),
        ("-『『", "-『『: type the words to leave out together, then 』』"),
    ],
)
def test_live_mode_says_what_a_filter_alone_waits_for(
    searcher: Any, typed: str, waits_for: str
) -> None:
    with pytest.raises(QueryIncomplete, match=waits_for):
        search(searcher, typed, live=True)
    with pytest.raises(QueryError) as submitted:  # Enter: a mistake
        search(searcher, typed)
    assert not isinstance(submitted.value, QueryIncomplete)


def test_the_first_key_of_a_phrase_leaves_the_rest_counted(searcher: Any) -> None:
    """From review: 「 typed first said "query error" and "nothing to search for in
    '「'"; after words, the words typed before are counted, not an ignored symbol."""
    assert ids(searcher, "停戦 「", live=True) == ids(searcher, "停戦", live=True) != set()
    assert search(searcher, "停戦 「", live=True).ignored == ()


@pytest.mark.parametrize(
    ("typed", "falls"),
    [("ロシア after:2025-06-30", True), ("ロシア before:2025-03-01", False)],
)
def test_a_date_being_typed_stands_for_the_date_typed_so_far(
    searcher: Any, typed: str, falls: bool
) -> None:
    """From review: 大阪 after:2012-05-1 typed a key at a time over ldcc counted 195, 124,
    195, 195, 65, 195, 65: each - or half-typed part left the date out, the whole list
    back. A date being typed stands for the year or month typed whole before it: after:'s
    hits only fall as it is typed on, before:'s only grow (2025 to 2025-03)."""
    start = typed.index(":") + len("2025") + 1
    shown = [ids(searcher, typed[:end], live=True) for end in range(start, len(typed) + 1)]
    for before, after in itertools.pairwise(shown):
        assert after <= before if falls else before <= after, shown
    year, month = typed[:start], typed[: start + len("-06")]
    assert ids(searcher, year + "-", live=True) == ids(searcher, year + "-0", live=True)
    assert ids(searcher, year + "-0", live=True) == ids(searcher, year, live=True)
    assert ids(searcher, month + "-", live=True) == ids(searcher, month, live=True)
    assert shown[-1] != ids(searcher, "ロシア", live=True)  # a filter, all along
    field, value = month.split()[1].split(":")
    with pytest.raises(QueryError, match=f"bad date '{value}-' for {field}:"):  # at Enter
        search(searcher, month + "-")


def test_only_the_last_word_is_unfinished() -> None:
    parsed = parse("停戦 ロシ", live=True)
    words = [g.alternatives[0] for g in parsed.groups]
    assert [w.unfinished for w in words if isinstance(w, Words)] == [False, True]
    trailing_space = parse("停戦 ロシ ", live=True)
    assert not any(
        isinstance(c, Words) and c.unfinished for g in trailing_space.groups for c in g.alternatives
    )


def test_a_repeated_clause_is_kept_once() -> None:
    """AND of the same word twice is the word: 停戦 a thousand times was an AND a
    thousand deep (RecursionError)."""

    def shown(query: str, *, live: bool = False) -> list[tuple[list[str], bool]]:
        return [
            (
                [
                    c.text if isinstance(c, Words) else getattr(c, "value", "")
                    for c in g.alternatives
                ],
                g.negated,
            )
            for g in parse(query, live=live).groups
        ]

    assert shown("停戦 停戦 -ロシア 停戦 NOT ロシア site:a site:a") == [
        (["停戦"], False),
        (["ロシア"], True),
        (["a"], False),
    ]
    # Another group, or the word left out, is another clause; as typed, the last word
    # may still grow (停戦 停戦協…)
    assert shown("停戦 OR 休戦 停戦 -停戦") == [
        (["停戦", "休戦"], False),
        (["停戦"], False),
        (["停戦"], True),
    ]
    assert len(parse("停戦 停戦", live=True).groups) == 2
    assert len(parse(" ".join(["停戦"] * 5000)).groups) == 1


@pytest.mark.parametrize("live", [False, True])
def test_a_query_too_long_is_refused_with_its_length(live: bool) -> None:
    """An unspaced query had no limit (the 200 words are counted by spaces): 東京 pasted
    10,000 times was a RecursionError, とうきょう 1,000 times over 100 s of searching. The
    characters of its words are counted, each word once (停戦 5,000 times is 停戦)."""
    with pytest.raises(QueryError) as refused:
        parse("東京" * 10_000, live=live)
    assert str(refused.value) == f"query too long: 20,000 characters; at most {MOST_CHARACTERS:,}"
    with pytest.raises(QueryError, match=r"^query too long: 1,001 characters"):
        parse("と" * 1001, live=live)
    (group,) = parse("と" * 1000, live=live).groups
    assert [clause.text for clause in group.alternatives if isinstance(clause, Words)] == [
        "と" * 1000
    ]
    assert len(parse(" ".join(["停戦"] * 5000)).groups) == 1


def test_reading_segmentation_asks_for_short_pieces_only() -> None:
    """A reading was cut every way, each piece looked up in the index: a pasted reading of
    1,000 kana asked for half a million pieces (とうきょう×100 took 2.2 s, ×300 22.6 s).
    No word of the index reads longer than LONGEST_READING; the whole reading is asked
    as typed too."""
    asked: list[str] = []
    words = {"とう", "きょう", "とうきょう", "と", "ちじ"}

    def known(piece: str) -> bool:
        asked.append(piece)
        return piece in words

    reading = "とうきょうとちじ" * 125
    assert segment_reading(reading, known) == ["とうきょう", "と", "ちじ"] * 125
    assert len(asked) <= len(reading) * (LONGEST_READING + 1)  # 1,000 kana: ~500,000 before
    unknown = "".join(chr(0x3041 + (n * 7919) % 83) for n in range(1000))
    asked.clear()
    assert segment_reading(unknown, known) is None
    assert len(asked) <= len(unknown) * (LONGEST_READING + 1)
    whole = "ふぉっくすほーむえんたーていんめんとじゃぱん" * 2  # longer, typed whole
    assert segment_reading(whole, {whole}.__contains__) == [whole]


def test_reading_segmentation_prefers_fewest_known_pieces() -> None:
    known = {"ていせん", "てい", "せん", "こうしょう", "こう", "しょう"}.__contains__
    assert segment_reading("ていせんこうしょう", known) == ["ていせん", "こうしょう"]
    assert segment_reading("ていせんx", known) is None


def test_reading_segmentation_keeps_to_pieces_the_index_holds_together() -> None:
    # とう|きょうと|ちじ and とうきょう|と|ちじ are both three known pieces; only the
    # second stands together in the index (東京 都 知事).
    known = {"とう", "きょうと", "とうきょう", "と", "ちじ"}.__contains__
    together = {("とうきょう", "と"), ("と", "ちじ")}
    assert segment_reading("とうきょうとちじ", known) == ["とう", "きょうと", "ちじ"]
    joined = lambda a, b: (a, b) in together  # noqa: E731
    assert segment_reading("とうきょうとちじ", known, joined) == ["とうきょう", "と", "ちじ"]
    assert segment_reading("とうきょうと", known, lambda a, b: False) is None
    assert segment_reading("とうきょう", known, lambda a, b: False) == ["とうきょう"]


def test_site_takes_a_host_the_index_holds_as_written(tmp_path: Path) -> None:
    """From review: a host the index holds (a card's URL's, offered by the F picker)
    that urlsplit reads otherwise was refused ("site:ex~ample.com names no site"): a
    bare IPv6 address, a ~ in a host."""
    items = [
        article("tilde", "告知", "新しい告知。", site="ex~ample.com"),
        article("local", "試験", "試験の記事。", site="::1"),
        article("other", "別件", "別の記事。", site="www.cnn.co.jp"),
    ]
    with searcher_of(tmp_path, items) as opened:
        assert ids(opened, 'site:"ex~ample.com"') == {"tilde"}
        assert ids(opened, 'site:"::1"') == {"local"}
        assert ids(opened, "site:www.cnn.co.jp:443") == {"other"}  # a port typed is dropped


def test_a_particle_beside_a_filter_is_searched_as_a_word_alone_is(tmp_path: Path) -> None:
    """From review: `から site:livedoor` left から out as a particle between words and
    searched the filter alone (every article of the site, where から finds 41): a filter
    is no word for it to stand between."""
    items = [
        article("shell", "卵の殻", "卵のからを割った。", site="news.livedoor.com"),
        article("plain", "試合", "試合に勝った。", site="news.livedoor.com"),
    ]
    with searcher_of(tmp_path, items) as opened:
        assert ids(opened, "から") == {"shell"}  # the control: から alone finds 殻 read so
        assert ids(opened, "から site:livedoor") == {"shell"}
        assert search(opened, "から site:livedoor").ignored == ()


@pytest.mark.parametrize("symbols", ["*", "**", "＊", "?", "&", "!", "・"])
def test_symbols_being_typed_are_left_out_as_at_enter(searcher: Any, symbols: str) -> None:
    """From review: as typed, `停戦 *` (the reader's count, before Enter) found nothing,
    where Enter finds what 停戦 does and says "ignored *": a last word of symbols alone
    was searched as the start of a word, and no word the index holds starts so."""
    typed = search(searcher, f"停戦 {symbols}", live=True)
    entered = search(searcher, f"停戦 {symbols}")
    assert {hit.article.id for hit in typed.hits} == ids(searcher, "停戦") != set()
    assert typed.total == entered.total
    assert typed.ignored == entered.ignored != ()
    for live in (True, False):  # alone, nothing to search for, as typed as at Enter
        with pytest.raises(QueryError, match="nothing to search for in"):
            search(searcher, symbols, live=live)


def test_a_word_ending_in_a_star_is_the_word(searcher: Any) -> None:
    """`*` is no wildcard: 停戦* finds what 停戦 does, as typed and at Enter."""
    assert ids(searcher, "停戦*") == ids(searcher, "停戦*", live=True) == ids(searcher, "停戦")


@pytest.mark.parametrize("typed", ["！", "…", "＊", "？", "～", "・"])
def test_a_word_left_out_is_named_as_typed(searcher: Any, typed: str) -> None:
    """From review: `東京 ！` said "ignored !", `東京 …` "ignored ...": the symbol as
    NFKC reads it, not the one typed."""
    for live in (False, True):
        assert search(searcher, f"停戦 {typed}", live=live).ignored == (typed,)
    assert parse(f"停戦 -停戦 {typed} ロシア").ignored == (typed,)


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("停戦 NOT 『『", "NOT 『『"),
        ("停戦 -『『", "-『『"),
        ("停戦 ＮＯＴ ！", "ＮＯＴ ！"),
        ("停戦 ー・", "ー・"),
        ("NOT 『『 停戦 の 交渉", "NOT 『『"),
    ],
)
def test_a_word_to_leave_out_that_holds_nothing_is_named_with_its_not(
    searcher: Any, query: str, named: str
) -> None:
    """停戦 NOT 『『 found what 停戦 does and said "ignored 『『", as if a word of it were
    dropped and the exclusion still searched: what is not searched is the NOT 『『."""
    found = search(searcher, query)
    assert found.total == search(searcher, "停戦").total
    assert found.ignored[0] == named
    assert ignored_notice(found.ignored).startswith(f"ignored {named}")


@pytest.mark.parametrize("typing", ["site:cnn", "person:プーチン", "title:停戦", "OR 交渉"])
def test_a_filter_or_or_being_typed_keeps_the_count(searcher: Any, typing: str) -> None:
    """From review: as typed over ldcc, 野球 s counted 144, 野球 si 1, 野球 site 0 ("No
    article matches"), then 野球 site: 283 again; 東京 O 246, 東京 OR 1,111. A last word
    its letters may make a filter's name (any case) or OR stands for the filter or the
    operator to come: the count is the rest of the query's until it can be neither."""
    before = ids(searcher, "停戦", live=True)
    assert before == {"ceasefire"}
    name = typing.split(":")[0].split(" ")[0]
    for end in range(1, len(name) + 1):
        assert ids(searcher, f"停戦 {name[:end]}", live=True) == before, name[:end]
        assert ids(searcher, f"停戦 {name[:end].upper()}", live=True) == before, name[:end]
    # A word it cannot begin narrows as any word being typed does; Enter searches it.
    assert ids(searcher, "停戦 six", live=True) == set()
    if name != "OR":
        assert ids(searcher, f"停戦 {name}") == set()


@pytest.mark.parametrize(
    ("typed", "waits_for"),
    [
        ("s", "^type on: 's' may begin a word or site:$"),
        ("pe", "^type on: 'pe' may begin a word or person:$"),
        ("O", "^type on: 'O' may begin a word, outlet:, org: or OR$"),
        ("-p", "^type on: '-p' may begin a word, person: or place:$"),
        ("OR", "^type on: 'OR' may begin a word or org:$"),
        ("AND", "^type on: 'AND' may begin a word$"),
    ],
)
def test_a_filter_name_alone_being_typed_waits(searcher: Any, typed: str, waits_for: str) -> None:
    with pytest.raises(QueryIncomplete, match=waits_for):
        search(searcher, typed, live=True)


@pytest.mark.parametrize(
    ("word", "operator"), [("ORICON", "OR"), ("ANDROID", "AND"), ("NOTTV", "NOT")]
)
def test_a_word_beginning_with_an_operator_typed_first_says_no_error_on_the_way(
    searcher: Any, word: str, operator: str
) -> None:
    """From review: typing ORICON said "query error: OR needs a word on each side" at
    its second letter, ANDROID likewise at AND (NOTTV waited, "NOT: type the word to
    leave out"). An operator first, being typed, waits as NOT does; at Enter it is
    refused as before."""
    for end in range(1, len(word) + 1):
        with contextlib.suppress(QueryIncomplete):  # a QueryError fails the test
            search(searcher, word[:end], live=True)
    with pytest.raises(QueryError) as refused:
        search(searcher, operator)
    assert not isinstance(refused.value, QueryIncomplete)


def test_an_exclusion_being_typed_excludes_once_typed(searcher: Any) -> None:
    """From review: as typed, 東京 -大 counted ~713 and 東京 -大阪 1,038 (ldcc): the word
    being typed excluded every word it begins (大学, 大会…). It excludes once typed (a
    space after it, or Enter): until then the count is the rest of the query's, as for
    `東京 -`; it only falls as the query is typed."""
    rest = ids(searcher, "ロシア", live=True)
    assert rest == {"ceasefire", "russia"}
    for typed in ("ロシア -経", "ロシア -経済", "ロシア NOT 経", "ロシア -title:経"):
        assert ids(searcher, typed, live=True) == rest, typed
    finished = ids(searcher, "ロシア -経済 ", live=True)  # a space after it: typed
    assert ids(searcher, "ロシア -経済") == finished == {"ceasefire"}
    assert ids(searcher, "ロシア -経済 停戦", live=True) == {"ceasefire"}
    with pytest.raises(QueryError, match="not only words to exclude"):
        search(searcher, "-経済", live=True)


def test_an_empty_phrase_is_nothing_to_search_for_as_typed_too(searcher: Any) -> None:
    """The control of 『『 being typed: "" is a phrase closed, with nothing in it."""
    with pytest.raises(QueryError, match="nothing to search for in") as typed:
        search(searcher, '""', live=True)
    assert not isinstance(typed.value, QueryIncomplete)


GROUPED = "parentheses do not group words ({}): {}; write the query without them"
OR_JOINS = "OR joins the one word on each side of it"
NOT_LEAVES = "- or NOT leaves out the one word after it"


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    ("query", "message"),
    [
        # Read as 東京 AND (映画 OR 大阪), the parentheses dropped: 319 hits of ldcc,
        # where the grouping typed has 443 (and 大阪 OR (東京 映画) 289)
        ("(停戦 交渉) OR 休戦", GROUPED.format("'(停戦', '交渉)'", OR_JOINS)),
        ("休戦 OR (停戦 交渉)", GROUPED.format("'(停戦', '交渉)'", OR_JOINS)),
        ("休戦 OR （停戦 交渉）", GROUPED.format("'（停戦', '交渉）'", OR_JOINS)),
        ("ロシア -(停戦 交渉)", GROUPED.format("'-(停戦'", NOT_LEAVES)),
        ("ロシア NOT （停戦 交渉）", GROUPED.format("'（停戦'", NOT_LEAVES)),
        (
            "-(停戦 交渉) OR 休戦",
            GROUPED.format("'-(停戦', '交渉)'", f"{OR_JOINS} and {NOT_LEAVES}"),
        ),
        # Around what OR joins and more, or left out: still grouping otherwise than OR
        ("(停戦 OR 休戦 ロシア)", GROUPED.format("'(停戦', 'ロシア)'", OR_JOINS)),
        ("(停戦 OR 休戦) OR (中東 東京)", GROUPED.format("'(中東', '東京)'", OR_JOINS)),
        ("-(停戦 OR 休戦)", GROUPED.format("'-(停戦', '休戦)'", f"{OR_JOINS} and {NOT_LEAVES}")),
        ("NOT (停戦 OR 休戦)", GROUPED.format("'(停戦', '休戦)'", f"{OR_JOINS} and {NOT_LEAVES}")),
        ("ロシア (停戦 OR 休戦) 中東)", GROUPED.format("'中東)'", OR_JOINS)),
        # A word left out inside: the parenthesis hid its minus, (-停戦 OR 休戦) found
        # what 停戦 OR 休戦 does, where -停戦 OR 休戦 is refused
        ("(-停戦 OR 休戦)", GROUPED.format("'(-停戦', '休戦)'", OR_JOINS)),
        ("（−停戦 OR 休戦）", GROUPED.format("'（−停戦', '休戦）'", OR_JOINS)),
        # A parenthesis makes a filter a word: (after:2025 OR 休戦) found what 休戦 does
        ("(after:2025 OR 休戦)", GROUPED.format("'(after:2025', '休戦)'", OR_JOINS)),
    ],
)
def test_parentheses_that_would_group_words_are_refused(
    searcher: Any, query: str, message: str, live: bool
) -> None:
    """The language has no grouping: where it would change what is found, the query is
    refused with why, not searched as if the parentheses were not there."""
    with pytest.raises(QueryError) as raised:
        search(searcher, query, live=live)
    assert str(raised.value) == message


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    "query",
    [
        "停戦（ていせん）",
        "停戦（ていせん） OR 休戦",
        "ロシア -停戦（ていせん）",
        "停戦 (笑)",
        # a list's number, a parenthesis quoted: no group to part them from
        "1)停戦 OR 休戦",
        '"休戦)x" OR 停戦',
    ],
)
def test_parentheses_within_a_word_are_no_grouping(searcher: Any, query: str, live: bool) -> None:
    """Pasted text holds them (iPhone（アイフォーン）, 東京（とうきょう）): searched as before."""
    search(searcher, query, live=live)


@pytest.mark.parametrize(
    ("query", "without"),
    [
        ("(停戦 交渉) -ロシア", "停戦 交渉 -ロシア"),  # an AND whatever the grouping
        ("ロシア -(停戦)", "ロシア -停戦"),
        ("（停戦 交渉）", "停戦 交渉"),
    ],
)
def test_parentheses_that_group_nothing_are_read_as_before(
    searcher: Any, query: str, without: str
) -> None:
    assert ids(searcher, query) == ids(searcher, without)


@pytest.mark.parametrize(
    ("typed", "left_out"),
    [
        ("title:-交渉", "-title:交渉"),
        ("title:ー交渉", "-title:交渉"),  # an IME's minus, as before a word
        ("ｔｉｔｌｅ：－交渉", "-title:交渉"),
        ('title:-"交渉"', "-title:交渉"),
        ("after:-2025-03-01", "-after:2025-03-01"),
        ("site:-www.nikkei.com", "-site:www.nikkei.com"),
    ],
)
def test_a_minus_before_a_filters_value_leaves_the_filter_out(
    searcher: Any, typed: str, left_out: str
) -> None:
    """`title:-東京` found what `title:東京` does (93 articles of ldcc), its - dropped, and
    `映画 title:-東京` 27 where `映画 -title:東京` leaves 1,265: it is `-title:東京`."""
    found = ids(searcher, f"ロシア {typed}")
    assert found == ids(searcher, f"ロシア {left_out}") != ids(searcher, f"ロシア {left_out[1:]}")
    assert [f.negated for f in filters(f"ロシア {typed}")] == [True]


def test_a_minus_before_a_filters_value_as_typed(searcher: Any) -> None:
    """As `ロシア -` and `ロシア -交` do: the rest is counted until the word is typed."""
    rest = ids(searcher, "ロシア", live=True)
    with pytest.raises(QueryIncomplete, match="title:-: type the word to leave out"):
        search(searcher, "title:-", live=True)
    for typed in ("ロシア title:-", "ロシア title:ー", "ロシア title:-交", "ロシア title:-交渉"):
        assert ids(searcher, typed, live=True) == rest, typed
    assert ids(searcher, "ロシア title:-交渉 ", live=True) == ids(searcher, "ロシア -title:交渉")


def test_a_filter_left_out_twice_is_refused(searcher: Any) -> None:
    with pytest.raises(QueryError) as raised:
        search(searcher, "ロシア -title:-交渉")
    assert str(raised.value) == (
        "a filter is left out once, by a - before it or before its value, not both ('-title:-交渉')"
    )
    assert ids(searcher, 'ロシア -outlet:"-x"') == ids(searcher, "ロシア")  # quoted: a value


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    ("query", "without", "found"),
    [
        # OR joins the words beside it before space does: these parentheses group what
        # it groups (d7ddb60 refused them; `東京 (映画 OR 大阪)` had 319 hits of ldcc)
        ("(停戦 OR 休戦)", "停戦 OR 休戦", {"ceasefire", "truce"}),
        ("ロシア (停戦 OR 休戦)", "ロシア 停戦 OR 休戦", {"ceasefire"}),
        ("(停戦 OR 休戦) 中東", "停戦 OR 休戦 中東", {"truce"}),
        ("ロシア （停戦 OR 休戦）", "ロシア 停戦 OR 休戦", {"ceasefire"}),
        ("(停戦 OR 休戦 OR 経済)", "停戦 OR 休戦 OR 経済", {"ceasefire", "truce", "russia"}),
        ("((停戦 OR 休戦) OR 経済)", "停戦 OR 休戦 OR 経済", {"ceasefire", "truce", "russia"}),
        ("(停戦 OR 休戦) (中東 OR 東京)", "停戦 OR 休戦 中東 OR 東京", {"truce"}),
        ("(ロシア) OR 中東", "ロシア OR 中東", {"ceasefire", "truce", "russia"}),
        ("ロシア ( 停戦 OR 休戦 )", "ロシア 停戦 OR 休戦", {"ceasefire"}),
        ("(停戦 OR after:2025 OR 休戦)", "停戦 OR after:2025 OR 休戦", {a.id for a in ARTICLES}),
    ],
)
def test_parentheses_around_what_or_joins_are_its_grouping(
    searcher: Any, query: str, without: str, found: set[str], live: bool
) -> None:
    assert ids(searcher, query, live=live) == ids(searcher, without, live=live) == found


@pytest.mark.parametrize(
    "query",
    ["ロシア (停戦 OR 休戦)", "ロシア （停戦 OR 休戦 OR 中東）", "(停戦 OR 休戦) (中東 OR 東京)"],
)
def test_parentheses_around_what_or_joins_are_no_error_as_typed(searcher: Any, query: str) -> None:
    """As typed, `ロシア (停戦 OR 休` is no query error: it will be one OR joins, and the
    list showed "parentheses do not group words" key after key until the ) was typed."""
    for end in range(1, len(query) + 1):
        with contextlib.suppress(QueryIncomplete):  # `ロシア (`: the list says to type on
            search(searcher, query[:end], live=True)


def test_parentheses_that_will_group_words_are_refused_as_typed(searcher: Any) -> None:
    """Once what is typed can no longer be what OR joins, it is said as typed."""
    for typed in ["(停戦 交渉) OR", "ロシア (停戦 OR 休戦 中", "(停戦 交渉 OR 休"]:
        with pytest.raises(QueryError, match="parentheses do not group words"):
            search(searcher, typed, live=True)
    with pytest.raises(QueryError, match=r"a parenthesis is not closed \('\(停戦'\)"):
        search(searcher, "ロシア (停戦 OR 休戦")  # at Enter, not closed: no grouping


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    "query",
    [
        "( 停戦 OR 休戦 )",
        "（ 停戦 OR 休戦 ）",
        "ロシア ( 停戦 OR 休戦 )",
        "(( 停戦 OR 休戦 ))",
        # a side of an OR: `(` was a word with nothing to search ("nothing to search for
        # in '(': OR needs a word on each side")
        "経済 OR ( 停戦 OR 休戦 )",
        "( 停戦 OR 休戦 ) OR 経済",
    ],
)
def test_parentheses_standing_alone_around_what_or_joins_are_not_ignored(
    searcher: Any, query: str, live: bool
) -> None:
    """They are the grouping, searched: the search said "ignored (, ): particles and
    symbols are not searched" of `( 映画 OR 大阪 )`."""
    parsed = parse(query, live=live)
    assert parsed.ignored == ()
    without = query.translate(str.maketrans("", "", "()（）"))
    assert ids(searcher, query, live=live) == ids(searcher, without, live=live) != set()


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    ("query", "message"),
    [
        # (停戦 OR 休戦)x searched 停戦 OR 休戦x as typed, and at Enter was refused for
        # '(停戦', "OR joins the one word on each side of it"
        (
            "(停戦 OR 休戦)x",
            "a word is joined to a parenthesis of a group ('休戦)x'): a space between them "
            "searches it beside the group, '(停戦 OR 休戦) x'",
        ),
        (
            "（停戦 OR 休戦）中東",
            "a word is joined to a parenthesis of a group ('休戦）中東'): a space between them "
            "searches it beside the group, '（停戦 OR 休戦） 中東'",
        ),
        (
            "x(停戦 OR 休戦)",
            "a word is joined to a parenthesis of a group ('x(停戦'): a space between them "
            "searches it beside the group, 'x (停戦 OR 休戦)'",
        ),
        # searched 停戦 OR 休戦中東 OR 東京, without a word
        (
            "(停戦 OR 休戦)(中東 OR 東京)",
            "a word is joined to a parenthesis of a group ('休戦)(中東'): a space between "
            "them searches it beside the group, '(停戦 OR 休戦) (中東 OR 東京)'",
        ),
        (
            "ロシア 停戦 OR 休戦)",
            "a parenthesis is closed that was not opened ('休戦)'): open it before what OR "
            "joins, 'ロシア (停戦 OR 休戦)', or write the query without it",
        ),
        (
            "(停戦 OR 休戦))",
            "a parenthesis is closed that was not opened ('休戦))'): open it before what OR "
            "joins, '((停戦 OR 休戦))', or write the query without it",
        ),
    ],
)
def test_a_parenthesis_of_a_group_misplaced_is_said_with_the_query_mended(
    searcher: Any, query: str, message: str, live: bool
) -> None:
    """One message, as typed and at Enter, that says what is wrong and what to write."""
    with pytest.raises(QueryError) as raised:
        search(searcher, query, live=live)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("query", "closed"),
    [("(停戦 OR 休戦", "(停戦 OR 休戦)"), ("((停戦 OR 休戦)", "((停戦 OR 休戦))")],
)
def test_a_group_not_closed_is_said_so_at_enter(searcher: Any, query: str, closed: str) -> None:
    """As typed it is searched as the group it is becoming; at Enter it said "parentheses
    do not group words: OR joins the one word on each side of it", of what OR joins."""
    assert ids(searcher, query, live=True) == ids(searcher, closed, live=True) != set()
    with pytest.raises(QueryError) as raised:
        search(searcher, query)
    shown = query.split()[0]
    assert str(raised.value) == (
        f"a parenthesis is not closed ({shown!r}): close it after what OR joins, "
        f"{closed!r}, or write the query without it"
    )


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize("query", ["()", "（）", "( )"])
def test_parentheses_holding_nothing_are_nothing_to_search_for(
    searcher: Any, query: str, live: bool
) -> None:
    with pytest.raises(QueryError) as raised:
        search(searcher, query, live=live)
    assert str(raised.value) == f"nothing to search for in {query!r}"


PUNCTUATED = [
    article("steak", "ステーキの店", "厚切りのステーキを焼いた。"),
    article("phones", "スマホとパソコン", "スマホもパソコンも安くなった。"),
    article("phone", "スマホの話", "新しいスマホが出た。"),
    article("city", "東京の話", "東京で練習をする。映画を見て話をした。"),
]
"""A reading's words in katakana, and articles of common words (為る, 来る) besides."""


@pytest.mark.parametrize("live", [False, True])
@pytest.mark.parametrize(
    ("query", "as_if"),
    [
        ("すてーき！", "すてーき"),
        ("すてーき。", "すてーき"),
        ("すてーき、", "すてーき"),
        ("「すてーき！」", "すてーき"),
        ('"すてーき！"', "すてーき"),
        ("！すてーき", "すてーき"),
        ("すまほ？", "すまほ"),
        ("すまほ、ぱそこん", "すまほ ぱそこん"),
        ("すまほ。ぱそこん！", "すまほ ぱそこん"),
        ("すまほ、から、ぱそこん", "すまほ から ぱそこん"),
        # a word of kanji or katakana among readings is one too (すまほ、パソコン: 0)
        ("すまほ、パソコン", "すまほ パソコン"),
        ("パソコン！すまほ", "パソコン すまほ"),
    ],
)
def test_a_reading_with_punctuation_finds_what_it_does_without(
    tmp_path: Path, query: str, as_if: str, live: bool
) -> None:
    """From review: すてーき！ found 7,346 articles of ldcc (every one: す|てー|き|!, 為る),
    where すてーき finds 9; すまほ？ 0 for 685, すまほ、ぱそこん 0 for すまほ ぱそこん's 95.
    The punctuation is left out, as after a word in kanji (香川真司。 finds 40, as 香川真司);
    between readings it parts them, as a space does."""
    with searcher_of(tmp_path, PUNCTUATED) as opened:
        found = search(opened, query, live=live)
        as_spaced = search(opened, as_if, live=live)
        assert {hit.article.id for hit in found.hits} == {hit.article.id for hit in as_spaced.hits}
        assert found.hits and "city" not in {hit.article.id for hit in found.hits}
        assert found.ignored == as_spaced.ignored  # ("ignored から", as typed apart)


def test_words_of_kanji_or_katakana_parted_by_punctuation_stay_a_phrase(tmp_path: Path) -> None:
    """Without a reading among them, words a 、 parts are the phrase written so, as
    pasted (スマホ、パソコン: 4 of ldcc, as written); nor is a number or a Latin word
    parted at its point (すまほ、1.5)."""
    apart = article("apart", "買い物", "スマホを買った。翌日はパソコンも買った。")
    with searcher_of(tmp_path, [*PUNCTUATED, apart]) as opened:
        assert {hit.article.id for hit in search(opened, "スマホ、パソコン").hits} == {"phones"}
        assert {hit.article.id for hit in search(opened, "スマホ パソコン").hits} == {
            "phones",
            "apart",
        }
        assert search(opened, "すまほ、1.5").total == 0


@pytest.mark.parametrize(
    ("query", "left_out"),
    [("東京のか", "か"), ('"東京のか"', "か"), ("東京のも", "も"), ("「映画のよ」", "よ")],
)
def test_kana_after_a_word_and_its_particle_that_are_not_searched_are_named(
    tmp_path: Path, query: str, left_out: str
) -> None:
    """From review: `"東京のか"` found every 東京 (1,111 of ldcc) and said nothing, where
    `東京 か` says "ignored か": the index holds no particle, so the か is not searched."""
    with searcher_of(tmp_path, PUNCTUATED) as opened:
        found = search(opened, query)
        assert found.ignored == (left_out,)
        assert search(opened, query.replace(left_out, "")).ignored == ()


def test_a_reading_no_word_is_read_so_is_refused_saying_what_it_read(tmp_path: Path) -> None:
    """From review: なとー said "particles are not indexed", as if it were particles alone:
    MeCab reads な|と|ー, a particle, a particle and a symbol, and no word is read なとー."""
    with searcher_of(tmp_path, PUNCTUATED) as opened, pytest.raises(QueryError) as raised:
        search(opened, "なとー")
    assert str(raised.value) == (
        "nothing to search for in 'なとー': no word is read so, and particles and symbols "
        "are not indexed, too common to tell articles apart"
    )
