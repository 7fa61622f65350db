"""What to try when a search finds nothing: the hints the reader's empty list and
`yomite search` both give, chosen from the query as the search reads it
(`index.syntax.lex`). One place decides which apply; each says its own words around
them (the reader its keys, `? lists the keys`; the command a line on stderr each).

The hints that need the index searched again (words typed together found apart, a
word found by its reading, a last word that finds something read as unfinished) are
decided with the search, in `index.hint_searches`, and reach here through
`SearchResult.apart`, `SearchResult.readings` and `SearchResult.unfinished`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from enum import Enum

from index.kana import HIRAGANA, KANJI
from index.model import FinishedFilter, LeftOut, NoHitFinds, UnfinishedWord
from index.syntax import OPERATORS, Lexeme, lex
from index.urls import is_web_url, url_host
from index.wording import quoted_query


class HintKind(Enum):
    ALL_WORDS = "all-words"
    """Several words, each required: fewer, or OR."""
    SPACES = "spaces"
    """Kanji run together, found only standing together: spaces between them."""
    FILTERS = "filters"
    """A field filter narrows it: try without."""
    FILTER_VALUES = "filter-values"
    """Filters alone, no word: no article fits their values (after:2030): others."""
    SITE = "site"
    """A pasted URL: its site is what it can mean here."""
    READING = "reading"
    """A word not in hiragana: its reading finds the kanji."""
    CAPITALS = "capitals"
    """An operator written in lower or mixed case between words (映画 or 大阪): a word."""
    UNFINISHED = "unfinished"
    """The last word, as typed, finds something read as unfinished (食べま: 食べ…)."""
    ROMAJI = "romaji"
    """Latin letters that read as romaji, found typed in kana (toukyou: とうきょう)."""
    STRAY = "stray"
    """A Latin letter typed after Japanese, found left out (名古屋駅j: 名古屋駅)."""
    BOTH_WAYS = "both-ways"
    """A word searched for and left out (東京 -東京): nothing can match."""
    FINISHED = "finished"
    """A site: or outlet: value naming none, that begins some (site:livedo: livedoor)."""
    LEFT_OUT = "left-out"
    """The words left out take every article the rest finds (すまほ -スマホ)."""


@dataclass(frozen=True, slots=True)
class Hint:
    kind: HintKind
    text: str
    """Plain text, one sentence or two; it may quote the query's hosts (sanitize it)."""
    shorter: tuple[str, ...] = ()
    """Shorter wordings of `text`, the fullest first, for a line narrower than it (the
    reader's status line); the last short enough for 80 columns."""


FILTERS = "Filters such as site:, person: or after: narrow it: try without them."
FILTER_VALUES = "No article fits the filters: try other values."

NOT_SEARCHED = NoHitFinds()
"""A query's finds not asked for (`no_hit_hints`): its reading hint judged from its words."""


