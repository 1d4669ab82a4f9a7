"""``khabar brief``: the brief of files or of stored articles, in any export format."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from khabar.cli.common import (
    DateOption,
    DbOption,
    EncodingOption,
    FieldOption,
    FormatInOption,
    LangOption,
    MaxMbOption,
    OutletOption,
    app,
    check_choice,
    check_lang,
    choices,
    fail,
    open_store,
    read_options,
    require_extra,
    say,
    search_store,
    write_output,
)
from khabar.config import SUMMARY_ALGORITHMS, BriefOptions, build_options
from khabar.errors import InputError, InputWarning, OptionsError
from khabar.model import Article
from khabar.present.render import FORMATS
from khabar.relate.embeddings import ENCODERS

DEFAULTS = BriefOptions()
#: Algorithms that need an extra installed (the rest run on khabar's own dependencies).
ALGORITHM_EXTRAS = {"lexrank": "baselines"}
#: The encoders by their own names (ENCODERS also holds the package names as aliases).
ENCODER_NAMES = tuple(dict.fromkeys(cls.name for cls in ENCODERS.values()))


@app.command()
def brief(
    paths: Annotated[
        Optional[list[str]], typer.Argument(help="Files or directories to brief; none: the articles in the store.")
    ] = None,
    db: DbOption = None,
    query: Annotated[Optional[str], typer.Option(help="With the store: brief only the articles matching this search.")] = None,
    story: Annotated[
        Optional[str], typer.Option(help="With the store: brief this storyline, all its events (see khabar stories).")
    ] = None,
    event: Annotated[Optional[str], typer.Option(help="With the store: brief this event (see khabar stories).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="With the store: at most this many articles.")] = 200,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()) + ".")
    ] = "text",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    length: Annotated[int, typer.Option(min=1, help="Summary length in words.")] = DEFAULTS.length_words,
    algorithm: Annotated[
        str,
        typer.Option(
            help="Summary algorithm: "
            + choices(SUMMARY_ALGORITHMS, notes={a: f'needs "khabar[{x}]"' for a, x in ALGORITHM_EXTRAS.items()})
            + "."
        ),
    ] = DEFAULTS.algorithm,
    lang: LangOption = "ar",
    semantic: Annotated[
        Optional[str],
        typer.Option(
            help=f"Add a sentence encoder to corroboration: {choices(ENCODER_NAMES)} "
            '(needs "khabar[semantic]"; default: none, lexical only).',
            show_default=False,
        ),
    ] = DEFAULTS.encoder,
    outlet: OutletOption = None,
    date: DateOption = None,
    input_format: FormatInOption = None,
    encoding: EncodingOption = None,
    max_mb: MaxMbOption = 20.0,
    field: FieldOption = [],  # noqa: B006
) -> None:
    """Brief the articles of one event: cited summary, sources, figures that conflict, timeline."""
    from khabar.event_brief import build_event_brief
    from khabar.present.render import render

    check_choice(fmt, FORMATS, "--format")
    check_lang(lang)
    try:
        options = build_options(BriefOptions, length_words=length, algorithm=algorithm, encoder=semantic)
    except OptionsError as e:
        raise typer.BadParameter(str(e)) from None
    if algorithm in ALGORITHM_EXTRAS:
        require_extra(ALGORITHM_EXTRAS[algorithm], f"--algorithm {algorithm}")
    if semantic and semantic.strip().casefold() in ENCODERS:
        require_extra("semantic", f"--semantic {semantic}", [ENCODERS[semantic.strip().casefold()].module])
    failures: list[InputError] = []
    if paths:
        items, failures = _read_all(paths, read_options(outlet, date, input_format, encoding, max_mb, field))
    else:
        items = _stored(db, story=story, event=event, query=query, limit=limit)
    if not items:
        fail("no articles to brief" + (" (every input failed)" if failures else ""))
    text = render(build_event_brief(items, options=options), fmt, lang=lang)
    if output:
        write_output(output, text)
        say(f"wrote {output}")
    else:
        sys.stdout.write(text)
    if failures:
        raise typer.Exit(1)


def _stored(db: Path | None, *, story: str | None, event: str | None, query: str | None, limit: int) -> list[Article]:
    if sum(bool(x) for x in (story, event, query)) > 1:
        fail("give one of --story, --event and --query", 2)
    with open_store(db) as store:
        if story or event:
            # --story with an event's id (how events were named before storylines) still works.
            items = (store.storyline_articles(story) or store.story_articles(story)) if story else store.story_articles(event)
            if not items:
                what = f"storyline {story!r}" if story else f"event {event!r}"
                fail(f"no {what} in {store.path} (list them with khabar stories)")
            return items[:limit]
        if query:
            return [h.article for h in search_store(store, query, limit=limit)]
        return store.articles(limit=limit)


def _read_all(paths: list[str], options) -> tuple[list[Article], list[InputError]]:
    """Read every input; bad ones are said on stderr, one line each, and collected."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from khabar.cli.common import err
    from khabar.ingest import read_paths

    articles: list[Article] = []
    failures: list[InputError] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("reading", total=None)
        for result in read_paths(paths, options=options):
            if isinstance(result, InputWarning):
                say(f"warning: {result}")
            elif isinstance(result, InputError):
                failures.append(result)
                say(f"error {result}")
            else:
                articles.append(result)
            bar.advance(task)
    return articles, failures
