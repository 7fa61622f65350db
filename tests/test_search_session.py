"""The search's state and the decisions made on it alone (`tui.searching.SearchSession`):
plain objects, no app."""

from __future__ import annotations

import pytest

from index.model import SearchResult
from tui.searching import (
    BOTTOM_HITS,
    HIT_ROWS,
    LIVE_MIN,
    LIVE_UNSIZED,
    SUBMITTED_LIMIT,
    MarksQuery,
    SearchSession,
    live_limit,
    same_search,
    well_formed,
)


def shown(query: str, total: int, *, live: bool, listed: int, ranked: bool = True) -> SearchSession:
    """A session whose list shows `listed` of `query`'s `total` hits."""
    session = SearchSession()
    result = SearchResult(query=query, total=total, hits=(), ranked=ranked)
    session.showing(result, live, listed)
    return session


@pytest.mark.parametrize(
    ("before", "after", "same"),
    [
        ("停戦", "停戦 ロシア", True),  # a word added
        ("停戦 ロシア", "停戦", True),  # one dropped
        ("停", "停戦", True),  # typed on
        ("停戦", "停", True),  # Backspace
        ("停戦", "プーチン", False),  # typed over
        ("", "停戦", False),  # the bar was empty
        ("演算 ＯＲ 値", "東京 ＯＲ 記事", False),  # an operator is no word
        ("-停戦", "停戦", True),  # a minus is not part of the word
        ('"停戦"', "停戦 交渉", True),  # nor a quote
        ("- 東京", "- 大阪", False),  # a lone minus is no word
    ],
)
def test_a_refinement_keeps_a_word_of_the_query_before(before: str, after: str, same: bool) -> None:
    assert same_search(before, after) is same


@pytest.mark.parametrize(
    ("query", "well"), [("停戦 after:2012-03", True), ("停戦 AND", False), ("after:2012-13", False)]
)
def test_a_query_reads_well_or_not(query: str, well: bool) -> None:
    assert well_formed(query) is well


def test_the_date_order_lasts_while_the_query_is_refined_and_not_past_a_new_one() -> None:
    session = SearchSession()
    assert session.sort_follows("停戦") is False  # by relevance already: nothing to undo
    assert session.toggle_sort() == "date"
    assert session.sort_follows("停戦 ロシア") is False and session.sort == "date"
    assert session.sort_follows("プーチン") is True and session.sort == "relevance"
    assert session.toggle_sort() == "date"
    assert session.sort_follows("") is True and session.sort == "relevance"  # bar cleared
    assert session.toggle_sort() == "date" and session.toggle_sort() == "relevance"


def test_a_keystroke_asks_for_a_screenful_and_one_more_enter_for_fifty() -> None:
    assert live_limit(30) == 30 // HIT_ROWS + 1 == 11
    assert live_limit(6) == LIVE_MIN  # however short the list
    assert live_limit(0) == LIVE_UNSIZED  # not laid out (hidden on a narrow screen)
    session = SearchSession()
    assert session.first_page(True, 30) == 11
    assert session.first_page(False, 30) == SUBMITTED_LIMIT


def test_enter_after_typing_lists_from_the_first_hit() -> None:
    typed = shown("停戦", 100, live=True, listed=11)
    assert typed.starts_from_top(live=False, limit=None, from_top=False)  # Enter
    assert not typed.starts_from_top(live=True, limit=None, from_top=False)  # typed on
    assert not typed.starts_from_top(live=False, limit=60, from_top=False)  # more of them
    assert typed.starts_from_top(live=True, limit=None, from_top=True)  # `s`: a new order
    submitted = shown("停戦", 100, live=False, listed=50)
    assert not submitted.starts_from_top(live=False, limit=None, from_top=False)  # Enter again


def test_the_next_page_is_asked_once_as_the_hits_shown_were_searched() -> None:
    typed = shown("停戦", 100, live=True, listed=11)
    assert typed.next_page(11, 30) == ("停戦", "relevance", True, 22)
    assert typed.next_page(11, 30) is None  # the cursor and its scrolling both ask
    submitted = shown("停戦", 100, live=False, listed=50)
    assert submitted.next_page(50, 30) == ("停戦", "relevance", False, 100)
    # An answer shown lets the same page be asked again (it may have been a reload).
    submitted.showing(SearchResult(query="停戦", total=100, hits=()), False, 50)
    assert submitted.next_page(50, 30) == ("停戦", "relevance", False, 100)


def test_no_next_page_past_the_last_hit_or_for_no_search() -> None:
    assert shown("停戦", 11, live=True, listed=11).next_page(11, 30) is None
    assert SearchSession().next_page(0, 30) is None


