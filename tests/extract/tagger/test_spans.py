"""Names found by the shipped tagger, one behaviour each, on sentences written for these tests."""

from __future__ import annotations

from khabar.extract.tagger.spans import (
    _conjunction_on_definite,
    _preposition_on_happening,
    _qualifies,
    clitic_letters,
    find_names,
)
from khabar.text.ar.normalize import normalize


def _names(sentence: str) -> list[tuple[str, str]]:
    return [(sentence[n.start : n.end], n.kind) for n in find_names([sentence])[0]]


def test_a_name_with_no_cue_word_is_a_person():
    # no title, no reporting verb before it, neither word in khabar's lists
    assert ("سامح عاشور", "person") in _names("التقى سامح عاشور بأعضاء النقابة في القاهرة أمس .")


def test_a_name_written_with_a_clitic_loses_it():
    assert ("سامح عاشور", "person") in _names("واجتمع الوزير بسامح عاشور في مكتبه أمس .")


def test_clitics_come_off_only_when_the_rest_is_the_word():
    assert clitic_letters("والجراح") == (1, "الجراح")
    assert clitic_letters("وبوتين") == (1, "بوتين")
    assert clitic_letters("للجامعه") == (0, "الجامعه")  # ل + ال: whole word, key with the article
    assert clitic_letters("وتل") == (1, "تل")  # a two-letter place head word
    assert clitic_letters("ليروي") == (0, "ليروي")  # not ل + the verb "يروي": a name as written
    for whole in ("وليد", "بشار", "فؤاد", "لبنان", "كمال", "فرنسا"):
        assert clitic_letters(whole) == (0, whole)


def test_an_organisation_without_an_organisation_word():
    names = _names("فاز الأهلي على الزمالك بهدفين في مباراة الدوري .")
    assert ("الأهلي", "organisation") in names and ("الزمالك", "organisation") in names


def test_an_ordinal_after_a_head_word_is_not_an_organisation():
    assert _names("حل الفريق في المركز الثاني برصيد عشرين نقطة .") == []
    assert _names("افتتح المركز التجاري الجديد في المدينة أمس .") == []


def test_offsets_point_into_each_sentence():
    sentences = ["وصل الوفد إلى بيروت .", "ثم غادر إلى دمشق ."]
    found = find_names(sentences)
    assert [s[n.start : n.end] for s, ns in zip(sentences, found) for n in ns] == ["بيروت", "دمشق"]


def _mentions(body: str):
    from khabar.extract.entities import find_mentions
    from khabar.extract.tagger.spans import recognize_mentions
    from khabar.model import Article
    from khabar.text.ar.segment import split_sentences

    article = Article.create(title="خبر", body=body)
    sentences = split_sentences(article)
    return recognize_mentions(article, sentences, find_mentions(article, sentences))


def test_oman_and_amman_are_kept_apart_by_their_context():
    found = _mentions(
        "وصل وزير الخارجية إلى سلطنة عمان أمس في زيارة رسمية. "
        "وكان قد التقى نظيره الأردني في عمان قبل يومين لبحث ملف اللاجئين."
    )
    keys = {m.name_key for m in found if m.kind == "place" and "عمان" in normalize(m.text)}
    assert len(keys) == 2


def test_a_diacritic_settles_which_place_is_meant():
    found = _mentions("عاد الوفد إلى عمّان مساء الخميس بعد جولة في المنطقة.")
    assert [m.name_key for m in found if m.kind == "place" and "عم" in m.text] == ["عمان الاردن"]


def test_a_word_list_organisation_ending_with_an_ordinal_is_dropped():
    found = _mentions("وحل المنتخب في المركز الثاني خلف منافسه بفارق نقطة واحدة.")
    assert [m.text for m in found if m.kind == "organisation"] == []


def test_a_head_word_with_a_common_adjective_is_not_an_organisation():
    found = _mentions("وافتتح المحافظ المركز التجاري الجديد في وسط المدينة صباح اليوم.")
    assert [m.text for m in found if m.kind == "organisation"] == []


def test_a_surname_of_the_articles_person_is_not_read_as_a_place():
    found = _mentions(
        "قال المنسق الأممي يان إيغيلان إن القافلة تأخرت. "
        "وقال المتحدث باسم الحكومة أمس: إيغيلان، على ما يبدو، لا يملك معلومات عن الوضع."
    )
    assert {m.kind for m in found if "يغيلان" in m.text} == {"person"}


