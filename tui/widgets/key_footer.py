"""The footer of key bindings, rebuilt only when what it shows changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds itself whenever the screen's bindings are updated: it
    unmounts and mounts a widget per key, and the screen is laid out again. In the UI
    bench (`/`, a query typed, Escape) that happened four times a query, two of them
    showing exactly what was there, and a character typed right after `/` waited for
    them before its search could start. The keys shown and whether each is available are
    compared instead, so only a change the user can see rebuilds it (entering the search
    bar still does: the letter keys stop being commands there).
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self._what_shows(screen)
        if self._bindings_ready and shown == self._shown:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild is under way (Footer skips it otherwise)

    def _what_shows(self, screen: Screen[object]) -> tuple[object, ...]:
        active = screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_shown = (palette[1].key, palette[2]) if palette else None
        return (keys, palette_shown, self.show_command_palette)
