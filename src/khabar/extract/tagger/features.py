"""What the name tagger sees of each word: attributes from khabar's own text core.

A token's attributes are of two kinds:

* **word attributes** depend on the word alone, so they are computed once per word type
  and cached: the normalized form; the form without its proclitics (و ف ب ل ك ال ...,
  :data:`khabar.text.ar.clitics.PROCLITICS`) and the proclitic itself; the light stem;
  prefix and suffix letter n-grams; the word's shape (Latin, digits, punctuation, length);
  and hits in khabar's word lists (given names, titles, nationalities, organisation and
  place head words, reporting verbs, function words, one-word gazetteer entries), each
  looked up for every clitic reading of the word ("وبغداد" is a place word after و);
* **phrase attributes** depend on the words around: where a multi-word gazetteer entry
  ("الأمم المتحدة", "بشار الأسد") starts and continues, by kind.

The model scores a token by the attributes of the words in a window around it, each
weighted by its offset (:data:`OFFSETS`); since word attributes are cached per type, a
tagger can cache the whole contribution of a word at each offset (see
:mod:`khabar.extract.tagger.crf`).  Which attributes are seen at which offsets is decided
here, once, for training and tagging alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution.verbs import reporting_verb_forms
from khabar.extract.titles import titles
from khabar.text.ar.clitics import ARTICLE, PREPOSITION_ARTICLE_MERGED, clitic_variants, strip_clitics
from khabar.text.ar.lexicon import phrases_by_tag, read_fields
from khabar.text.ar.normalize import normalize
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS

#: Offsets of the words whose attributes score a token (0 is the token itself).
OFFSETS: tuple[int, ...] = (-2, -1, 0, 1, 2)

#: Attribute families seen from a neighbour at offset ±1 / ±2 (the token itself sees all).
#: Only families the features emit (the name parts' "n" and the tag rates' "tp"/"to"/"tl"
#: left with their code for scripts/ner_tried in session 15).
NEAR_FAMILIES = frozenset({"w", "s", "pc", "st", "L", "x2", "x3", "shape", "G", "c", "cs", "b", "qt", "qg", "qv", "qp", "qo"})
FAR_FAMILIES = frozenset({"w", "s", "L", "shape", "c", "cs", "b"})



def _alternatives(name: str) -> list[list[str]]:
    """Each entry of an "a | b | c" list as its spellings, without the "~"/"=" markers."""
    return [[" ".join(f.lstrip("~=").split()) for f in fields if f.lstrip("~=").strip()] for fields in read_fields(name)]


@dataclass(frozen=True)
class WordLists:
    """khabar's word lists as the tagger reads them: one-word sets by label, and
    multi-word gazetteer phrases by kind."""

    words: dict[str, frozenset[str]]  # label -> one-word entries (labels are attribute names)
    phrases: dict[str, str]  # multi-word phrase -> kind ("LOC", "ORG", "PERS")
    first_lengths: dict[str, tuple[int, ...]]  # first word of a phrase -> lengths, longest first
    labels_of: dict[str, tuple[str, ...]]  # one word -> the labels of the lists holding it
    spellings: frozenset[str]  # every spelling of every gazetteer entry (countries ... people)


#: entity_cues tags read by the word-list recognizer alone: the shipped CRF was trained
#: without them, and as labels they moved its tags (ANERcorp five folds,
#: scripts/ner_fold_errors.py: overall 78.17 -> 78.12, PERS 76.00 -> 75.83; identical without).
#: ``orgplace`` is read after the tagger (:func:`khabar.extract.tagger.spans._organisations_of_places`),
#: ``demonymbody`` and ``bodytitle`` when entities are linked (:func:`khabar.extract.entities.linking.described_body`).
_RECOGNIZER_ONLY = frozenset(("orgbody", "orgfunction", "orgcommon", "orgplace", "demonymbody", "bodytitle", "orgnoun"))


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    words: dict[str, set[str]] = defaultdict(set)
    phrases: dict[str, str] = {}
    every: set[str] = set()
    for name, kind in (("countries", "LOC"), ("places", "LOC"), ("organisations", "ORG"), ("people", "PERS")):
        for spellings in _alternatives(name):
            every.update(spellings)
            for f in spellings:
                parts = f.split()
                if len(parts) == 1:
                    words["g" + kind].add(f)
                else:
                    phrases.setdefault(f, kind)
                    if kind == "PERS":
                        words["surname"].add(parts[-1])
    for spellings in _alternatives("first_names"):
        for f in spellings:
            words["given"].add(f.split()[0])
    for spellings in _alternatives("foreign_first_names"):
        for f in spellings:
            words["fgiven"].add(f.split()[0])
    for t in titles():
        words["title"].add(t[0])
    for spellings in _alternatives("nationalities"):
        for f in spellings[1:]:
            words["nation"].add(f)
    for label, entries in phrases_by_tag("entity_cues").items():
        if label in _RECOGNIZER_ONLY:
            continue
        for e in entries:
            words["cue_" + label].add(e.split()[0])
    for forms in reporting_verb_forms().values():
        words["verb"].update(forms)
    lengths: dict[str, set[int]] = defaultdict(set)
    for p in phrases:
        parts = p.split()
        lengths[parts[0]].add(len(parts))
    labels_of: dict[str, list[str]] = defaultdict(list)
    for label, entries in sorted(words.items()):
        for e in entries:
            labels_of[e].append(label)
    return WordLists(
        spellings=frozenset(every),
        labels_of={w: tuple(ls) for w, ls in labels_of.items()},
        words={k: frozenset(v) for k, v in words.items()},
        phrases=phrases,
        first_lengths={w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()},
    )


@lru_cache(maxsize=300_000)
@cython.locals(text=str, variants=tuple, out=list, variant=str, prefix=str, reading=str, k=cython.Py_ssize_t)
def word_readings(norm: str) -> tuple[str, ...]:
    """The word and its readings without proclitics; after a clitic that holds the
    article ("بال", "لل") the reading keeps "ال" ("للامم" reads "الامم").  Kept for each
    word: a new word type's readings are asked for its word-list attributes and again
    for the gazetteer phrases it may open (~2,000 instructions each time; issue 19,
    session 31)."""
    text = _as_str(norm)
    variants = clitic_variants(text)
    if len(variants) < 2:
        return (text,)
    out = [text]
    for k in range(1, len(variants)):
        variant = variants[k]
        prefix = text[: len(text) - len(variant)]
        reading = ARTICLE + variant if prefix.endswith(_ARTICLE_CLITICS) else variant
        if reading not in out:
            out.append(reading)
    return tuple(out)


#: The ends of a proclitic that hold the article (ال, or لل for ل + ال).
_ARTICLE_CLITICS = (ARTICLE, PREPOSITION_ARTICLE_MERGED)


def _shape(token: str, norm: str) -> str:
    """The shape of a word by its letters and digits ``norm``: "punct" when it has none,
    "digit" (ASCII digits, no Arabic letter), "mixed" (digits and Arabic), "latin", "ar", or
    "punct" again when it has no Arabic letter (another script's)."""
    if not norm:
        return "punct"
    kinds = _kinds(_as_str(norm))
    if kinds & _HAS_DIGIT:
        return "digit" if not kinds & _HAS_ARABIC else "mixed"
    if kinds & _HAS_LATIN:
        return "latin"
    if not kinds & _HAS_ARABIC:
        return "punct"
    return "ar"


_HAS_DIGIT, _HAS_LATIN, _HAS_ARABIC = 1, 2, 4


@cython.cfunc
@cython.locals(text=str, c=cython.Py_UCS4, kinds=cython.int)
def _kinds(text: str) -> int:
    """Whether ``text`` has an ASCII digit, a Latin letter (lower case, folded, a-z and
    U+00C0-U+024F) and an Arabic letter (U+0621-U+064A), a bit each, in one pass over its
    characters: three patterns' searches were most of a new word's shape (~1.8 us a word)."""
    kinds = 0
    for c in text:
        if "0" <= c <= "9":
            kinds |= _HAS_DIGIT
        elif "a" <= c <= "z" or "\u00c0" <= c <= "\u024f":
            kinds |= _HAS_LATIN
        elif "\u0621" <= c <= "\u064a":
            kinds |= _HAS_ARABIC
    return kinds


@lru_cache(maxsize=300_000)
def word_attributes(token: str) -> tuple[tuple[str, str], ...]:
    """(family, value) attributes of one token as written; see the module docstring:
    :func:`own_attributes`, then :func:`listed_attributes` of its letters and digits
    (an Arabic or Latin word)."""
    own = own_attributes(token)
    if own[0][1] not in _LISTED_SHAPES:
        return own
    return own + listed_attributes(own[1][1])


#: The shapes of the words looked up in khabar's word lists.
_LISTED_SHAPES = frozenset(("ar", "latin"))


@cython.locals(norm=str, bare=str, shape=str, stripped=str, n=cython.Py_ssize_t, s=cython.Py_ssize_t)
def own_attributes(token: str) -> tuple[tuple[str, str], ...]:
    """The attributes of a token that depend on it alone, not on khabar's word lists
    (its shape first, then ("w", its letters and digits)): what the model file may hold
    precomputed for a word (:class:`~khabar.extract.tagger.crf.WordRows`).  Made as one
    tuple, its constant attributes shared (a new word type's attributes were ~6 us a word
    in tuples and lists made and joined; issue 19, session 37)."""
    norm = _as_str(normalize(token))
    bare = _as_str(_letters_and_digits(norm))
    shape = _shape(token, bare)
    if shape == "punct":
        return (_PUNCT, ("w", norm.strip() or token))
    n = len(bare)
    if shape == "digit" or shape == "mixed":
        return (_DIGIT_SHAPE if shape == "digit" else _MIXED_SHAPE, ("w", bare), _DIGIT_LENGTHS[min(n, 5)])
    if shape == "ar":
        stripped = strip_clitics(bare)
        s = len(stripped)
        own = (
            _AR, ("w", bare), ("s", stripped), ("pc", bare[: n - s]), ("st", stem(bare)), _LENGTHS[min(s, 9)],
            ("p2", stripped[:2]), ("p3", stripped[:3]), ("x2", bare[-2:]), ("x3", bare[-3:]), ("x4", bare[-4:]),
        )
    else:
        own = (
            _LATIN_SHAPE, ("w", bare), ("s", bare), _NO_CLITIC, ("st", bare), _LENGTHS[min(n, 9)],
            ("p2", bare[:2]), ("p3", bare[:3]), ("x2", bare[-2:]), ("x3", bare[-3:]), ("x4", bare[-4:]),
        )
    if norm.startswith("ال"):
        return own + _AL
    return own


@cython.cfunc
@cython.inline
def _as_str(text) -> str:
    """``text`` as a str of its own type (a subclass, as numpy's strings the training script
    hands over, copied): the typed loops take a str and nothing else."""
    return text if type(text) is str else str(text)


_PUNCT, _DIGIT_SHAPE, _MIXED_SHAPE = ("shape", "punct"), ("shape", "digit"), ("shape", "mixed")
_AR, _LATIN_SHAPE, _NO_CLITIC, _AL = ("shape", "ar"), ("shape", "latin"), ("pc", ""), (("G", "al"),)
#: ("L", length) of a word without proclitics (up to 9) and of a number (up to 5).
_LENGTHS = tuple(("L", str(k)) for k in range(10))
_DIGIT_LENGTHS = _LENGTHS[:6]


@cython.locals(text=str, readings=tuple, out=list, seen=list, labels=tuple, label=str, k=cython.Py_ssize_t, j=cython.Py_ssize_t)
def listed_attributes(bare: str) -> tuple[tuple[str, str], ...]:
    """The attributes of a word (its letters and digits, Arabic or Latin) from khabar's
    word lists, as read for each of its clitic readings: they follow its own.  (A loop
    with no generator: ``any`` over a generator made a closure and a frame a call.)"""
    text = _as_str(bare)
    lists = word_lists()
    labels_of = lists.labels_of
    readings = word_readings(text)
    out = []
    seen = []
    for k in range(len(readings)):
        labels = labels_of.get(readings[k])
        if labels is None:
            continue
        for j in range(len(labels)):
            label = labels[j]
            if label not in seen:
                seen.append(label)
                out.append(("G", label) if k == 0 else ("G", label + "+c"))
    if text in STOPWORDS:
        out.append(_STOP)
    else:
        for k in range(1, len(readings)):
            if readings[k] in STOPWORDS:
                out.append(_STOP_AFTER_CLITIC)
                break
    first = lists.first_lengths
    for k in range(len(readings)):
        if readings[k] in first:
            out.append(_PHRASE_FIRST)
            break
    return tuple(out)


_STOP, _STOP_AFTER_CLITIC, _PHRASE_FIRST = ("G", "stop"), ("G", "stop+c"), ("G", "phrase1")


@lru_cache(maxsize=300_000)
def phrase_starts(bare: str) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Readings of a word that open a multi-word gazetteer entry, with the entry lengths."""
    if not bare:
        return ()
    first = word_lists().first_lengths
    return tuple((r, first[r]) for r in word_readings(bare) if r in first)


def phrase_matches(norms: list[str], positions: Iterable[int] | None = None) -> list[tuple[int, int, str]]:
    """(first token, length, kind) of each multi-word gazetteer entry in a sentence
    (normalized, bare words), longest first, clitics read off its first word; only
    ``positions`` are tried as first words when given."""
    phrases = word_lists().phrases
    found: list[tuple[int, int, str]] = []
    n, taken = len(norms), 0
    for i in range(n) if positions is None else positions:
        if i < taken:
            continue
        best = None
        for r, lengths in phrase_starts(norms[i]):
            for length in lengths:
                if i + length <= n and (best is None or length > best[0]):
                    kind = phrases.get(" ".join([r, *norms[i + 1 : i + length]]))
                    if kind is not None:
                        best = (length, kind)
                        break
        if best is not None:
            found.append((i, *best))
            taken = i + best[0]
    return found


def phrase_attributes(norms: list[str]) -> list[list[str]]:
    """For each token of a sentence (normalized, bare), the gazetteer phrase attributes:
    ``B-LOC``/``I-LOC`` etc. inside the entries :func:`phrase_matches` finds."""
    out: list[list[str]] = [[] for _ in norms]
    for i, length, kind in phrase_matches(norms):
        out[i].append("B-" + kind)
        for k in range(i + 1, i + length):
            out[k].append("I-" + kind)
    return out


@lru_cache(maxsize=300_000)
def bare_norm(token: str) -> str:
    return _letters_and_digits(normalize(token))


def _letters_and_digits(norm: str) -> str:
    """The letters and digits of ``norm``: most words are nothing else, and are kept whole
    without a look at each character."""
    return norm if norm.isalnum() else "".join(ch for ch in norm if ch.isalnum())


def families_at(offset: int) -> frozenset[str] | None:
    """Attribute families a token sees from the word at ``offset`` (None: all)."""
    if offset == 0:
        return None
    return NEAR_FAMILIES if abs(offset) == 1 else FAR_FAMILIES
