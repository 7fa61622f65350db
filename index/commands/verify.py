"""`yomite verify [--home DIR] [--repair] [PATH...]`: check the index against the files.

Checks that the index opens and its files match their checksums, and that the
indexed set matches the article files under every directory of the home (as
`yomite index` updates them: config.toml's paths and those indexed before), or the
given paths: missing, changed, new, duplicated. Exit 0 when consistent, 1 when not
(a directory of the home that is not there, an unmounted disk, is not checked), 2
when a path given is not there or config.toml cannot be used. With `--repair`, a
damaged or inconsistent index is rebuilt (as a new generation, switched in when
complete) and the exit status is 0 once it checks out. While a directory of the
home is not there, an inconsistent index is updated from the files that are there
instead: a rebuild would leave that directory's articles out. Ctrl-C and SIGTERM stop
it as they stop `yomite index`: the index as it was, said in one line, 130 or 143.
"""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path

from rich.console import Console
from rich.text import Text

from index.build import UpdateReport
from index.commands import STDIN, CommandConsole, add_home_argument, path_argument, said
from index.commands.build import said_stopped, summary_line, terminate_as_interrupt
from index.config import load_config
from index.errors import ConfigError, IndexUnavailable, LibraryError
from index.files import missing_reason
from index.library import Library, VerifyReport
from index.locations import Locations, locations, typed_command
from index.refusals import NEVER_INDEXED, NOT_UTF8, no_article_file
from index.sanitize import printable
from index.store import check_home, commit_mark
from index.wording import counted, plural


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_home_argument(parser)
    parser.add_argument(
        "--repair", action="store_true", help="rebuild the index if it is damaged or stale"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        # As typed, made Paths by `run`: Path("./-") is Path("-"), a file named `-`
        # read as the `-` of standard input.
        type=path_argument,
        metavar="PATH",
        help="compare with these files/directories (default: every directory of the home)",
    )


def report_lines(report: VerifyReport, where: Locations | None = None) -> list[str]:
    """The report's lines; the commands they name as typed for the home of `where`
    (`--home`: "yomite verify --repair" or "yomite index", copied, wrote the default
    home)."""
    lines: list[str] = []
    where = where or locations()
    index = f"`{printable(typed_command(where, 'yomite index'))}`"
    for label, paths in (
        ("missing", report.missing),
        ("changed", report.changed),
        ("new", report.new),
        ("duplicate", report.duplicates),
    ):
        lines.extend(f"{label}: {printable(path)}" for path in paths)
    lines.extend(
        f"unreached: {printable(path)}: no directory of the home leads to it now "
        "(a link to it removed?)"
        for path in report.unreached
    )
    lines.extend(
        f"failed to parse: {printable(path)}: {printable(reason)}" for path, reason in report.failed
    )
    # Never read: "failed to parse" said it was read, and was no article.
    lines.extend(f"refused: {printable(path)}: {NOT_UTF8}" for path in report.refused)
    lines.extend(
        # (a link in a loop said "no such file or directory", where `yomite index` told it)
        f"unavailable: {printable(path)}: {missing_reason(Path(path))}; "
        "nothing under it was checked"
        for path in report.unavailable
    )
    for path, kept in report.away.items():
        if path in report.never_indexed:
            # "A directory of the home … none of its articles is in the index until it is
            # back", as of an unmounted disk's: it had none, and an update lets it go.
            lines.append(
                f"unavailable: {printable(path)}: not there, {NEVER_INDEXED}; "
                f"{index} indexes it if it is back, else the home forgets it"
            )
            continue
        if kept:
            what = f" (an unmounted disk?); {_kept(kept)}"
        else:
            what = f"; none of its articles is in the index until it is back (then {index})"
        lines.append(f"unavailable: {printable(path)}: a directory of the home, not there{what}")
    for path, kept in report.empty.items():
        if kept:
            what = f" (an unmounted disk?); {_kept(kept)}"
        elif out := report.left_out.get(path, 0):
            what = (
                f" (an unmounted disk?); its {_articles(out)} left out until files are back, "
                f"when {index} brings {plural(out, 'it', 'them')} in"
            )
        else:
            what = f"; none of its articles is in the index until files are back (then {index})"
        lines.append(f"empty: {printable(path)}: no article file under it{what}")
    lines.extend(
        f"no articles: {printable(path)}: {no_article_file(others, notes)}; nothing to compare"
        for path, (others, notes) in report.bare.items()
    )
    for path, (why, kept) in report.unreadable.items():
        if kept:
            what = _kept(kept)
        elif out := report.left_out.get(path, 0):
            # A rebuild left them out: "nothing under it is indexed" read as them lost.
            what = (
                f"its {_articles(out)} left out until it can be read, when {index} "
                f"brings {plural(out, 'it', 'them')} in"
            )
        else:
            what = "nothing under it is indexed or checked"
        lines.append(f"unreadable: {printable(path)}: {printable(why)}; {what}")
    lines.extend(
        f"damaged: {printable(path)}: the saved article list fails its checksum; the list "
        f"is read from the index until {index} "
        f"or `{printable(typed_command(where, 'yomite verify --repair'))}` writes it"
        for path in report.damaged
    )
    return lines


