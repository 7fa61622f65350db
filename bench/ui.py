"""The reader through its UI, headless: cold start to a painted list, keystroke latency.

- `cold_start`: a fresh Python process opens the reader over the built index
  (no background update) until the article list is filled and the screen has
  been painted with it; timed from outside (interpreter start, imports, opening
  the index and the state, first paint).
- `keystroke_to_list`: each query of `queries.txt` typed one character at a
  time into the running app (in `ROUNDS` sessions, each a process of its own,
  pooled); a sample runs from sending the key to the end of
  the first paint that began after the list held the results for the text typed
  so far (or the query's error, or what it waits for, was shown): search on the index thread + list
  rebuild + paint. Each query's first character is typed once the screen has
  painted what `/` changed (the bar focused, the footer's keys), as a person
  cannot type faster than that; `/` itself is timed apart (`open_search`: to the
  end of the last paint once nothing is left to paint), after Escape's repaint.
- `open_huge_article`: Enter on a ~1 MB article (~1,900 paragraphs) in a process
  of its own, until the reading view shows it and the screen is painted and still;
  and `G` to its end, painted. No target: a guard (opening it once took 123 s, when
  each paragraph's resize queried the DOM and scheduled a restore; 7 s before).
- `open_many_paragraphs`: the same with a ~3.7 MB text of 30,000 short paragraphs
  (75 s to paint and 900 MB when each paragraph was a widget).
- `open_one_line`: the same with a ~2.9 MB text on one line (35 s and 2 GB when the
  reader laid out its one 960,000-character paragraph whole).
- `open_news_collection`: the same with ~6.8 MB of livedoor articles written one after
  the other in one file (37,700 paragraphs of every length: a user's review), and
  `first_paint_ms`, to the end of the first paint showing it (each of these scenarios
  reports it).
- `keystroke_split`: where each keystroke's time went (`keystroke_split_doc`):
  wall time from the key to the search's start, the search, the hand-over, the
  list rebuild, the wait for the screen update and the update itself, and the
  CPU time of the search (index thread), the rebuild and the paint (UI thread),
  which the machine's load does not inflate as much.

Keys are sent and paints observed directly (driver message in, `App._display`
out) rather than through Pilot's `press`/`pause`, which wait for the process to
look idle and so measure the machine's load rather than the reader.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from bench.common import BenchContext, Timing

KEYSTROKE_QUERIES = 30
ROUNDS = 3
"""The queries are typed in this many sessions of the reader, each in a process of its
own (cold caches, as a user's), and their keystrokes pooled: one session's p95 rests on
its ~5 slowest keystrokes and moved by 10 ms from run to run on this machine."""
SIZE = (160, 48)


class PaintClock:
    """Counts the app's paints, so a wait can end at the first paint after an event.

    Also records when each screen update ran and how long it took (`_on_timer_update`:
    layout if needed, the compositor's render of the dirty regions, and `App._display`
    writing it out), to split a keystroke's latency.
    """

    def __init__(self, app: Any) -> None:
        self.paints = 0
        self.updates: list[tuple[float, float, float]] = []
        """(start, end, CPU seconds of the UI thread) of each screen update."""
        self.display: list[tuple[float, float]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            started = time.perf_counter()
            original(screen, renderable)
            self.display.append((started, time.perf_counter()))
            self.paints += 1

        app._display = display

    @contextlib.contextmanager
    def watching_updates(self) -> Iterator[None]:
        """Time every screen update while in the block (patched on the class: a screen's
        update timer holds the bound method it was created with)."""
        from textual.screen import Screen

        original = Screen._on_timer_update
        updates = self.updates

        def on_timer_update(self: Screen[Any]) -> None:  # a method of Screen, as patched
            started, cpu = time.perf_counter(), time.thread_time()
            original(self)
            updates.append((started, time.perf_counter(), time.thread_time() - cpu))

        Screen._on_timer_update = on_timer_update  # type: ignore[method-assign]
        try:
            yield
        finally:
            Screen._on_timer_update = original  # type: ignore[method-assign]

    async def painted_after(self, moment: float, screen: Any, timeout: float = 10.0) -> float:
        """When the first paint that began after `moment` ended; `moment` itself if
        nothing on `screen` was left to paint then (the answer changed nothing shown)."""
        deadline = time.perf_counter() + timeout
        idle_polls = 0
        while time.perf_counter() < deadline:
            painted = [end for start, end in self.display if start >= moment]
            if painted:
                return painted[0]
            updated = any(start >= moment for start, _, _ in self.updates)
            idle_polls = 0 if updated or _repaint_pending(screen) else idle_polls + 1
            if idle_polls >= 2:
                return moment
            await asyncio.sleep(0.0005)
        raise TimeoutError("the screen was not painted")

    async def settled(self, moment: float, screen: Any, timeout: float = 10.0) -> float:
        """When the last paint that began after `moment` ended, once nothing on `screen`
        is left to paint (`moment` itself if nothing was painted)."""
        deadline = time.perf_counter() + timeout
        idle_polls = 0
        while time.perf_counter() < deadline:
            idle_polls = 0 if _repaint_pending(screen) else idle_polls + 1
            if idle_polls >= 3:
                ends = [end for start, end in self.display if start >= moment]
                return ends[-1] if ends else moment
            await asyncio.sleep(0.0005)
        raise TimeoutError("the screen did not settle")

    async def next_paint(self, after: int, timeout: float = 10.0) -> None:
        deadline = time.perf_counter() + timeout
        while self.paints <= after and time.perf_counter() < deadline:
            await asyncio.sleep(0.0005)


def _repaint_pending(screen: Any) -> bool:
    """Whether something on `screen` is still to be painted.

    A widget's refresh is first a flag on the widget, sent to the screen as a message
    when the widget is next idle, and only then marks the screen dirty: right after the
    list is rebuilt the screen itself looks clean, so the flags and the screen's queue
    are read too (reading the screen alone took ~10% of the keystrokes for answers that
    changed nothing, timing them without their paint and the next key with it).
    """
    if screen._dirty_widgets or screen._repaint_required or screen._layout_required:
        return True
    if not screen._message_queue.empty():
        return True
    return any(
        widget._repaint_required or widget._layout_required
        for widget in screen.walk_children(with_self=False)
    )


class Spans:
    """(start, end, CPU seconds of the calling thread) of calls to one method of an
    instance."""

    def __init__(self, owner: Any, name: str) -> None:
        self.spans: list[tuple[float, float, float]] = []
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started, cpu = time.perf_counter(), time.thread_time()
            try:
                return original(*args, **kwargs)
            finally:
                self.spans.append((started, time.perf_counter(), time.thread_time() - cpu))

        setattr(owner, name, timed)

    def since(self, moment: float) -> list[tuple[float, float, float]]:
        return [span for span in self.spans if span[0] >= moment]


def _app(home: Path, corpus: Path) -> Any:
    from tui.app import create_app

    # The theme measured is the same whatever TERM runs the bench (in 16 colours the
    # default theme is the terminal's own).
    os.environ["COLORTERM"] = "truecolor"

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


async def _listed(app: Any) -> tuple[asyncio.Task[None], Any]:
    """Start `app` headless; once its main screen lists articles: the app's task, the screen."""
    task = asyncio.create_task(app.run_async(headless=True, size=SIZE))
    await _until(lambda: bool(app.screen_stack) and hasattr(app.screen_stack[0], "article_list"))
    screen = app.screen_stack[0]
    await _until(lambda: bool(screen.article_list.entries))
    return task, screen


def _sender(app: Any) -> Any:
    """A function sending a key straight to the app's driver, as a terminal would."""
    from textual import events

    def send(key: str, char: str | None) -> None:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)

    return send


