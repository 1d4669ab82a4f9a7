"""The article as read: :class:`Article`, its id and its text.

Apart from :mod:`khabar.model` so that reading and storing articles (``khabar ingest``, the
store) need not define the brief's 22 other classes: a frozen dataclass is compiled at
import (its ``__init__``, ``__eq__``, ``__hash__``, ``__repr__`` ... each from generated
source), about half a millisecond of CPU each, and ``khabar.model`` was the largest part of
``khabar ingest``'s start-up.  :mod:`khabar.model` re-exports everything here, and
:class:`Article` keeps ``khabar.model`` as its module, so every pickle (kept analyses) and
every import that names it there is unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

#: Separator between an article's title and its body in :attr:`Article.text`.
TITLE_SEPARATOR = "\n\n"


def unique_articles(articles: Iterable[Article]) -> list[Article]:
    """Articles in input order, each id once (the same report given twice counts once)."""
    seen: set[str] = set()
    out = []
    for a in articles:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def article_id_for(title: str, body: str) -> str:
    """A stable id from the article's normalized content.

    Two copies that differ only in diacritics, hamza forms, digits or spacing get the same
    id, so ingesting the same report twice stores it once.
    """
    # text core: imported late, model stays light
    from khabar.text.ar.normalize import normalize, normalized_words

    whole = f"{title}\n{body}"
    digest = hashlib.sha1()
    if len(whole) <= _COLLAPSE_CHUNK:
        digest.update(normalized_words(whole).encode("utf-8"))
    else:
        for piece in _collapsed(normalize(whole)):
            digest.update(piece.encode("utf-8"))
    return digest.hexdigest()[:16]


#: Characters of text collapsed at a time: " ".join(text.split()) of a whole 40 MB file
#: built a list of 3.3 million words (370 MB at its peak) to hash one string.
_COLLAPSE_CHUNK = 1 << 20


def _collapsed(text: str) -> Iterable[str]:
    """The pieces of ``" ".join(text.split())`` in order, a chunk at a time (cut only where
    whitespace is, so no word is split)."""
    import re

    space = re.compile(r"\s")  # the characters str.split() splits on
    pos, first = 0, True
    while pos < len(text):
        end = pos + _COLLAPSE_CHUNK
        if end < len(text):
            found = space.search(text, end)
            end = found.start() if found else len(text)
        words = text[pos:end].split()
        if words:
            yield ("" if first else " ") + " ".join(words)
            first = False
        pos = end


@dataclass(frozen=True, slots=True)
class Article:
    """One news report as read from a file, a feed, a page or a program."""

    id: str
    title: str
    body: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str = "ar"
    source: str | None = None  # where it was read from: a path, "<stdin>", a URL

    @classmethod
    def create(
        cls,
        *,
        title: str,
        body: str,
        outlet: str | None = None,
        url: str | None = None,
        published: dt.date | None = None,
        language: str = "ar",
        source: str | None = None,
    ) -> Article:
        """Build an article and derive its id from its content."""
        title = title.strip()
        body = body.strip()
        return cls(
            id=article_id_for(title, body),
            title=title,
            body=body,
            outlet=outlet or None,
            url=url or None,
            published=published,
            language=language,
            source=source,
        )

    @property
    def text(self) -> str:
        """Title and body as one string: the frame of reference of every offset."""
        if not self.title:
            return self.body
        if not self.body:
            return self.title
        return f"{self.title}{TITLE_SEPARATOR}{self.body}"

    @property
    def body_offset(self) -> int:
        """Where the body starts inside :attr:`text`."""
        return len(self.title) + len(TITLE_SEPARATOR) if self.title and self.body else 0


# Its public home: pickles name a class by its module, and kept analyses (pickled documents)
# were written naming khabar.model.Article (set after the class is made: the dataclass
# decorator reads the annotations in the module the class names).
Article.__module__ = "khabar.model"
