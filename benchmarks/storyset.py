"""Generate the labelled story-clustering set: fictional Arabic reports of many events.

Every sentence template, word list and fact below was written for khabar; nothing is copied
from a published article.  Each event has a base wire story built from templates of its
kind plus facts of its own (place, day, numbers, an official with a quote, one detail that
only this event has).  Each outlet then publishes a version of it:

* wire copy: the base text with a dateline and a word or two changed;
* rewrites: sentences reordered, synonyms swapped (a small list written here), the lead
  reworded, one or two sentences dropped, an outlet's framing sentence and a background
  sentence added, another title;
* follow-ups a day or two later that repeat a wire passage and add a new sentence.

Events come in pairs that share a city and a day but not a kind (a shelling in Hama and a
strike of Hama's bakers on the same day), plus two events of the same kind in the same city
months apart (two floods in Latakia), so that a clusterer is tested on what tells events
apart: their content, not their place or date.

A harder set (``hard.jsonl``, see :func:`generate_hard`) adds paraphrased rewrites that keep
the facts but not the wording, same-city/same-day pairs that also share district and
official, and same-kind sequels a week later.

Output: ``benchmarks/out/storyset/articles.jsonl`` and ``hard.jsonl``, one JSON object per
line with ``title, body, outlet, published, event``; the gold label is ``event``.  Deterministic: the
same seed gives the same file.

    /work/venv/bin/python benchmarks/storyset.py [--out benchmarks/out/storyset] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

OUTLETS = (
    "وكالة الشرق للأنباء",
    "إذاعة المدينة",
    "صحيفة الغد العربي",
    "قناة الساحل",
    "موقع النهار الإخباري",
    "شبكة الأفق",
    "صحيفة الوطن الجديد",
    "وكالة أنباء الجزيرة الفراتية",
)

#: Synonym swaps a rewriting desk makes (each side replaces the other).
SYNONYMS = (
    ("قال", "أكد"),
    ("أعلن", "أفاد"),
    ("مقتل", "سقوط"),
    ("أصيب", "جرح"),
    ("السكان", "الأهالي"),
    ("المدينة", "البلدة"),
    ("اليوم", "هذا اليوم"),
    ("بحسب", "وفق"),
    ("مسؤول", "مصدر رسمي"),
    ("كبير", "واسع"),
    ("أشار", "لفت"),
    ("الجمعة", "يوم الجمعة"),
)

#: Framing sentences outlets put around a story (placed before or after it).
FRAMINGS = (
    "وتتابع {outlet} تطورات الحدث أولا بأول عبر مراسليها في {city}.",
    "وقال مراسل {outlet} إن الوضع في {city} لا يزال متوترا.",
    "وحصلت {outlet} على معلومات إضافية من مصادر محلية في {city}.",
    "ولم تتمكن {outlet} من التحقق من هذه الأرقام من مصدر مستقل.",
    "ويأتي ذلك في وقت تشهد فيه المنطقة أوضاعا صعبة منذ أشهر.",
)

WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")


@dataclass(frozen=True)
class Kind:
    """An event kind: titles and body sentences with slots for the event's facts."""

    name: str
    titles: tuple[str, ...]
    lead: tuple[str, ...]  # variants of the first sentence
    body: tuple[str, ...]
    quote: tuple[str, ...]
    background: tuple[str, ...]


