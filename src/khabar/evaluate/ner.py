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

Cross-validation (:func:`cross_validate`) trains the statistical tagger on all folds but
one and scores it on that one, for each fold in turn, and pools the counts.  ANERcorp has
no document markers, so folds are contiguous blocks of near-equal size whose edges are
moved to the nearest sentence that opens an article (:func:`fold_ranges`): a block never
starts inside a story that the training folds also hold.  It also reports the recall of
names unseen in training (a gold chunk whose words never form a gold chunk of the
training folds): that is what a tagger meets on new news.

Command line::

    khabar eval ner path/to/ANERCorp_CamelLab_train.txt [--window 10] [--tagger rules|model]
    khabar eval ner path/to/ANERCorp_CamelLab_train.txt --folds 5 [--jobs 5]
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.errors import InputError

#: The types khabar recognizes, in report order.
TYPES = ("PERS", "LOC", "ORG")

Tagger = Callable[[Sequence[str]], list[str]]
#: Tags whole sentences (a list of token lists) at once.
SentenceTagger = Callable[[list[list[str]]], list[list[str]]]
#: Trains a tagger on (token, tag) sentences.
Trainer = Callable[[list[list[tuple[str, str]]]], SentenceTagger]


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


# --- cross-validation ----------------------------------------------------------------------

#: Openings of an article in ANERcorp: a dateline with an agency ("بغداد ( اف ب )",
#: "نيقوسيا - ( أ ف ب )") or the header of an encyclopaedia page.
_ARTICLE_OPENING = re.compile(
    r"^(?:\S+ ){0,2}-? ?\( ?(?:د ب ا|رويترز|ا ف ب|اف ب|ا ش ا|يو بي اي|وكالات|قنا|واس|وام|كونا|سانا|بترا|ي ب ا|الفرنسيه) ?\)"
    r"|^من ويكيبيديا"
)
#: How far (in sentences) a fold edge may move to find an article's first sentence.
_EDGE_REACH = 25


def _content_words(sentence: Sequence[tuple[str, str]]) -> set[str]:
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.stopwords import STOPWORDS

    return {w for w in (normalize(t) for t, _ in sentence) if len(w) >= 4 and w not in STOPWORDS}


def fold_ranges(sentences: Sequence[Sequence[tuple[str, str]]], folds: int = 5) -> list[tuple[int, int]]:
    """(first, last + 1) sentence of each of ``folds`` contiguous blocks of near-equal
    token count, each edge moved (by at most 25 sentences) to where an article most
    plausibly starts: a dateline or encyclopaedia header first, else the sentence whose
    three neighbours before and after share the fewest content words."""
    from khabar.text.ar.normalize import normalize

    if folds < 2 or folds > len(sentences):
        raise ValueError(f"folds must be between 2 and the number of sentences, got {folds}")
    words = [_content_words(s) for s in sentences]
    ends = [0]
    for s in sentences:
        ends.append(ends[-1] + len(s))

    def cost(j: int) -> tuple[int, float]:
        opening = normalize(" ".join(t for t, _ in sentences[j][:8]))
        before = set().union(*words[max(0, j - 3) : j])
        after = set().union(*words[j : j + 3])
        return (0 if _ARTICLE_OPENING.search(opening) else 1, len(before & after) / max(1, len(before | after)))

    cuts = [0]
    for k in range(1, folds):
        target = bisect.bisect_left(ends, ends[-1] * k / folds)
        lo, hi = max(cuts[-1] + 1, target - _EDGE_REACH), min(len(sentences) - 1, target + _EDGE_REACH)
        cuts.append(min(range(lo, hi + 1), key=lambda j: (*cost(j), abs(j - target))))
    cuts.append(len(sentences))
    return list(zip(cuts, cuts[1:]))


@dataclass(frozen=True, slots=True)
class CrossValidation:
    scores: NerScores  # counts pooled over the folds
    folds: tuple[NerScores, ...]
    ranges: tuple[tuple[int, int], ...]
    unseen: tuple[TypeScores, ...]  # recall of gold chunks whose words no training fold tags


