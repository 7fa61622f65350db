"""Every reader command, declared once.

The main screen's key bindings, the footer, the `?` help screen and the
command palette are all derived from `COMMANDS`, so a key or a description
changes in one place. `available` decides whether a command makes sense in
the reader's current state: unavailable commands are left out of the footer and,
until searched for, of the palette.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import KW_ONLY, dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, Protocol, cast

from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from index.kana import fold, folded_with_map

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen


class ReaderContext(Protocol):
    """What the predicates may ask of the reader (the main screen implements it)."""

    @property
    def has_article(self) -> bool: ...
    @property
    def has_selection(self) -> bool: ...
    @property
    def has_listed(self) -> bool:
        """The list has the focus, its cursor on an article other than the one open:
        `R`, `v`, `w`, `W`, `n` and `N` open that one and act on it."""
        ...

    @property
    def has_cards(self) -> bool: ...
    @property
    def has_link(self) -> bool: ...
    @property
    def no_link(self) -> str:
        """Why there is no link for `o` / `y` / `Y` (when `has_link` is false)."""
        ...

    @property
    def has_hits(self) -> bool: ...
    @property
    def filters_alone(self) -> bool:
        """The search listed is of filters alone (`after:2012-05`): no word to find in
        an article's text."""
        ...

    @property
    def lists_no_hits(self) -> bool:
        """A search is listed, with no hits: the article open is none of its."""
        ...

    @property
    def no_hit_under_cursor(self) -> bool:
        """`lists_no_hits`, in the list: `r` has no article to act on (the one open, from
        the search before, is out of it)."""
        ...

    @property
    def article_aside(self) -> str:
        """Why `n`, `N` and `c` do not act on the open article now ('' if they do): it is
        out of sight behind bookmarks or related articles."""
        ...

    @property
    def is_searching(self) -> bool: ...
    @property
    def in_search_bar(self) -> bool: ...
    @property
    def no_sort(self) -> str:
        """Why `s` does not sort the list now ('' if it does)."""
        ...

    @property
    def no_back(self) -> str:
        """Why Esc has nothing to go back from now ('' if it has)."""
        ...

    @property
    def has_word(self) -> bool: ...
    @property
    def no_filter(self) -> str:
        """Why the filters (`f`, `F`, `p`, `d`) have nothing to filter ('' if they have)."""
        ...

    def run_command(self, command: Command) -> None: ...


@dataclass(frozen=True, slots=True)
class Needs:
    """When a command applies (called with the reader), and what the status line says
    when its key is pressed while it does not: a greyed key is not silent."""

    test: Callable[[ReaderContext], bool]
    why: Callable[[ReaderContext], str]

    def __call__(self, context: ReaderContext) -> bool:
        return self.test(context)


def _always(_: ReaderContext) -> bool:
    return True


def _no_article(c: ReaderContext) -> str:
    return "no article is open (Enter opens the one under the cursor)"


_article_or_listed = Needs(lambda c: c.has_article or c.has_listed, _no_article)
_selection = Needs(lambda c: c.has_selection or c.has_article, lambda c: "no article is listed")
_cards = Needs(
    # Not the cards of an article behind the bookmarks (one pane shown at a time): `c`
    # showed them over the list, of an article not on screen.
    lambda c: c.has_cards and not c.article_aside,
    lambda c: (
        c.article_aside
        if c.has_cards
        else "this article has no source cards"
        if c.has_article
        else _no_article(c)
    ),
)
_related = Needs(
    # Over a search with no hits `r` listed the articles related to the one open, a
    # hit of the search before, as if it were under the cursor.
    lambda c: (c.has_selection or c.has_article) and not c.no_hit_under_cursor,
    lambda c: (
        "the search has no hits to find related articles to"
        if c.no_hit_under_cursor
        else "no article is listed"
    ),
)


NO_SEARCH = "no search: / searches, then n goes from hit to hit"
FILTERS_ALONE = "filters alone find no words in the text (a word added, n finds it)"