KINDS = {
    "shelling": Kind(
        "shelling",
        titles=(
            "مقتل {n1} مدنيين في قصف على {district} في {city}",
            "قصف مدفعي يستهدف {district} ويوقع {n1} قتلى",
            "{city}: ضحايا مدنيون في قصف طال {district}",
        ),
        lead=(
            "قتل {n1} مدنيين وأصيب {n2} آخرون يوم {weekday} في قصف مدفعي استهدف {district} في مدينة {city}.",
            "سقط {n1} قتلى من المدنيين و{n2} جرحى إثر قذائف انهالت على {district} بمدينة {city} يوم {weekday}.",
        ),
        body=(
            "وأوضح الدفاع المدني أن القذائف سقطت على سوق شعبي مكتظ بالمتسوقين قرب {landmark}.",
            "وتضررت عدة مبان سكنية ومحال تجارية، فيما نقل الجرحى إلى {hospital}.",
            "وتبادلت الأطراف المتحاربة الاتهامات بالمسؤولية عن القصف.",
            "وطالبت منظمات إنسانية بتحقيق مستقل في استهداف الأحياء السكنية.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"فرق الإسعاف عملت ساعات لانتشال الضحايا من تحت الأنقاض\".",
            "وصرح {official}، {role}، بأن \"الحصيلة مرشحة للارتفاع لأن بعض الجرحى في حالة حرجة\".",
        ),
        background=("وتشهد أطراف المدينة منذ أسابيع اشتباكات متقطعة بين القوات الحكومية وفصائل مسلحة.",),
    ),
    "evacuation": Kind(
        "evacuation",
        titles=(
            "بدء إجلاء {n1} مدني من {district} في {city}",
            "حافلات تنقل المدنيين من {district} بعد اتفاق لوقف النار",
            "{city}: خروج أولى قوافل الإجلاء من {district}",
        ),
        lead=(
            "بدأت يوم {weekday} عملية إجلاء نحو {n1} مدني من {district} المحاصر في مدينة {city} بموجب اتفاق لوقف إطلاق النار.",
            "انطلقت أولى حافلات الإجلاء يوم {weekday} من {district} في {city} حاملة مدنيين محاصرين، في إطار اتفاق يشمل نحو {n1} شخص.",
        ),
        body=(
            "وتضم القافلة الأولى {n2} حافلة ترافقها سيارات إسعاف تابعة للهلال الأحمر.",
            "ونص الاتفاق على خروج الجرحى والمرضى أولا ثم العائلات.",
            "ووصلت الحافلات إلى {landmark} حيث أقيم مركز مؤقت لاستقبال المغادرين.",
            "وأعربت الأمم المتحدة عن قلقها من مصير من بقوا داخل الحي.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"العملية تسير ببطء لكنها مستمرة ونأمل إنهاءها خلال يومين\".",
            "وأكد {official}، {role}، أن \"الأولوية للأطفال والمرضى الذين لم يتلقوا علاجا منذ أسابيع\".",
        ),
        background=("وكان الحي قد خضع لحصار خانق منذ مطلع الشهر الماضي.",),
    ),
    "flood": Kind(
        "flood",
        titles=(
            "سيول جارفة تضرب {city} وتوقع {n1} ضحايا",
            "فيضانات في {district} بعد أمطار غزيرة",
            "{city}: {n1} قتلى ومئات المنازل المتضررة بسبب السيول",
        ),
        lead=(
            "لقي {n1} أشخاص حتفهم وغمرت المياه مئات المنازل في {district} بمدينة {city} إثر أمطار غزيرة هطلت ليل {weekday}.",
            "اجتاحت سيول جارفة {district} في {city} ليل {weekday}، ما أدى إلى وفاة {n1} أشخاص وتضرر مئات المنازل.",
        ),
        body=(
            "وأعلنت السلطات إغلاق الطريق المؤدي إلى {landmark} بعد انهيار جزء منه.",
            "وقالت فرق الإنقاذ إنها أجلت {n2} عائلة إلى مدارس حولت إلى مراكز إيواء.",
            "وانقطعت الكهرباء عن أحياء واسعة من المدينة لساعات.",
            "وتوقعت الأرصاد الجوية استمرار الأمطار حتى نهاية الأسبوع.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"كمية الأمطار التي هطلت في ليلة واحدة تعادل معدل شهر كامل\".",
            "ودعا {official}، {role}، السكان إلى \"الابتعاد عن مجاري الأودية وعدم عبور الجسور المغمورة\".",
        ),
        background=("وتتعرض المنطقة لسيول موسمية، لكن السكان يقولون إنهم لم يشهدوا مثلها منذ سنوات.",),
    ),
    "labour_strike": Kind(
        "labour_strike",
        titles=(
            "إضراب عمال {trade} في {city} احتجاجا على الأجور",
            "{city}: عمال {trade} يتوقفون عن العمل",
            "إضراب شامل لعمال {trade} يشل {district}",
        ),
        lead=(
            "أضرب عمال {trade} في مدينة {city} يوم {weekday} عن العمل احتجاجا على تدني الأجور وارتفاع الأسعار.",
            "توقف عمال {trade} في {city} عن العمل يوم {weekday} في إضراب دعت إليه نقابتهم للمطالبة بزيادة الرواتب.",
        ),
        body=(
            "وتجمع المضربون أمام {landmark} رافعين لافتات تطالب بزيادة الأجور بنسبة {n2} في المئة.",
            "وقالت النقابة إن نحو {n1} عامل شاركوا في الإضراب.",
            "وهددت النقابة بتمديد الإضراب إذا لم تستجب الحكومة لمطالبها خلال أسبوع.",
            "واصطف المواطنون في طوابير طويلة بسبب توقف العمل.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"الأجر الحالي لا يكفي لإطعام عائلة أسبوعا واحدا\".",
            "وأكد {official}، {role}، أن \"باب الحوار مفتوح لكن العمال لن يعودوا قبل تحقيق مطالبهم\".",
        ),
        background=("وارتفعت أسعار المواد الأساسية بشكل حاد خلال الأشهر الأخيرة.",),
    ),
    "fire": Kind(
        "fire",
        titles=(
            "حريق ضخم يلتهم {landmark} في {city}",
            "{city}: النيران تأتي على {landmark}",
            "إخماد حريق في {landmark} بعد ساعات من اندلاعه",
        ),
        lead=(
            "اندلع حريق ضخم يوم {weekday} في {landmark} بمدينة {city} وأتى على {n1} محلا قبل أن تتمكن فرق الإطفاء من السيطرة عليه.",
            "التهمت النيران {n1} محلا في {landmark} وسط {city} يوم {weekday} في حريق استمر ساعات.",
        ),
        body=(
            "وشاركت {n2} سيارة إطفاء في إخماد النيران التي امتدت إلى مبان مجاورة.",
            "ولم تسجل إصابات خطيرة، لكن عددا من العمال نقلوا إلى المستشفى بسبب استنشاق الدخان.",
            "ورجحت التحقيقات الأولية أن يكون تماس كهربائي سبب الحريق.",
            "وقدر التجار خسائرهم بمبالغ كبيرة.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"ضيق الممرات أعاق وصول سيارات الإطفاء\".",
            "وأوضح {official}، {role}، أن \"لجنة فنية ستحدد سبب الحريق خلال أيام\".",
        ),
        background=("وشهدت المدينة حرائق مماثلة في أسواقها القديمة خلال السنوات الماضية.",),
    ),
    "talks": Kind(
        "talks",
        titles=(
            "انطلاق محادثات {topic} في {city}",
            "{city} تستضيف جولة جديدة من محادثات {topic}",
            "وفود {n1} دول تجتمع في {city} لبحث {topic}",
        ),
        lead=(
            "انطلقت يوم {weekday} في مدينة {city} جولة جديدة من المحادثات حول {topic} بمشاركة وفود {n1} دول.",
            "بدأت في {city} يوم {weekday} محادثات {topic} التي تجمع ممثلي {n1} دول في {landmark}.",
        ),
        body=(
            "وتستمر المحادثات {n2} أيام وسط إجراءات أمنية مشددة.",
            "ويتضمن جدول الأعمال تقاسم الموارد وآليات المتابعة.",
            "وأعرب المشاركون عن أملهم في التوصل إلى بيان مشترك في ختام الجولة.",
            "وغابت إحدى الدول المدعوة عن الجلسة الافتتاحية دون تقديم تفسير.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"الخلافات كبيرة لكن الإرادة السياسية موجودة\".",
            "وأكد {official}، {role}، أن \"الجولة الحالية قد تكون الفرصة الأخيرة قبل الصيف\".",
        ),
        background=("وفشلت جولتان سابقتان في التوصل إلى اتفاق.",),
    ),
    "convoy": Kind(
        "convoy",
        titles=(
            "دخول قافلة مساعدات إلى {district} في {city}",
            "{n1} شاحنة مساعدات تصل إلى {city}",
            "قافلة إنسانية تحمل الغذاء والدواء إلى {district}",
        ),
        lead=(
            "دخلت يوم {weekday} قافلة مساعدات إنسانية مؤلفة من {n1} شاحنة إلى {district} في مدينة {city}.",
            "وصلت {n1} شاحنة محملة بالمواد الغذائية والطبية إلى {district} بمدينة {city} يوم {weekday}.",
        ),
        body=(
            "وتحمل القافلة طحينا وأدوية ومستلزمات شتوية تكفي {n2} عائلة لمدة شهر.",
            "وجرى تفريغ الشاحنات في {landmark} تحت إشراف موظفين أمميين.",
            "وهذه أول قافلة تدخل المنطقة منذ ثلاثة أشهر.",
            "وأشار السكان إلى نقص حاد في حليب الأطفال والوقود.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"ما دخل اليوم خطوة أولى ولا يسد إلا جزءا من الاحتياجات\".",
            "وطالب {official}، {role}، بـ\"وصول منتظم ودون عوائق إلى كل المحتاجين\".",
        ),
        background=("وتعاني المنطقة من شح في المواد الأساسية منذ إغلاق الطرق المؤدية إليها.",),
    ),
    "earthquake": Kind(
        "earthquake",
        titles=(
            "زلزال بقوة {mag} درجات يضرب {city}",
            "هزة أرضية تثير الذعر في {city}",
            "{city}: أضرار في مبان قديمة بعد زلزال",
        ),
        lead=(
            "ضرب زلزال بقوة {mag} درجات على مقياس ريختر مدينة {city} فجر {weekday} وشعر به سكان المناطق المجاورة.",
            "هزت هزة أرضية بلغت قوتها {mag} درجات مدينة {city} فجر {weekday} ما دفع السكان إلى الخروج إلى الشوارع.",
        ),
        body=(
            "وأفاد مرصد الزلازل بأن مركز الهزة يقع على عمق {n2} كيلومترات قرب {district}.",
            "وتصدعت جدران عدد من المباني القديمة في محيط {landmark}.",
            "وسجلت {n1} إصابات طفيفة معظمها بسبب التدافع.",
            "وتبعت الزلزال هزات ارتدادية أضعف.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"فرق الهندسة تفحص المدارس قبل إعادة فتحها\".",
            "وطمأن {official}، {role}، السكان بأن \"الهزات الارتدادية المتوقعة ضعيفة\".",
        ),
        background=("وتقع المنطقة على خط صدع نشط شهد هزات عدة في العقود الماضية.",),
    ),
    "protest": Kind(
        "protest",
        titles=(
            "تظاهرة في {city} ضد {grievance}",
            "{city}: المئات يحتجون على {grievance}",
            "محتجون يغلقون طرقا في {district} رفضا لـ{grievance}",
        ),
        lead=(
            "خرج مئات المحتجين يوم {weekday} إلى شوارع {district} في مدينة {city} للتنديد بـ{grievance}.",
            "تظاهر المئات في {city} يوم {weekday} رفضا لـ{grievance} وأغلقوا طرقا رئيسية في {district}.",
        ),
        body=(
            "ورفع المتظاهرون لافتات وهتفوا مطالبين برحيل المسؤولين المحليين.",
            "وانتشرت قوات الأمن بكثافة قرب {landmark} دون أن تسجل مواجهات.",
            "وقال المنظمون إن الاحتجاجات ستتكرر كل يوم {weekday}.",
            "واعتقل {n1} شبان بحسب ناشطين، وهو ما لم تؤكده السلطات.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"صوت الناس يجب أن يسمع قبل فوات الأوان\".",
            "واعتبر {official}، {role}، أن \"المطالب محقة لكن الحلول تحتاج إلى وقت\".",
        ),
        background=("وتشهد المدينة موجة غضب منذ بداية العام.",),
    ),
    "exchange": Kind(
        "exchange",
        titles=(
            "تبادل {n1} أسيرا بين الطرفين قرب {city}",
            "إتمام صفقة تبادل أسرى عند {landmark}",
            "{city}: الإفراج عن محتجزين في صفقة تبادل",
        ),
        lead=(
            "جرت يوم {weekday} عملية تبادل شملت {n1} أسيرا ومحتجزا بين الطرفين عند {landmark} قرب مدينة {city}.",
            "أفرج الطرفان يوم {weekday} عن {n1} محتجزا في صفقة تبادل نفذت عند {landmark} على أطراف {city}.",
        ),
        body=(
            "وأشرفت اللجنة الدولية للصليب الأحمر على العملية التي استغرقت {n2} ساعات.",
            "وبين المفرج عنهم نساء وكبار في السن.",
            "واستقبلت العائلات ذويها بالزغاريد عند نقطة العبور.",
            "وهذه الصفقة هي الثالثة من نوعها هذا العام.",
        ),
        quote=(
            "وقال {official}، {role}، إن \"الصفقة ثمرة أشهر من المفاوضات غير المباشرة\".",
            "وأكد {official}، {role}، أن \"ملف المفقودين لا يزال مفتوحا\".",
        ),
        background=("ولا يزال مصير آلاف المفقودين مجهولا.",),
    ),
}


