"""The event scorer: how likely an article reports the same happening as an event.

An article that finds no story by shared wording (the MinHash stage) is compared with every
active event close enough in meaning and in days (:meth:`StoryIndex._best_event`); each
comparison gives the evidence below, and a logistic model turns it into a probability.
The article joins the most probable event if that reaches the model's threshold.

The evidence (:data:`FEATURES`), all computed from what the index keeps of an event:

* ``meaning``: cosine of the article's meaning vector to the event's meaning centroid;
* ``terms``: cosine of its TF-IDF vector (stems and lead names) to the event's term centroid;
* ``jaccard``: the best estimated Jaccard of its word signature with a member's (0 when no
  member is an LSH candidate);
* ``same_day``: its event day is one of the event's days; ``days_in``: days from the event's
  first day to the article's (0 to 3, over 3);
* ``kinds_agree``: its headline and the event's name a kind of happening in common;
  ``kinds_unknown``: either names none;
* ``names_shared``: names of its lead the event's articles also name (up to 3, over 3);
  ``names_new``: the share of its names no article of the event names;
* ``figures_shared``: a figure of its title and lead appears in the event's;
  ``figures_differ``: both give figures and none is shared;
* ``size``: log(1 + the event's articles, at most :data:`SIZE_CAP`), since a centroid of
  several articles is closer to every article of the topic than one article is;
* ``quotes_shared``: runs of four words that the article and an article of the event have
  in common, one of them quoting the run, the other quoting it or using it as a headline
  (up to 3, over 3; :func:`shared_quotes`) (:func:`~khabar.relate.stories.features.quote_keys`): outlets quoting
  the same words report the same statement, however differently they tell the rest.

Whether the article's outlet already reported the event is left out on purpose: the gold
it is trained on keeps one article per outlet and event, so the model would learn that a
second article of an outlet is another event, which on a real stream is false.

The weights and the threshold ship as JSON in ``khabar/relate/data/`` (``event-scorer-*.json``,
one per meaning encoder, since their cosines differ), built by
``scripts/build_event_scorer.py`` from the event gold's ``dev`` split; the file records how
it was trained and what it measured.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from khabar.errors import OptionsError
from khabar.relate.stories.features import FIGURE_ANCHOR, HEADLINE_ANCHOR, NAME_ANCHOR, QUOTE_ANCHOR

FEATURES = (
    "meaning", "terms", "jaccard", "same_day", "days_in", "kinds_agree", "kinds_unknown",
    "names_shared", "names_new", "figures_shared", "figures_differ", "size", "quotes_shared",
)

#: The event size beyond which ``size`` stops growing.  The dev rows hold few comparisons
#: with events of five articles or more (32 of 500, two of them the article's own event), so
#: a weight fitted on them, applied to an event of nine outlets, punished it as if it were
#: nine times as unlikely: the example event of nine reports split in three, its later
#: reports each starting an event of their own.  A centroid of a few articles is already as
#: close to the event's reports as it gets.
SIZE_CAP = 4

#: Where the trained scorers ship.
SCORER_DIR = Path(__file__).resolve().parent.parent / "data"


def evidence_values(
    *,
    meaning: float,
    terms: float,
    jaccard: float,
    gap: int | None,
    days_in: int | None,
    kinds_agree: bool,
    kinds_unknown: bool,
    names: int,
    shared_names: int,
    figures: int,
    event_figures: int,
    shared_figures: int,
    size: int,
    shared_quotes: int = 0,
) -> tuple[float, ...]:
    """The :data:`FEATURES` of one article against one event (the index stacks one tuple
    per candidate): ``names`` and ``figures`` count the article's anchors, ``shared_*``
    those the event's articles also give, ``event_figures`` the event's figures
    (:func:`split_anchors`), ``shared_quotes`` its quote anchors the event's articles
    also have."""
    return (
        meaning,
        terms,
        jaccard,
        1.0 if gap == 0 else 0.0,
        min(max(days_in or 0, 0), 3) / 3.0,
        1.0 if kinds_agree else 0.0,
        1.0 if kinds_unknown else 0.0,
        min(shared_names, 3) / 3.0,
        (names - shared_names) / names if names else 0.0,
        1.0 if shared_figures else 0.0,
        1.0 if figures and event_figures and not shared_figures else 0.0,
        math.log1p(min(size, SIZE_CAP)),
        min(shared_quotes, 3) / 3.0,
    )


def split_anchors(anchors: frozenset[str] | set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """``(names, figures)`` of a set of anchors."""
    names = frozenset(a for a in anchors if a.startswith(NAME_ANCHOR))
    return names, frozenset(a for a in anchors if a.startswith(FIGURE_ANCHOR))


def quote_anchors(anchors: frozenset[str] | set[str]) -> tuple[frozenset[str], frozenset[str]]:
    """``(quote runs, headline runs)`` of a set of anchors, each without its prefix."""
    quotes = frozenset(a[len(QUOTE_ANCHOR):] for a in anchors if a.startswith(QUOTE_ANCHOR))
    return quotes, frozenset(a[len(HEADLINE_ANCHOR):] for a in anchors if a.startswith(HEADLINE_ANCHOR))


def shared_quotes(
    quotes: frozenset[str], headline: frozenset[str], event_quotes: set[str], event_headlines: set[str]
) -> int:
    """Runs of words an article and an event have in common, where at least one side
    quotes them: its quotes quoted or used as a headline by the event's articles, and its
    headline quoted by them."""
    return len(quotes & (event_quotes | event_headlines)) + len(headline & event_quotes)


@dataclass(frozen=True)
class EventScorer:
    """A logistic model over :data:`FEATURES` (standardized by ``mean`` and ``scale``)."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    #: The probability an article needs to join an event.
    threshold: float

    def __post_init__(self) -> None:
        if self.features != FEATURES:
            raise OptionsError(f"event scorer features {self.features} are not this version's {FEATURES}")
        if not len(self.mean) == len(self.scale) == len(self.weights) == len(FEATURES):
            raise OptionsError("event scorer: mean, scale and weights must have one value per feature")
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"event scorer threshold must be in (0, 1), got {self.threshold}")

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(same event) of each row of evidence."""
        z = ((rows - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    def to_json(self, **about: object) -> str:
        body = {
            "features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
            "weights": list(self.weights), "bias": self.bias, "threshold": self.threshold,
        }
        return json.dumps({"about": about, "model": body}, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EventScorer:
        m = json.loads(text)["model"]
        return cls(
            tuple(m["features"]), tuple(m["mean"]), tuple(m["scale"]), tuple(m["weights"]),
            float(m["bias"]), float(m["threshold"]),
        )


def scorer_path(encoder: str) -> Path:
    return SCORER_DIR / f"event-scorer-{encoder}.json"


@lru_cache(maxsize=4)
def load_scorer(encoder: str) -> EventScorer:
    """The shipped scorer of a meaning encoder ("use" or "static"), read once."""
    path = scorer_path(encoder)
    try:
        return EventScorer.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise OptionsError(f"{path}: not an event scorer: {e}") from e
