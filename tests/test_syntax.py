"""The one reading of a query's words (`index.syntax.lex`), which the parser and the
reader's dialogs share: each word's kind and its span in the query as typed, and the
filters it finds, which are the parser's."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.query import DateRange, Facet, QueryError, Words, parse
from index.query_edit import quote_facet, without_dates
from index.sanitize import is_safe
from index.syntax import DATE_FIELDS, DateError, as_word, filters, lex, read_date


def test_each_word_has_its_kind_and_its_span_as_typed() -> None:
    # ㍿ reads as four characters and ｶﾞ as one: the spans are the query's as typed
    query = "㍿ ｶﾞｽ ーafter:2012 「日本 代表」 ＯＲ ｓｉｔｅ：x.jp NOT https://a.jp/x"
    lexemes = lex(query).lexemes
    assert [(lexeme.kind, query[lexeme.start : lexeme.end]) for lexeme in lexemes] == [
        ("word", "㍿"),
        ("word", "ｶﾞｽ"),
        ("filter", "ーafter:2012"),
        ("phrase", "「日本 代表」"),
        ("operator", "ＯＲ"),
        ("filter", "ｓｉｔｅ：x.jp"),
        ("operator", "NOT"),
        ("word", "https://a.jp/x"),  # a pasted URL is text to find
    ]
    assert [lexeme.text for lexeme in lexemes[:4]] == [
        "株式会社",
        "ガス",
        "-after:2012",
        '"日本 代表"',
    ]
    excluded = lexemes[2]
    assert excluded.excluded and (excluded.field, excluded.value) == ("after", "2012")
    assert lexemes[5].field == "site" and not lexemes[5].excluded


def test_filters_say_how_the_parser_groups_them() -> None:
    query = (
        '東京 ーsite:a.jp ＮＯＴ person:本田 outlet:X ＯＲ outlet:Y 「会見 after:2012」 org:"A B"'
    )
    found = [
        (f.field, f.value, query[f.start : f.end], f.negated, f.alternative) for f in filters(query)
    ]
    assert found == [
        ("site", "a.jp", "ーsite:a.jp", True, False),
        ("person", "本田", "ＮＯＴ person:本田", True, False),
        ("outlet", "X", "outlet:X", False, True),
        ("outlet", "Y", "outlet:Y", False, True),
        ("org", "A B", 'org:"A B"', False, False),
    ]


def test_an_unclosed_quote_runs_to_the_end() -> None:
    lexed = lex("東京 「会見 大阪")
    assert [lexeme.kind for lexeme in lexed.lexemes] == ["word", "phrase"]
    assert lexed.lexemes[-1].open_quote and lexed.unclosed == 3
    assert lexed.lexemes[-1].at_end


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("東京 「会見 after:2012", ["word", "phrase", "filter"]),
        ("「会見 大阪 site:livedoor.com", ["phrase", "filter"]),
        ("「会見 OR 大阪", ["phrase", "operator", "word"]),
        ("「会見 NOT 大阪", ["phrase", "operator", "word"]),
        ("「会見 AND 大阪", ["phrase", "operator", "word"]),
        ("「会見  -大阪", ["phrase", "word"]),
        ("「会見 ー大阪", ["phrase", "word"]),
        ("「会見 -", ["phrase"]),  # a - alone: still the phrase's
        ("「会見 Note: 大阪", ["phrase"]),  # not a filter's name
    ],
)
def test_an_unclosed_quote_ends_before_a_filter_an_operator_or_a_word_left_out(
    query: str, kinds: list[str]
) -> None:
    """From review: `「東京 after:2012-01` read the filter as the phrase's words (0 hits,
    where before it was "unbalanced quote"): an unclosed quote ends before a filter, an
    operator or a word left out, as typed and at Enter (the dialogs see the filter)."""
    lexed = lex(query)
    assert [lexeme.kind for lexeme in lexed.lexemes] == kinds
    phrase = next(lexeme for lexeme in lexed.lexemes if lexeme.quoted)
    assert phrase.open_quote and query[phrase.start : phrase.end].rstrip() == phrase.written
    assert [found.field for found in filters(query)] == [
        lexeme.field for lexeme in lexed.lexemes if lexeme.field
    ]


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ('"Do NOT Disturb', ["phrase"]),
        ("「DEAD OR ALIVE", ["phrase"]),
        ("『SEX AND THE CITY", ["phrase"]),
        ("ヤング版「SEX AND THE CITY", ["phrase"]),
        ("「会見 OR Tokyo", ["phrase", "operator", "word"]),
        ('"Tokyo OR 大阪', ["phrase", "operator", "word"]),
        ('"Tokyo OR', ["phrase", "operator"]),  # as typed: OR, the next word to come
    ],
)
def test_an_operator_between_latin_words_stays_in_an_unclosed_quote(
    query: str, kinds: list[str]
) -> None:
    """From review: a title pasted without its closing quote, `"Do NOT Disturb`, read NOT
    as an operator (12 hits over ldcc, not its 1 article), `「DEAD OR ALIVE` OR (6, not
    2): between two words in Latin letters an operator is the title's word."""
    assert [lexeme.kind for lexeme in lex(query).lexemes] == kinds


