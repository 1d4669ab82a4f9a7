"""``khabar eval``: every quality figure of the docs has a command here.  Options are
declared here (``khabar eval X --help`` lists them all); the measuring is
:mod:`khabar.evaluate`'s, the tables :mod:`khabar.present.evaluation`'s."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from khabar.cli.common import app, check_choice, choices, fail, require_extra, say
from khabar.config import SUMMARY_ALGORITHMS
from khabar.errors import KhabarError, OptionsError

eval_app = typer.Typer(help="Measure khabar on real data: every quality figure has a command.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(eval_app, name="eval")

LimitOption = Annotated[Optional[int], typer.Option(min=1, help="Only the first N items (see each command).")]


@eval_app.command("segment")
def eval_segment(
    conllu: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A CoNLL-U treebank, e.g. ud_arabic_pud.")],
    doc_size: Annotated[int, typer.Option(min=1, help="Sentences joined into one test document.")] = 10,
) -> None:
    """Sentence-boundary precision / recall / F1 against a treebank's sentences (khabar and sentencex)."""
    from khabar.evaluate.segmentation import compare_segmenters
    from khabar.present.evaluation import segmentation_table

    try:
        typer.echo(segmentation_table(compare_segmenters(conllu, doc_size=doc_size)))
    except KhabarError as e:
        fail(str(e), 2)


@eval_app.command("extract")
def eval_extract(
    gold: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="Gold annotations: tests/gold/extract.json, speakers.json or frames.json.")
    ],
    root: Annotated[
        Optional[Path], typer.Option(help="Checkout the gold paths are relative to (default: the one holding GOLD).")
    ] = None,
    shared: Annotated[Optional[Path], typer.Option(help="The shared data folder with seeds/ (default: ROOT/../shared).")] = None,
    split: Annotated[
        Optional[str], typer.Option(help="Score one split of the gold file: dev or test (default: all).", show_default=False)
    ] = None,
    errors: Annotated[bool, typer.Option("--errors", help="frames.json: list every miss and mismatch after the tables.")] = False,
) -> None:
    """Precision / recall / F1 of quotes, speakers, claims, entities and dates against a gold
    file, and how many of the quotes found have their content as said; for frames.json,
    figures, attribution, per-field frame accuracy and conflict pairs."""
    from khabar.evaluate.extraction import evaluate_extraction
    from khabar.evaluate.frames import evaluate_frames, is_frames_gold
    from khabar.present.evaluation import extraction_table, frames_table

    if split is not None:
        check_choice(split, ("dev", "test"), "--split")
    # The gold file lives in tests/gold/ of the checkout; ../shared sits beside the checkout.
    root = root or gold.resolve().parent.parent.parent
    shared = shared or root.resolve().parent / "shared"
    try:
        if is_frames_gold(gold):
            typer.echo(frames_table(evaluate_frames(gold, root=root, shared=shared, split=split), errors=errors))
        else:
            typer.echo(extraction_table(evaluate_extraction(gold, root=root, shared=shared, split=split)))
    except KhabarError as e:
        fail(str(e))


@eval_app.command("ner")
def eval_ner(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="BIO file (token TAG per line), e.g. ANERcorp.")],
    window: Annotated[int, typer.Option(min=1, help="Sentences tagged together.")] = 10,
    limit: LimitOption = None,
    tagger: Annotated[
        str, typer.Option(help="model: the shipped statistical tagger; rules: the word-list recognizer alone.")
    ] = "model",
    folds: Annotated[
        Optional[int],
        typer.Option(min=2, help="Cross-validate the statistical tagger on PATH with N folds by article (needs the train extra).", show_default=False),
    ] = None,
) -> None:
    """Entity-level precision / recall / F1 per type (PERS, LOC, ORG), as conlleval counts them."""
    from khabar.evaluate.ner import cross_validate, evaluate_ner, model_tagger, read_bio
    from khabar.present.evaluation import cross_validation_table, ner_table

    check_choice(tagger, ("rules", "model"), "--tagger")
    try:
        if folds:
            require_extra("train", "cross-validating the name tagger")
            from khabar.extract.tagger.train import cv_trainer

            sentences = read_bio(path)[:limit]
            typer.echo(cross_validation_table(cross_validate(sentences, train=cv_trainer(), folds=folds, progress=say)))
            return
        if tagger == "model":
            from khabar.extract.tagger.crf import training_note

            note = training_note(path)
            if note:
                say(note)
        chosen = model_tagger() if tagger == "model" else None
        typer.echo(ner_table(evaluate_ner(path, tagger=chosen, window=window, limit=limit)))
    except (KhabarError, ValueError) as e:
        fail(str(e), 2)


