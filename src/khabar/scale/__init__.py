"""Scale: the batch story path (read, sign, store, cluster) on worker processes of this
machine (:class:`ProcessEngine`, the default, nothing to install) or on a Dask cluster
(:class:`~khabar.scale.dask_batch.DaskEngine`, the ``[scale]`` extra).

Importing this package needs nothing beyond khabar; Dask is imported when a Dask batch
runs.  See ``docs/scale-out.md``.
"""

from khabar.scale.analyses import analyze_store
from khabar.scale.batch import BatchResult, cluster_paths, ingest_paths
from khabar.scale.engines import Engine, ProcessEngine
from khabar.scale.dask_batch import (
    SCALE_EXTRA,
    DaskEngine,
    cluster_paths_distributed,
    ingest_paths_distributed,
    require_dask,
)

__all__ = [
    "SCALE_EXTRA",
    "BatchResult",
    "DaskEngine",
    "Engine",
    "ProcessEngine",
    "analyze_store",
    "cluster_paths",
    "cluster_paths_distributed",
    "ingest_paths",
    "ingest_paths_distributed",
    "require_dask",
]
