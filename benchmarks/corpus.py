"""Generate a large perturbed corpus from the bundled examples and the seeds.

Nothing generated is committed: benchmarks build it at run time.  Each generated article
takes a base article, reorders some paragraphs, splices in a paragraph from another
article, rewrites figures and spellings, and gets a random outlet and date, so every id is
distinct while the text stays realistic Arabic newswire.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

OUTLETS = ["وكالة أ", "صحيفة ب", "قناة ج", "موقع د", "إذاعة هـ", "شبكة و"]
_SPELLING = [("أ", "ا"), ("إ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "ئ")]


def base_texts() -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of every example and seed article."""
    paths = sorted((ROOT / "examples").rglob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    out = []
    for p in paths:
        text = p.read_text(encoding="utf-8-sig")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if len(lines) >= 3:
            out.append((lines[0], lines[1:]))
    if not out:
        raise SystemExit("no example or seed articles found to build the corpus from")
    return out


def perturb(rng: random.Random, title: str, paragraphs: list[str], donor: list[str]) -> tuple[str, str]:
    paras = list(paragraphs)
    if len(paras) > 3:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    paras.insert(rng.randrange(1, len(paras) + 1), rng.choice(donor))
    body = "\n\n".join(paras)
    body = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(0, 9)), body)
    a, b = rng.choice(_SPELLING)
    body = body.replace(a, b, rng.randint(1, 5))
    return f"{title} ({rng.randint(1, 10**9)})", body


def generate(n: int, out_dir: Path, *, seed: int = 13) -> list[Path]:
    rng = random.Random(seed)
    bases = base_texts()
    out_dir.mkdir(parents=True, exist_ok=True)
    start = dt.date(2016, 11, 1)
    paths = []
    for i in range(n):
        title, paras = bases[i % len(bases)]
        _t, donor = rng.choice(bases)
        new_title, body = perturb(rng, title, paras, donor)
        meta = (
            f"---\noutlet: {rng.choice(OUTLETS)}\n"
            f"published: {(start + dt.timedelta(days=rng.randrange(60))).isoformat()}\n---\n"
        )
        p = out_dir / f"{i // 1000:03d}" / f"a{i:06d}.txt"
        p.parent.mkdir(exist_ok=True)
        p.write_text(meta + new_title + "\n" + body + "\n", encoding="utf-8")
        paths.append(p)
    return paths
