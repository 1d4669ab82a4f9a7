"""A claim of admission against a page where the admitting party denies (issue 16, session 20).

"اعترف برانسون بالاتهامات الموجهة إليه" and a page with "ونفى برانسون الاتهامات": the page
reports the claim's matter and contradicts it, yet its sentences are close to the claim in words
and in the encoder's meaning, and the heads call such pages agree, discuss or (their denial
being short) unrelated.  The words of both sides are the ``[admission]`` and ``[disavowal]``
cues of ``text/ar/data/stance_cues.txt``.

The *party* of a claim of admission is read from the words next to its admission cue: the
words after it up to what is admitted ("اعترف وزير الخارجية الروسي سيرغي لافروف | بأن"), or,
when the cue is followed by what is admitted ("بأن"، "بالاتهامات"), the words before it
("الجيش الإسرائيلي | أقر بأن"); titles and function words left out; with the last word of
each name of the claim the recognizer finds (the one the admission is about: "بأن روسيا عبثت",
denied as "تنفي روسيا").  A page *denies* when one of its sentences has a disavowal cue at most
:data:`PARTY_WITHIN` words from a party word, and no sentence has an admission cue as close to
one (a page that reports the admission and an earlier denial is left to the heads).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from khabar.check.event import claim_names
from khabar.check.features import count_cues
from khabar.extract.titles import titles
from khabar.text.ar.clitics import THIRD_PERSON_PRONOUNS, clitic_variants
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words

#: How far (in words) a party word may stand from a disavowal or admission cue: a title, a
#: nationality and a two-word name ("نفى المدافع الإسباني سيرجيو راموس"; at 3 that page of
#: fresh12 was lost, at 5 an agreeing page of fresh14 turned; development sets, session 20).
PARTY_WITHIN = 4
#: Words of the admitting party read at most after its cue.
PARTY_WORDS = 5
#: Shortest party word kept (a proclitic's remainder of two letters names no one).
_MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in titles() for w in t)


def _is_cue(word: str, tag: str) -> bool:
    return count_cues((word,), tag) > 0


def _opens_what_is_admitted(word: str) -> bool:
    """"بأن"، "بالاتهامات"، "بما"، "بمسؤوليته": the preposition of the admission verb's frame
    (``+ب`` in reporting_verbs.txt) written on أن, the article, ما or a noun with its pronoun --
    not a name that opens with ب ("برانسون")."""
    rest = word[1:]
    return word.startswith("ب") and (rest.startswith(("ال", "ان", "ما")) or rest.endswith(THIRD_PERSON_PRONOUNS))


@lru_cache(maxsize=1024)
def admitting_party(claim: str) -> frozenset[str]:
    """The readings of the words naming who admits in ``claim`` (with the claim's names), or
    nothing when the claim has no admission cue."""
    toks = words(claim)
    at = next((i for i, t in enumerate(toks) if _is_cue(t, "admission")), None)
    if at is None:
        return frozenset()
    span: list[str] = []
    if at + 1 < len(toks) and not _opens_what_is_admitted(toks[at + 1]):
        for t in toks[at + 1 : at + 1 + PARTY_WORDS]:
            if _opens_what_is_admitted(t) or t in STOPWORDS:
                break
            span.append(t)
    else:
        for t in reversed(toks[max(0, at - PARTY_WORDS) : at]):
            if t in STOPWORDS:
                break
            span.append(t)
    titled = _title_words()
    out = {v for t in span for v in clitic_variants(t) if len(v) >= _MIN_LETTERS and v not in STOPWORDS and v not in titled}
    for name in claim_names(claim):
        out.update(form[-1] for form in name)
    return frozenset(out)


def _near(text: str, party: frozenset[str], tag: str) -> bool:
    toks = words(text)
    cues = [i for i, t in enumerate(toks) if _is_cue(t, tag)]
    if not cues:
        return False
    hits = [i for i, t in enumerate(toks) if party.intersection(clitic_variants(t))]
    return any(abs(c - h) <= PARTY_WITHIN for c in cues for h in hits)


def party_denies(party: frozenset[str], sentences: Sequence[str]) -> bool:
    """Whether a sentence has the party disavow (a disavowal cue near a party word) and none
    has it admit."""
    if not party or any(_near(s, party, "admission") for s in sentences):
        return False
    return any(_near(s, party, "disavowal") for s in sentences)
