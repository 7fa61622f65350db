"""Editing the query's text from the reader's dialogs: a facet picked, a date range.

The dialogs speak in values (an outlet, `2012-03..2012-06`); the query in its own
language (`outlet:"…"`, `after:2012-03 before:2012-07`). These functions go from one
to the other, and find the filters a query already holds where `index.query` finds
them: both read it with `index.syntax.filters` (no regex of their own, which had
missed ーafter:2012, typed with an IME's minus, and found after: in a quoted phrase).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import timedelta

from index.syntax import DATE_FIELDS, DateError, Filter, filters, parse_date, read_date


def quote_facet(name: str, value: str) -> str:
    """`name:"value"` for the query language; quotes inside the value are dropped."""
    return f'{name}:"{value.replace(chr(34), "")}"'


def without_facet(query: str, name: str) -> str:
    """The query without its `name:` filters, where one of another value can take their
    place: those standing alone, not an alternative of an OR nor negated (-, ー, NOT).
    The field name in any case or width (ｐｅｒｓｏｎ:); in a quoted phrase, words."""
    return _without(
        query, lambda found: found.field == name and not (found.negated or found.alternative)
    )


def _without(query: str, dropped: Callable[[Filter], bool]) -> str:
    """`query` without the filters `dropped` picks, its spaces made single."""
    kept: list[str] = []
    end = 0
    for found in filters(query):
        if dropped(found):
            kept.append(query[end : found.start])
            end = found.end
    kept.append(query[end:])
    return " ".join(" ".join(kept).split())


_DATE_TYPING = str.maketrans({"ー": "-", "−": "-", "‐": "-", "〜": "~"})
"""Dashes and the wave an IME types in a date (after NFKC, which takes full-width
digits and ～ to ASCII): ２０１２ー０３〜０６ is 2012-03..06 as the query language reads it."""


def _date_typed(typed: str) -> str:
    """A range typed in the date dialog, as ASCII: full-width or IME forms, spaces gone,
    ~ as .. (the query language takes ２０１２－０３; the dialog refused it)."""
    text = unicodedata.normalize("NFKC", typed).translate(_DATE_TYPING)
    return "".join(text.split()).replace("~", "..")


def date_clause(typed: str) -> str:
    """`after:A before:B` from `A..B`, both ends included (either side optional): 2012-03
    ..2012-06 is March to June, so before:2012-07. A lone date is that day, month or
    year (2012-03: March 2012; it meant "from then on", which `2012-03..` says)."""
    typed = _date_typed(typed)
    since, dots, until = typed.partition("..")
    if not dots:
        until = since
    since = _shifted(since, 0) or since  # written as the query's dates are: 2012/03 is 2012-03
    parts = [f"after:{since}"] if since else []
    if until:
        parts.append(f"before:{_day_after(until)}")
    return " ".join(parts)


def date_range_error(typed: str) -> str | None:
    """What is wrong with a range typed in the date dialog, or None: each side must be a
    date (2012-13 was taken, and the list then said the query was wrong), read as the
    query reads one (`index.syntax.read_date`): it refused 2012/03, and said of
    2012-02-30 only that it was no date."""
    typed = _date_typed(typed)
    for side in typed.split("..", 1):
        if side:
            try:
                read_date(side)
            except DateError as error:
                return str(error)
    since, dots, until = typed.partition("..")
    if since and dots and until:
        first, after_last = parse_date(since), parse_date(_day_after(until))
        if first is not None and after_last is not None and first >= after_last:
            # after:2012-06 before:2012-04 matches nothing, and the list said only that.
            return f"{since} is after {until}: the earlier date goes first ({until}..{since})"
    return None


def date_range_of(query: str) -> str:
    """The query's date filters as the date dialog takes them (`date_clause` undone):
    after:2012-03 before:2012-07 is 2012-03..2012-06; '' without any."""
    found = {f.field: f.value for f in filters(query) if f.field in DATE_FIELDS and f.value}
    if not found:
        return ""
    since: str = found.get("after", "")
    until = _day_before(found["before"]) if "before" in found else ""
    if since and since == until:
        return since  # one day, month or year, as typed (2012-02, not 2012-02..2012-02)
    return f"{since}..{until}"


def without_dates(query: str) -> str:
    """The query without its after: and before: filters (and the NOT of one: none is
    left to negate the range that takes their place)."""
    return _without(query, lambda found: found.field in DATE_FIELDS)


def _day_before(before: str) -> str:
    """The last year, month or day before `before` (exclusive), written as precisely."""
    return _shifted(before, -1) or before


def _day_after(until: str) -> str:
    """The first day after the year, month or day `until` names, written as precisely;
    `until` itself when it is no date (the query then says what is wrong with it)."""
    return _shifted(until, 1) or until


def _shifted(value: str, step: int) -> str | None:
    """The year, month or day `step` after the one `value` names (as `read_date` reads
    it), written as precisely, with `-`; None when it is no date (or the step leaves
    the calendar)."""
    try:
        start, unit = read_date(value)
    except DateError:
        return None
    try:
        if unit == "day":
            day = start + timedelta(days=step)
            return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
        if unit == "month":
            months = start.year * 12 + start.month - 1 + step
            shifted = f"{months // 12:04d}-{months % 12 + 1:02d}"
        else:
            shifted = f"{start.year + step:04d}"
    except OverflowError:
        return None
    return shifted if parse_date(shifted) is not None else None  # (past 9999, before 0001)
