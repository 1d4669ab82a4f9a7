"""Pages of an app on a temporary store; briefs may be hand-built to fill every section."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed")

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from khabar.api import ApiSettings, create_app
from khabar.api.deps import get_store
from khabar.store import Store, open_store

from khabar_testdata import LOCAL


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "pages.sqlite3") as s:
        yield s


@pytest.fixture
def app(tmp_path: Path, store: Store):
    app = create_app(ApiSettings(db_path=tmp_path / "unused.sqlite3", rate_limit_per_minute=0))
    app.dependency_overrides[get_store] = lambda: store
    return app


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app, base_url=LOCAL) as c:
        yield c
