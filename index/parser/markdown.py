"""MARKDOWN files (see `index.parser`): a TEXT file named *.md or .markdown, read as
CommonMark and GitHub write it, its words and URLs kept and the markup around them
dropped; headings make the title and the sections."""

from __future__ import annotations

import html.entities
import itertools
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field

from index.dates import parse_written_date
from index.model import TABLE_COLUMNS, Article, Section, Span
from index.parser.front_matter import read_front_matter
from index.parser.plain import LIST_ITEM, joined, line_width, plain_title
from index.sanitize import sanitize
from index.urls import URL, URL_UNLIKELY_END, trim_url, url_end

_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*")
_SETEXT_RULE = re.compile(r"=+|-+")
_THEMATIC_BREAK = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")
_QUOTE = re.compile(r"(?:>[ \t]?)+")
_FENCE = re.compile(r"(?P<ticks>`{3,})[^`]*|(?P<tildes>~{3,}).*")
"""A code fence: ``` (an info string without backticks: ```js``` opens no block) or ~~~."""
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.{1,2000}?)(?<!`)\1(?!`)")
"""A code span: a run of backticks and the next run exactly as long (CommonMark's
backtick strings, each a run whole: a shorter or a longer one in between is code). A
run no other closes is shown as written: a stray ``` read as a span of one backtick,
and a `` after it made the rest of the line code (its `**` shown)."""
_BACKTICKS = re.compile("`+")
_DESTINATION_CHAR = r"[^\s()\\]|\\\S"
_NESTED_PARENS = rf"\((?:{_DESTINATION_CHAR}){{0,500}}\)"
_PARENS = rf"\((?:{_DESTINATION_CHAR}|{_NESTED_PARENS}){{0,500}}\)"
_LINK = re.compile(
    r"!?\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]{0,500}\]){0,500})\]\(\s*"
    r"(?:<(?P<angled>[^<>\n]{0,2000})>"
    rf"|(?P<bare>(?!<)(?:{_DESTINATION_CHAR}|{_PARENS}){{0,2000}}))"
    r"(?:\s+\"(?P<title>[^\"]{0,500})\")?\s*\)"
)
r"""![alt](src "title"), [text](url "title"). A destination may hold parentheses in
balanced pairs, two deep (`https://ja.wikipedia.org/wiki/桜_(植物)`), or escaped
(`\)`), as CommonMark reads it; or be written in `<>`, where it may hold anything but
those. Every alternative starts on a character of its own (a paren, a backslash,
another character), so that a line of stray `[a](((` is read in linear time."""
_LINKED_IMAGE = re.compile(
    r"\[!\[(?P<alt>[^\]\n]{0,500})\]\(\s*"
    rf"(?:<[^<>\n]{{0,2000}}>|(?!<)(?:{_DESTINATION_CHAR}|{_PARENS}){{0,2000}})"
    r"(?:\s+\"[^\"]{0,500}\")?\s*\)\](?=\()"
)
"""The image of a linked image, `[![alt](src "title")](url)` (a README's badges): its
alt text stands for it, the link's words (`[alt](url)`: `Build Status` and the URL
linked to). The image's own URL, which `![alt](src)` alone shows, is no word of the
text: a badge read `![Build Status https://…/badge.svg ](https://…)`."""
_REFERENCE_LINK = re.compile(
    r"!?\[(?P<text>[^\[\]\n]{1,500})\](?:\[(?P<label>[^\[\]\n]{0,999})\]|(?!\[))"
)
"""A reference link (CommonMark's): full, `[the docs][docs]`; collapsed, `[docs][]`;
shortcut, `[docs]` (an image's, `![alt][logo]`, too). A link when a definition
(`_DEFINITION`) gives its label: read as an inline link is. Never the label of one
whose words began on a line before (`man pages][netrc-docs]`: `_label_of_words`), nor
words whose label goes on to the next line (`[see][the` ): those are shown as written.
Right after another reference one begins (`[a][][a][]`, `[b][a][a][]`: two links)."""


def _label_of_words(found: re.Match[str], previous_end: int) -> bool:
    """Whether `found` (`_REFERENCE_LINK`) is the label of words before it, not a
    reference: right after a `]` that no reference found before it ended (`previous_end`,
    the end of the one before)."""
    start = found.start()
    return start > 0 and found.string[start - 1] == "]" and start != previous_end


