"""Readings MeCab gets wrong because it reads a word alone, read in context: one
implementation for the furigana and the word cursor (`index.phrases`) and for the
index's readings (`index.analysis`), so that what the reader shows is what a
reading search finds (トランプ前大統領's 前 is ぜん in both; W杯 ワールドカップ).

Both read MeCab's tokens their own way (`phrases.Token`, the analyzer's `Word`
tuples): the rules ask a token only for what `Read` names.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Protocol

from index.kana import READ_AS_KANJI

HAS_KANJI = re.compile(f"[{READ_AS_KANJI}]")


class Tokens(Protocol):
    """The tokens of a text, read one at a time by index."""

    def __len__(self) -> int: ...
    def __getitem__(self, at: int, /) -> Read: ...


class Read(Protocol):
    """What the rules read of a token: its offsets, surface, part of speech (UniDic's
    first three levels at least) and kana (katakana, None when MeCab has none)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def surface(self) -> str: ...
    @property
    def pos(self) -> Sequence[str]: ...
    @property
    def kana(self) -> str | None: ...


JOINED: dict[tuple[str, str], tuple[str, str]] = {
    ("一昨", "日"): ("オトトイ", "副詞可能"),
    ("W", "杯"): ("ワールドカップ", "一般"),
    ("Ｗ", "杯"): ("ワールドカップ", "一般"),
    ("前", "売券"): ("マエウリケン", "一般"),
}
"""Words unidic-lite cuts in two whose readings are wrong together, and how the whole
reads (with its noun's third-level part of speech): 一昨日 came out いっさく|ひ
(おととい; いっさくじつ in formal speech), W杯 W|さかずき (ワールドカップ, as news
furigana read it: the Latin letter stands for a word, not a sound), 前売券 ぜん|ばいけん
(まえうりけん; 前売り券 MeCab reads right)."""


READ_IN_CONTEXT = ("日本", "前", "杯", "話", "私", "母", "父", "兄", "姉")
"""What `read_in_context` reads: a text holding none is read as MeCab reads it."""
RULED = frozenset(("日本", "前", "杯", "話", "私", "母", "父", "兄", "姉", "祖父", "祖母"))
"""The surfaces `read_in_context` may read otherwise (`_AFTER_LATIN`'s among them)."""


JOINED_FIRST = frozenset(first for first, _ in JOINED)
"""The first tokens of the `JOINED` words."""


def joined_at(tokens: Tokens, at: int) -> tuple[str, str] | None:
    """(kana, third-level part of speech) of the `JOINED` word `tokens[at]` begins, with
    the token after it, or None."""
    if at + 1 >= len(tokens):
        return None
    first, second = tokens[at], tokens[at + 1]
    joined = JOINED.get((first.surface, second.surface))
    return joined if joined is not None and first.end == second.start else None


def read_in_context(
    text: str, tokens: Tokens, ruled: Sequence[int] | None = None
) -> dict[int, str]:
    """Readings MeCab gets wrong because it reads the word alone, as {index: kana}.

    - 日本 is にほん: UniDic gives the kanji only its lemma's reading, ニッポン, wherever
      it stands, where にほん is the reading most say (97.6% of the 日本 in NINJAL's
      Corpus of Spontaneous Japanese; 61% to 37% in NHK's 2003 survey) and news
      furigana give; にっぽん is kept in the names that bear it (`_NIPPON_NAMES`) and
      in 大日本.
    - 前 before a title is ぜん, former (トランプ前大統領): MeCab reads まえ after a
      name, ぜん at a sentence's start. After a word of time or an event in kanji, or a
      number (大会前代表合宿, 3日前), it is まえ, before, and stays so; as is この前
      (the other day), which MeCab reads ぜん.
    - A kanji of `_AFTER_LATIN` written onto a Latin word is the suffix.
    - 私 is わたし, as news furigana give it: UniDic's lemma reading is the formal
      わたくし.
    - 杯 after a noun is a cup, the prize: はい (天皇杯; MeCab: ばい); after a kanji
      numeral a counter, read with it (一杯 いっぱい, 三杯 さんばい: `_cups`).
    - 話 after a common noun is talk of it: ばなし (移籍話, 自慢話); after a number or
      a word of `_EPISODE_BEFORE`, the counter of episodes: わ (最終話). MeCab reads
      はなし in both.
    - A word of the family (`_FAMILIAR`) before さん or ちゃん, or 様 after お, reads as
      said to one: お母さん おかあさん, 兄ちゃん にいちゃん, お祖父様 おじいさま. MeCab
      reads the kanji alone, はは; UniDic holds the same lemma read カア (written かあ).

    `ruled`: the indexes of the tokens whose surface is in `RULED` (all of them when
    None); the others are read only as their neighbours.
    """
    found: dict[int, str] = {}
    for at in range(len(tokens)) if ruled is None else ruled:
        token = tokens[at]
        surface = token.surface
        if surface not in RULED:
            continue
        previous = tokens[at - 1] if at > 0 else None
        # the token written onto this one: None after a space or at the text's start
        before = previous if previous is not None and previous.end == token.start else None
        kana: str | None = None
        if surface == "私" and token.kana == "ワタクシ":
            kana = "ワタシ"
        elif surface == "日本":
            kana = _nihon(text, token, before)
        elif surface == "前":
            kana = _former_or_before(tokens, at, before)
        elif surface in _AFTER_LATIN and before is not None and _latin(before):
            kana = _AFTER_LATIN[surface]
        elif surface == "杯":
            kana, numeral = _cup(token, before)
            if numeral is not None:
                found[at - 1] = numeral
        elif surface == "話":
            kana = _talk_or_episode(token, before)
        elif (
            surface in _FAMILIAR
            and token.kana == _FAMILIAR[surface][0]
            and _addressed(tokens, at, before)
        ):
            kana = _FAMILIAR[surface][1]
        if kana is not None:
            found[at] = kana
    return found


