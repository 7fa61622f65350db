"""What to try when a search finds nothing (`index.hints`), as the query was searched."""

from __future__ import annotations

import pytest

from index.hints import FEW_HITS, HintKind, few_hit_hints, no_hit_hints
from index.model import FinishedFilter, LeftOut, NoHitFinds, StrayLetter, UnfinishedWord
from index.query import parse
from index.wording import quoted_query


def kinds(query: str, ignored: tuple[str, ...] = ()) -> list[HintKind]:
    return [hint.kind for hint in no_hit_hints(query, ignored=ignored)]


def test_a_particle_left_out_is_no_word_that_must_appear() -> None:
    """From review: `朝顔 から` searched 朝顔 alone ("ignored から"), and was told every
    word must appear, to try fewer: から was counted as a word. A word alone is told
    what a word alone is (its reading, in hiragana, finds the kanji), as `朝顔` is."""
    query = "朝顔 から"
    assert parse(query).ignored == ("から",)
    assert kinds(query, ignored=parse(query).ignored) == kinds("朝顔") == [HintKind.READING]
    # two words beside it still must each appear
    query = "朝顔 から 夕顔"
    assert kinds(query, ignored=parse(query).ignored) == [HintKind.ALL_WORDS, HintKind.READING]
    # a word that is searched is counted, whatever it reads as
    assert kinds("朝顔 から") == [HintKind.ALL_WORDS]


def test_words_run_together_are_told_to_space_as_the_search_found_them_apart() -> None:
    """From review: the hint followed any word of four characters with a kanji, as
    新しく足した (a verb with its okurigana). Now the search says which words stand apart
    (`SearchResult.apart`), and the hint gives them."""
    hints = no_hit_hints(
        "量子コンピュータ暗号", finds=NoHitFinds(apart=("量子", "コンピュータ", "暗号"))
    )
    assert hints[0].kind is HintKind.SPACES
    assert hints[0].text.endswith("to find them apart (量子 コンピュータ 暗号).")
    assert HintKind.SPACES not in kinds("量子コンピュータ暗号")
    assert HintKind.SPACES not in kinds("新しく足した")


def test_a_symbol_left_out_as_typed_is_no_word_that_must_appear() -> None:
    """The words left out are named as typed (！, not the ! NFKC reads): still none to
    count as a word that must appear."""
    query = "朝顔 ！"
    assert parse(query).ignored == ("！",)
    assert kinds(query, ignored=parse(query).ignored) == kinds("朝顔")


@pytest.mark.parametrize(
    ("query", "named"), [("朝顔 NOT の", "NOT の"), ("朝顔 -の", "-の"), ("朝顔 ーの", "ーの")]
)
def test_a_word_to_leave_out_that_holds_nothing_is_no_word_of_the_query(
    query: str, named: str
) -> None:
    """The search names it with its NOT or - (ignored NOT の): the hints read the query
    without it, as without a particle, and say what 朝顔 alone would (`朝顔 -の` was told
    nothing: its の read as hiragana typed, a reading already)."""
    assert parse(query).ignored == (named,)
    assert kinds(query, ignored=parse(query).ignored) == kinds("朝顔") == [HintKind.READING]


def test_a_reading_is_hinted_only_where_it_can_find_more() -> None:
    """From review: `zzqq`, `*` and katakana that found nothing were told that a reading
    in hiragana finds words written in kanji. It can where a word searched has kanji (東亰:
    another spelling) or is katakana searched as written alone (キョウト: きょうと finds
    京都); not Latin letters, digits or symbols, nor katakana MeCab cuts into words, which
    is searched by its kana already (ハンカクゴ: はんかくご)."""
    for query in ("東亰", "キョウト", "東京タワー", "zzqq 東亰", "title:zzqq 東亰"):
        assert HintKind.READING in kinds(query), query
    for query in ("zzqq", "*", "2025", "C++", "ハンカクゴ", "zzqq -東京", "zzqq NOT 東京"):
        assert HintKind.READING not in kinds(query), query


