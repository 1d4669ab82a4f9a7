"""Word and attribute hashes of the tagger's model file, and their batched look-up.

A hash is the 8-byte BLAKE2b digest of the text's UTF-8 (``hashlib``).  Compiled
(:mod:`khabar._compiled`), a text whose UTF-8 fits one block of 128 bytes (every word and
attribute name the tagger meets, but for a few long tokens) is hashed by
:func:`_one_block_digest`, the same digest as C arithmetic on the text's code points: no
hash object copied, no bytes encoded, no method called.  Each new word type of a process is
hashed (``Tagger._add_rows``), and its attribute names when the model's tables lack the
word: through ``hashlib`` ~5,400 instructions a word, ~3,200 so (the 19,550 new word types of
``benchmarks/bench_extract.py``'s 320 articles, ``plain_hashes``: 105.1 -> 61.9 M
instructions; docs/measurements.md, issue 19, session 28).  As Python, ``hashlib``.
"""

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

#: BLAKE2b's message schedule (RFC 7693, section 2.7): the order in which each round reads
#: the sixteen words of a block (rounds 10 and 11 read as rounds 0 and 1).
_SIGMA = bytes((
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
))


@cython.cfunc
@cython.inline
@cython.returns(cython.ulonglong)
@cython.exceptval(check=False)
@cython.locals(x=cython.ulonglong, n=cython.int)
def _rotr(x, n):
    return (x >> n) | (x << (64 - n))


@cython.cfunc
@cython.inline
@cython.returns(cython.void)
@cython.exceptval(check=False)
@cython.locals(v=cython.p_ulonglong, a=cython.int, b=cython.int, c=cython.int, d=cython.int, x=cython.ulonglong, y=cython.ulonglong)
def _mix(v, a, b, c, d, x, y):
    """BLAKE2b's mixing function G (RFC 7693, section 3.1) on words ``a``, ``b``, ``c``, ``d``
    of the working vector ``v``, with the message words ``x`` and ``y``."""
    v[a] = v[a] + v[b] + x
    v[d] = _rotr(v[d] ^ v[a], 32)
    v[c] = v[c] + v[d]
    v[b] = _rotr(v[b] ^ v[c], 24)
    v[a] = v[a] + v[b] + y
    v[d] = _rotr(v[d] ^ v[a], 16)
    v[c] = v[c] + v[d]
    v[b] = _rotr(v[b] ^ v[c], 63)


@cython.cfunc
@cython.returns(cython.ulonglong)
@cython.exceptval(check=False)
@cython.boundscheck(False)  # every index is below its array's size
@cython.wraparound(False)
@cython.cdivision(True)  # (of positive numbers only)
@cython.locals(
    text=str, c=cython.Py_UCS4, code=cython.long, n=cython.Py_ssize_t, k=cython.Py_ssize_t, words=cython.Py_ssize_t, r=cython.int,
    at=cython.int, first=cython.ulonglong, sigma=cython.p_uchar,
    block=cython.uchar[128], m=cython.ulonglong[16], x=cython.ulonglong[16], v=cython.ulonglong[16],
)
def _one_block_digest(text):
    """:func:`stable_hash` of a text whose UTF-8 fits one block of BLAKE2b (128 bytes), as
    C arithmetic (compiled only): the text's UTF-8 written into the block as it is read,
    the block compressed once as the last, and the first word of the state is the 8-byte
    digest read little-endian.  0 where the text does not fit one block or holds a lone
    surrogate (which UTF-8 cannot encode): the caller then asks ``hashlib``, which gives
    the very same digest (0 included) or raises the same error."""
    n = 0
    for c in text:
        code = ord(c)  # (compiled: the code point as a C integer, no call)
        if n > 124:
            return 0
        if code < 0x80:
            block[n] = code
            n += 1
        elif code < 0x800:
            block[n] = 0xC0 | (code >> 6)
            block[n + 1] = 0x80 | (code & 0x3F)
            n += 2
        elif 0xD800 <= code <= 0xDFFF:
            return 0
        elif code < 0x10000:
            block[n] = 0xE0 | (code >> 12)
            block[n + 1] = 0x80 | ((code >> 6) & 0x3F)
            block[n + 2] = 0x80 | (code & 0x3F)
            n += 3
        else:
            block[n] = 0xF0 | (code >> 18)
            block[n + 1] = 0x80 | ((code >> 12) & 0x3F)
            block[n + 2] = 0x80 | ((code >> 6) & 0x3F)
            block[n + 3] = 0x80 | (code & 0x3F)
            n += 4
    words = (n + 7) // 8  # the block's words that hold the text (the rest are zero)
    for k in range(n, 8 * words):
        block[k] = 0
    for k in range(words):
        m[k] = (
            cython.cast(cython.ulonglong, block[8 * k])
            | (cython.cast(cython.ulonglong, block[8 * k + 1]) << 8)
            | (cython.cast(cython.ulonglong, block[8 * k + 2]) << 16)
            | (cython.cast(cython.ulonglong, block[8 * k + 3]) << 24)
            | (cython.cast(cython.ulonglong, block[8 * k + 4]) << 32)
            | (cython.cast(cython.ulonglong, block[8 * k + 5]) << 40)
            | (cython.cast(cython.ulonglong, block[8 * k + 6]) << 48)
            | (cython.cast(cython.ulonglong, block[8 * k + 7]) << 56)
        )
    for k in range(words, 16):
        m[k] = 0
    # the initialization vector (RFC 7693, section 2.6), as the state and as the working
    # vector's second half; the state's first word takes the parameter block (a digest of
    # 8 bytes, no key, fan-out and depth 1)
    v[0] = v[8] = 0x6A09E667F2BDC900  # 0x6A09E667F3BCC908 ^ 0x01010008
    v[1] = v[9] = 0xBB67AE8584CAA73B
    v[2] = v[10] = 0x3C6EF372FE94F82B
    v[3] = v[11] = 0xA54FF53A5F1D36F1
    v[4] = v[12] = 0x510E527FADE682D1
    v[5] = v[13] = 0x9B05688C2B3E6C1F
    v[6] = v[14] = 0x1F83D9ABFB41BD6B
    v[7] = v[15] = 0x5BE0CD19137E2179
    v[8] = 0x6A09E667F3BCC908
    v[12] ^= n  # the bytes hashed, all of them in this block
    v[14] = ~v[14]  # the last block
    sigma = _SIGMA
    for r in range(12):
        at = (r % 10) * 16
        for k in range(16):  # the round's order of the message words
            x[k] = m[sigma[at + k]]
        # the columns, then the diagonals (every index a constant)
        _mix(v, 0, 4, 8, 12, x[0], x[1])
        _mix(v, 1, 5, 9, 13, x[2], x[3])
        _mix(v, 2, 6, 10, 14, x[4], x[5])
        _mix(v, 3, 7, 11, 15, x[6], x[7])
        _mix(v, 0, 5, 10, 15, x[8], x[9])
        _mix(v, 1, 6, 11, 12, x[10], x[11])
        _mix(v, 2, 7, 8, 13, x[12], x[13])
        _mix(v, 3, 4, 9, 14, x[14], x[15])
    first = 0x6A09E667F2BDC900  # the state's first word: the vector's, with the parameter block
    return first ^ v[0] ^ v[8]


