"""Reading inputs: files, directories, stdin and strings, each by its format's reader
(which files are read and how a format is chosen: :mod:`khabar.ingest`)."""

from __future__ import annotations

import errno
import logging
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from khabar.config import ReadOptions
from khabar.errors import InputError, InputWarning, OptionsError
from khabar.ingest.encoding import decode_input, read_limited, replaced_warning
from khabar.ingest.feed import read_feed
from khabar.ingest.html import read_html
from khabar.ingest.jsonrecords import read_json, read_jsonl
from khabar.ingest.notices import with_warnings
from khabar.ingest.plaintext import read_plain
from khabar.ingest.trec import looks_like_trec, read_trec
from khabar.article import Article

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "check_format",
    "detect_format",
    "display_source",
    "list_inputs",
    "path_kind",
    "read_path",
    "read_paths",
    "read_stdin",
    "read_string",
    "read_text",
]

log = logging.getLogger(__name__)

FORMATS = ("text", "json", "jsonl", "html", "feed", "trec")
_ALIASES = {"ant": "trec", "txt": "text", "plain": "text", "rss": "feed", "atom": "feed", "ndjson": "jsonl"}

#: Extension -> format; None means "look at the content" (.xml is a feed, TREC or a page).
EXTENSIONS: dict[str, str | None] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": None,
    "": None,
}

#: ReadOptions is frozen, so one shared default instance is safe.
DEFAULT_OPTIONS = ReadOptions()

STDIN = "-"
STDIN_SOURCE = "<stdin>"


