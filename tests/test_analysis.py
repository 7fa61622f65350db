"""The Japanese analyzer: exact terms, positions and offsets on hand-picked sentences."""

from __future__ import annotations

import copy
import pickle
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index

from index.analysis import (
    PAIR_SEPARATOR,
    PART_SEPARATOR,
    JapaneseTokenizer,
    KanaFoldFilter,
    content_analyzer,
    morphemes,
    pairs_analyzer,
    proper_noun_analyzer,
    reading_analyzer,
    reading_pairs_analyzer,
)
from index.kana import KANJI, KATAKANA_WORD, READ_AS_KANJI, fold_kana, is_kanji
from index.model import Article, ArticleFormat
from index.names import PLACE
from index.normalization import VARIANTS, ZERO_WIDTH, normalize
from index.parser import parse_file
from index.schema import document_fields, make_schema
from index.terms import field_terms

ROOT = Path(__file__).resolve().parent.parent


def tokens(text: str) -> list[tuple[str, int, int, int]]:
    return [
        (t.text, t.pos, t.startchar, t.endchar)
        for t in content_analyzer()(text, positions=True, chars=True)
    ]


def terms(text: str) -> list[str]:
    return [t.text for t in content_analyzer()(text)]


def test_a_symbol_inside_a_number_or_a_latin_word_is_indexed_in_its_place() -> None:
    # The . of 1.5 left a gap any word filled (1万5, 1日5); indexed, the phrase holds it.
    # Not with a space beside it, nor between other letters; a dash is a hyphen.
    # The digits after a decimal point are a term of their own (.5): the number 5 is not
    # the tail of 1.5.
    assert tokens("1.5と1. 5") == [
        ("1", 0, 0, 1),
        (".", 1, 1, 2),
        (".5", 2, 2, 3),
        ("1", 4, 4, 5),
        ("5", 6, 7, 8),
    ]
    assert terms("Wi-Fi、F-09D、2−0、3×11、東京-大阪") == [
        "wi", "-", "fi", "f", "-", "09", "d", "2", "-", "0", "3", "11", "東京", "大阪",
    ]  # fmt: skip


def test_particles_and_auxiliaries_leave_gaps_in_positions() -> None:
    # が, を and the auxiliary-free する: 日本 and 代表 are adjacent only in 日本代表.
    assert tokens("日本代表が日本を代表する") == [
        ("日本", 0, 0, 2),
        ("代表", 1, 2, 4),
        ("日本", 3, 5, 7),
        ("代表", 5, 8, 10),
        ("為る", 6, 10, 12),
    ]


def test_one_character_words_are_indexed() -> None:
    assert terms("民主党の都議、株を買う") == ["民主", "党", "都", "議", "株", "買う"]


def test_symbols_and_whitespace_are_not_terms() -> None:
    assert terms("「停戦」! 交渉。\n（続報）") == ["停戦", "交渉", "続報"]


def test_inflected_forms_index_the_lemma() -> None:
    assert terms("食べた") == terms("食べます") == terms("食べる") == ["食べる"]


def test_orthographic_variants_share_the_lemma() -> None:
    assert terms("コンピュータ") == terms("コンピューター") == ["こんぴゅーたー"]


def test_spelling_variants_of_a_loanword_still_share_its_lemma() -> None:
    # Told apart from plurals (below) by the readings: a variant's ends as its lemma's.
    assert terms("サーバ") == terms("サーバー") == ["さーばー"]
    assert terms("ユーザ") == terms("ユーザー") == ["ゆーざー"]
    assert terms("メモリ") == terms("メモリー") == ["めもりー"]
    assert terms("ヴァイオリン") == terms("バイオリン") == ["ばいおりん"]
    entertainment = ["えんたーていんめんと"]
    for spelling in ("エンタテインメント", "エンターテインメント", "エンターテイメント"):
        assert terms(spelling) == entertainment, spelling
    assert terms("エンタテイメント") == entertainment
    assert terms("ケータイ") == terms("携帯") == ["携帯"]
    assert terms("ウィルス") == terms("ウイルス") == ["ういるす"]  # ends in ス as its lemma
    assert terms("フェイス") == terms("フェース") == ["ふぇーす"]


def test_a_plural_loanword_is_a_word_of_its_own() -> None:
    # UniDic's lemma of ドラゴンズ is ドラゴン-dragon: indexed so, ドラゴンズ found 84 ldcc
    # articles, 23 of them writing it. The plural indexes its written form.
    assert terms("中日ドラゴンズ") == ["中日", "どらごんず"]
    assert terms("ドラゴン") == ["どらごん"]
    assert terms("ウィンドウズ") == ["うぃんどうず"]  # lemma ウインドー
    assert terms("ウィンドウ") == ["ういんどー"]
    assert terms("スイーツ") == ["すいーつ"]  # スイート: the t made one with the s
    assert terms("フレンズ") == ["ふれんず"]  # フレンド
    assert terms("タイガース") == ["たいがーす"]
    assert terms("メンズ") == ["めんず"]  # lemma マン
    assert terms("ガールズトーク") == ["がーるず", "とーく"]
    # the reading field holds what the content field does: どらごんず finds the same
    reading = [t.text for t in reading_analyzer()("中日ドラゴンズのスイーツ")]
    assert reading == ["ちゅうにち", "どらごんず", "すいーつ"]
    assert terms("ｽｲｰﾂ") == ["すいーつ"]  # half width, as NFKC makes it
    # a word UniDic's lemma is a plural of already is as before; a rare variant read
    # with an s its lemma lacks, but ending otherwise, is no plural (ミンチ, ミンス)
    assert terms("グッズ") == ["ぐっず"]
    assert terms("ミンス") == terms("ミンチ")


def test_a_verb_of_another_kanji_than_its_lemma_indexes_its_own() -> None:
    # UniDic's lemma of 撮る is 取る, of 聴く 聞く, of 速い 早い; its potential form is
    # the verb (撮れる: 撮る). Kana and okurigana stay with the lemma.
    assert terms("撮った") == terms("撮れた") == ["撮る"]
    assert terms("取った") == terms("とった") == ["取る"]
    assert terms("聴いた") == ["聴く"]
    assert terms("速い") == ["速い"]
    assert terms("登る") == ["登る"]
    assert terms("できる") == terms("出来る") == ["出来る"]
    assert terms("行なう") == terms("行う") == ["行う"]
    assert terms("わかる") == terms("分かる") == ["分かる"]
    assert terms("子ども") == terms("子供") == ["子供"]  # a noun keeps its lemma


