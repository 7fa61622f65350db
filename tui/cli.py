"""The `yomite` command: subcommands for the index, or the reader by default.

`yomite [--home DIR] [PATH...]` opens the reader; `yomite parse|index|verify|search`
run without Textual (their modules live in `index.commands`). The reader's `--home`
and `--no-mouse` may also come before a subcommand (`yomite --home DIR search …`):
`--home` is then the subcommand's, unless it is given its own.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

SUBCOMMANDS = {
    "parse": ("index.commands.parse", "parse article files and print them"),
    "index": ("index.commands.build", "bring the index up to date with the article files"),
    "verify": ("index.commands.verify", "check the index against the article files"),
    "search": ("index.commands.search", "search the index and print ranked hits"),
}


NO_TERMINAL = "yomite: the reader needs a terminal (for scripts: yomite search, yomite index)"


DUMB_TERMINAL = (
    "yomite: TERM={term} cannot show the reader (it moves the cursor about the screen); "
    "run it in a terminal such as xterm, or set TERM (xterm-256color). For scripts: "
    "yomite search, yomite index"
)
NO_JAPANESE = (
    "yomite: the terminal's encoding ({encoding}) cannot show Japanese; set a UTF-8 "
    "locale (LANG=C.UTF-8) or PYTHONIOENCODING=utf-8"
)
DUMB_TERMS = ("dumb", "unknown")
"""TERM values of terminals without cursor addressing, as Rich reads them: it then takes
the screen to be 80x25 whatever its size, and the reader, laid out at both sizes by
turns, drew nothing and kept a core busy."""


def _dumb_terminal() -> str | None:
    term = os.environ.get("TERM", "")
    return term if term.lower() in DUMB_TERMS else None


def _on_a_terminal() -> bool:
    """Whether the reader can run: it reads keys from stdin and draws on stdout. Without
    a terminal it drew escape codes into the pipe or file, or waited for keys that
    never come; `--help` and `--version` are answered before this is asked."""
    return all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def _encoding_without_japanese() -> str | None:
    """The terminal's encoding when it cannot write Japanese (latin-1, ascii): the
    reader drew every title, and its own frames, as `\\u6771` escapes."""
    for stream in (sys.stdout, sys.__stderr__):  # Textual draws on the latter
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "日本語…╭─╮".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            return str(encoding)
    return None


def package_version() -> str:
    try:
        return version("yomite")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(SUBCOMMANDS[name][0])


class _Parser(argparse.ArgumentParser):
    """argparse's parser, but one whose help (or version) that cannot be written to
    stdout says so: argparse drops the error, and `yomite --help > /dev/full` exited 0
    with nothing written."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message or file is None or file is not sys.stdout:
            super()._print_message(message, file)  # stderr; stdout closed: stderr too
            return
        from index.commands import STDOUT

        STDOUT.write(message)
        STDOUT.flush()  # here, not in Python's flush at exit after argparse's exit(0)


def _subcommand_parser(name: str) -> argparse.ArgumentParser:
    parser = _Parser(prog=f"yomite {name}", description=SUBCOMMANDS[name][1])
    _command_module(name).add_arguments(parser)
    return parser


def _leading_options(args: Sequence[str]) -> int:
    """How many of `args` are the reader's `--home DIR` and `--no-mouse`, given before
    a subcommand: an alias (`alias yomite='yomite --home ~/news'`) puts them there.
    `--no-mouse` is accepted and ignored there (a subcommand draws no screen): refused,
    it would break every subcommand for whoever aliased the reader with it."""
    count = 0
    while count < len(args):
        if args[count] == "--home":
            count += 2
        elif args[count].startswith("--home=") or args[count] == "--no-mouse":
            count += 1
        else:
            break
    return count


def _run_subcommand(name: str, argv: list[str], *, home: str | None = None) -> int:
    parser = _subcommand_parser(name)
    module = _command_module(name)
    # A command may arrange its arguments for argparse first (search: `-word` is a
    # query word, not an option).
    prepare = getattr(module, "prepare_argv", None)
    args = parser.parse_args(prepare(parser, argv) if prepare else argv)
    # `yomite --home DIR COMMAND`; `yomite parse` reads no data home, and ignores it
    # as it ignores $YOMITE_HOME.
    if home is not None and "home" in vars(args) and args.home is None:
        args.home = home
    from index.commands import escape_what_output_cannot_encode
    from index.errors import OutputError

    if sys.stdout is None:  # `>&-`: said before the work whose output would be lost
        raise OutputError("standard output is closed")
    escape_what_output_cannot_encode(name)  # not a traceback on a latin-1 terminal
    code: int = module.run(args)
    return code