def test_kanji_read_whole_beside_a_stray_latin_letter_are_not_told_to_try_a_reading() -> None:
    """From review: `名古屋駅j` (a letter typed on by mistake) was told "A reading in
    hiragana finds words written in kanji", where a reading cannot help: MeCab reads all
    its kanji (なごやえき finds what 名古屋駅 does) and the letter has no reading to type
    (なごやえきj finds nothing either); `東京2012` likewise. Kanji it has no reading for
    (東亰UC) are still told, and a word of kanji alone beside (名古屋駅 j)."""
    for query in ("名古屋駅j", "名古屋駅J", "東京2012", "東京タワーjp"):
        assert HintKind.READING not in kinds(query), query
    for query in ("東亰UC", "名古屋駅 j", "名古屋駅"):
        assert HintKind.READING in kinds(query), query


def test_a_stray_latin_letter_after_japanese_is_said_with_what_the_query_finds_without() -> None:
    """From review: `名古屋駅j` (j pressed to move down the list, typed into the bar) was
    given no hint at all, where 名古屋駅 finds 2 articles of ldcc. Said first, with the
    query as it finds something: the letter left out."""
    stray = StrayLetter("j", "名古屋駅", "名古屋駅", 2)
    hints = no_hit_hints("名古屋駅j", finds=NoHitFinds(stray=stray))
    assert [hint.kind for hint in hints] == [HintKind.STRAY]
    assert hints[0].text == "“j” after 名古屋駅 looks typed by mistake: 名古屋駅 finds 2."
    stray = StrayLetter("k", "大阪", "東京 大阪", 1234)
    (hint, *_) = no_hit_hints("東京 大阪k", finds=NoHitFinds(stray=stray))
    assert hint.text == "“k” after 大阪 looks typed by mistake: 東京 大阪 finds 1,234."
    assert HintKind.STRAY not in kinds("名古屋駅j")  # not searched without it: not said
    # the letter is no word to space from the rest (スカイツリー j)
    stray = StrayLetter("j", "スカイツリー", "スカイツリー", 45)
    hints = no_hit_hints(
        "スカイツリーj", finds=NoHitFinds(apart=("スカイツリー", "j"), stray=stray)
    )
    assert [hint.kind for hint in hints] == [HintKind.STRAY]


def test_a_reading_the_search_found_nothing_by_is_not_hinted() -> None:
    """From review: `東京` over the seeds (no article holds it) was told to try a reading
    in hiragana (とうきょう: 東京), which found nothing either. The search says what the
    words typed as read find (`SearchResult.readings`): none, no hint; a query not
    searched (None) is judged from its words, as before."""
    assert HintKind.READING not in [
        hint.kind for hint in no_hit_hints("東京", finds=NoHitFinds(readings=()))
    ]
    assert HintKind.READING in [
        hint.kind for hint in no_hit_hints("停船", finds=NoHitFinds(readings=("ていせん",)))
    ]
    assert HintKind.READING in kinds("東京")


def test_a_katakana_word_with_latin_letters_is_not_told_to_try_a_reading() -> None:
    """From review: `ガンダムUC` (no kanji) was told "A reading in hiragana finds words
    written in kanji": UC has no reading to type, so no reading of the word finds kanji.
    Katakana alone is told still (キョウト: きょうと finds 京都), and kanji with Latin
    letters (東亰UC)."""
    for query in ("ガンダムUC", "iPhoneケース", "ガンダム2"):
        assert HintKind.READING not in kinds(query), query
    for query in ("キョウト", "東亰UC", "ガンダムUC 東亰"):
        assert HintKind.READING in kinds(query), query


CAPITALS = "Operators are written in capitals: {} (for the operator: {})."


