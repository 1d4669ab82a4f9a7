"""Disagree gate: a second reading of the article head's *disagree*, fitted on more pages.

The article head was trained on baly2018's pages; on pages found as the check's search finds
them it calls *disagree* where nothing contradicts the claim (drawn1..drawn5, no gold
disagreement: 26 calls on 264 pages, all wrong; drawn6's before figure 17 of 65), and on
baly2018 fold 5 the trained model predicts disagree 134 times against 25 in gold.  The gate is
a small logistic model (:class:`~khabar.check.network.Network`, labels *disagree* and *other*)
over the head's own input (:func:`khabar.check.meaning.article_row`, the claim's length as it
is): the page's lexical features, what the sentence reader says of its closest sentences, and
the grounds a contradiction has in the best of them (another figure of the claim's frame, a
number that differs, a negation or denial on one side only, an opposite word, names swapped,
another agent) and in its denying cues.  It was fitted on the spent pages the article head
calls disagree (baly2018 folds 1-4, each page read by the fold model that did not train on it;
the fresh sets 3-24 and drawn1-5; ~430 pages, 160 of them gold disagree) by
``scripts/build_disagree_gate.py``, the three kinds of set weighing by the square root of what
would make them alike.  A head *disagree* the gate reads below :data:`DISAGREE_AT` takes the
head's best of *discuss* and *unrelated* (never *agree*: the head read the page as contrary);
the readings after the heads (figures, a denying lead, reversed outcomes, a denied admission,
the quantity) still say *disagree* on their own grounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.check import gate_io
from khabar.check.meaning import ARTICLE_FEATURES
from khabar.check.network import Network

FORMAT = "khabar-disagree-gate"
#: Where the gate that ships with khabar lives (see ``data/disagree-gate.md``).
BUNDLED = "data/disagree-gate.npz"
#: The gate's inputs: the article head's (the claim's length not floored).
GATE_FEATURES: tuple[str, ...] = ARTICLE_FEATURES
#: Probability of *disagree* at and above which the head's disagree stands.  Issue 16, session
#: 28, chosen among 0.25-0.6 on development data (each set's pages read by a gate fitted
#: without that set; docs/measurements.md): the lowest at which every drawn set lost calls.
DISAGREE_AT = 0.3


@dataclass(frozen=True, slots=True)
class DisagreeGate:
    network: Network
    threshold: float = DISAGREE_AT

    def disagree(self, row: np.ndarray) -> float:
        """Probability that the head's *disagree* on the page of ``row`` (the article head's
        input) is right."""
        return float(self.network.probabilities(row)[0, self.network.labels.index("disagree")])

    def reads_disagree(self, row: np.ndarray) -> bool:
        return self.disagree(row) >= self.threshold


def gate_arrays(network: Network, description: dict) -> dict[str, np.ndarray]:
    return gate_io.gate_arrays(FORMAT, GATE_FEATURES, network, description)


def gate_from_arrays(arrays: dict[str, np.ndarray], source: str) -> DisagreeGate:
    return DisagreeGate(gate_io.gate_network(arrays, source, FORMAT, GATE_FEATURES, "disagree"))


@lru_cache(maxsize=1)
def bundled_gate() -> DisagreeGate | None:
    """The gate that ships with khabar, or None when this installation has none."""
    found = gate_io.bundled_arrays(BUNDLED)
    return None if found is None else gate_from_arrays(*found)
