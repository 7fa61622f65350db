"""Reading aids from MeCab (index/phrases.py): phrases, furigana, word info."""

from __future__ import annotations

from pathlib import Path

from index.phrases import (
    Ruby,
    phrase_boundaries,
    readings,
    tokens,
    with_furigana,
    word_boundaries,
    words,
)
from index.typeset import PreparedText


def phrases_of(text: str) -> list[str]:
    starts = phrase_boundaries(text)
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def test_phrases_are_content_words_with_their_particles() -> None:
    assert phrase_boundaries("私は東京で寿司を食べた。") == [0, 2, 5, 8]
    assert phrases_of("私は東京で寿司を食べた。") == ["私は", "東京で", "寿司を", "食べた。"]


def test_compound_nouns_prefixes_and_helper_verbs_stay_in_one_phrase() -> None:
    assert phrases_of("トランプ前大統領が日本代表の試合を見ていきましょう") == [
        "トランプ前大統領が",
        "日本代表の",
        "試合を",
        "見ていきましょう",
    ]


def test_brackets_open_a_phrase_and_closers_end_one() -> None:
    assert phrases_of("トランプ氏は「かなり進展」していると述べた") == [
        "トランプ氏は",
        "「かなり",
        "進展」",
        "していると",
        "述べた",
    ]


def test_spaces_separate_phrases_and_offsets_count_them() -> None:
    assert phrase_boundaries("iPhone 15を買いました") == [0, 7, 10]
    assert phrase_boundaries("") == []


def test_token_offsets_slice_the_original_text() -> None:
    text = "　東京\tは\n大阪 、取り組み"
    for token in tokens(text):
        assert text[token.start : token.end] == token.surface
    assert [t.surface for t in tokens(text)] == ["\u3000", "東京", "は", "大阪", "、", "取り組み"]


def test_readings_cover_kanji_only_with_okurigana_split_off() -> None:
    assert readings("私は東京で寿司を食べた。") == [
        Ruby(0, 1, "わたし"),  # UniDic: わたくし, the formal reading
        Ruby(2, 4, "とうきょう"),
        Ruby(5, 7, "すし"),
        Ruby(8, 9, "た"),
    ]
    assert readings("取り組みを行う") == [Ruby(0, 1, "と"), Ruby(2, 3, "く"), Ruby(5, 6, "おこな")]


def test_readings_skip_kana_digits_numerals_unknown_words_and_repeats() -> None:
    assert readings("ひらがなとカタカナ") == []
    assert readings("iPhone 15を3台買った") == [Ruby(12, 13, "か")]
    assert readings("一日と3日") == []  # numerals and counters: MeCab would say いち, にち
    # 話 after a number is the counter わ; MeCab tags it the noun はなし
    assert readings("10,000話を配信") == [Ruby(8, 10, "はいしん")]
    assert readings("話を聞く") == [Ruby(0, 1, "はなし"), Ruby(2, 3, "き")]
    assert readings("トランプ氏は台の上") == [Ruby(6, 7, "だい"), Ruby(8, 9, "うえ")]  # no 氏(し)
    assert readings("東京と東京") == [Ruby(0, 2, "とうきょう")]
    # 杯 written onto a Latin word is the suffix はい; MeCab reads the noun さかずき
    assert readings("NHK杯に出場") == [Ruby(3, 4, "はい"), Ruby(5, 7, "しゅつじょう")]
    assert readings("杯を干す") == [Ruby(0, 1, "さかずき"), Ruby(2, 3, "ほ")]
    assert readings("JR駅とiPhone版") == [Ruby(2, 3, "えき"), Ruby(10, 11, "ばん")]


def shown(text: str) -> list[tuple[str, str]]:
    """The furigana of `text` as a reader sees them: (the word, its reading)."""
    return [(text[ruby.start : ruby.end], ruby.reading) for ruby in readings(text)]


