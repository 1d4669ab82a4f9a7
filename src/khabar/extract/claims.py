"""Numeric claims: every figure about people or events, what it counts, and who says so.

:func:`extract_claims` reads the number mentions of each sentence from the document (the
pipeline's ``numbers``, :func:`khabar.text.ar.numbers.find_numbers`; with its ``dates``,
``quotes`` and ``mentions``: nothing is found twice), drops the numbers that are not claims, and
gives each remaining figure a category (what it counts), a subject (who), a place, a source
(who it is attributed to) and the day it refers to.  Every cue word is in
``text/ar/data/claim_categories.txt`` and every subject noun in ``claim_subjects.txt``;
matching is on normalized word tokens with proclitics (و ف ب ل ك ال) read off.

Not claims (a number is dropped when)
-------------------------------------
* it is a time or a numeric date (``03:00``، ``14/11/2023``: ``unit`` "time"/"date");
* it lies inside a date expression found by :func:`khabar.extract.dates.find_dates` (the
  day of "20 يناير"، "منذ 15 تشرين الثاني"، a year after "عام"، "قبل أربعة أيام");
* the word before it is a ``[skip_before]`` entry: "الساعة 03:00"، "قرار رقم 2254"،
  "في عام 2013";
* the word after it is a ``[skip_after]`` entry: durations ("لمدة سبعة أيام"، "بعد 3
  أيام"، "خلال 24 ساعة")، ages and years ("يبلغ 45 عاما")، units of measure ("أربعة
  كيلومترات"، "120 ملم")، and non-event counts ("5 أسئلة"، "3 مرات");
* an ``[age]`` phrase follows within two words ("في السبعين من عمره");
* it is a bare year: four digits between 1900 and 2100, no hedge, not followed by a
  subject or "من" ("الحرب التي بدأت في 2011");
* it is written with the article, or after "الـ": a descriptive count ("المدن الثلاث"،
  "مدن البلاد الـ 4 الكبرى");
* it is a percentage with no category: a share of something that is not a claim here;
* it has neither a category nor a subject: a number about nothing this module counts
  ("بمولد كهرباء واحد"، "12 دولة").

Category (first rule that applies)
----------------------------------
1. **subset** -- right after "بينهم"/"منهم" the figure is part of the previous claim of the
   sentence and counts the same thing ("قتل 50 مدنيا، بينهم 11 طفلا"، "نحو 5400 شخص،
   بينهم 180 جريحا": evacuated, not injured);
2. **percentage** -- a percentage near a ``[territory percent]`` cue (سيطرة، منطقة، مساحة)
   is territory;
3. **counted noun** -- the noun right after the figure, or after "من" ("100 غارة"، "30
   جثة"، "6 أحياء"، "18 شاحنة"، "4 من أحياء") when it is a cue;
4. **nearest cue** -- the nearest cue word within :data:`CUE_WINDOW` words before or after
   the figure, never across a clause boundary (punctuation other than quotation marks, and
   the ``[boundary]`` words: بينما، في حين، إلا أن، لكن ...).  Other figures do not stop the
   search, so a verb after two figures counts both ("415 مدنيا و364 من مسلحي المعارضة على
   الأقل قتلوا"); on a tie the cue before wins;
5. **anaphora** -- "العدد"، "عددهم"، "الرقم" before the figure in its clause: the category of
   the previous claim of the article, or of the last cue of the two sentences before ("كم عدد
   المحاصرين؟ ... تقدر الأمم المتحدة عددهم بنحو 40 ألف مدني");
6. **ellipsis** -- a figure without a noun of its own ("بينما ذهب 8500 إلى حي"، "وتقول
   الحكومة إنهم لا يتجاوزون 15 ألفا") counts what the previous claim of its sentence counted;
7. **restatement** -- a figure left without a category takes the category of a claim of the
   same article with the same value and bounds (a headline restating the body);
8. otherwise "other" when the subject is people (or a logistics noun: buses, trucks,
   shelters -- which the gold guidelines file under "other", not "aid").

Subject: the ``claim_subjects.txt`` entry of the counted noun ("مدنيا" civilians, "من
المسلحين" fighters); else, in a subset or ellipsis, the total's subject; else "عدد X" before
the figure in its clause.

Source: :func:`khabar.extract.attribution.find_source` over the sentence for the figure's
span, with the article's last speaker (from :func:`khabar.extract.quotes.extract_quotes`) as
``previous`` so that "وأضاف أن ..." continues it; failing that, a quote of the same sentence
whose content covers the figure; failing that, in a headline, the words before its colon
("الأمم المتحدة: نحو 40 ألف مدني ..."); failing that, the subject of the nearest verb of
saying (:func:`khabar.extract.attribution.verb_info`) or of documenting (``[source_verb]``:
وثق، سجل، أحصى) before the figure, when the verb takes a noun instead of "أن" (find_source
reads only statements): "وثق المرصد ... مقتل 23"، "تقدر الأمم المتحدة عددهم بنحو 40 ألفا"،
"يتحدث المجلس المحلي عن أكثر من 75 ألفا"، "أفادت تقارير بمقتل مئات"، "وكان المكتب قد أعلن".  ``Claim.source`` is ``Source.text``: the person's
name without title for a person, the head as written for an organisation, a country or an
unnamed source ("مصادر أخرى"); ``None`` when unattributed.

Place: the nearest place mention of the sentence from
:func:`khabar.extract.entities.find_mentions`, after the figure first (behind
:func:`_place_finder`, the one function to change if places come from elsewhere).

Date: the day the sentence names (:func:`khabar.extract.dates.find_dates` against the
article's day, an explicit date first; a day after "منذ" is where a cumulative count
*starts*, not the day it describes, and is skipped); else the article's publication day;
``None`` for an undated article whose sentence names no full date.

``Claim.id`` is ``"<article_id>:<start>"``: stable for a given article text.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.extract.attribution import Source, find_source, verb_info
from khabar.model import Article, Claim, DateMention, Document, EntityMention, NumberMention, Quote, Sentence
from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.normalize import normalize
from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.tokenize import Token, tokenize

__all__ = ["extract_claims", "CUE_WINDOW"]

#: How many words before or after a figure its category cue may stand.
CUE_WINDOW = 12
#: A headline's source before its colon is at most this many words ("محافظ العاصية: ...").
MAX_HEADLINE_SOURCE_WORDS = 6
#: "العدد" refers back at most this many sentences.
ANAPHORA_SENTENCES = 3
#: Years written alone: four digits in this range, no hedge.
YEAR_RANGE = (1900, 2100)

# Quotation marks do not end a clause: «أكثر من 75 ألف مدني» ما زالوا محاصرين.
_QUOTE_MARKS = frozenset('"\'«»“”„‘’')
_MIN = normalize("من")
_SINCE = normalize("منذ")
_ARTICLE = normalize("ال")


# --- word lists ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Entry:
    tag: str
    mode: str  # "", "noun", "percent"
    words: tuple[str, ...]
    prefix: bool  # the first (single) word is a prefix


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Phrases looked up by their first word: exact forms, and prefixes by length."""

    exact: dict[str, tuple[_Entry, ...]]
    prefixes: dict[int, dict[str, tuple[_Entry, ...]]]

    def at(
        self,
        toks: Sequence[Token],
        i: int,
        variants: Callable[[str], tuple[str, ...]],
        want: Callable[[_Entry], bool] | None = None,
    ) -> tuple[_Entry, int] | None:
        """The longest entry starting at ``toks[i]`` (that ``want`` accepts): (entry, tokens)."""
        best: tuple[_Entry, int] | None = None
        for form in variants(toks[i].norm):
            cands = list(self.exact.get(form, ()))
            for length, table in self.prefixes.items():
                if len(form) >= length:
                    cands.extend(table.get(form[:length], ()))
            for e in cands:
                if want is not None and not want(e):
                    continue
                n = len(e.words)
                if best is not None and n <= best[1]:
                    continue
                if i + n > len(toks):
                    continue
                if all(toks[i + k].norm == w or w in variants(toks[i + k].norm) for k, w in enumerate(e.words[1:], 1)):
                    best = (e, n)
        return best


