"""How far the discuss gate (``scripts/discuss_gate.py``) and a gate on the disagree calls could go
(issue 16, session 33; docs/measurements.md): development figures on the spent splits, reach on
unlabelled ANT, and the forecast on an unspent judge's pages from its committed before figures.

    python scripts/discuss_gate_sweep.py rows                 # every spent page's rows (cached)
    python scripts/discuss_gate_sweep.py folds [--lead] [--agree-at A] [--unrelated-at U]
    python scripts/discuss_gate_sweep.py reach 4242 4343      # pages a gate changes on ANT samples
    python scripts/discuss_gate_sweep.py forecast             # the unspent judges' discuss pages
    python scripts/discuss_gate_sweep.py signs                # disagree calls by source and sign
    python scripts/discuss_gate_sweep.py disagree             # a learnt gate on the head's disagree

Rows: each page of fresh3..fresh28 and drawn1..drawn9 (the shipped model) and of baly2018 folds
1-4 (the fold models), read as the check reads it (``build_discuss_gate.rows_of``): gold, the
check's label, the article head's own label, the gate's inputs and, with ``--lead``, four more
(the sentence head's agree and disagree on the lead, the lead's encoder and lexical cosine).
Leave-one-split-out: each set read by a gate fitted without it (baly's folds without the held-out
fold), the three kinds weighing alike.  Reach: the pages of ``stance_same_event_reach.draw`` (40
claims, 25 pages; today's named set) read once by the shipped model, each gate fitted on every
spent page.  The unspent splits are refused (``stance_experiments.refuse_unspent``).
"""

from __future__ import annotations

import argparse
import collections
import pickle
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from khabar.check import within_event_judgement
from khabar.check.features import analyse
from khabar.check.network import fit_network
from khabar.check.retrieve import doc_from_article
from khabar.evaluate.stance import LABELS as STANCES
from khabar.evaluate.stance import f1_scores
from khabar.model import Article

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_discuss_gate import DEV_SETS, page_row  # noqa: E402
from build_relatedness_gate import collect, kind_weights  # noqa: E402
from discuss_gate import AGREE_AT, GATE_FEATURES, LABELS, UNRELATED_AT  # noqa: E402

CACHE = Path("/tmp/stance-readings")
#: (lead inputs, agree at, unrelated at): the points measured for reach and the forecast.
POINTS = ((False, 0.5, 0.6), (False, 0.45, 0.6), (False, 0.4, 0.6), (False, 0.4, 0.55), (False, 0.35, 0.6),
          (False, 0.3, 0.6), (True, 0.5, 0.6), (True, 0.4, 0.6), (True, 0.4, 0.55), (True, 0.35, 0.6))
#: The unspent judges' pages called *discuss* by gold class, from their committed before figures
#: (docs/measurements.md, session 32; no page read): drawn10's confusion column (agree 2,
#: discuss 7, unrelated 9) plus drawn11's (agree 2, disagree 1, discuss 7, unrelated 1);
#: fresh29's solved from its per-class F1 and accuracy (agree 7 right of 10 calls, discuss 12 of
#: 29, unrelated 3 of 7; of its discuss column's 10 gold agree or unrelated pages, 6 and 4 taken).
JUDGES = {"drawn": {"agree": 4, "disagree": 1, "discuss": 14, "unrelated": 10},
          "fresh": {"agree": 6, "disagree": 7, "discuss": 12, "unrelated": 4}}


def rows(cache: Path = CACHE) -> list[dict]:
    path = cache / "discuss-gate-rows.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    out = collect(cache, DEV_SETS, page_rows)
    for r in out:
        r.pop("claim", None)
        r.pop("analysis", None)
    path.write_bytes(pickle.dumps(out))
    return out


def page_rows(model, pairs, rs, group: str) -> list[dict]:
    judged = model.judge_many(rs)
    out = []
    for p, r, j in zip(pairs, rs, judged):
        row = page_row(model, r)
        row.update(group=group, kind=group.rstrip("0123456789"), gold=p.stance,
                   label=within_event_judgement(p.claim, r.analysis, j).label)
        out.append(row)
    return out


def inputs(r: dict, lead: bool) -> np.ndarray:
    return np.concatenate([r["row"], r["lead"]]) if lead else r["row"]


def fitted(sel: list[dict], target: Callable[[str], str], labels: tuple[str, ...], lead: bool):
    kind_weights(sel)
    return fit_network(np.vstack([inputs(r, lead) for r in sel]), [target(r["gold"]) for r in sel], labels=labels,
                       l2=1.0, balance=0.0, sample_weight=np.array([r["weight"] for r in sel]))


def discuss_target(gold: str) -> str:
    return gold if gold in ("agree", "unrelated") else "discuss"


def is_discuss(r: dict) -> bool:
    return r["label"] == "discuss" and r["row"] is not None


