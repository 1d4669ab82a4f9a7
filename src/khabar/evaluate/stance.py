"""How well khabar's claim checking finds stances and evidence, on labelled pairs.

Figures: accuracy, macro-F1 over the labels, F1 per label, and evidence-sentence recall (the
share of gold rationale sentences among the top-k evidence sentences returned, over the
agree/disagree pairs that have a rationale).  Two models are scored: the untrained rules
(:class:`khabar.check.stance.RuleModel`) and the logistic-regression model, trained and tested
by cross-validation *by claim* (a claim's pairs are never in training and test at once):

* baly2018 (a folder with ``dataset/`` and ``train_test_splits.txt``): its own folds (those
  present), train on the others, test on each;
* ANS (a folder with ``stance/train.csv`` and ``stance/dev.csv``): train on train, test on
  dev, scored on ANS's three labels (our discuss and unrelated both read as ANS's "other");
* a khabar JSON Lines file: k folds over claims.

    khabar eval stance ../shared/corpora/baly2018 [--limit N] [--k 3]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.check import pair_features, predict_pairs, train_stance
from khabar.check.features import Analysis
from khabar.check.pairs import Pair, read_ans, read_baly, read_pairs
from khabar.check.stance import LABELS, RuleModel, majority_label
from khabar.errors import OptionsError

ANS_LABELS = ("agree", "disagree", "other")


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    support: dict[str, int]
    evidence_recall: float | None = None  # None when no pair has a gold rationale


def f1_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> tuple[float, float, dict[str, float]]:
    """(accuracy, macro-F1, F1 per label) over ``labels`` (absent labels count as F1 0 only
    when predicted or gold somewhere; a label absent from both is left out of the mean)."""
    if len(gold) != len(pred):
        raise OptionsError(f"{len(gold)} gold labels but {len(pred)} predictions")
    if not gold:
        return 0.0, 0.0, {}
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold)
    f1 = {}
    for lb in labels:
        tp = sum(g == lb and p == lb for g, p in zip(gold, pred))
        fp = sum(g != lb and p == lb for g, p in zip(gold, pred))
        fn = sum(g == lb and p != lb for g, p in zip(gold, pred))
        if tp + fp + fn == 0:
            continue
        f1[lb] = 2 * tp / (2 * tp + fp + fn)
    macro = sum(f1.values()) / len(f1) if f1 else 0.0
    return acc, macro, f1


def evidence_recall(pairs: Sequence[Pair], analyses: Sequence[Analysis]) -> float | None:
    """Share of gold rationale sentences of agree/disagree pairs among our evidence."""
    found = total = 0
    for p, an in zip(pairs, analyses):
        if p.stance in ("agree", "disagree") and p.rationale:
            gold = set(p.rationale)
            total += len(gold)
            found += len(gold & set(an.evidence))
    return found / total if total else None


def score(
    pairs: Sequence[Pair], analyses: Sequence[Analysis], pred: Sequence[str], *, labels: Sequence[str] = LABELS
) -> Scores:
    gold = [p.stance for p in pairs]
    acc, macro, f1 = f1_scores(gold, pred, labels)
    support = {lb: gold.count(lb) for lb in labels}
    return Scores(len(gold), acc, macro, f1, support, evidence_recall(pairs, analyses))


def claim_folds(pairs: Sequence[Pair], k: int) -> list[list[int]]:
    """Test folds of pair indices: a corpus's own folds when every pair has one, else ``k``
    folds dealt claim by claim.  A claim's pairs always share a fold."""
    if pairs and all(p.fold for p in pairs):
        names = sorted({p.fold for p in pairs})  # type: ignore[type-var]
        return [[i for i, p in enumerate(pairs) if p.fold == name] for name in names]
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.group or p.claim, []).append(i)
    k = max(2, min(k, len(groups)))
    folds: list[list[int]] = [[] for _ in range(k)]
    for n, idx in enumerate(groups.values()):
        folds[n % k].extend(idx)
    return [f for f in folds if f]


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    rules: Scores
    trained: Scores
    majority: Scores
    folds: int


def cross_validate(pairs: Sequence[Pair], *, k: int = 5, l2: float = 1.0, name: str = "") -> Report:
    """Rules on every pair; the trained model by cross-validation over claims."""
    analyses = pair_features(pairs)
    rule_pred = predict_pairs(analyses, RuleModel())
    trained_pred = [""] * len(pairs)
    majority_pred = [""] * len(pairs)
    folds = claim_folds(pairs, k)
    for test in folds:
        held = set(test)
        train = [i for i in range(len(pairs)) if i not in held]
        labels = [pairs[i].stance for i in train]
        model = train_stance([analyses[i] for i in train], labels=labels, l2=l2)
        for i, lb in zip(test, predict_pairs([analyses[i] for i in test], model)):
            trained_pred[i] = lb
        for i in test:
            majority_pred[i] = majority_label(labels)
    return Report(
        name,
        score(pairs, analyses, rule_pred),
        score(pairs, analyses, trained_pred),
        score(pairs, analyses, majority_pred),
        len(folds),
    )


def _to_ans(label: str) -> str:
    return label if label in ("agree", "disagree") else "other"


def train_test(train: Sequence[Pair], test: Sequence[Pair], *, l2: float = 1.0, name: str = "ans") -> Report:
    """Train on ``train``, score on ``test`` with ANS's three labels."""
    train_an = pair_features(train)
    test_an = pair_features(test)
    model = train_stance(train_an, labels=[p.stance for p in train], l2=l2)
    gold = [_to_ans(p.stance) for p in test]

    def sc(pred: Sequence[str]) -> Scores:
        acc, macro, f1 = f1_scores(gold, [_to_ans(x) for x in pred], ANS_LABELS)
        return Scores(len(gold), acc, macro, f1, {lb: gold.count(lb) for lb in ANS_LABELS})

    majority = majority_label([p.stance for p in train])
    return Report(
        name,
        sc(predict_pairs(test_an, RuleModel())),
        sc(predict_pairs(test_an, model)),
        sc([majority] * len(test)),
        1,
    )


def evaluate_path(path: Path, *, k: int = 5, limit: int | None = None, l2: float = 1.0) -> Report:
    if (path / "stance" / "train.csv").exists():
        train, test = read_ans(path / "stance" / "train.csv"), read_ans(path / "stance" / "dev.csv")
        if limit:
            train, test = train[:limit], test[:limit]
        return train_test(train, test, l2=l2, name=f"ANS {path.name}")
    if path.is_dir():
        pairs = read_baly(path, limit=limit)
        return cross_validate(pairs, k=k, l2=l2, name=f"baly2018 {path.name}")
    pairs = read_pairs(path)
    if limit:
        pairs = pairs[:limit]
    return cross_validate(pairs, k=k, l2=l2, name=path.name)