@pytest.mark.parametrize(
    ("query", "typed", "written"),
    [
        ("映画 or 大阪", "'or' was searched as a word", "映画 OR 大阪"),
        ("映画 ｏｒ 大阪", "'ｏｒ' was searched as a word", "映画 OR 大阪"),
        ("東京 Not 大阪", "'Not' was searched as a word", "東京 NOT 大阪"),
        ("iPhone and Android", "'and' was searched as a word", "iPhone AND Android"),
    ],
)
def test_an_operator_not_in_capitals_between_words_is_said_to_be_a_word(
    query: str, typed: str, written: str
) -> None:
    """`映画 or 大阪` found nothing (0 of ldcc) and was told only "Every word must appear
    (a space means AND): try fewer, or OR between them": it had typed OR, in lower case,
    which the language reads as a word (or alone finds 45 articles of ldcc)."""
    hints = no_hit_hints(query)
    assert [hint.kind for hint in hints][:1] == [HintKind.CAPITALS]
    assert hints[0].text == CAPITALS.format(typed, written)
    assert HintKind.ALL_WORDS not in [hint.kind for hint in hints]  # (it told to type OR)


def test_operators_not_in_capitals_are_named_each_once() -> None:
    (hint, *_) = no_hit_hints("東京 Or 大阪 or 京都 and 名古屋")
    assert hint.text == (
        "Operators are written in capitals: 'Or' and 'or' and 'and' were searched as words "
        "(for the operators: 東京 OR 大阪 OR 京都 AND 名古屋)."
    )


@pytest.mark.parametrize(
    "query",
    [
        "or",  # a word alone: nothing for it to join
        "映画 or",
        "or 映画",
        '"映画 or 大阪"',  # a phrase: its words as written
        "title:or 映画",
        "映画 OR 大阪",
        "映画 or -大阪",  # OR would not take it either (a word left out)
        "映画 or OR 大阪",
    ],
)
def test_a_word_that_is_no_operator_in_capitals_is_not_said_to_be_one(query: str) -> None:
    assert HintKind.CAPITALS not in kinds(query)


def test_an_operator_not_in_capitals_is_said_of_few_hits_too() -> None:
    """`東京 or 大阪` found 2 articles of ldcc (those holding "or"), with no hint, where
    `東京 OR 大阪` finds 1,233: fewer than `FEW_HITS`, it is said too."""
    assert [hint.kind for hint in few_hit_hints("東京 or 大阪", 2)] == [HintKind.CAPITALS]
    assert few_hit_hints("東京 or 大阪", FEW_HITS) == []  # enough, as "or" may be meant
    assert few_hit_hints("東京 or 大阪", 0) == []  # (none: `no_hit_hints`)
    assert few_hit_hints("東京 大阪", 2) == []


@pytest.mark.parametrize(
    ("query", "sites"),
    [
        ("news.livedoor.com", "site:news.livedoor.com"),
        ("http://news.livedoor.com/article/detail/3342123/ 独女", "site:news.livedoor.com"),
        ("cnn.co.jp OR nhk.or.jp", "site:cnn.co.jp or site:nhk.or.jp"),
    ],
)
def test_a_host_typed_as_a_word_that_finds_some_is_told_its_site_filter(
    query: str, sites: str
) -> None:
    """From review: `news.livedoor.com` found the 41 articles of ldcc that write it out,
    and nothing said that `site:news.livedoor.com` lists the 7,367 from that site. Said
    however many it finds, with a wording for the reader's status line."""
    from rich.cells import cell_len

    for total in (1, FEW_HITS, 41):
        [hint] = few_hit_hints(query, total)
        assert hint.kind is HintKind.SITE
        assert f"{sites} lists the articles from its site" in hint.text
        assert cell_len(hint.shorter[-1]) <= 78
    assert few_hit_hints(query, 0) == []  # (none: `no_hit_hints`)


@pytest.mark.parametrize(
    "query",
    [
        "node.js",
        "1.5",
        "東京",
        "site:news.livedoor.com",
        "news.livedoor.com site:news.livedoor.com",
    ],
)
def test_no_site_filter_is_told_where_no_host_is_typed_or_its_site_filters_already(
    query: str,
) -> None:
    assert few_hit_hints(query, 41) == []


