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
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger, neural_of
from khabar.extract.tagger.train import make_model, save_model, train_crf, with_tag_table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import draw_frame_articles as frames  # noqa: E402  (the folder above)
import draw_speaker_articles as speakers  # noqa: E402
from draw_name_articles import gold_shingles  # noqa: E402
from ner_folds import tag_windows  # noqa: E402
from ner_neural import packed  # noqa: E402  (this folder)

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
            tagger.neural, tagger.neural_weight = neural_of(packed({n: z[n] for n in z.files})), weight
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


def decoded_with_confidence(teacher: Tagger, sentences) -> tuple[list[list[str]], list[float]]:
    """The teacher's tags of an article's sentences and, for each sentence, its confidence:
    the smallest marginal probability, over its tokens, of the label the best path gives
    the token (forward-backward over the same scores the Viterbi pass reads)."""
    seen: list = []
    viterbi = teacher._viterbi

    def recording(emit, starts, lengths):
        paths = viterbi(emit, starts, lengths)
        seen.append((emit, starts, lengths, paths))
        return paths

    teacher._viterbi = recording
    try:
        tags = teacher.tag(sentences)
    finally:
        del teacher._viterbi
    trans = teacher._transitions().astype(np.float64)
    conf: list[float] = []
    for emit, starts, lengths, paths in seen:
        for a, n, path in zip(starts, lengths, paths):
            conf.append(float(path_marginals(emit[a : a + n].astype(np.float64), trans, path).min()) if n else 1.0)
    return tags, conf


def path_marginals(emit: np.ndarray, trans: np.ndarray, path: np.ndarray) -> np.ndarray:
    """P(y_t = path_t | x) of a linear-chain CRF (emissions (T, L), transitions (L, L))."""
    from scipy.special import logsumexp

    t_len = len(emit)
    alpha = np.empty_like(emit)
    beta = np.zeros_like(emit)
    alpha[0] = emit[0]
    for t in range(1, t_len):
        alpha[t] = emit[t] + logsumexp(alpha[t - 1][:, None] + trans, axis=0)
    for t in range(t_len - 2, -1, -1):
        beta[t] = logsumexp(trans + (emit[t + 1] + beta[t + 1])[None, :], axis=1)
    log_z = logsumexp(alpha[-1])
    return np.exp(alpha[np.arange(t_len), path] + beta[np.arange(t_len), path] - log_z)


def article_shares(articles) -> dict[str, float]:
    """For each word of the ANT sample (proclitics off, seen 5 times or more with the
    article), how often it is written without the article per time with it: a name that
    carries the article ("العراق") is rarely written bare, a common noun ("الجزيرة" the
    island, "الاتفاق" the agreement) often ("جزيرة سقطرى", "اتفاق")."""
    from collections import Counter

    from khabar.extract.tagger.crf import _normalized, name_word

    with_article: Counter[str] = Counter()
    without: Counter[str] = Counter()
    for sentences in articles:
        for tokens in sentences:
            for tok in tokens:
                norm = _normalized(tok)
                word = name_word(tok)
                if not word or word == norm and not word.isalpha():
                    continue
                (with_article if norm[: len(norm) - len(word)].endswith(("ال", "لل")) else without)[word] += 1
    return {w: without[w] / n for w, n in with_article.items() if n >= 5}


def given_names() -> frozenset[str]:
    """Given names of khabar's lists that are never ordinary words (no "~" mark) nor
    function words once normalized ("علي" is "على"), as written: "سلمى" the name, not
    "سلمي" (peaceful), which normalization makes one word."""
    from khabar.text.ar.lexicon import read_fields
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.stopwords import is_stopword

    return frozenset(f.split()[0] for name in ("first_names", "foreign_first_names") for fields in read_fields(name)
                     for f in fields if not f.startswith(("~", "=")) and not is_stopword(normalize(f.split()[0])))


def clean_reasons(tokens, tags, conf: float, *, threshold: float, shares: dict[str, float], bare_share: float,
                  given: frozenset[str]) -> str:
    """Why a teacher-tagged sentence is not trusted ("" when it is): its confidence below
    ``threshold``; a one-word name written with the article whose word ANT writes bare
    ``bare_share`` times per time with it or more (a common noun in another sense); a
    given name of the lists the teacher left outside any name before an Arabic word."""
    from khabar.extract.tagger.crf import _normalized, name_word
    from khabar.text.ar.stopwords import is_stopword

    if conf < threshold:
        return "confidence"
    if bare_share:
        for k, tag in enumerate(tags):
            if tag.startswith("B-") and (k + 1 == len(tags) or not tags[k + 1].startswith("I-")):
                norm, word = _normalized(tokens[k]), name_word(tokens[k])
                if norm[: len(norm) - len(word)].endswith(("ال", "لل")) and shares.get(word, 0.0) >= bare_share:
                    return "common"
    if given:
        for k in range(len(tokens) - 1):
            if tags[k] == "O" and tokens[k] in given:
                nxt = name_word(tokens[k + 1])
                if nxt and nxt.isalpha() and not is_stopword(nxt) and tags[k + 1] == "O":
                    return "given"
    return ""


