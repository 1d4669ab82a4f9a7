"""The batch story path (read -> analyse -> sign -> store -> cluster), whatever runs it.

Reading, decoding, normalizing and MinHash-signing an article is independent of every
other article, and it is nearly all of the cost of clustering a batch; the incremental
clusterer (:class:`~khabar.relate.stories.StoryIndex`) is cheap but sequential, and the
store has one writer.  So the independent part is cut into partitions of files and handed
to an *engine*; the caller's process takes each partition as it finishes, stores it, and
then runs the *same* :func:`~khabar.relate.stories.assign_stories` /
:func:`~khabar.scale.cluster.cluster_store` as the one-process path, in the same
``(published, id)`` order.  The result is therefore the one-process result by
construction, whatever the engine, the number of workers or the partitioning.

Engines (:mod:`khabar.scale.engines`): :class:`~khabar.scale.engines.ProcessEngine` (the
standard library's process pool, the default, nothing to install; ``workers=1`` runs in
the calling process) and :class:`khabar.scale.dask_batch.DaskEngine` (a Dask cluster, the
``[scale]`` extra).
"""

from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.config import ReadOptions, StoryOptions
from khabar.errors import InputError, OptionsError
from khabar.ingest import list_inputs, path_kind, read_path
from khabar.article import Article
from khabar.scale.engines import Engine, ProcessEngine, available_workers

if TYPE_CHECKING:  # the store is only needed by the store-writing variant
    from khabar.relate.stories import SignedArticle
    from khabar.scale.cluster import ClusterReport
    from khabar.store import Store
    from khabar.store.articles import ArticleRow

log = logging.getLogger(__name__)

#: Files per partition.  A partition should take well over an engine's per-task overhead
#: (~1 ms for Dask) and its result (signatures ~2 kB each, plus the texts when storing,
#: ~10 kB each) should stay a few MB: 200 articles read and sign in ~0.7 s on one core.
DEFAULT_FILES_PER_PARTITION = 200

#: Articles a transaction of an ingest (``--batch-size``).  Each commit writes the search
#: index's words as a new segment, and four segments at one level are merged (FTS5's
#: automerge), so fewer, larger transactions write less: the 2,000 ANT rows written alone
#: (callgrind of benchmarks/ingest_writes.py --sizes ..., less its run with --sizes 0) cost
#: 900 M instructions in four transactions of 500, 777 M in two of 1,000, and 1,069 M as
#: ingest on workers wrote them before (500,500,500,150 and seven of 50: the merge fell on
#: the last partitions).  A kill loses at most the transaction being written; the rows
#: waiting for it are ~15 MB.
DEFAULT_BATCH_SIZE = 1000

#: ReadOptions is frozen, so a shared default instance is safe.
READ_DEFAULTS = ReadOptions()


