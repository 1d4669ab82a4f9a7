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
    """A story as the index knows it."""

    id: str
    title: str
    first_day: dt.date | None
    last_day: dt.date | None
    size: int


@dataclass(frozen=True)
class StoryIndexState:
    """A :class:`StoryIndex` as data: its options, active stories, their signatures and
    their members' TF-IDF vectors (as weighted when they joined)."""

    options: StoryOptions
    stories: tuple[Story, ...]
    members: tuple[tuple[str, str], ...]  # (article id, story id), in joining order per story
    signatures: np.ndarray  # one row per member
    vectors: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # (term ids, weights) per member

    def to_bytes(self) -> bytes:
        """A JSON header line, then .npy arrays (no pickle): the signatures, and the members'
        vectors as offsets, term ids and weights."""
        header = {
            "version": 2,
            "options": asdict(self.options),
            "stories": [
                [s.id, s.title, _iso(s.first_day), _iso(s.last_day), s.size] for s in self.stories
            ],
            "members": [list(m) for m in self.members],
        }
        vectors = self.vectors or tuple((NO_TERMS, np.zeros(0)) for _ in self.members)
        offsets = np.cumsum([0] + [len(ids) for ids, _ in vectors], dtype=np.int64)
        ids = np.concatenate([v[0] for v in vectors]).astype(np.uint32) if vectors else NO_TERMS
        weights = np.concatenate([v[1] for v in vectors]).astype(np.float64) if vectors else np.zeros(0)
        buf = io.BytesIO()
        buf.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
        for array, dtype in ((self.signatures, np.uint64), (offsets, np.int64), (ids, np.uint32), (weights, np.float64)):
            np.save(buf, np.ascontiguousarray(array, dtype=dtype), allow_pickle=False)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndexState:
        line, _, rest = data.partition(b"\n")
        header = json.loads(line)
        if header.get("version") != 2:
            raise OptionsError(
                f"story index state version {header.get('version')!r} is not this version's (2); "
                "regroup with restart=True (khabar stories --restart)"
            )
        buf = io.BytesIO(rest)
        signatures, offsets, ids, weights = (np.load(buf, allow_pickle=False) for _ in range(4))
        vectors = tuple(
            (ids[a:b], weights[a:b]) for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
        )
        return cls(
            options=StoryOptions(**header["options"]),
            stories=tuple(
                Story(sid, title, _day(first), _day(last), size) for sid, title, first, last, size in header["stories"]
            ),
            members=tuple((k, s) for k, s in header["members"]),
            signatures=signatures,
            vectors=vectors,
        )


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None

