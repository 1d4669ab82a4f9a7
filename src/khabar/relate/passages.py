"""Passages that several articles share verbatim or nearly: wire copy.

Outlets take an agency's paragraph and change a conjunction, drop an adjective, lose the
hamzas or the punctuation; the facts and most of the characters stay.  This module finds
those passages and says how close the copies are.  Rewrites of the same facts in other
words are not copies; finding them is :mod:`khabar.relate.corroborate`'s job.

How:

1. Every sentence long enough to be distinctive (``min_words``) and not boilerplate
   becomes a unit, fingerprinted by its 5-character shingles
   (:mod:`khabar.relate.fingerprint`).  Sentences identical after normalization share
   one fingerprint, so a paragraph syndicated to fifty outlets is hashed once.
2. A MinHash LSH index proposes candidate pairs of fingerprints without comparing all
   pairs; each candidate is verified with the exact Jaccard similarity of the shingle
   sets, kept at ``threshold`` or above.  Only pairs of sentences from different articles
   count: a sentence repeated inside one article is not shared.
3. Union-find over the verified pairs groups a sentence with every copy of it, so one
   wire sentence found in four outlets is one group of four.  When an article holds two
   sentences of a group, the first stands for it.
4. Groups that follow each other in every article they occur in (the same articles, each
   one eligible sentence further on) merge into one passage: the two sentences of a wire
   paragraph copied into four outlets are one passage with four occurrences.
5. A passage's text is its earliest-published occurrence as written (input order breaks
   ties and places undated articles last); its similarity is the mean over pairs of
   occurrences of their estimated Jaccard: 1.0 for copies identical after normalization,
   about 0.6-0.95 for edited copy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from khabar.config import DEFAULT_MIN_ARABIC_RATIO
from khabar.errors import OptionsError
from khabar.model import Article, PassageOccurrence, Sentence, SharedPassage, unique_articles
from khabar.relate.fingerprint import (
    banded_pairs,
    jaccard,
    key_shingles,
    mean_pairwise_jaccard,
    shingle_key,
    signature_rows,
    union_signature,
)
from khabar.text.ar.normalize import arabic_ratio
from khabar.text.ar.segment import is_boilerplate, split_sentences

#: Default Jaccard (character 5-shingles) above which two sentences are copies.  Measured
#: on the bundled examples and the seeds (every cross-article pair of sentences of 8+
#: words): edited copies of one sentence score 0.55-1.0 (a quote copied with a different
#: attribution 0.55-0.71, a sentence copied with an added clause 0.67); the closest
#: pairs that are not copies, rewrites of the same statement, score at most 0.42.
DEFAULT_THRESHOLD = 0.5

#: Sentences of fewer words are too common to show copying ("وقال المرصد إن ...").
DEFAULT_MIN_WORDS = 8

#: Up to this many occurrences (190 pairs) a passage's similarity is computed exactly;
#: beyond, it is estimated from the MinHash signatures in O(n log n).
EXACT_SIMILARITY_MAX = 20
#: Up to this many distinct sentences, every pair is compared exactly: ~20k set
#: intersections cost less than building signatures and an LSH index (and importing
#: datasketch, ~0.3 s of start-up), and the result is the same, only exact.
EXACT_PAIRS_MAX_KEYS = 200

#: The LSH index is built this far below ``threshold``: LSH misses some pairs just above
#: its threshold, and exact verification removes what a lower threshold lets through.
LSH_MARGIN = 0.15


@dataclass(frozen=True, slots=True)
class _Unit:
    """An eligible sentence: ``article`` indexes the input, ``rank`` counts eligible
    sentences within the article (consecutive ranks are consecutive eligible sentences)."""

    article: int
    rank: int
    sentence: Sentence
    key: int  # index of its distinct shingle key


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller root wins: the result does not depend on the order of unions
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def is_candidate(sentence: Sentence, *, min_words: int = DEFAULT_MIN_WORDS) -> bool:
    """Whether ``sentence`` is long and article-like enough to be matched as copy.

    Out: sentences under ``min_words`` words, boilerplate lines (share buttons, credits,
    "المصدر : ..." lines) and sentences that are mostly not Arabic (bylines, URLs).
    """
    return _eligible(sentence.text, shingle_key(sentence.text), min_words=min_words)


def _eligible(text: str, key: str, *, min_words: int) -> bool:
    if not key or key.count(" ") + 1 < min_words:
        return False
    # the ratio on the key: same letters as the text, without the punctuation to skip
    return arabic_ratio(key) >= DEFAULT_MIN_ARABIC_RATIO and not is_boilerplate(text)


def find_shared_passages(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_words: int = DEFAULT_MIN_WORDS,
    sentence_words: Mapping[str, Sequence[Sequence[str]]] | None = None,
) -> list[SharedPassage]:
    """Passages shared verbatim or nearly by two or more of ``articles``.

    ``sentences`` maps each article id to its sentences (as from
    :func:`khabar.text.ar.segment.split_sentences`, which is used for an article missing
    from the mapping); ``sentence_words``, the words of each of them where they are
    known already (:attr:`khabar.model.Document.sentence_words`), so they are not
    tokenized again.  An article id given twice counts once.  Returns passages with the
    most occurrences first, then in the order of their first occurrence (article input
    order, then offset).  Each occurrence spans whole sentences of
    :attr:`Article.text`.  Deterministic: the same input gives the same output.
    """
    if not 0.0 < threshold <= 1.0:
        raise OptionsError(f"threshold must be in (0, 1], got {threshold}")
    if min_words < 1:
        raise OptionsError(f"min_words must be at least 1, got {min_words}")

    arts = unique_articles(articles)
    units, key_texts = _units(arts, sentences, min_words=min_words, sentence_words=sentence_words or {})
    if not units:
        return []
    key_sets = [key_shingles(k) for k in key_texts]
    if len(key_sets) <= EXACT_PAIRS_MAX_KEYS:
        sig_matrix = None
        pairs: Iterator[tuple[int, int]] = _exact_pairs(key_sets, threshold=threshold)
    else:
        sig_matrix = signature_rows(key_sets)
        pairs = banded_pairs(sig_matrix, threshold=max(0.05, threshold - LSH_MARGIN))

    articles_of_key: list[set[int]] = [set() for _ in key_texts]
    for unit in units:
        articles_of_key[unit.key].add(unit.article)

    # Union-find over keys: sentences identical after normalization are one key already.
    uf = _UnionFind(len(key_texts))
    for k1, k2 in pairs:
        if len(articles_of_key[k1] | articles_of_key[k2]) < 2:
            continue  # both only in one article: a repetition inside it, not a copy
        if uf.find(k1) == uf.find(k2):
            continue  # already joined: no need to verify
        if jaccard(key_sets[k1], key_sets[k2]) >= threshold:
            uf.union(k1, k2)

    groups = _groups(units, uf)
    passages = [_passage(run, arts, units, key_sets, sig_matrix) for run in _runs(groups, units)]
    order = {a.id: i for i, a in enumerate(arts)}
    passages.sort(key=lambda p: (-len(p.occurrences), order[p.occurrences[0].article_id], p.occurrences[0].start))
    return passages


# --- steps ---------------------------------------------------------------------------------


def _units(
    arts: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    *,
    min_words: int,
    sentence_words: Mapping[str, Sequence[Sequence[str]]],
) -> tuple[list[_Unit], list[str]]:
    """Eligible sentences of every article, and the distinct shingle keys they use."""
    units: list[_Unit] = []
    key_index: dict[str, int] = {}
    for i, article in enumerate(arts):
        found = sentences.get(article.id)
        if found is None:
            found = split_sentences(article)
        known = sentence_words.get(article.id)
        if known is not None and len(known) != len(found):
            known = None  # words of other sentences: not these
        rank = 0
        for j, s in enumerate(found):
            key = " ".join(known[j]) if known is not None else shingle_key(s.text)
            if not _eligible(s.text, key, min_words=min_words):
                continue
            k = key_index.setdefault(key, len(key_index))
            units.append(_Unit(article=i, rank=rank, sentence=s, key=k))
            rank += 1
    return units, list(key_index)


def _exact_pairs(key_sets: Sequence[frozenset[str]], *, threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs of distinct keys (k1 < k2, in order) whose exact Jaccard reaches ``threshold``."""
    for k1, a in enumerate(key_sets):
        for k2 in range(k1 + 1, len(key_sets)):
            if jaccard(a, key_sets[k2]) >= threshold:
                yield k1, k2


