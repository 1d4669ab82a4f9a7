"""Web pages: the article's own text without menus, footers and boilerplate (trafilatura).

Metadata comes from what the page declares (title, og:/article: tags, site name, canonical
URL).  trafilatura's "extensive" date search is off: on pages without a date tag it would
take the year of a copyright footer for the publication date, and a wrong date is worse
than none.  A date in the page's URL (/2021/01/19/) is still used: outlets put the real
publication date there.
"""

from __future__ import annotations

import re

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest.metadata import make_article
from khabar.article import Article

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote tr table section article header footer pre dd dt".split()
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TITLE_SUFFIX = re.compile(r"\s+[|\-–—«»:]\s+[^|\-–—]{1,40}$")


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary), one paragraph per block element."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    pieces: list[str] = []

    def walk(el) -> None:
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            pieces.append("\n")
        if el.text and isinstance(el.tag, str):
            pieces.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            pieces.append("\n")

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n\n".join(line for line in lines if line)


def _meta(tree, *names: str) -> str | None:
    for name in names:
        found = tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
        if found and found[0].strip():
            return found[0].strip()
    return None


def read_html(text: str, *, source: str, options: ReadOptions, url: str | None = None) -> Article:
    """One article from a web page (raises :class:`InputError`)."""
    import lxml.html
    import trafilatura
    from lxml import etree

    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses str input that declares an encoding
    try:
        # huge_tree: libxml2 otherwise stops at 255 nested elements and drops what is deeper
        # (a page whose text sat inside 255 <div>s had "no article text"); the input's size
        # is bounded already (ReadOptions.max_bytes).
        tree = lxml.html.document_fromstring(text, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        raise InputError(source, "no article text found in the page") from None
    settings = {
        "url": url,
        "with_metadata": True,
        "include_comments": False,
        "include_tables": False,
        "date_extraction_params": {"extensive_search": False, "original_date": True},
    }
    doc = trafilatura.bare_extraction(tree, **settings)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:  # trafilatura parses and repairs a string its own way: some pages only work so
        doc = trafilatura.bare_extraction(text, **settings)
        body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise InputError(source, "no article text found in the page")
    page_title = tree.findtext(".//title") or ""
    title = (
        getattr(doc, "title", None)
        or _meta(tree, "og:title", "twitter:title")
        or _TITLE_SUFFIX.sub("", page_title.strip())
    )
    title = " ".join((title or "").split())
    lines = [line.strip() for line in body.split("\n") if line.strip()]
    if lines and title and " ".join(lines[0].split()) == title:
        lines = lines[1:]  # trafilatura repeats the <h1> as the first line
    try:
        return _article(tree, doc, title, lines, url=url, source=source, options=options)
    except InputError as e:
        if e.problem.startswith("too short"):  # a page of menus and links only
            raise InputError(source, f"no article text found in the page ({e.problem})") from None
        raise


def _article(tree, doc, title: str, lines: list[str], *, url: str | None, source: str, options: ReadOptions) -> Article:
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    page_url = url or getattr(doc, "url", None) or _meta(tree, "og:url") or (canonical[0] if canonical else None)
    return make_article(
        title=title,
        body="\n\n".join(lines),
        source=source,
        options=options,
        outlet=getattr(doc, "sitename", None) or _meta(tree, "og:site_name"),
        url=page_url,
        published=getattr(doc, "date", None) or _meta(tree, "article:published_time", "datePublished", "date"),
    )
