"""People, organisations and places: found in each article, then one entity per referent.

Arabic has no capital letters and no pretrained offline NER ships on PyPI, so recognition
is gazetteers plus patterns, all over normalized word tokens:

* **gazetteers** (``data/countries.txt``, ``places.txt``, ``organisations.txt``,
  ``people.txt``): every spelling of a referent maps to its canonical key; a leading clitic
  is read off the first word ("بحلب", "وسوريا", "للأمم المتحدة"), and after a clitic that
  contains the article the entry must itself start with "ال" (so "السورية" never reads
  as the country "سورية").
* **titles** (``titles.txt``) and their complements ("وزير الخارجية الروسي", "مدير
  المرصد", "اللواء بجيش النظام") are the role; the 1-3 name-like words after them are the
  name.  A reporting verb ("قال", "وأضاف" from ``reporting_verbs.txt``) or a known given
  name (``first_names.txt``, ``foreign_first_names.txt``) also starts a name.
* **head words** (``entity_cues.txt``): "المرصد/وزارة/حركة ..." start an organisation
  that runs on through definite and prepositional complements; "حي/مدينة/بلدة ..." announce
  a place (and "أحياء X وY وZ" a list of them).
* **within an article**, a full name once found is found again, and its surname alone
  ("لافروف") refers to it -- unless two people of the article share that surname, in which
  case the bare surname stays unresolved (its own key).

:func:`link_entities` then makes one :class:`~khabar.model.Entity` per referent across the
corpus.  Person names merge when every word matches: exactly for Arabic given names
(محمد ≠ محمود) and definite surnames (الحسن ≠ الحسين), by consonant skeleton and one edit for
transliterated names (سيرجي/سيرغي، إيغلاند/إيغيلان، بيرغستروم/برغستروم).  Different given
names with one surname never merge (إياد الحسن ≠ مصطفى الحسن).  A bare surname is attached
to the one full name in the corpus that ends with it; when two or more do, it stays an
entity of its own, attached to none (so "الحسن" never lends a quote to the wrong person).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from khabar.extract.titles import ROLE_LINKS, ROLE_OWNERS
from khabar.extract.titles import titles as title_phrases
from khabar.model import Article, Entity, EntityMention, Mention, Sentence
from khabar.text.ar.lexicon import read_fields, read_tagged
from khabar.text.ar.normalize import normalize, strip_diacritics
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.segment import iter_sentences
from khabar.text.ar.clitics import ARTICLE_PROCLITICS, PLAIN_PROCLITICS, clitic_variants
from khabar.text.ar.tokenize import tokenize, words

PERSON, ORG, PLACE = "person", "organisation", "place"
KINDS = (PERSON, ORG, PLACE)
#: BIO type of each kind, as ANERcorp and conlleval name them.
BIO_TYPES = {PERSON: "PERS", ORG: "ORG", PLACE: "LOC"}

_MAX_NAME_UNITS = 3  # a person's name: 1-3 words after a title (particles bind to the next)
_MAX_COMPLEMENT = 6  # words of a title's complement ("مستشار الأمم المتحدة للشؤون الإنسانية")
_MAX_ORG_TAIL = 6


# --- word lists -------------------------------------------------------------------------


def _tagged(name: str) -> dict[str, frozenset[str]]:
    """Entries of a "[kind] phrase ..." list by kind (phrase without "+x" options)."""
    out: dict[str, set[str]] = defaultdict(set)
    for entry in read_tagged(name):
        words = [w for w in entry.phrase.split() if not w.startswith("+")]
        if words:
            out[entry.tag].add(" ".join(words))
    return {k: frozenset(v) for k, v in out.items()}


def person_key(words: Sequence[str]) -> str:
    """The matching key of a person's name from its normalized words.

    "عبد الرحمن" and "عبدالرحمن" (and أبو compounds) meet; a hyphen is a space, so
    "جان-مارك" and "جان مارك" meet.
    """
    text = " ".join(w for part in words for w in part.replace("-", " ").split())
    return re.sub(r"(?<!\S)(عبد|ابو) (?=\S)", r"\1", text)


@dataclass(frozen=True)
class _Lexicon:
    phrases: dict[str, tuple[str, str, bool]]  # phrase -> (kind, canonical key, context only)
    first_lengths: dict[str, tuple[int, ...]]  # first word -> phrase lengths, longest first
    titles: frozenset[str]
    title_lengths: dict[str, tuple[int, ...]]
    title_words: frozenset[str]
    nationalities: frozenset[str]
    say_verbs: frozenset[str]
    name_stops: frozenset[str]
    org_heads: frozenset[str]
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
    verbs = _tagged("reporting_verbs")
    cues = _tagged("attribution_cues")
    mine = _tagged("entity_cues")
    say = frozenset(v.split()[0] for v in verbs.get("say", ()))
    every_verb = frozenset(v.split()[0] for vs in verbs.values() for v in vs)
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
        say_verbs=say,
        name_stops=frozenset(stops),
        org_heads=mine.get("org", frozenset()) | mine.get("orgname", frozenset()),
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


# What a word may start, by any of its readings: each pass looks only at words with its bit.
_GAZ, _TITLE, _ORG_HEAD, _PLACE_HEAD, _SAY, _STARTER, _GIVEN = 1, 2, 4, 8, 16, 32, 64


_MASKS: dict[str, int] = {}  # _mask's results (a plain dict: looked up for every token)


def _mask(word: str) -> int:
    if len(_MASKS) > 200_000:
        _MASKS.clear()
    _MASKS[word] = mask = _compute_mask(word)
    return mask


def _compute_mask(word: str) -> int:
    lex = _lexicon()
    mask = 0
    for form, _off in _readings(word):
        if form in lex.first_lengths:
            mask |= _GAZ
        if form in lex.title_lengths:
            mask |= _TITLE
        if form in lex.org_heads:
            mask |= _ORG_HEAD
        if form in lex.all_place_heads:
            mask |= _PLACE_HEAD
        if form in lex.say_verbs:
            mask |= _SAY
        if form in lex.starters:
            mask |= _STARTER
        if form in lex.given_ar:
            mask |= _GIVEN
    return mask


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
    if len(word) == 3 and word[0] in "وفبلك":
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


# --- one sentence ------------------------------------------------------------------------


@dataclass(slots=True)
class _Span:
    i: int  # first token
    j: int  # one past the last token
    kind: str
    key: str
    offset: int = 0  # normalized letters of the first token that are clitics, not name
    role: tuple[int, int, int] | None = None  # (first token, clitic letters, last token + 1)
    words: tuple[str, ...] = ()  # normalized words as written (for re-finding the name)


@dataclass(slots=True)
class _Sentence:
    text: str
    base: int  # offset of the sentence in the article text
    toks: list
    norms: list[str]
    soft: list[bool]  # soft[k]: tokens k and k+1 are in one phrase (only spaces or a bare hyphen between)
    masks: list[int]
    owner: list[_Span | None] = field(default_factory=list)
    spans: list[_Span] = field(default_factory=list)


def _prepare(text: str, base: int) -> _Sentence:
    toks = tokenize(text)
    norms = [t.norm for t in toks]
    gaps = [text[a.end : b.start] for a, b in zip(toks, toks[1:])]
    soft = [g == " " or g == "-" or g == "" or (len(g) < 4 and g.isspace()) for g in gaps]
    soft.append(False)
    cache = _MASKS
    masks = [cache[w] if w in cache else _mask(w) for w in norms]
    return _Sentence(text, base, toks, norms, soft, masks, [None] * len(toks))


def _add(s: _Sentence, span: _Span) -> _Span:
    s.spans.append(span)
    for k in range(span.i, span.j):
        s.owner[k] = span
    if not span.words:
        span.words = tuple(s.norms[span.i : span.j])
    return span


def _free(s: _Sentence, i: int, j: int) -> bool:
    return (
        j <= len(s.norms)
        and all(s.owner[k] is None for k in range(i, j))
        and all(s.soft[k] for k in range(i, j - 1))
    )


def _gazetteer_at(s: _Sentence, i: int, lex: _Lexicon, *, context: bool) -> tuple[int, str, str, int] | None:
    """Longest gazetteer phrase starting at token ``i``: (length, kind, key, clitic letters)."""
    best: tuple[int, str, str, int] | None = None
    for form, off in _readings(s.norms[i]):
        for length in lex.first_lengths.get(form, ()):
            if best is not None and length <= best[0]:
                break
            if not _free(s, i, i + length):
                continue
            phrase = " ".join([form, *s.norms[i + 1 : i + length]])
            hit = lex.phrases.get(phrase)
            if hit is not None and (context or not hit[2]):
                best = (length, hit[0], hit[1], off)
                break
    return best


def _phrase_at(
    s: _Sentence, i: int, table: frozenset[str], lengths: dict[str, tuple[int, ...]]
) -> tuple[int, int] | None:
    """Longest entry of ``table`` at token ``i`` (clitics read off the first word)."""
    for form, off in _readings(s.norms[i]):
        for length in lengths.get(form, ()):
            if _free(s, i, i + length) and " ".join([form, *s.norms[i + 1 : i + length]]) in table:
                return length, off
    return None


def _single_at(s: _Sentence, i: int, table: frozenset[str]) -> tuple[str, int] | None:
    for form, off in _readings(s.norms[i]):
        if form in table:
            return form, off
    return None


def _name_like(word: str, lex: _Lexicon, surnames: set[str] | frozenset[str], *, first: bool) -> bool:
    if len(word) < 2 or not word[0].isalpha() or word.isdigit():
        return False
    if word in STOPWORDS or word in lex.name_stops or word in lex.nationalities or word in lex.title_words:
        return False
    if word in lex.org_heads or word in lex.all_place_heads:
        return False
    if any(r in STOPWORDS for r in _conj_readings(word)[1:]):
        return False  # "وإذ", "فهو"
    if word.startswith("لل"):
        return False
    if first:
        return not word.startswith("ال") or word in surnames or word in lex.surnames or word in lex.given_ar
    if any(r in lex.title_words for r, _ in _readings(word)[1:]):
        return False  # "لمستشار": a title with a clitic opens another phrase
    if word[0] == "ي" and len(word) >= 4 and not _known(word, lex, surnames):
        return False  # "طلعت زكريا يتقمص": subject-verb order, the verb ends the name
    if word[0] in "بل" and word.endswith(("ته", "تها", "تهم")):
        return False  # "بقيادته": a preposition and a pronoun suffix, not a name
    if word.startswith("ال"):
        return True
    if word[0] in "وفبلك" and len(word) > 3:
        rest = word[1:]
        if rest.startswith("ال") or rest in STOPWORDS:
            return False
        if word[0] == "و" and word not in lex.starters and word not in lex.given_ar and word not in surnames:
            return False  # "بشار الأسد وحلفاؤه": و is the conjunction unless the word is a known name
    return True


def _name_at(s: _Sentence, j: int, lex: _Lexicon, surnames: set[str]) -> int | None:
    """End (exclusive) of a person's name starting at token ``j``, or None."""
    n = len(s.norms)
    if j >= n or s.owner[j] is not None or not _name_like(s.norms[j], lex, surnames, first=True):
        return None
    k, units = j, 0
    while k < n and units < _MAX_NAME_UNITS:
        if k > j and (
            not s.soft[k - 1] or s.owner[k] is not None or not _name_like(s.norms[k], lex, surnames, first=False)
        ):
            break
        if units == 2 and not _third_word_ok(s, j, k, lex, surnames):
            break
        if (
            s.norms[k] in lex.particles
            and k + 1 < n
            and s.soft[k]
            and s.owner[k + 1] is None
            and _name_like(s.norms[k + 1], lex, surnames, first=False)
        ):
            k += 2
        else:
            k += 1
        units += 1
    while k > j and s.norms[k - 1] in lex.particles:
        k -= 1
    return k if k > j else None