def no_hit_hints(
    query: str, *, ignored: Collection[str] = (), finds: NoHitFinds = NOT_SEARCHED
) -> list[Hint]:
    """What to try instead of `query`, which found nothing, the likeliest first.

    `ignored`: the words the search left out (`SearchResult.ignored`: 朝顔 から searches
    朝顔), no words to count: 朝顔 から was told that every word must appear. `finds`:
    what the query finds typed otherwise (`index.search.no_hit_finds`): its words
    typed together found apart (量子, 暗号 for 量子暗号), which it says to space; its words
    typed as read (() where a reading would not help: 東京 over articles without it,
    とうきょう finds nothing either; None, judged from its words alone); its last word
    read as still being typed; its romaji in kana (とうきょう for toukyou); itself without
    a Latin letter typed after Japanese (名古屋駅 for 名古屋駅j).
    `NOT_SEARCHED` where it was not asked: the hints the query gives alone."""
    both = _both_ways(query)
    if both:
        # 東京 -東京 was told to try a reading in hiragana; iPhone -iPhone nothing.
        return [
            Hint(
                HintKind.BOTH_WAYS,
                f"{both} is searched for and left out: no article can both hold it and not. "
                f"Drop one of them.",
            )
        ]
    if finds.left_out is not None:
        # すまほ -スマホ found nothing and said nothing: the reading is searched as スマホ
        return [_left_out_hint(finds.left_out)]
    words, filtered, alternatives = _operators(query, ignored)
    hosts = _url_hosts(query)
    hints: list[Hint] = []
    if finds.stray is not None:
        # 名古屋駅j (j pressed to move down the list, typed into the bar) was told nothing
        stray = finds.stray
        hints.append(
            Hint(
                HintKind.STRAY,
                f"“{stray.letter}” after {stray.word} looks typed by mistake: "
                f"{stray.query} finds {stray.total:,}.",
            )
        )
    if finds.romaji:
        # toukyou found nothing, said nothing: Latin letters are searched as written
        hints.append(
            Hint(
                HintKind.ROMAJI,
                f"Romaji is not read as Japanese: type kana ({finds.romaji}).",
            )
        )
    for finished in finds.finished:
        # site:livedo counted 7,367 as typed, then 0 at Enter: "try other values"
        hints.append(_finished_hint(finished))
    unfinished_at = len(hints)
    if finds.unfinished is not None:
        # 食べま: the bar counted 472 "as typed", and Enter said 0 with nothing on why
        hints.append(unfinished_hint(finds.unfinished))
    capitals = capitals_hint(query)
    if capitals is not None:
        # 映画 or 大阪 was told only "Every word must appear …: try fewer, or OR between
        # them", as if OR had not been typed: it was, in lower case, a word to find.
        hints.append(capitals)
    elif words > 1 and not alternatives and not finds.romaji:
        # (typed in kana, every word is found)
        hints.append(
            Hint(
                HintKind.ALL_WORDS,
                "Every word must appear (a space means AND): try fewer, or OR between them.",
            )
        )
    elif (
        words == 1
        and not filtered
        and not hosts  # (news.livedoor.jp was told to space as news livedoor jp)
        and finds.apart
        and not _being_typed(finds)
        and not _stray_apart(finds)
    ):
        # Words run together that stand apart: only the search can tell (新しく足した is
        # a verb with its okurigana, 停戦朝顔 finds nothing apart either).
        apart = " ".join(finds.apart)
        if _quoted_phrase(query, ignored):
            # "東京 大阪" was told to put spaces between them, typed already: the
            # quotes keep them together (a phrase), which they find only apart
            text = (
                "A quoted phrase finds its words only together: drop the quotes "
                f"to find them apart ({apart})."
            )
        else:
            text = (
                "Words typed together must stand together: put spaces between them "
                f"to find them apart ({apart})."
            )
        spaces = Hint(HintKind.SPACES, text)
        # Before the word as typed where it finds more (世界 もの 867, 世界でもの… 1)
        hints.insert(unfinished_at if _apart_finds_more(finds) else len(hints), spaces)
    if filtered and words and not finds.romaji:
        # (title:toukyou: typed in kana, the filter finds something)
        hints.append(Hint(HintKind.FILTERS, FILTERS))
    elif filtered and not words and not finds.romaji:
        # after:2030 was told to try without it, which leaves nothing to search
        hints.append(Hint(HintKind.FILTER_VALUES, FILTER_VALUES))
    if hosts:
        # A pasted address (an article's own, say: the index does not hold those): what
        # it can mean here is its site. It said only to try a reading in hiragana.
        sites = " or ".join(f"site:{host}" for host in hosts)
        hints.append(
            Hint(
                HintKind.SITE,
                f"Articles are not found by their URL or site: {sites} lists the articles from "
                "its site or citing it in a source card.",
            )
        )
    if words > len(hosts) and finds.readings != () and _reading_may_find(query, ignored):
        # (a filter has no reading to try)
        reading = "A reading in hiragana finds words written in kanji (とうきょう: 東京)."
        hints.append(Hint(HintKind.READING, reading))
    return hints


