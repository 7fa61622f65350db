"""Aozora Bunko texts (青空文庫): read as an Aozora viewer shows them, found by their
words, and a text with a `《》` of its own read as before."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.library import Library
from index.locations import locations
from index.model import ArticleFormat
from index.parser import parse_bytes, parse_file, parse_text
from tests.lossless import lost_lines
from tui.cli import main

AOZORA = """吾輩は猫である
夏目漱石

-------------------------------------------------------
【テキスト中に現れる記号について】

《》：ルビ
（例）吾輩《わがはい》

｜：ルビの付く文字列の始まりを特定する記号
（例）一番｜獰悪《どうあく》

［＃］：入力者注　主に外字の説明や、傍点の位置の指定
-------------------------------------------------------

［＃８字下げ］一［＃「一」は中見出し］

　吾輩《わがはい》は猫である。名前はまだ無い。
　どこで生れたかとんと見当《けんとう》がつかぬ。何でも薄暗いじめじめした所でニャーニャー泣いていた事だけは記憶している。吾輩はここで始めて人間というものを見た。しかもあとで聞くとそれは書生という人間中で一番｜獰悪《どうあく》な種族であったそうだ。
「ニャー」と鳴いてみた。
　この書生の掌《てのひら》の裏でしばらくはよい心持に坐っておったが、しばらくすると非常な速力で運転し始めた。［＃「運転し始めた」に傍点］
　顔の真中が※［＃「てへん＋劣」、第3水準1-84-77］れたように突起している。時々ぷうぷうと煙を吹く。

［＃８字下げ］二［＃「二」は中見出し］

　吾輩はこの家の主人と顔を合わせた。

［＃改ページ］


底本：「夏目漱石全集1」ちくま文庫、筑摩書房
　　　1987（昭和62）年9月29日第1刷発行
入力：柴田卓治
校正：渡部峰子
"""
"""The opening of 吾輩は猫である as Aozora Bunko writes it (its 外字 note made up)."""

NOTATION = ("《", "》", "｜", "［＃", "］", "テキスト中に現れる記号", "（例）", "-----")


def test_an_aozora_text_reads_without_its_notation() -> None:
    article = parse_text(AOZORA, path="/books/neko.txt")
    text = article.document().text
    assert article.format is ArticleFormat.TEXT
    assert article.title == "吾輩は猫である"
    assert article.intro == ["夏目漱石"]
    assert [section.heading for section in article.sections] == ["一", "二"]
    first = article.sections[0].paragraphs
    assert first[0] == "吾輩は猫である。名前はまだ無い。"
    assert "とんと見当がつかぬ。" in first[1] and "一番獰悪な種族" in first[1]
    assert first[2] == "「ニャー」と鳴いてみた。"
    assert first[3].startswith("この書生の掌の裏で") and first[3].endswith("運転し始めた。")
    assert first[4].startswith("顔の真中が挘れたように")  # the character the note names
    assert [notation for notation in NOTATION if notation in text] == []
    # The rubies: the words they read, for the reader to show them over.
    read = [
        (block.text[start:end], reading)
        for block in article.document().blocks
        for start, end, reading in block.rubies
    ]
    assert read == [
        ("吾輩", "わがはい"),
        ("見当", "けんとう"),
        ("獰悪", "どうあく"),
        ("掌", "てのひら"),
    ]
    # The colophon stays at the end, a paragraph of its lines.
    assert article.sections[1].paragraphs[-1].startswith("底本：「夏目漱石全集1」")
    assert article.sections[1].paragraphs[-1].endswith("第1刷発行\n入力：柴田卓治\n校正：渡部峰子")


def test_a_shift_jis_aozora_file_with_crlf_reads_as_the_utf8_one(tmp_path: Path) -> None:
    """Aozora Bunko's files are Shift_JIS, lines ended by CRLF."""
    path = tmp_path / "neko.txt"
    path.write_bytes(AOZORA.replace("\n", "\r\n").encode("cp932"))
    article = parse_file(path)
    utf8 = parse_bytes(AOZORA.encode("utf-8"), str(path))
    assert article.encoding == "cp932"
    assert article.to_json_dict() == {**utf8.to_json_dict(), "encoding": "cp932"}
    assert "\r" not in article.document().text


def test_rubies_stay_on_their_words_in_a_paragraph_cut_in_pieces() -> None:
    text = "題\n\n　" + "吾輩《わがはい》は猫である。" * 300 + "\n　見当《けんとう》がつかぬ。\n"
    article = parse_text(text, path="/books/long.txt")
    assert len(article.intro) > 2  # (over PARAGRAPH_MAX: cut)
    read = [
        (block.text[start:end], reading)
        for block in article.document().blocks
        for start, end, reading in block.rubies
    ]
    assert read == [("吾輩", "わがはい")] * 300 + [("見当", "けんとう")]


