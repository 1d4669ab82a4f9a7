# cython: annotation_typing=True
# (Compiled, this module reads its annotations as types, as attribution/scan.py does: ``s: _Sent``,
# cimported by figures.pxd, is cues.pxd's C class, its columns C fields and ``is_word`` a C
# call (docs/measurements.md, issue 19, session 35); an ``int``, ``str`` or ``list`` argument must then be one.)
"""What a figure counts: which numbers of a sentence are claims, and each one's category
and subject (the rules are listed in :mod:`khabar.extract.claims.extractor`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution import is_nationality, verb_info
from khabar.extract.attribution.lists import is_given_name
from khabar.extract.claims.cues import _ARTICLE, _MIN, _Entry, _lists, _Matcher, _Sent, _variants
from khabar.model import DateMention, NumberMention
from khabar.text.ar.clitics import DUAL_ENDINGS, bare_word, dual_singular
from khabar.text.ar.normalize import ARABIC_LETTERS, normalize
from khabar.text.ar.numbers import SCALE_WORDS
from khabar.text.ar.reporting import is_reporting_past
from khabar.text.ar.stopwords import is_stopword

#: How many words before or after a figure its category cue may stand.
CUE_WINDOW = 12


#: Years written alone: four digits in this range, no hedge.
YEAR_RANGE = (1900, 2100)


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
    #: The figure of the same sentence this one is a share ("part") or subgroup
    #: ("breakdown") of: "نزح 30 ألفا، غادر منهم 18 ألفا"، "قتل 50، بينهم 11 طفلا".
    total: _Figure | None = None
    share: str | None = None  # "part" or "breakdown"
    #: The singular a dual no [dual] list holds counts ("نفقين": "نفق"), else None.
    dual_of: str | None = None


def _is_year(n: NumberMention) -> bool:
    """Four digits in the years' range, alone or as a range of years ("2005-2006")."""
    text = normalize(n.text)
    if n.value is None:
        ends = re.findall(r"[0-9]+", text)
        return (
            len(ends) == 2 and all(len(e) == 4 and YEAR_RANGE[0] <= int(e) <= YEAR_RANGE[1] for e in ends)
        )
    return text.isdigit() and len(text) == 4 and YEAR_RANGE[0] <= n.value <= YEAR_RANGE[1]


def _counted_noun(s: _Sent, b: int) -> int:
    """The noun a figure counts: the word after it, or after "من" ("2200 من المسلحين"); never
    a word joined by "و" with the article ("15 ألفا والدولة جاهزة": a new phrase), nor a
    reporting verb (:func:`~khabar.text.ar.reporting.is_reporting_past`)."""
    if 2 <= b < len(s.norms) and s.texts[b] == ")" and s.texts[b - 2] == "(":
        b += 1  # "عدد (30) عنصر": a count written in brackets, its noun after them
    k = s.next_word(b)
    if k >= 0 and s.texts[k].startswith(("وال", "وٱل")):
        return -1
    if k >= 0 and s.norms[k] == _MIN:
        k = s.next_word(k + 1)
    if k >= 0 and is_reporting_past(s.norms[k]):
        return -1  # "قبضت على ستة وصفتهم بأنهم": a verb opens a new clause, it counts nothing
    return k


