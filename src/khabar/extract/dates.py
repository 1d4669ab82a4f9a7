"""Dates in Arabic news: find date expressions and resolve them against the publication day.

A focused resolver rather than ``dateparser``: dateparser misses the Levantine/Iraqi month
names (كانون الأول، تشرين الثاني), "يوم الأحد" and "الأحد الماضي", and knows nothing of the
habits of news copy (a bare weekday is a past day, "14 كانون الأول / ديسمبر" names one month
twice).  Every word it knows is in ``text/ar/data/calendar.json``; matching runs on the
text normalized by :mod:`khabar.text.ar.normalize` (hamza, ى/ي, ة/ه, diacritics, Arabic-Indic
digits), and every span is mapped back to the text as written.

Resolution rules (``ref`` is the reference day, normally the article's publication day):

* Relative days: أمس / الأمس / البارحة -> ref-1; أول أمس / أمس الأول -> ref-2; اليوم /
  الليلة / هذا الصباح -> ref; غدا -> ref+1; بعد غد -> ref+2.  A day part in front (صباح،
  مساء، ليلة، يوم) belongs to the span.  "اليوم" followed by التالي، نفسه، العالمي ... is a
  narrative or named day, not read.
* A relative day with a weekday ("يوم أمس الاثنين", "اليوم الأربعاء"): the relative word
  wins; when the weekday disagrees the expression says "weekday mismatch".  Only for اليوم
  the weekday decides: the matching day nearest to ref (within ±3 days), because a
  mismatch there usually means the publication date is a day off (print editions, time
  zones).
* A bare weekday ("الأحد", "يوم الأحد") is the most recent such day on or before ref, since
  news reports past events; with a future cue in the ten words before it in the same
  sentence (سوف، من المقرر، على أن، a verb with the future prefix س: سيعقد، ستجتمع) it is
  the next such day on or after ref.  "الاثنين الماضي" is strictly before ref, "الأحد
  المقبل / القادم" strictly after.
* Day and month ("14 ديسمبر", "الأربعاء 14 كانون الأول", "14 كانون الأول / ديسمبر", "في
  20 يناير كانون الثاني", "الثالث من ديسمبر"): the year is the one that puts the day
  closest to ref (a December day read in early January is last year's); after منذ
  (since) the closest on or before ref.  An explicit year
  ("14 ديسمبر 2016") or a numeric date (2016/12/14, day-first 14-12-2016, 14/12/2016,
  14.12.2016) is taken as written.  A day with no year and no ref has ``date=None``: the
  precision is a day but the year is unknown, and guessing it would put a false entry on
  a timeline.  "منذ 15 تشرين الثاني" is that day (kind "absolute").
* Durations after منذ / قبل: "منذ 3 أيام" -> ref-3, "قبل يومين" -> ref-2, "قبل أسبوع" ->
  ref-7 with precision "week", "منذ شهرين" precision "month", "قبل 5 سنوات" precision
  "year".  "بعد N ..." is counted forward only with a future cue (سيبدأ بعد يومين);
  otherwise its anchor is a narrated event ("بعد 3 أيام نقضوا الاتفاق") and the date is
  None.  Followed by من ("قبل 3 أيام من الانتخابات") the anchor is the named event: None.
  A count on its own ("3 أيام", "لمدة سبعة أيام") is not a date.
* Calendar periods: الأسبوع الماضي -> ref-7 with precision "week"; الشهر الماضي -> the first of
  the previous month, precision "month"; العام الماضي -> 1 January of the previous year.
  None of these is a day, so none goes on the timeline.
* A month alone ("في ديسمبر", "شهر آب", "نوفمبر الماضي", "ديسمبر 2016") has kind and
  precision "month" and date the first of that month (year closest to ref, or the latest
  before / earliest after ref's month with الماضي / المقبل).  Names that are also common
  words (آب، مارس، ماي) need a day, a year, شهر or a modifier.
* A year ("في 2011", "عام 2011") has kind and precision "year" and date 1 January.
* Times ("الساعة 03:00"), ages and counts are never dates.
* Without a reference only fully specified dates (with a year) resolve; everything
  relative has ``date=None``.

Precision is "day", "week", "month" or "year"; only "day" mentions go on a timeline.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.model import DateMention, Document, TimelineEntry
from khabar.text.ar.clitics import PLAIN_PROCLITICS
from khabar.text.ar.lexicon import read_json
from khabar.text.ar.normalize import normalize, normalize_with_offsets
from khabar.text.ar.numbers import parse_number
from khabar.text.ar.tokenize import letter_runs

__all__ = ["DateMention", "StatedDay", "build_timeline", "find_dates", "resolve_sentence_date", "sentence_day", "stated_day"]

_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: How many words before a bare weekday are searched for a future cue.  The seeds' "ومن
#: المقرر أن يصوت مجلس الأمن التابع للأمم المتحدة يوم الاثنين" has the cue seven words away;
#: further back the cue usually belongs to another clause.
FUTURE_CUE_WINDOW = 10
#: A verb with the future prefix (سيعقد) counts only this close: the prefix test is a
#: guess from spelling, and names (سيميوني) and nouns pass it too.
FUTURE_VERB_WINDOW = 6


# --- the calendar words ------------------------------------------------------------------


def _alt(words: Any) -> str:
    """A regex alternation of normalized words, longest first, spaces as \\s+."""
    forms = sorted({w for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in forms)


def _norm_key(word: str) -> str:
    return " ".join(normalize(word).split())


@dataclass(frozen=True, slots=True)
class _Calendar:
    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]  # with the article: الاحد
    bare_weekdays: dict[str, int]  # without: احد (only after يوم)
    relative_days: dict[str, tuple[int, str]]  # normalized -> (offset, canonical form)
    not_today_after: frozenset[str]
    day_parts: tuple[str, ...]
    past_modifiers: frozenset[str]
    future_modifiers: frozenset[str]
    future_cues: tuple[str, ...]
    future_prefixes: tuple[str, ...]
    future_exceptions: tuple[str, ...]
    future_word_exceptions: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, tuple[str, str]]  # form -> (unit, "one" | "two" | "many")
    periods: dict[str, tuple[str, int, str]]  # normalized -> (unit, step, canonical)
    year_words: tuple[str, ...]
    year_cues: tuple[str, ...]
    month_cues: tuple[str, ...]


@functools.cache
def _calendar() -> _Calendar:
    raw = read_json("calendar")
    months = {_norm_key(w): int(m) for m, ws in raw["months"].items() for w in ws}
    weekdays: dict[str, int] = {}
    for name, forms in raw["weekdays"].items():
        for form in forms:
            weekdays[_norm_key(form)] = _WEEKDAY_NAMES.index(name)
    bare = {w[2:]: d for w, d in weekdays.items() if w.startswith("ال")}
    relative: dict[str, tuple[int, str]] = {}
    for word, offset in raw["relative_days"].items():
        relative.setdefault(_norm_key(word), (int(offset), word))
    units: dict[str, tuple[str, str]] = {}
    for unit, forms in raw["units"].items():
        for number, ws in forms.items():
            for w in ws:
                units[_norm_key(w)] = (unit, number)
    periods: dict[str, tuple[str, int, str]] = {}
    for word, (unit, step) in raw["relative_periods"].items():
        periods.setdefault(_norm_key(word), (unit, int(step), word))
    norm = lambda ws: tuple(dict.fromkeys(_norm_key(w) for w in ws))  # noqa: E731
    return _Calendar(
        months=months,
        ambiguous_months=frozenset(norm(raw["ambiguous_months"])),
        weekdays=weekdays,
        bare_weekdays=bare,
        relative_days=relative,
        not_today_after=frozenset(norm(raw["not_today_after"])),
        day_parts=norm(raw["day_parts"]),
        past_modifiers=frozenset(norm(raw["past_modifiers"])),
        future_modifiers=frozenset(norm(raw["future_modifiers"])),
        future_cues=norm(raw["future_cues"]),
        future_prefixes=norm(raw["future_verb_prefixes"]),
        future_exceptions=norm(raw["future_prefix_exceptions"]),
        future_word_exceptions=frozenset(norm(raw["future_word_exceptions"])),
        ordinals={_norm_key(w): int(d) for w, d in raw["ordinal_days"].items()},
        units=units,
        periods=periods,
        year_words=norm(raw["year_words"]),
        year_cues=norm(raw["year_cues"]),
        month_cues=norm(raw["month_cues"]),
    )


def day_words() -> frozenset[str]:
    """The one-word names of a day, normalized: the weekdays with the article ("الجمعه")
    and the days named relative to the publication ("اليوم"، "امس"، "غدا"), as in
    ``calendar.json`` — for readers that step over a day standing between a speaker and
    his verb ("وقال الوزير [امس] إن")."""
    cal = _calendar()
    return frozenset(cal.weekdays) | frozenset(w for w in cal.relative_days if " " not in w)


def day_part_words() -> frozenset[str]:
    """The one-word parts of a day before a day's name, normalized ("مساء"، "صباح"، "يوم"
    before "الجمعه"), as in ``calendar.json``."""
    return frozenset(w for w in _calendar().day_parts if " " not in w)


# --- the patterns (on normalized text) ----------------------------------------------------

# A word starts here, possibly with one or two attached particles (و ف ب ل: "والأحد"،
# "وأمس"، "بالأمس").  The particles stay outside the span, which starts at group "core".
#: What may stand before a date word: the proclitics without ك (rare before a date, and
#: the first letter of كانون), longest first as a greedy match takes them.
_PARTICLES = tuple(p for p in PLAIN_PROCLITICS if "ك" not in p)
_START = r"(?<!\w)(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + ")(?P<core>)"
_END = r"(?!\w)"


@dataclass(frozen=True, slots=True)
class _Patterns:
    absolute: re.Pattern[str]
    numeric_dmy: re.Pattern[str]
    numeric_ymd: re.Pattern[str]
    relative: re.Pattern[str]
    weekday: re.Pattern[str]
    duration: re.Pattern[str]
    period: re.Pattern[str]
    day_of_period: re.Pattern[str]
    month: re.Pattern[str]
    year: re.Pattern[str]
    boundary: re.Pattern[str]
    word: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    c = _calendar()
    months = _alt(c.months)
    weekday = rf"(?:{_alt(c.weekdays)})"
    any_weekday = rf"(?:(?:يوم\s+)?{weekday}|يوم\s+(?:{_alt(c.bare_weekdays)}))"
    mods = _alt(c.past_modifiers | c.future_modifiers)
    year_words = _alt(c.year_words)
    second_month = rf"(?:\s*[/(\-]?\s*(?P<m2>{months}){_END}(?:\s*\))?)?"
    explicit_year = rf"(?:\s*,?\s*(?:(?:من\s+)?(?:{year_words})\s+)?(?P<year>(?:19|20)\d\d)(?!\d)(?:\s*م{_END})?)?"
    units = c.units
    one = _alt(u for u, (_, n) in units.items() if n == "one")
    two = _alt(u for u, (_, n) in units.items() if n == "two")
    many = _alt(u for u, (_, n) in units.items() if n in ("many", "one"))
    return _Patterns(
        absolute=re.compile(
            rf"{_START}(?:(?P<wd>{any_weekday})\s*,?\s*)?"
            # "ال - 22 من تشرين الأول": tokenized pages print the article apart with a dash
            rf"(?:(?:ال(?:\s+-\s+)?)?(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{_alt(c.ordinals)}){_END})"
            rf"\s*(?:من\s+)?(?:شهر\s+)?(?P<m1>{months}){_END}{second_month}{explicit_year}"
        ),
        numeric_dmy=re.compile(
            r"(?<![\w/.\-])(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)(?![\w/\-]|\.\d)"
        ),
        numeric_ymd=re.compile(
            r"(?<![\w/.\-])(?P<y>(?:19|20)\d\d)(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\w/\-]|\.\d)"
        ),
        relative=re.compile(
            rf"{_START}(?:(?P<part>{_alt(c.day_parts)})\s+)?(?P<rel>{_alt(c.relative_days)}){_END}"
            rf"(?:\s*,?\s*(?P<wd>{any_weekday}){_END})?"
        ),
        weekday=re.compile(
            rf"{_START}(?:(?:(?P<part>{_alt(c.day_parts)}|يومي)\s+)?(?P<wd>{weekday}){_END}(?:\s+(?P<mod>{mods}){_END})?"
            rf"|(?P<part2>يوم)\s+(?P<bare>{_alt(c.bare_weekdays)}){_END}(?:\s+(?P<mod2>{mods}){_END})?)"
        ),
        duration=re.compile(
            rf"{_START}(?P<prep>منذ|قبل|بعد)\s+(?:(?P<num>\d{{1,3}})\s+(?P<unit_n>{many})"
            rf"|(?P<word>[^\W\d_]+)\s+(?P<unit_w>{many})|(?P<two>{two})|(?P<one>{one})){_END}"
        ),
        period=re.compile(rf"{_START}(?P<period>{_alt(c.periods)}){_END}"),
        day_of_period=re.compile(
            rf"{_START}(?:(?:ال)?(?P<dnum>\d{{1,2}})(?!\d)|(?P<dord>{_alt(c.ordinals)}){_END})"
            rf"\s+من\s+(?P<period>{_alt(p for p, (unit, _, _) in c.periods.items() if unit == 'month')}){_END}"
        ),
        month=re.compile(
            rf"{_START}(?:(?P<cue>{_alt(c.month_cues)})\s+)?(?:(?P<shahr>شهر)\s+)?(?P<m1>{months}){_END}"
            rf"{second_month}(?:\s+(?P<mod>{mods}){_END}|{explicit_year})"
        ),
        year=re.compile(
            rf"{_START}(?:(?P<cue>{_alt(c.year_cues)})\s+)?(?:(?P<yw>{year_words})\s+)?"
            rf"(?P<year>(?:19|20)\d\d)(?!\d|\s*%|[.,]\d)"
        ),
        boundary=re.compile(r"[.!?\n]"),
        word=re.compile(r"[^\W\d_]+"),  # letters only: "03:00" is not two words
    )


# --- resolution helpers ------------------------------------------------------------------


def _closest_year(month: int, day: int, ref: dt.date, *, past: bool = False) -> dt.date | None:
    """The day/month in the year (ref's, the one before or after) that is closest to ref;
    with ``past`` ("منذ 1 جوان": since) the closest on or before ref."""
    best: dt.date | None = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if past and cand > ref:
            continue
        if best is None or abs((cand - ref).days) < abs((best - ref).days):
            best = cand
    return best


# Date arithmetic never raises: a day before the year 1 or after 9999 ("منذ 5000 عام" from
# a reference near an end, or a stored article dated 9999-12-31) is no day (None), where it
# once made OverflowError fail the whole brief.


def _add_days(ref: dt.date | None, days: int) -> dt.date | None:
    if ref is None:
        return None
    try:
        return ref + dt.timedelta(days=days)
    except OverflowError:
        return None


def _month_start(index: int) -> dt.date | None:
    """The first day of month ``index`` (year * 12 + month - 1)."""
    try:
        return dt.date(index // 12, index % 12 + 1, 1)
    except ValueError:
        return None


def _weekday_date(weekday: int, ref: dt.date, direction: str) -> dt.date | None:
    """``direction``: "past" on or before ref, "future" on or after, "last"/"next" strictly."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if direction == "past":
        return _add_days(ref, -back)
    if direction == "future":
        return _add_days(ref, ahead)
    if direction == "last":
        return _add_days(ref, -(back or 7))
    return _add_days(ref, ahead or 7)


def _shift_months(ref: dt.date, months: int) -> dt.date | None:
    return _month_start(ref.year * 12 + ref.month - 1 + months)


def _shift(ref: dt.date, unit: str, n: int) -> dt.date | None:
    if unit == "day":
        return _add_days(ref, n)
    if unit == "week":
        return _add_days(ref, 7 * n)
    if unit == "month":
        first = _shift_months(ref, n)
        nxt = _shift_months(first, 1) if first is not None else None
        last_day = _add_days(nxt, -1)
        return first.replace(day=min(ref.day, last_day.day)) if first is not None and last_day is not None else None
    for day in (ref.day, 28):  # 29 February
        try:
            return ref.replace(year=ref.year + n, day=day)
        except ValueError:
            continue
    return None


def _weekday_of(group: str) -> int:
    c = _calendar()
    key = " ".join(group.split()[-1:])
    return c.weekdays[key] if key in c.weekdays else c.bare_weekdays[key]


@functools.cache
def _spaced_cues() -> tuple[str, ...]:
    """The future cues with a space either side, as :func:`_future_context` looks for them."""
    return tuple(f" {cue} " for cue in _calendar().future_cues)


def _future_context(text: str, start: int) -> bool:
    """A future cue among the words before ``start`` in the same sentence."""
    p, c = _patterns(), _calendar()
    before = text[max(0, start - 160) : start]
    cut = None
    for cut in p.boundary.finditer(before):
        pass
    if cut is not None:
        before = before[cut.end() :]
    words = p.word.findall(before)[-FUTURE_CUE_WINDOW:]
    if not words:
        return False
    joined = f" {' '.join(words)} "
    stripped = f" {' '.join(w[1:] if w[0] in 'وف' else w for w in words)} "
    for cue in _spaced_cues():
        if cue in joined or cue in stripped:
            return True
    for w in words[-FUTURE_VERB_WINDOW:]:
        for form in (w, w[1:] if w[0] in "وف" else None):
            if (
                form
                and len(form) >= 4
                and form.startswith(c.future_prefixes)
                and not form.startswith(c.future_exceptions)
                and form not in c.future_word_exceptions
            ):
                return True
    return False


_NEXT_WORD = re.compile(r"\w+")


def _after_since(text: str, start: int) -> bool:
    """Whether the word before ``start`` is منذ (since): the date is then in the past."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1] in ("منذ", "ومنذ")


def _next_word(text: str, end: int) -> str:
    """The word right after ``end`` (one space between), or ""."""
    m = _NEXT_WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    return m.group() if m else ""


# --- where to look ----------------------------------------------------------------------
# Python's re tries a large alternation at every position of the text (~0.5 ms per pattern
# for a 7,000-character article).  Instead the words that can carry a date (month and
# weekday names, relative words, منذ/قبل/بعد, a year) are found with a set intersection
# over the words, and each pattern is tried (``match``) only at the few word starts where
# a date built around that word can begin: "يوم الأربعاء الحادي والعشرين من شهر كانون
# الأول" starts six words before the month name.

# No lookbehind in front: it would cost re its fast scan for the first digit (10x slower).
_YEAR = re.compile(r"(?:19|20)\d\d(?!\d)")

_Plan = dict[str, set[int]]


@functools.cache
def _triggers() -> dict[str, tuple[int, tuple[tuple[str, int], ...]]]:
    """Trigger word (with any particles) -> the most words back any of its patterns needs,
    and the patterns to try with how many words back each."""
    c = _calendar()
    plan: dict[str, dict[str, int]] = {}

    def add(words: Any, pattern: str, back: int) -> None:
        for w in words:
            entry = plan.setdefault(w.split()[0], {})
            entry[pattern] = max(entry.get(pattern, 0), back)

    add(c.months, "absolute", 6)  # [يوم] الأربعاء الحادي والعشرين من شهر <month>
    add(c.months, "month", 2)  # في شهر <month>
    add(c.weekdays, "weekday", 1)  # صباح <weekday>
    add(c.weekdays, "absolute", 1)  # يوم <weekday> 14 ...
    add(c.relative_days, "relative", 3)  # منتصف ليل أمس، أول من أمس
    add(c.periods, "period", 0)
    add((p for p, (unit, _, _) in c.periods.items() if unit == "month"), "day_of_period", 3)  # العاشر من الشهر الجاري
    add(("منذ", "قبل", "بعد"), "duration", 0)
    add(("يوم", "يومي"), "weekday", 0)  # يوم إثنين (bare weekday)
    add(("يوم",), "relative", 0)  # يوم الغد
    return {p + w: (max(e.values()), tuple(e.items())) for w, e in plan.items() for p in _PARTICLES}


@cython.locals(text=str, pos=cython.Py_ssize_t, end=cython.Py_ssize_t, size=cython.Py_ssize_t)
def _plan(text: str) -> tuple[_Plan, list[tuple[int, int]]]:
    """Where to try each pattern, and the spans of year-like numbers."""
    triggers = _triggers()
    plan: _Plan = {}
    size = len(text)
    # every trigger is Arabic letters (a test says so), so a trigger that is a word of the
    # text (a \w+ run) is one of its letter runs; a run inside a longer word is dropped below
    # (compiled, ``pos`` and ``end`` are C indices and each character's test a C call:
    # docs/measurements.md, issue 19, session 37)
    for word in triggers.keys() & letter_runs(text):
        back, todo = triggers[word]
        pos = text.find(word)
        while pos >= 0:
            end = pos + len(word)
            if (pos == 0 or not _is_word_char(text[pos - 1])) and (end == size or not _is_word_char(text[end])):
                starts = _word_starts_back(text, pos, back)
                for pattern, n in todo:
                    plan.setdefault(pattern, set()).update(starts[: n + 1])
            pos = text.find(word, end)
    # a year opens with "19" or "20": a sentence with neither (most) is not searched (the
    # search over every sentence was ~6,700 instructions each, a quarter of the plan's)
    years = (
        [m.span() for m in _YEAR.finditer(text) if not (m.start() and text[m.start() - 1].isdigit())]
        if "20" in text or "19" in text
        else []
    )
    for start, _end in years:
        plan.setdefault("year", set()).update(_word_starts_back(text, start, 2))
    return plan, years


@cython.ccall
@cython.locals(ch=cython.Py_UCS4)
@cython.returns(cython.bint)
def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


@cython.ccall  # (a C call from _plan; ``text`` a str: each character read in C)
@cython.locals(text=str, pos=cython.Py_ssize_t, count=cython.Py_ssize_t, lo=cython.Py_ssize_t, i=cython.Py_ssize_t, ch=cython.Py_UCS4)
def _word_starts_back(text: str, pos: int, count: int) -> list[int]:
    r"""``pos`` and the starts of up to ``count`` words (``\w+`` runs) before it, nearest
    first, within the ``16 * count`` characters before it (a word cut there starts there).

    Read backwards from ``pos``, a character at a time (compiled, each a C test), only as
    far as the words asked for: a search for every word of the stretch made a match object
    each (~15 of them), 18,300 instructions a call (dates of 100 ANT articles: 1,192 calls,
    15 % of their instructions)."""
    out = [pos]
    lo = max(0, pos - 16 * count)  # words in news copy are far shorter than 16 characters
    i = pos - 1
    while i >= lo and len(out) <= count:
        ch = text[i]
        if not (ch.isalnum() or ch == "_"):  # what \w matches (_is_word_char)
            i -= 1
            continue
        while i > lo:  # back to the word's first character
            ch = text[i - 1]
            if not (ch.isalnum() or ch == "_"):
                break
            i -= 1
        out.append(i)
        i -= 1
    return out


def _matches(pattern: re.Pattern[str], text: str, plan: _Plan, name: str) -> Iterator[re.Match[str]]:
    for pos in sorted(plan.get(name, ())):
        m = pattern.match(text, pos)
        if m is not None:
            yield m


# --- the scanners: each yields (n_start, n_end, date, kind, precision, expression, rank) ----

_Candidate = tuple[int, int, dt.date | None, str, str, str, int]


def _absolute_parts(m: re.Match[str]) -> tuple[int, int] | None:
    """Month and day of a match of the absolute pattern; None for two different months (not
    a bilingual pair: left unread) or a day no month has."""
    c = _calendar()
    month = c.months[" ".join(m["m1"].split())]
    if m["m2"] and c.months[" ".join(m["m2"].split())] != month:
        return None
    day = int(m["dnum"]) if m["dnum"] else c.ordinals[" ".join(m["dord"].split())]
    return (month, day) if 1 <= day <= 31 else None


def _scan_absolute(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    p = _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.absolute, text, plan, "absolute"):
        parts = _absolute_parts(m)
        if parts is None:
            continue
        month, day = parts
        date: dt.date | None = None
        if m["year"]:
            try:
                date = dt.date(int(m["year"]), month, day)
            except ValueError:
                continue
            expression = f"absolute:{date.isoformat()}"
        else:
            if ref is not None:
                date = _closest_year(month, day, ref, past=_after_since(text, m.start("core")))
            expression = f"absolute:--{month:02d}-{day:02d}"
            if ref is None:
                expression += " year unknown"
        if m["wd"] and date is not None and _weekday_of(m["wd"]) != date.weekday():
            expression += " (weekday mismatch)"
        out.append((m.start("core"), m.end(), date, "absolute", "day", expression, 0))
    seen = set()
    for ys, ye in years:
        for pattern in (p.numeric_dmy, p.numeric_ymd):
            m = pattern.search(text, max(0, ys - 6), min(len(text), ye + 8))
            if m is None or m.span() in seen:
                continue
            seen.add(m.span())
            try:
                date = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
            out.append((m.start(), m.end(), date, "absolute", "day", f"absolute:{date.isoformat()}", 0))
    return out


def _scan_relative(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.relative, text, plan, "relative"):
        offset, canonical = c.relative_days[" ".join(m["rel"].split())]
        if m["wd"] is None and canonical == "اليوم" and _next_word(text, m.end()) in c.not_today_after:
            continue
        if m["part"] and " ".join(m["part"].split()) == "يوم" and canonical == "اليوم":
            continue
        expression = canonical
        date = _add_days(ref, offset)
        if m["wd"]:
            weekday = _weekday_of(m["wd"])
            expression += f"+weekday:{_WEEKDAY_NAMES[weekday]}"
            if date is not None and date.weekday() != weekday:
                expression += " (weekday mismatch)"
                if offset == 0:  # اليوم: the named weekday nearest to ref
                    shift = (weekday - ref.weekday()) % 7  # type: ignore[union-attr]
                    date = _add_days(date, shift if shift <= 3 else shift - 7)
        out.append((m.start("core"), m.end(), date, "relative", "day", expression, 1))
    return out


def _scan_weekday(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.weekday, text, plan, "weekday"):
        wd = m["wd"] or m["bare"]
        mod = m["mod"] or m["mod2"]
        weekday = _weekday_of(wd)
        if mod and " ".join(mod.split()) in c.past_modifiers:
            direction = "last"
        elif mod:
            direction = "next"
        else:
            direction = "future" if _future_context(text, m.start("core")) else "past"
        date = None if ref is None else _weekday_date(weekday, ref, direction)
        out.append((m.start("core"), m.end(), date, "weekday", "day", f"weekday:{_WEEKDAY_NAMES[weekday]} {direction}", 2))
    return out


def _scan_duration(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.duration, text, plan, "duration"):
        if m["one"]:
            after = _next_word(text, m.end())
            if after[:1].isdigit() or after in c.weekdays or after in c.months or after in c.relative_days:
                continue  # "منذ يوم الأحد", "قبل عام 2011": another pattern reads it
            n, unit_form = 1, m["one"]
        elif m["two"]:
            n, unit_form = 2, m["two"]
        elif m["num"]:
            n, unit_form = int(m["num"]), m["unit_n"]
        else:  # a count in words: "منذ ثلاثة أيام"; vague ones (بضعة، عدة) are not dates
            count = parse_number(m["word"])
            if count is None or count.approximate or count.value is None or count.end != len(m["word"]):
                continue
            n, unit_form = int(count.value), m["unit_w"]
        unit = c.units[" ".join(unit_form.split())][0]
        prep = m["prep"]
        sign = 1 if prep == "بعد" else -1
        expression = f"{'after' if sign > 0 else 'ago'}:{n} {unit}"
        date = None
        anchored_elsewhere = _next_word(text, m.end()) == "من"
        if ref is not None and not anchored_elsewhere and (sign < 0 or _future_context(text, m.start("core"))):
            date = _shift(ref, unit, sign * n)
        if anchored_elsewhere:
            expression += " (anchor is another event)"
        out.append((m.start("core"), m.end(), date, "relative", unit, expression, 1))
    return out


def _scan_period(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.period, text, plan, "period"):
        unit, step, canonical = c.periods[" ".join(m["period"].split())]
        date = None
        if ref is not None:
            if unit == "week":
                date = _add_days(ref, 7 * step)
            elif unit == "month":
                date = _shift_months(ref, step)
            else:
                date = _month_start((ref.year + step) * 12)
        out.append((m.start("core"), m.end(), date, "relative", unit, canonical, 1))
    return out


def _scan_day_of_period(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    """"العاشر من الشهر الجاري", "15 من الشهر الماضي": a day of a month named relatively."""
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.day_of_period, text, plan, "day_of_period"):
        _unit, step, canonical = c.periods[" ".join(m["period"].split())]
        day = int(m["dnum"]) if m["dnum"] else c.ordinals[" ".join(m["dord"].split())]
        date = None
        if ref is not None:
            first = _shift_months(ref.replace(day=1), step)
            try:
                date = first.replace(day=day) if first is not None else None
            except ValueError:
                continue
        out.append((m.start("core"), m.end(), date, "relative", "day", f"{canonical} day {day}", 0))
    return out


def _scan_month(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    c, p = _calendar(), _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.month, text, plan, "month"):
        name = " ".join(m["m1"].split())
        month = c.months[name]
        if m["m2"] and c.months[" ".join(m["m2"].split())] != month:
            continue
        mod = " ".join(m["mod"].split()) if m["mod"] else None
        if not (m["year"] or mod or m["shahr"] or m["m2"] or (m["cue"] and name not in c.ambiguous_months)):
            continue
        start = m.start("shahr") if m["shahr"] else m.start("m1")
        date = None
        if m["year"]:
            date = dt.date(int(m["year"]), month, 1)
        elif ref is not None:
            this = ref.year * 12 + ref.month - 1
            candidates = [y * 12 + month - 1 for y in (ref.year - 1, ref.year, ref.year + 1)]
            if mod in c.past_modifiers:
                index = max(i for i in candidates if i < this)
            elif mod in c.future_modifiers:
                index = min(i for i in candidates if i > this)
            else:
                index = min(candidates, key=lambda i: abs(i - this))
            date = _month_start(index)
        expression = f"month:{month:02d}" + (f"-{m['year']}" if m["year"] else "") + (f" {mod}" if mod else "")
        out.append((start, m.end(), date, "month", "month", expression, 3))
    return out


def _scan_year(text: str, ref: dt.date | None, plan: _Plan, years: list[tuple[int, int]]) -> list[_Candidate]:
    p = _patterns()
    out: list[_Candidate] = []
    for m in _matches(p.year, text, plan, "year"):
        if not (m["cue"] or m["yw"]):
            continue
        start = m.start("yw") if m["yw"] else m.start("year")
        year = int(m["year"])
        out.append((start, m.end(), dt.date(year, 1, 1), "year", "year", f"year:{year}", 4))
    return out


#: The scanners, in order, each with the entry of the plan it reads (the absolute one reads
#: the years too): a scanner whose entry a sentence's plan lacks finds nothing there, and is
#: not called (of the bench's 1,662 sentences with a plan, 1,057 have one or two of the
#: eight entries, none all eight).
_SCANNED = (
    ("absolute", _scan_absolute), ("relative", _scan_relative), ("weekday", _scan_weekday), ("duration", _scan_duration),
    ("period", _scan_period), ("day_of_period", _scan_day_of_period), ("month", _scan_month), ("year", _scan_year),
)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates: the longer wins, then the more specific kind."""
    chosen: list[_Candidate] = []
    # the spans taken, apart from one another and so sorted by start and by end alike: a
    # candidate meets at most its two neighbours (testing every span taken made
    # find_dates(' أمس' * 4000) quadratic, 2.2 s)
    starts: list[int] = []
    ends: list[int] = []
    for cand in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[6], c[0])):
        a, b = cand[0], cand[1]
        k = bisect.bisect_right(starts, a)
        if k and not (b <= starts[k - 1] or a >= ends[k - 1]):
            continue
        if k < len(starts) and not (b <= starts[k] or a >= ends[k]):
            continue
        chosen.append(cand)
        starts.insert(k, a)
        ends.insert(k, b)
    return sorted(chosen, key=lambda c: c[0])