@lru_cache(maxsize=200_000)
@cython.locals(digest=cython.ulonglong)
def stable_hash(text: str) -> int:
    """A 64-bit hash of ``text`` that is the same in every process and version of Python:
    its 8-byte BLAKE2b digest, little-endian."""
    if cython.compiled:
        digest = _one_block_digest(text)
        if digest:
            return digest
    h = _EMPTY.copy()
    h.update(text.encode("utf-8"))
    return int.from_bytes(h.digest(), "little")


def plain_hashes(words: Sequence[str]) -> list[int]:
    """:func:`plain_hash_array` of ``words`` as a list."""
    return plain_hash_array(words).tolist()


def plain_hash_array(words: Sequence[str]) -> np.ndarray:
    """:func:`stable_hash` of each word made of letters and digits alone (``str.isalnum``:
    the tagger's plain words), 0 for any other, as an array of ``uint64`` (what
    :func:`find_rows` searches with); not kept in :func:`stable_hash`'s cache.  The tagger
    hashes each new word type once and keeps its row, so the cache only paid its
    bookkeeping: ~40 % of a word's hash through it (timeit over 20,000 new words, compiled:
    ~800 against ~520 ns a word one call each, less in one loop here)."""
    return _hash_array(words, True)


def hash_array(texts: Sequence[str]) -> np.ndarray:
    """:func:`stable_hash` of each text as an array of ``uint64``, not kept in its cache (the
    names of a batch's new attributes, searched at once; issue 19, session 37)."""
    return _hash_array(texts, False)


@cython.boundscheck(False)  # k runs below the array's length
@cython.wraparound(False)
@cython.locals(digest=cython.ulonglong, out=cython.ulonglong[::1], k=cython.Py_ssize_t, plain=cython.bint)
def _hash_array(texts: Sequence[str], plain: bool) -> np.ndarray:
    """The digests of :func:`plain_hash_array` (``plain``: 0 for a text not all letters and
    digits) or of :func:`hash_array`.  Compiled, each digest is written into the array as a
    C integer: a list of Python integers given to numpy was read back one element at a time
    (~1,000 instructions a word for its type and value; issue 19, session 31)."""
    found = np.zeros(len(texts), dtype=np.uint64)
    out = found
    copy = _EMPTY.copy
    for k in range(len(texts)):
        text = texts[k]
        if plain and not text.isalnum():
            continue
        if cython.compiled:
            digest = _one_block_digest(text)
            if digest:
                out[k] = digest
                continue
        h = copy()
        h.update(text.encode("utf-8"))
        out[k] = int.from_bytes(h.digest(), "little")
    return found


def find_rows(keys: np.ndarray, hashes: Sequence[int]) -> np.ndarray:
    """The row of each hash in the sorted ``keys`` (-1 where it is absent): one search for
    a whole batch, so no dictionary of every key is built in a process that needs a few."""
    h = np.asarray(hashes, dtype=np.uint64)
    if not len(keys) or not len(h):
        return np.full(len(h), -1, dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, h), len(keys) - 1)
    return np.where(keys[at] == h, at, -1)
