"""Files that are no article but a reader points yomite at: a mail (`*.eml`), subtitles
(`*.srt`, `*.vtt`), a table (`*.csv`, `*.tsv`). Each reads as what it is: a mail as a
mail client shows it, subtitles as their lines, a table as its rows."""

from __future__ import annotations

import base64
import json
import quopri
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pytest
from rich.text import Text

from index.files import discover
from index.library import Library
from index.locations import locations
from index.model import Article
from index.parser import parse_file
from index.parser.mail import FORWARDED_DEPTH
from index.sanitize import is_safe, sanitize
from index.typeset import TypesetText, Typesetting, cell_width
from tui.cli import main


def _text(article: Article) -> str:
    return article.document().text


def _jis_mail() -> bytes:
    """A mail as Japanese clients send one: ISO-2022-JP, its subject and sender's name
    in encoded words."""
    body = "お世話になっております。\n来週の会議の件でご連絡します。\n\n日時は3月5日です。\n"
    message = MIMEText(body, "plain", "iso-2022-jp")
    message["Subject"] = Header("会議のお知らせ", "iso-2022-jp").encode()
    message["From"] = f"{Header('山田太郎', 'iso-2022-jp').encode()} <yamada@example.jp>"
    message["To"] = "tanaka@example.jp"
    message["Date"] = "Tue, 04 Mar 2025 10:15:00 +0900"
    return message.as_bytes()


def test_a_mail_in_iso_2022_jp_reads_its_subject_sender_date_and_body(tmp_path: Path) -> None:
    data = _jis_mail()
    assert b"=?iso-2022-jp?b?" in data and "会議".encode() not in data  # encoded, as sent
    path = tmp_path / "mail.eml"
    path.write_bytes(data)
    article = parse_file(path)
    assert article.title == "会議のお知らせ"
    assert article.outlet == "山田太郎"
    assert article.published == datetime(2025, 3, 4, 10, 15, tzinfo=timezone(timedelta(hours=9)))
    assert article.intro == [
        "お世話になっております。\n来週の会議の件でご連絡します。",
        "日時は3月5日です。",
    ]
    assert article.encoding == "iso2022_jp"
    # None of the header's lines, nor its encoded words, is the text.
    assert "Content-Type" not in _text(article) and "=?" not in _text(article)


def test_a_mail_saved_as_text_is_read_as_a_mail_but_a_note_with_a_subject_line_is_not(
    tmp_path: Path,
) -> None:
    saved = tmp_path / "saved.txt"
    saved.write_bytes(b"Return-Path: <a@example.jp>\n" + _jis_mail())
    assert parse_file(saved).title == "会議のお知らせ"
    note = tmp_path / "note.txt"
    note.write_text("Subject: 会議メモ\n\n今日の会議の内容。\n", encoding="utf-8")
    assert parse_file(note).title == "Subject: 会議メモ"
    memo = tmp_path / "memo.txt"
    memo.write_text("From: 山田\nTo: 田中\nSubject: 件名\n\n本文です。\n", encoding="utf-8")
    assert parse_file(memo).title == "From: 山田"


