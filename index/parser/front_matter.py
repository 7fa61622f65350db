"""A Markdown file's YAML front matter (see `index.parser`): its title, date and lead,
and its other entries as lines of text. Read by lines (no YAML library)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from index.dates import front_matter_date
from index.parser.plain import TITLE_MAX

FRONT_MATTER_MAX_LINES = 200
"""A YAML front matter's closing line stands within this many lines of its opening
one; further down, the file has none (its first line is a thematic break)."""
FRONT_MATTER_DATES = frozenset({"date", "published", "published_at", "publishdate", "pubdate"})
"""The keys (in any case) of an article's date: Jekyll's and Hugo's `date`, Zenn's
`published_at`, Hugo's `publishDate`, RSS's `pubDate`."""
FRONT_MATTER_LEADS = frozenset({"description", "summary", "excerpt"})
"""The keys (in any case) of what an article is about in a sentence or two: its lead."""
_FRONT_MATTER_ENTRY = re.compile(r"(?P<key>\w[\w .-]{0,80}?)[ \t]*:(?:[ \t]+(?P<value>.*))?")
_FRONT_MATTER_ITEM = re.compile(r"[ \t]*-[ \t]+(?P<value>.*)")


@dataclass
class _FrontMatter:
    """What a Markdown file's YAML front matter gives the article."""

    end: int
    """The line after the closing one: the first of the text."""
    title: str | None = None
    published: date | datetime | None = None
    lead: str | None = None
    lines: list[str] = field(default_factory=list)
    """Every other entry, as `key: value` (a list's items joined by commas), and every
    line the reader does not read (a nested mapping, a block scalar...) as written:
    the text's first paragraph, so that no word is lost."""

    def take(self, key: str, value: str) -> bool:
        """Whether `value` (of `key`) is the article's title, date or lead (the first
        of each that reads as one)."""
        key = key.lower()
        if key == "title" and self.title is None and len(value) <= TITLE_MAX:
            self.title = value
        elif key in FRONT_MATTER_DATES and self.published is None:
            self.published = front_matter_date(value)
            return self.published is not None
        elif key in FRONT_MATTER_LEADS and self.lead is None:
            self.lead = value
        else:
            return False
        return True


def read_front_matter(lines: list[str]) -> _FrontMatter | None:
    """The YAML front matter a file opens with: a first line `---`, then `key: value`
    lines up to a `---` or `...` line (within FRONT_MATTER_MAX_LINES); None when the
    file has none. Read by lines, scalars and lists of them only (no YAML library):
    `title: "東京の桜"`, `tags: [花見, 東京]`, `tags:` over `- 花見` lines."""
    if not lines or lines[0].rstrip() != "---":
        return None
    last = min(len(lines), FRONT_MATTER_MAX_LINES + 2)
    end = next((n for n in range(1, last) if lines[n].rstrip() in ("---", "...")), None)
    if end is None:
        return None
    block = lines[1:end]
    opening = next((line.rstrip() for line in block if line.strip()), "")
    if _FRONT_MATTER_ENTRY.fullmatch(opening) is None:
        return None  # a file opening with a rule (`---`, `# 題`, …, `---`): no front matter
    front = _FrontMatter(end=end + 1)
    at = 0
    while at < len(block):
        line = block[at]
        at += 1
        entry = _FRONT_MATTER_ENTRY.fullmatch(line.rstrip())
        if entry is None:  # a comment, an indented line nothing took, a stray line
            if line.strip():
                front.lines.append(line.strip())
            continue
        key, value = entry["key"], (entry["value"] or "").strip()
        items: list[str] | None = None
        if not value:  # a list of `- item` lines may follow
            items = []
            while at < len(block) and (item := _FRONT_MATTER_ITEM.fullmatch(block[at])):
                if (scalar := _yaml_scalar(item["value"])) is None:
                    break
                items.append(scalar)
                at += 1
        elif (scalar := _yaml_scalar(value)) is not None:
            if not front.take(key, scalar):
                front.lines.append(f"{key}: {scalar}")
            continue
        else:
            items = _yaml_list(value)
        front.lines.append(f"{key}: {', '.join(items)}" if items else line.strip())
    return front


def _yaml_scalar(value: str) -> str | None:
    """A YAML scalar's text: quoted (`"…"` without escapes, `'…'`) or plain; None for
    anything else (a list, a mapping, a block scalar, an anchor, a comment…) and for
    nothing (`""`)."""
    value = value.strip()
    if len(value) > 2 and value[0] == value[-1] and value[0] in "\"'":
        inner = value[1:-1]
        if value[0] == "'" and "'" not in inner.replace("''", ""):
            return inner.replace("''", "'")
        if value[0] == '"' and not any(mark in inner for mark in '"\\'):
            return inner
        return None
    if (
        not value
        or value[0] in "[]{}&*!|>%@`'\"#,?:-"
        or value.endswith(":")
        or ": " in value
        or " #" in value
    ):
        return None
    return value


def _yaml_list(value: str) -> list[str] | None:
    """The items of a YAML flow list of scalars (`[花見, "東京"]`), None for anything else."""
    if not (value.startswith("[") and value.endswith("]")):
        return None
    items = [_yaml_scalar(item) for item in value[1:-1].split(",")]
    return [item for item in items if item is not None] if None not in items else None
