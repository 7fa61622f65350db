"""URLs: where one written in an article's text ends (the parser's), the URLs a text
holds (the reader's links in the body), and what the index reads from one, its host (a
card's site, a news article's own)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
"""An http(s) URL: RFC 3986 unreserved, reserved and % characters, so a URL glued to
Japanese text ends where the Japanese begins."""
URL_UNLIKELY_END = ".,;:!?'"


def is_url_line(line: str) -> bool:
    match = URL.fullmatch(line)
    return match is not None and trim_url(line) == line


def trim_url(candidate: str, unlikely_end: str = URL_UNLIKELY_END) -> str:
    """Drop trailing characters that are legal in a URL but almost never end one
    (`unlikely_end`, and a `)` or `]` that closes nothing opened in the URL)."""
    url = candidate
    while url:
        last = url[-1]
        if last in unlikely_end or (
            last in ")]" and url.count("(" if last == ")" else "[") < url.count(last)
        ):
            url = url[:-1]
        else:
            break
    return url


def urls_in(text: str) -> list[tuple[int, int, str]]:
    """Each http(s) URL written in `text`, as (start, end, URL): where the parser would
    end it (`trim_url`), and only with a host (`http://` alone, `https://.` are none).

    The URL is the text between `start` and `end`, as written: a reader draws it as a
    link where it stands and opens what it shows."""
    found: list[tuple[int, int, str]] = []
    for match in URL.finditer(text):
        url = trim_url(match.group())
        if url_host(url) is not None:
            found.append((match.start(), match.start() + len(url), url))
    return found


def url_host(url: str) -> str | None:
    """The URL's host, lower-cased; None when it has none or is malformed."""
    try:
        return urlsplit(url).hostname or None
    except ValueError:  # e.g. an unterminated IPv6 literal
        return None
