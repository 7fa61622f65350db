"""The line breaker and cell widths (index/typeset.py).

Invariants checked on every wrapped text (hand-written, seeds, ldcc, hypothesis):

- nothing lost or duplicated: the lines appear in order, and between two
  lines there is only whitespace: spaces/tabs dropped at a soft break, or
  trailing spaces plus the `\\n` at a hard break;
- no line wider than the width;
- kinsoku: no line starts with a NO_LINE_START character and no line ends with
  a NO_LINE_END one, and no Latin word is split, *unless* the broken line had no
  legal break at all (a run of closers, or a word/URL, longer than the line):
  the one documented exception.
"""

from __future__ import annotations

import itertools
import random
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.text import Span, Text

from index.config import ReaderConfig
from index.model import TABLE_COLUMNS
from index.phrases import phrase_boundaries, word_boundaries
from index.typeset import (
    NO_LINE_END,
    NO_LINE_START,
    AmbiguousWidth,
    PreparedText,
    TypesetText,
    Typesetting,
    cell_width,
    char_cells,
    is_word_char,
    resolve_ambiguous_width,
    typeset,
)
from tui.typeset import use_ascii_borders

SPACES = " \t"


def lines_of(
    text: str,
    width: int,
    *,
    breaks: Sequence[int] | None = None,
    word_breaks: Sequence[int] | None = None,
    keep_together: Sequence[tuple[int, int]] = (),
    ambiguous_width: AmbiguousWidth = 1,
) -> list[str]:
    """The lines `PreparedText.wrap` cuts `text` into, with those of its options the
    tests use (its defaults)."""
    ranges = PreparedText(
        text,
        breaks=breaks,
        word_breaks=word_breaks,
        keep_together=keep_together,
        ambiguous_width=ambiguous_width,
    ).wrap(width)
    return [text[start:end] for start, end in ranges]


def legal_break(text: str, at: int) -> bool:
    """Could a line break before text[at] without breaking a rule? (The spec, restated.)"""
    before = at
    while before > 0 and text[before - 1] in SPACES:
        before -= 1
    after = at
    while after < len(text) and text[after] in SPACES:
        after += 1
    if before == 0 or after == len(text):
        return False
    last, first = text[before - 1], text[after]
    if last in NO_LINE_END or first in NO_LINE_START or char_cells(first) == 0:
        return False
    if last == "\u200d":
        return False
    spaced = before != after
    return spaced or not (is_word_char(last) and is_word_char(first))


def check_invariants(
    text: str, width: int, ambiguous_width: AmbiguousWidth = 1, *, phrases: bool = False
) -> list[tuple[int, int]]:
    lines = PreparedText(
        text,
        breaks=phrase_boundaries(text) if phrases else None,
        word_breaks=word_boundaries(text) if phrases else None,
        ambiguous_width=ambiguous_width,
    ).wrap(width)
    assert lines, "even an empty text is one (empty) line"
    assert lines[0][0] == 0
    for (start, end), (next_start, _) in itertools.pairwise(lines):
        gap = text[end:next_start]
        assert re.fullmatch(r"[ \t]*\n?|[ \t\u3000]+", gap), f"text lost between lines: {gap!r}"
        if "\n" in gap:
            continue
        assert gap or next_start == end
        line_has_legal_break = any(legal_break(text, at) for at in range(start + 1, end + 1))
        if text[next_start] in NO_LINE_START:
            assert not line_has_legal_break, f"line starts with {text[next_start]!r}"
        if end > start and text[end - 1] in NO_LINE_END:
            assert not line_has_legal_break, f"line ends with {text[end - 1]!r}"
        if not gap and is_word_char(text[end - 1]) and is_word_char(text[next_start]):
            assert not line_has_legal_break, f"word split: {text[start : next_start + 5]!r}"
    assert re.fullmatch(r"[ \t\u3000]*", text[lines[-1][1] :])
    assert sum(
        text[end:next].count("\n") for (_, end), (next, _) in itertools.pairwise(lines)
    ) == text.count("\n")
    for start, end in lines:
        line = text[start:end]
        one_character = len(line.rstrip("\u200d\ufe0f\u0301")) <= 1
        # Measured from the line's hard start: a tab reaches its stop counted from there.
        hard = text.rfind("\n", 0, start) + 1
        cells = cell_width(text[hard:end], ambiguous_width) - cell_width(
            text[hard:start], ambiguous_width
        )
        assert cells <= width or one_character, line
    return lines


# -- hand-written cases, one per rule ----------------------------------------------------


