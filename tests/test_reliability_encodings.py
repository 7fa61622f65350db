"""The same articles in five encodings read, index and search the same (issue 6).

tests/test_decoding.py checks decoded text sentence by sentence and
tests/test_parser.py a seed's structure per codec; this test takes whole articles
(curation and news layouts) holding 髙, ①, ㈱ and ～ in every field through
`parse_file` and `yomite index`, and checks that files nothing can decode are
reported, never dropped or indexed in silence.

What each encoding can hold (asserted below, not assumed): 髙 only exists in CP932
(an IBM extension; Python's JIS X 0213 codecs do not map it), so the EUC-JP and
ISO-2022-JP copies write 高 there; ① and ㈱ need JIS X 0213 (euc_jis_2004,
iso2022_jp_2004); ～ is written as 〜 by the JIS-based codecs, which the decoder maps
back to ～ as browsers do.
"""

from __future__ import annotations

import codecs
import gzip
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from index.library import Library
from index.locations import locations
from index.parser import ParseError, parse_file
from tui.cli import main as yomite_main

CURATION = "\n".join(
    [
        "髙橋社長の①号案、㈱日本ニュースが発表～停戦交渉の行方",
        "リード文：髙橋氏は①の案を㈱日本ニュースで語った～今後に注目。",
        "それでは詳しく見ていきましょう。",
        "髙橋案の中身",
        "①号案は何を変えるのか？",
        "㈱日本ニュースの狙い～その背景",
        "髙橋社長は①号案について、停戦の条件を整理した。",
        "さらに読む ⇒㈱日本ニュース出典/画像元: https://news.example.jp/a/1髙橋氏のコメント～です。",
        "二つ目の段落では①と㈱の話が続く。",
        "",
    ]
)
NEWS = "\n".join(
    [
        "http://news.example.jp/article/2",
        "2012-03-25T20:23:00+0900",
        "髙橋選手①位、㈱スポーツ～停戦後の大会",
        "髙橋選手が①位に入った。㈱スポーツの大会は停戦後に再開～。",
        "",
    ]
)
ARTICLES = {"curation": CURATION, "news": NEWS}

# codec: (what the file is written with, what the decoder should report)
CODECS = {
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "cp932": "cp932",
    "euc_jis_2004": "euc_jis_2004",
    "iso2022_jp_2004": "iso2022_jp_2004",
}
JIS_BASED = ("euc_jis_2004", "iso2022_jp_2004")
"""JIS X 0213 codecs: the base ones (euc_jp, iso2022_jp) cannot hold ① or ㈱, which
every article here holds; and no JIS codec holds IBM's 髙, which cp932 does (so a JIS
copy is written with 高: `content_as`)."""


def content_as(codec: str, text: str) -> str:
    """The text a file in `codec` can hold: 高 for 髙 where it does not exist."""
    return text.replace("髙", "高") if codec in JIS_BASED else text


def encode(codec: str, text: str) -> bytes:
    held = content_as(codec, text)
    if codec in JIS_BASED:
        held = held.replace("～", "〜")  # these codecs write the JIS wave dash
    return held.encode(codec)


def fields(path: Path) -> dict[str, Any]:
    data = parse_file(path).to_json_dict()
    for volatile in ("path", "id", "encoding"):
        del data[volatile]
    return data


@pytest.mark.parametrize("layout", ARTICLES)
@pytest.mark.parametrize("codec", CODECS)
def test_each_encoding_parses_to_the_same_fields(tmp_path: Path, codec: str, layout: str) -> None:
    text = ARTICLES[layout]
    reference = tmp_path / "reference.txt"
    reference.write_text(content_as(codec, text), "utf-8")
    copy = tmp_path / f"{codec}.txt"
    copy.write_bytes(encode(codec, text))

    article = parse_file(copy)

    assert article.encoding == CODECS[codec]
    assert article.decode_errors == 0
    assert fields(copy) == fields(reference)
    shown = article.document().text
    for char in ("①", "㈱", "～", "髙" if codec not in JIS_BASED else "高"):
        assert char in shown, f"{char} lost in {codec}"
    assert "〜" not in shown


