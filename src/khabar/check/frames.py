"""Who did what to whom: the claim's main predicate, its agent and its patient, compared
with a sentence's.

Two sentences can share every word and still state opposite facts: "قصفت القوات التركية
مواقع الوحدات الكردية" and "قصفت الوحدات الكردية مواقع القوات التركية"; "استعادت قوات
النظام تادف" and "سيطرت المعارضة على تادف".  Word overlap and sentence vectors both call
such pairs close; the frame tells them apart.

No parser for Arabic ships offline, so the frame is read with a few measured habits of
news Arabic, over the names :func:`khabar.extract.entities.find_mentions` finds (people,
organisations, places) and nationality adjectives ("الإسرائيلية" stands for Israel):

* the reported proposition is the statement of an attribution when there is one ("قال
  الجيش إنه **استعاد المدينة**"), else the whole sentence;
* the predicate is the first content word of the proposition that is not part of a name,
  a title ("الملك"، "وزير") or a word with the article ("الأسبوع الماضي"، "الجيش"): news
  puts the verb first ("قصفت ..."، "سيطرت ...") or right after its subject ("الجيش
  يستعيد ..."، "الملك كلف ..."); a verb that opens like the article ("ألغى"، "التقى") is
  listed in ``frame_verbs.txt``.  Predicates are compared by their root letters, so a verb
  and its kin are one ("كلّف"، "يكلف"، "تكليف");
* the agent is the first name after a verb-first predicate (titles and nationalities
  between them: "كلف العاهل الأردني، الملك عبد الله الثاني، ..."), or the name right before
  a subject-first one; the patient is the first other name after the predicate, and names
  after a preposition ("على تادف"، "ضد الأكراد") are patients too.  A name after a title
  ("وزير الخارجية أيمن الصفدي") stands in apposition, not governed by the title.

The comparison (:class:`FrameMatch`) gives features, never a verdict on its own: the stance
model weighs them with everything else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.attribution import find_attributions
from khabar.extract.entities import find_mentions
from khabar.model import Article, Sentence
from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.lexicon import read_entries, read_fields
from khabar.text.ar.stem import root_letters, stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import Token, tokenize

#: Words that govern the name after them: it is then an object, never the agent.
_GOVERNORS = frozenset(
    "علي ضد من في الي عن ب ل مع بين عبر نحو تجاه باتجاه داخل حول لصالح بحق ازاء لدي عند".split()
)


@dataclass(frozen=True, slots=True)
class Name:
    """A name in the proposition: its kind (person, organisation, place) and linking key."""

    kind: str
    key: str
    token: int  # index of its first token
    governed: bool  # after a preposition or a noun: not a candidate agent
    end: int = 0  # index of the token after it


@dataclass(frozen=True, slots=True)
class Frame:
    """The proposition of a sentence: predicate (:func:`predicate_key`), agent and patient
    names (keys; the first patient is the one the predicate acts on)."""

    predicate: str | None
    agent: str | None
    patients: tuple[str, ...]
    names: tuple[Name, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(n.key for n in self.names)

    def kind_of(self, key: str) -> str | None:
        return next((n.kind for n in self.names if n.key == key), None)


@dataclass(frozen=True, slots=True)
class FrameMatch:
    """How a sentence's frame stands to the claim's."""

    shared_names: float  # share of the claim's names the sentence names too
    swapped_names: float  # claim names replaced by another name of the same kind
    role_swap: float  # a name that is the agent in one and a patient in the other
    agent_change: float  # same predicate, another agent
    same_predicate: float


@lru_cache(maxsize=1)
def _nationalities() -> dict[str, str]:
    """Nationality adjective (normalized) -> its country key."""
    out: dict[str, str] = {}
    for fields in read_fields("nationalities"):
        for form in fields[1:]:
            out[form] = fields[0]
    return out


def _nationality(word: str) -> str | None:
    table = _nationalities()
    for v in clitic_variants(word):
        if v in table:
            return table[v]
    return None


def _token_at(tokens: Sequence[Token], offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.end > offset:
            return i
    return len(tokens)


def _proposition(text: str) -> tuple[int, int]:
    """Offsets of what the sentence states: an attribution's statement, else all of it."""
    try:
        atts = find_attributions(text)
    except ValueError:
        atts = []
    for att in atts:
        if att.content_end - att.content_start >= 10:
            return att.content_start, att.content_end
    return 0, len(text)


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    """Every word of a title ("وزير"، "الخارجية" of "وزير الخارجية"): a name after one stands
    in apposition, and none is a predicate."""
    return frozenset(w for entry in read_entries("titles") for w in entry.split())