def test_closing_punctuation_never_starts_a_line() -> None:
    # 5 cells wide: 。 would start line 2, so お moves down with it (oidashi).
    assert lines_of("あいうえお。かきくけこ", 10) == ["あいうえ", "お。かきく", "けこ"]
    assert lines_of("あいうえお、かきくけこ", 10) == ["あいうえ", "お、かきく", "けこ"]


def test_closing_brackets_and_quotes_never_start_a_line() -> None:
    assert lines_of("あいうえ」です", 8) == ["あいう", "え」です"]
    assert lines_of("あいうえ）です", 8) == ["あいう", "え）です"]
    assert lines_of("あいうえ”です", 8) == ["あいう", "え”です"]


def test_small_kana_and_prolonged_sound_never_start_a_line() -> None:
    assert lines_of("あいうえおっと", 10) == ["あいうえ", "おっと"]
    assert lines_of("コンピューター", 8) == ["コン", "ピュー", "ター"]
    assert lines_of("ひとびと人々", 10) == ["ひとびと", "人々"]


def test_opening_brackets_never_end_a_line() -> None:
    assert lines_of("今日は「晴れ」です", 8) == ["今日は", "「晴れ」", "です"]
    assert lines_of("あいう「えお", 8) == ["あいう", "「えお"]
    assert lines_of("あいう（えお", 8) == ["あいう", "（えお"]


def test_ascii_brackets_and_punctuation_follow_the_same_rules() -> None:
    assert lines_of("テスト(test)です。", 8) == ["テスト", "(test)で", "す。"]
    assert lines_of("あいう!えお", 6) == ["あい", "う!え", "お"]


def test_latin_words_are_not_split() -> None:
    assert lines_of("これはbreaking newsです", 12) == ["これは", "breaking", "newsです"]


def test_a_url_longer_than_the_line_is_cut_after_a_slash_never_before_a_dot() -> None:
    text = "詳細はhttps://example.com/a/b/c/d/eを参照"
    assert lines_of(text, 12) == ["詳細は", "https://", "example.com/", "a/b/c/d/eを", "参照"]
    card = "出典/画像元: https://globe.asahi.com/article/1085460/ です"
    assert lines_of(card, 30)[1:] == ["https://globe.asahi.com/", "article/1085460/ です"]
    # No separator in the line's last third: cut at the width (not before the dot).
    assert lines_of("https://www.yomiuri.co.jp/world/", 24)[0] == "https://www.yomiuri.co.j"


def test_mixed_latin_and_japanese_fill_the_line() -> None:
    text = "Breaking news: トランプ前大統領が電撃和平交渉"
    assert lines_of(text, 20) == ["Breaking news: トラ", "ンプ前大統領が電撃和", "平交渉"]


def test_spaces_at_a_break_are_dropped_and_a_newline_is_a_hard_break() -> None:
    assert lines_of("abc def   ghi", 7) == ["abc def", "ghi"]
    assert lines_of("あい\n\nうえ", 10) == ["あい", "", "うえ"]


def test_an_ideographic_space_does_not_open_a_line_inside_a_paragraph() -> None:
    # A livedoor body line: "…スタート！　一周年記念で…" broke before the space, and the
    # next line began indented as if it were a paragraph of its own.
    assert lines_of("あいうえお！　かきくけこ", 12) == ["あいうえお！", "かきくけこ"]
    assert lines_of("あい\n　うえ", 10) == ["あい", "　うえ"]  # indentation kept


def test_phrase_boundaries_win_over_a_fuller_line_by_a_few_cells() -> None:
    text = "トランプ前大統領がロシアとウクライナの和平交渉を進め、早期終戦を目指している。"
    greedy = lines_of(text, 20)
    assert greedy == [
        "トランプ前大統領がロ",
        "シアとウクライナの和",
        "平交渉を進め、早期終",
        "戦を目指している。",
    ]
    phrased = lines_of(text, 20, breaks=phrase_boundaries(text))
    assert phrased == [
        "トランプ前大統領が",
        "ロシアとウクライナの",
        "和平交渉を進め、早期",  # 早期終戦を would leave 4 empty cells: too ragged
        "終戦を目指している。",
    ]


def test_a_run_of_closers_longer_than_the_line_is_the_exception() -> None:
    assert lines_of("」」」」」」", 4) == ["」」", "」」", "」」"]


