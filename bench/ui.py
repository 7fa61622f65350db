"""The reader through its UI, headless: cold start to a painted list, keystroke latency.

- `cold_start`: a fresh Python process opens the reader over the built index
  (no background update) until the article list is filled and the screen has
  been painted with it; timed from outside (interpreter start, imports, opening
  the index and the state, first paint).
- `keystroke_to_list`: each query of `queries.txt` typed one character at a
  time into the running app; a sample runs from sending the key to the first
  paint after the list holds the results for the text typed so far (search on
  the index thread + list rebuild + paint).

Keys are sent and paints observed directly (driver message in, `App._display`
out) rather than through Pilot's `press`/`pause`, which wait for the process to
look idle and so measure the machine's load rather than the reader.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import BenchContext, Timing

KEYSTROKE_QUERIES = 30
SIZE = (160, 48)


class PaintClock:
    """Counts the app's paints, so a wait can end at the first paint after an event."""

    def __init__(self, app: Any) -> None:
        self.paints = 0
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            self.paints += 1

        app._display = display

    async def next_paint(self, after: int, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while self.paints <= after and time.perf_counter() < deadline:
            await asyncio.sleep(0.0005)


def _app(home: Path, corpus: Path) -> Any:
    from tui.app import create_app

    return create_app(
        home,
        [corpus],
        update_on_start=False,
        cursor_blink=False,
        environ={"TEXTUAL_ANIMATIONS": "none"},
    )


async def _until(condition: Any, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the reader did not get there")
        await asyncio.sleep(0.0005)


async def first_paint(home: Path, corpus: Path) -> int:
    """Open the reader; return how many entries were painted (the child's side)."""
    app = _app(home, corpus)
    clock = PaintClock(app)
    task = asyncio.create_task(app.run_async(headless=True, size=SIZE))
    await _until(lambda: bool(app.screen_stack) and hasattr(app.screen_stack[0], "article_list"))
    screen = app.screen_stack[0]
    await _until(lambda: bool(screen.article_list.entries))
    await clock.next_paint(clock.paints)
    shown = len(screen.article_list.entries)
    app.exit()
    await task
    return shown


def cold_start(home: Path, corpus: Path, runs: int = 3) -> dict[str, Any]:
    samples = []
    shown = 0
    child = (
        "import asyncio, sys; from bench.ui import first_paint; "
        "print('painted', asyncio.run(first_paint(sys.argv[1], sys.argv[2])), flush=True)"
    )
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", PYTHONPATH=root)
    for _ in range(runs):
        started = time.perf_counter()
        with subprocess.Popen(
            [sys.executable, "-c", child, str(home), str(corpus)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        ) as process:
            assert process.stdout is not None
            line = process.stdout.readline()
            samples.append((time.perf_counter() - started) * 1000)
            process.wait()
        shown = int(line.split()[1])
    return {"first_paint": Timing(tuple(samples)).as_dict(), "entries_painted": shown}


async def keystrokes(home: Path, corpus: Path, queries: list[str]) -> tuple[Timing, Timing]:
    """Wall-clock latency per keystroke, and the CPU time the process spent on it.

    On a machine shared with other work the wall clock includes waiting for a core;
    the CPU time (all threads of this process) is the reader's own cost.
    """
    from textual import events

    app = _app(home, corpus)
    clock = PaintClock(app)
    task = asyncio.create_task(app.run_async(headless=True, size=SIZE))
    await _until(lambda: bool(app.screen_stack) and hasattr(app.screen_stack[0], "article_list"))
    screen = app.screen_stack[0]
    await _until(lambda: bool(screen.article_list.entries))
    await asyncio.sleep(0.5)  # the index thread's MeCab warm-up, as a user's first second

    def send(key: str, char: str | None) -> None:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)

    samples: list[float] = []
    cpu: list[float] = []
    for query in queries:
        send("slash", "/")
        await _until(lambda: app.focused is screen.search_bar.input)
        typed = ""
        for char in query:
            typed += char
            want = typed.strip()
            started = time.perf_counter()
            cpu_started = time.process_time()
            paints = clock.paints
            send(char, char)
            await _until(
                lambda want=want: (
                    screen.shown_query == want
                    or "-error" in screen.search_bar.query_one("#search-count").classes
                )
            )
            await clock.next_paint(paints)
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - cpu_started) * 1000)
        send("escape", None)
        await _until(lambda: screen.shown_query is None)
    app.exit()
    await task
    return Timing(tuple(samples)), Timing(tuple(cpu))


def run(ctx: BenchContext) -> dict[str, Any]:
    queries = [q for q in ctx.queries if " " not in q][:KEYSTROKE_QUERIES]
    with tempfile.TemporaryDirectory(prefix="yomite-bench-ui-") as scratch:
        home = Path(scratch) / "home"
        # The built index with a private state file: the bench leaves no reading marks.
        shutil.copytree(ctx.where.home, home, ignore=shutil.ignore_patterns("state.sqlite3*"))
        start = cold_start(home, ctx.corpus)
        keys, cpu = asyncio.run(keystrokes(home, ctx.corpus, queries))
        load = os.getloadavg()[0]
    return {
        "cold_start": start,
        "keystroke_to_list": keys.as_dict(),
        "keystroke_cpu": cpu.as_dict(),
        "load_average_1min": round(load, 2),
        "queries_typed": len(queries),
        "targets": {"first_paint_ms": 1000, "keystroke_p95_ms": 33},
    }
