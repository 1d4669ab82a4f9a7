"""Which figures measure the same thing, and where the sources really disagree.

Every figure of a brief (:class:`~khabar.model.Claim`, with its frame) goes into exactly one
:class:`~khabar.model.Quantity`: the figures that count the same thing --

* the same **event** (figures of different events never meet),
* the same **category** (killed, trapped, flights ...) and **unit**,
* a compatible **group** ("people" and "civilians" are one; children, fighters, police are
  each their own: "بينهم 11 طفلا" is not a toll of its own),
* the same **place** (as written, normalized, a type word such as "حي" or "مدينة" read off;
  a figure without a place joins the place most placed figures of its kind share),
* the same **time**: an incident's figures by the day it happened; a count that grows (since
  a date, so far) by its start, reported on successive days as a series; a stock (people
  still trapped, a population, territory held) as a series of days; a period by its bounds,

and never a part or breakdown together with its total: a figure that is ``part_of`` or
``breakdown_of`` another is a quantity of its own whose ``parent`` is the total's, and a
repeat (``same_as``) stands with the figure it repeats.

Within a quantity, figures of one value form a **position**, with the independent primary
sources behind it (the last link of each source chain: three outlets citing the Observatory
are one source).  Figures given for the same day by different primary sources with different
values **dispute** -- that is a conflict (unless they are further apart than ``max_ratio``:
then the smaller is a part the text did not link; and two figures of one article only when
told together, at most ``NEAR_SENTENCES`` sentences apart); the same source giving another value elsewhere is
an update or a rounding, not a disagreement, and a figure the outlet states itself
(unattributed) takes no side.  A count reported again on a later day is **change over
time**: the later figure is a ``running_total_of`` the earlier one (set here, across
articles), never a conflict.  Vague figures ("عشرات") are shown (``vague_ids``) but neither
make nor break a conflict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from khabar.config import ConflictOptions
from khabar.model import Claim, FigureRelation, FigureSpan, Position, Quantity
from khabar.text.ar.lexicon import place_area_words
from khabar.text.ar.normalize import normalize

#: Groups that count the same people: a casualty figure of "people" is mostly civilians, and
#: the reader compares them ("23 civilians" against "about 30 bodies").
_BROAD_GROUPS = frozenset({None, "people", "civilians", "residents"})
#: Categories whose figures grow as an event goes on: every report of one is a running count,
#: whatever its span says (the first day's evacuees are the first value of the count).
GROWING_CATEGORIES = frozenset({"displaced", "evacuated", "surrendered", "released", "affected"})
#: Categories whose figures are a state on a day, reported again as it changes: people still
#: trapped, a population, the territory held.
STOCK_CATEGORIES = frozenset({"trapped", "population", "territory"})
#: Categories whose figures are never compared with one another: what they count is told by a
#: subject or a verb no frame carries.  A count of places (districts, villages, fronts) says
#: where something happened -- the seeds give three counts of Aleppo's districts (2 still held,
#: 4 where executions were reported, 6 the opposition withdrew from), three different sets;
#: a sport count is some player's or some team's (ANT: "صنعت 3 أهداف" against the keeper's
#: "ستة أهداف" conceded); a percentage that is no share of territory is a rate of anything
#: (ANT: China's 15% and 25% tariffs against a 21% and 35% US tax).  None of the gold's real
#: disagreements (dev and test) is of these categories.
UNCOMPARED_CATEGORIES = frozenset({"places", "goals", "matches", "rate"})
#: Categories whose figures are compared only with figures of the same value: a sum of money
#: is a sum of anything (a deficit, reserves, a loss, an investment), so two sums are two
#: quantities unless they are one sum reported again (outlets agreeing on it).  On 150 ANT
#: economy articles in no gold file, briefed one by one, all three conflict cards were sums
#: of different things (a central bank's 6.1 and 20 billion against a report's 1.1 billion;
#: one economist's costs of three Olympic Games).  No real disagreement of the gold is a sum.
VALUE_KEYED_CATEGORIES = frozenset({"money"})
#: How many sentences apart two figures of one article may be and still be two sides of one
#: dispute (:func:`told_together`).  Every real disagreement within one article of the frame
#: gold's spent splits (dev, fresh2-11, the seeds) is told in one sentence or the next (Hama's
#: 50 and about 80, east Aleppo's 100,000 and 200,000, Kermanshah's 2,500 and 6,000); of 14
#: conflict cards of 1,500 unlabelled ANT articles briefed one by one (seed 16, sport left
#: out), the two real ones were 0 and 2 sentences apart (the Observatory's 120,000 displaced,
#: a sentence of its own, then UNHCR's 160,000), and 6 of the 12 false ones 3 to 7 apart.
NEAR_SENTENCES = 2
#: Words that only say what kind of place a name is ("حي الشيخ مقصود" is "الشيخ مقصود"): the
#: entity cue file's [place area] entries, the one list of them.
_PLACE_TYPE_WORDS = place_area_words()


def group_class(group: str | None) -> str:
    return "people" if group in _BROAD_GROUPS else group  # type: ignore[return-value]


def place_key(place: str | None) -> str | None:
    if not place:
        return None
    words = normalize(place).split()
    while len(words) > 1 and (words[0] in _PLACE_TYPE_WORDS or words[0].removeprefix("ال") in _PLACE_TYPE_WORDS):
        words = words[1:]
    return " ".join(words) or None


def source_key(claim: Claim) -> str | None:
    """The primary source, normalized; None when the outlet states the figure itself."""
    link = claim.primary_source
    if link.kind == "unattributed" or not link.text.strip():
        return None
    return " ".join(normalize(link.organisation or link.text).split())


def same_source(a: str | None, b: str | None) -> bool:
    """Two primary sources are one when one's words are all in the other's ("المرصد" and
    "المرصد السوري لحقوق الإنسان"; "الأمم المتحدة" and the UN office that speaks for it)."""
    if a is None or b is None:
        return False
    wa, wb = set(a.split()), set(b.split())
    return wa <= wb or wb <= wa


def _time_key(c: Claim) -> tuple:
    """What time a figure covers, as a part of its quantity's key (see the module)."""
    span = c.span
    if span.kind in ("since", "so_far"):
        return ("running", span.start)
    if c.category in GROWING_CATEGORIES and span.kind in ("day", "unknown"):
        return ("running", None)
    if span.kind == "period":
        return ("period", span.start, span.end, normalize(span.as_written or ""))
    if c.category in STOCK_CATEGORIES or span.kind == "unknown":
        return ("series",)
    return ("day", span.start or c.date)