def cleaned(teacher: Tagger, articles, args, shares) -> tuple[list[list[tuple[str, str]]], dict[str, int]]:
    """The teacher's tags of the sentences it is trusted on (:func:`clean_reasons`)."""
    from collections import Counter

    given = given_names() if args.given else frozenset()
    out, dropped = [], Counter()
    for sentences in articles:
        tags, conf = decoded_with_confidence(teacher, sentences)
        for tokens, t, c in zip(sentences, tags, conf):
            why = clean_reasons(tokens, t, c, threshold=args.threshold, shares=shares, bare_share=args.bare_share, given=given)
            if why:
                dropped[why] += 1
            else:
                out.append(list(zip(tokens, t)))
    return out, dict(dropped)


def calibrate(args) -> None:
    """Each fold's teacher on its held-out ANERcorp block: how many held-out sentences a
    confidence threshold keeps and how right the teacher is on them (entity F1), and the
    bare-writing share in ANT of one-word names with the article: gold names against the
    teacher's false names."""
    sentences = read_bio(args.corpus)
    ranges = fold_ranges(sentences, 5)
    work = Path(args.work)
    articles = ant_sentences(args.ant, count=args.sentences, seed=args.seed)
    shares = article_shares(articles)
    rows = []
    for k, (a, b) in enumerate(ranges):
        if args.folds and k not in args.folds:
            continue
        teacher = teacher_of(work / f"crf{k}.npz", work / f"nn{k}-{args.network_tag}.npz" if args.network_tag else None, args.weight)
        held = sentences[a:b]
        tokens = [[w for w, _ in s] for s in held]
        gold = [[t for _, t in s] for s in held]
        tags, conf = [], []
        for i in range(0, len(tokens), 10):
            t, c = decoded_with_confidence(teacher, tokens[i : i + 10])
            tags += t
            conf += c
        rows.append((gold, tags, conf, tokens))
    from khabar.evaluate.ner import chunks as chunks_of

    for th in args.thresholds:
        g = p = c = n = 0
        for gold, tags, conf, _ in rows:
            for gs, ts, cf in zip(gold, tags, conf):
                if cf < th:
                    continue
                n += 1
                G, P = {x for x in chunks_of(gs) if x[0] != "MISC"}, {x for x in chunks_of(ts) if x[0] != "MISC"}
                g, p, c = g + len(G), p + len(P), c + len(G & P)
        total = sum(len(r[0]) for r in rows)
        prec, rec = c / max(p, 1), c / max(g, 1)
        print(f"threshold {th:.2f}: keeps {n}/{total} held-out sentences; teacher on them P {100*prec:.1f} R {100*rec:.1f} F1 {200*prec*rec/max(prec+rec,1e-9):.1f}")
    from khabar.extract.tagger.crf import _normalized, name_word
    right, wrong = [], []
    for gold, tags, _, toks in rows:
        for gs, ts, tk in zip(gold, tags, toks):
            G = set(chunks_of(gs))
            for ch in chunks_of(ts):
                kind, i, j = ch
                if j - i != 1:
                    continue
                norm, word = _normalized(tk[i]), name_word(tk[i])
                if not norm[: len(norm) - len(word)].endswith(("ال", "لل")) or word not in shares:
                    continue
                (right if ch in G else wrong).append(shares[word])
    for cut in args.bare_shares:
        print(f"bare share >= {cut}: drops {sum(x >= cut for x in right)}/{len(right)} right one-word names with the article, "
              f"{sum(x >= cut for x in wrong)}/{len(wrong)} wrong ones")


