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
    assert store.stories() == [StoryRow(story.id, A.title, D1, D2, 2, outlets=2)]
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
