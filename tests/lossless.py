"""Check that a parsed article kept every non-empty line of its file.

Deliberately independent of the parser's logic: it only knows the markers the formats
define. Each non-empty line, minus its markers, is cut into fragments; every fragment
must consume one field value of the article equal to it (white space ignored, since the
parser strips it at line ends and between a URL and its comment). Field values are
consumed, so a line that occurs twice must be stored twice.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import partial
from html import unescape

from index.model import Article, ArticleFormat
from index.sanitize import sanitize, without_terminal_sequences

LEADING_MARKER = re.compile(
    r"(?:💡|✅)[\ufe0f\u200b]*|さらに読む\s*⇒|公開日\s*[:：]|次のページを読む\s*⇒"
)
"""A line's marker (U+200B after a mark: how `index.sanitize` shows U+FE0F; the parser
strips either)."""
SOURCE_LABEL = re.compile(r"出典\s*[/／]\s*画像元\s*[:：]?")
"""Only inside a `さらに読む ⇒` line: it separates the outlet from the URL."""
_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def content_lines(text: str) -> list[str]:
    """The non-empty lines of a file as the parser must see them (sanitized)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = sanitize(without_terminal_sequences(text))
    return [line.strip() for line in text.split("\n") if line.strip()]


def field_values(article: Article) -> list[str]:
    values = [article.title, article.lead, article.next_page, article.url]
    values += article.key_points + article.intro
    for section in article.sections:
        values += [section.heading, section.question, section.teaser, *section.paragraphs]
        for card in section.cards:
            # The outlet as written: its name and tagline (朝日新聞+ and :世界の…)
            outlet = (card.outlet or "") + (card.tagline or "")
            values += [*card.bullets, outlet, card.url, *card.comment]
            # The source line glues outlet, URL and first comment line together (the
            # outlet is cut off by the 出典/画像元 label, when there is one; the first
            # comment line may also be the next line, when nothing followed the URL).
            url = card.url or ""
            first_comment = card.comment[0] if card.comment else ""
            values += [url + first_comment, outlet + url + first_comment, outlet + url]
    return [value for value in values if value]


def _is_published(fragment: str, article: Article) -> bool:
    """Whether `fragment` (a date line without its 公開日 marker, or a news file's date
    line) is kept as a date: the article's, or a source card's (公開日 before a card)."""
    dates = [article.published, *(card.published for card in article.cards)]
    return any(_names(fragment, published) for published in dates if published is not None)


def _names(fragment: str, published: date | datetime) -> bool:
    if isinstance(published, datetime):
        try:
            return datetime.fromisoformat(fragment) == published
        except ValueError:
            return False
    numbers = [int(n) for n in re.findall(r"\d+", fragment)]
    return numbers == [published.year, published.month, published.day]


def _is_written_date(line: str, article: Article) -> bool:
    """Whether `line` names the article's date: its year, month, day (and the hour and
    minute of a datetime), in any writing."""
    published = article.published
    if published is None:
        return False
    numbers = [int(n) for n in re.findall(r"\d+", unicodedata.normalize("NFKC", line))]
    wanted = [published.year, published.month, published.day]
    if isinstance(published, datetime):
        time = [published.hour, published.minute]
        return numbers[:5] == [*wanted, *time] or (numbers == wanted and time == [0, 0])
    return numbers == wanted


def lost_lines(text: str, article: Article) -> list[str]:
    """Non-empty lines of `text` whose content is not in some field of `article`.

    A line is either stored whole or without its markers; matching is greedy, so both
    preferences are tried and the article passes when either accounts for every line.
    """
    if article.format is ArticleFormat.MARKDOWN:
        return _lost_markdown(text, article)
    lines = content_lines(text)
    if article.format is ArticleFormat.TEXT:
        # A plain text wrapped by hand has a paragraph's lines joined: nothing may be
        # lost or moved, so the lines, in order, are the title and the paragraphs (and
        # a date standing under the title, the article's date).
        if len(lines) > 1 and _is_written_date(lines[1], article):
            lines = [lines[0], *lines[2:]]
        texts = [article.title, *article.intro]
        if lines and article.title != lines[0] and article.intro[:1] == lines[:1]:
            texts = article.intro  # a first line too long for a title: titled by a piece
        kept = _squeeze("".join(texts))
        return [] if kept == _squeeze("".join(lines)) else lines
    values = [_squeeze(value) for value in field_values(article)]
    whole_first = _match(lines, Counter(values), article, whole_first=True)
    if not whole_first:
        return []
    if not _match(lines, Counter(values), article, whole_first=False):
        return []
    return [] if _each_line_its_way(lines, Counter(values), article) else whole_first


