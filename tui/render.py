"""Article data to `rich.text.Text`: the only place article text meets styling.

Every string from an article file goes into a `Text` as plain text (never
through markup), so `[/b]`, `[link=…]` or `[@click=…]` in a title stay
characters. Links are made only from http/https URLs, as a style.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from urllib.parse import urlsplit

from rich.style import Style
from rich.text import Text

from index.model import (
    Article,
    ArticleSummary,
    Block,
    BlockKind,
    Document,
    SearchResult,
    Snippet,
    SourceCard,
)
from index.sanitize import one_line as one_line
from index.urls import as_uri
from index.wording import counted, plural

MATCH_STYLE = Style(bold=True, reverse=True)
CURRENT_MATCH_STYLE = Style(bold=True, underline=True, reverse=True)

_last_document: tuple[Article, Document] | None = None


def document_of(article: Article) -> Document:
    """`article.document()`, made once for the article last asked about (by identity:
    the reader never changes an article it read). Opening a 6.8 MB article made it four
    times, ~80 ms each, on the index thread and then on the UI thread, before the
    article could be drawn."""
    global _last_document
    last = _last_document  # (one read: the index thread and the UI thread both ask)
    if last is not None and last[0] is article:
        return last[1]
    document = article.document()
    _last_document = (article, document)
    return document


UNREAD_MARK = "●"
BOOKMARK_MARK = "★"


def link_style(url: str | None) -> Style | None:
    """An OSC 8 hyperlink style, only for well-formed http/https URLs without control
    characters; the link is the URL's URI (`as_uri`: an IRI's Japanese percent-encoded,
    as a terminal takes it), the URL as written being what is shown."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ord(char) < 0x21 or 0x7F <= ord(char) <= 0x9F for char in url):
        return None
    return Style(link=as_uri(url))


TEXT_LINK_STYLE = Style(underline=True)
"""A link in running text is underlined, unlike a card's URL on a line of its own: where
it ends is seen (a URL glued to Japanese text ends where the Japanese begins, and
`o` opens what is underlined), in a terminal that shows no OSC 8 link too (tmux's
default)."""


STRUCK_STYLE = Style(strike=True, dim=True)
"""Struck-through words (a Markdown `~~古いタスク~~`): struck, and dim, so that a
crossed-out task does not read as a live one in a terminal that draws no strike."""


def date_label(when: date | datetime | None) -> str:
    if when is None:
        return "(undated)"
    return when.strftime("%Y-%m-%d")


def source_label(summary: ArticleSummary) -> str:
    return summary.outlet or summary.site or ""


def summary_prompt(
    summary: ArticleSummary,
    *,
    read: bool,
    bookmarked: bool,
    snippet: Snippet = (),
    title_matches: Sequence[tuple[int, int]] = (),
) -> Text:
    """One entry of the article list: marks and title (a search's matches in it marked),
    then date and source, then snippet."""
    # One line each: a long title is cut with an ellipsis (the reading view shows it whole).
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(" " if read else UNREAD_MARK, style="bold" if not read else "")
    line.append(BOOKMARK_MARK if bookmarked else " ", style="bold")
    line.append(" ")
    title = Text(one_line(summary.title) or "(untitled)", style="" if read else "bold")
    for start, end in title_matches:
        title.stylize(MATCH_STYLE, start, end)
    line.append_text(title)
    line.append("\n   ")
    line.append(date_label(summary.published), style="dim")
    source = source_label(summary)
    if source:
        line.append("  ")
        line.append(source, style="dim")
    if snippet:
        line.append("\n   ")
        line.append_text(snippet_text(snippet))
    return line


SNIPPET_LEAD = 8
"""Characters of context kept before the first match: the list cuts snippets at its
width, so the match must come early to be seen."""


def snippet_text(snippet: Snippet) -> Text:
    text = Text(style="dim")
    first = next((i for i, (_, is_match) in enumerate(snippet) if is_match), None)
    if first is None:  # nothing marked (a filter-only query): the passage from its start
        text.append("".join(piece for piece, _ in snippet).replace("\n", " "))
        return text
    before = "".join(piece for piece, _ in snippet[:first]).replace("\n", " ")
    if len(before) > SNIPPET_LEAD:
        # The ellipsis touches the text it cuts: cut at a space, it read "… の2日間限定で".
        before = "…" + before[-SNIPPET_LEAD:].lstrip("…").lstrip()
    text.append(before)
    for piece, is_match in snippet[first:]:
        text.append(piece.replace("\n", " "), style=MATCH_STYLE if is_match else "")
    return text


def highlight(
    text: str,
    offset: int,
    ranges: Sequence[tuple[int, int]],
    current: tuple[int, int] | None = None,
    style: str | Style = "",
) -> Text:
    """`text` (starting at `offset` of the document) with the ranges that fall in it marked."""
    rendered = Text(text, style=style)
    end = offset + len(text)
    for start, stop in ranges:
        if start < end and offset < stop:
            chosen = CURRENT_MATCH_STYLE if (start, stop) == current else MATCH_STYLE
            rendered.stylize(chosen, max(start, offset) - offset, min(stop, end) - offset)
    return rendered


