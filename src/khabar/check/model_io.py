"""A trained stance model as JSON: numbers and names only, never pickled code.

The file says what it is (``format``), which features the weights belong to (a model
trained with other features is refused with a message, not silently misread) and the
labels in weight-row order.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from khabar.check.stance import StanceModel
from khabar.errors import InputError

FORMAT = "khabar-stance-model"
VERSION = 1


def model_to_dict(model: StanceModel) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": "multinomial-logistic-regression",
        "labels": list(model.labels),
        "features": list(model.feature_names),
        "mean": model.mean.tolist(),
        "scale": model.scale.tolist(),
        "weights": model.weights.tolist(),
        "bias": model.bias.tolist(),
        "l2": model.l2,
    }


def model_from_dict(data: dict[str, Any], *, source: str = "<model>") -> StanceModel:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(source, f"not a khabar stance model (expected \"format\": \"{FORMAT}\")")
    if data.get("version") != VERSION:
        raise InputError(source, f"stance model version {data.get('version')!r}; this khabar reads version {VERSION}")
    try:
        labels = tuple(str(x) for x in data["labels"])
        names = tuple(str(x) for x in data["features"])
        mean = np.asarray(data["mean"], dtype=np.float64)
        scale = np.asarray(data["scale"], dtype=np.float64)
        weights = np.asarray(data["weights"], dtype=np.float64)
        bias = np.asarray(data["bias"], dtype=np.float64)
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(source, f"stance model is incomplete or malformed: {err}") from None
    k, d = len(labels), len(names)
    if weights.shape != (k, d) or mean.shape != (d,) or scale.shape != (d,) or bias.shape != (k,):
        raise InputError(source, f"stance model arrays do not fit {k} labels x {d} features")
    return StanceModel(labels, names, mean, scale, weights, bias, float(data.get("l2", 1.0)))


def write_atomically(path: str | Path, write: Callable[[Path], None], *, suffix: str = ".tmp") -> Path:
    """Have ``write`` fill a temporary file beside ``path``, then move it into place: a
    failed write leaves no half file (and no temporary one)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_npz(path: str | Path, arrays: dict[str, np.ndarray]) -> Path:
    """Write ``arrays`` as a compressed ``.npz`` (atomically) whose bytes depend on the arrays
    alone: members in name order, every timestamp 1980-01-01 (``np.savez_compressed`` stamps
    the time of writing, so two builds of one model differed in their bytes)."""
    import io
    import zipfile

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
            for name in sorted(arrays):
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.asanyarray(arrays[name]), allow_pickle=False)
                info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, buf.getvalue())

    return write_atomically(path, write, suffix=".npz")


def save_model(model: StanceModel, path: str | Path) -> Path:
    """Write ``model`` to ``path`` as JSON (atomically)."""
    text = json.dumps(model_to_dict(model), ensure_ascii=False, indent=1)
    return write_atomically(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def load_model(path: str | Path) -> StanceModel:
    """Read a model written by :func:`save_model`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(str(path), f"cannot read the stance model: {err.strerror or err}") from None
    except json.JSONDecodeError as err:
        raise InputError(str(path), f"stance model is not JSON: {err}") from None
    return model_from_dict(data, source=str(path))
