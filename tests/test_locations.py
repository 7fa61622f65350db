"""Paths as the user types them: a `~` or `~user` expanded, or why it cannot be."""

from __future__ import annotations

import pwd

import pytest

from index.locations import UnknownUser, expand_user


def test_a_tilde_that_cannot_be_expanded_names_the_user_or_the_missing_home(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The callers (config paths, a PATH or --home, YOMITE_HOME) tell a user the system
    does not know from a home directory it cannot find; no test of theirs reached the
    second: `~` with HOME unset and no password entry (a container's uid)."""
    with pytest.raises(UnknownUser) as unknown:
        expand_user("~nouser/x")
    assert unknown.value.user == "nouser"
    assert str(unknown.value) == "cannot expand '~nouser/x': no user named 'nouser'"

    def no_entry(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    with pytest.raises(UnknownUser) as unknown:
        expand_user("~/news")
    assert unknown.value.user == ""
    assert str(unknown.value) == "cannot expand '~/news': the home directory is unknown"
