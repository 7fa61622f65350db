"""An Input whose editing keys act in the order they arrive, and that takes every
character an input method types."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from index.sanitize import needs_escape


def typed_character(event: events.Key) -> str | None:
    """The character `event` types into the text, or None for a key that types none.

    Input takes only `str.isprintable()` characters, which leaves out every space but
    ASCII's: the full-width space (U+3000) a Japanese input method types for the space
    bar vanished (東京　大阪 was searched as 東京大阪, 0 hits, and kept so in the history),
    and so did a no-break space, a zero-width joiner within an emoji, a private-use or
    newer character. Only what `needs_escape` keeps out of a one-line message is left
    out here: controls (those of ctrl+a, Tab, Enter…), bidi controls, line separators.
    """
    character = event.character
    if character is None or len(character) != 1 or needs_escape(character):
        return None
    return character


class EditingInput(Input):
    """Input, but that editing keys (Backspace, the arrows, ctrl+u...) act when they
    arrive, as characters do, and that a space other than ASCII's is typed too (see
    `typed_character`).

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
            character = typed_character(event)
            if character is not None:
                # Inserted as Input inserts a printable one; Input's own handler, run
                # next, only restarts the cursor's blink for a key it takes for none.
                event.stop()
                selection = self.selection
                if selection.is_empty:
                    self.insert_text_at_cursor(character)
                else:
                    self.replace(character, *selection)
