"""Quotes: who said what (khabar.extract.quotes)."""

from __future__ import annotations

from pathlib import Path

import pytest

import khabar
from khabar.extract.quotes import extract_quotes
from khabar.model import Article
from khabar.text.ar.normalize import normalize
from khabar.text.ar.segment import split_sentences
from khabar_timing import assert_four_times

#: The bundled example corpus (not imported from conftest: another conftest.py under
#: tests/ may shadow that module name).
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _quotes(body: str):
    article = Article.create(title="", body=body)
    return extract_quotes(article, split_sentences(article))


def _one(body: str):
    qs = _quotes(body)
    assert len(qs) == 1, [(q.speaker, q.content) for q in qs]
    return qs[0]


# --- verbs and complements ------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "complement"),
    [
        ("قال", "إن"), ("وقال", "إن"), ("فقال", "إن"), ("أكد", "أن"), ("وأضاف", "أن"), ("أوضح", "أن"),
        ("اعتبر", "أن"), ("صرح", "بأن"), ("ذكر", "أن"), ("أفاد", "بأن"), ("كشف", "أن"),
        ("نفى", "أن"), ("وتابع", "أن"), ("لفت", "إلى أن"), ("شدد", "على أن"), ("حذر", "من أن"),
    ],
)
def test_reporting_verb_forms(verb, complement):
    q = _one(f"{verb} مصدر عسكري {complement} المعركة انتهت.")
    assert q.speaker == "مصدر عسكري"
    assert q.content == "المعركة انتهت"
    assert q.verb == verb


def test_feminine_and_imperfect_verbs():
    assert _one("وتقول الأمم المتحدة إن المساعدات توقفت.").speaker == "الأمم المتحدة"
    assert _one("قالت روسيا إنها مستعدة للتفاوض.").speaker == "روسيا"


def test_a_title_abbreviated_with_a_dot_is_a_title_not_the_end_of_a_sentence():
    for body in ("وقالت د. سحر نصر إن الاتفاق يدعم الاستثمار.", "وقالت د.سحر نصر إن الاتفاق يدعم الاستثمار."):
        q = _one(body)
        assert (q.speaker, q.content) == ("سحر نصر", "الاتفاق يدعم الاستثمار")


def test_indirect_quote_offsets_cover_the_content():
    q = _one("وقال المرصد السوري لحقوق الإنسان إن 60 شخصا قتلوا.")
    assert q.content == "60 شخصا قتلوا"
    assert not q.direct


def test_colon_then_in_is_indirect():
    q = _one("قال مصدر عسكري رفيع المستوى، في تصريحات صحفية: إن معركة حلب في مراحلها الأخيرة.")
    assert q.speaker == "مصدر عسكري رفيع المستوى"
    assert q.content == "معركة حلب في مراحلها الأخيرة"
    assert not q.direct


def test_colon_without_in_is_direct_speech():
    q = _one("وقال اللواء زيد الصالح: الوقت محدود جدا، إما الاستسلام أو الموت.")
    assert q.direct
    assert q.content == "الوقت محدود جدا، إما الاستسلام أو الموت"


@pytest.mark.parametrize("marks", ["«»", "“”", '""'])
def test_direct_quote_marks(marks):
    o, c = marks
    q = _one(f"وقال الوزير فيصل المنصوري {o}لن نقبل بأي شروط{c}.")
    assert q.direct
    assert q.content == "لن نقبل بأي شروط"
    assert q.speaker == "فيصل المنصوري"


def test_in_followed_by_quotation_is_direct():
    q = _one("وأضاف المرصد أن «هذا التعاون كان سيتيح منع الهجمات».")
    assert q.direct and q.content == "هذا التعاون كان سيتيح منع الهجمات"


def test_ashar_ila_anna():
    q = _one("وأشار اللواء زيد الصالح إلى أن المعركة يجب أن تنتهي سريعا.")
    assert q.content == "المعركة يجب أن تنتهي سريعا"


def test_hadhar_min_anna():
    q = _one("وحذر مدير المرصد من أن القصف سيتواصل.")
    assert q.content == "القصف سيتواصل"


@pytest.mark.parametrize(
    ("sentence", "speaker", "content"),
    [
        ("وأعرب الأمين العام سامي العلي عن قلقه إزاء التقارير.", "سامي العلي", "قلقه إزاء التقارير"),
        ("وأعرب الأمين العام سامي العلي عن أمله في أن تنتهي الأزمة قريبا.", "سامي العلي", "أمله في أن تنتهي الأزمة قريبا"),
        ("وتحدث ناشطون عن «قصف عنيف» على الحي.", "ناشطون", "«قصف عنيف» على الحي"),
        ("وأعلن الجيش إحراز تقدم في الريف الشمالي.", "الجيش", "إحراز تقدم في الريف الشمالي"),
        ("وأبدت الحكومة استعدادها للتفاوض مع المعارضة.", "الحكومة", "استعدادها للتفاوض مع المعارضة"),
        ("ونفت وزارة الدفاع سقوط ضحايا مدنيين في الغارة.", "وزارة الدفاع", "سقوط ضحايا مدنيين في الغارة"),
        ("وتبنى تنظيم الدولة الهجوم على نقطة التفتيش.", "تنظيم الدولة", "الهجوم على نقطة التفتيش"),
        ("وأعلنت الجماعة مسؤوليتها عن تفجير الجسر.", "الجماعة", "مسؤوليتها عن تفجير الجسر"),
        ("ودعا المجلس المحلي الأهالي إلى البقاء في منازلهم.", "المجلس المحلي", "الأهالي إلى البقاء في منازلهم"),
        ("ورحب وزير الخارجية فيصل المنصوري بالاتفاق.", "فيصل المنصوري", "بالاتفاق"),
        ("وندد الاتحاد بـ«الاعتداء على الصحفيين».", "الاتحاد", "بـ«الاعتداء على الصحفيين»"),
    ],
)
def test_a_verb_whose_statement_is_its_object_or_preposition(sentence, speaker, content):
    # announcing, expressing, denying, claiming, calling, praising, condemning: what the
    # noun or the verb's preposition names is what was said, objects kept
    q = _one(sentence)
    assert (q.speaker, q.content) == (speaker, content)


@pytest.mark.parametrize(
    "sentence",
    [
        "ويرى محللون أن الهدنة لن تصمد طويلا.",
        "وتقدر منظمات الإغاثة أن عشرة آلاف شخص نزحوا.",
        "ويتوقع الخبراء أن ترتفع الأسعار.",
    ],
)
def test_verbs_of_believing_and_estimating_are_no_quotes(sentence):
    assert _quotes(sentence) == []


def test_past_raa_reports_what_was_said():
    # "رأى أن" in the past tells what someone said (the present "يرى" what they believe)
    assert _one("ورأى المراقب سامي العلي أن الأزمة ستطول.").content == "الأزمة ستطول"


@pytest.mark.parametrize("sentence", ["ورفضت الوزارة التعليق على التقارير.", "ورفض المتحدث الإجابة عن الأسئلة."])
def test_a_refusal_to_comment_says_nothing(sentence):
    assert _quotes(sentence) == []


def test_a_noun_after_a_verb_that_is_no_speaker_makes_no_quote():
    # "علقت الغارات" is the raids being suspended, not someone commenting
    assert _quotes("وكانت علقت الغارات على المدينة لمدة شهر.") == []


def test_participle_with_a_noun_object_is_a_second_statement():
    qs = _quotes("وقال الوزير سامي العلي إن الطريق مفتوح، داعيا إلى تحقيق مستقل في الحادث.")
    assert [(q.speaker, q.content) for q in qs] == [("سامي العلي", "الطريق مفتوح"), ("سامي العلي", "تحقيق مستقل في الحادث")]


