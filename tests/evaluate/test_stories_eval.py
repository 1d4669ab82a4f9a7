"""Clustering scores against gold labels, checked on cases worked out by hand."""

from __future__ import annotations

import json

import pytest

from khabar.evaluate.stories import read_labelled_jsonl, score_clustering

def _eval(*args: str):
    from click.testing import CliRunner

    from khabar.cli import app

    return CliRunner().invoke(app, ["eval", "stories", *args])


GOLD = {"a": "x", "b": "x", "c": "y", "d": "y"}


def test_a_perfect_clustering_scores_one_everywhere_whatever_the_cluster_names():
    s = score_clustering({"a": "1", "b": "1", "c": "2", "d": "2"}, GOLD)
    assert (s.ari, s.bcubed_precision, s.bcubed_recall, s.purity) == (1.0, 1.0, 1.0, 1.0)


def test_merging_everything_costs_precision_and_purity_not_recall():
    s = score_clustering({k: "1" for k in GOLD}, GOLD)
    # each item's story holds 4, 2 of them in its event
    assert s.bcubed_precision == 0.5 and s.bcubed_recall == 1.0 and s.purity == 0.5 and s.ari == 0.0


def test_splitting_everything_costs_recall_not_precision():
    s = score_clustering({k: k for k in GOLD}, GOLD)
    assert s.bcubed_precision == 1.0 and s.bcubed_recall == 0.5 and s.purity == 1.0


def test_ari_of_a_known_contingency_table():
    # 6 items, gold {a,b,c}{d,e,f} (6 pairs), predicted {a,b}{c,d}{e,f} (3 pairs): index 2 (ab, ef),
    # expected 3*6/15 = 1.2, max (3+6)/2 = 4.5 -> ARI (2-1.2)/(4.5-1.2)
    gold = {k: ("x" if k in "abc" else "y") for k in "abcdef"}
    pred = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3, "f": 3}
    assert score_clustering(pred, gold).ari == pytest.approx(0.8 / 3.3)


def test_main_clusters_a_labelled_file_and_prints_the_scores(tmp_path, capsys):
    body = "انهار جسر الوادي في بلدة كفر نجم أثناء الترميم ومقتل ثلاثة عمال وإصابة سبعة آخرين في الحادث."
    other = "اعتصم المعلمون أمام مديرية التربية مطالبين بصرف الرواتب المتأخرة منذ ثلاثة أشهر في المدينة."
    rows = [
        {"title": "انهيار جسر", "body": body, "outlet": "أ", "published": "2024-03-05", "event": "bridge"},
        {"title": "انهيار جسر الوادي", "body": "كفر نجم - " + body, "outlet": "ب", "published": "2024-03-05", "event": "bridge"},
        {"title": "اعتصام المعلمين", "body": other, "outlet": "أ", "published": "2024-03-05", "event": "sit-in"},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    assert len(read_labelled_jsonl(path)) == 3
    result = _eval(str(path))
    assert result.exit_code == 0, result.output
    assert "ARI=1.000" in result.stdout


def test_a_zero_cosine_threshold_turns_the_second_stage_off(tmp_path, capsys):
    body = "انهار جسر الوادي في بلدة كفر نجم أثناء الترميم ومقتل ثلاثة عمال وإصابة سبعة آخرين في الحادث."
    path = tmp_path / "set.jsonl"
    row = {"title": "انهيار جسر", "body": body, "outlet": "أ", "published": "2024-03-05", "event": "bridge"}
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    result = _eval(str(path), "--cosine-threshold", "0")
    assert result.exit_code == 0, result.output
    assert "cosine_threshold=None" in result.stdout
