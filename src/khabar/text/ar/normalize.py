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

import codecs
import functools
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.frozen import slot_init

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

# --- the fast path -----------------------------------------------------------------------
#
# ``str.translate`` with a dict looks every character up in the dict (one int object per
# non-Latin-1 character): about 60 ns a character, most of the cost of ingest.  Arabic news
# is written with few distinct characters (171 in 2,000 ANT articles), so most texts fit an
# 8-bit alphabet: the C charmap codec turns the text into one byte per character, one
# ``bytes.translate`` applies the rules (dropping characters as it goes), and the codec turns
# the bytes back into text: about 4 ns a character.  The alphabet holds only characters for
# which this is exactly the rules above (checked below, when it is built); a text with any
# other character takes the general path, which applies the same rules piece by piece.
# Byte i is the character _ALPHABET[i], so byte positions are character positions, which
# also makes the offset map cheap: only dropped and expanded characters move it.

_CANDIDATES = (
    "\x00\t\n\r"  # byte 0 must be NUL for the codec's fast encoding map
    + "".join(map(chr, range(0x20, 0x7F)))
    + "".join(map(chr, range(0x0621, 0x063B)))
    + "".join(map(chr, range(0x0640, 0x0653)))
    + "\u0670"
    + "".join(map(chr, range(0x0660, 0x066D)))
    + "".join(map(chr, range(0x06F0, 0x06FA)))
    + "ٱٲٳپچژکڪگھۀہیېۍ۔،؛؟"
    + "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u061c\u00ad"
    + "\xa0«»–—‐‑−‘’‚‛“”„‟″‹›…"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + "\u202f\u205f\u3000\u2028\u2029"
    + "•·°×÷±éèêëàâáäçíîïóôöúûüñÉ®©€£¥§¶"
)


def _final(ch: str) -> str | None:
    """What the rules make of ``ch`` inside any text of the alphabet (None: dropped)."""
    out = _TABLE.get(ord(ch), ch)
    if out is not None and _LATIN_UPPER.search(out):
        out = out.casefold()
    return out


def _build_alphabet() -> str:
    """The candidates for which translating byte by byte is exactly :func:`normalize`.

    A character qualifies when NFKC is not involved, its result is dropped, several
    characters without case (…), or one character of the alphabet; and whole-text
    case-folding (what :func:`normalize` does when any Latin capital is present) changes it
    only if it is itself in the Latin capital range, so folding can be done per byte.
    """
    alphabet = list(dict.fromkeys(_CANDIDATES))[:256]
    while True:
        members = set(alphabet)
        keep = []
        for ch in alphabet:
            plain = _TABLE.get(ord(ch), ch)
            out = _final(ch)
            if _NEEDS_NFKC.match(ch):
                continue
            if plain is not None and not _LATIN_UPPER.search(plain) and plain.casefold() != plain:
                continue  # folded only when another character triggers folding
            if out is not None and len(out) == 1 and (out not in members or plain not in members):
                continue
            if out is not None and len(out) > 1 and out.casefold() != out:
                continue
            keep.append(ch)
        if keep == alphabet:
            return "".join(alphabet)
        alphabet = keep


_ALPHABET = _build_alphabet()
_DECODING = _ALPHABET + "\ufffe" * (256 - len(_ALPHABET))  # \ufffe: unused byte
_ENCODING = codecs.charmap_build(_DECODING)
_BYTE = {ch: i for i, ch in enumerate(_ALPHABET)}


def _byte_table(rule: dict[str, str | None]) -> bytes:
    """A ``bytes.translate`` table: each byte to the byte of its character's single-character
    result (dropped and expanded characters keep their byte: deletion and expansion are
    done apart)."""
    return bytes(_BYTE.get(rule.get(ch) or "", i) for i, ch in enumerate(_DECODING))


