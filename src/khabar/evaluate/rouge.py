"""ROUGE-1, ROUGE-2 and ROUGE-L for Arabic summaries.

Why not the ``rouge_score`` package: its default tokenizer keeps only ``[a-z0-9]`` and so
turns an Arabic summary into no tokens at all (two identical Arabic texts score 0).  Here
tokens are :func:`khabar.text.ar.tokenize.words`: Arabic words, Latin words and numbers,
normalized (hamza forms, alef maqsura, ta marbuta, diacritics, digits), so "الأمم" and
"الامم" match.  Options: light stemming with :func:`khabar.text.ar.stem.stem` (clitics and
plural endings off, the analogue of ROUGE's ``-m`` Porter stemming) and stop-word removal
with :data:`khabar.text.ar.stopwords.STOPWORDS` (the analogue of ``-s``).

Definitions (Lin 2004):

* ROUGE-N: clipped n-gram overlap; precision = hits / candidate n-grams, recall = hits /
  reference n-grams.  The text is one token stream, as in ROUGE-1.5.5, so a bigram may
  span two sentences.
* ROUGE-L is the *summary-level* union-LCS of the original: for each reference sentence,
  the union of its tokens matched by the LCS with every candidate sentence; hits are
  clipped by token counts so a candidate word is never credited more often than it occurs
  (as ROUGE-1.5.5 and ``rouge_score``'s ``rougeLsum`` do).  recall = hits / reference
  tokens, precision = hits / candidate tokens.  Texts given as strings are split into
  sentences with :func:`khabar.text.ar.segment.segment`; a sequence of strings is taken as
  the sentences already.
* F is the balanced F1 (β = 1), as ``rouge_score`` reports; ROUGE-1.5.5's ROUGE-L used a
  large β, making its F close to recall, so recall is reported as well.

Several references: scored against each, then combined by ``aggregate``:

* ``"mean"`` (default): the mean of the per-reference precision, recall and F.  Every
  human summary counts equally, and a candidate can only reach 1.0 when all references
  agree; this is the number the tables in ``docs/summaries.md`` report.
* ``"max"``: the scores of the reference with the best F (``rouge_score``'s choice).
* ``"jackknife"``: ROUGE-1.5.5's procedure for M references: for each of the M subsets of
  M - 1 references take the best-F reference, then average the M results, so the same
  number can be compared with a human summary scored against the other M - 1.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from khabar.text.ar.segment import segment
from khabar.text.ar.stem import stem as light_stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words

Aggregate = Literal["mean", "max", "jackknife"]
AGGREGATES: tuple[str, ...] = ("mean", "max", "jackknife")

#: A summary as a string (split into sentences here) or as its sentences.
Text = str | Sequence[str]


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float
    f: float


@dataclass(frozen=True, slots=True)
class RougeScores:
    rouge1: Score
    rouge2: Score
    rougeL: Score


ZERO = Score(0.0, 0.0, 0.0)


def _score(hits: float, candidate_total: int, reference_total: int) -> Score:
    p = hits / candidate_total if candidate_total else 0.0
    r = hits / reference_total if reference_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f)


def tokens(text: str, *, stem: bool = False, stopwords: bool = False) -> list[str]:
    """The tokens ROUGE counts: normalized words, stop words dropped and stemmed on request."""
    out = words(text)
    if stopwords:
        out = [w for w in out if w not in STOPWORDS]
    if stem:
        out = [light_stem(w) for w in out]
    return out


def sentence_tokens(text: Text, *, stem: bool = False, stopwords: bool = False) -> list[list[str]]:
    """Tokens per sentence (empty sentences dropped)."""
    sentences = [s.text for s in segment(text, drop_boilerplate=False)] if isinstance(text, str) else list(text)
    out = [tokens(s, stem=stem, stopwords=stopwords) for s in sentences]
    return [t for t in out if t]


def ngrams(toks: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """Clipped n-gram overlap between two token streams."""
    c, r = ngrams(candidate, n), ngrams(reference, n)
    hits = sum((c & r).values())
    return _score(hits, sum(c.values()), sum(r.values()))


def _lcs_positions(a: Sequence[str], b: Sequence[str]) -> list[int]:
    """Indices into ``a`` of one longest common subsequence of ``a`` and ``b``.

    Ties are broken the same way every time (prefer skipping in ``b``), so scores are
    deterministic."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        row, below = table[i], table[i + 1]
        ai = a[i]
        for j in range(m - 1, -1, -1):
            row[j] = below[j + 1] + 1 if ai == b[j] else max(below[j], row[j + 1])
    out: list[int] = []
    i = j = 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.append(i)
            i += 1
            j += 1
        elif table[i][j + 1] >= table[i + 1][j]:
            j += 1
        else:
            i += 1
    return out


