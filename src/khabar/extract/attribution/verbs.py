"""The reporting verbs and their forms, from ``text/ar/data/reporting_verbs.txt``.

Each line of the list is one verb: its class, its past, present and participle forms
(third person masculine singular) and its frame (the prepositions that introduce what is
said, whether a noun object is a statement, the nouns it needs).  The other persons are
derived here, so that a verb is listed once and every form of it is known: "أكدت"،
"يؤكدون"، "مؤكدة" from "أكد | يؤكد | مؤكدا".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from khabar.text.ar.clitics import THIRD_PERSON_PRONOUNS
from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.reporting import past_forms, weak_final

VerbClass = Literal["say", "believe", "stance", "relay", "impersonal"]
FormKind = Literal["past", "present", "participle"]

_CLASSES = frozenset({"say", "believe", "stance", "relay", "impersonal"})
_LIST = "reporting_verbs"


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    """One verb of the list: its class, listed forms and frame (all normalized)."""

    cls: VerbClass
    past: str | None
    present: str | None
    participle: str | None
    #: Prepositions that may introduce what is said ("الي" for "أشار إلى").
    preps: tuple[str, ...] = ()
    #: A noun object after the speaker is itself the statement ("أعلن التحالف فرض حصار").
    noun: bool = False
    #: The verb says something only with one of these nouns after its speaker ("وجه نداء").
    frame: tuple[str, ...] = ()
    #: The form is also a common word ("بين"، "عبر"): named speaker and clause required.
    strict: bool = False
    #: Nouns after which the verb says nothing ("رفض التعليق").
    silent: tuple[str, ...] = ()
    #: The verb's nouns of saying ("إعلان" of "أعلن"): "إعلان الأسد أن ...".
    nouns: tuple[str, ...] = ()
    #: Those of ``nouns`` that say with the verb's preposition too, no أن clause needed
    #: ("%دعوة+": "دعوة قطر إلى اجتماع عاجل").
    framed_nouns: tuple[str, ...] = ()
    #: The verb needs an object before its preposition ("وصف X بأنه"، "اتهم X بـ"): a noun
    #: phrase right before the preposition is that object, not who speaks.
    transitive: bool = False
    #: A verb of reacting ("أدان"، "رحب"، "انتقد"; ``react`` in the frame, and every stance
    #: verb): a report that opens with it tells a reaction to a happening (:func:`reaction_forms`).
    reaction: bool = False
    #: Its past and present also say with an object pronoun attached ("اتهمه"، "تتهمها"،
    #: "حذرتهم"، "دعاهم"; ``pronoun`` in the frame): the object is the pronoun, what follows
    #: the speaker (or the verb) is what is said (:func:`object_pronoun_forms`).
    pronoun: bool = False
    #: Those forms with a pronoun that are more often a noun ("~طالبه" a student, "~وعده"
    #: his promise): never read as the verb.
    nouns_alike: tuple[str, ...] = ()
    #: Its object is who is told ("أبلغ"، "حذر"; ``hearer`` in the frame): a noun phrase after
    #: it followed at once by أن is that hearer ("حذر الملك السعودي أنه"), not who speaks.
    hearer: bool = False


_weak = weak_final


def derived_forms(verb: ReportingVerb) -> dict[str, FormKind]:
    """Every form of ``verb`` (normalized) and which of the three it is: the listed forms,
    the feminine and plural of the past and present, the feminine and plurals of the
    participle.  Duals are never derived (they are far more often nouns: "ردا"، "طلبا")."""
    out: dict[str, FormKind] = {}
    if verb.past:
        for f in past_forms(verb.past):
            out.setdefault(f, "past")
    if verb.present:
        s = verb.present
        stem = s[:-1] if _weak(s) else s
        forms = [s, stem + "ون"]
        if s.startswith("ي"):
            forms.append("ت" + s[1:])
        for f in forms:
            out.setdefault(f, "present")
    if verb.participle:
        r = verb.participle
        forms = [r]
        if r.endswith("ا"):
            forms += [r[:-1] + "ه", r[:-1] + "ين", r[:-1] + "ات"]
        for f in forms:
            out.setdefault(f, "participle")
    return out


def object_pronoun_forms(verb: ReportingVerb) -> dict[str, FormKind]:
    """The past and present forms of a verb marked ``pronoun`` with a third-person object
    pronoun attached ("اتهمه"، "اتهمتها"، "اتهموه"، "يتهمهم"، "تدعوه"، "يطالبونه"), less the
    list's nouns alike ("~طالبه"); none for a participle ("متهمه" is its feminine).  Read by
    the attribution scanner only: the recognizer's verb forms stay as listed."""
    if not verb.pronoun:
        return {}
    out: dict[str, FormKind] = {}
    for form, kind in derived_forms(verb).items():
        if kind == "participle":
            continue
        stem = form[:-1] if kind == "past" and form.endswith("وا") else form  # "اتهموا" -> "اتهموه"
        for suffix in THIRD_PERSON_PRONOUNS:
            if stem + suffix not in verb.nouns_alike:
                out.setdefault(stem + suffix, kind)
    return out


