"""Finding every number of a text: the windows around digits and number words, the scan
over each, and the offsets back into the text as written.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.model import NumberMention
from khabar.text.ar.normalize import normalize_with_offsets
from khabar.text.ar.numbers.read import (
    _after_at,
    _before_at,
    _conj_at,
    _hedge,
    _percent_at,
    _read,
    _second_of_range,
    _seq_at,
)
from khabar.text.ar.numbers.tokens import _tokenize
from khabar.text.ar.numbers.words import _DATA
from khabar.text.ar.tokenize import letter_runs

__all__ = ["find_numbers", "parse_number"]


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
        if second is not None and mid_pct > 0 and opener is None and _percent_at(toks, second.end) <= 0:
            # "ارتفع 0.3 بالمئة إلى 1310.03 دولار": a change in per cent, then the level it
            # reached -- two figures, not a range (a range of per cents writes its second
            # one too: "1.75 في المئة إلى 2 في المئة", or opens with من/بين)
            second = None
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


# Number phrases never cross a line break, a sentence end or a comma followed by a space
# ("3.5", "1.200" and "1,200" have none; the tokens stop every construction at a mark
# anyway), so only the pieces of text around a digit or a number word are parsed.
# ... except a dot or comma spaced between digits, as tokenized corpora print numbers
# ("1 . 78 مليار"، "200 , 000 شخص"): that is one number.
# (the mark first, the digit before it looked behind after it: a pattern whose every branch
# opens with a character class is searched for those characters alone; a branch opening with
# the look-behind was tried at every character: the bench's 3,710 sentences 19.4 -> 9.0 ms
# CPU a pass, in turn; the same matches over them and 200,000 random strings)
_BREAK = re.compile(r"\n|[!?;] |[.,] (?:(?<![0-9] [.,] )|(?![0-9]))")


_DIGIT = re.compile(r"[0-9]")


@cython.locals(norm=str, starts=list, ends=list, k=cython.Py_ssize_t, n=cython.Py_ssize_t, c=cython.Py_UCS4, d=cython.Py_UCS4)
def _breaks(norm: str, starts: list[int], ends: list[int]) -> None:
    """The matches of :data:`_BREAK` in ``norm``, their starts and ends appended to ``starts``
    and ``ends``: where compiled, one loop in C over the characters (the pattern's search made
    ~42,000 instructions a sentence, 23 M of the numbers' 212 M over the 100 ANT articles of
    ``benchmarks/instructions_extract.py``; docs/measurements.md, issue 19, session 37).  A
    break is a line break, or "!"/"?"/";" then a space, or "."/"," then a space unless the mark
    stands spaced between digits ("1 . 78")."""
    n = len(norm)
    k = 0
    while k < n:
        c = norm[k]
        if c == "\n":
            starts.append(k)
            ends.append(k + 1)
        elif (c == "!" or c == "?" or c == ";" or c == "." or c == ",") and k + 1 < n and norm[k + 1] == " ":
            if c == "." or c == ",":
                if k >= 2 and k + 2 < n and norm[k - 1] == " ":
                    d = norm[k - 2]
                    if "0" <= d <= "9":
                        d = norm[k + 2]
                        if "0" <= d <= "9":
                            k += 1
                            continue  # "1 . 78": spaced between digits, one number
            starts.append(k)
            ends.append(k + 2)
            k += 1  # (the space after the mark starts no break)
        k += 1


class _Pieces:
    """The pieces of ``norm`` between breaks, found once: the piece around an offset is two
    bisections (searching the text around every number word made ``' اثنان' * 8000``
    quadratic, 7.6 s)."""

    def __init__(self, norm: str) -> None:
        self._norm = norm
        self._n = len(norm)
        self._starts: list[int] = []  # breaks never overlap: both lists are sorted
        self._ends: list[int] = []
        self._found = False  # the breaks are looked for at the first question: most
        # sentences hold no digit and no number word, and are never asked about

    def _find(self) -> None:
        if cython.compiled:
            _breaks(self._norm, self._starts, self._ends)
        else:
            for m in _BREAK.finditer(self._norm):
                self._starts.append(m.start())
                self._ends.append(m.end())
        self._found = True

    def around(self, p: int) -> tuple[int, int]:
        if not self._found:
            self._find()
        k = bisect_right(self._ends, p)
        a = self._ends[k - 1] if k else 0
        k = bisect_left(self._starts, p)
        b = self._starts[k] if k < len(self._starts) else self._n
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
    m = _DIGIT.search(norm)
    words = _DATA.surfaces.keys() & letter_runs(norm)
    if m is None and not words:
        return []  # most sentences: of the bench's 3,710, 2,334 have no window
    spans: dict[tuple[int, int], list[int]] = {}
    pieces = _Pieces(norm)
    while m is not None:
        piece = pieces.around(m.start())
        last = m.end()
        for d in _DIGITS.finditer(norm, m.start(), piece[1]):
            last = d.end()
        spans[piece] = [m.start(), last]
        m = _DIGIT.search(norm, piece[1] + 1)
    n = len(norm)
    for w in words:
        p = norm.find(w)
        while p >= 0:
            e = p + len(w)
            if (p == 0 or not "\u0621" <= norm[p - 1] <= "\u064a") and (e == n or not "\u0621" <= norm[e] <= "\u064a"):
                piece = pieces.around(p)
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