def _skipped(s: _Sent, n: NumberMention, a: int, b: int, dates: Sequence[DateMention]) -> bool:
    """True when the number is no claim (see the module docstring)."""
    lists = _lists()
    if n.unit in ("time", "date"):
        return True
    if any(d.start < n.end and n.start < d.end for d in dates):
        return True
    if n.text.lstrip("وفبل").startswith(("ال", "إل")) and n.value is not None:
        return True  # "الثلاث": a count with the article describes; "المئات" still counts
    window = (max(0, n.start - 16), min(len(s.text), n.end + 16))
    if (s.text.find("/", *window) >= 0 or s.text.find("(", *window) >= 0) and any(
        m.start() <= n.start and n.end <= m.end() for m in _SCORE_OR_NUMERIC_DATE.finditer(s.text, *window)
    ):
        return True  # (each of its shapes holds a slash or a bracket: most windows are passed over in C)
    p = s.prev_word(a)
    if p >= 0:
        if s.norms[p] == _ARTICLE:  # "الـ 4"
            return True
        for k in (p, p - 1):
            if k >= 0 and s.is_word(k):
                hit = lists.skip_before.at(s.norms, k, _variants)
                if hit is not None and k + hit[1] == p + 1:
                    return True
    if p >= 0 and s.text[n.start - 1 : n.start] == "ب" and lists.margin.at(s.norms, p, _variants) is not None:
        return True  # "أعلى أو أدنى ببضعة آلاف": a margin of error
    nxt = s.next_word(b)
    if nxt >= 0:
        starts_date = any(d.start == s.starts[nxt] for d in dates)  # "12 ألفا يوم الاثنين"
        if any(d.start == s.starts[nxt] and d.precision == "month" for d in dates):
            return True  # "في 25 يوليو/تموز الماضي": the day of a month read as a month
        skip = lists.skip_after.at(s.norms, nxt, _variants) if not starts_date else None
        if skip is not None and not ((noun := lists.cues.at(s.norms, nxt, _variants)) is not None and noun[1] > skip[1]):
            return True  # ("درجة" is skipped, "درجة مئوية" is a measure: the longer entry wins)
        if n.value == 1 and not normalize(n.text)[:1].isdigit() and s.norms[nxt] == _MIN:
            return True  # "واحدة من أشرس الحملات": one of
        for k in (nxt, nxt + 1):
            if s.is_word(k) and lists.age.at(s.norms, k, _variants) is not None:
                return True
    if n.value == 1 and not normalize(n.text)[:1].isdigit() and p >= 0 and not _counts_a_known_noun(s, p):
        return True  # "شركة واحدة"، "عائلة واحدة": "one" describing a noun, not a count
    if _near(s, a, b, lists.exchange, before=4, after=3):
        return True  # "سعر الصرف إلى 15000 ليرة للدولار": a price
    noun = _counted_noun(s, b)
    if noun >= 0 and _is_distance(s, noun) and s.is_word(noun + 1) and lists.locating.at(s.norms, noun + 1, _variants):
        return True  # "70 كلم جنوب غرب مدينة الجبيل": where a place is
    if _is_year(n):
        noun = _counted_noun(s, b)
        if noun < 0 or (lists.subjects.at(s.norms, noun, _variants) is None and s.norms[nxt] != _MIN):
            return True
    return False


#: A match result in brackets ("(1-1)"، "(0 -1)") and a numeric date written with spaced
#: slashes ("2018 / 01 / 21"، the Hijri "1439 / 05 / 05"): no figure in either.
_SCORE_OR_NUMERIC_DATE = re.compile(
    r"\(\s*\d{1,2}\s*[-–]\s*\d{1,2}\s*\)"
    r"|\d{4}\s*/\s*\d{1,2}\s*/\s*\d{1,2}(?!\d)|(?<!\d)\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
)


def _counts_a_known_noun(s: _Sent, k: int) -> bool:
    """The noun before "واحد" is one the lists count ("بمولد كهرباء واحد": a generator); the
    noun may be followed by its complement."""
    lists = _lists()
    for j in (k, k - 1):
        if j >= 0 and s.is_word(j) and (lists.subjects.at(s.norms, j, _variants) or lists.cues.at(s.norms, j, _variants)):
            # "من عائلة واحدة": of one family, a description
            return not (j > 0 and s.norms[j - 1] == _MIN)
    return False


def _is_distance(s: _Sent, k: int) -> bool:
    hit = _lists().subjects.at(s.norms, k, _variants)
    return hit is not None and hit[0].tag == "distance"


