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


# --- many distinct events (story clustering at scale) ---------------------------------------

#: Letters that no Arabic prefix or suffix rule strips: an event's tag made of them stays on
#: every stem, so two events built from the same base article share no content word.
_TAG_LETTERS = "ثجحخدذرزسشصضطظعغفق"
_WORD = re.compile(r"[\u0621-\u064A]{3,}")


def event_tag(k: int) -> str:
    """Three letters naming event ``k`` (18**3 = 5,832 distinct tags, then they repeat)."""
    n = len(_TAG_LETTERS)
    return _TAG_LETTERS[k % n] + _TAG_LETTERS[k // n % n] + _TAG_LETTERS[k // n**2 % n]


def _tagged(text: str, tag: str) -> str:
    return _WORD.sub(lambda m: m.group() + tag, text)


def generate_events(
    n: int, out_dir: Path, *, seed: int = 13, mean_event_size: float = 8.0, days: int = 60
) -> list[Path]:
    """``n`` articles in events of random size (1 + exponential, mean ``mean_event_size``).

    :func:`generate` draws every article from the same ~20 base texts, so at 100k articles
    each "event" has thousands of near-copies alive at once: no news stream looks like
    that.  Here each event is a base text whose longer words carry the event's tag
    (:func:`event_tag`), so events built from the same base share no content word, and its
    articles are perturbed copies (as in :func:`generate`) dated over three days from the
    event's day.  Files are numbered in a shuffled order, so an event's articles are spread
    through the corpus.  Returns the paths in file order.
    """
    rng = random.Random(seed)
    bases = base_texts()
    out_dir.mkdir(parents=True, exist_ok=True)
    start = dt.date(2016, 11, 1)
    slots = list(range(n))
    rng.shuffle(slots)
    paths: list[Path | None] = [None] * n
    i = k = 0
    while i < n:
        size = min(n - i, 1 + int(rng.expovariate(1 / max(mean_event_size - 1, 1e-9))))
        title, paras = rng.choice(bases)
        tag = event_tag(k)
        day = start + dt.timedelta(days=rng.randrange(days))
        for _ in range(size):
            _t, donor = rng.choice(bases)
            new_title, body = perturb(rng, title, paras, donor)
            meta = (
                f"---\noutlet: {rng.choice(OUTLETS)}\n"
                f"published: {(day + dt.timedelta(days=rng.randrange(3))).isoformat()}\n---\n"
            )
            slot = slots[i]
            p = out_dir / f"{slot // 1000:03d}" / f"a{slot:06d}.txt"
            p.parent.mkdir(exist_ok=True)
            p.write_text(meta + _tagged(new_title, tag) + "\n" + _tagged(body, tag) + "\n", encoding="utf-8")
            paths[slot] = p
            i += 1
        k += 1
    return [p for p in paths if p is not None]


ANT = SHARED / "corpora" / "ant"


def ant_window(n: int, *, since: str = "20180401", ant: Path = ANT) -> list[Path]:
    """The first ``n`` ANT files published on or after ``since`` (YYYYMMDD, read from the
    file name), ordered by day then path: a stretch of days of real news across the five
    outlets, so a larger ``n`` is a longer stretch and every smaller set is inside it."""
    dated = []
    for p in ant.rglob("*.txt"):
        m = re.search(r"-(\d{8})\.txt$", p.name)
        if m and m.group(1) >= since:
            dated.append((m.group(1), p.relative_to(ant).as_posix(), p))
    dated.sort()
    if len(dated) < n:
        raise SystemExit(f"only {len(dated)} ANT files from {since} in {ant}")
    return [p for _day, _rel, p in dated[:n]]
