"""The page's own account of the claim's event (``scripts/stance_account.py``, an experiment
of ``scripts/stance_experiments.py``), on sentences written here."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from stance_account import ACCOUNT_FEATURES, account_row, read_acts, read_actor, same_name  # noqa: E402
from khabar.check.features import analyse, claim_view
from khabar.check.retrieve import doc_from_article
from khabar.model import Article


def _row(claim: str, title: str, body: str) -> dict[str, float]:
    article = Article.create(title=title, body=body, outlet="إذاعة الشرق", published=dt.date(2018, 8, 10))
    (an,) = analyse(claim, [doc_from_article(article)])
    return dict(zip(ACCOUNT_FEATURES, account_row(claim_view(claim), an)))


def test_a_negation_or_a_refusal_before_a_word_negates_it() -> None:
    assert read_acts("قال الجيش إنه لم يقصف المستشفى").polarity["قصف"] is True
    assert read_acts("قصف الجيش المستشفى").polarity["قصف"] is False
    # a refusal read as an attribution ("ترفض ... فتح") and a denial ("نفى ... أن") negate what follows
    assert read_acts("الحكومة ترفض فتح تحقيق في الحادث").polarity["فتح"] is True
    assert read_acts("نفى الجيش أن يكون قصف المستشفى").polarity["قصف"] is True


def test_the_actor_is_the_first_name_of_the_statement_verb_first_or_subject_first() -> None:
    assert read_actor("مقاتلات إسرائيلية أسقطت الطائرة الروسية")[0] is not None
    israel = read_actor("مقاتلات إسرائيلية أسقطت الطائرة الروسية")[0]
    assert same_name(israel, read_actor("قصفت طائرات إسرائيلية مواقع قرب دمشق")[0])
    assert not same_name(israel, read_actor("أسقطت الدفاعات الجوية السورية طائرة روسية")[0])


def test_a_page_that_did_what_the_claim_says_was_refused_is_read_as_opposite() -> None:
    claim = "الحكومة ترفض فتح تحقيق في انهيار جسر النهرين"
    row = _row(claim, "فتح تحقيق في انهيار جسر النهرين",
               "فتحت الحكومة تحقيقا في انهيار جسر النهرين بعد مقتل ثلاثة أشخاص.\nوقال الوزير إن اللجنة ستقدم تقريرها خلال شهر.")
    assert row["account_acts_opposite"] == 1.0
    same = _row(claim, "الحكومة ترفض التحقيق",
                "قالت الحكومة إنها ترفض فتح تحقيق في انهيار جسر النهرين.\nوطالبت المعارضة بمحاسبة المسؤولين.")
    assert same["account_acts_opposite"] == 0.0 and same["account_acts_same"] == 1.0


def test_another_toll_of_the_same_count_anywhere_near_the_claim_is_read() -> None:
    claim = "قتل 51 طفلا في غارة على حافلة في سوق النهرين"
    body = ("دعت المنظمة إلى تحقيق مستقل في الغارة.\nوقال المتحدث إن 29 طفلا قتلوا في الغارة على الحافلة في سوق النهرين."
            "\nوأصيب العشرات في الهجوم.")
    row = _row(claim, "غارة على حافلة في سوق النهرين", body)
    assert row["account_figure_other"] == 1.0 and row["account_figure_agree"] == 0.0
    row = _row(claim, "غارة على حافلة في سوق النهرين", body.replace("29", "51"))
    assert row["account_figure_agree"] == 1.0 and row["account_figure_other"] == 0.0


def test_another_actor_of_the_claims_act_is_read_and_one_name_in_two_forms_is_not() -> None:
    claim = "الحوثيون قصفوا حافلة تقل أطفالا في سوق النهرين"
    other = _row(claim, "قصف حافلة في سوق النهرين",
                 "قصفت طائرات سعودية حافلة تقل أطفالا في سوق النهرين صباح الخميس.\nوقال مسعفون إن العشرات قتلوا.")
    assert other["account_actor_other"] == 1.0 and other["account_actor_same"] == 0.0
    same = _row(claim, "قصف حافلة في سوق النهرين",
                "قصفت جماعة الحوثي حافلة تقل أطفالا في سوق النهرين صباح الخميس.\nوقال مسعفون إن العشرات قتلوا.")
    assert same["account_actor_other"] == 0.0
