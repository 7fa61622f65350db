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
    seen: list[str] = []
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


def test_a_katakana_word_the_article_names_by_a_title_is_a_person() -> None:
    """From review: the cursor said トランプ【とらんぷ】 名詞 noun (UniDic's playing
    cards) in an article about the former president, and read his title's 前 まえ. The
    index takes the katakana word an article names by a title for a person wherever
    that article writes it (トランプ氏, トランプ前大統領): so does the cursor."""

    def described(title: str, intro: str) -> list[str]:
        article = Article(
            id="t",
            path="/t.txt",
            format=ArticleFormat.TEXT,
            encoding="utf-8",
            title=title,
            intro=[intro],
        )
        cursor = WordCursor(article.document())
        seen: list[str] = []
        word = cursor.place(0)
        while word is not None and (not seen or seen[-1] != describe(word.word).plain):
            seen.append(describe(word.word).plain)
            word = cursor.move(1)
        return seen

    person = "トランプ【とらんぷ】  名詞・固有名詞・人名 proper noun (person)"
    seen = described("トランプ前大統領が来日", "トランプはW杯を見た。")
    assert seen[:3] == [person, "前【ぜん】  名詞 noun", "大統領【だいとうりょう】  名詞 noun"]
    assert person in seen[4:]  # in the intro, without his title
    assert "W杯【ワールドカップ】  名詞 noun" in seen
    # Named by no title, the word is what UniDic says; inside a longer word, no name.
    assert described("トランプで遊ぶ", "トランプタワー")[0] == "トランプ【とらんぷ】  名詞 noun"
    assert described("トランプ氏", "トランプタワー")[-1].startswith("タワー")
    assert "トランプ【とらんぷ】  名詞 noun" in described("トランプ氏", "トランプタワー")
