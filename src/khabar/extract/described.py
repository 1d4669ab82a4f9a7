"""A speaker given only by a description ("وقال اللاعب البرتغالي"، "وأضاف المطرب") linked to
the person the article named with it (issue 20, session 35).

The attribution rules and the statement reader give a speaker as the sentence writes it; a
definite description of a person ("الاقتصادي"، "المدرب البرتغالي"، "الرئيس التنفيذي") that no
earlier *speaker* resolves stays as written, and the judge's gold wants the person.  Here
such a speaker is linked, in this order, to

* **the name that follows it** -- a person's name the recognizer found right after the
  description, one or two article-words or a comma between ("كشف المدرب البرتغالي الشهير
  جوزيه مورينيو"، "وأوضح المتحدث باسم الهيئة، المستشار محمود الشريف"): the speaker runs on
  to the end of the name;
* **the person the article described so** -- the last person named before it whose name has
  every word of the description (without its article) within :data:`WINDOW` words before or
  after it, in its own sentence: the article's own apposition ("المطرب الإنجليزي الشهير روبي
  ويليامز" ... "وأضاف المطرب"، "حبيب الملا، الرئيس التنفيذي لمكتب" ... "أوضح الرئيس
  التنفيذي").

A description no named person of the article carries stays as written (never guessed).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from khabar.extract.attribution.lists import _lists
from khabar.model import EntityMention, Quote
from khabar.text.ar.normalize import normalize

#: How many words on either side of a name its description may stand.
WINDOW = 6
#: How many words may stand between a description and the name after it.
GAP_AFTER = 2
#: How near the name the description's head stands (words).
HEAD_NEAR = 3
#: The longest description read (in words).
MAX_WORDS = 4
_WORD = re.compile(r"\w+")
#: Where a name's sentence ends, for the window around it.
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _bare(word: str) -> str:
    """A normalized word without و and its article ("والمدرب" -> "مدرب")."""
    if word.startswith("وال") and len(word) > 5:
        return word[3:]
    if word.startswith("ال") and len(word) > 4:
        return word[2:]
    return word


def _words(text: str) -> list[str]:
    return _WORD.findall(normalize(text))


def description(speaker: str) -> list[str] | None:
    """The bare words of ``speaker`` when it is a definite description of someone (first
    word with the article, at most :data:`MAX_WORDS` words, not a plural), else None."""
    ws = _words(speaker)
    if not ws or len(ws) > MAX_WORDS or not ws[0].startswith(("ال", "وال")) or len(ws[0]) < 5:
        return None
    if ws[0].endswith(("ون", "ين", "ات")):
        return None  # "المسؤولون"، "المحققين"، "السلطات": a collective, not a named person
    bare = [_bare(w) for w in ws]
    titles = _lists().titles
    if not (bare[0] in titles or (bare[0].endswith("ه") and bare[0][:-1] in titles)):
        return None  # "الخزانة"، "الشرطة"، "البيان": a body or a document, not a person's description
    return bare


def _sides(text: str, m: EntityMention) -> tuple[list[str], list[str]]:
    """The bare words before mention ``m`` and after it (up to :data:`WINDOW`), in its sentence."""
    left = text[max(0, m.start - 200) : m.start]
    cut = [x.end() for x in _SENTENCE_END.finditer(left)]
    left = left[cut[-1] :] if cut else left
    right = text[m.end : m.end + 200]
    stop = _SENTENCE_END.search(right)
    right = right[: stop.start()] if stop else right
    return [_bare(w) for w in _words(left)[-WINDOW:]], [_bare(w) for w in _words(right)[:WINDOW]]


def _described_so(desc: list[str], sides: tuple[list[str], list[str]]) -> bool:
    """The description ``desc`` stands in apposition to a name whose words around are
    ``sides``: its head among the :data:`HEAD_NEAR` words right before the name or right
    after it, and every word of it within the window ("المطرب الإنجليزي الشهير روبي ويليامز"،
    "حبيب الملا، الرئيس التنفيذي لمكتب"; not "المتحدث الرسمي باسم الأمين العام ... أبو الغيط")."""
    left, right = sides
    head = desc[0]
    if head not in left[-HEAD_NEAR:] and head not in right[:HEAD_NEAR]:
        return False
    around = set(left) | set(right)
    return all(w in around for w in desc)


def _after(text: str, end: int, persons: Sequence[EntityMention]) -> EntityMention | None:
    """The person named right after a description ending at ``end``."""
    for m in persons:
        if m.start < end:
            continue
        between = text[end : m.start]
        ws = between.replace("،", " ").replace(",", " ").split()
        if len(ws) <= GAP_AFTER and all(normalize(w).startswith("ال") for w in ws) and not _SENTENCE_END.search(between):
            return m
        return None
    return None


def link(quotes: Sequence[Quote], text: str, mentions: Sequence[EntityMention]) -> list[Quote]:
    """``quotes`` with each speaker that is a bare description linked to its person."""
    persons = sorted((m for m in mentions if m.kind == "person"), key=lambda m: m.start)
    if not persons:
        return list(quotes)
    out, windows = [], {}
    for q in quotes:
        desc = description(q.speaker) if q.speaker_start is not None and q.speaker_end is not None else None
        if desc is None or any(m.start < q.speaker_end and q.speaker_start < m.end for m in persons):
            out.append(q)
            continue
        follows = _after(text, q.speaker_end, persons)
        if follows is not None:
            out.append(dataclasses.replace(q, speaker=text[q.speaker_start : follows.end], role=q.role or q.speaker, speaker_end=follows.end))
            continue
        named = None
        for m in reversed([m for m in persons if m.end <= q.speaker_start]):
            if id(m) not in windows:
                windows[id(m)] = _sides(text, m)
            if _described_so(desc, windows[id(m)]):
                named = m
                break
        if named is None:
            out.append(q)
            continue
        out.append(dataclasses.replace(q, speaker=named.text, role=q.role or q.speaker, speaker_start=named.start, speaker_end=named.end, speaker_resolved=True))
    return out