def _stray_apart(finds: NoHitFinds) -> bool:
    """Whether the last of the words `finds` has apart is the letter told typed by
    mistake: スカイツリーj was told to space it as (スカイツリー j) too."""
    return finds.stray is not None and finds.apart[-1:] == (finds.stray.letter,)


def _being_typed(finds: NoHitFinds) -> bool:
    """Whether the last of the words `finds` has apart is hiragana the word told unfinished
    ends with: 日本人がおも (as typed, 日本人がおも… finds 1 or more over ldcc) was told
    to space as (日本人 おも), its kana being typed searched whole, no word of their own
    (おもしろい is typed on). A word with a kanji is one (東京で食べた: 東京 食べた), and
    so are kana the words apart find more by (`_apart_finds_more`)."""
    unfinished = finds.unfinished
    if unfinished is None or not finds.apart or _apart_finds_more(finds):
        return False
    last = finds.apart[-1]
    return _HIRAGANA_ONLY.fullmatch(last) is not None and unfinished.searched.endswith(last)


def _apart_finds_more(finds: NoHitFinds) -> bool:
    """Whether the words apart find more articles than the last word as typed, counted
    (not an estimate): 世界でもの and 人気のぱん were told only that they look unfinished
    (as typed, each finds 1 over ldcc), where `世界 もの` finds 867 and `人気 ぱん` 32
    (user review). Where the count as typed is an estimate (日本人がおも… finds 1 or
    more: おも begins many words), nothing says which is meant."""
    unfinished = finds.unfinished
    return (
        unfinished is not None
        and unfinished.exact_total
        and not unfinished.total_at_least
        and finds.apart_total > unfinished.total
    )


def unfinished_hint(unfinished: UnfinishedWord) -> Hint:
    """What to say of a query that found nothing as written whose last word finds
    something read as still being typed (食べま as 食べ…): it was counted so while typing."""
    total = f"{unfinished.total:,}"
    if not unfinished.exact_total:
        total = f"{total} or more" if unfinished.total_at_least else f"about {total}"
    finish = f", e.g. {unfinished.finished}" if unfinished.finished else ""
    typed, searched = unfinished.typed, unfinished.searched
    if typed == searched and _READING.fullmatch(typed) and not finish:
        # A reading may be a whole word the articles hold none of (ていせん, 停戦): told
        # it "looks unfinished" where 低線量 (ていせんりょう) was all it began (review)
        return Hint(
            HintKind.UNFINISHED,
            f"“{typed}” finds nothing as a whole word: as the start of a longer one, "
            f"{searched}… finds {total}.",
        )
    return Hint(
        HintKind.UNFINISHED,
        f"“{typed}” looks unfinished: as typed, {searched}… "
        f"finds {total} (finish the word{finish}).",
    )


FEW_HITS = 10
"""Hits fewer than a screenful: a query with an operator not in capitals that finds so
few (`映画 or 大阪`: 0 of ldcc; `東京 or 大阪` 2, where `東京 OR 大阪` finds 1,233) is
told so by `yomite search` too (`few_hit_hints`), not only one that finds none."""