def _groups(units: Sequence[_Unit], uf: _UnionFind) -> list[dict[int, int]]:
    """Matched sentence groups as {article index: unit index}, one unit per article (the
    first), keeping only groups found in two articles or more."""
    members: dict[int, dict[int, int]] = defaultdict(dict)
    for u, unit in enumerate(units):  # units are in article then rank order
        members[uf.find(unit.key)].setdefault(unit.article, u)
    return [g for _root, g in sorted(members.items()) if len(g) > 1]


def _runs(groups: Sequence[dict[int, int]], units: Sequence[_Unit]) -> list[list[dict[int, int]]]:
    """Chains of groups where each follows the previous one in every article it occurs in."""
    # A group's place: its set of (article, rank); a successor sits at rank + 1 everywhere.
    places: list[frozenset[tuple[int, int]]] = [
        frozenset((a, units[u].rank) for a, u in group.items()) for group in groups
    ]
    group_at = {place: g for g, place in enumerate(places)}
    successor: dict[int, int] = {}
    for g, place in enumerate(places):
        nxt = group_at.get(frozenset((a, rank + 1) for a, rank in place))
        if nxt is not None:
            successor[g] = nxt
    has_predecessor = set(successor.values())
    runs = []
    for g in range(len(groups)):
        if g in has_predecessor:
            continue
        chain = [groups[g]]
        while g in successor:
            g = successor[g]
            chain.append(groups[g])
        runs.append(chain)
    return runs


