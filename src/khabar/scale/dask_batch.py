"""The batch story path (read -> analyse -> sign -> cluster) on a Dask cluster.

Reading, decoding, normalizing and MinHash-signing an article is independent of every
other article, and it is nearly all of the cost of clustering a batch; the incremental
clusterer (:class:`~khabar.relate.stories.StoryIndex`) is cheap but sequential.  So the
engine gets the independent part, partitioned by file, and the client runs the *same*
:func:`~khabar.relate.stories.assign_stories` on the gathered
:class:`~khabar.relate.stories.SignedArticle` items, in the same order as the local path
would see them.  The distributed result is therefore the local result by construction,
whatever the number of workers or partitions.

Dask is an optional extra (``pip install 'khabar[scale]'``): it is imported only when a
function here runs, and its absence is a :class:`~khabar.errors.KhabarError` naming the
extra.  Why Dask rather than Ray or Spark: ``docs/scale-out.md``.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.config import ReadOptions
from khabar.errors import InputError, KhabarError, OptionsError
from khabar.ingest import list_inputs, read_path
from khabar.model import Article
from khabar.relate.stories import ClusterReport, SignedArticle, StoryOptions, assign_stories, cluster_store

if TYPE_CHECKING:  # the store is only needed by the store-writing variant
    from khabar.store import Store

__all__ = [
    "SCALE_EXTRA",
    "BatchResult",
    "PartitionResult",
    "cluster_paths_distributed",
    "expand_paths",
    "ingest_paths_distributed",
    "partition_files",
    "require_dask",
    "sign_partition",
]

log = logging.getLogger(__name__)

#: The pip extra that brings the engine.
SCALE_EXTRA = "khabar[scale]"

#: Files per task.  A task should take well over Dask's ~1 ms scheduling overhead per task
#: and its result (signatures ~1 kB each, plus texts for the store variant ~10 kB each)
#: should stay a few MB: 200 articles read and sign in ~0.5 s on one core.
DEFAULT_FILES_PER_PARTITION = 200

#: ReadOptions is frozen, so a shared default instance is safe.
_READ_DEFAULTS = ReadOptions()


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


# --- the work of one partition (runs on a worker; plain functions, picklable results) ----


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker sends back for one partition of files, in file order.

    Errors travel as plain tuples: :class:`InputError` takes two arguments but pickles
    with one (its message), so it cannot cross a process boundary as is.
    """

    items: tuple[SignedArticle, ...]
    articles: tuple[Article, ...]  # empty unless the caller stores the articles
    errors: tuple[tuple[str, str], ...]  # (source, problem) of inputs that could not be read
    unsigned: tuple[tuple[str, str, str], ...]  # (article id, source, problem): read, not signable


def sign_partition(
    files: Sequence[str], *, read_options: ReadOptions, options: StoryOptions, keep_articles: bool = False
) -> PartitionResult:
    """Read and sign ``files``.  Nothing in one file or article fails the partition: an
    unreadable file is an error entry, an article too short to sign an ``unsigned`` entry
    (as :func:`~khabar.relate.stories.cluster_store` records it)."""
    items: list[SignedArticle] = []
    articles: list[Article] = []
    errors: list[tuple[str, str]] = []
    unsigned: list[tuple[str, str, str]] = []
    for f in files:
        try:
            results = list(read_path(f, options=read_options))
        except Exception as e:  # noqa: BLE001 - one odd file must never stop a long batch
            errors.append((f, f"cannot read: {type(e).__name__}: {e}"))
            continue
        for result in results:
            if isinstance(result, InputError):
                errors.append((result.source, result.problem))
                continue
            if keep_articles:
                articles.append(result)
            try:
                items.append(SignedArticle.of(result, options=options))
            except InputError as e:
                unsigned.append((result.id, e.source, e.problem))
            except Exception as e:  # noqa: BLE001 - as cluster_store: record, never stop
                unsigned.append((result.id, result.source or result.id, f"cannot sign for story grouping: {e}"))
    return PartitionResult(tuple(items), tuple(articles), tuple(errors), tuple(unsigned))


# --- partitioning ------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    """The files ``paths`` name, in the order :func:`khabar.ingest.read_paths` reads them.

    Directories are walked as the local reader walks them (:func:`khabar.ingest.list_inputs`),
    so the engine reads exactly the files the local path reads.  A missing path or an empty
    directory is an error, as it is locally.
    """
    files: list[str] = []
    errors: list[InputError] = []
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            errors.append(InputError("<stdin>", "standard input cannot be read by a cluster; pass files"))
        elif path.is_dir():
            found, skipped = list_inputs(path)
            if not found:
                errors.append(
                    InputError(str(path), f"no files to read in this directory ({len(skipped)} of unknown type skipped)")
                )
            files.extend(str(f) for f in found)
        elif path.exists():
            files.append(str(path))
        else:
            errors.append(InputError(str(path), "no such file or directory"))
    return files, errors


def partition_files(files: Sequence[str], *, files_per_partition: int = DEFAULT_FILES_PER_PARTITION) -> list[list[str]]:
    """Consecutive runs of ``files`` of at most ``files_per_partition`` (order is kept)."""
    if files_per_partition < 1:
        raise OptionsError(f"files_per_partition must be at least 1, got {files_per_partition}")
    n = math.ceil(len(files) / files_per_partition)
    return [list(files[i * files_per_partition : (i + 1) * files_per_partition]) for i in range(n)]


# --- the cluster -------------------------------------------------------------------------


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


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of a distributed batch."""

    assignments: dict[str, str]  # article id -> story id, for the articles of this batch
    errors: tuple[InputError, ...]  # inputs that could not be read, and articles too short to sign
    articles: int  # articles read (copies of one article included)
    added: int = 0  # articles newly written to the store (store variant)
    existing: int = 0  # articles the store already held
    report: ClusterReport | None = None  # what cluster_store did (store variant)


