"""Quotes in Arabic news: who said what, with which verb, where.

Each sentence is read by :func:`khabar.extract.attribution.find_attributions` (speaker
heads, titles, complements, cues); this module adds what needs the whole article:

* **follow-ons** — a bare verb ("وأضاف أن"، "وتابع: ..."، "وقال إن" at the start of a
  sentence) continues the most recent speaker of the article; a participle ("مضيفا أن")
  the speaker of its own sentence;
* **second mentions** — a role or head without a name ("وأضاف المتحدث باسم الكرملين"،
  "وأوضح المسؤول"، "وأضاف المرصد") or a surname alone ("وقال لافروف"، "وأضاف دوجاريك")
  is the most recent speaker whose name, role or head contains that word.  A resolved
  quote keeps the offsets where the speaker was named (``speaker_start``/``speaker_end``).

Headlines are read in one shape only, the speaker before a colon ("المجلس المحلي: أكثر من
75 ألف مدني محاصرون"), after the body, so that an abbreviated speaker ("محافظ العاصية"،
"ولافروف") takes the full name the body gives; a bare name the body never quotes is
dropped (it is more likely a place: "حلب: ...").
Pure: no I/O; the word lists are read once through :mod:`khabar.text.ar.lexicon`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from khabar.extract.attribution import (
    Attribution,
    Source,
    find_attributions,
    find_headline_attribution,
    full_name,
)
from khabar.model import Article, Quote, Sentence
from khabar.text.ar.tokenize import words


@dataclass(frozen=True, slots=True)
class _Speaker:
    """A speaker as first named in the article (offsets into ``Article.text``)."""

    text: str
    role: str | None
    organisation: str | None
    kind: str
    start: int | None
    end: int | None
    keys: frozenset[str]  # bare words of the name, role and head, for second mentions
    text_keys: frozenset[str]  # bare words of the name or head alone
    name_keys: frozenset[str]  # bare words of the name alone


def _bare_words(text: str | None) -> list[str]:
    out = []
    for w in words(text or ""):
        for prefix in ("وال", "بال", "لل", "ال"):
            if w.startswith(prefix) and len(w) - len(prefix) >= 2:
                w = w[len(prefix) :] if prefix != "لل" else w[2:]
                break
        out.append(w)
    return out


def _speaker(src: Source, offset: int) -> _Speaker:
    name = _bare_words(src.text)
    return _Speaker(
        text=src.text,
        role=src.role,
        organisation=src.organisation,
        kind=src.kind,
        start=src.start + offset,
        end=src.end + offset,
        keys=frozenset(name + _bare_words(src.role) + _bare_words(src.organisation)),
        text_keys=frozenset(name),
        name_keys=frozenset(name) if src.kind == "person" else frozenset(),
    )


def _resolve(src: Source, offset: int, known: list[_Speaker]) -> _Speaker:
    """A speaker for ``src``: an earlier one when ``src`` only mentions it again."""
    new = _speaker(src, offset)
    head = _bare_words(src.role or src.text)
    if src.definite_only and head:
        noun = head[0]
        # "المسؤول" with the article mentions a speaker again; a role defined by its
        # genitive ("مسؤول المعارضة"، "وزير الخارجية") may describe someone new, so it only
        # takes a named person whose role has the same title and genitive
        construct = bool(src.role or src.kind == "anonymous") and not words(src.role or src.text)[0].startswith(("ال", "وال"))
        for prev in reversed(known):
            if construct and not (prev.name_keys and set(head[:2]) <= prev.keys):
                continue
            # a role ("المتحدث") may match a role; a head ("المرصد") only a head, so that
            # "وتحدث المرصد" is not "مدير المرصد رامي عبد الرحمن"
            if noun in (prev.keys if src.role else prev.text_keys):
                return _Speaker(
                    prev.text,
                    prev.role,
                    src.organisation or prev.organisation,
                    prev.kind,
                    prev.start,
                    prev.end,
                    prev.keys | new.keys,
                    prev.text_keys,
                    prev.name_keys,
                )
    name = _bare_words(src.text)
    if src.kind == "person" and len(name) == 1:
        for prev in reversed(known):
            if name[0] in prev.name_keys and len(prev.name_keys) > 1:
                return _Speaker(
                    prev.text,
                    src.role or prev.role,
                    src.organisation or prev.organisation,
                    prev.kind,
                    prev.start,
                    prev.end,
                    prev.keys | new.keys,
                    prev.text_keys,
                    prev.name_keys,
                )
    return new


def extract_quotes(article: Article, sentences: Sequence[Sentence]) -> list[Quote]:
    """Every quote of ``article`` (direct and indirect), in reading order.

    ``sentences`` are the article's sentences (:func:`khabar.text.ar.segment.split_sentences`);
    offsets of each quote are into :attr:`Article.text`.
    """
    known: list[_Speaker] = []
    quotes: list[Quote] = []
    titles = [s for s in sentences if s.is_title]
    for sentence in sentences:
        if sentence.is_title:
            continue
        in_sentence: _Speaker | None = None
        for att in find_attributions(sentence.text):
            speaker = _speaker_for(att, sentence.start, known, in_sentence)
            if speaker is not None and att.source is not None and speaker.text == att.source.text:
                speaker = _named_earlier(speaker, sentences, sentence.index) or speaker
            if speaker is None:
                continue
            if not known or known[-1] is not speaker:
                known.append(speaker)
            in_sentence = speaker
            if not att.statement:
                continue  # a source named, nothing said: it may still be spoken of again
            start = sentence.start + att.content_start
            end = sentence.start + att.content_end
            quotes.append(_quote(article, sentence, speaker, att, start, end))
    headlines = [q for s in titles if (q := _headline_quote(article, s, known)) is not None]
    return headlines + quotes


def _headline_quote(article: Article, sentence: Sentence, known: list[_Speaker]) -> Quote | None:
    """"محافظ العاصية: عدد المدنيين ..." as a quote, its speaker resolved against the body's."""
    att = find_headline_attribution(sentence.text)
    if att is None or att.source is None:
        return None
    src = att.source
    speaker = _resolve(src, sentence.start, known)
    if src.kind == "person" and src.role is None and speaker.text == src.text:
        # a bare name must be someone the body quotes by full name ("ولافروف" -> لافروف)
        words_ = src.text.split()
        if len(words_) != 1 or not words_[0].startswith("و"):
            return None
        src = dataclasses.replace(src, text=src.text[1:], start=src.start + 1)
        speaker = _resolve(src, sentence.start, known)
        if speaker.text == src.text:
            return None
    start, end = sentence.start + att.content_start, sentence.start + att.content_end
    return _quote(article, sentence, speaker, att, start, end)


