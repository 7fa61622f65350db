"""The reader application: config, theme and keymap; the work lives in `tui.screens`.

`create_app` is the one factory the `yomite` command and the tests share.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import functools
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.filter import Monochrome, NoColor
from textual.notifications import Notification, Notify
from textual.reactive import var
from textual.screen import Screen
from textual.theme import BUILTIN_THEMES, Theme

from index.config import Config, load_config
from index.errors import ConfigError, IndexUnavailable, LibraryError
from index.locations import Locations, locations
from index.sanitize import printable, sanitize
from index.state import UserState
from tui import ellipsis, strips, terminal_input
from tui.background_index import REBUILD_COMMAND, said_at_end
from tui.cellwidth import narrow_ambiguous, widen_ambiguous
from tui.commands import (
    SUSPEND_KEY,
    SUSPENDS,
    SYSTEM_JAPANESE,
    ReaderCommands,
)
from tui.screens.main import MainScreen, ReaderSetup
from tui.typeset import Typesetting, use_ascii_borders

HANGUP_CHECK_SECONDS = 1.0
"""How often the reader checks that its terminal is still there."""
HANGUP_GRACE_SECONDS = 5.0
"""How long a reader whose terminal went away may take to quit before it is ended."""
QUIT_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
"""`kill`, a terminal closed or an SSH connection lost, `kill -INT`: the reader quits."""
HANGUP_STATUS = 128 + signal.SIGHUP
"""The exit status of a reader whose terminal went away, as the shell gives one killed so."""

QUIT_HINT = "Do you want to quit?"
"""The title of what Ctrl+C says (`YomiteApp.action_help_quit`)."""
NOTICE_BACK_SECONDS = 8.0
"""The least a notice put away while a dialog stood (`YomiteApp.push_screen`) is shown
for once it is back: time to read it, whatever it had left."""

DEFAULT_THEME = "textual-dark"
ANSI_THEME = "textual-ansi"
PICKED_THEME = "theme"
"""The state's preference: the theme last picked in the palette."""
PICKED_OVER = "theme_config"
"""The state's preference: the config's theme when it was picked (see `_starting_theme`)."""
"""Only the terminal's own 16 colours: right for any palette, and for 16-colour terminals."""


def _ansi_theme() -> object:
    return dataclasses.replace(BUILTIN_THEMES["ansi-dark"], name=ANSI_THEME)