@lru_cache(maxsize=1)
def _verbs_like_nouns() -> frozenset[str]:
    return frozenset(read_entries("frame_verbs"))


def _listed_verb(word: str) -> bool:
    return any(v in _verbs_like_nouns() for v in clitic_variants(word))


def _title(word: str) -> bool:
    return any(v in _title_words() for v in clitic_variants(word))


def _definite(word: str) -> bool:
    """A word with the article, a conjunction or preposition before it or not ("والجيش")."""
    return any(len(v) > 3 and v.startswith("ال") for v in clitic_variants(word))


def predicate_key(word: str) -> str:
    """What predicates are compared by: the root letters of the word's stem (a verb and its
    kin meet: "كلف"، "يكلف"، "تكليف"، "اتهمت"، "تتهمان"), else its stem."""
    s = stem(word)
    key = root_letters(s) or s
    if len(key) > 3 and key[0] in "تين":  # a present tense's prefix the stem kept: "تتهمان"
        key = root_letters(key[1:]) or key[1:]
    return key


def _predicate_at(tokens: Sequence[Token], taken: set[int]) -> int | None:
    """The predicate's token: the first content word not in a name, not a title and not a
    word with the article (unless a listed verb); else the first content word (a nominal
    sentence: "هجمات الكنائس هي الأعنف ...")."""
    first = None
    for i, t in enumerate(tokens):
        if i in taken or t.norm in STOPWORDS or not t.norm.isalpha():
            continue
        if first is None:
            first = i
        if _listed_verb(t.norm):
            return i
        if _definite(t.norm) or _title(t.norm):
            continue
        return i
    return first


#: How many tokens (titles, nationalities) may stand between a verb-first predicate and its
#: agent's name: "كلف العاهل الأردني، الملك عبد الله الثاني" (the title, its nationality).
AGENT_WITHIN = 3


def read_frame(text: str) -> Frame:
    """The frame of one sentence (or claim)."""
    start, end = _proposition(text)
    part = text[start:end]
    tokens = tokenize(part)
    if not tokens:
        return Frame(None, None, (), ())
    article = Article(id="frame", title="", body=part)
    spans: list[tuple[int, int, str, str]] = []  # first token, last token + 1, kind, key
    for m in find_mentions(article, [Sentence("frame", 0, 0, len(part), part)]):
        spans.append((_token_at(tokens, m.start), _token_at(tokens, m.end - 1) + 1, m.kind, m.name_key))
    taken = {i for a, b, _, _ in spans for i in range(a, b)}
    for i, t in enumerate(tokens):
        if i not in taken:
            country = _nationality(t.norm)
            if country is not None:
                spans.append((i, i + 1, "place", country))
                taken.add(i)
    spans.sort()
    names = []
    after_preposition = set()  # names a preposition governs ("على تادف"، "بحلب"): never the agent
    for a, b, kind, key in spans:
        prev = tokens[a - 1].norm if a > 0 else ""
        adjective = b == a + 1 and key == _nationality(tokens[a].norm)  # "العاهل الأردني"
        governed = prev in _GOVERNORS or (
            bool(prev) and a - 1 not in taken and prev not in STOPWORDS and a > 1 and not _title(prev) and not adjective
        )
        first = tokens[a].norm
        if len(first) > 3 and first[0] in "بل" and first[1:3] != "ال" and _variants_known(first) and first != key.split()[0]:
            governed = True  # "بحلب"، "لروسيا": a preposition written on the name (not "بريطانيا")
            after_preposition.add(a)
        if prev in _GOVERNORS:
            after_preposition.add(a)
        names.append(Name(kind, key, a, governed, b))
    predicate_at = _predicate_at(tokens, taken)
    predicate = predicate_key(tokens[predicate_at].norm) if predicate_at is not None else None
    agent = None
    agent_end = predicate_at or 0
    if predicate_at is not None:
        before = [n for n in names if n.token < predicate_at]
        after = [n for n in names if n.token > predicate_at]
        if before and not before[-1].governed and predicate_at - before[-1].end <= 1:
            agent = before[-1].key  # subject first: "الجيش يستعيد"، "الرئيس التركي أردوغان يفوز"
        elif _subject_before(part, tokens, taken, predicate_at):
            pass  # "الملك كلف ...": an unnamed subject; the names after are patients
        elif after and after[0].token not in after_preposition and _apposed(tokens, taken, predicate_at + 1, after[0].token):
            # verb first: "قصفت القوات التركية"، "كلف العاهل الأردني، الملك عبد الله الثاني"
            k = 0
            if len(after) > 1 and after[0].end == after[0].token + 1 and after[1].kind == "person" \
                    and _apposed(tokens, taken, after[0].end, after[1].token):
                k = 1  # a nationality, then the person it qualifies: the person acts
            agent, agent_end = after[k].key, after[k].end
            names = [n if n is not after[k] else Name(n.kind, n.key, n.token, False, n.end) for n in names]
    # the patients: the names after the predicate and its agent (an agent's apposition left out)
    patients = tuple(dict.fromkeys(n.key for n in names if n.key != agent and n.token >= agent_end))
    return Frame(predicate, agent, patients, tuple(names))


