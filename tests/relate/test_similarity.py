"""Sentence similarity without an n x n matrix: the neighbours found by the pruned search are
exactly the pairs a full comparison finds, with the same values to the last bit."""

from __future__ import annotations

import numpy as np
import pytest

import khabar
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.relate.similarity import SentenceVectors, content_terms
from khabar.text.ar.tokenize import words


@pytest.fixture(scope="module")
def seed_pool(seeds_dir) -> SentencePool:
    return SentencePool.build([analyze(a) for a in khabar.read(seeds_dir)])


def _brute_force(vectors: SentenceVectors, groups: np.ndarray, threshold: float) -> dict[int, list[tuple[int, float]]]:
    out = {}
    for row in range(len(vectors)):
        sims = vectors.row_similarity(row)
        cols = np.flatnonzero((sims >= threshold) & (groups != groups[row]))
        out[row] = [(int(c), float(sims[c])) for c in cols]
    return out


@pytest.mark.parametrize("threshold", [0.2, 0.42, 0.7])
def test_neighbours_are_every_pair_at_the_threshold_and_no_other(seed_pool, threshold):
    vectors, groups = seed_pool.vectors, seed_pool.row_docs
    found = vectors.neighbours(threshold, groups=groups)
    want = _brute_force(vectors, groups, threshold)
    got = {row: list(zip(*(a.tolist() for a in found.of(row)), strict=True)) for row in range(len(vectors))}
    assert got == want  # same pairs, bit-identical values
    assert sum(len(v) for v in want.values()) > 0


def test_neighbours_hold_no_pair_within_one_article(seed_pool):
    found = seed_pool.neighbours
    for row in range(len(seed_pool)):
        cols, _ = found.of(row)
        assert not (seed_pool.row_docs[cols] == seed_pool.doc_of(row)).any()


def test_a_sentence_repeated_in_another_article_is_its_neighbour_at_similarity_one():
    texts = ["أعلن الجيش السيطرة على حي الشيخ سعيد بعد معارك عنيفة", "قالت الأمم المتحدة إن آلاف المدنيين فروا من المدينة"]
    terms = [content_terms(words(t)) for t in [*texts, texts[0]]]
    vectors = SentenceVectors.build(terms)
    found = vectors.neighbours(0.9, groups=np.array([0, 0, 1]))
    cols, values = found.of(0)
    assert cols.tolist() == [2] and values[0] == pytest.approx(1.0)
    assert found.of(1)[0].tolist() == []


def test_rows_without_content_words_have_no_neighbours():
    vectors = SentenceVectors.build([[], ["حلب", "قصف"], [], ["حلب", "قصف"]])
    found = vectors.neighbours(0.5, groups=np.array([0, 0, 1, 1]))
    assert [found.of(r)[0].tolist() for r in range(4)] == [[], [3], [], [1]]
    assert vectors.row_similarity(0).tolist() == [0.0] * 4


def test_supporters_below_the_kept_threshold_are_computed_in_full(seed_pool):
    row = int(np.argmax(seed_pool.support_counts(threshold=0.42)))
    low = seed_pool.supporters(row, threshold=0.2)
    sims = seed_pool.similarity_row(row)
    assert low and all(sims[r] == v and v >= 0.2 for r, v in low)
    assert len(low) >= len(seed_pool.supporters(row, threshold=0.42))


def test_small_blocks_give_the_same_neighbours(seed_pool, monkeypatch):
    import khabar.relate.similarity as similarity

    whole = seed_pool.vectors.neighbours(0.42, groups=seed_pool.row_docs)
    monkeypatch.setattr(similarity, "PAIRS_PER_BLOCK", 50)
    blocked = seed_pool.vectors.neighbours(0.42, groups=seed_pool.row_docs)
    assert np.array_equal(whole.ptr, blocked.ptr) and np.array_equal(whole.cols, blocked.cols)
    assert np.array_equal(whole.values, blocked.values)


@pytest.mark.parametrize("threshold", [0.3, 0.42, 0.6])
def test_support_counts_are_the_other_articles_with_a_supporter(seed_pool, threshold):
    want = [len(seed_pool.supporters(r, threshold=threshold)) for r in range(len(seed_pool))]
    assert seed_pool.support_counts(threshold=threshold).tolist() == want
