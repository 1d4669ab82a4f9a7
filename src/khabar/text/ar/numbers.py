"""Numbers in Arabic news text, in digits or words, with the hedges written around them.

:func:`find_numbers` returns every number mention of a text, left to right, never
overlapping, each the longest reading; :func:`parse_number` reads one phrase.  Matching
works on :func:`khabar.text.ar.normalize` forms; offsets always point into the text as
written (diacritics, Arabic-Indic digits and all), and ``mention.text == s[start:end]``.

What is read
------------
* digits in any script; ``1,200`` and ``1.200.000`` are thousands (comma, or dot before
  exactly three digits: European style); ``3.5``, ``٣٫٥`` and ``4,9`` (one or two digits
  after a comma) are decimals, and so is ``1.250`` before a scale word (``1.250 مليار`` is
  1.25 billion, the way Arabic finance news writes it);
* number words: units, 11-19, tens, hundreds (``ثلاثمئة``, ``ثلاث مئة``), scales
  (``ألف``، ``ألفين``، ``آلاف``، ``مليون``، ``مليار`` ...) and their compounds, with ``و``
  inside (``ألف وخمسمئة`` = 1500, ``خمسة وعشرون ألفا`` = 25000), digits before a scale
  (``130 ألف``، ``2.5 مليون``), ``نصف مليون``, ``مليون ونصف``;
* vague counts (value ``None``): a word meaning "some units of U", ``low..high`` multiples.
  ``عشرات`` 20..99, ``مئات`` 200..999, ``آلاف`` alone 2000..9999, ``بضعة`` 3..9,
  ``بضعة آلاف`` 3000..9999, ``عشرات الآلاف`` 20000..99999, ``مئات الآلاف``
  200000..999999: ``low = lo * U``, ``high = (hi + 1) * U - 1`` (the range up to the next
  order of magnitude, so that "tens of thousands" covers 99,999);
* percentages: a number followed by ``%``/``٪``, ``بالمئة``, ``في المئة`` ... get
  ``unit="percent"``;
* times ``03:00`` and dates ``14/12/2016``, ``2016-12-14`` are one mention each with
  ``unit="time"`` / ``unit="date"`` and no value, so their digits are never read as counts;
  a bare year (``في 2011``) or day (``15 تشرين الثاني``) is a plain number: telling dates
  from counts needs context, and is the claim extractor's job.

What is not a number: ordinals (``الثالث``، ``الحادي عشر``), ``أحد`` alone (someone,
Sunday), tens with the article (``القرن العشرين``), ``مئة`` inside ``بالمئة``, letters
inside longer words (only whole words, after the proclitics و ف ب ل ك, count), digits glued
to Latin letters (``F16``).

Conventions for value / low / high / approximate
------------------------------------------------
==========================================  =====  =====  =====  ===========
written                                     value  low    high   approximate
==========================================  =====  =====  =====  ===========
``100``                                     100    100    100    False
``نحو 100`` / ``حوالي`` / ``100 تقريبا``       100    100    100    True
``أكثر من 100`` / ``ما يزيد على 100``          100    100    None   True
``يتجاوز 100`` / ``تجاوز`` / ``يفوق``         100    100    None   True
``100 على الأقل`` / ``لا يقل عن 100``          100    100    None   False
``أقل من 100`` / ``دون 100``                  100    None   100    True
``لا يتجاوز 100`` / ``لم يزد على 100``         100    None   100    True
``قد يصل إلى 100`` / ``حتى 100``              100    None   100    True
``بين 10 و20`` / ``من 10 إلى 20`` / ``10-20``   None   10     20     True
``عشرات`` (vague)                           None   20     99     True
==========================================  =====  =====  =====  ===========

A hedge applied to a vague count keeps its bounds (``أكثر من عشرات`` = low 20, open high).
A range needs its upper end above its lower end (``من 60 إلى 50`` is a fall, ``1-1`` a
score: two numbers); ``حتى`` joins a range only after ``من``; two numbers joined by ``و``
without ``بين`` stay apart (``415 مدنيا و364``); the lower end shares the upper end's scale
(``بين 10 و20 ألفا`` = 10000..20000).
``qualifier`` is the hedge as written (for a range, its opener ``بين``/``من`` if any).

The span covers the hedge written before the number, the number, its percent marker and a
hedge written right after it (``100 تقريبا``); when a hedge follows the counted noun
(``50 مدنيا على الأقل``) it is recorded in ``qualifier`` but the span stays on the number,
so the noun is not swallowed into the figure.

Speed
-----
The text is normalized once by :func:`~khabar.text.ar.normalize.normalize_with_offsets`,
whose offset map costs nothing for characters that normalize one-to-one; only windows
around digits and number words, inside pieces cut at line breaks, sentence ends and ", ",
are tokenized (``benchmarks/bench_text.py`` measures it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from khabar.model import NumberMention
from khabar.text.ar.lexicon import read_json
from khabar.text.ar.normalize import normalize, normalize_with_offsets

__all__ = ["find_numbers", "parse_number"]

# --- the data -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Word:
    """What a number word contributes.  ``kind`` is one of unit, teen_unit, tens, hundred,
    scale, vague, fraction."""

    kind: str
    value: float = 0.0
    count: int = 1  # scales: 1 singular, 2 dual, 0 plural
    low: int = 0  # vague: multiples of ``value``
    high: int = 0
    requires_scale: bool = False
    teen_ten: bool = False  # عشر/عشرة: may close 11-19
    hundred_multiplier: bool = False  # مئة: may multiply a unit written apart


@dataclass(frozen=True, slots=True)
class _Surface:
    """A written word form: its number meaning, and the proclitic letters before it."""

    word: _Word
    prefix: int  # length of the proclitic letters (not part of the mention)
    conj: bool  # the proclitics start with و: joins a compound or a range


@dataclass(frozen=True, slots=True)
class _Data:
    surfaces: dict[str, _Surface]
    ordinals: frozenset[str]
    percent: tuple[tuple[str, ...], ...]
    before: tuple[tuple[tuple[str, ...], str], ...]  # (words, kind), longest first
    blocked_before: dict[str, frozenset[str]]
    no_proclitic: frozenset[tuple[str, ...]]
    after: tuple[tuple[tuple[str, ...], str], ...]
    after_window: int
    proclitics: tuple[str, ...]  # longest first
    conjunction: str
    half: str
    range_between: tuple[tuple[str, ...], ...]
    range_to: frozenset[str]
    range_from: frozenset[str]
    range_to_needs_from: frozenset[str]
    scale_words: tuple[str, ...]  # normalized scale forms: "1.250 مليار" is a decimal


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(phrase).split())


def _load() -> _Data:
    raw: dict[str, Any] = read_json("number_words")
    base: dict[str, _Word] = {}
    teen_tens = {normalize(w) for w in raw["teen_tens"]}
    multipliers = {normalize(w) for w in raw["hundred_multipliers"]}
    for w, v in raw["units"].items():
        n = normalize(w)
        base[n] = _Word("unit", float(v), teen_ten=n in teen_tens)
    for w, v in raw["teen_units"].items():
        base[normalize(w)] = _Word("teen_unit", float(v))
    for w, v in raw["tens"].items():
        base[normalize(w)] = _Word("tens", float(v))
    for w, v in raw["hundreds"].items():
        n = normalize(w)
        base[n] = _Word("hundred", float(v), hundred_multiplier=n in multipliers)
    scale_words: list[str] = []
    for v, forms in raw["scales"].items():
        for number, count in (("singular", 1), ("dual", 2), ("plural", 0)):
            for w in forms[number]:
                n = normalize(w)
                base[n] = _Word("scale", float(v), count=count)
                scale_words.append(n)
    for w, spec in raw["vague"].items():
        base[normalize(w)] = _Word(
            "vague", float(spec["unit"]), low=spec["low"], high=spec["high"],
            requires_scale=bool(spec.get("requires_scale", False)),
        )
    for w, v in raw["fractions"].items():
        base[normalize(w)] = _Word("fraction", float(v))
    with_article = {normalize(w) for w in raw["with_article"]}
    proclitics = tuple(sorted((normalize(p) for p in raw["proclitics"]), key=len, reverse=True))
    conjunction = normalize(raw["conjunction"])
    not_numbers = {normalize(w) for w in raw["not_numbers"]}

    # Every written form a number word can take, so a lookup is one dict access.
    surfaces: dict[str, _Surface] = {}
    for form, word in base.items():
        stems = [(form, 0)]
        if form in with_article:
            stems.append(("ال" + form, 0))
        for stem, _ in stems:
            surfaces.setdefault(stem, _Surface(word, 0, False))
            for p in proclitics:
                if stem.startswith("ال") and p.endswith("ل"):
                    # ل + ال is written لل: keep the whole word, the article cannot be cut out.
                    surfaces.setdefault(p[:-1] + "ل" + stem[1:], _Surface(word, len(p) - 1, p.startswith(conjunction)))
                surfaces.setdefault(p + stem, _Surface(word, len(p), p.startswith(conjunction)))
    for w in not_numbers:
        surfaces.pop(w, None)

    ordinals = set()
    for w in raw["ordinals"]:
        n = normalize(w)
        ordinals.update({n, "ال" + n})

    def ranked(spec: dict[str, list[str]]) -> tuple[tuple[tuple[str, ...], str], ...]:
        items = [(_words(p), kind) for kind, phrases in spec.items() for p in phrases]
        return tuple(sorted(items, key=lambda x: len(x[0]), reverse=True))

    return _Data(
        surfaces=surfaces,
        ordinals=frozenset(ordinals),
        percent=tuple(sorted((_words(p) for p in raw["percent"]), key=len, reverse=True)),
        before=ranked(raw["qualifiers_before"]),
        no_proclitic=frozenset(_words(p) for p in raw["no_proclitic"]),
        blocked_before={normalize(k): frozenset(_words(" ".join(v))) for k, v in raw["blocked_before"].items()},
        after=ranked(raw["qualifiers_after"]),
        after_window=int(raw["after_window"]),
        proclitics=proclitics,
        conjunction=conjunction,
        half=normalize(raw["half"]),
        range_between=tuple(sorted((_words(p) for p in raw["range_between"]), key=len, reverse=True)),
        range_to=frozenset(normalize(w) for w in raw["range_to"]),
        range_from=frozenset(normalize(w) for w in raw["range_from"]),
        range_to_needs_from=frozenset(normalize(w) for w in raw["range_to_needs_from"]),
        scale_words=tuple(sorted(set(scale_words), key=len, reverse=True)),
    )


_DATA = _load()

# --- tokens -------------------------------------------------------------------------------

_AR = "\u0621-\u063a\u0641-\u064a"  # Arabic letters after normalization
_CLITIC = "".join(sorted({c for p in _DATA.proclitics for c in p}))
# A scale word after "1.250" makes it a decimal: "1.250 مليار".
_SCALE_AHEAD = "|".join(map(re.escape, _DATA.scale_words))

_TOKEN = re.compile(
    rf"(?P<time>(?<![0-9:])[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9:]))"
    rf"|(?P<date>(?<![0-9/.\-])(?:[0-9]{{1,2}}(?P<s1>[/.\-])[0-9]{{1,2}}(?P=s1)[0-9]{{4}}"
    rf"|[0-9]{{4}}(?P<s2>[/.\-])[0-9]{{1,2}}(?P=s2)[0-9]{{1,2}})(?![0-9]))"
    rf"|(?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?![0-9])"
    rf"|[0-9]{{1,3}}(?:\.[0-9]{{3}}){{2,}}(?![0-9])"
    rf"|[0-9]+,[0-9]{{1,2}}(?![0-9])"
    rf"|[0-9]+\.[0-9]+"
    rf"|[0-9]+)"
    rf"|(?P<word>[{_AR}]+)"
    rf"|(?P<latin>[a-z\u00c0-\u024f]+)"
    rf"|(?P<sym>\S)"
)
_THREE_AFTER_DOT = re.compile(r"[0-9]+\.[0-9]{3}")
_SCALE_NEXT = re.compile(rf"\s*[{_CLITIC}]?(?:{_SCALE_AHEAD})(?![{_AR}])")


@dataclass(slots=True)
class _Tok:
    kind: str  # num, word, time, date, latin, sym
    start: int
    end: int
    text: str
    value: float = 0.0  # num
    surface: _Surface | None = None  # word that is a number word
    gap: bool = True  # whitespace (or the text start) before it


def _digits_value(s: str, rest: str) -> float:
    """Value of a digit token; ``rest`` is the text after it (for the scale-word rule)."""
    if "," in s:
        head, _, tail = s.partition(",")
        if len(tail) < 3:  # decimal comma: "4,9 كلغ", "2,5 مليون"
            return float(f"{head}.{tail}")
        return float(s.replace(",", ""))
    if s.count(".") > 1:
        return float(s.replace(".", ""))
    if "." in s:
        head, _, tail = s.partition(".")
        if _THREE_AFTER_DOT.fullmatch(s) and head != "0" and not _SCALE_NEXT.match(rest):
            return float(head + tail)  # 1.200 = 1200, European thousands
    return float(s)


def _tokenize(norm: str, a: int, b: int) -> tuple[list[_Tok], list[int]]:
    """Tokens of ``norm[a:b]``, and the indices of those that may start a number."""
    toks: list[_Tok] = []
    starts: list[int] = []
    prev_end = -1
    surfaces = _DATA.surfaces
    for m in _TOKEN.finditer(norm, a, b):
        kind = m.lastgroup or "sym"
        start, end = m.span()
        text = m.group()
        tok = _Tok(kind, start, end, text, gap=start != prev_end)
        if kind == "word":
            tok.surface = surfaces.get(text)
            if tok.surface is not None:
                starts.append(len(toks))
        elif kind == "num":
            tok.value = float(text) if text.isdigit() else _digits_value(text, norm[end:min(b, end + 24)])
            starts.append(len(toks))
        elif kind == "time" or kind == "date":
            starts.append(len(toks))
        toks.append(tok)
        prev_end = end
    return toks, starts


# --- reading one number -------------------------------------------------------------------


@dataclass(slots=True)
class _Read:
    end: int  # index of the first token after the number
    value: float | None
    low: float | None
    high: float | None
    vague: bool = False
    scale: float = 0.0  # the last scale word, for ranges that share it ("بين 10 و20 ألفا")


def _is_number_start(toks: list[_Tok], i: int) -> bool:
    t = toks[i]
    if t.kind == "num":
        return True
    return t.kind == "word" and t.surface is not None


def _conj_at(toks: list[_Tok], j: int) -> tuple[int, bool]:
    """Index of the next component and whether a و joins it (glued or standing alone)."""
    if j < len(toks) and toks[j].kind == "word" and toks[j].text == _DATA.conjunction:
        return j + 1, True
    if j < len(toks) and toks[j].surface is not None and toks[j].surface.conj:
        return j, True
    return j, False


def _teen_after(toks: list[_Tok], j: int) -> bool:
    """``toks[j]`` is the عشر/عشرة that closes 11-19 (glued to nothing, no و before it)."""
    if j >= len(toks):
        return False
    s = toks[j].surface
    return s is not None and s.prefix == 0 and s.word.teen_ten


def _scale_follows(toks: list[_Tok], j: int, below: float) -> bool:
    s = toks[j].surface if j < len(toks) else None
    return s is not None and not s.prefix and s.word.kind == "scale" and s.word.count != 2 and s.word.value < below


def _read_vague(toks: list[_Tok], i: int, w: _Word) -> _Read | None:
    unit = w.value
    j = i + 1
    scaled = False
    while j < len(toks):
        s = toks[j].surface
        if s is None or s.prefix:
            break
        nxt = s.word
        if nxt.kind == "scale" and nxt.count != 2 and nxt.value > unit:
            unit *= nxt.value  # عشرات الآلاف, بضعة آلاف
        elif nxt.kind == "vague" and nxt.low == 2 and nxt.value > unit:
            unit *= nxt.value  # بضع مئات
        else:
            break
        scaled = True
        j += 1
    if w.requires_scale and not scaled:
        return None
    return _Read(j, None, float(w.low * unit), float((w.high + 1) * unit - 1), vague=True, scale=unit)


def _read(toks: list[_Tok], i: int) -> _Read | None:
    """The longest number starting at ``toks[i]``, or None."""
    t = toks[i]
    n = len(toks)
    total = 0.0  # complete groups times their scale
    cur = 0.0  # the group being built (below the next scale word)
    last = ""  # kind of the last component
    last_scale = 0.0
    min_scale = float("inf")  # the smallest scale used so far: later ones must be smaller
    group_tens = False
    j = i + 1
    if t.kind == "num":
        cur, last = t.value, "digits"
    else:
        w = t.surface.word  # type: ignore[union-attr]
        if w.kind == "teen_unit":
            if not _teen_after(toks, i + 1):
                return None
            cur, last, j = w.value + 10, "teen", i + 2
        elif w.kind == "unit":
            cur, last = w.value, "unit"
            if w.value < 10 and _teen_after(toks, i + 1):
                cur, last, j = w.value + 10, "teen", i + 2
        elif w.kind == "tens":
            cur, last, group_tens = w.value, "tens", True
        elif w.kind == "hundred":
            cur, last = w.value, "hundred"
        elif w.kind == "scale":
            if w.count == 0:  # آلاف alone: thousands
                return _read_vague(toks, i, _Word("vague", w.value, low=2, high=9))
            total, last, last_scale = w.count * w.value, "scale", w.value
            min_scale = w.value
        elif w.kind == "vague":
            return _read_vague(toks, i, w)
        elif w.kind == "fraction":
            if i + 1 >= n:
                return None
            s = toks[i + 1].surface
            if s is None or s.prefix or s.word.kind != "scale" or s.word.count != 1:
                return None
            total, last, last_scale, j = w.value * s.word.value, "scale", s.word.value, i + 2
            return _Read(j, total, total, total, scale=last_scale)
        else:
            return None

    while j < n:
        k, conj = _conj_at(toks, j)
        if k >= n:
            break
        c = toks[k]
        if c.kind == "num":
            cw: _Word | None = _Word("digits", c.value)
        elif c.kind == "word" and c.surface is not None:
            cw = c.surface.word
            # a glued proclitic other than و (بألف) starts a new phrase
            if c.surface.prefix and not c.surface.conj:
                break
            if conj and c.surface.conj and k == j + 1:
                break  # "و وعشرين": two conjunctions
        else:
            break
        if cw.kind == "fraction":
            # مليون ونصف; but "ألف ونصف مليون" is two numbers (the half belongs to the next scale)
            nxt = toks[k + 1].surface if k + 1 < n else None
            half_scale = nxt is not None and not nxt.prefix and nxt.word.kind == "scale"
            if conj and c.text.endswith(_DATA.half) and last == "scale" and cur == 0 and not half_scale:
                total += 0.5 * last_scale  # مليون ونصف
                j = k + 1
            break
        if cw.kind == "scale" and not conj:
            if cw.count != 1 and cw.count != 0 or cur == 0 or cw.value >= min_scale:
                break
            total += cur * cw.value
            cur, last, last_scale, min_scale, group_tens = 0.0, "scale", cw.value, cw.value, False
            j = k + 1
            continue
        if cw.kind == "hundred" and cw.hundred_multiplier and not conj and last == "unit" and 1 <= cur <= 9:
            cur *= 100  # ثلاث مئة
            last = "hundred"
            j = k + 1
            continue
        if not conj:
            break
        v = cw.value
        step = 1
        if cw.kind == "teen_unit" or (cw.kind == "unit" and v < 10 and _teen_after(toks, k + 1)):
            if not _teen_after(toks, k + 1):
                break
            v, kind, step = v + 10, "teen", 2
        elif cw.kind in ("unit", "tens", "hundred", "digits"):
            kind = cw.kind
        else:
            break
        if last == "scale" and cur == 0 and v < last_scale:
            if kind == "digits" and t.kind == "num" and not _scale_follows(toks, k + 1, last_scale):
                break  # "2.5 مليون و1,200": a list, unless a smaller scale follows (مليون و200 ألف)
            cur = v
        elif last == "hundred" and v < 100 and kind != "hundred":
            cur += v
        elif last == "unit" and kind == "tens" and not group_tens and cur % 100 < 10:
            cur += v
        else:
            break
        if kind == "tens":
            group_tens = True
        last = "unit" if kind == "digits" and v < 10 else kind
        j = k + step
    value = total + cur
    return _Read(j, value, value, value, scale=last_scale)


# --- hedges, ranges, percent --------------------------------------------------------------


def _seq_at(toks: list[_Tok], j: int, seq: tuple[str, ...]) -> int:
    """End index when the token texts from ``j`` spell ``seq``, else -1."""
    if j + len(seq) > len(toks):
        return -1
    for k, w in enumerate(seq):
        if toks[j + k].text != w:
            return -1
    return j + len(seq)


_PERCENT_FIRST = frozenset(seq[0] for seq in _DATA.percent)
_AFTER_FIRST = frozenset(seq[0] for seq, _ in _DATA.after)


def _percent_at(toks: list[_Tok], j: int) -> int:
    if j >= len(toks) or toks[j].text not in _PERCENT_FIRST:
        return -1
    for seq in _DATA.percent:
        end = _seq_at(toks, j, seq)
        if end > 0:
            return end
    return -1


def _strip_proclitic(word: str, target: str) -> int:
    """Length of proclitics before ``target`` in ``word`` (0 if equal, -1 if no match)."""
    if word == target:
        return 0
    for p in _DATA.proclitics:
        if word.startswith(p) and word[len(p):] == target:
            return len(p)
    return -1


def _index_before() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """Hedges by their last word as it may be written (a one-word hedge may carry proclitics),
    so the common case, a number after an ordinary word, costs one dict lookup."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for seq, kind in _DATA.before:  # longest first, kept in that order
        keys = {seq[-1]}
        if len(seq) == 1:
            keys.update(p + seq[0] for p in _DATA.proclitics)
        for key in keys:
            index.setdefault(key, []).append((seq, kind))
    return {k: tuple(v) for k, v in index.items()}


