"""What a filter finds among a facet's values: `site:`, `outlet:` and the names
(`person:`, `place:`, `org:`) as the index holds them, read once per reader.

`facet_values` and `names_read_as` give `index.compiler` the values to search for;
`filter_values`, `site_key` and `facet_key` are the rule the pickers' rows are
counted by too (`index.facets.filter_rows`), so that a row finds what it counts.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from typing import Any

from index.kana import fold, fold_kana
from index.reader_cache import ReaderCache

# A facet's values, one tuple per facet field: no more to drop.
_facet_lexicons: ReaderCache[str, tuple[str, ...]] = ReaderCache()


def facet_values(
    reader: Any, fieldname: str, value: str, *, exact: bool = True, being_typed: bool = False
) -> list[str]:
    """The values of `fieldname` a filter names: an outlet in any case, width and kana
    (outlet:peachy, Peachy; outlet:とぴ, トピックニュース), unquoted every outlet it
    begins (outlet:sports, Sports Watch; as person: finds every name it begins); a site
    with its subdomains (site:livedoor.com, news.livedoor.com), a name without a dot
    every site it is a label of (site:livedoor), and while `being_typed` every site with
    a label it begins (site:livedo, site:news.live); `value` itself when none is
    indexed."""
    known = _folded_lexicon(reader, fieldname)
    if fieldname == "outlet" and not exact:
        wanted = facet_key(value)
        return [term for key, term in known if key.startswith(wanted)] or [value]
    if fieldname == "site" and being_typed:
        host = fold(value).removeprefix("www.").lstrip(".")
        if not host:  # site:www. is no site yet (every host holds a ".")
            return [value]
        return [term for key, term in known if "." + host in "." + key] or [value]
    return filter_values(fieldname, value, known) or [value]


def finished_values(reader: Any, fieldname: str, value: str, *, exact: bool) -> list[str]:
    """What a `site:` or `outlet:` filter naming `value`, which names no value of the
    index at Enter, may be meant to name, finished: a site with a label (or labels) it
    begins, as typed it was counted (`site:livedo` counted 7,367 articles of ldcc, then
    0 at Enter: `livedoor`, a name's sites, or the host where the name is none, as
    `news.livedoor.com` for site:news.livedo); a quoted outlet (`exact`) the outlets it
    begins. The most articles first (their values' own counts, not the query's). []
    where the filter names some value, or begins none (an unquoted outlet finds those it
    begins already)."""
    known = _folded_lexicon(reader, fieldname)
    finished: dict[str, int] = {}
    if fieldname == "outlet":
        wanted = facet_key(value)
        if not exact or not wanted or any(key == wanted for key, _ in known):
            return []
        for key, term in known:
            if key.startswith(wanted):
                finished[term] = reader.doc_frequency(fieldname, term)
    elif fieldname == "site" and not filter_values(fieldname, value, known):
        host = fold(value).removeprefix("www.").lstrip(".")
        for key, term in known if host else ():
            at = ("." + key).find("." + host)
            if at < 0:
                continue
            end = key.find(".", at + len(host))
            label = key[at : end if end >= 0 else len(key)]
            # livedoor (a name's sites) where it names some, else the host whole
            name = label if filter_values(fieldname, label, known) else site_key(term)
            finished[name] = finished.get(name, 0) + reader.doc_frequency(fieldname, term)
    return sorted(finished, key=lambda name: -finished[name])


def _lexicon(reader: Any, fieldname: str) -> tuple[str, ...]:
    """Every value of facet `fieldname` in the index (read once per reader)."""
    return _facet_lexicons.get_or_make(
        reader,
        fieldname,
        lambda: tuple(
            term.decode("utf-8") if isinstance(term, bytes) else str(term)
            for term in reader.lexicon(fieldname)
        ),
    )


# (folded, value) of every value of a facet, one tuple per facet field: no more to drop.
_folded_lexicons: ReaderCache[str, tuple[tuple[str, str], ...]] = ReaderCache()


def _folded_lexicon(reader: Any, fieldname: str) -> tuple[tuple[str, str], ...]:
    """Every value of facet `fieldname` in the index with its `fold`, as `outlet:` and
    `site:` compare it (folded once per reader: ~20 ms for 2,000 outlets, where the
    filters are searched at each key typed)."""
    return _folded_lexicons.get_or_make(
        reader, fieldname, lambda: tuple((fold(term), term) for term in _lexicon(reader, fieldname))
    )


# (reading, name) of every name of a facet, one tuple per facet field: no more to drop.
_name_readings: ReaderCache[str, tuple[tuple[str, str], ...]] = ReaderCache()
NAME_READINGS_MAX = 50
"""Names a reading filter (person:ほんだ) finds at most, the first in reading order."""


def names_read_as(reader: Any, fieldname: str, value: str, *, exact: bool) -> list[str]:
    """The names of facet `fieldname` that read `value`, when it is a reading in hiragana
    (person:ほんだ: 本田圭佑, 本田翼, ホンダ; quoted, only a name read just so), as the
    pickers find them. The index's names are read once per reader (0.16 s for ldcc's
    ~9,000 people, at the first such filter)."""
    from index.analysis import is_reading  # the analyzer: only for a name filter

    if not is_reading(value):
        return []
    known = _name_readings.get(reader, fieldname)
    if known is None:
        from index.phrases import reading  # MeCab per name: only for a reading filter

        names = _lexicon(reader, fieldname)
        known = tuple(sorted((fold_kana(reading(name)), name) for name in names))
        _name_readings.put(reader, fieldname, known)
    at = bisect.bisect_left(known, (value, ""))
    found: list[str] = []
    for read, name in itertools.islice(known, at, None):
        if read != value and (exact or not read.startswith(value)):
            break
        found.append(name)
        if len(found) == NAME_READINGS_MAX:
            break
    return found


def filter_values(fieldname: str, value: str, known: Sequence[tuple[str, str]]) -> list[str]:
    """Which of the `known` values of facet `fieldname` (each after its `fold`) a filter
    naming `value` finds (see `facet_values`): what a picker's row for `value` counts
    (`facets.filter_rows`, which files each site under the hosts whose filter finds it
    rather than calling this for every row; tests/test_library.py holds them to one
    rule). Both are compared folded, as the pickers match what is typed: in any case,
    width and kana.

    A site finds its host (`site_key`: www.example.jp is example.jp) and the hosts
    ending in "." + it. A name without a dot that is no site of its own finds every
    site it is a label of (site:livedoor); one that is (localhost, a picker's row) is a
    host as any other: its row counted localhost's articles, and picking it found
    localhost.example.com's too."""
    if fieldname == "site":
        host = site_key(value)
        if "." not in host and all(key != host for key, _ in known):
            return [term for key, term in known if host in key.split(".")]  # a name's sites
        return [term for key, term in known if key == host or key.endswith("." + host)]
    if fieldname == "outlet":
        wanted = facet_key(value)
        return [term for key, term in known if key == wanted]
    return [term for _, term in known if term == value]


def site_key(site: str) -> str:
    """A site as `site:` compares it: folded as its picker matches what is typed (`fold`:
    any case, width and kana; a host written in full width, ｅｘａｍｐｌｅ.jp, was
    listed and found by no filter, the query being read in half width), without a `www.`
    before a host (www.example.jp is example.jp). Not before a name: www.jp, taken for
    `jp`, found every site under .jp, and its picker row counted the ones ending in .jp
    alone."""
    host = fold(site)
    rest = host.removeprefix("www.")
    return rest if "." in rest else host


def facet_key(outlet: str) -> str:
    """An outlet as `outlet:` compares it: any case, any width, any kana (Peachy,
    ｐｅａｃｈｙ; トピックニュース, とぴっくにゅーす, ﾄﾋﾟｯｸﾆｭｰｽ), as its picker matches
    what is typed (`index.kana.fold`): the picker listed トピックニュース for とぴ, and
    outlet:とぴ found nothing."""
    return fold(outlet)
