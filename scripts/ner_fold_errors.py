"""The person errors of the name CRF's five CV folds, by class, and a decoding rule judged on
the same folds (issue 17, session 13).

Each fold's CRF (``crf{k}.npz`` of ``--work``, as ``scripts/ner_tried/ner_neural.py cv`` leaves them:
trained on the other four blocks of ``khabar eval ner --folds 5``) tags its held-out block in
windows of 10 sentences, as ``khabar eval ner`` does; with ``--ant``, each fold's model first
reads every eighth ANT article and gets its own tag-rate table (as ``khabar eval ner --folds 5
--ant`` builds them), so no rule reads rates made by a tagger that saw the held-out block.

    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    nice -n 5 python scripts/ner_fold_errors.py $C --work /tmp/nnfold9 --ant ../shared/corpora/ant

Prints the pooled scores with the rule off and on (``Tagger.surnames``: a person's last word
found again alone), each with the classes of its persons missed and false persons.  A decoding rule needs no training: the folds' models are the same both ways.
"""

from __future__ import annotations

import argparse
import os
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger, _chunk_spans
from khabar.extract.tagger.features import word_lists
from khabar.extract.tagger.train import build_tag_table, read_ant_sentences, with_tag_table
from khabar.text.ar.normalize import normalize

from ner_folds import summary, tag_windows  # noqa: E402  (same folder)


def fold_models(work: Path, ant: Path | None) -> list[Model]:
    shipped = Model.load()
    articles = read_ant_sentences(ant) if ant is not None else None
    models = []
    for k in range(5):
        model = Model.load(work / f"crf{k}.npz")
        if articles is not None:
            clusters = model.clusters if model.clusters is not None else shipped.clusters
            model.clusters = with_tag_table(clusters, build_tag_table(model, articles))
        models.append(model)
    return models


def predictions(sentences, models, *, surnames: bool) -> tuple[list, list]:
    ranges = fold_ranges(sentences, 5)
    gold, predicted = [], []
    for k, (a, b) in enumerate(ranges):
        held = sentences[a:b]
        tagger = Tagger(models[k])
        tagger.surnames = surnames
        predicted += tag_windows(tagger, [[w for w, _ in s] for s in held])
        gold += [[t for _, t in s] for s in held]
    return gold, predicted


def person_error_classes(words, gold, predicted) -> tuple[Counter, Counter]:
    """Missed persons: a predicted person over other words (boundary), another type over
    them, or nothing (one word or more; after a title; opening with a listed given name).
    False persons: over a gold person's other words (boundary), inside another type, or
    over no name."""
    lists = word_lists().words
    titles, given = lists["title"], lists["given"] | lists["fgiven"]
    missed, false = Counter(), Counter()
    for w, g, p in zip(words, gold, predicted):
        gs = [(t, a, b) for t, a, b in _chunk_spans(g)]
        ps = [(t, a, b) for t, a, b in _chunk_spans(p)]
        for c in gs:
            if c[0] != "PERS" or c in ps:
                continue
            over = [x for x in ps if x[1] < c[2] and c[1] < x[2]]
            if any(x[0] == "PERS" for x in over):
                missed["boundary"] += 1
            elif over:
                missed["another type: " + over[0][0]] += 1
            else:
                kind = "one word" if c[2] - c[1] == 1 else "two words or more"
                before = normalize(w[c[1] - 1]) if c[1] else ""
                note = " after a title" if before in titles else (" opening with a listed given name" if normalize(w[c[1]]) in given else "")
                missed["nothing: " + kind + note] += 1
        for c in ps:
            if c[0] != "PERS" or c in gs:
                continue
            over = [x for x in gs if x[1] < c[2] and c[1] < x[2]]
            if any(x[0] == "PERS" for x in over):
                false["boundary"] += 1
            elif over:
                false["inside gold " + over[0][0]] += 1
            else:
                false["no gold name: " + ("one word" if c[2] - c[1] == 1 else "two words or more")] += 1
    return missed, false


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--work", type=Path, default=Path("/tmp/nnfold9"))
    ap.add_argument("--ant", type=Path)
    args = ap.parse_args()
    sentences = read_bio(args.corpus)
    models = fold_models(args.work, args.ant)
    words = [[w for w, _ in s] for s in (s for a, b in fold_ranges(sentences, 5) for s in sentences[a:b])]
    for surnames in (False, True):
        gold, predicted = predictions(sentences, models, surnames=surnames)
        print("surnames" if surnames else "base", summary(gold, predicted), flush=True)
        missed, false = person_error_classes(words, gold, predicted)
        for name, counts in (("persons missed", missed), ("false persons", false)):
            print(f"  {name}: {sum(counts.values())}")
            for k, v in counts.most_common():
                print(f"    {v:5d} {k}")


if __name__ == "__main__":
    main()
