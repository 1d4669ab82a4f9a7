"""The brief end to end: real seeds and small articles written for the test."""

import datetime as dt

import pytest

import khabar
from khabar.event_brief import build_event_brief
from khabar.config import BriefOptions
from khabar.model import Article
from khabar.relate.corroborate import SentencePool
from khabar.pipeline import analyze
from khabar.schema import validate_brief

SHARED_SENTENCE = "وقال مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية إن نحو أربعين ألف مدني ما زالوا محاصرين في حي الوادي الشرقي."


def _articles():
    return [
        Article.create(
            title="قصف متواصل على حي الوادي",
            body=SHARED_SENTENCE + " وتواصل القصف المدفعي على الأحياء الشرقية طوال ليل الأحد.\n\n"
            "وقال سكان إن المخابز أغلقت أبوابها منذ ثلاثة أيام بسبب نفاد الطحين.",
            outlet="وكالة الشرق",
            published=dt.date(2023, 11, 14),
        ),
        Article.create(
            title="الأمم المتحدة تحذر من كارثة في الوادي",
            body="حذرت منظمات إغاثة من تدهور الأوضاع الإنسانية في المدينة المحاصرة. "
            + SHARED_SENTENCE.replace("إن نحو", "ان نحو"),
            outlet="صحيفة النهار الجديد",
            published=dt.date(2023, 11, 14),
        ),
        Article.create(
            title="نداء لإجلاء الجرحى",
            body="وجه الهلال الأحمر نداء عاجلا لإجلاء الجرحى من المستشفى الميداني الوحيد في الحي. "
            + SHARED_SENTENCE.replace("ما زالوا", "لا يزالون"),
            outlet="قناة المدار",
            published=dt.date(2023, 11, 15),
        ),
    ]


def test_sentence_reported_by_three_outlets_is_cited_by_all_three():
    brief = build_event_brief(_articles())
    shared = [s for s in brief.summary if "أربعين ألف" in s.text]
    assert len(shared) == 1
    assert set(shared[0].outlets) == {"وكالة الشرق", "صحيفة النهار الجديد", "قناة المدار"}


def test_summary_never_repeats_the_same_statement():
    brief = build_event_brief(_articles())
    assert sum("أربعين ألف" in s.text for s in brief.summary) == 1


def test_summary_respects_the_word_budget():
    brief = build_event_brief(_articles(), options=BriefOptions(length_words=25))
    assert 0 < sum(len(s.text.split()) for s in brief.summary) <= 25 + 5  # word counts differ by clitic splitting


def test_citation_offsets_point_at_the_cited_text():
    articles = {a.id: a for a in _articles()}
    brief = build_event_brief(articles.values())
    for s in brief.summary:
        assert articles[s.article_id].text[s.start : s.end] == s.text
        for c in s.citations:
            assert articles[c.article_id].text[c.start : c.end] == c.text


def test_same_article_twice_counts_once():
    a = _articles()
    brief = build_event_brief([*a, a[0]])
    assert len(brief.articles) == 3


def test_numbers_of_each_article_are_in_the_brief():
    brief = build_event_brief(_articles())
    texts = [n.text for a in brief.articles for n in a.numbers]
    assert any("أربعين ألف" in t for t in texts)


def test_lead_algorithm_takes_first_body_sentences():
    brief = build_event_brief(_articles(), options=BriefOptions(algorithm="lead", length_words=200))
    firsts = {analyze(a).sentences[1].text for a in _articles()}
    assert firsts <= {s.text for s in brief.summary}


def test_seeds_brief_is_valid_and_cited(seeds_dir):
    brief = khabar.brief(seeds_dir)
    validate_brief(brief.to_dict())
    assert len(brief.articles) == 5
    assert brief.summary
    assert any(len(s.citations) >= 2 for s in brief.summary), "wire copy is shared by several seeds"


