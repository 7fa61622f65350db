"""`when_ready`: a deferred action waits by the clock for what it waits for, not for a
count of refreshes (20 of them went by before a pane just shown was laid out, and
the palette's Go to card left the text at the top)."""

from __future__ import annotations

import time

from textual.app import App

from tests.tui_support import sync
from tui.waiting import waiting, when_ready


@sync
async def test_an_action_waits_past_many_refreshes_until_ready() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        ready, acted = [False], []
        when_ready(app, lambda: ready[0], lambda: acted.append(ready[0]), within=60)
        for _ in range(50):  # many refreshes, none of them the one waited for
            app.refresh()
            await pilot.pause()
        assert acted == []
        ready[0] = True
        await pilot.pause(0.1)
        assert acted == [True]


@sync
async def test_an_action_acts_all_the_same_once_its_wait_is_over() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        acted: list[float] = []
        start = time.monotonic()
        when_ready(app, lambda: False, lambda: acted.append(time.monotonic()), within=0.2)
        await pilot.pause(0.6)
        assert len(acted) == 1 and acted[0] - start >= 0.2


@sync
async def test_an_action_no_longer_wanted_never_acts() -> None:
    app: App[None] = App()
    async with app.run_test() as pilot:
        wanted, acted = [True], []
        when_ready(app, lambda: False, lambda: acted.append(1), still=lambda: wanted[0], within=0.2)
        wanted[0] = False  # another article opened meanwhile
        await pilot.pause(0.5)
        assert acted == []


@sync
async def test_a_wait_of_an_app_that_exited_is_not_waited_for() -> None:
    """One whose app exits before it looks never looks: tests that wait for the waits
    (`settle`) would wait for it in every app after."""
    app: App[None] = App()
    async with app.run_test() as pilot:
        when_ready(app, lambda: False, lambda: None, within=60)
        await pilot.pause()
        assert waiting() == 1
    assert waiting() == 0
