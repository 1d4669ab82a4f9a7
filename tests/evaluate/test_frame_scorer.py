"""The frame scorer (khabar.evaluate.frames) on a small gold file written for these tests."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from khabar.evaluate.frames import resolve_frames, score_frames
from khabar.model import (
    UNATTRIBUTED,
    Article,
    Claim,
    EventBrief,
    FigureRelation,
    FigureSpan,
    Position,
    Quantity,
    SourceLink,
)

A = Article.create(title="", body="وثق المرصد مقتل 23 مدنيا بينهم 7 أطفال في السوق يوم الأحد.")
B = Article.create(title="", body="وقال الدفاع المدني إن فرقه انتشلت قرابة 30 جثة، في القصف الذي وقع عام 2023.")
DAY = dt.date(2023, 11, 12)
GOLD = {
    "articles": [
        {"path": "a", "event": "e", "split": "dev", "figures": [
            {"id": "a23", "key": "23 مدنيا", "value": 23, "qualifier": "exact", "category": "killed", "group": "civilians",
             "place": "السوق", "span": {"type": "day", "date": "2023-11-12"}, "cumulative": False, "relation": "none",
             "source": ["المرصد"]},
            {"id": "a7", "key": "7 أطفال", "value": 7, "qualifier": "exact", "category": "killed", "group": "children",
             "place": "السوق", "span": {"type": "day", "date": "2023-11-12"}, "cumulative": False,
             "relation": {"breakdown_of": "a23"}, "source": ["المرصد"]}],
         "not_claims": []},
        {"path": "b", "event": "e", "split": "test", "figures": [
            {"id": "b30", "key": "قرابة 30 جثة", "value": 30, "qualifier": "about", "category": "killed", "group": "people",
             "place": "السوق", "span": {"type": "day", "date": "2023-11-12"}, "cumulative": False, "relation": "none",
             "source": [["الدفاع المدني", "فرقه"]]}],
         "not_claims": [{"key": "عام 2023", "kind": "year"}]},
    ],
    "events": [{"event": "e", "conflicts": [{"about": "toll", "sides": [["a23"], ["b30"]]}],
                "not_conflicts": [{"pair": ["a7", "a23"], "why": "breakdown"}]}],
}


def _claim(article: Article, cid: str, key: str, value: float, **frame) -> Claim:
    start = article.text.index(key)
    return Claim(cid, article.id, 0, start, start + len(key), key, value, value, value, date=DAY,
                 span=FigureSpan("day", DAY), **frame)


@pytest.fixture()
def gold():
    return resolve_frames(GOLD, load={"a": A, "b": B}.__getitem__)


def _brief(claims, quantities=()):
    return EventBrief(articles=(), claims=tuple(claims), quantities=tuple(quantities))


def test_a_split_keeps_its_articles_and_their_events(gold):
    articles, events = resolve_frames(GOLD, load={"a": A, "b": B}.__getitem__, split="test")
    assert [a.path for a in articles] == ["b"] and [e.event for e in events] == ["e"]


def test_matched_figures_are_scored_field_by_field(gold):
    articles, events = gold
    observatory = (SourceLink("المرصد", "organisation"),)
    claims = [
        _claim(A, "c23", "23", 23, category="killed", group="civilians", place="السوق", source_chain=observatory),
        _claim(A, "c7", "7", 7, category="killed", group="children", place="السوق", source_chain=observatory,
               relation=FigureRelation("breakdown_of", "c23")),
        _claim(B, "c30", "قرابة 30", 30, qualifier="about", category="killed", group="bodies", place="السوق",
               source_chain=UNATTRIBUTED),
        _claim(B, "c2023", "2023", 2023, category="other"),
    ]
    s = score_frames(articles, events, [_brief(claims)])
    assert (s.claims.gold, s.claims.predicted, s.claims.matched) == (3, 4, 3)
    assert s.fields["relation"] == (3, 3)  # the breakdown points at the matched total
    assert s.fields["group"] == (2, 3)  # "bodies" is not "people"
    assert s.fields["source"] == (2, 3) and s.attribution == pytest.approx(2 / 3)
    assert s.not_claims == {"year": 1}


def test_conflict_pairs_are_scored_against_the_sides(gold):
    articles, events = gold
    claims = [_claim(A, "c23", "23", 23, source_chain=(SourceLink("المرصد", "organisation"),)),
              _claim(A, "c7", "7", 7, source_chain=(SourceLink("المرصد", "organisation"),)),
              _claim(B, "c30", "قرابة 30", 30, source_chain=(SourceLink("الدفاع المدني", "organisation"),))]
    right = Quantity("q", "killed", ("c23", "c30"), "conflict",
                     positions=(Position(("c23",), ("المرصد",)), Position(("c30",), ("الدفاع المدني",))), disputes=((0, 1),))
    s = score_frames(articles, events, [_brief(claims, [right])])
    assert (s.conflicts.precision, s.conflicts.recall, s.bad_sources) == (1.0, 1.0, 0)
    wrong = Quantity("q", "killed", ("c23", "c7"), "conflict",
                     positions=(Position(("c23",), ("المرصد",)), Position(("c7",), ("المرصد",))), disputes=((0, 1),))
    s = score_frames(articles, events, [_brief(claims, [wrong])])
    assert (s.conflicts.precision, s.conflicts.recall) == (0.0, 0.0)
    assert s.wrong_pairs == {"breakdown": 1}


def test_figures_shown_as_one_value_are_scored_against_the_gold_repeats():
    text = "سجلت المدينة 12 إصابة جديدة، وفي القرية 12 إصابة أيضا. وأكدت الوزارة تسجيل 12 إصابة في المدينة."
    art = Article.create(title="", body=text)
    fig = {"qualifier": "exact", "category": "other", "group": "cases", "span": {"type": "unknown"},
           "cumulative": False, "source": ["unattributed"]}
    gold = {"articles": [{"path": "r", "event": "e", "split": "dev", "not_claims": [], "figures": [
        {**fig, "id": "city", "key": "12 إصابة جديدة", "value": 12, "place": "المدينة", "relation": "none"},
        {**fig, "id": "village", "key": "12 إصابة أيضا", "value": 12, "place": "القرية", "relation": "none"},
        {**fig, "id": "again", "key": "12 إصابة في", "value": 12, "place": "المدينة", "relation": {"same_as": "city"}}]}],
        "events": [{"event": "e", "conflicts": [], "not_conflicts": []}]}
    articles, events = resolve_frames(gold, load={"r": art}.__getitem__)
    at = [m.start() for m in re.finditer("12", text)]
    claims = [Claim(f"c{i}", art.id, 0, s, s + 2, "12", 12, 12, 12) for i, s in enumerate(at)]

    def shown(*positions):
        q = Quantity("q", "other", ("c0", "c1", "c2"), positions=tuple(Position(p, ()) for p in positions))
        return score_frames(articles, events, [_brief(claims, [q])]).same_figure

    right = shown(("c0", "c2"), ("c1",))  # the city's repeat joined, the village's 12 apart
    assert (right.precision, right.recall) == (1.0, 1.0)
    joined = shown(("c0", "c1", "c2"))  # every 12 told as one figure: two of three pairs are false
    assert (joined.predicted, joined.matched) == (3, 1) and joined.precision == pytest.approx(1 / 3)
    apart = shown(("c0",), ("c1",), ("c2",))
    assert (apart.predicted, apart.recall) == (0, 0.0)


def test_the_strict_rule_wants_the_whole_source_or_its_head():
    from khabar.evaluate.extraction import source_matches, source_matches_strictly

    observatory = ("المرصد السوري لحقوق الإنسان",)
    assert source_matches_strictly(observatory, "المرصد السوري لحقوق الإنسان")
    assert source_matches_strictly(observatory, "المرصد السوري")  # head and first modifier
    assert not source_matches_strictly(observatory, "المرصد")  # cut to one word
    assert source_matches(observatory, "المرصد")  # the lenient rule lets it pass
    sources = ("مصادر ميدانية",)
    assert source_matches_strictly(sources, "مصادر ميدانية للجزيرة")
    assert not source_matches_strictly(sources, "مصادر ميدانية للجزيرة باندلاع اشتباكات")  # the words around it
    assert source_matches(sources, "مصادر ميدانية للجزيرة باندلاع اشتباكات")
    assert not source_matches_strictly(("وزارة الدفاع",), "الدفاع")  # an inner part of a name
    assert source_matches_strictly(("سليم الهاشمي",), "الهاشمي", person=True)  # a person by the surname
    assert not source_matches_strictly(("سليم الهاشمي",), "الهاشمي")
    assert source_matches_strictly((), None) and not source_matches_strictly((), "المرصد")


def test_attribution_is_reported_lenient_and_strict(gold):
    articles, events = gold
    cut = (SourceLink("الدفاع", "organisation"),)  # a part of "الدفاع المدني"
    claims = [
        _claim(A, "c23", "23", 23, source_chain=(SourceLink("المرصد", "organisation"),)),
        _claim(A, "c7", "7", 7, source_chain=(SourceLink("المرصد", "organisation"),)),
        _claim(B, "c30", "قرابة 30", 30, qualifier="about", source_chain=cut),
    ]
    s = score_frames(articles, events, [_brief(claims)])
    assert s.attribution == 1.0
    assert s.attribution_strict == pytest.approx(2 / 3) and s.fields["source_strict"] == (2, 3)


def test_a_range_is_matched_by_its_lower_bound():
    # the gold writes a range with its lower bound as the value; the extractor gives only bounds
    r = Article.create(title="", body="وحصل التحالف على ما بين 31 و41 بالمئة من الأصوات.")
    gold = {"articles": [{"path": "r", "event": "r", "split": "dev", "figures": [
        {"id": "r31", "key": "ما بين 31 و41 بالمئة", "value": 31, "low": 31, "high": 41, "qualifier": "about",
         "category": "rate", "group": "percent", "span": {"type": "unknown"}, "cumulative": False, "relation": "none",
         "source": ["unattributed"]}], "not_claims": []}], "events": []}
    articles, events = resolve_frames(gold, load={"r": r}.__getitem__)
    key = "ما بين 31 و41 بالمئة"
    start = r.text.index(key)
    found = Claim("c", r.id, 0, start, start + len(key), key, None, 31, 41, qualifier="range", category="rate")
    assert score_frames(articles, events, [_brief([found])]).claims.matched == 1
    other = Claim("c", r.id, 0, start, start + len(key), key, None, 29, 41, qualifier="range", category="rate")
    assert score_frames(articles, events, [_brief([other])]).claims.matched == 0


def test_a_pool_of_two_splits_keeps_the_articles_of_both():
    articles, events = resolve_frames(GOLD, load={"a": A, "b": B}.__getitem__, split="dev,test")
    assert [a.path for a in articles] == ["a", "b"] and events[0].conflict_pairs == {frozenset({"a23", "b30"})}
