"""`yomite index [--home DIR] [PATH...]`: bring the index up to date with article files.

With no paths, every directory the home holds (`[library] paths` and those indexed
before; a new home: `seeds/`; a home whose directories were all let go: none, said
so, exit 1). Shows a
progress bar on a terminal and ends with one summary line; files that failed to
parse are listed (path: reason; those that failed before, unchanged since, only
counted) and the rest are indexed, as are paths that are not
there (counted apart in the summary). Exit 0 when the index was brought up to date,
every file indexed, 1 when it could not be (busy, damaged, read-only), 2 when a file
failed to parse (told before too: the summary counts it), a PATH given is not there,
holds no article file (a directory empty, or of HTML files), is a file that is no
article (binary, empty, a FIFO or a device: it does not join the home) or is the
data home's own (the others indexed, in each case), or the config is wrong, 130 on
Ctrl-C, 143 on SIGTERM and 129 on SIGHUP (the index is left as it was, unless the
signal came after the commit; the PATHs such an update was adding are not in the
home, said so).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType

from rich.console import Console, ConsoleRenderable, RenderHook
from rich.control import Control
from rich.measure import Measurement
from rich.progress import (
    BarColumn,
    GetTimeCallable,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.segment import ControlType
from rich.table import Table
from rich.text import Text

from index.build import UpdateProgress, UpdateReport
from index.commands import STDIN, CommandConsole, add_home_argument, path_argument, said
from index.errors import (
    ConfigError,
    FailureKind,
    ForgetRefused,
    IndexUnavailable,
    LibraryError,
    UpdateFailure,
    WriteFailed,
)
from index.files import is_missing
from index.home import (
    data_home_reason,
    holds_none,
    is_new,
    new_home_words,
    not_added,
    not_in_home,
)
from index.library import (
    Library,
    default_corpus,
)
from index.locations import Locations, locations, typed_command
from index.sanitize import printable
from index.store import check_home, commit_mark, current_generation
from index.wording import counted, plural


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_home_argument(parser)
    what = parser.add_mutually_exclusive_group()
    what.add_argument(
        "--rebuild",
        action="store_true",
        help="build a fresh index beside the current one and switch to it",
    )
    what.add_argument(
        "--forget",
        action="store_true",
        help="drop the directories PATH from the home: their articles leave the index",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        # As typed, made Paths by `run`: Path("./-") is Path("-"), a file named `-`
        # read as the `-` of standard input.
        type=path_argument,
        metavar="PATH",
        help="article files or directories (default: every directory of the home)",
    )


STDIN_NOT_INDEXED = (
    f"{STDIN} is standard input, which is not indexed (the index keeps each article by "
    f"its file's path): `yomite parse {STDIN}` reads it; a file named {STDIN} is ./{STDIN}"
)
"""Said of a PATH `-` (of `--forget` too), exit 2."""

EXIT_INTERRUPTED = 128 + signal.SIGINT
EXIT_TERMINATED = 128 + signal.SIGTERM
EXIT_HUNG_UP = 128 + signal.SIGHUP


class Terminated(KeyboardInterrupt):
    """SIGTERM (`kill`, a service stopping), raised where Ctrl-C raises KeyboardInterrupt,
    so that it stops the build as Ctrl-C does: the workers killed, the queues closed and
    the index left as it was. Python's default let SIGTERM end the process at once,
    with no word, and multiprocessing's resource tracker warned of leaked semaphores."""


