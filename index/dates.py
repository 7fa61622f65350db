"""Dates as article files write them: ISO 8601 (a news file's second line), a date
standing alone under a title as people write one (2023年12月25日), a YAML front
matter's `date:`. The parser's; the query language's date forms are `index.syntax`'s.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)


def parse_iso_datetime(line: str) -> date | datetime | None:
    """The date and time of an ISO 8601 line; a date alone (`2024-05-01`) stays a date
    (it was read as midnight: `2024-05-01T00:00:00` in `parse` and `search --json`)."""
    if not ISO_DATETIME.fullmatch(line):
        return None
    try:
        if len(line) == len("2024-05-01"):
            return date.fromisoformat(line)
        return datetime.fromisoformat(line)
    except ValueError:
        return None


_WRITTEN_DATE = re.compile(
    r"(\d{4})\s*[年/.\-]\s*(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*日?"
    r"(?:\s*[(（][月火水木金土日][)）])?"
    r"(?:\s*(\d{1,2})\s*[:時]\s*(\d{2})\s*分?)?"
)


def parse_written_date(line: str) -> date | datetime | None:
    """The date of a line that is only a date, as people write one: 2023年12月25日,
    2023/12/25 (月) 10:30, ２０２３年１２月２５日 10時30分, or ISO 8601; else None."""
    iso = parse_iso_datetime(line)
    if iso is not None:
        return iso
    match = _WRITTEN_DATE.fullmatch(unicodedata.normalize("NFKC", line))
    if match is None:
        return None
    year, month, day, hour, minute = match.groups()
    try:
        if hour is None:
            return date(int(year), int(month), int(day))
        return datetime(int(year), int(month), int(day), int(hour), int(minute))
    except ValueError:  # 2023年13月1日: not a date after all
        return None


_FRONT_MATTER_DATE = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<hour>\d{1,2})(?P<time>:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)"
    r"[ \t]*(?P<zone>Z|[+-]\d{1,2}(?::?\d{2})?)?)?"
)
"""YAML's timestamps: `2024-03-30`, `2024-03-30T10:00:00+09:00`, Jekyll's
`2024-03-30 10:00:00 +0900`, `2024-3-30 9:00`."""


def front_matter_date(value: str) -> date | datetime | None:
    """The date (or time) of a front matter's `date:`, None when it is none."""
    if len(value) > 100:
        return None
    found = _FRONT_MATTER_DATE.fullmatch(value)
    if found is None:
        return parse_written_date(value)  # 2024/03/30, 2024年3月30日
    try:
        day = date(*(int(part) for part in found["date"].split("-")))
        if found["hour"] is None:
            return day
        zone = found["zone"] or ""
        if zone and zone != "Z":
            hours, _, minutes = zone[1:].partition(":")
            if not minutes and len(hours) > 2:
                hours, minutes = hours[:-2], hours[-2:]
            zone = f"{zone[0]}{int(hours):02d}:{minutes or '00'}"
        return datetime.fromisoformat(
            f"{day.isoformat()}T{int(found['hour']):02d}{found['time']}{zone}"
        )
    except ValueError:  # 2024-13-01, 25:00
        return None
