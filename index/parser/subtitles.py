"""Subtitles (see `index.parser`): a SubRip (`*.srt`) or WebVTT (`*.vtt`) file, read as
what is said: its cues' text, without their numbers or identifiers, timings, styling
tags (`<i>`, `<font …>`, `{\\an8}`) or WebVTT's `NOTE`, `STYLE` and `REGION` blocks.
A cue is a line, its lines joined where one was broken to fit a screen (`今日は` /
`いい天気ですね。`), not after a sentence's end nor before a dialogue's dash (`- はい` /
`- いいえ`); cues one after another are lines of one
paragraph, and a pause of `PAUSE` seconds or more between two starts another (a
scene). A voice (`<v 田中>`) names who speaks (`田中：`), a ruby's reading stays in
parentheses after its base (`漢字(かんじ)`). A line repeated from the cue before, as
rolling captions repeat it, is read once. Text in no cue (before the first, between
two) is kept where it stands."""

from __future__ import annotations

import html
import re

from index.model import Article
from index.parser.plain import joined
from index.sanitize import sanitize

_STAMP = r"(?:(\d+):)?(\d{1,2}):(\d{2})[.,](\d{1,3})"
_TIMING = re.compile(rf"{_STAMP}\s*-->\s*{_STAMP}")
"""A cue's timing line: `00:00:01,000 --> 00:00:03,500` (SubRip), `00:01.000 -->
00:04.000 align:start` (WebVTT: hours optional, cue settings after)."""
PAUSE = 3.0
"""Seconds between two cues (the end of one, the start of the next) that end a
paragraph: a scene's change, or a silence."""
_SKIPPED_BLOCKS = re.compile(r"(?:WEBVTT|NOTE|STYLE|REGION)(?:[ \t].*)?")
"""WebVTT's header and its blocks that are no cue: up to the next blank line."""
_TAG = re.compile(
    r"<(?:/?(?:i|b|u|s|c|lang|ruby|font|span)(?:[ .\t][^<>]*)?|/v|\d[\d:.]*)>"
    r"|\{\\[^{}]*\}"  # an ASS override code a SubRip file holds: {\an8}, {\i1}
)
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^<>]*)>")
_RUBY_TEXT = re.compile(r"<rt>([^<>]*)(?:</rt>)?")
_DIALOGUE = re.compile(r"[-‐－–—]")
"""A line of a dialogue begins so: kept apart from the one before."""
_SENTENCE_END = re.compile(r"[。．！？!?…」』）)♪]$")
"""A cue's line ending so ends what is said (the next line may be another's): a line
not ending so goes on in the next, broken to fit the screen (今日は / いい天気ですね)."""
_NO_SPACE = re.compile(r"&(?:lrm|rlm|#x200[ef]|#820[67]);")
"""Direction marks written as entities (WebVTT's): no text, dropped."""


def is_subtitles(lines: list[str]) -> bool:
    """Whether a file of `lines` (stripped) holds a cue's timing."""
    return any(_TIMING.match(line) for line in lines)


def _seconds(hours: str | None, minutes: str, seconds: str, fraction: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(fraction) / 1000


def _cue_line(line: str) -> str:
    """A cue's line as it is shown: its tags dropped, a voice named, entities decoded."""
    line = _VOICE.sub(lambda voice: _speaker(voice.group(1)), line)
    line = _RUBY_TEXT.sub(lambda ruby: f"({ruby.group(1)})", line)
    line = _TAG.sub("", _NO_SPACE.sub("", line))
    return sanitize(html.unescape(line)).strip()  # &#27; is an ESC again: made visible


def _speaker(name: str) -> str:
    name = name.strip()
    if not name:
        return ""
    return name + ("：" if not name[-1].isascii() else ": ")


class _Cues:
    """The cues read so far, as paragraphs of lines."""

    def __init__(self) -> None:
        self.paragraphs: list[list[str]] = []
        self.end: float | None = None
        self.last = ""
        """The last line of the cue before, as shown."""

    def add(self, start: float | None, end: float | None, lines: list[str]) -> None:
        """A cue (its lines as written) from `start` to `end` (None: text in no cue)."""
        shown = [line for line in map(_cue_line, lines) if line]
        while shown and shown[0] == self.last:  # a rolling caption's line again
            del shown[0]
        if not shown:
            return
        self.last = shown[-1]
        said: list[str] = []
        for line in shown:
            if said and not _DIALOGUE.match(line) and not _SENTENCE_END.search(said[-1]):
                said[-1] = joined(said[-1], line)
            else:
                said.append(line)
        pause = start is not None and self.end is not None and start - self.end >= PAUSE
        if pause or not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1] += said
        if end is not None:
            self.end = end


def parse_subtitles(lines: list[str], article: Article) -> None:
    """`lines` (stripped) of a subtitle file read as `article`'s `intro` (see module)."""
    cues = _Cues()
    block: list[str] = []  # the lines of a block so far (a cue's number or id, text)
    timing: re.Match[str] | None = None
    skipping = False
    for line in [*lines, ""]:
        found = _TIMING.match(line)
        if found is not None:
            if timing is not None or block:
                # A cue's timing: the line before it is its number or id, unless it is
                # the text of the cue before (no blank line between them).
                if block and (timing is None or _cue_id(block[-1])):
                    block.pop()
                _flush(cues, timing, block)
            timing, block, skipping = found, [], False
        elif not line:
            if not skipping:
                _flush(cues, timing, block)
            timing, block, skipping = None, [], False
        elif skipping:
            continue
        elif not block and timing is None and _SKIPPED_BLOCKS.fullmatch(line):
            skipping = True
        else:
            block.append(line)
    article.intro = ["\n".join(paragraph) for paragraph in cues.paragraphs]


def _cue_id(line: str) -> bool:
    """Whether a line standing right above a timing line with no blank line before it
    is the next cue's number (SubRip's), not the cue before's text."""
    return line.isdigit()


def _flush(cues: _Cues, timing: re.Match[str] | None, block: list[str]) -> None:
    if timing is None:
        cues.add(None, None, block)
    else:
        groups = timing.groups()
        cues.add(_seconds(*groups[:4]), _seconds(*groups[4:]), block)
