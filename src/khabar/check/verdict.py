"""What a check found, and a verdict that never says more than the evidence does.

The verdict counts *independent sources*, not articles: articles that are near-copies of one
text (MinHash over 5-character shingles, :mod:`khabar.relate.fingerprint`), whose evidence
sentence is the same wire sentence, that come from the same outlet, or whose evidence
attributes the claim to the same *primary source* (three outlets citing the Syrian
Observatory are one source: the Observatory), are one source.  The primary source is what
the extraction layer's attribution gives (:func:`khabar.extract.attribution.find_source`): a
named organisation, a person (or the organisation a person speaks for), a country;
anonymous sources ("مصادر محلية") are never merged, since two of them may be two people.
When every article that agrees or disagrees is a copy of one wire story, the verdict says
so (:attr:`Verdict.single_wire_story`): ten copies of one dispatch are one voice.

It never says true or false: it says who agrees, who disagrees (with the figure, who gives it
and when), and who only discusses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from khabar.extract.attribution import Source
from khabar.relate.fingerprint import jaccard, shingles, signature_rows
from khabar.text.ar.normalize import normalize

#: Estimated Jaccard of two whole articles above which they are copies of one text (edited
#: wire copy measures ~0.8 on 5-character shingles, a rewrite ~0.15).
COPY_JACCARD = 0.5
#: Exact Jaccard of two evidence sentences above which they are the same wire sentence.
SENTENCE_COPY_JACCARD = 0.6
#: Characters of each article fingerprinted to find copies: a wire copy is a copy from its
#: first paragraphs, and fingerprinting whole long articles was a third of a check's time.
COPY_PREFIX_CHARS = 2_000


@dataclass(frozen=True, slots=True)
class EvidenceFigure:
    """A figure of an evidence sentence compared with the claim's (offsets into the article)."""

    text: str
    start: int
    end: int
    value: float | None
    category: str
    agrees: bool
    claim_figure: str  # the claim's figure as written


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence of an article that speaks to the claim (offsets into :attr:`Article.text`)."""

    sentence_index: int
    text: str
    start: int
    end: int
    similarity: float
    source: str | None = None  # who the sentence attributes it to, as written
    figures: tuple[EvidenceFigure, ...] = ()
    #: The primary source's key (see :func:`primary_source_key`); None when anonymous or none.
    source_key: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleStance:
    article_id: str
    outlet: str | None
    published: dt.date | None
    stance: str  # agree, disagree, discuss, unrelated
    score: float
    evidence: tuple[Evidence, ...] = ()
    title: str = ""
    url: str | None = None
    #: Articles with the same group are one independent source (copies, same outlet).
    source_group: int = 0


@dataclass(frozen=True, slots=True)
class DisagreeingFigure:
    """A figure that disagrees with the claim's: its value as a reader reads it, the
    claim's figure as written, and who gives it (source, outlet, day)."""

    value: str
    claim_figure: str
    who: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Counts of independent sources per stance, and a sentence saying so."""

    agree: int
    disagree: int
    discuss: int
    unrelated: int
    summary: str
    single_wire_story: bool = False
    agree_sources: tuple[str, ...] = ()  # who the agreeing evidence attributes it to
    disagree_sources: tuple[str, ...] = ()
    #: The parts ``summary`` is made of, for a rendering in another language
    #: (khabar.present.check): the outlet of each independent source per side (None: not
    #: named), the figures that disagree, and how many articles were read.
    agree_outlets: tuple[str | None, ...] = ()
    disagree_outlets: tuple[str | None, ...] = ()
    disagree_figures: tuple[DisagreeingFigure, ...] = ()
    read: int = 0
    sided: int = 0  # articles (not sources) that agree or disagree


@dataclass(frozen=True, slots=True)
class CheckResult:
    claim: str
    articles: tuple[ArticleStance, ...]
    verdict: Verdict
    #: Which judge read the articles: "meaning" (the shipped model), "rules" or "lexical".
    model: str = "rules"
    #: The claim's event (story id), when the check was asked to stay in it.
    event: str | None = None
    #: The storyline of that event, whose articles the check was kept to.
    storyline: str | None = None


# --- independent sources ---------------------------------------------------------------------


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def copy_groups(texts: Sequence[str], evidence: Sequence[str]) -> list[int]:
    """A group number per article: near-copies of one text, or articles whose best evidence
    sentence is the same wire sentence, share a group."""
    n = len(texts)
    uf = _UnionFind(n)
    if n > 1:
        # the bulk signatures' rows, permuted in blocks: the same values, less time
        m = signature_rows([shingles(t[:COPY_PREFIX_CHARS]) for t in texts])
        # every pair's share of equal hash values at once (30 articles: 30 x 30 x 128); a
        # component's root is its first article whatever order the pairs are joined in
        same = (m[:, None, :] == m[None, :, :]).mean(axis=2)
        for i, j in zip(*np.nonzero(np.triu(same >= COPY_JACCARD, k=1))):
            uf.union(int(i), int(j))
        ev = [shingles(e) if e else frozenset() for e in evidence]
        for i in range(n):
            for j in range(i + 1, n):
                if ev[i] and ev[j] and jaccard(ev[i], ev[j]) >= SENTENCE_COPY_JACCARD:
                    uf.union(i, j)
    return [uf.find(i) for i in range(n)]


def primary_source_key(source: Source | None) -> str | None:
    """Who a statement comes from in the end, as a key two articles can share: a person
    speaking for an organisation stands for it ("رامي عبد الرحمن، مدير المرصد" is the
    Observatory); a name the gazetteers know takes its canonical key ("قوات الأسد" and
    "جيش النظام" may differ in writing, not in key); anonymous sources have no key."""
    if source is None or source.kind == "anonymous":
        return None
    text = source.organisation if source.kind == "person" and source.organisation else source.text
    from khabar.extract.entities import find_mentions
    from khabar.model import Article, Sentence

    article = Article(id="source", title="", body=text)
    names = find_mentions(article, [Sentence("source", 0, 0, len(text), text)])
    if names and names[0].end - names[0].start >= len(text.strip()) * 0.6:
        return names[0].name_key
    return " ".join(normalize(text).split()) or None


def _same_primary(a: str, b: str) -> bool:
    """One key is the other's first words ("المرصد السوري" and "المرصد السوري لحقوق الانسان")."""
    wa, wb = a.split(), b.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return long_[: len(short)] == short


