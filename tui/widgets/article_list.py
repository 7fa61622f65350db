"""The article list: one entry per article (or search hit), with read and bookmark marks."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Span, Text
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import Reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from index.model import ArticleSummary, Hit, Snippet
from tui.ellipsis import cut_with_ellipsis, ellipsis_end, fit_title
from tui.render import summary_prompt
from tui.typeset import Typesetting
from tui.widgets.paragraph import DEFAULT_TYPESETTING, bulleted_lines, typesetting_of

PromptKey = tuple[ArticleSummary, bool, bool, Snippet, tuple[tuple[int, int], ...]]
"""What an entry's prompt shows: the summary, read, bookmarked, snippet, the title's
matches."""

LISTED_CACHE = 240
"""Entries without a snippet kept for reuse: the unfiltered list's first pages, bookmarks."""
HIT_CACHE = 120
"""Hits kept for reuse, the most recently shown: those of the last few keystrokes.

Every option kept holds its prompt twice (Text, and its `Rows`: the lines and their
segments) and the cyclic garbage collector walks them all in each full collection, which
runs about once a second while typing: 2,000 kept options made each ~50 ms longer."""
RENDER_CACHE = 160
"""Rendered rows kept across rebuilds: the unfiltered list's screenful (~22 entries) and
the hits of the last few keystrokes. A row is its option drawn in one style (the cursor's
row has its own) at one width and place in the list."""

RenderKey = tuple[Option, Style, int, int, tuple[object, ...]]
"""An option, its style, the list's width, its index (clicks find the row by index), and
the CSS rules that lay its text out."""


_NO_OPTIONS = RenderOptions(
    lambda style: Style.parse(style) if isinstance(style, str) else style, {}
)
"""What `Rows.render_strips` is given: it reads neither the styles nor the rules."""


