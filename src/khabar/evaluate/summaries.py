"""ROUGE of khabar's summary algorithms against human summaries.

Dataset layouts (``docs/summaries.md``):

* **folders** (multi-document): one folder per cluster (event).  Every file khabar reads
  is an article, except the reference summaries: files named ``reference*.txt`` in the
  cluster folder and any ``.txt`` file in a ``references/`` subfolder (UTF-8, a BOM is
  allowed).  A dataset folder that itself holds references is one cluster.
* **EASC** (single-document, El-Haj et al. 2010), read where it lies:
  ``Articles/TopicN/*.txt`` (one article, UTF-8 with BOM, no title line) and
  ``MTurk/TopicN/*`` (five human extractive summaries).  Every topic is a cluster of one.

For each cluster the articles go through :func:`khabar.pipeline.analyze` into one
:class:`~khabar.relate.corroborate.SentencePool`; each algorithm's summary is produced by
:func:`khabar.summarize.summarize` (its ``select`` and the shared reading order), exactly
as a brief gets it.  The word budget is ``length_words`` or, by default, the mean length
of the cluster's references in words (:func:`khabar.text.ar.tokenize.words` tokens).
Every summary, and every human summary in the ``human`` row, is cut to that budget before
scoring (ROUGE-1.5.5's ``-l``), so an algorithm that overshoots gains nothing.

``single`` mode on the folders layout summarizes each article of a cluster alone against
the cluster's references (a folder holding one article is then a single-document item).

The ``human`` row scores each reference against the other references of its cluster: the
agreement between people, a ceiling for extractive systems (it is scored against one
reference fewer than the systems, so it is slightly pessimistic with ``mean``).

Command line::

    python -m khabar.evaluate.summaries DATASET [--mode single] [--easc] [--length N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from khabar.config import SUMMARY_ALGORITHMS, BriefOptions
from khabar.errors import InputError, KhabarError
from khabar.evaluate.rouge import AGGREGATES, Aggregate, RougeScores, rouge
from khabar.model import Article
from khabar.text.ar.tokenize import tokenize, words

Mode = Literal["multi", "single"]
Layout = Literal["auto", "folders", "easc"]

HUMAN = "human"
_REFERENCES_DIR = "references"


@dataclass(frozen=True)
class Cluster:
    """Articles about one event (or one article) and the human summaries of them."""

    name: str
    articles: tuple[Article, ...]
    references: tuple[str, ...]


@dataclass(frozen=True)
class ClusterResult:
    cluster: str
    algorithm: str
    scores: RougeScores
    words: int  # summary length before the cut to the budget
    budget: int
    seconds: float


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
    files, _skipped = list_inputs(cluster_dir)
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


def _mean_row(algorithm: str, results: Sequence[ClusterResult]) -> AlgorithmRow:
    def mean(get) -> float:
        return statistics.fmean(get(r) for r in results) if results else 0.0

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
    mode: str = "multi",
) -> SummaryTable:
    """Summarize every cluster with every algorithm and score the summaries."""
    from khabar.pipeline import analyze
    from khabar.relate.corroborate import SentencePool
    from khabar.summarize import summarize

    if aggregate not in AGGREGATES:
        raise KhabarError(f"unknown ROUGE aggregate {aggregate!r}; choose one of {', '.join(AGGREGATES)}")
    for name in algorithms:
        if name not in SUMMARY_ALGORITHMS:
            raise KhabarError(f"unknown summary algorithm {name!r}; choose from {', '.join(SUMMARY_ALGORITHMS)}")
    results: list[ClusterResult] = []
    for cluster in clusters:
        budget = budget_of(cluster, length_words)
        pool = SentencePool.build([analyze(a) for a in cluster.articles])
        for name in algorithms:
            options = BriefOptions(length_words=budget, algorithm=name)
            start = time.perf_counter()
            summary = summarize(pool, options=options)
            seconds = time.perf_counter() - start
            sentences = [s.text for s in summary]
            scores = score_summary(
                sentences, cluster.references, length_words=budget, stem=stem, stopwords=stopwords, aggregate=aggregate
            )
            n_words = sum(word_count(s) for s in sentences)
            results.append(ClusterResult(cluster.name, name, scores, n_words, budget, seconds))
        if humans and len(cluster.references) > 1:
            for i, ref in enumerate(cluster.references):
                others = [r for j, r in enumerate(cluster.references) if j != i]
                scores = score_summary(
                    [ref], others, length_words=budget, stem=stem, stopwords=stopwords, aggregate=aggregate
                )
                results.append(ClusterResult(cluster.name, HUMAN, scores, word_count(ref), budget, 0.0))
    names = [*algorithms, *([HUMAN] if any(r.algorithm == HUMAN for r in results) else [])]
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
    )


def _single(clusters: Sequence[Cluster]) -> list[Cluster]:
    out = []
    for c in clusters:
        for k, article in enumerate(c.articles, start=1):
            name = c.name if len(c.articles) == 1 else f"{c.name}#{k}"
            out.append(Cluster(name, (article,), c.references))
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
) -> SummaryTable:
    """Read a dataset (folders or EASC layout) and score every algorithm on it.

    ``limit`` keeps the first clusters only (EASC topics in number order)."""
    if mode not in ("multi", "single"):
        raise KhabarError(f"mode must be 'multi' or 'single', got {mode!r}")
    if layout == "easc" or (layout == "auto" and is_easc(dataset)):
        clusters = read_easc(dataset, limit=limit)
        mode = "single"  # one article per topic
    elif layout in ("auto", "folders"):
        clusters = read_clusters(dataset)[:limit]
        if mode == "single":
            clusters = _single(clusters)
    else:
        raise KhabarError(f"layout must be 'auto', 'folders' or 'easc', got {layout!r}")
    return evaluate_clusters(
        clusters,
        algorithms=algorithms,
        length_words=length_words,
        stem=stem,
        stopwords=stopwords,
        aggregate=aggregate,
        humans=humans,
        mode=mode,
    )


def format_table(table: SummaryTable) -> str:
    """A Markdown table: mean F and recall (×100) per algorithm, words and seconds."""
    lines = [
        f"{table.clusters} clusters, {table.articles} articles, mode {table.mode}; "
        f"ROUGE on {'light stems' if table.stem else 'normalized words'}"
        f"{', stop words removed' if table.stopwords else ''}, {table.aggregate} over references; "
        f"budget {table.length_words or 'mean reference length'} words",
        "",
        "| algorithm | R1 F | R1 R | R2 F | R2 R | RL F | RL R | words | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in table.rows:
        lines.append(
            f"| {r.algorithm} | {100 * r.rouge1_f:.1f} | {100 * r.rouge1_r:.1f} | {100 * r.rouge2_f:.1f} | "
            f"{100 * r.rouge2_r:.1f} | {100 * r.rougeL_f:.1f} | {100 * r.rougeL_r:.1f} | {r.words:.0f} | "
            f"{r.seconds:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m khabar.evaluate.summaries", description="ROUGE of khabar's summaries against human ones."
    )
    parser.add_argument("dataset", type=Path, help="folder of cluster folders, or the EASC folder")
    parser.add_argument("--mode", choices=("multi", "single"), default="multi")
    parser.add_argument("--easc", action="store_true", help="read the EASC layout (detected when not given)")
    parser.add_argument("--algorithms", default=",".join(SUMMARY_ALGORITHMS), help="comma-separated")
    parser.add_argument("--length", type=int, default=None, help="word budget (default: mean reference length)")
    parser.add_argument("--no-stem", action="store_true", help="score normalized words, not light stems")
    parser.add_argument("--stopwords", action="store_true", help="drop stop words before scoring")
    parser.add_argument("--aggregate", choices=AGGREGATES, default="mean", help="how references are combined")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only")
    args = parser.parse_args(argv)
    try:
        table = evaluate_summaries(
            args.dataset,
            algorithms=[a.strip() for a in args.algorithms.split(",") if a.strip()],
            length_words=args.length,
            stem=not args.no_stem,
            mode=args.mode,
            layout="easc" if args.easc else "auto",
            stopwords=args.stopwords,
            aggregate=args.aggregate,
            limit=args.limit,
        )
    except KhabarError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(format_table(table))
    return 0


if __name__ == "__main__":
    sys.exit(main())
