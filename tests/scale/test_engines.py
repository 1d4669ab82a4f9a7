"""Worker processes end with the process that started them, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

PARENT = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from khabar.scale import ProcessEngine

    def hold(part, *, folder):
        Path(folder, str(os.getpid())).write_text("")
        time.sleep(120)
        return part

    if __name__ == "__main__":
        for _ in ProcessEngine(2).run(hold, [1, 2], folder=sys.argv[1]):
            pass
    """
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie (exited, not yet reaped by init) is gone too
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(PARENT)
    (tmp_path / "pids").mkdir()
    parent = subprocess.Popen([sys.executable, str(script), str(tmp_path / "pids")], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while len(list((tmp_path / "pids").iterdir())) < 2:
            assert time.monotonic() < deadline, "the workers never started"
            assert parent.poll() is None, "the parent ended by itself"
            time.sleep(0.1)
        workers = [int(p.name) for p in (tmp_path / "pids").iterdir()]
        assert all(_alive(w) for w in workers)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers):
            assert time.monotonic() < deadline, "a worker outlived its killed parent by 10 s"
            time.sleep(0.1)
    finally:
        parent.kill()
        for p in (tmp_path / "pids").iterdir():
            try:
                os.kill(int(p.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


# --- run_forked ------------------------------------------------------------------------------


def _child_pid_and(value):
    return os.getpid(), value


def _fails(message):
    raise ValueError(message)


def _unpicklable():
    return lambda: None


def test_a_forked_call_runs_in_another_process_and_returns_its_result():
    from khabar.scale.engines import run_forked

    big = list(range(100_000))  # the child reads it from memory: nothing is pickled on the way in
    pid, value = run_forked(_child_pid_and, big)()
    assert pid != os.getpid()
    assert value == big


def test_a_forked_call_that_fails_raises_here_and_one_that_cannot_come_back_is_made_here():
    from khabar.scale.engines import run_forked

    with pytest.raises(ValueError, match="no such figure"):
        run_forked(_fails, "no such figure")()
    assert callable(run_forked(_unpicklable)())


# --- the engine's own forked workers ------------------------------------------------------------


def _echo(part, *, pad=0):
    if part == "fail":
        raise ValueError("a part that fails")
    if part == "die":
        os._exit(3)
    if part == "unsendable":
        return lambda: None
    return os.getpid(), part, b"x" * pad


@pytest.mark.skipif(not __import__("khabar.scale.engines", fromlist=["FORKS"]).FORKS, reason="forks only on Linux")
def test_forked_workers_pass_parts_and_results_larger_than_their_pipes_both_ways():
    """Parts of 3 MB each way, 2 held by each worker: written as each pipe takes them, while
    the results come back, never waiting on a full pipe."""
    from khabar.scale.engines import run_on_forks

    parts = [bytes([i]) * (3 << 20) for i in range(7)]
    out = dict(run_on_forks(_echo, iter(enumerate(parts)), 2, {"pad": 3 << 20}))
    assert sorted(out) == list(range(7))
    assert all(out[i][1] == parts[i] and len(out[i][2]) == 3 << 20 for i in out)
    assert len({pid for pid, _part, _pad in out.values()}) == 2 and os.getpid() not in {p for p, _, _ in out.values()}


@pytest.mark.skipif(not __import__("khabar.scale.engines", fromlist=["FORKS"]).FORKS, reason="forks only on Linux")
@pytest.mark.parametrize(("bad", "error", "message"), [
    ("fail", ValueError, "a part that fails"),
    ("die", "WorkerDied", "ended before sending the result of part 3"),
    ("unsendable", "WorkerDied", "the result of part 3 cannot be sent"),
])
def test_a_forked_part_that_fails_raises_here_and_every_worker_ends(bad, error, message):
    from khabar.scale import engines

    error = getattr(engines, error) if isinstance(error, str) else error
    before = _children()
    run = engines.ProcessEngine(2).run(_echo, ["a", "b", "c", bad, "e", "f"])
    with pytest.raises(error, match=message):
        for _ in run:
            pass
    assert _children() == before


def test_a_worker_gone_while_being_fed_is_reported_by_the_part_it_died_on():
    """The parent may feed a worker after it died (a broken pipe) and before reading its end:
    the error names the part it held without result, not the part being fed (CI, 5 Dec)."""
    from khabar.scale.engines import WorkerDied, _Kid

    task_r, task_w = os.pipe()
    result_r, result_w = os.pipe()
    os.close(task_r)  # the worker is gone: nobody reads its parts
    kid = _Kid(0, task_w, result_r)
    kid.parts = [3, 5]
    kid.queue(b"part 5")  # no error here: the part it died on is not known yet
    assert not kid.out
    os.close(result_w)
    with pytest.raises(WorkerDied, match="ended before sending the result of part 3"):
        kid.read()
    os.close(task_w)
    os.close(result_r)


@pytest.mark.skipif(not __import__("khabar.scale.engines", fromlist=["FORKS"]).FORKS, reason="forks only on Linux")
def test_forked_workers_end_when_the_caller_stops_early():
    from khabar.scale.engines import ProcessEngine

    before = _children()
    run = ProcessEngine(2).run(_echo, list("abcdefgh"))
    assert next(run)[0] in range(8)  # parts come back as they finish, in any order
    run.close()
    assert _children() == before


def _children() -> set[int]:
    """This process's child processes (Linux: /proc)."""
    me = str(os.getpid())
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == me:
            found.add(int(stat.parent.name))
    return found
