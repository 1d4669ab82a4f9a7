"""What every command shares: the application, the error console, the options several
commands take, opening the store, writing an output file, and the one-line answer when an
optional extra is missing.

Exit status: 0 when everything succeeded, 1 when any input failed (the good ones are still
processed and stored), 2 for usage errors and for a missing extra.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console

from khabar.config import FieldMap, ReadOptions
from khabar.ingest import FORMATS as INPUT_FORMATS, check_format
from khabar.errors import KhabarError

app = typer.Typer(
    name="khabar",
    help="Read many Arabic news reports of the same events: who says what, which figures conflict, a cited brief.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help texts are plain: "[1]" or "[default]" is text, not markup
)
err = Console(stderr=True, highlight=False)

#: Optional extras: the pip extra, what it installs, and the modules that tell it is there.
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "multipart"),
    "baselines": ("sumy",),
    "train": ("pycrfsuite",),
    "semantic": (),  # the modules are the encoders' own (khabar.relate.embeddings.ENCODERS)
}


def say(message: str) -> None:
    """One line on stderr, as written (no markup)."""
    err.print(message, markup=False, highlight=False, soft_wrap=True)


def fail(message: str, status: int = 1) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(status)


def require_extra(extra: str, what: str, modules: Iterable[str] | None = None) -> None:
    """Exit 2 with one line naming the extra to install when a module of it is missing."""
    for module in modules if modules is not None else EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            fail(f'{what} needs the "{extra}" extra, which is not installed: pip install "khabar[{extra}]"', 2)


def choices(names: Iterable[str], *, default: str | None = None, notes: dict[str, str] | None = None) -> str:
    """"a (default), b, c (needs ...)": a help text made from a registry's names."""
    notes = notes or {}
    out = []
    for name in names:
        extra = [n for n in (("default" if name == default else None), notes.get(name)) if n]
        out.append(name + (f" ({'; '.join(extra)})" if extra else ""))
    return ", ".join(out)


# --- options several commands share ----------------------------------------------------

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Store file (default: $KHABAR_DB, else the per-user data directory).", show_default=False),
]
OutletOption = Annotated[Optional[str], typer.Option("--outlet", help="Outlet of every input (overrides metadata).")]
DateOption = Annotated[
    Optional[str], typer.Option("--date", help="Publication date of every input, YYYY-MM-DD (overrides metadata).")
]
FormatInOption = Annotated[
    Optional[str],
    typer.Option("--input-format", help=f"Force a reader: {', '.join(INPUT_FORMATS)} (default: detect).", show_default=False),
]
EncodingOption = Annotated[Optional[str], typer.Option("--encoding", help="Force an encoding (default: detect).")]
MaxMbOption = Annotated[float, typer.Option("--max-mb", help="Refuse input files larger than this many MB.")]
WorkersOption = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        help="Worker processes that read and sign (1: all in this process). Results do not depend on it.",
    ),
]
FieldOption = Annotated[
    list[str],
    typer.Option(
        "--field",
        help="JSON field mapping, PART=FIELD (parts: title, body, outlet, url, published); repeatable. "
        "Dotted paths reach nested fields.",
    ),
]
LimitOption = Annotated[int, typer.Option(min=1, help="How many to list.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="How many to skip.")]
LangOption = Annotated[str, typer.Option("--lang", help="Interface language: ar or en (article text stays as written).")]
#: The row listings' output formats (articles, search, stories).
LIST_FORMATS = ("text", "json")
ListFormatOption = Annotated[str, typer.Option("--format", help=f"Output: {', '.join(LIST_FORMATS)}.")]


def check_choice(value: str, allowed: Iterable[str], option: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise typer.BadParameter(f"choose one of {', '.join(allowed)}", param_hint=option)
    return value


def check_lang(lang: str) -> str:
    from khabar.present.labels import LANGUAGES

    return check_choice(lang, LANGUAGES, "--lang")


def parse_day(value: str | None, option: str) -> dt.date | None:
    """A date option of a listing (``--since``, ``--until``): YYYY-MM-DD, any day."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint=option) from None


def parse_date(value: str | None) -> dt.date | None:
    """The --date option; a date outside the plausible publication dates is left out with
    a warning (the articles keep the dates they carry)."""
    from khabar.config import plausible_published, published_range

    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD", param_hint="--date") from None
    if not plausible_published(day):
        first, last = published_range()
        say(f"warning: --date {value} is outside {first} .. {last}: left out")
        return None
    return day


def field_map(specs: list[str]) -> FieldMap:
    parts = {}
    allowed = {"title", "body", "outlet", "url", "published", "language"}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or key not in allowed or not value:
            raise typer.BadParameter(
                f"{spec!r}: expected PART=FIELD with PART one of {', '.join(sorted(allowed))}", param_hint="--field"
            )
        parts[key] = value
    return FieldMap(**parts)


def read_options(
    outlet: str | None, date: str | None, input_format: str | None, encoding: str | None, max_mb: float, fields: list[str]
) -> ReadOptions:
    if max_mb <= 0:
        raise typer.BadParameter("must be positive", param_hint="--max-mb")
    if input_format is not None:
        try:
            check_format(input_format)
        except ValueError as e:
            raise typer.BadParameter(str(e), param_hint="--input-format") from None
    return ReadOptions(
        outlet=outlet,
        published=parse_date(date),
        format=input_format,
        encoding=encoding,
        max_bytes=int(max_mb * 1024 * 1024),
        fields=field_map(fields),
    )


def open_store(db: Path | None):
    from khabar import open_store as open_

    try:
        return open_(db)
    except KhabarError as e:
        fail(str(e))


def search_store(store, query: str, *, limit: int) -> list:
    """``store.search``; a query over the bounds of a search is a usage error (exit 2)."""
    from khabar.errors import QueryError

    try:
        return store.search(query, limit=limit)
    except QueryError as e:
        fail(str(e), 2)


def write_output(path: Path, text: str) -> None:
    """Write through a temporary file so a failure never leaves a half-written output; the
    file gets the permissions of any new file (0666 less the umask), not the temporary
    file's private 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
