"""What every command shares: the application, the error console, the options several
commands take, opening the store, writing an output file, and the one-line answer when an
optional extra is missing.

Exit status: 0 when everything succeeded, 1 when any input failed (the good ones are still
processed and stored), 2 for usage errors and for a missing extra.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib
import os
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from khabar.config import FieldMap, ReadOptions
from khabar.errors import KhabarError

#: Help shows every option's default (an option with ``show_default=False`` keeps it back).
CONTEXT = {"show_default": True, "help_option_names": ["--help"]}

#: Optional extras: the pip extra, what it installs, and the modules that tell it is there.
EXTRAS: dict[str, tuple[str, ...]] = {
    "web": ("fastapi", "uvicorn", "multipart"),
    "baselines": ("sumy",),
    "train": ("pycrfsuite",),
    "semantic": (),  # the modules are the encoders' own (khabar.relate.embeddings.ENCODERS)
}


class Group(click.Group):
    """A group of commands, each in its own module and imported only when run (or when the
    group's ``--help`` lists them): ``khabar check`` does not import what ``khabar serve``
    or ``khabar eval`` need.  ``commands`` maps a command's name to "module:attribute"."""

    def __init__(self, *args: Any, lazy: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*self.lazy, *super().list_commands(ctx)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, attribute = self.lazy[name].split(":")
            command = getattr(importlib.import_module(module), attribute)
            settle_heap()
            return command
        return super().get_command(ctx, name)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """The ``khabar`` program (a test's ``CliRunner`` calls :meth:`main` instead): a
        command that said it left nothing to release (:func:`leave_quickly`) ends its
        process without the interpreter's teardown."""
        try:
            return self.main(*args, **kwargs)
        except SystemExit as e:
            if _quick_exit and isinstance(e.code, (int, type(None))) and threading.active_count() == 1:
                _exit_now(e.code or 0)
            raise


#: Set by :func:`leave_quickly`.
_quick_exit = False


def leave_quickly() -> None:
    """Say that this command's process has nothing left to release: its files and store are
    closed and no thread is left.  The ``khabar`` program then ends it without the
    interpreter's teardown (every module and object freed one by one, and in a process that
    forked workers each page it writes copied: 12 ms of CPU at the end of an ingest of 2,000
    ANT files on two workers, 1,800 page faults; 5 ms after one file), once the exit
    handlers have run (the stem cache is saved by one) and the output is flushed."""
    global _quick_exit
    _quick_exit = True


def _exit_now(status: int) -> None:
    import atexit

    atexit._run_exitfuncs()  # noqa: SLF001 - what the teardown would run first
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said
            pass
    os._exit(status)


@functools.cache
def settle_heap() -> None:
    """Take what is alive once a command's modules are imported (the modules, their tables
    and compiled expressions: ~14,000 objects for ``khabar brief``) out of the collector's
    sight (:func:`gc.freeze`), so no collection walks them again (a seeds brief: gc time
    ~30 -> ~17 ms; ``benchmarks/bench_extract.py``, 320 articles: ~210 -> ~110 ms, the
    linking of entities 0.16 -> 0.09 s of CPU).  Not collecting the youngest generation less
    often: at 10,000 allocations instead of 700 a seeds brief ran 41 young and 3 middle
    collections instead of 123 and 10 (gc ~17 -> ~14 ms), but the layer in
    ``bench_extract.py`` did not gain beyond the noise and the grouping of quotes into facts
    looked slower (0.13 -> 0.15-0.24 s), so Python's default stays.  Process state, so set
    here, where a command starts, and nowhere in the library; once a process (a test
    process that runs many commands settles once)."""
    gc.freeze()


def usage_error(message: str, option: str | None = None) -> click.BadParameter:
    """A usage error (exit 2) naming the option."""
    return click.BadParameter(message, param_hint=option)


def echo(text: str) -> None:
    """Print a result on stdout."""
    click.echo(text)


def exit_with(status: int) -> NoReturn:
    raise click.exceptions.Exit(status)


def say(message: str) -> None:
    """One line on stderr, as written."""
    click.echo(message, err=True)


def fail(message: str, status: int = 1) -> NoReturn:
    say(f"error: {message}")
    exit_with(status)


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

db_option = click.option(
    "--db", type=click.Path(path_type=Path), show_default=False,
    help="Store file (default: $KHABAR_DB, else the per-user data directory).",
)
outlet_option = click.option("--outlet", help="Outlet of every input (overrides metadata).")
date_option = click.option("--date", help="Publication date of every input, YYYY-MM-DD (overrides metadata).")
encoding_option = click.option("--encoding", help="Force an encoding (default: detect).")
max_mb_option = click.option("--max-mb", type=float, default=20.0, help="Refuse input files larger than this many MB.")
workers_option = click.option(
    "--workers", type=click.IntRange(min=1), default=1,
    help="Worker processes that read and sign (1: all in this process). Results do not depend on it.",
)
field_option = click.option(
    "--field", multiple=True,
    help="JSON field mapping, PART=FIELD (parts: title, body, outlet, url, published); repeatable. "
    "Dotted paths reach nested fields.",
)
lang_option = click.option(
    "--lang", default="ar", help="Interface language: ar or en (article text stays as written)."
)
#: The row listings' output formats (articles, search, stories).
LIST_FORMATS = ("text", "json")
list_format_option = click.option("--format", "fmt", default="text", help=f"Output: {', '.join(LIST_FORMATS)}.")


def limit_option(default: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option("--limit", type=click.IntRange(min=1), default=default, help="How many to list.")


offset_option = click.option("--offset", type=click.IntRange(min=0), default=0, help="How many to skip.")


def input_format_option(f: Callable[..., Any]) -> Callable[..., Any]:
    from khabar.ingest import FORMATS

    return click.option(
        "--input-format", show_default=False, help=f"Force a reader: {', '.join(FORMATS)} (default: detect)."
    )(f)


def reading_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The options of reading input files (--outlet ... --field), in their help order, given
    to the command as one argument ``reading``: a function that checks them and returns the
    :class:`ReadOptions` (called only when files are read)."""
    import functools

    @functools.wraps(f)
    def command(*args: Any, outlet, date, input_format, encoding, max_mb, field, **kwargs: Any) -> Any:
        return f(*args, reading=lambda: read_options(outlet, date, input_format, encoding, max_mb, field), **kwargs)

    for option in reversed((outlet_option, date_option, input_format_option, encoding_option, max_mb_option, field_option)):
        command = option(command)
    return command


def check_choice(value: str, allowed: Iterable[str], option: str) -> str:
    allowed = tuple(allowed)
    if value not in allowed:
        raise usage_error(f"choose one of {', '.join(allowed)}", option)
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
        raise usage_error(f"{value!r} is not a date in the form YYYY-MM-DD", option) from None


def parse_date(value: str | None) -> dt.date | None:
    """The --date option; a date outside the plausible publication dates is left out with
    a warning (the articles keep the dates they carry)."""
    from khabar.config import plausible_published, published_range

    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise usage_error(f"{value!r} is not a date in the form YYYY-MM-DD", "--date") from None
    if not plausible_published(day):
        first, last = published_range()
        say(f"warning: --date {value} is outside {first} .. {last}: left out")
        return None
    return day


def field_map(specs: Iterable[str]) -> FieldMap:
    parts = {}
    allowed = {"title", "body", "outlet", "url", "published", "language"}
    for spec in specs:
        key, sep, value = spec.partition("=")
        if not sep or key not in allowed or not value:
            raise usage_error(
                f"{spec!r}: expected PART=FIELD with PART one of {', '.join(sorted(allowed))}", "--field"
            )
        parts[key] = value
    return FieldMap(**parts)


def read_options(
    outlet: str | None, date: str | None, input_format: str | None, encoding: str | None, max_mb: float, fields: Iterable[str]
) -> ReadOptions:
    if max_mb <= 0:
        raise usage_error("must be positive", "--max-mb")
    if input_format is not None:
        from khabar.ingest import check_format

        try:
            check_format(input_format)
        except ValueError as e:
            raise usage_error(str(e), "--input-format") from None
    return ReadOptions(
        outlet=outlet,
        published=parse_date(date),
        format=input_format,
        encoding=encoding,
        max_bytes=int(max_mb * 1024 * 1024),
        fields=field_map(fields),
    )


def open_store(db: Path | None, *, create_when_used: bool = False):
    from khabar import open_store as open_

    try:
        return open_(db, create_when_used=create_when_used)
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
    import stat
    import tempfile  # here: only a command that writes a file needs it (it imports random)

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # "-o /dev/null", a pipe, a terminal: written into, never replaced (a rename over
        # /dev/null turned it into a regular file for every other program on the machine)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return
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
