"""The aligned cues of the contradiction reader (``scripts/stance_contradiction.py``, an
experiment of ``scripts/stance_experiments.py``, session 10), on sentences written here."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from stance_contradiction import aligned  # noqa: E402
from khabar.check.features import claim_view


def _aligned(claim: str, sentence: str) -> tuple[float, float]:
    view = claim_view(claim)
    return aligned(view.text, view.terms, sentence)


def test_a_negation_counts_only_where_it_governs_one_of_the_claims_words() -> None:
    claim = "فتحت السلطات معبر الوادي أمام الشاحنات"
    assert _aligned(claim, "السلطات لم تفتح معبر الوادي حتى الآن")[0] == 1.0
    # a negation of something else in the same sentence is not the claim's
    assert _aligned(claim, "فتحت السلطات معبر الوادي ولم يعلق المسؤولون على القرار")[0] == 0.0
    # a claim that negates its own words is not contradicted by another negation
    assert _aligned("السلطات لم تفتح معبر الوادي", "السلطات لم تفتح معبر الوادي بعد")[0] == 0.0


def test_a_denial_counts_when_what_is_denied_holds_the_claims_words() -> None:
    claim = "وصلت وحدة عسكرية أجنبية إلى ميناء المدينة"
    assert _aligned(claim, "نفى المتحدث وصول أي وحدة عسكرية إلى الميناء")[1] == 1.0
    assert _aligned(claim, "نفى المتحدث تصريحات نسبت إليه عن الانتخابات")[1] == 0.0
