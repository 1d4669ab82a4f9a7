"""The summary evaluation harness: dataset layouts, budgets, the table, EASC in place."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from khabar.config import SUMMARY_ALGORITHMS
from khabar.errors import InputError
from khabar.evaluate.summaries import (
    HUMAN,
    budget_of,
    evaluate_summaries,
    main,
    read_clusters,
    read_easc,
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
    assert [r.algorithm for r in full.rows] == [*SUMMARY_ALGORITHMS, HUMAN]


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


def test_main_prints_a_markdown_row_per_algorithm(capsys):
    assert main([str(FIXTURE), "--algorithms", "lead,ilp"]) == 0
    rows = [line.split("|")[1].strip() for line in capsys.readouterr().out.splitlines() if line.startswith("| ")]
    assert rows == ["algorithm", "lead", "ilp", HUMAN]


def test_main_reports_an_unknown_algorithm(capsys):
    assert main([str(FIXTURE), "--algorithms", "textrank"]) == 2
    assert "textrank" in capsys.readouterr().err


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