def _near(s: _Sent, a: int, b: int, matcher: _Matcher, *, before: int, after: int) -> bool:
    """A ``matcher`` entry within ``before`` words before tokens [a, b) or ``after`` after."""
    k, seen = a - 1, 0
    while k >= 0 and seen < before:
        if s.is_word(k):
            seen += 1
            if matcher.at(s.norms, k, _variants) is not None:
                return True
        k -= 1
    k, seen = b, 0
    while k < len(s.norms) and seen < after:
        if s.is_word(k):
            seen += 1
            if matcher.at(s.norms, k, _variants) is not None:
                return True
        k += 1
    return False


def _delegates_before(s: _Sent, f: _Figure) -> bool:
    """The word before the figure is a ``[delegates]`` entry: a count of countries or cities
    by those who stand for them ("وفود 12 دولة"، "وممثلي 12 دولة"، "بمشاركة 12 دولة")."""
    p = s.prev_word(f.a)
    return p >= 0 and _lists().delegates.at(s.norms, p, _variants) is not None


def _noun_category(s: _Sent, f: _Figure) -> str | None:
    if f.noun < 0:
        return None
    hit = _lists().cues.at(s.norms, f.noun, _variants, lambda e: e.mode != "percent")
    if hit is not None:
        return hit[0].tag
    return None


#: The words that open what is said ("قال X إن ..."): a cue's search before a figure stops there.
_COMPLEMENTISERS = frozenset(normalize(w) for w in "إن أن بأن".split())
#: How many words a speaker between a verb of saying and its complementiser may have.
SPEAKER_WORDS = 4


def _after_a_speaker(s: _Sent, k: int) -> bool:
    """The complementiser at ``k`` follows a speaker of a verb of saying ("وقال السكان إن"),
    not the verb itself ("حيث يعتقد أن هناك عشرات آلاف المدنيين": the cue before it counts)."""
    if k < 2 or verb_info(s.norms[k - 1]) is not None:
        return False
    return any(verb_info(s.norms[j]) is not None for j in range(max(0, k - 1 - SPEAKER_WORDS), k - 1))


def _nearest_cue(s: _Sent, f: _Figure, *, percent: bool) -> str | None:
    """The category of the nearest cue in the figure's clause (``percent``: territory cues)."""
    cues = _lists().cues
    aboard = not percent and not _in_a_crash(s)

    def ok(e: _Entry) -> bool:
        return e.mode == "percent" if percent else e.mode == "" or (aboard and e.mode == "aboard")

    best: tuple[int, int, str] | None = None  # (distance, side, category): before wins ties
    # before
    dist = 0
    k = f.a - 1
    while k >= 0 and dist < CUE_WINDOW:
        if s.boundary[k] or (s.norms[k] in _COMPLEMENTISERS and _after_a_speaker(s, k)):
            break  # "وقال [السكان] إن 12 شخصا أصيبوا": the speaker is not what is counted
        if s.is_word(k):
            dist += 1
            hit = cues.at(s.norms, k, _variants, ok)
            if hit is not None and k + hit[1] <= f.a:
                best = (dist, 0, hit[0].tag)
                break
        k -= 1
    # after
    dist = 0
    k = f.b
    while k < len(s.norms) and dist < CUE_WINDOW:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            hit = cues.at(s.norms, k, _variants, ok)
            if hit is not None:
                if best is None or dist < best[0]:
                    best = (dist, 1, hit[0].tag)
                break
        k += 1
    return best[2] if best else None


#: How many words after a figure of the injured a cue of shock may stand ("120 شخصا
#: اصيبوا بالهلع"، "15 آخرين بحالات هلع").
SHOCK_WINDOW = 5


def _shocked(s: _Sent, f: _Figure) -> bool:
    """The people counted were treated for panic, shock or a light suffocation, not wounded:
    a cue of shock after the figure in its clause, with at most one other cue before it (the
    verb: "120 شخصا اصيبوا بالهلع") and no other figure ("أصيب 30 بجروح و15 بحالات هلع": the
    30 are wounded; "اصيبوا بجروح وحالات هلع" says both of the same people)."""
    lists = _lists()
    dist = cues = 0
    k = f.b
    while k < len(s.norms) and dist < SHOCK_WINDOW:
        if s.boundary[k] or s.norms[k][:1].isdigit():
            return False
        if s.is_word(k):
            dist += 1
            if lists.shock.at(s.norms, k, _variants) is not None:
                return True
            if lists.cues.at(s.norms, k, _variants) is not None:
                cues += 1
                if cues > 1:
                    return False
        k += 1
    return False


