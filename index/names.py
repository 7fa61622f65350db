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

from index.kana import is_kanji
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
      人名: ウラジーミル・プーチン, ジョン・レノン), or a part before it (ダース・
      モール, where UniDic reads モール as a mall: `_named_before`), is that last part
      alone: the parts before are no names of their own (ドナルド and ウラジーミル are
      no people), unless the document names them by a title too (トランプ・プーチン会談).
    - A family name alone written after a place and ・ or right after a katakana or
      Latin word, before a word of places (大阪・梅田、兵庫・神戸, ドコモショップ西新店)
      is a place (`_family_name_as_place`).
    """
    people: set[str] = set()
    for text in texts:
        people.update(titled_people(text))
    people -= PRIZES  # オスカー監督, オスカー女優: who won one
    cast = _cast(texts, entries)
    names: list[tuple[str, str]] = []
    kept: list[list[NameEntry]] = []
    for text, found in zip(texts, entries, strict=True):
        titles = _work_titles(text)
        found = [
            (PLACE, *entry[1:]) if _family_name_as_place(text, found, at) else entry
            for at, entry in enumerate(found)
            if not _word_head(text, entry, people)
            and not _no_person(text, entry, found, people, cast)
            and not _position(text, entry)
            and not _common_word_alone(texts, entries, entry, people)
            and not _in_work_title(text, entry, titles, found)
        ]
        kept.append(found)
        if people or any(
            kind == PERSON
            and (
                (start and text[start - 1] in _JOINERS)
                or (end < len(text) and text[end] in _JOINERS)
            )
            for kind, _, _, _, start, end in found
        ):
            _resolve(text, found, people, names)
        else:
            _join(found, (), names)
    return _one_kanji_named(texts, kept, names)


_ADDRESSED = (
    "(?:さん|ちゃん|くん|君|様|氏|殿下|殿|先生|選手|監督|投手|捕手|容疑者|被告|夫人|総書記|"
    "主席|大統領|総理|首相|外相|長官|特使|議員|知事|社長|会長|部長|代表|記者|教授|"
    "サン|チャン|クン)"
)
"""A title or a form of address, written after a name (金さん, 李大統領, 金正日総書記)."""
_ONE_KANJI_CALLED = re.compile(
    rf"[）)]?[ \u3000]?(?:{_ADDRESSED}|役)"
    r"|[（(／/、・]?(?:仮名[・、])?[0-9０-９]{1,3}(?:歳|才)?[）)・／/、]"
)
"""What follows a name of one kanji that names someone: a title or a form of address
(金さん, 李 氏, 秋元（康）先生), a role (薫役), an age (梓（25歳）, （薫／31歳））."""
_BESIDE = frozenset("、・･，,＆&とや（(）)")
"""What stands between a name of one kanji and another person's beside it (藤原竜也、杏,
李と岡崎, 菅や鳩山), or the other part of its name in parentheses (岸（孝之）, 秋田（豊）)."""


def _one_kanji_named(
    texts: Sequence[str], entries: Sequence[Sequence[NameEntry]], names: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    """`names` (of the document of `texts`, whose proper nouns are `entries`) without the
    people of one kanji the document names nowhere as someone (`_one_kanji_called`), nor
    by a longer name of its people beginning or ending with it (金正恩, 錦織圭: 金 and 圭
    written alone after)."""
    lone = {name for kind, name in names if kind == PERSON and len(name) == 1 and is_kanji(name)}
    if not lone:
        return names
    named = {
        name
        for kind, other in names
        if kind == PERSON and len(other) > 2
        for name in (other[0], other[-1])
        if name in lone
    }
    for text, found in zip(texts, entries, strict=True):
        for entry in found:
            if entry[1] in lone and entry[1] not in named and _one_kanji_called(text, entry, found):
                named.add(entry[1])
    if named == lone:
        return names
    return [
        (kind, name) for kind, name in names if kind != PERSON or name in named or name not in lone
    ]


def _one_kanji_called(text: str, entry: NameEntry, found: Sequence[NameEntry]) -> bool:
    """Whether `text` names the person of one kanji of `entry` as someone there: a title,
    a form of address, a role or an age after it (`_ONE_KANJI_CALLED`: 金さん), a
    speaker's label (林：), a space and a name after it (南　樹里: a name written with a
    space), another person's name beside it (`_BESIDE`: 藤原竜也、杏ら), or a group's
    before it (`_after_group`: ロンブー淳の)."""
    kind, _, _, _, start, end = entry
    if kind != PERSON:
        return False
    if _ONE_KANJI_CALLED.match(text, end) is not None:
        return True
    after = text[end : end + 2]
    if (not start or text[start - 1] == "\n") and after[:1] in ("：", ":", "「"):
        return True
    if len(after) == 2 and after[0] in " \u3000" and is_kanji(after[1]):
        return not start or not is_kanji(text[start - 1])
    if (
        start
        and text[start - 1] in _BESIDE
        and any(_longer_person(other) and other[5] == start - 1 for other in found)
    ):
        return True
    if after[:1] in _BESIDE and any(
        _longer_person(other) and other[4] == end + 1 for other in found
    ):
        return True
    return _after_group(text, entry, found)


_AFTER_GROUP = re.compile("[のがはをにとも、「『]")
"""What follows a given name after its group's (ロンブー淳の, ロンブー淳「): a particle, a
comma, a quote; not a bracket closing a word (【プレゼント有】, 「データ朗」)."""


def _after_group(text: str, entry: NameEntry, found: Sequence[NameEntry]) -> bool:
    """Whether the person of one kanji of `entry` is a given name written right after a
    katakana word that is no name, its group's or a nickname (ロンブー淳, ローマシュ匡):
    UniDic reads the kanji as a given name, a particle, a comma or a quote after it
    (`_AFTER_GROUP`)."""
    _, name, _, _, start, end = entry
    return (
        start > 1
        and text[start - 1] in _KANA_CHARS
        and text[start - 2] in _KANA_CHARS
        and not any(other[5] == start for other in found)
        and _AFTER_GROUP.match(text, end) is not None
        and _name_part(name) == "名"
    )


def _longer_person(entry: NameEntry) -> bool:
    """Whether `entry` is a person of more than one character."""
    return entry[0] == PERSON and len(entry[1]) > 1


_WORK_TITLES = (re.compile("『[^『』\n]*』"), re.compile("「[^「」\n]*」"))
"""Brackets a work's title may stand in (『ダ・ヴィンチ・コード』, 雑誌の「ダ・ヴィンチ」),
closed on their line."""
_SENTENCE_MARKS = frozenset("。、！？!?")
_ADDRESSED_AFTER = re.compile(rf"[ \u3000]?{_ADDRESSED}")


def _work_titles(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(start, end) of each pair of 『』 and of 「」 in `text` (`_WORK_TITLES`)."""
    double, single = _WORK_TITLES
    return (
        [match.span() for match in double.finditer(text)] if "『" in text else [],
        [match.span() for match in single.finditer(text)] if "「" in text else [],
    )


