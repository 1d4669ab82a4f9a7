"""Letter n-gram levels of words the training text never wrote: learned from labelled
sentences, none for a training word, shipped as hashes, read by the decoder as CRFsuite
reads them."""

from __future__ import annotations

import numpy as np

from khabar.extract.tagger.crf import Model, Tagger, name_word, stable_hash, token_features
from khabar.extract.tagger.letter_grams import build_letter_grams, grams
from khabar.extract.tagger.name_parts import NameParts
from khabar.extract.tagger.train import learn_name_parts, make_model

# Sentences written for these tests: Slavic-looking surnames as persons, plain words not.
LABELLED = [
    [("قال", "O"), ("إيفان", "B-PERS"), ("بتروفيتش", "I-PERS"), ("في", "O"), ("المدينة", "O")],
    [("وأكد", "O"), ("دراغان", "B-PERS"), ("ميلوفيتش", "I-PERS"), ("أن", "O"), ("الاجتماع", "O"), ("انتهى", "O")],
    [("أعلنت", "O"), ("اللجنة", "O"), ("أن", "O"), ("الاجتماع", "O"), ("تأجل", "O")],
    [("زار", "O"), ("زوران", "B-PERS"), ("يوفانوفيتش", "I-PERS"), ("المدينة", "O"), ("أمس", "O")],
]


def level(table, word):
    found = [v for f, v in table.attributes_many([name_word(word)], stable_hash)[0] if f == "ngP"]
    return int(found[0]) if found else None


def test_an_unseen_word_sharing_person_letters_gets_a_high_level_and_a_plain_one_a_low_one():
    table = build_letter_grams(LABELLED, name_word=name_word, hash_word=stable_hash)
    assert level(table, "رادوفيتش") >= 3  # "...وفيتش$" of three persons
    assert level(table, "والاجتماعات") == level(table, "الاجتماعات") < level(table, "رادوفيتش")


def test_a_word_of_the_training_text_gets_none_with_or_without_its_proclitic():
    table = build_letter_grams(LABELLED, name_word=name_word, hash_word=stable_hash)
    assert level(table, "ميلوفيتش") is None and level(table, "وميلوفيتش") is None
    assert level(table, "ستويانوفيتش") is not None


def test_short_latin_and_unknown_letter_words_get_none():
    table = build_letter_grams(LABELLED, name_word=name_word, hash_word=stable_hash)
    assert level(table, "قد") is None and level(table, "Ivan") is None
    assert grams("قد") == ["^قد", "قد$", "^قد$"]


def test_the_table_holds_hashes_not_words_and_survives_the_model_file():
    table = learn_name_parts(LABELLED, name_parts=False, letter_grams=True)
    arrays = table.arrays()
    assert all(a.dtype != np.dtype("O") and a.dtype.kind != "U" for a in arrays.values())
    again = NameParts.from_arrays(arrays)
    words = [name_word(w) for w in ("رادوفيتش", "الاجتماعات", "ميلوفيتش")]
    assert again.attributes_many(words, stable_hash) == table.attributes_many(words, stable_hash)
    assert NameParts.from_arrays({}) is None


def test_decoder_reads_letter_grams_as_crfsuite_does(tmp_path, crfsuite_model):
    table = learn_name_parts(LABELLED, name_parts=False, letter_grams=True)
    featurize = lambda tokens: token_features(tokens, None, table)  # noqa: E731
    reference, arrays, labels = crfsuite_model(LABELLED, featurize, tmp_path / "m.crfsuite")
    model, full, _ = make_model({**arrays, **table.arrays()}, labels, None)
    model.name_parts = NameParts.from_arrays(full)  # (as scripts/ner_letter_grams.py reads a fold's file)
    assert isinstance(model, Model) and model.name_parts.grams is not None
    unseen = [["وقال", "رادوفيتش", "إن", "الاجتماعات", "انتهت"], ["زار", "بوريس", "المدينة"]]
    expected = [reference.tag(token_features(s, None, table)) for s in unseen]
    assert Tagger(model).tag(unseen, consistent=False) == expected
    assert token_features(unseen[0], None, table) != token_features(unseen[0], None)
