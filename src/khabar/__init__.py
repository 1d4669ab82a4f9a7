"""khabar (خبر): read many Arabic news reports of the same events and tell what happened,
who says so, and where the sources agree or disagree.

The public API::

    import khabar
    brief = khabar.brief(["examples/wadi-nahr-evacuation/"])   # paths, Articles, or both
    for s in brief.summary:
        print(s.text, [c.outlet for c in s.citations])

    with khabar.open_store("news.sqlite3") as store:
        store.add(khabar.read(["feeds/"]))
        hits = store.search("الأمم المتحدة")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from khabar import _compiled

_compiled.install()  # before any module it may load compiled (src/khabar/_compiled.py)

from khabar.article import Article  # noqa: E402
from khabar.config import BriefOptions, FieldMap, ReadOptions  # noqa: E402
from khabar.errors import InputError, InputWarning, KhabarError, OptionsError, StoreError  # noqa: E402

if TYPE_CHECKING:
    from khabar.model import EventBrief

__version__ = "0.1.0"

__all__ = [
    "Article",
    "BriefOptions",
    "EventBrief",
    "FieldMap",
    "InputError",
    "InputWarning",
    "KhabarError",
    "OptionsError",
    "ReadOptions",
    "StoreError",
    "__version__",
    "brief",
    "open_store",
    "read",
]


def __getattr__(name: str):
    """``khabar.EventBrief`` from :mod:`khabar.model`, imported when first asked for: every
    command imports this package, and the brief's classes are most of the start-up of one
    that only reads and stores articles (``khabar ingest``)."""
    if name == "EventBrief":
        from khabar.model import EventBrief

        return EventBrief
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read(
    inputs: Iterable[str | Path | Article] | str | Path,
    *,
    options: ReadOptions | None = None,
    errors: str = "raise",
) -> list[Article]:
    """Read articles from paths (files, directories, "-" for stdin) or pass Articles through.

    ``errors="raise"`` raises the first :class:`InputError`; ``"skip"`` leaves bad inputs
    out (each is logged).
    """
    import logging

    from khabar.ingest import read_paths

    if errors not in ("raise", "skip"):
        raise OptionsError(f"errors must be 'raise' or 'skip', got {errors!r}")
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    elif not isinstance(inputs, Iterable) or isinstance(inputs, (bytes, dict)):
        raise OptionsError(f"inputs: give paths or Articles (or a list of them), not {type(inputs).__name__}")
    options = options or ReadOptions()
    out: list[Article] = []
    for item in inputs:
        if isinstance(item, Article):
            out.append(item)
            continue
        if not isinstance(item, (str, Path)):
            raise OptionsError(f"inputs: each must be a path or an Article, not {type(item).__name__}")
        if not str(item).strip():
            raise OptionsError("inputs: an empty path names no file (the current folder is '.')")
        for result in read_paths([item], options=options):
            if isinstance(result, InputWarning):
                logging.getLogger(__name__).warning("%s", result)
            elif isinstance(result, InputError):
                if errors == "raise":
                    raise result
                logging.getLogger(__name__).warning("skipped %s", result)
            else:
                out.append(result)
    return out


def brief(
    inputs: Iterable[str | Path | Article] | str | Path,
    *,
    length: int | None = None,
    algorithm: str | None = None,
    options: BriefOptions | None = None,
    read_options: ReadOptions | None = None,
) -> EventBrief:
    """Brief the articles in ``inputs`` (paths or :class:`Article` objects) as one event."""
    from khabar.event_brief import build_event_brief
    from khabar.config import build_options

    options = build_options(options or BriefOptions, length_words=length, algorithm=algorithm)
    articles = read(inputs, options=read_options)
    if not articles:
        raise InputError("<inputs>", "no articles to brief")
    return build_event_brief(articles, options=options)


def open_store(path: str | Path | None = None, *, create_when_used: bool = False):  # -> khabar.store.Store
    """Open (creating the file if needed) the SQLite store at ``path``, in a folder that
    exists; without ``path``, $KHABAR_DB or the per-user data directory (its folder made on
    first use).  ``create_when_used``: a new file is made by the store's first use (see
    :func:`khabar.store.open_store`)."""
    from khabar.config import default_db_path
    from khabar.store import open_store as _open

    if path is None:  # the default store's folder is made on first use
        return _open(default_db_path(), create_folder=True, create_when_used=create_when_used)
    return _open(path, create_when_used=create_when_used)
