"""Turn the bytes of an article file into text, detecting its Japanese encoding.

Strict decodes are tried in an order that rules encodings out cheaply:

1. a byte-order mark decides (UTF-8, UTF-32, UTF-16). Without one, NUL bytes mean
   UTF-32 or UTF-16 (they are the high bytes of their ASCII characters) if the whole
   file (in UTF-16, but for a stray last byte) reads one way round as lines of plain
   text, else a binary file (`decode_wide`):
   a NUL byte is in no other encoding yomite reads;
2. 7-bit data with ISO-2022 designations (ESC $ B, ESC ( I...) is ISO-2022-JP: its
   escape sequences are the encoding itself, so it is decoded before anything is
   sanitized; 7-bit data without them is ASCII (stray ESC bytes stay in the text and
   become visible placeholders when sanitized);
3. UTF-8, which almost never decodes legacy Japanese bytes by accident, also when a
   few bytes are damaged (at least 4 good non-ASCII characters per damaged run); a file
   with more damage but lines of valid UTF-8 in it is read line by line, each line in
   UTF-8 or the legacy encoding it reads in (a file of pasted pieces: `_decode_by_line`).
   But a short file of no kana or kanji in UTF-8 may be legacy bytes (2012年 in EUC-JP
   is 2012ǯ, ﾆｺﾆｺ in CP932 ƺƺ): if its letters are in no words, a Japanese reading in
   MeCab's words wins (`_utf8_or_japanese`);
4. CP932 (the Windows superset of Shift_JIS: ①, ㈱, 髙), else Shift_JIS-2004 (JIS X
   0213: 吞, 𠮟, 鷗) where it reads as clean Japanese, and EUC-JP (JIS X 0208, then JIS
   X 0213 for ① and ㈱). Pure EUC-JP kana and kanji often also decode as CP932
   half-width katakana, so when both succeed the reading like Japanese wins, and when
   both are, charset-normalizer breaks the tie. A short file (`SHORT_TIE`) has too
   few signs: the reading more in words of MeCab's dictionary wins, and when neither
   clearly is, the reading is said to be a guess (`_wordiness`).
5. Text that windows-1252 reads cleanly as one language's letters is Western when
   every Japanese reading of it is damaged or holds half-width katakana or CP932's
   user-defined characters (Latin letters read as CP932: Año -> A\ue0eb, Ça -> ﾇa), or
   holds no kana while every letter beyond ASCII is in a Latin word (Crème -> Cr鑪e);
   in a short file, only if those words look like words (開始 in CP932 is ŠJŽn): else
   a Japanese reading in MeCab's words wins (`_western_or_japanese`).
6. When nothing decodes strictly, the legacy candidate with the fewest undecodable runs
   wins if the damage is small by the same measure; otherwise charset-normalizer names
   another encoding, and failing that UTF-8 is used. Each run of undecodable bytes
   becomes one U+FFFD and is counted, so a damaged article is flagged, never truncated.
   Where charset-normalizer names a Latin single-byte codec other than windows-1252,
   1252 is used if it reads the bytes as the letters of one language (its guesses put
   French and Italian in Baltic and Central European codecs).

Which encoding is right cannot always be known: `Decoded.guess` says why when the one
used is likely wrong (lines in several encodings; a Japanese reading with no kana,
as Chinese and Korean come out, or mostly of half-width katakana, as Cyrillic does), for
a warning naming the file.

JIS X 0208 text decodes differently by codec for six characters: CP932 gives ～ ∥ －
￠ ￡ ￢ where Python's EUC-JP and ISO-2022-JP codecs give 〜 ‖ − ¢ £ ¬. We normalise the
EUC-JP and ISO-2022-JP results to the CP932 forms, as the WHATWG Encoding Standard
(what browsers do) decodes all Japanese encodings, so the same text reads and searches
the same whatever encoding its file used. UTF-8 text is never altered.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
import threading
import unicodedata

from charset_normalizer import from_bytes

from index.kana import HIRAGANA, IDEOGRAPHS

REPLACEMENT = "\ufffd"

JIS_TO_MICROSOFT = str.maketrans(
    {
        "\u301c": "\uff5e",  # 〜 WAVE DASH -> ～ FULLWIDTH TILDE
        "\u2016": "\u2225",  # ‖ DOUBLE VERTICAL LINE -> ∥ PARALLEL TO
        "\u2212": "\uff0d",  # − MINUS SIGN -> － FULLWIDTH HYPHEN-MINUS
        "\u00a2": "\uffe0",  # ¢ -> ￠
        "\u00a3": "\uffe1",  # £ -> ￡
        "\u00ac": "\uffe2",  # ¬ -> ￢
    }
)
"""The JIS X 0208 characters on which CP932 and the JIS-based codecs disagree."""

ISO2022_CODECS = (
    "iso2022_jp",
    "iso2022_jp_ext",  # half-width katakana (ESC ( I)
    "iso2022_jp_2004",  # JIS X 0213: ①, ㈱
    "iso2022_jp_3",
    "iso2022_jp_2",
    "iso2022_jp_1",
)
EUC_CODECS = ("euc_jp", "euc_jis_2004")
_CP932_NON_SJIS = re.compile("[\x80\uf8f0-\uf8f3]+")
"""What Python's cp932 makes of the single bytes 0x80, 0xA0, 0xFD-0xFF: Windows'
best-fit guesses for bytes that are not Shift_JIS at all, so we count them as damage."""
_JIS_BASED = frozenset((*ISO2022_CODECS, *EUC_CODECS, "shift_jis_2004"))
_ISO2022_DESIGNATIONS = (b"\x1b$@", b"\x1b$B", b"\x1b$(", b"\x1b$A", b"\x1b(J", b"\x1b(I")

DAMAGE_RATIO = 4
"""Good non-ASCII characters needed per damaged run to accept a damaged decode."""


@dataclasses.dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    """Python codec name: utf-8, utf-8-sig, utf-16, cp932, euc_jp, iso2022_jp..."""
    errors: int = 0
    """Runs of undecodable bytes replaced by one U+FFFD each (0 = clean)."""
    guess: str = ""
    """Why the encoding is a guess likely to be wrong, in a few words for the file's
    warning ('' when it is known or likely right): a file in several encodings line by
    line, a Japanese reading with no kana in it, or one mostly of half-width katakana."""


def decode_bytes(data: bytes) -> Decoded:
    """Decode an article file's bytes (see the module doc for the order of attempts)."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_lenient(data, "utf-8-sig")
    wide = decode_wide(data)
    if wide is not None:
        return wide
    if data.isascii():
        if any(designation in data for designation in _ISO2022_DESIGNATIONS):
            for codec in ISO2022_CODECS:
                decoded = _decode_strict(data, codec)
                if decoded is not None:
                    return decoded
        return Decoded(data.decode("ascii"), "utf-8")
    utf8 = _decode_strict(data, "utf-8")
    if utf8 is not None:
        if len(data) <= SHORT_TIE and not _WIDE.search(utf8.text):
            return _utf8_or_japanese(data, utf8)
        return utf8
    estimate = _estimate(data, "utf-8")
    if _mostly_valid(estimate):
        return _decode_lenient(data, "utf-8")
    if _utf8_line_evidence(estimate.text) >= UTF8_LINE_EVIDENCE:
        by_line = _decode_by_line(data)
        if by_line is not None:
            return by_line
    decoded = _decode_legacy(data)
    guess = _unlike_japanese(decoded.text) if decoded.encoding in _JAPANESE else ""
    return dataclasses.replace(decoded, guess=guess) if guess else decoded