def _matcher(entries: Sequence[_Entry]) -> _Matcher:
    exact: dict[str, list[_Entry]] = {}
    prefixes: dict[int, dict[str, list[_Entry]]] = {}
    for e in entries:
        first = e.words[0]
        if e.prefix:
            prefixes.setdefault(len(first), {}).setdefault(first, []).append(e)
        else:
            exact.setdefault(first, []).append(e)
    return _Matcher(
        {k: tuple(v) for k, v in exact.items()},
        {n: {k: tuple(v) for k, v in t.items()} for n, t in sorted(prefixes.items(), reverse=True)},
    )


def _read(name: str) -> list[_Entry]:
    out = []
    for entry in read_tagged(name):
        words = tuple(entry.phrase.split())
        prefix = words[-1].endswith("*")
        if prefix:
            if len(words) != 1:
                raise ValueError(f"data/{name}.txt: entry {entry.phrase!r}: only a single word may be a prefix (*)")
            words = (words[0][:-1],)
        out.append(_Entry(entry.tag, entry.mode, words, prefix))
    return out


@dataclass(frozen=True, slots=True)
class _Lists:
    cues: _Matcher  # categories, every mode
    skip_after: _Matcher
    skip_before: _Matcher
    age: _Matcher
    boundary: _Matcher
    subset: _Matcher
    anaphora: _Matcher
    margin: _Matcher
    source_verb: _Matcher
    subjects: _Matcher
    categories: frozenset[str]


