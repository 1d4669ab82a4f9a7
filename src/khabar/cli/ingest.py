"""``khabar ingest``, ``khabar articles``, ``khabar search``: the store's articles."""

from __future__ import annotations

import json
from collections.abc import Callable

import click

from khabar.cli.common import (
    LIST_FORMATS,
    check_choice,
    db_option,
    echo,
    exit_with,
    fail,
    leave_quickly,
    limit_option,
    list_format_option,
    offset_option,
    open_store,
    reading_options,
    say,
    search_store,
)
from khabar.config import ReadOptions
from khabar.errors import InputError, InputWarning, KhabarError
from khabar.present.rows import article_row, hit_row


@click.command()
@click.argument(
    "paths", nargs=-1,
    help="Files, directories (read recursively), or - for stdin; none with --analyze, --encode or --stories: the work "
    "on the articles stored already.",
)
@db_option
@reading_options
# 1000: khabar.scale.batch.DEFAULT_BATCH_SIZE, written out so listing or searching never imports the batch path
@click.option("--batch-size", type=click.IntRange(min=1), default=1000, help="Articles per transaction.")
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Worker processes that read (and sign, with --stories; analyse, with --analyze; encode, with --encode). "
    "Default: the processors available, up to 4, to read 400 files or more, else 1 (and 1 for --stories, --analyze "
    "and --encode). Results do not "
    "depend on it.",
)
@click.option("--stories", is_flag=True, help="Also group the store's articles into stories (see khabar stories).")
@click.option(
    "--analyze", is_flag=True,
    help="Also analyse the store's articles not analysed yet and keep the analyses, so their first brief reads them "
    "(a brief of stored articles otherwise does it the first time).",
)
@click.option(
    "--encode", is_flag=True,
    help="Also encode the sentences of the store's articles not encoded yet and keep their vectors, so a check "
    "reads them instead of encoding (~40 ms and ~40 kB an article; the same labels).",
)
def ingest(
    paths: tuple[str, ...],
    db,
    reading: Callable[[], ReadOptions],
    batch_size: int,
    workers: int | None,
    stories: bool,
    analyze: bool,
    encode: bool,
) -> None:
    """Read articles and store them (idempotent: an article already stored is not stored again)."""
    if not paths and not (analyze or encode or stories):
        raise click.UsageError("Missing argument 'PATHS...'.")
    options = reading()
    # A new store file is made by its first write: on workers, by the writing thread while
    # they read (its four disk syncs were 20-48 ms before the first worker started).
    with open_store(db, create_when_used=True) as store:
        failures = 0
        if paths:
            failures, added, existing = _ingest(list(paths), store, options, batch_size=batch_size, workers=workers)
            say(f"stored {added} new, {existing} already stored, {failures} failed; {store.count()} in {store.path}")
        if analyze:
            from khabar.scale import ProcessEngine, analyze_store

            say(f"analysed and kept {analyze_store(store, engine=ProcessEngine(workers or 1))} articles")
        if encode:
            from khabar.scale import ProcessEngine, encode_store

            say(f"encoded the sentences of {encode_store(store, engine=ProcessEngine(workers or 1))} articles")
        if stories:
            from khabar.cli.stories import group

            failures += group(store, restart=False, workers=workers or 1)
    leave_quickly()
    if failures:
        exit_with(1)


def _ingest(
    paths: list[str], store, options: ReadOptions, *, batch_size: int, workers: int | None
) -> tuple[int, int, int]:
    """Store the articles of ``paths`` through the ingest service (:func:`khabar.scale.ingest_paths`:
    ``workers`` processes read, this one stores; None: it chooses); standard input is read here.  Each bad
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
                engine=None if workers is None else ProcessEngine(workers),
                read_options=options,
                batch_size=batch_size,
                on_error=failed,
                stories=False,
            )
        except KhabarError as e:
            fail(str(e))
        added, existing = added + result.added, existing + result.existing
    return failures, added, existing


@click.command()
@db_option
@limit_option(50)
@offset_option
@click.option("--outlet", help="Only this outlet.")
@list_format_option
def articles(db, limit: int, offset: int, outlet: str | None, fmt: str) -> None:
    """List stored articles (by date)."""
    check_choice(fmt, LIST_FORMATS, "--format")
    with open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet)
        total = store.count()
    if fmt == "json":
        echo(json.dumps([article_row(a) for a in rows], ensure_ascii=False, indent=2))
        return
    for a in rows:
        date = a.published.isoformat() if a.published else "----------"
        echo(f"{a.id}  {date}  {a.outlet or '-'}  {a.title}")
    say(f"{len(rows)} of {total} shown")


@click.command()
@click.argument("query", help='Words (all must match), "a phrase", or OR between words.')
@db_option
@limit_option(20)
@list_format_option
def search(query: str, db, limit: int, fmt: str) -> None:
    """Full-text search over stored articles; spelling variants (أ/ا، ى/ي، ة/ه) match."""
    check_choice(fmt, LIST_FORMATS, "--format")
    with open_store(db) as store:
        hits = search_store(store, query, limit=limit)
    if fmt == "json":
        echo(json.dumps([hit_row(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for h in hits:
        echo(f"{h.article.id}  {h.article.outlet or '-'}  {h.article.title}\n    {h.snippet}")
    say(f"{len(hits)} found")

