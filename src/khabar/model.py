"""The plain data that flows through khabar: ingest -> text -> extract -> relate -> summarize -> present.

Everything here is a frozen dataclass with no I/O.  Offsets are Python string indices
(code points) into :attr:`Article.text`, the title and body joined by a blank line, so a
span can always be shown highlighted in the article exactly as it was written.

:class:`EventBrief` is the contract read by other tools and the web page; its JSON form is
described in ``docs/brief-schema.md`` and ``src/khabar/schema/brief.schema.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import operator
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

# The article as read lives apart, so that ingest and the store need not define the rest
# (khabar.article says why); these names are khabar.model's as they always were.
from khabar.article import TITLE_SEPARATOR, Article, article_id_for, unique_articles  # noqa: F401 - re-exported
from khabar.frozen import slot_init

#: Version of the brief's JSON form.  Bump the minor part for additions, the major for changes.
BRIEF_SCHEMA_VERSION = "2.3"


@slot_init
@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article, with its place in :attr:`Article.text`."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0
    is_title: bool = False


@slot_init
@dataclass(frozen=True, slots=True)
class NumberMention:
    """A number as written in text, parsed.

    ``value`` is the single best reading (``None`` for an open range such as "عشرات الآلاف"
    without a centre); ``low``/``high`` bound it (either may be ``None`` for open bounds:
    "أكثر من 100 ألف" has ``low=100000``, ``high=None``).  ``approximate`` is true for hedged
    or vague figures ("نحو"، "حوالي"، "عشرات").
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool = False
    qualifier: str | None = None  # the hedge as written: "نحو", "أكثر من", "على الأقل" ...
    unit: str | None = None  # "percent" for percentages, else None


@slot_init
@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression as written, and the day (or month, year) it stands for."""

    start: int
    end: int
    text: str
    date: dt.date | None
    kind: str  # "absolute" | "relative" | "weekday" | "month" | "year"
    precision: str  # "day" | "week" | "month" | "year"
    expression: str


#: What follows ``start`` and ``end`` in a mention, read at once (:func:`shifted`).
_AFTER_OFFSETS: dict[type, Any] = {}


def shifted(mention: Any, delta: int) -> Any:
    """``mention`` (a frozen dataclass whose first fields are ``start`` and ``end``: a
    :class:`NumberMention`, a :class:`DateMention`) with both offsets moved by ``delta``:
    the same object ``dataclasses.replace(mention, start=..., end=...)`` makes, built
    positionally (``replace`` reads the fields and calls with keywords: the offsets of the
    numbers and dates of 320 articles are moved ~10,000 times, into the article and back
    into their sentence for the claims)."""
    cls = type(mention)
    rest = _AFTER_OFFSETS.get(cls)
    if rest is None:
        names = [f.name for f in dataclasses.fields(cls)]
        if names[:2] != ["start", "end"] or len(names) < 3:
            raise TypeError(f"{cls.__name__} does not open with start and end")
        rest = _AFTER_OFFSETS[cls] = operator.attrgetter(*names[2:])
    values = rest(mention)
    return cls(mention.start + delta, mention.end + delta, *(values if isinstance(values, tuple) else (values,)))


@dataclass(frozen=True, slots=True)
class Citation:
    """A sentence of an article that supports a statement of the brief."""

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    outlet: str | None = None
    published: dt.date | None = None
    similarity: float = 1.0

    @classmethod
    def of(cls, article: Article, sentence: Sentence, similarity: float = 1.0) -> Citation:
        """Cite ``sentence`` of ``article`` (similarity rounded, capped at 1)."""
        return cls(
            article_id=article.id,
            sentence_index=sentence.index,
            start=sentence.start,
            end=sentence.end,
            text=sentence.text,
            outlet=article.outlet,
            published=article.published,
            similarity=round(min(similarity, 1.0), 4),
        )


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence chosen for the summary, with every article sentence that supports it."""

    text: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    citations: tuple[Citation, ...] = ()
    score: float = 0.0
    #: The day of the event the sentence tells when it names none itself, as another outlet's
    #: opening states it (``day_citation``, also among ``citations``): the opening's dateline.
    day: dt.date | None = None
    day_citation: Citation | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({c.outlet for c in self.citations if c.outlet}))