def test_a_verb_in_kana_helping_another_indexes_its_kana() -> None:
    # after て (then は or も), a helper UniDic marks 非自立可能; between に and て, a
    # verb making a compound particle: neither is the verb its lemma names
    assert tokens("行ってみた") == [("行く", 0, 0, 2), ("〜みる", 2, 3, 4)]
    # いけない after ては, ちゃ, じゃ (must not) is a helper of its own: not 〜いく
    assert terms("聞いてはいけない") == ["聞く", "〜いけない"]
    assert terms("食べちゃいけない") == terms("食べてはいけません") == ["食べる", "〜いけない"]
    assert terms("飲んじゃいけない") == ["飲む", "〜いけない"]
    assert terms("読んではいけない") == ["読む", "〜いけない"]
    assert terms("変わっていく") == ["変わる", "〜いく"]
    assert terms("ついていけない") == ["付く", "〜いく"]  # can't keep up: 〜いく
    assert terms("書かなければいけない") == terms("書かなきゃいけない") == ["書く", "〜いけない"]
    assert terms("京都にいけない") == ["京都", "行く"]  # can't go
    assert terms("食べてしまった") == terms("食べてしまえる") == ["食べる", "〜しまう"]
    assert terms("書いてほしい") == ["書く", "〜ほしい"]
    assert tokens("日本にとって大事") == [
        ("日本", 0, 0, 2),
        ("にとって", 1, 2, 6),
        ("大事", 2, 6, 8),
    ]
    assert terms("国によって") == ["国", "によって"]
    # the verb written in kanji, in kana elsewhere, or taken in the hand
    assert terms("持って行く") == ["持つ", "行く"]
    assert terms("映画をみる") == ["映画", "見る"]
    assert terms("手にとって") == ["手", "取る"]
    assert terms("人の手によって") == ["人", "手", "によって"]


def test_a_verb_phrase_with_a_compound_particles_kana_stays_the_verb() -> None:
    # From review: 気にかけて was read as the particle にかけて (気にかける over ldcc
    # 7 → 2 hits), 逆手にとって as にとって. The noun before に tells them apart.
    assert terms("気にかけて") == terms("気にかける") == ["気", "掛ける"]
    assert terms("天秤にかけて") == ["天秤", "掛ける"]
    assert terms("逆手にとって") == ["逆手", "取る"]
    assert terms("例にとって") == ["例", "取る"]
    assert terms("夏から冬にかけて") == ["夏", "冬", "にかけて"]
    assert terms("女性にとって") == ["女性", "にとって"]


def test_loanword_lemma_loses_its_english_gloss() -> None:
    # UniDic's lemma is トランプ-trump; katakana is folded to hiragana after tokenizing.
    assert terms("トランプ大統領") == ["とらんぷ", "大統領"]


def test_katakana_and_hiragana_words_meet() -> None:
    assert terms("ニュース") == terms("にゅーす") == ["にゅーす"]
    assert terms("トランプ") == terms("とらんぷ") == ["とらんぷ"]
    assert terms("カタカナ") == terms("かたかな")


def test_proper_nouns_keep_their_written_form() -> None:
    # UniDic's lemma for both 安倍 and 阿部 is the reading アベ; they must stay apart.
    assert terms("安倍氏") != terms("阿部氏")
    assert terms("トヨタ")[0] == "とよた"  # not UniDic's lemma 豊田


def test_unknown_words_index_their_surface_lower_cased() -> None:
    assert tokens("iPhone15") == [("iphone", 0, 0, 6), ("15", 1, 6, 8)]


def test_nfkc_before_mecab_with_offsets_into_the_original_text() -> None:
    text = "ｶﾞｿﾘﾝ㍿の株価"
    assert tokens(text) == [
        ("がそりん", 0, 0, 5),  # five half-width characters became four
        ("株式", 1, 5, 6),  # ㍿ became two words; both point at it
        ("会社", 2, 5, 6),
        ("株価", 4, 7, 9),
    ]
    assert text[7:9] == "株価"


def test_full_width_letters_and_ellipsis() -> None:
    text = "ＡＢＣ…ニュース"  # … is NFKC "...": three characters for one
    assert tokens(text) == [("abc", 0, 0, 3), ("にゅーす", 4, 4, 8)]


def test_zero_width_characters_do_not_split_words() -> None:
    text = "東\u200b京都知事\ufeff"
    assert tokens(text) == [("東京", 0, 0, 3), ("都", 1, 3, 4), ("知事", 2, 4, 6)]


def test_reading_field_terms_are_hiragana_readings() -> None:
    assert [t.text for t in reading_analyzer()("東京で停戦")] == ["とうきょう", "ていせん"]


def test_proper_noun_facets_join_family_and_given_names() -> None:
    text = "安倍晋三首相と小池知事が東京で国連と会談"
    assert [t.text for t in proper_noun_analyzer("person")(text)] == ["安倍晋三", "小池"]
    assert [t.text for t in proper_noun_analyzer("place")(text)] == ["東京"]
    assert [t.text for t in proper_noun_analyzer("org")(text)] == ["国連"]


def test_names_apart_stay_apart_and_a_katakana_words_tail_is_no_name() -> None:
    # A team sheet: full-width spaces between the players (ldcc's sports-watch).
    lineup = "MF　宇佐美貴史　香川真司　清武弘嗣"
    assert [t.text for t in proper_noun_analyzer("person")(lineup)] == [
        "宇佐美貴史",
        "香川真司",
        "清武弘嗣",
    ]
    # MeCab reads ハック in ライフハック as a person's name.
    assert [t.text for t in proper_noun_analyzer("person")("ライフハックの記事")] == []
    # A name written with ・ is one person, by its last part (no tail either: ・ stands between)
    assert [t.text for t in proper_noun_analyzer("person")("ジョン・レノンの曲")] == ["レノン"]


def names(value: str, kind: str = "person") -> list[str]:
    """The names (sorted, each as often as indexed) the facet field of `kind` indexes for
    `value` (a document's texts joined by PART_SEPARATOR), by the token stream and by
    `field_terms` alike."""
    streamed = sorted(t.text for t in proper_noun_analyzer(kind)(value))
    counted = field_terms(("proper", kind), value)
    assert sorted(term.decode() for term, count, _ in counted for _ in range(count)) == streamed
    return streamed


def test_a_katakana_words_head_is_no_name() -> None:
    """MeCab reads the head of some katakana words as a person's name: the person
    picker listed トラン (of トランセンド, a company) and ディズニー 109 times."""
    assert names("トランセンド・ジャパンは新製品を発表") == []
    assert names("ディズニーランドに行った。ウォルト・ディズニーの映画を見た。") == ["ディズニー"]
    # The last part of a name with ・ stays a name with a word after it (ファン).
    assert "ジャクソン" in names("マイケル・ジャクソンファンが集う")
    # Named by a title, it is the person it names (its word is `_resolve`'s to judge).
    assert names("トランプ氏はトランプタワーで会見") == ["トランプ"]


def test_a_katakana_word_named_by_a_title_is_a_person_throughout_its_document() -> None:
    # unidic-lite reads トランプ as the playing cards: `person:トランプ` found nothing.
    assert names("トランプ氏は会談に臨んだ。トランプは停戦を求めた。") == ["トランプ"] * 2
    # The title in one text of the document (its title, say), the name alone in another
    document = PART_SEPARATOR.join(["トランプ氏の和平案", "トランプは譲らない。"])
    assert names(document) == ["トランプ"] * 2
    # ... but only in that document: elsewhere トランプ is the cards, and a longer
    # katakana word holding it is not him.
    assert names("トランプでババ抜きをした。") == []
    assert names("トランプタワーの前で。トランプ氏が来た") == ["トランプ"]
    assert names("ﾄﾗﾝﾌﾟ氏とトランプ") == ["トランプ"] * 2  # half width, in its common form