# --- the work of one partition (runs on a worker; plain functions, picklable results) ----


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What a worker sends back for one partition of files, in file order."""

    items: tuple[SignedArticle, ...]
    articles: tuple[Article | ArticleRow, ...]  # empty unless the caller stores the articles
    errors: tuple[InputError, ...]  # inputs that could not be read
    unsigned: tuple[InputError, ...]  # articles read but not signable


def sign_partition(
    files: Sequence[str],
    *,
    read_options: ReadOptions,
    options: StoryOptions,
    keep_articles: bool = False,
    sign: bool = True,
    index: bool = False,
) -> PartitionResult:
    """Read (and, when ``sign``, sign) ``files``.  Nothing in one file or article fails the
    partition: an unreadable file is an error entry, an article too short to sign an
    ``unsigned`` entry (as :func:`~khabar.scale.cluster.cluster_store` records it).  With
    ``index``, the articles are kept as the store writes them, search-index columns and
    all (:func:`khabar.store.articles.article_row`), made here rather than by the store's
    writer."""
    if index:
        from khabar.store.articles import article_row
    items: list[SignedArticle] = []
    articles: list[Article | ArticleRow] = []
    errors: list[InputError] = []
    unsigned: list[InputError] = []
    readable: list[Article] = []
    for f in files:
        try:
            results = list(read_path(f, options=read_options))
        except Exception as e:  # noqa: BLE001 - one odd file must never stop a long batch
            errors.append(InputError(f, f"cannot read: {type(e).__name__}: {e}"))
            continue
        for result in results:
            if isinstance(result, InputError):
                errors.append(result)
                continue
            if keep_articles:
                articles.append(article_row(result) if index else result)
            if sign:
                readable.append(result)
    if not sign:
        return PartitionResult((), tuple(articles), tuple(errors), ())
    # Imported here: an ingest that does not sign never loads the story features (numpy).
    from khabar.scale.cluster import sign_articles, signed_from_blob

    # Signed together: the meanings of a partition are encoded as one batch.
    rows, problems = sign_articles(readable, options=options)
    unsigned.extend(problems)
    for article, (_id, blob, _problem) in zip(readable, rows, strict=True):
        if blob is not None:
            items.append(signed_from_blob(article, blob, options=options))
    return PartitionResult(tuple(items), tuple(articles), tuple(errors), tuple(unsigned))


# --- partitioning ------------------------------------------------------------------------


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[str], list[InputError]]:
    """The files ``paths`` name, in the order :func:`khabar.ingest.read_paths` reads them.

    Directories are walked as the local reader walks them (:func:`khabar.ingest.list_inputs`),
    so a worker reads exactly the files the one-process path reads.  A missing path or an
    empty directory is an error, as it is there.
    """
    files: list[str] = []
    errors: list[InputError] = []
    for p in paths:
        if str(p) == "-":
            errors.append(InputError("<stdin>", "standard input cannot be read by worker processes; pass files"))
            continue
        path = _as_pathlib_writes(p)
        kind = path_kind(path)
        if kind == "directory":
            found, skipped, problems = list_inputs(path)
            errors.extend(problems)
            if not found and not problems:
                errors.append(
                    InputError(path, f"no files to read in this directory ({len(skipped)} of unknown type skipped)")
                )
            files.extend(str(f) for f in found)
        elif kind == "file":
            files.append(path)
        else:
            errors.append(InputError(path, "no such file or directory"))
    return files, errors


def _as_pathlib_writes(path: str | Path) -> str:
    """``str(Path(path))``, without making a ``Path`` of a name pathlib leaves as it is (no
    empty or "." part to drop: no "//", "/./", leading "./" or trailing "/"): the paths of
    a big batch are given one by one on the command line, and making 2,000 of them into
    ``Path`` objects was 8 of expand_paths' 11 ms of CPU, spent before any worker starts."""
    if type(path) is str and path and "//" not in path and "/./" not in path:
        if not path.startswith("./") and not path.endswith(("/", "/.")):
            return path
    return str(Path(path))


def partition_files(
    files: Sequence[str], *, files_per_partition: int = DEFAULT_FILES_PER_PARTITION, tail: int = 0
) -> list[list[str]]:
    """Consecutive runs of ``files`` of at most ``files_per_partition`` (order is kept);
    the last ``tail`` runs are each cut in :data:`TAIL_PIECES`."""
    if files_per_partition < 1:
        raise OptionsError(f"files_per_partition must be at least 1, got {files_per_partition}")
    n = math.ceil(len(files) / files_per_partition)
    parts = [list(files[i * files_per_partition : (i + 1) * files_per_partition]) for i in range(n)]
    if tail < 1:
        return parts
    cut = []
    for part in parts[-tail:]:
        size = math.ceil(len(part) / TAIL_PIECES)
        cut.extend(part[i : i + size] for i in range(0, len(part), size))
    return parts[:-tail] + cut


#: Pieces each of the last partitions of an ingest on workers is cut into: the one writer
#: can only write what has been read, so what it has left when the last partition comes
#: is written while every worker waits; small last partitions, each written as it comes
#: (in one transaction: see ``_StoreWriter._write_tail``), leave it one small piece instead
#: of a whole transaction (a thousand articles, ~0.1 s of CPU on ANT).
TAIL_PIECES = 4


# --- the batch ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchResult:
    """The outcome of a batch."""

    assignments: dict[str, str]  # article id -> story id, for the articles of this batch
    errors: tuple[InputError, ...]  # inputs that could not be read, and articles too short to sign
    articles: int  # articles read (copies of one article included)
    added: int = 0  # articles newly written to the store (store variant)
    existing: int = 0  # articles the store already held
    report: ClusterReport | None = None  # what cluster_store did (store variant)