def _published_key(article: Article, index: int) -> tuple[bool, dt.date, int]:
    """Earliest published first, undated last, input order between equals."""
    return (article.published is None, article.published or dt.date.max, index)


def _passage(
    run: Sequence[dict[int, int]],
    arts: Sequence[Article],
    units: Sequence[_Unit],
    key_sets: Sequence[frozenset[str]],
    sig_matrix: np.ndarray | None,
) -> SharedPassage:
    """The passage of a chain of groups: one occurrence per article, from the first to the
    last sentence of the chain in that article."""
    article_indices = sorted(run[0], key=lambda a: _published_key(arts[a], a))
    occurrences = []
    keys_per_occurrence = []
    for a in article_indices:
        first = units[run[0][a]].sentence
        last = units[run[-1][a]].sentence
        occurrences.append(PassageOccurrence(article_id=arts[a].id, start=first.start, end=last.end))
        keys_per_occurrence.append([units[group[a]].key for group in run])
    first_occ = occurrences[0]
    text = arts[article_indices[0]].text[first_occ.start : first_occ.end]
    return SharedPassage(
        text=text,
        occurrences=tuple(occurrences),
        similarity=round(_similarity(keys_per_occurrence, key_sets, sig_matrix), 4),
    )


def _similarity(
    keys_per_occurrence: Sequence[Sequence[int]], key_sets: Sequence[frozenset[str]], sig_matrix: np.ndarray | None
) -> float:
    """Mean pairwise Jaccard of the occurrences' shingle sets (the union of their
    sentences' sets): exact for up to :data:`EXACT_SIMILARITY_MAX` occurrences, estimated
    from the MinHash signatures beyond (a standard error of up to 0.04 per pair, which
    averages out over that many pairs)."""
    n = len(keys_per_occurrence)
    if n <= EXACT_SIMILARITY_MAX or sig_matrix is None:  # no signatures: small input, exact is cheap
        sets = [frozenset().union(*(key_sets[k] for k in keys)) for keys in keys_per_occurrence]
        pairs = [jaccard(sets[i], sets[j]) for i in range(n) for j in range(i + 1, n)]
        return sum(pairs) / len(pairs)
    rows = [union_signature(sig_matrix[list(keys)]) for keys in keys_per_occurrence]
    return mean_pairwise_jaccard(np.vstack(rows))
