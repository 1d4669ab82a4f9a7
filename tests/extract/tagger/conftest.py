"""What the tagger tests share: a CRF trained by CRFsuite on given features, exported."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def crfsuite_model():
    """A function that trains CRFsuite on (token, tag) sentences with the features
    ``featurize(tokens)`` gives and returns (CRFsuite's tagger, its weights as khabar's
    arrays, the labels)."""
    pycrfsuite = pytest.importorskip("pycrfsuite")
    from khabar.extract.tagger.train import export_weights

    def train(sentences: Sequence, featurize: Callable, path: Path):
        trainer = pycrfsuite.Trainer(verbose=False)
        for s in sentences:
            trainer.append(featurize([t for t, _ in s]), [g for _, g in s])
        trainer.set_params({"c1": 0.0, "c2": 0.1, "max_iterations": 60, "feature.possible_transitions": True})
        trainer.train(str(path))
        reference = pycrfsuite.Tagger()
        reference.open(str(path))
        info = reference.info()
        labels = sorted(reference.labels())
        return reference, export_weights(info.state_features, info.transitions, labels), labels

    return train
