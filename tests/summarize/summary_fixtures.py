"""Reports and helpers shared by the summarizer tests (a module of its own, not conftest, so
test files can import it)."""

from __future__ import annotations

import pytest

import khabar
from khabar.model import Article
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool

# Three reports of one fictional fire: one fact told by all three, the rest by one each.
FIRE = [
    (
        "حريق النخيل",
        "اندلع حريق في مستودع للوقود بمدينة النخيل مساء الخميس وأدى إلى مقتل 15 شخصا. "
        "ويشتهر الحي الشمالي بصناعة الفخار والنحاس منذ قرون طويلة بين الحرفيين. "
        "وتستعد المدارس لبدء العام الدراسي الجديد بعد عطلة صيفية استمرت ثلاثة أشهر.",
    ),
    (
        "ضحايا في النخيل",
        "وشهدت الأسواق ارتفاعا في أسعار الخضار والفواكه خلال الأسبوع الماضي بسبب الحر. "
        "أدى حريق اندلع في مستودع للوقود بمدينة النخيل مساء الخميس إلى مقتل 15 شخصا. "
        "وفاز الفريق المحلي بكأس البطولة الإقليمية للمرة الثانية على التوالي هذا العام.",
    ),
    (
        "مستودع الوقود",
        "وافتتحت وزارة الثقافة معرضا للكتاب يضم أكثر من مئتي دار نشر من عدة دول. "
        "قتل 15 شخصا في حريق اندلع في مستودع للوقود بمدينة النخيل مساء الخميس. "
        "ويتوقع خبراء الأرصاد طقسا معتدلا مع رياح خفيفة على السواحل الغربية غدا.",
    ),
]


def pool_of(reports) -> SentencePool:
    return SentencePool.build([analyze(Article.create(title=t, body=b)) for t, b in reports])


@pytest.fixture(scope="module")
def seed_pool(seeds_dir) -> SentencePool:
    return SentencePool.build([analyze(a) for a in khabar.read(seeds_dir)])


def n_words(pool: SentencePool, rows) -> int:
    return sum(len(pool.docs[pool.refs[r][0]].sentence_words[pool.refs[r][1]]) for r in rows)
