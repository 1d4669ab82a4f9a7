"""Stance evaluation: scores, cross-validation by claim, and the real corpora (marked)."""

from __future__ import annotations

import pytest

from khabar.check.pairs import read_ans, read_baly, read_jsonl
from khabar.evaluate.stance import claim_folds, cross_validate, f1_scores, train_test
from khabar_testdata import CORPORA, ROOT, need

FIXTURE = ROOT / "tests" / "fixtures" / "stance" / "examples.jsonl"


def test_macro_f1_averages_labels() -> None:
    acc, macro, f1 = f1_scores(["agree", "agree", "disagree"], ["agree", "disagree", "disagree"], ["agree", "disagree"])
    assert (round(acc, 3), f1["agree"], round(macro, 3)) == (0.667, 2 / 3, 0.667)


def test_folds_never_split_a_claim() -> None:
    pairs = read_jsonl(FIXTURE)
    folds = claim_folds(pairs, 4)
    owner = {}
    for n, fold in enumerate(folds):
        for i in fold:
            assert owner.setdefault(pairs[i].claim, n) == n
    assert sorted(i for f in folds for i in f) == list(range(len(pairs)))


def test_training_on_fixture_beats_majority_class() -> None:
    report = cross_validate(read_jsonl(FIXTURE), k=4)
    assert report.trained.macro_f1 > report.majority.macro_f1 + 0.2


@pytest.mark.corpus
def test_baly_rules_beat_majority_on_a_subset() -> None:
    pairs = read_baly(need(CORPORA / "baly2018"), limit=25)
    report = cross_validate(pairs, k=4)
    assert report.rules.macro_f1 > report.majority.macro_f1
    assert report.rules.evidence_recall is not None and report.rules.evidence_recall > 0.5


@pytest.mark.corpus
def test_ans_trained_beats_majority_on_a_subset() -> None:
    root = need(CORPORA / "ans") / "stance"
    report = train_test(read_ans(root / "train.csv")[:600], read_ans(root / "dev.csv")[:300])
    assert report.trained.macro_f1 > report.majority.macro_f1
