"""The query side: search, related articles, match ranges, summaries from stored fields.

Snippets and match ranges come from the postings (the content fields record
character offsets), not from re-tokenizing each hit: each positive word's terms
are read once per index segment, for the page's hits only, and a phrase is marked
only where its terms stand at its relative positions. `layout` (see index.schema)
maps field offsets onto the document text.
"""

from __future__ import annotations

import bisect
import functools
import heapq
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Literal

from whoosh import query as wq
from whoosh.scoring import bm25
from whoosh.util.times import datetime_to_long

from index.analysis import (
    MAX_PAIR_GAP,
    Morpheme,
    ends_word_in,
    is_reading,
    morphemes,
    reading_variant,
    sentences_within,
)
from index.compiler import Compiled, Highlight, compile_query
from index.errors import QueryError, QueryIncomplete
from index.kana import HIRAGANA, KANJI, KATAKANA_WORD, fold_kana
from index.model import Hit, SearchResult, Snippet
from index.normalization import normal_form, normalize
from index.query import (
    SYMBOL_SCRIPTS,
    SYMBOL_WORD,
    DateRange,
    Group,
    ParsedQuery,
    Words,
    parse,
    spelled_in_part,
    symbol_words,
)
from index.reader_cache import ReaderCache
from index.schema import TEXT_FIELDS, layout_of
from index.scoring import Postings, bm25_parameters, by_relevance, score_all, term_documents
from index.summaries import summary_from_stored

__all__ = [
    "QueryError",
    "QueryIncomplete",
    "match_ranges",
    "read_on_words",
    "related",
    "search",
    "summary_from_stored",
]

SNIPPET_CHARS = 100
SNIPPET_LEAD_IN = 24
# Fields a snippet is taken from, in order of preference (the title is shown anyway).
SNIPPET_FIELDS = ("lead", "key_points", "body", "cards")

Ranges = list[tuple[int, int]]


def search(
    searcher: Any,
    query: str,
    *,
    live: bool = False,
    limit: int = 50,
    sort: Literal["relevance", "date"] = "relevance",
) -> SearchResult:
    """Ranked hits for `query` (raises QueryError when it is malformed).

    `live=True` is the as-you-type mode: the last word, if nothing follows it,
    is matched as a prefix as well as a whole word.
    """
    reader = searcher.reader()
    key = (query, live, limit, sort)
    result = _recent_results.get(reader, key)
    if result is None:
        result = _search(searcher, query, live=live, limit=limit, sort=sort)
        _recent_results.put(reader, key, result)
    return result


def matching_docs(searcher: Any, query: str, *, live: bool = False) -> set[int]:
    """The document numbers of every hit of `query` (those `search` counts in its total)."""
    return {docnum for docnum, _ in _matches(searcher, parse(query, live=live))[1]}


def _matches(searcher: Any, parsed: ParsedQuery) -> tuple[Compiled, list[tuple[int, float]]]:
    # Words ending in + or # must be found as written, which the index cannot do (the
    # analyzer drops the symbols: Google+ is searched as Google). A plain clause's hits
    # must hold them; a negated one is left out of the query (-google+ excluded every
    # article naming Google) and its word's holders dropped from the hits.
    required = _symbol_words(parsed)
    excluded, kept_groups = _negated_symbol_words(parsed)
    if excluded:
        parsed = ParsedQuery(parsed.text, kept_groups, parsed.live)
    compiled = compile_query(parsed, searcher.reader())
    # Every match is scored (which also counts them): with a limit Whoosh skips
    # blocks and len() runs the query again, and its optimize=False path misses
    # documents when span queries sit under a union (日本代表: 183 of 293).
    matches = score_all(searcher, compiled.query)
    if compiled.published is not None:
        matches = _published_within(searcher, matches, compiled.published)
    if (required or excluded) and matches:
        matches = [
            item
            for item in matches
            if all(_holds(searcher, item[0], word) for word in required)
            and not any(_holds(searcher, item[0], word) for word in excluded)
        ]
    return compiled, matches


SymbolWord = tuple[str, tuple[str, ...]]
"""A symbol-ended word and the fields to find it in."""


def _symbol_words(parsed: ParsedQuery) -> list[SymbolWord]:
    """The symbol-ended words every hit must hold: those of the plain positive clauses
    (an OR's alternatives are searched as the analyzer reads them)."""
    found: list[SymbolWord] = []
    for group in parsed.groups:
        words = symbol_words(group)
        clause = group.alternatives[0] if words else None
        if isinstance(clause, Words):
            found.extend((word, clause.fields) for word in words)
    return found


def _negated_symbol_words(parsed: ParsedQuery) -> tuple[list[SymbolWord], list[Group]]:
    """The words of the groups that exclude a symbol-ended word alone (-google+, NOT c#),
    and the other groups."""
    excluded: list[SymbolWord] = []
    kept: list[Group] = []
    for group in parsed.groups:
        clause = group.alternatives[0] if len(group.alternatives) == 1 else None
        if group.negated and isinstance(clause, Words):
            text = unicodedata.normalize("NFKC", clause.text).lower().strip()
            if SYMBOL_WORD.fullmatch(text):
                excluded.append((text, clause.fields))
                continue
        kept.append(group)
    return excluded, kept


