"""The index on disk: generations, the write lock, fsync, checksums and permissions.

Layout of `<home>/index/`:

    CURRENT           names the live generation ("gen-000003"), replaced atomically
    write.lock        held (flock) by whoever is updating; dies with its process
    gen-000003/       one Whoosh index (FileStorage), plus `checksums-<toc>.json`
                      (and `summaries-<toc>.json`, recorded in it after the commit)

Whoosh writes its table of contents (TOC) to a temporary file and renames it, so a
commit is atomic, but it never fsyncs and keeps no checksums. `SyncedStorage`
hooks that rename: before it, every file of the index is fsynced and a checksum
manifest for the coming TOC is written (and fsynced); after it, the directory is
fsynced. On open, the manifest of the live TOC is checked against the files the TOC
uses, so flipped or truncated bytes are reported instead of silently searched.

A full rebuild never touches the live generation: it builds `gen-N+1` beside it and
switches `CURRENT`, so readers see the old index or the new one, never an empty one.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import io
import json
import os
import re
import shutil
import stat
import tempfile
import time
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import whoosh.filedb.compound
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile
from whoosh.index import TOC, FileIndex
from whoosh.searching import Searcher

# Re-exported under their old names (tests import them from here).
from index.errors import IndexBusy as IndexBusy
from index.errors import IndexUnavailable as IndexUnavailable
from index.errors import LibraryError as LibraryError

INDEX_NAME = "MAIN"
POINTER = "CURRENT"
LOCK_FILE = "write.lock"
GENERATION_PREFIX = "gen-"
MANIFEST_PATTERN = re.compile(r"^checksums-([0-9]+)\.json$")
_TOC_PATTERN = TOC._pattern(INDEX_NAME)
_SEGMENT_PATTERN = TOC._segment_pattern(INDEX_NAME)
DIR_MODE = 0o700
FILE_MODE = 0o600


# -- reading segments without copying them -----------------------------------------


PEEK = 256
"""Bytes `_ViewFile.peek` returns: a posting block's header is ~30; a longer pickle
is read on in further peeks (or one read for a long string)."""


class _ViewFile(io.RawIOBase):
    """A read-only file over a memoryview (of the segment's mmap): reads copy only
    what they return."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        end = len(self._view)
        if size is not None and size >= 0:
            end = min(end, self._position + size)
        data = self._view[self._position : end].tobytes()
        self._position = max(self._position, end)
        return data

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def peek(self, size: int = 0) -> bytes:
        """Up to PEEK bytes from the position, without moving it.

        pickle.load reads a file with a `peek` ahead of what it needs and then
        moves past what it used (a Whoosh posting block's header is one such
        load); without it, it calls `read` once per opcode, about twenty times
        for a block header.
        """
        return self._view[self._position : self._position + PEEK].tobytes()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._view)}
        self._position = max(0, base[whence] + offset)
        return self._position

    def tell(self) -> int:
        return self._position


