"""Japanese encodings are detected; damage is flagged, never silently dropped."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from index.decoding import JIS_TO_MICROSOFT, REPLACEMENT, Decoded, decode_bytes

# What each encoding can hold differs: 髙 exists only in CP932 (an IBM extension);
# ① and ㈱ in CP932 and JIS X 0213; half-width katakana in all but plain ISO-2022-JP.
SENTENCE = "東京都の髙橋さんは、昨日から㈱日本ニュースで働いています。"
EVERYTHING = f"{SENTENCE}①②ｶﾀｶﾅ～ー「引用」\n二行目です。"
JIS_X_0208 = "東京都の高橋さんは、昨日から日本ニュースで働いています。\n二行目～です。"


def _without(text: str, chars: str) -> str:
    return text.translate({ord(char): None for char in chars})


@pytest.mark.parametrize(
    ("text", "codec", "reported"),
    [
        (EVERYTHING, "utf-8", "utf-8"),
        (EVERYTHING, "utf-8-sig", "utf-8-sig"),
        (EVERYTHING, "utf-16", "utf-16"),
        (EVERYTHING, "cp932", "cp932"),
        (_without(EVERYTHING, "髙"), "euc_jis_2004", "euc_jis_2004"),
        (_without(EVERYTHING, "髙①②㈱"), "euc_jp", "euc_jp"),
        (JIS_X_0208, "iso2022_jp", "iso2022_jp"),
        (_without(EVERYTHING, "髙①②㈱～"), "iso2022_jp_ext", "iso2022_jp_ext"),
        (_without(EVERYTHING, "髙ｶﾀﾅ"), "iso2022_jp_2004", "iso2022_jp_2004"),
    ],
)
def test_the_same_text_decodes_identically_from_every_encoding(
    text: str, codec: str, reported: str
) -> None:
    # The JIS-based codecs cannot encode ～ (U+FF5E) and write 〜 (U+301C) instead:
    # decoding must give back the same ～ the CP932 and UTF-8 files hold.
    data = text.replace("～", "〜").encode(codec) if "jp" in codec else text.encode(codec)
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert decoded.encoding == reported
    assert decoded.errors == 0


JIS_X_0213_ONLY = "彼は酒を吞み、𠮟られた。森鷗外の作品を読む。\n二行目～です。"
"""吞 𠮟 鷗: JIS X 0213 characters CP932 does not have (its bytes there are other
characters, or none)."""


def test_shift_jis_2004_is_read_whole_not_as_cp932_with_invented_characters() -> None:
    # Read as CP932, 3 runs became U+FFFD and characters not in the file appeared
    # around them (森�繩Oの作品), under a warning that spoke of U+FFFD alone.
    data = JIS_X_0213_ONLY.replace("～", "〜").encode("shift_jis_2004")
    decoded = decode_bytes(data)
    assert decoded.text == JIS_X_0213_ONLY
    assert decoded.encoding == "shift_jis_2004"
    assert decoded.errors == 0


def test_utf8_text_keeps_wave_dash_and_fullwidth_tilde_apart() -> None:
    assert decode_bytes("〜と～".encode()).text == "〜と～"


def _jis_to_shift_jis(row: int, cell: int) -> bytes:
    j1, j2 = row + 0x20, cell + 0x20
    s1 = ((j1 - 0x21) >> 1) + 0x81
    s1 += 0x40 if s1 > 0x9F else 0
    s2 = j2 + (0x1F + (j2 + 0x1F >= 0x7F) if j1 & 1 else 0x7E)
    return bytes([s1, s2])


def test_normalisation_table_is_exactly_where_cp932_and_euc_jp_disagree() -> None:
    disagreements = {}
    for row in range(1, 95):
        for cell in range(1, 95):
            try:
                jis = bytes([0xA0 + row, 0xA0 + cell]).decode("euc_jp")
            except UnicodeDecodeError:
                continue
            microsoft = _jis_to_shift_jis(row, cell).decode("cp932")
            if microsoft != jis:
                disagreements[ord(jis)] = microsoft
    assert disagreements == JIS_TO_MICROSOFT


def test_short_euc_jp_kana_that_also_reads_as_cp932_is_euc_jp() -> None:
    # Every byte of this is also valid CP932 (half-width katakana): a real tie.
    data = "こんにちは".encode("euc_jp")
    assert data.decode("cp932").startswith("､ｳ")  # raises if CP932 could not read it
    assert decode_bytes(data) == Decoded("こんにちは", "euc_jp", 0)


def test_seed_reencoded_reads_back_identically(seeds_dir: Path) -> None:
    seed = (seeds_dir / "000_e0ff7e7c06765df1.txt").read_text(encoding="utf-8")
    text = seed.replace("💡", "").replace("✅", "")  # emoji exist only in Unicode
    for codec in ("cp932", "euc_jp", "utf-8-sig"):
        decoded = decode_bytes(text.encode(codec))
        assert (decoded.text, decoded.encoding, decoded.errors) == (text, codec, 0)


def test_damaged_utf8_is_utf8_with_each_bad_run_flagged() -> None:
    good = "トランプ氏、ウクライナ和平へ電撃交渉!その狙いは?".encode()
    decoded = decode_bytes(good + b"\xff\xfe\xfd" + good + b"\x80" + good)
    assert decoded.encoding == "utf-8"
    assert decoded.errors == 2
    parts = decoded.text.split(REPLACEMENT)
    assert parts == [good.decode()] * 3


def test_damaged_cp932_flags_bytes_windows_would_guess() -> None:
    good = "トランプ氏、ウクライナ和平へ電撃交渉!その狙いは?".encode("cp932")
    decoded = decode_bytes(good + b"\xff" + good)
    assert decoded.encoding == "cp932"
    assert decoded.errors == 1
    assert REPLACEMENT in decoded.text


EUROPEAN = [
    ("Le café était très agréable à Paris, où ça coûte cher. Voilà, à bientôt.", "latin-1"),
    ("La città è bellissima. Però il caffè è caro, perché la qualità è alta.", "latin-1"),
    ("Grüße aus München. Die Straße ist schön, und der Käse schmeckt gut.", "cp1252"),
    ("El niño comió una manzana. ¿Dónde está la estación? Mañana iré allí.", "latin-1"),
    ("Le cœur est à Paris, ça coûte 10 € à peine. Très bien, voilà tout.", "iso8859_15"),
    ("Zażółć gęślą jaźń. Cześć, jak się masz? Dziękuję bardzo za pomoc.", "cp1250"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy. Dobrý den, jak se máte?", "cp1250"),
    ("Árvíztűrő tükörfúrógép. Jó napot kívánok, hogy van ma reggel?", "cp1250"),
    ("Labas rytas, kaip sekasi? Ačiū, gerai. Šiandien graži diena.", "cp1257"),
    ("Привет, как дела? Это тестовый текст на русском языке для проверки.", "cp1251"),
    ("Γειά σου κόσμε, τι κάνεις σήμερα; Όλα καλά, ευχαριστώ πολύ.", "cp1253"),
]


@pytest.mark.parametrize(("text", "codec"), EUROPEAN, ids=[c + t[:4] for t, c in EUROPEAN])
def test_european_single_byte_text_reads_as_written(text: str, codec: str) -> None:
    """charset-normalizer read French in Latin-1 as Baltic cp1257 (très -> trčs, à -> ą)
    and Italian as cp1250 (città -> cittŕ): a Western reading that spells one language
    wins; Central European and Baltic text, Cyrillic and Greek keep their codecs."""
    data = (text + "\n").encode(codec)
    assert decode_bytes(data).text == text + "\n"


SHORT_WESTERN = [
    "Año nuevo",  # clean as CP932, with a user-defined character: A\ue0eb nuevo
    "Señor Muñoz",
    "Ça va très bien, merci.",  # clean as CP932 with half-width katakana: ﾇa va tr鑚
    "Les élèves sont allés à l'école hier matin.",  # damaged as CP932: 駘钁es
    "He said “hi” today — fine.",  # damaged as CP932
    "Ça va très bien\xa0!",  # a NBSP before ! (French typography) is no stray byte
    "«\xa0Bonjour\xa0», dit l'élève.",
    "© 2012 Société Générale",
]


@pytest.mark.parametrize("text", SHORT_WESTERN)
def test_short_western_text_is_not_read_as_japanese(text: str) -> None:
    """A line or two of Latin text in windows-1252 (or Latin-1) decoded as CP932,
    because Japanese encodings are tried first and a few accented letters are valid
    Shift_JIS bytes."""
    decoded = decode_bytes((text + "\n").encode("cp1252"))
    assert (decoded.text, decoded.errors) == (text + "\n", 0)


@pytest.mark.parametrize("text", ["東京", "ひらがなとカタカナ", "半角ｶﾅ混じりの文章です。"])
@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_short_japanese_text_is_not_read_as_western(text: str, codec: str) -> None:
    # (A few half-width katakana alone, ｶﾀｶﾅ, are as valid EUC-JP as CP932: no guess
    # tells them apart.)
    assert decode_bytes(text.encode(codec)).text == text


@pytest.mark.parametrize("word", ["Zażółć", "Łąka"])
def test_central_european_letters_read_as_1252_are_no_language(word: str) -> None:
    # Za¿ó³æ has only ó and æ for letters (both Icelandic); £¹ka none at all.
    from index.decoding import _western_first

    assert _western_first(word.encode("cp1250"), "cp1250") == "cp1250"


def test_stray_escape_bytes_in_ascii_stay_in_the_text() -> None:
    decoded = decode_bytes(b"title\x1b[2J\x1b]0;x\x07")
    assert decoded.text == "title\x1b[2J\x1b]0;x\x07"  # sanitizing makes them visible
    assert decoded.errors == 0


@given(st.binary(max_size=400))
def test_any_bytes_decode_to_valid_text(data: bytes) -> None:
    decoded = decode_bytes(data)
    decoded.text.encode("utf-8")  # no lone surrogates
    assert decoded.errors >= 0
    boms = (b"\xef\xbb\xbf", b"\xff", b"\xfe", codecs.BOM_UTF32_BE)
    if decoded.errors == 0 and data and b"\x1b" not in data and not data.startswith(boms):
        assert decoded.text  # bytes never vanish without being flagged


def test_a_short_utf8_file_with_a_damaged_run_stays_utf8() -> None:
    """Four bad bytes in a row weighed four against the few good characters of a short
    file: it came out as CP932 mojibake (東京 as 譚ｱ莠ｬ) with three damaged runs against
    UTF-8's one (review)."""
    decoded = decode_bytes(b"abc" + b"\xff\xfe\x80\x81" + " 東京\n本文\n".encode())
    assert (decoded.text, decoded.encoding, decoded.errors) == (
        f"abc{REPLACEMENT} 東京\n本文\n",
        "utf-8",
        1,
    )


