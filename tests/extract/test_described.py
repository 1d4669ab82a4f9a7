"""A speaker given only by a description linked to the person the article named with it
(khabar.extract.described, issue 20, session 35). Sentences of our own."""

from __future__ import annotations

from khabar.extract.described import description, link
from khabar.model import EntityMention, Quote


def _person(text: str, name: str) -> EntityMention:
    at = text.index(name)
    return EntityMention(article_id="a", start=at, end=at + len(name), text=name, kind="person", role=None, name_key=name)


def _quote(text: str, speaker: str, after: int = 0) -> Quote:
    at = text.index(speaker, after)
    return Quote(article_id="a", sentence_index=0, speaker=speaker, content="...", start=at + len(speaker) + 1, end=len(text),
                 speaker_start=at, speaker_end=at + len(speaker), speaker_resolved=False)


def test_a_description_of_a_person_is_read_and_a_body_is_not():
    assert description("المدرب البرتغالي") == ["مدرب", "برتغالي"]
    assert description("الخزانة") is None  # a body, not a person's description
    assert description("المسؤولون") is None  # a collective
    assert description("وزير الخارجية") is None  # no article: a role that may name someone new


def test_the_person_the_article_described_so_earlier():
    text = "وصل المدرب البرتغالي سامي ناصر إلى المدينة أمس. وقال المدرب البرتغالي إن الفريق جاهز."
    q = _quote(text, "المدرب البرتغالي", after=text.index("وقال"))
    (linked,) = link([q], text, [_person(text, "سامي ناصر")])
    assert linked.speaker == "سامي ناصر" and linked.speaker_resolved


def test_the_name_right_after_the_description():
    text = "وأوضح المتحدث باسم الهيئة، المستشار كريم عادل أن الاقتراع سار بهدوء."
    q = _quote(text, "المتحدث باسم الهيئة")
    (linked,) = link([q], text, [_person(text, "المستشار كريم عادل")])
    assert linked.speaker == "المتحدث باسم الهيئة، المستشار كريم عادل"


def test_a_description_no_named_person_carries_stays_as_written():
    # the coach is described nowhere near the player's name: never guessed
    text = "سجل اللاعب سامي ناصر هدفين في المباراة. وقال المدرب البرتغالي إن الفريق جاهز."
    q = _quote(text, "المدرب البرتغالي")
    (same,) = link([q], text, [_person(text, "سامي ناصر")])
    assert same == q


def _said(text: str, speaker: str, complementiser: str) -> Quote:
    at = text.index(speaker)
    start = text.index(complementiser, at + len(speaker)) + len(complementiser) + 1
    return Quote(article_id="a", sentence_index=0, speaker=speaker, content=text[start:], start=start, end=len(text),
                 speaker_start=at, speaker_end=at + len(speaker))


def test_a_speaker_cut_inside_its_construct_runs_on_to_what_it_says():
    # session 36: only the speaker's genitive stands between it and its "إن"
    text = "وقال منظمو دورة الواحة المفتوحة للشطرنج إن القاعة جاهزة."
    (q,) = link([_said(text, "منظمو دورة", "إن")], text, [])
    assert q.speaker == "منظمو دورة الواحة المفتوحة للشطرنج"
    assert q.speaker_end == text.index(" إن")


def test_the_run_on_stops_at_a_time_word_a_stop_or_a_demonstrative():
    text = "وقال مسؤولو بلدية الواحة الثلاثاء إن الطريق مفتوح."
    (q,) = link([_said(text, "مسؤولو بلدية", "إن")], text, [])
    assert q.speaker == "مسؤولو بلدية الواحة"
    text = "وأكدت مصادر محلية هذا الأمر مضيفة أن الطريق مفتوح."
    (q,) = link([_said(text, "مصادر محلية", "أن")], text, [])
    assert q.speaker == "مصادر محلية"  # the verb's object, not the speaker's genitive


def test_a_whole_name_or_a_definite_speaker_does_not_run_on():
    text = "وقال سامي ناصر مدرب الفريق إن اللاعبين جاهزون."
    name = _person(text, "سامي ناصر")
    (q,) = link([_said(text, "سامي ناصر", "إن")], text, [name])
    assert q.speaker == "سامي ناصر"  # the recognizer ended the name there
    text = "وقالت الشرطة المحلية أمس إن الطريق مفتوح."
    (q,) = link([_said(text, "الشرطة المحلية", "إن")], text, [])
    assert q.speaker == "الشرطة المحلية"


def test_a_listed_head_without_its_article_takes_its_definite_genitive():
    # session 35's completion: "[شرطة مدينة] الواحة الساحلية"
    text = "وذكرت شرطة مدينة الواحة الساحلية في بيان أن الطريق مفتوح."
    q = _said(text, "شرطة مدينة", "أن")
    (done,) = link([q], text, [_person(text, "الواحة")])
    assert done.speaker.startswith("شرطة مدينة الواحة")