def _each_line_its_way(lines: list[str], available: Counter[str], article: Article) -> bool:
    """Whether some choice, line by line, of the line whole or without its markers
    accounts for every line: where one preference for all lines does not (a title
    💡 💡 💡 💡 whole, then a key point and a bullet of 💡 without their markers).
    Depth first, within a budget of steps."""
    options = []
    for line in lines:
        fragments = [f for f in map(_squeeze, _without_markers(line)) if f]
        whole = [_squeeze(line)]
        options.append([] if not fragments else [whole, fragments])
    steps = 0

    def accounted(at: int) -> bool:
        nonlocal steps
        steps += 1
        if at == len(options):
            return True
        if not options[at]:
            return accounted(at + 1)
        for pieces in options[at]:
            needed = Counter(p for p in pieces if not _is_published(p, article))
            if steps < 20_000 and all(available[p] >= n for p, n in needed.items()):
                available.subtract(needed)
                if accounted(at + 1):
                    return True
                available.update(needed)
        return False

    return accounted(0)


MARKDOWN_MARKUP = str.maketrans("", "", '#*_~`[]()<>!\\=-+|"・•│☐☑')
"""What Markdown writes around words (headings, emphasis, code, links and their quoted
titles, quotes, rules, tables, list items' markers), the bullets and a task's boxes a
list may be shown with and what a table's cells may be shown between: left out on both
sides when a Markdown file's words are compared."""
_TASK_BOX = re.compile(
    r"^([ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+]|[0-9]{1,9}[.)])[ \t]+)\[[ xX]\](?=[ \t]+\S)"
)
"""A task list item's box (`- [x] 送る`, GitHub's), which is no word: read as written and
without it."""


_CODE_FENCE = re.compile(r"`{3,}[^`]*|~{3,}.*")
"""A line that opens a code block (its info string, `python`, is no word)."""


def _without_fences(lines: list[str], code: frozenset[int] = frozenset()) -> list[str]:
    """`lines` (non-empty, as written) stripped, but for code fences: a line opening a
    code block, and the one closing it (its backticks or tildes alone, as many or more).
    Inside a block a line with more (```あ) is code: it closes nothing. The lines of
    `code` (indices) open none: they are code or text (see `_maybe_code`)."""
    kept: list[str] = []
    fence = ""
    for n, written in enumerate(lines):
        line = written.strip()
        if fence:
            if line.startswith(fence) and not line.strip(fence[0]):
                fence = ""
            else:
                kept.append(line)
        elif _CODE_FENCE.fullmatch(line) and n not in code:
            fence = line[: len(line) - len(line.lstrip(line[0]))]
        else:
            kept.append(line)
    return kept


def _maybe_code(lines: list[str]) -> Iterator[frozenset[int]]:
    """Which of the lines that look like fences but are indented by 4 columns or more
    are no fences: each set of them. Outside a list such a line is code (an indented
    code block's) or a paragraph's; under a list item it may be a fence."""
    indented = [
        n
        for n, line in enumerate(lines)
        if _CODE_FENCE.fullmatch(line.strip()) and _indent(line) >= 4
    ][:6]
    for size in range(len(indented) + 1):
        yield from map(frozenset, itertools.combinations(indented, size))


def _indent(line: str) -> int:
    """Columns of `line`'s indentation (tab stops of 4)."""
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


_TABLE_DELIMITER = re.compile(r"[|: \t]*-[-|: \t]*")
"""A table's delimiter row (`|:--|--:|`): its colons are markup, as its `-` and `|`."""


