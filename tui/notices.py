"""What the article list says when it has nothing to list: why, and what to try.

Built from plain strings into `Text` (a query or a path is never read as markup), each
sanitized: a path or an error can hold an escape sequence (an OSC 52 clipboard write).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path

from rich.text import Text

from index.hints import FILTER_VALUES, FILTERS, NOT_SEARCHED, HintKind, no_hit_hints
from index.locations import Locations, typed_command
from index.model import NoHitFinds
from index.sanitize import printable, sanitize
from index.wording import quoted_query

SYNTAX_HINT = "F1 lists the keys and the query syntax."
NO_HITS = "No article matches"
"""How the notice of a search that found nothing begins (`no_hits`)."""
"""F1, not `?`: the search bar keeps the focus after a search with no hits or a mistake,
and there `?` is typed into the query."""


def _notice(headline: str, *hints: str, style: str = "bold") -> Text:
    text = Text(sanitize(headline).expandtabs(8), style=style)
    for hint in hints:
        text.append("\n")
        text.append(f"· {sanitize(hint).expandtabs(8)}", style="dim")
    return text


def no_hits(
    query: str,
    indexing: bool = False,
    *,
    busy: bool = False,
    ignored: Collection[str] = (),
    finds: NoHitFinds = NOT_SEARCHED,
) -> Text:
    """`indexing`: an update is under way (its articles may match), whose progress the
    status line counts: the count as the search was made, here, stood beside the
    status line's own, further on (257/1,670 files under 529/1,670); `busy`: another
    process is updating the index (a `yomite index` building a new home's first), whose
    commit may bring matches;
    `ignored`: the search's (`SearchResult`); `finds`: the query typed otherwise
    (`NoHitFinds`), as `no_hit_hints` takes them. The hints are `yomite search`'s
    (`index.hints`), a filter's with the keys that pick one."""
    hints = []
    if indexing:
        hints.append(
            "Not everything is indexed yet (the status line counts the files): more may match soon."
        )
    elif busy:
        hints.append("Another yomite is updating the index: more may match once it is done.")
    hints.extend(
        _READER_WORDING.get(hint.kind, hint.text)
        for hint in no_hit_hints(query, ignored=ignored, finds=finds)
    )
    hints.append(SYNTAX_HINT)
    return _notice(f"{NO_HITS} {quoted_query(query)}", *hints)


_READER_WORDING = {
    HintKind.FILTERS: FILTERS.removesuffix(".")
    + ", or pick one that is there (f outlets, F sites, p people, d dates).",
    HintKind.FILTER_VALUES: FILTER_VALUES.removesuffix("try other values.")
    + "pick one that is there (f outlets, F sites, p people, d dates).",
}
"""A hint worded for the reader, which has keys for it."""


def query_error(message: str) -> Text:
    return _notice(message, SYNTAX_HINT, style="bold red")


def index_error(
    message: str, *, repairable: bool = True, repair: str = "yomite verify --repair"
) -> Text:
    """The index could not answer (damaged, changed under the reader): no query mistake.
    Not `repairable`: the data home itself is in the way (a file where the index
    belongs, permissions), and a rebuild would fail the same way. `repair`: the command
    that rebuilds it, as typed for its home (`index.library.typed_command`: with
    `--home H`, where the bare command rebuilt the default home)."""
    if not repairable:
        return _notice(message, "Fix that, or open another data home: yomite --home DIR.")
    if repair in message:  # (the store's words: "rebuild it with `…`") said once
        return _notice(message, SYNTAX_HINT)
    return _notice(message, f"{repair} rebuilds the index from the files.")


def query_incomplete(message: str) -> Text:
    """A filter (or an exclusion) still being typed, with nothing else to search for yet."""
    return _notice(message, SYNTAX_HINT)


def no_bookmarks() -> Text:
    return _notice(
        "No bookmarks yet.",
        "b bookmarks the article under the cursor (or the open one); B again goes back.",
    )


def no_related(back_to: str) -> Text:
    """`back_to`: where Esc goes from the related list (`MainScreen.related_back_to`):
    "Esc lists all the articles" was said where `r` was pressed while reading, and Esc
    went back to the article (user review)."""
    return _notice("No related article found.", f"Esc: back to {back_to}.")


def rebuilding(corpus: Sequence[Path]) -> Text:
    """The index that could not be read (damaged, or built by another version) is being
    rebuilt, as the user agreed: its error, still listed, said to rebuild it."""
    where = ", ".join(printable(str(path)) for path in corpus) or "(no directory)"
    return _notice(
        "Rebuilding the index…",
        f"Reading from: {where}",
        "The articles are listed here once it is written (the status line counts the files).",
    )


def no_hits_while_rebuilding(query: str) -> Text:
    """A search typed while the index is rebuilt: there is no index to search yet."""
    return _notice(
        f"{NO_HITS} {quoted_query(query)} yet",
        "The index is being rebuilt (the status line counts the files): "
        "this search is made once it is written.",
    )


def no_articles(
    corpus: Sequence[Path], where: Locations, *, indexing: bool = False, busy: bool = False
) -> Text:
    """The home of `where`, reading from `corpus`, holds no article. `indexing`: an
    update is reading the files (a new home's first build), whose articles are listed
    once it is written, all at once: no advice to add files.
    `busy`: another process is (its write lock held, the reader's update refused: a
    `yomite index` building the home's first index), and its commit is picked up
    once made: "Put text files there" said so of files being indexed. With no
    `corpus`, how to give the home a directory. The commands are typed for the home
    (`typed_command`: "yomite index DIR", copied by a user of `--home H`, gave the
    default home a directory)."""

    def typed(command: str, operand: str) -> str:
        return printable(typed_command(where, command, operand))

    # A name's bytes that are not UTF-8 (surrogates here) as the CLI shows them (\xff):
    # as they were, the terminal got `\udcff`, six cells where one was measured, and
    # pushed the rest of the row out of line.
    if not corpus:
        # A home whose directories were all let go (or a new one with no seeds/ to
        # read): "Reading from: (none configured) · Put text files there" said where not.
        return _notice(
            "No articles yet.",
            "This home indexes no directory.",
            f"Add one with: {typed('yomite index', 'DIR')}, "
            f"or open one with: {typed('yomite', 'DIR')}",
        )
    reading = ", ".join(printable(str(path)) for path in corpus)
    if busy:
        return _notice(
            "Another yomite is indexing the articles…",
            f"Reading from: {reading}",
            "They are listed here once its index is written.",
        )
    if indexing:
        return _notice(
            "Indexing the articles…",
            f"Reading from: {reading}",
            "They are listed here once the index is written (the status line counts the files).",
        )
    return _notice(
        "No articles yet.",
        f"Reading from: {reading}",
        f"Put text files there, or open others with: {typed('yomite', 'PATH…')}",
    )