def _no_hits(c: ReaderContext) -> str:
    if not c.is_searching:
        # Whether an article is open or not: in the list `n` opens the one under the
        # cursor first, so "no article is open (Enter opens …)" sent the user to Enter,
        # after which `n` still had no search to go through.
        return NO_SEARCH
    if c.filters_alone:
        # It said "the search matches nothing in this article", as if another might.
        return FILTERS_ALONE
    # In the list off the open article: the list is no search's (B, r), so the article
    # under the cursor would open without marks; "in this article" was the open one.
    if c.has_listed:
        return "no search matches to jump to (/ searches)"
    if c.article_aside:
        return c.article_aside
    if c.lists_no_hits:
        # `n` went through the article open before, a hit of the search before.
        return "the search has no hits to go through"
    if not c.has_article:
        return _no_article(c)
    return "the search matches nothing in this article"


_hits = Needs(lambda c: c.has_hits, _no_hits)
_sortable = Needs(
    # Out of the footer, and of the palette until searched for, with no search hits to
    # sort: the footer gives its room to keys that do something (the list of every
    # article is newest first already). The action asks the same (`Searching.no_sort`).
    lambda c: not c.no_sort,
    lambda c: c.no_sort,
)
_back = Needs(
    # Out of the footer, and of the palette until searched for, where Esc has nothing
    # to go back from (every article listed, no search): the footer showed `esc Back`
    # as a key that applies and the palette listed Back first, and Esc did nothing
    # (user review). Dialogs, the help and the palette close on Esc by their own keys.
    lambda c: not c.no_back,
    lambda c: c.no_back,
)
_link = Needs(lambda c: c.has_link, lambda c: c.no_link)
_filterable = Needs(
    # A home with no articles: `f` said "no outlet values in the index", the footer
    # offering it and the date filter as keys that apply (review).
    lambda c: not c.no_filter,
    lambda c: c.no_filter,
)
_searching = Needs(
    # From an empty bar it leaves the bar, as from one with a query (it stayed there).
    lambda c: c.is_searching or c.in_search_bar,
    lambda c: "no search to clear",
)


def _no_word(c: ReaderContext) -> str:
    # What to press, in words a user knows: "no word cursor here: v opens this article
    # with one" left them to work out what a word cursor is and that `*` needs one.
    if c.has_listed:
        return "press v to open this article and pick a word in it"
    if c.has_article:
        return "press v to pick a word first (w and W pick the next or previous)"
    return _no_article(c)


_word = Needs(lambda c: c.has_word, _no_word)


@dataclass(frozen=True, slots=True)
class Command:
    id: str
    keys: str
    """Textual key names, comma separated; the first is the one shown."""
    title: str
    description: str
    action: str
    """An action of the main screen (`action_<name>`), with arguments if any."""
    # Named where a command is declared: `footer=True, available=_selection` says what a
    # bare `True, _selection` in the table did not.
    _: KW_ONLY
    japanese: str = ""
    """A Japanese name, so the palette finds the command typed in Japanese too."""
    available: Callable[[ReaderContext], bool] = _always
    priority: bool = False
    """Handled before the focused widget sees the key (and in the order keys arrive)."""
    reading: str = ""
    """The Japanese name in hiragana, and the other words said or written for it
    (フィルター, ソート, 並び替え): the palette finds 並べ替え typed ならべかえ, ソート or
    並び替え (not shown)."""
    also: str = ""
    """Other words for the command, found as the reading is (ブックマーク typed しおり),
    but by a lone kana only where one of them begins with it (`palette_match`): が, of
    さがす, put Search first where Furigana had been."""
    kana_alone: bool = True
    """Whether one kana typed in the palette finds the command (False for Quit): a lone
    kana begins many words, and Enter after it runs the first row, which must not
    quit (と put Quit first, from a reading とじる, and ょ did before it)."""

    def unmet(self, context: ReaderContext) -> str:
        """Why the command does not apply now ('' if it does, or if it cannot say)."""
        if isinstance(self.available, Needs) and not self.available(context):
            return self.available.why(context)
        return ""

    @property
    def footer(self) -> bool:
        """Shown in the footer (`FOOTER`: where, as room allows)."""
        return self.id in FOOTER

    @property
    def action_name(self) -> str:
        return self.action.split("(", 1)[0]

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.title,
            show=self.footer,
            id=self.id,
            tooltip=self.description,
            priority=self.priority,
        )


