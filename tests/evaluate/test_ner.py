"""The NER scorer (conlleval semantics) on hand-made samples, and khabar on ANERcorp."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.evaluate.ner import chunks, evaluate_ner, read_bio, score

# Gold and prediction written for these tests; the counts below were worked out by hand.
GOLD = [
    ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "I-ORG"],
    ["O", "B-MISC", "O", "B-LOC", "B-LOC"],
]
PRED = [
    # person right; place right; organisation one token short (a boundary error)
    ["B-PERS", "I-PERS", "O", "B-LOC", "O", "B-ORG", "I-ORG", "O"],
    # MISC is not scored; first place right, an extra person
    ["O", "O", "B-PERS", "B-LOC", "B-LOC"],
]


def test_chunks_follow_conlleval_rules():
    # an I- tag after O, or after another type, starts a chunk
    assert chunks(["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG"]) == {("PERS", 0, 2), ("LOC", 3, 4), ("ORG", 4, 5)}


def test_adjacent_b_tags_are_two_chunks():
    assert chunks(["B-LOC", "B-LOC"]) == {("LOC", 0, 1), ("LOC", 1, 2)}


def test_entity_counts_per_type():
    result = score(GOLD, PRED).by_type()
    assert (result["PERS"].gold, result["PERS"].predicted, result["PERS"].correct) == (1, 2, 1)
    assert (result["LOC"].gold, result["LOC"].predicted, result["LOC"].correct) == (3, 3, 3)
    assert (result["ORG"].gold, result["ORG"].predicted, result["ORG"].correct) == (1, 1, 0)


def test_overall_is_micro_averaged():
    overall = score(GOLD, PRED).by_type()["overall"]
    assert (overall.gold, overall.predicted, overall.correct) == (5, 6, 4)
    assert overall.precision == pytest.approx(4 / 6) and overall.recall == pytest.approx(4 / 5)
    assert overall.f1 == pytest.approx(2 * (4 / 6) * (4 / 5) / (4 / 6 + 4 / 5))


def test_token_level_credits_a_partly_found_organisation():
    org = score(GOLD, PRED).by_type("token")["ORG"]
    assert (org.gold, org.predicted, org.correct) == (3, 2, 2)


def test_misc_chunks_are_counted_but_not_scored():
    result = score(GOLD, PRED)
    assert result.misc_chunks == 1 and "MISC" not in result.by_type()


def test_token_accuracy_reads_misc_as_o():
    # 13 tokens; wrong: ORG's last token, and the extra person (gold MISC -> O is right)
    assert score(GOLD, PRED).token_accuracy == pytest.approx(11 / 13)


def test_mismatched_lengths_are_an_error():
    with pytest.raises(ValueError):
        score([["O", "B-LOC"]], [["O"]])


def test_read_bio_splits_sentences_at_blank_lines(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text("قال O\nلافروف B-PERS\n\nفي O\nموسكو B-LOC\n", encoding="utf-8")
    assert read_bio(path) == [[("قال", "O"), ("لافروف", "B-PERS")], [("في", "O"), ("موسكو", "B-LOC")]]


def test_read_bio_rejects_a_line_without_a_tag(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("قال O\nلافروف\n", encoding="utf-8")
    with pytest.raises(InputError, match=":2"):
        read_bio(path)


def test_evaluate_with_a_perfect_tagger_scores_one(tmp_path):
    path = tmp_path / "sample.txt"
    path.write_text("قال O\nسيرجي B-PERS\nلافروف I-PERS\nفي O\nموسكو B-LOC\n", encoding="utf-8")
    gold = ["O", "B-PERS", "I-PERS", "O", "B-LOC"]
    result = evaluate_ner(path, tagger=lambda tokens: list(gold[: len(tokens)]))
    assert result.by_type()["overall"].f1 == 1.0


# Floors measured on the CAMeL Lab train split of ANERcorp (window 10), a little below the
# figures printed by `khabar eval ner` so that small rule changes do not
# break the suite, while a real regression does.
FLOORS = {"PERS": 0.45, "LOC": 0.76, "ORG": 0.34, "overall": 0.59}


@pytest.fixture(scope="module")
def anercorp_scores(corpora_dir):
    from khabar_testdata import need

    return evaluate_ner(need(corpora_dir / "anercorp" / "ANERCorp_CamelLab_train.txt"))


@pytest.mark.parametrize("kind", list(FLOORS))
def test_anercorp_entity_f1_above_measured_floor(anercorp_scores, kind):
    assert anercorp_scores.by_type()[kind].f1 >= FLOORS[kind]