def test_the_filter_names_an_unclosed_quote_ends_before_are_the_parsers() -> None:
    from index.query import FIELD_NAMES
    from index.syntax import FILTER_NAMES

    assert frozenset(FIELD_NAMES) == FILTER_NAMES


PIECES = st.sampled_from(
    [
        " ",
        "\u3000",
        '"',
        "「",
        "」",
        "＂",
        "-",
        "ー",
        "−",
        "－",
        "ｰ",
        "NOT ",
        "ＮＯＴ ",
        " OR ",
        " ＯＲ ",
        "after:",
        "ａｆｔｅｒ：",
        "before:",
        "site:",
        "person:",
        "title:",
        "2012",
        "２０１２",
        "-03",
        "a.jp",
        "本田",
        "東京",
        "㍿",
        "ｶﾞ",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=10).map("".join))
def test_the_filters_found_are_the_parsers(query: str) -> None:
    """What the date and facet dialogs edit is what the search reads: the same date and
    facet filters, excluded or not, and none left once the dates are taken out."""
    try:
        groups = parse(query).groups
    except QueryError:
        return
    parsed = set()
    for group in groups:
        for clause in group.alternatives:
            if isinstance(clause, DateRange):
                parsed.add(("after" if clause.start else "before", group.negated))
            elif isinstance(clause, Facet):
                parsed.add((clause.field, group.negated))
    found = {(f.field, f.negated) for f in filters(query) if f.field != "title"}
    assert found == parsed
    try:
        rest = parse(without_dates(query)).groups
    except QueryError:
        return
    assert not any(isinstance(c, DateRange) for group in rest for c in group.alternatives)
    assert not any(f.field in DATE_FIELDS for f in filters(without_dates(query)))


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2012", (datetime(2012, 1, 1), "year")),
        ("2012-03", (datetime(2012, 3, 1), "month")),
        ("2012/03", (datetime(2012, 3, 1), "month")),  # as text files write dates
        ("2012/3", (datetime(2012, 3, 1), "month")),
        ("2012-02-29", (datetime(2012, 2, 29), "day")),
        ("2023/12/25", (datetime(2023, 12, 25), "day")),
        # As Japanese writes a date (review: after:2012年3月 was "bad date")
        ("2012年", (datetime(2012, 1, 1), "year")),
        ("2012年3月", (datetime(2012, 3, 1), "month")),
        ("2012年03月", (datetime(2012, 3, 1), "month")),
        ("2012年3月5日", (datetime(2012, 3, 5), "day")),
        ("2012年12月25日", (datetime(2012, 12, 25), "day")),
    ],
)
def test_a_date_is_a_day_a_month_or_a_year_with_dashes_or_slashes(
    value: str, read: tuple[datetime, str]
) -> None:
    assert read_date(value) == read


FORMS = "YYYY-MM-DD, YYYY-MM or YYYY; YYYY年M月D日, YYYY年M月 or YYYY年"
"""The forms of a date, as a message names them."""


@pytest.mark.parametrize(
    ("value", "said"),
    [
        # Of the right form: what is wrong (it said "use YYYY-MM-DD").
        ("2012-02-30", "2012-02-30: February 2012 has 29 days"),
        ("2011-02-29", "2011-02-29: February 2011 has 28 days"),
        ("2012/04/31", "2012/04/31: April 2012 has 30 days"),
        ("2012-13", "2012-13: there is no month 13 (01 to 12)"),
        ("2012-00-01", "2012-00-01: there is no month 00 (01 to 12)"),
        ("2012-01-00", "2012-01-00: January 2012 has 31 days"),
        ("2012年13月", "2012年13月: there is no month 13 (01 to 12)"),
        ("2012年2月30日", "2012年2月30日: February 2012 has 29 days"),
        # Of none: the forms.
        ("soon", f"'soon' is not a date: {FORMS}"),
        ("2012-03/05", f"'2012-03/05' is not a date: {FORMS}"),
        ("12-03", f"'12-03' is not a date: {FORMS}"),
        ("12年3月", f"'12年3月' is not a date: {FORMS}"),
        ("2012年3日", f"'2012年3日' is not a date: {FORMS}"),
        ("2012-3月", f"'2012-3月' is not a date: {FORMS}"),
        # as typed (it said '\\x'), a control still escaped
        ("\\x", f"'\\x' is not a date: {FORMS}"),
        ("2012\x1b", f"'2012\\x1b' is not a date: {FORMS}"),
    ],
)
def test_what_is_no_date_says_why(value: str, said: str) -> None:
    with pytest.raises(DateError) as raised:
        read_date(value)
    assert str(raised.value) == said


