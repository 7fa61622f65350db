"""Check that a parsed article kept every non-empty line of its file.

Deliberately independent of the parser's logic: it only knows the markers the formats
define. Each non-empty line, minus its markers, is cut into fragments; every fragment
must consume one field value of the article equal to it (white space ignored, since the
parser strips it at line ends and between a URL and its comment). Field values are
consumed, so a line that occurs twice must be stored twice.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime

from index.model import Article
from index.sanitize import sanitize

MARKERS = re.compile(
    r"^(?:💡|✅)\ufe0f?|^さらに読む\s*⇒|出典\s*[/／]\s*画像元\s*[:：]?|^公開日\s*[:：]|^次のページを読む\s*⇒"
)
_SPACE = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACE.sub("", text)


def content_lines(text: str) -> list[str]:
    """The non-empty lines of a file as the parser must see them (sanitized)."""
    text = sanitize(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    return [line.strip() for line in text.split("\n") if line.strip()]


def field_values(article: Article) -> list[str]:
    values = [article.title, article.lead, article.next_page, article.url]
    values += article.key_points + article.intro
    for section in article.sections:
        values += [section.heading, section.question, section.teaser, *section.paragraphs]
        for card in section.cards:
            values += [*card.bullets, card.outlet, card.url, *card.comment]
            if card.url and card.comment:  # the URL is glued to the first comment line
                values.append(card.url + card.comment[0])
    return [value for value in values if value]


def _is_published(fragment: str, article: Article) -> bool:
    published = article.published
    if published is None:
        return False
    if isinstance(published, datetime):
        try:
            return datetime.fromisoformat(fragment) == published
        except ValueError:
            return False
    numbers = [int(n) for n in re.findall(r"\d+", fragment)]
    return numbers == [published.year, published.month, published.day] and isinstance(
        published, date
    )


def lost_lines(text: str, article: Article) -> list[str]:
    """Non-empty lines of `text` whose content is not in some field of `article`."""
    available = Counter(_squeeze(value) for value in field_values(article))
    lost: list[str] = []
    for line in content_lines(text):
        whole = _squeeze(line)
        if available[whole] > 0:
            available[whole] -= 1
            continue
        if _is_published(line, article):
            continue
        fragments = [_squeeze(piece) for piece in MARKERS.split(line)]
        for fragment in filter(None, fragments):
            if available[fragment] > 0:
                available[fragment] -= 1
            elif not _is_published(fragment, article):
                lost.append(line)
                break
    return lost
