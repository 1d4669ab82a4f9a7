"""Scale-out: the batch story path on a distributed engine (Dask, the ``[scale]`` extra).

Importing this package needs nothing beyond khabar; Dask is imported when a batch runs.
See ``docs/scale-out.md``.
"""

from khabar.scale.dask_batch import (
    SCALE_EXTRA,
    BatchResult,
    cluster_paths_distributed,
    ingest_paths_distributed,
    require_dask,
)

__all__ = [
    "SCALE_EXTRA",
    "BatchResult",
    "cluster_paths_distributed",
    "ingest_paths_distributed",
    "require_dask",
]
