"""Sentence segmentation of Arabic news text, with offsets into the text as written.

A hand-written scanner rather than a general library: news copy has a few habits that
general splitters get wrong (sentencex splits after the title "د.", pysbd and pyarabic split
at "،" and after "وأضاف:"), and a scanner keeps exact offsets for free.  The rules:

* A line break always ends a sentence, and every non-empty line is a paragraph: the seeds
  separate paragraphs with one newline or with a blank line, both are common.
* A sentence ends at ``.`` ``!`` ``?`` ``؟`` ``۔`` or an ellipsis followed by white space
  (or, for a single ``. ! ? ؟``, directly by an Arabic letter: scraped copy often loses the
  space, "عام 2011.وقال").  Closing quote marks and brackets right after the terminal mark
  belong to the sentence they close.
* Never a boundary: ``،`` ``؛`` ``:`` (so "وأضاف: ..." and "قال:" stay whole); a mark inside
  a number (3.5, 12.000, ٣٫٥, 1,200: no space follows; "1 . 78"، "27 . 12 . 2017": a dot
  spaced between digits, as tokenized corpora print numbers); a ``.`` after a single letter
  ("د." doctor, "أ." professor, "J. Smith", "U.S.") or a short Latin title ("Dr.", "Mr.");
  a mark followed by a lower-case Latin letter or by "، , ; : ) -".  A single "م" or "هـ"
  after a number is an era ("عام 2011 م.") and does end the sentence.
* Quotations: inside a quotation (« » “ ” " paired within the paragraph) of at most
  :data:`MAX_QUOTE_CHARS` characters nothing splits, so a quoted remark stays with the
  verb that introduces it.  A longer quotation is a speech; it splits at its full stops,
  never at an ellipsis.  An unpaired quote mark is ignored.
* Ellipses (… .. ...) outside a quotation end the sentence unless the text goes on with
  a lower-case Latin letter or with punctuation.
* Boilerplate lines are dropped (``drop_boilerplate=True``): advertising and share markers,
  "read more" lines and credits listed in ``data/boilerplate.txt``, lines of at most
  :data:`MAX_HEADING_WORDS` words without final punctuation (section headings such as
  "المعارضة"), and lines without any letter or digit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from khabar.frozen import slot_init
from khabar.text.ar.lexicon import raw_lines
from khabar.text.ar.normalize import normalize

if TYPE_CHECKING:  # model imports the text core lazily; keep the import graph one-way
    from khabar.model import Article, Sentence

#: Quotations up to this long never split: 250 characters is two or three sentences of a
#: remark, the longest a quote extractor should still see with its reporting verb.
MAX_QUOTE_CHARS = 250

#: A line of at most this many words and no final punctuation is a heading, not a sentence.
MAX_HEADING_WORDS = 2

#: Prefix markers of data/boilerplate.txt only match lines up to this many words.
MAX_MARKER_LINE_WORDS = 15


@slot_init
@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text == source[start:end]``, without surrounding white space."""

    start: int
    end: int
    text: str
    paragraph: int


# --- the scanner -------------------------------------------------------------------------

_TERMINALS = ".!?؟۔…"
_STRONG = frozenset("!?؟")
_CLOSERS = "\"'»”’)]›"
_ARABIC_LETTER = "\u0621-\u064a\u0671-\u06d3"
_CANDIDATE = re.compile(
    rf"([{re.escape(_TERMINALS)}]+)([{re.escape(_CLOSERS)}]*)(?:(?=\s)|$|(?=[{_ARABIC_LETTER}]))"
)
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")
_QUOTE_MARKS = re.compile("[«»“”„\"]")
_LETTER_OR_DIGIT = re.compile(r"\w")
# A continuation: a lower-case Latin letter or punctuation that never starts a sentence.
_CONTINUATION = re.compile(r"\s*(?:[a-z\u00e0-\u00ff]|[،,;؛:)\]}\-–—])")
_TOKEN_RUN = re.compile(r"[\w.\u0640]+")
_DIGIT = re.compile(r"[\d٠-٩۰-۹]")
_NUMBER_CHAR = re.compile(r"[\d٠-٩۰-۹.,٫٬]")
#: The longest token read before a full stop to tell an abbreviation: "U.S.A." is 5, the
#: longest Latin title 6; a longer run of letters and dots is not an abbreviation, and
#: reading no further keeps a paragraph of "ا.ا.ا..." linear.
MAX_ABBREVIATION_CHARS = 32
_LATIN_TITLES = frozenset(
    "mr mrs ms dr prof st jr sr vs gen col lt sgt capt gov sen rep rev fr messrs mme mlle".split()
)
_ERA_LETTERS = frozenset("مه")


