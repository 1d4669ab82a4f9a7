"""Time a claim check against a store of 10,000 generated articles (target: under 2 s).

    /work/venv/bin/python benchmarks/bench_check.py [--n 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_store import make_articles  # noqa: E402  (the same generated corpus as the store benchmark)

from khabar.check import check_claim  # noqa: E402
from khabar.store import open_store  # noqa: E402

CLAIMS = (
    "قالت الأمم المتحدة إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي وادي النهر",
    "ارتفعت حصيلة قتلى السيول في محافظة السواحل إلى 17 قتيلا",
    "سيطرت قوات الحكومة على الأحياء الشرقية لمدينة حلب",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    articles = make_articles(args.n)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.sqlite3") as store:
        store.add_batches(articles, batch_size=500)
        print(f"{len(store)} articles stored")
        worst = 0.0
        for claim in CLAIMS:
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                result = check_claim(claim, store)
                times.append(time.perf_counter() - t)
            worst = max(worst, max(times))
            print(
                f"{statistics.median(times):6.2f} s median, {max(times):5.2f} s max, "
                f"{len(result.articles)} candidates: {result.verdict.summary[:90]}"
            )
        print(f"worst {worst:.2f} s: {'OK' if worst < 2.0 else 'OVER'} the 2 s target")


if __name__ == "__main__":
    main()
