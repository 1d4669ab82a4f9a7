"""What befell an actor: the outcome words of ``data/outcomes.txt`` (won / lost, survived /
died, accepted / rejected, injured, who praised whom), the one home of that list.

:func:`outcome_lexicon` gives, for a normalized word, the outcome it states (its kind, its
side and where its actor is named) matched as the cue lists are: the word bare or after its
proclitics, an entry ending in ``*`` as a prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.lexicon import read_tagged

_SIDES = {
    "yes": (1, "verb"), "no": (-1, "verb"),
    "yesnoun": (1, "noun"), "nonoun": (-1, "noun"),
    "yesbefore": (1, "before"), "nobefore": (-1, "before"),
}


@dataclass(frozen=True, slots=True)
class OutcomeWord:
    """One outcome a word states: its kind, +1 (won, lived, accepted) or -1, and where its
    actor is named: after a verb or before it when the clause opens with it ("verb"), after
    a noun ("noun"), before a state ("before": ``"الطلاب أحياء"``)."""

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


#: The tags of ``outcomes.txt`` that are no outcome word, each a set of phrases.
_SETS = ("contest", "party", "filler", "opener", "governor")


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
                          f["contest_governor"], f["opener"])


@lru_cache(maxsize=100_000)
def outcome_of(norm: str) -> OutcomeWord | None:
    """The outcome the normalized word states, if any (the longest matching entry of its
    barest reading first: "وبفوزه" is "فوز*")."""
    lex = outcome_lexicon()
    for v in reversed(clitic_variants(norm)):
        if v in lex.exact:
            return lex.exact[v]
        for n in range(len(v), 1, -1):
            hit = lex.prefixes.get(v[:n])
            if hit is not None:
                return hit
    return None