def capitals_hint(query: str) -> Hint | None:
    """What to say of `query` where an operator is written in lower or mixed case
    between two words (`映画 or 大阪`, `東京 Not 大阪`, full-width `ｏｒ`): the language
    has OR, NOT and AND in capitals only (or may be a word: `or` alone finds 45 articles
    of ldcc), so it was searched as a word, and every article had to hold it. None for
    any other (`or` alone, quoted, at either end)."""
    lexemes = lex(query).lexemes
    found = [
        at
        for at in range(1, len(lexemes) - 1)
        if _lowercase_operator(lexemes[at])
        and lexemes[at - 1].operator is None
        and lexemes[at + 1].operator is None
    ]
    if not found:
        return None
    written = query
    for at in reversed(found):
        lexeme = lexemes[at]
        written = written[: lexeme.start] + lexeme.text.upper() + written[lexeme.end :]
    from index.query import QueryError, parse

    try:
        parse(written)
    except QueryError:
        return None  # 映画 or -大阪: OR would not take it either
    typed = list(dict.fromkeys(query[lexemes[at].start : lexemes[at].end] for at in found))
    shown = " and ".join(repr(word) for word in typed)
    searched = "was searched as a word" if len(typed) == 1 else "were searched as words"
    operators = "the operator" if len(found) == 1 else "the operators"
    meant = " ".join(written.split())
    capitals = ", ".join(dict.fromkeys(lexemes[at].text.upper() for at in found))
    return Hint(
        HintKind.CAPITALS,
        f"Operators are written in capitals: {shown} {searched} (for {operators}: {meant}).",
        (
            f"{shown} {searched}: operators are in capitals ({meant})",
            f"{shown} {searched}: operators are in capitals ({capitals})",
            f"Operators are in capitals: {capitals}",
        ),
    )


def _lowercase_operator(lexeme: Lexeme) -> bool:
    """Whether `lexeme` is a word that would be an operator in capitals (or, Not)."""
    return (
        lexeme.operator is None
        and lexeme.field is None
        and not lexeme.quoted
        and lexeme.text != lexeme.text.upper()
        and lexeme.text.upper() in OPERATORS
    )


def few_hit_hints(query: str, total: int) -> list[Hint]:
    """What to try instead of `query`, which found `total` hits, some: the hints that
    say it was not searched as meant. Fewer than `FEW_HITS`, an operator typed in lower
    case (`capitals_hint`); any number, a host typed as a word (`site_hint`)."""
    if total <= 0:
        return []
    capitals = capitals_hint(query) if total < FEW_HITS else None
    site = site_hint(query)
    return [hint for hint in (capitals, site) if hint is not None]


def site_hint(query: str) -> Hint | None:
    """The `site:` filter of each host typed as a word in `query` (`news.livedoor.com`,
    a pasted address), which found some articles, mentioning it: over ldcc
    news.livedoor.com found the 41 that write it out, and nothing said that
    `site:news.livedoor.com` lists the 7,367 from that site (user review). None where
    `query` types no host, or filters by the site already."""
    filtered = {
        lexeme.value.strip('"').casefold()
        for lexeme in lex(query).lexemes
        if lexeme.field == "site"
    }
    hosts = [host for host in _url_hosts(query) if host.casefold() not in filtered]
    if not hosts:
        return None
    sites = " or ".join(f"site:{host}" for host in hosts)
    return Hint(
        HintKind.SITE,
        f"Found where articles write it out: {sites} lists the articles from its site "
        "or citing it in a source card.",
        (f"{sites} lists the articles from its site", f"Try {sites}"),
    )


def _finished_hint(finished: FinishedFilter) -> Hint:
    """site:livedo: `No site is named “livedo”: site:livedoor finds 7,367.`; beside other
    words, the query so (`東京 site:livedoor finds 1,111`); of several, each filter and
    its count."""
    named = f"No {finished.field} is named {quoted_query(finished.typed)}"
    (first, query, total), *others = finished.filters
    if not others:
        return Hint(HintKind.FINISHED, f"{named}: {query} finds {total:,}.", (f"Try {first}",))
    tried = " or ".join(f"{written} ({total:,})" for written, _, total in finished.filters)
    shortest = " or ".join(written for written, _, _ in finished.filters)
    return Hint(HintKind.FINISHED, f"{named}: try {tried}.", (f"Try {shortest}",))


def _left_out_hint(left_out: LeftOut) -> Hint:
    words = " and ".join(quoted_query(word) for word in left_out.words)
    rest = quoted_query(left_out.rest)
    if left_out.total == 1:
        took = f"leaves out the one article {rest} finds"
    else:
        took = f"leaves none of the {left_out.total:,} articles {rest} finds"
    return Hint(HintKind.LEFT_OUT, f"Leaving out {words} {took}.")


