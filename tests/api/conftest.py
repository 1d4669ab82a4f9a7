"""An app per test, on its own temporary store, with rate limiting off."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's notice about the httpx client
    from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.api.deps import get_store
from khabar.model import Article
from khabar.store import Store, open_store

from khabar_testdata import LOCAL

#: Two short reports of one event, written for these tests.
AID_TITLE = "وصول قافلة مساعدات إلى مدينة الزهراء المحاصرة"
AID_BODY = (
    "قال مسؤول في الهلال الأحمر إن قافلة من عشرين شاحنة وصلت صباح اليوم إلى المدينة.\n"
    "وأضاف أن القافلة تحمل الغذاء والدواء لنحو خمسة آلاف أسرة."
)
AID2_TITLE = "الهلال الأحمر يدخل المساعدات إلى الزهراء"
AID2_BODY = (
    "دخلت قافلة من ثلاثين شاحنة إلى مدينة الزهراء المحاصرة صباح اليوم بحسب مصادر محلية.\n"
    "وقالت المصادر إن السكان ينتظرون منذ أسابيع وصول الغذاء والدواء."
)


def _record(title: str, body: str, **extra: str) -> dict[str, str]:
    return {"title": title, "body": body, **extra}


@pytest.fixture
def record():
    """record(title, body, **fields): a JSON article object."""
    return _record


@pytest.fixture
def texts() -> dict[str, str]:
    return {"title": AID_TITLE, "body": AID_BODY, "title2": AID2_TITLE, "body2": AID2_BODY}


@pytest.fixture
def settings(tmp_path: Path) -> ApiSettings:
    return ApiSettings(db_path=tmp_path / "api.sqlite3", rate_limit_per_minute=0)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "store.sqlite3") as s:
        yield s


@pytest.fixture
def app(settings: ApiSettings, store: Store):
    app = create_app(settings)
    app.dependency_overrides[get_store] = lambda: store
    return app


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as c:
        yield c


@pytest.fixture
def two_articles(store: Store) -> list[Article]:
    articles = [
        Article.create(title=AID_TITLE, body=AID_BODY, outlet="وكالة الشمال"),
        Article.create(title=AID2_TITLE, body=AID2_BODY, outlet="إذاعة الجنوب"),
    ]
    store.add(articles)
    return articles


@pytest.fixture
def error_shape():
    """error_shape(response, status) -> the error body, after checking the one shape."""
    return _assert_error_shape


def _assert_error_shape(response, status: int) -> dict:
    """Every error answer has the one shape: error, status, detail, problems."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "status", "detail", "problems"}
    assert body["status"] == status
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.fixture
def seeded(store: Store, seeds_dir: Path) -> list[Article]:
    """The five seed reports, stored."""
    from khabar.ingest import read_paths

    articles = [a for a in read_paths([seeds_dir]) if isinstance(a, Article)]
    store.add(articles)
    return articles
