"""khabar's REST API and web page, served by one process.

    from khabar.api import create_app, serve
    serve(port=8000, db="news.sqlite3")          # http://127.0.0.1:8000/

Needs the ``web`` extra (FastAPI, uvicorn, python-multipart).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from khabar.api.settings import ApiSettings

__all__ = ["ApiSettings", "create_app", "serve"]


def create_app(settings: ApiSettings | None = None):  # -> fastapi.FastAPI
    from khabar.api.app import create_app as _create_app

    return _create_app(settings)


def serve(
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    db: str | Path | None = None,
    settings: ApiSettings | None = None,
    log_level: str = "info",
    access_log: bool = True,
    **uvicorn_options: Any,
) -> None:
    """Serve the API and the pages until interrupted.

    ``db`` is the store file (default: ``$KHABAR_DB``, else the per-user one); ``settings``
    overrides every limit at once (its ``db_path`` wins over ``db`` when both are given).
    Binds to 127.0.0.1 unless told otherwise: the server has no authentication.
    """
    import dataclasses

    import uvicorn

    if settings is None:
        settings = ApiSettings(db_path=Path(db).expanduser() if db is not None else None)
    elif db is not None and settings.db_path is None:
        settings = dataclasses.replace(settings, db_path=Path(db).expanduser())
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_level=log_level,
        access_log=access_log,
        proxy_headers=False,  # the rate limit keys on the peer address; never trust X-Forwarded-For blindly
        **uvicorn_options,
    )
