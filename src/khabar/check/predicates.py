"""The predicate reader: what befell each actor of a sentence, compared with the claim.

A page can restate a claim's actors and event in its own words and still say the opposite:
"نجا المراقب الجوي" against "لقي المراقب الجوي مصرعه", "فاز ليفربول على ريال مدريد"
against "فاز ريال مدريد على ليفربول" or "خسر ليفربول أمام ريال مدريد".  The sentence
encoder and the word overlap call such sentences close; the cue lists hold opposite words but
not whose outcome each is.  This reader takes the outcome words of
:mod:`khabar.text.ar.outcomes`, the actor each names (the words right after the outcome word,
or right before it for a state such as "أحياء") and the other party after a preposition
("على ليفربول"، "مع راموس"), and gives each actor its role: +1 or -1 for the outcome (a
contest's other party gets the other side: the loser of "فاز ريال على ليفربول"), 0 for the
other party of an act that is not a contest (who was praised, next to whom one was hurt).

Two readings *contradict* in a kind of outcome when an actor the claim gives one role has
another one in the sentence and no actor keeps its role in that kind there; they *support*
it when some actor keeps its role.  Actors are compared by their words (the first word of one among the words of the other, in
any proclitic reading), so "ريال مدريد" and "الريال" are one actor, "منانغاغوا" and
"شاميسا" two.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.check.features import count_cues
from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.outcomes import outcome_lexicon, outcome_of
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import tokenize


@dataclass(frozen=True, slots=True)
class Role:
    """One actor's part in an outcome: ``words`` are the readings of the actor's words."""

    kind: str
    role: int  # +1 / -1: the outcome (won, lived, accepted / the opposite); 0: the other party
    head: frozenset[str]  # the readings of its first word ("ريال" of "ريال مدريد")
    words: frozenset[str]  # of all its words: a span may run on into the object ("المعارضة نتائج")


#: Words of an actor read at most (a name and its title or adjective: "المراقب الجوي").
ACTOR_WORDS = 3
#: Words of a subject named before its verb read at most: a title, a name and its adjective
#: ("وزير الدفاع الإسرائيلي أفيغدور ليبرمان وافق").
SUBJECT_WORDS = 6
#: How far after the actor (in words) the preposition of the other party may stand:
#: "خسرها ليفربول بثلاثة أهداف مقابل هدف واحد أمام ريال مدريد".
OTHER_WITHIN = 8
#: How far before a word such as "مصرعه" its verb ("لقي") may stand, the actor between them.
FILLER_WITHIN = 10


def _readings(norms: Sequence[str]) -> frozenset[str]:
    """Every proclitic reading of the words and their stems ("طالبا" and "طالب" meet)."""
    out = {v for w in norms for v in clitic_variants(w)} | {stem(w) for w in norms}
    return frozenset(v for v in out if len(v) > 1 and v not in STOPWORDS)


def _role(kind: str, role: int, actor: Sequence[str]) -> Role:
    return Role(kind, role, _readings(actor[:1]), _readings(actor))


def _is_content(norm: str) -> bool:
    lex = outcome_lexicon()
    return (
        norm.isalpha()
        and norm not in STOPWORDS
        and norm not in lex.governors
        and not _is_filler(norm)
        and outcome_of(norm) is None
        and not _governs(norm)[0]
    )


def _is_filler(norm: str) -> bool:
    fillers = outcome_lexicon().fillers
    return any(v in fillers for v in clitic_variants(norm))


@lru_cache(maxsize=20_000)
def _governs(norm: str, contest: bool = False) -> tuple[bool, str]:
    """Whether the word introduces the other party, and what of it is the party's own word:
    "على" (none), "بالمراقب" / "للمراقب" (a preposition written on the name: "المراقب").
    A contest's other party follows one of its own prepositions ("على"، "أمام"، "ضد"),
    never one written on a word: "فاز باللقب" names what was won, not whom."""
    lex = outcome_lexicon()
    if norm in lex.governors:
        return norm in lex.contest_governors or not contest, ""
    if contest or len(norm) <= 4:
        return False, ""
    if "ب" in lex.governors and norm.startswith("بال"):
        return True, norm[1:]
    if "ل" in lex.governors and norm.startswith("لل"):
        return True, "ال" + norm[2:]
    return False, ""


def _span(norms: Sequence[str], start: int, step: int, most: int = ACTOR_WORDS) -> tuple[list[str], int]:
    """The actor's words from ``start`` on (``step`` -1: backwards), a figure passed over
    ("الطلاب الـ86"، "مقتل 35 شخصا"), and the index of the first word past them."""
    out: list[str] = []
    i = start
    while 0 <= i < len(norms) and len(out) < most:
        if norms[i].isdigit() or norms[i] == "ال":
            i += step
            continue
        if not _is_content(norms[i]):
            break
        out.append(norms[i])
        i += step
    return (out[::-1] if step < 0 else out), i


def _subject_first(norms: Sequence[str], i: int) -> list[str]:
    """The actor named before the word at ``i`` when the clause opens with it ("ليبرمان
    يرفض التحقيق"، "قال إن الحزب الحاكم فاز"): the words right before it, after the start,
    a punctuation mark or a clause opener; else none (the actor follows the word)."""
    before, b = _span(norms, i - 1, -1, SUBJECT_WORDS)
    if not before:
        return []
    if b < 0 or not norms[b].isalpha() or any(v in outcome_lexicon().openers for v in clitic_variants(norms[b])):
        return before
    return []


@lru_cache(maxsize=20_000)
def read_roles(text: str) -> tuple[Role, ...]:
    """Every actor's role in every outcome the text states (none under a modality: "يأمل
    في الفوز"; a negation right before the word turns the side: "لم يفز")."""
    lex = outcome_lexicon()
    tokens = tokenize(text, punctuation=True)
    norms = [t.norm for t in tokens]
    roles: list[Role] = []
    for i, w in enumerate(norms):
        word = outcome_of(w) if w.isalpha() else None
        if word is None:
            continue
        window = [n for n in norms[max(0, i - 3) : i] if n.isalpha()]
        if window and count_cues(window, "modality"):
            continue
        side = word.side
        if i > 0 and count_cues(norms[i - 1 : i], "negation"):
            side = -side
        if word.actor == "before":
            if i + 1 < len(norms) and _is_content(norms[i + 1]):
                continue  # "أحياء سكنية": a noun of its own, not a state
            filler = next((k for k in range(i - 1, max(-1, i - FILLER_WITHIN), -1) if _is_filler(norms[k])), None)
            # "لقي مراقب جوي في مطار بالو مصرعه": the actor follows "لقي", not the word before
            actor = _span(norms, filler + 1, 1)[0] if filler is not None else _span(norms, i - 1, -1)[0]
            end = i + 1
        else:
            actor, end = (_subject_first(norms, i) if word.actor == "verb" else []), i + 1
            if not actor:
                j = i + 1
                while j < len(norms) and _is_filler(norms[j]):
                    j += 1
                actor, end = _span(norms, j, 1)
        if actor:
            roles.append(_role(word.kind, side, actor))
        if word.kind not in lex.contests and word.kind not in lex.parties:
            continue
        for k in range(end, min(len(norms), end + OTHER_WITHIN)):
            if not norms[k].isalpha():
                break  # a comma or a full stop ends the clause
            contest = word.kind in lex.contests
            governs, own = _governs(norms[k], contest)
            if governs:
                other = ([own] if own else []) + _span(norms, k + 1, 1)[0]
                if other:
                    roles.append(_role(word.kind, -side if contest else 0, other))
                break
    return tuple(roles)


def _same_actor(a: Role, b: Role) -> bool:
    return a.kind == b.kind and bool(a.head & b.words or b.head & a.words)


def supported(claim: Sequence[Role], sentence: Sequence[Role]) -> frozenset[str]:
    """The kinds of outcome in which some actor of the claim keeps its role in the sentence."""
    return frozenset(c.kind for c in claim for s in sentence if _same_actor(c, s) and c.role == s.role)


def contradicted(claim: Sequence[Role], sentence: Sequence[Role]) -> frozenset[str]:
    """The kinds of outcome in which an actor of the claim has another role in the sentence
    and none keeps its role ("قُتل المتظاهرون" kept does not save "وافق ليبرمان" turned)."""
    kept = supported(claim, sentence)
    return frozenset(c.kind for c in claim for s in sentence
                     if c.kind not in kept and _same_actor(c, s) and c.role != s.role)


def supports(claim: Sequence[Role], sentence: Sequence[Role]) -> bool:
    return bool(supported(claim, sentence))


def contradicts(claim: Sequence[Role], sentence: Sequence[Role]) -> bool:
    return bool(contradicted(claim, sentence))
