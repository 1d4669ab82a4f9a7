"""A claim of admission against a page where the admitting party denies (issue 16, session 20).

"اعترف برانسون بالاتهامات الموجهة إليه" and a page with "ونفى برانسون الاتهامات": the page
reports the claim's matter and contradicts it, yet its sentences are close to the claim in words
and in the encoder's meaning, and the heads call such pages agree, discuss or (their denial
being short) unrelated.  The words of both sides are the ``[admission]`` and ``[disavowal]``
cues of ``text/ar/data/stance_cues.txt``.

The *party* of a claim of admission is read from the words next to its admission cue: the
words after it up to what is admitted ("اعترف وزير الخارجية الروسي سيرغي لافروف | بأن"), or,
when the cue is followed by what is admitted ("بأن"، "بالاتهامات"), the words before it
("الجيش الإسرائيلي | أقر بأن"); titles and function words left out; with the last word of
each name of the claim the recognizer finds (the one the admission is about: "بأن روسيا عبثت",
denied as "تنفي روسيا").  A page *denies* when one of its sentences has a disavowal cue at most
:data:`PARTY_WITHIN` words from a party word, and no sentence has an admission cue as close to
one (a page that reports the admission and an earlier denial is left to the heads).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.check.event import claim_names
from khabar.check.features import count_cues, cue_openings
from khabar.extract.titles import titles
from khabar.text.ar.clitics import CONJUNCTIONS, THIRD_PERSON_PRONOUNS, clitic_variants
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words

if TYPE_CHECKING:
    from khabar.extract.attribution import Attribution

#: How far (in words) a party word may stand from a disavowal or admission cue: a title, a
#: nationality and a two-word name ("نفى المدافع الإسباني سيرجيو راموس"; at 3 that page of
#: fresh12 was lost, at 5 an agreeing page of fresh14 turned; development sets, session 20).
PARTY_WITHIN = 4
#: Words of the admitting party read at most after its cue.
PARTY_WORDS = 5
#: Shortest party word kept (a proclitic's remainder of two letters names no one).
_MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in titles() for w in t)


def _is_cue(word: str, tag: str) -> bool:
    return count_cues((word,), tag) > 0


def _opens_what_is_admitted(word: str) -> bool:
    """"بأن"، "بالاتهامات"، "بما"، "بمسؤوليته": the preposition of the admission verb's frame
    (``+ب`` in reporting_verbs.txt) written on أن, the article, ما or a noun with its pronoun --
    not a name that opens with ب ("برانسون")."""
    rest = word[1:]
    return word.startswith("ب") and (rest.startswith(("ال", "ان", "ما")) or rest.endswith(THIRD_PERSON_PRONOUNS))


@lru_cache(maxsize=1024)
def admitting_party(claim: str, names: bool = True) -> frozenset[str]:
    """The readings of the words naming who admits in ``claim`` (with the claim's names unless
    ``names`` is False), or nothing when the claim has no admission cue."""
    toks = words(claim)
    at = next((i for i, t in enumerate(toks) if _is_cue(t, "admission")), None)
    if at is None:
        return frozenset()
    span: list[str] = []
    if at + 1 < len(toks) and not _opens_what_is_admitted(toks[at + 1]):
        for t in toks[at + 1 : at + 1 + PARTY_WORDS]:
            if _opens_what_is_admitted(t) or t in STOPWORDS:
                break
            span.append(t)
    else:
        for t in reversed(toks[max(0, at - PARTY_WORDS) : at]):
            if t in STOPWORDS:
                break
            span.append(t)
    titled = _title_words()
    out = {v for t in span for v in clitic_variants(t) if len(v) >= _MIN_LETTERS and v not in STOPWORDS and v not in titled}
    if names:
        for name in claim_names(claim):
            out.update(form[-1] for form in name)
    return frozenset(out)


def _near(text: str, party: frozenset[str], tag: str) -> bool:
    toks = words(text)
    cues = [i for i, t in enumerate(toks) if _is_cue(t, tag)]
    if not cues:
        return False
    hits = [i for i, t in enumerate(toks) if party.intersection(clitic_variants(t))]
    return any(abs(c - h) <= PARTY_WITHIN for c in cues for h in hits)


def party_denies(party: frozenset[str], sentences: Sequence[str]) -> bool:
    """Whether a sentence has the party disavow (a disavowal cue near a party word) and none
    has it admit."""
    if not party or any(_near(s, party, "admission") for s in sentences):
        return False
    return any(_near(s, party, "disavowal") for s in sentences)


# --- session 20, second step: the party as a speaker (judged with the disavowal on fresh18 in session 21, kept)

#: A negation of the party's statement counts when a word of the admitted clause stands at most
#: this many words after it ("ليس لها أي دور في تسميم": 5).
NEGATES_WITHIN = 6
#: A charge counts when it is at most this many words into what a party rejects or denies.
CHARGE_WITHIN = 3
#: What is admitted: at most this many content words after the cue and its party (a claim's
#: second clause, "... وقال إنه يقبل استنتاجات"، is not what was admitted: with the whole claim,
#: Trump's own "روسيا لم تتدخل" turned an agreeing page of fresh14).
ADMITTED_WORDS = 8


@lru_cache(maxsize=1024)
def admits_something(claim: str) -> bool:
    """Whether the claim's admission cue owns a deed: what is admitted opens with the verb's
    ب ("بأن"، "بمسؤولية"، "بالاتهامات"، "بمقتل") within :data:`PARTY_WORDS` words after the cue,
    and is no name of the claim ("اعترف ترامب بالقدس عاصمة": recognition).  A cue with a bare object passes or
    adopts ("أقر البرلمان مشروع قانون"، "تبنى مجلس الأمن بيانا"): on unlabelled ANT all 9
    pages the party reading turned before this gate were of such claims (session 20)."""
    toks = words(claim)
    at = next((i for i, t in enumerate(toks) if _is_cue(t, "admission")), None)
    if at is None or toks[at].lstrip("يت").startswith("بن"):
        # تبنى/تبني: adoption ("تبني بيان لمجلس الأمن") or a claim of responsibility, both with
        # a bare object; its ب-word is a noun of its own ("بيان": unlabelled ANT, session 20)
        return False
    named = {f[0] for name in claim_names(claim) for f in name}
    for k in range(at + 1, min(len(toks), at + 2 + PARTY_WORDS)):
        t = toks[k]
        if t in named:
            continue  # a name that opens with ب ("برانسون")
        if _opens_what_is_admitted(t) or (t.startswith("ب") and len(t) > 3):
            if _bare_object_after(toks, k, named):
                return False
            return not named.intersection({t[1:], *clitic_variants(t[1:])})
    return False


def _bare_object_after(toks: Sequence[str], k: int, named: set[str]) -> bool:
    """Whether the definite ب-word at ``k`` is followed by the verb's bare object, so that it
    is a phrase of manner and the verb passes or adopts that object ("أقر مجلس الأمن بالإجماع
    طلب السويد": a resolution passed, no admission; fresh18's one such claim, session 21).  A
    definite word governs no genitive and its adjective carries the article too, so a bare
    noun right after it opens a constituent of its own: a content word with no clitic and no
    article, not a day ("أمس") and not an accusative adverb or circumstance in -ا ("رسميا"،
    "قائلا"), which may follow a real admission."""
    from khabar.extract.dates import day_words

    if k + 1 >= len(toks) or not toks[k].startswith("بال"):
        return False
    nxt = toks[k + 1]
    return (
        len(nxt) >= _MIN_LETTERS and clitic_variants(nxt) == (nxt,) and nxt not in STOPWORDS
        and nxt not in named and nxt not in day_words() and not nxt.endswith("ا")
    )


@lru_cache(maxsize=1024)
def party_stems(claim: str) -> tuple[frozenset[str], frozenset[str]]:
    """The stems of the words naming the admitting party itself, as written in the claim (no
    names of the claim elsewhere, no day, nationality, adjective or title: "أقر مجلس النواب
    الأمريكي يوم الأربعاء" -> مجلس، نواب), and those of them that are a name's words
    ("لافروف"، "الحوثي"): matched against a speaker phrase by stem ("الحوثيون"/"الحوثيين")."""
    from khabar.extract.attribution import is_adjective, is_nationality
    from khabar.extract.dates import day_part_words, day_words
    from khabar.text.ar.stem import stem

    skip = day_words() | day_part_words() | _title_words()
    span = admitting_party(claim, names=False)
    named = {w for name in claim_names(claim) for f in name for w in f}
    out, names = set(), set()
    for w in words(claim):
        if w not in span or w in skip or is_nationality(w) or is_adjective(w):
            continue
        st = stem(w)
        if len(st) >= _MIN_LETTERS:
            out.add(st)
            if w in named or named.intersection(clitic_variants(w)):
                names.add(st)
    return frozenset(out), frozenset(names)


def _speaks_for(party: tuple[frozenset[str], frozenset[str]], phrase: str) -> bool:
    """A speaker phrase speaks for the party when it has one of its name's stems, or two of its
    stems (one when it has only one: "التحالف"): a lone common word of a longer party ("شركة"
    of "مدير شركة الخطوط الجوية القطرية") names any company."""
    from khabar.text.ar.stem import stem

    stems, names = party
    got = {stem(t) for t in words(phrase)} & stems
    return bool(got & names) or len(got) >= min(2, len(stems)) > 0


def _variants_of(text: str) -> list[frozenset[str]]:
    return [frozenset(v for v in clitic_variants(t) if len(v) >= _MIN_LETTERS) for t in words(text)]


@lru_cache(maxsize=1024)
def admitted_words(claim: str) -> frozenset[str]:
    """The readings of the content words of ``claim`` after its admission cue (what is admitted,
    the party's own words and the cue left out): "بأن روسيا عبثت بموقع" -> روسيا، عبثت، موقع."""
    toks = words(claim)
    at = next((i for i, t in enumerate(toks) if _is_cue(t, "admission")), None)
    if at is None:
        return frozenset()
    party = admitting_party(claim)
    titled = _title_words()
    out: set[str] = set()
    taken = 0
    for t in toks[at + 1 :]:
        if t in STOPWORDS or t in titled:
            continue
        vs = {v for v in clitic_variants(t) if len(v) >= _MIN_LETTERS and v not in STOPWORDS}
        if vs & party and not vs & {f[-1] for n in claim_names(claim) for f in n}:
            continue  # the party's own words, not a name the admission is about
        out.update(vs)
        taken += 1
        if taken >= ADMITTED_WORDS:
            break
    return frozenset(out)


def _speaker_phrase(text: str, a: Attribution) -> str:
    """The words naming who speaks: the source with what stands between it and what is said
    ("ديمتري بيسكوف المتحدث باسم #الكرملين، اليوم الأربعاء،")."""
    s = a.source
    if a.content_start >= s.end:
        return text[min(s.start, a.verb_start) : a.content_start]
    return text[s.start : s.end]


def _party_statements(party: tuple[frozenset[str], frozenset[str]], sentences: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(verb, what is said) of every statement the page gives the party (a speaker phrase
    with a word of one of the party's stems; a follow-on "وأضاف أن" keeps the previous speaker)."""
    from khabar.extract.attribution import find_attributions

    last_is_party = False
    for text in sentences:
        for a in find_attributions(text):
            if not a.statement:
                continue
            if a.source is None:
                is_party = last_is_party
            else:
                is_party = _speaks_for(party, _speaker_phrase(text, a))
            last_is_party = is_party
            if is_party:
                yield a.verb, text[a.content_start : a.content_end]


def _negates_admitted(content: str, admitted: frozenset[str]) -> bool:
    toks = words(content)
    for i in range(len(toks)):
        if count_cues(toks[i : i + 2], "negation") or count_cues(toks[i : i + 1], "denial"):
            ahead = toks[i + 1 : i + 1 + NEGATES_WITHIN]
            if any(admitted.intersection(clitic_variants(t)) for t in ahead):
                return True
    return False


def _rejects_charge(verb: str, content: str) -> bool:
    v = tuple(words(verb))
    if not (count_cues(v, "refusal") or count_cues(v, "disavowal")):
        return False
    return count_cues(words(content)[:CHARGE_WITHIN], "charge") > 0


def party_states_otherwise(claim: str, party: frozenset[str], sentences: Sequence[str]) -> str | None:
    """"negates" when a statement of the party negates a word of what the claim says it admitted
    ("قال بيسكوف المتحدث باسم الكرملين إن موسكو ليس لها أي دور في تسميم")، "rejects" when the
    party rejects or denies a charge ("رفض ... مسؤول ... الحوثيين مزاعم التحالف"), else None."""
    admitted = admitted_words(claim)
    # the speaker is the party itself: the words next to the cue, not every name of the claim
    # (a claim's "إيران" or "بوتين" speaking turned 4 agreeing baly pages and 1 of fresh14)
    party = party_stems(claim)
    for verb, content in _party_statements(party, sentences):
        if admitted and _negates_admitted(content, admitted):
            return "negates"
        if _rejects_charge(verb, content):
            return "rejects"
    return None


def party_no_answer(party: frozenset[str], sentences: Sequence[str]) -> bool:
    """Whether a sentence says the party has not answered ("ولم يرد الحوثيون"): a phrase of
    ``[no_answer]`` starting at most :data:`PARTY_WITHIN` words from a party word."""
    for text in sentences:
        # "ولم يرد": a phrase's first word with its conjunction (the cue index reads a word's
        # proclitics only where what is left has three letters or more, and "لم" has two)
        first = cue_openings("no_answer")
        toks = [t[1:] if t[:1] in CONJUNCTIONS and t[1:] in first else t for t in words(text)]
        starts = [i for i in range(len(toks)) if count_cues(toks[i : i + 6], "no_answer") > count_cues(toks[i + 1 : i + 6], "no_answer")]
        if not starts:
            continue
        hits = [i for i, t in enumerate(toks) if party.intersection(clitic_variants(t))]
        if any(abs(c - h) <= PARTY_WITHIN + 1 for c in starts for h in hits):
            return True
    return False