@pytest.mark.parametrize(
    ("name", "text", "kept"),
    [
        (
            "refs.md",
            "Title: 研究ノート\nAuthor: 私\nDate: 2012-05-01\nReferences: 山田(2010)\n\n"
            "# 背景\n\n本文はここです。\n",
            ["研究ノート", "山田(2010)", "本文はここです。"],
        ),
        (
            "minutes.txt",
            "Subject: 議事録\nDate: 2012年5月1日\nReferences: 前回の議事録\n\n議題は三つ。\n",
            ["議事録", "2012年5月1日", "前回の議事録", "議題は三つ。"],
        ),
        (
            "log.txt",
            "Date: Tue, 01 May 2012 10:00:00 GMT\nUser-Agent: curl/7.0\nStatus: 200\n\n"
            "応答の本文。\n",
            ["curl/7.0", "Status: 200", "応答の本文。"],
        ),
        (
            "recv.txt",
            "Received: 2012年5月1日\nFrom: 取引先\nDate: 5/1\n\n見積もりを受け取った。\n",
            ["2012年5月1日", "取引先", "見積もりを受け取った。"],
        ),
    ],
)
def test_a_note_that_begins_with_header_like_lines_keeps_them(
    tmp_path: Path, name: str, text: str, kept: list[str]
) -> None:
    """A note or a Markdown file whose first lines look like a mail's fields (one a mail
    has, References:, User-Agent:, Received:, with a Subject:, Date: or From:) was read
    as a mail: every line not its subject, date or sender was lost (regression review)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article = parse_file(path)
    shown = article.title + "\n" + _text(article)
    for words in kept:
        assert words in shown, (name, words, shown)


def test_a_mail_with_a_byte_order_mark_is_read_as_a_mail(tmp_path: Path) -> None:
    """An .eml saved with a UTF-8 BOM was read as a text: its title `Subject: …`."""
    path = tmp_path / "bom.eml"
    path.write_bytes(
        "\ufeffSubject: BOM付き\nFrom: a@example.jp\nMIME-Version: 1.0\n\n本文です。\n".encode()
    )
    article = parse_file(path)
    assert article.title == "BOM付き"
    assert "From:" not in _text(article) and "本文です。" in _text(article)


def test_a_body_declared_base64_that_is_not_reads_as_written(tmp_path: Path) -> None:
    """A body declared base64 but written as text decoded to junk (`mｫ␞`): its text
    was lost (regression review)."""
    path = tmp_path / "cte.eml"
    path.write_text(
        "Subject: test\nContent-Transfer-Encoding: base64\n\nこれは普通の本文です。\n",
        encoding="utf-8",
    )
    article = parse_file(path)
    assert article.title == "test"
    assert "これは普通の本文です。" in _text(article)


def test_a_multipart_mail_reads_its_plain_part_and_names_its_attachments(
    tmp_path: Path,
) -> None:
    alternative = MIMEMultipart("alternative")
    alternative.attach(MIMEText("新製品が発売されました。\n", "plain", "utf-8"))
    alternative.attach(MIMEText("<p>HTMLの本文</p>", "html", "utf-8"))
    mixed = MIMEMultipart("mixed")
    mixed["Subject"] = Header("新製品のご案内", "utf-8").encode()
    mixed["From"] = "shop@example.com"
    mixed.attach(alternative)
    attachment = MIMEApplication(b"%PDF-1.4\n", "pdf")
    attachment.add_header("Content-Disposition", "attachment", filename=("utf-8", "", "資料.pdf"))
    mixed.attach(attachment)
    path = tmp_path / "shop.eml"
    path.write_bytes(mixed.as_bytes())
    article = parse_file(path)
    assert article.title == "新製品のご案内"
    assert article.outlet == "shop@example.com"  # no name: the address
    assert article.intro == ["新製品が発売されました。", "Attachments: 資料.pdf"]
    assert "HTML" not in _text(article) and "PDF" not in _text(article)


def test_an_html_mail_reads_as_its_text(tmp_path: Path) -> None:
    html = (
        "<html><head><style>p {color: red}</style></head><body><h1>見出し</h1>"
        "<p>本文の&amp;段落です。<br>次の行</p><ul><li>一つ目</li><li>二つ目</li></ul>"
        "<script>alert(1)</script></body></html>"
    )
    message = MIMEText(html, "html", "utf-8")
    message["Subject"] = "News"
    path = tmp_path / "news.eml"
    path.write_bytes(message.as_bytes())
    article = parse_file(path)
    assert article.intro == ["見出し", "本文の&段落です。\n次の行", "・一つ目\n・二つ目"]


def test_a_mail_with_a_broken_mime_or_charset_still_reads_its_text(tmp_path: Path) -> None:
    broken = {
        # multipart without a boundary: its body is its text
        "no-boundary.eml": b"Subject: a\nContent-Type: multipart/mixed\n\n"
        + "境界のない本文。\n".encode(),
        # a charset no codec knows: the bytes read as a file's
        "unknown.eml": b"Subject: b\nContent-Type: text/plain; charset=x-unknown\n\n"
        + "未知の文字コードの本文。\n".encode(),
        # UTF-8 declared, Shift_JIS sent
        "mislabelled.eml": b"Subject: c\nContent-Type: text/plain; charset=utf-8\n\n"
        + "シフトJISの本文。\n".encode("cp932"),
        # base64 cut short, a character broken
        "cut.eml": b"Subject: d\nContent-Type: text/plain; charset=utf-8\n"
        b"Content-Transfer-Encoding: base64\n\n"
        + base64.b64encode("途中で切れた本文。".encode())[:-3]
        + b"!\n",
    }
    for name, data in broken.items():
        path = tmp_path / name
        path.write_bytes(data)
        article = parse_file(path)
        assert article.title in "abcd", name
        text = _text(article)
        assert "本文" in text and "Content-Type" not in text, (name, text)


def test_a_mail_labelled_iso_2022_jp_holding_circled_numbers_reads_them(
    tmp_path: Path,
) -> None:
    """Mail clients write ① and ② in ISO-2022-JP (JIS X 0213's, or Windows'): Python's
    iso2022_jp lacks them, and the subject stayed an encoded word."""
    subject = base64.b64encode("①会議".encode("iso2022_jp_2004"))
    path = tmp_path / "circled.eml"
    path.write_bytes(
        b"Subject: =?ISO-2022-JP?B?" + subject + b"?=\nMIME-Version: 1.0\n"
        b"Content-Type: text/plain; charset=ISO-2022-JP\n\n"
        + "①と②の件です。\n".encode("iso2022_jp_2004")
    )
    article = parse_file(path)
    assert (article.title, article.intro) == ("①会議", ["①と②の件です。"])
    assert article.decoding_doubts() == []


def test_a_mail_without_a_subject_is_titled_by_its_files_name(tmp_path: Path) -> None:
    path = tmp_path / "無題のメール.eml"
    path.write_bytes(b"From: a@example.jp\nMIME-Version: 1.0\n\n" + "本文だけ。\n".encode())
    article = parse_file(path)
    assert (article.title, article.intro) == ("無題のメール", ["本文だけ。"])


def test_a_mails_escape_sequences_and_markup_stay_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    subject = "\x1b]0;title\x07[bold]markup[/bold]\u202e件名"
    path = tmp_path / "hostile.eml"
    path.write_bytes(
        b"Subject: =?utf-8?B?"
        + base64.b64encode(subject.encode())
        + b"?=\nFrom: =?utf-8?B?"
        + base64.b64encode("\x1b[2J[link=x]誰か".encode())
        + b"?= <a@b>\nContent-Type: text/plain; charset=utf-8\n\n\x1b]52;c;Zm9v\x07body\x9b\n"
    )
    article = parse_file(path)
    for text in (article.title, article.outlet or "", *article.intro):
        assert is_safe(text) and "\x1b" not in text
    assert main(["parse", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "[bold]markup[/bold]" in out and "\x1b" not in out


def _b(text: str, charset: str) -> str:
    """`text` as an encoded word (`=?charset?B?…?=`), as a mail client writes a header."""
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def _forwarding_mail() -> bytes:
    """A mail forwarding another as an attachment, which forwards a third: written as
    Japanese clients send them. The outer in ISO-2022-JP; the forwarded one's text
    UTF-8 in quoted-printable beside its HTML, with a PDF; the third's UTF-8 in base64."""
    first = (
        "From: " + _b("鈴木一郎", "utf-8") + " <suzuki@example.jp>\n"
        "Date: Mon, 03 Mar 2025 09:00:00 +0900\n"
        "Subject: " + _b("最初の連絡", "utf-8") + "\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: base64\n\n"
        + base64.encodebytes("会場は本館の大会議室です。\n".encode()).decode()
    )
    forwarded = (
        "From: " + _b("山田太郎", "iso-2022-jp") + " <yamada@example.jp>\n"
        "Date: Tue, 04 Mar 2025 10:15:00 +0900\n"
        "Subject: " + _b("会議のお知らせ", "iso-2022-jp") + "\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="inner"\n\n'
        "--inner\n"
        'Content-Type: multipart/alternative; boundary="alt"\n\n'
        "--alt\n"
        "Content-Type: text/plain; charset=UTF-8\n"
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring("来週の会議は3月5日です。\n議事録を添付します。\n".encode()).decode()
        + "\n--alt\n"
        "Content-Type: text/html; charset=UTF-8\n"
        "Content-Transfer-Encoding: base64\n\n"
        + base64.encodebytes("<p>HTMLだけの文</p>".encode()).decode()
        + "--alt--\n"
        "--inner\n"
        "Content-Type: application/pdf\n"
        'Content-Disposition: attachment; filename="=?UTF-8?B?'
        + base64.b64encode("議事録.pdf".encode()).decode()
        + '?="\n'
        "Content-Transfer-Encoding: base64\n\n"
        "JVBERi0xLjQK\n"
        "--inner\n"
        "Content-Type: message/rfc822\n"
        "Content-Disposition: attachment\n\n" + first + "--inner--\n"
    )
    outer = (
        "From: " + _b("佐藤花子", "iso-2022-jp") + " <sato@example.jp>\n"
        "To: tanaka@example.jp\n"
        "Date: Wed, 05 Mar 2025 08:30:00 +0900\n"
        "Subject: " + _b("Fwd: 会議のお知らせ", "iso-2022-jp") + "\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="outer"\n\n'
        "--outer\n"
        "Content-Type: text/plain; charset=ISO-2022-JP\n"
        "Content-Transfer-Encoding: 7bit\n\n"
    ).encode("ascii")
    outer += "田中さん\n\n下記のメールを転送します。\n".encode("iso-2022-jp")
    outer += (
        "\n--outer\n"
        "Content-Type: message/rfc822\n"
        'Content-Disposition: attachment; filename="forward.eml"\n\n' + forwarded + "--outer--\n"
    ).encode("ascii")
    return outer