def _maybe_tables(lines: list[str]) -> Iterator[list[str]]:
    """`lines` without each set of the lines that may be a table's delimiter row (one
    holding a `|` under one holding a `|`): a table's is dropped; one under a line that
    is no table's header is text, its colons words."""
    delimiters = [
        n
        for n in range(1, len(lines))
        if "|" in lines[n] and "|" in lines[n - 1] and _TABLE_DELIMITER.fullmatch(lines[n])
    ][:6]
    for size in range(len(delimiters) + 1):
        for dropped in itertools.combinations(delimiters, size):
            yield [line for n, line in enumerate(lines) if n not in dropped]


FRONT_MATTER_MAX_LINES = 200
FRONT_MATTER_MARKUP = str.maketrans("", "", ",'")
"""What YAML writes around a front matter's values, beside Markdown's: the commas of
a list and a value's quotes (a list of `- item` lines may be read with commas)."""


_KEY = re.compile(r"\w[\w .-]*[ \t]*:(?:[ \t].*)?")
"""A front matter's `key:` or `key: value` line, from the start of the line."""


_TOML_KEY = re.compile(r"^(\w[\w.-]*)[ \t]*=[ \t]*(?=\S)")


def _front_matter(text: str) -> tuple[list[str], str]:
    """The non-empty lines of a Markdown file's YAML front matter, and the text after
    it: a first line `---`, up to a `---` or `...` line within 200 lines, its first
    line a `key:` one (else no lines, and the whole text: a rule opening the file); or
    its TOML one, between `+++` lines."""
    lines = sanitize(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    raw = lines.split("\n")
    if raw[0].rstrip() == "+++":  # Hugo's TOML: `key = value` read as `key: value`
        for n in range(1, min(len(raw), FRONT_MATTER_MAX_LINES + 2)):
            if raw[n].rstrip() == "+++":
                block = [_TOML_KEY.sub(r"\1: ", line.strip()) for line in raw[1:n]]
                return [line for line in block if line], "\n".join(raw[n + 1 :])
    if raw[0].rstrip() == "---":
        for n in range(1, min(len(raw), FRONT_MATTER_MAX_LINES + 2)):
            if raw[n].rstrip() in ("---", "..."):
                block = raw[1:n]
                first = next((line for line in block if line.strip()), "")
                if _KEY.fullmatch(first.rstrip()):
                    return _block_scalars_merged(block), "\n".join(raw[n + 1 :])
                break
    return [], text


_BLOCK_KEY = re.compile(r"(?P<indent>[ \t]*)(?P<key>\w[\w .-]*?)[ \t]*:[ \t]+[|>][-+1-9]{0,2}")
"""A key whose value is a block scalar (`description: >`), its lines indented under it."""


def _block_scalars_merged(block: list[str]) -> list[str]:
    """The front matter's non-empty lines, stripped, each block scalar (its key's line
    and the lines under it) one line: `key: ` and its lines' words."""
    merged: list[str] = []
    at = 0
    while at < len(block):
        line = block[at]
        at += 1
        scalar = _BLOCK_KEY.fullmatch(line.rstrip())
        if scalar is None:
            if line.strip():
                merged.append(line.strip())
            continue
        indent, texts = len(scalar["indent"]), []
        while at < len(block) and (
            not block[at].strip() or len(block[at]) - len(block[at].lstrip()) > indent
        ):
            texts.append(block[at].strip())
            at += 1
        words = " ".join(text for text in texts if text)
        merged.append(f"{scalar['key']}: {words}" if words else line.strip())  # (as written)
    return merged


def _value(line: str) -> str:
    """The value of a front matter's `key: value` line, without its quotes."""
    value = line.partition(":")[2].strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1].replace("''", "'")
    return value


def _front_matter_left(front: list[str], article: Article) -> Iterator[list[str]]:
    """The front matter lines the text may hold: all, or all but the one that is the
    article's title, date or lead (each such line may be the one taken, or none)."""
    # (squeezed: a block scalar's lines are joined, with a space or none)
    title, lead = _squeeze(article.title), _squeeze(article.lead or "")
    titles = [n for n, line in enumerate(front) if _squeeze(_value(line)) == title]
    leads = [n for n, line in enumerate(front) if lead and _squeeze(_value(line)) == lead]
    dates = [n for n, line in enumerate(front) if _is_written_date(line, article)]
    for taken in itertools.product([None, *titles], [None, *leads], [None, *dates]):
        yield [line for n, line in enumerate(front) if n not in taken]


