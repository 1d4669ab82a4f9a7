"""Who did what to whom: frames of sentences written for these tests."""

from __future__ import annotations

from khabar.check.frames import compare_frames, predicate_key, read_frame


def _match(claim: str, sentence: str):
    return compare_frames(read_frame(claim), read_frame(sentence))


def test_reversed_actors_are_a_role_swap() -> None:
    m = _match(
        "قصفت القوات التركية مواقع وحدات حماية الشعب الكردية في عفرين",
        "قصفت وحدات حماية الشعب الكردية مواقع القوات التركية في عفرين",
    )
    assert (m.role_swap, m.same_predicate, m.shared_names) == (1.0, 1.0, 1.0)


def test_same_actors_in_the_same_roles_are_no_swap() -> None:
    m = _match("استعاد الجيش السوري مدينة تدمر من تنظيم الدولة", "استعاد الجيش السوري مدينة تدمر من تنظيم الدولة أمس")
    assert (m.role_swap, m.agent_change) == (0.0, 0.0)
    assert m.shared_names == 1.0


def test_subject_first_sentence_keeps_its_agent() -> None:
    frame = read_frame("الجيش السوري يستعيد مدينة تدمر من تنظيم الدولة")
    assert frame.agent == "الجيش السوري" and "تدمر" in frame.patients


def test_a_name_of_the_same_kind_in_place_of_the_claim_s_is_swapped() -> None:
    m = _match("صواريخ إسرائيلية من لبنان تقصف قاعدة التيفور بسوريا", "صواريخ أمريكية تقصف قاعدة التيفور بسوريا")
    assert m.swapped_names >= 1


def test_the_reported_proposition_is_read_not_the_attribution() -> None:
    frame = read_frame("قال المرصد السوري إن الجيش السوري استعاد حي الشيخ سعيد")
    assert frame.agent == "الجيش السوري"


def test_the_predicate_follows_an_unnamed_subject_and_a_time_before_a_comma() -> None:
    """A title or a word with the article before the verb is its subject, not the predicate
    ("الرئيس كلف ..."); a time before a comma is no subject ("والشهر الماضي، استقبل ...")."""
    frame = read_frame("الرئيس كلف وزير المالية سامي الخطيب بتشكيل الحكومة الجديدة")
    assert frame.predicate == predicate_key("كلف") and frame.agent is None
    assert frame.patients[:1] == ("سامي الخطيب",)
    frame = read_frame("والشهر الماضي، استقبل الرئيس المصري عبد الفتاح السيسي وزير الخارجية سامي الخطيب")
    assert frame.predicate == predicate_key("استقبل")
    assert (frame.agent, frame.patients[:1]) == ("عبدالفتاح السيسي", ("سامي الخطيب",))


def test_a_verb_and_its_kin_are_one_predicate() -> None:
    assert len({predicate_key(w) for w in ("كلّف", "يكلف", "تكليف", "كلفت")}) == 1
    assert predicate_key("اتهمت") == predicate_key("تتهمان")
    assert predicate_key("كلف") != predicate_key("استقبل")


def test_a_verb_first_sentence_reads_its_agent_past_titles_and_its_patient_after() -> None:
    """"كلّف العاهل الأردني، الملك ..."، the king acts and the minister after him is the patient;
    with a second title after the first ("كلف الرئيس وزير الداخلية ...") the first is an
    unnamed agent and the named minister the patient."""
    frame = read_frame("وكلّف العاهل الأردني، الملك عبد الله الثاني، الوزير عمر الرزاز بتشكيل الحكومة")
    assert (frame.agent, frame.patients[:1]) == ("عبدالله الثاني", ("عمر الرزاز",))
    frame = read_frame("وكلّف الرئيس وزير الداخلية كريم العلي بتشكيل الحكومة الجديدة.")
    assert (frame.agent, frame.patients[:1]) == (None, ("كريم العلي",))


def test_a_verb_spelled_like_a_noun_with_the_article_is_the_predicate() -> None:
    """frame_verbs.txt: "ألغت" normalizes to an article-like "الغت" and is still the verb."""
    frame = read_frame("ألغت الحكومة التونسية قرار رفع الأسعار")
    assert frame.predicate == predicate_key("ألغت") and frame.agent == "تونس"


def test_a_name_that_opens_with_ba_is_not_governed_by_a_preposition() -> None:
    """"بريطانيا تطلب": the name's first letter is no preposition; "بحلب" is one."""
    assert read_frame("بريطانيا تطلب اجتماعا عاجلا لمجلس الأمن").agent == "بريطانيا"
    assert read_frame("قصفت بحلب الطائرات الروسية").agent != "حلب"


def test_the_same_predicate_with_another_patient_is_the_same_predicate() -> None:
    """"X did P to Y" against "X did P to Z": the predicate is shared, the patients differ."""
    claim = read_frame("الرئيس كلف وزير المالية سامي الخطيب بتشكيل الحكومة الجديدة")
    sentence = read_frame("وكلّف الرئيس وزير الداخلية كريم العلي بتشكيل الحكومة الجديدة.")
    m = compare_frames(claim, sentence)
    assert m.same_predicate == 1.0 and m.swapped_names >= 1
    assert claim.patients[0] != sentence.patients[0]
