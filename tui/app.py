"""The reader application (placeholder until the reader lands)."""

from __future__ import annotations

import argparse


def run_reader(args: argparse.Namespace) -> int:
    print("yomite: the reader is not built yet; try `yomite parse seeds/*.txt`.")
    return 0
