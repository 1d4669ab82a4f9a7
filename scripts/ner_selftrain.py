"""Self-training of the name CRF on unlabeled ANT news (issue 17, session 11): a teacher
(a CRF, optionally with the window network beside it) tags ANT articles, and a student CRF
is trained on the labelled ANERcorp sentences plus the teacher's tags of those articles.

The student has the shipped model's format and cost (a CRF: no network at run time); what
the teacher knows of the news words it tags is learned as the student's own weights.

    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    # five folds (the folds of `khabar eval ner --folds 5`): each fold's teacher is the CRF
    # (and window network) trained on the other four, read from --work (ner_neural.py cv)
    nice -n 5 python scripts/ner_selftrain.py cv $C --ant ../shared/corpora/ant --work /tmp/ner11 \
        --network-tag win64 --weight 0.3 --sentences 3000 --jobs 2

ANT articles named by any gold file, test or benchmark of any worktree, or sharing a run
of six words with an article of a gold file, are never read (draw_name_articles.py).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger, neural_of
from khabar.extract.tagger.train import make_model, save_model, train_crf, with_tag_table

import draw_frame_articles as frames  # noqa: E402  (same folder)
import draw_speaker_articles as speakers  # noqa: E402
from draw_name_articles import gold_shingles  # noqa: E402
from ner_neural import packed, tag_windows  # noqa: E402

_STOPS = frozenset(".!?؟")


def ant_sentences(ant: Path, *, count: int, seed: int) -> list[list[list[str]]]:
    """Articles of ANT (their sentences of tokens as written, title first) drawn at random
    until ``count`` sentences of 4-60 tokens, none used by a gold file or a test."""
    import khabar
    from khabar.evaluate.extraction import article_loader
    from khabar.text.ar.tokenize import tokenize

    load = article_loader(root=frames.ROOT, shared=frames.SHARED)
    used, _baly, _easc = frames.used_anywhere()
    old = gold_shingles(load)
    files = sorted(Path(ant).glob("*/*/*.txt"))
    random.Random(seed).shuffle(files)
    out: list[list[list[str]]] = []
    total = 0
    for path in files:
        if total >= count:
            break
        rel = str(path.relative_to(ant))
        if rel in used:
            continue
        try:
            article = next(iter(khabar.read([path], errors="skip")))
        except StopIteration:
            continue
        if speakers.shingles(article.text) & old:
            continue
        sentences: list[list[str]] = [[t.text for t in tokenize(article.title or "", punctuation=True)], []]
        for t in tokenize(article.body, punctuation=True):
            sentences[-1].append(t.text)
            if t.text in _STOPS:
                sentences.append([])
        kept = [s for s in sentences if 4 <= len(s) <= 60]
        if kept:
            out.append(kept)
            total += len(kept)
    return out


def teacher_of(crf_file: Path, nn_file: Path | None, weight: float) -> Tagger:
    tagger = Tagger(Model.load(crf_file))
    tagger.neural = None
    if nn_file is not None and weight:
        with np.load(nn_file) as z:
            tagger.neural, tagger.neural_weight = neural_of(packed({n: z[n] for n in z.files}, pairs=False)), weight
    return tagger


def pseudo_labelled(teacher: Tagger, articles, *, agree: bool = False) -> list[list[tuple[str, str]]]:
    """The teacher's tags of every sentence, each article read as one document; ``agree``:
    only the sentences the teacher's CRF alone tags the same way (its network off)."""
    out = []
    for sentences in articles:
        tagged = teacher.tag(sentences)
        if agree and teacher.neural is not None:
            net, teacher.neural = teacher.neural, None
            alone = teacher.tag(sentences)
            teacher.neural = net
            tagged = [t if t == a else None for t, a in zip(tagged, alone)]
        for tokens, tags in zip(sentences, tagged):
            if tags is not None:
                out.append(list(zip(tokens, tags)))
    return out


