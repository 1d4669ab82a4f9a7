"""Load test of the store-backed endpoints while one client sends the worst search allowed.

    khabar ingest ../shared/corpora/ant --db ant.sqlite3     # once: the 30k-article store
    python benchmarks/load_search.py --db ant.sqlite3 --clients 16 64

Starts ``khabar.api.serve`` in a child process on a free loopback port over ``--db`` (a copy
is never made: the server only reads), then for each number of clients sends a bounded
number of requests to each endpoint in turn (articles, search, brief of a search) while one
more client sends the slowest query the limits let through (four three-letter prefixes of
the commonest words, the longest query allowed) as fast as the server answers it.  Prints
requests/s, p50 and p99 latency and errors per endpoint, and what the worst query got:
how many it sent, how many were answered and how many refused over the time budget (400).
Goal (issue 12): no endpoint's p99 over 2 s at 16 clients, and no errors.  Only loopback
traffic; the server's rate limit is off, its search budget the default.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_brief import _free_port, _start_server, _wait_ready  # noqa: E402
from load_pages import _hammer  # noqa: E402

#: The slowest query the limits allow: four prefixes of 3 letters (the fewest a prefix may
#: have) that start the commonest words of Arabic news, padded with plain words up to 32.
WORST_QUERY = " ".join(["الم*", "الت*", "وال*", "الا*"] + ["حلب", "دمشق", "القوات", "المدينة"] * 7)

ENDPOINTS = {
    "articles": "/api/articles?limit=20",
    "search": "/api/search?q=الحكومة&limit=20",
    "brief": "/api/brief?q=حلب&limit=20",
}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def _attacker(base: str, stop: asyncio.Event, tally: dict[str, int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        while not stop.is_set():
            try:
                r = await http.get("/api/search", params={"q": WORST_QUERY, "limit": 200})
                tally[str(r.status_code)] = tally.get(str(r.status_code), 0) + 1
            except httpx.HTTPError:
                tally["failed"] = tally.get("failed", 0) + 1


async def _round(base: str, *, clients: int, requests: int) -> None:
    stop = asyncio.Event()
    tally: dict[str, int] = {}
    attacker = asyncio.create_task(_attacker(base, stop, tally))
    try:
        for name, path in ENDPOINTS.items():
            lat, errors, wall = await _hammer(base, path, requests=requests, clients=clients)
            print(
                f"  {name:9s} {len(lat) / wall:7.1f} requests/s  p50 {_percentile(lat, 0.5):7.1f} ms"
                f"  p99 {_percentile(lat, 0.99):7.1f} ms  errors {errors}"
            )
    finally:
        stop.set()
        await attacker
    print(f"  worst query ({len(WORST_QUERY)} characters), answers by status: {dict(sorted(tally.items()))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True, help="a store (e.g. the ANT corpus ingested)")
    ap.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint and number of clients")
    args = ap.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"no store at {args.db}")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _start_server(args.db.resolve(), port, 64)
    try:
        _wait_ready(base, proc)
        for clients in args.clients:
            print(f"{clients} clients, {args.requests} requests per endpoint, one more client sending the worst query:")
            asyncio.run(_round(base, clients=clients, requests=args.requests))
    finally:
        proc.terminate()
        proc.wait(timeout=15)


if __name__ == "__main__":
    main()
