"""LexRank (Erkan & Radev 2004) through ``sumy``: the standard graph-centrality baseline.

sumy is an optional dependency (``pip install sumy``); it is imported when a summary is
asked for, so the rest of khabar works without it.

sumy's own Arabic pipeline splits sentences at commas and tokenizes with NLTK's English
rules, so it is fed khabar's analysis instead: a sumy document is built from the pool's
:class:`~khabar.model.Sentence` objects (one sumy paragraph per article), words come from
:func:`khabar.text.ar.tokenize.words` (normalized), stems from
:func:`khabar.text.ar.stem.stem`, and stop words are khabar's list.

Selection: sentences by LexRank score, best first, each taken when it fits the word budget
(a longer one is skipped, a shorter may still fit).  Titles and sentences outside the
length range every khabar summarizer uses are not candidates; exact repeats of a chosen
sentence (wire copy) are skipped, since LexRank rates them identically.  No other
redundancy filter: the baseline stays LexRank.
"""

from __future__ import annotations

from khabar.config import BriefOptions
from khabar.errors import KhabarError
from khabar.relate.corroborate import SentencePool
from khabar.summarize.centroid import is_candidate
from khabar.text.ar.segment import segment
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words


class KhabarTokenizer:
    """The two methods sumy asks of a tokenizer, answered with khabar's Arabic rules."""

    language = "arabic"

    @staticmethod
    def to_sentences(paragraph: str) -> tuple[str, ...]:
        return tuple(span.text for span in segment(paragraph, drop_boilerplate=False))

    @staticmethod
    def to_words(sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


def _sumy():
    try:
        from sumy.models.dom import ObjectDocumentModel, Paragraph
        from sumy.models.dom import Sentence as SumySentence
        from sumy.summarizers.lex_rank import LexRankSummarizer as SumyLexRank
    except ImportError as err:
        raise KhabarError("the lexrank summary algorithm needs sumy: pip install sumy") from err
    return ObjectDocumentModel, Paragraph, SumySentence, SumyLexRank


def lexrank_ratings(pool: SentencePool, rows: list[int]) -> dict[int, float]:
    """sumy's LexRank score of each of ``rows`` (ranked among those rows only)."""
    ObjectDocumentModel, Paragraph, SumySentence, SumyLexRank = _sumy()
    tokenizer = KhabarTokenizer()
    by_doc: dict[int, list[int]] = {}
    for row in rows:
        by_doc.setdefault(pool.doc_of(row), []).append(row)
    ordered = [row for d in sorted(by_doc) for row in by_doc[d]]  # sumy's document order
    document = ObjectDocumentModel(
        [Paragraph([SumySentence(pool.sentence(r).text, tokenizer) for r in by_doc[d]]) for d in sorted(by_doc)]
    )
    summarizer = SumyLexRank(stem)
    summarizer.stop_words = STOPWORDS
    ratings: dict[int, float] = {}

    def capture(infos):  # sumy passes every sentence, with its order and rating
        for info in infos:
            ratings[ordered[info.order]] = float(info.rating)
        return infos

    summarizer(document, capture)
    return ratings


class LexRankSummarizer:
    name = "lexrank"

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        lengths = {row: len(pool.docs[d].sentence_words[s]) for row, (d, s) in enumerate(pool.refs)}
        rows = [r for r in range(len(pool)) if is_candidate(pool, r, lengths[r], options=options)]
        if not rows:
            return []
        ratings = lexrank_ratings(pool, rows)
        chosen: list[int] = []
        seen: set[tuple[str, ...]] = set()
        used = 0
        for row in sorted(rows, key=lambda r: (-round(ratings.get(r, 0.0), 12), r)):
            d, s = pool.refs[row]
            key = pool.docs[d].sentence_words[s]
            if key in seen or used + lengths[row] > options.length_words:
                continue
            chosen.append(row)
            seen.add(key)
            used += lengths[row]
        return chosen
