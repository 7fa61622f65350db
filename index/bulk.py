"""A new index segment written in bulk: Whoosh's on-disk format, without its per-posting path.

A full build spends most of its time in Whoosh's pure-Python writer: every
posting becomes a tuple in a sorting pool (spilled to disk and merged once
it passes `limitmb`), and every term of the segment then goes through half a
dozen method calls, each field length read back from the column just written.
`BulkSegment` does the same work with less Python: postings are grouped by
field and term as documents come in (no pool, no sort of millions of tuples),
field lengths are kept from when they were computed, and each term's blocks
are written by one function.

The bytes written are Whoosh's own (W3Codec's posting blocks, term table and
per-document columns; tests/test_build.py compares them with what
`SegmentWriter` writes), so nothing reading the index knows the difference,
and the segment's codec is the plain `W3Codec`; only each posting block's data is
pickled and compressed as `index.blocks` writes it, which reads several times
faster (and which Whoosh's writer does too where it merges segments).

The fields fed by the Japanese analyzers are analysed straight from the
cached MeCab parse (`index.terms.field_terms`) instead of through Whoosh's
token stream; any other field goes through `field.index()` as Whoosh would.
Term vectors and separate spelling words are not written: a schema asking for
them is refused.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterable
from functools import partial
from hashlib import md5
from itertools import starmap
from operator import sub
from pickle import dumps
from typing import Any

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.filedb.filetables import md5_hash
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from index.blocks import BLOCK_PROTOCOL, COMPRESS_FROM, block_bytes
from index.terms import (
    COUNTS_ONLY,
    TermsKind,
    field_counts,
    field_terms,
    forget_texts,
    frequency,
    terms_kind,
)

_TERMINFO = W3TermInfo._struct
_KEY_LENGTHS = struct.Struct("!ii")
"""filetables.HashWriter's (key length, value length) before each entry."""
_POINTER = struct.Struct("!Iq")
"""filetables.HashWriter's hash table slot: (key hash, entry position)."""
_NULL_POINTER = (0, 0)
"""An empty slot (no entry starts at 0: the file's header is there)."""


_Terms = dict[bytes, tuple[Any, ...] | list[Any]]
"""A field's postings: term bytes -> flat (docnum, weight, value, ...), see `_FieldPostings`."""


class _FieldPostings:
    """The postings of one field: term bytes -> flat [docnum, weight, value, ...]."""

    __slots__ = ("fieldobj", "lengths", "terms", "weight_scale")

    def __init__(self, fieldobj: Any, weight_scale: float) -> None:
        self.fieldobj = fieldobj
        self.terms: _Terms = {}
        """A term's first posting is a tuple (two thirds of a build's terms have one,
        and every term of a long text's lines held a list: 1.5 million distinct lines
        made 4.5 million), a list from its second."""
        self.lengths: dict[int, int] = {}
        """docnum -> field length as Whoosh reads it back (quantised to a byte)."""
        self.weight_scale = weight_scale
        """Multiplies the stored weights (a term count for analysed fields)."""


