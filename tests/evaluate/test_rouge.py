"""ROUGE on Arabic: tokens survive, hand-computed values, references combined as documented."""

from __future__ import annotations

import pytest

from khabar.evaluate.rouge import rouge, rouge_l, rouge_n

SENTENCE = "أعلنت الأمم المتحدة وصول قافلة مساعدات إلى المدينة المحاصرة."


def test_identical_arabic_texts_score_one():
    s = rouge(SENTENCE, [SENTENCE])
    assert (s.rouge1.f, s.rouge2.f, s.rougeL.f) == (1.0, 1.0, 1.0)


def test_disjoint_texts_score_zero():
    s = rouge(SENTENCE, ["غرقت عبارة قرب الجزيرة صباح الأحد"])
    assert (s.rouge1.f, s.rouge2.f, s.rougeL.f) == (0.0, 0.0, 0.0)


def test_partial_overlap_matches_hand_computed_rouge1():
    # 4 shared words; 5 candidate words, 6 reference words
    s = rouge("قتل ثلاثة مدنيين في القصف", ["قتل خمسة مدنيين في القصف امس"])
    assert s.rouge1.precision == pytest.approx(4 / 5)
    assert s.rouge1.recall == pytest.approx(4 / 6)
    assert s.rouge1.f == pytest.approx(8 / 11)


def test_partial_overlap_matches_hand_computed_rouge2():
    # shared bigrams: (مدنيين في) (في القصف); 4 candidate and 5 reference bigrams
    s = rouge("قتل ثلاثة مدنيين في القصف", ["قتل خمسة مدنيين في القصف امس"])
    assert (s.rouge2.precision, s.rouge2.recall) == pytest.approx((2 / 4, 2 / 5))
    assert s.rouge2.f == pytest.approx(4 / 9)


def test_hamza_and_ta_marbuta_variants_match_after_normalization():
    s = rouge("أعلنت الأمم المتحدة", ["اعلنت الامم المتحده"])
    assert s.rouge1.f == 1.0


def test_diacritics_do_not_count():
    assert rouge("قُتِلَ ثلاثةٌ", ["قتل ثلاثة"]).rouge2.f == 1.0


def test_stemming_matches_inflected_forms():
    plain = rouge("قتل المدنيون", ["قتل المدنيين"])
    stemmed = rouge("قتل المدنيون", ["قتل المدنيين"], stem=True)
    assert (plain.rouge1.f, stemmed.rouge1.f) == (0.5, 1.0)


def test_stopword_removal_drops_function_words():
    assert rouge("قصف في حلب", ["قصف حلب"], stopwords=True).rouge1.f == 1.0


def test_rouge_l_is_summary_level_union_lcs():
    # Lin (2004)'s example: r = w1..w5, c1 = w1 w2 w6 w7 w8, c2 = w1 w3 w8 w9 w5;
    # union LCS with r is w1 w2 w3 w5: recall 4/5, precision 4/10.
    w = ["قصف", "حلب", "مدنيون", "نزوح", "قافلة", "مطار", "ميناء", "جسر", "سوق"]
    ref = [[w[0], w[1], w[2], w[3], w[4]]]
    cand = [[w[0], w[1], w[5], w[6], w[7]], [w[0], w[2], w[7], w[8], w[4]]]
    s = rouge_l(cand, ref)
    assert (s.recall, s.precision) == pytest.approx((4 / 5, 4 / 10))


def test_rouge_l_clips_repeated_words():
    # the candidate's two words cannot be credited twice for two reference sentences
    s = rouge_l([["قصف", "حلب"]], [["قصف", "حلب"], ["قصف", "حلب"]])
    assert (s.precision, s.recall) == (1.0, 0.5)


def test_rouge_n_clips_counts():
    assert rouge_n(["حلب", "حلب", "حلب"], ["حلب"], 1).precision == pytest.approx(1 / 3)


def test_sentences_may_be_given_as_a_list():
    text = "قتل عشرة أشخاص. ونزحت مئة عائلة."
    as_list = rouge(["قتل عشرة أشخاص.", "ونزحت مئة عائلة."], [text])
    assert as_list.rougeL.f == 1.0


A = "وصلت قافلة المساعدات إلى المدينة"
B = "غرقت عبارة قرب الجزيرة"


def test_mean_averages_over_references():
    assert rouge(A, [A, B, B]).rouge1.f == pytest.approx(1 / 3)


def test_max_takes_the_best_reference():
    assert rouge(A, [A, B, B], aggregate="max").rouge1.f == 1.0


def test_jackknife_averages_best_of_leave_one_out_subsets():
    # subsets {B, B} -> 0, {A, B} -> 1, {A, B} -> 1
    assert rouge(A, [A, B, B], aggregate="jackknife").rouge1.f == pytest.approx(2 / 3)


def test_no_reference_is_an_error():
    with pytest.raises(ValueError, match="reference"):
        rouge(A, ["...", ""])


def test_unknown_aggregate_is_an_error():
    with pytest.raises(ValueError, match="aggregate"):
        rouge(A, [A], aggregate="median")  # type: ignore[arg-type]