_DEFINITION = re.compile(
    r"\[(?P<label>(?!\^)[^\[\]\n]{1,999})\]:[ \t]*"
    r"(?:<(?P<angled>[^<>\n]{0,2000})>|(?P<bare>[^\s<]\S{0,2000}))"
    r"(?:[ \t]+(?:\"(?P<quoted>[^\"]{0,500})\"|'(?P<single>[^']{0,500})'"
    r"|\((?P<parenthesized>[^()]{0,500})\)))?[ \t]*"
)
"""A link reference definition on a line of its own (`[docs]: https://… "title"`), its
destination in `<>` or bare, its title in quotes or parentheses: hidden, as a viewer
hides it; the links referring to its label (`_REFERENCE_LINK`) read with its URL."""
_DEFINED: ContextVar[Mapping[str, tuple[str, str | None]] | None] = ContextVar(
    "_DEFINED", default=None
)
"""The file's link reference definitions (`_label`: destination, title) while
`_markdown_items` reads its lines a second time, the first having found them."""
_REFERRED: ContextVar[set[str] | None] = ContextVar("_REFERRED", default=None)
"""The labels of the `_DEFINED` that a reference read resolved (its URL shown)."""
_HIDDEN: ContextVar[frozenset[str] | None] = ContextVar("_HIDDEN", default=None)
"""The labels whose definitions' lines are hidden, in `_markdown_items`' last reading:
those a reference resolved (the others' are shown as written: their URL is no other
place). None: every definition's."""
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]{1,2000})>")
STRUCK_START, STRUCK_END = "\x04", "\x05"
"""Around struck-through words (`~~古いタスク~~`, `<del>…</del>`) from `_inline` until
`parse_markdown` takes them out as the paragraph's `struck_spans`. Control characters,
as `_KEPT`'s."""
_BREAK = re.compile(r"[ \t]*<br[ \t]*/?>[ \t]*", re.IGNORECASE)
"""`<br>`, `<br/>`, `<br />`: a line break."""
_ATTRIBUTES = (
    r"(?:[ \t]+[A-Za-z_:][-A-Za-z0-9_:.]{0,50}[ \t]*=[ \t]*"
    r"(?:\"[^\"<>\n]{0,200}\"|'[^'<>\n]{0,200}'|[^\s\"'=<>`]{1,200})){0,10}[ \t]*"
)
"""A tag's attributes, each with its value (`class="x"`, `lang=ja`): what makes
`<b and c>` (no value) no tag but words in angle brackets."""
_INLINE_TAG = re.compile(
    r"<(?:abbr|b|cite|code|em|i|ins|kbd|mark|q|samp|small|span|strong|sub|sup|tt|u|var)"
    rf"(?:{_ATTRIBUTES})?>"
    r"|</(?:abbr|b|cite|code|em|i|ins|kbd|mark|q|samp|small|span|strong|sub|sup|tt|u|var)[ \t]*>",
    re.IGNORECASE,
)
"""Inline HTML a Markdown note writes around words (`<kbd>Ctrl</kbd>`, `<sup>2</sup>`):
the tags dropped, the words kept, as a viewer shows them. Any other tag, or one whose
attributes are not attributes (`x<b and c>d`), is kept as written (it may be words in
angle brackets)."""
_EXPONENT = re.compile(
    rf"(?<=[^\s<>])<sup(?:{_ATTRIBUTES})?>([-+]?[0-9A-Za-z]{{1,10}})</sup[ \t]*>", re.IGNORECASE
)
"""A number or a letter raised after a word (`2<sup>10</sup>`, `m<sup>2</sup>`): read
`2^10`, `m^2`, where dropping the tags read `210`. Other raised words (`<sup>※1</sup>`,
`<sup>[1]</sup>`) are read as they are, as `<sub>`'s are (`H<sub>2</sub>O`: `H2O`)."""
_STRUCK_TAG = re.compile(
    rf"<(del|s|strike)(?:{_ATTRIBUTES})?>(.{{1,500}}?)</\1[ \t]*>", re.IGNORECASE
)
"""`<del>…</del>`, `<s>…</s>`, `<strike>…</strike>`: struck through, as `~~…~~` is."""
_MARKDOWN_URL_UNLIKELY_END = URL_UNLIKELY_END + "*_~"
"""A bare URL's end: `**https://example.com**` is a URL in bold, as GitHub reads it."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~&])")
_ENTITY = re.compile(r"(?<!\\)&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
"""An HTML entity (`&amp;`, `&#12354;`, `&#x3042;`), CommonMark's: decoded (`_entity`)
outside code spans, but after a backslash (`\\&amp;` is `&amp;` as written)."""
_BLANK_CONTROLS = str.maketrans(dict.fromkeys("\n\r\t\v\f", " "))
_EMPHASIS = (
    # **strong**, ~~struck~~ (marked: the reader strikes it through), __strong__ (not
    # inside a word: foo__bar__baz stays)
    (re.compile(r"\*\*(?=\S)(.{1,500}?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"~~(?=\S)(.{1,500}?)(?<=\S)~~"), f"{STRUCK_START}\\1{STRUCK_END}"),
    (re.compile(r"(?<![A-Za-z0-9_])__(?=\S)(.{1,500}?)(?<=\S)__(?![A-Za-z0-9_])"), r"\1"),
    # _em_, at a word's edges only (CommonMark): snake_case_name, 日本_語_です stay
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.{1,500}?)(?<=[^\s_\\])_(?!\w)"), r"\1"),
    (
        re.compile(r"(?<![*\\])\*(?=[^\s*])(.{1,500}?)(?<=[^\s*\\])\*(?!\*)"),
        r"\1",
    ),  # *em*, 語の*中*
    (_ESCAPE, r"\1"),  # \* \_ \#: the character
)
"""Inline markup outside code spans and URLs, and what is kept of it, in the order
applied. Each span is bounded, so that a long line of unmatched markers (`*a *a *a …`)
is read in linear time (unbounded, 60 KB of them took 12 s)."""
_KEPT = re.compile(f"\x00([0-9]+)\x01({STRUCK_END}*)")
"""Where `_outside_code` set a URL aside: control characters, which a sanitized line
never holds (`sanitize` turns them into pictures); and the ends of struck words right
after it (`~~[古いリンク](https://…)~~ と`), which the space after a link's URL
follows."""
LINK_START, LINK_END = "\x02", "\x03"
"""Around a URL whose ends the Markdown says (a link's destination, an autolink) from
`_inline` until `parse_markdown` takes them out as the paragraph's `link_spans`: a
URL glued to Japanese (`[記事](https://ja.wikipedia.org/wiki/東京都)を参照`, a link
at the end of a line joined to the next) ends where the markup ended it, not where a
URL found in the text would. Control characters, as `_KEPT`'s."""
_MARKS = re.compile(f"[{LINK_START}{LINK_END}{STRUCK_START}{STRUCK_END}]")
INLINE_MAX = 20_000
"""A Markdown line longer than this is kept as written (no paragraph is that long)."""


def _inline(line: str) -> str:
    """A Markdown line's words without the markup around them; code spans as written."""
    if len(line) > INLINE_MAX or not any(mark in line for mark in "[<`*_~\\&"):
        return line
    commented = "<!--" in line
    if commented and "`" in line:  # a comment holding backticks: hidden whole
        line = _without_comments(line)
    if "`" in line and "[" in line and _DEFINED.get():
        line = _coded_references(line)
    pieces: list[str] = []
    at = 0
    for code in _CODE_SPAN.finditer(line) if "`" in line else ():
        pieces += [_outside_code(line[at : code.start()]), code.group(2)]
        at = code.end()
    pieces.append(_outside_code(line[at:]))
    stripped = "".join(pieces)
    if stripped.endswith(" ") or (commented and stripped.startswith(" ")):
        return stripped.replace("  ", " ").strip()  # (a comment gone from an end)
    return stripped


def _coded_references(line: str) -> str:
    """`line` with each reference link holding a code span in its words or label
    (`` [`url.parse()`][] ``, `` [the `url` module][url] ``) that a definition resolves
    written as its words and an inline link of no words to its URL, which `_inline`
    reads as the link's words, the code as code, and the URL (a code span cut the
    reference in pieces that `_outside_code` reads apart)."""
    spans = list(_CODE_SPAN.finditer(line))
    if not spans:
        return line
    masked = list(line)  # the code spans' characters no brackets: matched around whole
    for span in spans:
        masked[span.start() : span.end()] = "\x00" * (span.end() - span.start())
    definitions = _DEFINED.get() or {}
    pieces: list[str] = []
    at = previous_end = 0
    for found in _REFERENCE_LINK.finditer("".join(masked)):
        after, previous_end = previous_end, found.end()
        if "\x00" not in found.group() or _label_of_words(found, after):
            continue  # (no code in it: `_outside_code` reads it)
        text = line[found.start("text") : found.end("text")]
        written = line[found.start("label") : found.end("label")] if found["label"] else ""
        label = _label(written or text)
        definition = definitions.get(label)
        if definition is None:
            continue
        destination, title = definition
        if destination and any(char in destination for char in "<>"):
            continue  # (no inline link's: shown as written)
        _resolved(label)
        link = f"[](<{destination}>)" if destination else ""
        words = " ".join(part for part in (text, link, title) if part)
        pieces += [line[at : found.start()], words]
        at = found.end()
    return "".join([*pieces, line[at:]]) if pieces else line


def _resolved(label: str) -> None:
    """Note that a reference to `label` read with its definition's URL."""
    if (referred := _REFERRED.get()) is not None:
        referred.add(label)


def _outside_code(text: str) -> str:
    """Text outside code spans without its markup: a link's words and URL, URLs (in
    `<>` or bare) as written, set aside while the emphasis around them goes; an HTML
    entity its character, set aside as well: text, never markup (`&lt;kbd&gt;`)."""
    if not any(mark in text for mark in "[<*_~\\&"):
        return text
    urls: list[str] = []
    apart: set[int] = set()
    """The `urls` of links: a space after them where text follows."""
    delimited: set[int] = set()
    """The `urls` whose ends the markup says (between `LINK_START` and `LINK_END`)."""
    definitions = _DEFINED.get() or {}

    def kept(url: str, *, ends_known: bool = False) -> str:
        urls.append(url)
        if ends_known:
            delimited.add(len(urls) - 1)
        return f"\x00{len(urls) - 1}\x01"

    def link(found: re.Match[str]) -> str:
        destination = found["angled"] if found["angled"] is not None else found["bare"]
        return linked(found["text"], destination, found["title"])

    def linked(words: str, destination: str | None, title: str | None) -> str:
        destination = _ESCAPE.sub(r"\1", destination) if destination else ""
        if "&" in destination:
            destination = _ENTITY.sub(_entity, destination)
        url = kept(destination, ends_known=True) if destination else ""
        if url and not title:
            apart.add(len(urls) - 1)
        return " ".join(part for part in (words, url, title) if part)

    previous_end = 0

    def referred(found: re.Match[str]) -> str:
        nonlocal previous_end
        after, previous_end = previous_end, found.end()
        if _label_of_words(found, after):
            return found.group()
        label = _label(found["label"] or found["text"])  # (collapsed, shortcut: the words)
        definition = definitions.get(label)
        if definition is None:
            return found.group()
        _resolved(label)
        return linked(found["text"], *definition)

    def put_back(found: re.Match[str]) -> str:
        # A link's URL apart from the text after it, once the emphasis around the link
        # is gone (**[気象庁](https://…)**を参照): a terminal that finds URLs in the text
        # took `…index.htmlを参照` for the URL (non-ASCII letters are URL characters).
        number = int(found[1])
        following = found.string[found.end() : found.end() + 1]
        spaced = number in apart and following and not following.isspace()
        url = f"{LINK_START}{urls[number]}{LINK_END}" if number in delimited else urls[number]
        return url + found[2] + " " if spaced else url + found[2]

    def bare(found: re.Match[str]) -> str:
        url = trim_url(found.group(), _MARKDOWN_URL_UNLIKELY_END)
        return kept(url) + found.group()[len(url) :] if url else found.group()

    if "<" in text:
        text = _html(text)
    if "[^" in text:  # a footnote's reference, for `_markdown_items` to read
        text = _FOOTNOTE_REFERENCE.sub(f"{REFERENCE_START}\\g<label>{REFERENCE_END}", text)
    if "[" in text:
        if "[![" in text:  # a linked image (a README's badge): its alt text, linked
            text = _LINKED_IMAGE.sub(r"[\g<alt>]", text)
        text = _LINK.sub(link, text)
        if definitions and "[" in text:
            text = _REFERENCE_LINK.sub(referred, text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda found: kept(found[1], ends_known=True), text)
    if "://" in text:
        text = URL.sub(bare, text)
    if "&" in text:
        text = _ENTITY.sub(lambda found: kept(_entity(found)), text)
    keep: str | Callable[[re.Match[str]], str]
    for pattern, keep in _EMPHASIS:
        if any(mark in text for mark in "*_~\\"):
            text = pattern.sub(keep, text)
    return _KEPT.sub(put_back, text) if urls else text


def _entity(found: re.Match[str]) -> str:
    """The character of an HTML entity (`_ENTITY`), as CommonMark reads it: a named one
    HTML 5 knows, a number's code point (U+FFFD for none, for U+0000 and a surrogate);
    shown safe (a control character's picture, `index.sanitize`; a line break, a tab:
    a space). An unknown name (`&x;`) is kept as written."""
    entity = found.group()
    if entity[1] != "#":
        character = html.entities.html5.get(entity[1:])
        if character is None:
            return entity
    else:
        number = int(entity[3:-1], 16) if entity[2] in "xX" else int(entity[2:-1])
        if not number or number > 0x10FFFF or 0xD800 <= number <= 0xDFFF:
            return "\ufffd"
        character = chr(number)
    return sanitize(character.translate(_BLANK_CONTROLS))  # `&rlm;`, `&NewLine;` too


def _label(label: str) -> str:
    """A link's label as it is matched (CommonMark's): its case folded, its white space
    one space."""
    return " ".join(label.split()).casefold()


def _one_line(text: str) -> str:
    """`text` (a heading's, a note's, a table cell's) on one line: each `<br>` in it a
    space, none at its ends, as a viewer shows a title or a cell."""
    return " ".join(part for part in text.split("\n") if part) if "\n" in text else text


def _html(text: str) -> str:
    """`text` without its HTML comments and the inline tags around words (`_INLINE_TAG`),
    a `<br>` a line break, a `<del>` struck through, a number raised after a word read
    `2^10` (`_EXPONENT`)."""
    if "<!--" in text:
        text = _without_comments(text)
    text = _STRUCK_TAG.sub(lambda found: STRUCK_START + found[2] + STRUCK_END, text)
    text = _EXPONENT.sub(r"^\1", text)
    return _BREAK.sub("\n", _INLINE_TAG.sub("", text))


def _without_comments(text: str) -> str:
    """`text` without its HTML comments (`<!-- 非公開 -->`: hidden, as every Markdown
    viewer hides them, and not indexed), in one pass: a `<!--` with no `-->` after it
    is kept, and so is all after it (a regex tried each of 5,000 `<!--` of a line to
    its end: 0.85 s). A code span starting before a `<!--` holds it as written; a
    comment starting before a code span's backticks hides them (`<!-- a``` -->`), as
    CommonMark reads whichever starts first."""
    pieces: list[str] = []
    at = scan = 0
    start = text.find("<!--")
    while start >= 0:
        if (tick := text.find("`", scan, start)) >= 0:
            # past the code span, or the backticks opening none
            span = _CODE_SPAN.match(text, tick) or _BACKTICKS.match(text, tick)
            scan = span.end() if span else tick + 1
            if scan > start:
                start = text.find("<!--", scan)
            continue
        if (end := text.find("-->", start + 4)) < 0:
            break
        pieces.append(text[at:start])
        at = scan = end + 3
        if text[start - 1 : start] == " " and text[at : at + 1] == " ":
            at = scan = at + 1  # `a <!-- c --> b`: one space between a and b
        start = text.find("<!--", scan)
    pieces.append(text[at:])
    return "".join(pieces)


_MARKDOWN_LIST_ITEM = re.compile(
    r"(?P<marker>[-*+]|[0-9]{1,9}[.)])(?P<gap>[ \t]+)(?=\S)|(?P<dot>[•・])[ \t]*(?=\S)"
)
"""A list item's marker: `-`, `*`, `+` or `1.` `1)` and white space (CommonMark), or a
`・` or `•`, as Japanese lists are written by hand (`・りんご`: space or none)."""
_EMPTY_BULLETS = frozenset("-*+")
"""A bullet alone on its line: an empty item (CommonMark's), shown as nothing."""
LIST_BULLET = "・"
"""What stands for a bullet list's marker: the reading view's bullet (two cells in
every terminal, where `•` is one or two as the terminal likes)."""
LIST_INDENT = "\u3000"
"""What indents a nested item, per level: a full-width space, as wide as `・`."""
_TASK = re.compile(r"\[([ xX])\][ \t]+(?=\S)")
"""A task list item's box (GitHub's): `[ ]` or `[x]` (`[X]`) after a list's marker, white
space and words after it."""
TASK_OPEN, TASK_DONE = "☐ ", "☑ "
"""What stands for a task's box, open or ticked: in place of the bullet (after a
number), two cells as `・` is (☐ and ☑ are one cell in every terminal), and no word to
index, where `[x]` read `・[x]` and `x` was found."""


def _indented(line: str) -> tuple[int, str]:
    """The columns of a line's indentation (spaces and tabs, to tab stops of 4) and the
    line stripped."""
    text = line.lstrip(" \t")
    return len(line[: len(line) - len(text)].expandtabs(4)), text.strip()


def _nest(indents: list[int], indent: int, content: int | None = None) -> int:
    """The level of a list's line indented by `indent` within the items open
    (`indents`, the columns where their text starts): an item (whose text starts at
    `content`) under the last item whose text it stands at or past, a following
    paragraph of an item (`content` None) under that item."""
    while indents and indent < indents[-1]:
        indents.pop()
    if content is None:
        return len(indents)
    indents.append(content)
    return len(indents) - 1


def _markdown_items(lines: list[str]) -> list[tuple[str, str]]:
    """(kind, text) of each line that matters: "heading", "text", "item" (a line of a
    list: an item, its bullet and its indentation as `_list_line` writes them, or a
    line of a further paragraph of one), "code" and "table" (a whole block, its lines
    as `_code_lines` and `_table_lines` write them), "item block" (a code block or a
    table of a list's item, whole, each line indented as the item's text), or "blank"
    (what separates paragraphs: a blank line, a thematic break). The blank lines
    inside a list (between its items) are dropped: a list is one paragraph."""
    reader = _ItemReader(list(lines))
    while reader.at < len(lines):
        reader.read()
    if reader.definitions and not _DEFINED.get():
        # Read again, the references known: one may stand before its definition. Then,
        # if some definition no reference resolved, a third time with its line shown.
        resolved: set[str] = set()
        defined, noted = _DEFINED.set(reader.definitions), _REFERRED.set(resolved)
        try:
            try:
                items = _markdown_items(lines)
            finally:
                _REFERRED.reset(noted)
            if resolved == set(reader.definitions):
                return items
            hidden = _HIDDEN.set(frozenset(resolved))
            try:
                return _markdown_items(lines)
            finally:
                _HIDDEN.reset(hidden)
        finally:
            _DEFINED.reset(defined)
    items = [item for item in reader.items if item[0] != "heading" or item[1]]
    if reader.notes:  # at the end, a paragraph of lines, as a viewer sets them
        items += [("blank", ""), *(("item", note) for note in reader.notes)]
    if not any(REFERENCE_START in text for _, text in items):
        return items
    labels = {note[1 : note.index("]")] for note in reader.notes}

    def referred(found: re.Match[str]) -> str:
        return f"[{found[1]}]" if found[1] in labels else f"[^{found[1]}]"

    return [(kind, _REFERENCE.sub(referred, text)) for kind, text in items]


REFERENCE_START, REFERENCE_END = "\x06", "\x07"
"""Around a footnote's reference's label from `_inline` until `_markdown_items` knows
the labels defined: `[1]` for one, `[^2]` as written for one not (GitHub's). Control
characters, as `_KEPT`'s."""
_REFERENCE = re.compile(f"{REFERENCE_START}([^{REFERENCE_END}]*){REFERENCE_END}")


@dataclass(slots=True)
class _ItemReader:
    """`_markdown_items`' one pass over a file's lines: `read` takes the next line, or
    the next block (a code block, a table) whole; a method per kind of line says
    whether the line is its kind, and if so reads it."""

    lines: list[str]
    at: int = 0
    """The next line to read."""
    items: list[tuple[str, str]] = field(default_factory=list)
    previous_line: str = ""
    """The last line read (stripped) that is no code block's: `---` under a list item, a
    quote or a table row underlines no heading."""
    indents: list[int] = field(default_factory=list)
    """Where the text of the open list's items starts (columns), outermost first."""
    apart: bool = False
    """Whether a blank line (or a block of an item: code, a table) stands after the
    open list's last line."""
    notes: list[str] = field(default_factory=list)
    """The footnotes defined (`[1] 脚注の本文です。`), in the order written."""
    kind: str = ""
    """The open list's marker (`-`, `1.`...): after a blank line an item of another
    starts another list, as it does in CommonMark."""
    comment_rest: int = -1
    """The line holding what followed a comment's `-->` (`_comment`): text of the HTML
    block, never a fence opening a code block (`<!-- -->```あ` hid its あ)."""
    hard_break: str = ""
    """How the last line read ends a line (`_hard_break`): "  ", "\\" or "" for none."""
    definitions: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """The link reference definitions read (`_definition`), by label (`_label`)."""
    shown_definition: int = -1
    """How many items there were after the last definition shown as written (one no
    reference resolved): a definition may follow it, as one follows a hidden one."""

    def read(self) -> None:
        """The next line, or the code block or table it starts."""
        written = self.lines[self.at]
        broken, self.hard_break = self.hard_break, _hard_break(written)
        indent, line = _indented(written)
        after_comment = self.at == self.comment_rest
        self.at += 1
        if not after_comment and self._code(indent, line):
            return
        if line.startswith("<!--") and self._comment(line):
            return
        if line.startswith("[^") and self._note(line):
            return
        if line.startswith("[") and self._definition(indent, line):
            return
        line_before, self.previous_line = self.previous_line, line
        if self._heading(line, line_before) or self._break(line):
            return
        if line.startswith(">"):  # a quote's line: its text, a list's or a paragraph's
            indent, line = _indented(_QUOTE.sub("", line, count=1))
        elif self._table(indent, line):
            return
        if not self._list_item(indent, line):
            self._text(indent, line, broken)

    def _code(self, indent: int, line: str) -> bool:
        """A code block starting at the line (indented, or fenced with ``` or ~~~): read
        whole."""
        column = _container_column(self.indents, indent)
        if line and indent >= column + CODE_INDENT:
            # Code, unless it goes on a paragraph's line or a list item's (a lazy line)
            lazy = not self.apart if self.indents else self._last()[0] == "text"
            if lazy:
                return False
            last = self.at
            while last < len(self.lines) and _code_goes_on(self.lines[last], column + CODE_INDENT):
                last += 1
            self._block("code", _code_lines(self.lines[self.at - 1 : last], column), column)
            self.at = last
            return True
        if line.startswith(("```", "~~~")) and (opened := _FENCE.fullmatch(line)) is not None:
            fence = opened.group("ticks") or opened.group("tildes")
            lines = self.lines
            close = next((n for n in range(self.at, len(lines)) if _closes(lines[n], fence)), None)
            self._block("code", _code_lines(lines[self.at : close], indent), indent)
            self.at = len(lines) if close is None else close + 1
            return True
        return False

    def _comment(self, line: str) -> bool:
        """An HTML comment starting the line (an HTML block, CommonMark's), on it or
        the lines up to the one holding `-->`: hidden; what follows `-->` on its line
        read as a line of its own. An unclosed `<!--` is no comment (GitHub hides the
        rest of the file: here it is kept, as written)."""
        close = line.find("-->", 4)
        end = self.at - 1
        while close < 0 and end + 1 < len(self.lines) and end + 1 - self.at < COMMENT_MAX_LINES:
            end += 1
            line = self.lines[end]
            close = line.find("-->")
        if close < 0:
            return False
        opened = self.at - 1
        self.at = end + 1
        rest = line[close + 3 :]
        if rest.strip():
            # (a copy of the file's lines: see `_markdown_items`) Indented as the comment
            # was: the spaces after `-->` make no indented code block of the words.
            indent = " " * _indented(self.lines[opened])[0]
            self.lines[end] = indent + rest.lstrip(" \t")
            self.at = self.comment_rest = end
        elif not self.indents and self._last()[0] == "text":
            self._separate()  # a comment between two paragraphs' lines ends the first
        return True

    def _note(self, line: str) -> bool:
        """A footnote's definition (`[^1]: 脚注の本文です。`, and the lines going on it up
        to a blank one): kept as a note, for the end of the text (`notes`)."""
        if (defined := _FOOTNOTE.match(line)) is None:
            return False
        texts = [line[defined.end() :].strip()]
        while self.at < len(self.lines) and (more := self.lines[self.at].strip()):
            if (more.startswith("[^") and _FOOTNOTE.match(more)) or _starts_block(more):
                break
            texts.append(more)
            self.at += 1
        text = _one_line(_inline(" ".join(text for text in texts if text)))
        self.notes.append(f"[{defined['label']}] {text}".rstrip())
        return True

    def _definition(self, indent: int, line: str) -> bool:
        """A link reference definition (`_DEFINITION`): hidden, kept for the links
        referring to it (the first of a label's). Not on a line a paragraph goes on
        (a definition interrupts none: the line is the paragraph's). Shown as written
        when no reference resolved its label (`_HIDDEN`): its URL is no other place."""
        after_shown = self.shown_definition == len(self.items)
        if not after_shown and (
            (self.indents and not self.apart) or (not self.indents and self._last()[0] == "text")
        ):
            return False
        if (defined := _DEFINITION.fullmatch(line)) is None or not defined["label"].strip():
            return False
        destination = defined["angled"] if defined["angled"] is not None else defined["bare"]
        title = defined["quoted"] or defined["single"] or defined["parenthesized"]
        label = _label(defined["label"])
        self.definitions.setdefault(label, (destination, title))
        if (hidden := _HIDDEN.get()) is not None and label not in hidden:
            unresolved = _DEFINED.set(None)  # as written: its own `[label]` no reference
            try:
                self._text(indent, line)
            finally:
                _DEFINED.reset(unresolved)
            self.shown_definition = len(self.items)
            return True
        if self.indents and indent < self.indents[0]:
            self._separate()  # the list has ended
        return True

    def _heading(self, line: str, line_before: str) -> bool:
        """A heading: `# …`, or a paragraph's line underlined with === or ---."""
        if line.startswith("#") and (heading := _ATX_HEADING.fullmatch(line)) is not None:
            self.indents.clear()
            text = _one_line(_inline(heading.group("text") or ""))  # a <br>: a space
            self.items.append(("heading", text))
            return True
        previous = self._last()
        if (
            _SETEXT_RULE.fullmatch(line)
            and previous[0] == "text"
            # under a list item, a quote or a table row, --- is a break, not a heading
            and not self.indents
            and not LIST_ITEM.match(line_before)
            and not line_before.startswith((">", "|"))
        ):
            # a heading underlined with === or --- (a <br> in it a space, as in a `# …`)
            self.items[-1] = ("heading", _one_line(previous[1]))
            return True
        return False

    def _break(self, line: str) -> bool:
        """A blank line or a thematic break: the paragraph's end (a list's, but for a
        blank line, which a list may go on after)."""
        if not line and self.indents:
            self.apart = True  # the list may go on after it (a loose list)
            return True
        if not line or _THEMATIC_BREAK.fullmatch(line):
            self._separate()
            return True
        return False

    def _table(self, indent: int, line: str) -> bool:
        """A table whose header is the line: read whole."""
        if "|" in line and (rows := _table_rows(self.lines, self.at - 1)):
            self._block("table", _table_lines(rows), indent)
            self.at += len(rows)  # the delimiter row, and each row after the header
            return True
        return False

    def _list_item(self, indent: int, line: str) -> bool:
        """A list's item (a line of it; a bullet's dropped when it has no text)."""
        if (marker := _MARKDOWN_LIST_ITEM.match(line)) is None:
            if line not in _EMPTY_BULLETS:
                return False
            self.apart = False  # `-` alone: an empty item (read as text, the title `-`)
            return True
        marker_kind = marker["dot"] or marker["marker"].lstrip("0123456789")
        if not self.indents or indent < self.indents[0]:  # an item of the outermost list
            if self.indents and self.apart and marker_kind != self.kind:
                self._separate()
            self.kind = marker_kind
        task = _TASK.match(line, marker.end()) if marker["dot"] is None else None
        text = _inline(line[task.end() if task else marker.end() :]).strip("\n")  # (a <br>)
        numbered = marker["marker"] is not None and marker["marker"][0].isdigit()
        if text or numbered:  # (`1. <br>`: its number kept, as a viewer shows it)
            box = (TASK_OPEN if task[1] == " " else TASK_DONE) if task else None
            item = _list_line(marker, text, self.indents, indent, box).rstrip(" ")
            self.items.append(("item", _under_item(item, len(self.indents))))
        self.apart = False
        return True

    def _text(self, indent: int, line: str, broken: str = "") -> None:
        """A paragraph's line: after a blank line in a list, an item's further paragraph's
        or the list's end; after a hard line break (`broken`, the line before's
        `_hard_break`), on a line of its own (`_broken_before`)."""
        if self.indents and self.apart:
            self.apart = False
            if indent >= self.indents[0]:  # a further paragraph of an item
                text = _inline(line).strip("\n")
                level = _nest(self.indents, indent)
                self.items.append(("item", _under_item(LIST_INDENT * level + text, level)))
                return
            self._separate()  # the list has ended
        text = _inline(line).lstrip("\n")  # (its end's <br> breaks it from the next line)
        if self.indents:  # a line going on an item's (a lazy line)
            text = _under_item(text, len(self.indents))
        if broken and text:
            text = self._broken_before(text, broken)
        self.items.append(("text", text) if text else ("blank", ""))

    def _broken_before(self, text: str, broken: str) -> str:
        """A paragraph's or an item's line `text` (its markup read) after a hard line break
        (`broken`): the line before ends in a line break (its `\\` dropped), as after a
        `<br>`, when it is a line the text goes on (a paragraph's or a list's), and the
        text is indented under the item's when it goes on one."""
        kind, before = self._last()
        if kind not in ("text", "item") or before.startswith("|") or text.startswith("|"):
            return text
        if broken == "\\":
            if not before.endswith("\\"):
                return text
            before = before[:-1].rstrip(" \t")
        if not before.endswith("\n"):
            self.items[-1] = (kind, before + "\n")
        return LIST_INDENT * len(self.indents) + text if self.indents else text

    def _block(self, kind: str, block_lines: list[str], indent: int) -> None:
        """A code block or table standing at column `indent`: under the open list's
        item it is indented under (its lines lines of the list), else a paragraph."""
        if self.indents and indent >= self.indents[0]:
            nested = LIST_INDENT * _nest(self.indents, indent)
            if block_lines:
                indented = (nested + line if line else "" for line in block_lines)
                self.items.append(("item block", "\n".join(indented)))
            self.apart = True  # what follows is the item's next paragraph, or no longer its
            return
        self._separate()
        if block_lines:
            self.items.append((kind, "\n".join(block_lines)))

    def _separate(self) -> None:
        """A paragraph's end, and the open list's."""
        self.indents.clear()
        self.items.append(("blank", ""))

    def _last(self) -> tuple[str, str]:
        """The last item read (a blank one at the file's start)."""
        return self.items[-1] if self.items else ("blank", "")


_FOOTNOTE = re.compile(r"\[\^(?P<label>[^\]\s]{1,100})\]:")
"""A footnote's definition, GitHub's: `[^1]:` starting a line."""
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<label>[^\]\s]{1,100})\](?!:)")
"""A reference to a footnote (`参照[^1]`): shown as `[1]`, when the file defines it."""
COMMENT_MAX_LINES = 200
"""How many lines an HTML comment starting a line may run over: a `<!--` closed no
nearer is kept as written."""
CODE_INDENT = 4
"""Columns of indentation that make a line code (an indented code block, CommonMark's),
past those of the list item it stands in."""


