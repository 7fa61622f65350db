"""A reading typed in hiragana cut into the words an index knows, at their fewest
(ていせんこうしょう: ていせん|こうしょう): `segment_reading`, asked by `index.compiler`
with what the index holds (a word read so, two words standing together).
"""

from __future__ import annotations

from collections.abc import Callable

LONGEST_READING = 32
"""The longest word (in kana) a reading of several words is cut into, but for the whole
reading typed as one word: ldcc's longest reading is 24 kana (a katakana name MeCab
does not know, ふぉっくすほーむえんたーていんめんとじゃぱん). Trying every cut of a pasted
reading asked the index for each of its substrings: とうきょう×100 took 4.6 s."""


def segment_reading(
    reading: str,
    known: Callable[[str], bool],
    joined: Callable[[str, str], bool] | None = None,
    *,
    known_first: Callable[[str], bool] | None = None,
) -> list[str] | None:
    """Split a hiragana string into the fewest known readings (てい|せん is worse than ていせん),
    each piece `joined` to the one before it when given (the index holds the pair), the
    first one `known_first` when given (a voiced reading follows another word only).

    Pieces of one character are allowed only when no split without them exists,
    since almost every single kana is some word's reading. Among splits of as
    many pieces, the one whose last piece starts latest wins. A piece is at most
    LONGEST_READING kana, unless it is the whole reading.
    """
    size = len(reading)
    asked: dict[tuple[bool, str], bool] = {}

    def holds(first: bool, piece: str) -> bool:
        key = (first, piece)
        found = asked.get(key)
        if found is None:
            check = known_first if first and known_first is not None else known
            found = asked[key] = check(piece)
        return found

    for shortest in (2, 1):
        # best[end]: for each last piece, (pieces spelling reading[:end] with it at
        # their fewest, where the piece starts, the piece before it)
        best: list[dict[str, tuple[int, int, str]]] = [{} for _ in range(size + 1)]
        best[0][""] = (0, 0, "")
        for end in range(1, size + 1):
            lowest = 0 if end == size else max(0, end - LONGEST_READING)
            for start in range(end - shortest, lowest - 1, -1):
                if not best[start]:
                    continue
                if end - start > LONGEST_READING and (start, end) != (0, size):
                    continue
                piece = reading[start:end]
                if not holds(start == 0, piece):
                    continue
                for last, (count, _, _) in best[start].items():
                    if last and joined is not None and not joined(last, piece):
                        continue
                    current = best[end].get(piece)
                    if current is None or count + 1 < current[0]:
                        best[end][piece] = (count + 1, start, last)
        if best[size]:
            ends = best[size]
            piece = min(ends, key=lambda last: ends[last][0])
            pieces: list[str] = []
            end = size
            while piece:
                _, start, before = best[end][piece]
                pieces.append(piece)
                end, piece = start, before
            return pieces[::-1]
    return None
