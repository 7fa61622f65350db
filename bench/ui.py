"""The reader through its UI, headless: cold start to a painted list, keystroke latency.

- `cold_start`: a fresh `yomite` process over the built index (no background
  update) until the article list is filled and painted, timed from outside
  (interpreter start, imports, opening the index and state, first paint).
- `keystroke`: the app driven by Pilot; each query of `queries.txt` typed one
  character at a time; each sample is from the key press to the list showing
  the results for the text typed so far (search worker + list rebuild + paint).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import BenchContext, Timing

_CHILD = """
import asyncio, sys, time
from tui.app import create_app

async def main():
    app = create_app(sys.argv[1], [sys.argv[2]], update_on_start=False, cursor_blink=False,
                     environ={"TEXTUAL_ANIMATIONS": "none"})
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen_stack[0]
        while not screen.article_list.entries:
            await asyncio.sleep(0.001)
        await pilot.pause()
        print("painted", len(screen.article_list.entries), flush=True)
asyncio.run(main())
"""

KEYSTROKE_QUERIES = 30


def _copy_home(ctx: BenchContext, into: Path) -> Path:
    """The built index with a private state file, so the bench leaves no reading marks."""
    import shutil

    home = into / "home"
    shutil.copytree(ctx.where.home, home, ignore=shutil.ignore_patterns("state.sqlite3*"))
    return home


def cold_start(home: Path, corpus: Path, runs: int = 3) -> dict[str, Any]:
    samples = []
    shown = 0
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none")
    for _ in range(runs):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(home), str(corpus)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        )
        samples.append((time.perf_counter() - started) * 1000)
        shown = int(out.stdout.split()[1])
    return {"first_paint": Timing(tuple(samples)).as_dict(), "entries_painted": shown}


async def _keystrokes(home: Path, corpus: Path, queries: list[str]) -> Timing:
    from tui.app import create_app
    from tui.screens import MainScreen

    app = create_app(
        home,
        [corpus],
        update_on_start=False,
        cursor_blink=False,
        environ={"TEXTUAL_ANIMATIONS": "none"},
    )
    samples: list[float] = []
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        while not screen.article_list.entries:
            await pilot.pause()
        for query in queries:
            await pilot.press("slash")
            typed = ""
            for char in query:
                typed += char
                started = time.perf_counter()
                await pilot.press(char)
                want = typed.strip()
                while want and screen.shown_query != want:
                    if "-error" in screen.search_bar.query_one("#search-count").classes:
                        break  # a half-typed query the language rejects: shown as an error
                    await asyncio.sleep(0.0005)
                await pilot.pause()
                samples.append((time.perf_counter() - started) * 1000)
            await pilot.press("escape")
            await pilot.pause()
    return Timing(tuple(samples))


def run(ctx: BenchContext) -> dict[str, Any]:
    queries = [q for q in ctx.queries if " " not in q][:KEYSTROKE_QUERIES]
    with tempfile.TemporaryDirectory(prefix="yomite-bench-ui-") as scratch:
        home = _copy_home(ctx, Path(scratch))
        start = cold_start(home, ctx.corpus)
        keys = asyncio.run(_keystrokes(home, ctx.corpus, queries))
    return {
        "cold_start": start,
        "keystroke_to_list": keys.as_dict(),
        "queries_typed": len(queries),
        "targets": {"first_paint_ms": 1000, "keystroke_p95_ms": 33},
    }
