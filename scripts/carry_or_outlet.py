"""Carry or outlet (issue 15): fit and judge the model that decides who gives a figure whose
sentence names no source of its own and that the rules leave to the outlet.

    python scripts/carry_or_outlet.py --dump /tmp/carry.jsonl            # examples of dev..fresh9 (test never read)
    python scripts/carry_or_outlet.py --examples /tmp/carry.jsonl --cv   # 5 folds of whole articles over the pool
    python scripts/carry_or_outlet.py --examples /tmp/carry.jsonl --older fresh7   # fit on the splits before, score fresh7
    python scripts/carry_or_outlet.py --examples /tmp/carry.jsonl --write          # fit on the pool, write carry_model.json
    python scripts/carry_or_outlet.py --examples /tmp/carry.jsonl --show [--split S]  # the examples, for reading

An example is a gold figure matched by the extractor whose source the model is asked for (the
rules found none in its sentence and carried none): its readings
(:data:`khabar.extract.claims.carry.FEATURES`), whether the attribution is right left to the
outlet and right carried.  The label is "carry" when only carrying is right, "outlet" when only
the outlet is, and neither when both are wrong (a source the candidate is not).  A decision is
scored as attribution is (``khabar eval extract``, lenient), over every matched figure of the
split, so the figures the model is not asked about count as they stand.  The model is a
logistic regression (numpy, L2) and the threshold is chosen by the folds: carry only where the
probability is at least the threshold (the gate that bounds what carrying wrongly costs).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("dev", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9")
POOL = SPLITS[:-2]  # dev + fresh2..fresh7; fresh8 and fresh9 stay apart
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _run(articles, readings: dict, *, carry: bool) -> dict:
    """Claims of every gold article with the model forced to carry (or not), its readings kept."""
    from khabar.evaluate.frames import build_event_briefs
    from khabar.extract.claims import carry as module

    original_features, original_carries, original_active = module.features, module.carries, module.active

    def features(s, sentence, cand, by_index, *, own_attribution, figure=""):
        out = original_features(s, sentence, cand, by_index, own_attribution=own_attribution, figure=figure)
        readings[(sentence.text, figure)] = (out, cand.source.text, by_index[cand.index].text)
        return out

    module.features, module.carries, module.active = features, (lambda r: carry), (lambda: True)
    try:
        claims_of: dict[str, list] = {}
        for brief in build_event_briefs(articles):
            for c in brief.claims:
                claims_of.setdefault(c.article_id, []).append(c)
        return claims_of
    finally:
        module.features, module.carries, module.active = original_features, original_carries, original_active


def dump(out: Path, splits: tuple[str, ...]) -> None:
    from khabar.evaluate.frames import _match, _source_ok, load_frames

    with out.open("w", encoding="utf-8") as f:
        for split in splits:
            articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=ROOT.parent / "shared", split=split)
            readings: dict = {}
            rules = _run(articles, readings, carry=False)
            carried = _run(articles, readings, carry=True)
            for g in articles:
                text = g.article.text
                m0 = _match(g, sorted(rules.get(g.article.id, ()), key=lambda c: c.start))
                m1 = _match(g, sorted(carried.get(g.article.id, ()), key=lambda c: c.start))
                for gf in g.figures:
                    c0, c1 = m0.get(gf.id), m1.get(gf.id)
                    if c0 is None:
                        continue
                    rec = {"split": split, "article": g.path, "id": gf.id, "outlet_ok": _source_ok(gf.source, c0),
                           "outlet_strict": _source_ok(gf.source, c0, strict=True), "asked": False}
                    asked = c1 is not None and c1.start == c0.start and c1.primary_source.text != c0.primary_source.text
                    if asked:
                        where = [(k[0], v) for k, v in readings.items()
                                 if k[1] == c0.text and (p := text.find(k[0])) >= 0 and p <= c0.start < p + len(k[0])]
                        if where:
                            sent, (x, cand, there) = where[0]
                            rec.update(asked=True, carry_ok=_source_ok(gf.source, c1), carry_strict=_source_ok(gf.source, c1, strict=True),
                                       x=list(x), candidate=cand, got=c0.primary_source.text, gold=[list(l) for l in gf.source],
                                       sentence=sent[:300], candidate_sentence=there[:300])
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8")]


BALANCED = False  # --balanced: each class weighs as much as the other


def fit(rows: list[dict], l2: float = 0.1, steps: int = 2000) -> np.ndarray:
    """Logistic regression on the examples with a label (carry 1 / outlet 0)."""
    xs = [r for r in rows if r["asked"] and r["carry_ok"] != r["outlet_ok"]]
    if not xs:
        return np.zeros(len(rows[0]["x"]) if rows and rows[0].get("x") else 10)
    X = np.array([r["x"] for r in xs], dtype=float)
    y = np.array([1.0 if r["carry_ok"] else 0.0 for r in xs])
    w = np.zeros(X.shape[1])
    weight = np.where(y == 1, len(y) / (2 * max(y.sum(), 1)), len(y) / (2 * max(len(y) - y.sum(), 1))) if BALANCED else np.ones(len(y))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-X @ w))
        grad = X.T @ (weight * (p - y)) / len(y) + l2 * np.r_[0.0, w[1:]]
        w -= 0.5 * grad
    return w


def score(rows: list[dict], w: np.ndarray | None, threshold: float, *, strict: bool = False) -> tuple[int, int, int]:
    """(right, figures, carried) over every matched figure; ``w`` None is the rules alone."""
    ok_o, ok_c = ("outlet_strict", "carry_strict") if strict else ("outlet_ok", "carry_ok")
    right = carried = 0
    for r in rows:
        if r["asked"] and w is not None and 1 / (1 + np.exp(-np.dot(w, r["x"]))) >= threshold:
            carried += 1
            right += r[ok_c]
        else:
            right += r[ok_o]
    return right, len(rows), carried


def folds_of(rows: list[dict], k: int, seed: int) -> list[set[str]]:
    arts = sorted({r["article"] for r in rows})
    random.Random(seed).shuffle(arts)
    return [set(arts[i::k]) for i in range(k)]


def cv(rows: list[dict], k: int, seeds: tuple[int, ...], l2: float) -> None:
    pool = [r for r in rows if r["split"] in POOL]
    asked = [r for r in pool if r["asked"]]
    print(f"pool: {len(pool)} matched figures, {len(asked)} asked: carry right {sum(r['carry_ok'] and not r['outlet_ok'] for r in asked)}, "
          f"outlet right {sum(r['outlet_ok'] and not r['carry_ok'] for r in asked)}, neither {sum(not r['outlet_ok'] and not r['carry_ok'] for r in asked)}")
    base = score(pool, None, 1.0)
    print(f"rules alone            lenient {base[0] / base[1]:.3f}  strict {score(pool, None, 1.0, strict=True)[0] / base[1]:.3f}")
    for t in THRESHOLDS:
        tot = [0, 0, 0, 0]
        for seed in seeds:
            for held in folds_of(pool, k, seed):
                w = fit([r for r in pool if r["article"] not in held], l2)
                test = [r for r in pool if r["article"] in held]
                a, n, c = score(test, w, t)
                tot[0] += a; tot[1] += n; tot[2] += c
                tot[3] += score(test, w, t, strict=True)[0]
        print(f"model, threshold {t:.1f}   lenient {tot[0] / tot[1]:.3f}  strict {tot[3] / tot[1]:.3f}  carried {tot[2] / len(seeds):.1f} per pass")


def older(rows: list[dict], split: str, threshold: float, l2: float) -> None:
    i = SPLITS.index(split)
    train = [r for r in rows if r["split"] in SPLITS[:i]]
    test = [r for r in rows if r["split"] == split]
    w = fit(train, l2)
    a, n, c = score(test, None, 1.0)
    b, _, carried = score(test, w, threshold)
    print(f"{split}: {n} matched figures, {sum(r['asked'] for r in test)} asked; rules {a / n:.3f} / {score(test, None, 1.0, strict=True)[0] / n:.3f}"
          f" -> model (fitted on {'+'.join(SPLITS[:i])}, threshold {threshold}) {b / n:.3f} / {score(test, w, threshold, strict=True)[0] / n:.3f}, carried {carried}")


def show(rows: list[dict], split: str | None) -> None:
    for r in rows:
        if r["asked"] and (split is None or r["split"] == split):
            label = "carry" if r["carry_ok"] and not r["outlet_ok"] else "outlet" if r["outlet_ok"] and not r["carry_ok"] else "neither" if not r["carry_ok"] else "both"
            print(f"{r['split']:7s} {r['id']:14s} {label:8s} cand={r['candidate']!r} gold={r['gold'] or 'outlet'} x={[round(v, 2) for v in r['x']]}")
            print("    THERE", r["candidate_sentence"][:240].replace("\n", " "))
            print("    HERE ", r["sentence"][:240].replace("\n", " "))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--splits", nargs="+", default=list(SPLITS[:-1]), choices=SPLITS, help="fresh9 only once, at the end")
    ap.add_argument("--examples", type=Path)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--older", choices=SPLITS[1:])
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--l2", type=float, default=0.1)
    ap.add_argument("--seeds", type=int, nargs="+", default=[11, 12, 13])
    ap.add_argument("--balanced", action="store_true", help="weigh the two classes alike")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--split")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    if args.dump:
        dump(args.dump, tuple(args.splits))
        return
    global BALANCED
    BALANCED = args.balanced
    rows = _load(args.examples)
    if args.cv:
        cv(rows, 5, tuple(args.seeds), args.l2)
    if args.older:
        older(rows, args.older, args.threshold, args.l2)
    if args.show:
        show(rows, args.split)
    if args.write:
        from khabar.extract.claims.carry import FEATURES

        w = fit([r for r in rows if r["split"] in POOL], args.l2)
        out = ROOT / "src/khabar/extract/claims/data/carry_model.json"
        out.write_text(json.dumps({"about": f"scripts/carry_or_outlet.py --write (pool {'+'.join(POOL)}, L2 {args.l2})",
                                   "features": list(FEATURES), "weights": [round(float(v), 4) for v in w],
                                   "threshold": args.threshold}, indent=1) + "\n", encoding="utf-8")
        print("wrote", out)


if __name__ == "__main__":
    main()