_DECLARED_FAMILIES = {
    **dict.fromkeys(ISO2022_CODECS, ISO2022_CODECS),
    **dict.fromkeys(("shift_jis", "cp932", "shift_jis_2004"), ("cp932", "shift_jis_2004")),
    **dict.fromkeys(EUC_CODECS, EUC_CODECS),
}
"""The codecs tried for a charset a mail declares, its supersets after it: a mail labelled
ISO-2022-JP or Shift_JIS often holds Windows' characters (①, ㈱, 髙) its codec lacks."""


def decode_declared(data: bytes, charset: str | None) -> Decoded:
    """Bytes whose charset is declared (a mail's part, an encoded word of its header):
    in that charset, or one of its supersets (`_DECLARED_FAMILIES`), when they decode in
    it; else, as a file's (`decode_bytes`), when it is unknown, absent, plain ASCII or
    wrong: a mislabelled mail reads as its bytes do, never not at all."""
    try:
        codec = codecs.lookup(charset).name if charset else "ascii"
    except LookupError:
        codec = "ascii"
    if codec == "ascii":  # undeclared, or ASCII (which may be ISO-2022-JP undeclared)
        return decode_bytes(data)
    for candidate in _DECLARED_FAMILIES.get(codec.replace("-", "_"), (codec,)):
        try:
            decoded = _decode_strict(data, candidate)
        except LookupError:  # no text encoding (`rot13`, `base64`: transforms)
            return decode_bytes(data)
        except (UnicodeError, ValueError):  # a codec's own complaint (`idna`)
            continue
        if decoded is not None:
            return decoded
    return decode_bytes(data)


def _decode_legacy(data: bytes) -> Decoded:
    """`data`, not UTF-8, in a Japanese or a Western encoding (steps 4 to 6)."""
    candidates = [decoded for decoded in _legacy_candidates(data) if decoded is not None]
    if candidates and all(_rarity(decoded.text) for decoded in candidates):
        # Every Japanese reading holds half-width katakana or user-defined characters,
        # as Latin letters read as CP932 do (Ça va très -> ﾇa va tr鑚).
        western = _western(data)
        if western is not None:
            return _western_or_japanese(data, western, candidates)
    elif candidates and not any(_KANA.search(decoded.text) for decoded in candidates):
        # Or no kana, as Japanese prose holds (Crème brûlée -> Cr鑪e br璉馥): Western if
        # its letters are in words. A line of kanji alone, read as windows-1252, has a
        # symbol or two (概要 -> ŠT—v, 各651円 -> Še651‰~, （C) in EUC-JP -> ¡ÊC).
        western = _western(data)
        if western is not None and _latin_words(western.text):
            return _western_or_japanese(data, western, candidates)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        return _break_tie(data, candidates)
    return _decode_damaged(data)


_RARE_IN_WESTERN = re.compile("[\u201a\u0192\u2020\u2021\u02c6\u2030\u2039\u203a\u02dc]")
"""What windows-1252 reads 0x82, 0x83, 0x86-0x89, 0x8B, 0x98, 0x9B as (‚ ƒ † ‡ ˆ ‰ ‹
˜ ›): CP932's lead bytes of kana and kanji, seldom in Western text."""


def _western_or_japanese(data: bytes, western: Decoded, candidates: list[Decoded]) -> Decoded:
    """The windows-1252 reading of a file a Japanese encoding reads too, unless it is
    short and spells no words while the Japanese one does: then Japanese (関連ｻｲ in
    CP932 was ŠÖ˜A»², 開始 ŠJŽn, 7階 7ŠK), or a guess either way (`_japanese_or`)."""
    if len(data) > SHORT_TIE or (
        _in_words(western.text, western=True) and not _RARE_IN_WESTERN.search(western.text)
    ):
        return western
    wordiness, japanese = _wordiest(data, candidates)
    return _japanese_or(japanese, wordiness, western)