async def first_paint(home: Path, corpus: Path) -> int:
    """Open the reader; return how many entries were painted (the child's side)."""
    app = _app(home, corpus)
    clock = PaintClock(app)
    task, screen = await _listed(app)
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


@dataclass
class KeystrokeFigures:
    """Per keystroke: the latency, the process's CPU time, and where the time went."""

    latency: list[float] = field(default_factory=list)
    open_search: list[float] = field(default_factory=list)
    """`/` sent -> the screen painted with the search bar focused."""
    cpu: list[float] = field(default_factory=list)
    split: dict[str, list[float]] = field(default_factory=dict)
    samples: list[dict[str, object]] = field(default_factory=list)
    """Each keystroke: the text typed so far, its latency and split (for a closer look)."""

    def extend(self, other: KeystrokeFigures) -> None:
        self.latency += other.latency
        self.open_search += other.open_search
        self.cpu += other.cpu
        for name, samples in other.split.items():
            self.split.setdefault(name, []).extend(samples)
        self.samples += other.samples

    def add_split(self, name: str, ms: float) -> None:
        self.split.setdefault(name, []).append(ms)
        self.samples[-1][name] = round(ms, 2)


SPLIT_DOC = {
    "to_search": "key sent -> the search starts on the index thread (key, Input.Changed, worker)",
    "search": "the search on the index thread (Library.search)",
    "to_show": "search done -> the UI thread takes the result",
    "show": "the list rebuilt with the hits (MainScreen._show_search)",
    "to_paint": "list rebuilt -> the screen update starts",
    "paint": "the screen update that painted the hits (compositor render + App._display)",
    "display": "of which App._display (writing the frame)",
    "search_cpu": "CPU time of the index thread in the search (without waiting for a core)",
    "show_cpu": "CPU time of the UI thread in the list rebuild",
    "paint_cpu": "CPU time of the UI thread in the screen update",
}


