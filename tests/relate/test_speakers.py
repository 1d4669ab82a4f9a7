"""Who said what: each speaker once, by the entity list's clustering (khabar.relate.speakers)."""

import datetime as dt

import pytest

from khabar.event_brief import build_event_brief, link_speakers
from khabar.model import Article, Citation, Entity, Fact, Mention, Quote
from khabar.relate.speakers import group_speakers


def _article(outlet, body):
    return Article.create(title=f"عنوان من {outlet}", body=body, outlet=outlet, published=dt.date(2023, 11, 14))


@pytest.fixture(scope="module")
def two_outlets():
    """Two outlets spelling the same people differently (a hyphen, عبد joined), and two
    people who share a family name."""
    return build_event_brief([
        _article("الأولى", "وقال رئيس بعثة الصليب الأحمر جان-لوك فيرنييه إن الفرق ستعمل على إجلاء الجرحى أولا. "
                 "وقال رئيس المجلس المحلي عبدالكريم السعدي إن الحصار يجب أن ينتهي فورا. "
                 "وقال المحافظ إياد الحسن إن العدد لا يتجاوز خمسة عشر ألفا."),
        _article("الثانية", "وقال جان لوك فيرنييه رئيس بعثة الصليب الأحمر إن الأولوية ستكون للمرضى وكبار السن. "
                 "وأكد عبد الكريم السعدي أن المجلس أحصى السكان بيتا بيتا. "
                 "وقال المتحدث باسم الدفاع المدني مصطفى الحسن إن فرقه انتشلت ثلاثين جثة."),
    ])


def _by_name(brief):
    return {s.name: s for s in brief.speakers}


def test_a_name_spelled_with_a_hyphen_or_a_space_is_one_speaker(two_outlets):
    speakers = _by_name(two_outlets)
    vernier = speakers["جان لوك فيرنييه"]
    assert set(vernier.variants) == {"جان لوك فيرنييه", "جان-لوك فيرنييه"}
    assert len(vernier.fact_ids) == 2
    assert "جان-لوك فيرنييه" not in speakers


def test_abd_joined_or_split_is_one_speaker(two_outlets):
    speakers = _by_name(two_outlets)
    assert set(speakers["عبد الكريم السعدي"].variants) == {"عبد الكريم السعدي", "عبدالكريم السعدي"}
    assert "عبدالكريم السعدي" not in speakers


def test_two_people_sharing_a_family_name_stay_apart(two_outlets):
    speakers = _by_name(two_outlets)
    assert speakers["إياد الحسن"].entity != speakers["مصطفى الحسن"].entity
    assert len(speakers["إياد الحسن"].fact_ids) == len(speakers["مصطفى الحسن"].fact_ids) == 1


def test_every_quote_fact_has_one_speaker(two_outlets):
    quote_facts = [f.id for f in two_outlets.facts if f.kind == "quote"]
    listed = [fid for s in two_outlets.speakers for fid in s.fact_ids]
    assert sorted(listed) == sorted(quote_facts)


def test_a_title_alone_joins_the_one_person_the_brief_gives_it():
    brief = build_event_brief([
        _article("الأولى", "وقال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن الهدنة يجب أن تصمد."),
        _article("الثانية", "وقال الأمين العام للأمم المتحدة إن المدنيين يدفعون الثمن."),
    ])
    (speaker,) = brief.speakers
    assert speaker.name == "أنطونيو غوتيريش"
    assert set(speaker.variants) == {"أنطونيو غوتيريش", "الأمين العام للأمم المتحدة"}


def test_a_coach_speaking_to_a_clubs_players_is_not_the_club():
    # 50 ANT stories, session 25: the coach's words were one fact with the club's, under the club
    brief = build_event_brief([
        _article("الأولى", "وقال المدرب للاعبي ريال مدريد إن الفريق سيفوز بالمباراة المقبلة أمام برشلونة."),
        _article("الثانية", "وقال ريال مدريد في بيان إن الفريق سيفوز بالمباراة المقبلة أمام برشلونة."),
    ])
    assert sorted(s.name for s in brief.speakers) == ["المدرب للاعبي ريال مدريد", "ريال مدريد"]
    assert all(len(f.article_ids) == 1 for f in brief.facts if f.kind == "quote")


def test_a_name_whose_mention_holds_a_rank_is_the_named_speaker():
    # the name's mention is "ركن تركي المالكي", the speaker "تركي المالكي": a rank apart, one
    # person (50 ANT stories, session 25: two entries, "ركن تركي المالكي" and "تركي المالكي")
    brief = build_event_brief([
        _article("الأولى", "وقال المتحدث باسم التحالف العقيد ركن تركي المالكي إن الدفاعات الجوية اعترضت صاروخا باليستيا."),
        _article("الثانية", "وأكد المالكي أن الصاروخ أطلق من صعدة باتجاه جازان في ساعة متأخرة."),
    ])
    (speaker,) = brief.speakers
    assert set(speaker.variants) == {"تركي المالكي", "المالكي"} and speaker.entity is not None


# --- group_speakers on hand-made quotes ----------------------------------------------------


def _q(article, speaker, start, *, entity=None, role=None, named=True):
    """A quote whose speaker is written at ``start`` of its article."""
    return Quote(article_id=article, sentence_index=start, speaker=speaker, content="نص", start=start + 50, end=start + 60,
                 role=role, speaker_entity=entity, speaker_start=start if named else None,
                 speaker_end=start + len(speaker) if named else None)


