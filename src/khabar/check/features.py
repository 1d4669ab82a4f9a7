"""What a claim and an article have in common, and where they part: the stance features.

For one claim and a set of candidate articles (:class:`~khabar.check.retrieve.Doc`), every
sentence is scored against the claim:

* TF-IDF cosine over light stems (:class:`khabar.relate.similarity.SentenceVectors`, one
  vocabulary and IDF for the claim and all candidate sentences, so rare shared words weigh);
* coverage: the share of the claim's content stems the sentence holds (cosine alone favours
  short sentences that share one rare word);
* figures: a number of the claim and a number of the sentence that count the same thing (the
  same category cue near both: قتل، نزح، محاصرين ... from ``data/claim_categories.txt``)
  either agree (ranges overlap, with a margin for "نحو") or disagree.

The best sentences are the evidence; cues counted in them (``data/stance_cues.txt``: denials,
negation particles, hedges, opposite pairs) and the similarity figures make the
:class:`PairFeatures` that the stance models read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import lru_cache

import numpy as np

from khabar.check.retrieve import Doc, claim_terms
from khabar.config import ConflictOptions
from khabar.extract.dates import find_dates
from khabar.model import NumberMention
from khabar.relate.similarity import SentenceVectors, content_terms
from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.clitics import clitic_variants
from khabar.text.ar.tokenize import Token, tokenize, words

#: Weight of coverage against cosine in a sentence's evidence score.
COVERAGE_WEIGHT = 0.4
#: Bonus of a sentence holding a figure that counts what a figure of the claim counts.
FIGURE_BONUS = 0.15
#: Sentences (best first by lexical score) searched for figures, cues and sources.
ANALYSED_SENTENCES = 5
#: Sentences kept in lexical order for the meaning model (:mod:`khabar.check.meaning`): the
#: gold evidence of baly2018 is among the top 8 by lexical score for 91% of pairs (top 3: 78%).
RANKED_SENTENCES = 8
#: Words either side of a number searched for its category cue.
CATEGORY_WINDOW = 7
#: Relative margin when comparing two figures: 40,000 and "نحو 41 ألفا" agree.
FIGURE_TOLERANCE = 0.1
#: Figures in these ranges that look like years are left alone when they have no category.
_YEAR = (1900, 2100)

# --- word lists ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]  # each may end with "*" (prefix)


@lru_cache(maxsize=200_000)
def _variants(word: str) -> tuple[str, ...]:
    return clitic_variants(word)


@dataclass(frozen=True, slots=True)
class _Cues:
    by_tag: dict[str, tuple[_Pattern, ...]]
    antonyms: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    by_tag: dict[str, list[_Pattern]] = {}
    antonyms = []
    for tag, rest in ((e.tag, e.phrase) for e in read_tagged("stance_cues")):
        if tag == "antonym":
            left, _, right = rest.partition("=")
            antonyms.append((tuple(left.split()), tuple(right.split())))
        else:
            by_tag.setdefault(tag, []).append(_Pattern(tuple(rest.split())))
    return _Cues({k: tuple(v) for k, v in by_tag.items()}, tuple(antonyms))


#: Tags of ``claim_categories.txt`` that are not categories of what a figure counts.
_NOT_CATEGORIES = frozenset(
    {"skip_after", "skip_before", "boundary", "subset", "anaphora", "age", "margin", "source_verb", "so_far", "period", "dual", "exchange", "locating", "other"}
)


@dataclass(frozen=True, slots=True)
class _CategoryCues:
    near: tuple[tuple[str, _Pattern], ...]  # anywhere within the window
    noun: tuple[tuple[str, _Pattern], ...]  # only the counted noun right after the figure
    skip_before: tuple[_Pattern, ...]  # "عام 2013", "الساعة 6": no claim
    skip_after: tuple[_Pattern, ...]  # "45 عاما", "120 ملم": no claim
    subset: tuple[_Pattern, ...]  # "بينهم 20 ألف طفل": part of another figure

    @property
    def near_by_first(self) -> dict[str, tuple[tuple[str, _Pattern], ...]]:
        return _index_by_first(self.near)

    @property
    def noun_by_first(self) -> dict[str, tuple[tuple[str, _Pattern], ...]]:
        return _index_by_first(self.noun)


@lru_cache(maxsize=4)
def _index_by_first(entries: tuple[tuple[str, _Pattern], ...]) -> dict[str, tuple[tuple[str, _Pattern], ...]]:
    """(category, pattern) entries by their pattern's first word: a token is tried only
    against the patterns it can start (each token's matched words come from :func:`_matched`)."""
    index: dict[str, list[tuple[str, _Pattern]]] = {}
    for cat, p in entries:
        index.setdefault(p.words[0], []).append((cat, p))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def _categories() -> _CategoryCues:
    """The category cues of the numeric claims' list (``data/claim_categories.txt``, the one
    home of that knowledge)."""
    near, noun, before, after, subset = [], [], [], [], []
    for entry in read_tagged("claim_categories"):
        tag = entry.tag
        pattern = _Pattern(tuple(entry.phrase.split()))
        if tag == "skip_before":
            before.append(pattern)
        elif tag == "skip_after":
            after.append(pattern)
        elif tag == "subset":
            subset.append(pattern)
        elif tag in _NOT_CATEGORIES or entry.mode == "percent":
            continue
        elif entry.mode == "noun":
            noun.append((tag, pattern))
        else:
            near.append((tag, pattern))
    return _CategoryCues(tuple(near), tuple(noun), tuple(before), tuple(after), tuple(subset))


@lru_cache(maxsize=1)
def _pattern_words() -> tuple[frozenset[str], frozenset[str]]:
    """Every word of every cue list: (exact words, prefixes without their "*")."""
    words_: set[str] = set()
    for patterns in _cues().by_tag.values():
        words_.update(w for p in patterns for w in p.words)
    for left, right in _cues().antonyms:
        words_.update(left + right)
    cats = _categories()
    for group in (cats.skip_before, cats.skip_after, cats.subset):
        words_.update(w for p in group for w in p.words)
    for group in (cats.near, cats.noun):
        words_.update(w for _, p in group for w in p.words)
    return frozenset(w for w in words_ if not w.endswith("*")), frozenset(w[:-1] for w in words_ if w.endswith("*"))


@lru_cache(maxsize=200_000)
def _matched(word: str) -> frozenset[str]:
    """The cue-list words (prefixes with their "*") that ``word`` matches, with or without
    its proclitics: computed once per distinct word, then every match is a set lookup."""
    exact, prefixes = _pattern_words()
    out = set()
    for v in _variants(word):
        if v in exact:
            out.add(v)
        for n in range(1, len(v) + 1):
            if v[:n] in prefixes:
                out.add(v[:n] + "*")
    return frozenset(out)


def _match_at(norms: Sequence[str], i: int, pattern: _Pattern) -> bool:
    if i + len(pattern.words) > len(norms):
        return False
    return all(p in _matched(norms[i + k]) for k, p in enumerate(pattern.words))


@lru_cache(maxsize=None)
def _by_first(tag: str) -> dict[str, tuple[_Pattern, ...]]:
    index: dict[str, list[_Pattern]] = {}
    for p in _cues().by_tag.get(tag, ()):
        index.setdefault(p.words[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


def cue_openings(tag: str) -> frozenset[str]:
    """The first words of the cues of ``tag`` as the list writes them ("لم" of "لم يرد")."""
    return frozenset(_by_first(tag))


def count_cues(norms: Sequence[str], tag: str) -> int:
    """How many times cues of ``tag`` occur in the normalized words ``norms``
    (negations minus the fixed phrases that negate nothing: "لا يزال")."""
    index = _by_first(tag)
    n = 0
    for i, w in enumerate(norms):
        for first in _matched(w):
            n += sum(1 for p in index.get(first, ()) if _match_at(norms, i, p))
    if tag == "negation" and n:
        n -= count_cues(norms, "not_negation")
    return max(0, n)


def _sides(norms: Sequence[str]) -> set[tuple[int, int]]:
    """(antonym pair, side) for every opposite-pair word in ``norms``."""
    seen = set().union(*(_matched(w) for w in norms)) if norms else set()
    found = set()
    for k, (left, right) in enumerate(_cues().antonyms):
        if seen.intersection(left):
            found.add((k, 0))
        if seen.intersection(right):
            found.add((k, 1))
    return found


def antonym_hits(claim_norms: Sequence[str], sentence_norms: Sequence[str]) -> int:
    """Opposite pairs where the claim has one side and the sentence only the other."""
    c, s = _sides(claim_norms), _sides(sentence_norms)
    return sum(1 for k, side in c if (k, 1 - side) in s and (k, side) not in s and (k, 1 - side) not in c)


# --- figures -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in a text with the categories of what it counts (offsets into that text)."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    categories: frozenset[str]
    approximate: bool = False


def _token_index(tokens: Sequence[Token], offset: int) -> int:
    for i, t in enumerate(tokens):
        if t.end > offset:
            return i
    return len(tokens)


def _ends_before(norms: Sequence[str], a: int, patterns: Sequence[_Pattern]) -> bool:
    """A pattern ends right before token ``a``."""
    return any(a - len(p.words) >= 0 and _match_at(norms, a - len(p.words), p) for p in patterns)


def find_figures(text: str, tokens: Sequence[Token] | None = None) -> list[Figure]:
    """Numbers of ``text`` that count something: the counted noun right after the figure,
    else the nearest category cue within a few words.  Years, times, ages, units and subsets
    ("بينهم 20 ألف طفل") are left out."""
    cues = _categories()
    if not cues.near and not cues.noun:
        return []
    tokens = tokenize(text) if tokens is None else tokens
    norms = [t.norm for t in tokens]
    numbers = find_numbers(text)
    if not numbers:
        return []
    dates = [(d.start, d.end) for d in find_dates(text, reference=None)]
    near = cues.near_by_first
    out = []
    for m in numbers:
        if m.unit == "percent" or any(s <= m.start < e for s, e in dates):
            continue
        a = _token_index(tokens, m.start)
        b = _token_index(tokens, m.end)
        if _ends_before(norms, a, cues.skip_before) or _ends_before(norms, a, cues.subset):
            continue
        if any(_match_at(norms, b, p) for p in cues.skip_after):
            continue
        found = _categories_at(norms, b, cues.noun_by_first) if b < len(norms) else set()
        if not found:
            best = CATEGORY_WINDOW + 1
            for i in range(max(0, a - CATEGORY_WINDOW), min(len(norms), b + CATEGORY_WINDOW)):
                if a <= i < b:
                    continue
                distance = a - i if i < a else i - b + 1
                if distance > best:
                    continue
                here = _categories_at(norms, i, near)
                if here:
                    found = found | here if distance == best else here
                    best = distance
        if found:
            out.append(_figure(m, frozenset(found)))
    return out


def _categories_at(norms: Sequence[str], i: int, index: dict[str, tuple[tuple[str, _Pattern], ...]]) -> set[str]:
    return {c for first in _matched(norms[i]) for c, p in index.get(first, ()) if _match_at(norms, i, p)}


@lru_cache(maxsize=4096)
def sentence_figures(text: str) -> tuple[Figure, ...]:
    """:func:`find_figures` of one sentence, remembered for the few thousand sentences last
    asked about: a check reads a candidate sentence's figures in its lexical analysis, its
    meaning features and its evidence."""
    return tuple(find_figures(text))


def _figure(m: NumberMention, categories: frozenset[str]) -> Figure:
    return Figure(m.text, m.start, m.end, m.value, m.low, m.high, categories, m.approximate)


def _bounds(f: Figure) -> tuple[float, float]:
    lo = f.low if f.low is not None else (f.value if f.value is not None else 0.0)
    hi = f.high if f.high is not None else (f.value if f.value is not None and f.low is None else math.inf)
    return lo, hi


def figures_agree(a: Figure, b: Figure, *, tolerance: float = FIGURE_TOLERANCE) -> bool:
    """True when the two figures' ranges overlap, an approximate one ("نحو") widened by
    ``tolerance``: 17 and 19 differ, "نحو 40 ألفا" and 42,000 agree."""
    alo, ahi = _bounds(a)
    blo, bhi = _bounds(b)
    ta = tolerance if a.approximate else 0.0
    tb = tolerance if b.approximate else 0.0
    return alo * (1 - ta) <= bhi * (1 + tb) and blo * (1 - tb) <= ahi * (1 + ta)


#: Two values further apart than this are not two estimates of one count (the figures
#: issue's ``ConflictOptions.max_ratio``, read from its one place).
_MAX_RATIO = ConflictOptions().max_ratio


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure of an evidence sentence that counts what a figure of the claim counts."""

    claim_figure: Figure
    figure: Figure  # offsets into the sentence
    agrees: bool
    category: str


def estimates_one_count(m: FigureMatch) -> bool:
    """Whether a matched figure can be another estimate of the claim's count: it agrees, or
    the two are within the figures issue's ``max_ratio`` (:func:`khabar.relate.quantities.
    two_estimates`).  "100 طفل محاصرون في مبنى" shares the category of "نحو 50 ألف مدني
    محاصرين" but is a part or another count, not a figure set against it (a seed report,
    checked on a store of the seeds and the examples, showed it so)."""
    alo, ahi = _bounds(m.claim_figure)
    blo, bhi = _bounds(m.figure)
    if m.agrees or min(alo, blo) <= 0:
        return True
    return max(blo / ahi, alo / bhi) <= _MAX_RATIO


def match_figures(claim_figures: Sequence[Figure], sentence_figures: Sequence[Figure]) -> list[FigureMatch]:
    out = []
    for f in sentence_figures:
        for c in claim_figures:
            shared = c.categories & f.categories
            if shared:
                out.append(FigureMatch(c, f, figures_agree(c, f), sorted(shared)[0]))
                break
    return out


# --- per article ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """Numbers describing one claim-article pair; :meth:`vector` is what a trained model reads."""

    max_sim: float = 0.0
    mean_top_sim: float = 0.0
    title_sim: float = 0.0
    coverage_best: float = 0.0
    coverage_doc: float = 0.0
    sim_x_coverage: float = 0.0
    figure_agree: float = 0.0
    figure_disagree: float = 0.0
    #: The best evidence sentence with comparable figures: 1 all agree, -1 all differ, 0 mixed or none.
    figure_first: float = 0.0
    denial: float = 0.0
    denial_claim: float = 0.0
    negation_evidence: float = 0.0
    negation_claim: float = 0.0
    hedge: float = 0.0
    antonym: float = 0.0
    claim_words: float = 0.0
    doc_sentences: float = 0.0

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    def vector(self) -> np.ndarray:
        return np.array([getattr(self, n) for n in self.names()], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class Analysis:
    """One candidate article read against the claim."""

    doc: Doc
    evidence: tuple[int, ...]  # sentence indices, best first
    similarity: dict[int, float]  # lexical cosine of analysed sentences
    figures: dict[int, tuple[FigureMatch, ...]]  # per analysed sentence
    features: PairFeatures
    #: The :data:`RANKED_SENTENCES` best sentences by lexical score alone, best first, whatever
    #: their score: what the meaning model reads (it may find a paraphrase with no shared word).
    ranked: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimView:
    text: str
    norms: tuple[str, ...]
    terms: frozenset[str]
    figures: tuple[Figure, ...]
    negation: int
    denial: int


def claim_view(claim: str) -> ClaimView:
    tokens = tokenize(claim)
    norms = tuple(t.norm for t in tokens)
    return ClaimView(
        claim, norms, frozenset(claim_terms(claim)), tuple(find_figures(claim, tokens)), count_cues(norms, "negation"),
        count_cues(norms, "denial"),
    )


def analyse(claim: str, docs: Sequence[Doc], *, evidence_per_article: int = 3) -> list[Analysis]:
    """Read every doc against ``claim``: evidence sentences and :class:`PairFeatures`."""
    view = claim_view(claim)
    term_lists: list[list[str]] = [sorted(view.terms)]
    spans: list[tuple[int, int]] = []
    for doc in docs:
        start = len(term_lists)
        term_lists.extend(content_terms(words(s.text)) for s in doc.sentences)
        spans.append((start, len(term_lists)))
    vectors = SentenceVectors.build(term_lists)
    sims = vectors.similarity_to(vectors.dense_row(0))
    return [_analyse_doc(view, doc, sims[a:b], term_lists[a:b], evidence_per_article) for doc, (a, b) in zip(docs, spans)]


def _analyse_doc(
    view: ClaimView, doc: Doc, sims: np.ndarray, term_lists: Sequence[list[str]], k: int
) -> Analysis:
    n = len(doc.sentences)
    nterms = max(1, len(view.terms))
    coverage = np.array([len(view.terms & set(t)) / nterms for t in term_lists]) if n else np.zeros(0)
    score = sims + COVERAGE_WEIGHT * coverage
    ranked = tuple(int(i) for i in np.argsort(-score, kind="stable")[:RANKED_SENTENCES]) if n else ()
    order = list(ranked[:ANALYSED_SENTENCES])
    figures: dict[int, tuple[FigureMatch, ...]] = {}
    if view.figures:
        for i in order:
            matches = match_figures(view.figures, sentence_figures(doc.sentences[i].text))
            if matches:
                figures[i] = tuple(matches)
                score[i] += FIGURE_BONUS
        order.sort(key=lambda i: -score[i])
    evidence = tuple(i for i in order[:k] if score[i] > 0)
    ev_norms = [[t.norm for t in tokenize(doc.sentences[i].text)] for i in evidence]
    all_doc_terms = set().union(*term_lists) if n else set()
    best = evidence[0] if evidence else None
    title = next((i for i, s in enumerate(doc.sentences) if s.is_title), None)
    top = [float(sims[i]) for i in evidence]
    matches = [m for i in evidence for m in figures.get(i, ())]
    first = next((figures[i] for i in evidence if i in figures), ())
    figure_first = 0.0
    if first and all(m.agrees for m in first):
        figure_first = 1.0
    elif first and not any(m.agrees for m in first):
        figure_first = -1.0
    max_sim = float(sims.max()) if n else 0.0
    cov_best = float(coverage[best]) if best is not None else 0.0
    feats = PairFeatures(
        max_sim=max_sim,
        mean_top_sim=float(np.mean(top)) if top else 0.0,
        title_sim=float(sims[title]) if title is not None else 0.0,
        coverage_best=cov_best,
        coverage_doc=len(view.terms & all_doc_terms) / nterms,
        sim_x_coverage=max_sim * cov_best,
        figure_agree=float(sum(m.agrees for m in matches)),
        figure_disagree=float(sum(not m.agrees for m in matches)),
        figure_first=figure_first,
        denial=float(sum(count_cues(w, "denial") for w in ev_norms)),
        denial_claim=float(view.denial),
        negation_evidence=float(sum(count_cues(w, "negation") for w in ev_norms[:1])),
        negation_claim=float(view.negation),
        hedge=float(sum(count_cues(w, "hedge") for w in ev_norms)),
        antonym=float(sum(antonym_hits(view.norms, w) for w in ev_norms[:1])),
        claim_words=math.log1p(len(view.norms)),
        doc_sentences=math.log1p(n),
    )
    similarity = {i: float(sims[i]) for i in ranked}
    return Analysis(doc, evidence, similarity, figures, feats, ranked)