def test_participle_keeps_its_object():
    qs = _quotes("وقال المحافظ سامي العلي إن الطريق مفتوح، متهما اللجنة بنشر «أرقام قديمة وغير دقيقة».")
    assert qs[1].content == "اللجنة بنشر «أرقام قديمة وغير دقيقة»"


def test_participle_continues_same_speaker():
    qs = _quotes("وقال زيد الصالح إن العملية في مراحلها الأخيرة، مضيفا أن أمام المسلحين وقتا قصيرا.")
    assert [q.content for q in qs] == ["العملية في مراحلها الأخيرة", "أمام المسلحين وقتا قصيرا"]
    assert {q.speaker for q in qs} == {"زيد الصالح"}


def test_a_participle_after_a_verb_alone_continues_the_speaker_before():
    qs = _quotes('وقال الوزير سامي العلي إن الطريق مفتوح.\n\nومضى قائلا "لن نغلقه أبدا".')
    assert [(q.speaker, q.content) for q in qs] == [("سامي العلي", "الطريق مفتوح"), ("سامي العلي", "لن نغلقه أبدا")]


def test_participle_with_preposition():
    qs = _quotes("وقال حجاب إن المعارضة لن تضعف، مشددا على أن المعارضة لن تقدم تنازلات.")
    assert qs[1].verb == "مشددا" and qs[1].content == "المعارضة لن تقدم تنازلات"


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        ("وفق ما أفاد المرصد السوري، انسحب المقاتلون من ستة أحياء.", "انسحب المقاتلون من ستة أحياء"),
        ("انسحب المقاتلون من ستة أحياء، وفق ما أفاد المرصد السوري.", "انسحب المقاتلون من ستة أحياء"),
        ("انسحب المقاتلون من ستة أحياء، حسبما ذكر المرصد السوري.", "انسحب المقاتلون من ستة أحياء"),
        ("وبحسب المرصد السوري، انسحب المقاتلون من ستة أحياء.", "انسحب المقاتلون من ستة أحياء"),
    ],
)
def test_according_to_attributes_the_clause_it_governs(sentence, content):
    q = _one(sentence)
    assert (q.speaker, q.content) == ("المرصد السوري", content)


def test_an_agency_between_dashes_only_carries_the_statement():
    q = _one("وطالب الوزير سامي العلي - وفق وكالة الأنباء الرسمية - بحل اللجنة.")
    assert (q.speaker, q.content) == ("سامي العلي", "بحل اللجنة")


def test_stance_verb_and_its_participle_are_two_statements_of_one_speaker():
    qs = _quotes("من جهته، رحب وزير الداخلية سامي العلي بالقرار، مؤكدا أن الشرطة ستنتشر في الأحياء.")
    assert [(q.speaker, q.content) for q in qs] == [
        ("سامي العلي", "بالقرار"),
        ("سامي العلي", "الشرطة ستنتشر في الأحياء"),
    ]


def test_stance_verb_object_is_not_part_of_the_speaker():
    qs = _quotes("وأدانت وزارة الخارجية الروسية الهجوم، مؤكدة أن الرد سيكون حازما.")
    assert [(q.speaker, q.content) for q in qs] == [
        ("وزارة الخارجية الروسية", "الهجوم"),
        ("وزارة الخارجية الروسية", "الرد سيكون حازما"),
    ]


def test_reporting_verb_with_noun_object_names_the_speaker_of_its_participle():
    qs = _quotes("وطالب المجلس البلدي، في بيان، المنظمات بإرسال الغذاء، مشيرا إلى أن المخابز متوقفة.")
    assert [(q.speaker, q.content) for q in qs] == [
        ("المجلس البلدي", "المنظمات بإرسال الغذاء"),
        ("المجلس البلدي", "المخابز متوقفة"),
    ]


def test_subject_between_kana_and_qad():
    q = _one("وكان الهلال الأحمر قد أعلن أن القافلة وصلت إلى المدينة.")
    assert q.speaker == "الهلال الأحمر"


def test_relative_clause_on_a_statement_noun_speaks_for_its_owner():
    qs = _quotes(
        "ورد الوزير سامي العلي على تصريحات رئيس البلدية خالد الراشد، التي قال فيها إن الطريق مغلق، "
        "معتبرا أن الطريق مفتوح أمام الجميع."
    )
    assert [(q.speaker, q.content) for q in qs] == [
        ("خالد الراشد", "الطريق مغلق"),
        ("سامي العلي", "الطريق مفتوح أمام الجميع"),
    ]


# --- follow-ons ---------------------------------------------------------------------------


def test_bare_follow_on_resolves_to_previous_speaker():
    qs = _quotes("قال الوزير فيصل المنصوري إن الاتفاق صامد.\nوأضاف أن القوافل ستنطلق غدا.")
    assert qs[1].speaker == "فيصل المنصوري"
    assert (qs[1].speaker_start, qs[1].speaker_end) == (qs[0].speaker_start, qs[0].speaker_end)


def test_a_clitic_on_a_word_is_no_speaker_the_verb_continues_the_one_before():
    # "واعترف [ب]وجود «...»": a preposition on a word is the verb's object, never its
    # subject (fresh7 of issue 20 gave the king's two statements to "بوجود")
    qs = _quotes("قال الوزير فيصل المنصوري إن الاتفاق صامد.\nواعترف بوجود «تقصير لدى بعض المسؤولين في الوزارة».")
    assert [(q.speaker, q.content) for q in qs] == [
        ("فيصل المنصوري", "الاتفاق صامد"),
        ("فيصل المنصوري", "تقصير لدى بعض المسؤولين في الوزارة"),
    ]


def test_a_conjunction_on_a_word_is_no_speaker():
    # "[و]دون الرئيس تغريدة ... أكد فيها": a conjunction opens a clause, not a name
    qs = _quotes("ودون الرئيس تغريدة على حسابه أكد فيها أنه في طريقه إلى المستشفى.")
    assert "ودون" not in [q.speaker for q in qs]


@pytest.mark.parametrize(
    "body",
    [
        "وحسب القرعة يستضيف النادي منافسه على ملعبه في الرابع من الشهر المقبل.",
        "وفقا للقانون العراقي تمثل عقوبة السجن المؤبد عشرين عاما في السجن.",
    ],
)
def test_a_cue_of_no_one_who_speaks_is_no_quote(body):
    # "وحسب [القرعة]"، "وفقا [للقانون]": where a fact comes from, not who said it (fresh7
    # and fresh8 of issue 20 gave quotes to "القرعة"، "للقانون العراقي"، "العبارة")
    assert _quotes(body) == []


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("قتل عشرة مدنيين في القصف، وفقا للمرصد السوري لحقوق الإنسان.", "السوري لحقوق الإنسان"),
        ("ارتفعت الصادرات بنسبة عشرة في المئة، بحسب بيانات وزارة التجارة.", "وزارة التجارة"),
    ],
)
def test_a_cue_of_an_institution_or_its_data_is_a_quote(body, speaker):
    assert speaker in _one(body).speaker


def test_follow_on_continues_the_speaker_not_the_outlet_that_carried_it():
    qs = _quotes("وقال المدرب سامي الخطيب: «الفريق جاهز للنهائي»، وفق ما نقلت صحيفة الأيام.\nوتابع: «لا نخشى أحدا».")
    assert [q.speaker for q in qs] == ["سامي الخطيب", "سامي الخطيب"]


