"""The linearity check itself: it passes a linear path and fails a quadratic one."""

from __future__ import annotations

import pytest

from khabar_timing import assert_linear


def _linear(text: str) -> int:
    return sum(1 for char in text if char == " ")


def _quadratic(text: str) -> int:
    n = len(text) // 10
    return sum(1 for i in range(n) for j in range(n) if i == j)


def test_a_linear_path_passes() -> None:
    assert_linear(_linear, " اثنان" * 20_000)


def test_a_quadratic_path_fails() -> None:
    # One pair (runs=1): the check keeps the calmest of its pairs, which favours a pass, so with
    # three pairs one 1x run slowed twice over by a loaded machine let this quadratic path
    # through (session 31, a landing at load ~12); a single pair needs that very run slowed.
    with pytest.raises(AssertionError, match="_quadratic"):
        assert_linear(_quadratic, " اثنان" * 1_000, runs=1)
