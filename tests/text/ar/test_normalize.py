"""The normalization rules of khabar.text.ar.normalize, one behaviour per test."""

from __future__ import annotations

import random
import unicodedata

import pytest

from khabar.text.ar import normalize as rules
from khabar.text.ar.normalize import arabic_ratio, normalize, normalize_with_offsets, strip_diacritics


# --- simple references: the rules applied the obvious (slow) way --------------------------


def reference_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """Each character normalized on its own; every output character maps to its source."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = unicodedata.normalize("NFKC", ch) if rules._NEEDS_NFKC.match(ch) else ch
        piece = piece.translate(rules._TABLE)
        if rules._LATIN_UPPER.search(piece):
            piece = piece.casefold()
        out.extend(piece)
        offsets.extend([i] * len(piece))
    return "".join(out), (*offsets, len(text))


def reference_normalize(text: str) -> str:
    """Each character normalized on its own (NFKC for a presentation form, the table,
    case-folding for a Latin capital)."""
    return reference_offsets(text)[0]


# Diacritics, tatweel, presentation forms (ﻷ ﷲ), digits in three scripts, bidi and
# zero-width marks, the ellipsis, Latin capitals (ß İ fold to two characters), letters
# outside the fast alphabet (Cyrillic, Greek, ﬁ, ½), spaces of all kinds, and sequences
# that NFKC composes (و + hamza above).
MIX = (
    list("حلبمنسعىةأإآؤئ") + list("\u064b\u064e\u0650\u0651\u0652\u0670\u0640\u0654\u0653")
    + list("ﻷﻻﷲﺎﻧ\ufeff") + list("٠١٢٣0123456789۴") + list("\u200f\u200e\u202b\u2066\u200b\u00ad")
    + ["…"] + list("ABCZabcßİŉÉéДΣﬁ½²") + list(" \xa0\t\n،؛؟«»–")
    + ["و\u0654", "ي\u0654", "ا\u0653"]
)


def random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(MIX) for _ in range(rng.randint(0, 40))) for _ in range(count)]


def test_diacritics_are_dropped():
    assert normalize("مُحَمَّدٌ") == "محمد"


def test_superscript_alef_is_dropped():
    assert normalize("هٰذا") == "هذا"


def test_tatweel_is_dropped():
    assert normalize("حلـــب") == "حلب"


def test_alef_forms_become_bare_alef():
    assert normalize("أحمد إبراهيم آمال ٱلله") == "احمد ابراهيم امال الله"


def test_hamza_seats_meet():
    assert normalize("مسؤول") == normalize("مسئول") == "مسءول"


def test_alef_maqsura_becomes_ya():
    assert normalize("على مستشفى") == "علي مستشفي"


def test_ta_marbuta_becomes_ha():
    assert normalize("المدينة") == "المدينه"


def test_arabic_indic_digits_become_ascii():
    assert normalize("٢٠١٦") == "2016"


def test_persian_digits_become_ascii():
    assert normalize("۱۲۳۴") == "1234"


def test_arabic_decimal_separator_becomes_dot():
    assert normalize("٣٫٥") == "3.5"


def test_guillemets_and_curly_quotes_become_straight():
    assert normalize("«حلب» “دمشق”") == '"حلب" "دمشق"'


def test_arabic_comma_semicolon_question_mark():
    assert normalize("نعم، لا؛ لماذا؟") == "نعم, لا; لماذا?"


def test_latin_is_case_folded():
    assert normalize("BBC News") == "bbc news"


def test_presentation_forms_unfold():
    assert normalize("\ufefb") == "لا"  # the lam-alef ligature


def test_strip_diacritics_keeps_letters_as_written():
    assert strip_diacritics("إِلَى المَدِينَةِ") == "إلى المدينة"


def test_offsets_map_a_match_back_to_the_original_span():
    original = "قالَ «المرصـدُ» إنّ ٣٠ شخصاً قُتلوا"
    nt = normalize_with_offsets(original)
    start = nt.text.index("المرصد")
    o_start, o_end = nt.original_span(start, start + len("المرصد"))
    assert original[o_start:o_end] == "المرصـدُ"


def test_offsets_map_converted_digits():
    original = "قتل ٣٠ شخصا"
    nt = normalize_with_offsets(original)
    start = nt.text.index("30")
    assert original[slice(*nt.original_span(start, start + 2))] == "٣٠"


def test_offsets_have_one_entry_past_the_end():
    nt = normalize_with_offsets("حلبُ")
    assert len(nt.offsets) == len(nt.text) + 1
    assert nt.to_original(len(nt.text)) == len("حلبُ")


def test_offsets_text_equals_normalize():
    text = "أعلنَ الجيشُ «السيطرة» على ٩٠٪ من حلـب؟"
    assert normalize_with_offsets(text).text == normalize(text)


@pytest.mark.parametrize(("text", "alone"), [("①²", "1²"), ("Aµ", "aµ"), ("\ufefbD", "لاd")])
def test_a_character_normalizes_the_same_whatever_surrounds_it(text: str, alone: str) -> None:
    # a presentation form once put the whole text through NFKC ("①²" -> "12", "²" -> "²")
    # and a Latin capital case-folded the whole text ("µ" -> "μ" beside "A" only)
    assert normalize(text) == alone == "".join(normalize(ch) for ch in text)


def test_normalizing_pieces_and_joining_them_is_normalizing_the_whole() -> None:
    texts = random_texts(4, 400)
    for a, b in zip(texts, texts[1:]):
        assert normalize(a + b) == normalize(a) + normalize(b), repr(a + b)


def test_arabic_ratio_counts_letters_only():
    assert arabic_ratio("حلب BBC 2016") == 0.5


def test_letter_counts_count_what_letters_of_keeps() -> None:
    """The byte-class fast path and the regular-expression path agree, in and out of the
    normalization's alphabet (the random mixes hold characters of both)."""
    from khabar.text.ar.normalize import letter_counts, letters_of

    assert letter_counts("حلب BBC 2016، مُحَمَّد") == (10, 7)
    assert letter_counts("中文 حلب") == (5, 3)  # outside the alphabet: the other path
    for text in [*random_texts(5, 2000), rules._ALPHABET]:
        letters = letters_of(text)
        arabic = sum(1 for ch in letters if arabic_ratio(ch) == 1.0)
        assert letter_counts(text) == (len(letters), arabic), repr(text)