_SPECIAL = ("skip_after", "skip_before", "age", "boundary", "subset", "anaphora", "margin", "source_verb")


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    entries = _read("claim_categories")
    by_tag: dict[str, list[_Entry]] = {t: [] for t in _SPECIAL}
    cues = []
    for e in entries:
        if e.tag in by_tag:
            by_tag[e.tag].append(e)
        else:
            cues.append(e)
    return _Lists(
        cues=_matcher(cues),
        skip_after=_matcher(by_tag["skip_after"]),
        skip_before=_matcher(by_tag["skip_before"]),
        age=_matcher(by_tag["age"]),
        boundary=_matcher(by_tag["boundary"]),
        subset=_matcher(by_tag["subset"]),
        anaphora=_matcher(by_tag["anaphora"]),
        margin=_matcher(by_tag["margin"]),
        source_verb=_matcher(by_tag["source_verb"]),
        subjects=_matcher(_read("claim_subjects")),
        categories=frozenset(e.tag for e in cues),
    )


@lru_cache(maxsize=65536)
def _variants(norm: str) -> tuple[str, ...]:
    return clitic_variants(norm) if norm else (norm,)


# --- one sentence ---------------------------------------------------------------------


@dataclass(slots=True)
class _Sent:
    """A sentence's tokens (punctuation included) and which of them end a clause."""

    text: str
    toks: list[Token]
    boundary: list[bool]  # the token is a clause boundary

    @classmethod
    def read(cls, text: str) -> _Sent:
        toks = tokenize(text, punctuation=True)
        lists = _lists()
        boundary = [False] * len(toks)
        i = 0
        while i < len(toks):
            t = toks[i]
            if not t.norm[:1].isalnum():
                boundary[i] = t.text not in _QUOTE_MARKS and t.norm not in _QUOTE_MARKS
                i += 1
                continue
            hit = lists.boundary.at(toks, i, _variants)
            if hit is not None:
                for k in range(i, i + hit[1]):
                    boundary[k] = True
                i += hit[1]
                continue
            i += 1
        return cls(text, toks, boundary)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and self.toks[i].norm[:1].isalnum()

    def is_quote(self, i: int) -> bool:
        return 0 <= i < len(self.toks) and (self.toks[i].text in _QUOTE_MARKS or self.toks[i].norm in _QUOTE_MARKS)

    def span_tokens(self, start: int, end: int) -> tuple[int, int]:
        """Index of the first token of the span and of the first token after it."""
        a = next((k for k, t in enumerate(self.toks) if t.end > start), len(self.toks))
        b = next((k for k in range(a, len(self.toks)) if self.toks[k].start >= end), len(self.toks))
        return a, b

    def next_word(self, b: int) -> int:
        """The first word at or after ``b``, skipping quotation marks (-1 if none)."""
        while self.is_quote(b):
            b += 1
        return b if self.is_word(b) else -1

    def prev_word(self, a: int) -> int:
        k = a - 1
        while self.is_quote(k):
            k -= 1
        return k if self.is_word(k) else -1