@pytest.mark.parametrize(
    "query",
    ["東京 or 大阪", "東京 or 大阪 and 京都 not 名古屋", "ｏｒ 東京 ｏｒ 大阪" + " 京都" * 30],
)
def test_an_operator_not_in_capitals_has_a_wording_for_a_status_line(query: str) -> None:
    """The reader says it on its status line, one line: a wording of 78 cells at most
    (80 columns, its padding) is there however many operators or however long the
    query, and says the operators as meant, in capitals (full-width ｏｒ is OR)."""
    from rich.cells import cell_len

    (hint,) = few_hit_hints(query, 2)
    assert hint.shorter and cell_len(hint.shorter[-1]) <= 78
    assert "(OR" in hint.shorter[-2] or "OR," in hint.shorter[-2]
    assert [cell_len(wording) for wording in (hint.text, *hint.shorter)] == sorted(
        (cell_len(wording) for wording in (hint.text, *hint.shorter)), reverse=True
    )


def test_an_unfinished_word_is_hinted_first_with_its_count_as_typed() -> None:
    """食べま found nothing at Enter where the bar had counted 472 as typed: said first,
    with the count as the bar gave it (at least, or about, where as typed it was)."""
    typed = UnfinishedWord("食べま", "食べ", 472, finished="食べます")
    hints = no_hit_hints("東京 食べま", finds=NoHitFinds(unfinished=typed))
    assert [hint.kind for hint in hints] == [HintKind.UNFINISHED, HintKind.ALL_WORDS]
    begun = UnfinishedWord("時間がかか", "時間がかか", 1367, exact_total=False, total_at_least=True)
    (hint,) = no_hit_hints("時間がかか", finds=NoHitFinds(unfinished=begun))
    assert hint.text == (
        "“時間がかか” looks unfinished: as typed, 時間がかか… finds 1,367 or more "
        "(finish the word)."
    )
    about = UnfinishedWord("スカイツリ", "スカイツリ", 45, exact_total=False)
    assert (
        "スカイツリ… finds about 45 ("
        in no_hit_hints("スカイツリ", finds=NoHitFinds(unfinished=about))[0].text
    )
    assert HintKind.UNFINISHED not in kinds("食べま")  # not searched as typed: not said


def test_a_reading_found_only_as_the_start_of_longer_words_is_not_called_unfinished() -> None:
    """ていせん is a whole word (停戦) that ldcc does not hold; as typed it found 低線量
    (ていせんりょう): told it "looks unfinished" and to finish it (review). A reading
    is told what it finds as the start of a longer word; a word with an ending left out
    (食べま) or kanji (時間がかか) is still told it looks unfinished."""
    begun = UnfinishedWord("ていせん", "ていせん", 1)
    (hint,) = no_hit_hints("ていせん", finds=NoHitFinds(unfinished=begun))
    assert hint.kind is HintKind.UNFINISHED
    assert hint.text == (
        "“ていせん” finds nothing as a whole word: as the start of a longer one, ていせん… finds 1."
    )
    typed = UnfinishedWord("食べま", "食べ", 472, finished="食べます")
    assert "looks unfinished" in no_hit_hints("食べま", finds=NoHitFinds(unfinished=typed))[0].text
    long_vowel = UnfinishedWord("ぐーぐ", "ぐーぐ", 12)  # as any other reading (review)
    (hint,) = no_hit_hints("ぐーぐ", finds=NoHitFinds(unfinished=long_vowel))
    assert hint.text.startswith("“ぐーぐ” finds nothing as a whole word")


def test_kana_being_typed_are_not_told_to_be_spaced_from_the_words_before() -> None:
    """From review: `日本人がおも` (on the way to 日本人がおもしろい) found nothing at Enter,
    was told it looks unfinished (as typed, 日本人がおも… finds 1 or more over ldcc), then
    to space it as `(日本人 おも)`: its last kana are a word being typed, searched so
    whole. With the last word told unfinished, kana ending the words spaced are no
    word to search apart; words with a kanji still are (東京 食べた)."""
    typed = UnfinishedWord(
        "日本人がおも", "日本人がおも", 1, exact_total=False, total_at_least=True
    )
    finds = NoHitFinds(apart=("日本人", "おも"), unfinished=typed)
    assert [hint.kind for hint in no_hit_hints("日本人がおも", finds=finds)] == [
        HintKind.UNFINISHED
    ]
    # not told unfinished: the words apart are all there is to say
    assert HintKind.SPACES in [
        hint.kind
        for hint in no_hit_hints("日本人がおも", finds=NoHitFinds(apart=("日本人", "おも")))
    ]
    eaten = UnfinishedWord("東京で食べた", "東京で食べた", 3)
    finds = NoHitFinds(apart=("東京", "食べた"), unfinished=eaten)
    assert [hint.kind for hint in no_hit_hints("東京で食べた", finds=finds)] == [
        HintKind.UNFINISHED,
        HintKind.SPACES,
    ]


