"""Load test of the pages a journalist opens: home, a storyline, a brief, at 16 concurrent clients.

    python benchmarks/load_pages.py                       # 400 requests per endpoint, 16 clients
    python benchmarks/load_pages.py --db ant.sqlite3      # a store already grouped (khabar stories)
    python benchmarks/load_pages.py --synthetic 30000     # 30,000 generated articles, grouped at random

Without ``--db``: the bundled examples and the five seeds (``--seeds``, default
``../shared/seeds``) in a temporary store, grouped into events and storylines by
``khabar.scale.cluster``.  Starts ``khabar.api.serve`` in a child process on a free
loopback port, then for each endpoint in turn sends a bounded number of GET requests from
``--clients`` concurrent clients and prints requests/s, p50/p99 latency and the error count
(any answer but 200 is an error).  Endpoints: ``/`` (storylines with their events and
coverage), ``/storylines/ID`` (the largest storyline: its plot), ``/brief?event=ID`` (the
largest event's brief page; the server's brief cache on, as served) and
``/api/storylines``.  Only loopback traffic; the whole run stops after a deadline.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

from load_brief import DEFAULT_SEEDS, ROOT, _free_port, _start_server, _wait_ready

DEADLINE_S = 120  # per endpoint: it stops after this, whatever is left


def _grouped_store(seeds: Path, db: Path) -> None:
    from khabar.ingest import read_paths
    from khabar.model import Article
    from khabar.scale.cluster import cluster_store
    from khabar.store import open_store

    with open_store(db) as store:
        store.add([a for a in read_paths([ROOT / "examples", seeds]) if isinstance(a, Article)])
        cluster_store(store)


def _synthetic_store(n: int, db: Path) -> None:
    """``n`` generated articles over 180 days and 26 outlets (one in 26 without, read from a
    file), put in events of 1-8 articles and storylines of a few events at random (seeded):
    the size of a real store's listings, without the time to group one."""
    import datetime as dt
    import random

    from khabar.model import Article
    from khabar.store import StoryRow, open_store

    rng = random.Random(7)
    words = ("حلب دمشق قصف مدنيين الأمم المتحدة مجلس الأمن اجتماع وزير الخارجية مباراة فريق هدف انتخابات "
             "البرلمان سيول أمطار حريق سوق اتفاق وقف إطلاق النار المعارضة الجيش قافلة مساعدات").split()
    outlets = [f"مصدر {i}" for i in range(25)] + [None]
    day0 = dt.date(2018, 4, 1)
    articles = []
    for i in range(n):
        outlet = rng.choice(outlets)
        articles.append(Article.create(
            title=" ".join(rng.choices(words, k=8)) + f" {i}", body=" ".join(rng.choices(words, k=60)),
            outlet=outlet, published=day0 + dt.timedelta(days=i * 180 // n), source=None if outlet else f"feed/{i}.txt",
        ))
    articles.sort(key=lambda a: (a.published, a.id))
    assignments, events, lines, i = [], [], [], 0
    while i < len(articles):
        group = articles[i : i + rng.choice([1, 1, 1, 1, 2, 2, 3, 5, 8])]
        if not lines or rng.random() < 0.55:
            lines.append("l" + group[0].id)
        line = lines[-1] if rng.random() < 0.8 else lines[max(-len(lines), -5)]
        sid = "s" + group[0].id
        events.append(StoryRow(sid, group[0].title, group[0].published, group[-1].published, len(group), storyline=line))
        assignments += [(a.id, sid) for a in group]
        i += len(group)
    with open_store(db) as store:
        store.add(articles)
        store.commit_stories(assignments=assignments, stories=events)


def _targets(db: Path) -> dict[str, str]:
    from khabar.store import open_store

    with open_store(db) as store:
        line = store.storylines(limit=1, sort="size")
        event = store.stories(limit=1, sort="size")
        outlet = next((name for name, _ in store.outlets()), None)
    if not line or not event:
        raise SystemExit(f"{db}: no storylines (group it first: khabar stories --db {db})")
    return {
        "home": "/",
        "storyline": f"/storylines/{line[0].id}",
        "brief": f"/brief?event={event[0].id}",
        "api storylines": "/api/storylines",
        "home by outlet": "/?" + urlencode({"outlet": outlet}) if outlet else "/?sort=size",
    }


async def _hammer(base: str, path: str, *, requests: int, clients: int) -> tuple[list[float], int, float]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    stop_at = time.monotonic() + DEADLINE_S

    async def client() -> None:
        nonlocal sent, errors
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while sent < requests and time.monotonic() < stop_at:
                sent += 1
                t0 = time.perf_counter()
                try:
                    ok = (await http.get(path)).status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append(time.perf_counter() - t0)
                errors += not ok

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    return latencies, errors, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--db", type=Path, help="a store already grouped; default: examples and seeds, grouped here")
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument("--synthetic", type=int, metavar="N", help="N generated articles grouped at random instead")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="khabar-pages-") as tmp:
        db = args.db
        if db is None and args.synthetic:
            db = Path(tmp) / "synthetic.sqlite3"
            _synthetic_store(args.synthetic, db)
        elif db is None:
            if not args.seeds.is_dir():
                raise SystemExit(f"no seeds at {args.seeds} (use --seeds)")
            db = Path(tmp) / "pages.sqlite3"
            _grouped_store(args.seeds, db)
        targets = _targets(db)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = _start_server(db, port, 64)
        failed = 0
        try:
            _wait_ready(base, proc)
            print(f"{args.clients} clients, {args.requests} requests per endpoint, store {db.name}")
            for name, path in targets.items():
                httpx.get(base + path, timeout=120)  # warm: the first brief is built, later ones cached
                lat, errors, wall = asyncio.run(_hammer(base, path, requests=args.requests, clients=args.clients))
                lat.sort()
                p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] * 1000  # noqa: E731, B023
                print(
                    f"  {name:<15} {len(lat) / wall:7.1f} requests/s  p50 {p(0.50):7.1f} ms  p99 {p(0.99):7.1f} ms  "
                    f"mean {statistics.fmean(lat) * 1000:7.1f} ms  errors {errors}/{len(lat)}  ({path})"
                )
                failed += errors
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
