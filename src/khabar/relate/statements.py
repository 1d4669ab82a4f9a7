"""Corroboration of statements: what each outlet reports, grouped across articles.

Two kinds of :class:`~khabar.model.Fact`:

* **quotes**: one statement of one speaker.  Outlets trim and rewrap quotations
  ("الوقت محدود جدا، إما الاستسلام أو الموت" / "عليهم «إما الاستسلام أو الموت»") and reword
  them, so two quotes are one when their speakers are the same (one person or body; an
  unnamed source without its rank: "مسؤول تركي كبير" / "مسئول تركي رفيع") and their
  contents share a run of at least :data:`MIN_SHARED_RUN` normalized words, or are close
  in stems (:data:`MIN_REWORDED_SIMILARITY`) with the same figures;
* **statements**: sentences of different articles that report the same thing (the
  corroboration links of :class:`~khabar.relate.corroborate.SentencePool`), grouped around
  the sentence most articles support.

Each fact keeps every supporting sentence as a :class:`~khabar.model.Citation`, so a reader
sees which outlets report it, and a fact reported by one article alone is still a fact.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from khabar.model import Article, Citation, Entity, Fact, Quote, Sentence, Speaker
from khabar.relate.corroborate import SentencePool
from khabar.relate.similarity import SentenceVectors, content_terms
from khabar.relate.speakers import group_speakers, same_speaker_of, speaker_words
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.tokenize import words

#: Two quotations of one speaker sharing this many consecutive words are the same quote:
#: four words ("إما الاستسلام أو الموت") are already distinctive for a single speaker.
MIN_SHARED_RUN = 4
#: Two statements of one speaker in two articles whose contents are this close (TF-IDF
#: cosine over stems) and give the same figures are one statement reworded.  On the seeds
#: and the examples the rewordings scored 0.34-0.57 and two different statements of one
#: speaker without figures at most 0.27 (those above had different figures).
MIN_REWORDED_SIMILARITY = 0.3


def _fact_id(kind: str, citations: Sequence[Citation], said: Sequence[str] = ()) -> str:
    """A fact's id: its citations, and for a quote who said what where (``said``) -- two
    speakers quoted in one sentence ("..., فيما قال الدفاع المدني إن ...") are two facts with
    the same citations, and had one id."""
    key = "|".join(f"{c.article_id}:{c.sentence_index}" for c in citations)
    if said:
        key += "|" + "|".join(said)
    return kind[0] + hashlib.sha1(f"{kind}|{key}".encode()).hexdigest()[:11]


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
    """Quotes that may be of one speaker, in blocks: :func:`~khabar.relate.speakers.same_speaker` holds only for two
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
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    said: Callable[[Quote, str], str] | None = None,
) -> list[Fact]:
    """Group the quotes of many articles into facts: one per thing one speaker said
    (:func:`grouped_quotes` without the quotes of each)."""
    return [fact for fact, _members in grouped_quotes(quotes, articles, sentences, said)]


