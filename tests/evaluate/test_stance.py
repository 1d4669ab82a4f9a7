"""Stance evaluation: scores, data kept apart, cross-validation by claim, and the real corpora (marked)."""

from __future__ import annotations

import json

import pytest

from khabar.check.meaning_model import Judgement
from khabar.check.pairs import Pair, load_data, read_ans, read_baly, read_jsonl
from khabar.check.retrieve import doc_from_lines
from khabar.errors import OptionsError
from khabar.evaluate.stance import claim_folds, cross_validate, evaluate, f1_scores, score, train_test
from khabar.model import Article
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


def _pair(stance: str, rationale: tuple[int, ...] = (1,)) -> Pair:
    lines = ["عنوان الخبر", "قال مسؤول إن الجسر أعيد فتحه", "وأضاف أن العمل مستمر"]
    article = Article(id=f"a{stance}{rationale}", title="", body="\n".join(lines))
    return Pair("أعيد فتح الجسر", doc_from_lines(article, lines), stance, rationale, group="c")


def test_evidence_recall_counts_only_pairs_the_model_takes_a_side_on() -> None:
    pairs = [_pair("agree"), _pair("disagree", (2,))]
    sided = score(pairs, [Judgement("agree", 1.0, (1, 0)), Judgement("unrelated", 1.0, (2,))])
    assert (sided.evidence_recall, sided.evidence_pairs) == (1.0, 1)
    wrong = score(pairs, [Judgement("agree", 1.0, (0,)), Judgement("disagree", 1.0, (0,))])
    assert (wrong.evidence_recall, wrong.evidence_pairs) == (0.0, 2)


def test_confusion_precision_and_recall() -> None:
    pairs = [_pair("agree"), _pair("agree", (2,)), _pair("unrelated", ())]
    s = score(pairs, [Judgement("agree", 1, ()), Judgement("unrelated", 1, ()), Judgement("unrelated", 1, ())])
    assert s.confusion["agree"] == {"agree": 1, "disagree": 0, "discuss": 0, "unrelated": 1}
    assert (s.precision["agree"], s.recall["agree"], s.precision["unrelated"]) == (1.0, 0.5, 0.5)


def test_ans_scores_on_its_three_labels() -> None:
    pairs = [_pair("agree"), _pair("unrelated", ())]
    s = score(pairs, [Judgement("agree", 1, ()), Judgement("discuss", 1, ())], labels=("agree", "disagree", "other"), ans=True)
    assert s.accuracy == 1.0 and s.confusion["other"]["other"] == 1


def _baly_folder(tmp_path, folds: dict[str, list[str]]):
    """A baly2018-shaped folder of claims written for this test."""
    (tmp_path / "dataset").mkdir()
    lines = []
    for fold, ids in folds.items():
        lines.append(f"{fold}: {' '.join(ids)}")
        for n, cid in enumerate(ids):
            rec = {
                "id": cid, "claim": f"سيطرت القوات على البلدة رقم {n}", "fact": "true",
                "article": [f"عنوان\nسيطرت القوات على البلدة رقم {n} أمس", "خبر عن الطقس\nأمطار غزيرة"],
                "url": [None, None], "stance": ["agree", "unrelated"], "rationale": ["[1]", ""],
            }
            (tmp_path / "dataset" / f"{cid}.json").write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "train_test_splits.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


def test_same_baly_folder_tests_its_last_fold_and_trains_on_the_others(tmp_path) -> None:
    root = _baly_folder(tmp_path, {"Fold_1": ["V-1", "V-2"], "Fold_2": ["V-3"]})
    test = load_data(root, role="test", test_path=root)
    train = load_data(root, role="train", test_path=root)
    assert {p.group for p in test.pairs} == {"V-3"} and {p.group for p in train.pairs} == {"V-1", "V-2"}
    picked = load_data(root, role="test", test_folds=["1"])
    assert {p.group for p in picked.pairs} == {"V-1", "V-2"}
    with pytest.raises(OptionsError, match="no fold '7'"):
        load_data(root, role="test", test_folds=["7"])


def test_a_folder_of_test_claims_alone_is_scored_without_training(tmp_path) -> None:
    root = _baly_folder(tmp_path, {"Fold_5": ["V-9", "V-8"]})
    report = evaluate(test=root, meaning=False)
    assert report.get("rules").n == 4 and "lexical" not in dict(report.models)


