"""What a change to the claims reader would move on a judge's pool of frames articles (issue 15).

    KHABAR_PURE=1 python scripts/frames_pool_forecast.py --against OTHER/src [--figure catsrc]
        [--from fresh36] [--pool 143] [--draws 20000] [--all-sections]

Over the spent frames splits only (``SPENT`` of ``scripts/unread_sources.py``; the unspent ones are
never read), every gold figure is scored twice with the scorer's own matching (``_match``, the
category test and the lenient ``_source_ok`` that ``khabar eval extract`` counts): once by the khabar
of ``--against`` (a baseline checkout's ``src``, e.g. a ``git archive`` of main) and once by this
checkout's, each in a process of its own.  The per-article difference of the judge's count
(``catsrc``: claims (+category+source) found; ``cat``: +category found; ``src``: the source right;
``found``: the value matched) is then resampled: articles drawn with replacement, from the splits
from ``--from`` on, until a pool holds ``--pool`` gold figures, as a judge's pool does.

Why ``--from`` (session 37): the pooled readings of sessions 34-36 moved +75 on all spent
internationalNews/middleEast articles (resampled 143-figure pools: mean +5.7) but +3 on the 60
articles of fresh36..fresh41, the splits drawn by ``draw_frame_articles.py`` as the judges' pools
are (mean +1.2), and the session-36 judge on fresh39..fresh41 saw +2: forecast from the splits drawn
the way the judge's pool was drawn.  By default only ANT internationalNews/middleEast articles count
(what the frames judges are drawn from).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from unread_sources import SPENT  # noqa: E402  (the one list of spent frames splits)

FIGURES = ("catsrc", "cat", "src", "found")


def judged_section(path: str) -> bool:
    """An ANT internationalNews or middleEast article: what the frames judges' pools hold."""
    return path.startswith("ant/") and ("internationalNews" in path or "middleEast" in path)


def _rows(out: Path) -> None:
    """One JSON line per spent gold figure: found, category right, source right (this process's khabar)."""
    from khabar.evaluate.frames import _match, _source_ok, build_event_briefs, claims_by_article, load_frames

    shared = ROOT.parent / "shared" if (ROOT.parent / "shared").exists() else Path("/work/shared")
    with out.open("w", encoding="utf-8") as handle:
        for split in SPENT:
            articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=shared, split=split)
            claims_of = claims_by_article(build_event_briefs(articles))
            for g in articles:
                matched = _match(g, claims_of.get(g.article.id, []))
                for gf in g.figures:
                    c = matched.get(gf.id)
                    row = {"split": split, "article": g.path, "id": gf.id, "found": c is not None,
                           "cat": c is not None and (c.category or "") == gf.category,
                           "src": c is not None and _source_ok(gf.source, c)}
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _value(row: dict, figure: str) -> int:
    if figure == "catsrc":
        return int(row["cat"] and row["src"])
    return int(row[figure])


def per_article(base: list[dict], new: list[dict], figure: str, *, first: str, all_sections: bool) -> dict:
    """(split, article) -> [delta of the figure, gold figures, figures up, figures down], from split ``first`` on."""
    order = list(SPENT)
    before = {(r["split"], r["article"], r["id"]): r for r in base}
    out: dict = defaultdict(lambda: [0, 0, 0, 0])
    for r in new:
        key = (r["split"], r["article"], r["id"])
        if order.index(r["split"]) < order.index(first) or not (all_sections or judged_section(r["article"])):
            continue
        d = _value(r, figure) - _value(before[key], figure)
        v = out[key[:2]]
        v[0] += d
        v[1] += 1
        v[2] += d > 0
        v[3] += d < 0
    return dict(out)


def resample(per: dict, *, pool: int, draws: int, seed: int = 37) -> list[int]:
    """The figure's delta on ``draws`` pools of articles drawn with replacement until ``pool`` gold figures."""
    rng = random.Random(seed)
    arts = [v for v in per.values() if v[1]]
    deltas = []
    for _ in range(draws):
        gold = delta = 0
        while gold < pool:
            v = rng.choice(arts)
            gold += v[1]
            delta += v[0]
        deltas.append(delta)
    return deltas


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, help="the baseline checkout's src (e.g. a git archive of main)")
    parser.add_argument("--figure", choices=FIGURES, default="catsrc")
    parser.add_argument("--from", dest="first", default="fresh36", choices=SPENT, help="first spent split resampled")
    parser.add_argument("--pool", type=int, default=143, help="gold figures in a pool")
    parser.add_argument("--draws", type=int, default=20000)
    parser.add_argument("--all-sections", action="store_true", help="every article, not only ANT intl/ME")
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rows:
        _rows(args.rows)
        return
    if args.against is None:
        parser.error("--against OTHER/src is needed")
    work = Path(os.environ.get("TMPDIR", "/tmp"))
    tables = []
    for name, src in (("base", args.against.resolve()), ("new", ROOT / "src")):
        out = work / f"frames_pool_forecast.{os.getpid()}.{name}.jsonl"
        env = {**os.environ, "PYTHONPATH": str(src)}
        subprocess.run([sys.executable, __file__, "--rows", str(out)], env=env, check=True)
        tables.append([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
        out.unlink()
    per = per_article(*tables, args.figure, first=args.first, all_sections=args.all_sections)
    deltas = resample(per, pool=args.pool, draws=args.draws)
    n = len(deltas)
    mean = sum(deltas) / n
    sd = (sum((x - mean) ** 2 for x in deltas) / n) ** 0.5
    print(f"{args.figure} from {args.first}: {len(per)} articles, {sum(v[1] for v in per.values())} gold, "
          f"delta {sum(v[0] for v in per.values()):+d} (up {sum(v[2] for v in per.values())}, down "
          f"{sum(v[3] for v in per.values())}), {sum(1 for v in per.values() if v[2] or v[3])} articles changed")
    print(f"pools of {args.pool} gold: mean {mean:+.2f}, s.d. {sd:.2f}; P(delta >= k): "
          + ", ".join(f"{k}: {sum(x >= k for x in deltas) / n:.3f}" for k in range(7)))


if __name__ == "__main__":
    main()
