"""The spent news gold as training sentences of the name CRF (issue 17, session 19)."""

import json

import numpy as np
import pytest

from khabar.errors import InputError, OptionsError
from khabar.extract.tagger import train
from khabar.extract.tagger.train import in_anercorp_rulings, load_clusters, news_gold_sentences, read_ant_words


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


def test_the_unspent_names_splits_are_the_ones_labelled_after_the_last_judge():
    # fresh45, fresh46 and fresh47 judged the office-head and short-name rules (session 37,
    # withdrawn): spent; fresh48, fresh49 and fresh50 (labelled in session 37) wait for their judge
    assert train.UNSPENT_NEWS_SPLITS == frozenset({"fresh48", "fresh49", "fresh50"})


@pytest.mark.parametrize("unspent", sorted(train.UNSPENT_NEWS_SPLITS))  # the guard's own set, not a patched one
def test_an_unspent_split_is_never_trained_on(gold, tmp_path, unspent):
    # a library error the CLI reports (exit 2), never SystemExit: a caller can catch it
    with pytest.raises(OptionsError, match=unspent):
        news_gold_sentences(gold, f"fresh3,{unspent}", shared=tmp_path, root=tmp_path)


def test_a_file_of_cluster_tables_alone_is_no_first_stage_to_reuse(tmp_path):
    # `khabar train ner --clusters F` with tables written apart from any model (new cluster
    # levels, scripts/ner_cluster_levels.py) trains both stages instead of failing on F
    from khabar.extract.tagger.crf import Model
    from khabar.extract.tagger.train import _same_first_model

    tables = tmp_path / "tables.npz"
    np.savez(tables, **Model.load().clusters.arrays())
    assert load_clusters(tables).sizes == Model.load().clusters.sizes
    assert _same_first_model(tables, tmp_path / "train.txt") is None


def test_bad_training_inputs_raise_input_errors_naming_the_input(tmp_path):
    np.savez(tmp_path / "plain.npz", weights=np.zeros(2))
    with pytest.raises(InputError, match="plain.npz: holds no word clusters"):
        load_clusters(tmp_path / "plain.npz")
    with pytest.raises(InputError, match="no ANT articles"):
        read_ant_words(tmp_path)


def _bio(text):
    return [tuple(pair.split("/")) for pair in text.split()]


#: ANERcorp-like sentences: "قطاع" never a name, "الجيش الاسراءيلي" left unnamed, "دولار" MISC.
ANERCORP = [
    _bio("قال/O الجيش/O الاسراءيلي/O ان/O قطاع/O غزه/B-LOC هادء/O"),
    _bio("دخل/O الجيش/O الاسراءيلي/O قطاع/O غزه/B-LOC بمليون/O دولار/B-MISC"),
    _bio("زار/O قطاع/O رفح/B-LOC مع/O دولار/B-MISC"),
    _bio("فتح/O الباب/O وفتح/O المعبر/O فتح/O الطريق/O"),
]


def test_the_news_gold_is_relabelled_as_anercorp_labels_it():
    news = [
        _bio("قصف/O الجيش/B-ORG الاسراءيلي/I-ORG قطاع/B-LOC خان/I-LOC يونس/I-LOC بمليون/O دولار/O"),
        _bio("قالت/O فتح/B-ORG ان/O دونالد/B-PERS ترامب/I-PERS زار/O قطاع/B-LOC غزه/I-LOC"),
    ]
    first, second = (dict(s) for s in in_anercorp_rulings(news, ANERCORP))
    assert first["الجيش"] == first["الاسراءيلي"] == "O"  # a span ANERcorp leaves unnamed twice
    assert first["قطاع"] == "O" and first["خان"] == "B-LOC" and first["يونس"] == "I-LOC"  # its head word dropped
    assert first["دولار"] == "B-MISC"  # the news gold has no MISC
    assert second["قطاع"] == "O" and second["غزه"] == "B-LOC"  # the span as ANERcorp labels it
    assert second["فتح"] == "B-ORG"  # one word ANERcorp writes as a verb keeps its gold name
    assert second["دونالد"] == "B-PERS" and second["ترامب"] == "I-PERS"


def test_the_news_domain_learns_its_conventions_without_changing_anercorps_view():
    pytest.importorskip("pycrfsuite")
    from khabar.extract.tagger.crf import Tagger
    from khabar.extract.tagger.train import make_model, train_crf, train_crf_views

    anercorp = ANERCORP[:2] * 6  # ANERcorp leaves "الجيش الاسراءيلي" unnamed
    news = [_bio("قصف/O الجيش/B-ORG الاسراءيلي/I-ORG مدينة/O غزه/B-LOC")] * 6  # the news gold names it
    views, labels = train_crf_views(anercorp, None, news=news, c1=0.0, iterations=60)
    tag = {v: Tagger(make_model(views[v], labels, None)[0]).tag([["قال", "الجيش", "الاسراءيلي", "امس"]])[0] for v in views}
    assert tag["news"][1:3] == ["B-ORG", "I-ORG"]  # the news copies carry the news gold's ruling
    assert tag["anercorp"][1:3] == ["O", "O"]  # the shared weights keep ANERcorp's
    # train_crf gives the news view when given news sentences
    alone, _ = train_crf(anercorp, None, news=news, c1=0.0, iterations=60)
    assert np.array_equal(alone["weights"], views["news"]["weights"])


def test_a_larger_copy_scale_leaves_more_of_the_news_ruling_to_the_copies():
    pytest.importorskip("pycrfsuite")
    from khabar.extract.tagger.crf import OFFSETS, stable_hash
    from khabar.extract.tagger.train import train_crf_views

    anercorp = ANERCORP[:2] * 6
    news = [_bio("قصف/O الجيش/B-ORG الاسراءيلي/I-ORG مدينة/O غزه/B-LOC")] * 6

    def org_weight(scale):
        views, labels = train_crf_views(anercorp, None, news=news, copy_scale=scale, c1=0.0, iterations=60)
        out = {}
        for view, arrays in views.items():
            row = int(np.searchsorted(arrays["keys"], np.uint64(stable_hash("w=الجيش"))))
            out[view] = arrays["weights"][row, OFFSETS.index(0), labels.index("B-ORG")]
        return out

    one, four = org_weight(1.0), org_weight(4.0)
    assert four["anercorp"] < one["anercorp"]  # the shared weight moved less toward the news ruling
    assert four["news"] > 0 and one["news"] > 0


def test_naming_no_organisation_keeps_only_the_sentences_without_an_organisation():
    from khabar.extract.tagger.train import naming_no_organisation

    with_body = _bio("قال/O الاتحاد/B-ORG الدولي/I-ORG في/O باريس/B-LOC")
    plain = _bio("وصل/O دونالد/B-PERS ترامب/I-PERS الى/O بغداد/B-LOC")
    assert naming_no_organisation([with_body, plain, with_body]) == [plain]
