"""Command-line subcommands (`yomite parse|index|verify|search`), free of Textual.

Each module defines `add_arguments(parser)` and `run(args) -> int` (the exit code),
and may define `prepare_argv(parser, argv) -> argv` to arrange its arguments before
argparse parses them.
"""

from __future__ import annotations

import errno
import os

from rich.console import Console


class CommandConsole(Console):
    """A Rich console whose closed pipe (`yomite verify | head -1`) raises
    BrokenPipeError, for the entry point to end quietly with 141 (128 + SIGPIPE).

    Rich's own handling exits with status 1, which is also `yomite verify`'s
    "inconsistent": a script could not tell the two apart.
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, os.strerror(errno.EPIPE))
