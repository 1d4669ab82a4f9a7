"""Sentence vectors kept in the store: found by digest, written with their articles' marks,
dropped when another encoder writes."""

from __future__ import annotations

import sqlite3

import pytest

import khabar
from khabar.errors import StoreError
from khabar.store import open_store
from khabar_testdata import EXAMPLES


@pytest.fixture
def stored(tmp_path):
    articles = khabar.read(EXAMPLES)[:3]
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        yield store, articles


def test_vectors_are_found_by_digest_and_unknown_digests_left_out(stored):
    store, articles = stored
    assert store.save_sentence_vectors([articles[0].id], [(7, b"a" * 8), (-3, b"b" * 8)], encoder="e 1") == 1
    assert store.load_sentence_vectors([-3, 7, 99, 7]) == {7: b"a" * 8, -3: b"b" * 8}
    assert store.load_sentence_vectors([]) == {}


def test_a_kept_digest_keeps_its_first_vector(stored):
    store, articles = stored
    store.save_sentence_vectors([articles[0].id], [(7, b"first")], encoder="e 1")
    store.save_sentence_vectors([articles[1].id], [(7, b"second")], encoder="e 1")
    assert store.load_sentence_vectors([7]) == {7: b"first"}


def test_only_articles_not_encoded_by_this_encoder_are_listed(stored):
    store, articles = stored
    by_date = sorted(articles, key=lambda a: (a.published is None, a.published, a.id))
    store.save_sentence_vectors([by_date[1].id, "not stored"], [], encoder="e 1")
    assert store.unencoded_articles(encoder="e 1") == [by_date[0], by_date[2]]
    assert store.unencoded_articles(encoder="e 1", limit=1) == [by_date[0]]
    assert store.unencoded_articles(encoder="e 2") == by_date


def test_another_encoder_drops_the_vectors_and_marks_of_the_first(stored):
    store, articles = stored
    store.save_sentence_vectors([articles[0].id], [(7, b"old")], encoder="e 1")
    assert store.save_sentence_vectors([articles[1].id], [(8, b"new")], encoder="e 2") == 1
    assert store.load_sentence_vectors([7, 8]) == {8: b"new"}
    assert len(store.unencoded_articles(encoder="e 1")) == 3
    assert [a.id for a in store.unencoded_articles(encoder="e 2")] == sorted(
        (a.id for a in articles if a.id != articles[1].id),
        key=lambda i: next((x.published is None, x.published, x.id) for x in articles if x.id == i),
    )


def test_a_failed_write_leaves_no_vector_and_no_mark(stored):
    store, articles = stored
    with pytest.raises(StoreError):  # the second vector cannot be written, after the first was
        store.save_sentence_vectors([articles[0].id], [(1, b"x"), (2, object())], encoder="e 1")
    assert store.load_sentence_vectors([1]) == {}
    assert len(store.unencoded_articles(encoder="e 1")) == 3


def test_vectors_of_an_article_go_with_it(stored):
    store, articles = stored
    store.save_sentence_vectors([articles[0].id], [(7, b"v")], encoder="e 1")
    conn = sqlite3.connect(store.path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("DELETE FROM articles WHERE id = ?", (articles[0].id,))
    conn.commit()
    assert conn.execute("SELECT count(*) FROM encoded_articles").fetchone() == (0,)