def test_tabaa_with_quote_marks_resolves():
    qs = _quotes("وقال رامي ناصيف إن المستشفى ممتلئ.\nوتابع “لا نملك الأدوية”.")
    assert qs[1].speaker == "رامي ناصيف" and qs[1].direct


def test_role_follow_on_resolves_by_role_noun():
    qs = _quotes(
        "وقال المتحدث باسم الرئاسة الروسية دميتري بيسكوف إن الوضع صعب.\n"
        "وقال مصدر عسكري إن القتال مستمر.\n"
        "وأضاف المتحدث باسم الكرملين، أن المسؤول الأممي لا يعلم ما يحدث."
    )
    assert qs[2].speaker == "دميتري بيسكوف"
    assert qs[2].organisation == "الكرملين"


def test_definite_anonymous_follow_on():
    qs = _quotes("صرح مسؤول تركي كبير بأن اجتماعا سيعقد اليوم.\nوأوضح المسؤول في تصريحات صحفية، أن الاجتماع سيبحث الهدنة.")
    assert qs[1].speaker == "مسؤول تركي كبير"


def test_surname_alone_resolves_to_full_name():
    qs = _quotes("وقال المتحدث ستيفان دوجاريك إن الأمين العام قلق.\nوأضاف دوجاريك أن المبعوث سيتابع.")
    assert qs[1].speaker == "ستيفان دوجاريك"


def test_surname_completed_from_unquoted_mention():
    qs = _quotes("وكان المبعوث الأممي يوهان بيرغستروم قد أعلن الاتفاق أمس.\nوقال بيرغستروم إن المراقبين سينتشرون.")
    assert qs[0].speaker == "يوهان بيرغستروم"
    assert qs[0].role == "المبعوث الأممي"


def test_head_with_its_own_genitive_is_kept_as_written():
    qs = _quotes(
        "وقال مسؤول بارز في المعارضة إن الهدنة انهارت.\n"
        "لكن مسؤول الجبهة الجنوبية قال إن القتال توقف.\n"
        "وأضاف المسؤول أن المقاتلين باقون."
    )
    assert [q.speaker for q in qs] == ["مسؤول بارز في المعارضة", "مسؤول الجبهة الجنوبية", "مسؤول الجبهة الجنوبية"]


def test_role_alone_resolves_to_the_named_holder():
    qs = _quotes("وقال وزير الخارجية فيصل المنصوري إن الاتفاق صامد.\nوقال وزير الخارجية إن القوافل ستنطلق.")
    assert qs[1].speaker == "فيصل المنصوري"


def test_min_jihatihi_with_name_is_a_new_speaker():
    qs = _quotes("قال مسؤول تركي إن الاجتماع سيعقد.\nمن جهته، أكد وزير الخارجية التركي مولود جاويش أوغلو أن الهدنة ضرورية.")
    assert qs[1].speaker == "مولود جاويش أوغلو"


def test_follow_on_without_any_previous_speaker_is_dropped():
    assert _quotes("وأضاف أن القوافل ستنطلق غدا.") == []


def test_no_attribution_no_quote():
    assert _quotes("وانخفضت إمدادات الغذاء والوقود إلى درجة حرجة في شرق حلب.") == []


def _headline(title: str, body: str):
    article = Article.create(title=title, body=body)
    return extract_quotes(article, split_sentences(article))


def test_headline_speaker_before_a_colon_is_a_quote():
    qs = _headline("الهلال الأحمر: وصول عشرين شاحنة إلى المدينة", "وصلت القوافل صباحا.")
    assert [(q.speaker, q.content) for q in qs] == [("الهلال الأحمر", "وصول عشرين شاحنة إلى المدينة")]


@pytest.mark.parametrize("title", ["حلب: القوات تتقدم في الأحياء الشرقية", "العراق: البرلمان يأمر بإعادة العد"])
def test_headline_place_or_country_before_a_colon_is_a_topic(title):
    assert _headline(title, "وصلت القوات إلى المدينة.") == []


def test_headline_role_takes_the_name_the_body_gives():
    qs = _headline("محافظ المدينة: الطريق مفتوح أمام القوافل", "وقال محافظ المدينة خالد الراشد إن الطريق مفتوح.")
    assert qs[0].sentence_index == 0 and qs[0].speaker == "خالد الراشد"


def test_headline_bare_name_needs_the_body():
    assert _headline("ولافروف: المحادثات وصلت لطريق مسدود", "وصلت القوات إلى المدينة.") == []
    qs = _headline("ولافروف: المحادثات وصلت لطريق مسدود", "وقال وزير الخارجية سيرجي لافروف إن المحادثات متوقفة.")
    assert qs[0].speaker == "سيرجي لافروف"


# --- the seeds, end to end ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_quotes(seeds_dir: Path):
    out = {}
    for article in khabar.read(seeds_dir):
        out[Path(article.source).stem[:3]] = (article, extract_quotes(article, split_sentences(article)))
    return out


def _find(quotes, fragment):
    hits = [q for q in quotes if normalize(fragment) in normalize(q.content)]
    assert hits, f"no quote contains {fragment!r}"
    return hits[0]


def test_every_seed_quote_has_consistent_offsets(seed_quotes):
    for article, quotes in seed_quotes.values():
        for q in quotes:
            assert article.text[q.start : q.end] == q.content
            assert q.speaker_start is None or article.text[q.speaker_start : q.speaker_end] == q.speaker


def test_seed000_lavrov(seed_quotes):
    q = _find(seed_quotes["000"][1], "المحادثات مع الولايات المتحدة بشأن سوريا وصلت")
    assert q.speaker == "سيرجي لافروف" and "وزير الخارجية" in q.role


def test_seed000_kremlin_spokesman_follow_on(seed_quotes):
    q = _find(seed_quotes["000"][1], "امتناع المسئول الأممي")
    assert q.speaker == "دميتري بيسكوف"


@pytest.mark.parametrize("seed", ["000", "002", "003"])
def test_surrender_or_death_attributed_to_al_saleh(seed_quotes, seed):
    q = _find(seed_quotes[seed][1], "إما الاستسلام أو الموت")
    assert q.speaker == "زيد الصالح"


def test_seed001_tabaa_resolves_to_malahfaji(seed_quotes):
    q = _find(seed_quotes["001"][1], "ما ممكن أن نترك بيتنا")
    assert q.verb == "وتابع" and q.speaker == "زكريا ملاحفجي" and q.direct


def test_seed003_dujarric_follow_on(seed_quotes):
    q = _find(seed_quotes["003"][1], "في الوقت الذي لا يمكن التحقق")
    assert q.speaker == "ستيفان دوجاريك"


def test_seed003_anonymous_american_official(seed_quotes):
    q = _find(seed_quotes["003"][1], "نحو 50 الف شخص")
    assert q.speaker.startswith("مسؤول امريكي")


# --- the example corpus ---------------------------------------------------------------------


def test_bergstrom_quote_in_three_outlets_with_three_verbs():
    folder = EXAMPLES / "wadi-nahr-evacuation"
    if not folder.exists():
        pytest.skip(f"{folder} is not here")
    said = "هذا الاتفاق هش، لكنه الفرصة الوحيدة المتاحة الآن"
    found = {}
    for article in khabar.read(folder):
        for q in extract_quotes(article, split_sentences(article)):
            if normalize(said) in normalize(q.content):
                found[Path(article.source).stem] = q
    assert len(found) == 3
    assert {q.verb for q in found.values()} == {"وقال", "وأكد", "وأضاف"}
    assert all(q.direct and normalize("يوهان") in normalize(q.speaker) for q in found.values())