def test_former_before_a_title_reads_zen_and_ex_reads_moto() -> None:
    """From review: トランプ前大統領 read 前(まえ), as MeCab gives it after a name (it
    gives ぜん in 前首相 alone). 前 before a title is ぜん, former; before a title after a
    word of time or an event it is まえ, before (大会前, 試合前)."""
    assert shown("トランプ前大統領") == [("前", "ぜん"), ("大統領", "だいとうりょう")]
    for title in ("首相", "社長", "会長", "監督", "知事", "市長", "議員", "代表", "外相"):
        assert shown(f"バイデン前{title}")[0] == ("前", "ぜん"), title
    assert shown("ポンペオ前国務長官")[:2] == [("前", "ぜん"), ("国務", "こくむ")]
    assert shown("トランプ前米大統領")[0] == ("前", "ぜん")
    assert shown("ザッケローニ前日本代表監督")[0] == ("前", "ぜん")
    assert shown("安倍前首相が")[1] == ("前", "ぜん")
    assert shown("前監督は")[0] == ("前", "ぜん")
    assert shown("トランプ前政権の")[0] == ("前", "ぜん")
    assert shown("大会前代表合宿")[1] == ("前", "まえ")
    assert shown("試合前監督")[1] == ("前", "まえ")
    assert shown("3日前に")[0] == ("前", "まえ")
    assert shown("駅の前で")[1] == ("前", "まえ")
    assert shown("この前、テレビで")[0] == ("前", "まえ")  # MeCab: ぜん
    assert shown("その前社長")[0] == ("前", "ぜん")
    assert shown("前売券を買う")[0] == ("前売券", "まえうりけん")  # MeCab: 前|売券, ぜん|ばいけん
    # 元 before a title: MeCab reads もと already.
    for title in ("大統領", "首相", "社長", "監督", "代表", "国務長官"):
        assert shown(f"トランプ元{title}")[0] == ("元", "もと"), title


def test_nihon_reads_nihon_and_nippon_only_in_the_names_that_say_so() -> None:
    """From review: 日本語 read 日本(にっぽん)語(ご). UniDic gives the kanji 日本 only its
    lemma's reading, ニッポン, wherever it stands; にほん is the common one (97.6% of the
    日本 spoken in NINJAL's Corpus of Spontaneous Japanese, 61% in NHK's 2003 survey)."""
    assert shown("日本語") == [("日本", "にほん"), ("語", "ご")]
    assert shown("日本版の日本人") == [("日本", "にほん"), ("版", "ばん")]
    assert shown("日本の首相")[0] == ("日本", "にほん")
    assert shown("日本代表")[0] == ("日本", "にほん")
    # Names that are read にっぽん by their bearers (NHK's own rules, the banknotes).
    assert shown("日本銀行")[0] == ("日本", "にっぽん")
    assert shown("日本放送協会")[0] == ("日本", "にっぽん")
    assert shown("日本郵便")[0] == ("日本", "にっぽん")
    assert shown("大日本帝国")[:2] == [("大", "だい"), ("日本", "にっぽん")]
    assert shown("日本橋")[0] == ("日本橋", "にほんばし")  # one word in UniDic


def test_w_hai_reads_world_cup_as_one_word() -> None:
    """From review: W杯 read 杯(はい); it is ワールドカップ, one word, read in katakana
    as written out (a Latin letter has no hiragana)."""
    assert shown("W杯に出場") == [("W杯", "ワールドカップ"), ("出場", "しゅつじょう")]
    assert shown("南アＷ杯予選") == [
        ("南", "なん"),
        ("Ｗ杯", "ワールドカップ"),
        ("予選", "よせん"),
    ]
    assert shown("杯を干す") == [("杯", "さかずき"), ("干", "ほ")]


