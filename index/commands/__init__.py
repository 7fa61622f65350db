"""Command-line subcommands (`yomite parse|index|verify|search`), free of Textual.

Each module defines `add_arguments(parser)` and `run(args) -> int` (the exit code),
and may define `prepare_argv(parser, argv) -> argv` to arrange its arguments before
argparse parses them.
"""

from __future__ import annotations

import errno
import os

from rich.console import Console
from rich.text import Text

from index.sanitize import printable


class CommandConsole(Console):
    """A Rich console whose closed pipe (`yomite verify | head -1`) raises
    BrokenPipeError, for the entry point to end quietly with 141 (128 + SIGPIPE).

    Rich's own handling exits with status 1, which is also `yomite verify`'s
    "inconsistent": a script could not tell the two apart.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))


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