def _in_a_crash(s: _Sent) -> bool:
    """The sentence tells of a crash or a sinking: those aboard are its passengers."""
    crash = _lists().crash
    opens = crash.opening(s.norms)
    return any(opens[k] and s.is_word(k) and crash.at(s.norms, k, _variants) is not None for k in range(len(s.norms)))


def _before_in_clause(s: _Sent, f: _Figure, matcher: _Matcher, *, limit: int = CUE_WINDOW) -> int:
    """The token of the nearest ``matcher`` entry before the figure in its clause, or -1."""
    dist = 0
    k = f.a - 1
    while k >= 0 and dist < limit:
        if s.boundary[k]:
            return -1
        if s.is_word(k):
            dist += 1
            if matcher.at(s.norms, k, _variants) is not None:
                return k
        k -= 1
    return -1


def _has_own_noun(s: _Sent, f: _Figure) -> bool:
    """A content word right after the figure is its own noun, known to the lists or not ("أكبر
    ثلاثة منتجين"); a function word, punctuation or the end leave it without one ("ذهب 8500
    إلى حي"، "لا يتجاوزون 15 ألفا.")."""
    k = s.next_word(f.b)
    if k < 0 or _lists().skip_after.at(s.norms, k, _variants) is not None:
        return False  # "بنحو 12 ألفا يوم الاثنين": a day, not what is counted
    return not is_stopword(s.norms[k]) and not any(is_stopword(v) for v in _variants(s.norms[k])[1:])


#: A count in a quoted name of at most this many words is part of the name ("سي 130 هيركوليز").
QUOTED_NAME_WORDS = 4


def _in_short_quote(s: _Sent, f: _Figure) -> bool:
    """The figure stands between quotation marks at most ``QUOTED_NAME_WORDS`` words apart:
    a name or a model ("من طراز "سي 130 هيركوليز""، ""بومباردييه 30"")."""
    opened = next((k for k in range(f.a - 1, max(-1, f.a - QUOTED_NAME_WORDS - 1), -1) if s.is_quote(k)), -1)
    if opened < 0:
        return False
    closed = next((k for k in range(f.b, min(len(s.norms), f.b + QUOTED_NAME_WORDS)) if s.is_quote(k)), -1)
    return closed >= 0 and sum(1 for k in range(opened + 1, closed) if s.is_word(k)) <= QUOTED_NAME_WORDS


def _counted_thing(s: _Sent, f: _Figure) -> str | None:
    """What a figure with a counted noun of its own that no list knows counts ("53 متهما"،
    "5 شركات"، "39 ألف مكان"): the noun without its proclitics and its accusative alif
    ("متهم"، "شركات"، "مكان"), or None when the figure is no such count.  The noun is in the
    counted form -- after 3 to 10 (a plural), after a multiplier any noun, after 11 or more
    a singular written with the accusative's alif or the feminine's ta ("2376 مقعدا"، "155
    بلدية"); never a noun with the article ("300 ألف المرتبط": a description follows), a
    figure written with a leading zero, nor a count inside a short quoted name.  The noun is
    the figure's group, so that counts of different things never meet as one quantity
    (fresh19, France 24 563: 16 defendants and five organisations were one "other" quantity
    of two sources, 57 pairs shown as conflicting)."""
    n = f.mention
    if n.value is None and VAGUE_THINGS:
        return _vague_thing(s, f)
    if n.value is None or n.value < 3 or n.unit == "percent" or f.noun < 0 or not _has_own_noun(s, f):
        return None
    noun = s.norms[f.noun]
    if not noun.isalpha() or noun[:1] < "\u0621" or len(noun) < 3 or noun.startswith(_ARTICLE):
        return None
    if _in_short_quote(s, f):
        return None
    written = normalize(n.text)
    if written[:1] == "0":
        return None  # "07 : 07 مساء"، "1439 / 04": a clock or a date's part, never a count
    if not (any(m in written for m in SCALE_WORDS) or 3 <= n.value <= 10 or noun.endswith(("ا", "ه"))):
        return None
    # the noun as written: a counted noun right after its number takes no proclitic (the
    # article is refused above), so its first letter is the word's own -- stripping one cut
    # "12 لاعبا" to "اعب" and "155 بلدية" to "لديه" (session 24 review)
    return noun[:-1] if noun.endswith("ا") and len(noun) > 3 else noun