def _quotations(par: str) -> list[tuple[int, int]]:
    """``(open, close)`` indexes of the quotations of a paragraph, paired as written."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for m in _QUOTE_MARKS.finditer(par):
        ch, i = m.group(), m.start()
        top = stack[-1][0] if stack else None
        if ch in "«„":
            stack.append((ch, i))
        elif ch == "»":
            if top == "«":
                pairs.append((stack.pop()[1], i))
        elif ch == "“":
            stack.append((ch, i))
        elif ch == "”":
            # Some keyboards type ” at both ends: a lone ” opens, the next one closes.
            if top in ("“", "”", "„"):
                pairs.append((stack.pop()[1], i))
            else:
                stack.append((ch, i))
        else:  # the straight quote toggles
            if top == '"':
                pairs.append((stack.pop()[1], i))
            else:
                stack.append((ch, i))
    return pairs


def quoted_spans(text: str) -> list[str]:
    """The innermost quotations of ``text`` (its paragraphs read one at a time, marks paired
    as the segmenter pairs them), without their marks, in order: what outlets that report
    one statement quote word for word."""
    out = []
    for m in _LINE.finditer(text):
        par = m.group()
        if not _QUOTE_MARKS.search(par):
            continue
        pairs = sorted(_quotations(par))
        for k, (a, b) in enumerate(pairs):
            if k + 1 < len(pairs) and pairs[k + 1][0] < b:
                continue  # holds another quotation: the inner one is what is quoted
            out.append(par[a + 1 : b])
    return out


class _Tokens:
    """The runs of word characters, dots and tatweel of a paragraph, found once: the token
    before each full stop is a bisection away (a search from the paragraph start for every
    full stop made splitting quadratic: ``segment('قال. ' * 6400)`` took 23.5 s)."""

    def __init__(self, par: str) -> None:
        self.par = par
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._found = False  # most paragraphs never ask: found at the first question

    def start_before(self, i: int) -> int:
        """Where the token that ends at ``i`` starts (``i`` when none does)."""
        if not self._found:
            for m in _TOKEN_RUN.finditer(self.par):
                self._starts.append(m.start())
                self._ends.append(m.end())
            self._found = True
        k = bisect_right(self._starts, i - 1) - 1
        if k < 0 or self._ends[k] < i:
            return i
        return self._starts[k]


def _number_before(par: str, i: int) -> bool:
    """True when ``par[:i]``, trailing white space aside, ends with a number."""
    while i > 0 and par[i - 1].isspace():
        i -= 1
    for j in range(i - 1, max(-1, i - 1 - MAX_ABBREVIATION_CHARS), -1):
        if not _NUMBER_CHAR.match(par[j]):
            return False
        if _DIGIT.match(par[j]):
            return True
    return False


def _is_abbreviation(tokens: _Tokens, dot: int) -> bool:
    """True when the ``.`` at ``dot`` closes an abbreviation, not a sentence."""
    par = tokens.par
    start = tokens.start_before(dot)
    if start == dot or dot - start > MAX_ABBREVIATION_CHARS:
        return False
    token = par[start:dot].replace("\u0640", "").strip(".")
    if not token:
        return False
    pieces = token.split(".")
    if all(len(p) == 1 and p.isalpha() for p in pieces):
        if len(pieces) == 1 and token in _ERA_LETTERS:
            # "عام 2011 م." ends a sentence; "م. أحمد" (engineer) does not.
            return not _number_before(par, start)
        return True
    return len(pieces) == 1 and token.lower() in _LATIN_TITLES


def _spaced_digit_separator(par: str, t0: int, end: int) -> bool:
    """"1 . 78 مليار"، "27 . 12 . 2017": a dot written with spaces between digits, as
    tokenized corpora print numbers, is part of the number."""
    after = par[end : end + 2].lstrip(" ")
    return t0 >= 2 and par[t0 - 1] == " " and par[t0 - 2].isdigit() and after[:1].isdigit()


class _Quotations:
    """The quotations around each candidate full stop, candidates taken left to right: the
    quotations are nested or apart (one stack pairs them), so the open ones are a stack too
    (testing every quotation at every full stop was quadratic in a paragraph of quotes)."""

    def __init__(self, par: str) -> None:
        self._pairs = sorted(_quotations(par)) if _QUOTE_MARKS.search(par) else []
        self._next = 0
        self._open: list[tuple[int, int]] = []

    def around(self, t0: int, end: int) -> tuple[int, int] | None:
        """The innermost quotation holding ``t0`` that does not close before ``end``."""
        pairs, stack = self._pairs, self._open
        while self._next < len(pairs) and pairs[self._next][0] < t0:
            pair = pairs[self._next]
            while stack and stack[-1][1] < pair[0]:
                stack.pop()
            stack.append(pair)
            self._next += 1
        while stack and stack[-1][1] <= t0:
            stack.pop()
        for q_open, q_close in reversed(stack):
            if q_close >= end:
                return q_open, q_close
        return None


def _boundaries(par: str) -> list[int]:
    """End offsets (exclusive) of the sentences inside one paragraph, except the last."""
    quotes = _Quotations(par)
    tokens = _Tokens(par)
    ends: list[int] = []
    last = len(par.rstrip())
    for m in _CANDIDATE.finditer(par):
        end = m.end()
        if end >= last:
            continue  # the paragraph end is a boundary anyway
        term = m.group(1)
        t0 = m.start(1)
        spaced = par[end].isspace()
        strong = any(c in _STRONG for c in term)
        ellipsis = not strong and (len(term) > 1 or "…" in term)
        if not spaced:
            # Glued to the next word: only a lone mark after a letter or digit ("2011.وقال").
            if len(term) != 1 or m.group(2) or not (t0 and par[t0 - 1].isalnum()):
                continue
        if _CONTINUATION.match(par, end):
            continue
        if term == "." and _is_abbreviation(tokens, t0):
            continue
        if term in ".," and _spaced_digit_separator(par, t0, end):
            continue
        # Inside a quotation that does not close right here?
        inside = quotes.around(t0, end)
        if inside is not None:
            if ellipsis or inside[1] - inside[0] <= MAX_QUOTE_CHARS:
                continue
        ends.append(end)
    return ends


# --- boilerplate -------------------------------------------------------------------------

_PUNCT_OR_SYMBOL = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Markers:
    whole: frozenset[str]
    prefixes: tuple[str, ...]
    labels: tuple[str, ...]


def _marker_key(text: str) -> str:
    """A line as boilerplate markers compare it: normalized, no punctuation, single spaces."""
    return _SPACES.sub(" ", _PUNCT_OR_SYMBOL.sub(" ", normalize(text))).strip()


@lru_cache(maxsize=1)
def _markers() -> _Markers:
    whole: set[str] = set()
    prefixes: list[str] = []
    labels: list[str] = []
    for _number, line in raw_lines("boilerplate"):
        if line.endswith("*"):
            prefixes.append(_marker_key(line[:-1]))
        elif line.endswith(":"):
            labels.append(_marker_key(line[:-1]))
        else:
            whole.add(_marker_key(line))
    return _Markers(frozenset(whole), tuple(prefixes), tuple(labels))


def is_boilerplate(line: str) -> bool:
    """True for a line that is not part of the report (see the module docstring)."""
    line = line.strip()
    if not _LETTER_OR_DIGIT.search(line):
        return True
    n_words = len(line.split())
    if n_words > MAX_MARKER_LINE_WORDS:
        return False
    if n_words <= MAX_HEADING_WORDS and line[-1] not in _TERMINALS:
        return True
    markers = _markers()
    key = _marker_key(line)
    if key in markers.whole:
        return True
    for p in markers.prefixes:
        if key.startswith(p) and (len(key) == len(p) or key[len(p)] == " "):
            return True
    if markers.labels:
        norm = _SPACES.sub(" ", normalize(line))
        for label in markers.labels:
            if norm.startswith(label) and re.match(r"\s*[:\-–—|]", norm[len(label) :]):
                return True
    return False


# --- public API --------------------------------------------------------------------------


def segment(text: str, *, drop_boilerplate: bool = True) -> list[Span]:
    """Split ``text`` into sentences; offsets index ``text`` itself.

    ``paragraph`` numbers the kept paragraphs (non-empty lines) consecutively from 0.
    """
    return list(iter_segment(text, drop_boilerplate=drop_boilerplate))


def iter_segment(text: str, *, drop_boilerplate: bool = True) -> Iterator[Span]:
    """:func:`segment`, one sentence at a time: a reader that needs only the lead stops
    early and the rest of a long text is never split."""
    paragraph = 0
    for line in _LINE.finditer(text):
        par = line.group()
        if not par.strip():
            continue
        if drop_boilerplate and is_boilerplate(par):
            continue
        base = line.start()
        start = 0
        kept = False
        for end in [*_boundaries(par), len(par)]:
            piece = par[start:end]
            stripped = piece.strip()
            if stripped and _LETTER_OR_DIGIT.search(stripped):
                s = base + start + (len(piece) - len(piece.lstrip()))
                yield Span(s, s + len(stripped), stripped, paragraph)
                kept = True
            start = end
        if kept:
            paragraph += 1


#: A first line longer than this is a paragraph, not a headline.
HEADLINE_MOST_WORDS = 40
#: A first line of at least this many words that ends in one full stop is a sentence of text.
#: Headlines join clauses with ".." and ":" but do not end in a full stop: none of 2,000 ANT
#: titles drawn at random does, while 70 of EASC's 102 development articles and three of the
#: five seeds (plain-text files without a headline) open with such a line.
_SENTENCE_LEAST_WORDS = 12


def reads_as_headline(line: str) -> bool:
    """Whether an article's first line reads as a headline (else it is its lead paragraph)."""
    line = line.strip()
    words = len(line.split())
    if words > HEADLINE_MOST_WORDS:
        return False
    return not (words >= _SENTENCE_LEAST_WORDS and line.endswith(".") and not line.endswith(".."))


