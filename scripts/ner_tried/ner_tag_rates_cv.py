"""Cross-validate the name tagger with and without tag rates learned from ANT (issue 17).

For each held-out fold of ``khabar eval ner --folds 5`` (the same blocks): train the
shipped features on the other folds (the "before" model, whose predictions are scored),
let it tag every TAG_RATES_EVERY-th ANT article, build the tag rates from its tags
(:mod:`khabar.extract.tagger.tag_rates`), train again with them and score that ("after").
The held-out fold is never seen by either model nor by the rates' tagger.

    python scripts/ner_tag_rates_cv.py ../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt \\
        --ant ../shared/corpora/ant --jobs 5 --keep /tmp/folds   # then: --pool /tmp/folds
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from pathlib import Path

from khabar.evaluate.ner import fold_ranges, gold_chunk_words, read_bio, score, unseen_recall
from khabar.extract.tagger.crf import Model, Tagger
from khabar.extract.tagger.train import TAG_RATES_EVERY, build_tag_table, make_model, read_ant_sentences, train_crf, with_tag_table

WORK: dict = {}


#: Decoding variants scored for each model: the kinds whose one-word names are dropped
#: when the word is rarely such a name in ANT (``Tagger.rare_kinds``).
VARIANTS = {"": (), "+rareORG": ("ORG",), "+rareORG+PERS": ("ORG", "PERS")}


def _tags(model, held, rare):
    tagger = Tagger(model)
    tagger.rare_kinds = rare
    return [t for w in range(0, len(held), 10) for t in tagger.tag(held[w : w + 10])]


def run_fold(k: int):
    sentences, ranges, clusters, ant = WORK["sentences"], WORK["ranges"], WORK["clusters"], WORK["ant"]
    a, b = ranges[k]
    held = [[t for t, _ in s] for s in sentences[a:b]]
    rest = [list(s) for s in (*sentences[:a], *sentences[b:])]
    started = time.process_time()
    arrays, labels = train_crf(rest, clusters)
    model = make_model(arrays, labels, clusters)[0]
    table = build_tag_table(model, ant)
    second = with_tag_table(clusters, table)
    # the first model with the table: its weights know no tag rate, only the rule reads it
    model1 = make_model(arrays, labels, second)[0]
    out = {"before" + v: _tags(model1, held, rare) for v, rare in VARIANTS.items()}
    _save(k, out)
    arrays2, labels2 = train_crf(rest, second)
    model2 = make_model(arrays2, labels2, second)[0]
    out.update({"after" + v: _tags(model2, held, rare) for v, rare in VARIANTS.items()})
    _save(k, out)
    return k, out, time.process_time() - started


def _save(k: int, out: dict) -> None:
    """Each fold's predictions as soon as they are made (``--keep DIR``), for pooling runs."""
    if WORK.get("keep"):
        Path(WORK["keep"], f"fold{k + 1}.json").write_text(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("train", type=Path)
    ap.add_argument("--ant", type=Path)
    ap.add_argument("--run", type=int, nargs="*", help="0-based folds to run (default all)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--pool", type=Path, help="only score the predictions kept in this folder")
    ap.add_argument("--keep", type=Path, help="a folder for each fold's predictions, written as they are made")
    ap.add_argument("--every", type=int, default=TAG_RATES_EVERY, help="every how-many-th ANT article is tagged")
    args = ap.parse_args()
    sentences = read_bio(args.train)
    ranges = fold_ranges(sentences, 5)
    WORK.update(sentences=sentences, ranges=ranges)
    WORK["keep"] = args.keep
    if args.pool:
        kept = sorted(args.pool.glob("fold*.json"))
        results = [(int(f.stem[4:]) - 1, json.loads(f.read_text()), 0.0) for f in kept]
        names = set.intersection(*(set(r[1]) for r in results))
        results = [(k, {n: v for n, v in out.items() if n in names}, t) for k, out, t in results]
        report(sentences, ranges, results, args.out)
        return
    WORK.update(clusters=with_tag_table(Model.load().clusters, None), ant=read_ant_sentences(args.ant, args.every))
    run = args.run if args.run else list(range(5))
    if args.jobs > 1:
        with multiprocessing.get_context("fork").Pool(min(args.jobs, len(run))) as pool:
            results = list(pool.imap(run_fold, run))
    else:
        results = [run_fold(k) for k in run]
    report(sentences, ranges, results, args.out)


def report(sentences, ranges, results, out: Path | None) -> None:
    """Print (and write to ``out``) the pooled scores of every variant over ``results``."""
    print("folds:", [r[0] + 1 for r in results])
    table = {}
    for name in sorted(results[0][1]):
        gold_all, pred_all, unseen = [], [], []
        for res in results:
            k = res[0]
            a, b = ranges[k]
            gold = [[t for _, t in s] for s in sentences[a:b]]
            toks = [[w for w, _ in s] for s in sentences[a:b]]
            rest = (*sentences[:a], *sentences[b:])
            fold = score(gold, res[1][name]).by_type()["overall"]
            print(f"{name} fold {k + 1}: overall F1 {100 * fold.f1:.2f}")
            gold_all += gold
            pred_all += res[1][name]
            unseen.append(unseen_recall(gold, res[1][name], toks, gold_chunk_words(rest)))
        rows = score(gold_all, pred_all).by_type()
        ug = {r.type: [0, 0] for r in unseen[0]}
        for u in unseen:
            for r in u:
                ug[r.type][0] += r.gold
                ug[r.type][1] += r.correct
        table[name] = {t: (round(100 * r.precision, 2), round(100 * r.recall, 2), round(100 * r.f1, 2)) for t, r in rows.items()}
        table[name + "_unseen"] = {t: round(100 * c / g, 1) if g else None for t, (g, c) in ug.items()}
        for t, r in rows.items():
            print(f"{name} {t}: P {100 * r.precision:.1f} R {100 * r.recall:.1f} F1 {100 * r.f1:.2f}  unseen R {table[name + '_unseen'].get(t)}")
    print("CPU seconds per fold:", [round(r[2]) for r in results])
    if out:
        out.write_text(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
