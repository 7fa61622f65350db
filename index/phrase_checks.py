"""Which documents of a segment hold a phrase, as the scorer (`index.scoring`) checks
it: a word at a time over the documents still in the running, from the positions in
the postings (`index.postings`), with stop words in the gaps where the query's
particles stood (`index.stops`).

A position-verified phrase (`VerifiedPhrase`, `index.query_classes`) is checked in
the documents its pair terms may match, found from its terms' documents alone
(`candidate_documents`, through `index.term_scores`), a slot at a time
(`phrase_holders`); the scorer then scores its pairs in those that hold it. A span
phrase (`Phrase`) is its words' scores added where each stands its gap after the one
before (`span_phrase_scores`). Where the scorer leaves a shape to Whoosh, the matchers
of `index.query_classes` check the same a document at a time.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.query import spans

from index.postings import UNREADABLE, Postings, term_info
from index.query_classes import Boosted, PhraseSlots, PrefixOr, VerifiedPhrase
from index.stops import across_stops, gaps_between, stop_column
from index.term_scores import Within, term_documents, term_ids, term_scores
from index.word_codes import WordCodes, word_code, word_codes


def candidate_documents(query: wq.Query, searcher: Any) -> AbstractSet[int] | None:
    """Documents of one segment holding what `query` must: every one it matches, maybe
    more (the terms of an AND, of an OR, without their positions or scores); None for a
    shape this cannot tell."""
    kind = type(query)
    if kind is wq.Term:
        return term_ids(searcher, query.fieldname, query.text)
    if query is wq.NullQuery:
        return frozenset()
    if isinstance(query, Boosted | VerifiedPhrase):
        return candidate_documents(query.child, searcher)
    if kind in (wq.Or, PrefixOr):
        union: set[int] = set()
        for sub in query.subqueries:
            found = candidate_documents(sub, searcher)
            if found is None:
                return None
            union.update(found)
        return union
    if kind is wq.And:
        # The parts standing in fewest postings first; a part standing in many more
        # postings than the documents left is passed over (a superset is allowed): its
        # documents cost more to read than checking the phrase in those left does.
        reader = searcher.reader()
        common: set[int] | None = None
        for postings, sub in sorted(
            ((_postings_count(sub, reader), sub) for sub in query.subqueries),
            key=lambda item: item[0],
        ):
            if common is not None and len(common) * PASSED_OVER_FROM < postings:
                break
            found = candidate_documents(sub, searcher)
            if found is None:
                continue
            if common is None:
                common = set(found)
            else:
                common.intersection_update(found)
            if not common:
                break
        return common
    return None


PASSED_OVER_FROM = 8
"""`candidate_documents` of an AND reads a part's documents only while it stands in
fewer than this many postings a document still in the running: 中継、そし as typed read
the ids of every word beginning with し (為る, 知る...) in ~20 segments' worth of blocks
for the few documents holding 中継 (CPU 62-70 -> 29-34 ms over ldcc)."""


def _postings_count(query: wq.Query, reader: Any) -> float:
    """How many postings `query`'s documents are read from in segment `reader` (its
    terms' document frequencies), infinite for a shape `candidate_documents` cannot read."""
    kind = type(query)
    if kind is wq.Term:
        info = term_info(reader, query.fieldname, query.text)
        if info is UNREADABLE:
            return math.inf
        return 0.0 if info is None else float(info[2])
    if isinstance(query, Boosted | VerifiedPhrase):
        return _postings_count(query.child, reader)
    if kind in (wq.Or, PrefixOr):
        return sum(_postings_count(sub, reader) for sub in query.subqueries)
    if kind is wq.And:
        return min((_postings_count(sub, reader) for sub in query.subqueries), default=0.0)
    return math.inf


