"""One sentence as recognition sees it: its tokens, their readings and masks, and the
spans found so far (a word belongs to at most one span); the look-ups every pass shares.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.entities.gazetteers import _MASKS, PERSON, _conj_readings, _Lexicon, _readings
from khabar.text.ar.clitics import CONJUNCTIONS
from khabar.text.ar.names import person_key
from khabar.text.ar.normalize import normalize
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import Columns, columns
from khabar.text.per_word import PerWord

_MAX_NAME_UNITS = 3  # a person's name: 1-3 words after a title (particles bind to the next)


_MAX_COMPLEMENT = 6  # words of a title's complement ("مستشار الأمم المتحدة للشؤون الإنسانية")


_MAX_ORG_TAIL = 6



def _soft_gap(gap: str) -> bool:
    return gap == " " or gap == "-" or gap == "" or (len(gap) < 4 and gap.isspace())


#: Whether the text between two word tokens keeps them in one phrase (only spaces or a
#: bare hyphen), per gap as written: a sentence's gaps are a few strings (" ", "، ", " - "),
#: so a token costs a dictionary read in C instead of a step of a comprehension.
_SOFT_GAP: PerWord[bool] = PerWord(_soft_gap)


@dataclass(slots=True, init=False)
class _Span:
    i: int  # first token
    j: int  # one past the last token
    kind: str
    key: str
    offset: int = 0  # normalized letters of the first token that are clitics, not name
    role: tuple[int, int, int] | None = None  # (first token, clitic letters, last token + 1)
    words: tuple[str, ...] = ()  # normalized words as written (for re-finding the name)

    def __init__(
        self, i: int, j: int, kind: str, key: str, offset: int = 0,
        role: tuple[int, int, int] | None = None, words: tuple[str, ...] = (),
    ) -> None:
        # Written out, not the dataclass's: compiled with the module, where the generated
        # one runs as Python (~3,300 instructions a span; docs/measurements.md, issue 19,
        # session 30).
        self.i, self.j, self.kind, self.key = i, j, kind, key
        self.offset, self.role, self.words = offset, role, words


class _Sentence:
    # slots and a plain __init__, not a dataclass: compiled (khabar._compiled), spans.pxd
    # makes the fields C fields and the class an extension type, so the passes' reads of
    # the sentence look nothing up (attribute reads were 8.7 % of the layer's instructions;
    # docs/measurements.md, issue 19, session 32)
    __slots__ = ("text", "base", "cols", "norms", "soft", "masks", "owner", "spans")

    def __init__(
        self,
        text: str,
        base: int,  # offset of the sentence in the article text
        cols: Columns,  # its word tokens (texts, norms, starts, ends)
        norms: list[str],
        soft: list[bool],  # soft[k]: tokens k and k+1 are in one phrase (only spaces or a bare hyphen between)
        masks: list[int],
        owner: list[_Span | None],  # owner[k]: the span taken that holds token k
    ) -> None:
        self.text = text
        self.base = base
        self.cols = cols
        self.norms = norms
        self.soft = soft
        self.masks = masks
        self.owner = owner
        self.spans: list[_Span] = []


def _prepare(text: str, base: int, cols: Columns | None = None) -> _Sentence:
    """One sentence ready for the passes; ``cols`` are its tokens when already made
    (``columns(text, punctuation=True)``: one tokenization serves the tagger and the
    word lists; its word tokens are ``columns(text)``)."""
    cols = columns(text) if cols is None else cols.words()
    norms = list(cols.norms)
    masks = list(map(_MASKS.__getitem__, norms))
    return _Sentence(text, base, cols, norms, _soft_gaps(text, cols.starts, cols.ends), masks, [None] * len(norms))


@cython.locals(text=str, k=cython.Py_ssize_t, end=cython.Py_ssize_t, start=cython.Py_ssize_t, gap=cython.Py_UCS4)
def _soft_gaps(text: str, starts: tuple[int, ...], ends: tuple[int, ...]) -> list[bool]:
    """Whether each token and the next are in one phrase (:func:`_soft_gap` of the text
    between them; the last token: False).  A gap of one character (most: a space) is read
    as a character, not cut out of the text and looked up (compiled, a character in C: the
    text typed, so its character is read from its buffer, not through a one-letter string)."""
    soft = []
    for k in range(len(ends) - 1):
        end, start = ends[k], starts[k + 1]
        if start - end == 1:
            gap = text[end]
            soft.append(gap == " " or gap == "-" or gap.isspace())
        else:
            soft.append(_SOFT_GAP[text[end:start]])
    soft.append(False)
    return soft


@cython.locals(s=_Sentence, k=cython.Py_ssize_t, want=cython.long, mask=cython.long)
def _with_bit(s: _Sentence, bit: int) -> list[int]:
    """The tokens whose mask has ``bit``, in order: the only ones a pass opens at.
    (Compiled, a loop in C: the masks are small whole numbers.)"""
    masks = s.masks
    want = bit
    found = []
    for k in range(len(masks)):
        mask = masks[k]
        if mask & want:
            found.append(k)
    return found


def _next_at(positions: list[int], i: int, n: int) -> int:
    """The first of ``positions`` (:func:`_with_bit`) at or after token ``i``, or ``n``
    (the sentence's length) when none is.  A pass jumps there over the tokens that cannot open
    what it looks for, instead of a step of Python a token (most of a sentence)."""
    k = bisect_left(positions, i)
    return positions[k] if k < len(positions) else n


@cython.locals(s=_Sentence, i=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t, owner=list)
def _add(s: _Sentence, span: _Span) -> _Span:
    """``span`` taken: its tokens owned by it.  (Compiled, the owners set in a C loop, the
    span's ends and the list read once: ~3,600 instructions a span read them at each
    token; docs/measurements.md, issue 19, session 29.)"""
    i, j = span.i, span.j
    s.spans.append(span)
    owner = s.owner
    for k in range(i, j):
        owner[k] = span
    if not span.words:
        span.words = tuple(s.norms[i:j])
    return span


@cython.locals(s=_Sentence, i=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t, owner=list, soft=list)
def _free(s: _Sentence, i: int, j: int) -> bool:
    """Whether tokens ``i`` to ``j`` (exclusive, ``0 <= i < j``) are in no span and one
    phrase.  The passes ask this ~18,000 times over 320 ANT articles, mostly of one to
    three tokens: compiled, two loops in C over the lists, where two slices, ``any`` and
    ``all`` cost ~4,300 instructions a call (docs/measurements.md, issue 19, session 29)."""
    if j > len(s.norms):
        return False
    owner = s.owner
    for k in range(i, j):
        if owner[k] is not None:
            return False
    soft = s.soft
    for k in range(i, j - 1):
        if not soft[k]:
            return False
    return True


@cython.locals(s=_Sentence, norms=list, first_lengths=dict, phrases=dict, length=cython.Py_ssize_t)
def _gazetteer_at(s: _Sentence, i: int, lex: _Lexicon, *, context: bool) -> tuple[int, str, str, int] | None:
    """Longest gazetteer phrase starting at token ``i``: (length, kind, key, clitic letters).
    (Compiled, the sentence's words and the lexicon's two tables read once a try, as C
    variables, not an attribute read a reading and a phrase.)"""
    best: tuple[int, str, str, int] | None = None
    norms = s.norms
    word = norms[i]
    first_lengths, phrases = lex.first_lengths, lex.phrases
    for form, off in _readings(word):
        lengths = first_lengths.get(form)
        if lengths is None:
            continue
        for length in lengths:
            if best is not None and length <= best[0]:
                break
            if not _free(s, i, i + length):
                continue
            phrase = form if length == 1 else " ".join([form, *norms[i + 1 : i + length]])
            hit = phrases.get(phrase)
            if hit is not None and (not hit[2] or (context and _written_bare(word, form))):
                best = (length, hit[0], hit[1], off)
                break
    return best


def _written_bare(word: str, form: str) -> bool:
    """Whether ``word`` is the name ``form`` as written or after a conjunction only.  A name
    that is also an ordinary word counts only right after a place word or in a list after
    one ("مدينة إب"، "أحياء المشهد والسكري"): read through a preposition it was another
    common word ("معبر باب الهوى" read the Yemeni town إب in "باب", the door)."""
    return word == form or (word[:1] in CONJUNCTIONS and word[1:] == form)


@cython.locals(s=_Sentence)
def _phrase_at(
    s: _Sentence, i: int, table: frozenset[str], lengths: dict[str, tuple[int, ...]]
) -> tuple[int, int] | None:
    """Longest entry of ``table`` at token ``i`` (clitics read off the first word)."""
    for form, off in _readings(s.norms[i]):
        for length in lengths.get(form, ()):
            if _free(s, i, i + length) and " ".join([form, *s.norms[i + 1 : i + length]]) in table:
                return length, off
    return None


@cython.locals(s=_Sentence)
def _single_at(s: _Sentence, i: int, table: frozenset[str]) -> tuple[str, int] | None:
    for form, off in _readings(s.norms[i]):
        if form in table:
            return form, off
    return None


def _name_like(word: str, lex: _Lexicon, surnames: set[str] | frozenset[str], *, first: bool) -> bool:
    if len(word) < 2 or not word[0].isalpha() or word.isdigit():
        return False
    if word in STOPWORDS or word in lex.name_stops or word in lex.nationalities or word in lex.title_words:
        return False
    if word in lex.org_heads or word in lex.all_place_heads:
        return False
    if any(r in STOPWORDS for r in _conj_readings(word)[1:]):
        return False  # "وإذ", "فهو"
    if word.startswith("لل"):
        return False
    if first:
        return not word.startswith("ال") or word in surnames or word in lex.surnames or word in lex.given_ar
    if any(r in lex.title_words for r, _ in _readings(word)[1:]):
        return False  # "لمستشار": a title with a clitic opens another phrase
    if word[0] == "ي" and len(word) >= 4 and not _known(word, lex, surnames):
        return False  # "طلعت زكريا يتقمص": subject-verb order, the verb ends the name
    if word[0] in "بل" and word.endswith(("ته", "تها", "تهم")):
        return False  # "بقيادته": a preposition and a pronoun suffix, not a name
    if word.startswith("ال"):
        return True
    if word[0] in "وفبلك" and len(word) > 3:
        rest = word[1:]
        if rest.startswith("ال") or rest in STOPWORDS:
            return False
        if word[0] == "و" and word not in lex.starters and word not in lex.given_ar and word not in surnames:
            return False  # "بشار الأسد وحلفاؤه": و is the conjunction unless the word is a known name
    return True


@cython.locals(s=_Sentence, n=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t, units=cython.Py_ssize_t)
def _name_at(s: _Sentence, j: int, lex: _Lexicon, surnames: set[str]) -> int | None:
    """End (exclusive) of a person's name starting at token ``j``, or None."""
    n = len(s.norms)
    if j >= n or s.owner[j] is not None or not _name_like(s.norms[j], lex, surnames, first=True):
        return None
    k, units = j, 0
    while k < n and units < _MAX_NAME_UNITS:
        if k > j and (
            not s.soft[k - 1] or s.owner[k] is not None or not _name_like(s.norms[k], lex, surnames, first=False)
        ):
            break
        if units == 2 and not _third_word_ok(s, j, k, lex, surnames):
            break
        if (
            s.norms[k] in lex.particles
            and k + 1 < n
            and s.soft[k]
            and s.owner[k + 1] is None
            and _name_like(s.norms[k + 1], lex, surnames, first=False)
        ):
            k += 2
        else:
            k += 1
        units += 1
    while k > j and s.norms[k - 1] in lex.particles:
        k -= 1
    return k if k > j else None


def _known(word: str, lex: _Lexicon, surnames: set[str]) -> bool:
    return word in lex.starters or word in lex.given_ar or word in surnames or word in lex.surnames


def _plausible_first(word: str, lex: _Lexicon, surnames: set[str]) -> bool:
    """Whether an unknown word can open a name.  Adverbial accusatives ("خلفا", "حاليا"),
    imperfect verbs ("يريد", "تواصل"), a clitic preposition ("بإدراج", "بأي") and plural endings
    ("متطوعون", "اتفاقيتين") cannot; known names always can."""
    if _known(word, lex, surnames):
        return True
    if word.endswith("ا") and len(word) >= 4:
        return False
    if word[0] in "يتبلو" and len(word) >= 4:
        return False
    if word[0] in "بلكو" and word[1:] in STOPWORDS:
        return False  # "بأي", "لكل": a preposition on a function word
    return not word.endswith(("ون", "ات", "ين"))


@cython.locals(s=_Sentence)
def _third_word_ok(s: _Sentence, j: int, k: int, lex: _Lexicon, surnames: set[str]) -> bool:
    """A third name word is taken only with support: a particle in the name ("بان كي مون"),
    a given name in second place ("جان مارك أيرولت", "فهد جاسم الفريج"), or a family name
    that is definite or already known.  Otherwise "يان إيغيلان يدل" would swallow the verb."""
    second, third = s.norms[k - 1], s.norms[k]
    if any(w in lex.particles for w in s.norms[j:k]):
        return True
    if second in lex.starters and second not in lex.given_ar:
        return True  # a double foreign given name: "جان مارك أيرولت"
    return third.startswith("ال") or third in surnames or third in lex.surnames


@cython.locals(s=_Sentence)
def _gap(s: _Sentence, k: int) -> str:
    """The punctuation between tokens ``k`` and ``k + 1``, normalized, without spaces."""
    return normalize(s.text[s.cols.ends[k] : s.cols.starts[k + 1]]).strip() if k + 1 < len(s.norms) else ""


@cython.locals(s=_Sentence)
def _boundary_after(s: _Sentence, k: int, lex: _Lexicon) -> bool:
    """Whether a name ending before token ``k`` is closed: punctuation, the end of the
    sentence, a function word or a reporting/speaker cue ("إن", "في", "،")."""
    if k >= len(s.norms) or not s.soft[k - 1]:
        return True
    word = s.norms[k]
    return word in STOPWORDS or word in lex.name_stops or any(r in STOPWORDS for r in _conj_readings(word)[1:])


@cython.locals(s=_Sentence)
def _person(s: _Sentence, i: int, k: int, off: int = 0, role: tuple[int, int, int] | None = None) -> _Span:
    words = tuple(s.norms[i:k])
    if off:
        words = (words[0][off:], *words[1:])
    return _add(s, _Span(i, k, PERSON, person_key(words), off, role, words))
