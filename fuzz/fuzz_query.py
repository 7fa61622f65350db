"""Coverage-guided fuzzing of the query language and search (atheris; not run in CI).

    .venv/bin/python fuzz/fuzz_query.py -max_total_time=60 [corpus_dir]

Builds a small index in a temporary data home, then feeds fuzzed strings to
`Library.search` (as typed and as submitted) and `match_ranges`: a `QueryError` with
a one-line message is the only exception allowed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(
    include=[
        "index.query",
        "index.compiler",
        "index.lexicon",
        "index.filters",
        "index.read_on",
        "index.segmentation",
        "index.postings",
        "index.term_scores",
        "index.query_classes",
        "index.phrase_checks",
        "index.scoring",
        "index.matching",
        "index.snippets",
        "index.reanalysis",
        "index.hint_searches",
        "index.search",
    ]
):
    from index.library import Library
    from index.locations import locations
    from index.query import QueryError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.articles import write_articles  # noqa: E402

_workspace = tempfile.TemporaryDirectory(prefix="yomite-fuzz-")
_corpus = Path(_workspace.name) / "corpus"
write_articles(_corpus, 24)
LIBRARY = Library.open(locations(Path(_workspace.name) / "home"))
LIBRARY.update([_corpus])
ARTICLE = LIBRARY.load(LIBRARY.articles()[0].id)


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    live = provider.ConsumeBool()
    query = provider.ConsumeUnicodeNoSurrogates(64)
    try:
        result = LIBRARY.search(query, live=live, limit=5)
    except QueryError as error:
        if "\n" in str(error) or not str(error).strip():
            raise AssertionError(f"QueryError is not one line: {error!r}") from error
        return
    if result.total < len(result.hits):
        raise AssertionError("more hits than the total")
    length = len(ARTICLE.document().text)
    for start, end in LIBRARY.match_ranges(query, ARTICLE):
        if not 0 <= start < end <= length:
            raise AssertionError(f"match range {start}-{end} outside the article")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
