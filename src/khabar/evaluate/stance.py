"""How well khabar's claim checking finds stances and evidence, on labelled pairs.

Two ways to run it:

* **train and test kept apart**: ``--test DATA`` scores the rules (no training), the model
  that ships with khabar, a saved model (``--model FILE``) and, when ``--train DATA`` is
  given, the lexical and the meaning model trained on it.  Nothing of the test data is
  trained on or tuned on.
* **cross-validation by claim** on one DATA: a claim's pairs are never in training and
  test at once (baly2018: its own folds; anything else: ``--k`` folds dealt claim by claim).
  This is how the figures on the dev parts are made.

DATA is a baly2018 folder (``dataset/`` and ``train_test_splits.txt``; ``--test-folds``
picks folds: given the same folder for ``--train``, training uses the other folds, and
without ``--test-folds`` the test is its last fold), an ANS folder (for a test its
``stance/test.csv`` when present, else ``dev.csv``, said in the output; for training
``train.csv`` and ``dev.csv``, less the file tested), an ANS CSV, a baly2018 claim file or
khabar JSON Lines pairs.  ANS is scored on its own three labels (discuss and unrelated both
read as "other").

Printed per model: accuracy, macro-F1, precision / recall / F1 per label, the confusion
matrix, and evidence recall: the share of gold evidence sentences among the model's
evidence, over the gold agree/disagree pairs the model itself calls agree or disagree (a
model that calls them unrelated shows no evidence, so it has none to be right about).

    khabar eval stance --test ../shared/corpora/baly2018 --test-folds 4 --train ../shared/corpora/baly2018
    khabar eval stance ../shared/corpora/ans
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from khabar.check import pair_features, train_stance, within_event_judgement
from khabar.check.features import Analysis
from khabar.check.meaning_model import (
    Judgement,
    MeaningModel,
    PairReading,
    bundled_model,
    fit_meaning_model,
    read_pairs as read_meaning_pairs,
)
from khabar.check.pairs import Data, Pair, claim_folds, load_data
from khabar.check.stance import LABELS, RuleModel, StanceModel, majority_label
from khabar.errors import OptionsError

ANS_LABELS = ("agree", "disagree", "other")

__all__ = [
    "ANS_LABELS",
    "Data",
    "Report",
    "Scores",
    "claim_folds",
    "cross_validate",
    "evaluate",
    "f1_scores",
    "load_data",
    "score",
    "train_test",
]


# --- scores -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Scores:
    n: int
    accuracy: float
    macro_f1: float
    f1: dict[str, float]
    support: dict[str, int]
    evidence_recall: float | None = None  # None when no pair qualifies
    precision: dict[str, float] = field(default_factory=dict)
    recall: dict[str, float] = field(default_factory=dict)
    #: confusion[gold][predicted] = count
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    evidence_pairs: int = 0  # pairs the evidence recall is taken over


def f1_scores(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> tuple[float, float, dict[str, float]]:
    """(accuracy, macro-F1, F1 per label) over ``labels`` (a label absent from both gold
    and predictions is left out of the mean)."""
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


def evidence_recall(
    pairs: Sequence[Pair], judgements: Sequence[Judgement], *, per_article: int = 3
) -> tuple[float | None, int]:
    """Share of gold evidence sentences among the model's top ``per_article`` evidence
    sentences, over gold agree/disagree pairs with a rationale that the model calls agree
    or disagree; and how many such pairs there were."""
    found = total = pairs_used = 0
    for p, j in zip(pairs, judgements):
        if p.stance in ("agree", "disagree") and p.rationale and j.label in ("agree", "disagree"):
            gold = set(p.rationale)
            total += len(gold)
            found += len(gold & set(j.evidence[:per_article]))
            pairs_used += 1
    return (found / total if total else None), pairs_used


def score(
    pairs: Sequence[Pair], judgements: Sequence[Judgement], *, labels: Sequence[str] = LABELS, ans: bool = False
) -> Scores:
    to = _to_ans if ans else (lambda x: x)
    gold = [to(p.stance) for p in pairs]
    pred = [to(j.label) for j in judgements]
    acc, macro, f1 = f1_scores(gold, pred, labels)
    precision, recall = {}, {}
    for lb in labels:
        tp = sum(g == lb and q == lb for g, q in zip(gold, pred))
        npred, ngold = pred.count(lb), gold.count(lb)
        precision[lb] = tp / npred if npred else 0.0
        recall[lb] = tp / ngold if ngold else 0.0
    confusion = {g: {q: 0 for q in labels} for g in labels}
    for g, q in zip(gold, pred):
        if g in confusion and q in confusion[g]:
            confusion[g][q] += 1
    ev, used = evidence_recall(pairs, judgements)
    return Scores(len(gold), acc, macro, f1, {lb: gold.count(lb) for lb in labels}, ev, precision, recall, confusion, used)


def _to_ans(label: str) -> str:
    return label if label in ("agree", "disagree") else "other"


# --- models --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Report:
    name: str
    models: tuple[tuple[str, Scores], ...]
    labels: tuple[str, ...]
    folds: int = 1
    notes: tuple[str, ...] = ()

    def get(self, model: str) -> Scores:
        return dict(self.models)[model]


def _encoder() -> Callable[[Sequence[str]], object]:
    from khabar.relate.embeddings import get_encoder

    encoder = get_encoder("use")
    assert encoder is not None
    return encoder.encode


def _readings(pairs: Sequence[Pair]) -> list[PairReading]:
    return read_meaning_pairs(pairs, _encoder())  # type: ignore[arg-type]


def _lexical_judgements(analyses: Sequence[Analysis], model: RuleModel | StanceModel) -> list[Judgement]:
    preds = model.predict([a.features for a in analyses])
    return [Judgement(label, s, an.evidence) for an, (label, s) in zip(analyses, preds)]


def _meaning_judgements(readings: Sequence[PairReading], model: MeaningModel) -> list[Judgement]:
    return model.judge_many(readings)


def _majority(train: Sequence[Pair] | None, n: int) -> list[Judgement]:
    label = majority_label([p.stance for p in train]) if train else "unrelated"
    return [Judgement(label, 1.0, ()) for _ in range(n)]


def train_test(
    train: Sequence[Pair] | None,
    test: Sequence[Pair],
    *,
    model: MeaningModel | StanceModel | None = None,
    model_name: str = "model",
    ans: bool = False,
    meaning: bool = True,
    l2: float = 1.0,
    name: str = "",
) -> Report:
    """Score every model on ``test``: rules, the shipped model, ``model``, and when ``train``
    is given the lexical and meaning models trained on it."""
    if not test:
        raise OptionsError("no labelled pairs to test on")
    use_meaning = meaning and _encoder_ok()
    readings = _readings(test) if use_meaning else None
    analyses = [r.analysis for r in readings] if readings else pair_features(test)
    labels = ANS_LABELS if ans else LABELS
    rows: list[tuple[str, list[Judgement]]] = [
        ("majority", _majority(train, len(test))),
        ("rules", _lexical_judgements(analyses, RuleModel())),
    ]
    notes: list[str] = []
    shipped = bundled_model()
    if readings is not None and shipped is not None:
        rows.append(("shipped", _meaning_judgements(readings, shipped)))
    elif shipped is None:
        notes.append("no model ships with this installation")
    else:
        notes.append(_no_meaning_note(meaning))
    if model is not None:
        if isinstance(model, MeaningModel):
            if readings is not None:
                rows.append((model_name, _meaning_judgements(readings, model)))
        else:
            rows.append((model_name, _lexical_judgements(analyses, model)))
    if train:
        train_analyses = pair_features(train) if not use_meaning else None
        train_readings = _readings(train) if use_meaning else None
        lex_an = [r.analysis for r in train_readings] if train_readings else train_analyses
        lexical = train_stance(lex_an, labels=[p.stance for p in train], l2=l2)  # type: ignore[arg-type]
        rows.append(("lexical", _lexical_judgements(analyses, lexical)))
        if train_readings is not None and readings is not None:
            trained = fit_meaning_model(train, train_readings)
            rows.append(("meaning", _meaning_judgements(readings, trained)))
    rows = [(n, _in_event(test, analyses, j)) for n, j in rows]
    scores = tuple((n, score(test, j, labels=labels, ans=ans)) for n, j in rows)
    return Report(name, scores, labels, 1, tuple(notes))


def cross_validate(
    pairs: Sequence[Pair],
    *,
    k: int = 5,
    l2: float = 1.0,
    name: str = "",
    ans: bool = False,
    meaning: bool = True,
    also_train: Sequence[Pair] = (),
) -> Report:
    """Every model by cross-validation over claims (the rules need no training).

    ``also_train`` pairs join the training of every fold and are never scored: the shipped
    model learns from baly2018 and ANS together, and its baly2018 figure is measured so."""
    if not pairs:
        raise OptionsError("no labelled pairs")
    shared = {p.group for p in pairs} & {p.group for p in also_train}
    if shared:
        raise OptionsError(f"{len(shared)} claims are both cross-validated and in the added training data")
    use_meaning = meaning and _encoder_ok()
    readings = _readings([*pairs, *also_train]) if use_meaning else None
    analyses = [r.analysis for r in readings] if readings else pair_features([*pairs, *also_train])
    n = len(pairs)
    extra = list(range(n, n + len(also_train)))
    everything = [*pairs, *also_train]
    out: dict[str, list[Judgement | None]] = {m: [None] * n for m in ("majority", "lexical", "meaning")}
    folds = claim_folds(pairs, k)
    for test in folds:
        held = set(test)
        train = [i for i in range(n) if i not in held] + extra
        train_pairs = [everything[i] for i in train]
        lexical = train_stance([analyses[i] for i in train], labels=[p.stance for p in train_pairs], l2=l2)
        for i, j in zip(test, _lexical_judgements([analyses[i] for i in test], lexical)):
            out["lexical"][i] = j
        for i, j in zip(test, _majority(train_pairs, len(test))):
            out["majority"][i] = j
        if readings is not None:
            inner = [replace(p, fold=None) for p in train_pairs]  # inner folds dealt by claim
            model = fit_meaning_model(inner, [readings[i] for i in train])
            for i in test:
                out["meaning"][i] = model.judge(readings[i])
    labels = ANS_LABELS if ans else LABELS
    rows = [("majority", out["majority"]), ("rules", _lexical_judgements(analyses[:n], RuleModel())), ("lexical", out["lexical"])]
    if readings is not None:
        rows.append(("meaning", out["meaning"]))
    rows = [(m, _in_event(pairs, analyses[:n], j)) for m, j in rows]  # type: ignore[arg-type]
    scores = tuple((m, score(pairs, j, labels=labels, ans=ans)) for m, j in rows)  # type: ignore[arg-type]
    notes = () if readings is not None else (_no_meaning_note(meaning),)
    return Report(name, scores, labels, len(folds), notes)


def _in_event(pairs: Sequence[Pair], analyses: Sequence[Analysis], judgements: Sequence[Judgement]) -> list[Judgement]:
    """The judgements as the check reads them: a page of another event is unrelated
    (:mod:`khabar.check.event`)."""
    return [within_event_judgement(p.claim, an, j) for p, an, j in zip(pairs, analyses, judgements)]


def _no_meaning_note(asked: bool) -> str:
    """Why the meaning models were not scored: not asked for, or no sentence encoder."""
    if asked:
        return "the sentence encoder is not installed: meaning models not scored"
    return "meaning models not scored (--no-meaning)"


def _encoder_ok() -> bool:
    from khabar.check import encoder_available

    return encoder_available("use")


def evaluate(
    *,
    data: Path | None = None,
    train: Path | None = None,
    test: Path | None = None,
    model: Path | None = None,
    test_folds: Sequence[str] = (),
    k: int = 5,
    limit: int | None = None,
    l2: float = 1.0,
    meaning: bool = True,
    also_train: Path | None = None,
) -> Report:
    """Cross-validate on ``data`` (``also_train`` joining every fold's training), or score on
    ``test`` (see the module docstring)."""
    if data is not None:
        if test is not None or train is not None:
            raise OptionsError("give DATA for cross-validation, or --test (and --train), not both")
        d = load_data(data, role="train", limit=limit)
        also = load_data(also_train, role="train", limit=limit) if also_train else None
        described = f"{d.description}, cross-validated"
        if also:
            described += f"; every fold also trained on {also.description}"
        return cross_validate(d.pairs, k=k, l2=l2, name=described, ans=d.ans, meaning=meaning,
                              also_train=also.pairs if also else ())
    if also_train is not None:
        raise OptionsError("--also-train adds training data to the cross-validation of DATA; give DATA")
    if test is None:
        raise OptionsError("nothing to evaluate: give DATA, or --test DATA")
    t = load_data(test, role="test", test_folds=test_folds, limit=limit)
    tr = load_data(train, role="train", test_folds=test_folds, test_path=test, limit=limit) if train else None
    notes: list[str] = []
    if tr is not None:
        overlap = {p.group for p in tr.pairs} & {p.group for p in t.pairs}
        if overlap and len(overlap) * 2 > len({p.group for p in t.pairs}):
            raise OptionsError(f"{len(overlap)} claims are in both --train and --test; keep them apart")
        if overlap:  # ANS's own train and dev files share a few headlines
            notes.append(f"{len(overlap)} claims of the test are also in the training data (as the data splits them)")
    loaded = None
    if model is not None:
        from khabar.check import load_model

        loaded = load_model(model)
    name = f"test: {t.description}" + (f"; train: {tr.description}" if tr else "")
    report = train_test(
        tr.pairs if tr else None, t.pairs, model=loaded, model_name=model.name if model else "model",
        ans=t.ans, l2=l2, name=name, meaning=meaning,
    )
    return replace(report, notes=(*notes, *report.notes))
