"""One serializer per kind of row, shared by the command line's ``--format json`` and the
REST API, so both give the same fields under the same names."""

from __future__ import annotations

from typing import Any

from khabar.model import Article


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


def story_row(row: Any, article_ids: list[str] | None = None) -> dict[str, Any]:
    """A story (:class:`khabar.store.StoryRow`): size, outlets, first and last day, title;
    with ``article_ids``, its articles."""
    out = {
        "id": row.id,
        "title": row.title,
        "size": row.size,
        "outlets": row.outlets,
        "first_day": row.first_day.isoformat() if row.first_day else None,
        "last_day": row.last_day.isoformat() if row.last_day else None,
    }
    if article_ids is not None:
        out["article_ids"] = article_ids
    return out


def cluster_report_row(report: Any) -> dict[str, Any]:
    """What one grouping run did (:class:`ClusterReport`)."""
    return {
        "assigned": report.assigned,
        "new_stories": report.new_stories,
        "active_stories": report.active_stories,
        "skipped": [{"source": p.source, "problem": p.problem} for p in report.skipped],
        "seconds": round(report.seconds, 3),
    }
