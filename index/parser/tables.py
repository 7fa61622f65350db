"""Tables (see `index.parser`): a CSV (`*.csv`) or TSV (`*.tsv`) file, read as a
table: titled by the file's name (its first row is the columns' names, no title), its
rows the text, one paragraph set as written (no furigana), a row a line, its cells
between ` │ `, in columns when narrow enough: as a Markdown table reads
(`index.model.TABLE_COLUMNS`). A cell's quotes are the CSV's, not its text; a cell over
several lines is one line. Read with the standard library's `csv`."""

from __future__ import annotations

import csv
import io

from index.model import TABLE_COLUMNS, Article
from index.parser.markdown import TABLE_ALIGNED_MAX
from index.parser.plain import joined, line_width


def _delimiter(first: str, suffix: str) -> str:
    """A TSV's tab; a CSV's comma, or a tab or semicolon its first line holds in place of
    one (a spreadsheet's export in a locale whose decimal mark is the comma)."""
    if suffix == ".tsv":
        return "\t"
    if "," not in first:
        for other in ("\t", ";"):
            if other in first:
                return other
    return ","


def table_rows(text: str, suffix: str) -> list[list[str]] | None:
    """The rows of a table file's `text` (named with `suffix`), blank ones left out,
    each cell on one line; None when `csv` cannot read it (read it as a text then)."""
    first = text.lstrip("\n").partition("\n")[0]
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(first, suffix)))
    except csv.Error:  # a field over csv's limit (128 KiB)
        return None
    cells = [[_one_line(cell) for cell in row] for row in rows]
    return [row for row in cells if any(row)]


def _one_line(cell: str) -> str:
    """A cell's lines as one, joined as a plain text's wrapped lines are (no space
    between two Japanese characters: `大阪` / `府` is 大阪府), its spaces each one."""
    text = ""
    for line in cell.split("\n"):
        line = " ".join(line.split())
        if line:
            text = joined(text, line) if text else line
    return text


def read_table(rows: list[list[str]], article: Article) -> None:
    """`rows` as `article`'s text: one paragraph of lines, set as written."""
    columns = max(len(row) for row in rows)
    widths = [
        max(line_width(row[n]) if n < len(row) else 0 for row in rows) for n in range(columns)
    ]
    aligned = sum(widths) + len(TABLE_COLUMNS) * (columns - 1) <= TABLE_ALIGNED_MAX
    lines = []
    for row in rows:
        if aligned:
            row = [cell + " " * (widths[n] - line_width(cell)) for n, cell in enumerate(row)]
        lines.append(TABLE_COLUMNS.join(row).rstrip())
    article.intro = ["\n".join(lines)]
    article.intro_verbatim = {0}