@dataclass(frozen=True)
class Event:
    """One fictional event: its kind, its facts, and one sentence only it has."""

    key: str
    kind: str
    city: str
    day: dt.date
    district: str
    landmark: str
    official: str
    role: str
    n1: int
    n2: int
    detail: str
    extra: dict[str, str] = field(default_factory=dict)

    def slots(self) -> dict[str, str]:
        return {
            "city": self.city,
            "district": self.district,
            "landmark": self.landmark,
            "official": self.official,
            "role": self.role,
            "n1": str(self.n1),
            "n2": str(self.n2),
            "weekday": WEEKDAYS[self.day.weekday()],
            "hospital": "المستشفى الوطني",
            "mag": "5.1",
            "trade": "المخابز",
            "topic": "تقاسم مياه النهر",
            "grievance": "انقطاع الكهرباء",
            **self.extra,
        }


D = dt.date
# Pairs on the same city and day (different kinds), and two floods in Latakia two months apart.
EVENTS = (
    Event("hama-shelling", "shelling", "حماة", D(2024, 3, 5), "حي الحاضر", "ساحة العاصي", "سامر الخطيب", "مدير الدفاع المدني في المدينة", 7, 19,
          "وكانت بين الضحايا امرأة وطفلاها كانوا في طريقهم إلى المدرسة."),
    Event("hama-bakers-strike", "labour_strike", "حماة", D(2024, 3, 5), "حي الحاضر", "مبنى المحافظة", "نادر السيد", "رئيس نقابة عمال المخابز", 1200, 40,
          "وأغلقت 35 مخبزا أبوابها في المدينة منذ الصباح الباكر.", {"trade": "المخابز"}),
    Event("aleppo-evacuation", "evacuation", "حلب", D(2024, 3, 5), "حي الصاخور", "معبر الراموسة", "ليلى حداد", "منسقة الشؤون الإنسانية", 4000, 20,
          "وحمل بعض المغادرين ما استطاعوا من أمتعة في أكياس بلاستيكية."),
    Event("aleppo-fire", "fire", "حلب", D(2024, 3, 5), "حي الجديدة", "سوق الحبال القديم", "مازن عبيد", "قائد فوج الإطفاء", 60, 14,
          "وهرع أصحاب المحال لإنقاذ بضائعهم من الأقمشة والسجاد."),
    Event("homs-convoy", "convoy", "حمص", D(2024, 3, 12), "حي الوعر", "ملعب الحي", "فرح النجار", "ممثلة برنامج الغذاء في المنطقة", 32, 6000,
          "ووزعت المساعدات على العائلات وفق قوائم أعدتها لجان محلية."),
    Event("homs-protest", "protest", "حمص", D(2024, 3, 12), "شارع الدبلان", "دوار الساعة", "عمر الحلبي", "أحد منظمي الاحتجاج", 9, 0,
          "وحمل محتجون فوانيس مطفأة في إشارة إلى ساعات التقنين الطويلة.", {"grievance": "انقطاع الكهرباء"}),
    Event("latakia-flood-march", "flood", "اللاذقية", D(2024, 3, 12), "حي الرمل الجنوبي", "طريق الكورنيش", "هالة يوسف", "محافظة اللاذقية", 6, 150,
          "وجرفت المياه سيارات متوقفة إلى البحر."),
    Event("latakia-talks", "talks", "اللاذقية", D(2024, 3, 12), "المدينة الرياضية", "فندق الشاطئ الأزرق", "كريم منصور", "رئيس الوفد المضيف", 5, 3,
          "وتناول العشاء الرسمي أطباقا بحرية من المطبخ المحلي.", {"topic": "الصيد في المياه الإقليمية"}),
    Event("latakia-flood-may", "flood", "اللاذقية", D(2024, 5, 20), "حي الصليبة", "جسر الشيخ ضاهر", "هالة يوسف", "محافظة اللاذقية", 3, 80,
          "وانهار سور مدرسة ابتدائية تحت ضغط المياه."),
    Event("idlib-earthquake", "earthquake", "إدلب", D(2024, 4, 2), "منطقة أريحا", "الجامع الكبير", "يوسف البكري", "مدير مرصد الزلازل", 23, 10,
          "وقضى كثير من العائلات ليلتهم في السيارات خوفا من هزة جديدة.", {"mag": "5.4"}),
    Event("idlib-exchange", "exchange", "إدلب", D(2024, 4, 2), "منطقة سراقب", "معبر أبو الظهور", "رنا عيسى", "المتحدثة باسم الصليب الأحمر", 44, 6,
          "وكان أكبر المفرج عنهم سنا رجلا في الثمانين من عمره."),
    Event("daraa-shelling", "shelling", "درعا", D(2024, 4, 9), "درعا البلد", "الجامع العمري", "أحمد الزعبي", "مسؤول في المجلس المحلي", 4, 11,
          "وسقطت إحدى القذائف على خزان مياه يغذي الحي.", {"hospital": "مستشفى درعا الوطني"}),
    Event("daraa-convoy", "convoy", "درعا", D(2024, 4, 9), "بلدة طفس", "مدرسة البلدة", "ديما الشامي", "منسقة المساعدات", 18, 2500,
          "وضمت الشحنة لقاحات للأطفال للمرة الأولى منذ عام."),
    Event("deir-evacuation", "evacuation", "دير الزور", D(2024, 4, 16), "حي الجورة", "جسر السياسية", "خالد العبد الله", "مسؤول لجنة الإجلاء", 1500, 12,
          "وعبرت بعض العائلات النهر بالقوارب بسبب ازدحام الجسر."),
    Event("deir-fire", "fire", "دير الزور", D(2024, 4, 16), "حي القصور", "سوق الهال", "بشار الحمد", "رئيس فرقة الإطفاء", 25, 8,
          "واحترقت مستودعات للتمور والحبوب بالكامل."),
    Event("raqqa-talks", "talks", "الرقة", D(2024, 4, 23), "وسط المدينة", "قاعة المؤتمرات", "سلمى العلي", "مستشارة الوفد الأممي", 4, 2,
          "واقترح أحد الوفود تشكيل لجنة فنية مشتركة لقياس منسوب النهر.", {"topic": "تقاسم مياه النهر"}),
    Event("raqqa-bakers-strike", "labour_strike", "الرقة", D(2024, 4, 23), "حي الدرعية", "دوار النعيم", "محمود الخلف", "ممثل عمال النظافة", 600, 30,
          "وتكدست النفايات في الشوارع منذ صباح اليوم الأول.", {"trade": "النظافة"}),
    Event("tartus-earthquake", "earthquake", "طرطوس", D(2024, 5, 7), "منطقة بانياس", "القلعة القديمة", "يوسف البكري", "مدير مرصد الزلازل", 7, 15,
          "وتوقفت حركة العبارات في الميناء ساعتين احتياطا.", {"mag": "4.8"}),
    Event("tartus-protest", "protest", "طرطوس", D(2024, 5, 7), "الكورنيش البحري", "مبنى البلدية", "جورج عيسى", "صياد وناشط محلي", 3, 0,
          "وأبحر صيادون بقواربهم قبالة الكورنيش رافعين الأعلام السوداء.", {"grievance": "رفع أسعار الوقود"}),
    Event("hasaka-exchange", "exchange", "الحسكة", D(2024, 5, 14), "منطقة تل تمر", "جسر الخابور", "رنا عيسى", "المتحدثة باسم الصليب الأحمر", 21, 4,
          "وسلمت خلال الصفقة أيضا رفات ثلاثة مقاتلين."),
    Event("hasaka-flood", "flood", "الحسكة", D(2024, 5, 14), "حي غويران", "سد الخابور", "فهد الأحمد", "مدير الموارد المائية", 2, 60,
          "وفاضت قناة الري الرئيسية على الأراضي الزراعية المحيطة."),
    Event("suwayda-protest", "protest", "السويداء", D(2024, 5, 21), "ساحة السير", "دوار المشنقة", "منى أبو فخر", "معلمة ومشاركة في الاحتجاج", 5, 0,
          "ورفعت نساء صور أبنائهن المهاجرين.", {"grievance": "الغلاء وتدهور الخدمات"}),
    Event("suwayda-fire", "fire", "السويداء", D(2024, 5, 21), "حي المقوس", "سوق الخضار المركزي", "رامي الحناوي", "قائد الدفاع المدني", 40, 9,
          "وساعد متطوعون بصهاريج المياه الزراعية في إطفاء النيران."),
    Event("qamishli-convoy", "convoy", "القامشلي", D(2024, 5, 28), "حي الهلالية", "مستودع البلدية", "فرح النجار", "ممثلة برنامج الغذاء في المنطقة", 25, 4000,
          "وشملت الشحنة للمرة الأولى أفرانا متنقلة للخبز."),
)