def _holds(searcher: Any, docnum: int, word: SymbolWord) -> bool:
    """Whether the document holds `word` as written in one of its fields (any case or
    width, as a whole word: c# is not in abc#). Remembered per reader: typing on
    (google+ a, google+ an) asks again about the same documents."""
    answers = _holders.get_or_make(searcher.reader(), word, dict)
    found = answers.get(docnum)
    if found is None:
        pattern = _written(word[0])
        stored = searcher.stored_fields(docnum)
        symbols = _SYMBOLS_READ_AS[word[0][-1]]
        found = answers[docnum] = any(
            pattern.search(_as_searched(text)) is not None
            for text in (str(stored.get(name) or "") for name in word[1])
            if any(symbol in text for symbol in symbols)  # most hold none: no NFKC
        )
    return found


_SYMBOLS_READ_AS = {"+": "+＋﹢⁺₊\ufb29", "#": "#＃﹟"}
"""The characters NFKC reads as + and as #."""


def _as_searched(text: str) -> str:
    """`text` as a symbol-ended word is matched in: NFKC (Ｇｏｏｇｌｅ＋, ｸﾞｰｸﾞﾙ＋), lower case."""
    return unicodedata.normalize("NFKC", text).lower()


HOLDERS_CACHE = 32
_holders: ReaderCache[SymbolWord, dict[int, bool]] = ReaderCache(lambda: HOLDERS_CACHE)


@functools.lru_cache(maxsize=64)
def _written(word: str) -> re.Pattern[str]:
    """`word` (NFKC, lower case) as a whole word of its script in a text `_as_searched`:
    c# is not in abc#, nor グーグル+ in ハイグーグル+; it is in 米グーグル+."""
    chars = next(chars for chars, letters in SYMBOL_SCRIPTS if re.search(f"[{letters}]", word))
    return re.compile(f"(?<![{chars}]){re.escape(word)}(?![{chars}+#])")


@functools.lru_cache(maxsize=64)
def _written_normal(word: str) -> re.Pattern[str]:
    """`_written`, in a text as `normalize` gives it (its offsets map back to the text
    as written): the word in normal form, any case."""
    return re.compile(_written(normal_form(word)).pattern, re.IGNORECASE)


def _written_in(text: str, words: Sequence[str]) -> Ranges:
    """[start, end) of each of the symbol-ended `words` where `text` writes it (as
    `_holds` finds it: any width or case, as a whole word), symbols and all."""
    if not any(symbol in text for word in words for symbol in _SYMBOLS_READ_AS[word[-1]]):
        return []
    normal, offsets = normalize(text)
    found: Ranges = []
    for word in words:
        for match in _written_normal(word).finditer(normal):
            start, end = match.span()
            if offsets is not None:
                start, end = offsets.start(start), offsets.end(end)
            found.append((start, end))
    return found


def _as_written(ranges: Ranges, text: str, words: Sequence[str]) -> Ranges:
    """The marks in `text` of a clause whose hits must hold symbol-ended `words`
    (`symbol_words`), from `ranges`, where its terms stand (the index holds グーグル for
    グーグル＋, no ＋): where a word is written, the whole of it, its symbols too (a range
    that meets it widened over it: a phrase running on past it stays whole). A range
    meeting none is no match of the clause (グーグル in グーグルで) and is left out."""
    written = _written_in(text, words)
    marks: Ranges = []
    met: set[tuple[int, int]] = set()
    for start, end in ranges:
        meeting = [(a, b) for a, b in written if a < end and start < b]
        if meeting:
            met.update(meeting)
            marks.append((min(start, *(a for a, _ in meeting)), max(end, *(b for _, b in meeting))))
    return marks + [occurrence for occurrence in written if occurrence not in met]


# Backspacing and retyping ask for pages just shown: the last results of each open
# reader are kept (a new commit opens a new reader, so nothing stale is served).
RECENT_RESULTS = 64
_recent_results: ReaderCache[tuple[str, bool, int, str], SearchResult] = ReaderCache(
    lambda: RECENT_RESULTS
)

# A longer page of the same query (the list scrolled near its end, `G`) keeps the hits
# drawn for the shorter one: only the new hits cost their stored fields, match ranges
# and snippet (~0.3 ms each over ldcc), so the reader can list a first screenful fast
# and page on. Kept for a few queries per open reader, up to their longest page.
HIT_QUERIES = 8
_drawn_hits: ReaderCache[tuple[str, bool, str], dict[int, Hit]] = ReaderCache(lambda: HIT_QUERIES)


