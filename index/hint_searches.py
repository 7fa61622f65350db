"""The searches behind the hints for a query that found nothing, those that need the
index: whether its words typed together are found apart (量子暗号: 量子 暗号),
whether it finds something typed as read (東京: とうきょう), and whether its last word
read as unfinished does (食べま: 食べ…, as the search bar counted it while typing).
`index.hints` chooses and words the hints from these (`SearchResult.apart`,
`SearchResult.readings`, `SearchResult.unfinished`) and from the query alone.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from index.analysis import Morpheme, is_reading, morphemes
from index.compiler import reading_words
from index.errors import QueryError
from index.filters import finished_values
from index.inflection import AFTER_KANJI_ENDINGS, ENDINGS
from index.kana import (
    HIRAGANA,
    HIRAGANA_TO_KATAKANA,
    KANJI,
    KATAKANA_LETTERS,
    KATAKANA_WORD,
    fold_kana,
)
from index.matching import find_matches
from index.model import FinishedFilter, LeftOut, StrayLetter, UnfinishedWord
from index.query import Group, ParsedQuery, Words, parse
from index.query_edit import quote_facet
from index.romaji import lengthened, long_vowels_marked, romaji_kana
from index.syntax import filter_value, lex

_OKURIGANA = re.compile(f"[{KANJI}][{HIRAGANA}]")
"""A kanji and hiragana after it in one morpheme: a word with its okurigana (新しく, 足し),
which makes words typed together a phrase as written (新しく足した), no words that
spaces would find apart."""

_HIRAGANA_WORD = re.compile(f"[{HIRAGANA}]+")
_KANA = re.compile(f"[{HIRAGANA}{KATAKANA_LETTERS}]")
_NAME_JOINERS = frozenset("・=＝")
_MERGES_TRIED = 6
"""Words apart at most for which runs of them are tried whole (東京|都|知事 as 東京都知事):
a search each, when nothing was found."""


def found_apart(searcher: Any, parsed: ParsedQuery) -> tuple[str, ...]:
    """The words of a query that is one run of words typed together (量子暗号, 量子コンピュータ
    暗号, 東京で食べた), which found nothing, when they are all found apart; else ()."""
    if len(parsed.groups) != 1 or parsed.groups[0].negated:
        return ()
    alternatives = parsed.groups[0].alternatives
    words = alternatives[0] if len(alternatives) == 1 else None
    if not isinstance(words, Words):
        return ()
    read = reading_words(searcher.reader(), words.reading) if words.reading else None
    if read is not None:
        # MeCab cuts kana otherwise (とうきょう|の|やけ|い: (とうきょう やけ) was told):
        # the words the search read, whole, or none; any other kana told as ever (しながら
        # is no (しな ら))
        return read if _all_words(read) and _finds_apart(searcher, read) else ()
    segments, particles = _word_runs(words)
    # A katakana run's words too, each: whole or apart, as finds more (`_merged`)
    split = _word_runs(words, katakana_whole=False)[0]
    if _begins_with_a_particle(words):
        # に|しこり|けい (錦織圭 as people say it) was told (しこり けい): a particle
        # is left out between words, and none stood before に. One ending them is a
        # text's after them (香川真司がゴールを: 香川真司 ゴール), left out as main did.
        return ()
    if not particles:
        # Without a particle between them, a word with its okurigana makes them a phrase
        # (新しく足した); kana are else a word of their own typed in kana, whole (スマホ
        # アプリおすすめ: おすすめ, which MeCab cuts お|すすめ), as spaced it is searched.
        # Any hiragana had been taken for okurigana: no hint, where `スマホ アプリ
        # おすすめ` finds 78 over ldcc (user review).
        if any(_OKURIGANA.search(m.surface) for m in words.morphemes):
            return ()
        segments = [_kana_joined(segment) for segment in segments]
        split = [_kana_joined(segment) for segment in split]
    units = tuple(unit for segment in segments for unit in segment)
    split_units = sum(map(len, split))
    if len(units) >= 2 and _finds_apart(searcher, units):
        apart = _merged(searcher, segments, words.text) if len(units) <= _MERGES_TRIED else units
        if len(units) < split_units <= _MERGES_TRIED:
            # A katakana run apart, where so the words find far more: スマホアプリおすすめ
            # was told (スマホアプリ おすすめ), 1 article of ldcc, where スマホ アプリ おすすめ
            # finds 78 (user review); スカイツリー 開業 stays whole (スカイ ツリー 開業: as many)
            weighed = _merged(searcher, split, words.text, weigh=True)
            if not _as_much(_count_apart(searcher, apart), _count_apart(searcher, weighed)):
                apart = weighed
    elif len(units) < split_units <= _MERGES_TRIED and _finds_apart(
        searcher, tuple(unit for segment in split for unit in segment)
    ):
        # found apart only with a katakana run apart: ゲームアプリランキング, one run, found
        # nothing whole and was told nothing, where ゲーム アプリ ランキング finds 57 (review)
        apart = _merged(searcher, split, words.text, weigh=True)
    else:
        return ()
    if not particles and not _kana_marked(searcher, apart):
        return ()
    return apart if _all_words(apart) else ()


def apart_count(searcher: Any, apart: tuple[str, ...]) -> int:
    """How many articles the words `found_apart` gave find, typed with spaces between."""
    try:
        return _count(searcher, parse(" ".join(apart)))
    except QueryError:
        return 0


def _all_words(parts: tuple[str, ...]) -> bool:
    """Whether none of `parts` is a lone kana: 日本人がお, on the way to 日本人がおおい,
    was told (日本人 お), お alone the prefix of 210 articles of ldcc (お知らせ); 日本人がい
    (日本 人 い). Such a kana is a word being typed, or a piece of one, no word to search
    apart, and the words it is typed with are no query of their own (日本 人 would be
    told for 日本人). A lone kanji is a word (人, 都)."""
    return not any(_KANA.fullmatch(part) for part in parts)


def _word_runs(words: Words, *, katakana_whole: bool = True) -> tuple[list[list[str]], bool]:
    """The words of `words` as a reader sees them, in runs between particles (東京|で|
    食べた: [[東京], [食べた]]), and whether a particle stood between them. A word keeps
    its okurigana and auxiliaries (食べ|た), a family and given name (本田|圭佑), a name
    written with ・ and, `katakana_whole`, a run of katakana (スカイ|ツリー) whole; else
    `_merged` joins the run where so it finds about as much."""
    text = words.text
    segments: list[list[str]] = []
    segment: list[tuple[int, int]] = []
    particles = False
    attach = join = False  # a stop after a verb is its own; the next word after a ・ too
    last: Morpheme | None = None
    for m in words.morphemes:
        if m.stop:
            if segment and (attach or (m.surface in _NAME_JOINERS and last is not None)):
                segment[-1] = (segment[-1][0], m.end)
                join = m.surface in _NAME_JOINERS
                continue
            if segment:
                segments.append([text[start:end] for start, end in segment])
                segment = []
            particles = particles or _HIRAGANA_WORD.fullmatch(m.surface) is not None
            attach = join = False
            last = None
            continue
        together = last is not None and (
            join
            or (
                not attach
                and (
                    (
                        katakana_whole
                        and KATAKANA_WORD.fullmatch(m.surface)
                        and KATAKANA_WORD.fullmatch(last.surface)
                    )
                    or (m.proper == last.proper == "person")
                )
            )
        )
        if together and segment:
            segment[-1] = (segment[-1][0], m.end)
        else:
            segment.append((m.start, m.end))
        attach = not m.compound
        join = False
        last = m
    if segment:
        segments.append([text[start:end] for start, end in segment])
    return segments, particles


def _kana_marked(searcher: Any, apart: tuple[str, ...]) -> bool:
    """Whether each word of `apart` written in hiragana alone (a word typed in kana, joined
    by `_kana_joined`) is marked as typed in a hit of the words spaced (おすすめ, オススメ):
    ドコモおす, おすすめ half typed, was told (ドコモ おす), which found 押す alone, and
    中継、そし (そして) (中継 そし), 素子 (review). A page of hits is searched for it, where
    a word in kana stands among them."""
    kana = {fold_kana(part) for part in apart if _HIRAGANA_WORD.fullmatch(part)}
    if not kana:
        return True
    from index.search import search  # (which asks this module for the hints)

    try:
        result = search(searcher, " ".join(apart), live=False, limit=KANA_MARKED_HITS)
    except QueryError:
        return False
    marked = {fold_kana(text) for hit in result.hits for text, match in hit.snippet if match}
    return all(any(word in text for text in marked) for word in kana)


KANA_MARKED_HITS = 20
"""Hits `_kana_marked` looks at for a word in kana marked as typed."""


def _kana_joined(segment: list[str]) -> list[str]:
    """`segment`'s words with each run of words in hiragana one word (お|すすめ)."""
    joined: list[str] = []
    for word in segment:
        if joined and _HIRAGANA_WORD.fullmatch(word) and _HIRAGANA_WORD.fullmatch(joined[-1]):
            joined[-1] += word
        else:
            joined.append(word)
    return joined