_KANA = re.compile("[\u3041-\u309f\u30a1-\u30ff\uff66-\uff9d]")
"""Hiragana and katakana (full- and half-width, but for the ー and ﾞﾟ marks)."""
_IDEOGRAPHS = re.compile(f"[{IDEOGRAPHS}]")
NO_KANA_IDEOGRAPHS = 10
"""Kanji with no kana among them that make a Japanese reading a guess: Chinese
(GB18030, Big5) and Korean (EUC-KR) bytes read as EUC-JP come out so (北京的新闻 ->
臼奨議仟療), as a Japanese title of a few kanji does too."""
_JAPANESE = frozenset(("cp932", "shift_jis_2004", *EUC_CODECS))


def _unlike_japanese(text: str) -> str:
    """Why `text`, read in a Japanese encoding, is unlike Japanese ('' if it is not).

    Both are signs of another script read as Japanese, though a short title of kanji
    alone or a line of half-width katakana may be right (see `NO_KANA_IDEOGRAPHS`)."""
    rare = _rarity(text)
    if rare >= 4 and rare * 2 >= len(_NON_ASCII.findall(text)) and not _half_width_kana(text):
        # As Cyrillic (KOI8-R) and Big5 bytes read as CP932 do (мир -> ﾍﾉﾒ).
        return "mostly half-width katakana or user-defined characters"
    if not _KANA.search(text) and len(_IDEOGRAPHS.findall(text)) >= NO_KANA_IDEOGRAPHS:
        return "no kana in it (Chinese or Korean?)"
    return ""


_HALF_WIDTH_ONLY = re.compile("[\x00-\x7f\uff61-\uff9f]*")
_HALF_WIDTH_KANA_ROWS = re.compile("[\uff66-\uff7f]")
"""ｦ, the small kana, ｰ and the ア, カ and サ rows (0xA6-0xBF in CP932): in any
Japanese text of half-width katakana; box drawings in KOI8-R, whose lowercase letters
read in CP932 as the other half-width katakana (привет -> ﾐﾒﾉﾗﾅﾔ)."""
_MARK_MISPLACED = re.compile(
    "(?:^|[^\uff73\uff76-\uff84\uff8a-\uff8e])\uff9e|(?:^|[^\uff8a-\uff8e])\uff9f",
    re.MULTILINE,
)
"""A voiced mark ﾞ after a kana it does not voice (ｳ, ｶ-ﾄ, ﾊ-ﾎ voice), or ﾟ after one
but ﾊ-ﾎ: KOI8-R's ч and ъ read in CP932 (что -> ﾞﾔﾏ)."""


def _half_width_kana(text: str) -> bool:
    """Whether `text` is Japanese written in half-width katakana alone: no other
    character beyond ASCII, and its kana and marks as Japanese puts them. Such a file
    (ﾆｭｰｽ, ｶﾀｶﾅﾀﾞｹﾉﾌﾞﾝｼｮｳﾃﾞｽ｡ in CP932, 1.5 kB) was "mostly half-width katakana",
    unlike Japanese, and its EUC-JP reading (騰綾, 鏡凝折紘勿歇佬筑宗) taken, as a guess."""
    return (
        _HALF_WIDTH_ONLY.fullmatch(text) is not None
        and _HALF_WIDTH_KANA_ROWS.search(text) is not None
        and _MARK_MISPLACED.search(text) is None
    )


# -- short UTF-8 that legacy Japanese bytes make by chance ------------------------

JAPANESE_WORDS = 0.75
"""`_wordiness` (numbers' counters counted) from which a Japanese reading of a short
file is taken, with no warning, over a UTF-8 or windows-1252 reading that spells no
words."""
JAPANESE_GUESS = 0.5
"""`_wordiness` from which it is taken as a guess (a kanji alone: 福 in EUC-JP is ʡ);
below it, the other reading is, as a guess."""


def _utf8_or_japanese(data: bytes, utf8: Decoded) -> Decoded:
    """`data`, short valid UTF-8 with no character of three bytes or more (no kana, no
    kanji), as UTF-8 unless it reads so as no words and in Japanese as words.

    A kanji in EUC-JP whose second byte is 0xA1-0xBF and a pair of CP932's half-width
    katakana (0xC2-0xDF, then 0xA1-0xBF) are one valid UTF-8 character of two bytes:
    2012年 in EUC-JP read as 2012ǯ, 発表 as ȯɽ, ﾆｭ in CP932 as ƭ. Text in Latin,
    Greek, Cyrillic, Hebrew or Arabic letters is words of one script each (`_in_words`)
    and stays UTF-8 whatever its bytes read as in Japanese (café is caf辿 in EUC-JP)."""
    words = _in_words(utf8.text)
    if words:
        return utf8
    candidates = [decoded for decoded in _legacy_candidates(data) if decoded is not None]
    if not candidates:
        return utf8
    wordiness, japanese = _wordiest(data, candidates)
    if words is None:  # a letter alone, as é or в are: UTF-8, a guess if Japanese reads
        return _too_short(utf8, japanese) if wordiness >= JAPANESE_GUESS else utf8
    return _japanese_or(japanese, wordiness, utf8)


