"""The word lists entity recognition reads, loaded once: gazetteers of places, organisations
and people, titles, nationalities, given names, cue words; and what each word may start
(a bit mask over its readings without proclitics), the fast filter of every pass.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution.verbs import forms_of, reporting_verb_forms, reporting_verbs
from khabar.extract.titles import titles as title_phrases
from khabar.text.ar.clitics import ARTICLE, CONJUNCTIONS, PREPOSITIONS, PROCLITICS, clitic_variants
from khabar.text.ar.lexicon import phrases_by_tag, read_fields, read_tagged
from khabar.text.ar.names import person_key
from khabar.text.ar.normalize import is_normalized, normalize

PERSON, ORG, PLACE = "person", "organisation", "place"


KINDS = (PERSON, ORG, PLACE)


#: BIO type of each kind, as ANERcorp and conlleval name them.
BIO_TYPES = {PERSON: "PERS", ORG: "ORG", PLACE: "LOC"}


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[str, tuple[str, str, bool]]  # phrase -> (kind, canonical key, context only)
    first_lengths: dict[str, tuple[int, ...]]  # first word -> phrase lengths, longest first
    titles: frozenset[str]
    title_lengths: dict[str, tuple[int, ...]]
    title_words: frozenset[str]
    nationalities: frozenset[str]
    state_bodies: frozenset[str]  # entity_cues [orgstate]: "الجيش" names an organisation with a nationality after it
    function_heads: frozenset[str]  # [orgstate] and [orgbody]: "الخطوط" names one with a word of function after it
    function_words: frozenset[str]  # entity_cues [orgfunction]: "الجوية" of "الخطوط الجوية"
    demonym_heads: frozenset[str]  # entity_cues [orgcommon]: "الخطوط الجوية" is a body only with its demonym
    say_verbs: frozenset[str]
    name_stops: frozenset[str]
    not_names: frozenset[str]  # entity_cues [notname] (first words): "الدفاع" ends a person's name, not a ministry's
    org_heads: frozenset[str]
    district_heads: frozenset[str]  # entity_cues [org district]: "مديرية الظاهر" is a place
    portfolios: frozenset[str]  # a minister's portfolio in titles.txt ("الصحة" of "وزير الصحة")
    kind_heads: frozenset[str]  # "صحيفة", "شركة": the name follows, the head is not part of it
    place_heads: frozenset[str]
    weak_place_heads: frozenset[str]
    all_place_heads: frozenset[str]
    list_heads: frozenset[str]
    place_prefixes: frozenset[str]
    particles: frozenset[str]
    generic: frozenset[str]
    given_ar: frozenset[str]  # Arabic given names: compared exactly, never fuzzily
    starters: frozenset[str]  # given names that start a person name on their own
    surnames: frozenset[str]  # last words of the people gazetteer


def _index(phrases: dict[str, object]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = defaultdict(set)
    for p in phrases:
        words = p.split()
        lengths[words[0]].add(len(words))
    return {w: tuple(sorted(ls, reverse=True)) for w, ls in lengths.items()}


def _verbs_before_a_speaker() -> frozenset[str]:
    """Forms of the verbs of saying that a named speaker may follow ("قال زيد"، "وتؤكد
    الوزيرة"): singular past and present forms, not a plural ("علقوا بأي شيء": the verb
    holds its subject), not a participle, not a form that is also a common word ("بين
    ركاب سيارتين")."""
    return frozenset(
        form
        for verb in reporting_verbs()
        if verb.cls == "say" and not verb.strict
        for form, kind in forms_of(verb).items()
        if kind != "participle" and not form.endswith(("وا", "ون"))
    )


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    phrases: dict[str, tuple[str, str, bool]] = {}
    surnames: set[str] = set()
    for name, kind in (("organisations", ORG), ("countries", PLACE), ("places", PLACE), ("people", PERSON)):
        for fields in read_fields(name):
            canonical = fields[0].lstrip("~=").strip()
            key = person_key(canonical.split()) if kind == PERSON else canonical
            for f in fields:
                context_only = f.startswith("~")
                phrase = f.lstrip("~=").strip()  # "=بوتين": a short form that stands alone
                phrases.setdefault(phrase, (kind, key, context_only))
                if kind == PERSON:
                    surnames.add(phrase.split()[-1])
    titles = frozenset(" ".join(t) for t in title_phrases() if all(w.isalpha() for w in t))
    nationalities = frozenset(w for fields in read_fields("nationalities") for w in fields[1:])
    verbs = reporting_verb_forms()
    cues = phrases_by_tag("attribution_cues")
    mine = phrases_by_tag("entity_cues")
    say = _verbs_before_a_speaker()
    every_verb = frozenset(v for vs in verbs.values() for v in vs)
    stops = (
        every_verb
        | frozenset(v.split()[0] for k in ("anonymous", "stop", "relative", "boundary") for v in cues.get(k, ()))
        | frozenset(v.split()[0] for v in mine.get("notname", ()))
    )
    given_ar: set[str] = set()
    starters: set[str] = set()
    for fields in read_fields("first_names"):
        for f in fields:
            name = person_key(f.lstrip("~").split())
            given_ar.add(name)
            if not f.startswith("~"):
                starters.add(name)
    starters.update(("عبد", "ابو"))  # "عبد الله", "أبو تراب": a compound or a kunya opens a name
    for fields in read_fields("foreign_first_names"):
        for f in fields:
            if not f.startswith("~"):
                starters.add(f.split()[0])
    return _Lexicon(
        phrases=phrases,
        first_lengths=_index(phrases),
        titles=titles,
        title_lengths=_index(dict.fromkeys(titles)),
        title_words=frozenset(t.split()[0] for t in titles),
        nationalities=nationalities,
        state_bodies=mine.get("orgstate", frozenset()),
        function_heads=mine.get("orgstate", frozenset()) | mine.get("orgbody", frozenset()),
        function_words=mine.get("orgfunction", frozenset()),
        demonym_heads=mine.get("orgcommon", frozenset()),
        say_verbs=say,
        name_stops=frozenset(stops),
        not_names=frozenset(v.split()[0] for v in mine.get("notname", ())),
        org_heads=mine.get("org", frozenset()) | mine.get("orgname", frozenset()),
        district_heads=frozenset(normalize(e.phrase) for e in read_tagged("entity_cues") if e.tag == "org" and e.mode == "district"),
        portfolios=frozenset(t.split()[1] for t in titles if len(t.split()) == 2 and t.split()[0] == "وزير"),
        kind_heads=mine.get("orgname", frozenset()),
        place_heads=mine.get("place", frozenset()),
        weak_place_heads=mine.get("placeweak", frozenset()),
        all_place_heads=frozenset().union(*(mine.get(k, frozenset()) for k in ("place", "places", "placeweak"))),
        list_heads=mine.get("places", frozenset()),
        place_prefixes=mine.get("placeprefix", frozenset()),
        particles=frozenset(person_key([p]) for p in mine.get("particle", ())) | mine.get("particle", frozenset()),
        generic=mine.get("generic", frozenset()),
        given_ar=frozenset(given_ar),
        starters=frozenset(starters),
        surnames=frozenset(surnames),
    )


@lru_cache(maxsize=1)
def _spellings() -> dict[str, tuple[str, ...]]:
    by_key: dict[str, list[str]] = defaultdict(list)
    for phrase, (_kind, key, context_only) in _lexicon().phrases.items():
        if not context_only:
            by_key[key].append(phrase)
    return {k: tuple(v) for k, v in by_key.items()}


def spellings(key: str) -> tuple[str, ...]:
    """Every spelling the gazetteers give the referent of canonical ``key`` ("سوريه" and
    "الجمهوريه العربيه السوريه" for "سوريا"), not those read as a name only in context;
    ``(key,)`` for a name the gazetteers do not hold."""
    return _spellings().get(key, (key,))


@lru_cache(maxsize=1)
def country_keys() -> frozenset[str]:
    """The canonical keys of ``countries.txt`` (a country, not a town or a region in it)."""
    return frozenset(_lexicon().phrases[normalize(f[0].lstrip("~=").strip())][1] for f in read_fields("countries"))


# What a word may start, by any of its readings: each pass looks only at words with its bit.
_GAZ, _TITLE, _ORG_HEAD, _PLACE_HEAD, _SAY, _STARTER, _GIVEN = 1, 2, 4, 8, 16, 32, 64


#: :func:`_form_bits` and :func:`_mask_endings` as :meth:`_Masks.__missing__` reads them, set at
#: its first call (the lexicon loads on first use).  Compiled, two C variables: through their
#: caches they were two calls a new word, ~600 of its ~1,700 instructions (docs/measurements.md,
#: issue 19, session 30).
_BITS = cython.declare(dict, None)
_ENDINGS = cython.declare(frozenset, None)


class _Masks(dict):
    """:func:`_compute_mask` of each normalized word, computed once: a dict whose missing words are
    computed on reading, so a sentence's masks are one ``map`` of its ``__getitem__``
    (a loop in C) rather than a test and a read per token in Python."""

    MAX = 200_000

    @cython.locals(word=str)
    def __missing__(self, word: str) -> int:
        global _BITS, _ENDINGS
        if _BITS is None:
            _BITS, _ENDINGS = _form_bits(), _mask_endings()
        if len(self) > self.MAX:
            self.clear()
        if word and word[0] not in _READING_OPENERS:
            # A word whose first letter opens no proclitic sequence but the bare article
            # has one reading, itself (the article's reading puts "ال" back: the word
            # again; a test over every letter): its bits are one look-up, with no
            # screen, slice or readings made: seven in ten of the bench's new words
            # (7,368 of 10,510; the masks 88 -> 39 M instructions, docs/measurements.md).
            mask = _BITS.get(word, 0)
        elif _FOUR:
            # Every word read here is normalized (a token's form, or a reading of one:
            # normalization is idempotent, tests/text/ar/test_normalize.py), so it is not
            # asked again (``is_normalized``: 25 M of the mentions' 1,479 M instructions).
            # Most words of news have no bit (three types in four: see _compute_mask), found
            # here with no generator: a normalized word none of whose endings after at most
            # four letters (_LONGEST_PROCLITIC) the masks look for; the others go straight
            # to their readings (not through _compute_mask, which would screen them again)
            if not (
                word in _ENDINGS or word[1:] in _ENDINGS or word[2:] in _ENDINGS or word[3:] in _ENDINGS
                or word[4:] in _ENDINGS
            ):
                mask = 0
            else:
                mask = _readings_mask(word)
        else:
            mask = _compute_mask(word)
        self[word] = mask
        return mask


_MASKS = _Masks()  # _mask's results, read for every token


def _mask(word: str) -> int:
    return _MASKS[word]


@lru_cache(maxsize=1)
def _mask_endings() -> frozenset[str]:
    """Every ending of a word that may give it a bit: each form the masks look for, and
    that form without "ال" (a reading after "بال", "لل" puts the article back)."""
    lex = _lexicon()
    forms = (
        set(lex.first_lengths) | set(lex.title_lengths) | lex.org_heads | lex.function_heads | lex.all_place_heads
        | lex.say_verbs | lex.starters | lex.given_ar
    )
    return frozenset(forms | {f[2:] for f in forms if f.startswith("ال")}) - {""}


#: The longest proclitic sequence: a reading of a word is the word without at most this
#: many letters in front (and "ال" again after a sequence that holds the article).
_LONGEST_PROCLITIC = max(len(p) for p, _ in PROCLITICS)
_FOUR = _LONGEST_PROCLITIC == 4  # what _Masks.__missing__'s first look is written for
#: The one-letter proclitics, which a three-letter word is also read without (:func:`_readings`).
_SHORT_CLITICS = "".join((*CONJUNCTIONS, *PREPOSITIONS))
#: The first letters of the words that may have a reading other than themselves: those
#: of the proclitic sequences but the bare article (after which a reading keeps "ال",
#: :func:`_readings`), and those of a three-letter word's one-letter clitic.
READING_OPENERS = "".join(sorted({p[0] for p, _ in PROCLITICS if p != ARTICLE} | set(_SHORT_CLITICS)))
_READING_OPENERS = cython.declare(str, READING_OPENERS)  # a C string where compiled


def _compute_mask(word: str) -> int:
    if is_normalized(word) or word == normalize(word):
        # Every reading of a normalized word is one of its endings (after at most
        # _LONGEST_PROCLITIC letters), "ال" in front or not: a word none of whose endings
        # is in _mask_endings() has no bit, and its readings are not worked out.  Exact,
        # and three words in four of news text leave here (on 300 ANT articles 14,282 of
        # 18,793 word types), which saves most of the cost of a new word's mask.
        endings = _mask_endings()
        if not any(word[k:] in endings for k in range(_LONGEST_PROCLITIC + 1)):
            return 0
    return _readings_mask(word)


def _readings_mask(word: str) -> int:
    """The bits of every reading of ``word`` (:func:`_form_bits`)."""
    bits = _form_bits()
    mask = 0
    for form, _off in _readings(word):
        mask |= bits.get(form, 0)
    return mask


@lru_cache(maxsize=1)
def _form_bits() -> dict[str, int]:
    """The bits of each form the masks look for: one dictionary read a reading, where
    seven sets of the lexicon were read (each an attribute of it and a look-up)."""
    lex = _lexicon()
    out: dict[str, int] = {}
    for forms, bit in (
        (lex.first_lengths, _GAZ),
        (lex.title_lengths, _TITLE),
        (lex.org_heads, _ORG_HEAD),
        (lex.function_heads, _ORG_HEAD),  # a state body is read by the organisation passes too
        (lex.all_place_heads, _PLACE_HEAD),
        (lex.say_verbs, _SAY),
        (lex.starters, _STARTER),
        (lex.given_ar, _GIVEN),
    ):
        for form in forms:
            out[form] = out.get(form, 0) | bit
    return out


@lru_cache(maxsize=100_000)
def _readings(word: str) -> tuple[tuple[str, int], ...]:
    """Readings of a normalized word without its proclitics, with how many normalized
    letters each drops from the front (where the name starts as written).

    After a clitic that contains the article ("بال", "لل", "وال") the reading keeps "ال":
    "للامم" reads "الامم" (starting at the first letter, since لل fuses ل and ال) and
    "السوريه" never reads as a bare "سوريه".
    """
    out: list[tuple[str, int]] = [(word, 0)]
    for variant in clitic_variants(word)[1:]:
        prefix = word[: len(word) - len(variant)]
        if prefix.endswith("ال"):
            out.append(("ال" + variant, len(prefix) - 2))
        elif prefix.endswith("لل"):
            out.append(("ال" + variant, len(prefix) - 2))
        else:
            out.append((variant, len(prefix)))
    if len(word) == 3 and word[0] in _SHORT_CLITICS:
        out.append((word[1:], 1))  # "لحي", "بحي": too short for clitic_variants, but a head word
    seen: dict[str, int] = {}
    for form, off in out:
        seen.setdefault(form, off)
    return tuple(seen.items())


def _conj_readings(word: str) -> tuple[str, ...]:
    """The word and, when it starts with the conjunction و/ف, the word without it."""
    if len(word) >= 3 and word[0] in "وف":
        return (word, word[1:])
    return (word,)
