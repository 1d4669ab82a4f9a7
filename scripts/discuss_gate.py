"""An experiment (issue 16, sessions 32-33), off the check's path: a page the check calls *discuss*, read again -- it may state the claim, or tell another happening.

*discuss* is where the check's doubts land: the article head's middle answer, the pages the
event gate refuses a disagreement and the pages the relatedness gate and the same-event reading
lift from *unrelated*.  Two kinds of page gather there wrongly (issue 16, session 32, counted on
the spent splits by the shipped check): pages that **state the claim** (gold agree called
discuss: 44 of drawn1..drawn9's 527 pages as the check's search finds them, 273 of
fresh3..fresh28's 2,698) and pages of **another happening** of the same words or days (gold
unrelated called discuss: 47 on drawn, 49 on fresh, 248 of baly2018's 2,429).  The gate is a
small logistic model (:class:`~khabar.check.network.Network`, labels *agree*, *discuss*,
*unrelated*) over what the check already read of the page: the article head's probabilities
and the sentence head's strongest agree and disagree on the candidates; the page's event
signature (the event scorer's probability that it reports the claim's happening, the term
cosine that scorer reads, whether the page names the claim's places or actors, anywhere and in
its lead); its closeness to the claim (the encoder's best cosine, the lexical best and mean
cosine, the share of the claim's words it holds); and whether a candidate, or the best one,
holds a contrary sign.  A page it reads as *agree* at :data:`AGREE_AT` or more agrees; else
one it reads as *unrelated* at :data:`UNRELATED_AT` or more is unrelated; else it still
discusses.  ``scripts/build_discuss_gate.py`` fits it; ``scripts/discuss_gate_sweep.py``
measures it (leave-one-split-out, reach on unlabelled ANT, the forecast on a judge's pages).

Why it is here and not in ``khabar.check`` (docs/measurements.md, sessions 32 and 33): it
changes 1.6-2.8 % of the pages a check reads on unlabelled ANT at these thresholds, under the
~5 % a judge asks; the thresholds that reach ~5 % (agree <= 0.35) forecast under one page on
the unspent splits' discuss pages.  It was never judged and sat off by default: a flag nobody
sets is not a feature.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from khabar.check import gate_io
from khabar.check.event import claim_anchors, claim_terms_cosine, page_of
from khabar.check.features import PairFeatures
from khabar.check.meaning import CONTRARY_SIGNS, SENTENCE_FEATURE_COLUMN, SENTENCE_LABELS, Candidates
from khabar.check.meaning_model import MeaningModel, PairReading, same_event_score
from khabar.check.network import Network
from khabar.errors import InputError
from khabar.model import Article

FORMAT = "khabar-discuss-gate"
#: The gate's inputs, in order (:func:`discuss_gate_row`).
GATE_FEATURES: tuple[str, ...] = (
    "same_event",
    "event_terms",
    "semantic_max",
    "coverage_doc",
    "mean_top_sim",
    "max_sim",
    "lead_place",
    "lead_actor",
    "names_place",
    "names_actor",
    "contrary_any",
    "contrary_best",
    "head_agree",
    "head_discuss",
    "head_unrelated",
    "sentence_agree_max",
    "sentence_disagree_max",
)
LABELS = ("agree", "discuss", "unrelated")
#: Issue 16, session 32, chosen on development data (each spent set read by a gate fitted
#: without it; docs/measurements.md) among 0.45 / 0.5 / 0.55 / 0.6 for each: at 0.5 and 0.6
#: drawn1..drawn9's accuracy 316 -> 332 of 527 pages (no set down), fresh3..fresh28's mean
#: macro-F1 0.419 -> 0.430, baly2018 folds 1-4's 0.512 -> 0.513.  *unrelated* at 0.5 cost
#: the fresh sets' discussing pages and baly2018 (0.509).
AGREE_AT = 0.5
UNRELATED_AT = 0.6
_CONTRARY_COLUMNS = np.array([SENTENCE_FEATURE_COLUMN[f] for f in CONTRARY_SIGNS])


@dataclass(frozen=True, slots=True)
class DiscussGate:
    network: Network
    agree_at: float = AGREE_AT
    unrelated_at: float = UNRELATED_AT

    def probabilities(self, row: np.ndarray) -> dict[str, float]:
        p = self.network.probabilities(row)[0]
        return {lb: float(p[i]) for i, lb in enumerate(self.network.labels)}

    def reads(self, row: np.ndarray) -> str:
        """The label of a *discuss* page whose inputs are ``row`` (:func:`discuss_gate_row`)."""
        p = self.probabilities(row)
        if p["agree"] >= self.agree_at and p["agree"] >= p["unrelated"]:
            return "agree"
        if p["unrelated"] >= self.unrelated_at:
            return "unrelated"
        return "discuss"


def anchor_flags(claim: str, article: Article) -> tuple[float, float, float, float]:
    """Whether the page names the claim's places / its actors in its lead, and anywhere
    (:func:`khabar.check.event.claim_anchors`, every gazetteer spelling, with or without proclitics)."""
    anchors = claim_anchors(claim)
    page = page_of(article)
    return (
        float(any(page.leads_with(p) for p in anchors.places)),
        float(any(page.leads_with(a) for a in anchors.actors)),
        float(any(page.names(p) for p in anchors.places)),
        float(any(page.names(a) for a in anchors.actors)),
    )


def discuss_gate_row(claim: str, article: Article, features: PairFeatures, cand: Candidates, same_event: float,
                     event_terms: float, head: dict[str, float], sentence_probabilities: np.ndarray) -> np.ndarray:
    """The gate's inputs for one page with candidates: ``same_event`` the event scorer's
    probability (:func:`khabar.check.meaning_model.same_event_score`), ``event_terms`` the
    claim's and the page's term cosine (:func:`khabar.check.event.claim_terms_cosine`),
    ``head`` the article head's probabilities by label, ``sentence_probabilities`` the
    sentence head's for each candidate (columns :data:`~khabar.check.meaning.SENTENCE_LABELS`)."""
    signs = cand.scalars[:, _CONTRARY_COLUMNS] > 0
    best = int(np.argmax(cand.relevance))
    sp = sentence_probabilities
    return np.array([
        same_event,
        event_terms,
        float(cand.semantic.max()),
        features.coverage_doc,
        features.mean_top_sim,
        features.max_sim,
        *anchor_flags(claim, article),
        float(signs.any()),
        float(signs[best].any()),
        head.get("agree", 0.0),
        head.get("discuss", 0.0),
        head.get("unrelated", 0.0),
        float(sp[:, SENTENCE_LABELS.index("agree")].max()) if len(sp) else 0.0,
        float(sp[:, SENTENCE_LABELS.index("disagree")].max()) if len(sp) else 0.0,
    ], dtype=np.float64)


