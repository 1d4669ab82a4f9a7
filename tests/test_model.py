import datetime as dt

import pytest

from khabar.model import Article, EventBrief, NumberMention, ArticleDigest, Citation, SummarySentence


def test_article_id_is_stable_across_spelling_variants():
    a = Article.create(title="مسؤول أممي", body="قالَ إنّ ٣٠٠ شخص نزحوا.")
    b = Article.create(title="مسئول اممي", body="قال ان 300 شخص نزحوا.")
    assert a.id == b.id


def test_article_id_differs_for_different_content():
    a = Article.create(title="عنوان", body="نزح 300 شخص.")
    b = Article.create(title="عنوان", body="نزح 400 شخص.")
    assert a.id != b.id


def test_article_text_joins_title_and_body_and_body_offset_points_to_body():
    a = Article.create(title="العنوان", body="النص هنا")
    assert a.text[a.body_offset :] == "النص هنا"
    assert a.text.startswith("العنوان")


def test_article_without_title_uses_body_as_text():
    a = Article.create(title="", body="النص وحده")
    assert a.text == "النص وحده" and a.body_offset == 0


def test_brief_round_trips_through_json_form():
    n = NumberMention(start=3, end=9, text="نحو 50", value=50.0, low=50.0, high=50.0, approximate=True, qualifier="نحو")
    digest = ArticleDigest(
        id="x", title="t", outlet="o", url=None, published=dt.date(2016, 12, 13), language="ar",
        sentence_count=2, word_count=10, numbers=(n,),
    )
    cit = Citation(article_id="x", sentence_index=1, start=0, end=4, text="نص", outlet="o", published=dt.date(2016, 12, 13))
    s = SummarySentence(text="نص", article_id="x", sentence_index=1, start=0, end=4, citations=(cit,))
    brief = EventBrief(articles=(digest,), summary=(s,), options={"length_words": 100})
    data = brief.to_dict()
    assert data["articles"][0]["published"] == "2016-12-13"
    assert data["summary"][0]["outlets"] == ["o"]
    assert EventBrief.from_dict(data) == brief


@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
def test_the_id_hashes_the_collapsed_text_whatever_the_chunk(monkeypatch, chunk):
    import hashlib

    from khabar import article
    from khabar.text.ar.normalize import normalize

    title, body = "  حصار  الحي\u00a0الشرقي ", "قال\tالمكتب\n\n  إن   نحو أربعين ألفاً\u2003محاصرون \x1c هناك  "
    whole = " ".join(normalize(f"{title}\n{body}").split())
    monkeypatch.setattr(article, "_COLLAPSE_CHUNK", chunk)
    assert article.article_id_for(title, body) == hashlib.sha1(whole.encode("utf-8")).hexdigest()[:16]


def test_normalized_words_are_the_normalized_text_split_and_joined():
    """Random strings of letters, spaces, newlines, other whitespace, marks that
    normalization drops, an ellipsis it expands and a character outside its alphabet: the
    byte shortcut answers what normalizing, splitting and joining gives."""
    import random

    from khabar.text.ar.normalize import normalize, normalized_words

    pieces = ["ا", "بة", "Xy", " ", " ", "\n", "\t", "\u00a0", "\u200c", "\u2029", "\u064e", "\u0640", "\x1c", "\r", "…", "ٯ"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert normalized_words(text) == " ".join(normalize(text).split()), repr(text)


def test_the_id_of_a_long_text_is_the_id_of_its_words(monkeypatch):
    """Over the chunk size the id hashes the chunked pieces: the same id."""
    from khabar import article

    title, body = "عنوان الخبر", "فقرة  أولى\n\nفقرة\u00a0ثانية ـ هنا"
    short = article.article_id_for(title, body)
    monkeypatch.setattr(article, "_COLLAPSE_CHUNK", 5)
    assert article.article_id_for(title, body) == short


def test_json_text_is_the_standard_librarys_indented_json_of_the_jsonable_form():
    """Written in one pass, the text json.dumps gives: nesting, empty containers, escapes,
    floats (integral, tiny, non-finite), dates, dict keys, the outlets of a sentence."""
    import json
    import math

    from khabar.model import json_text, to_jsonable

    cite = Citation(article_id="a1", outlet="وكالة \"س\"\n", sentence_index=0, start=0, end=5, text="نص\t«مقتبس»", similarity=1e-07)
    brief = EventBrief(
        articles=(ArticleDigest(id="a1", title="عنوان", outlet=None, url=None, published=dt.date(2016, 12, 13), language="ar", sentence_count=2, word_count=9, numbers=()),),
        summary=(
            SummarySentence(text="جملة", article_id="a1", sentence_index=0, start=0, end=4, citations=(cite, cite), score=0.1),
            SummarySentence(text="", article_id="a1", sentence_index=1, start=5, end=5),
        ),
        options={"threshold": 0.35, "n": 3, "flag": True, "none": None, "nested": {"k": [1.0, -0.0, 2.5e300, []]}, 7: "seven"},
    )
    assert json_text(brief) == json.dumps(to_jsonable(brief), ensure_ascii=False, indent=2)
    for odd in ([math.nan, math.inf, -math.inf], {}, [], "\u2028\x00", 10**30, (1, (2, ()))):
        assert json_text(odd) == json.dumps(to_jsonable(odd), ensure_ascii=False, indent=2)
    with pytest.raises(TypeError):
        json_text({"x": object()})


def test_shifted_moves_both_offsets_as_dataclasses_replace_does():
    import dataclasses

    from khabar.model import DateMention, Sentence, shifted

    number = NumberMention(4, 6, "25", 25.0, 20.0, 30.0, approximate=True, qualifier="نحو", unit="percent")
    date = DateMention(10, 22, "5 آذار 2018", dt.date(2018, 3, 5), "absolute", "day", "5 آذار 2018")
    for mention in (number, date):
        moved = shifted(mention, 100)
        assert moved == dataclasses.replace(mention, start=mention.start + 100, end=mention.end + 100)
        assert repr(moved) == repr(dataclasses.replace(mention, start=mention.start + 100, end=mention.end + 100))
        assert shifted(moved, -100) == mention
    with pytest.raises(TypeError):
        shifted(Sentence("a", 0, 0, 4, "نص"), 1)  # its fields do not open with start and end
