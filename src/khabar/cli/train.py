"""``khabar train``: fit khabar's trainable models on labelled data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from khabar.cli.common import app, fail, require_extra
from khabar.errors import KhabarError

train_app = typer.Typer(help="Fit khabar's trainable models on labelled data.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(train_app, name="train")


@train_app.command("stance")
def train_stance(
    data: Annotated[
        list[Path], typer.Argument(exists=True, help="Labelled pairs: JSON Lines, a baly2018 folder, an ANS folder or CSV.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the model: .npz (the meaning model) or .json (lexical).")
    ],
    l2: Annotated[float, typer.Option(min=0.0, help="L2 penalty of the lexical model's logistic regression.")] = 1.0,
) -> None:
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
    typer.echo(f"trained on {len(pairs)} pairs {counts}; wrote {output}")


@train_app.command("ner")
def train_ner(
    anercorp: Annotated[Path, typer.Argument(exists=True, help="The ANERcorp folder (or its train file).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model (.npz).")],
    ant: Annotated[
        Optional[Path], typer.Option(exists=True, file_okay=False, help="The ANT corpus, to learn word clusters from.")
    ] = None,
    clusters: Annotated[
        Optional[Path], typer.Option(exists=True, dir_okay=False, help="Reuse the word clusters of this model file.")
    ] = None,
    c1: Annotated[Optional[float], typer.Option(min=0.0, help="L1 penalty (default: the cross-validated one).", show_default=False)] = None,
    c2: Annotated[Optional[float], typer.Option(min=0.0, help="L2 penalty (default: the cross-validated one).", show_default=False)] = None,
    iterations: Annotated[Optional[int], typer.Option(min=1, help="L-BFGS iterations.", show_default=False)] = None,
) -> None:
    """Train the name tagger (a CRF) on ANERcorp and write its model file (needs the train extra)."""
    require_extra("train", "training the name tagger")
    import logging

    from khabar.extract.tagger.train import train_model

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        given = {k: v for k, v in (("c1", c1), ("c2", c2), ("iterations", iterations)) if v is not None}
        typer.echo(train_model(anercorp, output, ant=ant, clusters_from=clusters, **given))
    except KhabarError as e:
        fail(str(e), 2)
