"""Search across proclitics: "حلب" finds "بحلب", "المعارضة" finds "معارضة", exact forms first."""

from __future__ import annotations

import re

import pytest

from khabar.model import Article
from khabar.store import open_store
from khabar.store.query import parse_query, snippet
from khabar.text.ar.clitics import bare_text, bare_word, leading_forms, word_forms
from khabar.text.ar.normalize import normalize


def art(title: str, body: str = "نص الخبر كما ورد من المراسل.") -> Article:
    return Article.create(title=title, body=body)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.sqlite3") as s:
        yield s


def found(store, query: str) -> list[str]:
    return [h.article.id for h in store.search(query)]


# --- a word finds itself with other proclitics -------------------------------------------


@pytest.mark.parametrize(
    "query,written",
    [
        ("حلب", "بحلب"),  # bi-: in
        ("حلب", "وحلب"),  # wa-: and
        ("حلب", "لحلب"),  # li-: for
        ("حلب", "فحلب"),  # fa-: so
        ("المعارضة", "معارضة"),  # the query has the article, the article not
        ("المعارضة", "والمعارضة"),  # wa- + article
        ("المعارضة", "للمعارضة"),  # li- + article, its alef dropped
        ("معارضة", "بالمعارضة"),  # bi- + article, query without
        ("بحلب", "حلب"),  # the query's own proclitic is stripped too
        ("بحلب", "وحلب"),  # a different proclitic on both sides
        ("ولبنان", "بلبنان"),  # a stem whose first letter looks like a proclitic
    ],
)
def test_a_query_word_finds_the_word_written_with_other_proclitics(store, query, written):
    a = art("خبر", f"قال المراسل إن {written} شهدت يوما هادئا.")
    store.add([a])
    assert found(store, query) == [a.id]


def test_a_longer_word_with_the_same_start_is_not_the_word(store):
    store.add([art("خبر", "وصل الحلبي إلى المدينة أمس.")])
    assert found(store, "حلب") == []


def test_a_root_letter_is_not_taken_for_a_proclitic_when_too_little_is_left(store):
    store.add([art("خبر", "ولد الطفل في المخيم.")])  # "ولد" is a word, not "و" + "لد"
    assert found(store, "بلد") == []


def test_spelling_variants_still_match_under_proclitics(store):
    a = art("خبر", "وقال المسؤول إن القصف توقف، وطالب بالإغاثة.")
    store.add([a])
    assert found(store, "مسئول اغاثه") == [a.id]


def test_every_query_word_must_still_occur(store):
    store.add([art("خبر", "دخلت القوات بحلب صباحا.")])
    assert found(store, "حلب دمشق") == []


def test_a_prefix_query_reaches_under_proclitics(store):
    a = art("خبر", "اجتمع ممثلون عن الحكومة وللمعارضين في جنيف.")
    store.add([a])
    assert found(store, "معارض*") == [a.id]


def test_a_prefix_query_still_matches_as_written(store):
    a = art("خبر", "اشتد القصف بحلب ليلا.")
    store.add([a])
    assert found(store, "بحل*") == [a.id]


def test_or_takes_either_word_with_proclitics(store):
    a, b = art("خبر أول", "وصلت القافلة لحلب."), art("خبر ثان", "وصلت القافلة بدمشق.")
    store.add([a, b])
    assert set(found(store, "حلب OR دمشق")) == {a.id, b.id}


# --- ranking ------------------------------------------------------------------------------


def test_an_article_with_the_word_as_written_ranks_above_one_with_it_only_under_proclitics(store):
    # The clitic-only article says it far more often and in its title, and still comes second.
    clitic_only = art("القصف بحلب مستمر", "بحلب وبحلب ولحلب، قصف بحلب طوال الليل في أحياء عديدة.")
    as_written = art("تقرير عن الأوضاع", "وفي سياق آخر ذكر التقرير حلب مرة واحدة بين أخبار كثيرة عن المنطقة.")
    store.add([clitic_only, as_written])
    hits = store.search("حلب")
    assert [h.article.id for h in hits] == [as_written.id, clitic_only.id]
    assert [h.exact for h in hits] == [True, False]