def test_claims_in_both_train_and_test_are_refused_or_noted(tmp_path) -> None:
    root = _baly_folder(tmp_path, {"Fold_1": ["V-1"], "Fold_2": ["V-3"]})
    with pytest.raises(OptionsError, match="both --train and --test"):
        evaluate(train=root / "dataset" / "V-3.json", test=root, test_folds=["2"], meaning=False)
    report = evaluate(train=root / "dataset" / "V-3.json", test=root, meaning=False)  # one of two claims
    assert any("also in the training data" in n for n in report.notes)


def _ans_folder(tmp_path, files: tuple[str, ...]):
    (tmp_path / "stance").mkdir(parents=True)
    for name in files:
        rows = ["s1,s2,stance", f"ارتفاع أسعار النفط {name},انخفاض أسعار النفط {name},disagree",
                f"افتتاح معرض الكتاب {name},معرض الكتاب يفتتح أبوابه {name},agree"]
        (tmp_path / "stance" / f"{name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return tmp_path


def test_ans_test_file_when_present_and_never_trained_on(tmp_path) -> None:
    with_test = _ans_folder(tmp_path / "a", ("train", "dev", "test"))
    assert load_data(with_test, role="test").description == "ANS test.csv"
    assert load_data(with_test, role="train", test_path=with_test).description == "ANS train.csv + dev.csv"
    without = _ans_folder(tmp_path / "b", ("train", "dev"))
    assert load_data(without, role="test").description == "ANS dev.csv"
    assert load_data(without, role="train", test_path=without).description == "ANS train.csv"


def test_training_on_fixture_beats_majority_class() -> None:
    report = cross_validate(read_jsonl(FIXTURE), k=4, meaning=False)
    assert report.get("lexical").macro_f1 > report.get("majority").macro_f1 + 0.2


def test_added_training_pairs_join_every_fold_and_are_never_scored(tmp_path) -> None:
    root = _baly_folder(tmp_path, {"Fold_1": ["V-1", "V-2"], "Fold_2": ["V-3", "V-4"]})
    pairs = load_data(root, role="train").pairs  # 8 pairs: agree and unrelated, one each a claim
    added = [_pair("discuss") for _ in range(9)]  # one claim, all discuss
    alone = cross_validate(pairs, k=2, meaning=False)
    joined = cross_validate(pairs, k=2, meaning=False, also_train=added)
    assert joined.get("majority").n == alone.get("majority").n == 8
    # the majority of every fold's training is now the added pairs' label
    assert sum(joined.get("majority").confusion[g]["discuss"] for g in ("agree", "unrelated")) == 8
    assert sum(alone.get("majority").confusion[g]["discuss"] for g in ("agree", "unrelated")) == 0
    assert joined.get("rules").macro_f1 == alone.get("rules").macro_f1
    with pytest.raises(OptionsError, match="both cross-validated and in the added"):
        cross_validate(pairs, k=2, meaning=False, also_train=pairs[:2])


def test_added_training_data_needs_data_to_cross_validate(tmp_path) -> None:
    ans = _ans_folder(tmp_path / "ans", ("train", "dev"))
    root = _baly_folder(tmp_path, {"Fold_1": ["V-1", "V-2"], "Fold_2": ["V-3"]})
    report = evaluate(data=root, also_train=ans, k=2, meaning=False)
    assert report.get("rules").n == 6 and "also trained on ANS train.csv + dev.csv" in report.name
    assert report.notes == ("meaning models not scored (--no-meaning)",)
    with pytest.raises(OptionsError, match="give DATA"):
        evaluate(test=root, also_train=ans, meaning=False)


@pytest.mark.corpus
def test_baly_rules_beat_majority_on_a_subset() -> None:
    pairs = read_baly(need(CORPORA / "baly2018"), limit=25)
    report = cross_validate(pairs, k=4, meaning=False)
    assert report.get("rules").macro_f1 > report.get("majority").macro_f1
    recall = report.get("rules").evidence_recall
    assert recall is not None and recall > 0.5


@pytest.mark.corpus
def test_ans_trained_beats_majority_on_a_subset() -> None:
    root = need(CORPORA / "ans") / "stance"
    report = train_test(read_ans(root / "train.csv")[:600], read_ans(root / "dev.csv")[:300], ans=True, meaning=False)
    assert report.get("lexical").macro_f1 > report.get("majority").macro_f1
