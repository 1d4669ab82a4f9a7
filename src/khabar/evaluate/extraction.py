"""Precision, recall and F1 of the extraction layer against hand annotations.

The gold file (``tests/gold/extract.json``, format and guidelines in ``tests/gold/README.md``)
never copies article text: it names each article by path and each span by a short key, a
distinctive substring of the span as written, with an occurrence index when the key repeats.
Keys are resolved here against the article exactly as :func:`khabar.read` returns it, so a
gold file and the reader can never silently drift apart (a missing key is an error).

What is scored, and why each rule is as lenient as it is:

* **quotes** -- a predicted quote matches a gold one when it is in the same article, its
  content contains one of the gold keys (both normalized: extractors differ on where a
  quote starts and ends, and on the quote marks), and the speaker matches (the predicted
  speaker contains a gold form, or they share their last two words: "المبعوث الأممي يوهان
  بيرغستروم" is "بيرغستروم").  Matching is many-to-many: a gold quote is recalled when any
  prediction matches it, a prediction is precise when it matches any gold quote, because
  whether "..., مشيرا إلى أن ..." is a second quote or the tail of the first is a choice of
  granularity, not an error.
* **speakers** -- (article, speaker) pairs, each gold person once per article.
* **quote content** -- of the gold quotes found, the share whose matching prediction has the
  content as said: every key of the quote in it (the objects and negation kept), no bare
  complementiser (إن، أن، بأن، إنه ...) at the start of indirect speech, and, for direct speech, nothing
  outside the quotation marks (:func:`content_as_said`).  Quote matching only asks for one
  key inside the content, so a quote cut short or run on past its quotation is found but
  not accurate.
* **claims** -- one-to-one: same article, value within 0.5 % (a vague gold figure without a
  value, "عشرات الجرحى", is matched by span overlap instead), category equal, and source
  matching by normalized containment either way.  Value-only and value+category figures are
  reported too, so a source-attribution error is told apart from a missed number.
* **entities** -- mentions aligned by article and overlapping offsets; mention detection
  P/R/F per kind (a pair counts for a kind when both sides have it) and for all kinds; and
  the clustering's B-cubed P/R/F over the aligned mentions only (detection is scored
  apart), with predicted clusters taken per brief.
* **dates** -- :func:`khabar.extract.dates.find_dates` on each article with its publication
  day as reference: a gold expression is found when a predicted mention overlaps it and
  resolves to the same day (``None`` for an undated article).  A predicted mention that
  overlaps no gold expression and resolves to nothing is ignored (it reaches no timeline);
  one that resolves to a date is a false positive.

Command line::

    khabar eval extract tests/gold/extract.json [--root .] [--shared ../shared] [--split dev | --split fresh12,fresh13]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import InputError, InputWarning
from khabar.evaluate.splits import in_splits, parse_splits
from khabar.model import Article, Claim, EventBrief
from khabar.text.ar.clitics import PLAIN_PROCLITICS
from khabar.text.ar.normalize import normalize

#: Two values are the same figure when they differ by at most this share of the gold value.
VALUE_TOLERANCE = 0.005

#: Entity kinds scored for mention detection.
ENTITY_KINDS = ("person", "organisation", "place")

#: Letters that may be attached in front of a name (و ف ب ل ك): "وبيرغستروم", "لرويترز".
_PROCLITICS = frozenset("".join(PLAIN_PROCLITICS))

#: A path of the gold file that starts with this prefix is read from the shared data folder.
SEEDS_PREFIX = "seeds/"

#: Paths starting with one of these are read from the shared corpora folder
#: (``ant/...``, ``baly2018/dataset/R-10.json#3``, ``easc/Articles/...``).
CORPORA_PREFIXES = ("ant/", "baly2018/", "easc/")


# --- scores ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    precision: float
    recall: float
    f1: float
    gold: int
    predicted: int
    #: Gold items found (recall numerator); for B-cubed, the number of aligned mentions.
    matched: int

    @classmethod
    def from_counts(cls, *, gold: int, predicted: int, found: int, correct: int) -> PRF:
        """``found`` gold items recalled, ``correct`` predictions precise.  Empty sides score 0
        unless both are empty (nothing to find and nothing claimed scores 1)."""
        if gold == 0 and predicted == 0:
            return cls(1.0, 1.0, 1.0, 0, 0, 0)
        precision = correct / predicted if predicted else 0.0
        recall = found / gold if gold else 0.0
        return cls(precision, recall, _f1(precision, recall), gold, predicted, found)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class ContentAccuracy:
    """Of ``found`` gold quotes recalled, ``accurate`` have their content as said."""

    accurate: int
    found: int

    @property
    def accuracy(self) -> float:
        return self.accurate / self.found if self.found else 0.0


@dataclass(frozen=True, slots=True)
class ExtractionScores:
    quotes: PRF
    speakers: PRF
    claims: PRF  # value + category + source
    claims_value: PRF
    claims_value_category: PRF
    entity_mentions: PRF  # any kind
    entity_mentions_by_kind: dict[str, PRF]
    entity_bcubed: PRF
    dates: PRF
    articles: int
    quote_content: ContentAccuracy = ContentAccuracy(0, 0)


# --- gold --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldQuote:
    speakers: tuple[str, ...]  # acceptable forms, first as written
    keys: tuple[str, ...]
    start: int
    end: int
    direct: bool
    who: str  # groups one speaker's quotes for the speaker score


@dataclass(frozen=True, slots=True)
class GoldClaim:
    start: int
    end: int
    value: float | None
    category: str
    sources: tuple[str, ...]  # acceptable forms; empty: unattributed
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    cluster: str
    kind: str


@dataclass(frozen=True, slots=True)
class GoldDate:
    start: int
    end: int
    date: dt.date | None
    precision: str = "day"


@dataclass(frozen=True, slots=True)
class GoldArticle:
    path: str
    article: Article
    quotes: tuple[GoldQuote, ...] = ()
    claims: tuple[GoldClaim, ...] = ()
    mentions: tuple[GoldMention, ...] = ()
    dates: tuple[GoldDate, ...] = ()
    group: str = ""  # articles of one group are briefed together (one event)


def find_key(text: str, key: str, occurrence: int = 0) -> tuple[int, int] | None:
    """Span of the ``occurrence``-th (0-based) exact occurrence of ``key`` in ``text``."""
    if not key:
        return None
    pos = -1
    for _ in range(occurrence + 1):
        pos = text.find(key, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(key)


def name_spans(text: str, form: str) -> list[tuple[int, int]]:
    """Occurrences of a name that are whole words, allowing attached proclitics in front
    ("وبيرغستروم") but nothing after ("العراق" is not in "العراقي")."""
    out = []
    pos = text.find(form)
    while pos >= 0:
        end = pos + len(form)
        after_ok = end >= len(text) or not text[end].isalnum()
        word_start = pos
        while word_start > 0 and text[word_start - 1].isalnum():
            word_start -= 1
        prefix = text[word_start:pos]
        before_ok = len(prefix) <= 2 and all(c in _PROCLITICS for c in prefix)
        if after_ok and before_ok:
            out.append((pos, end))
        pos = text.find(form, pos + 1)
    return out


def _forms(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _span(where: str, text: str, item: Mapping[str, Any], key: str) -> tuple[int, int]:
    occurrence = int(item.get("occurrence", 0))
    span = find_key(text, key, occurrence)
    if span is None:
        raise InputError(where, f"key {key!r} (occurrence {occurrence}) is not in the article text")
    return span


def _resolve_mentions(where: str, text: str, items: Sequence[Mapping[str, Any]]) -> list[GoldMention]:
    """Entity mentions: longest forms first, never overlapping an earlier one, so "الحسن"
    alone is not found again inside "إياد الحسن" and "الأمم المتحدة" not inside the name of
    one of its offices."""
    taken: list[tuple[int, int]] = []
    out: list[GoldMention] = []
    order = sorted(range(len(items)), key=lambda i: (-len(items[i]["text"]), i))
    for i in order:
        item = items[i]
        form = item["text"]
        spans = name_spans(text, form)
        if "occurrence" in item:
            n = int(item["occurrence"])
            if n >= len(spans):
                raise InputError(where, f"entity {form!r}: occurrence {n} not found ({len(spans)} whole-word matches)")
            spans = [spans[n]]
        free = [s for s in spans if all(s[1] <= a or s[0] >= b for a, b in taken)]
        if not free:
            raise InputError(where, f"entity {form!r} is not in the article text as a whole word (or only inside a longer name)")
        for s in free:
            taken.append(s)
            out.append(GoldMention(s[0], s[1], str(item["cluster"]), str(item["kind"])))
    return sorted(out, key=lambda m: m.start)


def resolve_article(where: str, article: Article, entry: Mapping[str, Any], *, group: str = "") -> GoldArticle:
    """Turn one article entry of the gold file into spans of ``article.text``."""
    text = article.text
    quotes = []
    for q in entry.get("quotes", ()):
        keys = _forms(q["key"]) + _forms(q.get("also"))
        start, end = _span(where, text, q, keys[0])
        for k in keys[1:]:
            if k not in text:
                raise InputError(where, f"quote key {k!r} is not in the article text")
        speakers = _forms(q["speaker"])
        who = q.get("who") or normalize(speakers[0])
        quotes.append(GoldQuote(speakers, keys, start, end, bool(q.get("direct", False)), str(who)))
    claims = []
    for c in entry.get("claims", ()):
        start, end = _span(where, text, c, c["key"])
        value = c.get("value")
        claims.append(
            GoldClaim(
                start,
                end,
                None if value is None else float(value),
                str(c["category"]),
                _forms(c.get("source")),
                c.get("subject"),
            )
        )
    dates = []
    for d in entry.get("dates", ()):
        start, end = _span(where, text, d, d["key"])
        day = d.get("date")
        dates.append(GoldDate(start, end, None if day is None else dt.date.fromisoformat(day), d.get("precision", "day")))
    mentions = _resolve_mentions(where, text, entry.get("entities", ()))
    return GoldArticle(where, article, tuple(quotes), tuple(claims), tuple(mentions), tuple(dates), group)


def article_loader(*, root: Path, shared: Path) -> Callable[[str], Article]:
    """Read a gold path: "seeds/..." from ``shared``; "ant/...", "baly2018/..." and "easc/..."
    from ``shared/corpora``; anything else from ``root``.

    A Baly 2018 claim file holds many articles: ``baly2018/dataset/R-10.json#3`` is the
    fourth (0-based index 3) of its ``article[]`` list, read with the JSON field mapping
    (body "article", url "url", no title field: the first line is the title)."""
    from khabar import read
    from khabar.config import FieldMap, ReadOptions
    from khabar.ingest import read_path

    baly = ReadOptions(format="json", fields=FieldMap(body="article", url="url", title="", title_fallbacks=()))

    def load(path: str) -> Article:
        name, _, index = path.partition("#")
        if name.startswith(SEEDS_PREFIX):
            full = shared / name
        elif name.startswith(CORPORA_PREFIXES):
            full = shared / "corpora" / name
        else:
            full = root / name
        if not full.exists():
            raise InputError(path, f"article not found at {full}")
        if index:
            if not index.isdigit():
                raise InputError(path, f"article index {index!r} after '#' is not a number")
            records = [r for r in read_path(full, options=baly) if not isinstance(r, InputWarning)]
            if int(index) >= len(records):
                raise InputError(path, f"index {index} is beyond the {len(records)} articles of {full.name}")
            record = records[int(index)]
            if isinstance(record, InputError):
                raise record
            return record
        articles = read(full)
        if len(articles) != 1:
            raise InputError(path, f"expected one article, read {len(articles)}")
        return articles[0]

    return load


def resolve_gold(
    data: Mapping[str, Any], *, load: Callable[[str], Article], split: str | None = None
) -> list[GoldArticle]:
    """Every article of a parsed gold file (or only those of ``split``: "dev", or a pool
    "fresh12,fresh13" as one set),
    with its spans resolved.

    An entry's ``published`` replaces the article's date (the seeds carry none); the group
    of an article is its folder, so each event is briefed on its own -- except in the
    corpora, whose folders are outlets and categories, not events: there each article is
    its own group unless the entry names one.
    """
    out = []
    wanted = None if split is None else parse_splits(split)  # read once, not per entry
    for entry in data.get("articles", ()):
        if not in_splits(entry.get("split"), wanted):
            continue
        path = entry["path"]
        article = load(path)
        if entry.get("published"):
            article = dataclasses.replace(article, published=dt.date.fromisoformat(entry["published"]))
        default_group = path if path.startswith(CORPORA_PREFIXES) else path.rsplit("/", 1)[0]
        group = entry.get("group") or default_group
        out.append(resolve_article(path, article, entry, group=group))
    return out


def read_gold_json(gold_path: Path) -> Any:
    """A gold file's JSON; InputError naming the file when it cannot be read or parsed."""
    try:
        return json.loads(Path(gold_path).read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(str(gold_path), f"cannot read the gold file: {err.strerror or err}") from err
    except json.JSONDecodeError as err:
        raise InputError(str(gold_path), f"not valid JSON: {err}") from err


def load_gold(gold_path: Path, *, root: Path, shared: Path, split: str | None = None) -> list[GoldArticle]:
    return resolve_gold(read_gold_json(gold_path), load=article_loader(root=root, shared=shared), split=split)


# --- matching rules ----------------------------------------------------------------------

_QUOTE_MARKS = re.compile(r"[\"'«»“”]")


def norm(text: str | None) -> str:
    """Normalized for comparison: khabar's normalization, no quote marks, single spaces."""
    if not text:
        return ""
    return " ".join(_QUOTE_MARKS.sub(" ", normalize(text)).split())


def speaker_matches(gold_forms: Iterable[str], predicted: str | None) -> bool:
    """The predicted speaker contains a gold form as whole words, or they share their last
    two words."""
    p = norm(predicted)
    if not p:
        return False
    p_words = p.split()
    for form in gold_forms:
        g = norm(form)
        if not g:
            continue
        if f" {g} " in f" {p} ":
            return True
        g_words = g.split()
        if len(g_words) >= 2 and len(p_words) >= 2 and g_words[-2:] == p_words[-2:]:
            return True
    return False


def source_matches(gold_forms: Sequence[str], predicted: str | None) -> bool:
    """Containment either way after normalization; an unattributed gold figure wants none."""
    p = norm(predicted)
    if not gold_forms:
        return not p
    if not p:
        return False
    return any((g := norm(form)) and (g in p or p in g) for form in gold_forms)


#: How many words the strict source rule lets a prediction add to or leave off a gold form.
STRICT_SOURCE_SLACK = 2


def source_matches_strictly(gold_forms: Sequence[str], predicted: str | None, *, person: bool = False) -> bool:
    """Exact or head match, whole words after normalization: the predicted source equals a gold
    form, or one of the two begins with all of the other, the shorter keeps at least two words
    (the head and its first modifier: "وزارة الدفاع" of "وزارة الدفاع الروسية", "المرصد
    السوري" of "المرصد السوري لحقوق الانسان") and the longer adds at most
    :data:`STRICT_SOURCE_SLACK` words. A source cut to one word ("المرصد", "حين"), one
    carrying the words around it ("مصادر ميدانية للجزيرة باندلاع اشتباكات") or an inner part of
    a name is wrong, though :func:`source_matches` lets each of them pass; a shorter form
    the text itself uses is right only when the gold file lists it. A ``person`` may be
    given by the surname, the end of the gold name ("الهاشمي" of "سليم الهاشمي")."""
    p = norm(predicted).split()
    if not gold_forms:
        return not p
    if not p:
        return False
    for form in gold_forms:
        g = norm(form).split()
        if not g:
            continue
        if p == g or (person and len(p) < len(g) and g[-len(p) :] == p):
            return True
        short, long = (p, g) if len(p) < len(g) else (g, p)
        if len(short) >= 2 and long[: len(short)] == short and len(long) - len(short) <= STRICT_SOURCE_SLACK:
            return True
    return False


def claim_source_matches(gold_forms: Sequence[str], claim: Claim) -> bool:
    """The figure's primary source (or the organisation its person speaks for) matches a
    gold form; an unattributed gold figure wants an unattributed one."""
    link = claim.primary_source
    if link.kind == "unattributed":
        return not gold_forms
    return source_matches(gold_forms, link.text) or bool(link.organisation and source_matches(gold_forms, link.organisation))


def value_matches(gold: float | None, predicted: float | None) -> bool:
    if gold is None or predicted is None:
        return False
    return abs(predicted - gold) <= VALUE_TOLERANCE * abs(gold)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


#: A complementiser that may open a content clause, bare or with its pronoun ("إنه"، "بأنها").
_COMPLEMENTISER = re.compile(r"^[وف]?(?:ب?[اأإ]ن)(?:ه|ها|هم|هما|هن|نا|ني|كم)?(?:\s|$)")
_OPENERS, _CLOSERS = "«“\"", "»”\""


def quoted_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets inside the quotation marks around ``text[start:end]`` in its line, or None
    when no pair of marks encloses it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opened = None
    for i in range(line_start, line_end):
        c = text[i]
        if opened is None and c in _OPENERS:
            opened = i
        elif opened is not None and c in _CLOSERS:
            if opened < start and end <= i:
                return opened + 1, i
            opened = None
    return None


def content_as_said(gold: GoldQuote, text: str, q: Any) -> bool:
    """The predicted content of a found quote as said: every key of the gold quote in it, no
    bare complementiser at its start, and inside the quotation marks of direct speech."""
    content = norm(q.content)
    if not all(norm(k) in content for k in gold.keys):
        return False
    if not gold.direct and _COMPLEMENTISER.match(normalize(q.content.lstrip(" «“\"'"))):
        return False  # in direct speech "إن" may be the speaker's own word
    if gold.direct:
        inside = quoted_span(text, gold.start, gold.end)
        if inside is not None and not (inside[0] <= q.start and q.end <= inside[1]):
            return False
    return True


# --- scoring -----------------------------------------------------------------------------


def _score_quotes(gold: Sequence[GoldArticle], briefs: Sequence[EventBrief]) -> tuple[PRF, PRF, ContentAccuracy]:
    by_article = {g.article.id: g for g in gold}
    preds = [q for b in briefs for q in b.quotes if q.article_id in by_article]
    n_gold = sum(len(g.quotes) for g in gold)

    def match(g: GoldQuote, q: Any) -> bool:
        content = norm(q.content)
        return any(norm(k) in content for k in g.keys) and speaker_matches(g.speakers, q.speaker)

    found = accurate = 0
    for g in gold:
        for gq in g.quotes:
            matching = [q for q in preds if q.article_id == g.article.id and match(gq, q)]
            found += bool(matching)
            accurate += any(content_as_said(gq, g.article.text, q) for q in matching)
    correct = sum(1 for q in preds if any(match(gq, q) for gq in by_article[q.article_id].quotes))
    quotes = PRF.from_counts(gold=n_gold, predicted=len(preds), found=found, correct=correct)

    # speakers: one gold entry per (article, who), with every form seen for that person
    gold_speakers: dict[tuple[str, str], set[str]] = defaultdict(set)
    for g in gold:
        for gq in g.quotes:
            gold_speakers[(g.article.id, gq.who)].update(gq.speakers)
    pred_speakers = {(q.article_id, norm(q.speaker)) for q in preds if norm(q.speaker)}
    found = sum(
        1 for (aid, _), forms in gold_speakers.items() if any(a == aid and speaker_matches(forms, s) for a, s in pred_speakers)
    )
    correct = sum(
        1
        for a, s in pred_speakers
        if any(aid == a and speaker_matches(forms, s) for (aid, _), forms in gold_speakers.items())
    )
    speakers = PRF.from_counts(gold=len(gold_speakers), predicted=len(pred_speakers), found=found, correct=correct)
    return quotes, speakers, ContentAccuracy(accurate, quotes.matched)


def _score_claims(gold: Sequence[GoldArticle], briefs: Sequence[EventBrief], level: str) -> PRF:
    """One-to-one matching; among the candidates a gold claim takes the one whose span
    overlaps it most, then the nearest."""
    ids = {g.article.id for g in gold}
    preds = [c for b in briefs for c in b.claims if c.article_id in ids]
    used: set[int] = set()
    found = 0
    for g in gold:
        for gc in g.claims:
            best: tuple[int, int, int] | None = None
            for i, c in enumerate(preds):
                if i in used or c.article_id != g.article.id:
                    continue
                ov = _overlap((gc.start, gc.end), (c.start, c.end))
                ok = value_matches(gc.value, c.value) if gc.value is not None else ov > 0
                if ok and level != "value":
                    ok = (c.category or "") == gc.category
                if ok and level == "full":
                    ok = claim_source_matches(gc.sources, c)
                if ok:
                    rank = (-ov, abs(c.start - gc.start), i)
                    if best is None or rank < best:
                        best = rank
            if best is not None:
                used.add(best[2])
                found += 1
    n_gold = sum(len(g.claims) for g in gold)
    return PRF.from_counts(gold=n_gold, predicted=len(preds), found=found, correct=found)


def _score_entities(gold: Sequence[GoldArticle], briefs: Sequence[EventBrief]) -> tuple[PRF, dict[str, PRF], PRF]:
    ids = {g.article.id for g in gold}
    # (article, start, end, kind, cluster) of every predicted mention; clusters per brief
    preds = [
        (m.article_id, m.start, m.end, e.kind, f"{bi}:{e.id}")
        for bi, b in enumerate(briefs)
        for e in b.entities
        for m in e.mentions
        if m.article_id in ids
    ]
    pairs: list[tuple[GoldMention, tuple[str, int, int, str, str]]] = []
    used: set[int] = set()
    for g in gold:
        for gm in g.mentions:
            best, best_ov = None, 0
            for i, p in enumerate(preds):
                if i in used or p[0] != g.article.id:
                    continue
                ov = _overlap((gm.start, gm.end), (p[1], p[2]))
                if ov > best_ov:
                    best, best_ov = i, ov
            if best is not None:
                used.add(best)
                pairs.append((gm, preds[best]))
    all_gold = [m for g in gold for m in g.mentions]
    mentions = PRF.from_counts(gold=len(all_gold), predicted=len(preds), found=len(pairs), correct=len(pairs))
    by_kind = {}
    for kind in ENTITY_KINDS:
        tp = sum(1 for gm, p in pairs if gm.kind == kind and p[3] == kind)
        by_kind[kind] = PRF.from_counts(
            gold=sum(1 for m in all_gold if m.kind == kind),
            predicted=sum(1 for p in preds if p[3] == kind),
            found=tp,
            correct=tp,
        )
    bcubed = bcubed_scores([(gm.cluster, p[4]) for gm, p in pairs])
    bcubed = dataclasses.replace(bcubed, gold=len(all_gold), predicted=len(preds))
    return mentions, by_kind, bcubed


def bcubed_scores(items: Sequence[tuple[str, str]]) -> PRF:
    """B-cubed over items given as (gold cluster, predicted cluster) pairs."""
    if not items:
        return PRF(0.0, 0.0, 0.0, 0, 0, 0)
    gold_members: dict[str, list[int]] = defaultdict(list)
    pred_members: dict[str, list[int]] = defaultdict(list)
    for i, (g, p) in enumerate(items):
        gold_members[g].append(i)
        pred_members[p].append(i)
    precision = recall = 0.0
    for g, p in items:
        same = len(set(gold_members[g]) & set(pred_members[p]))
        precision += same / len(pred_members[p])
        recall += same / len(gold_members[g])
    precision /= len(items)
    recall /= len(items)
    return PRF(precision, recall, _f1(precision, recall), len(items), len(items), len(items))


DateFinder = Callable[[Article], Sequence[Any]]


def _find_article_dates(article: Article) -> Sequence[Any]:
    from khabar.extract.dates import find_dates

    return find_dates(article.text, reference=article.published)


def _score_dates(gold: Sequence[GoldArticle], finder: DateFinder) -> PRF:
    n_gold = n_pred = found = correct = 0
    for g in gold:
        mentions = list(finder(g.article))
        n_gold += len(g.dates)
        hit = [False] * len(g.dates)
        for m in mentions:
            overlapping = [i for i, gd in enumerate(g.dates) if _overlap((gd.start, gd.end), (m.start, m.end))]
            if not overlapping and m.date is None:
                continue  # not a date, and says so: nothing reaches the timeline
            n_pred += 1
            right = [i for i in overlapping if g.dates[i].date == m.date]
            if right:
                correct += 1
                for i in right:
                    hit[i] = True
        found += sum(hit)
    return PRF.from_counts(gold=n_gold, predicted=n_pred, found=found, correct=correct)


def score_briefs(
    gold: Sequence[GoldArticle], briefs: Sequence[EventBrief], *, date_finder: DateFinder | None = None
) -> ExtractionScores:
    """Score the briefs' quotes, claims and entities, and the date finder, against ``gold``."""
    quotes, speakers, content = _score_quotes(gold, briefs)
    mentions, by_kind, bcubed = _score_entities(gold, briefs)
    return ExtractionScores(
        quotes=quotes,
        speakers=speakers,
        claims=_score_claims(gold, briefs, "full"),
        claims_value=_score_claims(gold, briefs, "value"),
        claims_value_category=_score_claims(gold, briefs, "category"),
        entity_mentions=mentions,
        entity_mentions_by_kind=by_kind,
        entity_bcubed=bcubed,
        dates=_score_dates(gold, date_finder or _find_article_dates),
        articles=len(gold),
        quote_content=content,
    )


def briefs_by_group(grouped: Iterable[tuple[str, Article]]) -> list[EventBrief]:
    """One brief per group key (in first-seen order), as ``khabar brief`` would make it."""
    from khabar.event_brief import build_event_brief

    groups: dict[str, list[Article]] = defaultdict(list)
    for key, article in grouped:
        groups[key].append(article)
    return [build_event_brief(articles) for articles in groups.values()]


def build_briefs(gold: Sequence[GoldArticle]) -> list[EventBrief]:
    """One brief per group (event folder)."""
    return briefs_by_group((g.group, g.article) for g in gold)


def evaluate_extraction(gold_path: Path, *, root: Path, shared: Path, split: str | None = None) -> ExtractionScores:
    """Load the gold file and its articles (all, or those of ``split``), brief each event
    with :func:`khabar.event_brief.build_event_brief`, and score the result."""
    gold = load_gold(gold_path, root=root, shared=shared, split=split)
    return score_briefs(gold, build_briefs(gold))


# --- report ------------------------------------------------------------------------------