def _subject_before(text: str, tokens: Sequence[Token], taken: set[int], predicate_at: int) -> bool:
    """Whether an unnamed subject stands right before the predicate ("الملك كلف"، "الدول
    الثلاث أطلقت"): a word with the article or a title, no comma between (a time before a
    comma is no subject: "والأسبوع الماضي، كلف الملك")."""
    if predicate_at == 0:
        return False
    prev = tokens[predicate_at - 1]
    if predicate_at - 1 in taken or not (_definite(prev.norm) or _title(prev.norm)):
        return False
    return not any(c in text[prev.end : tokens[predicate_at].start] for c in "،,:")


def _apposed(tokens: Sequence[Token], taken: set[int], start: int, name_at: int) -> bool:
    """Whether only titles, names and words with the article (at most :data:`AGENT_WITHIN`
    tokens) stand between ``start`` and the name at ``name_at``, and no second title opens
    among them: in "كلف الرئيس وزير الداخلية كريم العلي" the president acts and the minister
    is the patient."""
    between = range(start, name_at)
    if len(between) > AGENT_WITHIN or not all(
        i in taken or _title(tokens[i].norm) or _definite(tokens[i].norm) for i in between
    ):
        return False
    return not any(
        _title(tokens[i].norm) and _definite(tokens[i].norm) and i + 1 < name_at
        and _title(tokens[i + 1].norm) and not _definite(tokens[i + 1].norm)
        for i in between
    )


def _variants_known(word: str) -> bool:
    return any(v != word for v in clitic_variants(word))


def compare_frames(claim: Frame, sentence: Frame, *, same_predicate: bool | None = None) -> FrameMatch:
    """Features of a sentence's frame against the claim's.  ``same_predicate`` overrides the
    stem comparison when the caller knows better (e.g. from shared terms)."""
    ckeys, skeys = claim.keys, sentence.keys
    shared = len(ckeys & skeys) / len(ckeys) if ckeys else 0.0
    swapped = 0
    for key in ckeys - skeys:
        kind = claim.kind_of(key)
        if any(sentence.kind_of(k) == kind for k in skeys - ckeys):
            swapped += 1
    same = (claim.predicate is not None and claim.predicate == sentence.predicate) if same_predicate is None else same_predicate
    role_swap = 0.0
    if claim.agent and claim.agent in sentence.patients and sentence.agent != claim.agent:
        role_swap = 1.0
    elif sentence.agent and sentence.agent in claim.patients and claim.agent != sentence.agent:
        role_swap = 1.0
    agent_change = 0.0
    if same and claim.agent and sentence.agent and claim.agent != sentence.agent:
        if claim.kind_of(claim.agent) == sentence.kind_of(sentence.agent):
            agent_change = 1.0
    return FrameMatch(
        shared_names=shared,
        swapped_names=float(swapped),
        role_swap=role_swap,
        agent_change=agent_change,
        same_predicate=float(same),
    )