def _gather(
    paths: Iterable[str | Path],
    *,
    options: StoryOptions,
    read_options: ReadOptions,
    client: Any,
    n_workers: int,
    threads_per_worker: int,
    files_per_partition: int,
    on_error: Callable[[InputError], None] | None,
    on_partition: Callable[[PartitionResult], None] | None,
) -> tuple[list[SignedArticle], list[InputError], int]:
    """Read and sign on the engine; the signed items in file order, the errors, the count
    of articles read.  ``on_partition`` sees each partition as it finishes (on the client)."""
    files, errors = expand_paths(paths)
    for e in errors:
        _report(e, on_error)
    parts = partition_files(files, files_per_partition=files_per_partition)
    items_of: list[tuple[SignedArticle, ...]] = [()] * len(parts)
    errors_of: list[list[InputError]] = [[] for _ in parts]
    read = 0
    if parts:
        distributed = require_dask()
        with _client(client, n_workers=n_workers, threads_per_worker=threads_per_worker) as c:
            futures = c.map(
                sign_partition,
                parts,
                read_options=read_options,
                options=options,
                keep_articles=on_partition is not None,
                pure=False,  # files may change between runs: never reuse a cached result
            )
            position = {f.key: i for i, f in enumerate(futures)}
            # Partitions are taken as they finish, so the client holds only signatures (and
            # the texts of the partition being stored), never the whole batch's texts.
            for future, result in distributed.as_completed(futures, with_results=True):
                i = position[future.key]
                future.release()
                found = [InputError(src, problem) for src, problem in result.errors]
                found += [InputError(src, problem) for _aid, src, problem in result.unsigned]
                for err in found:
                    _report(err, on_error)  # as soon as it is known, not at the end
                errors_of[i] = found
                items_of[i] = result.items
                read += len(result.items) + len(result.unsigned)
                if on_partition is not None:
                    on_partition(result)
    # Partition order is file order: the clusterer sees the items in the local reading order.
    items = [item for part in items_of for item in part]
    errors.extend(err for errs in errors_of for err in errs)
    return items, errors, read


def _report(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is not None:
        on_error(error)
    else:
        log.warning("skipped %s", error)


def cluster_paths_distributed(
    paths: Iterable[str | Path],
    *,
    options: StoryOptions,
    read_options: ReadOptions = _READ_DEFAULTS,
    client: Any = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_error: Callable[[InputError], None] | None = None,
) -> dict[str, str]:
    """Story assignments (article id -> story id) of the articles of ``paths``.

    Files are read and signed on the engine, ``files_per_partition`` per task, then
    clustered on the client by :func:`~khabar.relate.stories.assign_stories`: the result
    equals ``assign_stories`` over the locally read and signed articles.  ``client`` is a
    running ``distributed.Client``; without one a ``LocalCluster`` of ``n_workers``
    processes is started and closed.  Inputs that cannot be read and articles too short to
    sign go to ``on_error`` (else the log) and are skipped.
    """
    items, _errors, _read = _gather(
        paths,
        options=options,
        read_options=read_options,
        client=client,
        n_workers=n_workers,
        threads_per_worker=threads_per_worker,
        files_per_partition=files_per_partition,
        on_error=on_error,
        on_partition=None,
    )
    return assign_stories(items, options=options)


def ingest_paths_distributed(
    paths: Iterable[str | Path],
    store: Store,
    *,
    options: StoryOptions,
    read_options: ReadOptions = _READ_DEFAULTS,
    client: Any = None,
    n_workers: int = 2,
    threads_per_worker: int = 1,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    batch_size: int = 500,
    on_error: Callable[[InputError], None] | None = None,
) -> BatchResult:
    """Store the articles of ``paths`` with their signatures, then group the store's
    articles into stories with :func:`~khabar.relate.stories.cluster_store`.

    The engine reads and signs; the client is the only writer (SQLite has one writer at a
    time) and stores each partition's articles (``batch_size`` per transaction) and their
    signatures as the partition finishes, so a failure keeps every batch committed before
    it.  ``cluster_store`` then finds every article signed and only assigns: the stored
    stories are those of ``khabar ingest`` followed by ``cluster_store`` on one machine,
    and an interrupted run resumes like theirs.  The store's stories must have been grouped
    with the same ``options`` (else :class:`~khabar.errors.OptionsError`, as locally).
    """
    added = existing = 0

    def write(part: PartitionResult) -> None:
        nonlocal added, existing
        r = store.add_batches(part.articles, batch_size=batch_size)
        added += r.added
        existing += r.existing
        rows = [(i.article_id, i.to_bytes(), None) for i in part.items]  # signature and terms
        rows += [(aid, None, problem) for aid, _src, problem in part.unsigned]
        store.save_signatures(rows)

    items, errors, read = _gather(
        paths,
        options=options,
        read_options=read_options,
        client=client,
        n_workers=n_workers,
        threads_per_worker=threads_per_worker,
        files_per_partition=files_per_partition,
        on_error=on_error,
        on_partition=write,
    )
    report = cluster_store(store, options=options, batch_size=batch_size)
    ids = {i.article_id for i in items}
    assignments = {aid: sid for aid, sid in store.assignments().items() if aid in ids}
    return BatchResult(assignments, tuple(errors), read, added, existing, report)
