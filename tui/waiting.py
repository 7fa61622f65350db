"""Waiting for the screen to be laid out before a deferred action acts.

`call_after_refresh` runs its callback once the messages already queued are handled,
not after the screen is painted: the layout is the screen's own, on its own timer.
Counted, such retries are no bound on time: 20 went by in a few milliseconds at 80x24
while a pane just shown was not laid out yet (the palette's Go to card left the text
at the top 1 run in 6). `when_ready` waits by the clock instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump

READY_WAIT = 1.0
"""Seconds a deferred action waits at most for what it waits for (an article laid out
where it opens): past that it acts all the same."""
POLL = 0.01
"""Seconds between two looks once the first, after the queued messages, found it not
ready (a frame is 16 ms)."""


_waiting: dict[object, MessagePump] = {}
"""The waits begun and not yet over (`waiting`), each with the pump that looks."""


def waiting() -> int:
    """How many deferred actions are waiting, of pumps still running (one whose app
    has exited never looks again): for a test to wait for them as it waits for workers
    (the keys typed with Enter were looked for in the article before they were sent
    again, polled 10 ms later)."""
    for wait in [w for w, pump in _waiting.items() if not pump.is_running]:
        del _waiting[wait]
    return len(_waiting)


def when_ready(
    pump: MessagePump,
    ready: Callable[[], bool],
    then: Callable[[], None],
    *,
    still: Callable[[], bool] = lambda: True,
    within: float = READY_WAIT,
) -> None:
    """Call `then` once `ready()` holds, or once `within` seconds have gone by without
    (it acts all the same); never if `still()` no longer holds when looked at (another
    article opened meanwhile). Looked at after the messages already queued, then every
    `POLL` seconds."""
    deadline = time.monotonic() + within
    wait = object()
    _waiting[wait] = pump

    def look() -> None:
        if not still():
            _waiting.pop(wait, None)
            return
        if ready() or time.monotonic() >= deadline:
            _waiting.pop(wait, None)
            then()
        else:
            pump.set_timer(POLL, look)

    if not pump.call_after_refresh(look):  # (closing: it will never be looked at)
        _waiting.pop(wait, None)
