"""A story index as data: what a store keeps to continue grouping where it stopped."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import asdict, dataclass

import numpy as np

from khabar.config import StoryOptions
from khabar.errors import OptionsError
from khabar.relate.stories.features import NO_TERMS


@dataclass(frozen=True, slots=True)
class Story:
    """An event (one happening and its reports) as the index knows it."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    size: int
    #: The storyline the event belongs to ("" when grouped by words alone).
    storyline: str = ""


@dataclass(frozen=True, slots=True)
class Storyline:
    """A chain of events about one ongoing situation, as the index knows it."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    #: Articles in it (over all its events) and its events.
    size: int
    events: int


@dataclass(frozen=True)
class StoryIndexState:
    """A :class:`StoryIndex` as data: its options, active stories, their signatures and
    their members' TF-IDF vectors (as weighted when they joined)."""

    options: StoryOptions
    stories: tuple[Story, ...]
    members: tuple[tuple[str, str], ...]  # (article id, story id), in joining order per story
    signatures: np.ndarray  # one row per member
    vectors: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # (term ids, weights) per member
    #: Per story: its first and last event days, and the sum of its members' meanings.
    event_days: tuple[tuple[dt.date | None, dt.date | None], ...] = ()
    event_meanings: tuple[np.ndarray, ...] = ()
    #: Per story: the kinds of happening its titles name.
    event_kinds: tuple[frozenset[str], ...] = ()
    #: Per story: the anchors (names, figures) of its articles.
    event_anchors: tuple[frozenset[str], ...] = ()
    #: Active storylines, with their term centroids ((ids, weights, squared norm)) and
    #: meaning sums: kept whole, since they outlive the events that made them.
    storylines: tuple[Storyline, ...] = ()
    storyline_terms: tuple[tuple[np.ndarray, np.ndarray, float], ...] = ()
    storyline_meanings: tuple[np.ndarray, ...] = ()
    #: Per story: its members' meaning vectors, one row each (None: not known, as in a
    #: state written before version 4); what complete linkage compares.
    member_meanings: tuple[np.ndarray | None, ...] = ()
    #: ... and their event days (ordinals, 0 when undated).
    member_days: tuple[np.ndarray | None, ...] = ()

    def to_bytes(self) -> bytes:
        """A JSON header line, then .npy arrays (no pickle): the signatures, the members'
        vectors as offsets, term ids and weights, the events' meaning sums, and the
        storylines' term centroids and meaning sums."""
        header = {
            "version": VERSION,
            "options": asdict(self.options),
            "stories": [
                [s.id, s.title, _iso(s.first_day), _iso(s.last_day), s.size, s.storyline] for s in self.stories
            ],
            "event_days": [[_iso(a), _iso(b)] for a, b in self.event_days],
            "event_kinds": [sorted(k) for k in self.event_kinds],
            "event_anchors": [sorted(k) for k in self.event_anchors],
            "members": [list(m) for m in self.members],
            "storylines": [
                [ln.id, ln.title, _iso(ln.first_day), _iso(ln.last_day), ln.size, ln.events] for ln in self.storylines
            ],
            "storyline_norms": [t[2] for t in self.storyline_terms],
        }
        vectors = self.vectors or tuple((NO_TERMS, np.zeros(0)) for _ in self.members)
        offsets, ids, weights = _ragged(vectors)
        line_offsets, line_ids, line_weights = _ragged(tuple((i, w) for i, w, _ in self.storyline_terms))
        buf = io.BytesIO()
        buf.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        arrays = (
            (self.signatures, np.uint64), (offsets, np.int64), (ids, np.uint32), (weights, np.float64),
            (_matrix(self.event_meanings), np.float32),
            (line_offsets, np.int64), (line_ids, np.uint32), (line_weights, np.float64),
            (_matrix(self.storyline_meanings), np.float32),
            *_member_arrays(self.member_meanings, self.member_days, len(self.stories)),
        )
        for array, dtype in arrays:
            np.save(buf, np.ascontiguousarray(array, dtype=dtype), allow_pickle=False)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndexState:
        line, _, rest = data.partition(b"\n")
        header = json.loads(line)
        if header.get("version") not in (3, VERSION):
            raise OptionsError(
                f"story index state version {header.get('version')!r} is not this version's ({VERSION}); "
                "regroup with restart=True (khabar stories --restart)"
            )
        buf = io.BytesIO(rest)
        signatures, offsets, ids, weights, event_meanings, line_offsets, line_ids, line_weights, line_meanings = (
            np.load(buf, allow_pickle=False) for _ in range(9)
        )
        members_of: tuple[np.ndarray | None, ...] = ()
        days_of: tuple[np.ndarray | None, ...] = ()
        if header["version"] >= 4:  # version 3 has no members' meanings: linkage then unknown
            counts, rows, days = (np.load(buf, allow_pickle=False) for _ in range(3))
            ends = np.cumsum(counts).tolist()
            # Each story's rows start where the one before ends (zip stops at ``ends``: an
            # index with no story has no span).
            spans = list(zip([0, *ends], ends))
            members_of = tuple(rows[a:b].astype(np.float32) if b > a else None for a, b in spans)
            days_of = tuple(days[a:b] if b > a else None for a, b in spans)
        stories = tuple(
            Story(sid, title, _day(first), _day(last), size, line)
            for sid, title, first, last, size, line in header["stories"]
        )
        lines = tuple(
            Storyline(lid, title, _day(first), _day(last), size, events)
            for lid, title, first, last, size, events in header["storylines"]
        )
        line_terms = _unragged(line_offsets, line_ids, line_weights)
        options = dict(header["options"])
        # A state written before the learned scorer was grouped by the hand-weighted score.
        options.setdefault("event_scorer", "hand")
        # One written before the e5 reading (session 32) was grouped without it.
        options.setdefault("event_e5", False)
        return cls(
            options=StoryOptions(**options),
            stories=stories,
            members=tuple((k, s) for k, s in header["members"]),
            signatures=signatures,
            vectors=_unragged(offsets, ids, weights),
            event_days=tuple((_day(a), _day(b)) for a, b in header["event_days"]),
            event_meanings=_rows(event_meanings, len(stories)),
            # A state written before kinds has none: its events then take any kind.
            event_kinds=tuple(frozenset(k) for k in header.get("event_kinds", ())),
            # Before anchors: its events then share no name or figure with a new article.
            event_anchors=tuple(frozenset(k) for k in header.get("event_anchors", ())),
            storylines=lines,
            storyline_terms=tuple(
                (i, w, float(n)) for (i, w), n in zip(line_terms, header["storyline_norms"], strict=True)
            ),
            storyline_meanings=_rows(line_meanings, len(lines)),
            member_meanings=members_of,
            member_days=days_of,
        )