#: byte -> byte of what the rules make of it
_FOLDED = _byte_table({ch: _final(ch) for ch in _ALPHABET})
_DROPPED = bytes(_BYTE[ch] for ch in _ALPHABET if _final(ch) is None)
#: characters that become several (…): kept by the byte table, replaced in the text after
#: (no assignment expression in a generator at module level: Cython 3.3.1 fails on it)
_EXPANDED = tuple((ch, out) for ch, out in ((ch, _final(ch)) for ch in _ALPHABET) if out is not None and len(out) > 1)
#: bytes whose character does not become exactly one character: they move the offset map
_ODD = [bytes([_BYTE[ch]]) for ch in _ALPHABET if len(_final(ch) or "") != 1]
_ODD_BYTES = re.compile(b"[" + b"".join(map(re.escape, _ODD)) + b"]")
_ODD_SET = b"".join(_ODD)  # (the same bytes, as a deletion set)
#: byte -> the length of what its character becomes, for the bytes of :data:`_ODD`
_ODD_LENGTH = {_BYTE[ch]: len(_final(ch) or "") for ch in _ALPHABET if len(_final(ch) or "") != 1}
#: runs of characters outside the alphabet
_OUTSIDE = re.compile("[^" + "".join(map(re.escape, _ALPHABET)) + "]+")


@cython.ccall  # (called in C by this module's functions: no Python call; session 33)
@cython.locals(last=str)
def _encode(text: str) -> bytes | None:
    """``text`` as bytes of the alphabet, or None when it has a character outside it.

    A character is a byte, so the bytes of a text's start or end are those of the whole
    cut where the text is: the last long text encoded is remembered (:data:`_REMEMBERED`),
    and the text itself, its start or its end is cut from its bytes instead of encoded
    again.  Ingest encodes an article's "title\nbody" for the language check, again for
    its id, then its title and its body for the search index: once now (the workers' part
    of ingesting 2,000 ANT files, read and made into rows in one process: 3,575 -> 3,327 M
    instructions, callgrind)."""
    global _last
    last, data = _last
    if data is not None and len(text) <= len(last):
        if text == last:
            return data
        if last.startswith(text):
            return data[: len(text)]
        if last.endswith(text):
            return data[len(last) - len(text) :]
    try:
        data = codecs.charmap_encode(text, "strict", _ENCODING)[0]
    except UnicodeEncodeError:
        return None
    if _REMEMBERED <= len(text) <= _REMEMBERED_AT_MOST:
        _last = (str(text), data)  # ``last`` typed: a str, whatever subclass was given
    return data


#: Texts of at least this many characters are remembered by :func:`_encode`: a name or a
#: date normalized between two uses of an article's text does not push it out.  Not over a
#: megabyte: a 40 MB dump would stay in memory after its reading.
_REMEMBERED, _REMEMBERED_AT_MOST = 200, 1 << 20
_last: tuple[str, bytes | None] = ("", None)


@cython.ccall
def _apply(data: bytes, table: bytes) -> str:
    """The rules applied to encoded text (``table``: with or without case folding)."""
    return _expand(codecs.charmap_decode(data.translate(table, _DROPPED), "strict", _DECODING)[0])


@cython.ccall
def _expand(decoded: str) -> str:
    """Decoded text with each character that normalizes to several written out (each
    expansion is longer than its character: a caller tells one happened by the length)."""
    for ch, expansion in _EXPANDED:
        if ch in decoded:
            decoded = decoded.replace(ch, expansion)
    return decoded


def _stretches(text: str) -> Iterator[tuple[int, bytes | None, str]]:
    """``text`` cut into stretches, each with where it starts: a stretch written in the
    alphabet comes encoded (``(start, bytes, "")``), one outside it as it is
    (``(start, None, characters)``)."""
    pos = 0
    for m in _OUTSIDE.finditer(text):
        if m.start() > pos:
            yield pos, codecs.charmap_encode(text[pos : m.start()], "strict", _ENCODING)[0], ""
        yield m.start(), None, m.group()
        pos = m.end()
    if pos < len(text):
        yield pos, codecs.charmap_encode(text[pos:], "strict", _ENCODING)[0], ""


@functools.lru_cache(maxsize=4096)
def _one(ch: str) -> str:
    """The rules applied to ``ch`` alone: what :func:`normalize_with_offsets` makes of it."""
    piece = ch
    if _NEEDS_NFKC.match(ch):
        piece = unicodedata.normalize("NFKC", ch)
    piece = piece.translate(_TABLE)
    if _LATIN_UPPER.search(piece):
        piece = piece.casefold()
    return piece


