"""The number words (``data/number_words.json``), loaded once: units, tens, scales,
vague quantities, hedges before and after a figure, percent words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from khabar.text.ar.clitics import PLAIN_PROCLITICS
from khabar.text.ar.lexicon import read_json
from khabar.text.ar.normalize import normalize


@dataclass(frozen=True, slots=True)
class _Word:
    """What a number word contributes.  ``kind`` is one of unit, teen_unit, tens, hundred,
    scale, vague, fraction."""

    kind: str
    value: float = 0.0
    count: int = 1  # scales: 1 singular, 2 dual, 0 plural
    low: int = 0  # vague: multiples of ``value``
    high: int = 0
    requires_scale: bool = False
    teen_ten: bool = False  # عشر/عشرة: may close 11-19
    hundred_multiplier: bool = False  # مئة: may multiply a unit written apart


@dataclass(frozen=True, slots=True)
class _Surface:
    """A written word form: its number meaning, and the proclitic letters before it."""

    word: _Word
    prefix: int  # length of the proclitic letters (not part of the mention)
    conj: bool  # the proclitics start with و: joins a compound or a range


@dataclass(frozen=True, slots=True)
class _Data:
    surfaces: dict[str, _Surface]
    ordinals: frozenset[str]
    ordinal_units: dict[str, int]  # "رابعه": 4, with and without the article
    percent: tuple[tuple[str, ...], ...]
    before: tuple[tuple[tuple[str, ...], str], ...]  # (words, kind), longest first
    blocked_before: dict[str, frozenset[str]]
    no_proclitic: frozenset[tuple[str, ...]]
    after: tuple[tuple[tuple[str, ...], str], ...]
    after_window: int
    proclitics: tuple[str, ...]  # longest first
    conjunction: str
    half: str
    range_between: tuple[tuple[str, ...], ...]
    range_to: frozenset[str]
    range_from: frozenset[str]
    range_to_needs_from: frozenset[str]
    scale_words: tuple[str, ...]  # normalized scale forms: "1.250 مليار" is a decimal


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(normalize(phrase).split())


def _load() -> _Data:
    raw: dict[str, Any] = read_json("number_words")
    base: dict[str, _Word] = {}
    teen_tens = {normalize(w) for w in raw["teen_tens"]}
    multipliers = {normalize(w) for w in raw["hundred_multipliers"]}
    for w, v in raw["units"].items():
        n = normalize(w)
        base[n] = _Word("unit", float(v), teen_ten=n in teen_tens)
    for w, v in raw["teen_units"].items():
        base[normalize(w)] = _Word("teen_unit", float(v))
    for w, v in raw["tens"].items():
        base[normalize(w)] = _Word("tens", float(v))
    for w, v in raw["hundreds"].items():
        n = normalize(w)
        base[n] = _Word("hundred", float(v), hundred_multiplier=n in multipliers)
    scale_words: list[str] = []
    for v, forms in raw["scales"].items():
        for number, count in (("singular", 1), ("dual", 2), ("plural", 0)):
            for w in forms[number]:
                n = normalize(w)
                base[n] = _Word("scale", float(v), count=count)
                scale_words.append(n)
    for w, spec in raw["vague"].items():
        base[normalize(w)] = _Word(
            "vague", float(spec["unit"]), low=spec["low"], high=spec["high"],
            requires_scale=bool(spec.get("requires_scale", False)),
        )
    for w, v in raw["fractions"].items():
        base[normalize(w)] = _Word("fraction", float(v))
    with_article = {normalize(w) for w in raw["with_article"]}
    # The proclitics that may be glued to a number word (والف، بألف، لثلاثة، فعشرات، وبنحو):
    # those of the one table without the article, longest first.
    proclitics = tuple(sorted(PLAIN_PROCLITICS[1:], key=len, reverse=True))
    conjunction = normalize(raw["conjunction"])
    not_numbers = {normalize(w) for w in raw["not_numbers"]}

    # Every written form a number word can take, so a lookup is one dict access.
    surfaces: dict[str, _Surface] = {}
    for form, word in base.items():
        stems = [(form, 0)]
        if form in with_article:
            stems.append(("ال" + form, 0))
        for stem, _ in stems:
            surfaces.setdefault(stem, _Surface(word, 0, False))
            for p in proclitics:
                if stem.startswith("ال") and p.endswith("ل"):
                    # ل + ال is written لل: keep the whole word, the article cannot be cut out.
                    surfaces.setdefault(p[:-1] + "ل" + stem[1:], _Surface(word, len(p) - 1, p.startswith(conjunction)))
                surfaces.setdefault(p + stem, _Surface(word, len(p), p.startswith(conjunction)))
    for w in not_numbers:
        surfaces.pop(w, None)

    ordinals = set()
    ordinal_units: dict[str, int] = {}
    for i, w in enumerate(raw["ordinals"]):
        n = normalize(w)
        ordinals.update({n, "ال" + n})
        ordinal_units[n] = ordinal_units["ال" + n] = i // 2 + 1  # listed by value, masculine then feminine

    def ranked(spec: dict[str, list[str]]) -> tuple[tuple[tuple[str, ...], str], ...]:
        items = [(_words(p), kind) for kind, phrases in spec.items() for p in phrases]
        return tuple(sorted(items, key=lambda x: len(x[0]), reverse=True))

    return _Data(
        surfaces=surfaces,
        ordinals=frozenset(ordinals),
        ordinal_units=ordinal_units,
        percent=tuple(sorted((_words(p) for p in raw["percent"]), key=len, reverse=True)),
        before=ranked(raw["qualifiers_before"]),
        no_proclitic=frozenset(_words(p) for p in raw["no_proclitic"]),
        blocked_before={normalize(k): frozenset(_words(" ".join(v))) for k, v in raw["blocked_before"].items()},
        after=ranked(raw["qualifiers_after"]),
        after_window=int(raw["after_window"]),
        proclitics=proclitics,
        conjunction=conjunction,
        half=normalize(raw["half"]),
        range_between=tuple(sorted((_words(p) for p in raw["range_between"]), key=len, reverse=True)),
        range_to=frozenset(normalize(w) for w in raw["range_to"]),
        range_from=frozenset(normalize(w) for w in raw["range_from"]),
        range_to_needs_from=frozenset(normalize(w) for w in raw["range_to_needs_from"]),
        scale_words=tuple(sorted(set(scale_words), key=len, reverse=True)),
    )


_DATA = _load()


def ordinal_with_tens(first: str, second: str) -> int | None:
    """The number an ordinal unit and the tens after it name, both normalized words
    ("الرابعه", "والاربعين": 44, as an age "تبلغ الرابعة والأربعين من العمر"); None when they
    are not such a pair.  Not a count, so :mod:`khabar.text.ar.numbers` leaves them out of the
    figures; a summary compares it with the "44" another outlet writes."""
    unit = _DATA.ordinal_units.get(first)
    if unit is None or not second.startswith(_DATA.conjunction):
        return None
    surface = _DATA.surfaces.get(second[len(_DATA.conjunction) :].removeprefix("ال"))
    if surface is None or surface.word.kind != "tens" or surface.prefix:
        return None
    return unit + int(surface.word.value)