def test_seeds_summary_sentences_are_not_redundant(seeds_dir):
    articles = khabar.read(seeds_dir)
    options = BriefOptions()
    brief = build_event_brief(articles, options=options)
    pool = SentencePool.build([analyze(a) for a in articles])
    row = {(pool.docs[d].article.id, pool.docs[d].sentences[s].index): i for i, (d, s) in enumerate(pool.refs)}
    rows = [row[(s.article_id, s.sentence_index)] for s in brief.summary]
    for i in rows:
        similarity = pool.similarity_row(i)
        for j in rows:
            if i != j:
                assert similarity[j] < options.redundancy_threshold


def test_brief_of_nothing_is_an_input_error():
    with pytest.raises(khabar.InputError):
        khabar.brief([])


def test_example_brief_is_valid_and_cites_several_outlets():
    from khabar_testdata import EXAMPLES

    brief = khabar.brief(EXAMPLES / "wadi-nahr-evacuation")
    validate_brief(brief.to_dict())
    assert len(brief.articles) == 9
    assert sum(a.outlet is not None for a in brief.articles) == 9  # front matter, HTML, JSON and a source line
    assert len({o for s in brief.summary for o in s.outlets}) >= 3, "the summary cites several outlets"
    assert any(len({o.article_id for o in p.occurrences}) >= 3 for p in brief.shared_passages), "the wire paragraph"


def test_example_timeline_is_resolved_against_each_article_date():
    from khabar_testdata import EXAMPLES

    brief = khabar.brief(EXAMPLES / "wadi-nahr-evacuation")
    undated = {a.id for a in brief.articles if a.published is None}
    assert brief.timeline
    assert all(t.article_id not in undated for t in brief.timeline), "no date is guessed for the undated article"
    assert [t.date for t in brief.timeline] == sorted(t.date for t in brief.timeline)


# Publication days of the seeds, read from their own relative dates (e.g. seed 000 says the
# Turkish-Russian meeting is "اليوم الأربعاء" = 14 December 2016).
SEED_DAYS = {
    "000": dt.date(2016, 12, 14),
    "001": dt.date(2016, 12, 4),
    "002": dt.date(2016, 12, 13),
    "003": dt.date(2016, 12, 13),
    "004": dt.date(2016, 12, 13),
}


def _dated_seeds(seeds_dir):
    import dataclasses

    out = []
    for a in khabar.read(seeds_dir):
        prefix = a.source.rsplit("/", 1)[-1][:3]
        out.append(dataclasses.replace(a, published=SEED_DAYS[prefix]))
    return out


def _disputed_values(brief, category):
    """Each dispute of a quantity of ``category``: per side, its (low, high) values and its
    primary sources."""
    by_id = {c.id: c for c in brief.claims}
    out = []
    for q in brief.quantities:
        if q.category != category:
            continue
        for dispute in q.disputes:
            sides = []
            for i in dispute:
                members = [by_id[cid] for cid in q.positions[i].claim_ids]
                sides.append(({(m.low, m.high) for m in members}, " ".join(m.primary_source.text for m in members)))
            out.append(sides)
    return out


def test_seeds_trapped_figures_of_one_day_are_side_by_side_and_conflicting(seeds_dir):
    brief = build_event_brief(_dated_seeds(seeds_dir))
    disputes = _disputed_values(brief, "trapped")
    # 4 December (seed 001): de Mistura's more than 100,000 against the Observatory's up to 200,000
    dec4 = [d for d in disputes if any((100000.0, None) in v for v, _ in d) and any((None, 200000.0) in v for v, _ in d)]
    assert dec4 and any("ميستورا" in s for v, s in dec4[0]) and any("المرصد" in s for v, s in dec4[0])
    # 13 December: a US official's ~50,000 (BBC) against the civil defence's ~100,000
    dec13 = [d for d in disputes if any((50000.0, 50000.0) in v for v, _ in d)]
    assert dec13 and any("مسؤول" in s for v, s in dec13[0])
    assert not any((50000.0, 50000.0) in v for d in dec4 for v, _ in d)  # nine days apart: no dispute


