"""`yomite search [--home DIR] [--json] [--limit N] [--sort relevance|date] QUERY`.

Prints ranked hits with the matches highlighted, or with `--json` exactly
`{"query", "total", "hits": [{"id", "path", "title", "score", "published",
"site", "outlet", "snippet"}], "hints"}` (path absolute, snippet plain text; hints,
what to try when nothing was found, as strings: `index.hints`, the reader's, or when
few were, one saying an operator was typed in lower case (`few_hit_hints`), else
empty). Printed, the hints follow the hits on stderr, a line each. Exit 2
with a one-line message when the query is malformed (or config.toml cannot be
used, as `yomite index` refuses it), 1 when the index cannot be opened.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import re
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from index.commands import (
    STDERR,
    CommandConsole,
    add_home_argument,
    json_text,
    said,
    usable_environ,
    write_out,
)
from index.config import load_config
from index.errors import ConfigError, LibraryError, QueryError
from index.hints import few_hit_hints, no_hit_hints
from index.library import Library
from index.locations import locations, typed_command
from index.model import ArticleSummary, Hit, NoHitFinds, SearchResult
from index.query import ignored_notice
from index.sanitize import needs_escape, one_line, printable
from index.store import check_home
from index.syntax import lex
from index.typeset import NO_LINE_END, NO_LINE_START, Typesetting, cell_width, typeset
from index.urls import urls_in
from index.wording import plural


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_home_argument(parser)
    parser.add_argument("--json", action="store_true", help="print the hits as one JSON object")
    parser.add_argument(
        "--limit", type=int, default=20, metavar="N", help="how many hits to print (default 20)"
    )
    parser.add_argument(
        "--sort",
        choices=("relevance", "date"),
        default="relevance",
        help="rank by relevance (default) or newest first",
    )
    parser.add_argument(
        "query",
        nargs="+",
        metavar="QUERY",
        help='words (AND), OR, -word or NOT word, "phrase", site: outlet: person: place: '
        "org: title: after:DATE before:DATE (DATE: YYYY, YYYY-MM or YYYY-MM-DD; "
        "2012年, 2012年3月 or 2012年3月5日)",
    )


def prepare_argv(parser: argparse.ArgumentParser, argv: Sequence[str]) -> list[str]:
    """`argv` with the query words moved after a `--`, the options (and their values)
    kept before it.

    `-word` excludes a word, but argparse takes any `-…` for an option: `東京 -大阪`
    was an unknown option, `-東京 大阪` left no QUERY. Only the parser's own options
    (exactly, or a long one abbreviated as argparse allows) stay options; any other
    `--…` stays too, for argparse to refuse as unknown.

    A word that is an option with one dash short (`-json`, `-limit`) is still a query
    word, as the syntax says, but one line on stderr says so: `yomite search -json 東京`
    excluded the word "json" without a word, and printed text where JSON was wanted.
    (After `--`, a word is a query word on purpose: nothing is said.)
    """
    takes_value = {
        option: action.nargs != 0 for action in parser._actions for option in action.option_strings
    }
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv)
    for arg in rest:
        if arg == "--":
            words.extend(rest)
        elif arg in takes_value or arg.startswith("--"):
            options.append(arg)
            if "=" not in arg and takes_value.get(_long_option(arg, takes_value), False):
                options.extend(itertools.islice(rest, 1))
        else:
            words.append(arg)
            if arg.startswith("-") and f"-{arg}" in takes_value:
                print(
                    f"yomite search: {arg} excludes the word {arg[1:]}; the option is -{arg}",
                    file=STDERR,
                )
    return [*options, "--", *words] if words else options


def _long_option(arg: str, options: Collection[str]) -> str:
    """The option `arg` names: itself, or the one long option it abbreviates."""
    matches = [option for option in options if option.startswith("--") and option.startswith(arg)]
    return arg if arg in options or len(matches) != 1 else matches[0]


def run(args: argparse.Namespace) -> int:
    # Messages stay one line (greppable, and what scripts expect), whatever the width.
    err = CommandConsole(stderr=True, highlight=False, soft_wrap=True)
    query = " ".join(args.query)
    if args.limit < 1:
        err.print(Text("yomite search: --limit must be at least 1"))
        return 2
    if not query.strip():
        example = "yomite search 東京"
        with contextlib.suppress(ConfigError):  # YOMITE_HOME naming no user: the bare one
            example = printable(typed_command(locations(args.home), "yomite search", "東京"))
        err.print(Text(f"yomite search: empty query: give words to search for ({example})"))
        return 2
    where = locations(args.home)
    try:
        # Refused as `yomite index` and the reader refuse it: a mistake went unseen here.
        # (A home that cannot be one is said first, as before: its config is unreadable.)
        check_home(where.home, where.index_dir)
        config = load_config(where)
    except (ConfigError, LibraryError) as error:
        return said(err, "search", error, usage=ConfigError)
    try:
        with Library.open(where, create=False) as library:
            if not library.has_index:
                # Not "0 hits" and success: a script could not tell it from a search
                # that found nothing (verify says so the same way).
                err.print(Text(f"yomite search: {printable(library.notice or 'no index')}"))
                return 1
            if library.notice and not args.json:
                err.print(Text(f"yomite search: {printable(library.notice)}"))
            result = library.search(query, limit=args.limit, sort=args.sort)
            finds = None if result.total else library.no_hit_finds(query)
    except (QueryError, LibraryError) as error:
        return said(err, "search", error, usage=QueryError)
    if result.ignored:
        # On stderr, with --json too: what was searched is not quite what was typed
        err.print(Text(f"yomite search: {printable(ignored_notice(result.ignored))}"))
    if args.json:
        write_out(terminal_safe(json_text(json_result(result, finds), indent=1)) + "\n")
    else:
        # Lines broken as the reader breaks them: `[reader] ambiguous_width` and
        # `phrase_breaking` too (furigana is the reader's toggle, not the hits').
        settings = replace(Typesetting.from_config(config.reader), furigana=False, line_width=0)
        _print_hits(result, CommandConsole(highlight=False), settings)
        # After "0 hits", on stderr as the command's other notes: the hits (none) stay
        # all a pipe gets. It said nothing, where the reader says what to try.
        for hint in _hints(result, finds):
            err.print(Text(f"yomite search: hint: {printable(hint)}"))
    return 0


def _hints(result: SearchResult, finds: NoHitFinds | None) -> list[str]:
    """What to try, as the reader's empty list says it, when nothing was found (`finds`:
    the query typed otherwise); when few were, what says the query was not searched as
    meant (`few_hit_hints`)."""
    if finds is None:
        return [hint.text for hint in few_hit_hints(result.query, result.total)]
    hints = no_hit_hints(result.query, ignored=result.ignored, finds=finds)
    return [hint.text for hint in hints]


def terminal_safe(document: str) -> str:
    """JSON with every character `needs_escape` finds escaped (\\uXXXX): the same data,
    but a file name holding ESC ] 0 ; (or C1, bidi, lone surrogates) cannot reach the
    terminal."""
    return "".join(
        json.dumps(char)[1:-1] if char != "\n" and needs_escape(char) else char for char in document
    )


def plain_snippet(hit: Hit) -> str:
    return "".join(text for text, _ in hit.snippet)


def _published(article: ArticleSummary) -> str | None:
    """The article's date as `yomite parse --json` gives it (its time zone; a date alone
    without a made-up midnight)."""
    if article.published_iso:
        return article.published_iso
    return article.published.isoformat() if article.published else None


def json_result(result: SearchResult, finds: NoHitFinds | None) -> dict[str, Any]:
    return {
        "query": result.query,
        "total": result.total,
        "hits": [
            {
                "id": hit.article.id,
                "path": hit.article.path,
                "title": hit.article.title,
                "score": round(hit.score, 4),
                "published": _published(hit.article),
                "site": hit.article.site,
                "outlet": hit.article.outlet,
                "snippet": plain_snippet(hit),
            }
            for hit in result.hits
        ],
        "hints": _hints(result, finds),
    }


NARROWEST = 8
"""Cells a hit's wrapped lines keep at least, whatever the terminal's width."""


def _print_hanging(
    out: Console,
    first: str,
    rest: str,
    text: Text,
    settings: Typesetting,
    *,
    words: Sequence[tuple[int, int]] = (),
) -> None:
    """`text` wrapped to the console's width after `first` (its first line) or `rest`
    (the others, aligned under it), with no padding after the text (as Rich's
    tables and paddings add), so that piped output has no trailing spaces. Into a
    pipe or a file without COLUMNS it is not wrapped: each line whole, for grep.

    The lines are the reading view's (`index.typeset`, with the reader's `settings`):
    Rich wraps at spaces only, and a breaker of the command's own broke a text
    elsewhere than the reader. `words`: ranges of `text` kept whole where they fit a
    line (a query's words)."""
    if not _wrapped(out):
        row = Text(first) + text
        row.rstrip()
        out.print(row, soft_wrap=True)
        return
    # Narrow terminals too (a phone's SSH client: 20 columns did not fit the 20 cells
    # kept at least, and every line ran past the edge); a full-width character and
    # kinsoku need a few cells.
    width = max(out.width - len(first), NARROWEST)
    plain, ambiguous = text.plain, settings.ambiguous_width
    # A URL is copied from the output: never broken across lines (user review). One that
    # fits a line is kept on one; one wider stands on a line of its own, whole, from
    # column 0 (the terminal folds it if it must: a soft wrap, copied whole), the text
    # before and after it set around it.
    urls = [(a, b) for a, b, _ in urls_in(plain)]
    # Measured with what is glued to it: a URL as wide as the line, a `…` after it, was
    # set on it and the `…` went down alone, or the URL's end with it (over ldcc's
    # snippets around a URL, 66 URLs split at 50 columns, 3 now: `HP●http://…`).
    glued = [_glued(plain, a, b) for a, b in urls]
    wide = [(a, b) for a, b in glued if cell_width(plain[a:b], ambiguous) > width]
    lines: list[tuple[bool, Text]] = []
    """Each line to print, and whether it is a URL printed whole."""
    start = 0
    for a, b in [*wide, (len(plain), len(plain))]:
        a = max(a, start)  # two URLs glued by a `…`
        # The text after a URL's line without the spaces a line's break drops (`typeset`):
        # it began a cell right of the lines under which it hangs.
        while 0 < start < a and plain[start] in LINE_START_SPACES:
            start += 1
        piece = text[start:a]
        # Not a line of nothing but the indentation before a word too long for a line
        # (a code line's URL): a blank line is what separates hits.
        kept = [
            (c - start, d - start)
            for c, d in [*words, *urls]
            if start <= c and d <= a and cell_width(plain[c:d], ambiguous) <= width
        ]
        if piece.plain.strip():
            set_lines = typeset(piece, width, settings, keep_together=kept)
            lines += [(False, line) for line in set_lines if line.plain.strip()]
        if a < b:
            lines.append((True, text[a:b]))
        start = b
    for number, (whole, line) in enumerate(lines or [(False, Text())]):
        indent = first if number == 0 else rest
        if whole and number:
            indent = ""
        row = Text(indent) + line
        row.rstrip()  # the indent too, should the line be empty
        out.print(row, soft_wrap=True)


GLUED_BEFORE = frozenset(NO_LINE_END | {"…", "‥"})
GLUED_AFTER = frozenset(NO_LINE_START | {"…", "‥"})
LINE_START_SPACES = frozenset(" \t\u3000")


def _glued(plain: str, start: int, end: int) -> tuple[int, int]:
    """The URL at `start:end` of `plain` with what may not be set apart from it by a line's
    break: an opening bracket before it, a closing one or a `。` after it (kinsoku,
    `index.typeset`), and a snippet's `…` on either side, which stood on a line of its own
    beside a URL wider than a line (user review, 40 columns)."""
    while start and plain[start - 1] in GLUED_BEFORE:
        start -= 1
    while end < len(plain) and plain[end] in GLUED_AFTER:
        end += 1
    return start, end


def _wrapped(out: Console) -> bool:
    """Whether the lines printed are wrapped to the console's width: on a terminal, or
    with COLUMNS set; into a pipe or a file, each line is whole, for grep."""
    return out.is_terminal or "COLUMNS" in usable_environ()


def _print_path(out: Console, indent: str, path: str) -> None:
    """A hit's file path, one line, never broken, so that it copies whole (user review:
    broken after a `/` at 40 columns, it could not be): under the indent where it fits,
    else from column 0, the terminal folding it if it must (a soft wrap, copied whole).
    Into a pipe, under the indent, for grep."""
    if _wrapped(out) and cell_len(indent + path) > out.width:
        indent = ""
    out.print(Text(f"{indent}{path}", style="dim"), soft_wrap=True)


def _query_words(query: str) -> list[tuple[int, int]]:
    """The spans of `query`'s words as the parser reads them (`index.syntax.lex`): a
    quoted phrase or filter value whole (`outlet:"Sports Watch"` broke at its space,
    `outlet:"Sports` / `Watch"`, at 30 columns). Where the query was shown escaped
    (`printable`), its spans are no longer the lexer's: its runs of non-spaces."""
    if printable(query) == query:
        return [(lexeme.start, lexeme.end) for lexeme in lex(query).lexemes]
    return [match.span() for match in re.finditer(r"\S+", query)]


def _print_hits(result: SearchResult, out: Console, settings: Typesetting) -> None:
    # As the reader's count says it (`hit_count`): `1,367+` at least, `≈1,367` about.
    # (none found is none: no "at least 0")
    exact = result.exact_total or not result.total
    about = "" if exact else "at least " if result.total_at_least else "about "
    noun = plural(result.total, "hit")
    # The query as typed may hold an escape sequence (ESC ] 0 set a window's title), a
    # bidi override or a newline: shown escaped, as a file name is.
    query = printable(result.query)
    # Wrapped as a hit's lines are (whole into a pipe): Rich cut a long query mid-word
    # at 80 columns, even into a file, and left a space at the line's end.
    header = Text(f"{about}{result.total:,} {noun} for {query}", style="bold")
    # Broken between the query's words where they fit a line: `1,111 hits for 東京 OR
    # ぜん` / `だいとうりょう` broke a word read as typed (user review, 40 columns).
    start = len(header) - len(query)
    words = [(start + word_start, start + end) for word_start, end in _query_words(query)]
    _print_hanging(out, "", "", header, settings, words=words)
    # Each hit's lines hang from its rank, wrapped lines too (" 1." as wide as "10.").
    rank_width = len(f"{len(result.hits)}.")
    indent = " " * (rank_width + 1)
    for rank, hit in enumerate(result.hits, 1):
        article = hit.article
        out.print()
        details = [
            _when(article.published),
            article.outlet,
            article.site,
        ]
        snippet = Text()
        for text, is_match in hit.snippet:
            snippet.append(text, style="bold reverse" if is_match else "")
        label = f"{rank}.".rjust(rank_width) + " "
        title = Text(one_line(article.title), style="bold")
        _print_hanging(out, label, indent, title, settings)
        if any(details):
            _print_hanging(
                out,
                indent,
                indent,
                Text("  ".join(d for d in details if d), style="dim"),
                settings,
            )
        if snippet.plain.strip():  # a file of one line is a title with no text to show
            _print_hanging(out, indent, indent, snippet, settings)
        # File names come from the disk, not through the parser's sanitizer.
        _print_path(out, indent, printable(article.path))


def _when(published: datetime | None) -> str | None:
    """A hit's date, with its time where the article gives one (a curation article
    gives a day: 00:00 was printed as if it were a time)."""
    if published is None:
        return None
    if (published.hour, published.minute, published.second) == (0, 0, 0):
        return published.strftime("%Y-%m-%d")
    return published.strftime("%Y-%m-%d %H:%M")