def test_keep_together_ranges_move_as_one() -> None:
    text = "あいう東京(とうきょう)へ"
    assert lines_of(text, 16) == ["あいう東京(とう", "きょう)へ"]
    assert lines_of(text, 16, keep_together=[(3, 12)]) == ["あいう", "東京(とうきょう)", "へ"]


def test_typeset_keeps_highlight_spans() -> None:
    text = Text("トランプ氏は「かなり進展」していると述べた。")
    text.stylize("reverse", 7, 9)  # かな
    lines = typeset(text, 10, Typesetting(phrase_breaking=False))
    assert [line.plain for line in lines] == [
        "トランプ氏",
        "は「かなり",
        "進展」して",
        "いると述べ",
        "た。",
    ]
    highlighted = [line.plain[span.start : span.end] for line in lines for span in line.spans]
    assert highlighted == ["かな"]


def test_rewrapping_reuses_the_prepared_text() -> None:
    prepared = PreparedText("あいうえおかきくけこ")
    assert prepared.wrap(10) == [(0, 5), (5, 10)]
    assert prepared.wrap(4) == [(0, 2), (2, 4), (4, 6), (6, 8), (8, 10)]


# -- widths -------------------------------------------------------------------------------


def test_ambiguous_characters_in_both_modes() -> None:
    ambiguous = "…“”①■→○"
    assert cell_width(ambiguous, 1) == 7
    assert cell_width(ambiguous, 2) == 14
    assert lines_of("……という…", 6, ambiguous_width=2) == ["……と", "いう…"]
    assert lines_of("……という…", 6, ambiguous_width=1) == ["……とい", "う…"]


def test_emoji_and_wide_characters_measure_two() -> None:
    assert cell_width("💡✅") == 4
    assert cell_width("💡✅", 2) == 4
    assert cell_width("日本") == 4
    assert cell_width("abc") == 3
    assert cell_width("👨\u200d👩\u200d👧") == 2  # one family emoji


def test_a_tab_reaches_the_next_8_cell_stop_counted_in_cells() -> None:
    """From review: a tab measured 0 cells here, and Textual drew it to a stop counted in
    characters (名前's tab 6 cells, 年齢 at cell 10) or, in a line with a style in it
    (the word cursor's), in cells: columns of Japanese did not line up, and moved. Now
    a tab is drawn as the spaces to its stop in cells, as the breaker measures it."""
    assert cell_width("名前\t年齢") == 12
    assert cell_width("ab\tc") == 9
    assert cell_width("12345678\tx") == 17
    assert cell_width("a\nb\tc") == 10  # counted from the line's start
    table = Text("名前\t年齢\t出身\n田中\t32\t東京")
    table.stylize("reverse", 3, 5)  # the word cursor on 年齢
    lines = TypesetText(table).lines(40)
    assert [line.plain for line in lines] == ["名前    年齢    出身", "田中    32      東京"]
    assert lines[0].spans == [Span(6, 8, "reverse")]  # 年齢, after 4 spaces
    # The line breaker measures the same: 出身 ends at cell 20.
    assert [line.plain for line in TypesetText(Text("名前\t年齢\t出身")).lines(19)] == [
        "名前    年齢",
        "出身",
    ]
    # `yomite search`'s lines too, a one-line snippet included.
    assert [line.plain for line in typeset(Text("東京\t晴れ"), 80)] == ["東京    晴れ"]


def test_combining_marks_stay_with_their_letter() -> None:
    text = "cafe\u0301 cafe\u0301"
    assert lines_of(text, 5) == ["cafe\u0301", "cafe\u0301"]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "ja_JP.UTF-8"}, 2),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, 2),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ja_JP.UTF-8"}, 1),
        ({"LC_CTYPE": "ko_KR.UTF-8"}, 2),
        ({"LANG": "C.UTF-8"}, 1),
        ({}, 1),
        # tmux draws the screen, one cell for each whatever the locale; GNU screen
        # draws them wide under a CJK locale (its cjkwidth)
        ({"LANG": "ja_JP.UTF-8", "TMUX": "/tmp/tmux-0/default,1,0"}, 1),
        ({"LANG": "ja_JP.UTF-8", "STY": "1234.pts-0.host"}, 2),
    ],
)
def test_auto_ambiguous_width_follows_the_locale(environ: dict[str, str], expected: int) -> None:
    assert resolve_ambiguous_width("auto", environ) == expected
    assert resolve_ambiguous_width(1, environ) == 1
    assert resolve_ambiguous_width(2, environ) == 2


