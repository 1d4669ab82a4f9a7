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
from collections.abc import Iterable, Iterator, Sequence
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
    if k < 1:
        raise ValueError(f"shingle width must be at least 1, got {k}")
    key = shingle_key(text)
    if len(key) <= k:
        return frozenset([key]) if key else frozenset()
    return frozenset(key[i : i + k] for i in range(len(key) - k + 1))


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
    partners: list[set[int]] = [set() for _ in range(matrix.shape[0])]
    for band in range(bands):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        block = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows])
        for k in range(block.shape[0]):
            buckets[block[k].tobytes()].append(k)
        for members in buckets.values():
            if len(members) > 1:
                for k in members:
                    partners[k].update(members)
    for k1, found in enumerate(partners):
        for k2 in sorted(found):
            if k2 > k1:
                yield k1, k2
