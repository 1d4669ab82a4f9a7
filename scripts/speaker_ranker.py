"""Who a follow-on continues: candidate speakers and their features for a learned ranker
(issue 20, session 29; read by ``scripts/speaker_ranker_experiment.py``).

Not part of the package: measured in session 29 by leave-one-split-out on the spent speaker
splits, the ranker forecasts about half a statement on the unspent pool (docs/measurements.md,
issue 20, session 29), so the quote extractor keeps the rules.  The package-wired version
(``khabar.extract.speaker_ranker``, its model JSON and the call at the end of
``extract_quotes``) is in history at 4160529 on branch ``speakers-s29-ranker``.

The rules of :mod:`khabar.extract.quotes` give a statement whose verb names no one ("وأضاف
أن"، "وتابع: ...") to the speaker quoted last (or the last one its verb's gender agrees
with).  On the spent speaker splits that was wrong for 172 statements (session 28).  Here every
such statement (a *follow-on*: its speaker named before its own sentence) has as candidates
the speakers of the article's earlier quotes (the last :data:`QUOTED_BACK`) and the persons
and bodies the recognizer named in its sentence before what is said and in the
:data:`SENTENCES_BACK` sentences before it, each described by general features (how recently
quoted and named, subject position, the verb's gender against the candidate's, a name, a
title or a bare word, how often quoted); a quote whose own sentence names its speaker has as
candidates the rules' speaker and the recognizer's persons and bodies of that sentence before
what is said (the 153 statements given to another speaker of the same sentence).  A
conditional logit (a softmax over one statement's candidates) scores them, and the statement
goes to the best one when it beats the rules' own choice by more than a margin.  A candidate
no list or name vouches for ("تأكيده"، "الأنظار") is told by its features.
"""

from __future__ import annotations

import dataclasses
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.extract.attribution import head_kind
from khabar.extract.attribution.lists import PREPOSITION_WORDS, clitic_on_word
from khabar.extract.attribution.verbs import verb_gender, verb_is_plural
from khabar.model import Article, EntityMention, Quote, Sentence
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import words

#: How many distinct earlier speakers (most recent first) a follow-on may continue.
QUOTED_BACK = 4
#: How many sentences before a follow-on's own a person or body named there is a candidate.
SENTENCES_BACK = 2

#: The features of a candidate, in the model's order.
FEATURES = (
    "rules",  # the rules' own choice
    "quoted_last",  # the speaker of the article's last quote before this one
    "quoted_second",  # the one quoted before that
    "quoted_earlier",  # quoted, further back
    "quotes_log",  # log(1 + its earlier quotes)
    "named_here",  # named in the follow-on's own sentence, before what is said
    "named_1",  # named last one sentence before
    "named_2",  # ... two sentences before
    "named_subject",  # that naming opens its sentence (in the first four words)
    "person",
    "organisation",
    "full_name",  # a recognizer's name of two words or more
    "unvouched",  # no recognizer's name and no list's head: "تأكيده"، "الأنظار"
    "agrees",  # its earlier verbs' gender is the follow-on verb's
    "disagrees",
    "fem_body",  # a feminine verb and a body ("وقالت" after "الوزارة")
    "plural_person",  # a plural verb and one person
    "names_here_rules",  # the rules' choice while the sentence names someone else
    "rules_unvouched",  # the rules' choice is a word no list or name vouches for
    "subject_here",  # named as the subject of the follow-on's own sentence
    "subject_1",  # named as the subject of the sentence before
)