def test_seeds_parts_of_a_total_are_nested_under_it(seeds_dir):
    brief = build_event_brief(_dated_seeds(seeds_dir))
    by_id = {c.id: c for c in brief.claims}
    total = next(c for c in brief.claims if c.value == 30000 and c.category == "displaced")
    parts = [c for c in brief.claims if c.relation is not None and c.relation.kind == "part_of" and c.relation.target == total.id]
    assert {c.value for c in parts} == {18000, 8500}
    owner = {cid: q for q in brief.quantities for cid in q.claim_ids}
    assert all(owner[c.id].parent == owner[total.id].id for c in parts)
    assert not owner[total.id].disputes
    assert by_id[total.id].primary_source.text == "الأمم المتحدة"


def _undated(title: str, body: str, source: str | None) -> Article:
    return Article.create(title=title, body=body, source=source)


LEAD_BODY = "قال المرصد السوري لحقوق الإنسان أمس إن عشرين مدنيا قتلوا في قصف على الأحياء الشرقية من المدينة. وقال مسؤول إن الاجتماع سيعقد في أنقرة."


def test_an_undated_article_that_states_its_day_gets_it_marked_inferred():
    dated = Article.create(title="مقتل عشرين مدنيا في حلب", body=LEAD_BODY, outlet="وكالة", published=dt.date(2016, 12, 13))
    stated = _undated("يجتمع الوزراء الأربعاء 14 كانون الأول في أنقرة لبحث الوضع في حلب", LEAD_BODY, "news/wed.txt")
    silent = _undated("الوزراء يبحثون الوضع في حلب", LEAD_BODY, "news/other.txt")
    brief = build_event_brief([dated, stated, silent])
    by_id = {a.id: a for a in brief.articles}
    assert by_id[stated.id].published == dt.date(2016, 12, 14)
    assert by_id[stated.id].inferred["published"].endswith("الأربعاء 14 كانون الأول")
    assert by_id[silent.id].published is None and "published" not in by_id[silent.id].inferred
    assert by_id[dated.id].inferred == {}
    # the supplied day is the reference of the article's own relative dates
    yesterday = [t for t in brief.timeline if t.article_id == stated.id and t.expression == "أمس"]
    assert [t.date for t in yesterday] == [dt.date(2016, 12, 13)]
    validate_brief(brief.to_dict())


def test_the_file_name_stands_in_for_an_unknown_outlet():
    named = Article.create(title="مقتل عشرين مدنيا في حلب", body=LEAD_BODY, outlet="وكالة", source="news/a.txt")
    nameless = _undated("الوزراء يبحثون الوضع في حلب", LEAD_BODY, "news/seed_004.txt")
    piped = _undated("الوزراء يبحثون الوضع في مدينة حلب", LEAD_BODY, "<stdin>")
    brief = build_event_brief([named, nameless, piped])
    by_id = {a.id: a for a in brief.articles}
    assert (by_id[named.id].outlet, by_id[named.id].inferred) == ("وكالة", {})
    assert (by_id[nameless.id].outlet, by_id[nameless.id].inferred) == ("seed_004.txt", {"outlet": "file name"})
    assert by_id[piped.id].outlet is None and by_id[piped.id].inferred == {}


# --- analyses kept in the store ---------------------------------------------------------


def test_a_brief_of_kept_analyses_is_the_brief_made_afresh(seeds_dir, tmp_path, monkeypatch):
    from khabar import event_brief
    from khabar.present.render import render_json
    from khabar.store import open_store

    articles = khabar.read(seeds_dir)
    fresh = render_json(build_event_brief(articles))
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        first = render_json(build_event_brief(articles, kept=store))

        def analysed_again(article):
            raise AssertionError(f"{article.id} analysed again")

        monkeypatch.setattr(event_brief, "analyze", analysed_again)
        second = render_json(build_event_brief(articles, kept=store))
    assert first == fresh
    assert second == fresh