@eval_app.command("summarize")
def eval_summarize(
    dataset: Annotated[Path, typer.Argument(exists=True, help="Cluster folders, the EASC folder, or an events JSON.")],
    mode: Annotated[str, typer.Option(help="multi: a summary per cluster; single: per article.")] = "multi",
    easc: Annotated[bool, typer.Option("--easc", help="Read the EASC layout (detected when not given).")] = False,
    algorithms: Annotated[
        str, typer.Option(help=f"Comma-separated, among {choices(SUMMARY_ALGORITHMS)}.")
    ] = ",".join(SUMMARY_ALGORITHMS),
    length: Annotated[
        Optional[int], typer.Option(min=1, help="Word budget (default: the mean reference length).", show_default=False)
    ] = None,
    no_stem: Annotated[bool, typer.Option("--no-stem", help="Score normalized words, not light stems.")] = False,
    stopwords: Annotated[bool, typer.Option("--stopwords", help="Drop stop words before scoring.")] = False,
    aggregate: Annotated[str, typer.Option(help="How references are combined: mean, max or jackknife.")] = "mean",
    limit: LimitOption = None,
    split: Annotated[
        Optional[str], typer.Option(help="One split of an events JSON: dev or test (default: both).", show_default=False)
    ] = None,
) -> None:
    """ROUGE-1/2/L (and must-contain coverage, for an events JSON) of every summary algorithm
    and baseline in one run (a Markdown table)."""
    from khabar.evaluate.rouge import AGGREGATES
    from khabar.evaluate.summaries import SPLITS, evaluate_summaries
    from khabar.present.evaluation import summaries_table

    check_choice(mode, ("multi", "single"), "--mode")
    check_choice(aggregate, AGGREGATES, "--aggregate")
    if split is not None:
        check_choice(split, SPLITS, "--split")
    try:
        table = evaluate_summaries(
            dataset,
            algorithms=[a.strip() for a in algorithms.split(",") if a.strip()],
            length_words=length,
            stem=not no_stem,
            mode=mode,  # type: ignore[arg-type]
            layout="easc" if easc else "auto",
            stopwords=stopwords,
            aggregate=aggregate,  # type: ignore[arg-type]
            limit=limit,
            split=split,
        )
    except KhabarError as e:
        fail(str(e), 2)
    typer.echo(summaries_table(table))


@eval_app.command("stance")
def eval_stance(
    data: Annotated[
        Optional[Path], typer.Argument(exists=True, help="Cross-validate by claim on these pairs (JSON Lines, baly2018 or ANS folder).")
    ] = None,
    train: Annotated[Optional[Path], typer.Option(exists=True, help="Train the lexical and meaning models on these pairs.")] = None,
    test: Annotated[Optional[Path], typer.Option(exists=True, help="Score every model on these pairs (kept apart from --train).")] = None,
    model: Annotated[Optional[Path], typer.Option(exists=True, help="Also score this saved stance model (.npz or .json).")] = None,
    test_folds: Annotated[str, typer.Option(help="baly2018 folds to test on, e.g. 5 or 4,5 (default with the same folder as --train: its last fold).")] = "",
    k: Annotated[int, typer.Option("--k", min=2, help="Folds by claim when the data has none.")] = 5,
    limit: LimitOption = None,
    l2: Annotated[float, typer.Option(min=0.0, help="L2 penalty of the lexical model.")] = 1.0,
    no_meaning: Annotated[bool, typer.Option("--no-meaning", help="Skip the meaning models (no sentence encoder).")] = False,
) -> None:
    """Stance scores: cross-validated by claim on DATA, or on --test (with --train and/or --model).

    Per model: accuracy, macro-F1, precision / recall / F1 per label, the confusion matrix, and
    evidence recall over the pairs the model calls agree or disagree.
    """
    from khabar.evaluate.stance import evaluate
    from khabar.present.evaluation import stance_table

    try:
        report = evaluate(
            data=data, train=train, test=test, model=model,
            test_folds=[f for f in test_folds.split(",") if f.strip()], k=k, limit=limit, l2=l2, meaning=not no_meaning,
        )
        typer.echo(stance_table(report))
    except KhabarError as e:
        fail(str(e), 2)


