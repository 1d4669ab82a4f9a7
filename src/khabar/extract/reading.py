"""One sentence as the rule-based extractors read it: attribution
(:mod:`khabar.extract.attribution`) and the numeric claims' cues
(:mod:`khabar.extract.claims.cues`) both read a sentence as its tokens, punctuation included,
without the dot of a title's abbreviation ("وقال د. سامي": it ends no clause) and with a
letter split off a word at a lost shadda joined back ("وقد ر العمري"): the tokens as
columns (as written, normalized, where each starts and ends; no ``Token`` object per token:
making them was a fifth of reading a sentence); a sentence with a figure and a statement is
read by both, and attribution reads the sentences of quotes and of claims.  Made here once per
sentence, kept for the last sentences (as its tokens are, :func:`khabar.text.ar.tokenize.tokenize`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from khabar.extract.titles import abbreviations, has_abbreviation_dot, without_abbreviation_dots
from khabar.frozen import slot_init
from khabar.text.ar.tokenize import columns, has_split_letter, rejoined_split_letters, tokenize, word_like


@slot_init
@dataclass(frozen=True, slots=True)
class SentenceTokens:
    """A sentence's tokens as the rules read them (see the module docstring)."""

    texts: tuple[str, ...]
    norms: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    #: the token is a word or a number (its normalized form opens with a letter or digit),
    #: not punctuation
    words: tuple[bool, ...]


#: Sentences kept: a batch of articles is read by the quotes and then the claims of each
#: article in turn, so an article's sentences are what is asked again.
_KEPT = 256


@lru_cache(maxsize=_KEPT)
def sentence_tokens(text: str) -> SentenceTokens:
    """:class:`SentenceTokens` of one sentence."""
    dot, split = has_abbreviation_dot(text), has_split_letter(text)
    if not dot and not split:
        # most sentences: the columns the name tagger already made for the sentence (kept
        # by :func:`columns`), the tokens built from them here only (not also kept by
        # :func:`tokenize`), and no transposition back to columns
        cols = columns(text, punctuation=True)
        return SentenceTokens(cols.texts, cols.norms, cols.starts, cols.ends, tuple(word_like(cols.norms)))
    toks = tokenize(text, punctuation=True)
    if dot:
        toks = without_abbreviation_dots(toks, abbreviations())
    if split:
        toks = rejoined_split_letters(text, toks, abbreviations())  # "وقد ر العمري" (Baly)
    # the columns in one transposition of the (text, start, end, norm) tuples
    texts, starts, ends, norms = zip(*toks) if toks else ((), (), (), ())
    return SentenceTokens(texts, norms, starts, ends, tuple(word_like(norms)))