def gather(
    paths: Iterable[str | Path],
    *,
    engine: Engine,
    options: StoryOptions,
    read_options: ReadOptions = READ_DEFAULTS,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_error: Callable[[InputError], None] | None = None,
    on_partition: Callable[[PartitionResult, int], None] | None = None,
    sign: bool = True,
    index: bool = False,
    expanded: tuple[list[str], list[InputError]] | None = None,
    tail: int = 0,
) -> tuple[list[SignedArticle], list[InputError], int]:
    """Read (and, when ``sign``, sign) ``paths`` on ``engine``: the signed items in file
    order, the errors, the count of articles read.  ``on_partition`` sees each partition
    as it finishes (in the calling process; the articles are kept for it), with the number
    of partitions still to come.  ``expanded``: what :func:`expand_paths` made of ``paths``
    already; ``tail``: see :func:`partition_files`."""
    files, errors = expanded if expanded is not None else expand_paths(paths)
    errors = list(errors)
    for e in errors:
        report_error(e, on_error)
    parts = partition_files(files, files_per_partition=files_per_partition, tail=tail)
    items_of: list[tuple[SignedArticle, ...]] = [()] * len(parts)
    errors_of: list[list[InputError]] = [[] for _ in parts]
    read = 0
    results = engine.run(
        sign_partition,
        parts,
        read_options=read_options,
        options=options,
        keep_articles=on_partition is not None,
        sign=sign,
        index=index,
    )
    # Partitions finish in any order on workers; ``on_partition`` gets them in file order
    # (those that finish early wait, at most the engine's parts in flight), so a store
    # numbers its rows as one process would, whatever the workers.
    early: dict[int, PartitionResult] = {}
    next_part = 0
    for i, result in results:
        found = [*result.errors, *result.unsigned]
        for err in found:
            report_error(err, on_error)  # as soon as it is known, not at the end
        errors_of[i] = found
        items_of[i] = result.items
        read += len(result.items) + len(result.unsigned) if sign else len(result.articles)
        if on_partition is not None:
            early[i] = result
            while next_part in early:
                on_partition(early.pop(next_part), len(parts) - next_part - 1)
                next_part += 1
    # Partition order is file order: the clusterer sees the items in the local reading order.
    items = [item for part in items_of for item in part]
    errors.extend(err for errs in errors_of for err in errs)
    return items, errors, read


def report_error(error: InputError, on_error: Callable[[InputError], None] | None) -> None:
    if on_error is not None:
        on_error(error)
    else:
        log.warning("skipped %s", error)


def cluster_paths(
    paths: Iterable[str | Path],
    *,
    options: StoryOptions,
    engine: Engine = ProcessEngine(),
    read_options: ReadOptions = READ_DEFAULTS,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    on_error: Callable[[InputError], None] | None = None,
) -> dict[str, str]:
    """Story assignments (article id -> story id) of the articles of ``paths``, without a
    store: read and signed on ``engine``, then :func:`assign_stories` in this process, so
    the result equals ``assign_stories`` over the articles read and signed here.  Inputs
    that cannot be read and articles too short to sign go to ``on_error`` (else the log).
    Without :attr:`StoryOptions.event_band`: the articles are not kept here for the band to read
    (group through a store: :func:`ingest_paths` with ``stories``, ``khabar ingest --stories``);
    asked for (True) it is refused, by default (None) the events are grouped without it."""
    if options.event_band:
        raise OptionsError("event_band reads the articles again: group them through a store (khabar ingest --stories)")
    items, _errors, _read = gather(
        paths,
        engine=engine,
        options=options,
        read_options=read_options,
        files_per_partition=files_per_partition,
        on_error=on_error,
    )
    from khabar.relate.stories import assign_stories

    return assign_stories(items, options=options)


#: Files from which an ingest left to choose (``engine=None``) reads on worker processes:
#: two partitions, one for each of two workers.  2,000 ANT files on a quiet 2-core machine:
#: 0.87 s wall in one process against 0.52 s with two workers (the lead's figures, session
#: 7 start), for about a quarter more CPU (the workers' start and the articles' trip).
PARALLEL_INGEST_FROM = 2 * DEFAULT_FILES_PER_PARTITION


