"""The user's reading state: read marks, bookmarks, last position, search history, and
the preferences the reader picks itself (the theme chosen in its palette).

Kept in SQLite in the data home (`state.sqlite3`), in WAL mode with a busy
timeout, so two readers open at once (two SSH sessions) can both write: each
change is its own short transaction and the last writer wins per row.

A data home that cannot be written keeps the state in memory for the session;
a state file that is not a usable database is moved aside and started afresh.
Either way `UserState.notice` says what happened, in one line. What the reader told
of such a home (`told`) is kept outside it, in the user's state directory.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from index.locations import APP_NAME, Locations

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read_marks (
    article_id TEXT PRIMARY KEY,
    read_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS bookmarks (
    article_id TEXT PRIMARY KEY,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS positions (
    article_id TEXT PRIMARY KEY,
    scroll_y REAL NOT NULL,
    seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    article_id TEXT PRIMARY KEY,
    text_offset INTEGER NOT NULL,
    seen_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS search_history (
    query TEXT PRIMARY KEY,
    used_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS preferences (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

Statement = tuple[str, tuple[object, ...]]
"""An SQL statement and its parameters."""

_HISTORY_KEEP = 200
_BUSY_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class LastPlace:
    article_id: str
    offset: int
    """Where in the article's document text the reader was (see `UserState.save_place`)."""