async def keystrokes(home: Path, corpus: Path, queries: list[str]) -> KeystrokeFigures:
    """Wall-clock latency per keystroke, the CPU time the process spent on it, the split.

    On a machine shared with other work the wall clock includes waiting for a core;
    the CPU time (all threads of this process) is the reader's own cost.
    """
    app = _app(home, corpus)  # first: `tui` sets Textual up before Textual is imported

    clock = PaintClock(app)
    figures = KeystrokeFigures()
    with clock.watching_updates():
        task, screen = await _listed(app)
        # The index thread's warm-up (MeCab, a first search), as in a user's first second.
        await asyncio.sleep(0.5)
        searches = Spans(screen.library, "search")
        # The moments the reader has the answer: hits listed, or the query's error (or
        # what a filter still being typed waits for) shown in the list.
        answers = Spans(screen, "_show_search")
        errors = Spans(screen.article_list, "show_notice")

        send = _sender(app)

        for query in queries:
            slashed = time.perf_counter()
            send("slash", "/")
            await _until(lambda: app.focused is screen.search_bar.input)
            figures.open_search.append((await clock.settled(slashed, screen) - slashed) * 1000)
            typed = ""
            for char in query:
                typed += char
                want = typed.strip()
                started = time.perf_counter()
                cpu_started = time.process_time()
                send(char, char)
                await _until(
                    lambda want=want, started=started: (
                        screen.shown_query == want or bool(errors.since(started))
                    )
                )
                answered = max(end for _, end, _ in answers.since(started) + errors.since(started))
                ended = await clock.painted_after(answered, screen)
                figures.latency.append((ended - started) * 1000)
                figures.cpu.append((time.process_time() - cpu_started) * 1000)
                figures.samples.append({"typed": typed, "ms": round(figures.latency[-1], 2)})
                _split(figures, started, searches.since(started), answers.since(started), clock)
            escaped = time.perf_counter()
            send("escape", None)
            await _until(lambda: screen.shown_query is None)
            await clock.settled(escaped, screen)  # `/` is not timed with Escape's repaint
        app.exit()
        await task
    return figures


def keystrokes_in_a_session(home: Path, corpus: Path, queries: list[str]) -> KeystrokeFigures:
    """`keystrokes` in a process of its own: a session as a user starts one, with no
    cache (Python's, Rich's, Textual's or the index's) left by an earlier session."""
    figures = _in_a_process(
        "import dataclasses; from bench.ui import keystrokes; "
        "figures = dataclasses.asdict(asyncio.run(keystrokes(*sys.argv[1:3], "
        "json.loads(sys.argv[3]))))",
        str(home),
        str(corpus),
        json.dumps(queries),
    )
    return KeystrokeFigures(**figures)