def _away(report: VerifyReport) -> str:
    """The directories whose files could not be seen (not there, empty, unreadable),
    for a message."""
    held_back = [*report.away, *report.empty, *report.unreadable]
    return ", ".join(printable(path) for path in held_back)


def verdict(report: VerifyReport) -> str:
    if report.consistent:
        matches = plural(report.compared, "article matches", "articles match")
        line = f"consistent: {report.compared:,} {matches} the files"
        if report.failed or report.refused:
            # Said with the verdict: "failed to parse" above it, then "consistent", read
            # as if those files had been indexed after all.
            said = []
            if report.failed:
                said.append(f"{counted(len(report.failed), 'file is', 'files are')} no article")
            if count := len(report.refused):
                # (Not "no article": a file refused for its name was never read.)
                noun = f"{count:,}" if report.failed else counted(count, "file")
                said.append(f"{noun} refused for {plural(count, 'its name', 'their names')}")
            line += f"; {', '.join(said)} (not indexed, listed above)"
        return line + _bare(report)
    counts = [
        f"{len(items):,} {label}"
        for label, items in (
            ("missing", report.missing),
            ("unreached", report.unreached),
            ("changed", report.changed),
            ("new", report.new),
            ("duplicated", report.duplicates),
        )
        if items
    ]
    if counts and report.scope is not None:
        # Of the articles under the PATHs given, among which they were counted: "1
        # missing (of 16 indexed)" of a PATH holding 3 read as if all 16 were compared.
        given = plural(len(report.roots), "path")
        of = f"of {report.scope:,} indexed under the {given} given"
        line = f"inconsistent: {', '.join(counts)} ({of})"
    elif counts:
        line = f"inconsistent: {', '.join(counts)} (of {report.indexed:,} indexed)"
    elif _only_damaged(report):
        # Not "N of N indexed articles checked": every article was, and matches.
        matches = plural(report.compared, "article matches", "articles match")
        line = f"inconsistent: {report.compared:,} {matches} the files"
    else:
        line = f"inconsistent: {report.compared:,} of {report.indexed:,} indexed articles checked"
    if report.unavailable:
        # A path, not an article: "1 unavailable (of 2 indexed)" read as an article.
        line += f"; {counted(len(report.unavailable), 'path')} given not there"
    if report.away:
        # Not "given": the user gave none (it read so of an unmounted directory).
        line += f"; {counted(len(report.away), 'directory', 'directories')} of the home not there"
    if report.empty:
        line += f"; {counted(len(report.empty), 'directory', 'directories')} empty"
    if report.unreadable:
        # A path: the directory itself may be one that cannot even be looked at.
        line += f"; {counted(len(report.unreadable), 'path')} unreadable"
    if report.damaged:
        line += "; the saved article list is damaged"
    return line + _bare(report)


def _bare(report: VerifyReport) -> str:
    """The directories compared that hold no article file, for the verdict: "consistent:
    0 articles match the files" alone read as if their articles were all indexed."""
    if not report.bare:
        return ""
    if len(report.bare) == 1:
        return "; 1 directory holds no article file (listed above)"
    return f"; {len(report.bare):,} directories hold no article file (listed above)"