def test_a_place_after_its_head_word_keeps_its_kind_and_boundaries():
    found = _mentions("وسقطت قذائف على المنازل في بلدة كفر سالم المجاورة بحسب مصادر محلية.")
    assert [(m.text, m.kind) for m in found if "سالم" in m.text] == [("كفر سالم", "place")]


def test_a_nationality_word_is_not_a_name():
    found = _mentions("وانتقلت العائلات إلى المناطق التي يسيطر عليها الأكراد في الشمال.")
    assert [m.text for m in found if "كراد" in m.text] == []


def test_a_two_letter_word_without_a_cue_is_not_a_person():
    found = _mentions("وقال أحد السكان: سمعوا الجواب وما علقوا بأي شي.")
    assert [m.text for m in found if m.kind == "person"] == []


def _with_rule_mention(body: str, text: str, kind: str, role: str | None, key: str):
    """The merged mentions of an article whose word-list recognizer found only ``text``
    (its first occurrence) as a ``kind`` with ``role`` and the key of ``key``."""
    from khabar.extract.tagger.spans import recognize_mentions
    from khabar.model import Article, EntityMention
    from khabar.text.ar.segment import split_sentences

    article = Article.create(title="خبر", body=body)
    at = article.text.index(text)
    rule = EntityMention(article.id, at, at + len(text), text, kind, role, normalize(key))
    return recognize_mentions(article, split_sentences(article), [rule])


def test_a_tagged_name_inside_a_longer_word_list_name_keeps_its_own_key():
    longer = "البعثة الإسرائيلية للأمم المتحدة"
    body = f"وقال مندوب {longer} إن بلاده ترفض مشروع القرار."
    found = _with_rule_mention(body, longer, "organisation", None, longer)
    assert ("للأمم المتحدة", normalize("الأمم المتحدة")) in [(m.text, m.name_key) for m in found]


def test_a_reporting_verb_before_a_name_is_not_part_of_it():
    for written, name in (("فقال", "سكاراموتشي"), ("وأضاف", "ماكرون")):
        assert {text for text, kind in _names(f"{written} {name} إن الفريق لن يستقيل .") if kind == "person"} <= {name}


def test_a_clitic_comes_off_a_name_the_article_also_writes_without_it():
    alone = "وتألق وميسي في الشوط الثاني ."
    assert _names(alone) == [("وميسي", "person")]  # unknown to the lists: kept whole
    article = ["سجل ميسي هدفين في المباراة .", alone]
    assert [(article[1][n.start : n.end], n.key) for n in find_names(article)[1]] == [("ميسي", "ميسي")]


def test_a_word_list_person_without_a_listed_name_word_needs_the_tagger():
    # the lists read "وقف تجارب" as the name after a title; no word of it is a listed
    # name and the tagger sees none there
    found = _mentions("وكان إعلان زعيم كوريا الشمالية وقف تجارب بلاده النووية مفاجئا.")
    assert [m.text for m in found if m.kind == "person"] == []


def test_a_short_name_keeps_no_key_of_a_name_that_was_dropped():
    found = _with_rule_mention("وتولى الرئيس مون منصبه العام الماضي.", "مون", "person", "الرئيس", "كيم مون")
    assert [m.name_key for m in found if m.text == "مون"] == ["مون"]


def test_oman_named_with_its_head_word_in_a_sentence_about_jordan():
    found = _mentions("وحلت الأردن في المرتبة الرابعة، وسلطنة عمان في المرتبة الخامسة بين الدول المستوردة.")
    assert [m.name_key for m in found if m.text.endswith("عمان")] == [normalize("عمان")]


def test_a_month_inside_a_date_is_not_a_name():
    from khabar.model import Article
    from khabar.pipeline import analyze

    body = "وقع الهجوم المفترض في 7 أبريل/نيسان وسبب وفاة نحو 40 شخصا."
    assert ("نيسان", "organisation") in _names(body)  # the tagger alone reads the month so
    found = analyze(Article.create(title="خبر", body=body)).mentions
    assert [m.text for m in found if "نيسان" in m.text] == []