def test_kana_found_apart_by_more_than_as_typed_are_told_to_be_spaced_first() -> None:
    """From review: `世界でもの` and `人気のぱん` (0 hits over ldcc) were told only that they
    look unfinished (as typed, 世界でもの… finds 1, 人気のぱん… 1), where spaced they
    find 867 and 32: the kana ending the words apart were taken for a word being typed
    (`日本人がおも`). Where the words apart find more than the word as typed, counted,
    they are told first, and the word as typed after; where the count as typed is an
    estimate (日本人がおも… finds 1 or more), the kana are still a word being typed."""
    for query, apart, total in (
        ("世界でもの", ("世界", "もの"), 867),
        ("人気のぱん", ("人気", "ぱん"), 32),
    ):
        typed = UnfinishedWord(query, query, 1)
        finds = NoHitFinds(apart=apart, apart_total=total, unfinished=typed)
        hints = no_hit_hints(query, finds=finds)
        assert [hint.kind for hint in hints] == [HintKind.SPACES, HintKind.UNFINISHED], query
        assert hints[0].text.endswith(f"({' '.join(apart)}).")
    # as many as typed: the word as typed is the likelier
    typed = UnfinishedWord("世界でもの", "世界でもの", 867)
    finds = NoHitFinds(apart=("世界", "もの"), apart_total=867, unfinished=typed)
    assert [hint.kind for hint in no_hit_hints("世界でもの", finds=finds)] == [HintKind.UNFINISHED]
    typed = UnfinishedWord(
        "日本人がおも", "日本人がおも", 1, exact_total=False, total_at_least=True
    )
    finds = NoHitFinds(apart=("日本人", "おも"), apart_total=10, unfinished=typed)
    assert [hint.kind for hint in no_hit_hints("日本人がおも", finds=finds)] == [
        HintKind.UNFINISHED
    ]


def test_filters_are_told_to_be_left_out_only_where_words_remain() -> None:
    """From review: `after:2030`, which found nothing, was told "Filters such as site:,
    person: or after: narrow it: try without them": without them nothing is left to
    search. Said only where a word to find remains (東京 after:2030); filters alone are
    told to try other values (the reader: to pick one that is there)."""
    for query in (
        "after:2030",
        "site:example.com after:2030",
        "after:2030 -東京",
        "NOT 東京 site:x",
    ):
        assert HintKind.FILTERS not in kinds(query), query
        assert HintKind.FILTER_VALUES in kinds(query), query
    for query in ("東京 after:2030", "site:example.com 東京"):
        assert HintKind.FILTERS in kinds(query), query
        assert HintKind.FILTER_VALUES not in kinds(query), query


def test_romaji_is_told_to_be_typed_in_kana() -> None:
    """From review: `toukyou` found nothing, with no hint (`hints: []` in --json). The
    kana it reads as, when they find something (`SearchResult.romaji`), are said; not
    every word must appear: typed in kana they all do."""
    hints = no_hit_hints("toukyou kaigyou", finds=NoHitFinds(romaji="とうきょう かいぎょう"))
    assert [hint.kind for hint in hints] == [HintKind.ROMAJI]
    assert hints[0].text == "Romaji is not read as Japanese: type kana (とうきょう かいぎょう)."
    assert HintKind.ROMAJI not in kinds("toukyou")


