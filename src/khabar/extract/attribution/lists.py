"""The words attribution knows, loaded once: reporting verbs and their prepositions, cues,
stops, titles (from :mod:`khabar.extract.titles`), countries and nationalities."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.attribution.sources import SourceKind
from khabar.extract.titles import titles_by_first_word, without_article
from khabar.text.ar.lexicon import read_fields, read_tagged

_PRONOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "كم")
_QUOTE = '"'
_PRONOUN_PREPOSITIONS = frozenset("فيه فيها فيهم له لها لهم عنه عنها عنهم منه منها به بها عليه عليها".split())
_PREPOSITIONS = frozenset("في وفي علي وعلي من ومن الي والي عن مع ومع لدي وسط ووسط".split())
_TERMINAL = frozenset(".!?")
_HEAD_BREAK = frozenset(',;:-()[]"')


@dataclass(frozen=True, slots=True)
class _Verb:
    kind: str  # say, participle, strict
    preps: tuple[str, ...]
    impersonal: bool
    noquote: bool = False  # believing, estimating, expressing a feeling: a source, never a quote
    relay: bool = False  # "نقل X عن Y قوله «...»": the preposition names a source, not an object


@dataclass(frozen=True, slots=True)
class _Lists:
    verbs: dict[str, _Verb]
    cues: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    anonymous: frozenset[str]
    organisation: frozenset[str]
    stops: dict[str, tuple[tuple[str, ...], ...]]
    relative: frozenset[str]
    adjectives: frozenset[str]
    framing: tuple[tuple[str, ...], ...]
    boundary: frozenset[str]
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first word without ال -> titles
    countries: frozenset[str]
    nationalities: frozenset[str]
    statement_nouns: frozenset[str]  # تصريحات، بيان: "تصريحات X، التي زعم فيها أن"
    stance: frozenset[str]  # verbs of stance (رحب، ندد): their subject speaks through a participle


def _by_first(phrases: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


_bare = without_article


def _every_field(name: str) -> frozenset[str]:
    """Every field of a "a | b | c" list (every spelling of every country, nationality)."""
    return frozenset(f for fields in read_fields(name) for f in fields)


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    verbs: dict[str, _Verb] = {}
    stance: set[str] = set()
    for kind, rest in ((e.tag, e.phrase) for e in read_tagged("reporting_verbs")):
        form, *preps = rest.split()
        if kind == "stance":
            stance.add(form)
            continue
        preps_t = tuple(p.lstrip("+") for p in preps)
        old = verbs.get(form)
        if kind == "impersonal":
            base = old or _Verb("say", (), False)
            verbs[form] = dataclasses.replace(base, preps=tuple({*preps_t, *base.preps}), impersonal=True)
        elif kind == "relay":
            if old is None:
                raise ValueError(f"data/reporting_verbs.txt: [relay] {form} is not listed as a verb first")
            verbs[form] = dataclasses.replace(old, relay=True)
        elif kind == "noquote":
            # a flag on a form listed as [say] or [participle]: it still names a source
            if old is None:
                raise ValueError(f"data/reporting_verbs.txt: [noquote] {form} is not listed as a verb first")
            verbs[form] = dataclasses.replace(old, preps=tuple({*preps_t, *old.preps}), noquote=True)
        elif old is None:
            verbs[form] = _Verb(kind, preps_t, False)
        else:
            verbs[form] = dataclasses.replace(old, kind=kind, preps=tuple({*preps_t, *old.preps}))
    groups: dict[str, list[tuple[str, ...]]] = {}
    for kind, phrase in ((e.tag, e.phrase) for e in read_tagged("attribution_cues")):
        groups.setdefault(kind, []).append(tuple(phrase.split()))
    return _Lists(
        verbs=verbs,
        cues=_by_first(groups.get("cue", [])),
        anonymous=frozenset(" ".join(p) for p in groups.get("anonymous", [])),
        organisation=frozenset(" ".join(p) for p in groups.get("organisation", [])),
        stops=_by_first(groups.get("stop", [])),
        relative=frozenset(p[0] for p in groups.get("relative", [])),
        adjectives=frozenset(p[0] for p in groups.get("adjective", [])),
        framing=tuple(groups.get("framing", [])),
        boundary=frozenset(p[0] for p in groups.get("boundary", [])),
        titles=titles_by_first_word(),
        countries=_every_field("countries"),
        nationalities=_every_field("nationalities"),
        stance=frozenset(stance),
        statement_nouns=frozenset(p[0] for p in groups.get("statement", [])),
    )


def verb_info(word: str) -> tuple[str, _Verb] | None:
    """The reporting verb a normalized token is (its listed form), or None.

    One leading conjunction و or ف is allowed ("وقال"، "فأكد").
    """
    verbs = _lists().verbs
    if word in verbs:
        return word, verbs[word]
    if len(word) > 3 and word[0] in "وف" and word[1:] in verbs:
        return word[1:], verbs[word[1:]]
    return None


def _complement_at(word: str) -> bool:
    """إن/أن/بأن with or without a pronoun suffix (إنه، أنها، بأنهم)."""
    for base in ("ان", "بان", "وان"):
        if word.startswith(base) and word[len(base) :] in _PRONOUN_SUFFIXES:
            return not (base == "وان" and word == "وان")
    return False


def _prep_matches(word: str, prep: str) -> bool:
    return word == prep or (prep == "الي" and word == "لي")


def head_kind(words: tuple[str, ...]) -> SourceKind | None:
    """What kind of source a head of normalized words names, as far as the lists tell:
    "anonymous" for an unnamed speaker ("مصدر عسكري"، "طبيب في حلب" is not listed: None),
    "country" for a country, "organisation" for an organisation head ("وزارة"، "المرصد");
    None when the lists do not say (a name, a common noun)."""
    if not words:
        return None
    L = _lists()
    first = words[0]
    if first in L.anonymous or _bare(first) in L.anonymous or " ".join(words[:2]) in L.anonymous:
        return "anonymous"
    if " ".join(words) in L.countries or first in L.countries:
        return "country"
    if first in L.organisation or _bare(first) in L.organisation:
        return "organisation"
    return None
