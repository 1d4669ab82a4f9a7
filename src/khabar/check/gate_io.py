"""The files of the check's small gates (:mod:`~khabar.check.relatedness`, :mod:`~khabar.check.event_gate`).

A gate ships as numpy arrays: its :class:`~khabar.check.network.Network` under ``gate.`` and a
JSON description (``meta``) naming its format, its inputs in order and its labels, so a file
built for other inputs is refused instead of read wrongly.  No code, no pickle, no text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

import numpy as np

from khabar.check.network import Network
from khabar.errors import InputError


def gate_arrays(fmt: str, features: Sequence[str], network: Network, description: dict) -> dict[str, np.ndarray]:
    """The arrays of a gate file (:func:`khabar.check.model_io.write_npz` writes them)."""
    meta = {"format": fmt, "features": list(features), "labels": list(network.labels), "description": description}
    return {"meta": np.array(json.dumps(meta, ensure_ascii=False)), **network.arrays("gate")}


def gate_network(arrays: dict[str, np.ndarray], source: str, *, fmt: str, features: Sequence[str], label: str,
                 what: str) -> Network:
    """The network of a gate file's arrays, checked against its format ``fmt``, its inputs
    ``features`` and a ``label`` it must give; ``what`` names the gate in errors."""
    try:
        meta = json.loads(str(arrays["meta"]))
    except (KeyError, ValueError) as err:
        raise InputError(source, f"not a khabar {what} ({err})") from None
    if meta.get("format") != fmt or tuple(meta.get("features", ())) != tuple(features):
        raise InputError(source, f"the {what} was built for other features; rebuild it with this khabar")
    try:
        network = Network.from_arrays(meta["labels"], arrays, "gate")
    except (KeyError, ValueError) as err:
        raise InputError(source, f"{what} is incomplete or malformed: {err}") from None
    if network.inputs != len(features) or label not in network.labels:
        raise InputError(source, f"{what} does not fit its features")
    return network


def bundled_arrays(name: str) -> tuple[dict[str, np.ndarray], str] | None:
    """The arrays of the gate file ``name`` that ships in ``khabar.check`` (``data/...``) and
    its path, or None when this installation has none."""
    ref = resources.files("khabar.check").joinpath(name)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}, str(path)
