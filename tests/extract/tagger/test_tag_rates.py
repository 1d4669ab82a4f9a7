"""Tag rates: how often the first tagger finds a word of unlabeled news inside a name, and
the decoder's use of them for one-word organisations."""

from __future__ import annotations

import numpy as np
import pytest

from khabar.extract.tagger.crf import Clusters, Tagger, cluster_attributes, name_word, stable_hash, token_features
from khabar.extract.tagger.tag_rates import KINDS, build_tag_rates
from khabar.extract.tagger.train import make_model, with_tag_table

# Sentences written for these tests, with the tags a first tagger might have given them:
# "الهلال" a club nearly always, "الاتفاق" (the agreement) never a name, "سلوم" a person.
TAGGED = [
    (["فاز", "الهلال", "على", "ضيفه", "."], ["O", "B-ORG", "O", "O", "O"]),
    (["وقال", "سلوم", "إن", "الاتفاق", "صامد", "."], ["O", "B-PERS", "O", "O", "O", "O"]),
    (["وينص", "الاتفاق", "على", "وقف", "القتال", "."], ["O", "O", "O", "O", "O", "O"]),
    (["وخسر", "الهلال", "وعلق", "سلوم", "على", "الاتفاق", "."], ["O", "B-ORG", "O", "B-PERS", "O", "O", "O"]),
    (["ولم", "يوقع", "الاتفاق", "بعد", "وغادر", "وسلوم", "."], ["O", "O", "O", "O", "O", "B-PERS", "O"]),
    (["والهلال", "في", "الصدارة", "."], ["B-ORG", "O", "O", "O"]),
] * 3


def _table() -> Clusters:
    keys, levels = build_tag_rates(TAGGED, hash_word=stable_hash, bare=name_word)
    return Clusters(keys, levels, ())


def _levels(table: Clusters, word: str) -> dict[str, int]:
    found = table.lookup(name_word(word))
    return dict(zip(KINDS, found)) if found is not None else {}


def test_a_word_gets_the_level_of_its_share_inside_each_kind_of_name():
    table = _table()
    hilal, salloum, deal = _levels(table, "الهلال"), _levels(table, "سلوم"), _levels(table, "الاتفاق")
    assert hilal["ORG"] == 4 and hilal["PERS"] == 0  # 9 of 9 inside an organisation
    assert salloum["PERS"] == 4 and salloum["ORG"] == 0
    assert deal == {"PERS": 0, "ORG": 0, "LOC": 0}  # seen 12 times, never in a name
    assert _levels(table, "ضيفه") == {}  # seen 3 times: not in the table
    assert _levels(table, "وسلوم") == salloum  # read with its proclitics off


def test_tag_rates_are_no_attributes_of_the_crf():
    # tried as attributes and dropped (scripts/ner_tried/README.md): the table is the rule's only
    clusters = Clusters(np.zeros(0, np.uint64), np.zeros((0, 1), np.uint16), (4,), tagged=_table())
    assert _levels(clusters.tagged, "والهلال")["ORG"] == 4
    assert cluster_attributes("والهلال", clusters) == ()
    assert not any("to=" in f for f in token_features(["فاز", "الهلال", "."], clusters)[0])


@pytest.fixture(scope="module")
def club_tagger(tmp_path_factory, crfsuite_model):
    """A CRF that calls the word after "فاز" an organisation, and the tag rates above."""
    sample = [
        [("فاز", "O"), ("الهلال", "B-ORG"), ("على", "O"), ("النصر", "B-ORG"), (".", "O")],
        [("فاز", "O"), ("الاتفاق", "B-ORG"), ("على", "O"), ("الهلال", "B-ORG"), (".", "O")],
        [("وقال", "O"), ("المدرب", "O"), ("إن", "O"), ("فريقه", "O"), ("جاهز", "O"), (".", "O")],
        [("فاز", "O"), ("النصر", "B-ORG"), ("على", "O"), ("الاتفاق", "B-ORG"), (".", "O")],
    ]
    path = tmp_path_factory.mktemp("tagrates") / "club.crfsuite"
    _ref, weights, labels = crfsuite_model(sample, lambda tokens: token_features(tokens, None), path)
    empty = Clusters(np.zeros(0, np.uint64), np.zeros((0, 1), np.uint16), (4,))
    model = make_model(weights, labels, with_tag_table(empty, _table()))[0]
    return Tagger(model)


def test_a_one_word_organisation_rarely_a_name_in_news_is_dropped(club_tagger):
    sentences = [["فاز", "الاتفاق", "على", "الهلال", "."]]
    club_tagger.rare_kinds = ()
    assert club_tagger.chunks(sentences) == [[("ORG", 1, 2), ("ORG", 3, 4)]]
    club_tagger.rare_kinds = ("ORG",)
    # "الاتفاق" is never a name in the tagged news; "الهلال" nearly always is
    assert club_tagger.chunks(sentences) == [[("ORG", 3, 4)]]
    assert club_tagger.tag(sentences) == [["O", "O", "O", "B-ORG", "O"]]


def test_two_stage_training_builds_the_table_with_the_first_model_only():
    pytest.importorskip("pycrfsuite")
    from khabar.extract.tagger import train

    sentences = [list(zip(tokens, tags)) for tokens, tags in TAGGED[:6]] * 2
    articles = [[tokens for tokens, _ in TAGGED]]  # one article of unlabeled news
    empty = Clusters(np.zeros(0, np.uint64), np.zeros((0, 1), np.uint16), (4,))
    arrays, labels, tables = train.train_two_stage(sentences, empty, articles, iterations=30)
    assert tables.tagged is not None and tables.keys is empty.keys
    assert _levels(tables.tagged, "الهلال")["ORG"] > 0  # the first model learned the club, and found it again
    # without unlabeled news: the same training, no table
    alone, _labels, same = train.train_two_stage(sentences, empty, None, iterations=30)
    assert same is empty and alone["keys"].tolist() == arrays["keys"].tolist()


def test_only_a_word_written_with_the_article_is_dropped(club_tagger):
    club_tagger.rare_kinds = ("ORG",)
    rare = club_tagger._rarely_named
    assert rare(("ORG", 0, 1), ["الاتفاق"], 0) and rare(("ORG", 0, 1), ["للاتفاق"], 0)
    assert not rare(("ORG", 0, 1), ["اتفاق"], 0)  # a name without the article ("نيسان") stays
    assert not rare(("PERS", 0, 1), ["الاتفاق"], 0)  # persons are not of rare_kinds
    assert not rare(("ORG", 0, 1), ["الهلال"], 0)  # a club of the news
