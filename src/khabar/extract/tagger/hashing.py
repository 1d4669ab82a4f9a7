"""Word and attribute hashes of the tagger's model file, and their batched look-up."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython


#: An empty hash of the size the model's keys have, copied for each text: a copy skips the
#: parsing of the constructor's arguments and the set-up of its parameters (timeit over 130
#: words, in turn: 0.41 against 0.75 s for 260,000; the same digests).
_EMPTY = hashlib.blake2b(digest_size=8)


@lru_cache(maxsize=200_000)
def stable_hash(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process and version of Python:
    its 8-byte BLAKE2b digest, little-endian."""
    if cython.compiled:  # the digest in C (_blake2b_64), not through hashlib's objects
        return _blake2b_64(text.encode("utf-8"))
    h = _EMPTY.copy()
    h.update(text.encode("utf-8"))
    return int.from_bytes(h.digest(), "little")


# --- BLAKE2b of an 8-byte digest, compiled only --------------------------------------------
# Written from its definition (RFC 7693) for the compiled build: through hashlib a hash was
# ~5,400 instructions (copying the empty hash, updating, digesting, reading the digest as a
# number: four method calls, three objects made and freed, the compression ~1,700 of them),
# 5 % of the mentions' instructions (13,690 new words and attributes of 100 ANT articles;
# docs/measurements.md, issue 19, session 16).  Run as Python, stable_hash reads hashlib, and
# the digests are the same (tests/extract/tagger/test_crf.py, compiled: every length from 0
# to 300 bytes and multi-block texts).

#: The initial chaining values (the IV of RFC 7693, section 2.6).
_IV = cython.declare(cython.ulonglong[8], [
    0x6A09E667F3BCC908, 0xBB67AE8584CAA73B, 0x3C6EF372FE94F82B, 0xA54FF53A5F1D36F1,
    0x510E527FADE682D1, 0x9B05688C2B3E6C1F, 0x1F83D9ABFB41BD6B, 0x5BE0CD19137E2179,
])
#: The message word each mixing of a round reads (sigma of RFC 7693, section 2.7), ten rows.
_SIGMA = cython.declare(cython.uchar[160], [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
    11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
    7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
    9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
    2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
    12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
    13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
    6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
    10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
])


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
@cython.returns(cython.void)
@cython.locals(a=cython.p_ulonglong, b=cython.p_ulonglong, c=cython.p_ulonglong, d=cython.p_ulonglong, x=cython.ulonglong, y=cython.ulonglong)
def _mix(a, b, c, d, x, y):
    """The mixing function G (RFC 7693, section 3.1) on four words of the working vector,
    each a local of the caller (kept in registers once inlined): sums modulo 2**64, the
    rotations right by 32, 24, 16, 63 written as shifts (compiled to one instruction)."""
    a[0] = a[0] + b[0] + x
    d[0] = ((d[0] ^ a[0]) >> 32) | ((d[0] ^ a[0]) << 32)
    c[0] = c[0] + d[0]
    b[0] = ((b[0] ^ c[0]) >> 24) | ((b[0] ^ c[0]) << 40)
    a[0] = a[0] + b[0] + y
    d[0] = ((d[0] ^ a[0]) >> 16) | ((d[0] ^ a[0]) << 48)
    c[0] = c[0] + d[0]
    b[0] = ((b[0] ^ c[0]) >> 63) | ((b[0] ^ c[0]) << 1)


