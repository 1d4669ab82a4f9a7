"""The discuss gate: its file, its reading, and where the check asks it."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.check import meaning_model
from khabar.check.discuss_gate import (
    AGREE_AT,
    GATE_FEATURES,
    LABELS,
    UNRELATED_AT,
    anchor_flags,
    bundled_discuss_gate,
    gate_arrays,
    gate_from_arrays,
)
from khabar.check.network import Network
from khabar.errors import InputError
from khabar.model import Article
from khabar_testdata import page_reading

CLAIM = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين"


@pytest.fixture(scope="module")
def gate():
    g = bundled_discuss_gate()
    assert g is not None, "khabar ships check/data/discuss-gate.npz"
    return g


def _row(**values: float) -> np.ndarray:
    row = np.zeros(len(GATE_FEATURES))
    for k, v in values.items():
        row[GATE_FEATURES.index(k)] = v
    return row


def test_the_shipped_gate_reads_its_features_at_its_thresholds(gate) -> None:
    assert gate.network.inputs == len(GATE_FEATURES)
    assert tuple(gate.network.labels) == LABELS
    assert (gate.agree_at, gate.unrelated_at) == (AGREE_AT, UNRELATED_AT)


def test_a_page_the_heads_read_as_stating_the_claim_reads_as_agree_more_than_one_of_another_happening(gate) -> None:
    own = _row(same_event=0.6, event_terms=0.5, semantic_max=0.8, coverage_doc=0.9, mean_top_sim=0.4, max_sim=0.6,
               lead_place=1, names_place=1, head_agree=0.8, head_discuss=0.2, sentence_agree_max=0.9)
    other = _row(same_event=0.01, event_terms=0.05, semantic_max=0.3, coverage_doc=0.3, mean_top_sim=0.05,
                 max_sim=0.1, head_discuss=0.4, head_unrelated=0.6)
    assert gate.probabilities(own)["agree"] > gate.probabilities(other)["agree"]
    assert gate.probabilities(other)["unrelated"] > gate.probabilities(own)["unrelated"]


def test_the_thresholds_decide_the_label() -> None:
    def fixed(p: list[float]) -> Network:
        # a network whose biases alone give probabilities p (no input weighs)
        return Network(LABELS, np.zeros(len(GATE_FEATURES)), np.ones(len(GATE_FEATURES)),
                       (np.zeros((3, len(GATE_FEATURES))),), (np.log(np.array(p)),))
    from khabar.check.discuss_gate import DiscussGate

    row = np.zeros(len(GATE_FEATURES))
    assert DiscussGate(fixed([0.55, 0.3, 0.15])).reads(row) == "agree"
    assert DiscussGate(fixed([0.45, 0.4, 0.15])).reads(row) == "discuss"
    assert DiscussGate(fixed([0.1, 0.25, 0.65])).reads(row) == "unrelated"
    assert DiscussGate(fixed([0.1, 0.35, 0.55])).reads(row) == "discuss"


def test_a_gate_built_for_other_features_or_labels_is_refused(gate) -> None:
    arrays = gate_arrays(gate.network, {})
    assert gate_from_arrays(arrays, "gate.npz").network.inputs == len(GATE_FEATURES)
    short = Network(("agree", "other"), np.zeros(2), np.ones(2), (np.zeros((2, 2)),), (np.zeros(2),))
    with pytest.raises(InputError):
        gate_from_arrays(gate_arrays(short, {}), "gate.npz")
    two = Network(("agree", "other"), np.zeros(len(GATE_FEATURES)), np.ones(len(GATE_FEATURES)),
                  (np.zeros((2, len(GATE_FEATURES))),), (np.zeros(2),))
    with pytest.raises(InputError):
        gate_from_arrays(gate_arrays(two, {}), "gate.npz")


def test_anchor_flags_read_the_claim_s_places_in_the_lead_and_anywhere() -> None:
    lead = Article(id="a", title="قصف على سوق حي الزيتون في مدينة النهرين", body="قتل عشرات في القصف.")
    later = Article(id="b", title="اجتماع وزاري", body=" ".join(["كلمة"] * 200) + " وفي مدينة النهرين قتل عشرات.")
    none = Article(id="c", title="اجتماع وزاري", body="ناقش الوزراء الموازنة.")
    assert anchor_flags(CLAIM, lead)[0] == 1.0 and anchor_flags(CLAIM, lead)[2] == 1.0
    assert anchor_flags(CLAIM, later)[0] == 0.0 and anchor_flags(CLAIM, later)[2] == 1.0
    assert anchor_flags(CLAIM, none) == (0.0, 0.0, 0.0, 0.0)


def test_a_discuss_page_is_read_by_the_gate_and_other_labels_are_left(gate, monkeypatch) -> None:
    """MeaningModel._discuss_read (off by default, switched on here): only a page still called
    *discuss* is read; the switch off and other labels leave it."""
    model = meaning_model.bundled_model()
    assert model is not None
    monkeypatch.setattr(meaning_model, "READ_DISCUSS_GATE", True)
    reading = page_reading(CLAIM, "باعة السوق", "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم صباح اليوم.", "discuss")
    row = model.discuss_gate_row(reading)
    assert row.shape == (len(GATE_FEATURES),)
    monkeypatch.setattr(meaning_model, "bundled_discuss_gate", lambda: dataclasses.replace(gate, agree_at=0.0))
    assert model._discuss_read("discuss", reading) == "agree"
    for side in ("agree", "disagree", "unrelated"):
        assert model._discuss_read(side, reading) == side
    monkeypatch.setattr(meaning_model, "bundled_discuss_gate",
                        lambda: dataclasses.replace(gate, agree_at=1.01, unrelated_at=0.0))
    assert model._discuss_read("discuss", reading) == "unrelated"
    monkeypatch.setattr(meaning_model, "READ_DISCUSS_GATE", False)
    assert model._discuss_read("discuss", reading) == "discuss"