def test_a_title_may_follow_a_country_or_an_office() -> None:
    # MeCab reads マクロン仏大統領 as マクロ|ン (a particle)|仏|大統領: the name is the
    # katakana as written.
    assert names("マクロン仏大統領が演説した") == ["マクロン"]
    assert names("トランプ米大統領とバンス副大統領、トランプ元大統領") == sorted(
        ["トランプ", "バンス", "トランプ"]
    )
    assert names("ヘグセス国防長官とルビオ米国務長官が会見") == ["ヘグセス", "ルビオ"]
    # UniDic reads ケロッグ as a place: named as a person, it is none
    assert names("ケロッグ特使が訪れた") == ["ケロッグ"]
    assert names("ケロッグ特使が訪れた", "place") == []
    # A country's president is no person; the country stays a place
    assert names("ロシア大統領府とイギリス首相") == []
    assert names("ロシア大統領府とイギリス首相", "place") == ["イギリス", "ロシア"]


def test_titles_that_follow_common_nouns_take_only_unknown_words_and_names() -> None:
    assert names("ザッケローニ監督が選んだ") == ["ザッケローニ"]
    assert names("サッカー選手とアクション監督、スタッフさんとベテラン議員") == []
    assert names("ウィンブルドン選手権") == []  # 選手権 is no 選手


def test_a_name_written_with_a_middle_dot_is_its_last_part() -> None:
    # ドナルド and ウラジーミル were listed as people of their own
    assert names("ドナルド・トランプ大統領") == ["トランプ"]
    assert names("ウラジーミル・プーチン大統領") == ["プーチン"]
    assert names("ドナルド・J・トランプ氏") == ["トランプ"]
    assert names("ジョン・レノンの曲") == ["レノン"]  # UniDic's names both
    # Parts the document names by a title are people of their own (・ lists names too)
    assert names("トランプ氏とプーチン氏。トランプ・プーチン会談") == sorted(
        ["トランプ", "プーチン"] * 2
    )
    # With no title anywhere UniDic reads トランプ as the cards, but written after a
    # person's name with ・ it is the family name, as the README has it (ドナルド was
    # listed on its own)
    assert names("ドナルド・トランプの本") == ["トランプ"]


def test_a_name_with_a_middle_dot_is_its_last_part_where_unidic_reads_no_name_there() -> None:
    """From review: over ldcc, 東京 大阪's person picker listed ダース 2, of ダース・モール
    (Darth Maul), where UniDic reads モール as a common noun (a mall): the part before the
    ・ was listed on its own, against the README (a name with ・ is listed by its last
    part). So were 800-odd first names (ジェイソン of ジェイソン・ステイサム, トム of トム・
    クルーズ) and fragments of the last part (アニ of アニストン)."""
    assert names("のポスター公開！ダース・モールのライトセーバーが輝く") == ["モール"]
    text = "アクション映画の王道を行くジェイソン・ステイサムが、母国英国を舞台に"
    assert names(text) == ["ステイサム"]
    assert names("逃げたくなる30代独女、サラ（ジェニファー・アニストン）。") == [
        "アニストン",
        "サラ",
    ]
    # a name UniDic knows with its ・ is the last part whole (ロバート was listed too)
    text = "ロバート・デ・ニーロ、塚本晋也監督の「鉄男4」に出演"
    assert names(text) == ["デ・ニーロ", "塚本晋也"]
    # a place UniDic reads there gives way (マーシャル, a place, and ゲイリー were listed)
    text = "『プリティ・ウーマン』のゲイリー・マーシャル監督が贈る感動のドラマ"
    assert names(text) == ["マーシャル"]
    assert names(text, PLACE) == []
    # ファン written after the name is no part of it (トム was listed)
    assert names("と日本のトム・クルーズファンには嬉しい情報も明かしてくれた") == ["クルーズ"]
    # A thing named after someone, a team, a company, a title: as MeCab reads them
    assert names("高さ約60メートルのルーズベルト・ホテルの壁面") == ["ルーズベルト"]
    assert names("2008年のリーマン・ショック以降、") == ["リーマン"]
    assert names("【Sports Watch】ザック・ジャパンは「ニュータイプ") == ["ザック"]
    assert names("発売元： ウォルト・ディズニー・スタジオ・ジャパン") == ["ウォルト"]


def test_a_family_name_alone_that_a_place_or_a_shop_is_written_with_is_a_place() -> None:
    """From review: over ldcc, 東京 大阪's person picker listed 梅田 4, of 大阪・梅田 and
    TOHOシネマズ梅田: UniDic knows 梅田 (and 西新, 今泉, 根津) as family names alone. Such
    a name after a place and ・ or a katakana or Latin word is a place where a place's
    word follows it (店, 駅, ビル, にて) or a list of places goes on; written so before
    anything else it names people as often (阪神・金本に, AKB指原の, ナイナイ岡村が)."""
    text = "東京・有楽町のほかに、大阪・梅田、兵庫・神戸、京都、福岡"
    assert names(text) == []
    assert "梅田" in names(text, PLACE)
    assert names("7月30日（土）TOHOシネマズ梅田他全国ロードショー。") == []
    assert names("場所：ドコモショップ西新店（福岡）") == []
    assert names("谷根千は、谷中・根津・千駄木という、情緒ある") == []
    assert names("2012年7月21日から福岡・今泉にて期間限定のカフェ") == []
    assert names("模原キャンパスが位置するJR淵野辺駅、駅前商店街") == []
    # People stay: teams and their players listed, a title, a given name, anything else
    assert names("楽天・田中、広島・前田が番組司会者にチクリ") == ["前田", "田中"]
    assert names("梅田さんが来た。秋元才加・梅田彩佳・増田有華") == sorted(
        ["梅田", "秋元才加", "梅田彩佳", "増田有華"]
    )
    assert names("低迷する阪神・金本にツイッター上では") == ["金本"]
    assert names("交際宣言のナイナイ岡村がテレビで破局を報告") == ["岡村"]
    assert names("DeNAがGREE田中氏の発言に反論") == ["田中"]
    assert names("ドコモショップ田中店長が語る。JR田中駅長") == ["田中", "田中"]


def test_an_unknown_word_made_across_a_middle_dot_is_cut_there() -> None:
    """MeCab makes a katakana run it does not know one word, ・ and all: ラセター alone
    found none of the 5 ldcc articles on ジョン・ラセター, ラパス 3 of 21 on ノオミ・ラパス."""
    assert tokens("ジョン・ラセター監督") == [
        ("じょん", 0, 0, 3),
        ("らせたー", 2, 4, 8),
        ("監督", 3, 8, 10),
    ]
    # half-width, through NFKC: the offsets are the text's own
    assert tokens("ｼﾞｮﾝ･ﾗｾﾀｰ監督") == [
        ("じょん", 0, 0, 4),
        ("らせたー", 2, 5, 9),
        ("監督", 3, 9, 11),
    ]
    # Words UniDic knows with a ・ stay whole.
    assert tokens("ダ・ヴィンチの絵") == [("だ・ゔぃんち", 0, 0, 6), ("絵", 2, 7, 8)]
    # A part is no name for being one alone (ラパス a place, in La Paz).
    assert names("ノオミ・ラパスが主演", PLACE) == []


