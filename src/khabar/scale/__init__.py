"""Scale: the batch story path (read, sign, store, cluster) on worker processes of this
machine (:class:`ProcessEngine`, the default, nothing to install) or on a Dask cluster
(:class:`~khabar.scale.dask_batch.DaskEngine`, the ``[scale]`` extra).

Importing this package needs nothing beyond khabar; Dask is imported when a Dask batch
runs.  See ``docs/scale-out.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.scale.analyses import analyze_store
    from khabar.scale.batch import BatchResult, cluster_paths, ingest_paths
    from khabar.scale.dask_batch import (
        SCALE_EXTRA,
        DaskEngine,
        cluster_paths_distributed,
        ingest_paths_distributed,
        require_dask,
    )
    from khabar.scale.engines import Engine, ProcessEngine
    from khabar.scale.vectors import encode_store

#: Each name and its module, imported when the name is first asked for: ``khabar ingest``
#: needs the batch and the engines, not the analyses' or Dask's modules.
_HOMES = {
    "analyze_store": "analyses",
    "BatchResult": "batch",
    "cluster_paths": "batch",
    "ingest_paths": "batch",
    "Engine": "engines",
    "ProcessEngine": "engines",
    "SCALE_EXTRA": "dask_batch",
    "DaskEngine": "dask_batch",
    "cluster_paths_distributed": "dask_batch",
    "ingest_paths_distributed": "dask_batch",
    "require_dask": "dask_batch",
    "encode_store": "vectors",
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "SCALE_EXTRA",
    "BatchResult",
    "DaskEngine",
    "Engine",
    "ProcessEngine",
    "analyze_store",
    "cluster_paths",
    "cluster_paths_distributed",
    "encode_store",
    "ingest_paths",
    "ingest_paths_distributed",
    "require_dask",
]