def _sentences(kind: Kind, event: Event, rng: random.Random) -> tuple[str, list[str]]:
    """The base wire story: (lead, other sentences) with the event's facts."""
    slots = event.slots()
    lead = rng.choice(kind.lead).format(**slots)
    body = [s.format(**slots) for s in kind.body]
    body.insert(1, rng.choice(kind.quote).format(**slots))
    body.insert(2, event.detail)
    return lead, body


def _whole(phrase: str) -> re.Pattern[str]:
    """``phrase`` as whole words, with an optional conjunction و in front."""
    return re.compile(r"(?<!\w)(و?)" + re.escape(phrase) + r"(?!\w)")


def _swap_synonyms(text: str, rng: random.Random, rate: float) -> str:
    for a, b in SYNONYMS:
        if rng.random() < rate:
            if _whole(a).search(text):
                text = _whole(a).sub(lambda m: m.group(1) + b, text, count=1)
            elif _whole(b).search(text):
                text = _whole(b).sub(lambda m: m.group(1) + a, text, count=1)
    return text


def _dateline(event: Event, outlet: str, day: dt.date) -> str:
    return f"{event.city}، {day.day} ({outlet}) - "


def generate(seed: int = 7) -> list[dict]:
    """Every article of the set, with its gold event, in a fixed order."""
    rng = random.Random(seed)
    records: list[dict] = []
    for event in EVENTS:
        kind = KINDS[event.kind]
        slots = event.slots()
        lead, body = _sentences(kind, event, rng)
        wire_outlet = OUTLETS[0]
        base_title = kind.titles[0].format(**slots)
        outlets = list(OUTLETS[1:])
        rng.shuffle(outlets)

        def emit(title: str, sentences: list[str], outlet: str, day: dt.date) -> None:
            records.append(
                {
                    "title": title,
                    "body": "\n\n".join(sentences),
                    "outlet": outlet,
                    "published": day.isoformat(),
                    "event": event.key,
                }
            )

        # 1. the wire story, and three outlets running it nearly verbatim
        emit(base_title, [_dateline(event, wire_outlet, event.day) + lead, *body], wire_outlet, event.day)
        for outlet in outlets[:3]:
            copy = [_swap_synonyms(s, rng, 0.15) for s in [lead, *body]]
            copy[0] = _dateline(event, outlet, event.day) + copy[0]
            emit(_swap_synonyms(base_title, rng, 0.3), copy, outlet, event.day)
        # 2. rewrites: another lead, reordered, synonyms, dropped sentences, framing
        for i, outlet in enumerate(outlets * 2):
            if len([r for r in records if r["event"] == event.key]) >= 12:
                break
            other_lead = [x for x in kind.lead if x.format(**slots) != lead]
            new_lead = (other_lead[0] if other_lead else kind.lead[0]).format(**slots)
            rest = body[:]
            rng.shuffle(rest)
            rest = rest[: max(3, len(rest) - rng.randint(1, 3))]
            if event.detail not in rest and rng.random() < 0.7:
                rest.append(event.detail)
            sentences = [_swap_synonyms(s, rng, 0.6) for s in [new_lead, *rest]]
            if rng.random() < 0.7:
                sentences.append(rng.choice(FRAMINGS).format(outlet=outlet, city=event.city))
            if rng.random() < 0.6:
                sentences.append(rng.choice(kind.background))
            day = event.day + dt.timedelta(days=rng.choice((0, 0, 0, 1)))
            title = _swap_synonyms(kind.titles[1 + i % (len(kind.titles) - 1)].format(**slots), rng, 0.5)
            emit(title, sentences, outlet, day)
        # 3. follow-ups a day or two later: a new first sentence, then a wire passage
        for k, outlet in enumerate(outlets[3:5], start=1):
            follow = (
                f"تواصلت يوم {WEEKDAYS[(event.day.weekday() + k) % 7]} تداعيات ما جرى في {event.district} بمدينة {event.city}."
            )
            passage = [lead, body[0], body[2]]
            emit(f"{kind.titles[2].format(**slots)}: تطورات جديدة", [follow, *passage], outlet, event.day + dt.timedelta(days=k))
    return records