#: A vague count of a thing no list knows is a count of that thing, as a count in digits is.
VAGUE_THINGS = True


def _vague_thing(s: _Sent, f: _Figure) -> str | None:
    """What a vague count counts ("عشرات المطاعم"، "مئات من المواد"، "آلاف الإريتريين"): its
    counted noun without the article and proclitics, or None when it has none of its own.  A
    vague count takes its noun in the construct, so the noun's article is no description here
    (unlike "300 ألف المرتبط"); the noun may follow "من" (``_counted_noun``); a time after it
    is a duration, not a count (``[skip_after]``)."""
    if f.mention.low is None or any(c.isdigit() for c in f.mention.text):
        return None  # "من 1 إلى4"، "95 - 97": a range of digits, a scale or page numbers
    if f.noun < 0 or _in_short_quote(s, f) or _lists().skip_after.at(s.norms, f.noun, _variants) is not None:
        return None
    noun = s.norms[f.noun]
    if len(noun) < 3 or not noun.isalpha() or noun[0] not in ARABIC_LETTERS or is_stopword(noun):
        return None
    stem = bare_word(noun)
    return stem if len(stem) >= 3 else None


def _subset(s: _Sent, f: _Figure) -> str | None:
    """"breakdown" when the figure follows "بينهم" (also "من بينهم"): a subgroup of the total
    before it; "part" after "منهم"، "معظمهم": a share of it; None otherwise."""
    p = s.prev_word(f.a)
    if p < 0:
        return None
    if p > 0 and s.norms[p - 1] == normalize("كل"):
        return None  # "كل منهم نحو 11 مليون": each of them, not a share
    hit = _lists().subset.at(s.norms, p, _variants)
    return hit[0].mode or "part" if hit is not None else None


def _joined(s: _Sent, f: _Figure) -> bool:
    """The figure is joined to the one before by "و" ("و5 نساء"، "و 5 نساء")."""
    start = f.mention.start
    if s.text[max(0, start - 1) : start] == "و" or f.mention.text.startswith("و"):
        return True
    p = s.prev_word(f.a)
    return p >= 0 and s.norms[p] == "و" and p == f.a - 1


#: A subgroup is listed at most this many words after "بينهم".
SUBSET_LIST_WORDS = 6


def _listed_after_subset(s: _Sent, total: _Figure, f: _Figure) -> bool:
    """A [subset] word stands between the total and the figure, a few words before it."""
    subset = _lists().subset
    words = [k for k in range(total.b, f.a) if s.is_word(k)]
    return len(words) <= SUBSET_LIST_WORDS + 1 and any(subset.at(s.norms, k, _variants) is not None for k in words)


#: Groups that name no one in particular: a share of "people" given as "civilians" is a
#: share, not a subgroup.
_BROAD = frozenset({"people", "civilians"})


def _group_differs(a: str, b: str) -> bool:
    return a != b and not (a in _BROAD and b in _BROAD)


def _subject(s: _Sent, f: _Figure) -> str | None:
    subjects = _lists().subjects
    if f.noun >= 0:
        hit = subjects.at(s.norms, f.noun, _variants)
        if hit is not None:
            return hit[0].tag
        noun = s.norms[f.noun]
        if not noun.endswith("ه") and any(is_nationality(v) or is_nationality(v.removesuffix("ا")) for v in _variants(noun)):
            # "أكثر من 540 ألف كوري جنوبي"، "مقتل 60 فلسطينيا": people; a feminine form
            # describes a thing ("بومباردييه 30" كندية)
            return "people"
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
            if count in _variants(s.norms[k]) and s.is_word(k + 1):
                hit = lists.subjects.at(s.norms, k + 1, _variants)
                return hit[0].tag if hit else None
        k -= 1
    return None