def cv(args) -> None:
    from khabar.evaluate.ner import cross_validate
    from khabar.present.evaluation import cross_validation_table

    sentences = read_bio(args.corpus)
    clusters = with_tag_table(Model.load().clusters, None)
    work = Path(args.work)
    ranges = fold_ranges(sentences, 5)
    started = time.process_time()
    articles = ant_sentences(args.ant, count=args.sentences, seed=args.seed)
    print(f"{len(articles)} ANT articles, {sum(map(len, articles))} sentences ({time.process_time() - started:.0f} s CPU)", flush=True)

    def train(rest):
        k = next(i for i, (a, b) in enumerate(ranges) if len(rest) == len(sentences) - (b - a))
        student_file = work / f"student{k}-{args.tag}.npz"
        if student_file.exists():
            model = Model.load(student_file)
        else:
            t0 = time.process_time()
            nn_file = work / f"nn{k}-{args.network_tag}.npz" if args.network_tag else None
            teacher = teacher_of(work / f"crf{k}.npz", nn_file, args.weight)
            extra = pseudo_labelled(teacher, articles, agree=args.agree)
            t1 = time.process_time()
            arrays, labels = train_crf([*rest] * args.gold_weight + extra, clusters)
            model, full, meta = make_model(arrays, labels, clusters, pairs=False)
            save_model(full, meta, student_file)
            print(f"fold {k}: {len(extra)} teacher sentences in {t1 - t0:.0f} s, student trained in {time.process_time() - t1:.0f} s CPU", flush=True)
            model = Model.load(student_file)
        tagger = Tagger(model)
        tagger.neural = None
        return lambda held: tag_windows(tagger, held)

    print(cross_validation_table(cross_validate(sentences, train=train, folds=5, jobs=args.jobs, progress=print)))


def ship(args) -> None:
    """The student trained on every sentence of the train split and the teacher's tags of
    the ANT sample, written as a model file with the clusters, cue and tag-rate tables of
    ``--model`` and the precomputed weights of ANT's frequent words."""
    from khabar.extract.tagger.crf import precompute_words
    from khabar.extract.tagger.train import PAIRS, file_digest, frequent_words, read_ant_words

    sentences = read_bio(args.corpus)
    base = Model.load(args.model)
    teacher = Tagger(Model.load(args.teacher))  # a CRF with its network (ner_neural.py ship)
    started = time.process_time()
    articles = ant_sentences(args.ant, count=args.sentences, seed=args.seed)
    extra = pseudo_labelled(teacher, articles)
    print(f"{len(articles)} ANT articles, {len(extra)} sentences tagged ({time.process_time() - started:.0f} s CPU)", flush=True)
    arrays, labels = train_crf([*sentences] * args.gold_weight + extra, with_tag_table(base.clusters, None))
    print(f"student trained ({time.process_time() - started:.0f} s CPU)", flush=True)
    meta = {k: v for k, v in base.meta.items() if k not in ("format", "version", "offsets", "labels", "pairs", "neural", "neural_weight")}
    meta["self_training"] = {"teacher": Path(args.teacher).name, "teacher_neural": teacher.model.meta.get("neural"),
                             "ant_articles": len(articles), "ant_sentences": len(extra), "seed": args.seed, "gold_weight": args.gold_weight,
                             "trained_digest": file_digest(args.corpus)}
    model, full, meta = make_model(arrays, labels, base.clusters, pairs=PAIRS, **meta)
    full.update(precompute_words(model, frequent_words(read_ant_words(args.ant))))
    save_model(full, meta, args.output)
    print(f"wrote {args.output} ({args.output.stat().st_size / 1e6:.1f} MB) in {time.process_time() - started:.0f} s CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("cv", help="five folds, each fold's student trained beside its teacher's tags")
    c.add_argument("corpus", type=Path)
    c.add_argument("--ant", type=Path, required=True)
    c.add_argument("--work", default="/tmp/ner11")
    c.add_argument("--network-tag", default="", help="the teacher's window network: nn{k}-TAG.npz in --work (none: the CRF alone)")
    c.add_argument("--weight", type=float, default=0.3)
    c.add_argument("--sentences", type=int, default=3000)
    c.add_argument("--seed", type=int, default=11)
    c.add_argument("--tag", default="st")
    c.add_argument("--jobs", type=int, default=1)
    c.add_argument("--gold-weight", type=int, default=1, help="each labelled sentence this many times (the teacher's once)")
    c.add_argument("--agree", action="store_true", help="only sentences the teacher's CRF alone tags alike")
    sh = sub.add_parser("ship", help="the student trained on every sentence, as a model file")
    sh.add_argument("corpus", type=Path)
    sh.add_argument("--ant", type=Path, required=True)
    sh.add_argument("--model", type=Path, required=True, help="the shipped model (its tables are kept)")
    sh.add_argument("--teacher", type=Path, required=True, help="the shipped CRF with its window network")
    sh.add_argument("--output", type=Path, required=True)
    sh.add_argument("--sentences", type=int, default=3000)
    sh.add_argument("--seed", type=int, default=11)
    sh.add_argument("--gold-weight", type=int, default=1, help="each labelled sentence this many times (the teacher's once)")
    args = ap.parse_args()
    {"cv": cv, "ship": ship}[args.command](args)


if __name__ == "__main__":
    main()
