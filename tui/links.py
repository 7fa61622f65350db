"""The links of the open article, of its text and of its source cards, as actions of
the main screen (a mixin): `o` opens one in a browser (asking first, the whole URL
shown), `y` and `Y` copy a URL or a citation through the terminal (OSC 52).

What they act on, in the reader: the URL under the word cursor; else the links written
in the text that are in sight, with the selected card's (else the article's own URL, a
livedoor article names one) after them, a picker asking which when there are several;
with none in sight, the selected card's or the article's own; with neither, the links
of the text, the one after the reading position first. In the cards pane, the selected
card's. In the list, the row under the cursor when it is not the article open, as `b`
and `u` do. The commands are declared with the others in `tui.commands`, which asks
`has_link` and `no_link` whether they can run.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import work

from index.config import ClipboardMode
from index.errors import LibraryError, ParseError
from index.model import Article, ArticleFormat, BlockKind, Link, SourceCard
from index.urls import as_uri
from tui import browser
from tui.clipboard import osc52, tmux_lets_copies_through
from tui.dialogs import ConfirmDialog, LinkChoice, LinkPicker
from tui.render import citation, link_citation, link_style, one_line
from tui.screen_parts import MainScreenParts, Unanswered
from tui.widgets import StatusKind

if TYPE_CHECKING:
    from tui.app import YomiteApp


def article_link(article: Article) -> tuple[str, str] | None:
    """(URL, citation) of an article that names its own URL (a livedoor article)."""
    if not article.url:
        return None
    parts = (article.outlet or "", article.title, article.url)  # outlet, title, URL
    return article.url, ", ".join(part for part in parts if part)


TMUX_CLIPBOARD = (
    "tmux passes a copy on to your clipboard with `set -g set-clipboard on` in "
    '~/.tmux.conf (or [reader] clipboard = "tmux" and `set -g allow-passthrough on`)'
)
"""Said once a session on the first copy in tmux, unless tmux says it lets the copy
through: its default (`set-clipboard external`) drops the copy silently, while the
status line said "copied"."""


PICKER_TITLES = {
    "open": "Open which link?",
    "url": "Copy which link's URL?",
    "citation": "Copy which link's citation?",
}

CONTEXT_CHARACTERS = 12
"""How much of the text before a link the picker shows: a Markdown link's words
(気象庁 https://…), a label (Ｕ Ｒ Ｌ：)."""

NAMED_CHARACTERS = 16
"""How much of a title a message names when it has more to say after it."""


def _named(title: str) -> str:
    """`title` quoted in a message, cut to its start: the status line cuts a message's
    end, and a curation title (~60 characters) left no room for "has no link of its
    own" below 130 columns."""
    title = one_line(title)  # a tab drawn to the status line's own tab stops otherwise
    if len(title) > NAMED_CHARACTERS:
        cut = NAMED_CHARACTERS
        while cut > 1 and _goes_with_the_one_before(title, cut):
            cut -= 1  # not inside a character as drawn (が written か+゙, 👨‍👩‍👧, 👍🏽)
        title = title[:cut].rstrip() + "…"
    return f"“{title}”"


def _tail(text: str) -> str:
    """The end of `text` as the picker quotes it: its last `CONTEXT_CHARACTERS`, after
    an ellipsis if cut, not inside a character as drawn (see `_named`)."""
    if len(text) <= CONTEXT_CHARACTERS:
        return text
    cut = len(text) - CONTEXT_CHARACTERS
    while cut < len(text) - 1 and _goes_with_the_one_before(text, cut):
        cut += 1
    return "…" + text[cut:]


def _goes_with_the_one_before(text: str, at: int) -> bool:
    """Whether `text[at]` is drawn with the character before it: a combining mark, a
    variation selector, a skin tone, or a character after a zero-width joiner."""
    char = text[at]
    return (
        unicodedata.combining(char) != 0
        or char in "\u200d\ufe0e\ufe0f\u3099\u309a"
        or "\U0001f3fb" <= char <= "\U0001f3ff"
        or text[at - 1] == "\u200d"
    )


def _card_named(index: int, card: SourceCard) -> str:
    named = card.outlet or card.site
    return f"source card {index + 1}" + (f" · {named}" if named else "")


def _one_each(choices: list[LinkChoice]) -> list[LinkChoice]:
    """`choices` without a URL met before (one paragraph's link twice, the selected
    card's own line in sight)."""
    seen: set[str] = set()
    kept = []
    for choice in choices:
        if choice.url not in seen:
            seen.add(choice.url)
            kept.append(choice)
    return kept


class SourceLinks(MainScreenParts):
    """Opening and copying links: `o`, `y` (URL) and `Y` (citation)."""

    _told_tmux_clipboard: bool = False

    # -- what the commands ask ---------------------------------------------------------

    @property
    def has_link(self) -> bool:
        listed = self._listed_target()
        if listed is not None:  # a news article names its URL (read with its file)
            return listed.format is ArticleFormat.NEWS
        return self._link_target() is not None or bool(self.reader.links)

    @property
    def no_link(self) -> str:
        listed = self._listed_target()
        if listed is not None:
            return self._no_link(_named(listed.title or listed.id))
        if self.reader.article is None:
            return self._no_link("")
        return "this article has no link and no source cards"

    def _link_target(self) -> tuple[str, str] | None:
        """(URL, citation) of the selected card, else of the open article (a livedoor
        article names its own URL); None when there is neither."""
        article = self.reader.article
        card = self.cards.selected_card
        if card is not None:
            return card.url or "", citation(card, article.title if article else "")
        return None if article is None else article_link(article)

    def _with_link(
        self, then: Callable[[tuple[str, str] | None, str], None], what: str = "open"
    ) -> None:
        """Call `then` with the link `o` / `y` / `Y` act on and what it belongs to, once
        picked if there are several (`what` they do: "open", "url", "citation")."""
        listed = self._listed_target()
        if listed is not None and listed.format is ArticleFormat.NEWS:
            self.link_of_listed(listed.id, then)
            return
        if listed is not None:  # no URL of its own; its cards' are read once it is open
            then(None, _named(listed.title or listed.id))
            return
        article = self.reader.article
        owner = "this card" if self.cards.selected_card is not None else "this article"
        choices, nearest = self._link_choices()
        if len(choices) > 1:

            def picked(choice: LinkChoice | None) -> None:
                if choice is not None:
                    then((choice.url, choice.citation), "this link")

            picker = LinkPicker(PICKER_TITLES[what], choices, nearest)
            self.app.push_screen(picker, picked)
            return
        if choices:
            then((choices[0].url, choices[0].citation), "this link")
            return
        then(self._link_target(), owner if article is not None else "")

    def _link_choices(self) -> tuple[list[LinkChoice], int]:
        """The links `o` / `y` / `Y` choose from in the open article (see the module's
        doc), and which to offer first; none when the selected card or the article's
        own link is all there is (`_link_target`: a card with no URL says so)."""
        reader = self.reader
        article = reader.article
        if article is None or not reader.links or self.cards.has_focus:
            return [], 0
        word = self.current_word
        if word is not None:
            under = [link for link in reader.links if link.start <= word.start < link.end]
            if under:  # the reader pointed at it
                return [self._text_choice(article, under[0])], 0
        in_sight = [self._text_choice(article, link) for link in reader.links_in_sight()]
        target = self._link_target()
        if in_sight:
            if target is not None and target[0]:
                in_sight.append(self._target_choice(article, target))
            return _one_each(in_sight), 0
        if target is not None and target[0]:
            return [], 0
        # Nothing in sight and no other URL: the text's, from the one after the reader.
        links = reader.links
        place = reader.place
        after = next((n for n, link in enumerate(links) if link.end > place), len(links) - 1)
        return [self._text_choice(article, link) for link in links], after

    def _text_choice(self, article: Article, link: Link) -> LinkChoice:
        document = self.reader.document
        assert document is not None
        block = document.blocks[link.block]
        cards = article.cards
        if block.card is not None and block.card < len(cards):
            card = cards[block.card]
            if block.kind is BlockKind.CARD_SOURCE and card.url == link.url:
                return LinkChoice(
                    link.url, citation(card, article.title), _card_named(block.card, card)
                )
            where = f"in source card {block.card + 1}"
        else:
            where = "in the text"
        # The words before it since the link before it in the block, if any (the second
        # of two Markdown links was said to be after the first's URL, `…ex.html を参照。`).
        links = self.reader.links
        at = bisect_left(links, link.start, key=lambda other: other.start)
        since = links[at - 1].end if at > 0 and links[at - 1].block == link.block else 0
        before = document.text[max(block.start, since) : link.start].strip()
        said = "after"
        if not before and link.block > 0:  # a URL on a line of its own: what it is under
            said, before = "under", document.blocks[link.block - 1].text.rstrip()
        if before:
            where += f", {said} “{_tail(before)}”"
        return LinkChoice(link.url, link_citation(link.url, article.title), where)

    def _target_choice(self, article: Article, target: tuple[str, str]) -> LinkChoice:
        """The selected card's link, or the article's own, as a choice."""
        card = self.cards.selected_card
        if card is not None and self.cards.selected is not None:
            return LinkChoice(target[0], target[1], _card_named(self.cards.selected, card))
        where = "the article's own" + (f" ({article.outlet})" if article.outlet else "")
        return LinkChoice(target[0], target[1], where)

    def _no_link(self, owner: str) -> str:
        """What `o` / `y` / `Y` say when `owner` ("this card", "this article", "“title”")
        has no link."""
        if not owner:
            return "no article open (Enter opens the one under the cursor)"
        if owner == "this card":
            return "this card has no link"
        said = f"{owner} has no link of its own"
        if owner == "this article" and self.has_cards:
            said += ": its source cards have theirs (c)"
        return said

    @work(exclusive=True, group="link", exit_on_error=False)
    async def link_of_listed(
        self, article_id: str, then: Callable[[tuple[str, str] | None, str], None]
    ) -> None:
        library = self.library
        if library is None:
            return
        article = await self._index_call(
            "link", lambda: library.load(article_id), errors=(ParseError, LibraryError, OSError)
        )
        if not isinstance(article, Unanswered) and self.article_list.current_id == article_id:
            then(article_link(article), _named(article.title or article_id))

    # -- the actions -------------------------------------------------------------------

    def action_open_link(self) -> None:
        self._with_link(self._offer_link, "open")

    def _offer_link(self, target: tuple[str, str] | None, owner: str) -> None:
        if target is None or not target[0]:
            self.status.say(self._no_link(owner), StatusKind.WARNING)
            return
        url = target[0]
        style = link_style(url)
        if style is None:
            self.status.say("only http and https links are opened", StatusKind.WARNING)
            return
        body = Text()
        body.append(url, style=style)
        body.append(
            "\n\nYour terminal may open it itself (ctrl/cmd-click the link)."
            "\nOpen starts a browser on the machine yomite runs on."
        )

        def answered(yes: bool | None) -> None:
            if yes:  # its URI: an IRI's Japanese percent-encoded, as a browser takes it
                self.open_in_browser(as_uri(url))

        self.app.push_screen(ConfirmDialog("Open this link?", body, yes="Open"), answered)

    @work(thread=True, group="browser", exit_on_error=False)
    def open_in_browser(self, url: str) -> None:
        """Start a browser here (in a thread: `webbrowser` may wait for it), and say
        whether one was started."""
        opened = browser.open_in_browser(url)
        said = "opened the link in a browser" if opened else browser.NO_BROWSER
        self.app.call_from_thread(
            partial(self.status.say, said, StatusKind.PASSING if opened else StatusKind.WARNING)
        )

    def action_copy(self, what: str) -> None:
        self._with_link(partial(self._copy, what), what)

    def _copy(self, what: str, target: tuple[str, str] | None, owner: str) -> None:
        shown = "" if target is None else target[0] if what == "url" else target[1]
        if not shown:
            self.status.say(self._no_link(owner), StatusKind.WARNING)
            return
        # The URL's URI (an IRI's Japanese percent-encoded): pasted where URLs are found
        # (a chat, a mail, Markdown), an IRI ends at its first Japanese character.
        url = "" if target is None else target[0]
        uri = as_uri(url)
        text = shown.replace(url, uri) if url else shown
        mode = self.setup.config.reader.clipboard
        sequence = osc52(text, mode)
        if sequence is None:
            self.status.say("clipboard is off ([reader] clipboard)", StatusKind.WARNING)
            return
        cast("YomiteApp", self.app).send_clipboard(text, sequence)
        # What was copied, so the user can tell which card's link it was: its URL as
        # written (readable), saying when the copy has it percent-encoded.
        how = f"{mode}, percent-encoded" if uri != url else mode
        said = f"copied {'URL' if what == 'url' else 'citation'} ({how}): {shown}"
        self.status.say(said)
        if self.setup.in_tmux and not self._told_tmux_clipboard:
            self._told_tmux_clipboard = True
            self._advise_tmux_clipboard(mode)  # asked once, on the first copy

    @work(thread=True, group="tmux", exit_on_error=False)
    def _advise_tmux_clipboard(self, mode: ClipboardMode) -> None:
        """Say how to let copies through tmux, unless tmux says it does. On a thread:
        asking tmux runs a process (up to half a second when the server is slow), which
        held the keys and the paints on the first copy."""
        if not tmux_lets_copies_through(mode):
            # Above the status line, which says what was copied: the notice said it
            # again, a URL wrapped mid-number in 9 lines.
            toast = partial(self._toast, TMUX_CLIPBOARD, severity="information", timeout=15)
            self.app.call_from_thread(toast)
