"""``khabar serve``: the REST API and the web page over the store (the "web" extra)."""

from __future__ import annotations

import click

from khabar.api.settings import (
    DEFAULT_ALLOWED_HOSTS,
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_MAX_UPLOAD_BYTES,
    DEFAULT_RATE_LIMIT_PER_MINUTE,
    ApiSettings,
)
from khabar.cli.common import db_option, require_extra, say, usage_error

MB = 1024 * 1024


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", help="Address to bind; the server has no authentication, keep it local.")
@click.option("--port", type=click.IntRange(min=1, max=65535), default=8000, help="Port to listen on.")
@click.option("--max-body-mb", type=float, default=DEFAULT_MAX_BODY_BYTES / MB, help="Largest request body accepted, in MB.")
@click.option("--max-upload-mb", type=float, default=DEFAULT_MAX_UPLOAD_BYTES / MB, help="Largest uploaded file, in MB.")
@click.option(
    "--rate-limit", type=int, default=DEFAULT_RATE_LIMIT_PER_MINUTE,
    help="Requests per minute per client address (clients on this machine are not limited); 0 turns the limit off.",
)
@click.option(
    "--allow-host", multiple=True, metavar="<name>", show_default=False,
    help="A name the server answers to besides 127.0.0.1, localhost and ::1 (and the --host address); "
    "'*' for any. Repeat for several.",
)
def serve(db, host: str, port: int, max_body_mb: float, max_upload_mb: float, rate_limit: int, allow_host: tuple[str, ...]) -> None:
    """Serve the REST API and the web page (Arabic, right to left) over the store."""
    from khabar.config import default_db_path

    try:
        settings = ApiSettings(
            db_path=db.expanduser() if db else None,  # None: the default store, its folder made if needed
            max_body_bytes=int(max_body_mb * MB),
            max_upload_bytes=int(max_upload_mb * MB),
            rate_limit_per_minute=rate_limit,
            allowed_hosts=allowed_hosts(host, list(allow_host)),
        )
    except ValueError as e:
        raise usage_error(str(e)) from None
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
