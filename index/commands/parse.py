"""`yomite parse [--json] FILE...`: parse article files and print what was understood.

A FILE of `-` is standard input (as for cat), parsed as a file named `<stdin>`; a file
named `-` is `./-`.

Human output is a compact summary rendered from `rich.text.Text` objects (never markup:
article text is untrusted). `--json` prints one `Article.to_json_dict()` object per line.
A file that fails is reported on stderr as `yomite: PATH: reason` and the others are
still parsed; the exit status is 0 when every file parsed, 2 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import BinaryIO

from rich.text import Text

from index.commands import STDERR, STDIN, STDOUT, CommandConsole, json_text, write_out
from index.model import Article, ArticleFormat
from index.parser import ParseError, parse_file, parse_stream
from index.sanitize import printable
from index.wording import counted

EXIT_OK = 0
EXIT_SOME_FAILED = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", help="print one JSON object per article per line"
    )
    parser.add_argument(
        "files",
        nargs="+",
        # As typed: Path("./-") is Path("-"), and `./-` read standard input.
        type=str,
        metavar="FILE",
        help="article files; - reads standard input, parsed as a file named <stdin>",
    )


def run(args: argparse.Namespace) -> int:
    # soft_wrap: let the terminal fold long Japanese lines; Rich would break them at the
    # few ASCII spaces they hold, e.g. right after a 💡.
    out = CommandConsole(highlight=False, soft_wrap=True)
    status = EXIT_OK
    dashes = args.files.count(STDIN)
    if dashes > 1:  # the second read was empty: "empty file"
        print(
            f"yomite parse: - (standard input) is given {dashes} times: it can be read once",
            file=STDERR,
        )
        return EXIT_SOME_FAILED
    for path in args.files:
        try:
            # `-` is standard input, as for cat (it was "yomite: /home/me/-: no such file")
            article = parse_stream(_stdin()) if path == STDIN else parse_file(Path(path))
        except ParseError as error:
            # The path as `yomite index` names a file that failed: str(error) left a
            # byte of the name that is no UTF-8 (a lone surrogate) as it was.
            print(f"yomite: {printable(error.path)}: {printable(error.reason)}", file=STDERR)
            status = EXIT_SOME_FAILED
            continue
        for doubt in article.decoding_doubts():
            print(f"yomite: {printable(article.path)}: warning: {doubt}", file=STDERR)
        if args.json:
            # json.dumps escapes every control character, and the parser already replaced
            # the bidi ones, so the line is safe for a terminal as well as for a pipe.
            write_out(json_text(article.to_json_dict()) + "\n")
        else:
            out.print(render_article(article))
    STDOUT.flush()
    return status


def _stdin() -> BinaryIO | None:
    """Standard input's bytes; None when it is closed."""
    return None if sys.stdin is None else sys.stdin.buffer


def render_article(article: Article) -> Text:
    """A compact, untrusted-text-safe summary of an article."""
    text = Text()
    text.append(article.title or "(untitled)", style="bold")
    text.append("\n")
    # The id is the file's stem: a file name is as untrusted as the text in the file, but
    # not sanitized as the text was (`sanitize` keeps a newline, which forged a line, and
    # a byte that is no UTF-8, which went out raw: 0x9B is an 8-bit CSI).
    facts = [printable(article.id), article.format.value, article.encoding]
    if article.published:
        facts.append(article.published.isoformat())
    if article.outlet:
        facts.append(article.outlet)
    if article.format is ArticleFormat.CURATION:
        cards = len(article.cards)
        facts.append(f"{_count(len(article.sections), 'section')}, {_count(cards, 'card')}")
    if article.decode_errors:
        facts.append(_count(article.decode_errors, "undecodable byte run"))
    text.append("  " + " · ".join(facts) + "\n", style="dim")
    if article.url:
        text.append("  " + article.url + "\n", style="dim")
    if article.lead:
        text.append("  " + article.lead + "\n", style="italic")
    for point in article.key_points:
        text.append("  💡 " + point + "\n")
    # Paragraphs as the file has them, not the pieces a long one is cut into.
    if article.intro:
        label = "intro" if article.format is ArticleFormat.CURATION else "body"
        intro = len(article.intro) - len(article.intro_continuations)
        text.append(f"  {label}: {_count(intro, 'paragraph')}\n", style="dim")
    for number, section in enumerate(article.sections, start=1):
        text.append(f"  {number}. ", style="bold")
        text.append(section.heading or "(untitled section)", style="bold")
        paragraphs = len(section.paragraphs) - len(section.continuations)
        cards_here = len(section.cards)
        text.append(f"  ({_count(paragraphs, 'paragraph')}, {_count(cards_here, 'card')})\n")
        if section.question:
            text.append("     " + section.question + "\n")
        for card in section.cards:
            written = (card.outlet or "") + (card.tagline or "")  # the tagline as written
            source = "  ".join(part for part in (written, card.url) if part) or "(no source)"
            # Its date (公開日) as the article's is printed: ISO, before the outlet.
            dated = f"{card.published.isoformat()} · " if card.published else ""
            text.append(f"     ✅ {len(card.bullets)} · {dated}{source}\n", style="dim")
    if article.next_page:
        text.append("  next: " + article.next_page + "\n", style="dim")
    text.rstrip()
    return text


def _count(number: int, noun: str) -> str:
    return counted(number, noun)
