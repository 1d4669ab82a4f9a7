"""Lexical similarity between sentences of many articles.

Sentences become TF-IDF vectors over light stems of their content words (stop words and
bare digits dropped); cosine similarity is one sparse matrix product.  This is the lexical
measure behind corroboration and summary selection; it needs no model and runs in
milliseconds for a few thousand sentences.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS


def content_terms(words: Sequence[str], *, limit: int | None = None) -> list[str]:
    """Stems of the content words among normalized ``words`` (stop words, single letters and
    bare digits dropped); of the first ``limit`` of them when given, which spares stemming
    the rest (stemming is most of the cost)."""
    kept = [w for w in words if len(w) > 1 and w not in STOPWORDS and not w.isdigit()]
    if limit is not None:
        kept = kept[:limit]
    return [stem(w) for w in kept]


@dataclass(frozen=True)
class SentenceVectors:
    """L2-normalized TF-IDF rows, one per sentence."""

    matrix: sparse.csr_matrix
    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def build(cls, term_lists: Sequence[Sequence[str]]) -> SentenceVectors:
        vocabulary: dict[str, int] = {}
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for r, terms in enumerate(term_lists):
            counts: dict[int, int] = {}
            for t in terms:
                j = vocabulary.setdefault(t, len(vocabulary))
                counts[j] = counts.get(j, 0) + 1
            for j, c in counts.items():
                rows.append(r)
                cols.append(j)
                vals.append(1.0 + math.log(c))
        n = len(term_lists)
        tf = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocabulary)), dtype=np.float64)
        df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=len(vocabulary)) if cols else np.zeros(0)
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        weighted = tf.multiply(idf).tocsr()
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        matrix = sparse.diags(1.0 / norms) @ weighted
        return cls(matrix=matrix.tocsr(), vocabulary=vocabulary, idf=idf)

    def __len__(self) -> int:
        return self.matrix.shape[0]

    def cosine_matrix(self) -> np.ndarray:
        """Dense n x n cosine similarities (fine up to a few thousand sentences)."""
        return np.asarray((self.matrix @ self.matrix.T).todense())

    def centroid_similarity(self, rows: Sequence[int] | None = None) -> np.ndarray:
        """Cosine of each sentence to the centroid of ``rows`` (all sentences by default)."""
        sub = self.matrix if rows is None else self.matrix[list(rows)]
        centroid = np.asarray(sub.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(len(self))
        return np.asarray(self.matrix @ (centroid / norm)).ravel()
