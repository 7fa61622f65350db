"""The wall: `index` is the domain and must never pull in Textual."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import index


def _index_modules() -> list[str]:
    submodules = pkgutil.walk_packages(index.__path__, prefix="index.")
    return ["index", *sorted(m.name for m in submodules)]


@pytest.mark.parametrize("module", _index_modules())
def test_index_module_does_not_import_textual(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{module} imports Textual: {out.stdout.strip()}"


@pytest.mark.parametrize("module", ["index.syntax", "index.query_edit", "tui.notices"])
def test_the_query_reading_the_reader_shares_loads_neither_whoosh_nor_mecab(module: str) -> None:
    """The reader reads a query's filters and words with `index.syntax.lex`, as the parser
    does, at start: it must stay as light as the regexes it replaced."""
    heavy = ("whoosh", "fugashi", "unidic_lite", "index.query", "index.analysis")
    code = (
        f"import sys, {module}\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy[:3]!r} "
        f"or m in {heavy[3:]!r}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"{module} imports {out.stdout.strip()}"


def test_the_article_list_from_stored_fields_needs_no_search_stack() -> None:
    """A saved article list damaged or missing, the list is read from the stored fields
    (`stored_summaries`): that converter is the saved list's own, and loaded neither the
    query parser, the compiler nor MeCab's analysis (it was in `index.search`)."""
    code = (
        "import sys\n"
        "from index.summaries import stored_summaries\n"
        "class Searcher:\n"
        "    def all_stored_fields(self):\n"
        "        return [{'id': 'a', 'path': '/a.txt', 'title': 'T', 'format': 'text'}]\n"
        "print([s.title for s in stored_summaries(Searcher())])\n"
        "print(sorted(m for m in sys.modules if m in "
        "('index.search', 'index.compiler', 'index.query', 'index.analysis')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["['T']", "[]"]


def test_the_reader_starts_without_the_file_parsers() -> None:
    """The reader's list is painted before any article is read: importing the reader
    loads none of the file parsers nor the charset detection (~80 ms of a first paint's
    ~700 ms, when the typesetter took a table's column separator from the Markdown
    parser and so imported them all)."""
    code = (
        "import sys, tui.app\n"
        "print(sorted(m for m in sys.modules if m.startswith('index.parser') "
        "or m.split('.')[0] == 'charset_normalizer'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", f"the reader imports {out.stdout.strip()}"
