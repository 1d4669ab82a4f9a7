"""``khabar brief``: the brief of files or of stored articles, in any export format."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from khabar.cli.common import (
    check_choice,
    check_lang,
    choices,
    db_option,
    exit_with,
    fail,
    lang_option,
    open_store,
    reading_options,
    require_extra,
    say,
    search_store,
    usage_error,
    write_output,
)
from khabar.config import SUMMARY_ALGORITHMS, BriefOptions, ReadOptions, build_options
from khabar.errors import InputError, InputWarning, OptionsError
from khabar.model import Article
from khabar.present.render import FORMATS
from khabar.relate.embeddings import ENCODERS

DEFAULTS = BriefOptions()
#: Algorithms that need an extra installed (the rest run on khabar's own dependencies).
ALGORITHM_EXTRAS = {"lexrank": "baselines"}
#: The encoders by their own names (ENCODERS also holds the package names as aliases).
ENCODER_NAMES = tuple(dict.fromkeys(cls.name for cls in ENCODERS.values()))


@click.command()
@click.argument("paths", nargs=-1, help="Files or directories to brief; none: the articles in the store.")
@db_option
@click.option("--query", help="With the store: brief only the articles matching this search.")
@click.option("--story", help="With the store: brief this storyline, all its events (see khabar stories).")
@click.option("--event", help="With the store: brief this event (see khabar stories).")
@click.option("--limit", type=click.IntRange(min=1), default=200, help="With the store: at most this many articles.")
@click.option(
    "--format", "-f", "fmt", default="text", help="Output: " + "; ".join(f"{k}: {v}" for k, v in FORMATS.items()) + "."
)
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@click.option("--length", type=click.IntRange(min=1), default=DEFAULTS.length_words, help="Summary length in words.")
@click.option(
    "--algorithm",
    default=DEFAULTS.algorithm,
    help="Summary algorithm: "
    + choices(SUMMARY_ALGORITHMS, notes={a: f'needs "khabar[{x}]"' for a, x in ALGORITHM_EXTRAS.items()})
    + ".",
)
@lang_option
@click.option(
    "--semantic",
    default=DEFAULTS.encoder,
    show_default=False,
    help=f"Add a sentence encoder to corroboration: {choices(ENCODER_NAMES)} "
    '(needs "khabar[semantic]"; default: none, lexical only).',
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Processes that analyse the articles (default: the processors available, up to 4, from 100 articles "
    "on). The brief does not depend on it.",
)
@reading_options
def brief(
    paths: tuple[str, ...],
    db: Path | None,
    query: str | None,
    story: str | None,
    event: str | None,
    limit: int,
    fmt: str,
    output: Path | None,
    length: int,
    algorithm: str,
    lang: str,
    semantic: str | None,
    workers: int | None,
    reading: Callable[[], ReadOptions],
) -> None:
    """Brief the articles of one event: cited summary, sources, figures that conflict, timeline."""
    from khabar.event_brief import build_event_brief
    from khabar.present.render import render

    check_choice(fmt, FORMATS, "--format")
    check_lang(lang)
    try:
        options = build_options(BriefOptions, length_words=length, algorithm=algorithm, encoder=semantic)
    except OptionsError as e:
        raise usage_error(str(e)) from None
    if algorithm in ALGORITHM_EXTRAS:
        require_extra(ALGORITHM_EXTRAS[algorithm], f"--algorithm {algorithm}")
    if semantic and semantic.strip().casefold() in ENCODERS:
        require_extra("semantic", f"--semantic {semantic}", [ENCODERS[semantic.strip().casefold()].module])
    if not paths and sum(bool(x) for x in (story, event, query)) > 1:
        fail("give one of --story, --event and --query", 2)
    failures: list[InputError] = []
    if paths:
        items, failures = _read_all(list(paths), reading())
        if not items:
            fail("no articles to brief" + (" (every input failed)" if failures else ""))
        brief_made = build_event_brief(items, options=options, workers=workers)
    else:
        with open_store(db) as store:
            items = _stored(store, story=story, event=event, query=query, limit=limit)
            if not items:
                fail("no articles to brief")
            # The store keeps each article's analysis: briefing stored articles again reads it.
            brief_made = build_event_brief(items, options=options, kept=store, workers=workers)
    text = render(brief_made, fmt, lang=lang)
    if output:
        write_output(output, text)
        say(f"wrote {output}")
    else:
        sys.stdout.write(text)
    if failures:
        exit_with(1)


def _stored(store, *, story: str | None, event: str | None, query: str | None, limit: int) -> list[Article]:
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
    """Read every input; bad ones are said on stderr, one line each, and collected.  A
    progress bar is drawn only on a terminal (rich is imported only then)."""
    from contextlib import nullcontext

    from khabar.ingest import read_paths

    articles: list[Article] = []
    failures: list[InputError] = []
    with _progress() if sys.stderr.isatty() else nullcontext() as bar:
        task = bar.add_task("reading", total=None) if bar else None
        for result in read_paths(paths, options=options):
            if isinstance(result, InputWarning):
                say(f"warning: {result}")
            elif isinstance(result, InputError):
                failures.append(result)
                say(f"error {result}")
            else:
                articles.append(result)
            if bar:
                bar.advance(task)
    return articles, failures


def _progress():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True, highlight=False),
        transient=True,
    )