INDENTED = "段落が字下げされた記事\n\u3000一つ目の段落。\n\u3000最初の一歩。\n"
"""More NUL bytes in its CJK characters (U+3000, 一 U+4E00, 最 U+6700) than in its line
breaks: the NULs' side alone would read it the wrong way round."""


@pytest.mark.parametrize("text", [CURATION, NEWS, INDENTED], ids=["curation", "news", "indented"])
@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_utf16_without_a_byte_order_mark_reads_as_utf16(
    tmp_path: Path, codec: str, text: str
) -> None:
    """It was refused, `binary file (contains NUL bytes)`: its line breaks and ASCII
    characters hold NULs, though the same text on one line without ASCII read right."""
    reference = tmp_path / "reference.txt"
    reference.write_text(text, "utf-8")
    copy = tmp_path / f"{codec}.txt"
    copy.write_bytes(text.encode(codec))
    assert b"\x00" in copy.read_bytes()

    article = parse_file(copy)

    assert (article.encoding, article.decode_errors) == (codec, 0)
    assert fields(copy) == fields(reference)


@pytest.mark.parametrize("codec", ["utf_16_le", "utf_16_be"])
def test_utf16_without_a_byte_order_mark_and_a_stray_last_byte_reads_with_a_warning(
    tmp_path: Path, codec: str
) -> None:
    """Refused, `binary file (contains NUL bytes)`, while the same bytes after a
    byte-order mark were read with the stray byte a U+FFFD."""
    copy = tmp_path / f"{codec}.txt"
    copy.write_bytes(NEWS.encode(codec) + b"\n")
    with_mark = tmp_path / "with-mark.txt"
    with_mark.write_bytes(NEWS.encode("utf-16") + b"\n")

    article = parse_file(copy)

    assert (article.encoding, article.decode_errors) == (codec, 1)
    assert article.document().text == parse_file(with_mark).document().text


UTF32: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "utf-32": ("utf-32", lambda text: text.encode("utf-32")),  # little-endian with a BOM
    "utf-32 big-endian": ("utf-32", lambda text: codecs.BOM_UTF32_BE + text.encode("utf_32_be")),
    "utf_32_le": ("utf_32_le", lambda text: text.encode("utf_32_le")),
    "utf_32_be": ("utf_32_be", lambda text: text.encode("utf_32_be")),
}


@pytest.mark.parametrize("layout", ARTICLES)
@pytest.mark.parametrize("written", UTF32)
def test_utf32_reads_as_utf32(tmp_path: Path, written: str, layout: str) -> None:
    """With a byte-order mark it read as UTF-16, whose little-endian mark begins UTF-32's
    (FF FE 00 00), with no warning: a NUL after each character (title ␀東␀京…)."""
    reported, encode_as = UTF32[written]
    reference = tmp_path / "reference.txt"
    reference.write_text(ARTICLES[layout], "utf-8")
    copy = tmp_path / "utf32.txt"
    copy.write_bytes(encode_as(ARTICLES[layout]))

    article = parse_file(copy)

    assert (article.encoding, article.decode_errors) == (reported, 0)
    assert fields(copy) == fields(reference)


def test_a_file_in_several_encodings_reads_each_line_in_its_own(tmp_path: Path) -> None:
    """A UTF-8 line, a Shift_JIS one and an EUC-JP one read as CP932 with no warning:
    the title was mojibake (混在ファイル -> 豺ｷ蝨ｨ繝輔ぃ繧､繝ｫ), the EUC-JP line too."""
    path = tmp_path / "mixed.txt"
    path.write_bytes(
        "混在ファイル\n".encode()
        + "シフトJIS部分です。\n".encode("cp932")
        + "EUC部分です。\n".encode("euc_jp")
    )

    article = parse_file(path)

    assert (article.title, article.intro) == (
        "混在ファイル",
        ["シフトJIS部分です。\nEUC部分です。"],
    )
    assert (article.decode_errors, article.decode_guess) == (
        0,
        "lines in several encodings (utf-8, cp932, euc_jp)",
    )


