"""The reader's widgets."""

from tui.widgets.article_list import ArticleList, Entry
from tui.widgets.cards_pane import CardsPane, CardView
from tui.widgets.paragraph import Paragraph
from tui.widgets.reading_view import BlockView, ReadingView
from tui.widgets.search_bar import SearchBar
from tui.widgets.status_line import StatusKind, StatusLine, Topic

__all__ = [
    "ArticleList",
    "BlockView",
    "CardView",
    "CardsPane",
    "Entry",
    "Paragraph",
    "ReadingView",
    "SearchBar",
    "StatusKind",
    "StatusLine",
    "Topic",
]
