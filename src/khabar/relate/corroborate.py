"""Which sentences of other articles report the same thing as a given sentence.

Every sentence of every article goes into one :class:`SentencePool`; for a sentence, each
other article contributes its most similar sentence when that similarity passes the
support threshold.  Those sentences are the citations of a summary statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from khabar.model import Citation, Document, Sentence
from khabar.relate.similarity import SentenceVectors, content_terms

if TYPE_CHECKING:
    from khabar.relate.embeddings import Encoder


@dataclass(frozen=True)
class SentencePool:
    """All sentences of a set of documents, with their pairwise similarities."""

    docs: tuple[Document, ...]
    #: (document index, sentence index) of each row.
    refs: tuple[tuple[int, int], ...]
    vectors: SentenceVectors
    similarity: np.ndarray

    @classmethod
    def build(cls, docs: Sequence[Document], *, encoder: Encoder | None = None) -> SentencePool:
        """Lexical similarity; with an ``encoder``, the element-wise maximum of lexical and
        calibrated semantic similarity (:mod:`khabar.relate.semantic`), so rewrites that
        share few stems are linked too.  ``vectors`` (centrality) stays lexical."""
        refs = [(d, s) for d, doc in enumerate(docs) for s in range(len(doc.sentences))]
        terms = [content_terms(docs[d].sentence_words[s]) for d, s in refs]
        vectors = SentenceVectors.build(terms)
        similarity = vectors.cosine_matrix()
        if encoder is not None:
            from khabar.relate.semantic import combined_similarity, semantic_similarity

            texts = [docs[d].sentences[s].text for d, s in refs]
            similarity = combined_similarity(similarity, semantic_similarity(texts, encoder))
        return cls(docs=tuple(docs), refs=tuple(refs), vectors=vectors, similarity=similarity)

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

    @cached_property
    def best_per_doc(self) -> np.ndarray:
        """``[row, d]``: the highest similarity of ``row`` to any sentence of document ``d``
        (0 for the row's own document).  Rows are grouped by document, so one
        ``maximum.reduceat`` over column blocks does it."""
        n_docs = len(self.docs)
        out = np.zeros((len(self), n_docs))
        if len(self) == 0:
            return out
        present = sorted(set(self.row_docs.tolist()))
        starts = np.searchsorted(self.row_docs, present)
        out[:, present] = np.maximum.reduceat(self.similarity, starts, axis=1)
        out[np.arange(len(self)), self.row_docs] = 0.0
        return out

    def support_counts(self, *, threshold: float) -> np.ndarray:
        """How many other documents report what each row reports."""
        return (self.best_per_doc >= threshold).sum(axis=1)

    def supporters(self, row: int, *, threshold: float) -> list[tuple[int, float]]:
        """For each other document, its best matching row when at or above ``threshold``."""
        own = self.doc_of(row)
        sims = self.similarity[row]
        best: dict[int, tuple[int, float]] = {}
        for other in np.nonzero(sims >= threshold)[0]:
            d = int(self.row_docs[other])
            if d == own:
                continue
            value = float(sims[other])
            if d not in best or value > best[d][1]:
                best[d] = (int(other), value)
        return sorted(best.values(), key=lambda rv: (-rv[1], rv[0]))

    def citations(self, row: int, *, threshold: float) -> tuple[Citation, ...]:
        """The row itself first, then its supporters from other articles."""
        rows = [(row, 1.0), *self.supporters(row, threshold=threshold)]
        return tuple(Citation.of(self.docs[self.doc_of(r)].article, self.sentence(r), sim) for r, sim in rows)
