"""The ``khabar`` command: one command line, its options declared here, a module per group
of commands (brief; ingest, articles, search; stories; check; train; eval; serve).  I/O
lives here: reading inputs, the store, printing; what is printed is laid out by
:mod:`khabar.present`.

Exit status: 0 when everything succeeded, 1 when any input failed (the good ones are still
processed and stored), 2 for usage errors and a missing optional extra.
"""

from __future__ import annotations

from typing import Annotated

import typer

from khabar import __version__
from khabar.cli.common import app

# Each module adds its commands to ``app``; the order here is the order of ``--help``.
from khabar.cli import brief, ingest, stories, check, serve, train, evaluate  # noqa: E402, F401, I001


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """khabar (خبر): Arabic multi-source news briefs."""


__all__ = ["app"]

if __name__ == "__main__":  # pragma: no cover
    app()
