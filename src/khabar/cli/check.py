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
    everywhere: Annotated[
        bool,
        typer.Option(
            "--everywhere",
            help="Search every stored story, not only the storyline of the claim's event (the stored story "
            "that speaks to it most, once khabar stories has grouped the store).",
        ),
    ] = False,
    story: Annotated[
        Optional[str], typer.Option(help="Keep the evidence to this storyline, all its events (see khabar stories).")
    ] = None,
    event: Annotated[Optional[str], typer.Option(help="Keep the evidence to this event (see khabar stories).")] = None,
    lang: LangOption = "ar",
) -> None:
    """Check a claim against the store (or given files): evidence, each article's stance, a verdict.

    Evidence comes from the claim's own storyline: that of the stored event that speaks to it
    most (once khabar stories has grouped the store; --everywhere searches every story).  Wherever it is
    found, an article that never names the claim's place is of another event."""
    from khabar.check import check_claim, result_to_dict
    from khabar.present.check import format_check

    check_lang(lang)
    try:
        options = build_options(CheckOptions, max_articles=max_articles, evidence_per_article=evidence)
        if paths:
            if everywhere or story or event:
                fail("--everywhere, --story and --event choose among the store's stories; give no PATHS", 2)
            from khabar import read

            result = check_claim(claim, read(paths), model=model, options=options)
        else:
            from khabar import open_store

            with open_store(db) as store:
                if story and event:
                    fail("give one of --story and --event", 2)
                scope: list[str] | str | None = None if everywhere else "event"
                if story or event:
                    # as khabar brief: --story with an event's id still works
                    chosen = (store.storyline_articles(story) or store.story_articles(story)) if story else store.story_articles(event)
                    scope = [a.id for a in chosen]
                    if not scope:
                        fail(f"no stored storyline {story!r}" if story else f"no stored event {event!r}", 2)
                result = check_claim(claim, store, model=model, options=options, scope=scope)
    except KhabarError as e:
        fail(str(e), 2)
    if as_json:
        typer.echo(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1))
    else:
        typer.echo(format_check(result, lang=lang, show_unrelated=show_all))
