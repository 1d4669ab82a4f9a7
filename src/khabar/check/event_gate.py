"""Event gate: whether the article head's *disagree* stands on a page that reports the claim's happening.

A page contradicts a claim only when it tells the claim's own happening otherwise.  The article
head calls pages *disagree* that report another happening of the same days and words or the
same topic with no contrary proposition (issue 16, session 31: of the drawn sets' 64 wrong
disagree calls, drawn1..drawn8 as the check's search finds pages, 21 are pages of another
event and 25 of the same topic stating nothing against the claim; 30 hold no contrary sign
in the head's best sentence).  The gate is a small logistic model
(:class:`~khabar.check.network.Network`, labels *disagree* and *other*) over the page's event
signature as khabar already reads it: the event scorer's probability that the page reports
the claim's happening (:func:`khabar.check.meaning_model.same_event_score`), the claim's and
the page's term cosine as that scorer compares them, the share of the claim's words the page
holds and its closest sentences' lexical cosine, and whether any candidate, or the head's best
one, holds a contrary sign (another figure, a differing number, a one-sided negation, a
denial, an opposite pair).  The head's own inputs are not read (session 28: a gate over them
learnt the fresh sets' make and did not carry), nor the claim's length, which tells the sets
apart more than pages.  It was fitted on the spent pages the article head calls disagree
(baly2018 folds 1-4, each read by the fold model that did not train on it; fresh3..fresh27;
drawn1..drawn8), each page weighing alike, by ``scripts/build_event_gate.py``.  A head
*disagree* that no later reading changed, on a page the gate reads at a probability of a
right disagreement under :data:`DISAGREE_AT`, *discusses* the claim.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.check import gate_io
from khabar.check.features import PairFeatures
from khabar.check.meaning import CONTRARY_SIGNS, SENTENCE_FEATURE_COLUMN, Candidates
from khabar.check.network import Network

FORMAT = "khabar-event-gate"
#: Where the gate that ships with khabar lives (see ``data/event-gate.md``).
BUNDLED = "data/event-gate.npz"
#: The gate's inputs, in order (:func:`event_gate_row`).
GATE_FEATURES: tuple[str, ...] = (
    "same_event",
    "event_terms",
    "contrary_any",
    "contrary_best",
    "coverage_doc",
    "mean_top_sim",
)
_CONTRARY_COLUMNS = np.array([SENTENCE_FEATURE_COLUMN[f] for f in CONTRARY_SIGNS])
#: Probability of a right disagreement under which the head's *disagree* becomes *discuss*.
#: Issue 16, session 31, chosen among 0.15 / 0.2 / 0.22 on development data (each spent set
#: read by a gate fitted without it; docs/measurements.md): 0.2 cut drawn1..drawn8's
#: disagree calls 64 -> 44 (all wrong) for fresh3..fresh27 mean disagree F1 0.376 -> 0.372.
DISAGREE_AT = 0.2


@dataclass(frozen=True, slots=True)
class EventGate:
    network: Network
    threshold: float = DISAGREE_AT

    def right(self, row: np.ndarray) -> float:
        """Probability that the head's *disagree* on the page of ``row`` (:func:`event_gate_row`) is right."""
        return float(self.network.probabilities(row)[0, self.network.labels.index("disagree")])

    def refuses(self, row: np.ndarray) -> bool:
        return self.right(row) < self.threshold


def event_gate_row(features: PairFeatures, cand: Candidates, same_event: float, event_terms: float) -> np.ndarray:
    """The gate's inputs for one page with candidates: ``same_event`` the event scorer's
    probability (:func:`khabar.check.meaning_model.same_event_score`), ``event_terms`` the
    claim's and the page's term cosine (:func:`khabar.check.event.claim_terms_cosine`); the
    best candidate is the one that speaks most to the claim (``Candidates.relevance``)."""
    signs = cand.scalars[:, _CONTRARY_COLUMNS] > 0
    best = int(np.argmax(cand.relevance))
    return np.array([
        same_event,
        event_terms,
        float(signs.any()),
        float(signs[best].any()),
        features.coverage_doc,
        features.mean_top_sim,
    ], dtype=np.float64)


def gate_arrays(network: Network, description: dict) -> dict[str, np.ndarray]:
    return gate_io.gate_arrays(FORMAT, GATE_FEATURES, network, description)


def gate_from_arrays(arrays: dict[str, np.ndarray], source: str) -> EventGate:
    return EventGate(gate_io.gate_network(arrays, source, fmt=FORMAT, features=GATE_FEATURES, label="disagree",
                                          what="event gate"))


@lru_cache(maxsize=1)
def bundled_event_gate() -> EventGate | None:
    """The gate that ships with khabar, or None when this installation has none."""
    found = gate_io.bundled_arrays(BUNDLED)
    return None if found is None else gate_from_arrays(*found)
