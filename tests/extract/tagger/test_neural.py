"""The BiLSTM beside the CRF, run with numpy: the same scores as a plain LSTM written out
step by step, whatever the batch; its scores change the CRF's tags as weighted."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.extract.tagger.crf import Model, Tagger, find_rows, network_attributes, neural_of, stable_hash
from khabar.extract.tagger.neural import phrase_names, quantized

SENTENCES = [
    ["قال", "سامر", "الخطيب", "في", "حمص", "."],
    ["وزار", "ماهر", "عكاري", "مدينة", "درعا", "ووزير", "الخارجية", "."],
    ["أمس", "."],
    [],
    ["أعلنت", "منظمة", "الإغاثة", "العربية", "عن", "مساعدات", "في", "بيروت", "ودمشق", "وعمان", "."],
]
H, D, V, L = 6, 5, 4, 9
#: words (proclitics off) that get a word vector in the test network
VECTOR_WORDS = ["سامر", "وزير", "بيروت", "دمشق"]


def _arrays(seed: int = 3, *, vectors: bool = False) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    names = sorted({a for s in SENTENCES for t in s for a in network_attributes(t, None)} | {"gz=B-LOC", "gz=I-LOC"})
    keys = np.array(sorted(stable_hash(a) for a in names), dtype=np.uint64)
    extra = {}
    if vectors:
        vec_keys = np.array([stable_hash(w) for w in VECTOR_WORDS], dtype=np.uint64)
        order = np.argsort(vec_keys)
        extra = {"nn_vec_keys": vec_keys[order], "nn_vecs": rng.integers(-127, 128, size=(len(VECTOR_WORDS), V)).astype(np.int8)[order]}
    return extra | {
        "nn_keys": keys,
        "nn_emb": rng.normal(size=(len(keys), D)).astype(np.float16),
        "nn_wih": rng.normal(size=(2, 4 * H, D + (V if vectors else 0))).astype(np.float32),
        "nn_whh": rng.normal(size=(2, 4 * H, H)).astype(np.float32),
        "nn_b": rng.normal(size=(2, 4 * H)).astype(np.float32),
        "nn_out_w": rng.normal(size=(L, 2 * H)).astype(np.float32),
        "nn_out_b": rng.normal(size=L).astype(np.float32),
        "nn_trans": rng.normal(size=(L, L)).astype(np.float32),
    }


def _reference(arrays, tokens: list[str]) -> np.ndarray:
    """The network's scores for one sentence, one step at a time, as torch's LSTM defines them."""
    emb = arrays["nn_emb"].astype(np.float64)

    def bag(names):
        rows = find_rows(arrays["nn_keys"], [stable_hash(a) for a in names])
        return emb[rows[rows >= 0]].sum(axis=0)

    x = [bag(network_attributes(t, None) + p) for t, p in zip(tokens, phrase_names(tokens))]
    if "nn_vec_keys" in arrays:
        from khabar.extract.tagger.crf import name_word

        def vec(t):
            row = find_rows(arrays["nn_vec_keys"], [stable_hash(name_word(t))])[0]
            return arrays["nn_vecs"][row] / 127.0 if row >= 0 else np.zeros(V)

        x = [np.concatenate([v, vec(t)]) for v, t in zip(x, tokens)]
    sig = lambda v: 1 / (1 + np.exp(-v))  # noqa: E731
    halves = []
    for d in (0, 1):
        h, c, out = np.zeros(H), np.zeros(H), []
        for v in x if d == 0 else x[::-1]:
            g = arrays["nn_wih"][d] @ v + arrays["nn_whh"][d] @ h + arrays["nn_b"][d]
            c = sig(g[H : 2 * H]) * c + sig(g[:H]) * np.tanh(g[2 * H : 3 * H])
            h = sig(g[3 * H :]) * np.tanh(c)
            out.append(h)
        halves.append(np.array(out if d == 0 else out[::-1]).reshape(len(x), H))
    return np.concatenate(halves, axis=1) @ arrays["nn_out_w"].T + arrays["nn_out_b"]


@pytest.mark.parametrize("vectors", [False, True])
def test_numpy_forward_pass_matches_a_step_by_step_lstm(vectors):
    arrays = _arrays(vectors=vectors)
    net = neural_of(arrays)
    together = net.emissions(SENTENCES, None)
    for s, got in zip(SENTENCES, together):
        assert got.shape == (len(s), L)
        if s:
            np.testing.assert_allclose(got, _reference(arrays, s), rtol=1e-4, atol=1e-4)
    # one sentence at a time (other batch shapes, a warm cache) gives the same
    for s, got in zip(SENTENCES, together):
        np.testing.assert_allclose(net.emissions([s], None)[0], got, rtol=1e-5, atol=1e-5)


def test_tag_rates_are_not_read_by_the_network():
    assert not any(a.startswith(("tp=", "to=", "tl=")) for a in network_attributes("محمد", Model.load().clusters))


def test_network_scores_change_the_tags_as_weighted():
    model = Model.load()
    arrays = _arrays()
    tagger = Tagger(model)
    plain = tagger.tag(SENTENCES, consistent=False)
    tagger.neural, tagger.neural_weight = neural_of(arrays), 0.0
    assert tagger.tag(SENTENCES, consistent=False) == plain
    # a network that puts every token in a place, weighted far above the CRF
    arrays["nn_out_w"][:] = 0
    arrays["nn_out_b"][:] = -50
    arrays["nn_out_b"][model.labels.index("B-LOC")] = 50
    arrays["nn_trans"][:] = 0
    tagger = Tagger(model)
    tagger.neural, tagger.neural_weight = neural_of(arrays), 10.0
    assert tagger.tag(SENTENCES, consistent=False) == [["B-LOC"] * len(s) for s in SENTENCES]


def test_int8_embeddings_give_nearly_the_same_scores():
    arrays = _arrays()
    exact = neural_of(arrays).emissions(SENTENCES, None)
    small = arrays | quantized(arrays["nn_emb"].astype(np.float32))
    assert small["nn_emb"].dtype == np.int8
    for a, b in zip(exact, neural_of(small).emissions(SENTENCES, None)):
        np.testing.assert_allclose(a, b, atol=0.05 * max(1.0, float(np.abs(a).max(initial=0))))
