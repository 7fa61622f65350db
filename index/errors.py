"""The errors a user hears of, in one light module: the reader imports them at its
start without loading Whoosh or MeCab (tests/test_import_hygiene.py). Each `str()` is
one line for the user. What each means to them:

- `ConfigError`: the config file cannot be used; fix the file it names.
- `QueryError`: a query to fix (a stray `"`, an unknown filter); `QueryIncomplete`: no
  mistake, a filter still being typed (`after:20`): nothing to search for yet.
- `DateError`: a value that is no date (`after:2012-02-30`, the date dialog).
- `ArticleError`, `ParseError`: an article file cannot be read as an article
  (binary, too large, unreadable); the other files are read on.
- `DocumentFailure`: such a file as an update meets it: it is listed among the files
  not indexed (`UpdateReport.failed`, each an `UpdateFailure` of a `FailureKind`),
  not raised to the user.
- `LibraryError`: the index cannot do what was asked; `IndexUnavailable`: it cannot
  be used at all (damaged or outdated: rebuild it; or insecure: fix its permissions);
  `IndexBusy`: another yomite is updating it (try again when it is done);
  `ForgetRefused`: `yomite index --forget` was given a path it must not drop.
- `OutputError`: a command's output cannot be written (a full disk, stdout closed).
- `ParseStopped`: none: a parse its caller stopped, the article no longer wanted (the
  reader's opening replaced by another).

The modules that raise them re-export them (`index.library.LibraryError`, ...).
Nothing pickled into an index refers to these classes; a worker process reports its
failures as strings.
"""

from __future__ import annotations

import os
from enum import Enum
from functools import partial
from typing import TYPE_CHECKING, Any

from index.sanitize import quote_typed, sanitize

if TYPE_CHECKING:
    from index.build import Stamp

DATE_FORMS = "YYYY-MM-DD, YYYY-MM or YYYY; YYYY年M月D日, YYYY年M月 or YYYY年"
"""The forms of a date, as the messages name them. `/` does as well as `-` (2012/03,
2012/03/25: text files write their dates so); the month and the day may be one digit;
Japanese writes 2012年3月5日, 2012年3月, 2012年."""


class ConfigError(ValueError):
    """The config file cannot be used; the message names the file and the problem."""


class QueryError(ValueError):
    """A query the user must fix; `str()` is a one-line message."""

    def __init__(self, message: str) -> None:
        # A quoted fragment of the query may hold a newline or a tab (pasted text).
        super().__init__(" ".join(message.split()))


class QueryIncomplete(QueryError):
    """As-you-type: nothing to search for yet, only a filter still being typed
    (`after:20`, `title:`); the message says what it waits for. Not a mistake."""


