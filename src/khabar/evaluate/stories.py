"""How well articles are grouped into stories, against gold event labels.

Figures, all in [0, 1] except ARI (which is 0 for chance and can go below):

* adjusted Rand index (Hubert & Arabie): agreement on every pair of articles, corrected for
  chance;
* B-cubed precision / recall / F1 (Bagga & Baldwin): per article, the share of its story
  that belongs to its event (precision) and of its event that is in its story (recall),
  averaged over articles; a wrong merge costs precision, a wrong split recall;
* purity: the share of articles that belong to the majority event of their story.

Command line: cluster the labelled set (``benchmarks/storyset.py`` writes it) plus, when
given, folders of extra labelled articles (each folder is one event: the example corpus's
``examples/*/`` folders, the seeds)::

    khabar eval stories benchmarks/out/storyset/articles.jsonl \
        --event-dir examples/wadi-nahr-evacuation --event-dir ../shared/seeds [--threshold 0.22] \
        [--cosine-threshold 0.3 (0: MinHash alone)]
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import comb
from pathlib import Path

from khabar.errors import InputError
from khabar.model import Article
from khabar.config import StoryOptions
from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories
from khabar.scale.cluster import band_e5_lookup, band_sentences_lookup, sign_batch


@dataclass(frozen=True, slots=True)
class ClusteringScores:
    ari: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    purity: float
    items: int
    gold_clusters: int
    predicted_clusters: int


def score_clustering(predicted: Mapping[str, str], gold: Mapping[str, str]) -> ClusteringScores:
    """Compare ``item -> cluster`` maps over the items both label."""
    keys = sorted(set(predicted) & set(gold))
    if not keys:
        raise ValueError("no item is labelled in both the prediction and the gold")
    pairs = Counter((predicted[k], gold[k]) for k in keys)
    pred_sizes = Counter(predicted[k] for k in keys)
    gold_sizes = Counter(gold[k] for k in keys)
    n = len(keys)

    # ARI from the contingency table.
    index = sum(comb(c, 2) for c in pairs.values())
    sum_pred = sum(comb(c, 2) for c in pred_sizes.values())
    sum_gold = sum(comb(c, 2) for c in gold_sizes.values())
    total = comb(n, 2)
    expected = sum_pred * sum_gold / total if total else 0.0
    maximum = (sum_pred + sum_gold) / 2
    ari = 1.0 if maximum == expected else (index - expected) / (maximum - expected)

    # B-cubed: an item in cell (p, g) sees c(p, g) of its |p| story mates in its event.
    precision = sum(c * c / pred_sizes[p] for (p, _g), c in pairs.items()) / n
    recall = sum(c * c / gold_sizes[g] for (_p, g), c in pairs.items()) / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    majority: dict[str, int] = {}
    for (p, _g), c in pairs.items():
        majority[p] = max(majority.get(p, 0), c)
    purity = sum(majority.values()) / n
    return ClusteringScores(ari, precision, recall, f1, purity, n, len(gold_sizes), len(pred_sizes))


# --- reading labelled sets -------------------------------------------------------------------


def read_labelled_jsonl(path: Path) -> list[tuple[Article, str]]:
    """``(article, event)`` per line of a storyset file (``title, body, outlet, published, event``)."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            article = Article.create(
                title=r["title"],
                body=r["body"],
                outlet=r.get("outlet"),
                published=dt.date.fromisoformat(r["published"]) if r.get("published") else None,
                source=f"{path}:{n}",
            )
            out.append((article, str(r["event"])))
        except (ValueError, KeyError, TypeError) as e:
            raise InputError(f"{path}:{n}", f"not a labelled article: {e}") from e
    return out


def read_event_dir(path: Path) -> list[tuple[Article, str]]:
    """Every article of a folder, all labelled with one event named after the folder."""
    from khabar.ingest import read_paths

    event = f"dir:{path.name}"
    return [(a, event) for a in read_paths([path]) if isinstance(a, Article)]


def cluster_labelled(items: Sequence[tuple[Article, str]], *, options: StoryOptions) -> tuple[dict[str, str], dict[str, str]]:
    """(predicted, gold) maps by article id; an article given twice keeps its first label."""
    gold: dict[str, str] = {}
    articles = []
    for article, event in items:
        if article.id in gold:
            continue
        gold[article.id] = event
        articles.append(article)
    events, _lines = group_articles(articles, options=options)
    return events, gold


def group_articles(articles: Sequence[Article], *, options: StoryOptions) -> tuple[dict[str, str], dict[str, str]]:
    """``(article id -> event id, article id -> storyline id)`` of ``articles`` grouped as
    one stream (an article that cannot be signed is an event and a storyline of its own)."""
    by_id = {a.id: a for a in articles}.get
    index = StoryIndex(
        options, sentences=band_sentences_lookup(by_id, options=options), e5=band_e5_lookup(by_id, options=options)
    )
    signed = [s for s in sign_batch(list(articles), options=options) if isinstance(s, SignedArticle)]
    events = assign_stories(signed, options=options, index=index)
    lines = {}
    story_line = {s.id: s.storyline for s in index.take_changed()}
    for a in articles:
        if a.id not in events:
            events[a.id] = "unsigned:" + a.id
        lines[a.id] = story_line.get(events[a.id]) or events[a.id]
    return events, lines


