"""Names in running text by the statistical tagger: character spans, proclitics off.

The tagger labels whole tokens, as ANERcorp does ("والجراح" is B-PERS), but a name does
not start with the conjunction or preposition written onto it.  A tagged name's first
word loses a leading و ف ب ل ك (or two of them) when the rest is a one-word entry of
khabar's word lists ("وبوتين"), or a word of news text while the word as written is not
(by the ANT word clusters: a hash look-up); a listed word as written stays whole; "لل" before a definite word leaves the
article ("للجامعة" names "الجامعة").  So "والجراح" gives "الجراح" and "بسامح" gives
"سامح", while "وليد", "بشار", "فؤاد" and "لبنان" stay whole.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.entities import bare_surname_ok, find_mentions
from khabar.extract.happenings import happening_word
from khabar.extract.tagger.crf import get_tagger, name_word
from khabar.extract.tagger.tag_rates import KINDS as TAG_KINDS
from khabar.extract.tagger.features import word_lists
from khabar.frozen import slot_init
from khabar.model import Article, DateMention, EntityMention, Sentence
from khabar.text.ar.clitics import ARTICLE, CONJUNCTIONS, PLAIN_PROCLITICS, PREPOSITIONS, clitic_variants, without_lam
from khabar.text.ar.lexicon import phrases_by_tag, read_fields, read_json
from khabar.text.ar.names import person_key
from khabar.text.ar.normalize import normalize
from khabar.text.ar.stopwords import is_stopword
from khabar.text.ar.tokenize import Columns, columns, words
from khabar.text.per_word import PerWord

#: BIO type of the tagger -> khabar's entity kind (MISC is not kept).
KINDS = {"PERS": "person", "ORG": "organisation", "LOC": "place"}
#: The proclitic runs without the article, longest first (the clitics module's, read backwards).
_PLAIN = tuple(p for p in reversed(PLAIN_PROCLITICS) if p)


@slot_init
@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name found by the tagger: ``text[start:end]`` of the text given, its kind, and
    its normalized words without proclitics (``key``)."""

    start: int
    end: int
    kind: str
    key: str


def known_word(word: str) -> bool:
    """Whether a normalized word is a word of news text or of khabar's word lists."""
    lists = word_lists()
    if word in lists.labels_of or word in lists.first_lengths:
        return True
    clusters = get_tagger().model.clusters
    return clusters is not None and clusters.lookup(word) is not None


@cython.locals(w=str, prefix=str, rest=str)
def clitic_letters(word: str) -> tuple[int, str]:
    """(normalized letters of proclitics to skip, the name's first word) for the first
    word of a tagged name, normalized.

    "لل" is ل + ال with the article's alif dropped: no part of the word as written is the
    name, so the word stays whole and its key keeps the article ("للجامعة" names
    "الجامعة"; entity linking shows it so).  A two-letter rest comes off only when it
    is a place or organisation head word of the lists ("وتل" -> "تل")."""
    w = str(word)  # typed: compiled startswith is a C test (a numpy str_ of the tagger's training becomes a str)
    if w.startswith("لل") and len(w) >= 5:
        return 0, "ال" + w[2:]
    listed = word_lists().labels_of
    if w in listed:
        return 0, w  # "وليد", "كمال": a listed name as written
    for prefix in _PLAIN:
        rest = w[len(prefix) :]
        if not w.startswith(prefix) or len(rest) < 2:
            continue
        if len(rest) == 2:
            if any(label.startswith("cue_") for label in listed.get(rest, ())):
                return len(prefix), rest
        elif _named(listed.get(rest, ())) or (known_word(rest) and not known_word(w)):
            return len(prefix), rest
    return 0, w


def _reporting_verb(word: str) -> bool:
    """Whether a normalized word is a reporting verb of the lists, a conjunction on it or not."""
    listed = word_lists().labels_of
    return any(listed.get(w) == ("verb",) for w in (word, word[1:] if word[:1] in "وف" else ""))


def _particle(word: str) -> bool:
    """A name particle of the lists ("بن", "أبو", "فون"): the word before it is a name."""
    return "cue_particle" in word_lists().labels_of.get(word, ())


def _named(labels: tuple[str, ...]) -> bool:
    """Whether a word's labels in the lists make it a name or a name's head word: any but
    a reporting verb alone ("ليروي" is not ل + "يروي" in "ليروي ساني")."""
    return any(label != "verb" for label in labels)


def _skip(text: str, letters: int) -> int:
    """Characters of ``text`` (as written) that hold its first ``letters`` normalized letters."""
    seen = 0
    for i, ch in enumerate(text):
        if seen >= letters and normalize(ch):
            return i
        seen += len(normalize(ch))
    return len(text)


def find_names(sentences: Sequence[str], tokens: Sequence[Columns] | None = None) -> list[list[NameSpan]]:
    """The names in each sentence (offsets into that sentence), tagged in one batch;
    ``tokens`` are each sentence's ``columns(text, punctuation=True)`` when already made.

    The sentences are one article's: a first word kept whole by :func:`clitic_letters`
    loses its proclitic when the rest is a word of another name the tagger found in them
    ("وميسي" beside "ميسي", "لأرسنال" beside "أرسنال": the article itself says where
    the name begins)."""
    if tokens is None:
        tokens = [columns(s, punctuation=True) for s in sentences]
    return find_names_many([tokens])[0]


def find_names_many(articles: Sequence[Sequence[Columns]]) -> list[list[list[NameSpan]]]:
    """:func:`find_names` of each article, given as its sentences' tokens
    (``columns(text, punctuation=True)``): the sentences of all of them tagged in one
    batch (:meth:`~khabar.extract.tagger.crf.Tagger.chunks_many`), each article's names
    read in that article alone."""
    found_chunks = get_tagger().chunks_many(
        [([c.norms for c in tokens], [c.texts for c in tokens]) for tokens in articles]
    )
    return [_names(tokens, chunks) for tokens, chunks in zip(articles, found_chunks)]