def _wordiest(data: bytes, candidates: list[Decoded]) -> tuple[float, Decoded]:
    """Of the Japanese readings of a short file, the one most in words, and its
    `_wordiness` with counters (`_break_tie`'s choice where they are as close as that)."""
    scored = [(_wordiness(decoded.text, counters=True), decoded) for decoded in candidates]
    wordiness, japanese = max(scored, key=lambda score: score[0])
    if len(scored) > 1 and min(score for score, _ in scored) >= wordiness - CLOSE_TIE:
        # As close in words as 2012年 in EUC-JP and 2012ﾇｯ in CP932 (ヌッ is a word): the
        # one without half-width katakana, else `_break_tie`'s choice, as a guess.
        rarities = sorted(_rarity(decoded.text) for decoded in candidates)
        if rarities[0] < rarities[1]:
            return wordiness, min(candidates, key=lambda decoded: _rarity(decoded.text))
        japanese = _break_tie(data, candidates)
        other = next(decoded for decoded in candidates if decoded is not japanese)
        japanese = japanese if japanese.guess else _too_short(japanese, other)
    return wordiness, japanese


def _japanese_or(japanese: Decoded, wordiness: float, other: Decoded) -> Decoded:
    """`japanese` if its `wordiness` says it is in words, as a guess if in a few, else
    `other` (a reading that spells no words), as a guess."""
    if wordiness >= JAPANESE_WORDS:
        return japanese
    if wordiness >= JAPANESE_GUESS:
        return japanese if japanese.guess else _too_short(japanese, other)
    return _too_short(other, japanese)


def _too_short(chosen: Decoded, other: Decoded) -> Decoded:
    return dataclasses.replace(
        chosen, guess=f"too short to tell {chosen.encoding} from {other.encoding}"
    )


_SCRIPTS = frozenset(
    ("LATIN", "GREEK", "CYRILLIC", "ARMENIAN", "HEBREW", "ARABIC", "SYRIAC", "THAANA", "NKO")
)
"""The scripts of the letters UTF-8 writes in two bytes (U+0080-U+07FF)."""
_WORD = re.compile(
    "(?:[^\\W\\d_]|[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a"
    "\u064b-\u065f\u0670\u06d6-\u06ed\u0711\u0730-\u074a\u07a6-\u07b0\u07eb-\u07f3])+"
)
"""A run of letters and the combining marks that sit on them."""
_IPA = re.compile("[\u0250-\u02af]")
_VIETNAMESE = frozenset("àáâãèéêìíòóôõùúýăđĩũơư")
"""Vietnamese letters of two bytes in UTF-8 (most of its letters take three)."""


def _script(char: str) -> str:
    """The script of a letter: '' for a modifier letter, an ordinal or µ (ˈ ː ª), which
    go with any, '?' for one of none in `_SCRIPTS` (Greek's archaic ϡ, Coptic)."""
    if char.isascii():
        return "LATIN"
    if unicodedata.category(char) == "Lm" or char in "ªºµ":
        return ""
    if "\u03cf" <= char <= "\u03ff":
        return "?"  # archaic Greek and Coptic letters
    script = unicodedata.name(char, "?").split(" ", 1)[0]
    return script if script in _SCRIPTS else "?"


def _in_words(text: str, western: bool = False) -> bool | None:
    """Whether every letter beyond ASCII in `text` stands in a word of one script,
    in one case or capitalised: a Latin word with an ASCII letter in it (école, Año),
    or of one language's letters (þú, à) among words of ASCII letters; or a word of
    another script (Москва, Αθήνα, שלום) of three letters or among such words.

    Legacy Japanese bytes read as UTF-8 make letters of several scripts in a word, a
    Latin word of letters of no one language (発表 -> ȯɽ) or against a digit (2012年
    -> 2012ǯ), unassigned characters, or marks with no letter under them. None: no
    such sign, but a letter or two alone (é, в, да, þú): too few to tell.

    `western`: windows-1252 text, whose Latin letters beyond ASCII stand in words with
    ASCII letters or alone (Japanese bytes make runs of them: 関連ｻｲ -> ŠÖ˜A»²)."""
    if any(unicodedata.category(char) in ("Cn", "Cc") for char in _NON_ASCII.findall(text)):
        return False  # unassigned (ﾗｼﾞｵ in CP932 -> U+05FC U+07B5) or C1 controls
    words = [match for match in _WORD.finditer(text) if not match.group().isascii()]
    ascii_words = any(char.isascii() and char.isalpha() for char in text)
    other_words = {_script(word.group()[0]) for word in words if len(word.group()) > 2}
    few = False
    for match in words:
        word = match.group()
        scripts = {_script(char) for char in word if char.isalpha()} - {""}
        if unicodedata.category(word[0]).startswith("M") or not _one_case(word):
            return False
        if "?" in scripts or len(scripts - ({"GREEK"} if _IPA.search(word) else set())) > 1:
            return False  # letters of several scripts (but θ in IPA: /θɪŋk/)
        if not scripts and any(unicodedata.category(char) == "Lm" for char in word):
            return False  # a modifier letter with no letter to modify (ﾊｳﾂｰ -> ʳ°)
        start, end = match.span()
        around = text[max(start - 1, 0) : start] + text[end : end + 1]
        if western and not word.islower() and any(char.isdigit() for char in around):
            return False  # 7階 in CP932 -> 7ŠK (but 1ère)
        if scripts == {"LATIN"} and not any(char.isascii() for char in word):
            letters = {char for char in word.lower() if char.isalpha()}
            if (
                any(char.isdigit() for char in around)
                or not any(letters <= alphabet for alphabet in (*_ALPHABETS, _VIETNAMESE))
                or (western and len(letters) > 1)
            ):
                return False
            few = few or not ascii_words
        elif scripts - {"LATIN"} and (len(word) == 2 or (len(word) == 1 and not ascii_words)):
            few = few or not scripts & other_words  # да, в alone (but 5 Ω)
    # Decimal digits only (category Nd): ² ³ ¹ are digits to isdigit(), and m² is English.
    if any(
        unicodedata.category(char) == "Nd" and not char.isascii() for char in text
    ) and not other_words - {"LATIN"}:
        return False  # Arabic-Indic digits with no Arabic word (ﾙ･ in CP932 -> ٥)
    return None if few else True


