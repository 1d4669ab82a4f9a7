"""``khabar eval``: every quality figure of the docs has a command here.  Options are
declared here (``khabar eval X --help`` lists them all); the measuring is
:mod:`khabar.evaluate`'s, the tables :mod:`khabar.present.evaluation`'s."""

from __future__ import annotations

from pathlib import Path
import click

from khabar.cli.common import CONTEXT, check_choice, usage_error, choices, echo, fail, require_extra, say
from khabar.config import SUMMARY_ALGORITHMS
from khabar.errors import KhabarError, OptionsError

from khabar.evaluate.splits import SPLITS as GOLD_SPLITS, SPLITS_HELP, parse_splits  # (light: names only)


@click.group("eval", context_settings=CONTEXT)
def evaluate() -> None:
    """Measure khabar on real data: every quality figure has a command."""


limit_option = click.option("--limit", type=click.IntRange(min=1), help="Only the first N items (see each command).")


def existing(**kwargs) -> click.Path:
    """A path that must exist (``file_okay``/``dir_okay`` as click's)."""
    return click.Path(exists=True, path_type=Path, **kwargs)


@evaluate.command("segment")
@click.argument("conllu", type=existing(dir_okay=False), help="A CoNLL-U treebank, e.g. ud_arabic_pud.")
@click.option("--doc-size", type=click.IntRange(min=1), default=10, help="Sentences joined into one test document.")
def eval_segment(conllu: Path, doc_size: int) -> None:
    """Sentence-boundary precision / recall / F1 against a treebank's sentences (khabar and sentencex)."""
    from khabar.evaluate.segmentation import compare_segmenters
    from khabar.present.evaluation import segmentation_table

    try:
        echo(segmentation_table(compare_segmenters(conllu, doc_size=doc_size)))
    except KhabarError as e:
        fail(str(e), 2)


@evaluate.command("extract")
@click.argument(
    "gold", type=existing(dir_okay=False),
    help="Gold annotations: tests/gold/extract.json, speakers.json or frames.json.",
)
@click.option("--root", type=click.Path(path_type=Path), help="Checkout the gold paths are relative to (default: the one holding GOLD).")
@click.option("--shared", type=click.Path(path_type=Path), help="The shared data folder with seeds/ (default: ROOT/../shared).")
@click.option("--split", show_default=False, help=f"Score one split of the gold file ({SPLITS_HELP}; a freshN split was annotated before tuning; default: all), or a pool: several, comma-separated (fresh12,fresh13), scored as one set.")
@click.option("--errors", is_flag=True, help="frames.json: list every miss and mismatch after the tables.")
def eval_extract(gold: Path, root: Path | None, shared: Path | None, split: str | None, errors: bool) -> None:
    """Precision / recall / F1 of quotes, speakers, claims, entities and dates against a gold
    file, and how many of the quotes found have their content as said; for frames.json,
    figures, attribution, per-field frame accuracy and conflict pairs."""
    from khabar.evaluate.extraction import evaluate_extraction
    from khabar.evaluate.frames import evaluate_frames, is_frames_gold
    from khabar.present.evaluation import extraction_table, frames_table

    if split is not None:
        try:
            parse_splits(split)
        except ValueError as e:
            raise usage_error(str(e), "--split") from e
    # The gold file lives in tests/gold/ of the checkout; ../shared sits beside the checkout.
    root = root or gold.resolve().parent.parent.parent
    shared = shared or root.resolve().parent / "shared"
    try:
        if is_frames_gold(gold):
            echo(frames_table(evaluate_frames(gold, root=root, shared=shared, split=split), errors=errors))
        else:
            echo(extraction_table(evaluate_extraction(gold, root=root, shared=shared, split=split)))
    except KhabarError as e:
        fail(str(e))