def phrase_holders(query: VerifiedPhrase, searcher: Any, docs: Sequence[int]) -> set[int]:
    """Those of `docs` (ascending) in which one field holds every slot's terms at its
    offset (`index.query_classes._phrase_holds` of each), found a slot at a time.

    Asked a document at a time, each of a prefix's 32 terms was looked up and read in
    every candidate, though each holds a few of them (日本のさ over ldcc: ~38,000 looks
    for ~3,400 postings, ~40 ms a segment). Here a term is read only in the documents
    still in the running that the search just found it in (`term_documents`); the
    slots whose terms stand fewest times in the segment go first, so that a word
    standing everywhere (為る of した話, ~20 times an article) is read last, in the
    documents the others left, and only checked there: a document is held as soon
    as one of its places is.

    Where the field keeps its word codes (`index.word_codes`), the other slots are
    looked up by code where the first slot's terms stand, with the stop words of the
    gaps (`_coded_starts`), and read only in the documents where every code is in its
    place: ところがあ as typed read the positions of its prefix's 26 words (有る ~4,800
    of them) in each of the ~1,000 documents a segment holding 所 (~10 ms a segment)."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    held: set[int] = set()
    for fieldname in query.fieldnames:
        running = [docnum for docnum in docs if docnum not in held]
        paired = _paired(searcher, fieldname, query.slots)
        if paired is not None:
            running = [docnum for docnum in running if docnum in paired]
        if not running:
            continue
        slots = sorted(query.slots, key=lambda slot: _occurrences(reader, fieldname, slot[1]))
        last = len(slots) - 1
        starts = _slot_starts(searcher, fieldname, slots[0], running)
        codes = word_codes(reader, fieldname) if last else None
        if codes is not None:
            gaps = gaps_between(offset for offset, _ in slots)
            others = [(offset, frozenset(map(word_code, terms))) for offset, terms in slots[1:]]
            starts = _coded_starts(reader, fieldname, codes, starts, others, gaps)
        running = sorted(starts)
        for number in range(1, last + 1):
            if not running:
                break
            offset, terms = slots[number]
            shift = (-offset).__add__  # a position, as where the phrase would begin
            if number == last:  # checked only, in those not held yet
                confirmed: set[int] = set()
                for term in terms:
                    known = term_documents(searcher, fieldname, term)
                    wanted = [
                        d for d in running if d not in confirmed and (known is None or d in known)
                    ]
                    if not wanted:
                        continue
                    found = Postings(reader, fieldname, term, top).positions_in(wanted)
                    for docnum, positions in found.items():
                        if not starts[docnum].isdisjoint(
                            map(shift, positions) if offset else positions
                        ):
                            confirmed.add(docnum)
                running = sorted(confirmed)
                break
            here = _slot_starts(searcher, fieldname, slots[number], running)
            starts = {d: both for d, at in starts.items() if d in here and (both := at & here[d])}
            running = sorted(starts)
        if last and running and codes is None:
            running = _held_across_stops(
                searcher, fieldname, query.slots, starts, running, slots[-1]
            )
        held.update(running)
    return held


def _slot_starts(
    searcher: Any, fieldname: str, slot: tuple[int, Sequence[str]], running: Sequence[int]
) -> dict[int, set[int]]:
    """Where a phrase would begin in each of `running` (ascending) holding one of the
    terms of its `slot` (its offset in the phrase, its terms), from their positions."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    offset, terms = slot
    shift = (-offset).__add__
    here: dict[int, set[int]] = {}
    for term in terms:
        known = term_documents(searcher, fieldname, term)
        wanted = running if known is None else [d for d in running if d in known]
        if not wanted:
            continue
        found = Postings(reader, fieldname, term, top).positions_in(wanted)
        for docnum, positions in found.items():
            moved = set(map(shift, positions)) if offset else set(positions)
            if docnum in here:
                here[docnum] |= moved
            else:
                here[docnum] = moved
    if len(terms) > 1:  # each term's documents added in turn: in order again
        here = dict(sorted(here.items()))
    return here


def _coded_starts(
    reader: Any,
    fieldname: str,
    codes: WordCodes,
    starts: dict[int, set[int]],
    others: Sequence[tuple[int, AbstractSet[int]]],
    gaps: Sequence[int],
) -> dict[int, set[int]]:
    """Those of `starts` (the places a phrase may begin in each document of one segment,
    where one of its words stands) where the word codes (`codes`) of its `others` (each
    an offset in the phrase and the codes of the words that may stand there) are in
    place and stop words stand in its `gaps`, and the documents left with one. Two
    words may share a code: the places left are to be checked by position still."""
    column = stop_column(reader, fieldname) if gaps else None
    holds = None if column is None else column.holds
    table, firsts, lengths = codes.codes, codes.offsets, codes.lengths
    kept: dict[int, set[int]] = {}
    for docnum, places in starts.items():
        base, count = firsts[docnum] >> 1, lengths[docnum] >> 1
        for offset, wanted in others:  # a place past the codes kept holds no word
            places = {
                start
                for start in places
                if 0 <= (at := start + offset) < count and table[base + at] in wanted
            }
            if not places:
                break
        else:
            if holds is not None:
                places = {start for start in places if holds(docnum, start, gaps)}
            if places:
                kept[docnum] = places
    return kept


