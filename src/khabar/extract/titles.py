"""Titles and roles: the one home of the title list and of the words a role runs on through.

A role is a title ("وزير"، "المتحدث"، "اللواء", from ``text/ar/data/titles.txt``) and its
complement ("وزير الخارجية [الروسي]"، "المتحدث [باسم الكرملين]"، "مبعوث الأمم المتحدة
[إلى سوريا]").  Entity recognition reads a role before (or after) a person's name, and
attribution reads a speaker's role; both take the titles and the words that continue a
role from here, so a title added to the list is known to both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.text.ar.lexicon import read_entries
from khabar.text.ar.tokenize import words

#: Words after which a role runs on through the next word: "المتحدث باسم الكرملين"،
#: "مبعوث الأمم المتحدة الخاص إلى سوريا"، "السفير لدى روسيا" (normalized).
ROLE_LINKS = frozenset({"باسم", "في", "الي", "لدي"})
#: Words that end a role on their own: "المتحدث باسمه".
ROLE_OWNERS = frozenset({"باسمه", "باسمها"})


@cython.locals(w=str)
def without_article(word: str) -> str:
    """A normalized word without its article ("المتحدث" -> "متحدث"), for matching either
    form; words of three letters or fewer are kept whole ("الي" is a preposition)."""
    w = str(word)  # typed: compiled startswith is a C test (a numpy str_ of the tagger's training becomes a str)
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


@lru_cache(maxsize=1)
def titles() -> tuple[tuple[str, ...], ...]:
    """Every title of the list as its normalized words, in file order."""
    return tuple(tuple(t.split()) for t in read_entries("titles"))


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Titles written as an abbreviation with a dot ("د."), as the word before the dot."""
    return frozenset(w for t in titles() if len(t) == 1 and t[0].endswith(".") for w in words(t[0]))


def has_abbreviation_dot(text: str) -> bool:
    """``text`` may hold a title's abbreviation with its dot ("د."، "د ."): a look at the
    characters before the tokens are filtered (most sentences end with a dot and hold none)."""
    return _abbreviation_dot().search(text) is not None


@lru_cache(maxsize=1)
def _abbreviation_dot() -> re.Pattern[str]:
    forms = sorted({t[0][:-1] for t in titles() if len(t) == 1 and t[0].endswith(".")}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, forms)) + r")\s?\.") if forms else re.compile(r"(?!)")


def without_abbreviation_dots(toks: list, abbreviated: frozenset[str]) -> list:
    """Tokens (punctuation included) without the dot of a title's abbreviation ("وقال د.
    سامي"، "د.سامي"): it ends no sentence or clause there.  ``abbreviated``:
    :func:`abbreviations`."""
    return [t for k, t in enumerate(toks) if not (t.norm == "." and k and toks[k - 1].norm in abbreviated)]


@lru_cache(maxsize=1)
def titles_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Titles by their first word without the article, longest first: what to try at a
    word written with or without it ("وزير"، "الوزير").  An abbreviation is its word without
    the dot ("د." is "د"; attribution drops the dot after it: :func:`abbreviations`)."""
    index: dict[str, set[tuple[str, ...]]] = {}
    for t in titles():
        t = tuple(words(" ".join(t)))
        index.setdefault(without_article(t[0]), set()).add(t)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


@lru_cache(maxsize=1)
def title_starts() -> frozenset[str]:
    """The normalized words :func:`leading_title` can find a title at (the first words of
    :func:`titles_by_first_word`, with and without the article): a set look-up that spares
    its call at the other words (attribution asks it at every name the recognizer found)."""
    index = titles_by_first_word()
    return frozenset(w for k in index for w in (k, "ال" + k) if without_article(w) in index)


def leading_title(norms: Sequence[str]) -> int:
    """How many of ``norms`` (normalized words) the longest title at their start takes, with
    or without its article ("الجنرال"، "جنرال"، "اللفتنانت جنرال"); 0 when none opens them."""
    if not norms:
        return 0
    first = without_article(norms[0])
    for title in titles_by_first_word().get(first, ()):
        if without_article(title[0]) == first and tuple(norms[1 : len(title)]) == title[1:]:
            return len(title)
    return 0