STDIN_NOT_COMPARED = (
    f"{STDIN} is standard input, which the index holds no articles of to compare (it "
    f"keeps each by its file's path); a file named {STDIN} is ./{STDIN}"
)


def run(args: argparse.Namespace) -> int:
    where = locations(args.home)
    out = CommandConsole(highlight=False, soft_wrap=True)
    err = CommandConsole(stderr=True, highlight=False, soft_wrap=True)
    if STDIN in args.paths:
        # As `yomite index` refuses it: it was compared as a path not there, a typo.
        err.print(Text(f"yomite verify: {STDIN_NOT_COMPARED}"))
        return 2
    paths = [Path(path) for path in args.paths]
    before = commit_mark(where.index_dir)
    try:
        # Stopped as `yomite index` is (a repair's workers killed, the index as it was),
        # and said so: a repair killed ended with no word.
        with terminate_as_interrupt():
            # Refused as `yomite index` and the reader refuse it: it names what is
            # compared. (A home that cannot be one is said first, as before: its config
            # is unreadable.)
            check_home(where.home, where.index_dir)
            load_config(where)
            return _verify(where, paths, repair=args.repair, out=out, err=err)
    except (ConfigError, LibraryError) as error:
        return said(err, "verify", error, usage=ConfigError)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM (Terminated)
        unchanged = commit_mark(where.index_dir) == before
        return said_stopped(err, "verify", stop, unchanged=unchanged)


def _verify(
    where: Locations, paths: list[Path], *, repair: bool, out: Console, err: Console
) -> int:
    try:
        library = Library.open(where, create=False, thorough=True)
    except IndexUnavailable as error:
        if not (repair and error.repairable):
            err.print(Text(f"yomite verify: {printable(str(error))}"))
            return 1
        # Not its advice, to run `yomite verify --repair`: this is it.
        err.print(Text(f"yomite verify: {printable(error.diagnosis)}"))
        Library.check_repairable(where)  # a read-only home: said before "rebuilding..."
        out.print(Text("rebuilding the index from the article files..."))
        rebuilt = Library.repair(where, paths)
        told = _tell_not_there(rebuilt, err)  # a directory of the home, left out until back
        out.print(Text(summary_line(rebuilt, where)))
        library = Library.open(where, create=False, thorough=True)
    else:
        told = []
    with library:
        if not library.has_index:  # nothing to check (a new home, a mistyped --home)
            # Named as the command's other messages are (and as search says it).
            err.print(Text(f"yomite verify: {printable(library.notice or 'no index')}"))
            return 1
        if library.notice:
            err.print(Text(f"yomite verify: {printable(library.notice)}"))
        report = library.verify(paths)
        # Not "checksums OK" of a saved list that fails its own (said below); nor "but
        # the saved list's", which read as a line cut off before its "damaged:" below.
        sums = (
            "checksums OK"
            if not report.damaged
            else "checksums OK but for the saved article list, which fails its own (below)"
        )
        out.print(Text(f"index: {counted(report.indexed, 'article')}; {sums}"))
        for line in report_lines(report, where):
            out.print(Text(line))
        out.print(Text(verdict(report)))
        if report.consistent:
            return 0
        if report.unavailable:
            # As `yomite index` says of a path that is not there (a typo, most likely).
            if repair:
                err.print(Text("yomite verify: not repaired: a PATH given is not there"))
            return 2
        if not repair:
            if step := next_step(report, where, paths):
                err.print(Text(f"yomite verify: {step}"))
            return 1
        if library.readonly:  # said before, not after a "rebuilding..." that cannot start
            err.print(Text(f"yomite verify: cannot repair: data home {where.home} is read-only"))
            return 1
        if _only_damaged(report):
            # The saved list is a copy of what the index holds: written again from it
            # in a moment, where a rebuild took as long as indexing every file.
            out.print(Text("writing the saved article list again from the index..."))
            library.resave()
            report = library.verify(paths)
            out.print(Text(verdict(report)))
            return 0 if report.consistent else 1
        held_back = {*report.away, *report.empty, *report.unreadable}
        if held_back:
            # A rebuild would wipe the articles kept for what cannot be seen.
            if held_back <= set(told) and _only_away(report):
                return 1  # just rebuilt from what is there, and that said so
            return _repair_what_is_there(library, report, out, err)
        out.print(Text("rebuilding the index from the article files..."))
        out.print(Text(summary_line(library.rebuild(paths), where)))
        report = library.verify(paths)
        out.print(Text(verdict(report)))
        return 0 if report.consistent else 1