def _both_ways(query: str) -> str | None:
    """The first word (or filter) of `query` that it both requires and leaves out (by
    `-` or NOT), as typed; None where there is none, or where an OR may find the word
    another way."""
    lexemes = lex(query).lexemes
    if any(lexeme.operator == "OR" for lexeme in lexemes):
        return None
    wanted: set[str] = set()
    left_out: dict[str, str] = {}
    after_not = False
    for lexeme in lexemes:
        if lexeme.operator is not None:
            after_not = lexeme.operator == "NOT"
            continue
        key = lexeme.body.casefold()
        if lexeme.excluded or after_not:
            left_out.setdefault(key, lexeme.body)
        else:
            wanted.add(key)
        after_not = False
    return next((typed for key, typed in left_out.items() if key in wanted), None)


_HOST_WORD = re.compile(
    r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?P<top>[a-z]{2,})(?::[0-9]+)?(?:/\S*)?",
    re.IGNORECASE,
)
"""A host name typed without its scheme, a path after it or not (`cnn.co.jp`,
`globe.asahi.com/article/1`)…"""
_TOP_DOMAINS = frozenset(
    (
        "com", "net", "org", "jp", "info", "biz", "io", "tv", "me", "co", "uk", "us",
        "cn", "kr", "tw", "hk", "fr", "de", "it", "es", "ru", "au", "ca", "in", "news",
    )
)  # fmt: skip
"""…whose last label is a common top-level domain: `node.js`, `1.5` or `ver.2` name none."""


def _url_hosts(query: str) -> list[str]:
    """The hosts of the URLs typed as words in `query` (a pasted address, or a host
    typed alone: `cnn.co.jp`), in order."""
    hosts: list[str] = []
    for lexeme in lex(query).lexemes:
        if lexeme.field is not None or lexeme.operator is not None or lexeme.quoted:
            continue
        text = lexeme.text
        if is_web_url(text):
            host = url_host(text)
        elif (found := _HOST_WORD.fullmatch(text)) and found["top"].lower() in _TOP_DOMAINS:
            host = url_host(f"http://{text}")
        else:
            continue
        if host and host not in hosts:
            hosts.append(host)
    return hosts


def _left_out(lexeme: Lexeme, ignored: Collection[str], query: str) -> bool:
    """Whether the search left `lexeme` out (a particle between words: から; ！, named
    as typed in `query`, where the lexeme reads !)."""
    typed = query[lexeme.start : lexeme.end]
    return (
        lexeme.field is None
        and not lexeme.quoted
        and (
            lexeme.text in ignored
            or typed in ignored
            # named with the NOT that left it out (NOT の)
            or any(
                word.endswith(typed) and lex(word[: -len(typed)]).text.split() == ["NOT"]
                for word in ignored
            )
        )
    )


def _searched(query: str, ignored: Collection[str]) -> str:
    """`query` without the words the search left out."""
    return " ".join(
        lexeme.text for lexeme in lex(query).lexemes if not _left_out(lexeme, ignored, query)
    )


def _operators(query: str, ignored: Collection[str] = ()) -> tuple[int, bool, bool]:
    """(words that must appear, whether a field filter is used, whether OR is) in
    `query`, as index.query reads it (`index.syntax.lex`): a quoted phrase (「日本 代表」)
    is one word, ー大阪 is left out, ｓｉｔｅ：x is a filter, a word `ignored` none."""
    words = 0
    filtered = alternatives = False
    negate_next = False
    for lexeme in lex(query).lexemes:
        if _left_out(lexeme, ignored, query) and lexeme.operator is None:
            continue
        if lexeme.operator is not None:
            negate_next = lexeme.operator == "NOT"
            alternatives = alternatives or lexeme.operator == "OR"
            continue
        if lexeme.field is not None:
            filtered = True
        elif not (negate_next or lexeme.excluded):
            words += 1
        negate_next = False
    return words, filtered, alternatives


