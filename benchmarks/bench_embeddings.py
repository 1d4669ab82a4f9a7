"""Lexical vs sentence-encoder similarity: paraphrase ranking, corroboration links, ROUGE, speed.

    python benchmarks/bench_embeddings.py [--shared ../shared] [--encoders use,e5]
        [--skip-rouge] [--easc-limit N]

Parts (docs/semantic.md reports the figures):

1. ANS stance dev (``corpora/ans/stance/dev.csv``): AUC of ``agree`` (paraphrase) pairs
   against ``other`` (unrelated) pairs and against hard negatives (each agree ``s1`` with
   the lexically closest ``s2`` of another agree pair), and best-threshold accuracy of agree
   vs other, for lexical TF-IDF, each encoder (raw cosine) and lexical+encoder combined.
2. Corroboration links on the hand-labelled pairs (``tests/fixtures/paraphrase_pairs.json``):
   precision / recall / F1 at the default support threshold.
3. ROUGE of the summaries (EASC single-document, the fixture clusters multi-document) with
   ``SentencePool.build`` given each encoder.
4. Speed: sentences/s of each encoder (cold cache) and brief wall time on the seeds.

Encoders never download anything: run it with the network cut to check (``unshare -rn``).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

import khabar
from khabar.config import BriefOptions
from khabar.pipeline import analyze
from khabar.relate import corroborate
from khabar.relate.embeddings import ENCODERS, Encoder, get_encoder
from khabar.relate.semantic import calibration_for, combined_similarity
from khabar.relate.similarity import SentenceVectors, content_terms
from khabar.text.ar.tokenize import words

ROOT = Path(__file__).resolve().parent.parent


def auc(pos: np.ndarray, neg: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    values = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(values))
    i = 0
    while i < len(values):  # average ranks of ties
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        ranks[i : j + 1] = (i + j) / 2 + 1
        i = j + 1
    pos_ranks = ranks[np.argsort(order)][: len(pos)]
    return float((pos_ranks.sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def best_accuracy(pos: np.ndarray, neg: np.ndarray) -> tuple[float, float]:
    """(threshold, accuracy) of the best single cut ``score >= threshold`` -> positive."""
    scores = np.concatenate([pos, neg])
    labels = np.concatenate([np.ones(len(pos), bool), np.zeros(len(neg), bool)])
    best = (0.0, 0.0)
    for t in np.unique(scores):
        acc = float(((scores >= t) == labels).mean())
        if acc > best[1]:
            best = (float(t), acc)
    return best


# --- 1. ANS ---------------------------------------------------------------------------------


def ans_part(shared: Path, encoders: Sequence[Encoder]) -> list[dict]:
    rows = list(csv.DictReader((shared / "corpora/ans/stance/dev.csv").open(encoding="utf-8")))
    s1 = [r["s1"] for r in rows]
    s2 = [r["s2"] for r in rows]
    stance = np.array([r["stance"] for r in rows])
    n = len(rows)
    vec = SentenceVectors.build([content_terms(words(t)) for t in s1 + s2])
    m = vec.matrix
    lex_pair = np.asarray(m[:n].multiply(m[n:]).sum(axis=1)).ravel()
    lex_all = np.asarray((m[:n] @ m[n:].T).todense())  # s1 x s2, for hard negatives
    agree = np.nonzero(stance == "agree")[0]
    other = stance == "other"
    # Hard negative of agree pair i: s2 of another agree pair, lexically closest to s1[i]
    # (skipping pairs that share s1 or s2 text: those may be paraphrases too).
    hard = []
    for i in agree:
        cands = [j for j in agree if j != i and s1[j] != s1[i] and s2[j] != s2[i]]
        hard.append((i, max(cands, key=lambda j: lex_all[i, j])))
    hi, hj = np.array([h[0] for h in hard]), np.array([h[1] for h in hard])

    def report(name: str, pair: np.ndarray, cross: np.ndarray) -> dict:
        pos = pair[stance == "agree"]
        t, acc = best_accuracy(pos, pair[other])
        return {
            "measure": name,
            "auc_agree_other": auc(pos, pair[other]),
            "auc_agree_hard": auc(pos, cross[hi, hj]),
            "auc_agree_disagree": auc(pos, pair[stance == "disagree"]),
            "best_threshold": t,
            "best_accuracy": acc,
        }

    out = [report("lexical", lex_pair, lex_all)]
    for enc in encoders:
        e1, e2 = enc.encode(s1).astype(np.float64), enc.encode(s2).astype(np.float64)
        raw_all = e1 @ e2.T
        raw_pair = np.einsum("ij,ij->i", e1, e2)
        out.append(report(f"{enc.name} (raw cosine)", raw_pair, raw_all))
        cal = calibration_for(enc)
        comb_all = combined_similarity(lex_all, cal.apply(raw_all))
        out.append(report(f"lexical+{enc.name}", combined_similarity(lex_pair, cal.apply(raw_pair)), comb_all))
    return out


# --- 2. corroboration on the hand-labelled pairs --------------------------------------------


def load_pairs(shared: Path) -> list[dict]:
    return json.loads((ROOT / "tests/fixtures/paraphrase_pairs.json").read_text(encoding="utf-8"))["pairs"]


def resolve(root: str, file: str, shared: Path) -> Path:
    return (shared / "seeds" if root == "seeds" else ROOT / "examples") / file


def corroboration_part(shared: Path, encoders: Sequence[Encoder | None]) -> list[dict]:
    pairs = load_pairs(shared)
    groups: dict[Path, list[Path]] = {}  # one pool per event folder
    for p in pairs:
        for end in (p["a"], p["b"]):
            path = resolve(end[0], end[1], shared)
            groups.setdefault(path.parent, [])
            if path not in groups[path.parent]:
                groups[path.parent].append(path)
    threshold = BriefOptions().support_threshold
    out = []
    for enc in encoders:
        sims: dict[tuple[Path, int, Path, int], float] = {}
        for folder, paths in groups.items():
            paths = sorted(paths)
            docs = [analyze(a) for p in paths for a in khabar.read([p])]
            pool = corroborate.SentencePool.build(docs, encoder=enc)
            row = {(paths[d], s): r for r, (d, s) in enumerate(pool.refs)}
            for p in pairs:
                a, b = resolve(*p["a"][:2], shared), resolve(*p["b"][:2], shared)
                if a.parent == folder:
                    sims[(a, p["a"][2], b, p["b"][2])] = float(pool.similarity[row[(a, p["a"][2])], row[(b, p["b"][2])]])
        score = np.array([sims[(resolve(*p["a"][:2], shared), p["a"][2], resolve(*p["b"][:2], shared), p["b"][2])] for p in pairs])
        same = np.array([p["same"] for p in pairs])
        pred = score >= threshold
        tp = int((pred & same).sum())
        precision = tp / max(1, int(pred.sum()))
        recall = tp / max(1, int(same.sum()))
        out.append(
            {
                "measure": "lexical" if enc is None else f"lexical+{enc.name}",
                "pairs": len(pairs),
                "same": int(same.sum()),
                "links": int(pred.sum()),
                "precision": precision,
                "recall": recall,
                "f1": 2 * precision * recall / max(1e-9, precision + recall),
                "auc": auc(score[same], score[~same]),
            }
        )
    return out


# --- 3. ROUGE -------------------------------------------------------------------------------


@contextlib.contextmanager
def pools_with(encoder: Encoder | None) -> Iterator[None]:
    """Make every ``SentencePool.build`` use ``encoder`` (the harness and build_event_brief take no
    encoder option yet: see docs/semantic.md for the one-parameter change that would)."""
    original = corroborate.SentencePool.build.__func__  # type: ignore[attr-defined]

    def build(cls, docs, **_ignored):  # noqa: ANN001
        return original(cls, docs, encoder=encoder)

    corroborate.SentencePool.build = classmethod(build)  # type: ignore[method-assign]
    try:
        yield
    finally:
        corroborate.SentencePool.build = classmethod(original)  # type: ignore[method-assign]


def rouge_part(shared: Path, encoders: Sequence[Encoder | None], *, easc_limit: int | None) -> list[dict]:
    from khabar.evaluate.summaries import evaluate_summaries

    datasets = [
        ("EASC single", shared / "corpora/easc", "single", easc_limit),
        ("fixtures multi", ROOT / "tests/fixtures/summaries", "multi", None),
    ]
    out = []
    for label, path, mode, limit in datasets:
        for enc in encoders:
            start = time.perf_counter()
            with pools_with(enc):
                table = evaluate_summaries(path, algorithms=["centroid", "lexrank"], mode=mode, humans=False, limit=limit)
            seconds = time.perf_counter() - start
            for r in table.rows:
                out.append(
                    {
                        "dataset": f"{label} ({table.clusters} clusters)",
                        "measure": "lexical" if enc is None else f"lexical+{enc.name}",
                        "algorithm": r.algorithm,
                        "R1_F": 100 * r.rouge1_f,
                        "R2_F": 100 * r.rouge2_f,
                        "RL_F": 100 * r.rougeL_f,
                        "seconds": seconds,
                    }
                )
    return out


# --- 4. speed -------------------------------------------------------------------------------


def _brief_seconds(articles: list, encoder: Encoder | None) -> float:
    """Wall time of the part of a brief the encoder changes: analysis, pool, summary."""
    from khabar.summarize import summarize

    start = time.perf_counter()
    pool = corroborate.SentencePool.build([analyze(a) for a in articles], encoder=encoder)
    summarize(pool, options=BriefOptions())
    return time.perf_counter() - start


def speed_part(shared: Path, names: Sequence[str]) -> list[dict]:
    articles = khabar.read(sorted((shared / "seeds").glob("*.txt")))
    sentences = [s.text for a in articles for s in analyze(a).sentences]
    _brief_seconds(articles, None)  # warm-up: imports, first-call caches
    out = [{"measure": "lexical", "brief_s": _brief_seconds(articles, None), "sentences": len(sentences)}]
    for name in names:
        fresh = ENCODERS[name]()  # a new instance: empty cache, model not loaded
        start = time.perf_counter()
        fresh.encode(sentences[:2])
        load = time.perf_counter() - start
        start = time.perf_counter()
        fresh.encode(sentences[2:])
        rate = (len(sentences) - 2) / (time.perf_counter() - start)
        cold = _brief_seconds(articles, ENCODERS[name]())  # model loaded, cache empty
        warm = _brief_seconds(articles, fresh)  # every sentence cached
        out.append(
            {
                "measure": f"lexical+{name}",
                "sentences": len(sentences),
                "sentences_per_s": rate,
                "load_s": load,
                "brief_s": cold,
                "brief_cached_s": warm,
            }
        )
    return out


def table(rows: list[dict]) -> str:
    keys = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["| " + " | ".join(keys) + " |", "|" + "---|" * len(keys)]
    for r in rows:
        cells = [f"{r[k]:.3f}" if isinstance(r.get(k), float) else str(r.get(k, "")) for k in keys]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--encoders", default="use,e5")
    parser.add_argument("--skip-rouge", action="store_true")
    parser.add_argument("--easc-limit", type=int, default=None)
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.encoders.split(",") if n.strip()]
    encoders = [get_encoder(n) for n in names]
    print("## 1. ANS stance dev: paraphrase ranking\n")
    print(table(ans_part(args.shared, encoders)))
    print("\n## 2. Corroboration links on the hand-labelled pairs (threshold 0.42)\n")
    print(table(corroboration_part(args.shared, [None, *encoders])))
    if not args.skip_rouge:
        print("\n## 3. ROUGE (F x 100)\n")
        print(table(rouge_part(args.shared, [None, *encoders], easc_limit=args.easc_limit)))
    print("\n## 4. Speed (seeds)\n")
    print(table(speed_part(args.shared, names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