SUSPENDS = sys.platform != "win32"
"""Whether Ctrl+Z suspends the reader (`suspend`): Windows has no job control, and
Textual's suspend does nothing there."""


COMMANDS: tuple[Command, ...] = (
    # A priority key: the text typed right after `/` must land in the search bar even
    # when it arrives in the same read as the `/` (pasting, fast typing, tmux send-keys).
    Command(
        "search",
        "slash",
        "Search",
        "Focus the search bar",
        "focus_search",
        japanese="検索",
        priority=True,
        reading="けんさく",
        also="さがす 探す",
    ),
    Command(
        "back",
        "escape",
        "Back",
        "Back: from the cards to the article, to the list, then clear the search",
        "back",
        japanese="戻る",
        available=_back,
        reading="もどる",
    ),
    Command("down", "j,down", "Down", "Move down", "move(1)", japanese="下へ", reading="した"),
    Command("up", "k,up", "Up", "Move up", "move(-1)", japanese="上へ", reading="うえ"),
    Command(
        "top", "g,home", "Top", "Go to the top", "edge('top')", japanese="先頭", reading="せんとう"
    ),
    Command(
        "bottom",
        "G,end",
        "Bottom",
        "Go to the bottom",
        "edge('bottom')",
        japanese="末尾",
        reading="まつび",
    ),
    Command(
        "page_down",
        "pagedown,space",
        "Page down",
        "Scroll a page down",
        "page(1)",
        japanese="次ページ",
        reading="つぎのぺーじ",
    ),
    Command(
        "page_up",
        "pageup",
        "Page up",
        "Scroll a page up",
        "page(-1)",
        japanese="前ページ",
        reading="まえのぺーじ",
    ),
    Command(
        "next_pane",
        "tab",
        "Next pane",
        "Focus the next pane",
        "cycle_pane(1)",
        japanese="次の欄",
        # Priority, as `/`: keys typed right after Tab in the same read (j, n) must go to
        # the pane it focuses, not into the search bar it leaves.
        priority=True,
        reading="つぎのらん",
    ),
    Command(
        "previous_pane",
        "shift+tab",
        "Previous pane",
        "Focus the previous pane",
        "cycle_pane(-1)",
        japanese="前の欄",
        priority=True,
        reading="まえのらん",
    ),
    Command(
        "previous_article",
        "left_square_bracket",
        "Previous article",
        "Open the previous article in the list",
        "step_article(-1)",
        japanese="前の記事",
        available=_selection,
        reading="まえのきじ",
    ),
    Command(
        "next_article",
        "right_square_bracket",
        "Next article",
        "Open the next article in the list",
        "step_article(1)",
        japanese="次の記事",
        available=_selection,
        reading="つぎのきじ",
    ),
    Command(
        "next_hit",
        "n",
        "Next match",
        "Jump to the search's next match in the article",
        "jump_hit(1)",
        japanese="次の一致",
        available=_hits,
        reading="つぎのいっち",
    ),
    Command(
        "previous_hit",
        "N",
        "Previous match",
        "Jump to the search's previous match in the article",
        "jump_hit(-1)",
        japanese="前の一致",
        available=_hits,
        reading="まえのいっち",
    ),
    Command(
        "toggle_read",
        "u",
        "Read/unread",
        "Mark the article read or unread",
        "toggle_read",
        japanese="既読 未読",
        available=_selection,
        reading="きどく みどく",
    ),
    Command(
        "toggle_bookmark",
        "b",
        "Bookmark",
        "Bookmark the article, or remove the bookmark",
        "toggle_bookmark",
        japanese="ブックマーク",
        available=_selection,
        reading="ぶっくまーく",
        also="しおり 栞 おきにいり お気に入り",
    ),
    Command(
        "bookmarks",
        "B",
        "Bookmarks",
        "Show bookmarked articles (again: back where you were)",
        "show_bookmarks",
        japanese="ブックマーク一覧",
        reading="ぶっくまーくいちらん",
        also="しおりいちらん 栞一覧 おきにいり お気に入り",
    ),
    Command(
        "related",
        "r",
        "Related",
        "List articles related to the one under the cursor (or the open one)",
        "show_related",
        japanese="関連記事",
        available=_related,
        reading="かんれんきじ",
    ),
    Command(
        "sort",
        "s",
        "Sort",
        "Sort search hits by date or by relevance",
        "toggle_sort",
        japanese="並べ替え 日付 関連度",
        available=_sortable,
        reading="ならべかえ ひづけ かんれんど そーと 並び替え ならびかえ",
    ),
    Command(
        "cards",
        "c",
        "Cards",
        "Source cards: to the pane beside the text, or into the text (wide screens)",
        "toggle_cards",
        japanese="出典 カード",
        available=_cards,
        reading="しゅってん かーど",
    ),
    Command(
        "open_link",
        "o",
        "Open link",
        "Open the link in sight in the text, the selected card's, or the article's (asks first)",
        "open_link",
        japanese="リンクを開く",
        available=_link,
        reading="りんくをひらく",
    ),
    Command(
        "copy_url",
        "y",
        "Copy URL",
        "Copy the URL in sight in the text, the selected card's, or the article's (OSC 52)",
        "copy('url')",
        japanese="URLをコピー",
        available=_link,
        reading="ゆーあーるえるをこぴー",
    ),
    Command(
        "copy_citation",
        "Y",
        "Copy citation",
        "Copy a citation: a link in the text, the selected card's outlet and URL, or the article's",
        "copy('citation')",
        japanese="引用をコピー",
        available=_link,
        reading="いんようをこぴー",
    ),
    Command(
        "filter_outlet",
        "f",
        "Filter by outlet",
        "Pick an outlet to filter the search by",
        "pick_facet('outlet')",
        japanese="媒体で絞り込む",
        available=_filterable,
        reading="ばいたいでしぼりこむ しぼりこみ 絞り込み ふぃるたー",
    ),
    Command(
        "filter_site",
        "F",
        "Filter by site",
        "Pick a site to filter the search by",
        "pick_facet('site')",
        japanese="サイトで絞り込む",
        available=_filterable,
        reading="さいとでしぼりこむ しぼりこみ 絞り込み ふぃるたー",
    ),
    Command(
        "filter_person",
        "p",
        "Filter by person",
        "Pick a person to filter the search by",
        "pick_facet('person')",
        japanese="人物で絞り込む",
        available=_filterable,
        reading="じんぶつでしぼりこむ しぼりこみ 絞り込み ふぃるたー",
    ),
    Command(
        "filter_date",
        "d",
        "Filter by date",
        "Limit the search to a date or range",
        "filter_date",
        japanese="日付で絞り込む",
        available=_filterable,
        reading="ひづけでしぼりこむ しぼりこみ 絞り込み ふぃるたー",
    ),
    Command(
        "clear_search",
        "ctrl+l",
        "Clear search",
        "Clear the query and show all articles",
        "clear_search",
        japanese="検索をクリア",
        available=_searching,
        # Priority, as `/`: in the search bar it clears the query in the order keys
        # arrive, the text typed right after it kept (`Searching.action_clear_search`).
        priority=True,
        reading="けんさくをくりあ",
    ),
    Command(
        "furigana",
        "R",
        "Furigana",
        "Show or hide readings after words written with kanji",
        "toggle_furigana",
        japanese="ふりがな ルビ 読み",
        available=_article_or_listed,
        reading="ふりがな るび よみ",
    ),
    Command(
        "word_cursor",
        "v",
        "Word cursor",
        "Show or hide the word cursor (lemma, reading, part of speech)",
        "toggle_word_cursor",
        japanese="単語カーソル",
        available=_article_or_listed,
        reading="たんごかーそる",
    ),
    Command(
        "next_word",
        "w",
        "Next word",
        "Move the word cursor to the next word",
        "move_word(1)",
        japanese="次の単語",
        available=_article_or_listed,
        reading="つぎのたんご",
    ),
    Command(
        "previous_word",
        "W",
        "Previous word",
        "Move the word cursor to the previous word",
        "move_word(-1)",
        japanese="前の単語",
        available=_article_or_listed,
        reading="まえのたんご",
    ),
    Command(
        "search_word",
        "asterisk",
        "Search word",
        "Search every article for the word under the cursor, in any inflection",
        "search_word",
        japanese="単語を検索",
        available=_word,
        reading="たんごをけんさく",
    ),
    Command(
        "help",
        # F1 too: what a user of other terminal programs presses first, and it works in
        # the search bar, where `?` is typed.
        "question_mark,f1",
        "Help",
        "Show the keys",
        "help",
        japanese="ヘルプ",
        reading="へるぷ",
        also="つかいかた 使い方",
    ),
    Command(
        "palette",
        "ctrl+p",
        "Commands",
        "Open the command palette",
        "palette",
        japanese="コマンド",
        reading="こまんど",
    ),
    Command(
        "quit",
        # ctrl+q too, as the help lists it: it quits from anywhere (Textual's priority
        # key), in the search bar, where `q` is typed, as well.
        "q,ctrl+q",
        "Quit",
        "Quit yomite",
        "quit",
        japanese="終了",
        reading="しゅうりょう",
        kana_alone=False,
    ),
    *(
        # As a shell's job control does (over SSH most of all): the terminal back to
        # the shell, `fg` brings the reader back. The key was read and dropped.
        (
            Command(
                "suspend",
                "ctrl+z",
                "Suspend",
                "Suspend yomite to the shell; fg brings it back",
                "suspend",
                japanese="一時停止",
                reading="いちじていし さすぺんど",
                kana_alone=False,  # ぺ, ペ listed it first (review)
            ),
        )
        if SUSPENDS
        else ()
    ),
)