# --- the day an article states ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatedDay:
    """A day an article's own words fix: the date, the words as written, and how the year
    is known."""

    date: dt.date
    text: str
    how: str  # "full date" | "weekday, day and month; year of the brief's dated articles"


#: How far from a dated article of the brief the year of a weekday, day and month may be:
#: the same day and month fall on the same weekday again only after 5, 6 or 11 years (28
#: for 29 February), so within a year of an anchor at most one year fits.
STATED_DAY_ANCHOR_DAYS = 366


def stated_day(text: str, *, anchors: Sequence[dt.date] = ()) -> StatedDay | None:
    """The first day ``text`` (an article's title and lead, where a dateline states the
    day) fixes, or None.

    A day is fixed by a full date (day, month and year, in words or digits; a weekday
    written with it must agree) or by a weekday with day and month ("الأربعاء 14 كانون
    الأول") when exactly one year puts that day on that weekday within
    :data:`STATED_DAY_ANCHOR_DAYS` of an anchor (the publication days of the brief's dated
    articles).  A day and month alone, or a weekday with no anchor, fix nothing: the year
    would be a guess (14 December fell on a Wednesday in 2005, 2011, 2016 and 2022).
    """
    if not text:
        return None
    norm = normalize_with_offsets(text)
    plan, years = _plan(norm.text)
    p = _patterns()
    found: list[tuple[int, int, dt.date, str]] = []
    refuted: list[tuple[int, int]] = []  # a full date whose weekday disagrees: nothing in it fixes a day
    for m in _matches(p.absolute, norm.text, plan, "absolute"):
        parts = _absolute_parts(m)
        if parts is None:
            continue
        month, day = parts
        weekday = _weekday_of(m["wd"]) if m["wd"] else None
        if m["year"]:
            date = _safe_day(int(m["year"]), month, day)
            if date is not None and weekday in (None, date.weekday()):
                found.append((m.start("core"), m.end(), date, "full date"))
            elif date is not None:
                refuted.append((m.start("core"), m.end()))
        elif weekday is not None:
            fits = {
                d
                for a in anchors
                for y in (a.year - 1, a.year, a.year + 1)
                if (d := _safe_day(y, month, day)) is not None
                and d.weekday() == weekday
                and abs((d - a).days) <= STATED_DAY_ANCHOR_DAYS
            }
            if len(fits) == 1:
                found.append((m.start("core"), m.end(), fits.pop(), "weekday, day and month; year of the brief's dated articles"))
    for ys, ye in years:
        for pattern in (p.numeric_dmy, p.numeric_ymd):
            m = pattern.search(norm.text, max(0, ys - 6), min(len(norm.text), ye + 8))
            if m is not None and (date := _safe_day(int(m["y"]), int(m["m"]), int(m["d"]))) is not None:
                found.append((m.start(), m.end(), date, "full date"))
    found = [f for f in found if not any(a <= f[0] and f[1] <= b for a, b in refuted)]
    if not found:
        return None
    start, end, date, how = min(found, key=lambda f: f[0])
    span = norm.original_span(start, end)
    return StatedDay(date=date, text=text[span[0] : span[1]], how=how)


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- public API --------------------------------------------------------------------------


