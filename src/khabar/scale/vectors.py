"""The sentence encoder's vectors of the stored articles' sentences, made ahead of their
first check (``khabar ingest --encode``): a check then reads each candidate sentence's vector
from the store instead of encoding it (:func:`khabar.check.check_claim`), with the same
vectors, so the same labels.  Costly (the encoder reads every sentence: ~40 ms an ANT
article) and large (2 kB a distinct sentence), so asked for, never done by default."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from khabar.article import Article
from khabar.scale.analyses import run_pages, store_pages
from khabar.scale.engines import Engine

if TYPE_CHECKING:
    from khabar.store import Store

#: Articles per page read from the store and per task of an engine: a few seconds of
#: encoding, and a page's vectors (~40 kB an article) one transaction.
ARTICLES_PER_TASK = 200


def check_encoder():
    """The encoder of the check's default model (the shipped meaning model's), or None when
    this installation checks without one (the rules need no vectors)."""
    from khabar.check import default_model
    from khabar.check.meaning_model import MeaningModel
    from khabar.relate.embeddings import get_encoder

    model = default_model()
    return get_encoder(model.encoder) if isinstance(model, MeaningModel) else None


def encode_partition(articles: Sequence[Article]) -> tuple[list[str], list[tuple[int, bytes]]]:
    """(the ids of ``articles``, ``(digest, vector bytes)`` of their sentences as the check
    reads them), one encoder batch."""
    from khabar.check.meaning import article_encoded_texts
    from khabar.check.retrieve import doc_from_article

    encoder = check_encoder()
    texts = [t for a in articles for t in article_encoded_texts(doc_from_article(a))]
    return [a.id for a in articles], encoder.kept_rows(texts) if encoder is not None else []


def encode_store(store: Store, *, engine: Engine | None = None, per_task: int = ARTICLES_PER_TASK) -> int:
    """Encode the sentences of the stored articles that this encoder has not encoded and
    keep their vectors (a page at a time, each page's vectors with its articles' marks in
    one transaction: a run stopped midway resumes where it stopped); how many articles were
    encoded (0 when the check uses no encoder).  ``engine`` runs a page per worker at a
    time; None: this process."""
    encoder = check_encoder()
    if encoder is None:
        return 0
    version = encoder.version()
    pages = store_pages(lambda after: store.unencoded_articles(encoder=version, limit=per_task, after=after))
    return sum(
        store.save_sentence_vectors(ids, rows, encoder=version) for ids, rows in run_pages(encode_partition, pages, engine)
    )