def test_a_name_cut_at_its_middle_dot_stays_a_name_whole() -> None:
    """An unknown katakana word made across a ・ is cut there (each part found alone), but
    MeCab made some of them a name (マツコ・デラックスさん, a person before さん): cut, the
    name was gone from the facets (8 people and 5 organisations of ldcc). It is a name
    whole, as written, and its parts no names."""
    assert names("マツコ・デラックスさんが語った") == ["マツコ・デラックス"]
    assert names("ﾏﾂｺ･ﾃﾞﾗｯｸｽさんが語った") == ["マツコ・デラックス"]
    # a ・ MeCab read into the name at its end is not the name's
    assert names("マツコ・さんが語った") == ["マツコ"]
    # a last part named by its title is the person, as for any name with ・
    assert names("ジョン・ラセター監督の新作") == ["ラセター"]
    assert names("マツコ・デラックスさんとミッツ・マングローブさんが共演") == [
        "マツコ・デラックス",
        "ミッツ・マングローブ",
    ]
    # each part is still found alone, the name cut at its ・ as before
    assert terms("マツコ・デラックスさん") == [*terms("マツコ"), *terms("デラックス"), "さん"]
    assert terms("ジョン・ラセター監督") == ["じょん", "らせたー", "監督"]


def test_an_unknown_katakana_compound_is_cut_into_its_words() -> None:
    """MeCab makes a katakana run it does not know one word (スマホユーザー, アンドロイド
    スマホ): スマホ found 641 of the 717 ldcc articles writing it. Where the run is a
    loanword UniDic knows and one more word, it is cut into them, each at its place."""
    assert tokens("スマホユーザーが増えた") == [
        ("すまほ", 0, 0, 3),
        ("ゆーざー", 1, 3, 7),
        ("増える", 3, 8, 10),
    ]
    assert tokens("アンドロイドスマホを買う") == [
        ("あんどろいど", 0, 0, 6),
        ("すまほ", 1, 6, 9),
        ("買う", 3, 10, 12),
    ]
    # the more word several it knows (ドコモ|スマート|フォン), and the offsets the text's
    assert tokens("「ﾄﾞｺﾓｽﾏｰﾄﾌｫﾝｶﾌｪ」") == [
        ("どこも", 1, 1, 5),
        ("すまーと", 2, 5, 9),
        ("ふぉん", 3, 9, 12),
        ("かふぇ", 4, 12, 15),
    ]
    # a name MeCab made so is a name whole (an organisation), its parts found alone
    assert terms("ソフトバンクモバイル向け") == ["そふと", "ばんく", "もびーる", "向け"]
    assert names("発生していたソフトバンクモバイル向け", "org") == ["ソフトバンクモバイル"]
    # Not cut: a name (ゼレンスキー), no loanword in it, a cut inside a word (ジャーズ,
    # ミックス of マンサンコミックス, コミックス whole), a loanword's more word too short.
    assert terms("ゼレンスキー大統領") == ["ぜれんすきー", "大統領"]
    assert terms("アベンジャーズ") == ["あべんじゃーず"]
    assert terms("マンサンコミックス") == ["まん", "さん", "こみっくす"]  # a plural: `plural`
    assert terms("アラサーカップル") == ["あらさーかっぷる"]


def test_the_reading_fields_pass_over_a_dot_between_katakana_words() -> None:
    """A name is written with ・ or without, and read the same: じょにーでっぷ, and
    ジョニーデップ read so, found 2 articles of ldcc, not the 21 writing ジョニー・デップ.
    Elsewhere the ・ stays a gap, as any symbol (東京・大阪 is no 東京大阪)."""

    def read_pairs(text: str) -> list[tuple[str, int]]:
        return [(t.text, t.pos) for t in reading_pairs_analyzer()(text, positions=True)]

    assert read_pairs("ジョニー・デップ主演の映画") == read_pairs("ジョニーデップ主演の映画")
    assert read_pairs("ジョニー・デップ主演の映画") == [
        (f"じょにー{PAIR_SEPARATOR}でっぷ", 1),
        (f"でっぷ{PAIR_SEPARATOR}しゅえん", 2),
    ]
    assert read_pairs("東京・大阪") == []


def test_a_name_ending_in_a_rarer_kanji_is_one_person() -> None:
    """A kanji outside the basic block (extension B 𠀋 U+2000B, 𩸽; the compatibility
    ideograph 﨔 U+FA14, which NFKC leaves as it is) ends a name as any kanji does: the
    name rules took them for no kanji (the furigana did), so the person facet held the
    fragment 長友佑 where the text writes 長友佑𠀋, and 三浦春 for 三浦春𩸽."""
    assert names("日本代表DF長友佑𠀋は先発フル出場し") == ["長友佑𠀋"]
    assert names("日本代表DF長友佑﨔は先発フル出場し") == ["長友佑﨔"]
    assert names("水嶋ヒロ、三浦春𩸽らが含まれていない") == ["三浦春𩸽", "水島ヒロ"]


def test_one_definition_of_a_kanji() -> None:
    """`is_kanji` (compared, for speed) says what the character class `KANJI` matches, over
    every code point; 々 is one, the kana and 〆 (furigana's `READ_AS_KANJI`) are not."""
    kanji = re.compile(f"[{KANJI}]")
    assert [c for c in map(chr, range(0x110000)) if is_kanji(c)] == [
        c for c in map(chr, range(0x110000)) if kanji.fullmatch(c)
    ]
    assert [is_kanji(c) for c in "山﨑𠮷々〆ヶあア"] == [True] * 4 + [False] * 4
    assert re.fullmatch(f"[{READ_AS_KANJI}]+", "〆三ヶ月")
    assert KATAKANA_WORD.fullmatch("ア") and not KATAKANA_WORD.fullmatch("ジョニー・デップ")


def test_a_name_mecab_cuts_short_is_one_person() -> None:
    """UniDic knows no 佑都 or 春馬: 長友|佑|都 was the person 長友佑 (in 32 ldcc
    articles, where `person:長友佑都` found none) and 三浦|春|馬 三浦春."""
    assert names("日本代表DF長友佑都は先発フル出場し") == ["長友佑都"]
    assert names("DF　長友佑都　今野泰幸　吉田麻也") == ["今野泰幸", "吉田麻也", "長友佑都"]
    assert names("長友佑都選手が会見") == ["長友佑都"]  # a title ends it as は does
    assert names("水嶋ヒロ、佐藤健、三浦春馬らが含まれていない") == [
        "三浦春馬",
        "佐藤健",
        "水島ヒロ",  # 嶋 in its common form
    ]
    # 神田|はる|ひ (ひ a noun, 碑): the byline of 107 articles, the person listed first
    assert names("（オフィスエムツー／神田はるひ）") == ["神田はるひ"]
    assert names("長澤まさみらが") == ["長沢まさみ"]  # ら is no part of her name
    # A word written after a name stays out of it
    assert names("神谷薫役は武井咲に!!") == ["武井咲", "神谷薫"]
    assert names("『1Q84』（村上春樹著）のヒロイン") == ["村上春樹"]
    assert names("東京都の石原慎太郎都知事が花見自粛を呼びかける") == ["石原慎太郎"]


