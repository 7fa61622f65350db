"""The query language, parsed into a small syntax tree: `parse`. The tree is
compiled to Whoosh queries by `index.compiler`.

The language is `SYNTAX` (the reader's help screen shows it as it stands there).

A hand-written parser rather than Whoosh's QueryParser: Whoosh's parser splits
on spaces and then leaves Japanese segmentation to the field's analyzer, so
position gaps, readings and the as-you-type prefix would each need a plugin
that reaches into its syntax tree, and its errors are silent (a stray quote is
taken literally). The language here is small enough that a scanner plus one
pass reads more plainly and every mistake gets a one-line `QueryError`. The scanner
is `index.syntax.lex`, which the reader's dialogs read the query with too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeGuard

from index.analysis import Morpheme, is_reading, morphemes, reads_as_particle
from index.errors import DATE_FORMS, DateError

# Re-exported under their old names (tests, bench and fuzz import them from here).
from index.errors import QueryError as QueryError
from index.errors import QueryIncomplete as QueryIncomplete
from index.inflection import unfinished_ending
from index.kana import IDEOGRAPHS, KANJI, KATAKANA_LETTERS, KATAKANA_WORD, fold_kana
from index.names import ORG, PERSON, PLACE
from index.normalization import VARIANTS
from index.sanitize import controls_as_spaces, printable, quote_typed
from index.schema import TEXT_FIELDS
from index.syntax import (
    CLOSING_ONLY,
    CLOSING_QUOTES,
    DATE_FIELDS,
    FIELD,
    MINUS_LIKE,
    OPERATORS,
    QUOTES,
    Lexeme,
    filter_value,
    lex,
    minus_first,
    read_date,
)
from index.urls import site_host

SYNTAX: tuple[tuple[str, str], ...] = (
    ("停戦交渉", "an unsegmented word, as a phrase (not 停戦 … 交渉 apart)"),
    ("停戦 ロシア", "both words (a space means AND; AND may be written too)"),
    ("停戦 の 交渉", "particles between words are left out (停戦 交渉), and said so"),
    ("停戦 OR 和平", "either word"),
    ("交渉 -平和維持軍", "without the word (also NOT 平和維持軍)"),
    ('"和平 交渉"', "the words together, in that order"),
    ("ていせん", "a reading in hiragana: the words read so (停戦)"),
    ("示した", "the word in any form (示す, 示します)"),
    ("title:停戦", "the word in titles only"),
    ("site:cnn.co.jp", "articles from that site or citing it in a source card"),
    (
        "outlet:朝日新聞",
        "articles from an outlet it begins, or citing one (quoted: that one alone)",
    ),
    ("person:プーチン", "articles naming the person (also place:, org:)"),
    ("after:2025-01", "from that date on (YYYY, YYYY-MM or YYYY-MM-DD; 2025年1月)"),
    ("before:2025-12-31", "before that date (the day itself excluded)"),
)
"""(example, what it finds): the query language, shown by the reader's help. Each example
finds something in seeds/, the corpus a new home starts with, so that one tried as
shown answers (`outlet:CNN` found nothing there; tests/tui/test_dialogs_facets.py)."""

FACETS = ("site", "outlet", PERSON, PLACE, ORG)
NAME_FACETS = (PERSON, PLACE, ORG)
"""Facets of names the analyzer found (in their common form: VARIANTS)."""
FIELD_NAMES = (*FACETS, "title", *DATE_FIELDS)


# -- syntax tree ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Words:
    """Text to find as a phrase in `fields`."""

    text: str
    fields: tuple[str, ...]
    morphemes: tuple[Morpheme, ...]
    unfinished: bool = False
    """As-you-type: the user is still typing this word (its end is a prefix)."""

    @property
    def content(self) -> list[Morpheme]:
        return [m for m in self.morphemes if not m.stop]

    @property
    def reading(self) -> str | None:
        """The word as a reading, when it is all hiragana (ていせん); a quoted phrase's
        words read together, as they are searched ("とうきょう たわー" is とうきょうたわー,
        as "東京 タワー" is 東京タワー: its words searched apart as text found 2 articles
        of ldcc, where とうきょうたわー finds 22); not while it is typed, its last word
        then the start of a longer one (`"いま は` read いまは…, 今ハリウッド: 12 where its
        words find 2,349)."""
        text = self.text if self.unfinished else "".join(self.text.split())
        folded = fold_kana(text)
        return folded if text == folded and is_reading(folded) and len(folded) > 1 else None


@dataclass(frozen=True, slots=True)
class Facet:
    field: str
    value: str
    exact: bool = False
    """Quoted (person:"本田圭佑", as the pickers write it): that value, not every one it
    begins (person:本田 finds 本田圭佑 and 本田翼)."""
    being_typed: bool = False
    """As-you-type, the last word and unquoted: a site is matched by the start of its
    host name or of a label in it (site:news.livedoor, site:livedoor) until complete."""


@dataclass(frozen=True, slots=True)
class DateRange:
    start: datetime | None
    end: datetime | None


Clause = Words | Facet | DateRange


@dataclass(slots=True)
class Group:
    """Clauses joined by OR; `negated` excludes what they match."""

    alternatives: list[Clause] = field(default_factory=list)
    negated: bool = False


SYMBOL_SCRIPTS = (
    ("0-9a-z", "a-z"),
    ("\u30a1-\u30fa\u30fc-\u30ff", "\u30a1-\u30fa"),
    ("\u3041-\u3096\u309d-\u309f", "\u3041-\u3096"),
    (KANJI, IDEOGRAPHS),
)
"""(the characters of a word, those of them that make it one) in each script a word
ending in + or # is written in: Latin (with digits), katakana (with ー), hiragana,
kanji (with 々). Japanese news write Google+ as グーグル＋, which was searched as グーグル
(83 articles of ldcc, 11 of them holding グーグル＋)."""
SYMBOL_WORD = re.compile(
    "|".join(
        f"(?<![{chars}])(?=[{chars}]*[{letters}])[{chars}]*+[+#]++(?![{chars}+#])"
        for chars, letters in SYMBOL_SCRIPTS
    )
)
"""A word ending in symbols the analyzer drops: c++, c#, google+, グーグル+ (in NFKC,
lower case), the word the run of one script before them (米グーグル+: グーグル+). Not
1+1 or 2+: a sum, and a digit alone holds nothing to tell it apart."""


def symbol_words(group: Group) -> tuple[str, ...]:
    """The words ending in symbols the analyzer drops (`SYMBOL_WORD`) that the hits of
    `group` must hold as written (index.matching): those of a plain positive clause (an
    OR's alternatives are searched as the analyzer reads them)."""
    if group.negated or len(group.alternatives) != 1:
        return ()
    clause = group.alternatives[0]
    if not isinstance(clause, Words):
        return ()
    return tuple(SYMBOL_WORD.findall(unicodedata.normalize("NFKC", clause.text).lower()))


@dataclass(slots=True)
class ParsedQuery:
    text: str
    groups: list[Group]
    live: bool = False
    """Parsed as typed: its last word may still grow (a date: before:2012 -> 2012-06)."""
    ignored: tuple[str, ...] = ()
    """Words typed beside others that are not searched, in the order typed: particles
    (東京 から 大阪: から, 東京 の 大阪: の) and words that hold nothing to search (・).
    `ignored_notice` says so to the user."""

    def positive_words(self) -> Iterator[Words]:
        for group in self.groups:
            if not group.negated:
                for clause in group.alternatives:
                    if isinstance(clause, Words):
                        yield clause

    def named(self) -> Iterator[Words]:
        """The names looked for (person:本田, not -person:), as words to mark in the
        text: the filter matched the articles naming them, where they are written."""
        for group in self.groups:
            if not group.negated:
                for clause in group.alternatives:
                    if isinstance(clause, Facet) and clause.field in NAME_FACETS:
                        yield from name_phrases(clause)


# -- scanning ---------------------------------------------------------------------------

# The words are read by `index.syntax.lex`, which the reader's dialogs read a query by
# too (what they edit is then what is searched).

_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate: what Python makes of a command-line byte that is no UTF-8."""


def _unquote(text: str, written: str) -> str:
    """`text` (a word, a phrase or title:'s value) without the quotes around its words.
    A quote between its words is kept as typed (`written`: スマートフォン「BlackBerry): the
    articles hold it there, in a place of its own, and a sentence pasted whole found
    nothing with its 「」 left out (the words either side read as neighbours)."""
    inside = [k for k, char in enumerate(text) if char != '"' and not char.isspace()]
    if not inside:
        return ""
    first, last = inside[0], inside[-1]
    return "".join(
        (written[k] if first < k < last and written[k] in _KEPT_QUOTES else "")
        if char == '"'
        else char
        for k, char in enumerate(text)
    )


_KEPT_QUOTES = frozenset("「」『』")
"""The quotes `_unquote` keeps between words: Japanese text's own, which a pasted
sentence holds. A `"` there is the query's (`"iPhone"ケース` is iPhoneケース: kept, it
was a symbol the text had to hold, 4 articles of ldcc where iPhoneケース finds 21)."""


def _typed(lexeme: Lexeme, part: str) -> str:
    """`part` (the lexeme's text, body or value: an end of its text) with its quotes as
    typed."""
    return lexeme.written[len(lexeme.text) - len(part) :]


# -- parsing ----------------------------------------------------------------------------


_DATE_BEING_TYPED = re.compile(r"\d{1,4}(?:[-/](?:\d{1,2}(?:[-/]\d{0,2})?)?)?")
"""The start of a date in one of `_parse_date`'s forms (as-you-type waits for the rest)."""


_KANJI_DATE_BEING_TYPED = re.compile(r"[0-9]{4}年(?:[0-9]{1,2}(?:月[0-9]{0,2})?)?")
"""The start of a date as Japanese writes it (`index.syntax.DATE_IN_KANJI`): 2012年3,
2012年3月5 (the 日 to come)."""


def _with_dashes(value: str) -> str:
    """A date being typed as Japanese writes it, as it reads with dashes (2012年3月5 as
    2012-3-5, 2012年 as 2012-); any other `value` as it is."""
    if _KANJI_DATE_BEING_TYPED.fullmatch(value):
        return value.replace("年", "-").replace("月", "-")
    return value


def _date_being_typed(value: str) -> bool:
    """`value` (not a date) may still become one as the user types on: 2012-0, 2012/3/,
    2012年3月1."""
    value = _with_dashes(value)
    if not _DATE_BEING_TYPED.fullmatch(value):
        return False
    parts = re.split(r"[-/]", value)
    if len(parts) > 1 and len(parts[1]) == 2 and not 1 <= int(parts[1]) <= 12:
        return False  # 2012-13: no month to come
    return len(parts) < 3 or len(parts[2]) < 2  # a whole date that is no date: 2012-02-31


def _date_so_far(value: str) -> datetime | None:
    """The date `value`, still being typed (`_date_being_typed`), stands for as typed: the
    day, month or year typed whole before it (2012- and 2012-0 are 2012, 2012-05- is
    2012-05), the first day it may become. It jumped back to no filter at every - typed
    (大阪 after:2012-05-1 over ldcc: 195, 124, 195, 195, 65, 195, 65), where the count
    of after: now only falls (before:'s only rises, as 2011 grows to 2011-06). None for
    a year not typed whole (201): no filter yet, not the decade (before:2 as 2000 would
    empty the list until the year is typed)."""
    if not _date_being_typed(value):
        return None
    value = _with_dashes(value)
    cuts = [at for at, char in enumerate(value) if char in "-/"]
    for end in reversed(cuts):
        try:
            return read_date(value[:end])[0]
        except DateError:
            continue
    return None


def _parse_date(name: str, value: str) -> datetime:
    try:
        return read_date(value)[0]
    except DateError as error:
        # Of the right form, what is wrong (after:2012-02-30 said "use YYYY-MM-DD").
        why = error.reason or f"(use {DATE_FORMS})"
        raise QueryError(f"bad date {quote_typed(value)} for {name}: {why}") from None


def _words(text: str, fields: tuple[str, ...], *, unfinished: bool) -> Words | None:
    # A line break or a tab in quotes is a space, as outside them and as any other
    # control (`controls_as_spaces`, which keeps them for a filter's value, an article's
    # text a picker quoted): `"映画\nをみ"` found 43 articles of ldcc, `"映画 をみ"` 116.
    text = text.translate(_BREAKS_AS_SPACES)
    reading = _reading_between_symbols(text)
    if reading is not None:
        # A symbol after it ends the word, as a space does: no longer its start
        text, unfinished = reading, unfinished and not _ends_in_symbol(text)
    found = tuple(morphemes(text))
    words = Words(text, fields, found, unfinished)
    # A word being typed may be the start of a longer one (の: ノマド), unless it holds
    # no letter or digit (*, ?, ！): no word of the index starts so, and 東京 * found
    # nothing as typed where Enter leaves * out ("ignored *") and finds 東京's 1,111.
    may_grow = unfinished and found and _has_letter(text)
    if not any(not m.stop for m in found) and not may_grow:
        # ぞう, かさ: MeCab reads them alone as particles (ぞ|う), but as readings they
        # find 象 and 傘. Whether any word is read so, only the index knows.
        return words if words.reading is not None and reading_field(fields) else None
    return words


READING_APART = re.compile(r"[^、。!?,.]+")
"""The words of a word `_Parser._readings_apart` may read apart: the runs between the
marks a list or a sentence of keywords parts them with (after NFKC: ！ is !)…"""
_KANJI_OR_KATAKANA = re.compile(f"[{KANJI}{KATAKANA_LETTERS}]+")
"""A word of kanji or katakana alone (no digit nor Latin letter: 1.5, node.js are no
words parted)."""
_PARTING = re.compile(r"[、。!?,.]")
"""…the marks themselves."""


def _reading_between_symbols(text: str) -> str | None:
    """`text` without the punctuation and symbols at its ends (すてーき！, 「すまほ」,
    とうきょう。, as pasted text and an input method's punctuation have them), when that
    leaves a reading in hiragana; None for any other text. Read with them, the kana were
    MeCab's cut instead (す|てー|き|!: 為る, in every article: すてーき！ found 7,346 of
    ldcc where すてーき finds 9, にほん！ 6 for 2,920, すまほ？ 0 for 685). A word in kanji or
    katakana leaves them out already (their morphemes are stops): 香川真司。 finds 40, as
    香川真司 does. Not + or # (ぐーぐる+: `SYMBOL_WORD`)."""
    inner = text.strip(_SPACES)
    if inner[:1].isalnum() and inner[-1:].isalnum():
        return None  # (most words: every keystroke comes here)
    start, end = 0, len(inner)
    while start < end and _left_out_at_end(inner[start]):
        start += 1
    while end > start and _left_out_at_end(inner[end - 1]):
        end -= 1
    if (start, end) == (0, len(inner)) or start == end:
        return None
    kept = inner[start:end].strip(_SPACES)
    return kept if is_reading("".join(kept.split())) else None


def _left_out_at_end(char: str) -> bool:
    """Whether `char` is punctuation or a symbol left out at a reading's ends (the
    spaces of a quoted phrase too): not + and #, which a word may end in, nor ー."""
    return char.isspace() or (char not in "+#" and unicodedata.category(char)[0] in "PS")


def _ends_in_symbol(text: str) -> bool:
    """Whether `text` (a reading with symbols at its ends) ends in one."""
    stripped = text.rstrip(_SPACES)
    return bool(stripped) and _left_out_at_end(stripped[-1])


_BREAKS_AS_SPACES = str.maketrans(dict.fromkeys("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", " "))
"""White space that breaks a line (as `str.splitlines` reads it: U+2028 too), a tab."""


def being_typed(words: Words) -> Words:
    """`words` as they are searched while the last word of a query is typed: unfinished,
    the start of an inflection left out (`_ending_left_out`)."""
    text = _ending_left_out(words.text) or words.text
    found = tuple(morphemes(text)) if text != words.text else words.morphemes
    return Words(text, words.fields, found, unfinished=True)


def _ending_left_out(text: str) -> str:
    """A word being typed without the start of an inflection MeCab reads as a word of its
    own (`index.inflection`): 食べま is searched as 食べ, whose count 食べました keeps
    (over ldcc 472, 438), where 食べ|ま (a filler) found nothing."""
    cut = unfinished_ending(text)
    return text[: len(text) - cut] if cut else text


def _has_letter(text: str) -> bool:
    """Whether `text` holds a letter or a digit (a word may start so), not symbols alone."""
    return any(unicodedata.category(char)[0] in "LN" for char in text)


def read_in_the_negative(words: Words) -> bool:
    """Whether MeCab read a hiragana word as a verb's …せ and the negative ん (ていせん:
    呈せ|ん; きゅうせん: きゅう|せ|ん), which a reading of a word in せん (停戦, 休戦)
    is far more likely to be: the phrase of that verb found every 苦言を呈した."""
    if words.reading is None or len(words.morphemes) < 2:
        return False
    before, last = words.morphemes[-2:]
    return last.stop and last.surface == "ん" and not before.stop and before.surface.endswith("せ")


def kana_after_no(words: Words) -> str:
    """The kana a typed-out word ends in after its last word and an の (東京のか: か;
    日本のさ, "映画のよ"), which are not searched: the index holds no particle, so the
    phrase finds every 東京 (1,111 of ldcc), and nothing said so, where `東京 か` says
    "ignored か". '' for any other (東京の, 東京では: particles ending a word, as meant;
    a reading, whose kana `index.compiler` reads otherwise; a word being typed, whose
    kana begin the next word)."""
    if "の" not in words.text:
        return ""  # (most words: every keystroke comes here)
    found = words.morphemes
    last = next((at for at in range(len(found) - 1, -1, -1) if not found[at].stop), None)
    if words.unfinished or last is None or len(found) - last < 3:
        return ""  # (a word and two after it at least: の and the kana)
    tail = found[last + 1 :]
    kana = [m for m in tail[1:] if is_reading(fold_kana(m.surface))]
    if tail[0].surface != "の" or not kana or words.reading is not None:
        return ""
    return words.text[kana[0].start : kana[-1].end]


def spelled_in_part(words: Words) -> bool:
    """Whether the phrase of a hiragana word leaves kana of it out: MeCab read a particle
    at its start or end (おおさかし: 多い|さ + か|し), so the phrase as written finds every
    多さ. Where the word is read whole (大阪市), that phrase is not searched."""
    found = words.morphemes
    return words.reading is not None and bool(words.content) and (found[0].stop or found[-1].stop)


def particles_only(clause: Clause) -> TypeGuard[Words]:
    """Whether `clause` is a word MeCab reads as particles alone (ぞう: ぞ|う), typed out."""
    return isinstance(clause, Words) and not clause.content and not clause.unfinished


def reading_field(fields: Sequence[str]) -> str | None:
    """Where the readings of words searched in `fields` are: `reading` (every text's) for
    words searched everywhere, `title_reading` for title:, none for another field."""
    if "body" in fields:
        return "reading"
    return "title_reading" if tuple(fields) == ("title",) else None


def name_words(facet: Facet) -> Words | None:
    """A name filter's value as a phrase of the text fields (person:本田圭佑: 本田 圭佑),
    to mark where the name is written; None if it holds no word."""
    return _words(facet.value, tuple(TEXT_FIELDS), unfinished=False)


def name_phrases(facet: Facet) -> list[Words]:
    """`name_words`, and a katakana name as one word besides: where MeCab reads it as
    one (フランスのマクロン大統領) when alone it reads マクロ|ン (the facet names a
    katakana word the analyzer took for a person as it is written)."""
    words = name_words(facet)
    phrases = [] if words is None else [words]
    value = facet.value
    if KATAKANA_WORD.fullmatch(value) and (
        words is None or [m.term for m in words.content] != [value]
    ):
        whole = Morpheme(0, value, fold_kana(value), value, "", 0, len(value), False, facet.field)
        phrases.append(Words(value, tuple(TEXT_FIELDS), (whole,)))
    return phrases


def _being_typed(lexeme: Lexeme) -> bool:
    """Whether `lexeme` is still being typed (as typed): the last word, nothing after it,
    not a quote closed. An open quote's last word is too ("スカイ ツリ: ツリ…)."""
    return lexeme.at_end and (not lexeme.quoted or lexeme.open_quote)


def _opening_alone(lexeme: Lexeme) -> bool:
    """Whether `lexeme`, being typed, is (but for the - that leaves it out) only quotes
    or brackets that open a phrase or an aside (", 「, “, 『, （): the start of one, the
    words to come. 『『 too, though `lex` closes the first 『, which has no 』, at the
    next quote (as 「東京" an IME left): it said "nothing to search for in '『『'" where
    （（ and 『『『 said what to type. Not "", which a " closes: a phrase, empty."""
    opened = lexeme.written[1:] if lexeme.excluded else lexeme.written
    if not lexeme.at_end or not opened:
        return False
    if not all(
        char == '"' or (char not in CLOSING_ONLY and unicodedata.category(char) in ("Ps", "Pi"))
        for char in opened
    ):
        return False
    return _being_typed(lexeme) or '"' not in opened


def _opening_hint(typed: str, *, leave_out: bool) -> str:
    """What the reader says as `typed`, quotes or brackets alone, is being typed (like
    `-: type the word to leave out`)."""
    shown = f"-{printable(typed)}" if leave_out else printable(typed)
    goal = "leave out" if leave_out else "find"
    if any(char in CLOSING_QUOTES or char in '"＂' for char in typed):
        closing = "".join(CLOSING_QUOTES.get(char, "") for char in reversed(typed))
        then = f", then {closing}" if closing else ""
        return f"{shown}: type the words to {goal} together{then}"
    return f"{shown}: type the words to {goal}"


def _to_come(lexeme: Lexeme) -> tuple[str, ...]:
    """The filters (`site:`) and operators (OR) that `lexeme`, being typed, may still
    become as typing goes on: its letters begin their names (a filter's in any case, an
    operator's as written: O, AN); () for any other word."""
    if not _being_typed(lexeme) or lexeme.quoted or lexeme.kind != "word":
        return ()  # (OR typed whole is OR: its errors are said as typed too)
    return _names_begun(lexeme.body, operators=not lexeme.excluded)


def _names_begun(typed: str, *, operators: bool) -> tuple[str, ...]:
    """The filters (`site:`) and, if `operators`, the operators that `typed` begins."""
    if not typed.isascii() or not typed.isalpha():
        return ()
    names = [f"{name}:" for name in FIELD_NAMES if name.startswith(typed.lower())]
    if operators:
        names += [name for name in OPERATORS if name.startswith(typed)]
    return tuple(names)


_LAST_WORD = re.compile(r"\s(\S+)\Z")


def _phrase_typing_on(text: str, lexeme: Lexeme) -> tuple[Lexeme, QueryIncomplete] | None:
    """As typed, an open quote's phrase without its last word when that word may begin
    a filter or an operator (「東京 s, 「東京 O), and what it waits for; None for any
    other. The quote ends before the filter or operator once typed (`_open_quote_end`),
    so it is counted as the phrase before it, as 東京 O is as 東京: 「東京 O counted 0,
    then 「東京 OR 1,111 (「東京's count)."""
    if not (lexeme.open_quote and _being_typed(lexeme)) or lexeme.field is not None:
        return None
    read = _LAST_WORD.search(lexeme.text)
    typed = _LAST_WORD.search(text[lexeme.start : lexeme.end])
    if read is None or typed is None or '"' not in lexeme.text[: read.start()]:
        return None
    to_come = _names_begun(read.group(1), operators=True)
    if not to_come:
        return None
    cut = read.start(1)
    phrase = replace(
        lexeme,
        text=lexeme.text[:cut],
        end=lexeme.start + typed.start(1),
        written=lexeme.written[:cut],
    )
    either = ", ".join(("a word", *to_come[:-1])) + f" or {to_come[-1]}"
    return phrase, QueryIncomplete(f"type on: {quote_typed(read.group(1))} may begin {either}")


def _ending_may_be_typed(lexeme: Lexeme) -> bool:
    """Whether the end of `lexeme`, being typed, may be an ending begun
    (`_ending_left_out`): a word's, or a phrase's whose quote is still open ("食べま
    counted 2 between "食べ 472 and "食べまし 438). A closed quote's phrase is whole."""
    return not lexeme.quoted or lexeme.open_quote


def _clause(lexeme: Lexeme, *, live: bool) -> Clause | None:
    """One word or `field:value` (without its NOT/-); None when it holds nothing to search."""
    unfinished = live and _being_typed(lexeme)
    if lexeme.field is None:  # a pasted URL (https://…) too: text to find
        # (Stripped: a space typed inside an open quote, before the next word, is no
        # part of the words: "とうきょう  searched とうきょう  as no reading, 2 of 1,112.)
        body = _unquote(lexeme.body, _typed(lexeme, lexeme.body)).strip()
        if unfinished and _ending_may_be_typed(lexeme):
            body = _ending_left_out(body)
        return _words(body, tuple(TEXT_FIELDS), unfinished=unfinished)
    name, (value, exact) = lexeme.field, filter_value(lexeme)
    if name not in FIELD_NAMES:
        known = ", ".join(f"{known}:" for known in FIELD_NAMES)
        quoted = '"' + lexeme.body.replace('"', "") + '"'
        raise QueryError(
            f"unknown field {quote_typed(name + ':')} (known: {known}); "
            f"to find the text, quote it: {quoted}"
        )
    if not value:
        if live and lexeme.at_end:
            wanted = "a date (YYYY, YYYY-MM or YYYY-MM-DD)" if name in DATE_FIELDS else "a value"
            raise QueryIncomplete(f"{name}: type {wanted}")
        raise QueryError(f"{name}: needs a value")
    if name == "title":
        text = _unquote(lexeme.value, _typed(lexeme, lexeme.value)).strip()
        if unfinished and _ending_may_be_typed(lexeme):
            text = _ending_left_out(text)
        return _words(text, ("title",), unfinished=unfinished)
    if name in DATE_FIELDS:
        if live and lexeme.at_end:
            try:
                moment = _parse_date(name, value)
            except QueryError:
                so_far = _date_so_far(value)
                if so_far is not None:
                    return DateRange(so_far, None) if name == "after" else DateRange(None, so_far)
                if _date_being_typed(value):
                    raise QueryIncomplete(
                        f"{name}:{value}: type the rest of the date ({DATE_FORMS})"
                    ) from None
                raise
        else:
            moment = _parse_date(name, value)
        return DateRange(moment, None) if name == "after" else DateRange(None, moment)
    if name == "site":
        # A URL pasted (the reader's `y` copies one) is its host: it matched no site.
        host = site_host(value)
        if host is None:
            if live and lexeme.at_end and site_host(value + "x") is not None:
                shown = printable(value)
                raise QueryIncomplete(f"site:{shown}: type the host (news.livedoor.com)")
            raise QueryError(
                f"site:{printable(value)} names no site: site: takes a host "
                "(site:news.livedoor.com), a name in one (site:livedoor) or a URL (site:https://news.livedoor.com/)"
            )
        value = host
    elif name in NAME_FACETS:
        value = value.translate(VARIANTS)  # as the analyzer found the names: 髙橋 is 高橋
    return Facet(name, value, exact, being_typed=unfinished and not exact)


_SPACES = " \t\r\n\u3000"
"""The spaces around a query of controls alone left out where it is named."""


def parse(text: str, *, live: bool = False) -> ParsedQuery:
    """Parse the query language (see module doc); raises QueryError on a malformed query."""
    stray = _SURROGATE.search(text)
    if stray:
        # `yomite search 東京$'\xff'`: MeCab cannot take it (UnicodeEncodeError, a
        # traceback). No text holds it, so it is a mistake to fix as any other.
        raise QueryError(f"the query holds a byte that is not UTF-8 ({printable(stray.group())})")
    typed, text = text, controls_as_spaces(text)  # what the terminal showed (`lex`)
    # NFKC: ＂ is "; a trailing space finishes a word
    lexed = lex(text)
    if not lexed.text.strip():
        if typed != text:
            # `$'\e[31m'`, pasted with its colour and nothing else (and \x1c, \x85, which
            # str.strip() takes for white space: they were told "empty query")
            raise QueryError(
                f"nothing to search for in {quote_typed(typed.strip(_SPACES))}: "
                "control characters are read as spaces"
            )
        raise QueryError("empty query")
    # A quote that nothing closes runs to the end, at Enter as as typed (`lex`): a
    # sentence pasted from within a quote, or cut off in one (…ブログでは、「常に憧れ),
    # was refused, "unbalanced quote", where as typed it was searched.
    lexemes = lexed.lexemes
    length = sum(map(len, dict.fromkeys(lexeme.text for lexeme in lexemes)))
    if length > MOST_CHARACTERS:
        raise QueryError(f"query too long: {length:,} characters; at most {MOST_CHARACTERS:,}")
    grouping = _grouping(text, lexemes, live=live)
    if grouping is not None:
        raise QueryError(grouping)
    parser = _Parser(text, lexemes, live, _grouping_apart(lexemes, live=live))
    for index, lexeme in enumerate(lexemes):
        parser.read(index, lexeme)
    return parser.end()


def _grouping(text: str, lexemes: Sequence[Lexeme], *, live: bool, mend: bool = True) -> str | None:
    """Why `text` is refused when it groups words in parentheses where grouping would
    change what it finds, or None. The language has no grouping, and the parentheses were
    dropped without a word: `(東京 映画) OR 大阪` was 東京 AND (映画 OR 大阪), 319 hits of
    ldcc where the grouping typed has 443. Refused where a parenthesis opens or closes a
    word (in any width) of a query with OR, or opens one left out (`-(東京 映画)`, `NOT
    (東京`); a word holding both, iPhone（アイフォーン）, and a query of words alone (an AND,
    whatever the grouping) are read as before. Parentheses around what OR joins alone,
    `東京 (映画 OR 大阪)`, are the grouping OR makes (`_alternatives_grouped`): taken.
    Where one mistake is all that is wrong, the message says what to write instead: a
    word joined to a group's parenthesis (`_glued_to_group`), a group not closed or not
    opened (`_mended`); `mend=False` only says whether the query is refused."""
    ors = any(lexeme.operator == "OR" for lexeme in lexemes)
    if ors and mend:
        glued = _glued_to_group(text, lexemes)
        if glued is not None:
            return glued
    grouped = _alternatives_grouped(lexemes, live=live) if ors else set()
    found: list[str] = []
    wrong: list[int] = []
    left_out = False
    for index, lexeme in enumerate(lexemes):
        if index in grouped:
            continue
        opens, closes = (count > 0 for count in _parenthesis(lexeme))
        excluded = _left_out(lexemes, index)
        if (ors and (opens or closes)) or (opens and excluded):
            found.append(printable(text[lexeme.start : lexeme.end]))
            wrong.append(index)
            left_out = left_out or (opens and excluded)
    if not found:
        return None
    mended = _mended(text, lexemes, wrong) if mend else None
    if mended is not None:
        return mended
    why = " and ".join(
        rule
        for rule, applies in (
            ("OR joins the one word on each side of it", ors),
            ("- or NOT leaves out the one word after it", left_out),
        )
        if applies
    )
    shown = ", ".join(quote_typed(word) for word in found)
    return f"parentheses do not group words ({shown}): {why}; write the query without them"


def _parenthesis(lexeme: Lexeme) -> tuple[int, int]:
    """How many parentheses (NFKC: either width) `lexeme` opens at its start and leaves
    open, and how many it closes at its end that it did not open; (0, 0) for an
    operator, a word that holds as many of each (iPhone（アイフォーン）, (笑)) and one
    with other parentheses within it (大阪)x, x(映画: `_glued_to_group`), or in quotes."""
    body = _unquoted_parentheses(lexeme.body) if lexeme.operator is None else ""
    closing, opening = _unmatched(body)
    closes = len(closing) if closing and not body[closing[-1] + 1 :] else 0
    opens = len(opening) if opening and not body[: opening[0]] else 0
    return opens, closes


def _unquoted_parentheses(chars: str) -> str:
    """`chars` (a lexeme's text, its quotes `"`) with every character but the
    parentheses outside quotes made an x: where they are, to pair (`_unmatched`)."""
    kept: list[str] = []
    quoted = False
    for char in chars:
        quoted = quoted != (char == '"')
        kept.append(char if char in "()" and not quoted else "x")
    return "".join(kept)


def _unmatched(chars: str) -> tuple[list[int], list[int]]:
    """Where in `chars` the parentheses are that close one opened before it (`大阪)`) and
    those that open one closed after it (`(映画`): (closing, opening), each in order."""
    closing: list[int] = []
    opening: list[int] = []
    for at, char in enumerate(chars):
        if char == "(":
            opening.append(at)
        elif char == ")":
            if opening:
                opening.pop()
            else:
                closing.append(at)
    return closing, opening


def _glue(chars: str) -> list[int]:
    """Where in `chars` (`_unquoted_parentheses`) a space would part a parenthesis from
    a word joined to it on the outside: after the last that closes one opened before
    (`大阪)x`), before the first that opens one closed after (`x(映画`)."""
    closing, opening = _unmatched(chars)
    cuts = []
    if closing and chars[closing[-1] + 1 :]:
        cuts.append(closing[-1] + 1)
    if opening and chars[: opening[0]]:
        cuts.append(opening[0])
    return cuts


def _glued_to_group(text: str, lexemes: Sequence[Lexeme]) -> str | None:
    """Why `text` is refused where a word is joined to a parenthesis of a group of what
    OR joins (`(映画 OR 大阪)x`, `x(映画 OR 大阪)`, `(映画 OR 大阪)(東京 OR 京都)`): the
    query that a space there makes, or None where it makes no group (`1)東京 OR 大阪`,
    a list's number: a word as before). As typed, `(映画 OR 大阪)x` searched 映画 OR
    大阪x (the x joined to 大阪), and at Enter was refused for '(映画', "OR joins the one
    word on each side of it", where the ')x' was what was wrong; `(映画 OR 大阪)(東京 OR
    京都)` searched 映画 OR 大阪東京 OR 京都, without a word."""
    cuts: list[int] = []
    glued: list[str] = []
    for lexeme in lexemes:
        if lexeme.operator is not None or lexeme.field is not None:
            continue  # (a filter's value is no word to group)
        start = lexeme.start + lexeme.excluded  # (its minus no word: -(映画 is not glued)
        typed = text[start : lexeme.end]
        # As typed, a character at a time (NFKC: （ is ( too), where a space would go
        chars = _unquoted_parentheses(
            "".join(
                _one_char(unicodedata.normalize("NFKC", char).translate(QUOTES)) for char in typed
            )
        )
        found = _glue(chars)
        if found:
            cuts += [start + at for at in found]
            glued.append(quote_typed(typed))
    if not cuts:
        return None
    spaced = text
    for at in sorted(set(cuts), reverse=True):
        spaced = f"{spaced[:at]} {spaced[at:]}"
    # (live: a group not closed yet is one too, said at Enter once the space is typed)
    if not _groups_well(spaced, live=True):
        return None
    return (
        f"a word is joined to a parenthesis of a group ({', '.join(glued)}): a space between "
        f"them searches it beside the group, {quote_typed(spaced)}"
    )


def _one_char(folded: str) -> str:
    """A character as NFKC makes it, or an x where it makes more (⑴ is (1), ㈱ (株):
    parentheses of their own, none of the query's)."""
    return folded if len(folded) == 1 else "x"


def _mended(text: str, lexemes: Sequence[Lexeme], wrong: Sequence[int]) -> str | None:
    """What to write for `text`, refused for the parentheses of the lexemes at `wrong`,
    where one parenthesis left out is all that is wrong: a group not closed (`(映画 OR
    大阪`) or not opened (`映画 OR 大阪)`); None where the query needs more than that."""
    opened: list[int] = []
    unopened: dict[int, int] = {}  # where: how many it closes that none opened
    for index, lexeme in enumerate(lexemes):
        opens, closes = _parenthesis(lexeme)
        for _ in range(closes):
            if opened:
                opened.pop()
            else:
                unopened[index] = unopened.get(index, 0) + 1
        opened += [index] * opens
    shown = ", ".join(quote_typed(text[lexemes[i].start : lexemes[i].end]) for i in wrong)
    # (A query mended is one typed out: as typed, a group not closed is no mistake yet.)
    if opened and not unopened and set(wrong) <= set(opened):
        closed = text.rstrip() + ")" * len(opened)
        ors = any(lexeme.operator == "OR" for lexeme in lexemes[opened[0] :])
        if ors and _groups_well(closed, live=False):
            return (
                f"a parenthesis is not closed ({shown}): close it after what OR joins, "
                f"{quote_typed(closed)}, or write the query without it"
            )
    if not opened and list(wrong) == list(unopened) and len(unopened) == 1:
        [(closer, count)] = unopened.items()
        last = closer if lexemes[closer].body.strip("()") else closer - 1  # ) standing alone
        first = last
        while (
            first >= 2
            and lexemes[first - 1].operator == "OR"
            and lexemes[first - 2].operator is None
        ):
            first -= 2
        at = lexemes[first].start
        opening = text[:at] + "(" * count + text[at:]
        if first < last and _groups_well(opening, live=False):
            return (
                f"a parenthesis is closed that was not opened ({shown}): open it before what "
                f"OR joins, {quote_typed(opening)}, or write the query without it"
            )
    return None


def _groups_well(text: str, *, live: bool) -> bool:
    """Whether the query `text` has no parenthesis `_grouping` refuses."""
    return _grouping(text, lex(text).lexemes, live=live, mend=False) is None


def _grouping_apart(lexemes: Sequence[Lexeme], *, live: bool) -> frozenset[int]:
    """The lexemes of a query taken (`_grouping`) that are parentheses standing alone
    around what OR joins (`( 映画 OR 大阪 )`): no words, nor words left out. They were
    named in the notice, "ignored (, ): particles and symbols are not searched", as if
    the grouping they make were not searched."""
    if not any(lexeme.operator == "OR" for lexeme in lexemes):
        return frozenset()
    return frozenset(
        index
        for index in _alternatives_grouped(lexemes, live=live)
        if lexemes[index].operator is None and not lexemes[index].body.strip("()")
    )


def _left_out(lexemes: Sequence[Lexeme], index: int) -> bool:
    """Whether the word at `index` is left out, by its `-` or the NOT before it."""
    return lexemes[index].excluded or (index > 0 and lexemes[index - 1].operator == "NOT")


def _alternatives_grouped(lexemes: Sequence[Lexeme], *, live: bool) -> set[int]:
    """The words whose parentheses enclose what OR joins and nothing else: `(映画 OR
    大阪)`, `(A OR B OR C)`, anywhere in the query, not left out. OR joins the words
    beside it before space does, so they group what it groups: `東京 (映画 OR 大阪)` is
    `東京 映画 OR 大阪` (319 of ldcc), and they were refused. As typed, a parenthesis not
    closed yet is taken while what follows it may still become such a group (`東京 (映画
    OR 大`, `東京 (映画 O`), so that it does not flash the error the query will not have."""
    grouped: set[int] = set()
    wrong: set[int] = set()
    opened: list[int] = []
    for index, lexeme in enumerate(lexemes):
        opens, closes = _parenthesis(lexeme)
        opened += [index] * opens
        for _ in range(closes):
            if not opened:
                wrong.add(index)
                break
            first = opened.pop()
            joined = _alternatives(lexemes[first : index + 1], typing=False)
            taken = joined and _grouping_ends(lexemes, first, index)
            (grouped if taken else wrong).update((first, index))
    for first in opened:
        typing = live and _alternatives(lexemes[first:], typing=True)
        (grouped if typing and _grouping_ends(lexemes, first) else wrong).add(first)
    return grouped - wrong


def _grouping_ends(lexemes: Sequence[Lexeme], *ends: int) -> bool:
    """Whether the words at `ends` may hold the parentheses of a group: the first not
    left out, and none a filter, which a parenthesis makes a word or a value
    (`(after:2012 OR 東京)` found what 東京 does, not after:2012 OR 東京)."""
    if _left_out(lexemes, ends[0]) or _minus_inside(lexemes[ends[0]]):
        return False
    return not any(
        lexemes[end].field is not None or FIELD.fullmatch(lexemes[end].body.strip("()"))
        for end in ends
    )


def _minus_inside(lexeme: Lexeme) -> bool:
    """Whether `lexeme` opens a parenthesis before a minus (`(-映画`): a word left out
    inside a group, which the parenthesis hid from the lexer (`(-映画 OR 大阪)` found
    映画 OR 大阪, the minus dropped, where `-映画 OR 大阪` is refused)."""
    after = lexeme.body.lstrip("(")
    return after != lexeme.body and after[:1] in ("-", *MINUS_LIKE)


def _alternatives(span: Sequence[Lexeme], *, typing: bool) -> bool:
    """Whether `span` is words joined by OR, each to the next (`A OR B OR C`, one word
    too), parentheses standing alone apart (`( A OR B )`); if `typing`, the start of
    such (`A OR`, and `A O` while the O may be OR's)."""
    span = [lexeme for lexeme in span if lexeme.kind != "word" or lexeme.body.strip("()")]
    for at, lexeme in enumerate(span):
        if at % 2 == 0:
            joined = lexeme.operator is None
        else:
            joined = lexeme.operator == "OR" or (typing and "OR" in _to_come(lexeme))
        if not joined:
            return False
    return typing or len(span) % 2 == 1


@dataclass(slots=True)
class _Parser:
    """`parse`'s one pass over a query's lexemes: `read` takes each in turn (an operator
    changes how the next word is taken; a word or filter becomes a group, or another side
    of the OR before it), `end` checks the whole and makes the `ParsedQuery`."""

    text: str
    """The query as typed."""
    lexemes: Sequence[Lexeme]
    live: bool
    apart: frozenset[int] = frozenset()
    """The lexemes that are parentheses standing alone around what OR joins
    (`_grouping_apart`)."""
    groups: list[Group] = field(default_factory=list)
    negate_next: bool = False
    """NOT was just read: the next word is left out."""
    join_next: bool = False
    """OR was just read: the next word is another side of the last group."""
    waiting: QueryIncomplete | None = None
    """As-you-type: a filter or an exclusion still being typed (left out of the query)."""
    dropped: str = ""
    """The word just read, if it held nothing to search for (a particle)."""
    ignored: list[tuple[int, str]] = field(default_factory=list)
    """(where, word as typed): the words dropped so, a word left out with its NOT or -."""
    plain: list[tuple[int, Words]] = field(default_factory=list)
    """The words typed unquoted, each a group of its own."""
    read_apart: set[int] = field(default_factory=set)
    """The lexemes read as several words (`_readings_apart`): a particle among them is
    named as the word it is, not as the lexeme typed."""
    excluded: str = ""
    """The word just read, if it is left out (-word, NOT word)."""
    to_exclude: bool = False
    """As typed, the last word is left out once typed (see `_word`)."""

    def read(self, index: int, lexeme: Lexeme) -> None:
        """Take `lexeme`, the query's `index`th."""
        if self.live:
            waiting = _waits_for(self.text, lexeme)
            if waiting is not None:
                self.waiting = waiting
                return
            typing_on = _phrase_typing_on(self.text, lexeme)
            if typing_on is not None:
                lexeme, self.waiting = typing_on
        if index in self.apart:
            return  # a parenthesis of the grouping OR makes: no word to search, nor ignored
        if self.live and index == 0 and lexeme.at_end and lexeme.operator in ("OR", "AND"):
            # ORICON, ANDROID typed: OR and AND first are no operators yet (a "query
            # error" flashed on the way, "OR needs a word on each side"), as NOT waits.
            self.waiting = QueryIncomplete(
                _may_begin(lexeme.text, _names_begun(lexeme.text, operators=False))
            )
            return
        match lexeme.operator:
            case "OR":
                self._or(index)
            case "NOT":
                self._not()
            case "AND":
                self._and(index)
            case _:
                readings = self._readings_apart(index, lexeme)
                for reading in readings:
                    self._word(index, reading)
                if not readings:
                    self._word(index, lexeme)

    def _readings_apart(self, index: int, lexeme: Lexeme) -> list[Lexeme]:
        """A word of readings in hiragana joined by punctuation (すまほ、ぱそこん, as an
        input method's 、 or pasted text write them) as the words apart, as if a space
        stood for each 、 (`READING_APART`); [] for any other. Read whole, MeCab cut it
        into kana that found nothing (す|ま|ほ|、|ぱ|そこ|ん: 0 of ldcc, where すまほ
        ぱそこん finds 95). Not quoted (a phrase), left out, or a side of OR (each a word)."""
        if (
            _PARTING.search(lexeme.text) is None
            or lexeme.field is not None
            or lexeme.quoted
            or lexeme.excluded
            or self.negate_next
            or self.join_next
            or (index + 1 < len(self.lexemes) and self.lexemes[index + 1].operator == "OR")
        ):
            return []
        pieces = list(READING_APART.finditer(lexeme.text))
        read = [is_reading(piece.group()) for piece in pieces]
        if (
            len(pieces) < 2
            or not any(read)
            or not all(
                is_read or _KANJI_OR_KATAKANA.fullmatch(piece.group()) is not None
                for is_read, piece in zip(read, pieces, strict=True)
            )
        ):
            # (a word of kanji or katakana among readings is one too: すまほ、パソコン found
            # nothing, MeCab's cut of すまほ searched; スマホ、パソコン stays a phrase)
            return []
        self.read_apart.add(index)
        typed_alike = lexeme.end - lexeme.start == len(lexeme.text)
        return [
            replace(
                lexeme,
                text=piece.group(),
                written=piece.group(),
                start=lexeme.start + piece.start() if typed_alike else lexeme.start,
                end=lexeme.start + piece.end() if typed_alike else lexeme.end,
                # (the last: being typed, as the word was; the others are typed)
                at_end=lexeme.at_end and piece.end() == len(lexeme.text),
            )
            for piece in pieces
        ]

    def _or(self, index: int) -> None:
        """OR: the next word is another side of the group before it."""
        after_operator = self.join_next or self.negate_next
        if self._follows_and(index):
            raise QueryError("OR cannot follow AND")
        if self.excluded and not after_operator:
            raise QueryError(_or_excluded(self.excluded))
        if self.dropped and not after_operator:
            # ス OR 映画: there was a word, but one the index does not hold
            raise QueryError(or_nothing(self.dropped))
        if not self.groups or after_operator or self._ends_query(index):
            raise QueryError("OR needs a word on each side")
        self.join_next = True

    def _not(self) -> None:
        """NOT: the next word is left out."""
        if self.negate_next:
            raise QueryError("NOT cannot follow NOT")
        self.negate_next = True

    def _and(self, index: int) -> None:
        """AND: what a space means already, so only its mistakes are read. Searched as a
        word, it found the articles that have "and" in them (東京 AND 大阪: 1 of 73)."""
        if self.join_next or self.negate_next:
            raise QueryError(f"AND cannot follow {'OR' if self.join_next else 'NOT'}")
        if self._follows_and(index):
            raise QueryError("AND cannot follow AND")
        if self.dropped and not self.groups:
            raise QueryError(
                f"nothing to search for in {quote_typed(self.dropped)}: "
                "AND needs a word on each side"
            )
        if not self.groups or self._ends_query(index):
            # As OR says (停戦 AND had searched 停戦, as if AND were not there)
            raise QueryError("AND needs a word on each side")

    def _follows_and(self, index: int) -> bool:
        return index > 0 and self.lexemes[index - 1].operator == "AND"

    def _ends_query(self, index: int) -> bool:
        """Whether the lexeme at `index` is the last of a query typed out (not as typed)."""
        return index == len(self.lexemes) - 1 and not self.live

    def _word(self, index: int, lexeme: Lexeme) -> None:
        """A word, a phrase or a filter: a group of its own, another side of the OR before
        it (`_join`), or none (it holds nothing to search for, or is still being typed)."""
        # Named as typed: 東京 OR 『『 said "nothing to search for in '\"\"'", 東京 OR ！ in '!'
        negated, body = self.negate_next, _as_typed(self.text, lexeme)
        by_not = negated
        self.negate_next = False
        if lexeme.excluded:
            typed = self.text[lexeme.start : lexeme.end]
            if negated:
                raise QueryError(
                    f"a word is left out once, by NOT or by -, not both ({quote_typed(typed)})"
                )
            if lexeme.field is not None and minus_first(lexeme.value):
                # -title:-東京: title:-東京 is -title:東京 already
                raise QueryError(
                    f"a filter is left out once, by a - before it or before its value, "
                    f"not both ({quote_typed(typed)})"
                )
            negated = True
        incomplete: QueryIncomplete | None = None
        try:
            clause = _clause(lexeme, live=self.live)
        except QueryIncomplete as being_typed:
            clause, incomplete = None, being_typed
            self.waiting = incomplete
        leaves_out = negated and clause is not None
        if leaves_out and not self.join_next and self.live and _being_typed(lexeme):
            # As typed, a word (or filter) to leave out is left out once typed: as the
            # start of a word, 東京 -大 left out every word it begins (大学, 大会: ~713
            # of 東京's 1,111), then 東京 -大阪 1,038. The count only falls as typed on.
            self.to_exclude = True
            return
        self.dropped = body if clause is None and incomplete is None else ""
        if self.dropped:
            # Named with the NOT or - that left it out: 東京 NOT 『『 said "ignored 『『", as
            # if the exclusion were still searched (東京's 1,111 hits either way).
            start = self.lexemes[index - 1].start if by_not else lexeme.start
            shown = self.text[start : lexeme.end] if negated else self.dropped
            self.ignored.append((index, shown))
        if isinstance(clause, Words):
            after = kana_after_no(clause)
            if after:
                self.ignored.append((index, after))
        self.excluded = body if leaves_out else ""
        if self.join_next and self.groups:
            self._join(clause)
        elif clause is not None:
            self.groups.append(Group([clause], negated))
            if isinstance(clause, Words) and lexeme.field is None and not lexeme.quoted:
                self.plain.append((index, clause))

    def _join(self, clause: Clause | None) -> None:
        """`clause`, the word just read after OR, as another side of the last group."""
        self.join_next = False
        if self.excluded:
            # 停戦 OR -ロシア searched 停戦 OR ロシア: a group has one negation
            raise QueryError(_or_excluded(self.excluded))
        if self.dropped:
            # 東京 OR の searched 東京 alone, as の OR 東京 is refused
            raise QueryError(or_nothing(self.dropped))
        if clause is not None:
            self.groups[-1].alternatives.append(clause)

    def end(self) -> ParsedQuery:
        """The query read whole: checked, its particles left out, each group once."""
        if self.negate_next and not self.live:
            raise QueryError("NOT needs a word after it")
        if not any(not group.negated for group in self.groups):
            if self.waiting is not None:
                raise self.waiting
            if self.to_exclude or any(group.negated for group in self.groups):
                raise QueryError("a query needs something to find, not only words to exclude")
            raise QueryError(_nothing_in(self.text.strip(), self.lexemes))
        groups, particles = _without_particles(self.groups, self.plain)
        typed = [
            (where, word if where in self.read_apart else _as_typed(self.text, self.lexemes[where]))
            for where, word in particles
        ]
        left_out = tuple(dict.fromkeys(word for _, word in sorted([*self.ignored, *typed])))
        groups = _distinct(groups)
        words = sum(len(group.alternatives) for group in groups)
        if words > MOST_WORDS:
            raise QueryError(f"query too long: {words:,} words; at most {MOST_WORDS}")
        if not self.live or not any(
            lexeme.at_end and lexeme.field in DATE_FIELDS for lexeme in self.lexemes
        ):
            # As typed, before:2012 may be becoming before:2012-06: no hits until then;
            # once the user has moved on (a space, a word after it), said as at Enter.
            _check_dates(groups)
        return ParsedQuery(self.text, groups, self.live, left_out)


def _waits_for(text: str, lexeme: Lexeme) -> QueryIncomplete | None:
    """As typed, what `lexeme` (of the query `text`) waits for when it is not yet a word
    but may begin one: -, NOT, an opening quote, the start of a filter's or operator's
    name. It is left out of the query until then."""
    body = lexeme.text
    if lexeme.at_end and not lexeme.quoted and body in ("-", "NOT"):
        return QueryIncomplete(f"{body}: type the word to leave out")
    if lexeme.at_end and lexeme.field is not None and lexeme.value in ("-", *MINUS_LIKE):
        # title:- is the start of title:-東京, -title:東京 (it counted title:- as a word)
        return QueryIncomplete(f"{lexeme.field}:-: type the word to leave out")
    if _opening_alone(lexeme):
        # 「 typed first said "query error" (nothing to search for in '「'): as typed,
        # a phrase being started, which the rest of the query is counted without.
        typed = _as_typed(text, lexeme)
        return QueryIncomplete(_opening_hint(typed, leave_out=lexeme.excluded))
    to_come = _to_come(lexeme)
    if to_come:
        # 野球 si may be 野球 site:…, 東京 O 東京 OR …: the count stays the rest's
        # (野球 site counted 0, then 野球 site: 283; 東京 O 246, then 東京 OR 1,111).
        return QueryIncomplete(_may_begin(lexeme.text, to_come))
    return None


def _may_begin(typed: str, to_come: tuple[str, ...]) -> str:
    """What a word being typed waits for: `type on: 'O' may begin a word, outlet:, org:
    or OR` (the filters and operators it may become, `to_come`)."""
    either = ", ".join(("a word", *to_come[:-1])) + f" or {to_come[-1]}" if to_come else "a word"
    return f"type on: {quote_typed(typed)} may begin {either}"


def _as_typed(typed: str, lexeme: Lexeme) -> str:
    """`lexeme` as the user typed it in `typed` (without the minus that excludes it):
    `東京 ！` ignored ！, where NFKC reads !, and … reads ... ("ignored ...")."""
    word = typed[lexeme.start : lexeme.end]
    return word[1:] if lexeme.excluded else word


MOST_WORDS = 200
"""The words (and filters) a query holds at most, once repeats are dropped. An AND of
~1,000 made the matcher a chain as deep (Whoosh pairs the parts of an AND), and Python
stopped it with RecursionError; a typed query holds a few, a pasted list some tens (a
pasted sentence is one word: MOST_CHARACTERS bounds it)."""


MOST_CHARACTERS = 1000
"""The characters a query's words hold at most (each word counted once, as `_distinct`
searches it; after NFKC). A word is searched as a phrase however long it is, and the
work grows with it: an unspaced query had no limit, and 東京 pasted 10,000 times was a
RecursionError, とうきょう 1,000 times over 100 s. A pasted sentence is a few hundred
at most; at this length a search takes a few tenths of a second, as typed too."""


def _distinct(groups: list[Group]) -> list[Group]:
    """`groups` with each one once (in order): 東京 東京 is 東京, searched once, and the
    same marked. A word repeated a thousand times made an AND a thousand deep."""
    seen: set[tuple[tuple[Clause, ...], bool]] = set()
    distinct = []
    for group in groups:
        key = (tuple(group.alternatives), group.negated)
        if key not in seen:
            seen.add(key)
            distinct.append(group)
    return distinct


def _without_particles(
    groups: list[Group], plain: Sequence[tuple[int, Words]]
) -> tuple[list[Group], list[tuple[int, str]]]:
    """`groups` without the `plain` words ((where typed, word): unquoted, a group each)
    that read as particles between others (東京 から 大阪: から), and those words. A word
    alone is searched as typed (から finds 殻 read so), as is one quoted or a side of an
    OR. The last word as typed may be the start of a word (から, からあげ): it is too."""
    candidates = {
        id(words): where
        for where, words in plain
        if not words.unfinished and reads_as_particle(words.text)
    }
    particles = [
        group
        for group in groups
        if not group.negated
        and len(group.alternatives) == 1
        and id(group.alternatives[0]) in candidates
    ]
    # Beside words, not filters: `から site:livedoor` searched the filter alone (7,367
    # articles, where から finds 41), as `から after:2012` never did.
    searched = [
        group
        for group in groups
        if not group.negated and any(isinstance(clause, Words) for clause in group.alternatives)
    ]
    if not particles or len(particles) == len(searched):
        return groups, []
    kept = [group for group in groups if all(group is not found for found in particles)]
    words = [group.alternatives[0] for group in particles]
    return kept, [(candidates[id(word)], word.text) for word in words if isinstance(word, Words)]


def or_nothing(word: str) -> str:
    """Why an OR cannot take `word` as a side: it holds nothing to search for. The OR
    left without it found the other side alone, as if it had not been typed."""
    return f"nothing to search for in {quote_typed(word)}: OR needs a word on each side"


def ignored_notice(words: Sequence[str]) -> str:
    """What the reader's status line and `yomite search` say of the words a query
    left out (`ParsedQuery.ignored`)."""
    named = ", ".join(words)
    return f"ignored {named}: particles and symbols are not searched"


def _or_excluded(word: str) -> str:
    """Why OR cannot join `word`, left out: 停戦 OR -ロシア would list nearly every
    article (those without ロシア), which is seldom what was meant."""
    return (
        f"OR cannot join a word left out ({quote_typed(word)}): "
        "leave it out on its own, outside the OR"
    )


def nothing_to_search(text: str) -> str:
    """Why the query `text` searches for nothing (`_nothing_in`), for the compiler: it
    finds out against the index, once the words it holds read as nothing there."""
    return _nothing_in(text.strip(), lex(text).lexemes)


def _nothing_in(text: str, lexemes: Sequence[Lexeme]) -> str:
    """Why `text` searches for nothing: the words the index leaves out, by kind (of a
    query of plain words only: in `title:の` or `の -は` the operators would be read as
    words too, "nouns and particles are not indexed").

    As typed, の lists the articles with a word that begins so (ノマド, のり); Enter
    then said only "nothing to search for in 'の'", as if the hits had been a mistake.
    """
    from index.phrases import words

    message = f"nothing to search for in {quote_typed(text)}"
    if any(
        lexeme.quoted
        or lexeme.text in ("OR", "NOT", "AND")
        or lexeme.text.startswith("-")
        or FIELD.match(lexeme.text)
        for lexeme in lexemes
    ):
        return message
    plain = " ".join(lexeme.text for lexeme in lexemes)
    found = words(plain)
    kinds = list(dict.fromkeys(f"{word.pos_english}s" for word in found))
    if not kinds:  # punctuation, symbols
        return message
    covered = {at for word in found for at in range(word.start, word.end)}
    if any(not char.isspace() and at not in covered for at, char in enumerate(plain)):
        # MeCab read the rest as punctuation (なとー: な|と|ー), which said "particles
        # are not indexed" of a word that holds none but な and と
        kinds = list(dict.fromkeys([*kinds, "symbols"]))
    kind = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} and {kinds[-1]}"
    if all(is_reading(lexeme.text) and len(lexeme.text) > 1 for lexeme in lexemes):
        # searched as a reading too (ぞう finds 象), which found no word read so
        kind = f"no word is read so, and {kind}"
    return f"{message}: {kind} are not indexed, too common to tell articles apart"


def date_range(group: Group) -> DateRange | None:
    """The date range a group of a query stands for, if that is all it is."""
    only = group.alternatives[0] if len(group.alternatives) == 1 else None
    return only if isinstance(only, DateRange) and not group.negated else None


def published_within(groups: Sequence[Group]) -> DateRange | None:
    """The dates a hit must be published within: every after: and before: at once."""
    ranges = [found for group in groups if (found := date_range(group)) is not None]
    if not ranges:
        return None
    starts = [r.start for r in ranges if r.start is not None]
    ends = [r.end for r in ranges if r.end is not None]
    return DateRange(max(starts) if starts else None, min(ends) if ends else None)


def _check_dates(groups: Sequence[Group]) -> None:
    """Raise QueryError when no date is within every after: and before: of a query.

    after:2012 before:2012 matched nothing, and the list said only "no hits". Found
    as the query is parsed, so Enter on it keeps the search bar, as on any mistake.
    """
    within = published_within(groups)
    if within is None or within.start is None or within.end is None:
        return
    if within.start >= within.end:
        raise QueryError(
            f"no date is both on or after {within.start:%Y-%m-%d} and before "
            f"{within.end:%Y-%m-%d}: after: is the first day, before: the day after the last"
        )
