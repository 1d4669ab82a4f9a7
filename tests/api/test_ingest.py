from __future__ import annotations

import json

from khabar.api.routers.ingest import safe_filename

from khabar_testdata import LOCAL


def test_post_one_article_stores_it(client, store, texts, record):
    T = texts
    r = client.post("/api/articles", json=record(T['title'], T['body'], outlet="وكالة الشمال"))
    assert r.status_code == 201
    body = r.json()
    assert body["added"] == 1 and body["existing"] == 0
    assert store.get(body["ids"][0]).outlet == "وكالة الشمال"


def test_post_same_article_twice_counts_it_existing(client, texts, record):
    T = texts
    client.post("/api/articles", json=record(T['title'], T['body']))
    r = client.post("/api/articles", json=record(T['title'], T['body']))
    assert (r.json()["added"], r.json()["existing"]) == (0, 1)


def test_post_list_stores_each(client, store, texts, record):
    T = texts
    r = client.post("/api/articles", json=[record(T['title'], T['body']), record(T['title2'], T['body2'])])
    assert r.status_code == 201 and r.json()["added"] == 2
    assert store.count() == 2


def test_empty_request_body_is_400(client, error_shape):
    error_shape(client.post("/api/articles", content=b"", headers={"content-type": "application/json"}), 400)


def test_malformed_json_is_400(client, error_shape):
    body = error_shape(
        client.post("/api/articles", content=b'{"title": ', headers={"content-type": "application/json"}), 400
    )
    assert "JSON" in body["detail"]


def test_empty_article_body_is_422_naming_the_record(client, texts, record, error_shape):
    T = texts
    body = error_shape(client.post("/api/articles", json=record(T['title'], "   ")), 422)
    assert body["problems"] == [{"source": "body", "problem": "not an article: the body is empty"}]


def test_non_arabic_record_rejects_whole_request(client, store, texts, record, error_shape):
    T = texts
    english = record("Aid convoy reaches the city", "An aid convoy of twenty trucks reached the besieged city this morning.")
    body = error_shape(client.post("/api/articles", json=[record(T['title'], T['body']), english]), 422)
    assert body["problems"][0]["source"] == "body#1"
    assert "not Arabic" in body["problems"][0]["problem"]
    assert store.count() == 0


def test_json_over_body_limit_is_413(client, settings, texts, record, error_shape):
    T = texts
    big = record(T['title'], T['body'] * (settings.max_body_bytes // len(T['body'].encode()) + 1))
    error_shape(client.post("/api/articles", json=big), 413)


def test_chunked_body_over_limit_is_413(client, settings, error_shape):
    def chunks():
        for _ in range(settings.max_body_bytes // 65536 + 2):
            yield b" " * 65536

    r = client.post("/api/articles", content=chunks(), headers={"content-type": "application/json"})
    error_shape(r, 413)


def test_upload_text_file(client, store, texts):
    T = texts
    text = f"{T['title']}\n{T['body']}\n".encode()
    r = client.post("/api/articles/upload", files={"file": ("report.txt", text, "text/plain")}, data={"outlet": "وكالة الشمال"})
    assert r.status_code == 201, r.text
    assert store.get(r.json()["ids"][0]).outlet == "وكالة الشمال"


def test_upload_jsonl_keeps_good_lines_and_names_bad_ones_by_filename(client, store, texts, record):
    T = texts
    lines = [json.dumps(record(T['title'], T['body']), ensure_ascii=False), "{not json"]
    r = client.post("/api/articles/upload", files={"file": ("feed.jsonl", "\n".join(lines).encode(), "application/json")})
    assert r.status_code == 201
    assert r.json()["added"] == 1
    assert r.json()["failed"][0]["source"] == "feed.jsonl:2"


def test_upload_source_never_shows_the_temporary_path(client, store, texts):
    T = texts
    r = client.post("/api/articles/upload", files={"file": ("../../etc/passwd.txt", f"{T['title']}\n{T['body']}".encode())})
    assert store.get(r.json()["ids"][0]).source == "passwd.txt"


def test_upload_over_limit_is_413(tmp_path, store, texts, error_shape):
    T = texts
    from fastapi.testclient import TestClient

    from khabar.api import ApiSettings, create_app
    from khabar.api.deps import get_store

    app = create_app(ApiSettings(db_path=tmp_path / "x.sqlite3", max_upload_bytes=1000, rate_limit_per_minute=0))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app, base_url=LOCAL) as c:
        r = c.post("/api/articles/upload", files={"file": ("big.txt", (T['title'] + "\n" + T['body'] * 20).encode())})
    error_shape(r, 413)
    assert store.count() == 0


def test_upload_empty_file_is_422(client, error_shape):
    error_shape(client.post("/api/articles/upload", files={"file": ("empty.txt", b"")}), 422)


def test_upload_of_no_article_is_422_with_problems(client, error_shape):
    body = error_shape(
        client.post("/api/articles/upload", files={"file": ("notes.txt", b"This is English text, not an Arabic report at all.")}),
        422,
    )
    assert body["problems"][0]["source"] == "notes.txt"


def test_upload_with_unknown_format_is_422(client, texts, error_shape):
    T = texts
    r = client.post("/api/articles/upload", files={"file": ("a.txt", T['body'].encode())}, data={"format": "pdf"})
    error_shape(r, 422)


def test_upload_without_file_is_422(client, error_shape):
    error_shape(client.post("/api/articles/upload", data={"outlet": "x"}), 422)


def test_safe_filename_keeps_only_the_last_plain_part():
    assert safe_filename("..\\..\\windows\\evil.json") == "evil.json"
    assert safe_filename("a/b/<script>.txt") == "_script_.txt"
    assert safe_filename("../..") == "upload"
    assert safe_filename(None) == "upload"
