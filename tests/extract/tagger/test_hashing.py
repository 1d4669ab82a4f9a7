"""The tagger's hashes (khabar.extract.tagger.hashing): compiled, a text of one BLAKE2b block is
hashed by C arithmetic; as Python (KHABAR_PURE=1), by hashlib.  Both must give hashlib's digest."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from khabar.extract.tagger.hashing import hash_array, plain_hashes, stable_hash


def _blake2b_64(text: str) -> int:
    """The digest as the model's keys were made: 8-byte BLAKE2b of the UTF-8, little-endian."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


#: Code points of every width of UTF-8 (1 to 4 bytes), Arabic words and attribute names' marks.
_ALPHABETS = (
    "abcXYZ019",
    "".join(map(chr, range(0x621, 0x64B))),
    "".join(chr(c) for c in range(0x80, 0x800, 37)),
    "".join(chr(c) for c in range(0x800, 0xD7FF, 997)) + "".join(chr(c) for c in range(0xE000, 0x10000, 555)),
    "".join(chr(c) for c in range(0x10000, 0x110000, 99991)),
    " =:-+",
)


def test_every_text_has_hashlibs_digest_at_every_length_around_a_block():
    rng = random.Random(28)
    every = "".join(_ALPHABETS)
    texts = ["", "قال", "0:w=قال", "shape=ar"]
    for alphabet in (*_ALPHABETS, every):
        for length in range(0, 70):  # 1-byte texts up to 69 bytes, 4-byte ones up to 276: one block and more
            texts.append("".join(rng.choice(alphabet) for _ in range(length)))
    # exactly at the block's edge: 128 bytes fit one block, 129 do not
    texts += ["a" * 127, "a" * 128, "a" * 129, "ب" * 63, "ب" * 64, "ب" * 65, "\U0001d400" * 32, "\U0001d400" * 33]
    texts += ["a" * 125 + "\U0001d400", "a" * 124 + "\U0001d400", "a" * 126 + "ب", "a" * 125 + "ب"]
    for text in texts:
        assert stable_hash(text) == _blake2b_64(text), text
    words = [t for t in texts if t]
    assert plain_hashes(words) == [_blake2b_64(w) if w.isalnum() else 0 for w in words]
    found = hash_array(texts)
    assert found.dtype == np.uint64 and found.tolist() == [_blake2b_64(t) for t in texts]


def test_a_lone_surrogate_raises_as_hashlib_does():
    with pytest.raises(UnicodeEncodeError):
        stable_hash("ab\ud800c")
