"""What the article list says when it has nothing to list: why, and what to try.

Built from plain strings into `Text` (a query or a path is never read as markup), each
sanitized: a path or an error can hold an escape sequence (an OSC 52 clipboard write).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.text import Text

from index.sanitize import printable, sanitize
from index.syntax import lex
from index.urls import is_web_url, url_host

SYNTAX_HINT = "? lists the keys and the query syntax."


def _notice(headline: str, *hints: str, style: str = "bold") -> Text:
    text = Text(sanitize(headline).expandtabs(8), style=style)
    for hint in hints:
        text.append("\n")
        text.append(f"· {sanitize(hint).expandtabs(8)}", style="dim")
    return text


def _url_hosts(query: str) -> list[str]:
    """The hosts of the URLs typed as words in `query` (a pasted address), in order."""
    hosts: list[str] = []
    for lexeme in lex(query).lexemes:
        if lexeme.field is None and lexeme.operator is None and is_web_url(lexeme.text):
            host = url_host(lexeme.text)
            if host and host not in hosts:
                hosts.append(host)
    return hosts


def _operators(query: str) -> tuple[int, bool, bool]:
    """(words that must appear, whether a field filter is used, whether OR is) in
    `query`, as index.query reads it (`index.syntax.lex`): a quoted phrase (「日本 代表」)
    is one word, ー大阪 is left out, ｓｉｔｅ：x is a filter."""
    words = 0
    filtered = alternatives = False
    negate_next = False
    for lexeme in lex(query).lexemes:
        if lexeme.operator is not None:
            negate_next = lexeme.operator == "NOT"
            alternatives = alternatives or lexeme.operator == "OR"
            continue
        if lexeme.field is not None:
            filtered = True
        elif not (negate_next or lexeme.excluded):
            words += 1
        negate_next = False
    return words, filtered, alternatives


def _has_hiragana(text: str) -> bool:
    return any("\u3041" <= char <= "\u309f" for char in text)


def no_hits(query: str, indexing: str = "") -> Text:
    """`indexing`: the progress of an update under way (its articles may match)."""
    words, filtered, alternatives = _operators(query)
    hints = []
    if indexing:
        hints.append(f"Not everything is indexed yet ({indexing}): more may match soon.")
    if words > 1 and not alternatives:
        hints.append("Every word must appear (a space means AND): try fewer, or OR between them.")
    elif (
        words == 1
        and not filtered
        and len(typed := query.strip()) >= 4
        and " " not in typed
        and any("\u4e00" <= char <= "\u9fff" for char in typed)
    ):
        # Kanji run together (a reading, a Latin or katakana word: spaces would not help)
        hints.append(
            "Words typed together must stand together: put spaces between them "
            "to find them apart (量子 暗号)."
        )
    if filtered:
        hints.append(
            "Filters such as site:, person: or after: narrow it: try without them, or pick "
            "one that is there (f outlets, F sites, p people, d dates)."
        )
    hosts = _url_hosts(query)
    if hosts:
        # A pasted address (an article's own, say: the index does not hold those): what
        # it can mean here is its site. It said only to try a reading in hiragana.
        sites = " or ".join(f"site:{host}" for host in hosts)
        hints.append(
            f"Articles are not found by their URL: {sites} lists the articles from "
            "its site or citing it in a source card."
        )
    if words > len(hosts) and not _has_hiragana(query):  # a filter has no reading to try
        hints.append("A reading in hiragana finds words written in kanji (とうきょう: 東京).")
    hints.append(SYNTAX_HINT)
    return _notice(f"No article matches “{query.strip()}”", *hints)


def query_error(message: str) -> Text:
    return _notice(message, SYNTAX_HINT, style="bold red")


def index_error(message: str, *, repairable: bool = True) -> Text:
    """The index could not answer (damaged, changed under the reader): no query mistake.
    Not `repairable`: the data home itself is in the way (a file where the index
    belongs, permissions), and a rebuild would fail the same way."""
    if not repairable:
        return _notice(message, "Fix that, or open another data home: yomite --home DIR.")
    return _notice(message, "yomite verify --repair rebuilds the index from the files.")


def query_incomplete(message: str) -> Text:
    """A filter (or an exclusion) still being typed, with nothing else to search for yet."""
    return _notice(message, SYNTAX_HINT)


def no_bookmarks() -> Text:
    return _notice(
        "No bookmarks yet.",
        "b bookmarks the article under the cursor (or the open one); B again goes back.",
    )


def no_related() -> Text:
    return _notice("No related article found.", "Esc lists all the articles.")


def no_articles(corpus: Sequence[Path], *, indexing: bool = False) -> Text:
    """`indexing`: an update is reading the files (a new home's first build), whose
    articles are listed once it is written, all at once: no advice to add files."""
    # A name's bytes that are not UTF-8 (surrogates here) as the CLI shows them (\xff):
    # as they were, the terminal got `\udcff`, six cells where one was measured, and
    # pushed the rest of the row out of line.
    where = ", ".join(printable(str(path)) for path in corpus) or "(none configured)"
    if indexing:
        return _notice(
            "Indexing the articles…",
            f"Reading from: {where}",
            "They are listed here once the index is written (the status line counts the files).",
        )
    return _notice(
        "No articles yet.",
        f"Reading from: {where}",
        "Put text files there, or open others with: yomite PATH…",
    )
