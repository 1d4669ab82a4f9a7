"""Load test of the brief endpoint: a real server on 127.0.0.1, many concurrent clients.

    python benchmarks/load_brief.py                       # 800 requests, 16 clients, cache on
    python benchmarks/load_brief.py --cache 0 --requests 200

Starts ``khabar.api.serve`` in a child process on a free loopback port with the five seed
reports in a temporary store (``--seeds``, default ``../shared/seeds`` beside the checkout
or ``$KHABAR_SHARED/seeds``), sends a bounded number of GET /api/brief requests (each
client alternates between a search brief and an ids brief), prints requests/s, p50/p99
latency and the error count, and stops the server.  Only loopback traffic.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared")) / "seeds"
DEADLINE_S = 300  # the whole run stops after this, whatever is left


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ingest(seeds: Path, db: Path) -> list[str]:
    from khabar.ingest import read_paths
    from khabar.model import Article
    from khabar.store import open_store

    with open_store(db) as store:
        return list(store.add([a for a in read_paths([seeds]) if isinstance(a, Article)]).ids)


def _start_server(db: Path, port: int, cache: int) -> subprocess.Popen:
    code = (
        "from pathlib import Path; from khabar.api import ApiSettings, serve; "
        f"serve(host='127.0.0.1', port={port}, log_level='warning', access_log=False, "
        f"settings=ApiSettings(db_path=Path({str(db)!r}), rate_limit_per_minute=0, brief_cache_size={cache}))"
    )
    return subprocess.Popen([sys.executable, "-c", code])


def _wait_ready(base: str, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with code {proc.returncode}")
        try:
            if httpx.get(f"{base}/api/articles", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit("the server did not answer within 30 s")


async def _run(base: str, ids: list[str], *, requests: int, clients: int) -> tuple[list[float], int, float]:
    queries = [{"q": "حلب"}, {"ids": ",".join(ids)}, {"ids": ",".join(ids[:3])}]
    latencies: list[float] = []
    errors = 0
    sent = 0
    stop_at = time.monotonic() + DEADLINE_S

    async def client(n: int) -> None:
        nonlocal sent, errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while sent < requests and time.monotonic() < stop_at:
                params = queries[sent % len(queries)]
                sent += 1
                t0 = time.perf_counter()
                try:
                    r = await http.get("/api/brief", params=params)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

    t0 = time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return latencies, errors, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=800)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--cache", type=int, default=64, help="server brief cache size; 0 builds every brief")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    args = ap.parse_args()
    if not args.seeds.is_dir():
        raise SystemExit(f"no seeds at {args.seeds} (use --seeds)")
    with tempfile.TemporaryDirectory(prefix="khabar-load-") as tmp:
        db = Path(tmp) / "load.sqlite3"
        ids = _ingest(args.seeds, db)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = _start_server(db, port, args.cache)
        try:
            _wait_ready(base, proc)
            latencies, errors, wall = asyncio.run(_run(base, ids, requests=args.requests, clients=args.clients))
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    lat = sorted(latencies)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731
    print(f"brief endpoint: {len(lat)} requests, {args.clients} clients, cache={args.cache}, {len(ids)} seed articles")
    print(f"  {len(lat) / wall:.1f} requests/s over {wall:.2f} s")
    print(f"  latency p50 {p(0.50):.1f} ms, p99 {p(0.99):.1f} ms, mean {statistics.fmean(lat) * 1000:.1f} ms")
    print(f"  errors: {errors}")
    if errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
