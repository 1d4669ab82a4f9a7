"""The numpy classifier: it learns, round-trips through arrays, and tunes offsets on held-out rows."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.check.network import Network, fit_network, macro_f1, one_blas_thread, tune_offsets


def _data(n: int = 300, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 4))
    y = ["a" if r[0] + r[1] > 0.5 else "b" if r[2] > 0 else "c" for r in x]
    return x, y


@pytest.mark.parametrize("hidden", [0, 8])
def test_fits_a_separable_problem(hidden: int) -> None:
    x, y = _data()
    net = fit_network(x, y, labels=("a", "b", "c"), hidden=hidden, l2=0.1)
    xt, yt = _data(seed=1)
    assert np.mean(np.array(net.predict(xt)) == np.array(yt)) > 0.85


def test_round_trip_through_arrays_keeps_predictions() -> None:
    x, y = _data()
    net = fit_network(x, y, labels=("a", "b", "c"), hidden=8).with_offsets(np.array([0.0, 0.5, -0.5]))
    back = Network.from_arrays(("a", "b", "c"), net.arrays("head"), "head")
    np.testing.assert_allclose(back.probabilities(x), net.probabilities(x), rtol=1e-5, atol=1e-6)


def test_arrays_that_do_not_fit_are_refused() -> None:
    x, y = _data()
    arrays = fit_network(x, y, labels=("a", "b", "c")).arrays("head")
    arrays["head.w0"] = arrays["head.w0"][:, :3]
    with pytest.raises(ValueError):
        Network.from_arrays(("a", "b", "c"), arrays, "head")


def test_offsets_raise_macro_f1_of_a_rare_label() -> None:
    rng = np.random.default_rng(2)
    gold = ["rare" if rng.random() < 0.1 else "common" for _ in range(400)]
    logits = np.array([[0.0, 0.6 if g == "rare" else -0.4] for g in gold]) + rng.normal(0, 0.3, (400, 2))
    logits[:, 1] -= 1.0  # the rare label is never predicted without an offset
    labels = ("common", "rare")
    before = macro_f1([labels.index(g) for g in gold], logits.argmax(1), 2)
    off = tune_offsets(logits, gold, labels)
    after = macro_f1([labels.index(g) for g in gold], (logits + off).argmax(1), 2)
    assert off[0] == 0.0 and after > before + 0.15


def test_training_holds_blas_to_one_thread_and_gives_it_back() -> None:
    from threadpoolctl import threadpool_info

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()

    @one_blas_thread
    def train() -> list[int]:
        return blas_threads()

    inside = train()
    assert inside and all(n == 1 for n in inside)
    assert blas_threads() == before