class _MappedBufferFile(BufferFile):  # type: ignore[misc]
    """Whoosh's BufferFile wraps each part of a compound segment in BytesIO, which
    copies it: opening the ldcc index put ~300 MB of it in RAM (and took longer).
    This reads the same bytes straight from the mmap."""

    def __init__(self, buf: Any, name: str | None = None, onclose: Any = None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewFile(memoryview(buf))


# Compound segments are the only users of this name in that module (pinned Whoosh 2.7.5).
whoosh.filedb.compound.BufferFile = _MappedBufferFile


# -- permissions --------------------------------------------------------------------


def check_home(home: Path, index_dir: Path) -> None:
    """Refuse a data home that is not a directory and cannot become one: a file, a path
    under a file, a symlink loop. Looking inside it failed with NotADirectoryError (or
    ELOOP) wherever the first look happened, and the commands printed a traceback.
    A home that does not exist yet is fine: it is created when needed.

    Likewise its `index_dir` (a file there was reported as a damaged index, and
    `--repair` as a read-only home)."""
    for path in (home, *home.parents):
        try:
            info = path.stat()
        except (FileNotFoundError, NotADirectoryError):
            _refuse_dangling(path)
            continue  # not there (yet), or under something that is not a directory
        except OSError as error:
            raise LibraryError(f"data home {home} cannot be opened: {error.strerror}") from error
        if stat.S_ISDIR(info.st_mode):
            break
        if path == home:
            raise LibraryError(f"data home {home} is not a directory")
        raise LibraryError(f"data home {home} is inside {path}, which is not a directory")
    try:
        info = index_dir.stat()
    except (FileNotFoundError, NotADirectoryError):
        _refuse_dangling(index_dir)
        return
    except OSError as error:
        raise LibraryError(f"index {index_dir} cannot be opened: {error.strerror}") from error
    if not stat.S_ISDIR(info.st_mode):
        raise LibraryError(
            f"{index_dir} is not a directory: yomite keeps its index there; "
            "move it away, or use another data home (--home)"
        )


def _refuse_dangling(path: Path) -> None:
    """A symbolic link to nothing cannot be made into a directory: creating the home or
    its index there failed later, with a traceback or as a "read-only" home."""
    if path.is_symlink():
        raise LibraryError(
            f"{path} is a symbolic link to {path.readlink()}, which is not there; "
            "make that directory, or remove the link"
        )


def check_secure(path: Path, info: os.stat_result | None = None) -> None:
    """Refuse a directory or file that someone else could write (`info`: its stat, if
    taken already).

    Whoosh unpickles the schema (code, in effect) from the index, so an index that
    others can write lets them run code as the user who opens it. Its files too: a
    TOC others could write, in directories they could not, ran their code (and its
    manifest, which they could forge as well, vouched for it).
    """
    if info is None:
        try:
            info = path.stat()
        except FileNotFoundError:
            return
    if info.st_uid != os.getuid():
        raise IndexUnavailable(
            f"{path} belongs to another user (uid {info.st_uid}); the index runs code "
            f"from it, so it is refused: move it away or chown it to yourself",
            repairable=False,
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        # Recursive, on the directory: what made this writable (a `chmod -R g+w`, a copy,
        # a umask) made its neighbours so too, and one file named a run took 13 runs.
        within = path if stat.S_ISDIR(info.st_mode) else path.parent
        raise IndexUnavailable(
            f"{path} is writable by group or others; the index runs code from it, so it "
            f"is refused: fix with `chmod -R go-w {within}`",
            repairable=False,
        )


def make_private_dir(path: Path) -> None:
    """Create `path` (and missing parents) with the new directories private to the user."""
    missing = []
    for candidate in (path, *path.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    for directory in reversed(missing):
        with contextlib.suppress(FileExistsError):
            directory.mkdir(mode=DIR_MODE)


def probe_writable(directory: Path) -> bool:
    """Whether files can really be created in `directory`.

    Permission bits cannot answer this (root ignores them; a read-only mount
    overrides them), so try: create and remove a temporary file.
    """
    try:
        handle, name = tempfile.mkstemp(prefix=".probe-", dir=directory)
    except OSError:
        return False
    os.close(handle)
    with contextlib.suppress(OSError):
        Path(name).unlink()
    return True


# -- durability ---------------------------------------------------------------------


def fsync_path(path: Path, *, directory: bool = False) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if directory else 0)
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: written beside it, fsynced, renamed, directory fsynced."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(name).unlink()
        raise
    fsync_path(path.parent, directory=True)


def file_checksum(path: Path) -> str:
    """CRC-32 of the file: cheap enough to check a 100 MB index on every open."""
    crc = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return f"{crc:08x}"


@dataclass(frozen=True, slots=True)
class FileSum:
    size: int
    crc32: str


def _file_key(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return (str(path), info.st_size, info.st_mtime_ns)


class _SumCache:
    """Checksums already computed in this process, keyed by (path, size, mtime)."""

    def __init__(self) -> None:
        self._sums: dict[tuple[str, int, int], str] = {}

    def checksum(self, path: Path, *, fresh: bool = False) -> FileSum:
        key = _file_key(path)
        crc = None if fresh else self._sums.get(key)
        if crc is None:
            crc = file_checksum(path)
            self._sums[key] = crc
        return FileSum(key[1], crc)


_sums = _SumCache()


def manifest_name(toc_generation: int) -> str:
    return f"checksums-{toc_generation}.json"


def toc_generation_of(name: str) -> int | None:
    match = _TOC_PATTERN.match(name)
    return int(match.group(1)) if match else None


class SyncedStorage(FileStorage):  # type: ignore[misc]
    """A FileStorage that makes each commit durable and checksummed (see module doc).

    `meta` is written into the manifest of the next commit, so facts about the
    indexed set (the roots it was built from) change atomically with it.
    """

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        super().__init__(path, readonly=readonly)
        self.meta: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["locks"] = {}
        return state

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> Any:
        stream = super().create_file(name, excl=excl, mode=mode, **kwargs)
        with contextlib.suppress(OSError):
            Path(self._fpath(name)).chmod(FILE_MODE)
        return stream

    def lock(self, name: str) -> Any:
        """Whoosh's lock (`MAIN_WRITELOCK`, the writer's), its file the user's alone:
        Whoosh creates it with `os.open`'s default mode, 0777 less the umask
        (-rwxr-xr-x), so it is made first 0600, and one made so before is made 0600."""
        with contextlib.suppress(OSError):  # a read-only home: Whoosh's lock says so
            handle = os.open(self._fpath(name), os.O_WRONLY | os.O_CREAT, FILE_MODE)
            try:
                if os.fstat(handle).st_mode & 0o777 != FILE_MODE:
                    os.fchmod(handle, FILE_MODE)
            finally:
                os.close(handle)
        return super().lock(name)

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        generation = toc_generation_of(newname)
        if generation is None:
            super().rename_file(oldname, newname, safe=safe)
            return
        folder = Path(self.folder)
        manifest = self._manifest_before_commit(folder, oldname, newname, generation)
        atomic_write(folder / manifest_name(generation), manifest)
        super().rename_file(oldname, newname, safe=safe)
        fsync_path(folder, directory=True)
        self._remove_old_manifests(folder, generation)

    def _manifest_before_commit(
        self, folder: Path, toc_temp: str, toc_name: str, generation: int
    ) -> bytes:
        files: dict[str, dict[str, Any]] = {}
        for entry in os.scandir(folder):
            if not entry.is_file(follow_symlinks=False):
                continue
            name = entry.name
            if name == toc_temp:
                target = toc_name
            elif _SEGMENT_PATTERN.match(name):
                target = name
            else:
                continue
            path = folder / name
            fsync_path(path)
            summed = _sums.checksum(path)
            files[target] = {"size": summed.size, "crc32": summed.crc32}
        return manifest_bytes({"toc": generation, "files": files, "meta": self.meta})

    @staticmethod
    def _remove_old_manifests(folder: Path, generation: int) -> None:
        for entry in os.scandir(folder):
            match = MANIFEST_PATTERN.match(entry.name)
            if match and int(match.group(1)) < generation:
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


# -- reading and checking a generation ----------------------------------------------


REPAIR = "yomite verify --repair"
"""The command that rebuilds a damaged index, as typed for the default home: here, where
only the index's directory is known. `index.library` names another home's (`--home`)."""


def rebuild_it(repair: str = REPAIR) -> str:
    return f"rebuild it with `{repair}`"


def rebuild(repair: str = REPAIR) -> str:
    return f"rebuild with `{repair}`"


REBUILD_IT = rebuild_it()
REBUILD = rebuild()
"""What a damaged index's message ends with (`IndexUnavailable.advice`): not said by
the commands that rebuild it."""


MANIFEST_CRC = "manifest_crc32"
"""The manifest's own CRC-32 (of its JSON without this key): what it records of the
commit is checked as the files it lists are. A byte flipped in the roots it records
(`/corpus` read `/corpu)`) went unseen: verify said the corpus was away."""


def _manifest_crc(document: Mapping[str, Any]) -> str:
    unsummed = {key: value for key, value in document.items() if key != MANIFEST_CRC}
    text = json.dumps(unsummed, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return f"{zlib.crc32(text):08x}"


def manifest_bytes(document: Mapping[str, Any]) -> bytes:
    """`document` as the manifest's bytes, with its own CRC-32 (`MANIFEST_CRC`)."""
    summed = {**document, MANIFEST_CRC: _manifest_crc(document)}
    return json.dumps(summed, ensure_ascii=False, sort_keys=True).encode("utf-8")


def manifest_intact(document: Any) -> bool:
    """Whether `document`, a manifest read, is as written: its own CRC-32 matches (one of
    an earlier version, without it, is taken as it is)."""
    if not isinstance(document, dict):
        return False
    recorded = document.get(MANIFEST_CRC)
    return recorded is None or recorded == _manifest_crc(document)


def read_manifest(folder: Path, toc_generation: int) -> dict[str, Any]:
    path = folder / manifest_name(toc_generation)
    try:
        document = json.loads(path.read_bytes())
    except FileNotFoundError as error:
        raise IndexUnavailable(
            f"{folder}: the checksum manifest of the index is missing",
            repairable=True,
            advice=REBUILD_IT,
        ) from error
    except (OSError, ValueError) as error:
        raise IndexUnavailable(
            f"{path}: the checksum manifest is unreadable ({error})",
            repairable=True,
            advice=REBUILD,
        ) from error
    if not isinstance(document, dict) or not isinstance(document.get("files"), dict):
        raise IndexUnavailable(
            f"{path}: the checksum manifest is malformed", repairable=True, advice=REBUILD
        )
    if not manifest_intact(document):
        raise IndexUnavailable(
            f"{path}: the checksum manifest is damaged (its own checksum differs)",
            repairable=True,
            advice=REBUILD,
        )
    return document


def manifest_entry(folder: Path, toc_generation: int, name: str) -> dict[str, Any] | None:
    """The manifest's entry for `name` (size and CRC-32), None when it has none or the
    manifest cannot be read (then the file is not to be trusted)."""
    with contextlib.suppress(OSError, ValueError, LookupError, TypeError):
        document = json.loads((folder / manifest_name(toc_generation)).read_bytes())
        entry = document["files"][name] if manifest_intact(document) else None
        if isinstance(entry, dict):
            return entry
    return None


def matches_entry(data: bytes, entry: Mapping[str, Any] | None) -> bool:
    """Whether `data` are the bytes the manifest entry describes."""
    return (
        entry is not None
        and entry.get("size") == len(data)
        and entry.get("crc32") == f"{zlib.crc32(data):08x}"
    )


def add_to_manifest(folder: Path, toc_generation: int, name: str, data: bytes) -> None:
    """Record `data` as file `name` of the commit in its manifest, written after the
    commit (the saved article list is made from the committed index). Under the write
    lock only: the manifest is replaced whole. An unreadable manifest is left alone."""
    path = folder / manifest_name(toc_generation)
    document = json.loads(path.read_bytes())
    if not manifest_intact(document):
        return  # (damaged: left as it is, for the next open to refuse)
    document["files"][name] = {"size": len(data), "crc32": f"{zlib.crc32(data):08x}"}
    atomic_write(path, manifest_bytes(document))


def _damaged(folder: Path, detail: str) -> IndexUnavailable:
    return IndexUnavailable(
        f"the index in {folder} is damaged ({detail})", repairable=True, advice=REBUILD_IT
    )


STAMPS_FILE = "checked.json"
"""In each generation: the files whose bytes matched their manifest entry, with the
file system's stamps of them then (size, mtime, ctime, inode). An open trusts a file
whose stamps are unchanged instead of reading it again: any write through the file
system changes its ctime, and reading the ldcc index's 270 MB was ~0.2 s of the
reader's ~0.9 s cold start. `yomite verify` reads every byte (`fresh`)."""


def _stamp(info: os.stat_result) -> list[int]:
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _read_stamps(folder: Path) -> dict[str, list[Any]]:
    with contextlib.suppress(OSError, ValueError):
        stamps = json.loads((folder / STAMPS_FILE).read_bytes())
        if isinstance(stamps, dict):
            return stamps
    return {}


_STAMPS_PREFIX = ".checked-"


def _write_stamps(folder: Path, stamps: Mapping[str, list[Any]]) -> None:
    """Best effort (a read-only home keeps none): replaced whole, never half written."""
    with contextlib.suppress(OSError):
        fd, name = tempfile.mkstemp(dir=folder, prefix=_STAMPS_PREFIX, suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as stream:
                json.dump(stamps, stream)
            Path(name).replace(folder / STAMPS_FILE)
        except BaseException:
            with contextlib.suppress(OSError):
                Path(name).unlink()
            raise


def verify_files(folder: Path, names: Mapping[str, Any], *, fresh: bool = False) -> None:
    """Check each named file against its manifest entry (size, then CRC-32).

    `fresh` reads every byte again; otherwise a file checked before (in this process,
    or in any with the same stamps: STAMPS_FILE) is trusted.
    """
    stamps = {} if fresh else _read_stamps(folder)
    learned = False
    for name, expected in names.items():
        path = folder / name
        try:
            info = path.stat()
        except FileNotFoundError as error:
            raise _damaged(folder, f"{name} is missing") from error
        check_secure(path, info)  # Whoosh unpickles it
        if info.st_size != expected.get("size"):
            raise _damaged(folder, f"{name} has {info.st_size} bytes, expected {expected['size']}")
        checked = [*_stamp(info), expected.get("crc32")]
        if stamps.get(name) == checked:
            continue
        summed = _sums.checksum(path, fresh=fresh)
        if summed.crc32 != expected.get("crc32"):
            raise _damaged(folder, f"{name} fails its checksum")
        stamps[name] = checked
        learned = True
    if learned:
        _write_stamps(folder, stamps)


def latest_toc(folder: Path) -> int:
    return int(TOC._latest_generation(FileStorage(str(folder)), INDEX_NAME))


@dataclass(slots=True)
class OpenedIndex:
    generation_dir: Path
    toc_generation: int
    index: FileIndex
    storage: SyncedStorage
    meta: dict[str, Any]
    searcher: Any
    """A searcher over exactly the checked commit (its files stay readable even if a
    later commit or a generation switch deletes them)."""

    def close(self) -> None:
        self.searcher.close()


def open_generation(folder: Path, *, readonly: bool, fresh: bool = False) -> OpenedIndex:
    """Open the Whoosh index in `folder`, checking its files against the manifest first.

    `fresh`: checksum every byte, even of files this process has checked before.

    Retries when another process commits (and deletes old files) while we read.
    """
    last_error: Exception | None = None
    for _attempt in range(10):
        toc = latest_toc(folder)
        if toc < 0:
            if not folder.is_dir():  # CURRENT names a generation that is not there
                raise _damaged(folder.parent, f"{folder.name}, the one it names, is missing")
            raise _damaged(folder, "no table of contents")
        try:
            # What vouches for the files (and lets them go unread), and the saved list
            # (`index.summaries.summaries_file`); the TOC and segments: `verify_files`.
            for name in (manifest_name(toc), STAMPS_FILE, f"summaries-{toc}.json"):
                check_secure(folder / name)
            manifest = read_manifest(folder, toc)
            toc_name = TOC._filename(INDEX_NAME, toc)
            files: dict[str, Any] = manifest["files"]
            if toc_name not in files:
                raise _damaged(folder, f"{toc_name} is not in the manifest")
            # The TOC holds a pickle: check its bytes before Whoosh loads them.
            verify_files(folder, {toc_name: files[toc_name]}, fresh=fresh)
            storage = SyncedStorage(str(folder), readonly=readonly)
            index = FileIndex(storage, indexname=INDEX_NAME)
            contents = TOC.read(storage, INDEX_NAME, toc)
            segments = contents.segments
            used = {s.segment_id() for s in segments}
            segment_files = {
                name: entry
                for name, entry in files.items()
                if (m := _SEGMENT_PATTERN.match(name)) and m.group(1) in used
            }
            for segment_id in used:
                if not any(n.startswith(segment_id + ".") for n in segment_files):
                    raise _damaged(folder, f"segment {segment_id} is not in the manifest")
            verify_files(folder, segment_files, fresh=fresh)
            # Not index.searcher(): that rereads the latest TOC, which may be newer
            # than the one just checked, or gone with its generation.
            reader = FileIndex._reader(storage, contents.schema, list(segments), toc)
            searcher = Searcher(reader, fromindex=index)
        except IndexUnavailable as error:
            if latest_toc(folder) != toc:  # a commit replaced what we were reading
                last_error = error
                continue
            raise
        except FileNotFoundError as error:
            last_error = error
            time.sleep(0.05)
            continue
        except Exception as error:  # Whoosh raises anything from a damaged file
            if latest_toc(folder) != toc:
                last_error = error
                continue
            raise _damaged(folder, f"{type(error).__name__}: {error}") from error
        meta = manifest.get("meta")
        return OpenedIndex(
            folder, toc, index, storage, meta if isinstance(meta, dict) else {}, searcher
        )
    raise _damaged(folder, f"kept changing while being opened: {last_error}")


# -- generations --------------------------------------------------------------------


def generation_name(number: int) -> str:
    return f"{GENERATION_PREFIX}{number:06d}"


def generation_number(name: str) -> int | None:
    if not name.startswith(GENERATION_PREFIX):
        return None
    digits = name[len(GENERATION_PREFIX) :]
    return int(digits) if digits.isdigit() else None


def current_generation(index_dir: Path) -> Path | None:
    """The live generation directory named by CURRENT, or None if there is no index."""
    try:
        name = (index_dir / POINTER).read_text("ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise IndexUnavailable(
            f"{index_dir / POINTER} is unreadable ({error})", repairable=True, advice=REBUILD
        ) from error
    if generation_number(name) is None:
        raise IndexUnavailable(
            f"{index_dir / POINTER} names no generation ({name[:40]!r})",
            repairable=True,
            advice=REBUILD,
        )
    return index_dir / name


def commit_mark(index_dir: Path) -> tuple[str, int] | None:
    """Which commit is live: (generation, TOC number), None when there is none.

    Two marks taken around an interrupted write tell whether it committed.
    """
    try:
        folder = current_generation(index_dir)
        return None if folder is None else (folder.name, latest_toc(folder))
    except (OSError, LibraryError, ValueError):
        return None


def new_generation(index_dir: Path, schema: Any, meta: Mapping[str, Any]) -> OpenedIndex:
    """Create an empty index in a fresh generation directory (not yet live)."""
    numbers = [
        n for entry in os.scandir(index_dir) if (n := generation_number(entry.name)) is not None
    ]
    folder = index_dir / generation_name(max(numbers, default=0) + 1)
    folder.mkdir(mode=DIR_MODE)
    try:
        storage = SyncedStorage(str(folder))
        storage.meta = dict(meta)
        TOC.create(storage, schema, INDEX_NAME)
        return open_generation(folder, readonly=False)
    except BaseException:  # disk full, killed...: leave no half-made generation behind
        shutil.rmtree(folder, ignore_errors=True)
        raise


def switch_to(index_dir: Path, folder: Path) -> None:
    """Make `folder` the live generation (atomic), then delete the others."""
    atomic_write(index_dir / POINTER, f"{folder.name}\n".encode("ascii"))
    remove_other_generations(index_dir, keep=folder)


def remove_other_generations(index_dir: Path, *, keep: Path | None) -> None:
    """Delete generations other than `keep` (an interrupted rebuild, a replaced index).

    Readers in other processes that still have old files open keep reading them
    (POSIX); they move to the new generation on refresh.
    """
    for entry in os.scandir(index_dir):
        if generation_number(entry.name) is None or (keep and entry.name == keep.name):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)


_TOC_TEMPORARY = re.compile(rf"^_{INDEX_NAME}_[0-9]+\.toc\..")
"""A TOC being written (Whoosh renames it at the commit)."""

_STAMPS_TEMPORARY = re.compile(rf"^{re.escape(_STAMPS_PREFIX)}.*\.tmp$")
"""STAMPS_FILE being written (`_write_stamps`), left by a process killed meanwhile."""


def remove_uncommitted(index_dir: Path) -> None:
    """Delete the files of the live generation that its commit does not use: what a
    write that failed (disk full) or was killed had written, which kept the disk full
    for every later write. Under the write lock only.

    Whoosh deletes such files at its next commit (`clean_files`), which never came on
    a full disk. What the commit uses is read from its manifest (every segment file
    there when it committed), not from its TOC (a pickle): a file it names is never
    deleted, so readers, which read only committed files, are not disturbed (one
    writing its stamps meanwhile keeps none this time: best effort). Nothing
    is deleted when the manifest cannot be read. Never raises: best effort."""
    with contextlib.suppress(OSError, LibraryError, ValueError, LookupError, TypeError):
        folder = current_generation(index_dir)
        if folder is None:
            return
        toc = latest_toc(folder)
        if toc < 0:
            return
        committed = read_manifest(folder, toc)["files"]
        for entry in os.scandir(folder):
            name = entry.name
            written = (
                _SEGMENT_PATTERN.match(name)
                or _TOC_TEMPORARY.match(name)
                or _STAMPS_TEMPORARY.match(name)
            )
            if written and name not in committed and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    Path(entry.path).unlink()


# -- the write lock -----------------------------------------------------------------


def being_written(index_dir: Path) -> bool:
    """Whether another process holds the index's write lock (`write_lock`): updating the
    index, or building a home's first one. A look, not a wait: a shared lock tried
    and let go at once (a writer starting meanwhile waits for it a moment, as for any
    other). False where the lock file is not there or cannot be opened."""
    try:
        handle = os.open(index_dir / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError as error:
        return error.errno in (errno.EAGAIN, errno.EACCES)
    finally:
        os.close(handle)  # closing releases the flock
    return False


@contextlib.contextmanager
def write_lock(index_dir: Path, *, timeout: float = 1.0) -> Iterator[None]:
    """Hold the index's write lock, or raise IndexBusy after `timeout` seconds.

    An flock belongs to the open file: the kernel drops it when the holder dies,
    so a lock file left by a killed process never blocks anyone.
    """
    path = index_dir / LOCK_FILE
    handle = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexBusy(
                        f"the index in {index_dir} is being updated by another process; "
                        f"try again when it has finished"
                    ) from None
                time.sleep(0.05)
        with contextlib.suppress(OSError):
            os.ftruncate(handle, 0)
            os.write(handle, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(handle)  # closing releases the flock