def _one_case(word: str) -> bool:
    cased = [char for char in word if char.isupper() or char.islower()]
    return (
        not cased
        or all(char.islower() for char in cased)
        or all(char.isupper() for char in cased)
        or all(char.islower() for char in cased[1:])
    )


# -- files in several encodings, line by line ---------------------------------------

UTF8_LINE_EVIDENCE = 3
"""Characters beyond ASCII on lines that are valid UTF-8, that make a file not UTF-8 as
a whole one in several encodings line by line. Of the 350,000 lines of the ldcc corpus
in CP932 and EUC-JP, two were valid UTF-8 by chance, with one character each (表 in
EUC-JP is ɽ); legacy Japanese bytes cannot stay valid UTF-8 for long."""
_VALID_LINES = re.compile("^[^\n\ufffd]*[^\x00-\x7f\ufffd][^\n\ufffd]*$", re.MULTILINE)


def _utf8_line_evidence(replaced: str) -> int:
    """Characters beyond ASCII on the lines of `replaced` (a file's bytes decoded as
    UTF-8 with errors replaced) that hold no U+FFFD: valid UTF-8 lines."""
    return sum(len(_NON_ASCII.findall(line)) for line in _VALID_LINES.findall(replaced))


def _decode_by_line(data: bytes) -> Decoded | None:
    """Each line of `data` in its own encoding: UTF-8 where it is valid (or nearly), the
    other lines in the encoding they read in together, a line of another Japanese
    encoding in that one (a file of pasted pieces). None if the other lines' encoding
    does not keep ASCII line breaks."""
    lines = data.splitlines(keepends=True)
    by_utf8: list[Decoded | None] = [_utf8_line(line) for line in lines]
    rest = b"".join(line for line, decoded in zip(lines, by_utf8, strict=True) if decoded is None)
    codec = _decode_legacy(rest).encoding if rest else "utf-8"
    try:
        if "\r\n".encode(codec) != b"\r\n":
            return None
    except (UnicodeError, LookupError):
        return None
    readings = [
        decoded or _legacy_line(line, codec) for line, decoded in zip(lines, by_utf8, strict=True)
    ]
    weight: dict[str, int] = {}
    for line, decoded in zip(lines, readings, strict=True):
        if not line.isascii():
            weight[decoded.encoding] = weight.get(decoded.encoding, 0) + len(line)
    used = list(weight)
    return Decoded(
        "".join(decoded.text for decoded in readings),
        max(used, key=weight.__getitem__),
        sum(decoded.errors for decoded in readings),
        f"lines in several encodings ({', '.join(used)})" if len(used) > 1 else "",
    )


def _utf8_line(line: bytes) -> Decoded | None:
    """`line` as UTF-8 if it is, or is damaged UTF-8, else None.

    A damaged line keeps more good characters of three bytes or more (kana, kanji) than
    it has bad runs, and more than of two bytes. Legacy Japanese bytes read as UTF-8 make
    two-byte ones by chance (EUC-JP 平成 -> ʿ��), seldom longer ones: 4 of the 116,902
    ldcc lines in CP932 and EUC-JP passed, and 97.7% of ldcc lines cut mid-character or
    with bad bytes put in. Each line is judged alone, so a line of kanji and a cut
    character (東\xe4\xba) is UTF-8, not CP932 mojibake (譚ｱ莠)."""
    if line.isascii():
        return Decoded(line.decode("ascii"), "utf-8")
    decoded = _decode_strict(line, "utf-8")
    if decoded is not None:
        return decoded
    estimate = _estimate(line, "utf-8")
    wide = len(_WIDE.findall(estimate.text))
    if wide >= estimate.errors and wide > len(_NARROW.findall(estimate.text)):
        return _decode_lenient(line, "utf-8")
    return None


_WIDE = re.compile("[\u0800-\ufffc\U00010000-\U0010ffff]")
_NARROW = re.compile("[\u0080-\u07ff]")
"""Characters of three or four bytes in UTF-8 (but U+FFFD), and of two."""


def _legacy_line(line: bytes, codec: str) -> Decoded:
    """`line` in `codec`, or another Japanese encoding that reads it with fewer rare
    characters (EUC-JP kana read as CP932 are half-width katakana); else damaged, in
    `codec` or UTF-8, whichever has fewer undecodable runs."""
    readings = [
        decoded
        for other in dict.fromkeys((codec, "cp932", *EUC_CODECS))
        if (decoded := _decode_strict(line, other)) is not None
    ]
    if readings:
        return min(readings, key=lambda decoded: _rarity(decoded.text))
    damaged = [_decode_lenient(line, "utf-8"), _decode_lenient(line, codec)]
    return min(damaged, key=lambda decoded: decoded.errors)


