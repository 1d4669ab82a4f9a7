"""Labelled claim-article pairs: the training and evaluation format, and corpus adapters.

khabar's format is JSON Lines, one pair per line (see ``docs/check.md``)::

    {"claim": "...", "article": {"title": "...", "body": "..."}, "stance": "agree", "rationale": [2]}
    {"claim": "...", "article_path": "examples/.../file.txt", "stance": "unrelated"}

``article_path`` is read with :func:`khabar.read` and resolved against the data file's folder
and its parents (so a fixture can name ``examples/...`` from anywhere in the checkout);
``rationale`` holds sentence indices of :func:`khabar.text.ar.segment.split_sentences`
(the title is sentence 0).  Adapters read baly2018's folder (one JSON per claim, sentences one
per line, rationale as line indices) and ANS's CSV (``s1,s2,stance``) directly.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from khabar.check.retrieve import Doc, doc_from_article, doc_from_lines
from khabar.errors import InputError, OptionsError
from khabar.model import Article

STANCES = ("agree", "disagree", "discuss", "unrelated")


@dataclass(frozen=True, slots=True)
class Pair:
    """One claim, one article, its gold stance and the gold evidence sentences."""

    claim: str
    doc: Doc
    stance: str
    rationale: tuple[int, ...] = ()
    group: str = ""  # the claim's id: cross-validation never splits a group
    fold: str | None = None


# --- khabar's JSON Lines -----------------------------------------------------------------------


def _resolve(base: Path, relative: str) -> Path:
    for folder in (base, *base.parents):
        candidate = folder / relative
        if candidate.exists():
            return candidate
    raise FileNotFoundError(relative)


def read_jsonl(path: str | Path) -> list[Pair]:
    """Pairs from a khabar JSON Lines file."""
    from khabar import read

    path = Path(path)
    pairs = []
    cache: dict[str, Article] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(where, f"not JSON: {err}") from None
        claim, stance = rec.get("claim"), rec.get("stance")
        if not isinstance(claim, str) or not claim.strip():
            raise InputError(where, 'needs a non-empty "claim"')
        if stance not in STANCES:
            raise InputError(where, f'"stance" must be one of {", ".join(STANCES)}, got {stance!r}')
        if isinstance(rec.get("article"), dict):
            a = rec["article"]
            article = Article.create(title=str(a.get("title", "")), body=str(a.get("body", "")), outlet=a.get("outlet"))
        elif isinstance(rec.get("article_path"), str):
            rel = rec["article_path"]
            if rel not in cache:
                try:
                    found = read(_resolve(path.parent.resolve(), rel))
                except FileNotFoundError:
                    raise InputError(where, f"article_path {rel!r} not found beside {path} or its parents") from None
                if len(found) != 1:
                    raise InputError(where, f"article_path {rel!r} holds {len(found)} articles, expected one")
                cache[rel] = found[0]
            article = cache[rel]
        else:
            raise InputError(where, 'needs "article": {"title", "body"} or "article_path"')
        rationale = tuple(int(i) for i in rec.get("rationale", ()) or ())
        pairs.append(Pair(claim, doc_from_article(article), stance, rationale, group=str(rec.get("group", claim))))
    return pairs


# --- baly2018 ----------------------------------------------------------------------------------


def read_baly_file(path: str | Path, *, fold: str | None = None) -> list[Pair]:
    """The pairs of one baly2018 claim file (sentences are its lines, indices kept)."""
    path = Path(path)
    try:
        rec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read a baly2018 claim file: {err}") from None
    try:
        claim, articles, stances = rec["claim"], rec["article"], rec["stance"]
    except KeyError as err:
        raise InputError(str(path), f"baly2018 claim file without {err}") from None
    urls = rec.get("url") or [None] * len(articles)
    rationales = rec.get("rationale") or ["[]"] * len(articles)
    claim_id = str(rec.get("id", path.stem))
    out = []
    for text, stance, url, rationale in zip(articles, stances, urls, rationales):
        lines = text.split("\n")
        body = "\n".join(lines)
        article = Article(
            id=f"{claim_id}:{len(out)}", title="", body=body, url=url, outlet=_host(url), source=str(path)
        )
        indices = tuple(int(x) for x in re.findall(r"\d+", str(rationale)))
        out.append(Pair(claim, doc_from_lines(article, lines), stance, indices, group=claim_id, fold=fold))
    return out


def _host(url: str | None) -> str | None:
    m = re.match(r"https?://(?:www\.)?([^/]+)", url or "")
    return m.group(1) if m else None


def baly_folds(root: str | Path) -> dict[str, str]:
    """Claim id -> fold name from ``train_test_splits.txt``."""
    root = Path(root)
    folds = {}
    for line in (root / "train_test_splits.txt").read_text(encoding="utf-8").splitlines():
        name, _, ids = line.partition(":")
        for claim_id in ids.split():
            folds[claim_id] = name.strip()
    return folds


def read_baly(root: str | Path, *, limit: int | None = None) -> list[Pair]:
    """Every pair of a baly2018 folder (``dataset/*.json`` + ``train_test_splits.txt``),
    each tagged with its claim's fold; claims of folds not present are skipped."""
    root = Path(root)
    folds = baly_folds(root) if (root / "train_test_splits.txt").exists() else {}
    files = sorted((root / "dataset").glob("*.json")) if (root / "dataset").is_dir() else sorted(root.glob("*.json"))
    pairs = []
    for p in files[:limit] if limit else files:
        pairs.extend(read_baly_file(p, fold=folds.get(p.stem)))
    return pairs


# --- ANS ---------------------------------------------------------------------------------------

#: ANS's third label means "neither agrees nor contradicts": read as unrelated for training.
ANS_LABELS = {"agree": "agree", "disagree": "disagree", "other": "unrelated"}


def read_ans(path: str | Path) -> list[Pair]:
    """Sentence pairs of an ANS stance CSV: claim ``s1``, one-sentence article ``s2``."""
    path = Path(path)
    pairs = []
    with path.open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            label = ANS_LABELS.get((row.get("stance") or "").strip())
            if label is None:
                raise InputError(f"{path}:{n}", f"unknown ANS stance {row.get('stance')!r}")
            s2 = row["s2"].strip()
            article = Article(id=f"ans:{n}", title="", body=s2)
            pairs.append(Pair(row["s1"].strip(), doc_from_lines(article, [s2]), label, group=row["s1"].strip()))
    return pairs


def read_pairs(path: str | Path) -> list[Pair]:
    """Pairs from any supported layout: khabar JSON Lines, a baly2018 folder or claim file,
    or an ANS stance CSV."""
    path = Path(path)
    if path.is_dir():
        return read_baly(path)
    if path.suffix == ".csv":
        return read_ans(path)
    if path.suffix == ".json":
        return read_baly_file(path)
    return read_jsonl(path)


def by_claim(pairs: Sequence[Pair]) -> Iterator[tuple[str, list[int]]]:
    """Indices of the pairs of each claim (same claim text), in first-seen order."""
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.claim, []).append(i)
    yield from groups.items()


def claim_folds(pairs: Sequence[Pair], k: int) -> list[list[int]]:
    """Test folds of pair indices: a corpus's own folds when every pair has one, else ``k``
    folds dealt claim by claim (by ``group``, else the claim text).  A claim's pairs always
    share a fold."""
    if pairs and all(p.fold for p in pairs):
        names = sorted({p.fold for p in pairs})  # type: ignore[type-var]
        return [[i for i, p in enumerate(pairs) if p.fold == name] for name in names]
    groups: dict[str, list[int]] = {}
    for i, p in enumerate(pairs):
        groups.setdefault(p.group or p.claim, []).append(i)
    k = max(2, min(k, len(groups)))
    folds: list[list[int]] = [[] for _ in range(k)]
    for n, idx in enumerate(groups.values()):
        folds[n % k].extend(idx)
    return [f for f in folds if f]


# --- data for training and evaluation -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Data:
    """Labelled pairs and where they came from (said in the report)."""

    pairs: list[Pair]
    description: str
    ans: bool = False


def _is_ans(path: Path) -> bool:
    return (path / "stance" / "train.csv").exists() or (path / "stance" / "test.csv").exists()


def _is_baly(path: Path) -> bool:
    return path.is_dir() and ((path / "dataset").is_dir() or (path / "train_test_splits.txt").exists())


def _fold_name(root: Path, name: str) -> str:
    """"5", "fold_5" and "Fold_5" all name a baly2018 fold."""
    known = sorted(set(baly_folds(root).values())) if (root / "train_test_splits.txt").exists() else []
    for k in known:
        if name in (k, k.lower(), k.split("_")[-1]):
            return k
    raise OptionsError(f"{root}: no fold {name!r} in train_test_splits.txt (folds: {', '.join(known) or 'none'})")


def load_data(
    path: Path, *, role: str, test_folds: Sequence[str] = (), test_path: Path | None = None, limit: int | None = None
) -> Data:
    """The pairs of ``path`` for ``role`` "train" or "test" (see the module docstring)."""
    if not path.exists():
        raise OptionsError(f"{path}: no such file or folder")
    if path.is_dir() and _is_ans(path):
        stance = path / "stance"
        test_file = stance / "test.csv" if (stance / "test.csv").exists() else stance / "dev.csv"
        if role == "test":
            return Data(_limit(read_ans(test_file), limit), f"ANS {test_file.name}", ans=True)
        same = test_path is not None and test_path.resolve() == path.resolve()
        files = [f for f in (stance / "train.csv", stance / "dev.csv") if f.exists() and not (same and f == test_file)]
        pairs = [p for f in files for p in read_ans(f)]
        return Data(_limit(pairs, limit), "ANS " + " + ".join(f.name for f in files), ans=True)
    if _is_baly(path):
        pairs = read_baly(path, limit=limit)
        present = sorted({p.fold for p in pairs if p.fold})
        folds = [_fold_name(path, f) for f in test_folds]
        same = test_path is not None and test_path.resolve() == path.resolve()
        if role == "test" or same:
            if not folds and same and present:
                folds = [present[-1]]
        if role == "test":
            chosen = [p for p in pairs if not folds or p.fold in folds]
            what = ", ".join(folds) if folds else "all claims"
            return Data(chosen, f"baly2018 {what} ({len({p.group for p in chosen})} claims)")
        kept = [p for p in pairs if not (same and p.fold in folds)]
        what = ", ".join(sorted({p.fold or "?" for p in kept}))
        return Data(kept, f"baly2018 {what} ({len({p.group for p in kept})} claims)")
    pairs = read_pairs(path)
    ans = path.suffix == ".csv"
    return Data(_limit(pairs, limit), path.name, ans=ans)


def _limit(pairs: list[Pair], limit: int | None) -> list[Pair]:
    return pairs[:limit] if limit else pairs