class DateError(ValueError):
    """A value that is no date, and why: of no form of a date (`reason` ''), or of one
    that names no day (2012-02-30: `reason` "February 2012 has 29 days")."""

    def __init__(self, value: str, reason: str = "") -> None:
        self.value = value
        self.reason = reason
        super().__init__(
            f"{value}: {reason}" if reason else f"{quote_typed(value)} is not a date: {DATE_FORMS}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        # Made again from what `__init__` takes, not from `args` (the message made of
        # them), as a pickle or a copy does: it said the message was no date.
        return (type(self), (self.value, self.reason), self.__dict__)


class ArticleError(Exception):
    """Base of the errors about one article file; `str()` is one line naming the file."""


class ParseStopped(Exception):
    """A parse stopped between its stages, its caller's `stop` saying the article is no
    longer wanted (`index.parser.parse_file`)."""


class ParseError(ArticleError):
    """An article file cannot be read as an article (binary, too large, unreadable...)."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        # File names are untrusted too: a name holding ESC must not reach the terminal.
        return sanitize(f"{self.path}: {self.reason}").replace("\n", "\u240a")


class NotAnArticle(ParseError):
    """A file that is no article whatever happens to it but a new content: binary, empty,
    too large, or not a regular file (a FIFO, a device). Not one that cannot be read
    (permission denied, an I/O error), which may be an article once it can be: a file
    named so does not join the home (`index.home.refused_files`)."""


class DocumentFailure(Exception):
    """A file that cannot become a document; `str()` is the reason, `stamp` the file
    as it was read."""

    def __init__(self, reason: str, stamp: Stamp | None) -> None:
        super().__init__(reason)
        self.stamp = stamp

    def __reduce__(self) -> tuple[Any, ...]:
        # `args` holds the reason alone: made again from it, a pickle raised TypeError.
        return (type(self), (*self.args, self.stamp), self.__dict__)


class FailureKind(Enum):
    """What an update (or a rebuild) could not index: a file, or a path asked for (one
    given, or a directory of the home) whose files it could not even see. Set where
    the failure is made; the reader's notice names a path in full, a file shortly."""

    FILE = "file"
    """A file that could not be read as an article (binary, empty, unreadable, not a
    regular file, a name not UTF-8, one of the data home's own)."""
    NOT_THERE = "not there"
    """A path asked for that is not there (a typo, an unmounted disk, a broken link)."""
    UNREADABLE = "unreadable"
    """A directory that cannot be listed: its articles kept, or left out."""
    EMPTY = "empty"
    """A directory with no article file under it (empty, or of other files)."""

    @classmethod
    def of(cls, failure: tuple[str, str]) -> FailureKind:
        """The kind of `failure`: a bare (path, reason) pair, as recorded in the index's
        meta, is a file that failed."""
        return failure.kind if isinstance(failure, UpdateFailure) else cls.FILE


class UpdateFailure(tuple[str, str]):
    """A path an update could not index, why, and of what kind (`FailureKind`). It is
    the (path, reason) pair it always was, to unpack and to compare (the kind aside):
    the commands, the reports and the records hold pairs."""

    kind: FailureKind

    def __new__(cls, path: str, reason: str, kind: FailureKind) -> UpdateFailure:
        failure = super().__new__(cls, (path, reason))
        failure.kind = kind
        return failure

    def __getnewargs__(self) -> tuple[str, str, FailureKind]:
        # A pickle or a copy makes it again with its kind (tuple's own gives the pair).
        return (self[0], self[1], self.kind)

    @property
    def path(self) -> str:
        return self[0]

    @property
    def reason(self) -> str:
        return self[1]


class OutputError(Exception):
    """A command's output (stdout) cannot be written: a full disk (`> /dev/full`), an
    I/O error, stdout closed (`>&-`). `str()` is the reason (`No space left on
    device`), for the entry point to say in one line: the OSError ended the command
    in a traceback, exit 1 (which is also `yomite verify`'s "inconsistent"). A closed
    pipe (`| head`) stays BrokenPipeError: it ends quietly (141)."""


class LibraryError(Exception):
    """Base of the library's errors; `str()` is a one-line message for the user."""


class IndexUnavailable(LibraryError):
    """The index cannot be used: damaged or `outdated` (`repairable`: rebuild it) or
    insecure (fix the permissions)."""

    def __init__(
        self, message: str, *, repairable: bool, outdated: bool = False, advice: str = ""
    ) -> None:
        super().__init__(f"{message}; {advice}" if advice else message)
        self.repairable = repairable
        self.outdated = outdated
        """Built by another version of yomite (with another schema): nothing is damaged."""
        self.diagnosis = message
        """What is wrong, without the `advice` (what to run) that `str()` ends with: for
        the command already running it (`yomite verify --repair` said to rebuild with
        `yomite verify --repair`)."""
        self.advice = advice

    def __reduce__(self) -> tuple[Any, ...]:
        # Its keywords are not in `args`: made again from the message alone, a pickle
        # raised TypeError.
        make = partial(
            type(self), repairable=self.repairable, outdated=self.outdated, advice=self.advice
        )
        return (make, (self.diagnosis,), self.__dict__)


class IndexBusy(LibraryError):
    """Another process (or thread) is updating the index."""


class WriteFailed(LibraryError):
    """The index could not be written (disk full, quota, an I/O error): its commit never
    happened, and it is as it was."""


class ForgetRefused(LibraryError):
    """`Library.forget` was asked for a path it must not drop (see there)."""