def _in_work_title(
    text: str,
    entry: NameEntry,
    titles: tuple[list[tuple[int, int]], list[tuple[int, int]]],
    found: Sequence[NameEntry],
) -> bool:
    """Whether a person MeCab found is written in a work's title (`_work_titles`), where
    it names no one (『三銃士／王妃の首飾りとダ・ヴィンチの飛行船』, 『るろうに剣心』,
    雑誌の「ダ・ヴィンチ」): in 『』 that hold no sentence (no 。: 『さっきメールした三浦
    だけど。』 quotes someone), or in 「」 that hold no sentence nor hiragana but the
    name's (「ダ・ヴィンチ・コード」, 「名探偵コナン」; not 「麻也は5回抜きます」, a
    quote); not a family and a given name (「竹内結子」, 『勝間和代 VS 西村ひろゆき』),
    nor one followed there by a title or a form of address (『小森純さんが…』,
    「金正日総書記死去」)."""
    kind, _, _, _, start, end = entry
    if kind != PERSON or not (titles[0] or titles[1]):
        return False
    double, single = (_around(spans, start, end) for spans in titles)
    if double is None and single is None:
        return False
    name_start, name_end = start, end  # with the names joined to it (金|正日, 桜庭|ななみ)
    for other in found:
        if other[0] == PERSON and other[4] == name_end:
            name_end = other[5]
    for other in reversed(found):
        if other[0] == PERSON and other[5] == name_start:
            name_start = other[4]
    if _ADDRESSED_AFTER.match(text, name_end) is not None:
        return False
    if (name_start, name_end) != (start, end):
        # a family and a given name: someone, in a title too (「竹内結子」, 『勝間和代 VS
        # 西村ひろゆき』, 「本木雅弘経営マンション」, 「二代目 市川亀治郎大博覧会」: review)
        return False
    if double is not None and "。" not in text[double[0] : double[1]]:
        return True
    if single is None:
        return False
    rest = text[single[0] + 1 : name_start] + text[name_end : single[1] - 1]
    return _HIRAGANA.search(rest) is None and _SENTENCE_MARKS.isdisjoint(rest)