@pytest.mark.parametrize(
    ("form", "query"),
    [
        ("東京", "東京"),
        ("or", "or"),  # a word: operators are upper case
        ("https://a.jp/x", "https://a.jp/x"),
        ("AND", '"AND"'),
        ("ＡＮＤ", '"ＡＮＤ"'),
        ("ＯＲ", '"ＯＲ"'),
        ("ＮＯＴ", '"ＮＯＴ"'),
        ("−x", '"−x"'),
        ("ーx", '"ーx"'),
        ("ｓｉｔｅ：x", '"ｓｉｔｅ：x"'),
        ("a b", '"a b"'),
        ("「x」y", '"xy"'),
    ],
)
def test_a_word_is_quoted_where_the_parser_would_read_syntax(form: str, query: str) -> None:
    assert as_word(form) == query
    (group,) = parse(query).groups
    (words,) = group.alternatives
    assert not group.negated and isinstance(words, Words)
    assert words.text == unicodedata.normalize("NFKC", query).strip('"')


VALUES = st.text(
    st.one_of(
        st.sampled_from('"＂“”„‟「」『』‘’\\＼ -ー:（）OR本田CNN日本版'),
        st.characters(exclude_categories=["Cs"]).filter(
            lambda char: is_safe(char) or char in "\t\n"
        ),
    ),
    min_size=1,
    max_size=12,
)
"""Facet values, heavy in what the query language reads: quotes, backslashes, spaces;
as the index holds them, sanitized (no control but tab and newline: a query reads the
others as spaces)."""


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(VALUES, st.sampled_from(["outlet", "person", "org", "place"]))
def test_a_picked_value_is_read_back_as_it_is(value: str, name: str) -> None:
    """The clause a picker writes for a value (`quote_facet`) is read by the search as
    that value, whatever quotes it holds: the outlet 「CNN」日本版 was read as CNN日本版
    (its row said 1 article, the search found 0). As the query reads any value: in
    NFKC (the index's values are already), trimmed."""
    read = unicodedata.normalize("NFKC", value).strip()
    if not read:
        return
    clause = quote_facet(name, value)
    query = f"東京 {clause} -大阪"
    found = [(f.field, f.value, f.negated, f.alternative) for f in filters(query)]
    assert found == [(name, read, False, False)]
    assert [lexeme.kind for lexeme in lex(query).lexemes] == ["word", "filter", "word"]
    if name == "outlet":  # (a name's value is read in its common form: 髙橋 is 高橋)
        facets = [c for g in parse(query).groups for c in g.alternatives if isinstance(c, Facet)]
        assert facets == [Facet(name, read, exact=True)]


@pytest.mark.parametrize(
    ("value", "clause"),
    [
        ("Sports Watch", 'outlet:"Sports Watch"'),
        ("「CNN」日本版", "outlet:『「CNN」日本版』"),
        ('『夢』と"希望"', 'outlet:「『夢』と"希望"」'),
        ('」』”"', 'outlet:"\\」\\』\\”\\""'),
    ],
)
def test_a_value_is_quoted_as_plainly_as_it_can_be(value: str, clause: str) -> None:
    """What the picker writes into the search bar reads as the value: in quotes it does
    not hold, else with a backslash before each quote."""
    assert quote_facet("outlet", value) == clause
    assert [f.value for f in filters(clause)] == [value]


@pytest.mark.parametrize(
    ("query", "value"),
    [
        ('outlet:"CNN"', "CNN"),
        ("outlet:「CNN」", "CNN"),
        ('outlet:"Sports Watch', "Sports Watch"),  # being typed
        ('outlet:"a\\"b"', 'a"b'),
        ('outlet:"a\\b"', "a\\b"),  # a backslash before another character is text
        ('"東京\\" outlet:x', "x"),  # and outside a filter's value
    ],
)
def test_a_typed_value_reads_as_before_but_for_escapes(query: str, value: str) -> None:
    assert [f.value for f in filters(query)] == [value]
