"""The gates' files: arrays with a description that names their format, inputs and labels."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.check.gate_io import bundled_arrays, gate_arrays, gate_network
from khabar.check.network import Network
from khabar.errors import InputError

FEATURES = ("a", "b")


def _network(labels=("yes", "no"), inputs: int = 2) -> Network:
    return Network(labels, np.zeros(inputs), np.ones(inputs), (np.ones((2, inputs)),), (np.zeros(2),))


def test_a_gate_file_reads_back_its_network() -> None:
    arrays = gate_arrays("fmt", FEATURES, _network(), {"note": "x"})
    net = gate_network(arrays, "g.npz", fmt="fmt", features=FEATURES, label="yes", what="test gate")
    assert net.labels == ("yes", "no") and net.inputs == 2


@pytest.mark.parametrize("fmt, features, label", [("other", FEATURES, "yes"), ("fmt", ("a", "c"), "yes"), ("fmt", FEATURES, "maybe")])
def test_a_gate_file_of_another_format_inputs_or_labels_is_refused(fmt, features, label) -> None:
    arrays = gate_arrays("fmt", FEATURES, _network(), {})
    with pytest.raises(InputError, match="test gate"):
        gate_network(arrays, "g.npz", fmt=fmt, features=features, label=label, what="test gate")


def test_a_gate_file_without_its_description_is_refused() -> None:
    arrays = gate_arrays("fmt", FEATURES, _network(), {})
    del arrays["meta"]
    with pytest.raises(InputError, match="not a khabar test gate"):
        gate_network(arrays, "g.npz", fmt="fmt", features=FEATURES, label="yes", what="test gate")


def test_a_gate_this_installation_does_not_ship_is_none() -> None:
    assert bundled_arrays("data/no-such-gate.npz") is None
    found = bundled_arrays("data/event-gate.npz")
    assert found is not None and "meta" in found[0]
