"""Check a claim against the corpus: which articles agree, disagree, discuss or are unrelated,
with the evidence sentences, who they attribute it to, and a verdict over independent sources.

    from khabar.check import check_claim
    result = check_claim("حوصر 100 ألف مدني في وادي النهر", articles)   # or a Store
    print(result.verdict.summary)
    for a in result.articles:
        print(a.outlet, a.stance, [e.text for e in a.evidence])

Steps: :mod:`~khabar.check.retrieve` (candidate articles, within a scope when one is given),
:mod:`~khabar.check.features` (lexical ranking of sentences, figures, cues),
:mod:`~khabar.check.meaning` and :mod:`~khabar.check.meaning_model` (the default judge: the
claim read against each article's best sentences with the sentence encoder, who-did-what,
negation, modality and figures), or :mod:`~khabar.check.stance` (the rules, or the older
lexical model), :mod:`~khabar.check.verdict` (independent sources, summary).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from khabar.check.event import within_event
from khabar.check.features import (
    Analysis,
    ClaimView,
    analyse,
    claim_view,
    estimates_one_count,
    match_figures,
    sentence_figures,
)
from khabar.check.meaning_model import (
    Judgement,
    MeaningModel,
    PairReading,
    bundled_model,
    is_meaning_model,
    load_meaning_model,
    read_claim_batch,
)
from khabar.check.model_io import load_model as load_lexical_model
from khabar.check.model_io import save_model
from khabar.check.pairs import Pair, by_claim, read_pairs
from khabar.check.retrieve import Doc, Scope, doc_from_article, from_articles, from_store
from khabar.check.stance import LABELS, RuleModel, StanceModel, fit_logistic
from khabar.check.verdict import (
    ArticleStance,
    CheckResult,
    Evidence,
    EvidenceFigure,
    Verdict,
    build_verdict,
    primary_source_key,
    source_groups,
)
from khabar.config import CheckOptions
from khabar.errors import OptionsError
from khabar.extract.attribution import find_source
from khabar.model import Article

if TYPE_CHECKING:  # the encoders are imported where a check encodes
    from khabar.relate.embeddings import StoredVectors

__all__ = [
    "LABELS",
    "ArticleStance",
    "MeaningModel",
    "Scope",
    "CheckOptions",
    "CheckResult",
    "Evidence",
    "EvidenceFigure",
    "RuleModel",
    "StanceModel",
    "Verdict",
    "check_claim",
    "check_docs",
    "claim_event",
    "default_model",
    "encoder_available",
    "judge",
    "load_model",
    "pair_features",
    "predict_pairs",
    "read_pairs",
    "result_to_dict",
    "save_model",
    "train_stance",
]

Model = RuleModel | StanceModel | MeaningModel


def load_model(path: str | Path) -> StanceModel | MeaningModel:
    """A saved stance model: the meaning model (``.npz``) or the lexical one (``.json``)."""
    return load_meaning_model(path) if is_meaning_model(path) else load_lexical_model(path)


def encoder_available(name: str = "use") -> bool:
    from khabar.relate.embeddings import available_encoders, get_encoder

    encoder = get_encoder(name)
    return encoder is not None and encoder.name in available_encoders()


def default_model() -> Model:
    """The meaning model that ships with khabar when its sentence encoder is installed;
    otherwise the rules (the result says which judged, in :attr:`CheckResult.model`)."""
    model = bundled_model()
    if model is not None and encoder_available(model.encoder):
        return model
    return RuleModel()


def _model(model: Model | str | Path | None) -> Model:
    if model is None:
        return default_model()
    if isinstance(model, (RuleModel, StanceModel, MeaningModel)):
        return model
    if isinstance(model, str) and model in ("rules", "meaning"):
        return RuleModel() if model == "rules" else _require_bundled()
    return load_model(model)


def _require_bundled() -> MeaningModel:
    model = bundled_model()
    if model is None:
        raise OptionsError("this installation of khabar has no meaning model (check/data/stance-model.npz)")
    return model


def model_name(model: Model) -> str:
    if isinstance(model, MeaningModel):
        return "meaning"
    return "rules" if isinstance(model, RuleModel) else "lexical"


def check_claim(
    claim: str,
    articles_or_store: Iterable[Article] | object,
    *,
    model: Model | str | Path | None = None,
    options: CheckOptions | None = None,
    scope: Scope | str | None = None,
) -> CheckResult:
    """Check ``claim`` against a list of articles or a :class:`khabar.store.Store`.

    ``model`` is ``None`` for the default (:func:`default_model`), ``"rules"``,
    ``"meaning"``, a model object, or the path of a saved one.  ``scope`` is the set of
    article ids evidence may come from (an event's or a storyline's articles), or
    ``"event"`` for the storyline of the stored event that speaks to the claim most closely
    (:func:`claim_event`; a store whose stories were grouped); ``None`` searches
    everything.  The result lists candidate articles, best evidence first.
    """
    if not isinstance(claim, str) or not claim.strip():
        raise OptionsError("the claim to check is empty")
    options = options or CheckOptions()
    if isinstance(scope, str):
        if scope != "event":
            raise OptionsError(f'scope must be a set of article ids or "event", got {scope!r}')
        return _check_in_event(claim, articles_or_store, model=model, options=options)
    kept: Mapping[str, bytes] = {}
    stored = None
    if hasattr(articles_or_store, "search"):
        candidates = from_store(articles_or_store, claim, options=options, scope=scope)
        kept = _kept_analyses(articles_or_store, candidates)
        # the sentence vectors kept at ingest (khabar ingest --encode): the same vectors,
        # read instead of made (the encoder was 0.16-0.23 s of a fresh 10k check's ~0.45 s)
        stored = getattr(articles_or_store, "load_sentence_vectors", None)
    else:
        candidates = from_articles(articles_or_store, claim, options=options, scope=scope)  # type: ignore[arg-type]
    return check_docs(
        claim, [doc_from_article(a) for a in candidates], model=model, options=options, kept=kept, stored=stored
    )


def _kept_analyses(store: object, articles: Sequence[Article]) -> Mapping[str, bytes]:
    """The store's kept analyses of ``articles`` made by this code (``khabar ingest
    --analyze``, or a brief that analysed them), by article id: the check takes a page's
    figures from its analysis instead of reading the page (~3.3 ms a page saved)."""
    if not articles or not hasattr(store, "load_analyses"):
        return {}
    from khabar.pipeline import analysis_version

    return store.load_analyses([a.id for a in articles], version=analysis_version())  # type: ignore[attr-defined]


def claim_event(result: CheckResult, store: object) -> str | None:
    """The event (story) a checked claim is about: the story whose articles speak to it
    most (an article that takes a side counts twice one that discusses, each weighted by
    its best evidence's closeness to the claim); None when no article speaks to it or the
    store's articles were never grouped into stories."""
    weight: dict[str, float] = {}
    for a in result.articles:
        if a.stance == "unrelated" or not a.evidence:
            continue
        story = store.story_of(a.article_id)  # type: ignore[attr-defined]
        if story is not None:
            side = 2.0 if a.stance in ("agree", "disagree") else 1.0
            weight[story] = weight.get(story, 0.0) + side * max(a.evidence[0].similarity, 0.0)
    return max(weight, key=lambda k: weight[k]) if weight else None


def _check_in_event(claim: str, store: object, *, model: Model | str | Path | None, options: CheckOptions) -> CheckResult:
    """The check kept to the storyline of the claim's event (its event's articles when the
    store keeps no storylines): one event of a fast story is often a single report, and the
    reports of the days around it speak to the same claim."""
    if not hasattr(store, "story_of"):
        raise OptionsError('scope="event" needs a store whose articles were grouped into stories')
    chosen = _model(model)
    first = check_claim(claim, store, model=chosen, options=options)
    event = claim_event(first, store)
    if event is None:
        return first
    line = store.storyline_of(event) if hasattr(store, "storyline_of") else None  # type: ignore[attr-defined]
    articles = store.storyline_articles(line) if line else store.story_articles(event)  # type: ignore[attr-defined]
    scoped = check_claim(claim, store, model=chosen, options=options, scope=[a.id for a in articles])
    return dataclasses.replace(scoped, event=event, storyline=line)


def check_docs(
    claim: str, docs: Sequence[Doc], *, model: Model | str | Path | None = None, options: CheckOptions | None = None,
    kept: Mapping[str, bytes] | None = None, stored: StoredVectors | None = None,
) -> CheckResult:
    """Check ``claim`` against these articles as they are (no retrieval); ``kept``: kept
    analyses of some of them, by article id (:func:`khabar.pipeline.document_bytes`);
    ``stored``: where kept sentence vectors are found (as :func:`judge`)."""
    options = options or CheckOptions()
    chosen = _model(model)
    analyses = analyse(claim, docs, evidence_per_article=options.evidence_per_article)
    judged = judge(claim, analyses, chosen, kept=kept, stored=stored)
    judgements = [within_event_judgement(claim, an, j) for an, j in zip(analyses, judged)]
    k = options.evidence_per_article
    view = claim_view(claim)
    stances = [_article_stance(view, an, j, k) for an, j in zip(analyses, judgements)]
    groups, copies = source_groups(stances, [d.article.text for d in docs])
    stances = [dataclasses.replace(s, source_group=g) for s, g in zip(stances, groups)]
    strength = [max((e.similarity for e in s.evidence), default=an.features.max_sim) for s, an in zip(stances, analyses)]
    order = sorted(range(len(stances)), key=lambda i: (stances[i].stance == "unrelated", -strength[i]))
    ordered = tuple(stances[i] for i in order)
    return CheckResult(claim, ordered, build_verdict(ordered, [copies[i] for i in order]), model_name(chosen))


def within_event_judgement(claim: str, an: Analysis, judgement: Judgement) -> Judgement:
    """The judgement, unrelated when the article reports another event (:mod:`~khabar.check.event`);
    a one-sentence article (a headline) is never read so."""
    if len(an.doc.sentences) <= 1:
        return judgement
    best = judgement.similarity[0] if judgement.similarity else an.features.max_sim
    label = within_event(claim, an.doc.article, judgement.label, best)
    return judgement if label == judgement.label else dataclasses.replace(judgement, label=label)


def judge(
    claim: str, analyses: Sequence[Analysis], model: Model, *, kept: Mapping[str, bytes] | None = None,
    stored: StoredVectors | None = None,
) -> list[Judgement]:
    """Each analysed article's stance, confidence and evidence (best first) under ``model``:
    the meaning model encodes the claim and the articles' candidate sentences (one batch);
    the lexical models read the analyses' features and keep their lexical evidence.
    ``kept``: as :func:`check_docs`; ``stored``: kept sentence vectors by digest (a store's
    ``load_sentence_vectors``), asked before the encoder."""
    if isinstance(model, MeaningModel):
        if not analyses:
            return []
        from khabar.relate.embeddings import get_encoder

        encoder = get_encoder(model.encoder)
        if encoder is None:
            raise OptionsError(f"the meaning model needs the {model.encoder!r} sentence encoder")
        encode = encoder.encode if stored is None else partial(encoder.encode, stored=stored)
        reading, candidates = read_claim_batch(claim, analyses, encode)
        return model.judge_many([PairReading(reading, an, c) for an, c in zip(analyses, candidates)], kept)
    predictions = model.predict([a.features for a in analyses])
    return [Judgement(label, score, an.evidence) for an, (label, score) in zip(analyses, predictions)]


def _article_stance(view: ClaimView, an: Analysis, judgement: Judgement, k: int) -> ArticleStance:
    article = an.doc.article
    label, score = judgement.label, judgement.score
    evidence = []
    similarity = dict(zip(judgement.evidence, judgement.similarity)) if judgement.similarity else an.similarity
    if label != "unrelated":
        for i in judgement.evidence[:k]:
            s = an.doc.sentences[i]
            matches = an.figures.get(i)
            if matches is None:
                matches = tuple(match_figures(view.figures, sentence_figures(s.text))) if view.figures else ()
            # the figures shown: a figure too far from the claim's to estimate its count is
            # not set against it (the judgement has read every match already)
            matches = tuple(m for m in matches if estimates_one_count(m))
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
                for m in matches
            )
            src = None
            try:
                if figures:
                    f = figures[0]
                    src = find_source(s.text, start=f.start - s.start, end=f.end - s.start)
                else:
                    src = find_source(s.text)
            except ValueError:
                src = None
            source = src.text if src else None
            evidence.append(
                Evidence(i, s.text, s.start, s.end, round(similarity.get(i, 0.0), 4), source, figures,
                         primary_source_key(src))
            )
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
