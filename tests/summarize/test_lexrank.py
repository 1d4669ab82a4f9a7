"""LexRank through sumy, fed khabar's sentences and tokens."""

from __future__ import annotations

import pytest

import khabar
from khabar.config import BriefOptions
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import get_summarizer
from khabar.summarize.centroid import is_candidate

pytest.importorskip("sumy")

from khabar.summarize.lexrank import KhabarTokenizer, LexRankSummarizer, lexrank_ratings  # noqa: E402

from summary_fixtures import FIRE, n_words, pool_of, seed_pool  # noqa: E402,F401 - seed_pool is a fixture


def test_registered():
    assert get_summarizer("lexrank").name == "lexrank"


def test_tokenizer_gives_normalized_arabic_words():
    assert KhabarTokenizer.to_words("أعلنت الأمم، المتحدة") == ("اعلنت", "الامم", "المتحده")


def test_one_rating_per_khabar_sentence_even_with_commas():
    pool = pool_of(FIRE)
    rows = [r for r in range(len(pool)) if not pool.sentence(r).is_title]
    assert sorted(lexrank_ratings(pool, rows)) == rows


@pytest.mark.parametrize("budget", [10, 25, 60, 120])
def test_respects_the_budget_on_the_seeds(seed_pool, budget):
    rows = LexRankSummarizer().select(seed_pool, options=BriefOptions(length_words=budget))
    assert n_words(seed_pool, rows) <= budget


def test_returns_distinct_candidate_rows(seed_pool):
    # candidates as for every khabar summarizer: no headline, no fragment, no run-on
    options = BriefOptions()
    rows = LexRankSummarizer().select(seed_pool, options=options)
    assert len(set(rows)) == len(rows) > 0
    assert all(is_candidate(seed_pool, r, n_words(seed_pool, [r]), options=options) for r in rows)


def test_is_deterministic(seeds_dir):
    runs = [
        LexRankSummarizer().select(
            SentencePool.build([analyze(a) for a in khabar.read(seeds_dir)]), options=BriefOptions()
        )
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_picks_the_fact_all_articles_report():
    pool = pool_of(FIRE)
    (row,) = LexRankSummarizer().select(pool, options=BriefOptions(length_words=16))
    assert "مستودع للوقود" in pool.sentence(row).text


def test_skips_an_exact_repeat_of_a_chosen_sentence():
    wire = "أدى حريق اندلع في مستودع للوقود بمدينة النخيل مساء الخميس إلى مقتل 15 شخصا."
    pool = pool_of([("أ", wire), ("ب", wire), *FIRE])
    rows = LexRankSummarizer().select(pool, options=BriefOptions(length_words=200))
    assert sum(pool.sentence(r).text == wire for r in rows) == 1