def score_folds(args) -> None:
    """Entity scores of some folds' models on their held-out blocks, pooled (a CV cut short):
    ``crf{k}.npz`` (``--tag crf``) or ``student{k}-TAG.npz`` of ``--work``."""
    from khabar.evaluate.ner import score

    sentences = read_bio(args.corpus)
    ranges = fold_ranges(sentences, 5)
    gold, predicted = [], []
    for k in args.folds:
        a, b = ranges[k]
        held = sentences[a:b]
        name = f"crf{k}.npz" if args.tag == "crf" else f"student{k}-{args.tag}.npz"
        tagger = Tagger(Model.load(Path(args.work) / name))
        tagger.neural = None
        pred = tag_windows(tagger, [[w for w, _ in s] for s in held])
        g = [[t for _, t in s] for s in held]
        print(f"fold {k + 1} {args.tag}: overall {100 * score(g, pred).by_type()['overall'].f1:.2f}", flush=True)
        gold += g
        predicted += pred
    rows = score(gold, predicted).by_type()
    print(args.tag, "  ".join(f"{k} {100 * r.precision:.1f}/{100 * r.recall:.1f}/{100 * r.f1:.2f}" for k, r in rows.items()))


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
    shares = article_shares(articles) if args.clean else {}

    def train(rest):
        k = next(i for i, (a, b) in enumerate(ranges) if len(rest) == len(sentences) - (b - a))
        student_file = work / f"student{k}-{args.tag}.npz"
        if student_file.exists():
            model = Model.load(student_file)
        else:
            t0 = time.process_time()
            nn_file = work / f"nn{k}-{args.network_tag}.npz" if args.network_tag else None
            teacher = teacher_of(work / f"crf{k}.npz", nn_file, args.weight)
            if args.clean:
                extra, dropped = cleaned(teacher, articles, args, shares)
                print(f"fold {k}: kept {len(extra)} teacher sentences, dropped {dropped}", flush=True)
            else:
                extra = pseudo_labelled(teacher, articles, agree=args.agree)
            t1 = time.process_time()
            arrays, labels = train_crf([*rest] * args.gold_weight + extra, clusters)
            model, full, meta = make_model(arrays, labels, clusters)
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
    from khabar.extract.tagger.train import file_digest, frequent_words, read_ant_words

    sentences = read_bio(args.corpus)
    base = Model.load(args.model)
    teacher = Tagger(Model.load(args.teacher))  # a CRF with its network (ner_neural.py ship)
    started = time.process_time()
    articles = ant_sentences(args.ant, count=args.sentences, seed=args.seed)
    if args.clean:
        extra, dropped = cleaned(teacher, articles, args, article_shares(articles))
        print(f"dropped {dropped}", flush=True)
    else:
        extra = pseudo_labelled(teacher, articles)
    print(f"{len(articles)} ANT articles, {len(extra)} sentences tagged ({time.process_time() - started:.0f} s CPU)", flush=True)
    arrays, labels = train_crf([*sentences] * args.gold_weight + extra, with_tag_table(base.clusters, None))
    print(f"student trained ({time.process_time() - started:.0f} s CPU)", flush=True)
    meta = {k: v for k, v in base.meta.items() if k not in ("format", "version", "offsets", "labels", "pairs", "neural", "neural_weight")}
    meta["self_training"] = {"teacher": Path(args.teacher).name, "teacher_neural": teacher.model.meta.get("neural"),
                             "ant_articles": len(articles), "ant_sentences": len(extra), "seed": args.seed, "gold_weight": args.gold_weight,
                             "clean": {"threshold": args.threshold, "bare_share": args.bare_share, "given": args.given} if args.clean else None,
                             "trained_digest": file_digest(args.corpus)}
    model, full, meta = make_model(arrays, labels, base.clusters, **meta)
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
    ca = sub.add_parser("calibrate", help="each fold's teacher on its held-out block, by confidence threshold")
    ca.add_argument("corpus", type=Path)
    ca.add_argument("--ant", type=Path, required=True)
    ca.add_argument("--work", default="/tmp/ner11")
    ca.add_argument("--network-tag", default="win64")
    ca.add_argument("--weight", type=float, default=0.3)
    ca.add_argument("--sentences", type=int, default=8000)
    ca.add_argument("--seed", type=int, default=11)
    ca.add_argument("--folds", type=int, nargs="*")
    ca.add_argument("--thresholds", type=float, nargs="+", default=[0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98])
    ca.add_argument("--bare-shares", type=float, nargs="+", default=[0.1, 0.2, 0.3, 0.5, 1.0, 2.0])
    for q in (c, sh):
        q.add_argument("--clean", action="store_true", help="keep only the sentences the teacher is trusted on (clean_reasons)")
        q.add_argument("--threshold", type=float, default=0.0, help="smallest marginal of the best path a kept sentence has")
        q.add_argument("--bare-share", type=float, default=0.0, help="drop one-word names with the article ANT writes bare this often (0: off)")
        q.add_argument("--given", action="store_true", help="drop sentences where a listed given name is left outside a name")
    sc = sub.add_parser("folds", help="some folds' models scored on their held-out blocks, pooled")
    sc.add_argument("corpus", type=Path)
    sc.add_argument("--work", default="/tmp/ner11")
    sc.add_argument("--tag", default="crf", help="crf, or the students' --tag")
    sc.add_argument("--folds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = ap.parse_args()
    {"cv": cv, "ship": ship, "calibrate": calibrate, "folds": score_folds}[args.command](args)


if __name__ == "__main__":
    main()
