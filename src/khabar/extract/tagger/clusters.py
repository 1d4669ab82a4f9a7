"""Word clusters learned from unlabeled news, so that the tagger generalises to names it
never saw labelled: a word that keeps the company of known names ("قال X إن", "الرئيس X")
lands in their cluster.

Built once, at training time (:func:`build_clusters`), from the ANT news corpus: counts of
the words at offsets -2, -1, +1 and +2 of every frequent word (kept apart, so order
matters), positive pointwise mutual information with smoothed context counts, a truncated
SVD, then spherical k-means at several granularities (a coarse-to-fine code per word, like
the prefixes of a Brown cluster path).  The table ships as hashed word keys and cluster
numbers only: no word of the corpus is stored (:func:`khabar.extract.tagger.crf.stable_hash`).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

#: Context offsets whose words describe a word.
CONTEXT_OFFSETS = (-2, -1, 1, 2)


@dataclass(frozen=True)
class ClusterTable:
    keys: np.ndarray  # uint64, sorted: stable hashes of the words
    codes: np.ndarray  # (len(keys), len(sizes)) cluster number at each granularity
    sizes: tuple[int, ...]
    vectors: np.ndarray | None = None  # (len(keys), dims) unit word vectors, when kept

    def lookup(self, key: int) -> tuple[int, ...] | None:
        i = int(np.searchsorted(self.keys, np.uint64(key)))
        if i < len(self.keys) and int(self.keys[i]) == key:
            return tuple(int(c) for c in self.codes[i])
        return None


def _spherical_kmeans(x: np.ndarray, k: int, *, seed: int, iterations: int = 25) -> np.ndarray:
    """Cluster numbers of the rows of ``x`` (unit vectors) by cosine k-means, k-means++ seeded."""
    rng = np.random.default_rng(seed)
    n = len(x)
    centres = np.empty((k, x.shape[1]), dtype=x.dtype)
    first = rng.integers(n)
    centres[0] = x[first]
    best = 1.0 - x @ centres[0]
    for c in range(1, k):
        p = np.maximum(best, 0) ** 2
        pick = rng.choice(n, p=p / p.sum()) if p.sum() > 0 else rng.integers(n)
        centres[c] = x[pick]
        best = np.minimum(best, 1.0 - x @ centres[c])
    labels = np.zeros(n, dtype=np.int64)
    for it in range(iterations):
        new = np.empty(n, dtype=np.int64)
        for a in range(0, n, 20_000):
            new[a : a + 20_000] = np.argmax(x[a : a + 20_000] @ centres.T, axis=1)
        moved = int((new != labels).sum())
        labels = new
        sums = np.zeros_like(centres)
        np.add.at(sums, labels, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        empty = norms[:, 0] == 0
        centres = np.where(empty[:, None], centres, sums / np.where(norms == 0, 1, norms))
        if it and moved < n // 1000:
            break
    return labels


def build_clusters(
    documents: Iterable[Sequence[str]],
    *,
    hash_word,
    min_count: int = 5,
    max_words: int = 150_000,
    contexts: int = 10_000,
    dims: int = 80,
    sizes: Sequence[int] = (64, 256, 1024),
    seed: int = 1,
) -> ClusterTable:
    """Clusters of the frequent words of ``documents`` (lists of normalized words)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.linalg import svds

    docs = [list(d) for d in documents]
    counts = Counter(w for d in docs for w in d)
    vocab = [w for w, c in counts.most_common(max_words) if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(contexts, len(vocab))
    boundary, rare = n_ctx, n_ctx + 1  # context ids of the sentence edge and of a rare word
    width = n_ctx + 2
    log.info("clusters: %d documents, %d words, %d kept, %d contexts", len(docs), sum(counts.values()), len(vocab), n_ctx)
    ids = []
    for d in docs:
        ids.append(np.array([index.get(w, -1) for w in d], dtype=np.int64))
    rows, cols = [], []
    for block, d in enumerate(CONTEXT_OFFSETS):
        for arr in ids:
            if len(arr) == 0:
                continue
            ctx = np.full(len(arr), boundary, dtype=np.int64)
            if d < 0:
                ctx[-d:] = arr[:d]
            else:
                ctx[:-d] = arr[d:]
            ctx = np.where(ctx == -1, rare, np.where(ctx >= n_ctx, rare, ctx))
            keep = arr >= 0
            rows.append(arr[keep])
            cols.append(ctx[keep] + block * width)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    m = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), width * len(CONTEXT_OFFSETS))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    coo = m.tocoo()
    pmi = np.log((coo.data / total) / ((row_sum[coo.row] / total) * col_p[coo.col]))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape).tocsr()
    log.info("clusters: PPMI matrix %s with %d entries; SVD to %d dimensions", ppmi.shape, ppmi.nnz, dims)
    u, s, _vt = svds(ppmi, k=dims, random_state=seed)
    vectors = (u * np.sqrt(s)).astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors /= np.where(norms == 0, 1, norms)
    codes = np.stack([_spherical_kmeans(vectors, k, seed=seed + k) for k in sizes], axis=1)
    keys = np.array([hash_word(w) for w in vocab], dtype=np.uint64)
    order = np.argsort(keys)
    keys, codes, vectors = keys[order], codes[order], vectors[order]
    if len(np.unique(keys)) != len(keys):
        dup = np.concatenate([[False], keys[1:] == keys[:-1]])
        keys, codes, vectors = keys[~dup], codes[~dup], vectors[~dup]
    return ClusterTable(keys, codes.astype(np.uint16), tuple(sizes), vectors)