def test_a_kanji_between_a_name_and_a_title_is_the_names_last() -> None:
    # 園子|温 (温 a prefix) was 園子, in 12 ldcc articles; ダルビッシュ|有 ダルビッシュ
    assert names("奇才・園子温監督が映画化をするという") == ["園子温"]
    assert names("帰国したダルビッシュ有投手が、23日") == ["ダルビッシュ有"]
    # ... but not a word between them
    assert names("安倍元首相と岡田新監督") == ["安倍", "岡田"]


def test_a_kanji_mecab_reads_before_a_name_is_its_first() -> None:
    # 上|倉|賢: the byline of 89 ldcc articles listed 倉賢
    assert names("上倉賢 @kamikura [digi2(デジ通)]") == ["上倉賢"]
    assert names("クラスメイトの茶沢景子（二階堂ふみ）や") == ["二階堂ふみ", "茶沢景子"]
    # A one-kanji family name written alone: 茶|沢 was the person 沢
    assert names("元気いっぱいの茶沢は、後半にどんどんと変化していく。") == ["茶沢"]
    # ... but not a word before the name, or a counter
    assert names("故松田優作の息子") == ["松田優作"]
    assert names("第8回手塚治虫文化賞マンガ大賞を受賞した岡崎京子") == ["岡崎京子", "手塚治虫"]


def test_a_family_name_before_kanji_unidic_reads_apart_is_one_person() -> None:
    # 岡本|奈|知子 (岡本 a place), 沢|城|みゆき, 福士|蒼|汰: the person picker listed
    # 知子 (82 articles), 沢 and みゆき, 福士
    assert names("編集部：池田利夫＋岡本奈知子（ジャムハウス）") == ["岡本奈知子", "池田利夫"]
    assert names("浅沼晋太郎、喜多村英梨、沢城みゆきら、人気声優が") == [
        "喜多村英梨",
        "沢城みゆき",
        "浅沼晋太郎",
    ]
    assert names("役の福士蒼汰が、本作の見どころについて") == ["福士蒼汰"]
    # Two family names with a word between stay two people; a place stays a place
    assert names("田中対鈴木") == ["田中", "鈴木"]
    assert names("福岡県今泉にある") == ["今泉"]
    assert names("石垣島発の") == []


def test_a_katakana_given_name_before_a_family_name_unidic_reads_as_a_place() -> None:
    # セルジオ|越後, 越後 a place: the person was セルジオ
    assert names("・【セルジオ越後コラム】日韓戦、ポジティブすぎるゆえの不安") == ["セルジオ越後"]
    assert names("「緊急生討論SP」として、セルジオ越後、名波浩、秋田豊") == [
        "セルジオ越後",
        "名波浩",
        "秋田豊",
    ]
    assert names("・【セルジオ越後コラム】", "place") == []
    # A place that is no family name stays a place
    # (ディズニー香港 was the example: ディズニー is no person now, NOT_PEOPLE)
    assert names("ジャクソン香港の") == ["ジャクソン"]
    assert names("ジャクソン香港の", "place") == ["香港"]


def test_a_family_and_a_given_name_with_a_space_between_are_one_person() -> None:
    # A byline: 牧田 and 亜紀子 were two people, each in ~70 ldcc articles
    assert names("（牧田　亜紀子）") == ["牧田亜紀子"]
    assert names("小島　暢華　（Nobuka Kojima）") == ["小島暢華"]  # 暢|華, as 長友|佑|都
    assert names("中柴いつか:藤村　歩、小宮山夏樹:本名陽子") == ["小宮山夏樹", "本名陽子", "藤村歩"]
    # Names apart stay people apart: a given name and the next family name, or two
    # family names (a team sheet)
    assert names("MF　宇佐美貴史　香川真司") == ["宇佐美貴史", "香川真司"]
    assert names("GK　川島　DF　内田　吉田") == ["内田", "吉田", "川島"]


def test_a_reading_in_parentheses_after_a_name_is_no_person() -> None:
    # A byline in ~94 ldcc articles: つとむ was the third person of the picker
    assert names("記事執筆：2106bpm（つとむびーぴーえむ）") == []
    assert names("東山正宜（ひがしやま　まさのぶ）氏") == ["東山正宜"]
    assert names("石井ゆかり　（いしい　ゆかり）　氏") == ["石井ゆかり"]
    assert names("錦織圭(にしこり・けい)がベスト8") == ["錦織圭"]
    # Parentheses after a quote name who spoke: a person
    assert names("「頑張りたい」（しずちゃん）") == ["しず"]


def test_interjections_and_initials_are_no_people() -> None:
    assert names("あっちゃんが卒業した。ぐっさんが登場。なっちゃんを飲む") == []
    assert names("おお〜、独女の皆さん") == []
    assert names("Aさん（33歳）とＴさんは語る") == []
    # Names in hiragana stay, a given name UniDic also reads as one (あい) with them
    assert names("加藤あいが主演。明石家さんまが司会。みのもんたも") == [
        "みのもんた",
        "加藤あい",
        "明石家さんま",
    ]


def test_words_unidic_tags_as_names_that_name_no_one_here_are_no_people() -> None:
    assert names("バレンタインデーのチョコ。ディズニー作品をフリック入力で検索") == []
    assert names("ゴールデン・グローブ賞の発表。ワーナー・ブラザースの配給") == []
    # People of those names, written after a first name or with a title, stay
    assert names("ボビー・バレンタイン監督") == ["バレンタイン"]
    assert names("ウォルト・ディズニー生誕110周年") == ["ディズニー"]
    assert names("ベッカムとメッシ") == ["ベッカム", "メッシ"]


def test_a_prize_or_brand_unidic_tags_as_a_name_is_a_person_only_where_it_names_one() -> None:
    """From review: `person:"オスカー"` listed 33 ldcc articles, 28 of them the Academy
    Award (オスカー受賞, オスカー女優, 3度目のオスカー, オスカー監督: a director who won
    one), 5 the boy of a film (主人公オスカー役). A prize or brand UniDic tags as a name
    (ノーベル賞, エルメスのバーキン, アポロ計画) is no person; one the document casts in a
    role (オスカー役) is a character there, wherever it writes it."""
    assert names("3度目のオスカー受賞。オスカー女優のシャーリーズ・セロン") == ["セロン"]
    assert names("シリーズ史上初めてオスカー監督がメガホンをとる") == []
    assert names("3度のオスカー・ノミネート経験のある") == []
    assert names("ノーベル賞の江崎玲於奈。アポロ計画の映像") == ["江崎玲於奈"]
    assert names("エルメスのバッグ。シーバスリーガルを注ぐ。ベントレーを買収") == []
    text = "主人公オスカー役のトーマス・ホーン。オスカーは父の鍵を探す"
    assert names(text) == ["オスカー", "オスカー", "ホーン"]
    assert names("ディズニー役員の話。ディズニー様式の城") == []
    # A role makes a character of any such word (ディズニー役), a title not a prize's
    assert names("ボビー・バレンタイン監督。バレンタイン監督は") == ["バレンタイン", "バレンタイン"]


