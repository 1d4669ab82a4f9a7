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
import json
import re
from collections.abc import Callable, Container, Sequence
from functools import lru_cache
from importlib import resources

from khabar.extract.attribution.lists import PREPOSITION_WORDS, _lists, complement_at, is_given_name, stop_at, verb_info
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
    if not speaker.startswith(("ال", "وال")):
        return None  # asked before the speaker is normalized: most speakers are no description
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


_TOKEN = re.compile(r"[^\s،,:;.!?؟]+")
_QUOTES_OPEN = "\"«“"
_QUOTES_CLOSE = "\"»”"


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """Weekdays and relative days with their article ("الثلاثاء"، "اليوم"): after a speaker
    they say when, not whose."""
    raw = json.loads(resources.files("khabar.text.ar").joinpath("data/calendar.json").read_text(encoding="utf-8"))
    forms = [f for fs in raw["weekdays"].values() for f in fs]
    forms += [day for day in raw["relative_days"] if " " not in day]
    return frozenset(normalize(f) for f in forms)


@lru_cache(maxsize=1)
def _construct_heads() -> frozenset[str]:
    """Nouns the lists know as the head of a speaker's phrase ("شرطة"، "منظمة"، "متحدث"،
    "مصادر"، "تقرير"): without the article, a genitive must follow them."""
    L = _lists()
    return frozenset(L.organisation | L.anonymous | L.quantifiers | L.documents | L.statement_nouns | frozenset(L.titles))


def _free(word: str) -> bool:
    """A word that may carry a speaker's phrase on: not a verb of saying, a complementiser, a
    preposition, a listed stop ("خلال") or a time word."""
    L = _lists()
    return not (verb_info(word) or complement_at(word) or word in PREPOSITION_WORDS or stop_at((word,)) or word in _time_words()
                or word in L.relative or word in L.modals or len(word) < 3 or not word[:1].isalpha())


def completed_end(
    text: str, start: int, end: int, name_starts: Container[int] = frozenset(), person_starts: Container[int] = frozenset(), spoken: list[str] | None = None
) -> int:
    """Where a speaker written at ``text[start:end]`` really ends: a phrase cut inside its
    construct ("[شرطة مدينة] ساكرامنتو الأمريكية"، "[جهاز حماية] المنافسة"، "[منظمة] "..."")
    runs on over its genitive and the definite adjectives after it; a first name alone
    ("[أماني] الشعلان") over the surname after it.  ``end`` when nothing follows so.
    ``spoken``: the speaker's normalized words, when the caller has them."""
    if spoken is None:
        spoken = _WORD.findall(normalize(text[start:end]))
    if not spoken or end >= len(text) or not text[end].isspace() or text[end] == "\n":
        return end
    last = spoken[-1]
    given = is_given_name(last) and len(spoken) == 1
    heads = _construct_heads()
    chain = spoken[0] in heads and not any(x.startswith(("ال", "وال")) for x in spoken) and not last.endswith(("ي", "يه"))
    if not given and (last.startswith(("ال", "وال")) or (last not in heads and not chain)):
        # a definite head or a name ends a phrase where the reader ended it; a chain of
        # bare nouns after a listed head ("[شرطة مدينة] ساكرامنتو") is still in its construct.
        # Asked before the text after the speaker is read: most speakers end so (the cost)
        return end
    tokens = list(_TOKEN.finditer(text, end, min(len(text), end + 160)))
    if not tokens or "\n" in text[end : tokens[0].start()]:
        return end
    first = tokens[0]
    w = normalize(first.group())
    named = first.start() in name_starts
    if given:
        # a first name alone: a family name with the article or a name the recognizer
        # found right after it is its surname ("[أماني] الشعلان")
        if (w.startswith("ال") or first.start() in person_starts) and _free(w) and not is_given_name(w) and text[end : first.start()] == " ":
            return first.end()
        return end
    new_end = end
    if first.group()[:1] in _QUOTES_OPEN and last in _lists().organisation:
        # "منظمة "إس أو إس البحر المتوسط"": the quoted name of a body is its genitive (after
        # "مسؤول إيراني كبير" a quotation mark opens what he said)
        close = next((t for t in tokens[:8] if t.group()[-1:] in _QUOTES_CLOSE and (t is not first or len(t.group()) > 1)), None)
        if close is None:
            return end
        new_end, rest = close.end(), tokens[tokens.index(close) + 1 :]
        if text[close.end() - 1 : close.end()] not in _QUOTES_CLOSE:
            return end
    elif w[:1].isalpha() and _free(w) and text[end : first.start()] == " " and (w.startswith("ال") or named):
        # the genitive: a definite noun, or a name the recognizer found ("[شرطة مدينة] ساكرامنتو")
        new_end, rest = first.end(), tokens[1:]
    else:
        return end
    for t in rest[:3]:
        # the definite adjectives of the genitive ("... المنافسة المصري"، "... الأمريكية")
        x = normalize(t.group())
        if not (x.startswith("ال") and x.endswith(("ي", "يه")) and _free(x)) or text[new_end : t.start()] != " ":
            break
        new_end = t.end()
    return new_end