_BEFORE_BY_LAST = _index_before()


def _before_at(toks: list[_Tok], i: int, lo: int) -> tuple[int, int, str] | None:
    """A hedge ending right before ``toks[i]``: (first token, proclitic length, kind)."""
    if i <= lo:
        return None
    for seq, kind in _BEFORE_BY_LAST.get(toks[i - 1].text, ()):
        s = i - len(seq)
        if s < lo:
            continue
        if any(toks[s + k].text != seq[k] for k in range(1, len(seq))):
            continue
        cut = _strip_proclitic(toks[s].text, seq[0])
        if cut < 0:
            continue
        if cut and seq in _DATA.no_proclitic:
            continue  # بدون: without; ليصل إلى: to reach
        blocked = _DATA.blocked_before.get(seq[0]) if len(seq) == 1 else None
        if blocked is not None and s > lo and toks[s - 1].text in blocked:
            continue  # من دون: without
        return s, cut, kind
    return None


def _after_at(toks: list[_Tok], j: int) -> tuple[int, int, str] | None:
    """A hedge after the number, possibly after a few plain words: (start, end, kind)."""
    limit = min(len(toks), j + _DATA.after_window + 1)
    k = j
    while k < limit:
        t = toks[k]
        if t.text in _AFTER_FIRST:
            for seq, kind in _DATA.after:
                end = _seq_at(toks, k, seq)
                if end > 0:
                    if end < len(toks) and _is_number_start(toks, end):
                        return None  # "على الأقل 3": the hedge of the next number
                    return k, end, kind
        if t.kind != "word" or t.surface is not None or t.text.startswith(_DATA.conjunction):
            return None
        k += 1
    return None