def test_ascii_borders_when_ambiguous_glyphs_are_wide() -> None:
    assert use_ascii_borders("auto", 2) is True
    assert use_ascii_borders("auto", 1) is False
    assert use_ascii_borders("on", 1) is True
    assert use_ascii_borders("off", 2) is False


# -- real text ----------------------------------------------------------------------------


def test_hand_cases_hold_the_invariants() -> None:
    for text in (
        "あいうえお。かきくけこ",
        "今日は「晴れ」です",
        "詳細はhttps://example.com/a/b/c/d/eを参照",
        "」」」」」」",
        "abc def   ghi",
        "あい\n\nうえ",
    ):
        for width in range(4, 24):
            check_invariants(text, width)


def test_seeds_wrap_cleanly_at_every_width(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").splitlines():
            for width in (4, 7, 10, 21, 40, 61, 80, 120):
                for ambiguous in (1, 2):
                    check_invariants(paragraph, width, ambiguous, phrases=True)


@pytest.mark.slow
@pytest.mark.corpus
def test_ldcc_articles_wrap_cleanly(ldcc_dir: Path) -> None:
    articles = sorted(path for path in ldcc_dir.glob("*/*.txt") if path.name != "LICENSE.txt")
    sample = random.Random(5).sample(articles, 300)
    for path in sample:
        paragraphs = path.read_text(encoding="utf-8").splitlines()[2:]
        for paragraph in paragraphs:
            if not paragraph.strip():
                continue
            for width in (9, 40, 77):
                check_invariants(paragraph, width, 1, phrases=True)


# -- random text --------------------------------------------------------------------------

_PIECES = [
    "東京",
    "大統領",
    "が",
    "は",
    "を",
    "あいう",
    "カタカナ",
    "っ",
    "ゃ",
    "ー",
    "々",
    "ァ",
    "、",
    "。",
    "！",
    "？",
    "・",
    "「",
    "」",
    "『",
    "』",
    "（",
    "）",
    "“",
    "”",
    "…",
    "①",
    "💡",
    "✅",
    " ",
    "  ",
    "\t",
    "名前\t",
    "\n",
    "news",
    "iPhone",
    "2012",
    "U.S.",
    "(78)",
    "https://example.com/path?q=1",
    "a,b",
    "supercalifragilistic",
    "?",
    "!",
]


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=60),
    width=st.integers(min_value=4, max_value=60),
    ambiguous=st.sampled_from([1, 2]),
    use_phrases=st.booleans(),
)
# Found by a CI run: a line opening with a space (after a hard break) split the word
# that followed instead of breaking after the space.
@example(pieces=["\n", " ", "news"], width=4, ambiguous=1, use_phrases=False)
def test_random_text_keeps_the_invariants(
    pieces: list[str], width: int, ambiguous: AmbiguousWidth, use_phrases: bool
) -> None:
    check_invariants("".join(pieces), width, ambiguous, phrases=use_phrases)


# -- the reading view's entry point ---------------------------------------------------------


def test_furigana_text_keeps_highlights_and_dims_readings() -> None:
    text = Text("今日は東京で寿司")
    text.stylize("reverse", 3, 5)  # 東京, a search hit
    shown = TypesetText(text, Typesetting(furigana=True))
    assert shown.display.plain == "今日(きょう)は東京(とうきょう)で寿司(すし)"
    styled = {(shown.display.plain[s.start : s.end], str(s.style)) for s in shown.display.spans}
    assert ("東京(とうきょう)", "reverse") in styled  # the hit covers its reading
    assert ("(とうきょう)", "dim") in styled
    assert ("(きょう)", "dim") in styled
    assert [line.plain for line in shown.lines(16)] == [
        "今日(きょう)は",
        "東京(とうきょう)",
        "で寿司(すし)",
    ]
    assert shown.display_offset(5) == 17  # で
    assert shown.line_of(5, 16) == 2


def test_readings_do_not_push_a_phrase_start_out_of_reach() -> None:
    """From review: with furigana on, the title 米メディア「マンUは本田圭佑を獲得すべき」
    broke before the auxiliary べき (…獲得(かくとく)す / べき」) where, without them, it
    breaks before 獲得. The reach of a phrase start was counted with the readings' cells:
    獲得(かくとく) put it 8 cells further back, past where a phrase start is taken."""
    title = "米メディア「マンUは本田圭佑を獲得すべき」"
    shown = TypesetText(Text(title), Typesetting(furigana=True))
    for width in range(66, 75):
        lines = [line.plain for line in shown.lines(width)]
        assert lines == [
            "米(べい)メディア「マンUは本田(ほんだ)圭佑(けいすけ)を",
            "獲得(かくとく)すべき」",
        ], width
    # As the text breaks without its readings, at the width that makes it break there.
    plain = TypesetText(Text(title), Typesetting())
    assert [line.plain for line in plain.lines(40)] == [
        "米メディア「マンUは本田圭佑を",
        "獲得すべき」",
    ]


