"""Shared fixtures. Tests that need ../shared skip cleanly when it is absent."""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# The property tests try the same examples on every run of `make test` (derandomized,
# no example database), so CI passes or fails on the code alone: a random run once
# failed CI on a case no commit had touched. `make fuzz` runs them under fresh random
# examples, keeping what fails in .hypothesis/ to be replayed; each case it finds is
# fixed and kept as an `@example`. Both print the blob that reproduces a failure.
settings.register_profile("gate", derandomize=True, database=None, print_blob=True)
settings.register_profile("fuzz", derandomize=False, print_blob=True)
settings.load_profile("gate")


def pytest_configure(config: pytest.Config) -> None:
    """Ctrl-C reaches the tests' processes as a terminal sends it, also when the suite
    runs as a background job (`make test &`, a CI step started so), whose shell ignores
    SIGINT: an ignored signal stays ignored across exec, so the tests of what Ctrl-C
    does saw nothing happen (exit 0 where 130 was asserted). Caught here instead, it is
    the default again in every process the tests start."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
LDCC = SHARED / "corpus" / "ldcc"


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture
def ldcc_dir() -> Path:
    if not LDCC.is_dir():
        pytest.skip(f"livedoor corpus not found at {LDCC}")
    return LDCC


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data home (index, state, config) for one test: the default one, as the
    platform's (XDG_DATA_HOME/yomite) and YOMITE_HOME's, so that what a command suggests
    names no `--home` (`index.locations.typed_command`), as for a user's default home."""
    data_home = tmp_path / "yomite"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("YOMITE_HOME", str(data_home))
    return data_home


@pytest.fixture(autouse=True, scope="session")
def user_state_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user's state directory, where the reader keeps what it told of a home whose
    state cannot be saved (`index.state.aside_for`): a temporary one for the tests (and
    the processes they start), never the user's own."""
    with pytest.MonkeyPatch.context() as patch:
        path = tmp_path_factory.mktemp("user-state")
        patch.setenv("XDG_STATE_HOME", str(path))
        yield path


@pytest.fixture(autouse=True)
def truecolor_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's look does not depend on the machine running the tests: its default
    theme follows the terminal's colours (TERM=xterm is 16 colours), so tests see a
    truecolor terminal unless they set TERM and COLORTERM themselves."""
    monkeypatch.setenv("COLORTERM", "truecolor")


class Denier:
    """The directories a fixture below makes fail with EACCES: `denier(path)`, and
    `allow(path)` to give it back (a passing permission problem)."""

    def __init__(self) -> None:
        self.denied: set[str] = set()

    def __call__(self, directory: Path) -> None:
        self.denied.add(os.path.realpath(directory))

    def allow(self, directory: Path) -> None:
        self.denied.discard(os.path.realpath(directory))


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Denier:
    """Make a directory fail to be listed with EACCES, as `chmod 000` does to a user:
    tests run as root, whom permission bits do not stop (`unshare --user` would)."""
    denier = Denier()
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if not isinstance(path, int) and os.path.realpath(path) in denier.denied:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return denier


@pytest.fixture
def unsearchable(monkeypatch: pytest.MonkeyPatch) -> Denier:
    """Make what lies under a directory fail to be looked at with EACCES, as a parent
    without search (x) permission does: `Path.exists` raises PermissionError."""
    denier = Denier()
    real = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> Any:
        name = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
        if isinstance(name, str) and any(name.startswith(d + os.sep) for d in denier.denied):
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    return denier
