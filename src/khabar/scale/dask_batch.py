"""The batch story path (read -> analyse -> sign -> cluster) on a Dask cluster.

:mod:`khabar.scale.batch` holds the path itself, engine-neutral: partitions of files are
read and signed by an engine, the calling process stores them and clusters with the same
code as the one-process path.  This module is its Dask engine (:class:`DaskEngine`) and two
shortcuts over it; the result is the local result by construction, whatever the number
of workers or partitions.

Dask is an optional extra (``pip install 'khabar[scale]'``): it is imported only when a
function here runs, and its absence is a :class:`~khabar.errors.KhabarError` naming the
extra.  Why Dask rather than Ray or Spark: ``docs/scale-out.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.config import ReadOptions, StoryOptions
from khabar.errors import InputError, KhabarError, OptionsError
from khabar.scale.batch import (
    DEFAULT_FILES_PER_PARTITION,
    READ_DEFAULTS,
    BatchResult,
    PartitionResult,
    cluster_paths,
    expand_paths,
    ingest_paths,
    partition_files,
    sign_partition,
)

if TYPE_CHECKING:  # the store is only needed by the store-writing variant
    from khabar.store import Store

__all__ = [
    "SCALE_EXTRA",
    "BatchResult",
    "DaskEngine",
    "PartitionResult",
    "cluster_paths_distributed",
    "expand_paths",
    "ingest_paths_distributed",
    "partition_files",
    "require_dask",
    "sign_partition",
]

#: The pip extra that brings the engine.
SCALE_EXTRA = "khabar[scale]"


def require_dask() -> Any:
    """The ``distributed`` module, or a :class:`KhabarError` saying which extra to install."""
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as e:
        raise KhabarError(
            f"the distributed batch path needs Dask: pip install '{SCALE_EXTRA}' "
            f"(installs dask and distributed); import failed: {e}"
        ) from e
    return distributed


@contextmanager
def _client(client: Any, *, n_workers: int, threads_per_worker: int) -> Iterator[Any]:
    """The caller's client, or a local cluster of worker *processes* closed on exit.

    Processes, not threads: signing is pure-Python work that holds the GIL.
    """
    if client is not None:
        yield client
        return
    if n_workers < 1 or threads_per_worker < 1:
        raise OptionsError(f"n_workers and threads_per_worker must be at least 1, got {n_workers}, {threads_per_worker}")
    distributed = require_dask()
    with distributed.LocalCluster(
        n_workers=n_workers, threads_per_worker=threads_per_worker, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as own:
        yield own


@dataclass(frozen=True)
class DaskEngine:
    """An :class:`~khabar.scale.batch.Engine` on Dask: every partition a task.

    ``client`` is a running ``distributed.Client``; without one a ``LocalCluster`` of
    ``n_workers`` processes is started for each ``run`` and closed after it.  Dask holds
    finished results on the workers until the client takes them (``as_completed``), and
    each is released once taken, so the client holds one partition's texts at a time.
    """

    client: Any = None
    n_workers: int = 2
    threads_per_worker: int = 1

    def run(self, fn: Callable[..., Any], parts: Iterable[Any], **kwargs: Any) -> Iterator[tuple[int, Any]]:
        distributed = require_dask()
        todo = enumerate(parts)
        with _client(self.client, n_workers=self.n_workers, threads_per_worker=self.threads_per_worker) as c:
            # Two parts per worker thread in flight, the next submitted as one finishes: the
            # cluster stays busy and a lazy ``parts`` (batches read from a store) is read
            # only as fast as it is worked through.
            room = 2 * max(1, sum(c.nthreads().values()))
            position: dict[str, int] = {}
            running = distributed.as_completed(with_results=True)

            def submit(k: int) -> None:
                for i, part in islice(todo, k):
                    # pure=False: files may change between runs, never reuse a cached result
                    future = c.submit(fn, part, pure=False, **kwargs)
                    position[future.key] = i
                    running.add(future)

            submit(room)
            for future, result in running:
                i = position.pop(future.key)
                future.release()
                submit(1)
                yield i, result


def cluster_paths_distributed(
    paths: Iterable[str | Path],
    *,
    options: StoryOptions,
    read_options: ReadOptions = READ_DEFAULTS,
    client: Any = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_error: Callable[[InputError], None] | None = None,
) -> dict[str, str]:
    """:func:`~khabar.scale.batch.cluster_paths` on Dask: story assignments (article id ->
    story id) of the articles of ``paths``, equal to ``assign_stories`` over the locally
    read and signed articles."""
    return cluster_paths(
        paths,
        options=options,
        engine=DaskEngine(client, n_workers, threads_per_worker),
        read_options=read_options,
        files_per_partition=files_per_partition,
        on_error=on_error,
    )


def ingest_paths_distributed(
    paths: Iterable[str | Path],
    store: Store,
    *,
    options: StoryOptions,
    read_options: ReadOptions = READ_DEFAULTS,
    client: Any = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    batch_size: int = 500,
    on_error: Callable[[InputError], None] | None = None,
) -> BatchResult:
    """:func:`~khabar.scale.batch.ingest_paths` on Dask: store the articles of ``paths``
    with their signatures (the client is the one writer), then ``cluster_store``."""
    return ingest_paths(
        paths,
        store,
        options=options,
        engine=DaskEngine(client, n_workers, threads_per_worker),
        read_options=read_options,
        files_per_partition=files_per_partition,
        batch_size=batch_size,
        on_error=on_error,
    )
