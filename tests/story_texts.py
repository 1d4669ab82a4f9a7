"""Small reports written for the story tests (khabar.relate.stories, khabar.scale.cluster):
a module of its own so that test files of both folders can share them."""

from __future__ import annotations

import datetime as dt
import random

from khabar.config import StoryOptions
from khabar.model import Article
from khabar.relate.stories import SignedArticle
from khabar.scale.cluster import sign_article

#: The event scorer alone: the band model (on by default) reads sentence vectors through a
#: lookup these tests do not give; tests/relate/test_event_band.py gives it one.
OPTIONS = StoryOptions(event_band=False)
DAY = dt.date(2024, 3, 5)

WIRE_TITLE = "انهيار جسر الوادي في بلدة كفر نجم ومقتل ثلاثة عمال"
WIRE_BODY = (
    "انهار جسر الوادي القديم في بلدة كفر نجم صباح الثلاثاء أثناء أعمال الترميم، ما أدى إلى مقتل ثلاثة عمال "
    "وإصابة سبعة آخرين نقلوا إلى مستشفى البلدة. وقال رئيس البلدية سليم الراعي إن الجسر كان مغلقا أمام السيارات "
    "منذ شهرين، وإن لجنة هندسية ستحقق في أسباب الانهيار. وتوقفت حركة الشاحنات على الطريق الزراعي بين كفر نجم "
    "وقرى السهل، فيما انتشلت فرق الدفاع المدني العمال من مجرى الوادي."
)


def article(title: str, body: str, *, day: dt.date | None = DAY, outlet: str = "وكالة الشرق") -> Article:
    return Article.create(title=title, body=body, outlet=outlet, published=day)


def signed(a: Article, options: StoryOptions = OPTIONS) -> SignedArticle:
    return sign_article(a, options=options)


WIRE = article(WIRE_TITLE, WIRE_BODY)
COPY = article(
    WIRE_TITLE,
    "كفر نجم (إذاعة السهل) - " + WIRE_BODY.replace("وقال رئيس البلدية", "وأكد رئيس البلدية"),
    outlet="إذاعة السهل",
)
REWRITE = article(
    "ثلاثة قتلى في انهيار جسر أثناء ترميمه في كفر نجم",
    "لقي ثلاثة عمال حتفهم وجرح سبعة عندما انهار جسر الوادي في كفر نجم يوم الثلاثاء خلال أعمال ترميم. "
    "وأوضح رئيس بلدية كفر نجم سليم الراعي أن الجسر مغلق أمام السيارات منذ شهرين، مشيرا إلى تشكيل لجنة هندسية "
    "للتحقيق في الانهيار. وانتشل الدفاع المدني العمال من الوادي، وتوقفت الشاحنات على الطريق الزراعي.",
    outlet="صحيفة الغد",
)
# Same town, same day, another event: a teachers' sit-in.
OTHER_EVENT = article(
    "معلمو كفر نجم يعتصمون للمطالبة بصرف رواتبهم المتأخرة",
    "اعتصم عشرات المعلمين أمام مديرية التربية في بلدة كفر نجم يوم الثلاثاء احتجاجا على تأخر صرف رواتبهم "
    "للشهر الثالث. وقالت المعلمة هدى منصور إن المدارس قد تغلق أبوابها الأسبوع المقبل إذا لم تدفع الرواتب. "
    "ووعد مدير التربية بنقل مطالب المعتصمين إلى الوزارة خلال أيام.",
    outlet="إذاعة السهل",
)


#: Nouns to draw unrelated reports from: two draws of 14 share few words.
NOUNS = (
    "مدرسة مستشفى طريق سوق جسر مصنع ميناء مطار حديقة ملعب مكتبة متحف فندق مسجد كنيسة قلعة نهر بحيرة جبل وادي "
    "غابة مزرعة بئر سد قطار حافلة شاحنة سفينة طائرة دراجة حاسوب هاتف كتاب صحيفة رسالة قانون ضريبة ميزانية راتب "
    "قرض مصرف شركة نقابة حزب برلمان وزارة بلدية محكمة سجن شرطة جيش حدود سفارة مؤتمر معرض مهرجان مسرح فيلم أغنية"
).split()


def daily_stream(days: int) -> list[SignedArticle]:
    """One unrelated small report a day: words drawn at random from NOUNS."""
    rng = random.Random(11)
    out = []
    for i in range(days):
        picked = rng.sample(NOUNS, 14)
        a = article(" ".join(picked[:4]), " و".join(picked[4:]) + ".", day=DAY + dt.timedelta(days=i))
        out.append(signed(a))
    return out



#: The bridge collapse told in other words: the same town, bridge, mayor and day, little of
#: the wire's wording (its stem set shares too little with the wire for MinHash alone).
PARAPHRASE = article(
    "سليم الراعي: لجنة تحقق في كارثة جسر الوادي بكفر نجم",
    "عاشت كفر نجم يوم الثلاثاء ساعات حزينة بعدما هوى جسر الوادي فوق رؤوس العمال الذين كانوا يرممونه، "
    "فقضى ثلاثة منهم وتلقى سبعة العلاج. رئيس البلدية سليم الراعي حمّل المقاول المسؤولية عن الكارثة، "
    "وذكّر بأن المعبر ممنوع على المركبات منذ شهرين.",
    outlet="شبكة الأفق",
)

# A paraphrase of the bridge collapse that shares almost no stem with the wire report.
RETOLD = article(
    "مأساة في كفر نجم: ثلاثة عمال يقضون تحت أنقاض معبر الوادي",
    "فقدت عائلات كفر نجم ثلاثة من أبنائها يوم الثلاثاء حين هوى المعبر الحجري القديم فوق الورشة التي "
    "كانت تصلحه، وأسعف سبعة جرحى إلى المشفى. وتعهد المجلس البلدي بمحاسبة المقصرين بعد تحقيق فني.",
    outlet="موقع النهار",
)
