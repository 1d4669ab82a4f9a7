"""RSS and Atom feeds (feedparser): one article per entry.

Arabic outlets often write ``pubDate`` in Arabic ("الثلاثاء 13 ديسمبر 2016"), which
feedparser does not read; :func:`khabar.ingest.metadata.parse_date` does.  Entry errors are
labelled "feed.xml#3" (entry 3), so one bad entry does not lose the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest.html import html_to_text
from khabar.ingest.metadata import make_article, parse_date
from khabar.article import Article


def read_feed(text: str, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles of an RSS/Atom feed; a feed that cannot be parsed is one error."""
    import feedparser

    parsed = feedparser.parse(text.encode("utf-8"), response_headers={"content-type": "application/xml; charset=utf-8"})
    if not parsed.entries:
        if parsed.bozo:
            reason = str(getattr(parsed, "bozo_exception", "")).strip() or "not well-formed"
            yield InputError(source, f"malformed feed: {reason}")
        else:
            yield InputError(source, "feed has no entries")
        return
    outlet = parsed.feed.get("title") or None
    for i, entry in enumerate(parsed.entries):
        label = f"{source}#{i}"
        try:
            yield _entry(entry, label=label, outlet=outlet, options=options)
        except InputError as e:
            yield e


def _entry(entry, *, label: str, outlet: str | None, options: ReadOptions) -> Article:
    contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
    html_body = max(contents, key=len) if contents else entry.get("summary", "")
    body = html_to_text(html_body or "")
    title = html_to_text(entry.get("title", "") or "")
    if not body.strip():
        raise InputError(label, "feed entry has no text (no content or summary)")
    return make_article(
        title=title,
        body=body,
        source=label,
        options=options,
        outlet=outlet,
        url=entry.get("link"),
        published=_entry_date(entry),
    )


def _entry_date(entry) -> dt.date | None:
    # The date as written first: feedparser's *_parsed are in UTC, which moves a late-evening
    # Damascus date to the next or previous day.
    for key in ("published", "updated", "created", "dc_date"):
        found = parse_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None