def test_lines_of_utf8_among_shift_jis_ones_are_read_as_utf8(tmp_path: Path) -> None:
    # Half the lines pasted from a Shift_JIS file, one UTF-8 line cut mid-character.
    lines = [line for line in CURATION.splitlines() if line]
    path = tmp_path / "pasted.txt"
    path.write_bytes(
        b"".join(
            (line + "\n").encode("cp932" if number % 2 else "utf-8")
            for number, line in enumerate(lines)
        )
        + "東京".encode()
        + "都".encode()[:2]
        + b"\n"
    )

    article = parse_file(path)

    assert fields(path)["title"] == lines[0]
    shown = article.document().text
    assert shown.count("髙橋") == CURATION.count("髙橋")  # every line read right
    assert shown.endswith("東京\ufffd")  # the cut character flagged, not read as CP932
    assert article.decode_errors == 1


def test_latin1_text_with_no_japanese_in_it_is_not_read_as_kanji(tmp_path: Path) -> None:
    """Crème brûlée read as CP932 (Cr鑪e br璉馥), with no warning: no half-width
    katakana in that reading to tell it from Japanese, though no kana either."""
    path = tmp_path / "recette.txt"
    path.write_bytes("Crème brûlée\nRecette : œufs, sucre, crème.\n".encode("cp1252"))

    article = parse_file(path)

    assert (article.title, article.encoding) == ("Crème brûlée", "cp1252")
    assert article.intro == ["Recette : œufs, sucre, crème."]


def _binaries() -> dict[str, bytes]:
    noise = random.Random(62)

    def junk(size: int) -> bytes:
        return bytes(noise.randrange(256) for _ in range(size))

    return {
        "random": junk(4000) + b"\x00" + junk(95),
        "elf": b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x02\x00\x3e\x00" + junk(2000),
        "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + junk(2000),
        "gzip": gzip.compress((CURATION * 20).encode(), mtime=0),
        "python": Path(sys.executable).resolve().read_bytes()[:65536],
        "utf-8 then nul": CURATION.encode()[:200] + "\n".encode("utf_16_le") * 20,
    }


@pytest.mark.parametrize(("name", "data"), _binaries().items(), ids=_binaries())
def test_binary_files_are_still_refused(tmp_path: Path, name: str, data: bytes) -> None:
    assert b"\x00" in data
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)

    with pytest.raises(ParseError) as caught:
        parse_file(path)

    assert caught.value.reason == "binary file (contains NUL bytes), not an article"


def test_every_copy_is_indexed_and_found_by_the_same_queries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for codec in CODECS:
        for layout, text in ARTICLES.items():
            (corpus / f"{layout}-{codec}.txt").write_bytes(encode(codec, text))
    home = tmp_path / "home"

    assert yomite_main(["index", "--home", str(home), str(corpus)]) == 0
    assert "10 added" in capsys.readouterr().out

    with Library.open(locations(home)) as library:
        assert library.search("停戦").total == 10
        assert library.search("日本ニュース").total == 5  # one curation copy per codec
        assert library.search("㈱").total == 10  # found whichever encoding the file used
        # 髙 (IBM's) where the codec holds it, 高 where a JIS codec wrote that: one name,
        # found by either
        every = {f"{layout}-{codec}" for layout in ARTICLES for codec in CODECS}
        for name in ("髙橋", "高橋"):
            assert {Path(hit.article.path).stem for hit in library.search(name).hits} == every
        titles = {s.title for s in library.articles()}
        assert titles == {
            content_as(codec, text.splitlines()[2 if layout == "news" else 0])
            for codec in CODECS
            for layout, text in ARTICLES.items()
        }


