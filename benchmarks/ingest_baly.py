"""Read real messy input end to end and report what was kept, what was refused and why.

    python benchmarks/ingest_baly.py                  # Baly et al. 2018 JSON (+ ANT BBC)
    python benchmarks/ingest_baly.py --ant-outlet CNN

Baly 2018 keeps one JSON per claim with parallel lists ``article[]`` and ``url[]``; it is
read through the JSON field mapping (body "article", url "url", no title field, so the
first line is the title).  The ANT part times the TREC reader on one outlet's folder.
Corpora are looked up in ``../shared/corpora`` beside the checkout (``KHABAR_SHARED``
overrides), never copied.
"""

from __future__ import annotations

import argparse
import os
import re
import time
from collections import Counter
from pathlib import Path

from khabar.config import FieldMap, ReadOptions
from khabar.errors import InputError
from khabar.ingest import read_paths

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT.parent / "shared")).resolve()


def reason(err: InputError) -> str:
    """The problem with its figures blanked, so that errors group by kind."""
    return re.sub(r"\d+(\.\d+)?", "N", err.problem)


def run(label: str, paths: list[Path], options: ReadOptions) -> None:
    t0 = time.perf_counter()
    read = 0
    reasons: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    dated = 0
    for result in read_paths(paths, options=options):
        if isinstance(result, InputError):
            reasons[reason(result)] += 1
        else:
            read += 1
            outlets[result.outlet or "(none)"] += 1
            dated += result.published is not None
    took = time.perf_counter() - t0
    rejected = sum(reasons.values())
    print(f"== {label}: {len(paths)} input(s)")
    rate = (read + rejected) / took
    print(f"read {read} articles, rejected {rejected}, in {took:.2f} s ({rate:.0f} records/s)")
    print(f"with a date: {dated}; distinct outlets: {len(outlets)}; top: {outlets.most_common(5)}")
    for why, n in reasons.most_common():
        print(f"  {n:6d}  {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=SHARED / "corpora")
    parser.add_argument(
        "--ant-outlet", default="BBC", help="ANT folder to time (Alarabia, BBC, CNN, France24, SkyNews)"
    )
    args = parser.parse_args()

    baly = sorted((args.corpora / "baly2018" / "dataset").glob("*.json"))
    fields = FieldMap(body="article", url="url", title="", title_fallbacks=())
    run("baly2018", baly, ReadOptions(format="json", fields=fields))

    ant = args.corpora / "ant" / args.ant_outlet
    if ant.is_dir():
        run(f"ant/{args.ant_outlet}", [ant], ReadOptions())


if __name__ == "__main__":
    main()
