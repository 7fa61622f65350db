"""The stop bits a content field keeps (`index.stops`), read back as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.stops import gaps_between, holds_stops, packed
from index.terms import stop_flags


@given(st.lists(st.booleans(), max_size=300))
def test_each_position_reads_back_whether_a_stop_word_stands_there(flags: list[bool]) -> None:
    bits = packed(bytes(flags))
    assert [holds_stops(bits, at, (0,)) for at in range(len(flags) + 9)] == [
        *flags,
        *[False] * 9,
    ]


def test_the_stop_bits_of_a_text_are_its_particles_and_symbols() -> None:
    # 東京|工業|大学|で|、|東京|の|大学|に|。
    bits = packed(stop_flags("東京工業大学で、東京の大学に。"))
    gaps = gaps_between((0, 2))
    assert gaps == (1,)
    assert not holds_stops(bits, 0, gaps)  # 工業
    assert holds_stops(bits, 5, gaps)  # の
