"""A claim of admission against a page where its party denies (``khabar.check.admission``), on
sentences written here."""

from __future__ import annotations

from khabar.check.admission import admitting_party, party_denies


def test_the_party_is_read_on_either_side_of_the_admission() -> None:
    # subject after the verb, up to what is admitted
    assert "كمال" in admitting_party("اعترف المدرب كمال بأنه أخطأ في التشكيلة")
    assert "بأنه" not in admitting_party("اعترف المدرب كمال بأنه أخطأ في التشكيلة")
    # subject before the verb when what is admitted follows it at once
    assert "الشركه" in admitting_party("الشركة الوطنية أقرت بمسؤوليتها عن التسرب")
    # a name that opens with ب is the party, not what is admitted
    assert "بكري" in admitting_party("اعترف بكري بالتهم الموجهة إليه")
    # no admission, no party
    assert admitting_party("قال المدرب كمال إنه أخطأ في التشكيلة") == frozenset()


def test_a_denial_by_the_party_contradicts_and_one_by_another_does_not() -> None:
    party = admitting_party("اعترف بكري بالتهم الموجهة إليه")
    assert party_denies(party, ["مثل المتهم أمام المحكمة صباح الأحد.", "ونفى بكري التهم ووصفها بأنها ملفقة."])
    # someone else's denial, far from the party's name
    assert not party_denies(party, ["نفى المحامي أن تكون الجلسة قد تأجلت، وقال إن موكله بكري سيحضر غدا مع أسرته."])
    # the page reports the admission too: left to the heads
    assert not party_denies(party, ["ونفى بكري التهم في البداية.", "ثم اعترف بكري بالتهم أمام القاضي."])


def test_the_party_speaking_against_what_it_admitted_is_read() -> None:
    from khabar.check.admission import party_states_otherwise

    claim = "أقرت الشركة الوطنية بأن مصنعها سرب مواد سامة إلى النهر"
    party = admitting_party(claim)
    # the party's spokesman says the factory leaked nothing
    said = ["وقال المتحدث باسم الشركة الوطنية إن المصنع لم يسرب أي مواد إلى النهر."]
    assert party_states_otherwise(claim, party, said) == "negates"
    # another speaker's negation is not the party's
    other = ["وقال صياد من القرية إن المصنع لم يسرب أي مواد إلى النهر."]
    assert party_states_otherwise(claim, party, other) is None
    # the party rejects a charge
    rejects = ["ورفض سالم حداد، وهو مدير في الشركة الوطنية، مزاعم الأهالي ووصفها بالمبالغة."]
    assert party_states_otherwise(claim, party, rejects) == "rejects"


def test_a_party_that_has_not_answered() -> None:
    from khabar.check.admission import party_no_answer

    party = admitting_party("اعترف الحوثيون بأن قادة منهم كانوا في الموقع")
    assert party_no_answer(party, ["ولم يرد الحوثيون على هذه المعلومات حتى الآن."])
    assert not party_no_answer(party, ["وقال الحوثيون إن القادة لم يكونوا في الموقع."])


def test_a_verb_that_passes_an_object_is_no_admission() -> None:
    from khabar.check.admission import admits_something

    # a phrase of manner, then the bare object: a resolution passed
    assert not admits_something("أقر مجلس الأمن بالإجماع طلب الوسيط بوقف القتال في المدينة")
    # what is admitted opens with the verb's ب, a day or an adverb after it
    assert admits_something("أقر مجلس المدينة بالخطأ أمس في توزيع المياه")
    assert admits_something("اعترف الوزير بالتقصير رسميا أمام النواب")
    assert admits_something("اعترف الجيش بمقتل جنديين في الكمين")