BAR_COMMANDS: tuple[Command, ...] = (
    Command(
        "earlier_search",
        "up",
        "Earlier search",
        "In the search bar: the search before, newest first (of those beginning with what "
        "is typed)",
        "recall(1)",
        japanese="前の検索",
        reading="まえのけんさく",
    ),
    Command(
        "later_search",
        "down",
        "Later search",
        "In the search bar: the search after, then what was typed",
        "recall(-1)",
        japanese="次の検索",
        reading="つぎのけんさく",
    ),
)
"""The search bar's own keys: their actions are the bar's (`QueryInput`), not the main
screen's, and they act only there (elsewhere ↑ ↓ move). Shown in the help, not in the
palette (which takes the focus from the bar)."""

CARDS_COMMANDS: tuple[Command, ...] = (
    Command(
        "go_to_card",
        "enter",
        "Go to card",
        "In the Sources pane: read the text from the selected card's place (its section)",
        "go_to_card",
        japanese="出典の箇所へ",
        available=_cards,
        reading="しゅってんのかしょへ かーど",
    ),
)
"""The Sources pane's own keys: Enter is the list's (open) and the bar's (search)
elsewhere, so it is bound in the pane alone (`CardsPane`); the palette runs the same
screen action, from any pane."""

QUIT_HINT_KEY = Binding("ctrl+c", "app.help_quit", show=False)
"""Ctrl+C over the help and the dialogs: how to quit (`YomiteApp.action_help_quit`).
A modal screen stops the App's own Ctrl+C there, and the key did nothing. (An input's
Ctrl+C, with text selected, copies it first.)"""