def ingest_engine(files: int) -> ProcessEngine:
    """The engine an ingest of ``files`` files uses when not told: worker processes on the
    processors this process may use (:func:`~khabar.scale.engines.available_workers`)
    from :data:`PARALLEL_INGEST_FROM` files on, else this process."""
    if files < PARALLEL_INGEST_FROM:
        return ProcessEngine(1)
    return ProcessEngine(available_workers())


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    *,
    options: StoryOptions = StoryOptions(),
    engine: Engine | None = ProcessEngine(),
    read_options: ReadOptions = READ_DEFAULTS,
    files_per_partition: int = DEFAULT_FILES_PER_PARTITION,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_error: Callable[[InputError], None] | None = None,
    stories: bool = True,
) -> BatchResult:
    """Store the articles of ``paths``, then (when ``stories``) sign and group the store's
    articles into stories with :func:`~khabar.scale.cluster.cluster_store`.

    The engine reads; this process is the only writer (SQLite has one writer at a time,
    and a worker on another machine could not reach the file anyway) and stores each
    partition's articles (``batch_size`` per transaction) as the partition finishes, so a
    failure keeps every batch committed before it.  ``cluster_store`` then signs on the
    same engine, a batch per worker, and assigns.  Signing after storing rather than while
    reading costs a second trip of the texts to the workers, but the store hands them out
    in date order, so an event's articles are signed together while its words are in the
    stemmer's caches: measured on the generated 30k corpus, 2.8 ms an article in date
    order against 5 ms in file order (docs/scale-out.md).  The stored stories are those of
    ``khabar ingest`` followed by ``cluster_store`` in one process, and an interrupted run
    resumes like theirs.  The store's stories must have been grouped with the same
    ``options`` (else :class:`~khabar.errors.OptionsError`).  Articles too short to sign
    are reported with the unreadable inputs.  ``engine=None``: :func:`ingest_engine`
    chooses by the number of files.
    """
    ids: set[str] = set()
    expanded = expand_paths(paths)
    if engine is None:
        engine = ingest_engine(len(expanded[0]))
    # ProcessEngine reads a single partition in this process, whatever its workers.
    in_process = isinstance(engine, ProcessEngine) and (engine.workers == 1 or len(expanded[0]) <= files_per_partition)
    writer = _StoreWriter(store, batch_size=batch_size, threaded=not in_process)
    # On worker processes, the last partitions (one a worker) are cut small and each is
    # written as it comes, with what waited for a whole transaction before it.
    tail = engine.workers if isinstance(engine, ProcessEngine) and not in_process else 0

    def write(part: PartitionResult, left: int) -> None:
        ids.update(a.id for a in part.articles)
        writer.put(part.articles, flush=left < tail * TAIL_PIECES)

    try:
        _items, errors, read = gather(
            paths,
            engine=engine,
            options=options,
            read_options=read_options,
            files_per_partition=files_per_partition,
            on_error=on_error,
            on_partition=write,
            sign=False,
            expanded=expanded,
            tail=tail,
            # On workers of their own the readers make the index columns too, so the one
            # writer only writes (in one process that would only move the work).
            index=not in_process,
        )
    finally:
        writer.close()  # what was read is stored, even when reading stopped with an error
    added, existing = writer.added, writer.existing
    if not stories:
        return BatchResult({}, tuple(errors), read, added, existing)
    from khabar.scale.cluster import cluster_store

    report = cluster_store(store, options=options, batch_size=batch_size, engine=engine)
    for e in report.skipped:
        report_error(e, on_error)
    errors.extend(report.skipped)
    assignments = {aid: sid for aid, sid in store.assignments().items() if aid in ids}
    return BatchResult(assignments, tuple(errors), read, added, existing, report)


