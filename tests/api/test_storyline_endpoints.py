"""Storylines and events over the API: listed with true totals, sorted, filtered, opened."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.model import Article
from khabar_testdata import commit_market_storylines

D1, D2, D3 = dt.date(2024, 3, 5), dt.date(2024, 3, 6), dt.date(2024, 3, 9)
FIRE = Article.create(title="حريق في سوق الحبال", body="اندلع حريق في سوق الحبال القديم فجرا.", outlet="إذاعة السهل", published=D1)
FIRE2 = Article.create(title="النيران تلتهم السوق", body="التهمت النيران عشرات المحال في السوق.", outlet="صحيفة الغد", published=D1)
AID = Article.create(title="تعويضات لتجار السوق", body="أعلنت البلدية تعويض التجار المتضررين من الحريق.", outlet="صحيفة الغد", published=D2)
VOTE = Article.create(title="انتخابات المجلس البلدي", body="بدأ التصويت في انتخابات المجلس البلدي صباحا.", outlet="وكالة الشرق", published=D3)
LOOSE = Article.create(title="خبر بلا مصدر ولا تاريخ", body="نص قصير بلا مصدر ولا تاريخ.")


@pytest.fixture
def grouped(store):
    """Two storylines (the fire and its compensation; the vote) and an undated, outlet-less one."""
    return commit_market_storylines(store, FIRE, FIRE2, AID, VOTE, LOOSE)


def test_storylines_list_every_one_newest_first_with_a_true_total(client, grouped):
    body = client.get("/api/storylines", params={"limit": 2}).json()
    assert [i["id"] for i in body["items"]] == ["l3", "l1"] and body["total"] == 3 and body["next_offset"] == 2
    assert client.get("/api/storylines", params={"offset": 2}).json()["items"][0]["id"] == "l4"  # undated: last


def test_storylines_sort_by_size_and_filter_by_outlet_days_and_size(client, grouped):
    get = lambda **p: [i["id"] for i in client.get("/api/storylines", params=p).json()["items"]]  # noqa: E731
    assert get(sort="size") == ["l1", "l3", "l4"]
    assert get(outlet="وكالة الشرق") == ["l3"]
    assert get(since="2024-03-06", until="2024-03-08") == ["l1"]
    assert get(min_size=2) == ["l1"]


def test_a_storyline_has_its_events_in_time_order_and_coverage_by_outlet(client, grouped):
    body = client.get("/api/storylines/l1").json()
    assert [e["id"] for e in body["events"]] == ["s1", "s2"] and body["event_count"] == 2 and body["size"] == 3
    assert [(c["outlet"], c["articles"]) for c in body["coverage"]] == [("صحيفة الغد", 2), ("إذاعة السهل", 1)]
    assert [(c["label"], c["articles"]) for c in body["events"][0]["coverage"]] == [("إذاعة السهل", 1), ("صحيفة الغد", 1)]


def test_an_unknown_outlet_is_labelled_in_the_asked_language(client, grouped):
    assert client.get("/api/storylines/l4").json()["coverage"][0]["label"] == "مصدر غير معروف"
    assert client.get("/api/storylines/l4", params={"lang": "en"}).json()["coverage"][0]["label"] == "unknown outlet"


def test_an_event_names_its_storyline_and_articles(client, grouped):
    body = client.get("/api/events/s1").json()
    assert body["storyline"] == "l1" and sorted(body["article_ids"]) == sorted([FIRE.id, FIRE2.id])
    assert [i["id"] for i in client.get("/api/events", params={"sort": "size"}).json()["items"]][0] == "s1"


def test_unknown_storyline_and_event_are_404(client, grouped, error_shape):
    error_shape(client.get("/api/storylines/l-none"), 404)
    error_shape(client.get("/api/events/s-none"), 404)


def test_brief_of_an_event_or_a_storyline_over_the_api(client, grouped):
    event = client.get("/api/brief", params={"event": "s2"}).json()
    assert [a["id"] for a in event["articles"]] == [AID.id]
    line = client.get("/api/brief", params={"story": "l1"}).json()
    assert sorted(a["id"] for a in line["articles"]) == sorted([FIRE.id, FIRE2.id, AID.id])


def test_brief_of_an_event_and_a_storyline_at_once_is_400(client, grouped, error_shape):
    error_shape(client.get("/api/brief", params={"event": "s2", "story": "l1"}), 400)


def test_a_storyline_brief_is_built_from_its_events_in_time_order(app, client, grouped):
    from khabar.api.deps import get_brief_builder

    seen = []

    def recording(articles, options, events=None):
        from khabar.event_brief import build_event_brief

        seen.append(events)
        return build_event_brief(articles, options=options, events=events)

    app.dependency_overrides[get_brief_builder] = lambda: recording
    try:
        body = client.get("/api/brief", params={"story": "l1"}).json()
        client.get("/api/brief", params={"event": "s1"})
    finally:
        app.dependency_overrides.pop(get_brief_builder)
    assert [set(e) for e in seen[0]] == [{FIRE.id, FIRE2.id}, {AID.id}]
    assert seen[1] is None  # an event alone is one event
    texts = [s["text"] for s in body["summary"]]
    assert any("حريق" in t or "النيران" in t for t in texts) and "تعويض" in texts[-1]
