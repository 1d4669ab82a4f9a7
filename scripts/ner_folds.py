"""Fold helpers of the name-tagger scripts (issue 17): each fold's CRF of the five folds of
`khabar eval ner --folds 5`, tagging held-out sentences as that command does, and the score
line by type. Moved here from ``ner_neural.py`` (now in ``ner_tried/``) in session 15.
"""

from __future__ import annotations

from pathlib import Path

from khabar.evaluate.ner import score
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
    if not crf_file.exists():
        arrays, labels = train_crf(rest, clusters, **train_args)
        _m, full, meta = make_model(arrays, labels, clusters)
        save_model(full, meta, crf_file)
    return k, crf_file