def test_relayed_quotation_is_the_original_speakers():
    # "نقل X عن Y قوله": Y spoke; the outlet X only carries it
    q = _one("ونقل الموقع الإخباري عن أحد السكان قوله «لم يتوقف القصف طوال الليل».")
    assert q.direct and q.content == "لم يتوقف القصف طوال الليل"
    assert q.speaker == "أحد السكان"


def test_relayed_statement_after_an_nql_an_and_an():
    q = _one("ونقلت المنظمة عن طبيب في المدينة أن 100 طفل محاصرون في مبنى.")
    assert (q.speaker, q.content) == ("طبيب في المدينة", "100 طفل محاصرون في مبنى")


def test_country_after_a_country_is_the_object():
    q = _one("وحذرت فرنسا روسيا من أنها ستتحمل مسؤولية التصعيد.")
    assert q.speaker == "فرنسا" and q.content.endswith("ستتحمل مسؤولية التصعيد")


class _Split:
    """An article split once, so that only extract_quotes is timed."""

    def __init__(self, body: str) -> None:
        self.article = Article.create(title="", body=body)
        self.sentences = split_sentences(self.article)


def _quotes_of(article: _Split):
    return extract_quotes(article.article, article.sentences)


@pytest.mark.parametrize(
    "unit",
    [
        "وقال المتحدث باسم الوزارة سامي العلي إن الطريق مفتوح. وأضاف العلي أن القوافل ستصل.",
        "وقال مصدر إن القصف مستمر، وهو ما ينفيه الجيش. وأضاف المصدر نفسه أن القوات تتقدم.",
    ],
)
def test_an_article_four_times_as_long_takes_about_four_times_as_long(unit):
    # resolution looks back a bounded number of speakers; repeated sentences are found by
    # the sentences each speaker spoke in, not by comparing every pair of quotes.  Four times
    # the text and a bound of 8 (a quadratic path takes 16 times), as khabar_timing's
    # assert_linear: twice the text with a bound of 3 failed 1 run in 3 at load ~5 (session 17).
    # Timed in alternation as assert_linear is: the best of each timed apart flaked in session
    # 29's last CI (9.9 ms at 1x, 91 ms at 4x; alone the ratio is 3.5-4.8)
    one, four = _Split("\n\n".join([unit] * 200)), _Split("\n\n".join([unit] * 800))
    _quotes_of(one)
    assert_four_times(_quotes_of, one, four, runs=3, bound=8.0)


# --- attribution structure on shapes of real reporting (issue 20) ----------------------


@pytest.mark.parametrize(
    ("body", "said"),
    [
        # a role up to the institution it names, then the name after its place
        ("وقالت مديرة منظمة الإغاثة لليمن سلمى الحداد، إن المساعدات لم تصل، ودعت لإجراء تحقيق في التأخير.",
         [("سلمى الحداد", "المساعدات لم تصل"), ("سلمى الحداد", "لإجراء تحقيق في التأخير")]),
        # an unnamed source keeps its adjective
        ("وقال متحدث طبي إن الجرحى نقلوا إلى المستشفى.", [("متحدث طبي", "الجرحى نقلوا إلى المستشفى")]),
        # a cue between commas attributes its whole clause
        ("وأدت الغارات، بحسب مصدر ميداني، إلى تدمير مخزن للذخيرة.",
         [("مصدر ميداني", "وأدت الغارات، بحسب مصدر ميداني، إلى تدمير مخزن للذخيرة")]),
        # a cue before a verb with its own speaker only carries the statement
        ("وبحسب الوكالة، قال الوزير سامي العلي إن المفاوضات مستمرة.", [("سامي العلي", "المفاوضات مستمرة")]),
        # what someone is said to have said inside a statement is part of it
        ("وأكد المتحدث أن الوزير قال للسفير إن الاتفاق قائم.", [("المتحدث", "الوزير قال للسفير إن الاتفاق قائم")]),
        # a verb after a conditional says nothing yet
        ("ولن يتغير الموقف إلا في حال أعلنت الحكومة موافقتها على الشروط.", []),
        # a second verb joined by و keeps the subject of the first; its object is said
        ("وتتهم الحكومة الحزب بتدبير الاضطرابات، وتطالب حليفتها بتسليم قادته.",
         [("الحكومة", "الحزب بتدبير الاضطرابات"), ("الحكومة", "حليفتها بتسليم قادته")]),
        # a name's last word that begins with و is no second speaker
        ("وقالت سارة ليا ويتسن، مديرة قسم الشرق الأوسط، إن الحكم جائر.", [("سارة ليا ويتسن", "الحكم جائر")]),
        # what a statement or a recording says, with who issued it
        ("وجاء في بيان للجيش أن المهاجم اعتقل قرب الحاجز.", [("بيان للجيش", "المهاجم اعتقل قرب الحاجز")]),
        ("وجاء في المرتبة الثانية أن الفريق تعادل.", []),
        # the conjunction before a subject-first speaker is not part of it
        ("وصل القس إلى بلاده، والرئيس الأمريكي يؤكد أنه لم يعقد أي صفقة.", [("الرئيس الأمريكي", "لم يعقد أي صفقة")]),
    ],
)
def test_who_says_what_in_a_sentence(body, said):
    assert [(q.speaker, q.content) for q in _quotes(body)] == said


def test_a_role_with_another_nationality_is_not_the_speaker_before():
    body = "وقال الرئيس الأمريكي دونالد ترامب إن العلاقات ستتحسن.\n\nوقال الرئيس التركي إن القرار للمحكمة وحدها."
    turkish = next(q for q in _quotes(body) if "للمحكمة" in q.content)
    assert turkish.speaker == "الرئيس التركي"


def test_a_headline_continues_its_own_speaker():
    article = Article.create(title="سامي العلي يحذر من انهيار الهدنة، مؤكدا أن الحل سياسي", body="وصل الوفد أمس.")
    quotes = extract_quotes(article, split_sentences(article))
    assert [(q.speaker, q.content) for q in quotes] == [("سامي العلي", "انهيار الهدنة"), ("سامي العلي", "الحل سياسي")]


def test_a_first_line_that_is_a_paragraph_is_read_as_the_body():
    # a web page without a title field: its first line holds the title and the lead
    title = "الوزير يعلن خطته " + " ".join(["وقال الوزير سامي العلي إن الخطة تشمل إصلاح الطرق والمدارس في المحافظات الشمالية كلها"] * 3)
    article = Article.create(title=title, body="وتابع أن التمويل مضمون.")
    follow = next(q for q in extract_quotes(article, split_sentences(article)) if "التمويل" in q.content)
    assert follow.speaker == "سامي العلي"


# --- issue 20, fresh text: a role's complement before the name; follow-ons that agree ----


@pytest.mark.parametrize(
    ("sentence", "speaker", "role"),
    [
        # a role running on through "في ..." to a name no list knows (a hamza is no article)
        ("ورأى ممثل الولايات المتحدة في المجلس ثيودور أليغرا أن الجلسة منحازة.", "ثيودور أليغرا", "ممثل الولايات المتحدة في المجلس"),
        ("وقال مسؤول مكتب العلاقات العامة في قوات سوريا الديمقراطية ريدور خليل إن القصف مستمر.", "ريدور خليل", None),
    ],
)
def test_speaker_named_after_the_complement_of_its_role(sentence, speaker, role):
    q = _one(sentence)
    assert q.speaker == speaker
    assert q.content.endswith(("منحازة", "مستمر"))
    if role:
        assert q.role == role


def test_role_followed_by_an_object_is_not_extended_to_the_object():
    # "نظيره" carries a pronoun: the person after it is the verb's object, not the speaker
    q = _one("دعا وزير الخارجية نظيره الروسي سيرغي لافروف إلى وقف القصف.")
    assert "لافروف" not in q.speaker