def discuss_reader(agree_at: float, unrelated_at: float) -> Callable[[dict], str]:
    """The discuss gate's decision (``discuss_gate.DiscussGate.reads``) on a network's probabilities."""
    def reads(p: dict) -> str:
        if p["agree"] >= agree_at and p["agree"] >= p["unrelated"]:
            return "agree"
        return "unrelated" if p["unrelated"] >= unrelated_at else "discuss"
    return reads


def loo(rs: list[dict], read: Callable[[dict], bool], target, labels, decide, lead: bool = False) -> dict[int, str]:
    """Each page's label with each set's pages read by a gate fitted without that set."""
    new = {id(r): r["label"] for r in rs}
    sel = [r for r in rs if read(r)]
    for g in sorted({r["group"] for r in rs}):
        net = fitted([r for r in sel if r["group"] != g], target, labels, lead)
        for r in sel:
            if r["group"] == g:
                new[id(r)] = decide(dict(zip(net.labels, net.probabilities(inputs(r, lead)[None, :])[0].tolist())))
    return new


def report(rs: list[dict], new: dict[int, str], name: str = "") -> None:
    """Per kind: right pages, pages turned, mean and pooled macro-F1, mean disagree F1, sets whose
    right pages fell; then where the turned pages went."""
    print(name)
    for kind in ("drawn", "fresh", "baly"):
        per, pooled = [], []
        for g in sorted({r["group"] for r in rs if r["kind"] == kind}):
            rr = [r for r in rs if r["group"] == g]
            gold, before, after = [r["gold"] for r in rr], [r["label"] for r in rr], [new[id(r)] for r in rr]
            (_, m0, f0), (_, m1, f1) = f1_scores(gold, before, STANCES), f1_scores(gold, after, STANCES)
            per.append((m0, m1, f0.get("disagree", 0.0), f1.get("disagree", 0.0), sum(map(str.__eq__, gold, before)),
                        sum(map(str.__eq__, gold, after)), sum(map(str.__ne__, before, after)), len(rr)))
            pooled += list(zip(gold, before, after))
        a = np.array(per)
        pm = [f1_scores([x[0] for x in pooled], [x[k] for x in pooled], STANCES)[1] for k in (1, 2)]
        print(f"  {kind}: right {int(a[:, 4].sum())} -> {int(a[:, 5].sum())}, turned {int(a[:, 6].sum())} of "
              f"{int(a[:, 7].sum())} ({100 * a[:, 6].sum() / a[:, 7].sum():.1f} %), mean macro-F1 {a[:, 0].mean():.4f} -> "
              f"{a[:, 1].mean():.4f}, mean disagree F1 {a[:, 2].mean():.4f} -> {a[:, 3].mean():.4f}, pooled macro-F1 "
              f"{pm[0]:.4f} -> {pm[1]:.4f}, sets with fewer right {int((a[:, 5] < a[:, 4]).sum())}")
    moved = collections.Counter((r["kind"], r["gold"], r["label"], new[id(r)]) for r in rs if new[id(r)] != r["label"])
    for k in sorted(moved):
        print("    turned (kind, gold, from, to)", k, moved[k])


def reach_rows(seed: int, cache: Path = CACHE) -> list[dict]:
    path = cache / f"discuss-gate-reach-{seed}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from khabar.check.meaning_model import PairReading, bundled_model, read_claim_batch
    from khabar.relate.embeddings import get_encoder
    from stance_same_event_reach import draw

    model = bundled_model()
    encode = get_encoder(model.encoder).encode
    out = []
    for f, title, near in draw(seed, 40, 25):
        analyses = analyse(title, [doc_from_article(Article.create(title=t, body=body)) for _, t, body in near])
        claim, cands = read_claim_batch(title, analyses, encode)
        rs = [PairReading(claim, an, c) for an, c in zip(analyses, cands)]
        for (g, _, _), r, j in zip(near, rs, model.judge_many(rs)):
            row = page_row(model, r)
            row.update(claim_file=f, page=g, label=within_event_judgement(title, r.analysis, j).label)
            out.append(row)
        print(f"  {len(out)} pages", flush=True)
    path.write_bytes(pickle.dumps(out))
    return out


def cmd_reach(rs: list[dict], seeds: list[int]) -> None:
    ant = [r for s in seeds for r in reach_rows(s)]
    print(f"ANT pages {len(ant)}: {dict(collections.Counter(r['label'] for r in ant))}")
    for lead, agree_at, unrelated_at in POINTS:
        net = fitted([r for r in rs if is_discuss(r)], discuss_target, LABELS, lead)
        read = discuss_reader(agree_at, unrelated_at)
        changed = collections.Counter()
        for r in ant:
            if is_discuss(r):
                to = read(dict(zip(net.labels, net.probabilities(inputs(r, lead)[None, :])[0].tolist())))
                if to != "discuss":
                    changed[to] += 1
        n = sum(changed.values())
        print(f"lead {lead} agree {agree_at} unrelated {unrelated_at}: {n} of {len(ant)} pages changed "
              f"({100 * n / len(ant):.1f} %) {dict(changed)}")


