"""Shared by the reader's Pilot, snapshot and tmux tests: a test home and hostile text;
and the steps and small homes the Pilot tests (tests/tui/) share: the reader opened
and its main screen, an article opened, searches submitted and recalled, homes of a
few plain texts; and waits that hold on a loaded machine (a condition waited for,
the status line's messages timed as they are shown)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
import shutil
import time
import unicodedata
import weakref
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

import pytest
from rich.cells import get_character_cell_size
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.worker import Worker

from index.library import Library
from index.locations import locations
from tui.app import YomiteApp, create_app
from tui.screens import MainScreen
from tui.widgets import StatusLine
from tui.widgets.reading_view import BlockView, ReadingView

P = ParamSpec("P")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# One pane at a time, and the three panes side by side.
SIZES = [(80, 24), (160, 48)]

every_theme = pytest.mark.parametrize(
    ("theme", "no_color"),
    [("textual-ansi", False), ("textual-ansi", True), ("textual-dark", False)],
    ids=["16-colours", "16-colours-no-color", "256-colours"],
)
"""A test's `theme` and `no_color` for each way a terminal's colours differ: 16 colours
(textual-ansi), those with NO_COLOR, and a theme of 256 colours and more."""


ESC = "\x1b"
HOSTILE_TITLE = (
    "悪意ある見出し[/b][link=https://evil.example/]リンク[/link][@click=app.quit]終了"
    f"{ESC}]0;PWNED-TITLE\x07{ESC}]52;c;SEFDS0VE\x07\u202eスパイ\u202c"
)
HOSTILE_BODY = (
    "本文に[bold red]マークアップ[/]と[@click=app.screenshot('/tmp/pwned.svg')]罠[/]があり、"
    f"{ESC}[2J画面消去{ESC}]52;c;UFdORUQ=\x07クリップボード、{ESC}]0;PWNED\x07題名、"
    "\u2066双方向\u2069制御も含む停戦の記事。"
)
HOSTILE_OUTLET = "[@click=app.quit]偽メディア[/b]"


def hostile_article() -> str:
    """A curation article (the seeds' layout) whose every field carries markup and escapes."""
    return "\n".join(
        [
            HOSTILE_TITLE,
            "リード文[/i][link=https://evil.example/lead]です[/link]。停戦と交渉の話。",
            "💡 要点[b]その一[/b]",
            "💡 要点その二",
            "それでは見ていきましょう[/]。",
            "危険な見出し[/b]",
            "危険な問い[@click=app.quit]?",
            "危険な導入。",
            HOSTILE_BODY,
            "",
            "✅ カードの要点[/b]その一。停戦の話。",
            f"さらに読む ⇒{HOSTILE_OUTLET}出典/画像元: https://evil.example/a[/b]?q=[@click=app.quit]"
            f"コメント{ESC}]52;c;UFdORUQ=\x07です。",
            "二つ目の段落、停戦の交渉。",
            "",
        ]
    )


def build_home(tmp_path: Path, *, hostile: bool = True) -> tuple[Path, Path]:
    """A data home indexed by `Library.update` over the seeds (+ the hostile article)."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, corpus / seed.name)
    if hostile:
        (corpus / "hostile.txt").write_text(hostile_article(), encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        report = library.update([corpus])
    assert not report.failed, report.failed
    return home, corpus


def reader_app(home: Path, corpus: Path) -> YomiteApp:
    """The app as the CLI makes it, made repeatable: no animation, no blink, no update;
    what it notifies is kept for `told`."""
    app = create_app(
        home,
        [corpus],
        update_on_start=False,
        cursor_blink=False,
        environ={"TEXTUAL_ANIMATIONS": "none", "LANG": "C.UTF-8"},
    )
    return recording(app)


def themed_reader(
    indexed: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, theme: str, no_color: bool
) -> YomiteApp:
    """The reader of `indexed` in `theme`, with NO_COLOR set or not (`every_theme`)."""
    home, corpus = indexed
    home.joinpath("config.toml").write_text(f'[reader]\ntheme = "{theme}"\n')
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    return reader_app(home, corpus)


def recording(app: YomiteApp) -> YomiteApp:
    """`app`, what it notifies kept for `told`."""
    said = _TOLD[app] = []
    notify = app.notify

    @functools.wraps(notify)
    def recorded(message: str, **options: Any) -> None:
        said.append(str(message))
        notify(message, **options)

    app.notify = recorded  # type: ignore[method-assign]
    return app


_TOLD: weakref.WeakKeyDictionary[YomiteApp, list[str]] = weakref.WeakKeyDictionary()


def told(app: YomiteApp) -> list[str]:
    """Every notification `app` (made by `reader_app`) has raised, in order, those
    gone since too: a toast leaves after its timeout, and a start slow enough (a
    loaded CI machine) outlasted the read-only notice's 8 s before it was looked for."""
    return _TOLD[app]


def shown_text(widget: Widget) -> str:
    """The widget's lines as painted (its content, without borders), one per row."""
    return "\n".join(widget.render_line(y).text for y in range(widget.content_size.height))


async def settle(pilot: Pilot[int]) -> None:
    """Wait until every worker (and what it posted back) is done, and every action
    deferred until the screen is laid out (`tui.waiting`: the keys typed with Enter,
    sent again once the article opens) has acted."""
    from textual.worker import WorkerCancelled

    from tui.waiting import READY_WAIT, waiting

    for _ in range(4):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            # An exclusive worker replaced by a newer one while waited for (the last
            # article restored at start, a key opening another): the newer one is
            # waited for at the next round.
            continue
        await pilot.pause()
        deadline = time.monotonic() + 2 * READY_WAIT  # (each acts by then, ready or not)
        while waiting() and time.monotonic() < deadline:
            await pilot.pause(0.01)


@contextlib.asynccontextmanager
async def open_reader(
    app: YomiteApp, *, size: tuple[int, int], **options: Any
) -> AsyncIterator[tuple[Pilot[int], MainScreen]]:
    """`app` run at `size` (other `run_test` options as given), its start settled:
    the Pilot that drives it and its main screen. The test makes the app itself
    (`reader_app`, or `create_app` to keep the index up to date) and keeps it in hand."""
    async with app.run_test(size=size, **options) as pilot:
        await settle(pilot)
        yield pilot, main_screen(app)


async def wait_until(pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 30) -> None:
    """Pause until `condition()` holds, and fail once `timeout` seconds have gone by without.
    For what a timer or a thread brings about: a fixed pause before the check is overslept,
    or not long enough, on a loaded machine. The timeout is no measure, only a bound."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not so after {timeout} s: {condition}"
        await pilot.pause(0.02)


def noting_workers(node: Widget) -> list[Worker[Any]]:
    """The workers `node` (a screen, a widget) starts from now on, as they start:
    its `run_worker`, which Textual's @work calls, wrapped."""
    started: list[Worker[Any]] = []
    run_worker = node.run_worker

    def noted(*args: Any, **kwargs: Any) -> Worker[Any]:
        worker = run_worker(*args, **kwargs)
        started.append(worker)
        return worker

    node.run_worker = noted  # type: ignore[method-assign]
    return started


async def palette_lists(pilot: Pilot[int], typed: str) -> list[str]:
    """`typed` put in the open command palette, and the prompts it lists once its search
    for it has ended. The search is a worker whose hits come in batches 0.25 s apart: a
    fixed pause before reading them was overslept, or not long enough, on a loaded
    machine. The palette's workers are noted as they start (`run_worker`, which
    Textual's @work calls), once it is mounted (its search of nothing, as it opens,
    started); the last one, the search for `typed`, is waited for."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Input
    from textual.worker import WorkerState

    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await wait_until(pilot, lambda: palette.is_mounted)
    started = noting_workers(palette)
    try:
        palette.query_one(Input).value = typed
        await wait_until(pilot, lambda: bool(started) and started[-1].is_finished)
    finally:
        del palette.run_worker  # the class's again
    assert started[-1].state is WorkerState.SUCCESS, started
    await pilot.pause()
    options = palette.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


TIMERS_EARLY = 0.001
"""How much sooner than asked a Textual timer may fire: it sleeps half a millisecond
short, to make up for asyncio's overshoot."""


class StatusTimes:
    """What the status line shows and when (`time.monotonic()`), noted as it is shown.
    A check after a fixed pause that a message is still there fails once a loaded
    machine oversleeps the pause past its fade or hold; a fade or hold never ends early,
    so when the message went, against a time taken before it was said, is a sure check."""

    def __init__(self, status: StatusLine) -> None:
        self.shown: list[tuple[float, str]] = []
        update = status.update

        @functools.wraps(update)
        def noted(content: Any = "", *args: Any, **kwargs: Any) -> None:
            if not self.shown or self.shown[-1][1] != str(content):  # (a resize says it again)
                self.shown.append((time.monotonic(), str(content)))
            update(content, *args, **kwargs)

        status.update = noted  # type: ignore[method-assign]

    def since(self, message: str) -> list[str]:
        """`message` and what the line showed after it, from the last time it was shown."""
        said = [shown for _, shown in self.shown]
        return said[len(said) - 1 - said[::-1].index(message) :]

    def gone(self, message: str) -> float:
        """When the line last stopped showing `message` (and showed another)."""
        after = len(self.shown) - len(self.since(message)) + 1
        assert after < len(self.shown), f"{message!r} is still shown"
        return self.shown[after][0]


def sync(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test on a fresh event loop (the project has no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def main_screen(app: object) -> MainScreen:
    from textual.app import App

    assert isinstance(app, App)
    screen = app.screen_stack[0]
    assert isinstance(screen, MainScreen)
    return screen


async def submit(pilot: Any, *queries: str) -> None:
    """Search each query as Enter does, so it is kept in the history (newest last here)."""
    for query in queries:
        await pilot.press("slash", *query, "enter")
        await settle(pilot)


def typed_at_once(app: Any, *keys: tuple[str, str]) -> None:
    """`keys` (name, character) as the terminal sends keys typed fast: in one read, every
    one of them the app's before any widget has taken the first."""
    for key, character in keys:
        app.post_message(events.Key(key, character))


async def keys_sent(pilot: Any, text: str) -> None:
    """`text` typed as the terminal's input parser gives it, key and character (ctrl+t
    for \\x14, ideographic_space for U+3000, 東 for 東), in one burst, as an input
    method commits what it composed: Pilot's `press` sends a key such as U+3000 with no
    character (its key's name does not look the character up)."""
    for character in text:
        if unicodedata.category(character) == "Cc":
            key = f"ctrl+{chr(ord(character) + 96)}"
        elif character.isalnum():
            key = character  # (as Textual names a letter, a digit, a kana or a kanji)
        else:
            key = unicodedata.name(character, character).lower().replace(" ", "_")
        pilot.app.post_message(events.Key(key, character))
    await settle(pilot)


async def recall(pilot: Any, *keys: str) -> list[str]:
    """The bar's query after each of `keys` (up, down), each searched before the next."""
    screen = main_screen(pilot.app)
    shown = []
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
        shown.append(screen.search_bar.query_text)
    return shown


async def open_article(pilot: Any, app: Any, article_id: str) -> MainScreen:
    """The article `article_id`, opened from the list."""
    await settle(pilot)
    screen = main_screen(app)
    screen.article_list.highlighted = screen.article_list.index_of(article_id)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def open_long_article(pilot: Any, app: Any) -> MainScreen:
    """The `plain_indexed` long article, opened from the list."""
    return await open_article(pilot, app, "long")


async def open_listed_first(pilot: Any, app: Any) -> MainScreen:
    """The list's first article opened (Enter), once the reader has started."""
    await settle(pilot)
    screen = main_screen(app)
    await pilot.press("enter")
    await settle(pilot)
    return screen


async def open_first_hit(pilot: Any, app: Any, query: str) -> MainScreen:
    """`query` searched, and its first hit opened (at its first match)."""
    await settle(pilot)
    screen = main_screen(app)
    await pilot.press("slash", *query, "enter", "enter")
    await settle(pilot)
    return screen


async def cursor_off_the_open_article(pilot: Any, app: Any) -> tuple[MainScreen, str, str]:
    """The first hit of 停戦 opened, back to the list, プーチン searched and
    the list's cursor moved to the hit that is not open (the user review's steps).
    Returns the screen, the open article's id and the cursor's."""
    await settle(pilot)
    screen = main_screen(app)
    await pilot.press("slash", *"停戦", "enter", "enter")
    await settle(pilot)
    assert screen.reader.article is not None
    opened = screen.reader.article.id
    await pilot.press("escape", "slash", "ctrl+u", *"プーチン", "enter")
    await settle(pilot)
    listing = screen.article_list
    other = next(e.summary.id for e in listing.entries if e.summary.id != opened)
    while listing.current_id != other:
        await pilot.press("j")
    await settle(pilot)
    assert app.focused is listing and screen.pane == "list"
    assert screen.reader.display == (screen.layout_name != "-narrow")  # out of sight at 80
    return screen, opened, other


def reader_pane(app: Any) -> str:
    """What the reading view shows, without the panes beside it."""
    region = main_screen(app).reader.region
    strips = app.screen._compositor.render_strips()[region.y : region.bottom]
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips)


def block_widgets(reader: ReadingView) -> list[BlockView]:
    """The open article's blocks, each its own widget: a short article's (no run of
    paragraphs, whose blocks one widget draws), as the tests' articles are."""
    widgets = [view for view in reader.block_views if isinstance(view, BlockView)]
    assert len(widgets) == len(reader.block_views), "a run of paragraphs: no widget each"
    return widgets


def text_home(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    """A home with one plain-text article `name`.txt holding `text`, indexed."""
    return texts_home(tmp_path, name, {name: text})


def texts_home(tmp_path: Path, name: str, texts: dict[str, str]) -> tuple[Path, Path]:
    """A home with a folder `name` of plain-text articles (file stem -> text), indexed."""
    return files_home(tmp_path, name, {f"{stem}.txt": text for stem, text in texts.items()})


def files_home(tmp_path: Path, name: str, files: dict[str, str]) -> tuple[Path, Path]:
    """A home with a folder `name` of articles (file name -> text), indexed."""
    from index.library import Library
    from index.locations import locations

    corpus = tmp_path / name
    corpus.mkdir()
    for file_name, text in files.items():
        (corpus / file_name).write_text(text, encoding="utf-8")
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed
    return home, corpus


def numbered_home(tmp_path: Path, count: int) -> tuple[Path, Path]:
    """A home of `count` short articles titled 記事その0, 記事その1, …"""
    return texts_home(
        tmp_path, "many", {f"{n:02}": f"記事その{n}\n\n本文{n}。" for n in range(count)}
    )


def assert_points_hang(rows: list[str], frame: str) -> None:
    """Each row of `rows` that continues a point bulleted with ・ starts under the
    point's text, not under its bullet (`frame`: the pane's border and marks, skipped)."""
    from rich.cells import cell_len

    wrapped = [
        n
        for n, row in enumerate(rows[:-1])
        if "・" in row
        and rows[n + 1].strip(frame)
        and "・" not in rows[n + 1]
        and "http" not in rows[n + 1]  # a card's URL, under its last point
    ]
    assert wrapped, rows  # a point over two lines
    for n in wrapped:
        text_at = cell_len(rows[n][: rows[n].index("・") + 1])
        next_row = rows[n + 1]
        assert cell_len(next_row) - cell_len(next_row.lstrip(frame)) == text_at, (
            rows[n],
            next_row,
        )


class Terminal:
    """What a terminal shows of the reader: the updates Textual writes (full or partial,
    escape sequences and all) played onto a grid of cells, as a terminal does, where the
    Pilot's own compositor renders the screen whole. A wide character takes two cells;
    writing over either half blanks the other, as terminals do. Enough of a terminal
    for Textual's output: cursor moves and text (colours and links are skipped)."""

    _SEQUENCE = re.compile(
        r"\x1b\[(\d+);(\d+)H|\x1b\[[0-9;:?]*[A-Za-z]|\x1b\][^\x1b\x07]*(?:\x1b\\|\x07)"
    )

    def __init__(self, app: YomiteApp) -> None:
        from textual._compositor import CompositorUpdate

        self.cells: list[list[str]] = []

        def display(screen: object, renderable: object) -> None:
            if isinstance(renderable, CompositorUpdate):
                if not self.cells:  # (the app's size once it runs)
                    width, height = app.size
                    self.cells = [[" "] * width for _ in range(height)]
                self.play(renderable.render_segments(app.console))

        app._display = display  # type: ignore[method-assign]

    def play(self, output: str) -> None:
        x = y = 0
        at = 0
        for found in self._SEQUENCE.finditer(output):
            x = self._write(output[at : found.start()], x, y)
            if found[1] is not None:
                y, x = int(found[1]) - 1, int(found[2]) - 1
            at = found.end()
        self._write(output[at:], x, y)

    def _write(self, text: str, x: int, y: int) -> int:
        row = self.cells[y] if 0 <= y < len(self.cells) else None
        for char in text:
            if char in "\r\n" or row is None:
                continue
            width = get_character_cell_size(char)
            if width == 0 or x + width > len(row):
                continue
            for cell in range(x, x + width):
                if row[cell] == "":  # the right half of a wide character
                    row[cell - 1] = " "
                elif cell + 1 < len(row) and row[cell + 1] == "":  # its left half
                    row[cell + 1] = " "
                row[cell] = " "
            row[x] = char
            if width == 2:
                row[x + 1] = ""
            x += width
        return x

    @property
    def lines(self) -> list[str]:
        return ["".join(row) for row in self.cells]
