"""Must-contain coverage: does a summary state the facts any good summary of the event states?

ROUGE rewards word overlap with one reference; it cannot tell a summary that misses the
event itself from one that words it differently.  The multi-document gold
(``tests/gold/summaries/``) therefore lists for each event 3–5 facts, each as alternative
sets of short key terms::

    {"fact_en": "Russia vetoed the draft", "any_of": [["روسيا", "فيتو"], ["روسيا", "نقض"]]}

**Matching rule.**  A fact is found in a summary when *all* terms of *at least one* set
occur in it.  Summary and terms are compared as :func:`khabar.text.ar.tokenize.words`
tokens (so after :func:`khabar.text.ar.normalize.normalize`: hamza forms, ta marbuta, alef
maqsura, diacritics, digits).  A term of several words matches consecutive tokens.  Each
word of a term matches a token that is the word itself or the word with proclitics in front
(the sequences of :data:`khabar.text.ar.clitics.PROCLITICS`: و ف ب ل ك and the article, so
"فيتو" matches "الفيتو" and "بالفيتو"); a word written with the article also matches its
"لل" form ("الأمم" matches "للأمم").  Nothing may follow a word: "العراق" does not match
"العراقي", so a term that should accept a suffix lists that form as another set.

A summary's coverage is the share of its event's facts found in it; a table reports the
mean over events.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from khabar.errors import InputError
from khabar.text.ar.clitics import PROCLITICS
from khabar.text.ar.tokenize import words

_PREFIXES: frozenset[str] = frozenset(p for p, _ in PROCLITICS) | {""}
_ARTICLE = "ال"
#: Proclitic sequences that absorb the article's alef (ل + ال -> لل).
_LAM_LAM = ("لل", "ولل", "فلل")


@dataclass(frozen=True, slots=True)
class Fact:
    """One fact a summary must state, and the term sets that show it does."""

    text: str  # the fact in English, for people reading the gold and the reports
    any_of: tuple[tuple[str, ...], ...]  # each set: terms that must all occur


def _word_matches(token: str, word: str) -> bool:
    if token == word:
        return True
    if token.endswith(word) and token[: len(token) - len(word)] in _PREFIXES:
        return True
    if word.startswith(_ARTICLE) and len(word) > len(_ARTICLE):
        bare = word[len(_ARTICLE) :]
        return any(token == p + bare for p in _LAM_LAM)
    return False


def term_occurs(term: str, tokens: Sequence[str]) -> bool:
    """Whether ``term`` (one or more words) occurs in ``tokens`` under the matching rule."""
    parts = words(term)
    if not parts:
        return False
    n = len(parts)
    for start in range(len(tokens) - n + 1):
        if all(_word_matches(tokens[start + k], parts[k]) for k in range(n)):
            return True
    return False


def fact_found(fact: Fact, text: str | Iterable[str]) -> bool:
    """Whether ``text`` (a string or its sentences) states ``fact``."""
    joined = text if isinstance(text, str) else "\n".join(text)
    tokens = words(joined)
    return any(all(term_occurs(term, tokens) for term in terms) for terms in fact.any_of)


def coverage(facts: Sequence[Fact], text: str | Iterable[str]) -> float:
    """The share of ``facts`` that ``text`` states (1.0 when there are none to state)."""
    if not facts:
        return 1.0
    joined = text if isinstance(text, str) else "\n".join(text)
    return sum(fact_found(f, joined) for f in facts) / len(facts)


def parse_fact(entry: Mapping[str, Any], *, where: str) -> Fact:
    """A fact from its JSON form; a malformed one is an :class:`InputError` naming ``where``."""
    text = entry.get("fact_en") if isinstance(entry, Mapping) else None
    any_of = entry.get("any_of") if isinstance(entry, Mapping) else None
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "a must-contain fact needs a non-empty 'fact_en'")
    if not isinstance(any_of, list) or not any_of:
        raise InputError(where, f"fact {text!r}: 'any_of' must be a non-empty list of term lists")
    sets = []
    for terms in any_of:
        if (
            not isinstance(terms, list)
            or not terms
            or not all(isinstance(t, str) and words(t) for t in terms)
        ):
            raise InputError(where, f"fact {text!r}: each 'any_of' entry must be a list of non-empty Arabic terms")
        sets.append(tuple(terms))
    return Fact(text=text.strip(), any_of=tuple(sets))