def _held_across_stops(
    searcher: Any,
    fieldname: str,
    slots: PhraseSlots,
    starts: dict[int, set[int]],
    running: list[int],
    checked: tuple[int, Sequence[str]],
) -> list[int]:
    """Those of `running`, the documents of one segment holding the phrase of `slots` at
    one of their `starts` at least (its words but the slot `checked` last in place), in
    which stop words stand in the phrase's gaps (`index.stops`): 東京の大学 is not in
    東京工業大学. Checked once the phrase is found: before its last slot, ところがあ and
    した話 as typed were checked in 1,000-1,600 documents a segment (2-5 ms), after it
    in 50-100. Where some of a document's `starts` hold stop words and some do not, the
    last slot is read again in it."""
    gaps = gaps_between(offset for offset, _ in slots)
    reader = searcher.reader()
    column = stop_column(reader, fieldname) if gaps else None
    if column is None:
        return running
    holds = column.holds
    kept: list[int] = []
    unsure: dict[int, set[int]] = {}
    for docnum in running:
        at = starts[docnum]
        here = {start for start in at if holds(docnum, start, gaps)}
        if len(here) == len(at):
            kept.append(docnum)
        elif here:
            unsure[docnum] = here
    if unsure:
        offset, terms = checked
        top = searcher.get_parent().reader()
        wanted = sorted(unsure)
        for term in terms:
            for docnum, positions in (
                Postings(reader, fieldname, term, top).positions_in(wanted).items()
            ):
                places = unsure.get(docnum)
                if places is not None and not places.isdisjoint(p - offset for p in positions):
                    kept.append(docnum)
                    del unsure[docnum]
    return sorted(kept)


PAIRED_KEYS = 4
"""Two slots side by side are looked for in the `pairs` field when they make this many
pairs at most (`_paired`)."""


def _paired(searcher: Any, fieldname: str, slots: PhraseSlots) -> AbstractSet[int] | None:
    """The documents of one segment holding, for each two slots of a phrase side by side
    (日本|人 of 日本人がお), one of their pairs in the `pairs` field, which pairs every
    two words of the content fields standing side by side (index.analysis.PairFilter):
    every document where they stand so in `fieldname`, and more. None when no two
    slots are checked so (nor the field paired).

    The check by position read 日本 and 人 in each of ~840 documents a segment holding
    them and a word お begins; ~190 hold the pair."""
    from index.analysis import MAX_PAIR_GAP, pair_key
    from index.schema import TEXT_FIELDS

    if fieldname not in TEXT_FIELDS or "pairs" not in searcher.schema or MAX_PAIR_GAP < 1:
        return None
    found: set[int] | None = None
    for (offset, terms), (after, following) in itertools.pairwise(sorted(slots)):
        if after - offset != 1 or len(terms) * len(following) > PAIRED_KEYS:
            continue
        docs: set[int] = set()
        for first in terms:
            for second in following:
                docs.update(term_ids(searcher, "pairs", pair_key(first, second)))
        found = docs if found is None else found & docs
    return found


def _occurrences(reader: Any, fieldname: str, terms: Sequence[str]) -> float:
    """How many times `terms` stand in all in the field of segment `reader` (from their
    term infos), or 0 where that cannot be read."""
    total = 0.0
    for term in terms:
        info = term_info(reader, fieldname, term)
        if info is not None and info is not UNREADABLE:
            total += info[3]
    return total


def span_phrase_scores(
    query: spans.SpanNear2, searcher: Any, within: Within
) -> dict[int, float] | None:
    """A phrase as the compiler's _phrase builds it (`_phrase_chain`); None for any other
    span query."""
    chain = _phrase_chain(query)
    return None if chain is None else _phrase_scores(chain[0], chain[1], searcher, within)


def _phrase_chain(query: Any) -> tuple[str, list[tuple[str, int]]] | None:
    """(field, [(term, gap from the term before)]) of a phrase as the compiler's _phrase
    builds it (SpanNear2 nested to the left, exact gaps), or None for any other span query."""
    chain: list[tuple[str, int]] = []
    while True:
        if not isinstance(query, spans.SpanNear2) or len(query.qs) != 2:
            return None
        left, right = query.qs
        if not (query.ordered and query.slop == query.mindist and type(right) is wq.Term):
            return None
        chain.append((right.text, query.slop))
        if type(left) is wq.Term:
            chain.append((left.text, 0))
            break
        query = left
    fieldnames = {q.fieldname for q in query.qs}
    if len(fieldnames) != 1 or any(q.boost != 1.0 for q in query.qs):
        return None
    chain.reverse()
    return fieldnames.pop(), chain


