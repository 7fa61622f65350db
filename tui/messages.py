"""App-wide requests that several widgets may send; widget events live in their widgets."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenArticle(Message):
    """Open this article in the reading view."""

    article_id: str


@dataclass
class AddFilter(Message):
    """Add a filter clause (already quoted for the query language) to the search."""

    clause: str


@dataclass
class IndexChanged(Message):
    """The background update finished; lists should be reloaded."""

    summary: str
