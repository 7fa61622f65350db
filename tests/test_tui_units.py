"""The reader's small pieces: kana folding, OSC 52, links, SSH defaults, filters, hit paging."""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from index.config import Config, ReaderConfig
from index.errors import DATE_FORMS
from index.kana import fold, folded_with_map
from index.model import SourceCard
from index.query_edit import (
    date_clause,
    date_range_error,
    date_range_of,
    quote_facet,
    unshown_dates,
    without_dates,
    without_facet,
    without_last_filter,
)
from tui import FRAME_RATE, prefer_fast_frames
from tui.app import animations_wanted
from tui.clipboard import osc52
from tui.commands import BAR_COMMANDS, CARDS_COMMANDS, COMMANDS, folded_match
from tui.render import citation, link_style, summary_prompt


@pytest.mark.parametrize("typed", ["ぶっくまーく", "ブックマーク", "ﾌﾞｯｸﾏｰｸ"])
def test_kana_and_width_fold_to_the_same_text(typed: str) -> None:
    assert fold(typed) == "ぶっくまーく"


def test_folding_maps_back_to_the_original_characters() -> None:
    folded, origin = folded_with_map("Aｶﾞ")
    assert folded == "aが"
    assert origin == [0, 1]  # が came from ｶ (+ the voiced mark that joined it)


def test_palette_matching_highlights_the_original_label() -> None:
    score, offsets = folded_match("ＣＯＰＹ", "Copy URL  URLをコピー")
    assert score > 0 and offsets == [0, 1, 2, 3]
    assert folded_match("こぴー", "Copy URL  URLをコピー")[1] == [14, 15, 16]
    assert folded_match("zzz", "Copy URL")[0] == 0


def test_every_command_has_a_unique_id_and_keys() -> None:
    ids = [c.id for c in COMMANDS]
    keys = [k for c in COMMANDS for k in c.keys.split(",")]
    assert len(ids) == len(set(ids))
    assert len(keys) == len(set(keys)), "a key bound to two commands"
    # The search bar's keys act there alone (↑ ↓ move elsewhere): ids still unique.
    bar = [c.id for c in BAR_COMMANDS]
    assert len({*ids, *bar}) == len(ids) + len(bar)
    assert [k for c in BAR_COMMANDS for k in c.keys.split(",")] == ["up", "down"]
    # The Sources pane's Enter acts there alone (the list's opens, the bar's searches).
    pane = [c.id for c in CARDS_COMMANDS]
    assert len({*ids, *bar, *pane}) == len(ids) + len(bar) + len(pane)
    assert [k for c in CARDS_COMMANDS for k in c.keys.split(",")] == ["enter"]


def test_osc52_raw_tmux_and_off() -> None:
    raw = osc52("https://例え.jp/", "osc52")
    assert raw is not None and raw.startswith("\x1b]52;c;") and raw.endswith("\a")
    assert base64.b64decode(raw[7:-1]).decode() == "https://例え.jp/"
    wrapped = osc52("x", "tmux")
    assert wrapped == "\x1bPtmux;\x1b\x1b]52;c;eA==\a\x1b\\"
    assert osc52("x", "off") is None


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.cnn.co.jp/usa/35229899.html", True),
        ("http://example.com/", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://evil.example/a\x1b]52;c;eA==\a", False),
        ("https://", False),
        (None, False),
    ],
)
def test_only_http_and_https_urls_become_links(url: str | None, linked: bool) -> None:
    style = link_style(url)
    assert (style is not None and style.link == url) is linked