class Rows(Visual):
    """An entry's prompt drawn as one row per line, without Textual's `Content`.

    OptionList turns each prompt into a `Content` (its spans converted, then wrapped
    and formatted for every render), ~0.3 ms an entry, most of a keystroke's rebuilt
    list. The list does not wrap (`text-wrap: nowrap; text-overflow: ellipsis`, else
    `ArticleList` uses Content): a row is the line's segments, cut with an ellipsis as
    `Content.truncate` cuts it in the reader (`tui.ellipsis`: "…" right after the
    text), on the option's style. `tests/test_article_rows.py` holds every cell and its
    style to what Content draws.
    """

    def __init__(self, prompt: Text, console: Console) -> None:
        self._prompt = prompt
        self._height = prompt.plain.count("\n") + 1
        self._console = console
        self._split: tuple[list[Text], list[int]] | None = None
        self._segments: list[list[Segment] | None] = [None] * self._height
        """Each whole line's segments, drawn when first shown whole (a line longer than
        the list is drawn cut instead: most titles and snippets, never drawn whole)."""

    def _lines(self) -> tuple[list[Text], list[int]]:
        """The prompt's lines and their widths in cells, split when first drawn: the
        list measures every entry's height, but draws only those scrolled into view
        (~15 of the 200 hits of a search as submitted)."""
        if self._split is None:
            lines = list(self._prompt.split("\n", allow_blank=True))
            for line in lines:
                line.expand_tabs(8)  # as Content does: a tab would reach the terminal
            self._split = lines, [cell_len(line.plain) for line in lines]
        return self._split

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        base = style.rich_style
        strips = []
        lines, widths = self._lines()
        for index, (line, length) in enumerate(zip(lines, widths, strict=True)):
            if length <= width:
                segments = self._segments[index]
                if segments is None:
                    segments = self._segments[index] = list(line.render(self._console))
            else:
                cut = line.copy()
                cut.plain = cut_with_ellipsis(line.plain, width)
                end = ellipsis_end(cut.plain)
                cut.spans = [
                    Span(span.start, min(span.end, end), span.style)
                    for span in cut.spans
                    if span.start < end
                ]
                segments, length = list(cut.render(self._console)), width
            if base.reverse:
                strips.append(Strip(_on_reversed_row(segments, base), length))
            else:
                strips.append(Strip(Segment.apply_style(segments, base), length))
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(self._lines()[1], default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._height


_UNREVERSED = RichStyle(reverse=False)


def _on_reversed_row(segments: Iterable[Segment], row: RichStyle) -> Iterator[Segment]:
    """`segments` on the row's style, a search's matches (reversed) un-reversed. The
    cursor's row is reversed where nothing else marks it (NO_COLOR in 16 colours,
    `tui.app`), and a match reversed on it was the row's bold reverse like the rest:
    where the match was could not be seen on the row the user had moved to. A match
    swaps the row's colours, as it does on the cursor's row of every other theme."""
    for text, style, control in segments:
        if control:
            yield Segment(text, None, control)
        elif style is not None and style.reverse:
            yield Segment(text, row + style + _UNREVERSED)
        else:
            yield Segment(text, row + style)


class Wrapped(Visual):
    """A notice in place of the entries (no hits, a query's error): wrapped to the width
    as an article's text is (`index.typeset`: no line starting with 、 or 」, a number
    kept whole), without furigana. Rich's wrap broke a long Japanese query it quotes
    anywhere: `…伝えた。200` / `2年〜2006年と…` / `、イラク代表の…` (review)."""

    def __init__(
        self, text: Text, console: Console, settings: Typesetting = DEFAULT_TYPESETTING
    ) -> None:
        self._text = text
        self._console = console
        self._settings = replace(settings, furigana=False)
        self._set: tuple[int, list[Text]] | None = None
        """(width, lines) last set: drawn and measured at one width, set once."""

    MARGIN = 1
    """Cells left blank before the text (where an entry's marks stand)."""

    BULLET = "· "
    """A line starting so is a point: its wrapped lines are indented under its text."""

    def _lines(self, width: int) -> list[Text]:
        width = max(1, width - self.MARGIN)
        if self._set is None or self._set[0] != width:
            # A point's wrapped lines hang under its text, where that leaves room.
            bullet = self.BULLET if width > 2 * len(self.BULLET) else ""
            self._set = (width, bulleted_lines(self._text, bullet, width, self._settings))
        return self._set[1]

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if not width:
            return []
        base = style.rich_style
        margin = [Segment(" " * self.MARGIN)]
        strips = [
            Strip(
                Segment.apply_style(margin + list(line.render(self._console)), base),
                self.MARGIN + line.cell_len,
            ).crop(0, width)
            for line in self._lines(width)
        ]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        lines = self._text.plain.split("\n")
        widest = max((cell_len(line) for line in lines), default=0)
        return min(container_width, self.MARGIN + widest)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self._lines(width))


class NoticeOption(Option):
    """The option standing for a notice: never highlighted or chosen."""

    def __init__(self, text: Text) -> None:
        super().__init__(text, disabled=True)


@dataclass(frozen=True, slots=True)
class Entry:
    summary: ArticleSummary
    hit: Hit | None = None

    @property
    def title_matches(self) -> tuple[tuple[int, int], ...]:
        """The hit's matches within the title (the title opens the document text)."""
        if self.hit is None:
            return ()
        end = len(self.summary.title)
        found = []
        for start, stop in self.hit.matches:  # merged, in document order
            if start >= end:
                break
            found.append((start, min(stop, end)))
        return tuple(found)


@dataclass(slots=True)
class _Pass:
    """What `ArticleList.render_line` reads for each line, read once for a drawing pass."""

    lines: Sequence[tuple[int, int]]
    top: int
    highlighted: int | None
    hover: int | None
    width: int
    styles: dict[str, Style] = field(default_factory=dict)


