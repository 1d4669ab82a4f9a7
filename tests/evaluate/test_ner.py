"""The NER scorer (conlleval semantics) on hand-made samples, and khabar on ANERcorp."""

from __future__ import annotations

import pytest

from khabar.errors import InputError
from khabar.evaluate.ner import (
    chunks,
    cross_validate,
    evaluate_ner,
    fold_ranges,
    read_bio,
    score,
    unseen_recall,
)

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


# --- cross-validation ----------------------------------------------------------------------


def _story(opening: list[str], topic: str, n: int) -> list[list[tuple[str, str]]]:
    """``n`` sentences about one topic word, the first opening with ``opening``."""
    out = []
    for k in range(n):
        words = (opening if k == 0 else ["وقال"]) + [topic, "مسؤولون", f"كلمة{k}", "."]
        out.append([(w, "O") for w in words])
    return out


def test_fold_edges_move_to_an_article_opening():
    # three stories of 10 sentences; the second opens with a dateline three sentences
    # after the exact middle would fall
    first = _story(["القاهرة"], "الانتخابات", 13)
    second = _story(["بغداد", "(", "رويترز", ")"], "الفيضانات", 10)
    third = _story(["عمان"], "المدارس", 7)
    ranges = fold_ranges(first + second + third, 2)
    assert ranges == [(0, 13), (13, 30)]


def test_fold_edges_fall_where_stories_share_no_words():
    stories = _story(["صباحا"], "الانتخابات", 9) + _story(["مساء"], "الفيضانات", 11)
    assert fold_ranges(stories, 2)[0] == (0, 9)


def test_folds_cover_every_sentence_once():
    sentences = [[("كلمة", "O")] * (1 + k % 4) for k in range(50)]
    ranges = fold_ranges(sentences, 5)
    assert ranges[0][0] == 0 and ranges[-1][1] == 50
    assert all(a < b and b == c for (a, b), (c, _) in zip(ranges, ranges[1:]))


def test_unseen_recall_counts_only_names_the_training_folds_never_tagged():
    tokens = [["قال", "سامر", "عكاري", "في", "حمص"]]
    gold = [["O", "B-PERS", "I-PERS", "O", "B-LOC"]]
    predicted = [["O", "B-PERS", "I-PERS", "O", "O"]]
    rows = {r.type: r for r in unseen_recall(gold, predicted, tokens, {"حمص"})}
    assert (rows["PERS"].gold, rows["PERS"].correct) == (1, 1)
    assert rows["LOC"].gold == 0  # حمص was seen in training: not counted


def test_cross_validation_trains_on_the_other_folds_only():
    sentences = _story(["القاهرة"], "الانتخابات", 6) + _story(["بغداد", "(", "رويترز", ")"], "الفيضانات", 6)
    seen_by_trainer: list[int] = []

    def train(rest):
        seen_by_trainer.append(len(rest))
        return lambda sents: [["O"] * len(s) for s in sents]

    result = cross_validate(sentences, train=train, folds=2)
    assert seen_by_trainer == [6, 6] and result.scores.sentences == 12


def test_folds_run_in_parallel_processes_give_the_same_figures():
    stories = _story(["القاهرة"], "الانتخابات", 6) + _story(["بغداد", "(", "رويترز", ")"], "الفيضانات", 6)
    sentences = [s + [("في", "O"), ("دمشق" if k % 2 else "حلب", "B-LOC")] for k, s in enumerate(stories)]

    def train(rest):  # tags as a place every word tagged so in the training folds
        places = {t for s in rest for t, g in s if g.endswith("LOC")}
        return lambda sents: [["B-LOC" if t in places else "O" for t in s] for s in sents]

    one, two = (cross_validate(sentences, train=train, folds=2, jobs=j) for j in (1, 2))
    assert one.scores == two.scores and [f.entity for f in one.folds] == [f.entity for f in two.folds]
    assert [(u.gold, u.correct) for u in one.unseen] == [(u.gold, u.correct) for u in two.unseen]
    assert one.scores.by_type()["LOC"].correct > 0
