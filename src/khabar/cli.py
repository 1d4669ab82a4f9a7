"""The ``khabar`` command.  I/O lives here: reading inputs, the store, printing.

Exit status: 0 when everything succeeded, 1 when any input failed (the good ones are still
processed and stored), 2 for usage errors.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console

from khabar import __version__
from khabar.config import BriefOptions, FieldMap, ReadOptions
from khabar.errors import InputError, KhabarError
from khabar.model import Article

if TYPE_CHECKING:
    from khabar.scale.cluster import ClusterReport
    from khabar.store import Store

app = typer.Typer(
    name="khabar",
    help="Read many Arabic news reports of the same events: who says what, which figures conflict, a cited brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)

# --- shared options ----------------------------------------------------------------------

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Store file (default: $KHABAR_DB, else the per-user data directory).", show_default=False),
]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="Outlet of every input (overrides metadata).")]
DateOption = Annotated[
    Optional[str], typer.Option("--date", help="Publication date of every input, YYYY-MM-DD (overrides metadata).")
]
FormatInOption = Annotated[
    Optional[str],
    typer.Option("--input-format", help="Force a reader: text, json, jsonl, html, feed, trec (default: detect)."),
]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", help="Force an encoding (default: detect).")]
MaxMbOption = Annotated[float, typer.Option("--max-mb", help="Refuse input files larger than this many MB.")]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Worker processes that read and sign (1: all in this process). Results do not depend on it.",
    ),
]
FieldOption = Annotated[
    list[str],
    typer.Option(
        "--field",
        help="JSON field mapping, PART=FIELD (parts: title, body, outlet, url, published); repeatable. "
        "Dotted paths reach nested fields.",
    ),
]


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


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--date") from None


def _field_map(specs: list[str]) -> FieldMap:
    parts = {}
    allowed = {"title", "body", "outlet", "url", "published", "language"}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or key not in allowed or not value:
            raise typer.BadParameter(
                f"{spec!r}: expected PART=FIELD with PART one of {', '.join(sorted(allowed))}", param_hint="--field"
            )
        parts[key] = value
    return FieldMap(**parts)


def _read_options(
    outlet: str | None, date: str | None, input_format: str | None, encoding: str | None, max_mb: float, fields: list[str]
) -> ReadOptions:
    if max_mb <= 0:
        raise typer.BadParameter("must be positive", param_hint="--max-mb")
    return ReadOptions(
        outlet=outlet,
        published=_parse_date(date),
        format=input_format,
        encoding=encoding,
        max_bytes=int(max_mb * 1024 * 1024),
        fields=_field_map(fields),
    )


def _read_all(paths: list[str], options: ReadOptions, *, progress: bool) -> tuple[list[Article], list[InputError]]:
    """Read every input; bad ones are reported on stderr, one line each, and collected."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from khabar.ingest import read_paths

    articles: list[Article] = []
    failures: list[InputError] = []
    show = progress and err.is_terminal
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)
        for result in read_paths(paths, options=options):
            if isinstance(result, InputError):
                failures.append(result)
                err.print(f"[red]error[/red] {result}", markup=True, highlight=False, soft_wrap=True)
            else:
                articles.append(result)
            bar.advance(task)
    return articles, failures


def _open_store(db: Path | None):
    from khabar.store import open_store

    try:
        return open_store(db)
    except KhabarError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(1) from None


