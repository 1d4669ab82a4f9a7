"""Draw real articles for a new frames gold split (issue 15), never used by any gold file.

    python scripts/draw_frame_articles.py --seed 20261206 --ant 5 --baly 3 --easc 1

Aimed at attribution: ANT articles (sport left out, one per outlet and category), Baly 2018
pages of folds 1-4 whose claim file no gold file names, and EASC articles of topics whose
number does not divide by 3; 900-3,000 characters, at least six digits and at least three
sentences holding both a digit and an attribution word (a "say" form of
``reporting_verbs.txt``, بحسب, وفق, نقلا), so that several speakers, statements and relayed
sources come with the figures.  Articles named anywhere
under ``tests/``, ``docs/`` or ``benchmarks/`` of any worktree beside this one are left out,
and so is an article sharing a run of six words with one of ``frames.json``,
``speakers.json`` or ``names.json`` (wire copy repeated across outlets).  Only claim files
of folds 1-4 of ``train_test_splits.txt`` are opened (fold 5 is held out).  Prints the paths.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from khabar.errors import InputError
from khabar.evaluate.extraction import article_loader
from khabar.text.ar.normalize import normalize

import draw_speaker_articles as speakers  # noqa: E402  (same folder)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"
_EASC = re.compile(r"Topic(\d+)/([^\"'\n]+?\.txt)")
_DIGIT = re.compile(r"[0-9\u0660-\u0669]+")


def used_anywhere() -> tuple[set[str], set[str], set[str]]:
    """ANT paths, Baly claim ids and EASC articles named under tests/, docs/ or benchmarks/ of every worktree."""
    ant: set[str] = set()
    baly: set[str] = set()
    easc: set[str] = set()
    for tree in [ROOT, *ROOT.parent.glob("*/")]:
        for sub in ("tests", "docs", "benchmarks"):
            for p in (tree / sub).rglob("*"):
                if p.suffix not in (".json", ".jsonl", ".py", ".md", ".txt") or not p.is_file():
                    continue
                text = p.read_text(encoding="utf-8", errors="ignore")
                ant.update(speakers._ANT_PATH.findall(text))
                baly.update(speakers._BALY_FILE.findall(text))
                easc.update(f"Topic{t}/{n}" for t, n in _EASC.findall(text))
    return ant, baly, easc


def attribution_words(text: str, forms: frozenset[str]) -> int:
    extra = {"بحسب", "حسب", "وفق", "وفقا", "نقلا"}
    return sum(1 for w in normalize(text).split() if w in forms or w in extra or (w[:1] in "وف" and (w[1:] in forms or w[1:] in extra)))


def attributed_sentences(text: str, forms: frozenset[str]) -> int:
    """Sentences holding both a digit and an attribution word: figures someone gives."""
    return sum(1 for s in re.split(r"[.!?؟\n]+", text) if _DIGIT.search(s) and attribution_words(s, forms))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=20261205)
    ap.add_argument("--ant", type=int, default=5)
    ap.add_argument("--baly", type=int, default=3)
    ap.add_argument("--easc", type=int, default=1)
    args = ap.parse_args()
    load = article_loader(root=ROOT, shared=SHARED)
    ant_used, baly_used, easc_used = used_anywhere()
    old: set[tuple[str, ...]] = set()
    for gold in ("speakers.json", "frames.json", "names.json"):
        for entry in json.loads((ROOT / "tests" / "gold" / gold).read_text(encoding="utf-8"))["articles"]:
            old |= speakers.shingles(load(entry["path"]).text)
    forms = speakers.say_forms()
    rng = random.Random(args.seed)

    def fits(path: str) -> bool:
        try:
            text = load(path).text
        except InputError:  # a Baly page in another language (V-19.json#0: 49 % Arabic letters)
            return False
        return (900 <= len(text) <= 3000 and len(_DIGIT.findall(text)) >= 6
                and attributed_sentences(text, forms) >= 3 and not (speakers.shingles(text) & old))

    picked: list[str] = []
    ant_all = sorted(str(p.relative_to(CORPORA / "ant")) for p in (CORPORA / "ant").glob("*/*/*.txt"))
    rng.shuffle(ant_all)
    per_outlet: dict[str, int] = {}
    for rel in ant_all:
        if len(picked) >= args.ant:
            break
        outlet, cat = rel.split("/")[:2]
        if cat in ("sport", "culture", "technology") or rel in ant_used or per_outlet.get(outlet, 0) >= 1:
            continue
        if fits("ant/" + rel):
            picked.append("ant/" + rel)
            per_outlet[outlet] = 1
    picked += speakers.baly_pages(rng, baly_used, fits, args.baly)
    easc_all = sorted(str(p.relative_to(CORPORA / "easc" / "Articles")) for p in (CORPORA / "easc" / "Articles").glob("Topic*/*.txt"))
    rng.shuffle(easc_all)
    n_easc = 0
    for rel in easc_all:
        if n_easc >= args.easc:
            break
        if int(rel.split("/")[0][5:]) % 3 == 0 or rel in easc_used:
            continue
        if fits("easc/Articles/" + rel):
            picked.append("easc/Articles/" + rel)
            n_easc += 1
    print("\n".join(picked))


if __name__ == "__main__":
    main()