def test_follow_on_agrees_with_its_speaker_in_gender():
    body = (
        "قالت الوزيرة سارة كامل إن الخطة جاهزة. "
        "وقال الوزير أحمد ناصر إن التمويل متوفر. "
        "وأضافت أن التنفيذ يبدأ غدا."
    )
    qs = _quotes(body)
    by_content = {q.content: q.speaker for q in qs}
    assert by_content["التنفيذ يبدأ غدا"] == "سارة كامل"
    assert by_content["التمويل متوفر"] == "أحمد ناصر"


def test_follow_on_that_agrees_with_no_recent_speaker_is_left_out():
    body = "وقال الوزير أحمد ناصر إن التمويل متوفر. وأضافت أن التنفيذ يبدأ غدا."
    assert [q.content for q in _quotes(body)] == ["التمويل متوفر"]


def test_quotation_before_its_verb_and_speaker():
    q = _one("«المواطنون ليسوا الحل أبدا»، قال يان مانزي.")
    assert (q.speaker, q.content, q.direct) == ("يان مانزي", "المواطنون ليسوا الحل أبدا", True)


def test_quotation_opened_in_the_sentence_before():
    qs = _quotes('قال مانزي في حديثه للموقع " الليل طويل على المهاجرين .\nهذه الأساليب منتشرة في جميع أنحاء فرنسا " , قال يان مانزي .')
    assert any(q.speaker == "يان مانزي" and q.content.startswith("هذه الأساليب منتشرة") for q in qs), [(q.speaker, q.content) for q in qs]


def test_two_speakers_before_the_verbs_preposition():
    qs = _quotes("أعربت باريس وواشنطن عن خشيتهما من العبث بالأدلة في المدينة.")
    assert sorted(q.speaker for q in qs) == ["باريس", "واشنطن"]
    assert all(q.content.startswith("خشيتهما من العبث") for q in qs)


def test_addressee_in_quotation_marks_before_a_colon():
    q = _one('وقال قائد الفريق في تلك المباراة لـ"العربية.نت": تسببي بطرد اللاعب كان بمثابة هدف.')
    assert q.speaker == "قائد الفريق في تلك المباراة"
    assert q.content.startswith("تسببي بطرد")


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("ويقول بعض سكان عفرين إن الوضع يتدهور يوما بعد يوم.", "بعض سكان عفرين"),
        ('قال بيان وزارة الدفاع الروسية إن "الوحدات عبرت النهر".', "بيان وزارة الدفاع الروسية"),
    ],
)
def test_genitive_of_a_place_or_an_institution_stays_in_the_speaker(sentence, speaker):
    assert _one(sentence).speaker == speaker


def test_a_day_between_the_verb_and_its_speaker():
    q = _one("وقال الأحد مصدر عسكري إن المعركة انتهت.")
    assert (q.speaker, q.content) == ("مصدر عسكري", "المعركة انتهت")


def test_a_country_after_a_day_is_the_verbs_object():
    q = _one("واتهم الوزير الأحد الولايات المتحدة بأنها تسببت في الأزمة.")
    assert q.speaker == "الوزير"


def test_justifying_and_conditioning_are_statements():
    q = _one("وبررت إسرائيل ردها بالإشارة إلى أنه كان من الضروري منع التسلل.")
    assert q.speaker == "إسرائيل"
    assert "من الضروري منع التسلل" in q.content
    assert _one("واشترطت تركيا تسليم المدينة لها قبل وقف العمليات.").speaker == "تركيا"


def test_pronoun_before_the_verb_points_back_to_the_speaker():
    body = "قالت وزارة الخارجية الصينية إنها تتابع القضية. لكنها أكدت أنها ستنشر المعلومات في الوقت المناسب."
    qs = _quotes(body)
    assert [q.speaker for q in qs] == ["وزارة الخارجية الصينية", "وزارة الخارجية الصينية"]


def test_plural_follow_on_is_never_one_named_person():
    body = "وقال مسؤولون في الوزارة إن المحادثات مستمرة. وقال الوزير أحمد ناصر إن الاتفاق قريب. وأضافوا أن الوفد يصل غدا."
    qs = {q.content: q.speaker for q in _quotes(body)}
    assert qs.get("الوفد يصل غدا") in (None, "مسؤولون في الوزارة")
    assert qs.get("الوفد يصل غدا") != "أحمد ناصر"


def test_statement_ends_before_a_new_clause_with_a_long_speaker():
    body = 'واشترطت تركيا تسليم المدينة لها، لكن المتحدث باسم تلك الوحدات نوري محمود قال: "إن الوحدات ترفض الاقتراح".'
    qs = _quotes(body)
    assert [q.speaker for q in qs] == ["تركيا", "نوري محمود"], [(q.speaker, q.content) for q in qs]
    assert "نوري" not in qs[0].content


def test_institution_noun_alone_is_resolved_or_marked_unresolved():
    body = "قالت وزارة الصحة السورية إن المستشفى توقف. وأضافت الوزارة أن الأدوية نفدت."
    assert [(q.speaker, q.speaker_resolved) for q in _quotes(body)] == [("وزارة الصحة السورية", True)] * 2
    alone = _one("وقالت الوزارة إن الخطة جاهزة.")
    assert (alone.speaker, alone.speaker_resolved) == ("الوزارة", False)
    assert _one("وقالت الشرطة إن التحقيق مستمر.").speaker_resolved  # names itself


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('وأوضحت إدارة الإطفاء في نيويورك أن "الحريق كان صعبا جدا".', "إدارة الإطفاء في نيويورك"),
        ("وأعلنت شركة فيسبوك عن تخصيص تمويل بقيمة عشرة ملايين دولار.", "شركة فيسبوك"),
        ("ويقول مؤيدو الاتفاق إنه ضروري للمنطقة.", "مؤيدو الاتفاق"),
        # a feminine title the list writes in the masculine, then the name after the role
        ("وقالت مندوبة الولايات المتحدة نيكي هيلي إن بلادها ستستخدم الفيتو.", "نيكي هيلي"),
    ],
)
def test_speaker_heads_read_whole_on_unseen_text(sentence, speaker):
    assert _one(sentence).speaker == speaker


def test_surname_before_the_verbs_object_is_no_construct():
    q = _one("ووصف بوليانسكي القرارات الأمريكية بأنها سخيفة.")
    assert q.speaker == "بوليانسكي"


def test_verbal_noun_after_the_verb_is_no_speaker_and_a_draft_speaks_whole():
    assert all(q.speaker != "لإرسال" for q in _quotes("وسينظر المجلس في مشروع قرار يدعو لإرسال لجنة تحقيق دولية."))
    q = _one("ودعا مشروع القرار الذي تقدمت به باكستان إلى التحقيق في جميع الانتهاكات.")
    assert q.speaker.startswith("مشروع القرار")


def test_institution_inside_a_company_stays_in_the_speaker():
    q = _one('وقالت نقابة العمال في شركة "فيات" الإيطالية إن الإضراب يبدأ الأحد.')
    assert q.speaker == 'نقابة العمال في شركة "فيات" الإيطالية'


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("بدوره، قال متحدث باسم وزارة الدفاع الأميركية (البنتاغون) إن كل المقاتلات عادت.", "متحدث باسم وزارة الدفاع الأميركية"),
        ("وقال سلاح الجو في بيان، إن المقاتلة سقطت.", "سلاح الجو"),
    ],
)
def test_unnamed_speakers_keep_whom_they_speak_for(sentence, speaker):
    assert _one(sentence).speaker == speaker


