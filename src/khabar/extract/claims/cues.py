"""The words numeric claims know, loaded once (``data/claim_categories.txt``,
``claim_subjects.txt``), and the matcher that finds them on normalized tokens with
proclitics read off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import compress
from operator import le

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.reading import sentence_tokens
from khabar.text.ar.clitics import ARTICLE, clitic_variants, written_forms, written_openings
from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.normalize import normalize

# Quotation marks do not end a clause: «أكثر من 75 ألف مدني» ما زالوا محاصرين.
_QUOTE_MARKS = frozenset('"\'«»“”„‘’')


_MIN = normalize("من")


_SINCE = normalize("منذ")


_ARTICLE = ARTICLE


@dataclass(frozen=True, slots=True)
class _Entry:
    tag: str
    mode: str  # "", "noun", "percent"
    words: tuple[str, ...]
    prefix: bool  # the first (single) word is a prefix


@dataclass(frozen=True, slots=True)
class _Matcher:
    """Phrases looked up by their first word: exact forms, and prefixes by length."""

    exact: dict[str, tuple[_Entry, ...]]
    prefixes: dict[int, dict[str, tuple[_Entry, ...]]]
    #: Every written form of the exact first words (:func:`written_forms`) and, for a list
    #: with few prefixes, every written opening of them (:func:`written_openings`; None for
    #: a list with many): a word in neither opens no entry, known by one set look-up and
    #: one ``startswith``, without its readings.  Most words open none: of the 38,861 first
    #: meetings of a list and a word over bench_extract's 320 articles, ~35,000 end here.
    screen: frozenset[str]
    openings: tuple[str, ...] | None
    #: The first ``head`` letters of every prefix: a reading that opens with none of them
    #: opens no prefix, known by one set look-up instead of one a prefix length (the cues
    #: have six).
    stem_heads: frozenset[str]
    head: int
    #: The first ``opening_head`` letters of every opening (empty without openings): a word
    #: that opens with none of them opens with no opening, known by one set look-up instead
    #: of ``startswith`` trying each opening in turn (the crash and outlet lists' 24: ~277,000
    #: tries over the 100 articles of ``instructions_extract.py``, session 34).
    opening_heads: frozenset[str]
    opening_head: int
    #: The entries a word may open, by the reading function and the word (normalized):
    #: filled as words are met, since the claims' rules ask about every word of a sentence
    #: and most words open none.
    _opened: dict = field(default_factory=dict, compare=False, repr=False)

    #: Words remembered per reading function before the memory starts afresh (16 lists
    #: each keep one: ~2 MB each at the bound, in a process that runs for days).
    MAX_WORDS = 20_000

    def _entries_at(self, norm: str, variants: Callable[[str], tuple[str, ...]]) -> tuple[_Entry, ...]:
        """Every entry whose first word is a reading of ``norm``, in the order :meth:`at`
        tries them (reading by reading: exact forms, then prefixes longest first)."""
        memo = self._opened.get(variants)
        if memo is None:
            memo = self._opened[variants] = {}
        found = memo.get(norm)
        if found is None:
            if len(memo) >= self.MAX_WORDS:
                memo.clear()
            openings = self.openings
            if variants is _variants and norm not in self.screen and openings is not None and not (
                openings and norm[: self.opening_head] in self.opening_heads and norm.startswith(openings)
            ):
                found = memo[norm] = ()  # no reading of it is a first word
                return found
            cands: list[_Entry] = []
            heads, head = self.stem_heads, self.head
            for form in variants(norm):
                cands.extend(self.exact.get(form, ()))
                if form[:head] not in heads:
                    continue
                for length, table in self.prefixes.items():
                    if len(form) >= length:
                        cands.extend(table.get(form[:length], ()))
            found = memo[norm] = tuple(cands)
        return found

    @cython.locals(w=str, h=cython.Py_ssize_t)
    def opening(self, norms: Sequence[str]) -> list[bool]:
        """Whether each word (normalized) may open an entry (read by :func:`_variants`):
        :meth:`at` finds none where it may not, so a rule that reads every word of a
        sentence asks it only at these.  One set look-up a word, in C for a list without
        prefixes."""
        if not self.prefixes:
            return list(map(self.screen.__contains__, norms))
        if self.openings is None:
            return [bool(self._entries_at(w, _variants)) for w in norms]
        screen, openings, heads, h = self.screen, self.openings, self.opening_heads, self.opening_head
        out = []
        for w in norms:  # a loop, not a comprehension: ``w`` typed, ``startswith`` a C test
            out.append(w in screen or (w[:h] in heads and w.startswith(openings)))
        return out

    def at(
        self,
        norms: Sequence[str],
        i: int,
        variants: Callable[[str], tuple[str, ...]],
        want: Callable[[_Entry], bool] | None = None,
    ) -> tuple[_Entry, int] | None:
        """The longest entry starting at token ``i`` of a sentence's normalized tokens
        ``norms`` (that ``want`` accepts): (entry, tokens)."""
        w = norms[i]
        openings = self.openings
        # (most words: screened here, without a call or a memory of them; a list without
        # prefixes, 20 of the 24, has no openings, told without ``str.startswith``, whose
        # arguments 3.11 parses the old way: ~45,000 calls over bench_extract's 100 articles)
        if variants is _variants and w not in self.screen and openings is not None and not (
            openings and w[: self.opening_head] in self.opening_heads and w.startswith(openings)
        ):
            return None
        memo = self._opened.get(variants)
        cands = memo.get(w) if memo is not None else None
        if cands is None:
            cands = self._entries_at(w, variants)
        if not cands:
            return None
        best: tuple[_Entry, int] | None = None
        for e in cands:
            if want is not None and not want(e):
                continue
            n = len(e.words)
            if best is not None and n <= best[1]:
                continue
            if i + n > len(norms):
                continue
            # the entry's other words, each the token or one of its readings: a loop, not
            # ``all(...)`` over a generator, whose closure over ``norms``, ``i`` and
            # ``variants`` made every call (27,160 over the 100 articles of
            # ``benchmarks/instructions_extract.py``, most screened out above) allocate
            # its scope first (session 36)
            words = e.words
            for k in range(1, n):
                x = norms[i + k]
                if x != words[k] and words[k] not in variants(x):
                    break
            else:
                best = (e, n)
        return best


def _matcher(entries: Sequence[_Entry]) -> _Matcher:
    exact: dict[str, list[_Entry]] = {}
    prefixes: dict[int, dict[str, list[_Entry]]] = {}
    for e in entries:
        first = e.words[0]
        if e.prefix:
            prefixes.setdefault(len(first), {}).setdefault(first, []).append(e)
        else:
            exact.setdefault(first, []).append(e)
    # no prefix is shorter than a head (not [3, *prefixes]: Cython 3.3.1 refuses that starred list)
    head = min([3] + list(prefixes))
    openings = written_openings(k for t in prefixes.values() for k in t)
    screened = openings if len(openings) <= _MAX_OPENINGS else None
    # (an opening shorter than the head letters is its own head: every word opening with it
    # still passes the look-up)
    opening_head = min([2] + [len(o) for o in openings]) if screened else 0
    return _Matcher(
        {k: tuple(v) for k, v in exact.items()},
        {n: {k: tuple(v) for k, v in t.items()} for n, t in sorted(prefixes.items(), reverse=True)},
        written_forms(exact),
        screened,
        frozenset(k[:head] for t in prefixes.values() for k in t),
        head,
        frozenset(o[:opening_head] for o in screened) if screened else frozenset(),
        opening_head,
    )


#: A list's prefixes are screened by their written openings up to this many (the crash
#: and outlet lists' 24): ``startswith`` tries each in turn, and over the cues' 2,136 a word
#: cost ~4x its readings looked up.
_MAX_OPENINGS = 64


def _read(name: str) -> list[_Entry]:
    out = []
    for entry in read_tagged(name):
        words = tuple(entry.phrase.split())
        prefix = words[-1].endswith("*")
        if prefix:
            if len(words) != 1:
                raise ValueError(f"data/{name}.txt: entry {entry.phrase!r}: only a single word may be a prefix (*)")
            words = (words[0][:-1],)
        out.append(_Entry(entry.tag, entry.mode, words, prefix))
    return out


@dataclass(frozen=True, slots=True)
class _Lists:
    cues: _Matcher  # categories, every mode
    skip_after: _Matcher
    skip_before: _Matcher
    age: _Matcher
    boundary: _Matcher
    subset: _Matcher
    anaphora: _Matcher
    margin: _Matcher
    source_verb: _Matcher
    document_verb: _Matcher  # [show_verb] and [stipulate_verb]: their subject is a document
    so_far: _Matcher
    period: _Matcher
    period_bound: _Matcher  # [period bound]: before a year, it is no period of the figure
    period_by: _Matcher  # [period by]: before a year, a deadline
    named_period: _Matcher
    exchange: _Matcher
    locating: _Matcher
    carry_on: _Matcher
    carry_continue: _Matcher  # [continue]: "كما" opening a sentence (a reading of carry.py)
    background: _Matcher  # [background]: "وكان"، "يذكر"، "ومنذ" opening a sentence (carry.py)
    crash: _Matcher
    shock: _Matcher
    outlet: _Matcher
    #: [delegates]: right before a count of places, they make it a count of participants
    delegates: _Matcher
    subjects: _Matcher
    #: Dual form (normalized, with and without و/ف/ب/ل) -> True: "طفلان"، "مركزين"، "وفاتين".
    duals: frozenset[str]
    #: Every written form of those (:func:`written_forms`: "وطفلان"، "لمركزين"): a
    #: normalized word has a reading that is a dual form exactly when it is one of them,
    #: so a sentence is screened for a dual in one set operation in C (a word's readings
    #: were made and looked up for each new word: ~19,500 over bench_extract's 320 articles).
    dual_words: frozenset[str]
    categories: frozenset[str]


#: Tags of claim_categories.txt that are no category of figure.
SPECIAL_TAGS = (
    "skip_after", "skip_before", "age", "boundary", "subset", "anaphora", "margin", "source_verb", "show_verb", "stipulate_verb", "so_far", "period", "named_period", "dual", "exchange", "locating", "carry_on", "continue", "background", "crash", "shock", "outlet", "delegates",
)


def _dual_forms(entries: Sequence[_Entry]) -> list[str]:
    """The dual forms of the [dual] nouns: ta marbuta becomes ت before the ending; -ين only
    where it is not also the plural."""
    out = []
    for e in entries:
        base = e.words[0]
        stem = base[:-1] + "ت" if base.endswith("ه") else base
        endings = ("ان",) if e.mode == "an" else ("ان", "ين")
        out.extend(stem + ending for ending in endings)
    return out


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    entries = _read("claim_categories")
    by_tag: dict[str, list[_Entry]] = {t: [] for t in SPECIAL_TAGS}
    cues = []
    for e in entries:
        if e.tag in by_tag:
            by_tag[e.tag].append(e)
        else:
            cues.append(e)
    return _Lists(
        cues=_matcher(cues),
        skip_after=_matcher(by_tag["skip_after"]),
        skip_before=_matcher(by_tag["skip_before"]),
        age=_matcher(by_tag["age"]),
        boundary=_matcher(by_tag["boundary"]),
        subset=_matcher(by_tag["subset"]),
        anaphora=_matcher(by_tag["anaphora"]),
        margin=_matcher(by_tag["margin"]),
        source_verb=_matcher(by_tag["source_verb"]),
        document_verb=_matcher(by_tag["show_verb"] + by_tag["stipulate_verb"]),
        so_far=_matcher(by_tag["so_far"]),
        period=_matcher([e for e in by_tag["period"] if not e.mode]),
        period_bound=_matcher([e for e in by_tag["period"] if e.mode == "bound"]),
        period_by=_matcher([e for e in by_tag["period"] if e.mode == "by"]),
        named_period=_matcher(by_tag["named_period"]),
        exchange=_matcher(by_tag["exchange"]),
        locating=_matcher(by_tag["locating"]),
        carry_on=_matcher(by_tag["carry_on"]),
        carry_continue=_matcher(by_tag["continue"]),
        background=_matcher(by_tag["background"]),
        crash=_matcher(by_tag["crash"]),
        shock=_matcher(by_tag["shock"]),
        outlet=_matcher(by_tag["outlet"]),
        delegates=_matcher(by_tag["delegates"]),
        # a group of two words is written with "_" ("[mortar_shells]"): tags are one word
        subjects=_matcher([_Entry(e.tag.replace("_", " "), e.mode, e.words, e.prefix) for e in _read("claim_subjects")]),
        duals=frozenset(_dual_forms(by_tag["dual"])),
        dual_words=written_forms(_dual_forms(by_tag["dual"])),
        categories=frozenset(e.tag for e in cues),
    )


@lru_cache(maxsize=65536)
def _variants(norm: str) -> tuple[str, ...]:
    return clitic_variants(norm) if norm else (norm,)


# --- one sentence ---------------------------------------------------------------------


class _Sent:
    """A sentence's tokens (punctuation included) as columns, and which of them end a clause."""

    # slots and a plain __init__, not a dataclass: compiled (khabar._compiled), cues.pxd makes
    # the fields C fields and the class an extension type, so the cues' and the figures'
    # reads of a column look nothing up (attribute reads were 8.7 % of the layer's
    # instructions; docs/measurements.md, issue 19, session 32)
    __slots__ = ("text", "texts", "norms", "starts", "ends", "boundary", "words")

    def __init__(
        self,
        text: str,
        texts: tuple[str, ...],  # each token as written
        norms: tuple[str, ...],  # each token's normalized form
        starts: tuple[int, ...],  # where each token starts in ``text``
        ends: tuple[int, ...],  # and where it ends
        boundary: list[bool],  # the token is a clause boundary
        words: tuple[bool, ...],  # the token is a word or a number, not punctuation
    ) -> None:
        self.text = text
        self.texts = texts
        self.norms = norms
        self.starts = starts
        self.ends = ends
        self.boundary = boundary
        self.words = words

    @classmethod
    def read(cls, text: str) -> _Sent:
        view = sentence_tokens(text)  # no dot after a title's abbreviation: "وسبق أن قدر د. سامي"
        texts, norms, words = view.texts, view.norms, view.words
        boundaries = _lists().boundary
        opens = boundaries.opening(norms)
        n = len(norms)
        boundary = [False] * n
        i = 0  # the first token not yet read (an entry of several words is read whole)
        # only punctuation and the words that open a boundary entry need reading (a word
        # that opens none is no boundary): ``not word or opens`` is ``word <= opens``
        for k in compress(range(n), map(le, words, opens)):
            if k < i:
                continue
            if not words[k]:
                boundary[k] = texts[k] not in _QUOTE_MARKS and norms[k] not in _QUOTE_MARKS and not _bracketed_number(texts, norms, k)
                continue
            hit = boundaries.at(norms, k, _variants)
            if hit is not None:
                for j in range(k, k + hit[1]):
                    boundary[j] = True
                i = k + hit[1]
        return cls(text, texts, norms, view.starts, view.ends, boundary, words)

    def is_word(self, i: int) -> bool:
        return 0 <= i < len(self.norms) and self.words[i]

    def is_quote(self, i: int) -> bool:
        return 0 <= i < len(self.norms) and (self.texts[i] in _QUOTE_MARKS or self.norms[i] in _QUOTE_MARKS)

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens ``a`` to ``b`` (exclusive), as written."""
        return self.text[self.starts[a] : self.ends[b - 1]]

    def span_tokens(self, start: int, end: int) -> tuple[int, int]:
        """Index of the first token of the span and of the first token after it (tokens
        start and end in order: found by bisection)."""
        a = bisect_right(self.ends, start)
        return a, bisect_left(self.starts, end, a)

    def next_word(self, b: int) -> int:
        """The first word at or after ``b``, skipping quotation marks (-1 if none)."""
        while self.is_quote(b):
            b += 1
        return b if self.is_word(b) else -1

    def prev_word(self, a: int) -> int:
        k = a - 1
        while self.is_quote(k):
            k -= 1
        return k if self.is_word(k) else -1


def _bracketed_number(texts: Sequence[str], norms: Sequence[str], i: int) -> bool:
    """The bracket at token ``i`` closes or opens a number written alone in brackets ("عدد
    (30) عنصر"، the Egyptian army's statements): no clause boundary around the count."""
    if texts[i] == "(":
        return i + 2 < len(texts) and texts[i + 2] == ")" and norms[i + 1][:1].isdigit()
    if texts[i] == ")":
        return i >= 2 and texts[i - 2] == "(" and norms[i - 1][:1].isdigit()
    return False
