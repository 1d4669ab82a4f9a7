"""Which sentences of other articles report the same thing as a given sentence.

Every sentence of every article goes into one :class:`SentencePool`; for a sentence, each
other article contributes its most similar sentence when that similarity passes the
support threshold.  Those sentences are the citations of a summary statement.

The pool keeps, for each sentence, only the sentences of other articles at or above the
support threshold (:class:`~khabar.relate.similarity.Neighbours`, a few each), and computes
a sentence's similarity to all the others when it is asked for (a summary asks for a
handful): never an n x n matrix, so a pool of 20,000 sentences takes megabytes, not gigabytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from khabar.config import BriefOptions
from khabar.model import Citation, Document, Sentence
from khabar.relate.similarity import Neighbours, SentenceVectors, content_terms

if TYPE_CHECKING:
    from khabar.relate.embeddings import Encoder

#: The threshold a pool's neighbours are found at unless told otherwise.
DEFAULT_THRESHOLD = BriefOptions().support_threshold


@dataclass(frozen=True)
class SemanticRows:
    """An encoder's unit sentence vectors and the map of their cosine to the lexical scale."""

    vectors: np.ndarray
    calibrate: object  # khabar.relate.semantic.Calibration

    def row(self, row: int) -> np.ndarray:
        return self.calibrate.apply(self.vectors @ self.vectors[row])

    def pairs_at_least(self, threshold: float, groups: np.ndarray, *, block: int = 512) -> tuple[np.ndarray, np.ndarray]:
        """Pairs of rows of different groups at or above ``threshold`` (blocks of rows at a time)."""
        xs, ys = [], []
        for start in range(0, len(self.vectors), block):
            sims = self.calibrate.apply(self.vectors[start : start + block] @ self.vectors.T)
            x, y = np.nonzero(sims >= threshold)
            x = x + start
            other = groups[x] != groups[y]
            xs.append(x[other])
            ys.append(y[other])
        if not xs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(xs), np.concatenate(ys)