@evaluate.command("ner")
@click.argument("path", type=existing(dir_okay=False), help="BIO file (token TAG per line), e.g. ANERcorp.")
@click.option("--window", type=click.IntRange(min=1), default=10, help="Sentences tagged together.")
@limit_option
@click.option("--tagger", default="model", help="model: the shipped statistical tagger; rules: the word-list recognizer alone.")
@click.option(
    "--folds", type=click.IntRange(min=2), show_default=False,
    help="Cross-validate the statistical tagger on PATH with N folds by article (needs the train extra).",
)
@click.option("--jobs", type=click.IntRange(min=1), default=1, help="With --folds: folds trained at once, one process each.")
@click.option(
    "--ant", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="With --folds: the ANT corpus, for each fold's own tag rates (without it the folds' models have none).",
)
def eval_ner(path: Path, window: int, limit: int | None, tagger: str, folds: int | None, jobs: int, ant: Path | None) -> None:
    """Entity-level precision / recall / F1 per type (PERS, LOC, ORG), as conlleval counts them."""
    from khabar.evaluate.ner import cross_validate, evaluate_ner, model_tagger, read_bio
    from khabar.present.evaluation import cross_validation_table, ner_table

    check_choice(tagger, ("rules", "model"), "--tagger")
    try:
        if folds:
            require_extra("train", "cross-validating the name tagger")
            from khabar.extract.tagger.train import cv_trainer

            sentences = read_bio(path)[:limit]
            echo(cross_validation_table(cross_validate(sentences, train=cv_trainer(ant=ant), folds=folds, progress=say, jobs=jobs)))
            return
        if tagger == "model":
            from khabar.extract.tagger.crf import training_note

            note = training_note(path)
            if note:
                say(note)
        chosen = model_tagger() if tagger == "model" else None
        echo(ner_table(evaluate_ner(path, tagger=chosen, window=window, limit=limit)))
    except (KhabarError, ValueError) as e:
        fail(str(e), 2)