class HungUp(Terminated):
    """SIGHUP (the terminal gone: an SSH connection dropped, the window closed), stopping
    the build as SIGTERM does. Python's default ended the process at once (129, no
    word) and left the generation it was writing (22 MB of 400 files) in the index
    directory until the next `yomite index`."""


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within: SIGTERM raises `Terminated` and SIGHUP `HungUp` (once; another of either,
    as the build cleans up, is ignored rather than cutting the cleanup short). Not
    SIGHUP over an ignore inherited from nohup: that asks the command to outlive its
    terminal. Only the main thread may set them."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    raised: dict[int, type[Terminated]] = {signal.SIGTERM: Terminated, signal.SIGHUP: HungUp}
    if signal.getsignal(signal.SIGHUP) is signal.SIG_IGN:
        del raised[signal.SIGHUP]

    def stopped(signum: int, frame: FrameType | None) -> None:
        for each in raised:
            signal.signal(each, signal.SIG_IGN)
        raise raised[signum]

    previous = {signum: signal.signal(signum, stopped) for signum in raised}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def said_stopped(err: Console, command: str, stop: KeyboardInterrupt, *, unchanged: bool) -> int:
    """Say that `command` was stopped by Ctrl-C, SIGTERM or SIGHUP (`stop`), and whether
    the index is as it was (`unchanged`) or the signal came after its commit; the exit
    code, the shell's for the signal. After a hangup the terminal may be gone: a line
    that cannot be written is dropped (`STDERR`), the exit code says it alone."""
    if isinstance(stop, HungUp):
        how, code = "hung up", EXIT_HUNG_UP
    elif isinstance(stop, Terminated):
        how, code = "terminated", EXIT_TERMINATED
    else:
        how, code = "interrupted", EXIT_INTERRUPTED
    if unchanged:
        err.print(Text(f"yomite {command}: {how}; the index is unchanged"))
    else:  # the signal came after the commit
        err.print(Text(f"yomite {command}: {how} after the index was written"))
    return code


class LeftColumn(TimeRemainingColumn):
    """The time left while files are read; then what is being done, whose length is
    not known (the bar sat full at 0:00:00 for ~8 s over ldcc)."""

    def render(self, task: Task) -> Text:
        if task.fields.get("writing"):
            return Text("writing the index…", style="progress.remaining")
        return super().render(task)


class CountColumn(ProgressColumn):
    """Files done of all, thousands separated as the summary's counts are (Rich's
    MofNCompleteColumn wrote 1745/7367 over "7,367 articles")."""

    def render(self, task: Task) -> Text:
        total = "?" if task.total is None else f"{int(task.total):,}"
        return Text(f"{int(task.completed):,}/{total}", style="progress.download")


class RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} docs/s" if speed else "– docs/s", style="progress.data.speed")


BAR_WIDTH = 40
"""The most cells the bar takes: on a wide terminal, the widest it gets."""
BAR_ROOM = 10
"""The cells the bar is given before a column goes to make room for it."""
BAR_LEAST = 3
"""The fewest cells the bar is shown in, once the columns that may go have gone."""


