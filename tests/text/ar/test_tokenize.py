"""Tokens, the words() fast path and proclitic removal."""

from __future__ import annotations

import pytest

from khabar.text.ar.normalize import normalize
from khabar.text.ar.clitics import clitic_variants, strip_clitics
from khabar.text.ar.tokenize import Token, columns, tokenize, words

from khabar_timing import assert_linear
from khabar.text.ar.tokenize import _TOKEN_OR_PUNCT


def test_tokens_carry_offsets_into_the_original():
    text = "قالَ «المرصدُ» إنّ"
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))


def test_diacritics_stay_inside_the_token_and_leave_its_norm():
    (token,) = tokenize("المَرصدُ")
    assert token == Token("المَرصدُ", 0, 8, "المرصد")


def test_tatweel_stays_inside_the_token():
    assert [t.norm for t in tokenize("الـ 4")] == ["ال", "4"]


@pytest.mark.parametrize("number,norm", [("1,200", "1,200"), ("3.5", "3.5"), ("٣٫٥", "3.5"), ("12.000", "12.000")])
def test_numbers_with_separators_are_one_token(number, norm):
    assert [t.norm for t in tokenize(f"نحو {number} شخص")] == ["نحو", norm, "شخص"]


def test_trailing_full_stop_is_not_part_of_a_number():
    assert [t.text for t in tokenize("عام 2011.")] == ["عام", "2011"]


def test_digits_and_letters_do_not_share_a_token():
    assert [t.text for t in tokenize("2011م")] == ["2011", "م"]


def test_arabic_and_latin_do_not_share_a_token():
    assert [t.norm for t in tokenize("الBBC")] == ["ال", "bbc"]


def test_hyphen_splits_words():
    assert [t.text for t in tokenize("جان-مارك")] == ["جان", "مارك"]


def test_punctuation_is_skipped_by_default():
    assert [t.text for t in tokenize("حلب، دمشق.")] == ["حلب", "دمشق"]


def test_punctuation_tokens_on_request():
    assert [t.text for t in tokenize("«حلب»، دمشق.", punctuation=True)] == ["«", "حلب", "»", "،", "دمشق", "."]


def test_words_returns_normalized_forms():
    assert words("أعلنَ «المرصد» مقتل ٣٠ شخصاً في حلب.") == ["اعلن", "المرصد", "مقتل", "30", "شخصا", "في", "حلب"]


def test_words_agrees_with_tokenize_on_the_seeds(seed_texts):
    for text in seed_texts.values():
        assert words(text) == [t.norm for t in tokenize(text)]



@pytest.mark.parametrize(
    "text",
    [
        "أعلنَ «المرصد» مقتل ٣٠ شخصاً في حلب.",
        "ـالعربية ـــ 12,5.3 و٣٫٥ BBC-جان-مارك ...",  # a tatweel run that opens no word is no token
        "ـــ",
        "",
        "2011م (BBC) قال: «نعم»",
    ],
)
def test_columns_are_the_tokens_as_columns(text):
    for punctuation in (False, True):
        toks = tokenize(text, punctuation=punctuation)
        cols = columns(text, punctuation=punctuation)
        assert cols.tokens() == toks
        assert (list(cols.texts), list(cols.norms), list(cols.starts), list(cols.ends)) == (
            [t.text for t in toks], [t.norm for t in toks], [t.start for t in toks], [t.end for t in toks]
        )
    # the word tokens of the columns with punctuation are the columns without it
    assert columns(text, punctuation=True).words() == columns(text)


def test_columns_agree_with_tokenize_on_the_seeds(seed_texts):
    for text in seed_texts.values():
        assert columns(text, punctuation=True).tokens() == [
            Token(m[0], m.start(), m.end(), normalize(m[0])) for m in _TOKEN_OR_PUNCT.finditer(text) if normalize(m[0])
        ]