def _lost_markdown(text: str, article: Article) -> list[str]:
    """A Markdown file keeps its words in order: its lines (but for code fences, whose
    info string is no word, and tables' delimiter rows) against the title, the
    paragraphs and the sections' headings and paragraphs, the markup left out of both.
    A YAML front matter's lines come first (but for one giving the title, the date or
    the lead, if one did). Where a line may be a fence or code, a delimiter row or
    text, each reading is tried."""
    front, text = _front_matter(text)
    written = sanitize(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    for html in (
        html
        for badged in _maybe_badges(written)
        for referred in _maybe_references(badged)
        for decoded in _maybe_entities(referred)
        for html in _maybe_html(decoded)
    ):
        lost = _lost_markdown_read(front, html, article)
        if not lost:
            return []
    return lost


def _maybe_badges(written: str) -> Iterator[str]:
    """`written` as it may be read: as written, and with each line's linked images
    (badges) read as their alt text's links, or not (a line may be code)."""
    yield written
    if "[![" not in written:
        return
    lines = written.split("\n")
    badged = [n for n, line in enumerate(lines) if "[![" in line]
    for size in range(1, min(len(badged), BADGED_LINES_MAX) + 1):
        for read in itertools.combinations(badged, size):
            yield "\n".join(
                _LINKED_IMAGE_OR_CODE.sub(lambda found: found["code"] or f"[{found['alt']}]", line)
                if n in read
                else line
                for n, line in enumerate(lines)
            )


BADGED_LINES_MAX = 4
"""Lines with linked images tried read as links in every combination at most."""


_DEFINITION = re.compile(
    r"[ \t]*\[(?P<label>[^\[\]\n^][^\[\]\n]*)\]:[ \t]*(?:<(?P<angled>[^<>\n]*)>|(?P<bare>\S+))"
    r"(?:[ \t]+(?:\"(?P<quoted>[^\"]*)\"|'(?P<single>[^']*)'|\((?P<parenthesized>[^()]*)\)))?[ \t]*"
)
"""A line that may be a link reference definition (`[docs]: https://… "title"`)."""
_REFERENCE = re.compile(r"!?\[(?P<text>[^\[\]\n]+)\](?:\[(?P<label>[^\[\]\n]*)\])?")
"""A reference to one: `[the docs][docs]`, `[docs][]`, `[docs]`."""
DEFINITION_LINES_MAX = 6
"""Lines that may be definitions tried hidden in every combination at most."""


def _maybe_references(written: str) -> Iterator[str]:
    """`written` as it may be read: as written, and with each set of the lines that may
    be link reference definitions hidden (a line of code or one a paragraph goes on is
    none), the references to their labels (but in code spans, and each way code blocks
    may be read) read as the link's words, URL and title, as an inline link is."""
    yield written
    if "]:" not in written:
        return
    lines = written.split("\n")
    candidates = [n for n, line in enumerate(lines) if _DEFINITION.fullmatch(line)]
    for size in range(len(candidates[:DEFINITION_LINES_MAX]), 0, -1):
        for hidden in itertools.combinations(candidates[:DEFINITION_LINES_MAX], size):
            defined: dict[str, tuple[str, str]] = {}
            for n in hidden:
                found = _DEFINITION.fullmatch(lines[n])
                assert found is not None
                destination = found["angled"] if found["angled"] is not None else found["bare"]
                title = found["quoted"] or found["single"] or found["parenthesized"] or ""
                defined.setdefault(_label(found["label"]), (destination, title))
            kept = "\n".join(line for n, line in enumerate(lines) if n not in hidden)
            for inline in (True, False):  # `[a](…)`: an inline link, or `[a]` and words
                yield _references_read(kept, defined, inline=inline)
                for indented in (False, True):  # code as written: fenced, indented too
                    yield _outside_fences(
                        partial(_references_read, defined=defined, inline=inline),
                        kept,
                        indented=indented,
                    )


_ENTITY = re.compile(r"(?<!\\)&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")


_BARE_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def _maybe_entities(written: str) -> Iterator[str]:
    """`written` as it may be read: as written, and with its HTML entities (`&amp;`)
    their characters but in code spans, and but in those and URLs written bare (a
    link's destination is read with its entities, a bare URL as written)."""
    yield written
    if "&" not in written or _ENTITY.search(written) is None:
        return
    either = re.compile(f"(?P<code>{_CODE_SPAN.pattern})|{_ENTITY.pattern}")

    def decoded(text: str) -> str:
        return either.sub(lambda found: found["code"] or unescape(found.group()), text)

    def but_urls(text: str) -> str:
        pieces: list[str] = []
        at = 0
        for url in _BARE_URL.finditer(text):
            if url.start() < at:
                continue
            end = url.start() + len(_balanced_url(url.group()))
            pieces += [decoded(text[at : url.start()]), text[url.start() : end]]
            at = end
        return "".join([*pieces, decoded(text[at:])])

    for change in (decoded, but_urls):
        yield change(written)
        for indented in (False, True):  # code as written: fenced, indented too
            yield _outside_fences(change, written, indented=indented)


def _balanced_url(url: str) -> str:
    """`url` up to a `)` or `]` closing nothing opened in it."""
    opened = {")": 0, "]": 0}
    for at, char in enumerate(url):
        if char in "([":
            opened[")" if char == "(" else "]"] += 1
        elif char in opened:
            if not opened[char]:
                return url[:at]
            opened[char] -= 1
    return url


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _references_read(text: str, defined: dict[str, tuple[str, str]], *, inline: bool) -> str:
    """`text` with the references to `defined` labels read, but in code spans (and, if
    `inline`, a `[label]` before a `(`: an inline link's words)."""
    reference = _REFERENCE.pattern + (r"(?!\()" if inline else "")
    either = re.compile(f"(?P<code>{_CODE_SPAN.pattern})|{reference}")

    def referred(found: re.Match[str]) -> str:
        if found["code"]:
            return found["code"]
        definition = defined.get(_label(found["label"] or found["text"]))
        if definition is None:
            return found.group()
        return " ".join(part for part in (found["text"], *definition) if part)

    return either.sub(referred, text)


_LINKED_IMAGE = re.compile(r"\[!\[(?P<alt>[^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)\](?=\()")
"""A linked image (a badge), `[![alt](src)](url)`: its alt text the link's, its source
no word (`[alt](url)`). The source ends at its `)`: `[![e](e.png)[![d](d.svg)](url)` is
an image, then a linked one."""
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_TAG = re.compile(
    r"</?(?:abbr|b|cite|code|em|i|ins|kbd|mark|q|samp|small|span|strong|sub|sup|tt|u|var"
    r"|del|s|strike|br)"
    r"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"<>\n]*"|'[^'<>\n]*'|[^\s"'=<>`]+))*\s*/?>""",
    re.IGNORECASE,
)
"""An inline tag, its attributes each with a value: `x<b and c>d` is words."""
_EXPONENT = re.compile(r"(?<=[^\s<>])<sup\b[^<>\n]*>(?=[-+]?[0-9A-Za-z]{1,10}</sup)", re.I)
"""A number raised after a word, which reads `2^10`, not `210`."""
_NOTE = re.compile(r"\[\^([^\]\s]+)\]:")