def _begins_with_a_particle(words: Words) -> bool:
    """Whether `words` begin with kana MeCab read as a particle (stop): spaced, the
    words would drop it, though no word stood before it (に|しこり|けい)."""
    found = words.morphemes
    return bool(found) and found[0].stop and _KANA.search(found[0].surface) is not None


def _merged(
    searcher: Any, segments: list[list[str]], whole: str, *, weigh: bool = False
) -> tuple[str, ...]:
    """The words of `segments`, found apart, with each longest run of them that is
    found whole, the others still apart, joined (東京|都|知事|選挙: 東京都 知事 選挙, where
    東京都知事 選挙 finds nothing); `weigh`, a run of katakana words only where so it finds
    about as much (`_weighed`, `_as_much`: スカイ|ツリー|開業, スカイツリー 開業, as many); the
    query `whole` found nothing. スマホ|アプリ|おすすめ was told (スマホアプリ おすすめ), 1
    article of ldcc, where `スマホ アプリ おすすめ` finds 78."""
    parts: list[str] = []
    for n, segment in enumerate(segments):
        rest = [unit for later in segments[n + 1 :] for unit in later]
        i = 0
        while i < len(segment):
            j = len(segment)
            apart = -1  # (counted once a run is found whole)
            while j > i + 1:
                run = "".join(segment[i:j])
                joined = (
                    0
                    if run == whole
                    else _count_apart(searcher, (*parts, run, *segment[j:], *rest))
                )
                if joined and weigh and _weighed(segment[i:j]):
                    if apart < 0:
                        apart = _count_apart(searcher, (*parts, *segment[i:], *rest))
                    if _as_much(joined, apart):
                        break
                elif joined:
                    break
                j -= 1
            parts.append("".join(segment[i:j]) if j > i + 1 else segment[i])
            i = max(j, i + 1)
    return tuple(parts)