def _names(tokens: Sequence[Columns], found_chunks: Sequence[Sequence[tuple[str, int, int]]]) -> list[list[NameSpan]]:
    """One article's names from the tagger's chunks of its sentences."""
    spans: list[list[tuple[str, str, int, int, int, list[str]]]] = []
    for cols, chunks in zip(tokens, found_chunks):
        found = []
        norms = cols.norms
        for label, i, j in _hyphenated_given_names(cols, chunks) if chunks else ():
            kind = KINDS.get(label)
            if kind is None:
                continue
            while j - i > 1 and _reporting_verb(norms[i]) and not _particle(norms[i + 1]):
                i += 1  # "فقال سكاراموتشي": the verb before a name is not part of it ("ورد بن محمد" is)
            if kind == "person" and _preposition_on_happening(norms[i]):
                continue  # "البيان الختامي لقمة المرجان": for the summit of, not a person
            before = norms[i - 1] if kind == "person" and j - i == 1 and i > 0 else ""
            words = [w for w in norms[i:j] if w.isalnum()]
            if words:
                letters, first = clitic_letters(words[0])
                found.append((kind, cols.texts[i], cols.starts[i], cols.ends[j - 1], letters, [first, *words[1:]], before))
        spans.append(found)
    name_words = {w for found in spans for *_, words, _ in found for w in words}
    longer = {w for found in spans for *_, words, _ in found if len(words) > 1 for w in words}
    out: list[list[NameSpan]] = []
    for found in spans:
        names = []
        for kind, first_text, first_start, end, letters, words, before in found:
            if before and _qualifies(before, words[0], longer):
                continue  # "بهجوم بري": an adjective of the noun before it, not the surname Berri
            if not letters:
                letters = _clitic_of_a_name(words[0], name_words) or _conjunction_on_definite(words[0])
                words = [words[0][letters:], *words[1:]]
            start = first_start + _skip(first_text, letters)
            names.append(NameSpan(start, end, kind, " ".join(words)))
        out.append(names)
    return out


def _glued_hyphen(cols: Columns, k: int) -> bool:
    """Whether token ``k`` is a hyphen written with no space on either side, between two words."""
    return (
        0 < k < len(cols.norms) - 1
        and cols.texts[k] in _HYPHENS
        and cols.ends[k - 1] == cols.starts[k]
        and cols.ends[k] == cols.starts[k + 1]
        and cols.norms[k - 1].isalpha()
    )


_HYPHENS = frozenset("-‐‑")


