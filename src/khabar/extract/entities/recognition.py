"""People, organisations and places found in each article (recognition; linking across
articles is :mod:`khabar.extract.entities.linking`).

Arabic has no capital letters and no pretrained offline NER ships on PyPI, so recognition
is gazetteers plus patterns, all over normalized word tokens:

* **gazetteers** (``data/countries.txt``, ``places.txt``, ``organisations.txt``,
  ``people.txt``): every spelling of a referent maps to its canonical key; a leading clitic
  is read off the first word ("بحلب", "وسوريا", "للأمم المتحدة"), and after a clitic that
  contains the article the entry must itself start with "ال" (so "السورية" never reads
  as the country "سورية").
* **titles** (``titles.txt``) and their complements ("وزير الخارجية الروسي", "مدير
  المرصد", "اللواء بجيش النظام") are the role; the 1-3 name-like words after them are the
  name.  A reporting verb ("قال", "وأضاف" from ``reporting_verbs.txt``) or a known given
  name (``first_names.txt``, ``foreign_first_names.txt``) also starts a name.
* **head words** (``entity_cues.txt``): "المرصد/وزارة/حركة ..." start an organisation
  that runs on through definite and prepositional complements; "حي/مدينة/بلدة ..." announce
  a place (and "أحياء X وY وZ" a list of them).
* **within an article**, a full name once found is found again, and its surname alone
  ("لافروف") refers to it -- unless two people of the article share that surname, in which
  case the bare surname stays unresolved (its own key).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.entities.gazetteers import (
    _GAZ,
    _GIVEN,
    _ORG_HEAD,
    _PLACE_HEAD,
    _SAY,
    _STARTER,
    _TITLE,
    BIO_TYPES,
    ORG,
    PERSON,
    _index,
    _Lexicon,
    _lexicon,
    _readings,
    person_key,
)
from khabar.extract.entities.people import _after_verbs, _given_names, _names_before_titles, _titles
from khabar.extract.entities.places import _gazetteer, _org_heads, _place_heads, _state_bodies
from khabar.extract.entities.spans import _add, _free, _prepare, _Sentence, _Span
from khabar.model import Article, EntityMention, Sentence
from khabar.text.ar.clitics import ARTICLE_PROCLITICS, PLAIN_PROCLITICS
from khabar.text.ar.normalize import normalize
from khabar.text.ar.segment import iter_sentences
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import Columns, words


@cython.locals(s=_Sentence)
def _scan(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """Every pass over one sentence, most reliable first; later passes skip taken words."""
    bits = 0
    for m in s.masks:
        bits |= m
    if bits & _GAZ:
        _gazetteer(s, lex)
    if bits & _PLACE_HEAD:
        _place_heads(s, lex)
    if bits & _ORG_HEAD:
        _state_bodies(s, lex)
        _org_heads(s, lex)
    if bits & _TITLE:
        _titles(s, lex, surnames)
    if bits & _SAY:
        _after_verbs(s, lex, surnames)
    if bits & (_STARTER | _GIVEN):
        _given_names(s, lex, surnames)
    if bits & _TITLE:
        _names_before_titles(s, lex, surnames)
    for span in s.spans:
        if span.kind == PERSON and len(span.key.split()) > 1 and _bare_surname_ok(span.words[-1], lex):
            surnames.add(span.words[-1])


# --- one article -------------------------------------------------------------------------


@cython.locals(s=_Sentence)
def _propagate(sentences: list[_Sentence], lex: _Lexicon) -> None:
    """Find again, in the whole article, each full name found once, and its surname alone.

    A surname shared by two full names of the article stays unresolved (keyed by itself).
    """
    full: dict[tuple[str, ...], str] = {}
    by_surname: dict[str, set[str]] = defaultdict(set)
    org_by_head: dict[str, set[str]] = defaultdict(set)
    for s in sentences:
        for span in s.spans:
            if span.kind == PERSON and len(span.words) > 1:
                full.setdefault(span.words, span.key)
                surname = _surname(span.words, lex)
                if _bare_surname_ok(surname, lex):
                    by_surname[surname].add(span.key)
            elif span.kind == ORG and len(span.words) > 1:
                head = _readings(span.words[0])[-1][0] if span.offset else span.words[0]
                if head.startswith("ال") and head in lex.org_heads:
                    org_by_head[head].add(span.key)
    for head, keys in org_by_head.items():
        # "المرصد" alone after "المرصد السوري لحقوق الإنسان" in the same article
        if len(keys) == 1:
            full.setdefault((head,), "")
    if not full:
        return
    lengths = _index({" ".join(w): None for w in [*full, *(tuple(x.split()) for x in by_surname)]})
    table = {" ".join(w): key for w, key in full.items()}
    firsts = set(lengths) | set(by_surname)
    # every written form of them, read against each sentence's words as it is (an article's
    # vocabulary made first to intersect it with cost ~59,000 instructions an article and
    # picked out the same words)
    candidates = _surface_forms(firsts)
    for s in sentences:
        if candidates.isdisjoint(s.norms):
            continue
        # (the words that may begin a name found before, picked out in C)
        for i in compress(range(len(s.norms)), map(candidates.__contains__, s.norms)):
            if s.owner[i] is not None:
                continue
            readings = _readings(s.norms[i])
            for form, off in readings:
                done = False
                for length in lengths.get(form, ()):
                    if _free(s, i, i + length):
                        phrase = " ".join([form, *s.norms[i + 1 : i + length]])
                        key = table.get(phrase)
                        if key is not None and length > 1:
                            _add(s, _Span(i, i + length, PERSON, key, off, None, tuple(phrase.split())))
                            done = True
                            break
                        if key == "" and form in org_by_head:
                            _add(s, _Span(i, i + 1, ORG, next(iter(org_by_head[form])), off))
                            done = True
                            break
                        keys = by_surname.get(phrase)
                        if keys and length > 1:  # a compound surname: "عبد الرحمن"
                            key = next(iter(keys)) if len(keys) == 1 else person_key(phrase.split())
                            _add(s, _Span(i, i + length, PERSON, key, off, None, tuple(phrase.split())))
                            done = True
                            break
                if done:
                    break
                keys = by_surname.get(form)
                if keys and (off == 0 or s.norms[i][0] in "وفبلك"):
                    key = next(iter(keys)) if len(keys) == 1 else form
                    _add(s, _Span(i, i + 1, PERSON, key, off, None, (form,)))
                    break
        # single-word names found by patterns ("الرئيس الأسد") take the article's full name
        for span in s.spans:
            if span.kind == PERSON and len(span.words) == 1:
                keys = by_surname.get(span.words[0])
                if keys and len(keys) == 1:
                    span.key = next(iter(keys))


def _bare_surname_ok(surname: str, lex: _Lexicon) -> bool:
    """Whether a surname may stand for its person alone.  Not a function word ("على"
    normalizes to the name "علي"), not a given name, not a feminine noun with the article
    ("الكيمياوية" after a false "استخدام الأسلحة الكيمياوية")."""
    if len(surname) < 3 or surname in STOPWORDS or surname in lex.given_ar:
        return False
    return not (surname.startswith("ال") and surname.endswith("ه"))


def bare_surname_ok(surname: str) -> bool:
    """Whether a surname may stand for its person alone (:func:`_bare_surname_ok` by
    khabar's word lists)."""
    return _bare_surname_ok(surname, _lexicon())


def _surface_forms(forms: set[str]) -> set[str]:
    """Every way ``forms`` may be written with proclitics: a superset of the words whose
    :func:`_readings` meet them, for a fast set intersection."""
    out: set[str] = set()
    for f in forms:
        out.update(_written_with_proclitics(f))
    return out


@lru_cache(maxsize=100_000)
def _written_with_proclitics(form: str) -> tuple[str, ...]:
    """:func:`_surface_forms` of one form, made once a process (names come back across
    articles: 522 forms, 300 of them distinct, over the 120 documents of
    ``benchmarks/instructions_extract.py``), by list comprehensions, not generators (the
    ~24 strings of a form cost ~16,500 instructions that way; docs/measurements.md, issue
    19, session 29)."""
    out = [p + form for p in PLAIN_PROCLITICS]
    if form.startswith("ال"):
        out += [p + form[2:] for p in ARTICLE_PROCLITICS]
    if len(form) == 2:
        out += [p + form for p in "وفبلك"]
    return tuple(out)


def _surname(words: Sequence[str], lex: _Lexicon) -> str:
    """The family-name unit of a full name: its last word, or the last two when the one
    before is a particle ("رامي عبد الرحمن" -> "عبد الرحمن")."""
    if len(words) >= 3 and words[-2] in lex.particles:
        return " ".join(words[-2:])
    return words[-1]


def _orig_prefix(word: str, letters: int) -> int:
    """How many characters of ``word`` as written make its first ``letters`` normalized letters."""
    if letters <= 0:
        return 0
    seen = 0
    for idx, ch in enumerate(word):
        seen += len(normalize(ch))
        if seen >= letters:
            rest = idx + 1
            while rest < len(word) and not normalize(word[rest]):  # diacritics on the last clitic letter
                rest += 1
            return rest
    return len(word)


@cython.locals(s=_Sentence)
def _span_offsets(s: _Sentence, i: int, off: int, j: int) -> tuple[int, int]:
    cols = s.cols
    return s.base + cols.starts[i] + _orig_prefix(cols.texts[i], off), s.base + cols.ends[j - 1]


def _analyze(pieces: Sequence[tuple[str, int]], tokens: Sequence[Columns] | None = None) -> list[_Sentence]:
    lex = _lexicon()
    surnames: set[str] = set()
    if tokens is None:
        sentences = [_prepare(text, base) for text, base in pieces]
    else:
        sentences = [_prepare(text, base, cols) for (text, base), cols in zip(pieces, tokens, strict=True)]
    for s in sentences:
        _scan(s, lex, surnames)
    _propagate(sentences, lex)
    return sentences


@cython.locals(s=_Sentence)
def find_mentions(
    article: Article, sentences: Sequence[Sentence], tokens: Sequence[Columns] | None = None
) -> list[EntityMention]:
    """Every person, organisation and place named in ``article``, in text order.

    ``sentences`` are the article's sentences (offsets into :attr:`Article.text`); names are
    never looked for across a sentence boundary.  ``tokens``, when given, are each
    sentence's ``columns(text, punctuation=True)`` (made once for the tagger too).
    """
    text = article.text
    found: list[EntityMention] = []
    for s in _analyze([(sent.text, sent.start) for sent in sentences], tokens):
        for span in s.spans:
            start, end = _span_offsets(s, span.i, span.offset, span.j)
            role = None
            if span.role is not None:
                r_start, r_end = _span_offsets(s, span.role[0], span.role[1], span.role[2])
                role = text[r_start:r_end] if r_end > r_start else None
            found.append(EntityMention(article.id, start, end, text[start:end], span.kind, role, span.key))
    found.sort(key=lambda m: (m.start, m.end))
    return found


def lead_mentions(article: Article, *, body_terms: int = 150) -> list[EntityMention]:
    """The names (:func:`find_mentions`) of the title and of the body sentences that hold
    its first ``body_terms`` words: what story grouping reads of an article's names.  Only
    the lead is split into sentences."""
    lead, seen = [], 0
    for sentence in iter_sentences(article):
        if seen >= body_terms:
            break
        lead.append(sentence)
        if not sentence.is_title:
            seen += len(words(sentence.text))
    return find_mentions(article, lead)


def lead_names(article: Article, *, body_terms: int = 150) -> list[str]:
    """Name keys (people, places, organisations) of :func:`lead_mentions`, one per mention:
    what story grouping adds to an article's terms.  A rewrite words an event its own way
    but names the same people and places; a multi-word name is one feature, so it weighs as
    the rare thing it is."""
    return [m.name_key for m in lead_mentions(article, body_terms=body_terms)]


@cython.locals(s=_Sentence)
def tag_tokens(tokens: Sequence[str]) -> list[str]:
    """BIO tags (B-PERS, I-LOC, O ...) for pre-tokenized text, for evaluation.

    The tokens are joined by spaces and read as one text; a token is inside an entity when
    any of its characters is (so "بألمانيا" is B-LOC although the name starts after "ب").
    """
    starts, pos = [], 0
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1
    text = " ".join(tokens)
    tags = ["O"] * len(tokens)
    for s in _analyze([(text, 0)]):
        for span in s.spans:
            start, end = _span_offsets(s, span.i, span.offset, span.j)
            inside = [t for t, st in enumerate(starts) if st < end and st + len(tokens[t]) > start]
            for n, t in enumerate(inside):
                tags[t] = ("B-" if n == 0 else "I-") + BIO_TYPES[span.kind]
    return tags
