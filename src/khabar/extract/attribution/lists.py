"""The words attribution knows, loaded once: reporting verbs and their prepositions, cues,
stops, titles (from :mod:`khabar.extract.titles`), countries and nationalities."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.attribution.sources import SourceKind
from khabar.extract.titles import abbreviations, titles_by_first_word, without_article
from khabar.extract.attribution.verbs import forms_of, object_pronoun_forms, reporting_verbs
from khabar.text.ar.clitics import (
    ARTICLE_PROCLITICS,
    ATTACHED_PRONOUNS,
    CONJUNCTIONS,
    PREPOSITION_ARTICLE_MERGED,
    PREPOSITIONS,
    THIRD_PERSON_SUFFIXES,
    without_lam,
)
from khabar.text.ar.lexicon import read_fields, read_tagged

_QUOTE = '"'

#: "وكان X قد قال": the forms of كان, with or without a conjunction, that put the subject before
#: قد and the verb.
KANA_FORMS = frozenset(c + form for c in ("", *CONJUNCTIONS) for form in ("كان", "كانت", "كانوا"))
_PRONOUN_PREPOSITIONS = frozenset("فيه فيها فيهم له لها لهم لي لنا عنه عنها عنهم منه منها به بها عليه عليها".split())
#: (with the compound prepositions a speaker never starts with: "وأضاف [بخصوص] المقابلة قائلا")
# each as written and after و (CONJUNCTIONS[0]); عن، لدي، حول as written only, as the list had them
_PREPOSITIONS = frozenset(
    [*(c + w for c in ("", *CONJUNCTIONS[:1]) for w in "في علي من الي مع وسط بخصوص بشان".split()), "عن", "لدي", "حول"]
)
#: The prepositions that stand as words (normalized), with و in front too.
PREPOSITION_WORDS = _PREPOSITIONS
#: Words carrying the pronoun of the previous speaker before a verb: "لكنه قال إن"، "فإنها
#: أكدت"، "وإنهم أضافوا": the particles لكن and إن/أن (normalized "ان") with a conjunction or
#: none before them and a pronoun of the third person after (the clitics of khabar.text.ar).
_PRONOUN_OPENERS = frozenset(c + particle + p for c in ("", *CONJUNCTIONS) for particle in ("لكن", "ان") for p in THIRD_PERSON_SUFFIXES)
_TERMINAL = frozenset(".!?")
_HEAD_BREAK = frozenset(',;:-()[]"')


@dataclass(frozen=True, slots=True)
class _Verb:
    kind: str  # say, participle, strict
    preps: tuple[str, ...]
    impersonal: bool
    noquote: bool = False  # believing, estimating: a source, never a quote
    relay: bool = False  # "نقل X عن Y قوله «...»": the preposition names the speaker
    noun: bool = False  # a noun object after the speaker is the statement ("أعلن التحالف فرض حصار")
    frame: tuple[str, ...] = ()  # nouns the verb needs to say anything ("وجه نداء")
    silent: tuple[str, ...] = ()  # nouns after which it says nothing ("رفض التعليق")
    vnoun: bool = False  # a noun of saying ("إعلان الأسد أن"): its genitive speaks an أن clause
    vprep: bool = False  # ... or the verb's preposition: "دعوة قطر إلى"، "دفعت بقطر للدعوة إلى"
    transitive: bool = False  # "ووصف [زعيم الحزب] بأنه": the noun phrase before ب is the object
    pronoun: bool = False  # "اتهمه"، "تتهمها": the object is the attached pronoun


@dataclass(frozen=True, slots=True)
class _Lists:
    verbs: dict[str, _Verb]
    cues: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    anonymous: frozenset[str]
    organisation: frozenset[str]
    named: frozenset[str]  # "صحيفة [تشاينا ديلي]": a body named by what follows, whatever it looks like
    stops: dict[str, tuple[tuple[str, ...], ...]]
    relative: frozenset[str]
    adjectives: frozenset[str]
    plural_nouns: frozenset[str]  # "الأهالي": ends like an adjective, is a noun
    framing: tuple[tuple[str, ...], ...]
    linking: frozenset[str]  # "ويأتي [الإعلان] غداة ...": the writer's link, no one's statement
    boundary: frozenset[str]
    negation: frozenset[str]  # "لم تعلن": the verb after it denies
    litotes: frozenset[str]  # "لم [يستبعد]": denied, it still states something
    capitals: frozenset[str]  # "[موسكو]: ...": a headline speaker, its government
    first_person: frozenset[str]  # "وأضافت [لست] من ...": the speaker's own words begin
    restated: frozenset[str]  # "وتعهد العبادي [بذلك]": what is said points back, nothing new
    nocomment: dict[str, tuple[tuple[str, ...], ...]]  # "الجيش [لا يعلق] على": a refusal
    quantifiers: frozenset[str]  # "أحد المصدرين": counts the speaker after it
    informed: frozenset[str]  # "مصدر [مطلع] على": an unnamed source's adjective takes what it knows
    passive: frozenset[str]  # "تم": the verb after it has no speaker
    written: frozenset[str]  # "بحسب ما جاء في": the source follows the verb's preposition
    issued: dict[str, tuple[tuple[str, ...], ...]]  # "دراسة قام بها مركز": the issuer follows
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first word without ال -> titles
    abbreviations: frozenset[str]  # titles written with a dot, as the word before it ("د")
    countries: frozenset[str]
    nationalities: frozenset[str]
    statement_nouns: frozenset[str]  # تصريحات، بيان: "تصريحات X، التي زعم فيها أن"
    given: frozenset[str]  # given names (Arabic and foreign): a name may run on after one
    places: frozenset[str]  # one-word places that are not ordinary words: "موسكو"، "طهران"
    place_phrases: dict[str, tuple[tuple[str, ...], ...]]  # places of several words: "دير الزور"
    stance: frozenset[str]  # verbs of stance (رحب، ندد): their subject speaks through a participle
    own: frozenset[str]  # "حلفاء": a speaker's own people, "X وحلفاؤه" speak together
    nouns: dict[str, _Verb]  # nouns of saying, bare or after ب/ل ("بعد إعلان الأسد أن"، "لتأكيد")
    pronoun_verbs: dict[str, _Verb]  # "اتهمه"، "تتهمها": a verb of saying with its object pronoun
    anonymity: frozenset[str] = frozenset()  # "طالبا عدم نشر [اسمه]": a clause to skip
    information: frozenset[str] = frozenset()  # "[معلومات] من مصادر": a report, its source after من
    aides: frozenset[str] = frozenset()  # "[مبعوث] الرئيس روحاني": speaks for the principal named after it
    honorifics: frozenset[str] = frozenset()  # "وكيل الوزارة [الدكتور] سلطان شاولي": the name's own title
    data: frozenset[str] = frozenset()  # "وفق [البيانات] هيئة ...": figures a body publishes, the body is the source
    documents: frozenset[str] = frozenset()  # "[بيان] لوزارة الدفاع": a document that speaks for whoever issued it
    # the function words the rules read around a verb or a cue (attribution_cues.txt, one
    # tag each: what each is for is told there)
    subjunctive: frozenset[str] = frozenset()  # "نفى [أن تكون]": the subjunctive particle, part of what was said
    time_conjunctions: frozenset[str] = frozenset()  # "[بعد] أن": a clause of time, not a statement
    new_clause: frozenset[str] = frozenset()  # "[لكن] مسؤول المعارضة قال": a clause of its own
    spread: frozenset[str] = frozenset()  # "وسط [انتشار] تقارير عن"
    circumstance: frozenset[str] = frozenset()  # "[في] بيان نشره على موقعه،": runs on to a comma
    what_openers: frozenset[str] = frozenset()  # "[وهو] ما ينفيه": the clause before is what is said
    resumptive: frozenset[str] = frozenset()  # "الذي أعلنت [عنه] الأمم المتحدة"
    modals: frozenset[str] = frozenset()  # "[قد] تحدث": to occur, not to speak
    saying: frozenset[str] = frozenset()  # "نقل عنه [قوله]"
    came: frozenset[str] = frozenset()  # "[وجاء] في بيان للجيش أن"
    amid: frozenset[str] = frozenset()  # "[وسط] انتشار تقارير عن"
    headlined: frozenset[str] = frozenset()  # "تحت [عنوان] «...»"
    conditional: frozenset[str] = frozenset()  # "إلا في [حال] أعلنت قطر": not what was said
    link_times: frozenset[str] = frozenset()  # "ويأتي الإعلان [غداة] قصف"
    addressees: frozenset[str] = frozenset()  # "وقال رئيس الوزراء [مع] نظيره X": the name after is not the speaker
    whom: frozenset[str] = frozenset()  # "زي [من] وصفتهم": a relative, as الذي


def _by_first(phrases: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


_bare = without_article


def _every_field(name: str) -> frozenset[str]:
    """Every field of a "a | b | c" list (every spelling of every country, nationality)."""
    return frozenset(f for fields in read_fields(name) for f in fields)


def _verbs() -> tuple[dict[str, _Verb], frozenset[str]]:
    """Every form of every reporting verb (:mod:`~khabar.extract.attribution.verbs`) as the
    scanner reads it, and the forms of the verbs of stance."""
    verbs: dict[str, _Verb] = {}
    stance: set[str] = set()
    listed = reporting_verbs()
    for v in listed:
        if v.cls == "impersonal":
            continue
        for form, kind in forms_of(v).items():
            if v.cls == "stance":
                stance.add(form)
                continue
            verbs.setdefault(
                form,
                _Verb(
                    "participle" if kind == "participle" else "strict" if v.strict else "say",
                    v.preps,
                    False,
                    noquote=v.cls == "believe",
                    relay=v.cls == "relay",
                    noun=v.noun,
                    frame=v.frame,
                    silent=v.silent,
                    transitive=v.transitive,
                ),
            )
    for v in listed:
        if v.cls != "impersonal":
            continue
        for form in forms_of(v):
            old = verbs.get(form) or _Verb("say", (), False)
            verbs[form] = dataclasses.replace(old, preps=tuple(dict.fromkeys((*old.preps, *v.preps))), impersonal=True)
    return verbs, frozenset(stance)


#: ل with the article, written لل: "دفعت بقطر [لل]دعوة إلى": the noun of saying as a purpose,
#: its speaker the one named before it.
PURPOSE_ARTICLE = next(a for a in ARTICLE_PROCLITICS if len(a) == 2 and a[0] == "ل")


def _pronoun_verbs() -> dict[str, _Verb]:
    """The forms of the verbs of saying with an object pronoun attached ("وتتهمه السلطات
    بأنه"، "واتهمها بالتواطؤ"; :func:`~khabar.extract.attribution.verbs.object_pronoun_forms`):
    the object is the pronoun, so no noun after the speaker is; what follows is said as a
    clause or the verb's preposition.  Kept apart from ``verbs``: only the scanner starts a
    statement at one (:func:`pronoun_verb_info`), while a statement before it runs on past it
    ("نددت الخارجية بـ«ما وصفته بالعدوان»" keeps its content whole)."""
    out: dict[str, _Verb] = {}
    for v in reporting_verbs():
        for form in object_pronoun_forms(v) if v.cls == "say" else ():
            out.setdefault(form, _Verb("say", v.preps, False, pronoun=True))
    return out


def _nouns() -> dict[str, _Verb]:
    """The nouns of saying of the list ("إعلان" of "أعلن"), bare or after a preposition
    (ب ل ك), as verbs that need a speaker after them and an أن clause (kind "strict",
    ``vnoun``)."""
    out: dict[str, _Verb] = {}
    for v in reporting_verbs():
        for noun in v.nouns if v.cls == "say" else ():
            framed = noun in v.framed_nouns
            for form in (noun, *(p + noun for p in PREPOSITIONS), *((PURPOSE_ARTICLE + noun,) if framed else ())):
                out.setdefault(form, _Verb("strict", v.preps, False, vnoun=True, vprep=framed))
    return out


def _orgname_heads() -> frozenset[str]:
    return frozenset(e.phrase for e in read_tagged("entity_cues") if e.tag == "orgname")


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    verbs, stance = _verbs()
    groups: dict[str, list[tuple[str, ...]]] = {}
    for e in read_tagged("attribution_cues"):
        for kind in dict.fromkeys((e.tag, e.mode)) if e.mode in ("named", "document") else (e.tag,):
            groups.setdefault(kind, []).append(tuple(e.phrase.split()))
    return _Lists(
        verbs=verbs,
        cues=_by_first(groups.get("cue", [])),
        anonymous=frozenset(" ".join(p) for p in groups.get("anonymous", [])),
        organisation=frozenset(" ".join(p) for p in groups.get("organisation", [])) | _orgname_heads(),
        # and the recognizer's heads of a body named by what follows ("مجموعة «بلتون»"، "جريدة"،
        # "تلفزيون"): one list of them, entity_cues.txt [orgname]
        named=frozenset(" ".join(p) for p in groups.get("named", [])) | _orgname_heads(),
        stops=_by_first(groups.get("stop", [])),
        relative=frozenset(p[0] for p in groups.get("relative", [])),
        adjectives=frozenset(p[0] for p in groups.get("adjective", [])),
        plural_nouns=frozenset(p[0] for p in groups.get("noun", [])),
        framing=tuple(groups.get("framing", [])),
        linking=frozenset(p[0] for p in groups.get("linking", [])),
        boundary=frozenset(p[0] for p in groups.get("boundary", [])),
        negation=frozenset(p[0] for p in groups.get("negation", [])),
        litotes=frozenset(p[0] for p in groups.get("litotes", [])),
        capitals=frozenset(" ".join(p) for p in groups.get("capital", [])),
        first_person=frozenset(p[0] for p in groups.get("first", [])),
        restated=frozenset(p[0] for p in groups.get("restated", [])),
        nocomment=_by_first(groups.get("nocomment", [])),
        quantifiers=frozenset(p[0] for p in groups.get("quantifier", [])),
        informed=frozenset(p[0] for p in groups.get("informed", [])),
        passive=frozenset(p[0] for p in groups.get("passive", [])),
        written=frozenset(p[0] for p in groups.get("written", [])),
        issued=_by_first(groups.get("issued", [])),
        titles=titles_by_first_word(),
        abbreviations=abbreviations(),
        countries=_every_field("countries"),
        nationalities=_every_field("nationalities"),
        stance=stance,
        nouns=_nouns(),
        pronoun_verbs=_pronoun_verbs(),
        own=frozenset(p[0] for p in groups.get("own", [])),
        statement_nouns=frozenset(p[0] for p in groups.get("statement", [])),
        anonymity=frozenset(p[0] for p in groups.get("anonymity", [])),
        information=frozenset(p[0] for p in groups.get("information", [])),
        aides=frozenset(p[0] for p in groups.get("aide", [])),
        honorifics=frozenset(p[0] for p in groups.get("honorific", [])),
        data=frozenset(p[0] for p in groups.get("data", [])),
        documents=frozenset(" ".join(p) for p in groups.get("document", [])),
        **{
            field: frozenset(p[0] for p in groups.get(tag, []))
            for field, tag in (
                ("subjunctive", "subjunctive"), ("time_conjunctions", "time_conjunction"), ("new_clause", "new_clause"),
                ("spread", "spread"), ("circumstance", "circumstance"), ("what_openers", "what_opener"),
                ("resumptive", "resumptive"), ("modals", "modal"), ("saying", "saying"), ("came", "came"), ("amid", "amid"),
                ("headlined", "headlined"), ("conditional", "conditional"), ("link_times", "link_time"),
                ("addressees", "addressee"), ("whom", "whom"),
            )
        },
        given=frozenset(
            f.lstrip("~").split()[0] for name in ("first_names", "foreign_first_names") for fields in read_fields(name) for f in fields
        ),
        places=frozenset(f for fields in read_fields("places") for f in fields if " " not in f and not f.startswith("~")),
        place_phrases=_by_first([tuple(f.split()) for fields in read_fields("places") for f in fields if " " in f and not f.startswith("~")]),
    )


@lru_cache(maxsize=100_000)
def verb_info(word: str) -> tuple[str, _Verb] | None:
    """The reporting verb a normalized token is (its listed form), or None.

    One leading conjunction و or ف is allowed ("وقال"، "فأكد"; و alone before a verb of
    two letters: "وحث"، not "فرد" an individual).  Remembered per word: the rules ask it
    of every word of a sentence, some words many times.
    """
    return _listed(_lists().verbs, word)


def noun_info(word: str) -> tuple[str, _Verb] | None:
    """The noun of saying a normalized token is ("اعلان"، "وباعلان"), or None."""
    return _listed(_lists().nouns, word)


def _listed(table: dict[str, _Verb], word: str) -> tuple[str, _Verb] | None:
    """``word``'s entry in ``table`` as written or after one leading و/ف (see ``conjoined``)."""
    if word in table:
        return word, table[word]
    if conjoined(word) and word[1:] in table:
        return word[1:], table[word[1:]]
    return None


def pronoun_verb_info(word: str) -> tuple[str, _Verb] | None:
    """The verb of saying with an object pronoun a normalized token is ("اتهمه"،
    "وتتهمها"), or None."""
    return _listed(_lists().pronoun_verbs, word)


def purpose_verb(word: str) -> tuple[str, _Verb] | None:
    """A present reporting verb after ل of result ("ليعلن"، "لتؤكد"), or None.  Not read
    by :func:`verb_info`: out of context the form is as often a name ("ليروي ساني")."""
    if word[:1] == "ل" and word[1:2] in ("ي", "ت") and len(word) > 4 and word[1:] in _lists().verbs:
        return word[1:], _lists().verbs[word[1:]]
    return None


def conjoined(word: str) -> bool:
    """``word`` may be a verb with و or ف in front ("وقال"، "فأكد"، "وحث")."""
    return (len(word) > 3 and word[0] in "وف") or (len(word) == 3 and word[0] == "و")


#: The complementisers إن/أن/بأن/وأن/فإن, bare or with a pronoun suffix, normalized; not
#: "وان" alone (also "and if", and a name).
_COMPLEMENTS = frozenset(base + suffix for base in ("ان", "بان", "وان", "فان") for suffix in ATTACHED_PRONOUNS) - {"وان"}


def complement_at(word: str) -> bool:
    """إن/أن/بأن with or without a pronoun suffix (إنه، أنها، بأنهم); "فإن" after a cue
    ("ووفقا للتقارير [فإن] القناة ستمتد")."""
    return word in _COMPLEMENTS


#: :func:`complement_at` as the set's own test: the rules ask it of most words of a
#: sentence they read (43,700 times over bench_extract's 320 articles), and four
#: ``startswith`` of each word cost more than one set look-up.
_complement_at = _COMPLEMENTS.__contains__


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


def clitic_on_word(word: str) -> bool:
    """Whether a normalized word is a conjunction or a preposition on a word of news text
    ("[و]فيما"، "[ب]وجود"، "[لل]مستويات"، "[و]دون") and no name or word listed as written
    ("فيصل"، "كمال"، "وليد" are no "يصل"، "مال"، "ليد" with a clitic): never the first word of
    a speaker, since a subject takes no preposition and a conjunction opens a clause.  The
    recognizer's names are the caller's to exempt ("بوتين"، "لندن" are no such words anyway:
    their rest is no word)."""
    if len(word) < 4:
        return False
    from khabar.extract.tagger.features import word_lists
    from khabar.extract.tagger.spans import known_word

    listed = word_lists()
    if word in listed.labels_of or word in listed.first_lengths:
        return False
    if word.startswith(PREPOSITION_ARTICLE_MERGED):
        return known_word(without_lam(word))
    return word[0] in (*CONJUNCTIONS, *PREPOSITIONS) and known_word(word[1:])


def cue_at(words: tuple[str, ...]) -> int:
    """How many of ``words`` (normalized) an attribution cue takes at their start ("وفق"،
    "بحسب ما أعلنت"), the longest; 0 when they do not start with one."""
    if not words:
        return 0
    cues = _lists().cues
    for first in (words[0], words[0][1:] if words[0][:1] in "وف" else None):
        if not first:
            continue
        for phrase in cues.get(first, ()):
            if words[1 : len(phrase)] == phrase[1:]:
                return len(phrase)
    return 0


def issued_at(words: tuple[str, ...]) -> int:
    """Length of the words naming who issued a document at the start of ``words``
    (normalized): "قام بها"، "صادر عن"، and a relative clause of issuing, "الذي يصدره" (the
    issuer follows); 0 when none is there."""
    lists = _lists()
    skip = 1 if words and words[0] in lists.relative else 0  # "التقرير [الذي يصدره] البنك الدولي" (fresh9)
    for phrase in lists.issued.get(words[skip] if len(words) > skip else "", ()):
        if words[skip : skip + len(phrase)] == phrase:
            return skip + len(phrase)
    return 0


def stop_at(words: tuple[str, ...]) -> int:
    """How many of ``words`` (normalized) a listed stop takes at their start ("خلال"، "في
    تصريح"، "عقب": circumstance after a speaker), the longest; 0 when none does."""
    for phrase in _lists().stops.get(words[0] if words else "", ()):
        if words[: len(phrase)] == phrase:
            return len(phrase)
    return 0


@lru_cache(maxsize=1)
def _nationality_forms() -> frozenset[str]:
    """The adjective forms of ``nationalities.txt`` (not the countries of its first field)."""
    return frozenset(form for fields in read_fields("nationalities") for form in fields[1:])


def is_given_name(word: str) -> bool:
    """A first name of the name lists (normalized): "سلمان"، "عدنان"."""
    return word in _lists().given


def is_nationality(word: str) -> bool:
    """A nationality adjective or noun, not a country (normalized, with or without its
    article): "كوري"، "الفلسطينيين"; "فلسطينيا" is not listed (its accusative ending is
    read off by the caller)."""
    forms = _nationality_forms()
    return word in forms or "ال" + word in forms


def is_information(word: str) -> bool:
    """A noun of what is reported ("معلومات"، "تقارير", normalized, with or without its
    article): "معلومات من مصادر كردية" names its own source after "من"."""
    return _bare(word) in _lists().information or word in _lists().information


def data_nouns() -> frozenset[str]:
    """Plural nouns of published figures ("بيانات"، "أرقام"، normalized, without the
    article): "أظهرت بيانات وزارة الصحة" names their publisher after them."""
    return _lists().data


def capitals() -> frozenset[str]:
    """Capitals that speak for their governments in a headline or a claim ("موسكو"، "واشنطن",
    normalized, the words of each joined by a space): attribution_cues.txt ``[capital]``."""
    return _lists().capitals


def document_nouns() -> frozenset[str]:
    """Nouns of a document that speaks for whoever issued it ("بيان"، "التقرير"، "استطلاع",
    normalized, as written): "بيان لوزارة الدفاع" names its issuer after it."""
    return _lists().documents


def is_adjective(word: str) -> bool:
    """A listed adjective (normalized, with or without its article): "الختامي" is one."""
    adjectives = _lists().adjectives
    return word in adjectives or "ال" + word in adjectives or word.removeprefix("ال") in adjectives
