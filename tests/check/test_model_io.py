"""A trained stance model survives a round trip through JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest

from khabar.check.features import PairFeatures
from khabar.check.model_io import load_model, save_model
from khabar.check.stance import fit_logistic
from khabar.errors import InputError


def _model():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, len(PairFeatures.names())))
    y = ["agree" if r[0] > 0 else "unrelated" if r[1] > 0 else "disagree" for r in x]
    return fit_logistic(x, y), x


def test_round_trip_gives_same_probabilities(tmp_path) -> None:
    model, x = _model()
    loaded = load_model(save_model(model, tmp_path / "m.json"))
    assert loaded.labels == model.labels
    np.testing.assert_allclose(loaded.probabilities(x), model.probabilities(x))


def test_file_is_plain_json_without_code(tmp_path) -> None:
    model, _ = _model()
    data = json.loads(save_model(model, tmp_path / "m.json").read_text(encoding="utf-8"))
    assert data["format"] == "khabar-stance-model" and data["features"] == list(PairFeatures.names())


def test_other_file_is_refused(tmp_path) -> None:
    path = tmp_path / "x.json"
    path.write_text('{"weights": []}', encoding="utf-8")
    with pytest.raises(InputError, match="not a khabar stance model"):
        load_model(path)