def test_a_person_does_not_open_with_an_organisation_head_word():
    from khabar.extract.tagger.features import word_lists
    from khabar.extract.tagger.spans import NameSpan, _plausible_alone

    assert not _plausible_alone(NameSpan(0, 10, "person", normalize("جيش النظام")), word_lists())
    assert _plausible_alone(NameSpan(0, 10, "person", normalize("سامر الخطيب")), word_lists())


def test_a_rank_after_a_head_word_is_no_organisation_even_when_tagged_or_found_again():
    found = _mentions(
        "احتل نادي الشروق المركز السادس في الدوري المحلي هذا الموسم . وبقي المركز السادس بعيدا عن المنافسة "
        "على اللقب . وقال المدرب إن المركز لا يرضي الجماهير ."
    )
    assert not [m.text for m in found if m.kind == "organisation" and m.text.startswith("المركز")]


def test_a_listed_capital_speaking_for_its_government_is_a_place_not_a_person():
    found = _mentions("وقالت سيول إنها أرسلت طائرات لاعتراض قاذفتين قرب حدودها البحرية .")
    assert [(m.text, m.kind) for m in found if m.text == "سيول"] == [("سيول", "place")]


def test_a_bare_surname_takes_the_full_name_of_the_article_that_ends_with_it():
    one = _mentions("وصل الممثل سلمان خان إلى المحكمة صباح السبت . وقال خان للصحفيين إنه بريء .")
    assert {m.name_key for m in one if m.kind == "person" and m.text.endswith("خان")} == {"سلمان خان"}
    both = "وصل الممثل سلمان خان إلى المحكمة مع زميله سيف علي خان صباح السبت . وقال خان للصحفيين إنه بريء ."
    bare = [m.name_key for m in _mentions(both) if m.kind == "person" and m.text == "خان"]
    assert bare == ["خان"]  # two Khans named once each: the bare name joins neither
    subject = both + " وأكد الممثل سلمان خان أنه سيستأنف الحكم ."
    bare = [m.name_key for m in _mentions(subject) if m.kind == "person" and m.text == "خان"]
    assert bare == ["سلمان خان"]  # the one the article names more often is its subject


def test_a_word_said_twice_one_by_one_is_no_name():
    sentence = "وفتش الجنود القرية «بيتا بيتا» خلال الليل."
    assert [text for text, _ in _names(sentence)] == ["بيتا بيتا"]  # what the tagger reads
    assert [m.text for m in _mentions(sentence) if "بيتا" in m.text] == []


def test_an_adjective_after_a_place_word_is_no_place():
    found = _mentions("ويقع المخيم قرب حي سكني مكتظ في شمال المدينة، ويتعرض لقصف شبه يومي.")
    assert [m.text for m in found if m.kind == "place"] == []


def test_a_hyphenated_given_name_is_one_person():
    # the tokenizer splits the hyphen off; the tagger reads "جان" apart or at the end of
    # the organisation before it
    for sentence in (
        "وأكد المدير الإقليمي جان-لوك فيرنييه أن فرق الإغاثة رافقت القافلة.",
        "وقال رئيس بعثة اللجنة الدولية للصليب الأحمر جان-لوك فيرنييه إن القافلة دخلت الحي.",
    ):
        persons = [m.text for m in _mentions(sentence) if m.kind == "person"]
        assert persons == ["جان-لوك فيرنييه"]


def test_two_people_joined_by_a_hyphen_stay_apart():
    persons = [m.text for m in _mentions("وانتهت قمة كيم-مون في بانمونجوم مساء اليوم.") if m.kind == "person"]
    assert "كيم-مون" not in persons


def test_a_place_word_with_the_article_is_no_place():
    found = _mentions("ولجأ معظمهم إلى مدارس ومساجد في الريف الشمالي.")
    assert [m.text for m in found if m.kind == "place"] == []


def test_a_club_named_by_its_city_is_an_organisation_and_the_city_alone_a_place():
    found = _mentions(
        "وفاز ريال مدريد على مانشستر يونايتد بهدفين في المباراة الودية. "
        "وأقيمت المباراة في مدريد أمام جمهور كبير."
    )
    kinds = [(m.text, m.kind) for m in found if m.kind in ("organisation", "place")]
    assert ("ريال مدريد", "organisation") in kinds and ("مانشستر يونايتد", "organisation") in kinds
    assert ("مدريد", "place") in kinds