def test_the_word_cursor_reads_as_the_furigana_do() -> None:
    """The word cursor gave MeCab's readings where the furigana corrected them: 前(まえ)
    in トランプ前大統領, 日本(にっぽん), 杯(さかずき) in W杯."""

    def read(text: str) -> list[tuple[str, str | None]]:
        return [(word.surface, word.reading) for word in words(text)]

    assert read("トランプ前大統領")[1] == ("前", "ぜん")
    assert read("日本語")[:1] == [("日本", "にほん")]
    assert read("日本銀行")[:1] == [("日本", "にっぽん")]
    assert [(w.surface, w.reading, w.pos) for w in words("W杯へ")][:1] == [
        ("W杯", "ワールドカップ", "名詞")
    ]
    assert read("NHK杯")[1] == ("杯", "はい")
    # A name MeCab reads kanji by kanji (芦田|愛|菜 for あしだまな): its family name only
    assert read("芦田愛菜")[:2] == [("芦田", "あしだ"), ("愛", None)]


def test_inline_furigana_maps_offsets_both_ways() -> None:
    text = "東京で食べる"
    annotated = with_furigana(text, readings(text))
    assert annotated.text == "東京(とうきょう)で食(た)べる"
    assert annotated.to_annotated(0) == 0
    assert annotated.to_annotated(2) == 9  # で, after the reading of 東京
    assert annotated.to_annotated(4) == 14  # べ
    assert annotated.to_original(9) == 2
    assert annotated.to_original(4) == 2  # inside a reading: the end of its base
    assert annotated.to_original(2) == 2  # its "(" too: what follows the reading
    assert annotated.to_original(14) == 4
    assert annotated.keep_together == ((0, 9), (10, 14))
    assert [annotated.text[a:b] for a, b in annotated.shown] == ["(とうきょう)", "(た)"]


def test_annotated_text_wraps_without_splitting_a_word_from_its_reading() -> None:
    text = "今日は東京で食べる"
    annotated = with_furigana(text, readings(text))
    lines = PreparedText(annotated.text, keep_together=annotated.keep_together).wrap(16)
    assert [annotated.text[a:b] for a, b in lines] == [
        "今日(きょう)は",
        "東京(とうきょう)",
        "で食(た)べる",
    ]


def test_words_give_lemma_reading_and_part_of_speech() -> None:
    found = words("トランプ氏は寿司を食べた。")
    assert [(w.surface, w.lemma, w.query, w.reading, w.pos, w.pos_english) for w in found] == [
        ("トランプ", "トランプ", "トランプ", "とらんぷ", "名詞", "noun"),
        ("氏", "氏", "氏", "し", "接尾辞", "suffix"),
        ("は", "は", "は", "は", "助詞", "particle"),
        ("寿司", "寿司", "寿司", "すし", "名詞", "noun"),
        ("を", "を", "を", "を", "助詞", "particle"),
        ("食べ", "食べる", "食べる", "たべ", "動詞", "verb"),
        ("た", "た", "た", "た", "助動詞", "auxiliary verb"),
    ]
    assert [(w.start, w.end) for w in found][:2] == [(0, 4), (4, 5)]


def test_cup_and_talk_read_as_the_word_before_makes_them() -> None:
    """From review: MeCab reads 杯 ばい and 話 はなし wherever they stand: 天皇杯 came out
    てんのう|ばい, 一杯 いち|ばい, 移籍話 いせき|はなし and 最終話 さいしゅう|はなし."""
    assert shown("天皇杯で優勝") == [("天皇", "てんのう"), ("杯", "はい"), ("優勝", "ゆうしょう")]
    assert shown("アジア杯")[-1] == ("杯", "はい")
    assert shown("紺子杯を開催")[-2] == ("杯", "はい")  # after a name's suffix
    assert shown("杯を干す")[0] == ("杯", "さかずき")  # alone: the cup itself
    assert shown("移籍話が浮上") == [("移籍", "いせき"), ("話", "ばなし"), ("浮上", "ふじょう")]
    assert shown("自慢話")[-1] == ("話", "ばなし")
    assert shown("最終話の視聴率")[:2] == [("最終", "さいしゅう"), ("話", "わ")]
    assert shown("今回話を聞いた")[1] == ("話", "はなし")  # a time word: not one word with it
    assert shown("お話を伺う")[0] == ("話", "はなし")
    # Counters after kanji numerals: the furigana leave them out, the word cursor reads
    # the pair as said.
    pairs = {
        "一杯": ("いっ", "ぱい"),
        "二十杯": ("にじゅっ", "ぱい"),
        "三杯": ("さん", "ばい"),
        "何杯": ("なん", "ばい"),
        "四杯": ("よん", "はい"),
        "一話": ("いち", "わ"),
    }
    for text, pair in pairs.items():
        assert tuple(w.reading for w in words(text))[-2:] == pair, text


