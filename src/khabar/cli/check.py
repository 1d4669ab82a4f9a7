"""``khabar check``: a claim against the store or given files, with evidence and a verdict."""

from __future__ import annotations

import json
from pathlib import Path

import click

from khabar.config import CheckOptions, build_options
from khabar.cli.common import check_lang, db_option, echo, fail, lang_option
from khabar.errors import KhabarError

DEFAULTS = CheckOptions()


@click.command()
@click.argument("claim", help="The claim to check, in Arabic.")
@click.argument("paths", nargs=-1, help="Article files or folders to check against; none: the store.")
@db_option
@click.option(
    "--model",
    help="Stance model: meaning (the one shipped; the default when the sentence encoder is installed), "
    "rules, or a saved model file (.npz or .json, see khabar train stance).",
)
@click.option("--max-articles", type=click.IntRange(min=1), default=DEFAULTS.max_articles, help="Candidate articles to judge.")
@click.option("--evidence", type=click.IntRange(min=1), default=DEFAULTS.evidence_per_article, help="Evidence sentences per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON (the API's answer).")
@click.option("--all", "show_all", is_flag=True, help="Show the unrelated articles too.")
@click.option(
    "--everywhere",
    is_flag=True,
    help="Search every stored story, not only the storyline of the claim's event (the stored story "
    "that speaks to it most, once khabar stories has grouped the store).",
)
@click.option("--story", help="Keep the evidence to this storyline, all its events (see khabar stories).")
@click.option("--event", help="Keep the evidence to this event (see khabar stories).")
@lang_option
def check(
    claim: str,
    paths: tuple[str, ...],
    db: Path | None,
    model: str | None,
    max_articles: int,
    evidence: int,
    as_json: bool,
    show_all: bool,
    everywhere: bool,
    story: str | None,
    event: str | None,
    lang: str,
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

            result = check_claim(claim, read(list(paths)), model=model, options=options)
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
        echo(json.dumps(result_to_dict(result), ensure_ascii=False, indent=1))
    else:
        echo(format_check(result, lang=lang, show_unrelated=show_all))
