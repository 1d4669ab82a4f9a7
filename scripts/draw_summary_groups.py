"""Draw multi-outlet ANT groups for a new summary gold split (issue 18's labellers).

Rebuilt in session 32 from the rules recorded in ``tests/gold/summaries/README.md`` (the
session-31 scratch ``draw40.py`` was lost with /tmp at the restart), so the passes below are this
script's reading of those rules, not the lost code: groups may differ at the edges.

Pass 2: two shared distinctive title words, within two days, at most 10 articles.
Pass 3: the same within three days, at most 12 articles, no pass-2 article.
Pass 4: three shared distinctive words of the title plus the first body sentence, within two
        days, at most 12 articles, no pass-2 or pass-3 article.
Pass 5: three shared distinctive words of the title plus the first two body sentences, within
        three days, at most 12 articles, no article of a pass-2, -3 or -4 group.
A word is distinctive when fewer than 100 of the texts compared hold it.  Links join articles of
different outlets; a group is a connected component with three outlets or more.  Articles that
any text file of main or of a worktree names are left out before linking.  Groups of four
outlets or more come first, then the rest, each in the seeded order.

    python scripts/draw_summary_groups.py --seed 41414141 --pass 5 [--exclude-root /work/main ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANT = ROOT.parent / "shared" / "corpora" / "ant"
_KEY = re.compile(r"\b([A-Z]{2}-[A-Za-z]+-\d+-\d{8})\b")
_DIAC = re.compile("[\u064b-\u0652\u0640]")
_WORD = re.compile("[\u0621-\u064a]{3,}")
_SENT = re.compile(r"(?<=[.!?\u061f])\s+|\n+")


def norm_words(text: str) -> set[str]:
    text = _DIAC.sub("", text)
    text = re.sub("[\u0622\u0623\u0625]", "\u0627", text).replace("\u0649", "\u064a").replace("\u0629", "\u0647")
    return set(_WORD.findall(text))


def read_ant():
    """key -> (path, outlet, date, title, body sentences)."""
    out = {}
    for path in sorted(ANT.rglob("*.txt")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        key = path.stem
        m = re.search(r"(\d{8})$", key)
        if not m:
            continue
        title = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        sents = [s.strip() for s in _SENT.split(body.group(1) if body else "") if s.strip()]
        out[key] = (path.relative_to(ANT).as_posix(), path.parts[-3], dt.date(int(m[1][:4]), int(m[1][4:6]), int(m[1][6:])),
                    title.group(1).strip() if title else "", sents)
    return out


def named_keys(roots: list[Path]) -> set[str]:
    found: set[str] = set()
    for root in roots:
        for path in root.rglob("*"):
            if ".venv" in path.parts or ".git" in path.parts or not path.is_file():
                continue
            try:
                found.update(_KEY.findall(path.read_text(encoding="utf-8")))
            except (UnicodeDecodeError, OSError):
                continue
    return found


def groups(ant, keys, text_of, shared: int, days: int, max_size: int):
    words = {k: norm_words(text_of(ant[k])) for k in keys}
    df = defaultdict(int)
    for ws in words.values():
        for w in ws:
            df[w] += 1
    posting = defaultdict(list)
    for k, ws in words.items():
        for w in ws:
            if df[w] < 100:
                posting[w].append(k)
    pair = defaultdict(int)
    for ks in posting.values():
        for i, a in enumerate(ks):
            for b in ks[i + 1:]:
                if ant[a][1] != ant[b][1] and abs((ant[a][2] - ant[b][2]).days) <= days:
                    pair[(a, b) if a < b else (b, a)] += 1
    parent = {k: k for k in keys}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (a, b), n in pair.items():
        if n >= shared:
            parent[find(a)] = find(b)
    comp = defaultdict(list)
    for k in keys:
        comp[find(k)].append(k)
    return [sorted(c) for c in comp.values()
            if 1 < len(c) <= max_size and len({ant[k][1] for k in c}) >= 3]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--pass", dest="pass_", type=int, default=5, choices=(2, 3, 4, 5))
    ap.add_argument("--exclude-root", type=Path, action="append", default=[])
    args = ap.parse_args()
    ant = read_ant()
    excluded = named_keys(args.exclude_root or [ROOT])
    keys = sorted(k for k in ant if k not in excluded)
    title = lambda a: a[3]
    lead1 = lambda a: a[3] + " " + " ".join(a[4][:1])
    lead2 = lambda a: a[3] + " " + " ".join(a[4][:2])
    used: set[str] = set()
    passes = {}
    passes[2] = groups(ant, keys, title, 2, 2, 10)
    used |= {k for g in passes[2] for k in g}
    passes[3] = groups(ant, [k for k in keys if k not in used], title, 2, 3, 12)
    used |= {k for g in passes[3] for k in g}
    passes[4] = groups(ant, [k for k in keys if k not in used], lead1, 3, 2, 12)
    used |= {k for g in passes[4] for k in g}
    passes[5] = groups(ant, [k for k in keys if k not in used], lead2, 3, 3, 12)
    print(f"# {len(excluded)} keys excluded; groups by pass: " + ", ".join(f"{p}: {len(g)}" for p, g in passes.items()))
    chosen = sorted(passes[args.pass_], key=lambda g: g[0])
    random.Random(args.seed).shuffle(chosen)
    chosen.sort(key=lambda g: len({ant[k][1] for k in g}) < 4)  # stable: 4+ outlets first
    for i, g in enumerate(chosen, 1):
        print(f"## group {i}: {len({ant[k][1] for k in g})} outlets, {len(g)} articles")
        for k in sorted(g, key=lambda k: (ant[k][2], k)):
            print(f"  {ant[k][2]} {ant[k][0]}  {ant[k][3]}")


if __name__ == "__main__":
    main()
