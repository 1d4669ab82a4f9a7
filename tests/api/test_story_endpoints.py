"""Stories over the API and on the page: grouped after an update, listed, opened as a brief."""

import pytest


def _update(client):
    response = client.post("/api/stories/update")
    assert response.status_code == 200, response.text
    return response.json()


def test_update_groups_the_stored_articles(client, two_articles):
    report = _update(client)
    assert report["assigned"] == 2 and report["skipped"] == []


def test_second_update_has_nothing_new(client, two_articles):
    _update(client)
    assert _update(client)["assigned"] == 0


def test_two_reports_of_one_convoy_are_one_story(client, two_articles):
    _update(client)
    items = client.get("/api/stories", params={"min_size": 1}).json()["items"]
    sizes = sorted(s["size"] for s in items)
    assert sizes == [2], items


def test_story_lists_its_article_ids(client, two_articles):
    _update(client)
    (item,) = client.get("/api/stories", params={"min_size": 1}).json()["items"]
    story = client.get(f"/api/stories/{item['id']}").json()
    assert sorted(story["article_ids"]) == sorted(a.id for a in two_articles)


def test_stories_paging_reports_no_next_page_at_the_end(client, two_articles):
    _update(client)
    body = client.get("/api/stories", params={"min_size": 1, "limit": 5}).json()
    assert body["next_offset"] is None


def test_bad_paging_is_422_shape(client, error_shape):
    error_shape(client.get("/api/stories", params={"limit": 0}), 422)


def test_stories_page_links_each_story_to_its_brief(client, two_articles):
    _update(client)
    page = client.get("/stories").text
    assert '<html lang="ar" dir="rtl">' in page
    (item,) = client.get("/api/stories", params={"min_size": 1}).json()["items"]
    assert f'href="/brief?event={item["id"]}"' in page
    assert any(a.title in page for a in two_articles)  # the story's title is one of its headlines


def test_brief_of_a_story_on_the_page_and_over_the_api(client, two_articles):
    _update(client)
    (item,) = client.get("/api/stories", params={"min_size": 1}).json()["items"]
    page = client.get("/brief", params={"event": item["id"]})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert all(f'id="a-{a.id}"' in page.text for a in two_articles)
    trail = page.text[page.text.index('<nav class="trail"') :].split("</nav>")[0]
    line = item["storyline"]
    # storylines › this storyline › this event
    assert 'href="/"' in trail and f'href="/storylines/{line}"' in trail and item["title"] in trail
    for params in ({"event": item["id"]}, {"story": line}, {"story": item["id"]}):  # an event's id, as before
        brief = client.get("/api/brief", params=params).json()
        assert sorted(a["id"] for a in brief["articles"]) == sorted(a.id for a in two_articles)


def test_brief_of_an_unknown_story_is_404(client, two_articles, error_shape):
    error_shape(client.get("/api/brief", params={"story": "s-none"}), 404)
    assert client.get("/brief", params={"story": "s-none"}).status_code == 404


def test_brief_of_a_story_and_ids_at_once_is_400(client, two_articles, error_shape):
    error_shape(client.get("/api/brief", params={"story": "s1", "ids": two_articles[0].id}), 400)


def test_empty_stories_page_says_how_to_fill_it(client):
    assert "khabar stories" in client.get("/stories").text


def test_an_update_says_how_it_grouped_and_the_band_asks_for_a_regrouping(client, two_articles):
    assert _update(client)["options"]["event_band"] is True  # the default where it applies
    refused = client.post("/api/stories/update", params={"event_band": False})
    assert refused.status_code == 409 and "restart" in refused.text
    regrouped = client.post("/api/stories/update", params={"event_band": False, "restart": True})
    assert regrouped.status_code == 200, regrouped.text
    assert regrouped.json()["options"]["event_band"] is False and regrouped.json()["assigned"] == 2
