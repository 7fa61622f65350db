"""The footer of key bindings, rebuilt only when what it shows changes."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

KeyShown = tuple[str, str, str, bool, str]
"""(key, action, description, enabled, tooltip) of one key the footer shows."""


class KeyFooter(Footer):
    """Textual's Footer rebuilds itself whenever the screen's bindings are updated: it
    unmounts and mounts a widget per key, and the screen is laid out again. In the UI
    bench (`/`, a query typed, Escape) that happened four times a query, two of them
    showing exactly what was there, and a character typed right after `/` waited for
    them before its search could start. The keys shown and whether each is available are
    compared instead, so only a change the user can see updates it.

    Entering the search bar and leaving it (the letter keys stop being commands there,
    and come back) only hides and shows keys already mounted, and greys or ungreys them:
    a rebuild took several frames of mounting, styling and laying out, which the first
    characters typed after `/` waited behind (keystroke p95 to the search's start
    ~25 -> ~6 ms in the UI bench). A key that is not mounted yet still rebuilds it.
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self._what_shows(screen)
        if self._bindings_ready and shown == self._shown:
            return
        if self._bindings_ready and self._shown is not None and self._show_in_place(shown):
            self._shown = shown
            self.call_after_refresh(self._hide_cut_keys)
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild is under way (Footer skips it otherwise)

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self._hide_cut_keys)  # once the new keys are laid out

    def on_resize(self) -> None:
        self.call_after_refresh(self._hide_cut_keys)

    def _hide_cut_keys(self) -> None:
        """A key the palette's key (docked right) covers in part is not shown at all: at
        80 columns the last one showed as a bare `r`, its description cut off."""
        keys = [child for child in self.children if isinstance(child, FooterKey)]
        palette = next((key for key in keys if key.has_class("-command-palette")), None)
        room = self.content_size.width
        if palette is not None and palette.display:
            room -= palette.outer_size.width
        # From the widths laid out, not the regions: a hidden key has no region.
        right = 0
        for key in keys:
            if key is not palette and key.display:
                right += key.outer_size.width
                visibility = "hidden" if right > room else "visible"
                if key.styles.visibility != visibility:
                    key.styles.visibility = visibility

    def _what_shows(self, screen: Screen[object]) -> tuple[object, ...]:
        active = screen.active_bindings
        keys: tuple[KeyShown, ...] = tuple(
            (binding.key, binding.action, binding.description, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        palette_shown = (palette[1].key, palette[2]) if palette else None
        return (keys, palette_shown, self.show_command_palette)

    def _show_in_place(self, shown: tuple[object, ...]) -> bool:
        """Show `shown` with the keys mounted (in their order), hiding the others; False
        if a key to show is not among them, or the command palette's key came or went."""
        keys, palette_shown, show_palette = shown
        assert isinstance(keys, tuple)
        if self._shown is None or show_palette != self._shown[2]:
            return False
        if (palette_shown is None) != (self._shown[1] is None):
            return False
        mounted = [child for child in self.children if isinstance(child, FooterKey)]
        if len(mounted) != len(self.children):
            return False  # binding groups (not used by the reader): left to Footer
        plan: list[tuple[FooterKey, bool | None]] = []
        """Each mounted key: enabled if shown, None if hidden."""
        palette_key = next((c for c in mounted if c.has_class("-command-palette")), None)
        wanted = iter(keys)
        want = next(wanted, None)
        for child in mounted:
            if child is palette_key:
                continue
            tooltip = child.tooltip if isinstance(child.tooltip, str) else ""
            if want is not None and (child.key, child.action, child.description, tooltip) == (
                want[0],
                want[1],
                want[2],
                want[4],
            ):
                plan.append((child, want[3]))
                want = next(wanted, None)
            else:
                plan.append((child, None))
        if want is not None:
            return False  # a key to show is not mounted: a rebuild
        if palette_key is not None and isinstance(palette_shown, tuple):
            plan.append((palette_key, palette_shown[1]))
        for child, enabled in plan:
            child.display = enabled is not None
            if enabled is not None and child._disabled == enabled:
                child._disabled = not enabled  # what a click on it does (a bell if disabled)
                child.set_class(not enabled, "-disabled")
        return True