def test_g_asks_for_the_hits_down_to_the_last_or_the_next_thousandth_once() -> None:
    few = shown("停戦", 120, live=False, listed=50)
    assert few.bottom_page(50) == ("停戦", "relevance", False, 120)
    assert few.goes_to_bottom("停戦") and not few.goes_to_bottom("停戦")  # once
    many = shown("記事", 5000, live=True, listed=11)
    assert many.bottom_page(11) == ("記事", "relevance", True, BOTTOM_HITS)
    assert not many.goes_to_bottom("停戦")  # another query's answer
    # Listed as far as G lists: G again lists the next thousand (it stayed there, and
    # the last row's next page of 50 took the cursor no further: user review), then
    # the last.
    assert many.bottom_page(BOTTOM_HITS) == ("記事", "relevance", True, 2 * BOTTOM_HITS)
    assert many.bottom_page(BOTTOM_HITS + 50) == ("記事", "relevance", True, 2 * BOTTOM_HITS)
    assert many.bottom_page(4 * BOTTOM_HITS + 50) == ("記事", "relevance", True, 5000)
    assert shown("停戦", 50, live=False, listed=50).bottom_page(50) is None  # all listed


def test_a_taller_list_gets_more_hits_as_typed_only_for_the_query_typed() -> None:
    typed = shown("停戦", 100, live=True, listed=5)
    assert typed.taller_page("停戦", 5, 30) == 11
    assert typed.taller_page("停戦 ロ", 5, 30) is None  # typed on: its own answer comes
    assert typed.taller_page("停戦", 11, 30) is None  # as many as there is room for
    assert shown("停戦", 7, live=True, listed=7).taller_page("停戦", 7, 30) is None  # all
    assert shown("停戦", 100, live=False, listed=50).taller_page("停戦", 50, 300) is None


def test_a_reload_searches_as_the_hits_listed_were_and_as_many() -> None:
    submitted = shown("停戦", 300, live=False, listed=80)
    assert submitted.reload_page("停戦", 80, 30) == (False, 80)
    assert submitted.reload_page("停戦", 20, 30) == (False, SUBMITTED_LIMIT)
    assert submitted.reload_page("停戦 ロ", 80, 30) == (True, 80)  # typed on meanwhile
    assert shown("停戦", 300, live=True, listed=11).reload_page("停戦", 4, 30) == (True, 11)


def test_back_from_bookmarks_lists_as_many_submitted_hits_as_were_listed() -> None:
    assert shown("停戦", 300, live=False, listed=120).back_limit() == 120
    assert shown("停戦", 300, live=False, listed=3).back_limit() == SUBMITTED_LIMIT
    assert shown("停戦", 300, live=True, listed=11).back_limit() is None  # a screenful


def test_the_cursor_stays_on_its_hit_only_when_the_same_query_is_listed_again() -> None:
    session = shown("停戦", 100, live=True, listed=11)
    assert session.keeps_cursor("停戦", from_top=False)
    assert not session.keeps_cursor("停戦 ロ", from_top=False)
    assert not session.keeps_cursor("停戦", from_top=True)


def test_the_cursor_goes_back_to_the_article_once_for_its_query() -> None:
    session = SearchSession(cursor_to=("停戦", "news-1"))
    assert session.cursor_article("記事") is None
    assert session.cursor_article("停戦") == "news-1"
    assert session.cursor_article("停戦") is None


def test_a_count_applies_while_its_query_is_listed_and_typed() -> None:
    session = shown("停戦", 100, live=True, listed=11)
    assert session.count_current("停戦", "停戦")
    assert not session.count_current("停戦", "停戦 ロ")
    assert not shown("停", 100, live=True, listed=11).count_current("停戦", "停戦")


def test_enter_keeps_the_bar_once_for_the_query_it_was_kept_for() -> None:
    session = SearchSession(bar_kept_for="ぬぬ")
    assert session.kept_bar("ぬぬ") and not session.kept_bar("ぬぬ")
    assert not SearchSession(bar_kept_for="ぬぬ").kept_bar("停戦")


def test_the_marks_are_outdated_by_a_search_made_since_the_article_opened() -> None:
    session = SearchSession(marked=MarksQuery("停戦"))
    assert not session.marks_outdated(MarksQuery("停戦"))
    assert session.marks_outdated(MarksQuery("ロシア"))
    assert not session.marks_outdated(MarksQuery())  # no search listed: no marks to find
    # The same words as typed (the last one a prefix) mark other matches.
    assert session.marks_outdated(MarksQuery("停戦", live=True))


def test_a_search_shown_is_remembered_as_it_was_listed() -> None:
    session = shown("after:2012-03", 40, live=False, listed=40, ranked=False)
    assert session.shown_query == "after:2012-03" and session.total == 40
    assert not session.live and not session.ranked
    assert session.listed == SUBMITTED_LIMIT  # (at least what Enter lists)
