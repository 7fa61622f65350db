"""Fuzzing with hypothesis: only the typed errors may escape (issue 6).

- The query language (`index.query.parse`, `Library.search` in both modes,
  `Library.match_ranges`) on random strings built from its own syntax: quotes,
  colons, dashes, OR/NOT, field names, dates, parentheses, full-width forms and
  Japanese: a SearchResult or a one-line QueryError, nothing else.
- The decoder and the parser on bytes shaped like Japanese files: legacy encodings
  with damage, ISO-2022 escape designations spliced into random bytes, BOMs: a
  Decoded/Article or a one-line ParseError, and never an unsafe character in a field.
- The analyzer on random text: token offsets always inside the text.

tests/test_parser.py and tests/test_decoding.py already fuzz `parse_text` and
`parse_file` with arbitrary text and bytes; these strategies aim at the branches
those do not reach. The atheris harnesses in fuzz/ run the same targets
coverage-guided (not in CI).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.decoding import decode_bytes
from index.library import Library
from index.locations import locations
from index.parser import ParseError, parse_file
from index.query import QueryError, parse
from index.sanitize import is_safe
from tests.articles import write_articles
from tests.lossless import refusable

QUERY_PIECES = st.sampled_from(
    [
        " ",
        "　",
        '"',
        "＂",
        "“",
        ":",
        "：",
        "-",
        "－",
        "ー",
        "OR",
        " OR ",
        "or",
        "NOT ",
        "AND",
        "(",
        ")",
        "*",
        "?",
        "\\",
        "site:",
        "outlet:",
        "person:",
        "title:",
        "after:",
        "before:",
        "place:",
        "org:",
        "unknown:",
        "2012-03-01",
        "2012-3-1",
        "2012-02-30",
        "9999-99-99",
        "0000-00-00",
        "２０１２－０３－０１",
        "東京",
        "東京都知事",
        "記事",
        "とうきょう",
        "キジ",
        "ｷｼﾞ",
        "ＡＢＣ",
        "abc",
        "食べた",
        "の",
        "を",
        "。",
        "、",
        "㈱",
        "①",
        "\u200b",
        "\ufeff",
        "\x1b",
        "\u202e",
        "\t",
        "\n",
        "[/b]",
        "news.example.jp",
    ]
)
QUERIES = st.lists(st.one_of(QUERY_PIECES, st.text(max_size=3)), max_size=8).map("".join)


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    folder = tmp_path_factory.mktemp("fuzz")
    write_articles(folder / "corpus", 24)
    with Library.open(locations(folder / "home")) as opened:
        opened.update([folder / "corpus"])
        yield opened


def one_line(error: Exception) -> None:
    message = str(error)
    assert message.strip()
    assert "\n" not in message


@settings(max_examples=400, deadline=None)
@given(QUERIES, st.booleans())
def test_the_query_parser_raises_only_query_errors(text: str, live: bool) -> None:
    try:
        parse(text, live=live)
    except QueryError as error:
        one_line(error)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERIES, st.booleans(), st.sampled_from(["relevance", "date"]))
def test_search_returns_results_or_a_query_error(
    library: Library, text: str, live: bool, sort: Literal["relevance", "date"]
) -> None:
    try:
        result = library.search(text, live=live, limit=5, sort=sort)
    except QueryError as error:
        one_line(error)
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        text_length = len(library.load(hit.article.id).document().text)
        assert all(0 <= start < end <= text_length for start, end in hit.matches)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(QUERIES)
def test_match_ranges_stay_inside_the_article(library: Library, text: str) -> None:
    article = library.load(library.articles()[0].id)
    length = len(article.document().text)
    ranges = library.match_ranges(text, article)  # a bad query simply matches nothing
    assert all(0 <= start < end <= length for start, end in ranges)


JAPANESE = st.lists(
    st.sampled_from(
        [
            *"東京都の髙橋さんは昨日から㈱日本ニュースで働いています①②ｶﾀｶﾅ～ー「」。、\n ",
            "💡 ",
            "✅ ",
            "さらに読む ⇒",
            "出典/画像元: ",
            "https://a.example/x",
            "\x1b]0;t\x07",
        ]
    ),
    max_size=120,
).map("".join)
LEGACY = st.sampled_from(["cp932", "euc_jp", "euc_jis_2004", "iso2022_jp_2004", "utf-16"])


def shaped_bytes(draw: st.DrawFn) -> bytes:
    text = draw(JAPANESE)
    codec = draw(LEGACY)
    data = text.encode(codec, "replace")
    damage = draw(st.lists(st.tuples(st.integers(0, 400), st.binary(max_size=3)), max_size=4))
    for offset, junk in damage:
        position = min(offset, len(data))
        data = data[:position] + junk + data[position:]
    prefix = draw(st.sampled_from([b"", b"\xef\xbb\xbf", b"\x1b$B", b"\x1b(I", b"\x1b$(Q"]))
    return prefix + data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.composite(shaped_bytes)())
def test_decoding_damaged_japanese_never_raises(data: bytes) -> None:
    decoded = decode_bytes(data)
    assert isinstance(decoded.text, str)
    assert decoded.errors >= 0
    if decoded.errors == 0 and decoded.encoding.startswith("utf-8"):
        assert decoded.text == data.decode(decoded.encoding)


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.composite(shaped_bytes)())
@example(b"\t\r\t\r\x1b]0;t\x07")  # an escape sequence alone: refused as empty (CI, stop 35)
def test_parse_file_gives_a_safe_article_or_a_parse_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzzed.txt"
    path.write_bytes(data)
    try:
        article = parse_file(path)
    except ParseError as error:
        one_line(error)
        assert refusable(data)  # binary, or no text at all
        return
    assert is_safe(json.dumps(article.to_json_dict(), ensure_ascii=False))
    document = article.document()
    assert is_safe(document.text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(JAPANESE, st.text(max_size=80)))
def test_analyzer_offsets_stay_inside_the_text(text: str) -> None:
    from index.analysis import content_analyzer, morphemes

    for token in content_analyzer()(text, chars=True, positions=True, mode="index"):
        assert 0 <= token.startchar <= token.endchar <= len(text)
    for morpheme in morphemes(text):
        assert 0 <= morpheme.start <= morpheme.end <= len(text)