def test_animations_are_off_over_ssh_unless_asked_for() -> None:
    auto = Config()
    assert animations_wanted(auto, {}) is True
    assert animations_wanted(auto, {"SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}) is False
    forced = Config(reader=ReaderConfig(animations="on"))
    assert animations_wanted(forced, {"SSH_CONNECTION": "x"}) is True
    assert animations_wanted(Config(reader=ReaderConfig(animations="off")), {}) is False


def test_frames_are_faster_locally_unless_the_user_chose_a_rate() -> None:
    local: dict[str, str] = {}
    prefer_fast_frames(local)
    assert local["TEXTUAL_FPS"] == str(FRAME_RATE) != "60"
    over_ssh = {"SSH_CONNECTION": "10.0.0.1 5 10.0.0.2 22"}
    prefer_fast_frames(over_ssh)
    assert "TEXTUAL_FPS" not in over_ssh  # Textual's own 60
    chosen = {"TEXTUAL_FPS": "30"}
    prefer_fast_frames(chosen)
    assert chosen["TEXTUAL_FPS"] == "30"


def test_the_reader_sets_its_frame_rate_before_textual_is_imported() -> None:
    import subprocess
    import sys

    code = "import tui.app, textual.screen as s; print(round(1 / s.UPDATE_PERIOD))"
    env = {k: v for k, v in os.environ.items() if k not in ("TEXTUAL_FPS", "SSH_CONNECTION")}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == str(FRAME_RATE) != "60"


def test_filters_become_query_clauses() -> None:
    assert quote_facet("outlet", 'CNN "Japan"') == 'outlet:『CNN "Japan"』'  # its quotes kept
    # "From..to": the end is included (June is in 2012-03..2012-06)
    assert date_clause("2012-03..2012-06") == "after:2012-03 before:2012-07"
    assert date_clause("2012-03") == "after:2012-03 before:2012-04"  # that month
    assert date_clause("2012-03..") == "after:2012-03"  # from then on
    assert date_clause("2012-02-28") == "after:2012-02-28 before:2012-02-29"
    assert date_clause("..2012-06-30") == "before:2012-07-01"
    assert date_clause("2011..2011") == "after:2011 before:2012"
    assert date_clause("..2012-12") == "before:2013-01"
    assert date_clause("..2012/02/29") == "before:2012-03-01"
    assert date_clause("2012/03") == "after:2012-03 before:2012-04"  # written as the query's
    assert date_clause("..2012-13") == "before:2012-13"  # no date: the query says so
    assert date_clause("") == ""


@pytest.mark.parametrize(
    "typed",
    [
        "２０１２－０３〜２０１２－０６",
        "２０１２ー０３～２０１２ー０６",
        "2012-03 ~ 2012-06",
        # a month alone after a month: of its year (it said "'06' is not a date", and
        # Enter wrote before:06, which the query refused)
        "２０１２ー０３〜０６",
        "２０１２－０３～６",
        "2012/03..06",
    ],
)
def test_the_date_dialog_takes_dates_as_an_ime_types_them(typed: str) -> None:
    """after:２０１２－０３ works in the query, and the dialog refused it (review)."""
    assert date_range_error(typed) is None
    assert date_clause(typed) == "after:2012-03 before:2012-07"


@pytest.mark.parametrize(
    ("typed", "clause"),
    [
        ("2012年3月", "after:2012-03 before:2012-04"),
        ("２０１２年３月", "after:2012-03 before:2012-04"),
        ("2012年", "after:2012 before:2013"),
        ("2012年3月5日", "after:2012-03-05 before:2012-03-06"),
        ("2012年3月〜2012年6月", "after:2012-03 before:2012-07"),
        # an end without its year, as with dashes: a month of the start's year, a day of
        # its month, a month and a day of its year (or the next, over New Year)
        ("2012年3月〜6月", "after:2012-03 before:2012-07"),
        ("２０１２年３月５日〜１０日", "after:2012-03-05 before:2012-03-11"),
        ("2012年3月5日〜6月", "after:2012-03-05 before:2012-07"),
        ("2012年3月5日〜4月10日", "after:2012-03-05 before:2012-04-11"),
        ("2012年12月25日〜1月5日", "after:2012-12-25 before:2013-01-06"),
        ("2012年3月..", "after:2012-03"),
    ],
)
def test_the_date_dialog_takes_a_date_as_japanese_writes_it(typed: str, clause: str) -> None:
    """From review: `d` said "'2012年3月' is not a date", and after:2012年3月 was a bad
    date, where ２０１２-０３ and 2012/3 were taken."""
    assert date_range_error(typed) is None
    assert date_clause(typed) == clause


def test_the_date_dialog_says_what_is_no_date() -> None:
    # 2012-13 was taken, and the list then said the query was wrong.
    assert date_range_error("2012-03..2012-06") is None
    assert date_range_error("2012-06..2012-03") == (
        "2012-06 is after 2012-03: the earlier date goes first (2012-03..2012-06)"
    )
    assert date_range_error("2012-03..2012-03") is None  # March alone
    assert date_range_error("2012..2012-03") is None
    assert date_range_error("") is None
    assert date_range_error("2012-13") == "2012-13: there is no month 13 (01 to 12)"
    # The form right, the day not there: said so, as the query says it (it said only
    # that it was no date).
    assert date_range_error("2012-01..2012-02-30") == "2012-02-30: February 2012 has 29 days"
    assert str(date_range_error("last week")).endswith(f" is not a date: {DATE_FORMS}")
    # Written as text files write dates (2023/12/25), which the dialog refused for a month
    assert date_range_error("2012/03") is None
    assert date_range_error("2012/03..2012/06/30") is None
    # A month alone after a month is of its year; after a year, none is meant
    assert date_range_error("2012-06〜03") == (
        "2012-06 is after 2012-03: the earlier date goes first (2012-03..2012-06)"
        "; an end without its year is the next year's up to two months on"
    )
    assert date_range_error("2012〜06") == f"'06' is not a date: {DATE_FORMS}"
    assert date_range_error("2012〜04-10") == f"'04-10' is not a date: {DATE_FORMS}"
    # so as Japanese writes them: a month after a year, a day after a month, are no date
    assert date_range_error("2012年〜6月") == f"'6月' is not a date: {DATE_FORMS}"
    assert date_range_error("2012年3月〜6日") == f"'6日' is not a date: {DATE_FORMS}"
    assert date_range_error("2012年13月") == "2012年13月: there is no month 13 (01 to 12)"
    assert date_range_error("2012年3月5日〜2日") == (
        "2012年3月5日 is after 2012-03-02: the earlier date goes first (2012-03-02..2012年3月5日)"
    )
    # A number alone after a day is a day of its month: one before it that could be a
    # month is refused (it was read as June, after:2012-03-15 before:2012-07)
    assert date_range_error("2012-03-15〜06") == (
        "'06' after a day is a day of its month: 2012-03-06 is before 2012-03-15; "
        "for a month, write it whole (2012-06)"
    )
    assert date_range_error("2012-03-15〜13") == (
        "2012-03-15 is after 2012-03-13: the earlier date goes first (2012-03-13..2012-03-15)"
    )
    assert date_range_error("2012-02-05〜30") == "2012-02-30: February 2012 has 29 days"
    assert date_range_error("2012-03-05〜02-10") == (
        "2012-03-05 is after 2012-02-10: the earlier date goes first (2012-02-10..2012-03-05)"
        "; an end without its year is the next year's up to two months on"
    )
    # An end runs into the next year only with its year left out, and up to two months
    # on: 2012-12..11 was read as 2012-12..2013-11 (eleven months), while 2012-06..03 was
    # refused
    assert date_range_error("2012-12-25..2012-01-05") == (
        "2012-12-25 is after 2012-01-05: the earlier date goes first (2012-01-05..2012-12-25)"
    )
    assert date_range_error("2012-12-25..12-20") == (
        "2012-12-25 is after 2012-12-20: the earlier date goes first (2012-12-20..2012-12-25)"
    )
    assert date_range_error("2012-12..11") == (
        "2012-12 is after 2012-11: the earlier date goes first (2012-11..2012-12)"
        "; an end without its year is the next year's up to two months on"
    )
    assert date_range_error("2012-10-20..01-05") == (
        "2012-10-20 is after 2012-01-05: the earlier date goes first (2012-01-05..2012-10-20)"
        "; an end without its year is the next year's up to two months on"
    )
    assert date_range_error("2012-12-25〜01") == (
        "'01' after a day is a day of its month: 2012-12-01 is before 2012-12-25; "
        "for a month, write it whole (2013-01)"
    )


@pytest.mark.parametrize(
    ("typed", "clause", "shown"),
    [
        # A number alone after a day is a day of its month, the end included: it was
        # read as a month, after:2012-03-05 before:2012-11 (8 months for 5 days)
        ("2012-03-05〜10", "after:2012-03-05 before:2012-03-11", "2012-03-05..2012-03-10"),
        (
            "２０１２ー０３ー０５〜１０",
            "after:2012-03-05 before:2012-03-11",
            "2012-03-05..2012-03-10",
        ),
        ("2012/03/05..9", "after:2012-03-05 before:2012-03-10", "2012-03-05..2012-03-09"),
        ("2012-03-05〜31", "after:2012-03-05 before:2012-04-01", "2012-03-05..2012-03-31"),
        ("2012-03-05〜5", "after:2012-03-05 before:2012-03-06", "2012-03-05"),
        # A month and a day after a day or a month are of its year (no date, it said)
        ("2012-03-05〜04-10", "after:2012-03-05 before:2012-04-11", "2012-03-05..2012-04-10"),
        ("2012/03/05〜4/10", "after:2012-03-05 before:2012-04-11", "2012-03-05..2012-04-10"),
        ("2012-03〜04-10", "after:2012-03 before:2012-04-11", "2012-03..2012-04-10"),
        # After a December start, an end in a month before it is of the next year: a
        # range across New Year (it was refused, "the earlier date goes first")…
        ("2012-12-25..01-05", "after:2012-12-25 before:2013-01-06", "2012-12-25..2013-01-05"),
        (
            "２０１２ー１２ー２５〜１ー５",
            "after:2012-12-25 before:2013-01-06",
            "2012-12-25..2013-01-05",
        ),
        ("2012-12〜02", "after:2012-12 before:2013-03", "2012-12..2013-02"),
        # …and after a November start (2012-11-25..01-05 was refused, 2012-12..11 taken)
        ("2012-11-25..01-05", "after:2012-11-25 before:2013-01-06", "2012-11-25..2013-01-05"),
        ("2012-11〜01", "after:2012-11 before:2013-02", "2012-11..2013-01"),
        ("2012-12〜01-15", "after:2012-12 before:2013-01-16", "2012-12..2013-01-15"),
        ("2012-12-25〜12-31", "after:2012-12-25 before:2013-01-01", "2012-12-25..2012-12-31"),
    ],
)
def test_the_date_dialog_reads_the_end_as_the_part_of_a_date_it_is(
    typed: str, clause: str, shown: str
) -> None:
    assert date_range_error(typed) is None
    assert date_clause(typed) == clause
    assert date_range_of(f"東京 {clause}") == shown  # shown so when the dialog opens again


@pytest.mark.parametrize(
    "typed",
    ["2012-03..2012-06", "2012-03..", "..2012-06-30", "2011", "2012-02", "..2012-12", "..2012-01"],
)
def test_the_date_dialog_shows_the_querys_dates_as_typed(typed: str) -> None:
    query = f"東京 {date_clause(typed)} -大阪"
    assert date_range_of(query) == typed
    assert without_dates(query) == "東京 -大阪"


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("東京 after:2014 after:2012", "2014.."),
        ("東京 after:2012 after:2014", "2014.."),
        ("before:2012-06 東京 before:2014", "..2012-05"),
        ("after:2011 before:2014 after:2012-03 before:2013", "2012-03..2012"),
    ],
)
def test_the_date_dialog_shows_where_several_date_filters_overlap(query: str, shown: str) -> None:
    """Every date filter of a query holds: the dialog shows the range they leave (it
    showed the last written, and Enter on it widened the search to that range)."""
    assert date_range_of(query) == shown