def gate_arrays(network: Network, description: dict) -> dict[str, np.ndarray]:
    return gate_io.gate_arrays(FORMAT, GATE_FEATURES, network, description)


def gate_from_arrays(arrays: dict[str, np.ndarray], source: str) -> DiscussGate:
    network = gate_io.gate_network(arrays, source, fmt=FORMAT, features=GATE_FEATURES, label="agree", what="discuss gate")
    if tuple(network.labels) != LABELS:
        raise InputError(source, "the discuss gate does not give agree, discuss and unrelated")
    return DiscussGate(network)


def gate_row(model: MeaningModel, reading: PairReading) -> np.ndarray:
    """:func:`discuss_gate_row` of a page with candidates that the article head reads: the
    heads' outputs as the check computes them (:meth:`MeaningModel.article_head_row`)."""
    cand = reading.candidates
    probs = model.sentence_probabilities(reading.claim, cand)
    head = dict(zip(model.article.labels, model.article.probabilities(model.article_head_row(reading, probs))[0].tolist()))
    article = reading.analysis.doc.article
    text = reading.claim.view.text
    return discuss_gate_row(text, article, reading.analysis.features, cand, same_event_score(reading),
                            claim_terms_cosine(text, article), head, probs)


def reads_page(model: MeaningModel, reading: PairReading) -> bool:
    """Whether the gate can read the page: more than one sentence, candidates, an article head."""
    return not reading.single_sentence and model.article is not None and bool(len(reading.candidates.indices))


def load_gate(path: Path) -> DiscussGate:
    """A gate written by ``scripts/build_discuss_gate.py --output``."""
    with np.load(path, allow_pickle=False) as data:
        return gate_from_arrays({k: data[k] for k in data.files}, str(path))