def _around(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The span of `spans` (in order, none inside another) holding `start` to `end`."""
    at = bisect.bisect_left(spans, (start, start)) - 1
    return spans[at] if at >= 0 and spans[at][1] > end else None


NOT_PEOPLE = frozenset(
    (
        "ディズニー", "バレンタイン", "グローブ", "フリック", "ニコ", "モノ", "ハリポタ",
        "ワーナー", "スライド", "ローソン", "フォックス", "マーベル", "クマ", "ダイソン",
        "ブラウン", "オスカー", "ノーベル", "サターン", "エルメス", "シーバス",
        "ベントレー", "アポロ", "サマンサタバサ",
    )
)  # fmt: skip
"""Katakana words UniDic tags 人名 that in news articles name something else: a company
or brand (ディズニー作品, ワーナー・ブラザース, 20世紀フォックス, ローソン, エルメスの
バーキン, シーバスリーガル, ベントレー, サマンサタバサ), a day (バレンタイン), a prize
(ゴールデン・グローブ賞, オスカー受賞, ノーベル賞, サターン・アワード), a title
(ハリポタ), a thing (フリック入力, スライド式, 目の下のクマ, ブラウンの色, アポロ計画),
ニコ動. Over ldcc each named no one in most of the articles the person facet listed it
for (ディズニー in 71 of 90, バレンタイン 65 of 66, ブラウン 20 of 24, オスカー 28 of 33:
the other 5 cast the boy オスカー of a film; ノーベル 5 of 5, エルメス 6 of 6, アポロ 7
of 7); words that name people as often (マイク of ハーフナー・マイク, パーカー,
ティファニー・ティーセン, ココ・シャネル) are not here. Where one is a person it stays
(`_no_person`)."""
NOT_FAMILY_NAMES = frozenset(
    (
        "ホテル", "スタジオ", "カンパニー", "センター", "シアター", "スクール", "テック",
        "テクノロジー", "エンタープライズ", "インダストリーズ", "プロジェクト", "アワード",
        "コレクション", "ミュージック", "ファッション", "ダンス", "ショック", "クリスマス",
        "コーチ",
    )
)  # fmt: skip
"""Katakana words written as the last part of a name with ・ after a person's name that
are no family name: the head of the name of a thing named after someone (ルーズベルト・
ホテル, ウォルト・ディズニー・スタジオ, ワインスタイン・カンパニー, キング・テック,
リーマン・ショック, マル・モリ・ダンス, メリー・クリスマス) or a title (モロゾフ・コーチ).
There the person MeCab found before it stays as it is (`_named_before`). Over ldcc these
were 42 of the 970 last parts made people (ホテル 9, スタジオ 4, ショック 3, ダンス 3,
クリスマス 3)."""
PRIZES = frozenset(("オスカー", "ノーベル", "サターン", "グローブ"))
"""The prizes of NOT_PEOPLE: a title after one names someone who won it (オスカー監督),
no one of its name (`document_names` takes them from the people `titled_people` finds)."""
_CAST = re.compile("役(?![員割所])|さん|くん|ちゃん|様(?!式)")
"""What follows a word of NOT_PEOPLE that names someone (`_cast`): a role (a character of
a film, 主人公オスカー役; not ディズニー役員), a form of address (not ディズニー様式)."""


def _cast(texts: Sequence[str], entries: Sequence[Sequence[NameEntry]]) -> frozenset[str]:
    """The words of NOT_PEOPLE MeCab found in the document of `texts` that it writes as a
    whole word before a role or a form of address (`_CAST`: オスカー役) somewhere."""
    words = {entry[1] for found in entries for entry in found if entry[0] == PERSON} & NOT_PEOPLE
    cast = set()
    for word in words:
        for text in texts:
            at = text.find(word)
            while at >= 0:
                end = at + len(word)
                if (not at or text[at - 1] not in _KANA_CHARS) and _CAST.match(text, end):
                    cast.add(word)
                    break
                at = text.find(word, end)
            if word in cast:
                break
    return frozenset(cast)


def _no_person(
    text: str,
    entry: NameEntry,
    found: Sequence[NameEntry],
    people: set[str],
    cast: frozenset[str],
) -> bool:
    """Whether a person MeCab found is one of NOT_PEOPLE where it names no one: not named
    so by a title in the document (バレンタイン監督; not a prize's: オスカー監督), a role
    or a form of address (`_cast`: オスカー役), nor the last part of a name written with ・
    after a person's name (ウォルト・ディズニー, ボビー・バレンタイン; not ウォルト・
    ディズニー・ジャパン, a company)."""
    kind, name, _, _, start, end = entry
    if kind != PERSON or name not in NOT_PEOPLE or name in people or name in cast:
        return False
    if start and text[start - 1] in _JOINERS and _NEXT_PART.match(text, end) is None:
        return not any(other[0] == PERSON and other[5] == start - 1 for other in found)
    return True


_PLACE_WORDS = re.compile(
    f"(?:本|支)?店(?![長員主])|駅(?![長員])|ビル(?![{_KANA}])|にて|(?:他|ほか)全国"
)
"""What follows a place, not a person (ドコモショップ西新店, テックランド熊谷本店, JR淵野辺駅,
NTT西新ビル, 福岡・今泉にて, TOHOシネマズ梅田他全国ロードショー), not the words of a
person's post or trade that begin so (田中店長, 駅員, ビルダー)."""
_LISTED = frozenset("、・･")
_LATIN = re.compile("[A-Za-zＡ-Ｚａ-ｚ]")


def _family_name_as_place(text: str, found: Sequence[NameEntry], at: int) -> bool:
    """Whether the person MeCab found at `found[at]` is a family name alone (as UniDic
    reads it before さん) that is a place there, as UniDic knows many (梅田, 今泉, 西新,
    根津, 羽田) only as family names: written after a place and ・ (大阪・梅田) or right
    after a katakana or Latin word (ドコモショップ西新店, TOHOシネマズ梅田), it is followed
    by what follows places (`_PLACE_WORDS`: 店, 駅, ビル, にて) or by 、 or ・ and a place
    not followed by ・ and a person (a list of places: 大阪・梅田、兵庫・神戸, 谷中・根津・
    千駄木; not 楽天・田中、広島・前田, teams and their players).

    Over ldcc 37 of the 421 family names alone written so (18 articles), all places; the
    other 384 are mostly people (阪神・金本に, 広島・前田「, AKB指原の, ナイナイ岡村が),
    as is one with a title or a given name after it (梅田さん, 梅田彩佳), left to MeCab;
    the places among them have no such word after them (ソフトバンク鶴間／, タラサ志摩)."""
    kind, name, _, _, start, end = found[at]
    if kind != PERSON or not start or end >= len(text):
        return False
    before = text[start - 1]
    if before not in _JOINERS and before not in _KANA_CHARS and _LATIN.match(before) is None:
        return False
    if text[end] not in _LISTED and _PLACE_WORDS.match(text, end) is None:
        return False
    if not all(map(is_kanji, name)) or not _surname(name):
        return False
    # found is in text order, one name after another: the names beside are at at ± 1
    previous = found[at - 1] if at else None
    following = found[at + 1 : at + 3]
    if previous is not None and previous[5] == start and previous[0] == PERSON:
        return False  # the family name of a name (セルジオ越後)
    if following and following[0][4] == end and following[0][0] == PERSON:
        return False  # a given name follows (梅田彩佳)
    if before in _JOINERS and (
        previous is None or previous[5] != start - 1 or previous[0] != PLACE
    ):
        return False
    if text[end] in _LISTED:
        if not following or following[0][4] != end + 1 or following[0][0] != PLACE:
            return False
        after = following[0][5]
        if (
            len(following) > 1
            and text[after : after + 1] in _JOINERS
            and following[1][4] == after + 1
            and following[1][0] == PERSON
        ):
            return False  # 楽天・田中、広島・前田
    return True


_POSITION = re.compile("[A-Z]{2,3}")


def _position(text: str, entry: NameEntry) -> bool:
    """Whether a person MeCab found is Latin capitals (2 or 3) right after 人: a
    position or a field (ポルトガル人FW, アルゼンチン人MF, 外国人IT集団), no name. A
    name of capitals elsewhere stays (モデルのJOY, TAOさん)."""
    kind, name, _, _, start, _ = entry
    return (
        kind == PERSON
        and start > 0
        and text[start - 1] == "人"
        and _POSITION.fullmatch(name) is not None
    )


def _common_word_alone(
    texts: Sequence[str],
    entries: Sequence[Sequence[NameEntry]],
    entry: NameEntry,
    people: set[str],
) -> bool:
    """Whether a person MeCab found is a katakana word UniDic knows alone as a common
    noun (ダウン, which it tags 人名 in 岩手県HPがダウン and 韓国35位にダウン) that the
    document of `texts` writes only so: nowhere in a name with ・ or ＝ (ハーフナー・マイク:
    マイクは stays), with a title or so (`people`, `_CALLED`: マイクさん, エリカ様), nor
    beside another person's name (沢尻エリカ: エリカがいる stays)."""
    kind, name = entry[0], entry[1]
    if kind != PERSON or name in people or _KATAKANA_ONLY.fullmatch(name) is None:
        return False
    if not _common_noun(name) or any(_named_as_person(text, name) for text in texts):
        return False
    return not any(
        other[1] == name and _beside_person(other, found) for found in entries for other in found
    )


def _beside_person(entry: NameEntry, found: Sequence[NameEntry]) -> bool:
    """Whether a person of `found` is written right before or after `entry` (沢尻|エリカ)."""
    start, end = entry[4], entry[5]
    return any(other[0] == PERSON and (other[5] == start or other[4] == end) for other in found)


@lru_cache(maxsize=4096)
def _common_noun(word: str) -> bool:
    """Whether UniDic knows `word` on its own as a common noun (ダウン, マイク)."""
    nodes = list(tagger()(word))
    if len(nodes) != 1 or nodes[0].is_unk:
        return False
    features = nodes[0].feature_raw.split(",")
    return len(features) > 1 and features[0] == "名詞" and features[1] == "普通名詞"


def _named_as_person(text: str, name: str) -> bool:
    """Whether `text` writes the katakana word `name` (a whole word) in a name with ・ or
    ＝, or before a title."""
    at = text.find(name)
    while at >= 0:
        end = at + len(name)
        whole = (not at or text[at - 1] not in _KANA_CHARS) and (
            end == len(text) or text[end] not in _KANA_CHARS
        )
        if whole and (
            (at and text[at - 1] in _JOINERS)
            or (end < len(text) and text[end] in _JOINERS)
            or text.startswith(_CALLED, end)
            or _PLAYED_BY.match(text, end) is not None
        ):
            return True
        at = text.find(name, end)
    return False


_CALLED = (*STRONG_TITLES, *WEAK_TITLES, "様", "ちゃん", "くん", "君", "役")
"""What follows a word that names someone (`_named_as_person`): a title, a form of
address (エリカ様, エビちゃん), a role (雷神ソー役)."""
_PLAYED_BY = re.compile(rf"[（(][{_KANA}{_JOINERS}]")
"""After a character's name, the actor who plays it (ロン（ルパート・グリント）, ディーン
（・マーティン）); not a source (ＨＰ一時ダウン（毎日新聞）)."""


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
            if not covered and not _named_before(found, starts, run_start, last_start, name):
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
    starts = [entry[4] for entry in found]
    walked = -1  # where the last name with ・ walked to its last part ends
    for kind, _, _, _, start, end in found:
        if kind != PERSON:
            continue
        if start and text[start - 1] in _JOINERS and text[start] in kana:
            # (not over a name UniDic knows with its ・ the loop ended at: デ・ニーロ)
            ends[start] = max(ends.get(start, 0), _part_end(text, start))
        if end > walked and _NEXT_PART.match(text, end) is not None:
            # a part before the last (ダース・モール), its name walked once
            last_start, walked = _last_part(text, end)
            # a name UniDic knows with its ・ is the last part whole (デ・ニーロ)
            for other in found[
                bisect.bisect_right(starts, end) : bisect.bisect_left(starts, last_start)
            ]:
                if other[0] == PERSON and other[5] == walked:
                    last_start = other[4]
                    break
            ends[last_start] = max(ends.get(last_start, 0), walked)
    for last_start in sorted(ends):
        last_end = ends[last_start]
        if _NEXT_PART.match(text, last_end):
            continue  # a name's part before its last
        earlier = None
        if last_start and text[last_start - 1] in _JOINERS:
            earlier = _EARLIER_PARTS.search(text, max(0, last_start - 64), last_start)
        run_start = last_start if earlier is None else earlier.start()
        yield run_start, last_start, last_end, text[last_start:last_end]


def _last_part(text: str, end: int) -> tuple[int, int]:
    """(start, end) of the last part of the katakana name whose part before the last
    ends at `end` (followed by a ・ and katakana: `_NEXT_PART`)."""
    start = end
    while (joined := _NEXT_PART.match(text, end)) is not None:
        start = joined.end() - 1
        end = _part_end(text, start)
    return start, end


def _part_end(text: str, start: int) -> int:
    """Where the katakana part of a name starting at `start` ends, ファン written after
    it left out (トム・クルーズファン: クルーズ; not カン・ジファン)."""
    part = _PART.match(text, start)
    assert part is not None  # at a kana
    end = part.end()
    if end - start > len(_FAN) + 2 and text.startswith(_FAN, end - len(_FAN)):
        end -= len(_FAN)
    return end


_FAN = "ファン"


def _named_before(
    found: Sequence[NameEntry], starts: list[int], run_start: int, last_start: int, name: str
) -> bool:
    """Whether the name with ・ from `run_start` whose last part `name` (at `last_start`)
    is no person MeCab found is a person's all the same, its last part the family name:
    a person of `found` is a part of it before the last (ダース of ダース・モール, トム
    of トム・クルーズ, where UniDic reads モール and クルーズ as common nouns), none of
    `found` runs on into the last part, and the last part is no country's name (ザック・
    ジャパン, ウォルト・ディズニー・ジャパン: a team, a company) nor in NOT_FAMILY_NAMES."""
    before = found[bisect.bisect_left(starts, run_start) : bisect.bisect_left(starts, last_start)]
    return (
        any(entry[0] == PERSON for entry in before)
        and all(entry[5] < last_start for entry in before)
        and name not in NOT_FAMILY_NAMES
        and _word_kind(name) != "country"
    )


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


# -- names MeCab cuts short -------------------------------------------------------------

_NOT_NAME_TAILS = frozenset(
    "氏君様殿嬢公卿翁役著作訳編伝賞似兄姉弟妹父母夫妻娘孫家派組邸宅像版号展杯塾劇論節"
    "軍団隊党会社館店町市区県府州郡村門線駅度式他等談語曲化的流風目副元前新総准現次故大"
    "部室長先生師戦初投産肉寮祭亭法術茶菌湖屋第宮国両各全同"
)
"""Kanji written right after a name that are words of their own, not the name's last
character (神谷薫役, 村上春樹著, 相武紗季似, 龍馬伝, 土屋アンナ編; 豊田章男副社長)."""
_NOT_NAME_HEADS = frozenset(
    "父母兄姉弟妹夫妻娘孫嫁婿祖叔伯甥姪私故元前現新旧副同各両全超真第対計約被主総次若老亡"
    "御小大王氏様君殿"
)
"""Kanji written right before a name that are words of their own, not its first
character (父, 故, 元: 故松田優作 is 松田優作)."""
_NAME_TITLES = frozenset(
    ("氏", "さん", "君", "くん", "ちゃん", "様", "選手", "監督", "投手", "容疑者", "被告")
)
"""Words after a name that end it as a non-kanji would (長友佑都選手 as 長友佑都は)."""
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_KANJI_NUMERALS = frozenset("〇一二三四五六七八九十百千万億兆")
"""Kanji that start a number, no family name MeCab cut (三|冠|王（, 二|分|二|至（)."""
_HIRAGANA = re.compile("[\u3041-\u3096]+")
_NOT_KANA_TAILS = frozenset("はがのをにへとでやもかねよなだらっんぁぃぅぇぉゃゅょ")
"""Hiragana written right after a name in hiragana that are words of their own
(particles, ら of まさみら), not its last kana."""


def complete_names(
    text: str, entries: list[NameEntry], starts: Sequence[int], ends: Sequence[int]
) -> list[NameEntry]:
    """`entries` (the proper nouns of `text`, its morphemes at `starts` and `ends`) with
    the names MeCab cuts into proper nouns and lone kanji made whole again:

    - a kanji after a family and given name (長友|佑|都, 三浦|春|馬: UniDic knows no
      佑都 or 春馬) or before them (上|倉|賢), where the name ends and starts (a
      non-kanji, or a title: 長友佑都選手), unless it is a word that follows or leads
      names (神谷薫役, 故松田優作): 長友佑都, 三浦春馬, 上倉賢; likewise a hiragana
      after a given name in hiragana (神田|はる|ひ): 神田はるひ;
    - a kanji between a name written alone and a title (園子|温|監督): 園子温;
    - a kanji before a one-kanji family name written alone (茶|沢は, 聖|沢): 茶沢;
    - a family name (as UniDic reads it before さん) followed by two kanji, or by one
      and a given name (福士|蒼|汰, 沢|城|みゆき; 岡本|奈|知子, where UniDic reads
      岡本 as a place): 福士蒼汰, 沢城みゆき, 岡本奈知子;
    - a given name of one kanji right after kanji MeCab cuts into words that are no
      names (宮|市|亮, 要|潤, 古米|遥), where the text calls the whole a name (a
      parenthesis after it, in parentheses, a title, a name beside it: 宮市亮（ボルトン）):
      宮市亮, 要潤;
    - a place UniDic also reads as a family name right after a katakana name
      (セルジオ|越後, where 越後 is a place): a person, joined to the name;
    - a family name and a given name (as UniDic reads them before さん) with one
      space between, neither joined to another name (牧田　亜紀子, a byline):
      牧田亜紀子.

    People MeCab finds that are no names are dropped first (`_not_names_dropped`): a
    reading in parentheses, an interjection, an initial.
    """
    entries = _not_names_dropped(text, entries)
    if not any(_by_kanji(text, entry) for entry in entries):
        return entries
    return _Completion(text, entries, starts, ends).completed()


def _by_kanji(text: str, entry: NameEntry) -> bool:
    """Whether `entry` is a person or place written right after a kanji, or right before
    one or a space: one `complete_names` may make whole (a text with none is left as
    it is)."""
    kind, _, _, _, start, end = entry
    return kind in (PERSON, PLACE) and bool(
        (start and is_kanji(text[start - 1]))
        or (end < len(text) and (is_kanji(text[end]) or text[end] in " \u3000"))
    )


class _Completion:
    """`complete_names`' one pass over the proper nouns of a text. `_complete` tries the
    rules on each entry in this order, one method per rule: `_byline` (牧田　亜紀子),
    `_given_name` (長友|佑|都, 上|倉|賢), `_before_title` (園子|温|監督),
    `_place_after_katakana` (セルジオ|越後), `_before_family_name` (茶|沢),
    `_after_cut_family_name` (宮|市|亮), `_family_name_and_more` (福士|蒼|汰); the first
    that takes an entry is the last tried on it. A rule writes the name it makes whole
    in `merged`, and the positions of the entries it takes in in `gone`."""

    def __init__(
        self, text: str, entries: list[NameEntry], starts: Sequence[int], ends: Sequence[int]
    ) -> None:
        self.text = text
        self.entries = entries
        self.starts = starts
        self.ends = ends
        self.count = len(starts)
        """The number of morphemes of `text`."""
        self.by_pos = {entry[2]: entry for entry in entries}
        """pos -> the entry of the proper noun there, as MeCab found it."""
        self.merged: dict[int, NameEntry] = {}
        """pos -> its entry made whole."""
        self.gone: set[int] = set()
        """Positions merged into the entry before."""

    def completed(self) -> list[NameEntry]:
        """The entries with each name made whole (those merged into another gone)."""
        for entry in self.entries:
            self._complete(entry)
        if not self.merged:
            return self.entries
        merged, gone = self.merged, self.gone
        return [merged.get(entry[2], entry) for entry in self.entries if entry[2] not in gone]

    def _complete(self, entry: NameEntry) -> None:
        """Make the name of `entry` whole by the first rule that takes it, if any."""
        kind, _, pos, _, start, end = entry
        if self._byline(entry):
            return
        if pos in self.gone:
            return  # merged into the entry before
        if self._given_name(entry) or self._before_title(entry):
            return
        if kind not in (PERSON, PLACE) or not all(is_kanji(c) for c in self.text[start:end]):
            return  # the rules after are for a person or place in kanji
        if self._place_after_katakana(entry):
            return
        if self._after_person(entry):
            return  # a name's second part
        after = self.by_pos.get(pos + 1)
        if after is not None and after[0] == PERSON and after[3]:
            return  # joined to a given name: `_given_name`'s
        if self._before_family_name(entry) or self._after_cut_family_name(entry):
            return
        self._family_name_and_more(entry)

    # -- the rules: each says whether it takes `entry` (the rules after pass it by) --

    def _byline(self, entry: NameEntry) -> bool:
        """牧田　亜紀子: a family and a given name with a space between (a byline),
        where names apart are people apart (宇佐美貴史　香川真司): joined, with a lone
        kanji after them (小島　暢|華)."""
        kind, name, pos, attached, start, end = entry
        given = self.by_pos.get(pos + 1)
        if not (
            kind == PERSON
            and given is not None
            and given[0] == PERSON
            and not given[3]
            and self.text[end : given[4]] in (" ", "\u3000")
            and not self._joined_person(pos)
            and not self._joined_person(pos + 2)
            and (not start or not is_kanji(self.text[start - 1]))  # 吉|柳　満 is 吉柳 and 満
            and _name_part(name) == "姓"
            and _name_part(given[1]) == "名"
        ):
            return False
        whole, whole_end = name + given[1], given[5]
        if self._name_tail(pos + 2):
            whole, whole_end = whole + self._char(pos + 2), self.ends[pos + 2]  # 小島　暢|華
        self.merged[pos] = (kind, whole, pos, attached, start, whole_end)
        self.gone.add(pos + 1)
        return True

    def _given_name(self, entry: NameEntry) -> bool:
        """A given name joined to a family name before it (長友|佑|都, 上|倉|賢): with
        the lone kanji or hiragana after it that ends the name (長友佑都, 神田はるひ),
        and the family name with the lone kanji before it that starts the name (上倉)."""
        kind, name, pos, attached, start, _ = entry
        if kind != PERSON or not self._joined_person(pos):
            return False
        head = pos - 1
        if self._name_tail(pos + 1) or self._kana_tail(pos):
            merged = (kind, name + self._char(pos + 1), pos, attached, start, self.ends[pos + 1])
            self.merged[pos] = merged
        first = self.merged.get(head, self.by_pos[head])
        if (
            not self._joined_person(head)
            and (pos in self.merged or self._ends_name(pos))  # not 身|曾|岐|神社
            and self._name_head(head - 1)
        ):
            whole = self._char(head - 1) + first[1]
            self.merged[head] = (PERSON, whole, head, False, self.starts[head - 1], first[5])
        return True

    def _before_title(self, entry: NameEntry) -> bool:
        """A name written alone, then a lone kanji and a title: 園子|温|監督,
        菜々|緒|さん, ダルビッシュ|有|投手 (not 香川|両|選手)."""
        kind, name, pos, attached, start, _ = entry
        starts, ends = self.starts, self.ends
        if not (
            kind == PERSON
            and not self._after_person(entry)
            and self._lone_tail(pos + 1)
            and pos + 2 < self.count
            and starts[pos + 2] == ends[pos + 1]
            and self.text[starts[pos + 2] : ends[pos + 2]] in _NAME_TITLES
        ):
            return False
        self.merged[pos] = (kind, name + self._char(pos + 1), pos, attached, start, ends[pos + 1])
        return True

    def _place_after_katakana(self, entry: NameEntry) -> bool:
        """A place (in kanji) UniDic also reads as a family name, right after a katakana
        name: セルジオ|越後 is a person."""
        kind, name, pos, attached, start, end = entry
        before = self.by_pos.get(pos - 1)
        if not (
            kind == PLACE
            and attached
            and before is not None
            and before[0] == PERSON
            and _KATAKANA_ONLY.fullmatch(self.text[before[4] : before[5]]) is not None
            and self._ends_name(pos)
            and _surname(name)
        ):
            return False
        self.merged[pos] = (PERSON, name, pos, attached, start, end)  # セルジオ|越後
        return True

    def _before_family_name(self, entry: NameEntry) -> bool:
        """A lone kanji before a family name of one kanji written alone: 茶|沢."""
        kind, name, pos, _, start, end = entry
        if not (
            kind == PERSON
            and end - start == 1
            and _surname(name)  # not 恋|守 (a charm)
            and self._name_head(pos - 1)
            and self._ends_name(pos)
        ):
            return False
        whole = self._char(pos - 1) + name
        self.merged[pos] = (kind, whole, pos, False, self.starts[pos - 1], end)  # 茶|沢
        return True

    def _after_cut_family_name(self, entry: NameEntry) -> bool:
        """A given name of one kanji right after a family name MeCab cuts into words
        that are no names (宮|市|亮, 要|潤, 古米|遥: one or two, three kanji at most;
        of two when UniDic reads the kanji as a family name, not 広報|海|渕), where the
        text calls the whole a name (`_called_whole`): 宮市亮（ボルトン）, （要潤）."""
        kind, name, pos, _, start, end = entry
        if not (kind == PERSON and end - start == 1 and self._ends_name(pos)):
            return False
        head = pos - 1
        if not self._family_part(head):
            return False
        if not self._starts_name(head):
            head -= 1
            if _name_part(name) != "名" or not self._family_part(head):
                return False
            if not self._starts_name(head) or end - self.starts[head] > 4:
                return False
        family = self.text[self.starts[head] : start]
        if family[0] in _NOT_NAME_HEADS or family[0] in _KANJI_NUMERALS:
            return False
        if not self._called_whole(self.starts[head], end):
            return False
        whole = normal_form(family) + name
        self.merged[pos] = (kind, whole, pos, False, self.starts[head], end)
        self.gone.update(at for at in range(head, pos) if at in self.by_pos)  # 宮 a place
        return True

    def _family_part(self, pos: int) -> bool:
        """Whether the morpheme at `pos` may be (part of) a family name MeCab cut: kanji
        alone, no name but a place (宮 of 宮|市|亮, 丑島 of 丑島|薫), written right before
        the next morpheme."""
        starts, ends = self.starts, self.ends
        entry = self.by_pos.get(pos)
        return (
            0 <= pos < self.count - 1
            and (entry is None or entry[0] == PLACE)
            and ends[pos] == starts[pos + 1]
            and all(is_kanji(char) for char in self.text[starts[pos] : ends[pos]])
        )

    def _called_whole(self, start: int, end: int) -> bool:
        """Whether the text calls `text[start:end]` a name: a parenthesis after it (a
        club, an age, a reading: 宮市亮（ボルトン）), written in parentheses (an actor
        after a role: 砂山（要潤）), a title or a form of address after it, or another
        person's name beside it (要潤、林遣都)."""
        text = self.text
        after = text[end : end + 1]
        if after in ("（", "(") or _ADDRESSED_AFTER.match(text, end) is not None:
            return True
        before = text[start - 1 : start] if start else ""
        if before in ("（", "(") and after in ("）", ")"):
            return True
        people = [entry for entry in self.entries if _longer_person(entry)]
        return (after in _BESIDE and any(other[4] == end + 1 for other in people)) or (
            before in _BESIDE and any(other[5] == start - 1 for other in people)
        )

    def _family_name_and_more(self, entry: NameEntry) -> None:
        """A family name (as UniDic reads it before さん; in kanji, no name before it)
        followed by a lone kanji and a given name joined, or by two lone kanji:
        福士|蒼|汰, 沢|城|みゆき, 岡本|奈|知子 (岡本 a place to MeCab)."""
        kind, name, pos, attached, start, _ = entry
        if not (self._starts_name(pos) and self._lone_tail(pos + 1) and _surname(name)):
            return
        last = self.by_pos.get(pos + 2)
        if last is not None:
            if (
                last[0] != PERSON
                or not last[3]
                or not self._ends_name(pos + 2)
                or _surname(last[1])  # 田中|対|鈴木, 福岡|県|今泉
            ):
                return
            whole = name + self._char(pos + 1) + last[1]
        elif (
            kind == PERSON  # 石垣|島|発, 土佐|十|景: places
            and self._char(pos + 1) != "山"  # 松本|山|雅 (a football club)
            and self._name_tail(pos + 2)
        ):
            whole = name + self._char(pos + 1) + self._char(pos + 2)
        else:
            return
        self.merged[pos] = (PERSON, whole, pos, attached, start, self.ends[pos + 2])
        self.gone.add(pos + 2)

    # -- what the rules ask of the morphemes around a name --

    def _char(self, pos: int) -> str:
        """The morpheme at `pos`, in its normal form."""
        return normal_form(self.text[self.starts[pos] : self.ends[pos]])

    def _lone_kanji(self, pos: int) -> bool:
        """A one-kanji morpheme at `pos` written right after the one before, no name."""
        starts, ends = self.starts, self.ends
        return (
            0 < pos < self.count
            and pos not in self.by_pos
            and ends[pos] - starts[pos] == 1
            and starts[pos] == ends[pos - 1]
            and is_kanji(self.text[starts[pos]])
        )

    def _lone_tail(self, pos: int) -> bool:
        """A lone kanji at `pos` (`_lone_kanji`) that is not a word of its own written
        after names (神谷薫役, 村上春樹著: `_NOT_NAME_TAILS`)."""
        return self._lone_kanji(pos) and self._char(pos) not in _NOT_NAME_TAILS

    def _name_tail(self, pos: int) -> bool:
        """A lone kanji at `pos` that may be a name's last character (`_lone_tail`), where
        the name may end (`_ends_name`)."""
        return self._lone_tail(pos) and self._ends_name(pos)

    def _lone_head(self, pos: int) -> bool:
        """A one-kanji morpheme at `pos` written right before the next one, no name."""
        starts, ends = self.starts, self.ends
        return (
            0 <= pos < self.count - 1
            and pos not in self.by_pos
            and ends[pos] - starts[pos] == 1
            and ends[pos] == starts[pos + 1]
            and is_kanji(self.text[starts[pos]])
        )

    def _name_head(self, pos: int) -> bool:
        """A lone kanji at `pos` (`_lone_head`) that may be a name's first character: not
        a word of its own written before names (故松田優作: `_NOT_NAME_HEADS`), where the
        name may start (`_starts_name`)."""
        return (
            self._lone_head(pos)
            and self._char(pos) not in _NOT_NAME_HEADS
            and self._starts_name(pos)
        )

    def _ends_name(self, pos: int) -> bool:
        """Whether a name may end with the morpheme at `pos`: nothing, a non-kanji or a
        title after it, and no person joined to it."""
        text, starts, ends = self.text, self.starts, self.ends
        end = ends[pos]
        if end >= len(text) or pos + 1 >= self.count or starts[pos + 1] != end:
            return True
        after = self.by_pos.get(pos + 1)
        if after is not None and after[0] == PERSON:
            return False
        return not is_kanji(text[end]) or text[end : ends[pos + 1]] in _NAME_TITLES

    def _starts_name(self, pos: int) -> bool:
        """Whether a name may start with the morpheme at `pos`: no kanji or digit (第8回)
        before it."""
        start = self.starts[pos]
        text = self.text
        return not start or (not is_kanji(text[start - 1]) and text[start - 1] not in _DIGITS)

    def _joined_person(self, pos: int) -> bool:
        """Whether the entry at `pos` is a person joined to a person before it."""
        entry, before = self.by_pos.get(pos), self.by_pos.get(pos - 1)
        return (
            entry is not None
            and before is not None
            and entry[0] == PERSON
            and before[0] == PERSON
            and entry[3]
        )

    def _after_person(self, entry: NameEntry) -> bool:
        """Whether `entry` is written right after a person (a name's second part)."""
        before = self.by_pos.get(entry[2] - 1)
        return before is not None and before[0] == PERSON and entry[3]

    def _kana_tail(self, pos: int) -> bool:
        """Whether a given name in hiragana at `pos` is cut short by a one-hiragana word
        after it (はる|ひ, ひ a noun, 碑) where the name ends."""
        text, starts, ends, count = self.text, self.starts, self.ends, self.count
        after = pos + 1
        if (
            after >= count
            or after in self.by_pos
            or ends[after] - starts[after] != 1
            or starts[after] != ends[pos]
            or text[starts[after]] in _NOT_KANA_TAILS
            or _HIRAGANA.fullmatch(text[starts[pos] : ends[after]]) is None
        ):
            return False
        end = ends[after]
        return (
            end >= len(text)
            or not (is_kanji(text[end]) or _HIRAGANA.match(text[end]))
            or (after + 1 < count and text[end : ends[after + 1]] in _NAME_TITLES)
        )


_READING = re.compile(r"[（(][\u3041-\u3096\u30fc・･ 　]+[）)]")
"""Hiragana in parentheses (spaces and ・ between words): a reading, when it follows a
name or a word written in kanji or Latin letters (北条　晶（ほうじょう　あきら）)."""
_NOT_NAME_POS = frozenset({"感動詞", "副詞", "記号", "補助記号"})
"""What UniDic reads a word of one or two hiragana as, alone, that is no name though
MeCab tags it one in running text: an interjection (あっ|ちゃん, おお), an adverb
(よう), a symbol (ぐ of ぐぅーっと)."""


def _not_names_dropped(text: str, entries: list[NameEntry]) -> list[NameEntry]:
    """`entries` without the people MeCab finds that are no names:

    - a reading in parentheses after a name or a word (2106bpm（つとむびーぴーえむ）,
      東山正宜（ひがしやま　まさのぶ）): the name's reading, not another person;
    - a Latin letter alone (Aさん, Ｔさん: an initial standing for someone unnamed);
    - standing alone, not joined to a person (加藤|あい is one), a word in hiragana
      ending in っ (あっ of あっちゃん, ぐっ of ぐっさん: no name ends so), or one of
      one or two hiragana UniDic reads alone as an interjection, an adverb or a symbol
      (`_NOT_NAME_POS`: おお, よう).
    """
    readings: list[tuple[int, int]] = []
    if "（" in text or "(" in text:
        for match in _READING.finditer(text):
            if _reading_of(text, match.start(), entries):
                readings.append(match.span())
    people = {entry[2]: entry for entry in entries if entry[0] == PERSON}
    kept = []
    for entry in entries:
        kind, name, pos, attached, start, end = entry
        if kind == PERSON:
            if any(at < start and end < to for at, to in readings) or _initial(name):
                continue
            after = people.get(pos + 1)
            if (
                not (attached and pos - 1 in people)
                and not (after is not None and after[3])
                and _interjection(name)
            ):
                continue
        kept.append(entry)
    return kept if len(kept) < len(entries) else entries


def _initial(name: str) -> bool:
    """A Latin letter alone (A, Ｔ in its normal form T)."""
    return len(name) == 1 and name.isascii() and name.isalpha()


@lru_cache(maxsize=4096)
def _interjection(name: str) -> bool:
    """Whether a person in hiragana MeCab found is no name: it ends in っ, or is one or
    two kana UniDic reads alone as one of `_NOT_NAME_POS`."""
    if _HIRAGANA.fullmatch(name) is None:
        return False
    if name.endswith("っ"):
        return True
    if len(name) > 2:
        return False
    nodes = list(tagger()(name))
    return len(nodes) == 1 and nodes[0].feature_raw.split(",")[0] in _NOT_NAME_POS


def _reading_of(text: str, at: int, entries: Sequence[NameEntry]) -> bool:
    """Whether the parenthesis at `at` follows a name or a word it may give the reading of:
    a kanji, a Latin letter or digit, or a name MeCab found (spaces between)."""
    end = at
    while end and text[end - 1] in " \u3000":
        end -= 1
    if not end:
        return False
    char = text[end - 1]
    if is_kanji(char) or (char.isalnum() and normal_form(char).isascii()):
        return True
    return any(entry[5] == end for entry in entries)


def _surname(word: str) -> bool:
    """Whether UniDic reads `word` as a family name before さん (越後さん, 岡本さん; not
    東京さん, 宮さん)."""
    return _name_part(word) == "姓"


@lru_cache(maxsize=4096)
def _name_part(word: str) -> str:
    """What UniDic reads `word` as before さん: "姓" (a family name), "名" (a given
    name), or "" (anything else, or more than one word)."""
    nodes = list(tagger()(word + "さん"))
    if len(nodes) != 2 or nodes[0].surface != word:
        return ""
    features = nodes[0].feature_raw.split(",")
    part = features[3] if len(features) > 3 and features[2] == "人名" else ""
    return part if part in ("姓", "名") else ""
