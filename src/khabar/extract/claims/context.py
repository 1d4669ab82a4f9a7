"""Where, when and who: a figure's place (from the document's mentions), its day (from
the document's dates) and its source (attribution, quotes, a headline, a verb).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from khabar.extract.attribution import Source, verb_info
from khabar.extract.claims.cues import _SINCE, _lists, _Sent, _variants
from khabar.extract.claims.figures import CUE_WINDOW, _Figure
from khabar.model import Article, DateMention, EntityMention, FigureSpan, NumberMention, Quote, Sentence
from khabar.text.ar.normalize import normalize

#: A headline's source before its colon is at most this many words ("محافظ العاصية: ...").
MAX_HEADLINE_SOURCE_WORDS = 6


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


#: Categories whose figures grow until the count is over: without a day of their own they
#: are counted so far ("دفعت المعارك 130 ألفا إلى النزوح").
_GROWING = frozenset({"displaced", "surrendered"})
#: Categories whose figures are cumulative whatever their span: the share of territory held
#: is what has been taken so far.
_CUMULATIVE_STATES = frozenset({"territory"})
#: A "since" day governs a figure at most this many characters away in its sentence.
SINCE_WINDOW = 120


def _period_bounds(m: DateMention) -> tuple[dt.date, dt.date] | None:
    if m.date is None:
        return None
    if m.precision == "year":
        return dt.date(m.date.year, 1, 1), dt.date(m.date.year, 12, 31)
    if m.precision == "month":
        nxt = dt.date(m.date.year + (m.date.month == 12), m.date.month % 12 + 1, 1)
        return m.date.replace(day=1), nxt - dt.timedelta(days=1)
    if m.precision == "week":
        return m.date, m.date + dt.timedelta(days=6)
    return None


def _word_before(s: _Sent, offset: int) -> int:
    """The token index of the last word before ``offset`` (-1 if none)."""
    k = -1
    for i, t in enumerate(s.toks):
        if t.end <= offset:
            if s.is_word(i):
                k = i
        else:
            break
    return k


def _cue_near(s: _Sent, f: _Figure, matcher, *, before: int, after: int) -> bool:
    """A ``matcher`` entry within ``before`` words before the figure or ``after`` words after
    it, in its clause."""
    dist, k = 0, f.a - 1
    while k >= 0 and dist < before:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            hit = matcher.at(s.toks, k, _variants)
            if hit is not None and k + hit[1] <= f.a:
                return True
        k -= 1
    dist, k = 0, f.b
    while k < len(s.toks) and dist < after:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            if matcher.at(s.toks, k, _variants) is not None:
                return True
        k += 1
    return False


def figure_span(
    s: _Sent, f: _Figure, dates: Sequence[DateMention], category: str | None, day: dt.date | None
) -> tuple[FigureSpan, bool]:
    """The time a figure covers, and whether it is a count that grows.

    * **since** -- a day after "منذ" near the figure in its sentence ("قتل 415 مدنيا منذ 15
      تشرين الثاني"): counted from that day;
    * **so_far** -- a word of a growing count in its clause ("ارتفعت الحصيلة إلى"، "حتى
      الآن"، "منذ بدء"), or a category that grows (the displaced) with no day of its own;
    * **period** -- a month, a year or a week after "خلال"، "في"، "طوال" in its clause
      ("خلال العام الماضي");
    * **day** -- else: the figure's day (the day its sentence names, or the article's day;
      unknown in an undated article).
    """
    lists = _lists()
    n = f.mention
    since = []
    for m in dates:
        before = normalize(s.text[max(0, m.start - 8) : m.start]).split()
        if m.date is not None and before and before[-1] in _variants_since():
            distance = m.start - n.end if m.start >= n.end else n.start - m.end
            k = _word_before(s, m.start)
            a, b = (k, f.a) if m.end <= n.start else (f.b, k)
            # "وهي الأعلى منذ عام 1987": a "since" of another clause says nothing of the figure
            if distance <= SINCE_WINDOW and not any(s.boundary[max(a, 0) : b]):
                since.append((distance, m))
    if since:
        m = min(since, key=lambda x: x[0])[1]
        return FigureSpan("since", m.date, None, m.text), True
    if _cue_near(s, f, lists.so_far, before=CUE_WINDOW, after=4):
        return FigureSpan("so_far"), True
    for m in dates:
        bounds = _period_bounds(m)
        if bounds is None:
            continue
        k = _word_before(s, m.start)
        if k < 0 or lists.period.at(s.toks, k, _variants) is None:
            continue
        a, b = (k, f.a) if m.end <= n.start else (f.b, k)
        if not any(s.boundary[a:b]):
            return FigureSpan("period", bounds[0], bounds[1], s.text[s.toks[k].start : m.end]), True
    named_day = any(m.date is not None and m.precision == "day" for m in dates)
    if category in _GROWING and not named_day:
        return FigureSpan("so_far"), True
    return FigureSpan("day", day), category in _CUMULATIVE_STATES
