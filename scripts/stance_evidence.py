"""Which sentences does the meaning model read, and are they the ones a person would cite?
(issue 16, session 9).  Development figures only: baly2018 folds 1-4 (its own gold evidence,
``rationale``) and labelled JSON Lines files with ``rationale`` (tests/gold/stance/fresh5.jsonl).

    python scripts/stance_evidence.py                       # recall of the gold evidence per selector
    python scripts/stance_evidence.py --fresh tests/gold/stance/fresh5.jsonl

For every gold agree / disagree pair: is one of its gold evidence sentences among the
sentences a selector gives the encoder (two, and the lead)?  Selectors, each over the
lexical top :data:`POOL` (:attr:`khabar.check.features.Analysis.ranked`) and the lead:

* ``lexical``: the lexical top 2 (what :func:`khabar.check.meaning.candidate_indices` reads);
* ``encoder``: the top 2 by encoder cosine + 0.5 x lexical cosine (session 7's ``evidence 6 2``);
* ``ranker``: the top 2 by a logistic regression over the sentence's readings
  (:func:`ranker_features`), trained on baly2018's gold evidence, cross-validated by claim
  (its four folds; the fresh files are scored by one trained on all four).

The encoder's vectors of every pool sentence are kept in ``--cache`` between runs.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from khabar.check import meaning as me
from khabar.check.network import fit_network
from khabar.check.features import Analysis, analyse, claim_view
from khabar.check.pairs import Pair, by_claim, load_data
from khabar.relate.embeddings import require
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import words

ROOT = Path(__file__).resolve().parent.parent
#: Sentences of the lexical ranking a selector chooses from (all that Analysis keeps).
POOL = 8
#: Sentences a selector gives the encoder besides the lead.
CHOSEN = 2

RANKER_FEATURES = (
    "lexical",
    "coverage",
    "rank",
    "top1",
    "semantic",
    "semantic_rank",
    "position",
    "is_lead",
    "second",
    "furniture",
    "length",
    "names_shared",
    "names_other",
    "numbers_shared",
    "numbers_other",
)


def pool(an: Analysis) -> list[int]:
    out = list(an.ranked[:POOL])
    if an.doc.sentences and 0 not in out:
        out.append(0)
    return out


class Encodings:
    """Unit encoder vectors of texts, kept in a pickle between runs."""

    def __init__(self, path: Path):
        self.path = path
        self.store: dict[str, np.ndarray] = pickle.loads(path.read_bytes()) if path.exists() else {}
        self.encode = None

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.store))
        if missing:
            self.encode = self.encode or require("use").encode
            for k in range(0, len(missing), 256):
                chunk = missing[k : k + 256]
                for t, v in zip(chunk, self.encode(chunk)):
                    self.store[t] = np.asarray(v, dtype=np.float32)
        return np.stack([self.store[t] for t in texts]) if texts else np.zeros((0, me.DIMENSION), np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps(self.store))


def ranker_features(claim: str, an: Analysis, idx: Sequence[int], semantic: np.ndarray) -> np.ndarray:
    """One row per pool sentence: its lexical and encoder closeness and ranks, where it is
    on the page, how much of it is furniture, and the claim's names (keys of
    :func:`khabar.check.frames.read_frame`, so spellings of one name are one) and numbers it
    shares or replaces."""
    view = claim_view(claim)
    nterms = max(1, len(view.terms))
    cframe = me.sentence_frame(claim)
    cnames = cframe.keys
    cnumbers = me._numbers(claim)
    n = max(1, len(an.doc.sentences))
    sem_order = {j: r for r, j in enumerate(np.argsort(-semantic, kind="stable"))}
    rows = []
    for k, i in enumerate(idx):
        text = an.doc.sentences[i].text
        terms = set(content_terms(words(text)))
        rank = an.ranked.index(i) if i in an.ranked else POOL
        names = me.sentence_frame(text).keys
        numbers = me._numbers(text)
        rows.append([
            an.similarity.get(i, 0.0),
            len(view.terms & terms) / nterms,
            rank / POOL,
            float(rank == 0),
            float(semantic[k]),
            sem_order[k] / POOL,
            i / n,
            float(i == 0),
            float(i == 1),
            me.furniture(text),
            math.log1p(len(text.split())),
            len(cnames & names) / len(cnames) if cnames else 0.0,
            float(bool(names - cnames)),
            float(bool(cnumbers & numbers)),
            float(bool(numbers - cnumbers) and bool(cnumbers)),
        ])
    return np.array(rows, dtype=np.float64)


class Item:
    """One gold agree / disagree pair's pool and readings."""

    def __init__(self, pair: Pair, an: Analysis, enc: Encodings):
        self.pair, self.an = pair, an
        self.idx = pool(an)
        claim_vec = enc([pair.claim])[0]
        vectors = enc([me.encoded_text(an.doc.sentences[i].text) for i in self.idx])
        self.semantic = vectors @ claim_vec
        self.x = ranker_features(pair.claim, an, self.idx, self.semantic)
        self.y = np.array([float(i in pair.rationale) for i in self.idx])


