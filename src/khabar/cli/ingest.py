"""``khabar ingest``, ``khabar articles``, ``khabar search``: the store's articles."""

from __future__ import annotations

import json
from typing import Annotated, Optional

import typer

from khabar.cli.common import (
    DateOption,
    DbOption,
    EncodingOption,
    FieldOption,
    FormatInOption,
    LimitOption,
    ListFormatOption,
    LIST_FORMATS,
    MaxMbOption,
    OffsetOption,
    OutletOption,
    WorkersOption,
    app,
    check_choice,
    fail,
    open_store,
    read_options,
    say,
    search_store,
)
from khabar.config import ReadOptions
from khabar.errors import InputError, InputWarning, KhabarError
from khabar.present.rows import article_row, hit_row


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (read recursively), or - for stdin.")],
    db: DbOption = None,
    outlet: OutletOption = None,
    date: DateOption = None,
    input_format: FormatInOption = None,
    encoding: EncodingOption = None,
    max_mb: MaxMbOption = 20.0,
    field: FieldOption = [],  # noqa: B006 - typer needs a literal default
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 500,
    workers: WorkersOption = 1,
    stories: Annotated[
        bool, typer.Option("--stories", help="Also group the store's articles into stories (see khabar stories).")
    ] = False,
) -> None:
    """Read articles and store them (idempotent: an article already stored is not stored again)."""
    options = read_options(outlet, date, input_format, encoding, max_mb, field)
    with open_store(db) as store:
        failures, added, existing = _ingest(paths, store, options, batch_size=batch_size, workers=workers)
        say(f"stored {added} new, {existing} already stored, {failures} failed; {store.count()} in {store.path}")
        if stories:
            from khabar.cli.stories import group

            failures += group(store, restart=False, workers=workers)
    if failures:
        raise typer.Exit(1)


def _ingest(paths: list[str], store, options: ReadOptions, *, batch_size: int, workers: int) -> tuple[int, int, int]:
    """Store the articles of ``paths`` through the ingest service (:func:`khabar.scale.ingest_paths`:
    ``workers`` processes read, this one stores); standard input is read here.  Each bad
    input is said as it is found.  Returns (failed, added, already stored)."""
    from khabar.ingest import read_stdin
    from khabar.scale import ProcessEngine, ingest_paths

    failures = added = existing = 0

    def failed(e: InputError) -> None:
        nonlocal failures
        if isinstance(e, InputWarning):  # read all the same: said, not counted
            say(f"warning: {e}")
            return
        failures += 1
        say(f"error: {e}")

    if "-" in paths:  # one input, read by this process: worker processes cannot read our stdin
        articles = []
        for item in read_stdin(options):
            if isinstance(item, InputError):
                failed(item)
            else:
                articles.append(item)
        result = store.add(articles)
        added, existing = result.added, result.existing
    files = [p for p in paths if p != "-"]
    if files:
        try:
            result = ingest_paths(
                files,
                store,
                engine=ProcessEngine(workers),
                read_options=options,
                batch_size=batch_size,
                on_error=failed,
                stories=False,
            )
        except KhabarError as e:
            fail(str(e))
        added, existing = added + result.added, existing + result.existing
    return failures, added, existing


@app.command()
def articles(
    db: DbOption = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    fmt: ListFormatOption = "text",
) -> None:
    """List stored articles (by date)."""
    check_choice(fmt, LIST_FORMATS, "--format")
    with open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet)
        total = store.count()
    if fmt == "json":
        typer.echo(json.dumps([article_row(a) for a in rows], ensure_ascii=False, indent=2))
        return
    for a in rows:
        date = a.published.isoformat() if a.published else "----------"
        typer.echo(f"{a.id}  {date}  {a.outlet or '-'}  {a.title}")
    say(f"{len(rows)} of {total} shown")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words (all must match), \"a phrase\", or OR between words.")],
    db: DbOption = None,
    limit: LimitOption = 20,
    fmt: ListFormatOption = "text",
) -> None:
    """Full-text search over stored articles; spelling variants (أ/ا، ى/ي، ة/ه) match."""
    check_choice(fmt, LIST_FORMATS, "--format")
    with open_store(db) as store:
        hits = search_store(store, query, limit=limit)
    if fmt == "json":
        typer.echo(json.dumps([hit_row(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for h in hits:
        typer.echo(f"{h.article.id}  {h.article.outlet or '-'}  {h.article.title}\n    {h.snippet}")
    say(f"{len(hits)} found")