def decode_wide(data: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 text: with a byte-order mark, or without one where its NUL
    bytes show it (else None: bytes holding a NUL are binary in any other encoding)."""
    # UTF-32 LE's mark begins with UTF-16 LE's (FF FE 00 00), so it is looked for first:
    # read as UTF-16, UTF-32 text came out with a NUL after each character.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_lenient(data, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_lenient(data, "utf-16")
    if b"\x00" not in data:
        return None
    if len(data) % 4 == 0:
        # UTF-32 characters are four bytes, the highest a NUL: read the wrong way round,
        # they come out above U+10FFFF, which the codec refuses.
        for codec in ("utf_32_le", "utf_32_be"):
            decoded = _lines_of_text(data, codec)
            if decoded is not None:
                return decoded
    if len(data) % 2:
        # A stray byte at the end (a copy cut short, an editor's trailing newline byte):
        # read whole as it is with a byte-order mark, the byte a U+FFFD. It was called a
        # binary file, though the same text with a mark was read, with a warning.
        even = decode_wide(data[:-1]) if len(data) > 1 else None
        if even is not None and even.encoding in ("utf_16_le", "utf_16_be"):
            return _decode_lenient(data, even.encoding)
        return None
    # ASCII characters (digits, spaces, line breaks) are a NUL and a byte in UTF-16: the
    # NUL second in little-endian, first in big-endian. Some CJK characters end in a NUL
    # byte instead (U+3000, 一 U+4E00, 最 U+6700): the side with more NULs is tried first,
    # and a reading the wrong way round has no line break (U+0A00 and U+0D00 instead).
    codecs_to_try = ["utf_16_le", "utf_16_be"]
    if data[::2].count(0) > data[1::2].count(0):
        codecs_to_try.reverse()
    for codec in codecs_to_try:
        decoded = _lines_of_text(data, codec)
        if decoded is not None:
            return decoded
    return None


def _lines_of_text(data: bytes, codec: str) -> Decoded | None:
    """`data` read strictly as `codec`, if that gives lines of plain text (else None).

    A binary file's bytes read as UTF-16 hold NULs, controls or unassigned characters;
    short random ones may not (1 in 20 of 16 to 64 bytes with a NUL in them), but they
    seldom hold a line break too, as an article does."""
    decoded = _decode_strict(data, codec)
    if decoded is not None and _LINE_BREAK.search(decoded.text) and _plain_text(decoded.text):
        return decoded
    return None


_LINE_BREAK = re.compile("[\n\r]")


_NOT_PLAIN = re.compile(
    "[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f\ue000-\uf8ff\ufdd0-\ufdef\ufffe\uffff]"
)
"""Control characters but the spacing ones and ESC, private-use characters and
noncharacters: what a text file read without a byte-order mark must not hold."""


def _plain_text(text: str) -> bool:
    """Whether `text` holds only characters a text file does (no `_NOT_PLAIN` one, and
    none unassigned in the Basic Multilingual Plane: newer emoji are in the planes
    above it, which the installed Unicode database may not know yet)."""
    if _NOT_PLAIN.search(text):
        return False
    return not any(unicodedata.category(char) == "Cn" for char in set(text) if char <= "\uffff")


def _legacy_candidates(data: bytes) -> tuple[Decoded | None, Decoded | None]:
    euc = _decode_strict(data, "euc_jp") or _decode_strict(data, "euc_jis_2004")
    return _decode_strict(data, "cp932") or _shift_jis_2004(data), euc


def _shift_jis_2004(data: bytes) -> Decoded | None:
    """`data` in Shift_JIS-2004, if it reads as clean Japanese there: kana, and no
    half-width katakana or user-defined characters. Its lead bytes 0xF0-0xFC, which
    CP932 refuses, are kanji here, so other bytes read too: EUC-JP's (its hiragana
    come out as half-width katakana), KOI8-R's and Big5's (mostly half-width katakana)."""
    decoded = _decode_strict(data, "shift_jis_2004")
    if decoded is None or _rarity(decoded.text) or not _KANA.search(decoded.text):
        return None
    return decoded


_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
"""CP932's user-defined area (lead bytes 0xF0-0xF9): vendor gaiji at best, and what
Latin text read as CP932 turns into (Año -> A\ue0eb)."""


def _decode_strict(data: bytes, codec: str) -> Decoded | None:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    if codec == "cp932" and (_CP932_NON_SJIS.search(text) or _PRIVATE_USE.search(text)):
        return None
    return Decoded(_normalise(text, codec), codec)


def _normalise(text: str, codec: str) -> str:
    return text.translate(JIS_TO_MICROSOFT) if codec in _JIS_BASED else text


SHORT_TIE = 512
"""Bytes up to which a file that CP932 and EUC-JP both read is judged by its words
(`_wordiness`) too. The signs `_by_signs` reads hold for longer files: of 1,500 ldcc
titles with their openings, cut to 40 to 150 characters each, their katakana
half-width or not, in either encoding (~18,000 files), 3 were misread, none now. Cut
to 3 to 20 characters (~36,000), 751 were, 677 with no warning (EUC-JP's half-width
katakana are CP932 kanji: ｱｲｳ半角 -> 竺軸宍ﾈｾｳﾑ); judged so, 136, 68 with no warning
(17 of them read as windows-1252, not here)."""
CLOSE_TIE = 0.1
"""A difference in `_wordiness` up to which the reading taken is said to be a guess."""


def _break_tie(data: bytes, candidates: list[Decoded]) -> Decoded:
    chosen = _by_signs(data, candidates)
    if len(data) > SHORT_TIE or len(candidates) != 2:
        return chosen
    # A short text has few signs, and half-width katakana make them mislead: the EUC-JP
    # reading of ｱｲｳ半角 was "mostly half-width katakana", unlike Japanese, and the CP932
    # one (竺軸宍ﾈｾｳﾑ) taken, with no warning. The reading more of whose characters
    # are in words of MeCab's dictionary is taken; when neither is clearly so, it is
    # said to be a guess.
    other = candidates[1] if chosen is candidates[0] else candidates[0]
    mine, theirs = _wordiness(chosen.text), _wordiness(other.text)
    if theirs > mine + CLOSE_TIE:
        return other
    if theirs >= mine - CLOSE_TIE:
        return dataclasses.replace(
            chosen, guess=f"too short to tell {chosen.encoding} from {other.encoding}"
        )
    return chosen


_HIRAGANA = re.compile(f"[{HIRAGANA}]")


def _wordiness(text: str, counters: bool = False) -> float:
    """Of the characters of `text` beyond ASCII, the share that are in words MeCab knows
    of two characters or more, or are hiragana alone (particles: の, は), a kanji alone
    counted half: mojibake splits into single kanji and unknown runs (竺 軸 *宍
    *ネセウム). Half-width katakana are read as full-width, as the dictionary has them
    (ｶﾀｶﾅ: カタカナ). With `counters`, a kanji counter after a number (2012年, 7階)
    counts whole: against a reading that spells no words, it is Japanese enough."""
    from index.mecab import tagger  # only here: decoding loads no dictionary otherwise

    known = total = 0.0
    after_number = False
    for word in tagger()(unicodedata.normalize("NFKC", text)):
        surface = word.surface
        beyond = len(_NON_ASCII.findall(surface))
        total += beyond
        counter = counters and after_number and word.feature.pos3 == "助数詞可能"
        after_number = word.feature.pos2 == "数詞"
        if beyond and not word.is_unk and (len(surface) > 1 or _HIRAGANA.match(surface)):
            known += beyond
        elif beyond and counter:
            known += beyond  # a counter after a number (2012年, 7階)
        elif beyond and not word.is_unk and _IDEOGRAPHS.match(surface):
            known += 0.5  # a kanji alone: a word (各, 円) as often as mojibake (竺 軸)
    return known / total if total else 0.0


def _by_signs(data: bytes, candidates: list[Decoded]) -> Decoded:
    """Of CP932's and EUC-JP's readings of `data`, the one like Japanese
    (`_unlike_japanese`), else charset-normalizer's, else the one with fewer rare
    characters."""
    like_japanese = [decoded for decoded in candidates if not _unlike_japanese(decoded.text)]
    if len(like_japanese) == 1:
        # charset-normalizer read a short line of kanji in EUC-JP as CP932's half-width
        # katakana (■取材協力 -> ｢｣ｼ霄犖ｨﾎﾏ), though the EUC-JP reading was Japanese.
        return like_japanese[0]
    by_family = {_family(decoded.encoding): decoded for decoded in candidates}
    best = from_bytes(data, cp_isolation=[c.encoding for c in candidates]).best()
    if best is not None and _family(best.encoding) in by_family:
        return by_family[_family(best.encoding)]
    # charset-normalizer abstains on short texts: prefer the reading with fewer
    # characters that real Japanese prose rarely holds (EUC-JP bytes read as CP932
    # come out as runs of half-width katakana and private-use characters).
    return min(candidates, key=lambda decoded: _rarity(decoded.text))


def _family(codec: str) -> str:
    normalised = codecs.lookup(codec).name
    return "euc" if normalised.startswith("euc") else normalised


_RARE = re.compile("[\uff61-\uff9f\ue000-\uf8ff]")
"""Half-width katakana and user-defined characters."""


def _rarity(text: str) -> int:
    return len(_RARE.findall(text))


def _mostly_valid(decoded: Decoded, ratio: int = 0) -> bool:
    """Whether the good non-ASCII characters outnumber the damaged runs by far.

    Legacy Japanese bytes read as UTF-8 are almost all errors, while a UTF-8 file with
    a few damaged bytes is almost all valid multi-byte characters.
    """
    text = decoded.text
    good = len(text) - len(text.encode("ascii", "ignore")) - decoded.errors
    return good >= decoded.errors * (ratio or DAMAGE_RATIO)


def _estimate(data: bytes, codec: str) -> Decoded:
    """A fast damage estimate: the C-level "replace" handler, one U+FFFD per bad piece.

    Counting runs exactly calls back into Python for every bad piece, which took over
    100 ms on a 1 MB legacy-encoded file read as UTF-8; this counts at C speed.
    """
    text = data.decode(codec, "replace")
    errors = text.count(REPLACEMENT) - data.decode(codec, "ignore").count(REPLACEMENT)
    return Decoded(text, codec, errors)


SHORT_DAMAGED = 4096
"""Bytes up to which a damaged file's readings are all counted exactly (`_decode_damaged`)."""


