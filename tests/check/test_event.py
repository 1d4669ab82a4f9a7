"""An article that never names the claim's place is of another event (check/event.py)."""

from __future__ import annotations

import datetime as dt

from khabar.check import check_claim
from khabar.check.event import claim_places, elsewhere, names_a_place, within_event
from khabar.model import Article

CLAIM = "نحو 100 ألف مدني ما زالوا محاصرين في شرق حلب"


def _article(title: str, body: str) -> Article:
    return Article.create(title=title, body=body, outlet="إذاعة الشرق", published=dt.date(2016, 12, 13))


HERE = _article("المحاصرون في حلب", "قالت الأمم المتحدة إن نحو مئة ألف مدني ما زالوا محاصرين في الأحياء الشرقية لحلب.")
THERE = _article("المحاصرون في وادي النهر", "قالت الأمم المتحدة إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي وادي النهر.")


def test_the_claim_s_places_are_read_by_their_keys() -> None:
    assert claim_places(CLAIM) == (("حلب",),)
    assert claim_places("ارتفعت حصيلة القتلى إلى 17") == ()


def test_a_place_is_named_with_its_proclitics() -> None:
    places = claim_places(CLAIM)
    assert names_a_place("وصلت القافلة إلى أطراف مدينة بحلب أمس", places)
    assert names_a_place("وحلب تنتظر", places)
    assert not names_a_place("وصلت القافلة إلى حلبا في لبنان", places)


def test_an_article_of_another_place_takes_no_side() -> None:
    assert not elsewhere(CLAIM, HERE) and elsewhere(CLAIM, THERE)
    assert within_event(CLAIM, THERE, "agree", 0.9) == "unrelated"
    assert within_event(CLAIM, THERE, "discuss", 0.5) == "unrelated"
    assert within_event(CLAIM, HERE, "agree", 0.9) == "agree"


def test_the_claim_s_own_report_with_the_place_changed_still_disagrees() -> None:
    assert within_event(CLAIM, THERE, "disagree", 0.8) == "disagree"
    assert within_event(CLAIM, THERE, "disagree", 0.3) == "unrelated"


def test_a_claim_without_a_place_keeps_every_stance() -> None:
    assert within_event("ما زال نحو 100 ألف مدني محاصرين", THERE, "agree", 0.9) == "agree"


def test_a_check_cites_no_article_of_another_place() -> None:
    result = check_claim(CLAIM, [HERE, THERE], model="rules")
    stance = {a.article_id: a.stance for a in result.articles}
    assert stance[THERE.id] == "unrelated" and not next(a for a in result.articles if a.article_id == THERE.id).evidence
    assert stance[HERE.id] != "unrelated"
    assert result.verdict.agree + result.verdict.disagree + result.verdict.discuss <= 1
