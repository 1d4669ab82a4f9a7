"""The learned event scorer: its evidence, its shipped models, and what they decide."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from khabar.config import LEARNED_EVENT_THRESHOLDS, StoryOptions
from khabar.errors import OptionsError
from khabar.relate.stories import anchor_set
from khabar.relate.stories.scorer import (
    FEATURES,
    EventScorer,
    evidence_values,
    load_scorer,
    scorer_path,
    split_anchors,
)

ARTICLE = anchor_set(["النجم الساحلي", "كريم بلحاج"], [2.0])
EVENT = anchor_set(["النجم الساحلي", "كريم بلحاج", "ماهر الزين"], [2.0])


def evidence(*, anchors: frozenset[str] = ARTICLE, event_anchors: frozenset[str] = EVENT, **given) -> np.ndarray:
    """The evidence of an article with ``anchors`` against an event with ``event_anchors``."""
    names, figures = split_anchors(anchors)
    event_names, event_figures = split_anchors(event_anchors)
    base = dict(
        meaning=0.7, terms=0.3, jaccard=0.1, gap=0, days_in=0, kinds_agree=True, kinds_unknown=False,
        names=len(names), shared_names=len(names & event_names), figures=len(figures),
        event_figures=len(event_figures), shared_figures=len(figures & event_figures), size=2,
    )
    return np.array(evidence_values(**(base | given)))


def feature(row: np.ndarray, name: str) -> float:
    return float(row[FEATURES.index(name)])


def test_anchors_are_names_and_figures_written_alike():
    assert anchor_set(["وادي النهر"], [15000.0, 2.5]) == {"n:وادي النهر", "f:15000", "f:2.5"}
    names, figures = split_anchors(anchor_set(["وادي النهر"], [3.0]))
    assert names == {"n:وادي النهر"} and figures == {"f:3"}


def test_evidence_counts_shared_and_new_names_and_figures():
    row = evidence()
    assert feature(row, "names_shared") == pytest.approx(2 / 3) and feature(row, "names_new") == 0.0
    assert feature(row, "figures_shared") == 1.0 and feature(row, "figures_differ") == 0.0
    other = evidence(anchors=anchor_set(["الأهلي", "كريم بلحاج"], [1.0, 0.0]))
    assert feature(other, "names_new") == 0.5 and feature(other, "names_shared") == pytest.approx(1 / 3)
    assert feature(other, "figures_differ") == 1.0 and feature(other, "figures_shared") == 0.0
    no_figures = evidence(anchors=anchor_set(["كريم بلحاج"], []))
    assert feature(no_figures, "figures_differ") == 0.0  # a figure missing is not a figure differing


def test_evidence_of_days_and_kinds():
    assert feature(evidence(gap=1, days_in=1), "same_day") == 0.0
    assert feature(evidence(gap=0, days_in=5), "days_in") == 1.0  # capped at the span of an event
    assert feature(evidence(kinds_unknown=True, kinds_agree=False), "kinds_unknown") == 1.0
    assert feature(evidence(), "kinds_agree") == 1.0


@pytest.mark.parametrize("encoder", ["use", "static"])
def test_the_shipped_model_reads_and_its_threshold_is_the_configured_one(encoder):
    scorer = load_scorer(encoder)
    assert scorer.features == FEATURES and np.all(np.isfinite(scorer.weights))
    assert scorer.threshold == LEARNED_EVENT_THRESHOLDS[encoder]
    assert StoryOptions(meaning_encoder=encoder).join_threshold == scorer.threshold


def test_the_model_trusts_meaning_and_shared_words_and_distrusts_other_figures():
    scorer = load_scorer("use")
    close, far = evidence(meaning=0.8, terms=0.4), evidence(meaning=0.45, terms=0.1)
    p_close, p_far = scorer.probabilities(np.vstack([close, far]))
    assert p_close > scorer.threshold > p_far
    other_score = evidence(anchors=anchor_set(["النجم الساحلي", "كريم بلحاج"], [3.0]))
    p_same, p_other = scorer.probabilities(np.vstack([evidence(), other_score]))
    assert p_other < p_same


def test_a_damaged_model_file_is_a_clear_error(tmp_path):
    text = scorer_path("use").read_text(encoding="utf-8")
    bad = text.replace('"meaning"', '"sense"', 1)
    with pytest.raises(OptionsError, match="features"):
        EventScorer.from_json(bad)
    with pytest.raises(OptionsError, match="threshold"):
        dataclasses.replace(EventScorer.from_json(text), threshold=1.5)


def test_the_learned_threshold_is_a_probability():
    with pytest.raises(OptionsError, match="probability"):
        StoryOptions(event_threshold=1.2)
    assert StoryOptions(event_scorer="hand", event_threshold=1.2).join_threshold == 1.2
    with pytest.raises(OptionsError, match="event_scorer"):
        StoryOptions(event_scorer="guess")