def undecodable_corpus(directory: Path) -> dict[str, Path]:
    directory.mkdir()
    chance = random.Random(6)
    files = {
        "good": directory / "good.txt",
        "binary": directory / "binary.txt",
        "garbage": directory / "garbage.txt",
        "damaged": directory / "damaged.txt",
    }
    files["good"].write_text(CURATION, "utf-8")
    files["binary"].write_bytes(CURATION.encode("utf-8")[:200] + b"\x00\x01\x02" * 10)
    # High bytes with no encoding behind them: no NUL, but no text either (binary).
    files["garbage"].write_bytes(bytes(chance.randrange(0x80, 0x100) for _ in range(3000)))
    # An article with bytes no encoding reads here and there: text, damaged.
    lines = CURATION.encode("cp932").split(b"\n")
    files["damaged"].write_bytes(
        b"\n".join(line + b"\xfd\xfe" * (i % 3 == 1) for i, line in enumerate(lines))
    )
    return files


def test_a_binary_file_is_listed_as_failed_by_yomite_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = undecodable_corpus(tmp_path / "corpus")
    home = tmp_path / "home"

    # 2: files failed, the others indexed
    assert yomite_main(["index", "--home", str(home), str(tmp_path / "corpus")]) == 2
    captured = capsys.readouterr()

    assert f"{files['binary']}: binary file (contains NUL bytes)" in captured.err
    assert f"{files['garbage']}: binary file (" in captured.err  # not text in any encoding
    assert "2 added" in captured.out and "2 failed" in captured.out
    with Library.open(locations(home)) as library:
        report = library.verify()
        assert sorted(path for path, _ in report.failed) == [
            str(files["binary"]),
            str(files["garbage"]),
        ]
        assert library.search("停戦").total == 2  # the damaged article too


def test_undecodable_files_are_reported_by_yomite_parse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = undecodable_corpus(tmp_path / "corpus")

    status = yomite_main(["parse", *map(str, files.values())])
    err = capsys.readouterr().err

    assert status == 2  # a file failed
    assert f"{files['binary']}: binary file" in err
    assert f"{files['garbage']}: binary file" in err
    assert f"{files['damaged']}: warning:" in err
    assert "undecodable byte runs" in err
    assert str(files["good"]) not in err


def test_a_guessed_encoding_is_reported_by_yomite_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "koi8.txt").write_bytes("Привет мир\nНовости дня.\n".encode("koi8_r"))

    assert yomite_main(["index", "--home", str(tmp_path / "home"), str(corpus)]) == 0
    captured = capsys.readouterr()

    assert (
        f"{corpus / 'koi8.txt'}: indexed, but read as cp932, a guess: mostly half-width "
        "katakana or user-defined characters"
    ) in captured.err + captured.out


def test_a_short_euc_jp_file_valid_as_utf8_is_read_right_or_reported_as_a_guess(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Both files are valid UTF-8 (2012年 in EUC-JP is 2012ǯ, 福 is ʡ): they were indexed
    as such, with no warning."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "year.txt").write_bytes("2012年\n発表\n".encode("euc_jp"))
    (corpus / "kanji.txt").write_bytes("福\n".encode("euc_jp"))

    assert parse_file(corpus / "year.txt").title == "2012年"
    assert yomite_main(["index", "--home", str(tmp_path / "home"), str(corpus)]) == 0
    captured = capsys.readouterr()

    assert (
        f"{corpus / 'kanji.txt'}: indexed, but read as euc_jp, a guess: too short to tell "
        "euc_jp from utf-8"
    ) in captured.err + captured.out
    assert str(corpus / "year.txt") not in captured.err + captured.out


def test_undecodable_files_are_reported_by_yomite_index(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file with undecodable bytes in its text is indexed (nothing is lost), but the
    # user must hear about it, as `yomite parse` tells them.
    files = undecodable_corpus(tmp_path / "corpus")

    # 2 for the binary files beside it (test above); indexed with its damage, it is none
    assert yomite_main(["index", "--home", str(tmp_path / "home"), str(tmp_path / "corpus")]) == 2
    captured = capsys.readouterr()

    assert f"{files['damaged']}: indexed, but" in captured.err + captured.out
    assert "undecodable" in captured.err + captured.out