def _hard_break(line: str) -> str:
    """How a line (as written) ends in a hard line break (CommonMark's): "  " for two
    spaces or more, "\\" for a backslash (not an escaped one, `\\\\`), "" for none.
    Only where a paragraph's next line goes on does it break the line."""
    if line.endswith("  "):
        return "  " if line.strip() else ""
    if line.endswith("\\") and (len(line) - len(line.rstrip("\\"))) % 2:
        return "\\"
    return ""


def _container_column(indents: list[int], indent: int) -> int:
    """The column where the text of the list item holding a line at `indent` starts
    (the last of the open items' `indents` at or before it), 0 outside a list."""
    return next((content for content in reversed(indents) if indent >= content), 0)


def _code_goes_on(line: str, indent: int) -> bool:
    """Whether an indented code block goes on at `line`: a blank one, or one indented
    by `indent` columns or more."""
    columns, text = _indented(line)
    return not text or columns >= indent


def _closes(line: str, fence: str) -> bool:
    """Whether `line` closes a code block opened by `fence` (``` or ~~~, as long or
    longer, alone on its line)."""
    text = line.strip()
    return text.startswith(fence) and not text.strip(fence[0])


def _code_lines(lines: list[str], column: int) -> list[str]:
    """A code block's lines as written, but for their indentation up to `column` (the
    list item's, or the fence's own, where the code stands), tabs (to stops of 4) and
    the white space at their ends; no blank line at its start or end."""
    code: list[str] = []
    for line in lines:
        line = line.expandtabs(4).rstrip()
        code.append(line[min(column, len(line) - len(line.lstrip(" "))) :])
    while code and not code[-1]:
        code.pop()
    return list(itertools.dropwhile(lambda line: not line, code))


