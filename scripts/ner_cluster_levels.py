"""A finer level of the name tagger's word clusters (issue 17, session 30): does a fourth,
finer k-means level of the ANT word vectors find names the three shipped levels do not?

    python scripts/ner_cluster_levels.py build /tmp/ner-levels/levels.npz --sizes 64,256,1024,4096
    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    python scripts/ner_cluster_levels.py fold $C /tmp/ner-levels/levels.npz --levels 3 --fold 0 --work DIR
    python scripts/ner_cluster_levels.py fold $C /tmp/ner-levels/levels.npz --levels 4 --fold 0 --work DIR
    python scripts/ner_cluster_levels.py report DIR

``build``: the clusters of :func:`khabar.extract.tagger.clusters.build_clusters` learned again
from ANT (the words as written, and without proclitics), at ``--sizes``; the k-means of each
size is seeded by the size alone and the SVD is the same, so the first three levels of
``64,256,1024,4096`` are the shipped model's (checked and printed).

``fold``: fold K of ``khabar eval ner --folds 5`` (the same blocks, by article; a CRF of
:func:`khabar.extract.tagger.train.train_crf` on the other four blocks, ANERcorp only, no news and
no tag rates, the held-out block tagged in windows of 10), with the first ``--levels`` levels of
both tables and the shipped cue rates: ``--levels 3`` is the control (the shipped clusters,
retrained with today's code), ``--levels 4`` the candidate.  Writes the fold's figures and its
recall of unseen names (gold names whose words no training block tags) as JSON.

``report``: per fold and pooled, each ``--levels`` run found in the folder.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np

from khabar.evaluate.ner import read_bio
from khabar.extract.tagger.crf import Clusters, Model, Tagger, name_word, stable_hash
from khabar.extract.tagger.train import read_ant_words, with_tag_table

from ner_folds import print_folds, split_fold, train_once, write_fold  # noqa: E402  (same folder)


def build(args) -> None:
    from khabar.extract.tagger.clusters import build_clusters

    sizes = tuple(int(s) for s in args.sizes.split(","))
    docs = read_ant_words(args.ant)
    written = build_clusters(docs, hash_word=stable_hash, sizes=sizes)
    bare = build_clusters([[name_word(w) or w for w in d] for d in docs], hash_word=stable_hash, sizes=sizes)
    shipped = Model.load().clusters
    for name, mine, old in (("written", written, shipped), ("bare", bare, shipped.bare)):
        same = np.array_equal(mine.keys, old.keys)
        levels = [bool(np.array_equal(mine.codes[:, k], old.codes[:, k])) for k in range(len(old.sizes))] if same else []
        print(f"{name}: {len(mine.keys)} words, keys as shipped {same}, shipped levels equal {levels}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    np.savez(args.output, keys=written.keys, codes=written.codes, bkeys=bare.keys, bcodes=bare.codes, sizes=np.array(sizes))


def clusters_of(path: Path, levels: int) -> Clusters:
    """The first ``levels`` levels of the tables of ``path``, with the shipped cue rates."""
    z = np.load(path)
    sizes = tuple(int(s) for s in z["sizes"][:levels])
    cues = Model.load().clusters.cues
    bare = Clusters(z["bkeys"], np.ascontiguousarray(z["bcodes"][:, :levels]), sizes)
    return Clusters(z["keys"], np.ascontiguousarray(z["codes"][:, :levels]), sizes, bare, cues)


def fold(args) -> None:
    rest, held = split_fold(read_bio(args.corpus), args.fold)
    clusters = with_tag_table(clusters_of(args.levels_file, args.levels), None)
    crf_file = args.work / f"crf-l{args.levels}-f{args.fold}.npz"
    trained = train_once(crf_file, rest, clusters)
    write_fold(args.work / f"fold-l{args.levels}-f{args.fold}.json", f"levels {args.levels} fold {args.fold}",
               Tagger(Model.load(crf_file)), held, rest, trained, levels=args.levels, fold=args.fold)


def report(args) -> None:
    runs: dict[int, dict[int, dict]] = {}
    for f in sorted(args.work.glob("fold-l*-f*.json")):
        r = json.loads(f.read_text(encoding="utf-8"))
        runs.setdefault(r["levels"], {})[r["fold"]] = r
    for levels, folds in sorted(runs.items()):
        print_folds(f"levels {levels}", folds)

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build")
    p.add_argument("output", type=Path)
    p.add_argument("--sizes", default="64,256,1024,4096")
    p.add_argument("--ant", type=Path, default=Path("../shared/corpora/ant"))
    p = sub.add_parser("fold")
    p.add_argument("corpus", type=Path)
    p.add_argument("levels_file", type=Path)
    p.add_argument("--levels", type=int, required=True)
    p.add_argument("--fold", type=int, choices=range(5), required=True)
    p.add_argument("--work", type=Path, required=True)
    p = sub.add_parser("report")
    p.add_argument("work", type=Path)
    args = ap.parse_args()
    {"build": build, "fold": fold, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