@cython.cfunc
@cython.returns(cython.ulonglong)
@cython.locals(
    data=bytes, p=cython.p_uchar, n=cython.Py_ssize_t, done=cython.Py_ssize_t, size=cython.Py_ssize_t,
    k=cython.Py_ssize_t, r=cython.int, s=cython.int, m=cython.ulonglong[16], h=cython.ulonglong[8],
    v0=cython.ulonglong, v1=cython.ulonglong, v2=cython.ulonglong, v3=cython.ulonglong,
    v4=cython.ulonglong, v5=cython.ulonglong, v6=cython.ulonglong, v7=cython.ulonglong,
    v8=cython.ulonglong, v9=cython.ulonglong, v10=cython.ulonglong, v11=cython.ulonglong,
    v12=cython.ulonglong, v13=cython.ulonglong, v14=cython.ulonglong, v15=cython.ulonglong,
)
def _blake2b_64(data):
    """The 8-byte BLAKE2b digest of ``data`` (no key), read little-endian: its first
    chaining word once the last block is compressed (RFC 7693, section 3.3).  Compiled only:
    it reads the working vector through pointers to locals, which Python has not."""
    p = data
    n = len(data)
    h[0] = _IV[0] ^ 0x01010008  # parameter block: digest length 8, no key, fan-out and depth 1
    for k in range(1, 8):
        h[k] = _IV[k]
    done = 0
    while True:
        size = min(n - done, 128)  # the last block may be short (an empty text: one of zeros)
        for k in range(16):
            m[k] = 0
        for k in range(size):  # the block's bytes as 16 little-endian words
            m[k >> 3] |= cython.cast(cython.ulonglong, p[done + k]) << ((k & 7) << 3)
        v0, v1, v2, v3, v4, v5, v6, v7 = h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
        v8, v9, v10, v11, v12, v13, v14, v15 = _IV[0], _IV[1], _IV[2], _IV[3], _IV[4], _IV[5], _IV[6], _IV[7]
        v12 ^= done + size  # bytes compressed so far (a text under 2**64 bytes: the high word stays)
        if done + size >= n:
            v14 = ~v14  # the last block
        s = 0
        for r in range(12):
            _mix(cython.address(v0), cython.address(v4), cython.address(v8), cython.address(v12), m[_SIGMA[s]], m[_SIGMA[s + 1]])
            _mix(cython.address(v1), cython.address(v5), cython.address(v9), cython.address(v13), m[_SIGMA[s + 2]], m[_SIGMA[s + 3]])
            _mix(cython.address(v2), cython.address(v6), cython.address(v10), cython.address(v14), m[_SIGMA[s + 4]], m[_SIGMA[s + 5]])
            _mix(cython.address(v3), cython.address(v7), cython.address(v11), cython.address(v15), m[_SIGMA[s + 6]], m[_SIGMA[s + 7]])
            _mix(cython.address(v0), cython.address(v5), cython.address(v10), cython.address(v15), m[_SIGMA[s + 8]], m[_SIGMA[s + 9]])
            _mix(cython.address(v1), cython.address(v6), cython.address(v11), cython.address(v12), m[_SIGMA[s + 10]], m[_SIGMA[s + 11]])
            _mix(cython.address(v2), cython.address(v7), cython.address(v8), cython.address(v13), m[_SIGMA[s + 12]], m[_SIGMA[s + 13]])
            _mix(cython.address(v3), cython.address(v4), cython.address(v9), cython.address(v14), m[_SIGMA[s + 14]], m[_SIGMA[s + 15]])
            s = 0 if s == 144 else s + 16  # rounds 10 and 11 read rows 0 and 1 again
        h[0] ^= v0 ^ v8
        h[1] ^= v1 ^ v9
        h[2] ^= v2 ^ v10
        h[3] ^= v3 ^ v11
        h[4] ^= v4 ^ v12
        h[5] ^= v5 ^ v13
        h[6] ^= v6 ^ v14
        h[7] ^= v7 ^ v15
        done += size
        if done >= n:
            return h[0]


def find_rows(keys: np.ndarray, hashes: Sequence[int]) -> np.ndarray:
    """The row of each hash in the sorted ``keys`` (-1 where it is absent): one search for
    a whole batch, so no dictionary of every key is built in a process that needs a few."""
    h = np.asarray(hashes, dtype=np.uint64)
    if not len(keys) or not len(h):
        return np.full(len(h), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, h), len(keys) - 1)
    return np.where(keys[at] == h, at, -1)