class FittedProgress(Progress):
    """`yomite index`'s progress bar on one line no wider than the terminal, at every
    refresh: at 40 columns Rich wrapped `docs/s` onto a second line and cut the count
    ("600/7,…"), and a terminal narrowed mid-run left the bar's lines on the screen.

    As the terminal narrows, the least needed columns go first: the rate, then the
    word "indexing", then the time left (while the index is written, the count: all
    files are read, and "writing the index…" says what goes on); the bar takes what is
    left, up to `BAR_WIDTH`. Whole at 80 columns; at 20, the bar and the count, or
    "writing the index…". A line drawn wider than the terminal has become is erased
    whole before the next (`_Narrowed`)."""

    def __init__(self, console: Console, *, get_time: GetTimeCallable | None = None) -> None:
        self.label = TextColumn("indexing")
        self.bar = BarColumn(bar_width=BAR_WIDTH)
        self.count = CountColumn()
        self.rate = RateColumn()
        self.left = LeftColumn()
        super().__init__(
            self.label,
            self.bar,
            self.count,
            self.rate,
            self.left,
            console=console,
            transient=True,
            disable=not console.is_terminal,
            get_time=get_time,
        )
        self.drawn: tuple[int, int] | None = None
        """The terminal's width and the line's cells at the last refresh."""
        self._narrowed = _Narrowed(self)

    def make_tasks_table(self, tasks: Iterable[Task]) -> Table:
        shown = [task for task in tasks if task.visible]
        if not shown:  # (also while Rich makes the Live, before its console is set)
            return Table.grid()
        width = self.console.width
        writing = any(task.fields.get("writing") for task in shown)
        order = [self.label, self.bar, self.count, self.rate, self.left]
        first_dropped: list[ProgressColumn] = [self.rate, self.label]
        first_dropped += [self.count, self.left] if writing else [self.left, self.count]
        cells = {column: self._cells(column, shown) for column in order if column is not self.bar}
        room = width - sum(cells.values()) - len(cells)  # a space between each two
        while room < BAR_ROOM and first_dropped and len(cells) > 1:
            dropped = first_dropped.pop(0)
            room += cells.pop(dropped) + 1
        kept = [column for column in order if column in cells or column is self.bar]
        if room < BAR_LEAST:  # the bar alone would not fit beside what is left
            kept.remove(self.bar)
        else:
            self.bar.bar_width = min(BAR_WIDTH, room)
        table_columns = []
        for column in kept:
            table_column = column.get_table_column().copy()
            table_column.no_wrap = True  # cut short (…) rather than on a second line
            table_column.overflow = "ellipsis"
            table_columns.append(table_column)
        table = Table.grid(*table_columns, padding=(0, 1))
        for task in shown:
            table.add_row(*(column(task) for column in kept))
        bar = self.bar.bar_width + 1 if self.bar in kept and self.bar.bar_width else 0
        self.drawn = (width, min(width, sum(cells.values()) + len(cells) - 1 + bar))
        return table

    def _cells(self, column: ProgressColumn, tasks: list[Task]) -> int:
        renders = [column(task) for task in tasks]
        options = self.console.options
        return max((Measurement.get(self.console, options, r).maximum for r in renders), default=0)

    def start(self) -> None:
        if not self.disable:
            self.console.push_render_hook(self._narrowed)  # before the Live's own: see there
        super().start()

    def stop(self) -> None:
        try:
            super().stop()
        except OSError:
            # The terminal gone (hung up: EIO), nothing to erase the bar from: what
            # stopped the build is said (`said_stopped`), not an OSError traceback.
            pass
        finally:
            if not self.disable:
                self.console.pop_render_hook()


