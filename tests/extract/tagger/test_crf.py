"""The name tagger's run-time decoder: the same tags as CRFsuite, from exported arrays."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.errors import InputError
from khabar.extract.tagger.crf import (
    FORMAT,
    OFFSETS,
    VERSION,
    _PAD,
    _batched_paths,
    _best_paths,
    _emissions,
    _token_rows,
    Model,
    Tagger,
    name_word,
    precompute_words,
    propagate_names,
    stable_hash,
    summed_in_order,
    tag_sentences,
    token_features,
)
from khabar.extract.tagger.train import make_model, save_model
from khabar.text.ar.normalize import normalize

pycrfsuite = pytest.importorskip("pycrfsuite")

# A tiny labelled sample written for these tests.
SAMPLE = [
    [("قال", "O"), ("سامر", "B-PERS"), ("الخطيب", "I-PERS"), ("في", "O"), ("حمص", "B-LOC"), (".", "O")],
    [("زار", "O"), ("ماهر", "B-PERS"), ("عكاري", "I-PERS"), ("مدينة", "O"), ("درعا", "B-LOC"), (".", "O")],
    [("أعلنت", "O"), ("منظمة", "B-ORG"), ("الإغاثة", "I-ORG"), ("العربية", "I-ORG"), ("عن", "O"), ("مساعدات", "O"), (".", "O")],
    [("وصل", "O"), ("سامر", "B-PERS"), ("إلى", "O"), ("بيروت", "B-LOC"), ("أمس", "O"), (".", "O")],
    [("قالت", "O"), ("منظمة", "B-ORG"), ("الإغاثة", "I-ORG"), ("إن", "O"), ("درعا", "B-LOC"), ("تحتاج", "O"), ("دعما", "O"), (".", "O")],
]
UNSEEN = [
    ["قال", "ماهر", "الخطيب", "إن", "بيروت", "هادئة", "."],
    ["وزار", "سامر", "عكاري", "مدينة", "حمص", "."],
    ["أعلنت", "منظمة", "الإغاثة", "عن", "مساعدات", "في", "درعا", "وبيروت", "."],
]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, crfsuite_model):
    """A CRF trained by CRFsuite on SAMPLE, opened both by CRFsuite and by khabar."""
    path = tmp_path_factory.mktemp("crf") / "sample.crfsuite"
    reference, weights, labels = crfsuite_model(SAMPLE, lambda tokens: token_features(tokens, None), path)
    model, arrays, meta = make_model(weights, labels, None)
    return reference, model, arrays, meta


def test_decoder_gives_crfsuite_tags(trained):
    reference, model, _, _ = trained
    tagger = Tagger(model)
    expected = [reference.tag(token_features(s, None)) for s in UNSEEN]
    assert tagger.tag(UNSEEN, consistent=False) == expected
    # one sentence at a time (another batch shape) gives the same
    assert [tagger.tag([s], consistent=False)[0] for s in UNSEEN] == expected


def test_cached_words_give_the_same_tags_on_a_second_call(trained):
    _, model, _, _ = trained
    tagger = Tagger(model)
    first = tagger.tag(UNSEEN)
    assert tagger.tag(list(reversed(UNSEEN))) == list(reversed(first))


def test_empty_sentences_get_no_tags(trained):
    _, model, _, _ = trained
    assert Tagger(model).tag([[], ["قال", "سامر"], []])[0::2] == [[], []]


def test_saved_model_loads_with_the_same_weights(trained, tmp_path):
    reference, _, arrays, meta = trained
    path = tmp_path / "m.npz"
    save_model(arrays, meta, path)
    loaded = Tagger(Model.load(path))
    assert loaded.tag(UNSEEN, consistent=False) == [reference.tag(token_features(s, None)) for s in UNSEEN]


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, meta=np.frombuffer(b'{"format": "something-else"}', dtype=np.uint8))
    with pytest.raises(InputError, match="not a khabar name-tagger model"):
        Model.load(path)


def test_a_damaged_model_file_is_an_input_error(tmp_path):
    path = tmp_path / "broken.npz"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="broken.npz"):
        Model.load(path)


def test_stable_hash_is_fixed_across_runs():
    # pinned: a change of hash would silently misread every shipped model
    assert stable_hash("0:w=قال") == stable_hash("0:w=قال")
    assert stable_hash("") == 0xB4B2797457A0A6E4


def test_plain_hashes_are_the_stable_hashes_of_plain_words_and_zero_for_others():
    from khabar.extract.tagger.hashing import plain_hashes

    words = ["بيروت", "والرئيس", "2024", "سامر٣", "«عون»", "عون.", "", "ـ", "abc"]
    assert plain_hashes(words) == [stable_hash(w) if w.isalnum() else 0 for w in words]
    assert plain_hashes(words)[0] != 0 and plain_hashes(words)[4] == 0


def test_plain_hash_array_holds_the_plain_hashes_as_uint64():
    from khabar.extract.tagger.hashing import plain_hash_array, plain_hashes

    words = ["بيروت", "«عون»", "", "abc", "ـ"]
    found = plain_hash_array(words)
    assert found.dtype == np.uint64 and found.shape == (5,)
    assert found.tolist() == plain_hashes(words) and found[0] != 0 and found[1] == 0
    assert plain_hash_array([]).shape == (0,)


def test_shipped_model_tags_a_person_and_a_place():
    tags = tag_sentences([["وقال", "الرئيس", "اللبناني", "ميشال", "عون", "في", "بيروت", "."]])[0]
    assert tags[3:5] == ["B-PERS", "I-PERS"] and tags[6] == "B-LOC"


def test_a_person_found_once_is_found_again_in_the_document():
    sentences = [["قال", "المدرب", "إن", "إيتو", "سيغيب", "."], ["وتعرض", "إيتو", "للإصابة", "."]]
    tags = [["O", "O", "O", "B-PERS", "O", "O"], ["O", "O", "O", "O"]]
    assert propagate_names(sentences, tags)[1] == ["O", "B-PERS", "O", "O"]


def test_propagation_reads_past_a_clitic_and_keeps_places_to_the_tagger():
    sentences = [["زار", "منظمة", "الإغاثة", "و", "حمص"], ["وقالت", "لمنظمة", "الإغاثة", "في", "حمص"]]
    tags = [["O", "B-ORG", "I-ORG", "O", "B-LOC"], ["O", "O", "O", "O", "O"]]
    assert propagate_names(sentences, tags)[1] == ["O", "B-ORG", "I-ORG", "O", "O"]


def test_a_name_is_not_found_again_over_a_token_of_another_name():
    sentences = [["قال", "سامر", "خليل"], ["في", "مستشفى", "سامر", "خليل", "و", "سامر", "خليل"], ["سامر", "خليل", "عاد"]]
    tags = [["O", "B-PERS", "I-PERS"], ["O", "B-ORG", "I-ORG", "O", "O", "O", "O"], ["O", "O", "O"]]
    got = propagate_names(sentences, tags)
    assert got[1] == ["O", "B-ORG", "I-ORG", "O", "O", "B-PERS", "I-PERS"]  # the first run overlaps the hospital
    assert got[2] == ["B-PERS", "I-PERS", "O"]


def test_a_persons_last_word_is_found_again_alone_where_the_gate_accepts_it():
    sentences = [["وقال", "سيغموند", "فرويد", "إن", "الحلم", "رسالة"], ["وأضاف", "فرويد", "أن", "الكبت", "ضار"]]
    tags = [["O", "B-PERS", "I-PERS", "O", "O", "O"], ["O", "O", "O", "O", "O"]]
    assert propagate_names(sentences, tags)[1] == ["O"] * 5  # without a gate, whole names only
    assert propagate_names(sentences, tags, lambda word: True)[1] == ["O", "B-PERS", "O", "O", "O"]
    assert propagate_names(sentences, tags, lambda word: False)[1] == ["O"] * 5
    # a first word is not found again alone ("سيغموند")
    assert propagate_names([sentences[0], ["قال", "سيغموند"]], [tags[0], ["O", "O"]], lambda word: True)[1] == ["O", "O"]


def test_a_surname_stands_alone_unless_a_given_name_title_or_word_rarely_in_a_name():
    tagger = Tagger(Model.load())
    assert tagger._surname_alone(name_word("سكريبال"))  # too rare in ANT to be rated: may stand
    assert not tagger._surname_alone(name_word("محمد"))  # a given name alone is anyone
    assert not tagger._surname_alone(name_word("الشيخ"))  # a title, with or without the article
    assert not tagger._surname_alone(name_word("الورود"))  # ANT's first tagger almost never names it


def test_every_row_is_made_with_its_name_word():
    # a document's names are found again by its rows' name words (Tagger._propagated):
    # each row gets its word without proclitics when it is made, punctuation and padding 0
    words = ["ايتو", "وايتو", "لايتو", "فبايتو", "بيتو", "ايتوا", "الايتو", "سامر", "وسامر", "للسامر", "."]
    tagger = Tagger(Model.load())
    tagger._add_rows(words)
    ids = [int(tagger._name_ids[tagger._index[w]]) for w in words]
    assert [tagger._name_words[k] for k in ids] == [name_word(w) for w in words]
    assert len({ids[0], ids[1], ids[2], ids[3]}) == 1 and ids[7] == ids[8] == ids[9] != ids[0]
    assert ids[-1] == 0 and tagger._name_words[0] == ""


def test_a_function_word_is_never_propagated():
    sentences = [["في", "بيروت"], ["في", "دمشق"]]
    assert propagate_names(sentences, [["B-PERS", "O"], ["O", "O"]])[1] == ["O", "O"]


def test_precomputed_word_weights_give_the_same_tags(trained):
    _, model, arrays, meta = trained
    words = [w for s in UNSEEN for w in s]
    with_table = Model({**arrays, **precompute_words(model, words)}, meta, source="<test>")
    assert with_table.known_word("عكاري") is not None and with_table.known_word("(") is None
    assert Tagger(with_table).tag(UNSEEN) == Tagger(model).tag(UNSEEN)


def test_every_float16_is_read_as_numpys_float32_of_it():
    from khabar.extract.tagger.crf import half_to_single

    bits = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16)
    table = half_to_single()
    assert table.dtype == np.float32 and np.array_equal(table.view(np.uint32), bits.view(np.float16).astype(np.float32).view(np.uint32))


def test_a_batch_of_table_words_and_others_gets_each_words_float16_sums(trained):
    # the table's rows read by their bits for the whole batch; a word out of the table has
    # its own sums, not the row it read first
    _, model, arrays, meta = trained
    table_words = [normalize(w) for w in ("عكاري", "بيروت", "منظمة")]
    with_table = Model({**arrays, **precompute_words(model, table_words)}, meta, source="<test>")
    batch = [normalize(w) for w in ("قال", "عكاري", "(", "بيروت", "جديدة", "منظمة")]
    tagger, alone = Tagger(with_table), Tagger(model)
    tagger._add_rows(batch)
    for word in batch:
        expected = alone._table[alone._row(word)]
        if word in table_words:
            expected = expected.astype(np.float16).astype(np.float32)
            assert tagger._opens[tagger._row(word)] == alone._opens[alone._row(word)]
        assert np.array_equal(tagger._table[tagger._row(word)].view(np.uint32), expected.view(np.uint32)), word


def test_a_model_trained_with_word_pairs_is_refused():
    # word pairs were tried and dropped (docs/ner.md): a file holding them would tag wrongly
    meta = {"format": FORMAT, "version": VERSION, "offsets": list(OFFSETS), "labels": ["O"], "pairs": True}
    arrays = {"transitions": np.zeros((1, 1)), "bias": np.zeros(1), "keys": np.zeros(0, np.uint64), "weights": np.zeros((0, len(OFFSETS), 1))}
    with pytest.raises(InputError, match="word pairs"):
        Model(arrays, meta, source="<test>")


def test_a_model_trained_with_tag_rates_as_attributes_is_refused():
    # the tag rates as attributes were tried and dropped (scripts/ner_tried/README.md): the
    # tagger no longer computes them, so such a file's weights for them would go unread
    meta = {"format": FORMAT, "version": VERSION, "offsets": list(OFFSETS), "labels": ["O"], "tag_rates": True}
    arrays = {"transitions": np.zeros((1, 1)), "bias": np.zeros(1), "keys": np.zeros(0, np.uint64), "weights": np.zeros((0, len(OFFSETS), 1))}
    with pytest.raises(InputError, match="tag rates"):
        Model(arrays, meta, source="<test>")


def test_a_model_trained_with_document_cues_is_refused():
    # the document's own cues were tried and dropped (scripts/ner_tried/README.md, session 31):
    # the decoder no longer adds their weights, so such a file would tag without them
    meta = {"format": FORMAT, "version": VERSION, "offsets": list(OFFSETS), "labels": ["O"]}
    arrays = {"transitions": np.zeros((1, 1)), "bias": np.zeros(1), "keys": np.zeros(0, np.uint64), "weights": np.zeros((0, len(OFFSETS), 1))}
    assert Model(arrays, meta, source="<test>").labels == ("O",)
    with pytest.raises(InputError, match="document cues"):
        Model(arrays, meta | {"document_cues": True}, source="<test>")


def test_a_model_with_a_network_beside_the_crf_is_refused():
    # the network was tried and dropped (scripts/ner_tried/README.md): the decoder no longer
    # adds its scores, so a file carrying one would tag without what it was tuned with
    meta = {"format": FORMAT, "version": VERSION, "offsets": list(OFFSETS), "labels": ["O", "B-PERS"]}
    plain = {"transitions": np.zeros((2, 2)), "bias": np.zeros(2), "keys": np.zeros(0, np.uint64), "weights": np.zeros((0, len(OFFSETS), 2))}
    assert Model(plain, meta, source="<test>").labels == ("O", "B-PERS")
    with pytest.raises(InputError, match="network"):
        Model(plain | {"nn_emb": np.zeros((4, 8), np.int8)}, meta, source="<test>")


def test_the_shipped_model_is_mapped_with_the_arrays_np_load_reads(tmp_path):
    """The shipped model's arrays, mapped from the file, hold what np.load reads; a file
    with a compressed member is not mapped (it is read whole instead)."""
    from importlib import resources

    from khabar.extract.tagger.crf import MODEL_FILE, _mapped_arrays

    path = resources.files("khabar.extract.tagger").joinpath(f"data/{MODEL_FILE}")
    mapped = _mapped_arrays(path)
    with np.load(path, allow_pickle=False) as data:
        assert mapped is not None and sorted(mapped) == sorted(data.files)
        for name in data.files:
            assert mapped[name].dtype == data[name].dtype and np.array_equal(mapped[name], data[name])
    assert all(a.flags.aligned for a in mapped.values())  # numpy copies an unaligned array for each search
    assert not mapped["weights"].flags.writeable  # a view of the file, never written to
    compressed = tmp_path / "small.npz"
    np.savez_compressed(compressed, keys=np.arange(5, dtype=np.uint64))
    assert _mapped_arrays(compressed) is None
    plain = tmp_path / "plain.npz"
    np.savez(plain, keys=np.arange(5, dtype=np.uint64), weights=np.ones((2, 3), dtype=np.float32, order="F"))
    got = _mapped_arrays(plain)
    assert got is not None and got["keys"].tolist() == list(range(5)) and got["weights"].shape == (2, 3)


def test_bio_tags_read_as_bilou_and_back():
    from khabar.extract.tagger.crf import bilou_tags, bio_label

    bio = ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "I-ORG", "O", "I-PERS", "I-PERS"]
    bilou = bilou_tags(bio)
    # a name of one word is U-, the last word of a longer one L-; an I- after another type opens a name
    assert bilou == ["B-PERS", "I-PERS", "L-PERS", "O", "U-LOC", "U-LOC", "U-ORG", "O", "B-PERS", "L-PERS"]
    assert [bio_label(t) for t in bilou] == ["B-PERS", "I-PERS", "I-PERS", "O", "B-LOC", "B-LOC", "B-ORG", "O", "B-PERS", "I-PERS"]


def test_a_model_trained_with_bilou_labels_tags_in_bio(tmp_path, crfsuite_model):
    from khabar.extract.tagger.crf import bilou_tags, bio_label

    featurize = lambda tokens: token_features(tokens, None)  # noqa: E731
    sample = [list(zip([t for t, _ in s], bilou_tags([g for _, g in s]))) for s in SAMPLE]
    reference, weights, labels = crfsuite_model(sample, featurize, tmp_path / "bilou.crfsuite")
    assert {"U-LOC", "L-PERS"} <= set(labels)
    model, _, _ = make_model(weights, labels, None)
    expected = [[bio_label(t) for t in reference.tag(featurize(s))] for s in UNSEEN]
    tagger = Tagger(model)
    assert tagger.tag(UNSEEN, consistent=False) == expected
    assert not any(t[:2] in ("L-", "U-") for s in tagger.tag(UNSEEN) for t in s)
    # the chunks are those of the BIO tags
    from khabar.extract.tagger.crf import _chunk_spans, _normalized

    assert tagger.chunks([[_normalized(t) for t in s] for s in UNSEEN]) == [_chunk_spans(t) for t in tagger.tag(UNSEEN)]


def test_a_person_cut_at_a_name_particle_takes_the_next_word():
    from khabar.extract.tagger.crf import bare_norm, extend_over_particles

    def extend(words, found):
        return extend_over_particles(found, [bare_norm(w) for w in words])

    words = ["تولى", "علي", "بن", "أبي", "طالب", "الخلافة", "."]
    # "بن" then "أبي" are particles: the name runs on to "طالب" and stops there
    assert extend(words, [("PERS", 1, 3)]) == [("PERS", 1, 5)]
    assert extend(words, [("PERS", 1, 5)]) == [("PERS", 1, 5)]
    # a particle with a clitic on it ("لأبي"), and a place is left as found
    assert extend(["كتاب", "لأبي", "حامد", "."], [("PERS", 1, 2)]) == [("PERS", 1, 3)]
    assert extend(["كتاب", "لأبي", "حامد", "."], [("LOC", 1, 2)]) == [("LOC", 1, 2)]
    # never over a function word, punctuation, or into the next name
    assert extend(["قال", "أبو", "في", "بيان"], [("PERS", 1, 2)]) == [("PERS", 1, 2)]
    assert extend(["قال", "أبو", "،", "ثم"], [("PERS", 1, 2)]) == [("PERS", 1, 2)]
    assert extend(["زار", "ابن", "حلب"], [("PERS", 1, 2), ("LOC", 2, 3)]) == [("PERS", 1, 2), ("LOC", 2, 3)]


def test_the_tagger_reads_a_person_cut_at_a_particle_whole():
    # a hand-made model: "سامر" opens a person, "بن" continues it, every other word is O
    labels = ["O", "B-PERS", "I-PERS"]
    rows = {"w=سامر": 1, "w=بن": 2}
    keys = sorted(stable_hash(a) for a in rows)
    weights = np.zeros((len(keys), 5, 3), dtype=np.float32)
    for attribute, label in rows.items():
        weights[keys.index(stable_hash(attribute)), 2, label] = 5.0  # offset 0
    arrays = {"bias": np.array([1.0, 0, 0], np.float32), "transitions": np.zeros((3, 3), np.float32),
              "keys": np.array(keys, dtype=np.uint64), "weights": weights}
    model, _, _ = make_model(arrays, labels, None)
    tagger = Tagger(model)
    sentence = ["قال", "سامر", "بن", "ماهر", "."]
    assert tagger.tag([sentence], consistent=False)[0] == ["O", "B-PERS", "I-PERS", "O", "O"]
    assert tagger.tag([sentence])[0] == ["O", "B-PERS", "I-PERS", "I-PERS", "O"]
    assert tagger.chunks([[normalize(w) for w in sentence]])[0] == [("PERS", 1, 4)]


def test_a_person_begins_at_ali_written_with_yeh_never_at_the_preposition():
    from khabar.extract.tagger.crf import start_at_written_ali

    # "علي" (final yeh) just before a person is the person's first name
    assert start_at_written_ali([("PERS", 2, 4)], ["قال", "علي", "عبد", "الله"]) == [("PERS", 1, 4)]
    # with short-vowel marks on it too
    assert start_at_written_ali([("PERS", 2, 3)], ["قال", "عَلِي", "صالح"]) == [("PERS", 1, 3)]
    # "على" (alef maqsura) is the preposition: it never begins a person, and is taken off one
    assert start_at_written_ali([("PERS", 2, 3)], ["رد", "على", "صالح"]) == [("PERS", 2, 3)]
    assert start_at_written_ali([("PERS", 1, 3)], ["رد", "على", "صالح"]) == [("PERS", 2, 3)]
    assert start_at_written_ali([("PERS", 1, 2), ("LOC", 3, 4)], ["رد", "على", "في", "حلب"]) == [("LOC", 3, 4)]
    # never before a place, nor over a word of another name
    assert start_at_written_ali([("LOC", 1, 2)], ["علي", "حلب"]) == [("LOC", 1, 2)]
    assert start_at_written_ali([("ORG", 0, 2), ("PERS", 2, 3)], ["مؤسسة", "علي", "صالح"]) == [("ORG", 0, 2), ("PERS", 2, 3)]


def test_the_tagger_reads_ali_as_written():
    # a hand-made model: "صالح" is a person, every other word is O
    labels = ["O", "B-PERS", "I-PERS"]
    keys = [stable_hash("w=صالح")]
    weights = np.zeros((1, 5, 3), dtype=np.float32)
    weights[0, 2, 1] = 5.0  # offset 0
    arrays = {"bias": np.array([1.0, 0, 0], np.float32), "transitions": np.zeros((3, 3), np.float32),
              "keys": np.array(keys, dtype=np.uint64), "weights": weights}
    model, _, _ = make_model(arrays, labels, None)
    tagger = Tagger(model)
    # the same normalized words, told apart as written
    assert tagger.tag([["قال", "علي", "صالح", "."]])[0] == ["O", "B-PERS", "I-PERS", "O"]
    assert tagger.tag([["رد", "على", "صالح", "."]])[0] == ["O", "O", "B-PERS", "O"]
    norm = [["قال", "علي", "صالح", "."]]
    assert tagger.chunks(norm, [["قال", "علي", "صالح", "."]]) == [[("PERS", 1, 3)]]
    assert tagger.chunks(norm, [["قال", "على", "صالح", "."]]) == [[("PERS", 2, 3)]]
    assert tagger.chunks(norm) == [[("PERS", 2, 3)]]


def test_a_model_with_clusters_of_bare_words_and_cue_rates_decodes_as_crfsuite(tmp_path, crfsuite_model):
    from khabar.extract.tagger.crf import Clusters, name_word
    from khabar.extract.tagger.train import build_cue_table, load_clusters

    docs = [[normalize(t) for t, _ in s] for s in SAMPLE] * 5
    words = sorted({name_word(w) for d in docs for w in d} - {""})
    keys = np.array(sorted(stable_hash(w) for w in words), dtype=np.uint64)
    codes = (np.arange(len(keys) * 2, dtype=np.uint16) % 3).reshape(-1, 2)
    clusters = Clusters(keys, codes, (2, 3), bare=Clusters(keys, codes[:, ::-1].copy(), (2, 3)), cues=build_cue_table(docs))
    feats = token_features([t for t, _ in SAMPLE[0]], clusters)
    assert any(":b3=" in f for fs in feats for f in fs) and any(":qv=" in f for fs in feats for f in fs)
    featurize = lambda tokens: token_features(tokens, clusters)  # noqa: E731
    reference, weights, labels = crfsuite_model(SAMPLE, featurize, tmp_path / "bare.crfsuite")
    model, arrays, meta = make_model(weights, labels, clusters)
    save_model(arrays, meta, tmp_path / "bare.npz")
    loaded = Model.load(tmp_path / "bare.npz")
    assert loaded.clusters.bare is not None and loaded.clusters.cues is not None
    assert load_clusters(tmp_path / "bare.npz").cues is not None
    expected = [reference.tag(featurize(s)) for s in UNSEEN]
    assert Tagger(loaded).tag(UNSEEN, consistent=False) == expected


def test_the_model_files_word_rows_are_the_rows_a_word_gets_when_met(corpora_dir):
    # the table of ANT words' attribute rows (WordRows) must give every word it holds the
    # rows the tagger would compute for it now, in the same order (the same float sums);
    # a stemmer, clitic or cluster change that makes it stale fails here
    import khabar
    from khabar.extract.tagger.crf import attribute_rows_many, get_tagger, joined_rows
    from khabar.extract.tagger.hashing import stable_hash
    from khabar.text.ar.tokenize import words

    tagger = get_tagger()
    model = tagger.model
    assert model.word_rows is not None
    files = sorted((corpora_dir / "ant").glob("*/*/*.txt"))[::500]
    vocabulary = sorted({w for a in khabar.read(files, errors="skip") for w in words(a.body) if w.isalnum()})
    at = model.word_rows.find([stable_hash(w) for w in vocabulary])
    filed = [(w, i) for w, i in zip(vocabulary, at) if i >= 0]
    assert len(filed) > 50
    made = attribute_rows_many(model, [w for w, _ in filed])
    for (w, i), parts in zip(filed, made):
        assert joined_rows(model.word_rows.parts(i, w, tagger._listed_rows(w))) == joined_rows(parts), w


def test_the_word_rows_of_many_words_are_read_as_each_words_slice(corpora_dir):
    # WordRows.parts_many reads the table's arrays once for many words: each word's parts
    # must be its own slice of ``rows`` split by its ``lengths``, in the order asked
    from khabar.extract.tagger.crf import _stop_form, get_tagger
    from khabar.text.ar.clitics import strip_clitics

    table = get_tagger().model.word_rows
    assert table is not None
    rng = np.random.default_rng(31)
    indices = rng.integers(0, len(table.keys), 300).tolist() + [0, len(table.keys) - 1, 0]
    words = ["بيروت" if k % 2 else "العلي" for k in range(len(indices))]
    listed = [[k] for k in range(len(indices))]
    for index, word, mine, parts in zip(indices, words, listed, table.parts_many(indices, words, listed)):
        a, b = int(table.starts[index]), int(table.starts[index + 1])
        n_own, n_codes, n_form = table.lengths[index].tolist()
        rows = table.rows[a:b].tolist()
        form_codes = rows[n_own + n_codes : n_own + n_codes + n_form]
        stop = bool(form_codes) and _stop_form(word, strip_clitics(word))
        assert parts == (rows[:n_own], mine, rows[n_own : n_own + n_codes], form_codes, stop)
    assert table.parts_many([], [], []) == []


def test_a_word_of_the_rows_table_scores_as_a_word_out_of_it(corpora_dir):
    # the same summed weights for a word whether its rows come from the table or are made
    import khabar
    from khabar.extract.tagger.crf import Model, Tagger, get_tagger
    from khabar.extract.tagger.hashing import stable_hash
    from khabar.text.ar.tokenize import words

    shipped = get_tagger().model
    plain = Model.__new__(Model)
    plain.__dict__.update(shipped.__dict__)
    plain.word_rows = None
    files = sorted((corpora_dir / "ant").glob("*/*/*.txt"))[250::500]
    vocabulary = sorted({w for a in khabar.read(files, errors="skip") for w in words(a.body)})
    filed = [w for w, i in zip(vocabulary, shipped.word_rows.find([stable_hash(w) for w in vocabulary])) if i >= 0]
    assert len(filed) > 50
    with_table, without = Tagger(shipped), Tagger(plain)
    with_table._add_rows(vocabulary)
    without._add_rows(vocabulary)
    rows = [with_table._row(w) for w in vocabulary]
    assert (with_table._table[rows] == without._table[[without._row(w) for w in vocabulary]]).all()


def _named_rows(model, tokens):
    # attribute_rows_many as it was (session 36): every attribute of every word named,
    # hashed and searched, the cluster codes named from _cluster_parts_many
    from khabar.extract.tagger.crf import _cluster_parts_many, _stop_form, attribute_name
    from khabar.extract.tagger.features import word_attributes
    from khabar.extract.tagger.hashing import find_rows

    out = []
    for t, (codes, form_codes, w, form) in zip(tokens, _cluster_parts_many(tokens, model.clusters)):
        attrs = word_attributes(t)
        k = 2
        while k < len(attrs) and not (attrs[k][0] == "G" and attrs[k][1] != "al"):
            k += 1
        rows = []
        for part in (attrs[:k], attrs[k:], codes, form_codes):
            found = find_rows(model.keys, [stable_hash(attribute_name(f, v)) for f, v in part]).tolist()
            rows.append([r for r in found if r >= 0])
        out.append((*rows, _stop_form(w, form)))
    return out


def test_new_words_attribute_rows_are_the_rows_of_their_named_attributes(corpora_dir):
    # the rows kept by attribute (AttributeRows) and the names hashed a batch at a time
    # must give each word the rows, in order, its attributes' names are filed under -- a
    # first time and again, once kept; plain words, clitics, digits, Latin, punctuation
    import khabar
    from khabar.extract.tagger.crf import AttributeRows, Model, attribute_rows_many, get_tagger
    from khabar.extract.tagger.hashing import plain_hash_array
    from khabar.text.ar.tokenize import tokenize

    shipped = get_tagger().model
    model = Model.__new__(Model)
    model.__dict__.update(shipped.__dict__)
    model.attribute_rows = AttributeRows()  # none kept yet
    files = sorted((corpora_dir / "ant").glob("*/*/*.txt"))[100::700]
    vocabulary = list(dict.fromkeys(t.norm for a in khabar.read(files, errors="skip") for t in tokenize(a.body, punctuation=True)))
    vocabulary += ["", "،", "...", "12", "١٢", "a1", "covid-19", "ب12", "بالامم", "العلي", "وبغداد", "لل", "ال", "x"]
    assert len(vocabulary) > 500
    expected = _named_rows(model, vocabulary)
    half = len(vocabulary) // 2
    assert attribute_rows_many(model, vocabulary[:half]) == expected[:half]
    assert model.attribute_rows.known  # the attributes of the first half kept
    assert attribute_rows_many(model, vocabulary) == expected
    assert attribute_rows_many(model, vocabulary[::-1]) == expected[::-1]
    # with the words' plain hashes made by the caller (0 for a word not plain), as the tagger gives them
    model.attribute_rows = AttributeRows()
    assert attribute_rows_many(model, vocabulary, plain_hash_array(vocabulary).tolist()) == expected
    assert not any(f in ("w", "s", "st", "x4") for f, *_ in model.attribute_rows.known)
    assert attribute_rows_many(model, []) == []


def test_the_attribute_rows_start_afresh_beyond_their_limit(monkeypatch):
    from khabar.extract.tagger.crf import AttributeRows, Model, attribute_rows_many, get_tagger

    shipped = get_tagger().model
    model = Model.__new__(Model)
    model.__dict__.update(shipped.__dict__)
    model.attribute_rows = AttributeRows()
    monkeypatch.setattr(AttributeRows, "LIMIT", 10)
    words = ["بيروت", "والرئيس", "مستشفيات"]
    first = attribute_rows_many(model, words[:1])
    assert len(model.attribute_rows.known) > 10
    assert attribute_rows_many(model, words) == _named_rows(model, words)
    assert attribute_rows_many(model, words[:1]) == first


def test_new_words_weights_are_summed_in_their_rows_order_as_np_add_at_sums_them():
    # the table's words were summed one row after the other: a new word's sums must be the
    # same float32 values, to the last bit, or a word would tag differently met first here
    rng = np.random.default_rng(7)
    weights = rng.standard_normal((500, 5, 9)).astype(np.float32)
    rows = [rng.integers(0, 500, int(n)).tolist() for n in rng.integers(0, 40, 60)] + [[]]
    expected = np.zeros((len(rows), 5, 9), dtype=np.float32)
    np.add.at(expected, np.repeat(np.arange(len(rows)), [len(r) for r in rows]), weights[[r for w in rows for r in w]])
    assert np.array_equal(summed_in_order(weights, rows), expected)
    assert np.array_equal(summed_in_order(weights, [tuple(r) for r in rows]), expected)
    mapped = weights.copy()
    mapped.setflags(write=False)  # as the shipped model's weights, a view of the mapped file
    assert np.array_equal(summed_in_order(mapped, rows), expected)
    assert np.array_equal(summed_in_order(weights, [[-1, 3]]), (weights[499] + weights[3])[None])
    assert not summed_in_order(weights, [[], []]).any()
    assert summed_in_order(weights, []).shape == (0, 5, 9)
    with pytest.raises(IndexError):
        summed_in_order(weights, [[1], [500]])


@pytest.mark.parametrize("seed", range(4))
def test_the_typed_viterbi_finds_the_batched_paths(seed):
    """:func:`_best_paths` (C loops when compiled, Python otherwise) and numpy's batched
    :func:`_batched_paths` give the same path, sentence by sentence, even where scores tie
    (small whole numbers: many ties; the first best label wins in both)."""
    rng = np.random.default_rng(seed)
    lengths = [0, 1, 7, 3, 12, 0, 5]
    starts, at = [], 2
    for n in lengths:
        starts.append(at)
        at += n + 4
    emit = rng.integers(-3, 4, size=(at, 9)).astype(np.float32)
    trans = rng.integers(-2, 3, size=(9, 9)).astype(np.float32)
    if seed % 2:  # and with fractions
        emit += rng.random(emit.shape, dtype=np.float32)
    batched = _batched_paths(emit, trans, starts, lengths)
    typed = _best_paths(emit, trans, starts, lengths)
    assert [p.tolist() for p in typed] == [p.tolist() for p in batched]
    assert [len(p) for p in typed] == lengths and all(p.dtype == np.int64 for p in typed)


def test_the_typed_token_rows_are_the_padded_rows_of_the_list():
    """:func:`_token_rows` (a typed loop when compiled) gives each sentence's rows between
    :data:`_PAD` padding rows, as ``Tagger._decode``'s list made them, and where each starts;
    a word the index lacks raises."""
    index = {"a": 5, "b": 6, "c": 7}
    sentences = [["a", "b"], [], ["c", "c", "a"]]
    rows, starts = _token_rows(index, sentences, 0, 1)
    expected, want = [], []
    for s in sentences:
        expected += [0] * _PAD
        want.append(len(expected))
        expected += [index[w] for w in s]
        expected += [1] * _PAD
    assert rows.dtype == np.int64 and rows.tolist() == expected and starts == want
    assert _token_rows(index, [], 0, 1)[0].tolist() == []
    with pytest.raises(KeyError):
        _token_rows(index, [["a", "z"]], 0, 1)


@pytest.mark.parametrize("seed", range(3))
def test_the_typed_emissions_are_numpys_sums_to_the_last_bit(seed):
    """:func:`_emissions` (a typed loop when compiled) adds each offset's weights of the word
    it sees and then the bias in the order numpy's slices added them: the same float32 sums."""
    rng = np.random.default_rng(seed)
    table = (rng.standard_normal((40, len(OFFSETS), 9)) * 10).astype(np.float32)
    bias = rng.standard_normal(9).astype(np.float32)
    rows = rng.integers(0, 40, 57).astype(np.int64)
    gathered = table[rows]
    expected = np.zeros((len(rows), 9), dtype=np.float32)
    for k, d in enumerate(OFFSETS):
        lo, hi = max(0, -d), len(rows) - max(0, d)
        expected[lo:hi] += gathered[lo + d : hi + d, k]
    expected += bias
    got = _emissions(table, rows, bias)
    assert got.dtype == np.float32 and np.array_equal(got.view(np.uint32), expected.view(np.uint32))
    with pytest.raises(ValueError):
        _emissions(table, np.array([0, 40], dtype=np.int64), bias)