# --- the public functions ----------------------------------------------------------------


#: Normalized forms of short texts (words and names), remembered: the extractors normalize
#: the same words over and over, and a dictionary read is a tenth of normalizing a word.
#: (C variables where compiled: the dictionary read directly, not through its ``get`` method
#: looked up and called, ~37,000 calls over the 100 articles of instructions_extract.py)
_SHORT = cython.declare(dict, {})
_SHORT_LEN = cython.declare(cython.Py_ssize_t, 32)
_SHORT_MAX = cython.declare(cython.Py_ssize_t, 100_000)


def normalize(text: str) -> str:
    """Normalize ``text`` for matching (see the module docstring for the rules).

    The result may be shorter than ``text``; use :func:`normalize_with_offsets` when
    positions matter.  Every character is normalized on its own, whatever is around it: a
    presentation form unfolds by itself and a Latin capital folds itself only (folding or
    unfolding the whole text for one of them made ``normalize('①²')`` "12" but
    ``normalize('²')`` "²").
    """
    if len(text) <= _SHORT_LEN:
        found = _SHORT.get(text)
        if found is None:
            if len(_SHORT) >= _SHORT_MAX:
                _SHORT.clear()
            # a word of letters normalization keeps (most words met are normalized
            # already: tokens' forms, readings, list entries) is itself -- as an exact
            # str: a subclass (numpy.str_ from an array of words) kept here would be
            # returned for the equal plain word ever after, and compiled readers that
            # take a str refuse it ("Expected str, got numpy.str_", session 19)
            found = _SHORT[text] = (text if type(text) is str else str.__str__(text)) if is_normalized(text) else _normalize(text)
        return found
    return _normalize(text)


@cython.ccall
def _normalize(text: str) -> str:
    data = _encode(text)
    if data is not None:
        return _apply(data, _FOLDED)
    parts: list[str] = []
    for _start, piece, run in _stretches(text):
        if piece is not None:
            parts.append(_apply(piece, _FOLDED))
        else:
            parts.extend(map(_one, run))
    return "".join(parts)


#: Arabic letters, ASCII digits and small Latin letters that normalization keeps as they
#: are (not أ ى ة ...).
_KEPT = frozenset(
    ch for ch in "0123456789abcdefghijklmnopqrstuvwxyz" + "".join(map(chr, range(0x0621, 0x064B))) if _normalize(ch) == ch
)


#: A text of :data:`_KEPT` characters only.  Asked through the pattern's ``fullmatch``:
#: ``_KEPT.issuperset(word)`` made a one-letter string and its hash of every Arabic letter
#: (timeit over 13 news words, in turn: 0.47 against 0.15 s for 260,000).
_ALL_KEPT = re.compile(f"[{re.escape(''.join(sorted(_KEPT)))}]*")
_all_kept = _ALL_KEPT.fullmatch


#: Whether each character below U+064B is one of :data:`_KEPT` (a byte each, by code point;
#: none above it is).
_KEPT_CODES = bytes(chr(c) in _KEPT for c in range(0x064B))


@cython.ccall
@cython.locals(text=str, ch=cython.Py_UCS4, code=cython.Py_ssize_t, table=bytes, kept=cython.int)
def is_normalized(word: str) -> bool:
    """Whether ``normalize(word) == word`` is sure without normalizing: every character
    is one that normalization keeps, and each character is normalized on its own.  (False
    says nothing: normalize to know.)

    Compiled, a loop over the characters in C, each one byte of :data:`_KEPT_CODES`: the
    pattern's ``fullmatch`` cost ~1,300 instructions a call (23,000 calls over the 100
    articles of ``benchmarks/instructions_extract.py``: 30 M of the layer's 2,565 M; issue
    19, session 33)."""
    if not cython.compiled or type(word) is not str:
        return _all_kept(word) is not None
    text = word
    table = _KEPT_CODES
    for ch in text:
        code = ch
        if code >= 0x064B:
            return False
        kept = table[code]
        if not kept:
            return False
    return True


