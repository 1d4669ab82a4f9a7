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
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, Protocol

from khabar.errors import KhabarError, OptionsError

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
    ``workers=1``, or fewer than two parts, runs every part in the calling process.  On
    Linux the workers are forked by :func:`run_on_forks`, elsewhere started by the standard
    library's process pool.
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
        if FORKS:
            yield from run_on_forks(fn, todo, self.workers, kwargs)
            return
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


#: Whether :class:`ProcessEngine` forks its workers itself (:func:`run_on_forks`): where fork
#: is the processes' way of starting (Linux).  Elsewhere the standard library's process pool.
FORKS = sys.platform.startswith("linux") and hasattr(os, "fork")


class WorkerDied(KhabarError):
    """A worker process ended before sending the result of its part (killed, out of memory)."""


#: Parts a forked worker holds at most: the one it works on and the next, so it never waits
#: for this process to hand it work.
_AHEAD = 2

#: Bytes of a pipe between this process and a worker (Linux's default 64 kB): a partition's
#: result is a megabyte or more, and each 64 kB was a wake-up of both processes.
_PIPE_BYTES = 1 << 20


def run_on_forks(fn: Callable[..., Any], todo: Iterator[tuple[int, Any]], workers: int, kwargs: dict[str, Any]) -> Iterator[tuple[int, Any]]:
    """:meth:`ProcessEngine.run` on ``workers`` processes forked here: each has this process's
    memory, so ``fn`` and ``kwargs`` are not sent; a part goes to a worker and its result
    comes back pickled through a pipe of its own, each message its length then its bytes.

    ``concurrent.futures``' pool did the same through ``multiprocessing``, whose import
    (sockets, subprocess, tempfile) was ~14 ms of CPU spent before the first worker started
    in every ``khabar ingest`` on workers, with threads and queues between the two.  Here this
    process never waits on a full pipe (a part is written as its pipe takes it: a worker busy
    sending a result could not read it), so parts and results of any size cannot deadlock.
    A worker that ends without its result raises :class:`WorkerDied`; an exception raised by
    ``fn`` is raised here; whatever ends the run early (an exception, the caller closing the
    iterator) kills the workers, and a normal end lets them exit."""
    import pickle
    import select

    parent = os.getpid()
    kids: list[_Kid] = []
    clean = False
    try:
        for _ in range(workers):
            kids.append(_fork_worker(fn, kwargs, parent, [fd for k in kids for fd in (k.task, k.result)]))
        by_fd = {k.result: k for k in kids}
        by_task = {k.task: k for k in kids}
        more = True

        def feed(kid: _Kid, up_to: int = _AHEAD) -> None:
            nonlocal more
            while more and len(kid.parts) < up_to:
                item = next(todo, None)
                if item is None:
                    more = False
                    return
                kid.parts.append(item[0])
                kid.queue(pickle.dumps(item, pickle.HIGHEST_PROTOCOL))

        for held in range(1, _AHEAD + 1):  # a part to each, then the next: few parts are shared out
            for kid in kids:
                feed(kid, held)
        while any(k.parts for k in kids):
            poll = select.poll()  # not select.select: a process may hold file numbers over 1024
            for kid in kids:
                if kid.parts:
                    poll.register(kid.result, select.POLLIN)
                if kid.out:
                    poll.register(kid.task, select.POLLOUT)
            done = []
            for fd, _event in poll.poll():  # a hang-up or an error is read or written, and said
                if fd in by_task:
                    by_task[fd].write()
                else:
                    kid = by_fd[fd]
                    done.extend((kid.parts.pop(0), kid, data) for data in kid.read())
            for i, kid, data in sorted(done, key=lambda d: d[0]):
                try:
                    ok, value = pickle.loads(data)
                except Exception as e:  # noqa: BLE001 - a result or exception that does not unpickle
                    raise WorkerDied(f"the result of part {i} could not be read: {type(e).__name__}: {e}") from None
                if not ok:
                    raise value
                yield i, value
                feed(kid)  # once the result is taken: a slow taker holds the parts back
        clean = True
    finally:
        for kid in kids:
            kid.close(kill=not clean)


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


