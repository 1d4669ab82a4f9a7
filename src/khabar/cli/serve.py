"""``khabar serve``: the REST API and the web page over the store (the "web" extra)."""

from __future__ import annotations

from typing import Annotated

import typer

from khabar.api.settings import (
    DEFAULT_ALLOWED_HOSTS,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_RATE_LIMIT_PER_MINUTE,
    ApiSettings,
)
from khabar.cli.common import DbOption, app, require_extra, say

MB = 1024 * 1024


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; the server has no authentication, keep it local.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    max_body_mb: Annotated[float, typer.Option(help="Largest request body accepted, in MB.")] = DEFAULT_MAX_BODY_BYTES / MB,
    max_upload_mb: Annotated[float, typer.Option(help="Largest uploaded file, in MB.")] = DEFAULT_MAX_UPLOAD_BYTES / MB,
    rate_limit: Annotated[
        int,
        typer.Option(help="Requests per minute per client address (clients on this machine are not limited); 0 turns the limit off."),
    ] = DEFAULT_RATE_LIMIT_PER_MINUTE,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            metavar="<name>",
            help="A name the server answers to besides 127.0.0.1, localhost and ::1 (and the --host address); "
            "'*' for any. Repeat for several.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the REST API and the web page (Arabic, right to left) over the store."""
    from khabar.config import default_db_path

    try:
        settings = ApiSettings(
            db_path=db.expanduser() if db else None,  # None: the default store, its folder made if needed
            max_body_bytes=int(max_body_mb * MB),
            max_upload_bytes=int(max_upload_mb * MB),
            rate_limit_per_minute=rate_limit,
            allowed_hosts=allowed_hosts(host, allow_host or []),
        )
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    require_extra("web", "khabar serve")
    from khabar.api import serve as run

    say(f"khabar serving {settings.db_path or default_db_path()} on http://{host}:{port}/")
    run(host=host, port=port, settings=settings)


def allowed_hosts(host: str, extra: list[str]) -> tuple[str, ...]:
    """The names the server answers to: the local ones, the address it is bound to (unless
    that is every address: then only names given), and ``extra``."""
    names = [*DEFAULT_ALLOWED_HOSTS]
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return tuple(dict.fromkeys([*names, *extra]))