def test_a_stray_byte_in_ascii_is_damage_not_western_text() -> None:
    # A byte of 0xFE after a digit read as windows-1252 is þ, an Icelandic letter.
    decoded = decode_bytes(b"2012-04-22T08:00\xfe\nhttp://news.example.jp/\n")
    assert decoded.errors == 1 and REPLACEMENT in decoded.text


@pytest.mark.parametrize(
    "line", ["概要", "各651円", "■景品", "（C)2004\u3000Universal Studios.", "「feel Windows」"]
)
@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_a_line_of_kanji_alone_is_not_read_as_western(line: str, codec: str) -> None:
    # No kana in it, as in Western text read as CP932; but read as windows-1252 it holds
    # symbols, not letters in words (概要 -> ŠT—v, （C) -> ¡ÊC).
    assert decode_bytes(f"{line}\n".encode(codec)).text == f"{line}\n"


@pytest.mark.parametrize("line", ["■取材協力", "（参考）", "吉田秋生（1〜4巻）"])
def test_a_short_line_of_kanji_in_euc_jp_is_not_read_as_half_width_katakana(line: str) -> None:
    """charset-normalizer chose the CP932 reading (■取材協力 -> ｢｣ｼ霄犖ｨﾎﾏ): 628 of the
    12,123 lines of ldcc with no kana in EUC-JP read so, 219 now."""
    decoded = decode_bytes(f"{line}\n".encode("euc_jp"))
    assert (decoded.text, decoded.guess) == (f"{line}\n".translate(JIS_TO_MICROSOFT), "")


