"""Arabic proclitics: the one table of them, and every way khabar reads them off a word.

A news word carries up to three proclitics before its stem: a conjunction (و ف), a
preposition (ب ل ك) and the article (ال; ل + ال is written لل).  :data:`PROCLITICS` lists
the sequences, each with the shortest stem it may leave; everything else here derives from
it: the readings of a word (:func:`clitic_variants`), its bare stem for the store's index
(:func:`bare_word`, :func:`bare_text`), the forms a query word may take in an article
(:func:`word_forms`, :func:`leading_forms`), and the sequences a matcher puts in front of
a word it knows (:data:`PLAIN_PROCLITICS`, :data:`ARTICLE_PROCLITICS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.normalize import decode_plain, encode_plain, is_normalized, normalize

#: The one-letter proclitics: the conjunctions and the prepositions.
CONJUNCTIONS: tuple[str, ...] = ("و", "ف")
PREPOSITIONS: tuple[str, ...] = ("ب", "ل", "ك")
#: The attached pronouns of the third person that end a particle (normalized: "لكنه"، "أنها"
#: is "انها"، "إنهم"): he, she, they.
THIRD_PERSON_SUFFIXES: tuple[str, ...] = ("ه", "ها", "هم")
#: The attached pronouns of the third person on a noun or a preposition, with the dual and the
#: feminine plural ("مقتلهما"، "عنهن"), longest first.
THIRD_PERSON_PRONOUNS: tuple[str, ...] = ("هما", "هم", "هن", "ها", "ه")
#: Every attached pronoun a particle may carry ("أنه"، "أننا"، "إنني"، "إنكم"), and "" for none.
ATTACHED_PRONOUNS: tuple[str, ...] = ("", *THIRD_PERSON_PRONOUNS, "نا", "ني", "ي", "كم")


def _with_article(sequence: str) -> str:
    # ل + ال is written لل
    return sequence[:-1] + "لل" if sequence.endswith("ل") else sequence + "ال"


_BARE_SEQUENCES = (*CONJUNCTIONS, *PREPOSITIONS, *(c + p for c in CONJUNCTIONS for p in PREPOSITIONS))
_PLAIN_SEQUENCES = frozenset(_BARE_SEQUENCES)
_ONE_LETTER = frozenset((*CONJUNCTIONS, *PREPOSITIONS))

# Proclitic sequences (a conjunction, a preposition or both; alone or before the article),
# longest first, with the shortest stem each may leave.  After the article the stem may be
# two letters (الأب -> اب); after a bare one-letter proclitic three, since so many words
# begin with و ف ب ل ك as part of their root (بلد، وزن).
PROCLITICS: tuple[tuple[str, int], ...] = tuple(
    sorted(
        [*((_with_article(s), 2) for s in ("", *_BARE_SEQUENCES)), *((s, 3) for s in _BARE_SEQUENCES)],
        key=lambda pair: -len(pair[0]),
    )
)

#: The definite article.
ARTICLE: str = _with_article("")
#: ل + ال, written لل ("للتقارير"، "للأمم").
PREPOSITION_ARTICLE_MERGED: str = _with_article(PREPOSITIONS[1])
#: A one-letter preposition before the article, as a word opens with it: بال، لال، كال and
#: لل (ل + ال).
PREPOSITION_ARTICLES: tuple[str, ...] = (*(p + "ال" for p in PREPOSITIONS), PREPOSITION_ARTICLE_MERGED)

#: The sequences that contain the article (ال, or لل for ل + ال), shortest first.
ARTICLE_PROCLITICS: tuple[str, ...] = tuple(sorted((p for p, n in PROCLITICS if n == 2), key=len))
#: The empty sequence and those without the article (و ف ب ل ك and their pairs), shortest first.
PLAIN_PROCLITICS: tuple[str, ...] = ("", *sorted((p for p, n in PROCLITICS if n == 3), key=len))


#: The sequences by their first letter, each list in :data:`PROCLITICS`' order (longest
#: first): a word is tried only against those that may open it (most news words start with
#: no proclitic letter, and the 22 sequences each tried in turn were most of the cost of a
#: new word's readings).
_BY_FIRST_LETTER = cython.declare(dict, {  # (a C variable where compiled: read by PyDict_GetItem, session 33)
    letter: tuple(pair for pair in PROCLITICS if pair[0][0] == letter) for letter in {p[0] for p, _ in PROCLITICS}
})


@lru_cache(maxsize=200_000)
def _norm(word: str) -> str:
    # most words given are normalized already: known so by their letters, not normalized again
    return word if is_normalized(word) else normalize(word)


@cython.cfunc
@cython.inline
def _normalized(word: object) -> str:
    """``word`` normalized, as a ``str`` (typed where compiled: ``startswith`` on it is a C test; a
    numpy ``str_`` of the tagger's training becomes a ``str``).  A normalized ``str`` -- most
    words given, each of the name tagger's new word types -- is known so by its letters without
    ``_norm``'s lru_cache call, which mostly missed and cost ~1,300 instructions a word (issue 19,
    session 34): the same word ``_norm`` returns."""
    return word if type(word) is str and is_normalized(word) else str(_norm(word))


@lru_cache(maxsize=200_000)
@cython.locals(w=str, prefix=str)
def clitic_variants(word: str) -> tuple[str, ...]:
    """The normalized ``word`` and each reading of it with proclitics removed.

    From the word as written to the barest stem: "وبالمدينة" gives ("وبالمدينه",
    "بالمدينه", "المدينه", "مدينه").  Look each up in a lexicon, in order, and take the first hit:
    this keeps "فرنسا" whole when "فرنسا" is known, where :func:`strip_clitics` alone
    would also accept "رنسا".

    Remembered per word: the recognizer's word lists, the tagger's features and the
    claims' cues each ask for the readings of the same words.
    """
    w = _normalized(word)
    out = [w]
    for prefix, min_rest in reversed(_BY_FIRST_LETTER.get(w[:1], ())):  # shortest prefix first
        if w.startswith(prefix) and len(w) - len(prefix) >= min_rest:
            rest = w[len(prefix) :]
            if rest not in out:
                out.append(rest)
    return tuple(out)


def written_forms(stems: Iterable[str]) -> frozenset[str]:
    """Every way a word one of whose :func:`clitic_variants` is in ``stems`` (normalized) is
    written: each stem alone and after each proclitic sequence that may stand before it
    (the stem at least as long as the sequence's shortest stem).  A normalized word has a
    reading in ``stems`` exactly when it is in the set: a word list's first words screened
    by one set look-up instead of a new word's readings made and each looked up."""
    return frozenset(s for s in stems if s) | {p + s for s in stems for p, n in PROCLITICS if s and len(s) >= n}


def written_openings(stems: Iterable[str]) -> tuple[str, ...]:
    """:func:`written_forms` for the beginnings of readings ("مدني*"), for ``str.startswith``:
    each stem alone and after every proclitic sequence.  A normalized word with a reading
    that opens with a stem opens with one of these (the converse need not hold: a stem
    shorter than a sequence's shortest stem)."""
    return tuple(dict.fromkeys(p + s for s in stems if s for p in ("", *(p for p, _ in PROCLITICS))))


def without_lam(word: str) -> str:
    """``word`` (normalized) read without the preposition ل before the article: "للمرصد"
    (ل + المرصد, written لل) and "لالمرصد" are "المرصد"; any other word is itself."""
    if word.startswith(PREPOSITION_ARTICLE_MERGED):
        return ARTICLE + word[len(PREPOSITION_ARTICLE_MERGED) :]
    return word[1:] if word.startswith(PREPOSITIONS[1] + ARTICLE) else word


def strip_clitics(word: str) -> str:
    """``word`` normalized, without its longest proclitic sequence (و ف ب ل ك ال ...).

    Conservative: nothing is removed when the longest prefix that matches would leave too
    short a stem ("والي" and "بلد" stay whole).  Words whose first letter belongs to the root
    still lose it ("فرنسا" -> "رنسا"); use :func:`clitic_variants` against a lexicon when
    that matters.
    """
    return _stripped(word)


def strip_clitics_many(words: Iterable[str]) -> list[str]:
    """:func:`strip_clitics` of each of ``words``, in one call: for the name tagger's new
    word types, each given its name word when its row is made (~4,700 instructions a word
    through a call of :func:`strip_clitics` each; issue 19, session 32)."""
    return [_stripped(word) for word in words]


@cython.cfunc
@cython.inline
@cython.locals(w=str, prefix=str)
def _stripped(word: object) -> str:
    """The rule of :func:`strip_clitics`, in one place (compiled, an inline C function: its
    two callers pay no call of Python for it)."""
    w = _normalized(word)
    for prefix, min_rest in _BY_FIRST_LETTER.get(w[:1], ()):
        if w.startswith(prefix):
            return w[len(prefix) :] if len(w) - len(prefix) >= min_rest else w
    return w


#: The lists whose words are known whole: the nouns a figure counts (every entry of
#: ``claim_subjects``, the ``[... noun]`` entries of ``claim_categories``).
_KNOWN_LISTS = ("claim_subjects", "claim_categories")


#: A dual's stem is at least this long: "بيان"، "مكان"، "سكان" end in -ان and are no duals.
DUAL_MIN_STEM = 3
#: The endings of a dual, nominative and oblique (a feminine's ت before them is the stem's).
DUAL_ENDINGS = ("ان", "ين")


def dual_singular(word: str) -> str | None:
    """The singular ``word`` (bare, normalized) reads as the dual of, or None: "غارتين" ->
    "غاره", "جنديان" -> "جندي", "نفقين" -> "نفق".  A feminine noun's ta marbuta is ت before
    the ending.  -يين is never read (the nisba's plural "مدنيين").  A reading only: the
    caller knows whether the singular is a noun, and tells -ين from the sound plural's."""
    if word.endswith(("تان", "تين")) and len(word) - 3 >= DUAL_MIN_STEM - 1:
        return word[:-3] + "ه"
    if word.endswith("ان") or (word.endswith("ين") and not word.endswith("يين")):
        stem = word[:-2]
        return stem if len(stem) >= DUAL_MIN_STEM else None
    return None


@lru_cache(maxsize=1)
def _kept_whole() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    """By a proclitic letter, the rests of the known words that open with it and whose rest
    is no known word: "كرونه" (krone) gives "ك" -> "رونه".  Such a rest after that letter
    is the known word, never a proclitic and a stem ("كرونه" was indexed and counted as
    "رونه"; fresh20, Sky News 2857).  Exact rests and the rests of prefix entries ("*")."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for name in _KNOWN_LISTS:
        for e in read_tagged(name):
            if " " in e.phrase or (name == "claim_categories" and e.mode != "noun"):
                continue
            (prefixes if e.phrase.endswith("*") else exact).add(e.phrase.rstrip("*"))
    known_prefixes = tuple(prefixes)
    out: dict[str, tuple[set[str], set[str]]] = {}
    for words, prefix in ((exact, False), (prefixes, True)):
        for w in words:
            rest = w[1:]
            # a prefix entry's rest of two letters would keep too much whole ("لتر*": "لترامب")
            if w[:1] in _ONE_LETTER and len(rest) > 1 + prefix and rest not in exact and not rest.startswith(known_prefixes):
                out.setdefault(w[0], (set(), set()))[prefix].add(rest)
    return {c: (frozenset(e), tuple(sorted(p))) for c, (e, p) in out.items()}


def _keeps_whole(word: str, reading: str) -> bool:
    """``reading`` of ``word`` cuts a one-letter proclitic off a known word (:func:`_kept_whole`)."""
    cut = len(word) - len(reading)
    if cut < 1 or word[: cut] not in _PLAIN_SEQUENCES:
        return False
    rests = _kept_whole().get(word[cut - 1])
    return rests is not None and (reading in rests[0] or reading.startswith(rests[1]))


@lru_cache(maxsize=200_000)
def bare_word(word: str) -> str:
    """``word`` (normalized) without the longest run of proclitics that leaves a stem.

    The last of :func:`clitic_variants`: "وبالمدينه" -> "مدينه", "بحلب" -> "حلب", "حلب"
    stays.  Unlike :func:`strip_clitics` it falls back to a shorter prefix when the longest
    would leave too short a stem ("وبلد" -> "بلد"), so "بلد" is found in "وبلد"; and when
    it would cut a letter off a known word ("كرونه"، "وكرونه" -> "كرونه": :func:`_kept_whole`).
    The store's bare index columns hold this form of every word it changes.
    """
    readings = clitic_variants(word)
    return next((r for r in reversed(readings) if not _keeps_whole(readings[0], r)), readings[0])


@lru_cache(maxsize=1)
def _proclitic_word() -> re.Pattern[str]:
    """A regex finding the words :func:`bare_word` changes, the stem in group 1.

    Each sequence of :data:`PROCLITICS`, longest first, only at the start of a word (the
    lookbehind, written after the letters so that the regex engine can skip ahead to
    candidate first letters), with a lookahead for the stem length it must leave; the first
    alternative that matches is the longest that leaves a stem, and a negative lookahead
    where the stem would be a known word cut (:func:`_not_kept`).  One ``re.findall`` in C
    instead of a Python call per word.  Built at the first call: the lists of known words are
    read only by a caller of :func:`bare_text`.
    """
    sequences = sorted(PROCLITICS, key=lambda pair: -len(pair[0]))
    letter = "[^\\W_]"
    body = "|".join(f"{re.escape(p)}(?<!{letter}.{{{len(p)}}})(?={letter}{{{n}}}){_not_kept(p, re.escape, letter)}" for p, n in sequences)
    return re.compile(f"(?:{body})([^\\W_]+)", re.DOTALL)


def _not_kept(sequence: str, escape: Callable[[str], str], letter: str) -> str:
    """A negative lookahead for the rests :func:`bare_word` keeps whole after ``sequence``
    (:func:`_kept_whole`; ``letter`` a pattern of one letter of a word), or ""."""
    rests = _kept_whole().get(sequence[-1]) if sequence in _PLAIN_SEQUENCES else None
    if rests is None:
        return ""
    words = [f"{escape(r)}(?!{letter})" for r in sorted(rests[0])] + [escape(r) for r in rests[1]]
    return f"(?!{'|'.join(words)})"


@lru_cache(maxsize=1)
def _proclitic_word_bytes() -> re.Pattern[bytes]:
    """:func:`_proclitic_word` for text made :func:`encode_plain` bytes with every
    byte that is not a letter or digit a space (:data:`_SPACED`), after one more space:
    a word then starts after a space, so the pattern starts with the literal space, which
    the regex engine finds at C speed; the sequences are grouped by first letter, so at
    a word start only those that may open it are tried (each group longest first, as
    before)."""
    groups: dict[bytes, list[str]] = {}
    for p, n in sorted(PROCLITICS, key=lambda pair: -len(pair[0])):
        seq = encode_plain(p)
        kept = _not_kept(p, lambda r: re.escape(encode_plain(r) or b"").decode("latin-1"), "[^ ]")
        groups.setdefault(seq[:1], []).append(re.escape(seq[1:]).decode("latin-1") + f"(?=[^ ]{{{n}}})" + kept)
    body = "|".join(re.escape(first).decode("latin-1") + "(?:" + "|".join(rest) + ")" for first, rest in groups.items())
    return re.compile(f" (?:{body})([^ ]+)".encode("latin-1"))


#: Plain bytes -> themselves for a letter or digit (the letters from 0x80 on: all of
#: U+0621-U+064A are letters), a space for anything else.
_SPACED = bytes(i if i >= 0x80 or chr(i).isalnum() else 0x20 for i in range(256))


def bare_text(text: str) -> str:
    """The :func:`bare_word` of each word of normalized ``text`` that has proclitics.

    "قصف بحلب والمعارضه ترد" -> "حلب معارضه": words without proclitics are already in the
    store's title and body columns, and repeating them would cost ingest time for nothing.
    Text of ASCII and Arabic letters (nearly all, once normalized) is read as bytes by
    :func:`_proclitic_word_bytes`: 2,000 ANT articles 89 -> 48 ms, the same words.
    """
    data = encode_plain(text)
    if data is None:
        return " ".join(_proclitic_word().findall(text))
    return bare_plain(data)


def bare_plain(data: bytes) -> str:
    """:func:`bare_text` of the text whose :func:`~khabar.text.ar.normalize.encode_plain`
    bytes are ``data`` (for a caller that has them already)."""
    return decode_plain(b" ".join(_proclitic_word_bytes().findall(b" " + data.translate(_SPACED))))


@lru_cache(maxsize=10_000)
def word_forms(word: str) -> tuple[str, ...]:
    """The forms an indexed word may take (as written, or bare) and be ``word``.

    The readings of ``word`` (:func:`clitic_variants`) and the readings of those.  An
    article word matches when it, or its :func:`bare_word`, is one of them: "بحلب" gives
    ("بحلب", "حلب"), so it finds "حلب" and "وحلب"; the second round is for stems whose
    first letter looks like a proclitic: "بلبنان" reads "لبنان", whose bare form is "بنان".
    """
    forms: list[str] = []
    for reading in clitic_variants(word):
        for form in clitic_variants(reading):
            if form not in forms:
                forms.append(form)
    return tuple(forms)


@lru_cache(maxsize=10_000)
def leading_forms(word: str) -> tuple[str, ...]:
    """``word`` and the same stem with each other proclitic run, as written in an article.

    For the first word of a phrase: the store's bare columns keep no word order, so "مجلس
    الامن" finds "ومجلس الامن" by asking for each written form ("ومجلس", "بمجلس", "لمجلس"
    ...).  Only forms whose :func:`bare_word` is the stem are kept, so the stem rules hold
    ("و" + "لد" is the word "ولد", not a form of "لد").
    """
    stem = bare_word(word)
    forms = [word] if word == stem else [word, stem]
    for prefix, _min_stem in PROCLITICS:
        form = prefix + stem
        if form not in forms and bare_word(form) == stem:
            forms.append(form)
    return tuple(forms)
