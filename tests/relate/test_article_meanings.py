"""The distilled meaning (khabar.relate.meaning.static_meanings): paraphrases meet, other
happenings stay apart, on sentences written for these tests."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from khabar.relate.meaning import article_meanings, static_meanings
from khabar.relate.stories import assign_stories
from khabar.scale.cluster import sign_batch
from story_texts import OPTIONS, OTHER_EVENT, WIRE, article

STATIC = replace(OPTIONS, meaning_encoder="static")


def test_a_paraphrase_is_closer_than_another_happening_of_the_same_town():
    bridge, retold, fire = static_meanings(
        [
            "انهيار جسر الوادي في بلدة كفر نجم ومقتل ثلاثة عمال أثناء ترميمه",
            "ثلاثة عمال يقضون تحت أنقاض معبر الوادي الذي هوى في كفر نجم",
            "حريق يلتهم سوق الخضار في بلدة كفر نجم ولا إصابات",
        ]
    )
    assert bridge @ retold > bridge @ fire + 0.1


def test_meanings_are_unit_rows_and_a_text_without_content_words_is_zero():
    rows = static_meanings(["فاز المنتخب على ضيفه بهدفين", "في من على إلى"])
    assert np.isclose(np.linalg.norm(rows[0]), 1.0, atol=1e-5)
    assert not rows[1].any()


def test_articles_signed_with_the_static_encoder_group_by_it():
    retold = article(
        "ثلاثة عمال يقضون تحت أنقاض معبر الوادي في كفر نجم",
        "هوى المعبر الحجري القديم في كفر نجم يوم الثلاثاء فوق الورشة التي كانت تصلحه، فقضى ثلاثة عمال "
        "وأسعف سبعة جرحى إلى المشفى، وتعهد المجلس البلدي بتحقيق فني.",
        outlet="موقع النهار",
    )
    items = sign_batch([WIRE, retold, OTHER_EVENT], options=STATIC)
    assert all(item.meaning.shape == (128,) for item in items)
    assert np.allclose(items[0].meaning, article_meanings([WIRE], encoder="static")[0], atol=1e-3)
    events = assign_stories(items, options=STATIC)
    assert events[retold.id] == events[WIRE.id] != events[OTHER_EVENT.id]


def test_the_event_threshold_follows_the_encoder_unless_given():
    assert OPTIONS.event_threshold is None and OPTIONS.meaning_encoder == "use"
    hand, static_hand = replace(OPTIONS, event_scorer="hand"), replace(STATIC, event_scorer="hand")
    assert hand.join_threshold == 0.95 and static_hand.join_threshold == 1.0
    assert replace(STATIC, event_threshold=0.9).join_threshold == 0.9
    # a store grouped when the threshold was written out goes on with the default
    assert replace(hand, event_threshold=0.95).resolved() == hand.resolved() != static_hand.resolved()
    assert replace(OPTIONS, event_threshold=OPTIONS.join_threshold).resolved() == OPTIONS.resolved() != hand.resolved()


def test_the_kept_static_vectors_give_the_same_meanings_and_a_damaged_copy_only_costs_time(tmp_path, monkeypatch):
    import numpy as np

    from khabar.relate import meaning

    texts = ["قتل عشرون مدنيا في قصف على حلب", "وصلت قافلة المساعدات إلى البلدة المحاصرة", "و في"]

    def meanings(cache: str) -> np.ndarray:
        monkeypatch.setenv("KHABAR_CACHE_DIR", cache)
        meaning._static_model.cache_clear()
        return meaning.static_meanings(texts)

    try:
        shipped = meanings("off")
        assert np.array_equal(meanings(str(tmp_path)), shipped)  # builds and keeps the table
        (kept,) = tmp_path.glob("meaning-vectors-*.npy")
        assert np.array_equal(meanings(str(tmp_path)), shipped)  # reads the kept table
        kept.write_bytes(b"not an array")
        assert np.array_equal(meanings(str(tmp_path)), shipped)
    finally:
        meaning._static_model.cache_clear()


def test_meanings_read_in_blocks_are_those_of_one_text_at_a_time(monkeypatch):
    from khabar.relate import meaning
    from khabar.relate.similarity import content_terms
    from khabar.text.ar.tokenize import words

    texts = [
        "قتل عشرون مدنيا في قصف على حلب",
        "و في",
        "وصلت قافلة المساعدات إلى البلدة المحاصرة بعد حصار دام أشهرا",
        "حلب حلب حلب",
        "أعلنت الحكومة خطة لإعادة إعمار الجسور المدمرة في الريف الشمالي",
    ]
    terms = [content_terms(words(t)) for t in texts]
    vectors, mean = meaning._static_model()

    def one(stems: list[str]) -> np.ndarray:  # a text at a time, as the meaning is defined
        if not stems:
            return np.zeros(vectors.shape[1], dtype=np.float32)
        v = vectors[meaning.stem_rows(stems, vectors.shape[0])].astype(np.float32).mean(axis=0) - mean
        return v / float(np.linalg.norm(v))

    expected = np.stack([one(t) for t in terms])
    monkeypatch.setattr(meaning, "STATIC_BLOCK", 2)  # texts across blocks, an empty one among them
    assert np.array_equal(meaning.static_meanings_of_stems(terms), expected)
    assert np.array_equal(meaning.static_meanings(texts), expected)