@dataclass(slots=True)
class _Figure:
    """A number mention being read as a claim (offsets into the sentence)."""

    mention: NumberMention
    a: int  # first token of the figure
    b: int  # first token after it
    noun: int  # the counted noun's token (-1 when none)
    category: str | None = None
    subject: str | None = None
    via: str = ""


def _is_year(n: NumberMention) -> bool:
    text = normalize(n.text)
    return (
        n.value is not None
        and text.isdigit()
        and len(text) == 4
        and YEAR_RANGE[0] <= n.value <= YEAR_RANGE[1]
    )


def _counted_noun(s: _Sent, b: int) -> int:
    """The noun a figure counts: the word after it, or after "من" ("2200 من المسلحين")."""
    k = s.next_word(b)
    if k >= 0 and s.toks[k].norm == _MIN:
        k = s.next_word(k + 1)
    return k


def _skipped(s: _Sent, n: NumberMention, a: int, b: int, dates: Sequence[DateMention]) -> bool:
    """True when the number is no claim (see the module docstring)."""
    lists = _lists()
    if n.unit in ("time", "date"):
        return True
    if any(d.start < n.end and n.start < d.end for d in dates):
        return True
    if normalize(n.text).startswith(_ARTICLE):
        return True
    p = s.prev_word(a)
    if p >= 0:
        if s.toks[p].norm == _ARTICLE:  # "الـ 4"
            return True
        for k in (p, p - 1):
            if k >= 0 and s.is_word(k):
                hit = lists.skip_before.at(s.toks, k, _variants)
                if hit is not None and k + hit[1] == p + 1:
                    return True
    if p >= 0 and s.text[n.start - 1 : n.start] == "ب" and lists.margin.at(s.toks, p, _variants) is not None:
        return True  # "أعلى أو أدنى ببضعة آلاف": a margin of error
    nxt = s.next_word(b)
    if nxt >= 0:
        starts_date = any(d.start == s.toks[nxt].start for d in dates)  # "12 ألفا يوم الاثنين"
        if not starts_date and lists.skip_after.at(s.toks, nxt, _variants) is not None:
            return True
        if n.value == 1 and not normalize(n.text)[:1].isdigit() and s.toks[nxt].norm == _MIN:
            return True  # "واحدة من أشرس الحملات": one of
        for k in (nxt, nxt + 1):
            if s.is_word(k) and lists.age.at(s.toks, k, _variants) is not None:
                return True
    if _is_year(n):
        noun = _counted_noun(s, b)
        if noun < 0 or (lists.subjects.at(s.toks, noun, _variants) is None and s.toks[nxt].norm != _MIN):
            return True
    return False


def _noun_category(s: _Sent, f: _Figure) -> str | None:
    if f.noun < 0:
        return None
    hit = _lists().cues.at(s.toks, f.noun, _variants, lambda e: e.mode != "percent")
    if hit is not None:
        return hit[0].tag
    return None


