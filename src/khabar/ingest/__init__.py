"""Inputs to articles: files, directories, stdin and strings, in every format khabar reads.

Readers yield an :class:`~khabar.errors.InputError` in place of each input (file, record,
feed entry, line) they cannot read, so one bad file never stops a batch; callers decide
whether an error is fatal.

Which files are read:

* a file named explicitly is always read: its format comes from ``options.format``, else
  its extension, else its content (so ``khabar ingest notes.dat`` works, and a binary or
  undecodable file gets a precise error);
* inside a directory (walked recursively, in sorted order) only files with a known
  extension (:data:`EXTENSIONS`) or none are read; hidden files and folders, other
  extensions (images, code, archives) and README/LICENSE-like files are skipped, and
  :func:`list_inputs` lists the skipped ones.

Formats: text, json, jsonl, html, feed, trec (the ANT corpus; "ant" is an alias).
Content sniffing: "{"/"[" -> json, "<DOC>" -> trec, "<rss"/"<feed"/"<rdf:RDF" (also after
"<?xml") -> feed, "<html"/"<!doctype" -> html, anything else -> text.  ``.txt`` files that
start with "<DOC>" are TREC (the ANT corpus names its files that way).
"""

from khabar.ingest.readers import (
    DEFAULT_OPTIONS,
    EXTENSIONS,
    FORMATS,
    STDIN,
    STDIN_SOURCE,
    check_format,
    detect_format,
    display_source,
    list_inputs,
    path_kind,
    read_path,
    read_paths,
    read_stdin,
    read_string,
    read_text,
    sniff_format,
)

__all__ = [
    "DEFAULT_OPTIONS",
    "EXTENSIONS",
    "FORMATS",
    "STDIN",
    "STDIN_SOURCE",
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
    "sniff_format",
]
