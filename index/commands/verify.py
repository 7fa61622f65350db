"""`yomite verify [--home DIR] [--repair] [PATH...]`: check the index against the files.

Checks that the index opens and its files match their checksums, and that the
indexed set matches the article files under the roots it was built from (or the
given paths): missing, changed, new, duplicated. Exit 0 when consistent, 1 when
not; with `--repair`, a damaged or inconsistent index is rebuilt (as a new
generation, switched in when complete) and the exit status is 0 once it checks out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console
from rich.text import Text

from index.commands import CommandConsole
from index.commands.build import summary_line
from index.library import IndexUnavailable, Library, LibraryError, VerifyReport
from index.locations import Locations, locations
from index.sanitize import printable


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--home", metavar="DIR", help="data home (default: $YOMITE_HOME or the user data dir)"
    )
    parser.add_argument(
        "--repair", action="store_true", help="rebuild the index if it is damaged or stale"
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="compare with these files/directories (default: what the index was built from)",
    )


def report_lines(report: VerifyReport) -> list[str]:
    lines: list[str] = []
    for label, paths in (
        ("missing", report.missing),
        ("changed", report.changed),
        ("new", report.new),
        ("duplicate", report.duplicates),
    ):
        lines.extend(f"{label}: {printable(path)}" for path in paths)
    lines.extend(
        f"failed to parse: {printable(path)}: {printable(reason)}" for path, reason in report.failed
    )
    lines.extend(
        f"unavailable: {printable(path)}: no such file or directory; nothing under it was checked"
        for path in report.unavailable
    )
    return lines


def verdict(report: VerifyReport) -> str:
    if report.consistent:
        matches = "article matches" if report.compared == 1 else "articles match"
        line = f"consistent: {report.compared} {matches} the files"
        if report.failed:
            # Said with the verdict: "failed to parse" above it, then "consistent", read
            # as if those files had been indexed after all.
            files = "file is" if len(report.failed) == 1 else "files are"
            line += f"; {len(report.failed)} {files} no article (not indexed, listed above)"
        return line
    counts = [
        f"{len(items)} {label}"
        for label, items in (
            ("missing", report.missing),
            ("changed", report.changed),
            ("new", report.new),
            ("duplicated", report.duplicates),
        )
        if items
    ]
    if counts:
        line = f"inconsistent: {', '.join(counts)} (of {report.indexed} indexed)"
    else:
        line = f"inconsistent: {report.compared} of {report.indexed} indexed articles checked"
    if report.unavailable:
        # A path, not an article: "1 unavailable (of 2 indexed)" read as an article.
        paths = len(report.unavailable)
        line += f"; {paths} {'path' if paths == 1 else 'paths'} given not there"
    return line


def run(args: argparse.Namespace) -> int:
    where = locations(args.home)
    out = CommandConsole(highlight=False, soft_wrap=True)
    err = CommandConsole(stderr=True, highlight=False, soft_wrap=True)
    paths = list(args.paths)
    try:
        return _verify(where, paths, repair=args.repair, out=out, err=err)
    except LibraryError as error:
        err.print(Text(f"yomite verify: {printable(str(error))}"))
        return 1


def _verify(
    where: Locations, paths: list[Path], *, repair: bool, out: Console, err: Console
) -> int:
    try:
        library = Library.open(where, create=False, thorough=True)
    except IndexUnavailable as error:
        err.print(Text(f"yomite verify: {printable(str(error))}"))
        if not (repair and error.repairable):
            return 1
        Library.check_repairable(where)  # a read-only home: said before "rebuilding..."
        out.print(Text("rebuilding the index from the article files..."))
        out.print(Text(summary_line(Library.repair(where, paths))))
        library = Library.open(where, create=False, thorough=True)
    with library:
        if library.notice:
            err.print(Text(printable(library.notice)))
        if not library.has_index:  # nothing to check (a new home, a mistyped --home)
            return 1
        report = library.verify(paths)
        articles = "article" if report.indexed == 1 else "articles"
        out.print(Text(f"index: {report.indexed} {articles}; checksums OK"))
        for line in report_lines(report):
            out.print(Text(line))
        out.print(Text(verdict(report)))
        if report.consistent:
            return 0
        if report.unavailable:
            # As `yomite index` says of a path that is not there; a rebuild would
            # forget the articles of a directory that is only unmounted.
            return 2
        if not repair:
            return 1
        if library.readonly:  # said before, not after a "rebuilding..." that cannot start
            err.print(Text(f"yomite verify: cannot repair: data home {where.home} is read-only"))
            return 1
        out.print(Text("rebuilding the index from the article files..."))
        out.print(Text(summary_line(library.rebuild(paths))))
        report = library.verify(paths)
        out.print(Text(verdict(report)))
        return 0 if report.consistent else 1
