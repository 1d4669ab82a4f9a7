"""Normalized text as the number reader sees it: number words, digit groups and the words
around them, with their offsets.
"""

from __future__ import annotations

import re

from khabar.text.ar.numbers.words import _DATA, _Surface
from khabar.text.ar.tokenize import NORM_LETTERS

_AR = NORM_LETTERS  # Arabic letters after normalization


_CLITIC = "".join(sorted({c for p in _DATA.proclitics for c in p}))


# A scale word after "1.250" makes it a decimal: "1.250 مليار".
_SCALE_AHEAD = "|".join(map(re.escape, _DATA.scale_words))


# A percent sign or word after a spaced decimal makes it one number: "15 . 7 %".
_PERCENT_AHEAD = "|".join(re.escape(" ".join(p)) for p in _DATA.percent)

# Separators written with spaces around them, as tokenized corpora print numbers ("1 . 78
# مليار"، "200 , 000 شخص"): a comma before exactly three digits groups thousands; a dot or a
# comma before a scale word or a percent is a decimal point; a dot before exactly three digits
# groups thousands ("4 . 000") unless a scale word follows ("2 . 400 مليار" = 2.4 billion).
# Never across a date ("27 . 12 . 2017") or a year ("ديسمبر 28 , 2017").
# Each shape of a number below is written without its first digit, which :data:`_TOKEN`
# reads once for them all ("[0-9]{1,3}" is that digit and "[0-9]{0,2}", "[0-9]+" that digit
# and "[0-9]*": the same matches, tried in the same order).
_SPACED = (
    rf"[0-9]{{0,2}}(?: , [0-9]{{3}})+(?![0-9]| [.,] [0-9])"
    rf"|[0-9]* [.,] [0-9]+(?= ?(?:{_SCALE_AHEAD}|{_PERCENT_AHEAD})(?![{_AR}]))"
    rf"|[0-9]{{0,2}} \. [0-9]{{3}}(?![0-9]| [.,] [0-9])"
)

# A clock time as tokenized web pages print their timestamps, colons spaced ("| 09 : 17"،
# "23 : 42 : 02"): two-digit hours and minutes in range, so a count after a colon ("الحصيلة :
# 17 قتيلا") stays a number.  (After the hour's first digit: the look-behinds read one
# character more, the digit itself; the hour is [01][0-9] or 2[0-3].)
_SPACED_TIME = r"(?<![0-9] .)(?<![0-9:].)(?:(?<=[01])[0-9]|(?<=2)[0-3]) : [0-5][0-9](?: : [0-5][0-9])?(?![0-9]| : [0-9])"

# Every alternative opens with a character class and names its kind by an empty group at its
# end (``lastgroup``): the regular expression engine passes over an alternative whose first
# class the character is not in without trying it, where an alternative opening with a group
# or a look-behind was tried at every character, spaces included; the look-behinds are read
# after the first character (the numbers of 100 ANT articles: 327.0 -> 300.7 M instructions;
# the seeds' tokens 618 -> 293 ns each, in turn).  The same tokens (kinds, spans) over the
# seeds and 400,000 random strings of digits, separators and words, whole and from random
# offsets.
_TOKEN = re.compile(
    # words first: most tokens are words, and no other kind starts with a letter, so a
    # word is taken where it was before without trying the number shapes at its first letter
    rf"[{_AR}][{_AR}]*(?P<word>)"
    rf"|[a-z\u00c0-\u024f][a-z\u00c0-\u024f]*(?P<latin>)"
    rf"|[0-9](?:"
    rf"(?:(?<![0-9:].)[0-9]?:[0-9]{{2}}(?::[0-9]{{2}})?(?![0-9:])|{_SPACED_TIME})(?P<time>)"
    rf"|(?<![0-9/.\-].)(?:[0-9]?(?P<s1>[/.\-])[0-9]{{1,2}}(?P=s1)[0-9]{{4}}"
    rf"|[0-9]{{3}}(?P<s2>[/.\-])[0-9]{{1,2}}(?P=s2)[0-9]{{1,2}}"
    rf"|[0-9]?(?P<s3> [/.\-] )[0-9]{{1,2}}(?P=s3)[0-9]{{4}})(?![0-9])(?P<date>)"
    rf"|(?:{_SPACED}"
    rf"|[0-9]{{0,2}}(?:,[0-9]{{3}})+(?![0-9])"
    rf"|[0-9]{{0,2}}(?:\.[0-9]{{3}}){{2,}}(?![0-9])"
    rf"|[0-9]*,[0-9]{{1,2}}(?![0-9])"
    rf"|[0-9]*\.[0-9]+"
    rf"|[0-9]*)(?P<num>))"
    rf"|\S(?P<sym>)"
)


_THREE_AFTER_DOT = re.compile(r"[0-9]+\.[0-9]{3}")


_SCALE_NEXT = re.compile(rf"\s*[{_CLITIC}]?(?:{_SCALE_AHEAD})(?![{_AR}])")


class _Tok:
    """A token of a window: ``kind`` (num, word, time, date, latin, sym), where it starts and
    ends, its text, its ``value`` (a num's; 0.0 otherwise), the number word it is
    (``surface``, or None) and whether white space (or the text's start) stands before it
    (``gap``)."""

    # slots and a plain __init__, not a dataclass: compiled (khabar._compiled), tokens.pxd
    # makes the class an extension type, built without ``__init__`` looked up on the type and
    # called with a new argument tuple (8,118 tokens over instructions_extract.py's 100
    # articles, session 34); every caller gives all seven fields, so no default is repeated here
    __slots__ = ("kind", "start", "end", "text", "value", "surface", "gap")

    def __init__(self, kind: str, start: int, end: int, text: str, value: float, surface: _Surface | None, gap: bool) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.surface = surface
        self.gap = gap


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
    # each token made whole in one call, its fields passed by position (setting the surface
    # or the value after making it, and the gap by keyword, cost a quarter of the tokenizing:
    # the bench's 20,900 tokens, 28.4 -> 21.5 ms CPU)
    for m in _TOKEN.finditer(norm, a, b):
        kind = m.lastgroup or "sym"
        start, end = m.span()
        text = m.group()
        if kind == "word":
            surface = surfaces.get(text)
            if surface is not None:
                starts.append(len(toks))
            toks.append(_Tok(kind, start, end, text, 0.0, surface, start != prev_end))
        elif kind == "num":
            digits = text.replace(" ", "")
            value = float(digits) if digits.isdigit() else _digits_value(digits, norm[end:min(b, end + 24)])
            starts.append(len(toks))
            toks.append(_Tok(kind, start, end, text, value, None, start != prev_end))
        else:
            if kind == "time" or kind == "date":
                starts.append(len(toks))
            toks.append(_Tok(kind, start, end, text, 0.0, None, start != prev_end))
        prev_end = end
    return toks, starts
