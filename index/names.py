"""The names the facets index (people, places, organisations) of the proper nouns
MeCab tags in a document: 姓 + 名 written together joined, katakana words the document
names as people by their titles (`titled_people`: トランプ氏, which unidic-lite reads as
the playing cards), a name written with ・ known by its last part (`document_names`).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Iterator, Sequence
from functools import lru_cache

from index.mecab import tagger
from index.normalization import normal_form

PERSON, PLACE, ORG = "person", "place", "org"
"""The kinds of names: the facet fields', and what `index.analysis` tags proper nouns as."""

_KATAKANA_ONLY = re.compile(r"[\u30a1-\u30ff\uff66-\uff9f]+")

_cache = threading.local()
_CACHE_SIZE = 64
"""Texts whose `titled_people` a thread keeps (as `index.analysis` keeps its parses)."""


def word_tail(before: str, before_proper: str, before_stop: bool, surface: str) -> bool:
    """Whether a proper noun written right after the morpheme `before` is the tail of
    a katakana word (see `index.analysis.name_context`)."""
    return (
        not before_proper
        and not before_stop
        and _KATAKANA_ONLY.fullmatch(before) is not None
        and _KATAKANA_ONLY.fullmatch(surface) is not None
    )


NameEntry = tuple[str, str, int, bool, int, int]
"""A proper noun of one text as MeCab tags it (no katakana word's tail): kind, NFKC
name, position, written right after the morpheme before (see
`index.analysis.name_context`), start and end offsets in the text. Both paths (the
token stream and `field_terms`) list these their own way; `document_names` makes the
facets' names of them."""

_KANA = "\u30a1-\u30fa\u30fc-\u30ff\uff66-\uff9f\u3099\u309a"
"""Katakana (full and half width, ー, sound marks), not the ・ between words."""
_JOINERS = "・･=＝゠"
"""What joins the parts of a name written in katakana (ドナルド・トランプ, ＝ in
ベン＝グリオン)."""
_RUN = re.compile(
    rf"(?<![{_KANA}])(?:[{_KANA}]++[{_JOINERS}](?:[A-ZＡ-Ｚ][.．]?[{_JOINERS}])*)*(?P<last>[{_KANA}]++)"
)
"""A katakana word, or katakana words joined by ・ or ＝, with initials between
(ドナルド・J・トランプ): one name, known by its `last` part (the family name, as
Western names are written; キム・ヨナ, written family name first, is ヨナ)."""
_PART = re.compile(rf"[{_KANA}]+")
_NEXT_PART = re.compile(rf"[{_JOINERS}](?:[A-ZＡ-Ｚ][.．]?[{_JOINERS}])*[{_KANA}]")
_EARLIER_PARTS = re.compile(
    rf"(?<![{_KANA}])(?:[{_KANA}]++[{_JOINERS}](?:[A-ZＡ-Ｚ][.．]?[{_JOINERS}])*)+\Z"
)
_KANA_CHARS = frozenset(
    "".join(map(chr, range(0x30A1, 0x30FB)))
    + "".join(map(chr, range(0x30FC, 0x3100)))
    + "".join(map(chr, range(0xFF66, 0xFFA0)))
    + "\u3099\u309a"
)
"""The characters of `_KANA`."""
_ODD_KANA = re.compile("[\uff66-\uff9f\u3099\u309a\u30ff]")
"""Katakana whose normal form differs (half width, sound marks apart, ヿ)."""

STRONG_TITLES = ("氏", "大統領", "首相", "外相", "長官", "特使", "容疑者", "被告")
"""Titles after which a katakana word is a person whatever UniDic makes of it
(トランプ氏, マクロン仏大統領, ヘグセス国防長官, ケロッグ特使), except a country's name
(ロシア大統領, イギリス首相: a country's president)."""
WEAK_TITLES = ("さん", "選手", "監督", "議員", "知事")
"""Titles that also follow common nouns (スタッフさん, サッカー選手, アクション監督,
ベテラン議員): a katakana word before them is a person only when UniDic does not
know it (ザッケローニ監督) or knows it as a name."""
_TITLE_MODIFIERS = (
    "(?:[米英仏独露中韓朝伊加豪印台宇比]国?)?"  # トランプ米大統領, マクロン仏大統領
    "(?:元|前|現|副|次期)?"  # トランプ元大統領, バンス副大統領
    "(?:国務|国防|財務|司法|商務|内務)?"  # ルビオ国務長官, ヘグセス国防長官
)
_TITLE = re.compile(
    "氏(?!名)|大統領|首相|外相|長官|特使|容疑者|被告|さん|選手(?!権)|監督|議員|知事"
)
_BEFORE_TITLE = re.compile(rf"(?<![{_KANA}])(?P<last>[{_KANA}]++){_TITLE_MODIFIERS}\Z")
"""A katakana name right before a title (with the country, 元 or office between: UniDic
reads 大統領, 容疑者 and 国務長官's 長官 as words of their own; 米 of 米大統領 is a suffix,
仏 a noun). Looked for from each title found (`_TITLE`, the cheaper search), before it."""
_BEFORE_TITLE_CHARS = _KANA_CHARS | frozenset(
    "米英仏独露中韓朝伊加豪印台宇比国元前現副期務防財法商内"
)
"""What a title's `_BEFORE_TITLE` ends with (its last character): checked first."""