def _in_a_process(code: str, *args: str) -> dict[str, Any]:
    """Run `code` (which sets `figures` to a JSON-able dict; asyncio, json and sys are
    imported) with `args` as sys.argv[1:] in a fresh Python; its `figures`."""
    child = f"import asyncio, json, sys; {code}; print('figures', json.dumps(figures), flush=True)"
    root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ, TEXTUAL_ANIMATIONS="none", PYTHONPATH=root)
    done = subprocess.run(
        [sys.executable, "-c", child, *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("figures "))
    figures: dict[str, Any] = json.loads(line.removeprefix("figures "))
    return figures


HUGE_SENTENCE = "東京都の会議で停戦交渉の行方について専門家が長い議論を続けた。"
HUGE_BYTES = 1024 * 1024
MANY_PARAGRAPHS = 30_000


def huge_article(folder: Path) -> Path:
    """A ~1 MB article of ~1,900 paragraphs (as tests/test_reliability_size.py's)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["巨大な記事の見出し", "巨大な記事のリード文です。"]
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    while size < HUGE_BYTES:
        lines.append(HUGE_SENTENCE * 6)
        size += len(lines[-1].encode("utf-8")) + 1
    path = folder / "huge.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def one_line_article(folder: Path) -> Path:
    """A ~2.9 MB plain text whose body is one line (a user's report)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "one-line.txt"
    body = "これは非常に長い一行の文章です。" * 60_000
    path.write_text(f"一行だけの記事\n{body}\n", "utf-8")
    return path


def many_paragraphs_article(folder: Path) -> Path:
    """A ~3.7 MB plain text of `MANY_PARAGRAPHS` short paragraphs (a user's report)."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [
        f"第{n}段落。これはテスト用の文章です。長い記事でも読み手が止まらないか確かめます。"
        for n in range(1, MANY_PARAGRAPHS + 1)
    ]
    path = folder / "many.txt"
    path.write_text("大きなテキスト記事の見出し\n\n" + "\n\n".join(paragraphs) + "\n", "utf-8")
    return path


COLLECTION_BYTES = 6_800_000


def news_collection_article(folder: Path, corpus: Path) -> Path:
    """~`COLLECTION_BYTES` of the corpus's articles one after the other in one file, as
    `cat` writes them (the first one's URL and date make it a news article)."""
    folder.mkdir(parents=True, exist_ok=True)
    parts: list[bytes] = []
    size = 0
    for path in sorted(corpus.glob("*/*.txt")):
        if path.name == "LICENSE.txt":
            continue
        parts.append(path.read_bytes())
        size += len(parts[-1])
        if size >= COLLECTION_BYTES:
            break
    path = folder / "collection.txt"
    path.write_bytes(b"".join(parts))
    return path


async def open_huge(home: Path, corpus: Path) -> dict[str, Any]:
    """Enter on the only article listed, until shown and painted; then `G`, painted."""
    app = _app(home, corpus)

    clock = PaintClock(app)
    with clock.watching_updates():
        task, screen = await _listed(app)
        await clock.settled(time.perf_counter(), screen)

        send = _sender(app)

        started = time.perf_counter()
        send("enter", "\r")
        await _until(lambda: screen.reader.article is not None, timeout=600)
        shown = time.perf_counter()
        await _until(lambda: any(start >= shown for start, _ in clock.display), timeout=600)
        first_paint = min(end for start, end in clock.display if start >= shown)
        opened = await clock.settled(started, screen, timeout=600)
        article = screen.reader.article
        paragraphs = len(article.intro) + sum(len(s.paragraphs) for s in article.sections)
        ended = time.perf_counter()
        send("G", "G")
        await _until(lambda: screen.reader.scroll_y > 0, timeout=600)
        to_end = await clock.settled(ended, screen, timeout=600)
        app.exit()
        await task
    return {
        "paragraphs": paragraphs,
        "shown_ms": round((shown - started) * 1000, 1),
        "first_paint_ms": round((first_paint - started) * 1000, 1),
        "painted_ms": round((opened - started) * 1000, 1),
        "to_end_ms": round((to_end - ended) * 1000, 1),
    }


def huge_article_in_a_session(folder: Path, make: Any = huge_article) -> dict[str, Any]:
    """`open_huge` over its own corpus (`make`'s article) and home, in a process of its own."""
    from index.library import Library
    from index.locations import locations

    corpus = make(folder / "corpus").parent
    home = folder / "home"
    with Library.open(locations(home)) as library:
        library.update([corpus])
    return _in_a_process(
        "from bench.ui import open_huge; figures = asyncio.run(open_huge(*sys.argv[1:3]))",
        str(home),
        str(corpus),
    )


def _split(
    figures: KeystrokeFigures,
    started: float,
    searches: list[tuple[float, float, float]],
    shows: list[tuple[float, float, float]],
    clock: PaintClock,
) -> None:
    """Where one keystroke's time went (only when it ran one search and one rebuild)."""
    if len(searches) != 1 or len(shows) != 1:
        return
    (search_start, search_end, search_cpu), (show_start, show_end, show_cpu) = searches[0], shows[0]
    update = next((u for u in clock.updates if u[0] >= show_end), None)
    if update is None:  # the answer changed nothing shown
        return
    update_start, update_end, update_cpu = update
    display = next((b - a for a, b in clock.display if update_start <= a <= update_end), 0.0)
    ms = 1000
    figures.add_split("to_search", (search_start - started) * ms)
    figures.add_split("search", (search_end - search_start) * ms)
    figures.add_split("search_cpu", search_cpu * ms)
    figures.add_split("to_show", (show_start - search_end) * ms)
    figures.add_split("show", (show_end - show_start) * ms)
    figures.add_split("show_cpu", show_cpu * ms)
    figures.add_split("to_paint", (update_start - show_end) * ms)
    figures.add_split("paint", (update_end - update_start) * ms)
    figures.add_split("paint_cpu", update_cpu * ms)
    figures.add_split("display", display * ms)


def run(ctx: BenchContext) -> dict[str, Any]:
    # One word each: a space (ASCII or full-width) typed changes no query, so it has no
    # answer to wait for.
    queries = [q for q in ctx.queries if not any(c.isspace() for c in q)][:KEYSTROKE_QUERIES]
    with tempfile.TemporaryDirectory(prefix="yomite-bench-ui-") as scratch:
        home = Path(scratch) / "home"
        # The built index with a private state file: the bench leaves no reading marks.
        shutil.copytree(ctx.where.home, home, ignore=shutil.ignore_patterns("state.sqlite3*"))
        start = cold_start(home, ctx.corpus)
        figures = KeystrokeFigures()
        for _ in range(ROUNDS):
            figures.extend(keystrokes_in_a_session(home, ctx.corpus, queries))
        load = os.getloadavg()[0]
        huge = huge_article_in_a_session(Path(scratch) / "huge")
        many = huge_article_in_a_session(Path(scratch) / "many", many_paragraphs_article)
        one_line = huge_article_in_a_session(Path(scratch) / "one-line", one_line_article)
        collection = huge_article_in_a_session(
            Path(scratch) / "collection", partial(news_collection_article, corpus=ctx.corpus)
        )
    return {
        "cold_start": start,
        "open_huge_article": huge,
        "open_many_paragraphs": many,
        "open_one_line": one_line,
        "open_news_collection": collection,
        "keystroke_to_list": Timing(tuple(figures.latency)).as_dict(),
        "open_search": Timing(tuple(figures.open_search)).as_dict(),
        "keystroke_cpu": Timing(tuple(figures.cpu)).as_dict(),
        "keystroke_split": {
            name: Timing(tuple(samples)).as_dict() for name, samples in figures.split.items()
        },
        "keystroke_split_doc": SPLIT_DOC,
        "load_average_1min": round(load, 2),
        "queries_typed": len(queries),
        "sessions": ROUNDS,
        "targets": {"first_paint_ms": 1000, "keystroke_p95_ms": 33},
    }
