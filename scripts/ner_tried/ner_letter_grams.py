"""Letter n-gram person evidence for words the tagger has never seen (issue 17, session 14).

Needs khabar at commit 116068a (its ``train_crf(letter_grams=True)`` and the decoder's
``NameParts.grams``, removed from ``src/`` in session 15; see README.md here).

The attributes of :mod:`khabar.extract.tagger.letter_grams` (a word the training text never
wrote gets the binned mean log-ratio of its letter n-grams' person, place and organisation
rates), judged by the five folds; not shipped (docs/ner.md, sixteenth round).

Cross-validation (the folds of ``khabar eval ner --folds 5``; each fold's CRF trained on
the other four, whose own sentences see the table built from the other blocks of their
training text, as the name parts did, so a sentence never vouches for its own words):

    nice -n 5 python scripts/ner_letter_grams.py cv ../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt \\
        --work /tmp/nergram --jobs 5
    python scripts/ner_letter_grams.py look ../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt   # the score's spread
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger, name_word, stable_hash
from khabar.extract.tagger.name_parts import NameParts
from khabar.extract.tagger.train import learn_name_parts, with_tag_table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ner_folds import fold_crf  # noqa: E402  (the folder above)

def look(args) -> None:
    """Fold 0: the unseen words of its held-out block by person level (the table from the
    other four folds), and how many of them are persons."""
    sentences = read_bio(args.corpus)
    a, b = fold_ranges(sentences, 5)[0]
    table = learn_name_parts([*sentences[:a], *sentences[b:]], name_parts=False, letter_grams=True).grams
    by: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    held = [(name_word(t), g) for s in sentences[a:b] for t, g in s]
    for (_, tag), lv in zip(held, table.levels([w for w, _ in held], stable_hash)):
        if lv is not None:
            by[lv[0]][0] += 1
            by[lv[0]][1] += tag.endswith("PERS")
    for lv in sorted(by):
        t, p = by[lv]
        print(f"person level {lv}: {t} unseen tokens, {p} person ({100 * p / t:.1f} %)")


def cv(args) -> None:
    from khabar.evaluate.ner import cross_validate
    from khabar.present.evaluation import cross_validation_table

    sentences = read_bio(args.corpus)
    clusters = with_tag_table(Model.load().clusters, None)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    ranges = fold_ranges(sentences, 5)

    def train(rest):
        _k, crf_file = fold_crf(work, sentences, ranges, rest, clusters, letter_grams=True)
        model = Model.load(crf_file)
        with np.load(crf_file) as z:  # (the shipped Model reads name parts only)
            model.name_parts = NameParts.from_arrays({n: z[n] for n in z.files})
        tagger = Tagger(model)
        tagger.neural = None
        return lambda held: [t for w in range(0, len(held), 10) for t in tagger.tag(held[w : w + 10])]

    print(cross_validation_table(cross_validate(sentences, train=train, folds=5, jobs=args.jobs, progress=print)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cv")
    c.add_argument("corpus", type=Path)
    c.add_argument("--work", default="/tmp/nergram")
    c.add_argument("--jobs", type=int, default=1)
    lk = sub.add_parser("look")
    lk.add_argument("corpus", type=Path)
    args = ap.parse_args()
    {"cv": cv, "look": look}[args.cmd](args)


if __name__ == "__main__":
    main()
