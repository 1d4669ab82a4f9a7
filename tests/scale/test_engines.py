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
