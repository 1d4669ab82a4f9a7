"""Cue rates: how often a word of unlabeled text follows a cue word of khabar's lists."""

from __future__ import annotations

import numpy as np

from khabar.extract.tagger.crf import Clusters, cluster_attributes, name_word, stable_hash
from khabar.extract.tagger.cue_rates import FAMILIES
from khabar.extract.tagger.train import build_cue_table
from khabar.text.ar.normalize import normalize

# Short "documents" written for this test: "سلوم" follows a title or a reporting verb,
# "كرمة" a place head word, "الطقس" nothing of the kind.
DOCS = [
    [normalize(w) for w in text.split()]
    for text in (
        "وقال الرئيس سلوم إن الطقس بارد في بلدة كرمة",
        "وأضاف سلوم أن الطقس تحسن وزار الوزير سلوم بلدة كرمة",
        "الطقس بارد في بلدة كرمة وقال سلوم إن الطقس سيتحسن",
        "زار الرئيس سلوم بلدة كرمة والطقس بارد",
        "قرية كرمة هادئة وقال الرئيس سلوم إن الطقس جيد",
    )
]


def _levels(table: Clusters, word: str) -> dict[str, int]:
    found = table.lookup(name_word(word))
    return dict(zip(FAMILIES, found)) if found is not None else {}


def test_a_word_after_titles_and_verbs_gets_their_levels_and_others_none():
    table = build_cue_table(DOCS)
    salloum, karma, weather = _levels(table, "سلوم"), _levels(table, "كرمة"), _levels(table, "الطقس")
    assert salloum["qt"] > 0 and salloum["qv"] > 0 and salloum["qp"] == 0
    assert karma["qp"] > 0 and karma["qt"] == 0
    assert weather and not any(weather.values())
    assert _levels(table, "بارد") == {}  # seen under 5 times: not in the table


def test_a_word_is_read_with_its_proclitics_off():
    table = build_cue_table(DOCS)
    assert _levels(table, "وسلوم") == _levels(table, "سلوم")  # the table's key is the bare word
    rates = Clusters(np.zeros(0, np.uint64), np.zeros((0, 3), np.uint16), (4, 8, 16), cues=table)
    attrs = dict(cluster_attributes("وسلوم", rates))
    assert attrs["qt"] == str(_levels(table, "سلوم")["qt"])
    assert stable_hash(name_word("وسلوم")) == stable_hash("سلوم")


def test_tables_an_earlier_model_lacks_are_built_from_the_documents():
    from khabar.extract.tagger.train import with_missing_tables

    # made-up words (two letters each), enough of them for the clusters' 80 dimensions
    rng = np.random.default_rng(0)
    letters = "بتثجحخدذرزسشصضطظعغفقكمن"
    vocabulary = [a + b + "ر" for a in letters[:12] for b in letters[12:]]
    docs = [list(rng.choice(vocabulary, 60)) for _ in range(200)] + DOCS
    table = build_cue_table(docs)
    earlier = Clusters(table.keys, np.zeros((len(table.keys), 1), np.uint16), (4,))
    assert with_missing_tables(earlier, None) is earlier
    completed = with_missing_tables(earlier, docs)
    assert completed.cues is not None and completed.bare is not None and len(completed.bare.keys) > 100
    assert np.array_equal(completed.cues.codes, table.codes) and completed.keys is earlier.keys