def _weighed(run: list[str]) -> bool:
    """Whether words run together are joined by what they find (`_as_much`): katakana
    words of more than one letter each (スマホ|アプリ), which a reader reads apart as
    well; else joined wherever found whole (東京都, スマ|ホ: a lone kana is no word)."""
    return all(KATAKANA_WORD.fullmatch(word) and not _KANA.fullmatch(word) for word in run)


def _as_much(joined: int, apart: int) -> bool:
    """Whether words joined, finding `joined` articles, find about as many as apart
    (`apart`): half as many at least. スカイツリー finds 45 of ldcc, スカイ ツリー 45;
    東京都 知事 8, 東京 都 知事 10; スマホアプリ 7, スマホ アプリ 269."""
    return 2 * joined >= apart


def _count_apart(searcher: Any, parts: tuple[str, ...]) -> int:
    """How many articles `parts`, typed with spaces between them, find, each part a word
    of its own; 0 where one is not (`_finds_apart`)."""
    try:
        apart = parse(" ".join(parts))
    except QueryError:
        return 0
    # Each part a word of its own, as typed: not read as an operator (東京NOT大阪 is no
    # 東京 NOT 大阪, which leaves 大阪 out; 東京OR大阪 no OR).
    plain = len(apart.groups) == len(parts) and all(
        not group.negated and len(group.alternatives) == 1 for group in apart.groups
    )
    if not plain or apart.ignored != ():
        return 0
    return _count(searcher, apart)


