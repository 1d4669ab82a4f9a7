"""Search queries: what a user types, as FTS5 expressions over the words as written and
bare, and the snippet of an article around the first match."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from khabar.errors import QueryError
from khabar.text.ar.clitics import bare_plain, bare_text, bare_word, leading_forms, word_forms
from khabar.text.ar.normalize import encode_plain, normalize_plain, normalize_with_offsets

#: Characters of original text shown around the first match.
SNIPPET_CHARS = 200
_SNIPPET_BEFORE = 60

# --- what a query may ask ---------------------------------------------------------------
#
# Each word of a query becomes an OR of its forms with proclitics (about six), each a
# lookup in the index; a prefix ("word*") becomes a scan of every indexed word that starts
# with it, in every form.  On the 30k articles of ANT, 20 times "ا*" (a one-letter prefix)
# took 42.7 s and 1 GB of memory; "ال*" alone takes 1.0 s of CPU, "الم*" 0.2 s, four
# three-letter prefixes 0.5 s, ten common words 0.05 s.  These bounds keep a query to what a
# person types; the time budget of a search (``Store.search(budget_s=)``) bounds the rest.

#: Characters of a query: a long sentence pasted in whole.
MAX_QUERY_CHARS = 500

#: Words of a query, phrases included.
MAX_QUERY_WORDS = 32

#: Prefix terms ("word*") of a query.
MAX_PREFIX_TERMS = 4

#: Letters a prefix needs: "ا*" and "ال*" match most words of the index.
MIN_PREFIX_LETTERS = 3

_WORD = re.compile(r"[^\W_]+")

#: Runs of characters that are neither ASCII nor Arabic letters.
_UNCOMMON = re.compile("[^\x00-\x7f\u0621-\u064a]+")
#: A query item: a quoted phrase (the closing quote may be missing) or a bare word.
_ITEM = re.compile(r'"([^"]*)"?|([^\s"]+)')

#: FTS5 column filter of the words as written (normalized), as opposed to the bare columns.
_AS_WRITTEN = "{title body}"


def index_text(normalized: str) -> str:
    """Normalized text as the search index reads it: its words are the runs of letters
    and digits (:data:`_WORD`), as FTS5's "ascii" tokenizer finds them (store migration 9).

    That tokenizer parts words at ASCII characters other than letters and digits only,
    taking every other character for part of a word; so every other character that is not
    a letter or digit becomes a space, a combining mark is dropped (as
    ``unicode61 remove_diacritics`` did), and letters of other scripts are case-folded
    and lose their accents (normalization does that for Latin already).  Text of ASCII and
    Arabic letters, nearly all news once normalized, is returned as it is after one
    test in C.
    """
    if encode_plain(normalized) is None:
        return _UNCOMMON.sub(_index_run, normalized)
    return normalized


def index_columns(text: str) -> tuple[str, str]:
    """:func:`index_text` of ``normalize(text)`` and the
    :func:`~khabar.text.ar.clitics.bare_text` of that: the search index's two columns for a
    title or a body, from one encoding of the text (:func:`normalize_plain`; it was
    encoded for the normalization, then for each column: on 2,000 ANT articles one
    encoding of every title and body is about a fifth of their index columns' cost)."""
    normalized, data = normalize_plain(text)
    if data is None:
        indexed = _UNCOMMON.sub(_index_run, normalized)
        return indexed, bare_text(indexed)
    return normalized, bare_plain(data)


def _index_run(m: re.Match[str]) -> str:
    return "".join(map(_index_char, m.group()))


@lru_cache(maxsize=4096)
def _index_char(ch: str) -> str:
    if unicodedata.category(ch) == "Mn":
        return ""
    if not _WORD.fullmatch(ch):
        return " "
    return "".join(c for c in unicodedata.normalize("NFD", ch.casefold()) if not unicodedata.combining(c))


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of a query, normalized; ``prefix`` for ``word*``."""

    text: str
    prefix: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.text.split())

    def fts(self) -> str:
        """The term as an FTS5 string: the words as written (normalized)."""
        # Always a quoted FTS5 string: nothing the user typed is read as FTS5 syntax.
        quoted = _quote(self.text)
        return quoted + " *" if self.prefix else quoted

    def fts_any_clitics(self) -> str:
        """The term matching its words with any proclitics, as an FTS5 expression.

        A word (or prefix): any of its :func:`word_forms`, in any column: as written in
        title or body, or as the bare form of a word with proclitics.  A phrase: word for
        word as written, its first word in any of its :func:`leading_forms`.
        """
        words = self.words
        if len(words) == 1:
            star = " *" if self.prefix else ""
            return "(" + " OR ".join(_quote(f) + star for f in word_forms(self.text)) + ")"
        rest = " ".join(words[1:])
        phrases = " OR ".join(_quote(f"{first} {rest}") for first in leading_forms(words[0]))
        return f"{_AS_WRITTEN} : ({phrases})"


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A query as groups of alternatives: every group must match, any term of a group may."""

    groups: tuple[tuple[Term, ...], ...]

    @property
    def expression(self) -> str:
        """The terms as an FTS5 expression (as written, without a column filter)."""
        return " AND ".join("(" + " OR ".join(t.fts() for t in group) + ")" for group in self.groups)

    @property
    def exact_expression(self) -> str:
        """The FTS5 MATCH expression for articles holding every group as written."""
        return f"{_AS_WRITTEN} : ({self.expression})"

    @property
    def match_expression(self) -> str:
        """The FTS5 MATCH expression for every hit: words with any proclitics."""
        return " AND ".join("(" + " OR ".join(t.fts_any_clitics() for t in group) + ")" for group in self.groups)

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for group in self.groups for t in group)


