"""Check a claim against the corpus: which articles agree, disagree, discuss or are unrelated,
with the evidence sentences, who they attribute it to, and a verdict over independent sources.

    from khabar.check import check_claim
    result = check_claim("حوصر 100 ألف مدني في وادي النهر", articles)   # or a Store
    print(result.verdict.summary)
    for a in result.articles:
        print(a.outlet, a.stance, [e.text for e in a.evidence])

Steps: :mod:`~khabar.check.retrieve` (candidate articles), :mod:`~khabar.check.features`
(evidence sentences, figures, cues), :mod:`~khabar.check.stance` (rules by default, or a
trained model), :mod:`~khabar.check.verdict` (independent sources, summary).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from khabar.check.features import Analysis, analyse
from khabar.check.model_io import load_model, save_model
from khabar.check.pairs import Pair, by_claim, read_pairs
from khabar.check.retrieve import Doc, doc_from_article, from_articles, from_store
from khabar.check.stance import LABELS, RuleModel, StanceModel, fit_logistic
from khabar.check.verdict import (
    ArticleStance,
    CheckResult,
    Evidence,
    EvidenceFigure,
    Verdict,
    build_verdict,
    source_groups,
)
from khabar.config import CheckOptions
from khabar.errors import OptionsError
from khabar.extract.attribution import find_source
from khabar.model import Article

__all__ = [
    "LABELS",
    "ArticleStance",
    "CheckOptions",
    "CheckResult",
    "Evidence",
    "EvidenceFigure",
    "RuleModel",
    "StanceModel",
    "Verdict",
    "check_claim",
    "check_docs",
    "load_model",
    "pair_features",
    "predict_pairs",
    "read_pairs",
    "result_to_dict",
    "save_model",
    "train_stance",
]

Model = RuleModel | StanceModel


def _model(model: Model | str | Path | None) -> Model:
    if model is None:
        return RuleModel()
    if isinstance(model, (RuleModel, StanceModel)):
        return model
    return load_model(model)


def check_claim(
    claim: str,
    articles_or_store: Iterable[Article] | object,
    *,
    model: Model | str | Path | None = None,
    options: CheckOptions | None = None,
) -> CheckResult:
    """Check ``claim`` against a list of articles or a :class:`khabar.store.Store`.

    ``model`` is a trained :class:`StanceModel`, the path of one saved as JSON, or ``None``
    for the rules.  The result lists candidate articles, best evidence first.
    """
    if not isinstance(claim, str) or not claim.strip():
        raise OptionsError("the claim to check is empty")
    options = options or CheckOptions()
    if hasattr(articles_or_store, "search"):
        candidates = from_store(articles_or_store, claim, options=options)
    else:
        candidates = from_articles(articles_or_store, claim, options=options)  # type: ignore[arg-type]
    return check_docs(claim, [doc_from_article(a) for a in candidates], model=model, options=options)


def check_docs(
    claim: str, docs: Sequence[Doc], *, model: Model | str | Path | None = None, options: CheckOptions | None = None
) -> CheckResult:
    """Check ``claim`` against these articles as they are (no retrieval)."""
    options = options or CheckOptions()
    judge = _model(model)
    analyses = analyse(claim, docs, evidence_per_article=options.evidence_per_article)
    predictions = judge.predict([a.features for a in analyses])
    stances = [_article_stance(an, label, score) for an, (label, score) in zip(analyses, predictions)]
    groups, copies = source_groups(stances, [d.article.text for d in docs])
    stances = [dataclasses.replace(s, source_group=g) for s, g in zip(stances, groups)]
    order = sorted(range(len(stances)), key=lambda i: (stances[i].stance == "unrelated", -analyses[i].features.max_sim))
    ordered = tuple(stances[i] for i in order)
    return CheckResult(claim, ordered, build_verdict(ordered, [copies[i] for i in order]))


def _article_stance(an: Analysis, label: str, score: float) -> ArticleStance:
    article = an.doc.article
    evidence = []
    if label != "unrelated":
        for i in an.evidence:
            s = an.doc.sentences[i]
            figures = tuple(
                EvidenceFigure(
                    m.figure.text,
                    s.start + m.figure.start,
                    s.start + m.figure.end,
                    m.figure.value,
                    m.category,
                    m.agrees,
                    m.claim_figure.text,
                )
                for m in an.figures.get(i, ())
            )
            source = None
            try:
                if figures:
                    f = figures[0]
                    src = find_source(s.text, start=f.start - s.start, end=f.end - s.start)
                else:
                    src = find_source(s.text)
                source = src.text if src else None
            except ValueError:
                source = None
            evidence.append(Evidence(i, s.text, s.start, s.end, round(an.similarity.get(i, 0.0), 4), source, figures))
    return ArticleStance(
        article_id=article.id,
        outlet=article.outlet,
        published=article.published,
        stance=label,
        score=round(score, 4),
        evidence=tuple(evidence),
        title=article.title,
        url=article.url,
    )


# --- training -------------------------------------------------------------------------------


def pair_features(pairs: Sequence[Pair], *, evidence_per_article: int = 3) -> list[Analysis]:
    """One :class:`Analysis` per pair, computed claim by claim (one vocabulary per claim)."""
    out: list[Analysis | None] = [None] * len(pairs)
    for claim, idx in by_claim(pairs):
        for i, an in zip(idx, analyse(claim, [pairs[i].doc for i in idx], evidence_per_article=evidence_per_article)):
            out[i] = an
    return out  # type: ignore[return-value]


def train_stance(
    pairs: Sequence[Pair] | Sequence[Analysis], *, labels: Sequence[str] | None = None, l2: float = 1.0, **kw: Any
) -> StanceModel:
    """Fit the logistic-regression stance model on labelled pairs.

    ``pairs`` may also be precomputed analyses (then ``labels`` gives their stances).
    """
    if pairs and isinstance(pairs[0], Pair):
        analyses = pair_features(pairs)  # type: ignore[arg-type]
        y = [p.stance for p in pairs]  # type: ignore[union-attr]
    else:
        if labels is None or len(labels) != len(pairs):
            raise OptionsError("training on analyses needs one label per analysis")
        analyses, y = list(pairs), list(labels)  # type: ignore[assignment]
    if not analyses:
        raise OptionsError("no labelled pairs to train on")
    x = np.vstack([a.features.vector() for a in analyses])
    return fit_logistic(x, y, l2=l2, **kw)


def predict_pairs(analyses: Sequence[Analysis], model: Model | str | Path | None = None) -> list[str]:
    return [label for label, _ in _model(model).predict([a.features for a in analyses])]


# --- output ----------------------------------------------------------------------------------


def result_to_dict(result: CheckResult) -> dict[str, Any]:
    """JSON-ready form of a result (dates as ISO strings)."""

    def conv(x: Any) -> Any:
        if dataclasses.is_dataclass(x):
            return {f.name: conv(getattr(x, f.name)) for f in dataclasses.fields(x)}
        if isinstance(x, (list, tuple)):
            return [conv(v) for v in x]
        if hasattr(x, "isoformat"):
            return x.isoformat()
        return x

    return conv(result)