def test_a_query_without_dates_shows_none() -> None:
    assert date_range_of("東京 title:after:x") == "" and without_dates("東京") == "東京"


@pytest.mark.parametrize(
    "phrase",
    ['"会見 after:2012"', "「会見 after:2012」", "＂会見 before:2013＂", "“after:2012 会見”"],
)
def test_a_date_filter_inside_a_quoted_phrase_is_words_the_date_dialog_leaves(
    phrase: str,
) -> None:
    """A quoted phrase is words to find, after: in it too: the dialog showed 2012"..
    (the quote with it) and took the filter out of the phrase, leaving its quote open."""
    assert date_range_of(f"東京 {phrase}") == ""
    assert without_dates(f"東京 {phrase}") == f"東京 {phrase}"
    assert date_range_of(f"{phrase} before:2014") == "..2013"
    assert without_dates(f"{phrase} before:2014") == phrase


@pytest.mark.parametrize(
    ("query", "left"),
    [
        ('iPad outlet:"Sports Watch"', "iPad"),
        ("outlet:Peachy", ""),
        ('OUTLET:"a b" 東京 person:本田', "東京 person:本田"),
        ("site:x.jp outlet:「あ い」 b", "site:x.jp b"),
        ("a outlet:X OR outlet:Y", "a outlet:X OR outlet:Y"),  # alternatives stay
        ("a -outlet:X", "a -outlet:X"),  # exclusions stay
        ("a NOT outlet:X", "a NOT outlet:X"),
        ("outlets:X", "outlets:X"),
        ('"会見 outlet:X" 東京', '"会見 outlet:X" 東京'),  # inside a phrase: words
        ("東京 outlet:『安倍 晋三』", "東京"),
        ("東京 ｏｕｔｌｅｔ：安倍", "東京"),  # as NFKC reads it
        # Typed with an IME: ー, − and － exclude, as -; ＯＲ and ＮＯＴ are OR and NOT;
        # ＂…＂ is a phrase (its outlet: is words to find)
        ("a ーoutlet:X", "a ーoutlet:X"),
        ("a −outlet:X outlet:Y", "a −outlet:X"),
        ("a －outlet:X", "a －outlet:X"),
        ("a outlet:X ＯＲ outlet:Y", "a outlet:X ＯＲ outlet:Y"),
        ("a ＮＯＴ outlet:X", "a ＮＯＴ outlet:X"),
        ("＂会見 outlet:X＂ 東京", "＂会見 outlet:X＂ 東京"),
    ],
)
def test_a_picked_facet_takes_the_place_of_its_kinds_filter(query: str, left: str) -> None:
    assert without_facet(query, "outlet") == left


@pytest.mark.parametrize(
    ("query", "name", "left"),
    [
        ("東京 ーsite:a.jp site:b.jp", "site", "東京 ーsite:a.jp"),
        (
            "東京 ーperson:本田 ＮＯＴ person:香川",
            "person",
            "東京 ーperson:本田 ＮＯＴ person:香川",
        ),
        (
            "東京 site:a.jp ＯＲ site:b.jp ーsite:c.jp",
            "site",
            "東京 site:a.jp ＯＲ site:b.jp ーsite:c.jp",
        ),
        ("「会見 site:a.jp」 site:b.jp", "site", "「会見 site:a.jp」"),
    ],
)
def test_a_picked_facet_leaves_what_the_search_reads_as_no_filter_of_its_own(
    query: str, name: str, left: str
) -> None:
    """The filters the picked one replaces are those the parser reads as a filter of
    that kind standing alone: not one left out (ー), joined by ＯＲ or inside a phrase."""
    assert without_facet(query, name) == left


def test_a_cards_citation_names_its_outlet_and_url_and_the_article_citing_it() -> None:
    """The card's source has no title of its own in the card: the curation article's
    headline is said to cite it, not put under the outlet's name (review)."""
    card = SourceCard(url="https://a.example/1", outlet="CNN", site="a.example")
    assert citation(card, "見出し") == "CNN, https://a.example/1 (cited in “見出し”)"
    assert citation(SourceCard(url="https://a.example/1", site="a.example"), "") == (
        "a.example, https://a.example/1"
    )
    assert citation(SourceCard(), "見出し") == "cited in “見出し”"