def _known(word: str, lex: _Lexicon, surnames: set[str]) -> bool:
    return word in lex.starters or word in lex.given_ar or word in surnames or word in lex.surnames


def _plausible_first(word: str, lex: _Lexicon, surnames: set[str]) -> bool:
    """Whether an unknown word can open a name.  Adverbial accusatives ("خلفا", "حاليا"),
    imperfect verbs ("يريد", "تواصل"), a clitic preposition ("بإدراج") and plural endings
    ("متطوعون", "اتفاقيتين") cannot; known names always can."""
    if _known(word, lex, surnames):
        return True
    if word.endswith("ا") and len(word) >= 4:
        return False
    if word[0] in "يتبلو" and len(word) >= 4:
        return False
    return not word.endswith(("ون", "ات", "ين"))


def _third_word_ok(s: _Sentence, j: int, k: int, lex: _Lexicon, surnames: set[str]) -> bool:
    """A third name word is taken only with support: a particle in the name ("بان كي مون"),
    a given name in second place ("جان مارك أيرولت", "فهد جاسم الفريج"), or a family name
    that is definite or already known.  Otherwise "يان إيغيلان يدل" would swallow the verb."""
    second, third = s.norms[k - 1], s.norms[k]
    if any(w in lex.particles for w in s.norms[j:k]):
        return True
    if second in lex.starters and second not in lex.given_ar:
        return True  # a double foreign given name: "جان مارك أيرولت"
    return third.startswith("ال") or third in surnames or third in lex.surnames