def read_items(pairs: list[Pair], enc: Encodings) -> list[Item]:
    out = []
    for claim, idx in by_claim(pairs):
        analyses = analyse(claim, [pairs[i].doc for i in idx])
        for i, an in zip(idx, analyses):
            p = pairs[i]
            if p.stance in ("agree", "disagree") and p.rationale:
                out.append(Item(p, an, enc))
    return out


def chosen(item: Item, score: np.ndarray) -> set[int]:
    """The :data:`CHOSEN` best pool sentences by ``score`` that are not the lead, and the lead."""
    order = [item.idx[j] for j in np.argsort(-score, kind="stable") if item.idx[j] != 0][:CHOSEN]
    return {*order, 0}


def lexical_score(item: Item) -> np.ndarray:
    return -np.array([item.an.ranked.index(i) if i in item.an.ranked else POOL for i in item.idx], float)


def encoder_score(item: Item) -> np.ndarray:
    return item.semantic + me.LEXICAL_WEIGHT * item.x[:, 0]


class Ranker:
    """Logistic regression over :data:`RANKER_FEATURES` (standardised), L2 ``l2``."""

    def __init__(self, items: Sequence[Item], l2: float = 1.0, columns: Sequence[int] | None = None):
        self.columns = list(columns) if columns is not None else list(range(len(RANKER_FEATURES)))
        x = np.vstack([it.x[:, self.columns] for it in items])
        y = ["evidence" if v else "other" for it in items for v in it.y]
        self.net = fit_network(x, y, labels=("other", "evidence"), l2=l2, balance=0.0)

    def __call__(self, item: Item) -> np.ndarray:
        z = self.net.logits(item.x[:, self.columns])
        return z[:, 1] - z[:, 0]

    def weights(self) -> np.ndarray:
        w = self.net.weights[0]
        return w[1] - w[0]


def recall(items: Sequence[Item], score) -> dict[str, tuple[float, int]]:
    out = {}
    for label in ("agree", "disagree"):
        hits = [bool(chosen(it, score(it)) & set(it.pair.rationale)) for it in items if it.pair.stance == label]
        out[label] = (float(np.mean(hits)) if hits else 0.0, len(hits))
    return out


def show_sets(items: Sequence[Item]) -> None:
    """Recall of fixed sets: the lexical top k, the lead, and the page's second sentence
    (in news the first of the body, which restates the headline)."""
    for name, pick in (
        ("lexical top 1 + lead", lambda an: {*an.ranked[:1], 0}),
        ("lexical top 1 + lead + 2nd", lambda an: {*an.ranked[:1], 0, 1}),
        ("lexical top 2 + lead + 2nd", lambda an: {*an.ranked[:2], 0, 1}),
        ("lexical top 3 + lead", lambda an: {*an.ranked[:3], 0}),
    ):
        out = []
        for label in ("agree", "disagree"):
            hits = [bool(pick(it.an) & set(it.pair.rationale)) for it in items if it.pair.stance == label]
            out.append(f"{label} {np.mean(hits):.3f} ({len(hits)})")
        print(f"  {name:28s} " + "  ".join(out), flush=True)


