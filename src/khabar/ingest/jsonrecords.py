"""JSON and JSON Lines records to articles, with field names from :class:`FieldMap`.

A JSON file may hold one record, a list of records, or an object with the list under
"articles", "items", "data", "records" or "results".  A record whose body is a list of
strings holds several articles, paired by position with list-valued title/url/... fields
(the layout of corpora with one record per claim and many retrieved articles).

Labels in errors: "file.json#3" is record 3 of a list (or item 3 of the body list of a
single record), "file.json#2.5" item 5 of record 2, "file.jsonl:17" the record on line 17.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from khabar.config import FieldMap, ReadOptions
from khabar.errors import InputError
from khabar.ingest.metadata import make_article
from khabar.ingest.notices import warn
from khabar.article import Article

#: Keys under which a JSON object may keep its list of records.
LIST_KEYS = ("articles", "items", "data", "records", "results", "documents")

_MISSING = object()


def get_path(record: Any, path: str) -> Any:
    """``record["a"]["b"]`` for "a.b"; a numeric part indexes a list; missing -> _MISSING."""
    value = record
    for part in path.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _field(record: dict, name: str, fallbacks: tuple[str, ...]) -> Any:
    for path in (name, *fallbacks):
        if path:
            value = get_path(record, path)
            if value is not _MISSING and value is not None and value != "":
                return value
    return None


def read_json(text: str, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles of a JSON document; a malformed document is one error.

    A document that stops with "Extra data" after its first value is read as JSON Lines
    when every line holds a value (files named .json that really are JSON Lines).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        if e.msg == "Extra data" and _all_lines_json(text):
            yield from read_jsonl(text, source=source, options=options)
            return
        yield InputError(source, f"malformed JSON at line {e.lineno}, column {e.colno}: {e.msg}")
        return
    except RecursionError:
        yield InputError(source, TOO_DEEP)
        return
    yield from read_document(data, source=source, options=options)


#: The problem of a JSON value nested deeper than Python's parser goes (about a thousand
#: levels: no article record is a tenth as deep).
TOO_DEEP = "JSON nested too deeply to read (lists or objects about a thousand levels down)"


def _all_lines_json(text: str) -> bool:
    for line in text.split("\n"):
        if line.strip():
            try:
                json.loads(line)
            except json.JSONDecodeError:
                return False
            except RecursionError:
                continue  # a value all the same: read_jsonl says what is wrong with that line
    return True


def read_document(data: Any, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles of a parsed JSON value (one record, a list, or a wrapper object)."""
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list) and not _has_body(data, options.fields):
                data = data[key]
                break
    if isinstance(data, dict):
        yield from read_record(data, label=source, options=options)
        return
    if not isinstance(data, list):
        yield InputError(source, f"expected a JSON object or a list of objects, found {_kind(data)}")
        return
    if not data:
        yield InputError(source, "empty list: no records")
        return
    for i, record in enumerate(data):
        yield from read_record(record, label=f"{source}#{i}", options=options, item_sep=".")


def read_jsonl(text: str, *, source: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """Articles of JSON Lines; a bad line is an error for that line only."""
    seen = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        seen = True
        label = f"{source}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(label, f"malformed JSON at column {e.colno}: {e.msg}")
            continue
        except RecursionError:
            yield InputError(label, TOO_DEEP)
            continue
        yield from read_record(record, label=label, options=options)
    if not seen:
        yield InputError(source, "empty file")


def _has_body(record: dict, fields: FieldMap) -> bool:
    return _field(record, fields.body, fields.body_fallbacks) is not None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "null"
    )


def read_record(
    record: Any, *, label: str, options: ReadOptions, item_sep: str = "#"
) -> Iterator[Article | InputError]:
    """The article(s) of one record."""
    if not isinstance(record, dict):
        yield InputError(label, f"record is {_kind(record)}, not an object")
        return
    f = options.fields
    body = _field(record, f.body, f.body_fallbacks)
    if body is None:
        tried = tuple(dict.fromkeys((f.body, *f.body_fallbacks)))
        empty = next((p for p in tried if get_path(record, p) in (None, "")), None)
        if empty is not None:  # the field is there, with nothing in it
            yield InputError(label, f"not an article: the body ({empty}) is {'null' if get_path(record, empty) is None else 'empty'}")
        else:
            yield InputError(label, f"not an article: no body field (looked for {', '.join(tried)})")
        return
    parts = {
        "title": _field(record, f.title, f.title_fallbacks),
        "outlet": _field(record, f.outlet, f.outlet_fallbacks),
        "url": _field(record, f.url, ()),
        "published": _field(record, f.published, f.published_fallbacks),
    }
    if isinstance(body, list):
        if not body:
            yield InputError(label, "not an article: the body list is empty")
            return
        body = _rejoined(body)
        for i, item in enumerate(body):
            item_parts = {k: (v[i] if i < len(v) else None) if isinstance(v, list) else v for k, v in parts.items()}
            yield _one(item, item_parts, label=f"{label}{item_sep}{i}", options=options)
        return
    yield _one(_rejoined([body])[0], parts, label=label, options=options)


def _rejoined(bodies: list[Any]) -> list[Any]:
    """The bodies of a record with the words a stray space split joined again, where the
    record's texts show the word whole (:func:`~khabar.text.ar.tokenize.rejoined_split_words`;
    a corpus record holds the pages retrieved for one claim: Baly 2018's lost diacritics)."""
    from khabar.text.ar.tokenize import rejoined_split_words  # only JSON records need it

    at = [i for i, b in enumerate(bodies) if isinstance(b, str)]
    if not at:
        return bodies
    out = list(bodies)
    for i, text in zip(at, rejoined_split_words([bodies[i] for i in at]), strict=True):
        out[i] = text
    return out


def _one(body: Any, parts: dict[str, Any], *, label: str, options: ReadOptions) -> Article | InputError:
    if not isinstance(body, str):
        return InputError(label, f"not an article: the body is {_kind(body)}, not text")
    if not body.strip():
        return InputError(label, "not an article: the body is empty")
    title = parts["title"]
    if title is not None and not isinstance(title, (str, list, dict)):
        warn(label, f"the title is {_kind(title)}, not text: the first line of the body is the title")
    try:
        return make_article(
            title=_text(title),
            body=body,
            source=label,
            options=options,
            outlet=_text(parts["outlet"], key="name"),
            url=_text(parts["url"]),
            published=parts["published"] if isinstance(parts["published"], (int, float)) else _text(parts["published"]),
        )
    except InputError as e:
        return e


def _text(value: Any, *, key: str | None = None) -> str:
    """A field as text: strings as they are, {"name": ...} objects by their name, else ""."""
    if isinstance(value, dict) and key:
        value = value.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) else ""
