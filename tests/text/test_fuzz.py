"""A quick fuzz of the text core: a few dozen generated texts per function, each within a
deadline (the long run, 5,000 per function, is ``benchmarks/fuzz_text.py``)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from khabar_fuzz import CHECKS, texts


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_core_function_keeps_its_promises_on_any_text(name: str) -> None:
    check = CHECKS[name]

    # 1 s a case in the long run; here 5 s, for a machine shared by a whole test run
    @settings(
        max_examples=25, deadline=5000, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(texts())
    def run(text: str) -> None:
        check(text)

    run()