# --- commands ----------------------------------------------------------------------------


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
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 500,
    workers: WorkersOption = 1,
    group: Annotated[
        bool, typer.Option("--stories", help="Also group the store's articles into stories (see khabar stories).")
    ] = False,
) -> None:
    """Read articles and store them (idempotent: an article already stored is not stored again)."""
    options = _read_options(outlet, date, input_format, encoding, max_mb, field)
    if workers > 1 and "-" not in paths:  # standard input is read here, by this process
        _ingest_batch(paths, db, options, batch_size=batch_size, workers=workers, group=group)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from khabar.ingest import read_paths

    failures = 0
    added = existing = 0
    with _open_store(db) as store:
        batch: list[Article] = []

        def flush() -> None:
            nonlocal added, existing
            if batch:
                result = store.add(batch)
                added += result.added
                existing += result.existing
                batch.clear()

        with Progress(
            TextColumn("ingesting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=not err.is_terminal,
            transient=True,
        ) as bar:
            task = bar.add_task("ingest", total=None)
            for result in read_paths(paths, options=options):
                if isinstance(result, InputError):
                    failures += 1
                    err.print(f"error: {result}", markup=False, highlight=False, soft_wrap=True)
                else:
                    batch.append(result)
                    if len(batch) >= batch_size:
                        flush()
                bar.advance(task)
            flush()
        err.print(
            f"stored {added} new, {existing} already stored, {failures} failed; {store.count()} in {store.path}",
            markup=False,
            highlight=False,
        )
        if group:
            failures += _group(store, restart=False, workers=1)
    if failures:
        raise typer.Exit(1)


def _group(store: Store, *, restart: bool, workers: int) -> int:
    """Put the store's new articles into stories and say so; how many could not be."""
    from khabar.scale.cluster import cluster_store
    from khabar.scale import ProcessEngine

    try:
        report = cluster_store(store, restart=restart, engine=ProcessEngine(workers) if workers > 1 else None)
    except KhabarError as e:
        err.print(f"error: {e}", markup=False)
        raise typer.Exit(1) from None
    _say_grouped(report)
    return len(report.skipped)


def _say_grouped(report: ClusterReport) -> None:
    for problem in report.skipped:
        err.print(f"skipped: {problem}", markup=False, highlight=False, soft_wrap=True)
    err.print(
        f"grouped {report.assigned} new articles ({report.new_stories} new stories) in {report.seconds:.1f} s",
        markup=False,
    )


def _ingest_batch(
    paths: list[str], db: Optional[Path], options: ReadOptions, *, batch_size: int, workers: int, group: bool
) -> None:
    """``khabar ingest --workers N [--stories]``: the batch path (khabar.scale): N worker
    processes read files while this process stores them; with ``group`` they then sign the
    stored articles and this process groups them."""
    from khabar.scale import ProcessEngine, ingest_paths

    failures = 0

    def failed(e: InputError) -> None:
        nonlocal failures
        failures += 1
        err.print(f"error: {e}", markup=False, highlight=False, soft_wrap=True)

    with _open_store(db) as store:
        try:
            result = ingest_paths(
                paths,
                store,
                engine=ProcessEngine(workers),
                read_options=options,
                batch_size=batch_size,
                on_error=failed,
                stories=group,
            )
        except KhabarError as e:
            err.print(f"error: {e}", markup=False)
            raise typer.Exit(1) from None
        err.print(
            f"stored {result.added} new, {result.existing} already stored, {failures} failed; "
            f"{store.count()} in {store.path}",
            markup=False,
            highlight=False,
        )
        if result.report is not None:
            _say_grouped(result.report)
    if failures:
        raise typer.Exit(1)


def _article_row(a: Article) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
    }


@app.command()
def articles(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """List stored articles (by date)."""
    with _open_store(db) as store:
        rows = store.articles(limit=limit, offset=offset, outlet=outlet)
        total = store.count()
    if fmt == "json":
        typer.echo(json.dumps([_article_row(a) for a in rows], ensure_ascii=False, indent=2))
        return
    if fmt != "text":
        raise typer.BadParameter("choose text or json", param_hint="--format")
    for a in rows:
        date = a.published.isoformat() if a.published else "----------"
        typer.echo(f"{a.id}  {date}  {a.outlet or '-'}  {a.title}")
    err.print(f"{len(rows)} of {total} shown", markup=False)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words (all must match), \"a phrase\", or OR between words.")],
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1)] = 20,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
) -> None:
    """Full-text search over stored articles; spelling variants (أ/ا، ى/ي، ة/ه) match."""
    with _open_store(db) as store:
        hits = store.search(query, limit=limit)
    if fmt == "json":
        payload = [{**_article_row(h.article), "score": h.score, "snippet": h.snippet} for h in hits]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if fmt != "text":
        raise typer.BadParameter("choose text or json", param_hint="--format")
    for h in hits:
        typer.echo(f"{h.article.id}  {h.article.outlet or '-'}  {h.article.title}\n    {h.snippet}")
    err.print(f"{len(hits)} found", markup=False)


