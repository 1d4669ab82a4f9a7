"""Shared passages (wire copy) across articles."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

import khabar
from khabar.errors import OptionsError
from khabar.model import Article, Sentence
from khabar.relate.fingerprint import jaccard, shingle_key, shingles
from khabar.relate.passages import find_shared_passages, is_candidate
from khabar.text.ar.segment import split_sentences

# A two-sentence wire paragraph (invented) and edited copies of it.
WIRE = (
    "أعلنت وزارة الصحة في محافظة الرمال أن فرق الإسعاف نقلت أكثر من أربعين مصابا إلى "
    "المستشفيات بعد انهيار جسر المشاة القديم فوق نهر الزيتون مساء أمس. "
    "كما أعلنت المحافظة إغلاق الطريق الساحلي أمام حركة الشاحنات إلى حين انتهاء المهندسين "
    "من فحص الجسور الأخرى في المدينة."
)
CONJUNCTION = WIRE.replace("كما أعلنت المحافظة", "وأعلنت المحافظة")
ADJECTIVE = WIRE.replace("جسر المشاة القديم", "جسر المشاة")
HAMZA = (
    WIRE.replace("أ", "ا").replace("إ", "ا").replace("ى", "ي")
)  # أعلنت -> اعلنت, الإسعاف -> الاسعاف, إلى -> الي ...
PARAPHRASE = (
    "قالت السلطات الصحية في الرمال إن عشرات الجرحى أسعفوا إثر سقوط جسر قديم للمشاة على نهر "
    "الزيتون ليلة البارحة. وقررت السلطات منع الشاحنات من سلوك الطريق المحاذي للبحر ريثما "
    "يتحقق المهندسون من سلامة بقية الجسور."
)
UNRELATED = (
    "افتتحت في العاصمة أعمال المعرض الدولي للكتاب بمشاركة مئات دور النشر العربية والأجنبية هذا العام. "
    "ويستمر المعرض عشرة أيام تتخللها ندوات فكرية وأمسيات شعرية وتوقيع عشرات الإصدارات الجديدة."
)
# Each outlet writes its own lead and closing around the copied paragraph.
LEADS = [
    "شهدت مدينة الرمال ليلة عصيبة بعد حادث لم تعرفه منذ سنوات طويلة بحسب شهود عيان تحدثوا إلينا.",
    "تواصل فرق الدفاع المدني البحث بين الأنقاض في الرمال وسط مخاوف من وجود عالقين تحت الركام.",
    "خرج مئات من سكان الرمال إلى ضفة النهر صباح اليوم لمعاينة ما تبقى من الجسر الذي بني قبل نصف قرن.",
    "طالب نواب عن المحافظة بفتح تحقيق عاجل في أسباب الحادث ومحاسبة المسؤولين عن صيانة الجسور المتهالكة.",
]
TITLES = ["انهيار جسر في الرمال", "ليلة الجسر", "كارثة على نهر الزيتون", "من المسؤول؟"]
CLOSINGS = [
    "ويعد الجسر المنهار واحدا من ثلاثة معابر تربط شطري المدينة القديمة منذ ستينيات القرن الماضي.",
    "وتتوقع الأرصاد الجوية هطول أمطار غزيرة خلال الأيام المقبلة مما قد يعرقل أعمال الإنقاذ والإصلاح.",
    "وكانت بلدية الرمال قد خصصت العام الماضي ميزانية متواضعة لترميم الأرصفة والجسور الصغيرة فقط.",
    "ونشر ناشطون على مواقع التواصل صورا تظهر تشققات واسعة في أعمدة الجسر قبل انهياره بأسابيع.",
]


def article(paragraph: str, n: int, *, published: dt.date | None = None, title: str | None = None) -> Article:
    """An article by outlet ``n`` with ``paragraph`` between its own lead and closing."""
    body = f"{LEADS[n]}\n\n{paragraph}\n\n{CLOSINGS[n]}"
    return Article.create(
        title=title or TITLES[n], body=body, outlet=f"منفذ {n}", published=published
    )


def find(articles, **kwargs):
    return find_shared_passages(articles, {a.id: split_sentences(a) for a in articles}, **kwargs)


def occurrence_text(articles, occurrence) -> str:
    by_id = {a.id: a for a in articles}
    return by_id[occurrence.article_id].text[occurrence.start : occurrence.end]


@pytest.mark.parametrize("edited", [CONJUNCTION, ADJECTIVE, HAMZA], ids=["conjunction", "adjective", "hamza"])
def test_edited_copy_is_one_passage_spanning_both_sentences(edited):
    arts = [article(WIRE, 0), article(edited, 1)]
    (passage,) = find(arts)
    assert [occurrence_text(arts, o) for o in passage.occurrences] == [WIRE, edited]


def test_similarity_tells_verbatim_from_edited_copy():
    (hamza,) = find([article(WIRE, 0), article(HAMZA, 1)])
    (adjective,) = find([article(WIRE, 0), article(ADJECTIVE, 1)])
    assert hamza.similarity == 1.0  # identical after normalization
    assert 0.5 <= adjective.similarity < 0.95


def test_paraphrase_is_not_a_shared_passage():
    assert find([article(WIRE, 0), article(PARAPHRASE, 1)]) == []


def test_unrelated_articles_share_nothing():
    assert find([article(WIRE, 0), article(UNRELATED, 1)]) == []


def test_sentence_repeated_inside_one_article_is_not_shared():
    doubled = article(f"{WIRE}\n\n{WIRE}", 0)
    assert find([doubled, article(UNRELATED, 1)]) == []


def test_article_holding_a_copy_twice_counts_once():
    doubled = article(f"{WIRE}\n\n{WIRE}", 0)
    (passage,) = find([doubled, article(CONJUNCTION, 1)])
    assert [o.article_id for o in passage.occurrences].count(doubled.id) == 1


def test_passage_in_three_articles_is_one_passage_with_three_occurrences():
    arts = [article(WIRE, 0), article(CONJUNCTION, 1), article(HAMZA, 2), article(UNRELATED, 3)]
    (passage,) = find(arts)
    assert {o.article_id for o in passage.occurrences} == {a.id for a in arts[:3]}


def test_offsets_slice_each_occurrence_as_written():
    arts = [article(WIRE, 0), article(ADJECTIVE, 1), article(HAMZA, 2)]
    (passage,) = find(arts)
    assert [occurrence_text(arts, o) for o in passage.occurrences] == [WIRE, ADJECTIVE, HAMZA]


def test_text_is_the_earliest_published_occurrence():
    late = article(WIRE, 0, published=dt.date(2023, 11, 15))
    undated = article(CONJUNCTION, 1)
    early = article(ADJECTIVE, 2, published=dt.date(2023, 11, 13))
    (passage,) = find([late, undated, early])
    assert passage.text == ADJECTIVE
    assert [o.article_id for o in passage.occurrences] == [early.id, late.id, undated.id]


def test_more_occurrences_come_first():
    second = "وأكد مدير المستشفى المركزي في الرمال أن حالة ثلاثة من المصابين حرجة وأن الأطباء يعملون على مدار الساعة."
    arts = [
        article(f"{UNRELATED}\n\n{second}", 0),
        article(f"{second}\n\n{WIRE}", 1),
        article(WIRE, 2),
        article(HAMZA, 3),
    ]
    passages = find(arts)
    assert [len(p.occurrences) for p in passages] == [3, 2]
    assert passages[1].text == second


def test_short_sentences_are_ignored_unless_asked():
    short = "وأغلقت المدارس أبوابها اليوم."  # 4 words
    arts = [article(short, 0), article(short, 1)]
    assert find(arts) == []
    assert len(find(arts, min_words=3)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "المصدر : وكالة الأنباء المشرقية ومواقع التواصل الاجتماعي والصحف المحلية",  # credit line
        "Reporting by John Smith and Jane Doe, editing by Mark Brown (وكالة)",  # not Arabic
    ],
)
def test_boilerplate_sentence_is_not_a_candidate(text):
    assert not is_candidate(Sentence("a", 0, 0, len(text), text), min_words=3)


def test_news_sentence_is_a_candidate():
    assert is_candidate(Sentence("a", 0, 0, len(WIRE), WIRE))


def test_missing_sentences_are_split_on_the_fly():
    arts = [article(WIRE, 0), article(CONJUNCTION, 1)]
    assert find_shared_passages(arts, {}) == find(arts)


def test_result_does_not_depend_on_input_order():
    arts = [article(WIRE, 0), article(CONJUNCTION, 1), article(HAMZA, 2), article(UNRELATED, 3)]
    (forward,) = find(arts)
    (backward,) = find(arts[::-1])
    assert set(forward.occurrences) == set(backward.occurrences)
    assert forward.similarity == backward.similarity


def test_same_article_given_twice_counts_once():
    a, b = article(WIRE, 0), article(CONJUNCTION, 1)
    (passage,) = find([a, a, b])
    assert len(passage.occurrences) == 2


@pytest.mark.parametrize("kwargs", [{"threshold": 0.0}, {"threshold": 1.5}, {"min_words": 0}])
def test_bad_options_are_refused(kwargs):
    with pytest.raises(OptionsError):
        find([article(WIRE, 0)], **kwargs)


# --- real text ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_articles():
    from khabar_testdata import EXAMPLES

    return khabar.read([EXAMPLES])


@pytest.fixture(scope="module")
def seed_articles(seeds_dir):
    return {p.name[:3]: khabar.read(p)[0] for p in sorted(seeds_dir.glob("*.txt"))}


def test_examples_wire_paragraph_is_found_in_its_outlets(example_articles):
    passages = find(example_articles)
    wire = [p for p in passages if p.text.startswith("وينص الاتفاق على وقف شامل")]
    assert len(wire) == 1
    assert len(wire[0].occurrences) >= 3
    for o in wire[0].occurrences:  # both sentences of the paragraph, in every copy
        assert "وادي النهر" in occurrence_text(example_articles, o)
        assert "للصليب" in occurrence_text(example_articles, o)


def test_examples_paraphrase_of_the_wire_paragraph_is_not_a_copy(example_articles):
    undated = next(a for a in example_articles if a.published is None and "النهر" in a.text)
    assert all(o.article_id != undated.id for p in find(example_articles) for o in p.occurrences)


@pytest.mark.parametrize("exact_up_to", [0, 10_000], ids=["lsh", "exact"])
def test_lsh_finds_every_pair_an_all_pairs_comparison_finds(example_articles, seed_articles, monkeypatch, exact_up_to):
    from khabar.relate import passages

    monkeypatch.setattr(passages, "EXACT_PAIRS_MAX_KEYS", exact_up_to)  # both paths, same answer
    arts = example_articles + list(seed_articles.values())
    units = [(a.id, s) for a in arts for s in split_sentences(a) if is_candidate(s)]
    sets = {id(s): shingles(s.text) for _a, s in units}
    expected = set()
    for (a1, s1), (a2, s2) in itertools.combinations(units, 2):
        if a1 != a2 and jaccard(sets[id(s1)], sets[id(s2)]) >= 0.5:
            expected |= {(a1, s1.start), (a2, s2.start)}
    found = {
        (o.article_id, s.start)
        for p in find(arts)
        for o in p.occurrences
        for a, s in units
        if a == o.article_id and o.start <= s.start < o.end
    }
    assert expected and found == expected


def shared_between(passages, *articles):
    ids = {a.id for a in articles}
    return [p for p in passages if {o.article_id for o in p.occurrences} == ids]


def test_seeds_000_and_003_share_the_ban_ki_moon_and_observatory_sentences(seed_articles):
    a, b = seed_articles["000"], seed_articles["003"]
    texts = [p.text for p in shared_between(find(list(seed_articles.values())), a, b)]
    assert any("بان كي مون" in t for t in texts)
    assert any("60 شخصا قتلوا" in t for t in texts)


def test_seeds_000_and_004_share_the_turkish_official_sentence(seed_articles):
    a, b = seed_articles["000"], seed_articles["004"]
    (passage,) = shared_between(find(list(seed_articles.values())), a, b)
    assert all("تركيا تواصل جهودها" in occurrence_text([a, b], o) for o in passage.occurrences)
    assert 0.5 <= passage.similarity < 0.9  # an edited copy, not verbatim


def test_shingle_key_of_hamza_copy_equals_original():
    # the reason the hamza-less copy scores 1.0: its key is the original's
    assert shingle_key(HAMZA) == shingle_key(WIRE)
