"""Where yomite keeps its data: one place, so tests can point it at a temp dir.

The data home holds the index, the user's state (read marks, bookmarks...) and
the config. It defaults to the platform's user data dir (XDG on Linux);
`--home DIR` or `YOMITE_HOME` overrides it.
"""

from __future__ import annotations

import os
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


def default_home() -> Path:
    env = os.environ.get(HOME_ENV)
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError:  # ~user naming no user: a traceback from every command
            from index.errors import ConfigError

            raise ConfigError(f"{HOME_ENV}: cannot expand {env!r}: no such user") from None
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def locations(home: Path | str | None = None) -> Locations:
    """The locations for `home` (from `--home`), else `YOMITE_HOME`, else the default."""
    chosen = Path(home).expanduser() if home is not None else default_home()
    return Locations(chosen.absolute())
