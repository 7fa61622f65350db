"""A corpus of hostile article files, generated at test time (no raw escape bytes in git).

Every payload carries a marker (`PWN…`) right after its control sequence, so a test
reading the terminal's output can tell an article's escape sequence from the app's
own: if the parser or the reader let one through, the output holds the control
bytes immediately followed by the marker (`ESC ] 0 ; PWN-TITLE`). Read, a whole CSI
or OSC sequence is dropped (`index.sanitize.without_terminal_sequences`) and any other
is sanitized (`␛P+q544e␛\\PWN-DCS`), which is harmless.

The payloads sit in every field a reader shows: titles, leads, key points, section
headings, paragraphs, card outlets, card URLs and comments, in the three article
formats (curation, news, plain text), plus a file with raw 8-bit C1 bytes and one
with NUL bytes (a binary file: refused and reported, never shown).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

ESC = "\x1b"
BEL = "\x07"
ST = ESC + "\\"


def _osc52(marker: str) -> str:
    return f"{ESC}]52;c;{base64.b64encode(marker.encode()).decode()}{BEL}"


@dataclass(frozen=True, slots=True)
class Payload:
    name: str
    text: str
    """What is planted in the article."""
    raw: bytes
    """The bytes that reach the terminal if the payload escaped: must never be seen."""


def _payload(name: str, text: str, raw: str | None = None) -> Payload:
    return Payload(name, text, (raw if raw is not None else text).encode("utf-8"))


PAYLOADS: tuple[Payload, ...] = (
    _payload("osc0-title", f"{ESC}]0;PWN-TITLE{BEL}"),
    _payload("osc2-title-st", f"{ESC}]2;PWN-TITLE-ST{ST}"),
    _payload("osc52-clipboard", _osc52("PWN-CLIPBOARD"), f"{ESC}]52;c;"),
    _payload("osc8-link", f"{ESC}]8;;https://evil.example/PWN-OSC8{ST}リンク{ESC}]8;;{ST}"),
    _payload("csi-clear", f"{ESC}[2JPWN-CLEAR"),
    _payload("csi-colour", f"{ESC}[31;1mPWN-RED{ESC}[0m"),
    _payload("csi-cursor", f"{ESC}[1;1HPWN-HOME"),
    _payload("csi-alt-screen-off", f"{ESC}[?1049lPWN-ALT"),
    _payload("dcs", f"{ESC}P+q544e{ST}PWN-DCS"),
    _payload("apc", f"{ESC}_PWN-APC{ST}"),
    _payload("c1-csi", "\u009b2JPWN-C1CSI"),
    _payload("c1-osc", "\u009d0;PWN-C1OSC\u009c"),
    _payload("c1-dcs", "\u0090PWN-C1DCS\u009c"),
    _payload("c1-nel", "\u0085PWN-NEL"),
    _payload("bidi-rlo", "\u202ePWN-RLO\u202c"),
    _payload("bidi-isolate", "\u2066PWN-LRI\u2069\u2067PWN-RLI\u2069"),
    _payload("bel-bs", f"PWN-BEL{BEL}\b\b\b"),
)

MARKUP = (
    "[/b]",
    "[/]",
    "[link=https://evil.example/PWN-MARKUP-LINK]罠リンク[/link]",
    "[@click=app.quit]押すと終了[/]",
    "[@click=app.screenshot()]撮影[/]",
    "[@click=app.screenshot('pwned.svg')]撮影2[/]",
    "[bold red on white]赤[/bold red on white]",
    "[reverse]反転",
)
"""Rich/Textual markup that would crash a widget, make a link or run an action."""

NON_WEB_URLS = ("javascript:alert('PWN-JS')", "file:///etc/PWN-FILE", "data:text/html,PWN-DATA")
"""Must never become hyperlinks (only http/https do)."""

ALL_HOSTILE = "".join(p.text for p in PAYLOADS) + "".join(MARKUP)

SEARCH_WORD = "停戦"
"""Every hostile article holds this word, so a search lists them all."""


def _line(label: str) -> str:
    return f"{label}{ALL_HOSTILE}{SEARCH_WORD}の話。"


def curation_article() -> str:
    """The seeds' curation layout, every field carrying every payload and markup."""
    outlet = "偽メディア[/b][@click=app.quit]" + PAYLOADS[0].text + PAYLOADS[10].text
    url = "https://evil.example/a[/b]?q=[@click=app.quit]"
    return "\n".join(
        [
            _line("悪意ある見出しA"),
            _line("リード文"),
            "💡 " + _line("要点一"),
            "💡 要点二" + "".join(MARKUP),
            "それでは見ていきましょう[/]。",
            "危険な見出し[/b]" + PAYLOADS[4].text,
            "危険な問い[@click=app.quit]" + PAYLOADS[0].text + "?",
            "危険な導入" + PAYLOADS[2].text + "。",
            _line("本文一"),
            "",
            "✅ " + _line("カード要点"),
            f"さらに読む ⇒{outlet}出典/画像元: {url}" + _line("コメント"),
            _line("本文二") + " " + " ".join(NON_WEB_URLS),
            "✅ 二枚目のカード:リンク先が javascript: の出典。",
            f"さらに読む ⇒偽メディア二出典/画像元: {NON_WEB_URLS[0]}コメント。",
            "✅ 三枚目のカード:file: の出典。",
            f"さらに読む ⇒偽メディア三出典/画像元: {NON_WEB_URLS[1]}",
            "",
        ]
    )


