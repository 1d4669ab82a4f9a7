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


def test_a_story_older_than_the_last_cut_is_retired_at_the_same_cut():
    # retire() skips its scan while the cut has not moved; a story that appears behind the
    # cut (an out-of-order article) must still go at the next call with the same cut.
    options = StoryOptions(window_days=2)
    index = StoryIndex(options)
    stream = _daily_stream(10)
    assign_stories(stream, options=options, index=index)
    cut = stream[-1].published - dt.timedelta(days=options.window_days)
    assert index.retire(cut) == 0  # nothing new since the stream's own retiring
    late = signed(article(OTHER_EVENT.title, OTHER_EVENT.body, day=stream[0].published), options)
    story = index.add(late)
    assert index.story(story) is not None
    assert index.retire(cut) == 1 and index.story(story) is None


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


# --- second stage: TF-IDF cosine to the story centroid ------------------------------------

#: The bridge collapse told in other words: the same town, bridge, mayor and day, little of
#: the wire's wording (its stem set shares too little with the wire for MinHash alone).
PARAPHRASE = article(
    "سليم الراعي: لجنة تحقق في كارثة جسر الوادي بكفر نجم",
    "عاشت كفر نجم يوم الثلاثاء ساعات حزينة بعدما هوى جسر الوادي فوق رؤوس العمال الذين كانوا يرممونه، "
    "فقضى ثلاثة منهم وتلقى سبعة العلاج. رئيس البلدية سليم الراعي حمّل المقاول المسؤولية عن الكارثة، "
    "وذكّر بأن المعبر ممنوع على المركبات منذ شهرين.",
    outlet="شبكة الأفق",
)


def test_a_rewrite_in_other_words_with_the_same_people_place_and_day_joins_its_story():
    items = [signed(WIRE), signed(PARAPHRASE)]
    assert assign_stories(items, options=StoryOptions(cosine_threshold=None))[PARAPHRASE.id] != WIRE.id  # precondition
    result = assign_stories(items, options=OPTIONS)
    assert result[PARAPHRASE.id] == result[WIRE.id]


def test_another_event_in_the_same_town_naming_the_same_place_stays_apart():
    # Same town, same day, the same bridge named, but other people and other verbs.
    market = article(
        "افتتاح سوق شعبي قرب جسر الوادي في كفر نجم",
        "افتتحت جمعية التجار سوقا شعبيا للخضار قرب جسر الوادي في بلدة كفر نجم يوم الثلاثاء بحضور عشرات الباعة. "
        "وقال رئيس الجمعية فادي حنا إن السوق سيفتح كل يوم جمعة وإن الأسعار ستكون أدنى من المحلات. "
        "وعرض المزارعون منتجاتهم من الزيتون والعسل والألبان.",
    )
    result = assign_stories([signed(WIRE), signed(REWRITE), signed(PARAPHRASE), signed(market)], options=OPTIONS)
    assert result[market.id] not in {result[WIRE.id], result[PARAPHRASE.id]}


def _town_background(n: int) -> list[SignedArticle]:
    """Unrelated reports from the same town and day: the document frequencies the index
    weighs words with come from the articles it holds, as in a real stream."""
    rng = random.Random(5)
    out = []
    for _ in range(n):
        picked = rng.sample(NOUNS, 14)
        out.append(signed(article(" ".join(picked[:4]), "في بلدة كفر نجم يوم الثلاثاء " + " و".join(picked[4:]) + ".")))
    return out


def test_a_large_story_does_not_chain_through_one_member_to_another_event():
    # Four reports of the collapse, the last one ending with the whole report of the
    # teachers' sit-in (it still joins the collapse).  The sit-in report is close to that
    # one member (estimated Jaccard above the threshold), not to the story as a whole, and
    # must not follow it in.
    edge = article(WIRE_TITLE, WIRE_BODY + " " + OTHER_EVENT.body, outlet="موقع النهار")
    index = StoryIndex(OPTIONS)
    for item in [*_town_background(8), signed(WIRE), signed(COPY), signed(REWRITE), signed(edge)]:
        index.add(item)  # this order, not the (day, id) one: the edge joins before the sit-in
    collapse = index.add(signed(WIRE))
    assert index.add(signed(edge)) == collapse and index.story(collapse).size == 4
    assert index.add(signed(OTHER_EVENT)) != collapse


def test_a_store_holding_hash_values_only_groups_like_signed_articles(tmp_path):
    # A writer that stores ``signature.tobytes()`` (no terms) gets the terms recomputed from
    # the stored article, so the second stage sees the same vectors.
    arts = [WIRE, PARAPHRASE, OTHER_EVENT]
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add(arts)
        store.save_signatures([(a.id, signed(a).signature.tobytes(), None) for a in arts])
        cluster_store(store, options=OPTIONS)
        assert store.assignments() == assign_stories([signed(a) for a in arts], options=OPTIONS)