def best_in_candidates(item: Item, score: np.ndarray) -> int:
    """The sentence ``score`` puts first among what the model reads (lexical top 2 + lead)."""
    cands = set(me.candidate_indices(item.an))
    js = [j for j, i in enumerate(item.idx) if i in cands]
    return item.idx[max(js, key=lambda j: (score[j], -j))]


def relevance_score(item: Item) -> np.ndarray:
    """:attr:`khabar.check.meaning.Candidates.relevance`: what the article head reads as best."""
    return item.semantic + me.LEXICAL_WEIGHT * item.x[:, 0] - 0.5 * item.x[:, RANKER_FEATURES.index("furniture")]


def show_best(name: str, items: Sequence[Item], score) -> None:
    out = []
    for label in ("agree", "disagree"):
        hits = [best_in_candidates(it, score(it)) in it.pair.rationale for it in items if it.pair.stance == label]
        out.append(f"{label} {np.mean(hits):.3f} ({len(hits)})")
    print(f"  best = gold, {name:21s} " + "  ".join(out), flush=True)


def show(name: str, items: Sequence[Item], score) -> None:
    r = recall(items, score)
    print(f"  {name:28s} " + "  ".join(f"{k} {v:.3f} ({n})" for k, (v, n) in r.items()), flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/khabar-stance-evidence/use.pkl"))
    parser.add_argument("--fresh", type=Path, nargs="*", default=[])
    parser.add_argument("--l2", type=float, default=1.0, help="the ranker's L2")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from stance_experiments import refuse_unspent

    refuse_unspent(args.fresh)
    enc = Encodings(args.cache)
    baly = load_data(args.corpora / "baly2018", role="train").pairs
    items = read_items(baly, enc)
    fresh = {path.name: read_items(load_data(path, role="test").pairs, enc) for path in args.fresh}
    enc.save()
    folds = sorted({it.pair.fold for it in items})
    lexical_only = [j for j, n in enumerate(RANKER_FEATURES) if not n.startswith("semantic")]
    cv: dict[tuple[str, int], np.ndarray] = {}
    for f in folds:
        train = [it for it in items if it.pair.fold != f]
        for name, cols in (("all", None), ("lexical", lexical_only)):
            ranker = Ranker(train, args.l2, cols)
            for it in items:
                if it.pair.fold == f:
                    cv[name, id(it)] = ranker(it)
    full = Ranker(items, args.l2)
    full_lexical = Ranker(items, args.l2, lexical_only)
    print(f"baly2018 folds 1-4 ({len(items)} gold agree/disagree pairs): gold evidence among the lead + {CHOSEN} chosen")
    for label in ("agree", "disagree"):
        hits = [bool(set(it.idx) & set(it.pair.rationale)) for it in items if it.pair.stance == label]
        print(f"  pool (lexical top {POOL} + lead) {label} {np.mean(hits):.3f} ({len(hits)})")
    show("lexical", items, lexical_score)
    show("encoder + 0.5 lexical", items, encoder_score)
    show_sets(items)
    show("ranker (4-fold by claim)", items, lambda it: cv["all", id(it)])
    show("ranker without the encoder", items, lambda it: cv["lexical", id(it)])
    show_best("relevance (shipped)", items, relevance_score)
    show_best("lexical", items, lexical_score)
    show_best("ranker", items, lambda it: cv["all", id(it)])
    for name, its in fresh.items():
        print(f"{name} ({len(its)} gold agree/disagree pairs with evidence)")
        show("lexical", its, lexical_score)
        show("encoder + 0.5 lexical", its, encoder_score)
        show_sets(its)
        show("ranker (trained on baly2018)", its, full)
        show("ranker without the encoder", its, full_lexical)
        show_best("relevance (shipped)", its, relevance_score)
        show_best("lexical", its, lexical_score)
        show_best("ranker", its, full)
    print("ranker weights (standardised):", " ".join(f"{n} {w:+.2f}" for n, w in zip(RANKER_FEATURES, full.weights())))
    print("without the encoder:", " ".join(f"{RANKER_FEATURES[c]} {w:+.2f}" for c, w in zip(lexical_only, full_lexical.weights())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