def news_article() -> str:
    """The livedoor layout: URL, date, title, body."""
    return "\n".join(
        [
            "http://news.example.jp/article/[@click=app.quit]",
            "2012-03-25T20:23:00+0900",
            _line("悪意ある見出しB"),
            _line("ニュース本文"),
            _line("二段落目"),
            "",
        ]
    )


def text_article() -> str:
    return "\n".join([_line("悪意ある見出しC"), "", _line("ただの文章"), ""])


def c1_bytes_article() -> bytes:
    """Raw 8-bit C1 bytes (not UTF-8 characters) among ASCII and UTF-8 text."""
    return (
        "悪意ある見出しD".encode()
        + b"\x9b2JPWN-RAW-C1\x9d0;PWN-RAW-OSC\x07\x1b]0;PWN-RAW-TITLE\x07\n"
        + f"{SEARCH_WORD}の話。".encode()
        + b"\x90PWN-RAW-DCS\x9c\x1b[2JPWN-RAW-CLEAR\n"
        # Enough good UTF-8 that the file reads as UTF-8 with a few damaged bytes.
        + "交渉と停戦をめぐる各国の思惑が交錯しています。\n".encode() * 4
    )


def nul_article() -> bytes:
    """NUL bytes make a file binary: it must be refused and reported, never displayed."""
    return "悪意ある見出しE\n".encode() + b"\x00\x1b]0;PWN-NUL\x07\x00\n"


def utf16_article() -> bytes:
    """UTF-16 files hold NUL bytes by nature, so they pass the binary check: the
    escapes in them must be caught after decoding like any others."""
    return curation_article().replace("悪意ある見出しA", "悪意ある見出しF").encode("utf-16")


def iso2022_article() -> bytes:
    """ISO-2022-JP is made of escape sequences; OSC and CSI spliced between them must
    not pass as part of the encoding."""
    japanese = "悪意ある見出しG\n停戦の話。\n".encode("iso2022_jp")
    return japanese + b"\x1b]0;PWN-ISO-TITLE\x07\x1b[2JPWN-ISO-CLEAR\n" + japanese


FILES = {
    "hostile_curation.txt": lambda: curation_article().encode("utf-8"),
    "hostile_news.txt": lambda: news_article().encode("utf-8"),
    "hostile_text.txt": lambda: text_article().encode("utf-8"),
    "hostile_c1_bytes.txt": c1_bytes_article,
    "hostile_nul.txt": nul_article,
    "hostile_utf16.txt": utf16_article,
    "hostile_iso2022.txt": iso2022_article,
}

TITLES = tuple(f"悪意ある見出し{letter}" for letter in "ABCDFGH")
"""Titles that must be displayed (E is the NUL file: refused). Python's ISO-2022-JP
codec passes foreign escape sequences through as text, so G decodes as ISO-2022-JP
and its spliced OSC/CSI are sanitized like any other."""


HOSTILE_NAMES = {
    f"{ESC}]0;PWN-NAME{BEL}hostile_name.txt": lambda: "悪意ある見出しH\n停戦の話。\n".encode(),
    f"{ESC}]2;PWN-BINNAME{BEL}hostile_binary_name.txt": nul_article,
}
"""File names are untrusted too: one article and one binary file (so the name shows up
in failure reports) whose names carry OSC sequences."""


def write_hostile_corpus(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, make in {**FILES, **HOSTILE_NAMES}.items():
        path = directory / name
        path.write_bytes(make())
        paths.append(path)
    return paths


EXACT_SEQUENCES: tuple[str, ...] = (
    *(p.text for p in PAYLOADS),
    f"{ESC}]0;PWN",
    f"{ESC}]2;PWN",
    f"{ESC}]52;",  # no copy key is pressed, so the app itself sends no OSC 52 either
    f"{ESC}]8;;https://evil.example/PWN",
    f"{ESC}P+q",
    f"{ESC}_PWN",
    f"{ESC}[2JPWN",
    f"{ESC}[31;1mPWN",
    f"{ESC}[1;1HPWN",
    f"{ESC}[?1049lPWN",
)
"""Planted sequences, byte for byte, and their introducers followed by a marker."""

_NEVER_SENT = re.compile("[\u0080-\u009f\udc80-\udcff\u202a-\u202e\u2066-\u2069]")
"""C1 controls (as UTF-8 characters, or as raw bytes that are not UTF-8: decoded as
lone surrogates) and bidi overrides/isolates: the app never sends any of them itself."""

_NON_WEB_LINK = re.compile(f"{ESC}\\]8;[^;{ESC}{BEL}]*;(?!https?://)[a-z]+:")
"""An OSC 8 hyperlink to anything but http(s)."""


def forbidden_in(output: bytes) -> list[str]:
    """The hostile sequences found in a terminal's output (empty: none escaped)."""
    text = output.decode("utf-8", "surrogateescape")
    found = [sequence for sequence in EXACT_SEQUENCES if sequence in text]
    found += [f"U+{ord(m.group()):04X}" for m in _NEVER_SENT.finditer(text)]
    found += [m.group() for m in _NON_WEB_LINK.finditer(text)]
    return found
