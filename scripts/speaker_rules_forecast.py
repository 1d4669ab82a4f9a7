"""A change of the quote rules measured as the speaker judge counts, forecast on a pool, and its
reach (issue 20, session 32).

The rules' quotes are read once per source tree into a cache (run this script under each tree's
``PYTHONPATH``), then two caches are compared:

    PYTHONPATH=/tmp/main/src KHABAR_PURE=1 python scripts/speaker_rules_forecast.py --write /tmp/main.pkl
    KHABAR_PURE=1 python scripts/speaker_rules_forecast.py --write /tmp/branch.pkl
    python scripts/speaker_rules_forecast.py --base /tmp/main.pkl --new /tmp/branch.pkl [--show] [--pools 1000]

The comparison scores both with ``khabar eval extract``'s own ``_score_quotes`` on the quotes as
the brief shows them (all spent splits, then their ANT articles alone: a speaker pool of ANT
is what judges), prints every quote one tree has and the other has not (``--show``: right or
wrong by the judge's matching), and draws ``--pools`` pools of ``--pool-size`` (3) 12-article spent splits
(fresh5..fresh42, their ANT articles) to say what a three-split ANT pool would show: the
distribution of the quotes F1 change and of the statements found more.

``--census`` counts the spent statements no quote finds (``--base`` alone) by the shape of
their sentence: whether the attribution rules read anything there, whether a listed verb and a
complementiser stand before the key (the classes of docs/measurements.md, issue 20, session 32).

``--oracle`` (session 34) counts the spent ANT statements no quote finds in the classes a rule
was asked for (a headline "X: ..."، a colon with no quotation mark, a passive or impersonal verb of
the list before the key, a speaker not named in the sentence after a listed verb -- a follow-on --,
a document as speaker) and, as an upper bound, what finding every one of them with no false call
would show in pools of ``--pool-size`` ANT splits (``--exclude`` leaves classes out).

``--classes`` (session 37) puts each spent ANT statement no quote finds in one class, the first that
applies (:func:`unfound_class`): a colon with no listed verb before the key, a passive verb, a document, a
follow-on, a listed verb with its speaker named and a complementiser / quotation marks / neither (indirect
speech without إن/أن) before the key, "بحسب/وفق" with no verb, a verb only after the content, quotation marks
with no verb, and no verb of the list in the sentence at all.

``--reach N --seed S --write PATH`` reads ``N`` unlabelled ANT articles (as the speaker
ranker's reach) instead of the gold; two such caches compared with ``--reach-compare`` give the
share of articles whose quotes change, and the rules' CPU time an article.

An unspent split (:data:`speaker_errors.UNSPENT_SPEAKERS`) is refused.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from speaker_errors import refuse_unspent  # noqa: E402
from statement_reader_experiment import POOL_SPLITS, SPENT, _Brief, _matches, pool_changes, pool_summary, shown  # noqa: E402

from khabar.evaluate.extraction import _score_quotes, load_gold, norm, speaker_matches  # noqa: E402


def read_gold(splits: str):
    refuse_unspent(splits)
    gold, split_of = [], {}
    for split in splits.split(","):
        for g in load_gold(ROOT / "tests" / "gold" / "speakers.json", root=ROOT, shared=ROOT.parent / "shared", split=split):
            gold.append(g)
            split_of[g.article.id] = split
    return gold, split_of


def write(path: Path, articles) -> None:
    """The quotes (and sentences) of ``articles`` by this tree's rules, with the CPU time of
    the quote extractor alone."""
    from khabar.extract.quotes import extract_quotes
    from khabar.pipeline import analyze

    out, cpu = {}, 0.0
    for a in articles:
        doc = analyze(a)
        t = time.process_time()
        quotes = extract_quotes(doc.article, doc.sentences, doc.mentions)
        cpu += time.process_time() - t
        out[a.id] = (doc.sentences, [shown(q) for q in quotes])
    path.write_bytes(pickle.dumps({"quotes": out, "cpu": cpu, "n": len(articles)}))
    print(f"wrote {path}: {len(articles)} articles, the quote extractor {1000 * cpu / max(1, len(articles)):.2f} ms CPU an article")


def line(part, docs) -> tuple[object, str]:
    qs = [q for g in part for q in docs[g.article.id][1]]
    q, sp, c = _score_quotes(part, [_Brief(qs)])
    return q, (f"quotes P/R/F1 {q.precision:.4f}/{q.recall:.4f}/{q.f1:.4f} found {q.matched} predicted {len(qs)} | "
               f"speakers P/R {sp.precision:.4f}/{sp.recall:.4f} | content as said {c.accurate}")


def compare(base: dict, new: dict, splits: str, show: bool, pools: int, pool_size: int = 3) -> None:
    gold, split_of = read_gold(splits)
    ant = [g for g in gold if g.path.startswith("ant/")]
    for name, part in (("spent", gold), ("spent ANT", ant)):
        print(f"{name:10s} base {line(part, base)[1]}")
        print(f"{name:10s} new  {line(part, new)[1]}")
    if show:
        key = lambda q: (q.speaker, q.start, q.end)  # noqa: E731
        for g in gold:
            b = {key(q): q for q in base[g.article.id][1]}
            n = {key(q): q for q in new[g.article.id][1]}
            for sign, only in (("+", [n[k] for k in n.keys() - b.keys()]), ("-", [b[k] for k in b.keys() - n.keys()])):
                for q in sorted(only, key=lambda q: q.start):
                    right = any(_matches(gq, q) for gq in g.quotes)
                    content = " ".join(q.content.split())[:80]
                    print(f"  {sign} {'right' if right else 'wrong'} {split_of[g.article.id]} {g.path[:44]} | {q.speaker} | {content}")
    if pools:
        by_split = {s: [g for g in ant if split_of[g.article.id] == s] for s in POOL_SPLITS}
        changes = pool_changes(by_split, pools, pool_size, lambda part: line(part, base)[0], lambda part: line(part, new)[0])
        print(f"{pools} pools of {pool_size} ANT spent splits: {pool_summary(*changes)}")


def _ant_statements(base: dict, splits: str):
    """Each spent ANT statement with what the quotes of ``base`` make of it: ``"found"``, ``"held"``
    (another speaker's quote holds its key) or ``"none"`` with its sentence (None if no sentence holds it)."""
    gold, _ = read_gold(splits)
    for g in gold:
        if not g.path.startswith("ant/"):
            continue
        sentences, quotes = base[g.article.id]
        for gq in g.quotes:
            if any(_matches(gq, q) for q in quotes):
                yield g, gq, "found", None
            elif any(any(norm(k) in norm(q.content) for k in gq.keys) for q in quotes):
                yield g, gq, "held", None
            else:
                yield g, gq, "none", next((s for s in sentences if s.start <= gq.start < s.end), None)


def census(base: dict, splits: str) -> None:
    """The spent statements no quote finds, by the shape of their sentence (ANT articles)."""
    from khabar.extract.attribution import find_attributions
    from khabar.extract.attribution.lists import complement_at, pronoun_verb_info, verb_info
    from khabar.text.ar.tokenize import words

    counts: Counter[str] = Counter()
    for _, gq, status, s in _ant_statements(base, splits):
        counts["gold"] += 1
        if status == "held":
            counts["held by another speaker's quote"] += 1
        if s is not None:
            before = words(s.text[: gq.start - s.start])
            verb = any(verb_info(w) or pronoun_verb_info(w) for w in before)
            comp = any(complement_at(w) for w in before[-3:])
            read = "the rules read an attribution there" if find_attributions(s.text) else "the rules read nothing there"
            counts[f"no quote: {read}, {'a listed verb' if verb else 'no listed verb'}{' and a complementiser' if comp else ''}"] += 1
    for k, n in counts.most_common():
        print(f"{n:6d}  {k}")


def miss_classes(sentence, gq) -> set[str]:
    """The classes of a statement no quote finds (``--oracle``), read from its sentence."""
    from khabar.extract.attribution.lists import _lists, pronoun_verb_info, verb_info
    from khabar.text.ar.clitics import bare_word
    from khabar.text.ar.tokenize import words

    L = _lists()
    before = sentence.text[: gq.start - sentence.start]
    said = norm(gq.speakers[0]).split()
    named = bool(said) and any(w.endswith(said[-1]) and len(w) - len(said[-1]) <= 2 for w in norm(sentence.text).split())
    verbs = [verb_info(w) or pronoun_verb_info(w) for w in words(before)]
    out = set()
    if ":" in before and (sentence.is_title or sentence.index <= 1):
        out.add("headline")
    elif ":" in before and not any(m in sentence.text for m in '"«“'):
        out.add("colon, no marks")
    if not named and any(v is not None and v[1].impersonal for v in verbs[-4:]):
        out.add("passive or impersonal")
    if not named and any(v is not None for v in verbs):
        out.add("follow-on (speaker not named in the sentence)")
    if said and bare_word(said[0]) in (L.documents | L.statement_nouns) | {bare_word(w) for w in L.documents | L.statement_nouns}:
        out.add("document")
    return out


#: The exclusive classes of ``--classes``, in the order they are tried.
UNFOUND_CLASSES = (
    "a colon, no listed verb before ('X: ...'، 'وزاد: ...')",
    "a passive or impersonal verb of the list",
    "a document as speaker",
    "a follow-on: a listed verb before, the speaker not named in the sentence",
    "a listed verb, the speaker named, a complementiser (إن/أن) before the key",
    "a listed verb, the speaker named, quotation marks before the key",
    "a listed verb, the speaker named, indirect speech without إن/أن (an object or a preposition)",
    "'بحسب/وفق' before, no listed verb",
    "a listed verb only after the content ('...، كما قال X')",
    "quotation marks, no listed verb in the sentence",
    "no verb of the list in the sentence (verbs the list lacks, verbal nouns)",
)


def unfound_class(sentence, text: str, gq) -> str:
    """The class of a statement no quote finds (``--classes``), read from its sentence: the first
    of :data:`UNFOUND_CLASSES` that applies."""
    import re

    from khabar.extract.attribution.lists import complement_at, pronoun_verb_info, verb_info
    from khabar.text.ar.tokenize import words

    before, after = text[sentence.start : gq.start], text[gq.end : sentence.end]
    bw = words(before)
    verbs = [k for k, w in enumerate(bw) if verb_info(w) or pronoun_verb_info(w)]
    after_verb = before.split(bw[verbs[-1]])[-1] if verbs else ""
    shape = miss_classes(sentence, gq)
    tests = (
        ":" in before and not verbs,
        "passive or impersonal" in shape,
        "document" in shape,
        "follow-on (speaker not named in the sentence)" in shape,
        bool(verbs) and any(complement_at(w) for w in bw[verbs[-1] + 1 :]),
        bool(verbs) and re.search('["«“]', after_verb) is not None,
        bool(verbs),
        re.search("(بحسب|حسب|وفق|طبقا|نقلا|تبعا)", norm(before)) is not None,
        any(verb_info(w) or pronoun_verb_info(w) for w in words(after)),
        re.search('["«“]', before) is not None,
        True,
    )
    return UNFOUND_CLASSES[tests.index(True)]


def classes(base: dict, splits: str) -> None:
    """The spent ANT statements no quote finds, each in one class (:func:`unfound_class`)."""
    counts: Counter[str] = Counter()
    for g, gq, status, s in _ant_statements(base, splits):
        counts["gold"] += 1
        counts[{"found": "found", "held": "held by another speaker's quote"}.get(status, "")] += 1
        if s is not None:
            counts[unfound_class(s, g.article.text, gq)] += 1
    for k in ("gold", "found", "held by another speaker's quote", *UNFOUND_CLASSES):
        print(f"{counts[k]:6d}  {k}")


def oracle(base: dict, splits: str, pool_size: int, exclude: set[str]) -> None:
    """The upper bound of a rule for the never-found classes: each spent ANT statement of them
    found with no false call, in pools of ``pool_size`` ANT splits (fresh5..)."""
    gold, split_of = read_gold(splits)
    counts: Counter[str] = Counter()
    per: dict[str, list[int]] = {}
    for g in gold:
        if not g.path.startswith("ant/"):
            continue
        sentences, quotes = base[g.article.id]
        st = per.setdefault(split_of[g.article.id], [0, 0, 0, 0, 0])  # gold, found, predicted, correct, in the classes
        st[0] += len(g.quotes)
        st[2] += len(quotes)
        st[3] += sum(1 for q in quotes if any(_matches(gq, q) for gq in g.quotes))
        for gq in g.quotes:
            if any(_matches(gq, q) for q in quotes):
                st[1] += 1
                continue
            if any(any(norm(k) in norm(q.content) for k in gq.keys) for q in quotes):
                continue
            s = next((s for s in sentences if s.start <= gq.start < s.end), None)
            classes = miss_classes(s, gq) if s is not None else set()
            last = [q for q in quotes if s is not None and q.start < s.start and q.speaker]
            if "follow-on (speaker not named in the sentence)" in classes:
                # who could a follow-on rule give it to: the last quoted speaker, an earlier one,
                # a name of the text before that no quote took, or none the text names as the gold does
                if last and speaker_matches(gq.speakers, last[-1].speaker):
                    classes.add("follow-on, the last quoted speaker the right one")
                elif any(speaker_matches(gq.speakers, q.speaker) for q in last):
                    classes.add("follow-on, an earlier quoted speaker the right one")
                elif any(norm(f) and norm(f) in norm(g.article.text[: s.start]) for f in gq.speakers):
                    classes.add("follow-on, named before in the text, never quoted")
            counts.update(classes)
            if classes - exclude:
                counts["any of them" + (f" (less {', '.join(sorted(exclude))})" if exclude else "")] += 1
                st[4] += 1
    for k, n in counts.most_common():
        print(f"{n:6d}  {k}")
    names = sorted(k for k in per if k not in ("dev", "test", "fresh2", "fresh3", "fresh4"))

    def f1(g, found, pred, correct):
        p, r = correct / pred, found / g
        return 2 * p * r / (p + r)

    rng = random.Random(5)
    change, more = [], []
    for _ in range(2000):
        part = rng.sample(names, pool_size)
        g, found, pred, correct, k = (sum(per[s][i] for s in part) for i in range(5))
        change.append(f1(g, found + k, pred + k, correct + k) - f1(g, found, pred, correct))
        more.append(k)
    c = np.array(change)
    print(f"every one found, no false call, 2000 pools of {pool_size} ANT splits: quotes F1 change mean {c.mean():+.4f}, "
          f"10/50/90th {np.percentile(c, 10):+.4f}/{np.percentile(c, 50):+.4f}/{np.percentile(c, 90):+.4f}; statements mean "
          f"{np.mean(more):.2f}; share >= +0.010 {np.mean(c >= 0.010):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--splits", default=SPENT)
    ap.add_argument("--write", type=Path)
    ap.add_argument("--base", type=Path)
    ap.add_argument("--new", type=Path)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--pools", type=int, default=1000)
    ap.add_argument("--pool-size", type=int, default=3, help="spent splits a pool (the judge fresh39..fresh42: 4)")
    ap.add_argument("--census", action="store_true")
    ap.add_argument("--oracle", action="store_true", help="the never-found classes and a rule's upper bound on them")
    ap.add_argument("--classes", action="store_true", help="the never-found statements in exclusive classes (session 37)")
    ap.add_argument("--exclude", nargs="*", default=[], help="classes --oracle leaves out")
    ap.add_argument("--reach", type=int, default=0)
    ap.add_argument("--seed", type=int, default=2626)
    ap.add_argument("--reach-compare", action="store_true")
    args = ap.parse_args()
    if args.write:
        if args.reach:
            from speaker_ranker_experiment import unlabelled_ant

            write(args.write, unlabelled_ant(args.reach, args.seed))
        else:
            write(args.write, [g.article for g in read_gold(args.splits)[0]])
        return
    base = pickle.loads(args.base.read_bytes())
    if args.census:
        census(base["quotes"], args.splits)
        return
    if args.classes:
        classes(base["quotes"], args.splits)
        return
    if args.oracle:
        oracle(base["quotes"], args.splits, args.pool_size, set(args.exclude))
        return
    new = pickle.loads(args.new.read_bytes())
    if args.reach_compare:
        changed = 0
        for aid, (_, qs) in new["quotes"].items():
            b = {(q.speaker, q.start, q.end) for q in base["quotes"][aid][1]}
            n = {(q.speaker, q.start, q.end) for q in qs}
            changed += b != n
            for q in qs:
                if (q.speaker, q.start, q.end) not in b:
                    print(f"  + {aid[:16]} | {q.speaker} | {q.verb} | {' '.join(q.content.split())[:80]}")
        print(f"reach: {changed} of {new['n']} ANT articles with a quote changed ({changed / max(1, new['n']):.1%}); the quote extractor "
              f"{1000 * base['cpu'] / base['n']:.2f} -> {1000 * new['cpu'] / new['n']:.2f} ms CPU an article")
        return
    compare(base["quotes"], new["quotes"], args.splits, args.show, args.pools, args.pool_size)


if __name__ == "__main__":
    main()