def _looked_for(query: str, ignored: Collection[str]) -> Iterator[Lexeme]:
    """The words `query` looks for: not a filter, not excluded (-word, NOT word), not
    left out by the search (a word `ignored`)."""
    negate_next = False
    for lexeme in lex(query).lexemes:
        if lexeme.operator is not None:
            negate_next = lexeme.operator == "NOT"
            continue
        looked_for = not (negate_next or lexeme.excluded or lexeme.field is not None)
        negate_next = False
        if looked_for and not _left_out(lexeme, ignored, query):
            yield lexeme


def _quoted_phrase(query: str, ignored: Collection[str]) -> bool:
    """Whether a word `query` looks for is a quoted phrase ("東京 大阪", 「日本 代表」)."""
    return any(lexeme.quoted for lexeme in _looked_for(query, ignored))


def _has_hiragana(text: str) -> bool:
    return any("\u3041" <= char <= "\u309f" for char in text)


def _reading_may_find(query: str, ignored: Collection[str]) -> bool:
    """Whether a reading in hiragana may find what `query` did not: a word it looks
    for holds kanji (東亰: the reading finds 東京), or is katakana searched as written
    alone (キョウト: きょうと finds 京都). Not a query holding hiragana (a reading
    already), nor one of Latin letters, digits or symbols alone (zzqq, *: no kanji
    to find by a reading), nor katakana the search read as kana too (ハンカクゴ), nor
    katakana with Latin letters or digits (ガンダムUC: no reading spells it all), nor
    kanji MeCab reads all with Latin letters or digits (名古屋駅j, 東京2012: the kanji
    are spelled as they are read, the rest has no reading; 東亰UC is told)."""
    if _has_hiragana(_searched(query, ignored)):
        return False
    from index.analysis import morphemes
    from index.compiler import katakana_as_read

    for lexeme in _looked_for(query, ignored):
        text = lexeme.text.replace('"', "")
        if _KANJI.search(text):
            unread = [
                m.surface for m in morphemes(text) if _KANJI.search(m.surface) and not m.reading
            ]
            if _LATIN_OR_DIGIT.search(text) and not unread:
                # 名古屋駅j: its kanji are read (なごやえき finds what 名古屋駅 does), and
                # the letter has no reading to type (なごやえきj finds nothing either)
                continue
            if unread and all(map(_common_kanji, "".join(unread))):
                # 映館 (映画館 mistyped) was told to try a reading: MeCab reads 映 only
                # within words (映画, 映る), so the word typed is none it knows, and no
                # reading of it can be tried; 亰 (東亰) is no common kanji, another
                # spelling of the word the articles write, which its reading finds
                continue
            return True
        if _KATAKANA.search(text) and not _LATIN_OR_DIGIT.search(text):
            # (ガンダムUC: UC has no reading to type, the word none in hiragana)
            content = [m for m in morphemes(text) if not m.stop]
            if katakana_as_read(text, len(content)) is None:
                return True
    return False


def _common_kanji(char: str) -> bool:
    """Whether `char` is one of JIS X 0208's first level of kanji (its rows 16 to 47:
    the 2,965 in common use, 映 among them; 亰, of the second level, is not)."""
    try:
        code = char.encode("euc_jp")
    except UnicodeEncodeError:
        return False
    return len(code) == 2 and 16 <= code[0] - 0xA0 <= 47


_KANJI = re.compile(f"[{KANJI}]")
_KATAKANA = re.compile("[\u30a1-\u30fa]")
_HIRAGANA_ONLY = re.compile(f"[{HIRAGANA}]+")
_READING = re.compile(f"[{HIRAGANA}ー]+")
"""A word typed as a reading, long vowels and all (ぐーぐ as あんどろい)."""
_LATIN_OR_DIGIT = re.compile("[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