class UserState:
    """The reading state of one data home. Not thread-safe: use it from the UI thread."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        *,
        notice: str | None = None,
        told_aside: Path | None = None,
    ) -> None:
        self._db = connection
        self.notice = notice
        """One line for the user when the state is not being saved normally."""
        self.persistent = notice is None
        self.fell_back: Callable[[str], None] | None = None
        """Called with the new `notice` when the file stops taking writes after it
        opened (the state goes on in memory): the reader says so when it happens."""
        self.told_aside = told_aside
        """Where what was told is kept while the state cannot be saved (`told`)."""

    # -- opening -------------------------------------------------------------------

    @classmethod
    def open(cls, where: Locations) -> UserState:
        path = where.state_db
        aside = aside_for(where)
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            return cls(_connect(path), told_aside=aside)
        except sqlite3.DatabaseError as error:
            if _is_read_only(error) or not _writable(path):
                return cls.in_memory(
                    f"{path}: cannot be written; changes to marks last this session only",
                    copy_of=path,
                    told_aside=aside,
                )
            moved = _move_aside(path)
            try:
                state = cls(_connect(path), told_aside=aside)
            except (OSError, sqlite3.Error) as again:
                return cls.in_memory(
                    f"{path}: unusable ({again}); state kept in memory", told_aside=aside
                )
            state.notice = f"{path}: was not a usable database ({error}); moved to {moved.name}"
            return state
        except OSError as error:
            reason = error.strerror or str(error)
            return cls.in_memory(
                f"{path}: {reason}; read marks last this session only", told_aside=aside
            )

    @classmethod
    def in_memory(
        cls,
        notice: str | None = None,
        *,
        copy_of: Path | None = None,
        told_aside: Path | None = None,
    ) -> UserState:
        """A state kept in memory, starting from what `copy_of` holds if it can be read
        (a read-only home still shows its bookmarks and read marks). `told_aside`: where
        what the reader tells is kept instead (`told`)."""
        connection = sqlite3.connect(":memory:", isolation_level=None)
        if copy_of is not None:
            _copy_read_only(copy_of, connection)
        try:
            connection.executescript(_SCHEMA)
        except sqlite3.Error:  # what was copied is no usable state: start empty
            connection.close()
            connection = sqlite3.connect(":memory:", isolation_level=None)
            connection.executescript(_SCHEMA)
        state = cls(connection, notice=notice, told_aside=told_aside)
        state.persistent = False
        return state

    def close(self) -> None:
        self._db.close()

    # -- read marks ----------------------------------------------------------------

    def read_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT article_id FROM read_marks")}

    def is_read(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM read_marks WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    def set_read(self, article_id: str, read: bool = True) -> None:
        if read:
            self._write(
                ("INSERT OR REPLACE INTO read_marks VALUES (?, ?)", (article_id, time.time()))
            )
        else:
            self._write(("DELETE FROM read_marks WHERE article_id = ?", (article_id,)))

    # -- bookmarks -----------------------------------------------------------------

    def bookmarks(self) -> list[str]:
        """Bookmarked article ids, newest first."""
        rows = self._db.execute("SELECT article_id FROM bookmarks ORDER BY added_at DESC")
        return [row[0] for row in rows]

    def is_bookmarked(self, article_id: str) -> bool:
        row = self._db.execute("SELECT 1 FROM bookmarks WHERE article_id = ?", (article_id,))
        return row.fetchone() is not None

    def set_bookmark(self, article_id: str, on: bool) -> None:
        if on:
            self._write(
                ("INSERT OR IGNORE INTO bookmarks VALUES (?, ?)", (article_id, time.time()))
            )
        else:
            self._write(("DELETE FROM bookmarks WHERE article_id = ?", (article_id,)))

    def toggle_bookmark(self, article_id: str) -> bool:
        """Flip the bookmark; returns whether the article is now bookmarked."""
        now = not self.is_bookmarked(article_id)
        self.set_bookmark(article_id, now)
        return now

    # -- positions -----------------------------------------------------------------

    def save_place(self, article_id: str, offset: int) -> None:
        """Where the reader is in an article: the document offset of the text at the
        top of the view, the same at any width (rows were not: a resize, or opening
        it again in a wider terminal, put the reader a screenful or two off)."""
        self._write(
            (
                "INSERT OR REPLACE INTO places VALUES (?, ?, ?)",
                (article_id, int(offset), time.time()),
            )
        )

    def place(self, article_id: str) -> int:
        row = self._db.execute(
            "SELECT text_offset FROM places WHERE article_id = ?", (article_id,)
        ).fetchone()
        return int(row[0]) if row else 0

    def last_place(self) -> LastPlace | None:
        """The article read most recently, and where. A state from before places were
        kept (`positions`, in rows) still names the article, read from its start."""
        row = self._db.execute(
            "SELECT article_id, text_offset FROM places ORDER BY seen_at DESC LIMIT 1"
        ).fetchone()
        if row:
            return LastPlace(row[0], int(row[1]))
        row = self._db.execute(
            "SELECT article_id FROM positions ORDER BY seen_at DESC LIMIT 1"
        ).fetchone()
        return LastPlace(row[0], 0) if row else None

    # -- search history ------------------------------------------------------------

    def add_search(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        self._write(
            ("INSERT OR REPLACE INTO search_history VALUES (?, ?)", (query, time.time())),
            (
                "DELETE FROM search_history WHERE query NOT IN "
                "(SELECT query FROM search_history ORDER BY used_at DESC LIMIT ?)",
                (_HISTORY_KEEP,),
            ),
        )

    def search_history(self, limit: int = 50) -> list[str]:
        """Recent queries, newest first."""
        rows = self._db.execute(
            "SELECT query FROM search_history ORDER BY used_at DESC LIMIT ?", (limit,)
        )
        return [row[0] for row in rows]

    # -- preferences ---------------------------------------------------------------

    def preference(self, name: str) -> str | None:
        """A preference the reader set (`set_preferences`), as it was given; None if unset.
        Only strings: what they mean (a theme's name) is the reader's to check."""
        row = self._db.execute("SELECT value FROM preferences WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    def set_preferences(self, values: dict[str, str]) -> None:
        """Set preferences together (one transaction): what the user picked in the reader,
        kept apart from the config file, which is theirs to write."""
        self._write(
            *(
                ("INSERT OR REPLACE INTO preferences VALUES (?, ?)", (name, value))
                for name, value in values.items()
            )
        )

    # -- what was told --------------------------------------------------------------

    def told(self, name: str) -> str | None:
        """What the reader recorded it told the user as `name` (`set_told`: a digest of
        the files it could not index), None if nothing. A state that cannot be saved
        reads it from its file aside (`told_aside`) first: kept in memory only, it was
        lost at each quit, and the same notice came back at every start."""
        if not self.persistent and (kept := _read_aside(self.told_aside).get(name)) is not None:
            return kept
        return self.preference(name)

    def set_told(self, name: str, value: str) -> None:
        """Record that the user was told `value` as `name`: in the state, and while the
        state cannot be saved, in its file aside (`told_aside`), for the next start."""
        self.set_preferences({name: value})
        if not self.persistent and self.told_aside is not None:
            _write_aside(self.told_aside, name, value)

    # -- internals -----------------------------------------------------------------

    def _write(self, *statements: Statement) -> None:
        """Run `statements` in one short IMMEDIATE transaction, so a second instance
        waits instead of failing. Where the file turns out not writable (at BEGIN, at
        a statement: a read-only mount with the journal files left beside the state
        begins a transaction fine, and failed at the INSERT; or at COMMIT), the state
        goes on in memory and the statements run there."""
        try:
            _transaction(self._db, statements)
        except sqlite3.OperationalError as error:
            if not _is_read_only(error):
                raise
            self._fall_back_to_memory(str(error))
            _transaction(self._db, statements)

    def _fall_back_to_memory(self, reason: str) -> None:
        """The file became unwritable under us: keep what we have, in memory."""
        memory = sqlite3.connect(":memory:", isolation_level=None)
        self._db.backup(memory)
        self._db.close()
        self._db = memory
        self.persistent = False
        self.notice = (
            f"read marks and bookmarks cannot be saved ({reason}): "
            "kept in memory, for this session only"
        )
        if self.fell_back is not None:
            self.fell_back(self.notice)


def aside_for(where: Locations) -> Path | None:
    """Where what the reader told of a home whose state cannot be saved is kept (a
    read-only mount, a state file that is not the user's): a small file in the user's
    own state directory, named after the home's resolved path, so that two homes keep
    theirs apart and a home reached by two names is one. None if that path cannot be
    known."""
    try:
        home = os.fsencode(where.home.resolve())
        base = Path(platformdirs.user_state_dir(APP_NAME, appauthor=False))
    except (OSError, RuntimeError, ValueError):
        return None
    return base / "told" / f"{hashlib.sha256(home).hexdigest()[:32]}.json"


def _read_aside(path: Path | None) -> dict[str, str]:
    """What the file aside holds (`told_aside`): {} if none, or none readable."""
    if path is None:
        return {}
    try:
        kept = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(kept, dict):
        return {}
    return {name: value for name, value in kept.items() if isinstance(value, str)}


def _write_aside(path: Path, name: str, value: str) -> None:
    """Set `name` to `value` in the file aside, replaced whole (written beside it, then
    renamed). Where nothing can be written there either, nothing is kept: the notice
    comes back at the next start, as it did."""
    kept = {**_read_aside(path), name: value}
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(json.dumps(kept).encode())
            Path(temporary).replace(path)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            raise


def _transaction(db: sqlite3.Connection, statements: Sequence[Statement]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        for sql, parameters in statements:
            db.execute(sql, parameters)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


_PRIVATE = 0o600
_SIDE_FILES = ("-wal", "-shm", "-journal")


def _keep_private(path: Path) -> None:
    """Make the state file (read marks, bookmarks, searches) the user's alone, as the
    index is: SQLite creates it 0644, and its write-ahead log and journal files with
    its mode, so in a home others could read (755, as a user's data dir often is)
    they read it. It is created empty at 0600 (SQLite takes an empty file for a new
    database); one an earlier yomite left readable, and its side files, lose the
    group's and others' bits. Best effort: where that fails (a read-only mount,
    another user's file), SQLite says what it says of it."""
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, _PRIVATE))
    for name in (path, *(path.with_name(path.name + end) for end in _SIDE_FILES)):
        with contextlib.suppress(OSError):
            info = name.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077 and info.st_uid == os.getuid():
                name.chmod(info.st_mode & 0o700)  # one made read-only stays so


def _connect(path: Path) -> sqlite3.Connection:
    _keep_private(path)
    connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")
        connection.executescript(_SCHEMA)
        connection.execute("SELECT COUNT(*) FROM read_marks").fetchone()
        # Whether it can be written: a read-only mount with the WAL files left beside
        # the state opens, reads, even begins a transaction, and fails at the first
        # write. Writing the header's own user_version back, then rolling back, tells.
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute(f"PRAGMA user_version = {version}")
        finally:
            connection.execute("ROLLBACK")
    except BaseException:
        connection.close()
        raise
    return connection


def _copy_read_only(path: Path, into: sqlite3.Connection) -> None:
    """Copy the database at `path` into `into` without writing anything beside it.

    Read-only mode sees changes still in the write-ahead log, but needs its index
    (`-shm`) to exist or be creatable; immutable mode needs nothing and misses them.
    """
    try:
        if not path.is_file():
            return
    except OSError:
        return
    uri = path.absolute().as_uri()
    for mode in ("mode=ro", "immutable=1"):
        try:
            source = sqlite3.connect(f"{uri}?{mode}", uri=True)
            try:
                source.backup(into)
                return
            finally:
                source.close()
        except sqlite3.Error:
            continue


def _is_read_only(error: sqlite3.Error) -> bool:
    message = str(error).lower()
    return "readonly" in message or "read-only" in message or "unable to open" in message


def _writable(path: Path) -> bool:
    import os

    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK)


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(moved.with_name(moved.name + suffix))
    return moved