def source_groups(articles: Sequence[ArticleStance], texts: Sequence[str]) -> tuple[list[int], list[int]]:
    """(independent-source group, copy group) per article: copies, the same outlet and the
    same primary source join."""
    evidence = [a.evidence[0].text if a.evidence else "" for a in articles]
    # copies matter only among articles that speak to the claim; an unrelated one is its own
    # group (fingerprinting thirty whole articles is most of a verdict's time)
    active = [i for i, a in enumerate(articles) if a.stance != "unrelated"]
    sub = copy_groups([texts[i] for i in active], [evidence[i] for i in active])
    copies = list(range(len(articles)))
    for k, i in enumerate(active):
        copies[i] = active[sub[k]]
    uf = _UnionFind(len(articles))
    for i, g in enumerate(copies):
        uf.union(i, g)
    by_outlet: dict[str, int] = {}
    for i, a in enumerate(articles):
        if a.outlet:
            key = " ".join(normalize(a.outlet).split())
            if key in by_outlet:
                uf.union(i, by_outlet[key])
            else:
                by_outlet[key] = i
    primaries: list[tuple[str, int]] = []
    for i, a in enumerate(articles):
        key = next((e.source_key for e in a.evidence if e.source_key), None)
        if key is None:
            continue
        for other, j in primaries:
            if _same_primary(key, other):
                uf.union(i, j)
        primaries.append((key, i))
    return [uf.find(i) for i in range(len(articles))], copies


# --- the verdict ------------------------------------------------------------------------------


def format_value(value: float | None, fallback: str) -> str:
    if value is None:
        return fallback
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def _outlet(name: str | None) -> str:
    return name or "unnamed outlet"


def _unique(items: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for x in items if x))


def build_verdict(articles: Sequence[ArticleStance], copy_group: Sequence[int]) -> Verdict:
    """Count independent sources per stance and say what that means, and no more."""
    counts: dict[str, int] = {}
    names: dict[str, list[str | None]] = {}
    for stance in ("agree", "disagree", "discuss", "unrelated"):
        members = [a for a in articles if a.stance == stance]
        groups: dict[int, ArticleStance] = {}
        for a in members:
            groups.setdefault(a.source_group, a)
        counts[stance] = len(groups)
        names[stance] = [a.outlet for a in groups.values()]
    sided = [i for i, a in enumerate(articles) if a.stance in ("agree", "disagree")]
    single_wire = len(sided) >= 2 and len({copy_group[i] for i in sided}) == 1
    agree_sources = _unique([e.source for a in articles if a.stance == "agree" for e in a.evidence if e.source])
    disagree_sources = _unique([e.source for a in articles if a.stance == "disagree" for e in a.evidence if e.source])

    parts = []
    if counts["agree"]:
        word = "outlet agrees" if counts["agree"] == 1 else "outlets agree"
        parts.append(f"{counts['agree']} independent {word} ({', '.join(map(_outlet, names['agree']))})")
    figures = _disagreeing_figures([a for a in articles if a.stance == "disagree"])
    if counts["disagree"]:
        verb = "disagrees" if counts["disagree"] == 1 else "disagree"
        if figures:
            shown = [f"{f.value} against {f.claim_figure} ({', '.join(f.who)})" for f in figures]
            parts.append(f"{counts['disagree']} {verb} on the figure: {'; '.join(shown)}")
        else:
            parts.append(f"{counts['disagree']} {verb} ({', '.join(map(_outlet, names['disagree']))})")
    if counts["discuss"]:
        parts.append(f"{counts['discuss']} discuss{'es' if counts['discuss'] == 1 else ''} it without taking a side")
    if not counts["agree"] and not counts["disagree"]:
        read = len(articles)
        lead = f"No article among the {read} read agrees or disagrees: the claim is neither confirmed nor contradicted"
        summary = lead + (f"; {parts[0]}" if parts else "") + "."
    else:
        summary = ", ".join(parts) + "."
    if single_wire:
        n = len(sided)
        summary += f" Caution: all {n} articles that take a side are copies of one wire story — one source, not {n}."
    return Verdict(
        agree=counts["agree"],
        disagree=counts["disagree"],
        discuss=counts["discuss"],
        unrelated=counts["unrelated"],
        summary=summary,
        single_wire_story=single_wire,
        agree_sources=agree_sources,
        disagree_sources=disagree_sources,
        agree_outlets=tuple(names["agree"]),
        disagree_outlets=tuple(names["disagree"]),
        disagree_figures=tuple(figures),
        read=len(articles),
        sided=len(sided),
    )


def _disagreeing_figures(articles: Sequence[ArticleStance]) -> list[DisagreeingFigure]:
    out = []
    for a in articles:
        for e in a.evidence:
            for f in e.figures:
                if not f.agrees:
                    who = tuple(x for x in (e.source, a.outlet, a.published.isoformat() if a.published else None) if x)
                    out.append(DisagreeingFigure(format_value(f.value, f.text), f.claim_figure, who))
                    break
            else:
                continue
            break
    return list(dict.fromkeys(out))