def grouped_quotes(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    sentences: Mapping[str, Sequence[Sentence]],
    said: Callable[[Quote, str], str] | None = None,
) -> list[tuple[Fact, tuple[int, ...]]]:
    """Group the quotes of many articles into facts: one per thing one speaker said, each
    with the positions in ``quotes`` of the quotes it groups.

    Near-linear: quotes are compared only within a block of possible same speakers
    (:func:`_speaker_blocks`) and, inside it, only when they share a run of words (an index
    of runs), each speaker's name normalized once (a brief of 600 articles once spent half
    its time comparing every pair of quotes)."""
    keys = [speaker_words(q.speaker) for q in quotes]
    parent = list(range(len(quotes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    figures = _Figures(quotes)
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
                    if same_speaker_of(quotes[i], quotes[j], keys[i], keys[j]) and figures.agree(i, j):
                        parent[find(j)] = find(i)
    _join_rewordings(quotes, keys, find, parent, figures)
    groups: dict[int, list[int]] = {}
    for i in range(len(quotes)):
        groups.setdefault(find(i), []).append(i)
    facts = []
    ids_seen: Counter[tuple[str, ...]] = Counter()
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
        # who said what where; one quote read twice (the same words, the same speaker, one
        # article) is two facts all the same, told apart by how many came before
        said_where = [f"{quotes[i].article_id}@{quotes[i].start}:{quotes[i].speaker}" for i in members]
        said_where.append(str(ids_seen[tuple(said_where)]))
        ids_seen[tuple(said_where[:-1])] += 1
        fact = Fact(
            id=_fact_id("quote", cited, said_where),
            kind="quote",
            text=said(first, articles[first.article_id].text) if said else first.content,
            citations=tuple(cited),
            speaker=first.speaker,
        )
        facts.append((fact, tuple(members)))
    return sorted(facts, key=lambda fm: (-len(fm[0].article_ids), fm[0].id))


class _Figures:
    """The figures each quote gives (read once, when asked): two quotes of one speaker
    that both give figures and share none are two statements ("ارتفعت الحصيلة إلى 14" /
    "إلى 17"), however alike their words -- joining them would hide the change."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.quotes = quotes
        self.values: dict[int, frozenset[float]] = {}

    def of(self, i: int) -> frozenset[float]:
        if i not in self.values:
            self.values[i] = frozenset(n.value for n in find_numbers(self.quotes[i].content) if n.value is not None)
        return self.values[i]

    def agree(self, i: int, j: int) -> bool:
        a, b = self.of(i), self.of(j)
        return not (a and b) or bool(a & b)


def _join_rewordings(
    quotes: Sequence[Quote], keys: Sequence[tuple[str, ...]], find: Callable[[int], int], parent: list[int], figures: _Figures
) -> None:
    """One statement reworded by two outlets ("فرقه انتشلت قرابة 30 جثة" / "فرق الإنقاذ
    انتشلت قرابة ثلاثين شهيدا"): the same speaker, contents whose TF-IDF cosine over stems
    (:mod:`khabar.relate.similarity`, the measure that links sentences) is at least
    :data:`MIN_REWORDED_SIMILARITY`, and the same figures -- two tolls of one source are
    two statements, never one.  Pairs come from the exact all-pairs search, not from
    comparing every pair."""
    # only quotes whose speaker may have spoken in another article too
    rows = sorted({i for block in _speaker_blocks(quotes, keys) if len({quotes[k].article_id for k in block}) > 1 for i in block})
    if len(rows) < 2:
        return
    vectors = SentenceVectors.build([content_terms(words(quotes[i].content)) for i in rows])
    article_of: dict[str, int] = {}
    groups = np.fromiter((article_of.setdefault(quotes[i].article_id, len(article_of)) for i in rows), dtype=np.int64, count=len(rows))
    neighbours = vectors.neighbours(MIN_REWORDED_SIMILARITY, groups=groups)
    for r, i in enumerate(rows):
        cols, _values = neighbours.of(r)
        for j in (rows[c] for c in cols.tolist()):
            if j <= i or find(i) == find(j) or not same_speaker_of(quotes[i], quotes[j], keys[i], keys[j]):
                continue
            if figures.of(i) == figures.of(j):  # a rewording keeps every figure
                parent[find(j)] = find(i)


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
        kept = _keys(pool, [row, *[r for r, _ in supporters]])  # once, not once per citation
        cited = tuple(c for c in cited if (c.article_id, c.sentence_index) in kept)
        facts.append(Fact(id=_fact_id("statement", cited), kind="statement", text=pool.sentence(row).text, citations=cited))
    return facts


def _keys(pool: SentencePool, rows: Sequence[int]) -> set[tuple[str, int]]:
    return {(pool.docs[pool.doc_of(r)].article.id, pool.sentence(r).index) for r in rows}


def find_facts(
    pool: SentencePool,
    quotes: Sequence[Quote],
    *,
    threshold: float,
    said: Callable[[Quote, str], str] | None = None,
    entities: Sequence[Entity] = (),
) -> tuple[list[Fact], list[Speaker]]:
    """Quotes first (each with every outlet that carries it, its text as ``said`` shows a
    quote in its article's text: the extractor's verb-led form), then corroborated
    statements; and who said what: the quote facts by speaker
    (:func:`khabar.relate.speakers.group_speakers`, with the brief's ``entities``)."""
    articles = {d.article.id: d.article for d in pool.docs}
    sentences = {d.article.id: d.sentences for d in pool.docs}
    grouped = grouped_quotes(quotes, articles, sentences, said)
    facts = [fact for fact, _members in grouped] + statement_facts(pool, threshold=threshold)
    return facts, group_speakers(quotes, grouped, entities)