def test_cue_source_that_begins_with_lam():
    # "لجنة" after the cue's verb is the subject, not ل + "جنة"; after وفقا the ل is the cue's
    assert _one("فاز المرشح بالرئاسة، وفق ما أعلنت لجنة الانتخابات الخميس.").speaker == "لجنة الانتخابات"
    assert _one("ولقي مصرعه بعد ذلك بساعات، وفقا للجنة تحقيقات روسية.").speaker.startswith("لجنة")


def test_a_teaser_between_paragraphs_quotes_a_speaker_of_the_body():
    body = (
        "وقال الرئيس الفرنسي إيمانويل ماكرون إن بلاده سترد على أي هجوم.\n\n"
        "ماكرون: استخدام الأسلحة الكيماوية خط أحمر يستدعي ردا فوريا\n\n"
        "وتابع المراسل الحديث عن الوضع في المدينة."
    )
    quotes = _quotes(body)
    teaser = [q for q in quotes if "خط أحمر" in q.content]
    assert [(q.speaker, q.content.startswith("استخدام")) for q in teaser] == [("إيمانويل ماكرون", True)]
    # a name nobody in the body speaks for is a topic label, not a speaker
    assert not [q for q in _quotes("باريس: استعدادات لاستقبال الزوار في الصيف المقبل") if q.speaker == "باريس"]


def test_a_headline_speaker_keeps_apart_the_place_where_it_was_said():
    article = Article.create(
        title="أنجلينا جولي من الموصل: هذا أسوأ دمار شهدته",
        body="وقالت أنجلينا جولي إن السكان فقدوا كل شيء في المدينة.",
    )
    quotes = extract_quotes(article, split_sentences(article))
    assert [q.speaker for q in quotes if "أسوأ دمار" in q.content] == ["أنجلينا جولي"]


def test_a_quoted_surname_is_the_person_named_before():
    qs = _quotes('وقال الناشط أحمد العسكر إن القوات تقدمت شرق المدينة. وأضاف " العسكر " أن التنظيم استعاد المنطقة.')
    assert [q.speaker for q in qs] == ["أحمد العسكر", "أحمد العسكر"]


def test_a_follow_on_goes_to_the_new_subject_of_the_sentence_before():
    from khabar.model import EntityMention

    body = "وقال الوزير سامي العلي إن المعدات كانت قديمة. وتوجه خالد الحسن إلى الدوحة لمساعدة زميله. وقال إن التقرير لم ينشر."
    article = Article.create(title="", body=body)
    sentences = split_sentences(article)
    mentions = []
    for name in ("سامي العلي", "خالد الحسن"):
        start = article.text.index(name)
        mentions.append(EntityMention(article_id=article.id, text=name, kind="person", start=start, end=start + len(name), role=None, name_key=name))
    qs = extract_quotes(article, sentences, mentions)
    assert [q.speaker for q in qs] == ["سامي العلي", "خالد الحسن"]


def test_a_speaker_cut_inside_a_recognized_name_runs_on_to_its_end():
    # "فصائل الجيش السوري [الحر]": the head reader stops before the adjective; the
    # recognizer's organisation crosses its end (fresh7 and fresh8 of issue 20)
    from khabar.model import EntityMention

    body = "وقالت فصائل الجيش السوري الحر إنها حصلت على ضمانات من الجيش التركي."
    article = Article.create(title="", body=body)
    name = "فصائل الجيش السوري الحر"
    start = article.text.index(name)
    mention = EntityMention(article_id=article.id, text=name, kind="organisation", start=start, end=start + len(name), role=None, name_key=name)
    assert [q.speaker for q in extract_quotes(article, split_sentences(article))] == ["فصائل الجيش السوري"]
    assert [q.speaker for q in extract_quotes(article, split_sentences(article), [mention])] == [name]


def test_a_pages_own_site_is_no_speaker():
    article = Article.create(
        title="لاعبون لم يهنئوا المنتخب بعد المباراة الأخيرة - صوت المدينة الأحد 21 كانون الثاني",
        body="وقالت صحيفة الوطن إن لاعبين كبارا هنأوا المنتخب. وبحسب ما رصدت صوت المدينة على حسابات اللاعبين، لم يعلق أحد منهم على المباراة.",
    )
    qs = extract_quotes(article, split_sentences(article))
    assert [q.speaker for q in qs] == ["صحيفة الوطن"]


def test_an_envoy_named_before_keeps_his_statements_when_written_as_his_principals_envoy():
    # "مبعوث الرئيس روحاني" of fresh3 (issue 20) was read as Rouhani
    qs = _quotes(
        "قال مبعوث الرئيس المصري إلى تونس , سامر نادر , إن الحوار ممكن مع الجميع. "
        "وعن ملف الحدود , قال مبعوث الرئيس السيسي , إن الحكومة لا تتعامل مع الملف بمنطق الربح."
    )
    assert [q.speaker for q in qs] == ["سامر نادر", "سامر نادر"], [(q.speaker, q.content) for q in qs]


def test_a_follow_on_of_the_man_a_paper_quoted_goes_to_him():
    # "وذكرت [الصحيفة] أن الرئيس التركي قال: «...». وأضاف ..." (a press review of fresh2)
    qs = _quotes(
        'وعنونت صحيفة الأفق خبرها " اتفاق قريب " . '
        'وذكرت أن الرئيس المالي سامر نادر قال : " إن الوفدين اتفقا على الحدود " . '
        "وأضاف في مؤتمر صحفي مشترك إن التنفيذ يبدأ غدا ."
    )
    # the rules' three; the statement reader (session 33) adds the president's words inside the paper's
    assert [q.speaker for q in qs[:3]] == ["صحيفة الأفق", "صحيفة الأفق", "سامر نادر"], [(q.speaker, q.content) for q in qs]
    assert [q.speaker for q in qs[3:]] == ["الرئيس المالي سامر نادر"]


def test_a_body_named_by_what_follows_it_keeps_its_name():
    # "مؤسسة" is a head named by what follows it (attribution_cues.txt, "[organisation
    # named]"); the hand-written set it replaced spelled it unnormalized, so it never matched
    # and the speaker was "مؤسسة" alone before session 9
    q = _one("وقالت مؤسسة نور إن الطريق إلى القرية مغلق منذ الصباح.")
    assert q.speaker == "مؤسسة نور"
    assert q.content.startswith("الطريق")


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        # the subject of كان speaks through the verb that completes it past a comma (fresh5 of
        # issue 20: missed, or given to the noun after the verb)
        ("وكان وزير الاتصالات محمد جواد آذري جهرمي، قد صرح بأن هجمات إلكترونية عطلت الشبكة.", "محمد جواد آذري جهرمي", "هجمات"),
        ("وكان مدير المرصد , رامي عبد الرحمن , قد أفاد , في وقت سابق , أن الخسائر إلى ارتفاع.", "رامي عبد الرحمن", "الخسائر"),
        ("وكان الدكتور سامي العلي؛ المشرف العام على الوكالة، قد أكد نهاية الشهر الماضي، أن الجانب الآخر طلب مراحل.", "سامي العلي", "الجانب"),
        ('وكانت فرقة "النسيم" المعارضة للحكومة، أعلنت مسؤوليتها عن الاقتحام.', 'فرقة "النسيم" المعارضة للحكومة', "مسؤوليتها عن الاقتحام"),
    ],
)
def test_the_subject_of_kana_speaks_past_a_comma(body, speaker, content):
    q = _one(body)
    assert (q.speaker, q.content.split()[0]) == (speaker, content.split()[0]) and q.content.startswith(content)