def test_a_position_after_a_nationality_is_no_person() -> None:
    """From review: searching 香川真司, the person picker listed `FW  1`, of
    ポルトガル人FWべべ: UniDic tags FW a name there. Latin capitals (2 or 3) right after
    人 are a position or a field (日本人DF, 外国人IT集団), no name; a name of capitals
    elsewhere stays (TAOさん)."""
    assert names("マンUのポルトガル人FWべべが加入") == []
    assert names("に所属するアルゼンチン人MFエベル・バネガが") == []
    assert names("日本が好きすぎる外国人IT集団") == []
    assert names("西原理恵子さん、TAOさん、寺島しのぶ") == ["TAO", "寺島しのぶ", "西原理恵子"]


def test_a_katakana_word_unidic_knows_as_a_common_noun_names_no_one_alone() -> None:
    """From review: `person:"ダウン"` found 7 ldcc articles (岩手県HPがダウン, 韓国35位に
    ダウン): UniDic tags ダウン 人名 in some sentences, but knows it alone as a common
    noun. Such a word is no person in a document that writes it only alone; where the
    document writes it in a name with ・ or with a title it stays (ハーフナー・マイク,
    マイクさん)."""
    assert names("ジョジョの荒木飛呂彦氏イラストで岩手県HPがダウン【話題】") == [
        "ジョジョ",
        "荒木飛呂彦",
    ]
    assert names("FIFAランキング、韓国35位にダウン「切なさを感じる」") == []
    assert names("ハーフナー・マイクが得点。マイクは喜んだ") == ["マイク"]
    assert names("マイクさんが来た。マイクは") == ["マイク"]
    text = "沢尻エリカが5ヵ月ぶりに公の場に。俺も倒錯しちゃったし、エリカのことを知ってるのに"
    assert names(text) == ["エリカ", "沢尻エリカ"]


def test_a_kanji_alone_is_a_person_only_where_the_document_names_it_one() -> None:
    """From review: over ldcc the person picker listed 金 in 42 articles (東京's hits: 金
    12), most of them no one: a weekday in a date's parentheses (（金・祝）), 金・銀・銅,
    money (名声・金・愛); and 尚 (今も尚), 有 (プレゼント有), 韓 (韓方), 222 values of
    one kanji in 732 articles. UniDic reads most kanji alone as a name: one is a person
    where the document names it so, by a title, a form of address or an age after it,
    another person's name beside it, or a longer name beginning or ending with it."""
    assert names("映画は9月23日（金・祝）より公開。4月29日(金・祝)まで") == []
    assert names("3大会連続で金・銀・銅を独占した砲丸投げ") == []
    assert names("美・名声・金・愛の欲にまみれた芸能界") == []
    assert names("今も尚、人気が高い【プレゼント有】") == []
    assert names("最近人気の韓方コスメ") == []
    # Named so, they stay people: a title, a name beside, a longer name, an age
    assert names("金さんが来た") == ["金"]
    assert names("金正恩氏が視察した。金は演説した") == ["金", "金正恩"]
    assert names("藤原竜也、杏ら日本の俳優") == ["杏", "藤原竜也"]
    assert names("話すのは彩さん（31歳）。") == ["彩"]
    assert names("李と岡崎の2トップ。菅総理は被災地に") == ["岡崎", "李", "菅"]
    # A given name after a group's (ロンブー淳: review, ldcc person:淳 14 -> 7 articles),
    # not a word's kanji UniDic also reads as one (プレゼント有】, データ朗」)
    assert names("ロンブー淳のお見合い企画は") == ["淳"]
    assert names("・ロンブー淳、「クイズ☆タレント名鑑」終了に") == ["淳"]
    assert names("【プレゼント有】。「ぇ！データ朗」では") == []
    # ... anywhere in the document (its title's 金さん makes the body's 金 him: the
    # facet counts the document once)
    assert names(PART_SEPARATOR.join(["金さんの一日", "金は語った"])) == ["金", "金"]


def test_a_given_name_after_a_family_name_mecab_cuts_into_words_is_made_whole() -> None:
    """From review: MeCab cuts 宮市亮 into 宮|市 (common nouns) and 亮 (a given name):
    the facet listed 亮 alone, then (a person of one kanji named nowhere so) no one, in
    the 3 ldcc articles of 宮市亮（ボルトン）; 要潤 likewise (要|潤). A given name of one
    kanji after kanji that are no name is the whole where the text calls it a name: a
    parenthesis after it, written in parentheses, a title, a name beside it."""
    assert names("ザッケローニ監督が宮市亮（ボルトン）を絶賛") == ["ザッケローニ", "宮市亮"]
    assert names("１９歳・宮市亮（ボルトン）の出場") == ["宮市亮"]  # 宮 a place to MeCab
    assert names("、向井理、上地雄輔、要潤、林遣都とイケメン") == ["上地雄輔", "向井理", "要潤"]
    assert names("、砂山（要潤）、外村") == ["外村", "砂山", "要潤"]
    assert names("(2)古米遥（ふるまい・はるか）") == ["古米遥"]
    assert names("サッカー解説者・風間八宏氏が解説した。") == ["風間八宏"]
    # Words before a kanji UniDic reads as a name stay words
    assert names("広報海渕さんが語る") == ["渕"]
    assert names("視聴率三冠王（全日）を獲得") == []
    assert names("はしご獅子舞」８分。脳に爆誕させた") == []


def test_a_name_in_a_works_title_is_no_person_there() -> None:
    """From review: over ldcc, searching 東京, the person picker listed ダ・ヴィンチ
    first (17): the film 『三銃士／王妃の首飾りとダ・ヴィンチの飛行船』, the magazine
    「ダ・ヴィンチ」. A name in 『』, or in 「」 holding no sentence, is a work's title."""
    assert names("映画『三銃士／王妃の首飾りとダ・ヴィンチの飛行船』が公開") == []
    assert names("『ダ・ヴィンチ・コード』の続編。雑誌の「ダ・ヴィンチ」や") == []
    assert names("『るろうに剣心』の佐藤健") == ["佐藤健"]
    # The person written outside the title stays, by its last part (a name UniDic knows
    # with its ・): レオナルド was listed too
    assert names("かのレオナルド・ダ・ヴィンチが書き起こした") == ["ダ・ヴィンチ"]
    # Quotes name people: a sentence, a title or a form of address, a name alone in 「」
    assert names("「麻也は5回抜きます」") == ["麻也"]
    assert names("『さっきメールした三浦だけど。わかるかな？』") == ["三浦"]
    assert names("『小森純さんが子作り宣言』と報道。「金正日総書記死去」") == [
        "小森純",
        "金正日",
    ]
    assert names("「桜庭ななみ」「竹内結子」の2組") == ["桜庭ななみ", "竹内結子"]
    # A family and a given name are someone in a title too (review: lost from ldcc)
    assert names("『勝間和代 VS 西村ひろゆき』が話題") == ["勝間和代", "西村ひろゆき"]
    assert names("「本木雅弘経営マンション」と報じた") == ["本木雅弘"]


