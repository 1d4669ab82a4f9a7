"""Corroboration of statements: what each outlet reports, grouped across articles.

Two kinds of :class:`~khabar.model.Fact`:

* **quotes**: the same words from the same speaker.  Outlets trim and rewrap quotations
  ("الوقت محدود جدا، إما الاستسلام أو الموت" / "عليهم «إما الاستسلام أو الموت»"), so two
  quotes are one when their speakers are the same person and their contents share a run of
  at least :data:`MIN_SHARED_RUN` normalized words, or are lexically close overall;
* **statements**: sentences of different articles that report the same thing (the
  corroboration links of :class:`~khabar.relate.corroborate.SentencePool`), grouped around
  the sentence most articles support.

Each fact keeps every supporting sentence as a :class:`~khabar.model.Citation`, so a reader
sees which outlets report it, and a fact reported by one article alone is still a fact.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from khabar.model import Article, Citation, Fact, Quote, Sentence
from khabar.relate.corroborate import SentencePool
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import words

#: Two quotations of one speaker sharing this many consecutive words are the same quote:
#: four words ("إما الاستسلام أو الموت") are already distinctive for a single speaker.
MIN_SHARED_RUN = 4


def _fact_id(kind: str, citations: Sequence[Citation]) -> str:
    key = "|".join(f"{c.article_id}:{c.sentence_index}" for c in citations)
    return kind[0] + hashlib.sha1(f"{kind}|{key}".encode()).hexdigest()[:11]


def _speaker_key(speaker: str) -> tuple[str, ...]:
    return tuple(normalize(speaker).replace("-", " ").split())


def speaker_key(quote: Quote) -> tuple[str, ...]:
    return _speaker_key(quote.speaker)


def same_speaker(a: Quote, b: Quote) -> bool:
    """The same person or body: the same linked entity, or names that agree word for word
    where both have words (a surname alone matches the full name)."""
    return _same_speaker(a, b, speaker_key(a), speaker_key(b))


def _same_speaker(a: Quote, b: Quote, ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    if a.speaker_entity and b.speaker_entity:
        return a.speaker_entity == b.speaker_entity
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    return short[-1] == long_[-1] and set(short) <= set(long_)


def longest_shared_run(a: Sequence[str], b: Sequence[str]) -> int:
    """Length of the longest run of consecutive equal words (dynamic programming)."""
    best = 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def _speaker_blocks(quotes: Sequence[Quote], keys: Sequence[tuple[str, ...]]) -> list[list[int]]:
    """Quotes that may be of one speaker, in blocks: :func:`same_speaker` holds only for two
    quotes with the same linked entity or whose names end in the same word, so no pair
    outside a block of the same entity or the same last word needs comparing."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, (q, key) in enumerate(zip(quotes, keys)):
        if q.speaker_entity:
            blocks.setdefault(("entity", q.speaker_entity), []).append(i)
        if key:
            blocks.setdefault(("word", key[-1]), []).append(i)
    return [members for members in blocks.values() if len(members) > 1]


def _runs(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    """Every run of :data:`MIN_SHARED_RUN` consecutive words: two quotes share a run that
    long exactly when they share one of these."""
    return {tuple(tokens[k : k + MIN_SHARED_RUN]) for k in range(len(tokens) - MIN_SHARED_RUN + 1)}


def quote_facts(
    quotes: Sequence[Quote], articles: Mapping[str, Article], sentences: Mapping[str, Sequence[Sentence]]
) -> list[Fact]:
    """Group the quotes of many articles into facts: one per thing one speaker said.

    Near-linear: quotes are compared only within a block of possible same speakers
    (:func:`_speaker_blocks`) and, inside it, only when they share a run of words (an index
    of runs), each speaker's name normalized once (a brief of 600 articles once spent half
    its time comparing every pair of quotes)."""
    keys = [_speaker_key(q.speaker) for q in quotes]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    runs: dict[int, set[tuple[str, ...]]] = {}
    for block in _speaker_blocks(quotes, keys):
        by_run: dict[tuple[str, ...], list[int]] = {}
        for i in block:
            if i not in runs:
                runs[i] = _runs(words(quotes[i].content))
            for run in runs[i]:
                by_run.setdefault(run, []).append(i)
        for sharing in by_run.values():
            for x, i in enumerate(sharing):
                for j in sharing[x + 1 :]:
                    if find(i) == find(j) or quotes[i].article_id == quotes[j].article_id:
                        continue
                    if _same_speaker(quotes[i], quotes[j], keys[i], keys[j]):
                        parent[find(j)] = find(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    facts = []
    for members in groups.values():
        cited: list[Citation] = []
        seen: set[tuple[str, int]] = set()
        for i in members:
            q = quotes[i]
            if (q.article_id, q.sentence_index) in seen:
                continue
            seen.add((q.article_id, q.sentence_index))
            sentence = sentences[q.article_id][_position(sentences[q.article_id], q.sentence_index)]
            cited.append(Citation.of(articles[q.article_id], sentence))
        first = quotes[members[0]]
        facts.append(
            Fact(id=_fact_id("quote", cited), kind="quote", text=first.content, citations=tuple(cited), speaker=first.speaker)
        )
    return sorted(facts, key=lambda f: (-len(f.article_ids), f.id))


def _position(sentences: Sequence[Sentence], index: int) -> int:
    for pos, s in enumerate(sentences):
        if s.index == index:
            return pos
    raise KeyError(f"no sentence {index}")


def statement_facts(pool: SentencePool, *, threshold: float) -> list[Fact]:
    """Sentences reported by two or more articles, grouped around the most supported one.

    Greedy and deterministic: the sentence with the most supporting articles (ties: the
    earliest row) takes its best match in every other article not yet taken; a sentence
    belongs to one fact at most.
    """
    counts = pool.support_counts(threshold=threshold)
    taken: set[int] = set()
    facts: list[Fact] = []
    for row in sorted(range(len(pool)), key=lambda r: (-int(counts[r]), r)):
        if counts[row] == 0:
            break
        if row in taken:
            continue
        supporters = [(r, s) for r, s in pool.supporters(row, threshold=threshold) if r not in taken]
        if not supporters:
            continue
        taken.add(row)
        taken.update(r for r, _ in supporters)
        cited = pool.citations(row, threshold=threshold)
        cited = tuple(c for c in cited if (c.article_id, c.sentence_index) in _keys(pool, [row, *[r for r, _ in supporters]]))
        facts.append(Fact(id=_fact_id("statement", cited), kind="statement", text=pool.sentence(row).text, citations=cited))
    return facts


def _keys(pool: SentencePool, rows: Sequence[int]) -> set[tuple[str, int]]:
    return {(pool.docs[pool.doc_of(r)].article.id, pool.sentence(r).index) for r in rows}


def find_facts(pool: SentencePool, quotes: Sequence[Quote], *, threshold: float) -> list[Fact]:
    """Quotes first (each with every outlet that carries it), then corroborated statements."""
    articles = {d.article.id: d.article for d in pool.docs}
    sentences = {d.article.id: d.sentences for d in pool.docs}
    return quote_facts(quotes, articles, sentences) + statement_facts(pool, threshold=threshold)