SUSPEND_KEY = Binding("ctrl+z", "app.suspend", show=False, priority=True)
"""Ctrl+Z (`suspend`, `YomiteApp.action_suspend`) over every screen, the help and the
dialogs too, as a shell's job control acts whatever a program shows (the main
screen's own binding, from `COMMANDS`, serves the palette)."""

PALETTE_EXCLUDED = frozenset({"palette", "down", "up", "page_down", "page_up"})


def in_help_order() -> Iterator[Command]:
    """Every command, the screen's and the search bar's, in the order the help lists
    them: the bar's right after `/`, which goes to the bar."""
    for c in COMMANDS:
        yield c
        if c.id == "search":
            yield from BAR_COMMANDS
        if c.id == "cards":
            yield from CARDS_COMMANDS


FOOTER = (
    # How a newcomer finds every other key, and leaves: always shown (with the
    # palette's ctrl+p, docked right).
    "search",
    "help",
    "quit",
    # Then what moves through the reader (one pane at a time below 100 columns: Esc is
    # the way back from an article), what a search and an article offer, and the
    # keys a reader comes to later: each as room allows, those that apply now first.
    "back",
    "next_hit",
    "cards",
    "sort",
    "related",
    # `b` before `B`: reading at 80 columns, after `esc Back  r Related`, there is room
    # for one of them, and `b` acts on the article read (user review).
    "toggle_bookmark",
    "bookmarks",
    "filter_outlet",
    "filter_date",
    "toggle_read",
    "furigana",
)
"""The footer's keys, the most needed first. At 80 columns it has room for the first
three and a few more, which `KeyFooter` picks among those that apply (a greyed key is
not shown): u, b and B, declared first, took that room, and `r` and `c` were cut."""
FOOTER_ESSENTIAL = 3
"""The first `FOOTER` keys, shown whether they apply or not (they always do)."""


