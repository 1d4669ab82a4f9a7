"""The untrained stance rules (model="rules") on small articles written for these tests."""

from __future__ import annotations

import datetime as dt

from khabar.check import check_claim
from khabar.model import Article

CLAIM = "قال مسؤول إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي الزيتون في مدينة النهرين"


def _article(title: str, body: str, outlet: str, day: int = 13) -> Article:
    return Article.create(title=title, body=body, outlet=outlet, published=dt.date(2016, 12, day))


def test_number_disagreement_names_figure_source_and_date() -> None:
    art = _article(
        "حي الزيتون: أعداد المحاصرين موضع جدل",
        "قال مسؤول أمريكي إن نحو 50 ألف مدني ما زالوا محاصرين داخل حي الزيتون في مدينة النهرين.",
        "إذاعة الشرق",
    )
    result = check_claim(CLAIM, [art], model="rules")
    stance = result.articles[0]
    assert stance.stance == "disagree"
    figure = next(f for e in stance.evidence for f in e.figures if not f.agrees)
    assert figure.value == 50_000
    assert stance.evidence[0].source == "مسؤول أمريكي"
    assert "50,000" in result.verdict.summary and "2016-12-13" in result.verdict.summary


def test_denial_is_disagreement() -> None:
    art = _article(
        "الحكومة تنفي محاصرة مدنيين في حي الزيتون",
        "نفت الحكومة أن يكون مدنيون محاصرين داخل حي الزيتون في مدينة النهرين، ووصفت الأنباء بأنها شائعات عارية عن الصحة.",
        "صحيفة الوادي",
    )
    assert check_claim(CLAIM, [art], model="rules").articles[0].stance == "disagree"


def test_unrelated_article_is_unrelated() -> None:
    art = _article(
        "افتتاح معرض للكتاب في العاصمة",
        "افتتح وزير الثقافة صباح اليوم معرض الكتاب السنوي بمشاركة مئتي دار نشر من عشرين بلدا.",
        "صحيفة الوادي",
    )
    result = check_claim(CLAIM, [art], model="rules")
    assert result.articles[0].stance == "unrelated"
    assert result.verdict.agree == result.verdict.disagree == 0


def test_close_restatement_agrees() -> None:
    art = _article(
        "مسؤول: 100 ألف مدني محاصرون في حي الزيتون",
        "قال مسؤول محلي إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي الزيتون في مدينة النهرين منذ أسبوعين.",
        "إذاعة الشرق",
    )
    assert check_claim(CLAIM, [art], model="rules").articles[0].stance == "agree"


def test_opposite_verb_is_disagreement() -> None:
    claim = "ارتفعت أسعار الخبز في أسواق مدينة النهرين هذا الأسبوع"
    art = _article("انخفاض أسعار الخبز في النهرين", "انخفضت أسعار الخبز في أسواق مدينة النهرين هذا الأسبوع بعد وصول شحنات الطحين.", "صحيفة الوادي")
    assert check_claim(claim, [art], model="rules").articles[0].stance == "disagree"