def _grouped(quotes):
    """One fact per quote."""
    return [
        (Fact(f"f{i}", "quote", q.content, (Citation(q.article_id, q.sentence_index, 0, 1, "جملة"),), speaker=q.speaker), (i,))
        for i, q in enumerate(quotes)
    ]


def _entity(eid, name, *spelled, roles=(), kind="person"):
    """An entity mentioned at each (article, start, text) of ``spelled``."""
    return Entity(eid, kind, name, roles=roles, variants=tuple(dict.fromkeys(t for _, _, t in spelled)) or (name,),
                  mentions=tuple(Mention(a, s, s + len(t), t) for a, s, t in spelled))


def _names(speakers):
    return sorted(tuple(sorted(s.variants)) for s in speakers)


def test_unlinked_spellings_of_one_name_are_one_speaker():
    quotes = [_q("a", "جان-لوك فيرنييه", 0), _q("b", "جان لوك فيرنييه", 0),
              _q("a", "عبدالكريم السعدي", 100), _q("b", "عبد الكريم السعدي", 100)]
    assert _names(group_speakers(quotes, _grouped(quotes))) == [
        ("جان لوك فيرنييه", "جان-لوك فيرنييه"), ("عبد الكريم السعدي", "عبدالكريم السعدي")]


def test_a_bare_family_name_two_people_share_joins_neither():
    iyad = _entity("p1", "إياد الحسن", ("a", 0, "إياد الحسن"), ("a", 40, "الحسن"))
    mustafa = _entity("p2", "مصطفى الحسن", ("b", 0, "مصطفى الحسن"), ("b", 40, "الحسن"))
    quotes = [_q("a", "إياد الحسن", 0, entity="p1"), _q("b", "مصطفى الحسن", 0, entity="p2"), _q("c", "الحسن", 0)]
    speakers = group_speakers(quotes, _grouped(quotes), [iyad, mustafa])
    assert _names(speakers) == [("إياد الحسن",), ("الحسن",), ("مصطفى الحسن",)]
    assert [s.entity for s in speakers if s.name == "الحسن"] == [None]


def test_a_title_given_to_two_people_joins_neither():
    a = _entity("p1", "زيد الصالح", ("a", 0, "زيد الصالح"))
    b = _entity("p2", "عمر الخالد", ("b", 0, "عمر الخالد"))
    quotes = [_q("a", "زيد الصالح", 0, entity="p1", role="المتحدث باسم الوزارة"),
              _q("b", "عمر الخالد", 0, entity="p2", role="المتحدث باسم الوزارة"),
              _q("c", "المتحدث باسم الوزارة", 0)]
    speakers = group_speakers(quotes, _grouped(quotes), [a, b])
    assert len(speakers) == 3


def test_an_official_of_a_body_is_not_the_body():
    crescent = _entity("o1", "الهلال الأحمر", ("a", 9, "الهلال الأحمر"), ("b", 0, "الهلال الأحمر"), kind="organisation")
    quotes = link_speakers([_q("a", "مسؤول في الهلال الأحمر", 0), _q("b", "الهلال الأحمر", 0)], [crescent])
    assert [q.speaker_entity for q in quotes] == [None, "o1"]
    speakers = group_speakers(quotes, _grouped(quotes), [crescent])
    assert _names(speakers) == [("الهلال الأحمر",), ("مسؤول في الهلال الأحمر",)]


def test_an_unnamed_source_is_one_speaker_per_article():
    quotes = [_q("a", "مصدر عسكري", 0), _q("a", "مصدر عسكري رفيع", 100), _q("b", "مصدر عسكري", 0)]
    speakers = group_speakers(quotes, _grouped(quotes))
    assert sorted(len(s.fact_ids) for s in speakers) == [1, 2]


def test_a_statement_several_outlets_carry_is_never_split():
    quotes = [_q("a", "زيد الصالح", 0, entity="p1"), _q("b", "الصالح", 0)]
    fact = Fact("f", "quote", "نص", (Citation("a", 0, 0, 1, "جملة"), Citation("b", 0, 0, 1, "جملة")), speaker="زيد الصالح")
    (speaker,) = group_speakers(quotes, [(fact, (0, 1))], [_entity("p1", "زيد الصالح", ("a", 0, "زيد الصالح"))])
    assert speaker.fact_ids == ("f",) and speaker.entity == "p1"


def test_a_body_named_with_and_without_its_nationality_is_one_speaker():
    # two outlets name the health ministry in Gaza; the entity list keys the spellings apart
    brief = build_event_brief([
        _article("الأولى", "وقالت وزارة الصحة الفلسطينية في قطاع غزة إن 15 فلسطينيا قتلوا برصاص الجيش الإسرائيلي."),
        _article("الثانية", "وقالت وزارة الصحة في قطاع غزة إن 16 فلسطينيا قتلوا قرب الحدود، بينهم طفلان."),
    ])
    ministries = [s for s in brief.speakers if s.name.startswith("وزارة الصحة")]
    assert len(ministries) == 1 and len(ministries[0].fact_ids) == 2


def test_a_bare_body_two_qualified_bodies_fit_joins_neither():
    brief = build_event_brief([
        _article("الأولى", "وقالت وزارة الخارجية الروسية إن موسكو سترد على العقوبات الجديدة. "
                 "وقالت وزارة الخارجية الأمريكية إن العقوبات ستبقى حتى تغير موسكو سلوكها."),
        _article("الثانية", "وقالت وزارة الخارجية إن الاجتماع المقبل سيعقد في جنيف الشهر القادم."),
    ])
    names = [s.name for s in brief.speakers if s.name.startswith("وزارة الخارجية")]
    assert len(names) == 3
