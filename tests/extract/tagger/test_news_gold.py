"""The spent news gold as training sentences of the name CRF (issue 17, session 19)."""

import json

import numpy as np
import pytest

from khabar.errors import InputError, OptionsError
from khabar.extract.tagger.train import load_clusters, news_gold_sentences, read_ant_words


@pytest.fixture
def gold(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_text(
        "زيارة إلى بغداد\n\nوصل دونالد ترامب إلى بغداد أمس. والتقى وزير الخارجية العراقية هناك.\n", encoding="utf-8"
    )
    entities = [
        {"cluster": "trump", "kind": "person", "text": "دونالد ترامب"},
        {"cluster": "baghdad", "kind": "place", "text": "بغداد"},
        {"cluster": "iraq-fm", "kind": "organisation", "text": "الخارجية العراقية"},
    ]
    path = tmp_path / "names.json"
    entry = {"path": "articles/a.txt", "quotes": [], "claims": [], "dates": [], "entities": entities}
    path.write_text(json.dumps({"version": 1, "articles": [{**entry, "split": "fresh3"}, {**entry, "split": "fresh4"}]}), encoding="utf-8")
    return path


def test_gold_mentions_become_bio_tags_of_the_normalized_tokens(gold, tmp_path):
    sentences = news_gold_sentences(gold, "fresh3", shared=tmp_path, root=tmp_path)
    tagged = {w: t for s in sentences for w, t in s}
    assert tagged["دونالد"] == "B-PERS" and tagged["ترامب"] == "I-PERS"
    assert tagged["بغداد"] == "B-LOC"
    assert tagged["الخارجيه"] == "B-ORG" and tagged["العراقيه"] == "I-ORG"  # normalized, as the tagger reads them
    assert tagged["وصل"] == "O" and tagged["وزير"] == "O"
    assert len(sentences) == 3  # the title and the body's two sentences, of one split only


def test_an_unspent_split_is_never_trained_on(gold, tmp_path):
    # a library error the CLI reports (exit 2), never SystemExit: a caller can catch it
    with pytest.raises(OptionsError, match="fresh20"):
        news_gold_sentences(gold, "fresh3,fresh20", shared=tmp_path, root=tmp_path)


def test_bad_training_inputs_raise_input_errors_naming_the_input(tmp_path):
    np.savez(tmp_path / "plain.npz", weights=np.zeros(2))
    with pytest.raises(InputError, match="plain.npz: holds no word clusters"):
        load_clusters(tmp_path / "plain.npz")
    with pytest.raises(InputError, match="no ANT articles"):
        read_ant_words(tmp_path)
