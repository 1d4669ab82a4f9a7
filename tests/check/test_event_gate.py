"""The event gate: its file, its reading, and where the check asks it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.check import meaning_model
from khabar.check.event_gate import (
    DISAGREE_AT,
    GATE_FEATURES,
    bundled_event_gate,
    event_gate_row,
    gate_arrays,
    gate_from_arrays,
)
from khabar.check.network import Network
from khabar.errors import InputError
from khabar_testdata import page_reading

CLAIM = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين"


def _reading(title: str, body: str) -> meaning_model.PairReading:
    return page_reading(CLAIM, title, body, "disagree")


@pytest.fixture(scope="module")
def gate():
    g = bundled_event_gate()
    assert g is not None, "khabar ships check/data/event-gate.npz"
    return g


def test_the_shipped_gate_reads_its_features_at_its_threshold(gate) -> None:
    assert gate.network.inputs == len(GATE_FEATURES)
    assert gate.threshold == DISAGREE_AT


def test_a_page_of_the_claim_s_happening_with_a_contrary_sign_reads_righter_than_one_of_another(gate) -> None:
    # same_event, event_terms, contrary_any, contrary_best, coverage_doc, mean_top_sim
    own = np.array([0.8, 0.5, 1.0, 1.0, 0.9, 0.4])
    other = np.array([0.01, 0.05, 0.0, 0.0, 0.3, 0.05])
    assert gate.right(own) > gate.right(other)
    assert gate.refuses(other)
    assert not gate.refuses(own)


def test_a_gate_built_for_other_features_is_refused(gate) -> None:
    arrays = gate_arrays(gate.network, {})
    assert gate_from_arrays(arrays, "gate.npz").network.inputs == len(GATE_FEATURES)
    short = Network(("disagree", "other"), np.zeros(2), np.ones(2), (np.zeros((2, 2)),), (np.zeros(2),))
    with pytest.raises(InputError):
        gate_from_arrays(gate_arrays(short, {}), "gate.npz")


def test_event_gate_row_reads_the_page_s_signs_and_words() -> None:
    reading = _reading("سوق حي الزيتون", "قتل 200 شخص في القصف على سوق حي الزيتون في مدينة النهرين.")
    row = event_gate_row(reading.analysis.features, reading.candidates, 0.3, 0.4)
    assert row.shape == (len(GATE_FEATURES),)
    assert row[GATE_FEATURES.index("same_event")] == 0.3 and row[GATE_FEATURES.index("event_terms")] == 0.4
    assert row[GATE_FEATURES.index("contrary_any")] == 1.0  # 200 against the claim's 60
    assert row[GATE_FEATURES.index("coverage_doc")] == pytest.approx(reading.analysis.features.coverage_doc)


def test_a_head_disagree_the_gate_refuses_discusses_the_claim(gate, monkeypatch) -> None:
    """meaning_model._event_gate_read: only the article head's own *disagree* that is still the
    label is read; a refused one *discusses*; other labels, a disagree of a later reading
    and the switch off are left."""
    reading = _reading("باعة السوق", "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم صباح اليوم.")
    monkeypatch.setattr(meaning_model, "bundled_event_gate", lambda: dataclasses.replace(gate, threshold=1.01))
    assert meaning_model._event_gate_read("disagree", "disagree", reading) == "discuss"
    for side in ("agree", "discuss", "unrelated"):
        assert meaning_model._event_gate_read(side, "disagree", reading) == side
    assert meaning_model._event_gate_read("disagree", "agree", reading) == "disagree"
    assert meaning_model._event_gate_read("disagree", None, reading) == "disagree"
    monkeypatch.setattr(meaning_model, "READ_EVENT_GATE", False)
    assert meaning_model._event_gate_read("disagree", "disagree", reading) == "disagree"
    monkeypatch.setattr(meaning_model, "READ_EVENT_GATE", True)
    monkeypatch.setattr(meaning_model, "bundled_event_gate", lambda: dataclasses.replace(gate, threshold=0.0))
    assert meaning_model._event_gate_read("disagree", "disagree", reading) == "disagree"