def _maybe_html(written: str) -> Iterator[str]:
    """`written` as a viewer may show it: as written; without its HTML comments (hidden)
    and the inline tags around words (`<kbd>`, `<br>`), a number raised after a word
    read as it is or as `^10`; with its footnotes' definitions moved to the end (each
    line starting `[^1]:` and the lines under it up to a blank one, as `[1]`) and their
    references read as `[1]`. (Code may hold comments and tags as written, a fenced
    block's or all of a line that may be a fence or not: each reading is tried, the
    markup read everywhere but in code spans, then but in fenced blocks too, then but
    in lines indented as code too, then everywhere: a table's row is cut into cells
    before its code spans are read, so `` `| <br>` `` holds a cell `<br>`.)"""
    yield written
    seen = {written}
    for where in ("spans", "fences", "indented", "everywhere"):
        for reading in _html_readings(written, where):
            if reading not in seen:
                seen.add(reading)
                yield reading


def _html_readings(written: str, where: str) -> Iterator[str]:
    """`_maybe_html`'s readings but the first, the markup read but in code spans
    (`where` "spans"), in code spans and fenced code blocks ("fences"), in those and
    lines indented by 4 columns or more ("indented"), or everywhere."""

    def replaced(pattern: re.Pattern[str], replacement: str, text: str) -> str:
        if where == "everywhere":
            return pattern.sub(replacement, text)
        if where == "spans":
            return _outside_code_spans(pattern, replacement, text)
        return _outside_fences(
            lambda part: _outside_code_spans(pattern, replacement, part),
            text,
            indented=where == "indented",
        )

    # (each in its place a "<>": markup, no word, and no line it opens reads as a fence)
    # a comment over lines of a paragraph kept
    yield replaced(_HTML_TAG, "<>", written)
    yield replaced(_HTML_TAG, "<>", replaced(_EXPONENT, "^", written))
    without = replaced(_HTML_COMMENT, "<>", written)
    yield without
    yield replaced(_HTML_TAG, "<>", without)
    without = replaced(_HTML_TAG, "<>", replaced(_EXPONENT, "^", without))
    yield without
    lines = without.split("\n")
    notes: list[str] = []
    kept: list[str] = []
    in_note = False
    for line in lines:
        if _NOTE.match(line.strip()):
            notes.append(_NOTE.sub(r"[\1]", line.strip(), count=1))
            in_note = True
        elif in_note and line.strip():
            notes.append(line)
        else:
            in_note = False
            kept.append(line)
    labels = {found[1] for note in notes if (found := re.match(r"\[([^\]]+)\]", note))}
    body = "\n".join([*kept, *notes])
    for label in labels:
        body = replaced(re.compile(re.escape(f"[^{label}]")), f"[{label}]", body)
    yield body