def test_a_kept_analysis_of_other_bytes_or_another_article_is_made_again(tmp_path):
    import pickle
    import zlib

    from khabar.event_brief import analyze_articles
    from khabar.pipeline import analysis_version, document_bytes
    from khabar.store import open_store

    one, two, three = _articles()
    undated = Article.create(title=two.title, body=two.body, outlet=two.outlet)  # the same id, no day
    ran: list[str] = []

    class Runs:  # a payload that would run code if a plain unpickler read it
        def __reduce__(self):
            return (ran.append, ("ran",))

    with open_store(tmp_path / "k.sqlite3") as store:
        store.add([one, undated, three])
        version = analysis_version()
        store.save_analyses(
            [
                (one.id, b"not a document"),
                (undated.id, document_bytes(analyze(undated))),  # kept for the article without its day
                (three.id, zlib.compress(pickle.dumps(Runs()))),
            ],
            version=version,
        )
        docs = analyze_articles([one, two, three], kept=store)
        assert [d.article for d in docs] == [one, two, three]
        assert docs == [analyze(a) for a in (one, two, three)]
        assert not ran
        # What was made again is kept in place of what could not be used.
        again = analyze_articles([one, two, three], kept=store)
    assert again == docs


# --- analyses on worker processes ----------------------------------------------------------


def test_a_brief_analysed_on_two_workers_is_the_brief_of_one_process(seeds_dir, tmp_path, monkeypatch):
    """Byte for byte, from files and from a store with one analysis kept and the others made
    on the workers (two articles a task, so the pool really runs several tasks)."""
    from khabar import event_brief
    from khabar.present.render import render_json
    from khabar.store import open_store

    monkeypatch.setattr(event_brief, "ARTICLES_PER_TASK", 2)
    articles = khabar.read(seeds_dir)
    alone = render_json(build_event_brief(articles, workers=1))
    assert render_json(build_event_brief(articles, workers=2)) == alone
    with open_store(tmp_path / "k.sqlite3") as store:
        store.add(articles)
        event_brief.analyze_articles(articles[2:3], kept=store)
        assert render_json(build_event_brief(articles, kept=store, workers=2)) == alone
        assert len(store.load_analyses([a.id for a in articles], version=event_brief.analysis_version())) == len(articles)


def test_workers_are_chosen_only_from_enough_articles(monkeypatch):
    from khabar import event_brief
    from khabar.errors import OptionsError

    from khabar.scale import engines

    monkeypatch.setattr(engines.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5, 6, 7}, raising=False)
    assert event_brief.analysis_workers(None, event_brief.PARALLEL_FROM - 1) == 1
    assert event_brief.analysis_workers(None, event_brief.PARALLEL_FROM) == engines.MAX_WORKERS
    assert event_brief.analysis_workers(3, 5) == 3
    with pytest.raises(OptionsError):
        event_brief.analysis_workers(0, 500)


def test_a_brief_relates_its_documents_under_the_briefs_collector_policy(monkeypatch):
    import gc

    import khabar.event_brief as event_brief
    from khabar.extract.heap import BRIEF_YOUNG_THRESHOLD

    seen = []
    summarize = event_brief.summarize

    def noting(*args, **kwargs):
        seen.append(gc.get_threshold()[0])
        return summarize(*args, **kwargs)

    monkeypatch.setattr(event_brief, "summarize", noting)
    before = gc.get_threshold()
    build_event_brief(_articles())
    assert seen == [max(before[0], BRIEF_YOUNG_THRESHOLD)]
    assert gc.get_threshold() == before


def test_a_speaker_written_as_a_hashtag_is_read_and_shown_as_its_words():
    # "محمود #عباس" was the speaker "محمود" (the mark broke the name); "وأعلنت #السعودية أن"
    # no statement (session 26's count: 8.6 % of ANT articles hold a hashtag)
    body = "وقال الرئيس الفلسطيني محمود #عباس إن المبادرة العربية ما زالت قائمة. وأعلنت #السعودية أن الحدود مغلقة أمام الشاحنات."
    article = Article.create(title="عباس يتحدث", body=body, outlet="العربية")
    brief = build_event_brief([article])
    said = {q.speaker: q for q in brief.quotes}
    assert "محمود عباس" in said and "السعودية" in said
    abbas = said["محمود عباس"]
    assert article.text[abbas.speaker_start : abbas.speaker_end] == "محمود #عباس"  # cited as written
    assert any(s.name == "محمود عباس" for s in brief.speakers)
