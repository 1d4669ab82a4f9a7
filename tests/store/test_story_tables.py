"""The story tables: signatures, stories, assignments and the clusterer's state round-trip."""

from __future__ import annotations

import datetime as dt

import pytest

from khabar.errors import StoreError
from khabar.model import Article
from khabar.store import open_store
from khabar.store import StoryRow

D1, D2 = dt.date(2024, 3, 5), dt.date(2024, 3, 6)
A = Article.create(title="حريق في سوق الحبال", body="اندلع حريق في سوق الحبال القديم.", outlet="إذاعة السهل", published=D1)
B = Article.create(title="النيران تلتهم السوق", body="التهمت النيران عشرات المحال في السوق.", outlet="صحيفة الغد", published=D2)
C = Article.create(title="بلا تاريخ", body="خبر قصير بلا تاريخ عن السوق.", outlet="صحيفة الغد")


@pytest.fixture()
def store(tmp_path):
    with open_store(tmp_path / "s.sqlite3") as s:
        s.add([A, B, C])
        yield s


def test_signatures_round_trip_as_bytes_with_their_article_metadata(store):
    store.save_signatures([(A.id, b"\x01" * 16, None), (B.id, b"\x02" * 16, None)])
    rows = store.load_signatures()
    assert [(r.article_id, r.published, r.outlet, r.signature) for r in rows] == [
        (A.id, D1, A.outlet, b"\x01" * 16),
        (B.id, D2, B.outlet, b"\x02" * 16),
    ]


def test_load_signatures_since_leaves_out_older_and_undated(store):
    store.save_signatures([(a.id, b"\x00" * 8, None) for a in (A, B, C)])
    assert [r.article_id for r in store.load_signatures(since=D2)] == [B.id]


def test_an_unsignable_article_keeps_its_problem_and_is_not_unsigned_any_more(store):
    store.save_signatures([(C.id, None, "too few words")])
    assert store.signature_problems() == [(C.id, "too few words")]
    assert C.id not in {a.id for a in store.unsigned_articles()}
    assert store.load_signatures() == []


def test_a_signature_row_needs_exactly_one_of_signature_and_problem(store):
    with pytest.raises(StoreError):
        store.save_signatures([(A.id, None, None)])


def test_stories_and_assignments_round_trip_with_their_outlet_count(store):
    story = StoryRow("s" + A.id, A.title, D1, D2, 2)
    store.commit_stories(assignments=[(A.id, story.id), (B.id, story.id)], stories=[story], state=b"state")
    assert store.stories() == [StoryRow(story.id, A.title, D1, D2, 2, outlets=2, storyline="l" + A.id)]
    assert [a.id for a in store.story_articles(story.id)] == [A.id, B.id]
    assert store.story_of(B.id) == story.id and store.load_story_index_state() == b"state"


def test_stories_filter_by_size_and_outlets(store):
    big = StoryRow("s1", "x", D1, D2, 2)
    small = StoryRow("s2", "y", None, None, 1)
    store.commit_stories(assignments=[(A.id, "s1"), (B.id, "s1"), (C.id, "s2")], stories=[big, small])
    assert [s.id for s in store.stories(min_size=2)] == ["s1"]
    assert [s.id for s in store.stories(min_outlets=2)] == ["s1"]
    assert store.count_stories() == 2 and store.count_stories(min_outlets=2) == 1


def test_reset_forgets_stories_but_keeps_articles(store):
    store.commit_stories(assignments=[(A.id, "s1")], stories=[StoryRow("s1", "x", D1, D1, 1)], state=b"x")
    store.reset_stories()
    assert store.stories() == [] and store.assignments() == {} and store.load_story_index_state() is None
    assert store.count() == 3


def test_keyset_pages_walk_every_unsigned_article_once_in_order(tmp_path):
    import datetime as _dt

    from khabar.model import Article as _Article
    from khabar.store import open_store as _open

    arts = [
        _Article.create(
            title=f"تقرير رقم {i} عن الأوضاع",
            body=f"نص التقرير رقم {i} عن الأوضاع الإنسانية في المدينة المحاصرة والقصف المتواصل.",
            published=None if i % 4 == 0 else _dt.date(2023, 11, 1 + i % 5),
        )
        for i in range(23)
    ]
    with _open(tmp_path / "k.sqlite3") as store:
        store.add(arts)
        whole = [a.id for a in store.unsigned_articles(limit=100)]
        paged, cursor = [], None
        while page := store.unsigned_articles(limit=4, after=cursor):
            paged += [a.id for a in page]
            cursor = (page[-1].published, page[-1].id)
    assert paged == whole and len(set(paged)) == 23
    dated = [a for a in arts if a.published]
    assert whole[: len(dated)] == [a.id for a in sorted(dated, key=lambda a: (a.published, a.id))]


# --- events and storylines -------------------------------------------------------------

UNKNOWN = Article.create(title="خبر بلا مصدر", body="خبر قصير عن السوق بلا مصدر معروف.", source="/tmp/feed/sawt.txt")