def parse_query(query: str) -> ParsedQuery | None:
    """Read a user's query; ``None`` when it holds no word to look for.

    The query is normalized first (so « » and “ ” quote a phrase too); ``OR`` must be
    written in capitals, as in most search boxes, so that the word "or" is still a word.
    Raises :class:`QueryError` for a query over the bounds above (the message says which).
    """
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(query)} characters long; at most {MAX_QUERY_CHARS} are searched")
    norm = normalize_with_offsets(query)
    groups: list[list[Term]] = []
    join_next = False
    for m in _ITEM.finditer(norm.text):
        phrase, bare = m.group(1), m.group(2)
        if bare is not None:
            start, end = norm.original_span(m.start(2), m.end(2))
            if query[start:end] == "OR":
                join_next = bool(groups)
                continue
            prefix = bare.endswith("*")
            text = bare.rstrip("*")
        else:
            prefix, text = False, phrase
        words = _WORD.findall(index_text(text))
        if not words:  # punctuation, operators, a lone quote: nothing to match
            continue
        # Keep only the words: a bare term like "(حلب" or "حلب:" means the word حلب.
        term = Term(text=" ".join(words), prefix=prefix and bare is not None)
        if join_next:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    if not groups:
        return None
    parsed = ParsedQuery(groups=tuple(tuple(g) for g in groups))
    _check_bounds(parsed)
    return parsed


def _check_bounds(parsed: ParsedQuery) -> None:
    terms = parsed.terms
    words = sum(len(t.words) for t in terms)
    if words > MAX_QUERY_WORDS:
        raise QueryError(f"the query has {words} words; at most {MAX_QUERY_WORDS} are searched")
    prefixes = [t for t in terms if t.prefix]
    if len(prefixes) > MAX_PREFIX_TERMS:
        raise QueryError(f"the query has {len(prefixes)} prefix terms (word*); at most {MAX_PREFIX_TERMS} are searched")
    short = next((t for t in prefixes if len(t.words[-1]) < MIN_PREFIX_LETTERS), None)
    if short is not None:
        raise QueryError(f"the prefix {short.text + '*'!r} is too short: a prefix needs {MIN_PREFIX_LETTERS} letters or more")


def snippet(text: str, query: ParsedQuery, *, width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` as written, around the first match of ``query``.

    The match is found in the normalized text and mapped back through the offset map, so a
    query "مسئول" shows the passage where the article wrote "مسؤول".  A match as written
    is preferred; failing one, the first word (or run of words) that matched with other
    proclitics, so "حلب" shows the passage with "بحلب".
    """
    norm = normalize_with_offsets(text)
    span = _first_exact(norm.text, query) or _first_bare(norm.text, query)
    start, end = norm.original_span(*span) if span else (0, 0)
    lo = max(0, start - _SNIPPET_BEFORE)
    hi = min(len(text), max(end, lo + width))
    if lo > 0:  # begin and end on whole words
        space = text.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    piece = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + piece + ("…" if hi < len(text) else "")


def _first_exact(norm: str, query: ParsedQuery) -> tuple[int, int] | None:
    """Span in ``norm`` of the first term as written."""
    alternatives = []
    for term in query.terms:
        words = r"\W+".join(re.escape(w) for w in term.words)
        alternatives.append(r"(?<![^\W_])" + words + ("" if term.prefix else r"(?![^\W_])"))
    found = re.search("|".join(alternatives), norm) if alternatives else None
    return found.span() if found else None


def _first_bare(norm: str, query: ParsedQuery) -> tuple[int, int] | None:
    """Span in ``norm`` of the first term matched with other proclitics, as the index does."""
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm)]
    best: tuple[int, int] | None = None
    for term in query.terms:
        words = term.words
        if len(words) == 1:
            forms = word_forms(term.text)
            if term.prefix:
                hit = next(((s, e) for s, e, w in tokens if w.startswith(forms) or bare_word(w).startswith(forms)), None)
            else:
                hit = next(((s, e) for s, e, w in tokens if w in forms or bare_word(w) in forms), None)
        else:
            first, rest, n = leading_forms(words[0]), list(words[1:]), len(words)
            hit = next(
                (
                    (tokens[i][0], tokens[i + n - 1][1])
                    for i in range(len(tokens) - n + 1)
                    if tokens[i][2] in first and [w for _, _, w in tokens[i + 1 : i + n]] == rest
                ),
                None,
            )
        if hit is not None and (best is None or hit[0] < best[0]):
            best = hit
    return best
