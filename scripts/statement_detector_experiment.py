"""An experiment: a trained statement detector beside the attribution rules (issue 20).

Not part of the package: measured in session 12, it did not beat the rules by
cross-validation by article (docs/measurements.md, issue 20, session 12), so no model ships.
Kept to be rerun when the gold grows.

Session 11 found that of the statements the rules miss on the annotated splits almost none
have an attribution of the rules covering their content: what is missing is *finding*
statements, not choosing their speaker.  Here a linear-chain CRF (CRFsuite, the trainer of
the name tagger: ``pip install -e ".[train]"``) tags, in every sentence, the words naming the
speaker of a statement of that sentence (labels B/I/O).  It is trained on the gold of
``tests/gold/speakers.json``: a statement's speaker span is the fullest of its gold forms
written in the sentence of its key, nearest the key; a statement whose speaker is not named
in its sentence (a follow-on, a pronoun) labels nothing.  Features are general: each word's
normalized and bare form (``khabar.text.ar.clitics``), its class in the reporting-verb
lexicon (``reporting_verbs.txt`` through ``khabar.extract.attribution.verbs``), whether it
opens a title of ``titles.txt``, the recognizer's name kind (B/I of person, organisation,
place), punctuation and quotation marks, in a window of three words either side; the nearest
verb of saying before and after with its distance; the sentence's own features (its verb
classes, a colon, quotation marks, an أن/إن, a headline) and how many quotes the rules found
in it, and whether the rules read the word as a speaker.

End to end, a span tagged with a marginal of at least ``--threshold`` adds a quote of that
speaker, its content the rest of the sentence after the span (before it when fewer than three
words follow), unless the rules already read that statement: in ``free`` mode a rules' quote
of the sentence that has the same speaker (one name inside the other) or overlaps that
content leaves it out; in ``nosent`` mode any rules' quote of the sentence does.  Scored with
``khabar eval extract``'s matching (quotes and speakers) on the pooled splits, by
cross-validation by article (each fold's detector trained on the other folds' articles).

    python scripts/statement_detector_experiment.py [--splits dev fresh2 ... fresh7]
        [--folds 5] [--thresholds 0.5 0.7 0.9] [--modes free nosent] [--residual]

``--misses`` prints only where the rules' misses are (the detector's reach).
``--residual`` trains only on sentences where the rules found no quote (the detector learns
what the rules miss).  ``--show T:MODE`` prints the quotes added at that setting.
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from khabar.evaluate.extraction import _score_quotes, build_briefs, load_gold, name_spans, norm, speaker_matches
from khabar.extract.attribution.verbs import reporting_verb_forms
from khabar.extract.tagger.train import _require_crfsuite
from khabar.model import Quote
from khabar.pipeline import analyze
from khabar.text.ar.clitics import bare_word
from khabar.text.ar.lexicon import read_entries
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import columns

ROOT = Path(__file__).resolve().parent.parent
#: Words either side a word's own features are read at.
WINDOW = 3
#: How far (in tokens) the nearest verb of saying is looked for.
VERB_REACH = 8
#: CRFsuite's L1 and L2 penalties and iterations (those of the name tagger, about).
C1, C2, ITERATIONS = 0.05, 0.05, 150
_QUOTE_MARKS = frozenset('"«»“”\'')
_COMPLEMENTISERS = frozenset({"ان", "بان", "وان"})


def _verb_classes() -> dict[str, str]:
    out: dict[str, str] = {}
    for cls, forms in reporting_verb_forms().items():
        for f in forms:
            out.setdefault(f, cls)
    return out


VERB_CLASS = _verb_classes()
TITLE_FIRST_WORDS = frozenset(normalize(t).split()[0] for t in read_entries("titles"))


def verb_class(norm_word: str) -> str:
    """The word's class in the reporting-verb list ("say", "believe" ...), a leading و/ف
    allowed, or "-"."""
    if norm_word in VERB_CLASS:
        return VERB_CLASS[norm_word]
    if norm_word[:1] in "وف" and norm_word[1:] in VERB_CLASS:
        return VERB_CLASS[norm_word[1:]]
    return "-"


def _word(text: str, norm_word: str, kind: str) -> dict[str, str]:
    bare = bare_word(norm_word) if norm_word[:1].isalpha() else norm_word
    if not norm_word[:1].isalnum():
        shape = "q" if text in _QUOTE_MARKS else text
    else:
        shape = "d" if norm_word[:1].isdigit() else "a"
    return {
        "w": norm_word,
        "b": bare,
        "v": verb_class(norm_word),
        "e": kind,
        "p": shape,
        "pre": norm_word[:1] if norm_word[:1] in "وفبل" and len(norm_word) > 3 else "-",
        "s2": bare[-2:],
        "ti": "T" if bare in TITLE_FIRST_WORDS or norm_word in TITLE_FIRST_WORDS else "-",
    }


#: Word-cluster codes of the name tagger's model (ANT word clusters at 64/256/1,024, the same
#: for the form without proclitics, cue rates) in a window this wide: "شكر" and "ندد" share
#: their 1,024-cluster with "قال" and "أكد", which no list says.  0 leaves them out.
CLUSTER_WINDOW = [0]


def _cluster_codes(norms: Sequence[str]) -> list[list[str]]:
    from khabar.extract.tagger.crf import cluster_attributes_many, get_tagger

    clusters = get_tagger().model.clusters
    return [[f"{k}={v}" for k, v in attrs] for attrs in cluster_attributes_many(list(norms), clusters)]


def token_features(cols, kinds: Sequence[str], sentence_features: Sequence[str], rules_span: Sequence[str]) -> list[list[str]]:
    n = len(cols.norms)
    base = [_word(cols.texts[i], cols.norms[i], kinds[i]) for i in range(n)]
    codes = _cluster_codes(cols.norms) if CLUSTER_WINDOW[0] else None
    out = []
    for i in range(n):
        fs = ["bias", f"pos={min(i, 4)}", f"rpos={min(n - 1 - i, 4)}", *sentence_features, "rs=" + rules_span[i]]
        fs += [f"0{k}={v}" for k, v in base[i].items()]
        if codes is not None:
            for d in range(-CLUSTER_WINDOW[0], CLUSTER_WINDOW[0] + 1):
                if 0 <= i + d < n:
                    fs += [f"{d}{c}" for c in codes[i + d]]
        for d in range(-WINDOW, WINDOW + 1):
            j = i + d
            if d == 0:
                continue
            if not 0 <= j < n:
                fs.append(f"{d}w=PAD")
                continue
            o = base[j]
            fs += [f"{d}w={o['w']}", f"{d}v={o['v']}", f"{d}e={o['e']}", f"{d}p={o['p']}", f"{d}ti={o['ti']}"]
            if abs(d) == 1:
                fs.append(f"{d}b={o['b']}")
        for side, js in (("L", range(i - 1, max(-1, i - VERB_REACH - 1), -1)), ("R", range(i + 1, min(n, i + VERB_REACH + 1)))):
            j = next((j for j in js if base[j]["v"] != "-"), None)
            if j is not None:
                fs.append(f"{side}v={base[j]['v']}:{min(abs(j - i), 5)}")
        out.append(fs)
    return out


def _rules_in(sentence, rules):
    return [
        q for q in rules
        if sentence.start <= q.start < sentence.end
        or (q.speaker_start is not None and sentence.start <= q.speaker_start < sentence.end)
    ]


def sentence_rows(gold_article, sentences, mentions, rules):
    """Per sentence: (sentence, columns, features, labels, rules' quotes in it)."""
    rows = []
    for s in sentences:
        cols = columns(s.text, punctuation=True)
        n = len(cols.norms)
        kinds = ["O"] * n
        for m in mentions:
            if s.start <= m.start and m.end <= s.end:
                first = True
                for i in range(n):
                    if m.start <= cols.starts[i] + s.start and cols.ends[i] + s.start <= m.end:
                        kinds[i] = ("B-" if first else "I-") + m.kind[:3]
                        first = False
        rq = _rules_in(s, rules)
        rules_span = ["-"] * n
        for q in rq:
            if q.speaker_start is not None:
                for i in range(n):
                    if q.speaker_start <= cols.starts[i] + s.start and cols.ends[i] + s.start <= q.speaker_end:
                        rules_span[i] = "S"
        sentence_features = [f"S:rq={min(len(rq), 2)}", *(f"S:v={v}" for v in sorted({verb_class(w) for w in cols.norms} - {"-"}))]
        sentence_features += [
            f"S:colon={':' in cols.texts}",
            f"S:quote={any(t in _QUOTE_MARKS for t in cols.texts)}",
            f"S:an={any(w in _COMPLEMENTISERS or bare_word(w) in _COMPLEMENTISERS for w in cols.norms)}",
            f"S:title={s.is_title}",
        ]
        labels = ["O"] * n
        for gq in gold_article.quotes:
            if not s.start <= gq.start < s.end:
                continue
            at = gq.start - s.start
            spans = [(a, b) for f in gq.speakers for a, b in name_spans(s.text, f) if not a <= at < b]
            if not spans:
                continue
            a, b = min(spans, key=lambda ab: (-(ab[1] - ab[0]), abs(at - ab[0])))
            first = True
            for i in range(n):
                if a <= cols.starts[i] and cols.ends[i] <= b:
                    labels[i] = "B" if first else "I"
                    first = False
        rows.append((s, cols, token_features(cols, kinds, sentence_features, rules_span), labels, rq))
    return rows


def train(rows, path: str) -> None:
    crfsuite = _require_crfsuite()
    trainer = crfsuite.Trainer(verbose=False)
    for _, _, x, y, _ in rows:
        if x:
            trainer.append(x, y)
    trainer.set_params({"c1": C1, "c2": C2, "max_iterations": ITERATIONS, "feature.possible_transitions": True})
    trainer.train(path)


def _chunks(tags: Sequence[str]) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(tags):
        if tags[i] == "O":
            i += 1
            continue
        j = i + 1
        while j < len(tags) and tags[j] == "I":
            j += 1
        out.append((i, j))
        i = j
    return out


def added_quotes(article_id: str, rows, tagger, threshold: float, mode: str) -> list[Quote]:
    out = []
    for s, cols, x, _, rq in rows:
        if not x or (mode == "nosent" and rq):
            continue
        tags = tagger.tag(x)
        for a, b in _chunks(tags):
            if min(tagger.marginal(tags[k], k) for k in range(a, b)) < threshold:
                continue
            sa, sb = cols.starts[a], cols.ends[b - 1]
            speaker = s.text[sa:sb]
            after = s.text[sb:]
            if len(after.split()) >= 3:
                content, lo, hi = after.strip(), s.start + sb, s.end
            else:
                content, lo, hi = s.text[:sa].strip(), s.start, s.start + sa
            if mode == "free":
                same = [q for q in rq if q.speaker and (norm(speaker) in norm(q.speaker) or norm(q.speaker) in norm(speaker))]
                if same or any(q.start < hi and lo < q.end for q in rq):
                    continue
            out.append(Quote(article_id=article_id, sentence_index=s.index, speaker=speaker, content=content, start=lo, end=hi))
    return out


class _Brief:
    def __init__(self, quotes):
        self.quotes = quotes


def scored(gold, quotes) -> str:
    q, sp, _ = _score_quotes(gold, [_Brief(quotes)])
    return f"quotes P {q.precision:.3f} R {q.recall:.3f} | speakers P {sp.precision:.3f} R {sp.recall:.3f}"


def _prepared(gold_path: Path, shared: Path, splits: Sequence[str]):
    gold = [g for split in splits for g in load_gold(gold_path, root=ROOT, shared=shared, split=split)]
    rules: dict[str, list[Quote]] = defaultdict(list)
    for brief in build_briefs(gold):
        for q in brief.quotes:
            rules[q.article_id].append(q)
    rows = {}
    for g in gold:
        doc = analyze(g.article)
        rows[g.article.id] = sentence_rows(g, doc.sentences, doc.mentions, rules[g.article.id])
    return gold, rules, rows


def misses(gold, rules, rows) -> str:
    """The gold statements by what the rules did with them: found with their speaker, found
    with another, not found -- and of those, whether the speaker is written in the
    statement's own sentence and whether the rules found any quote in that sentence."""
    counts: dict[str, int] = defaultdict(int)
    for g in gold:
        sentences = [r[0] for r in rows[g.article.id]]
        found = rules[g.article.id]
        for gq in g.quotes:
            covering = [q for q in found if any(norm(k) in norm(q.content) for k in gq.keys)]
            if any(speaker_matches(gq.speakers, q.speaker) for q in covering):
                counts["found with the speaker"] += 1
                continue
            if covering:
                counts["found with another speaker"] += 1
                continue
            s = next((s for s in sentences if s.start <= gq.start < s.end), None)
            named = s is not None and any(name_spans(s.text, f) for f in gq.speakers)
            alone = s is not None and not _rules_in(s, found)
            where = "in its sentence" if named else "elsewhere"
            counts[f"not found, speaker {where}, " + ("no rules' quote in the sentence" if alone else "beside a rules' quote")] += 1
    return "\n".join(f"{v:5d}  {k}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))


def _apply(args, gold, rows) -> None:
    """The detector trained on every article of ``--splits``, scored once on ``--apply``."""
    crfsuite = _require_crfsuite()
    other, rules, other_rows = _prepared(args.gold, args.shared, [args.apply])
    base = [q for qs in rules.values() for q in qs]
    print(f"{args.apply} ({len(other)} articles), detector trained on {len(gold)} articles of {' '.join(args.splits)}")
    print(f"rules:                     {scored(other, base)} ({len(base)} quotes)")
    with tempfile.TemporaryDirectory() as tmp:
        train([r for rs in rows.values() for r in rs if not (args.residual and r[4])], f"{tmp}/all.crfsuite")
        tagger = crfsuite.Tagger()
        tagger.open(f"{tmp}/all.crfsuite")
        for t in args.thresholds:
            for mode in args.modes:
                extra = [q for a, rs in other_rows.items() for q in added_quotes(a, rs, tagger, t, mode)]
                print(f"rules + detector {t:.2f} {mode:6}: {scored(other, base + extra)} (+{len(extra)} quotes)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "speakers.json")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--splits", nargs="+", default=["dev", "fresh2", "fresh3", "fresh4", "fresh5", "fresh6", "fresh7"])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.7, 0.9])
    ap.add_argument("--modes", nargs="+", default=["free", "nosent"], choices=["free", "nosent"])
    ap.add_argument("--residual", action="store_true")
    ap.add_argument("--show", default="")
    ap.add_argument("--misses", action="store_true", help="only where the rules' misses are (the detector's reach)")
    ap.add_argument("--per-fold", action="store_true", help="also each fold's figures")
    ap.add_argument("--clusters", type=int, default=0, help="window of the word-cluster features (0: none)")
    ap.add_argument("--apply", default="", help="train on all of --splits and score this split once (no errors shown)")
    args = ap.parse_args()
    CLUSTER_WINDOW[0] = args.clusters
    if {"test", "fresh8"} & set(args.splits):
        raise SystemExit("test and fresh8 are measured once, not cross-validated on")
    gold, rules, rows = _prepared(args.gold, args.shared, args.splits)
    if args.misses:
        print(misses(gold, rules, rows))
        return
    if args.apply:
        _apply(args, gold, rows)
        return
    ids = sorted(rows)
    random.Random(12).shuffle(ids)
    fold = {a: i % args.folds for i, a in enumerate(ids)}
    crfsuite = _require_crfsuite()
    added: dict[tuple[float, str], list[Quote]] = defaultdict(list)
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.folds):
            path = f"{tmp}/fold{k}.crfsuite"
            train([r for a in ids if fold[a] != k for r in rows[a] if not (args.residual and r[4])], path)
            tagger = crfsuite.Tagger()
            tagger.open(path)
            for a in ids:
                if fold[a] == k:
                    for t in args.thresholds:
                        for mode in args.modes:
                            added[(t, mode)] += added_quotes(a, rows[a], tagger, t, mode)
    base = [q for qs in rules.values() for q in qs]
    labelled = sum(1 for rs in rows.values() for r in rs if any(label != "O" for label in r[3]))
    print(f"{len(gold)} articles, {sum(map(len, rows.values()))} sentences ({labelled} with a speaker span), {args.folds} folds by article")
    print(f"rules:                     {scored(gold, base)} ({len(base)} quotes)")
    by_id = {g.article.id: g for g in gold}
    for (t, mode), extra in sorted(added.items()):
        if args.show == f"{t}:{mode}":
            for q in extra:
                right = any(any(norm(k) in norm(q.content) for k in gq.keys) and speaker_matches(gq.speakers, q.speaker) for gq in by_id[q.article_id].quotes)
                print("  right" if right else "  wrong", q.article_id[:16], "|", q.speaker, "|", re.sub(r"\s+", " ", q.content)[:80])
        print(f"rules + detector {t:.2f} {mode:6}: {scored(gold, base + extra)} (+{len(extra)} quotes)")
        if args.per_fold:
            for k in range(args.folds):
                part = [g for g in gold if fold[g.article.id] == k]
                mine = lambda qs: [q for q in qs if fold[q.article_id] == k]  # noqa: E731
                print(f"    fold {k}: rules {scored(part, mine(base))}; + detector {scored(part, mine(base + extra))}")


if __name__ == "__main__":
    main()