SHORT_HALF_WIDTH = [
    "ｱｲｳ半角\n\nｶﾀｶﾅ",
    "NTTﾄﾞｺﾓ､今夏最注目ｽﾏﾎ\n\nGALAXY SIII",
    "ｸｱｯﾄﾞｺｱCPUと16\n\nﾌｧｰｳｪｲのﾊｲｽﾍﾟｯｸ",
    "ｿﾌﾄﾊﾞﾝｸ､LUMIX\n\nLUMIX Phone",
    "ﾛﾝﾄﾞﾝ五輪\n\nﾛﾝﾄﾞﾝ",
    "ﾀﾌﾞﾚｯﾄ\n\nF-01D",
]
SHORT_FULL_WIDTH = ["新iPad\n\niPhone", "脚の生えた\n\n2012年", "■取材協力", "半角ｶﾅ"]


@pytest.mark.parametrize("text", SHORT_HALF_WIDTH + SHORT_FULL_WIDTH)
@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_a_short_text_cp932_and_euc_jp_both_read_is_read_as_written(text: str, codec: str) -> None:
    """EUC-JP's half-width katakana are CP932 kanji (ｱｲｳ半角 -> 竺軸宍ﾈｾｳﾑ, `text ·
    cp932`, no warning), and its kanji CP932's half-width katakana (新 -> ｿｷ); CP932's
    half-width katakana EUC-JP kanji (ﾀﾌﾞﾚｯﾄ -> 戚湍圯). Of the two readings, the one
    in words is taken."""
    assert decode_bytes(text.encode(codec)).text == text