@settings(max_examples=200, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PIECES), max_size=12),
    room=st.integers(min_value=-3, max_value=3),
    ambiguous=st.sampled_from([1, 2]),
    use_phrases=st.booleans(),
    furigana=st.booleans(),
    styled=st.integers(min_value=0, max_value=8),
)
def test_typeset_sets_a_text_as_the_reading_view_does(
    pieces: list[str],
    room: int,
    ambiguous: AmbiguousWidth,
    use_phrases: bool,
    furigana: bool,
    styled: int,
) -> None:
    """`typeset` (yomite search's call) gives a text that fits one line without asking
    MeCab where it may break: the lines, styles and highlights stay the reading view's."""
    text = Text("".join(pieces), style="bold")
    text.stylize("reverse", styled // 2, styled)
    width = max(1, cell_width(text.plain, ambiguous) + room)  # about as wide as the text
    setting = Typesetting(ambiguous_width=ambiguous, phrase_breaking=use_phrases, furigana=furigana)

    def drawn(lines: list[Text]) -> list[tuple[str, list[Span], str, str]]:
        return [(line.plain, line.spans, str(line.style), line.end) for line in lines]

    assert drawn(typeset(text, width, setting)) == drawn(TypesetText(text, setting).lines(width))


def test_typeset_with_phrases_off_is_the_plain_greedy_wrap() -> None:
    text = "トランプ前大統領がロシアとウクライナの和平交渉を進め、早期終戦を目指している。"
    plain = typeset(Text(text), 20, Typesetting(phrase_breaking=False))
    phrased = typeset(Text(text), 20, Typesetting(phrase_breaking=True))
    assert [line.plain for line in plain] == lines_of(text, 20)
    assert [line.plain for line in phrased] == lines_of(text, 20, breaks=phrase_boundaries(text))
    assert plain != phrased


def test_settings_come_from_the_config() -> None:
    reader = ReaderConfig(ambiguous_width=2, phrase_breaking=False, furigana=True)
    assert Typesetting.from_config(reader) == Typesetting(
        ambiguous_width=2, phrase_breaking=False, furigana=True
    )


def test_word_boundaries_are_the_second_choice_within_the_slack() -> None:
    text = "💡 トランプ前大統領がロシアとウクライナの和平交渉を進め、早期終戦を目指している。"
    phrases_only = lines_of(text, 16, breaks=phrase_boundaries(text))
    with_words = lines_of(
        text, 16, breaks=phrase_boundaries(text), word_breaks=word_boundaries(text)
    )
    assert phrases_only[:2] == ["💡 トランプ前大", "統領がロシアと"]  # 大統領 split
    assert with_words == [
        "💡 トランプ前",
        "大統領がロシアと",
        "ウクライナの和平",
        "交渉を進め、早期",
        "終戦を目指して",
        "いる。",
    ]


def test_widths_agree_with_rich_in_narrow_mode(seeds_dir: Path) -> None:
    from rich.cells import cell_len

    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert cell_width(line, 1) == cell_len(line), line
    assert cell_width("☀\ufe0f 👨\u200d👩\u200d👧 e\u0301") == cell_len(
        "☀\ufe0f 👨\u200d👩\u200d👧 e\u0301"
    )


def test_rich_measures_ambiguous_characters_as_the_setting_says() -> None:
    """Textual lays out with Rich's measure: it must agree with the line breaker's, or a
    terminal drawing ambiguous characters wide shows every such line too long."""
    import rich.cells

    from tui.cellwidth import narrow_ambiguous, widen_ambiguous

    ambiguous = [
        chr(c) for c in range(0x20, 0x10000) if unicodedata.east_asian_width(chr(c)) == "A"
    ]
    ambiguous = [c for c in ambiguous if not unicodedata.combining(c)]
    sample = "…“”①■→○±×─│┌"
    try:
        widen_ambiguous()
        assert rich.cells.cell_len(sample) == cell_width(sample, 2) == 24
        assert [rich.cells.cell_len(c) for c in ambiguous] == [char_cells(c, 2) for c in ambiguous]
        assert Text("①②③").cell_len == 6
    finally:
        narrow_ambiguous()
    assert rich.cells.cell_len(sample) == cell_width(sample, 1) == 12


def test_a_wrapped_line_hangs_under_its_text_past_its_indentation_and_bullet() -> None:
    """From review: a Markdown list item the reader wrapped went on under its `・` (its
    second line read as another item), a code line under the pane's edge (its
    indentation lost at once)."""
    text = (
        "・上野公園の桜は三月末に満開になり、多くの花見客でにぎわいました。\n"
        "　・中目黒駅から徒歩五分の場所にあります。\n"
        "12. 店へ行く長い長い長い長い長い長い長い\n"
        '        return "[満開]" if tree.age > 10 else None'
    )
    setting = Typesetting(phrase_breaking=False)
    shown = TypesetText(Text(text, style="bold"), setting, hanging=True)
    rows = [line.plain for line in shown.lines(24)]
    assert rows == [
        "・上野公園の桜は三月末に",
        "  満開になり、多くの花見",
        "  客でにぎわいました。",
        "　・中目黒駅から徒歩五分",
        "    の場所にあります。",
        "12. 店へ行く長い長い長い",
        "    長い長い長い長い",
        '        return "[満開]"',
        "        if tree.age > 10",
        "        else None",
    ]
    assert all(cell_width(row) <= 24 for row in rows)
    # The same characters, in the same ranges: only drawn hung (the offsets the
    # reader maps hits and its place with are the text's).
    ranges = shown.ranges(24)
    assert [row.lstrip(" ") for row in rows] == [text[s:e].lstrip(" ") for s, e in ranges]
    assert "".join(text[s:e] for s, e in ranges).replace(" ", "") == text.replace(" ", "").replace(
        "\n", ""
    )
    assert shown.line_of(text.index("客で"), 24) == 2
    # Not asked to (the cards pane), the lines go on under the bullet, as wide.
    unhung = [line.plain for line in TypesetText(Text(text), setting).lines(24)]
    assert unhung[:2] == ["・上野公園の桜は三月末に", "満開になり、多くの花見客"]
    # Indented past half the width, a line's wrapped lines do not hang (no room).
    deep = " " * 14 + "deeply indented words here"
    assert [line.plain for line in TypesetText(Text(deep), hanging=True).lines(24)] == [
        " " * 14 + "deeply",
        "indented words here",
    ]


_CELL_PIECES = [piece for piece in _PIECES if "\t" not in piece and "\n" not in piece]
"""What a table's cell holds (a cell is one line; a tab is drawn to its stop)."""


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.lists(st.sampled_from(_CELL_PIECES), max_size=8), min_size=1, max_size=4),
        min_size=1,
        max_size=3,
    ),
    width=st.integers(min_value=1, max_value=40),
    use_phrases=st.booleans(),
)
def test_a_tables_wrapped_rows_fit_and_keep_their_text(
    rows: list[list[list[str]]], width: int, use_phrases: bool
) -> None:
    """A table's rows, each wrapped cell hung under its column: no line drawn wider than
    the pane (but a character wider than it), none of the text lost or moved."""
    text = "\n".join(TABLE_COLUMNS.join("".join(cell) for cell in row) for row in rows)
    setting = Typesetting(phrase_breaking=use_phrases)
    shown = TypesetText(Text(text), setting, hanging=True, verbatim=True)
    ranges = shown.ranges(width)
    lines = [line.plain for line in shown.lines(width)]
    for line, (start, end) in zip(lines, ranges, strict=True):
        assert line.lstrip(" ") == text[start:end].lstrip(" ")
        assert cell_width(line) <= width or cell_width(text[start:end]) <= 2, (line, width)
    assert "".join(text[s:e] for s, e in ranges).replace(" ", "") == (
        text.replace(" ", "").replace("\n", "")
    )


def test_a_wrapped_task_hangs_under_its_words_past_its_box() -> None:
    """A Markdown task (`- [ ] …`, read `☐ …`) wraps under its words, as an item under
    its `・` does: its second line stood under the box."""
    text = "☐ 上野公園の桜は三月末に満開になり、多くの花見客で\n1. ☑ 店へ行く長い長い長い長い"
    setting = Typesetting(phrase_breaking=False)
    rows = [line.plain for line in TypesetText(Text(text), setting, hanging=True).lines(24)]
    assert rows == [
        "☐ 上野公園の桜は三月末に",
        "  満開になり、多くの花見",
        "  客で",
        "1. ☑ 店へ行く長い長い長",
        "     い長い",
    ]