class BulkSegment:
    """Adds documents to a new segment of `index`; `finish()` writes it and returns it.

    Same contract as Whoosh's `SegmentWriter` used without a lock (as a worker of a
    multi-process build): the caller adds the returned segment to a commit.
    """

    def __init__(
        self, index: Any, *, compress_from: int | None = COMPRESS_FROM, **writer_options: Any
    ) -> None:
        unsupported = [
            name
            for name, fieldobj in index.schema.items()
            if fieldobj.vector or fieldobj.separate_spelling()
        ]
        if unsupported:
            raise ValueError(f"bulk segments write no vectors or spellings: {unsupported}")
        self.writer = SegmentWriter(index, _lk=False, **writer_options)
        self.schema = self.writer.schema
        self.compression = self.writer.codec._compression
        self.compress_from = compress_from
        self.blocklimit = 128
        self._fields: dict[str, _FieldPostings] = {}
        self._kinds: dict[str, TermsKind | None] = {}

    def add_document(self, **document: Any) -> None:
        writer = self.writer
        schema = self.schema
        perdoc = writer.perdocwriter
        docnum = writer.docnum
        names = sorted(name for name in document if not name.startswith("_"))
        if len(names) != len(document):
            raise ValueError("bulk documents take no per-document boosts or stored overrides")
        writer._check_fields(schema, names)
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = document[name]
                if value is None:
                    continue
                fieldobj = schema[name]
                length = 0
                if fieldobj.indexed:
                    length = self._index_value(name, fieldobj, value, docnum)
                perdoc.add_field(name, fieldobj, value if fieldobj.stored else None, length)
                column = fieldobj.column_type
                if column:
                    perdoc.add_column_value(name, column, fieldobj.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1

    def _postings_of(self, name: str, fieldobj: Any, kind: TermsKind | None) -> _FieldPostings:
        postings = self._fields.get(name)
        if postings is None:
            scale = fieldobj.format.field_boost if kind is not None else 1.0
            postings = self._fields[name] = _FieldPostings(fieldobj, scale)
        return postings

    def _index_value(self, name: str, fieldobj: Any, value: Any, docnum: int) -> int:
        """Add the postings of field `name`'s `value` in document `docnum`: its terms
        taken straight from the analysis where `terms_kind` knows the field's analyzer
        (by count only, or with their values), else from Whoosh's `fieldobj.index()`.
        The field's length (its term count), kept for scoring; 0 for a field not scored.
        """
        if name not in self._kinds:
            self._kinds[name] = terms_kind(fieldobj)
        kind = self._kinds[name]
        postings = self._postings_of(name, fieldobj, kind)
        if kind is None or not isinstance(value, str):
            length = _add_indexed(postings.terms, fieldobj.index(value), docnum)
        elif kind[0] in COUNTS_ONLY:
            length = _add_counts(postings.terms, field_counts(kind, value), docnum)
        else:
            length = _add_terms(postings.terms, field_terms(kind, value), docnum)
        if not fieldobj.scorable:
            return 0
        if length:
            quantised = length_to_byte(length)
            if quantised:
                postings.lengths[docnum] = byte_to_length(quantised)
        return length

    def finish(self) -> Any:
        """Write the postings and close the segment; None when nothing was added."""
        writer = self.writer
        if not writer._added:
            writer._close_segment()
            return None
        writer.perdocwriter.close()
        forget_texts()  # the texts' analyses: their terms are in the postings now
        fieldwriter = writer.fieldwriter
        tindex = fieldwriter._tindex
        # (hash, position) of each term in the table, as two arrays a bucket: a tuple
        # of two ints a term (~130 bytes) for the 4.5 million terms of a text of 1.5
        # million distinct lines was most of what writing its segment added.
        tindex.buckets = [(array("Q"), array("Q")) for _ in tindex.buckets]
        tindex._write_hashes = partial(_write_hashes, tindex)
        for name in sorted(self._fields):
            # Each field's postings let go once written (a long text's are most of a
            # build's memory).
            postings = self._fields.pop(name)
            if postings.terms:  # Whoosh starts a field at its first posting
                self._write_field(fieldwriter, name, postings)
            del postings
        fieldwriter.close()
        writer._close_segment()
        writer._assemble_segment()
        return writer.get_segment()

    def _write_field(self, fieldwriter: Any, name: str, postings: _FieldPostings) -> None:
        """W3FieldWriter.start_field/start_term/add/finish_term and OrderedHashWriter.add,
        inlined; each term's postings encoded by `_TermEncoder`.

        Keep byte for byte what they write: readers decode these blocks.
        """
        fieldwriter.start_field(name, postings.fieldobj)
        encoder = _TermEncoder(postings, self.blocklimit, self.compression, self.compress_from)
        encode, encode_single = encoder.encode, encoder.encode_single
        # Two thirds of a build's terms have one posting, and within a field most of
        # those share their (document, count, value) with others: and so their bytes.
        singles: dict[tuple[Any, ...], tuple[bytes, bytes]] = {}
        memoise_singles = encoder.fixed_size is not None and encoder.fixed_size >= 0
        postfile = fieldwriter._postfile
        tindex = fieldwriter._tindex
        hashfn = _md5_hash if tindex.hashfn is md5_hash else tindex.hashfn
        buckets = tindex.buckets
        keypositions = tindex.index
        lastkey = tindex.lastkey
        pack_key_lengths = _KEY_LENGTHS.pack
        field_prefix = pack_ushort(fieldwriter._fieldid)
        chunks: list[bytes] = []
        offset = postfile.tell()
        keys_at = tindex.dbfile.tell()
        keys_chunks: list[bytes] = []
        terms = postings.terms
        for term in sorted(terms):
            flat = terms.pop(term)  # let go as written
            encoded: tuple[bytes, bytes] | None
            if not isinstance(flat, tuple):  # postings of several documents
                encoded = encode(flat)
            elif memoise_singles:
                encoded = singles.get(flat)
                if encoded is None:
                    encoded = singles[flat] = encode_single(flat[0], flat[1], flat[2])
            else:
                encoded = encode_single(flat[0], flat[1], flat[2])
            block, terminfo_head = encoded
            chunks.append(block)
            # W3TermInfo.to_bytes (never inlined: W3Codec's inlinelimit is 1)
            terminfo = terminfo_head + pack_long(offset) + pack_int(len(block))
            offset += len(block)
            # OrderedHashWriter.add
            key = field_prefix + term
            if key <= lastkey:
                raise ValueError(f"terms out of order in field {name!r}")
            keypositions.append(keys_at)
            keys_chunks.append(pack_key_lengths(len(key), len(terminfo)))
            keys_chunks.append(key)
            keys_chunks.append(terminfo)
            hashed = hashfn(key)
            hashes, positions = buckets[hashed & 255]
            hashes.append(hashed)
            positions.append(keys_at)
            keys_at += 8 + len(key) + len(terminfo)
            lastkey = key
            if len(chunks) > 4096:
                postfile.write(b"".join(chunks))
                chunks.clear()
            if len(keys_chunks) > 4096:
                tindex.dbfile.write(b"".join(keys_chunks))
                keys_chunks.clear()
        postfile.write(b"".join(chunks))
        tindex.dbfile.write(b"".join(keys_chunks))
        tindex.lastkey = lastkey
        fieldwriter.finish_field()


# The postings of one document's field, added to its terms' flat lists (see
# `_FieldPostings.terms`). Three loops alike, one a kind of terms: a step a term is
# the build's hot path (4.4 million postings over ldcc), kept free of calls.


def _add_counts(terms: _Terms, counts: dict[bytes, int], docnum: int) -> int:
    """(docnum, count, encoded value) of each term of `counts`, the document's
    {term: count}: the weight is the count times the field boost, applied when written
    (Whoosh's Format.word_values). The value is the count's (`frequency`): the terms of
    one count share one posting tuple (3 million pairs of a text of 1.5 million
    distinct lines held one each). The field's length."""
    shared: dict[int, tuple[int, int, bytes]] = {}
    for term, count in counts.items():
        posting = shared.get(count)
        if posting is None:
            posting = shared[count] = (docnum, count, frequency(count))
        found = terms.get(term)
        if found is None:
            terms[term] = posting
        elif isinstance(found, tuple):
            terms[term] = [*found, *posting]
        else:
            found += posting
    return sum(counts.values())


def _add_terms(terms: _Terms, found_terms: Iterable[tuple[bytes, int, bytes]], docnum: int) -> int:
    """(docnum, count, encoded value) of each (term bytes, count, encoded value) of
    `found_terms` (`field_terms`). The field's length."""
    length = 0
    for term, count, encoded in found_terms:
        length += count
        found = terms.get(term)
        if found is None:
            terms[term] = (docnum, count, encoded)
        elif isinstance(found, tuple):
            terms[term] = [*found, docnum, count, encoded]
        else:
            found += (docnum, count, encoded)
    return length


def _add_indexed(
    terms: _Terms, indexed: Iterable[tuple[bytes, int, float, bytes]], docnum: int
) -> int:
    """(docnum, weight, encoded value) of each (term, count, weight, encoded value) of
    `indexed` (Whoosh's `fieldobj.index()`, for the fields `terms_kind` does not know).
    The field's length."""
    length = 0
    for term, count, weight, encoded in indexed:
        length += count
        found = terms.get(term)
        if found is None:
            terms[term] = (docnum, weight, encoded)
        elif isinstance(found, tuple):
            terms[term] = [*found, docnum, weight, encoded]
        else:
            found += (docnum, weight, encoded)
    return length


def _write_hashes(tindex: Any) -> None:
    """HashWriter._write_hashes (the term table's 256 hash tables), each table written
    in one piece instead of an entry at a time."""
    dbfile = tindex.dbfile
    pack_pointer = _POINTER.pack
    for hashes, positions in tindex.buckets:
        numslots = 2 * len(hashes)
        tindex.directory.append((dbfile.tell(), numslots))
        hashtable = [_NULL_POINTER] * numslots
        for hashval, position in zip(hashes, positions, strict=True):
            slot = (hashval >> 8) % numslots
            while hashtable[slot] is not _NULL_POINTER:
                slot = (slot + 1) % numslots
            hashtable[slot] = (hashval, position)
        dbfile.write(b"".join(starmap(pack_pointer, hashtable)))


def _md5_hash(key: bytes) -> int:
    """filetables.md5_hash (the low 32 bits of the key's MD5), without the hex round trip."""
    return int.from_bytes(md5(key, usedforsecurity=False).digest()[12:], "big")


class _TermEncoder:
    """The bytes of one field's terms: W3PostingsWriter's blocks and W3TermInfo's head.

    `encode(flat)` -> (the term's posting blocks, magic first; the packed W3TermInfo
    statistics, to which the caller adds the blocks' offset and length).
    """

    __slots__ = (
        "blocklimit",
        "compress_from",
        "compression",
        "fixed_size",
        "lengths_get",
        "scale",
    )

    def __init__(
        self,
        postings: _FieldPostings,
        blocklimit: int,
        compression: int,
        compress_from: int | None,
    ) -> None:
        self.lengths_get = postings.lengths.get
        self.scale = postings.weight_scale
        self.fixed_size = postings.fieldobj.format.fixed_value_size()
        self.blocklimit = blocklimit
        self.compression = compression
        self.compress_from = compress_from

    def _values(self, values: Any) -> Any:
        """W3PostingsWriter._mini_values of the block's (non-empty) values."""
        fixed_size = self.fixed_size
        if fixed_size is None or fixed_size < 0:
            return tuple(values)
        if fixed_size == 0:
            return None
        return b"".join(values)

    def encode_single(self, docnum: int, raw_weight: Any, value: Any) -> tuple[bytes, bytes]:
        """`encode([docnum, raw_weight, value])`, with no list, slice or array."""
        scale = self.scale
        block_max_weight = raw_weight * scale if raw_weight > 0 else 0
        weight = array("f", (raw_weight * scale,))[0]  # float32, as the block stores it
        length = self.lengths_get(docnum) or None
        data = dumps(
            (
                (docnum,),
                None if weight == 1.0 else weight,
                self._values((value,) if value else ()),
            ),
            BLOCK_PROTOCOL,
        )
        length_byte = length_to_byte(length)  # 0 for None, as for no length
        info = (1, docnum, block_max_weight, 0, length_byte, length_byte)
        size, header, body = block_bytes(data, info, True, self.compression, self.compress_from)
        block = b"".join((WHOOSH3_HEADER_MAGIC, size, header, body))
        head = _TERMINFO.pack(
            False,
            weight,
            1,
            length_byte,
            length_byte,
            max(0, block_max_weight),
            docnum,
            docnum,
        )
        return block, head

    def encode(self, flat: list[Any]) -> tuple[bytes, bytes]:
        """The blocks and W3TermInfo statistics of postings [docnum, weight, value, ...]."""
        scale = self.scale
        lengths_get = self.lengths_get
        blocklimit = self.blocklimit
        count = len(flat) // 3
        chunks = [WHOOSH3_HEADER_MAGIC]
        total_weight: float = 0
        minlength: int | None = None
        maxlength = 0
        maxweight: float = 0
        for block_start in range(0, count, blocklimit):
            block_end = min(block_start + blocklimit, count)
            # Per posting, only C loops (map, filter, slices, array methods): a block
            # is most of what a build writes.
            ids = flat[block_start * 3 : block_end * 3 : 3]
            raw_weights = flat[block_start * 3 + 1 : block_end * 3 : 3]
            top = max(raw_weights)
            block_max_weight = top * scale if top > 0 else 0  # a float, as Whoosh's
            if scale != 1.0:
                raw_weights = [w * scale for w in raw_weights]
            weights = array("f", raw_weights)  # what the block stores: float32
            known = list(filter(None, map(lengths_get, ids)))
            block_min = min(known) if known else None
            block_max = max(known) if known else 0
            total_weight += sum(weights)
            if minlength is None:
                minlength = block_min
            elif block_min is not None:
                minlength = min(minlength, block_min)
            maxlength = max(maxlength, block_max)
            maxweight = max(maxweight, block_max_weight)
            # W3PostingsWriter._mini_ids/_mini_weights/_mini_values
            previous_ids = ids[:-1]
            previous_ids.insert(0, 0)
            deltas = tuple(map(sub, ids, previous_ids))
            mini_weights: Any
            if weights.count(1.0) == len(weights):
                mini_weights = None
            elif weights.count(weights[0]) == len(weights):
                mini_weights = weights[0]
            else:
                mini_weights = tuple(weights)
            values = filter(None, flat[block_start * 3 + 2 : block_end * 3 : 3])
            data = dumps((deltas, mini_weights, self._values(values)), BLOCK_PROTOCOL)
            info = (
                len(ids),
                ids[-1],
                block_max_weight,
                0,
                length_to_byte(block_min),
                length_to_byte(block_max),
            )
            chunks.extend(
                block_bytes(data, info, block_end == count, self.compression, self.compress_from)
            )
        head = _TERMINFO.pack(
            False,
            total_weight,
            count,
            0 if minlength is None else length_to_byte(minlength),
            length_to_byte(maxlength),
            maxweight,
            flat[0],
            flat[-3],
        )
        return b"".join(chunks), head