def _gap(s: _Sentence, k: int) -> str:
    """The punctuation between tokens ``k`` and ``k + 1``, normalized, without spaces."""
    return normalize(s.text[s.toks[k].end : s.toks[k + 1].start]).strip() if k + 1 < len(s.toks) else ""


def _boundary_after(s: _Sentence, k: int, lex: _Lexicon) -> bool:
    """Whether a name ending before token ``k`` is closed: punctuation, the end of the
    sentence, a function word or a reporting/speaker cue ("إن", "في", "،")."""
    if k >= len(s.norms) or not s.soft[k - 1]:
        return True
    word = s.norms[k]
    return word in STOPWORDS or word in lex.name_stops or any(r in STOPWORDS for r in _conj_readings(word)[1:])


def _person(s: _Sentence, i: int, k: int, off: int = 0, role: tuple[int, int, int] | None = None) -> _Span:
    words = tuple(s.norms[i:k])
    if off:
        words = (words[0][off:], *words[1:])
    return _add(s, _Span(i, k, PERSON, person_key(words), off, role, words))


def _complement(s: _Sentence, j: int, lex: _Lexicon, surnames: set[str]) -> tuple[int, int]:
    """Where the complement of a title ending before token ``j`` ends, and how many parts
    it has: nationalities, definite words, known organisations and places, nested titles,
    "باسم"/"في"/"إلى" + a definite word ("وزير الخارجية الروسي", "مدير المرصد",
    "مستشار الأمم المتحدة للشؤون الإنسانية", "محافظ العاصية اللواء")."""
    n, steps, complement = len(s.norms), 0, 0
    while j < n and steps < _MAX_COMPLEMENT and s.soft[j - 1]:
        steps += 1
        word = s.norms[j]
        owner = s.owner[j]
        if owner is not None:
            if owner.kind == PERSON:
                break
            j, complement = owner.j, complement + 1
            continue
        nested = _phrase_at(s, j, lex.titles, lex.title_lengths) if s.masks[j] & _TITLE else None
        if word in lex.nationalities:
            j, complement = j + 1, complement + 1
        elif nested is not None:
            j += nested[0]
        elif (
            word.startswith(("ال", "لل", "بال", "وال"))
            and word not in STOPWORDS
            and word not in surnames
            and word not in lex.surnames
        ):
            j, complement = j + 1, complement + 1
        elif word in ROLE_OWNERS:
            j, complement = j + 1, complement + 1
        elif s.masks[j] & (_PLACE_HEAD | _ORG_HEAD) and j + 1 < n and s.soft[j] and (
            s.owner[j + 1] is not None and s.owner[j + 1].kind != PERSON
        ):
            j, complement = s.owner[j + 1].j, complement + 1  # "لحي وادي النهر": its head, then the span
        elif word in ROLE_LINKS and j + 1 < n and s.soft[j] and (
            s.norms[j + 1].startswith("ال") or (s.owner[j + 1] is not None and s.owner[j + 1].kind != PERSON)
        ):
            j, complement = j + 1, complement + 1
        elif (
            len(word) > 3
            and word[0] in "لب"
            and j + 1 < n
            and s.soft[j]
            and s.norms[j + 1].startswith("ال")
            and not _known(word, lex, surnames)
            and not _known(s.norms[j + 1], lex, surnames)
        ):
            j, complement = j + 1, complement + 1  # "لتنسيق الشؤون", not "بهية الحريري"
        else:
            break
    return j, complement