def _finds_apart(searcher: Any, parts: tuple[str, ...]) -> bool:
    """Whether `parts`, typed with spaces between them, finds something, each part a word
    of its own."""
    return _count_apart(searcher, parts) > 0


_READ_BY_KANA = re.compile(f"[{KANJI}\u30a1-\u30fa]")
"""A kanji or katakana: a word holding one may be found otherwise by its reading."""


def readings_finding(searcher: Any, parsed: ParsedQuery) -> tuple[str, ...] | None:
    """The words of a query that found nothing typed as read (東京: とうきょう), when so it
    finds something; () when it does not, where the reading hint cannot help
    (`index.hints`: 東京 over articles without it was told to try とうきょう); None when a
    word's reading is not known (東亰, a kanji MeCab has no reading for)."""
    readings: list[str] = []
    groups: list[Group] = []
    for group in parsed.groups:
        alternatives: list[Any] = []
        for clause in group.alternatives:
            if (
                isinstance(clause, Words)
                and not group.negated
                and clause.reading is None
                and _READ_BY_KANA.search(clause.text)
            ):
                read = "".join(m.reading for m in clause.content)
                if not all(m.reading for m in clause.content) or not is_reading(read):
                    return None
                readings.append(read)
                # as a whole word (typed on, the hint is for what is typed so far): its
                # prefix's terms cost 3 ms a keystroke that found nothing
                clause = replace(
                    clause, text=read, morphemes=tuple(morphemes(read)), unfinished=False
                )
            alternatives.append(clause)
        groups.append(Group(alternatives, group.negated))
    if not readings:
        return None
    try:
        found = find_matches(searcher, ParsedQuery(parsed.text, groups))[1]
    except QueryError:
        return None
    return tuple(dict.fromkeys(readings)) if found else ()


_ROMAJI = re.compile("[A-Za-z][A-Za-z'-]*")
"""A word that may be romaji: Latin letters (kan'i, sakka-)."""


def romaji_finding(searcher: Any, parsed: ParsedQuery) -> str:
    """A query of romaji that found nothing (toukyou OR oosaka) retyped in the kana its
    words read as (`index.romaji`), when so it finds something, its operators, filters
    and quotes kept (とうきょう OR おおさか); each word spelled as finds most alone
    (`_spelled`: ramen is ラーメン, not ラメン, glitter). "" when it finds nothing so, a
    word searched is no romaji (大阪, hello), one is still being typed (suka on the way to
    sukaitsurii: すか), or one is found as typed (an English word the index holds: news)."""
    words = [
        clause
        for group in parsed.groups
        if not group.negated
        for clause in group.alternatives
        if isinstance(clause, Words)
    ]
    if not words or not all(_ROMAJI.fullmatch(clause.text) for clause in words):
        return ""
    if any(clause.unfinished for clause in words):
        return ""
    read = {clause.text: romaji_kana(clause.text) for clause in words}
    if any(kana is None for kana in read.values()):
        return ""
    if len(words) > 1 and any(_finds_typed(searcher, clause.text) for clause in words):
        return ""  # (one word alone found nothing already: the query)
    spelled = {clause.text: _spelled(searcher, clause, read[clause.text] or "") for clause in words}
    # Words left out in romaji leave out nothing as typed (sukaitsurii -toukyou was told
    # (スカイツリー -toukyou): 45 of ldcc, where スカイツリー -とうきょう finds 3): in kana
    # too, unless found as typed (-news) or still being typed.
    for clause in _left_out_romaji(parsed):
        if clause.text not in spelled and not _finds_typed(searcher, clause.text):
            kana = romaji_kana(clause.text) or ""
            spelled[clause.text] = _spelled(searcher, clause, kana)
    groups = [
        Group(
            [
                _as_kana(clause, spelled[clause.text])
                if isinstance(clause, Words) and clause.text in spelled
                else clause
                for clause in group.alternatives
            ],
            group.negated,
        )
        for group in parsed.groups
    ]
    if not _finds(searcher, ParsedQuery(parsed.text, groups)):
        return ""
    return _retyped(parsed.text, spelled)