# --- the harder set ------------------------------------------------------------------------
#
# Templates make rewrites too alike: every outlet above words an event with the same
# sentences.  The harder set (``hard.jsonl``) has rewrites that keep the facts -- the people,
# the place, the day, the numbers -- and little of the wording: each is built from sentences
# that belong to no kind (written below, shared by every event, like an outlet's habits),
# one or two of the kind's sentences with many words swapped, and a title of its own.  And it
# adds what a clusterer confuses: the second event of each same-city/same-day pair now shares
# the first one's district and official, and six events get a sequel of the same kind in the
# same place a week later (same district, same official, other numbers).

#: What an event is called in a sentence that belongs to no kind.
WHAT = {
    "shelling": "القصف",
    "evacuation": "عملية الإجلاء",
    "flood": "السيول",
    "labour_strike": "الإضراب",
    "fire": "الحريق",
    "talks": "المحادثات",
    "convoy": "وصول القافلة",
    "earthquake": "الزلزال",
    "protest": "الاحتجاج",
    "exchange": "صفقة التبادل",
}

#: Sentences of no kind: the facts of any event in an outlet's own words (a paraphrase opens
#: with one, and now and then adds one of ``PARAPHRASE_MORE``; the rest is the kind's own
#: sentences with many words swapped, so rewrites of two events share the habits, not the
#: content).
PARAPHRASE_LEADS = (
    "في {district} بمدينة {city}، لم يكن يوم {weekday} عاديا: {what} شغل الناس منذ ساعات الصباح الأولى بحسب شهود تحدثوا إلى {outlet}.",
    "روى {official} لـ{outlet} تفاصيل {what} الذي عاشته {city} يوم {weekday}، وقال إن الرقم {n1} قد لا يكون نهائيا.",
    "لم يتوقع أهالي {district} ما جرى يوم {weekday}؛ فقد صار {what} حديث الشارع في {city} خلال ساعات.",
    "تتكشف تباعا تفاصيل {what} في {city}، إذ تحدث {role} عن {n1} في حصيلة أولية يوم {weekday}.",
    "يوم {weekday} الماضي تحولت {district} إلى محط أنظار {city} كلها بعد {what}، وفق ما نقلت {outlet} عن مصادر محلية.",
)
PARAPHRASE_MORE = (
    "ويقول {official} إن العمل استمر حتى ساعة متأخرة من الليل، وإن الجهات المعنية تتابع الوضع عن قرب.",
    "وتداول ناشطون صورا من {district} تظهر حجم ما جرى، فيما دعت السلطات إلى عدم تصديق الشائعات.",
    "وأضاف {role} في حديث هاتفي أن الرقم {n1} جمع من مصادر عدة.",
    "ويرى متابعون أن ما حدث في {city} يكشف هشاشة الخدمات في المدينة.",
    "وتحدث سكان من {district} عن ساعات صعبة، وقال أحدهم إنه لن ينسى ذلك اليوم.",
)
PARAPHRASE_TITLES = (
    "{what} في {city}: ما نعرفه حتى الآن",
    "{official} يروي تفاصيل {what} في {district}",
    "{city} بعد {what}: شهادات من {district}",
    "ماذا جرى في {district} يوم {weekday}؟",
)