def cmd_forecast(rs: list[dict], draws: int = 20000) -> None:
    """Each judge's discuss pages turned as the spent pages of their kind and gold class turned
    under leave-one-split-out: the net change in right pages (gains: gold agree to agree, gold
    unrelated to unrelated; losses: gold discuss turned)."""
    rng = np.random.default_rng(7)
    for lead, agree_at, unrelated_at in POINTS:
        new = loo(rs, is_discuss, discuss_target, LABELS, discuss_reader(agree_at, unrelated_at), lead)
        nets = {}
        for kind, comp in JUDGES.items():
            net = np.zeros(draws)
            for gold, k in comp.items():
                went = collections.Counter(new[id(r)] for r in rs if r["kind"] == kind and is_discuss(r) and r["gold"] == gold)
                if not went:
                    continue
                to = list(went)
                n = rng.multinomial(k, np.array([went[t] for t in to], dtype=float) / sum(went.values()), size=draws)
                for i, t in enumerate(to):
                    if gold == "discuss" and t != "discuss":
                        net -= n[:, i]
                    elif gold != "discuss" and t == gold:
                        net += n[:, i]
            nets[kind] = net
            print(f"lead {lead} {agree_at} / {unrelated_at} {kind} judges: net {net.mean():+.2f} (sd {net.std():.2f}), "
                  f"P(>= +1) {np.mean(net >= 1):.2f}, P(>= +2) {np.mean(net >= 2):.2f}, P(< 0) {np.mean(net < 0):.2f}")
        both = nets["drawn"] + nets["fresh"]
        print(f"    pooled P(>= +2) {np.mean(both >= 2):.2f}")


def _sign(r: dict) -> str:
    if r["row"] is None:
        return "no candidates"
    if r["row"][GATE_FEATURES.index("contrary_best")]:
        return "sign in the best"
    return "sign elsewhere" if r["row"][GATE_FEATURES.index("contrary_any")] else "no sign"


def cmd_signs(rs: list[dict]) -> None:
    for kind in ("drawn", "fresh", "baly"):
        c = collections.Counter(("head" if r["head"] == "disagree" else "reading", _sign(r), r["gold"] == "disagree")
                                for r in rs if r["kind"] == kind and r["label"] == "disagree")
        print(kind, {f"{a}, {b}, {'right' if ok else 'wrong'}": n for (a, b, ok), n in sorted(c.items())})
    for name, keep in (("no sign", ("sign in the best", "sign elsewhere")), ("none in the best", ("sign in the best",))):
        new = {id(r): "discuss" if r["label"] == "disagree" and r["head"] == "disagree" and r["row"] is not None
               and _sign(r) not in keep else r["label"] for r in rs}
        report(rs, new, f"the head's disagree with {name} -> discuss")


def cmd_disagree(rs: list[dict]) -> None:
    def target(gold: str) -> str:
        return gold if gold in ("agree", "disagree") else "other"

    def head_disagree(r: dict) -> bool:
        return r["label"] == "disagree" and r["head"] == "disagree" and r["row"] is not None

    for agree_at, other_at in ((0.5, 0.6), (0.5, 0.7), (0.5, 0.8), (0.4, 0.7), (0.6, 0.7), (1.1, 0.7), (0.5, 1.1)):
        def decide(p: dict, agree_at=agree_at, other_at=other_at) -> str:
            if p["agree"] >= agree_at and p["agree"] >= p["other"]:
                return "agree"
            return "discuss" if p["other"] >= other_at else "disagree"
        report(rs, loo(rs, head_disagree, target, ("agree", "disagree", "other"), decide),
               f"the head's disagree, agree at {agree_at}, discuss at {other_at}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("rows", "folds", "reach", "forecast", "signs", "disagree"))
    ap.add_argument("seeds", nargs="*", type=int)
    ap.add_argument("--lead", action="store_true")
    ap.add_argument("--agree-at", type=float, default=AGREE_AT)
    ap.add_argument("--unrelated-at", type=float, default=UNRELATED_AT)
    args = ap.parse_args()
    rs = rows()
    if args.command == "rows":
        print(f"{len(rs)} pages: {dict(collections.Counter((r['kind'], r['label']) for r in rs))}")
    elif args.command == "folds":
        report(rs, loo(rs, is_discuss, discuss_target, LABELS, discuss_reader(args.agree_at, args.unrelated_at), args.lead),
               f"discuss gate, lead inputs {args.lead}, agree at {args.agree_at}, unrelated at {args.unrelated_at}")
    elif args.command == "reach":
        cmd_reach(rs, args.seeds or [4242, 4343])
    elif args.command == "forecast":
        cmd_forecast(rs)
    elif args.command == "signs":
        cmd_signs(rs)
    else:
        cmd_disagree(rs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