def _nearest_cue(s: _Sent, f: _Figure, *, percent: bool) -> str | None:
    """The category of the nearest cue in the figure's clause (``percent``: territory cues)."""
    cues = _lists().cues

    def ok(e: _Entry) -> bool:
        return e.mode == "percent" if percent else e.mode == ""

    best: tuple[int, int, str] | None = None  # (distance, side, category): before wins ties
    # before
    dist = 0
    k = f.a - 1
    while k >= 0 and dist < CUE_WINDOW:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            hit = cues.at(s.toks, k, _variants, ok)
            if hit is not None and k + hit[1] <= f.a:
                best = (dist, 0, hit[0].tag)
                break
        k -= 1
    # after
    dist = 0
    k = f.b
    while k < len(s.toks) and dist < CUE_WINDOW:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            hit = cues.at(s.toks, k, _variants, ok)
            if hit is not None:
                if best is None or dist < best[0]:
                    best = (dist, 1, hit[0].tag)
                break
        k += 1
    return best[2] if best else None


def _before_in_clause(s: _Sent, f: _Figure, matcher: _Matcher, *, limit: int = CUE_WINDOW) -> int:
    """The token of the nearest ``matcher`` entry before the figure in its clause, or -1."""
    dist = 0
    k = f.a - 1
    while k >= 0 and dist < limit:
        if s.boundary[k]:
            return -1
        if s.is_word(k):
            dist += 1
            if matcher.at(s.toks, k, _variants) is not None:
                return k
        k -= 1
    return -1


def _subset(s: _Sent, f: _Figure) -> bool:
    """The figure follows "بينهم"/"منهم" (also "من بينهم"): a part of the total before it."""
    p = s.prev_word(f.a)
    return p >= 0 and _lists().subset.at(s.toks, p, _variants) is not None


def _subject(s: _Sent, f: _Figure) -> str | None:
    subjects = _lists().subjects
    if f.noun >= 0:
        hit = subjects.at(s.toks, f.noun, _variants)
        if hit is not None:
            return hit[0].tag
    return None


def _subject_before(s: _Sent, f: _Figure) -> str | None:
    """"عدد المدنيين ... لا يتجاوز 15 ألفا": the subject named after "عدد" in the clause."""
    lists = _lists()
    count = normalize("عدد")
    k = f.a - 1
    dist = 0
    while k >= 0 and dist < CUE_WINDOW:
        if s.boundary[k]:
            return None
        if s.is_word(k):
            dist += 1
            if count in _variants(s.toks[k].norm) and s.is_word(k + 1):
                hit = lists.subjects.at(s.toks, k + 1, _variants)
                return hit[0].tag if hit else None
        k -= 1
    return None


def _last_cue(s: _Sent) -> str | None:
    """The category of the last plain cue of a sentence (for anaphora)."""
    cues = _lists().cues
    found = None
    for k in range(len(s.toks)):
        if s.is_word(k):
            hit = cues.at(s.toks, k, _variants, lambda e: e.mode == "")
            if hit is not None:
                found = hit[0].tag
    return found


# --- where, when, who ------------------------------------------------------------------


_CLAUSE_BREAK = re.compile("[،,;؛]")

#: Words after which a place is not where the counted people are: a destination
#: ("نزح 8500 إلى حي الشيخ مقصود") or a headquarters ("المرصد ومقره بريطانيا").
_NOT_THE_PLACE_AFTER = frozenset(normalize(w) for w in ("إلى", "الى", "نحو", "مقره", "ومقره", "مقرها", "ومقرها"))


def _place_finder(article: Article, mentions: Sequence[EntityMention]) -> Callable[..., str | None]:
    """A function (sentence start, sentence end, figure start, figure end, *, exclude) ->
    place as written.

    Places are the "place" mentions of the article (the document's ``mentions``, from
    :func:`khabar.extract.entities.find_mentions`).  A place inside the source
    ("حسبما ذكرت روسيا"), a destination or a headquarters is not where the figure happened;
    of the rest, the nearest one after the figure in its sentence wins, else the nearest
    before it.
    """
    text = article.text
    places = [
        (m.start, m.end, m.text)
        for m in mentions
        # two words back: "إلى حي الشيخ مقصود" is a destination too
        if m.kind == "place" and not (set(normalize(text[max(0, m.start - 16) : m.start]).split()[-2:]) & _NOT_THE_PLACE_AFTER)
    ]

    def find(a: int, b: int, start: int, end: int, *, exclude: Sequence[tuple[int, int]] = ()) -> str | None:
        inside = [
            p for p in places if a <= p[0] and p[1] <= b and not any(x <= p[0] and p[1] <= y for x, y in exclude)
        ]
        after = [p for p in inside if p[0] >= end]
        before = [p for p in inside if p[1] <= start]
        # Within the figure's clause first (no comma between): a place in the next clause
        # ("، تجمع ناشطون في شارع الاستقلال") is about something else.
        if after and not _CLAUSE_BREAK.search(text, end, after[0][0]):
            return after[0][2]
        if before:
            return before[-1][2]
        return after[0][2] if after else None

    return find