def test_the_split_patterns_find_the_tokens_of_the_token_patterns():
    # tokenize.py's split patterns are written for speed (one class first, a look-behind
    # picking the kind): the same tokens and gaps as the token patterns they stand for, over
    # random strings of letters, marks, tatweel, digits and separators, Latin, spaces,
    # punctuation, other scripts and the presentation forms' symbols
    import random
    import re

    from khabar.text.ar.tokenize import _SPLIT, _SPLIT_OR_PUNCT, _TOKEN

    alphabet = (
        "ابتجحدرسعفقكلمنهويءآأإؤئىة" "ـ" "\u064b\u064e\u0651\u0670\u0615\u06e1\u200c\u200f\u202b\u2067\u00ad"
        "0123456789٠١٢٣٤٥٦٧٨٩۰۹" ".,٫٬" "abzXYZéſɏ" " \n\t\u00a0" "!?؟،؛:-«»\"'()_%#"
        "\ufd3e\ufd3f\ufbb2\ufdfb\ufdfc\ufe75\ufefc\u066d\u06d4\u06dd" "жΩ中" "\u063b\u063f\u066e"
    )
    rng = random.Random(19)
    for old, new in ((re.compile(f"({_TOKEN.pattern})"), _SPLIT), (re.compile(f"({_TOKEN_OR_PUNCT.pattern})"), _SPLIT_OR_PUNCT)):
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24)))
            assert new.split(text) == old.split(text), text


