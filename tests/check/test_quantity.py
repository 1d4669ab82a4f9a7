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
