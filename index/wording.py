"""Counted nouns for messages: one helper, where each message spelled its own plural
(and one said "its 1 article is left out … brings them in")."""

from __future__ import annotations

from index.syntax import QUOTES


def plural(count: int, one: str, many: str | None = None) -> str:
    """`one` for a count of 1, else `many` (default: `one` + "s")."""
    if count == 1:
        return one
    return many if many is not None else one + "s"


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` (thousands separated) and its noun: 1 article, 1,234 articles, 2
    directories (`many` for a plural not made with "s")."""
    return f"{count:,} {plural(count, one, many)}"


def quoted_query(query: str) -> str:
    """`query` (or a part of it) named in a message: between “ and ”, unless it stands
    between quotes of its own, a phrase's ("東京 大阪", 「日本 代表」), which are quotes
    enough: the reader's empty list read `No article matches “"東京 大阪"”` (user
    review). As `yomite search` names it, `0 hits for "東京 大阪"`."""
    text = query.strip()
    phrase = text.translate(QUOTES)
    if len(phrase) >= 2 and phrase[0] == phrase[-1] == '"':
        return text
    return f"“{text}”"