def _outside_fences(change: Callable[[str], str], text: str, *, indented: bool) -> str:
    """`text` with each run of lines outside fenced code blocks (and, if `indented`,
    but for the lines indented by 4 columns or more) changed (`change`), the blocks,
    their fences included, as written."""
    pieces: list[str] = []
    run: list[str] = []
    fence = ""
    for line in text.split("\n"):
        stripped = line.strip()
        if fence:
            pieces.append(line)
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
        elif (indented and stripped and _indent(line) >= 4) or _CODE_FENCE.fullmatch(stripped):
            if not indented or _indent(line) < 4:  # (an indented fence is code)
                fence = stripped[: len(stripped) - len(stripped.lstrip(stripped[0]))]
            if run:
                pieces.append(change("\n".join(run)))
                run = []
            pieces.append(line)
        else:
            run.append(line)
    if run:
        pieces.append(change("\n".join(run)))
    return "\n".join(pieces)


_CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).{1,2000}?(?<!`)(?P=ticks)(?!`)")
_LINKED_IMAGE_OR_CODE = re.compile(f"(?P<code>{_CODE_SPAN.pattern})|{_LINKED_IMAGE.pattern}")


def _outside_code_spans(pattern: re.Pattern[str], replacement: str, text: str) -> str:
    """`text` with `pattern` replaced but in code spans (`` `<!-- x -->` `` as written,
    found as the parser finds them)."""
    either = re.compile(f"(?P<code>{_CODE_SPAN.pattern})|{pattern.pattern}", pattern.flags)
    return either.sub(lambda found: found["code"] or replacement, text)


