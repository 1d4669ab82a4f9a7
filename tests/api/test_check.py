"""POST /api/check: a claim against the stored seeds."""


def test_check_finds_the_disagreeing_figure(client, seeded):
    body = client.post("/api/check", json={"claim": "نحو 100 ألف مدني ما زالوا محاصرين في شرق حلب"}).json()
    assert set(body) >= {"claim", "articles", "verdict"}
    stances = {a["stance"] for a in body["articles"]}
    assert stances & {"agree", "disagree", "discuss"}
    judged = [a for a in body["articles"] if a["stance"] != "unrelated"]
    assert all(a["evidence"] for a in judged)


def test_empty_claim_is_422_shape(client, error_shape):
    error_shape(client.post("/api/check", json={"claim": ""}), 422)


def test_blank_claim_is_422_shape(client, error_shape):
    error_shape(client.post("/api/check", json={"claim": "   "}), 422)


def test_too_many_articles_is_422_shape(client, error_shape):
    error_shape(client.post("/api/check", json={"claim": "حلب", "max_articles": 10_000}), 422)


def test_check_on_an_empty_store_judges_nothing(client):
    body = client.post("/api/check", json={"claim": "نزح 30 ألف شخص من حلب"}).json()
    assert body["articles"] == []