def _slot(c: Claim) -> dt.date | None:
    """The day a figure is given for, within its quantity."""
    if c.span.kind == "day" and c.span.start is not None:
        return c.span.start
    return c.date


def _quantity_id(claim_ids: Sequence[str]) -> str:
    return "q" + hashlib.sha1("|".join(sorted(claim_ids)).encode("utf-8")).hexdigest()[:12]


def _compared(c: Claim) -> bool:
    return not c.vague and (c.value is not None or c.low is not None or c.high is not None)


def find_quantities(claims: Sequence[Claim], *, options: ConflictOptions | None = None) -> tuple[list[Claim], list[Quantity]]:
    """The brief's figures (running totals across articles marked in ``relation``) and their
    quantities, each figure in exactly one."""
    options = options or ConflictOptions()
    by_id = {c.id: c for c in claims}

    def root(c: Claim) -> Claim:
        """The figure a repeat stands for (a chain of same_as followed to its end)."""
        seen = {c.id}
        while c.relation is not None and c.relation.kind == "same_as" and c.relation.target in by_id:
            c = by_id[c.relation.target]
            if c.id in seen:
                break
            seen.add(c.id)
        return c

    def frame(c: Claim) -> tuple:
        return (c.event, c.category or "other", group_class(c.group), c.unit, _time_key(c))

    # Places: a figure without one joins the place most placed figures of its frame share.
    # (Over every time of the frame: a story's figures are mostly about one place.)
    placed: dict[tuple, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for c in claims:
        placed[frame(root(c))[:4]][place_key(root(c).place)] += 1

    def place_of(c: Claim) -> str | None:
        key = place_key(c.place)
        if key is not None:
            return key
        counts = {k: n for k, n in placed[frame(c)[:4]].items() if k is not None}
        if counts:
            best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
            if 2 * best[1] > sum(counts.values()):
                return best[0]
        return None

    def key(c: Claim, depth: int = 0) -> tuple:
        r = root(c)
        own = (*frame(r), place_of(r))
        if r.category in UNCOMPARED_CATEGORIES:
            own = (*own, r.id)
        elif r.category in VALUE_KEYED_CATEGORIES:
            own = (*own, f"{figure_value(r):.3g}" if _compared(r) else r.id)
        rel = r.relation
        if rel is not None and rel.kind in ("part_of", "breakdown_of") and rel.target in by_id and depth < 8:
            return (rel.kind, key(by_id[rel.target], depth + 1), r.id if rel.kind == "part_of" else None, *own)
        return own

    groups: dict[tuple, list[Claim]] = defaultdict(list)
    for c in claims:
        groups[key(c)].append(c)

    _merge_times(groups, root)

    quantity_of_claim: dict[str, str] = {}
    made: list[tuple[tuple, Quantity]] = []
    relations: dict[str, FigureRelation] = {}
    for k, members in groups.items():
        members = sorted(members, key=lambda c: (_slot(c) or dt.date.max, c.article_id, c.start))
        quantity, running = _quantity(members, root, options)
        relations.update(running)
        made.append((k, quantity))
        for cid in quantity.claim_ids:
            quantity_of_claim[cid] = quantity.id

    out: list[Quantity] = []
    for k, q in made:
        first = by_id[q.claim_ids[0]]
        r = root(first)
        if r.relation is not None and r.relation.kind in ("part_of", "breakdown_of"):
            parent = quantity_of_claim.get(r.relation.target)
            if parent is not None and parent != q.id:
                q = dataclasses.replace(q, parent=parent, relation=r.relation.kind)
        out.append(q)
    out.sort(key=lambda q: (q.parent is not None, _order(q, by_id)))
    figures = [dataclasses.replace(c, relation=relations[c.id]) if c.id in relations else c for c in claims]
    return figures, out


def _merge_times(groups: dict[tuple, list[Claim]], root) -> None:
    """Join groups of one frame whose times are one and the same as far as the text says:

    * a running count without a start joins the only running count of its frame that has
      one ("ارتفعت الحصيلة إلى 17" is the toll counted since the flood began);
    * an incident figure of an undated article (its day unknown) joins the day of its frame
      that has its value (from the same source first), else the only day of its frame;
    * a frame's only incident day joins its running count when that count has no start or
      starts that day (the first toll of a flood, then the toll as it rises); with several
      days, those that are earlier reports of the count by one of its sources do.
    """

    # The groups of each frame (all but the time), in the groups' order: looking for a
    # key's siblings among every group made this quadratic (1,000s of groups at 2,000 articles).
    frames: dict[tuple, list[tuple]] = {}
    for o in groups:
        if o[0] not in ("part_of", "breakdown_of"):
            frames.setdefault((o[:4], o[5:]), []).append(o)

    def siblings(k: tuple) -> list[tuple]:
        return [o for o in frames.get((k[:4], k[5:]), ()) if o is not k and o in groups]

    def move(k: tuple, into: tuple) -> None:
        groups[into].extend(groups.pop(k))

    for k in [k for k in groups if k[0] not in ("part_of", "breakdown_of") and k[4] == ("running", None)]:
        starts = [o for o in siblings(k) if o[4][0] == "running" and o[4][1] is not None]
        if len(starts) == 1:
            move(k, starts[0])
    for k in [k for k in groups if k[0] not in ("part_of", "breakdown_of") and k[4] == ("day", None)]:
        days = [o for o in siblings(k) if o[4][0] == "day" and o[4][1] is not None]
        values = {figure_value(root(c)) for c in groups[k] if _compared(root(c))}
        same = [o for o in days if values & {figure_value(root(c)) for c in groups[o] if _compared(root(c))}]
        target = same[0] if len(same) == 1 else days[0] if len(days) == 1 else None
        if target is not None:
            move(k, target)
    for k in [k for k in groups if k[0] not in ("part_of", "breakdown_of") and k[4][0] == "running"]:
        if k not in groups:
            continue
        days = [o for o in siblings(k) if o[4][0] == "day"]
        if len(days) == 1 and (k[4][1] is None or k[4][1] == days[0][4][1]):
            move(days[0], k)
        elif k[4][1] is None:
            for o in _earlier_reports(groups[k], {o: groups[o] for o in days}, root):
                move(o, k)


def _earlier_reports(running: list[Claim], days: dict[tuple, list[Claim]], root) -> list[tuple]:
    """The incident days that are earlier reports of a count so far: given before it, by one
    of its primary sources, never above it (the ministry's flood toll 9, then 14, then "ارتفع
    عدد الضحايا إلى 17")."""
    compared = [root(c) for c in running if _compared(root(c))]
    dates = [d for d in (_slot(c) for c in compared) if d is not None]
    # a repeat's own source too: a headline's "الحكومة" stands for the body's ministry
    sources = {s for c in running for s in (source_key(c), source_key(root(c))) if s is not None}
    if not dates or not sources:
        return []
    first, top = min(dates), max(figure_value(c) for c in compared)
    out = []
    for key, members in days.items():
        figures = [root(c) for c in members if _compared(root(c))]
        if (
            figures
            and key[4][1] is not None
            and key[4][1] < first
            and all(figure_value(c) <= top for c in figures)
            and any(same_source(source_key(c), s) for c in figures for s in sources)
        ):
            out.append(key)
    return out


def _order(q: Quantity, by_id: dict[str, Claim]) -> tuple:
    kinds = {"conflict": 0, "change_over_time": 1, "agreement": 2, "single": 3}
    first = by_id[q.claim_ids[0]]
    return (kinds[q.kind], q.category, first.article_id, first.start)


def _quantity(members: list[Claim], root, options: ConflictOptions) -> tuple[Quantity, dict[str, FigureRelation]]:
    """One quantity from its figures: positions by value, disputes by day, running totals."""
    compared = [c for c in members if _compared(root(c))]
    vague = tuple(c.id for c in members if not _compared(root(c)))

    # Days: an undated figure joins the day that has its value (from the same source if
    # any), else the only dated day, else stays undated.
    slot_of: dict[str, dt.date | None] = {c.id: _slot(root(c)) for c in compared}
    dated_days = sorted({d for d in slot_of.values() if d is not None})
    for c in compared:
        if slot_of[c.id] is not None:
            continue
        r = root(c)
        same_value = [o for o in compared if slot_of[o.id] is not None and _same_value(root(o), r, options)]
        same_value.sort(key=lambda o: (not same_source(source_key(root(o)), source_key(r)), slot_of[o.id]))
        if same_value:
            slot_of[c.id] = slot_of[same_value[0].id]
        elif len(dated_days) == 1:
            slot_of[c.id] = dated_days[0]

    # Positions: one value on one day (a repeat stands with what it repeats).
    positions: list[list[Claim]] = []
    for c in compared:
        r = root(c)
        for p in positions:
            head = root(p[0])
            if slot_of[p[0].id] == slot_of[c.id] and _same_value(head, r, options):
                p.append(c)
                break
        else:
            positions.append([c])
    positions.sort(key=lambda p: (slot_of[p[0].id] or dt.date.max, figure_value(root(p[0]))))

    def sources(p: list[Claim]) -> list[str]:
        """The independent primary sources of a position: one speaker is one source, named
        with the body he speaks for in one article and without it in another ("مصطفى
        الحسن" of the civil defence)."""
        out: list[str] = []
        names: set[str] = set()
        for c in p:
            r = root(c)
            s = source_key(r)
            if s is None:
                continue
            name = " ".join(normalize(r.primary_source.text).split())
            if not any(same_source(s, o) for o in out) and name not in names:
                out.append(s)
            names.add(name)
        return out

    shown: dict[str, str] = {}
    for c in compared:
        s = source_key(root(c))
        if s is not None:
            shown.setdefault(s, root(c).primary_source.text)

    disputes: list[tuple[int, ...]] = []
    days = sorted({slot_of[p[0].id] for p in positions}, key=lambda d: d or dt.date.max)
    for day in days:
        idx = [i for i, p in enumerate(positions) if slot_of[p[0].id] == day]
        involved: set[int] = set()
        for x, i in enumerate(idx):
            for j in idx[x + 1 :]:
                if (
                    _disagree(positions[i], positions[j], root)
                    and _comparable(positions[i], positions[j], root, options)
                    and not _batch_of_total(positions[i], positions[j], root)
                ):
                    involved.update((i, j))
        if len(involved) >= 2:
            disputes.append(tuple(sorted(involved)))

    # Running totals: a growing count reported on a later day follows the last earlier report
    # (of the same primary source when there is one).
    running: dict[str, FigureRelation] = {}
    cumulative = any(root(c).cumulative for c in compared)
    if cumulative and len(days) > 1:
        for c in compared:
            r = root(c)
            if c.relation is not None or slot_of[c.id] is None:
                continue
            earlier = [o for o in compared if slot_of[o.id] is not None and slot_of[o.id] < slot_of[c.id]]
            if not earlier:
                continue
            latest = max(slot_of[o.id] for o in earlier)  # type: ignore[type-var]
            last = [o for o in earlier if slot_of[o.id] == latest]
            # another source's count is not this one's earlier value: the Red Crescent's 19 does
            # not follow the ministry's 14 (an unattributed report may be either's)
            last = [o for o in last if _one_count(root(o), r)]
            if not last:
                continue
            last.sort(key=lambda o: (not same_source(source_key(root(o)), source_key(r)), o.relation is not None, o.article_id, o.start))
            running[c.id] = FigureRelation("running_total_of", last[0].id)

    values_by_day = defaultdict(set)
    for p in positions:
        values_by_day[slot_of[p[0].id]].add(figure_value(root(p[0])))
    changes = len(values_by_day) > 1 and len({v for vs in values_by_day.values() for v in vs}) > 1
    if disputes:
        kind = "conflict"
    elif changes:
        kind = "change_over_time"
    elif any(len(sources(p)) >= 2 for p in positions):
        kind = "agreement"
    else:
        kind = "single"
    first = root(members[0])
    ordered = [c.id for p in positions for c in p] + list(vague)
    quantity = Quantity(
        id=_quantity_id(ordered),
        category=first.category or "other",
        claim_ids=tuple(ordered),
        kind=kind,
        group=first.group,
        place=next((root(c).place for c in members if root(c).place), None),
        place_in=next((root(c).place_in for c in members if root(c).place_in), None),
        unit=first.unit,
        span=_frame_span(members, root),
        cumulative=cumulative,
        event=first.event,
        positions=tuple(
            Position(tuple(c.id for c in p), tuple(shown[s] for s in sources(p)), slot_of[p[0].id]) for p in positions
        ),
        disputes=tuple(disputes),
        vague_ids=vague,
        note=_note(positions, disputes, kind, root),
    )
    return quantity, running


def _frame_span(members: Sequence[Claim], root) -> FigureSpan:
    spans = [root(c).span for c in members if root(c).span.kind != "unknown"]
    return spans[0] if spans else FigureSpan()


def figure_value(c: Claim) -> float:
    """The value a figure is compared by: its value, else its lower bound, else its upper
    bound (0 for none)."""
    for v in (c.value, c.low, c.high):
        if v is not None:
            return float(v)
    return 0.0


def _same_value(a: Claim, b: Claim, options: ConflictOptions) -> bool:
    va, vb = figure_value(a), figure_value(b)
    return abs(va - vb) <= options.tolerance * max(abs(va), abs(vb)) or _rounds(a, b) or _rounds(b, a)


def _step(value: float) -> float:
    """The place of a figure's last non-zero digit: 1.6 million -> 100,000; 1,684,629 -> 1."""
    n = round(abs(value))
    if n == 0 or n != abs(value):
        return 0.0
    step = 1
    while n % 10 == 0:
        n //= 10
        step *= 10
    return float(step)


def _rounds(bound: Claim, exact: Claim) -> bool:
    """A round lower bound that restates an exact count ("أكثر من 1.6 مليون" of the authorities
    and the passport chief's 1,684,629 pilgrims, one figure in the frame gold): the exact value
    lies between the bound and its next round step and is written a hundred times finer.  "more
    than 100 thousand" against 150,000 stays two estimates."""
    if bound.qualifier not in ("more_than", "at_least") or bound.low is None or bound.high is not None:
        return False
    if exact.qualifier != "exact" or exact.approximate or exact.value is None:
        return False
    step, fine = _step(bound.low), _step(exact.value)
    return fine > 0 and step >= 100 * fine and bound.low <= exact.value < bound.low + step


def two_estimates(a: Claim, b: Claim, options: ConflictOptions) -> bool:
    """Two values close enough to be two estimates of one count (see ``max_ratio``)."""
    low, high = sorted((abs(figure_value(a)), abs(figure_value(b))))
    return low > 0 and high / low <= options.max_ratio


def _comparable(p: list[Claim], q: list[Claim], root, options: ConflictOptions) -> bool:
    return two_estimates(root(p[0]), root(q[0]), options)


def _one_count(a: Claim, b: Claim) -> bool:
    sa, sb = source_key(a), source_key(b)
    return sa is None or sb is None or same_source(sa, sb)


def _batch_of_total(p: list[Claim], q: list[Claim], root) -> bool:
    """One day's or one batch's count under a count so far that is larger ("إجلاء 29 مريضا
    ... ليبلغ العدد الكلي 85"): the smaller is inside the total, not another estimate of it."""
    a, b = root(p[0]), root(q[0])
    small, large = (a, b) if figure_value(a) < figure_value(b) else (b, a)
    # Another source's larger toll is another estimate, not a total over a batch ("وأصيب
    # أكثر من 2500 ... فيما أفادت مصادر أخرى ... أن أعداد المصابين بلغت 6 آلاف"); a growing
    # count comes in batches whoever gives them (the US's 29 evacuees of two days under the
    # Red Cross's 85 so far, dev R-113).
    return (
        large.cumulative and large.span.kind in ("so_far", "since") and not small.cumulative
        and (_one_count(small, large) or small.category in GROWING_CATEGORIES)
    )


def _speaker_key(claim: Claim) -> str:
    return " ".join(normalize(claim.primary_source.text).split())


def told_together(a: Claim, b: Claim) -> bool:
    """Whether two figures can be two sides of one dispute by where they are written: figures
    of two articles always can; two of one article only when at most ``NEAR_SENTENCES``
    sentences apart.  An article that reports a disagreement sets the two figures side by side
    ("83 قتيلا بحسب الأمم المتحدة، في حين قال المرصد ... 87"); two sources' values of one
    category far apart in one article count different things the frame does not tell apart --
    an earlier attack recalled ("وقتل فيه 14 شخصا" five sentences under a car bomb's four), a
    second attack of the day, another boat's migrants, another recall of cars, the names of
    three of seven arrested."""
    return a.article_id != b.article_id or abs(a.sentence_index - b.sentence_index) <= NEAR_SENTENCES


def _disagree(p: list[Claim], q: list[Claim], root) -> bool:
    """Two positions of one day disagree when a figure of each comes from a different primary
    source (an unattributed figure takes no side) and the two are told together
    (:func:`told_together`).  One speaker named with the body he speaks for and, later, by his
    name alone ("سلطان شاولي" of the ministry, then "شاولي") is one source."""
    for a in p:
        sa = source_key(root(a))
        if sa is None:
            continue
        for b in q:
            sb = source_key(root(b))
            if (
                sb is not None and not same_source(sa, sb) and not same_source(_speaker_key(root(a)), _speaker_key(root(b)))
                and told_together(a, b)
            ):
                return True
    return False


_JOINERS = {"conflict": " ≠ ", "agreement": " = ", "change_over_time": " → ", "single": " · "}


def _note(positions: list[list[Claim]], disputes: list[tuple[int, ...]], kind: str, root) -> str:
    """The values as written, once each, joined by what relates them: "نحو 40 ألفا ≠ أكثر
    من 75 ألفا", "12 ألفا → 27 ألفا"."""
    shown = dict.fromkeys(" ".join(root(p[0]).text.split()) for p in positions)
    return _JOINERS[kind].join(shown)