def _left_out_romaji(parsed: ParsedQuery) -> list[Words]:
    """The words `parsed` leaves out (-toukyou, NOT toukyou) that read as romaji, typed
    whole."""
    return [
        clause
        for group in parsed.groups
        if group.negated
        for clause in group.alternatives
        if isinstance(clause, Words)
        and not clause.unfinished
        and _ROMAJI.fullmatch(clause.text)
        and romaji_kana(clause.text) is not None
    ]


def _spelled(searcher: Any, clause: Words, kana: str) -> str:
    """`clause`, romaji read as `kana` (hiragana), in the spelling that finds most
    searched alone (in its fields): hiragana (とうきょう), katakana, with a vowel repeated
    as ー (nyuusu: ニュース, not にゅうす, 26 of ldcc for ニュース's 901) or with one
    lengthened that was typed short (ramen: ラーメン, 38, not ラメン, glitter, 11).
    Katakana only where MeCab reads its words as spelled so (`_read_as_spelled`):
    キッテ is 木|ッテ, 321 hits of 切って, for kitte. Of those that find as many, one
    with ー, else the first."""
    katakana = [kana.translate(HIRAGANA_TO_KATAKANA), long_vowels_marked(kana), *lengthened(kana)]
    spellings = list(dict.fromkeys([kana, *filter(_read_as_spelled, katakana)]))
    found = {
        spelling: _count(searcher, ParsedQuery(spelling, [Group([_as_kana(clause, spelling)])]))
        for spelling in spellings
    }
    # a tie goes to a long vowel written ー (kaado: カード, not かあど, 499 each)
    return max(spellings, key=lambda spelling: (found[spelling], "ー" in spelling))


def _read_as_spelled(spelling: str) -> bool:
    """Whether MeCab reads `spelling` as words each spelled as its dictionary does, no
    particle left over (スカイ|ツリー; not ラメ|ン, キ|ッテ read 木, コーヒ read コーヒー)."""
    cut = morphemes(spelling)
    return bool(cut) and all(not m.stop and fold_kana(m.surface) == m.folded for m in cut)


def _retyped(text: str, spelled: dict[str, str]) -> str:
    """`text` with its words of romaji (and a title: filter's) as `spelled`, all else as
    typed: operators, filters, quotes, words not spelled (toukyou OR -hello -oosaka
    title:oosaka: とうきょう OR -hello -おおさか title:おおさか)."""
    pieces: list[str] = []
    at = 0
    for lexeme in lex(text).lexemes:
        if lexeme.operator is not None:
            continue
        if lexeme.field is not None and lexeme.field != "title":
            continue
        start = lexeme.start if lexeme.field is None else text.index(":", lexeme.start) + 1
        pieces.append(text[at:start])
        pieces.append(
            _ROMAJI.sub(
                lambda word: spelled.get(word.group(), word.group()), text[start : lexeme.end]
            )
        )
        at = lexeme.end
    pieces.append(text[at:])
    return "".join(pieces).strip()


def _as_kana(clause: Words, kana: str | None) -> Words:
    """`clause` typed as `kana`, a whole word (as `readings_finding` reads it)."""
    if kana is None:
        return clause
    return replace(clause, text=kana, morphemes=tuple(morphemes(kana)), unfinished=False)


