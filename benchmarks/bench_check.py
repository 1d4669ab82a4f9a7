"""Time a claim check against stores of generated articles.

    python benchmarks/bench_check.py [--n 10000 100000] [--repeat 5] [--model meaning]

Targets (issue 16): a check over 10,000 stored articles in at most 0.3 s, over 100,000 in at
most 1 s, with the default model (the meaning model: the sentence encoder reads each
candidate article's best few sentences).  The store is built with the store benchmark's
generator (real newswire Arabic from the examples and seeds, perturbed).  Each claim is
checked ``--repeat`` times: the median and the worst are reported, and the first call of
the run separately (it loads the encoder and the word lists).  A repeated check finds the
candidate sentences in the encoder's bounded cache (50,000 sentences): the "fresh" column
empties that cache (and the tokenizer's pieces of each word) before every call, so it is the
time of a claim whose articles were never read before.  ``--analyzed`` analyses the stored
articles ahead, as ``khabar ingest --analyze`` does (~13 ms an article, before the checks):
the check then takes each page's figures from its kept analysis instead of reading the page
(the same labels; docs/measurements.md, issue 16, session 19), and "fresh" is a claim whose
articles were analysed at ingest but never checked.  ``--encoded`` encodes the stored
articles' sentences ahead, as ``khabar ingest --encode`` does, and says how long and how much
larger the store grew: a check then reads its candidate sentences' vectors from the store (the
same labels), and "fresh" is a claim whose articles were encoded at ingest but never checked.  Wall times depend on what else the machine runs; the CPU time of the
process (one thread does the work: SQLite, Python and one BLAS thread) is printed beside
them, the steadier figure on a shared machine.
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
TARGETS = {10_000: 0.3, 100_000: 1.0}


def _forget_encodings() -> None:
    from khabar.relate.embeddings import forget_word_pieces, get_encoder

    from khabar.check.quantity import forget

    encoder = get_encoder("use")
    if encoder is not None:
        encoder._cache.clear()  # type: ignore[attr-defined]
        forget_word_pieces()
    forget()  # the quantity reading's figures of the claim and its pages


def _mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def bench(n: int, repeat: int, model: str | None, analyzed: bool = False, encoded: bool = False) -> float:
    articles = make_articles(n)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.sqlite3") as store:
        t = time.perf_counter()
        store.add_batches(articles, batch_size=1000)
        del articles
        print(f"{len(store)} articles stored in {time.perf_counter() - t:.0f} s")
        if analyzed:
            from khabar.scale import analyze_store

            t = time.perf_counter()
            print(f"{analyze_store(store)} articles analysed ahead in {time.perf_counter() - t:.0f} s")
        if encoded:
            from khabar.scale import encode_store

            size, t, c = _mib(store.path), time.perf_counter(), time.process_time()
            done = encode_store(store)
            print(
                f"{done} articles' sentences encoded ahead in {time.perf_counter() - t:.0f} s "
                f"({time.process_time() - c:.0f} s CPU); store {size:.0f} -> {_mib(store.path):.0f} MiB"
            )
        t = time.perf_counter()
        first = check_claim(CLAIMS[0], store, model=model)
        print(f"first call (loads the encoder and word lists): {time.perf_counter() - t:.2f} s, model {first.model}")
        worst = 0.0
        for claim in CLAIMS:
            warm, fresh, cpu = [], [], []
            for _ in range(repeat):
                t = time.perf_counter()
                result = check_claim(claim, store, model=model)
                warm.append(time.perf_counter() - t)
                _forget_encodings()
                t, c = time.perf_counter(), time.process_time()
                check_claim(claim, store, model=model)
                fresh.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            worst = max(worst, statistics.median(fresh))
            print(
                f"  repeated {statistics.median(warm):5.2f} s median; fresh {statistics.median(fresh):5.2f} s median "
                f"({statistics.median(cpu):5.2f} s CPU), {max(fresh):5.2f} s max; {len(result.articles)} candidates: "
                f"{result.verdict.summary[:60]}"
            )
    target = TARGETS.get(n)
    verdict = "" if target is None else f" ({'OK' if worst <= target else 'OVER'} the {target} s target)"
    print(f"n={n}: worst median of a fresh check {worst:.2f} s{verdict}")
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--model", default=None, help="meaning, rules or a model file (default: khabar's default)")
    parser.add_argument("--analyzed", action="store_true", help="analyse the stored articles ahead (khabar ingest --analyze)")
    parser.add_argument(
        "--encoded", action="store_true", help="encode the stored articles' sentences ahead (khabar ingest --encode)"
    )
    args = parser.parse_args()
    for n in args.n:
        bench(n, args.repeat, args.model, args.analyzed, args.encoded)


if __name__ == "__main__":
    main()