def next_step(report: VerifyReport, where: Locations, paths: list[Path]) -> str | None:
    """What brings an index `report` found out of step with its files (under `paths`,
    if given) back in step, said after the verdict (review: "inconsistent: 1 changed"
    left a newcomer asking what now): `yomite index`, which updates what was added,
    changed or deleted or is no longer reached; `--repair`, which rebuilds, for an
    article indexed twice. None where the lines above say it already (a directory not
    there, a damaged saved list)."""
    given = [shlex.quote(_operand(path)) for path in paths]
    if report.duplicates:
        command = typed_command(where, "yomite verify --repair", *given)
        return f"`{printable(command)}` rebuilds the index"
    if report.missing or report.changed or report.new or report.unreached:
        command = typed_command(where, "yomite index", *given)
        return f"`{printable(command)}` updates the index from the files"
    return None


def _operand(path: Path) -> str:
    """`path` as a command's operand: `./-news` typed is Path("-news"), which named so
    (`yomite index -news`) was refused as an option (exit 2), and `-` alone is standard
    input."""
    text = str(path)
    return f"./{text}" if text.startswith("-") else text


def _tell_not_there(report: UpdateReport, err: Console) -> list[str]:
    """The paths a rebuild or an update could not read as a whole (a directory of the
    home that is not there, empty or unreadable), as `yomite index` lists them;
    returned."""
    told = [*report.not_there, *report.empty, *report.unreadable]
    for path, reason in report.failed:
        if path in told:
            err.print(Text(f"yomite verify: {printable(path)}: {printable(reason)}"))
    return told


def _only_damaged(report: VerifyReport) -> bool:
    """Whether all that is wrong is a damaged saved list (`VerifyReport.damaged`)."""
    held_back = report.unavailable or report.away or report.empty or report.unreadable
    return bool(report.damaged) and _only_away(report) and not held_back


def _only_away(report: VerifyReport) -> bool:
    """Whether all that is wrong is directories of the home that are not there."""
    return not (
        report.missing or report.unreached or report.changed or report.new or report.duplicates
    )


def _repair_what_is_there(
    library: Library, report: VerifyReport, out: Console, err: Console
) -> int:
    """`--repair` while a directory of the home is not there (an unmounted disk): a
    rebuild would leave its articles out, so the index is updated from the files that
    are there, the others' articles kept. Exit 1: what is under it was not checked.
    (It said "1 path given not there", exit 2, and repaired nothing, without a word.)"""
    away = _away(report)
    if not _only_away(report):
        out.print(
            Text(
                "updating the index from the files that are there (a rebuild would leave "
                f"out the articles of {away})..."
            )
        )
        updated = library.update([Path(root) for root in report.roots])
        _tell_not_there(updated, err)
        out.print(Text(summary_line(updated, library.where)))
        report = library.verify()
        out.print(Text(verdict(report)))
        if report.duplicates:
            err.print(
                Text(
                    "yomite verify: the duplicates need a rebuild, which would leave out the "
                    f"articles of {away}: run "
                    f"`{printable(typed_command(library.where, 'yomite verify --repair'))}` "
                    "once it is back"
                )
            )
            return 1
    else:
        err.print(Text("yomite verify: nothing to repair in the files that are there"))
    for label, paths, when in (
        ("not there", report.away, "it is back"),
        ("empty", report.empty, "files are back"),
        ("unreadable", report.unreadable, "it can be read"),
    ):
        if paths:
            named = ", ".join(printable(path) for path in paths)
            err.print(
                Text(f"yomite verify: {label}: {named}; what is under it is checked once {when}")
            )
    return 1


def _kept(count: int) -> str:
    """What became of the articles indexed under a directory verify could not check."""
    return f"its {_articles(count)} kept, not checked"


def _articles(count: int) -> str:
    return counted(count, "article is", "articles are")