def test_a_forwarded_mail_reads_as_its_sender_date_subject_and_text(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """From review: a mail forwarding another as an attachment (message/rfc822) showed
    `Attachments: message/rfc822`: the forwarded mail's sender, date, subject and text
    were lost, and none of its words found it. It reads now as a mail client shows a
    forward inline, one forwarded in it too."""
    data = _forwarding_mail()
    assert "会議".encode() not in data and "来週".encode() not in data  # all encoded
    corpus = tmp_path / "mail"
    corpus.mkdir()
    path = corpus / "fwd.eml"
    path.write_bytes(data)
    article = parse_file(path)
    assert (article.title, article.outlet) == ("Fwd: 会議のお知らせ", "佐藤花子")
    assert article.intro == [
        "田中さん",
        "下記のメールを転送します。",
        "Forwarded message\nFrom: 山田太郎 <yamada@example.jp>\n"
        "Date: 2025-03-04 10:15+09:00\nSubject: 会議のお知らせ",
        "来週の会議は3月5日です。\n議事録を添付します。",
        "Attachments: 議事録.pdf",
        "Forwarded message\nFrom: 鈴木一郎 <suzuki@example.jp>\n"
        "Date: 2025-03-03 09:00+09:00\nSubject: 最初の連絡",
        "会場は本館の大会議室です。",
    ]
    assert article.decoding_doubts() == []
    text = _text(article)
    assert "message/rfc822" not in text and "HTMLだけ" not in text and "=?" not in text
    # Its words are the article's: a search finds it by the forwarded mails' words.
    assert main(["index", "--home", str(home), str(corpus)]) == 0
    capsys.readouterr()
    with Library.open(locations(home)) as library:
        for query in ("議事録", "大会議室", "鈴木一郎"):
            assert [hit.article.id for hit in library.search(query).hits] == ["fwd"], query


def test_a_forward_too_deep_or_encoded_is_still_read(tmp_path: Path) -> None:
    """Forwards one in another are read FORWARDED_DEPTH deep, the one deeper named as an
    attachment; a forwarded mail a client encoded in base64 (which RFC 2046 forbids, and
    `email` then reads as a body) is decoded and read."""
    header = "Subject: " + _b("一番内側", "utf-8") + "\nContent-Type: text/plain; charset=utf-8\n\n"
    mail = header.encode() + "最も深い本文。\n".encode()
    for level in range(FORWARDED_DEPTH + 1):
        mail = (
            (
                f"Subject: level {level}\nMIME-Version: 1.0\n"
                f'Content-Type: multipart/mixed; boundary="b{level}"\n\n'
                f"--b{level}\nContent-Type: text/plain\n\n本文{level}\n"
                f"--b{level}\nContent-Type: message/rfc822\n\n"
            ).encode()
            + mail
            + f"\n--b{level}--\n".encode()
        )
    path = tmp_path / "deep.eml"
    path.write_bytes(mail)
    article = parse_file(path)
    assert article.title == f"level {FORWARDED_DEPTH}"
    assert [p for p in article.intro if p.startswith("本文")] == [
        f"本文{level}" for level in range(FORWARDED_DEPTH, -1, -1)
    ]
    assert sum(p.startswith("Forwarded message") for p in article.intro) == FORWARDED_DEPTH
    assert article.intro[-1] == "Attachments: message/rfc822"  # the one too deep
    encoded = (
        b"Subject: Fwd\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="x"\n\n'
        b"--x\nContent-Type: message/rfc822\nContent-Transfer-Encoding: base64\n\n"
        + base64.encodebytes(
            b"Subject: " + _b("元の件名", "iso-2022-jp").encode() + b"\n"
            b"Content-Type: text/plain; charset=ISO-2022-JP\n\n"
            + "元のメールの本文です。\n".encode("iso-2022-jp")
        )
        + b"--x--\n"
    )
    path.write_bytes(encoded)
    assert parse_file(path).intro == [
        "Forwarded message\nSubject: 元の件名",
        "元のメールの本文です。",
    ]


def test_a_forwarded_mails_escape_sequences_and_markup_stay_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a forwarded mail writes reaches no terminal as escape sequences or markup,
    as the mail's own header and text do not."""
    inner = (
        "From: " + _b("\x1b[2J[link=x]誰か", "utf-8") + " <a@b>\n"
        "Date: \x1b[31mnot a date\n"
        "Subject: " + _b("\x1b]0;title\x07[bold]件名[/bold]\x1b[5m", "utf-8") + "\n"
        "Content-Type: text/plain; charset=utf-8\n\n"
        "\x1b]52;c;Zm9v\x07本文\x9b\x1b[31m赤\x1b[0m\n"
    )
    path = tmp_path / "hostile.eml"
    path.write_bytes(
        b"Subject: Fwd\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="x"\n\n'
        b"--x\nContent-Type: message/rfc822\n\n" + inner.encode() + b"--x--\n"
    )
    article = parse_file(path)
    assert article.intro[0].startswith("Forwarded message\nFrom: ")
    assert "件名" in article.intro[0] and "本文" in article.intro[1] and "赤" in article.intro[1]
    for text in (article.title, *article.intro):
        assert is_safe(text) and "\x1b" not in text and "\x07" not in text, text
    assert main(["parse", "--json", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "\\u001b" not in out and "\\u0007" not in out
    intro = json.loads(out)["intro"]
    assert intro[0] == (
        "Forwarded message\nFrom: [link=x]誰か <a@b>\nDate: not a date\nSubject: [bold]件名[/bold]"
    )
    assert intro[1] == "本文" + sanitize("\x9b") + "赤"  # (a C1 control shown as a symbol)


def test_an_eml_without_a_header_is_read_as_a_text(tmp_path: Path) -> None:
    path = tmp_path / "note.eml"
    path.write_text("ヘッダのないメモ\n本文。\n", encoding="utf-8")
    article = parse_file(path)
    assert (article.title, article.intro) == ("ヘッダのないメモ", ["本文。"])


SRT = """1
00:00:01,000 --> 00:00:03,500
<i>こんにちは。</i>

2
00:00:04,000 --> 00:00:06,000
{\\an8}今日は
いい天気ですね。

3
00:00:06,500 --> 00:00:08,000
- そうですね。
- 散歩しましょう。

4
00:00:20,000 --> 00:00:22,000
<font color="#ffff00">場面が変わった。</font>
"""


def test_subtitles_read_as_what_is_said_titled_by_the_files_name(tmp_path: Path) -> None:
    path = tmp_path / "映画の字幕.srt"
    path.write_text(SRT, encoding="utf-8")
    article = parse_file(path)
    assert article.title == "映画の字幕"  # not `1`, the first cue's number
    assert article.intro == [
        # a cue a line, one broken to fit joined; a dialogue's lines apart
        "こんにちは。\n今日はいい天気ですね。\n- そうですね。\n- 散歩しましょう。",
        "場面が変わった。",  # after a pause of 12 s
    ]
    text = _text(article)
    assert "-->" not in text and "00:00" not in text and "<" not in text


def test_webvtt_reads_its_cues_not_its_header_notes_or_styles(tmp_path: Path) -> None:
    path = tmp_path / "talk.vtt"
    path.write_text(
        "WEBVTT - 講演\nKind: captions\n\nNOTE これはメモ\n二行目のメモ\n\n"
        "STYLE\n::cue { color: yellow }\n\nintro\n00:01.000 --> 00:03.500 align:start\n"
        "<v 田中>今日は<c.yellow>いい</c>天気ですね。</v>\n\n"
        "00:00:04.000 --> 00:00:06.000\n<ruby>漢字<rt>かんじ</rt></ruby>を読む &amp; 書く\n\n"
        "00:00:06.000 --> 00:00:08.000\n<ruby>漢字<rt>かんじ</rt></ruby>を読む &amp; 書く\n"
        "<00:00:07.000>次の行\n",
        encoding="utf-8",
    )
    article = parse_file(path)
    assert article.title == "talk"
    assert article.intro == ["田中：今日はいい天気ですね。\n漢字(かんじ)を読む & 書く\n次の行"]


def test_a_srt_file_without_cues_is_a_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.srt"
    path.write_text("字幕のメモ\n本文。\n", encoding="utf-8")
    assert parse_file(path).title == "字幕のメモ"


def test_a_csv_reads_as_a_table_titled_by_the_files_name(tmp_path: Path) -> None:
    path = tmp_path / "名簿.csv"
    path.write_text(
        '名前,年齢,出身\n山田,30,東京\n"田中, 花子",25,"大阪\n府"\n\n', encoding="utf-8"
    )
    article = parse_file(path)
    assert article.title == "名簿"  # not `名前,年齢,出身`, the columns' names
    assert article.intro == [
        "名前       │ 年齢 │ 出身\n山田       │ 30   │ 東京\n田中, 花子 │ 25   │ 大阪府"
    ]
    assert article.intro_verbatim == {0}  # set as written: no furigana in the columns


def test_a_table_rows_wrapped_cell_goes_on_under_its_column(tmp_path: Path) -> None:
    """From review: a row wider than the pane wrapped its last cell back to the row's
    start (column 0), under the first column's dates, as if another row began. In the
    reading view (hanging, set as written) a wrapped cell goes on under its column, as
    a table's cell wraps in a spreadsheet or Rich's `Table`; a Markdown table alike."""
    csv_file = tmp_path / "花見.csv"
    csv_file.write_text(
        "日付,場所,内容\n"
        "2024年4月1日,東京,桜が満開になり、上野公園には朝早くから大勢の花見客が訪れて、"
        "シートを広げて場所取りをする人の姿が目立ちました。\n"
        "2024年4月2日,大阪,雨\n",
        encoding="utf-8",
    )
    markdown = tmp_path / "表.md"
    markdown.write_text(
        "# 表\n\n| 日付 | 内容 | 場所 |\n|---|---|---|\n"
        "| 4月1日 | 桜が満開になり、上野公園には朝早くから大勢の花見客が訪れました | 東京 |\n",
        encoding="utf-8",
    )
    setting = Typesetting(phrase_breaking=False)

    def shown(path: Path, width: int) -> list[str]:
        article = parse_file(path)
        assert article.intro_verbatim == {len(article.intro) - 1}  # the table
        text = TypesetText(Text(article.intro[-1]), setting, hanging=True, verbatim=True)
        rows = [line.plain for line in text.lines(width)]
        assert all(cell_width(row) <= width for row in rows)
        return rows

    column = " " * cell_width("2024年4月1日 │ 東京 │ ")  # where 内容's cells begin
    assert shown(csv_file, 60) == [
        "日付 │ 場所 │ 内容",
        "2024年4月1日 │ 東京 │ 桜が満開になり、上野公園には朝早くから",
        column + "大勢の花見客が訪れて、シートを広げて場",
        column + "所取りをする人の姿が目立ちました。",
        "2024年4月2日 │ 大阪 │ 雨",
    ]
    # A cell wrapped in the middle of its row: its words under it, the next cell after
    # them on the line.
    column = " " * cell_width("4月1日 │ ")
    assert shown(markdown, 40) == [
        "日付 │ 内容 │ 場所",
        "4月1日 │ 桜が満開になり、上野公園には朝",
        column + "早くから大勢の花見客が訪れまし",
        column + "た │ 東京",
    ]
    # No room left in the cell's column (less than a third of the pane): the row goes
    # on at the pane's edge, as before.
    assert shown(csv_file, 30)[1:3] == [
        "2024年4月1日 │ 東京 │ 桜が満開",
        "になり、上野公園には朝早くから",
    ]


def test_a_tsv_reads_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("単語\t読み\n漢字\tかんじ\n", encoding="utf-8")
    article = parse_file(path)
    assert (article.title, article.intro) == ("words", ["単語 │ 読み\n漢字 │ かんじ"])


def test_a_directorys_walk_reads_mails_and_subtitles_not_tables(tmp_path: Path) -> None:
    """A folder of saved mails or of a series' subtitles gave "directory empty of
    article files": they were read only when named one by one. A CSV is data."""
    for name in ("a.eml", "b.srt", "c.vtt", "d.txt", "e.csv", "f.tsv", "g.html"):
        (tmp_path / name).write_text("x\n")
    found = discover([tmp_path])
    assert [path.name for path in found.files] == ["a.eml", "b.srt", "c.vtt", "d.txt"]