DECODED_PER_ID = 10
"""A document's positions of a word cost about as much to read as this many document
ids: `_phrase_scores` reads the ids of a word beside its least frequent one only where
they are expected to leave out of the running more documents than a tenth of their
number (from the word's frequency in the segment: 為る, in 99.7% of ldcc's articles,
would leave out ~2 of the ~600 holding 話, for 3,600 ids)."""


def _phrase_scores(
    fieldname: str, chain: list[tuple[str, int]], searcher: Any, within: Within
) -> dict[int, float]:
    """A phrase's documents and scores: SpanNear2 scores the terms' intersection
    ((a + b) + c), for the documents where each term stands its gap after the last.

    The documents in the running are its least frequent word's (those holding the
    pairs of its words side by side, and the other words where their ids are worth
    reading: `DECODED_PER_ID`); in those, the positions of the word standing fewest
    times a document are read, the others looked up by code where they would stand
    (`index.word_codes`, with the stop words of the gaps), their positions read only
    in the documents where every code is in place, and the scores only of those
    holding the phrase. The common word of した話 (為る, ~18 times in nearly every
    article of ldcc) was scored in every document of a segment (~1.3 ms) and its
    positions read in each of the ~600 holding 話 (~2.7 ms), for the 4 holding the
    phrase."""
    reader, top = searcher.reader(), searcher.get_parent().reader()
    offsets = list(accumulate(gap for _, gap in chain))
    gaps = gaps_between(offsets)
    infos = [term_info(reader, fieldname, term) for term, _ in chain]
    if any(info is None for info in infos):
        return {}  # a word the segment lacks
    frequencies = [math.inf if info is UNREADABLE else info[2] for info in infos]
    by_documents = sorted(range(len(chain)), key=frequencies.__getitem__)
    held = term_ids(searcher, fieldname, chain[by_documents[0]][0])
    slots = tuple((at, (term,)) for at, (term, _) in zip(offsets, chain, strict=True))
    paired = _paired(searcher, fieldname, slots)
    if paired is not None:  # two words side by side: the documents holding their pair
        held = paired & held
    running = sorted(held) if within is None else [d for d in within if d in held]
    count = reader.doc_count_all()
    for at in by_documents[1:]:  # the others' documents, where cheaper than their positions
        term, frequency = chain[at][0], frequencies[at]
        holding = term_documents(searcher, fieldname, term)
        if not running:
            break
        if holding is None:
            if frequency >= DECODED_PER_ID * len(running) * (1 - frequency / count):
                continue
            holding = term_ids(searcher, fieldname, term)
        running = [d for d in running if d in holding]
    # The word standing fewest times a document is read first (its positions), the
    # others looked up by code where they would stand.
    order = sorted(
        range(len(chain)),
        key=lambda at: math.inf if infos[at] is UNREADABLE else infos[at][3] / infos[at][2],
    )
    # Each document's places where the phrase may begin, narrowed a word at a time
    # (each word's positions decoded as `Postings.positions_in` decodes them, not by
    # Whoosh's loop in Python).
    starts: dict[int, set[int]] = {}
    for number, at in enumerate(order):
        if not running:
            return {}
        term, offset = chain[at][0], offsets[at]
        found = Postings(reader, fieldname, term, top).positions_in(running)
        if number:
            starts = {
                d: both
                for d, places in starts.items()
                if (positions := found.get(d)) is not None
                and (both := places.intersection([p - offset for p in positions]))
            }
        else:
            starts = {d: {p - offset for p in positions} for d, positions in found.items()}
            codes = word_codes(reader, fieldname)
            if codes is not None:  # the others looked up by code first (index.word_codes)
                others = [(offsets[at], {word_code(chain[at][0])}) for at in order[1:]]
                starts = _coded_starts(reader, fieldname, codes, starts, others, gaps)
                gaps = ()
        running = list(starts)  # ascending, as `found`
    if gaps:  # stop words between the words standing apart (index.stops)
        running = [d for d in running if across_stops(reader, fieldname, d, starts[d], gaps)]
    if not running:
        return {}
    scores = term_scores(fieldname, chain[0][0], searcher, running)
    for term, _ in chain[1:]:
        following = term_scores(fieldname, term, searcher, running)
        scores = {d: s + following[d] for d, s in scores.items() if d in following}
    return {d: scores[d] for d in running if d in scores}
