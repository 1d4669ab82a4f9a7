"""A page's trailing block of the outlet's other stories is cut; a report's own ending stays."""

from __future__ import annotations

from khabar.text.ar.reporting import past_forms, reporting_past_forms
from khabar.text.ar.related import cut_related_block, related_block_start

TITLE = "افتتاح جسر جديد على نهر النيل في أسوان"
REPORT = [
    "افتتح محافظ أسوان صباح الأحد جسرا جديدا على نهر النيل يربط ضفتي المدينة.",
    "وقال المحافظ إن الجسر سيخفف الزحام عن المعبر القديم.",
    "وأضاف أن كلفة الجسر بلغت نحو مليار جنيه.",
]
TEASERS = [
    "أعلنت وزارة الصحة التونسية عن حملة تطعيم جديدة للأطفال في المدارس.",
    "قال وزير الخارجية الياباني إن بلاده ستستضيف قمة إقليمية في الربيع.",
    "كشفت شركة طيران أوروبية عن خطة لشراء عشرين طائرة.",
]


def test_past_forms_drop_the_weak_letter():
    assert past_forms("دعا") == ("دعا", "دعت", "دعوا")
    assert {"قالت", "اعلن", "اكدوا"} <= reporting_past_forms()


def test_trailing_leads_of_other_stories_are_cut():
    assert related_block_start(TITLE, REPORT + TEASERS) == len(REPORT)


def test_the_report_alone_is_kept():
    assert related_block_start(TITLE, REPORT) == len(REPORT)


def test_one_closing_lead_is_the_reports_own():
    ending = "أكد رئيس الوزراء أن الدولة ستبني جسرين آخرين على النيل."
    assert related_block_start(TITLE, [*REPORT, ending]) == len(REPORT) + 1


def test_a_long_round_up_of_statements_is_the_report():
    reactions = [
        "دعت قطر إلى وقف العنف فورا.",
        "أدانت الحكومة الأردنية القصف.",
        "قال رئيس الحكومة اللبنانية إن بلاده متضامنة.",
        "أكدت البحرين موقفها الثابت.",
        "نددت الحكومة السورية بما جرى.",
        "أعربت الكويت عن قلقها.",
    ]
    assert related_block_start("ردود الفعل على قصف غزة", [REPORT[0], *reactions]) == 7


def test_a_continuing_paragraph_ends_the_block():
    # the report's own closing paragraph opens with a conjunction: the walk back stops there
    paras = [*REPORT, TEASERS[0], "وأشار إلى أن الحملة تشمل كل المحافظات.", TEASERS[1]]
    assert related_block_start(TITLE, paras) == len(paras)


def test_the_block_is_cut_from_the_body_text():
    body = "\n\n".join(REPORT + TEASERS)
    assert cut_related_block(TITLE, body) == "\n\n".join(REPORT)
    assert cut_related_block(TITLE, "\n\n".join(REPORT)) == "\n\n".join(REPORT)