#: More swaps than a wire desk makes: a rewriting desk's own vocabulary.
PARAPHRASE_SYNONYMS = SYNONYMS + (
    ("مدنيين", "أشخاص عزل"),
    ("قتلى", "ضحايا"),
    ("عملية", "خطوة"),
    ("السلطات", "الجهات الرسمية"),
    ("المحلي", "البلدي"),
    ("الحكومة", "السلطة التنفيذية"),
    ("عدد", "جملة"),
    ("بعد", "عقب"),
    ("خلال", "أثناء"),
    ("الطريق", "الشارع"),
    ("نحو", "قرابة"),
)

#: Events that get a sequel: same kind, same place, a week later, other numbers and detail.
SEQUELS = {
    "hama-shelling": "وأصابت قذيفة هذه المرة مدخل مدرسة للبنات كانت مغلقة.",
    "aleppo-fire": "وامتدت النيران هذه المرة إلى خان قديم للصابون.",
    "homs-protest": "ورفع المحتجون هذه المرة فواتير الكهرباء وأحرقوها أمام المبنى.",
    "latakia-flood-march": "وحاصرت المياه هذه المرة مستشفى الأطفال في الحي.",
    "idlib-earthquake": "وانهارت هذه المرة مئذنة قديمة في القرية المجاورة.",
    "deir-evacuation": "وتأخرت القافلة هذه المرة ساعات بسبب لغم على الطريق.",
}