def _search(
    searcher: Any,
    query: str,
    *,
    live: bool,
    limit: int,
    sort: Literal["relevance", "date"],
) -> SearchResult:
    parsed = parse(query, live=live)
    compiled, matches = _matches(searcher, parsed)
    ranked = any(parsed.positive_words())
    if sort == "relevance" and not ranked:
        sort = "date"  # filters only: every hit scores alike, and the newest come first
    if sort == "date":
        page = _newest_first(searcher, matches, limit)
    else:
        page = heapq.nsmallest(limit, matches, key=by_relevance)
    readings = _readings(parsed) + compiled.reading_variants
    # Words learnt from readings are looked for in every hit of the page: a hit's marks
    # depend on the others', so those pages are drawn whole each time.
    drawn: dict[int, Hit] = {}
    if not readings:  # the hits of the query drawn for this reader so far, by docnum
        drawn = _drawn_hits.get_or_make(searcher.reader(), (query, live, sort), dict)
    stored_page = {
        docnum: searcher.stored_fields(docnum) for docnum, _ in page if docnum not in drawn
    }
    highlights = compiled.highlights
    skipped: list[int] = []
    budget = READING_BUDGET_LIVE if live else READING_BUDGET
    if readings:
        learnt, skipped = _reading_highlights(stored_page, readings, budget=budget)
        highlights = highlights + learnt
    found = _spans(searcher, highlights, stored_page)
    # A hit skipped for a learnt word in its text that is no term there (inside a longer word)
    unmarked = {
        d: stored_page[d] for d in skipped if not any(f in found[d] for f in SNIPPET_FIELDS)
    }
    if unmarked:
        more, _ = _reading_highlights(unmarked, readings, every=True, budget=budget)
        for docnum, by_field in _spans(searcher, more, unmarked).items():
            for fieldname, ranges in by_field.items():
                found[docnum][fieldname].extend(ranges)
    hits = []
    for docnum, score in page:
        hit = drawn.get(docnum)
        if hit is None:
            stored = stored_page[docnum]
            by_field = found.get(docnum, {})
            hit = Hit(
                article=summary_from_stored(stored),
                score=score,
                snippet=_snippet(stored, by_field),
                matches=tuple(_document_ranges(stored, by_field)),
            )
            if not readings:
                drawn[docnum] = hit
        hits.append(hit)
    return SearchResult(
        query,
        len(matches),
        tuple(hits),
        exact_total=not compiled.capped,
        total_at_least=compiled.at_least,
        sort=sort,
        ranked=ranked,
        ignored=parsed.ignored,
        apart=() if matches else _found_apart(searcher, parsed),
        readings=None if matches else _readings_finding(searcher, parsed),
    )


_RUN_TOGETHER = re.compile(rf"[^\s{HIRAGANA}]*[{KANJI}][^\s{HIRAGANA}]*")
"""A word that may be several typed without spaces: no hiragana (新しく足した is a verb
with its okurigana, words that spaces would not find apart), a kanji in it."""

_HIRAGANA_WORD = re.compile(f"[{HIRAGANA}]+")
_NAME_JOINERS = frozenset("・=＝")
_MERGES_TRIED = 6
"""Words apart at most for which runs of them are tried whole (東京|都|知事 as 東京都知事):
a search each, when nothing was found."""


def _found_apart(searcher: Any, parsed: ParsedQuery) -> tuple[str, ...]:
    """The words of a query that is one run of words typed together (量子暗号, 量子コンピュータ
    暗号, 東京で食べた), which found nothing, when they are all found apart; else ()."""
    if len(parsed.groups) != 1 or parsed.groups[0].negated:
        return ()
    alternatives = parsed.groups[0].alternatives
    words = alternatives[0] if len(alternatives) == 1 else None
    if not isinstance(words, Words):
        return ()
    segments, particles = _word_runs(words)
    # Without a particle between them, kana in it are okurigana (新しく足した): a phrase.
    if not particles and not _RUN_TOGETHER.fullmatch(words.text):
        return ()
    units = tuple(unit for segment in segments for unit in segment)
    if len(units) < 2 or not _finds_apart(searcher, units):
        return ()
    return _merged(searcher, segments, words.text) if len(units) <= _MERGES_TRIED else units


def _word_runs(words: Words) -> tuple[list[list[str]], bool]:
    """The words of `words` as a reader sees them, in runs between particles (東京|で|
    食べた: [[東京], [食べた]]), and whether a particle stood between them. A word keeps
    its okurigana and auxiliaries (食べ|た), a run of katakana (スカイ|ツリー), a family and
    given name (本田|圭佑) and a name written with ・ whole."""
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
                    (KATAKANA_WORD.fullmatch(m.surface) and KATAKANA_WORD.fullmatch(last.surface))
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


def _merged(searcher: Any, segments: list[list[str]], whole: str) -> tuple[str, ...]:
    """The words of `segments`, found apart, with each longest run of them that is
    found whole, the others still apart, joined (東京|都|知事|選挙: 東京都 知事 選挙,
    where 東京都知事 選挙 finds nothing); the query `whole` found nothing."""
    parts: list[str] = []
    for n, segment in enumerate(segments):
        rest = [unit for later in segments[n + 1 :] for unit in later]
        i = 0
        while i < len(segment):
            j = len(segment)
            while j > i + 1:
                run = "".join(segment[i:j])
                if run != whole and _finds_apart(searcher, (*parts, run, *segment[j:], *rest)):
                    break
                j -= 1
            parts.append("".join(segment[i:j]) if j > i + 1 else segment[i])
            i = max(j, i + 1)
    return tuple(parts)


