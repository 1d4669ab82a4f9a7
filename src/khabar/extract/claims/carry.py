"""Carry or outlet: who gives a figure whose sentence names no source of its own (issue 15).

The gold's convention (tests/gold/README.md, "Carried report or outlet"): such a figure is the
last named source's when its sentence carries on that source's report, else the outlet's.  The
rules of :mod:`khabar.extract.claims.extractor` carry a report on where the text says so
("وبذلك"، "وأدى هذا القصف إلى"), where a paragraph's statement runs on, or between two statements
of one speaker; this module decides the rest -- the sentences whose figures the rules leave to
the outlet.  Its candidates are every source the sentences before name (at most
:data:`CARRY_SENTENCES` back, never past a title): the source of an attributed figure, of an
attribution the attribution reader finds, of a named speaker's statement.  Each is read
(:func:`readings`: how far back, by which readers, in the paragraph, a statement, its kind, its
name repeated in the sentence, the sentence's opening words and cues) and scored by a logistic
model fitted by ``scripts/figure_source_ranker.py`` on the spent frames splits; the best
candidate is the sentence's source when its score reaches the threshold chosen there by
leaving one split out, else the outlet keeps the figures (``carry_model.json``).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Callable, Sequence

from khabar.extract.attribution import Attribution, Source
from khabar.extract.claims.cues import _lists, _Sent, _variants
from khabar.extract.happenings import happening_kinds
from khabar.model import Quote, Sentence

#: How many sentences back a source is looked for.
CARRY_SENTENCES = 4


@dataclass(frozen=True, slots=True)
class CarryCandidate:
    """A source named before a sentence, with its readings (the names of the features that
    are on, and their values)."""

    source: Source
    readings: tuple[tuple[str, float], ...]


def _shape(word: str) -> str:
    """How a word is built, read from its letters only: a present verb's prefix, a past verb's
    feminine ending, the article, a conjunction."""
    w = word[1:] if word[:1] in "وف" and len(word) > 3 else word
    if w.startswith("ال"):
        return "definite"
    if len(w) >= 4 and w[0] in "يت":
        return "present"
    if len(w) >= 4 and w.endswith("ت"):
        return "past_feminine"
    if len(w) == 3:
        return "three_letters"
    return "other"


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


@dataclass(slots=True)
class _Named:
    """One source text as the sentences before name it."""

    source: Source
    distances: list[int]
    readers: set[str]
    in_paragraph: bool = False
    statement: bool = False
    anaphor: bool = False
    nearest: Sentence | None = None  # the nearest sentence naming it


#: A sentence's attributions, read once an article (the extractor's memo).
AttributionsOf = Callable[[Sentence], Sequence[Attribution]]


def _named_before(
    sentence: Sentence, by_index: dict[int, Sentence], last_source: dict[int, Source], quotes: Sequence[Quote],
    attributions_of: AttributionsOf,
) -> dict[str, _Named]:
    named: dict[str, _Named] = {}

    def add(source: Source, distance: int, reader: str, there: Sentence, *, statement: bool = False) -> None:
        if not source.text:
            return
        entry = named.get(source.text)
        if entry is None:
            entry = named[source.text] = _Named(source, [], set())
        entry.distances.append(distance)
        if entry.nearest is None:
            entry.nearest = there
        entry.readers.add(reader)
        entry.in_paragraph |= there.paragraph == sentence.paragraph
        entry.statement |= statement
        entry.anaphor |= source.anaphor

    for distance in range(1, CARRY_SENTENCES + 1):
        there = by_index.get(sentence.index - distance)
        if there is None:
            break
        if there.index in last_source:
            add(last_source[there.index], distance, "figure", there)
        for a in attributions_of(there):
            if a.source is not None:
                add(a.source, distance, "attribution", there, statement=a.statement)
        for q in quotes:
            if q.sentence_index == there.index and q.speaker and q.speaker_resolved:
                add(Source(q.speaker, 0, 0, role=q.role, organisation=q.organisation), distance, "quote", there)
        if there.is_title:
            break
    return named


def candidates(
    s: _Sent, sentence: Sentence, by_index: dict[int, Sentence], last_source: dict[int, Source], quotes: Sequence[Quote],
    attributions_of: AttributionsOf, *, own_attribution: bool,
) -> list[CarryCandidate]:
    """The sources the sentences before name, each with its readings (in the order first named,
    nearest first)."""
    named = _named_before(sentence, by_index, last_source, quotes, attributions_of)
    if not named:
        return []
    lists = _lists()
    norms = [w for k, w in enumerate(s.norms) if s.is_word(k)]
    here = set(norms)
    own_quote = any(q.sentence_index == sentence.index for q in quotes)
    nearest = min(min(e.distances) for e in named.values())
    common = (
        ("own_attribution", float(own_attribution)),
        ("own_quote", float(own_quote)),
        ("continues", float(_opening(s, lists.carry_continue))),
        ("background", float(_opening(s, lists.background))),
        ("sentence_words", min(len(norms) / 20, 3.0)),
        ("candidates", float(len(named))),
    ) + tuple((f"first={w}", 1.0) for w in norms[:1]) + tuple((f"opening={w}", 1.0) for w in dict.fromkeys(norms[:3]))
    tells = happening_kinds(sentence.text)
    common += tuple((f"opens_as={_shape(w)}", 1.0) for w in norms[:2])
    common += tuple((f"tells={k}", 1.0) for k in sorted(tells)) + (("tells_nothing", float(not tells)),)
    told: dict[int, frozenset[str]] = {}
    out = []
    for text, e in named.items():
        there = e.nearest
        if there is not None and there.index not in told:
            told[there.index] = happening_kinds(there.text)
        there_kinds = told.get(there.index, frozenset()) if there is not None else frozenset()
        story = (
            ("same_tells", float(bool(tells & there_kinds))),
            ("new_tells", float(bool(tells - there_kinds))),
        ) + tuple((f"told_there={k}", 1.0) for k in sorted(there_kinds)) + tuple(
            (f"tells_after={a}>{b}", 1.0) for a in sorted(there_kinds) for b in sorted(tells - there_kinds))
        distance = min(e.distances)
        words = [w for w in _Sent.read(text).norms if len(w) > 3]
        own = (
            ("bias", 1.0),
            ("distance", float(distance)),
            ("previous_sentence", float(distance == 1)),
            ("nearest", float(distance == nearest)),
            ("readers", float(len(e.readers))),
            ("in_paragraph", float(e.in_paragraph)),
            ("statement", float(e.statement)),
            ("anaphor", float(e.anaphor)),
            ("named_here", float(any(w in here for w in words))),
            ("sentences_naming", float(min(len(set(e.distances)), 3))),
            ("mentions", float(min(len(e.distances), 5))),
            ("name_words", float(min(len(text.split()), 5))),
            (f"kind={e.source.kind}", 1.0),
        ) + tuple((f"reader={r}", 1.0) for r in sorted(e.readers))
        out.append(CarryCandidate(e.source, own + story + common))
    return out


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float] | None:
    """The fitted weights (by reading) and gate, or None when none is shipped (``"weights": null``)."""
    raw = json.loads(resources.files("khabar.extract.claims").joinpath("data", "carry_model.json").read_text(encoding="utf-8"))
    if raw.get("weights") is None:
        return None
    return dict(raw["weights"]), float(raw["threshold"])


def active() -> bool:
    """Whether a model is shipped: without one the extractor never asks (no candidate is read)."""
    return _model() is not None


def score(candidate: CarryCandidate) -> float:
    """The model's probability that the candidate gives the sentence's figures."""
    model = _model()
    if model is None:
        return 0.0
    weights = model[0]
    z = sum(weights.get(name, 0.0) * value for name, value in candidate.readings)
    return 1.0 / (1.0 + math.exp(-z))


def choose(
    s: _Sent, sentence: Sentence, by_index: dict[int, Sentence], last_source: dict[int, Source], quotes: Sequence[Quote],
    attributions_of: AttributionsOf, *, own_attribution: bool,
) -> Source | None:
    """The source the sentence's figures carry on, or None (the outlet's)."""
    model = _model()
    if model is None:
        return None
    found = candidates(s, sentence, by_index, last_source, quotes, attributions_of, own_attribution=own_attribution)
    if not found:
        return None
    best = max(found, key=score)  # the first named wins a tie
    # named in another sentence: no offsets in this one (the place finder leaves a source's words out)
    return replace(best.source, start=0, end=0) if score(best) >= model[1] else None
