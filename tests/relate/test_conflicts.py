import datetime as dt

from khabar.model import Claim
from khabar.config import ConflictOptions
from khabar.relate.conflicts import claim_range, find_conflicts, ranges_overlap

D14 = dt.date(2023, 11, 14)
D16 = dt.date(2023, 11, 16)


def claim(cid, article, value=None, *, low=None, high=None, category="trapped", subject="civilians",
          place=None, source=None, date=D14, approximate=False):
    if value is not None and low is None and high is None:
        low = high = value
    return Claim(id=cid, article_id=article, sentence_index=0, start=0, end=1, text=str(value or low or high),
                 value=value, low=low, high=high, approximate=approximate, category=category,
                 subject=subject, place=place, source=source, date=date)


def test_open_ranges_follow_the_hedge():
    assert claim_range(claim("a", "x", 100, low=100)) == (100, float("inf"))
    assert claim_range(claim("a", "x", 15, high=15)) == (float("-inf"), 15)


def test_round_figures_within_tolerance_agree():
    assert ranges_overlap(claim("a", "x", 40000), claim("b", "y", 42000), tolerance=0.1)
    assert not ranges_overlap(claim("a", "x", 40000), claim("b", "y", 75000, low=75000, high=None), tolerance=0.1)


def test_same_day_different_figures_from_different_sources_conflict():
    claims = [
        claim("a", "x", 40000, source="الأمم المتحدة"),
        claim("b", "y", 75000, low=75000, source="المجلس المحلي"),
        claim("c", "z", 15000, high=15000, source="المحافظ"),
    ]
    (c,) = find_conflicts(claims)
    assert c.kind == "conflict" and set(c.claim_ids) == {"a", "b", "c"}


def test_same_figure_from_two_sources_is_an_agreement():
    (c,) = find_conflicts([claim("a", "x", 40000, source="الأمم المتحدة"), claim("b", "y", 40000, source="الهلال الأحمر")])
    assert c.kind == "agreement"


def test_different_days_show_change_over_time_not_conflict():
    claims = [claim("a", "x", 12000, category="displaced", source="أوتشا"),
              claim("b", "y", 27000, category="displaced", source="أوتشا", date=D16)]
    kinds = [c.kind for c in find_conflicts(claims)]
    assert kinds == ["change_over_time"]


def test_different_categories_never_conflict():
    claims = [claim("a", "x", 5, category="killed", place="كفر سالم"), claim("b", "y", 40000, category="trapped")]
    assert find_conflicts(claims) == []


def test_same_category_in_different_places_never_conflict():
    claims = [claim("a", "x", 60, category="killed", place="حلب"), claim("b", "y", 50, category="killed", place="حماة")]
    assert find_conflicts(claims) == []


def test_claim_without_place_joins_the_only_known_place():
    claims = [claim("a", "x", 60, category="killed", place="حلب"), claim("b", "y", 90, category="killed")]
    (c,) = find_conflicts(claims)
    assert c.place == "حلب" and c.kind == "conflict"


def test_children_and_civilians_are_different_quantities():
    claims = [claim("a", "x", 50, category="killed", subject="civilians"),
              claim("b", "y", 11, category="killed", subject="children")]
    assert find_conflicts(claims) == []


def test_figures_within_one_article_alone_are_not_compared():
    claims = [claim("a", "x", 50, category="killed"), claim("b", "x", 80, category="killed")]
    assert find_conflicts(claims) == []


def test_undated_claims_share_one_period():
    claims = [claim("a", "x", 50000, date=None), claim("b", "y", 100000, low=100000, date=None)]
    (c,) = find_conflicts(claims)
    assert c.kind == "conflict"


def test_period_days_groups_neighbouring_days():
    claims = [claim("a", "x", 40000), claim("b", "y", 90000, date=D14 + dt.timedelta(days=1))]
    assert [c.kind for c in find_conflicts(claims, options=ConflictOptions(period_days=1))] == ["conflict"]
    assert [c.kind for c in find_conflicts(claims, options=ConflictOptions(period_days=0))] == ["change_over_time"]


def test_a_daily_series_does_not_chain_into_one_period():
    claims = [claim("a", "x", 23, category="killed", date=dt.date(2023, 11, 12)),
              claim("b", "y", 30, category="killed", date=dt.date(2023, 11, 13)),
              claim("c", "z", 60, category="killed", date=dt.date(2023, 11, 14))]
    conflicts = find_conflicts(claims, options=ConflictOptions(period_days=1))
    same_period = [c for c in conflicts if c.kind != "change_over_time"]
    assert [set(c.claim_ids) for c in same_period] == [{"a", "b"}]


def test_claim_without_place_joins_the_majority_place():
    claims = [claim("a", "x", 60, category="killed", place="حلب"), claim("b", "y", 70, category="killed", place="حلب"),
              claim("c", "z", 9, category="killed", place="إسطنبول"), claim("d", "w", 300, category="killed")]
    groups = {frozenset(c.claim_ids) for c in find_conflicts(claims)}
    assert frozenset({"a", "b", "d"}) in groups


def test_claim_without_place_stays_apart_when_no_place_dominates():
    claims = [claim("a", "x", 60, category="killed", place="حلب"), claim("c", "z", 9, category="killed", place="حماة"),
              claim("d", "w", 300, category="killed"), claim("e", "v", 30, category="killed")]
    groups = {frozenset(c.claim_ids) for c in find_conflicts(claims)}
    assert groups == {frozenset({"d", "e"})}
