"""Carry or outlet (issue 15): fit and measure the model that chooses, for a sentence whose figures
the rules leave to the outlet, among the sources the sentences before name
(:mod:`khabar.extract.claims.carry`), or keeps the outlet.

    KHABAR_PURE=1 python scripts/figure_source_ranker.py --dump /tmp/ranker.jsonl   # spent frames splits only
    python scripts/figure_source_ranker.py --rows /tmp/ranker.jsonl --loo             # leave one split out
    python scripts/figure_source_ranker.py --rows /tmp/ranker.jsonl --write --l2 1 --threshold 0.6

A row is a gold figure matched by the extractor in a sentence the model is asked about (the
rules read no source there and carried none): its candidates' readings and whether each is the
gold's source (lenient, as ``khabar eval extract`` scores attribution), and whether the outlet is
right.  The model is a logistic regression (numpy, L2, Newton) over every candidate of every row
(label: the candidate is the gold's source); in a sentence the best candidate is taken when its
probability reaches the threshold.  ``--loo`` scores attribution over every matched figure of
the spent pool, each split decided by a model fitted on the others.  The splits read are the
spent ones only (``SPENT``): the unspent frames splits are never dumped.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
#: The spent frames splits (tests/gold/README.md); fresh29 and later stay out until judged.
SPENT = ("dev",) + tuple(f"fresh{i}" for i in range(2, 29))
THRESHOLDS = (0.4, 0.5, 0.6, 0.7)
MIN_ROWS = 3  # a reading seen in fewer candidate rows is left out of the model


def dump(out: Path) -> None:
    from khabar.evaluate.frames import _link_ok, _match, build_event_briefs, load_frames
    from khabar.extract.claims import carry
    from khabar.model import SourceLink

    asked: dict[tuple[str, int], list] = {}
    original_choose, original_active = carry.choose, carry.active

    def choose(s, sentence, by_index, last_source, quotes, attributions_of, **options):
        found = carry.candidates(s, sentence, by_index, last_source, quotes, attributions_of, **options)
        asked[(sentence.article_id, sentence.index)] = found
        return None

    carry.choose, carry.active = choose, (lambda: True)
    try:
        with out.open("w", encoding="utf-8") as f:
            for split in SPENT:
                articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=ROOT.parent / "shared", split=split)
                asked.clear()
                claims_of: dict[str, list] = {}
                for brief in build_event_briefs(articles):
                    for c in brief.claims:
                        claims_of.setdefault(c.article_id, []).append(c)
                for g in articles:
                    matched = _match(g, sorted(claims_of.get(g.article.id, ()), key=lambda c: c.start))
                    for gf in g.figures:
                        c = matched.get(gf.id)
                        if c is None:
                            continue
                        p = c.primary_source
                        rule_ok = (p.kind == "unattributed") if not gf.source else (p.kind != "unattributed" and _link_ok(gf.source[-1], p))
                        found = asked.get((c.article_id, c.sentence_index), []) if p.kind == "unattributed" else []
                        cands = [
                            {"source": k.source.text, "readings": dict(k.readings),
                             "ok": bool(gf.source) and _link_ok(gf.source[-1], SourceLink(k.source.text, k.source.kind, k.source.organisation))}
                            for k in found
                        ]
                        f.write(json.dumps({"split": split, "article": g.path, "id": gf.id, "sentence": c.sentence_index,
                                            "rule_ok": rule_ok, "candidates": cands}, ensure_ascii=False) + "\n")
    finally:
        carry.choose, carry.active = original_choose, original_active


def _vector(readings: dict, vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros(len(vocab))
    for name, value in readings.items():
        j = vocab.get(name)
        if j is not None:
            x[j] = value
    return x


def fit(rows: list[dict], l2: float) -> dict[str, float]:
    seen = Counter(name for r in rows for c in r["candidates"] for name in c["readings"])
    vocab = {name: j for j, name in enumerate(sorted(n for n, k in seen.items() if k >= MIN_ROWS))}
    cands = [c for r in rows for c in r["candidates"]]
    if not cands:
        return {}
    X = np.array([_vector(c["readings"], vocab) for c in cands])
    y = np.array([float(c["ok"]) for c in cands])
    w = np.zeros(len(vocab))
    for _ in range(15):
        p = 1 / (1 + np.exp(-X @ w))
        w -= np.linalg.solve((X.T * (p * (1 - p))) @ X + l2 * np.eye(len(w)), X.T @ (p - y) + l2 * w)
    return {name: float(w[j]) for name, j in vocab.items()}


def decide(row: dict, weights: dict[str, float], threshold: float) -> dict | None:
    """The candidate chosen for the row's sentence, or None (the outlet's)."""
    best, top = None, -1.0
    for c in row["candidates"]:
        z = sum(weights.get(n, 0.0) * v for n, v in c["readings"].items())
        p = 1 / (1 + np.exp(-z))
        if p > top:
            best, top = c, p
    return best if best is not None and top >= threshold else None


def loo(rows: list[dict], l2: float) -> None:
    splits = list(dict.fromkeys(r["split"] for r in rows))
    n, rules = len(rows), sum(r["rule_ok"] for r in rows)
    print(f"{n} matched figures, {sum(bool(r['candidates']) for r in rows)} asked; rules {rules / n:.4f}")
    # one fit per held-out split, every threshold read from it
    weights_of = {held: fit([r for r in rows if r["split"] != held and r["candidates"]], l2) for held in splits}
    for t in THRESHOLDS:
        right, carried, gained, per = 0, 0, 0, Counter()
        for r in rows:
            c = decide(r, weights_of[r["split"]], t)
            ok = r["rule_ok"] if c is None else c["ok"]
            carried += c is not None
            gained += c is not None and c["ok"]
            per[r["split"]] += int(ok) - int(r["rule_ok"])
            right += ok
        late = sum(v for k, v in per.items() if k.startswith("fresh") and int(k[5:]) >= 19)
        print(f"L2 {l2} threshold {t}: {right / n:.4f} ({right - rules:+d}); carried {carried}, right {gained}; "
              f"fresh19..28 {late:+d}; by split {dict((k, v) for k, v in per.items() if v)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump", type=Path)
    ap.add_argument("--rows", type=Path)
    ap.add_argument("--loo", action="store_true")
    ap.add_argument("--l2", type=float, nargs="+", default=[1.0])
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--plain", action="store_true", help="leave the sentence's opening words out of the readings")
    args = ap.parse_args()
    if args.dump:
        dump(args.dump)
        return
    rows = [json.loads(line) for line in args.rows.open(encoding="utf-8")]
    if args.plain:
        for r in rows:
            for c in r["candidates"]:
                c["readings"] = {n: v for n, v in c["readings"].items() if not n.startswith(("first=", "opening="))}
    if args.loo:
        for l2 in args.l2:
            loo(rows, l2)
    if args.write:
        weights = fit(rows, args.l2[0])
        out = ROOT / "src/khabar/extract/claims/data/carry_model.json"
        out.write_text(json.dumps({
            "about": f"scripts/figure_source_ranker.py --write (spent frames splits dev..fresh28, L2 {args.l2[0]}, "
                     f"threshold {args.threshold}): the score of a source the sentences before name",
            "weights": {k: round(v, 4) for k, v in sorted(weights.items())}, "threshold": args.threshold,
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("wrote", out, len(weights), "weights")


if __name__ == "__main__":
    main()