def _finds_typed(searcher: Any, text: str) -> bool:
    """Whether `text`, a query of its own, finds something."""
    try:
        return _finds(searcher, parse(text))
    except QueryError:
        return False


def _finds(searcher: Any, parsed: ParsedQuery) -> bool:
    return _count(searcher, parsed) > 0


def _count(searcher: Any, parsed: ParsedQuery) -> int:
    """How many articles `parsed` finds (0 where it cannot be searched)."""
    try:
        return len(find_matches(searcher, parsed)[1])
    except QueryError:
        return 0


def found_as_typed(searcher: Any, query: str) -> UnfinishedWord | None:
    """What `query`, which found nothing at Enter, finds read as it was while being
    typed (`live=True`), when that is something and its last word is text read so
    (食べま: 食べ, an unfinished ending left out; 時間がかか: かか the words it begins;
    スカイツリ the start of longer words); else None. The search bar counted it so
    while typing (食べま "472 hits · as typed" over ldcc), and Enter said 0 unexplained."""
    try:
        parsed = parse(query, live=True)
    except QueryError:
        return None
    being_typed = [
        clause
        for group in parsed.groups
        if not group.negated
        for clause in group.alternatives
        if isinstance(clause, Words) and clause.unfinished
    ]
    lexemes = lex(query).lexemes
    if not being_typed or not lexemes:
        return None
    try:
        compiled, matches = find_matches(searcher, parsed)
    except QueryError:
        return None
    if not matches:
        return None
    last = lexemes[-1]
    typed = query[last.start : last.end]
    searched = being_typed[-1].text
    # 食べま searched as 食べ: the kana left out begin an ending, the word finished so
    body = last.value if last.field is not None else last.text
    left_out = body[len(searched) :] if body.startswith(searched) else ""
    ending = next(
        (e for e in ENDINGS + AFTER_KANJI_ENDINGS if left_out and e.startswith(left_out)), ""
    )
    return UnfinishedWord(
        typed,
        searched,
        len(matches),
        exact_total=not compiled.capped,
        total_at_least=compiled.at_least,
        finished=searched + ending if ending else "",
    )


_STRAY = re.compile(f"(.*[{KANJI}{HIRAGANA}{KATAKANA_LETTERS}])([a-zａ-ｚ])")
"""A word ending in one small Latin letter typed after Japanese (名古屋駅j): a capital,
typed with shift, is meant as often (ガンダムW, 血液型B)."""


def found_without_stray(searcher: Any, query: str) -> StrayLetter | None:
    """What `query`, which found nothing, finds without a Latin letter its last word
    ends in after Japanese, when that is something: 名古屋駅j (j pressed to move down
    the list while the search bar had the keys) found nothing and was told nothing,
    where 名古屋駅 finds 2 articles of ldcc. Not a word of Latin letters (iPhone), two
    of them (東京タワーjp), a capital (ガンダムW), a letter alone (名古屋駅 j), a filter's
    value, nor a letter that begins a word as typed (アップルi: アップルiOS6, 4)."""
    lexemes = lex(query).lexemes
    if not lexemes:
        return None
    last = lexemes[-1]
    if last.field is not None or last.operator is not None or last.quoted or last.excluded:
        return None
    typed = _STRAY.fullmatch(query[last.start : last.end])
    if typed is None:
        return None
    without = (query[: last.end - 1] + query[last.end :]).strip()
    try:
        if _count(searcher, parse(query, live=True)):
            # a word the letter begins, as typed (アップルi: アップルiOS6): no mistake
            return None
        total = _count(searcher, parse(without))
    except QueryError:
        return None
    return StrayLetter(typed.group(2), typed.group(1), without, total) if total else None