def _titles(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    n, i = len(s.norms), 0
    while i < n:
        hit = _phrase_at(s, i, lex.titles, lex.title_lengths) if s.masks[i] & _TITLE and s.owner[i] is None else None
        if hit is None:
            i += 1
            continue
        length, off = hit
        if i and s.soft[i - 1] and s.norms[i - 1] in lex.particles:
            i += 1  # "عبد الملك الحوثي": a title word inside a compound name
            continue
        j, complement = _complement(s, i + length, lex, surnames)
        role = (i, off, j)
        if s.norms[j - 1] == "باسم":
            # "المتحدث باسم بان كي مون": the role is the spokesman's, not the named person's
            i = j
            continue
        if j < n and s.owner[j] is not None and s.owner[j].kind == PERSON and s.soft[j - 1] and not s.owner[j].offset:
            # (a person written with a clitic, "لميركل" or "وجونسون", is not the role holder)
            s.owner[j].role = s.owner[j].role or role
            i = s.owner[j].j
            continue
        k = _name_at(s, j, lex, surnames) if j < n and s.soft[j - 1] else None
        if k is None and j < n and _gap(s, j - 1) == "," and complement:
            # an appositive: "مدير المرصد المشرقي لحقوق الإنسان، أسامة الخطيب، إن ..."
            k = _name_at(s, j, lex, surnames)
            if k is not None and (k - j < 2 or k < n and _gap(s, k - 1) != ","):
                k = None
        if k is not None and not _known(s.norms[j], lex, surnames):
            # an indefinite title with nothing after it ("رئيس بيت الشعر", "قائد وحدة"):
            # the next word completes the title, it is not a name
            title_last = _readings(s.norms[i + length - 1])[-1][0] if length == 1 else s.norms[i + length - 1]
            if (not complement and not title_last.startswith("ال")) or not _plausible_first(s.norms[j], lex, surnames):
                k = None
        if k is not None:
            single = k - j == 1
            # one word after a title is a name only when known as one ("الرئيس الأسد"):
            # otherwise "الأمين العام قلق" would make a person of an adjective
            if not single or _known(s.norms[j], lex, surnames):
                _person(s, j, k, role=role)
                i = k
                continue
        i = j if j > i else i + 1


def _names_before_titles(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """"يان إيغلاند مستشار الأمم المتحدة": a role right after a name belongs to it.

    The name is either found already (it ends right before the title) or is two or three
    plausible name words that open the sentence or follow punctuation or a reporting verb.
    """
    n = len(s.norms)
    for i in range(1, n):
        if not s.masks[i] & _TITLE or s.owner[i] is not None or not (s.soft[i - 1] or _gap(s, i - 1) == ","):
            continue
        hit = _phrase_at(s, i, lex.titles, lex.title_lengths)
        if hit is None or hit[1]:
            continue  # "ومستشار": a conjunction opens a new phrase
        j, complement = _complement(s, i + hit[0], lex, surnames)
        if not complement:
            continue
        before = s.owner[i - 1]
        if before is not None:
            if before.kind == PERSON and before.j == i and before.role is None and len(before.words) > 1 and not before.offset:
                before.role = (i, 0, j)
            continue
        for start in (i - 2, i - 3):
            if start < 0 or not _free(s, start, i):
                continue
            opens = (
                start == 0
                or not s.soft[start - 1]
                or any(r in lex.say_verbs for r in _conj_readings(s.norms[start - 1]))
            )
            if not opens or not _plausible_first(s.norms[start], lex, surnames):
                continue
            if _name_at(s, start, lex, surnames) == i:
                surnames.add(_person(s, start, i, role=(i, 0, j)).words[-1])
                break


def _after_verbs(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """"قال زيد الصالح" / "وأضاف دوجاريك أنه": a name right after a reporting verb."""
    n = len(s.norms)
    for i in range(n - 1):
        if not s.masks[i] & _SAY or s.owner[i] is not None or s.owner[i + 1] is not None or not s.soft[i]:
            continue
        if not any(r in lex.say_verbs for r in _conj_readings(s.norms[i])):
            continue
        j = i + 1
        k = _name_at(s, j, lex, surnames)
        if k is None:
            continue
        if k - j == 1:
            # a lone word is a name only when "أن" or a colon follows it at once
            after = s.norms[k] if k < n else ""
            if s.soft[j] and after not in ("ان", "انه", "انها", "بان", "في", "عن") and not (
                after in ("علي", "الي", "من") and _known(s.norms[j], lex, surnames)
            ):
                continue
            if not s.soft[j] and _gap(s, j)[:1] != ":":
                continue
        elif s.norms[j] not in lex.starters and s.norms[j] not in lex.given_ar and not _boundary_after(s, k, lex):
            continue
        first = s.norms[j]
        pronoun = first.endswith(("ه", "ها")) and not _known(first, lex, surnames)
        if pronoun or not _plausible_first(first, lex, surnames):
            continue
        last = s.norms[k - 1]
        if not _known(first, lex, surnames) and (
            first.startswith("ا") and len(first) >= 5  # a verbal noun: "تؤكد استخدام الأسلحة"
            or last.startswith("ال") and last.endswith("ه") and not _known(last, lex, surnames)
        ):
            continue  # "ولفت جلالته النظر": a pronoun suffix marks a noun
        _person(s, j, k)


def _given_names(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """A known given name followed by one or two more name words ("رامي عبد الرحمن")."""
    n, i = len(s.norms), 0
    while i < n:
        if s.masks[i] & (_STARTER | _GIVEN) and s.owner[i] is None:
            for form, off in _readings(s.norms[i])[:2]:
                # only the conjunction: "بيان" must not read as ب + "يان"
                if off and not (s.norms[i][0] == "و" and len(form) >= 3):
                    continue
                starter = form in lex.starters
                if not starter and form not in lex.given_ar:
                    continue
                # "وفرانسوا هولاند": read the name from the word without its clitic
                k = _name_at(s, i, lex, surnames) if off == 0 else _name_from_reading(s, i, form, lex, surnames)
                # a given name that is also a word ("سعيد", "جمال") needs a family name
                # with the article after it ("محسن الشرقاوي"), not just any word
                if k is not None and k - i >= 2 and (starter or _family_name(s.norms[i + 1], lex)):
                    _person(s, i, k, off)
                    i = k - 1
                break
        i += 1


def _family_name(word: str, lex: _Lexicon) -> bool:
    return (
        word.startswith("ال")
        and len(word) > 4
        and not word.endswith("ه")  # "نجاح القمة": a feminine noun is no family name
        and word not in lex.nationalities
        and word not in lex.generic
        and word not in lex.name_stops
        and not _mask(word) & (_GAZ | _TITLE | _ORG_HEAD | _PLACE_HEAD)
    )


def _name_from_reading(s: _Sentence, i: int, form: str, lex: _Lexicon, surnames: set[str]) -> int | None:
    saved = s.norms[i]
    s.norms[i] = form
    try:
        return _name_at(s, i, lex, surnames)
    finally:
        s.norms[i] = saved


def _org_heads(s: _Sentence, lex: _Lexicon) -> None:
    n, i = len(s.norms), 0
    while i < n:
        head = _single_at(s, i, lex.org_heads) if s.masks[i] & _ORG_HEAD and s.owner[i] is None else None
        if head is None:
            i += 1
            continue
        form, off = head
        j = i + 1
        if j < n and s.soft[i] and s.owner[j] is None:
            hit = _gazetteer_at(s, j, lex, context=True)
            entry = lex.phrases.get(" ".join(s.norms[j : j + hit[0]])) if hit is not None else None
            if hit is not None and hit[1] == ORG and entry is not None and entry[2]:
                # "قناة العربية": a context-only name right after its head
                _add(s, _Span(i, j + hit[0], ORG, hit[2], off))
                i = j + hit[0]
                continue
        tail = 0
        while j < n and tail < _MAX_ORG_TAIL and s.soft[j - 1]:
            word, owner = s.norms[j], s.owner[j]
            if owner is not None:
                if owner.kind == PERSON:
                    break
                further = owner.j < n and s.soft[owner.j - 1] and _prep_complement(s, owner.j)
                if tail == 0 and owner.kind == ORG and not further:
                    break  # "جماعة حزب الله": the known name alone is the organisation
                s.spans.remove(owner)
                for k in range(owner.i, owner.j):
                    s.owner[k] = None
                j, tail = owner.j, tail + 1
                if not further:
                    break  # after a known name only "لحقوق الإنسان"-like complements go on
                continue
            if word in lex.name_stops or word in STOPWORDS or s.masks[j] & _TITLE:
                break
            if tail == 0 and word in lex.generic:
                break
            if tail and _adjective(s.norms[j - 1]) and word.startswith("ال") and not _adjective(word):
                break  # "راديو المتوسط الدولي التحقق": after an adjective, a noun starts a new phrase
            if word.startswith("ال") or word in lex.nationalities or tail and word.startswith("لل"):
                j, tail = j + 1, tail + 1
            elif tail and _prep_complement(s, j):
                j, tail = j + 1, tail + 1
            else:
                break
        while tail and s.norms[j - 1] in lex.generic:
            j, tail = j - 1, tail - 1
        # "صحيفة الوفاق" names "الوفاق"; "وكالة الأنباء المشرقية" keeps its head word
        kind_head = form in lex.kind_heads and tail <= 1
        if kind_head and not tail:
            j = _bare_org_name(s, i + 1, lex)
            tail = j - (i + 1)
        if tail and kind_head:
            # "صحيفة الوفاق", "شركة شل": the organisation is the name after its kind
            phrase = " ".join(s.norms[i + 1 : j])
            hit = lex.phrases.get(phrase)
            _add(s, _Span(i + 1, j, ORG, hit[1] if hit is not None and hit[0] == ORG else phrase))
            i = j
        elif tail:
            words = [form, *s.norms[i + 1 : j]]
            phrase = " ".join(words)
            hit = lex.phrases.get(phrase)
            key = hit[1] if hit is not None and hit[0] == ORG else phrase
            _add(s, _Span(i, j, ORG, key, off))
            i = j
        else:
            i += 1


def _adjective(word: str) -> bool:
    """A nisba adjective by its ending ("الدولي", "الروسية"): it closes a noun phrase."""
    return word.endswith(("ي", "يه")) and len(word) > 4


def _bare_org_name(s: _Sentence, j: int, lex: _Lexicon) -> int:
    """End of a one- or two-word name that is not definite, right after a kind head
    ("شركة شل", "شركة اميركان ايرلاينز"); ``j`` itself when there is none.  Adjectives
    ("شركة كبيرة", "قناة فضائية") and function words are no name."""
    k = j
    while k < len(s.norms) and k - j < 2 and s.owner[k] is None and (k == j or s.soft[k - 1]):
        word = s.norms[k]
        if (
            len(word) < 2
            or word.isdigit()
            or word in STOPWORDS
            or word in lex.name_stops
            or word in lex.nationalities
            or word in lex.generic
            or s.masks[k] & (_TITLE | _ORG_HEAD | _PLACE_HEAD | _SAY)
            or word.endswith(("يه", "ه", "ي")) and k == j and len(word) > 4
            or not _plausible_first(word, lex, set())
        ):
            break
        k += 1
    return k if k > j and s.soft[j - 1] else j


def _prep_complement(s: _Sentence, j: int) -> bool:
    """Token ``j`` opens a prepositional complement of a name: "لحقوق الإنسان", "للاجئين"."""
    word = s.norms[j]
    if word.startswith("لل"):
        return True
    return len(word) > 3 and word[0] in "لب" and j + 1 < len(s.norms) and s.soft[j] and s.norms[j + 1].startswith("ال")


def _place_name_at(s: _Sentence, j: int, lex: _Lexicon, *, listed: bool, known_only: bool = False) -> _Span | None:
    """A place name right after a place word: a gazetteer entry, or one or two new words."""
    n = len(s.norms)
    if j >= n or s.owner[j] is not None:
        return None
    hit = _gazetteer_at(s, j, lex, context=True)
    if hit is not None:
        if hit[1] != PLACE:
            return None
        return _Span(j, j + hit[0], PLACE, hit[2], hit[3])
    if known_only:
        return None
    form, off = _readings(s.norms[j])[1] if listed and len(_readings(s.norms[j])) > 1 else (s.norms[j], 0)
    if listed and (off == 0 or j + 1 < n and s.soft[j] and s.norms[j + 1] == "من"):
        return None  # "وأجزاء من حي ...": a list item followed by "من" is a part, not a place
    if form in STOPWORDS or form in lex.name_stops or form in lex.nationalities or len(form) < 3 or form.isdigit():
        return None
    if (
        form.endswith(("يه", "ي")) and form not in lex.place_prefixes
        or form in lex.generic
        or form in lex.starters
        or _mask(form) & (_TITLE | _SAY)
    ):
        return None  # a nisba adjective ("مدينة تجارية", "الشرقية") or a given name ("مطار جون كنيدي")
    k = j + 1
    if form in lex.place_prefixes and k < n and s.soft[j] and s.owner[k] is None and s.norms[k] not in STOPWORDS:
        k += 1
    words = [form, *s.norms[j + 1 : k]]
    return _Span(j, k, PLACE, " ".join(words), off)


def _place_heads(s: _Sentence, lex: _Lexicon) -> None:
    n, i = len(s.norms), 0
    while i < n:
        if not s.masks[i] & _PLACE_HEAD or s.owner[i] is not None:
            i += 1
            continue
        head = _single_at(s, i, lex.all_place_heads)
        if head is None or i + 1 >= n or not s.soft[i]:
            i += 1
            continue
        if head[0] in lex.place_prefixes and s.owner[i + 1] is None and not s.masks[i + 1] & _PLACE_HEAD:
            # "وادي النهر", "جبل الزاوية": the place word is part of the name
            span = _place_name_at(s, i, lex, listed=False)
            if span is not None and span.j > i + 1:
                span.offset = head[1]
                _add(s, span)
                i = span.j
                continue
        weak = head[0] in lex.weak_place_heads
        # "أحياء انسحب منها", "أحياء معينة": a plural head announces a list only when its
        # first item is a known place
        plural = head[0] in lex.list_heads and head[0] not in lex.place_heads
        span = _place_name_at(s, i + 1, lex, listed=False, known_only=weak or plural)
        if span is None:
            i += 1
            continue
        _add(s, span)
        i = span.j
        if head[0] in lex.list_heads and not weak:
            while i < n and s.soft[i - 1] and s.norms[i][0] == "و":
                item = _place_name_at(s, i, lex, listed=True)
                if item is None:
                    break
                _add(s, item)
                i = item.j


def _gazetteer(s: _Sentence, lex: _Lexicon) -> None:
    n, i = len(s.norms), 0
    while i < n:
        hit = _gazetteer_at(s, i, lex, context=False) if s.masks[i] & _GAZ else None
        if hit is None:
            i += 1
            continue
        length, kind, key, off = hit
        span = _Span(i, i + length, kind, key, off)
        _add(s, span)
        i += length


def _scan(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """Every pass over one sentence, most reliable first; later passes skip taken words."""
    bits = 0
    for m in s.masks:
        bits |= m
    if bits & _GAZ:
        _gazetteer(s, lex)
    if bits & _PLACE_HEAD:
        _place_heads(s, lex)
    if bits & _ORG_HEAD:
        _org_heads(s, lex)
    if bits & _TITLE:
        _titles(s, lex, surnames)
    if bits & _SAY:
        _after_verbs(s, lex, surnames)
    if bits & (_STARTER | _GIVEN):
        _given_names(s, lex, surnames)
    if bits & _TITLE:
        _names_before_titles(s, lex, surnames)
    for span in s.spans:
        if span.kind == PERSON and len(span.key.split()) > 1 and _bare_surname_ok(span.words[-1], lex):
            surnames.add(span.words[-1])


# --- one article -------------------------------------------------------------------------


def _propagate(sentences: list[_Sentence], lex: _Lexicon) -> None:
    """Find again, in the whole article, each full name found once, and its surname alone.

    A surname shared by two full names of the article stays unresolved (keyed by itself).
    """
    full: dict[tuple[str, ...], str] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    org_by_head: dict[str, set[str]] = defaultdict(set)
    for s in sentences:
        for span in s.spans:
            if span.kind == PERSON and len(span.words) > 1:
                full.setdefault(span.words, span.key)
                surname = _surname(span.words, lex)
                if _bare_surname_ok(surname, lex):
                    by_surname[surname].add(span.key)
            elif span.kind == ORG and len(span.words) > 1:
                head = _readings(span.words[0])[-1][0] if span.offset else span.words[0]
                if head.startswith("ال") and head in lex.org_heads:
                    org_by_head[head].add(span.key)
    for head, keys in org_by_head.items():
        # "المرصد" alone after "المرصد السوري لحقوق الإنسان" in the same article
        if len(keys) == 1:
            full.setdefault((head,), "")
    if not full:
        return
    lengths = _index({" ".join(w): None for w in [*full, *(tuple(x.split()) for x in by_surname)]})
    table = {" ".join(w): key for w, key in full.items()}
    firsts = set(lengths) | set(by_surname)
    vocabulary = {w for s in sentences for w in s.norms}
    candidates = vocabulary & _surface_forms(firsts)
    for s in sentences:
        if candidates.isdisjoint(s.norms):
            continue
        n = len(s.norms)
        for i in range(n):
            if s.owner[i] is not None or s.norms[i] not in candidates:
                continue
            readings = _readings(s.norms[i])
            for form, off in readings:
                done = False
                for length in lengths.get(form, ()):
                    if _free(s, i, i + length):
                        phrase = " ".join([form, *s.norms[i + 1 : i + length]])
                        key = table.get(phrase)
                        if key is not None and length > 1:
                            _add(s, _Span(i, i + length, PERSON, key, off, None, tuple(phrase.split())))
                            done = True
                            break
                        if key == "" and form in org_by_head:
                            _add(s, _Span(i, i + 1, ORG, next(iter(org_by_head[form])), off))
                            done = True
                            break
                        keys = by_surname.get(phrase)
                        if keys and length > 1:  # a compound surname: "عبد الرحمن"
                            key = next(iter(keys)) if len(keys) == 1 else person_key(phrase.split())
                            _add(s, _Span(i, i + length, PERSON, key, off, None, tuple(phrase.split())))
                            done = True
                            break
                if done:
                    break
                keys = by_surname.get(form)
                if keys and (off == 0 or s.norms[i][0] in "وفبلك"):
                    key = next(iter(keys)) if len(keys) == 1 else form
                    _add(s, _Span(i, i + 1, PERSON, key, off, None, (form,)))
                    break
        # single-word names found by patterns ("الرئيس الأسد") take the article's full name
        for span in s.spans:
            if span.kind == PERSON and len(span.words) == 1:
                keys = by_surname.get(span.words[0])
                if keys and len(keys) == 1:
                    span.key = next(iter(keys))


def _bare_surname_ok(surname: str, lex: _Lexicon) -> bool:
    """Whether a surname may stand for its person alone.  Not a function word ("على"
    normalizes to the name "علي"), not a given name, not a feminine noun with the article
    ("الكيمياوية" after a false "استخدام الأسلحة الكيمياوية")."""
    if len(surname) < 3 or surname in STOPWORDS or surname in lex.given_ar:
        return False
    return not (surname.startswith("ال") and surname.endswith("ه"))


def _surface_forms(forms: set[str]) -> set[str]:
    """Every way ``forms`` may be written with proclitics: a superset of the words whose
    :func:`_readings` meet them, for a fast set intersection."""
    out: set[str] = set()
    for f in forms:
        out.update(p + f for p in PLAIN_PROCLITICS)
        if f.startswith("ال"):
            out.update(p + f[2:] for p in ARTICLE_PROCLITICS)
        if len(f) == 2:
            out.update(p + f for p in "وفبلك")
    return out


def _surname(words: Sequence[str], lex: _Lexicon) -> str:
    """The family-name unit of a full name: its last word, or the last two when the one
    before is a particle ("رامي عبد الرحمن" -> "عبد الرحمن")."""
    if len(words) >= 3 and words[-2] in lex.particles:
        return " ".join(words[-2:])
    return words[-1]


def _orig_prefix(word: str, letters: int) -> int:
    """How many characters of ``word`` as written make its first ``letters`` normalized letters."""
    if letters <= 0:
        return 0
    seen = 0
    for idx, ch in enumerate(word):
        seen += len(normalize(ch))
        if seen >= letters:
            rest = idx + 1
            while rest < len(word) and not normalize(word[rest]):  # diacritics on the last clitic letter
                rest += 1
            return rest
    return len(word)


def _span_offsets(s: _Sentence, i: int, off: int, j: int) -> tuple[int, int]:
    first = s.toks[i]
    return s.base + first.start + _orig_prefix(first.text, off), s.base + s.toks[j - 1].end


def _analyze(pieces: Sequence[tuple[str, int]]) -> list[_Sentence]:
    lex = _lexicon()
    surnames: set[str] = set()
    sentences = [_prepare(text, base) for text, base in pieces]
    for s in sentences:
        _scan(s, lex, surnames)
    _propagate(sentences, lex)
    return sentences


def find_mentions(article: Article, sentences: Sequence[Sentence]) -> list[EntityMention]:
    """Every person, organisation and place named in ``article``, in text order.

    ``sentences`` are the article's sentences (offsets into :attr:`Article.text`); names are
    never looked for across a sentence boundary.
    """
    text = article.text
    found: list[EntityMention] = []
    for s in _analyze([(sent.text, sent.start) for sent in sentences]):
        for span in s.spans:
            start, end = _span_offsets(s, span.i, span.offset, span.j)
            role = None
            if span.role is not None:
                r_start, r_end = _span_offsets(s, span.role[0], span.role[1], span.role[2])
                role = text[r_start:r_end] if r_end > r_start else None
            found.append(EntityMention(article.id, start, end, text[start:end], span.kind, role, span.key))
    found.sort(key=lambda m: (m.start, m.end))
    return found


def lead_names(article: Article, *, body_terms: int = 150) -> list[str]:
    """Name keys (:func:`find_mentions`: people, places, organisations) of the title and of
    the body sentences that hold its first ``body_terms`` words, one per mention: what story
    grouping adds to an article's terms.  A rewrite words an event its own way but names the
    same people and places; a multi-word name is one feature, so it weighs as the rare thing
    it is.  Only the lead is split into sentences."""
    lead, seen = [], 0
    for sentence in iter_sentences(article):
        if seen >= body_terms:
            break
        lead.append(sentence)
        if not sentence.is_title:
            seen += len(words(sentence.text))
    return [m.name_key for m in find_mentions(article, lead)]


def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags (B-PERS, I-LOC, O ...) for pre-tokenized text, for evaluation.

    The tokens are joined by spaces and read as one text; a token is inside an entity when
    any of its characters is (so "بألمانيا" is B-LOC although the name starts after "ب").
    """
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    tags = ["O"] * len(tokens)
    for s in _analyze([(text, 0)]):
        for span in s.spans:
            start, end = _span_offsets(s, span.i, span.offset, span.j)
            inside = [t for t, st in enumerate(starts) if st < end and st + len(tokens[t]) > start]
            for n, t in enumerate(inside):
                tags[t] = ("B-" if n == 0 else "I-") + BIO_TYPES[span.kind]
    return tags


# --- the corpus: one entity per referent -------------------------------------------------

_SKELETON = str.maketrans(
    {"غ": "G", "ج": "G", "گ": "G", "ق": "K", "ك": "K", "ت": "T", "ط": "T", "س": "S", "ص": "S", "ث": "S",
     "ز": "Z", "ذ": "Z", "ظ": "Z", "ض": "D", "د": "D", "ه": "H", "ح": "H", "ة": "H", "ا": "", "و": "", "ي": "",
     "ء": "", "ى": "", "-": ""}
)


@lru_cache(maxsize=50_000)
def skeleton(word: str) -> str:
    """Consonant skeleton of a transliterated name: long vowels dropped (a final ي kept),
    letters that render one foreign sound merged (غ/ج/گ, ك/ق, ت/ط, س/ص/ث, ز/ذ/ظ), doubles
    collapsed.

    "بيرغستروم", "برغستروم" and "بيرجستروم" share one skeleton.  The first letter is kept
    as a vowel mark, so "ايرولت" and "يرولت" differ.
    """
    word = normalize(word)
    if not word:
        return ""
    head = "A" if word[0] in "اءآأإ" else word[0].translate(_SKELETON) or word[0]
    # a final ي stays: it is the Arabic nisba ending ("باقر" is not "باقري")
    body = word[1:-1].translate(_SKELETON) + ("Y" if word[-1] == "ي" and len(word) > 1 else word[-1:].translate(_SKELETON))
    out = head
    for ch in body:
        if ch != out[-1]:
            out += ch
    return out


#: Beginnings of Arabic name words compared exactly: the article, and عبد/أبو compounds
#: (whose skeletons collide: "ابويوسف" and "ابوسياف").
_ARABIC_ONLY = ("ال", "عبد", "ابو", "ابن", "بن")


def _same_word(a: str, b: str, lex: _Lexicon) -> bool:
    if a == b:
        return True
    if a in lex.given_ar or b in lex.given_ar or a.startswith(_ARABIC_ONLY) or b.startswith(_ARABIC_ONLY):
        return False  # Arabic names: spelling is already normalized, a difference is another name
    if min(len(a), len(b)) <= 3:
        return False
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return len(sa) >= 3
    return min(len(sa), len(sb)) >= 4 and Levenshtein.distance(sa, sb) <= 1


def _tail_of(short: Sequence[str], long_: Sequence[str], lex: _Lexicon) -> bool:
    """``short`` is the tail of a longer foreign name ("مارك أيرولت" / "جان مارك أيرولت",
    "كي مون" / "بان كي مون"); never when it opens with an Arabic given name, where "حافظ
    الأسد" inside "بشار حافظ الأسد" is the father."""
    return (
        1 < len(short) < len(long_)
        and short[0] not in lex.given_ar
        and all(_same_word(x, y, lex) for x, y in zip(short, long_[-len(short) :]))
    )


def _full_match(short: Sequence[str], long_: Sequence[str], lex: _Lexicon) -> bool:
    """First and last words match, and the middle ones too (one side may omit them)."""
    if not (_same_word(short[0], long_[0], lex) and _same_word(short[-1], long_[-1], lex)):
        return False
    middle_s, middle_l = short[1:-1], long_[1:-1]
    if len(middle_s) == len(middle_l):
        return all(_same_word(x, y, lex) for x, y in zip(middle_s, middle_l))
    return not middle_s  # one side omits the middle name(s)


def same_person(a: str, b: str) -> bool:
    """Whether two full-name keys (two or more words) can name one person.

    The first and last words must match and the middle ones too (one side may omit a
    middle name); a name that is the tail of the other ("كي مون" / "بان كي مون") matches
    too, though :func:`link_entities` uses a tail only when it fits one person.
    """
    lex = _lexicon()
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return _tail_of(short, long_, lex) or _full_match(short, long_, lex)


class _Union:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _person_clusters(keys: Counter[str]) -> dict[str, str]:
    """Map every person key to its cluster's representative key."""
    lex = _lexicon()
    full = sorted(k for k in keys if len(k.split()) > 1)
    uf = _Union(full)
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in full:
        blocks[skeleton(k.split()[-1])[:1]].append(k)
    words = {k: k.split() for k in full}
    for block in blocks.values():
        for x in range(len(block)):
            for y in range(x + 1, len(block)):
                a, b = words[block[x]], words[block[y]]
                short, long_ = (a, b) if len(a) <= len(b) else (b, a)
                if _full_match(short, long_, lex):
                    uf.union(block[x], block[y])
    # a tail ("مارك أيرولت", "بن سلمان") joins the one person whose name ends with it;
    # it never links two people (محمد بن سلمان، خالد بن سلمان) through itself
    for block in blocks.values():
        for k in block:
            roots = {uf.find(f) for f in block if f != k and _tail_of(words[k], words[f], lex)}
            if len(roots) == 1:
                uf.union(k, roots.pop())
    out = {k: uf.find(k) for k in full}
    roots_by_surname: dict[str, set[str]] = defaultdict(set)
    for k in full:
        roots_by_surname[k.split()[-1]].add(out[k])
    for k in keys:
        if k in out:
            continue
        roots = set(roots_by_surname.get(k, ()))
        if not roots:
            roots = {out[f] for f in full if _same_word(k, f.split()[-1], lex)}
        # a bare surname joins the one person it can name; shared by two, it stays alone
        out[k] = next(iter(roots)) if len(roots) == 1 else k
    return out


def _written_key(text: str, kind: str) -> str:
    """The key a mention's text would have as written (no clitic read off, no surname
    resolution): mentions whose text gives their own key are full spellings of the name."""
    words = normalize(text).split()
    return person_key(words) if kind == PERSON else " ".join(words)


def _display(text: str) -> str:
    return " ".join(strip_diacritics(text).split())


def entity_id(kind: str, key: str) -> str:
    return hashlib.sha1(f"{kind}:{key}".encode()).hexdigest()[:16]


def link_entities(mentions: Sequence[EntityMention]) -> list[Entity]:
    """One :class:`~khabar.model.Entity` per referent across the corpus.

    People merge by :func:`same_person`; a bare surname joins the single full name ending
    with it (or stays alone when several do).  Organisations and places merge by canonical
    key (gazetteer spellings already share one), ignoring spaces inside the key.  The id
    hashes the kind and the cluster's canonical key (its most frequent full key), the name
    is the most frequent full spelling as written, the variants every spelling seen.
    """
    groups: dict[tuple[str, str], list[EntityMention]] = defaultdict(list)
    by_kind: dict[str, list[EntityMention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    for kind, ms in by_kind.items():
        keys = Counter(m.name_key for m in ms)
        if kind == PERSON:
            root = _person_clusters(keys)
        else:
            squashed: dict[str, str] = {}
            root = {}
            for k, _count in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0])):
                root[k] = squashed.setdefault(k.replace(" ", ""), k)
        for m in ms:
            groups[(kind, root[m.name_key])].append(m)
    entities: list[Entity] = []
    for (kind, _root), ms in groups.items():
        keys = Counter(m.name_key for m in ms)
        width = max(len(k.split()) for k in keys)
        canonical = min(keys, key=lambda k: (-(len(k.split()) == width), -keys[k], k))
        full_texts = Counter(
            _display(m.text)
            for m in ms
            if _written_key(m.text, kind) in keys
            and len(m.text.split()) >= min(2, width)
        )
        if not full_texts:
            full_texts = Counter(_display(m.text) for m in ms)
        name = min(full_texts, key=lambda t: (-full_texts[t], -len(t), t))
        variants = Counter(_display(m.text) for m in ms)
        roles = Counter(_display(m.role) for m in ms if m.role)
        entities.append(
            Entity(
                id=entity_id(kind, canonical),
                kind=kind,  # type: ignore[arg-type]
                name=name,
                roles=tuple(sorted(roles, key=lambda r: (-roles[r], r))),
                variants=tuple(sorted(variants, key=lambda v: (-variants[v], v))),
                mentions=tuple(
                    Mention(m.article_id, m.start, m.end, m.text)
                    for m in sorted(ms, key=lambda m: (m.article_id, m.start))
                ),
            )
        )
    entities.sort(key=lambda e: (-len(e.mentions), e.kind, e.name))
    return entities
