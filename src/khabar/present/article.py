"""An article as a page shows it: its whole text cut at sentence bounds (each sentence an
anchor a citation points at) and at one highlighted span."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khabar.model import Article, Sentence
from khabar.text.ar.segment import split_sentences


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    marked: bool = False
    anchor: bool = False  # the first marked piece carries id="hl"


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence (``index`` set) or the text between two sentences (``index`` None)."""

    pieces: tuple[Piece, ...]
    index: int | None = None
    is_title: bool = False


@lru_cache(maxsize=512)
def sentences_of(article: Article) -> tuple[Sentence, ...]:
    return tuple(split_sentences(article))


def article_segments(article: Article, *, highlight: tuple[int, int] | None = None) -> list[Segment]:
    """The whole text, cut at sentence bounds (each sentence an anchor ``s-N``) and at the
    highlighted span, so every character is shown exactly once and in place."""
    text = article.text
    hl = highlight if highlight and 0 <= highlight[0] < highlight[1] <= len(text) else None
    anchored = False

    def pieces(start: int, end: int) -> tuple[Piece, ...]:
        nonlocal anchored
        if hl is None or hl[1] <= start or hl[0] >= end:
            return (Piece(text[start:end]),)
        a, b = max(start, hl[0]), min(end, hl[1])
        out = []
        if start < a:
            out.append(Piece(text[start:a]))
        out.append(Piece(text[a:b], marked=True, anchor=not anchored))
        anchored = True
        if b < end:
            out.append(Piece(text[b:end]))
        return tuple(out)

    segments: list[Segment] = []
    pos = 0
    for s in sentences_of(article):
        if s.start < pos:  # overlapping sentences would show text twice: skip the overlap
            continue
        if s.start > pos:
            segments.append(Segment(pieces(pos, s.start)))
        segments.append(Segment(pieces(s.start, s.end), index=s.index, is_title=s.is_title))
        pos = s.end
    if pos < len(text):
        segments.append(Segment(pieces(pos, len(text))))
    return segments
