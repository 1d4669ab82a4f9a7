"""One serializer per kind of row, shared by the command line's ``--format json`` and the
REST API, so both give the same fields under the same names."""

from __future__ import annotations

import dataclasses

from typing import Any

from khabar.ingest.metadata import file_name
from khabar.article import Article


def article_row(a: Article) -> dict[str, Any]:
    """The listing fields of a stored article.  ``source`` (a server path for files ingested
    by the CLI) is kept private."""
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "language": a.language,
    }


def hit_row(hit: Any) -> dict[str, Any]:
    """A search hit (:class:`khabar.store.SearchHit`): the article's row, its score, the
    matching snippet, and whether every word matched as written."""
    return {**article_row(hit.article), "score": hit.score, "snippet": hit.snippet, "exact": hit.exact}


def outlet_name(outlet: str | None, source: str | None) -> str | None:
    """Who gave an article, for a reader: its outlet, else the name of the file it was read
    from (a path's last part; not a URL or "<stdin>"), else None (unknown)."""
    return outlet or file_name(source)


def coverage_rows(coverage: list[Any]) -> list[dict[str, Any]]:
    """Articles per outlet (:class:`khabar.store.Coverage`), most first: ``outlet`` is the
    outlet or file name (None: unknown); ``from_file`` says it is a file name."""
    return [
        {"outlet": outlet_name(c.outlet, c.source), "from_file": not c.outlet and outlet_name(None, c.source) is not None,
         "articles": c.articles}
        for c in coverage
    ]


def story_row(row: Any, article_ids: list[str] | None = None) -> dict[str, Any]:
    """An event (:class:`khabar.store.StoryRow`): size, outlets, first and last day, title,
    its storyline; with ``article_ids``, its articles."""
    out = {
        "id": row.id,
        "title": row.title,
        "size": row.size,
        "outlets": row.outlets,
        "first_day": row.first_day.isoformat() if row.first_day else None,
        "last_day": row.last_day.isoformat() if row.last_day else None,
        "storyline": row.storyline or None,
    }
    if article_ids is not None:
        out["article_ids"] = article_ids
    return out


def storyline_row(row: Any, events: list[Any] | None = None, coverage: list[Any] | None = None) -> dict[str, Any]:
    """A storyline (:class:`khabar.store.StorylineRow`): articles, events, outlets, first and
    last day, title; with ``events``, its events in time order; with ``coverage``, its
    articles per outlet."""
    out = {
        "id": row.id,
        "title": row.title,
        "size": row.size,
        "event_count": row.events,
        "outlets": row.outlets,
        "first_day": row.first_day.isoformat() if row.first_day else None,
        "last_day": row.last_day.isoformat() if row.last_day else None,
    }
    if events is not None:
        out["events"] = [story_row(e) for e in events]
    if coverage is not None:
        out["coverage"] = coverage_rows(coverage)
    return out


def cluster_report_row(report: Any) -> dict[str, Any]:
    """What one grouping run did (:class:`ClusterReport`), and the options it grouped with."""
    return {
        "assigned": report.assigned,
        "new_stories": report.new_stories,
        "new_storylines": report.new_storylines,
        "active_stories": report.active_stories,
        "skipped": [{"source": p.source, "problem": p.problem} for p in report.skipped],
        "seconds": round(report.seconds, 3),
        "options": grouping_row(report.options),
    }


def grouping_row(options: Any) -> dict[str, Any] | None:
    """The options a store's events were grouped with (:class:`khabar.config.StoryOptions`),
    None for a store never grouped: a listing says how its events were found."""
    return None if options is None else {
        **dataclasses.asdict(options), "event_band": options.reads_band, "event_e5": options.reads_e5,
    }
