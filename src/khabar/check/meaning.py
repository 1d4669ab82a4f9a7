"""Reading a claim against sentences for meaning: the features of the meaning model.

Word overlap calls every same-topic article "agree" and misses paraphrases.  This module
reads a claim against an article's best candidate sentences (the lexical ranking of
:mod:`khabar.check.features`, so only a few sentences per article are ever encoded) with:

* the multilingual Universal Sentence Encoder (:mod:`khabar.relate.embeddings`, ``use``):
  the claim's vector ``u`` and the sentence's ``v`` combined as ``[u*v, |u-v|]``, which
  carries paraphrase and, in part, contradiction, and their cosine;
* who did what (:mod:`khabar.check.frames`): names shared, names swapped for another of the
  same kind, actors whose roles are reversed, another agent of the same predicate;
* negation, denial, hedges and modality (``data/stance_cues.txt``) on each side, and
  opposite pairs (ارتفع/انخفض، فرض/رفع ...) across them;
* figures compared with their qualifiers (``أكثر من 100 ألف`` and ``نحو 100 ألف`` are
  consistent; ``عشرات الجرحى`` is not ``300 جريح``), and bare numbers that differ;
* how much of the sentence is page furniture (menus, share buttons, Latin-script runs).

:func:`sentence_rows` gives one row per (claim, sentence); :func:`article_row` summarises
what the sentence head of the model said about an article's candidates.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from khabar.check.features import (
    Analysis,
    ClaimView,
    PairFeatures,
    antonym_hits,
    claim_view,
    count_cues,
    match_figures,
    sentence_figures,
)
from khabar.check.frames import Frame, FrameMatch, compare_frames, read_frame
from khabar.check.retrieve import Doc
from khabar.check.stance import RuleModel
from khabar.relate.similarity import content_terms
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.segment import is_boilerplate
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import tokenize, words

#: Candidate sentences per article that are encoded and read: the top of the lexical
#: ranking (and the lead).  On baly2018 the gold evidence is among the lexical top 3 for
#: 78% of pairs, the top 8 for 91%; every sentence costs ~2 ms of encoding, times 30
#: candidate articles.  Three whole sentences cost a check over 10,000 stored articles
#: 0.25-0.44 s of CPU, two cut at :data:`MAX_ENCODED_WORDS` 0.22-0.26 s
#: (benchmarks/bench_check.py, three claims, taken under load).
CANDIDATES = 2
#: Words of a sentence given to the encoder: its cost grows with the length and its
#: tokenizer is pure Python.  The sentences of the seeds and examples run 25 words (median),
#: 42 at the 95th percentile; scraped page lines run far longer.
MAX_ENCODED_WORDS = 40
#: Dimension of the sentence encoder's vectors (USE multilingual v3).
DIMENSION = 512
#: Weight of the lexical cosine beside the encoder's when ranking evidence sentences.
LEXICAL_WEIGHT = 0.5
#: Encoder cosine below which a sentence's frame is not read (its frame features are 0).
FRAME_MIN_SEMANTIC = 0.45
#: Encoder cosine below which a sentence's *difference reading* is not made (its features
#: are 0): the words of the claim it lacks and its own words the claim lacks, each encoded.
#: A headline that contradicts another mostly swaps a word or two (ارتفاع for انخفاض, one
#: company for another) and the two whole-sentence vectors stay close; the two leftovers
#: show the swap.  On ANS train -> dev it lifts macro-F1 0.69 -> 0.76 (agree 0.65 -> 0.68,
#: disagree 0.79 -> 0.81).  Far sentences are not restatements, and skipping them keeps a
#: check's encoding smaller: at 0.3 it reads 98% of ANS's pairs and 45% of baly2018's
#: candidates, and a fresh check over 10,000 stored articles costs ~35% more CPU; at 0.5
#: (91% and 16%) it cost about nothing more but read worse (ANS 0.73; on the event-claims
#: fixture a report of another event took a side).
DIFFERENCE_MIN_SEMANTIC = 0.3
#: Words of each leftover given to the encoder: a swap is a word or two, and a long
#: sentence's leftovers are most of it.
DIFFERENCE_MAX_WORDS = 12

Encode = Callable[[Sequence[str]], np.ndarray]

SENTENCE_FEATURES: tuple[str, ...] = (
    "semantic",
    "lexical",
    "claim_covered",
    "sentence_covered",
    "length_ratio",
    "claim_only",
    "sentence_only",
    "antonym",
    "negation_claim",
    "negation_sentence",
    "negation_mismatch",
    "denial_sentence",
    "denial_claim",
    "hedge",
    "modality_claim",
    "modality_sentence",
    "figure_agree",
    "figure_disagree",
    "figure_vague",
    "number_mismatch",
    "shared_names",
    "swapped_names",
    "role_swap",
    "agent_change",
    "same_predicate",
    "furniture",
    "position",
    "is_title",
)
#: The difference reading's scalars, after :data:`BASE_FEATURES` in :data:`SENTENCE_FEATURES`.
DIFFERENCE_FEATURES: tuple[str, ...] = (
    "difference_cosine",
    "claim_only_to_sentence",
    "sentence_only_to_claim",
    "nothing_removed",
    "nothing_added",
)
BASE_FEATURES = SENTENCE_FEATURES
SENTENCE_FEATURES = (*BASE_FEATURES, *DIFFERENCE_FEATURES)
#: Each of :data:`SENTENCE_FEATURES`' column in a candidate's scalars.
SENTENCE_FEATURE_COLUMN: dict[str, int] = {name: i for i, name in enumerate(SENTENCE_FEATURES)}
#: The sentence features that say a sentence does not state the claim as the claim says it
#: (another figure, a differing bare number, a one-sided negation, a denial, an opposite pair).
CONTRARY_SIGNS: tuple[str, ...] = ("figure_disagree", "number_mismatch", "negation_mismatch", "denial_sentence", "antonym")

_LATIN = re.compile(r"[A-Za-z]+")
_NO_FRAME = FrameMatch(0.0, 0.0, 0.0, 0.0, 0.0)
_SEPARATORS = re.compile(r"[|»«/•·>]")


@dataclass(frozen=True, slots=True)
class ClaimReading:
    """Everything about the claim that every sentence is compared with (computed once)."""

    view: ClaimView
    vector: np.ndarray
    terms: frozenset[str]
    frame: Frame
    modality: int
    numbers: frozenset[float]


def read_claim(claim: str, vector: np.ndarray) -> ClaimReading:
    view = claim_view(claim)
    return ClaimReading(
        view,
        np.asarray(vector, dtype=np.float32),
        view.terms,
        read_frame(claim),
        count_cues(view.norms, "modality"),
        _numbers(claim),
    )


@lru_cache(maxsize=4096)
def _numbers(text: str) -> frozenset[float]:
    return frozenset(float(n.value) for n in find_numbers(text) if n.value is not None)


def furniture(text: str) -> float:
    """Share of a sentence that is page furniture: Latin-script words and separators in an
    Arabic page, or a boilerplate line (menus, share buttons, "related" headings)."""
    if is_boilerplate(text):
        return 1.0
    tokens = text.split()
    if not tokens:
        return 1.0
    latin = sum(1 for t in tokens if _LATIN.fullmatch(t))
    seps = len(_SEPARATORS.findall(text))
    return min(1.0, (latin + 2 * seps) / len(tokens))


def encoded_text(text: str) -> str:
    """What of a sentence the encoder reads: its first :data:`MAX_ENCODED_WORDS` words."""
    words_ = text.split()
    return text if len(words_) <= MAX_ENCODED_WORDS else " ".join(words_[:MAX_ENCODED_WORDS])


def article_encoded_texts(doc: Doc) -> list[str]:
    """What of an article the meaning model may encode: every sentence as
    :func:`encoded_text` cuts it (the claim's lexical ranking may choose any of them), the
    texts a store keeps vectors of (``khabar ingest --encode``)."""
    return [encoded_text(s.text) for s in doc.sentences]


@lru_cache(maxsize=4096)
def sentence_frame(text: str) -> Frame:
    """:func:`read_frame` of a sentence, remembered for the last few thousand (wire copy
    repeats sentences across the articles of one check)."""
    return read_frame(text)


def pair_vector(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The encoder's view of a pair: element-wise product and absolute difference."""
    return np.concatenate([u * v, np.abs(u - v)])


def sentence_scalars(
    claim: ClaimReading, text: str, vector: np.ndarray, *, lexical: float, position: float, is_title: bool
) -> np.ndarray:
    """The :data:`BASE_FEATURES` of one sentence against the claim (the difference
    reading, :func:`read_differences`, is made for a batch)."""
    tokens = tokenize(text)
    norms = [t.norm for t in tokens]
    terms = set(content_terms(words(text)))
    nclaim = max(1, len(claim.terms))
    shared = len(claim.terms & terms)
    view = claim.view
    neg_s = count_cues(norms, "negation")
    figures = match_figures(view.figures, sentence_figures(text)) if view.figures else []
    # One figure that matches the claim's is the sentence's answer; others of its category
    # then count something else ("17 قتيلا بعد انتشال ثلاث جثث").  Only a sentence whose
    # figures all differ contradicts the claim on the figure.
    agree = float(any(m.agrees for m in figures))
    differ = float(bool(figures) and not agree)
    vague = float(any(m.agrees and m.figure.value is None and m.claim_figure.value is not None for m in figures))
    numbers = _numbers(text)
    number_mismatch = float(bool(claim.numbers) and bool(numbers) and not (claim.numbers & numbers))
    semantic = float(vector @ claim.vector)
    # who-did-what is read only where it can matter: a sentence this far from the claim is
    # not a restatement with its actors reversed (and reading frames is most of the cost)
    frame = compare_frames(claim.frame, sentence_frame(text)) if semantic >= FRAME_MIN_SEMANTIC else _NO_FRAME
    return np.array(
        [
            semantic,
            lexical,
            shared / nclaim,
            shared / max(1, len(terms)),
            math.log((1 + len(terms)) / (1 + len(claim.terms))),
            math.log1p(len(claim.terms - terms)),
            math.log1p(len(terms - claim.terms)),
            float(antonym_hits(view.norms, norms)),
            float(view.negation > 0),
            float(neg_s > 0),
            float((view.negation > 0) != (neg_s > 0)),
            float(count_cues(norms, "denial") > 0),
            float(view.denial > 0),
            float(count_cues(norms, "hedge") > 0),
            float(claim.modality > 0),
            float(count_cues(norms, "modality") > 0),
            agree - vague,
            differ,
            vague,
            number_mismatch,
            frame.shared_names,
            frame.swapped_names,
            frame.role_swap,
            frame.agent_change,
            frame.same_predicate,
            furniture(text),
            position,
            float(is_title),
        ],
        dtype=np.float64,
    )


@dataclass(frozen=True, slots=True)
class Candidates:
    """An article's candidate sentences read against the claim."""

    indices: tuple[int, ...]  # sentence indices, lexical order
    vectors: np.ndarray  # (candidates, DIMENSION)
    scalars: np.ndarray  # (candidates, len(SENTENCE_FEATURES))
    differences: np.ndarray  # (candidates, 2 * DIMENSION): the leftovers' pair vector

    @property
    def semantic(self) -> np.ndarray:
        return self.scalars[:, 0] if len(self.indices) else np.zeros(0)

    @property
    def relevance(self) -> np.ndarray:
        """How much each candidate speaks to the claim: encoder cosine + lexical cosine,
        less furniture."""
        if not len(self.indices):
            return np.zeros(0)
        s = self.scalars
        return s[:, 0] + LEXICAL_WEIGHT * s[:, 1] - 0.5 * s[:, SENTENCE_FEATURE_COLUMN["furniture"]]


def candidate_indices(an: Analysis, *, limit: int = CANDIDATES) -> tuple[int, ...]:
    """The sentences of an article worth encoding: the top of the lexical ranking, and the
    lead (the title, or a page's first line): an article whose lead is about something else
    only mentions the claim in passing."""
    out = list(an.ranked[:limit])
    if an.doc.sentences and 0 not in out:
        out.append(0)
    return tuple(out)


def difference_texts(claim: str, sentence: str) -> tuple[str, str]:
    """The claim's words the sentence lacks and the sentence's words the claim lacks
    (normalized, in their order, the first :data:`DIFFERENCE_MAX_WORDS` of each)."""
    cw = [normalize(w) for w in words(claim)]
    sw = [normalize(w) for w in words(sentence)]
    cs, ss = set(cw), set(sw)
    removed = [w for w in cw if w not in ss][:DIFFERENCE_MAX_WORDS]
    added = [w for w in sw if w not in cs][:DIFFERENCE_MAX_WORDS]
    return " ".join(removed), " ".join(added)


def _leftovers(
    claim: ClaimReading, texts: Sequence[str], vectors: np.ndarray
) -> tuple[list[int], list[tuple[str, str]]]:
    """The sentences within :data:`DIFFERENCE_MIN_SEMANTIC` of the claim and their leftovers."""
    near = [k for k in range(len(texts)) if float(vectors[k] @ claim.vector) >= DIFFERENCE_MIN_SEMANTIC]
    return near, [difference_texts(claim.view.text, texts[k]) for k in near]


def _leftover_texts(leftovers: Sequence[tuple[str, str]]) -> list[str]:
    """What the encoder reads of the leftovers (an empty one as ".", its vector unused)."""
    return [t or "." for pair in leftovers for t in pair]


def read_differences(
    claim: ClaimReading, texts: Sequence[str], vectors: np.ndarray, encode: Encode
) -> tuple[np.ndarray, np.ndarray]:
    """The difference reading of each sentence (see :data:`DIFFERENCE_MIN_SEMANTIC`): its
    :data:`DIFFERENCE_FEATURES` and the leftovers' pair vector ``[a*b, |a-b|]``, zero for a
    sentence far from the claim; one encoder batch."""
    n = len(texts)
    scalars = np.zeros((n, len(DIFFERENCE_FEATURES)))
    dense = np.zeros((n, 2 * DIMENSION), dtype=np.float32)
    near, leftovers = _leftovers(claim, texts, vectors)
    if not near:
        return scalars, dense
    encoded = encode(_leftover_texts(leftovers))
    for j, (k, (removed, added)) in enumerate(zip(near, leftovers)):
        a = encoded[2 * j] if removed else np.zeros(DIMENSION, dtype=np.float32)
        b = encoded[2 * j + 1] if added else np.zeros(DIMENSION, dtype=np.float32)
        scalars[k] = (float(a @ b), float(a @ vectors[k]), float(b @ claim.vector), float(not removed), float(not added))
        dense[k] = pair_vector(a, b)
    return scalars, dense


def read_sentences(
    claim: ClaimReading, an: Analysis, indices: Sequence[int], vectors: np.ndarray, encode: Encode
) -> Candidates:
    """Candidates of one article: the sentences ``indices`` whose encoder vectors are given."""
    n = max(1, len(an.doc.sentences))
    texts = [an.doc.sentences[i].text for i in indices]
    rows = [
        sentence_scalars(claim, t, vectors[k], lexical=an.similarity.get(i, 0.0), position=i / n,
                         is_title=an.doc.sentences[i].is_title)
        for k, (i, t) in enumerate(zip(indices, texts))
    ]
    diff_scalars, diff_dense = read_differences(claim, [encoded_text(t) for t in texts], vectors, encode)
    scalars = np.hstack([np.vstack(rows), diff_scalars]) if rows else np.zeros((0, len(SENTENCE_FEATURES)))
    return Candidates(tuple(indices), np.asarray(vectors, dtype=np.float32).reshape(len(indices), -1), scalars,
                      diff_dense)


def read_candidates(
    claim: ClaimReading, analyses: Sequence[Analysis], encode: Encode, *, limit: int = CANDIDATES
) -> list[Candidates]:
    """Encode every article's candidate sentences in one batch and compute their features."""
    chosen = [candidate_indices(an, limit=limit) for an in analyses]
    texts = [encoded_text(an.doc.sentences[i].text) for an, idx in zip(analyses, chosen) for i in idx]
    vectors = encode(texts) if texts else np.zeros((0, DIMENSION), dtype=np.float32)
    spans, pos = [], 0
    for idx in chosen:
        spans.append((pos, pos + len(idx)))
        pos += len(idx)
    # Every article's leftovers in one encoder batch, not a batch of two to six short texts
    # per article: the encoder's cost per call is most of a small batch's.
    leftovers = [
        t for (a, b) in spans for t in _leftover_texts(_leftovers(claim, texts[a:b], vectors[a:b])[1])
    ]
    batch = dict(zip(leftovers, encode(leftovers))) if leftovers else {}

    def encode_leftovers(items: Sequence[str]) -> np.ndarray:
        return np.stack([batch[t] for t in items]) if all(t in batch for t in items) else encode(items)

    return [
        read_sentences(claim, an, idx, vectors[a:b], encode_leftovers)
        for an, idx, (a, b) in zip(analyses, chosen, spans)
    ]


def sentence_inputs(claim: ClaimReading, cand: Candidates) -> np.ndarray:
    """The sentence head's input rows: scalars, the pair vector, the leftovers' pair vector."""
    if not len(cand.indices):
        return np.zeros((0, len(SENTENCE_FEATURES) + 4 * DIMENSION))
    u = claim.vector[None, :]
    return np.hstack([cand.scalars, cand.vectors * u, np.abs(cand.vectors - u), cand.differences])


#: Labels of the sentence head: what one sentence does to the claim.
SENTENCE_LABELS = ("agree", "disagree", "other")

#: Cue tags of ``stance_cues.txt`` read over an article's sentences nearest the claim, not
#: only its candidates: a page that sets a story straight ("ما حقيقة ...", "نفت ...",
#: rumours circulated on social media) says so in its title or around the claim, and the
#: two candidates the encoder reads often miss it.  On baly2018 folds 1-4 a denial cue is
#: in the title of 13% of disagreeing pages against 1-3% of the others, among the 8 sentences
#: nearest the claim in 27% against 7-13%.
REFUTATION_TAGS = ("denial", "refutation")
#: Sentences nearest the claim (the lexical ranking) read for refutation cues.
REFUTATION_SENTENCES = 8

ARTICLE_FEATURES: tuple[str, ...] = (
    *PairFeatures.names(),
    *(f"rules_{lb}" for lb in ("agree", "disagree", "discuss", "unrelated")),
    "semantic_max",
    "semantic_top3",
    "semantic_lead",
    "on_topic_share",
    "close_share",
    "best_agree",
    "best_disagree",
    "best_other",
    "second_agree",
    "second_disagree",
    "max_agree",
    "max_disagree",
    "weighted_agree",
    "weighted_disagree",
    *(f"best_{n}" for n in SENTENCE_FEATURES),
    *(f"{tag}_{where}" for tag in REFUTATION_TAGS for where in ("title", "share", "nearest", "top3")),
)


#: Cue tags of ``stance_cues.txt`` that say what follows them is false, not done or refused.
DENYING_TAGS = ("denial", "refutation", "refusal")
#: Words after a denying cue that hold what it denies ("نفى المتحدث باسم الوزارة وصول أي قوات
#: أجنبية إلى الميناء": the claim's word is the seventh after the cue).
DENIAL_SCOPE = 8


@lru_cache(maxsize=4096)
def _denial_reading(text: str) -> tuple[tuple[str | None, ...], tuple[int, ...]]:
    """The content stem of each word of ``text`` (None for a function word) and the positions
    of its one-word denying cues."""
    norms = [t.norm for t in tokenize(text)]
    stems = tuple((content_terms([n]) or [None])[0] for n in norms)
    cues = tuple(i for i in range(len(norms)) if any(count_cues(norms[i : i + 1], tag) for tag in DENYING_TAGS))
    return stems, cues


def denies_claim(view: ClaimView, text: str) -> bool:
    """Whether ``text`` denies the claim's words: a denial, refutation or refusal cue at most
    :data:`DENIAL_SCOPE` words before one of the claim's content stems."""
    stems, cues = _denial_reading(text)
    if not cues:
        return False
    hits = [i for i, s in enumerate(stems) if s is not None and s in view.terms]
    return any(0 < h - c <= DENIAL_SCOPE for c in cues for h in hits)


@lru_cache(maxsize=4096)
def _refutation_cues(text: str) -> tuple[bool, ...]:
    """Whether a sentence holds a cue of each of :data:`REFUTATION_TAGS` (remembered: wire
    copy repeats sentences across the articles of one check)."""
    norms = words(normalize(text))  # the norms tokenize() gives, at half its cost
    return tuple(count_cues(norms, tag) > 0 for tag in REFUTATION_TAGS)


def refutation_row(an: Analysis) -> list[float]:
    """For each of :data:`REFUTATION_TAGS`: a cue in the lead (title), the share of the
    :data:`REFUTATION_SENTENCES` sentences nearest the claim holding one, the lexical cosine
    of the nearest that does, and whether one of the nearest three does."""
    sentences = an.doc.sentences
    if not sentences:
        return [0.0] * (4 * len(REFUTATION_TAGS))
    near = an.ranked[:REFUTATION_SENTENCES]
    flags = [_refutation_cues(sentences[i].text) for i in near]
    lead = _refutation_cues(sentences[0].text)
    out: list[float] = []
    for t in range(len(REFUTATION_TAGS)):
        has = [f[t] for f in flags]
        out += [
            float(lead[t]),
            float(np.mean(has)) if has else 0.0,
            max((an.similarity.get(i, 0.0) for i, h in zip(near, has) if h), default=0.0),
            float(any(has[:3])),
        ]
    return out


def article_row(an: Analysis, cand: Candidates, probabilities: np.ndarray) -> np.ndarray:
    """The article head's input: the lexical pair features, how much of the article is on
    the claim's topic, and what the sentence head said of its most relevant sentences."""
    rules, _ = RuleModel().predict_one(an.features)
    base = np.concatenate([an.features.vector(), [float(rules == lb) for lb in ("agree", "disagree", "discuss", "unrelated")]])
    k = len(cand.indices)
    refutation = refutation_row(an)
    if not k:
        return np.concatenate([base, np.zeros(len(ARTICLE_FEATURES) - len(base) - len(refutation)), refutation])
    sem = cand.semantic
    order = np.argsort(-cand.relevance, kind="stable")
    best, second = order[0], order[1] if k > 1 else order[0]
    top = np.sort(sem)[::-1]
    lead = next((j for j, i in enumerate(cand.indices) if i == 0), None)
    weight = np.exp(4.0 * (cand.relevance - cand.relevance.max()))
    weight /= weight.sum()
    p = probabilities
    extra = [
        float(top[0]),
        float(top[:3].mean()),
        float(sem[lead]) if lead is not None else 0.0,
        float((sem >= 0.5).mean()),
        float((sem >= 0.7).mean()),
        p[best, 0],
        p[best, 1],
        p[best, 2],
        p[second, 0],
        p[second, 1],
        float(p[:, 0].max()),
        float(p[:, 1].max()),
        float(weight @ p[:, 0]),
        float(weight @ p[:, 1]),
    ]
    return np.concatenate([base, extra, cand.scalars[best], refutation])


def evidence_order(cand: Candidates, probabilities: np.ndarray | None = None) -> list[int]:
    """Candidate sentence indices, the best evidence first: relevance, then (when the
    sentence head has read them) how strongly a sentence takes a side."""
    if not len(cand.indices):
        return []
    score = cand.relevance.copy()
    if probabilities is not None and len(probabilities):
        score = score + 0.25 * (1.0 - probabilities[:, 2])
    return [cand.indices[j] for j in np.argsort(-score, kind="stable")]