def _decode_damaged(data: bytes) -> Decoded:
    if len(data) <= SHORT_DAMAGED:
        # A short file has too few good characters for the estimate's ratio: four bad
        # bytes in a row counted four against `東京 本文`, and the file came out as
        # CP932 mojibake (譚ｱ莠ｬ) with three damaged runs against UTF-8's one. Counted
        # exactly, in runs, UTF-8 wins when it has the least damage (or ties)...
        readings = [_decode_lenient(data, codec) for codec in ("utf-8", "cp932", "euc_jp")]
        fewest = min(readings, key=lambda decoded: decoded.errors)
        # ...and its bad bytes are fewer than its good characters beyond ASCII (one run
        # can swallow most of a Japanese file read as UTF-8).
        if fewest.encoding == "utf-8" and _mostly_valid(_estimate(data, "utf-8"), ratio=1):
            return fewest
    attempts = [_estimate(data, codec) for codec in ("cp932", "euc_jp")]
    least_damaged = min(attempts, key=lambda decoded: decoded.errors)
    if least_damaged.errors or _PRIVATE_USE.search(least_damaged.text):
        # A clean Western reading beats a damaged Japanese one (Les élèves ... l'école
        # came out as 駘钁es ... l'馗ole, one run damaged).
        western = _western(data)
        if western is not None:
            return western
    if _mostly_valid(least_damaged):
        return _decode_lenient(data, least_damaged.encoding)
    best = from_bytes(data).best()
    if best is not None:
        other = _decode_strict(data, _western_first(data, best.encoding))
        if other is not None:
            return other
    return _decode_lenient(data, "utf-8")