def test_word_pairs_join_direct_neighbours_only() -> None:
    pairs = [t.text for t in pairs_analyzer()("日本代表が日本を代表する。東京")]
    # を between 日本 and 代表 and 。 before 東京 leave gaps: no pair across them
    assert pairs == ["日本\x1f代表", "代表\x1f為る"]


def test_joined_parts_are_offset_like_one_text() -> None:
    # The reading and facet fields get the content fields' texts joined by \x1e.
    joined = "東京\x1e停戦"
    got = [
        (t.text, t.startchar, t.endchar)
        for t in reading_analyzer()(joined, positions=True, chars=True)
    ]
    assert got == [("とうきょう", 0, 2), ("ていせん", 3, 5)]


def test_analyzer_pickles_without_a_tagger() -> None:
    analyzer = content_analyzer()
    terms("東京")  # the tagger exists now in this thread
    restored = pickle.loads(pickle.dumps(analyzer))
    assert [t.text for t in restored("東京都")] == ["東京", "都"]


def test_folding_in_the_parse_indexes_what_the_fold_filter_did(seeds_dir: Path) -> None:
    # The content fields fold katakana once per morpheme (cached) instead of in a
    # filter per field: the terms, positions and offsets must not change.
    before = JapaneseTokenizer() | KanaFoldFilter()
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        now = [(t.text, t.pos, t.startchar, t.endchar) for t in tokens_of(content_analyzer(), text)]
        then = [(t.text, t.pos, t.startchar, t.endchar) for t in tokens_of(before, text)]
        assert now == then, path.name
        # the seeds do hold katakana words, and none is left unfolded
        assert any(fold_kana(m.term) != m.term for m in morphemes(text)), path.name
        assert all(term == fold_kana(term) for term, *_ in now), path.name


def tokens_of(analyzer: Any, text: str) -> list[Any]:
    return [copy.copy(t) for t in analyzer(text, positions=True, chars=True)]


def test_an_analyzer_pickled_before_fold_existed_still_loads() -> None:
    # Whoosh unpickles the schema stored in an index before yomite can decide to
    # rebuild it, so a tokenizer pickled without the `fold` attribute must load.
    old = JapaneseTokenizer()
    del old.__dict__["fold"]
    restored = pickle.loads(pickle.dumps(old | KanaFoldFilter()))
    assert [t.text for t in restored("コンピュータを買った")] == ["こんぴゅーたー", "買う"]


def _offsets_hold(text: str) -> list[tuple[str, str]]:
    """(surface, original slice) for every morpheme whose offsets are wrong."""
    wrong = []
    for morpheme in morphemes(text):
        piece = text[morpheme.start : morpheme.end]
        normalized = "".join(
            c
            for c in unicodedata.normalize("NFKC", piece).translate(VARIANTS)
            if c not in ZERO_WIDTH
        )
        if morpheme.surface not in normalized:
            wrong.append((morpheme.surface, piece))
    return wrong


