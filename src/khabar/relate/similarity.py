"""Lexical similarity between sentences of many articles.

Sentences become TF-IDF vectors over light stems of their content words (stop words and
bare digits dropped), L2-normalized, held as compressed rows of numpy arrays.  Nothing here
builds an n x n matrix: a brief asks, for each sentence, which sentences of *other*
articles are at least as similar as the support threshold (:meth:`SentenceVectors.neighbours`,
a few per sentence), and for a handful of sentences the similarity to every other one
(:meth:`SentenceVectors.row_similarity`).  Memory grows with the number of sentences, and
time about so: at 2,000 ANT articles (21,513 sentences) every pair sharing a stem would be
72 million values (1.2 GB), of which 32,000 pass the default threshold.

Every value is summed in the same order as the sparse matrix products this module used
before (scipy's, over each row's terms from the highest term number down), so a brief's
figures are the same to the last bit (``tests/test_brief_digests.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from khabar.text.ar.stem import stems
from khabar.text.ar.stopwords import STOPWORDS

#: Pairs of (query row, candidate row) generated at once by :meth:`SentenceVectors.neighbours`:
#: bounds its work arrays whatever the number of sentences.  Measured at 2,000 ANT articles
#: (21,513 sentences): peak 67 MB at 500k, 106 MB at 1M, 182 MB at 2M, CPU time within the
#: noise of a loaded machine (4.2-4.5 s).
PAIRS_PER_BLOCK = 500_000
#: Slack below the threshold for the bounds that prune candidates, far above rounding error,
#: so no pair at the threshold is pruned by a bound computed in another order.
_BOUND_SLACK = 1e-9


def content_terms(words: Sequence[str], *, limit: int | None = None) -> list[str]:
    """Stems of the content words among normalized ``words`` (stop words, single letters and
    bare digits dropped); of the first ``limit`` of them when given, which spares stemming
    the rest (stemming is most of the cost)."""
    kept = [w for w in words if len(w) > 1 and w not in STOPWORDS and not w.isdigit()]
    if limit is not None:
        kept = kept[:limit]
    return stems(kept)


@dataclass(frozen=True)
class Neighbours:
    """For each row, the rows at or above a similarity threshold, in compressed rows:
    ``cols[ptr[i]:ptr[i + 1]]`` (ascending) and their similarities ``values``."""

    ptr: np.ndarray
    cols: np.ndarray
    values: np.ndarray
    threshold: float

    def of(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.ptr[row], self.ptr[row + 1]
        return self.cols[a:b], self.values[a:b]


@dataclass(frozen=True)
class SentenceVectors:
    """L2-normalized TF-IDF rows, one per sentence: row ``i`` has the terms
    ``indices[indptr[i]:indptr[i + 1]]`` (ascending) with weights ``data[...]``."""

    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def build(cls, term_lists: Sequence[Sequence[str]]) -> SentenceVectors:
        vocabulary: dict[str, int] = {}
        lengths: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        for terms in term_lists:
            counts: dict[int, int] = {}
            for t in terms:
                j = vocabulary.setdefault(t, len(vocabulary))
                counts[j] = counts.get(j, 0) + 1
            for j in sorted(counts):
                cols.append(j)
                vals.append(1.0 + math.log(counts[j]))
            lengths.append(len(counts))
        n = len(term_lists)
        indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=indptr[1:])
        indices = np.asarray(cols, dtype=np.int64)
        df = np.bincount(indices, minlength=len(vocabulary))
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        weighted = np.asarray(vals, dtype=np.float64) * idf[indices]
        squares = np.zeros(n)
        filled = np.flatnonzero(np.diff(indptr))
        if len(filled):
            squares[filled] = np.add.reduceat(weighted * weighted, indptr[filled])
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        data = (1.0 / norms)[np.repeat(np.arange(n), np.diff(indptr))] * weighted
        return cls(indptr=indptr, indices=indices, data=data, vocabulary=vocabulary, idf=idf)

    def __len__(self) -> int:
        return len(self.indptr) - 1

    @cached_property
    def _entry_rows(self) -> np.ndarray:
        return np.repeat(np.arange(len(self)), np.diff(self.indptr))

    @cached_property
    def _entry_keys(self) -> np.ndarray:
        """row x vocabulary size + term of each entry: ascending, so a pair's weight is found by
        binary search."""
        return self._entry_rows * len(self.vocabulary) + self.indices

    @cached_property
    def _postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per term, the rows that have it (ascending) and their weights."""
        order = np.argsort(self.indices, kind="stable")
        ptr = np.zeros(len(self.vocabulary) + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices, minlength=len(self.vocabulary)), out=ptr[1:])
        return ptr, self._entry_rows[order], self.data[order]

    def dense_row(self, row: int) -> np.ndarray:
        out = np.zeros(len(self.vocabulary))
        a, b = self.indptr[row], self.indptr[row + 1]
        out[self.indices[a:b]] = self.data[a:b]
        return out

    def row_similarity(self, row: int) -> np.ndarray:
        """Cosine of ``row`` with every row (one row of the n x n product, never the rest)."""
        out = np.zeros(len(self))
        ptr, rows, weights = self._postings
        a, b = self.indptr[row], self.indptr[row + 1]
        for t, w in zip(self.indices[a:b][::-1].tolist(), self.data[a:b][::-1].tolist(), strict=True):
            out[rows[ptr[t] : ptr[t + 1]]] += w * weights[ptr[t] : ptr[t + 1]]
        return out

    def similarity_to(self, vector: np.ndarray) -> np.ndarray:
        """Dot product of every row with a dense term ``vector`` (e.g. :meth:`dense_row`)."""
        return self._row_sums(self.data * vector[self.indices])

    def centroid_similarity(self, rows: Sequence[int] | None = None) -> np.ndarray:
        """Cosine of each sentence to the centroid of ``rows`` (all sentences by default)."""
        if rows is None:
            entries = np.arange(len(self.indices))
            count = len(self)
        else:
            rows = list(rows)
            count = len(rows)
            entries = (
                np.concatenate([np.arange(self.indptr[r], self.indptr[r + 1]) for r in rows])
                if rows
                else np.zeros(0, dtype=np.int64)
            )
        if count == 0:
            return np.zeros(len(self))
        centroid = np.bincount(
            self.indices[entries], weights=self.data[entries] * (1.0 / count), minlength=len(self.vocabulary)
        )
        norm = np.linalg.norm(centroid)
        if norm == 0:
            return np.zeros(len(self))
        return self.similarity_to(centroid / norm)

    def _row_sums(self, values: np.ndarray) -> np.ndarray:
        """Per row, the sum of ``values`` (one per stored entry), added one at a time from the
        row's last entry to its first: the order the similarity figures were tuned with."""
        out = np.zeros(len(self))
        ends = self.indptr[1:]
        for k, rows in _longer_than(np.diff(self.indptr)):
            out[rows] += values[ends[rows] - 1 - k]
        return out

    def neighbours(self, threshold: float, *, groups: np.ndarray) -> Neighbours:
        """For every row, the rows of other ``groups`` (articles) whose cosine with it is at
        least ``threshold``, each value exactly as :meth:`row_similarity` gives it.

        Exact all-pairs search with an L2 prefix filter (after Bayardo et al. 2007 and
        Anastasiu & Karypis 2014): each row's most common terms, while their weights' L2
        norm stays below the threshold, are left out of the index, since a pair that only
        shares those terms cannot reach it; a pair found through the index is kept when its
        partial sum plus the norm of the other row's left-out part can reach the threshold,
        and only those few pairs are summed in full.
        """
        n = len(self)
        bound = threshold - _BOUND_SLACK
        vocabulary_size = len(self.vocabulary)
        lengths = np.diff(self.indptr)
        rows = self._entry_rows
        df = np.bincount(self.indices, minlength=vocabulary_size)
        rank = np.empty(vocabulary_size, dtype=np.int64)  # 0: the most common term
        rank[np.lexsort((np.arange(vocabulary_size), -df))] = np.arange(vocabulary_size)
        # Within each row, entries from the most common term to the rarest, with the norm of
        # the row's weights up to and with each entry.
        order = np.lexsort((rank[self.indices], rows))
        running = np.cumsum(self.data[order] ** 2)
        before_row = np.repeat(np.concatenate([[0.0], running])[self.indptr[:-1]], lengths)
        common = _CommonParts(
            keys=rows[order] * vocabulary_size + rank[self.indices[order]],
            norms=np.sqrt(np.maximum(running - before_row, 0.0)),
            vocabulary_size=vocabulary_size,
            starts=self.indptr[:-1],
            left_out=np.zeros(n),
            last_rank=np.full(n, -1, dtype=np.int64),
        )
        out = common.norms < bound  # left out of the index
        np.maximum.at(common.left_out, rows[order][out], common.norms[out])
        np.maximum.at(common.last_rank, rows[order][out], rank[self.indices[order]][out])
        indexed = order[~out]
        by_term = indexed[np.argsort(self.indices[indexed], kind="stable")]
        ptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.indices[indexed], minlength=vocabulary_size), out=ptr[1:])
        index = (ptr, rows[by_term], self.data[by_term])
        # Each pair once, from its lower row: the index lists a term's rows in ascending
        # order, so an entry of row x reads its term's rows from the first above x.  A pair
        # that reaches the threshold is found from either row (the bounds hold whichever row
        # probes), and both its values are then summed in full, each in its own row's order.
        # Half the pairs of the two-way search, whose time grows with the square of the
        # sentences: 2,000 ANT articles (20,420 sentences) 4.1 -> 2.1 s of CPU, 1,000 1.0 ->
        # 0.7 s (under load), the same neighbours to the last bit.
        above = np.searchsorted(
            self.indices[by_term] * n + rows[by_term], self.indices * n + rows, side="right"
        )
        hits_per_entry = ptr[self.indices + 1] - above
        running_hits = np.concatenate([[0], np.cumsum(hits_per_entry)])
        hits_per_row = running_hits[self.indptr[1:]] - running_hits[self.indptr[:-1]]
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        start = 0
        while start < n:
            stop = start + 1
            total = int(hits_per_row[start])
            while stop < n and total + int(hits_per_row[stop]) <= PAIRS_PER_BLOCK:
                total += int(hits_per_row[stop])
                stop += 1
            x, y = self._candidates(start, stop, index, above, hits_per_entry, common, groups, bound)
            if len(x):
                for a, b in ((x, y), (y, x)):
                    values = self._exact_dots(a, b)
                    keep = values >= threshold
                    found.append((a[keep], b[keep], values[keep]))
            start = stop
        x, y, v = (np.concatenate(parts) for parts in zip(*found)) if found else (np.zeros(0, np.int64),) * 2 + (np.zeros(0),)
        order = np.lexsort((y, x))
        out_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(x, minlength=n), out=out_ptr[1:])
        return Neighbours(ptr=out_ptr, cols=y[order], values=v[order], threshold=threshold)

    def _candidates(self, start, stop, index, above, hits_per_entry, common: _CommonParts, groups, bound):
        """Pairs (x in rows [start, stop), y > x of another group) that share a term y indexed
        and may reach ``bound``: the sum over those shared terms plus the most the terms y left
        out can add (the norm of y's left-out part times that of x's terms at least as common);
        ``above``: where each entry's term lists the rows above the entry's row."""
        ptr, index_rows, index_weights = index
        a, b = self.indptr[start], self.indptr[stop]
        counts = hits_per_entry[a:b]
        total = int(counts.sum())
        if total == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        n = len(self)
        offsets = np.repeat(above[a:b] - np.cumsum(counts) + counts, counts) + np.arange(total)
        x = np.repeat(self._entry_rows[a:b], counts)
        y = index_rows[offsets]
        other = groups[x] != groups[y]
        keys, inverse = np.unique((x * n + y)[other], return_inverse=True)
        sums = np.bincount(inverse, weights=(np.repeat(self.data[a:b], counts) * index_weights[offsets])[other])
        x, y = keys // n, keys % n
        possible = sums + common.norm_up_to(x, common.last_rank[y]) * common.left_out[y] >= bound
        return x[possible], y[possible]

    def _exact_dots(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Cosine of each pair, summed over x's terms from the highest term number down."""
        vocabulary_size = len(self.vocabulary)
        keys = self._entry_keys
        out = np.zeros(len(x))
        for k, pairs in _longer_than(np.diff(self.indptr)[x]):
            entry = self.indptr[x[pairs] + 1] - 1 - k
            wanted = y[pairs] * vocabulary_size + self.indices[entry]
            at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
            shared = keys[at] == wanted
            out[pairs[shared]] += self.data[entry[shared]] * self.data[at[shared]]
        return out


def _longer_than(lengths: np.ndarray):
    """For k = 0, 1, ...: k and the positions whose length is above k, so a loop over a row's
    entries from its end touches only the rows still that long (work: the entries, not the
    rows times the longest row)."""
    by_length = np.argsort(-lengths, kind="stable")
    descending = -lengths[by_length]  # ascending
    for k in range(int(lengths.max()) if len(lengths) else 0):
        yield k, by_length[: np.searchsorted(descending, -k, side="left")]


@dataclass(frozen=True)
class _CommonParts:
    """Each row's weights from its most common term down, for the bounds of the pair search."""

    keys: np.ndarray  # row x vocabulary size + rank of the term, ascending
    norms: np.ndarray  # norm of the row's weights up to and with each entry
    vocabulary_size: int
    starts: np.ndarray  # first entry of each row
    left_out: np.ndarray  # per row: norm of the part left out of the index
    last_rank: np.ndarray  # per row: rank of the rarest term left out (-1: none)

    def norm_up_to(self, rows: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        """Norm of each row's weights on terms at least as common as ``ranks``."""
        at = np.searchsorted(self.keys, rows * self.vocabulary_size + ranks, side="right") - 1
        inside = (ranks >= 0) & (at >= self.starts[rows])
        return np.where(inside, self.norms[np.maximum(at, 0)], 0.0)