#: ASCII and the Arabic letters (U+0621-U+064A): the characters of nearly all normalized
#: news, one byte each in :func:`encode_plain` (ASCII as itself, the letters from 0x80 on).
PLAIN_ALPHABET = "".join(map(chr, range(0x80))) + "".join(map(chr, range(0x0621, 0x064B)))
_PLAIN_DECODING = PLAIN_ALPHABET + "\ufffe" * (256 - len(PLAIN_ALPHABET))
#: A codec table of them: encoding with it fails at the first other character, a test in
#: C that is a fifth of a regex search for one (9 against 42 ms on 2,000 ANT articles).
_PLAIN_ENCODING = codecs.charmap_build(_PLAIN_DECODING)


def encode_plain(text: str) -> bytes | None:
    """``text`` as one byte a character of :data:`PLAIN_ALPHABET`, or None when it has
    another character: bytes on which C loops (``bytes.translate``, a bytes pattern) do
    what they would on the text, several times faster."""
    try:
        return codecs.charmap_encode(text, "strict", _PLAIN_ENCODING)[0]
    except UnicodeEncodeError:
        return None


def decode_plain(data: bytes) -> str:
    """The text of bytes made by :func:`encode_plain`."""
    return codecs.charmap_decode(data, "strict", _PLAIN_DECODING)[0]


#: Bytes of the normalization's alphabet whose character is also in :data:`PLAIN_ALPHABET`,
#: and a translation of those to their :func:`encode_plain` byte.
_PLAIN_MEMBERS = bytes(i for i, ch in enumerate(_DECODING) if ch in PLAIN_ALPHABET)
_TO_PLAIN = bytes(PLAIN_ALPHABET.index(ch) if ch in PLAIN_ALPHABET else 0 for ch in _DECODING)


def normalize_plain(text: str) -> tuple[str, bytes | None]:
    """``normalize(text)`` and its :func:`encode_plain` bytes (None when it has another
    character), the bytes made from the normalization's own by a translation instead of
    encoding the normalized text again (one encoding of each title and body of 2,000 ANT
    articles was about a fifth of their search-index columns' cost)."""
    data = _encode(text)
    if data is not None:
        folded = data.translate(_FOLDED, _DROPPED)
        decoded: str = codecs.charmap_decode(folded, "strict", _DECODING)[0]
        out = _expand(decoded)
        if len(out) == len(decoded) and not folded.translate(None, _PLAIN_MEMBERS):
            return out, folded.translate(_TO_PLAIN)
    else:
        out = _normalize(text)
    return out, encode_plain(out)


#: The alphabet's bytes of the space and the newline, and a translation that makes every
#: whitespace character a space.
_SPACE, _NEWLINE = bytes([_BYTE[" "]]), bytes([_BYTE["\n"]])
_SPACES_TO_SPACE = bytes(_BYTE[" "] if ch.isspace() else i for i, ch in enumerate(_DECODING))
assert not any(ch.isspace() for _ch, out in _EXPANDED for ch in out)  # expanding never makes space


def normalized_words(text: str) -> str:
    """``" ".join(normalize(text).split())``: the normalized words of ``text``, one space
    between each two (what the article id hashes).  In the normalization's alphabet, its
    bytes have every whitespace character made a space, and when no two spaces then meet
    (nor one ends it) they are the answer; else the words are split and joined (on 2,000
    ANT articles, splitting and joining was 29 ms of the 53 ms of their ids; an id is now
    37 ms: normalizing, encoding and hashing)."""
    data = _encode(text)
    if data is not None:
        # A blank line (two newlines, the readers' paragraph break) becomes one space too.
        out = data.translate(_FOLDED, _DROPPED).replace(_NEWLINE + _NEWLINE, _NEWLINE).translate(_SPACES_TO_SPACE)
        sp = _SPACE
        if sp + sp not in out and out[:1] != sp and out[-1:] != sp:
            return _expand(codecs.charmap_decode(out, "strict", _DECODING)[0])
    return " ".join(normalize(text).split())


#: Tashkeel and tatweel deleted by ``str.translate``: one pass in C (a generator over the
#: characters was most of linking's time spent on names: 139,000 characters for 300 articles).
_UNMARKED = dict.fromkeys(map(ord, DIACRITICS | {"\u0640"}))