def _day_mentions(text: str, dates: Sequence[DateMention]) -> list[DateMention]:
    """Resolved days a figure can refer to; a day after "منذ" starts a cumulative count and
    is not the day of the figure."""
    days = []
    for m in dates:
        if m.date is None or m.precision != "day":
            continue
        before = normalize(text[max(0, m.start - 8) : m.start]).split()
        if before and before[-1] in _variants_since():
            continue
        days.append(m)
    return days


def _claim_date(days: Sequence[DateMention], published: dt.date | None) -> dt.date | None:
    """The day a sentence's figures refer to: an explicit day first, then a relative one,
    else the article's day."""
    if not days:
        return published
    explicit = [m for m in days if m.kind == "absolute"]
    return (explicit or days)[0].date


#: A day named this close after a figure ("مقارنة بنحو 12 ألفا يوم الاثنين") dates that
#: figure alone, not the whole sentence: a figure and its noun take at most ~20 characters.
FIGURE_DATE_WINDOW = 20


def _figure_date(n: NumberMention, days: Sequence[DateMention], sentence_day: dt.date | None) -> dt.date | None:
    for m in days:
        if n.end <= m.start <= n.end + FIGURE_DATE_WINDOW:
            return m.date
    return sentence_day


@lru_cache(maxsize=1)
def _variants_since() -> frozenset[str]:
    return frozenset({_SINCE, "و" + _SINCE})


def _headline_source(sentence: Sentence, start: int) -> str | None:
    """"الأمم المتحدة: نحو 40 ألف مدني عالقون": a headline's source is before its colon."""
    if not sentence.is_title:
        return None
    colon = max(sentence.text.rfind(":", 0, start), sentence.text.rfind("：", 0, start))
    if colon <= 0:
        return None
    head = sentence.text[:colon].strip()
    n = len(head.split())
    return head if 0 < n <= MAX_HEADLINE_SOURCE_WORDS else None


_STOP_HEAD = frozenset(normalize(w) for w in "في عن على من الى إلى مع ان أن إن بان بأن انه أنه انها أنها انهم أنهم قد امس أمس اليوم".split())
# A verb followed by one of these has a pronoun for subject ("زعم فيها أن"): no source here.
_PRONOUN_AFTER = frozenset(normalize(w) for w in "فيه فيها فيهم له لها لهم عنه عنها منه منها به بها".split())
_WAS = frozenset(normalize(w) for w in "كان وكان كانت وكانت".split())
_MAY = normalize("قد")


def _verb_at(s: _Sent, k: int) -> bool:
    info = verb_info(s.toks[k].norm)
    if info is not None and info[1].kind not in ("participle", "impersonal"):
        return True
    return _lists().source_verb.at(s.toks, k, _variants) is not None