def test_a_city_the_tagger_reads_as_a_place_stays_a_place():
    # The model trained with the news gold (session 20) reads "إلى برشلونة لإجراء محادثات" as
    # the club (ANERcorp writes برشلونة 12 times ORG, 3 LOC): a sentence it reads as the city.
    found = _mentions("تظاهر آلاف في شوارع برشلونة للمطالبة باستقلال الإقليم.")
    assert [(m.text, m.kind) for m in found if "برشلونة" in m.text] == [("برشلونة", "place")]


def test_an_adjective_after_an_indefinite_noun_is_no_person():
    attack = "وانتهت المعركة بقيام قوات الجيش بهجوم بري كبير على ما بقي من أحياء حمص ."
    assert not any(kind == "person" for _, kind in _names(attack))
    # the same word is the person when the article names him in full, or after a verb of saying
    named = find_names(["وقال رئيس المجلس نبيه بري إن الجلسة تأجلت .", attack])
    assert any(n.kind == "person" and n.key == "بري" for n in named[1])
    assert not _qualifies("قال", "بري", set())
    assert not _qualifies(normalize("مشاركة"), "بيكي", {"جيرار", "بيكيه"})


def test_a_conjunction_on_a_definite_name_comes_off_but_not_from_a_name_opening_with_it():
    assert _conjunction_on_definite(normalize("والزبدي")) == 1
    assert _conjunction_on_definite(normalize("والجبل")) == 1
    for whole in ("والتر", "والاس", "والش"):  # two letters after "ال": a name as written
        assert _conjunction_on_definite(normalize(whole)) == 0


def test_a_preposition_on_a_word_of_a_happening_opens_no_persons_name():
    # "لقمة المرجان" (of the Marjan summit), read B-PERS I-PERS by the tagger: examples/marjan-summit
    assert _names("البيان الختامي لقمة المرجان: صندوق إقليمي للمياه .") == []
    assert _preposition_on_happening(normalize("لقمة"))
    for name in ("لقمان", "بلال", "كمال", "قمة"):  # no preposition on a whole happening word
        assert not _preposition_on_happening(normalize(name))


def test_a_one_word_person_the_article_writes_as_its_place_is_that_place():
    # the dateline "المرجان –", read as a person after the title, in an article that writes
    # "مدينة المرجان" (examples/marjan-summit)
    from khabar.extract.entities import find_mentions
    from khabar.extract.tagger.spans import recognize_mentions
    from khabar.model import Article
    from khabar.text.ar.segment import split_sentences

    body = "المرجان – شبكة الوطن الإخبارية\n\nاختتمت اليوم الأربعاء في مدينة المرجان أعمال القمة الإقليمية للمياه والطاقة."
    article = Article.create(title="البيان الختامي لقمة المرجان: صندوق إقليمي للمياه", body=body)
    sentences = split_sentences(article)
    found = recognize_mentions(article, sentences, find_mentions(article, sentences))
    assert [m.kind for m in found if m.text == "المرجان"] == ["place", "place"]


def test_a_place_after_an_organisation_head_of_a_place_is_that_organisation():
    found = _mentions(
        "ولعب زيدان مع ريال مدريد ومنتخب فرنسا قبل عشرين عاما. "
        "وقرر مجلس مدينة شيراز فتح تحقيق. وعاد اللاعب إلى فرنسا أمس."
    )
    kinds = [(m.text, m.kind) for m in found if m.kind in ("organisation", "place")]
    assert ("منتخب فرنسا", "organisation") in kinds  # the و off, the team and not the country
    assert ("مجلس مدينة شيراز", "organisation") in kinds
    assert ("فرنسا", "place") in kinds and ("شيراز", "place") not in kinds


def test_quoted_words_after_a_kind_head_are_one_organisation():
    found = _mentions(
        'وقالت صحيفة "إسرائيل هايوم" إن الحكومة وافقت. ودعت قناة "بلقيس" إلى التهدئة. '
        'ووقعت الحكومة عقدا مع شركة "ألستوم" الفرنسية. وعاد الوزير إلى إسرائيل أمس.'
    )
    kinds = [(m.text, m.kind) for m in found]
    assert ("إسرائيل هايوم", "organisation") in kinds  # not the country inside the paper's name
    assert ("بلقيس", "organisation") in kinds and ("بلقيس", "person") not in kinds
    assert ("ألستوم", "organisation") in kinds
    assert ("إسرائيل", "place") in kinds  # the country written alone stays a place


