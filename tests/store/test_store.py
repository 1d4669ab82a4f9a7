"""The store: writing (idempotent, all or nothing), reading, search across spellings, opening."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3

import pytest

import khabar
from khabar.errors import OptionsError, StoreError
from khabar.model import Article
from khabar.store import AddResult, SearchHit, open_store
from khabar.store.query import index_text, parse_query, snippet
from khabar.text.ar.normalize import normalize

D = dt.date


def art(title: str, body: str = "نص الخبر كما ورد من المراسل في المدينة.", **kw) -> Article:
    return Article.create(title=title, body=body, **kw)


UN = art(
    "الأمم المتحدة تطالب بهدنة في حلب",
    "قال مسؤول في الأمم المتحدة إن آلاف المدنيين محاصرون، وطالب بممر آمن.",
    outlet="وكالة الشرق",
    published=D(2016, 12, 13),
)
FR = art(
    "أيرولت يدعو إلى اجتماع عاجل",
    "دعا وزير الخارجية الفرنسي جان مارك أيرولت إلى اجتماع عاجل لبحث الوضع الإنساني.",
    outlet="صحيفة النهار",
    published=D(2016, 12, 14),
)
RC = art(
    "الهلال الأحمر يجلي الجرحى",
    "أجلى الهلال الأحمر عشرات الجرحى من الأحياء الشرقية فجر الخميس.",
    outlet="وكالة الشرق",
    published=D(2016, 12, 15),
)


@pytest.fixture
def store(tmp_path):
    with open_store(tmp_path / "store.sqlite3") as s:
        yield s


@pytest.fixture
def filled(store):
    store.add([UN, FR, RC])
    return store


# --- writing -----------------------------------------------------------------------------


def test_add_reports_added_and_ids_in_order(store):
    result = store.add([UN, FR])
    assert result == AddResult(added=2, existing=0, ids=(UN.id, FR.id))


def test_adding_the_same_article_again_stores_it_once(store):
    store.add([UN])
    again = store.add([UN, FR])
    assert (again.added, again.existing, store.count()) == (1, 1, 2)


def test_the_same_article_twice_in_one_call_counts_once_as_existing(store):
    result = store.add([UN, UN])
    assert (result.added, result.existing, store.count()) == (1, 1, 1)


def test_an_iterable_failing_midway_stores_nothing_of_that_call(store):
    store.add([UN])

    def failing():
        yield FR
        yield RC
        raise RuntimeError("feed broke")

    with pytest.raises(RuntimeError, match="feed broke"):
        store.add(failing())
    assert store.count() == 1 and FR.id not in store and RC.id not in store


def test_a_write_failing_inside_the_transaction_rolls_back_every_row(store):
    boom = art("انفجار في الكتابة", outlet="x")
    # Make SQLite itself fail on the third row, after two rows were written.
    store._conn.execute(
        "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.articles "
        "WHEN NEW.title = 'انفجار في الكتابة' BEGIN SELECT RAISE(ABORT, 'boom'); END"
    )
    with pytest.raises(StoreError, match="boom"):
        store.add([UN, FR, boom, RC])
    assert store.count() == 0 and store.search("حلب") == []


def test_a_non_article_is_refused_before_anything_is_written(store):
    with pytest.raises(StoreError, match="Article"):
        store.add([UN, {"title": "x"}])
    assert store.count() == 0


def test_add_batches_commits_each_batch_and_reports_totals(store):
    many = [art(f"خبر رقم {i} عن حلب") for i in range(7)]
    seen: list[int] = []
    result = store.add_batches([*many, many[0]], batch_size=3, progress=lambda r: seen.append(r.added))
    assert (result.added, result.existing, len(result.ids)) == (7, 1, 8)
    assert seen == [3, 3, 1]


def test_add_batches_keeps_the_batches_before_a_failure(store):
    many = [art(f"خبر رقم {i} عن حلب") for i in range(5)]

    def failing():
        yield from many
        raise RuntimeError("disk reader died")

    with pytest.raises(RuntimeError):
        store.add_batches(failing(), batch_size=2)
    assert store.count() == 4  # two full batches; the fifth article's batch never completed


def test_add_pieces_writes_every_piece_in_one_transaction_each_article_once(store):
    many = [art(f"خبر رقم {i} عن حلب") for i in range(5)]
    store.add([many[0]])
    result = store.add_pieces(iter([[many[0], many[1], many[1]], [many[2]], [many[1], many[3], many[4]]]))
    assert (result.added, result.existing, len(result.ids)) == (4, 3, 7)
    assert list(store.ids()) == [a.id for a in many]


def test_add_pieces_is_all_or_nothing(store):
    many = [art(f"خبر رقم {i} عن حلب") for i in range(4)]

    def failing():
        yield many[:2]
        yield many[2:]
        raise RuntimeError("the reader died")

    with pytest.raises(RuntimeError):
        store.add_pieces(failing())
    assert store.count() == 0


def test_add_batches_refuses_a_zero_batch_size(store):
    with pytest.raises(OptionsError):
        store.add_batches([UN], batch_size=0)


# --- reading -----------------------------------------------------------------------------


def test_get_round_trips_every_field_including_arabic_and_dates(store):
    a = Article.create(
        title="  «عاجل»: قصفٌ على حيّ الوادي  ",
        body="قال شاهدٌ إنّ القصف استمر ١٢ ساعة.\n\nوأضاف: «لم ننم».",
        outlet="وكالة الشرق",
        url="https://example.org/أخبار/1",
        published=D(2016, 12, 13),
        language="ar",
        source="/data/in/a.txt",
    )
    store.add([a])
    assert store.get(a.id) == a


def test_get_round_trips_missing_fields_as_none(store):
    a = Article.create(title="خبر بلا مصدر", body="نص قصير بلا تاريخ ولا منفذ.")
    store.add([a])
    back = store.get(a.id)
    assert back == a and back.outlet is None and back.published is None and back.url is None


def test_get_of_an_unknown_id_is_none(store):
    assert store.get("0000000000000000") is None


def test_an_article_given_as_its_row_is_stored_as_text_like_the_article(tmp_path):
    """The row form (what the workers of an ingest send) carries the long columns as UTF-8
    bytes; the store must keep them as text, never as blobs, and index them the same."""
    from khabar.store.articles import article_row

    a = Article.create(title="عنوان بلا متن", body="", outlet="وكالة الشرق", published=D(2016, 12, 13))
    with open_store(tmp_path / "a.sqlite3") as plain, open_store(tmp_path / "b.sqlite3") as rows:
        plain.add([UN, a])
        rows.add([article_row(UN), article_row(a)])
        dumps = []
        for s in (plain, rows):
            assert s.get(UN.id) == UN and s.get(a.id) == a
            with s._reading() as conn:
                kinds = conn.execute("SELECT DISTINCT typeof(title), typeof(body) FROM articles").fetchall()
                conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, instance)")
                dumps.append(conn.execute("SELECT * FROM temp.vocab ORDER BY 1, 2, 3, 4").fetchall())
            assert kinds == [("text", "text")]
        assert dumps[0] == dumps[1] and dumps[0]


def test_contains_takes_an_id_or_an_article(filled):
    assert UN.id in filled and FR in filled and "nope" not in filled and 42 not in filled


def test_articles_are_listed_by_date_with_undated_last(store):
    undated = art("خبر بلا تاريخ")
    store.add([RC, undated, UN, FR])
    assert [a.id for a in store.articles()] == [UN.id, FR.id, RC.id, undated.id]


def test_every_page_is_a_slice_of_one_order_dated_then_undated(store):
    days = [dt.date(2023, 3, d) for d in (5, 1, 5, 3)]
    dated = [art(f"خبر مؤرخ رقم {i}", outlet="وكالة" if i % 2 else "صحيفة", published=d) for i, d in enumerate(days)]
    undated = [art(f"خبر بلا تاريخ رقم {i}", outlet="وكالة" if i % 2 else "صحيفة") for i in range(3)]
    store.add(dated + undated)
    for outlet in (None, "وكالة"):
        chosen = [a for a in dated + undated if outlet in (None, a.outlet)]
        order = [a.id for a in sorted(chosen, key=lambda a: (a.published is None, a.published or dt.date.min, a.id))]
        for limit in (1, 2, 3, 50):
            for offset in range(len(order) + 2):
                page = [a.id for a in store.articles(limit=limit, offset=offset, outlet=outlet)]
                assert page == order[offset : offset + limit], (outlet, limit, offset)


def test_articles_filter_by_outlet_and_inclusive_dates(filled):
    assert [a.id for a in filled.articles(outlet="وكالة الشرق")] == [UN.id, RC.id]
    assert [a.id for a in filled.articles(since=D(2016, 12, 14), until=D(2016, 12, 15))] == [FR.id, RC.id]


def test_articles_page_with_limit_and_offset(filled):
    assert [a.id for a in filled.articles(limit=1, offset=1)] == [FR.id]


def test_a_negative_limit_is_refused(filled):
    with pytest.raises(OptionsError, match="limit"):
        filled.articles(limit=-1)


def test_outlets_count_articles_most_first(filled):
    assert filled.outlets() == [("وكالة الشرق", 2), ("صحيفة النهار", 1)]


def test_ids_yield_every_id_once(store):
    many = [art(f"خبر رقم {i} عن حلب") for i in range(2500)]  # more than one page of ids
    store.add(many)
    assert list(store.ids()) == [a.id for a in many]


# --- search ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,expected",
    [
        ("مسئول", "مسؤول"),  # hamza seat
        ("ايرولت", "أيرولت"),  # alef with hamza
        ("الامم المتحدة", "الأمم المتحدة"),  # alef, several words
        ("الأمم المتحده", "الأمم المتحدة"),  # ta marbuta
    ],
)
def test_search_matches_across_spelling_variants(filled, query, expected):
    hits = filled.search(query)
    assert hits and all(expected in h.article.text for h in hits)


def test_search_requires_every_word(filled):
    assert [h.article.id for h in filled.search("الأمم حلب")] == [UN.id]
    assert filled.search("الأمم أيرولت") == []


def test_search_or_accepts_either_word(filled):
    assert {h.article.id for h in filled.search("أيرولت OR الجرحى")} == {FR.id, RC.id}


def test_search_lowercase_or_is_a_word_not_an_operator(filled):
    assert filled.search("أيرولت or الجرحى") == []


def test_search_quoted_phrase_needs_the_words_together(store):
    together = art("اجتماع مجلس الأمن اليوم")
    apart = art("الأمن في المدينة ومجلس البلدية مجتمع")
    store.add([together, apart])
    assert [h.article.id for h in store.search('"مجلس الأمن"')] == [together.id]
    assert [h.article.id for h in store.search("«مجلس الامن»")] == [together.id]


def test_search_prefix_with_star(filled):
    assert [h.article.id for h in filled.search("أيرو*")] == [FR.id]


def test_search_ranks_a_title_match_first(store):
    in_body = art("خبر عن المدينة", "وفي سياق آخر ذكر التقرير حلب مرة واحدة بين أخبار كثيرة عن المدينة.")
    in_title = art("حلب تحت الحصار", "تستمر المعاناة في الأحياء الشرقية مع اشتداد البرد.")
    store.add([in_body, in_title])
    hits = store.search("حلب")
    assert [h.article.id for h in hits] == [in_title.id, in_body.id]
    assert hits[0].score > hits[1].score


@pytest.mark.parametrize("query", ['"', "AND (", "*", "OR", "NOT", ")", '"" OR', "حلب AND (", '"حلب', "NEAR(a b)", "^", ":", "-"])
def test_search_never_raises_on_fts_syntax(filled, query):
    hits = filled.search(query)
    assert isinstance(hits, list)


def test_search_ignores_punctuation_around_words(filled):
    assert [h.article.id for h in filled.search("(حلب)")] == [UN.id]


def test_search_parts_words_at_symbols_outside_ascii_and_folds_other_scripts(store):
    """The index reads words split in Python (FTS5's ascii tokenizer, store migration 9):
    a bullet or a sign between two words parts them, a combining mark inside a word does
    not, and other scripts match whatever their case, as with the tokenizer before."""
    a = art("نشرة الأخبار", "وصل الوفد•غادر السفير ثم وصل وفد من МОСКВА إلى café e\u0301cole.")
    store.add([a, UN])
    for query in ("غادر", "الوفد", "москва", "Москва", "cafe", "école", "ecole"):
        assert [h.article.id for h in store.search(query)] == [a.id], query
    assert store.search("الوفد•غادر")[0].article.id == a.id  # the same two words, together


def _index_words(tokenize: str, texts: list[str]) -> list[tuple]:
    """Each word FTS5 finds in ``texts`` with ``tokenize``: (word, text, position)."""
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{tokenize}')")
    conn.executemany("INSERT INTO t (x) VALUES (?)", [(x,) for x in texts])
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    return conn.execute("SELECT term, doc, offset FROM v ORDER BY doc, offset").fetchall()


def test_index_text_read_by_the_ascii_tokenizer_gives_the_words_unicode61_gave():
    """Store migration 9 changed the index's tokenizer; the words it finds are the same:
    Arabic and Latin punctuation, digits, tatweel, joiners, ligatures, spaces of all kinds,
    other scripts' case and Latin accents.  (Greek accents differ: unicode61 kept them.)"""
    texts = [
        "قال المتحدث باسم الأمم المتحدة، ستيفان دوجاريك، إنّ «الوضع كارثي»؛ وأضاف: هل من مجيب؟",
        "ارتفع سعر برميل النفط إلى ٧٥٫٣ دولاراً (+2%) — وفق رويترز/AFP… • النص التالي",
        "Café CRÈME, Straße und ÉCOLE: Москва МОСКВА naïve façade",
        "كلمة\u200cمع\u200cفاصل وكلمة\u200dمع\u200dواصل ونص ـــ مطوّل ﻻ ﷲ ۱۲۳ پچژگ",
        "tab\there\u00a0nbsp\u2003em\u3000ideo x×y a_b 3.5 1,000 e-mail",
    ]
    normalized = [normalize(t) for t in texts]
    before = _index_words("unicode61 remove_diacritics 2", normalized)
    assert len(before) > 50
    assert _index_words("ascii", [index_text(t) for t in normalized]) == before


def test_index_text_leaves_plain_arabic_and_ascii_as_they_are():
    plain = normalize("قال مسؤول (رويترز) إن ١٢ شخصاً قُتلوا، و\nذلك في عام 2020.")
    assert index_text(plain) == plain
    assert index_text("الوفد•غادر × 3") == "الوفد غادر   3"
    assert index_text("e\u0301cole Москва") == "ecole москва"


def test_search_of_only_punctuation_finds_nothing(filled):
    assert filled.search('" ( * )') == []


def test_search_pages_with_limit_and_offset(store):
    many = [art(f"حلب خبر رقم {i}", "نص " * i + "حلب") for i in range(1, 6)]
    store.add(many)
    everything = [h.article.id for h in store.search("حلب", limit=10)]
    assert [h.article.id for h in store.search("حلب", limit=2, offset=2)] == everything[2:4]


def test_snippet_shows_the_original_spelling_around_a_variant_match(store):
    filler = "كلام عام عن الطقس والأسواق في المدينة. " * 20
    a = art("تقرير مطول", filler + "وقال مسؤول أممي إن الوضع كارثي. " + filler)
    store.add([a])
    (hit,) = store.search("مسئول")
    assert isinstance(hit, SearchHit)
    assert "مسؤول أممي" in hit.snippet and hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert len(hit.snippet) <= 210


def test_snippet_keeps_diacritics_as_written():
    text = "عنوان\n\nقال مسؤولٌ كبير إن القصف توقف."
    assert "مسؤولٌ كبير" in snippet(text, parse_query("مسئول"))


def test_parse_query_groups_or_alternatives_and_quotes_every_term():
    parsed = parse_query('حلب OR "شرق حلب" أيرولت*')
    assert parsed.expression == '("حلب" OR "شرق حلب") AND ("ايرولت" *)'


# --- opening -----------------------------------------------------------------------------


def test_the_store_persists_across_reopening(tmp_path):
    path = tmp_path / "s.sqlite3"
    with open_store(path) as s:
        s.add([UN, FR])
    with open_store(str(path)) as s:
        assert s.count() == 2 and s.get(FR.id) == FR and [h.article.id for h in s.search("ايرولت")] == [FR.id]


def test_the_store_uses_wal_and_waits_for_locks(store):
    conn = store._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 10_000
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


def test_no_path_means_the_khabar_db_environment_variable(tmp_path, monkeypatch):
    path = tmp_path / "nested" / "dir" / "env.sqlite3"
    monkeypatch.setenv("KHABAR_DB", str(path))
    with khabar.open_store() as s:  # the store is told its path; the public API finds the default
        s.add([UN])
        assert s.path == path
    assert path.is_file()


def test_a_directory_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match=str(tmp_path)):
        open_store(tmp_path)


