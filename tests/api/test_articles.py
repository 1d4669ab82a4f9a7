from __future__ import annotations


def test_list_pages_with_total_and_next_offset(client, two_articles):
    first = client.get("/api/articles", params={"limit": 1}).json()
    assert (first["total"], len(first["items"]), first["next_offset"]) == (2, 1, 1)
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert second["next_offset"] is None
    assert {first["items"][0]["id"], second["items"][0]["id"]} == {a.id for a in two_articles}


def test_list_by_outlet_counts_that_outlet(client, two_articles):
    body = client.get("/api/articles", params={"outlet": "إذاعة الجنوب"}).json()
    assert body["total"] == 1 and body["items"][0]["outlet"] == "إذاعة الجنوب"


def test_list_rejects_zero_limit(client, error_shape):
    body = error_shape(client.get("/api/articles", params={"limit": 0}), 422)
    assert body["problems"][0]["source"] == "query.limit"


def test_get_article_has_sentences_with_offsets_into_text(client, two_articles):
    body = client.get(f"/api/articles/{two_articles[0].id}").json()
    assert body["sentences"][0]["is_title"]
    for s in body["sentences"]:
        assert body["text"][s["start"] : s["end"]] == s["text"]


def test_get_article_keeps_server_paths_private(client, store):
    from khabar.model import Article

    a = Article.create(title="عنوان تجريبي للمقال", body="نص عربي قصير يكفي ليكون مقالا للاختبار هنا.", source="/srv/secret/a.txt")
    store.add([a])
    assert "source" not in client.get(f"/api/articles/{a.id}").json()


def test_get_unknown_article_is_404(client, error_shape):
    body = error_shape(client.get("/api/articles/0000000000000000"), 404)
    assert body["error"] == "not_found"


def test_search_finds_and_pages(client, two_articles):
    body = client.get("/api/search", params={"q": "قافلة", "limit": 1}).json()
    assert len(body["items"]) == 1 and body["next_offset"] == 1
    assert body["items"][0]["snippet"]


def test_search_last_page_has_no_next_offset(client, two_articles):
    assert client.get("/api/search", params={"q": "الزهراء", "limit": 5}).json()["next_offset"] is None


def test_search_without_query_is_422(client, error_shape):
    error_shape(client.get("/api/search"), 422)
    error_shape(client.get("/api/search", params={"q": ""}), 422)


# --- bounded searches ------------------------------------------------------------------------


def test_a_search_over_the_query_bounds_is_400_saying_why(client, two_articles, error_shape):
    # 60 characters that took 42.7 s on the 31.5k articles of ANT
    body = error_shape(client.get("/api/search", params={"q": "ا* " * 20}), 400)
    assert "prefix terms" in body["detail"]


def test_a_search_over_the_time_budget_is_400_saying_so(app, client, two_articles, error_shape, monkeypatch):
    import dataclasses

    from khabar.store import connection

    monkeypatch.setattr(connection, "PROGRESS_STEPS", 1)  # a tiny store searches fast: look at once
    app.state.settings = dataclasses.replace(app.state.settings, search_budget_s=1e-9)
    for path, params in [("/api/search", {"q": "قافلة"}), ("/api/brief", {"q": "قافلة"})]:
        body = error_shape(client.get(path, params=params), 400)
        assert "took more than" in body["detail"]
    page = client.get("/", params={"q": "قافلة"})
    assert page.status_code == 400 and "took more than" in page.text