def test_rubies_read_the_run_of_one_kind_before_them() -> None:
    article = parse_text(
        "題\n\n　ひらがな《かな》とカタカナ《かたかな》とＡＢＣ《えーびーしー》"
        "の東京駅《とうきょうえき》。｜一番獰悪《いちばんどうあく》／＼\n　吾輩《わがはい》\n",
        path="/books/kinds.txt",
    )
    assert article.intro[0] == "ひらがなとカタカナとＡＢＣの東京駅。一番獰悪〳〵"
    paragraph = article.intro[0]
    assert [(paragraph[a:b], reading) for a, b, reading in article.intro_rubies[0]] == [
        ("ひらがな", "かな"),
        ("カタカナ", "かたかな"),
        ("ＡＢＣ", "えーびーしー"),
        ("東京駅", "とうきょうえき"),
        ("一番獰悪", "いちばんどうあく"),
    ]


def test_a_note_naming_a_code_point_is_its_character() -> None:
    article = parse_text(
        "題\n\n　※［＃「土へん＋竒」、U+57FC、12-3］玉の※［＃「謎の字」］話。［＃改ページ］\n"
        "　吾輩《わがはい》と一番｜獰悪《どうあく》。\n",
        path="/books/t.txt",
    )
    assert article.intro == ["埼玉の※話。", "吾輩と一番獰悪。"]


@pytest.mark.parametrize(
    "text",
    [
        "記事\n\n記者《きしゃ》が伝えた。\n",  # one ruby-like pair: a text's own
        "記事\n\n《速報》東京《とうきょう》と大阪《おおさか》で。\n",  # two
        "記事\n\n｜東京《とうきょう》\n",  # one, with its bar
    ],
)
def test_a_text_with_a_few_double_angle_brackets_reads_as_written(text: str) -> None:
    article = parse_text(text, path="/articles/a.txt")
    assert article.intro == [text.split("\n")[2]]
    assert lost_lines(text, article) == []


def test_ldcc_articles_with_double_angle_brackets_read_as_written(ldcc_dir: Path) -> None:
    bracketed = [
        path
        for path in sorted(ldcc_dir.glob("*/*.txt"))
        if "《" in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert bracketed  # 22 of them
    for path in bracketed:
        article = parse_file(path)
        kept = article.document().text
        assert kept.count("《") == path.read_text(encoding="utf-8").count("《"), path


def test_a_phrase_across_a_ruby_is_found_and_marked_where_it_is(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`"見当がつかぬ"` found nothing in `見当《けんとう》がつかぬ`."""
    corpus = tmp_path / "books"
    corpus.mkdir()
    (corpus / "neko.txt").write_bytes(AOZORA.replace("\n", "\r\n").encode("cp932"))
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    assert main(["search", "--home", str(home), "--json", '"見当がつかぬ"']) == 0
    [hit] = json.loads(capsys.readouterr().out)["hits"]
    assert hit["title"] == "吾輩は猫である" and "見当がつかぬ" in hit["snippet"]
    with Library.open(locations(home)) as library:
        article = library.load("neko")
        text = article.document().text
        for query in ('"見当がつかぬ"', "けんとう", "獰悪"):
            found = library.search(query)
            assert [h.article.id for h in found.hits] == ["neko"], query
        # The marks stand on the words in the text shown, not where the rubies were.
        at = text.index("見当がつかぬ")
        marked = library.match_ranges('"見当がつかぬ"', article)
        assert [start for start, _ in marked] == [at]
        assert text[at : marked[0][1]] in ("見当がつか", "見当がつかぬ")
        assert [text[s:e] for s, e in library.match_ranges("けんとう", article)] == ["見当"]


@pytest.mark.parametrize("furigana", [False, True])
def test_the_files_ruby_is_the_furigana_over_its_word(furigana: bool) -> None:
    """The file's reading, not MeCab's (今日 is きょう to MeCab), furigana on or off; on,
    MeCab's over the words it gives none."""
    from rich.text import Text

    from index.typeset import TypesetText, Typesetting

    text = Text("今日は晴天なり")
    shown = TypesetText(text, Typesetting(furigana=furigana), rubies=((0, 2, "こんにち"),))
    expected = "今日(こんにち)は晴天(せいてん)なり" if furigana else "今日(こんにち)は晴天なり"
    assert shown.display.plain == expected
