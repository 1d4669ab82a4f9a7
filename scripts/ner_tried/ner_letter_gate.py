"""The letter n-gram person level as a gate after decoding, judged on the five CV folds
(issue 17, session 15; not kept: docs/ner.md, seventeenth round, and README.md here).

The gate (:func:`gate_by_letters`) reads each sentence's chunks after decoding, where
:meth:`khabar.extract.tagger.crf.Tagger._whole_names` leaves them; this script puts it
there (:func:`install`), so khabar's ``src/`` carries none of it.  Run from this folder.

Each fold's CRF (``crf{k}.npz`` of ``--work``, as ``scripts/ner_tried/ner_neural.py cv --weight 0``
leaves them: trained on the other four blocks of ``khabar eval ner --folds 5``) tags its
held-out block in windows of 10 sentences, as ``khabar eval ner`` does, with the letter table
(:func:`~khabar.extract.tagger.letter_grams.build_letter_grams`) of its own training blocks
only, so every held-out word the training text never wrote is scored as a new article's
would be.  A decoding rule needs no training: the folds' models are the same every way.

    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    nice -n 5 python scripts/ner_tried/ner_letter_gate.py $C --work /tmp/nerfold15

Prints the pooled scores with the gate off and with each rule and level.  On news (the
spent splits only; the letter table of the whole train split, as it would ship):

    python scripts/ner_tried/ner_letter_gate.py $C --news dev fresh3 fresh4 fresh5 fresh6 fresh7 fresh8 fresh9
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import sys
from collections.abc import Sequence

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger import crf
from khabar.extract.tagger.crf import Model, Tagger, name_word, stable_hash
from khabar.extract.tagger.features import word_lists
from khabar.text.ar.clitics import ARTICLE
from khabar.text.ar.stopwords import STOPWORDS

from letter_grams import LetterGrams, build_letter_grams  # noqa: E402  (same folder)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ner_folds import summary, tag_windows  # noqa: E402  (the folder above)


def _unlisted(word: str) -> bool:
    """A word (proclitics off) of no word list of khabar, with or without the article, and
    no function word: no cue says what it is."""
    labels_of = word_lists().labels_of
    return bool(word) and word not in STOPWORDS and not labels_of.get(word) and not labels_of.get(ARTICLE + word)


def gate_by_letters(
    found: Sequence[tuple[str, int, int]],
    bare: Sequence[str],
    letters: LetterGrams,
    *,
    rules: tuple[str, ...] = ("extend",),
    level: int = 4,
) -> list[tuple[str, int, int]]:
    """``found`` (type, first, last + 1) chunks of a sentence whose words are ``bare``
    (normalized), read again with the letter n-gram person level of each word the training
    text never wrote (:class:`~khabar.extract.tagger.letter_grams.LetterGrams`): with
    ``extend``, a person takes on the untagged word just before or after it whose level is
    ``level`` or more, written without proclitics and of no word list (a name part the
    tagger dropped); with ``type``, a place or organisation all of whose words have that
    level and no list holds, is a person; with ``dominant``, a word's person level must
    also be above its place and organisation levels (letters that look foreign say "a
    foreign name", a city as often as a person); with ``right``, a person is extended
    rightwards only."""
    forms = [name_word(w) for w in bare]
    levels = letters.levels(forms, stable_hash)
    dominant = "dominant" in rules

    def personal(i: int) -> bool:
        lv = levels[i]
        return lv is not None and lv[0] >= level and (not dominant or lv[0] > max(lv[1:])) and _unlisted(forms[i])

    taken = [False] * len(bare)
    for _, a, b in found:
        taken[a:b] = [True] * (b - a)
    out: list[tuple[str, int, int]] = []
    for kind, a, b in found:
        if "type" in rules and kind in ("LOC", "ORG") and all(personal(i) for i in range(a, b)):
            kind = "PERS"
        if "extend" in rules and kind == "PERS":
            if "right" not in rules and a > 0 and not taken[a - 1] and forms[a - 1] == bare[a - 1] and personal(a - 1):
                taken[a - 1] = True
                a -= 1
            if b < len(bare) and not taken[b] and forms[b] == bare[b] and personal(b):
                taken[b] = True
                b += 1
        out.append((kind, a, b))
    return out



def install() -> None:
    """Make :class:`Tagger` read its attributes ``letters`` (a table, None: no gate),
    ``letter_rules`` and ``letter_level`` after its own rules of :meth:`_whole_names`."""
    if getattr(Tagger, "_gate_installed", False):
        return
    own = Tagger._whole_names

    def whole_names(self, decoded, written=None, chunks=None):
        out = own(self, decoded, written, chunks)
        if self.letters is None:
            return out
        rows, bare = decoded.rows, self._bare
        return [
            gate_by_letters(found, [bare[r] for r in rows[a : a + len(p)].tolist()], self.letters, rules=self.letter_rules, level=self.letter_level)
            if found else found
            for a, p, found in zip(decoded.starts, decoded.paths, out)
        ]

    Tagger._whole_names = whole_names
    Tagger.letters, Tagger.letter_rules, Tagger.letter_level, Tagger._gate_installed = None, ("extend",), 4, True


VARIANTS = (
    ("off", (), 4),
    ("extend, level 4", ("extend",), 4),
    ("extend, level 3", ("extend",), 3),
    ("type, level 4", ("type",), 4),
    ("type, level 3", ("type",), 3),
    ("extend, level 3, dominant", ("extend", "dominant"), 3),
    ("extend right, level 3", ("extend", "right"), 3),
    ("extend right, level 2", ("extend", "right"), 2),
    ("type, level 3, dominant", ("type", "dominant"), 3),
    ("type, level 4, dominant", ("type", "dominant"), 4),
    ("extend and type, level 4", ("extend", "type"), 4),
)


def news(sentences, splits: list[str], variants) -> None:
    """Entity mentions of the news gold splits (``dev``: tests/gold/extract.json) with the
    gate off and each variant on, the entity lines of ``khabar eval extract``."""
    from khabar.evaluate.extraction import evaluate_extraction
    from khabar.present.evaluation import extraction_table

    root = Path(__file__).resolve().parents[2]
    letters = build_letter_grams(sentences, name_word=name_word, hash_word=stable_hash)
    for split in splits:
        gold = root / "tests/gold" / ("extract.json" if split == "dev" else "names.json")
        for name, rules, level in variants:
            crf.Tagger.letters = letters if rules else None
            crf.Tagger.letter_rules, crf.Tagger.letter_level = rules, level
            table = extraction_table(evaluate_extraction(gold, root=root, shared=root.parent / "shared", split=None if split == "dev" else split))
            lines = [ln for ln in table.splitlines() if "entit" in ln.lower() or "person" in ln.lower()]
            print(f"{split} {name}: " + " | ".join(" ".join(ln.split()) for ln in lines), flush=True)


def main() -> None:
    install()
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/nerfold15"))
    ap.add_argument("--folds", type=int, nargs="+", default=list(range(5)))
    ap.add_argument("--news", nargs="+", help="news gold splits instead of the folds (never an unspent one)")
    ap.add_argument("--variants", nargs="+", help="variant names (default: all)")
    ap.add_argument("--show", action="store_true", help="print each name a variant changes, with the gold tags")
    args = ap.parse_args()
    sentences = read_bio(args.corpus)
    variants = [v for v in VARIANTS if not args.variants or v[0] in args.variants]
    if args.news:
        news(sentences, args.news, variants)
        return
    ranges = fold_ranges(sentences, 5)
    gold: list = []
    predicted: dict[str, list] = {name: [] for name, _, _ in variants}
    for k in args.folds:
        a, b = ranges[k]
        held = sentences[a:b]
        letters = build_letter_grams([*sentences[:a], *sentences[b:]], name_word=name_word, hash_word=stable_hash)
        tagger = Tagger(Model.load(args.work / f"crf{k}.npz"))
        words = [[w for w, _ in s] for s in held]
        fold_gold = [[t for _, t in s] for s in held]
        gold += fold_gold
        off = None
        for name, rules, level in variants:
            tagger.letters = letters if rules else None
            tagger.letter_rules, tagger.letter_level = rules, level
            tags = tag_windows(tagger, words)
            predicted[name] += tags
            print(f"fold {k} {name}: {summary(fold_gold, tags)}", flush=True)
            if off is None:
                off = tags
            elif args.show:
                for w, g, a, b in zip(words, fold_gold, off, tags):
                    if a != b:
                        changed = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
                        lo, hi = max(0, changed[0] - 2), changed[-1] + 3
                        print("   ", " ".join(f"{w[i]}/{g[i]}/{a[i]}>{b[i]}" for i in range(lo, min(hi, len(w)))))
    for name, _, _ in variants:
        print(f"pooled {name}: {summary(gold, predicted[name])}", flush=True)


if __name__ == "__main__":
    main()