def test_a_compound_verb_is_one_phrase_a_line_does_not_break_inside() -> None:
    """From review: a line ended 光沢液晶に見 and the next began 慣れてしまうと: UniDic
    cuts compound verbs in two (見|慣れる, 笑い|出す), and a phrase started at each."""
    assert phrases_of("光沢液晶に見慣れてしまうと若干チープな") == [
        "光沢液晶に",
        "見慣れてしまうと",
        "若干チープな",
    ]
    assert phrases_of("思わず笑い出してしまったという。")[1] == "笑い出してしまったと"
    assert phrases_of("読みやすい本") == ["読みやすい", "本"]
    # A verb that qualifies what follows ends its phrase.
    assert phrases_of("輝く美しい海") == ["輝く", "美しい", "海"]
    assert phrases_of("それに対し厳しい目を向けた")[2:4] == ["厳しい", "目を"]


def test_a_word_mecab_cuts_reads_whole_and_a_counter_after_digits_has_no_reading() -> None:
    """From review: 一昨日 read 一昨(いっさく)日(ひ), and the word cursor gave the 日 of 27日
    the reading か (MeCab's, from 3日 みっか), which the furigana leave out."""
    assert readings("一昨日の27日に会った") == [Ruby(0, 3, "おととい"), Ruby(8, 9, "あ")]
    found = words("一昨日の27日")
    assert [(w.surface, w.reading) for w in found] == [
        ("一昨日", "おととい"),
        ("の", "の"),
        ("27", None),
        ("日", None),
    ]
    assert (found[0].start, found[0].end, found[0].lemma) == (0, 3, "一昨日")
    assert [(w.surface, w.reading) for w in words("10,000話")][-1] == ("話", None)
    # Kanji numerals: MeCab reads the pair (三|日 みっ|か), and the cursor says so.
    assert [(w.surface, w.reading) for w in words("三日")] == [("三", "みっ"), ("日", "か")]


def test_a_name_unidic_reads_only_piece_by_piece_has_no_furigana() -> None:
    """From review: 芦田愛菜 read 芦田(あしだ)愛(あい)菜, for あしだまな. UniDic knows no 愛菜
    (nor 春馬, 佑都): MeCab cuts it and reads each kanji alone. The family name keeps
    its reading, and a name UniDic knows whole (晋三) too."""
    assert shown("芦田愛菜が出演した。") == [("芦田", "あしだ"), ("出演", "しゅつえん")]
    assert shown("三浦春馬の主演作") == [("三浦", "みうら"), ("主演", "しゅえん")]
    assert shown("安倍晋三首相") == [("安倍", "あべ"), ("晋三", "しんぞう"), ("首相", "しゅしょう")]


def test_proper_nouns_and_unknown_words() -> None:
    place, particle = words("東京へ")
    assert (place.lemma, place.pos, place.pos_english) == (
        "東京",
        "名詞・固有名詞・地名",
        "proper noun (place)",
    )
    assert particle.surface == "へ"
    iphone = words("iPhone")[0]
    assert (iphone.lemma, iphone.reading) == ("iPhone", None)


def test_a_plural_loanwords_lemma_is_the_plural_the_cursor_searches() -> None:
    # UniDic's lemma of ドラゴンズ is ドラゴン; the index takes the plural as a word of its
    # own (index.analysis.plural), so the cursor says it searched for ドラゴンズ.
    found = [(w.surface, w.lemma, w.query) for w in words("中日ドラゴンズのコンピュータ")]
    assert found[1] == ("ドラゴンズ", "ドラゴンズ", "ドラゴンズ")
    assert found[3] == ("コンピュータ", "コンピューター", "コンピュータ")  # a variant


