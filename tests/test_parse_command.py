"""`yomite parse`, run in-process through the real entry point."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from index.sanitize import needs_escape
from tests.conftest import ROOT
from tui.cli import main

SEED_000 = "000_e0ff7e7c06765df1.txt"
SEED_002 = "002_973cc3a6e6c480a0.txt"

ARTICLE_FIELDS = {
    "id", "path", "format", "encoding", "title", "lead", "published", "url", "outlet",
    "key_points", "intro", "sections", "next_page",
}  # fmt: skip
SECTION_FIELDS = {"heading", "question", "teaser", "paragraphs", "cards"}
CARD_FIELDS = {"bullets", "url", "site", "outlet", "tagline", "comment", "published"}


def test_human_summary_of_the_seeds(seeds_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["parse", str(seeds_dir / SEED_000), str(seeds_dir / SEED_002)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""
    assert "トランプ氏の電撃和平交渉は?" in out
    assert "000_e0ff7e7c06765df1 · curation · utf-8 · 2 sections, 2 cards" in out
    assert "002_973cc3a6e6c480a0 · curation · utf-8 · 2025-02-19 · 2 sections, 2 cards" in out
    assert "1. 停戦に向けた駆け引きと条件提示  (8 paragraphs, 1 card)" in out
    assert "✅ 3 · 北海道新聞デジタル  https://www.hokkaido-np.co.jp/article/1085460/" in out
    assert "💡 欧州各国は交渉の行方を懸念し、アメリカと距離を置き始めている。" in out


def test_json_lines_have_exactly_the_model_fields(
    seeds_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["parse", "--json", str(seeds_dir / SEED_000), str(seeds_dir / SEED_002)])
    out, _ = capsys.readouterr()
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert "ウクライナ" in lines[0]  # ensure_ascii=False: readable Japanese
    for article in (first, second):
        assert set(article) == ARTICLE_FIELDS
        for section in article["sections"]:
            assert set(section) == SECTION_FIELDS
            for card in section["cards"]:
                assert set(card) == CARD_FIELDS
    assert first["published"] is None
    assert second["published"] == "2025-02-19"
    # The outlet's name, its tagline apart (as the card wrote them, together)
    card = second["sections"][0]["cards"][0]
    assert (card["outlet"], card["tagline"]) == ("朝日新聞+", ":世界のいまを伝えるウェブメディア")
    # The 公開日 line before the first card dates it; nothing stands before the second.
    assert [card["published"] for s in second["sections"] for card in s["cards"]] == [
        "2025-02-19",
        None,
    ]


def test_a_bad_file_is_reported_and_the_others_still_parsed(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    missing = tmp_path / "missing.txt"
    argv = ["parse", "--json", str(seeds_dir / SEED_000), str(binary), str(missing)]
    code = main([*argv, str(seeds_dir / SEED_002)])
    out, err = capsys.readouterr()
    assert code == 2
    assert [json.loads(line)["id"] for line in out.splitlines()] == [
        "000_e0ff7e7c06765df1",
        "002_973cc3a6e6c480a0",
    ]
    assert err.splitlines() == [
        f"yomite: {binary}: binary file (contains NUL bytes), not an article",
        f"yomite: {missing}: no such file",
    ]


def test_damaged_file_parses_with_a_warning_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "damaged.txt"
    path.write_bytes("見出しのない記事です。\n本文の段落です。".encode() + b"\xff\xfe")
    code = main(["parse", str(path)])
    out, err = capsys.readouterr()
    assert code == 0
    assert "見出しのない記事です。" in out
    assert err == (f"yomite: {path}: warning: 1 undecodable byte run read as utf-8 became U+FFFD\n")


def test_a_guessed_encoding_is_a_warning_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Chinese in GB18030 reads as EUC-JP kanji (北京的新闻 -> 臼奨議仟療): no kana in it.
    path = tmp_path / "chinese.txt"
    path.write_bytes("北京市政府今天发布了新的交通管理规定\n".encode("gb18030"))
    assert main(["parse", str(path)]) == 0
    assert capsys.readouterr().err == (
        f"yomite: {path}: warning: read as euc_jp, a guess: no kana in it (Chinese or Korean?)\n"
    )


def test_hostile_text_reaches_the_terminal_without_escapes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(
        "題名\x1b]52;c;ZXZpbA==\x07[bold]markup[/bold]\n\u202eリード。\x1b[2J", encoding="utf-8"
    )
    for argv in (["parse", str(path)], ["parse", "--json", str(path)]):
        assert main(argv) == 0
        out, _ = capsys.readouterr()
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "[bold]markup[/bold]" in out  # shown as text, not interpreted


def test_a_dated_text_with_a_question_and_answer_parses_as_a_dated_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From a user review: `"format": "curation", "lead": "2024-03-01", "published":
    null`, the question and answer a section."""
    path = tmp_path / "qa.txt"
    path.write_text(
        "インタビュー記事\n2024-03-01\n本文の一段落目です。\n"
        "好きな食べ物\n何が好きですか？\nラーメンです。\n",
        encoding="utf-8",
    )
    assert main(["parse", "--json", str(path)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert (article["format"], article["lead"], article["published"]) == (
        "text",
        None,
        "2024-03-01",
    )
    assert article["intro"] == [
        "本文の一段落目です。\n好きな食べ物\n何が好きですか？\nラーメンです。",
    ]  # fmt: skip
    assert article["sections"] == []
    assert main(["parse", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "  qa · text · utf-8 · 2024-03-01"


def test_news_summary_shows_url_date_and_body(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "news-1.txt"
    path.write_text(
        "http://news.livedoor.com/article/detail/1/\n2012-03-25T20:23:00+0900\n見出し\n本文。\n",
        encoding="utf-8",
    )
    assert main(["parse", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == [
        "見出し",
        "  news-1 · news · utf-8 · 2012-03-25T20:23:00+09:00",
        "  http://news.livedoor.com/article/detail/1/",
        "  body: 1 paragraph",
    ]


SECOND_CARD = "✅ トランプ前米大統領が大統領選で勝利"


def test_a_cards_date_is_printed_with_the_card_not_as_a_paragraph(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A second 公開日 line (before the second card) was a paragraph of section 2."""
    text = (seeds_dir / SEED_002).read_text(encoding="utf-8")
    path = tmp_path / "dated.txt"
    path.write_text(text.replace(SECOND_CARD, "公開日:2024/11/07\n" + SECOND_CARD), "utf-8")
    assert main(["parse", "--json", str(path)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["published"] == "2025-02-19"
    first, second = article["sections"]
    assert [card["published"] for card in (*first["cards"], *second["cards"])] == [
        "2025-02-19",
        "2024-11-07",
    ]
    assert "公開日:2024/11/07" not in second["paragraphs"]
    assert len(second["paragraphs"]) == 10

    assert main(["parse", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == "  dated · curation · utf-8 · 2025-02-19 · 2 sections, 2 cards"
    assert [line for line in lines if "✅" in line] == [
        "     ✅ 3 · 2025-02-19 · 朝日新聞+:世界のいまを伝えるウェブメディア"
        "  https://globe.asahi.com/article/15630313",
        "     ✅ 3 · 2024-11-07 · 北海道新聞デジタル  https://www.hokkaido-np.co.jp/article/1085460/",
    ]
    assert "  2. 米国の立場とウクライナへの影響  (10 paragraphs, 1 card)" in lines


def test_a_file_name_is_printed_escaped_not_as_a_control_or_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name's byte that is no UTF-8 (0x9B, an 8-bit CSI) went out raw, and a newline in
    a name forged a line of output: the id, the warning and the error name the file as
    the other commands do (`printable`)."""
    csi = tmp_path / os.fsdecode(b"raw\x9b31m.txt")
    csi.write_bytes(b"x\n")
    forged = tmp_path / "y\nfake.txt"
    forged.write_bytes(b"x\n")
    damaged = tmp_path / os.fsdecode(b"bad\x9b.txt")
    damaged.write_bytes("見出し\n本文です。".encode() + b"\xff")
    binary = tmp_path / os.fsdecode(b"bin\x9b.txt")
    binary.write_bytes(b"a\x00b")
    code = main(["parse", str(csi), str(forged), str(damaged), str(binary)])
    out, err = capsys.readouterr()
    assert code == 2
    assert [line for line in out.splitlines() if " · " in line] == [
        "  raw\\x9b31m · text · utf-8",
        "  y\\x0afake · text · utf-8",
        "  bad\\x9b · text · utf-8 · 1 undecodable byte run",
    ]
    assert err.splitlines() == [
        f"yomite: {tmp_path}/bad\\x9b.txt: warning: 1 undecodable byte run read as utf-8 "
        "became U+FFFD",
        f"yomite: {tmp_path}/bin\\x9b.txt: binary file (contains NUL bytes), not an article",
    ]
    assert not any(needs_escape(char) for char in out.replace("\n", "") + err.replace("\n", ""))


LONG_SENTENCES = "これは長い段落の文です。" * 420  # 5,040 characters: cut after a sentence
LONG_ENGLISH = "This is a sentence. " * 150 + "The end."  # cut at the space after one
LONG_CODE = "\n".join(f"    value_{n:03} = compute({n})  # 行{n:03}" for n in range(200))


def test_a_long_paragraph_is_printed_as_one_paragraph_not_its_pieces(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A paragraph over 2,000 characters is cut into pieces for the reader's layout; `parse`
    printed each piece as a paragraph: "body: 4 paragraphs" for a file of two, and the
    JSON a list of four strings, one paragraph of 5,040 characters as three."""
    text = tmp_path / "long.txt"
    text.write_text(f"長い段落の記事\n\n{LONG_SENTENCES}\n\n短い段落。\n", encoding="utf-8")
    assert main(["parse", "--json", str(text)]) == 0
    assert json.loads(capsys.readouterr().out)["intro"] == [LONG_SENTENCES, "短い段落。"]
    assert main(["parse", str(text)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "  body: 2 paragraphs"

    # Whatever the cut dropped (a line end, a space) is put back: the paragraph as read.
    notes = tmp_path / "notes.md"
    notes.write_text(
        f"# 題\n\n{LONG_ENGLISH}\n\n```\n{LONG_CODE}\n```\n\n## 節\n\n{LONG_SENTENCES}\n\n後。\n",
        encoding="utf-8",
    )
    assert main(["parse", "--json", str(notes)]) == 0
    article = json.loads(capsys.readouterr().out)
    assert article["intro"] == [LONG_ENGLISH, LONG_CODE]
    assert article["sections"][0]["paragraphs"] == [LONG_SENTENCES, "後。"]
    assert main(["parse", str(notes)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2:] == ["  body: 2 paragraphs", "  1. 節  (2 paragraphs, 0 cards)"]

    # A list holding a code block is in pieces too (the block set as written): one list.
    listed = tmp_path / "list.md"
    code = "  ```\n  def 挨拶(名前):\n      return 名前\n  ```\n"
    listed.write_text(f"# 題\n\n- 一つ目\n\n{code}\n- 二つ目\n\n後。\n", encoding="utf-8")
    assert main(["parse", "--json", str(listed)]) == 0
    assert json.loads(capsys.readouterr().out)["intro"] == [
        "・一つ目\n\u3000def 挨拶(名前):\n\u3000    return 名前\n・二つ目",
        "後。",
    ]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input holding `data`, as a pipe gives it (no size to stat)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_a_dash_reads_standard_input_as_a_file_named_stdin(
    seeds_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """From review: `yomite parse -` said "yomite: /work/main/-: no such file"; cat and
    most Unix tools read standard input for `-`. It is parsed as the file's bytes are,
    its encoding found so (a Shift_JIS text piped in is read as one)."""
    assert main(["parse", "--json", str(seeds_dir / SEED_002)]) == 0
    from_file = json.loads(capsys.readouterr().out)
    _stdin(monkeypatch, (seeds_dir / SEED_002).read_bytes())
    assert main(["parse", "--json", "-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    [from_stdin] = [json.loads(line) for line in out.splitlines()]
    assert (from_stdin["id"], from_stdin["path"]) == ("<stdin>", "<stdin>")
    del from_file["id"], from_file["path"], from_stdin["id"], from_stdin["path"]
    assert from_stdin == from_file
    data = "東京都知事が会見\n都内の交通について話した。\n".encode("shift_jis")
    (tmp_path / "sjis.txt").write_bytes(data)
    assert main(["parse", str(tmp_path / "sjis.txt")]) == 0
    from_file_text = capsys.readouterr().out
    assert "sjis · text · cp932" in from_file_text
    _stdin(monkeypatch, data)
    assert main(["parse", "-"]) == 0
    out, err = capsys.readouterr()
    assert out == from_file_text.replace("sjis ·", "<stdin> ·")
    assert err == ""


def test_standard_input_is_given_once(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`yomite parse - -` read standard input twice, the second time empty: "empty
    file". It is refused before anything is read, saying why (review)."""
    _stdin(monkeypatch, (seeds_dir / SEED_002).read_bytes())
    assert main(["parse", "-", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "yomite parse: - (standard input) is given 2 times: it can be read once\n"


def test_standard_input_not_an_article_is_refused_as_a_file_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Binary or too large, standard input is refused with a file's reasons, under the
    name <stdin>, and the other files are still parsed (exit 2)."""
    import index.parser

    monkeypatch.setattr(index.parser, "MAX_ARTICLE_BYTES", 1024)
    article = tmp_path / "article.txt"
    article.write_text("見出し\n本文です。\n", encoding="utf-8")
    for data, reason in [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "binary file (contains NUL bytes), not an article"),
        (b"", "empty file (no text), not an article"),
        ("長い本文。".encode() * 100, "file too large (more than 1,024 bytes; the limit is 0 MiB)"),
    ]:
        _stdin(monkeypatch, data)
        assert main(["parse", "--json", "-", str(article)]) == 2
        out, err = capsys.readouterr()
        assert [json.loads(line)["id"] for line in out.splitlines()] == ["article"]
        assert err.startswith(f"yomite: <stdin>: {reason}"), err
        assert err.count("\n") == 1
        (tmp_path / "same.txt").write_bytes(data)  # as a file, the same reason
        main(["parse", str(tmp_path / "same.txt")])
        said = capsys.readouterr().err
        assert said.split(": ", 2)[2].split(" (")[0] == reason.split(" (")[0], said


def test_standard_input_piped_in_is_read(seeds_dir: Path) -> None:
    """Through a real pipe, as `cat FILE | yomite parse -` gives it."""
    data = (seeds_dir / SEED_002).read_bytes()
    ran = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "-"],
        input=data,
        capture_output=True,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert (ran.returncode, ran.stderr) == (0, b"")
    assert "<stdin> · curation · utf-8 · 2025-02-19" in ran.stdout.decode()


def test_a_file_named_dash_is_read_as_dot_slash_dash(
    seeds_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The module says a file named `-` is `./-`, but `./-` read standard input too (the
    path made of it is `-`)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_bytes((seeds_dir / SEED_002).read_bytes())
    _stdin(monkeypatch, b"")
    assert main(["parse", "--json", "./-"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    [article] = [json.loads(line) for line in out.splitlines()]
    assert article["path"] == str(tmp_path / "-")