def _parse(number_hint: str, cls: str, phrase: str) -> ReportingVerb:
    fields = [f.strip() for f in phrase.split("|")]
    if cls not in _CLASSES or len(fields) != 4 or not all(fields):
        raise ValueError(
            f"khabar word list text/ar/data/{_LIST}.txt: {number_hint!r} is not "
            f"'[{'|'.join(sorted(_CLASSES))}] past | present | participle | frame'"
        )
    past, present, participle = (None if f == "-" else f for f in fields[:3])
    frame_words = fields[3].split()
    return ReportingVerb(
        cls=cls,  # type: ignore[arg-type]
        past=past,
        present=present,
        participle=participle,
        preps=tuple(w[1:] for w in frame_words if w.startswith("+")),
        noun="noun" in frame_words,
        frame=tuple(w[1:] for w in frame_words if w.startswith("=")),
        strict="strict" in frame_words,
        silent=tuple(w[1:] for w in frame_words if w.startswith("!")),
        nouns=tuple(w[1:].rstrip("+") for w in frame_words if w.startswith("%")),
        framed_nouns=tuple(w[1:-1] for w in frame_words if w.startswith("%") and w.endswith("+")),
        transitive="object" in frame_words,
        reaction=cls == "stance" or "react" in frame_words,
        pronoun="pronoun" in frame_words,
        nouns_alike=tuple(w[1:] for w in frame_words if w.startswith("~")),
        hearer="hearer" in frame_words,
    )


@lru_cache(maxsize=1)
def reporting_verbs() -> tuple[ReportingVerb, ...]:
    """Every verb of the list, in file order."""
    return tuple(_parse(f"[{e.tag}] {e.phrase}", e.tag, e.phrase) for e in read_tagged(_LIST))


@lru_cache(maxsize=1)
def reporting_verb_forms() -> dict[str, frozenset[str]]:
    """Every form of the list by class ("say" -> {"قال", "قالت", "قالوا", "يقول", ...}):
    for the readers that only need to know a word is a verb of saying (entity recognition)."""
    out: dict[str, set[str]] = {}
    for verb in reporting_verbs():
        forms = derived_forms(verb) if verb.cls != "impersonal" else _listed(verb)
        out.setdefault(verb.cls, set()).update(forms)
    return {k: frozenset(v) for k, v in out.items()}


def _listed(verb: ReportingVerb) -> dict[str, FormKind]:
    """Only the forms as listed: an impersonal past ("أعلن") is a passive in that form alone."""
    out: dict[str, FormKind] = {}
    for form, kind in ((verb.past, "past"), (verb.present, "present"), (verb.participle, "participle")):
        if form:
            out[form] = kind  # type: ignore[assignment]
    return out


@lru_cache(maxsize=1)
def hearer_forms() -> frozenset[str]:
    """Every past and present form of the verbs whose object is who is told
    (:attr:`ReportingVerb.hearer`): "حذر"، "حذرت"، "يبلغ"."""
    return frozenset(f for verb in reporting_verbs() if verb.hearer for f, kind in forms_of(verb).items() if kind != "participle")


@lru_cache(maxsize=1)
def reaction_forms() -> frozenset[str]:
    """Every form of the verbs of reacting (:attr:`ReportingVerb.reaction`)."""
    return frozenset(f for verb in reporting_verbs() if verb.reaction for f in forms_of(verb))


def forms_of(verb: ReportingVerb) -> dict[str, FormKind]:
    """The forms a verb of the list is found by (derived, or as listed for an impersonal)."""
    return _listed(verb) if verb.cls == "impersonal" else derived_forms(verb)


Gender = Literal["m", "f"]


@lru_cache(maxsize=1)
def _form_genders() -> dict[str, Gender]:
    """The singular forms of the verbs of saying by grammatical gender: "قال"، "يقول"،
    "قائلا" masculine; "قالت"، "تقول"، "قائلة" feminine.  A form that is both (none today)
    is left out; plurals are left out (a verb before a plural subject is singular: "قال
    دبلوماسيون ... وأضافوا")."""
    seen: dict[str, set[str]] = {}
    for verb in reporting_verbs():
        if verb.cls != "say":
            continue
        pairs: list[tuple[str, str]] = []
        if verb.past:
            p = verb.past
            pairs += [(p, "m"), ((p[:-1] if _weak(p) else p) + "ت", "f")]
        if verb.present:
            s = verb.present
            pairs.append((s, "m"))
            if s.startswith("ي"):
                pairs.append(("ت" + s[1:], "f"))
        if verb.participle and verb.participle.endswith("ا"):
            pairs += [(verb.participle, "m"), (verb.participle[:-1] + "ه", "f")]
        for form, g in pairs:
            seen.setdefault(form, set()).add(g)
    return {form: next(iter(g)) for form, g in seen.items() if len(g) == 1}  # type: ignore[misc]


def verb_gender(normalized: str) -> Gender | None:
    """The grammatical gender a verb of saying (normalized, perhaps after و/ف) agrees
    with, or None (a plural, a cue, a form of both genders)."""
    genders = _form_genders()
    if normalized in genders:
        return genders[normalized]
    if len(normalized) > 3 and normalized[0] in "وف":
        return genders.get(normalized[1:])
    return None


@lru_cache(maxsize=1)
def _plural_forms() -> frozenset[str]:
    """The plural forms of the verbs of saying ("قالوا"، "يقولون"، "مؤكدين")."""
    out: set[str] = set()
    for verb in reporting_verbs():
        if verb.cls != "say":
            continue
        if verb.past:
            out.add((verb.past[:-1] if _weak(verb.past) else verb.past) + "وا")
        if verb.present:
            out.add((verb.present[:-1] if _weak(verb.present) else verb.present) + "ون")
        if verb.participle and verb.participle.endswith("ا"):
            out.add(verb.participle[:-1] + "ين")
    return frozenset(out - set(_form_genders()))


def verb_is_plural(normalized: str) -> bool:
    """A plural form of a verb of saying (normalized, perhaps after و/ف): its subject is
    many ("وأضافوا" continues "مسؤولون"، never one person named before)."""
    forms = _plural_forms()
    return normalized in forms or (len(normalized) > 3 and normalized[0] in "وف" and normalized[1:] in forms)
