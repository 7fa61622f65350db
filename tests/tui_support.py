"""Shared by the reader's Pilot, snapshot and tmux tests: a test home and hostile text."""

from __future__ import annotations

import asyncio
import functools
import shutil
import weakref
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, ParamSpec

from textual.pilot import Pilot
from textual.widget import Widget

from index.library import Library
from index.locations import locations
from tui.app import YomiteApp, create_app

P = ParamSpec("P")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

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
    """Wait until every worker (and what it posted back) is done."""
    from textual.worker import WorkerCancelled

    for _ in range(4):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            # An exclusive worker replaced by a newer one while waited for (the last
            # article restored at start, a key opening another): the newer one is
            # waited for at the next round.
            continue
        await pilot.pause()


def sync(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async Pilot test on a fresh event loop (the project has no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run