def test_a_path_under_a_file_cannot_be_created(tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="file.txt"):
        open_store(blocker / "store.sqlite3")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_directory_is_reported_with_its_path(tmp_path):
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=f"{locked}.*not writable"):
            open_store(locked / "store.sqlite3")
    finally:
        locked.chmod(0o700)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_store_file_is_reported_at_open(tmp_path):
    path = tmp_path / "s.sqlite3"
    open_store(path).close()
    path.chmod(0o400)
    with pytest.raises(StoreError, match="not writable"):
        open_store(path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite3"
    garbage = b"these are my notes, not a database\n" * 100
    path.write_bytes(garbage)
    with pytest.raises(StoreError, match="not a khabar store"):
        open_store(path)
    assert path.read_bytes() == garbage
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite3"]


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(StoreError, match="not a khabar store"):
        open_store(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_an_empty_file_becomes_a_store(tmp_path):
    path = tmp_path / "empty.sqlite3"
    path.touch()
    with open_store(path) as s:
        s.add([UN])
        assert s.count() == 1


def test_a_closed_store_says_so(tmp_path):
    s = open_store(tmp_path / "s.sqlite3")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.count()


def test_a_named_store_in_a_folder_that_does_not_exist_is_refused_not_created(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "x.sqlite3")
    assert not (tmp_path / "no").exists()


def test_a_store_created_when_used_is_made_by_its_first_use_in_any_thread(tmp_path):
    import threading

    path = tmp_path / "new.sqlite3"
    with open_store(path, create_when_used=True) as s:
        assert not path.exists()  # nothing made yet: the first write makes it
        done = []
        writer = threading.Thread(target=lambda: done.append(s.add([UN])))
        writer.start()
        writer.join()
        assert done[0].added == 1 and path.exists()
        assert s.count() == 1 and s.schema_version == khabar.store.SCHEMA_VERSION  # this thread reads it too
    with open_store(path, create_when_used=True) as s:  # an existing store is opened at once
        assert s.count() == 1


def test_a_store_created_when_used_checks_its_path_at_once(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "x.sqlite3", create_when_used=True)
    with pytest.raises(StoreError, match="is a directory"):
        open_store(tmp_path, create_when_used=True)


def test_a_foreign_file_made_before_the_first_use_is_refused_then_and_left_untouched(tmp_path):
    path = tmp_path / "late.sqlite3"
    with open_store(path, create_when_used=True) as s:
        garbage = b"another program wrote here first\n" * 50
        path.write_bytes(garbage)
        for _ in range(2):  # said at every use, not only the first
            with pytest.raises(StoreError, match="not a khabar store"):
                s.add([UN])
    assert path.read_bytes() == garbage
