"""``khabar train``: fit khabar's trainable models on labelled data."""

from __future__ import annotations

from pathlib import Path

import click

from khabar.cli.common import CONTEXT, echo, fail, require_extra
from khabar.errors import KhabarError


@click.group(context_settings=CONTEXT)
def train() -> None:
    """Fit khabar's trainable models on labelled data."""


@train.command("stance")
@click.argument(
    "data", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path),
    help="Labelled pairs: JSON Lines, a baly2018 folder, an ANS folder or CSV.",
)
@click.option(
    "--output", "-o", required=True, type=click.Path(path_type=Path),
    help="Where to write the model: .npz (the meaning model) or .json (lexical).",
)
@click.option("--l2", type=click.FloatRange(min=0.0), default=1.0, help="L2 penalty of the lexical model's logistic regression.")
def train_stance(data: tuple[Path, ...], output: Path, l2: float) -> None:
    """Train a stance model (then: khabar check ... --model FILE).

    A .npz output trains the meaning model (needs the sentence encoder, the semantic extra);
    scripts/build_stance_model.py rebuilds the one that ships from the shared corpora.
    """
    from khabar.check import save_model
    from khabar.check import train_stance as train
    from khabar.check.pairs import load_data

    try:
        pairs = [p for d in data for p in load_data(d, role="train").pairs]
        if output.suffix == ".npz":
            require_extra("semantic", "training the meaning model")
            from khabar.check.meaning_model import fit_meaning_model, read_pairs, save_meaning_model
            from khabar.relate.embeddings import require

            readings = read_pairs(pairs, require("use").encode)
            save_meaning_model(fit_meaning_model(pairs, readings, description={"trained_on": [str(d) for d in data]}), output)
        else:
            save_model(train(pairs, l2=l2), output)
    except KhabarError as e:
        fail(str(e), 2)
    counts = {label: sum(p.stance == label for p in pairs) for label in ("agree", "disagree", "discuss", "unrelated")}
    echo(f"trained on {len(pairs)} pairs {counts}; wrote {output}")


@train.command("ner")
@click.argument("anercorp", type=click.Path(exists=True, path_type=Path), help="The ANERcorp folder (or its train file).")
@click.option("--output", "-o", required=True, type=click.Path(path_type=Path), help="Where to write the model (.npz).")
@click.option(
    "--ant", type=click.Path(exists=True, file_okay=False, path_type=Path), help="The ANT corpus, to learn word clusters from."
)
@click.option(
    "--clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Reuse the word clusters of this model file (with --ant, tables it lacks are built)."
)
@click.option("--c1", type=click.FloatRange(min=0.0), show_default=False, help="L1 penalty (default: the cross-validated one).")
@click.option("--c2", type=click.FloatRange(min=0.0), show_default=False, help="L2 penalty (default: the cross-validated one).")
@click.option("--iterations", type=click.IntRange(min=1), show_default=False, help="L-BFGS iterations.")
@click.option(
    "--news-gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A names gold file (tests/gold/names.json) whose spent splits are added as training sentences.",
)
@click.option("--news-splits", default="", help="With --news-gold: its splits to add, e.g. fresh3,fresh4 (never an unspent one).")
@click.option("--news-repeat", type=click.IntRange(min=1), default=1, show_default=True, help="With --news-gold: times each news sentence is added.")
@click.option(
    "--news-every", type=click.IntRange(min=1), default=1, show_default=True,
    help="With --news-gold: only every so-many-th news sentence (CRFsuite weighs no sentence: a part stands for a weight under 1).",
)
@click.option("--news-plain", default="", help="With --news-gold: more of its splits, only their sentences that name no organisation.")
@click.option("--shared", type=click.Path(path_type=Path), help="With --news-gold: the shared data folder (default: the gold's checkout's ../shared).")
@click.option(
    "--news-rulings", is_flag=True,
    help="With --news-gold: relabel its sentences as ANERcorp labels such words (place head words dropped, unnamed bodies O, currencies MISC).",
)
@click.option(
    "--news-domain", is_flag=True,
    help="With --news-gold: train its sentences as a second domain (each feature also as a news copy) and write the news view.",
)
def train_ner(
    anercorp: Path,
    output: Path,
    ant: Path | None,
    clusters: Path | None,
    c1: float | None,
    c2: float | None,
    iterations: int | None,
    news_gold: Path | None,
    news_splits: str,
    news_repeat: int,
    news_every: int,
    news_plain: str,
    shared: Path | None,
    news_rulings: bool,
    news_domain: bool,
) -> None:
    """Train the name tagger (a CRF) on ANERcorp and write its model file (needs the train extra)."""
    require_extra("train", "training the name tagger")
    import logging

    from khabar.extract.tagger.train import naming_no_organisation, news_gold_sentences, train_model

    if news_gold is not None and not news_splits:
        fail("--news-gold needs --news-splits", 2)
    if news_domain and news_gold is None:
        fail("--news-domain needs --news-gold", 2)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        given = {k: v for k, v in (("c1", c1), ("c2", c2), ("iterations", iterations)) if v is not None}
        if news_gold is not None:
            root = news_gold.resolve().parent.parent.parent

            def read(splits: str) -> list:
                return news_gold_sentences(news_gold, splits, shared=shared or root.parent / "shared", root=root)[::news_every]

            news = read(news_splits) + (naming_no_organisation(read(news_plain)) if news_plain else [])
            note = f"{news_gold.name} {news_splits}" + (f" + {news_plain} naming no organisation" if news_plain else "")
            note += (f" every {news_every}" if news_every > 1 else "") + f" x{news_repeat}" + (" in ANERcorp rulings" if news_rulings else "")
            given.update(news=news * news_repeat, news_note=note, news_rulings=news_rulings, news_domain=news_domain)
        echo(train_model(anercorp, output, ant=ant, clusters_from=clusters, **given))
    except KhabarError as e:
        fail(str(e), 2)
