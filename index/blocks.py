"""How a posting block is written: W3Codec's layout, pickled and compressed the way
this index reads fastest, by `BulkSegment` (index.bulk) and by Whoosh's own writer
where it merges segments (`write_blocks_as_built`).

A block is its length (negative for a term's last), the pickled tuple of its counts
(Whoosh's header, protocol 2, as Whoosh writes it) and its data: the pickled tuple of
its ids, weights and values, compressed with zlib or not (the header says which).
Whoosh reads any pickle protocol and looks at the header for compression, so
segments written either way read alike; this module only writes them faster to read.

Imports no analyzer: a merge writes blocks without MeCab.
"""

from __future__ import annotations

import zlib
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3PostingsWriter
from whoosh.system import pack_int
from whoosh.util.numeric import length_to_byte

BLOCK_PROTOCOL = 4
"""The pickle protocol of a posting block's data (its ids, weights and values).

Whoosh pickles with protocol 2, which has no opcode for bytes: each posting's value
(its positions) is written as a call of `_codecs.encode` on a latin-1 str, and read
back by that call. With protocol 4 a value is its bytes: 為る's 3,600 postings in
an ldcc segment unpickle in 0.33 ms, not 2.75, and take 605 KB, not 734."""

COMPRESS_FROM: int | None = None
"""Posting blocks whose pickle is at least this many bytes are compressed with zlib
(each block says whether it is, and readers look); None: none is.

Uncompressed by default: as-you-type search reads whole posting blocks of the most
frequent terms on every keystroke, and unzipping them was ~15% of a first
keystroke's search over ldcc (ス, 日, 東日本大: 127-135 -> 109-114 ms for 14 such
searches, the same index built both ways). The index grew by ~40% (185 -> 259 MB, with
blocks pickled as Whoosh does; as BLOCK_PROTOCOL has them, ldcc's is 223 MB)."""


def block_bytes(
    data: bytes, info: tuple[Any, ...], last: bool, compression: int, compress_from: int | None
) -> tuple[bytes, bytes, bytes]:
    """A block's length, header and data (`data`: its pickle), the data compressed
    where that pays (see COMPRESS_FROM; `compression`: zlib's level, 0 for none).

    Whoosh compresses every block; most hold a posting or two, which zlib makes
    longer, and its setup costs more than the pickling.
    """
    if compression and compress_from is not None and len(data) >= compress_from:
        packed = zlib.compress(data, compression)
        if len(packed) < len(data):
            data = packed
            info = (*info[:3], compression, *info[4:])
    header = dumps(info, 2)
    size = len(header) + len(data)
    return pack_int(-size if last else size), header, data


class _BlockWriter(W3PostingsWriter):  # type: ignore[misc]
    """W3PostingsWriter writing each block as `block_bytes` does (its `_write_block`
    otherwise, step for step: whoosh-reloaded 2.7.5 is pinned)."""

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = dumps((self._mini_ids(), self._mini_weights(), self._mini_values()), BLOCK_PROTOCOL)
        ids = self._ids
        info = (
            len(ids),
            ids[-1],
            self._maxweight,
            0,
            length_to_byte(self._minlength),
            length_to_byte(self._maxlength),
        )
        for chunk in block_bytes(data, info, last, self._compression, COMPRESS_FROM):
            self._postfile.write(chunk)
        self._blockcount += 1
        self._new_block()


class _BlockCodec(W3Codec):  # type: ignore[misc]
    """A W3Codec whose postings writer is `_BlockWriter`: held by a writer's field
    writer alone, never pickled (the segment keeps the writer's own W3Codec)."""

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        return _BlockWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )


def write_blocks_as_built(writer: Any) -> None:
    """Have Whoosh's SegmentWriter `writer` write its posting blocks as a build does
    (`block_bytes`): the segments it merges read as fast as `BulkSegment`'s. Whoosh's
    own blocks (protocol 2, every one compressed) took 3-9 times as long to unpickle."""
    fieldwriter = writer.fieldwriter
    codec = fieldwriter._codec
    fieldwriter._codec = _BlockCodec(codec._blocklimit, codec._compression, codec._inlinelimit)
