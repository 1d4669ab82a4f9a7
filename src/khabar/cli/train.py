"""``khabar train``: fit khabar's trainable models on labelled data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import app, fail
from khabar.errors import KhabarError

train_app = typer.Typer(help="Fit khabar's trainable models on labelled data.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(train_app, name="train")


@train_app.command("stance")
def train_stance(
    data: Annotated[Path, typer.Argument(exists=True, help="JSON Lines pairs, a baly2018 folder, or an ANS CSV.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the model (JSON).")],
    l2: Annotated[float, typer.Option(min=0.0, help="L2 penalty of the logistic regression.")] = 1.0,
) -> None:
    """Train the stance model and write it as JSON (then: khabar check ... --model MODEL.json)."""
    from khabar.check import read_pairs, save_model, train_stance as train

    try:
        pairs = read_pairs(data)
        model = train(pairs, l2=l2)
        save_model(model, output)
    except KhabarError as e:
        fail(str(e), 2)
    counts = {label: sum(p.stance == label for p in pairs) for label in model.labels}
    typer.echo(f"trained on {len(pairs)} pairs {counts}; wrote {output}")
