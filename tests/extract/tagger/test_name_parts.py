"""Name parts learned from labelled sentences: codes by type, strength and position,
jackknifed at training time, and read by the decoder as CRFsuite reads them."""

from __future__ import annotations

import numpy as np

from khabar.extract.tagger.crf import Model, Tagger, name_word, stable_hash, token_features
from khabar.extract.tagger.name_parts import build_name_parts, jackknifed
from khabar.extract.tagger.train import learn_name_parts, make_model

# Sentences written for these tests.
LABELLED = [
    [("قال", "O"), ("سامر", "B-PERS"), ("الخطيب", "I-PERS"), ("في", "O"), ("حمص", "B-LOC")],
    [("وأكد", "O"), ("سامر", "B-PERS"), ("عكاري", "I-PERS"), ("أن", "O"), ("الخطيب", "O"), ("وصل", "O")],
    [("أعلنت", "O"), ("منظمة", "B-ORG"), ("الإغاثة", "I-ORG"), ("في", "O"), ("وحمص", "B-LOC")],
    [("زار", "O"), ("ماهر", "B-PERS"), ("الخطيب", "I-PERS"), ("مدينة", "O"), ("درعا", "B-LOC")],
]


def attrs(table, word):
    return dict.fromkeys(v for _, v in table.attributes(name_word(word), stable_hash))


def test_a_first_name_is_a_strong_person_part_that_opens_names():
    table = learn_name_parts(LABELLED)
    assert list(attrs(table, "سامر")) == ["PERSa", "PERS-first"]


def test_a_word_that_is_also_an_ordinary_word_is_a_weaker_part_that_closes_names():
    # "الخطيب" closes two names and is once a plain word: 2 of 3 occurrences, under 0.75
    assert list(attrs(learn_name_parts(LABELLED), "الخطيب")) == ["PERSb", "PERS-last"]


def test_a_place_is_filed_without_its_proclitic_and_plain_words_get_nothing():
    table = learn_name_parts(LABELLED)
    assert list(attrs(table, "لحمص")) == ["LOCa"]
    assert attrs(table, "قال") == {} and attrs(table, "غريب") == {}


def test_the_table_holds_hashes_not_words():
    table = learn_name_parts(LABELLED)
    assert table.keys.dtype == np.uint64 and table.codes.dtype == np.uint8
    assert np.all(table.keys[:-1] < table.keys[1:])


def test_a_sentence_is_not_vouched_for_by_its_own_block():
    # one sentence a block: only the second sentence names "عكاري"
    alone = jackknifed(LABELLED, learn_name_parts, blocks=4)
    assert attrs(alone[1], "عكاري") == {} and attrs(alone[0], "عكاري") != {}
    # the text twice over, blocks of two sentences: the copy in another block vouches
    assert all(attrs(t, "عكاري") for t in jackknifed(LABELLED * 2, learn_name_parts, blocks=4))


def test_fewer_sentences_than_blocks_see_an_empty_table():
    assert [len(t.keys) for t in jackknifed(LABELLED[:2], learn_name_parts)] == [0, 0]


def test_min_count_drops_rare_words():
    table = build_name_parts(LABELLED, name_word=name_word, hash_word=stable_hash, min_count=2)
    assert attrs(table, "عكاري") == {} and attrs(table, "سامر") != {}


def test_decoder_reads_name_parts_as_crfsuite_does(tmp_path, crfsuite_model):
    table = learn_name_parts(LABELLED)
    featurize = lambda tokens: token_features(tokens, None, table)  # noqa: E731
    reference, arrays, labels = crfsuite_model(LABELLED, featurize, tmp_path / "m.crfsuite")
    model, _, _ = make_model({**arrays, "name_keys": table.keys, "name_codes": table.codes}, labels, None)
    assert isinstance(model, Model) and model.name_parts is not None
    unseen = [["وقال", "سامر", "درويش", "إن", "درعا", "هادئة"], ["وصل", "ماهر", "إلى", "حمص"]]
    expected = [reference.tag(token_features(s, None, table)) for s in unseen]
    assert Tagger(model).tag(unseen, consistent=False) == expected
    # without the table the features differ: the test is not vacuous
    assert token_features(unseen[0], None, table) != token_features(unseen[0], None)
