"""Draw real articles for a new speaker gold split (issue 20), never used by any gold file.

    python scripts/draw_speaker_articles.py --seed 7 --ant 11 --baly 5

Candidates: ANT articles (two per outlet and category at most) and Baly 2018 pages of folds
1-4 whose claim file no gold file names, of 1,200-3,500 characters with at least five
reporting-verb forms (the "say" class of ``reporting_verbs.txt``), sharing no run of six
words with an article of ``tests/gold/speakers.json`` or ``frames.json`` (wire copy repeated
across outlets would make a "new" article an old one).  Articles named anywhere under
``tests/`` (gold files, the ANT-100 digest list) are left out.  Prints the gold paths.
Only claim files listed under folds 1-4 of ``train_test_splits.txt`` are opened (fold 5 is
held out).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from khabar.errors import InputError
from khabar.evaluate.extraction import article_loader
from khabar.extract.attribution.verbs import forms_of, reporting_verbs
from khabar.text.ar.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"

_ANT_PATH = re.compile(r"(?:ant/)?((?:Alarabia|BBC|CNN|France24|SkyNews)/[A-Za-z]+/[A-Z]{2}-[A-Za-z]+-\d+-\d+\.txt)")
_BALY_FILE = re.compile(r"([RV]-\d+)\.json")


def used_in_tests() -> tuple[set[str], set[str]]:
    """ANT paths (outlet/category/file) and Baly claim ids named anywhere under tests/."""
    ant: set[str] = set()
    baly: set[str] = set()
    for p in (ROOT / "tests").rglob("*"):
        if p.suffix not in (".json", ".jsonl", ".py", ".md", ".txt") or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="ignore")
        ant.update(_ANT_PATH.findall(text))
        baly.update(_BALY_FILE.findall(text))
    return ant, baly


def folds_1_to_4() -> set[str]:
    """Claim ids listed under Fold_1 .. Fold_4 of the splits file: nothing else is opened."""
    out: set[str] = set()
    for line in (CORPORA / "baly2018" / "train_test_splits.txt").read_text().splitlines():
        name, _, ids = line.partition(":")
        if name.strip() in ("Fold_1", "Fold_2", "Fold_3", "Fold_4"):
            out.update(ids.split())
    return out


def baly_pages(rng: random.Random, used: set[str], fits, want: int) -> list[str]:
    """Up to ``want`` pages of Baly claim files of folds 1-4 not in ``used``, one per claim
    file, the first page of each shuffled file that ``fits``."""
    picked: list[str] = []
    claims = sorted(c for c in folds_1_to_4() if c not in used)
    rng.shuffle(claims)
    for claim in claims:
        if len(picked) >= want:
            break
        n = len(json.loads((CORPORA / "baly2018" / "dataset" / f"{claim}.json").read_text(encoding="utf-8"))["article"])
        for i in rng.sample(range(n), n):
            path = f"baly2018/dataset/{claim}.json#{i}"
            if fits(path):
                picked.append(path)
                break
    return picked


def say_forms() -> frozenset[str]:
    return frozenset(f for v in reporting_verbs() if v.cls == "say" for f in forms_of(v))


def shingles(text: str, n: int = 6) -> set[tuple[str, ...]]:
    words = normalize(text).split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def attribution_words(text: str, forms: frozenset[str]) -> int:
    return sum(1 for w in normalize(text).split() if w in forms or (w[:1] in "وف" and w[1:] in forms))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--ant", type=int, default=11)
    ap.add_argument("--baly", type=int, default=5)
    args = ap.parse_args()
    load = article_loader(root=ROOT, shared=SHARED)
    ant_used, baly_used = used_in_tests()
    old: set[tuple[str, ...]] = set()
    for gold in ("speakers.json", "frames.json"):
        for entry in json.loads((ROOT / "tests" / "gold" / gold).read_text(encoding="utf-8"))["articles"]:
            old |= shingles(load(entry["path"]).text)
    forms = say_forms()
    rng = random.Random(args.seed)

    def fits(path: str) -> bool:
        try:
            text = load(path).text
        except InputError:  # a Baly page mostly in Latin letters (R-307.json#7) is no Arabic article
            return False
        return 1200 <= len(text) <= 3500 and attribution_words(text, forms) >= 5 and not (shingles(text) & old)

    ant_all = sorted(str(p.relative_to(CORPORA / "ant")) for p in (CORPORA / "ant").glob("*/*/*.txt"))
    rng.shuffle(ant_all)
    picked: list[str] = []
    per_folder: dict[str, int] = {}
    per_outlet: dict[str, int] = {}
    for rel in ant_all:
        if len(picked) >= args.ant:
            break
        outlet, cat = rel.split("/")[:2]
        if rel in ant_used or per_folder.get(rel.rsplit("/", 1)[0], 0) >= 1 or per_outlet.get(outlet, 0) >= -(-args.ant // 5):
            continue
        if cat in ("culture", "technology"):
            continue
        if fits("ant/" + rel):
            picked.append("ant/" + rel)
            per_folder[rel.rsplit("/", 1)[0]] = per_folder.get(rel.rsplit("/", 1)[0], 0) + 1
            per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
    picked += baly_pages(rng, baly_used, fits, args.baly)
    print("\n".join(picked))


if __name__ == "__main__":
    main()