def test_a_card_in_the_pane_reads_in_the_order_of_the_text() -> None:
    """Outlet (else its site), points, URL, commentary: as the file and the reading view
    have them (the pane put the URL last), and no "(no outlet)" beside a site."""
    from tui.render import card_text

    card = SourceCard(
        bullets=["要点一。", "要点二。"],
        url="https://www.cnn.co.jp/usa/1.html",
        site="www.cnn.co.jp",
        comment=["論評です。"],
    )
    assert card_text(1, card, current=False).plain.split("\n") == [
        " 1  www.cnn.co.jp",
        "・要点一。",
        "・要点二。",
        "https://www.cnn.co.jp/usa/1.html",
        "論評です。",
    ]
    named = SourceCard(url="https://a.example/1", site="a.example", outlet="CNN")
    assert card_text(2, named, current=True).plain == " 2  CNN  a.example\nhttps://a.example/1"
    # Its 公開日 ends the heading line.
    from datetime import date

    dated = SourceCard(site="a.example", outlet="CNN", published=date(2024, 11, 7))
    assert card_text(3, dated, current=False).plain == " 3  CNN  a.example  2024-11-07"


def test_a_card_in_the_pane_shows_its_outlets_tagline_after_the_name() -> None:
    """The outlet is the name (朝日新聞+: the list, the `f` picker); the card itself, shown
    whole, writes the tagline after it as the file did, dim, the name bold."""
    from tui.render import card_text

    card = SourceCard(
        site="globe.asahi.com", outlet="朝日新聞+", tagline=":世界のいまを伝えるウェブメディア"
    )
    text = card_text(1, card, current=False)
    assert text.plain == " 1  朝日新聞+:世界のいまを伝えるウェブメディア  globe.asahi.com"
    styles = {text.plain[span.start : span.end]: str(span.style) for span in text.spans}
    assert styles["朝日新聞+"] == "bold"
    assert styles[":世界のいまを伝えるウェブメディア"] == "dim"


def test_a_markup_title_stays_text_in_the_list() -> None:
    from datetime import datetime

    from index.model import ArticleFormat, ArticleSummary

    summary = ArticleSummary(
        "x", "/x", "[/b][@click=app.quit]t", datetime(2012, 3, 1), None, "[b]o", ArticleFormat.NEWS
    )
    prompt = summary_prompt(summary, read=False, bookmarked=True)
    assert prompt.plain.startswith("●★ [/b][@click=app.quit]t")
    assert "[b]o" in prompt.plain
    assert not any(span.style and "link" in str(span.style) for span in prompt.spans)


def test_snippets_keep_little_context_before_the_first_match() -> None:
    from tui.render import snippet_text

    shown = snippet_text(
        (
            ("…長い前置きの", False),
            ("文章がここに続いていて、", False),
            ("日本代表", True),
            ("の試合。", False),
        )
    )
    assert shown.plain == "…こに続いていて、日本代表の試合。"
    assert shown.plain.index("日本代表") <= 9


def test_a_snippet_cut_at_a_space_has_its_ellipsis_touch_the_text() -> None:
    """It read "… の2日間限定で" in the list (review)."""
    from tui.render import snippet_text

    shown = snippet_text((("東京の特設会場で催しは 土曜と日曜日の", False), ("2日間限定", True)))
    assert shown.plain == "…土曜と日曜日の2日間限定"


def test_a_snippet_without_a_match_starts_at_its_passage() -> None:
    """A filter-only query (person:本田圭佑) marks nothing: the lead's start, not its end."""
    from tui.render import snippet_text

    shown = snippet_text((("31日、CSKAモスクワに所属する日本代表MF本田圭佑の移籍が", False),))
    assert shown.plain.startswith("31日、CSKA")


def test_cards_draw_osc8_links_only_for_web_urls() -> None:
    import asyncio

    from textual.app import App, ComposeResult
    from textual.geometry import Region

    from tui.widgets.cards_pane import CardView

    class Cards(App[None]):
        def compose(self) -> ComposeResult:
            yield CardView(
                1, SourceCard(bullets=["a"], url="https://www.cnn.co.jp/x", outlet="C"), 0
            )
            yield CardView(2, SourceCard(bullets=["b"], url="javascript:alert(1)", outlet="X"), 0)

    async def links_per_card() -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        app = Cards()
        async with app.run_test(size=(60, 20)):
            for card in app.query(CardView):
                region = Region(0, 0, card.size.width, card.size.height)
                found[card.number] = {
                    segment.style.link
                    for strip in card.render_lines(region)
                    for segment in strip
                    if segment.style and segment.style.link
                }
        return found

    assert asyncio.run(links_per_card()) == {1: {"https://www.cnn.co.jp/x"}, 2: set()}


def test_paragraphs_are_set_with_their_apps_typesetting_and_kept_while_it_is_equal() -> None:
    """The settings are the app's: a paragraph and a card set their text with them, set
    it anew when they change (furigana on), and keep what they set while they are equal
    (a new but equal value: no MeCab, no line breaking again)."""
    import asyncio

    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.reactive import var

    from tui.typeset import Typesetting
    from tui.widgets.cards_pane import CardView
    from tui.widgets.paragraph import Paragraph

    class Reader(App[None]):
        typesetting: var[Typesetting] = var(Typesetting())

        def compose(self) -> ComposeResult:
            yield Paragraph(Text("東京へ行く"))
            yield CardView(1, SourceCard(bullets=["東京の話"], outlet="C"), 0)

    async def run() -> None:
        app = Reader()
        async with app.run_test(size=(60, 20)):
            paragraph = app.query_one(Paragraph)
            card = app.query_one(CardView)
            first, card_lines = paragraph.typeset, card.lines(40)
            assert "(とうきょう)" not in first.lines(40)[0].plain
            app.typesetting = Typesetting()  # equal, not the same object
            assert paragraph.typeset is first and card.lines(40) is card_lines
            app.typesetting = Typesetting(furigana=True)
            assert "東京(とうきょう)" in paragraph.typeset.lines(40)[0].plain
            assert any("東京(とうきょう)" in line.plain for line in card.lines(40))

    asyncio.run(run())


