"""``khabar check``: a claim against the store or given files, with evidence and a verdict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from khabar.config import CheckOptions, build_options
from khabar.cli.common import DbOption, LangOption, app, check_lang, fail
from khabar.errors import KhabarError

DEFAULTS = CheckOptions()


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The claim to check, in Arabic.")],
    paths: Annotated[
        Optional[list[str]], typer.Argument(help="Article files or folders to check against; none: the store.")
    ] = None,
    db: DbOption = None,
    model: Annotated[
        Optional[str],
        typer.Option(
            help="Stance model: meaning (the one shipped; the default when the sentence encoder is installed), "
            "rules, or a saved model file (.npz or .json, see khabar train stance)."
        ),
    ] = None,
    max_articles: Annotated[int, typer.Option(min=1, help="Candidate articles to judge.")] = DEFAULTS.max_articles,
    evidence: Annotated[int, typer.Option(min=1, help="Evidence sentences per article.")] = DEFAULTS.evidence_per_article,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON (the API's answer).")] = False,
    show_all: Annotated[bool, typer.Option("--all", help="Show the unrelated articles too.")] = False,
    lang: LangOption = "ar",
) -> None:
    """Check a claim against the store (or given files): evidence, each article's stance, a verdict."""
    from khabar.check import check_claim, result_to_dict
    from khabar.present.check import format_check

    check_lang(lang)
    try:
        options = build_options(CheckOptions, max_articles=max_articles, evidence_per_article=evidence)
        if paths:
            from khabar import read

            result = check_claim(claim, read(paths), model=model, options=options)
        else:
            from khabar import open_store

            with open_store(db) as store:
                result = check_claim(claim, store, model=model, options=options)
    except KhabarError as e:
        fail(str(e), 2)
    if as_json:
        typer.echo(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1))
    else:
        typer.echo(format_check(result, lang=lang, show_unrelated=show_all))
