"""The article list's rows (`Rows`) look exactly as Textual's Content draws them in the reader."""

from __future__ import annotations

from datetime import datetime

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.style import Style as RichStyle
from rich.text import Text
from textual.color import Color
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions

from index.model import ArticleFormat, ArticleSummary
from tui import ellipsis
from tui.render import summary_prompt
from tui.widgets.article_list import Rows, Wrapped

ellipsis.install()  # Content cuts lines as it does in the reader (the app installs it)

# As the list's CSS sets them: one row per line, cut with an ellipsis.
RULES = RenderOptions(
    get_style=lambda style: style if isinstance(style, Style) else Style.parse(style),
    rules={"text_wrap": "nowrap", "text_overflow": "ellipsis"},
)
CURSOR = Style(bold=True, reverse=False)
HOVER = Style(
    background=Color(40, 80, 160, 0.5), foreground=Color(230, 230, 230, 0.8), dim=True
)  # translucent colours, as the cursor and hover classes give them


def cells(strips: list[Strip]) -> list[list[tuple[str, object]]]:
    """Each row as (character, how it looks), whatever the segments' boundaries."""
    return [
        [
            (char, (s.bold, s.dim, s.italic, s.reverse, s.underline, s.color, s.bgcolor))
            for segment in strip
            for s in [segment.style or RichStyle.null()]
            for char in segment.text
        ]
        for strip in strips
    ]


def prompt(title: str, snippet: tuple[tuple[str, bool], ...], *, read: bool) -> Text:
    summary = ArticleSummary(
        id="a",
        path="/a.txt",
        title=title,
        published=datetime(2025, 3, 1),
        site="example.jp",
        outlet="共同通信",
        format=ArticleFormat.NEWS,
    )
    return summary_prompt(summary, read=read, bookmarked=not read, snippet=snippet)


PROMPTS = [
    prompt(
        "米ロ停戦交渉は？トランプ氏とプーチン氏",
        (("…協議の", False), ("停戦", True), ("案", False)),
        read=False,
    ),
    prompt("iPhone 4S\tの発売日 [/b] [link=x]", (), read=True),
    prompt("短い", (("全角の文字列が続いて幅を超えるとき", False), ("末尾", True)), read=False),
]


@pytest.mark.parametrize("width", [80, 33, 20, 9, 2, 1, 0])
@pytest.mark.parametrize("style", [Style(), CURSOR, HOVER], ids=["plain", "cursor", "hover"])
@pytest.mark.parametrize("text", PROMPTS, ids=["hit", "tab-and-markup", "cut-wide"])
def test_rows_look_as_content_drew_them(text: Text, style: Style, width: int) -> None:
    console = Console(width=200)
    ours = Rows(text, console).render_strips(width, None, style, RULES)
    textuals = Content.from_rich_text(text, console).render_strips(width, None, style, RULES)
    assert cells(ours) == cells(textuals)
    assert [strip.cell_length for strip in ours] == [strip.cell_length for strip in textuals]


def test_rows_are_one_per_line_of_the_prompt() -> None:
    rows = Rows(PROMPTS[0], Console())
    assert rows.get_height({}, 10) == 3
    assert rows.get_optimal_width({}, 200) == max(
        cell_len(line.plain) for line in PROMPTS[0].split("\n")
    )


@pytest.mark.parametrize("width", [40, 21, 20, 3, 2, 1])
def test_cut_rows_fit_where_the_ellipsis_is_two_cells_wide(width: int) -> None:
    """`ambiguous_width = 2`: … is drawn two cells wide, and a row a cell too wide
    pushes the list's border out of line."""
    from tui.cellwidth import narrow_ambiguous, widen_ambiguous

    widen_ambiguous()
    try:
        for text in PROMPTS:
            rows = Rows(text, Console(width=200)).render_strips(width, None, CURSOR, RULES)
            for line, strip in zip(text.split("\n"), rows, strict=True):
                drawn = sum(cell_len(segment.text) for segment in strip)
                assert drawn == strip.cell_length <= width
                if cell_len(line.plain) > width >= 2:  # cut: and says so (a cell to spare after)
                    assert strip.text.rstrip(" ").endswith("…")
    finally:
        narrow_ambiguous()


def test_a_notice_wraps_its_points_under_their_text() -> None:
    notice = Text("No article matches “東京 大阪”")
    notice.append("\n· Every word must appear: try fewer, or OR between them.")
    strips = Wrapped(notice, Console()).render_strips(24, None, CURSOR, RULES)
    lines = [strip.text for strip in strips]
    assert all(cell_len(line) <= 24 for line in lines)
    assert lines[0].startswith(" No article matches")
    point = lines.index(next(line for line in lines if line.startswith(" · ")))
    assert point > 0 and len(lines) > point + 1
    # Lines after a point's first stand under its text, not under the bullet.
    assert all(line.startswith("   ") and line[3] != " " for line in lines[point + 1 :])
    words = " ".join(lines[point:]).replace("·", "").split()
    assert " ".join(words) == "Every word must appear: try fewer, or OR between them."
    assert Wrapped(notice, Console()).get_height({}, 24) == len(lines)