def reader_parser() -> argparse.ArgumentParser:
    from index.commands import add_home_argument, path_argument

    commands = "\n".join(f"  {name:<8} {help_}" for name, (_, help_) in SUBCOMMANDS.items())
    parser = _Parser(
        prog="yomite",
        description="読み手 — read and search Japanese news-curation articles in the terminal.",
        epilog=f"subcommands (yomite COMMAND --help):\n{commands}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"yomite {package_version()}")
    add_home_argument(parser)
    parser.add_argument("--no-mouse", action="store_true", help="ignore the mouse")
    parser.add_argument(
        "paths",
        nargs="*",
        type=path_argument,
        metavar="PATH",
        help="article files or directories (default: the configured corpus)",
    )
    return parser


def _mistyped_command(paths: Sequence[str]) -> str | None:
    """What to say when the first PATH is no file but reads like a command misspelt
    (`yomite serach 東京` opened the reader over files named serach and 東京)."""
    from index.files import is_missing

    word = paths[0] if paths else ""
    # Not Path.exists: in a folder that cannot be searched it raised PermissionError.
    # A name that cannot be looked at may be a file: the reader says it cannot be read.
    if not word or "." in word or "/" in word or not is_missing(word):
        return None  # index.txt, ./serach: a file that is not there
    close = difflib.get_close_matches(word, SUBCOMMANDS, n=1, cutoff=0.6)
    if not close:
        return None
    from index.sanitize import quote_typed  # (as typed: repr doubled a backslash)

    return f"{quote_typed(word)} is neither a command nor a file (did you mean {close[0]}?)"


CLOSED_PIPE = 141
"""128 + SIGPIPE, the shell's status for a command whose reader went away (`| head`):
not 1, which `yomite verify` uses for "inconsistent"."""


CANNOT_WRITE = 74
"""EX_IOERR (sysexits.h): the output could not be written (a full disk, `> /dev/full`,
stdout closed), said in one line: not 1, which `yomite verify` uses for
"inconsistent", nor a traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    from index.commands import STDERR, hold_standard_descriptors, point_at_devnull
    from index.errors import ConfigError, OutputError

    hold_standard_descriptors()
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        code = _main(args_list)
        # Output to a pipe waits in a buffer: find a closed pipe (or a full disk) here,
        # not in Python's flush at exit (which printed "Exception ignored …
        # BrokenPipeError", exit 120).
        if sys.stdout is not None:  # closed: the reader said it needs a terminal
            from index.commands import STDOUT

            STDOUT.flush()
        STDERR.flush()
        return code
    except KeyboardInterrupt:  # before a command's own handling (while importing, say)
        print("yomite: interrupted", file=STDERR)
        return 130
    except BrokenPipeError:
        # The reader of the output went away (`| head`): stop quietly, as Unix tools do.
        point_at_devnull(sys.stdout)
        return CLOSED_PIPE
    except OutputError as error:
        print(f"{_command(args_list)}: cannot write output: {error}", file=STDERR)
        point_at_devnull(sys.stdout)
        return CANNOT_WRITE
    except ConfigError as error:  # before a command's own handling (YOMITE_HOME's ~user)
        print(f"{_command(args_list)}: {error}", file=STDERR)
        return 2


def _command(args: Sequence[str]) -> str:
    """`yomite COMMAND` for a message, or `yomite`."""
    lead = _leading_options(args)
    return f"yomite {args[lead]}" if lead < len(args) and args[lead] in SUBCOMMANDS else "yomite"


def _main(args_list: list[str]) -> int:
    lead = _leading_options(args_list)
    if lead < len(args_list) and args_list[lead] in SUBCOMMANDS:
        before = reader_parser().parse_args(args_list[:lead])
        return _run_subcommand(args_list[lead], args_list[lead + 1 :], home=before.home)
    parser = reader_parser()
    args = parser.parse_args(args_list)
    mistyped = _mistyped_command(args.paths)
    if mistyped:
        parser.error(mistyped)  # exit 2
    from index.commands import STDERR

    if not _on_a_terminal():
        print(NO_TERMINAL, file=STDERR)
        return 2
    dumb = _dumb_terminal()
    if dumb is not None:
        print(DUMB_TERMINAL.format(term=dumb), file=STDERR)
        return 2
    encoding = _encoding_without_japanese()
    if encoding is not None:
        print(NO_JAPANESE.format(encoding=encoding), file=STDERR)
        return 2
    from tui.app import run_reader  # Textual is imported only when the reader opens

    return run_reader(args)


if __name__ == "__main__":
    raise SystemExit(main())
