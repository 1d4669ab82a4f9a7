"""TREC/CLEF-style tagged files (the ANT corpus): ``<DOC>`` blocks of ``<TAG>value</TAG>``.

The files are not well-formed XML (bare "&" and "<" occur in text), so tags are found by
pattern, not by an XML parser.  ``<SRC>`` is the outlet, ``<TIME>`` the date (RFC 822, kept
in its own time zone), ``<TEXT>`` the body.  ``<ABSTRACT>`` is the standfirst shown above
the article; outlets differ in whether the text repeats it (Sky News and France 24 do, BBC
Arabic does not), so it opens the body only when the text does not already start with it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from itertools import islice

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest.metadata import make_article
from khabar.article import Article

_OPEN, _CLOSE = "<DOC>", "</DOC>"
_TAGS = ("DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT")
_OPEN_TAG = re.compile("<(" + "|".join(_TAGS) + ")>")
#: Words of the abstract that must appear in the text for it to count as repeated
#: (words, not characters: the text often repeats it with other punctuation).
_ABSTRACT_PROBE = 8
_WORD = re.compile(r"\w+")


def _repeats(text: str, abstract: str) -> bool:
    """Whether ``text`` holds the abstract's first words in a row: whether the words of
    ``text`` joined by spaces contain them joined by spaces.  Each of those words is then
    somewhere in the text, a test in C that most texts without the abstract fail; and such
    a run starts where the first word occurs (at the end of one of the text's words), so
    only the few words from each place the first word occurs are read, not the whole
    text's (a pattern built per abstract would be compiled per document: slower)."""
    probe = _WORD.findall(abstract)[:_ABSTRACT_PROBE]
    if not probe:
        return True  # no words to look for: nothing to add
    if not all(word in text for word in probe):
        return False
    wanted = " ".join(probe)
    at = text.find(probe[0])
    while at >= 0:
        following = [m.group() for m in islice(_WORD.finditer(text, at), len(probe))]
        if " ".join(following).startswith(wanted):
            return True
        at = text.find(probe[0], at + 1)
    return False


def _doc_blocks(text: str) -> list[str]:
    """The insides of the ``<DOC>`` blocks, in order: each runs from its ``<DOC>`` to the
    first ``</DOC>``, or to the next ``<DOC>`` or the end of the text when that comes first
    (a block left open)."""
    blocks = []
    at = text.find(_OPEN)
    while at >= 0:
        start = at + len(_OPEN)
        close = text.find(_CLOSE, start)
        reopen = text.find(_OPEN, start)
        if close >= 0 and (reopen < 0 or close < reopen):
            blocks.append(text[start:close])
            at = text.find(_OPEN, close + len(_CLOSE))
        else:
            blocks.append(text[start:] if reopen < 0 else text[start:reopen])
            at = reopen
    return blocks


def _tagged(doc: str) -> list[tuple[str, str]]:
    """``(tag, value)`` of each ``<TAG>value</TAG>`` of ``doc`` in order: what the pattern
    ``<(TAG|...)>(.*?)</\\1>`` finds, with the closing tag found by ``str.find`` (the
    pattern's lazy scan tested for the closing tag at every character of the text, a fifth
    of reading an ANT file).  An opening tag never closed is passed over, as the pattern
    passes over it."""
    out = []
    pos = 0
    while m := _OPEN_TAG.search(doc, pos):
        tag = m[1]
        close = doc.find(f"</{tag}>", m.end())
        if close < 0:
            pos = m.start() + 1
            continue
        out.append((tag, doc[m.end() : close]))
        pos = close + len(tag) + 3
    return out


def looks_like_trec(text: str) -> bool:
    return text.lstrip("\ufeff \t\n").startswith("<DOC>")


def read_trec(text: str, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles of one TREC-style file (one or several ``<DOC>`` blocks)."""
    docs = _doc_blocks(text)
    if not docs:
        yield InputError(source, "no <DOC> block found (not a TREC-style file)")
        return
    for i, doc in enumerate(docs):
        fields = {tag: html.unescape(value.strip()) for tag, value in _tagged(doc)}
        label = source if len(docs) == 1 else f"{source}#{fields.get('DOCNO') or i}"
        yield _article(fields, label=label, options=options)


def _article(fields: dict[str, str], *, label: str, options: ReadOptions) -> Article | InputError:
    text = fields.get("TEXT", "")
    abstract = fields.get("ABSTRACT", "")
    if abstract and not _repeats(text, abstract):
        text = f"{abstract}\n\n{text}" if text else abstract
    if not text.strip():
        return InputError(label, "not an article: <TEXT> is missing or empty")
    paragraphs = (" ".join(line.split()) for line in text.split("\n"))
    try:
        return make_article(
            title=fields.get("TITLE", ""),
            body="\n\n".join(p for p in paragraphs if p),
            source=label,
            options=options,
            outlet=fields.get("SRC"),
            url=fields.get("URL"),
            published=fields.get("TIME"),
        )
    except InputError as e:
        return e