def _hedge(r: _Read, kind: str) -> tuple[float | None, float | None, float | None, bool]:
    value, low, high = r.value, r.low, r.high
    if kind == "approximate":
        return value, low, high, True
    if kind == "more_than":
        return value, low, None, True
    if kind == "at_least":
        return value, low, None, r.vague
    if kind in ("less_than", "up_to", "at_most"):
        return value, None, high, True
    raise AssertionError(kind)


def _second_of_range(toks: list[_Tok], i: int, first: _Read, k: int) -> _Read | None:
    """The upper end of a range starting at ``toks[k]``; the lower end may share its scale."""
    if k >= len(toks) or not _is_number_start(toks, k):
        return None
    second = _read(toks, k)
    if second is None or first.value is None or second.value is None or first.vague or second.vague:
        return None
    if second.scale > first.scale and first.value * second.scale <= second.value:
        first.value = first.low = first.high = first.value * second.scale  # بين 10 و20 ألفا
    if second.value <= first.value:
        return None  # "60 إلى 50" is a fall, "1-1" a score: not ranges
    return second


# --- the scan -----------------------------------------------------------------------------


@dataclass(slots=True)
class _Found:
    start: int  # normalized offsets
    end: int
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    qualifier: tuple[int, int] | None  # normalized span of the hedge
    unit: str | None