class YomiteApp(App[int]):
    TITLE = "yomite"
    SUB_TITLE = "読み手"
    # Textual's own commands too, after the reader's, matched folded (てーま)
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [SUSPEND_KEY] if SUSPENDS else []

    # Box-drawing glyphs are East-Asian ambiguous: a terminal that draws them two cells
    # wide breaks every frame, so `[reader] ascii_borders` swaps them for +-| (see typeset).
    CSS = """
    App.-ascii-borders ArticleList, App.-ascii-borders ReadingView,
    App.-ascii-borders CardsPane { border: ascii $primary 40%; }
    App.-ascii-borders ArticleList:focus, App.-ascii-borders ReadingView:focus,
    App.-ascii-borders CardsPane:focus { border: ascii $primary; }
    App.-ascii-borders ModalScreen > Vertical,
    App.-ascii-borders ModalScreen > VerticalScroll { border: ascii $primary; }
    App.-ascii-borders FooterKey.-command-palette { border-left: ascii $foreground 20%; }
    /* In the terminal's own 16 colours (textual-ansi) a colour cannot be blended:
       `$primary 40%` is `$primary`'s blue, so every pane's border was the same
       whatever had the focus. The focused pane's border takes the accent colour (green,
       as tmux marks its active pane), its title bold; with NO_COLOR, which drops every
       colour there, its border is heavy. (256 colours tell them apart by shade.) */
    App:ansi ArticleList:focus, App:ansi ReadingView:focus, App:ansi CardsPane:focus {
        border: round $accent; border-title-style: bold;
    }
    App:ansi:nocolor ArticleList:focus, App:ansi:nocolor ReadingView:focus,
    App:ansi:nocolor CardsPane:focus { border: heavy $accent; }
    App.-ascii-borders:ansi ArticleList:focus, App.-ascii-borders:ansi ReadingView:focus,
    App.-ascii-borders:ansi CardsPane:focus { border: ascii $accent; }
    /* There the list's cursor row had the terminal's own background once the list
       lost the focus, and vanished: underlined, it still shows the row the list's
       keys act on, quieter than the focused black on white. That one, with NO_COLOR,
       is reversed (its colours dropped, it vanished too). */
    App:ansi ArticleList:blur > .option-list--option-highlighted { text-style: underline; }
    App:ansi:nocolor ArticleList:focus > .option-list--option-highlighted {
        text-style: bold reverse;
    }
    /* Notices stand above the status line, not on it: they covered the line that
       says what a key just did ("bookmarked: …"), and the line's end with it; and
       above the panes' bottom border, which they cut (`╰───▌   ─╯`). */
    MainScreen ToastRack { margin-bottom: 3; }
    /* NO_COLOR makes the theme's colours greys: the scrollbar's thumb came out the
       grey of its track. Shades of the foreground keep it apart. */
    App:nocolor Widget {
        scrollbar-background: $foreground 10%; scrollbar-color: $foreground 55%;
        scrollbar-color-hover: $foreground 70%; scrollbar-color-active: $foreground 85%;
    }
    """

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands but Quit, Keys and Maximize: the reader has its own
        quit (it keeps the reading position) and help (it lists every key), and lays its
        panes out for the terminal's width itself (the list maximized, `j` and Enter
        opened articles no one saw until Esc; the search bar maximized was a hatched
        screen: review). With Rebuild index while the index cannot be opened and a
        rebuild would mend it (`rebuild_wanted`): the reader's own, before Textual's (the
        palette lists these after the reader's commands, in this order)."""
        if isinstance(screen, MainScreen) and screen.rebuild_wanted:
            why = "made by another version" if self.setup.outdated else "damaged"
            yield SystemCommand(
                REBUILD_COMMAND,
                f"Rebuild the index ({why}) from the article files; read marks and "
                "bookmarks are kept",
                screen.rebuild_from_palette,
            )
        for command in super().get_system_commands(screen):
            if command.title in ("Quit", "Keys", "Maximize"):
                continue
            if japanese := SYSTEM_JAPANESE.get(command.title):
                title = f"{command.title}  {japanese}"
                command = SystemCommand(title, command.help, command.callback, command.discover)
            yield command

    typesetting: var[Typesetting] = var(Typesetting())
    """How the reader sets text: the config's `[reader]` settings, with furigana turned
    on and off by `R`. This app's own, not the process's (two apps in one process, as the
    Pilot tests run, set text each its own way); the widgets read it
    (`tui.widgets.paragraph.typesetting_of`) and the main screen re-typesets what shows
    when it changes."""

    actions_run = 0
    """How many actions (a key's, a footer click's, a palette command's, and text typed
    or pasted in the search bar: `Searching.types_in_bar`) have run: the status line
    tells a message said by the action under way from one of an action before
    (`StatusLine.moment`)."""

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        self.actions_run += 1
        return await super().run_action(action, default_namespace, namespaces)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.MouseDown):
            self.actions_run += 1  # a click moves the reader on as a key does
        elif isinstance(event, events.Key) and not event.is_forwarded:
            screen = self.screen
            if isinstance(screen, MainScreen):
                # Before the priority bindings: a key typed after Enter in the search bar
                # waits for its search, one typed after Enter in a list or while an
                # article opens for the article, `/` and Tab too (tui.held_keys).
                if screen.holds_key(event):
                    return
                # Before it is forwarded: text typed outside the search bar goes there
                # (`Searching.search_typed_text`), the keys after it too.
                if screen.search_typed_text(event):
                    self.actions_run += 1  # (acted there: a filter dropped by Backspace)
                    return
                if screen.types_in_bar(event):
                    self.actions_run += 1  # a search typed on moves the reader on
        elif isinstance(event, events.Paste) and not event.is_forwarded:
            screen = self.screen
            if isinstance(screen, MainScreen):
                screen.search_pasted_text(event)
                if screen.types_in_bar(event):
                    self.actions_run += 1
        await super().on_event(event)

    def __init__(self, setup: ReaderSetup, *, typesetting: Typesetting, animations: bool) -> None:
        strips.install()  # see tui.strips: rows cheaper to make and to free
        ellipsis.install()  # see tui.ellipsis: "…" right after the text it cuts
        terminal_input.install()  # see tui.terminal_input: a stray byte is no crash
        super().__init__()
        self.setup = setup
        self.register_theme(_ansi_theme())  # type: ignore[arg-type]
        self.theme = self._starting_theme()
        self._started_with = self.theme
        if not animations:
            self.animation_level = "none"
        self.typesetting = typesetting
        if use_ascii_borders(setup.config.reader.ascii_borders, typesetting.ambiguous_width):
            self.add_class("-ascii-borders")
        self._hung_up = False
        self._quits_on_signals = False
        """Run as launched (`run`), not under a Pilot: signals quit it from its load."""
        self.clipboard_sequences: list[str] = []
        """Every OSC 52 sequence sent, in order (what the terminal was asked to copy)."""
        self._put_away: list[tuple[Notification, float]] = []
        """The notices put away while a screen stands over the main one, and the time
        each had left (`push_screen`)."""

    def _starting_theme(self) -> str:
        """The theme last picked in the palette (kept in the state), unless the config's
        theme has changed since (edited after: the newer choice), or it is no theme any
        more (a theme since removed, a state written by hand): then the config's."""
        configured = self.setup.config.reader.theme
        picked = self.setup.state.preference(PICKED_THEME)
        if (
            picked in self.available_themes
            and self.setup.state.preference(PICKED_OVER) == configured
        ):
            return str(picked)
        if configured == "auto":
            # In 16 colours a theme's colours are matched to the nearest of the terminal's,
            # and the accents came out bright red, as errors do: use the terminal's own.
            configured = ANSI_THEME if self.console.color_system == "standard" else DEFAULT_THEME
        return configured if configured in self.available_themes else DEFAULT_THEME

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Textual's screenshot (the palette's Screenshot), saved where it can be: its
        default folder is the user's Downloads, which a server often has not, and it
        said only "Failed to save screenshot". There, the folder the reader started in."""
        if path is None:
            from platformdirs import user_downloads_path

            downloads = user_downloads_path()
            path = str(downloads if downloads.is_dir() else Path.cwd())
        return super().deliver_screenshot(filename, path, time_format)

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Textual's, with the notices put away while the screen pushed (a dialog, the
        help, the palette) stands: a toast is drawn over every screen, and hid what
        it says (the tmux advice on the first copy stays 15 s; the files an update could
        not index, 20 s, covered half of the link picker's text). Each comes back, with
        the time it had left, once the main screen is back (`pop_screen`): most are said
        once only (the tmux advice, the files an update could not index, a state file
        set aside), and the advice, dropped here, was lost for good when `o` or `?`
        came within a second or two of the first `y` (user review). The answer to
        Ctrl+C, about the screen it was asked on, goes."""
        shown = list(self._notifications)
        for notification in shown:
            self._unnotify(notification, refresh=False)
            if notification.title != QUIT_HINT:
                self._put_away.append((notification, notification.time_left))
        if shown:
            self._refresh_notifications()
        return super().push_screen(*args, **kwargs)

    def action_help_quit(self) -> None:
        """Ctrl+C, which quits most terminal programs: how to quit here (Textual's, said
        at once over the help or a dialog too, where it waited for them to close and
        then spoke of a key that was no longer the one). In the search bar, with text
        selected, Ctrl+C copies it (the input's own key) and says nothing."""
        # Over the help or a dialog (a modal screen), `q` closes it, and the App's keys
        # are not among those active there; ctrl+q (a priority key) quits from anywhere.
        key = next(
            (
                key
                for key, active in self.active_bindings.items()
                if active.binding.action in ("quit", "app.quit")
            ),
            "ctrl+q",
        )
        self.notify(f"Press {key} to quit yomite", title=QUIT_HINT, markup=False)

    def on_notify(self, event: Notify) -> None:
        """A notice raised while a screen stands over the main one is put away until
        the main screen is back, as those shown were (`push_screen`); but the answer to
        Ctrl+C (`action_help_quit`), which is about the screen shown."""
        if len(self.screen_stack) > 1 and event.notification.title != QUIT_HINT:
            notification = event.notification
            self._put_away.append((notification, notification.timeout))
            event.prevent_default()  # (Textual's handler, which shows it, is not called)

    def pop_screen(self) -> Any:
        """Textual's; back to the main screen, the notices put away are shown again."""
        popped = super().pop_screen()
        if len(self.screen_stack) == 1 and self._put_away:
            put_away, self._put_away = self._put_away, []
            for notification, time_left in put_away:
                self.notify(
                    notification.message,
                    title=notification.title,
                    severity=notification.severity,
                    timeout=max(time_left, NOTICE_BACK_SECONDS),
                    markup=notification.markup,
                )
        return popped

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.setup)

    def send_clipboard(self, text: str, sequence: str) -> None:
        """Ask the terminal to copy `text`; `sequence` is the OSC 52 for the configured mode."""
        self._clipboard = text
        self.clipboard_sequences.append(sequence)
        if self._driver is not None:
            self._driver.write(sequence)

    def run(self, *args: Any, **kwargs: Any) -> Any:
        self._quits_on_signals = True
        return super().run(*args, **kwargs)

    def on_load(self) -> None:
        """`kill` (SIGTERM) ended the process where it stood, and left the terminal in the
        alternate screen, mouse reporting on and echo off until `reset`; `kill -INT`
        cancelled the app the same way. They quit as `q` does, the terminal restored,
        with the status a shell expects (128 + the signal). Through the event loop,
        not `signal.signal`, whose handler runs at whatever line the main thread is on.
        (Not over an ignore inherited from nohup: that asks the reader to outlive it.)

        From the load, before Textual takes the terminal: a signal while the reader
        started (installed at its mount, as it was) left the terminal as broken."""
        if not self._quits_on_signals:
            return
        loop = asyncio.get_running_loop()
        for signum in QUIT_SIGNALS:
            if signal.getsignal(signum) is not signal.SIG_IGN:
                loop.add_signal_handler(signum, self.hang_up, loop, 128 + signum)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        self.app_resume_signal.subscribe(self, self._resumed)
        if self.is_headless:
            return
        # A terminal that goes away (an SSH connection dropped, a tmux server killed)
        # must end the reader, position saved. SIGHUP usually says so; when it does not
        # reach the reader, Textual's input thread reads end-of-file from the closed
        # terminal and selects again at once, forever: a reader left behind by a killed
        # tmux server was still spinning a core 15 minutes later. The terminal's watch
        # is a thread, so that a stalled event loop cannot keep the process alive.
        loop = asyncio.get_running_loop()
        if SUSPENDS and self._driver is not None and self._driver.can_suspend:
            # Over the driver's own handler, installed with `signal.signal` as it was made
            loop.add_signal_handler(signal.SIGTSTP, self._stopped_by_signal)
        fileno = getattr(self._driver, "fileno", None)
        if isinstance(fileno, int) and os.isatty(fileno):  # a terminal that can go away
            watch = threading.Thread(
                target=self._watch_terminal, args=(fileno, loop), name="yomite-tty", daemon=True
            )
            watch.start()

    def watch_theme(self, theme_name: str) -> None:
        """NO_COLOR's filter for the theme in force. Textual picks it as the App is made,
        under its default theme (greys, for RGB colours), and kept it for textual-ansi:
        the terminal's colours became greys matched back to its black, and every cell
        was written black on black (30;40). There, colours are dropped instead."""
        if self.no_color:
            wanted = NoColor() if self.native_ansi_color else Monochrome()
            self._filters = [
                wanted if isinstance(kept, NoColor | Monochrome) else kept for kept in self._filters
            ]

    def _theme_changed(self, theme: Theme) -> None:
        """A theme picked in the palette is the next start's too (see `_starting_theme`),
        kept in the state: the config file is the user's own, written by hand. Where the
        state cannot be saved (a read-only home), the notice says how to keep it."""
        state = self.setup.state
        state.set_preferences(
            {PICKED_THEME: theme.name, PICKED_OVER: self.setup.config.reader.theme}
        )
        if state.persistent or theme.name == self._started_with:
            return
        self.notify(
            sanitize(
                f'Theme {theme.name} for this session; to keep it, set theme = "{theme.name}" '
                f"under [reader] in {self.setup.where.config_file}"
            ),
            markup=False,
            timeout=10,
        )

    def action_suspend(self) -> None:
        """Ctrl+Z: the terminal given back to the shell, the job stopped as the
        terminal's own Ctrl+Z stops it, until `fg` (`App.suspend` restores the terminal,
        then takes it again and paints the screen whole).

        Not Textual's `action_suspend_process`, which stops this process alone: run
        by `make run` (or any program that waits for it), the shell did not get the
        terminal back until a second Ctrl+Z. SIGTSTP to the process group, as the
        terminal sends it, stops the whole job (the update's workers too); where
        nothing could resume it (an orphaned process group: `ssh -t host yomite`)
        the system drops it, and the reader goes on at once."""
        driver = self._driver
        if not SUSPENDS or driver is None or not driver.can_suspend:
            return
        with self.suspend():  # (the main screen saves the place read on its signal)
            handler = signal.signal(signal.SIGTSTP, signal.SIG_DFL)
            try:
                os.killpg(os.getpgrp(), signal.SIGTSTP)  # returns once continued (`fg`)
            finally:
                signal.signal(signal.SIGTSTP, handler)

    def _stopped_by_signal(self) -> None:
        """SIGTSTP from another program (`kill -TSTP`; Ctrl+Z is `action_suspend`): this
        process stopped alone, the terminal given back first, taken again at `fg` and
        painted whole. Through the event loop, as the quitting signals are (`on_load`):
        Textual's handler, installed with `signal.signal`, gave the terminal back from
        whatever line the main thread was on, and once, on a loaded machine, the reader
        never stopped (the screen left as it was for 30 s)."""
        with self.suspend():
            os.kill(os.getpid(), signal.SIGSTOP)  # returns once continued (`fg`)

    def _resumed(self, _: object) -> None:
        """Back from a SIGTSTP sent by another program (`kill -TSTP`; Ctrl+Z is
        `action_suspend`): the whole screen painted again, as `App.suspend` does.
        Textual's suspend by signal left it blank but for what changed after."""
        self.refresh(layout=True)

    def _watch_terminal(self, fileno: int, loop: asyncio.AbstractEventLoop) -> None:
        """(A thread.) Check every HANGUP_CHECK_SECONDS that stdin is still a terminal."""
        while os.isatty(fileno):
            time.sleep(HANGUP_CHECK_SECONDS)
        self.hang_up(loop)

    def hang_up(self, loop: asyncio.AbstractEventLoop, code: int = HANGUP_STATUS) -> None:
        """The terminal is gone, or a signal asks the reader to end: quit as `q` does
        (the position is saved on unmount, the terminal restored), exit status `code`.

        Safe from another thread. If quitting has not ended the process
        HANGUP_GRACE_SECONDS later (a thread that does not finish), it is ended: each
        change of state was committed when it was made."""
        if self._hung_up:
            return
        self._hung_up = True
        ending = threading.Timer(HANGUP_GRACE_SECONDS, os._exit, args=(code,))
        ending.daemon = True
        ending.start()
        with contextlib.suppress(RuntimeError):  # the loop already closed: exiting
            loop.call_soon_threadsafe(functools.partial(self.exit, code, return_code=code))

    def on_unmount(self) -> None:
        if self.setup.library is not None:
            self.setup.library.close()
        self.setup.state.close()


