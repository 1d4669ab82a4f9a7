"""Same event before stance (check/event.py): a page that misses the claim's place and names
none of its actors, or misses its year, is of another event."""

from __future__ import annotations

import datetime as dt

from khabar.check import check_claim
from khabar.check.event import SAME_EVENT_AT, claim_anchors, names_a_place, other_event, same_event_probability, within_event
from khabar.model import Article

CLAIM = "نحو 100 ألف مدني ما زالوا محاصرين في شرق حلب"


def _article(title: str, body: str) -> Article:
    return Article.create(title=title, body=body, outlet="إذاعة الشرق", published=dt.date(2016, 12, 13))


HERE = _article("المحاصرون في حلب", "قالت الأمم المتحدة إن نحو مئة ألف مدني ما زالوا محاصرين في الأحياء الشرقية لحلب.")
THERE = _article("المحاصرون في وادي النهر", "قالت الأمم المتحدة إن نحو 100 ألف مدني ما زالوا محاصرين داخل حي وادي النهر.")


def test_the_claim_s_places_are_read_with_their_spellings() -> None:
    anchors = claim_anchors(CLAIM)
    assert anchors.places == anchors.local and ("حلب",) in anchors.places[0]
    assert claim_anchors("ارتفعت حصيلة القتلى إلى 17").places == ()
    syria = claim_anchors("قصف على سوريا").places[0]
    assert ("سوريه",) in syria and not claim_anchors("قصف على سوريا").local  # a country, not a town


def test_a_place_is_named_with_its_proclitics() -> None:
    places = claim_anchors(CLAIM).places
    assert names_a_place("وصلت القافلة إلى أطراف مدينة بحلب أمس", places)
    assert names_a_place("وحلب تنتظر", places)
    assert not names_a_place("وصلت القافلة إلى حلبا في لبنان", places)


def test_an_article_of_another_place_takes_no_side() -> None:
    assert not other_event(CLAIM, HERE) and other_event(CLAIM, THERE)
    assert within_event(CLAIM, THERE, "agree", 0.9) == "unrelated"
    assert within_event(CLAIM, THERE, "discuss", 0.5) == "unrelated"
    assert within_event(CLAIM, HERE, "agree", 0.9) == "agree"


def test_the_claim_s_own_report_with_the_place_changed_still_disagrees() -> None:
    assert within_event(CLAIM, THERE, "disagree", 0.8) == "disagree"
    assert within_event(CLAIM, THERE, "disagree", 0.3) == "unrelated"


def test_a_claim_without_a_place_keeps_every_stance() -> None:
    assert within_event("ما زال نحو 100 ألف مدني محاصرين", THERE, "agree", 0.9) == "agree"


def test_a_check_cites_no_article_of_another_place() -> None:
    result = check_claim(CLAIM, [HERE, THERE], model="rules")
    stance = {a.article_id: a.stance for a in result.articles}
    assert stance[THERE.id] == "unrelated" and not next(a for a in result.articles if a.article_id == THERE.id).evidence
    assert stance[HERE.id] != "unrelated"
    assert result.verdict.agree + result.verdict.disagree + result.verdict.discuss <= 1


def test_a_town_of_the_claim_counts_before_its_country() -> None:
    claim = "مسؤولون أتراك وروس يجتمعون في تركيا لبحث وقف إطلاق النار في حلب"
    douma = _article("تركيا تدين الهجوم على دوما", "أدانت تركيا الهجوم على مدينة دوما في الغوطة الشرقية.")
    assert other_event(claim, douma)
    ankara = _article("اجتماع في أنقرة", "اجتمع مسؤولون من تركيا وروسيا في أنقرة لبحث الهدنة في حلب.")
    assert not other_event(claim, ankara)


def test_a_page_that_names_the_claim_s_actor_is_of_its_event_wherever_it_says_it_happened() -> None:
    claim = "مقتل القيادي في الحشد الشعبي أبو عزرائيل بعد وصوله إلى حلب"
    alive = _article("أبو عزرائيل يظهر في الموصل", "ظهر أبو عزرائيل في تسجيل مصور من الموصل ونفى مقتله.")
    other = _article("مقتل قيادي في الموصل", "قتل قيادي في فصيل مسلح في الموصل أمس.")
    assert not other_event(claim, alive) and other_event(claim, other)


def test_a_page_of_another_year_is_of_another_event() -> None:
    claim = "الأمم المتحدة قالت في 2016 إن 100 ألف مدني محاصرون في شرق حلب"
    later = Article.create(title="حلب بعد عامين", body="عاد سكان إلى شرق حلب وفق الأمم المتحدة.", published=dt.date(2018, 4, 9))
    recalled = Article.create(title="حلب بعد عامين", body="في 2016 حوصر سكان شرق حلب.", published=dt.date(2018, 4, 9))
    assert other_event(claim, later) and not other_event(claim, recalled)
    assert not other_event(claim, HERE)  # published in 2016


def test_a_report_that_recalls_the_claim_s_town_far_below_a_lead_on_another_is_of_another_event() -> None:
    claim = "انسحب مقاتلو المعارضة من ستة أحياء في شرق حلب"
    filler = " ".join(["وقال سكان إن القصف استمر طوال الليل وإن الطرق أغلقت."] * 20)
    idlib = _article("غارات على إدلب", f"قصفت الطائرات مدينة إدلب أمس. {filler} وكانت المعارضة قد انسحبت من حلب قبل عامين.")
    assert other_event(claim, idlib)
    untitled = Article.create(title="", body=idlib.body, published=dt.date(2016, 12, 13))
    assert not other_event(claim, untitled)  # no title, no lead to read: the page stays


def test_a_report_that_names_the_claim_s_country_and_no_other_town_stays() -> None:
    claim = "قتل 51 طفلا في الغارة التي استهدفت حافلة في صعدة شمال اليمن"
    red_cross = _article("الصليب الأحمر: قتلى في هجوم على حافلة في اليمن", "قالت اللجنة الدولية إن أطفالا قتلوا في هجوم على حافلة في اليمن.")
    assert not other_event(claim, red_cross)


FAIR = _article("افتتاح معرض الكتاب", "افتتح وزير الثقافة صباح اليوم معرض الكتاب السنوي في العاصمة بمشاركة مئتي دار نشر من عشرين بلدا.")


def test_the_event_scorer_finds_the_claim_s_own_report_and_not_another_happening() -> None:
    # the same closeness in meaning: the page's words, names and figure tell them apart
    here = same_event_probability(CLAIM, HERE, meaning=0.4, figures=1, shares_figure=True)
    fair = same_event_probability(CLAIM, FAIR, meaning=0.4, figures=1, shares_figure=False)
    assert here >= SAME_EVENT_AT > fair
    assert same_event_probability(CLAIM, HERE, meaning=0.4, figures=1, shares_figure=False) < here
    assert same_event_probability(CLAIM, HERE, meaning=0.1, figures=1, shares_figure=False) < SAME_EVENT_AT


def test_a_capital_that_acts_is_its_government_not_the_event_s_town() -> None:
    from khabar.check.event import claim_anchors, other_event
    from khabar.model import Article

    claim = "استدعت طهران سفراء ثلاث دول أوروبية احتجاجا على الهجوم"
    page = Article.create(title="إيران تستدعي سفراء أوروبيين", body="استدعت إيران اليوم سفراء ثلاث دول أوروبية بعد الهجوم على العرض العسكري.")
    assert not other_event(claim, page)
    # the capital where the event happened is still its place
    assert claim_anchors("قتل عشرة أشخاص في انفجار في بغداد").local
