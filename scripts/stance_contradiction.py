"""A small contradiction reader of the claim against one sentence (issue 16, session 10):
an experiment for ``scripts/stance_experiments.py contradiction``.

Session 10's error analysis (``scripts/stance_reading.py``): on baly2018's disagreeing pages
whose cited sentence is read, the sentence head calls that sentence disagree 2 times in 50
(agree 16, other 32), though a denial is in 9 of them (in 4 of 354 agreeing ones) and a
negation on one side only in 14 (29 of 354).  The sentence head learns mostly from ANS's
headline pairs and baly2018's "other" sentences.  This reader sees only a few readings of a
sentence (closeness, the cues, and where a negation or denial stands against the claim's
words) and is trained on sided sentences only (agree against disagree): baly2018's gold
evidence sentences, ANS's pairs down-weighted.  Its P(disagree) on the article's best
candidate and its highest over the close candidates are two more article-head inputs
(out-of-fold on the training pairs).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import numpy as np

from khabar.check.features import count_cues
from khabar.check.meaning import SENTENCE_FEATURES, denies_claim
from khabar.check.network import fit_network
from khabar.check.pairs import claim_folds
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import tokenize

CUES = ("negation_mismatch", "denial_sentence", "denial_claim", "antonym", "figure_agree", "figure_disagree",
        "number_mismatch", "swapped_names", "role_swap", "agent_change", "modality_sentence", "hedge",
        "difference_cosine", "sentence_only_to_claim", "claim_only_to_sentence")
#: Words after a negation particle that it governs (a denial's scope is
#: :data:`khabar.check.meaning.DENIAL_SCOPE`, read by :func:`khabar.check.meaning.denies_claim`).
NEGATION_SCOPE = 3


class _View(NamedTuple):
    text: str
    terms: frozenset[str]
ALIGNED = ("aligned_negation", "aligned_denial")
READER_FEATURES = ("semantic", "claim_covered", *CUES, *ALIGNED)


@lru_cache(maxsize=50_000)
def _positions(text: str) -> tuple[tuple[str | None, ...], tuple[int, ...]]:
    norms = [t.norm for t in tokenize(text)]
    stems = tuple((content_terms([n]) or [None])[0] for n in norms)
    neg = tuple(i for i in range(len(norms)) if count_cues(norms[i : i + 1], "negation")
                and not count_cues(norms[i : i + 3], "not_negation"))
    return stems, neg


def aligned(claim_text: str, claim_terms: frozenset[str], text: str) -> tuple[float, float]:
    """A negation governing one of the claim's words where the claim negates none of them;
    a denial before one of the claim's words (what is denied is the claim's)."""
    stems, neg = _positions(text)
    hits = [i for i, s in enumerate(stems) if s and s in claim_terms]
    _cs, cneg = _positions(claim_text)
    a = float(not cneg and any(0 < h - n <= NEGATION_SCOPE for n in neg for h in hits))
    return a, float(denies_claim(_View(claim_text, claim_terms), text))


def rows(view, an, cand, which=None) -> np.ndarray:
    """Reader inputs of the candidates ``which`` (all by default); ``view`` is the claim's
    :class:`khabar.check.features.ClaimView`."""
    idx = range(len(cand.indices)) if which is None else which
    out = []
    for j in idx:
        s = cand.scalars[j]
        text = an.doc.sentences[cand.indices[j]].text
        extra = aligned(view.text, view.terms, text)
        out.append([s[SENTENCE_FEATURES.index(n)] for n in READER_FEATURES[:-2]] + list(extra))
    return np.array(out, dtype=np.float64).reshape(len(out), len(READER_FEATURES))


def sided_rows(pairs, readings, ans_weight: float):
    xs, ys, ws, src = [], [], [], []
    for i, (p, r) in enumerate(zip(pairs, readings)):
        if p.stance not in ("agree", "disagree"):
            continue
        if r.single_sentence:
            x, w = rows(r.claim.view, r.analysis, r.candidates, [0]), ans_weight
        else:
            gold = [j for j, s in enumerate(r.candidates.indices) if s in set(p.rationale)]
            x = rows(r.claim.view, r.analysis, r.candidates, gold)
            if r.rationale is not None:
                x = np.vstack([x, rows(r.claim.view, r.analysis, r.rationale)])
            w = 1.0
        for row in x:
            xs.append(row)
            ys.append(p.stance)
            ws.append(w)
            src.append(i)
    return np.array(xs), ys, np.array(ws), np.array(src)


class Reader:
    """The reader fit on some pairs; out-of-fold P(disagree) for the article pairs it was fit on."""

    def __init__(self, pairs, readings, *, ans_weight: float = 0.1, l2: float = 1.0):
        x, y, w, src = sided_rows(pairs, readings, ans_weight)
        self.net = fit_network(x, y, labels=("agree", "disagree"), l2=l2, balance=1.0, sample_weight=w)
        self.oof: dict[int, np.ndarray] = {}
        for test in claim_folds(list(pairs), 5):
            held = set(test)
            keep = np.array([s not in held for s in src])
            net = fit_network(x[keep], [y[k] for k in np.nonzero(keep)[0]], labels=("agree", "disagree"), l2=l2,
                              balance=1.0, sample_weight=w[keep])
            for i in test:
                r = readings[i]
                if not r.single_sentence and len(r.candidates.indices):
                    self.oof[id(r.candidates)] = net.probabilities(rows(r.claim.view, r.analysis, r.candidates))[:, 1]

    def disagree(self, view, an, cand) -> np.ndarray:
        if id(cand) in self.oof:
            return self.oof[id(cand)]
        return self.net.probabilities(rows(view, an, cand))[:, 1]


def article_inputs(reader: Reader, view, an, cand) -> list[float]:
    """P(disagree) on the best candidate (relevance) and the highest among candidates within
    cosine 0.3 of the claim (0 when none is)."""
    if not len(cand.indices):
        return [0.0, 0.0]
    p = reader.disagree(view, an, cand)
    best = int(np.argmax(cand.relevance))
    close = cand.semantic >= 0.3
    return [float(p[best]), float(p[close].max()) if close.any() else 0.0]
