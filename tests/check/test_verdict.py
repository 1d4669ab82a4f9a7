"""Independent sources: copies of one wire story are one voice."""

from __future__ import annotations

import datetime as dt

from khabar.check import check_claim
from khabar.model import Article

CLAIM = "أعلنت الأمم المتحدة اتفاقا لوقف إطلاق النار في حي الزيتون يبدأ صباح الثلاثاء"
WIRE = (
    "أعلنت الأمم المتحدة اليوم التوصل إلى اتفاق لوقف إطلاق النار في حي الزيتون يبدأ صباح الثلاثاء، "
    "على أن يليه خروج المدنيين الراغبين عبر المعبر الشمالي تحت إشراف الهلال الأحمر. "
    "وقال المبعوث الأممي إن الاتفاق هش لكنه الفرصة الوحيدة المتاحة الآن."
)


def _copy(outlet: str, tail: str) -> Article:
    return Article.create(
        title="اتفاق لوقف إطلاق النار في حي الزيتون", body=f"{WIRE} {tail}", outlet=outlet, published=dt.date(2016, 12, 13)
    )


def test_wire_copies_count_as_one_source() -> None:
    copies = [_copy(o, t) for o, t in (("إذاعة الشرق", ""), ("صحيفة الوادي", "ونقل الخبر مراسلنا."), ("قناة السهل", "والله أعلم."))]
    verdict = check_claim(CLAIM, copies, model="rules").verdict
    assert (verdict.agree, verdict.single_wire_story) == (1, True)


def test_independent_reports_count_separately() -> None:
    other = Article.create(
        title="هدنة في الزيتون",
        body="قال مراسلنا في مدينة النهرين إن الأمم المتحدة أعلنت اتفاقا لوقف إطلاق النار في حي الزيتون يبدأ صباح الثلاثاء، "
        "وإن الأهالي استقبلوا النبأ بحذر بعد أسابيع من القصف.",
        outlet="قناة السهل",
    )
    verdict = check_claim(CLAIM, [_copy("إذاعة الشرق", ""), other], model="rules").verdict
    assert (verdict.agree, verdict.single_wire_story) == (2, False)


def test_same_outlet_counts_once() -> None:
    a = _copy("إذاعة الشرق", "")
    b = Article.create(
        title="الأمم المتحدة: هدنة الزيتون تبدأ الثلاثاء",
        body="أكد متحدث أممي أن الأمم المتحدة أعلنت اتفاقا لوقف إطلاق النار في حي الزيتون يبدأ صباح الثلاثاء بعد مفاوضات طويلة.",
        outlet="إذاعة الشرق",
    )
    assert check_claim(CLAIM, [a, b], model="rules").verdict.agree == 1


def test_outlets_citing_one_primary_source_are_one_source() -> None:
    claim = "قال المرصد السوري لحقوق الإنسان إن 60 شخصا قتلوا في قصف على حي الزيتون"
    bodies = {
        "إذاعة الشرق": "قال المرصد السوري لحقوق الإنسان إن 60 شخصا قتلوا في قصف على حي الزيتون أمس.",
        "صحيفة الوادي": "وأفاد المرصد السوري بأن 60 شخصا قتلوا في القصف الذي استهدف حي الزيتون، بينهم أطفال.",
        "قناة السهل": "وقال مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن إن 60 شخصا قتلوا في قصف حي الزيتون.",
    }
    articles = [Article.create(title=f"قتلى في حي الزيتون ({o})", body=b, outlet=o) for o, b in bodies.items()]
    result = check_claim(claim, articles, model="rules")
    assert [a.stance for a in result.articles] == ["agree"] * 3
    assert {e.source_key for a in result.articles for e in a.evidence[:1]} >= {"المرصد السوري لحقوق الانسان"}
    assert result.verdict.agree == 1


def test_anonymous_sources_are_never_merged() -> None:
    claim = "قتل 60 شخصا في قصف على حي الزيتون"
    bodies = {
        "إذاعة الشرق": "قالت مصادر محلية إن 60 شخصا قتلوا في قصف على حي الزيتون أمس.",
        "صحيفة الوادي": "وقال ناشطون إن 60 شخصا قتلوا في القصف الذي استهدف حي الزيتون.",
    }
    articles = [Article.create(title=f"قتلى في الزيتون ({o})", body=b, outlet=o) for o, b in bodies.items()]
    result = check_claim(claim, articles, model="rules")
    assert [a.stance for a in result.articles] == ["agree", "agree"]
    assert result.verdict.agree == 2


def test_a_figure_too_far_from_the_claims_is_not_set_against_it() -> None:
    """100 children trapped in one building share the category of the claim's 50,000 trapped
    civilians but are no estimate of that count (500 times apart): the evidence does not show
    them against it; the 100,000 of the same sentence is shown."""
    page = Article.create(
        title="نداء من حي الزيتون",
        body="وجه الدفاع المدني نداء لإنقاذ نحو 100 ألف مدني محاصر في حي الزيتون، "
        "وقال طبيب إن 100 طفل محاصرون في مبنى يتعرض للقصف.",
        outlet="قناة السهل",
    )
    result = check_claim("نحو 50 ألف مدني ما زالوا محاصرين في حي الزيتون", [page], model="rules")
    shown = [f.value for a in result.articles for e in a.evidence for f in e.figures]
    assert 100000 in shown and 100 not in shown
