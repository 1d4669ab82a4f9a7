"""The disagree gate: its file, its reading, and where the check asks it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.check import meaning_model
from khabar.check.disagreement import DISAGREE_AT, GATE_FEATURES, bundled_gate, gate_arrays, gate_from_arrays
from khabar.check.meaning import ARTICLE_FEATURES
from khabar.check.network import Network
from khabar.errors import InputError


@pytest.fixture(scope="module")
def gate():
    g = bundled_gate()
    assert g is not None, "khabar ships check/data/disagree-gate.npz"
    return g


def test_the_shipped_gate_reads_the_article_head_s_input_at_its_threshold(gate) -> None:
    assert GATE_FEATURES == ARTICLE_FEATURES
    assert gate.network.inputs == len(ARTICLE_FEATURES)
    assert gate.threshold == DISAGREE_AT
    p = gate.disagree(np.zeros(len(ARTICLE_FEATURES)))
    assert 0.0 < p < 1.0


def test_a_gate_built_for_other_features_is_refused(gate) -> None:
    assert gate_from_arrays(gate_arrays(gate.network, {}), "gate.npz").network.inputs == len(GATE_FEATURES)
    short = Network(("disagree", "other"), np.zeros(2), np.ones(2), (np.zeros((2, 2)),), (np.zeros(2),))
    with pytest.raises(InputError, match="other features|does not fit"):
        gate_from_arrays(gate_arrays(short, {}), "gate.npz")
    with pytest.raises(InputError, match="not a khabar disagree gate"):
        gate_from_arrays({}, "gate.npz")


def test_a_head_disagree_the_gate_refuses_takes_the_head_s_best_label_that_takes_no_side(gate, monkeypatch) -> None:
    """meaning_model._gated_disagree: refused, the head's disagree gives way to the best of
    discuss and unrelated, never to agree (the head read the page as contrary) nor itself."""
    labels = ("agree", "disagree", "discuss", "unrelated")
    row = np.zeros(len(ARTICLE_FEATURES))
    monkeypatch.setattr(meaning_model, "bundled_disagree_gate", lambda: dataclasses.replace(gate, threshold=1.01))
    assert meaning_model._gated_disagree(1, np.array([1.5, 2.0, 1.2, -1.0]), row, labels) == 2
    assert meaning_model._gated_disagree(1, np.array([1.5, 2.0, -1.2, 1.0]), row, labels) == 3
    monkeypatch.setattr(meaning_model, "bundled_disagree_gate", lambda: dataclasses.replace(gate, threshold=0.0))
    assert meaning_model._gated_disagree(1, np.array([1.5, 2.0, 1.2, -1.0]), row, labels) == 1
    monkeypatch.setattr(meaning_model, "bundled_disagree_gate", lambda: None)
    assert meaning_model._gated_disagree(1, np.array([1.5, 2.0, 1.2, -1.0]), row, labels) == 1
