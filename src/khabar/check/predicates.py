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
any proclitic reading, or by the letters of its root: a singular and its broken plural,
"راكب" / "الركاب"), so "ريال مدريد" and "الريال" are one actor, "منانغاغوا" and
"شاميسا" two.  An actor named by a pronoun ("نجاته"، "الإفراج عنه") is the claim's actor
when that actor is named before it in the sentence (its antecedent).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.check.features import count_cues
from khabar.text.ar.clitics import THIRD_PERSON_PRONOUNS, clitic_variants
from khabar.text.ar.outcomes import outcome_lexicon, outcome_of
from khabar.text.ar.stem import root_letters, stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import tokenize


@dataclass(frozen=True, slots=True)
class Role:
    """One actor's part in an outcome: ``words`` are the readings of the actor's words."""

    kind: str
    role: int  # +1 / -1: the outcome (won, lived, accepted / the opposite); 0: the other party
    head: frozenset[str]  # the readings of its first word ("ريال" of "ريال مدريد")
    words: frozenset[str]  # of all its words: a span may run on into the object ("المعارضة نتائج")
    #: an actor named by a pronoun (no head, no words): the readings of the words before it
    antecedents: frozenset[str] = frozenset()


#: Words of an actor read at most: a title, a nationality and a two-word name ("الممثل السوري
#: محمد أوسو" of baly2018; at 3 the surname the sentences name him by was cut off).  3 and 4
#: give the same development figures (baly2018 folds 1-4, fresh3..fresh12; session 17).
ACTOR_WORDS = 4
#: Words of a subject named before its verb read at most: a title, a name and its adjective
#: ("وزير الدفاع الإسرائيلي أفيغدور ليبرمان وافق").
SUBJECT_WORDS = 6
#: How far after the actor (in words) the preposition of the other party may stand:
#: "خسرها ليفربول بثلاثة أهداف مقابل هدف واحد أمام ريال مدريد".
OTHER_WITHIN = 8
#: How far before a word such as "مصرعه" its verb ("لقي") may stand, the actor between them.
FILLER_WITHIN = 10
#: How far before a held or missing state (in words) a word that says it is over may stand:
#: "بعد تسعة أيام على فقدانهم".
ENDED_WITHIN = 5
#: How far after an "object" word (in words) its preposition may stand, the subject between
#: them: "أفرجت محكمة تركية يوم الجمعة عن القس".
OBJECT_WITHIN = 6


def _readings(norms: Sequence[str]) -> frozenset[str]:
    """Every proclitic reading of the words and their stems ("طالبا" and "طالب" meet), and
    the letters of their roots, marked apart ("#طلب": "الطلاب" and "طالب" meet)."""
    out = {v for w in norms for v in clitic_variants(w)} | {stem(w) for w in norms}
    roots = {"#" + r for r in map(root_letters, out) if r}
    return frozenset(v for v in out if len(v) > 1 and v not in STOPWORDS) | roots


def _role(kind: str, role: int, actor: Sequence[str]) -> Role:
    return Role(kind, role, _readings(actor[:1]), _readings(actor))


def _pronoun_role(kind: str, role: int, before: Sequence[str]) -> Role:
    """An actor named by a pronoun: whoever the sentence names before it may be meant."""
    return Role(kind, role, frozenset(), frozenset(), _readings([w for w in before if _is_content(w)]))


def _object_pronoun(norm: str) -> bool:
    """A preposition of an "object" word with a pronoun on it: "عنه"، "عليهم"."""
    objects = outcome_lexicon().objects
    return any(norm.endswith(s) and norm[: -len(s)] in objects for s in THIRD_PERSON_PRONOUNS)


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


def _span(norms: Sequence[str], start: int, step: int, most: int | None = None) -> tuple[list[str], int]:
    """The actor's words from ``start`` on (``step`` -1: backwards), a figure passed over
    ("الطلاب الـ86"، "مقتل 35 شخصا"), and the index of the first word past them."""
    out: list[str] = []
    i = start
    quantifiers = outcome_lexicon().quantifiers
    most = ACTOR_WORDS if most is None else most
    while 0 <= i < len(norms) and len(out) < most:
        if norms[i].isdigit() or norms[i] == "ال" or (not out and norms[i] in quantifiers):
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
    في الفوز"; a negation right before the word turns the side: "لم يفز", and so does a
    refusal before it outside a contest: "رفضت المحكمة الإفراج عن القس" says he is held,
    where "رفض الاعتراف بفوزه" says nothing of who won; a state that passes is not read
    after a word that says it is over: "بعد احتجازه")."""
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
        if window and count_cues(window, "refusal"):
            if word.kind in lex.contests:
                continue
            side = -side
        if side < 0 and word.kind in lex.passing and any(n in lex.ended for n in norms[max(0, i - ENDED_WITHIN) : i]):
            continue  # "بعد احتجازه": held no longer
        if word.actor == "pronoun":
            roles.append(_pronoun_role(word.kind, side, norms[:i]))
            continue
        if word.actor == "object":
            for k in range(i + 1, min(len(norms), i + 1 + OBJECT_WITHIN)):
                if not norms[k].isalpha():
                    break
                if norms[k] in lex.objects:
                    actor = _span(norms, k + 1, 1)[0]
                    if actor:
                        roles.append(_role(word.kind, side, actor))
                    break
                if _object_pronoun(norms[k]):
                    roles.append(_pronoun_role(word.kind, side, norms[:i]))
                    break
            continue
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
    if a.kind != b.kind:
        return False
    if a.head and b.head:
        return bool(a.head & b.words or b.head & a.words)
    # one named by a pronoun: the other is its antecedent when named before it
    return bool(a.head & b.antecedents or b.head & a.antecedents)


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
