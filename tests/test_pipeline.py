"""The per-article pipeline: each component fills what it declares, each part is found once."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from khabar.errors import PipelineError
from khabar.extract.claims import extract_claims
from khabar.model import Article, Document
from khabar.pipeline import (
    PIPELINE,
    Component,
    analyze,
    analyze_many,
    check_pipeline,
    component,
    pipeline_until,
    run_component,
    run_component_many,
)

#: A report with something for every component: sentences, figures, a day, a quote, names.
REPORT = Article.create(
    title="نزوح 3000 شخص من بلدة كفر نجم",
    body=(
        "قال رئيس البلدية سليم الراعي يوم الاثنين إن 3000 شخص نزحوا من بلدة كفر نجم بعد القصف. "
        "وأضاف أن 12 مدنيا قتلوا في حي السوق."
    ),
    outlet="وكالة الشرق",
    published=dt.date(2024, 3, 5),
)


#: Everything claims read, and not the claims.
BEFORE_CLAIMS = tuple(c for c in PIPELINE if c.name != "claims")


@pytest.mark.parametrize("c", PIPELINE, ids=[c.name for c in PIPELINE])
def test_each_component_fills_what_it_declares(c: Component):
    doc = analyze(REPORT, components=pipeline_until(c.name))
    assert set(c.assigns) <= doc.filled
    for part in c.assigns:
        assert getattr(doc, part), f"{c.name} left {part} empty on a report that has some"


def test_the_pipeline_fills_every_part_once_in_an_order_that_works():
    assert check_pipeline(PIPELINE) == PIPELINE
    doc = analyze(REPORT)
    assigned = [p for c in PIPELINE for p in c.assigns]
    assert len(assigned) == len(set(assigned)) and doc.filled == frozenset(assigned)


def test_parts_are_immutable_and_offsets_point_into_the_article():
    doc = analyze(REPORT)
    for part in ("numbers", "dates", "mentions", "claims"):
        assert isinstance(getattr(doc, part), tuple)
        assert all(REPORT.text[m.start : m.end] == m.text for m in getattr(doc, part)), part
    assert [n.text for n in doc.numbers] == ["3000", "3000", "12"]
    assert [d.date for d in doc.dates] == [dt.date(2024, 3, 4)]


def test_claims_read_the_numbers_of_the_document_never_their_own():
    doc = analyze(REPORT, components=BEFORE_CLAIMS)
    assert extract_claims(doc)
    assert extract_claims(dataclasses.replace(doc, numbers=())) == []


def test_claims_take_follow_on_sources_from_the_document_quotes_only():
    doc = analyze(REPORT, components=BEFORE_CLAIMS)
    sources = {c.value: c.primary_source.kind for c in extract_claims(doc)}
    unquoted = {c.value: c.primary_source.kind for c in extract_claims(dataclasses.replace(doc, quotes=()))}
    # "وأضاف": the speaker comes from the quotes
    assert sources[12] != "unattributed" and unquoted[12] == "unattributed"


def test_a_component_that_requires_a_part_no_earlier_one_assigns_is_refused():
    claims = next(c for c in PIPELINE if c.name == "claims")
    with pytest.raises(PipelineError, match="'claims' requires numbers, dates, quotes, mentions"):
        check_pipeline((PIPELINE[0], claims))


def test_two_components_assigning_one_part_are_refused():
    again = component("numbers again", requires=("sentences",), assigns=("numbers",))(lambda doc: {"numbers": ()})
    with pytest.raises(PipelineError, match="both assign 'numbers'"):
        check_pipeline((*PIPELINE, again))


def test_a_component_assigning_what_is_not_a_document_part_is_refused():
    odd = component("odd", assigns=("colour",))(lambda doc: {"colour": ()})
    with pytest.raises(PipelineError, match="'colour', which is not a part of a Document"):
        check_pipeline((odd,))


def test_a_component_returning_other_parts_than_it_declares_is_caught_where_it_happens():
    sloppy = component("sloppy", assigns=("numbers", "dates"))(lambda doc: {"numbers": ()})
    with pytest.raises(PipelineError, match=r"'sloppy' declares it assigns \['numbers', 'dates'\] but returned \['numbers'\]"):
        run_component(sloppy, Document(article=REPORT))


def test_a_component_assigning_a_mutable_value_is_refused():
    leaky = component("leaky", assigns=("numbers",))(lambda doc: {"numbers": []})
    with pytest.raises(PipelineError, match="use a tuple"):
        run_component(leaky, Document(article=REPORT))


def test_a_component_run_before_what_it_requires_is_refused_naming_the_article():
    with pytest.raises(PipelineError, match=f"requires sentences, not filled in the document of {REPORT.id}"):
        run_component(next(c for c in PIPELINE if c.name == "numbers"), Document(article=REPORT))


def test_pipeline_until_keeps_only_what_a_component_needs():
    assert [c.name for c in pipeline_until("dates")] == ["sentences", "dates"]
    with pytest.raises(PipelineError, match="no component 'tagger'"):
        pipeline_until("tagger")


#: A second report, so that a batch holds names of two articles.
OTHER = Article.create(
    title="وصول قافلة إلى كفر نجم",
    body="قالت المتحدثة باسم الهلال الأحمر ليلى حداد إن القافلة وصلت. وأضافت حداد أن 40 شاحنة عبرت.",
    outlet="وكالة الغرب",
    published=dt.date(2024, 3, 6),
)


def test_a_batch_gives_each_article_the_document_it_gets_alone():
    articles = [REPORT, OTHER, REPORT]
    alone = [analyze(a) for a in articles]
    assert analyze_many(articles) == alone
    assert analyze_many(articles, batch=2) == alone
    assert any(m.kind == "person" for m in alone[1].mentions)


def test_a_batch_form_returning_parts_for_other_documents_is_refused():
    mentions = next(c for c in PIPELINE if c.name == "mentions")
    broken = dataclasses.replace(mentions, run_many=lambda docs: [{"mentions": ()}])
    docs = [analyze(a, components=pipeline_until("dates")) for a in (REPORT, OTHER)]
    with pytest.raises(PipelineError, match="1 of 2 documents"):
        run_component_many(broken, docs)


def test_the_collector_waits_while_a_batch_is_extracted_and_is_restored_after():
    import gc

    from khabar.extract.heap import YOUNG_THRESHOLD

    seen = []

    def note(doc: Document) -> dict:
        seen.append(gc.get_threshold()[0])
        return {"numbers": ()}

    noting = component("noting", assigns=("numbers",))(note)
    before = gc.get_threshold()
    analyze_many([REPORT, REPORT], components=(noting,))
    analyze(REPORT, components=(noting,))
    assert seen == [max(before[0], YOUNG_THRESHOLD)] * 3
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() > 0  # what the first batch loaded is out of the collector's sight


def test_the_collector_is_restored_when_a_component_fails():
    import gc

    def fail(doc: Document) -> dict:
        raise ValueError("odd article")

    failing = component("failing", assigns=("numbers",))(fail)
    before = gc.get_threshold()
    with pytest.raises(ValueError):
        analyze_many([REPORT], components=(failing,))
    assert gc.get_threshold() == before
