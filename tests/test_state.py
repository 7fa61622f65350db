"""Reading state survives restarts, a second instance, an unwritable home and corruption."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from index.locations import locations
from index.state import UserState


def test_marks_bookmarks_positions_and_history_survive_a_restart(home: Path) -> None:
    where = locations(home)
    state = UserState.open(where)
    state.set_read("a")
    state.set_bookmark("b", True)
    state.save_place("a", 420)
    state.add_search("トランプ")
    state.add_search("ウクライナ")
    state.close()

    again = UserState.open(where)
    assert again.notice is None
    assert again.read_ids() == {"a"}
    assert again.bookmarks() == ["b"]
    assert again.place("a") == 420
    last = again.last_place()
    assert last is not None and (last.article_id, last.offset) == ("a", 420)
    assert again.search_history() == ["ウクライナ", "トランプ"]
    again.set_read("a", False)
    assert not again.is_read("a")
    assert again.toggle_bookmark("b") is False
    assert again.bookmarks() == []


def _modes(home: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mode & 0o777 for p in home.iterdir() if p.name.startswith("state")}


def test_the_state_is_private_in_a_home_others_can_read(home: Path) -> None:
    # Read marks, bookmarks and search history were -rw-r--r-- in a home at 755 (the
    # index beside them is 0600 in 0700 directories).
    home.mkdir()
    home.chmod(0o755)
    state = UserState.open(locations(home))
    state.set_bookmark("b", True)
    state.add_search("秘密の検索")
    modes = _modes(home)  # the write-ahead log and its index are there while it is open
    assert {"state.sqlite3", "state.sqlite3-wal", "state.sqlite3-shm"} <= set(modes)
    state.close()
    assert set(modes.values()) == {0o600}, {name: oct(mode) for name, mode in modes.items()}
    assert _modes(home) == {"state.sqlite3": 0o600}


def test_a_state_left_readable_by_others_is_made_private(home: Path) -> None:
    """One made by an earlier yomite (0644), with its write-ahead log left by a crash."""
    where = locations(home)
    UserState.open(where).close()
    held = sqlite3.connect(
        where.state_db, isolation_level=None
    )  # keeps the -wal and -shm files there
    held.execute("PRAGMA journal_mode = WAL")
    held.execute("INSERT INTO read_marks VALUES ('a', 1.0)")
    for path in home.iterdir():
        path.chmod(0o644)
    state = UserState.open(where)
    assert state.is_read("a")
    state.set_bookmark("b", True)
    modes = _modes(home)
    held.close()
    state.close()
    assert set(modes.values()) == {0o600}, {name: oct(mode) for name, mode in modes.items()}


def test_a_state_from_before_places_still_names_the_last_article(home: Path) -> None:
    """Positions were rows (`positions`); an older state's last article still opens,
    from its start, rather than none."""
    where = locations(home)
    UserState.open(where).close()
    with sqlite3.connect(where.state_db) as db:
        db.execute("INSERT INTO positions VALUES ('old', 37.0, 1.0)")
    state = UserState.open(where)
    last = state.last_place()
    assert last is not None and (last.article_id, last.offset) == ("old", 0)
    state.save_place("new", 5)
    last = state.last_place()
    assert last is not None and (last.article_id, last.offset) == ("new", 5)


def test_two_instances_see_each_others_changes(home: Path) -> None:
    where = locations(home)
    first, second = UserState.open(where), UserState.open(where)
    first.set_read("x")
    second.set_bookmark("y", True)
    assert second.is_read("x")
    assert first.is_bookmarked("y")
    first.close()
    second.close()


def test_a_corrupt_state_file_is_moved_aside_with_a_notice(home: Path) -> None:
    where = locations(home)
    home.mkdir(parents=True)
    where.state_db.write_bytes(b"this is not sqlite" * 100)
    state = UserState.open(where)
    assert state.notice is not None and "moved to" in state.notice
    assert any(p.name.startswith("state.sqlite3.corrupt-") for p in home.iterdir())
    state.set_read("a")
    assert UserState.open(where).is_read("a")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_home_keeps_state_in_memory_with_a_notice(home: Path) -> None:
    where = locations(home)
    home.mkdir(parents=True)
    home.chmod(0o500)
    try:
        state = UserState.open(where)
        assert state.notice is not None and "this session" in state.notice
        state.set_read("a")
        assert state.is_read("a")
        assert not where.state_db.exists()
    finally:
        home.chmod(0o700)


def test_a_state_that_cannot_be_written_still_shows_its_marks(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only mount: the marks made before are read, new ones last the session."""
    import sqlite3

    where = locations(home)
    state = UserState.open(where)
    state.set_read("a")
    state.set_bookmark("b", True)
    state.close()

    def read_only(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("index.state._connect", read_only)
    state = UserState.open(where)
    assert state.notice is not None and "this session" in state.notice
    assert state.is_read("a") and state.bookmarks() == ["b"]
    state.set_read("c")
    assert state.read_ids() == {"a", "c"}


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """The state as a read-only mount serves it: it opens and reads; a write fails."""
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)


