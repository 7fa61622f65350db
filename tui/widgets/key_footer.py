"""The footer of key bindings, rebuilt only when what it shows changes."""

from __future__ import annotations

from collections.abc import Iterable

from textual.geometry import Size
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

    The keys are shown as room allows (`_fit_keys`): those of `always` first, then those
    that apply now, each in the order of the bindings, the most needed first. A narrow
    footer spent its room on the first keys declared, greyed or not. A key that does not
    apply now is left out, room or not: at 80 columns, reading, a greyed `s Sort` took
    the room left after `esc Back  r Related` (user review); the help and the palette
    list it, and pressed, it says why it does not apply.
    """

    DEFAULT_CSS = """
    KeyFooter FooterKey.-inactive, KeyFooter FooterKey.-cut { display: none; }
    """

    def __init__(self, *, always: Iterable[str] = ()) -> None:
        super().__init__()
        self._shown: tuple[object, ...] | None = None
        self._rebuild_pending = False
        """A rebuild is asked for and has not run yet (it composes the keys of that time)."""
        self._palette_description = ""
        """The palette key's word (`palette`), left out where room is short."""
        self.always = frozenset(always)
        """The actions of the keys shown whatever else must go (search, help, quit)."""
        self._binding_order: dict[FooterKey, int] = {}
        """Each key mounted: its place in the bindings (the children are reordered)."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        shown = self._what_shows(screen)
        if self._bindings_ready and shown == self._shown:
            return
        if self._rebuild_pending:
            # The rebuild on its way reads the bindings when it runs: another one after
            # it would mount the same keys again. At start the bindings change three
            # or four times (the focus given, the list filled) before the first rebuild
            # runs, and the footer was built twice, a frame of mounting and styling each.
            self._shown = shown
            return
        if self._bindings_ready and self._shown is not None and self._show_in_place(shown):
            self._shown = shown
            self.call_after_refresh(self._fit_keys)
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # the rebuild is under way (Footer skips it otherwise)
            self._rebuild_pending = True

    async def recompose(self) -> None:
        self._rebuild_pending = False
        await super().recompose()
        self._binding_order = {
            key: place for place, key in enumerate(self.children) if isinstance(key, FooterKey)
        }
        self.call_after_refresh(self._fit_keys)  # once the new keys are laid out

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_keys)

    def _fit_keys(self) -> None:
        """Show the keys that fit whole beside the palette's key (docked right), the
        most needed first: `always`, then the keys that apply now, each group in the
        bindings' order; a key too wide for the room left lets a narrower one after it
        in. The others, and greyed keys, are not shown (at 80 columns a key cut by the
        palette's showed as a bare `r`). Those shown are laid out in the bindings'
        order (`_lay_out`)."""
        keys = [
            key
            for key in self._in_binding_order()
            if not key.has_class("-command-palette") and not key.has_class("-inactive")
        ]
        palette = next(
            (key for key in self.query(FooterKey) if key.has_class("-command-palette")), None
        )
        room = self.content_size.width
        groups = (
            [key for key in keys if key.action in self.always],
            [key for key in keys if key.action not in self.always and not key._disabled],
        )
        if palette is not None and palette.display:
            room -= self._fit_palette(palette, room - sum(map(_width, groups[0])))
        shown: set[FooterKey] = set()
        for group in groups:
            for key in group:
                width = _width(key)
                if width <= room:
                    shown.add(key)
                    room -= width
        for key in keys:
            key.set_class(key not in shown, "-cut")
        self._lay_out()

    def _in_binding_order(self) -> list[FooterKey]:
        """The keys mounted in the order of the bindings (that of `compose`)."""
        keys = [key for key in self.children if isinstance(key, FooterKey)]
        return sorted(keys, key=lambda key: self._binding_order.get(key, len(keys)))

    def _lay_out(self) -> None:
        """Move the keys that apply before the greyed ones, each in the bindings' order,
        the palette's last (docked right, its place is not seen)."""
        keys = self._in_binding_order()
        if len(keys) != len(self.children):
            return  # binding groups (not used by the reader): left in Footer's order
        palette = [key for key in keys if key.has_class("-command-palette")]
        wanted = (
            sorted((key for key in keys if key not in palette), key=lambda key: key._disabled)
            + palette
        )
        if wanted == list(self.children):
            return
        for place, key in enumerate(wanted):
            self.move_child(key, before=place)

    def _fit_palette(self, palette: FooterKey, room: int) -> int:
        """The palette's key as `^p palette` where that leaves the `always` keys `room`,
        else as `^p` alone: at 30 columns `q Quit` was cut, though the README says the
        footer always shows `/ ? q ^p`. The cells it takes."""
        if palette.description:
            self._palette_description = palette.description
        described = palette.description
        palette.description = self._palette_description
        if _rendered_width(palette) > room:
            palette.description = ""
        if palette.description != described:
            palette.refresh(layout=True)
        return _rendered_width(palette)

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
        mounted = self._in_binding_order()
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
            child.set_class(enabled is None, "-inactive")  # (-cut is `_fit_keys`'s)
            if enabled is not None and child._disabled == enabled:
                child._disabled = not enabled  # what a click on it does (a bell if disabled)
                child.set_class(not enabled, "-disabled")
        return True


def _width(key: FooterKey) -> int:
    """The cells `key` takes in the footer, shown or not (a key not shown has no size)."""
    unbounded = Size(10_000, 1)
    return (
        key.get_content_width(unbounded, unbounded)
        + key.styles.gutter.width
        + key.styles.margin.width
    )


def _rendered_width(key: FooterKey) -> int:
    """`_width` of `key` as it renders now: Textual keeps a widget's content width
    until its size changes, and a key whose word was just dropped measured as before."""
    return key.render().cell_len + key.styles.gutter.width + key.styles.margin.width