def test_offsets_land_on_the_surface_in_the_seeds(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        assert _offsets_hold(text) == [], path.name


@pytest.mark.slow
@pytest.mark.corpus
def test_offsets_land_on_the_surface_across_ldcc(ldcc_dir: Path) -> None:
    checked = 0
    for path in sorted(ldcc_dir.glob("*/*.txt")):
        if path.name == "LICENSE.txt":
            continue
        text = path.read_text("utf-8")
        if normalize(text)[1] is None:
            continue  # NFKC left the offsets alone: nothing to map
        assert _offsets_hold(text) == [], path.name
        checked += 1
    assert checked > 100


@pytest.mark.slow
@pytest.mark.corpus
def test_ldcc_articles_list_their_people_by_their_whole_names(ldcc_dir: Path) -> None:
    """Each ldcc article writing 長友佑都, 上倉賢 (a byline) or 牧田　亜紀子 (another)
    lists him or her in its `person` field whole, and no fragment (長友佑, 倉賢, 牧田)."""
    wholes = {"長友佑都": ["長友佑"], "上倉賢": ["倉賢"], "牧田\u3000亜紀子": ["牧田", "亜紀子"]}
    found = dict.fromkeys(wholes, 0)
    for path in sorted(ldcc_dir.glob("*/*.txt")):
        text = path.read_text("utf-8")
        written = [whole for whole in wholes if whole in text]
        if not written or path.name == "LICENSE.txt":
            continue
        value = document_fields(parse_file(path))["person"]
        people = {term.decode() for term, _, _ in field_terms(("proper", "person"), value)}
        for whole in written:
            assert whole.replace("\u3000", "") in people, path.name
            assert not people.intersection(wholes[whole]), path.name
            found[whole] += 1
    assert found == {"長友佑都": 32, "上倉賢": 89, "牧田\u3000亜紀子": 71}


def test_index_written_here_opens_and_searches_in_a_fresh_process(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(tmp_path, make_schema())
    article = Article(
        id="gov",
        path="/x/gov.txt",
        format=ArticleFormat.NEWS,
        encoding="utf-8",
        title="東京都知事が会見",
        intro=["東京都知事は停戦について話した。"],
    )
    with ix.writer() as writer:
        writer.add_document(
            path=article.path, size=1, mtime_ns=1, sha256="0", **document_fields(article)
        )
    script = (
        "import sys\n"
        "from whoosh import index\n"
        "from index.search import search\n"
        "ix = index.open_dir(sys.argv[1])\n"
        "with ix.searcher() as s:\n"
        "    r = search(s, 'ていせん')\n"
        "    print(r.total, r.hits[0].article.id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    assert done.stdout.split() == ["1", "gov"]


def test_seed_article_fields_each_take_one_mecab_pass(
    seeds_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import index.analysis as analysis

    parsed: list[str] = []
    original = analysis._parse

    def counting(text: str) -> list[analysis.Morpheme]:
        parsed.append(text)
        return original(text)

    monkeypatch.setattr(analysis, "_parse", counting)
    analysis._cache.parses = {}
    article = parse_file(next(iter(sorted(seeds_dir.glob("*.txt")))))
    fields = document_fields(article)
    ix = whoosh_index.create_in(tmp_path, make_schema())
    with ix.writer() as writer:
        writer.add_document(path=article.path, size=1, mtime_ns=1, sha256="0", **fields)
    text_fields = [
        name for name in ("title", "lead", "key_points", "body", "cards") if name in fields
    ]
    # reading + three facet fields reuse the content fields' passes
    assert sorted(parsed) == sorted(fields[name] for name in text_fields)


TRICKY_TEXTS = (
    "東京都の iPhone　15は、ﾌﾟｰﾁﾝ  です。\nトランプ-trumpだ",
    "\t 先頭と末尾に空白 \n\n  安倍晋三首相は\u3000国連で　演説した。  ",
    "ｶﾞｿﾘﾝ価格…㍿が１２３円、ＡＢＣ社\r\nと\u200b東京\ufeff大学",
    "ていせんこうしょう さっかー スマートフォン 東日本大震災",
    "MF　宇佐美貴史　香川真司　清武弘嗣。ライフハックのジョン・レノン",
    "ドナルド・J・トランプ米大統領とﾄﾗﾝﾌﾟ、マクロン仏大統領。ケロッグ特使のトランプ・プーチン会談",
    "トランプは譲らない。ウラジーミル・プーチン、ザッケローニ監督とサッカー選手",
    # read in context, joined and voiced (index.in_context; Morpheme.joined, .voiced)
    "2010年W杯予選でＷ杯出場。株式会社員の移籍話、日本代表、トランプ前大統領、一杯",
    # a ・ in an unknown word, and between katakana words (index.analysis.silent_dot)
    "ジョニー・デップ主演、ノオミ・ラパスとｼﾞｮﾝ･ﾗｾﾀｰ監督。東京・大阪・ダ・ヴィンチ",
    # plurals index their written form, variants their lemma (index.analysis.plural)
    "中日ドラゴンズのドラゴン、ウィンドウズのウィンドウ、ｽｲｰﾂとサーバ、メンズ・フレンズ",
    # a symbol inside a number or a Latin word (index.analysis._marks_in_words)
    "1.5倍の2-0、10:30〜3/11に1,000円。Ｗｉ－Ｆｉ、Wi‐Fi、F-09D、iOS5.1.1、2−0, 1. 5",
    # helper verbs after て, a compound particle (index.analysis._as_helpers)
    "写真を撮ってみたら、日本にとってはいけない所だった。",
)


def test_mecab_text_output_parses_like_its_node_objects(seeds_dir: Path) -> None:
    # The parse reads MeCab's printed output (surface and feature string per token)
    # instead of a node object per token: every surface, offset and feature the
    # morphemes use must be what the node objects say.
    from index.analysis import _node_tokens, _printed_tokens

    texts = [*TRICKY_TEXTS, *(p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt")))]
    for text in texts:
        normalized = normalize(text)[0]
        assert list(_printed_tokens(normalized)) == list(_node_tokens(normalized)), text[:20]


def test_features_are_read_as_mecab_picks_them(seeds_dir: Path) -> None:
    # The feature string is CSV and split at commas: a field UniDic quotes (holding a
    # comma, as its accent fields do: "C1,M2") must come after those read, or the
    # lemma and reading read would shift. MeCab's own picking (%f[n]) is the reference.
    from index.analysis import _features
    from index.mecab import printing_tagger

    fields = "%f[0],%f[1],%f[2],%f[6],%f[7],%f[10],%f[13],%f[17]"
    picked = printing_tagger(
        f'-O "" --node-format=%H\x1f{fields}\x1e --unk-format=%H\x1f%f[0],%f[1],%f[2]\x1e '
        "--bos-format= --eos-format="
    )
    texts = [*TRICKY_TEXTS, *(p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt")))]
    quoted = 0
    for text in texts:
        for record in picked.parse(normalize(text)[0]).split("\x1e"):
            if record:
                raw, _, expected = record.partition("\x1f")
                quoted += '"' in raw
                assert _features(raw) == expected.split(","), raw
    assert quoted > 10  # the texts hold quoted fields: the case is tested


def test_text_holding_the_output_separators_still_parses() -> None:
    # U+001E/U+001F separate MeCab's printed records and fields; text holding them
    # (a query can) takes the node objects instead.
    assert terms("東京\x1f大学") == ["東京", "大学"]
    assert terms("東京\x1e大学") == ["東京", "大学"]


def test_a_nul_character_does_not_end_the_text() -> None:
    # MeCab reads C strings; a query or a file name can hold a NUL. Whatever stands
    # after it is still analysed, at its own offsets.
    assert tokens("東京\x00大学") == [("東京", 0, 0, 2), ("大学", 1, 3, 5)]
    assert terms("\x1b\x00") == []


def test_bulk_terms_are_what_each_fields_analyzer_and_format_index(seeds_dir: Path) -> None:
    # index.bulk indexes straight from the parse; Whoosh would go through the field's
    # analyzer and format. Both must give the same terms, counts and posting values.
    from index.analysis import PART_SEPARATOR
    from index.terms import terms_kind

    schema = make_schema()
    texts = [*TRICKY_TEXTS, *(p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt")))]
    # (a text twice in a value: a title that is also the lead)
    values = [*texts, PART_SEPARATOR.join(texts), PART_SEPARATOR.join([texts[0], texts[0]])]
    kinds = {name: terms_kind(schema[name]) for name in schema.names()}
    assert {name for name, kind in kinds.items() if kind is not None} == {
        "title", "lead", "key_points", "body", "cards",
        "reading", "title_reading", "pairs", "reading_pairs", "person", "place", "org",
    }  # fmt: skip
    for name, kind in kinds.items():
        if kind is None:
            continue
        for value in values:
            expected = sorted(
                (term, count, encoded) for term, count, _, encoded in schema[name].index(value)
            )
            assert sorted(field_terms(kind, value)) == expected, (name, value[:20])


def test_a_long_text_goes_to_mecab_in_pieces_cut_at_line_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # MeCab crashed the process (SIGSEGV) on one call with a text of ~1.5 million
    # characters; a long text is parsed piece by piece, and its tokens keep the
    # offsets of the whole text.
    import index.mecab
    from index.mecab import chunks

    monkeypatch.setattr(index.mecab, "CHUNK_CHARS", 40)
    text = "".join(f"{n}番目の東京都知事が会見した。\n" for n in range(30))
    pieces = chunks(text)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(piece) <= 40 for piece in pieces)
    assert all(piece.endswith("\n") for piece in pieces)  # cut at line ends
    line_start = 0
    expected = []
    for line in text.splitlines(keepends=True):
        expected += [(term, line_start + s, line_start + e) for term, _, s, e in tokens(line)]
        line_start += len(line)
    assert [(term, s, e) for term, _, s, e in tokens(text)] == expected
    assert [term for term, *_ in expected].count("知事") == 30
    # A line longer than a piece is cut at a sentence end, else anywhere.
    assert chunks("あ" * 30 + "。" + "い" * 30) == ["あ" * 30 + "。", "い" * 30]
    assert chunks("う" * 100) == ["う" * 40, "う" * 40, "う" * 20]


@pytest.mark.parametrize("repeats", [20, 20_000])  # one MeCab call; pieces of 50,000
def test_a_texts_words_are_each_analysed_once_however_often_they_repeat(
    monkeypatch: pytest.MonkeyPatch, repeats: int
) -> None:
    """A 5-million-character text took 60 s and 2 GB to index: a word new to the cache
    was analysed again at each of its repeats in the text (1.2 million analyses for the
    24,000 distinct words of 2 million characters)."""
    import index.analysis as analysis

    made: list[str] = []
    new_word = analysis._new_word

    def counted(record: str) -> Any:
        made.append(record)
        return new_word(record)

    monkeypatch.setattr(analysis, "_new_word", counted)
    monkeypatch.setattr(analysis, "_words", {})
    text = "見慣れぬ猫股の噂が立った。\n" * repeats
    terms = {term.decode() for term, _, _ in field_terms(("content", ""), text)}
    assert {"猫股", "噂"} <= terms
    assert len(made) == len(set(made)) < 20