#: The features of a candidate of a quote whose own sentence names its speaker: the rules'
#: speaker and the recognizer's persons and bodies of the sentence before what is said.
SAME_SENTENCE_FEATURES = (
    "rules",
    "rules_unvouched",  # the rules' speaker: no recognizer's name, no list's head ("مازحا"، "اواخر")
    "rules_has_name",  # the rules' speaker holds a recognizer's name
    "person",
    "organisation",
    "full_name",
    "after_preposition",  # right after a preposition or a word carrying one ("ل"، "عن"، "مع")
    "words_to_content_log",  # log(1 + words between it and what is said)
    "next_to_rules",  # within two words after the rules' speaker (an apposed name)
    "before_rules",  # before the rules' speaker
    "opens_sentence",  # in the first four words
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One speaker a follow-on could continue, with the fields its quote would take."""

    speaker: str
    role: str | None
    organisation: str | None
    speaker_start: int | None
    speaker_end: int | None
    features: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class RankerModel:
    weights: tuple[float, ...]
    margin: float
    #: The model of a quote whose own sentence names its speaker (None: the rules' speaker kept).
    same_weights: tuple[float, ...] | None = None
    same_margin: float = 0.0


def _gender(verb: str | None) -> str | None:
    w = (verb or "").split()
    if len(w) != 1:
        return None
    form = normalize(w[0])
    return verb_gender(form) or ("pl" if verb_is_plural(form) else None)


def _key(text: str) -> tuple[str, ...]:
    return tuple(normalize(text).replace("#", " ").split())  # a hashtag's mark is no part of the name


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """One speaker written twice: equal words, or one's words end the other's
    ("لافروف" of "سيرغي لافروف")."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[-len(short) :] == short


def follow_on_candidates(
    article: Article, sentences: Sequence[Sentence], quotes: Sequence[Quote], mentions: Sequence[EntityMention]
) -> list[tuple[int, list[Candidate]]]:
    """For each follow-on of ``quotes`` (by its index there): its candidates, the rules' own
    choice first.  A follow-on is a body quote whose speaker is named before its sentence or
    nowhere; a quote whose speaker its own sentence names is the rules' to keep."""
    by_index = {s.index: s for s in sentences}
    ordered = sorted((m for m in mentions if m.kind in ("person", "organisation")), key=lambda m: m.start)
    starts = [m.start for m in ordered]
    sentence_starts = [s.start for s in sentences]
    sentence_of = [s.index for s in sentences]

    def sentence_at(offset: int) -> int:
        k = bisect_left(sentence_starts, offset + 1) - 1
        return sentence_of[k] if k >= 0 else -1

    out: list[tuple[int, list[Candidate]]] = []
    for qi, q in enumerate(quotes):
        s = by_index.get(q.sentence_index)
        if s is None or s.is_title or (q.speaker_start is not None and q.speaker_start >= s.start):
            continue
        earlier = [p for p in quotes[:qi] if p.start < q.start and not by_index.get(p.sentence_index, s).is_title]
        if not earlier:
            continue
        gender = _gender(q.verb)
        # the quoted speakers, most recent first, with their verbs' genders
        quoted: list[tuple[tuple[str, ...], Quote, int, set[str]]] = []
        for p in reversed(earlier):
            k = _key(p.speaker)
            hit = next((e for e in quoted if _same(e[0], k)), None)
            if hit is None:
                if len(quoted) >= QUOTED_BACK:
                    continue
                quoted.append((k, p, 1, {g} if (g := _gender(p.verb)) in ("m", "f") and p.speaker_start is not None and p.speaker_start >= by_index.get(p.sentence_index, s).start else set()))
            else:
                quoted[quoted.index(hit)] = (hit[0], hit[1], hit[2] + 1, hit[3])
        # the persons and bodies named in the sentences before and in this one before what is said
        first = s.index - SENTENCES_BACK
        lo = bisect_left(starts, by_index[first].start if first in by_index else 0)
        named: list[tuple[tuple[str, ...], EntityMention, int]] = []
        for m in ordered[lo : bisect_left(starts, q.start)]:
            if m.end > q.start:
                continue
            at = sentence_at(m.start)
            if at < first or at > s.index:
                continue
            k = _key(m.text)
            named = [e for e in named if not _same(e[0], k)] + [(k, m, at)]
        names_here = any(at == s.index for _, _, at in named)
        rules_key = _key(q.speaker)
        rows: list[tuple[tuple[str, ...], str, str | None, str | None, int | None, int | None, str]] = [
            (rules_key, q.speaker, q.role, q.organisation, q.speaker_start, q.speaker_end, "")
        ]
        for k, p, _, _ in quoted:
            if not any(_same(k, r[0]) for r in rows):
                rows.append((k, p.speaker, p.role, p.organisation, p.speaker_start, p.speaker_end, ""))
        for k, m, _ in named:
            if not any(_same(k, r[0]) for r in rows):
                rows.append((k, m.text, m.role, None, m.start, m.end, m.kind))
        candidates = []
        for k, speaker, role, organisation, start, end, kind in rows:
            rank = next((n for n, e in enumerate(quoted) if _same(e[0], k)), None)
            count = quoted[rank][2] if rank is not None else 0
            genders = quoted[rank][3] if rank is not None else set()
            mention = next((m for mk, m, _ in reversed(named) if _same(mk, k)), None)
            at = next((a for mk, _, a in reversed(named) if _same(mk, k)), None)
            if mention is not None:
                kind = mention.kind
            else:
                kind = _kind_of(quoted[rank][0] if rank is not None else k, mentions)
            subject = False
            if mention is not None and at in by_index:
                subject = len(words(article.text[by_index[at].start : mention.start])) < 4
            is_rules = k is rules_key
            candidates.append(Candidate(speaker, role, organisation, start, end, tuple(float(x) for x in (
                is_rules,
                rank == 0,
                rank == 1,
                rank is not None and rank >= 2,
                math.log1p(count),
                at == s.index,
                at == s.index - 1,
                at == s.index - 2,
                subject,
                kind == "person",
                kind == "organisation",
                mention is not None and len(k) > 1 or (kind == "person" and len(k) > 1),
                kind == "" and head_kind(k) is None,
                gender in ("m", "f") and gender in genders,
                gender in ("m", "f") and bool(genders) and gender not in genders,
                gender == "f" and kind == "organisation",
                gender == "pl" and kind == "person",
                is_rules and names_here,
                is_rules and kind == "" and head_kind(k) is None,
                subject and at == s.index,
                subject and at == s.index - 1,
            ))))
        if len(candidates) > 1:
            out.append((qi, candidates))
    return out


def same_sentence_candidates(
    article: Article, sentences: Sequence[Sentence], quotes: Sequence[Quote], mentions: Sequence[EntityMention]
) -> list[tuple[int, list[Candidate]]]:
    """For each body quote whose own sentence names its speaker (by its index in ``quotes``):
    the rules' speaker first, then each person or body the recognizer found in that sentence
    before what is said and outside the rules' speaker."""
    by_index = {s.index: s for s in sentences}
    ordered = sorted((m for m in mentions if m.kind in ("person", "organisation")), key=lambda m: m.start)
    starts = [m.start for m in ordered]
    names = [(m.start, m.end) for m in ordered]
    out: list[tuple[int, list[Candidate]]] = []
    for qi, q in enumerate(quotes):
        s = by_index.get(q.sentence_index)
        if s is None or s.is_title or q.speaker_start is None or q.speaker_end is None or q.speaker_start < s.start:
            continue
        others = [m for m in ordered[bisect_left(starts, s.start) : bisect_left(starts, q.start)]
                  if m.end <= q.start and not (m.start < q.speaker_end and m.end > q.speaker_start)]
        if not others:
            continue
        rules_key = _key(q.speaker)
        rules_named = any(a < q.speaker_end and b > q.speaker_start for a, b in names)
        rules_unvouched = not rules_named and head_kind(rules_key) is None
        rows = [(q.speaker, q.role, q.organisation, q.speaker_start, q.speaker_end, "")]
        seen = [rules_key]
        for m in others:
            k = _key(m.text)
            if any(_same(k, e) for e in seen):
                continue
            seen.append(k)
            rows.append((m.text, m.role, None, m.start, m.end, m.kind))
        if len(rows) < 2:
            continue
        candidates = []
        for n, (speaker, role, organisation, start, end, kind) in enumerate(rows):
            before = words(article.text[s.start : start])
            prev = normalize(before[-1]) if before else ""
            candidates.append(Candidate(speaker, role, organisation, start, end, tuple(float(x) for x in (
                n == 0,
                n == 0 and rules_unvouched,
                n == 0 and rules_named,
                kind == "person",
                kind == "organisation",
                kind != "" and len(_key(speaker)) > 1,
                n > 0 and (prev in PREPOSITION_WORDS or clitic_on_word(normalize(words(speaker)[0]) if words(speaker) else "")),
                math.log1p(len(words(article.text[end : q.start]))),
                n > 0 and start >= q.speaker_end and len(words(article.text[q.speaker_end : start])) <= 2,
                n > 0 and end <= q.speaker_start,
                len(before) < 4,
            ))))
        out.append((qi, candidates))
    return out


def _kind_of(key: tuple[str, ...], mentions: Sequence[EntityMention]) -> str:
    """"person" or "organisation" when a recognizer's name of the article is this speaker,
    else ""."""
    for m in mentions:
        if m.kind in ("person", "organisation") and _same(_key(m.text), key):
            return m.kind
    return ""


def _best(candidates: list[Candidate], weights: Sequence[float], margin: float) -> Candidate | None:
    """The candidate the weights prefer, when it beats the rules' own (the first) by more
    than ``margin``; else None."""
    scores = [sum(w * x for w, x in zip(weights, c.features)) for c in candidates]
    best = max(range(len(candidates)), key=scores.__getitem__)
    return candidates[best] if best != 0 and scores[best] - scores[0] > margin else None


def rerank_follow_ons(
    article: Article,
    sentences: Sequence[Sentence],
    quotes: Sequence[Quote],
    mentions: Sequence[EntityMention],
    model: RankerModel,
) -> list[Quote]:
    """``quotes`` with each follow-on (and, with ``model.same_weights``, each quote named in its
    sentence) given to the candidate the model prefers, when it beats the rules' choice by more
    than the margin."""
    out = list(quotes)
    choices = [(qi, _best(c, model.weights, model.margin)) for qi, c in follow_on_candidates(article, sentences, quotes, mentions)]
    if model.same_weights is not None:
        choices += [(qi, _best(c, model.same_weights, model.same_margin))
                    for qi, c in same_sentence_candidates(article, sentences, quotes, mentions)]
    for qi, c in choices:
        if c is not None:
            out[qi] = given_to(out[qi], c)
    return out


def given_to(quote: Quote, candidate: Candidate) -> Quote:
    """``quote`` with ``candidate`` as its speaker (the fields a quote's speaker takes)."""
    return dataclasses.replace(
        quote, speaker=candidate.speaker, role=candidate.role, organisation=candidate.organisation,
        speaker_start=candidate.speaker_start, speaker_end=candidate.speaker_end, speaker_resolved=True,
    )
