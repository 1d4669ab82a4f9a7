"""Labelled pairs: the JSON Lines fixture and the baly2018 adapter."""

from __future__ import annotations

import json

import pytest

from khabar.check.pairs import read_baly, read_jsonl
from khabar_testdata import CORPORA, ROOT, need

FIXTURE = ROOT / "tests" / "fixtures" / "stance" / "examples.jsonl"


def test_fixture_covers_all_four_labels_with_40_pairs() -> None:
    pairs = read_jsonl(FIXTURE)
    assert len(pairs) >= 40 and {p.stance for p in pairs} == {"agree", "disagree", "discuss", "unrelated"}


def test_fixture_rationales_point_at_sentences() -> None:
    pairs = read_jsonl(FIXTURE)
    assert all(0 <= i < len(p.doc.sentences) for p in pairs for i in p.rationale)


def test_baly_adapter_keeps_line_indices_and_folds(tmp_path) -> None:
    (tmp_path / "dataset").mkdir()
    record = {
        "id": "V-1",
        "claim": "قتل عشرة مدنيين في قصف على بلدة الصفصاف",
        "fact": "true",
        "article": ["قائمة الموقع الرئيسية\nقتل عشرة مدنيين في قصف على بلدة الصفصاف .\nحقوق النشر محفوظة", "خبر عن الطقس ."],
        "url": ["http://www.example.org/a", "http://example.net/b"],
        "stance": ["agree", "unrelated"],
        "rationale": ["[1]", "[]"],
    }
    (tmp_path / "dataset" / "V-1.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "train_test_splits.txt").write_text("Fold_1: V-1 R-2\n", encoding="utf-8")
    first, second = read_baly(tmp_path)
    assert first.doc.sentences[1].text == "قتل عشرة مدنيين في قصف على بلدة الصفصاف ."
    assert (first.rationale, first.fold, first.doc.article.outlet, second.stance) == ((1,), "Fold_1", "example.org", "unrelated")


@pytest.mark.corpus
def test_the_fresh3_stance_gold_reads_its_ant_articles() -> None:
    need(CORPORA / "ant")
    pairs = read_jsonl(ROOT / "tests" / "gold" / "stance" / "fresh3.jsonl")
    assert len(pairs) == 30 and {p.stance for p in pairs} == {"agree", "disagree", "discuss", "unrelated"}
    assert all(len(p.doc.sentences) > 3 for p in pairs)  # whole ANT articles, not an empty read


@pytest.mark.corpus
@pytest.mark.parametrize("name, count", [("fresh5", 39), ("fresh6", 45), ("fresh18", 145), ("fresh19", 213), ("fresh20", 168), ("fresh21", 192), ("fresh22", 185), ("fresh23", 145), ("fresh24", 163), ("fresh25", 128),
                                         ("fresh26", 128), ("fresh27", 148), ("fresh28", 124),
                                         ("fresh29", 64), ("fresh30", 60), ("fresh31", 56), ("fresh32", 58)])
def test_the_fresh_stance_gold_names_the_evidence_of_every_sided_pair(name: str, count: int) -> None:
    need(CORPORA / "ant")
    pairs = read_jsonl(ROOT / "tests" / "gold" / "stance" / f"{name}.jsonl")
    assert len(pairs) == count and {p.stance for p in pairs} == {"agree", "disagree", "discuss", "unrelated"}
    sided = [p for p in pairs if p.stance in ("agree", "disagree")]
    # the evidence a person would cite, as sentence indices of the article as khabar reads it
    assert all(p.rationale and all(0 <= i < len(p.doc.sentences) for i in p.rationale) for p in sided)
    assert not any(p.rationale for p in pairs if p not in sided)


@pytest.mark.corpus
@pytest.mark.parametrize("name, count, agree, claims",
                         [("drawn1", 68, 14, 9), ("drawn2", 61, 10, 11), ("drawn3", 35, 7, 7),
                          ("drawn4", 38, 6, 8), ("drawn5", 62, 14, 15), ("drawn6", 65, 19, 10),
                          ("drawn7", 65, 12, 21), ("drawn8", 65, 17, 23),
                          ("drawn9", 68, 22, 29), ("drawn10", 66, 11, 26), ("drawn11", 60, 20, 25),
                          ("drawn12", 60, 25, 26), ("drawn13", 63, 27, 27),
                          ("drawn14", 61, 14, 29)])
def test_the_drawn_stance_gold_is_the_search_s_pages_with_their_evidence(name: str, count: int, agree: int,
                                                                         claims: int) -> None:
    # drawn1 (session 24), drawn2 (session 25, seed 2727), drawn3, drawn4 and drawn5 (session 26,
    # seeds 2929 and 3030), drawn6 (session 27, seed 2737), drawn7 (session 28, seed 2747), drawn8
    # (session 29, seed 2939), drawn9 (session 31, seed 3039), drawn10 and drawn11 (session 32, seeds
    # 3139 and 3239), drawn12 (session 35, seed 3339), drawn13 (session 36, seed 3439), drawn14 (session
    # 37, seed 3539): pages as the
    # check's search finds them, no pair chosen for its label, so a page
    # rarely disagrees (drawn11's one: another senator's "no" to the claim's question); the evidence
    # of every sided pair is named as in the fresh splits
    need(CORPORA / "ant")
    pairs = read_jsonl(ROOT / "tests" / "gold" / "stance" / f"{name}.jsonl")
    assert len(pairs) == count and {p.stance for p in pairs} - {"disagree"} == {"agree", "discuss", "unrelated"}
    sided = [p for p in pairs if p.stance in ("agree", "disagree")]
    assert len(sided) - agree == {"drawn11": 1}.get(name, 0)
    assert len([p for p in sided if p.stance == "agree"]) == agree and len({p.claim for p in pairs}) == claims
    assert all(p.rationale and all(0 <= i < len(p.doc.sentences) for i in p.rationale) for p in sided)
    assert not any(p.rationale for p in pairs if p not in sided)


def _unspent_stance() -> frozenset[str]:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from stance_experiments import UNSPENT_STANCE
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    return UNSPENT_STANCE


# Each unspent split (drawn13 and fresh31 since session 36, which spent fresh30 and drawn12, fresh32 and drawn14 since session 37; a newly labelled one is named in
# stance_experiments.UNSPENT_STANCE) against each development script: with none, pytest reports
# these as skipped, and they arm again with the next split.
@pytest.mark.parametrize("script, args, name", [
    (script, [*args[:-1], args[-1].format(name)], name) for name in sorted(_unspent_stance())
    for script, args in (("stance_errors.py", ["{}"]),
                         ("stance_experiments.py", ["baseline", "--fresh", "tests/gold/stance/{}.jsonl"]),
                         ("stance_event.py", ["score", "--fresh", "tests/gold/stance/{}.jsonl"]),
                         ("stance_evidence.py", ["--fresh", "tests/gold/stance/{}.jsonl"]),
                         ("stance_retrain.py", ["--spent-training", "--sets", "{}"]),
                         ("stance_levers.py", ["share", "--sets", "{}"]))
])
def test_the_stance_scripts_refuse_the_unspent_split(script: str, args: list[str], name: str) -> None:
    # an unspent split is judged once by `khabar eval stance --test`; its pairs are read by no
    # development script before that, or its figure is a development figure
    import subprocess
    import sys

    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and f"{name}: an unspent stance split" in done.stderr, done.stderr


def test_only_the_unspent_stance_split_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import stance_experiments
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    # fresh18 .. fresh30 and drawn1 .. drawn12 were judged in sessions 21 to 36: read freely since
    assert not {"fresh18", "fresh19", "fresh20", "fresh21", "fresh22", "fresh23", "fresh24", "fresh25", "fresh26",
                "fresh27", "fresh28", "fresh29", "fresh30", "drawn1", "drawn2", "drawn3", "drawn4", "drawn5", "drawn6",
                "drawn7", "drawn8", "drawn9", "drawn10", "drawn11", "drawn12"} & stance_experiments.UNSPENT_STANCE
    stance_experiments.refuse_unspent(["fresh17", "tests/gold/stance/fresh18.jsonl", "fresh29", "drawn10", "drawn11",
                                       "tests/gold/stance/fresh30.jsonl", "drawn12"])
    # drawn13 (session 36, seed 3439) is unspent until it judges a change
    with pytest.raises(SystemExit, match="drawn13: an unspent stance split"):
        stance_experiments.refuse_unspent(["drawn12", "tests/gold/stance/drawn13.jsonl"])
    # fresh31 (session 36, Saudi women's driving) is unspent until it judges a change
    with pytest.raises(SystemExit, match="fresh31: an unspent stance split"):
        stance_experiments.refuse_unspent(["fresh30", "tests/gold/stance/fresh31.jsonl"])
    # fresh32 (session 37, Socotra: the UAE's deployment and Cyclone Mekunu) is unspent until it judges a change
    with pytest.raises(SystemExit, match="fresh32: an unspent stance split"):
        stance_experiments.refuse_unspent(["fresh30", "tests/gold/stance/fresh32.jsonl"])
    # drawn14 (session 37, seed 3539) is unspent until it judges a change
    with pytest.raises(SystemExit, match="drawn14: an unspent stance split"):
        stance_experiments.refuse_unspent(["drawn12", "tests/gold/stance/drawn14.jsonl"])
    monkeypatch.setattr(stance_experiments, "UNSPENT_STANCE", frozenset({"fresh99"}))
    stance_experiments.refuse_unspent(["fresh9", "tests/gold/stance/fresh18.jsonl"])  # a stem, not a prefix
    with pytest.raises(SystemExit, match="fresh99: an unspent stance split"):
        stance_experiments.refuse_unspent(["fresh3", "tests/gold/stance/fresh99.jsonl"])
