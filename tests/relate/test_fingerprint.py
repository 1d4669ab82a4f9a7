"""Character shingles and MinHash signatures."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from khabar.relate.fingerprint import (
    NUM_PERM,
    jaccard,
    mean_pairwise_jaccard,
    shingle_key,
    shingles,
    signature_matrix,
    signatures,
    union_signature,
)

SENTENCE = "أعلنت وزارة الصحة أن فرق الإسعاف نقلت أكثر من أربعين مصابا إلى المستشفيات مساء أمس."
EDITED = "وأعلنت وزارة الصحة أن فرق الإسعاف نقلت أكثر من أربعين مصابا إلى المستشفيات أمس."
OTHER = "افتتحت في العاصمة أعمال المعرض الدولي للكتاب بمشاركة مئات دور النشر العربية والأجنبية."


def test_shingle_key_drops_punctuation_and_spacing():
    assert shingle_key("وقال:  «إن الوضع، خطير».") == shingle_key("وقال إن الوضع خطير")


def test_shingles_ignore_hamza_and_diacritics():
    assert shingles("إطلاقُ النار إلى الحيّ") == shingles("اطلاق النار الى الحي")


def test_shingles_are_five_character_windows():
    assert shingles("abcdefg") == {"abcde", "bcdef", "cdefg"}


def test_short_key_is_its_own_shingle_and_empty_has_none():
    assert shingles("حلب") == {"حلب"}
    assert shingles("،.!") == frozenset()


def test_shingle_width_must_be_positive():
    with pytest.raises(ValueError, match="at least 1"):
        shingles("حلب", k=0)


def test_jaccard_exact_values():
    a, b = frozenset("abc"), frozenset("bcd")
    assert jaccard(a, b) == pytest.approx(2 / 4)
    assert jaccard(a, a) == 1.0
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_signatures_are_reproducible():
    first = signatures([shingles(SENTENCE), shingles(OTHER)])
    second = signatures([shingles(SENTENCE), shingles(OTHER)])
    assert np.array_equal(signature_matrix(first), signature_matrix(second))
    assert signature_matrix(first).shape == (2, NUM_PERM)


def test_estimate_tracks_exact_jaccard():
    sets = [shingles(SENTENCE), shingles(EDITED), shingles(OTHER)]
    sigs = signatures(sets)
    assert sigs[0].jaccard(sigs[1]) == pytest.approx(jaccard(sets[0], sets[1]), abs=0.15)
    assert sigs[0].jaccard(sigs[2]) < 0.15


def test_union_signature_is_the_signature_of_the_union():
    a, b = shingles(SENTENCE), shingles(OTHER)
    sigs = signatures([a, b, a | b])
    m = signature_matrix(sigs)
    assert np.array_equal(union_signature(m[:2]), m[2])


def test_mean_pairwise_jaccard_matches_all_pairs():
    sigs = signatures([shingles(SENTENCE), shingles(EDITED), shingles(OTHER), shingles(SENTENCE)])
    brute = [a.jaccard(b) for a, b in itertools.combinations(sigs, 2)]
    assert mean_pairwise_jaccard(signature_matrix(sigs)) == pytest.approx(sum(brute) / len(brute))


def test_mean_pairwise_jaccard_of_identical_rows_is_one():
    sigs = signatures([shingles(SENTENCE)] * 3)
    assert mean_pairwise_jaccard(signature_matrix(sigs)) == 1.0
    assert mean_pairwise_jaccard(signature_matrix(sigs[:1])) == 1.0


def test_signatures_need_no_datasketch_package_import_and_match_datasketchs_own():
    """MinHash runs from datasketch's files alone (its package import loads scipy's
    integrate and optimize); the hash values are datasketch's."""
    import json
    import subprocess
    import sys
    import zlib

    from datasketch import LeanMinHash, MinHash

    from khabar.config import SEED
    from khabar.relate.fingerprint import NUM_PERM

    texts = ["قال مكتب الأمم المتحدة إن آلاف المدنيين ما زالوا محاصرين", "وصلت القافلة إلى المدينة"]
    code = (
        "import sys, json; from khabar.relate.fingerprint import signatures, shingles; "
        f"s = signatures(shingles(t) for t in {texts!r}); "
        "print(json.dumps([m.hashvalues.tolist() for m in s])); "
        "print('datasketch' in sys.modules, any(m.startswith('scipy') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    lean = json.loads(out[0])
    assert out[1] == "False False"
    own = MinHash.bulk([[s.encode() for s in shingles(t)] for t in texts], num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)
    assert all(np.array_equal(np.asarray(a, dtype=np.uint64), LeanMinHash(b).hashvalues) for a, b in zip(lean, own, strict=True))


def test_a_module_outside_the_listed_files_is_refused():
    from khabar.lean_import import run_package_modules

    with pytest.raises(ImportError, match="datasketch.lsh"):
        run_package_modules("datasketch", {"datasketch.hashfunc": "hashfunc.py"}, "datasketch.lsh")


# --- banded LSH: the bands and candidates of datasketch's MinHashLSH, without its import ---


@pytest.mark.parametrize("threshold", [0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 0.95])
def test_the_bands_are_the_ones_datasketch_chooses(threshold):
    from datasketch.lsh import _optimal_param

    from khabar.relate.fingerprint import NUM_PERM, lsh_bands

    assert lsh_bands(threshold, NUM_PERM) == _optimal_param(threshold, NUM_PERM, 0.5, 0.5)


def test_banded_pairs_are_the_candidates_of_datasketchs_index():
    from datasketch import MinHashLSH

    from khabar.relate.fingerprint import NUM_PERM, banded_pairs, shingles, signature_matrix, signatures

    base = "قال المرصد السوري لحقوق الإنسان إن عشرين مدنيا قتلوا في قصف على الأحياء الشرقية"
    edits = [base, base.replace("عشرين", "ثلاثين"), base + " من المدينة", "وصلت قافلة مساعدات إلى البلدة المحاصرة صباح اليوم",
             base.replace("قال", "أفاد"), "وصلت قافلة مساعدات إلى البلدة المحاصرة صباح أمس", "خبر آخر لا صلة له بما سبق أبدا"]
    sigs = signatures([shingles(t) for t in edits])
    lsh = MinHashLSH(threshold=0.35, num_perm=NUM_PERM)
    for k, sig in enumerate(sigs):
        lsh.insert(k, sig)
    expected = [(k1, k2) for k1, sig in enumerate(sigs) for k2 in sorted(lsh.query(sig)) if k2 > k1]
    got = list(banded_pairs(signature_matrix(sigs), threshold=0.35))
    assert got == expected and (0, 1) in got


# --- signatures of many sets at once, keys not tokenized twice ---------------------------


def test_signature_rows_are_the_signatures_of_each_set():
    """The block-wise signatures equal datasketch's, set by set: empty sets, one-shingle
    sets, sets larger than a block, and sets that straddle blocks."""
    from khabar.relate import fingerprint

    sets = [shingles(SENTENCE), frozenset(), shingles(EDITED), shingles("قصف"), shingles(OTHER), frozenset()]
    sets += [frozenset(f"{i:05d}" for i in range(start, start + size)) for start, size in [(0, 9000), (5, 3), (40, 8191)]]
    expected = signature_matrix(signatures(sets))
    assert np.array_equal(fingerprint.signature_rows(sets), expected)
    assert np.array_equal(fingerprint.signature_rows(sets[::-1]), expected[::-1])
    empty = fingerprint.signature_rows([frozenset()])
    assert empty.shape == (1, NUM_PERM) and (empty == np.iinfo(np.uint32).max).all()


def test_a_key_is_its_own_key_so_its_shingles_need_no_second_tokenizing():
    from khabar.relate.fingerprint import key_shingles

    for text in (SENTENCE, EDITED, "قتل 1,200 شخص في 3.5 أيام (BBC) - الـ 4", "ـ"):
        key = shingle_key(text)
        assert shingle_key(key) == key
        assert key_shingles(key) == shingles(text)


def test_banded_pairs_of_buckets_shared_by_many_rows():
    """Rows equal in one band only, in every band, or in none: the pairs in order."""
    from khabar.relate.fingerprint import banded_pairs, lsh_bands

    bands, rows = lsh_bands(0.35, NUM_PERM)
    rng = np.random.default_rng(3)
    m = rng.integers(0, 2**32, size=(6, NUM_PERM), dtype=np.uint32)
    m[4] = m[1]  # the same in every band
    m[5, :rows] = m[0, :rows]  # the same in the first band only
    m[3, rows : 2 * rows] = m[1, rows : 2 * rows]
    assert list(banded_pairs(m, threshold=0.35)) == [(0, 5), (1, 3), (1, 4), (3, 4)]
