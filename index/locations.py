"""Where yomite keeps its data: one place, so tests can point it at a temp dir.

The data home holds the index, the user's state (read marks, bookmarks...) and
the config. It defaults to the platform's user data dir (XDG on Linux);
`--home DIR` or `YOMITE_HOME` overrides it.
"""

from __future__ import annotations

import os
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "yomite"
HOME_ENV = "YOMITE_HOME"


@dataclass(frozen=True, slots=True)
class Locations:
    home: Path

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def state_db(self) -> Path:
        return self.home / "state.sqlite3"

    @property
    def config_file(self) -> Path:
        return self.home / "config.toml"


class UnknownUser(ValueError):
    """A path's leading `~user` names no user the system knows (`user`), or its `~` a
    home directory it cannot find (`user` ''). Each caller says it in its own words
    (`reason`): a config error, a usage error, YOMITE_HOME's."""

    def __init__(self, path: str, user: str) -> None:
        super().__init__(path, user)  # what a pickle or a copy makes it again from
        self.path = path
        self.user = user

    def __str__(self) -> str:
        return f"cannot expand {self.path!r}: {self.reason()}"

    def reason(self, quote: Callable[[str], str] = repr) -> str:
        """Why the path cannot be expanded, the user's name quoted by `quote`."""
        if self.user:
            return f"no user named {quote(self.user)}"
        return "the home directory is unknown"


def expand_user(path: str | os.PathLike[str]) -> Path:
    """`path` with a leading `~` or `~user` made the home directory it names. pathlib
    raised RuntimeError for a user the system does not know (a `'~nouser/x'` quoted,
    the shell leaving it so), and every command that met one ended in a traceback."""
    given = Path(path)
    try:
        return given.expanduser()
    except RuntimeError:
        raise UnknownUser(os.fspath(path), given.parts[0][1:]) from None


def default_home() -> Path:
    env = os.environ.get(HOME_ENV)
    if env:
        try:
            return expand_user(env)
        except UnknownUser:
            from index.errors import ConfigError

            raise ConfigError(f"{HOME_ENV}: cannot expand {env!r}: no such user") from None
    return platform_home()


def platform_home() -> Path:
    """The home a bare command uses where neither `--home` nor `YOMITE_HOME` says
    otherwise: the platform's user data directory."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)).absolute()


def typed_command(where: Locations, command: str, *operands: str) -> str:
    """`command` (then `operands`, as they are typed: a path quoted by the caller, a
    placeholder such as DIR not) as it must be typed for the home of `where`: with
    `--home H` (quoted for a shell) for any home but the platform's default
    (`platform_home`). Left out, a user of `--home H` who typed what was suggested
    (`yomite index DIR`, `yomite index --rebuild`) changed the default home (review).

    A home from `YOMITE_HOME` is named too, though the bare command would reach it from
    the same shell: the variable may have been set for one command
    (`YOMITE_HOME=H yomite index`), or not be set in another terminal or a script, and
    there the bare command reaches the default home; what is suggested includes
    `--forget` and `--rebuild`, which drop articles. Named, the command does what it
    says wherever it is typed; the cost is its length (a home's path, in a status line
    that falls back to a shorter wording when it does not fit)."""
    home = where.home
    if os.path.realpath(home) != os.path.realpath(platform_home()):
        command += f" --home {shlex.quote(str(home))}"
    return " ".join((command, *operands))


def locations(home: Path | str | None = None) -> Locations:
    """The locations for `home` (from `--home`), else `YOMITE_HOME`, else the default."""
    chosen = Path(home).expanduser() if home is not None else default_home()
    return Locations(chosen.absolute())