class _StoreWriter:
    """Stores the partitions handed to it, in order, joined into transactions of
    ``batch_size`` articles (the last one at :meth:`close` may be smaller; see
    :data:`DEFAULT_BATCH_SIZE`).

    With ``threaded``, on a thread of its own while the caller goes on (at most
    :data:`QUEUED` partitions wait): when worker processes read, this process's main
    thread only waits for their results, so the writes overlap the hand-over of the next
    partitions.  Without it, at :meth:`put`: when this process reads too, a writing thread
    could only run while the reader let go of the GIL, and handing the GIL back and forth
    at every row cost more than it saved (2,000 ANT files in one process: user + system
    0.73-0.84 s of CPU with the thread against 0.65-0.69 s without, and no shorter wall
    time; the kernel's share of the process 24 % of its samples, most of it switching
    threads).  A failed write is raised to the caller at its next :meth:`put` or at
    :meth:`close`; the batches committed before it stay stored."""

    QUEUED = 2

    def __init__(self, store: Store, *, batch_size: int, threaded: bool = True) -> None:
        self.added = self.existing = 0
        self._store, self._batch_size = store, batch_size
        self._waiting: list[Article] = []  # read, not yet a whole batch
        self._error: BaseException | None = None
        # Set once and never cleared: _raise hands the error to the caller (and clears it)
        # while the thread may still hold queued partitions; they must not be written.
        self._failed = False
        self._thread: threading.Thread | None = None
        if threaded:
            self._queue: queue.Queue[tuple[Sequence[Article], bool] | None] = queue.Queue(maxsize=self.QUEUED)
            self._thread = threading.Thread(target=self._run, name="khabar-store-writer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is not None and item[1] and not self._failed:
                self._write_tail(item[0])
                item = None
            elif not self._failed:  # else drain: nothing after a failed write is written
                self._take(*(item or (None, True)))
            if item is None:
                return

    def _write_tail(self, first: Sequence[Article]) -> None:
        """From the first partition handed over with ``flush`` to the end: the waiting
        articles with that partition in one transaction, then every partition after it in
        one more, each written as it comes (:meth:`~khabar.store.Store.add_pieces`), so the
        last one is all that is left to write when it comes, and the tail adds two segments
        to the search index (a commit a partition added one each, and four at one level are
        merged: on 2,000 ANT files that merge fell on the last partitions)."""
        self._take(first, flush=True)
        self._ended = False
        item = self._queue.get()
        if item is None:
            return
        if self._failed:  # nothing after a failed write is written: drain to close()'s end
            while self._queue.get() is not None:
                pass
            return

        def pieces() -> Iterator[Sequence[Article]]:
            yield item[0]
            while (more := self._queue.get()) is not None:
                yield more[0]
            self._ended = True

        try:
            result = self._store.add_pieces(pieces())
        except BaseException as e:  # noqa: BLE001 - raised in the caller's thread
            self._failed, self._error = True, e
            while not self._ended and self._queue.get() is not None:  # let close() hand over its end
                pass
            return
        self.added += result.added
        self.existing += result.existing

    def _take(self, articles: Sequence[Article] | None, flush: bool = False) -> None:
        """Add ``articles`` to the waiting ones and write every whole batch (with ``flush``,
        every batch left, the last one maybe smaller; ``articles`` None is the end)."""
        if articles is not None:
            self._waiting.extend(articles)
        while self._waiting and (len(self._waiting) >= self._batch_size or flush or articles is None):
            batch, self._waiting = self._waiting[: self._batch_size], self._waiting[self._batch_size :]
            try:
                result = self._store.add_batches(batch, batch_size=self._batch_size)
            except BaseException as e:  # noqa: BLE001 - raised in the caller's thread
                self._failed, self._error = True, e
                return
            self.added += result.added
            self.existing += result.existing

    def put(self, articles: Sequence[Article], *, flush: bool = False) -> None:
        """Hand over ``articles`` (with ``flush``: write them now, in a transaction with
        those waiting, even if it is not whole)."""
        self._raise()
        if self._thread is not None:
            self._queue.put((articles, flush))
        elif not self._failed:
            self._take(articles, flush)
            self._raise()

    def close(self) -> None:
        """Wait for every partition handed over to be stored; raise a failed write."""
        if self._thread is None:
            if not self._failed:
                self._take(None)
        elif self._thread.is_alive():
            self._queue.put(None)
            self._thread.join()
        self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