def rouge_l(candidate: Sequence[Sequence[str]], reference: Sequence[Sequence[str]]) -> Score:
    """Summary-level union-LCS ROUGE-L between sentence-split token lists."""
    cand_counts = Counter(t for s in candidate for t in s)
    ref_counts = Counter(t for s in reference for t in s)
    cand_total = sum(cand_counts.values())
    ref_total = sum(ref_counts.values())
    hits = 0
    for ref_sentence in reference:
        union: set[int] = set()
        for cand_sentence in candidate:
            union.update(_lcs_positions(ref_sentence, cand_sentence))
        for i in sorted(union):
            token = ref_sentence[i]
            if cand_counts[token] > 0 and ref_counts[token] > 0:
                hits += 1
                cand_counts[token] -= 1
                ref_counts[token] -= 1
    return _score(hits, cand_total, ref_total)


def score_pair(candidate: Sequence[Sequence[str]], reference: Sequence[Sequence[str]]) -> RougeScores:
    """ROUGE-1/2/L of one candidate against one reference, both as tokens per sentence."""
    flat_c = [t for s in candidate for t in s]
    flat_r = [t for s in reference for t in s]
    return RougeScores(rouge_n(flat_c, flat_r, 1), rouge_n(flat_c, flat_r, 2), rouge_l(candidate, reference))


def _mean(scores: Sequence[Score]) -> Score:
    k = len(scores)
    return Score(
        sum(s.precision for s in scores) / k, sum(s.recall for s in scores) / k, sum(s.f for s in scores) / k
    )


def _best(scores: Sequence[Score]) -> Score:
    return max(scores, key=lambda s: (s.f, s.recall))  # first of equals: deterministic


def combine(per_reference: Sequence[Score], aggregate: Aggregate) -> Score:
    """One score from the scores against each reference (see the module docstring)."""
    if not per_reference:
        return ZERO
    if aggregate == "mean":
        return _mean(per_reference)
    if aggregate == "max":
        return _best(per_reference)
    if aggregate == "jackknife":
        if len(per_reference) == 1:
            return per_reference[0]
        subsets = [[s for j, s in enumerate(per_reference) if j != i] for i in range(len(per_reference))]
        return _mean([_best(subset) for subset in subsets])
    raise ValueError(f"unknown ROUGE aggregate {aggregate!r}; choose one of {', '.join(AGGREGATES)}")


def rouge(
    candidate: Text,
    references: Sequence[Text],
    *,
    stem: bool = False,
    stopwords: bool = False,
    aggregate: Aggregate = "mean",
) -> RougeScores:
    """ROUGE-1, ROUGE-2 and ROUGE-L of ``candidate`` against ``references``.

    Each text is a string or a sequence of its sentences.  No reference, or only empty
    ones, is an error: a score against nothing would read as a real zero.
    """
    if aggregate not in AGGREGATES:
        raise ValueError(f"unknown ROUGE aggregate {aggregate!r}; choose one of {', '.join(AGGREGATES)}")
    if isinstance(references, str):
        raise TypeError("references must be a sequence of texts, not one string")
    cand = sentence_tokens(candidate, stem=stem, stopwords=stopwords)
    refs = [sentence_tokens(r, stem=stem, stopwords=stopwords) for r in references]
    refs = [r for r in refs if r]
    if not refs:
        raise ValueError("ROUGE needs at least one non-empty reference summary")
    pairs = [score_pair(cand, r) for r in refs]
    return RougeScores(
        rouge1=combine([p.rouge1 for p in pairs], aggregate),
        rouge2=combine([p.rouge2 for p in pairs], aggregate),
        rougeL=combine([p.rougeL for p in pairs], aggregate),
    )
