"""Who did what to whom: the claim's main predicate, its agent and its patient, compared
with a sentence's.

Two sentences can share every word and still state opposite facts: "قصفت القوات التركية
مواقع الوحدات الكردية" and "قصفت الوحدات الكردية مواقع القوات التركية"; "استعادت قوات
النظام تادف" and "سيطرت المعارضة على تادف".  Word overlap and sentence vectors both call
such pairs close; the frame tells them apart.

No parser for Arabic ships offline, so the frame is read with a few measured habits of
news Arabic, over the names :func:`khabar.extract.entities.find_mentions` finds (people,
organisations, places) and nationality adjectives ("الإسرائيلية" stands for Israel):

* the reported proposition is the statement of an attribution when there is one ("قال
  الجيش إنه **استعاد المدينة**"), else the whole sentence;
* the predicate is the first content word of the proposition that is not part of a name
  (news puts the verb first: "قصفت ..."، "سيطرت ..."), or the word right after the first
  name in a subject-first sentence ("الجيش يستعيد ...");
* the agent is the first name right after a verb-first predicate, or the name before a
  subject-first one; every other name not governed by a preposition or a noun is a
  patient candidate, and names after a preposition ("على تادف"، "ضد الأكراد") are patients.

The comparison (:class:`FrameMatch`) gives features, never a verdict on its own: the stance
model weighs them with everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.attribution import find_attributions
from khabar.extract.entities import find_mentions
from khabar.model import Article, Sentence
from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.lexicon import read_fields
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import Token, tokenize

#: Words that govern the name after them: it is then an object, never the agent.
_GOVERNORS = frozenset(
    "علي ضد من في الي عن ب ل مع بين عبر نحو تجاه باتجاه داخل حول لصالح بحق ازاء لدي عند".split()
)


@dataclass(frozen=True, slots=True)
class Name:
    """A name in the proposition: its kind (person, organisation, place) and linking key."""

    kind: str
    key: str
    token: int  # index of its first token
    governed: bool  # after a preposition or a noun: not a candidate agent


@dataclass(frozen=True, slots=True)
class Frame:
    """The proposition of a sentence: predicate stem, agent and patient names (keys)."""

    predicate: str | None
    agent: str | None
    patients: tuple[str, ...]
    names: tuple[Name, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(n.key for n in self.names)

    def kind_of(self, key: str) -> str | None:
        return next((n.kind for n in self.names if n.key == key), None)


@dataclass(frozen=True, slots=True)
class FrameMatch:
    """How a sentence's frame stands to the claim's."""

    shared_names: float  # share of the claim's names the sentence names too
    swapped_names: float  # claim names replaced by another name of the same kind
    role_swap: float  # a name that is the agent in one and a patient in the other
    agent_change: float  # same predicate, another agent
    same_predicate: float


@lru_cache(maxsize=1)
def _nationalities() -> dict[str, str]:
    """Nationality adjective (normalized) -> its country key."""
    out: dict[str, str] = {}
    for fields in read_fields("nationalities"):
        for form in fields[1:]:
            out[form] = fields[0]
    return out


def _nationality(word: str) -> str | None:
    table = _nationalities()
    for v in clitic_variants(word):
        if v in table:
            return table[v]
    return None


def _token_at(tokens: Sequence[Token], offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.end > offset:
            return i
    return len(tokens)


def _proposition(text: str) -> tuple[int, int]:
    """Offsets of what the sentence states: an attribution's statement, else all of it."""
    try:
        atts = find_attributions(text)
    except ValueError:
        atts = []
    for att in atts:
        if att.content_end - att.content_start >= 10:
            return att.content_start, att.content_end
    return 0, len(text)


def read_frame(text: str) -> Frame:
    """The frame of one sentence (or claim)."""
    start, end = _proposition(text)
    part = text[start:end]
    tokens = tokenize(part)
    if not tokens:
        return Frame(None, None, (), ())
    article = Article(id="frame", title="", body=part)
    spans: list[tuple[int, int, str, str]] = []  # first token, last token + 1, kind, key
    for m in find_mentions(article, [Sentence("frame", 0, 0, len(part), part)]):
        spans.append((_token_at(tokens, m.start), _token_at(tokens, m.end - 1) + 1, m.kind, m.name_key))
    taken = {i for a, b, _, _ in spans for i in range(a, b)}
    for i, t in enumerate(tokens):
        if i not in taken:
            country = _nationality(t.norm)
            if country is not None:
                spans.append((i, i + 1, "place", country))
                taken.add(i)
    spans.sort()
    names = []
    for a, _b, kind, key in spans:
        prev = tokens[a - 1].norm if a > 0 else ""
        governed = prev in _GOVERNORS or (bool(prev) and a - 1 not in taken and prev not in STOPWORDS and a > 1)
        first = tokens[a].norm
        if len(first) > 3 and first[0] in "بل" and first[1:3] != "ال" and _variants_known(first):
            governed = True  # "بحلب"، "لروسيا": a preposition written on the name
        names.append(Name(kind, key, a, governed))
    predicate_at = next(
        (i for i, t in enumerate(tokens) if i not in taken and t.norm not in STOPWORDS and not t.norm.isdigit()), None
    )
    predicate = stem(tokens[predicate_at].norm) if predicate_at is not None else None
    agent = None
    if predicate_at is not None:
        before = [n for n in names if n.token < predicate_at]
        after = [n for n in names if n.token > predicate_at]
        if before and not before[-1].governed and before[-1].token <= 1:
            agent = before[-1].key  # subject first: "الجيش يستعيد"
        elif after and after[0].token == predicate_at + 1:
            agent = after[0].key  # verb first: "قصفت القوات التركية"
            names = [n if n is not after[0] else Name(n.kind, n.key, n.token, False) for n in names]
    patients = tuple(dict.fromkeys(n.key for n in names if n.key != agent and n.token > (predicate_at or 0)))
    return Frame(predicate, agent, patients, tuple(names))


def _variants_known(word: str) -> bool:
    return any(v != word for v in clitic_variants(word))


def compare_frames(claim: Frame, sentence: Frame, *, same_predicate: bool | None = None) -> FrameMatch:
    """Features of a sentence's frame against the claim's.  ``same_predicate`` overrides the
    stem comparison when the caller knows better (e.g. from shared terms)."""
    ckeys, skeys = claim.keys, sentence.keys
    shared = len(ckeys & skeys) / len(ckeys) if ckeys else 0.0
    swapped = 0
    for key in ckeys - skeys:
        kind = claim.kind_of(key)
        if any(sentence.kind_of(k) == kind for k in skeys - ckeys):
            swapped += 1
    same = (claim.predicate is not None and claim.predicate == sentence.predicate) if same_predicate is None else same_predicate
    role_swap = 0.0
    if claim.agent and claim.agent in sentence.patients and sentence.agent != claim.agent:
        role_swap = 1.0
    elif sentence.agent and sentence.agent in claim.patients and claim.agent != sentence.agent:
        role_swap = 1.0
    agent_change = 0.0
    if same and claim.agent and sentence.agent and claim.agent != sentence.agent:
        if claim.kind_of(claim.agent) == sentence.kind_of(sentence.agent):
            agent_change = 1.0
    return FrameMatch(
        shared_names=shared,
        swapped_names=float(swapped),
        role_swap=role_swap,
        agent_change=agent_change,
        same_predicate=float(same),
    )
