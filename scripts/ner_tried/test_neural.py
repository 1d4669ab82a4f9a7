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


def _window_arrays(seed: int = 5, *, width: int = 5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    lstm = _arrays(seed, vectors=True)
    keep = ("nn_keys", "nn_emb", "nn_vec_keys", "nn_vecs", "nn_out_b", "nn_trans")
    return {k: lstm[k] for k in keep} | {
        "nn_conv_w": rng.normal(size=(H, D + V, width)).astype(np.float32),
        "nn_conv_b": rng.normal(size=H).astype(np.float32),
        "nn_out_w": rng.normal(size=(L, H)).astype(np.float32),
    }


def _window_reference(arrays, tokens: list[str]) -> np.ndarray:
    """The window network's scores for one sentence, one token at a time, as torch's
    Conv1d with zero padding defines them; it reads no gazetteer phrases."""
    from khabar.extract.tagger.crf import name_word

    emb = arrays["nn_emb"].astype(np.float64)

    def token_input(t):
        rows = find_rows(arrays["nn_keys"], [stable_hash(a) for a in network_attributes(t, None)])
        row = find_rows(arrays["nn_vec_keys"], [stable_hash(name_word(t))])[0]
        vec = arrays["nn_vecs"][row] / 127.0 if row >= 0 else np.zeros(V)
        return np.concatenate([emb[rows[rows >= 0]].sum(axis=0), vec])

    x = [token_input(t) for t in tokens]
    conv = arrays["nn_conv_w"]
    half = conv.shape[2] // 2
    out = []
    for i in range(len(x)):
        h = arrays["nn_conv_b"].astype(np.float64).copy()
        for k in range(conv.shape[2]):
            if 0 <= i + k - half < len(x):
                h += conv[:, :, k] @ x[i + k - half]
        out.append(np.maximum(h, 0) @ arrays["nn_out_w"].T + arrays["nn_out_b"])
    return np.array(out)


@pytest.mark.parametrize("width", [3, 5])
def test_window_network_matches_a_token_by_token_convolution(width):
    arrays = _window_arrays(width=width)
    net = neural_of(arrays)
    assert type(net).__name__ == "Window"
    together = net.emissions(SENTENCES, None)
    for s, got in zip(SENTENCES, together):
        assert got.shape == (len(s), L)
        if s:  # no window reads across a sentence's edge
            np.testing.assert_allclose(got, _window_reference(arrays, s), rtol=1e-4, atol=1e-4)
    for s, got in zip(SENTENCES, together):
        np.testing.assert_allclose(net.emissions([s], None)[0], got, rtol=1e-5, atol=1e-5)


def test_window_scores_on_the_taggers_rows_are_its_emissions():
    """The tagger's layout (each sentence between two padding rows each side, the
    projections of its rows) gives the same scores as the network on the sentences."""
    net = neural_of(_window_arrays())
    rows, at = [], []
    for s in SENTENCES:
        rows += ["", ""]
        at.append(len(rows))
        rows += s
        rows += ["", ""]
    scores = net.scores(net.project(rows, None), np.arange(len(rows)))
    for s, a, want in zip(SENTENCES, at, net.emissions(SENTENCES, None)):
        np.testing.assert_allclose(scores[a : a + len(s)], want, rtol=1e-5, atol=1e-5)


def test_window_network_in_the_tagger_changes_tags_as_weighted_whatever_it_saw_before():
    model = Model.load()
    arrays = _window_arrays()
    for k in ("nn_vec_keys", "nn_vecs"):  # a network without word vectors reads the attributes only
        del arrays[k]
    arrays["nn_conv_w"] = arrays["nn_conv_w"][:, :D]
    fresh = Tagger(model)
    fresh.neural, fresh.neural_weight = neural_of(arrays), 0.7
    tags = fresh.tag(SENTENCES, consistent=False)
    warm = Tagger(model)
    warm.tag([["زار", "الوفد", "مدينة", "حلب", "."], *SENTENCES[:2]], consistent=False)  # rows before the network
    warm.neural, warm.neural_weight = neural_of(arrays), 0.7
    assert warm.tag(SENTENCES, consistent=False) == tags
    assert warm.tag(SENTENCES, consistent=False) == tags  # its rows' projections kept
    arrays["nn_out_w"][:] = 0
    arrays["nn_out_b"][:] = -50
    arrays["nn_out_b"][model.labels.index("B-LOC")] = 50
    arrays["nn_trans"][:] = 0
    warm.neural, warm.neural_weight = neural_of(arrays), 10.0  # another network: projections anew
    assert warm.tag(SENTENCES, consistent=False) == [["B-LOC"] * len(s) for s in SENTENCES]
