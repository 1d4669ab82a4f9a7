"""The ``khabar`` command: one command line (click), a module per group of commands
(brief; ingest, articles, search; stories; check; train; eval; serve), each imported only
when its command runs, so a command pays for no other's imports.  I/O lives here: reading
inputs, the store, printing; what is printed is laid out by :mod:`khabar.present`.

Exit status: 0 when everything succeeded, 1 when any input failed (the good ones are still
processed and stored), 2 for usage errors and a missing optional extra.
"""

from __future__ import annotations

import click

from khabar import __version__
from khabar.cli.common import CONTEXT, Group

#: Each command and where it is; the order here is the order of ``--help``.
COMMANDS = {
    "brief": "khabar.cli.brief:brief",
    "ingest": "khabar.cli.ingest:ingest",
    "articles": "khabar.cli.ingest:articles",
    "search": "khabar.cli.ingest:search",
    "stories": "khabar.cli.stories:stories",
    "check": "khabar.cli.check:check",
    "serve": "khabar.cli.serve:serve",
    "train": "khabar.cli.train:train",
    "eval": "khabar.cli.evaluate:evaluate",
}


@click.group(cls=Group, lazy=COMMANDS, name="khabar", context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="khabar", message="%(prog)s %(version)s")
def app() -> None:
    """Read many Arabic news reports of the same events: who says what, which figures
    conflict, a cited brief."""


__all__ = ["app"]

if __name__ == "__main__":  # pragma: no cover
    app()
