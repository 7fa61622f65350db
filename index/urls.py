"""URLs: where one written in an article's text ends (the parser's), the URLs a text
holds (the reader's links in the body), and what the index reads from one, its host (a
card's site, a news article's own)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote, urlsplit

from index.kana import HIRAGANA, READ_AS_KANJI

_URI_CHARACTER = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
"""What a URI is written in: RFC 3986 unreserved, reserved and % characters."""
_NON_ASCII_LETTER = r"[^\W\x00-\x7f]"
_IDN_HOST = (
    rf"(?:[\w-]{{1,63}}\.){{0,8}}[\w-]{{0,62}}{_NON_ASCII_LETTER}[\w-]{{0,62}}\."
    rf"(?:[\w-]{{1,63}}\.){{0,8}}"
    rf"(?:[A-Za-z]{{2,63}}(?![A-Za-z0-9-])|{_NON_ASCII_LETTER}{{2,63}}(?=[/:?#]))"
)
"""A host written in another script than ASCII (an IDN, `例え.jp`, `www.例え.テスト/`): a
label holding a letter outside ASCII before its last dot, then a top-level domain in
ASCII letters, or in other letters with the path, the port, the query or the fragment
after it. Japanese glued after a host in ASCII (`https://example.jpこれは`) makes none:
that host ends where the Japanese begins. Each run is bounded: `https://` before a long
run of Japanese is read in linear time."""
URL = re.compile(rf"https?://(?:{_IDN_HOST}{_URI_CHARACTER}*|{_URI_CHARACTER}+)")
"""An http(s) URL: its host (in ASCII, or an IDN's, `_IDN_HOST`), then RFC 3986
unreserved, reserved and % characters, so a URL glued to Japanese text ends where the
Japanese begins (but see `url_end`)."""
URL_UNLIKELY_END = ".,;:!?'"


def is_url_line(line: str) -> bool:
    match = URL.fullmatch(line)
    return match is not None and trim_url(line) == line


def trim_url(candidate: str, unlikely_end: str = URL_UNLIKELY_END) -> str:
    """`candidate` up to a `)` or `]` that closes nothing opened in it, wherever it stands
    (`[link](https://example.com/md)(extra)` in a plain text: `…/md`, where only one at
    the end was dropped and the link read `…/md)(extra`), without the trailing characters
    that are legal in a URL but almost never end one (`unlikely_end`)."""
    url = _balanced(candidate) if ")" in candidate or "]" in candidate else candidate
    return url.rstrip(unlikely_end)


KATAKANA_BLOCK = "\u30a0-\u30ff\uff66-\uff9f"
"""Katakana with its `・` and `ー`, full and half width."""
IRI_PATH_AFTER = "/=#"
"""What a URL's part written in Japanese follows: a path segment's start (`/wiki/東京駅`),
a query's value (`?q=東京`), a fragment (`#概要`)."""
NOT_IN_URLS = '<>"`{}|\\^'
"""The printable ASCII characters no URL holds (RFC 3986, 2: neither reserved nor
unreserved), where one written in text ends."""
_IRI_RUN = re.compile(
    f"[{READ_AS_KANJI}{KATAKANA_BLOCK}A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]{{1,500}}"
)
"""A URL's part written in Japanese: kanji, katakana and what an ASCII URL holds, no
hiragana (`/からどうぞ`, `/です`: a sentence's words glued to the URL), no sentence's mark,
no bracket."""
IRI_RUN_ENDS_BEFORE = frozenset("。、，．！？!?.,）」』】〕］｝〉》)]" + NOT_IN_URLS)
"""What may follow a URL's Japanese part, beside white space and the text's end: a
sentence's end or pause (`/wiki/東京駅。`), a bracket closing what opened before the URL
(`（…/wiki/大阪府）の話`), a character no URL holds (`…/パス?q=1&x=<y>`: the `<` had
cut the URL at `https://example.jp/`; user review). Anything else (hiragana,
`/トランプ氏の姿勢`) makes the Japanese a sentence glued to the URL."""


OPENING_CLOSING = dict(
    zip("（「『【〔［｛〈《([{<\"'“‘", "）」』】〕］｝〉》)]}>\"'”’", strict=True)
)
"""What sets a URL apart from the text before it beside white space and a line's start (an
opening bracket or quote), and what closes it."""
_DELIMITED_RUN = re.compile(
    r"[^\s<>\"`{}|\\^。、，．！？「」『』（）【】〔〕［］｛｝〈〉《》”’]{1,500}"
)
"""The rest of a URL set apart by white space: any character a URL may be written with
(hiragana, full-width letters, `～`, `…`, `△`), up to white space, a full-width sentence's
mark or bracket, or what no URL holds."""


_SENTENCE_GLUED = re.compile(r"^(?:を|から|より|へ|まで)|(?:です|ます|ください|どうぞ)$")
"""A run after a URL set apart that is a sentence's words glued to it, not its path: it
begins with a particle no title begins with (`https://example.com/news/をご覧ください`,
`…/からどうぞ`, `…/news/より`, `…/へ`) or ends as a sentence does (`…/wiki/大阪の話です`)."""
_WORD = f"{READ_AS_KANJI}{KATAKANA_BLOCK}"
_STARTS_WITH_HIRAGANA = re.compile(f"^[{HIRAGANA}]")
_SENTENCE_IN_RUN = re.compile(
    f"[{_WORD}](?:を|が|に|で|へ|は|も|って|と(?![{_WORD}]))"
    f"|[{_WORD}](?:[{HIRAGANA}]*(?:た|だ|ね|よ|な|か)|[{HIRAGANA}]+い)$"
)
"""A run a sentence's mark ends after a URL set apart that reads as a sentence, not a
title, and stays out (`reads_as_sentence`):

- it starts with hiragana (`_STARTS_WITH_HIRAGANA`: `…/news/とのこと。`,
  `…/news/すごいね。`, `…/article/12345/という記事。`): a title starting so
  (`…/wiki/のび太、`) cannot be told from a sentence without a dictionary, and is left
  out too, but where the caller knows the run ends as a page's title does;
- a particle after a word (`…/wiki/東京駅を見る。`, `…/wiki/東京駅とは？`,
  `…/wiki/東京駅ってどこ？`, `…/1085460/トランプ氏の姿勢は、…`); a title's `の` and its
  `と` between two words (`…/wiki/千と千尋の神隠し。`) are none;
- it ends as a predicate does, after a word and its kana: `た`, `だ`, `ね`, `よ`, `な`,
  `か` (`…/news/驚いた。`, `…/news/最高だ！`), or `い` after kana (`…/wiki/大きい。`,
  `…/news/知らない。`); `い` straight after a kanji ends nouns as well as adjectives
  (`…/wiki/関ヶ原の戦い。` is a title) and is none.

A run of kanji, katakana and their kana otherwise (`…/wiki/ドラえもん。`,
`…/wiki/東京駅。`) is a title, up to the mark."""


def _after_a_bullet(text: str, start: int) -> bool:
    """Whether a list's bullet at its line's start (but for indentation) stands before
    `start` (`・https://…`, as a Markdown list reads): the URL is set apart, as after
    white space."""
    if start < 1 or text[start - 1] != "・":
        return False
    at = start - 2
    while at >= 0 and text[at] in " \t\u3000":  # its indentation
        at -= 1
    return at < 0 or text[at] == "\n"


def reads_as_sentence(run: str, *, url: str = "") -> bool:
    """Whether `run`, Japanese after the `/` that ends `url`'s ASCII part, reads as a
    sentence, not a title (`_SENTENCE_IN_RUN`): `東京駅を見る`, `今後に注目`, `驚いた`, not
    `東京都`. A run that starts with hiragana counts as one (`とのこと`, and `ひらがな`
    too: no dictionary here tells them apart), but after a wiki's `/wiki/`, whose path is
    a page's title (`…/wiki/ひらがな`, `…/wiki/のび太`) when nothing else reads as a
    sentence in it."""
    if _SENTENCE_IN_RUN.search(run):
        return True
    return not url.endswith("/wiki/") and _STARTS_WITH_HIRAGANA.match(run) is not None


def url_end(text: str, found: re.Match[str]) -> int:
    """Where the URL `URL` found in `text` ends: its ASCII run, but for trailing
    characters that end no URL (`trim_url`), and where that run ends on a `/`, `=` or
    `#` with Japanese straight after it:

    - a URL the writer set apart (white space, the line's start, an opening bracket or
      a list's bullet before it, `詳細は https://ja.wikipedia.org/wiki/ドラえもん を参照`,
      `・https://ja.wikipedia.org/wiki/のび太`) takes its whole run up to the white space
      or the end after it, or up to the bracket closing the one before it
      (`（…/wiki/けものフレンズ）の話`), or up to a full-width sentence's mark or a
      closing bracket (`…/wiki/ドラえもん。`) when the run reads as a title, not a
      sentence (`reads_as_sentence`: `…/wiki/東京駅を見る。`, `…/news/とのこと。`);
      trailing characters that end no URL are trimmed (`trim_url`);
    - otherwise (a URL glued to the text before it, or a run a sentence's mark cuts) a run
      of kanji, katakana and ASCII URL characters (`_IRI_RUN`) when white space, the end, a
      sentence's mark or a closing bracket follows it (`IRI_RUN_ENDS_BEFORE`):
      `…/wiki/東京駅。`, `（…/wiki/大阪府）の話` are whole; a URL glued to words
      (`公式サイトhttps://example.com/からどうぞ`, `…/1085460/トランプ氏の姿勢は、…`) still
      ends where the Japanese begins."""
    url = trim_url(found.group())
    end = found.start() + len(url)
    if url != found.group() or url[-1] not in IRI_PATH_AFTER or end >= len(text):
        return end
    if text[end].isascii() or text[end].isspace():
        return end
    before = text[found.start() - 1] if found.start() else "\n"
    if before.isspace() or before in OPENING_CLOSING or _after_a_bullet(text, found.start()):
        delimited = _delimited_end(text, end, url, OPENING_CLOSING.get(before))
        if delimited is not None:
            return delimited
    run = _IRI_RUN.match(text, end)
    path = _balanced(run.group()) if run is not None else ""
    path = trim_url(url + path)[len(url) :]
    after = end + len(path)
    if not path or (
        after < len(text) and not text[after].isspace() and text[after] not in IRI_RUN_ENDS_BEFORE
    ):
        return end
    return after


def _delimited_end(text: str, end: int, url: str, closing: str | None) -> int | None:
    """Where the URL set apart before it (by white space, or by an opening bracket closed
    by `closing`) ends, its ASCII part `url` ending at `end`: the run after it up to white
    space, the end, or `closing`, or a sentence's mark or a closing bracket
    (`IRI_RUN_ENDS_BEFORE`) after a run that reads as a title (`reads_as_sentence`); None
    when something else stops the run (a sentence glued to the URL, `…/wiki/東京駅を見る。`,
    `…/news/とのこと。`, `…/news/をご覧ください`; an opening bracket, hiragana after a
    `」`)."""
    run = _DELIMITED_RUN.match(text, end)
    if run is None or _SENTENCE_GLUED.search(run.group()):
        return None
    path = _balanced(run.group())
    if closing is not None and closing in path:  # '…/wiki/東京'を参照: the quote closes it
        path = path[: path.index(closing)]
    stop = end + len(path)
    # A sentence's mark or a bracket closing what opened before (`詳細は …/wiki/ドラえもん。`)
    # ends the path too, but for a sentence (`…/wiki/東京駅を見る。`).
    if (
        stop < len(text)
        and not text[stop].isspace()
        and text[stop] != closing
        and (text[stop] not in IRI_RUN_ENDS_BEFORE or reads_as_sentence(path))
    ):
        return None
    path = trim_url(url + path)[len(url) :]
    return end + len(path) if path else None


def _balanced(path: str) -> str:
    """`path` up to a `)` or `]` that closes nothing opened in it (`(…/wiki/大阪府)の話`:
    the parenthesis closes one opened before the URL)."""
    depth = {")": 0, "]": 0}
    for at, char in enumerate(path):
        if char in "([":
            depth[")" if char == "(" else "]"] += 1
        elif char in depth:
            if not depth[char]:
                return path[:at]
            depth[char] -= 1
    return path


def urls_in(text: str, delimited: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """Each http(s) URL written in `text`, as (start, end, URL), only with a host
    (`http://` alone, `https://.` are none): the `delimited` spans whole (where the
    parser knew a URL's ends: a Markdown link's destination between its parentheses,
    Japanese and all, `https://ja.wikipedia.org/wiki/東京都`), the others where the parser
    would end them (`url_end`: at the first character no URL holds, so that a URL glued
    to Japanese commentary ends where the Japanese begins; but for a Japanese path).

    The URL is the text between `start` and `end`, as written: a reader draws it as a
    link where it stands and opens what it shows."""
    found: list[tuple[int, int, str]] = [
        (start, end, text[start:end]) for start, end in delimited if is_web_url(text[start:end])
    ]
    for match in URL.finditer(text):
        end = url_end(text, match)
        url = text[match.start() : end]
        inside = any(start < end and match.start() < stop for start, stop in delimited)
        if url_host(url) is not None and not inside:
            found.append((match.start(), end, url))
    return sorted(found) if delimited else found


def is_web_url(url: str) -> bool:
    """Whether `url` is an http(s) URL with a host (a Markdown link's destination may be
    a path, an anchor or a `mailto:`)."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return False
    return scheme in ("http", "https") and url_host(url) is not None


URI_CHARACTERS = frozenset(chr(code) for code in range(0x21, 0x7F))
"""What a URI is written in (RFC 3986): printable ASCII. An IRI's other characters
(RFC 3987: `東京都` in a path) are percent-encoded in UTF-8 to make its URI."""


def as_uri(iri: str) -> str:
    """The URI of an IRI (RFC 3987, 3.1): its host in IDNA (`日本.jp` as
    `xn--wgv71a.jp`), every other character outside printable ASCII percent-encoded as
    UTF-8 (`/wiki/東京都` as `/wiki/%E6%9D%B1%E4%BA%AC%E9%83%BD`); a `%` already there
    is left as it is. What a browser is given to open, a terminal's OSC 8 link and the
    clipboard: a terminal takes only printable ASCII in an OSC 8 link, and a URL pasted
    where URLs are found (a chat, a mail) would end at its first Japanese character, as
    the reader's did. The URL as written is what the reader shows. An ASCII URL is
    returned as it is."""
    if all(char in URI_CHARACTERS for char in iri):
        return iri
    safe = "".join(URI_CHARACTERS)
    try:
        parts = urlsplit(iri)
        host = parts.hostname or ""
    except ValueError:
        return quote(iri, safe=safe, errors="surrogatepass")
    if host and not host.isascii():
        try:
            ascii_host = host.encode("idna").decode("ascii")
        except UnicodeError:
            ascii_host = quote(host, safe=safe, errors="surrogatepass")
        # The host replaced where it is written (`hostname` is lower-cased), the rest
        # of the IRI as it is (rebuilt from its parts, an empty `?` would be dropped).
        at = iri.find(parts.netloc)
        found = parts.netloc.lower().rfind(host)
        if at >= 0 and found >= 0:
            at += found
            iri = iri[:at] + ascii_host + iri[at + len(host) :]
    return quote(iri, safe=safe, errors="surrogatepass")


def url_host(url: str) -> str | None:
    """The URL's host, lower-cased; None when it has none or is malformed."""
    try:
        return urlsplit(url).hostname or None
    except ValueError:  # e.g. an unterminated IPv6 literal
        return None


_SCHEME_ONLY = re.compile(r"[a-z][a-z0-9+.\-]*:/*")
"""A URL's scheme with nothing after it (`https://`, `http:`): no host yet."""
_HOST_CHARACTERS = frozenset("-._:")
"""What a host holds beside letters and digits (`:` in an IPv6 address): a `site:`
value holding anything else names no site (`site:"news livedoor"`, `site:a,b`)."""


def site_host(value: str) -> str | None:
    """The host a `site:` filter names: the value itself, lower-cased (a host,
    `news.livedoor.com`, or a label, `livedoor`), or the host of a URL pasted there, as
    the reader's `y` copies one (`https://www.cnn.co.jp/world/`: `www.cnn.co.jp`; its
    scheme, path, query and port dropped; `news.livedoor.com/topics/` too); the index
    holds a site so (`url_host`). None when it names no host (`https://`, `a b`)."""
    value = value.strip().lower()
    if not value or _SCHEME_ONLY.fullmatch(value):
        return None
    if "/" not in value and "@" not in value:
        # A host or a label as the index holds it, taken as written: a host the F
        # picker offers may be one urlsplit reads otherwise (`::1`, `ex~ample.com`),
        # and it was refused. Only a space or a comma (the facet's separator) is none.
        if any(char.isspace() or char == "," for char in value):
            return None
        named, colon, port = value.rpartition(":")
        return named if colon and port.isdigit() and ":" not in named else value  # a port
    try:
        host = urlsplit(value if "://" in value else "//" + value).hostname
    except ValueError:  # e.g. an unterminated IPv6 literal
        return None
    if not host or not all(char.isalnum() or char in _HOST_CHARACTERS for char in host):
        return None
    return host