def test_hits_come_a_screenful_at_a_time_and_more_as_the_cursor_nears_the_end(
    tmp_path: Path,
) -> None:
    """Typing fetches a screenful of hits (each costs a snippet); the rest are not lost:
    moving to the end of the list lists more, until every hit is there."""
    import asyncio

    from index.library import Library
    from index.locations import locations
    from tests.tui_support import reader_app, settle
    from tui.screens.main import MainScreen

    corpus = tmp_path / "articles"
    corpus.mkdir()
    for number in range(30):
        (corpus / f"news-{number}.txt").write_text(
            f"http://news.example/{number}\n2012-03-{number % 28 + 1:02d}T10:00:00+0900\n"
            f"見出し{number}\n停戦の交渉が{number}日目に入った。\n",
            encoding="utf-8",
        )
    home = tmp_path / "home"
    with Library.open(locations(home)) as library:
        assert not library.update([corpus]).failed

    async def scenario() -> None:
        app = reader_app(home, corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            await pilot.press("slash", *"停戦")
            await settle(pilot)
            listing = screen.article_list
            first = len(listing.entries)
            # A screenful at 80x24 (three rows a hit), not all 30.
            screenful = listing.size.height // 3
            assert screenful <= first <= screenful + 2
            assert str(listing.border_title).startswith(
                f"Hits 30 · {first} listed · by relevance, as typed"
            )
            # Down in the hits moves the list's cursor; near the end, more come.
            await pilot.press("tab")
            downs = ["down"] * 29
            for start in range(0, len(downs), 3):
                await pilot.press(*downs[start : start + 3])
                await settle(pilot)
            assert len(listing.entries) == 30
            assert listing.highlighted == 29
            assert str(listing.border_title) == "Hits 30 · by relevance, as typed"  # all
            # Every hit still carries its highlighted snippet.
            hits = [e.hit for e in listing.entries]
            assert all(hit is not None and any(m for _, m in hit.snippet) for hit in hits)

            # Typing on with the cursor down the list: one search a keystroke. The
            # cursor kept on its article is not the user moving it: no extra page
            # (it searched twice, and the second could cancel the next keystroke's).
            library = screen.library
            assert library is not None
            searched: list[str] = []
            search = library.search

            def counted(query: str, **options: Any) -> Any:
                searched.append(query)
                return search(query, **options)

            library.search = counted  # type: ignore[method-assign]
            for _ in range(5):
                await pilot.press(*["up"] * 5)
                await settle(pilot)
            assert listing.highlighted == first - 3  # where the first page would page
            searched.clear()
            await pilot.press("slash", "end")  # back in the bar, after the query
            for typed in "の交":
                await pilot.press(typed)
                await settle(pilot)
            assert searched == ["停戦の", "停戦の交"]
            assert len(listing.entries) == first

    asyncio.run(scenario())


def test_a_long_hit_list_resorted_reuses_every_row() -> None:
    """Re-sorting 200 hits (by date, then by relevance) draws no row again: each
    hit's option, with its rendered prompt, is the one already made."""
    import asyncio
    from datetime import datetime

    from textual.app import App, ComposeResult

    from index.model import ArticleFormat, ArticleSummary, Hit
    from tui.widgets.article_list import ArticleList, Entry

    entries = [
        Entry(summary, Hit(summary, 1.0, (("…", False), (f"記事{n}", True))))
        for n in range(200)
        for summary in [
            ArticleSummary(
                f"a{n}",
                f"/a{n}",
                f"見出し{n}",
                datetime(2012, 3, 1),
                None,
                None,
                ArticleFormat.NEWS,
            )
        ]
    ]

    class Lists(App[None]):
        def compose(self) -> ComposeResult:
            yield ArticleList()

    async def options_reused() -> int:
        app = Lists()
        async with app.run_test():
            listing = app.query_one(ArticleList)
            listing.show(entries, read=set(), bookmarked=set())
            first = {
                listing.get_option_at_index(i).id: listing.get_option_at_index(i)
                for i in range(200)
            }
            listing.show(entries[::-1], read=set(), bookmarked=set())
            listing.show(entries, read=set(), bookmarked=set())
            return sum(
                listing.get_option_at_index(i) is first[listing.get_option_at_index(i).id]
                for i in range(200)
            )

    assert asyncio.run(options_reused()) == 200


@pytest.mark.parametrize(
    ("query", "hinted", "not_hinted"),
    [
        ("東京 大阪", "a space means AND", "put spaces"),
        # words run together: only the search can tell they stand apart (SearchResult.apart)
        ("量子コンピュータ暗号", "F1 lists the keys", "put spaces"),
        ("bitcoin", "F1 lists the keys", "put spaces"),  # no kanji run together
        ('"日本 代表"', "F1 lists the keys", "a space means AND"),  # a phrase is one word
        ("ずんだもんだ", "F1 lists the keys", "reading in hiragana"),  # already a reading
        ("東京 site:example.com", "Filters such as", "put spaces"),
        # A filter alone: the values to pick from, not readings (outlet:sports, review)
        ("outlet:nosuch", "f outlets", "reading in hiragana"),
        # nor without them, which leaves nothing (after:2030 was told so)
        ("after:2030", "No article fits the filters: pick one", "try without them"),
        # Read as the search reads them: 「…」 is a phrase, ー大阪 left out, ＯＲ is OR,
        # ｓｉｔｅ： a filter, and " OR " in a phrase is words
        ("「日本 代表」", "F1 lists the keys", "a space means AND"),
        ("東京 ー大阪", "F1 lists the keys", "a space means AND"),
        ("東京 ＯＲ 大阪", "F1 lists the keys", "a space means AND"),
        ('"東京 OR 大阪" 会見', "a space means AND", "Filters such as"),
        ("東京 ｓｉｔｅ：example.com", "Filters such as", "a space means AND"),
        # A pasted URL: its site, not readings (it said only "A reading in hiragana…")
        (
            "https://news.livedoor.com/article/detail/4525942/",
            "site:news.livedoor.com lists the articles from its site",
            "reading in hiragana",
        ),
        ("東京 http://WWW.CNN.co.jp/a.html", "site:www.cnn.co.jp lists", "put spaces"),
    ],
)
def test_no_hits_suggests_what_fits_the_query(query: str, hinted: str, not_hinted: str) -> None:
    from tui.notices import no_hits

    shown = no_hits(query).plain
    # a phrase typed between its own quotes is not quoted again (“"日本 代表"”, review)
    named = query if query[0] in '"「' and query[-1] in '"」' else f"“{query}”"
    assert shown.startswith(f"No article matches {named}\n"), shown
    assert hinted in shown and not_hinted not in shown


def test_the_word_cursor_looks_unlike_a_search_hit() -> None:
    from tui.render import CURRENT_MATCH_STYLE, MATCH_STYLE
    from tui.word_cursor import WORD_STYLE

    # Hits are reverse video; the word has a background of its own (underlined where
    # colours are off), so a word inside the current hit still shows as the word.
    assert MATCH_STYLE.reverse and CURRENT_MATCH_STYLE.reverse
    assert not WORD_STYLE.reverse and WORD_STYLE.bgcolor is not None and WORD_STYLE.underline


def test_a_hits_matches_in_the_title_are_marked_in_the_list() -> None:
    from datetime import datetime

    from index.model import ArticleFormat, ArticleSummary, Hit
    from tui.render import MATCH_STYLE
    from tui.widgets.article_list import Entry

    summary = ArticleSummary(
        "x", "/x", "東京と大阪の東京", datetime(2012, 3, 1), None, None, ArticleFormat.NEWS
    )
    # Matches come for the whole document text, which the title opens.
    hit = Hit(article=summary, score=1.0, snippet=(), matches=((0, 2), (6, 8), (20, 22)))
    entry = Entry(summary, hit)
    assert entry.title_matches == ((0, 2), (6, 8))
    prompt = summary_prompt(summary, read=True, bookmarked=False, title_matches=entry.title_matches)
    marked = [prompt.plain[s.start : s.end] for s in prompt.spans if s.style == MATCH_STYLE]
    assert marked == ["東京", "東京"]


def test_the_empty_list_while_another_yomite_indexes_gives_no_advice_to_add_files() -> None:
    """A new home's first build by `yomite index` in another shell: the reader's empty
    list said "No articles yet · Put text files there" of files being indexed."""
    from index.locations import locations, platform_home
    from tui.notices import no_articles

    shown = no_articles([Path("/news")], locations(platform_home()), busy=True).plain
    assert shown.splitlines() == [
        "Another yomite is indexing the articles…",
        "· Reading from: /news",
        "· They are listed here once its index is written.",
    ]


def test_the_empty_lists_commands_name_a_home_not_the_default_one(tmp_path: Path) -> None:
    """The commands the empty list gives are typed for the reader's home: "yomite index
    DIR", copied by a user of `--home H`, gave the default home the directory (review).
    The default home's are left bare; a home from YOMITE_HOME is named too."""
    from index.locations import locations, platform_home
    from tui.notices import no_articles

    assert no_articles([], locations(platform_home())).plain.splitlines()[2] == (
        "· Add one with: yomite index DIR, or open one with: yomite DIR"
    )
    named = f"--home '{tmp_path}/my home'"
    assert no_articles([], locations(tmp_path / "my home")).plain.splitlines()[2] == (
        f"· Add one with: yomite index {named} DIR, or open one with: yomite {named} DIR"
    )
    assert no_articles([Path("/news")], locations(tmp_path / "my home")).plain.splitlines()[2] == (
        f"· Put text files there, or open others with: yomite {named} PATH…"
    )


def test_the_status_line_counts_articles_kept_apart_from_files_not_indexed(
    tmp_path: Path,
) -> None:
    """A directory not there whose articles are kept made "index up to date; 1 not
    indexed", though nothing failed (review); and `yomite verify`, which lists them, is
    typed for the home."""
    from index.build import UpdateReport
    from index.errors import FailureKind, UpdateFailure
    from index.locations import locations, platform_home
    from tui.background_index import update_wordings

    away = UpdateFailure("/mnt/news", "directory not found: …", FailureKind.NOT_THERE)
    binary = UpdateFailure("/c/a.txt", "binary file", FailureKind.FILE)
    kept = UpdateReport(failed=[away], not_there=["/mnt/news"], kept={"/mnt/news": 1})
    assert update_wordings(kept, locations(platform_home()), told=False)[1] == (
        "index up to date; 1 kept from a directory not there (yomite verify lists them)"
    )
    both = UpdateReport(failed=[away, binary], not_there=["/mnt/news"], kept={"/mnt/news": 3})
    assert update_wordings(both, locations(platform_home()), told=True)[1] == (
        "index up to date; 1 not indexed; 3 kept from a directory not there (see the notice)"
    )
    assert update_wordings(both, locations(tmp_path / "my home"), told=False)[1] == (
        "index up to date; 1 not indexed; 3 kept from a directory not there "
        f"(yomite verify --home '{tmp_path}/my home' lists them)"
    )


def test_notices_never_carry_escapes() -> None:
    """A path or an error can hold an escape sequence (an OSC 52 clipboard write)."""
    from index.locations import locations, platform_home
    from tui.notices import index_error, no_articles, no_hits

    hostile = "x\x1b]52;c;aGk=\x1b\\y\x07"
    where = locations(platform_home())
    for notice in (
        no_articles([Path(f"/tmp/{hostile}")], where),
        no_articles([], locations(f"/tmp/{hostile}")),  # the home, in the command given
        index_error(hostile),
        no_hits(hostile),
    ):
        assert "\x1b" not in notice.plain and "\x07" not in notice.plain
        assert "52;c;aGk=" in notice.plain  # shown, as text


@pytest.mark.parametrize(
    ("query", "dates", "rest"),
    [
        ("東京 after：2012", "2012..", "東京"),  # a full-width colon, as an IME types it
        ("東京 AFTER:2012 before:2013-01", "2012..2012-12", "東京"),
        # Left out: no range stands for them (see the test after), but a range typed
        # replaces them, the NOT too (none left to negate the new range).
        ("東京 NOT after:2012 x", None, "東京 x"),
        ("東京 -before:2012-07", None, "東京"),
        # The minus key of a Japanese IME (ー, −), and the full-width and half-width ones
        ("東京 ーafter:2012", None, "東京"),
        ("東京 −after:2012", None, "東京"),
        ("東京 －after:2012 before:2013", None, "東京"),
        ("東京 ｰbefore:2012-07 x", None, "東京 x"),
        ("東京 ＮＯＴ after:2012", None, "東京"),
        ('東京 after:"2012-03"', "2012-03..", "東京"),  # its value as the parser takes it
    ],
)
def test_the_date_dialog_finds_every_date_filter_the_parser_reads(
    query: str, dates: str | None, rest: str
) -> None:
    assert date_range_of(query) == dates
    assert without_dates(query) == rest
    # The parser reads the same filters, and none is left in the rest
    from index.query import DateRange, parse

    def date_clauses(text: str) -> list[DateRange]:
        groups = parse(text).groups
        return [c for g in groups for c in g.alternatives if isinstance(c, DateRange)]

    assert len(date_clauses(query)) == query.lower().count("after") + query.count("before")
    assert date_clauses(rest) == []


@pytest.mark.parametrize(
    ("query", "said", "rest"),
    [
        (
            "東京 -after:2012",
            "The query's date filter -after:2012 (left out) is no range this dialog can show.",
            "東京",
        ),
        (
            "after:2012 OR before:2010",
            "The query's date filters after:2012, before:2010 (joined by OR) are no range "
            "this dialog can show.",
            "",
        ),
        (
            "東京 OR NOT  before:2010",
            "The query's date filter NOT before:2010 (left out, joined by OR) is no range "
            "this dialog can show.",
            "東京",
        ),
        ("会見 OR after:2012 OR 停戦", None, "会見 OR 停戦"),
        ("会見 OR after:2012 停戦", None, "会見 停戦"),
        ("会見 OR after:1 OR after:2", None, "会見"),
    ],
)
def test_the_date_dialog_shows_no_range_for_dates_left_out_or_joined_by_or(
    query: str, said: str | None, rest: str
) -> None:
    """-after:2012 (before 2012) was shown as 2012.., after:2012 OR before:2010 as
    2012..2009; Enter on what was shown wrote after:2012 in place of -after:2012. A
    range typed replaces them, an OR that joined them with them (東京 OR was left)."""
    from index.query import parse

    assert date_range_of(query) is None
    if said is not None:
        assert unshown_dates(query) == said
    assert without_dates(query) == rest
    if rest:
        parse(rest)  # no OR left dangling
    assert unshown_dates("東京 after:2012 before:2013") is None
    assert unshown_dates("東京 OR 大阪 after:2012") is None  # the OR is the words'


def test_indexing_progress_says_the_rate_and_time_left_once_known() -> None:
    from tui.messages import IndexProgress

    assert IndexProgress(3, 7367, 0.5).label == "indexing 3/7,367 files…"
    assert IndexProgress(950, 7367, 10.0).label == (
        "indexing 950/7,367 files · 95 files/s · about 1:08 left…"
    )
    assert IndexProgress(7367, 7367, 20.0, writing=True).label == (
        "indexing 7,367/7,367 files · writing the index…"
    )


def test_the_reader_writes_counts_as_the_commands_do() -> None:
    """`yomite index` says "7,367 added" and `yomite verify` "7,367 articles match"; the
    reader said "Articles (7367)", "indexing 1745/7367 files", "Hits 1111", "1111 hits"."""
    from index.build import UpdateReport
    from index.locations import locations, platform_home
    from index.model import SearchResult
    from tui.background_index import update_wordings
    from tui.messages import IndexProgress
    from tui.render import articles_title, hit_count, hits_titles

    assert articles_title(7367, 7367) == "Articles (7,367)"
    assert articles_title(60, 2002) == "Articles (newest 60/2,002)"
    assert IndexProgress(1745, 7367, 1.0).wordings[1:] == (
        "indexing 1,745/7,367 files…",
        "indexing 1,745/7,367…",
    )
    found = SearchResult(query="東京", total=1111, hits=())
    assert hit_count(found) == "1,111"
    assert hits_titles(found, 1050, live=False)[0] == "Hits 1,111 · 1,050 listed · by relevance"
    assert hit_count(SearchResult(query="東", total=1367, hits=(), exact_total=False)) == "≈1,367"
    # From review: typing 中継、そし over ldcc, "Hits 0+" stood by "No article matches":
    # at least none, or about none, is none
    for at_least in (True, False):
        none = SearchResult(
            query="中継、そし", total=0, hits=(), exact_total=False, total_at_least=at_least
        )
        assert hit_count(none) == "0"
        assert hits_titles(none, 0, live=True)[0] == "Hits 0 · by relevance, as typed"
    where = locations(platform_home())
    assert update_wordings(UpdateReport(added=7367, seconds=21.0), where, told=False)[1] == (
        "index up to date: 7,367 added"
    )


def test_no_hits_while_indexing_says_more_may_match() -> None:
    from tui import notices

    assert "Not everything is indexed yet (the status line counts the files)" in str(
        notices.no_hits("テスト", indexing=True)
    )
    assert "indexed yet" not in str(notices.no_hits("テスト"))


def test_the_next_page_teaser_is_labelled() -> None:
    """It read as the article's last paragraph, dimmed."""
    from index.model import Block, BlockKind
    from tui.render import block_text

    block = Block(BlockKind.NEXT_PAGE, "停戦交渉の行方は?", 100)
    assert block_text(block, []).plain == "次のページ ⇒ 停戦交渉の行方は?"


def test_tmux_is_asked_whether_it_lets_copies_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Against a tmux server of its own: the advice is given only where it is needed."""
    import shutil
    import subprocess

    from tui.clipboard import tmux_lets_copies_through

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    socket = str(tmp_path / "tmux.sock")
    tmux = ["tmux", "-S", socket]
    subprocess.run([*tmux, "-f", "/dev/null", "new", "-d", "-s", "t", "sleep 30"], check=True)
    try:
        monkeypatch.setenv("TMUX", f"{socket},0,0")  # the server a pane of it would name
        subprocess.run([*tmux, "set", "-g", "set-clipboard", "external"], check=True)
        assert tmux_lets_copies_through("osc52") is False
        subprocess.run([*tmux, "set", "-g", "set-clipboard", "on"], check=True)
        assert tmux_lets_copies_through("osc52") is True
        assert tmux_lets_copies_through("off") is None
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


def test_recall_steps_through_the_history_and_back_to_the_draft() -> None:
    from tui.widgets.search_bar import Recall

    recall = Recall(["東京 五輪", "大阪", "東京"])  # newest first
    assert recall.older("", prefix="") == "東京 五輪"
    assert recall.older("東京 五輪", prefix="") == "大阪"
    assert recall.newer("大阪") == "東京 五輪"
    assert recall.newer("東京 五輪") == ""  # the draft
    assert recall.newer("") is None
    # A draft picks the searches it begins, and is not recalled as itself (a trailing
    # space typed after it counts neither).
    assert recall.older("東京 ", prefix="東京") == "東京 五輪"
    assert recall.older("東京 五輪", prefix="東京") is None
    assert recall.why_no_older() == "that is the oldest search beginning with 「東京」"
    assert recall.newer("東京 五輪") == "東京 "
    # Edited, a recalled search is a new draft; new history ends the recall.
    assert recall.older("", prefix="") == "東京 五輪"
    assert recall.older("東京 六", prefix="東京 六") is None
    assert recall.why_no_older() == "no earlier search beginning with 「東京 六」"
    assert recall.older("", prefix="") == "東京 五輪"
    recall.reset(["神戸", "東京 五輪"])
    assert recall.newer("東京 五輪") is None
    assert Recall().older("", prefix="") is None
    assert Recall().why_no_older() == "no earlier searches yet (Enter keeps a search)"


def test_a_title_named_in_a_message_is_cut_between_characters_as_drawn() -> None:
    """A title is named by its first 16 characters: a cut inside an emoji sequence or
    after a base before its combining mark drew half a character."""
    from tui.links import _named

    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert _named("あ" * 14 + family + "の話") == "“" + "あ" * 14 + "…”"
    assert _named("あ" * 15 + "か\u3099きの話") == "“" + "あ" * 15 + "…”"
    assert _named("短い題") == "“短い題”"


CUT_TITLES = [
    "米ロ停戦交渉は?トランプ氏とプーチン氏、ゼレンスキー大統領の思惑とは?",
    "今度はiPad mini完全対応ケース!人気のHolder",
    "あ" * 9 + "\U0001f468\u200d\U0001f469\u200d\U0001f467" + "か\u3099きの話" * 3,
]


@pytest.mark.parametrize("title", CUT_TITLES, ids=["kanji", "mixed", "clusters"])
def test_a_line_cut_short_ends_in_an_ellipsis_right_after_its_text(title: str) -> None:
    """A full-width character across the cut left a blank cell before "…" (`トランプ氏と
    プーチ …`): the ellipsis jumped from column to column and read as a word break."""
    from rich.cells import cell_len

    from tui.ellipsis import cut_with_ellipsis

    for width in range(1, cell_len(title)):
        cut = cut_with_ellipsis(title, width)
        assert cell_len(cut) == width, (width, cut)
        text = cut.rstrip(" ")
        assert text.endswith("…") and not text[:-1].endswith(" "), (width, cut)
        assert title.startswith(text[:-1])  # never half a character (か without ゙)
        assert cell_len(cut) - cell_len(text) <= 1  # the room a wide character left


def test_a_pane_title_is_cut_to_end_in_its_ellipsis_no_wider_than_its_place() -> None:
    """A pane's title cut by the border filled its place, the cell a wide character
    left blank beside the border's own blank (`プーチ…  ─╮`): `fit_title` cuts it to end
    in "…", the cell left over to the border's line; the fullest title that fits first."""
    from rich.cells import cell_len
    from rich.text import Text

    from tui.ellipsis import TITLE_FRAME, fit_title

    related = ("Related (1) · Esc back · to トランプ氏の電撃和平交渉は?", "Related (1)")
    assert fit_title(related, 80) == related[0]
    assert fit_title(related, 20) == "Related (1)"
    title = Text.assemble("Article · ", ("トランプ氏とプーチン氏", "bold"))
    for width in range(TITLE_FRAME + 2, TITLE_FRAME + cell_len(title.plain)):
        cut = fit_title((title,), width)
        assert isinstance(cut, Text)
        room = width - TITLE_FRAME
        assert cut.plain.endswith("…") and cell_len(cut.plain) <= room, cut
        # As full as it fits: but for a cell a wide character left, or a space dropped.
        assert cell_len(cut.plain) >= room - 1 or title.plain[len(cut) - 1] == " ", cut
        assert title.plain.startswith(cut.plain[:-1])
        assert [span.style for span in cut.spans] == (["bold"] if len(cut) > 11 else [])
    assert str(fit_title((title,), TITLE_FRAME + 20)) == "Article · トランプ…"  # 19 cells


def test_textuals_cut_lines_end_in_an_ellipsis_right_after_their_text() -> None:
    """Pane titles and the status line are cut by Textual's Content: the reader makes it
    cut as the list does, its styles ending at the "…"."""
    from rich.cells import cell_len
    from textual.content import Content, Span

    from tui import ellipsis
    from tui.cellwidth import narrow_ambiguous, widen_ambiguous

    ellipsis.install()
    title = Content("Article · トランプ氏とプーチン氏", spans=[Span(10, 21, "bold")])
    cut = title.truncate(20, ellipsis=True)
    assert cut.plain == "Article · トランプ… "
    assert cut.cell_length == 20 and cut.spans == [Span(10, 15, "bold")]
    assert title.truncate(40, ellipsis=True) is title  # fits: as Textual has it
    assert title.truncate(19).plain == "Article · トランプ "  # no ellipsis asked: cropped
    widen_ambiguous()  # "…" and "·" two cells wide: Content's cut was a cell too wide
    try:
        cut = title.truncate(20, ellipsis=True)
        assert cell_len(cut.plain) == 20 and cut.plain.rstrip(" ").endswith("ン…")
    finally:
        narrow_ambiguous()


@pytest.mark.parametrize(
    ("burst", "submitted"),
    [
        (["2", "0", "ctrl+u", "2", "0", "2", "5", "-", "0", "2", "enter"], "2025-02"),
        (["2", "0", "2", "4", "backspace", "5", "enter"], "2025"),
    ],
)
def test_the_date_dialog_takes_editing_keys_in_a_burst_in_the_order_typed(
    burst: list[str], submitted: str
) -> None:
    """Keys arriving in one read (over SSH, or tmux's send-keys): ctrl+u 2025-02 Enter
    submitted an empty line, and the date filter was taken out of the query; the search
    bar already took its editing keys when they came."""
    import asyncio

    from textual import events
    from textual.app import App

    from tui.dialogs.text_prompt import TextPrompt

    answers: list[str | None] = []

    class Prompting(App[None]):
        def on_mount(self) -> None:
            self.push_screen(TextPrompt("Dates", "after..before"), answers.append)

    async def scenario() -> None:
        app = Prompting()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for key in burst:
                char = key if len(key) == 1 else ("\r" if key == "enter" else None)
                app.post_message(events.Key(key, char))  # all queued before any is handled
            for _ in range(10):
                await pilot.pause()
        assert answers == [submitted]

    asyncio.run(scenario())


def test_struck_words_are_drawn_struck_through() -> None:
    """From review: a Markdown `- ~~古いタスク~~` read as a plain `・古いタスク`, a live task."""
    from index.parser import parse_text
    from tui.render import block_text

    article = parse_text("# 題\n\n- 残る\n- ~~古いタスク~~\n", path="/notes/todo.md")
    block = next(block for block in article.document().blocks if "古い" in block.text)
    text = block_text(block, [])
    struck = [text.plain[one.start : one.end] for one in text.spans if "strike" in str(one.style)]
    assert (text.plain, struck) == ("・残る\n・古いタスク", ["古いタスク"])


@pytest.mark.parametrize(
    ("query", "left"),
    [
        # a range of `d`, whole: `after:2012-06` alone was never picked (review)
        ("東京 after:2012-06 before:2012-07", "東京"),
        ("東京 before:2012-07 after:2012-06", "東京"),
        ("東京 after:2012-06 site:livedoor before:2012-07", "東京 after:2012-06 site:livedoor"),
        ("東京 -after:2012-06 before:2012-07", "東京 -after:2012-06"),
        ("東京 before:2012-07", "東京"),
        ('東京 outlet:"Sports Watch"  ', "東京"),
        ("東京 NOT person:本田", "東京"),  # not `東京 NOT`, which excludes what comes next
        ("東京 ーsite:livedoor", "東京"),
        ("東京 OR after:2012", "東京"),  # not `東京 OR`
        ("ｓｉｔｅ：livedoor", ""),
        ("東京 title:東京", None),  # words: edited a character at a time
        ("(東京 OR after:2012)", None),  # whole, it took the parenthesis too
        ("after:2012 東京", None),
        ('"会見 after:2012"', None),  # a phrase
        ("東京", None),
    ],
)
def test_backspace_over_the_hits_drops_the_filter_that_ends_the_query(
    query: str, left: str | None
) -> None:
    """What Backspace over the hits leaves of a query ending with a date or facet filter
    (`Searching._backspace_to_bar`); None: it deletes the last character instead."""
    assert without_last_filter(query) == left