class _Narrowed(RenderHook):
    """Erases the rows that the line drawn last takes once the terminal is narrower
    (the terminal rewraps it onto more rows: a 40-cell line at 30 columns takes two).
    Rich's Live erases as many rows as it drew, one, and the rest stayed on the screen
    at each narrowing. Run before the Live's hook, whose `position_cursor` erases the
    row the cursor is on: this goes up the rows above it, erasing them, to the first."""

    def __init__(self, progress: FittedProgress) -> None:
        self.progress = progress
        self.printed: tuple[int, int] | None = None
        """`FittedProgress.drawn` as this was last printed: the Live makes the frame to
        print (and `drawn` with it) before it prints it, through here."""

    def process_renderables(self, renderables: list[ConsoleRenderable]) -> list[ConsoleRenderable]:
        width = self.progress.console.width
        drawn, now = self.printed, self.progress.drawn
        # What this prints: the frame made for `now`, fitted to the width (Rich's table
        # squeezes a frame made wider, printed again with a line said above it).
        self.printed = None if now is None else (width, min(now[1], width))
        if drawn is None or width >= drawn[0] or width < 1:
            return renderables
        rows = -(-drawn[1] // width)  # rounded up
        if rows <= 1:
            return renderables
        erase = ((ControlType.CURSOR_UP, 1), (ControlType.ERASE_IN_LINE, 2)) * (rows - 1)
        return [Control(*erase), *renderables]


def summary_line(report: UpdateReport, where: Locations, *, told: int = 0) -> str:
    """The summary of an update of the home of `where`; `told`: how many of the files
    that failed were not named (told before, unchanged since:
    `UpdateReport.told_before`), and the command that lists them (`typed_command`)."""
    renamed = f"{report.renamed:,} renamed, " if report.renamed else ""
    failed = failed_files(report)
    if report.unknown_before:
        # The old index could not be read: what it held, and so what was added to it or
        # removed from it, is unknown ("3 added" of an index that held those 3).
        line = (
            f"rebuilt from the files: {counted(report.added, 'article')}, "
            f"{failed:,} failed in {report.seconds:.1f} s"
        )
    else:
        # Those not named again: where they are listed (they were each time, unchanged).
        before = (
            f" ({'' if told == failed else f'{told:,} '}told before: "
            f"`{printable(typed_command(where, 'yomite verify'))}` lists "
            f"{plural(told, 'it', 'them')})"
            if told
            else ""
        )
        line = (
            f"{report.added:,} added, {report.updated:,} updated, {report.removed:,} removed, "
            f"{renamed}{report.unchanged:,} unchanged, {failed:,} failed{before} "
            f"in {report.seconds:.1f} s"
        )
    empty = len(report.empty) - len(report.not_articles)
    for count, one, many, what in (
        (len(report.not_there), "path", "paths", "not there"),
        (empty, "directory", "directories", "empty"),
        (len(report.not_articles), "directory", "directories", "with no article file"),
        (len(report.unreadable), "path", "paths", "unreadable"),
    ):
        if count:
            line += f"; {counted(count, one, many)} {what}"
    if report.skipped:  # a FIFO or a link to nothing in a directory: no failure
        files = plural(len(report.skipped), "a regular file", "regular files")
        line += f"; {len(report.skipped):,} skipped (not {files})"
    if report.vanished:  # deleted or moved away as the update ran: no failure either
        line += f"; {counted(len(report.vanished), 'file')} gone while indexing"
    return line


def failed_files(report: UpdateReport) -> int:
    """How many files of `report` failed (the summary's "N failed"), told before too."""
    # A path that is not there (a typo, an unmounted disk) is no file that failed to
    # parse: `yomite index /nonexistent` said "1 failed".
    # Nor is a directory that could not be listed, or found empty: its articles are
    # kept, and the line above the summary says so.
    failed = len(report.failed) - len(report.not_there) - len(report.unreadable)
    return failed - len(report.empty)


VANISHED = "gone while indexing (deleted or moved away), skipped"
"""Said of a file found that was gone when read (`UpdateReport.vanished`): "No such
file or directory", counted as failed, read as a file yomite could not index."""


def _index(
    where: Locations,
    paths: list[Path],
    *,
    rebuild: bool,
    progress: Callable[[UpdateProgress], None],
    err: Console,
    opened_at: list[tuple[str, int] | None],
    new_home: str | None = None,
) -> UpdateReport:
    """Update (or rebuild) the index of `where` from `paths`; a home opened for the first
    time said (`new_home`) once it is made, before the build (a mistyped `--home` made
    its directories and indexed seeds/ into them without a word)."""
    try:
        library = Library.open(where)
    except IndexUnavailable as error:
        if not error.repairable:
            raise
        # Damaged or built by another version: the files are the truth, so rebuild.
        # (Not its advice, to run `yomite index` or `verify --repair`: this does it.)
        err.print(Text(f"yomite index: {printable(error.diagnosis)}"))
        err.print(Text("yomite index: rebuilding the index from the article files"))
        return Library.repair(where, paths, progress=progress)
    opened_at.append(commit_mark(where.index_dir))  # opening may create an empty index
    if new_home is not None and not library.readonly:  # not when it could not be made
        err.print(Text(f"yomite index: {new_home}"))
    with library:
        if rebuild:
            return library.rebuild(paths, progress=progress)
        return library.update(paths, progress=progress)


def run(args: argparse.Namespace) -> int:
    """`yomite index`: check the home, find what to index, index it with a progress bar,
    then say what was done; the exit code 2 when a path given was not indexed or a file
    failed (the others indexed)."""
    out = CommandConsole(highlight=False, soft_wrap=True)
    err = CommandConsole(stderr=True, highlight=False, soft_wrap=True)
    if STDIN in args.paths:
        # It was looked for as a file named `-` in the current directory: "…/-: no such
        # file or directory", "1 path not there", read as a typo. Before the home is
        # looked at, so that nothing is made there.
        err.print(Text(f"yomite index: {STDIN_NOT_INDEXED}"))
        return 2
    args.paths = [Path(path) for path in args.paths]
    where = locations(args.home)
    try:
        # As `yomite search` and `verify` say it, first: reading its config.toml said
        # "FILE/config.toml: cannot read: Not a directory" of a home that is a file.
        check_home(where.home, where.index_dir)
    except LibraryError as error:
        return said(err, "index", error)
    if args.forget:
        return _forget(where, list(args.paths), out, err)
    try:
        paths = list(args.paths) or list(default_corpus(where))
    except ConfigError as error:  # as the reader: the config is the user's to fix
        return said(err, "index", error, usage=ConfigError)
    refused = _nothing_to_index(where, args, paths, out, err)
    if refused is not None:
        return refused
    report = _index_with_progress(where, args, paths, err)
    if isinstance(report, int):
        return report
    _tell_report(where, args, report, out, err)
    # A file that failed is said and counted, the others indexed: exit 0 said to a
    # script that all was (review), where `yomite parse` exits 2 for it.
    return 2 if _named_missing(where, args, report) or failed_files(report) else 0


def _nothing_to_index(
    where: Locations, args: argparse.Namespace, paths: list[Path], out: Console, err: Console
) -> int | None:
    """The exit code, said, when there is nothing to index (no paths at all, or only
    paths that are not there); None when there is."""
    if not paths and holds_none(where):
        # Its directories all let go (forgotten, gone): it went back to seeds/, as a new
        # home, and listed the checkout's articles where the user had dropped theirs.
        err.print(
            Text(
                "yomite index: this home indexes no directory: add one with "
                f"`{printable(typed_command(where, 'yomite index', 'DIR'))}`"
            )
        )
        return 1
    if not paths:
        err.print(Text("yomite index: no article paths given and no corpus configured"))
        return 1
    if args.paths and not args.rebuild and _nothing_there(where, list(args.paths)):
        # A typo on a new home: building nothing made an empty index live, so that
        # `yomite search` answered "0 hits" where it says there is no index yet.
        missing = [str(Path(p).expanduser().absolute()) for p in args.paths]
        for path in missing:
            err.print(Text(f"yomite index: {printable(path)}: no such file or directory"))
        failed = [
            UpdateFailure(path, "no such file or directory", FailureKind.NOT_THERE)
            for path in missing
        ]
        out.print(Text(summary_line(UpdateReport(failed=failed, not_there=missing), where)))
        return 2
    return None


def _index_with_progress(
    where: Locations, args: argparse.Namespace, paths: list[Path], err: Console
) -> UpdateReport | int:
    """Index `paths` into `where` under a progress bar: the update's report, or the exit
    code once a failure, a config error or a stop (Ctrl-C, SIGTERM) is said."""
    progress = FittedProgress(err)
    task = progress.add_task("indexing", total=None)

    def show(update: UpdateProgress) -> None:
        progress.update(task, completed=update.done, total=update.total, writing=update.writing)

    opened_at: list[tuple[str, int] | None] = []
    # Asked before opening the home makes it: a `--home` mistyped, say.
    new_home = new_home_words(where, paths) if is_new(where) else None
    try:
        with terminate_as_interrupt(), progress:
            return _index(
                where,
                paths,
                rebuild=args.rebuild,
                progress=show,
                err=err,
                opened_at=opened_at,
                new_home=new_home,
            )
    except LibraryError as error:
        code = said(err, "index", error)
        if isinstance(error, WriteFailed):  # disk full: the commit never landed
            _tell_not_added(err, where, list(args.paths))
        return code
    except ConfigError as error:  # the config is the user's to fix, never a traceback
        return said(err, "index", error, usage=ConfigError)
    except KeyboardInterrupt as stop:  # Ctrl-C, SIGTERM (Terminated), SIGHUP (HungUp)
        unchanged = not opened_at or commit_mark(where.index_dir) == opened_at[0]
        code = said_stopped(err, "index", stop, unchanged=unchanged)
        if unchanged:
            with contextlib.suppress(OSError):  # the terminal gone (`said_stopped`)
                _tell_not_added(err, where, list(args.paths))
        return code


def _tell_report(
    where: Locations, args: argparse.Namespace, report: UpdateReport, out: Console, err: Console
) -> None:
    """One line each, named as the command's other messages are (as `yomite parse`'s):
    those told before (unchanged since) counted only, unless named on the command line;
    then the summary."""
    given = {os.path.realpath(Path(p).expanduser()) for p in args.paths}
    told = {path for path in report.told_before if os.path.realpath(path) not in given}
    for path, reason in report.failed:
        if path not in told:
            err.print(Text(f"yomite index: {printable(path)}: {printable(reason)}"))
    for path, why in report.skipped:
        err.print(Text(f"yomite index: {printable(path)}: {printable(why)}"))
    for path in report.vanished:
        err.print(Text(f"yomite index: {printable(path)}: {VANISHED}"))
    for path, damage in report.damaged:
        err.print(Text(f"yomite index: {printable(path)}: {printable(damage)}"))
    out.print(Text(summary_line(report, where, told=len(told))))


def _named_missing(where: Locations, args: argparse.Namespace, report: UpdateReport) -> bool:
    """Whether a path typed on the command line was not indexed: not there (a typo, most
    likely: the rest was indexed, but a script must be able to tell), the data home given
    as a corpus (`yomite index --home h9 h9`), a directory with no article file in it
    (empty, or HTML only: "0 added … 0 failed", exit 0, read as its articles indexed), or
    a file that is no article (binary, empty, a FIFO: it does not join the home, and
    exited 0 as if it had). Not a directory of the home, said as one that is not there.
    (Files that fail to parse exit 2 too: `failed_files`.)"""
    empty = {*report.empty, *report.refused}
    return any(
        is_missing(Path(p).expanduser())
        or data_home_reason(where, p) is not None
        or os.path.realpath(Path(p).expanduser()) in empty
        for p in args.paths
    )


def _tell_not_added(err: Console, where: Locations, paths: list[Path]) -> None:
    """After a build stopped before its commit, name the `paths` given that are not in
    the home, and how to add them (`not_in_home`): "the index is unchanged" alone read
    as though they were in the home."""
    if left := not_in_home(where, paths):
        err.print(Text(f"yomite index: {not_added(where, left)}"))


def _nothing_there(where: Locations, paths: list[Path]) -> bool:
    """Whether none of `paths` is there and the home has no index yet (a new one). A
    broken link is there: the update says what is wrong with it."""
    if any(
        os.path.lexists(Path(path).expanduser()) or not is_missing(Path(path).expanduser())
        for path in paths
    ):  # a path that cannot be looked at may be there: the update says so
        return False
    try:
        return current_generation(where.index_dir) is None
    except IndexUnavailable:  # a broken pointer: the update repairs it
        return False


def _forget(where: Locations, paths: list[Path], out: Console, err: Console) -> int:
    """`yomite index --forget PATH...`: 0 once dropped, 2 for a path the home cannot
    drop (not one of its paths, configured, its last), 1 when the index could not be
    written (busy, read-only, no index)."""
    if not paths:
        err.print(Text("yomite index: --forget needs the PATHs to drop"))
        return 2
    try:
        with Library.open(where, create=False) as library:
            report = library.forget(paths)
    except (ConfigError, LibraryError) as error:  # ForgetRefused: a LibraryError
        return said(err, "index", error, usage=(ConfigError, ForgetRefused))
    for path in paths:
        out.print(Text(f"forgotten: {printable(str(Path(path).expanduser().resolve()))}"))
    out.print(Text(summary_line(report, where)))
    return 0
