"""yomite's exceptions survive a pickle round trip (and `copy`, which takes the same
path) with their message and attributes: an error sent from another process, as a
`concurrent.futures` or `multiprocessing` worker sends it, came back as a TypeError
raised while unpickling it (`DocumentFailure`, `IndexUnavailable`), or with its
message said twice over (`DateError`: "'2012-02-30: February 2012 has 29 days' is not
a date: ...")."""

from __future__ import annotations

import copy
import importlib
import inspect
import pickle
import pkgutil

import pytest

import index
import tui
from index.build import Cancelled
from index.commands.build import HungUp, Terminated
from index.errors import (
    ArticleError,
    ConfigError,
    DateError,
    DocumentFailure,
    ForgetRefused,
    IndexBusy,
    IndexUnavailable,
    LibraryError,
    NotAnArticle,
    OutputError,
    ParseError,
    ParseStopped,
    QueryError,
    QueryIncomplete,
    WriteFailed,
)
from index.locations import UnknownUser

ERRORS: list[BaseException] = [
    ConfigError("config.toml: line 2: not UTF-8"),
    UnknownUser("~nouser/news", "nouser"),
    UnknownUser("~/news", ""),
    QueryError('a stray " in\nthe query'),
    QueryIncomplete("after: waits for a date"),
    DateError("2012-02-30", "February 2012 has 29 days"),
    DateError("2012-13"),
    ArticleError("a.txt: binary"),
    ParseError("/corpus/a\x1b.txt", "binary file"),
    ParseStopped(),
    NotAnArticle("/corpus/image.txt", "binary file (contains NUL bytes), not an article"),
    DocumentFailure("binary file", (12, 1_000, 2_000)),
    DocumentFailure("gone", None),
    LibraryError("data home /h is read-only"),
    IndexUnavailable("index damaged: rebuild it", repairable=True),
    IndexUnavailable("built by yomite 0.9", repairable=True, outdated=True),
    IndexBusy("another yomite is updating this index"),
    WriteFailed("could not write the index in /h/index: No space left on device"),
    ForgetRefused("/h/a is the home's last directory"),
    OutputError("No space left on device"),
    Cancelled(),
    Terminated(),
    HungUp(),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_an_error_survives_a_pickle_round_trip(error: BaseException) -> None:
    for again in (pickle.loads(pickle.dumps(error)), copy.copy(error)):
        assert type(again) is type(error)
        assert str(again) == str(error)
        assert again.args == error.args
        assert vars(again) == vars(error)


def test_every_error_class_is_tried() -> None:
    """Each exception class of index/ and tui/ is among ERRORS (a new one added there)."""
    defined = set()
    for package in (index, tui):
        for found in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if found.name.endswith(".__main__"):  # runs the reader
                continue
            module = importlib.import_module(found.name)
            defined |= {
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, BaseException) and cls.__module__ == module.__name__
            }
    assert defined == {type(error) for error in ERRORS}
