"""Engines: what runs independent pieces of a batch (partitions of files, pages of
articles) and hands their results back to the one process that stores them.

An engine has one method, ``run(fn, parts, **kwargs)``, yielding ``(index of the part,
fn(part, **kwargs))`` as parts finish, in any order; ``fn`` and its arguments must pickle.
:class:`ProcessEngine` (here) uses worker processes of this machine;
:class:`khabar.scale.dask_batch.DaskEngine` a Dask cluster.  Nothing in this module
knows what the parts are, so any stage of the pipeline can hand work to an engine.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from khabar.errors import OptionsError

if TYPE_CHECKING:
    from concurrent.futures import Future


#: Worker processes at most when khabar chooses (:func:`available_workers`).
MAX_WORKERS = 4


def available_workers(limit: int = MAX_WORKERS) -> int:
    """The processors this process may run on, at most ``limit``: the workers khabar
    starts when the user does not say how many."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(limit, cpus))


class Engine(Protocol):
    """Runs ``fn(part, **kwargs)`` for every part, yielding ``(index of the part, result)``
    as parts finish (in any order).  ``parts`` may be a lazy iterable: an engine that
    can takes parts only as it has room for them, so the caller can read them as needed."""

    def run(self, fn: Callable[..., Any], parts: Iterable[Any], **kwargs: Any) -> Iterator[tuple[int, Any]]: ...


@dataclass(frozen=True, slots=True)
class ProcessEngine:
    """Worker processes on this machine (``concurrent.futures``): nothing to install.

    Processes, not threads: reading and signing are pure-Python work that holds the GIL.
    At most ``2 x workers`` parts are in flight and ``parts`` is consumed only as parts
    are submitted: when the caller (the one store writer) is slower than the workers,
    nothing piles up in memory, and parts read from a store are read as they are needed.
    ``workers=1``, or fewer than two parts, runs every part in the calling process.
    """

    workers: int = 2

    def __post_init__(self) -> None:
        if self.workers < 1:
            raise OptionsError(f"workers must be at least 1, got {self.workers}")

    def run(self, fn: Callable[..., Any], parts: Iterable[Any], **kwargs: Any) -> Iterator[tuple[int, Any]]:
        todo = enumerate(parts)
        first = list(islice(todo, 2))
        if self.workers == 1 or len(first) < 2:
            for i, part in chain(first, todo):
                yield i, fn(part, **kwargs)
            return
        todo = chain(first, todo)
        # Imported here: the process pool (multiprocessing, sockets, pickling) is a tenth of
        # the start-up of a one-process command such as `khabar ingest` (~8 ms of ~100).
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

        pending: dict[Future, int] = {}
        with ProcessPoolExecutor(max_workers=self.workers, initializer=die_with_parent, initargs=(os.getpid(),)) as pool:
            while True:
                for i, part in todo:
                    pending[pool.submit(fn, part, **kwargs)] = i
                    if len(pending) >= 2 * self.workers:
                        break
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in sorted(done, key=pending.__getitem__):
                    yield pending.pop(future), future.result()


#: How often a worker looks whether the process that started it is still there.
PARENT_CHECK_S = 0.5


def die_with_parent(parent: int) -> None:
    """In a worker: end this process soon after ``parent`` ends, however it ends.  A worker
    waiting for work on its pipe never learns that a parent killed with SIGKILL is gone (two
    workers of ``ingest --workers 2`` stayed blocked, 86 MB each); a daemon thread watching
    the parent's pid does."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="khabar-parent-watch", daemon=True).start()


def run_forked(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """Start ``fn(*args, **kwargs)`` in a forked child process, beside what this process does
    next; returns a function that waits for the result and returns it.

    The child has this process's memory, so the arguments are not pickled (a brief's
    documents are hundreds of MB); only the result comes back.  Where fork is not
    available, or the child fails in any way (an exception, a result that does not
    pickle, killed), the result is computed in this process when asked: the same value,
    or the same exception, only later."""
    import multiprocessing

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system
        return lambda: fn(*args, **kwargs)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send_result, args=(send, fn, args, kwargs), daemon=True)
    try:
        child.start()
    except OSError:
        receive.close()
        send.close()
        return lambda: fn(*args, **kwargs)
    send.close()

    def result() -> Any:
        try:
            ok, value = receive.recv()
        except (EOFError, OSError):
            ok, value = False, None
        finally:
            receive.close()
            child.join()
        return value if ok else fn(*args, **kwargs)

    return result


def _send_result(send: Any, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """In the child of :func:`run_forked`: ``(True, result)``, or ``(False, None)`` when
    ``fn`` raised (the parent then computes it, and raises it, itself)."""
    try:
        outcome = (True, fn(*args, **kwargs))
    except BaseException:  # noqa: BLE001 - said by the parent, which runs fn again
        outcome = (False, None)
    send.send(outcome)
    send.close()