@slot_init
@dataclass(frozen=True, slots=True)
class Quote:
    """A reported statement: who said it, with which verb, what was said, and where."""

    article_id: str
    sentence_index: int
    speaker: str
    content: str
    start: int
    end: int
    verb: str | None = None
    role: str | None = None
    organisation: str | None = None
    speaker_entity: str | None = None  # Entity.id when resolved
    direct: bool = False
    #: Where the speaker is named (for a follow-on such as "وأضاف", where the speaker was
    #: named earlier in the article); None for an unnamed speaker.
    speaker_start: int | None = None
    speaker_end: int | None = None
    #: False when the speaker is an anaphor ("المصدر نفسه"، "الأخير"، "المتحدث") that nothing
    #: earlier in the article resolves: ``speaker`` is then the anaphor as written, not a guess.
    speaker_resolved: bool = True


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing reported by one or more articles: a statement (the same event told in
    several words) or a quote (the same words from the same speaker)."""

    id: str
    kind: Literal["statement", "quote"]
    text: str
    citations: tuple[Citation, ...]
    speaker: str | None = None

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({c.outlet for c in self.citations if c.outlet}))

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.article_id for c in self.citations))


@dataclass(frozen=True, slots=True)
class Speaker:
    """One person or body quoted in the brief, shown once with every statement of theirs
    (:class:`Fact` ids) from every outlet, and the spellings the outlets wrote."""

    id: str
    name: str
    fact_ids: tuple[str, ...]
    #: The speaker as each outlet wrote it, most frequent first ("جان لوك فيرنييه",
    #: "جان-لوك فيرنييه").
    variants: tuple[str, ...] = ()
    entity: str | None = None  # Entity.id when the speaker is a linked name
    #: Titles the speaker was given ("المبعوث الأممي الخاص"), most frequent first.
    roles: tuple[str, ...] = ()


@slot_init
@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name as written in an article, with what kind of thing it names (found per
    article by :mod:`khabar.extract`, linked into :class:`Entity` across articles).

    ``name_key`` is what linking compares: the canonical key of a gazetteer entry, the
    normalized words of a found name (``عبد``/``أبو`` compounds joined, hyphens as spaces),
    or -- for a surname resolved inside its article -- the key of the full name.
    """

    article_id: str
    start: int
    end: int
    text: str
    kind: str
    role: str | None
    name_key: str


@slot_init
@dataclass(frozen=True, slots=True)
class Mention:
    article_id: str
    start: int
    end: int
    text: str


@slot_init
@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, organisation or place, with every spelling seen in the corpus."""

    id: str
    kind: Literal["person", "organisation", "place", "other"]
    name: str
    #: Titles and roles seen with the name ("وزير الخارجية الروسي"), kept apart from it.
    roles: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


#: What a figure's span of time is: one day (an incident, or a stock given on a day), counted
#: since a date, counted so far without a start, a bounded or named period, or not said.
SpanKind = Literal["day", "since", "so_far", "period", "unknown"]
#: How a figure's value is hedged: as written, "نحو", "على الأقل", "أكثر من", "لا يتجاوز" /
#: "قد يصل إلى", "أقل من", a range ("بين 10 و20"), or a vague count ("عشرات").
QualifierKind = Literal["exact", "about", "at_least", "more_than", "up_to", "less_than", "range", "vague"]
#: What a figure is to another figure: a share of a total split by place, destination or
#: batch; a subgroup of a total by who ("بينهم 11 طفلا"); the same cumulative count reported
#: later; the same figure again in the same article.
RelationKind = Literal["part_of", "breakdown_of", "running_total_of", "same_as"]
#: Who a link of a source chain is.
SourceKind = Literal["person", "organisation", "country", "anonymous", "unattributed", "other"]


@slot_init
@dataclass(frozen=True, slots=True)
class SourceLink:
    """One link of a figure's source chain: a source as written, and what kind it is."""

    text: str  # as written, without title ("المرصد السوري لحقوق الإنسان", "مصادر أخرى"); "" when unattributed
    kind: SourceKind = "other"
    organisation: str | None = None  # the organisation a person speaks for ("الدفاع المدني")
    entity: str | None = None  # Entity.id when linked


#: The chain of a figure the outlet states itself (a headline, "يُعتقد", a background line).
UNATTRIBUTED: tuple[SourceLink, ...] = (SourceLink("", "unattributed"),)


@slot_init
@dataclass(frozen=True, slots=True)
class FigureSpan:
    """The time a figure covers: a day, since a day, so far, a period, or unknown."""

    kind: SpanKind = "unknown"
    start: dt.date | None = None  # the day of a "day" span, the first day of "since" and "period"
    end: dt.date | None = None  # the last day of a "period"
    as_written: str | None = None  # the date expression, when one is written


