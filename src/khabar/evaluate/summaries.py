"""ROUGE of khabar's summary algorithms against human summaries.

Dataset layouts (``docs/summaries.md``):

* **folders** (multi-document): one folder per cluster (event).  Every file khabar reads
  is an article, except the reference summaries: files named ``reference*.txt`` in the
  cluster folder and any ``.txt`` file in a ``references/`` subfolder (UTF-8, a BOM is
  allowed).  A dataset folder that itself holds references is one cluster.
* **EASC** (single-document, El-Haj et al. 2010), read where it lies:
  ``Articles/TopicN/*.txt`` (one article, UTF-8 with BOM, no title line) and
  ``MTurk/TopicN/*`` (five human extractive summaries).  Every topic is a cluster of one.
* **events JSON** (multi-document, ``tests/gold/summaries/ant_events.json``): events of a
  corpus that stays where it lies, each with its article paths, one reference summary, its
  ``split`` (dev or test) and must-contain facts (:mod:`khabar.evaluate.coverage`), scored
  beside ROUGE as the share of an event's facts the summary states.

For each cluster the articles go through :func:`khabar.pipeline.analyze` into one
:class:`~khabar.relate.corroborate.SentencePool`; each algorithm's summary is produced by
:func:`khabar.summarize.summarize` (its ``select`` and the shared reading order), exactly
as a brief gets it.  The word budget is ``length_words`` or, by default, the mean length
of the cluster's references in words (:func:`khabar.text.ar.tokenize.words` tokens).
Every summary, and every human summary in the ``human`` row, is cut to that budget before
scoring (ROUGE-1.5.5's ``-l``), so an algorithm that overshoots gains nothing.

``single`` mode on the folders layout summarizes each article of a cluster alone against
the cluster's references (a folder holding one article is then a single-document item).

Beside the algorithms, the ``first-words`` baseline takes the first words of the first
article's body up to the budget (the article listed first: the earliest in the events
JSON, the first by file name in a folder).

The ``human`` row scores each reference against the other references of its cluster: the
agreement between people, a ceiling for extractive systems (it is scored against one
reference fewer than the systems, so it is slightly pessimistic with ``mean``).

Command line::

    khabar eval summarize DATASET [--mode single] [--easc] [--length N] [--split dev|test|fresh|fresh2]
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from khabar.config import SUMMARY_ALGORITHMS, BriefOptions
from khabar.errors import InputError, KhabarError
from khabar.evaluate.splits import SPLITS
from khabar.evaluate.coverage import Fact, coverage, parse_fact
from khabar.evaluate.rouge import AGGREGATES, Aggregate, RougeScores, rouge
from khabar.model import Article
from khabar.text.ar.tokenize import tokenize, words

Mode = Literal["multi", "single"]
Layout = Literal["auto", "folders", "easc", "events"]

HUMAN = "human"
#: The baseline that takes the first article's first words up to the budget.
FIRST_WORDS = "first-words"
_REFERENCES_DIR = "references"


@dataclass(frozen=True)
class Cluster:
    """Articles about one event (or one article) and the human summaries of them."""

    name: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]
    facts: tuple[Fact, ...] = ()  # must-contain facts (events JSON only)
    split: str | None = None  # "dev" or "test" (events JSON only)


@dataclass(frozen=True)
class ClusterResult:
    cluster: str
    algorithm: str
    scores: RougeScores
    words: int  # summary length before the cut to the budget
    budget: int
    seconds: float
    coverage: float | None = None  # share of must-contain facts stated (None: no facts)
    #: More than FILL_SLACK of the budget short although the articles hold the budget's words
    #: (None: they do not, or a human reference).
    short: bool | None = None


@dataclass(frozen=True)
class AlgorithmRow:
    """Means over clusters."""

    algorithm: str
    clusters: int
    rouge1_f: float
    rouge1_r: float
    rouge2_f: float
    rouge2_r: float
    rougeL_f: float
    rougeL_r: float
    words: float
    seconds: float
    coverage: float | None = None  # mean over clusters with must-contain facts
    #: Share of the clusters whose articles hold the budget's words where the summary ends
    #: more than FILL_SLACK of the budget short (None: no such cluster).
    short: float | None = None


@dataclass(frozen=True)
class SummaryTable:
    rows: tuple[AlgorithmRow, ...]
    results: tuple[ClusterResult, ...]
    clusters: int
    articles: int
    mode: str
    stem: bool
    stopwords: bool
    aggregate: str
    length_words: int | None
    split: str | None = None

    def row(self, algorithm: str) -> AlgorithmRow:
        for r in self.rows:
            if r.algorithm == algorithm:
                return r
        raise KeyError(algorithm)


# --- reading datasets ----------------------------------------------------------------------


def _read_reference(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig").strip()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the reference summary as UTF-8: {err}") from err


def _is_reference(path: Path, cluster_dir: Path) -> bool:
    if path.parent.name == _REFERENCES_DIR and path.parent.parent == cluster_dir:
        return True
    return path.parent == cluster_dir and path.name.casefold().startswith("reference")


def _references_of(cluster_dir: Path) -> list[Path]:
    found = [p for p in cluster_dir.iterdir() if p.is_file() and _is_reference(p, cluster_dir)]
    sub = cluster_dir / _REFERENCES_DIR
    if sub.is_dir():
        found += [p for p in sub.iterdir() if p.is_file() and p.suffix.casefold() == ".txt"]
    return sorted(p for p in found if p.suffix.casefold() == ".txt" and not p.name.startswith("."))


def read_cluster(cluster_dir: Path) -> Cluster:
    """One cluster of the folders layout."""
    import khabar
    from khabar.ingest import list_inputs

    references = _references_of(cluster_dir)
    if not references:
        raise InputError(str(cluster_dir), "no reference summary (reference*.txt or references/*.txt)")
    files, _skipped, _problems = list_inputs(cluster_dir)
    article_files = [f for f in files if not _is_reference(f, cluster_dir)]
    if not article_files:
        raise InputError(str(cluster_dir), "no article files beside the reference summaries")
    return Cluster(
        name=cluster_dir.name,
        articles=tuple(khabar.read(article_files)),
        references=tuple(_read_reference(p) for p in references),
    )


def read_clusters(dataset: Path) -> list[Cluster]:
    """Every cluster of a dataset in the folders layout, in name order."""
    dataset = Path(dataset)
    if not dataset.is_dir():
        raise InputError(str(dataset), "not a folder: a summary dataset is a folder of cluster folders")
    if _references_of(dataset):
        return [read_cluster(dataset)]
    dirs = sorted(p for p in dataset.iterdir() if p.is_dir() and not p.name.startswith("."))
    clusters = [read_cluster(d) for d in dirs if _references_of(d)]
    if not clusters:
        raise InputError(str(dataset), "no cluster folder with reference*.txt summaries")
    return clusters


def is_easc(path: Path) -> bool:
    return (Path(path) / "Articles").is_dir() and (Path(path) / "MTurk").is_dir()


def _topic_number(path: Path) -> tuple[int, str]:
    digits = "".join(ch for ch in path.name if ch.isdigit())
    return (int(digits) if digits else 0, path.name)


def read_easc(root: Path, *, limit: int | None = None) -> list[Cluster]:
    """EASC topics in number order (the first ``limit`` only, when given), read in place."""
    root = Path(root)
    if not is_easc(root):
        raise InputError(str(root), "not the EASC layout: expected Articles/ and MTurk/ folders")
    clusters: list[Cluster] = []
    for topic in sorted((p for p in (root / "Articles").iterdir() if p.is_dir()), key=_topic_number):
        if limit is not None and len(clusters) >= limit:
            break
        summaries_dir = root / "MTurk" / topic.name
        refs = sorted(p for p in summaries_dir.iterdir() if p.is_file()) if summaries_dir.is_dir() else []
        if not refs:
            raise InputError(str(summaries_dir), "no human summaries for this topic")
        articles = []
        for path in sorted(p for p in topic.iterdir() if p.suffix.casefold() == ".txt"):
            # No title line in EASC: the first line is the first paragraph.
            body = _read_reference(path)
            articles.append(Article.create(title="", body=body, source=str(path)))
        if not articles:
            raise InputError(str(topic), "no article file in this topic")
        clusters.append(Cluster(topic.name, tuple(articles), tuple(_read_reference(p) for p in refs)))
    return clusters


def _corpus_root(gold: Path, corpus: str) -> Path:
    """``corpus`` as written in the gold (relative to the repository root): found from the
    current folder or from a folder above the gold file."""
    written = Path(corpus)
    if written.is_absolute():
        return written
    for base in (Path.cwd(), *gold.resolve().parents):
        if (base / written).is_dir():
            return base / written
    raise InputError(str(gold), f"corpus folder {corpus!r} not found from here or above the gold file")


def read_events(path: Path, *, corpus: Path | None = None, split: str | None = None) -> list[Cluster]:
    """The events of a multi-document gold JSON (``tests/gold/summaries/README.md``).

    Article paths are relative to ``corpus`` (default: the file's ``corpus`` field);
    ``split`` keeps the events of one split.  Articles are listed in the order given."""
    import khabar

    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read the events gold as UTF-8 JSON: {err}") from err
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise InputError(str(path), "an events gold is a JSON object with an 'events' list")
    if split is not None and split not in SPLITS:
        raise KhabarError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    root = Path(corpus) if corpus is not None else _corpus_root(path, str(data.get("corpus", "")))
    clusters = []
    for i, event in enumerate(data["events"]):
        where = f"{path}: event {event.get('id', i) if isinstance(event, dict) else i}"
        if not isinstance(event, dict):
            raise InputError(where, "an event must be a JSON object")
        missing = [k for k in ("id", "articles", "split", "reference", "must_contain") if not event.get(k)]
        if missing:
            raise InputError(where, f"missing or empty: {', '.join(missing)}")
        if event["split"] not in SPLITS:
            raise InputError(where, f"split must be one of {', '.join(SPLITS)}, got {event['split']!r}")
        if split is not None and event["split"] != split:
            continue
        files = [root / p for p in event["articles"]]
        absent = [str(f) for f in files if not f.is_file()]
        if absent:
            raise InputError(where, f"article not found: {absent[0]}")
        clusters.append(
            Cluster(
                name=str(event["id"]),
                articles=tuple(khabar.read(files)),
                references=(str(event["reference"]).strip(),),
                facts=tuple(parse_fact(f, where=where) for f in event["must_contain"]),
                split=event["split"],
            )
        )
    if not clusters:
        raise InputError(str(path), f"no events{f' in split {split!r}' if split else ''}")
    return clusters


def is_events_json(path: Path) -> bool:
    return Path(path).is_file() and Path(path).suffix.casefold() == ".json"


# --- scoring -------------------------------------------------------------------------------


def word_count(text: str) -> int:
    return len(words(text))


def truncate(sentences: Sequence[str], length_words: int) -> list[str]:
    """The sentences cut to the first ``length_words`` word tokens (the last one cut inside)."""
    out: list[str] = []
    left = length_words
    for sentence in sentences:
        toks = tokenize(sentence)
        if left <= 0:
            break
        if len(toks) <= left:
            out.append(sentence)
            left -= len(toks)
        else:
            out.append(sentence[: toks[left - 1].end])
            left = 0
    return out


def score_summary(
    sentences: Sequence[str],
    references: Sequence[str],
    *,
    length_words: int,
    stem: bool = True,
    stopwords: bool = False,
    aggregate: Aggregate = "mean",
) -> RougeScores:
    """ROUGE of a summary (its sentences, in order) cut to ``length_words``."""
    return rouge(truncate(sentences, length_words), references, stem=stem, stopwords=stopwords, aggregate=aggregate)


def budget_of(cluster: Cluster, length_words: int | None) -> int:
    if length_words is not None:
        return length_words
    return max(1, round(statistics.fmean(word_count(r) for r in cluster.references)))


def first_words(pool, length_words: int) -> list[str]:
    """The first-words baseline: the first article's body sentences cut to the budget."""
    if not pool.docs:
        return []
    return truncate([s.text for s in pool.docs[0].sentences if not s.is_title], length_words)


def body_words(doc) -> int:
    """Words of an analyzed article's body (its title aside): what a summary may fill its
    budget from."""
    return sum(len(w) for s, w in zip(doc.sentences, doc.sentence_words, strict=True) if not s.is_title)


def _mean_row(algorithm: str, results: Sequence[ClusterResult]) -> AlgorithmRow:
    def mean(get) -> float:
        return statistics.fmean(get(r) for r in results) if results else 0.0

    covered = [r.coverage for r in results if r.coverage is not None]
    short = [r.short for r in results if r.short is not None]

    return AlgorithmRow(
        algorithm=algorithm,
        clusters=len(results),
        rouge1_f=mean(lambda r: r.scores.rouge1.f),
        rouge1_r=mean(lambda r: r.scores.rouge1.recall),
        rouge2_f=mean(lambda r: r.scores.rouge2.f),
        rouge2_r=mean(lambda r: r.scores.rouge2.recall),
        rougeL_f=mean(lambda r: r.scores.rougeL.f),
        rougeL_r=mean(lambda r: r.scores.rougeL.recall),
        words=mean(lambda r: r.words),
        seconds=sum(r.seconds for r in results),
        coverage=statistics.fmean(covered) if covered else None,
        short=statistics.fmean(short) if short else None,
    )


def evaluate_clusters(
    clusters: Sequence[Cluster],
    *,
    algorithms: Sequence[str] = SUMMARY_ALGORITHMS,
    length_words: int | None = None,
    stem: bool = True,
    stopwords: bool = False,
    aggregate: Aggregate = "mean",
    humans: bool = True,
    baselines: bool = True,
    mode: str = "multi",
    split: str | None = None,
) -> SummaryTable:
    """Summarize every cluster with every algorithm (and the first-words baseline) and score
    the summaries: ROUGE, and must-contain coverage where the cluster has facts."""
    from khabar.pipeline import analyze
    from khabar.relate.corroborate import SentencePool
    from khabar.summarize import summarize
    from khabar.summarize.event_first import FILL_SLACK

    if aggregate not in AGGREGATES:
        raise KhabarError(f"unknown ROUGE aggregate {aggregate!r}; choose one of {', '.join(AGGREGATES)}")
    for name in algorithms:
        if name not in SUMMARY_ALGORITHMS:
            raise KhabarError(f"unknown summary algorithm {name!r}; choose from {', '.join(SUMMARY_ALGORITHMS)}")
    results: list[ClusterResult] = []

    def scored(
        cluster: Cluster, name: str, sentences: list[str], budget: int, seconds: float, available: int
    ) -> ClusterResult:
        scores = score_summary(
            sentences, cluster.references, length_words=budget, stem=stem, stopwords=stopwords, aggregate=aggregate
        )
        n_words = sum(word_count(s) for s in sentences)
        # Facts are looked for in what ROUGE scores: the summary cut to the budget.
        covered = coverage(cluster.facts, truncate(sentences, budget)) if cluster.facts else None
        short = n_words < (1 - FILL_SLACK) * budget if available >= budget else None
        return ClusterResult(cluster.name, name, scores, n_words, budget, seconds, covered, short)

    for cluster in clusters:
        budget = budget_of(cluster, length_words)
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        available = sum(body_words(d) for d in pool.docs)
        for name in algorithms:
            options = BriefOptions(length_words=budget, algorithm=name)
            start = time.perf_counter()
            summary = summarize(pool, options=options)
            seconds = time.perf_counter() - start
            results.append(scored(cluster, name, [s.text for s in summary], budget, seconds, available))
        if baselines:
            in_first = body_words(pool.docs[0]) if pool.docs else 0
            results.append(scored(cluster, FIRST_WORDS, first_words(pool, budget), budget, 0.0, in_first))
        if humans and len(cluster.references) > 1:
            for i, ref in enumerate(cluster.references):
                others = [r for j, r in enumerate(cluster.references) if j != i]
                scores = score_summary(
                    [ref], others, length_words=budget, stem=stem, stopwords=stopwords, aggregate=aggregate
                )
                results.append(ClusterResult(cluster.name, HUMAN, scores, word_count(ref), budget, 0.0))
    names = [
        *algorithms,
        *([FIRST_WORDS] if baselines else []),
        *([HUMAN] if any(r.algorithm == HUMAN for r in results) else []),
    ]
    rows = tuple(_mean_row(n, [r for r in results if r.algorithm == n]) for n in names)
    return SummaryTable(
        rows=rows,
        results=tuple(results),
        clusters=len(clusters),
        articles=sum(len(c.articles) for c in clusters),
        mode=mode,
        stem=stem,
        stopwords=stopwords,
        aggregate=aggregate,
        length_words=length_words,
        split=split,
    )


def _single(clusters: Sequence[Cluster]) -> list[Cluster]:
    out = []
    for c in clusters:
        for k, article in enumerate(c.articles, start=1):
            name = c.name if len(c.articles) == 1 else f"{c.name}#{k}"
            out.append(Cluster(name, (article,), c.references, c.facts, c.split))
    return out


def evaluate_summaries(
    dataset: Path,
    *,
    algorithms: Sequence[str] = SUMMARY_ALGORITHMS,
    length_words: int | None = None,
    stem: bool = True,
    mode: Mode = "multi",
    layout: Layout = "auto",
    stopwords: bool = False,
    aggregate: Aggregate = "mean",
    humans: bool = True,
    limit: int | None = None,
    split: str | None = None,
) -> SummaryTable:
    """Read a dataset (folders, EASC or events JSON) and score every algorithm on it.

    ``limit`` keeps the first clusters only (EASC topics in number order); ``split`` keeps
    one split of an events JSON."""
    if mode not in ("multi", "single"):
        raise KhabarError(f"mode must be 'multi' or 'single', got {mode!r}")
    if split is not None and not (layout == "events" or (layout == "auto" and is_events_json(dataset))):
        raise KhabarError("--split applies to an events JSON only")
    if layout == "events" or (layout == "auto" and is_events_json(dataset)):
        clusters = read_events(dataset, split=split)[:limit]
        if mode == "single":
            clusters = _single(clusters)
    elif layout == "easc" or (layout == "auto" and is_easc(dataset)):
        clusters = read_easc(dataset, limit=limit)
        mode = "single"  # one article per topic
    elif layout in ("auto", "folders"):
        clusters = read_clusters(dataset)[:limit]
        if mode == "single":
            clusters = _single(clusters)
    else:
        raise KhabarError(f"layout must be 'auto', 'folders', 'easc' or 'events', got {layout!r}")
    return evaluate_clusters(
        clusters,
        algorithms=algorithms,
        length_words=length_words,
        stem=stem,
        stopwords=stopwords,
        aggregate=aggregate,
        humans=humans,
        mode=mode,
        split=split,
    )