def _last_cue(s: _Sent) -> str | None:
    """The category of the last plain cue of a sentence (for anaphora)."""
    cues = _lists().cues
    found = None
    for k in range(len(s.norms)):
        if s.is_word(k):
            hit = cues.at(s.norms, k, _variants, lambda e: e.mode == "")
            if hit is not None:
                found = hit[0].tag
    return found


def _dual_at(s: _Sent, k: int) -> bool:
    """token ``k`` is the dual of a counted noun ("وطفلان"، "مركزين"), not with the article
    ("القمتان": two already named, not a count)."""
    duals = _lists().duals
    norm = s.norms[k]
    for v in _variants(norm):
        if v in duals:
            return _ARTICLE not in norm[: len(norm) - len(v)]
    return False


@lru_cache(maxsize=65536)
def dual_shape(norm: str) -> str | None:
    """The singular a normalized word no [dual] list holds may be the dual of by its letters
    alone, or None: a word with the article ("القمتان"، "للطرفين": two already named, not a
    count; on the spent pool the article's forms added 40 figures not claims and no claim);
    a first name ("سلمان": not two of "سلم"); a singular that is a function word ("وعندان")
    or a verb's shape ("يقولان"، "تعرضان")."""
    if not norm.isalpha():
        return None
    w = bare_word(norm)
    prefix = norm[: len(norm) - len(w)]
    if _ARTICLE in prefix or prefix.endswith("لل"):
        return None
    one = dual_singular(w)
    if one is None or is_stopword(one) or is_given_name(w):
        return None
    if one.startswith("ي") or (one.startswith("ت") and len(one) == 4):
        return None  # the noun "تقرير" is longer than the verb "تعرض"
    return one


@lru_cache(maxsize=65536)
def dual_reading(norm: str) -> tuple[str, bool] | None:
    """A :func:`dual_shape` that the lists do not read otherwise: (the singular, whether the
    category and subject lists know it), or None for a time or a measure ("يومين"، "مرتين":
    the [skip_after] words) and a word the lists read as it is ("مسلحين"، "آخرين": plurals)."""
    one = dual_shape(norm)
    if one is None:
        return None
    lists = _lists()
    if lists.skip_after.at((one,), 0, _variants) is not None or lists.skip_after.at((norm,), 0, _variants) is not None:
        return None
    if lists.subjects.at((norm,), 0, _variants) is not None or lists.cues.at((norm,), 0, _variants) is not None:
        return None
    listed = lists.subjects.at((one,), 0, _variants) is not None or lists.cues.at((one,), 0, _variants) is not None
    return one, listed


def known_dual(norm: str, known: Container[str]) -> str | None:
    """The singular a word no [dual] list holds is the dual of in an article whose bare words
    are ``known`` ("نفقين": "نفق"): a :func:`dual_reading` whose singular the article writes
    or the lists know.  -ين is also the sound plural's ending ("متهمين"): it is not read
    when the article writes the plural's -ون form, nor on a participle's shape (a singular
    of four letters or more opening with م: "مسؤول"، "محاصر") unless the article writes its
    -ان dual too (on the spent pool these took 30 of 42 figures not claims)."""
    reading = dual_reading(norm)
    if reading is None:
        return None
    one, listed = reading
    if not listed and one not in known:
        return None
    w = bare_word(norm)
    if w.endswith("ين") and not w.endswith("تين"):
        stem = w[:-2]
        if stem + "ون" in known or (one.startswith("م") and len(one) >= 4 and stem + "ان" not in known):
            return None
    return one


