"""Where the reading view breaks Japanese lines: no widows, words kept whole.

Cases from a review of the seed articles (tui/typeset.py, rules 5 and 6): a
paragraph's last line held one character and its 。 (見ていきましょ / う。,
離せませ / ん。, 険しいです / ね。), and ウクライ / ナ was split, because a line
fell back to a break inside a word or inside a predicate's ending when no
phrase start was within a few cells.
"""

from __future__ import annotations

import pytest
from rich.text import Text

from index import phrases
from tui.typeset import NO_LINE_START, TypesetText


def lines_of(text: str, width: int) -> list[str]:
    """`text` as the reading view sets it (phrase breaking on) at `width` cells."""
    return [line.plain for line in TypesetText(Text(text)).lines(width)]


MASHOU = "それでは、トランプ前大統領によるウクライナ和平交渉の動きを、詳しく見ていきましょう。"
MASEN = "米ロ間の停戦交渉は、各国の思惑が複雑に絡み合い、今後の展開から目が離せません。"
DESUNE = "ロシアとウクライナ、そして米国の思惑が複雑に絡み合い、停戦への道は険しいですね。"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Was: …詳しく見ていきましょ / う。
        (
            MASHOU,
            82,
            [
                "それでは、トランプ前大統領によるウクライナ和平交渉の動きを、詳しく見ていき",
                "ましょう。",
            ],
        ),
        (
            MASHOU,
            29,
            [
                "それでは、トランプ前大統領に",
                "よるウクライナ和平交渉の",
                "動きを、詳しく見ていき",
                "ましょう。",
            ],
        ),
        # Was: …目が離せませ / ん。
        (
            MASEN,
            74,
            ["米ロ間の停戦交渉は、各国の思惑が複雑に絡み合い、今後の展開から目が", "離せません。"],
        ),
        (
            MASEN,
            38,
            [
                "米ロ間の停戦交渉は、各国の思惑が複雑に",
                "絡み合い、今後の展開から目が",
                "離せません。",
            ],
        ),
        # Was: …停戦への道は険しいです / ね。
        (
            DESUNE,
            40,
            [
                "ロシアとウクライナ、そして米国の思惑が",
                "複雑に絡み合い、停戦への道は",
                "険しいですね。",
            ],
        ),
        (
            DESUNE,
            78,
            [
                "ロシアとウクライナ、そして米国の思惑が複雑に絡み合い、停戦への道は",
                "険しいですね。",
            ],
        ),
    ],
    ids=["mashou-82", "mashou-29", "masen-74", "masen-38", "desune-40", "desune-78"],
)
def test_a_paragraph_does_not_end_on_one_character(
    text: str, width: int, expected: list[str]
) -> None:
    assert lines_of(text, width) == expected


def test_the_widow_rule_keeps_the_kinsoku_rules() -> None:
    # Was: 段階に入ったと言っ / た。 The line before gives a word, and since っ may not
    # open a line, the whole of 言った goes down.
    text = "大統領は記者団に対し、交渉は最終段階に入ったと言った。"
    lines = lines_of(text, 18)
    assert lines == ["大統領は記者団に", "対し、交渉は最終", "段階に入ったと", "言った。"]
    assert not any(line[0] in NO_LINE_START for line in lines)


def test_a_katakana_word_is_not_split() -> None:
    # Was: …ロシアとウクライ / ナ双方と… (the reading view and the cards pane, 120 columns).
    text = (
        "✅ 和平協定締結後にウクライナに派遣する「平和維持軍」について協議する前に"
        "合意に達する必要があるとの考えを示し、ロシアとウクライナ双方と「非常に良い協議」"
        "を行ったと語った。"
    )
    assert lines_of(text, 66) == [
        "✅ 和平協定締結後にウクライナに派遣する「平和維持軍」について",
        "協議する前に合意に達する必要があるとの考えを示し、ロシアと",
        "ウクライナ双方と「非常に良い協議」を行ったと語った。",
    ]
    title = (
        "トランプ氏の電撃和平交渉は?ウクライナとロシア、交渉の行方は?"
        "トランプ政権 vs ウクライナ・ロシア、和平交渉の舞台裏"
    )
    assert lines_of(title, 86) == [
        "トランプ氏の電撃和平交渉は?ウクライナとロシア、交渉の行方は?トランプ政権 vs",
        "ウクライナ・ロシア、和平交渉の舞台裏",
    ]
    for width in range(20, 121):
        assert not any(line.endswith("ウクライ") for line in lines_of(title, width)), width


def test_a_long_foreign_name_breaks_after_its_middle_dot() -> None:
    # MeCab gives ウォロディミル・ゼレンスキー as one word: it broke at ゼレン / スキー.
    text = "一方、ウクライナのウォロディミル・ゼレンスキー大統領も、トランプ氏との電話協議を行い"
    assert lines_of(text, 40)[:2] == [
        "一方、ウクライナのウォロディミル・",
        "ゼレンスキー大統領も、トランプ氏との",
    ]


def test_a_phrase_start_within_reach_wins_over_a_break_inside_an_ending() -> None:
    # Was: …停戦交渉を長引か / せ、… and …可能性も示唆さ / れ、…
    text = (
        "プーチン大統領は、ウクライナとの停戦交渉を長引かせ、"
        "自身の条件が満たされることを優先する姿勢を示唆しています。"
    )
    assert lines_of(text, 50) == [
        "プーチン大統領は、ウクライナとの停戦交渉を",
        "長引かせ、自身の条件が満たされることを優先する",
        "姿勢を示唆しています。",
    ]
    text = "サウジアラビアでの米ロ首脳会談の可能性も示唆され、その地ならしとして両政府高官が"
    assert lines_of(text, 48)[0] == "サウジアラビアでの米ロ首脳会談の可能性も示唆"


def test_weak_boundaries_are_word_starts_inside_an_ending_or_a_katakana_compound() -> None:
    assert phrases.weak_boundaries("目が離せません。") == [4, 6]  # 離せ|ませ|ん
    assert phrases.weak_boundaries("道は険しいですね。") == [5, 7]  # 険しい|です|ね
    assert phrases.weak_boundaries("全国ロードショー") == [5]  # ロード|ショー
    assert phrases.weak_boundaries("ウクライナ和平") == []  # a compound, but a fine break
