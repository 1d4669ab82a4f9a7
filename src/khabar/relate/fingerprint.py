"""Fingerprints of text for near-verbatim matching: character shingles and MinHash.

A text is reduced to its *shingle key*: its normalized word tokens (see
:func:`khabar.text.ar.tokenize.words`) joined by single spaces.  Normalization already
folds hamza seats, final ى/ة, diacritics, tatweel and digit scripts, and dropping
punctuation makes "قال: إن" and "قال إن" the same.  The key's overlapping 5-character
windows are its shingles: measured on edited wire copy, 5-character shingles give
Jaccard ~0.8 for an edited copy, ~0.15 for a rewrite of the same facts and ~0.02 for
unrelated sentences, a wide gap that word shingles (too coarse for one changed letter in
a clitic) and shorter windows (too many chance matches) do not give.

MinHash signatures (datasketch, fixed seed, so every run gives the same signatures)
estimate the Jaccard similarity of two shingle sets without comparing them, and feed the
LSH index that finds candidate pairs without looking at all pairs.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from functools import lru_cache
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import chain
from typing import TYPE_CHECKING

import numpy as np

from khabar.config import SEED
from khabar.lean_import import run_package_modules
from khabar.text.ar.tokenize import words

if TYPE_CHECKING:  # datasketch's MinHash is loaded where signatures are made (minhash_module)
    from datasketch import LeanMinHash

#: Width of a character shingle (see the module docstring for the measurement).
SHINGLE_CHARS = 5

#: Permutations per signature: the standard error of an estimated Jaccard J is
#: sqrt(J(1-J)/128), at most 0.044, fine for telling verbatim (1.0) from edited copy.
NUM_PERM = 128



def shingle_key(text: str) -> str:
    """``text`` as shingles see it: normalized words and numbers, single-spaced."""
    return " ".join(words(text))


def shingles(text: str, *, k: int = SHINGLE_CHARS) -> frozenset[str]:
    """The set of ``k``-character windows of :func:`shingle_key` of ``text``.

    A key shorter than ``k`` is its own single shingle; an empty key has none.
    """
    return key_shingles(shingle_key(text), k=k)


def key_shingles(key: str, *, k: int = SHINGLE_CHARS) -> frozenset[str]:
    """The set of ``k``-character windows of a key already made by :func:`shingle_key`
    (a key is its own key: normalized words joined by single spaces), without
    tokenizing it again."""
    if k < 1:
        raise ValueError(f"shingle width must be at least 1, got {k}")
    if len(key) <= k:
        return frozenset([key]) if key else frozenset()
    return frozenset({key[i : i + k] for i in range(len(key) - k + 1)})


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    """Exact Jaccard similarity of two shingle sets (0.0 when both are empty)."""
    if not a and not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def signatures(
    shingle_sets: Iterable[Iterable[str]], *, num_perm: int = NUM_PERM, seed: int = SEED
) -> list[LeanMinHash]:
    """One MinHash signature per shingle set, computed in bulk.

    ``MinHash.bulk`` reuses one set of permutations for all sets (about ten times faster
    than building each MinHash on its own); the lean form drops the permutations, so a
    signature is just its hash values.  Shingles are hashed with CRC-32 rather than the
    default SHA-1 (ten times faster): datasketch's default "affine32" scheme mixes every
    input hash with the MurmurHash3 finalizer before permuting, so a checksum is enough.
    """
    encoded = [[s.encode("utf-8") for s in group] for group in shingle_sets]
    minhash = minhash_module()
    return [
        minhash.LeanMinHash(m) for m in minhash.MinHash.bulk(encoded, num_perm=num_perm, seed=seed, hashfunc=zlib.crc32)
    ]


#: Shingles permuted at a time by :func:`signature_rows`: a block of this many rows of
#: ``num_perm`` 32-bit values is 4 MB, one buffer used again for every block (a new 32 MB
#: array for each block cost more in page faults than the arithmetic), laid out one
#: permutation a row (``reduceat`` over the first axis of the other layout was 20 x slower).
_SIGNATURE_BLOCK = 1 << 13


def signature_rows(shingle_sets: Sequence[Collection[str]], *, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """``signature_matrix(signatures(shingle_sets))`` (the same values: a test compares
    them), computed for all sets at once: the permutations are applied to blocks of many
    sets' hashes laid out one permutation a row, each set's minimum taken with
    ``np.minimum.reduceat`` along the row, instead of a few numpy calls per set (most of
    the time of signing 20,000 short sentences one by one)."""
    minhash = minhash_module()
    # MurmurHash3's finalizer, as datasketch mixes each input hash (its module may be private)
    fmix = minhash.MinHash.__init__.__globals__.get("_fmix")
    prototype = minhash.MinHash(num_perm=num_perm, seed=seed, hashfunc=zlib.crc32)
    if fmix is None or getattr(prototype, "scheme", None) != "affine32":  # another datasketch: its own way
        return signature_matrix(signatures(shingle_sets, num_perm=num_perm, seed=seed))
    a, b = (p[:, None] for p in prototype.permutations)
    groups = shingle_sets if isinstance(shingle_sets, list) else list(shingle_sets)
    sizes = np.fromiter(map(len, groups), dtype=np.int64, count=len(groups))
    hashed = np.fromiter(
        map(zlib.crc32, map(str.encode, chain.from_iterable(groups))), dtype=np.uint32, count=int(sizes.sum())
    )
    mixed = fmix(hashed, 32)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    out = np.tile(prototype.hashvalues, (len(groups), 1))  # all ones: a set with nothing in it
    buffer = np.empty((num_perm, _SIGNATURE_BLOCK), dtype=np.uint32)
    first = 0
    while first < len(groups):
        # the sets from ``first`` whose shingles fit a block (at least one set)
        last = max(first + 1, int(np.searchsorted(ends, starts[first] + _SIGNATURE_BLOCK, side="right")))
        filled = np.flatnonzero(sizes[first:last]) + first
        if filled.size:
            lo, hi = starts[filled[0]], ends[filled[-1]]
            if hi - lo > buffer.shape[1]:  # one set larger than a block
                buffer = np.empty((num_perm, hi - lo), dtype=np.uint32)
            permuted = buffer[:, : hi - lo]
            np.multiply(a, mixed[None, lo:hi], out=permuted)
            permuted += b
            out[filled] = np.minimum.reduceat(permuted, starts[filled] - lo, axis=1).T
        first = last
    return out


#: datasketch's files that MinHash and LeanMinHash need (they import nothing else of it).
_MINHASH_FILES = {
    "datasketch.lean_minhash": "lean_minhash.py",
    "datasketch.minhash": "minhash.py",
    "datasketch.hashfunc": "hashfunc.py",
}


@lru_cache(maxsize=1)
def minhash_module():
    """datasketch's ``lean_minhash`` module (MinHash and LeanMinHash), without datasketch's
    package import (its LSH ensembles load scipy.integrate and scipy.optimize: 0.3-1 s, 80
    MB, for a claim check that needs a dozen signatures), unless datasketch is already
    imported; the ordinary import when its files have changed shape."""
    import sys

    if "datasketch" not in sys.modules:
        try:
            return run_package_modules("datasketch", _MINHASH_FILES, "datasketch.lean_minhash")
        except Exception:  # noqa: BLE001 - a datasketch whose MinHash needs more of it
            pass
    import datasketch.lean_minhash

    return datasketch.lean_minhash


def signature_matrix(sigs: Sequence[LeanMinHash]) -> np.ndarray:
    """The hash values of ``sigs`` stacked as rows (``len(sigs) x num_perm``)."""
    if not sigs:
        return np.zeros((0, NUM_PERM), dtype=np.uint64)
    return np.vstack([s.hashvalues for s in sigs])


def union_signature(matrix: np.ndarray) -> np.ndarray:
    """The signature of the union of the sets whose signatures are the rows of ``matrix``.

    Passages are runs of sentences; the signature of a run is the element-wise minimum of
    its sentences' signatures (the shingles that straddle two sentences are left out,
    a few per boundary).
    """
    return matrix.min(axis=0)


def mean_pairwise_jaccard(matrix: np.ndarray) -> float:
    """Mean over all pairs of rows of the estimated Jaccard of the two rows.

    The estimate for a pair is the share of permutations where their minima agree, so
    the mean over pairs is, per permutation, the share of pairs that agree.  Counted on
    each column sorted: a value agrees with every equal value before it, that is with
    the values since the start of its run, in ``O(n log n)`` instead of ``O(n^2)`` pairs.
    1.0 for a single row (nothing to disagree with).
    """
    n, width = matrix.shape
    if n < 2:
        return 1.0
    ordered = np.sort(matrix, axis=0)
    position = np.arange(n)[:, None]
    run_starts = np.ones(ordered.shape, dtype=bool)
    run_starts[1:] = ordered[1:] != ordered[:-1]
    run_start_of = np.maximum.accumulate(np.where(run_starts, position, 0), axis=0)
    agreeing = int((position - run_start_of).sum())
    return agreeing / (n * (n - 1) // 2 * width)


# --- banded LSH ----------------------------------------------------------------------------
# datasketch's MinHashLSH does the same, but its module imports scipy.integrate (to choose
# the bands: 0.3-1.2 s and ~80 MB of start-up for a brief of a few dozen articles).  The
# bands chosen here are the ones it chooses (a test compares them), so the candidate pairs
# are the same.


@lru_cache(maxsize=32)
def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) that minimize the mean of the false-positive and
    false-negative probability masses around ``threshold``, as datasketch's MinHashLSH
    chooses them with its default weights.  The integrands are polynomials of degree at most
    ``num_perm``: Gauss-Legendre quadrature with ``num_perm // 2 + 1`` nodes is exact."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)

    def integral(values, lo: float, hi: float) -> float:
        return (hi - lo) / 2 * float(weights @ values((hi - lo) / 2 * nodes + (hi + lo) / 2))

    best, chosen = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = integral(lambda s: 1 - (1 - s**r) ** b, 0.0, threshold)
            fn = integral(lambda s: (1 - s**r) ** b, threshold, 1.0)
            if 0.5 * fp + 0.5 * fn < best:
                best, chosen = 0.5 * fp + 0.5 * fn, (b, r)
    return chosen


def banded_pairs(matrix: np.ndarray, *, threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs of rows (k1 < k2, in order) of a signature matrix (one signature a row) that
    share a band: the candidates of an LSH index built for ``threshold``."""
    bands, rows = lsh_bands(threshold, matrix.shape[1])
    partners: dict[int, set[int]] = defaultdict(set)
    for band in range(bands):
        block = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows])
        # each row's band as one opaque value: rows in one bucket are equal values
        values = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
        _unique, bucket, counts = np.unique(values, return_inverse=True, return_counts=True)
        shared = np.flatnonzero(counts[bucket] > 1)  # rows whose bucket holds another row
        if not shared.size:
            continue
        order = shared[np.argsort(bucket[shared], kind="stable")]
        cuts = np.flatnonzero(np.diff(bucket[order])) + 1
        for members in np.split(order, cuts):
            found = members.tolist()
            for k in found:
                partners[k].update(found)
    for k1 in sorted(partners):
        for k2 in sorted(partners[k1]):
            if k2 > k1:
                yield k1, k2