def _general_dual(s: _Sent, k: int, known: Container[str]) -> str | None:
    """The singular token ``k`` is the dual of when no [dual] list holds it ("نفقين"، "هجومين"،
    "انفجارين"): a :func:`known_dual`, not an adjective agreeing with the dual before it
    ("عمليتان انتحاريتان متتاليتان")."""
    one = known_dual(s.norms[k], known)
    if one is None:
        return None
    p = s.prev_word(k)
    if p >= 0 and s.norms[p].isalpha() and dual_singular(bare_word(s.norms[p])) is not None:
        return None
    return one


def _next_is_taken(s: _Sent, k: int, taken: Sequence[tuple[int, int]], *, before: bool = False) -> bool:
    """The word after token ``k`` (before it, with ``before``) is a number or a date."""
    j = s.prev_word(k) if before else s.next_word(k + 1)
    if j < 0:
        return False
    t0, t1 = s.starts[j], s.ends[j]
    return any(a < t1 and t0 < b for a, b in taken)


@cython.locals(w=str)
def _duals(s: _Sent, taken: Sequence[tuple[int, int]], known: Container[str] = frozenset()) -> list[_Figure]:
    """A figure of 2 for every dual that counts: "قتل خمسة مدنيين، بينهم امرأة وطفلان"; with
    the article's bare words ``known``, also a dual no list holds ("استهدف نفقين").  ``w``
    typed: compiled, its ``endswith`` is a C call (as in the extractor's ``_dual_words``)."""
    out = []
    dual_words = _lists().dual_words
    listed = not dual_words.isdisjoint(s.norms)
    if not listed and not known:
        return out  # (no article's words given: the [dual] lists only)
    for k, w in enumerate(s.norms):
        if (w not in dual_words and not (known and w.endswith(DUAL_ENDINGS))) or not s.is_word(k):
            continue
        t0, t1 = s.starts[k], s.ends[k]
        if any(a < t1 and t0 < b for a, b in taken):
            continue
        one = None
        if w not in dual_words or not _dual_at(s, k):
            if not known or (one := _general_dual(s, k, known)) is None:
                continue
            if _next_is_taken(s, k, taken) or _next_is_taken(s, k, taken, before=True):
                continue  # "فلسطينيان اثنان": the number says it; "3 متهمين": its noun
        n = NumberMention(t0, t1, s.text[t0:t1], 2.0, 2.0, 2.0)
        out.append(_Figure(n, k, k + 1, k, dual_of=one))
    return out


def _figures(s: _Sent, mentions: Sequence[NumberMention], dates: Sequence[DateMention], known: Container[str] = frozenset()) -> list[_Figure]:
    out = []
    for n in mentions:
        a, b = s.span_tokens(n.start, n.end)
        if _skipped(s, n, a, b, dates):
            continue
        out.append(_Figure(n, a, b, _counted_noun(s, b)))
    taken = [(m.start, m.end) for m in mentions] + [(d.start, d.end) for d in dates]
    out.extend(_duals(s, taken, known))
    return sorted(out, key=lambda f: f.mention.start)


_COUNT = normalize("عدد")
#: "عدد X" leads to its figure across a relative clause of this many words at most (the
#: strike's toll "التي نفذتها طائرات التحالف على مدرسة ... بريف الرقة الغربي" has 18).
COUNT_SUBJECT_WINDOW = 24
_RELATIVE = frozenset(normalize(w) for w in "التي الذي الذين".split())


def _count_named_before(s: _Sent, f: _Figure) -> str | None:
    """"ارتفع عدد قتلى الغارة على مدرسة تأوي نازحين إلى 33": a figure without a noun of its
    own that a "عدد X" of its clause leads to counts X, whatever cue stands nearer (the
    school's displaced are where the dead were)."""
    if _has_own_noun(s, f):
        return None
    dist, k = 0, f.a - 1
    while k >= 0 and dist < COUNT_SUBJECT_WINDOW and (not s.boundary[k] or s.norms[k] in _RELATIVE):
        if s.is_word(k):
            dist += 1
            if _COUNT in _variants(s.norms[k]):
                nxt = s.next_word(k + 1)
                if 0 <= nxt < f.a:
                    hit = _lists().cues.at(s.norms, nxt, _variants, lambda e: e.mode != "percent")
                    return hit[0].tag if hit is not None else None
                return None
        k -= 1
    return None


