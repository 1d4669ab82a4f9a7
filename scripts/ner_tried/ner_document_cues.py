"""The document's own cues as name-tagger features (issue 17, session 31; tried and dropped):
does a word read where it stands alone gain from what the same document says of it elsewhere
-- after a title, a listed given name or a verb of saying, or inside a gazetteer name
(``features.document_cues``)?  Features that exist for a word the training text never wrote.
Needs the src of ``document_cues.patch`` (beside this file: the src and tests of the
session's commits 05dd020 and 586a696) on ``PYTHONPATH``:

    git apply scripts/ner_tried/document_cues.patch   # in a scratch checkout of main
    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    python scripts/ner_tried/ner_document_cues.py fold $C --cues 0 --fold 0 --work DIR   # control
    python scripts/ner_tried/ner_document_cues.py fold $C --cues 1 --fold 0 --work DIR   # the cues
    python scripts/ner_tried/ner_document_cues.py fold $C --cues 2 --fold 0 --work DIR   # second pass
    python scripts/ner_tried/ner_document_cues.py report DIR

``fold``: fold K of ``khabar eval ner --folds 5`` (the same blocks, by article; a CRF of
``train.train_crf`` on the other four blocks, ANERcorp only, no news and no tag rates, the
shipped clusters and cue rates; the held-out block tagged in windows of 10, each window one
document), with (``--cues 1``) or without (``--cues 0``: the control, today's code) the
document cues; training sentences are read ten at a time as one document.  ``--cues 0`` trains
what ``scripts/ner_cluster_levels.py fold ... --levels 3`` trains (same code path, same
clusters); ``report`` reads that script's ``fold-l3-f*.json`` as the control when no ``--cues
0`` run is in the folder.  ``--cues 2``: a second pass, the first pass's names at the other
occurrences of a word in its window as its cues (needs the five control folds' JSON in DIR).
Writes the fold's figures and its recall of unseen names (gold names whose words no training
block tags) as JSON.

``report``: per fold and pooled, control against each candidate, and the folds where overall rises.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from collections import Counter, defaultdict

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger
from khabar.extract.tagger.features import bare_norm, cue_form
from khabar.extract.tagger.train import with_tag_table
from khabar.text.ar.normalize import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ner_folds import print_folds, split_fold, train_once, write_fold  # noqa: E402  (the folder above)

def first_pass_votes(tokens: list[list[str]], tags: list[list[str]]) -> list[list[tuple[str, ...]]]:
    """For each token, the kinds of name the first pass found at the *other* occurrences of
    its name form (:func:`~khabar.extract.tagger.features.cue_form`) in its window of ten
    sentences (one document), as ``n`` + kind."""
    out: list[list[tuple[str, ...]]] = []
    for w in range(0, len(tokens), 10):
        forms = [[cue_form(bare_norm(normalize(t) or t)) for t in s] for s in tokens[w : w + 10]]
        totals: dict[str, Counter] = defaultdict(Counter)
        for fs, ts in zip(forms, tags[w : w + 10]):
            for f, t in zip(fs, ts):
                if f and t != "O":
                    totals[f][t[2:]] += 1
        for fs, ts in zip(forms, tags[w : w + 10]):
            out.append([
                tuple("n" + k for k in ("PERS", "LOC", "ORG") if f in totals and totals[f][k] - (t[2:] == k) > 0)
                for f, t in zip(fs, ts)
            ])
    return out


def _second_pass(args, sentences, ranges):
    """``--cues 2``: the first pass's votes as the cues of a second CRF.  The votes on the
    training blocks are the held-out predictions of the control folds (block j tagged by
    the CRF of fold j; that CRF saw the block held out here, never its votes: disclosed in
    docs); on the held-out block, the control of this fold, as at run time."""
    import khabar.extract.tagger.crf as crf
    import khabar.extract.tagger.train as train

    control = {j: json.loads((args.work / f"fold-l3-f{j}.json").read_text(encoding="utf-8"))["predicted"] for j in range(5)}
    votes_of = {j: first_pass_votes([[w for w, _ in s] for s in sentences[a:b]], control[j]) for j, (a, b) in enumerate(ranges)}
    rest_votes = [v for j in range(5) if j != args.fold for v in votes_of[j]]
    train._document_cues_of = lambda group: rest_votes if group else []
    held_votes = votes_of[args.fold]
    state = {"at": 0}

    def add_votes(self, emit, rows, starts, lengths, documents):
        at = crf.OFFSETS.index(0)
        vectors = {k: self.model.weight([crf.attribute_name("dq", "n" + k)])[at] for k in ("PERS", "LOC", "ORG")}
        for n, (a, m) in enumerate(zip(starts, lengths)):
            for i, qs in enumerate(held_votes[state["at"] + n]):
                for q in qs:
                    emit[a + i] += vectors[q[1:]]
        state["at"] += len(starts)

    crf.Tagger._add_document_cues = add_votes
    return state


def fold(args) -> None:
    sentences = read_bio(args.corpus)
    rest, held = split_fold(sentences, args.fold)
    state = _second_pass(args, sentences, fold_ranges(sentences, 5)) if args.cues == 2 else None
    clusters = with_tag_table(Model.load().clusters, None)
    crf_file = args.work / f"crf-c{args.cues}-f{args.fold}.npz"
    trained = train_once(crf_file, rest, clusters, {"document_cues": bool(args.cues)},
                         {"document_cues": True} if args.cues else {})
    if state is not None:
        state["at"] = 0
    write_fold(args.work / f"fold-c{args.cues}-f{args.fold}.json", f"cues {args.cues} fold {args.fold}",
               Tagger(Model.load(crf_file)), held, rest, trained, cues=args.cues, fold=args.fold)


def _runs(work: Path) -> dict[str, dict[int, dict]]:
    runs: dict[str, dict[int, dict]] = {"control": {}, "cues": {}, "votes": {}}
    for f in sorted(work.glob("fold-l3-f*.json")):
        r = json.loads(f.read_text(encoding="utf-8"))
        runs["control"][r["fold"]] = r
    for f in sorted(work.glob("fold-c*-f*.json")):
        r = json.loads(f.read_text(encoding="utf-8"))
        runs[("control", "cues", "votes")[r["cues"]]][r["fold"]] = r
    return runs


def report(args) -> None:
    runs = _runs(args.work)
    for name, folds in runs.items():
        print_folds(name, folds)
    for name in ("cues", "votes"):
        both = sorted(set(runs["control"]) & set(runs[name]))
        for t in ("overall", "PERS") if both else ():
            ch = [100 * (runs[name][k]["f1"][t] - runs["control"][k]["f1"][t]) for k in both]
            print(f"{name}: {t} change by fold {both}: " + " ".join(f"{c:+.2f}" for c in ch) + f"  (up in {sum(c > 0 for c in ch)} of {len(ch)})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("fold")
    p.add_argument("corpus", type=Path)
    p.add_argument("--cues", type=int, choices=(0, 1, 2), required=True)
    p.add_argument("--fold", type=int, choices=range(5), required=True)
    p.add_argument("--work", type=Path, required=True)
    p = sub.add_parser("report")
    p.add_argument("work", type=Path)
    args = ap.parse_args()
    {"fold": fold, "report": report}[args.command](args)


if __name__ == "__main__":
    main()
