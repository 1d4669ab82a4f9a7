"""Word tokens of Arabic news text, with offsets into the text as written.

What is a token:

* an Arabic word: a run of Arabic letters, with any diacritics, tatweel or zero-width and
  bidi marks inside it ("الـ" in "الـ 4" is one token, normalized "ال");
* a Latin word: a run of Latin letters ("BBC", "Jean"); a hyphen splits ("جان-مارك" is two);
* a number: digits (ASCII, Arabic-Indic or Persian) with inner separators . , ٫ ٬ followed
  by a digit, so "1,200", "3.5", "12.000" and "٣٫٥" are one token each;
* Arabic and Latin letters and digits never share a token: "2011م" is "2011" and "م".

Punctuation is skipped by default: every consumer so far (similarity, gazetteers, counts)
wants words, and sentence structure is the segmenter's job.  ``tokenize(text,
punctuation=True)`` also returns each punctuation mark as a one-character token.

``norm`` is :func:`khabar.text.ar.normalize.normalize` of the token; :func:`words` is the
fast path that returns just those normalized forms, identical to
``[t.norm for t in tokenize(text)]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate, compress, filterfalse, repeat
from typing import NamedTuple

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.text.ar.clitics import ARTICLE_PROCLITICS, CONJUNCTIONS, PREPOSITIONS
from khabar.text.ar.normalize import PLAIN_ALPHABET, decode_plain, encode_plain, normalize
from khabar.text.per_word import PerWord

_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_AR_LETTER = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\ufb50-\ufdfb\ufe70-\ufefc"
# Marks that may sit inside an Arabic word, and tatweel; normalize() drops them all.
_AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\u00ad"
_AR_INNER = _AR_MARKS + "\u0640"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"

#: The marks inside a number, each between two digits ("1,200", "3.5", "٣٫٥").
_NUMBER_SEPARATORS = ".,\u066b\u066c"
_NUMBER = rf"[{_DIGIT}]+(?:[{_NUMBER_SEPARATORS}][{_DIGIT}]+)*"
# Tatweel may open a word ("ـالعربية"); taken possessively, and a run of it that opens no
# word is consumed whole by the last alternative (and dropped), so the search never restarts
# inside a long run: ``tokenize("ـ" * 8000)`` is linear, not quadratic.
_ARABIC = rf"[\u0640]*+[{_AR_LETTER}](?:[{_AR_LETTER}{_AR_INNER}])*"
_TATWEEL_RUN = "[\u0640]+"
_LATIN_WORD = rf"[{_LATIN}]+"

_TOKEN = re.compile(f"(?:{_NUMBER})|(?:{_ARABIC})|(?:{_LATIN_WORD})|{_TATWEEL_RUN}")
#: A hashtag's mark: "#" right before a letter ("محمود #عباس"، "#سامح_شكري").  No punctuation
#: token: the words it joins read as words (a hashtag's "_" is no token either), so a name or
#: a subject written as a hashtag is read whole ("محمود #عباس" was the speaker "محمود";
#: "وأعلنت #السعودية أن" gave no statement).  257 of 3,000 ANT articles (8.6 %) hold one
#: (Al Arabiya and Sky News Arabia, session 26's count).
_HASHTAG_MARK = rf"#(?=[{_AR_LETTER}{_LATIN}])"
_TOKEN_OR_PUNCT = re.compile(
    f"(?:{_NUMBER})|(?:{_ARABIC})|(?:{_LATIN_WORD})|(?!{_HASHTAG_MARK})[^\\w\\s{_AR_INNER}]|{_TATWEEL_RUN}"
)
#: Arabic letters as normalization leaves them (no tatweel, no marks; \u063b-\u0640 none).
NORM_LETTERS = "\u0621-\u063a\u0641-\u064a"
_LETTER_RUN = re.compile(f"[{NORM_LETTERS}]+")
# The same token shapes once text is normalized (ASCII digits, no marks, folded case).
_NORM_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]+)*|[\u0621-\u063a\u0641-\u064a\u0671-\u06d3]+|[a-z\u00c0-\u024f]+")


class Token(NamedTuple):
    """A token: ``text == source[start:end]``; ``norm`` is its normalized form.

    A named tuple, not a frozen dataclass: a news sentence has dozens of tokens and the
    dataclass's ``__init__`` (one ``object.__setattr__`` per field) was a third of
    tokenizing; a tuple is built in one step and reads the same."""

    text: str
    start: int
    end: int
    norm: str


_new_token = tuple.__new__

_HASHTAG_MARKS = re.compile(_HASHTAG_MARK)
#: A hashtag's "_" between two words ("#سامح_شكري"، "#مجلس_الوزراء_المصري").
_HASHTAG_JOIN = re.compile(rf"(?<=[{_AR_LETTER}{_AR_INNER}{_LATIN}{_DIGIT}])_(?=[{_AR_LETTER}{_LATIN}{_DIGIT}])")


def hashtag_words(text: str) -> str:
    """``text`` with its hashtags written as the words they join: "محمود #عباس" -> "محمود
    عباس", "#سامح_شكري" -> "سامح شكري" (what the tokens read, :data:`_HASHTAG_MARK`); for a
    name shown to a reader (a speaker), not for offsets: where it stands is where it is
    written."""
    if "#" not in text and "_" not in text:
        return text
    return _HASHTAG_JOIN.sub(" ", _HASHTAG_MARKS.sub("", text))


class _Norms(PerWord[str]):
    """Normalized form of each token as written, computed once per form (a dict read is
    a fraction of a cached call)."""

    def learn(self, tokens: list[str]) -> None:
        """Add the forms of the ``tokens`` not known yet, normalized in one call:
        normalization maps each character on its own, so the tokens joined by a line break
        (which no token holds, and which normalizes to itself) normalize to their forms so
        joined.  Measured on the 19,329 token types of 300 ANT articles: 0.002 s against
        0.013 s one by one."""
        new = list(filterfalse(self.__contains__, tokens))
        if len(new) < 2:
            return
        if len(self) + len(new) >= self.MAX:
            self.clear()
        joined = "\n".join(new)
        if joined.count("\n") != len(new) - 1:
            return  # (a token with a line break: each is normalized on its own)
        self.update(zip(new, normalize(joined).split("\n")))


_NORMS = _Norms(normalize)


#: Texts up to this long have their tokens kept (a sentence; not a whole article).
_CACHED_TEXT = 4000


#: The sentences of a batch of articles (``khabar.pipeline.analyze_many``, 16 articles:
#: the name tagger reads them all, then attribution and the claims' cues read each
#: article's again; of 1,000 ANT articles the median has 9 sentences, 99 % at most 38, the
#: longest 99).  With 64 kept, the quotes of a 16-article batch took 0.37 s of CPU against
#: 0.31 s (``bench_extract.py --n 300``, under load).  Not many more: a token, a tuple
#: subclass, stays tracked by the garbage collector (only plain tuples are untracked), and
#: 1,024 sentences' tokens kept alive made its full collections cost more than tokenizing
#: twice saved (256: 0.17 s of collection in that bench's process, 64: 0.15 s).
_KEPT_SENTENCES = 256


class Columns(NamedTuple):
    """A text's tokens as columns (the same tokens as :func:`tokenize`): each token's text
    as written, normalized form, start and end.  What a reader that only looks at the
    words and their offsets takes, without a :class:`Token` object per token (making
    them was three quarters of tokenizing: the regular expression and these columns
    take 0.039 s of CPU for the 3,393 sentences of 300 ANT articles, the tokens 0.051)."""

    texts: tuple[str, ...]
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def tokens(self) -> list[Token]:
        """The tokens as :class:`Token` objects."""
        return list(map(_new_token, repeat(Token), zip(self.texts, self.starts, self.ends, self.norms)))

    def words(self) -> "Columns":
        """The word and number tokens (the normalized form opens with a letter or digit):
        of ``columns(text, punctuation=True)``, the same as ``columns(text)``."""
        keep = word_like(self.norms)
        if all(keep):
            return self
        return _new_token(Columns, _kept(self, keep))


#: Whether a normalized token is a word or a number (its first character a letter or a
#: digit), per form.
WORD_LIKE: PerWord[bool] = PerWord(lambda norm: norm[:1].isalnum())


@cython.locals(k=cython.Py_ssize_t, norm=str, first=cython.Py_UCS4)
def word_like(norms: Sequence[str]) -> list[bool]:
    """:data:`WORD_LIKE` of each of ``norms``.  Compiled, a loop in C reading each first
    character (the bench's 3,710 sentences 6.0 -> 2.0 ms CPU against a read of the table a
    token); as Python, the table."""
    if not cython.compiled:
        return list(map(WORD_LIKE.__getitem__, norms))
    keep = []
    for k in range(len(norms)):
        norm = norms[k]
        if norm:
            first = norm[0]
            keep.append(first.isalnum())
        else:
            keep.append(False)
    return keep


@cython.locals(k=cython.Py_ssize_t)
def _kept(cols: Columns, keep: list[bool]) -> tuple[tuple, tuple, tuple, tuple]:
    """The four columns of ``cols`` at the tokens ``keep`` says.  Compiled, one loop of list
    appends in C (:meth:`Columns.words` of the bench's 3,710 sentences, 3,540 of which have a
    mark to leave out, with :func:`word_like`: 13.1 -> 7.8 ms CPU); as Python, four
    ``compress`` iterators."""
    texts, norms, starts, ends = cols
    if not cython.compiled:
        return tuple(compress(texts, keep)), tuple(compress(norms, keep)), tuple(compress(starts, keep)), tuple(compress(ends, keep))
    kept_texts, kept_norms, kept_starts, kept_ends = [], [], [], []
    for k in range(len(keep)):
        if keep[k]:
            kept_texts.append(texts[k])
            kept_norms.append(norms[k])
            kept_starts.append(starts[k])
            kept_ends.append(ends[k])
    return tuple(kept_texts), tuple(kept_norms), tuple(kept_starts), tuple(kept_ends)


# The token patterns as one group, for ``re.split``: text between tokens and tokens in
# turn, found in C (no match object per token).  The same tokens as :data:`_TOKEN` and
# :data:`_TOKEN_OR_PUNCT` (a test compares them over random strings), written to open with
# one character class, the first characters of every token: the engine then passes over the
# text between tokens (spaces, mostly) in C without trying the pattern at each character,
# and tries one alternative per token, picked by a look-behind at the character it opened
# with (the kinds' first characters overlap only in the symbols and unassigned code points
# of the Arabic presentation forms, which open an Arabic word in both: its alternative comes
# first in both).  The 3,710 sentences of the bench's 300
# articles split 17.9 -> 13.1 ms CPU a pass, with punctuation 19.9 -> 15.2 ms, in turn.
_TOKEN_REST = (
    rf"(?<=[{_AR_LETTER}])[{_AR_LETTER}{_AR_INNER}]*"
    rf"|(?<=[{_DIGIT}])[{_DIGIT}]*(?:[{_NUMBER_SEPARATORS}][{_DIGIT}]+)*"
    rf"|(?<=[{_LATIN}])[{_LATIN}]*"
)
# after a tatweel: the rest of the run, and the word it opens if it opens one
_TATWEEL_REST = rf"[\u0640]*+(?:[{_AR_LETTER}][{_AR_LETTER}{_AR_INNER}]*)?"
_SPLIT = re.compile(rf"([{_AR_LETTER}{_DIGIT}{_LATIN}\u0640](?:{_TOKEN_REST}|{_TATWEEL_REST}))")
# a punctuation mark is a character that is no word character (``\W``), no space, no mark
# (a mark is a \W character; "#" only when no letter follows: :data:`_HASHTAG_MARK`)
_SPLIT_OR_PUNCT = re.compile(
    rf"([^\s{_AR_MARKS}](?:{_TOKEN_REST}|(?<=[^\w#])|(?<=#)(?![{_AR_LETTER}{_LATIN}])|(?<=\u0640){_TATWEEL_REST}))"
)


def _code_ranges(chars: str) -> list[tuple[int, int]]:
    """(first, last) code point of each member of a character class's body as this module
    writes them: single characters and ``a-b`` ranges, no escapes."""
    out = []
    k = 0
    while k < len(chars):
        if k + 2 < len(chars) and chars[k + 1] == "-":
            out.append((ord(chars[k]), ord(chars[k + 2])))
            k += 3
        else:
            out.append((ord(chars[k]), ord(chars[k])))
            k += 1
    return out


#: The kinds of character :func:`_scanned_columns` reads, as bits of :data:`_KINDS`.
_K_LETTER, _K_DIGIT, _K_LATIN, _K_MARK, _K_TATWEEL, _K_SEPARATOR = 1, 2, 4, 8, 16, 32


def _kind_table() -> bytearray:
    """The kinds of every code point of the Basic Multilingual Plane (one byte each, 64 KB),
    from the classes the token patterns are written with (none holds a character above it).
    A ``bytearray``: compiled, the scan reads it as a typed memoryview (a byte in C)."""
    table = bytearray(0x10000)
    for bit, chars in (
        (_K_LETTER, _AR_LETTER), (_K_DIGIT, _DIGIT), (_K_LATIN, _LATIN), (_K_MARK, _AR_MARKS),
        (_K_TATWEEL, "\u0640"), (_K_SEPARATOR, _NUMBER_SEPARATORS),
    ):
        for first, last in _code_ranges(chars):
            for c in range(first, last + 1):
                table[c] |= bit
    return table


_KINDS = _kind_table()


@cython.cfunc
@cython.inline
@cython.returns(cython.int)
@cython.boundscheck(False)  # the code point is checked below
@cython.wraparound(False)
@cython.locals(table=cython.uchar[::1], c=cython.Py_UCS4, code=cython.Py_ssize_t)
def _kind_of(table, c):
    """The kind bits of character ``c`` in ``table`` (:data:`_KINDS`; 0 above the Basic
    Multilingual Plane)."""
    code = ord(c)
    return table[code] if code < 0x10000 else 0


@cython.cfunc
@cython.inline
@cython.returns(cython.Py_ssize_t)
@cython.locals(table=cython.uchar[::1], text=str, j=cython.Py_ssize_t, n=cython.Py_ssize_t, kinds=cython.int)
def _run_end(table, text, j, n, kinds):
    """The first position from ``j`` on (``n`` at most) whose character has none of the
    kind bits ``kinds``: where a run of them ends."""
    while j < n and _kind_of(table, text[j]) & kinds:
        j += 1
    return j


@cython.boundscheck(False)  # every index is below the text's length
@cython.wraparound(False)
@cython.locals(
    text=str, punct=cython.bint, table=cython.uchar[::1], n=cython.Py_ssize_t, i=cython.Py_ssize_t,
    j=cython.Py_ssize_t, c=cython.Py_UCS4, kind=cython.int, letter=cython.int, digit=cython.int,
    latin=cython.int, mark=cython.int, tatweel=cython.int, separator=cython.int, inner=cython.int,
)
def _scanned_columns(text: str, punctuation: bool) -> tuple[list[str], list[str], list[int], list[int]]:
    """``_read_parts(_SPLIT_OR_PUNCT.split(text))`` (with ``punctuation``) or
    ``_read_parts(_SPLIT.split(text))``: the same tokens (a test compares them over random
    strings), found by reading the text a character at a time, each character's kind one
    byte of :data:`_KINDS` and each step a C test where compiled, with no string made of the
    text between tokens.  The patterns' engine took ~57,000 instructions a sentence of ANT
    (85 M of the mentions' 1,308 M over the 100 articles of ``instructions_extract.py``;
    docs/measurements.md, issue 19, session 27).

    What a token is, as the patterns say: an Arabic letter and the letters, marks and
    tatweel after it; a digit and the digits after it, with a separator between two digits
    taken on; a Latin letter and the Latin letters after it; a tatweel run and the Arabic
    word it opens, if it opens one; with ``punctuation``, also any one character that is
    no word character (``\\W``), no white space and no mark, and not "#" before an Arabic
    or Latin letter (a hashtag).  Anything else is between tokens."""
    table = _KINDS
    punct = punctuation
    letter, digit, latin, mark, tatweel, separator = _K_LETTER, _K_DIGIT, _K_LATIN, _K_MARK, _K_TATWEEL, _K_SEPARATOR
    inner = letter | mark | tatweel
    known = _NORMS.get  # (None for a new form, normalized together after)
    texts, norms, starts, ends, new = [], [], [], [], []
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        kind = _kind_of(table, c)
        j = i + 1
        if kind & letter:
            j = _run_end(table, text, j, n, inner)
        elif kind & digit:
            j = _run_end(table, text, j, n, digit)
            while j + 1 < n and _kind_of(table, text[j]) & separator and _kind_of(table, text[j + 1]) & digit:
                j = _run_end(table, text, j + 2, n, digit)
        elif kind & latin:
            j = _run_end(table, text, j, n, latin)
        elif kind & tatweel:
            j = _run_end(table, text, j, n, tatweel)
            if j < n and _kind_of(table, text[j]) & letter:
                j = _run_end(table, text, j + 1, n, inner)
        elif not (punct and not kind & mark and not c.isspace() and not c.isalnum() and c != "_") or (
            c == "#" and j < n and _kind_of(table, text[j]) & (letter | latin)
        ):
            # between tokens: a space, a mark, a word character that opens no token, a
            # hashtag's "#" (:data:`_HASHTAG_MARK`)
            i += 1
            continue
        token = text[i:j]
        norm = known(token)
        if norm is None:
            new.append(len(texts))
        texts.append(token)
        norms.append(norm)
        starts.append(i)
        ends.append(j)
        i = j
    if new:
        _NORMS.learn([texts[k] for k in new])
        for k in new:
            norms[k] = _NORMS[texts[k]]
    return texts, norms, starts, ends


def _columns(text: str, punctuation: bool) -> Columns:
    if cython.compiled:
        texts, norms, starts, ends = _scanned_columns(text, punctuation)
    else:  # (as Python, the patterns' engine in C is the faster)
        texts, norms, starts, ends = _read_parts((_SPLIT_OR_PUNCT if punctuation else _SPLIT).split(text))
    if "" in norms:  # a bare tatweel run normalizes to "" and is no token
        keep = list(map(bool, norms))
        texts, norms, starts, ends = (list(compress(column, keep)) for column in (texts, norms, starts, ends))
    return _new_token(Columns, (tuple(texts), tuple(norms), tuple(starts), tuple(ends)))  # (no Python-level __new__)


@cython.locals(k=cython.Py_ssize_t, at=cython.Py_ssize_t)
def _read_parts(parts: list[str]) -> tuple[list[str], list[str], list[int], list[int]]:
    """The tokens of ``re.split``'s ``parts`` (the text between tokens and the tokens in
    turn), their normalized forms, starts and ends.  Compiled, one loop in C: each token's
    form read once from the table (the new forms after, normalized in one call), the
    offsets summed as C integers; as Python, the table read a token and the offsets
    accumulated, each in C."""
    if not cython.compiled:
        texts = parts[1::2]
        _NORMS.learn(texts)
        offsets = list(accumulate(map(len, parts), initial=0))  # where each part starts
        # (the last offset is the end of the text)
        return texts, list(map(_NORMS.__getitem__, texts)), offsets[1:-1:2], offsets[2::2]
    known = _NORMS.get  # (None for a new form; the table's subscript would compute it alone)
    texts, norms, starts, ends, new = [], [], [], [], []
    at = 0
    for k in range(len(parts)):
        part = parts[k]
        if k & 1:
            norm = known(part)
            if norm is None:
                new.append(len(texts))
            texts.append(part)
            norms.append(norm)
            starts.append(at)
            at += len(part)
            ends.append(at)
        else:
            at += len(part)
    if new:
        _NORMS.learn([texts[i] for i in new])
        for i in new:
            norms[i] = _NORMS[texts[i]]
    return texts, norms, starts, ends


_sentence_columns = lru_cache(maxsize=_KEPT_SENTENCES)(_columns)


def columns(text: str, *, punctuation: bool = False) -> Columns:
    """:func:`tokenize` as :class:`Columns`; kept for the last 256 sentences, as tokens are."""
    if len(text) <= _CACHED_TEXT:
        return _sentence_columns(text, punctuation)
    return _columns(text, punctuation)


@lru_cache(maxsize=_KEPT_SENTENCES)
def _sentence_tokens(text: str, punctuation: bool) -> tuple[Token, ...]:
    return tuple(_sentence_columns(text, punctuation).tokens())


def tokenize(text: str, *, punctuation: bool = False) -> list[Token]:
    """Words and numbers of ``text`` (and punctuation marks when asked), in order.

    A sentence's tokens are kept for the last 256 sentences: the name recognizer,
    attribution and the claims' cues each read every sentence of an article in turn, and
    tokenize it once instead of three times."""
    if len(text) <= _CACHED_TEXT:
        return list(_sentence_tokens(text, punctuation))
    return _columns(text, punctuation).tokens()


@lru_cache(maxsize=1024)
def _sentence_words(text: str) -> tuple[str, ...]:
    if cython.compiled:
        return tuple(_norm_tokens(normalize(text)))
    return tuple(_NORM_TOKEN.findall(normalize(text)))


def words(text: str) -> list[str]:
    """Normalized word and number tokens of ``text``: the fast path for counting and matching.

    Kept for the last ~thousand sentences, as :func:`tokenize` keeps tokens: the pipeline,
    attribution and the recognizer each read the words of every sentence of an article."""
    if len(text) <= _CACHED_TEXT:
        return list(_sentence_words(text))
    if cython.compiled:
        return _norm_tokens(normalize(text))
    return _NORM_TOKEN.findall(normalize(text))


@cython.boundscheck(False)  # every index is below the text's length
@cython.wraparound(False)
@cython.locals(norm=str, n=cython.Py_ssize_t, k=cython.Py_ssize_t, start=cython.Py_ssize_t, c=cython.Py_UCS4)
def _norm_tokens(norm: str) -> list[str]:
    """``_NORM_TOKEN.findall(norm)`` read a character at a time, each a C test of the
    pattern's ranges (compiled only: the pattern's engine tries its three alternatives and
    their classes at every character, ~1.2 % of the extraction layer's instructions as
    ``words`` of every sentence, session 35).  The classes are disjoint, so a token's
    first character tells its alternative, and each run is as long as the pattern's
    greedy one: digits with ``.``/``,`` + digits repeated, Arabic letters, Latin letters."""
    found = []
    n = len(norm)
    k = 0
    while k < n:
        c = norm[k]
        start = k
        if 0x30 <= ord(c) <= 0x39:  # [0-9]+(?:[.,][0-9]+)*
            k += 1
            while k < n and 0x30 <= ord(norm[k]) <= 0x39:
                k += 1
            while k + 1 < n and (norm[k] == "." or norm[k] == ",") and 0x30 <= ord(norm[k + 1]) <= 0x39:
                k += 2
                while k < n and 0x30 <= ord(norm[k]) <= 0x39:
                    k += 1
        elif 0x621 <= ord(c) <= 0x63A or 0x641 <= ord(c) <= 0x64A or 0x671 <= ord(c) <= 0x6D3:
            k += 1
            while k < n and (0x621 <= ord(norm[k]) <= 0x63A or 0x641 <= ord(norm[k]) <= 0x64A or 0x671 <= ord(norm[k]) <= 0x6D3):
                k += 1
        elif 0x61 <= ord(c) <= 0x7A or 0xC0 <= ord(c) <= 0x24F:
            k += 1
            while k < n and (0x61 <= ord(norm[k]) <= 0x7A or 0xC0 <= ord(norm[k]) <= 0x24F):
                k += 1
        else:
            k += 1
            continue
        found.append(norm[start:k])
    return found


@lru_cache(maxsize=2 * _KEPT_SENTENCES)
def letter_runs(norm: str) -> frozenset[str]:
    """The runs of Arabic letters (:data:`NORM_LETTERS`) of a normalized text: what the
    number finder and the date finder both screen a sentence's words with (a word of
    Arabic letters that stands alone in the text is one of them).  Kept for the last
    sentences: the numbers and then the dates of an article read the same sentences.

    Compiled, one loop in C over the text's characters (:func:`_letter_runs`).  As Python,
    a text of :data:`~khabar.text.ar.normalize.PLAIN_ALPHABET` (nearly all) is read as its
    bytes, every byte that is not a letter made a space, and split at white space: the
    same runs, in C, without the regular expression (the bench's 3,710 sentences 24.3 ->
    18.0 ms CPU, measured in turn)."""
    if cython.compiled:
        return _letter_runs(norm)
    data = encode_plain(norm)
    if data is None:
        return frozenset(_LETTER_RUN.findall(norm))
    return frozenset(decode_plain(data.translate(_LETTER_BYTES)).split())


#: The two ranges of :data:`NORM_LETTERS` ("\u0621-\u063a\u0641-\u064a"), first and last
#: code point of each: C characters where compiled.  Code points, not one-letter strings:
#: where this module runs as Python with Cython installed (``KHABAR_PURE=1``, no compiler, a
#: build older than the source), ``cython.declare`` is Cython's own, which makes a Py_UCS4
#: with ``int()`` and refused "ء", so khabar did not import.
_RUN_A_FIRST = cython.declare(cython.Py_UCS4, ord(NORM_LETTERS[0]))
_RUN_A_LAST = cython.declare(cython.Py_UCS4, ord(NORM_LETTERS[2]))
_RUN_B_FIRST = cython.declare(cython.Py_UCS4, ord(NORM_LETTERS[3]))
_RUN_B_LAST = cython.declare(cython.Py_UCS4, ord(NORM_LETTERS[5]))


@cython.locals(norm=str, k=cython.Py_ssize_t, start=cython.Py_ssize_t, c=cython.Py_UCS4)
def _letter_runs(norm: str) -> frozenset[str]:
    """:func:`letter_runs` read a character at a time, each a C test of the two ranges of
    :data:`NORM_LETTERS`, without encoding the text to bytes, translating and decoding them
    (compiled: the bench's 3,710 sentences 12.7 -> 9.8 ms CPU, in turn)."""
    found = []
    start = -1
    k = 0
    for c in norm:
        if _RUN_A_FIRST <= ord(c) <= _RUN_A_LAST or _RUN_B_FIRST <= ord(c) <= _RUN_B_LAST:  # (compiled: C)
            if start < 0:
                start = k
        elif start >= 0:
            found.append(norm[start:k])
            start = -1
        k += 1
    if start >= 0:
        found.append(norm[start:k])
    return frozenset(found)


#: :func:`~khabar.text.ar.normalize.encode_plain` byte -> itself for a letter of
#: :data:`NORM_LETTERS`, a space for any other byte.
_LETTER_BYTES = bytes(
    i if i < len(PLAIN_ALPHABET) and _LETTER_RUN.fullmatch(PLAIN_ALPHABET[i]) else 0x20 for i in range(256)
)


#: A word of Arabic letters only, as a text splits into words at white space.
_LETTERS_ONLY = re.compile(f"[{NORM_LETTERS}]+")
_NON_SPACE = re.compile(r"\S+")


def rejoined_split_words(texts: list[str]) -> list[str]:
    """``texts`` with a word split by a stray space joined again where the texts themselves
    show it: "x y" (letters only, one space between) becomes "xy" when "xy" is one of their
    words, at least as often as "x y" is written, neither x nor y stands anywhere else, and
    y does not begin with the article (a word starts there: "دير الزور", "عبد العزيز").
    Pages that lost their diacritics split words where one stood ("مصدر مط لع"، "المسل حة":
    Baly 2018, on 484 of the 2,429 pages of folds 1-4, each claim's pages read together),
    while the same claim's other pages write the word whole."""
    words: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for text in texts:
        toks = text.split()
        for t in toks:
            words[t] = words.get(t, 0) + 1
        for pair in zip(toks, toks[1:]):
            pairs[pair] = pairs.get(pair, 0) + 1
    article = ARTICLE_PROCLITICS[0]
    join = {
        (x, y)
        for (x, y), n in pairs.items()
        if words[x] == n == words[y]
        and words.get(x + y, 0) >= n
        and not y.startswith(article)
        and _LETTERS_ONLY.fullmatch(x)
        and _LETTERS_ONLY.fullmatch(y)
    }
    if not join:
        return list(texts)
    return [_joined(text, join) for text in texts]


def _joined(text: str, join: set[tuple[str, str]]) -> str:
    out, last = [], 0
    toks = list(_NON_SPACE.finditer(text))
    for a, b in zip(toks, toks[1:]):
        if b.start() == a.end() + 1 and text[a.end()] == " " and (a.group(), b.group()) in join:
            out.append(text[last : a.end()])
            last = b.start()
    out.append(text[last:])
    return "".join(out)


#: A lone Arabic letter written after a word, one space between: where a page lost a shadda
#: and split the word at it ("وقدّر" written "وقد ر"، "مسلّح" written "مسل ح": Baly 2018).
# the space first, the letter before it looked behind: a pattern opening with a literal is
# searched for that character alone (a letter class first was tried at every character:
# the bench's 3,710 sentences 6.2 -> 3.2 ms CPU a pass, in turn; the same matches)
_SPLIT_LETTER = re.compile(f" (?<=[{_AR_LETTER}] )[{_AR_LETTER}](?![{_AR_LETTER}{_AR_INNER}{_DIGIT}])")


#: The one-letter conjunction and prepositions, written apart as words (و ب ل ك).
_APART = frozenset((CONJUNCTIONS[0], *PREPOSITIONS))
_APART_BEFORE = frozenset('-–"«“')


def has_split_letter(text: str) -> bool:
    """``text`` may hold a word split at a lost shadda: a cheap look before
    :func:`rejoined_split_letters` goes over the tokens (:data:`_SPLIT_LETTER` found;
    compiled, :func:`_split_letter_in` reads the text a character at a time instead)."""
    if cython.compiled:
        return _split_letter_in(text)
    return _SPLIT_LETTER.search(text) is not None


@cython.boundscheck(False)  # every index is below the text's length
@cython.wraparound(False)
@cython.locals(
    text=str, table=cython.uchar[::1], n=cython.Py_ssize_t, k=cython.Py_ssize_t, letter=cython.int, other=cython.int,
)
def _split_letter_in(text: str) -> bool:
    """Whether :data:`_SPLIT_LETTER` matches in ``text``: a space between two Arabic letters,
    the second followed by no letter, mark, tatweel or digit, each character's kind one byte
    of :data:`_KINDS` (the pattern's search, though it looked only at spaces, was ~11,600
    instructions a sentence, 17 M over the 100 ANT articles of ``instructions_extract.py``:
    every sentence the quotes and claims read is looked at; docs/measurements.md, issue 19,
    session 37).  The same answers as the pattern over random strings (a test)."""
    table = _KINDS
    letter = _K_LETTER
    other = _K_LETTER | _K_MARK | _K_TATWEEL | _K_DIGIT  # (the letters, _AR_INNER and _DIGIT)
    n = len(text)
    for k in range(1, n - 1):
        if (
            text[k] == " "
            and _kind_of(table, text[k - 1]) & letter
            and _kind_of(table, text[k + 1]) & letter
            and (k + 2 == n or not _kind_of(table, text[k + 2]) & other)
        ):
            return True
    return False


def rejoined_split_letters(text: str, toks: list[Token], keep: frozenset[str]) -> list[Token]:
    """``toks`` (of ``text``) with a lone letter written one space after a word joined back
    to it ("وقد ر" -> one token, normalized "وقدر"), except the one-letter conjunction and
    prepositions (و ل ب ك, written apart: "و والحلفاء"، "وفي تصريح ل نائب رئيس الوزراء", so a
    word split before one of them, "تسج ل", stays split), the letters of ``keep`` (titles
    written as a letter: "د سامي") and a letter before a hyphen, a quotation mark or a Latin
    name."""
    out: list[Token] = []
    for t in toks:
        if len(t.norm) == 1 and t.norm not in _APART and t.norm not in keep and out and t.norm.isalpha() and not t.norm.isascii():
            after = text[t.end : t.end + 3].lstrip()[:1]
            if after and (after in _APART_BEFORE or after.isascii() and after.isalpha()):
                out.append(t)
                continue
            p = out[-1]
            if p.end + 1 == t.start and text[p.end] == " " and p.norm[-1:].isalpha() and not p.norm.isascii():
                out[-1] = Token(text[p.start : t.end], p.start, t.end, p.norm + t.norm)
                continue
        out.append(t)
    return out