def strip_diacritics(text: str) -> str:
    """Drop tashkeel and tatweel only, keeping letters as written (for display keys)."""
    return text.translate(_UNMARKED)


@slot_init
@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalized string with, for each of its characters, the original index it came from.

    The map is kept as runs: normalized index ``i`` in the run that starts at ``starts[k]``
    came from original index ``i + shifts[k]``.  Most characters normalize to exactly one
    character, so a text has a run only per dropped or expanded character (none at all for
    most news text), and building the map costs nothing per character.  ``offsets`` spells
    the map out (``len(text) + 1`` entries, the last ``len(original)``, so that an end
    offset maps too).
    """

    original: str
    text: str
    starts: tuple[int, ...] = (0,)
    shifts: tuple[int, ...] = (0,)

    @property
    def offsets(self) -> tuple[int, ...]:
        """Original index of every normalized position, and of the end (built on each call)."""
        out: list[int] = []
        ends = (*self.starts[1:], len(self.text) + 1)
        for start, end, shift in zip(self.starts, ends, self.shifts):
            out.extend(range(start + shift, end + shift))
        return tuple(out)

    def to_original(self, index: int) -> int:
        """Original index of normalized position ``index`` (0 <= index <= len(text); negative
        counts from the end, as with ``offsets[index]``)."""
        size = len(self.text) + 1
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(f"normalized index {index} outside 0..{size - 1}")
        return index + self.shifts[bisect_right(self.starts, index) - 1]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalized span ``text[start:end]``.

        The span covers every original character that produced it, including dropped
        diacritics inside it, so slicing ``original`` shows the span as written.
        """
        if end <= start:
            pos = self.to_original(start)
            return pos, pos
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1
        # Characters dropped right after the last kept one (a final diacritic) belong to it.
        while o_end < len(self.original) and self.original[o_end] in DIACRITICS:
            o_end += 1
        return o_start, o_end


