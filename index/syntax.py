"""The query language's small print, shared by its parser (`index.query`) and the
reader's dialogs that edit a query (`tui.query_edit`): the quotes that open a
phrase, the date filters and the forms of a date.

Imports nothing heavy: the reader loads it at start, before Whoosh's query machinery.
"""

from __future__ import annotations

from datetime import datetime

QUOTES = str.maketrans(dict.fromkeys("“”„‟「」『』", '"'))
"""Typographic and Japanese quotes, read as the phrase quote: a Japanese IME types
“ ” for the quote key, and 「…」 is how a phrase is quoted in Japanese; as plain
characters they were dropped, and “日本 代表” matched as 日本 AND 代表.
One character for one: positions in a query hold after `str.translate(QUOTES)`."""

CLOSING_QUOTES = {"“": "”", "„": "”", "‟": "”", "「": "」", "『": "』"}
"""The closing quote of each opening one that QUOTES reads as '"'."""

DATE_FIELDS = ("after", "before")
"""`after:` (inclusive) and `before:` (exclusive)."""

DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y-%m", "%Y")


def parse_date(value: str) -> datetime | None:
    """The first moment of the day, month or year `value` names; None for no date."""
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern)
        except ValueError:
            continue
    return None