def _people_verb_after(s: _Sent, f: _Figure) -> bool:
    """The word right after a bare figure is a verb in the masculine plural of the past
    ("800 [عادوا]"، "300 [وصلوا]"): the figure counts the people who did it."""
    k = s.next_word(f.b)
    if k != f.b:
        return False  # right after it, no mark between
    w = s.norms[k]
    return len(w) >= 4 and w.endswith("وا") and not w.startswith(("ال", "و", "ف"))  # "وكانوا": a new clause


def _categorize(s: _Sent, figures: list[_Figure], recent: Callable[[], str | None]) -> None:
    """Give each figure of a sentence its category and subject, left to right."""
    lists = _lists()
    done: list[_Figure] = []
    for f in figures:
        f.subject = _subject(s, f)
        previous = next((g for g in reversed(done) if g.category), None)
        if f.mention.unit == "percent":
            # A share of an area held is territory; any other percentage is a rate.
            f.category, f.via = _nearest_cue(s, f, percent=True) or "rate", "percent"
            f.subject = "percent"
        elif previous is not None and (share := _subset(s, f)) is not None:
            f.category, f.via = previous.category, "subset"
            total = previous.total if previous.share == "part" and share == "part" and previous.total else previous
            if share == "part" and f.subject and total.subject and _group_differs(f.subject, total.subject):
                share = "breakdown"  # "منهم 11 طفلا": who, not how many of the total went where
            f.total, f.share = total, share
            f.subject = f.subject or previous.subject
        elif previous is not None and previous.share == "breakdown" and previous.total is not None and _joined(s, f):
            # "بينهم 11 طفلا و5 نساء": the next subgroup of the same total
            f.category, f.via = previous.category, "subset"
            f.total, f.share = previous.total, "breakdown"
        elif previous is not None and previous.share is None and _joined(s, f) and _listed_after_subset(s, previous, f):
            # "خمسة مدنيين، بينهم امرأة وطفلان": a subgroup listed after "بينهم"
            f.category, f.via = previous.category, "subset"
            f.total, f.share = previous, "breakdown"
        else:
            f.category = _noun_category(s, f)
            f.via = "noun"
            if f.category == "places" and _delegates_before(s, f):
                # "وفود 12 دولة"، "بمشاركة قادة وممثلي 12 دولة": the countries taking part (the
                # gold's participants), not places counted (session 33: the summit example)
                f.category = "participants"
            if f.category is None:
                f.category, f.via = _count_named_before(s, f), "count_of"
            if f.category is None:
                f.category, f.via = _nearest_cue(s, f, percent=False), "cue"
            if f.category is None and _before_in_clause(s, f, lists.anaphora) >= 0:
                f.category, f.via = (previous.category if previous else recent()), "anaphora"
            if f.category is None and f.subject is None and previous is not None and not _has_own_noun(s, f):
                f.category, f.via = previous.category, "ellipsis"
                f.subject = previous.subject
                if previous.share == "part" and previous.total is not None:
                    # "غادر منهم 18 ألفا ...، بينما ذهب 8500 إلى ...": another share of that total
                    f.total, f.share = previous.total, "part"
            if f.category is None and f.subject is None and _people_verb_after(s, f):
                # "إن 800 عادوا إلى تونس": no noun, a plural verb after the figure says it
                # counts people (fresh6; what they did is no category of its own)
                f.category, f.via, f.subject = "other", "verb", "people"
        if f.subject is None:
            f.subject = _subject_before(s, f)
        if (f.category == "injured" or f.subject == "patients") and f.share != "breakdown" and _shocked(s, f):
            # "40 حالة هلع" counts cases of panic, not patients of another kind
            f.category, f.subject = "injured", "shock"
        done.append(f)
