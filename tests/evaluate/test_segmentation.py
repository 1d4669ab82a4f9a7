"""Boundary scores against a treebank: a tiny inline CoNLL-U, then the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.evaluate.segmentation import evaluate_segmentation, read_conllu_sentences, score

TINY = """# sent_id = 1
# text = قتل عشرة أشخاص في حلب.
1	قتل	قتل	VERB	_	_	0	root	_	_

# sent_id = 2
# text = وقال د. سامي إن الوضع خطير.
1	وقال	قال	VERB	_	_	0	root	_	_

# sent_id = 3
# text = هل انتهت المعركة؟
1	هل	هل	PART	_	_	0	root	_	_

# sent_id = 4
# text = وأضاف: الوقت محدود جدا.
1	وأضاف	أضاف	VERB	_	_	0	root	_	_
"""


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(TINY, encoding="utf-8")
    return path


def test_reads_text_lines(tiny):
    assert read_conllu_sentences(tiny)[1] == "وقال د. سامي إن الوضع خطير."


def test_perfect_segmentation_scores_one(tiny):
    scores = evaluate_segmentation(tiny, doc_size=4)
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert (scores.sentences, scores.documents) == (4, 1)


def test_a_segmenter_that_never_splits_has_zero_recall(tiny):
    scores = evaluate_segmentation(tiny, doc_size=4, segmenter=lambda text: [len(text)])
    assert scores.recall == 0.0


def test_false_splits_cost_precision():
    sentences = ["أ ب ج.", "د ه و."]
    # Gold boundary at 6; the segmenter also splits at 2.
    scores = score(sentences, lambda text: [2, 6, len(text)], doc_size=2)
    assert scores.precision == 0.5 and scores.recall == 1.0


def test_documents_are_grouped_by_size(tiny):
    assert evaluate_segmentation(tiny, doc_size=3).documents == 2


def test_a_file_without_text_lines_is_an_input_error(tmp_path):
    path = tmp_path / "empty.conllu"
    path.write_text("1\tx\tx\tX\t_\t_\t0\troot\t_\t_\n", encoding="utf-8")
    with pytest.raises(InputError, match="no '# text ='"):
        read_conllu_sentences(path)


@pytest.mark.corpus
def test_f1_on_ud_arabic_pud(corpora_dir):
    path = corpora_dir / "ud_arabic_pud" / "ar_pud-ud-test.conllu"
    scores = evaluate_segmentation(path)
    # Measured 0.998 (P 0.997, R 0.999); sentencex scores 0.994 on the same documents.
    assert scores.f1 > 0.99 and scores.sentences == 1000


@pytest.mark.corpus
def test_f1_on_ud_arabic_pud_with_paragraphs(corpora_dir):
    path = corpora_dir / "ud_arabic_pud" / "ar_pud-ud-test.conllu"
    assert evaluate_segmentation(path, joiner="\n").f1 > 0.99
