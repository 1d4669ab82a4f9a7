"""``khabar stories``: group the stored articles into stories (events) and list them."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from khabar.cli.common import (
    LIST_FORMATS,
    check_choice,
    db_option,
    echo,
    exit_with,
    fail,
    limit_option,
    list_format_option,
    offset_option,
    open_store,
    parse_day,
    say,
    workers_option,
)
from khabar.errors import KhabarError
from khabar.present.rows import coverage_rows, grouping_row, storyline_row
from khabar.present.view import latest_events
from khabar.store.stories import SORTS

if TYPE_CHECKING:
    from khabar.scale.cluster import ClusterReport
    from khabar.store import Store


def group(
    store: Store, *, restart: bool, workers: int, meaning_encoder: str | None = None, event_band: bool | None = None,
    event_e5: bool | None = None,
) -> int:
    """Put the store's new articles into stories and say so; how many could not be.
    ``meaning_encoder``, ``event_band``, ``event_e5`` None: the store's own options (the defaults for a new store)."""
    from khabar.config import StoryOptions, build_options
    from khabar.scale.cluster import cluster_store
    from khabar.scale import ProcessEngine

    try:
        given = {"meaning_encoder": meaning_encoder, "event_band": event_band, "event_e5": event_e5}
        options = None if all(v is None for v in given.values()) else build_options(StoryOptions, **given)
        report = cluster_store(
            store, options=options, restart=restart, engine=ProcessEngine(workers) if workers > 1 else None
        )
    except KhabarError as e:
        fail(str(e))
    say_grouped(report)
    return len(report.skipped)


def say_grouped(report: ClusterReport) -> None:
    for problem in report.skipped:
        say(f"skipped: {problem}")
    say(
        f"grouped {report.assigned} new articles ({report.new_stories} new events, "
        f"{report.new_storylines} new storylines) in {report.seconds:.1f} s"
    )


@click.command()
@db_option
@limit_option(20)
@offset_option
@click.option("--sort", default="recent", help=f"Order: {' or '.join(SORTS)} (newest last day first, or most articles first).")
@click.option("--min-size", type=click.IntRange(min=1), default=1, help="Only storylines with at least this many articles.")
@click.option("--min-outlets", type=click.IntRange(min=1), default=1, help="Only storylines reported by at least this many outlets.")
@click.option("--outlet", help="Only storylines with an article of this outlet.")
@click.option("--since", help="Only storylines with a day on or after this date (YYYY-MM-DD).")
@click.option("--until", help="Only storylines with a day on or before this date (YYYY-MM-DD).")
@click.option("--update/--no-update", default=True, help="First put newly stored articles into events (incremental).")
@click.option("--restart/--no-restart", default=False, help="Regroup every stored article from scratch.")
@click.option(
    "--events", "events_shown", type=click.IntRange(min=1), default=10,
    help="Text: the latest events of each storyline to show (JSON has all).",
)
@list_format_option
@workers_option
@click.option(
    "--meaning-encoder",
    help="What encodes an article's meaning when grouping: use (the sentence encoder) or static (word vectors "
    "distilled from it, far cheaper; docs/stories.md). Unset: as the store was grouped. Changing it needs --restart.",
)
@click.option(
    "--event-band/--no-event-band", default=None,
    help="Read the event scorer's unsure comparisons again sentence by sentence with USE (more same-event rewrites "
    "joined; the encoder reads ~9 sentences of ~55 % of the articles once and the store keeps them; docs/stories.md). "
    "Unset: as the store was grouped (on for a new store where it applies: the learned scorer over USE meanings). "
    "Changing it needs --restart.",
)
@click.option(
    "--event-e5/--no-event-e5", default=None,
    help="Read the band's closest calls once more with e5 (its title and first 40 words of the articles asked; the "
    "store keeps the vectors; docs/stories.md). Unset: as the store was grouped (on for a new store wherever the band "
    "reads). Changing it needs --restart.",
)
def stories(
    db,
    limit: int,
    offset: int,
    sort: str,
    min_size: int,
    min_outlets: int,
    outlet: str | None,
    since: str | None,
    until: str | None,
    update: bool,
    restart: bool,
    events_shown: int,
    fmt: str,
    workers: int,
    meaning_encoder: str | None,
    event_band: bool | None,
    event_e5: bool | None,
) -> None:
    """Group stored articles into events and storylines, and list the storylines with their
    events: articles, outlets, days, title (the first line says how many there are)."""
    check_choice(fmt, LIST_FORMATS, "--format")
    check_choice(sort, SORTS, "--sort")
    filters = {
        "min_size": min_size, "min_outlets": min_outlets, "outlet": outlet,
        "since": parse_day(since, "--since"), "until": parse_day(until, "--until"),
    }
    from khabar.scale.cluster import stored_options

    failed = 0
    with open_store(db) as store:
        if update or restart:
            failed = group(
                store, restart=restart, workers=workers, meaning_encoder=meaning_encoder, event_band=event_band,
                event_e5=event_e5,
            )
        lines = store.storylines(limit=limit, offset=offset, sort=sort, **filters)
        total = store.count_storylines(**filters)
        events = {ln.id: store.storyline_events(ln.id) for ln in lines}
        outlets = store.coverage([ln.id for ln in lines])
        grouped_with = stored_options(store)
    if fmt == "json":
        rows = [storyline_row(ln, events[ln.id], outlets[ln.id]) for ln in lines]
        head = {"total": total, "offset": offset, "options": grouping_row(grouped_with)}
        echo(json.dumps({**head, "items": rows}, ensure_ascii=False, indent=2))
    else:
        shown = f"{offset + 1}-{offset + len(lines)}" if lines else "none"
        how = "; events re-read sentence by sentence" if grouped_with is not None and grouped_with.reads_band else ""
        echo(f"{total} storylines; showing {shown}, {'most articles' if sort == 'size' else 'newest'} first{how}")
        for ln in lines:
            names = ", ".join(f"{c['outlet'] or '?'} {c['articles']}" for c in coverage_rows(outlets[ln.id]))
            echo(
                f"{ln.id}  {ln.size:>3} articles  {ln.events:>2} events  {ln.outlets:>2} outlets  "
                f"{_days(ln)}  {ln.title}  [{names}]"
            )
            shown, left_out = latest_events(events[ln.id], events_shown)
            if left_out:
                echo(f"    ... and {left_out} older events (--events N shows more; --format json lists them all)")
            for e in shown:
                echo(f"    {e.id}  {e.size:>3} articles  {e.outlets:>2} outlets  {_days(e)}  {e.title}")
    if failed:
        exit_with(1)


def _days(row) -> str:
    if row.first_day is None:
        return "undated"
    if row.last_day is None or row.last_day == row.first_day:
        return row.first_day.isoformat()
    return f"{row.first_day}..{row.last_day}"
