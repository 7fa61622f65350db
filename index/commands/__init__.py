"""Command-line subcommands (`yomite parse|index|verify|search`), free of Textual.

Each module defines `add_arguments(parser)` and `run(args) -> int` (the exit code).
"""
