"""The small gates of the check (a logistic :class:`~khabar.check.network.Network` over a few
numbers of a claim-page pair) as ``.npz`` files: the arrays of the network and a JSON
description saying what the file is and which features its weights belong to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources

import numpy as np

from khabar.check.network import Network
from khabar.errors import InputError


def gate_arrays(kind: str, features: Sequence[str], network: Network, description: dict) -> dict[str, np.ndarray]:
    meta = {"format": kind, "features": list(features), "labels": list(network.labels), "description": description}
    return {"meta": np.array(json.dumps(meta, ensure_ascii=False)), **network.arrays("gate")}


def gate_network(arrays: dict[str, np.ndarray], source: str, kind: str, features: Sequence[str], label: str) -> Network:
    """The network of a gate file of ``kind`` (its ``format``) built for ``features``, which
    says ``label`` among its labels; :class:`~khabar.errors.InputError` for any other file."""
    what = kind.removeprefix("khabar-").replace("-", " ")
    try:
        meta = json.loads(str(arrays["meta"]))
    except (KeyError, ValueError) as err:
        raise InputError(source, f"not a khabar {what} ({err})") from None
    if meta.get("format") != kind or tuple(meta.get("features", ())) != tuple(features):
        raise InputError(source, f"the {what} was built for other features; rebuild it with this khabar")
    try:
        network = Network.from_arrays(meta["labels"], arrays, "gate")
    except (KeyError, ValueError) as err:
        raise InputError(source, f"{what} is incomplete or malformed: {err}") from None
    if network.inputs != len(features) or label not in network.labels:
        raise InputError(source, f"{what} does not fit its features")
    return network


def bundled_arrays(name: str) -> tuple[dict[str, np.ndarray], str] | None:
    """The arrays of the file ``name`` that ships in ``khabar.check`` and its path, or None
    when this installation has none."""
    ref = resources.files("khabar.check").joinpath(name)
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}, str(path)
