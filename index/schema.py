"""The Whoosh schema and the mapping from an article to an index document.

PROVISIONAL: the content fields here are a placeholder until the Japanese
analyzer lands; the bookkeeping fields are the contract with index/build.py.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields

from index.model import Article

# Bookkeeping fields, written by the builder (index/build.py), never by document_fields():
#   path      absolute path of the source file (unique key for incremental updates)
#   size      file size in bytes
#   mtime_ns  file modification time, nanoseconds
#   sha256    hex digest of the file's bytes
BOOKKEEPING_FIELDS = ("path", "size", "mtime_ns", "sha256")


def make_schema() -> fields.Schema:
    return fields.Schema(
        # bookkeeping
        path=fields.ID(stored=True, unique=True),
        size=fields.NUMERIC(stored=True, bits=64),
        mtime_ns=fields.NUMERIC(stored=True, bits=64),
        sha256=fields.ID(stored=True),
        # content (placeholder)
        id=fields.ID(stored=True, unique=True),
        format=fields.ID(stored=True),
        title=fields.TEXT(stored=True, field_boost=3.0),
        content=fields.TEXT(),
        published=fields.DATETIME(stored=True, sortable=True),
        site=fields.KEYWORD(stored=True, commas=True, lowercase=True),
        outlet=fields.KEYWORD(stored=True, commas=True),
    )


def document_fields(article: Article) -> dict[str, Any]:
    """The content fields of `article` (everything but the bookkeeping fields)."""
    return {
        "id": article.id,
        "format": article.format.value,
        "title": article.title,
        "content": article.document().text,
        "site": ",".join(sorted({c.site for c in article.cards if c.site})),
        "outlet": ",".join(sorted({c.outlet for c in article.cards if c.outlet})),
    }