_OTHER_LATIN = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1250", "cp1257", "cp1254", "cp1258", "iso8859_2", "iso8859_3", "iso8859_4",
        "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_16",
        "mac_latin2", "mac_roman", "mac_iceland", "mac_turkish", "cp850", "cp852",
    )
)  # fmt: skip
"""Single-byte codecs for Latin script other than windows-1252."""
_ALPHABETS = tuple(
    frozenset(letters)
    for letters in (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüßéàèç",  # German (with French loans)
        "áéíóúñü",  # Spanish
        "áâãàçéêíóôõúü",  # Portuguese
        "àèéìíîòóùú",  # Italian
        "åäöæøéü",  # Danish, Norwegian, Swedish
        "áðéíóúýþæö",  # Icelandic
        "éëïóöüèáê",  # Dutch
        "áéíóöőúüű",  # Hungarian
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "ąčęėįšųūž",  # Lithuanian
        "āčēģīķļņšūž",  # Latvian
        "äöõüšž",  # Estonian
        "ăâîșțşţ",  # Romanian
        "çğıöşüâî",  # Turkish
        "čćđšž",  # Croatian, Slovene, Bosnian
    )
)
"""The letters beyond ASCII of the languages written in Latin single-byte codecs."""


_SYMBOL_BY_LETTER = re.compile(r"[^\W\d_][¤¦¨¯´¸¹³¼½¾¥£]|[¤¦¨¯´¸¹³¼½¾¥£][^\W\d_]")
"""Latin-1 symbols against a letter: what Central European letters become when read as
windows-1252 (Zażółć -> Za¿ó³æ, Łąka -> £¹ka), and Western text hardly holds."""


def _reads_as_one_language(text: str) -> bool:
    """Whether the text's letters beyond ASCII all belong to one language's alphabet,
    with no symbol standing against a letter."""
    if _SYMBOL_BY_LETTER.search(text):
        return False
    letters = {char for char in text.lower() if not char.isascii() and char.isalpha()}
    return any(letters <= alphabet for alphabet in _ALPHABETS)


def _western(data: bytes) -> Decoded | None:
    """The windows-1252 reading of `data` if it spells one language (else None).

    Japanese bytes seldom pass: CP932 lead bytes 0x81 and 0x8D-0x90 are undefined in
    1252, and EUC-JP's read as symbols against letters (the hiragana row's lead byte
    is ¤) or letters of several alphabets (東京: Åìµþ)."""
    western = _decode_strict(data, "cp1252")
    if western is None or not _reads_as_one_language(western.text):
        return None
    if not _accented_words(western.text):
        return None  # ASCII with a stray byte (4-22T08:00þ), not Western text
    return western


_NON_ASCII = re.compile("[^\x00-\x7f]")


def _accented_words(text: str) -> bool:
    """Whether a letter beyond ASCII stands within a word (é in école, ñ in Año): a stray
    byte in ASCII text makes none (þ after 08:00, a NBSP between digits). Other
    characters (a NBSP before « ! », ©, 3ª) are no evidence either way."""
    for match in _NON_ASCII.finditer(text):
        char, index = match.group(), match.start()
        before = text[index - 1] if index else ""
        after = text[index + 1 : index + 2]
        if char.isalpha() and (before.isalpha() or after.isalpha()):
            return True
    return False


def _latin_words(text: str) -> bool:
    """Whether every character of `text` beyond ASCII is a letter in a word of ASCII
    letters (é in école), or a word of its own (à)."""
    for match in _NON_ASCII.finditer(text):
        index = match.start()
        around = text[max(index - 1, 0) : index] + text[index + 1 : index + 2]
        if not match.group().isalpha():
            return False
        if any(char.isalpha() for char in around) and not any(
            char.isascii() and char.isalpha() for char in around
        ):
            return False
    return True


def _western_first(data: bytes, guess: str) -> str:
    """windows-1252 where charset-normalizer guessed another Latin single-byte codec and
    1252 reads the bytes as one language's letters, as browsers read unlabelled Western
    text.

    Its guesses are unreliable for Western languages: French in Latin-1 came out as
    Baltic cp1257 (très -> trčs, à -> ą), Italian as cp1250 (città -> cittŕ). Read as
    1252, Polish bytes become symbols (Zażółć -> Za¿ó³æ) and Lithuanian ones Icelandic
    letters among Baltic ones (šiandien -> ðiandien): the guess stands. Cyrillic, Greek
    and the rest are not Latin: the guess stands.
    """
    if codecs.lookup(guess).name not in _OTHER_LATIN:
        return guess
    western = _decode_strict(data, "cp1252")
    if western is None or not _reads_as_one_language(western.text):
        return guess
    return "cp1252"


# -- counting undecodable runs ------------------------------------------------------

_ERROR_HANDLER = "yomite-replace-run"
_runs = threading.local()


def _replace_run(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: one U+FFFD per run of adjacent undecodable bytes, counted."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    state: list[int] = _runs.state  # [runs so far, end of the previous bad sequence]
    replacement = "" if error.start == state[1] else REPLACEMENT
    if replacement:
        state[0] += 1
    state[1] = error.end
    return replacement, error.end


codecs.register_error(_ERROR_HANDLER, _replace_run)


def _decode_lenient(data: bytes, codec: str) -> Decoded:
    _runs.state = [0, -1]
    text = data.decode(codec, _ERROR_HANDLER)
    errors = _runs.state[0]
    if codec == "cp932":
        text, more = _CP932_NON_SJIS.subn(REPLACEMENT, text)
        errors += more
    return Decoded(_normalise(text, codec), codec, errors)
