"""Named-entity recognition scored against a BIO corpus (ANERcorp), as conlleval does.

The corpus has one ``token TAG`` per line and a blank line between sentences; tags are
B-/I- PERS, LOC, ORG and MISC.  khabar tags persons, places and organisations only, so MISC
is read as O in the gold (it is counted, and reported, but never scored).

Entity level (the headline figures): a chunk counts as correct only when its type and
both boundaries match, with conlleval's chunking rules (an I- tag after O or after another
type starts a new chunk).  Precision, recall and F1 per type and micro-averaged.

Token level: for each type, a token is "in" the type when its tag is B- or I- of it;
precision/recall/F1 over those decisions, plus the accuracy of the exact BIO tag.

khabar's tagger reads running text, so sentences are tagged in windows of ``window``
consecutive sentences (a name found once is then found again nearby, as in an article).

Command line::

    khabar eval ner path/to/ANERCorp_CamelLab_train.txt [--window 10]
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.errors import InputError

#: The types khabar recognizes, in report order.
TYPES = ("PERS", "LOC", "ORG")

Tagger = Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True, slots=True)
class TypeScores:
    type: str
    precision: float
    recall: float
    f1: float
    gold: int  # chunks (entity level) or tokens (token level) in the gold
    predicted: int
    correct: int


@dataclass(frozen=True, slots=True)
class NerScores:
    entity: tuple[TypeScores, ...]  # one per type, then "overall" (micro-averaged)
    token: tuple[TypeScores, ...]
    token_accuracy: float  # exact BIO tag, over all tokens (MISC read as O)
    sentences: int
    tokens: int
    misc_chunks: int  # gold MISC chunks, left out of the scores
    seconds: float = 0.0

    def by_type(self, level: str = "entity") -> dict[str, TypeScores]:
        rows = self.entity if level == "entity" else self.token
        return {r.type: r for r in rows}


def read_bio(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of a ``token TAG`` file, as lists of (token, tag)."""
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read the BIO corpus: {err.strerror or err}") from err
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for number, line in enumerate(raw.splitlines(), 1):
        parts = line.split()
        if not parts:
            if current:
                sentences.append(current)
                current = []
            continue
        if len(parts) < 2:
            raise InputError(f"{path}:{number}", f"expected 'token TAG', got {line!r}")
        tag = parts[-1]
        if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
            raise InputError(f"{path}:{number}", f"not a BIO tag: {tag!r}")
        current.append((" ".join(parts[:-1]), tag))
    if current:
        sentences.append(current)
    if not sentences:
        raise InputError(str(path), "no tokens: is this a 'token TAG' file?")
    return sentences


def chunks(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """(type, first token, last token + 1) of every chunk, by conlleval's rules."""
    out: set[tuple[str, int, int]] = set()
    start, kind = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, t = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and t != kind)
        if kind is not None and (prefix == "O" or begins):
            out.add((kind, start, i))
            start, kind = None, None
        if begins:
            start, kind = i, t
    return out


def _prf(kind: str, gold: int, predicted: int, correct: int) -> TypeScores:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return TypeScores(kind, p, r, f, gold, predicted, correct)


def _drop_misc(tag: str, types: Sequence[str]) -> str:
    return tag if tag == "O" or tag[2:] in types else "O"


def score(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]], *, types: Sequence[str] = TYPES
) -> NerScores:
    """Entity- and token-level scores of predicted tag sequences against gold ones."""
    counts = {t: [0, 0, 0] for t in types}  # gold, predicted, correct chunks
    tok = {t: [0, 0, 0] for t in types}
    right = total = sentences = misc = 0
    for g_raw, p_raw in zip(gold, predicted, strict=True):
        if len(g_raw) != len(p_raw):
            raise ValueError(f"sentence {sentences}: {len(g_raw)} gold tags but {len(p_raw)} predicted")
        sentences += 1
        misc += sum(1 for c in chunks(g_raw) if c[0] not in types)
        g = [_drop_misc(t, types) for t in g_raw]
        p = [_drop_misc(t, types) for t in p_raw]
        g_chunks, p_chunks = chunks(g), chunks(p)
        for t in types:
            gc = {c for c in g_chunks if c[0] == t}
            pc = {c for c in p_chunks if c[0] == t}
            counts[t][0] += len(gc)
            counts[t][1] += len(pc)
            counts[t][2] += len(gc & pc)
        for gt, pt in zip(g, p):
            total += 1
            right += gt == pt
            for t in types:
                in_g, in_p = gt[2:] == t, pt[2:] == t
                tok[t][0] += in_g
                tok[t][1] += in_p
                tok[t][2] += in_g and in_p
    entity = [_prf(t, *counts[t]) for t in types]
    entity.append(_prf("overall", *(sum(c[k] for c in counts.values()) for k in range(3))))
    token = [_prf(t, *tok[t]) for t in types]
    token.append(_prf("overall", *(sum(c[k] for c in tok.values()) for k in range(3))))
    return NerScores(tuple(entity), tuple(token), right / total if total else 0.0, sentences, total, misc)


def evaluate_ner(path: Path, *, tagger: Tagger | None = None, window: int = 10, limit: int | None = None) -> NerScores:
    """Score ``tagger`` (khabar's :func:`~khabar.extract.entities.tag_tokens` by default)
    on a BIO corpus, tagging ``window`` sentences at a time; ``limit`` reads only the
    first sentences."""
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    if tagger is None:
        from khabar.extract.entities import tag_tokens

        tagger = tag_tokens
    sentences = read_bio(path)[:limit]
    started = time.perf_counter()
    predicted: list[list[str]] = []
    for w in range(0, len(sentences), window):
        group = sentences[w : w + window]
        tags = tagger([tok for sent in group for tok, _ in sent])
        pos = 0
        for sent in group:
            predicted.append(tags[pos : pos + len(sent)])
            pos += len(sent)
    seconds = time.perf_counter() - started
    result = score([[tag for _, tag in sent] for sent in sentences], predicted)
    return dataclasses.replace(result, seconds=seconds)