FINISHED_SHOWN = 3
"""Finished values a hint names at most (site:live begins livedoor, livejournal…)…"""
FINISHED_TRIED = 10
"""…of those of the most articles searched with the query's other words, each a
search (a site's label begun, site:c, may begin hundreds of a curation corpus's)."""


def finished_filters(searcher: Any, query: str) -> tuple[FinishedFilter, ...]:
    """The `site:` and `outlet:` filters of `query`, which found nothing, that name no
    value of the index, each with the values it may be meant to name, finished
    (`index.filters.finished_values`), where so the query finds something: as typed,
    `site:livedo` counted 7,367 articles of ldcc (a site's label being typed), then 0
    at Enter, with "No article fits the filters: try other values" and no word of
    `site:livedoor`. Not a filter left out (-site:livedo)."""
    reader = searcher.reader()
    found: list[FinishedFilter] = []
    negate_next = False
    for lexeme in lex(query).lexemes:
        if lexeme.operator is not None:
            negate_next = lexeme.operator == "NOT"
            continue
        negated, negate_next = negate_next or lexeme.excluded, False
        if negated or lexeme.field not in ("site", "outlet"):
            continue
        value, quoted = filter_value(lexeme)
        filters: list[tuple[str, str, int]] = []
        tried = finished_values(reader, lexeme.field, value, exact=quoted)[:FINISHED_TRIED]
        for finished in tried:
            written = (
                f"site:{finished}" if lexeme.field == "site" else quote_facet("outlet", finished)
            )
            retyped = " ".join((query[: lexeme.start] + written + query[lexeme.end :]).split())
            try:
                total = _count(searcher, parse(retyped))
            except QueryError:
                continue
            if total:
                filters.append((written, retyped, total))
        if filters:
            filters.sort(key=lambda counted: -counted[2])
            found.append(FinishedFilter(lexeme.field, value, tuple(filters[:FINISHED_SHOWN])))
    return tuple(found)


def found_without_exclusions(searcher: Any, query: str, *, live: bool = False) -> LeftOut | None:
    """What `query`, which found nothing, finds without the words it leaves out (`-word`,
    `NOT word`), when that is something: `すまほ -スマホ` (the reading searched as the
    word it reads) and `すまほ -すまほでは` (its particles not searched) found nothing
    and were told nothing, where すまほ finds 685 articles of ldcc. Searched as `query`
    was (`live`: as typed)."""
    lexemes = lex(query).lexemes
    dropped: list[tuple[int, int]] = []
    words: list[str] = []
    after_not: int | None = None
    for lexeme in lexemes:
        if after_not is not None:
            if lexeme.operator is not None:
                return None  # NOT OR: a mistake the parser words
            dropped.append((after_not, lexeme.end))
            words.append(query[lexeme.start : lexeme.end])
            after_not = None
        elif lexeme.operator == "NOT":
            after_not = lexeme.start
        elif lexeme.excluded:
            dropped.append((lexeme.start, lexeme.end))
            words.append(query[lexeme.start + 1 : lexeme.end])
    if not dropped or after_not is not None:
        return None
    without = _without(query, dropped)
    if not without:
        return None
    # as typed, a space after the last word finishes it, as in `query`
    finished = " " if query[-1:].isspace() else ""
    try:
        total = _count(searcher, parse(without + finished, live=live))
        if not total:
            return None
        if len(dropped) > 1:
            # the one that takes them all, where one does (映画 -映画 -東京: 映画; review)
            for at, word in enumerate(words):
                alone = _without(query, dropped[:at] + dropped[at + 1 :]) + finished
                if not _count(searcher, parse(alone, live=live)):
                    return LeftOut((word,), without, total)
    except QueryError:
        return None
    return LeftOut(tuple(words), without, total)


def _without(query: str, spans: list[tuple[int, int]]) -> str:
    """`query` without the text of `spans` (in order), its spaces made single."""
    rest, kept_to = [], 0
    for start, end in spans:
        rest.append(query[kept_to:start])
        kept_to = end
    rest.append(query[kept_to:])
    return " ".join(" ".join(rest).split())