def titled_people(text: str) -> frozenset[str]:
    """The katakana words `text` names as people by their titles (トランプ氏,
    ドナルド・トランプ大統領: トランプ), in their normal form (cached per text).

    The last katakana part before the title is the person (ドナルド・トランプ大統領 is
    トランプ, as the rest of an article calls him); a word of one character, or a
    country's name (ロシア大統領), is none, and before a WEAK_TITLES title only a word
    UniDic does not know or knows as a name is.
    """
    cache: dict[str, frozenset[str]] | None = getattr(_cache, "titled", None)
    if cache is None or len(cache) >= _CACHE_SIZE:
        cache = _cache.titled = {}
    found = cache.get(text)
    if found is None:
        people: set[str] = set()
        before_chars = _BEFORE_TITLE_CHARS
        for title in _TITLE.finditer(text):
            at = title.start()
            if not at or text[at - 1] not in before_chars:
                continue
            match = _BEFORE_TITLE.search(text, max(0, at - 64), at)
            if match is None:
                continue
            name = normal_form(match.group("last"))
            if len(name) < 2 or not name.strip("ー"):
                continue
            kind = _word_kind(name)
            if kind == "country":
                continue
            if kind in ("unknown", "name") or title.group() in STRONG_TITLES:
                people.add(name)
        found = cache[text] = frozenset(people)
    return found


@lru_cache(maxsize=4096)
def _word_kind(word: str) -> str:
    """What UniDic makes of `word` on its own: "unknown" (a word it does not know,
    ゼレンスキー), "name" (人名, プーチン), "country" (ロシア) or "known" (anything else:
    トランプ the cards, マクロ|ン)."""
    nodes = list(tagger()(word))
    if len(nodes) != 1:
        return "known"
    node = nodes[0]
    if node.is_unk:
        return "unknown"
    features = node.feature_raw.split(",")
    if len(features) > 3 and features[1] == "固有名詞":
        if features[2] == "人名":
            return "name"
        if features[2] == "地名" and features[3] == "国":
            return "country"
    return "known"


def document_names(
    texts: Sequence[str], entries: Sequence[Sequence[NameEntry]]
) -> list[tuple[str, str]]:
    """(kind, name) of each name the facets index for a document of `texts` (one field
    value's parts), given the proper nouns MeCab tagged in each (`entries`), in order.

    - Names of people written together (姓 + 名: 安倍晋三) are one name.
    - A katakana word the document names as a person by a title anywhere
      (`titled_people`: トランプ氏) is a person wherever the document writes it alone
      (トランプは…), a word of its own (not トランプタワー), or as the last part of
      a name (ドナルド・トランプ); in other documents it is what UniDic says (トランプ
      the cards: no name). A place or organisation UniDic reads in it (ケロッグ特使:
      a place) gives way.
    - A katakana person MeCab finds at the head of a longer katakana word (トラン of
      トランセンド, ディズニー of ディズニーランド) is no name, as a word's tail is
      none (`name_context`): a name written without ・ (スティーブジョブズ) is its
      last part, as with it.
    - A name written with ・ or ＝ whose last part is a person (by title, or UniDic's
      人名: ウラジーミル・プーチン, ジョン・レノン) is that last part alone: the parts
      before are no names of their own (ドナルド and ウラジーミル are no people),
      unless the document names them by a title too (トランプ・プーチン会談).
    """
    people: set[str] = set()
    for text in texts:
        people.update(titled_people(text))
    names: list[tuple[str, str]] = []
    for text, found in zip(texts, entries, strict=True):
        found = [entry for entry in found if not _word_head(text, entry, people)]
        if people or any(
            kind == PERSON and start and text[start - 1] in _JOINERS
            for kind, _, _, _, start, _ in found
        ):
            _resolve(text, found, people, names)
        else:
            _join(found, (), names)
    return names


