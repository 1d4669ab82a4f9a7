"""The name CRF trained with the spent news gold added (issue 17, session 19): how many times
the spent names splits' sentences count, chosen on two measures.

    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    nice -n 5 python scripts/ner_news_gold.py cv $C --repeat 1 --work /tmp/nernews1
    nice -n 5 python scripts/ner_news_gold.py loso $C --repeat 1 --splits fresh5,fresh6 --ant ../shared/corpora/ant
    nice -n 5 python scripts/ner_news_gold.py cv $C --rulings --work /tmp/nernews-rulings

``--news SPLITS`` (cv, loso): the spent splits added instead of every spent split (a control: the shipped model's
fresh3-22); ``--plain SPLITS``: more splits, only their sentences that name no organisation
(``naming_no_organisation``); ``--every K``: every K-th news sentence (a weight under 1); ``loso --shipped-rates``:
the shipped model's tag rates, no ANT tagged (session 35).

``--rulings``: the news sentences relabelled as ANERcorp labels (``in_anercorp_rulings``; in
``cv`` the rulings are read from the four training blocks of each fold).

``--domain``: the news sentences as a second domain (``train_crf_views``: each feature also as
its news copy); ``cv`` scores ANERcorp's view (the shared weights alone) and prints the news
view's figures beside them; ``loso`` scores the news view, the one ``khabar train ner
--news-domain`` ships; ``--copy-scale`` (cv) the copies' feature value.  ``cv --fold K`` trains
and scores fold K only (one process a fold).

``cv``: ANERcorp train's five folds (``khabar eval ner --folds 5``'s blocks), each fold's CRF
trained on the other four blocks plus the news sentences ``--repeat`` times, with the shipped
word clusters and no tag rates, tagging its held-out block in windows of 10: the figures of
``scripts/ner_fold_errors.py`` (whose ``/tmp/nerfold15`` fold CRFs are ``--repeat 0``).

``loso``: leave one spent split (or, with ``--groups``, one group of consecutive splits) out: a model trained as ``khabar train ner --news-gold`` trains
it (all of ANERcorp train, the other spent splits ``--repeat`` times, its own tag rates from every
eighth ANT article), the split scored by ``khabar eval extract tests/gold/names.json --split``
with that model, beside the shipped one.  An unspent split (fresh48, fresh49 and fresh50, labelled in session 37; fresh23 and fresh24 spent in session 24, fresh25-28 in session 27, fresh29-31 in session 28, fresh32-33 in session 29, fresh34-35 in session 30, fresh36-39 in session 33, fresh40-41 in session 34, fresh42-44 in session 36, fresh45-47 in session 37) is refused by the loader.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from khabar.evaluate.ner import fold_ranges, read_bio, score
from khabar.extract.tagger.crf import Model, Tagger
from khabar.extract.tagger.train import (
    in_anercorp_rulings,
    make_model,
    naming_no_organisation,
    news_gold_sentences,
    read_ant_sentences,
    VIEWS,
    save_model,
    train_crf,
    train_crf_views,
    train_two_stage,
    with_tag_table,
)

from ner_folds import summary, tag_windows  # noqa: E402  (same folder)

GOLD = Path("tests/gold/names.json")
SHARED = Path("../shared")
SPENT = tuple(f"fresh{i}" for i in range(3, 48))  # fresh21, fresh22 spent in session 22; fresh23, fresh24 in session 24; fresh25-28 in 27; fresh29-31 in 28; fresh32, fresh33 in 29; fresh34, fresh35 in 30; fresh36-39 in 33; fresh40, fresh41 in 34; fresh42-44 in 36; fresh45-47 in 37


def news(splits, repeat: int, every: int = 1):
    """The news sentences of ``splits`` ``repeat`` times; ``every``: only every so-many-th
    (CRFsuite weighs no sentence: a part of them stands for a weight under 1)."""
    return news_gold_sentences(GOLD, ",".join(splits), shared=SHARED)[::every] * repeat if repeat and splits else []


def cv(args) -> None:
    sentences = read_bio(args.corpus)
    ranges = fold_ranges(sentences, 5)
    extra = news(args.news.split(",") if args.news else SPENT, args.repeat, args.every)
    if args.plain:  # session 35: these splits' sentences that name no organisation only
        extra += naming_no_organisation(news(args.plain.split(","), args.repeat, args.every))
    clusters = with_tag_table(Model.load().clusters, None)
    args.work.mkdir(parents=True, exist_ok=True)
    views = VIEWS if args.domain else ("anercorp",)
    gold, predicted, per_fold = [], {v: [] for v in views}, {v: [] for v in views}
    folds = range(len(ranges)) if args.fold is None else [args.fold]
    for k in folds:
        a, b = ranges[k]
        files = {v: args.work / (f"crf{k}.npz" if v == "anercorp" else f"crf{k}-{v}.npz") for v in views}
        if not all(f.exists() for f in files.values()):
            rest = [*sentences[:a], *sentences[b:]]
            # the rulings read from the fold's training part only, never from its held-out block
            added = in_anercorp_rulings(extra, rest) if args.rulings else extra
            if args.domain:
                trained, labels = train_crf_views(rest, clusters, news=added, copy_scale=args.copy_scale)
            else:
                arrays, labels = train_crf([*rest, *added], clusters)
                trained = {"anercorp": arrays}
            for v in views:
                _model, full, meta = make_model(trained[v], labels, clusters)
                save_model(full, meta, files[v])
        held = sentences[a:b]
        g = [[t for _, t in s] for s in held]
        gold += g
        for v in views:
            p = tag_windows(Tagger(Model.load(files[v])), [[w for w, _ in s] for s in held])
            per_fold[v].append(100 * score(g, p).by_type()["overall"].f1)
            predicted[v] += p
            print(f"fold {k} {v} view: {per_fold[v][-1]:.2f}", flush=True)
    for v in views:
        name = f"repeat {args.repeat} every {args.every}{' in ANERcorp rulings' if args.rulings else ''}"
        name += f", {v} view" if args.domain else ""
        print(f"{name} ({len(extra)} news sentences):", summary(gold, predicted[v]))
        print("overall F1 per fold:", ", ".join(f"{f:.2f}" for f in per_fold[v]), flush=True)


def loso(args) -> None:
    """Each split of ``--splits``: the shipped model's scores, then a model's trained without it."""
    import khabar.extract.tagger.crf as crf
    import khabar.extract.tagger.spans as spans
    from khabar.evaluate.extraction import evaluate_extraction

    def scores(split):
        r = evaluate_extraction(GOLD, root=Path("."), shared=SHARED, split=split)
        return {"entity": r.entity_mentions, **r.entity_mentions_by_kind}

    def line(found):
        return " ".join(f"{k} {v.f1:.3f}" for k, v in found.items())

    splits = args.splits.split(",")
    shipped = {s: scores(s) for s in splits}
    for s in splits:
        print(f"{s} shipped:", line(shipped[s]), flush=True)
    anercorp = read_bio(args.corpus)
    if args.shipped_rates:  # the shipped model's tag rates, not the model's own: no ANT tagged (~a third of the time)
        articles, clusters = None, Model.load().clusters
    else:
        articles, clusters = read_ant_sentences(args.ant), with_tag_table(Model.load().clusters, None)
    trained = {}
    size = -(-len(splits) // (args.groups or len(splits)))
    for group in (splits[k : k + size] for k in range(0, len(splits), size)):
        base = args.news.split(",") if args.news else SPENT
        added = news([s for s in base if s not in group], args.repeat, args.every)
        plain = [s for s in args.plain.split(",") if s and s not in group]
        added += naming_no_organisation(news(plain, args.repeat, args.every))
        sentences = [*anercorp, *(in_anercorp_rulings(added, anercorp) if args.rulings else added)]
        if args.domain:
            sentences, domain = anercorp, sentences[len(anercorp):]
        else:
            domain = []
        arrays, labels, tables = train_two_stage(sentences, clusters, articles, news=domain)
        tagger = Tagger(make_model(arrays, labels, tables)[0])
        crf.get_tagger = spans.get_tagger = lambda: tagger
        for split in group:
            trained[split] = scores(split)
            print(f"{split} repeat {args.repeat}:", line(trained[split]), flush=True)
        for name, found in (("shipped", shipped), (f"repeat {args.repeat}", trained)):  # so far
            print(f"  pooled {','.join(trained)} {name}:", line(pooled([found[s] for s in trained])), flush=True)


def pooled(runs):
    """Each kind's F1 over the runs' summed counts."""
    from khabar.evaluate.extraction import PRF

    out = {}
    for kind in runs[0]:
        rows = [r[kind] for r in runs if kind in r]
        gold, predicted = sum(r.gold for r in rows), sum(r.predicted for r in rows)
        correct = sum(round(r.precision * r.predicted) for r in rows)
        out[kind] = PRF.from_counts(gold=gold, predicted=predicted, found=sum(r.matched for r in rows), correct=correct)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    for name in ("cv", "loso"):
        p = sub.add_parser(name)
        p.add_argument("corpus", type=Path)
        p.add_argument("--repeat", type=int, default=1)
        p.add_argument("--rulings", action="store_true", help="the news gold relabelled as ANERcorp labels (in_anercorp_rulings)")
        p.add_argument("--domain", action="store_true", help="the news gold as a second domain (train_crf_views)")
        p.add_argument("--every", type=int, default=1, help="only every so-many-th news sentence")
        p.add_argument("--news", default="", help="the spent splits added, comma-separated (default: every spent split)")
        p.add_argument("--plain", default="", help="more spent splits, only their sentences that name no organisation")
        if name == "cv":
            p.add_argument("--work", type=Path, required=True)
            p.add_argument("--fold", type=int, choices=range(5), help="train and score this fold only")
            p.add_argument("--copy-scale", type=float, default=1.0, help="with --domain: the news copies' feature value")
        else:
            p.add_argument("--splits", default=",".join(SPENT), help="spent splits, comma-separated")
            p.add_argument("--ant", type=Path, required=True)
            p.add_argument("--shipped-rates", action="store_true", help="the shipped model's tag rates instead of the model's own from ANT")
            p.add_argument("--groups", type=int, default=0, help="leave out this many groups of consecutive splits (0: one split each)")
    args = ap.parse_args()
    {"cv": cv, "loso": loso}[args.command](args)


if __name__ == "__main__":
    main()
