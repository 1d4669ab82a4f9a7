"""Story grouping: one behaviour per test, on small reports written for these tests."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from khabar.errors import InputError
from khabar.model import Article
from khabar.relate.stories import (
    SignedArticle,
    StoryIndex,
    StoryIndexState,
    StoryOptions,
    article_signature,
    assign_stories,
    cluster_store,
)
from khabar.store import open_store

OPTIONS = StoryOptions()
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
    return SignedArticle.of(a, options=options)


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


def test_an_edited_copy_joins_the_story_of_its_original():
    result = assign_stories([signed(WIRE), signed(COPY)], options=OPTIONS)
    assert result[COPY.id] == result[WIRE.id]


def test_a_rewrite_of_the_same_event_joins_its_story():
    result = assign_stories([signed(WIRE), signed(REWRITE)], options=OPTIONS)
    assert result[REWRITE.id] == result[WIRE.id]


def test_another_event_in_the_same_town_on_the_same_day_stays_apart():
    result = assign_stories([signed(WIRE), signed(REWRITE), signed(OTHER_EVENT)], options=OPTIONS)
    assert result[OTHER_EVENT.id] != result[WIRE.id]


def test_the_window_splits_an_old_and_a_new_story_on_the_same_topic():
    # The same words three weeks later: a new collapse of the same bridge is a new story.
    later = article(WIRE_TITLE, WIRE_BODY + " وهذا ثاني انهيار.", day=DAY + dt.timedelta(days=21))
    result = assign_stories([signed(WIRE), signed(later)], options=StoryOptions(window_days=3))
    assert result[later.id] != result[WIRE.id]


def test_the_story_title_is_its_earliest_article_title():
    late = article(REWRITE.title, REWRITE.body, day=DAY + dt.timedelta(days=1))
    index = StoryIndex(OPTIONS)
    story_id = assign_stories([signed(late), signed(WIRE)], options=OPTIONS, index=index)[WIRE.id]
    assert index.story(story_id).title == WIRE_TITLE


def test_assignments_do_not_depend_on_input_order():
    items = [signed(a) for a in (WIRE, COPY, REWRITE, OTHER_EVENT)]
    first = assign_stories(items, options=OPTIONS)
    shuffled = items[:]
    random.Random(3).shuffle(shuffled)
    assert assign_stories(shuffled, options=OPTIONS) == first


#: Nouns to draw unrelated reports from: two draws of 14 share few words.
NOUNS = (
    "مدرسة مستشفى طريق سوق جسر مصنع ميناء مطار حديقة ملعب مكتبة متحف فندق مسجد كنيسة قلعة نهر بحيرة جبل وادي "
    "غابة مزرعة بئر سد قطار حافلة شاحنة سفينة طائرة دراجة حاسوب هاتف كتاب صحيفة رسالة قانون ضريبة ميزانية راتب "
    "قرض مصرف شركة نقابة حزب برلمان وزارة بلدية محكمة سجن شرطة جيش حدود سفارة مؤتمر معرض مهرجان مسرح فيلم أغنية"
).split()


def _daily_stream(days: int) -> list[SignedArticle]:
    """One unrelated small report a day: words drawn at random from NOUNS."""
    rng = random.Random(11)
    out = []
    for i in range(days):
        picked = rng.sample(NOUNS, 14)
        a = article(" ".join(picked[:4]), " و".join(picked[4:]) + ".", day=DAY + dt.timedelta(days=i))
        out.append(signed(a))
    return out


def test_retiring_keeps_the_index_bounded_by_the_window():
    options = StoryOptions(window_days=2)
    index = StoryIndex(options)
    sizes = []
    for item in _daily_stream(30):
        assign_stories([item], options=options, index=index)
        sizes.append(len(index))
    assert index.active_stories > 1  # several stories at once, or the bound says nothing
    # only the stories of the last window_days + 1 days stay indexed (a story may hold an
    # article that joined it by chance), not the 30 articles of the stream
    assert max(sizes) <= 2 * (options.window_days + 1)


def test_a_state_round_trip_continues_exactly_like_the_original_index():
    items = [signed(a) for a in (WIRE, OTHER_EVENT)]
    index = StoryIndex(OPTIONS)
    assign_stories(items, options=OPTIONS, index=index)
    copy = StoryIndex.from_state(StoryIndexState.from_bytes(index.state().to_bytes()))
    more = [signed(COPY), signed(REWRITE)]
    assert assign_stories(more, options=OPTIONS, index=copy) == assign_stories(more, options=OPTIONS, index=index)


def test_an_article_with_too_few_words_is_refused_with_its_name():
    with pytest.raises(InputError, match="too few content words"):
        article_signature(article("عاجل", "انفجار."), options=OPTIONS)


def _stream_articles() -> list[Article]:
    """Stories over several days, several outlets each."""
    out = [WIRE, COPY, REWRITE, OTHER_EVENT]
    for item in _daily_stream(12):
        out.append(article(item.title, f"{item.title}. افتتحت البلدية السوق بحضور الأهالي والتجار.", day=item.published))
    return out


def test_an_interrupted_run_resumes_to_the_same_assignments(tmp_path):
    arts = _stream_articles()
    with open_store(tmp_path / "once.sqlite3") as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3)
        once = store.assignments()
    path = tmp_path / "twice.sqlite3"
    with open_store(path) as store:
        store.add(arts)
        cluster_store(store, options=OPTIONS, batch_size=3, limit=len(arts) // 2)
        assert 0 < len(store.assignments()) < len(arts)
    with open_store(path) as store:
        cluster_store(store, options=OPTIONS, batch_size=3)
        assert store.assignments() == once


def test_a_bad_article_is_reported_and_skipped_without_stopping_the_run(tmp_path):
    short = article("عاجل", "انفجار.")
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add([WIRE, short, COPY])
        report = cluster_store(store, options=OPTIONS)
        assert [e.source for e in report.skipped] == [short.id]
        assert set(store.assignments()) == {WIRE.id, COPY.id}
        assert store.get(short.id) == short  # nothing stored is lost