def _runs(events: list[tuple[int, int]]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The runs of the map from ``(original index, output length)`` of each character whose
    output is not exactly one character, in text order."""
    starts, shifts = [0], [0]
    shift = 0  # original index - normalized index, after the characters seen so far

    def put(start: int, value: int) -> None:
        if shifts[-1] == value:
            return
        if starts[-1] == start:
            shifts[-1] = value
            if len(shifts) > 1 and shifts[-2] == value:
                starts.pop()
                shifts.pop()
        else:
            starts.append(start)
            shifts.append(value)

    for pos, length in events:
        n = pos - shift  # where the character's output starts in the normalized text
        for k in range(length):  # every output character maps to ``pos``
            put(n + k, shift - k)
        shift += 1 - length
        put(n + length, shift)
    return tuple(starts), tuple(shifts)


@cython.ccall
def _odd_events(data: bytes, base: int, events: list[tuple[int, int]]) -> None:
    """Into ``events``, (``base`` + position, output length) of each byte of ``data`` whose
    character does not become exactly one character.  A text without any (most sentences:
    over the 100 articles of ``benchmarks/instructions_extract.py``, 1,475 of 1,647) is told
    by deleting them in C (``bytes.translate``, a few instructions a byte) before the
    pattern's scan (~50 a byte); each one's length read from a table, not worked out again
    (issue 19, session 33)."""
    if len(data.translate(None, _ODD_SET)) == len(data):
        return
    for m in _ODD_BYTES.finditer(data):
        pos = m.start()
        events.append((base + pos, _ODD_LENGTH[data[pos]]))


#: Sentences whose :func:`normalize_with_offsets` is kept: the pipeline's numbers and dates
#: read every sentence of an article in turn (of 1,000 ANT articles 99 % have at most 38
#: sentences), and the result is immutable, so the second reader takes the first one's.
_KEPT_TEXTS = 128
#: Texts up to this long are kept (a sentence, not a whole article).
_KEPT_LENGTH = 4000


def normalize_with_offsets(text: str) -> NormalizedText:
    """Normalize ``text`` and keep a map from each normalized character to the original.

    Each character is normalized on its own, as :func:`normalize` does, so the map is exact
    and ``normalize_with_offsets(text).text == normalize(text)``.  Kept for the last
    sentences (:data:`_KEPT_TEXTS`).
    """
    if len(text) <= _KEPT_LENGTH:
        return _kept_with_offsets(text)
    return _with_offsets(text)


def _with_offsets(text: str) -> NormalizedText:
    events: list[tuple[int, int]] = []
    data = _encode(text)
    if data is not None:
        norm = _apply(data, _FOLDED)
        _odd_events(data, 0, events)
    else:
        parts: list[str] = []
        for start, piece, run in _stretches(text):
            if piece is not None:
                parts.append(_apply(piece, _FOLDED))
                _odd_events(piece, start, events)
                continue
            for i, ch in enumerate(run, start):
                out = _one(ch)
                parts.append(out)
                if len(out) != 1:
                    events.append((i, len(out)))
        norm = "".join(parts)
    if not events:
        return NormalizedText(original=text, text=norm)
    starts, shifts = _runs(events)
    return NormalizedText(original=text, text=norm, starts=starts, shifts=shifts)


_kept_with_offsets = functools.lru_cache(maxsize=_KEPT_TEXTS)(_with_offsets)


#: Runs of what is not a letter (a letter is a word character that is neither a digit nor
#: "_"), and runs of the Arabic blocks: deleting runs is two passes in C, where a Python
#: loop over every character cost half of reading a file.
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff\ufb50-\ufeff]+")


def letters_of(text: str) -> str:
    """The letters of ``text``, in any script, in order."""
    return _NOT_LETTERS.sub("", text)


def letter_count(text: str) -> int:
    """How many letters ``text`` holds, in any script."""
    return len(letters_of(text))


def _letter_class(ch: str) -> int:
    """0: not a letter; 1: a letter of another script; 2: a letter of the Arabic blocks."""
    if _NOT_LETTERS.fullmatch(ch):
        return 0
    return 2 if _ARABIC_BLOCK.fullmatch(ch) else 1


#: byte of the alphabet -> the class of its character (:func:`_letter_class`)
_LETTER_CLASS = bytes(_letter_class(ch) if ch != "\ufffe" else 0 for ch in _DECODING)


def letter_counts(text: str) -> tuple[int, int]:
    """``(letters, Arabic letters)`` of ``text``: ``len(letters_of(text))`` and how many of
    those :func:`arabic_share` counts as Arabic.  Text written in the normalization's
    8-bit alphabet (nearly all news) is classed a byte at a time in C, about a tenth of the
    regular expressions' cost (the language check of every ingested file); other text
    takes :func:`letters_of`."""
    data = _encode(text)
    if data is None:
        letters = letters_of(text)
        return len(letters), len(letters) - len(_ARABIC_BLOCK.sub("", letters))
    classes = data.translate(_LETTER_CLASS)
    arabic = classes.count(2)
    return arabic + classes.count(1), arabic


def letter_counts_cut(text: str, cut: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """:func:`letter_counts` of ``text[:cut]`` and of ``text[cut:]``, from one encoding of
    ``text``."""
    data = _encode(text)
    if data is None:
        return letter_counts(text[:cut]), letter_counts(text[cut:])
    classes = data.translate(_LETTER_CLASS)
    head, rest = classes[:cut], classes[cut:]
    arabic, more = head.count(2), rest.count(2)
    return (arabic + head.count(1), arabic), (more + rest.count(1), more)


def arabic_share(letters: str) -> float:
    """Share of ``letters`` (see :func:`letters_of`) that are Arabic (0.0 for none)."""
    return share_of_arabic(len(letters), len(letters) - len(_ARABIC_BLOCK.sub("", letters)))


def share_of_arabic(letters: int, arabic: int) -> float:
    """Share of ``letters`` letters that ``arabic`` of them make (0.0 for none): the
    language check's figure, from :func:`letter_counts` or :func:`arabic_share`."""
    return 1.0 - (letters - arabic) / letters if letters else 0.0


def arabic_ratio(text: str) -> float:
    """Share of the letters in ``text`` that are Arabic (0.0 when it has no letters).

    Arabic letters are the letters of the Arabic blocks (U+0600-06FF and the presentation
    forms), :data:`ARABIC_LETTERS` among them; diacritics, digits and punctuation are no
    letters."""
    return arabic_share(letters_of(text))