class _Kid:
    """A forked worker as its parent sees it: its pid, the write end of its parts' pipe
    (non-blocking) and the read end of its results' pipe, the parts it holds, the bytes
    not yet written to it and those of the result it is sending."""

    def __init__(self, pid: int, task: int, result: int) -> None:
        self.pid, self.task, self.result = pid, task, result
        self.parts: list[int] = []
        self.out = bytearray()
        self._head = bytearray(8)  # the length of the message coming in
        self._message: bytearray | None = None  # the message, once its length is known
        self._got = 0  # bytes of the head, then of the message, read so far

    def queue(self, data: bytes) -> None:
        self.out += len(data).to_bytes(8, "little")
        self.out += data
        self.write()

    def write(self) -> None:
        try:
            sent = os.write(self.task, self.out)
        except BlockingIOError:
            return
        except BrokenPipeError:
            # The worker is gone.  Which part it died on is told by its results' pipe (the
            # results it sent before ending are still there, then its end): raising here said
            # "before taking part 5" for a worker that died on part 3, whenever the parent fed
            # it before it read the end (CI run of 5 Dec, one in a few runs).
            self.out.clear()
            return
        del self.out[:sent]

    def read(self) -> list[bytearray]:
        """The message completed by what the pipe holds now, if one is (WorkerDied at its
        end).  A message is read from the pipe straight into a buffer of its length: read
        into a growing buffer and cut out of it, a partition's result (~3 MB of 200 ANT
        articles) was copied four times, in memory new to the process each time."""
        target = self._head if self._message is None else self._message
        got = os.readv(self.result, [memoryview(target)[self._got :]])
        if not got:
            raise WorkerDied(f"worker process {self.pid} ended before sending the result of part {self.parts[0]}")
        self._got += got
        if self._got < len(target):
            return []
        self._got = 0
        if self._message is None:
            self._message = bytearray(int.from_bytes(self._head, "little"))
            return [] if self._message else [self._take()]
        return [self._take()]

    def _take(self) -> bytearray:
        message, self._message = self._message, None
        return message  # type: ignore[return-value]

    def close(self, *, kill: bool) -> None:
        os.close(self.task)  # a waiting worker reads the end of its parts and exits
        os.close(self.result)
        try:
            if kill:
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):  # gone, or reaped by someone else
            pass


def _fork_worker(fn: Callable[..., Any], kwargs: dict[str, Any], parent: int, inherited: list[int]) -> _Kid:
    """Fork one worker of :func:`run_on_forks`; ``inherited``: this process's ends of the
    workers forked before, which the new one closes (else a worker would still hold a
    sibling's pipe open, and that sibling would never read its end)."""
    import fcntl

    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    for fd in (task_w, result_w):
        try:
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except OSError:  # over the system's limit: the default size works, more slowly
            pass
    pid = os.fork()
    if pid == 0:
        status = 1
        try:
            for fd in (*inherited, task_w, result_r):
                os.close(fd)
            _serve(fn, kwargs, task_r, result_w, parent)
            status = 0
        finally:
            os._exit(status)
    os.close(task_r)
    os.close(result_w)
    os.set_blocking(task_w, False)
    return _Kid(pid, task_w, result_r)


def _serve(fn: Callable[..., Any], kwargs: dict[str, Any], task: int, result: int, parent: int) -> None:
    """A forked worker's loop: read a part, send ``(True, fn(part, **kwargs))`` or ``(False,
    the exception)``, until the parent closes the parts' pipe."""
    import pickle

    die_with_parent(parent)
    with open(task, "rb", buffering=0) as parts, open(result, "wb", buffering=0) as results:
        while True:
            head = _read_exactly(parts, 8)
            if head is None:
                return
            i, part = pickle.loads(_read_exactly(parts, int.from_bytes(head, "little")) or b"")
            try:
                out = (True, fn(part, **kwargs))
            except Exception as e:  # noqa: BLE001 - raised in the parent
                out = (False, e)
            try:
                data = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
            except Exception as e:  # noqa: BLE001 - a result (or exception) that does not pickle
                data = pickle.dumps((False, WorkerDied(f"the result of part {i} cannot be sent: {type(e).__name__}: {e}")))
            _write_all(results, len(data).to_bytes(8, "little"))
            _write_all(results, data)


def _write_all(f: Any, data: bytes) -> None:
    view, sent = memoryview(data), 0
    while sent < len(data):
        sent += f.write(view[sent:])


def _read_exactly(f: Any, n: int) -> bytes | None:
    """``n`` bytes of ``f``, None at its end."""
    buf = bytearray(n)
    view, got = memoryview(buf), 0
    while got < n:
        k = f.readinto(view[got:])
        if not k:
            return None
        got += k
    return bytes(buf)


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