def _finds_apart(searcher: Any, parts: tuple[str, ...]) -> bool:
    """Whether `parts`, typed with spaces between them, finds something, each part a word
    of its own."""
    try:
        apart = parse(" ".join(parts))
    except QueryError:
        return False
    # Each part a word of its own, as typed: not read as an operator (東京NOT大阪 is no
    # 東京 NOT 大阪, which leaves 大阪 out; 東京OR大阪 no OR).
    plain = len(apart.groups) == len(parts) and all(
        not group.negated and len(group.alternatives) == 1 for group in apart.groups
    )
    try:
        return plain and apart.ignored == () and bool(_matches(searcher, apart)[1])
    except QueryError:
        return False


_READ_BY_KANA = re.compile(f"[{KANJI}\u30a1-\u30fa]")
"""A kanji or katakana: a word holding one may be found otherwise by its reading."""


def _readings_finding(searcher: Any, parsed: ParsedQuery) -> tuple[str, ...] | None:
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
        found = _matches(searcher, ParsedQuery(parsed.text, groups))[1]
    except QueryError:
        return None
    return tuple(dict.fromkeys(readings)) if found else ()


# Whoosh's value for "no date" in a sortable DATETIME column (it would sort first).
_NO_DATE = 2**64 - 1


def _published_within(
    searcher: Any, matches: list[tuple[int, float]], bounds: DateRange
) -> list[tuple[int, float]]:
    """The hits dated within `bounds` (start included, end excluded); undated ones never are."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return []
    column = reader.column_reader("published", translate=False)
    low = datetime_to_long(bounds.start) if bounds.start is not None else None
    high = datetime_to_long(bounds.end) if bounds.end is not None else None
    kept = []
    for item in matches:
        value = column[item[0]]
        if value is None or value == _NO_DATE:
            continue
        if (low is None or value >= low) and (high is None or value < high):
            kept.append(item)
    return kept


def _newest_first(
    searcher: Any, matches: list[tuple[int, float]], limit: int
) -> list[tuple[int, float]]:
    """The first `limit` by date, newest first, undated articles last; relevance breaks ties."""
    reader = searcher.reader()
    if not reader.has_column("published"):
        return heapq.nsmallest(limit, matches, key=by_relevance)
    column = reader.column_reader("published", translate=False)

    def when(item: tuple[int, float]) -> tuple[int, float, int]:
        value = column[item[0]]
        return (-1 if value is None or value == _NO_DATE else int(value), item[1], -item[0])

    return heapq.nlargest(limit, matches, key=when)


# A line heading links to the outlet's other articles (■関連記事, 【関連記事】): what
# follows are their titles, the week's, the same lines in many articles (in ldcc 87% of
# those under ■関連記事 stand in three articles or more). ■関連リンク and 【関連情報】
# stay: their links are mostly the article's own sources (press releases, sites), on
# its subject; left out, an エスマックス piece on 富士通 lost its best match.
_RELATED_LINKS_HEADING = re.compile(r"\W{0,2}\s*関連記事\s*\W{0,2}")
RELATED_TERMS = 12
RELATED_CANDIDATES = 5
"""How many times `limit` articles are weighed again on their own words."""


def own_words_end(body: str) -> int:
    """Where the links to other articles under a 関連記事 heading start in `body` (its
    length when it has none): the line heading them and all after."""
    offset = 0
    for line in body.split("\n"):
        if _RELATED_LINKS_HEADING.fullmatch(line.strip()):
            return offset
        offset += len(line) + 1
    return len(body)


def related(searcher: Any, article_id: str, *, limit: int = 10) -> list[Hit]:
    """Articles most like `article_id` by the key terms of its body; [] when it is not
    indexed.

    The links an outlet lists under a 関連記事 heading (the week's titles, the same in
    many of its articles) count on neither side: the key terms come from the body
    above them, and the articles found are weighed again on their terms written above
    their own. Else the week's pieces listing each other's titles were most alike.
    """
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    stored = searcher.stored_fields(docnum)
    body = str(stored.get("body") or "")
    body = body[: own_words_end(body)].strip()
    fieldname, text = ("body", body) if body else ("title", str(stored.get("title") or ""))
    if not text:
        return []
    terms = searcher.key_terms_from_text(fieldname, text, numterms=RELATED_TERMS)
    if not terms:
        return []
    query = wq.Or([wq.Term(fieldname, word, boost=weight) for word, weight in terms])
    found = searcher.search(query, limit=limit * RELATED_CANDIDATES, mask={docnum})
    scored = [(hit.docnum, float(hit.score or 0.0)) for hit in found]
    if fieldname == "body":
        scored = _on_own_words(searcher, dict(terms), [docnum for docnum, _ in scored])
    return [
        Hit(article=summary_from_stored(searcher.stored_fields(docnum)), score=score)
        for docnum, score in heapq.nsmallest(limit, scored, key=by_relevance)
    ]


def _on_own_words(
    searcher: Any, weights: Mapping[str, float], docnums: Sequence[int]
) -> list[tuple[int, float]]:
    """BM25 scores of `docnums` for the weighted body terms, counting only the terms
    written above a document's own 関連記事 links; a document with none there is out."""
    ends = {
        docnum: own_words_end(searcher.stored_fields(docnum).get("body") or "")
        for docnum in docnums
    }
    b, k1 = bm25_parameters(searcher.weighting, "body")  # as index.scoring's scores
    avgfl = searcher.avg_field_length("body") or 1
    idf = {word: searcher.idf("body", word) for word in weights}
    scores: dict[int, float] = defaultdict(float)
    needed = [("body", word) for word in weights]
    for subsearcher, offset in searcher.leaf_searchers():
        size = subsearcher.doc_count_all()
        local = sorted(d - offset for d in docnums if offset <= d < offset + size)
        if not local:
            continue
        for (_, word), where in _characters(subsearcher, needed, local).items():
            for docnum, occurrences in where.items():
                whole = docnum + offset
                tf = sum(1 for _, start, _ in occurrences if start < ends[whole])
                if tf:
                    length = searcher.doc_field_length(whole, "body", 1)
                    scores[whole] += weights[word] * bm25(idf[word], tf, length, avgfl, b, k1)
    return list(scores.items())


