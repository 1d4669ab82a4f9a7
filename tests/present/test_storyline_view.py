"""The view of storylines and events: coverage bars, the storyline's timeline plot."""

from __future__ import annotations

import datetime as dt

from khabar.present.rows import outlet_name
from khabar.present.view import coverage_bar, outlet_color, storyline_plot
from khabar.store import StoryRow

D = dt.date(2024, 3, 5)


def test_a_coverage_bar_splits_its_width_by_each_outlets_share():
    bar = coverage_bar(
        [{"outlet": "صحيفة الغد", "articles": 3, "from_file": False}, {"outlet": None, "articles": 1, "from_file": False}],
        lang="ar", width=100,
    )
    (big, small) = bar["segments"]
    assert (big["x"], small["x"]) == (0, 75) and big["w"] == 74 and small["w"] == 24
    assert small["name"] == "مصدر غير معروف" and big["color"] == outlet_color("صحيفة الغد")


def test_the_file_name_stands_in_for_an_unknown_outlet():
    assert outlet_name(None, "feeds/2016/sawt.txt") == "sawt.txt"
    assert outlet_name(None, "C:\\news\\sawt.txt") == "sawt.txt"
    assert outlet_name("وكالة الشرق", "a.txt") == "وكالة الشرق"
    assert outlet_name(None, "<stdin>") is None and outlet_name(None, "https://x.org/a") is None


def test_the_plot_places_events_in_time_and_sizes_their_dots():
    events = [
        StoryRow("s1", "حريق", D, D + dt.timedelta(days=2), 5),
        StoryRow("s2", "تعويضات", D + dt.timedelta(days=4), D + dt.timedelta(days=4), 1),
        StoryRow("s3", "بلا تاريخ", None, None, 1),
    ]
    plot = storyline_plot(events, lang="ar", brief_href=lambda e: f"/brief?event={e}")
    first, second = plot["rows"]
    assert first["x1"] < first["x2"] < second["x1"] == second["x2"]
    assert first["r"] > second["r"] and first["href"] == "/brief?event=s1"
    assert plot["undated"] == ["s3"] and [t["label"] for t in plot["ticks"]][0] == D.isoformat()


def test_no_plot_without_a_dated_event():
    assert storyline_plot([StoryRow("s1", "x", None, None, 1)], lang="en", brief_href=str) is None


def test_a_card_shows_the_latest_events_in_time_order_and_says_how_many_are_left_out():
    from khabar.present.view import storyline_card
    from khabar.store import StorylineRow

    days = [D + dt.timedelta(days=k) for k in range(5)]
    events = [StoryRow(f"s{k}", f"حدث {k}", d, d, 1) for k, d in enumerate(days)] + [StoryRow("sx", "بلا تاريخ", None, None, 1)]
    line = StorylineRow("l0", "حدث 0", days[0], days[-1], 6, 6)
    card = storyline_card(line, events, [], lang="ar", href="/storylines/l0", brief_href=str, latest=3)
    assert [e["id"] for e in card["events"]] == ["s2", "s3", "s4"] and card["more_events"] == 3
    assert storyline_card(line, events, [], lang="ar", href="", brief_href=str)["more_events"] == 0