# --- the event gold on real news (tests/gold/events) ------------------------------------------


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise precision / recall / F1 of "same group?" over labelled article pairs."""

    precision: float
    recall: float
    f1: float
    pairs: int
    positives: int
    true_positives: int
    false_positives: int

    @classmethod
    def of(cls, decisions: Sequence[tuple[bool, bool]]) -> PairScores:
        """From ``(gold, predicted)`` per pair."""
        tp = sum(1 for g, p in decisions if g and p)
        fp = sum(1 for g, p in decisions if p and not g)
        pos = sum(1 for g, _ in decisions if g)
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / pos if pos else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1, len(decisions), pos, tp, fp)


@dataclass(frozen=True)
class EventGoldScores:
    """``khabar eval stories --gold``: the grouping of the gold's articles scored on its pairs
    (event and storyline level, overall and by kind) and on its event-labelled set."""

    split: str
    articles: int
    event_pairs: PairScores
    storyline_pairs: PairScores
    event_pairs_by_kind: tuple[tuple[str, PairScores], ...]
    events: ClusteringScores
    storylines: ClusteringScores


#: The event gold's splits that are judged on, never trained or tuned on: ``test`` and
#: fresh17 onwards (fresh17's one judge of the lead experiment aside).  The scorer's build and
#: the event experiments refuse them; a newly labelled split raises the last number.
LAST_EVENT_SPLIT = 41
JUDGED_EVENT_SPLITS: frozenset[str] = frozenset({"test", *(f"fresh{n}" for n in range(17, LAST_EVENT_SPLIT + 1))})
#: How the scripts' refusals name them.
JUDGED_EVENT_SPLITS_NAMED = f"the test, fresh17 .. fresh{LAST_EVENT_SPLIT} splits"


def read_event_gold(folder: Path, *, split: str | None) -> tuple[list[dict], list[dict]]:
    """``(pairs, event rows)`` of an event gold folder (``pairs.jsonl``, ``events.jsonl``),
    only those of ``split`` when given."""
    out = []
    for name in ("pairs.jsonl", "events.jsonl"):
        path = folder / name
        rows = []
        try:
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if line.strip():
                    rows.append(json.loads(line))
        except (OSError, ValueError) as e:
            raise InputError(str(path), f"not an event gold file: {e}") from e
        out.append([r for r in rows if split is None or r.get("split") == split])
    return out[0], out[1]


def evaluate_event_gold(
    folder: Path, corpus: Path, *, options: StoryOptions, split: str | None = None
) -> EventGoldScores:
    """Group every article the gold names (of ``split``: ``dev`` or ``test``; both when
    None) as one stream, in date order, and score the grouping on the labelled pairs and
    on the event-labelled set.  ``corpus``: the folder the gold's paths are relative to."""
    from khabar.ingest import read_path

    pairs, event_rows = read_event_gold(folder, split=split)
    paths = sorted({p["a"] for p in pairs} | {p["b"] for p in pairs} | {r["path"] for r in event_rows})
    if not paths:
        raise InputError(str(folder), f"no labelled article in split {split!r}")
    article_of: dict[str, Article] = {}
    for rel in paths:
        found = [a for a in read_path(corpus / rel) if isinstance(a, Article)]
        if not found:
            raise InputError(str(corpus / rel), "a gold article cannot be read")
        article_of[rel] = found[0]
    events, lines = group_articles(list(article_of.values()), options=options)

    def decide(level: str, rows: Sequence[dict]) -> list[tuple[bool, bool]]:
        predicted = events if level == "event" else lines
        return [
            (bool(r[f"same_{level}"]), predicted[article_of[r["a"]].id] == predicted[article_of[r["b"]].id])
            for r in rows
        ]

    kinds = sorted({r["kind"] for r in pairs})
    ids = {r["path"]: article_of[r["path"]].id for r in event_rows}
    return EventGoldScores(
        split=split or "all",
        articles=len(article_of),
        event_pairs=PairScores.of(decide("event", pairs)),
        storyline_pairs=PairScores.of(decide("storyline", pairs)),
        event_pairs_by_kind=tuple((k, PairScores.of(decide("event", [r for r in pairs if r["kind"] == k]))) for k in kinds),
        events=score_clustering({ids[p]: events[i] for p, i in ids.items()}, {ids[r["path"]]: r["event"] for r in event_rows}),
        storylines=score_clustering(
            {ids[p]: lines[i] for p, i in ids.items()}, {ids[r["path"]]: r["storyline"] for r in event_rows}
        ),
    )


def evaluate_storysets(
    jsonl: Sequence[Path], event_dirs: Sequence[Path], *, options: StoryOptions
) -> list[tuple[str, ClusteringScores]]:
    """Group every labelled article at once and score it: ``("all", scores)`` first, then
    each file or folder on its own (its articles within the one grouping)."""
    parts: list[tuple[str, list[tuple[Article, str]]]] = []
    for path in jsonl:
        parts.append((path.name, read_labelled_jsonl(path)))
    for path in event_dirs:
        parts.append((f"dir:{path.name}", read_event_dir(path)))
    if not parts:
        raise InputError("stories", "give at least one labelled JSON Lines file or event folder")
    everything = [item for _name, items in parts for item in items]
    predicted, gold = cluster_labelled(everything, options=options)
    rows = [("all", score_clustering(predicted, gold))]
    for name, items in parts:
        ids = {a.id for a, _ in items}
        sub_pred = {k: v for k, v in predicted.items() if k in ids}
        sub_gold = {k: v for k, v in gold.items() if k in ids}
        rows.append((f"  {name}", score_clustering(sub_pred, sub_gold)))
    return rows