def test_romaji_retyped_with_a_filter_is_not_told_to_drop_the_filter() -> None:
    """From review: `title:toukyou` was told to type kana and that "filters narrow it":
    typed in kana, the filter finds something. The query is said as retyped, its
    operators and filters kept (`toukyou OR oosaka` was told (とうきょう おおさか))."""
    hints = no_hit_hints("title:toukyou", finds=NoHitFinds(romaji="title:とうきょう"))
    assert [hint.kind for hint in hints] == [HintKind.ROMAJI]
    assert "(title:とうきょう)" in hints[0].text
    hints = no_hit_hints("toukyou OR oosaka", finds=NoHitFinds(romaji="とうきょう OR おおさか"))
    assert hints[0].text == "Romaji is not read as Japanese: type kana (とうきょう OR おおさか)."


@pytest.mark.parametrize(
    ("query", "site"),
    [
        ("cnn.co.jp", "site:cnn.co.jp"),
        ("globe.asahi.com/article/15630313", "site:globe.asahi.com"),
        ("停戦 WWW.HOKKAIDO-NP.CO.JP", "site:www.hokkaido-np.co.jp"),
    ],
)
def test_a_host_typed_as_a_word_is_told_its_site_filter(query: str, site: str) -> None:
    """From review: `cnn.co.jp` and `globe.asahi.com` found nothing over the seeds, with
    no hint but the keys (a pasted https:// address was told its site: filter)."""
    [hint] = [hint for hint in no_hit_hints(query) if hint.kind is HintKind.SITE]
    assert f"{site} lists the articles from its site" in hint.text


def test_a_host_typed_as_a_word_is_not_told_to_be_spaced_into_its_labels() -> None:
    """From review: `news.livedoor.jp` was told first to put spaces between the words
    the search found apart (news livedoor jp), then its site: filter."""
    finds = NoHitFinds(apart=("news", "livedoor", "jp"))
    assert [hint.kind for hint in no_hit_hints("news.livedoor.jp", finds=finds)] == [HintKind.SITE]


@pytest.mark.parametrize("query", ["node.js", "1.5", "ver.2", "東京.大阪", '"cnn.co.jp"'])
def test_a_word_with_a_dot_that_names_no_host_is_not_told_a_site_filter(query: str) -> None:
    assert HintKind.SITE not in kinds(query)


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("東京 -東京", "東京"),
        ("iPhone NOT iphone", "iphone"),
        ("site:a.jp 停戦 -site:A.jp", "site:A.jp"),
    ],
)
def test_a_word_searched_for_and_left_out_is_told_so_alone(query: str, word: str) -> None:
    """From review: `東京 -東京` (0 hits over ldcc) was told that a reading in hiragana
    finds words in kanji, `iPhone -iPhone` nothing. Nothing else would help."""
    [hint] = no_hit_hints(query)
    assert hint.kind is HintKind.BOTH_WAYS
    assert hint.text.startswith(f"{word} is searched for and left out")


@pytest.mark.parametrize("query", ["東京 OR 大阪 -東京", "東京 -大阪", "東京 -東京都"])
def test_a_word_left_out_that_is_not_also_required_is_no_contradiction(query: str) -> None:
    assert HintKind.BOTH_WAYS not in kinds(query)


@pytest.mark.parametrize(
    ("query", "left_out", "text"),
    [
        (
            "すまほ -スマホ",
            LeftOut(("スマホ",), "すまほ", 685),
            "Leaving out “スマホ” leaves none of the 685 articles “すまほ” finds.",
        ),
        (
            "買った -スマホ -テレビ",
            LeftOut(("スマホ", "テレビ"), "買った", 1),
            "Leaving out “スマホ” and “テレビ” leaves out the one article “買った” finds.",
        ),
    ],
)
def test_words_left_out_that_take_every_article_are_told_so_alone(
    query: str, left_out: LeftOut, text: str
) -> None:
    """From review: `すまほ -スマホ` found nothing over ldcc and said nothing, where すまほ
    finds 685 articles, each holding スマホ (the reading is the word). Nothing else
    would help (no reading to try, no words to space)."""
    [hint] = no_hit_hints(query, finds=NoHitFinds(left_out=left_out))
    assert hint.kind is HintKind.LEFT_OUT
    assert hint.text == text


