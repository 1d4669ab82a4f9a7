"""What kind of happening a text reports: an attack, a meeting, a call, a vote, a match, a
sentence, a statement ... from the trigger words of ``data/happening_kinds.txt``.

Story grouping asks it of a headline: two reports of one event tell the same kind of
happening, and a headline about a match beside one about the coach's statement, a tax
settlement or a retirement of the same day and people is another event (docs/stories.md).
Words inside a name ("منظمة حظر الأسلحة الكيميائية") are not triggers: the caller passes the
names' spans to skip.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from khabar.model import Article, EntityMention
from khabar.text.ar.clitics import CONJUNCTIONS, clitic_variants
from khabar.text.ar.dateline import dateline_end
from khabar.text.ar.lexicon import read_tagged
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import tokenize

LIST = "happening_kinds"


@lru_cache(maxsize=1)
def _triggers() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(whole word -> kind, (prefix, kind) pairs) of the list, loaded once."""
    whole: dict[str, str] = {}
    prefixes: list[tuple[str, str]] = []
    for entry in read_tagged(LIST):
        if entry.phrase.endswith("*"):
            prefixes.append((entry.phrase[:-1], entry.tag))
        else:
            whole[entry.phrase] = entry.tag
    return whole, tuple(sorted(prefixes, key=lambda p: -len(p[0])))


def happening_word(word: str) -> bool:
    """Whether the normalized ``word`` is one of the list's whole trigger words as written
    (no proclitic read off, no stem): "قمه", not "لقمه" nor "اتفاقيه"."""
    return word in _triggers()[0]


@lru_cache(maxsize=100_000)
def word_kind(word: str) -> str | None:
    """The kind a word as written triggers (its proclitics read off), or None."""
    whole, prefixes = _triggers()
    for variant in clitic_variants(word):
        kind = whole.get(variant)
        if kind is not None:
            return kind
        for prefix, tag in prefixes:
            if variant.startswith(prefix):
                return tag
    return None


def happening_kinds(text: str, *, skip: Iterable[tuple[int, int]] = ()) -> frozenset[str]:
    """The kinds of happening ``text`` names, ignoring words inside the ``skip`` spans
    (character offsets into ``text``: the names found in it)."""
    spans = tuple(skip)
    kinds = set()
    for token in tokenize(text):
        if any(a < token.end and token.start < b for a, b in spans):
            continue
        kind = word_kind(token.text)
        if kind is not None:
            kinds.add(kind)
    return frozenset(kinds)


def headline_kinds(article: Article, mentions: Iterable[EntityMention] = ()) -> frozenset[str]:
    """The kinds of happening the article's title names: what story grouping compares
    (docs/stories.md: the title, not the lead, whose background names every kind of the
    storyline).  ``mentions``: the article's names (offsets into :attr:`Article.text`, where
    the title comes first), whose words are not triggers."""
    if not article.title:
        return frozenset()
    end = len(article.title)
    return happening_kinds(article.title, skip=[(m.start, m.end) for m in mentions if m.start < end])


#: How far into the title and into the first sentence a verb of reacting opens a reaction
#: (words, a dateline left out).  Measured on 145 openings of the spent event splits read by
#: hand (tests/gold/events/openings.jsonl, 53 reactions): 6 words find 21 reactions for 5
#: reports of a happening (P 0.81 R 0.40, docs/stories.md, session 19); further in, the verb
#: is mostly the report's own "قال ... إن".
REACTION_WORDS = 6
_SENTENCE_END = re.compile(r"[.!؟]\s")
_WORD = re.compile(r"\w+")


def opens_as_reaction(title: str, body: str) -> bool:
    """Whether the report is told as a reaction to a happening: a verb of reacting
    (:func:`~khabar.extract.attribution.verbs.reaction_forms`: condemning, welcoming,
    criticising, defending, responding) among the first :data:`REACTION_WORDS` words of its
    title or of its first sentence ("لجنة حماية الصحفيين تدين أحكاما ..."، "دمشق تعتبر إجلاء
    ..."), not a report of the happening itself ("أعلن الجيش ..."، "قضت المحكمة ...")."""
    from khabar.extract.attribution.verbs import reaction_forms

    forms = reaction_forms()
    first = next((line for line in body.split("\n") if line.strip()), "")
    first = _SENTENCE_END.split(first[dateline_end(first):], maxsplit=1)[0]
    for text in (title, first):
        for word in _WORD.findall(normalize(text))[:REACTION_WORDS]:
            if word in forms or (word[:1] in CONJUNCTIONS and word[1:] in forms):
                return True
    return False