@slot_init
@dataclass(frozen=True, slots=True)
class FigureRelation:
    """What a figure is to another figure (``target``, a :attr:`Claim.id`)."""

    kind: RelationKind
    target: str


@slot_init
@dataclass(frozen=True, slots=True)
class Claim:
    """A figure about people or events, and its frame: what it counts, where, over what time,
    how it relates to the other figures, how it is hedged and who it comes from."""

    id: str
    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool = False
    qualifier: QualifierKind = "exact"
    unit: str | None = None
    category: str | None = None  # killed, injured, displaced, trapped, flights, facilities, ...
    group: str | None = None  # civilians, children, fighters, police, people; buses, districts ...
    place: str | None = None  # where, as written
    place_in: str | None = None  # the city or province holding ``place`` (a district of a city)
    date: dt.date | None = None  # the day the figure is given for (its day, or "as of" for a count so far)
    span: FigureSpan = FigureSpan()
    cumulative: bool = False  # a count that grows (a toll since a date, the displaced so far)
    relation: FigureRelation | None = None
    #: Who the figure comes from, outlet excluded: the source the outlet cites, then that
    #: source's own source; the last link is the primary source.
    source_chain: tuple[SourceLink, ...] = UNATTRIBUTED
    event: str | None = None  # the event the figure belongs to, when events are told apart

    @property
    def primary_source(self) -> SourceLink:
        return self.source_chain[-1] if self.source_chain else UNATTRIBUTED[0]

    @property
    def vague(self) -> bool:
        return self.qualifier == "vague"


@dataclass(frozen=True, slots=True)
class Position:
    """One value of a quantity, with every figure that gives it and the independent primary
    sources behind them (three outlets citing the Observatory are one source)."""

    claim_ids: tuple[str, ...]
    sources: tuple[str, ...]  # primary sources as written, one per independent source
    date: dt.date | None = None  # the day the value is given for