_TABLE_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?")
"""A table's delimiter row: `|---|:--:|`, `--- | ---`."""
_CELL_SEPARATOR = re.compile(r"(?<!\\)\|")
TABLE_ALIGNED_MAX = 72
"""A table's columns are aligned (each cell padded to its column's widest) when its
rows are then this wide or less (cells: a wide character is two). A wider table is
wrapped in most reading panes, where the padding would be gaps in the wrapped rows."""


def _table_rows(lines: list[str], at: int) -> list[list[str]] | None:
    """The rows of the table (GitHub's) whose header is `lines[at]`, the delimiter row
    left out: a header row of cells between `|`, a delimiter row of as many, then the
    lines holding a `|` up to any other. None when no table starts there."""
    if at + 1 >= len(lines) or "|" not in lines[at + 1]:
        return None
    header = _table_cells(lines[at])
    delimiter = lines[at + 1].strip()
    if not _TABLE_DELIMITER.fullmatch(delimiter) or len(_table_cells(delimiter)) != len(header):
        return None
    rows = [header]
    for line in itertools.islice(lines, at + 2, None):
        if "|" not in line or _starts_block(line.strip()):
            break
        rows.append(_table_cells(line))
    return rows


def _starts_block(line: str) -> bool:
    """Whether a (stripped) line is blank or starts a block of its own, which ends a
    table: a fence, a heading, a quote, a thematic break or a list item."""
    return (
        not line
        or line.startswith(">")
        or (line.startswith(("```", "~~~")) and _FENCE.fullmatch(line) is not None)
        or (line.startswith("#") and _ATX_HEADING.fullmatch(line) is not None)
        or _THEMATIC_BREAK.fullmatch(line) is not None
        or _MARKDOWN_LIST_ITEM.match(line) is not None
    )