def hard_events() -> list[Event]:
    """The events of the harder set: pairs that share district and official, and sequels."""
    out: list[Event] = []
    by_place: dict[tuple[str, dt.date], Event] = {}
    for event in EVENTS:
        first = by_place.get((event.city, event.day))
        if first is None:
            by_place[(event.city, event.day)] = event
            out.append(event)
        else:  # the same district and the same official speaking about another event
            out.append(
                Event(event.key, event.kind, event.city, event.day, first.district, event.landmark,
                      first.official, first.role, event.n1, event.n2, event.detail, event.extra)
            )
    for event in EVENTS:
        if event.key in SEQUELS:
            out.append(
                Event(event.key + "-week-later", event.kind, event.city, event.day + dt.timedelta(days=7),
                      event.district, event.landmark, event.official, event.role,
                      event.n1 + 3, event.n2 + 5, SEQUELS[event.key], event.extra)
            )
    return out


def _paraphrase(kind: Kind, event: Event, outlet: str, rng: random.Random) -> tuple[str, list[str]]:
    """A rewrite that keeps the facts and not the wording: (title, sentences)."""
    slots = {**event.slots(), "what": WHAT[event.kind], "outlet": outlet}
    sentences = [rng.choice(PARAPHRASE_LEADS).format(**slots)]
    own = [s.format(**slots) for s in kind.body]
    for s in rng.sample(own, rng.randint(2, 3)):
        text = s
        for _ in range(3):
            text = _swap_synonyms(text, rng, 0.9)
        sentences.append(text)
    if rng.random() < 0.3:
        sentences.append(rng.choice(PARAPHRASE_MORE).format(**slots))
    if rng.random() < 0.7:
        sentences.append(event.detail)
    if rng.random() < 0.3:
        sentences.append(rng.choice(FRAMINGS).format(outlet=outlet, city=event.city))
    title = rng.choice(PARAPHRASE_TITLES).format(**slots)
    return title, sentences