def _nihon(text: str, token: Read, before: Read | None) -> str | None:
    """日本 (MeCab: にっぽん) as にほん, but in the names that bear にっぽん
    (`_NIPPON_NAMES`) and in 大日本."""
    if token.kana != "ニッポン":
        return None
    named = text.startswith(_NIPPON_NAMES, token.end) or (
        before is not None and before.surface == "大"
    )
    return None if named else "ニホン"


def _former_or_before(tokens: Tokens, at: int, before: Read | None) -> str | None:
    """前 at `at` before a title as ぜん, former, unless after a word of time or an
    event (`_time_or_event`: 大会前, 3日前, before); この前 as まえ, the other day."""
    token = tokens[at]
    if token.kana not in ("マエ", "ゼン"):
        return None
    titled = _before_title(tokens, at)
    if token.kana == "マエ" and titled and (before is None or not _time_or_event(before)):
        return "ゼン"
    if not titled and before is not None and before.surface in ("この", "その", "あの"):
        return "マエ"  # この前 (the other day), which MeCab reads ぜん
    return None


def _latin(token: Read) -> bool:
    """Whether `token` is a word of Latin letters (NHK, ＮＨＫ)."""
    return token.surface.isalpha() and unicodedata.normalize("NFKC", token.surface).isascii()


def _cup(token: Read, before: Read | None) -> tuple[str | None, str | None]:
    """(How 杯 reads, how the numeral before it reads with it) after a noun: after a
    kanji numeral a counter (`_cups`), else the cup, the prize (天皇杯, アジア杯: はい),
    where MeCab does not read it さかずき; None for what stays as MeCab reads it."""
    if before is None or before.pos[0] not in ("名詞", "接尾辞"):
        return None, None
    if before.pos[1] == "数詞":
        kana, numeral = _cups(before)
        return kana, (numeral if numeral is not None and numeral != before.kana else None)
    return (None if token.kana == "サカズキ" else "ハイ"), None


def _talk_or_episode(token: Read, before: Read | None) -> str | None:
    """話 (MeCab: はなし) after a noun: the counter of episodes after a number or a word
    of `_EPISODE_BEFORE` (第1話, 最終話: わ), talk of it after a common noun (移籍話,
    自慢話: ばなし; not 今回|話を聞いた)."""
    if token.kana != "ハナシ" or before is None or before.pos[0] != "名詞":
        return None
    if before.pos[1] == "数詞" or before.surface in _EPISODE_BEFORE:
        return "ワ"
    if before.pos[1] == "普通名詞" and before.pos[2] != "副詞可能":
        return "バナシ"
    return None


_FAMILIAR = {
    "母": ("ハハ", "カア"),
    "父": ("チチ", "トウ"),
    "兄": ("アニ", "ニイ"),
    "姉": ("アネ", "ネエ"),
    "祖父": ("ソフ", "ジイ"),
    "祖母": ("ソボ", "バア"),
}
"""Words of the family, as MeCab reads them alone and as they read addressed (お母さん:
かあ, UniDic's reading of the same lemma written in kana, かあさん)."""

_HONORIFICS = frozenset(("さん", "ちゃん"))
_HONORIFICS_AFTER_O = frozenset(("様", "さま"))
"""What makes a word of `_FAMILIAR` one said to someone: さん and ちゃん (母さん), 様
after the prefix お only (お母様 おかあさま; 兄様 alone may be あにさま)."""


