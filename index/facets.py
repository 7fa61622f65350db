"""Facet counting: how many articles hold each value of a facet field (the people,
places, organisations, outlets and sites the reader's pickers list), of every article
or of a search's hits.

Reads the index's term tables through `index.lexicon` (`lexicon_prefix`,
`lexicon_stats`), imported when counting: it loads Whoosh's codec, which `import
index.library` does not need. A picker's rows are the filters of `index.filters`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from typing import Any

from index.filters import facet_key, site_key
from index.kana import fold

FACET_FIELDS = ("site", "outlet", "person", "place", "org")
"""The fields `Library.facets` counts."""


def facet_counts(reader: Any, name: str, within: Set[int] | None = None) -> Counter[str]:
    """How many articles hold each value of facet field `name`; of the articles
    numbered `within` (a search's hits), when given.

    A segment without deletions counts a value's articles from its term table alone
    (`index.lexicon.lexicon_prefix`: ~35 ms for ldcc's ~9,000 people, where reading every
    value's postings took ~0.5 s); one with deletions reads the postings, which skip
    the deleted articles. Within hits, the table names the articles of a value held by
    one or two (three quarters of ldcc's people): only the others' postings are read.
    """
    from index.lexicon import lexicon_prefix

    counts: Counter[str] = Counter()
    for leaf, base in reader.leaf_readers():
        if name not in leaf.schema.names():
            continue
        if within is not None:
            hits = {docnum - base for docnum in within if 0 <= docnum - base < leaf.doc_count_all()}
            if hits:
                _count_within(leaf, name, hits, counts)
            continue
        table = None if leaf.has_deletions() else lexicon_prefix(leaf, name, "", 1 << 62)
        if table is not None:
            for term, frequency in table:
                counts[term.decode("utf-8")] += frequency
            continue
        for term in leaf.field_terms(name):
            counts[str(term)] += sum(1 for _ in leaf.postings(name, term).all_ids())
    return counts


def filter_rows(
    reader: Any, name: str, counts: Counter[str], within: Set[int] | None
) -> Counter[str]:
    """`counts` as a picker lists them: one row per filter, counting what it finds.

    `outlet:` finds an outlet in any case, width and kana, and `site:` a host with its
    subdomains (`index.filters.filter_values`): values one filter finds alike (Peachy,
    peachy; トピックニュース, とぴっくにゅーす; www.example.jp, example.jp) are one
    row, named by the most frequent; a row whose filter finds other values too counts
    the articles holding any of them.
    """
    if name not in ("site", "outlet"):
        return counts
    present = sorted(value for value, count in counts.items() if count)
    key = site_key if name == "site" else facet_key

    groups: dict[str, list[str]] = {}
    for value in present:
        groups.setdefault(key(value), []).append(value)
    # A site's filter finds its host and the hosts ending in "." + it: each value is
    # filed under every such host (filter_values over every value, for every group, was
    # quadratic: ~0.8 s for 2,000 outlets cited by cards).
    under: dict[str, list[str]] = {}
    if name == "site":
        for value in present:
            folded = fold(value)  # as the filter compares it
            under.setdefault(folded, []).append(value)
            for at, char in enumerate(folded):
                if char == ".":
                    under.setdefault(folded[at + 1 :], []).append(value)
    rows: Counter[str] = Counter()
    for members in groups.values():
        shown = min(members, key=lambda value: (-counts[value], value))
        # An outlet's filter finds its group (the same key); a site's, its subdomains too.
        found = members if name == "outlet" else under.get(key(shown), [])
        if len(found) == 1:
            rows[shown] = counts[shown]
            continue
        docs: set[int] = set()
        for value in found:
            docs.update(reader.postings(name, value).all_ids())
        rows[shown] = len(docs if within is None else docs & within)
    return rows


def _count_within(leaf: Any, name: str, hits: set[int], counts: Counter[str]) -> None:
    """Add to `counts` how many of `hits` (this segment's live articles) hold each value."""
    from index.lexicon import lexicon_stats

    table = lexicon_stats(leaf, name)
    if table is None:
        for term in leaf.field_terms(name):
            found = len(hits.intersection(leaf.postings(name, term).all_ids()))
            if found:
                counts[str(term)] += found
        return
    lowest, highest = min(hits), max(hits)
    for term, frequency, first, last in table:
        # A deleted article may be first or last: it is in no search's hits.
        if frequency == 1:
            found = first in hits
        elif frequency == 2:
            found = (first in hits) + (last in hits)
        elif first > highest or last < lowest:
            continue
        else:
            value = term.decode("utf-8")
            found = len(hits.intersection(leaf.postings(name, value).all_ids()))
        if found:
            counts[term.decode("utf-8")] += found