def _verb_source(s: _Sent, f: _Figure, taken: Sequence[tuple[int, int]]) -> str | None:
    """A source find_source leaves out, from the nearest verb of saying, estimating or
    documenting before the figure: its subject after it ("وثق المرصد ... مقتل 23"، "تقدر
    الأمم المتحدة عددهم بنحو"، "يتحدث المجلس المحلي عن"، "أفادت تقارير بمقتل مئات"), or before
    it in "وكان X قد أعلن"."""
    lists = _lists()
    for k in range(f.a - 1, -1, -1):
        if not s.is_word(k) or not _verb_at(s, k):
            continue
        if k >= 2 and s.toks[k - 1].norm == _MAY:  # "وكان X قد أعلن"
            for j in range(k - 2, max(-1, k - 2 - MAX_HEADLINE_SOURCE_WORDS - 1), -1):
                if s.toks[j].norm in _WAS:
                    a, b = j + 1, k - 1
                    if a < b and all(s.is_word(m) for m in range(a, b)):
                        return s.text[s.toks[a].start : s.toks[b - 1].end]
                    break
        a = k + 1
        if s.is_word(a) and s.toks[a].norm in _PRONOUN_AFTER:
            return None
        b = a
        while b < len(s.toks) and b - a < MAX_HEADLINE_SOURCE_WORDS and s.is_word(b):
            t = s.toks[b]
            if t.norm in _STOP_HEAD or any(x < t.end and t.start < y for x, y in taken):
                break
            if lists.cues.at(s.toks, b, _variants) or lists.anaphora.at(s.toks, b, _variants):
                break
            b += 1
        if b > a:
            return s.text[s.toks[a].start : s.toks[b - 1].end]
        return None
    return None


def _previous_source(quotes: Sequence[Quote], sentence_index: int) -> Source | None:
    """The article's last named speaker before a sentence, for follow-ons ("وأضاف أن")."""
    last = None
    for q in quotes:
        if q.sentence_index < sentence_index:
            last = q
        else:
            break
    if last is None:
        return None
    return Source(last.speaker, 0, 0, role=last.role, organisation=last.organisation)


def _quote_speaker(quotes: Sequence[Quote], sentence_index: int, start: int, end: int) -> str | None:
    for q in quotes:
        if q.sentence_index == sentence_index and q.start <= start and end <= q.end:
            return q.speaker
    return None


# --- the extractor -----------------------------------------------------------------------


def _figures(s: _Sent, mentions: Sequence[NumberMention], dates: Sequence[DateMention]) -> list[_Figure]:
    out = []
    for n in mentions:
        a, b = s.span_tokens(n.start, n.end)
        if _skipped(s, n, a, b, dates):
            continue
        out.append(_Figure(n, a, b, _counted_noun(s, b)))
    return out


def _categorize(s: _Sent, figures: list[_Figure], recent: Callable[[], str | None]) -> None:
    """Give each figure of a sentence its category and subject, left to right."""
    lists = _lists()
    done: list[_Figure] = []
    for f in figures:
        f.subject = _subject(s, f)
        previous = next((g for g in reversed(done) if g.category), None)
        if f.mention.unit == "percent":
            f.category = _nearest_cue(s, f, percent=True)
            f.via = "percent"
            if f.category is None:
                f.category = _noun_category(s, f) or _nearest_cue(s, f, percent=False)
                f.via = "cue"
        elif previous is not None and _subset(s, f):
            f.category, f.via = previous.category, "subset"
            f.subject = f.subject or previous.subject
        else:
            f.category = _noun_category(s, f)
            f.via = "noun"
            if f.category is None:
                f.category, f.via = _nearest_cue(s, f, percent=False), "cue"
            if f.category is None and _before_in_clause(s, f, lists.anaphora) >= 0:
                f.category, f.via = (previous.category if previous else recent()), "anaphora"
            if f.category is None and f.subject is None and previous is not None:
                f.category, f.via = previous.category, "ellipsis"
                f.subject = previous.subject
        if f.subject is None:
            f.subject = _subject_before(s, f)
        done.append(f)


def _by_sentence(found: Sequence[Any], sentences: Sequence[Sentence]) -> dict[int, list[Any]]:
    """Mentions (numbers, dates) by the position of the sentence that holds them, their
    offsets moved into the sentence's text (where the pipeline found them)."""
    starts = [s.start for s in sentences]
    out: dict[int, list[Any]] = {}
    for m in found:
        position = bisect.bisect_right(starts, m.start) - 1
        base = starts[position]
        out.setdefault(position, []).append(dataclasses.replace(m, start=m.start - base, end=m.end - base))
    return out