QuantityKind = Literal["conflict", "agreement", "change_over_time", "single"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One thing counted (same category, group, place and time), with every figure of the
    brief that gives it, side by side.  Each figure of the brief is in exactly one quantity.

    ``kind``: ``conflict`` when positions of the same time from different primary sources
    disagree (``disputes``); ``change_over_time`` when a count is reported again later with
    another value (a running total); ``agreement`` when two or more independent primary
    sources give the same value; ``single`` otherwise.  Vague figures are shown
    (``vague_ids``) but never make or break a conflict.  A part or breakdown of another
    quantity names it in ``parent``."""

    id: str
    category: str
    claim_ids: tuple[str, ...]
    kind: QuantityKind = "single"
    group: str | None = None
    place: str | None = None
    place_in: str | None = None
    unit: str | None = None
    span: FigureSpan = FigureSpan()
    cumulative: bool = False
    event: str | None = None
    positions: tuple[Position, ...] = ()
    #: Each a set of indices into ``positions`` that give different values for the same
    #: time from different primary sources.
    disputes: tuple[tuple[int, ...], ...] = ()
    vague_ids: tuple[str, ...] = ()
    parent: str | None = None  # Quantity.id of the total this one is a part or breakdown of
    relation: Literal["part_of", "breakdown_of"] | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date
    article_id: str
    sentence_index: int
    text: str
    expression: str = ""


@dataclass(frozen=True, slots=True)
class PassageOccurrence:
    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SharedPassage:
    """Text that several outlets share verbatim or nearly (wire copy)."""

    text: str
    occurrences: tuple[PassageOccurrence, ...]
    similarity: float


@dataclass(frozen=True, slots=True)
class ArticleDigest:
    """An article as the brief presents it: metadata and the numbers found in it."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published: dt.date | None
    language: str
    sentence_count: int
    word_count: int
    numbers: tuple[NumberMention, ...] = ()
    #: Metadata the article's input did not give and the brief supplies, each with how:
    #: {"outlet": "file name"}, {"published": "stated in the text: <the words>"}.
    inferred: dict[str, str] = field(default_factory=dict)


@slot_init
@dataclass(frozen=True, slots=True)
class Document:
    """An article and what the per-article pipeline (:mod:`khabar.pipeline`) has found in it
    so far, each part computed once by the component that assigns it.  Every offset is into
    :attr:`Article.text`."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    #: Normalized word tokens per sentence (parallel to ``sentences``).
    sentence_words: tuple[tuple[str, ...], ...] = ()
    numbers: tuple[NumberMention, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    #: Names of the parts the pipeline has filled (an empty part may be filled: an article
    #: without figures has ``numbers == ()`` once the numbers component has run).
    filled: frozenset[str] = frozenset()

    @property
    def word_count(self) -> int:
        return sum(len(w) for w in self.sentence_words)


@dataclass(frozen=True, slots=True)
class EventBrief:
    """What happened, who says so, and where the sources agree or disagree."""

    articles: tuple[ArticleDigest, ...]
    summary: tuple[SummarySentence, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    shared_passages: tuple[SharedPassage, ...] = ()
    facts: tuple[Fact, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    options: dict[str, Any] = field(default_factory=dict)
    schema_version: str = BRIEF_SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EventBrief:
        return from_jsonable(cls, data)


# --- JSON conversion -------------------------------------------------------------------
# One generic pair of functions instead of a hand-written to_dict per class: the schema
# follows the dataclasses, and a round trip is exact.


def to_jsonable(obj: Any) -> Any:
    """Turn model objects into JSON-ready dicts, lists, strings and numbers."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out = {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, (SummarySentence, Fact)):
            out["outlets"] = list(obj.outlets)
        return out
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    return obj


#: Field names of each dataclass, read once (``dataclasses.fields`` per object was a fifth
#: of writing a 2,000-article brief).
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def json_text(obj: Any, *, indent: int = 2) -> str:
    """``json.dumps(to_jsonable(obj), ensure_ascii=False, indent=indent)``, the same text,
    written in one pass: no dicts built first, no generator per value (the standard
    library writes indented JSON in Python; together they were ~15% of a 2,000-article
    brief).  A value JSON cannot hold raises :class:`TypeError`, as ``json.dumps`` does."""
    from json.encoder import encode_basestring

    parts: list[str] = []
    write = parts.append

    def number(o: float) -> str:
        if o != o:
            return "NaN"
        if o in (math.inf, -math.inf):
            return "Infinity" if o > 0 else "-Infinity"
        return float.__repr__(o)

    def container(entries: list[tuple[str | None, Any]], level: int, brackets: str) -> None:
        """An object (entries with keys) or an array (keys None), one entry a line."""
        if not entries:
            write(brackets)
            return
        inner = "\n" + " " * (indent * (level + 1))
        write(brackets[0])
        for n, (key, v) in enumerate(entries):
            write(inner if n == 0 else "," + inner)
            if key is not None:
                write(encode_basestring(key))
                write(": ")
            value(v, level + 1)
        write("\n" + " " * (indent * level) + brackets[1])

    def value(o: Any, level: int) -> None:
        if isinstance(o, str):
            write(encode_basestring(o))
        elif o is None:
            write("null")
        elif o is True:
            write("true")
        elif o is False:
            write("false")
        elif isinstance(o, int):
            write(int.__repr__(o))
        elif isinstance(o, float):
            write(number(o))
        elif dataclasses.is_dataclass(o) and not isinstance(o, type):
            items = [(name, getattr(o, name)) for name in _field_names(type(o))]
            if isinstance(o, (SummarySentence, Fact)):
                items.append(("outlets", list(o.outlets)))
            container(items, level, "{}")
        elif isinstance(o, (dt.date, dt.datetime)):
            write(encode_basestring(o.isoformat()))
        elif isinstance(o, (list, tuple)):
            container([(None, x) for x in o], level, "[]")
        elif isinstance(o, dict):
            container([(str(k), v) for k, v in o.items()], level, "{}")
        else:
            raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")

    value(obj, 0)
    return "".join(parts)


def from_jsonable(tp: Any, data: Any) -> Any:
    """Inverse of :func:`to_jsonable` for a given annotated type."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return from_jsonable(args[0], data) if len(args) == 1 else data
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        return tuple(from_jsonable(inner, x) for x in data)
    if origin is list:
        (inner,) = typing.get_args(tp)
        return [from_jsonable(inner, x) for x in data]
    if origin in (dict, Literal) or tp is Any:
        return data
    if tp is dt.date:
        return dt.date.fromisoformat(data)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: from_jsonable(hints[k], v) for k, v in data.items() if k in names})
    if tp is float and isinstance(data, int):
        return float(data)
    return data