def test_a_query_with_a_proclitic_ranks_that_exact_form_first(store):
    bare = art("حلب اليوم", "حلب حلب حلب: هدوء حذر في المدينة.")
    with_bi = art("خبر", "وصلت الحافلات بحلب مساء.")
    store.add([bare, with_bi])
    assert found(store, "بحلب") == [with_bi.id, bare.id]


def test_among_exact_hits_a_title_match_still_ranks_first(store):
    in_body = art("خبر عن المدينة", "وذكر التقرير حلب مرة واحدة بين أخبار كثيرة عن المدينة.")
    in_title = art("حلب تحت الحصار", "تستمر المعاناة في الأحياء الشرقية.")
    store.add([in_body, in_title])
    assert found(store, "حلب") == [in_title.id, in_body.id]


# --- phrases ------------------------------------------------------------------------------


def test_a_phrase_still_matches_as_written(store):
    a = art("خبر", "اجتمع مجلس الأمن الدولي مساء.")
    store.add([a])
    assert found(store, '"مجلس الأمن"') == [a.id]


def test_a_phrase_finds_its_first_word_under_a_proclitic(store):
    a = art("خبر", "دعت فرنسا لمجلس الأمن إلى جلسة طارئة.")
    store.add([a])
    assert found(store, '"مجلس الأمن"') == [a.id]


def test_a_phrase_with_a_proclitic_finds_the_phrase_without_it(store):
    a = art("خبر", "أصدرت الأمم المتحدة بيانا.")
    store.add([a])
    assert found(store, '"وللأمم المتحدة"') == [a.id]


def test_a_phrase_still_needs_its_words_together_and_in_order(store):
    store.add([art("خبر", "الأمن في المدينة ومجلس البلدية مجتمع.")])
    assert found(store, '"مجلس الأمن"') == []


def test_a_phrase_as_written_ranks_above_one_under_a_proclitic(store):
    clitic = art("ومجلس الأمن يجتمع", "ومجلس الأمن يجتمع، ولمجلس الأمن رأي، وبمجلس الأمن خلاف.")
    exact = art("خبر", "قال دبلوماسيون إن مجلس الأمن سيجتمع غدا.")
    store.add([clitic, exact])
    assert found(store, '"مجلس الأمن"') == [exact.id, clitic.id]


# --- snippets -----------------------------------------------------------------------------

FILLER = "كلام عام عن الطقس والأسواق في المدينة. " * 20


def test_the_snippet_shows_where_the_word_occurs_under_a_proclitic(store):
    a = art("تقرير مطول", FILLER + "واشتد القصف بحلب الليلة الماضية. " + FILLER)
    store.add([a])
    (hit,) = store.search("حلب")
    assert "القصف بحلب الليلة" in hit.snippet and hit.snippet.startswith("…")


def test_the_snippet_prefers_the_word_as_written():
    text = "عنوان\n\n" + "وصل الوفد لحلب. " + FILLER + "ثم قال إن حلب تنتظر. " + FILLER
    assert "إن حلب تنتظر" in snippet(text, parse_query("حلب"))


def test_the_snippet_shows_a_phrase_matched_under_a_proclitic():
    text = "عنوان\n\n" + FILLER + "دعت فرنسا لمجلس الأمن إلى جلسة. " + FILLER
    assert "لمجلس الأمن إلى" in snippet(text, parse_query('"مجلس الامن"'))


def test_the_snippet_keeps_the_original_spelling_of_a_clitic_match():
    text = "عنوان\n\nوقال للمسؤولين إن الوضع صعب."
    assert "للمسؤولين" in snippet(text, parse_query("مسئولين"))


# --- odd input ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["و", "ال", "وال*", '"و"', '"ال ال"', 'ب"حلب', "*ال", "NEAR(حلب", '"لل" OR', "بال AND", "ـ", "و-ال"],
)
def test_search_never_raises_on_proclitics_alone_or_fts_syntax(store, query):
    store.add([art("خبر عن حلب", "وصلت القافلة لحلب والمعارضة تراقب.")])
    assert isinstance(store.search(query), list)


# --- the pieces ---------------------------------------------------------------------------


def test_bare_word_falls_back_to_a_shorter_proclitic_that_leaves_a_stem():
    assert bare_word("وبلد") == "بلد"  # "وب" would leave "لد"; "و" leaves "بلد"