def animations_wanted(config: Config, environ: Mapping[str, str]) -> bool:
    """Off under SSH unless asked for: each animated frame is bytes over the link."""
    setting = config.reader.animations
    if setting == "auto":
        return "SSH_CONNECTION" not in environ and environ.get("TEXTUAL_ANIMATIONS") != "none"
    return setting == "on"


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker while `sys.stderr` is still the real one.

    The background update analyses articles in spawned worker processes. The tracker
    they need is started on first use with `sys.stderr.fileno()`, and inside a running
    Textual app stderr is a capture object whose fileno() is -1: the update would fail
    with "bad value(s) in fds_to_keep". Started here, before the app runs, it works;
    with its warnings ignored, as a build starts it (`start_resource_tracker`): the
    reader killed left a warning of leaked semaphores on the terminal.
    """
    from index.build import start_resource_tracker

    # A stderr without a file descriptor (a test runner's capture) cannot start it now;
    # the update then reports its own failure in the status line.
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        start_resource_tracker()


def create_app(
    home: Path | str | None = None,
    paths: Sequence[Path | str] = (),
    *,
    update_on_start: bool = True,
    cursor_blink: bool = True,
    environ: Mapping[str, str] | None = None,
) -> YomiteApp:
    """The reader over the data home `home`, keeping up to date every directory the home
    holds with the article `paths` added to them (`home_corpus`; without paths, a new
    home's is `seeds/`: `default_corpus`).

    Raises ConfigError for an unusable config file, LibraryError for a data home that
    cannot be a directory (`index.store.check_home`). A damaged or unreadable
    index does not stop the reader: it opens with a notice (and offers a rebuild).
    """
    from index.home import is_new, new_home_words
    from index.library import Library, default_corpus, home_corpus
    from index.store import check_home

    env = os.environ if environ is None else environ
    where: Locations = locations(home)
    try:
        config = load_config(where)
    except ConfigError:
        # A home that cannot be one (a file, a path under one) is said as the commands
        # say it (LibraryError): "FILE/config.toml: cannot read: Not a directory".
        check_home(where.home, where.index_dir)
        raise
    _check_theme(config.reader.theme, where)
    # The paths given join the home, whose articles the reader lists: it keeps them all
    # up to date, as a plain `yomite index` does, not the paths given alone.
    corpus = home_corpus(where, [Path(p) for p in paths]) if paths else default_corpus(where)
    # (Path.is_file raises PermissionError under a directory that cannot be searched:
    # such a path is not opened, and the update says it cannot be read.)
    given_file = next((Path(p) for p in paths if os.path.isfile(p)), None)  # noqa: PTH113
    library: Library | None = None
    error: str | None = None
    repairable = outdated = False
    new = is_new(where)  # before opening it makes it
    try:
        library = Library.open(where)
    except IndexUnavailable as unavailable:
        error, repairable = str(unavailable), unavailable.repairable
        outdated = unavailable.outdated
    except LibraryError as other:
        error = str(other)
    # Said once made: not of a home that could not be (a read-only mount), said so.
    made = new and library is not None and not library.readonly
    if update_on_start or repairable:
        _start_resource_tracker()
    typesetting = Typesetting.from_config(config.reader, env)
    # The whole screen measures ambiguous characters as the reading view does.
    if typesetting.ambiguous_width == 2:
        widen_ambiguous()
    else:
        narrow_ambiguous()
    setup = ReaderSetup(
        given=tuple(Path(p) for p in paths),
        where=where,
        config=config,
        state=UserState.open(where),
        library=library,
        corpus=corpus,
        library_error=error,
        repairable=repairable,
        outdated=outdated,
        new_home=new_home_words(where, corpus) if made else None,
        update_on_start=update_on_start,
        cursor_blink=cursor_blink,
        open_path=str(given_file.resolve()) if given_file is not None else None,
        in_tmux=bool(env.get("TMUX")),
    )
    return YomiteApp(setup, typesetting=typesetting, animations=animations_wanted(config, env))


def _check_theme(theme: str, where: Locations) -> None:
    """A theme the reader has, else ConfigError, as for every other setting (a misspelt
    theme was dropped for the default without a word). Checked here: `index.config`
    knows no Textual."""
    themes = sorted({*BUILTIN_THEMES, ANSI_THEME})
    if theme != "auto" and theme not in themes:
        raise ConfigError(
            f"{where.config_file}: [reader] theme {theme!r} is not a theme; "
            f"choose auto or one of {', '.join(themes)}"
        )


def run_reader(args: argparse.Namespace) -> int:
    try:
        app = create_app(args.home, args.paths)
    except ConfigError as error:
        print(f"yomite: {printable(str(error))}", file=sys.stderr)  # a key from the file
        return 2
    except LibraryError as error:  # a home that cannot be one: as `yomite search` exits
        print(f"yomite: {printable(str(error))}", file=sys.stderr)
        return 1
    mouse = app.setup.config.reader.mouse and not args.no_mouse
    app.run(mouse=mouse)
    # Said once the terminal is the shell's again: the user is leaving.
    for said in said_at_end(app.setup):
        with contextlib.suppress(OSError, ValueError):  # the terminal gone (a hang-up)
            print(said, file=sys.stderr, flush=True)
    return app.return_code or 0