BLOCK_STYLES: dict[BlockKind, str] = {
    BlockKind.TITLE: "bold",
    BlockKind.LEAD: "",
    BlockKind.KEY_POINT: "",
    BlockKind.INTRO: "",
    BlockKind.HEADING: "bold underline",
    BlockKind.QUESTION: "bold",
    BlockKind.TEASER: "",
    BlockKind.PARAGRAPH: "",
    BlockKind.CARD_BULLET: "",
    BlockKind.CARD_SOURCE: "",
    BlockKind.CARD_COMMENT: "",
    BlockKind.NEXT_PAGE: "dim",
}
"""Each block's own style, over its CSS class's colour (ReadingView.DEFAULT_CSS). No
italics: most terminals slant CJK text badly or fake it, and the lead, teaser and
cards are told apart by colour and indent. No dim over a muted colour: the cards'
text was 3.6:1 against the background, their outlet in the marker 2.7:1."""


BULLET = "・"


def bullet_chars(block: Block) -> int:
    """Characters of the bullet `block_text` draws before a key point or a card's point
    (its wrapped lines go under the text, not the bullet); 0 for other blocks."""
    return len(BULLET) if block.kind in (BlockKind.KEY_POINT, BlockKind.CARD_BULLET) else 0


def block_text(
    block: Block,
    ranges: Sequence[tuple[int, int]],
    current: tuple[int, int] | None = None,
) -> Text:
    """One block of the reading view, hits highlighted, the URLs written in it links
    (as a card's URL is in the cards pane: a terminal that knows OSC 8 opens them on a
    click), underlined (`TEXT_LINK_STYLE`)."""
    text = one_line(block.text) if block.kind is BlockKind.TITLE else block.text
    body = highlight(text, block.start, ranges, current, BLOCK_STYLES[block.kind])
    for start, end, url in block.urls():
        style = link_style(url)
        if style is not None:
            body.stylize(style + TEXT_LINK_STYLE, start, end)
    for start, end in block.struck_spans:
        body.stylize(STRUCK_STYLE, start, end)
    if block.kind is BlockKind.KEY_POINT:
        return Text(BULLET, style="bold").append_text(body)
    if block.kind is BlockKind.CARD_BULLET:
        return Text(BULLET).append_text(body)
    if block.kind is BlockKind.NEXT_PAGE:
        # What the next page holds (the file's `次のページを読む ⇒`), not the article's
        # last paragraph, which it read as.
        return Text("次のページ ⇒ ", style="bold dim").append_text(body)
    return body


KEY_POINTS_LABEL = "ポイント"
"""What stands over an article's key points (its 💡 lines): drawn as a bulleted list
under the lead and nothing more, they read as a source card's points."""


def key_points_label() -> Text:
    """The label over the key points, reversed as a card's ` 出典 1 ` is: a labelled
    group of points, told by its shape in 16 colours and with NO_COLOR too."""
    return Text(f" {KEY_POINTS_LABEL} ", style="reverse bold")


def card_marker(number: int, card: SourceCard, *, folded: bool = False, hits: int = 0) -> Text:
    """The numbered marker standing where a source card is in the text.

    Folded (the cards pane shows the card beside the text), it says what is under
    it: how many points, and how many of the search's hits, then the outlet. Unfolded,
    the card's own source line (outlet and URL, after its points) names the outlet:
    the marker gives the site and date, as the cards pane does (it named the outlet,
    which the source line named again, and no site or date).
    """
    marker = Text()
    marker.append(f" 出典 {number} ", style="reverse")
    if not folded:
        if card.site:
            marker.append(f"  {card.site}", style="dim")
        if card.published is not None:
            marker.append(f"  {date_label(card.published)}", style="dim")
        return marker
    # Before the outlet: a narrow pane wraps the marker inside the outlet's name,
    # not between "▸ 3" and "points" (the outlet came first, and was broken after).
    points = len(card.bullets)
    marker.append(f" ▸ {points} {plural(points, 'point')}", style="dim")
    if hits:
        marker.append(f" · {counted(hits, 'match', 'matches')}", style="bold")
    marker.append("  ")
    marker.append(card.outlet or card.site or "")
    return marker


def card_number_cells(number: int) -> int:
    """The characters before a card's outlet in `card_text`: its number, a space."""
    return len(f" {number} ") + 1


