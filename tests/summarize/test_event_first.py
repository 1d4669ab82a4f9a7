"""The event-first summary (khabar.summarize.event_first), the default algorithm."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from summary_fixtures import pool_of, seed_pool  # noqa: F401 (a fixture)

from khabar.config import BriefOptions
from khabar.model import Article
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.summarize import event_first, summarize
from khabar.summarize.event_first import EVENT_MAX_WORDS
from khabar.text.ar.tokenize import words

# Three outlets' reports of one fictional bridge collapse.  Two outlets quote the governor
# and report the mourning in the same words (the most corroborated sentences), but the
# happening is what the first sentences tell.
BRIDGE = [
    (
        "ماذا بعد انهيار جسر الواحة؟",
        "انهار جسر الواحة المعلق فوق نهر السلام صباح الثلاثاء ما أدى إلى مقتل 12 شخصا وإصابة 30 آخرين.\n"
        "وقال مدير مستشفى الواحة العام خالد النجار إن المستشفى استقبل الجرحى وإن حالة ثلاثة منهم خطيرة.\n"
        "وأضاف أن الجسر خضع لأعمال صيانة شاملة قبل عامين فقط بتكلفة كبيرة.\n"
        "في المقابل، حملت نقابة المهندسين وزارة النقل مسؤولية الإهمال في صيانة الجسور القديمة.\n"
        "هل كان يمكن تفادي الكارثة لو فحصت الجسور القديمة في الوقت المناسب؟\n"
        "ويشتهر سوق الواحة القديم بصناعة السلال من سعف النخيل منذ قرون طويلة.",
    ),
    (
        "انهيار جسر في الواحة",
        "أدى انهيار جسر الواحة المعلق فوق نهر السلام صباح الثلاثاء إلى مقتل 12 شخصا وإصابة 30 بجروح.\n"
        "وقال محافظ الواحة سالم الراشد إن فرق الإنقاذ تبحث عن مفقودين تحت أنقاض الجسر.\n"
        "وأغلقت الشرطة الطرق المؤدية إلى النهر لتسهيل عمل سيارات الإسعاف.\n"
        "وأعلنت الحكومة الحداد ثلاثة أيام في محافظة الواحة.\n"
        "وتستعد المدارس في الجنوب لبدء العام الدراسي الجديد بعد عطلة طويلة.",
    ),
    (
        "الحداد ثلاثة أيام بعد كارثة الجسر",
        "قتل 12 شخصا وأصيب 30 آخرون في انهيار جسر الواحة المعلق فوق نهر السلام صباح الثلاثاء.\n"
        "وقال محافظ الواحة سالم الراشد إن فرق الإنقاذ تبحث عن مفقودين تحت الأنقاض.\n"
        "وأعلنت الحكومة الحداد ثلاثة أيام في محافظة الواحة.\n"
        "وحملت نقابة المهندسين وزارة النقل مسؤولية الإهمال في صيانة الجسور.\n"
        "وافتتح الجسر قبل أربعين عاما وكان أطول جسور المنطقة الجنوبية.",
    ),
]


@pytest.fixture(scope="module")
def bridge_pool():
    return pool_of(BRIDGE)


def summary(pool, length: int):
    return summarize(pool, options=BriefOptions(length_words=length, algorithm="event"))


def n_words(sentences) -> int:
    return sum(len(words(s.text)) for s in sentences)


def test_the_event_sentence_comes_first(bridge_pool):
    first = summary(bridge_pool, 60)[0].text
    assert ("انهار" in first or "انهيار" in first) and "12" in first


def test_a_question_is_never_chosen_even_with_room_for_everything(bridge_pool):
    texts = [s.text for s in summary(bridge_pool, 400)]
    assert texts and not any(t.rstrip().endswith("؟") for t in texts)


def test_a_connective_initial_sentence_is_trimmed(bridge_pool):
    texts = [s.text for s in summary(bridge_pool, 400)]
    assert not any(t.startswith("في المقابل") for t in texts)


def test_a_follow_on_sentence_comes_right_after_its_antecedent(bridge_pool):
    texts = [s.text for s in summary(bridge_pool, 400)]
    follow = next(i for i, t in enumerate(texts) if t.startswith("وأضاف أن الجسر"))
    assert follow > 0 and texts[follow - 1].startswith("وقال مدير مستشفى الواحة")


def test_no_two_sentences_say_the_same_thing(bridge_pool):
    texts = [s.text for s in summary(bridge_pool, 400)]
    assert len([t for t in texts if "فرق الإنقاذ" in t]) == 1
    assert len([t for t in texts if "الحداد" in t]) == 1


# Three leads of one fictional collapse in different words, each with a detail of its own:
# close enough to tell the same event (cosine about 0.3), too far apart to be repeats.
RETOLD = [
    (
        "انهيار جسر",
        "انهار جسر الواحة المعلق فوق نهر السلام صباح الثلاثاء ما أدى إلى مقتل 12 شخصا.\n"
        "وقال محافظ الواحة سالم الراشد إن فرق الإنقاذ تبحث عن مفقودين.\n"
        "وأعلنت الحكومة الحداد ثلاثة أيام في محافظة الواحة.",
    ),
    (
        "كارثة الواحة",
        "لقي 12 شخصا حتفهم صباح الثلاثاء عندما سقط جسر الواحة في النهر بينما كانت عشرات السيارات "
        "تعبره في ساعة الذروة وسط أمطار غزيرة.\n"
        "وأغلقت الشرطة الطرق المؤدية إلى النهر لتسهيل عمل سيارات الإسعاف.\n"
        "وحملت نقابة المهندسين وزارة النقل مسؤولية الإهمال.",
    ),
    (
        "الجسر المعلق",
        "قتل 12 شخصا في انهيار جسر الواحة المعلق صباح الثلاثاء، بعد أربعين عاما على افتتاحه بوصفه "
        "أطول جسور الجنوب.\n"
        "واستقبل مستشفى الواحة العام الجرحى الثلاثين.\n"
        "وتبحث فرق الإنقاذ عن مفقودين تحت الأنقاض.",
    ),
]


def test_the_other_outlets_leads_that_tell_the_event_again_are_not_chosen():
    out = summary(pool_of(RETOLD), 400)  # room for everything
    assert "12 شخصا" in out[0].text and len(out[0].citations) == 3
    assert not any("12 شخصا" in s.text for s in out[1:])
    assert any("سيارات الإسعاف" in s.text for s in out)  # the rest of those reports stays


COMMENT = (
    "، في كارثة أعادت إلى الأذهان سلسلة من الحوادث المماثلة التي شهدتها المحافظة خلال العقدين "
    "الماضيين، وسط انتقادات متزايدة من سكان المدينة لغياب الرقابة على أعمال الصيانة الدورية."
)


def test_a_long_event_sentence_is_cut_after_the_happening():
    leads = [body.splitlines()[0] for _, body in RETOLD]
    long_leads = [lead.rstrip(".") + COMMENT for lead in leads]
    reports = [(title, body.replace(lead, long)) for (title, body), lead, long in zip(RETOLD, leads, long_leads)]
    first = summary(pool_of(reports), 400)[0].text
    told = next(long for long in long_leads if long.startswith(first))
    assert len(words(told)) > EVENT_MAX_WORDS >= len(words(first))
    assert told[len(first)] == "،" and "12 شخصا" in first  # cut at a clause boundary, the happening kept


# Three openings of one fictional embassy opening: the one most like the others does not name
# who opened it; another outlet's, too close to it to pass the repeat checks, does, and says
# the event again (most of the event sentence's words: event_first.same_words).
EMBASSY = [
    (
        "الواحة تفتتح سفارتها",
        "افتتحت دولة الواحة رسميا يوم الاثنين سفارتها في مدينة السلام بعد أسبوع من افتتاح سفارة مماثلة.\n"
        "وشارك في الحفل عدد من الدبلوماسيين والمسؤولين المحليين.\n"
        "وأثارت الخطوة انتقادات واسعة من منظمات حقوقية.",
    ),
    (
        "سفارة في السلام",
        "افتتحت الواحة سفارتها في مدينة السلام الاثنين، وقص الشريط رئيسها هشام الكبيسي وسط حراسة مشددة.\n"
        "وقال وزير الخارجية إن بلاده تحترم القانون الدولي.\n"
        "وتظاهر العشرات أمام مقر السفارة الجديدة.",
    ),
    (
        "افتتاح سفارة الواحة",
        "افتتحت الواحة الاثنين سفارتها في مدينة السلام وسط احتجاجات.\n"
        "ورفع المحتجون لافتات تندد بالقرار أمام المبنى.\n"
        "وتعد الواحة ثاني دولة تنقل سفارتها إلى المدينة.",
    ),
]


@pytest.mark.parametrize("complement", [None, 16])
def test_an_opening_that_says_the_event_again_is_no_complement(monkeypatch, complement):
    monkeypatch.setattr(event_first, "EVENT_COMPLEMENT", complement)
    pool = pool_of(EMBASSY)
    out = summary(pool, 60)
    assert "وسط احتجاجات" in out[0].text and "الكبيسي" not in out[0].text
    # the name it adds does not make two sentences that say the same thing (issue 18)
    assert not [i for i, s in enumerate(out) if "هشام الكبيسي" in s.text]


def test_two_sentences_say_the_same_thing_when_most_of_the_shorter_ones_words_are_in_the_other():
    event = {"افتتح", "واح", "سفار", "سلام", "اثنين"}
    assert event_first.same_words(event, event - {"اثنين"} | {"كبيسي", "شريط", "حراس"})  # 4 of 4
    assert not event_first.same_words(event, {"واح", "سفار", "كبيسي", "شريط"})  # 2 of 4


# What the reports add after the happening, past the event sentence's cut: a figure no kept part gives.
TAIL = (
    "، في كارثة أعادت إلى الأذهان سلسلة من الحوادث المماثلة التي شهدتها المحافظة"
    "، وسط انتقادات لغياب الرقابة على صيانة 40 جسرا قديما في المحافظة."
)


@pytest.mark.parametrize("tail", [False, True])
def test_the_event_tail_continues_the_event_sentence_past_its_cut(monkeypatch, tail):
    monkeypatch.setattr(event_first, "EVENT_TAIL", tail)
    leads = [body.splitlines()[0] for _, body in RETOLD]
    reports = [(title, body.replace(lead, lead.rstrip(".") + TAIL)) for (title, body), lead in zip(RETOLD, leads)]
    out = summary(pool_of(reports), 80)
    assert out[0].text.startswith("انهار جسر الواحة") and len(out[0].citations) == 3
    assert ("40 جسرا" in out[0].text) == bool(tail)  # the same outlet's words, one sentence
    assert not any("40 جسرا" in s.text for s in out[1:])
    assert n_words(out) <= 80


def test_the_event_told_again_weighs_less_but_not_its_figures():
    # The concepts of the openings that retell the event (CITED_OPENING_WEIGHT) lose their
    # weight; a figure may be the retelling's own news (the toll another outlet gives) and keeps it.
    weights = {("جسر", "واح"): 3.0, ("12", "شخص"): 2.0, ("حداد", "ثلاث"): 2.0}
    told = {("جسر", "واح"), ("12", "شخص")}
    assert event_first.retold_weights(weights, told, 0.25) == {
        ("جسر", "واح"): 0.75,
        ("12", "شخص"): 2.0,
        ("حداد", "ثلاث"): 2.0,
    }


@pytest.mark.parametrize("budget", [40, 60, 80])
def test_the_budget_is_filled(bridge_pool, budget):
    got = n_words(summary(bridge_pool, budget))
    assert 0.9 * budget <= got <= budget


@pytest.mark.parametrize("keeps", [True, False])
def test_the_swap_that_fills_keeps_a_figure_nothing_else_states(bridge_pool, monkeypatch, keeps):
    # At 45 words the greedy choice ends short; filling it by a swap would trade the three days
    # of mourning (a figure no other sentence gives) for the market's baskets, which fill better.
    monkeypatch.setattr(event_first, "SWAP_KEEPS_FACTS", keeps)
    texts = [s.text for s in summary(bridge_pool, 45)]
    assert any("الحداد ثلاثة أيام" in t for t in texts) == keeps
    assert n_words(summary(bridge_pool, 45)) <= 45


def test_every_sentence_keeps_its_citations(bridge_pool):
    out = summary(bridge_pool, 80)
    assert all(s.citations and s.citations[0].article_id == s.article_id for s in out)
    assert len(out[0].citations) == 3  # the event, told by all three


def test_a_trimmed_sentence_is_still_a_span_of_its_article(bridge_pool):
    by_id = {d.article.id: d.article for d in bridge_pool.docs}
    for s in summary(bridge_pool, 400):
        assert by_id[s.article_id].text[s.start : s.end] == s.text


def test_one_article_is_summarized_by_its_lead_cut_to_fill_the_budget():
    pool = pool_of([BRIDGE[0]])
    out = summary(pool, 30)
    assert out[0].text.startswith("انهار جسر الواحة")
    assert 27 <= n_words(out) <= 30


# The day after: two outlets report the end of the search; both recall the collapse.
DAY_AFTER = [
    (
        "انتهاء البحث عن مفقودي جسر الواحة",
        "أنهت فرق الإنقاذ صباح الأربعاء عمليات البحث تحت أنقاض جسر الواحة بعد انتشال ثلاث جثث جديدة لترتفع الحصيلة إلى 15 قتيلا.\n"
        "وكان جسر الواحة المعلق فوق نهر السلام قد انهار صباح الثلاثاء ما أدى إلى مقتل 12 شخصا وإصابة 30 آخرين.\n"
        "وشيع آلاف من أهالي الواحة ظهر الأربعاء جثامين الضحايا إلى مقبرة المدينة الكبرى.",
    ),
    (
        "حصيلة جسر الواحة ترتفع إلى 15 قتيلا",
        "ارتفعت حصيلة انهيار جسر الواحة إلى 15 قتيلا بعد أن انتشلت فرق الإنقاذ ثلاث جثث جديدة صباح الأربعاء وأنهت عمليات البحث.\n"
        "وانهار الجسر المعلق فوق نهر السلام صباح الثلاثاء ما أدى إلى مقتل 12 شخصا وإصابة 30 آخرين.\n"
        "وطالب نواب المحافظة بفتح تحقيق مستقل في أسباب الانهيار ومحاسبة المسؤولين عن صيانة الجسر.",
    ),
]


@pytest.fixture(scope="module")
def storyline():
    from khabar.model import Article
    from khabar.pipeline import analyze

    return [[analyze(Article.create(title=t, body=b)) for t, b in reports] for reports in (BRIDGE, DAY_AFTER)]


def test_an_update_opens_with_what_is_new_and_does_not_repeat_the_earlier_event(storyline):
    from khabar.summarize import summarize_update

    out = summarize_update([storyline[0]], storyline[1], options=BriefOptions(length_words=60))
    assert "15" in out[0].text and ("البحث" in out[0].text)
    assert not any("30 آخرين" in s.text for s in out), "the collapse itself is old news"


def test_a_storyline_tells_its_events_in_time_order(storyline):
    from khabar.summarize import summarize_storyline

    out = summarize_storyline(storyline, options=BriefOptions(length_words=45))
    assert len(out) >= 2
    assert "12" in out[0].text and "15" in out[1].text


@pytest.mark.parametrize("trim", [False, True])
def test_the_seeds_tell_the_withdrawal_then_the_ceasefire_and_evacuation_agreement(seed_pool, monkeypatch, trim):
    # Only one report (000, near its end) says the opposition and Russia agreed on a
    # ceasefire before the evacuation; the others talk of the need for one.  Round 33's
    # TRIM_REPEATS (parts from body positions below 6, on since fresh22-24 confirmed it) keeps that.
    from khabar.summarize import pool_quantities

    monkeypatch.setattr(event_first, "TRIM_REPEATS", trim)
    monkeypatch.setattr(event_first, "TRIM_POSITIONS", 6 if trim else event_first.TRIM_POSITIONS)
    options = BriefOptions()
    out = summarize(seed_pool, options=options, quantities=pool_quantities(seed_pool, options=options))
    assert "انسحب مقاتلو المعارضة" in out[0].text and "أحياء" in out[0].text
    assert out[1].text.startswith("واتفقت قوات المعارضة مع روسيا")
    assert "إطلاق النار" in out[1].text and "إجلاء المقاتلين" in out[1].text
    figures = " ".join(s.text for s in out[2:4])
    assert "100 ألف" in figures and "50 الف" in figures, "de Mistura and the US official side by side"
    assert 0.9 * options.length_words <= n_words(out) <= options.length_words


# A fictional town taken by the army.  Only the third report says the two sides then agreed
# on a ceasefire and an evacuation, at its end; the others call for one or say mediators
# will meet about it (what is to happen), or give a toll.
SIEGE = [
    (
        "الجيش يسيطر على بلدة السنديان",
        "سيطر الجيش على بلدة السنديان بعد معارك استمرت أسبوعا مع المسلحين في الريف الشمالي.\n"
        "وقال قائد ميداني إن الجيش يمشط الأحياء الشرقية من البلدة بحثا عن الألغام.\n"
        "ويبحث الوسطاء اتفاقا لوقف إطلاق النار وإجلاء المسلحين والمدنيين من الحي القديم.\n"
        "يجتمع الوسطاء والمسلحون غدا في البلدة المجاورة لبحث وقف إطلاق النار وإجلاء المدنيين.",
    ),
    (
        "السنديان في يد الجيش",
        "أحكم الجيش سيطرته على بلدة السنديان بعد أسبوع من المعارك مع المسلحين.\n"
        "وقال مسؤول محلي إن ألفي مدني ما زالوا في الحي القديم من البلدة.\n"
        "وطالبت منظمات الإغاثة بوقف إطلاق النار لإجلاء المدنيين من الحي القديم.\n"
        "وقتل ثلاثة جنود في انفجار لغم على الطريق الشمالي للبلدة.",
    ),
    (
        "نهاية معركة السنديان",
        "انتهت معركة السنديان بسيطرة الجيش على البلدة بعد أسبوع من القتال.\n"
        "وقال شهود إن الأسواق أغلقت أبوابها وإن الطرق خلت من المارة.\n"
        "وتعاني البلدة من نقص حاد في المياه والخبز منذ بداية المعارك.\n"
        "واتفقت الحكومة مع المسلحين مساء الأحد على وقف إطلاق النار وإجلاء المسلحين والمدنيين "
        "من الحي القديم صباح الاثنين.",
    ),
]


def test_a_development_told_by_one_report_comes_right_after_the_event():
    for budget in (40, 60):
        out = summary(pool_of(SIEGE), budget)
        assert "السنديان" in out[0].text
        assert out[1].text.startswith("واتفقت الحكومة مع المسلحين"), budget


def test_what_is_to_happen_and_a_toll_are_not_developments():
    from khabar.summarize.event_first import NOT_DEVELOPMENTS, told_happening
    from khabar.summarize.readable import candidates

    pool = pool_of(SIEGE)
    kinds = {pool.sentence(r).text[:12]: told_happening(pool, c) for r, c in candidates(pool, options=BriefOptions()).items()}
    assert kinds["واتفقت الحكو"] == "agreement"
    assert kinds["يجتمع الوسطا"] is None  # an imperfect verb: it is to happen
    assert kinds["وقتل ثلاثة ج"] in NOT_DEVELOPMENTS  # a toll: the figures tell it
    assert kinds["وقال شهود إن"] is None


def test_a_development_told_as_earlier_keeps_out_of_its_place_with_the_round_13_rule(monkeypatch):
    # The third report's agreement is placed last month ("الشهر الماضي"): background to the
    # town's fall, not where it stands now.  The default still takes it (judged off on fresh8).
    from khabar.summarize import event_first

    day = dt.date(2018, 5, 6)
    earlier = [*SIEGE[:2], (SIEGE[2][0], SIEGE[2][1].replace("مساء الأحد", "الشهر الماضي"))]
    pool = SentencePool.build([analyze(Article.create(title=t, body=b, published=day)) for t, b in earlier])
    assert summary(pool, 60)[1].text.startswith("واتفقت الحكومة مع المسلحين")
    monkeypatch.setattr(event_first, "DEVELOPMENT_NOT_EARLIER", True)
    assert not any(s.text.startswith("واتفقت الحكومة مع المسلحين") for s in summary(pool, 60)[1:2])
    pool = SentencePool.build([analyze(Article.create(title=t, body=b, published=day)) for t, b in SIEGE])
    assert summary(pool, 60)[1].text.startswith("واتفقت الحكومة مع المسلحين"), "told as today's: kept"


def test_lexrank_makes_the_sentence_like_the_most_others_the_most_central():
    import numpy as np

    from khabar.summarize.event_first import lexrank_centrality

    star = np.eye(5)
    star[0, 1:] = star[1:, 0] = 0.5  # the hub is like each of the others, they only like it
    central = lexrank_centrality(star, threshold=0.2)
    assert central[0] == 1.0 and (central[1:] < 0.6).all()
    assert np.allclose(lexrank_centrality(star, threshold=0.6), 1.0), "no edge kept: all alike"


def test_the_cosine_matrix_is_every_sentences_similarity_row(bridge_pool):
    import numpy as np

    from khabar.summarize.event_first import cosine_matrix

    matrix = cosine_matrix(bridge_pool)
    rows = np.stack([bridge_pool.vectors.row_similarity(r) for r in range(len(bridge_pool))])
    assert matrix.shape == (len(bridge_pool), len(bridge_pool)) and np.allclose(matrix, rows)


def test_a_chain_of_follow_on_sentences_is_taken_from_its_head():
    chain = [
        (
            "",
            "انهار جسر الواحة المعلق فوق نهر السلام صباح الثلاثاء ما أدى إلى مقتل 12 شخصا.\n"
            "وقال محافظ الواحة سالم الراشد إن فرق الإنقاذ تبحث عن مفقودين تحت الأنقاض.\n"
            "وأضاف أن الجسر خضع لأعمال صيانة شاملة قبل عامين فقط.\n"
            "وهو ما يثير أسئلة كثيرة عن جودة تلك الأعمال وعن الجهة المنفذة.",
        ),
        *RETOLD[1:],
    ]
    texts = [s.text for s in summary(pool_of(chain), 400)]
    i = next(k for k, t in enumerate(texts) if t.startswith("وهو ما يثير"))
    assert texts[i - 1].startswith("وأضاف أن الجسر") and texts[i - 2].startswith("وقال محافظ الواحة")


def test_the_news_of_another_day_that_tells_the_event_again_is_left_out():
    days = [dt.date(2024, 3, 5), dt.date(2024, 3, 6), dt.date(2024, 3, 6)]
    pool = SentencePool.build(
        [analyze(Article.create(title=t, body=b, published=d)) for (t, b), d in zip(RETOLD, days, strict=True)]
    )
    out = summary(pool, 400)
    assert [s for s in out if "12 شخصا" in s.text] == [out[0]]


def test_the_example_summary_reads_without_missing_antecedents_and_gives_each_figure_once():
    # Our fictional Wadi al-Nahr reports: "إذ تقدر ..." follows "لا يوجد رقم متفق عليه.",
    # "كما يقضي بإدخال ..." follows the agreement's terms, and the governor's 15,000 is in
    # several sentences that also give the other sides.
    import pathlib

    import khabar

    brief = khabar.brief(pathlib.Path(__file__).resolve().parents[2] / "examples" / "wadi-nahr-evacuation")
    texts = [s.text for s in brief.summary]
    assert texts and not any(t.startswith(("إذ", "يقضي", "أما")) for t in texts)
    assert sum(("15 ألفا" in t or "١٥ ألفا" in t) for t in texts) <= 1
    assert any("75 ألف" in t for t in texts), "the conflict of the trapped figures is named"
    # The UN's announcement (Monday's report) right after the event sentence (Tuesday's), not
    # last after the terms reported on Wednesday (session 22: the order by report day).
    announced = [i for i, t in enumerate(texts) if t.startswith("أعلنت الأمم المتحدة")]
    assert announced == [1]


TOLD_TWICE = [
    (
        "غرق عبارة",
        "غرقت عبارة تقل 80 راكبا قرب جزيرة المرجان فجر الجمعة بعد أن ضربتها موجة عالية.\n"
        "وقال قائد خفر السواحل إن فرق الإنقاذ انتشلت 70 ناجيا من المياه.\n"
        "وأعلنت الحكومة فتح تحقيق في أسباب الحادث وفي حمولة العبارة.",
    ),
    (
        "إنقاذ الركاب",
        "ضربت موجة عالية عبارة المرجان فجر الجمعة فغرقت خلال دقائق أمام أعين الصيادين.\n"
        "وأنقذت زوارق الميناء 70 راكبا بعد ساعات في المياه الباردة.\n"
        "وذكرت الشركة المالكة أن العبارة خضعت لفحص فني قبل شهرين فقط.\n"
        "ويبحث الغواصون عن عشرة مفقودين في المياه العميقة حول الجزيرة.",
    ),
]


def test_a_figure_said_already_is_not_told_again_by_another_outlet():
    texts = [s.text for s in summary(pool_of(TOLD_TWICE), 400)]  # room for everything
    assert sum("70" in t for t in texts) == 1
    assert any("الغواصون" in t for t in texts)  # a new fact stays


# The skipper's name and age told by two outlets, the name spelt two ways and the age once
# in digits and once in words ("52" and "الثانية والخمسين").
TOLD_TWO_WAYS = [
    (
        "غرق سفينة شحن",
        "غرقت سفينة الشحن نجمة البحر قبالة ميناء الصخور مساء الأحد بعد أن اصطدمت بصخرة.\n"
        "والقبطان اسمه جوزيف ستيرجيس ويبلغ من العمر 52 عاما.\n"
        "وأعلنت هيئة الموانئ إغلاق الممر البحري أمام السفن حتى انتشال الحطام.",
    ),
    (
        "غرق نجمة البحر",
        "غرقت سفينة نجمة البحر مساء الأحد قرب ميناء الصخور إثر اصطدامها بصخرة.\n"
        "وأضافت الشركة أن القبطان يدعى جوزف ستورغيس ويبلغ الثانية والخمسين من العمر.\n"
        "وتسرب وقود السفينة إلى المياه قرب شاطئ الميناء الشمالي.",
    ),
]


def test_a_detail_told_again_under_another_spelling_is_not_chosen_twice():
    texts = [s.text for s in summary(pool_of(TOLD_TWO_WAYS), 400)]  # room for everything
    assert sum("القبطان" in t for t in texts) == 1


# A parliament votes a bill down; two outlets run one sentence on how many votes a law needs.
VOTED_DOWN = [
    (
        "البرلمان يرفض قانون الانتخابات",
        "رفض برلمان جزر المرجان مساء الاثنين مشروع قانون الانتخابات الجديد بعد جلسة طويلة.\n"
        "ولكي يصدر القانون، فإنه يحتاج إلى تأييد 60 نائبا من أصل 100 في البرلمان.\n"
        "وأيد 41 نائبا المشروع وعارضه 52 نائبا وامتنع سبعة عن التصويت.\n"
        "وقالت الحكومة إنها ستعيد صياغة المشروع خلال شهر.",
    ),
    (
        "سقوط قانون الانتخابات",
        "أسقط برلمان جزر المرجان الاثنين مشروع قانون الانتخابات الذي قدمته الحكومة.\n"
        "ولكي يصدر القانون، فإنه يحتاج إلى تأييد 60 نائبا من أصل 100 في البرلمان.\n"
        "وخرج أنصار المعارضة إلى ساحة المدينة احتفالا بسقوط المشروع.",
    ),
    (
        "المرجان: لا قانون جديدا للانتخابات",
        "صوت برلمان جزر المرجان ضد مشروع قانون الانتخابات الجديد مساء الاثنين.\n"
        "وأيد 41 نائبا المشروع مقابل 52 صوتوا ضده.\n"
        "وكانت المعارضة قد دعت إلى رفض المشروع.",
    ),
]


def test_a_figure_only_background_gives_is_not_the_key_figure():
    from khabar.summarize import pool_quantities

    pool = pool_of(VOTED_DOWN)
    options = BriefOptions(length_words=30, algorithm="event")  # the event and one figure
    texts = [s.text for s in summarize(pool, options=options, quantities=pool_quantities(pool, options=options))]
    assert not any("يحتاج" in t for t in texts)  # how a law passes: the same in every vote
    assert any("41" in t and "52" in t for t in texts)  # the vote itself



def test_a_sentence_cut_before_its_figure_gives_no_new_figure():
    from khabar.summarize.event_first import _Selection
    from khabar.summarize.readable import Candidate

    pool = pool_of(
        [
            ("الواحة تغير إعداداتها", "أعلنت شركة الواحة للبرمجيات الأربعاء إعدادات خصوصية جديدة لتطبيقها."),
            (
                "الواحة تعيد تصميم الإعدادات",
                "شركة الواحة تقول إنها ستمنح مستخدميها سيطرة أكبر على خصوصيتهم، "
                "بعد تسريب بيانات 3 ملايين مستخدم.",
            ),
        ]
    )
    row = next(r for r in range(len(pool)) if "3 ملايين" in pool.sentence(r).text)
    sentence = pool.sentence(row)
    whole = Candidate(row, sentence.start, sentence.end, len(words(sentence.text)))
    cut_at = sentence.start + sentence.text.index("،")
    cut = Candidate(row, sentence.start, cut_at, len(words(sentence.text[: cut_at - sentence.start])))
    picked = _Selection(pool, 100, 0.5)
    assert picked.new_figure(whole)
    assert not picked.new_figure(cut)  # the figure is in the part cut off


# Three outlets tell one expulsion; the third's lead says it again with the figure the others
# lack, then a detail the others give.
EXPELLED = [
    (
        "الحكومة تطرد دبلوماسيين",
        "طردت حكومة الجزيرة دبلوماسيين من سفارة الجارة الشمالية صباح الاثنين ردا على قضية التجسس في الميناء.\n"
        "وأغلقت السلطات القنصلية الشمالية في مدينة الميناء حتى إشعار آخر.\n"
        "وقالت وزيرة الخارجية ليلى الحسن إن بلادها لن تقبل أي تدخل في شؤونها.",
    ),
    (
        "طرد دبلوماسيين من الجزيرة",
        "طردت حكومة الجزيرة صباح الاثنين دبلوماسيين من سفارة الجارة الشمالية ردا على قضية التجسس في الميناء.\n"
        "وأغلقت السلطات القنصلية الشمالية في مدينة الميناء حتى إشعار آخر.\n"
        "وتوعدت الجارة الشمالية بالرد على ما وصفته بالخطوة العدائية.",
    ),
    (
        "الجزيرة تطرد دبلوماسيين",
        "طردت حكومة الجزيرة 45 دبلوماسيا من سفارة الجارة الشمالية صباح الاثنين، فيما أغلقت السلطات القنصلية الشمالية "
        "في مدينة الميناء ردا على قضية التجسس.\n"
        "وتوعدت الجارة الشمالية بالرد على ما وصفته بالخطوة العدائية.",
    ),
]


def test_a_lead_that_tells_the_event_again_gives_the_clause_with_its_new_figure_unless_it_repeats(monkeypatch):
    from khabar.summarize import event_first

    pool = pool_of(EXPELLED)
    monkeypatch.setattr(event_first, "EVENT_COMPLEMENT", None)
    monkeypatch.setattr(event_first, "TRIM_REPEATS", False)
    assert not any("45" in s.text for s in summary(pool, 60))
    monkeypatch.setattr(event_first, "TRIM_REPEATS", True)
    # the third lead's head with 45 tells the expulsion again in the event sentence's words: no part
    # says again what a chosen sentence says (round 33, the audit's repeat bound)
    assert not any("45" in s.text for s in summary(pool, 60))
    third = (
        EXPELLED[2][0],
        "طردت حكومة الجزيرة دبلوماسيين من سفارة الجارة الشمالية صباح الاثنين ردا على قضية التجسس، فيما رحلت "
        "الشرطة 45 عاملا من مصنع الأسمدة في الضاحية.\n" + EXPELLED[2][1].split("\n")[1],
    )
    texts = [s.text for s in summary(pool_of([*EXPELLED[:2], third]), 60)]
    told = [t for t in texts if "45" in t]
    assert told == ["رحلت الشرطة 45 عاملا من مصنع الأسمدة في الضاحية."]  # the clause, without "فيما"
    monkeypatch.setattr(event_first, "TRIM_REPEATS", False)
    assert not any("45" in s.text for s in summary(pool_of([*EXPELLED[:2], third]), 60))
    monkeypatch.setattr(event_first, "EVENT_COMPLEMENT", 16)
    texts = [s.text for s in summary(pool, 60)]
    # the other outlet's opening (or its head) with the figure says the event again
    # (event_first.same_words): no complement, though it gives a figure (issue 18, session 18)
    assert not any("45" in t for t in texts)


def test_clause_parts_start_at_a_verb_or_a_clause_opener_and_never_at_a_noun():
    from khabar.summarize.readable import Candidate, clause_parts

    pool = pool_of(
        [
            (
                "عنوان",
                "أغلقت الحكومة السفارة في العاصمة صباح الاثنين، وطردت السفير وثلاثة من مساعديه خلال ساعات، "
                "فيما استدعت الدول الحليفة سفراءها للتشاور في العاصمة.\n"
                "قدم الوزير المكلف بالملف خالد سالم، استقالته من منصبه مساء الأحد بعد خلاف طويل مع رئيس الحكومة.",
            )
        ]
    )
    text = pool.docs[0].article.text

    def parts(row: int, **kw) -> list[str]:
        s = pool.sentence(row)
        c = Candidate(row=row, start=s.start, end=s.end, words=len(words(s.text)))
        return [text[p.start : p.end] for p in clause_parts(pool, c, min_words=4, **kw)]

    rows = [r for r in range(len(pool)) if not pool.sentence(r).is_title]
    first = parts(rows[0], with_heads=True)
    assert "طردت السفير وثلاثة من مساعديه خلال ساعات" in first  # the conjunction read off
    assert "استدعت الدول الحليفة سفراءها للتشاور في العاصمة." in first  # "فيما" read off
    assert "أغلقت الحكومة السفارة في العاصمة صباح الاثنين" in first  # the head, up to the next clause
    assert parts(rows[1], with_heads=True) == []  # "استقالته" is a noun


def test_after_the_event_sentence_the_summary_reads_by_the_day_each_sentence_reports():
    # The bundled example's announcement (a report of the day before) came last, after a figure
    # and the terms told two days later: after the event sentence, sentences go by their report's
    # day (the old order, figures first, read Friday's figure before Wednesday's agreement).
    from khabar.summarize.event_first import arrange, reported_day
    from khabar.summarize.readable import Candidate

    reports = [
        ("اتفاق في الميناء", "أعلنت وزارة النقل ونقابة عمال الموانئ مساء الأربعاء اتفاقا لإنهاء الإضراب في ميناء الشمال.", dt.date(2023, 3, 1)),
        ("عودة العمل", "عاد عمال ميناء الشمال إلى أرصفتهم صباح الخميس بعد انتهاء الإضراب الذي دام أسبوعين.", dt.date(2023, 3, 2)),
        (
            "أول سفينة",
            "رست في ميناء الشمال صباح الجمعة 12 سفينة شحن كانت تنتظر في عرض البحر.\n"
            "وقال مدير الميناء إن الأرصفة استقبلت أمس الخميس أول شحنة من القمح.",
            dt.date(2023, 3, 3),
        ),
    ]
    pool = SentencePool.build([analyze(Article.create(title=t, body=b, published=d)) for t, b, d in reports])

    def cand(article: int, index: int) -> Candidate:
        row = next(r for r, (d, s) in enumerate(pool.refs) if d == article and pool.sentence(r).index == index)
        s = pool.sentence(row)
        return Candidate(row=row, start=s.start, end=s.end, words=len(words(s.text)))

    agreed, back, ships, wheat = cand(0, 1), cand(1, 1), cand(2, 1), cand(2, 2)
    assert reported_day(pool, wheat) == dt.date(2023, 3, 3)  # its report's day, not "أمس الخميس"
    order = [c.row for c in arrange(pool, [back, ships, wheat, agreed], [back.row])]
    # the event sentence still first; then Wednesday's agreement; then Friday's figure and statement
    assert order == [back.row, agreed.row, ships.row, wheat.row]


def test_event_once_refuses_another_outlets_lead_that_adds_no_figure_or_name(monkeypatch):
    # Round 11's knob (off by default, docs/summaries.md): after the event sentence, a lead
    # as close in meaning that gives nothing new tells the event again; one with a new
    # figure ("45 دبلوماسيا") and a detail far in meaning are taken.
    from khabar.relate.meaning import static_meanings_of_words
    from khabar.summarize import event_first
    from khabar.summarize.event_first import _Selection
    from khabar.summarize.readable import candidates

    pool = pool_of(EXPELLED)
    cands = candidates(pool, options=BriefOptions(length_words=100))
    meanings = static_meanings_of_words([pool.docs[d].sentence_words[s] for d, s in pool.refs])
    picked = _Selection(pool, 100, 0.5, meanings=meanings)
    found = {r: set() for r in cands}
    event, again, figure, threat = 1, 5, 9, 7
    picked.add([cands[event]], found)
    picked.event = event
    monkeypatch.setattr(event_first, "EVENT_ONCE", None)
    assert not picked.tells_event_again([cands[again]])
    monkeypatch.setattr(event_first, "EVENT_ONCE", 0.55)
    assert picked.tells_event_again([cands[again]])
    assert not picked.tells_event_again([cands[figure]]) and not picked.tells_event_again([cands[threat]])


def test_stem_weight_adds_single_stems_as_concepts(monkeypatch):
    from khabar.summarize import event_first

    sentence = words("طردت حكومة الجزيرة 45 دبلوماسيا")
    monkeypatch.setattr(event_first, "STEM_WEIGHT", 0.0)
    assert all(a for a, _ in event_first.sentence_concepts(sentence))
    monkeypatch.setattr(event_first, "STEM_WEIGHT", 2.0)
    singles = {b for a, b in event_first.sentence_concepts(sentence) if not a}
    assert "45" in singles and len(singles) == 5


def test_with_conflicts_only_an_undisputed_figure_gets_no_place_of_its_own(monkeypatch):
    # Round 12's KEY_FIGURE_CONFLICTS_ONLY: the votes a law needs (60 of 100, which two outlets
    # give and none disputes) is the key figure of the default when background is not told
    # apart; with the knob an undisputed figure competes with the rest by concept coverage.
    from khabar.summarize import event_first, pool_quantities
    from khabar.summarize.event_first import _Selection, key_figures
    from khabar.summarize.readable import candidates

    pool = pool_of(VOTED_DOWN)
    options = BriefOptions(length_words=30, algorithm="event")
    quantities = pool_quantities(pool, options=options)
    cands = candidates(pool, options=options)

    def key() -> list[str]:
        return [pool.sentence(c.row).text for c in key_figures(pool, cands, quantities, _Selection(pool, 30, 0.5), 30)]

    assert any("60 نائبا" in t for t in key())
    monkeypatch.setattr(event_first, "KEY_FIGURE_CONFLICTS_ONLY", True)
    assert key() == []


def test_with_conflicts_only_the_seeds_still_name_the_disputed_count(seed_pool, monkeypatch):
    from khabar.summarize import event_first, pool_quantities

    monkeypatch.setattr(event_first, "KEY_FIGURE_CONFLICTS_ONLY", True)
    options = BriefOptions()
    text = " ".join(s.text for s in summarize(seed_pool, options=options, quantities=pool_quantities(seed_pool, options=options)))
    assert "100 ألف" in text and "50 الف" in text


# Two outlets tell the arrests after a storming, one naming the deputy among those held.
STORMING = [
    (
        "اقتحام البرلمان في النخيل",
        "اقتحم مئات المحتجين مبنى البرلمان في مدينة النخيل مساء الأحد احتجاجا على رفع أسعار الوقود.\n"
        "وعبرت الأحزاب السياسية عن قلقها العميق من تصاعد الاحتجاجات في الشوارع خلال الأيام الأخيرة.\n"
        "وأوقفت قوات الأمن عددا من المحتجين بينهم النائب السابق فارس العلي.",
    ),
    (
        "محتجون يقتحمون برلمان النخيل",
        "اقتحم محتجون غاضبون مبنى البرلمان في مدينة النخيل مساء الأحد بعد قرار رفع أسعار الوقود.\n"
        "وأبدت الأحزاب السياسية قلقها العميق من تصاعد الاحتجاجات في الشوارع والمدن الكبرى.\n"
        "وقالت الشرطة إنها اعتقلت عددا من المحتجين داخل المبنى.",
    ),
    (
        "غضب في النخيل",
        "اقتحم محتجون مبنى البرلمان في مدينة النخيل مساء الأحد رفضا لرفع أسعار الوقود.\n"
        "وأكدت الأحزاب السياسية قلقها العميق من تصاعد الاحتجاجات في الشوارع.\n"
        "وأوقفت قوات الأمن عشرات المحتجين بعد الاقتحام.",
    ),
]


@pytest.mark.parametrize("bonus", [0.0, 0.3])
def test_of_two_tellings_the_one_with_a_new_name_wins_with_the_new_fact_bonus(monkeypatch, bonus):
    # NEW_FACT_BONUS: the greedy value of a sentence grows with the figures and names it adds.
    monkeypatch.setattr(event_first, "NEW_FACT_BONUS", bonus)
    texts = [s.text for s in summary(pool_of(STORMING), 36)]
    assert texts[0].startswith("اقتحم")
    assert any("فارس العلي" in t for t in texts) == bool(bonus)
    assert sum("قوات الأمن" in t for t in texts) == 1  # the arrests told once either way


# Three outlets' openings of one fictional bridge collapse reported on Wednesday: the one most
# like the others names no day; another says Tuesday.
WHEN = dt.date(2026, 3, 4)  # a Wednesday
UNDATED = [
    (
        "جسر الواحة",
        "انهار جسر الواحة المعلق في النهر وقتل 12 شخصا كانوا يعبرونه بسياراتهم في ساعة الذروة.\n"
        "وأغلقت الشرطة الطرق المؤدية إلى النهر.\nوحملت نقابة المهندسين وزارة النقل المسؤولية.",
    ),
    (
        "كارثة الجسر",
        "قتل 12 شخصا الثلاثاء في انهيار جسر الواحة المعلق في النهر.\n"
        "واستقبل مستشفى الواحة العام الجرحى الثلاثين.\nوتبحث فرق الإنقاذ عن مفقودين.",
    ),
    (
        "انهيار",
        "انهار جسر الواحة المعلق في النهر ما أدى إلى مقتل 12 شخصا من المارة بسياراتهم.\n"
        "وقال المحافظ إن التحقيق بدأ.\nوكان الجسر قد افتتح قبل أربعين عاما.",
    ),
]


def dated_pool(reports):
    return SentencePool.build([analyze(Article.create(title=t, body=b, published=WHEN)) for t, b in reports])


@pytest.mark.parametrize("on", [True, False])
def test_an_opening_that_names_no_day_carries_the_day_another_outlets_opening_states(monkeypatch, on):
    monkeypatch.setattr(event_first, "DAY_FROM_SOURCES", on)
    out = summary(dated_pool(UNDATED), 60)
    assert out[0].text.startswith("انهار جسر الواحة المعلق في النهر وقتل")  # chosen as before
    if not on:
        assert out[0].day is None and out[0].day_citation is None
        return
    assert out[0].day == dt.date(2026, 3, 3)  # "الثلاثاء" of a Wednesday's report
    assert "الثلاثاء" in out[0].day_citation.text
    assert (out[0].day_citation.article_id, out[0].day_citation.sentence_index) in {
        (c.article_id, c.sentence_index) for c in out[0].citations
    }
    assert all(s.day is None for s in out[1:])


@pytest.mark.parametrize(
    "said",
    [
        "قتل 12 شخصا الثلاثاء المقبل",  # a day to come is not when the event happened
        "قتل 12 شخصا في 20 فبراير",  # nor one two weeks before the report
    ],
)
def test_a_day_to_come_or_long_past_is_not_the_events_day(said):
    reports = [(t, b.replace("قتل 12 شخصا الثلاثاء", said)) for t, b in UNDATED]
    assert summary(dated_pool(reports), 60)[0].day is None


def test_no_day_is_stated_when_the_sources_give_different_days():
    monday = UNDATED[2][1].replace("من المارة بسياراتهم", "من المارة الاثنين", 1)
    pool = dated_pool([*UNDATED[:2], (UNDATED[2][0], monday)])
    first = {pool.doc_of(r): r for r in reversed(range(len(pool))) if not pool.sentence(r).is_title}  # each first body row
    s = pool.sentence(first[0])
    event = event_first.Candidate(first[0], s.start, s.end, 14, also_cited=((first[1], 0.5),))
    assert event_first.day_from_sources(pool, event) == (dt.date(2026, 3, 3), first[1])
    both = dataclasses.replace(event, also_cited=((first[1], 0.5), (first[2], 0.4)))
    assert event_first.day_from_sources(pool, both) is None  # Tuesday and Monday: when is in dispute


@pytest.mark.parametrize("on", [True, False])
def test_when_no_cited_opening_states_the_day_a_later_sentence_telling_the_event_lends_it(monkeypatch, on):
    # DAY_FROM_EVENT_SENTENCES: the second outlet says Tuesday only in its fourth sentence, past its opening
    monkeypatch.setattr(event_first, "DAY_FROM_EVENT_SENTENCES", on)
    later = (
        UNDATED[1][0],
        "قتل 12 شخصا في انهيار جسر الواحة المعلق في النهر.\nواستقبل مستشفى الواحة العام الجرحى الثلاثين.\n"
        "وتبحث فرق الإنقاذ عن مفقودين.\nوكان جسر الواحة المعلق قد انهار في النهر مساء الثلاثاء وقتل 12 شخصا كانوا يعبرونه.",
    )
    out = summary(dated_pool([UNDATED[0], later, UNDATED[2]]), 60)
    assert out[0].text.startswith("انهار جسر الواحة المعلق في النهر وقتل")
    if not on:
        assert out[0].day is None
        return
    assert out[0].day == dt.date(2026, 3, 3)
    assert out[0].day_citation.text.startswith("وكان جسر الواحة المعلق قد انهار")


def test_a_sentence_that_tells_another_happening_lends_no_day():
    # the hospital's Tuesday is not the collapse's: it tells something else, below the bar
    other = (UNDATED[1][0], "قتل 12 شخصا في انهيار جسر الواحة المعلق في النهر.\nواستقبل مستشفى الواحة العام الثلاثاء الجرحى الثلاثين.")
    assert summary(dated_pool([UNDATED[0], other, UNDATED[2]]), 60)[0].day is None


# SAME_HAPPENING_DAYS: a fictional collapse in Genoa whose opening names no day; the other outlet
# states Tuesday only in a loose retelling, 0.15-0.25 close to it.
GENOA = ("جسر", "انهار جسر معلق في مدينة جنوة وقتل 12 شخصا كانوا يعبرونه بسياراتهم في ساعة الذروة.\nوأغلقت الشرطة الطرق المؤدية إلى الجسر.")
LOOSE = "وعاين الخبراء وعمال الإغاثة والمتطوعون الثلاثاء أنقاض الجسر في جنوة حيث قتل 12 شخصا بحسب الحصيلة الرسمية الأخيرة."


def genoa_day(lender):
    pool = dated_pool([GENOA, ("كارثة", "واستقبل المستشفى العام الجرحى الثلاثين.\n" + lender)])
    row = next(r for r in range(len(pool)) if pool.doc_of(r) == 0 and not pool.sentence(r).is_title)
    s = pool.sentence(row)
    lent = next(r for r in range(len(pool)) if pool.sentence(r).text == lender)
    sim = pool.similarity_row(row)[lent]
    return event_first.day_from_sources(pool, event_first.Candidate(row, s.start, s.end, 14)), sim


@pytest.mark.parametrize("on", [True, False])
def test_a_looser_retelling_naming_the_same_place_happening_and_figure_lends_its_day(monkeypatch, on):
    monkeypatch.setattr(event_first, "SAME_HAPPENING_DAYS", on)
    day, sim = genoa_day(LOOSE)
    assert event_first.SAME_HAPPENING_SIMILARITY <= sim < event_first.EVENT_CITATION_SIMILARITY
    assert (day[0] if day else None) == (dt.date(2026, 3, 3) if on else None)


@pytest.mark.parametrize(
    "lender",
    [
        # as close, but it names neither Genoa nor the toll: not shown to tell the same happening
        "وعاين الخبراء وعمال الإغاثة الثلاثاء أنقاض الجسر المعلق الذي كانت السيارات تعبره في ساعة الذروة.",
        # two days: which is the collapse's is unknown
        LOOSE.replace("قتل 12 شخصا", "قتل 12 شخصا الاثنين"),
        # the day inside what someone said
        'وقال الخبراء وعمال الإغاثة والمتطوعون "عاينا الثلاثاء أنقاض الجسر في جنوة حيث قتل 12 شخصا" بحسب الحصيلة الرسمية الأخيرة.',
        # background ("وكان ... قد"), not news
        "وكان الخبراء وعمال الإغاثة والمتطوعون قد عاينوا الثلاثاء أنقاض الجسر في جنوة حيث قتل 12 شخصا بحسب الحصيلة الرسمية الأخيرة.",
    ],
)
def test_a_looser_retelling_lends_no_day_unless_it_names_the_happening_and_one_day_of_its_own(lender):
    day, sim = genoa_day(lender)
    assert sim < event_first.EVENT_CITATION_SIMILARITY
    assert day is None
