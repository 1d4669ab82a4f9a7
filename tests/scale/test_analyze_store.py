"""Analyses made ahead of the first brief: every stored article's document kept, the same
as analysing it, whatever the engine or the page size; a second run has nothing to do."""

from __future__ import annotations

import pytest

import khabar
from khabar.pipeline import analysis_version, analyze, document_from_bytes
from khabar.scale import ProcessEngine, analyze_store
from khabar.store import open_store
from khabar_testdata import EXAMPLES


@pytest.mark.parametrize("engine,per_task", [(None, 4), (ProcessEngine(2), 6)])
def test_every_stored_article_gets_its_document_once(tmp_path, engine, per_task):
    articles = khabar.read(EXAMPLES)
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        assert analyze_store(store, engine=engine, per_task=per_task) == len(articles)
        kept = store.load_analyses([a.id for a in articles], version=analysis_version())
        assert analyze_store(store, engine=engine, per_task=per_task) == 0
    assert {i: document_from_bytes(b) for i, b in kept.items()} == {a.id: analyze(a) for a in articles}


def test_only_articles_without_a_document_of_this_version_are_analysed(tmp_path):
    articles = khabar.read(EXAMPLES)[:3]
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        store.save_analyses([(articles[0].id, b"old")], version="an older analysis")
        store.save_analyses([(articles[1].id, b"current")], version=analysis_version())
        by_date = sorted((articles[0], articles[2]), key=lambda a: (a.published is None, a.published, a.id))
        assert store.unanalyzed_articles(version=analysis_version()) == by_date
        assert analyze_store(store) == 2
        assert store.load_analyses([articles[1].id], version=analysis_version()) == {articles[1].id: b"current"}


def test_an_article_that_fails_leaves_the_rest_of_its_batch_analysed(monkeypatch):
    import khabar.pipeline as pipeline
    from khabar.scale.analyses import analyze_partition

    articles = khabar.read(EXAMPLES)[:5]
    odd = articles[2].id
    real_analyze = pipeline.analyze

    def analyze_or_fail(article, *args, **kwargs):
        if article.id == odd:
            raise ValueError("an odd article")
        return real_analyze(article, *args, **kwargs)

    def many_or_fail(batch, *args, **kwargs):
        return [analyze_or_fail(a) for a in batch]

    monkeypatch.setattr(pipeline, "analyze", analyze_or_fail)
    monkeypatch.setattr(pipeline, "analyze_many", many_or_fail)
    rows = analyze_partition(articles)
    assert [i for i, _ in rows] == [a.id for a in articles if a.id != odd]
    assert {i: document_from_bytes(b) for i, b in rows} == {a.id: real_analyze(a) for a in articles if a.id != odd}
