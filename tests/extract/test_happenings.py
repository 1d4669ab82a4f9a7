"""The kind of happening a headline tells, from trigger words (khabar.extract.happenings)."""

from __future__ import annotations

from khabar.extract.entities import lead_mentions
from khabar.extract.happenings import happening_kinds, headline_kinds
from khabar.model import Article


def test_a_match_and_a_court_sentence_are_different_kinds():
    assert happening_kinds("الوداد يفوز على الرجاء بثلاثية في الدربي") == {"match"}
    assert happening_kinds("الحكم بالسجن عامين على رئيس النادي") == {"justice"}


def test_an_agreement_is_told_by_its_verb_as_by_its_noun():
    assert happening_kinds("واتفقت الحكومة مع المسلحين على وقف إطلاق النار") == {"agreement"}
    assert happening_kinds("التوصل إلى اتفاق بشأن الهجرة") == {"agreement"}


def test_proclitics_are_read_off_before_matching():
    assert happening_kinds("وبالقصف بدأ اليوم") == {"attack"}


def test_the_words_of_a_name_are_not_triggers():
    text = "منظمة حظر الأسلحة الكيميائية ترسل خبراء إلى المدينة"
    start = text.index("منظمة")
    end = text.index(" ترسل")
    assert "attack" in happening_kinds(text)
    assert "attack" not in happening_kinds(text, skip=[(start, end)])


def test_a_headline_without_a_trigger_names_no_kind():
    article = Article.create(title="أسئلة عن مستقبل حي الوادي", body="يتساءل السكان عن مستقبل حيهم القديم.", outlet="و")
    assert headline_kinds(article, lead_mentions(article)) == frozenset()


def test_a_report_that_opens_with_a_verb_of_reacting_is_told_as_a_reaction():
    from khabar.extract.happenings import opens_as_reaction

    assert opens_as_reaction("لجنة الصحفيين تندد بأحكام السجن", "قالت اللجنة إن الأحكام قاسية.")
    # the first sentence after a dateline; a leading conjunction read off
    body = "الزهراء، سوريا (وكالة النهر)-- ورحبت الجامعة العربية بالهدنة في المدينة. وقال أمينها العام إنها فرصة."
    assert opens_as_reaction("بيان عربي عن الهدنة", body)
    # a report of the happening itself
    assert not opens_as_reaction("مقتل ثلاثة عمال بانهيار جسر", "انهار جسر الوادي القديم صباح الثلاثاء أثناء ترميمه، وندد السكان بالإهمال.")
    # a verb of reacting further in than the first six words is the report's own
    assert not opens_as_reaction("انهيار جسر الوادي في بلدة كفر نجم ومقتل عمال وسكان يدينون", "انهار الجسر.")