def find_dates(text: str, *, reference: dt.date | None) -> list[DateMention]:
    """Every date expression in ``text``, in order, resolved against ``reference``.

    Offsets and ``text`` of each mention refer to ``text`` as given.  See the module
    docstring for the rules; a mention whose day cannot be known honestly has ``date=None``.
    """
    if not text:
        return []
    norm = normalize_with_offsets(text)
    plan, years = _plan(norm.text)
    if not plan:
        return []
    candidates = [
        c
        for entry, scan in _SCANNED
        if entry in plan or (years and scan is _scan_absolute)
        for c in scan(norm.text, reference, plan, years)
    ]
    mentions: list[DateMention] = []
    for start, end, date, kind, precision, expression, _rank in _select(candidates):
        span = norm.original_span(start, end)
        mentions.append(DateMention(span[0], span[1], text[span[0] : span[1]], date, kind, precision, expression))
    return mentions


def resolve_sentence_date(text: str, *, reference: dt.date | None) -> DateMention | None:
    """The day an event sentence refers to (:func:`sentence_day` of its date mentions)."""
    return sentence_day(find_dates(text, reference=reference))


def sentence_day(mentions: Sequence[DateMention]) -> DateMention | None:
    """Of a sentence's date mentions, the one that says which day it refers to: its first
    resolved day-precision mention, an explicit (absolute) one first when there is one;
    None when it names no day."""
    days = [m for m in mentions if m.date is not None and m.precision == "day"]
    if not days:
        return None
    explicit = [m for m in days if m.kind == "absolute"]
    return (explicit or days)[0]


