"""Plain-text articles: optional front matter, then the title line, then the body.

Front matter is a block at the very top between two ``---`` lines, one ``key: value`` a
line (keys: outlet, published or date, url, title, language)::

    ---
    outlet: وكالة الأنباء المتخيلة
    published: 2023-03-14
    ---

Without front matter the outlet is taken from a source line ("المصدر : BBC عربي") when
the text ends (or starts) with one; the line is then not part of the body.
"""

from __future__ import annotations

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest.metadata import make_article, parse_date, split_source_line
from khabar.article import Article

FRONT_MATTER_KEYS = frozenset({"outlet", "published", "date", "url", "title", "language", "source"})
_FENCE = "---"


def split_front_matter(text: str, *, source: str) -> tuple[dict[str, str], str]:
    """The front-matter fields and the text after the block ({} and ``text`` without one)."""
    stripped = text.lstrip("\ufeff \t\n")
    if not stripped.startswith(_FENCE + "\n") and stripped.rstrip() != _FENCE:
        return {}, text
    lines = stripped.split("\n")
    if not any(line.strip() == _FENCE for line in lines[1:]):
        raise InputError(source, "front matter opened with '---' on the first line is never closed by a '---' line")
    fields: dict[str, str] = {}
    for n, line in enumerate(lines[1:], start=2):
        if line.strip() == _FENCE:
            return fields, "\n".join(lines[n:])
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, value = line.partition(":")
        key = key.strip().casefold()
        if not sep or not key:
            raise InputError(source, f"front matter line {n} is not 'key: value': {line.strip()[:60]!r}")
        if key in FRONT_MATTER_KEYS:  # others (author, tags ...) are allowed and ignored
            fields[key] = value.strip().strip("\"'")
    raise InputError(source, "front matter opened with '---' on the first line is never closed by a '---' line")


def read_plain(text: str, *, source: str, options: ReadOptions) -> Article:
    """One article from plain text (raises :class:`InputError`)."""
    meta, rest = split_front_matter(text, source=source)
    published = meta.get("published") or meta.get("date")
    if published and parse_date(published) is None:
        raise InputError(source, f"front matter: cannot read the date {published!r} (write it as YYYY-MM-DD)")
    lines = rest.split("\n")
    outlet = meta.get("outlet") or meta.get("source")
    if not outlet and not options.outlet:
        outlet, lines = split_source_line(lines)
    title = meta.get("title", "")
    if not title:
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:
            title, lines = lines[0], lines[1:]
    if not title.strip():
        raise InputError(source, "no article text found")
    return make_article(
        title=title,
        body="\n".join(lines),
        source=source,
        options=options,
        outlet=outlet,
        url=meta.get("url"),
        published=published,
    )