class ArticleList(OptionList):
    """Entries are `Text` prompts built from plain strings: titles are never markup."""

    DEFAULT_CSS = """
    ArticleList {
        height: 1fr; border: round $primary 40%; padding: 0;
        text-wrap: nowrap; text-overflow: ellipsis;
        scrollbar-gutter: stable;
    }
    ArticleList:focus { border: round $primary; }
    ArticleList > .option-list--option { padding: 0 0; }
    """

    virtual_size = Reactive(Size(0, 0), layout=False, repaint=True)
    """The entries' height changing (a search with fewer hits) repaints, not re-arranges.

    Widget's `virtual_size` asks for a layout pass of the whole screen when it changes,
    and every rebuild with a different number of entries changed it. The list's own size
    never depends on its entries (`height: 1fr`); scrollbars appearing or going still
    lay out through `show_vertical_scrollbar`, which OptionList updates right after.
    """

    @dataclass
    class Chosen(Message):
        """The user chose an entry (Enter or click)."""

        article_id: str

    class NearEnd(Message):
        """The list was scrolled to within a screenful of its end without the cursor
        moving there (the mouse wheel, the scrollbar): time to list the next page."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[Entry] = []
        self._read: set[str] = set()
        self._bookmarked: set[str] = set()
        self._shown_keys: list[PromptKey] = []
        self._listed_options: dict[PromptKey, Option] = {}
        self._hit_options: OrderedDict[PromptKey, Option] = OrderedDict()
        """Options by what their prompt shows: an option keeps its rendered prompt (the
        costly part of a rebuild), so a hit that stays listed while the user types on, or
        the unfiltered list coming back after a search, is not rendered again."""
        self._kept: dict[PromptKey, Option] = {}
        """The rows of a list a view was listed over (`keep_rows`), for `show` to reuse
        coming back to it: every article's list paged to 2,771 rows rendered each prompt
        again (the listed cache holds 240), a third of a second at 160x45 (review)."""
        self._kept_place: tuple[PromptKey, int] | None = None
        """The cursor's entry in the list `keep_rows` kept, and the row of the view it
        stood on: listed again, the list is scrolled as it was left. It came back with
        the cursor's entry where the view's cursor had been, at its top: the hit above
        out of sight (user review, `B` `B` on the second hit)."""
        self._rendered: OrderedDict[RenderKey, list[Strip]] = OrderedDict()
        """Rows drawn, kept across rebuilds (OptionList forgets its own on each one)."""
        self._drawing: tuple[int, tuple[object, ...]] | None = None
        """`_draw_context()` while the list draws its lines."""
        self._pass: _Pass | None = None
        """What every line drawn reads, while the list draws its lines."""
        self._titles: tuple[str | Text, ...] = ()
        """The list's titles, the fullest first (`set_title`)."""
        self._title_shown: str | Text | None = None

    def set_title(self, *titles: str | Text) -> None:
        """The list's title: the first of `titles` (the fullest first) that fits its
        border at the list's width, else the last, cut with "…". Picked again as the
        list's width changes: a narrow list cut the fullest title's end (the list of
        hits at 100 columns lost "as typed", and its order's name half)."""
        self._titles = titles
        self._fit_title()

    def _fit_title(self) -> None:
        if not self._titles:
            return
        title = fit_title(self._titles, self.outer_size.width)
        if title != self._title_shown:  # (setting it repaints the list)
            self._title_shown = title
            self.border_title = title

    def on_resize(self) -> None:
        self._fit_title()
        # Shrunk, the list kept its scroll and the cursor's entry could be left below
        # its last row (100x30 -> 80x24, a hit near the bottom): brought back in sight.
        self.scroll_to_highlight()

    def show(
        self,
        entries: Sequence[Entry],
        *,
        read: set[str],
        bookmarked: set[str],
        keep: str | None = None,
        empty: Text | None = None,
    ) -> None:
        """Replace the entries; the cursor stays on `keep` if it is still listed.

        `empty`: what the list says when there are no entries (wrapped to its width).
        Placing the cursor posts no OptionHighlighted: that message means the user
        moved it (near the end, the screen lists the next page)."""
        if not entries and empty is not None:
            self.show_notice(empty)
            return
        self.entries = list(entries)
        self._read = read
        self._bookmarked = bookmarked
        keys = [self._key(e) for e in self.entries]
        with self.prevent(self.OptionHighlighted):
            if keys == self._shown_keys and self.option_count == len(keys):
                # Same rows as shown: nothing to rebuild or repaint, the cursor stays
                # (on `keep`; with none to keep, on the first).
                if (keep is None or self.highlighted is None) and self.entries:
                    self.highlighted = 0
                return
            # Where the cursor's row stood in the view, to stand there again if kept
            # (none while the list is hidden, beside the reader: it lays out no lines)
            cursor = self.highlighted
            line = None if cursor is None else self._index_to_line.get(cursor)
            kept_at = None if line is None else line - self.scroll_y
            index = self.index_of(keep) if keep else None
            kept_place = self._kept_place
            if kept_place is not None and index is not None and keys[index] == kept_place[0]:
                kept_at = kept_place[1]  # (the list kept, listed again: as it was left)
            self._shown_keys = keys
            self.set_options(
                self._option(e, key) for e, key in zip(self.entries, keys, strict=True)
            )
            self._trim_hits()
            self.highlighted = index if index is not None else (0 if self.entries else None)
            line = None if index is None else self._index_to_line.get(index)
            if index is not None and line is not None and kept_at is not None:
                # On a row of the view as it is now: kept in a taller one (a terminal
                # made smaller over the bookmarks), the cursor was left below it (review).
                height = self.scrollable_content_region.height
                if height:
                    rows = self._index_to_line.get(index + 1, line + 1) - line
                    kept_at = min(kept_at, max(0, height - rows))
                # The view moves with the kept article. The rebuild scrolled to the top,
                # then only as far as the cursor needed: the next page of hits listed
                # while the wheel scrolled them put the view back at the first, and a
                # cursor far down went to the bottom row, a hidden entry's snippet line
                # at the top.
                self.scroll_to(y=max(0, line - kept_at), animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        """Up from the first entry stays there: OptionList wrapped to the last entry
        listed, an arbitrary one in a list paged 60 at a time, and that listed the
        next page besides."""
        if self.highlighted is None:
            self.action_first()
        elif self.highlighted > 0:
            super().action_cursor_up()

    def action_cursor_down(self) -> None:
        """Down from the last entry stays there (it wrapped to the first)."""
        if self.highlighted is None:
            self.action_first()
        elif self.highlighted < self.option_count - 1:
            super().action_cursor_down()

    def place_last(self) -> None:
        """The cursor on the last entry, placed as `show` places it: no OptionHighlighted
        nor NearEnd, which would have the screen list the next page (`G` landing on the
        last hit it listed listed 50 more, the cursor no longer on the last row)."""
        with self.prevent(self.OptionHighlighted, self.NearEnd):
            self.action_last()

    def scroll_to_highlight(self, top: bool = False) -> None:
        """To the cursor's entry, the top row an entry's first (`_top_on_an_entry`).

        Every way the view follows the cursor comes here: the cursor moved (`j`, PgDn,
        placed back on the hit `r` was pressed on), the list shown again beside or
        instead of the reader (rebuilt while hidden, by an update's reload or the way
        back from related articles, it was at its top), the terminal resized."""
        super().scroll_to_highlight(top)
        self._top_on_an_entry()

    def _top_on_an_entry(self) -> None:
        """The top row the first of the next entry, if the view starts inside one and
        the cursor's stays whole. OptionList scrolls only as far as the cursor needs,
        leaving the top row a hidden entry's date or snippet line: PgDn most often,
        `j` at 100x30 (28 rows of 3-row hits), the hits shown again at 80x24 after
        reading one far down. (Up, the cursor's entry is the top one: whole.)"""
        highlighted = self.highlighted
        if highlighted is None:
            return
        top = round(self.scroll_y)
        lines = self._lines
        if top <= 0 or top >= len(lines) or lines[top][1] == 0:
            return
        entry_top = self._index_to_line.get(lines[top][0] + 1)
        cursor_top = self._index_to_line.get(highlighted)
        if entry_top is not None and cursor_top is not None and entry_top <= cursor_top:
            self.scroll_to(y=entry_top, animate=False, immediate=True)

    @property
    def max_scroll_y(self) -> int:
        """As far as the view scrolls: past the last row, where stopping there leaves the
        top row inside an entry, to the next entry's first row (the rows under the last
        entry blank). At 80x24, `G` over every article left the top row a date line
        whose title was off screen (`│   2009-08-17  Peachy`: two-row entries in 19
        rows; user review); `_top_on_an_entry`, which moves the top to an entry's first
        row, could not scroll that far. The line table is read as it stands, not
        brought up to date (`_update_lines` sets the size this is computed from), unless
        it is shorter than the view's end: a row redrawn (`u`, `b`) empties it, and the
        layout that followed checked the scroll against the last row's end, the view
        slid back a row to a date line at the top (`G`, then `u`, at 100x30: review).
        Counted again, it holds as many lines as the size (no size set anew)."""
        end = super().max_scroll_y
        cache = self._line_cache
        if end > 0 and end >= len(cache.lines):
            self._update_lines()
        lines = cache.lines
        if end <= 0 or end >= len(lines) or lines[end][1] == 0:
            return end
        return cache.index_to_line.get(lines[end][0] + 1, end)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        near_end = self.max_scroll_y - self.scrollable_content_region.height
        if new_value > old_value and new_value >= near_end and self.entries:
            self.post_message(self.NearEnd())

    def show_notice(self, text: Text) -> None:
        """No entries, and `text` in their place (why there are none, what to try)."""
        self.entries = []
        self._shown_keys = []
        with self.prevent(self.OptionHighlighted):
            self.set_options([NoticeOption(text)])
            self.highlighted = None

    @property
    def notice(self) -> str:
        """The notice shown ('' when the list shows entries, or nothing)."""
        if self.entries or self.option_count != 1:
            return ""
        option = self.get_option_at_index(0)
        return str(option.prompt) if isinstance(option, NoticeOption) else ""

    def extend(self, entries: Sequence[Entry], *, read: set[str], bookmarked: set[str]) -> None:
        """Append entries (the next page), keeping the cursor where it is."""
        self._read, self._bookmarked = read, bookmarked
        keys = [self._key(e) for e in entries]
        self.entries.extend(entries)
        self._shown_keys.extend(keys)
        self.add_options(self._option(e, key) for e, key in zip(entries, keys, strict=True))
        self._trim_hits()

    def _trim_hits(self) -> None:
        """Drop the hits least recently shown beyond HIT_CACHE, never one listed now.

        Trimmed after a rebuild, not during it: the rebuild walks the rows in order,
        and with more rows than the cache holds, evicting as it went dropped rows the
        same pass needed next (a list of 200 hits drew every row again)."""
        hits = self._hit_options
        for _ in range(len(hits) - max(HIT_CACHE, len(self.entries))):
            hits.popitem(last=False)

    def index_of(self, article_id: str) -> int | None:
        for index, entry in enumerate(self.entries):
            if entry.summary.id == article_id:
                return index
        return None

    def refresh_marks(self, article_id: str, *, read: set[str], bookmarked: set[str]) -> None:
        self._read, self._bookmarked = read, bookmarked
        index = self.index_of(article_id)
        if index is not None:
            entry = self.entries[index]
            key, old = self._key(entry), self._shown_keys[index]
            if key != old:
                # The option itself gets the new prompt: it is kept under its new key.
                self._shown_keys[index] = key
                cache = self._cache_for(key)
                cache.pop(old, None)
                option = cache[key] = self.get_option_at_index(index)
                self._forget_rendered(option)
                self.replace_option_prompt_at_index(index, self._prompt(entry, key[4]))

    @property
    def current_id(self) -> str | None:
        if self.highlighted is None or not self.entries:
            return None
        return self.entries[self.highlighted].summary.id

    def step(self, delta: int) -> str | None:
        """Move the cursor by `delta` entries; the id now under it."""
        if not self.entries:
            return None
        start = self.highlighted if self.highlighted is not None else -delta
        self.highlighted = max(0, min(len(self.entries) - 1, start + delta))
        return self.current_id

    def _key(self, entry: Entry) -> PromptKey:
        article_id = entry.summary.id
        return (
            entry.summary,
            article_id in self._read,
            article_id in self._bookmarked,
            entry.hit.snippet if entry.hit else (),
            entry.title_matches,
        )

    def keep_rows(self) -> None:
        """Keep the rows listed now for `show` to reuse, until `drop_kept_rows`: the list
        the bookmarks or related articles are listed over, which Esc lists again."""
        keys, options = self._shown_keys, self.options
        self._kept = dict(zip(keys, options, strict=True)) if len(keys) == len(options) else {}
        self._kept_place = None
        cursor = self.highlighted
        line = None if cursor is None else self._index_to_line.get(cursor)
        if self._kept and cursor is not None and line is not None:
            self._kept_place = (keys[cursor], line - round(self.scroll_y))

    def drop_kept_rows(self) -> None:
        """Let the rows `keep_rows` kept go (the cyclic collector walks each option
        kept, ~25 µs apiece in every full collection: see HIT_CACHE)."""
        self._kept = {}
        self._kept_place = None

    def _cache_for(self, key: PromptKey) -> dict[PromptKey, Option]:
        return self._hit_options if key[3] else self._listed_options

    def _option(self, entry: Entry, key: PromptKey) -> Option:
        kept = self._kept.get(key)
        if kept is not None:
            return kept
        hits = self._hit_options
        if key[3]:
            option = hits.get(key)
            if option is not None:
                hits.move_to_end(key)
                return option
            option = hits[key] = Option(self._prompt(entry, key[4]), id=entry.summary.id)
            return option
        listed = self._listed_options
        option = listed.get(key)
        if option is None:
            if len(listed) >= LISTED_CACHE:
                listed.clear()
            option = listed[key] = Option(self._prompt(entry, key[4]), id=entry.summary.id)
        return option

    def _prompt(self, entry: Entry, title_matches: tuple[tuple[int, int], ...]) -> Text:
        article_id = entry.summary.id
        return summary_prompt(
            entry.summary,
            read=article_id in self._read,
            bookmarked=article_id in self._bookmarked,
            snippet=entry.hit.snippet if entry.hit else (),
            title_matches=title_matches,
        )

    def _get_visual(self, option: Option) -> Visual:
        """The option's `Rows` (overrides a private method of OptionList, which
        would make a `Content` of the prompt); Content where the CSS wraps lines."""
        visual = option._visual
        if visual is None and isinstance(option, NoticeOption):
            prompt = option.prompt
            assert isinstance(prompt, Text)
            visual = option._visual = Wrapped(prompt, self.app.console, typesetting_of(self))
        if visual is None:
            styles = self.styles
            if styles.text_wrap != "nowrap" or styles.text_overflow != "ellipsis":
                return super()._get_visual(option)
            prompt = option.prompt
            assert isinstance(prompt, Text)
            visual = option._visual = Rows(prompt, self.app.console)
        return visual

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        """The option's rows, drawn once for each place and style it is shown in.

        OptionList draws an option's rows again after every rebuild (setting the options
        drops its cache) and every restyle (focus changes the border's colour): the
        unfiltered list coming back on Escape, or a hit listed again at the next
        keystroke, cost as much as new rows, ~0.4 ms an entry. (Overrides a private
        method of Textual's OptionList, pinned in constraints.txt.)
        """
        width, layout = self._drawing or self._draw_context()
        index = self._option_to_index[option]
        key = (option, style, width, index, layout)
        rendered = self._rendered
        strips = rendered.get(key)
        if strips is None:
            visual = self._get_visual(option)
            if isinstance(visual, Rows) and not layout[2]:
                # What OptionList draws (Visual.to_strips, then padded and tagged with
                # the option's index for clicks), without the steps that change nothing
                # here: a list has no text selection, a row no links, no alignment.
                meta = {"option": index}
                base = style.rich_style
                strips = [
                    strip.extend_cell_length(width, base).apply_meta(meta)
                    for strip in visual.render_strips(width, None, style, _NO_OPTIONS)
                ]
            else:
                strips = super()._get_option_render(option, style)
            # Drawn just after a resize, OptionList may hand back rows of the old width
            # (its own cache is cleared when the Resize event arrives): not kept.
            if all(strip.cell_length == width for strip in strips):
                rendered[key] = strips
                if len(rendered) > RENDER_CACHE:
                    rendered.popitem(last=False)
        else:
            rendered.move_to_end(key)
        return strips

    def _draw_context(self) -> tuple[int, tuple[object, ...]]:
        """The list's width and the CSS rules that lay an option's text out."""
        styles = self.styles
        layout = (
            styles.text_wrap,
            styles.text_overflow,
            self.get_component_styles("option-list--option").padding,
        )
        return self.scrollable_content_region.width, layout

    def render_lines(self, crop: Region) -> list[Strip]:
        # Read once for the rows drawn in this pass, not for each of them (~1 ms a
        # keystroke's list).
        self._drawing = self._draw_context()
        self._update_lines()  # as OptionList.render_lines does next (then a no-op)
        self._pass = _Pass(
            self._line_cache.lines,
            self.scroll_offset.y,
            self.highlighted,
            self._mouse_hovering_over,
            self._drawing[0],
        )
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None
            self._pass = None

    def render_line(self, y: int) -> Strip:
        """OptionList's `render_line` with what it reads for every line read once a pass:
        its line table (each read brought it up to date, measuring the list's region),
        the scroll offset, the cursor, and the three styles of a row (~1 ms of the ~4 ms
        a keystroke's list of 45 lines took to draw)."""
        drawing = self._pass
        if drawing is None:
            return super().render_line(y)
        line_number = drawing.top + y
        try:
            index, offset = drawing.lines[line_number]
            option = self.options[index]
        except IndexError:  # past the end (or, as OptionList allows, a stale table)
            return Strip.blank(drawing.width, self._row_style("").rich_style)
        if option.disabled:
            component = "option-list--option-disabled"
        elif drawing.highlighted == index:
            component = "option-list--option-highlighted"
        elif drawing.hover == index:
            component = "option-list--option-hover"
        else:
            component = ""
        strips = self._get_option_render(option, self._row_style(component))
        if offset >= len(strips):
            return Strip.blank(drawing.width, self._row_style("").rich_style)
        return strips[offset]

    def _row_style(self, component: str) -> Style:
        styles = self._pass.styles if self._pass is not None else {}
        style = styles.get(component)
        if style is None:
            if component:
                style = self.get_visual_style("option-list--option", component)
            else:
                style = self.get_visual_style("option-list--option")
            styles[component] = style
        return style

    def get_visual_style(self, *component_classes: str, partial: bool = False) -> Style:
        """Textual's, with `reverse` if the last component's CSS asks for it: Textual's
        visual style keeps bold, dim, italic, underline and strike only. The cursor row
        is reversed where nothing else marks it (NO_COLOR in 16 colours, `tui.app`)."""
        style = super().get_visual_style(*component_classes, partial=partial)
        last = component_classes[-1] if component_classes else None
        if last is not None and self.get_component_styles(last).text_style.reverse:
            style = style + Style(reverse=True)
        return style

    def _forget_rendered(self, option: Option) -> None:
        """`option` gets a new prompt (its marks changed): its rows are drawn again."""
        for key in [key for key in self._rendered if key[0] is option]:
            del self._rendered[key]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id is not None:
            self.post_message(self.Chosen(event.option_id))
