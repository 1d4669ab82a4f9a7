"""Sentence-boundary precision, recall and F1 against a CoNLL-U treebank.

The treebank's ``# text =`` sentences are joined into documents of ``doc_size`` sentences
(by a space, as running text; or by a newline, where every sentence is a paragraph and
only sentence-internal false splits can hurt).  A boundary is the end offset of a sentence
inside its document; the end of a document is not counted, since every segmenter gets it
right.  The figures are boundary-level: a missed boundary costs recall, a false split costs
precision.

Command line (prints khabar's figures, and sentencex's when it is installed)::

    khabar eval segment path/to/ar_pud-ud-test.conllu
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from khabar.errors import InputError
from khabar.text.ar.segment import segment

#: A segmenter for evaluation: text -> end offsets of its sentences.
Segmenter = Callable[[str], list[int]]


@dataclass(frozen=True, slots=True)
class SegmentationScores:
    precision: float
    recall: float
    f1: float
    sentences: int
    documents: int


def read_conllu_sentences(path: Path) -> list[str]:
    """The ``# text =`` lines of a CoNLL-U file, in order."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read the treebank: {err.strerror or err}") from err
    out = [line[len("# text =") :].strip() for line in raw.splitlines() if line.startswith("# text =")]
    if not out:
        raise InputError(str(path), "no '# text =' lines: is this a CoNLL-U file?")
    return out


def _documents(sentences: list[str], doc_size: int, joiner: str) -> Iterator[tuple[str, set[int]]]:
    for i in range(0, len(sentences), doc_size):
        group = sentences[i : i + doc_size]
        gold: set[int] = set()
        pos = 0
        for k, sent in enumerate(group):
            pos += len(sent)
            if k < len(group) - 1:
                gold.add(pos)
                pos += len(joiner)
        yield joiner.join(group), gold


def khabar_segmenter(text: str) -> list[int]:
    """khabar's segmenter, keeping every line: the treebank has no boilerplate."""
    return [s.end for s in segment(text, drop_boilerplate=False)]


def sentencex_segmenter() -> Segmenter | None:
    """sentencex's Arabic splitter with end offsets recovered, or None if not installed."""
    try:
        from sentencex import segment as sx_segment
    except ImportError:
        return None

    def run(text: str) -> list[int]:
        ends: list[int] = []
        pos = 0
        for piece in sx_segment("ar", text):
            piece = piece.strip()
            if not piece:
                continue
            found = text.find(piece, pos)
            if found < 0:  # a splitter that rewrites text: skip what cannot be placed
                continue
            pos = found + len(piece)
            ends.append(pos)
        return ends

    return run


def score(
    sentences: list[str], segmenter: Segmenter, *, doc_size: int = 10, joiner: str = " "
) -> SegmentationScores:
    """Boundary scores of ``segmenter`` on ``sentences`` grouped ``doc_size`` at a time."""
    if doc_size < 1:
        raise ValueError(f"doc_size must be at least 1, got {doc_size}")
    tp = fp = fn = docs = 0
    for text, gold in _documents(sentences, doc_size, joiner):
        docs += 1
        predicted = {e for e in segmenter(text) if e < len(text.rstrip())}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SegmentationScores(precision, recall, f1, len(sentences), docs)


def evaluate_segmentation(
    conllu_path: Path, *, doc_size: int = 10, joiner: str = " ", segmenter: Segmenter | None = None
) -> SegmentationScores:
    """khabar's (or ``segmenter``'s) boundary scores on a CoNLL-U treebank."""
    sentences = read_conllu_sentences(conllu_path)
    return score(sentences, segmenter or khabar_segmenter, doc_size=doc_size, joiner=joiner)


def compare_segmenters(conllu_path: Path, *, doc_size: int = 10) -> list[tuple[str, SegmentationScores]]:
    """khabar's and sentencex's scores (when sentencex is installed), with the sentences of
    a test document joined by a space and by a newline."""
    sentences = read_conllu_sentences(conllu_path)
    rows = []
    candidates: list[tuple[str, Segmenter | None]] = [("khabar", khabar_segmenter), ("sentencex", sentencex_segmenter())]
    for name, seg in candidates:
        if seg is None:
            continue
        for label, joiner in (("space", " "), ("newline", "\n")):
            rows.append((f"{name} ({label})", score(sentences, seg, doc_size=doc_size, joiner=joiner)))
    return rows
