"""Reading one number: digits or words (compounds, scales, vague quantities), then its
hedges, ranges and percent sign.
"""

from __future__ import annotations

from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.text.ar.numbers.tokens import _Tok
from khabar.text.ar.numbers.words import _DATA, _Word


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
            # "2.5 مليون و1,200": a list, unless a smaller scale follows (مليون و200 ألف) or
            # the rest of a whole number of thousands is written in digits ("7 آلاف و 354
            # قتيلا": 7,354, as Anadolu's Arabic service writes tolls)
            rest_of_thousands = (
                last_scale == 1000 and v < 1000 and total.is_integer() and not _scale_follows(toks, k + 1, float("inf"))
            )
            if kind == "digits" and t.kind == "num" and not rest_of_thousands and not _scale_follows(toks, k + 1, last_scale):
                break
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


@cython.locals(word=str, p=str)
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


_BEFORE_BY_LAST = cython.declare(dict, _index_before())  # (a C variable where compiled: read by PyDict_GetItem)


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


def hedge_kind(qualifier: str | None) -> str | None:
    """What a hedge as written means ("نحو" approximate, "لا يتجاوز" at_most, "بين" a
    range's opener: "range"), from the same tables the reader uses; None for no hedge."""
    if not qualifier:
        return None
    from khabar.text.ar.normalize import normalize

    words = tuple(normalize(qualifier).split())
    if not words:
        return None
    for table in (_DATA.before, _DATA.after):
        for seq, kind in table:
            if words == seq or (len(words) == len(seq) and words[1:] == seq[1:] and _strip_proclitic(words[0], seq[0]) >= 0):
                return kind
    if words in _DATA.range_between or (len(words) == 1 and words[0] in _DATA.range_from):
        return "range"
    return None