def _hyphenated_given_names(cols: Columns, chunks: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The tagger's chunks of a sentence, a person of two words or more written right after
    "X-" taken on over X and its hyphen: "جان-لوك فيرنييه" is one name, read by the tagger
    as "جان" and "لوك فيرنييه", as "لوك فيرنييه" alone, or with "جان" at the end of the
    organisation before it (the tokenizer splits the hyphen off).  A person chunk that
    ends on X is merged into it; a chunk of another kind that ends on X gives it up.  A
    one-word person after the hyphen stays apart: "قمة كيم-مون" names two people."""
    out: list[tuple[str, int, int]] = []
    for kind, i, j in chunks:
        if kind == "PERS" and j - i >= 2 and _glued_hyphen(cols, i - 1):
            before = out[-1] if out and out[-1][2] >= i - 1 else None
            if before is not None and before[0] == "PERS":
                i = out.pop()[1]
            elif before is None or before[1] < i - 2:
                if before is not None:
                    out[-1] = (before[0], before[1], i - 2)
                i -= 2
        out.append((kind, i, j))
    return out


def _preposition_on_happening(word: str) -> bool:
    """Whether ``word`` is a one-letter preposition on a whole word of a kind of happening
    ("لقمة": for the summit, read by the tagger as a first name).  No word of the name lists
    has that shape.  With the dateline place below it changes no mention of 300 ANT articles
    nor of the spent names gold (docs/measurements.md, issue 17, session 23): a mend of the
    examples' brief."""
    return word[:1] in PREPOSITIONS and happening_word(word[1:])


@cython.locals(w=str, prefix=str)
def _clitic_of_a_name(word: str, name_words: set[str]) -> int:
    """Letters of a proclitic of ``word`` whose rest is one of ``name_words`` (0: none);
    a listed word as written stays whole ("وليد")."""
    w = str(word)  # typed: compiled startswith is a C test (a numpy str_ of the tagger's training becomes a str)
    if w in word_lists().labels_of or w.startswith("ال"):
        return 0
    for prefix in _PLAIN:
        if w.startswith(prefix) and len(w) - len(prefix) >= 3 and w[len(prefix) :] in name_words:
            return len(prefix)
    return 0


@cython.locals(w=str)
def _conjunction_on_definite(word: str) -> int:
    """1 when ``word`` is the conjunction و on a definite word of at least three letters
    after the article ("والزبدي" in "أحياء الكلاسة والزبدي": the name is "الزبدي"), else 0.
    A listed word as written stays whole, and a rest of two letters after "ال" is a name
    that opens with "وال" ("والتر", "والاس", "والش")."""
    w = str(word)  # typed: compiled startswith is a C test (a numpy str_ of the tagger's training becomes a str)
    conjunction = CONJUNCTIONS[0]
    rest = w[len(conjunction) :]
    if not w.startswith(conjunction + ARTICLE) or len(rest) - len(ARTICLE) < 3:
        return 0
    return 0 if w in word_lists().labels_of else len(conjunction)


def _qualifies(before: str, word: str, name_words: set[str]) -> bool:
    """Whether a one-word person ``word`` may be an adjective of relation on ``before``,
    an indefinite noun ("بهجوم بري", "قصف جوي"): ``word`` ends in ي with a feminine (ـية)
    that is a word of news, and ``before`` is a word (a preposition on it or not) with no
    article, neither a stop word ("مع علي"), a reporting verb ("قال بري") nor a word of a
    name of the lists ("نبيه بري").  ``name_words`` are the words of the article's names of
    two words or more: a word of one of them (or its ال or ـه form: "هاني الملقي" for "راح
    ملقي", "جيرار بيكيه" for "مشاركة بيكي") is the person named again, and ``before`` among
    them is a name ("إحسان حجي صافي").  Measured: docs/measurements.md, issue 17, session 22."""
    if len(word) < 3 or not word.endswith("ي") or not known_word(word + "ه") or not before.isalpha():
        return False
    if before in name_words or not name_words.isdisjoint((word, ARTICLE + word, word + "ه")):
        return False
    noun = before[1:] if before[:1] in PREPOSITIONS and len(before) > 3 else before
    if noun.startswith(ARTICLE) or before.startswith(ARTICLE) or is_stopword(before) or is_stopword(noun):
        return False
    listed = word_lists().labels_of
    return not (_reporting_verb(before) or any(listed.get(w) for w in (before, noun)))


#: Ordinals: after a head word they make an ordinary phrase, never an organisation's name
#: ("المركز الثاني", "المركز الحادي عشر").
_ORDINALS = frozenset(
    normalize(w)
    for w in "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي الأخير الأولى الثانية "
    "الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة العاشرة الحادية الأخيرة".split()
)


def _ordinal_phrase(key: str) -> bool:
    """Whether a name's second word is an ordinal ("المركز السادس بالدوري الإسباني")."""
    words = key.split()
    return len(words) >= 2 and words[1] in _ORDINALS


@lru_cache(maxsize=1)
def _everyday_heads() -> frozenset[str]:
    """The ``[orgnoun]`` heads of ``entity_cues.txt``, normalized, without the article."""
    return frozenset(normalize(p).removeprefix(ARTICLE) for p in phrases_by_tag("entity_cues").get("orgnoun", ()))


def _everyday_phrase(key: str) -> bool:
    """Whether an organisation is an everyday noun that heads bodies too (``[orgnoun]``:
    حركة، تنظيم، تجمع، موقع، شبكة، قناة; a proclitic or the article on it or none) with, right
    after it, a word that ANT's first tagger found inside an organisation in under 2 % of
    its occurrences (tag rate level 0, :mod:`~khabar.extract.tagger.tag_rates`): "حركة
    المرور" (traffic), "موقع التواصل الاجتماعي" (a site), "تنظيم الدورات" (organising),
    "وتجمع الإمارة" (a verb) are no names; "حركة حماس"، "تنظيم الدولة"، "حركة المقاومة
    الإسلامية" (a word the news names with) are.  Measured on the spent names gold and
    300 ANT articles: docs/measurements.md, issue 17, session 34."""
    words = key.split()
    if len(words) < 2:
        return False
    heads = _everyday_heads()
    if not any(without_lam(v).removeprefix(ARTICLE) in heads for v in clitic_variants(words[0])):
        return False
    table = get_tagger().model.clusters
    table = table.tagged if table is not None else None
    levels = table.lookup(name_word(words[1])) if table is not None else None
    return levels is not None and levels[TAG_KINDS.index("ORG")] == 0


@lru_cache(maxsize=1)
def _indefinite_demonyms() -> frozenset[str]:
    """Nationality adjectives of ``nationalities.txt`` written without the article, normalized."""
    return frozenset(w for fields in read_fields("nationalities") for w in map(normalize, fields[1:]) if not w.startswith(ARTICLE))


def _described(key: str) -> bool:
    """Whether an organisation is an indefinite noun with an indefinite nationality after
    it and no definite word: "محكمة تركية"، "قوات روسية"، "حزب إيراني" (a Turkish court, not a name; the
    names gold's ruling, "محكمة بلجيكية" of fresh37).  The definite "الجيش السوري" is
    :func:`khabar.extract.entities.linking.described_body`'s."""
    words = key.split()
    return (
        len(words) >= 2
        and words[1] in _indefinite_demonyms()
        # no definite word anywhere: "محكمة تركية بسجن" (the tagger ran on into the verb's noun)
        and not any(w.startswith((ARTICLE, "لل")) for w in words[:1] + words[2:])
    )


def _common_phrase(key: str) -> bool:
    """Whether an organisation's key is a common noun phrase, no name: a rank ("المركز
    السادس", :func:`_ordinal_phrase`), an everyday head with a word the news rarely names
    with (:func:`_everyday_phrase`) or a description by nationality (:func:`_described`)."""
    return _ordinal_phrase(key) or _everyday_phrase(key) or _described(key)


def _org_phrase(text: str) -> bool:
    """Whether a word-list organisation the tagger did not find may stand: two words or
    more (a head and its complement, "المرصد المشرقي لحقوق الإنسان"), not ending with an
    ordinal ("المركز الثاني")."""
    words = normalize(text).split()
    return len(words) >= 2 and words[-1] not in _ORDINALS


def recognize_mentions(
    article: Article,
    sentences: Sequence[Sentence],
    rule_mentions: Sequence[EntityMention] | None = None,
    dates: Sequence[DateMention] = (),
) -> list[EntityMention]:
    """The names of an article: the tagger's spans, with what the word-list recognizer
    knows about them.

    A word-list mention that is a gazetteer entry stands as it is (its boundaries and
    kind override the tagger's).  A tagger span takes the role (title) and the key (a
    surname resolved to its full name) of a word-list mention of its kind that it
    overlaps.  A word-list mention the tagger has nothing on stays when it is a person,
    a place, a gazetteer entry, or an organisation of two words or more that does not end
    with an ordinal; a one-word organisation out of the lists ("مهم") or "المركز الثاني"
    goes.  Measured (docs/ner.md): on khabar's extraction gold (11 articles) mentions F1
    0.926 (word lists alone 0.934, tuned on it; tagger spans alone 0.788, places 0.67);
    on ANERcorp, by cross-validation, word-list spans added where the tagger found
    nothing cost ORG 7 points of F1, which is why only the precise ones stay.
    """
    tokens = [columns(s.text, punctuation=True) for s in sentences]  # once, for both recognizers
    return _merged(article, sentences, tokens, find_names_many([tokens])[0], rule_mentions, dates)


def recognize_mentions_many(
    articles: Sequence[tuple[Article, Sequence[Sentence], Sequence[DateMention]]],
) -> list[list[EntityMention]]:
    """:func:`recognize_mentions` of each (article, its sentences, its dates), the
    tagger reading the sentences of all of them in one batch (:func:`find_names_many`):
    the same mentions as one call per article."""
    tokens = [[columns(s.text, punctuation=True) for s in sentences] for _, sentences, _ in articles]
    names = find_names_many(tokens)
    return [
        _merged(article, sentences, toks, found, None, dates)
        for (article, sentences, dates), toks, found in zip(articles, tokens, names)
    ]


def _merged(
    article: Article,
    sentences: Sequence[Sentence],
    tokens: list[Columns],
    names: list[list[NameSpan]],
    rule_mentions: Sequence[EntityMention] | None,
    dates: Sequence[DateMention],
) -> list[EntityMention]:
    """The mentions of one article from the tagger's ``names`` of its sentences and the
    word lists' mentions (found here from ``tokens`` when not given)."""
    text = article.text
    if rule_mentions is None:
        rule_mentions = find_mentions(article, sentences, tokens)
    lists = word_lists()
    yielding = _places_inside_organisations(sentences, names, rule_mentions, lists)
    if yielding:
        rule_mentions = [m for k, m in enumerate(rule_mentions) if k not in yielding]
    precise = [m for m in rule_mentions if _listed_as_its_kind(m, lists)]
    grounded = [m for m in rule_mentions if _grounded(m)]
    places = {m.name_key for m in grounded if m.kind == "place"}
    out: list[EntityMention] = list(precise)
    used: set[int] = set()
    # every tagger name is tested against every date and word-list mention: their offsets
    # and kinds are read once here, not as attributes of each for each name
    date_spots, precise_spots = [(d.start, d.end, None) for d in dates], _spots(precise)
    grounded_spots, rule_spots = _spots(grounded), _spots(rule_mentions)
    for sentence, found in zip(sentences, names):
        base = sentence.start
        for n in found:
            start, end = base + n.start, base + n.end
            if _inside_one(date_spots, start, end):
                continue  # a month inside a date ("21 نيسان/أبريل") names no one
            if _overlapping(precise_spots, start, end):
                continue  # a gazetteer entry: its own boundaries and kind
            if n.kind == "place" and _inside_a_longer_place(grounded_spots, start, end):
                continue  # "بلدة [كفر] سالم": the place after its head word is read whole
            if _overlapping(grounded_spots, start, end, n.kind):
                continue  # a place after its head word, a surname of the article's person
            kind = n.kind
            if kind == "person" and (_place_not_person(n.key, lists) or (" " not in n.key and n.key in places)):
                kind = "place"  # "وقالت سيول إنها": a capital speaking for its government; "المرجان –"
                # opening the text of an article that writes "مدينة المرجان": the place of its dateline
            elif kind == "place" and _ordinary_word(text[start:end]) and not _overlapping(rule_spots, start, end):
                continue  # "سيول جارفة" (floods): a "~" place only where the word lists found it
            same = _overlapping_of_kind(rule_spots, start, end, kind)
            if not same and not _plausible_alone(n, lists):
                continue
            used.update(same)
            like = rule_mentions[same[0]] if same else None
            if like is not None and (_same_words(like, n) if kind == "person" else start <= like.start and like.end <= end):
                key = like.name_key  # a surname resolved to the article's full name
            else:  # not the key of another name: "للأمم المتحدة" in "البعثة ... للأمم المتحدة",
                # "كيم" in "كيم لمحاولة", "كيم يونغ نام" over "كيم" resolved to "جيمس كيم"
                key = _NAME_KEY[n.key] if kind == "person" else n.key
            if kind == "organisation" and _common_phrase(key):
                continue  # "المركز السادس": a rank, "حركة المرور": traffic, "محكمة تركية": a description
            role = like.role if like is not None else None
            out.append(EntityMention(article.id, start, end, text[start:end], kind, role, key))
    taken = _spots(out)
    for k, m in enumerate(rule_mentions):
        if k in used or _overlapping(taken, rule_spots[k][0], rule_spots[k][1]):
            continue
        if m.kind == "organisation" and _common_phrase(m.name_key):
            continue  # "المركز" alone, found again after "المركز السادس"; "موقع التواصل الاجتماعي"
        if m.kind == "place" or (m.kind == "organisation" and _org_phrase(m.text)) or _listed_person(m, lists):
            out.append(m)
    out = _surnames_resolved(_resolved_to_kept_names(out))
    out.sort(key=lambda m: (m.start, m.end))
    out = _organisations_of_places(article, sentences, tokens, out)
    out = _quoted_organisations(article, sentences, tokens, out)
    return resolve_place_senses(article, sentences, out)


#: A word-list mention's (or a date's) start, end and kind (None for a date), read once
#: an article for the tests of :func:`_merged`, which pair every tagger name with each of
#: them (attribute reads of the frozen mentions in generators, ~3 % of the mentions'
#: instructions).
_Spot = tuple[int, int, "str | None"]


def _spots(mentions: Sequence[EntityMention]) -> list[_Spot]:
    """The :data:`_Spot` of each of ``mentions``, in order."""
    return [(m.start, m.end, m.kind) for m in mentions]


@cython.locals(a=cython.Py_ssize_t, b=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t)
def _inside_one(spots: list, start, end) -> bool:
    """Whether ``start``..``end`` lies within one of ``spots``."""
    lo, hi = start, end
    for a, b, _ in spots:
        if a <= lo and hi <= b:
            return True
    return False


@cython.locals(a=cython.Py_ssize_t, b=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t)
def _overlapping(spots: list, start, end, other_than=None) -> bool:
    """Whether ``start``..``end`` overlaps one of ``spots`` (given ``other_than``, one of
    another kind than it)."""
    lo, hi = start, end
    for a, b, k in spots:
        if a < hi and lo < b and (other_than is None or k != other_than):
            return True
    return False


@cython.locals(a=cython.Py_ssize_t, b=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t, at=cython.Py_ssize_t)
def _overlapping_of_kind(spots: list, start, end, kind) -> list[int]:
    """The indices of the ``spots`` of ``kind`` that overlap ``start``..``end``, in order."""
    lo, hi = start, end
    found = []
    at = 0
    for a, b, k in spots:
        if k == kind and a < hi and lo < b:
            found.append(at)
        at += 1
    return found


@cython.locals(a=cython.Py_ssize_t, b=cython.Py_ssize_t, lo=cython.Py_ssize_t, hi=cython.Py_ssize_t)
def _inside_a_longer_place(spots: list, start, end) -> bool:
    """Whether ``start``..``end`` lies within a longer place of ``spots``."""
    lo, hi = start, end
    for a, b, k in spots:
        if k == "place" and a <= lo and hi <= b and b - a > hi - lo:
            return True
    return False


@lru_cache(maxsize=1)
def _org_of_place_heads() -> dict[int, frozenset[tuple[str, ...]]]:
    """The ``[orgplace]`` heads of ``entity_cues.txt`` by their number of words, normalized."""
    by_length: dict[int, set[tuple[str, ...]]] = {}
    for phrase in phrases_by_tag("entity_cues").get("orgplace", ()):
        head = tuple(normalize(phrase).split())
        by_length.setdefault(len(head), set()).add(head)
    return {n: frozenset(heads) for n, heads in sorted(by_length.items(), reverse=True)}


@lru_cache(maxsize=1)
def _org_of_place_ends() -> frozenset[str]:
    """Every word that may end an ``[orgplace]`` head before a place: the last word of a head
    of two words or more as it is, a one-word head with no proclitic or one plain proclitic
    (what :func:`_head_before` accepts; the words before the place are normalized, so a
    word is its first clitic variant)."""
    heads = _org_of_place_heads()
    ends = {head[-1] for n, of_length in heads.items() if n > 1 for head in of_length}
    ends.update(prefix + head[0] for head in heads.get(1, ()) for prefix in _PLAIN_OR_NONE)
    return frozenset(ends)


def _head_before(cols: Columns, k: int) -> tuple[int, str] | None:
    """(first token, its proclitic letters) of an ``[orgplace]`` head that ends right before
    token ``k`` (words only: a quote or comma between ends it); the head's first word may
    carry a plain proclitic ("ومنتخب"))."""
    if k < 1 or cols.norms[k - 1] not in _org_of_place_ends():
        return None  # (most places: the word before them ends no head, told by one set look-up)
    for n, heads in _org_of_place_heads().items():
        i = k - n
        if i < 0:
            continue
        rest = cols.norms[i + 1 : k]
        for variant in clitic_variants(cols.norms[i]):
            prefix = cols.norms[i][: len(cols.norms[i]) - len(variant)]
            if (prefix == "" or prefix in _PLAIN) and (variant, *rest) in heads:
                return i, prefix
    return None


def _organisations_of_places(
    article: Article, sentences: Sequence[Sentence], tokens: Sequence[Columns], mentions: list[EntityMention]
) -> list[EntityMention]:
    """A place written right after an ``[orgplace]`` head is an organisation from the head
    on: "منتخب مصر" (the team), "بورصة هونغ كونغ", "مجلس مدينة شيراز"; the tagger and the
    gazetteers read the place alone.  The head's words must be in no other mention.
    Measured: docs/measurements.md, issue 17, session 24."""
    if not any(m.kind == "place" for m in mentions):
        return mentions
    text = article.text
    # The sentence a place starts in, found by its start: sentences are in the text's order
    # and apart (a loop over the sentences before it for every place was ~1.5 % of the
    # layer's instructions, most of them attribute reads).
    sentence_starts = [sentence.start for sentence in sentences]
    out: list[EntityMention] = []
    for m in mentions:
        if m.kind == "place":
            k = bisect_right(sentence_starts, m.start) - 1
            found = None if k < 0 else _organisation_of_place(text, sentences[k], tokens[k], m, mentions)
            if found is not None:
                m = found
        out.append(m)
    return out


def _organisation_of_place(
    text: str, sentence: Sentence, cols: Columns, m: EntityMention, mentions: list[EntityMention]
) -> EntityMention | None:
    """The organisation a place ``m`` (which starts at or after ``sentence`` does) ends,
    when the words before it in ``sentence`` are an ``[orgplace]`` head."""
    base = sentence.start
    if not m.start < base + len(sentence.text):
        return None
    if m.start - base not in cols.starts:
        return None  # the place starts inside a word ("لزامبيا")
    head = _head_before(cols, cols.starts.index(m.start - base))
    if head is None:
        return None
    i, prefix = head
    first = base + cols.starts[i]
    start = first + _skip(cols.texts[i], len(prefix))
    if any(o is not m and o.start < m.start and start < o.end for o in mentions):
        return None  # a word of the head is another name's
    key = " ".join([cols.norms[i][len(prefix) :], *normalize(text[first + len(cols.texts[i]) : m.end]).split()])
    return EntityMention(m.article_id, start, m.end, text[start : m.end], "organisation", None, key)


@lru_cache(maxsize=1)
def _kind_heads() -> frozenset[str]:
    """The ``[orgname]`` heads of ``entity_cues.txt``, normalized: words that say what kind
    of organisation the name after them is ("صحيفة", "قناة", "شركة")."""
    return frozenset(normalize(p) for p in phrases_by_tag("entity_cues").get("orgname", ()))


def _kind_head(word: str, heads: frozenset[str]) -> bool:
    """Whether a normalized word is a kind head, a plain proclitic on it or not ("لصحيفة");
    with the article it is not ("وقالت الشركة \"نحن ...\"": a quotation follows)."""
    return any(
        variant in heads and word[: len(word) - len(variant)] in _PLAIN_OR_NONE for variant in clitic_variants(word)
    )


_PLAIN_OR_NONE = frozenset(("", *_PLAIN))
#: Most words of a quoted name after a kind head ("صحيفة \"ساوث تشاينا مورنينغ بوست\"").
_MAX_QUOTED_WORDS = 5
#: A quotation mark as normalized (", «, », “ and ” are all one).
_QUOTE = normalize('"')


def _quoted_organisations(
    article: Article, sentences: Sequence[Sentence], tokens: Sequence[Columns], mentions: list[EntityMention]
) -> list[EntityMention]:
    """The words in quotation marks right after a kind head of ``[orgname]`` are one
    organisation: "صحيفة \"إسرائيل هايوم\"", "قناة \"بلقيس\"", "شركة \"ألستوم\"" (the
    gazetteers read a place or no name in them, the tagger a person).  The mentions inside
    the quotes give way; a mention across a quotation mark leaves the name as it is read.
    The head's first word may carry a plain proclitic ("لصحيفة")."""
    heads = _kind_heads()
    text = article.text
    found: list[EntityMention] = []
    for sentence, cols in zip(sentences, tokens):
        norms = cols.norms
        if _QUOTE not in norms:
            continue
        for k in range(1, len(norms) - 2):
            if norms[k] != _QUOTE or not _kind_head(norms[k - 1], heads):
                continue
            close = next((c for c in range(k + 1, min(len(norms), k + 2 + _MAX_QUOTED_WORDS)) if norms[c] == _QUOTE), None)
            if close is None or close == k + 1:
                continue
            inside = norms[k + 1 : close]
            if not all(w.isalnum() for w in inside) or not inside[0].isalpha() or len("".join(inside)) < 2:
                continue
            if all(is_stopword(w) for w in inside):
                continue
            start, end = sentence.start + cols.starts[k + 1], sentence.start + cols.ends[close - 1]
            found.append(EntityMention(article.id, start, end, text[start:end], "organisation", None, " ".join(inside)))
    if not found:
        return mentions
    out = list(mentions)
    for q in found:
        over = [m for m in out if m.start < q.end and q.start < m.end]
        if any(not (q.start <= m.start and m.end <= q.end) for m in over):
            continue  # a name across the quotation marks: read as it is
        if any(m.kind == "organisation" and (m.start, m.end) == (q.start, q.end) for m in over):
            continue
        out = [m for m in out if m not in over]
        out.append(q)
    out.sort(key=lambda m: (m.start, m.end))
    return out


#: Tag-rate level (:data:`khabar.extract.tagger.tag_rates.LEVELS`: share >= 30 %) from
#: which ANT's first tagger finding a word inside organisations makes it an organisation's
#: word; such a word must never have been found inside a place there (level 0, < 2 %).
_CLUB_LEVEL = 3


def _places_inside_organisations(
    sentences: Sequence[Sentence], names: list[list[NameSpan]], rule_mentions: Sequence[EntityMention], lists
) -> set[int]:
    """Indices of the listed places of ``rule_mentions`` that are words of an organisation
    the tagger reads over them: a club, a firm named by its city ("ريال مدريد", "مانشستر
    يونايتد", "أهلي جدة"; the gazetteer place alone took the mention before).  The
    organisation's other words must be organisation words of the news (ANT's first tagger
    found each inside organisations in >= 30 % of its occurrences, inside places in < 2 %:
    "ريال", "يونايتد", "أتلتيكو"); a one-word organisation on the place itself ("برشلونة"
    after "فاز") stands when that tagger found the word inside organisations at least as
    often as inside places.  The tagger decides from the sentence; the rates only vouch
    that the words name organisations in the news."""
    spans = [(sentence.start + n.start, sentence.start + n.end, n) for sentence, found in zip(sentences, names)
             for n in found if n.kind == "organisation"]
    places = [(k, m) for k, m in enumerate(rule_mentions) if m.kind == "place"] if spans else []
    if not places:
        return set()
    table = get_tagger().model.clusters
    table = table.tagged if table is not None else None
    if table is None:
        return set()
    org, loc = TAG_KINDS.index("ORG"), TAG_KINDS.index("LOC")
    out: set[int] = set()
    for start, end, n in spans:
        inside = [(k, m) for k, m in places if start <= m.start and m.end <= end]
        if not inside or any(m.start < end and start < m.end for m in rule_mentions if not start <= m.start and m.end <= end):
            continue  # a word-list name across the organisation's edge: the word lists' boundaries stand
        if not all(_listed_as_its_kind(m, lists) for _, m in inside):
            continue
        place_words = {name_word(w) for _, m in inside for w in m.text.split()}
        rest = [w for w in (name_word(w) for w in n.key.split()) if w not in place_words]
        if rest:
            levels = [table.lookup(w) for w in rest]
            ok = all(v is not None and v[org] >= _CLUB_LEVEL and v[loc] == 0 for v in levels)
        else:
            levels = [table.lookup(w) for w in place_words]
            ok = all(v is not None and v[org] >= _CLUB_LEVEL and v[org] >= v[loc] for v in levels)
        if ok:
            out.update(k for k, _ in inside)
    return out


def _resolved_to_kept_names(mentions: list[EntityMention]) -> list[EntityMention]:
    """A short name resolved to a longer one keeps that key only when the longer name is
    itself one of the article's mentions: "مون" was resolved to "كيم مون" of a headline
    "قمة كيم-مون", which is no person's name and was not kept."""
    written = {_WRITTEN_KEY[m.text] for m in mentions if m.kind == "person"}
    out = []
    for m in mentions:
        if m.kind == "person" and m.name_key not in written:
            own = _WRITTEN_KEY[m.text]
            if len(own.split()) < len(m.name_key.split()):
                m = _with_key(m, own)
        out.append(m)
    return out


#: khabar's entity kind -> the BIO type of its gazetteer entries.
_LIST_TYPES = {kind: bio for bio, kind in KINDS.items()}


def _listed_as_its_kind(m: EntityMention, lists) -> bool:
    """Whether a word-list mention is a gazetteer entry of its own kind, as written or by
    its key: a person "سيول" after "وقالت" is not the listed place."""
    bio = _LIST_TYPES[m.kind]
    one_word = lists.words.get("g" + bio, frozenset())
    phrases = lists.phrases
    # (a loop, not ``any`` over a generator: compiled, a generator is an object and a
    # frame of its own at each of ~2,400 calls over the bench's articles)
    for form in (normalize(m.text), m.name_key):
        if form in one_word or phrases.get(form) == bio:
            return True
    return False


def _surnames_resolved(mentions: list[EntityMention]) -> list[EntityMention]:
    """A person written as one word takes the key of the full name of the article that
    ends with it ("خان" after "سلمان خان"), by the names of both recognizers.  When two
    full names end with it, the one the article writes in full more often is its subject
    and takes the bare surname ("سكريبال" is Sergei, not his daughter Yulia, named once);
    on a tie it keeps its own key.  A given name ("محمد") never takes one."""
    # (counts in plain dictionaries in the order first met, not ``Counter``: its
    # ``__init__``, ``__missing__`` and ``most_common`` run as Python)
    full: dict[str, dict[str, int]] = {}
    for m in mentions:
        words = m.name_key.split()
        if m.kind == "person" and len(words) > 1 and len(m.text.split()) > 1:
            counts = full.get(words[-1])
            if counts is None:
                counts = full[words[-1]] = {}
            counts[m.name_key] = counts.get(m.name_key, 0) + 1
    if not full:
        return mentions
    out = []
    for m in mentions:
        if m.kind == "person" and len(m.text.split()) == 1:
            own = _WRITTEN_KEY[m.text]
            keys = full.get(own)
            if keys and bare_surname_ok(own):
                m = _with_key(m, _most_often(keys, own))
        out.append(m)
    return out


def _most_often(counts: dict[str, int], tie: str) -> str:
    """The key of ``counts`` counted most often, the first met among equals, when no other
    is counted as often; else ``tie``: ``Counter.most_common(2)``'s first when its count is
    above the second's."""
    best, most, second = tie, -1, -1
    for key, n in counts.items():
        if n > most:
            best, most, second = key, n, most
        elif n > second:
            second = n
    return best if second < most else tie


def _with_key(m: EntityMention, key: str) -> EntityMention:
    """``dataclasses.replace(m, name_key=key)`` by the constructor's positional fields (the
    C constructor, no look-up of the fields; ``replace`` runs as Python)."""
    return EntityMention(m.article_id, m.start, m.end, m.text, m.kind, m.role, key)


def _place_not_person(key: str, lists) -> bool:
    """Whether a one-word person of the tagger is a listed place and no name word: a
    country or capital as the subject of a verb of saying ("قالت سيول")."""
    labels = lists.labels_of.get(key, ())
    return len(key.split()) == 1 and "gLOC" in labels and _NAME_LABELS.isdisjoint(labels)


def _same_words(m: EntityMention, n: NameSpan) -> bool:
    """Whether a word-list mention and a tagger name are the same words."""
    return _WRITTEN_KEY[m.text] == _NAME_KEY[n.key]


#: ``person_key(normalize(text).split())`` of a mention's text as written, and
#: ``person_key(key.split())`` of a tagger name's key, each computed once per text: the
#: merge asks them of the same names in three passes and in every article that names them
#: again, and ``person_key`` runs as Python (a generator over the words a call).
_WRITTEN_KEY: PerWord[str] = PerWord(lambda text: person_key(normalize(text).split()))
_NAME_KEY: PerWord[str] = PerWord(lambda key: person_key(key.split()))


#: Labels of organisation and place head words ("جيش", "شركة", "مدينة").
_HEAD_LABELS = frozenset(("cue_org", "cue_orgname", "cue_place", "cue_places", "cue_placeweak"))

#: Labels of the lists that make a word a word of a person's name.
_NAME_LABELS = frozenset(("given", "fgiven", "surname", "gPERS", "cue_particle"))


def _listed_person(m: EntityMention, lists) -> bool:
    """Whether a word-list person the tagger found nothing on may stand: a word of its
    name is a listed given name, surname or person ("أعلن كيم وقف تجارب": the tagger
    sees no name in "وقف تجارب" and neither do the lists)."""
    return any(not _NAME_LABELS.isdisjoint(lists.labels_of.get(w, ())) for w in m.name_key.split())


def _grounded(m: EntityMention) -> bool:
    """Whether a word-list mention rests on evidence of its own article that outweighs
    the tagger's reading of the same words: a place (a gazetteer entry, or the name after
    a head word: "حي الشيخ سعيد", "بلدة كفر سالم"), a person with a title, or a surname
    that stands for a full name found in the article ("إيغيلان" after "يان إيغيلان")."""
    if m.kind == "place":
        return True
    return m.kind == "person" and (m.role is not None or len(m.name_key.split()) > len(m.text.split()))


def _plausible_alone(n: NameSpan, lists) -> bool:
    """Whether a tagger name with no word-list mention of its kind on it may stand: not
    a person opening with an organisation or place head word ("جيش النظام"), not a
    one-word person of fewer than three letters ("شي" in "بأي شي"), not a nationality or
    people word ("الأكراد")."""
    words = n.key.split()
    if n.kind == "person" and any(label in _HEAD_LABELS for label in lists.labels_of.get(words[0], ())):
        return False  # "جيش النظام": an organisation or place head word opens no person's name
    if _repeated_accusative(words, lists):
        return False  # "أحصى السكان «بيتا بيتا»": house by house, no one's name
    if n.kind == "place" and any(_nisba_adjective(w) for w in words):
        return False  # "حي سكني مكتظ", "لقصف شبه يومي": an adjective is in no unlisted place's name
    if n.kind == "place" and len(words) == 1 and _definite_head_word(words[0], lists):
        return False  # "في الريف الشمالي", "الجسر": a place word with the article names no place
    if len(words) != 1:
        return True
    if n.kind == "person" and len(words[0]) < 3:
        return False
    return "nation" not in lists.labels_of.get(words[0], ())


#: Labels of place head words ("ريف", "مدينة", "جسر", "وادي").
_PLACE_HEADS = frozenset(("cue_place", "cue_placeweak", "cue_placeprefix"))


def _definite_head_word(word: str, lists) -> bool:
    """Whether a normalized word is the article on a place head word of the lists: the
    countryside, the bridge, the city ("الريف" of "ريف دمشق"), a common noun the tagger
    reads as a place from the names it opens.  Listed places ("الباب", "التل") are read by
    the gazetteers before this is asked."""
    return word.startswith("ال") and not _PLACE_HEADS.isdisjoint(lists.labels_of.get(word[2:], ()))


def _repeated_accusative(words: list[str], lists) -> bool:
    """Whether a name is one indefinite accusative word said twice ("بيتا بيتا", "حجرا
    حجرا": one by one), no word of the lists ("عبدالله عبدالله" is a name)."""
    return (
        len(words) == 2
        and words[0] == words[1]
        and words[0].endswith("ا")
        and _NAME_LABELS.isdisjoint(lists.labels_of.get(words[0], ()))
    )


def _nisba_adjective(word: str) -> bool:
    """Whether a normalized word is an indefinite adjective of relation: it ends in ي, has
    no article, and its feminine (ـية) is a word of news ("سكني", "يومي", "غربي"; not
    "دبي", "نيروبي", whose ـية forms are not words).  Listed places ("مالي") are read by
    the gazetteers before this is asked."""
    return len(word) >= 4 and word.endswith("ي") and not word.startswith("ال") and known_word(word + "ه")


@lru_cache(maxsize=1)
def _ordinary_places() -> frozenset[str]:
    """Places whose name is also an ordinary word, marked "~" in the gazetteers ("~سيول"
    floods, "~تدمر" it destroys): the word lists read them as places only after a place word."""
    return frozenset(
        normalize(f.lstrip("~").strip())
        for name in ("places", "countries")
        for fields in read_fields(name)
        for f in fields
        if f.startswith("~")
    )


def _ordinary_word(written: str) -> bool:
    ordinary = _ordinary_places()
    return any(v in ordinary for v in clitic_variants(normalize(written)))


@lru_cache(maxsize=1)
def _place_senses() -> dict[str, list[tuple[str, frozenset[str], frozenset[str]]]]:
    """Written key -> its senses: (linking key, spellings with diacritics, cue words)."""
    data = read_json("place_senses")
    return {
        normalize(written): [
            (s["key"], frozenset(s["marks"]), frozenset(normalize(c) for c in s["cues"])) for s in senses
        ]
        for written, senses in data.items()
        if not written.startswith("_")
    }


#: Words either side of a shared place name whose cue words decide before the sentence's.
_NEAR = 4


def _word_set(text: str) -> list[str]:
    """The words of ``text`` and each pair of neighbours ("العاصمة الأردنية"), in order."""
    ws = words(text)
    return [x for pair in zip(ws, [" ".join(p) for p in zip(ws, ws[1:])] + [""]) for x in pair if x]


def _cued(options, found: list[str]) -> str | None:
    """The one sense whose cue words are among ``found`` (none, or two: undecided)."""
    hits = {k for k, _, cues in options if cues.intersection(found)}
    return hits.pop() if len(hits) == 1 else None


def resolve_place_senses(
    article: Article, sentences: Sequence[Sentence], mentions: list[EntityMention]
) -> list[EntityMention]:
    """Give a place name that two places share without diacritics (عُمان the country,
    عمّان the city) the key of the place meant: by its diacritics as written, else by
    cue words in its sentence ("سلطنة", "الأردنية"), else in the article; else the first
    sense (``text/ar/data/place_senses.json``)."""
    senses = _place_senses()
    if not any(m.kind == "place" and m.name_key in senses for m in mentions):
        return mentions
    text = article.text
    article_words = set(words(text))
    out = []
    for m in mentions:
        options = senses.get(m.name_key) if m.kind == "place" else None
        if options:
            sentence = next((s for s in sentences if s.start <= m.start < s.end), None)
            own = _word_set(m.text)
            before = _word_set(text[sentence.start : m.start])[-_NEAR:] if sentence else []
            after = _word_set(text[m.end : sentence.end])[:_NEAR] if sentence else []
            whole = _word_set(sentence.text) if sentence else []
            chosen = (
                next((k for k, marks, _ in options if m.text in marks), None)
                or _cued(options, own)  # "سلطنة عمان" in a sentence that also names Jordan
                or _cued(options, before + after)
                or _cued(options, whole)
                or next((k for k, _, cues in options if cues & article_words), None)
                or options[0][0]
            )
            m = _with_key(m, chosen)
        out.append(m)
    return out