def unseen_recall(
    gold: Sequence[Sequence[str]],
    predicted: Sequence[Sequence[str]],
    tokens: Sequence[Sequence[str]],
    seen: set[str],
    *,
    types: Sequence[str] = TYPES,
) -> tuple[TypeScores, ...]:
    """Recall per type (and overall) of the gold chunks whose words are not in ``seen``
    (the words of every gold chunk of the training data, joined by spaces)."""
    counts = {t: [0, 0] for t in types}
    for g, p, toks in zip(gold, predicted, tokens, strict=True):
        p_chunks = chunks([_drop_misc(t, types) for t in p])
        for c in chunks([_drop_misc(t, types) for t in g]):
            if c[0] in counts and " ".join(toks[c[1] : c[2]]) not in seen:
                counts[c[0]][0] += 1
                counts[c[0]][1] += c in p_chunks
    rows = [_prf(t, g, g, c) for t, (g, c) in counts.items()]
    rows.append(_prf("overall", sum(g for g, _ in counts.values()), sum(g for g, _ in counts.values()), sum(c for _, c in counts.values())))
    return tuple(dataclasses.replace(r, precision=float("nan"), predicted=0, f1=float("nan")) for r in rows)


def gold_chunk_words(sentences: Iterable[Sequence[tuple[str, str]]]) -> set[str]:
    """The words of every gold chunk (any type), joined by spaces."""
    out: set[str] = set()
    for s in sentences:
        toks = [t for t, _ in s]
        out.update(" ".join(toks[a:b]) for _, a, b in chunks([tag for _, tag in s]))
    return out


#: What the fold workers of a parallel cross-validation read (set before they fork).
_FOLD_WORK: tuple = ()


def _run_fold(k: int) -> tuple[list[list[str]], float, float]:
    """Train on all folds but the ``k``-th, tag it: (predicted tags, seconds to train,
    seconds to tag)."""
    sentences, train, ranges = _FOLD_WORK
    a, b = ranges[k]
    held = [list(s) for s in sentences[a:b]]
    rest = [list(s) for s in (*sentences[:a], *sentences[b:])]
    started = time.perf_counter()
    tagger = train(rest)
    trained = time.perf_counter()
    predicted = tagger([[t for t, _ in s] for s in held])
    return predicted, trained - started, time.perf_counter() - trained


def cross_validate(
    sentences: Sequence[Sequence[tuple[str, str]]],
    *,
    train: Trainer,
    folds: int = 5,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> CrossValidation:
    """Train on all folds but one, score on it, for each fold; see the module docstring.
    ``progress`` is told of each fold as it is done; ``jobs`` folds run at once, each in a
    process of its own (the same figures: each fold's training is deterministic)."""
    global _FOLD_WORK
    ranges = fold_ranges(sentences, folds)
    _FOLD_WORK = (sentences, train, ranges)
    try:
        if jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(min(jobs, folds)) as pool:
                runs = pool.imap(_run_fold, range(folds))
                results = [r for r in runs]
        else:
            results = map(_run_fold, range(folds))
        gold_all: list[list[str]] = []
        pred_all: list[list[str]] = []
        tok_all: list[list[str]] = []
        per_fold: list[NerScores] = []
        unseen_counts: list[tuple[TypeScores, ...]] = []
        for (a, b), (predicted, trained_in, tagged_in) in zip(ranges, results):
            held = sentences[a:b]
            rest = (*sentences[:a], *sentences[b:])
            tokens = [[t for t, _ in s] for s in held]
            gold = [[tag for _, tag in s] for s in held]
            fold_scores = dataclasses.replace(score(gold, predicted), seconds=tagged_in)
            per_fold.append(fold_scores)
            unseen_counts.append(unseen_recall(gold, predicted, tokens, gold_chunk_words(rest)))
            gold_all += gold
            pred_all += predicted
            tok_all += tokens
            if progress is not None:
                overall = fold_scores.by_type()["overall"]
                progress(
                    f"fold {len(per_fold)}: sentences {a}-{b - 1}, F1 {100 * overall.f1:.1f} "
                    f"(trained in {trained_in:.0f} s)"
                )
    finally:
        _FOLD_WORK = ()
    pooled = score(gold_all, pred_all)
    unseen = []
    for k, row in enumerate(unseen_counts[0]):
        g = sum(u[k].gold for u in unseen_counts)
        c = sum(u[k].correct for u in unseen_counts)
        unseen.append(dataclasses.replace(row, gold=g, correct=c, recall=c / g if g else 0.0))
    return CrossValidation(pooled, tuple(per_fold), tuple(ranges), tuple(unseen))


def model_tagger() -> Tagger:
    """The shipped statistical tagger as a :data:`Tagger` of a window of sentences.

    Its sentences are not marked, so it is handed the window's text cut at final stops."""
    from khabar.extract.tagger.crf import tag_sentences

    def tag(tokens: Sequence[str]) -> list[str]:
        sentences: list[list[str]] = [[]]
        for t in tokens:
            sentences[-1].append(t)
            if t in (".", "!", "?", "؟"):
                sentences.append([])
        return [tag for sent in tag_sentences([s for s in sentences if s]) for tag in sent]

    return tag

