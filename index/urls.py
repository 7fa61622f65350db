"""What the index reads from a URL: its host (a card's site, a news article's own)."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_host(url: str) -> str | None:
    """The URL's host, lower-cased; None when it has none or is malformed."""
    try:
        return urlsplit(url).hostname or None
    except ValueError:  # e.g. an unterminated IPv6 literal
        return None
