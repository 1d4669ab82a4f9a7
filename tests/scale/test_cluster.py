"""Story clustering over a store: resumable, never stopped by one bad article."""

from __future__ import annotations

import pytest

from khabar.model import Article
from khabar.relate.stories import assign_stories
from khabar.scale.cluster import cluster_store, report_only
from khabar.store import open_store
from story_texts import COPY, OPTIONS, OTHER_EVENT, PARAPHRASE, RETOLD, REWRITE, WIRE, WIRE_BODY, WIRE_TITLE, article, daily_stream, signed


def _stream_articles() -> list[Article]:
    """Stories over several days, several outlets each."""
    out = [WIRE, COPY, REWRITE, OTHER_EVENT]
    for item in daily_stream(12):
        out.append(article(item.title, f"{item.title}. افتتحت البلدية السوق بحضور الأهالي والتجار.", day=item.published))
    return out


def test_an_interrupted_run_resumes_to_the_same_assignments(tmp_path):
    arts = _stream_articles()
    with open_store(tmp_path / "once.sqlite3") as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3)
        once = store.assignments()
    path = tmp_path / "twice.sqlite3"
    with open_store(path) as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3, limit=len(arts) // 2)
        assert 0 < len(store.assignments()) < len(arts)
    with open_store(path) as store:
        cluster_store(store, options=OPTIONS, batch_size=3)
        assert store.assignments() == once


def test_a_bad_article_is_reported_and_skipped_without_stopping_the_run(tmp_path):
    short = article("عاجل", "انفجار.")
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add([WIRE, short, COPY])
        report = cluster_store(store, options=OPTIONS)
        assert [e.source for e in report.skipped] == [short.id]
        assert set(store.assignments()) == {WIRE.id, COPY.id}
        assert store.get(short.id) == short  # nothing stored is lost


def test_a_store_holding_hash_values_only_groups_like_signed_articles(tmp_path):
    # A writer that stores ``signature.tobytes()`` (no terms) gets the terms recomputed from
    # the stored article, so the second stage sees the same vectors.
    arts = [WIRE, PARAPHRASE, OTHER_EVENT]
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add(arts)
        store.save_signatures([(a.id, signed(a).signature.tobytes(), None) for a in arts])
        cluster_store(store, options=OPTIONS)
        assert store.assignments() == assign_stories([signed(a) for a in arts], options=OPTIONS)


def test_every_article_has_an_event_and_every_event_a_storyline_like_the_index(tmp_path):
    from khabar.relate.stories import StoryIndex

    arts = _stream_articles()
    index = StoryIndex(OPTIONS)
    expected = assign_stories([signed(a) for a in arts], options=OPTIONS, index=index)
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=4)
        assert store.assignments() == expected
        events = {e.id: e for e in store.stories(limit=1000)}
        for sid in set(expected.values()):
            line = index.story(sid).storyline if index.story(sid) else None
            if line:  # still active in the index: the store names the same storyline
                assert events[sid].storyline == line
        lines = store.storylines(limit=1000)
        assert sum(ln.size for ln in lines) == len(arts)
        assert sum(ln.events for ln in lines) == len(events)
        assert {e.storyline for e in events.values()} == {ln.id for ln in lines}


def test_new_counts_include_events_created_and_joined_within_one_batch(tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add([WIRE, COPY, OTHER_EVENT])
        report = cluster_store(store, options=OPTIONS, batch_size=500)
        # WIRE and its copy are one event started and joined in this batch: still new.
        assert report.new_stories == store.count_stories() == len(set(store.assignments().values()))
        assert report.new_storylines == store.count_storylines()


def test_an_interrupted_run_resumes_to_the_same_storylines(tmp_path):
    arts = _stream_articles()
    with open_store(tmp_path / "once.sqlite3") as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3)
        once = store.storylines(limit=1000)
    path = tmp_path / "twice.sqlite3"
    with open_store(path) as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3, limit=len(arts) // 2)
    with open_store(path) as store:
        cluster_store(store, options=OPTIONS, batch_size=3)
        assert store.storylines(limit=1000) == once


def test_a_restart_with_another_encoder_signs_again_what_a_stopped_run_signed(tmp_path):
    from dataclasses import replace

    from khabar.scale.cluster import sign_articles

    arts = _stream_articles()
    static = replace(OPTIONS, meaning_encoder="static")
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add(arts)
        store.save_signatures(sign_articles(arts[:3], options=OPTIONS)[0])  # a USE run stopped while signing
        report = cluster_store(store, options=static, restart=True)
        assert report.signed == len(arts) and report.assigned == len(arts)
        assert cluster_store(store, options=static).assigned == 0


def test_the_pages_other_stories_are_not_signed_with_the_report():
    # two teasers of the outlet's other stories, one quoting a minister: not the bridge's
    teasers = (
        '\n\nقال وزير المالية إن "الموازنة الجديدة ستخفض العجز إلى النصف خلال عامين".'
        "\n\nأعلنت شركة الطيران الوطنية عن رحلات جديدة إلى ثلاث عواصم أوروبية."
    )
    paged = article(WIRE_TITLE, WIRE_BODY + teasers)
    report = report_only(paged)
    assert report.id == paged.id and report.body == WIRE_BODY
    clean = signed(Article(paged.id, WIRE_TITLE, WIRE_BODY, paged.outlet, published=paged.published))
    assert signed(paged).to_bytes() == clean.to_bytes()
    # kept inside the report (a paragraph of its own follows), the minister's quote is an anchor
    inside = article(WIRE_TITLE, WIRE_BODY + teasers + "\n\nوأضاف رئيس البلدية أن الطريق سيفتح غدا.")
    assert report_only(inside) is inside and len(signed(inside).anchors) > len(clean.anchors)


def test_the_band_keeps_the_sentences_it_encodes_so_a_regroup_encodes_none(tmp_path, monkeypatch):
    from khabar.config import StoryOptions
    from khabar.relate.embeddings import get_encoder

    arts = [WIRE, RETOLD, OTHER_EVENT]  # the retelling sits in the band: its sentences are read
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add(arts)
        cluster_store(store, options=StoryOptions())
        first = store.assignments()
        with store._reading() as conn:
            kept = conn.execute("SELECT count(*) FROM sentence_vectors").fetchone()[0]
            marked = conn.execute("SELECT count(*) FROM encoded_articles").fetchone()[0]
        assert kept > 0 and marked == 0  # kept, but no article is marked encoded for the check
        encoder = get_encoder("use")
        monkeypatch.setattr(encoder, "_cache", {})
        monkeypatch.setattr(encoder, "_embed", lambda: pytest.fail("a regroup encoded a sentence"))
        cluster_store(store, restart=True)
        assert store.assignments() == first