#: The most words a speaker cut inside its construct runs on to the clause it says.
MAX_RUN_ON = 8


def run_on_end(text: str, start: int, end: int, content: int, name_ends: Container[int] = frozenset(), spoken: list[str] | None = None) -> int:
    """Where a speaker cut inside its construct ends when only its genitive stands between it
    and the complementiser that opens what it says ("وقال [منظمو بطولة] ميامي المفتوحة للتنس
    إن"، "وتقول [إدارة معرض] البحرين الدولي للكتاب إن"، "[أحد قادة] غرفة العمليات في المدينة
    إن"): the speaker's last word has no article (a noun in construct, a name), the words up
    to the complementiser are free words of one phrase (no comma, quotation mark, verb,
    preposition opening it, time word or listed stop: "الثلاثاء"، "في بيان"، "لوكالة" end it
    where they stand).  A speaker whose last word ends a name the recognizer found is whole
    ("[موسكو] تلك"، "[فرهاد ديريك] افتتاح": what follows is the verb's object).  ``end`` when
    the gap is anything else."""
    if not start <= end < content or content - end > 200:
        return end
    gap = text[end:content].split()
    if not gap or len(gap) > MAX_RUN_ON + 1 or not complement_at(normalize(gap[-1])) or end in name_ends:
        return end
    if spoken is None:
        spoken = _WORD.findall(normalize(text[start:end]))
    if not spoken or spoken[-1].startswith(("ال", "وال")):
        return end
    new_end, at = end, end
    for i, raw in enumerate(gap[:-1]):
        at = text.index(raw, at)
        if not raw[:1].isalnum() or any(c in raw for c in "،,:;\"«»“”()[]#.") or "\n" in text[new_end:at]:
            break
        w = normalize(raw)
        if not _free(w) or w in _lists().demonstratives or (i == 0 and w.startswith("ل") and not w.startswith("ال")) or stop_at(tuple(normalize(x) for x in gap[i:-1])):
            break
        new_end = at = at + len(raw)
    return new_end


class _Marks:
    """Offsets of the article's names, made on the first question (most articles ask none: the
    cost of the pass, issue 20 session 36)."""

    __slots__ = ("_make", "_set")

    def __init__(self, make: Callable[[], frozenset[int]]) -> None:
        self._make = make
        self._set: frozenset[int] | None = None

    def __contains__(self, offset: object) -> bool:
        if self._set is None:
            self._set = self._make()
        return offset in self._set


def link(quotes: Sequence[Quote], text: str, mentions: Sequence[EntityMention]) -> list[Quote]:
    """``quotes`` with each speaker cut inside its phrase completed, and each that is a bare
    description linked to its person."""
    done = []
    name_starts = _Marks(lambda: frozenset(m.start for m in mentions))
    name_ends = _Marks(lambda: frozenset(m.end for m in mentions))
    person_starts = _Marks(lambda: frozenset(m.start for m in mentions if m.kind == "person"))
    for q in quotes:
        if q.speaker_start is not None and q.speaker_end is not None and text[q.speaker_start : q.speaker_end] == q.speaker:
            spoken = _WORD.findall(normalize(q.speaker))  # once for both readings (the cost)
            e = completed_end(text, q.speaker_start, q.speaker_end, name_starts, person_starts, spoken)
            if e != q.speaker_end and not (q.speaker_end <= q.start < e):  # never into what is said
                q = dataclasses.replace(q, speaker=text[q.speaker_start : e], speaker_end=e)
            else:
                e = run_on_end(text, q.speaker_start, q.speaker_end, q.start, name_ends, spoken)
                if e != q.speaker_end:
                    q = dataclasses.replace(q, speaker=text[q.speaker_start : e], speaker_end=e)
        done.append(q)
    quotes = done
    descs = [description(q.speaker) if q.speaker_start is not None and q.speaker_end is not None else None for q in quotes]
    if not any(descs):
        return quotes
    persons = sorted((m for m in mentions if m.kind == "person"), key=lambda m: m.start)
    if not persons:
        return quotes
    out, windows = [], {}
    for q, desc in zip(quotes, descs):
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