def test_a_read_only_state_that_opens_fine_is_found_out_at_open(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only mount with the state's WAL files beside it: the file opened, read,
    began transactions, and the first write raised (the reader crashed on `b`, `q`)."""
    where = locations(home)
    state = UserState.open(where)
    state.set_bookmark("b", True)
    state.close()
    real_connect = sqlite3.connect

    def connect(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if path == where.state_db:
            return _read_only_connection(where.state_db)
        connection: sqlite3.Connection = real_connect(path, *args, **kwargs)
        return connection

    monkeypatch.setattr("index.state.sqlite3.connect", connect)
    state = UserState.open(where)
    assert state.notice is not None and "this session" in state.notice
    assert state.bookmarks() == ["b"]
    state.save_place("a", 120)  # what quitting does
    state.set_bookmark("c", True)
    assert state.place("a") == 120 and state.bookmarks() == ["c", "b"]


def test_a_state_that_stops_taking_writes_goes_on_in_memory(home: Path) -> None:
    """A write refused mid-session (at a statement, not at BEGIN): the change is kept
    in memory, with a notice, instead of an exception."""
    where = locations(home)
    state = UserState.open(where)
    state.set_read("a")
    said: list[str] = []
    state.fell_back = said.append
    state._db.close()
    state._db = _read_only_connection(where.state_db)
    state.save_place("a", 7)
    assert state.place("a") == 7 and state.is_read("a")
    assert state.notice is not None and "kept in memory" in state.notice
    assert said == [state.notice]  # told when it happens, once
    state.set_bookmark("b", True)
    assert said == [state.notice] and state.bookmarks() == ["b"]


def test_an_unusable_home_keeps_state_in_memory_with_a_notice(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the home's parent should be")
    state = UserState.open(locations(blocker / "home"))
    assert state.notice is not None and "this session" in state.notice
    state.set_bookmark("a", True)
    assert state.bookmarks() == ["a"]


def test_an_unreadable_state_on_a_read_only_home_starts_empty(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    where = locations(home)
    home.mkdir(parents=True)
    where.state_db.write_bytes(b"not a database" * 100)

    def read_only(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("index.state._connect", read_only)
    state = UserState.open(where)
    assert state.notice is not None and state.read_ids() == set()
    state.set_bookmark("a", True)
    assert state.bookmarks() == ["a"]


def test_what_was_told_outlasts_a_state_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kept in memory with the rest of such a state, what the reader told (the files it
    could not index) was lost at each quit, and told again at every start. It is kept
    in the user's state directory, for that home: the same home reached through a link
    finds it, another home does not."""
    import sqlite3

    def read_only(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr("index.state._connect", read_only)
    home, other = tmp_path / "home", tmp_path / "other"
    home.mkdir()
    (tmp_path / "link").symlink_to(home)
    state = UserState.open(locations(home))
    assert not state.persistent and state.told("failures_told") is None
    state.set_told("failures_told", "abc")
    state.close()
    assert UserState.open(locations(home)).told("failures_told") == "abc"
    assert UserState.open(locations(tmp_path / "link")).told("failures_told") == "abc"
    assert UserState.open(locations(other)).told("failures_told") is None
    state = UserState.open(locations(home))
    state.set_told("failures_told", "def")  # other failures: told, and kept, anew
    assert UserState.open(locations(home)).told("failures_told") == "def"


def test_what_was_told_goes_in_the_state_where_it_can_be_written(home: Path) -> None:
    """Nothing is written aside for a home whose state is saved."""
    state = UserState.open(locations(home))
    state.set_told("failures_told", "abc")
    assert state.told_aside is not None and not state.told_aside.exists()
    state.close()
    assert UserState.open(locations(home)).preference("failures_told") == "abc"
