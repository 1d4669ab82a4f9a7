"""Claims across sources: the same quantity side by side, conflicting, agreeing or changing.

Two claims are about the same quantity when they count the same thing (category), of the
same people (subject class: "civilians" and "people" are one class, fighters another), in
the same place.  Within one quantity:

* claims of the same period (same day, or within ``period_days``; undated claims share one
  period) whose value ranges do not overlap, even widened by ``tolerance``, are a
  **conflict**; when every range overlaps and two or more sources give them, an
  **agreement**;
* when the quantity was reported on different days with different values, the claims
  form a **change over time** (ordered by day), never a conflict.

Figures of different kinds (killed in Hama, trapped in Aleppo) never meet: they are
different quantities.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from khabar.config import ConflictOptions
from khabar.model import Claim, Conflict
from khabar.text.ar.normalize import normalize

#: Subjects that count the same people: a "person" in a casualty figure is usually a civilian.
_SUBJECT_CLASS = {"civilians": "people", "people": "people", None: "people", "residents": "people"}
#: Categories that are not quantities worth comparing across sources.
_NOT_COMPARED = {None, "other"}


def claim_range(claim: Claim) -> tuple[float, float]:
    """The values a claim allows: exact ``[v, v]``, "أكثر من v" ``[v, inf)``, ranges as given."""
    low = claim.low if claim.low is not None else (claim.value if claim.high is None else -math.inf)
    high = claim.high if claim.high is not None else (claim.value if claim.low is None else math.inf)
    if low is None:
        low = -math.inf
    if high is None:
        high = math.inf
    return float(low), float(high)


def ranges_overlap(a: Claim, b: Claim, *, tolerance: float) -> bool:
    a_low, a_high = claim_range(a)
    b_low, b_high = claim_range(b)
    widen = 1.0 + tolerance
    return a_low / widen <= b_high * widen and b_low / widen <= a_high * widen


def quantity_key(claim: Claim) -> tuple[str, str, str | None] | None:
    """What a claim counts, or None when it is not compared across sources."""
    if claim.category in _NOT_COMPARED or (claim.value is None and claim.low is None and claim.high is None):
        return None
    subject = _SUBJECT_CLASS.get(claim.subject, claim.subject or "people")
    return (claim.category, subject, claim.unit)  # type: ignore[return-value]


def _place_key(place: str | None) -> str | None:
    return " ".join(normalize(place).split()) if place else None


def _by_place(claims: list[Claim]) -> list[tuple[str | None, list[Claim]]]:
    """Split a quantity's claims by place.  A claim without a place joins the place most of
    the placed claims share (a story's figures are mostly about one place), when one place
    holds a strict majority; else the unplaced claims stay together."""
    groups: dict[str | None, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[_place_key(c.place)].append(c)
    known = sorted((k for k in groups if k is not None), key=lambda k: (-len(groups[k]), k))
    placed = sum(len(groups[k]) for k in known)
    if known and None in groups and 2 * len(groups[known[0]]) > placed:
        groups[known[0]].extend(groups.pop(None))
    return sorted(groups.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))


def _periods(claims: list[Claim], days: int) -> list[list[Claim]]:
    """Runs of claims at most ``days`` after the first claim of the run (anchored, so a
    daily series does not chain into one period); undated claims form one period."""
    dated = sorted((c for c in claims if c.date is not None), key=lambda c: (c.date, c.id))
    out: list[list[Claim]] = []
    for c in dated:
        if out and (c.date - out[-1][0].date).days <= days:  # type: ignore[operator]
            out[-1].append(c)
        else:
            out.append([c])
    undated = [c for c in claims if c.date is None]
    if undated:
        out.append(sorted(undated, key=lambda c: c.id))
    return out


def _sources(claims: Sequence[Claim]) -> set[str]:
    return {normalize(c.source) if c.source else f"<unattributed:{c.article_id}>" for c in claims}


_JOINERS = {"conflict": " ≠ ", "agreement": " = ", "change_over_time": " → "}


def _describe(claims: Sequence[Claim], kind: str) -> str:
    """The figures as written, once each, joined by what relates them: "نحو 40 ألفا ≠ أكثر
    من 75 ألفا", "12 ألفا → 27 ألفا"."""
    seen = dict.fromkeys(" ".join(c.text.split()) for c in claims)
    return _JOINERS[kind].join(seen)


def find_conflicts(claims: Sequence[Claim], *, options: ConflictOptions | None = None) -> list[Conflict]:
    """Every quantity given by two or more articles: conflicts, agreements, changes over time."""
    options = options or ConflictOptions()
    quantities: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        key = quantity_key(c)
        if key is not None:
            quantities[key].append(c)
    out: list[Conflict] = []
    for (category, subject, _unit), group in sorted(quantities.items(), key=lambda kv: tuple(map(str, kv[0]))):
        for place, placed in _by_place(group):
            if len({c.article_id for c in placed}) < 2:
                continue
            shown_place = next((c.place for c in placed if c.place), None)
            periods = _periods(placed, options.period_days)
            for period in periods:
                if len({c.article_id for c in period}) < 2:
                    continue
                disagree = any(
                    not ranges_overlap(a, b, tolerance=options.tolerance)
                    for i, a in enumerate(period)
                    for b in period[i + 1 :]
                    if a.article_id != b.article_id
                )
                if disagree or len(_sources(period)) >= 2:
                    out.append(
                        Conflict(
                            category=category,
                            claim_ids=tuple(c.id for c in period),
                            kind="conflict" if disagree else "agreement",
                            subject=subject,
                            place=shown_place,
                            note=_describe(period, "conflict" if disagree else "agreement"),
                        )
                    )
            dated_periods = [p for p in periods if p[0].date is not None]
            if len(dated_periods) >= 2:
                changing = [c for p in dated_periods for c in p]
                values = {claim_range(c) for c in changing}
                if len(values) > 1:
                    out.append(
                        Conflict(
                            category=category,
                            claim_ids=tuple(c.id for c in changing),
                            kind="change_over_time",
                            subject=subject,
                            place=shown_place,
                            note=_describe(changing, "change_over_time"),
                        )
                    )
    return out
