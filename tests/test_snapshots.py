"""The look of the main screens at 80x24 and 160x48 (pytest-textual-snapshot SVGs).

Regenerate after a deliberate change of look: `pytest tests/test_snapshots.py --snapshot-update`,
then look at the SVGs (tests/__snapshots__/test_snapshots/).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui_support import build_home, reader_app, settle

SIZES = [(80, 24), (160, 48)]


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_home(tmp_path_factory.mktemp("snapshots"))


def keys(*pressed: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)

    return run_before


def fresh(indexed: tuple[Path, Path], tmp_path: Path) -> Any:
    import shutil

    home = tmp_path / "home"
    shutil.copytree(indexed[0], home)
    return reader_app(home, indexed[1])


@pytest.mark.parametrize("size", SIZES)
def test_article_list(
    snap_compare: Any, indexed: tuple[Path, Path], tmp_path: Path, size: Any
) -> None:
    assert snap_compare(fresh(indexed, tmp_path), terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_article_with_search_hits(
    snap_compare: Any, indexed: tuple[Path, Path], tmp_path: Path, size: Any
) -> None:
    run_before = keys("slash", "停", "戦", "enter", "enter", "n")
    assert snap_compare(fresh(indexed, tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_source_cards(
    snap_compare: Any, indexed: tuple[Path, Path], tmp_path: Path, size: Any
) -> None:
    run_before = keys("j", "enter", "c")
    assert snap_compare(fresh(indexed, tmp_path), terminal_size=size, run_before=run_before)


def test_help_screen(snap_compare: Any, indexed: tuple[Path, Path], tmp_path: Path) -> None:
    run_before = keys("question_mark")
    assert snap_compare(fresh(indexed, tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_hostile_article(snap_compare: Any, indexed: tuple[Path, Path], tmp_path: Path) -> None:
    run_before = keys("slash", "悪", "意", "enter", "enter")
    assert snap_compare(fresh(indexed, tmp_path), terminal_size=(160, 48), run_before=run_before)
