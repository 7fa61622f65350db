"""Command-line subcommands (`yomite parse|index|verify|search`), free of Textual.

Each module defines `add_arguments(parser)` and `run(args) -> int` (the exit code),
and may define `prepare_argv(parser, argv) -> argv` to arrange its arguments before
argparse parses them.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import errno
import io
import json
import os
import sys
from typing import IO, Any, TextIO, cast

from rich.console import Console
from rich.text import Text

from index.errors import OutputError
from index.locations import UnknownUser, expand_user
from index.sanitize import printable

STDIN = "-"
"""The FILE that `yomite parse` reads from standard input, as typed (a file of that name
is `./-`); refused by `yomite index`, which keeps files by path."""


def add_home_argument(parser: argparse.ArgumentParser) -> None:
    """`--home DIR`, as the reader and each subcommand that reads a data home take it."""
    parser.add_argument(
        "--home",
        metavar="DIR",
        type=home_argument,
        help="data home (default: $YOMITE_HOME or the user data dir)",
    )


def home_argument(value: str) -> str:
    """`--home`'s DIR, refused empty: `--home "$UNSET"` made the current directory the
    data home ("new data home /tmp/x", an `index/` made there), where an empty
    YOMITE_HOME is taken as unset."""
    if not value:
        raise argparse.ArgumentTypeError(
            "empty (an unset variable?): give a directory, or leave --home out for "
            "$YOMITE_HOME or the user data dir"
        )
    return path_argument(value)


def path_argument(value: str) -> str:
    """A PATH (or DIR) as typed, refused when it begins with a `~user` that names no
    user (quoted, the shell leaves it so): every use of it raised RuntimeError out of
    pathlib, and `yomite index` and `verify` ended in a traceback (review)."""
    try:
        expand_user(value)
    except UnknownUser as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


class Stdout:
    """`sys.stdout` as it is at each write (reconfigured for an output that cannot
    encode Japanese, replaced by a test), whose failures to write are raised as
    `OutputError`, for the entry point to say in one line: `yomite search > /dev/full`
    ended in an OSError traceback, and with stdout closed (`>&-`) Rich wrote nowhere
    without a word. A closed pipe stays BrokenPipeError (141, quietly)."""

    @staticmethod
    def _stream() -> TextIO:
        if sys.stdout is None:  # Python's stdout when its descriptor was closed
            raise OutputError("standard output is closed")
        return sys.stdout

    def write(self, text: str) -> int:
        stream = self._stream()
        try:
            return stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.strerror or str(error)) from error

    def flush(self) -> None:
        stream = self._stream()
        try:
            stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(error.strerror or str(error)) from error

    def isatty(self) -> bool:
        return sys.stdout is not None and sys.stdout.isatty()

    def fileno(self) -> int:
        return self._stream().fileno()

    @property
    def encoding(self) -> str:
        return getattr(sys.stdout, "encoding", None) or "utf-8"


STDOUT = Stdout()


class Stderr:
    """`sys.stderr` as it is at each write (Rich's while a progress bar shows), whose
    failures to write are dropped: what a command says there (its progress, a warning,
    "a new home") is said to a person, and the work goes on without it; its result is
    on stdout and in the exit code. `yomite index 2>/dev/full` stopped before it
    indexed anything, exit 1 and no summary.

    Once a write fails (a full disk, or EIO from a terminal hung up), stderr is
    pointed at /dev/null, so that Python's flush at exit does not fail (exit 120)."""

    @staticmethod
    def _stream() -> TextIO:
        stream = sys.stderr
        return cast(TextIO, getattr(stream, "rich_proxied_file", stream))

    def write(self, text: str) -> int:
        try:
            return self._stream().write(text)
        except (OSError, AttributeError, ValueError):  # closed, or None (`2>&-`)
            point_at_devnull(sys.stderr)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream().flush()
        except (OSError, AttributeError, ValueError):
            point_at_devnull(sys.stderr)

    def isatty(self) -> bool:
        try:
            return self._stream().isatty()
        except (OSError, AttributeError, ValueError):
            return False

    def fileno(self) -> int:
        return self._stream().fileno()

    @property
    def encoding(self) -> str:
        return getattr(sys.stderr, "encoding", None) or "utf-8"


def point_at_devnull(stream: TextIO) -> None:
    """Point the file descriptor under `stream` (`sys.stdout` or `sys.stderr`) at
    /dev/null, after a write to it failed: Python's own flush at exit would fail again
    ("Exception ignored …", exit 120). A stream that is None (its descriptor closed
    before Python started: `2>&-`, `>&-`) is left as it is."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        # Named first: a /dev/null opened for a None stream was kept open, one more
        # descriptor for each message said under `2>&-`.
        target = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        # Its descriptor closed meanwhile, os.open took that very number: it already
        # is /dev/null, and closing it would close the stream again.
        if devnull != target:
            os.dup2(devnull, target)
            os.close(devnull)


def hold_standard_descriptors() -> None:
    """Open /dev/null on whichever of descriptors 0, 1 and 2 is closed (`2>&-`, `>&-`),
    as the program starts. Left free, the next file opened took the number: an index
    segment, the home's state database; and what writes to descriptor 2 by its number
    (MeCab, Python's fatal-error handler, a build's worker) wrote into that file. The
    streams Python made None stay None: `STDERR` drops what it says."""
    for number, flags in ((0, os.O_RDONLY), (1, os.O_WRONLY), (2, os.O_WRONLY)):
        try:
            os.fstat(number)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, flags)  # the lowest number free: this one
                if opened != number:
                    os.dup2(opened, number)
                    os.close(opened)


STDERR = Stderr()


def write_out(text: str) -> None:
    """Write `text` to stdout (print's, without Rich), an error as `OutputError`."""
    STDOUT.write(text)


class CommandConsole(Console):
    """A Rich console whose closed pipe (`yomite verify | head -1`) raises
    BrokenPipeError, for the entry point to end quietly with 141 (128 + SIGPIPE).

    Rich's own handling exits with status 1, which is also `yomite verify`'s
    "inconsistent": a script could not tell the two apart. It writes to `STDOUT`
    unless it is given a file, where an output that cannot be written raises
    `OutputError`; or to `STDERR` (`stderr=True`), where it is dropped.
    """

    def __init__(self, **kwargs: Any) -> None:
        if kwargs.get("file") is None:
            kwargs["file"] = cast(IO[str], STDERR if kwargs.get("stderr") else STDOUT)
        kwargs.setdefault("_environ", usable_environ())
        super().__init__(**kwargs)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


def usable_environ() -> dict[str, str]:
    """The environment with a COLUMNS or LINES of 0 left out: Rich takes 0 as given,
    and `COLUMNS=0 yomite search …` printed nothing, not even its count, and exited 0
    (a negative or non-numeric value was already ignored, the terminal's size used)."""
    return {
        name: value
        for name, value in os.environ.items()
        if not (name in ("COLUMNS", "LINES") and value.strip().isdigit() and int(value) == 0)
    }


def said(
    err: Console,
    command: str,
    error: Exception,
    usage: type[Exception] | tuple[type[Exception], ...] = (),
) -> int:
    """Say `error` as `yomite COMMAND: …` on `err`; the exit code: 2 for an error of
    `usage` (a config or a query the command cannot use), 1 for any other."""
    err.print(Text(f"yomite {command}: {printable(str(error))}"))
    return 2 if isinstance(error, usage) else 1


UNICODE_ENCODINGS = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig", "utf-16-le", "utf-16-be"})


def writes_unicode(stream: TextIO) -> bool:
    """Whether `stream` can write any text: its encoding is one of Unicode's (not
    latin-1, ascii, or a locale's cp932 that has no emoji)."""
    try:
        return codecs.lookup(stream.encoding or "utf-8").name in UNICODE_ENCODINGS
    except (AttributeError, LookupError):
        return False


def can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(stream.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def escape_what_output_cannot_encode(command: str, stream: TextIO | None = None) -> None:
    """Write what `stream` (stdout) cannot encode as `\\u6771` escapes, with a line on
    stderr the first time, rather than end in a UnicodeEncodeError traceback (an
    output in latin-1 or ascii: `PYTHONIOENCODING`, a locale that is not UTF-8).

    The rest of the output is still worth having (counts, paths, a JSON document,
    which `json_text` keeps whole); the line says how to see the text itself."""
    stream = sys.stdout if stream is None else stream
    if not isinstance(stream, io.TextIOWrapper) or writes_unicode(stream):
        return
    warned = False

    def escaped(error: UnicodeError) -> tuple[str | bytes, int]:
        nonlocal warned
        if not warned:
            warned = True
            what = "every character" if can_encode(stream, "日本語") else "Japanese"
            STDERR.write(
                f"yomite {command}: the output's encoding ({stream.encoding}) cannot write "
                f"{what}: it is written as \\u escapes; set a UTF-8 locale "
                "(LANG=C.UTF-8) or PYTHONIOENCODING=utf-8\n"
            )
        return codecs.backslashreplace_errors(error)

    name = f"yomite-{command}-escaped"
    codecs.register_error(name, escaped)
    stream.flush()
    stream.reconfigure(errors=name)


def json_text(document: object, *, indent: int | None = None) -> str:
    """`document` as JSON for stdout: its text as written where stdout can write it,
    else escaped as JSON escapes it (`\\u6771`), which any reader of JSON decodes:
    the document stays whole and valid (a `\\U0001f4a1` escape would not be)."""
    return json.dumps(document, ensure_ascii=not writes_unicode(sys.stdout), indent=indent)
