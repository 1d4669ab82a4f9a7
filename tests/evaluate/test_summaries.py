"""The summary evaluation harness: dataset layouts, budgets, the table, EASC in place."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from khabar.config import SUMMARY_ALGORITHMS
from khabar.errors import InputError
from khabar.evaluate.summaries import (
    FIRST_WORDS,
    HUMAN,
    budget_of,
    evaluate_summaries,
    read_clusters,
    read_easc,
    read_events,
    score_summary,
    truncate,
    word_count,
)

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "summaries"
HAS_SUMY = importlib.util.find_spec("sumy") is not None
NO_SUMY = [a for a in SUMMARY_ALGORITHMS if a != "lexrank"]


@pytest.fixture(scope="module")
def table():
    return evaluate_summaries(FIXTURE, algorithms=NO_SUMY, length_words=None, stem=True, mode="multi")


def test_reads_three_clusters_with_two_references_each():
    clusters = read_clusters(FIXTURE)
    assert [(len(c.articles) >= 3, len(c.references)) for c in clusters] == [(True, 2)] * 3


def test_reference_files_are_not_read_as_articles():
    cluster = next(c for c in read_clusters(FIXTURE) if c.name == "marjan-ferry")
    assert len(cluster.articles) == 3


def test_references_subfolder_is_read(tmp_path):
    cluster = tmp_path / "event"
    shutil.copytree(FIXTURE / "marjan-ferry", cluster)
    (cluster / "references").mkdir()
    (cluster / "reference-2.txt").rename(cluster / "references" / "second.txt")
    (only,) = read_clusters(tmp_path)
    assert (len(only.articles), len(only.references)) == (3, 2)


def test_cluster_without_references_is_an_error(tmp_path):
    (tmp_path / "event").mkdir()
    shutil.copy(FIXTURE / "marjan-ferry" / "01-wakala.txt", tmp_path / "event")
    with pytest.raises(InputError, match="reference"):
        read_clusters(tmp_path)


@pytest.mark.skipif(not HAS_SUMY, reason="lexrank needs sumy")
def test_table_has_a_row_for_every_algorithm_and_the_humans():
    full = evaluate_summaries(FIXTURE, algorithms=SUMMARY_ALGORITHMS, length_words=None, stem=True, mode="multi")
    assert [r.algorithm for r in full.rows] == [*SUMMARY_ALGORITHMS, FIRST_WORDS, HUMAN]


def test_every_row_covers_every_cluster(table):
    assert {r.clusters for r in table.rows if r.algorithm != HUMAN} == {3}


def test_scores_are_between_zero_and_one(table):
    values = [v for r in table.rows for v in (r.rouge1_f, r.rouge1_r, r.rouge2_f, r.rouge2_r, r.rougeL_f, r.rougeL_r)]
    assert all(0.0 <= v <= 1.0 for v in values)


def test_default_budget_is_the_mean_reference_length(table):
    cluster = read_clusters(FIXTURE)[0]
    expected = round(sum(word_count(r) for r in cluster.references) / 2)
    assert {r.budget for r in table.results if r.cluster == cluster.name} == {expected}


def test_a_reference_passed_as_the_summary_scores_one():
    cluster = read_clusters(FIXTURE)[1]
    ref = cluster.references[0]
    s = score_summary([ref], cluster.references, length_words=word_count(ref), aggregate="max")
    assert (s.rouge1.f, s.rouge2.f, s.rougeL.f) == (1.0, 1.0, 1.0)


def test_summaries_are_cut_to_the_budget():
    assert [word_count(s) for s in truncate(["قتل عشرة أشخاص.", "ونزحت مئة عائلة من البلدة."], 5)] == [3, 2]


def test_single_mode_makes_each_article_a_cluster():
    single = evaluate_summaries(FIXTURE, algorithms=["lead"], length_words=40, stem=False, mode="single")
    assert single.clusters == sum(len(c.articles) for c in read_clusters(FIXTURE))


def test_fixed_budget_overrides_the_references():
    fixed = evaluate_summaries(FIXTURE, algorithms=["ilp"], length_words=20, stem=True, mode="multi", humans=False)
    assert {r.budget for r in fixed.results} == {20}


def _eval(*args: str):
    from click.testing import CliRunner

    from khabar.cli import app

    return CliRunner().invoke(app, ["eval", "summarize", *args])


def test_main_prints_a_markdown_row_per_algorithm():
    result = _eval(str(FIXTURE), "--algorithms", "lead,ilp")
    assert result.exit_code == 0
    rows = [line.split("|")[1].strip() for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows == ["algorithm", "lead", "ilp", FIRST_WORDS, HUMAN]


def test_first_words_is_the_first_article_cut_to_the_budget():
    t = evaluate_summaries(FIXTURE, algorithms=["lead"], length_words=12, stem=True, mode="multi", humans=False)
    rows = [r for r in t.results if r.algorithm == FIRST_WORDS]
    assert len(rows) == 3 and {r.words for r in rows} == {12}
    assert t.row(FIRST_WORDS).coverage is None  # folders carry no must-contain facts


def test_short_counts_summaries_a_tenth_under_budget_only_where_the_articles_allow():
    # 12 words: every fixture cluster holds them, and first-words always takes exactly 12.
    t = evaluate_summaries(FIXTURE, algorithms=["lead"], length_words=12, stem=True, mode="multi", humans=False)
    assert t.row(FIRST_WORDS).short == 0.0
    lead = [r for r in t.results if r.algorithm == "lead"]
    assert [r.short for r in lead] == [r.words < 0.9 * 12 for r in lead]
    # A budget beyond every cluster's words: nothing is counted short, the share is unknown.
    huge = evaluate_summaries(FIXTURE, algorithms=["lead"], length_words=5000, stem=True, mode="multi", humans=False)
    assert {r.short for r in huge.results} == {None} and huge.row("lead").short is None


def test_main_reports_an_unknown_algorithm():
    result = _eval(str(FIXTURE), "--algorithms", "textrank")
    assert result.exit_code == 2
    assert "textrank" in result.stderr


@pytest.mark.corpus
def test_easc_is_read_in_place(corpora_dir):
    topics = read_easc(corpora_dir / "easc", limit=3)
    assert [(len(t.articles), len(t.references), t.articles[0].title) for t in topics] == [(1, 5, "")] * 3


@pytest.mark.corpus
def test_easc_budget_follows_its_references(corpora_dir):
    topic = read_easc(corpora_dir / "easc", limit=1)[0]
    assert budget_of(topic, None) == round(sum(word_count(r) for r in topic.references) / 5)


@pytest.mark.corpus
def test_easc_single_document_scores(corpora_dir):
    t = evaluate_summaries(corpora_dir / "easc", algorithms=["lead", "ilp"], length_words=None, stem=True,
                           mode="single", limit=3)
    assert t.mode == "single" and t.clusters == 3
    assert all(0.0 < r.rouge1_f <= 1.0 for r in t.rows)


# --- the events JSON (multi-document gold with must-contain facts) ------------------------------

_DOC = """<DOC>
<DOCNO>{docno}</DOCNO>
<SRC>{src}</SRC>
<TITLE>{title}</TITLE>
<TIME>Sun, 03 Mar 2030 10:00:00 GMT</TIME>
<TEXT>
{body}
</TEXT>
</DOC>
"""

# A made-up event (no real place or outlet): a dam on an invented river gives way.
_ARTICLES = {
    "Wakala/a-1.txt": ("انهيار سد وادي السنديان", "انهار سد وادي السنديان فجر الأحد وغمرت المياه ثلاث قرى، "
                       "وقال الدفاع المدني إن 9 أشخاص لقوا حتفهم.\nوأضاف أن فرق الإنقاذ أجلت 400 عائلة."),
    "Sahifa/b-1.txt": ("قتلى في انهيار سد", "قال محافظ الإقليم إن انهيار السد أدى إلى مقتل 9 أشخاص.\n"
                       "وأعلن الحداد ثلاثة أيام في الإقليم."),
    "Idhaa/c-1.txt": ("الحداد بعد كارثة السد", "أعلنت السلطات الحداد بعد انهيار سد وادي السنديان.\n"
                      "وأجلت فرق الإنقاذ مئات العائلات من القرى المغمورة."),
}
_FACTS = [
    {"fact_en": "the Wadi al-Sindiyan dam collapsed", "any_of": [["سد", "السنديان", "انهيار"], ["سد", "السنديان", "انهار"]]},
    {"fact_en": "nine people died", "any_of": [["9", "أشخاص"], ["تسعة"]]},
    {"fact_en": "400 families were evacuated", "any_of": [["400", "عائلة"]]},
    {"fact_en": "mourning was declared", "any_of": [["الحداد"]]},
]


def _events_gold(tmp_path: Path, **changes) -> Path:
    corpus = tmp_path / "data" / "corpus"
    for i, (rel, (title, body)) in enumerate(_ARTICLES.items()):
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(_DOC.format(docno=i, src=rel.split("/")[0], title=title, body=body), encoding="utf-8")
    event = {
        "id": "sindiyan-dam",
        "title_en": "A dam gives way on an invented river",
        "articles": list(_ARTICLES),
        "split": "dev",
        "reference": "انهار سد وادي السنديان فجر الأحد فغمرت المياه ثلاث قرى وقتل 9 أشخاص بحسب الدفاع المدني، "
                     "وأجلت فرق الإنقاذ 400 عائلة، وأعلنت السلطات الحداد ثلاثة أيام.",
        "must_contain": _FACTS,
    }
    event.update(changes)
    second = {**event, "id": "sindiyan-dam-again", "split": "test"}
    gold = tmp_path / "repo" / "tests" / "gold" / "events.json"
    gold.parent.mkdir(parents=True)
    gold.write_text(json.dumps({"version": 1, "corpus": "data/corpus", "events": [event, second]}), encoding="utf-8")
    return gold


def test_events_json_is_read_with_facts_split_and_articles_in_order(tmp_path):
    first, second = read_events(_events_gold(tmp_path))
    assert (first.name, first.split, second.split) == ("sindiyan-dam", "dev", "test")
    assert [a.title for a in first.articles] == [title for title, _ in _ARTICLES.values()]
    assert len(first.references) == 1 and [f.text for f in first.facts] == [f["fact_en"] for f in _FACTS]


def test_events_json_keeps_one_split(tmp_path):
    assert [c.name for c in read_events(_events_gold(tmp_path), split="test")] == ["sindiyan-dam-again"]


def test_an_event_with_a_missing_article_names_it(tmp_path):
    gold = _events_gold(tmp_path, articles=["Wakala/a-1.txt", "Nowhere/z-9.txt"])
    with pytest.raises(InputError, match="z-9"):
        read_events(gold)


def test_an_event_without_facts_is_an_error(tmp_path):
    with pytest.raises(InputError, match="must_contain"):
        read_events(_events_gold(tmp_path, must_contain=[]))


def test_coverage_is_reported_beside_rouge_for_algorithms_and_first_words(tmp_path):
    gold = _events_gold(tmp_path)
    t = evaluate_summaries(gold, algorithms=["lead", "ilp"], split="dev")
    assert [r.algorithm for r in t.rows] == ["lead", "ilp", FIRST_WORDS]
    assert all(r.coverage is not None and 0.0 <= r.coverage <= 1.0 for r in t.rows)
    # The first article states the dam, the dead and the evacuation, but not the mourning.
    assert t.row(FIRST_WORDS).coverage == 0.75


def test_main_prints_the_coverage_column_for_one_split(tmp_path):
    result = _eval(str(_events_gold(tmp_path)), "--algorithms", "lead", "--split", "test")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "split test" in out and "must-contain" in out