def _quote(article: Article, sentence: Sentence, speaker: _Speaker, att: Attribution, start: int, end: int) -> Quote:
    """The quote of ``att`` (content at ``start:end`` of the article text) by ``speaker``."""
    return Quote(
        article_id=article.id,
        sentence_index=sentence.index,
        speaker=speaker.text,
        content=article.text[start:end],
        start=start,
        end=end,
        verb=att.verb,
        role=speaker.role,
        organisation=speaker.organisation,
        direct=att.direct,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
    )


def _named_earlier(speaker: _Speaker, sentences: Sequence[Sentence], index: int) -> _Speaker | None:
    """A surname alone ("وأضاف بيرغستروم") completed from an earlier sentence that named
    the person in full without quoting them."""
    if speaker.kind != "person" or len(speaker.name_keys) != 1 or " " in speaker.text.strip():
        return None
    surname = words(speaker.text)
    if len(surname) != 1:
        return None
    for earlier in reversed([s for s in sentences if s.index < index]):
        src = full_name(earlier.text, surname[0])
        if src is not None:
            found = _speaker(src, earlier.start)
            return _Speaker(found.text, found.role or speaker.role, found.organisation or speaker.organisation, "person",
                            found.start, found.end, found.keys | speaker.keys, found.text_keys, found.name_keys)
    return None


def _speaker_for(
    att: Attribution, offset: int, known: list[_Speaker], in_sentence: _Speaker | None
) -> _Speaker | None:
    if att.source is not None:
        return _resolve(att.source, offset, known)
    if att.via == "participle" and in_sentence is not None:
        return in_sentence
    return known[-1] if known else None
