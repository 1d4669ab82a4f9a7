"""A figure's frame beyond what it counts: how it is hedged (its qualifier), the time it
covers (its span, and whether it is a count that grows), and who it comes from as a chain
of links.
"""

from __future__ import annotations

import dataclasses
import re

from khabar.model import Claim, FigureRelation, NumberMention, QualifierKind, SourceLink
from khabar.text.ar.lexicon import phrases_longest_first
from khabar.text.ar.normalize import normalize
from khabar.text.ar.numbers import hedge_kind

#: The hedge kinds of the number reader, as a figure's qualifier.
_QUALIFIER_OF_HEDGE: dict[str, QualifierKind] = {
    "approximate": "about",
    "more_than": "more_than",
    "at_least": "at_least",
    "at_most": "up_to",
    "up_to": "up_to",
    "less_than": "less_than",
    "range": "range",
}

#: Groups that name no one in particular ("people" and "civilians" count the same people).
_BROAD = frozenset({"people", "civilians"})

#: Hedges that bound a figure on one side or round it: "at least 8" and "8" of one source are
#: one figure told twice (a lead and its body, "لقي ثمانية أشخاص على الأقل" after "أن ثمانية
#: أشخاص قتلوا"), so a repeat is found across them.  Not for a rate: the percent says nothing
#: of what it counts, and fresh14's "تجاوزت 50 في المائة" (a fuel rise) and "البالغة 50 في
#: المائة" (a stake) are two things.  On the spent frames splits (dev..fresh14) this joins 6
#: more true repeats and 2 false ones (the 29 children of France 24 2648; Ouagadougou's "at
#: least 28" and the security sources' 28 at the army headquarters); on 1,500 ANT articles
#: (seed 19, sport/culture/technology left out) 24 new repeats, 22 right by eye.
_ONE_SIDED = frozenset({"exact", "about", "at_least", "more_than", "up_to", "less_than"})

#: Two numbers in one mention: "10-20", "10 إلى 20", "400 أو 500".
_RANGE_TEXT = re.compile(r"\d\s*[-–]\s*\d|\bإلى\b|\bالى\b|\bأو\b|\bاو\b")


def qualifier_of(n: NumberMention) -> QualifierKind:
    """exact, about, at_least, more_than, up_to, less_than, range, or vague ("عشرات")."""
    kind = hedge_kind(n.qualifier)
    if n.value is None:
        if kind == "range" or _RANGE_TEXT.search(n.text):
            return "range"
        return "vague"
    return _QUALIFIER_OF_HEDGE.get(kind or "", "exact")


def _attributed(c: Claim) -> bool:
    return c.primary_source.kind != "unattributed"


def _same_bounds(a: Claim, b: Claim) -> bool:
    """Same value and bounds, or -- a count, not a rate -- the same value under one-sided
    hedges or none ("على الأقل 8" and "8"; a range must be the same range)."""
    if (a.value, a.low, a.high, a.unit) == (b.value, b.low, b.high, b.unit):
        return True
    return (
        a.category != "rate"
        and a.qualifier in _ONE_SIDED
        and b.qualifier in _ONE_SIDED
        and (a.value, a.unit) == (b.value, b.unit)
    )


def _same_figure(a: Claim, b: Claim, *, any_source: bool = False) -> bool:
    """Two figures of one article that say the same thing: same value (and bounds, see
    :func:`_same_bounds`), same category, compatible groups, and -- when both name a source --
    the same source."""
    if a.value is None or not _same_bounds(a, b):
        return False
    if a.category != b.category or (a.group and b.group and a.group != b.group and not {a.group, b.group} <= _BROAD):
        return False
    if _attributed(a) and _attributed(b) and not any_source:
        return normalize(a.primary_source.text) == normalize(b.primary_source.text) or bool(
            a.primary_source.organisation
            and normalize(a.primary_source.organisation or "") == normalize(b.primary_source.organisation or "")
        )
    return True


def repeats(claims: list[Claim], headline: frozenset[int] = frozenset()) -> list[Claim]:
    """The same figure written again in an article (a headline and its body, an abstract
    copied as the lead, a teaser) is ``same_as`` the other: the unattributed one points at
    the one that names its source, else the later one at the earlier.  ``headline``: the
    sentence indices of the headline.  A headline names its source in short ("17 قتيلا بحسب
    الحكومة" for the body's "أعلنت وزارة الصحة ارتفاع عدد الضحايا إلى 17"), so its figure
    is the body's whatever source each names, and it takes the time the body says it covers
    (a headline says neither "so far" nor "since")."""
    out = list(claims)
    for i, c in enumerate(out):
        if c.relation is not None:
            continue
        for j in range(i):
            o = out[j]
            if o.relation is not None and o.relation.kind == "same_as":
                continue
            in_headline = o.sentence_index in headline and c.sentence_index not in headline
            if not _same_figure(o, c, any_source=in_headline):
                continue
            if in_headline and o.span.kind == "day" and c.span.kind != "day":
                o = out[j] = dataclasses.replace(o, span=c.span, cumulative=c.cumulative)
            if _attributed(c) and not _attributed(o):
                out[j] = dataclasses.replace(o, relation=FigureRelation("same_as", c.id))
            else:
                out[i] = dataclasses.replace(c, relation=FigureRelation("same_as", o.id))
            break
    return out


#: The words that introduce a figure restating the one before it in another measure ("أي"،
#: "ما يعادل"; ``data/conversion_cues.txt``).
_CONVERSION_CUES = phrases_longest_first("conversion_cues")
#: At most this many words between the first figure and the cue: the first figure's counted
#: noun ("ريال"، "من إجمالي الأسهم"); more, and the cue restates something else.
_CONVERSION_GAP_WORDS = 3
_WORDS = re.compile(r"[^\W\d_]+")


def _restates(gap: str, before: Claim, after: Claim) -> bool:
    """``after`` restates ``before``: the text between them is at most the first figure's
    counted noun and then a conversion cue ("، أي"، "ما يعادل"), or -- two sums of money --
    an opening bracket ("356.8 مليار يورو (نحو 416 مليار دولار)")."""
    g = normalize(gap).rstrip()
    if g.endswith("("):
        head = g[:-1]
        return before.category == after.category == "money" and len(_WORDS.findall(head)) <= _CONVERSION_GAP_WORDS
    for cue in _CONVERSION_CUES:
        if g.endswith(cue) and (len(g) == len(cue) or not g[-len(cue) - 1].isalnum()):
            return len(_WORDS.findall(g[: -len(cue)])) <= _CONVERSION_GAP_WORDS
    return False


def conversions(claims: list[Claim], text: str) -> list[Claim]:
    """A figure right after another of its sentence and introduced as its conversion ("أي"،
    "ما يعادل"، a second currency in brackets) is ``same_as`` it: one figure told in two
    measures (fresh15's "1.5 تريليون ريال، أي 400 مليار دولار"), so it stands with the first
    and never makes a conflict with it."""
    out = list(claims)
    order = sorted(range(len(out)), key=lambda k: out[k].start)
    for h, i in zip(order, order[1:]):
        c, p = out[i], out[h]
        if c.relation is not None or p.sentence_index != c.sentence_index or p.value is None or c.value is None:
            continue
        if p.end <= c.start and _restates(text[p.end : c.start], p, c):
            out[i] = dataclasses.replace(c, relation=FigureRelation("same_as", p.id))
    return out
