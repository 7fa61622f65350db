"""The data home's bookkeeping of what it holds, beside the index itself.

A home holds directories (its roots): those its index records, and config.toml's
`[library] paths` (`home_corpus`, `default_corpus`). A root not there stays in the home
(an unmounted disk) rather than being forgotten: a rebuild keeps it as absent
(`absent_roots`), and the ids of its files, and of a directory that could not be
listed, are held for them until they are back (`away_ids`, `still_away`); both are
written in each commit's meta (`commit_meta`). The roots are also written outside any
generation (`ROOTS_FILE`), so that a repair knows what to rebuild when the damaged
generation's manifest is lost, and a first build stopped before its commit leaves a
home that knows what it is about (those roots stay in the home until they are
indexed or let go: `unindexed_roots`). A home with no such file is new, and indexes
`seeds/` (`default_corpus`); one whose file lists none let its directories go, and
indexes nothing until it is given one (`holds_none`). The data home itself is never
indexed (`data_home_reason`). A home that holds nothing of yomite's yet is said to be
new (`is_new`, `new_home_words`): a `--home` mistyped was made without a word.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shlex
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence, Set
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.errors import FailureKind, IndexUnavailable, UpdateFailure
from index.files import Discovery, discover, is_missing
from index.locations import Locations, typed_command
from index.sanitize import printable
from index.store import (
    MANIFEST_PATTERN,
    atomic_write,
    current_generation,
    latest_toc,
    manifest_intact,
)

if TYPE_CHECKING:
    from index.build import IndexedFile  # the writer's side: not imported to read

ROOTS_FILE = "roots.json"


def under(path: str, roots: Sequence[str]) -> bool:
    """Whether `path` is one of `roots` or lies under one (all resolved, absolute)."""
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)


def commit_meta(
    roots: Sequence[str],
    absent: Sequence[str] = (),
    away: Mapping[str, str] | None = None,
    *,
    schema: str,
    unnamable: Mapping[str, list[int]] | None = None,
    scanned: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """A commit's meta: its `roots`, those of them absent (`absent_roots`), and the ids
    held (`away_ids`) for files under them (those of a root dropped, by `--forget`, go
    with it); `schema`, the fingerprint of the schema it is written with; `unnamable`,
    the files refused for their names, as told (`index.refusals.unnamable_record`);
    `scanned`, when the directories under the roots were last looked through
    (`scanned_since`; those no longer under a root go)."""
    meta: dict[str, Any] = {"roots": list(roots), "schema": schema}
    scanned = {path: ns for path, ns in (scanned or {}).items() if under(path, roots)}
    if scanned:
        meta[SCANNED] = scanned
    if absent:  # only then: an index written before had no such entry
        meta["absent"] = list(absent)
    away = {path: id_ for path, id_ in (away or {}).items() if under(path, roots)}
    if away:
        meta["away"] = away
    if unnamable:
        meta["unnamable"] = dict(unnamable)
    return meta


SCANNED = "scanned"
"""The commit meta's entry: directory (or file) -> when an update began to look through
it (ns, the wall clock file times are in), less `SCAN_MARGIN`."""
SCAN_MARGIN = 2_000_000_000
"""A file's times come from a clock a tick coarse (FAT: 2 s), so a file written just
after an update began may be stamped before it: taken as looked at later."""


def scanned_since(meta: Mapping[str, Any], paths: Sequence[str], started_ns: int) -> dict[str, int]:
    """`meta`'s scanned times, with `paths` (those an update or rebuild looked through,
    beginning at `started_ns`) at that time, less the margin: those under them go."""
    before = meta.get(SCANNED, {})
    kept = {
        str(path): int(ns)
        for path, ns in (before.items() if isinstance(before, dict) else ())
        if isinstance(ns, int) and not under(str(path), paths)
    }
    return {**kept, **dict.fromkeys(paths, started_ns - SCAN_MARGIN)}


def last_scanned(meta: Mapping[str, Any]) -> Callable[[str], int | None]:
    """When the last update that looked at `path`'s file began (`scanned_since`), or None
    where none is recorded (an index written before these were kept). A file under no
    directory looked through, one a link in them led to outside, was looked at by the
    walk of one of them: the earliest of their times, which is no later (its edits
    kept to size and mtime were never seen: the review's linked `smax` article)."""
    entries = meta.get(SCANNED, {})
    scanned = [
        (str(path), ns)
        for path, ns in (entries.items() if isinstance(entries, dict) else ())
        if isinstance(ns, int)
    ]
    earliest = min((ns for _, ns in scanned), default=None)

    def since(path: str) -> int | None:
        times = [ns for root, ns in scanned if under(path, [root])]
        return max(times) if times else earliest

    return since


def away_ids(meta: Mapping[str, Any]) -> dict[str, str]:
    """The ids of files not indexed (path -> id) kept for them: those of an absent root
    (`absent_roots`), and of a directory a rebuild could not list (or found empty). A
    file back takes its id again (its read mark, bookmark and place with it), and no
    other file takes it meanwhile (a same-named file indexed while the disk was away)."""
    away = meta.get("away", {})
    if not isinstance(away, dict):
        return {}
    return {str(path): str(id_) for path, id_ in away.items()}


def absent_roots(meta: Mapping[str, Any]) -> list[str]:
    """Roots a rebuild kept in the home while they were not there (an unmounted disk):
    nothing of them is indexed, and an update must not take that for a directory gone
    for good (which it forgets) until they are back."""
    absent = meta.get("absent", [])
    return [str(root) for root in absent] if isinstance(absent, list) else []


def still_away(
    held: Mapping[str, str],
    discovery: Discovery,
    *,
    roots: Sequence[str],
    absent: Sequence[str],
    indexed: Set[str],
) -> dict[str, str]:
    """Of the ids `held` for files not indexed (`away_ids`, and in a rebuild what the old
    index held), those a commit keeps held: of a file under one of the home's `roots`
    that it does not index, and that `discovery` could not see (under an absent root,
    `absent_roots`; in a directory not there, empty or that could not be listed; or
    outside the paths looked at). One whose place was seen is not: its file was back,
    and took its id, or was deleted meanwhile."""
    unseen = [str(path) for path in (*discovery.missing, *discovery.empty, *discovery.unreadable)]
    return {
        path: id_
        for path, id_ in held.items()
        if path not in indexed
        and under(path, roots)
        and (under(path, [*absent, *unseen]) or not discovery.in_scope(path))
    }


def not_taken_in(discovery: Discovery, roots: Collection[str], kept: Collection[str]) -> set[str]:
    """The directories asked for that hold no article file (`Discovery.empty`: refused,
    "nothing to index", exit 2) and are not among the home's `roots`: they do not join
    it, as a path not there does not. One given empty joined, and every `yomite index`,
    `verify` and reader start said it was empty until `--forget`. One of `roots` found
    so stays (the mount point of an unmounted disk), as does one under which articles
    are `kept` or their ids held."""
    return {str(root) for root in discovery.empty if str(root) not in {*roots, *kept}}


def refused_files(discovery: Discovery, indexed: Collection[str]) -> dict[str, str]:
    """The files asked for by name that are no article (`NotAnArticle`: binary, empty,
    too large, a FIFO or a device) with no article `indexed` at their path -> why
    (resolved paths). They do not join the home, as a path not there does not: one
    joined, and every `yomite index` after said it had failed, until `--forget`. One of
    the home's that became so while its last version is indexed stays (that version is
    kept); one with nothing indexed (joined so before) is let go. Only
    these are read here (once more than the build does: a handful, named one by one);
    one that cannot be read (permission denied) may be an article once it can be."""
    from index.errors import NotAnArticle, ParseError
    from index.parser import parse_file

    refused = {
        os.path.realpath(path): "not a regular file (a FIFO, device or socket), not read"
        for path in discovery.special
    }
    for root in discovery.roots:
        path = str(root)
        if path in indexed or path in refused or not os.path.isfile(path):  # noqa: PTH113
            continue
        try:
            parse_file(root)
        except NotAnArticle as error:
            refused[path] = error.reason
        except ParseError:  # unreadable, say: the build tells it
            continue
    return refused


def held_under(away: Mapping[str, str], directories: Iterable[str]) -> dict[str, int]:
    """Of `directories`, those under which ids are held (`away`: for files a rebuild
    left out) -> how many."""
    held = {str(d): sum(1 for path in away if under(path, [str(d)])) for d in directories}
    return {directory: count for directory, count in held.items() if count}


def out_of_reach(
    indexed: Mapping[str, IndexedFile], discovery: Discovery, roots: Sequence[str]
) -> list[str]:
    """The home's `roots` outside the paths updated (`yomite index PATH`) that are away
    as a whole (not there, empty, unreadable: an unmounted disk): an indexed file outside
    those paths is dropped when it is gone, and this dropped a disk's articles. Looked
    at only when such a file is gone. (A file asked for by name that is gone was
    deleted, as one of the paths updated is.)"""
    asked = {str(path) for path in discovery.missing}
    outside = [root for root in roots if not (discovery.in_scope(root) or root in asked)]
    if not outside or not any(
        under(path, outside) and is_missing(path)
        for path in indexed
        if not discovery.in_scope(path)
    ):
        return []
    seen = discover([Path(root) for root in outside])
    away = (*seen.missing, *seen.empty, *seen.unreadable)
    return [str(path) for path in away if str(path) not in indexed]


def default_corpus(where: Locations) -> tuple[Path, ...]:
    """What a home keeps indexed when no paths are given: `home_corpus`, else `seeds/`
    (a new home), else nothing (a home whose directories were all let go: `holds_none`).

    The home's directories come before `seeds/`: a home built with `yomite index DIR` is
    about DIR, and the reader opened on it without paths added the checkout's `seeds/`
    (from a second checkout, the same articles twice). Likewise a home that let its last
    directory go (deleted, then `--rebuild`): it was indexed from `seeds/` again, as a
    new one."""
    from index.config import bundled_seeds

    corpus = home_corpus(where)  # the configured paths among them
    if corpus or holds_none(where):
        return corpus
    seeds = bundled_seeds()
    return (seeds,) if seeds.is_dir() else ()


def is_new(where: Locations) -> bool:
    """Whether the data home holds nothing of yomite's yet (no index, config.toml or
    state), to be asked before opening it, which makes it. A `--home` mistyped
    (`--home ~/nwes`) made the directories and indexed seeds/ into them without a word;
    an empty directory made for the home is new too. One that cannot be looked into is
    not: opening it says what is wrong."""
    return all(is_missing(path) for path in (where.index_dir, where.config_file, where.state_db))


def new_home_words(where: Locations, corpus: Sequence[Path]) -> str:
    """What to say of a new home (`is_new`) about to index `corpus`: one line, naming
    seeds/ when that is what it indexes (no paths given)."""
    from index.config import bundled_seeds

    seeds = [os.path.realpath(bundled_seeds())]
    indexing = " (indexing seeds/)" if [os.path.realpath(p) for p in corpus] == seeds else ""
    return f"new data home {printable(str(where.home))}{indexing}"


def holds_none(where: Locations) -> bool:
    """Whether the home recorded that it holds no directory (`ROOTS_FILE` lists none: an
    update or a rebuild let its last ones go), unlike a new home, which has no such file
    (nor has a home made before there was one)."""
    return file_roots(where.index_dir) == [] and not recorded_roots(where, file_too=False)


def home_corpus(where: Locations, also: Sequence[Path] = ()) -> tuple[Path, ...]:
    """Every directory (or file) the home holds: `also` (paths just asked for), the
    configured paths, and the roots its index records (`recorded_roots`), each once.

    All of them, not the configured paths alone: a directory indexed once stays in the
    home (listed and searched) until `yomite index --forget`, so it is kept up to date
    too. Updating the configured paths only left such a directory half maintained: its
    deleted files were dropped (they were not there), its changed and new ones ignored,
    and the reader showed a hit's text from the index beside the file's new text."""
    from index.config import load_config

    configured = load_config(where).library.paths
    # Those of a first build that did not finish too: they stayed only until another
    # directory was indexed, and were never indexed after.
    recorded = [Path(root) for root in (*recorded_roots(where), *sorted(unindexed_roots(where)))]
    seen: set[str] = set()
    corpus: list[Path] = []
    for path in (*(Path(p).expanduser().absolute() for p in also), *configured, *recorded):
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            corpus.append(path)
    return tuple(corpus)


def not_in_home(where: Locations, paths: Sequence[Path]) -> list[str]:
    """Of `paths`, given to a build stopped before its commit (`yomite index PATH`
    interrupted, the reader quit while it indexed the PATHs it was given), those the
    home does not hold (`home_corpus`), resolved: not there, or in it, they need no
    word. An update's directories join with its commit, which never landed (a new
    home's first build keeps them: its next update builds them)."""
    from index.errors import ConfigError

    try:
        held = [os.path.realpath(path) for path in home_corpus(where)]
    except ConfigError:  # the home's other paths cannot be known: no word
        return []
    left: list[str] = []
    for path in paths:
        given = Path(path).expanduser()
        real = os.path.realpath(given)
        if not is_missing(given) and not under(real, held) and real not in left:
            left.append(real)
    return left


def not_added(where: Locations, left: Sequence[str], why: str = "") -> str:
    """That the paths `left` (`not_in_home`) were not added to the home of `where`
    (`why`: said after, as given), and the command that adds them (typed for that home,
    `typed_command`; quoted for a shell; a control character shown escaped)."""
    shown = " and ".join(printable(path) for path in left)
    again = printable(typed_command(where, "yomite index", *map(shlex.quote, left)))
    were, it = ("was", "it") if len(left) == 1 else ("were", "them")
    return f"{shown} {were} not added to the home{why}: `{again}` adds {it}"


def recorded_roots(where: Locations, *, file_too: bool = True) -> list[str]:
    """The roots the index recorded (read from its manifest, so a damaged index's too);
    when it records none, those of `ROOTS_FILE` (unless not `file_too`).

    The manifest of its latest table of contents, or the newest before it: one numbered
    after it is a commit's killed between its manifest and its table, and names roots
    (the directory it was adding) the index does not cover."""
    try:
        generation = current_generation(where.index_dir)
    except IndexUnavailable:
        generation = None
    if generation is None or not generation.is_dir():
        generation = where.index_dir / "missing"
    numbered: list[tuple[int, Path]] = []
    with contextlib.suppress(OSError):  # a commit may remove one meanwhile
        committed = latest_toc(generation) if generation.is_dir() else -1
        for manifest in generation.glob("checksums-*.json"):
            match = MANIFEST_PATTERN.match(manifest.name)
            if match and (committed < 0 or int(match.group(1)) <= committed):
                numbered.append((int(match.group(1)), manifest))
    for _, manifest in sorted(numbered, reverse=True):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            document = json.loads(manifest.read_bytes())
            if not manifest_intact(document):
                continue  # (damaged: an earlier one's, if any)
            roots = document.get("meta", {}).get("roots", [])
            if roots:  # one built of paths not there records none: see ROOTS_FILE
                return [str(r) for r in roots]
            break
    if not file_too:
        return []
    return file_roots(where.index_dir) or []


def file_roots(index_dir: Path) -> list[str] | None:
    """The roots `ROOTS_FILE` lists; None when there is no such file (a new home) or it
    cannot be read."""
    with contextlib.suppress(OSError, ValueError):
        roots = json.loads((index_dir / ROOTS_FILE).read_bytes())
        if isinstance(roots, list):
            return [str(r) for r in roots]
    return None


def record_roots(
    index_dir: Path, roots: Sequence[str], *, none_too: bool = False, strict: bool = False
) -> None:
    """Write the roots a home's index covers outside any generation (`ROOTS_FILE`), and
    those a first build that did not finish recorded (`unindexed_roots`). None is written
    only when `none_too` (an update or a rebuild that let the home's last roots go): a
    new home's empty index records none, and must not wipe what a first build stopped
    before its commit recorded, nor make the home one that holds none (`holds_none`);
    but a directory let go stayed in the file, and so in the home, for good.

    `strict`: an OSError (disk full) is raised, not passed over: `Library.forget` writes
    before its commit, and a file still listing the directory forgotten made the next
    update take it for one a build had not finished, and index it again."""
    if not roots and not none_too:
        return
    data = json.dumps(list(roots), ensure_ascii=False).encode()
    if strict:
        atomic_write(index_dir / ROOTS_FILE, data)
        return
    with contextlib.suppress(OSError):
        atomic_write(index_dir / ROOTS_FILE, data)


def unindexed_roots(where: Locations) -> set[str]:
    """The home's roots known from `ROOTS_FILE` alone, not from the index's commits nor
    config.toml: recorded for a build that did not finish (a first build stopped before
    its commit), so nothing of them was ever indexed or is kept for them. They stay in
    the file, and in the home, when another directory is indexed (only a build into a
    home of none writes its directories there before its commit; another's join with
    the commit).

    None from a file that does not list every root the index commits, as each writer
    leaves it: damaged (a byte changed in a path made up a directory never indexed), or
    written by a writer killed before the commit that let a root go."""
    from index.config import load_config
    from index.errors import ConfigError

    try:
        configured = {os.path.realpath(path) for path in load_config(where).library.paths}
    except ConfigError:
        # An update with PATHs reads no config otherwise, and must not fail on it: taken
        # as naming none, so the unfinished roots stay in roots.json (set() let them go).
        configured = set()
    committed = set(recorded_roots(where, file_too=False))
    listed = set(file_roots(where.index_dir) or [])
    return listed - committed - configured if committed <= listed else set()


def record_before_commit(
    where: Locations, roots: Sequence[str], *, had: Collection[str], gone: Set[str]
) -> set[str]:
    """Write `ROOTS_FILE` before an update's or a rebuild's commit, which will record
    `roots` in a home that `had` those before it, less those `gone`; return the roots a
    build that did not finish recorded (`unindexed_roots`, read before the write).

    Those stay in the file beside the commit's, unless `gone`: nothing of them is
    indexed, and they are let go as any root with nothing kept (the caller says so:
    `refusals`' `unindexed`). With no other root left, one stayed in the file, and in
    the home, for good. The directories the commit adds to a home that has some are not
    written: they join with the commit (`Library._after_commit`), and stopped before it
    they are not the home's. To a home of none (a first build) they are: one stopped
    before its commit (q in the reader, Ctrl-C) leaves a home that still knows what it
    is about, so a plain `yomite` goes on with those directories rather than with
    seeds/. None is written when the last are let go (`record_roots`' `none_too`): they
    stayed in the home for good.

    The callers differ in what the home `had` and what is `gone`. An update: the roots
    of the commit it adds to; gone, a root not there, unless its articles are kept for
    it (`Plan.unavailable`: an unmounted disk) or a rebuild kept it absent
    (`absent_roots`). A rebuild: those and its `keep` (a repair's: the recorded roots,
    its index's commits being unreadable); gone, every root not there (`yomite index
    --rebuild` is how a vanished directory is forgotten; those it keeps absent are in
    `roots` even so)."""
    pending = unindexed_roots(where)
    joining = [root for root in roots if root in had or not had]
    record_roots(
        where.index_dir, sorted({*joining, *(pending - gone)}), none_too=bool(had or pending)
    )
    return pending


def data_home_reason(where: Locations, path: Path) -> str | None:
    """Why `path` is not to be indexed, if it is the data home or one of its own files
    (its index, config.toml, state.sqlite3): `yomite index --home h9 h9` was taken
    without a word. A directory inside the home (`[library] paths = ["news"]` is
    under it) is indexed as any other."""
    real = Path(os.path.realpath(Path(path).expanduser()))  # a link loop raises in resolve()
    home = Path(os.path.realpath(where.home))
    if real == home:
        return "the data home itself (yomite's index, config and state), not articles: not indexed"
    if under(str(real), [os.path.realpath(where.index_dir)]) or (
        real.parent == home and _could_be_own_file(real)
    ):
        return "in the data home, one of yomite's own files, not an article: not indexed"
    return None


def _could_be_own_file(path: Path) -> bool:
    """Whether `path`, in the home, may be one of its files: there, and not a directory.
    Not there, the update says so: `[library] paths = ["nwes"]` (news, mistyped) was
    "one of yomite's own files", counted failed. Nor a name too long for the system
    (ENAMETOOLONG: `[library] paths = ["aaa…"]`, 5,000 bytes), which no file has:
    `is_dir` raised for it, and every update stopped: "could not write the index in
    …/index: File name too long"."""
    try:
        return path.exists() and not path.is_dir()
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return False
        raise


def outside_home(where: Locations, paths: Sequence[Path]) -> tuple[list[Path], list[UpdateFailure]]:
    """`paths` but those `data_home_reason` refuses, and those as failures to tell."""
    kept: list[Path] = []
    refused: list[UpdateFailure] = []
    for path in paths:
        reason = data_home_reason(where, path)
        if reason is None:
            kept.append(path)
        else:
            absolute = str(Path(path).expanduser().absolute())
            refused.append(UpdateFailure(absolute, reason, FailureKind.FILE))
    return kept, refused