def check_format(name: str) -> str:
    """The reader ``name`` (or an alias of it) stands for; :class:`OptionsError` if none."""
    fmt = _ALIASES.get(name.casefold(), name.casefold())
    if fmt not in FORMATS:
        raise OptionsError(f"unknown input format {name!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def _format_option(options: ReadOptions) -> str | None:
    return None if options.format is None else check_format(options.format)


#: Characters of a file name never written raw to a terminal or a record: controls (a name
#: can hold an escape sequence) and the bidi overrides (they reorder what follows).
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_source(path: str | Path) -> str:
    """A path as messages show it and articles record it: the bytes of a name that is not
    UTF-8 as U+FFFD (the raw name could not even be stored), control and bidi characters
    escaped (``\\x1b``)."""
    text = os.fsencode(path).decode("utf-8", errors="replace")
    return _UNSHOWN.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def sniff_format(text: str) -> str:
    """The format a text looks like from its first characters."""
    head = text.lstrip("\ufeff \t\n")[:2000]
    if head.startswith(("{", "[")):
        return "json"
    if looks_like_trec(head):
        return "trec"
    low = head.casefold()
    if low.startswith(("<rss", "<feed", "<rdf:rdf")) or (
        low.startswith("<?xml") and any(t in low for t in ("<rss", "<feed", "<rdf:rdf"))
    ):
        return "feed"
    if low.startswith(("<!doctype html", "<html")) or (low.startswith("<") and "<html" in low):
        return "html"
    return "text"


def detect_format(path: Path | None, text: str) -> str:
    """The format of a file from its extension, checked against its content where it matters."""
    ext = path.suffix.casefold() if path is not None else ""
    by_ext = EXTENSIONS.get(ext) if path is not None else None
    sniffed = sniff_format(text)
    if by_ext is None:
        return sniffed
    if by_ext == "text" and sniffed == "trec":
        return "trec"
    return by_ext


def read_string(
    text: str, *, source: str, options: ReadOptions = DEFAULT_OPTIONS, path: Path | None = None
) -> Iterator[Article | InputError]:
    """Articles of already-decoded text, in the forced, named or sniffed format, each
    followed by the warnings about it (:class:`InputWarning`).  Whatever goes wrong inside
    a reader is one error for this input; the articles read before it stay read."""
    fmt = _format_option(options) or detect_format(path, text)
    try:
        yield from with_warnings(_read_format(fmt, text, source=source, options=options))
    except OptionsError:
        raise  # the caller's options, not this input
    except RecursionError:
        yield InputError(source, "nested too deeply to read (a structure inside a structure, a thousand levels down)")
    except Exception as e:  # noqa: BLE001 - one odd input must never stop the others
        log.debug("reading %s failed", source, exc_info=e)
        yield InputError(source, f"cannot read: {type(e).__name__}: {e}")


def _read_format(fmt: str, text: str, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    if fmt == "json":
        yield from read_json(text, source=source, options=options)
    elif fmt == "jsonl":
        yield from read_jsonl(text, source=source, options=options)
    elif fmt == "feed":
        yield from read_feed(text, source=source, options=options)
    elif fmt == "trec":
        yield from read_trec(text, source=source, options=options)
    else:
        try:
            yield (
                read_html(text, source=source, options=options)
                if fmt == "html"
                else read_plain(text, source=source, options=options)
            )
        except InputError as e:
            yield e


def read_text(text: str, *, source: str = "<text>", options: ReadOptions = DEFAULT_OPTIONS) -> Article:
    """One plain-text article (front matter allowed); raises :class:`InputError`."""
    return read_plain(text.replace("\r\n", "\n"), source=source, options=options)


def read_stdin(options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Article | InputError]:
    """Articles from standard input: text, or JSON / JSON Lines / a page / a feed by content."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read(options.max_bytes + 1)
        else:  # a text stream (tests, embedding programs)
            data = stream.read().encode("utf-8")
    except (OSError, ValueError) as e:
        yield InputError(STDIN_SOURCE, f"cannot read: {e}")
        return
    if len(data) > options.max_bytes:
        yield InputError(
            STDIN_SOURCE,
            f"input is over the limit of {options.max_bytes / 1048576:.1f} MB (raise it with --max-mb)",
        )
        return
    try:
        text, replaced = decode_input(data, source=STDIN_SOURCE, declared=options.encoding)
    except InputError as e:
        yield e
        return
    if replaced:
        yield InputWarning(STDIN_SOURCE, replaced_warning(replaced))
    # JSON that is really JSON Lines is recognised by read_json ("Extra data").
    yield from read_string(text, source=STDIN_SOURCE, options=options)


#: What ``os.stat`` fails with for a path that leads nowhere (as ``Path.exists`` reads them).
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def path_kind(path: str | Path) -> str | None:
    """"directory", "file" (anything else that is there: reading it says what is wrong),
    or None for a path that leads nowhere; one stat, where ``is_dir()`` then ``exists()``
    took two (and reading the file a third)."""
    try:
        return "directory" if stat.S_ISDIR(os.stat(path).st_mode) else "file"
    except OSError as e:
        return None if e.errno in _MISSING else "file"
    except ValueError:  # a NUL in the name
        return None


def read_path(path: str | Path, *, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[Article | InputError]:
    """Articles of one file, a directory (recursively) or "-" (stdin)."""
    if str(path) == STDIN:
        yield from read_stdin(options)
        return
    path = Path(path)
    # One look at the file system decides: a file's bytes are then read through its open
    # handle (no second stat); three stats a file were a tenth of reading 2,000 ANT files.
    kind = path_kind(path)
    if kind is None:
        yield InputError(display_source(path), "no such file or directory")
        return
    if kind == "directory":
        files, skipped, problems = list_inputs(path)
        if skipped:
            log.info("%s: skipped %d file(s) of unknown type", display_source(path), len(skipped))
        yield from problems
        if not files and not problems:
            yield InputError(
                display_source(path), f"no files to read in this directory ({len(skipped)} of unknown type skipped)"
            )
        for f in files:
            yield from _read_file(f, options)
        return
    yield from _read_file(path, options)


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    source = display_source(path)
    try:
        data = read_limited(path, max_bytes=options.max_bytes, source=source)
        text, replaced = decode_input(data, source=source, declared=options.encoding)
    except InputError as e:
        yield e
        return
    if replaced:
        yield InputWarning(source, replaced_warning(replaced))
    yield from read_string(text, source=source, options=options, path=path)


def read_paths(
    paths: Iterable[str | Path], *, options: ReadOptions = DEFAULT_OPTIONS
) -> Iterator[Article | InputError]:
    """Articles of every path in turn; see :func:`read_path`."""
    _format_option(options)  # a bad --input-format fails before any reading
    for path in paths:
        yield from read_path(path, options=options)


#: Names of files that describe a folder rather than hold an article (corpora and the
#: bundled examples keep a README beside the articles).
_DOCUMENTATION = ("readme", "license", "licence", "copying", "changelog", "notice")


def _is_documentation(path: Path) -> bool:
    return path.stem.casefold().startswith(_DOCUMENTATION)


def list_inputs(directory: str | Path) -> tuple[list[Path], list[Path], list[InputError]]:
    """The files of ``directory`` that would be read, those skipped for their type, and one
    error for each folder or entry that cannot be read (a warning for a link to a folder
    already walked: a loop such as ``ln -s . self`` is walked once).

    Hidden files and folders are neither read nor counted as skipped.
    """
    files: list[Path] = []
    skipped: list[Path] = []
    problems: list[InputError] = []
    walked: set[tuple[int, int]] = set()

    def cannot(p: Path, e: OSError, what: str) -> None:
        problems.append(InputError(display_source(p), f"cannot read {what}: {e.strerror or e}"))

    def walk(d: Path) -> None:
        try:
            st = d.stat()
            if (st.st_dev, st.st_ino) in walked:
                problems.append(InputWarning(display_source(d), "a link to a folder already read (a loop?): read once"))
                return
            walked.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as e:
            cannot(d, e, "this folder")
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            p = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as e:  # a link to itself: "too many levels of symbolic links"
                cannot(p, e, "this entry")
                continue
            if is_dir:
                walk(p)
            elif p.suffix.casefold() in EXTENSIONS and not _is_documentation(p):
                files.append(p)
            else:
                skipped.append(p)

    walk(Path(directory))
    return files, skipped, problems