# -- spans from the postings ----------------------------------------------------------


def _spans(
    searcher: Any, highlights: Sequence[Highlight], stored: Mapping[int, Mapping[str, Any]]
) -> dict[int, dict[str, Ranges]]:
    """{docnum: {field: [(start, end) in the field's text]}} for the given documents
    (their stored fields).

    Each term's postings are read once per segment, skipping straight to the
    page's hits; a highlight's slots must then stand at their offsets. A highlight of
    words ending in symbols marks them as written (`_as_written`).
    """
    found: dict[int, dict[str, Ranges]] = defaultdict(lambda: defaultdict(list))
    wanted = sorted(set(stored))
    if not wanted or not highlights:
        return found
    needed = sorted({(h.field, term) for h in highlights for _, terms in h.slots for term in terms})
    for subsearcher, offset in searcher.leaf_searchers():
        size = subsearcher.doc_count_all()
        local = [d - offset for d in wanted if offset <= d < offset + size]
        if not local:
            continue
        chars = _characters(subsearcher, needed, local)
        for docnum in local:
            ranges_of = found[docnum + offset]
            for highlight in highlights:
                ranges = _highlight_ranges(highlight, chars, docnum)
                if highlight.written:
                    text = str(stored[docnum + offset].get(highlight.field) or "")
                    ranges = _as_written(ranges, text, highlight.written)
                if ranges:
                    ranges_of[highlight.field].extend(ranges)
    return found


# {(field, term): {docnum: [(position, startchar, endchar), ...]}}
_Characters = dict[tuple[str, str], dict[int, list[tuple[int, int, int]]]]
# (first position, last position, startchar, endchar): Whoosh's Span
_Span = tuple[int, int, int, int]