def test_a_kana_inside_what_is_said_gives_no_speaker_to_a_follow_on():
    # "إن روسيا كانت تكذب ...، وأضاف": the follow-on is the minister's (a dev regression of the rule above)
    qs = _quotes("وكان الوزير الفرنسي قال إن روسيا كانت تكذب باستمرار بشأن التفاوض في حلب، وأضاف أنه من السذاجة الاعتقاد بذلك.")
    assert [q.speaker for q in qs] == ["الوزير الفرنسي", "الوزير الفرنسي"]


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        # a name between commas after a role too long for the head's rules (fresh5 of issue
        # 20 gave the name to the content, or the speaker "نظام بشار")
        ("وأوضح رئيس الفريق الهندسي في اللواء الخامس بالجيش اليمني، الملازم سلطان شمسان، أن الميليشيات تستغل بقايا الصواريخ.", "شمسان", "الميليشيات"),
        ("نفى وزير المالية في حكومة نظام بشار الأسد , مأمون حمدان , أن يكون هنالك شخص جائع.", "مأمون حمدان", "يكون"),
        # a rank the titles list knows stands before the name ("الميجر" was the speaker)
        ("وقال الميجر جيمي ديفيس , المتحدث باسم البنتاجون , إن المؤشرات تظهر أن الزلزال لم يكن تجربة.", "جيمي ديفيس", "المؤشرات"),
    ],
)
def test_a_name_in_apposition_after_a_long_role_speaks(body, speaker, content):
    q = _one(body)
    assert speaker in q.speaker and q.content.startswith(content)


#: A role, then the person's name between commas before what is said: the name speaks
#: (issue 20, session 17: 27 statements of the spent splits went to the role). Each row is
#: (body, speaker, role, start of the content): past a day between commas and before the
#: verb's own preposition; a name in quotation marks; after a cue; a role the head rules cut
#: ("حملة" was the speaker).
ROLE_THEN_NAME = (
    ("كشف وزير المالية والتخطيط، ناصر الهاجري، الثلاثاء، عن خطة جديدة للإنفاق العام.", "ناصر الهاجري", "وزير المالية والتخطيط", "عن خطة"),
    ('وقال المتحدث باسم الهيئة , " محمد الخطيب " , إن الطريق إلى القرية مغلق منذ الصباح.', "محمد الخطيب", "المتحدث باسم الهيئة", "الطريق"),
    ('وبحسب رئيس العمليات في "مركز الرصد الوطني"، خالد العلي، فإن الأمطار ستستمر حتى نهاية الأسبوع.', "خالد العلي", 'رئيس العمليات في "مركز الرصد الوطني"', "الأمطار"),
    ("قالت مديرة حملة المرشحة، سارة يوسف، إن الفائز في الانتخابات التمهيدية سيفوز بالمقعد.", "سارة يوسف", "مديرة حملة المرشحة", "الفائز"),
)


@pytest.mark.parametrize(("body", "speaker", "role", "content"), ROLE_THEN_NAME)
def test_a_person_named_after_a_role_between_commas_speaks(body, speaker, role, content):
    q = _one(body)
    assert (q.speaker, q.role) == (speaker, role) and q.content.startswith(content)


def test_a_role_read_with_its_name_resolves_a_later_mention_of_the_role():
    qs = _quotes("قالت مديرة حملة المرشحة، سارة يوسف، إن الفائز سيفوز بالمقعد. وأضافت مديرة الحملة أن النتائج مشجعة.")
    assert [q.speaker for q in qs] == ["سارة يوسف", "سارة يوسف"]


def test_a_name_after_a_persons_own_role_is_no_speaker():
    # "كشف مايك بنس، نائب الرئيس الأمريكي، دونالد ترامب، الخميس، عن": the role's genitive
    # (400 ANT articles read by eye while building the rule above)
    q = _one("كشف ماجد سالم، مستشار الرئيس اليمني، عبد ربه منصور هادي، الخميس، عن خطة جديدة للإعمار.")
    assert q.speaker == "ماجد سالم"


@pytest.mark.parametrize(
    ("body", "speaker", "content"),
    [
        # a noun of saying with its genitive and its own preposition, no أن (issue 20)
        ("وجاءت دعوة قطر إلى اجتماع عاجل للجامعة العربية بعد تطورات حلب.", "قطر", "اجتماع عاجل"),
        # as a purpose after the one who calls ("دفعت بقطر للدعوة": seed 004's missed call)
        ("تطورات حلب، دفعت بقطر للدعوة الى اجتماع عاجل للجامعة العربية بشأن حلب.", "قطر", "اجتماع عاجل"),
    ],
)
def test_a_noun_of_calling_with_its_caller_is_a_statement(body, speaker, content):
    q = _one(body)
    assert q.speaker == speaker and q.content.startswith(content)


def test_a_call_ends_before_the_next_speakers_verb():
    qs = _quotes("تطورات حلب، دفعت بقطر للدعوة الى اجتماع عاجل بشأن حلب، كما طالب أعضاء بمجلس الأمة الكويتي عقد جلسة طارئة.")
    assert [(q.speaker, q.content) for q in qs] == [("قطر", "اجتماع عاجل بشأن حلب"), ("أعضاء بمجلس الأمة الكويتي", "عقد جلسة طارئة")]


def test_an_invitation_from_someone_is_no_statement():
    assert _quotes("وتلقى الوزير دعوة من نظيره لزيارة موسكو.") == []


@pytest.mark.parametrize(
    "body",
    [
        # a second portfolio joined by و continues the role; it is no name (fresh5: the speaker
        # was "وتكنولوجيا")
        "وقال وزير الاتصالات وتكنولوجيا المعلومات الإيراني محمد جواد آذري جهرمي إن الهجمات عطلت الشبكة.",
        "وقال وزير الخارجية وشؤون المغتربين محمد جواد آذري جهرمي إن الهجمات عطلت الشبكة.",
    ],
)
def test_a_second_portfolio_continues_the_role(body):
    assert _one(body).speaker == "محمد جواد آذري جهرمي"


def test_an_indefinite_speaker_takes_no_genitive_after_its_adjective():
    # "اتهمت مصادر معارضة [الطيران النظامي] بـ": the definite noun is the object (fresh5)
    q = _one("حيث اتهمت مصادر معارضة الطيران النظامي والروسي بالمسؤولية عن القصف.")
    assert q.speaker == "مصادر معارضة" and q.content.startswith("الطيران")


def test_an_indefinite_aide_before_a_name_is_that_persons():
    # "محامي برونسون" is Brunson's lawyer, not Brunson (fresh5 gave the lawyer's words to him)
    qs = _quotes("فيما اعتبر محامي برونسون أن الأدلة التي قدمها الادعاء غير قوية.")
    assert [q.speaker for q in qs] == ["محامي برونسون"]
    assert _one("وقال المحامي أحمد سعيد إن الأدلة غير قوية.").speaker == "أحمد سعيد"


def test_two_sources_under_one_clause_give_it_to_the_named_one():
    # "ووفقا للمعلومات، فإن ...، بحسب صحيفة «الاقتصادية»" (fresh5: "للمعلومات" was a speaker)
    q = _one('ووفقا للمعلومات، فإن المرحلة الأولى ستكون مقتصرة على الشركات، بحسب صحيفة "الاقتصادية" السعودية.')
    assert "الاقتصادية" in q.speaker and q.content.startswith("المرحلة")


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # a role or an institution right before "، الذي قال" speaks through the relative clause
        # (fresh5: the investigator's words were missed)
        ('وظهر شاب وشابة وهما يتعرضان لتوبيخ من المحقق، الذي قال: "تنشرون هراءكم في كل أنحاء البلاد".', "المحقق"),
        ("ووصل وزير الخارجية، الذي قال إن الزيارة مهمة.", "وزير الخارجية"),
    ],
)
def test_a_role_before_a_comma_speaks_through_its_relative_clause(body, speaker):
    assert _one(body).speaker == speaker


