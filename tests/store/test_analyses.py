"""Kept analyses: bytes per stored article and analysis version, replaced, never for an
article the store does not hold."""

from __future__ import annotations

from khabar.model import Article
from khabar.store import open_store

A = Article.create(title="قصف على حي الوادي", body="قال سكان إن القصف تواصل طوال ليل الأحد على الأحياء الشرقية.")
B = Article.create(title="نداء لإجلاء الجرحى", body="وجه الهلال الأحمر نداء عاجلا لإجلاء الجرحى من المستشفى الميداني.")


def test_kept_bytes_come_back_only_under_their_version(tmp_path):
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add([A, B])
        assert store.save_analyses([(A.id, b"one"), (B.id, b"two")], version="v1") == 2
        assert store.load_analyses([A.id, B.id, "unknown"], version="v1") == {A.id: b"one", B.id: b"two"}
        assert store.load_analyses([A.id], version="v2") == {}
        # A new version replaces the row: one analysis per article at most.
        store.save_analyses([(A.id, b"three")], version="v2")
        assert store.load_analyses([A.id, B.id], version="v2") == {A.id: b"three"}
        assert store.load_analyses([A.id, B.id], version="v1") == {B.id: b"two"}


def test_an_article_not_stored_gets_no_analysis(tmp_path):
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add([A])
        assert store.save_analyses([(B.id, b"x"), (A.id, b"y")], version="v1") == 1
        assert store.load_analyses([A.id, B.id], version="v1") == {A.id: b"y"}


def test_many_ids_are_read_in_chunks(tmp_path):
    articles = [Article.create(title=f"خبر رقم {i}", body=f"نص الخبر رقم {i} كما ورد من المراسل في المدينة.") for i in range(1200)]
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        store.save_analyses(((a.id, a.id.encode()) for a in articles), version="v")
        found = store.load_analyses([a.id for a in articles], version="v")
    assert found == {a.id: a.id.encode() for a in articles}