def test_the_character_scan_splits_as_the_split_patterns():
    # compiled, columns() reads a text a character at a time (_scanned_columns) instead of
    # the split patterns' engine: the same tokens, over random strings of the same alphabet
    # and characters beyond the Basic Multilingual Plane
    import random

    from khabar.text.ar.tokenize import _SPLIT, _SPLIT_OR_PUNCT, _read_parts, _scanned_columns

    alphabet = (
        "ابتجحدرسعفقكلمنهويءآأإؤئىة" "ـ" "\u064b\u064e\u0651\u0670\u0615\u06e1\u200c\u200f\u202b\u2067\u00ad"
        "0123456789٠١٢٣٤٥٦٧٨٩۰۹" ".,٫٬" "abzXYZéſɏ" " \n\t\u00a0\u2028" "!?؟،؛:-«»\"'()_%"
        "\ufd3e\ufd3f\ufbb2\ufdfb\ufdfc\ufe75\ufefc\u066d\u06d4\u06dd" "жΩ中²①" "\u063b\u063f\u066e"
        "\U0001f600\U00010400\U0001d7d8" "###"  # (a hashtag's "#" before a letter is no token)
    )
    rng = random.Random(27)
    for pattern, punctuation in ((_SPLIT, False), (_SPLIT_OR_PUNCT, True)):
        for _ in range(3000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            assert _scanned_columns(text, punctuation) == _read_parts(pattern.split(text)), text


def test_the_split_letter_scan_answers_as_its_pattern():
    # compiled, has_split_letter reads a text a character at a time (_split_letter_in) instead
    # of _SPLIT_LETTER's search (session 37): the same answer over random strings of letters
    # (one-letter words among them), marks, tatweel, digits, spaces and other characters
    import random

    from khabar.text.ar.tokenize import _SPLIT_LETTER, _split_letter_in, has_split_letter

    alphabet = (
        "ابتدرلمنويءى" "ـ" "\u064b\u0651\u0670\u200c\u00ad" "0123456789٠٩۰" "     " "\n\u00a0" ".,!?«\"-ab"
        "\ufb50\ufdfb\ufe70\ufefc\u06d4\u063b" "\U0001f600\U00010400"
    )
    rng = random.Random(37)
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        expected = _SPLIT_LETTER.search(text) is not None
        assert _split_letter_in(text) is expected, text
        assert has_split_letter(text) is expected, text
        found += expected
    assert found > 200  # (~300 of the 20,000 hold a split letter)


def test_the_character_kinds_are_the_classes_of_the_patterns():
    import re

    from khabar.text.ar import tokenize as t

    kinds = t._kind_table()  # (compiled, the table the scan reads is a C global)
    for bit, chars in (
        (t._K_LETTER, t._AR_LETTER), (t._K_DIGIT, t._DIGIT), (t._K_LATIN, t._LATIN), (t._K_MARK, t._AR_MARKS),
        (t._K_TATWEEL, "\u0640"), (t._K_SEPARATOR, t._NUMBER_SEPARATORS),
    ):
        member = re.compile(f"[{chars}]").fullmatch
        assert [c for c in range(0x10000) if bool(kinds[c] & bit) != bool(member(chr(c)))] == [], bit


def test_the_character_scan_splits_the_seeds_as_the_split_patterns(seed_texts):
    from khabar.text.ar.tokenize import _SPLIT, _SPLIT_OR_PUNCT, _read_parts, _scanned_columns

    for text in seed_texts.values():
        assert _scanned_columns(text, True) == _read_parts(_SPLIT_OR_PUNCT.split(text))
        assert _scanned_columns(text, False) == _read_parts(_SPLIT.split(text))


def test_columns_normalize_new_and_known_forms_alike():
    # forms met for the first time (one twice in the sentence, one with marks) and forms
    # already known in one sentence: each token's form is normalize() of it as written
    known = "قال المرصد"
    columns(known)
    text = "قال زنقلوطيسُ، وزنقلوطيس زنقلوطيسُ المرصد ٣٫٥ «بطرخانةٌ» ـــ"
    cols = columns(text, punctuation=True)
    assert list(cols.norms) == [normalize(t) for t in cols.texts]
    assert [text[a:b] for a, b in zip(cols.starts, cols.ends)] == list(cols.texts)
    assert cols.norms.count("زنقلوطيس") == 2


def test_word_like_reads_the_first_character_as_the_table_does():
    # compiled, word_like reads each first character in C: the same answer as the table's
    # ``norm[:1].isalnum()`` for every code point, longer words and the empty string
    from khabar.text.ar.tokenize import word_like

    norms = [chr(c) for c in range(0x110000)] + ["", "قال", "2011", "«قال", "ـال", "x1", "_a"]
    assert word_like(norms) == [n[:1].isalnum() for n in norms]
    assert word_like(()) == []


# --- clitics -------------------------------------------------------------------------------


def test_a_callers_token_list_is_its_own():
    # a sentence's tokens are kept for the next reader; one that edits its list (attribution
    # re-reads a token without its preposition) must not change what the next one gets
    text = "وقال المرصد «لا» في بيان، إن 20 مدنيا قتلوا."
    first = tokenize(text, punctuation=True)
    want = list(first)
    first[1] = Token(first[1].text, first[1].start, first[1].end, "مرصد")
    first.append(Token("x", 0, 1, "x"))
    assert tokenize(text, punctuation=True) == want
    assert [t.norm for t in tokenize(text)] == [t.norm for t in want if t.norm[0].isalnum()]
    ws = words(text)
    ws.clear()
    assert words(text) == [t.norm for t in want if t.norm[0].isalnum()]


def test_a_long_text_tokenizes_as_its_sentences_do():
    # past the length whose tokens are kept, a text is tokenized afresh: the same tokens
    sentence = "قال المرصدُ السوري إنّ 1,200 مدني غادروا حلب. "
    text = sentence * 200
    tokens = tokenize(text, punctuation=True)
    one = tokenize(sentence, punctuation=True)
    assert len(tokens) == 200 * len(one)
    shift = len(sentence)
    assert tokens[len(one) * 7 : len(one) * 8] == [Token(t.text, t.start + 7 * shift, t.end + 7 * shift, t.norm) for t in one]
    assert words(text) == words(sentence) * 200


def test_normalize_gives_the_same_form_for_a_word_alone_and_inside_a_text():
    # short texts' forms are remembered: the first and later calls, and a long text, agree
    for word in ("وبالمدينةِ", "ﻻ", "Ⅻ", "BBC", "إنّ", "ـالعربية"):
        alone = normalize(word)
        assert normalize(word) == alone
        assert normalize(word + " " + "ا" * 60).split()[0] == alone


@pytest.mark.parametrize(
    "word,stem",
    [
        ("والمعارضة", "معارضه"),
        ("بالمدينة", "مدينه"),
        ("للمدنيين", "مدنيين"),
        ("وحلب", "حلب"),
        ("لروسيا", "روسيا"),
        ("وبالمدينة", "مدينه"),
    ],
)
def test_strip_clitics_removes_proclitics(word, stem):
    assert strip_clitics(word) == stem


@pytest.mark.parametrize("word", ["والي", "بلد", "الى", "لكن"])
def test_strip_clitics_keeps_short_stems_whole(word):
    assert strip_clitics(word) == normalize(word)


def test_strip_clitics_normalizes():
    assert strip_clitics("وإيرولت") == "ايرولت"


def test_strip_clitics_many_reads_normalized_and_other_words_alike():
    # a normalized str is stripped without normalizing it again (issue 19, session 34); a word
    # that is not normalized, and a str subclass, are normalized first, as before
    from khabar.text.ar.clitics import strip_clitics_many

    class Word(str):
        pass

    words = ["والمدينه", "وإيرولت", "بالمدينة", Word("والمدينه"), "", "فرنسا"]
    assert strip_clitics_many(words) == [strip_clitics(normalize(w)) for w in words]
    assert strip_clitics_many(words) == ["مدينه", "ايرولت", "مدينه", "مدينه", "", "رنسا"]
    assert all(type(w) is str for w in strip_clitics_many(words))


def test_clitic_variants_go_from_written_to_bare():
    assert clitic_variants("وفرنسا") == ("وفرنسا", "فرنسا")


def test_clitic_variants_keep_the_whole_word_first():
    assert clitic_variants("فرنسا")[0] == "فرنسا"


@pytest.mark.parametrize(
    "word", ["مدينه", "والمدينه", "بالمدينه", "للمدينه", "ومدينه", "فبمدينه", "مدينتين", "دينه", "امدينه", "ومد", "بلد"]
)
def test_written_forms_hold_a_word_exactly_when_a_reading_is_a_stem(word):
    from khabar.text.ar.clitics import written_forms

    stems = ("مدينه", "مد")  # "مد" is too short a stem after و alone: "ومد" reads no "مد"
    assert (word in written_forms(stems)) == any(v in stems for v in clitic_variants(word))


def test_a_word_is_among_the_written_forms_of_its_form_without_proclitics():
    # the tagger's search for names found again keeps only the words of the written forms
    # of the document's name words (crf.Tagger._name_rows): none may be left out
    import random

    from khabar.text.ar.clitics import PROCLITICS, written_forms

    rng = random.Random(18)
    letters = "وفبلكالمدينهسرت"
    words = [p + s for p, _ in PROCLITICS for s in ("مدينه", "سر", "ال", "لبنان", "وزير")]
    words += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    for word in words:
        bare = strip_clitics(word)
        assert word in written_forms({bare}), word


@pytest.mark.parametrize("word", ["مدنيين", "والمدنيون", "بمدنيين", "مدن", "امدنيين", "ومدني"])
def test_written_openings_open_every_word_with_a_reading_that_opens_with_a_stem(word):
    from khabar.text.ar.clitics import written_openings

    has = any(v.startswith("مدني") for v in clitic_variants(word))
    assert word.startswith(written_openings(["مدني"])) == has


@pytest.mark.parametrize("unit", ["ـ", "ـ ", "ـا "])
def test_time_doubles_at_most_with_a_doubled_text(unit: str) -> None:
    # a tatweel run once restarted the search at every position: tokenize("ـ" * 8000), 4.3 s
    assert_linear(tokenize, unit * (8_000 // len(unit)))


def test_letter_runs_are_the_arabic_letter_runs_of_a_normalized_text() -> None:
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.tokenize import letter_runs

    assert letter_runs(normalize("قُتل 5 أشخاص، و2011م BBC")) == {"قتل", "اشخاص", "و", "م"}


def test_letter_runs_read_a_character_at_a_time_are_the_patterns_runs():
    # compiled, letter_runs reads the text a character at a time (_letter_runs): the same
    # runs as the pattern of NORM_LETTERS at every code point alone and between letters,
    # and over random strings of letters, their neighbours, digits, spaces and Latin
    import random

    from khabar.text.ar.tokenize import _LETTER_RUN, _letter_runs, letter_runs

    def pattern(text: str) -> frozenset[str]:
        return frozenset(_LETTER_RUN.findall(text))

    for block in range(0, 0x110000, 0x1000):  # each code point between letters and alone
        text = " ".join(f"ب{chr(c)}ت {chr(c)}" for c in range(block, block + 0x1000))
        assert _letter_runs(text) == pattern(text), hex(block)
    rng = random.Random(23)
    alphabet = [chr(c) for c in range(0x061F, 0x064D)] + list(" \n5a\u06a9\u0671\ufef5")
    for _ in range(3_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert _letter_runs(text) == pattern(text) == letter_runs(text), text
    assert _letter_runs("") == frozenset()


def test_norm_tokens_read_a_character_at_a_time_are_the_patterns_tokens():
    # compiled, words reads a normalized text a character at a time (_norm_tokens): the same
    # tokens as _NORM_TOKEN.findall at every code point alone and between a digit and a
    # letter, and over random strings of the classes' edges, digits and their separators
    import random

    from khabar.text.ar.tokenize import _NORM_TOKEN, _norm_tokens, words

    for block in range(0, 0x110000, 0x1000):
        text = " ".join(f"1{chr(c)}ب{chr(c)}a {chr(c)}" for c in range(block, block + 0x1000))
        assert _norm_tokens(text) == _NORM_TOKEN.findall(text), hex(block)
    rng = random.Random(35)
    edges = [0x2F, 0x30, 0x39, 0x3A, 0x60, 0x61, 0x7A, 0x7B, 0xBF, 0xC0, 0x24F, 0x250]
    edges += [0x620, 0x621, 0x63A, 0x63B, 0x640, 0x641, 0x64A, 0x64B, 0x670, 0x671, 0x6D3, 0x6D4, 0x660]
    alphabet = [chr(c) for c in edges] + list(".,.,، \n")
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert _norm_tokens(text) == _NORM_TOKEN.findall(text), text
    assert _norm_tokens("") == []
    assert words("قُتل 1,200 شخص في 2011م، و3.5. BBC") == ["قتل", "1,200", "شخص", "في", "2011", "م", "و", "3.5", "bbc"]


def test_a_lone_letter_after_a_word_is_joined_back_where_a_shadda_was_lost():
    from khabar.text.ar.tokenize import has_split_letter, rejoined_split_letters

    text = "وقد ر العمري أن مسل ح قتل , وفي تصريح ل نائب و والحلفاء د سامي ل - الوطن"
    assert has_split_letter(text)
    toks = rejoined_split_letters(text, tokenize(text, punctuation=True), frozenset({"د"}))
    norms = [t.norm for t in toks]
    assert "وقدر" in norms and "مسلح" in norms
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert norms.count("ل") == 2 and "و" in norms and "د" in norms  # prepositions, و and a title stay apart
    assert not has_split_letter("وقال المرصد إن 12 شخصا قتلوا.")


# --- words split by a stray space (pages that lost their diacritics) ----------------------

from khabar.text.ar.tokenize import rejoined_split_words  # noqa: E402


def test_a_word_split_where_a_diacritic_stood_is_joined_where_the_texts_write_it_whole():
    texts = [
        "وقال مصدر مط لع إن القوات المسل حة انسحبت",
        "وأكد مصدر مطلع أن القوات المسلحة انسحبت من المدينة",
    ]
    assert rejoined_split_words(texts) == ["وقال مصدر مطلع إن القوات المسلحة انسحبت", texts[1]]


def test_a_split_is_kept_when_a_half_is_a_word_the_other_begins_with_the_article_or_no_text_joins_it():
    texts = [
        "وصل الوفد إلى دير الزور في ذلك اليوم وقال مط لع",  # مطلع is never written whole
        "ديرالزور مدينة على الفرات و فيذلك خطأ في الكتابة",  # الزور begins with the article; في stands alone
    ]
    assert rejoined_split_words(texts) == texts


def test_a_split_written_more_often_than_the_whole_word_is_kept():
    texts = ["بيونغ يانغ ترد و بيونغ يانغ تهدد", "قالت بيونغيانغ"]
    assert rejoined_split_words(texts) == texts


def test_only_a_single_space_between_letters_is_taken_for_a_split():
    texts = ["مصدر مط  لع ومصدر مط\nلع", "مصدر مطلع"]
    assert rejoined_split_words(texts) == texts


def test_a_hashtag_reads_as_the_words_it_joins():
    # "#" right before a letter is a hashtag's mark, no punctuation token; a lone "#" is one
    from khabar.text.ar.tokenize import hashtag_words

    text = "قال محمود #عباس و#سامح_شكري، الرقم # 5 و#MeToo"
    assert columns(text, punctuation=True).texts == ("قال", "محمود", "عباس", "و", "سامح", "شكري", "،", "الرقم", "#", "5", "و", "MeToo")
    assert columns(text, punctuation=True).words() == columns(text)
    assert hashtag_words("محمود #عباس") == "محمود عباس"
    assert hashtag_words("#مجلس_الوزراء_المصري") == "مجلس الوزراء المصري"
    assert hashtag_words("الرقم # 5 و _ x") == "الرقم # 5 و _ x"