def test_a_body_speaks_past_what_it_belongs_to():
    # "X، التابع لوزارة ... قال": the speaker was the last word of the ministry's name (fresh5)
    q = _one("لكن مركز إدارة خدمات وتنسيق الكومبيوتر، التابع لوزارة الاتصالات وتكنولوجيا المعلومات قال إن بعض المراكز عادت إلى العمل.")
    assert q.speaker == "مركز إدارة خدمات وتنسيق الكومبيوتر"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        # whom it was said to is no part of the speaker (issue 20: "an addressee before the preposition")
        ("وأكد الرئيس الفرنسي لنظيره الروسي أن الاتفاق صامد.", "الرئيس الفرنسي"),
        ("وأكدت الوزيرة لنظيرها الألماني خلال الاتصال أن الاتفاق صامد.", "الوزيرة"),
    ],
)
def test_a_counterpart_spoken_to_is_no_part_of_the_speaker(body, speaker):
    assert _one(body).speaker == speaker


def test_a_crowds_chant_is_its_statement():
    # a plural participle of saying after the people who open the sentence (issue 20: crowd participles)
    q = _one("وتجمع المحتجون أمام البرلمان مرددين هتافات تطالب برحيل الحكومة.")
    assert q.speaker == "المحتجون" and q.content.startswith("هتافات")


def test_another_speaker_after_haythu_ends_the_statement_before_it():
    # "...، حيث أشار شكري إلى أن": two attributions in one sentence (fresh5 ran them together)
    qs = _quotes("وشدد المرصد على وضوح الموقف المصري من قضية القدس، حيث أشار الوزير إلى أن مكانة المدينة تفرض الحرص.")
    assert [(q.speaker, q.content) for q in qs] == [("المرصد", "وضوح الموقف المصري من قضية القدس"), ("الوزير", "مكانة المدينة تفرض الحرص")]
    # without a speaker of its own, "حيث قال" goes on with the statement before it
    assert len(_quotes("وأكد الوزير أن الاتفاق صامد، حيث قال إن الطرفين ملتزمان.")) == 1


def test_the_same_speakers_next_statement_after_lakinnahu():
    # "...، لكنه نفى وجود"، "إلا أنه لم يستبعد": a statement of its own for the speaker before
    # (fresh5 ran it into the first one); denied, a verb says nothing unless it still states
    qs = _quotes("وقال الوزير إن الاتفاق صامد، لكنه نفى وجود أي خلافات.")
    assert [(q.speaker, q.content) for q in qs] == [("الوزير", "الاتفاق صامد"), ("الوزير", "وجود أي خلافات")]
    qs = _quotes("وأكد الخبير أن روسيا سترد، إلا أنه لم يستبعد إمكانية وجود رد عسكري.")
    assert [q.content for q in qs] == ["روسيا سترد", "إمكانية وجود رد عسكري"]
    assert [q.content for q in _quotes("وقال الوزير إن الاتفاق صامد، لكنه لم يعلن أي موعد.")] == ["الاتفاق صامد"]


def test_a_capital_before_a_headlines_colon_speaks_a_city_or_country_does_not():
    # "موسكو: ..." is the Russian government (issue 20); "حلب: ..." a dateline, "العراق: ..." a topic
    a = Article.create(title="موسكو: العقوبات الأميركية لن تمر دون رد", body="وأضاف البيان أن الرد سيكون مدروسا.")
    qs = extract_quotes(a, split_sentences(a))
    assert ("موسكو", "العقوبات الأميركية لن تمر دون رد") in [(q.speaker, q.content) for q in qs]
    for title in ("حلب: مقتل عشرة مدنيين في قصف على الأحياء الشرقية", "العراق: البرلمان يأمر بإعادة العد اليدوي للأصوات"):
        a = Article.create(title=title, body="وقتل عشرة مدنيين في القصف.")
        assert extract_quotes(a, split_sentences(a)) == []


def test_a_pronoun_opener_of_the_plural_continues_the_speaker():
    # the openers are derived from the clitics (a conjunction, لكن or إن, a pronoun of the
    # third person): "ولكنهم" was missing from the hand-spelled list
    qs = _quotes("وقال المحتجون إن المطالب واضحة.\n\nولكنهم أكدوا أن الحوار ممكن.")
    assert [(q.speaker, q.content) for q in qs] == [("المحتجون", "المطالب واضحة"), ("المحتجون", "الحوار ممكن")]


def _with_people(body: str, people: tuple[str, ...]):
    from khabar.model import EntityMention

    article = Article.create(title="", body=body)
    mentions = []
    for name in people:
        start = article.text.index(name)
        mentions.append(EntityMention(article_id=article.id, text=name, kind="person", start=start, end=start + len(name), role=None, name_key=name))
    return extract_quotes(article, split_sentences(article), mentions)


@pytest.mark.parametrize(
    ("body", "people", "speaker"),
    [
        # a long role, then its person (issue 20, session 22: the role alone was the speaker)
        ("وقال نائب رئيس منظمة الإغاثة الوطنية وليد سمير للصحفيين إن القوافل ستصل غدا.", ("وليد سمير",), "وليد سمير"),
        ("وقال مدير العمليات والطوارئ في المنظمة ماهر نبيل، لوكالة الأنباء إن المخيمات ممتلئة.", ("ماهر نبيل",), "ماهر نبيل"),
        # a person inside a relative clause after the name is not the speaker
        ("وقال الممثل المسرحي، كريم هادي، الذي فاز بجائزة سامي وهبة إن العرض سيستمر.", ("كريم هادي", "سامي وهبة"), "كريم هادي"),
    ],
)
def test_a_role_before_its_apposed_person_gives_the_person(body, people, speaker):
    qs = _with_people(body, people)
    assert [q.speaker for q in qs] == [speaker], [(q.speaker, q.role) for q in qs]
    assert qs[0].role and qs[0].role.split()[0] in body.split()


@pytest.mark.parametrize(
    ("body", "people"),
    [
        # whose, not who: a head's genitive, after a preposition, after an institution's head,
        # or across a word that ends the subject ("بعد"، "إلى")
        ("وقال مستشار الرئيس وليد سمير إن الحوار متوقف.", ("وليد سمير",)),
        ("وقال ضابط سابق في وليد سمير إن الحوار متوقف.", ("وليد سمير",)),
        ("وقالت حكومة المحافظ وليد سمير إن الحوار متوقف.", ("وليد سمير",)),
        ("وقال وزير الثقافة الاثنين بعد لقائه نظيره وليد سمير إن الحوار متوقف.", ("وليد سمير",)),
    ],
)
def test_a_person_the_role_speaks_of_is_not_the_speaker(body, people):
    assert "وليد سمير" not in [q.speaker for q in _with_people(body, people)]


def test_a_speakers_bare_words_are_remembered_by_text_and_given_afresh() -> None:
    """``_bare_words`` keeps each text's words once (session 36: 755 texts for 3,615 calls
    over the bench's articles) and gives a new list each time: a caller that adds to it
    changes no other's."""
    from khabar.extract import quotes
    from khabar.text.ar.tokenize import words

    text = "وزير الخارجية الروسي سيرغي لافروف"
    first = quotes._bare_words(text)
    assert first == [quotes._BARE[w] for w in words(text)] == ["وزير", "خارجيه", "روسي", "سيرغي", "لافروف"]
    first.append("x")
    assert quotes._bare_words(text) == first[:-1] and quotes._bare_words(None) == quotes._bare_words("") == []
