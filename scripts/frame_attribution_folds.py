"""Attribution of every gold figure of ``tests/gold/frames.json``, and a comparison of two runs
by split and by 5 folds of whole articles over the pooled dev + fresh2..fresh7 (issue 15).

A rule or a reader of the attribution code is judged by the folds it changes: dump the figures
with the code as it was (another checkout's ``src`` on ``PYTHONPATH``) and as it is, then
compare::

    git archive main src | tar -x -C /tmp/base
    cp src/khabar/evaluate/frames.py /tmp/base/src/khabar/evaluate/   # the same matching both sides
    PYTHONPATH=/tmp/base/src python scripts/frame_attribution_folds.py --out /tmp/before.jsonl
    python scripts/frame_attribution_folds.py --out /tmp/after.jsonl
    python scripts/frame_attribution_folds.py --compare /tmp/before.jsonl /tmp/after.jsonl [--changes]

Figures are scored as ``khabar eval extract`` scores them (the briefs of each gold event, one-to-one
matching, lenient and strict source rules); the ``test`` split is never read.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPLITS = ("dev", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7", "fresh8", "fresh9", "fresh10", "fresh11", "fresh12")
POOL = SPLITS[:-5]  # fresh8 to fresh12 stay apart (fresh11 and fresh12 spent in session 15)


def dump(out: Path, splits: tuple[str, ...]) -> None:
    from khabar.evaluate.frames import _match, _source_ok, build_event_briefs, load_frames

    with out.open("w", encoding="utf-8") as f:
        for split in splits:
            articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=ROOT.parent / "shared", split=split)
            claims_of: dict[str, list] = {}
            for brief in build_event_briefs(articles):
                for c in brief.claims:
                    claims_of.setdefault(c.article_id, []).append(c)
            for g in articles:
                matched = _match(g, sorted(claims_of.get(g.article.id, ()), key=lambda c: c.start))
                for gf in g.figures:
                    c = matched.get(gf.id)
                    rec: dict = {"split": split, "article": g.path, "id": gf.id, "matched": c is not None}
                    if c is not None:
                        rec.update(lenient=_source_ok(gf.source, c), strict=_source_ok(gf.source, c, strict=True),
                                   got=[f"{link.text}<{link.kind}>" for link in c.source_chain],
                                   gold=[list(x) for x in gf.source])
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def compare(before: Path, after: Path, *, folds: int, seed: int, changes: bool) -> None:
    def load(p: Path) -> dict:
        return {(r["article"], r["id"]): r for r in map(json.loads, p.open(encoding="utf-8"))}

    a, b = load(before), load(after)
    both = [k for k in a if k in b and a[k]["matched"] and b[k]["matched"]]

    def line(name: str, keys: list) -> str:
        n = len(keys) or 1
        la, lb = sum(a[k]["lenient"] for k in keys), sum(b[k]["lenient"] for k in keys)
        sa, sb = sum(a[k]["strict"] for k in keys), sum(b[k]["strict"] for k in keys)
        return f"{name:8s} {len(keys):4d} figures  lenient {la / n:.3f} -> {lb / n:.3f}  strict {sa / n:.3f} -> {sb / n:.3f}"

    for split in dict.fromkeys(r["split"] for r in a.values()):
        print(line(split, [k for k in both if a[k]["split"] == split]))
    pool = sorted({a[k]["article"] for k in both if a[k]["split"] in POOL})
    random.Random(seed).shuffle(pool)
    for i in range(folds):
        held = set(pool[i::folds])
        print(line(f"fold {i}", [k for k in both if a[k]["article"] in held]))
    if changes:
        for k in both:
            if a[k]["got"] != b[k]["got"]:
                print(k[1], a[k]["got"], "->", b[k]["got"], "gold", b[k]["gold"] or "unattributed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="write one JSON line per gold figure")
    ap.add_argument("--splits", nargs="+", default=list(SPLITS), choices=SPLITS)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--changes", action="store_true", help="list every figure whose source changed")
    args = ap.parse_args()
    if args.out:
        dump(args.out, tuple(args.splits))
    if args.compare:
        compare(*args.compare, folds=args.folds, seed=args.seed, changes=args.changes)
    if not args.out and not args.compare:
        ap.error("--out or --compare")


if __name__ == "__main__":
    main()
