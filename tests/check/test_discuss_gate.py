"""The discuss gate (``scripts/discuss_gate.py``, an experiment off the check's path since session
33): its decision, its file, its inputs; and that the check no longer asks it."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from khabar.check import meaning_model
from khabar.check.model_io import write_npz
from khabar.check.network import Network
from khabar.errors import InputError
from khabar.model import Article
from khabar_testdata import page_reading

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from discuss_gate import (  # noqa: E402
    GATE_FEATURES,
    LABELS,
    DiscussGate,
    anchor_flags,
    gate_arrays,
    gate_from_arrays,
    gate_row,
    load_gate,
    reads_page,
)

CLAIM = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين"


def _fixed(p: list[float], labels: tuple[str, ...] = LABELS, width: int = len(GATE_FEATURES)) -> Network:
    # a network whose biases alone give probabilities p (no input weighs)
    return Network(labels, np.zeros(width), np.ones(width), (np.zeros((len(labels), width)),), (np.log(np.array(p)),))


def test_the_thresholds_decide_the_label() -> None:
    row = np.zeros(len(GATE_FEATURES))
    assert DiscussGate(_fixed([0.55, 0.3, 0.15])).reads(row) == "agree"
    assert DiscussGate(_fixed([0.45, 0.4, 0.15])).reads(row) == "discuss"
    assert DiscussGate(_fixed([0.1, 0.25, 0.65])).reads(row) == "unrelated"
    assert DiscussGate(_fixed([0.1, 0.35, 0.55])).reads(row) == "discuss"
    assert DiscussGate(_fixed([0.45, 0.4, 0.15]), agree_at=0.4).reads(row) == "agree"


def test_a_written_gate_reads_back_and_one_for_other_features_or_labels_is_refused(tmp_path) -> None:
    path = write_npz(tmp_path / "gate.npz", gate_arrays(_fixed([0.55, 0.3, 0.15]), {"sets": []}))
    gate = load_gate(path)
    assert gate.network.inputs == len(GATE_FEATURES)
    assert gate.reads(np.zeros(len(GATE_FEATURES))) == "agree"
    with pytest.raises(InputError):
        gate_from_arrays(gate_arrays(_fixed([0.5, 0.5], ("agree", "other"), 2), {}), "gate.npz")
    with pytest.raises(InputError):
        gate_from_arrays(gate_arrays(_fixed([0.5, 0.5], ("agree", "other")), {}), "gate.npz")


def test_anchor_flags_read_the_claim_s_places_in_the_lead_and_anywhere() -> None:
    lead = Article(id="a", title="قصف على سوق حي الزيتون في مدينة النهرين", body="قتل عشرات في القصف.")
    later = Article(id="b", title="اجتماع وزاري", body=" ".join(["كلمة"] * 200) + " وفي مدينة النهرين قتل عشرات.")
    none = Article(id="c", title="اجتماع وزاري", body="ناقش الوزراء الموازنة.")
    assert anchor_flags(CLAIM, lead)[0] == 1.0 and anchor_flags(CLAIM, lead)[2] == 1.0
    assert anchor_flags(CLAIM, later)[0] == 0.0 and anchor_flags(CLAIM, later)[2] == 1.0
    assert anchor_flags(CLAIM, none) == (0.0, 0.0, 0.0, 0.0)


def test_a_page_s_row_holds_the_heads_outputs_and_the_check_does_not_ask_the_gate() -> None:
    model = meaning_model.bundled_model()
    assert model is not None
    reading = page_reading(CLAIM, "باعة السوق", "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم صباح اليوم.", "discuss")
    assert reads_page(model, reading)
    row = gate_row(model, reading)
    assert row.shape == (len(GATE_FEATURES),)
    head = row[[GATE_FEATURES.index(f) for f in ("head_agree", "head_discuss", "head_unrelated")]]
    assert 0.0 < head.sum() <= 1.0 + 1e-9
    flags = row[GATE_FEATURES.index("lead_place"): GATE_FEATURES.index("names_actor") + 1]
    assert tuple(flags) == anchor_flags(CLAIM, reading.analysis.doc.article)
    assert row[GATE_FEATURES.index("names_place")] == 1.0
    assert not hasattr(meaning_model, "READ_DISCUSS_GATE")