#: Version of the stored state: 3 adds events' days and meanings and the storylines, 4 the
#: meanings of events' members (a version 3 state still reads, without them).
VERSION = 4


def _member_arrays(
    members: tuple[np.ndarray | None, ...], days: tuple[np.ndarray | None, ...], stories: int
) -> tuple[tuple[np.ndarray, type], ...]:
    """Members' meanings as (rows per story, all rows, their days): float16 as in the
    signature blobs, so that a resumed index compares what an uninterrupted one does."""
    members = members or tuple(None for _ in range(stories))
    days = days or tuple(None for _ in range(stories))
    dim = max((m.shape[1] for m in members if m is not None), default=0)
    kept = [(m, d) if m is not None and d is not None and m.shape[1] == dim else None for m, d in zip(members, days, strict=True)]
    counts = np.array([0 if k is None else len(k[0]) for k in kept], dtype=np.int64)
    rows = [k for k in kept if k is not None]
    matrix = np.vstack([m for m, _ in rows]) if rows else np.zeros((0, dim), dtype=np.float32)
    ordinals = np.concatenate([d for _, d in rows]) if rows else np.zeros(0, dtype=np.int64)
    return ((counts, np.int64), (matrix, np.float16), (ordinals, np.int64))


def _ragged(vectors: tuple[tuple[np.ndarray, np.ndarray], ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    offsets = np.cumsum([0] + [len(i) for i, _ in vectors], dtype=np.int64)
    ids = np.concatenate([v[0] for v in vectors]).astype(np.uint32) if vectors else NO_TERMS
    weights = np.concatenate([v[1] for v in vectors]).astype(np.float64) if vectors else np.zeros(0)
    return offsets, ids, weights


def _unragged(offsets: np.ndarray, ids: np.ndarray, weights: np.ndarray) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    return tuple(
        (ids[a:b], weights[a:b]) for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
    )


def _matrix(sums: tuple[np.ndarray, ...]) -> np.ndarray:
    """Meaning sums as one matrix; a group without a meaning is a row of zeros."""
    dim = max((s.size for s in sums), default=0)
    out = np.zeros((len(sums), dim), dtype=np.float32)
    for i, s in enumerate(sums):
        if s.size:
            out[i] = s
    return out


def _rows(matrix: np.ndarray, n: int) -> tuple[np.ndarray, ...]:
    if matrix.size == 0:
        return tuple(np.zeros(0, dtype=np.float32) for _ in range(n))
    return tuple(row if np.any(row) else np.zeros(0, dtype=np.float32) for row in matrix)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