@eval_app.command("stories")
def eval_stories(
    data: Annotated[
        Optional[list[Path]], typer.Argument(exists=True, help="JSON Lines articles with a gold 'event' field.")
    ] = None,
    event_dir: Annotated[
        list[Path], typer.Option(exists=True, file_okay=False, help="A folder holding one event's articles; repeatable.")
    ] = [],  # noqa: B006 - typer needs a literal default
    threshold: Annotated[Optional[float], typer.Option(help="MinHash similarity to join a story.", show_default=False)] = None,
    window_days: Annotated[Optional[int], typer.Option(help="Days a story stays open.", show_default=False)] = None,
    body_terms: Annotated[Optional[int], typer.Option(help="Body terms in a signature.", show_default=False)] = None,
    cosine_threshold: Annotated[
        Optional[float],
        typer.Option(help="Second stage (TF-IDF cosine to the story centroid); 0 turns it off.", show_default=False),
    ] = None,
    cosine_days: Annotated[Optional[int], typer.Option(help="Days of the second stage.", show_default=False)] = None,
    gold: Annotated[
        Optional[Path],
        typer.Option(
            exists=True, file_okay=False,
            help="An event gold folder (pairs.jsonl, events.jsonl; tests/gold/events): pairwise P/R/F1 at event "
            "and storyline level and B-cubed.",
            show_default=False,
        ),
    ] = None,
    corpus: Annotated[
        Path, typer.Option(help="The folder the gold's article paths are relative to.")
    ] = Path("../shared/corpora/ant"),
    split: Annotated[Optional[str], typer.Option(help="Only this split of the gold (dev or test); both when unset.", show_default=False)] = None,
    event_threshold: Annotated[Optional[float], typer.Option(help="Event score to join an event.", show_default=False)] = None,
    storyline_threshold: Annotated[
        Optional[float], typer.Option(help="Storyline score to join a storyline.", show_default=False)
    ] = None,
    lexical: Annotated[bool, typer.Option("--lexical", help="Group by words alone (no meaning vectors).")] = False,
    meaning_encoder: Annotated[
        Optional[str], typer.Option(help="What encodes the meaning: use or static.", show_default=False)
    ] = None,
) -> None:
    """Adjusted Rand index, B-cubed precision / recall / F1 and purity of story grouping;
    with --gold, pairwise precision / recall / F1 of events and storylines on real news.

    Unset options take the defaults of khabar stories (printed on the first line).
    """
    import dataclasses

    from khabar.config import StoryOptions, build_options
    from khabar.evaluate.stories import evaluate_event_gold, evaluate_storysets
    from khabar.present.evaluation import event_gold_table, stories_table, story_options_line

    given = {
        "threshold": threshold,
        "window_days": window_days,
        "body_terms": body_terms,
        "cosine_days": cosine_days,
        "event_threshold": event_threshold,
        "storyline_threshold": storyline_threshold,
        "semantic": False if lexical else None,
        "meaning_encoder": meaning_encoder,
    }
    given["cosine_threshold"] = cosine_threshold or None  # 0: the second stage off (below)
    try:
        options = build_options(StoryOptions, **given)
        if cosine_threshold == 0:  # None in build_options means "not given"
            options = dataclasses.replace(options, cosine_threshold=None)
        if split is not None and split not in ("dev", "test"):
            raise OptionsError(f"--split must be dev or test, got {split!r}")
        scores = evaluate_event_gold(gold, corpus, options=options, split=split) if gold is not None else None
        rows = evaluate_storysets(data or [], event_dir, options=options) if data or event_dir or gold is None else []
    except KhabarError as e:
        fail(str(e), 2)
    typer.echo(story_options_line(options))
    if scores is not None:
        typer.echo(event_gold_table(scores))
    if rows:
        typer.echo(stories_table(rows))