def test_events_name_their_storyline_and_a_storyline_row_sums_its_events(store):
    first = StoryRow("s1", "الحريق", D1, D1, 1, storyline="l1")
    second = StoryRow("s2", "التعويضات", D2, D2, 1, storyline="l1")
    store.commit_stories(assignments=[(A.id, "s1"), (B.id, "s2")], stories=[first, second])
    (line,) = store.storylines()
    assert (line.id, line.title, line.first_day, line.last_day, line.size, line.events, line.outlets) == (
        "l1", "الحريق", D1, D2, 2, 2, 2
    )
    assert [e.id for e in store.storyline_events("l1")] == ["s1", "s2"]
    assert [a.id for a in store.storyline_articles("l1")] == [A.id, B.id]
    assert store.storyline_of("s2") == "l1" and store.story("s2").storyline == "l1"


def test_a_storyline_row_follows_its_events_across_batches(store):
    store.commit_stories(assignments=[(A.id, "s1")], stories=[StoryRow("s1", "الحريق", D1, D1, 1, storyline="l1")])
    store.commit_stories(assignments=[(B.id, "s1")], stories=[StoryRow("s1", "الحريق", D1, D2, 2, storyline="l1")])
    (line,) = store.storylines()
    assert (line.size, line.events, line.last_day) == (2, 1, D2)


def test_an_event_grouped_by_words_alone_is_a_storyline_of_its_own(store):
    store.commit_stories(assignments=[(A.id, "s" + A.id)], stories=[StoryRow("s" + A.id, A.title, D1, D1, 1)])
    assert [ln.id for ln in store.storylines()] == ["l" + A.id]


def test_undated_and_outletless_storylines_are_listed_and_counted_by_their_file(tmp_path):
    with open_store(tmp_path / "u.sqlite3") as store:
        store.add([A, UNKNOWN])
        store.commit_stories(
            assignments=[(A.id, "s1"), (UNKNOWN.id, "s2")],
            stories=[StoryRow("s1", A.title, D1, D1, 1, storyline="l1"), StoryRow("s2", UNKNOWN.title, None, None, 1, storyline="l2")],
        )
        assert [ln.id for ln in store.storylines()] == ["l1", "l2"]  # undated last, not left out
        assert store.storyline("l2").outlets == 1 and store.count_storylines() == 2
        assert store.coverage(["l2"])["l2"][0].source == "/tmp/feed/sawt.txt"


def test_storylines_sort_by_size_or_recency_and_filter_by_outlet_and_days(store):
    store.commit_stories(
        assignments=[(A.id, "s1"), (C.id, "s1"), (B.id, "s2")],
        stories=[StoryRow("s1", "x", D1, D1, 2, storyline="l1"), StoryRow("s2", "y", D2, D2, 1, storyline="l2")],
    )
    assert [ln.id for ln in store.storylines()] == ["l2", "l1"]
    assert [ln.id for ln in store.storylines(sort="size")] == ["l1", "l2"]
    assert [ln.id for ln in store.storylines(outlet=A.outlet)] == ["l1"]
    assert [ln.id for ln in store.storylines(since=D2)] == ["l2"]
    assert [ln.id for ln in store.storylines(until=D1)] == ["l1"]
    assert [ln.id for ln in store.storylines(min_size=2)] == ["l1"]
    assert store.count_storylines(outlet="صحيفة الغد") == 2 and store.count_storylines(since=D2, until=D2) == 1
    assert [e.id for e in store.stories(sort="size")] == ["s1", "s2"]
    assert [e.id for e in store.stories(storyline="l2")] == ["s2"]
    assert [e.id for e in store.stories(outlet=A.outlet)] == ["s1"] and store.count_stories(outlet=B.outlet) == 2


def test_coverage_counts_articles_per_outlet_most_first(store):
    store.commit_stories(
        assignments=[(A.id, "s1"), (B.id, "s1"), (C.id, "s2")],
        stories=[StoryRow("s1", "x", D1, D2, 2, storyline="l1"), StoryRow("s2", "y", None, None, 1, storyline="l1")],
    )
    cov = store.coverage(["l1"])["l1"]
    assert [(c.outlet, c.articles) for c in cov] == [("صحيفة الغد", 2), ("إذاعة السهل", 1)]
    assert [(c.outlet, c.articles) for c in store.coverage(["s2"], of="event")["s2"]] == [("صحيفة الغد", 1)]


def test_an_event_moved_to_another_storyline_leaves_no_empty_storyline(store):
    store.commit_stories(assignments=[(A.id, "s1")], stories=[StoryRow("s1", "x", D1, D1, 1, storyline="l1")])
    store.commit_stories(assignments=[], stories=[StoryRow("s1", "x", D1, D1, 1, storyline="l9")])
    assert [ln.id for ln in store.storylines()] == ["l9"]


def test_reset_forgets_storylines_too(store):
    store.commit_stories(assignments=[(A.id, "s1")], stories=[StoryRow("s1", "x", D1, D1, 1, storyline="l1")])
    store.reset_stories()
    assert store.storylines() == [] and store.count_storylines() == 0


def test_a_bad_sort_is_refused(store):
    with pytest.raises(StoreError):
        store.storylines(sort="alphabet")
