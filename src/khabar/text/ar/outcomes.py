"""What befell an actor: the outcome words of ``data/outcomes.txt`` (won / lost, survived /
died, accepted / rejected, released / held, found / missing, injured, who praised whom), the
one home of that list.

:func:`outcome_of` gives, for a normalized word, the outcome it states (its kind, its side
and where its actor is named) matched as the cue lists are: the word bare or after its
proclitics, an entry ending in ``*`` as a prefix.  A noun of an outcome that carries a
pronoun ("نجاته"، "مقتلهم"، "وفاتها") names its actor by that pronoun: its actor is then
``"pronoun"``, whose antecedent the reader looks for before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khabar.text.ar.clitics import THIRD_PERSON_PRONOUNS, clitic_variants
from khabar.text.ar.lexicon import read_tagged

_SIDES = {
    "yes": (1, "verb"), "no": (-1, "verb"),
    "yesnoun": (1, "noun"), "nonoun": (-1, "noun"),
    "yesbefore": (1, "before"), "nobefore": (-1, "before"),
    "yesobject": (1, "object"), "noobject": (-1, "object"),
}


@dataclass(frozen=True, slots=True)
class OutcomeWord:
    """One outcome a word states: its kind, +1 (won, lived, accepted, released, found) or -1,
    and where its actor is named: after a verb or before it when the clause opens with it
    ("verb"), after a noun ("noun"), before a state ("before": ``"الطلاب أحياء"``), after the
    word's preposition ("object": ``"أفرجت المحكمة عن القس"``، ``"عثر على الطلاب"``), or by a
    pronoun written on the noun ("pronoun": ``"نجاته"``)."""

    kind: str
    side: int
    actor: str


@dataclass(frozen=True, slots=True)
class OutcomeLexicon:
    exact: dict[str, OutcomeWord]
    prefixes: dict[str, OutcomeWord]
    contests: frozenset[str]  # kinds whose other party gets the other side
    parties: frozenset[str]  # kinds whose other party takes the other part of the act
    fillers: frozenset[str]
    governors: frozenset[str]  # prepositions that introduce the other party
    contest_governors: frozenset[str]  # those that introduce a contest's ("على"، "أمام")
    openers: frozenset[str]  # words after which a clause opens with its subject ("إن")
    objects: frozenset[str]  # prepositions after which an "object" word names its actor ("عن")
    quantifiers: frozenset[str]  # words of an actor passed over ("جميع الركاب")
    passing: frozenset[str]  # kinds whose "no" side is a state that may end (held, missing)
    ended: frozenset[str]  # words before such a state that say it is over ("بعد")


#: The tags of ``outcomes.txt`` that are no outcome word, each a set of phrases.
_SETS = ("contest", "party", "filler", "opener", "governor", "object", "quantifier", "passing", "ended")


@lru_cache(maxsize=1)
def outcome_lexicon() -> OutcomeLexicon:
    exact: dict[str, OutcomeWord] = {}
    prefixes: dict[str, OutcomeWord] = {}
    sets: dict[str, set[str]] = {tag: set() for tag in _SETS + ("contest_governor",)}
    for e in read_tagged("outcomes"):
        if e.tag in sets:
            sets[e.tag].add(e.phrase)
            if e.tag == "governor" and e.mode == "contest":
                sets["contest_governor"].add(e.phrase)
            continue
        if e.mode not in _SIDES:
            raise ValueError(f"khabar word list text/ar/data/outcomes.txt: [{e.tag} {e.mode}] has no side")
        side, actor = _SIDES[e.mode]
        word = OutcomeWord(e.tag, side, actor)
        if e.phrase.endswith("*"):
            prefixes[e.phrase[:-1]] = word
        else:
            exact[e.phrase] = word
    f = {tag: frozenset(v) for tag, v in sets.items()}
    return OutcomeLexicon(exact, prefixes, f["contest"], f["party"], f["filler"], f["governor"],
                          f["contest_governor"], f["opener"], f["object"], f["quantifier"],
                          f["passing"], f["ended"])


def _entry(v: str) -> tuple[OutcomeWord | None, int]:
    """The entry a reading matches and how many of its letters the entry holds."""
    lex = outcome_lexicon()
    if v in lex.exact:
        return lex.exact[v], len(v)
    for n in range(len(v), 1, -1):
        hit = lex.prefixes.get(v[:n])
        if hit is not None:
            return hit, n
    return None, 0


def _pronoun_noun(v: str) -> OutcomeWord | None:
    """The outcome of a noun with a pronoun written on it ("مقتلهم"، "نجاته": the ة of
    "نجاة" is written ت before a pronoun), its actor that pronoun."""
    for suffix in THIRD_PERSON_PRONOUNS:
        base = v[: -len(suffix)]
        if not v.endswith(suffix) or len(base) < 3:
            continue
        for form in (base, base[:-1] + "ه") if base.endswith("ت") else (base,):
            word, n = _entry(form)
            if word is not None and word.actor == "noun" and n == len(form):
                return OutcomeWord(word.kind, word.side, "pronoun")
    return None


@lru_cache(maxsize=100_000)
def outcome_of(norm: str) -> OutcomeWord | None:
    """The outcome the normalized word states, if any (the longest matching entry of its
    barest reading first: "وبفوزه" is "فوز*" with its actor the pronoun)."""
    for v in reversed(clitic_variants(norm)):
        owned = _pronoun_noun(v)
        if owned is not None:
            return owned
        word, _ = _entry(v)
        if word is not None:
            return word
    return None
