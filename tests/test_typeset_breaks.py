"""Where the reading view breaks Japanese lines: no widows, words and numbers kept
whole, no line opening with a particle where another break is within reach.

Cases from a review of the seed articles (index/typeset.py, rules 5 and 6): a
paragraph's last line held one character and its 。 (見ていきましょ / う。,
離せませ / ん。, 険しいです / ね。), and ウクライ / ナ was split, because a line
fell back to a break inside a word or inside a predicate's ending when no
phrase start was within a few cells.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.text import Text

from index import phrases
from index.typeset import NO_LINE_START, TypesetText


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
                # (Not 見ていき / ましょう。: a word of its own within a third of the line)
                "それでは、トランプ前大統領によるウクライナ和平交渉の動きを、詳しく",
                "見ていきましょう。",
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


@pytest.mark.parametrize("width", [54, 55])
def test_a_sentence_that_fits_is_not_pushed_down_by_the_space_after_it(width: int) -> None:
    """From review (ldcc, 100 columns): あなたの使っているiPhone、最近サクサク / 動いて
    いますか？　音楽…: the sentence fits the line (54 cells), the ideographic space after
    it does not, and the line broke inside it. A break at the space, which the next line
    does not open with, as at an ASCII space."""
    text = (
        "あなたの使っているiPhone、最近サクサク動いていますか？\u3000音楽データやアプリが増えた。"
    )
    assert lines_of(text, width) == [
        "あなたの使っているiPhone、最近サクサク動いていますか？",
        "音楽データやアプリが増えた。",
    ]


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
    # (示唆 / され, the break before する after its noun, gave way to the phrase's start.)
    text = "サウジアラビアでの米ロ首脳会談の可能性も示唆され、その地ならしとして両政府高官が"
    assert lines_of(text, 48)[0] == "サウジアラビアでの米ロ首脳会談の可能性も"


def test_weak_boundaries_are_word_starts_inside_an_ending_or_a_katakana_compound() -> None:
    assert phrases.weak_boundaries("目が離せません。") == [4, 6]  # 離せ|ませ|ん
    assert phrases.weak_boundaries("道は険しいですね。") == [5, 7]  # 険しい|です|ね
    assert phrases.weak_boundaries("全国ロードショー") == [5]  # ロード|ショー
    assert phrases.weak_boundaries("ウクライナ和平") == []  # a compound, but a fine break


def test_attached_boundaries_are_word_starts_before_a_word_leaning_on_the_last() -> None:
    assert phrases.attached_boundaries("報じられるのが本田の") == [5, 9]  # のが; の
    assert phrases.attached_boundaries("見ていきましょう") == [1, 2]  # て, the helper いき
    assert phrases.attached_boundaries("進展した新政権") == [2, 5]  # する after its noun; 政権
    # One kanji closing a compound, a suffix though UniDic calls it a noun; not a number.
    assert phrases.attached_boundaries("欧州の警戒感") == [2, 5]  # の; 感
    assert phrases.attached_boundaries("シャツ数枚") == []  # 数枚 a number: 枚 bound to it
    # A number with its counter is one word: no word start at 本, 七 or 日.
    assert phrases.word_boundaries("ジーパン1本と二十七日") == [0, 4, 6, 7]
    # As is a run of particles and auxiliaries: no word start at が, に, の.
    assert phrases.word_boundaries("報じられるのが") == [0, 2, 5]  # 報じ|られる|のが
    assert phrases.word_boundaries("イースターまでにウクライナへの") == [0, 5, 8, 13]


# -- inside a phrase: before a word of its own, never inside a number ----------------------

HONDA = (
    "移籍市場が開くと、毎年のように報じられるのが本田の移籍話だろう。"
    "これまで日本のスポーツ紙でも多くのチーム名が報じられてきた。"
)
TRAFFORD = "米国のサイトは、本田がオールド・トラッフォードへ行くべき理由という記事を配信した。"
SKYTREE = "電波塔としては世界一を誇り、日本国内の建造物としても当然日本一になります。"
JEANS = (
    "番組では内田の私服について「私服はジーパン1本とシャツ数枚しかないらしい」"
    "という事実が明かされた。"
)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # Was: …毎年のように報じられる / のが本田の移籍話だろう。
        (
            HONDA,
            40,
            [
                "移籍市場が開くと、毎年のように",
                "報じられるのが本田の移籍話だろう。",
                "これまで日本のスポーツ紙でも多くの",
                "チーム名が報じられてきた。",
            ],
        ),
        # Was: …これまで日本のスポーツ紙で / も多くの…
        (
            HONDA,
            46,
            [
                "移籍市場が開くと、毎年のように報じられるのが",
                "本田の移籍話だろう。これまで日本の",
                "スポーツ紙でも多くのチーム名が報じられてきた。",
            ],
        ),
        # Was: …オールド・トラッフォード / へ行くべき…
        (
            TRAFFORD,
            46,
            [
                "米国のサイトは、本田がオールド・",
                "トラッフォードへ行くべき理由という記事を",
                "配信した。",
            ],
        ),
        # Was: …誇り、日本国内 / の建造物…
        (
            SKYTREE,
            36,
            ["電波塔としては世界一を誇り、日本", "国内の建造物としても当然日本一に", "なります。"],
        ),
        # Was: …「私服はジーパン1 / 本とシャツ数枚…
        (
            JEANS,
            43,
            [
                "番組では内田の私服について「私服はジーパン",
                "1本とシャツ数枚しかないらしい」という事実が",
                "明かされた。",
            ],
        ),
        # Was: …ジーパン1本とシャツ数 / 枚しか…
        (
            JEANS,
            56,
            [
                "番組では内田の私服について「私服はジーパン1本とシャツ",
                "数枚しかないらしい」という事実が明かされた。",
            ],
        ),
    ],
    ids=["honda-40", "honda-46", "trafford-46", "skytree-36", "jeans-43", "jeans-56"],
)
def test_a_line_opens_with_a_word_of_its_own_and_a_number_keeps_its_counter(
    text: str, width: int, expected: list[str]
) -> None:
    """From review (ldcc at 100x30 and 160x45): where a whole phrase was out of reach,
    the line broke at any word start inside it, before a particle (の, が, も, へ) or
    between a number and its counter (1 / 本)."""
    assert lines_of(text, width) == expected


NIKKEI = (
    "「ソフトバンク2400人採用。今日の日経に書いてありました。すごい、すごすぎる。」"
    "とのTwitter読者の発言に対して、孫社長は「この様な時期なので少しでも雇用に"
    "貢献したいと思います。」と回答した。"
)
KEIKAI = (
    "米政権内の対立、サウジアラビアを中心とした新たな枠組みの模索、欧州の警戒感など、"
    "複雑な思惑が絡み合い、停戦交渉は流動的な状況にあります。"
)


@pytest.mark.parametrize(
    ("text", "widths", "whole"),
    [(NIKKEI, range(52, 56), "書いてありました。"), (KEIKAI, range(76, 79), "警戒感など、")],
    ids=["nikkei", "keikai"],
)
def test_no_line_ends_inside_a_predicate_or_before_a_suffix_with_a_word_start_near(
    text: str, widths: range, whole: str
) -> None:
    """From review (it-life-hack-6321386, seed 000): …今日の日経に書いてありまし / た。
    and …欧州の警戒 / 感など: a break before an auxiliary (ありまし|た) within twice
    the slack came before a word's own start within a third of the line, against what
    the README says, and 感 (a suffix, to UniDic a noun) was a word of its own."""
    for width in widths:
        lines = lines_of(text, width)
        assert any(line.startswith(whole) for line in lines), (width, lines)


YONE = (
    "お手頃で可愛いアイテムがそろう韓国のコスメ。その代表格である「BBクリーム」は今やどこの"
    "薬局に行っても売られていますよね。でも、外国ブランドということもあり、ほかのアイテムには"
    "なかなか手が伸ばせないなと思っている方も多いはず。"
)
NARABA = "自動車で例えるならば、まるでコンセプト・カー。そんな未来を見せてくれる驚きの技術搭載の"


@pytest.mark.parametrize(
    ("text", "width", "ending", "opening"),
    [(YONE, 40, "売られています", "よね。でも、"), (NARABA, 20, "例える", "ならば、まるで")],
    ids=["yone", "naraba"],
)
def test_a_line_with_no_word_start_in_reach_keeps_a_particle_run_whole(
    text: str, width: int, ending: str, opening: str
) -> None:
    """From review (peachy-5090301, kaden-channel): at 40 cells …売られていますよ / ね。でも、
    and at 20 自動車で例えるなら / ば、まるで, where 売られています / よね。 and 例える /
    ならば、 were within twice the slack: with no word of its own within a third of the
    line, the fuller break before a particle came first, leaving one kana and its
    punctuation to open the line."""
    lines = lines_of(text, width)
    assert any(
        line.endswith(ending) and after.startswith(opening)
        for line, after in itertools.pairwise(lines)
    ), lines
    assert not [line for line in lines if line[1:2] in "。、"], lines


EASTER = (
    "トランプ政権が、4月20日のイースターまでにウクライナでの停戦を目指し、"
    "ロシアとの交渉を進めている。"
)
HOSTILITY = (
    "プーチン大統領は、有利な状況を維持しつつ、トランプ氏を利用して交渉を進め、"
    "大きな譲歩を引き出すか、ウクライナへの敵意を向かわせることを狙っている可能性がある。"
)


@pytest.mark.parametrize(
    ("text", "width", "ending", "opening"),
    [
        (EASTER, 40, "イースター", "までにウクライナ"),
        (EASTER, 28, "ウクライナ", "での停戦を"),
        (HOSTILITY, 30, "ウクライナ", "への敵意を"),
        (HOSTILITY, 16, "ウクライナ", "への敵意を"),
    ],
    ids=["made-ni-40", "de-no-28", "he-no-30", "he-no-16"],
)
def test_a_run_of_particles_is_not_split_past_the_third(
    text: str, width: int, ending: str, opening: str
) -> None:
    """From review (seeds at 50x40, the Sources pane at 120 columns, a text at 44): with
    no word of its own within a third of the line, it broke before the fullest particle,
    inside a run of them: …イースターまで / にウクライナ…, …ウクライナへ / の敵意を…,
    though the README says a run of particles and auxiliaries is kept whole."""
    lines = lines_of(text, width)
    assert any(
        line.endswith(ending) and after.startswith(opening)
        for line, after in itertools.pairwise(lines)
    ), lines


def test_no_seed_line_opens_inside_a_run_of_particles(seeds_dir: Path) -> None:
    """No line of the seeds' texts, at 16 to 60 cells, opens with a particle or an
    auxiliary right after a particle (まで / に, へ / の, と / の, など / の): 84 did."""
    texts = [EASTER, HOSTILITY]
    for path in sorted(seeds_dir.glob("*.txt")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    split = []
    for text in texts:
        before = {token.end: token for token in phrases.tokens(text)}
        starts = {token.start: token for token in phrases.tokens(text)}
        for width in range(16, 61):
            for start, _ in TypesetText(Text(text)).ranges(width)[1:]:
                token, previous = starts.get(start), before.get(start)
                if (
                    token is not None
                    and previous is not None
                    and previous.pos[0] == "助詞"
                    and token.pos[0] in ("助詞", "助動詞")
                ):
                    split.append(f"{width}: {text[start - 8 : start]} / {text[start : start + 8]}")
    assert split == []


def _opens_with_one_kana_and_its_punctuation_needlessly(text: str, width: int) -> list[str]:
    """The lines of `text` at `width` (not the first, not the last: the widow rule chose
    its start) that open with one kana and its punctuation (ね。, が、) where the line
    before had another legal break at a word start within its reach (rule 5: a third of
    the line, at least twice the slack) that opens none."""

    def fragment(at: int) -> bool:
        return "ぁ" <= text[at] <= "ヺ" and text[at + 1 : at + 2] in ("。", "、", "」", "！")

    starts = set(phrases.word_boundaries(text)) | set(phrases.phrase_boundaries(text))
    return _lines_opened_needlessly(
        text,
        width,
        opens=fragment,
        better=lambda at: at in starts and not fragment(at),
    )


def _lines_opened_needlessly(
    text: str, width: int, opens: Callable[[int], bool], better: Callable[[int], bool]
) -> list[str]:
    """The lines of `text` at `width` (not the last: the widow rule chose its start)
    whose start `opens` says is a poor one, where the line before had a `better` legal
    break within its reach (rule 5: a third of the line, at least twice the slack), as
    "width: line / what the next line opens with"."""
    from index.typeset import cell_width, default_phrase_slack
    from tests.test_typeset import legal_break

    ranges = TypesetText(Text(text)).ranges(width)
    slack = default_phrase_slack(width)
    found = []
    for (start, _), (next_start, _) in itertools.pairwise(ranges[:-1]):
        if not opens(next_start):
            continue
        fit = next_start
        while fit < len(text) and cell_width(text[start : fit + 1]) <= width:
            fit += 1
        reach = max(2 * slack, cell_width(text[start:fit]) // 3)
        for at in range(start + 1, fit + 1):
            if (
                better(at)
                and at != next_start
                and legal_break(text, at)
                and cell_width(text[at:fit]) <= reach
            ):
                found.append(f"{width}: {text[start:next_start]} / {text[next_start:fit]}")
                break
    return found


def test_a_line_opens_with_one_kana_and_its_punctuation_only_with_no_other_break_near(
    seeds_dir: Path,
) -> None:
    texts = [YONE, NARABA, HONDA, TRAFFORD, SKYTREE, JEANS, MASHOU, MASEN, DESUNE]
    for path in sorted(seeds_dir.glob("*.txt")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    for text in texts:
        for width in range(16, 53):
            assert _opens_with_one_kana_and_its_punctuation_needlessly(text, width) == []


def test_a_number_is_never_split_from_its_counter() -> None:
    text = "今季は27日までに10,000話を配信し、3人が二十七日に会った。" + JEANS
    inside = {text.index(part) + at for part, at in _NUMBERS}
    for width in range(10, 100):
        starts = [start for start, _ in TypesetText(Text(text)).ranges(width)]
        assert not inside.intersection(starts), width


_NUMBERS = [("27日", 2), ("十七日", 1), ("十七日", 2), ("1本", 1), ("数枚", 1), ("3人", 1)]
"""Where a number meets its counter (or its next digit) in the text above."""


def _opens_with_a_particle_needlessly(text: str, width: int) -> list[str]:
    """The lines of `text` at `width` that open with an attached or weak word (a
    particle, an auxiliary, a suffix: のが, た。, 感) where the line before had a legal
    break before a word of its own within its reach (rule 5: a third of the line, at
    least twice the slack). The last line is left out: the widow rule chose its start."""
    attached = set(phrases.attached_boundaries(text)) | set(phrases.weak_boundaries(text))
    own = (set(phrases.phrase_boundaries(text)) | set(phrases.word_boundaries(text))) - attached
    return _lines_opened_needlessly(
        text,
        width,
        opens=attached.__contains__,
        better=lambda at: at in own or text[at - 1] == " ",
    )


def test_a_line_opens_with_a_particle_only_with_no_other_break_in_reach(
    seeds_dir: Path,
) -> None:
    texts = [HONDA, TRAFFORD, SKYTREE, JEANS, MASHOU, MASEN, DESUNE]
    for path in sorted(seeds_dir.glob("*.txt")):
        texts.extend(line for line in path.read_text(encoding="utf-8").splitlines() if line)
    for text in texts:
        for width in range(16, 121, 3):
            assert _opens_with_a_particle_needlessly(text, width) == []


@pytest.mark.slow
@pytest.mark.corpus
def test_ldcc_lines_open_with_a_particle_only_with_no_other_break_in_reach(
    ldcc_dir: Path,
) -> None:
    articles = sorted(path for path in ldcc_dir.glob("*/*.txt") if path.name != "LICENSE.txt")
    for path in random.Random(11).sample(articles, 60):
        for text in path.read_text(encoding="utf-8").splitlines()[2:]:
            if text.strip():
                for width in (40, 56, 78, 92):
                    assert _opens_with_a_particle_needlessly(text, width) == [], path
