"""The claim's quantity read on a page (khabar.check.quantity) and the rule that reads it."""

from __future__ import annotations

from khabar.check.quantity import claim_figures, page_figures, read_quantity
from khabar.model import Article


def _page(body: str) -> Article:
    return Article(id="p", title="", body=body)


def _read(claim: str, body: str):
    return read_quantity(claim_figures(claim), page_figures(_page(body)))


CLAIM = "قتل 98 شخصا في زلزال ضرب جزيرة لومبوك"


def test_another_figure_of_the_same_count_is_another_value() -> None:
    q = _read(CLAIM, "قال مسؤولون إن الزلزال قتل 82 شخصا في جزيرة لومبوك.")
    assert [f.text for f in q.other] == ["82"] and not q.same


def test_the_same_figure_is_the_claims() -> None:
    q = _read(CLAIM, "قال مسؤولون إن الزلزال قتل 98 شخصا في جزيرة لومبوك.")
    assert [f.text for f in q.same] == ["98"] and not q.other


def test_a_bound_that_holds_the_claims_figure_is_the_same() -> None:
    q = _read("قتل أكثر من 200 شخص في الهجمات", "قتل 246 شخصا في الهجمات.")
    assert q.same and not q.other


def test_another_count_is_neither() -> None:
    # the injured are not the killed; a figure far from the claim's is a part, not an estimate
    assert _read(CLAIM, "أصيب 82 شخصا في الزلزال.") == read_quantity((), ())
    assert not _read(CLAIM, "قتل 3 أشخاص في قرية واحدة.").other


def test_a_running_toll_the_page_gives_as_such_is_no_other_value() -> None:
    q = _read(CLAIM, "ارتفعت حصيلة قتلى الزلزال إلى 131 قتيلا حتى الآن.")
    assert not q.other


def test_another_place_is_another_count() -> None:
    assert not _read(CLAIM, "قتل 12 شخصا في جزيرة بالي.").other


def test_pages_read_in_one_batch_give_each_page_s_figures_read_alone() -> None:
    """read_pages runs the pipeline over the check's pages together (the name tagger in one
    batch); page_figures must then give what one page read alone gives."""
    from khabar.check.quantity import forget, read_pages

    pages = [
        _page("قال مسؤولون إن الزلزال قتل 82 شخصا في جزيرة لومبوك."),
        _page("أعلنت وزارة الصحة في عمّان أن 14 شخصا أصيبوا في حادث سير."),
        _page("قال الدفاع المدني إن القصف على سوق حي الزيتون في مدينة النهرين قتل 23 شخصا."),
    ]
    forget()
    alone = [page_figures(p) for p in pages]
    forget()
    read_pages(pages)
    batch = [page_figures(p) for p in pages]
    assert batch == alone
    assert [f.text for f in batch[0]] == ["82"]


def test_a_page_s_kept_analysis_gives_its_figures_without_reading_it(monkeypatch) -> None:
    """A page with a kept analysis (the store's, khabar ingest --analyze) takes its figures
    from it, the same as reading the page; one kept for another text of the page is not used."""
    from khabar.check import quantity
    from khabar.pipeline import analyze, document_bytes

    page = _page("قال مسؤولون إن الزلزال قتل 82 شخصا في جزيرة لومبوك.")
    quantity.forget()
    read = page_figures(page)
    kept = {page.id: document_bytes(analyze(page))}
    quantity.forget()
    monkeypatch.setattr(quantity, "_figures_many", lambda articles: [()] * len(articles))
    quantity.read_pages([page], kept)
    assert page_figures(page) == read and [f.text for f in read] == ["82"]
    # the kept document is of another text of this id: the page is read (here: nothing found)
    quantity.forget()
    other = _page("قال مسؤولون إن الزلزال قتل 90 شخصا في جزيرة لومبوك.")
    quantity.read_pages([other], kept)
    assert page_figures(other) == ()
    quantity.forget()


def test_a_check_of_a_store_passes_the_kept_analyses_of_its_candidates(tmp_path) -> None:
    from khabar.check import _kept_analyses
    from khabar.scale import analyze_store
    from khabar.store import open_store

    articles = [
        Article(id="a1", title="زلزال لومبوك", body="قال مسؤولون إن الزلزال قتل 82 شخصا في جزيرة لومبوك."),
        Article(id="a2", title="زلزال لومبوك", body="قتل الزلزال 98 شخصا في جزيرة لومبوك بحسب الوكالة."),
    ]
    with open_store(tmp_path / "s.sqlite3") as store:
        store.add_batches(articles)
        assert _kept_analyses(store, articles) == {}
        assert analyze_store(store) == 2
        kept = _kept_analyses(store, articles)
        assert sorted(kept) == ["a1", "a2"]
        assert _kept_analyses(articles, articles) == {}  # a list of articles keeps nothing