def test_a_short_text_neither_reading_tells_apart_is_said_to_be_a_guess() -> None:
    """各651円 in EUC-JP reads in CP932 as ｳﾆ651ｱﾟ (ウニ is a word): too short to tell."""
    decoded = decode_bytes("各651円\n".encode("euc_jp"))
    assert (decoded.text, decoded.guess) == ("各651円\n", "too short to tell euc_jp from cp932")


@pytest.mark.parametrize("codec", ["cp932", "euc_jp"])
def test_a_longer_text_with_half_width_katakana_is_read_as_written_with_no_guess(
    codec: str,
) -> None:
    text = "今日のﾆｭｰｽ\n\nｻｯｶｰの試合がありました。ﾃﾞｼﾞﾀﾙｶﾒﾗの新製品も発表されました。\n" * 3
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.guess) == (text, codec, "")


def test_a_text_in_half_width_katakana_alone_is_read_as_written() -> None:
    """With no kanji or hiragana it was "mostly half-width katakana", unlike Japanese,
    and its EUC-JP reading taken (騰綾, 鏡凝折紘勿歇佬筑宗), as a guess: "no kana in it".
    Russian in KOI8-R, whose lowercase letters read in CP932 as half-width katakana
    too, is still a guess."""
    text = "ﾆｭｰｽ\n\n" + "ｶﾀｶﾅﾀﾞｹﾉﾌﾞﾝｼｮｳﾃﾞｽ｡ｷｮｳﾊﾊﾚﾃﾞｽ｡\n" * 40
    assert decode_bytes(text.encode("cp932")) == Decoded(text, "cp932", 0)
    # One with none of ｦ-ｿ (KOI8-R's box drawings), one with ﾞ (ч) after no kana it voices.
    for russian in ("привет мир, новости дня\n" * 50, "Ёж, что это такое\n" * 50):
        decoded = decode_bytes(russian.encode("koi8_r"))
        assert decoded.guess == "mostly half-width katakana or user-defined characters"


FOREIGN = [
    ("北京市政府今天发布了新的交通管理规定。根据新规定，市中心的部分道路将实行限行。", "gb18030"),
    ("서울시는 오늘 새로운 교통 관리 규정을 발표했다. 市民들의 반응은 엇갈렸다.", "euc_kr"),
    ("Правительство Москвы объявило о новых правилах дорожного движения.", "koi8_r"),
    ("臺北市政府今天公佈了新的交通管理規定。根據新規定，市中心的部分道路將實行限行。", "big5"),
]


@pytest.mark.parametrize(("text", "codec"), FOREIGN, ids=[codec for _, codec in FOREIGN])
def test_another_script_read_as_japanese_is_called_a_guess(text: str, codec: str) -> None:
    """Chinese, Korean and Russian text came out as mojibake in a Japanese encoding (北京
    的新闻 -> 臼奨議仟療) with nothing to say it may be wrong."""
    decoded = decode_bytes(f"{text}\n".encode(codec))
    assert decoded.encoding in ("cp932", "euc_jp", "euc_jis_2004")  # still a guess...
    assert decoded.guess  # ...said to be one
    assert decoded.text != f"{text}\n"


@pytest.mark.parametrize("codec", ["cp932", "euc_jp", "utf-8"])
def test_japanese_text_is_no_guess(seeds_dir: Path, codec: str) -> None:
    seed = (seeds_dir / "000_e0ff7e7c06765df1.txt").read_text(encoding="utf-8")
    text = seed.replace("💡", "").replace("✅", "")
    for part in (text, text.splitlines()[0], "こんにちは", "東京"):
        assert decode_bytes(part.encode(codec)).guess == ""


@pytest.mark.parametrize("text", ["2012年", "2012年\n", "発表", "同年\n", "筆頭", "発表\n2012年\n"])
def test_short_euc_jp_whose_bytes_are_valid_utf8_is_read_as_euc_jp(text: str) -> None:
    """A kanji in EUC-JP whose second byte is 0xA1-0xBF is one UTF-8 character of two
    bytes: 2012年 (32 30 31 32 C7 AF) read as 2012ǯ, 発表 as ȯɽ, with no warning."""
    data = text.encode("euc_jp")
    assert data.decode("utf-8") != text  # valid UTF-8, and mojibake as such
    assert decode_bytes(data) == Decoded(text, "euc_jp", 0)


