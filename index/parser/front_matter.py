"""A Markdown file's YAML front matter (see `index.parser`): its title, date and lead,
and its other entries as lines of text. Read by lines (no YAML library)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, datetime

from index.dates import front_matter_date
from index.parser.plain import TITLE_MAX, joined

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
_BLOCK_SCALAR = re.compile(r"(?P<style>[|>])(?:(?P<indent>[1-9])?[-+]?|[-+](?P<indent2>[1-9]))")
"""A block scalar's header (YAML's): folded `>` or literal `|`, a chomping indicator
(`-`, `+`) and an indentation one (`2`), in either order (with a comment after it, its
lines are kept as written)."""


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
        if key == "title" and self.title is None and len(value) <= TITLE_MAX and "\n" not in value:
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
    `title: "東京の桜"`, `tags: [花見, 東京]`, `tags:` over `- 花見` lines. Or Hugo's
    TOML front matter, between two `+++` lines (`_read_toml`)."""
    if lines and lines[0].rstrip() == "+++":
        return _read_toml(lines)
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
        if (header := _BLOCK_SCALAR.fullmatch(value)) is not None:
            text, at = _block_scalar(header, block, at, _indentation(line))
            if text and not front.take(key, text):
                front.lines.append(f"{key}: {text}")
            elif not text:
                front.lines.append(line.strip())
            continue
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


def _indentation(line: str) -> int:
    """The columns of a line's indentation (spaces; a tab counts one, as YAML allows
    none there)."""
    return len(line) - len(line.lstrip(" \t"))


def _block_scalar(header: re.Match[str], lines: list[str], at: int, indent: int) -> tuple[str, int]:
    """The text of the block scalar whose `header` (`_BLOCK_SCALAR`) ends the line of a
    key indented by `indent`, its lines from `lines[at]` (those more indented, and blank
    ones), and the line after them. Literal (`|`): its lines as written, but for the
    indentation of the block (the first line's, or the one `header` gives). Folded
    (`>`): a paragraph's lines joined as a Markdown paragraph's are (a space, none
    between Japanese), a blank line a line break. No blank line at its ends (chomped)."""
    end = at
    while end < len(lines) and (not lines[end].strip() or _indentation(lines[end]) > indent):
        end += 1
    while end > at and not lines[end - 1].strip():
        end -= 1  # (blank lines after it are none of its)
    written = [line.rstrip() for line in lines[at:end]]
    given = header["indent"] or header["indent2"]
    first = next((line for line in written if line), "")
    column = indent + int(given) if given else _indentation(first)
    texts = [line[min(column, _indentation(line)) :] for line in written]
    while texts and not texts[0]:
        texts.pop(0)
    if header["style"] == "|":
        return "\n".join(texts), end
    paragraphs: list[str] = []
    broken = True
    for text in texts:
        if not text:  # a paragraph's end; each further blank line an empty line
            if broken:
                paragraphs.append("")
            broken = True
        elif broken:
            paragraphs.append(text.strip())
            broken = False
        else:
            paragraphs[-1] = joined(paragraphs[-1], text.strip())
    return "\n".join(paragraphs), end


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


_TOML_ENTRY = re.compile(r"(?P<key>\w[\w.-]{0,80})[ \t]*=[ \t]*(?P<value>.+)")


def _read_toml(lines: list[str]) -> _FrontMatter | None:
    """Hugo's TOML front matter: a first line `+++`, then `key = value` lines up to a
    `+++` line (within FRONT_MATTER_MAX_LINES); None when no line closes it. A value
    that is a string, a date, a number or a flag, or a list of them, is read as the
    YAML one is (`title = "東京の桜"`: the title; `tags = ["花見", "東京"]`: `tags: 花見,
    東京`); another value (a table, one over lines) is written after its `key: `, and
    any other line (a `[params]` table's name) stays as written."""
    last = min(len(lines), FRONT_MATTER_MAX_LINES + 2)
    end = next((n for n in range(1, last) if lines[n].rstrip() == "+++"), None)
    if end is None:
        return None
    front = _FrontMatter(end=end + 1)
    for line in lines[1:end]:
        entry = _TOML_ENTRY.fullmatch(line.strip())
        if entry is None:
            if line.strip():
                front.lines.append(line.strip())
            continue
        key, value = entry["key"], _toml_value(entry["value"])
        if value is None:  # `key: ` and the value as written
            front.lines.append(f"{key}: {entry['value'].strip()}")
        elif isinstance(value, list) or not front.take(key, value):
            front.lines.append(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    return front


def _toml_value(value: str) -> str | list[str] | None:
    """A TOML value's text (a list's items'), None for a table, a value over lines,
    nothing, or what TOML does not read."""
    try:
        read = tomllib.loads(f"v = {value}")["v"]
    except tomllib.TOMLDecodeError:
        return None
    items = read if isinstance(read, list) else [read]
    texts = [_toml_text(item) for item in items]
    if None in texts or not any(texts):
        return None
    return [text for text in texts if text] if isinstance(read, list) else texts[0]


def _toml_text(value: object) -> str | None:
    """A TOML scalar's text (a date's in ISO 8601, a flag's `true`), None for a table
    or a list."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value)
    return None