def _characters(
    searcher: Any, needed: Sequence[tuple[str, str]], local: Sequence[int]
) -> _Characters:
    """Positions and characters of each needed term in the given (ascending) documents
    of one segment. A term the search just scored is read only in the documents
    it is known to be in (each one's posting block is decoded whole)."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    chars: _Characters = {}
    for fieldname, term in needed:
        known = term_documents(searcher, fieldname, term)
        wanted = local if known is None else [d for d in local if d in known]
        if not wanted:
            continue
        postings = Postings(reader, fieldname, term, top)
        if not postings:
            continue
        per_doc: dict[int, list[tuple[int, int, int]]] = {}
        for docnum in wanted:
            found = postings.value(docnum, "characters")
            if found is not None:
                per_doc[docnum] = list(found)
        chars[(fieldname, term)] = per_doc
    return chars


def _slot_spans(
    fieldname: str, terms: Sequence[str], chars: _Characters, docnum: int
) -> list[_Span]:
    """Where any of `terms` stands; with several terms, touching ones run together
    (as Whoosh's SpanOr reported them: iPhone 4S is one highlight, not two)."""
    spans = sorted(
        (pos, pos, start, end)
        for term in terms
        for pos, start, end in chars.get((fieldname, term), {}).get(docnum, ())
    )
    if len(terms) < 2 or len(spans) < 2:
        return spans
    merged = [spans[0]]
    for first, last, start, end in spans[1:]:
        here = merged[-1]
        if first <= here[1] + 1:
            merged[-1] = (here[0], max(here[1], last), min(here[2], start), max(here[3], end))
        else:
            merged.append((first, last, start, end))
    return merged


def _highlight_ranges(highlight: Highlight, chars: _Characters, docnum: int) -> Ranges:
    """Where the slots of `highlight` follow each other at their offsets: character ranges."""
    (previous_offset, terms), rest = highlight.slots[0], highlight.slots[1:]
    current = _slot_spans(highlight.field, terms, chars, docnum)
    for offset, terms in rest:
        if not current:
            return []
        gap = offset - previous_offset
        previous_offset = offset
        following: dict[int, list[_Span]] = defaultdict(list)
        for span in _slot_spans(highlight.field, terms, chars, docnum):
            following[span[0]].append(span)
        joined = set()
        for first, last, start, end in current:
            for _, b_last, b_start, b_end in following.get(last + gap, ()):
                joined.add((first, b_last, min(start, b_start), max(end, b_end)))
        current = sorted(joined)
    return [(start, end) for _, _, start, end in current]


# -- readings (no positions in the index: the page's hits are read again) ---------------


def _readings(parsed: ParsedQuery) -> list[tuple[str, bool]]:
    """(reading, unfinished) of each hiragana word searched by reading (とうきょう)."""
    return [
        (words.reading, words.unfinished)
        for words in parsed.positive_words()
        if words.reading is not None and "body" in words.fields
    ]


# Characters a page's hits may be read again for readings: a hit whose reading
# matched no single word (ていせん as てい + せん anywhere) is read to its end for
# nothing, and twenty such hits cost ~100 ms.
READING_BUDGET = 3000
READING_BUDGET_LIVE = 1000
"""As-you-type, where each keystroke's page is replaced by the next."""


def _reading_highlights(
    page: Mapping[int, Mapping[str, Any]],
    readings: Sequence[tuple[str, bool]],
    *,
    every: bool = False,
    budget: int = READING_BUDGET,
) -> tuple[list[Highlight], list[int]]:
    """The words spelling each reading (とうきょう → 東京), as content-field highlights.

    The reading field keeps no positions, and reading every hit again whole
    cost several ms per hit. The page's titles are read again, then a hit's
    text sentence by sentence until a reading matches (within `budget`
    characters for the page), only when no word learnt so far appears in it. The words
    learnt are then highlighted through the postings wherever they occur on
    the page (a further word read the same way, further down, is missed).
    `every`: read each hit regardless. Returns the highlights and the hits not read.
    """
    learner = _Learner(readings, budget)
    # titles first: short, and often holding the word
    in_title = {
        docnum for docnum, stored in page.items() if learner.read(str(stored.get("title") or ""))
    }
    skipped: list[int] = []
    # Then the texts, of the hits whose titles do not show the match first: a hit matched
    # in its title alone (震撼) was read to its end for nothing and spent the budget the
    # next hits needed (as typed, しんかん marked none of the 新刊 further down).
    for docnum, stored in sorted(page.items(), key=lambda item: item[0] in in_title):
        texts = [str(stored.get(fieldname) or "") for fieldname in SNIPPET_FIELDS]
        if not every and any(s in text for s in learner.surfaces for text in texts):
            skipped.append(docnum)
            continue
        for text in texts:  # the snippet's own match (自身 in a title, 自信 below)
            if learner.read(text):
                break
    highlights = [
        Highlight(fieldname, tuple((offset, (term,)) for offset, term in words))
        for words in sorted(learner.learned)
        for fieldname in TEXT_FIELDS
    ]
    return highlights, skipped


class _Learner:
    """Words that spell the readings, learnt from hits' text (terms at their
    relative positions, and as written)."""

    def __init__(self, readings: Sequence[tuple[str, bool]], budget: int) -> None:
        self.readings = readings
        self.learned: set[tuple[tuple[int, str], ...]] = set()
        self.surfaces: set[str] = set()
        self.budget = [budget]

    def read(self, text: str) -> bool:
        """Read `text` up to its first sentence spelling a reading; whether one did.

        Sentence by sentence (`sentences_within`): only the words are kept (no offsets).
        """
        for sentence, found in sentences_within(text, self.budget):
            runs = [
                run
                for reading, unfinished in self.readings
                for run in _reading_runs(reading, found, prefix=unfinished)
            ]
            for first, last in runs:
                words = [m for m in found[first : last + 1] if not m.stop]
                if words:
                    self.learned.add(tuple((m.pos - words[0].pos, m.folded) for m in words))
                    self.surfaces.add(sentence[found[first].start : found[last].end])
            if runs:
                return True
        return False


def _merge(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: Ranges = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _document_ranges(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Ranges:
    layout = layout_of(stored)
    ranges: Ranges = []
    for fieldname, field_ranges in by_field.items():
        lines = layout.get(fieldname)
        if not lines:
            continue
        starts = [line[0] for line in lines]
        for start, end in field_ranges:
            index = bisect.bisect_right(starts, start) - 1
            if index < 0:
                continue
            field_start, document_start, length = lines[index]
            end = min(end, field_start + length)
            ranges.append(
                (document_start + start - field_start, document_start + end - field_start)
            )
    return _merge(ranges)


def _snippet(stored: Mapping[str, Any], by_field: Mapping[str, Ranges]) -> Snippet:
    for fieldname in SNIPPET_FIELDS:
        ranges = by_field.get(fieldname)
        text = stored.get(fieldname)
        if ranges and text:
            return _window(str(text), _merge(ranges))
    for fieldname in SNIPPET_FIELDS:
        text = stored.get(fieldname)
        if text:
            return _window(str(text), [])
    return ()


def _window(text: str, ranges: Ranges) -> Snippet:
    """About SNIPPET_CHARS of the line holding the first match, matches marked."""
    first = ranges[0][0] if ranges else 0
    line_start = text.rfind("\n", 0, first) + 1
    line_end = text.find("\n", first)
    if line_end < 0:
        line_end = len(text)
    start = max(line_start, first - SNIPPET_LEAD_IN)
    end = min(line_end, start + SNIPPET_CHARS)
    segments: list[tuple[str, bool]] = []
    if start > line_start:
        segments.append(("…", False))
    cursor = start
    for match_start, match_end in ranges:
        if match_end <= start or match_start >= end:
            continue
        match_start, match_end = max(match_start, start), min(match_end, end)
        if match_start > cursor:
            segments.append((text[cursor:match_start], False))
        segments.append((text[match_start:match_end], True))
        cursor = match_end
    if cursor < end:
        segments.append((text[cursor:end], False))
    if end < line_end:
        segments.append(("…", False))
    return _ellipses_touching(segments)


def _ellipses_touching(segments: list[tuple[str, bool]]) -> Snippet:
    """`segments` without the spaces between an ellipsis and the text it cuts: a window
    cut at a space began "… の2日間限定で"."""
    if len(segments) > 1 and segments[0][0] == "…" and not segments[1][1]:
        segments[1] = (segments[1][0].lstrip(), False)
    if len(segments) > 1 and segments[-1][0] == "…" and not segments[-2][1]:
        segments[-2] = (segments[-2][0].rstrip(), False)
    return tuple(segment for segment in segments if segment[0])


# -- match ranges by re-analysis ----------------------------------------------------------


def match_ranges(
    query: str,
    document_text: str,
    *,
    within: Sequence[tuple[int, int]] | None = None,
    read_on: Collection[tuple[str, str]] = (),
) -> list[tuple[int, int]]:
    """[start, end) of every match of `query` in an article's document text; with
    `within` ([start, end) spans in document order), of those starting in one of them.

    For the reading view (jump between hits): re-analyses the text, so it needs
    no index. A query as-you-type accepted (an open quote) is read the same way;
    one that is malformed even so matches nothing (search() reports the error).
    `read_on`: the longer words the search read a finished reading's last word on into,
    with the word before (`read_on_words`: 消費, 税込み for しょうひぜい), marked where
    they stand together; the index alone tells which those are.
    """
    parsed = _parsed_leniently(query)
    if parsed is None:
        return []
    found = morphemes(document_text)
    title_end = document_text.find("\n")
    if title_end < 0:
        title_end = len(document_text)
    by_term = _positions_by_term(found)
    ranges: Ranges = []
    for group in parsed.groups:
        if group.negated:
            continue
        written = symbol_words(group)  # marked as written, as search() marks them
        for words in group.alternatives:
            if isinstance(words, Words):
                end = title_end if words.fields == ("title",) else len(document_text)
                ranges += _words_ranges(words, written, document_text, found, by_term, end)
    for words in parsed.named():  # person:本田: where the name is written
        ranges.extend(_phrase_ranges(words, found, by_term, typed=False))
    ranges.extend(_read_on_ranges(read_on, found, by_term))
    merged = _merge(ranges)
    return merged if within is None else _starting_within(merged, within)


def _parsed_leniently(query: str) -> ParsedQuery | None:
    """`query` parsed, or as as-you-type accepted it (a quote still open: it still
    highlights); None when it is malformed even so (search() reports the error)."""
    try:
        return parse(query)
    except QueryError:
        try:
            return parse(query, live=True)
        except QueryError:
            return None


def _positions_by_term(found: Sequence[Any]) -> dict[str, list[int]]:
    """The indexes in `found` of each term its words are searched by (particles left out)."""
    by_term: dict[str, list[int]] = defaultdict(list)
    for index, morpheme in enumerate(found):
        if not morpheme.stop:
            by_term[fold_kana(morpheme.term)].append(index)
    return by_term


def _words_ranges(
    words: Words,
    written: Sequence[str],
    document_text: str,
    found: Sequence[Any],
    by_term: Mapping[str, list[int]],
    end: int,
) -> Ranges:
    """The ranges of a clause of `words` in `document_text` (analysed as `found`): as
    read (a hiragana word, and its reading variant as search() tried it), and its phrase
    as written, ending by `end` (the title's end for title:), unless search() left the
    phrase out; over words ending in symbols, `written`, where they are written."""
    read: Ranges = []
    if words.reading is not None:
        # にっぽん for にほん, as search tried it: a word read so in this text is
        # one the index knows.
        variant = reading_variant(words.reading, lambda _: True)
        for reading in (words.reading, *([variant] if variant is not None else [])):
            read += _reading_ranges(reading, found)
    phrase: Ranges = []
    if not (read and spelled_in_part(words)):  # as the search leaves it out
        phrase = _phrase_ranges(words, found, by_term)
    if written:
        marks = _as_written(read + phrase, document_text, written)
        return [r for r in marks if r[1] <= end]
    return read + [r for r in phrase if r[1] <= end]


def _starting_within(ranges: Ranges, within: Sequence[tuple[int, int]]) -> Ranges:
    """Those of `ranges` starting in one of `within` ([start, end) spans in order)."""
    starts = [start for start, _ in within]
    kept = []
    for match in ranges:
        at = bisect.bisect_right(starts, match[0]) - 1
        if at >= 0 and match[0] < within[at][1]:
            kept.append(match)
    return kept


def read_on_words(searcher: Any, query: str) -> tuple[tuple[str, str], ...]:
    """The longer words the search of `query` reads a finished reading's last word on
    into (`Compiled.read_on`), for `match_ranges` to mark as the list does: learnt from
    the index once per reader (`index.read_on.longer_words`), so asking again
    costs a compile of the query, and nothing for a query holding no finished reading."""
    try:
        parsed = parse(query)
    except QueryError:
        try:
            parsed = parse(query, live=True)
        except QueryError:
            return ()
    if not any(
        words.reading is not None and not words.unfinished for words in parsed.positive_words()
    ):
        return ()
    try:
        return compile_query(parsed, searcher.reader()).read_on
    except QueryError:
        return ()


def _read_on_ranges(
    read_on: Collection[tuple[str, str]], found: Sequence[Any], by_term: Mapping[str, list[int]]
) -> Ranges:
    """Where the words of each pair of `read_on` stand together (消費|税込み), as the
    search's highlights of them mark them (index.compiler `read_on_shown`)."""
    ranges: Ranges = []
    for first, second in read_on:
        for index in by_term.get(first, ()):
            following = found[index + 1] if index + 1 < len(found) else None
            if (
                following is not None
                and not following.stop
                and following.pos == found[index].pos + 1
                and fold_kana(following.term) == second
            ):
                ranges.append((found[index].start, following.end))
    return ranges


def _phrase_ranges(
    words: Words, found: Sequence[Any], by_term: Mapping[str, list[int]], *, typed: bool = True
) -> Ranges:
    """Where the phrase of `words` stands in `found`; `typed` (not a name a filter
    gives), its last word also where the text reads a longer word it begins."""
    content = words.content
    if not content:
        return []
    first_pos = content[0].pos
    wanted = [(m.pos - first_pos, fold_kana(m.term)) for m in content]
    # As the index finds it (index.compiler word_ends): 消費|税込み for 消費税.
    open_end = typed and len(content) > 1 and 0 < content[-1].pos - content[-2].pos <= MAX_PAIR_GAP
    last_delta, last_term = wanted[-1]
    ranges: Ranges = []
    for index in by_term.get(wanted[0][1], []):
        last = index + last_delta
        if last >= len(found):
            continue
        if all(
            not found[index + delta].stop and fold_kana(found[index + delta].term) == term
            for delta, term in wanted[1:-1]
        ) and (
            len(wanted) == 1
            or _ends_phrase(found[last], last_term, content[-1].reading if open_end else None)
        ):
            ranges.append((found[index].start, found[last].end))
    return ranges


def _ends_phrase(morpheme: Any, last: str, reading: str | None) -> bool:
    """Whether `morpheme` of a text stands for a phrase's `last` word: it, or with a
    `reading` (the last word's, its phrase several words) a longer word it ends in."""
    if morpheme.stop:
        return False
    term = fold_kana(morpheme.term)
    return term == last or (reading is not None and ends_word_in(last, term, reading))


def _reading_ranges(reading: str, found: Sequence[Any], *, prefix: bool = False) -> Ranges:
    """Runs of consecutive words whose readings spell `reading` (ていせん → 停戦)."""
    return [
        (found[first].start, found[last].end)
        for first, last in _reading_runs(reading, found, prefix=prefix)
    ]


def _reading_runs(
    reading: str, found: Sequence[Any], *, prefix: bool = False
) -> list[tuple[int, int]]:
    """(first, last) indexes of the runs of words whose readings spell `reading`, a word
    read several ways spelling it in any (`Morpheme.variants`: 日本 にほん, にっぽん; a
    noun voiced after another, 株式会社 かぶしきがいしゃ), a joined word's second token
    (杯 of W杯) read with the first.

    With `prefix` (a reading still being typed) the run's last word may read on
    past it (とうきょ → 東京).
    """
    runs: list[tuple[int, int]] = []
    for index, morpheme in enumerate(found):
        if morpheme.stop or morpheme.joined or not morpheme.reading:
            continue
        if not any(
            reading.startswith(own) or (prefix and own.startswith(reading))
            for own in (morpheme.reading, *morpheme.variants)
        ):
            continue
        last = _spelled_to(reading, found, index, "", prefix)
        if last is not None:
            while last + 1 < len(found) and found[last + 1].joined and not found[last + 1].stop:
                last += 1
            runs.append((index, last))
    return runs


def _spelled_to(
    reading: str, found: Sequence[Any], at: int, spelled: str, prefix: bool
) -> int | None:
    """The index of the last word of a run from `found[at]` that spells `reading` after
    `spelled`, or None."""
    morpheme = found[at]
    readings = (morpheme.reading, *morpheme.variants)
    if spelled and morpheme.voiced:  # after another word of the run: 株式|会社 がいしゃ
        readings = (*readings, morpheme.voiced)
    for own in readings:
        so_far = spelled + own
        if so_far == reading or (prefix and so_far.startswith(reading)):
            return at
        if not reading.startswith(so_far):
            continue
        following = at + 1
        while following < len(found) and found[following].joined:
            following += 1
        if following < len(found) and found[following].reading:
            last = _spelled_to(reading, found, following, so_far, prefix)
            if last is not None:
                return last
    return None