SHORT_HALF_WIDTH_UTF8 = ["ﾆｺﾆｺ", "ﾋｰﾛｰ\n", "ﾜｸﾜｸ", "ﾌｫﾛｰ", "ﾏｲﾅｽ", "ﾉｳﾊｳ\n", "ﾕｰﾓｱ", "ﾈｯﾄｶﾌｪ"]
SHORT_HALF_WIDTH_UTF8 += ["ﾚｷﾞｭﾗｰ\n", "ﾘｽﾅｰ", "ﾊｲﾃｸ", "ﾗｼﾞｵ", "ﾆｺﾆｺ 2012\n"]


@pytest.mark.parametrize("text", SHORT_HALF_WIDTH_UTF8)
def test_short_half_width_katakana_in_cp932_valid_as_utf8_are_read_as_cp932(text: str) -> None:
    """Half-width katakana 0xC2-0xDF then 0xA1-0xBF are one UTF-8 character of two
    bytes: ldcc's katakana words written half-width in CP932 read as ƺƺ (ﾆｺﾆｺ), ϲŽ
    (ﾏｲﾅｽ), U+05FC U+07B5 (ﾗｼﾞｵ, unassigned), with no warning."""
    data = text.encode("cp932")
    assert data.decode("utf-8") != text
    assert decode_bytes(data) == Decoded(text, "cp932", 0)


@pytest.mark.parametrize("text", ["開始", "7階", "関連ｻｲ", "ﾍﾞﾝ", "内ﾓｰ", "ﾄﾖﾀ86"])
def test_short_cp932_whose_bytes_read_as_latin_letters_is_read_as_cp932(text: str) -> None:
    """Read as windows-1252, CP932 bytes make accented letters (開始 -> ŠJŽn, 7階 -> 7ŠK,
    関連ｻｲ -> ŠÖ˜A»², ﾍﾞﾝ -> ÍÞÝ), taken as Western text with no warning; they spell
    no words, and the CP932 reading is in MeCab's."""
    data = text.encode("cp932")
    assert data.decode("cp1252") != text
    assert decode_bytes(data) == Decoded(text, "cp932", 0)


@pytest.mark.parametrize(("text", "codec"), [("福\n", "euc_jp"), ("ｱﾓﾉ\n", "cp932")])
def test_a_short_file_with_too_little_to_tell_is_read_as_a_guess(text: str, codec: str) -> None:
    """A kanji alone (福 in EUC-JP is ʡ in UTF-8) or three half-width katakana (ｱﾓﾉ in
    CP932 is ±ÓÉ in windows-1252) were read as the other with no warning."""
    decoded = decode_bytes(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, codec)
    assert decoded.guess.startswith(f"too short to tell {codec} from ")


UTF8_JAPANESE_ALSO_READS = [
    "café",
    "Müller\n",
    "Straße",
    "Crème brûlée",
    "Ça va très bien",
    "Año nuevo\n",
    "São Paulo é linda",
    "Perché è così",
    "Ñandú",
    "Øre",
    "İstanbul",
    "Şişli\n",
    "Ōsaka",
    "Běijīng",
    "Cám ơn",
    "Việt Nam",
    "Góðan daginn, hvernig hefur þú það?",
    "5 µs, 10 Ω, 25 °C",
    "Αθήνα",
    "αβγ",
    "Ελλάδα\n",
    "дела",
    "в доме было тепло",
    "Київ",
    "東京のCafé Ōsaka",
    "2012年のJosé\n",
    "Müller 2012",
    # superscripts are digits to str.isdigit(): m² was read as CP932 mﾂｲ (review)
    "area 5 m²\n",
    "E=mc²",
    "x² + y² = z²",
]


@pytest.mark.parametrize("text", UTF8_JAPANESE_ALSO_READS)
def test_short_utf8_text_that_japanese_encodings_also_read_stays_utf8(text: str) -> None:
    """Latin, Greek and Cyrillic letters in UTF-8 are valid CP932 or EUC-JP too (café is
    caf辿 in EUC-JP, дела ﾐｴﾐｵﾐｻﾐｰ in CP932): words of one script, they stay UTF-8."""
    data = text.encode()
    assert any(_decodes(data, codec) for codec in ("cp932", "euc_jp"))
    assert decode_bytes(data) == Decoded(text, "utf-8", 0)


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("text", ["в", "é\n", "þú"])
def test_a_letter_or_two_alone_in_utf8_stays_utf8(text: str) -> None:
    # In CP932 в is ﾐｲ, a word: too few letters to tell, but a UTF-8 file is UTF-8.
    decoded = decode_bytes(text.encode())
    assert (decoded.text, decoded.encoding) == (text, "utf-8")