def _word_head(text: str, entry: NameEntry, people: set[str]) -> bool:
    """Whether a katakana person MeCab found is the head of a longer katakana word, as
    `name_context` finds tails: トラン|センド (a company), ディズニー|ランド. A name the
    document gives a title stays (トランプタワー is left to `_resolve`)."""
    kind, name, _, _, start, end = entry
    return (
        kind == PERSON
        and end < len(text)
        and text[end] in _KANA_CHARS
        and (start == 0 or text[start - 1] not in _JOINERS)  # a last part: `_resolve`'s
        and name not in people
        and _KATAKANA_ONLY.fullmatch(text[start:end]) is not None
    )


def _resolve(
    text: str, found: Sequence[NameEntry], people: set[str], names: list[tuple[str, str]]
) -> None:
    """`document_names` for a text with katakana names to look at: its runs of katakana
    words (and their parts) that are people say which proper nouns give way."""
    starts = [entry[4] for entry in found]
    dropped: set[int] = set()
    added: list[tuple[int, str]] = []  # (offset, person)
    for run_start, last_start, last_end, name in _name_runs(text, found, people):
        if name in people:
            covered = _covered(found, starts, last_start, last_end, name)
        elif last_start > run_start:  # the last part of a name with ・
            covered = _covered(found, starts, last_start, last_end, name)
            if not covered:
                continue
        else:
            continue
        # The parts before the last give way (or are people of their own)
        dropped.update(
            range(bisect.bisect_left(starts, run_start), bisect.bisect_left(starts, last_start))
        )
        for part in _PART.finditer(text, run_start, last_start):
            part_name = normal_form(part.group())
            if part_name in people:
                added.append((part.start(), part_name))
        if not covered:
            dropped.update(
                range(bisect.bisect_left(starts, last_start), bisect.bisect_left(starts, last_end))
            )
            added.append((last_start, name))
    if not dropped and not added:
        _join(found, (), names)
        return
    kept = [entry for index, entry in enumerate(found) if index not in dropped]
    _join(kept, added, names)


def _name_runs(
    text: str, found: Sequence[NameEntry], people: set[str]
) -> Iterator[tuple[int, int, int, str]]:
    """(start, last part's start, end, last part's normal form) of the katakana names
    (`_RUN`) in `text` that may be people: those whose last part is one of `people` or
    starts with a person `found` after a ・ (in text whose katakana are in their normal
    form; else every one, as `_RUN` finds them)."""
    if _ODD_KANA.search(text) is not None:
        for run in _RUN.finditer(text):
            yield run.start(), run.start("last"), run.end(), normal_form(run.group("last"))
        return
    kana = _KANA_CHARS
    ends: dict[int, int] = {}  # last part's start -> end
    for name in people:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if (not at or text[at - 1] not in kana) and (end == len(text) or text[end] not in kana):
                ends[at] = end
            at = text.find(name, end)
    for kind, _, _, _, start, _ in found:
        if kind == PERSON and start and text[start - 1] in _JOINERS:
            part = _PART.match(text, start)
            if part is not None:
                ends[start] = part.end()
    for last_start in sorted(ends):
        last_end = ends[last_start]
        if _NEXT_PART.match(text, last_end):
            continue  # a name's part before its last
        earlier = None
        if last_start and text[last_start - 1] in _JOINERS:
            earlier = _EARLIER_PARTS.search(text, max(0, last_start - 64), last_start)
        run_start = last_start if earlier is None else earlier.start()
        yield run_start, last_start, last_end, text[last_start:last_end]


def _covered(
    found: Sequence[NameEntry], starts: list[int], start: int, end: int, name: str
) -> bool:
    """Whether the proper nouns of `found` between `start` and `end` are people whose
    names joined make `name` (プーチン; マイケル + ジャクソン)."""
    inside = found[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]
    return (
        bool(inside)
        and inside[0][4] == start
        and inside[-1][5] == end
        and all(entry[0] == PERSON for entry in inside)
        and "".join(entry[1] for entry in inside) == name
    )


def _join(
    found: Sequence[NameEntry], added: Sequence[tuple[int, str]], names: list[tuple[str, str]]
) -> None:
    """Append to `names` the proper nouns `found` (a person right after a person, no
    space between, joined to it) and the people `added` at their offsets (none joined)."""
    last_person = -1  # index in `names` of the last person, -1 after anything else
    last_pos = -2
    pending = sorted(added)
    at = 0
    for kind, name, pos, attached, start, _ in found:
        while at < len(pending) and pending[at][0] < start:
            names.append((PERSON, pending[at][1]))
            last_person, at = -1, at + 1
        if kind != PERSON:
            names.append((kind, name))
            continue
        if last_person >= 0 and pos == last_pos + 1 and attached:
            names[last_person] = (PERSON, names[last_person][1] + name)
        else:
            names.append((PERSON, name))
            last_person = len(names) - 1
        last_pos = pos
    names.extend((PERSON, person) for _, person in pending[at:])