def test_word_forms_reach_the_bare_form_of_a_stem_that_starts_like_a_proclitic():
    assert bare_word(normalize("لبنان")) in word_forms(normalize("بلبنان"))


def test_leading_forms_keep_only_forms_whose_stem_is_the_word():
    assert "ولد" not in leading_forms("لد") and "ومجلس" in leading_forms("مجلس")


def test_bare_text_holds_the_stem_of_each_word_that_has_proclitics_in_the_seeds(seed_texts):
    for text in seed_texts.values():
        norm = normalize(text)
        index_words = re.findall(r"[^\W_]+", norm)  # as FTS5 splits them: "و364" is one word
        expected = [bare_word(w) for w in index_words if bare_word(w) != w]
        assert bare_text(norm).split() == expected


def test_bare_text_read_as_bytes_finds_what_the_pattern_over_the_text_finds():
    """Text of ASCII and Arabic letters is read a byte a character; random text of
    proclitic letters, other letters, digits, underscores, punctuation and one character
    outside that alphabet (which takes the pattern over the text) gives the same words."""
    import random

    from khabar.text.ar import clitics

    # "رونه"، "رنك": the rests of known words kept whole ("كرونه"، "فرنك*"), each pattern's lookahead
    pieces = ["و", "ف", "ب", "ل", "ك", "ال", "لل", "حلب", "مدينه", "رونه", "رنك", "د", "7", "x", "_", " ", ",", "\n", "ٯ"]
    rng = random.Random(5)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        want = " ".join(clitics._proclitic_word().findall(text))
        assert bare_text(text) == want, repr(text)


def test_index_columns_are_index_text_and_its_bare_text_from_one_encoding():
    """The index's two columns of a title or body, made together from the text, are what
    normalize, index_text and bare_text make apart: on text that normalizes to plain text,
    and on text with characters the normalization changes, expands (…) or does not know,
    or that stay outside the plain alphabet (accents, other scripts) for index_text."""
    import random

    from khabar.store.query import index_columns, index_text

    pieces = ["و", "ب", "أ", "ى", "ة", "ال", "لل", "حلب", "مدينه", "٣", "7", "x", "A", "É", "é", "ﻻ", "ٯ", "\u0651", "…"]
    pieces += ["\u0640", "\u00a0", "ß", " ", ",", "\n"]
    rng = random.Random(8)
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        indexed = index_text(normalize(text))
        assert index_columns(text) == (indexed, bare_text(indexed)), repr(text)


def test_the_seeds_that_write_the_opposition_with_the_article_are_found_without_it(tmp_path, seed_texts):
    articles = [Article.create(title=t.split("\n", 1)[0], body=t.split("\n", 1)[1]) for t in seed_texts.values()]
    with_article = {a.id for a in articles if re.search(r"(?<!\w)(?:[وبل]?ال|لل)معارض[ةه](?!\w)", normalize(a.text))}
    with open_store(tmp_path / "s.sqlite3") as s:
        s.add(articles)
        assert with_article and set(found(s, "معارضة")) == with_article


def test_an_article_given_with_its_index_columns_is_stored_and_found_as_one_given_bare(tmp_path):
    """What ``khabar ingest --workers N`` hands the writer (the columns made on a worker)
    is searched exactly as what the store indexes itself."""
    from khabar.store.articles import article_row

    articles = [art("قصف بحلب والمعارضة ترد"), art("وصول القافلة إلى المدينة", "قال المتحدث إن القافلة وصلت للمدينة.")]
    queries = ["حلب", "المعارضة", "مدينة", '"القافلة وصلت"', "ترد OR وصول"]
    with open_store(tmp_path / "a.sqlite3") as plain, open_store(tmp_path / "b.sqlite3") as given:
        plain.add(articles)
        result = given.add([article_row(articles[0]), articles[1], article_row(articles[0])])
        assert (result.added, result.existing) == (2, 1)
        assert given.get(articles[0].id) == articles[0]
        for q in queries:
            assert [(h.article, h.score, h.exact) for h in given.search(q)] == [
                (h.article, h.score, h.exact) for h in plain.search(q)
            ], q
            assert found(given, q), q
