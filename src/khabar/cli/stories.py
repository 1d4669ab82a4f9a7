"""``khabar stories``: group the stored articles into stories (events) and list them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated

import typer

from khabar.cli.common import (
    DbOption,
    LIST_FORMATS,
    LimitOption,
    ListFormatOption,
    OffsetOption,
    WorkersOption,
    app,
    check_choice,
    fail,
    open_store,
    say,
)
from khabar.errors import KhabarError
from khabar.present.rows import story_row

if TYPE_CHECKING:
    from khabar.scale.cluster import ClusterReport
    from khabar.store import Store


def group(store: Store, *, restart: bool, workers: int) -> int:
    """Put the store's new articles into stories and say so; how many could not be."""
    from khabar.scale.cluster import cluster_store
    from khabar.scale import ProcessEngine

    try:
        report = cluster_store(store, restart=restart, engine=ProcessEngine(workers) if workers > 1 else None)
    except KhabarError as e:
        fail(str(e))
    say_grouped(report)
    return len(report.skipped)


def say_grouped(report: ClusterReport) -> None:
    for problem in report.skipped:
        say(f"skipped: {problem}")
    say(f"grouped {report.assigned} new articles ({report.new_stories} new stories) in {report.seconds:.1f} s")


@app.command()
def stories(
    db: DbOption = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    min_size: Annotated[int, typer.Option(min=1, help="Only stories with at least this many articles.")] = 2,
    min_outlets: Annotated[int, typer.Option(min=1, help="Only stories reported by at least this many outlets.")] = 1,
    update: Annotated[bool, typer.Option(help="First put newly stored articles into stories (incremental).")] = True,
    restart: Annotated[bool, typer.Option(help="Regroup every stored article from scratch.")] = False,
    fmt: ListFormatOption = "text",
    workers: WorkersOption = 1,
) -> None:
    """Group stored articles into stories (events) and list them: size, outlets, days, title."""
    check_choice(fmt, LIST_FORMATS, "--format")
    failed = 0
    with open_store(db) as store:
        if update or restart:
            failed = group(store, restart=restart, workers=workers)
        rows = store.stories(limit=limit, offset=offset, min_size=min_size, min_outlets=min_outlets)
    if fmt == "json":
        typer.echo(json.dumps([story_row(r) for r in rows], ensure_ascii=False, indent=2))
    else:
        for r in rows:
            days = f"{r.first_day or '?'}..{r.last_day or '?'}"
            typer.echo(f"{r.id}  {r.size:>3} articles  {r.outlets:>2} outlets  {days}  {r.title}")
    if failed:
        raise typer.Exit(1)