def card_text(
    number: int,
    card: SourceCard,
    *,
    current: bool,
    blocks: Sequence[Block] = (),
    ranges: Sequence[tuple[int, int]] = (),
) -> Text:
    """A whole source card for the cards pane: outlet, site and date, bullets, URL,
    commentary (as the file and the reading view have them).

    `blocks` are the card's blocks in the document, `ranges` the search's matches in
    the document text: the matches in the card's bullets and commentary are marked,
    as they are in the reading view (where the card itself may be folded).
    """
    bullet_blocks = [b for b in blocks if b.kind is BlockKind.CARD_BULLET]
    comment_blocks = [b for b in blocks if b.kind is BlockKind.CARD_COMMENT]
    text = Text()
    text.append(f" {number} ", style="reverse bold" if current else "reverse")
    text.append(" ")  # (`card_number_cells` counts the two: a wrapped heading hangs past)
    source = next((b for b in blocks if b.kind is BlockKind.CARD_SOURCE), None)
    tagline = card.tagline or ""  # the outlet's slogan, as the file wrote it after the name
    if card.outlet and source is not None and source.text.startswith(card.outlet + tagline):
        text.append_text(highlight(card.outlet, source.start, ranges, None, "bold"))
        if tagline:
            start = source.start + len(card.outlet)
            text.append_text(highlight(tagline, start, ranges, None, "dim"))
    elif card.outlet:
        text.append(card.outlet, style="bold")
        text.append(tagline, style="dim")
    if card.site:
        # Without an outlet the site names the card, as the marker in the text does
        # (it said "(no outlet)" beside the site).
        text.append(f"  {card.site}" if card.outlet else card.site, style="dim")
    if card.published is not None:  # its 公開日, as the list writes an article's date
        text.append(f"  {date_label(card.published)}", style="dim")
    for index, bullet in enumerate(card.bullets):
        text.append("\n・")
        text.append_text(_marked(bullet, bullet_blocks, index, ranges, ""))
    if card.url:
        text.append("\n")
        text.append(card.url, style=link_style(card.url) or "dim")
    for index, line in enumerate(card.comment):
        text.append("\n")
        text.append_text(_marked(line, comment_blocks, index, ranges, ""))
    return text


def _marked(
    line: str, blocks: Sequence[Block], index: int, ranges: Sequence[tuple[int, int]], style: str
) -> Text:
    """`line` (the card's `index`-th bullet or comment) with the matches in its block."""
    if ranges and index < len(blocks) and blocks[index].text == line:
        return highlight(line, blocks[index].start, ranges, None, style)
    return Text(line, style=style)


def hit_count(result: SearchResult) -> str:
    """A search's total as the list and the bar say it, thousands separated as the
    commands write counts: exact, at least (`1,367+`: as typed, a first character
    stands for its most frequent words only), or about. None is none: typing 中継、そし
    over ldcc, "Hits 0+" stood by "No article matches" (at least 0 says nothing)."""
    if result.exact_total or not result.total:
        return f"{result.total:,}"
    return f"{result.total:,}+" if result.total_at_least else f"≈{result.total:,}"


def articles_title(shown: int, total: int) -> str:
    """The list of all articles' title: how many there are, and how many are listed
    so far when not all (a page at a time)."""
    if shown < total:
        return f"Articles (newest {shown:,}/{total:,})"
    return f"Articles ({total:,})"


def hits_titles(result: SearchResult, listed: int, live: bool) -> tuple[str, ...]:
    """The hit list's titles, the fullest first (the list shows the first that fits):
    how many hits, how many listed, their order, and whether they are as typed.

    Narrower, "9 listed" becomes "9/293" (as "Articles (newest 60/2,002)" has it), then
    "by" goes, then the order (relevance unless `s`, which says so, changed it): "as
    typed" stays, it says Enter has not searched whole words yet. At 100 columns the
    list has 34 cells for a title, and "Hits 1,111 · 9 listed · by relevance, as typed"
    lost "as typed" and half its order's name."""
    count = hit_count(result)
    typed = ", as typed" if live else ""
    some = listed < result.total
    hits = f"Hits {listed:,}/{count}" if some else f"Hits {count}"
    fullest = f"Hits {count} · {listed:,} listed" if some else hits
    return (
        f"{fullest} · by {result.sort}{typed}",
        f"{hits} · by {result.sort}{typed}",
        f"{hits} · {result.sort}{typed}",
        f"{hits}{typed}",
    )


def citation(card: SourceCard, article_title: str) -> str:
    """A source card's citation for pasting into notes: its outlet and URL, and the
    article citing it (`article_title`). A card does not give its own article's title:
    `outlet, title, URL` put the curator's headline under the outlet's name."""
    parts = [card.outlet or card.site or "", card.url or ""]
    cited = ", ".join(part for part in parts if part)
    if not article_title:
        return cited
    via = f"cited in “{article_title}”"
    return f"{cited} ({via})" if cited else via


def link_citation(url: str, article_title: str) -> str:
    """A link written in an article's text, cited as a card is: the URL, and the article
    citing it."""
    return f"{url} (cited in “{article_title}”)" if article_title else url
