"""The relatedness gate: its file, its reading, and where the check asks it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.check import meaning_model
from khabar.check.network import Network
from khabar.check.relatedness import GATE_FEATURES, RELATED_AT, bundled_gate, gate_arrays, gate_from_arrays, gate_row
from khabar.errors import InputError
from khabar_testdata import page_reading

CLAIM = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين"


def _reading(title: str, body: str) -> meaning_model.PairReading:
    return page_reading(CLAIM, title, body)


@pytest.fixture(scope="module")
def gate():
    g = bundled_gate()
    assert g is not None, "khabar ships check/data/relatedness-gate.npz"
    return g


def test_the_shipped_gate_reads_its_features_at_its_threshold(gate) -> None:
    assert gate.network.inputs == len(GATE_FEATURES)
    assert gate.threshold == RELATED_AT


def test_a_page_that_holds_the_claim_s_words_reads_more_related_than_one_that_holds_none(gate) -> None:
    # one head margin, one event probability: only what the page holds of the claim differs
    close = np.array([2.0, 0.8, 0.8, 0.5, 0.05, 0.6, 0.7, 0.6, 0.6, 1.0])
    far = np.array([2.0, 0.0, 0.0, 0.05, 0.05, 0.05, 0.2, 0.15, 0.0, 0.0])
    assert gate.related(close) > gate.related(far)
    assert not gate.reads_related(far)


def test_a_gate_built_for_other_features_is_refused(gate) -> None:
    arrays = gate_arrays(gate.network, {})
    assert gate_from_arrays(arrays, "gate.npz").network.inputs == len(GATE_FEATURES)
    short = Network(("related", "unrelated"), np.zeros(2), np.ones(2), (np.zeros((2, 2)),), (np.zeros(2),))
    arrays = gate_arrays(short, {})
    with pytest.raises(InputError):
        gate_from_arrays(arrays, "gate.npz")


def test_gate_row_reads_the_page_s_candidates() -> None:
    reading = _reading("سوق حي الزيتون", "قتل 60 شخصا في القصف على سوق حي الزيتون في مدينة النهرين.")
    row = gate_row(reading.analysis.features, reading.candidates, -1.5, 0.3)
    assert row.shape == (len(GATE_FEATURES),)
    assert row[0] == -1.5 and row[GATE_FEATURES.index("same_event")] == 0.3
    assert row[GATE_FEATURES.index("top_semantic")] == pytest.approx(float(reading.candidates.semantic.max()))


def test_a_page_left_unrelated_that_the_gate_reads_related_discusses_the_claim(gate, monkeypatch) -> None:
    """meaning_model._unrelated_read: the gate turns *unrelated* into *discuss* only; a side is
    never given so, a page the article head did not read is left, and the switch turns it off."""
    reading = _reading("باعة السوق", "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم صباح اليوم.")
    monkeypatch.setattr(meaning_model, "same_event_score", lambda reading: 0.0)
    monkeypatch.setattr(meaning_model, "bundled_gate", lambda: dataclasses.replace(gate, threshold=0.0))
    assert meaning_model._unrelated_read("unrelated", reading, 0.5) == "discuss"
    for side in ("agree", "disagree", "discuss"):
        assert meaning_model._unrelated_read(side, reading, 0.5) == side
    assert meaning_model._unrelated_read("unrelated", reading, None) == "unrelated"
    monkeypatch.setattr(meaning_model, "READ_RELATED_GATE", False)
    assert meaning_model._unrelated_read("unrelated", reading, 0.5) == "unrelated"
    monkeypatch.setattr(meaning_model, "READ_RELATED_GATE", True)
    monkeypatch.setattr(meaning_model, "bundled_gate", lambda: dataclasses.replace(gate, threshold=1.01))
    assert meaning_model._unrelated_read("unrelated", reading, 0.5) == "unrelated"