def _swap_many(text: str, rng: random.Random) -> str:
    for a, b in PARAPHRASE_SYNONYMS:
        if rng.random() < 0.8:
            if _whole(a).search(text):
                text = _whole(a).sub(lambda m: m.group(1) + b, text)
            elif _whole(b).search(text):
                text = _whole(b).sub(lambda m: m.group(1) + a, text)
    return text


def generate_hard(seed: int = 7) -> list[dict]:
    """The harder set: per event a wire story, one close copy, six paraphrases, a follow-up."""
    rng = random.Random(seed * 1009 + 1)
    records: list[dict] = []
    for event in hard_events():
        kind = KINDS[event.kind]
        slots = event.slots()
        lead, body = _sentences(kind, event, rng)
        outlets = list(OUTLETS[1:])
        rng.shuffle(outlets)

        def emit(title: str, sentences: list[str], outlet: str, day: dt.date) -> None:
            records.append({"title": title, "body": "\n\n".join(sentences), "outlet": outlet,
                            "published": day.isoformat(), "event": event.key})

        emit(kind.titles[0].format(**slots), [_dateline(event, OUTLETS[0], event.day) + lead, *body], OUTLETS[0], event.day)
        copy = [_swap_synonyms(s, rng, 0.3) for s in [lead, *body]]
        emit(_swap_synonyms(kind.titles[1].format(**slots), rng, 0.5), copy, outlets[0], event.day)
        for outlet in outlets[1:7]:
            title, sentences = _paraphrase(kind, event, outlet, rng)
            day = event.day + dt.timedelta(days=rng.choice((0, 0, 1)))
            emit(_swap_many(title, rng), [_swap_many(s, rng) for s in sentences], outlet, day)
        follow = f"تواصلت يوم {WEEKDAYS[(event.day.weekday() + 1) % 7]} تداعيات {WHAT[event.kind]} في {event.district} بمدينة {event.city}."
        emit(f"{kind.titles[2].format(**slots)}: تطورات جديدة", [follow, _swap_many(lead, rng), body[2]], outlets[-1],
             event.day + dt.timedelta(days=1))
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "out" / "storyset")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, records in (("articles.jsonl", generate(args.seed)), ("hard.jsonl", generate_hard(args.seed))):
        path = args.out / name
        with path.open("w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        events = {r["event"] for r in records}
        print(f"{len(records)} articles, {len(events)} events -> {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