def _addressed(tokens: Tokens, at: int, before: Read | None) -> bool:
    """Whether the word of `_FAMILIAR` at `at` is said to someone: an honorific right
    after it, and before it nothing written onto it but the prefix お (義|母 would be a
    compound MeCab cut; UniDic holds 義母, 保母, 叔母 whole)."""
    if at + 1 >= len(tokens):
        return False
    after = tokens[at + 1]
    if after.start != tokens[at].end or after.pos[0] != "接尾辞":
        return False
    prefixed = before is not None and before.surface in ("お", "御") and before.pos[0] == "接頭辞"
    if before is not None and not prefixed and HAS_KANJI.search(before.surface):
        return False
    return after.surface in _HONORIFICS or (prefixed and after.surface in _HONORIFICS_AFTER_O)


_NIPPON_NAMES = (
    "銀行",
    "放送協会",
    "郵便",
    "郵政",
    "武道館",
    "体育大学",
    "ハム",
    "通運",
    "電気",
    "製鉄",
    "生命",
)
"""What follows 日本 in the names read にっぽん by those who bear them (日本銀行, as its
banknotes spell NIPPON GINKO; 日本放送協会; 日本郵便; 日本電気, NEC): 日本 reads にほん
anywhere else (see `read_in_context`)."""

_TITLES = frozenset(
    (
        "大統領",
        "首相",
        "総理",
        "大臣",
        "外相",
        "長官",
        "次官",
        "大使",
        "知事",
        "市長",
        "町長",
        "村長",
        "区長",
        "議長",
        "議員",
        "代表",
        "党首",
        "総裁",
        "社長",
        "会長",
        "頭取",
        "専務",
        "常務",
        "理事",
        "委員",
        "幹事",
        "学長",
        "総長",
        "校長",
        "監督",
        "コーチ",
        "主将",
        "王者",
        "政権",
        "内閣",
    )
)
"""Offices (and a government) that 前 before them makes former: ぜん, not まえ."""

_TITLE_SUFFIXES = frozenset("長相官")
"""Suffixes that make a title of the noun before them (委員長, 防衛相, 報道官)."""

_AFTER_LATIN = {"杯": "ハイ"}
"""Kanji MeCab reads as a noun of their own where, written onto a Latin word, they are
a suffix (NHK杯: はい, not さかずき). Others (JR駅, iPhone版, Apple社) it reads right."""


_EPISODE_BEFORE = frozenset(("最終", "終", "全", "各", "次", "前", "本", "初"))
"""Nouns after which 話 is the counter of episodes (最終話 さいしゅうわ), not はなし."""

_CUT_SHORT = {
    "一": ("イチ", "イッ"),
    "六": ("ロク", "ロッ"),
    "八": ("ハチ", "ハッ"),
    "十": ("ジュウ", "ジュッ"),
    "百": ("ヒャク", "ヒャッ"),
}
"""Kanji numerals that 杯 (ぱい) after them cuts short: 一杯 いっぱい, 六杯 ろっぱい."""


def _cups(numeral: Read) -> tuple[str | None, str | None]:
    """How 杯 reads after a kanji `numeral`, and how the numeral reads before it (MeCab:
    一杯 いち|ばい, where it is いっ|ぱい; 二杯 に|はい, 三杯 さん|ばい, 何杯 なん|ばい).
    (None, its reading) after digits, whose counter the reader shows no reading for."""
    last, kana = numeral.surface[-1], numeral.kana
    if last in _CUT_SHORT:
        full, short = _CUT_SHORT[last]
        if kana is not None and kana.endswith(full):
            kana = kana[: -len(full)] + short
        return "パイ", kana
    if last in "三千万何":  # after ん
        return "バイ", kana
    if last in "二四五七九":
        return "ハイ", kana
    return None, kana


def _before_title(tokens: Tokens, at: int) -> bool:
    """Whether the nouns written right after `tokens[at]` (a compound: 前米大統領,
    前国務長官, 前日本代表監督) hold a title."""
    end = tokens[at].end
    for after in range(at + 1, min(at + 5, len(tokens))):
        token = tokens[after]
        if token.start != end or token.pos[0] not in ("名詞", "接頭辞", "接尾辞"):
            return False
        if token.surface in _TITLES or (
            token.pos[0] == "接尾辞" and token.surface in _TITLE_SUFFIXES
        ):
            return True
        end = token.end
    return False


def _time_or_event(token: Read) -> bool:
    """A word 前 after reads before: a common noun in kanji (大会, 試合), a number or
    its counter (3日). After a name (katakana or proper) or nothing, 前 is former."""
    if token.pos[1] == "数詞" or token.pos[0] == "接尾辞":
        return True
    return (
        token.pos[0] == "名詞"
        and token.pos[1] != "固有名詞"
        and HAS_KANJI.search(token.surface) is not None
    )
