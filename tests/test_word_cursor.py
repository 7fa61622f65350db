"""The word cursor's movement and its one-line description (tui/word_cursor.py)."""

from __future__ import annotations

from index.model import Article, ArticleFormat, Document
from index.phrases import words
from tui.word_cursor import WordCursor, describe


def document() -> Document:
    article = Article(
        id="a",
        path="/a.txt",
        format=ArticleFormat.TEXT,
        encoding="utf-8",
        title="東京へ",
        intro=["寿司を食べた。"],
    )
    return article.document()


def test_the_cursor_walks_word_by_word_across_blocks_skipping_punctuation() -> None:
    cursor = WordCursor(document())
    seen = []
    word = cursor.place(0)
    while word is not None and (not seen or seen[-1] != word.word.surface):
        seen.append(word.word.surface)
        word = cursor.move(1)
    assert seen == ["東京", "へ", "寿司", "を", "食べ", "た"]
    back = cursor.move(-2)
    assert back is not None and back.word.surface == "を"
    assert (back.start, back.end) == (6, 7)  # document offsets: "東京へ\n寿司を"
    first = cursor.move(-10)
    assert first is not None and first.word.surface == "東京"  # stops at the first word


def test_placing_the_cursor_at_an_offset_finds_the_word_there() -> None:
    cursor = WordCursor(document())
    placed = cursor.place(7)  # 食
    assert placed is not None and placed.word.surface == "食べ"
    assert placed.block.text == "寿司を食べた。"


def test_the_description_names_reading_lemma_and_part_of_speech() -> None:
    eaten = words("食べた")[0]
    assert describe(eaten).plain == "食べ【たべ】  lemma 食べる  動詞 verb"
    tokyo = words("東京")[0]
    assert describe(tokyo).plain == "東京【とうきょう】  名詞・固有名詞・地名 proper noun (place)"
