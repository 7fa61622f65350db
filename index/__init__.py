"""yomite's domain: articles, parsing, the Japanese analyzer, the index and search.

This package never imports Textual (tests/test_import_hygiene.py holds it to
that); `tui` presents what it gives.
"""

from index.model import (
    Article,
    ArticleFormat,
    ArticleSummary,
    Block,
    BlockKind,
    Document,
    Hit,
    SearchResult,
    Section,
    Snippet,
    SourceCard,
)

__all__ = [
    "Article",
    "ArticleFormat",
    "ArticleSummary",
    "Block",
    "BlockKind",
    "Document",
    "Hit",
    "SearchResult",
    "Section",
    "Snippet",
    "SourceCard",
]