def _scan(norm: str, a: int, b: int) -> list[_Found]:
    """Number mentions in ``norm[a:b]`` (one sentence piece), offsets into ``norm``."""
    toks, starts = _tokenize(norm, a, b)
    out: list[_Found] = []
    n = len(toks)
    floor = 0  # tokens before this belong to an earlier mention
    for i in starts:
        if i < floor:
            continue
        t = toks[i]
        if t.kind in ("time", "date"):
            out.append(_Found(t.start, t.end, None, None, None, False, None, t.kind))
            floor = i + 1
            continue
        if t.kind == "num" and (
            (not t.gap and i > 0 and toks[i - 1].kind == "latin")
            or (i + 1 < n and not toks[i + 1].gap and toks[i + 1].kind == "latin")
            or (i > 1 and not t.gap and toks[i - 1].text == "-" and not toks[i - 1].gap and toks[i - 2].kind == "latin")
        ):
            continue  # F16, F-16, 3D: part of a name
        if t.surface is not None and t.surface.word.teen_ten and i > 0 and toks[i - 1].text in _DATA.ordinals:
            continue  # الحادي عشر
        r = _read(toks, i)
        if r is None:
            continue
        start = t.start + (t.surface.prefix if t.surface is not None else 0)
        j = r.end
        unit = None
        qualifier: tuple[int, int] | None = None
        value, low, high, approx = r.value, r.low, r.high, r.vague
        end_tok = j - 1
        pct_before = t.kind == "num" and t.gap is False and i > floor and toks[i - 1].text == "%" and (
            i < 2 or toks[i - 2].kind != "num"
        )

        # a range: "بين X و Y", "من X إلى Y", "X إلى Y", "X-Y"
        second = None
        opener: tuple[int, int] | None = None
        mid_pct = _percent_at(toks, j)
        after_first = mid_pct if mid_pct > 0 else j
        for seq in _DATA.range_between:
            s = i - len(seq)
            if s >= floor and _seq_at(toks, s, seq) == i:
                k, conj = _conj_at(toks, after_first)
                if conj:
                    second = _second_of_range(toks, i, r, k)
                    if second is not None:
                        opener = (toks[s].start, toks[i - 1].end)
                break
        if second is None and after_first < n:
            c = toks[after_first]
            if c.kind == "word" and c.text in _DATA.range_to:
                has_from = i - 1 >= floor and toks[i - 1].text in _DATA.range_from
                if has_from or c.text not in _DATA.range_to_needs_from:
                    second = _second_of_range(toks, i, r, after_first + 1)
                if second is not None and has_from:
                    opener = (toks[i - 1].start, toks[i - 1].end)
            elif c.text == "-" and t.kind == "num" and r.end == i + 1 and after_first + 1 < n:
                if toks[after_first + 1].kind == "num":
                    second = _second_of_range(toks, i, r, after_first + 1)
        if second is not None:
            value, low, high, approx = None, r.low, second.high, True
            j = second.end
            if opener is not None:
                start, qualifier = opener[0], opener
            if mid_pct > 0:
                unit = "percent"
        pct = _percent_at(toks, j)
        if pct > 0:
            unit, j = "percent", pct
        elif pct_before:
            unit = "percent"
            start = toks[i - 1].start
        end_tok = j - 1

        if second is None:
            hedge = _before_at(toks, i, floor)
            if hedge is not None:
                s, cut, kind = hedge
                start = toks[s].start + cut
                qualifier = (start, toks[i - 1].end)
                value, low, high, approx = _hedge(r, kind)
            else:
                after = _after_at(toks, j)
                if after is not None:
                    a_start, a_end, kind = after
                    qualifier = (toks[a_start].start, toks[a_end - 1].end)
                    value, low, high, approx = _hedge(r, kind)
                    if a_start == j:
                        end_tok = a_end - 1
                        j = a_end
        out.append(_Found(start, toks[end_tok].end, value, low, high, approx, qualifier, unit))
        floor = max(j, i + 1)
    return out