def test_word_boundaries_are_token_starts_without_spaces() -> None:
    assert word_boundaries("私は東京で 寿司") == [0, 1, 2, 4, 6]


def test_inline_readings_map_every_offset_back_on_the_seeds(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            annotated = with_furigana(line, readings(line))
            restored = annotated.text
            for at, length in reversed(annotated.inserts):
                shifted = annotated.to_annotated(at) - length
                restored = restored[:shifted] + restored[shifted + length :]
            assert restored == line
            for offset in range(len(line) + 1):
                assert annotated.to_original(annotated.to_annotated(offset)) == offset
                if offset < len(line):
                    assert annotated.text[annotated.to_annotated(offset)] == line[offset]


def test_a_compound_is_read_whole_or_not_at_all() -> None:
    """From review: 石原慎太郎都知事(ちじ) and 移籍話(ばなし) read as if the reading were
    the whole compound's. The word before (都, 移籍) had been read earlier in the
    paragraph, and a repeat's reading was dropped even inside a compound whose other
    word is read."""
    text = "東京都の石原慎太郎都知事が、本田の移籍と移籍話を語った。"
    annotated = with_furigana(text, readings(text)).text
    assert "都(と)知事(ちじ)" in annotated
    assert "移籍(いせき)話(ばなし)" in annotated
    # A compound read before is not read again, nor a word alone.
    assert shown("都知事と都知事と都") == [("都", "と"), ("知事", "ちじ")]


def test_a_kinship_word_before_san_reads_as_it_is_said() -> None:
    """From review: お母さんとお父さん showed お母(はは)さん and お父(ちち)さん, and the word
    cursor 母【はは】: MeCab reads 母 alone. Before さん or ちゃん (様 after お) a word of
    the family reads as said to one: おかあさん, おとうさん, おにいさん."""
    assert shown("お母さんとお父さん") == [("母", "かあ"), ("父", "とう")]
    assert shown("お兄さんとお姉ちゃん") == [("兄", "にい"), ("姉", "ねえ")]
    assert shown("お祖父さんとお祖母様") == [("祖父", "じい"), ("祖母", "ばあ")]
    assert shown("母さん") == [("母", "かあ")]
    assert [(w.surface, w.reading) for w in words("お母さん")][1] == ("母", "かあ")
    # the word alone, or in a compound, as MeCab reads it
    assert shown("母と父") == [("母", "はは"), ("父", "ちち")]
    assert shown("母上と兄様") == [("母", "はは"), ("上", "うえ"), ("兄", "あに")]
    assert shown("保母さん") == [("保母", "ほぼ")]


def test_a_helper_verb_is_the_word_the_index_files_the_cursor_searches() -> None:
    # From review: the index files いき of 見ていきましょう as the helper 〜いく
    # (index.analysis._as_helpers), にとって as one word; the cursor said 行く and
    # searched いく, which found neither where it was pressed.
    found = {
        w.surface: (w.lemma, w.query) for w in words("詳しく見ていきましょう。日本にとって大事")
    }
    assert found["いき"] == ("〜いく", "ていく")
    # いけない of ては (must not) is a helper of its own, found by てはいけない
    must_not = {w.surface: (w.lemma, w.query) for w in words("人に聞いてはいけない。")}
    assert must_not["いけ"] == ("〜いけない", "てはいけない")
    assert found["とっ"] == ("にとって", "にとって")
    assert found["見"] == ("見る", "見る")
    # the verb itself: in kanji, or in kana not after て
    found = {w.surface: (w.lemma, w.query) for w in words("持って行く。京都にいく。手にとって")}
    assert found["行く"] == ("行く", "行く")
    assert found["いく"] == ("行く", "いく")
    assert found["とっ"] == ("取る", "とる")