def _table_cells(row: str) -> list[str]:
    """A table row's cells (between the `|` with no backslash before them, the outer
    ones optional), stripped, a `\\|` in them a `|`. GitHub takes that backslash off
    before it reads a cell's markup, so in a code span too: `x \\| y` in one showed
    `x \\| y` where GitHub shows `x | y`. (A `|` in a code span with no backslash
    before it divides the cells, on GitHub as here.)"""
    row = row.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _CELL_SEPARATOR.split(row)]


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A table's rows as lines: their cells' words (the markup dropped) between
    TABLE_COLUMNS, in columns when the table is narrow enough (TABLE_ALIGNED_MAX)."""
    cells = [[_one_line(_inline(cell)) for cell in row] for row in rows]  # a <br>: a space
    columns = max(len(row) for row in cells)
    widths = [
        max(line_width(unmarked(row[n])) if n < len(row) else 0 for row in cells)
        for n in range(columns)
    ]
    aligned = sum(widths) + len(TABLE_COLUMNS) * (columns - 1) <= TABLE_ALIGNED_MAX
    lines = []
    for row in cells:
        if aligned:
            row = [
                cell + " " * (widths[n] - line_width(unmarked(cell))) for n, cell in enumerate(row)
            ]
        lines.append(TABLE_COLUMNS.join(row).rstrip())
    return lines


def _list_line(
    marker: re.Match[str], text: str, indents: list[int], indent: int, box: str | None = None
) -> str:
    """A list item's line: indented by its level, `・` for a bullet (whatever the file
    writes), `1.` as written for a numbered item, then a task's `box` (in place of the
    bullet: `☐ 牛乳を買う`, `1. ☑ 送る`), then its text."""
    if marker["dot"] is not None:
        written, content = LIST_BULLET, indent + 2
    else:
        gap = len(marker["gap"].expandtabs(4))
        content = indent + len(marker["marker"]) + (gap if gap <= 4 else 1)
        numbered = marker["marker"][0].isdigit()
        written = f"{marker['marker']} " if numbered else LIST_BULLET
        if box is not None:
            written = written + box if numbered else box
    return LIST_INDENT * _nest(indents, indent, content) + written + text


def _under_item(text: str, level: int) -> str:
    """A list's line (`text`, of an item whose text is indented by `level`) with each
    line a `<br>` starts in it indented as the item's text, as an item's further
    paragraph is: `・一行目\n\u3000二行目`, not `二行目` under the bullet."""
    return text.replace("\n", "\n" + LIST_INDENT * level) if "\n" in text else text


def _markdown_paragraphs(
    items: list[tuple[str, str]],
) -> tuple[list[str], set[int], dict[int, str]]:
    """The paragraphs of a run of items: a paragraph's lines joined (as Markdown joins
    them), a list's lines one paragraph of lines (a line of text straight under one
    goes on its last line), a code block or a table one paragraph of its lines, and
    each line of pipes that is no table's a paragraph of its own; which are a code
    block or a table (`Section.verbatim`); and which go on the one before them
    (`Section.continuations`): a list holding a code block or a table is pieces of one
    paragraph, the block a piece of its own, to be set as written as it is out of a
    list (its lines were read with furigana as the list's), the list drawn as one; each
    with the line end that stands between it and the one before in the list."""
    # Each paragraph's pieces, joined once at the end: joined line by line, a paragraph
    # was copied whole at each of its lines (a 5 MB file of one paragraph: 2.7 s).
    paragraphs: list[list[str]] = []
    verbatim: set[int] = set()
    continuations: dict[int, str] = {}
    joining = listing = False
    for kind, text in items:
        if kind == "item block":
            if listing:
                continuations[len(paragraphs)] = "\n"
            verbatim.add(len(paragraphs))
            paragraphs.append([text])
            joining = False
            listing = True
            continue
        if kind == "item":
            if listing and len(paragraphs) - 1 not in verbatim:
                paragraphs[-1] += ["\n", text]
            elif listing:  # the list goes on after its item's code block or table
                continuations[len(paragraphs)] = "\n"
                paragraphs.append([text])
            else:
                paragraphs.append([text])
            joining = listing = True
            continue
        if kind != "text":
            if kind in ("code", "table"):
                verbatim.add(len(paragraphs))
                paragraphs.append([text])
            joining = listing = False
            continue
        if joining and not text.startswith("|"):
            glue = _glue(paragraphs[-1], text)
            if not glue:  # `- https://ja.wikipedia.org/wiki/東京` / `  東京の記事`
                paragraphs[-1][-1] = _url_ending_line(paragraphs[-1][-1], text)
            paragraphs[-1] += [glue, text]
        else:
            paragraphs.append([text])
            listing = False
        joining = not text.startswith("|")
    # (A <br> at a paragraph's start or end breaks no line: it is dropped.)
    texts = [
        "".join(pieces) if n in verbatim else "".join(pieces).strip("\n")
        for n, pieces in enumerate(paragraphs)
    ]
    return texts, verbatim, continuations


def _glue(pieces: list[str], line: str) -> str:
    """What `joined` puts between a paragraph (its `pieces`) and its next line, as the
    characters either side of the join are (not a link's marks)."""
    ends, starts = LINK_END + STRUCK_END, LINK_START + STRUCK_START
    last = next((kept[-1] for piece in reversed(pieces) if (kept := piece.rstrip(ends))), "")
    first = line.lstrip(starts)[:1]
    if last == "\n":  # a line ending in a <br>
        return ""
    if not last or not first:
        last = next((piece[-1] for piece in reversed(pieces) if piece), "")
        first = line[:1]
    return joined(last, first)[1:-1]


def _url_ending_line(line: str, following: str) -> str:
    """`line` with the bare URL running to its end, if one does, marked as one whose
    ends the Markdown says (`LINK_START`, `LINK_END`): a URL never runs across a line
    break, and a line ending in a Japanese path (`- https://ja.wikipedia.org/wiki/東京`)
    is joined to the next line's Japanese with nothing between them (`東京の記事`: read
    `…/wiki/東京東京の記事`). Not where the text as joined with `following` (the next
    line) ends it before: its run is a sentence glued after the URL (`…/news/で確認` /
    `できます。`, `url_end`), which the line alone, ending in white space, hid."""
    if "://" not in line:
        return line
    last = next(reversed(list(URL.finditer(line))), None)
    if last is None or url_end(line, last) != len(line):
        return line
    if url_end(line + following, last) < len(line):
        return line
    return f"{line[: last.start()]}{LINK_START}{line[last.start() :]}{LINK_END}"


def unmarked(text: str) -> str:
    """`text` without the marks around its delimited URLs and struck words."""
    return _MARKS.sub("", text) if _MARKS.search(text) else text


def _link_spans(
    paragraphs: list[str],
) -> tuple[list[str], dict[int, tuple[Span, ...]], dict[int, tuple[Span, ...]]]:
    """The paragraphs without the marks around their delimited URLs and struck words,
    where those URLs stand in them (`Section.link_spans`) and where those words do
    (`Section.struck_spans`)."""
    spans: dict[int, tuple[Span, ...]] = {}
    struck: dict[int, tuple[Span, ...]] = {}
    plain: list[str] = []
    for n, paragraph in enumerate(paragraphs):
        paragraph, found, crossed = _spans_taken(paragraph)
        if found:
            spans[n] = found
        if crossed:
            struck[n] = crossed
        plain.append(paragraph)
    return plain, spans, struck


def _spans_taken(text: str) -> tuple[str, tuple[Span, ...], tuple[Span, ...]]:
    """`text` without the marks around its delimited URLs and struck words, and where
    those URLs and those words stand in it."""
    if _MARKS.search(text) is None:
        return text, (), ()
    pieces: list[str] = []
    links: list[Span] = []
    struck: list[Span] = []
    opened = {LINK_START: -1, STRUCK_START: -1}
    at = length = 0
    for match in _MARKS.finditer(text):
        pieces.append(text[at : match.start()])
        length += match.start() - at
        at = match.end()
        mark = match.group()
        if mark in opened:
            opened[mark] = length
            continue
        start_mark, spans = (LINK_START, links) if mark == LINK_END else (STRUCK_START, struck)
        if opened[start_mark] >= 0 and opened[start_mark] < length:
            spans.append((opened[start_mark], length))
        opened[start_mark] = -1
    pieces.append(text[at:])
    return "".join(pieces), tuple(links), tuple(struck)


_DECORATION = re.compile(
    r"\[!\[[^\]\n]{0,500}\]\([^()\n]{0,2000}\)\]\([^()\n]{0,2000}\)"  # a linked image
    r"|!\[[^\]\n]{0,500}\]\([^()\n]{0,2000}\)"  # an image
    r"|<[^<>\n]{0,2000}>"  # an HTML tag, a comment on a line
)
"""What a README sets over its first heading, no words of its own: badges (linked
images), a logo (an image, an `<img>` in a `<p align="center">`)."""


def _decorations_first(lines: list[str]) -> bool:
    """Whether the file's lines before its first `#` heading are images and HTML tags
    alone (`_DECORATION`), and there are some."""
    seen = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#") and _ATX_HEADING.fullmatch(stripped) is not None:
            return seen
        if _DECORATION.sub("", stripped).strip():
            return False
        seen = seen or bool(stripped)
    return False


def parse_markdown(lines: list[str], article: Article) -> None:
    front = read_front_matter(lines)
    if front is not None:
        lines = lines[front.end :]
        article.published, article.lead = front.published, front.lead
    items = _markdown_items(lines)
    rest = items
    first = next((n for n, (kind, _) in enumerate(items) if kind != "blank"), None)
    if front is not None and front.title is not None:
        article.title = front.title
        if first is not None and items[first] == ("heading", front.title):
            rest = items[first + 1 :]  # the title again, over the text: shown once
    elif first is not None:
        kind, text = items[first]
        rest = items[first + 1 :]
        titled = next((n for n, item in enumerate(items) if item[0] == "heading"), None)
        if kind != "heading" and titled is not None and _decorations_first(lines):
            # A README's badges and logo over its first heading: the heading is the title.
            kind, text = items[titled]
            rest = [*items[first:titled], *items[titled + 1 :]]
        if kind == "heading":
            article.title, article.title_link_spans, _ = _spans_taken(text)
        else:  # a paragraph's line, a list's, a code block's or a table's first
            whole, title_spans, _ = _spans_taken(text)
            article.title = plain_title(whole.partition("\n")[0].strip())
            if article.title != whole:  # the first line is a paragraph: kept in the text
                rest = items[first:]
            else:
                article.title_link_spans = title_spans
    dated = next((n for n, (kind, _) in enumerate(rest) if kind != "blank"), None)
    if article.published is None and dated is not None and rest[dated][0] == "text":
        published = parse_written_date(unmarked(rest[dated][1]))
        if published is not None:  # a date standing alone under the title
            article.published = published
            rest = rest[dated + 1 :]
    starts = [n for n, (kind, _) in enumerate(rest) if kind == "heading"]
    intro, verbatim, continuations = _markdown_paragraphs(rest[: starts[0]] if starts else rest)
    if front is not None and front.lines:
        intro.insert(0, "\n".join(front.lines))
        verbatim = {n + 1 for n in verbatim}
        continuations = {n + 1: between for n, between in continuations.items()}
    article.intro, article.intro_link_spans, article.intro_struck_spans = _link_spans(intro)
    article.intro_verbatim, article.intro_continuations = verbatim, continuations
    for start, end in itertools.pairwise([*starts, len(rest)]):
        paragraphs, verbatim, continuations = _markdown_paragraphs(rest[start + 1 : end])
        paragraphs, link_spans, struck_spans = _link_spans(paragraphs)
        heading, heading_link_spans, _ = _spans_taken(rest[start][1])
        article.sections.append(
            Section(
                heading=heading,
                paragraphs=paragraphs,
                link_spans=link_spans,
                struck_spans=struck_spans,
                heading_link_spans=heading_link_spans,
                verbatim=verbatim,
                continuations=continuations,
            )
        )
