"""Normalization of Arabic text for matching, with a map back to the original characters.

This module is the one home of khabar's normalization rules.  Matching (search, ids,
similarity, gazetteers, numbers) works on the normalized form; display always uses the
original text, and :class:`NormalizedText` maps every normalized character back to the
original one so a match can be highlighted where it was written.

The rules, and why:

* presentation forms (ﻻ, ﷲ ...) are unfolded with NFKC, so copy-pasted PDF text matches;
* diacritics (tashkeel), the superscript alef and tatweel are dropped: writers use them
  inconsistently and they never distinguish news-level meaning reliably;
* alef forms أ إ آ ٱ become ا, and hamza seats ؤ ئ become ء, so "مسؤول" and "مسئول",
  "إيرولت" and "أيرولت" meet;
* ى becomes ي and ة becomes ه, the two commonest spelling alternations at word ends;
* Persian/Urdu letters that keyboards substitute (ک ی ۀ) become their Arabic forms;
* Arabic-Indic and Persian digits become ASCII digits; ٫ ٬ ٪ become . , %;
* Arabic punctuation ، ؛ ؟ becomes , ; ? and every double quote mark (« » “ ” „ ″) becomes ",
  single curly quotes become ';
* bidi and zero-width marks disappear; unusual spaces become a plain space;
* Latin letters are case-folded.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# --- the rules ---------------------------------------------------------------------------

#: Characters removed outright.
_DROP = (
    "\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"  # Quranic marks
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"  # tanween, harakat, shadda, sukun
    "\u0653\u0654\u0655\u0656\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f"
    "\u0670"  # superscript (dagger) alef
    "\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc\u06df\u06e0\u06e1\u06e2\u06e3\u06e4"
    "\u06e7\u06e8\u06ea\u06eb\u06ec\u06ed"
    "\u0640"  # tatweel
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"  # zero-width, bidi
    "\u2066\u2067\u2068\u2069\u061c\ufeff\u00ad"  # isolates, ALM, BOM, soft hyphen
)

#: Characters replaced by another.
_REPLACE = {
    # letters
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ؤ": "ء", "ئ": "ء",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ک": "ك", "ڪ": "ك",
    # digits and number punctuation
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "٫": ".", "٬": ",", "٪": "%",
    # punctuation
    "،": ",", "؛": ";", "؟": "?", "۔": ".",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "〝": '"', "〞": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": '"', "›": '"',
    "–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-",
    "…": "...",
    # spaces
    "\u00a0": " ", "\u2000": " ", "\u2001": " ", "\u2002": " ", "\u2003": " ", "\u2004": " ",
    "\u2005": " ", "\u2006": " ", "\u2007": " ", "\u2008": " ", "\u2009": " ", "\u200a": " ",
    "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ",
}

_TABLE: dict[int, str | None] = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): v for k, v in _REPLACE.items()})

# Presentation forms and compatibility characters need NFKC before the table applies.
_NEEDS_NFKC = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\uff00-\uffef\u2460-\u24ff]")
_LATIN_UPPER = re.compile("[A-Z\u00c0-\u024f]")

ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("ٱپچژگکیۀ")
DIACRITICS = frozenset(_DROP[: _DROP.index("\u0640")])


def normalize(text: str) -> str:
    """Normalize ``text`` for matching (see the module docstring for the rules).

    The result may be shorter than ``text``; use :func:`normalize_with_offsets` when
    positions matter.
    """
    if _NEEDS_NFKC.search(text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TABLE)
    if _LATIN_UPPER.search(text):
        text = text.casefold()
    return text


def strip_diacritics(text: str) -> str:
    """Drop tashkeel and tatweel only, keeping letters as written (for display keys)."""
    return "".join(c for c in text if c not in DIACRITICS and c != "\u0640")


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized string with, for each of its characters, the original index it came from.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)`` so that an
    end offset maps too.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Original index of normalized position ``index`` (0 <= index <= len(text))."""
        return self.offsets[index]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span ``text[start:end]``.

        The span covers every original character that produced it, including dropped
        diacritics inside it, so slicing ``original`` shows the span as written.
        """
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        o_start = self.offsets[start]
        o_end = self.offsets[end - 1] + 1
        # Characters dropped right after the last kept one (a final diacritic) belong to it.
        while o_end < len(self.original) and self.original[o_end] in DIACRITICS:
            o_end += 1
        return o_start, o_end


def normalize_with_offsets(text: str) -> NormalizedText:
    """Normalize ``text`` and keep a map from each normalized character to the original."""
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = ch
        if _NEEDS_NFKC.match(ch):
            piece = unicodedata.normalize("NFKC", ch)
        piece = piece.translate(_TABLE)
        if _LATIN_UPPER.search(piece):
            piece = piece.casefold()
        for c in piece:
            out.append(c)
            offsets.append(i)
    offsets.append(len(text))  # so that an end offset equal to len(text) maps too
    return NormalizedText(original=text, text="".join(out), offsets=tuple(offsets))


def arabic_ratio(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic (0.0 when it has no letters)."""
    arabic = other = 0
    for ch in text:
        if ch in ARABIC_LETTERS:
            arabic += 1
        elif ch.isalpha():
            if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
                arabic += 1
            else:
                other += 1
    total = arabic + other
    return arabic / total if total else 0.0