def bindings() -> list[BindingType]:
    """The commands' key bindings, in the footer's order."""

    def footer_rank(c: Command) -> int:
        return FOOTER.index(c.id) if c.id in FOOTER else len(FOOTER)

    made: list[BindingType] = []
    for c in sorted(COMMANDS, key=footer_rank):
        binding = c.binding()
        shown, _, others = c.keys.partition(",")
        if binding.show and others:
            # The footer shows the first key only: in the search bar, where `?` is typed,
            # F1 took its place, a key not mounted, and entering the bar rebuilt the
            # footer (see `KeyFooter`).
            made += [replace(binding, key=shown), replace(binding, key=others, show=False)]
        else:
            made.append(binding)
    return made


def footer_essentials() -> frozenset[str]:
    """The actions of the keys the footer always shows (`FOOTER_ESSENTIAL`)."""
    table = {c.id: c.action for c in COMMANDS}
    return frozenset(table[name] for name in FOOTER[:FOOTER_ESSENTIAL])


def by_key() -> dict[str, Command]:
    """Each key's command (Textual key names)."""
    return {key.strip(): c for c in COMMANDS for key in c.keys.split(",")}


def by_action_name() -> dict[str, list[Command]]:
    table: dict[str, list[Command]] = {}
    for c in COMMANDS:
        table.setdefault(c.action_name, []).append(c)
    return table


# -- the command palette -----------------------------------------------------------


def folded_match(query: str, candidate: str) -> tuple[float, list[int]]:
    """Textual's fuzzy score over folded text, with the matched original offsets."""
    from textual.fuzzy import FuzzySearch

    folded_query = fold(query)
    folded_candidate, origin = folded_with_map(candidate)
    score, offsets = FuzzySearch().match(folded_query, folded_candidate)
    return score, sorted({origin[o] for o in offsets})


