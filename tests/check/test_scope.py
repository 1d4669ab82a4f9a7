"""A check can be kept to a scope: the articles of one event or storyline."""

from __future__ import annotations

import datetime as dt

from khabar.check import check_claim
from khabar.model import Article
from khabar.store import open_store

CLAIM = "قصفت الطائرات مستشفى في حي الزيتون"


def _articles() -> tuple[Article, Article]:
    here = Article.create(
        title="قصف مستشفى في الزيتون", body="قصفت الطائرات مستشفى في حي الزيتون فجر اليوم.", outlet="إذاعة الشرق",
        published=dt.date(2016, 12, 13),
    )
    elsewhere = Article.create(
        title="قصف مستشفى في حي الزيتون قبل عامين", body="قصفت الطائرات مستشفى في حي الزيتون قبل عامين بحسب تقرير جديد.",
        outlet="صحيفة الوادي", published=dt.date(2018, 4, 2),
    )
    return here, elsewhere


def test_scope_keeps_other_articles_out_of_a_list() -> None:
    here, elsewhere = _articles()
    everything = check_claim(CLAIM, [here, elsewhere], model="rules")
    assert {a.article_id for a in everything.articles} == {here.id, elsewhere.id}
    scoped = check_claim(CLAIM, [here, elsewhere], model="rules", scope={here.id})
    assert [a.article_id for a in scoped.articles] == [here.id]


def test_scope_keeps_other_articles_out_of_a_store(tmp_path) -> None:
    here, elsewhere = _articles()
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add([here, elsewhere])
        assert len(check_claim(CLAIM, store, model="rules").articles) == 2
        scoped = check_claim(CLAIM, store, model="rules", scope=[elsewhere.id, "no-such-id"])
        assert [a.article_id for a in scoped.articles] == [elsewhere.id]
        assert check_claim(CLAIM, store, model="rules", scope=[]).articles == ()
