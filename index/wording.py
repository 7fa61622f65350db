"""Counted nouns for messages: one helper, where each message spelled its own plural
(and one said "its 1 article is left out … brings them in")."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    """`one` for a count of 1, else `many` (default: `one` + "s")."""
    if count == 1:
        return one
    return many if many is not None else one + "s"


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` (thousands separated) and its noun: 1 article, 1,234 articles, 2
    directories (`many` for a plural not made with "s")."""
    return f"{count:,} {plural(count, one, many)}"