def test_a_quoted_phrase_found_apart_is_told_to_drop_the_quotes() -> None:
    """From review: `"東京 大阪"` was told "Words typed together must stand together: put
    spaces between them to find them apart (東京 大阪)": the space was typed, the quotes
    make the words a phrase. Told to drop the quotes; words run together unquoted are
    told to space them, as before."""
    apart = NoHitFinds(apart=("東京", "大阪"))
    for query in ('"東京 大阪"', "「東京 大阪」", '"東京大阪"'):
        (hint, *_) = no_hit_hints(query, finds=apart)
        assert hint.kind is HintKind.SPACES
        assert hint.text == (
            "A quoted phrase finds its words only together: drop the quotes "
            "to find them apart (東京 大阪)."
        ), query
    (hint, *_) = no_hit_hints("東京大阪", finds=apart)
    assert hint.text.startswith("Words typed together must stand together: put spaces")


def test_a_query_between_quotes_of_its_own_is_not_quoted_again() -> None:
    """From review: the reader's empty list read `No article matches “"東京 大阪"”`. A
    query (or a part) standing between quotes of its own is named as typed."""
    assert quoted_query('"東京 大阪"') == '"東京 大阪"'
    assert quoted_query(" 「日本 代表」 ") == "「日本 代表」"
    assert quoted_query("東京 大阪") == "“東京 大阪”"
    assert quoted_query('"東京 大阪" 名古屋') == '“"東京 大阪" 名古屋”'
    left_out = LeftOut(("スマホ",), '"すまほ 人気"', 3)
    (hint,) = no_hit_hints('"すまほ 人気" -スマホ', finds=NoHitFinds(left_out=left_out))
    assert hint.text == 'Leaving out “スマホ” leaves none of the 3 articles "すまほ 人気" finds.'


def test_kanji_mecab_reads_only_within_words_are_not_told_to_try_a_reading() -> None:
    """From review: `映館` (映画館 mistyped) was told "A reading in hiragana finds words
    written in kanji": MeCab has no reading for 映 alone (nor for 544 of the 2,965
    common kanji), so the search could not try one, and the hint was given on a guess.
    A common kanji read only within words is no other spelling of a word: no hint. A
    rarer one is (東亰: 亰, of JIS's second level, another spelling of 東京)."""
    for query in ("映館", "映", "映館 zzqq"):
        assert HintKind.READING not in kinds(query), query
    for query in ("東亰", "映館 東亰", "映館 停船"):
        assert HintKind.READING in kinds(query), query


def test_a_site_or_outlet_begun_is_told_the_values_it_begins() -> None:
    """From review: `site:livedo` counted 7,367 articles of ldcc as typed, then 0 at
    Enter, told only "No article fits the filters: try other values". The values it
    begins are said first, with what the query finds with them (`NoHitFinds.finished`)."""
    one = FinishedFilter("site", "livedo", (("site:livedoor", "site:livedoor", 7367),))
    hints = no_hit_hints("site:livedo", finds=NoHitFinds(finished=(one,)))
    assert [hint.kind for hint in hints] == [HintKind.FINISHED, HintKind.FILTER_VALUES]
    assert hints[0].text == "No site is named “livedo”: site:livedoor finds 7,367."
    assert hints[0].shorter == ("Try site:livedoor",)
    beside = FinishedFilter("site", "livedo", (("site:livedoor", "東京 site:livedoor", 1111),))
    (hint, *_) = no_hit_hints("東京 site:livedo", finds=NoHitFinds(finished=(beside,)))
    assert hint.text == "No site is named “livedo”: 東京 site:livedoor finds 1,111."
    several = FinishedFilter(
        "outlet",
        "Sports",
        (('outlet:"Sports Watch"', 'outlet:"Sports Watch"', 12), ("outlet:SportsX", "", 3)),
    )
    (hint, *_) = no_hit_hints('outlet:"Sports"', finds=NoHitFinds(finished=(several,)))
    assert hint.text == (
        'No outlet is named “Sports”: try outlet:"Sports Watch" (12) or outlet:SportsX (3).'
    )
    assert HintKind.FINISHED not in kinds("site:livedo")  # not searched: not said
