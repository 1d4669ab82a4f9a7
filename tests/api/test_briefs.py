from __future__ import annotations

import pytest

from khabar.schema import validate_brief


def test_brief_by_ids_is_a_valid_brief_of_those_articles(client, seeded):
    ids = [a.id for a in seeded[:3]]
    body = client.get("/api/brief", params={"ids": ",".join(ids)}).json()
    validate_brief(body)
    assert [a["id"] for a in body["articles"]] == ids


def test_brief_ids_may_repeat_the_parameter(client, seeded):
    ids = [a.id for a in seeded[:2]]
    assert client.get("/api/brief", params=[("ids", i) for i in ids]).json()["articles"][1]["id"] == ids[1]


def test_a_brief_keeps_each_articles_analysis_in_the_store(client, store, two_articles):
    from khabar.pipeline import analysis_version, analyze, document_from_bytes

    ids = [a.id for a in two_articles]
    assert store.load_analyses(ids, version=analysis_version()) == {}
    client.get("/api/brief", params={"ids": ",".join(ids)}).raise_for_status()
    kept = store.load_analyses(ids, version=analysis_version())
    assert {i: document_from_bytes(b) for i, b in kept.items()} == {a.id: analyze(a) for a in two_articles}


def test_brief_by_query_is_valid_and_respects_limit(client, seeded):
    body = client.get("/api/brief", params={"q": "حلب", "limit": 2}).json()
    validate_brief(body)
    assert len(body["articles"]) == 2


def test_brief_options_are_recorded(client, seeded):
    body = client.get("/api/brief", params={"q": "حلب", "length": 40, "algorithm": "lead"}).json()
    assert (body["options"]["length_words"], body["options"]["algorithm"]) == (40, "lead")


def test_brief_without_selection_is_400(client, error_shape):
    error_shape(client.get("/api/brief"), 400)


def test_brief_with_ids_and_query_is_400(client, two_articles, error_shape):
    error_shape(client.get("/api/brief", params={"ids": two_articles[0].id, "q": "قافلة"}), 400)


def test_brief_of_unknown_id_is_404_listing_it(client, two_articles, error_shape):
    body = error_shape(client.get("/api/brief", params={"ids": f"{two_articles[0].id},ffffffffffffffff"}), 404)
    assert body["problems"][0]["source"] == "ffffffffffffffff"


def test_brief_of_query_without_hits_is_404(client, two_articles, error_shape):
    error_shape(client.get("/api/brief", params={"q": "بركان"}), 404)


def test_brief_with_unknown_algorithm_is_422(client, two_articles, error_shape):
    body = error_shape(client.get("/api/brief", params={"q": "قافلة", "algorithm": "magic"}), 422)
    assert "magic" in body["detail"]


def test_brief_over_article_cap_is_422(client, settings, two_articles, error_shape):
    error_shape(client.get("/api/brief", params={"q": "قافلة", "limit": settings.max_brief_articles + 1}), 422)


@pytest.mark.parametrize(
    "fmt,media,marker",
    [("markdown", "text/markdown", "# "), ("html", "text/html", "<style>"), ("csv", "text/csv", "as_written"), ("text", "text/plain", "==")],
)
def test_brief_exports_each_format_as_a_download(client, seeded, fmt, media, marker):
    r = client.get("/api/brief", params={"q": "حلب", "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert r.headers["content-disposition"].startswith("attachment;")
    assert marker in r.text


def test_brief_export_in_english_and_an_unknown_format(client, seeded, error_shape):
    r = client.get("/api/brief", params={"q": "حلب", "format": "markdown", "lang": "en"})
    assert "## Summary" in r.text
    error_shape(client.get("/api/brief", params={"q": "حلب", "format": "pdf"}), 422)
