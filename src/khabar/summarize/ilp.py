"""Concept-coverage summaries by integer linear programming (Gillick & Favre 2009).

A *concept* is a bigram of light stems of adjacent content words (stop words and one-letter
tokens dropped first, numbers kept: figures are what casualty news is about).  Its weight
is the number of distinct articles that contain it: what several outlets write is what
happened.  With three or more articles, concepts found in only one are dropped (one
outlet's wording, not the event), which also keeps the program small.  With a single
article (single-document summaries) the unit of counting is the sentence instead, so a
concept weighs what it is repeated within the article.

The program: binary ``x_i`` per candidate sentence and ``c_j`` per concept,

    maximize    sum_j w_j c_j  +  tiny early-position bonus
    subject to  sum_i len_i x_i <= budget
                c_j <= sum_{i contains j} x_i

so every concept is counted once however many chosen sentences contain it: redundancy is
not rewarded and needs no threshold.  The position bonus is below one weight unit in total,
so it only breaks ties between equally good selections (towards leads), which also makes
the answer independent of the solver's choice among optima.

Solved with :func:`scipy.optimize.milp` (HiGHS) under a time limit; if it finds no
solution in time, a greedy pass (best newly covered weight per word) is used instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from khabar.config import BriefOptions
from khabar.relate.corroborate import SentencePool
from khabar.summarize.centroid import is_candidate
from khabar.summarize.concepts import MIN_ARTICLES_FOR_FILTER, concepts

#: Seconds HiGHS may spend before the greedy fallback is used.
TIME_LIMIT_SECONDS = 10.0


@dataclass(frozen=True)
class ConceptProblem:
    """Candidate rows, their lengths, concept weights and the row x concept incidence."""

    rows: tuple[int, ...]
    lengths: np.ndarray
    weights: np.ndarray
    incidence: sparse.csr_matrix  # rows x concepts, 1 where the row contains the concept
    position: np.ndarray  # in (0, 1]: 1 for a lead sentence
    concepts: tuple[tuple[str, str], ...] = ()  # parallel to ``weights``


def build_problem(pool: SentencePool, *, options: BriefOptions) -> ConceptProblem:
    n_docs = len(pool.docs)
    per_row = [concepts(pool.docs[d].sentence_words[s]) for d, s in pool.refs]
    # Who contains each concept: distinct articles, or sentences when there is one article.
    holders: dict[tuple[str, str], set[int]] = {}
    for row, found in enumerate(per_row):
        unit = pool.doc_of(row) if n_docs > 1 else row
        for c in found:
            holders.setdefault(c, set()).add(unit)
    min_holders = 2 if (n_docs >= MIN_ARTICLES_FOR_FILTER or n_docs == 1) else 1
    kept = sorted(c for c, h in holders.items() if len(h) >= min_holders)
    index = {c: j for j, c in enumerate(kept)}
    rows: list[int] = []
    cols: list[int] = []
    candidates: list[int] = []
    for row, found in enumerate(per_row):
        d, s = pool.refs[row]
        n_words = len(pool.docs[d].sentence_words[s])
        if n_words > options.length_words or not is_candidate(pool, row, n_words, options=options):
            continue
        k = len(candidates)
        candidates.append(row)
        for c in sorted(found):
            if c in index:
                rows.append(k)
                cols.append(index[c])
    incidence = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(candidates), len(kept)), dtype=np.float64
    )
    lengths = np.array([len(pool.docs[pool.refs[r][0]].sentence_words[pool.refs[r][1]]) for r in candidates])
    position = np.array([1.0 / (1.0 + pool.refs[r][1]) for r in candidates])
    weights = np.array([float(len(holders[c])) for c in kept])
    return ConceptProblem(tuple(candidates), lengths.astype(float), weights, incidence, position, tuple(kept))


def solve_milp(problem: ConceptProblem, budget: int, *, time_limit: float) -> list[int] | None:
    """Indices (into ``problem.rows``) chosen by HiGHS, or None when it found no solution."""
    n_s, n_c = problem.incidence.shape
    # Position bonus: below 1 in total, and every concept weighs at least 1.
    bonus = 0.5 * problem.position / (n_s + 1)
    objective = -np.concatenate([bonus, problem.weights])  # milp minimizes
    budget_row = sparse.hstack([sparse.csr_matrix(problem.lengths[None, :]), sparse.csr_matrix((1, n_c))])
    # c_j - sum_i A_ij x_i <= 0
    cover = sparse.hstack([-problem.incidence.T, sparse.identity(n_c)])
    constraints = [LinearConstraint(budget_row.tocsr(), -np.inf, float(budget))]
    if n_c:
        constraints.append(LinearConstraint(cover.tocsr(), -np.inf, 0.0))
    result = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n_s + n_c),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "disp": False},
    )
    if result.x is None:
        return None
    return [i for i in range(n_s) if result.x[i] > 0.5]


def solve_greedy(problem: ConceptProblem, budget: int) -> list[int]:
    """Repeatedly add the sentence with the most newly covered weight per word that fits."""
    covered = np.zeros(problem.incidence.shape[1], dtype=bool)
    chosen: list[int] = []
    used = 0.0
    open_ = np.ones(len(problem.rows), dtype=bool)
    inc = problem.incidence.tocsr()
    while True:
        gains = np.asarray(inc @ np.where(covered, 0.0, problem.weights)).ravel()
        value = np.where(open_ & (used + problem.lengths <= budget) & (gains > 0), gains / problem.lengths, -np.inf)
        if not len(value) or not np.isfinite(value.max()):
            return chosen
        best = int(np.argmax(value))  # ties: the earliest row
        chosen.append(best)
        open_[best] = False
        used += problem.lengths[best]
        covered[inc[best].indices] = True


class IlpSummarizer:
    name = "ilp"

    def __init__(self, *, time_limit: float = TIME_LIMIT_SECONDS) -> None:
        self.time_limit = time_limit

    def select(self, pool: SentencePool, *, options: BriefOptions) -> list[int]:
        problem = build_problem(pool, options=options)
        if not problem.rows:
            return []
        if problem.weights.size == 0:
            # Nothing is shared: no concept to cover, so take the leads that fit.
            order = np.argsort(-problem.position, kind="stable")
            chosen, used = [], 0.0
            for i in order:
                if used + problem.lengths[i] <= options.length_words:
                    chosen.append(int(i))
                    used += problem.lengths[i]
        else:
            picked = solve_milp(problem, options.length_words, time_limit=self.time_limit)
            chosen = picked if picked is not None else solve_greedy(problem, options.length_words)
        return sorted(problem.rows[i] for i in chosen)
