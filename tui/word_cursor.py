"""The word cursor: walk the open article word by word and see what each word is.

`WordCursor` is the position (which block, which word) over an article's
document; `describe` says the lemma, reading and part of speech of the word under
it (in the status line). The reading view draws the word with `WORD_STYLE` and the
main screen offers a key to search the word's dictionary form across the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from rich.style import Style
from rich.text import Text

from index.model import Block, Document
from index.phrases import WordInfo, titled_people, words

WORD_STYLE = Style(color="black", bgcolor="yellow", underline=True)
"""The word under the cursor: yellow, not reverse like search hits (a reverse word
looked just like the current hit, bold or not); underlined where colours are off."""


@dataclass(frozen=True, slots=True)
class CursorWord:
    """The word under the cursor, with its block."""

    block_index: int
    block: Block
    word: WordInfo

    @property
    def start(self) -> int:
        """Offset in the document text."""
        return self.block.start + self.word.start

    @property
    def end(self) -> int:
        return self.block.start + self.word.end


class WordCursor:
    """A position on one word of a document, moved word by word across blocks."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.position: tuple[int, int] | None = None

    @cached_property
    def people(self) -> frozenset[str]:
        """The katakana words the article names as people by a title: トランプ is the
        person wherever it writes him, not UniDic's playing cards (as the index has it)."""
        return titled_people(self.document.text)

    def _words(self, block_index: int) -> list[WordInfo]:
        return words(self.document.blocks[block_index].text, self.people)

    @property
    def current(self) -> CursorWord | None:
        if self.position is None:
            return None
        block_index, word_index = self.position
        return CursorWord(
            block_index, self.document.blocks[block_index], self._words(block_index)[word_index]
        )

    def place(self, offset: int) -> CursorWord | None:
        """Put the cursor on the first word at or after document offset `offset`."""
        for block_index, block in enumerate(self.document.blocks):
            if block.end < offset:
                continue
            for word_index, word in enumerate(self._words(block_index)):
                if block.start + word.end > offset:
                    self.position = (block_index, word_index)
                    return self.current
        return self.place(0) if offset > 0 else None

    def place_before(self, offset: int) -> CursorWord | None:
        """Put the cursor on the last word starting before document offset `offset`."""
        for block_index in range(len(self.document.blocks) - 1, -1, -1):
            block = self.document.blocks[block_index]
            if block.start >= offset:
                continue
            for word_index, word in reversed(list(enumerate(self._words(block_index)))):
                if block.start + word.start < offset:
                    self.position = (block_index, word_index)
                    return self.current
        return self.place(0)

    def move(self, delta: int) -> CursorWord | None:
        """The next (`delta` > 0) or previous word, across blocks; stays put at either end."""
        if self.position is None:
            return self.place(0)
        block_index, word_index = self.position
        step = 1 if delta > 0 else -1
        for _ in range(abs(delta)):
            word_index += step
            while not 0 <= word_index < len(self._words(block_index)):
                block_index += step
                if not 0 <= block_index < len(self.document.blocks):
                    return self.current  # at the first or last word already
                word_index = 0 if step > 0 else len(self._words(block_index)) - 1
            self.position = (block_index, word_index)
        return self.current

    def clear(self) -> None:
        self.position = None


def describe(word: WordInfo) -> Text:
    """One line about a word: 食べ【たべ】 食べる · 動詞 verb."""
    line = Text()
    line.append(word.surface, style="bold")
    if word.reading and word.reading != word.surface:
        line.append(f"【{word.reading}】")
    if word.lemma != word.surface:
        line.append("  lemma ", style="dim")
        line.append(word.lemma)
    line.append("  ")
    line.append(word.pos)
    line.append(f" {word.pos_english}", style="italic")
    return line


def mark_word(text: Text, block: Block, word: tuple[int, int] | None) -> Text:
    """`text` (a block as drawn) with the word at document offsets `word` marked.

    The drawn text may start with a bullet the block text does not have (・),
    so offsets count from the end of that prefix.
    """
    if word is None:
        return text
    prefix = len(text.plain) - len(block.text)
    start, end = word[0] - block.start + prefix, word[1] - block.start + prefix
    if prefix <= start < end <= len(text.plain):
        text.stylize(WORD_STYLE, start, end)
    return text