def build_timeline(docs: Sequence[Document]) -> list[TimelineEntry]:
    """Every sentence that names a day, as a timeline entry, from the dates the pipeline
    found in each document (resolved against the article's publication day: an article
    without one contributes only dates written in full, with a year, never guesses).
    Sorted by date, then by the document's position in ``docs``, then by sentence index.
    """
    keyed: list[tuple[dt.date, int, int, TimelineEntry]] = []
    for position, doc in enumerate(docs):
        by_sentence: dict[int, list[DateMention]] = {}
        sentences = doc.sentences
        starts = [s.start for s in sentences]
        for m in doc.dates:
            by_sentence.setdefault(bisect.bisect_right(starts, m.start) - 1, []).append(m)
        for i, mentions in by_sentence.items():
            mention = sentence_day(mentions)
            if mention is None or mention.date is None:
                continue
            sentence = sentences[i]
            entry = TimelineEntry(
                date=mention.date,
                article_id=doc.article.id,
                sentence_index=sentence.index,
                text=sentence.text,
                expression=mention.expression,
            )
            keyed.append((mention.date, position, sentence.index, entry))
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


def period_end(mention: DateMention) -> dt.date | None:
    """The last day of the period a mention names (its day, month or year; a week is its day)."""
    day = mention.date
    if day is None:
        return None
    if mention.precision == "week":
        return day  # "الأسبوع الماضي" is read as the day a week before
    if mention.precision == "month":
        following = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if mention.precision == "year":
        return dt.date(day.year, 12, 31)
    return day


@functools.cache
def _earlier_cue_pattern() -> re.Pattern[str]:
    cues = sorted({_norm_key(w) for w in read_json("calendar")["earlier_cues"]}, key=len, reverse=True)
    particles = "|".join(sorted(_PARTICLES, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + particles + ")(?:" + "|".join(map(re.escape, cues)) + r")(?!\w)")


def names_earlier_time(text: str, mentions: Sequence[DateMention], day: dt.date | None, *, slack_days: int = 2) -> bool:
    """Whether a sentence places what it tells before ``day`` (the day of the news): one of
    its date ``mentions`` names a period that ended more than ``slack_days`` before it
    ("الشهر الماضي"، "في 1995"، "الأسبوع الماضي"), or it says "earlier" without a date ("في وقت
    سابق"; ``earlier_cues`` of ``calendar.json``).  Such a sentence is background, not the news."""
    if _earlier_cue_pattern().search(" ".join(normalize(text).split())):
        return True
    if day is None:
        return False
    limit = day - dt.timedelta(days=slack_days)
    return any((end := period_end(m)) is not None and end < limit for m in mentions)