# --- pieces and offsets -------------------------------------------------------------------

# Number phrases never cross a line break, a sentence end or a comma followed by a space
# ("3.5", "1.200" and "1,200" have none; the tokens stop every construction at a mark
# anyway), so only the pieces of text around a digit or a number word are parsed.
_BREAKS = ("\n", ". ", "! ", "? ", ", ", "; ")
_AR_WORD = re.compile(rf"[{_AR}]+")
_DIGIT = re.compile(r"[0-9]")


def _piece_around(norm: str, p: int) -> tuple[int, int]:
    a = 0
    for sep in _BREAKS:
        k = norm.rfind(sep, 0, p)
        if k >= 0 and k + len(sep) > a:
            a = k + len(sep)
    b = len(norm)
    for sep in _BREAKS:
        k = norm.find(sep, p, b)
        if k >= 0:
            b = k
    return a, b


_DIGITS = re.compile(r"[0-9]+")
# Around the first and last number of a piece, how much text the parser can need: hedges
# and range openers before it ("ما لا يقل عن"), percent markers, ranges and hedges after a
# noun after it ("50 مدنيا في حلب على الأقل").  Tokenizing only that window matters: making
# tokens is most of the cost.
_BEFORE_CHARS = 30
_AFTER_CHARS = 60


def _windows(norm: str) -> list[tuple[int, int]]:
    """The windows of ``norm`` to parse: around digits and number words, within pieces."""
    spans: dict[tuple[int, int], list[int]] = {}
    pos = 0
    while (m := _DIGIT.search(norm, pos)) is not None:
        piece = _piece_around(norm, m.start())
        last = m.end()
        for d in _DIGITS.finditer(norm, m.start(), piece[1]):
            last = d.end()
        spans[piece] = [m.start(), last]
        pos = piece[1] + 1
    n = len(norm)
    for w in _DATA.surfaces.keys() & set(_AR_WORD.findall(norm)):
        p = norm.find(w)
        while p >= 0:
            e = p + len(w)
            if (p == 0 or not "\u0621" <= norm[p - 1] <= "\u064a") and (e == n or not "\u0621" <= norm[e] <= "\u064a"):
                piece = _piece_around(norm, p)
                span = spans.get(piece)
                if span is None:
                    spans[piece] = [p, e]
                else:
                    span[0], span[1] = min(span[0], p), max(span[1], e)
            p = norm.find(w, e)
    out = []
    for (a, b), (lo, hi) in sorted(spans.items()):
        if lo - _BEFORE_CHARS > a:
            k = norm.rfind(" ", a, lo - _BEFORE_CHARS)
            a = k + 1 if k >= 0 else a
        if hi + _AFTER_CHARS < b:
            k = norm.find(" ", hi + _AFTER_CHARS, b)
            b = k if k >= 0 else b
        out.append((a, b))
    return out


def find_numbers(text: str) -> list[NumberMention]:
    """Every number mention in ``text``, left to right, non-overlapping, longest first.

    Offsets index ``text`` as given (see the module docstring for what is read and how
    hedges set ``value``/``low``/``high``/``approximate``).
    """
    if not text:
        return []
    nt = normalize_with_offsets(text)
    norm = nt.text
    windows = _windows(norm)
    if not windows:
        return []
    out: list[NumberMention] = []
    for a, b in windows:
        for f in _scan(norm, a, b):
            span = nt.original_span(f.start, f.end)
            q = f.qualifier
            if q is not None:
                q = nt.original_span(*q)
            out.append(
                NumberMention(
                    start=span[0],
                    end=span[1],
                    text=text[span[0]:span[1]],
                    value=f.value,
                    low=f.low,
                    high=f.high,
                    approximate=f.approximate,
                    qualifier=text[q[0]:q[1]] if q is not None else None,
                    unit=f.unit,
                )
            )
    return out


def parse_number(phrase: str) -> NumberMention | None:
    """The first number mention of ``phrase`` ("أكثر من 100 ألف"), or None when it has none."""
    found = find_numbers(phrase)
    return found[0] if found else None