@app.command()
def stories(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(min=1, help="How many to list.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="How many to skip.")] = 0,
    min_size: Annotated[int, typer.Option(min=1, help="Only stories with at least this many articles.")] = 2,
    min_outlets: Annotated[int, typer.Option(min=1, help="Only stories reported by at least this many outlets.")] = 1,
    update: Annotated[bool, typer.Option(help="First put newly stored articles into stories (incremental).")] = True,
    restart: Annotated[bool, typer.Option(help="Regroup every stored article from scratch.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    workers: WorkersOption = 1,
) -> None:
    """Group stored articles into stories (events) and list them: size, outlets, days, title."""

    if fmt not in ("text", "json"):
        raise typer.BadParameter("choose text or json", param_hint="--format")
    failed = 0
    with _open_store(db) as store:
        if update or restart:
            failed = _group(store, restart=restart, workers=workers)
        rows = store.stories(limit=limit, offset=offset, min_size=min_size, min_outlets=min_outlets)
    if fmt == "json":
        payload = [
            {
                "id": r.id,
                "title": r.title,
                "size": r.size,
                "outlets": r.outlets,
                "first_day": r.first_day.isoformat() if r.first_day else None,
                "last_day": r.last_day.isoformat() if r.last_day else None,
            }
            for r in rows
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for r in rows:
            days = f"{r.first_day or '?'}..{r.last_day or '?'}"
            typer.echo(f"{r.id}  {r.size:>3} articles  {r.outlets:>2} outlets  {days}  {r.title}")
    if failed:
        raise typer.Exit(1)


@app.command()
def brief(
    paths: Annotated[
        Optional[list[str]], typer.Argument(help="Files or directories to brief; none: the articles in the store.")
    ] = None,
    db: DbOption = None,
    query: Annotated[Optional[str], typer.Option(help="With the store: brief only the articles matching this search.")] = None,
    story: Annotated[Optional[str], typer.Option(help="With the store: brief this story (see khabar stories).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="With the store: at most this many articles.")] = 200,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown, json or html.")] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    length: Annotated[int, typer.Option(min=1, help="Summary length in words.")] = BriefOptions().length_words,
    algorithm: Annotated[str, typer.Option(help="Summary algorithm: centroid or lead.")] = "centroid",
    lang: Annotated[str, typer.Option(help="Interface language of the rendering: ar or en.")] = "ar",
    semantic: Annotated[
        Optional[str], typer.Option(help="Add a sentence encoder to corroboration: e5 or use (extra 'semantic').")
    ] = None,
    outlet: OutletOption = None,
    date: DateOption = None,
    input_format: FormatInOption = None,
    encoding: EncodingOption = None,
    max_mb: MaxMbOption = 20.0,
    field: FieldOption = [],  # noqa: B006
) -> None:
    """Brief the articles of one event: cited summary, sources, numbers, timeline."""
    from khabar.event_brief import build_event_brief
    from khabar.errors import OptionsError
    from khabar.present.render import FORMATS, render

    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        options = BriefOptions(length_words=length, algorithm=algorithm, encoder=semantic)
    except OptionsError as e:
        raise typer.BadParameter(str(e)) from None
    failures: list[InputError] = []
    if paths:
        read_options = _read_options(outlet, date, input_format, encoding, max_mb, field)
        items, failures = _read_all(paths, read_options, progress=True)
    else:
        with _open_store(db) as store:
            if story:
                items = store.story_articles(story)
                if not items:
                    err.print(f"error: no story {story!r} in {store.path} (list them with khabar stories)", markup=False)
                    raise typer.Exit(1)
            elif query:
                items = [h.article for h in store.search(query, limit=limit)]
            else:
                items = store.articles(limit=limit)
    if not items:
        err.print("error: no articles to brief" + (" (every input failed)" if failures else ""), markup=False)
        raise typer.Exit(1)
    result = build_event_brief(items, options=options)
    try:
        text = render(result, fmt, lang=lang)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    if output:
        _write_atomically(output, text)
        err.print(f"wrote {output}", markup=False)
    else:
        sys.stdout.write(text)
    if failures:
        raise typer.Exit(1)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind; the server has no authentication, keep it local.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    max_body_mb: Annotated[Optional[float], typer.Option(help="Largest request body accepted [default: 2].")] = None,
    max_upload_mb: Annotated[Optional[float], typer.Option(help="Largest uploaded file [default: 10].")] = None,
    rate_limit: Annotated[
        Optional[int], typer.Option(help="Requests per minute per client; 0 turns the limit off [default: 300].")
    ] = None,
) -> None:
    """Serve the REST API and the web page (Arabic, right to left) over the store."""
    try:
        from khabar.api import serve as run
        from khabar.api.settings import ApiSettings
    except ImportError as e:
        err.print(f"error: the web server needs the 'web' extra: pip install 'khabar[web]' ({e})", markup=False)
        raise typer.Exit(1) from None
    from khabar.config import default_db_path

    given = {  # only what the user set: the defaults live in ApiSettings
        "max_body_bytes": int(max_body_mb * 1024 * 1024) if max_body_mb is not None else None,
        "max_upload_bytes": int(max_upload_mb * 1024 * 1024) if max_upload_mb is not None else None,
        "rate_limit_per_minute": rate_limit,
    }
    try:
        settings = ApiSettings(
            db_path=(db or default_db_path()).expanduser(), **{k: v for k, v in given.items() if v is not None}
        )
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    err.print(f"khabar serving {settings.db_path} on http://{host}:{port}/", markup=False)
    run(host=host, port=port, settings=settings)


# --- evaluations -------------------------------------------------------------------------

eval_app = typer.Typer(help="Measure khabar on real data: every quality figure has a command.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@eval_app.command("segment")
def eval_segment(
    conllu: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A CoNLL-U treebank, e.g. ud_arabic_pud.")],
    doc_size: Annotated[int, typer.Option(min=1, help="Sentences joined into one test document.")] = 10,
) -> None:
    """Sentence-boundary precision / recall / F1 against a treebank's sentences."""
    from khabar.evaluate import segmentation

    raise typer.Exit(segmentation.main([str(conllu), str(doc_size)]))


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Gold annotations, e.g. tests/gold/extract.json.")],
    root: Annotated[Optional[Path], typer.Option(help="Checkout the gold paths are relative to (default: from GOLD).")] = None,
    shared: Annotated[Optional[Path], typer.Option(help="The shared data folder with seeds/ (default: ROOT/../shared).")] = None,
) -> None:
    """Precision / recall / F1 of quotes, speakers, claims, entities and dates against a gold file."""
    from khabar.evaluate import extraction

    args = [str(gold)]
    if root:
        args += ["--root", str(root)]
    if shared:
        args += ["--shared", str(shared)]
    raise typer.Exit(extraction.main(args))


@eval_app.command("ner")
def eval_ner(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="BIO file (token TAG per line), e.g. ANERcorp.")],
) -> None:
    """Entity-level precision / recall / F1 per type (PERS, LOC, ORG), as conlleval counts them."""
    from khabar.evaluate import ner

    raise typer.Exit(ner.main([str(path)]))


_PASS_THROUGH = {"allow_extra_args": True, "ignore_unknown_options": True}


@eval_app.command("summarize", context_settings=_PASS_THROUGH)
def eval_summarize(
    ctx: typer.Context,
    dataset: Annotated[Path, typer.Argument(exists=True, help="Cluster folders, the EASC folder, or an events JSON.")],
) -> None:
    """ROUGE-1/2/L of every summary algorithm and baseline in one run.

    Options after DATASET go to the harness: --mode single|multi, --easc, --algorithms a,b,
    --length N, --no-stem, --stopwords, --aggregate mean|max|jackknife, --limit N, --split dev|test.
    """
    from khabar.evaluate import summaries

    raise typer.Exit(summaries.main([str(dataset), *ctx.args]))


@eval_app.command("stance", context_settings=_PASS_THROUGH)
def eval_stance(
    ctx: typer.Context,
    data: Annotated[Path, typer.Argument(exists=True, help="JSON Lines pairs, the baly2018 folder, or the ANS folder.")],
) -> None:
    """Accuracy, macro-F1, per-label F1 and evidence recall, cross-validated by claim.

    Options after DATA go to the evaluation: --k N (folds for JSON Lines), --limit N, --l2 X.
    """
    from khabar.evaluate import stance

    raise typer.Exit(stance.main([str(data), *ctx.args]))


@eval_app.command("stories", context_settings=_PASS_THROUGH)
def eval_stories(
    ctx: typer.Context,
    data: Annotated[Path, typer.Argument(exists=True, help="JSON Lines articles with a gold 'event' field.")],
) -> None:
    """Adjusted Rand index, B-cubed precision / recall / F1 and purity of story grouping.

    Options after DATA: --event-dir DIR (a folder of one event's articles; repeatable),
    --threshold X, --window-days N, --cosine-threshold X, --cosine-days N.
    """
    from khabar.evaluate import stories as stories_eval

    raise typer.Exit(stories_eval.main([str(data), *ctx.args]))


@app.command(context_settings=_PASS_THROUGH)
def check(
    ctx: typer.Context,
    claim: Annotated[str, typer.Argument(help="The claim to check, in Arabic.")],
) -> None:
    """Check a claim against the store (or given files): evidence, each article's stance, a verdict.

    Options after CLAIM: PATHS... (check these files instead of the store), --db FILE,
    --model FILE (a trained stance model), --max-articles N, --evidence N, --json, --all.
    """
    from khabar.check import main as check_main

    raise typer.Exit(check_main([claim, *ctx.args]))


train_app = typer.Typer(help="Fit khabar's trainable models on labelled data.", no_args_is_help=True)
app.add_typer(train_app, name="train")


@train_app.command("stance", context_settings=_PASS_THROUGH)
def train_stance(
    ctx: typer.Context,
    data: Annotated[Path, typer.Argument(exists=True, help="JSON Lines pairs, a baly2018 folder, or an ANS CSV.")],
) -> None:
    """Train the stance model; write it as JSON with -o MODEL.json (options: --l2 X)."""
    from khabar.check import train_main

    raise typer.Exit(train_main([str(data), *ctx.args]))


def _write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file so a failure never leaves a half-written output."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


if __name__ == "__main__":  # pragma: no cover
    app()
