"""The per-article pipeline: one :class:`Document` per article, filled by named components.

Like spaCy's pipeline, each component takes the document built so far and returns a new
one with its part added; the order is fixed by what each part needs (sentences before the
numbers in them).  Documents are immutable, so a component cannot disturb another's work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from khabar.extract.claims import extract_claims
from khabar.extract.entities import find_mentions
from khabar.extract.quotes import extract_quotes
from khabar.model import Article, Document, NumberMention
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.segment import split_sentences
from khabar.text.ar.tokenize import words


Component = Callable[[Document], Document]


def add_sentences(doc: Document) -> Document:
    """Split the article into sentences and tokenize each."""
    sentences = tuple(split_sentences(doc.article))
    return dataclasses.replace(
        doc,
        sentences=sentences,
        sentence_words=tuple(tuple(words(s.text)) for s in sentences),
    )


def add_numbers(doc: Document) -> Document:
    """Every number mention, with offsets into the article text (found sentence by sentence,
    so a figure never spans two sentences)."""
    found: list[NumberMention] = []
    for sentence in doc.sentences:
        for n in find_numbers(sentence.text):
            found.append(dataclasses.replace(n, start=n.start + sentence.start, end=n.end + sentence.start))
    return dataclasses.replace(doc, numbers=tuple(found))


def add_quotes(doc: Document) -> Document:
    """Who said what, follow-ons resolved within the article."""
    return dataclasses.replace(doc, quotes=tuple(extract_quotes(doc.article, doc.sentences)))


def add_mentions(doc: Document) -> Document:
    """People, organisations and places named in the article (linked across articles later)."""
    return dataclasses.replace(doc, mentions=tuple(find_mentions(doc.article, doc.sentences)))


def add_claims(doc: Document) -> Document:
    """Figures about people and events, each with its category, source, place and date."""
    claims = extract_claims(doc.article, doc.sentences, quotes=doc.quotes, mentions=doc.mentions)
    return dataclasses.replace(doc, claims=tuple(claims))


#: The components, in the order they run.
PIPELINE: tuple[tuple[str, Component], ...] = (
    ("sentences", add_sentences),
    ("numbers", add_numbers),
    ("quotes", add_quotes),
    ("mentions", add_mentions),
    ("claims", add_claims),
)


def analyze(article: Article, *, components: Sequence[tuple[str, Component]] = PIPELINE) -> Document:
    """Run the pipeline over one article."""
    doc = Document(article=article)
    for name, component in components:
        result = component(doc)
        if not isinstance(result, Document):  # a component bug, caught where it happens
            raise TypeError(f"pipeline component {name!r} returned {type(result).__name__}, not Document")
        doc = result
    return doc


def analyze_all(articles: Iterable[Article]) -> list[Document]:
    return [analyze(a) for a in articles]