def test_a_remembered_text_gives_the_bytes_of_itself_its_start_and_its_end() -> None:
    """After a long text is encoded, the text, any start and any end of it, and any other
    text get the bytes a fresh encoding gives (random texts in and out of the alphabet,
    short ones between that are not remembered); the language check's two counts are
    those of the two slices."""
    import codecs

    from khabar.text.ar.normalize import letter_counts, letter_counts_cut

    def fresh(text: str) -> bytes | None:
        try:
            return codecs.charmap_encode(text, "strict", rules._ENCODING)[0]
        except UnicodeEncodeError:
            return None

    rng = random.Random(11)
    for text in random_texts(300, 600):
        text = text * (1 + rules._REMEMBERED // max(1, len(text)))  # long enough to be remembered
        assert rules._encode(text) == fresh(text)
        for _ in range(4):
            cut = rng.randint(0, len(text))
            for part in (text[:cut], text[cut:], text[cut // 2 : cut], "حلب"[: cut % 4], text):
                assert rules._encode(part) == fresh(part), repr(part)
        assert letter_counts_cut(text, cut) == (letter_counts(text[:cut]), letter_counts(text[cut:]))
    assert letter_counts_cut("中文 حلب abc", 4) == ((3, 1), (5, 2))  # outside the alphabet: the other path


def test_normalize_plain_is_normalize_and_encode_plain() -> None:
    """The plain bytes translated from the normalization's own are what encoding the
    normalized text gives, in and out of both alphabets, with expansions (…)."""
    from khabar.text.ar.normalize import encode_plain, normalize_plain

    assert normalize_plain("أحمد في حلب 2016")[1] == encode_plain("احمد في حلب 2016")
    rng = random.Random(7)
    mostly_plain = ["".join(rng.choices("حلبأإةى\u064eA1 \n" + rng.choice("،…ﻻé"), k=20)) for _ in range(1000)]
    plain = 0
    for text in [*random_texts(6, 3000), *mostly_plain]:
        out = normalize(text)
        assert normalize_plain(text) == (out, encode_plain(out)), repr(text)
        plain += encode_plain(out) is not None
    assert plain > 500


# --- the fast paths equal the references ---------------------------------------------------


def test_normalize_equals_the_rules_on_random_mixes() -> None:
    for text in random_texts(1, 3000):
        assert normalize(text) == reference_normalize(text), repr(text)


def test_normalize_equals_the_rules_on_the_seeds(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        assert normalize(text) == reference_normalize(text)


def test_offset_map_equals_the_reference_on_random_mixes() -> None:
    for text in random_texts(2, 3000):
        nt = normalize_with_offsets(text)
        assert (nt.text, nt.offsets) == reference_offsets(text), repr(text)


def test_every_position_maps_like_the_reference_on_random_mixes() -> None:
    for text in random_texts(3, 500):
        nt = normalize_with_offsets(text)
        _, offsets = reference_offsets(text)
        assert [nt.to_original(i) for i in range(len(offsets))] == list(offsets), repr(text)


def test_offset_map_equals_the_reference_on_the_seeds(seed_texts: dict[str, str]) -> None:
    for text in seed_texts.values():
        nt = normalize_with_offsets(text)
        assert (nt.text, nt.offsets) == reference_offsets(text)


def test_plain_text_has_a_single_run() -> None:
    nt = normalize_with_offsets("أعلن الجيش السيطرة على 90% من حلب")
    assert (nt.starts, nt.shifts) == ((0,), (0,))


def test_ellipsis_maps_its_three_dots_to_itself() -> None:
    nt = normalize_with_offsets("حلب… دمشق")
    assert nt.text == "حلب... دمشق"
    assert [nt.to_original(i) for i in range(3, 7)] == [3, 3, 3, 4]


def test_a_final_diacritic_belongs_to_the_span() -> None:
    original = "قُتِلَ"
    nt = normalize_with_offsets(original)
    assert nt.original_span(0, len(nt.text)) == (0, len(original))


def test_to_original_rejects_positions_past_the_end() -> None:
    nt = normalize_with_offsets("حلبُ")
    with pytest.raises(IndexError):
        nt.to_original(len(nt.text) + 1)


def test_to_original_counts_negative_positions_from_the_end() -> None:
    nt = normalize_with_offsets("حلبُ")
    assert nt.to_original(-1) == len("حلبُ")


def test_is_normalized_is_only_said_of_normalized_words():
    from khabar.text.ar.normalize import is_normalized

    plain = ["كتاب", "مدينه", "abc", "2016", "", "حلب"]
    assert all(is_normalized(w) and normalize(w) == w for w in plain)
    for w in ["أحمد", "مدينة", "ABC", "١٢", "مُدن", "على", "مسؤول", "ـحلب", "ﻻ"]:
        assert normalize(w) != w and not is_normalized(w)


def test_is_normalized_says_it_of_a_text_of_kept_characters_only():
    from khabar.text.ar.normalize import _KEPT, is_normalized

    for code in [*range(0x2FF), *range(0x600, 0x700), 0x200C, 0xFEFB, 0x1F600, 0x10FFFF]:
        ch = chr(code)
        assert is_normalized(ch) == (ch in _KEPT), hex(code)
        assert is_normalized("كتاب" + ch) == (ch in _KEPT) == is_normalized(ch + "2016"), hex(code)
    assert not is_normalized("كتاب\n") and not is_normalized("\nكتاب")

    class Word(str):  # (numpy.str_ is one): the same answer as for a plain str
        pass

    assert is_normalized(Word("كتاب")) and not is_normalized(Word("كتابة"))


def test_normalization_is_idempotent_on_every_character() -> None:
    # what lets a reader skip checking a form it was given normalized (a token's form: the
    # recognizer's masks): normalizing a normalized text gives it back, for every character
    # (read in blocks: each character is normalized on its own, whatever is around it)
    for block in range(0, 0x110000, 0x1000):
        text = "".join(chr(c) for c in range(block, block + 0x1000) if not 0xD800 <= c <= 0xDFFF)
        once = normalize(text)
        assert normalize(once) == once, hex(block)
        assert all(normalize(normalize(text[k])) == normalize(text[k]) for k in range(0, len(text), 97))
    texts = random_texts(7, 300)
    assert all(normalize(normalize(t)) == normalize(t) for t in texts)


def test_a_str_subclass_never_comes_back_for_the_plain_word():
    # numpy.str_ (a word read from an array) is a str subclass; normalization kept one as
    # the form of an already normalized word and returned it for the equal plain word
    # afterwards, which the compiled tokenizer refused.
    class Word(str):
        pass

    for text in ("كتبها", "قال", "abc"):
        assert type(normalize(Word(text))) is str
        assert type(normalize(text)) is str
