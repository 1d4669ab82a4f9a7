"""Carry or outlet: who gives a figure whose sentence names no source of its own (issue 15).

The gold's convention (tests/gold/README.md, "Carried report or outlet"): such a figure is the
last named source's when its sentence carries on that source's report, else the outlet's.  The
rules of :mod:`khabar.extract.claims.extractor` carry a report on where the text says so
("وبذلك"، "وأدى هذا القصف إلى"), where a paragraph's statement runs on, or between two statements
of one speaker; this module decides the rest -- the figures the rules leave to the outlet --
from general readings of the two sentences (how far apart, a paragraph break, a continuation
or a background opener, shared words, another attribution between), by a logistic model
fitted by ``scripts/carry_or_outlet.py`` on the pooled annotated splits and gated by a
threshold chosen there by folds of whole articles (``carry_model.json``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

from khabar.extract.attribution import Source, find_attributions
from khabar.extract.claims.cues import _lists, _Sent, _variants
from khabar.model import Quote, Sentence
from khabar.text.ar.stopwords import is_stopword

#: How many sentences back the last named source is looked for.
CARRY_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class CarryCandidate:
    """The last named source before a sentence, and where it was named."""

    source: Source
    index: int  # its sentence
    from_figures: bool  # it gave an attributed figure there (not only a statement)


def candidate(
    index: int, by_index: dict[int, Sentence], last_source: dict[int, Source], quotes: Sequence[Quote]
) -> CarryCandidate | None:
    """The nearest sentence before ``index`` (at most :data:`CARRY_SENTENCES` back, never past
    a title) that gave an attributed figure or holds a named speaker's statement."""
    for j in range(index - 1, max(-1, index - 1 - CARRY_SENTENCES), -1):
        before = by_index.get(j)
        if before is None or before.is_title:
            return None
        if j in last_source:
            return CarryCandidate(last_source[j], j, True)
        said = [q for q in quotes if q.sentence_index == j and q.speaker and q.speaker_resolved]
        if said:
            q = said[-1]
            return CarryCandidate(Source(q.speaker, 0, 0, role=q.role, organisation=q.organisation), j, False)
        # a report named by a cue with no statement of its own ("وفي التفاصيل التي تسربت إلى
        # وسائل إعلام سعودية، فإن ..."): the figures after it may carry it on
        cued = [a.source for a in find_attributions(before.text) if a.source is not None]
        if cued:
            return CarryCandidate(cued[-1], j, False)
    return None


def _opening(s: _Sent, matcher) -> bool:
    """One of the sentence's first three words opens an entry of ``matcher``."""
    seen = 0
    for k in range(len(s.norms)):
        if s.is_word(k):
            if matcher.at(s.norms, k, _variants) is not None:
                return True
            seen += 1
            if seen == 3:
                break
    return False


def _content_words(s: _Sent) -> frozenset[str]:
    return frozenset(w for k, w in enumerate(s.norms) if s.is_word(k) and len(w) > 2 and not w.isdigit() and not is_stopword(w))


#: The readings, in the order of the model's weights.
FEATURES = (
    "bias", "distance", "paragraph_break", "continues", "background", "overlap",
    "attribution_between", "own_attribution", "from_figures", "person",
    "restated", "statement_in_paragraph",
)


def features(
    s: _Sent, sentence: Sentence, cand: CarryCandidate, by_index: dict[int, Sentence], *, own_attribution: bool,
    figure: str = "",
) -> tuple[float, ...]:
    """The readings of a figure's sentence against the candidate's (see :data:`FEATURES`);
    ``figure``: the figure as written (a restatement of the candidate's own figure, as a lead
    repeated in the body, is the outlet's, tests/gold/README.md)."""
    lists = _lists()
    there = by_index[cand.index]
    mine = _content_words(s)
    theirs = _content_words(_Sent.read(there.text))
    overlap = len(mine & theirs) / len(mine) if mine else 0.0
    between = any(
        find_attributions(by_index[j].text) for j in range(cand.index + 1, sentence.index) if j in by_index
    )
    return (
        1.0,
        float(sentence.index - cand.index - 1),
        float(there.paragraph != sentence.paragraph),
        float(_opening(s, lists.carry_continue)),
        float(_opening(s, lists.background)),
        overlap,
        float(between),
        float(own_attribution),
        float(cand.from_figures),
        float(cand.source.kind == "person"),
        float(bool(figure) and figure in there.text),
        float(there.paragraph == sentence.paragraph and not cand.from_figures),
    )


@lru_cache(maxsize=1)
def _model() -> tuple[tuple[float, ...], float] | None:
    """The fitted weights and gate, or None when none is shipped (``"weights": null``)."""
    raw = json.loads(resources.files("khabar.extract.claims").joinpath("data", "carry_model.json").read_text(encoding="utf-8"))
    if raw.get("weights") is None:
        return None
    if list(raw["features"]) != list(FEATURES):
        raise ValueError("carry_model.json was fitted on other readings: rerun scripts/carry_or_outlet.py --write")
    return tuple(raw["weights"]), float(raw["threshold"])


def active() -> bool:
    """Whether a model is shipped: without one the extractor never asks (no candidate is read)."""
    return _model() is not None


def carries(readings: tuple[float, ...]) -> bool:
    """Whether the figure is the candidate's (its sentence carries on that report)."""
    model = _model()
    if model is None:
        return False
    weights, threshold = model
    z = sum(w * x for w, x in zip(weights, readings))
    return 1.0 / (1.0 + math.exp(-z)) >= threshold
