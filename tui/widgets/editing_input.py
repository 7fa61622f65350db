"""An Input whose editing keys act in the order they arrive."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class EditingInput(Input):
    """Input, but that editing keys (Backspace, the arrows, ctrl+u...) act when they
    arrive, as characters do.

    Input inserts a character in its key handler, but runs an editing key's binding
    only once the key has bubbled up to the app: of keys arriving in one read (fast
    typing, over SSH above all) the characters after a Backspace were inserted before
    it deleted (東京⌫大阪 gave 東京阪, ab←c gave abc), and in the date dialog
    ctrl+u 2025-02 Enter submitted an empty line. Keys the app or the screen take first
    (priority bindings) never reach here; a key that is no binding of the input goes on
    to Input's own handler (Textual calls each class's handler in turn unless one
    prevents the default).
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable:
            for binding in self._bindings.key_to_bindings.get(event.key, ()):
                if not binding.priority and await self.app.run_action(binding.action, self):
                    event.stop()
                    event.prevent_default()
                    return