@evaluate.command("summarize")
@click.argument("dataset", type=existing(), help="Cluster folders, the EASC folder, or an events JSON.")
@click.option("--mode", default="multi", help="multi: a summary per cluster; single: per article.")
@click.option("--easc", is_flag=True, help="Read the EASC layout (detected when not given).")
@click.option("--algorithms", default=",".join(SUMMARY_ALGORITHMS), help=f"Comma-separated, among {choices(SUMMARY_ALGORITHMS)}.")
@click.option("--length", type=click.IntRange(min=1), show_default=False, help="Word budget (default: the mean reference length).")
@click.option("--no-stem", is_flag=True, help="Score normalized words, not light stems.")
@click.option("--stopwords", is_flag=True, help="Drop stop words before scoring.")
@click.option("--aggregate", default="mean", help="How references are combined: mean, max or jackknife.")
@limit_option
@click.option("--split", show_default=False, help=f"One split of an events JSON: {SPLITS_HELP} (default: all).")
def eval_summarize(
    dataset: Path,
    mode: str,
    easc: bool,
    algorithms: str,
    length: int | None,
    no_stem: bool,
    stopwords: bool,
    aggregate: str,
    limit: int | None,
    split: str | None,
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
    echo(summaries_table(table))


@evaluate.command("stance")
@click.argument(
    "data", required=False, type=existing(),
    help="Cross-validate by claim on these pairs (JSON Lines, baly2018 or ANS folder).",
)
@click.option("--train", type=existing(), help="Train the lexical and meaning models on these pairs.")
@click.option("--test", type=existing(), help="Score every model on these pairs (kept apart from --train).")
@click.option("--model", type=existing(), help="Also score this saved stance model (.npz or .json).")
@click.option(
    "--test-folds", default="",
    help="baly2018 folds to test on, e.g. 5 or 4,5 (default with the same folder as --train: its last fold).",
)
@click.option("--k", type=click.IntRange(min=2), default=5, help="Folds by claim when the data has none.")
@click.option(
    "--also-train", type=existing(),
    help="With DATA: these pairs join every fold's training and are never scored (as the shipped model learns).",
)
@limit_option
@click.option("--l2", type=click.FloatRange(min=0.0), default=1.0, help="L2 penalty of the lexical model.")
@click.option("--no-meaning", is_flag=True, help="Skip the meaning models (no sentence encoder).")
def eval_stance(
    data: Path | None,
    train: Path | None,
    test: Path | None,
    model: Path | None,
    test_folds: str,
    k: int,
    also_train: Path | None,
    limit: int | None,
    l2: float,
    no_meaning: bool,
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
            also_train=also_train,
        )
        echo(stance_table(report))
    except KhabarError as e:
        fail(str(e), 2)


@evaluate.command("stories")
@click.argument("data", nargs=-1, type=existing(), help="JSON Lines articles with a gold 'event' field.")
@click.option(
    "--event-dir", multiple=True, type=existing(file_okay=False),
    help="A folder holding one event's articles; repeatable.",
)
@click.option("--threshold", type=float, show_default=False, help="MinHash similarity to join a story.")
@click.option("--window-days", type=int, show_default=False, help="Days a story stays open.")
@click.option("--body-terms", type=int, show_default=False, help="Body terms in a signature.")
@click.option(
    "--cosine-threshold", type=float, show_default=False,
    help="Second stage (TF-IDF cosine to the story centroid); 0 turns it off.",
)
@click.option("--cosine-days", type=int, show_default=False, help="Days of the second stage.")
@click.option(
    "--gold", type=existing(file_okay=False), show_default=False,
    help="An event gold folder (pairs.jsonl, events.jsonl; tests/gold/events): pairwise P/R/F1 at event "
    "and storyline level and B-cubed.",
)
@click.option(
    "--corpus", type=click.Path(path_type=Path), default=Path("../shared/corpora/ant"),
    help="The folder the gold's article paths are relative to.",
)
@click.option("--split", show_default=False, help=f"Only this split of the gold ({SPLITS_HELP}); all when unset.")
@click.option("--event-threshold", type=float, show_default=False, help="Event score to join an event (the learned scorer: a probability, default 0.45 with USE, 0.3 static).")
@click.option("--storyline-threshold", type=float, show_default=False, help="Storyline score to join a storyline.")
@click.option("--lexical", is_flag=True, help="Group by words alone (no meaning vectors).")
@click.option("--meaning-encoder", show_default=False, help="What encodes the meaning: use or static.")
@click.option("--event-scorer", show_default=False, help="How an article is scored against an event: learned or hand.")
@click.option(
    "--event-band/--no-event-band", default=None,
    help="Read the event scorer's unsure comparisons again sentence by sentence (docs/stories.md). Unset: on where it "
    "applies (the learned scorer over USE meanings).",
)
@click.option(
    "--event-e5/--no-event-e5", default=None,
    help="Read the band's closest calls once more with e5 (docs/stories.md, session 32). Unset: on wherever the band reads.",
)
def eval_stories(
    data: tuple[Path, ...],
    event_dir: tuple[Path, ...],
    threshold: float | None,
    window_days: int | None,
    body_terms: int | None,
    cosine_threshold: float | None,
    cosine_days: int | None,
    gold: Path | None,
    corpus: Path,
    split: str | None,
    event_threshold: float | None,
    storyline_threshold: float | None,
    lexical: bool,
    meaning_encoder: str | None,
    event_scorer: str | None,
    event_band: bool | None,
    event_e5: bool | None,
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
        "event_scorer": event_scorer,
        "event_band": event_band,
        "event_e5": event_e5,
    }
    given["cosine_threshold"] = cosine_threshold or None  # 0: the second stage off (below)
    try:
        options = build_options(StoryOptions, **given)
        if cosine_threshold == 0:  # None in build_options means "not given"
            options = dataclasses.replace(options, cosine_threshold=None)
        if split is not None and split not in GOLD_SPLITS:
            raise OptionsError(f"--split must be one of {', '.join(GOLD_SPLITS)}, got {split!r}")
        scores = evaluate_event_gold(gold, corpus, options=options, split=split) if gold is not None else None
        rows = evaluate_storysets(list(data), list(event_dir), options=options) if data or event_dir or gold is None else []
    except KhabarError as e:
        fail(str(e), 2)
    echo(story_options_line(options))
    if scores is not None:
        echo(event_gold_table(scores))
    if rows:
        echo(stories_table(rows))