def _lost_markdown_read(front: list[str], written: str, article: Article) -> list[str]:
    """`_lost_markdown` of one reading of the file's text after its front matter."""
    markup = MARKDOWN_MARKUP | (FRONT_MATTER_MARKUP if front else {})

    def words(texts: list[str]) -> str:
        return _squeeze("".join(texts)).translate(markup)

    body = [*article.intro]
    for section in article.sections:
        body += [section.heading, *section.paragraphs]
    kept, title = words(body), words([article.title])
    written_lines = [line for line in written.split("\n") if line.strip()]
    readings = (
        lines
        for code in _maybe_code(written_lines)
        for lines in _maybe_tables(_without_fences(written_lines, code))
    )
    for lines in (
        boxed
        for read in readings
        for boxed in (read, [_TASK_BOX.sub(r"\1", line) for line in read])
    ):
        # A date standing alone under the title (the first line, or the first under it).
        dated = [n for n, line in enumerate(lines[:3]) if _is_written_date(line, article)]
        for left, undated in itertools.product(_front_matter_left(front, article), [None, *dated]):
            before = words(left)
            after = words([line for n, line in enumerate(lines) if n != undated])
            if kept == before + after:  # a title from the front matter, or a first line's
                return []
            if after.startswith(title) and kept == before + after[len(title) :]:
                return []  # the title is the text's first line
            at = after.find(title)
            if title and at > 0 and kept == before + after[:at] + after[at + len(title) :]:
                return []  # the title is a heading under the text's first lines (badges)
    return [*front, *(line.strip() for line in written_lines)]


def _match(
    lines: list[str], available: Counter[str], article: Article, *, whole_first: bool
) -> list[str]:
    lost: list[str] = []
    runs = _paragraph_runs(article)
    for line in lines:
        whole = [_squeeze(line)]
        fragments = [f for f in map(_squeeze, _without_markers(line)) if f]
        if not fragments:
            # A marker alone (💡, ✅) holds no words: taken whole, it consumed a value a
            # later line needed (Hypothesis: 💡 💡 / 💡 / ✅ 💡, a title and a bullet 💡).
            continue
        for pieces in (whole, fragments) if whole_first else (fragments, whole):
            if _consume(pieces, available, article):
                break
        else:
            if not _consume_cut(whole[0], available, runs):
                lost.append(line)
    return lost


def _paragraph_runs(article: Article) -> list[list[str]]:
    """The article's paragraphs, squeezed, in the runs they stand in (its intro, each
    section's)."""
    runs = [article.intro, *(section.paragraphs for section in article.sections)]
    return [[_squeeze(paragraph) for paragraph in run] for run in runs]


def _consume_cut(line: str, available: Counter[str], runs: list[list[str]]) -> bool:
    """Whether `line` is kept cut into consecutive paragraphs (a line too long for one
    paragraph), which are then consumed."""
    for run in runs:
        for start, first in enumerate(run):
            if not first or not line.startswith(first) or len(first) == len(line):
                continue
            joined, end = "", start
            while end < len(run) and len(joined) < len(line):
                joined += run[end]
                end += 1
            needed = Counter(run[start:end])
            if joined == line and all(available[p] >= n for p, n in needed.items()):
                available.subtract(needed)
                return True
    return False


def _without_markers(line: str) -> list[str]:
    marker = LEADING_MARKER.match(line)
    if marker is None:
        return [line]
    rest = line[marker.end() :]
    if marker.group().startswith("さらに読む"):
        return SOURCE_LABEL.split(rest, maxsplit=1)
    return [rest]


def _consume(pieces: list[str], available: Counter[str], article: Article) -> bool:
    needed = Counter(piece for piece in pieces if not _is_published(piece, article))
    if any(available[piece] < count for piece, count in needed.items()):
        return False
    available.subtract(needed)
    return True


def refusable(data: bytes) -> bool:
    """Whether an article file of `data` may be refused: binary (NUL bytes, or
    undecodable bytes and control characters over a tenth of its characters and 8% of
    its bytes), or no text at all (white space and terminal escape sequences alone, which
    are not shown). Counted here apart from the parser's own pattern."""
    from index.decoding import decode_bytes

    text = decode_bytes(data).text
    junk = sum(
        1
        for c in text
        if c == "\ufffd"
        or (unicodedata.category(c) == "Cc" and c not in "\t\n\v\f\r\x1b\x1c\x1d\x1e\x1f\x85")
    )
    blank = not text.strip() or not content_lines(text)  # (U+0085 is white space)
    return b"\x00" in data or blank or junk > max(len(text) / 10, len(data) * 0.08)