def test_a_quotation_after_a_definite_kind_head_is_no_organisation():
    found = _mentions('وقالت الشركة "نحن ملتزمون" في بيان.')
    assert not [m for m in found if m.text == "نحن ملتزمون"]


def test_a_listed_club_is_an_organisation_not_its_city_or_a_person():
    # organisations.txt's clubs (session 28): the spent names gold read "مانشستر سيتي" as the
    # city and "أتلتيكو" as a person
    found = _mentions(
        "وقال دييغو سيميوني مدرب أتلتيكو إن فريقه سيواجه مانشستر سيتي الأسبوع المقبل. "
        "ووصل اللاعبون إلى مانشستر مساء أمس."
    )
    kinds = [(m.text, m.kind) for m in found]
    assert ("أتلتيكو", "organisation") in kinds and ("أتلتيكو", "person") not in kinds
    assert ("مانشستر سيتي", "organisation") in kinds
    assert ("مانشستر", "place") in kinds  # the city written alone stays a place


def _organisations(body: str) -> list[str]:
    return [m.text for m in _mentions(body) if m.kind == "organisation"]


def test_an_everyday_head_with_a_word_the_news_rarely_names_with_is_not_an_organisation():
    # "موقع" a site, "حركة" traffic, "تجمع" a verb: common phrases, not bodies
    assert _organisations('ونشر الوزير صورة على موقع التواصل الاجتماعي "تويتر" مساء أمس.') == ["تويتر"]
    assert _organisations("وتوقفت حركة المرور في وسط العاصمة ساعتين بسبب الأمطار.") == []


def test_an_everyday_head_with_a_word_of_a_name_stays_an_organisation():
    assert _organisations("وتبنى تنظيم الدولة الإسلامية الهجوم في بيان.") == ["تنظيم الدولة الإسلامية"]
    assert _organisations("وقالت حركة المقاومة الإسلامية إن الهدنة انتهت.") == ["حركة المقاومة الإسلامية"]


def test_an_indefinite_head_with_only_a_nationality_is_a_description_not_an_organisation():
    assert _organisations("وقضت محكمة تركية بسجن الصحفي خمس سنوات.") == []
    assert _organisations("وقصفت قوات روسية مواقع المعارضة في ريف المدينة.") == []


def test_the_most_often_counted_key_is_counters_first_unless_tied():
    import random
    from collections import Counter

    from khabar.extract.tagger.spans import _most_often

    rng = random.Random(5)
    for _ in range(2_000):
        keys = [rng.choice("abcde") for _ in range(rng.randint(1, 8))]
        counter, counts = Counter(), {}
        for k in keys:
            counter[k] += 1
            counts[k] = counts.get(k, 0) + 1
        (first, most), *rest = counter.most_common(2)
        assert _most_often(counts, "own") == (first if not rest or most > rest[0][1] else "own")


def test_a_mention_with_another_key_is_dataclasses_replace():
    import dataclasses

    from khabar.extract.tagger.spans import _with_key
    from khabar.model import EntityMention

    m = EntityMention("a1", 3, 9, "لافروف", "person", "وزير الخارجية", "لافروف")
    assert _with_key(m, "سيرغي لافروف") == dataclasses.replace(m, name_key="سيرغي لافروف")
    assert {f.name for f in dataclasses.fields(EntityMention)} == {
        "article_id", "start", "end", "text", "kind", "role", "name_key"}  # every field given


def test_person_keys_per_text_are_person_keys():
    from khabar.extract.tagger.spans import _NAME_KEY, _WRITTEN_KEY
    from khabar.text.ar.names import person_key

    for text in ("عبد الرحمن", "وعبدالرحمن الراشد", "جان-مارك أيرولت", "أبو بكر", "لافروف"):
        assert _WRITTEN_KEY[text] == person_key(normalize(text).split())
        assert _NAME_KEY[normalize(text)] == person_key(normalize(text).split())


def test_the_words_ending_organisation_heads_of_places_hold_every_head():
    from khabar.extract.tagger.spans import _PLAIN, _org_of_place_ends, _org_of_place_heads

    ends = _org_of_place_ends()
    for n, heads in _org_of_place_heads().items():
        for head in heads:
            assert head[-1] in ends
            if n == 1:
                assert all(p + head[0] in ends for p in _PLAIN)