def split_sentences(article: Article) -> list[Sentence]:
    """The sentences of ``article`` with offsets into :attr:`Article.text`.

    The title, when there is one, is sentence 0 (``is_title=True``, paragraph 0) whatever
    punctuation it holds: headlines join clauses with ".." and ":" and read as one unit.  A
    first line that does not read as a headline (:func:`reads_as_headline`: a file whose text
    starts at once) is split as the text's first paragraph instead.
    """
    return list(iter_sentences(article))


def iter_sentences(article: Article) -> Iterator[Sentence]:
    """:func:`split_sentences`, one sentence at a time (see :func:`iter_segment`)."""
    from khabar.model import Sentence

    text = article.text
    title = article.title.strip()
    paragraph0 = index = 0
    if title:
        start = text.index(title)
        if reads_as_headline(title):
            yield Sentence(article.id, 0, start, start + len(title), title, paragraph=0, is_title=True)
            index = 1
        else:  # a file without a headline: its first line is the lead paragraph, read as text
            for span in iter_segment(title, drop_boilerplate=False):
                yield Sentence(article.id, index, start + span.start, start + span.end, span.text, paragraph=0)
                index += 1
        paragraph0 = 1
    if article.body:
        offset = article.body_offset
        for span in iter_segment(article.body):
            yield Sentence(
                article.id, index, span.start + offset, span.end + offset, span.text, paragraph=span.paragraph + paragraph0
            )
            index += 1