def extract_claims(doc: Document) -> list[Claim]:
    """Every numeric claim of the document's article, in text order.

    Reads what the pipeline found in the document (:mod:`khabar.pipeline`): its sentences,
    numbers and dates; its quotes, for follow-on sources; its entity mentions, for places.
    Offsets are into :attr:`Article.text`.  Pure.
    """
    article, sentences = doc.article, doc.sentences
    numbers_of = _by_sentence(doc.numbers, sentences)
    dates_of = _by_sentence(doc.dates, sentences)
    text = article.text
    read: list[tuple[Sentence, _Sent, list[_Figure], list[DateMention]]] = []
    parsed: dict[int, _Sent] = {}
    last_of: dict[int, str | None] = {}  # position -> category of its last claim

    def recent(position: int) -> str | None:
        """For anaphora: what the last sentences counted (their last claim, else cue)."""
        for back in range(position - 1, max(-1, position - 1 - ANAPHORA_SENTENCES), -1):
            if last_of.get(back):
                return last_of[back]
            s = parsed.get(back) or _Sent.read(sentences[back].text)
            cue = _last_cue(s)
            if cue is not None:
                return cue
        return None

    for position, sentence in enumerate(sentences):
        numbers = numbers_of.get(position)
        if not numbers:
            continue
        s = _Sent.read(sentence.text)
        parsed[position] = s
        dates = dates_of.get(position, [])
        figures = _figures(s, numbers, dates)
        _categorize(s, figures, lambda position=position: recent(position))
        kept = [f for f in figures if f.category is not None or f.subject is not None]
        kept = [f for f in kept if not (f.mention.unit == "percent" and f.category is None)]
        cats = [f.category for f in kept if f.category]
        last_of[position] = cats[-1] if cats else None
        if kept:
            read.append((sentence, s, kept, dates))

    if not read:
        return []
    quotes = sorted(doc.quotes, key=lambda q: (q.sentence_index, q.start))
    place_of = _place_finder(article, doc.mentions)

    claims: list[Claim] = []
    for sentence, s, figures, dates in read:
        days = _day_mentions(sentence.text, dates)
        day = _claim_date(days, article.published)
        previous = _previous_source(quotes, sentence.index)
        taken = [(m.start, m.end) for m in dates] + [(f.mention.start, f.mention.end) for f in figures]
        for f in figures:
            n = f.mention
            start, end = sentence.start + n.start, sentence.start + n.end
            src = find_source(sentence.text, start=n.start, end=n.end, previous=previous)
            source = src.text if src is not None else None
            if source is None:
                source = (
                    _quote_speaker(quotes, sentence.index, start, end)
                    or _headline_source(sentence, n.start)
                    or _verb_source(s, f, taken)
                )
            claims.append(
                Claim(
                    id=f"{article.id}:{start}",
                    article_id=article.id,
                    sentence_index=sentence.index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=n.value,
                    low=n.low,
                    high=n.high,
                    approximate=n.approximate,
                    category=f.category,
                    subject=f.subject,
                    place=place_of(
                        sentence.start,
                        sentence.end,
                        start,
                        end,
                        exclude=[(sentence.start + src.start, sentence.start + src.end)] if src is not None else [],
                    ),
                    source=source,
                    date=_figure_date(n, days, day),
                    unit=n.unit,
                )
            )
    return _restated(claims)


def _restated(claims: list[Claim]) -> list[Claim]:
    """A figure without a category takes the category of the article's claim with the same
    value and bounds (a headline restating its body); the rest without one are "other"."""
    known = {(c.value, c.low, c.high, c.unit): c for c in claims if c.category and c.category != "other"}
    out = []
    for c in claims:
        if c.category is None:
            same = known.get((c.value, c.low, c.high, c.unit))
            if same is not None:
                c = dataclasses.replace(c, category=same.category, subject=c.subject or same.subject)
            else:
                c = dataclasses.replace(c, category="other")
        out.append(c)
    return out
