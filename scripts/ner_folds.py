"""Fold helpers of the name-tagger scripts (issue 17): each fold's CRF of the five folds of
`khabar eval ner --folds 5`, tagging held-out sentences as that command does, and the score
line by type. Moved here from ``ner_neural.py`` (now in ``ner_tried/``) in session 15.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from khabar.evaluate.ner import fold_ranges, gold_chunk_words, score, unseen_recall
from khabar.extract.tagger.train import make_model, save_model, train_crf


def tag_windows(tagger, held):
    """Tag held-out sentences in windows of 10, as `khabar eval ner` does."""
    return [t for w in range(0, len(held), 10) for t in tagger.tag(held[w : w + 10])]


def summary(gold, predicted) -> str:
    rows = score(gold, predicted).by_type()
    return "  ".join(f"{k} {100 * r.precision:.1f}/{100 * r.recall:.1f}/{100 * r.f1:.2f}" for k, r in rows.items())


def fold_crf(work: Path, sentences, ranges, rest, clusters, **train_args) -> tuple[int, Path]:
    """The fold whose training sentences are ``rest``, and its CRF file in ``work``
    (trained on ``rest`` when not there yet, ``train_args`` to :func:`train_crf`)."""
    k = next(i for i, (a, b) in enumerate(ranges) if len(rest) == len(sentences) - (b - a))
    crf_file = work / f"crf{k}.npz"
    train_once(crf_file, rest, clusters, train_args)
    return k, crf_file


def split_fold(sentences, fold: int, folds: int = 5) -> tuple[list, list]:
    """The training sentences and the held-out ones of fold ``fold`` of ``folds`` (by document,
    as `khabar eval ner --folds` cuts them)."""
    a, b = fold_ranges(sentences, folds)[fold]
    return [*sentences[:a], *sentences[b:]], sentences[a:b]


def train_once(crf_file: Path, rest, clusters, train_args: dict | None = None, model_args: dict | None = None) -> float:
    """Train the CRF ``crf_file`` on ``rest`` unless it is there already (``train_args`` to
    :func:`train_crf`, ``model_args`` to :func:`make_model`); the CPU seconds it took."""
    crf_file.parent.mkdir(parents=True, exist_ok=True)
    started = time.process_time()
    if not crf_file.exists():
        arrays, labels = train_crf(rest, clusters, **(train_args or {}))
        _m, full, meta = make_model(arrays, labels, clusters, **(model_args or {}))
        save_model(full, meta, crf_file)
    return time.process_time() - started


def write_fold(record_file: Path, label: str, tagger, held, rest, trained: float, **key) -> None:
    """Score one fold (:func:`fold_record`, with ``key`` and the training CPU ``trained``),
    write its record to ``record_file`` and print its line under ``label``."""
    out = fold_record(tagger, held, rest, **key, train_cpu_s=round(trained, 1))
    record_file.write_text(json.dumps(out), encoding="utf-8")
    print(f"{label}: overall {100 * out['f1']['overall']:.2f} PERS {100 * out['f1']['PERS']:.2f}"
          f" (trained in {trained:.0f} s CPU)")


#: The kinds a fold record scores, "overall" first.
KINDS = ("overall", "PERS", "LOC", "ORG")


def fold_record(tagger, held, rest, **key) -> dict:
    """One fold's figures as the CV scripts write them (JSON): ``key`` (which run, which fold),
    F1 and (gold, predicted, correct) by kind, the recall of unseen names (gold names whose
    words no training sentence of ``rest`` tags) and the predicted tags, the held-out
    sentences ``held`` tagged by ``tagger`` in windows of 10."""
    tokens = [[w for w, _ in s] for s in held]
    gold = [[t for _, t in s] for s in held]
    predicted = tag_windows(tagger, tokens)
    rows = score(gold, predicted).by_type()
    unseen = unseen_recall(gold, predicted, tokens, gold_chunk_words(rest))
    return {
        **key,
        "f1": {k: r.f1 for k, r in rows.items()},
        "counts": {k: [r.gold, r.predicted, r.correct] for k, r in rows.items()},
        "unseen": {r.type: [r.gold, r.correct] for r in unseen},
        "predicted": predicted,
    }


def print_folds(name: str, folds: dict[int, dict]) -> None:
    """Each fold record of a run and the run pooled over them (F1 by kind, unseen recall)."""
    print(f"{name}: folds {sorted(folds)}")
    for k in sorted(folds):
        r = folds[k]
        print(f"  fold {k}: " + "  ".join(f"{t} {100 * r['f1'][t]:.2f}" for t in KINDS)
              + "  unseen " + " ".join(f"{t} {r['unseen'][t][1]}/{r['unseen'][t][0]}" for t in ("PERS", "LOC", "ORG")))
    if not folds:
        return
    pooled = {t: [sum(folds[k]["counts"][t][i] for k in folds) for i in range(3)] for t in KINDS}
    f1 = {t: 2 * c / (g + p) if g + p else 0.0 for t, (g, p, c) in pooled.items()}
    unseen = {t: [sum(folds[k]["unseen"][t][i] for k in folds) for i in range(2)] for t in ("PERS", "LOC", "ORG", "overall")}
    print("  pooled: " + "  ".join(f"{t} {100 * f1[t]:.2f}" for t in KINDS)
          + "  unseen recall " + " ".join(f"{t} {100 * c / g:.1f} ({c}/{g})" for t, (g, c) in unseen.items()))