def palette_match(query: str, c: Command) -> tuple[float, list[int]]:
    """How well `query` matches the command in the palette (0: not at all), and the
    offsets of its label to highlight: by the label, or as read (ならべかえ), or by
    another word for it (しおり), where the Japanese name is what matched."""
    label = palette_label(c)
    typed = fold(query).strip()
    lone_kana = len(typed) == 1 and "\u3041" <= typed <= "\u309f"
    if lone_kana and not c.kana_alone:
        return 0.0, []
    score, offsets = folded_match(query, label)
    # A lone kana finds a command by another word for it only where the word begins
    # with it (お, お気に入り), not by a kana within it (が, さがす).
    also = c.also.split()
    if lone_kana:
        also = [word for word in also if fold(word).startswith(typed)]
    reading = " ".join([c.reading, *also]).strip()
    if reading:
        by_reading, _ = folded_match(query, reading)
        if by_reading > score:
            score = by_reading
            offsets = list(range(len(label) - len(c.japanese), len(label)))
    return score, offsets


def key_displays(app: App[object], c: Command) -> list[str]:
    """Each of the command's keys as the footer spells it (g, Home)."""
    return [app.get_key_display(b) for b in Binding.make_bindings([c.binding()])]


def palette_label(c: Command) -> str:
    return f"{c.title}  {c.japanese}" if c.japanese else c.title


def _find_reader(screen: Screen[object]) -> ReaderContext | None:
    for candidate in reversed(screen.app.screen_stack):
        if hasattr(candidate, "run_command"):
            return cast(ReaderContext, candidate)
    return None


SYSTEM_JAPANESE = {"Theme": "テーマ", "Screenshot": "スクリーンショット"}
"""Japanese names of Textual's own palette commands (`YomiteApp.get_system_commands`):
katakana, so their reading is the name folded (てーま)."""


class ReaderCommands(Provider):
    """The palette entries: the reader's commands that make sense right now; searched
    for, those that do not too, after them, saying why (ならべかえ with no search found
    nothing, "No matches found", as if the reader had no Sort). Run, such a one says
    why on the status line, as its greyed key does.

    Then the app's system commands (`YomiteApp.get_system_commands`: Textual's Theme
    and Screenshot), matched as the reader's are, folded (kana, width: テーマ and てーま
    find Theme; Textual's matcher took only English). One provider for both, so that
    they come after the reader's: as two, the palette listed them in the order the
    providers answered, a set's, and opened on Screenshot and Theme (user review)."""

    def _commands(self) -> Iterator[tuple[ReaderContext, Command, str]]:
        """Each command with why it does not apply now ('' when it does)."""
        reader = _find_reader(self.screen)
        if reader is None:
            return
        for c in (*COMMANDS, *CARDS_COMMANDS):
            if c.id not in PALETTE_EXCLUDED:
                yield reader, c, c.unmet(reader) if not c.available(reader) else ""

    def _help(self, c: Command, why: str = "") -> str:
        """The command's description and its keys (the palette is where keys are learnt),
        or why it does not apply now."""
        keys = " ".join(key_displays(self.app, c))
        if why:
            return f"not now: {why} — key: {keys}"
        return f"{c.description} — key: {keys}"

    async def discover(self) -> Hits:
        for reader, c, why in self._commands():
            if not why:
                yield DiscoveryHit(
                    Content(palette_label(c)),
                    partial(reader.run_command, c),
                    text=palette_label(c),
                    help=self._help(c),
                )
        for name, help_text, callback, discover in self.app.get_system_commands(self.screen):
            if discover:
                yield DiscoveryHit(Content(name), callback, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        style = self.match_style or Style(reverse=True)
        for reader, c, why in self._commands():
            label = palette_label(c)
            score, offsets = palette_match(query, c)
            if score <= 0:
                continue
            shown = Content(label)
            if why:
                shown = shown.stylize("dim")  # greyed: it does not apply now
                # After every command that applies, however weakly it matched (half a
                # strong match outscored a weak one): below zero, in their own order.
                score = -1 / (1 + score)
            for offset in offsets:
                shown = shown.stylize(style, offset, offset + 1)
            help = self._help(c, why)
            yield Hit(score, shown, partial(reader.run_command, c), text=label, help=help)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score, offsets = folded_match(query, name)
            if score <= 0:
                continue
            shown = Content(name)
            for offset in offsets:
                shown = shown.stylize(style, offset, offset + 1)
            yield Hit(score, shown, callback, text=name, help=help_text)
