"""Where yomite keeps its data: one place, so tests can point it at a temp dir.

The data home holds the index, the user's state (read marks, bookmarks...) and
the config. It defaults to the platform's user data dir (XDG on Linux);
`--home DIR` or `YOMITE_HOME` overrides it.
"""

from __future__ import annotations

import os
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
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def locations(home: Path | str | None = None) -> Locations:
    """The locations for `home` (from `--home`), else `YOMITE_HOME`, else the default."""
    chosen = Path(home).expanduser() if home is not None else default_home()
    return Locations(chosen.absolute())