@dataclass(frozen=True)
class SentencePool:
    """All sentences of a set of documents, with each sentence's neighbours in other documents."""

    docs: tuple[Document, ...]
    #: (document index, sentence index) of each row.
    refs: tuple[tuple[int, int], ...]
    #: The content terms of each row (:func:`~khabar.relate.similarity.content_terms` of its
    #: words), which its ``vectors`` weigh; kept for a reader of the same terms (the summary's
    #: static meanings), not stemmed again.
    terms: tuple[tuple[str, ...], ...]
    vectors: SentenceVectors
    #: For each row, the rows of other documents at or above ``neighbours.threshold``.
    neighbours: Neighbours
    semantic: SemanticRows | None = field(default=None, repr=False)

    @classmethod
    def build(
        cls, docs: Sequence[Document], *, encoder: Encoder | None = None, threshold: float = DEFAULT_THRESHOLD
    ) -> SentencePool:
        """Lexical similarity; with an ``encoder``, the greater of lexical and calibrated
        semantic similarity (:mod:`khabar.relate.semantic`), so rewrites that share few stems
        are linked too.  ``vectors`` (centrality) stays lexical.  Neighbours are kept from
        ``threshold`` up: ask for supporters at a lower one and they are computed row by row."""
        refs = [(d, s) for d, doc in enumerate(docs) for s in range(len(doc.sentences))]
        terms = tuple(tuple(content_terms(docs[d].sentence_words[s])) for d, s in refs)
        vectors = SentenceVectors.build(terms)
        groups = np.fromiter((d for d, _ in refs), dtype=np.int64, count=len(refs))
        neighbours = vectors.neighbours(threshold, groups=groups)
        semantic = None
        if encoder is not None:
            from khabar.relate.semantic import calibration_for

            texts = [docs[d].sentences[s].text for d, s in refs]
            encoded = encoder.encode(texts).astype(np.float64) if texts else np.zeros((0, 0))
            semantic = SemanticRows(vectors=encoded, calibrate=calibration_for(encoder))
            neighbours = _with_semantic(vectors, neighbours, semantic, groups, threshold)
        return cls(docs=tuple(docs), refs=tuple(refs), terms=terms, vectors=vectors, neighbours=neighbours, semantic=semantic)

    def __len__(self) -> int:
        return len(self.refs)

    def sentence(self, row: int) -> Sentence:
        d, s = self.refs[row]
        return self.docs[d].sentences[s]

    def doc_of(self, row: int) -> int:
        return self.refs[row][0]

    @cached_property
    def row_docs(self) -> np.ndarray:
        """Document index of each row."""
        return np.fromiter((d for d, _ in self.refs), dtype=np.int64, count=len(self.refs))

    def similarity_row(self, row: int) -> np.ndarray:
        """Similarity of ``row`` to every row (its own document's included)."""
        lexical = self.vectors.row_similarity(row)
        if self.semantic is None:
            return lexical
        return np.maximum(lexical, self.semantic.row(row))

    def _linked(self, row: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Rows of other documents at or above ``threshold`` and their similarities, ascending."""
        if threshold >= self.neighbours.threshold:
            cols, values = self.neighbours.of(row)
        else:  # below what the pool kept: this row in full
            values = self.similarity_row(row)
            cols = np.flatnonzero((values >= threshold) & (self.row_docs != self.doc_of(row)))
            values = values[cols]
        keep = values >= threshold
        return cols[keep], values[keep]

    def support_counts(self, *, threshold: float) -> np.ndarray:
        """How many other documents report what each row reports."""
        if threshold < self.neighbours.threshold:  # below what the pool kept: row by row
            counts = np.zeros(len(self), dtype=np.int64)
            for row in range(len(self)):
                cols, _ = self._linked(row, threshold)
                counts[row] = len(distinct(self.row_docs[cols]))
            return counts
        found = self.neighbours
        rows = np.repeat(np.arange(len(self)), np.diff(found.ptr))
        kept = found.values >= threshold
        pairs = distinct(rows[kept] * len(self.docs) + self.row_docs[found.cols[kept]])
        return np.bincount(pairs // len(self.docs), minlength=len(self)).astype(np.int64)

    def supporters(self, row: int, *, threshold: float) -> list[tuple[int, float]]:
        """For each other document, its best matching row when at or above ``threshold``."""
        cols, values = self._linked(row, threshold)
        best: dict[int, tuple[int, float]] = {}
        for other, value in zip(cols.tolist(), values.tolist(), strict=True):
            d = int(self.row_docs[other])
            if d not in best or value > best[d][1]:
                best[d] = (other, value)
        return sorted(best.values(), key=lambda rv: (-rv[1], rv[0]))

    def citations(self, row: int, *, threshold: float) -> tuple[Citation, ...]:
        """The row itself first, then its supporters from other articles."""
        rows = [(row, 1.0), *self.supporters(row, threshold=threshold)]
        return tuple(Citation.of(self.docs[self.doc_of(r)].article, self.sentence(r), sim) for r, sim in rows)


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)`` (sorted, each once) without its check for masked arrays, which
    imports numpy.ma (~20 ms of every brief's start-up)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _with_semantic(
    vectors: SentenceVectors, lexical: Neighbours, semantic: SemanticRows, groups: np.ndarray, threshold: float
) -> Neighbours:
    """Neighbours under the greater of the two measures: the pairs either one links, each
    valued by both."""
    n = len(vectors)
    lx = np.repeat(np.arange(n), np.diff(lexical.ptr))
    sx, sy = semantic.pairs_at_least(threshold, groups)
    keys = distinct(np.concatenate([lx * n + lexical.cols, sx * n + sy]))
    x, y = keys // n, keys % n
    values = np.zeros(len(keys))
    rows, starts = np.unique(x, return_index=True)  # keys are sorted: each row's pairs are one run
    for row, a, b in zip(rows.tolist(), starts.tolist(), [*starts[1:].tolist(), len(keys)], strict=True):
        values[a:b] = np.maximum(vectors.row_similarity(row)[y[a:b]], semantic.row(row)[y[a:b]])
    keep = values >= threshold
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(x[keep], minlength=n), out=ptr[1:])
    return Neighbours(ptr=ptr, cols=y[keep], values=values[keep], threshold=threshold)
