"""Which figures measure the same thing, and where sources really disagree (khabar.relate.quantities)."""

import dataclasses
import datetime as dt

import pytest

from khabar.model import UNATTRIBUTED, Claim, FigureRelation, FigureSpan, SourceLink
from khabar.relate.quantities import find_quantities, same_source

D12 = dt.date(2023, 11, 12)
D14 = dt.date(2023, 11, 14)
D16 = dt.date(2023, 11, 16)


def claim(cid, article, value, *, source="المرصد", kind="organisation", category="killed", group="civilians",
          place="وادي النهر", day=D12, span=None, qualifier="exact", relation=None, cumulative=False, event=None,
          sentence=0):
    chain = (SourceLink(source, kind),) if source else UNATTRIBUTED
    low = high = value
    if qualifier == "vague":
        value, low, high = None, 20, 99
    return Claim(id=cid, article_id=article, sentence_index=sentence, start=0, end=1, text=str(value), value=value, low=low,
                 high=high, qualifier=qualifier, category=category, group=group, place=place, date=day,
                 span=span or FigureSpan("day", day), cumulative=cumulative, relation=relation, source_chain=chain,
                 event=event)


def quantities(claims):
    return find_quantities(claims)[1]


def owner(qs, cid):
    (q,) = [q for q in qs if cid in q.claim_ids]
    return q


def disputed_pairs(q):
    return {frozenset((a, b)) for d in q.disputes for x, i in enumerate(d) for j in d[x + 1 :]
            for a in q.positions[i].claim_ids for b in q.positions[j].claim_ids}


def test_every_figure_is_in_exactly_one_quantity():
    claims = [claim("a", "x", 23), claim("b", "y", 30, source="الدفاع المدني"), claim("c", "y", 5, place="كفر سالم"),
              claim("d", "z", 40000, category="trapped", day=D14)]
    qs = quantities(claims)
    assert sorted(cid for q in qs for cid in q.claim_ids) == ["a", "b", "c", "d"]


def test_different_primary_sources_of_one_day_disagree():
    qs = quantities([claim("a", "x", 23), claim("b", "y", 30, source="الدفاع المدني", kind="organisation")])
    (q,) = qs
    assert q.kind == "conflict" and disputed_pairs(q) == {frozenset("ab")}


def test_one_primary_source_with_another_value_is_no_conflict():
    # an update or a rounding of the same source is not a disagreement between sources
    (q,) = quantities([claim("a", "x", 23), claim("b", "y", 25, source="المرصد السوري لحقوق الإنسان")])
    assert not q.disputes


def test_an_unattributed_figure_takes_no_side():
    (q,) = quantities([claim("a", "x", 23), claim("b", "y", 30, source=None)])
    assert q.kind != "conflict"


def test_vague_figures_are_shown_but_never_make_a_conflict():
    (q,) = quantities([claim("a", "x", 23), claim("b", "y", None, source="الدفاع المدني", qualifier="vague")])
    assert q.vague_ids == ("b",) and not q.disputes


def test_different_places_and_days_never_meet():
    qs = quantities([claim("a", "x", 23), claim("b", "y", 5, source="المديرية", place="كفر سالم"),
                     claim("c", "z", 60, source="المديرية", day=D16)])
    assert len(qs) == 3 and not any(q.disputes for q in qs)


def test_figures_of_different_events_never_meet():
    qs = quantities([claim("a", "x", 23, event="e1"), claim("b", "y", 30, source="الدفاع المدني", event="e2")])
    assert len(qs) == 2 and not any(q.disputes for q in qs)


def test_a_breakdown_is_nested_under_its_total_not_compared_with_it():
    claims = [claim("a", "x", 23), claim("k", "x", 7, group="children", relation=FigureRelation("breakdown_of", "a")),
              claim("b", "y", 30, source="الدفاع المدني")]
    qs = quantities(claims)
    total, kids = owner(qs, "a"), owner(qs, "k")
    assert kids.parent == total.id and kids.relation == "breakdown_of"
    assert "k" not in {cid for pair in disputed_pairs(total) for cid in pair}


def test_parts_of_one_total_are_their_own_quantities():
    claims = [claim("t", "x", 30000, category="displaced"),
              claim("p1", "x", 18000, category="displaced", relation=FigureRelation("part_of", "t")),
              claim("p2", "x", 8500, category="displaced", place="الشيخ مقصود", relation=FigureRelation("part_of", "t"))]
    qs = quantities(claims)
    assert len(qs) == 3 and not any(q.disputes for q in qs)
    assert owner(qs, "p1").parent == owner(qs, "t").id == owner(qs, "p2").parent


def test_a_repeat_stands_with_the_figure_it_repeats():
    claims = [claim("h", "x", 23, source=None), claim("a", "x", 23, relation=None),
              claim("b", "y", 30, source="الدفاع المدني")]
    claims[0] = claim("h", "x", 23, source=None, relation=FigureRelation("same_as", "a"))
    (q,) = quantities(claims)
    assert any({"h", "a"} <= set(p.claim_ids) for p in q.positions)
    assert disputed_pairs(q) == {frozenset("ab"), frozenset("hb")}


def test_a_running_total_is_change_over_time_and_points_to_the_earlier_report():
    since = FigureSpan("since", dt.date(2023, 11, 13))
    claims = [claim("a", "x", 9, category="killed", source="وزارة الصحة", day=D14, span=since, cumulative=True),
              claim("b", "y", 17, category="killed", source="وزارة الصحة", day=D16, span=since, cumulative=True)]
    figures, qs = find_quantities(claims)
    (q,) = qs
    assert q.kind == "change_over_time" and not q.disputes
    assert {c.id: c.relation for c in figures}["b"] == FigureRelation("running_total_of", "a")


def test_agreement_counts_independent_primary_sources():
    # three outlets carrying the Observatory are one source; another source with the same value makes two
    one = [claim(c, a, 23) for c, a in (("a", "x"), ("b", "y"), ("c", "z"))]
    (q,) = quantities(one)
    assert q.kind == "single" and q.positions[0].sources == ("المرصد",)
    (q,) = quantities([*one, claim("d", "w", 23, source="الدفاع المدني")])
    assert q.kind == "agreement" and len(q.positions[0].sources) == 2


def test_an_undated_report_joins_the_day_that_has_its_value():
    claims = [claim("a", "x", 23), claim("b", "y", 30, source="الدفاع المدني"),
              claim("c", "u", 30, source="الدفاع المدني", day=None, span=FigureSpan("day", None))]
    (q,) = quantities(claims)
    assert frozenset("ac") in disputed_pairs(q)


def test_sources_are_one_when_one_name_holds_the_other():
    assert same_source("المرصد", "المرصد السوري لحقوق الانسان")
    assert not same_source("المرصد", "الدفاع المدني")


@pytest.mark.parametrize(("category", "group", "values"), [
    ("places", "districts", (4, 6)),  # where executions were reported, where fighters withdrew from: two sets
    ("goals", "goals", (3, 6)),  # a player's assists, a keeper's goals conceded
    ("rate", "percent", (15, 21)),  # a tariff, a tax
    ("money", "money", (6.1e9, 2.3e9)),  # a central bank's reserves, a report's loans
])
def test_counts_whose_subject_no_frame_carries_are_never_compared(category, group, values):
    qs = quantities([claim("a", "x", values[0], category=category, group=group, source="مكتب حقوق الإنسان"),
                     claim("b", "y", values[1], category=category, group=group)])
    assert len(qs) == 2 and all(q.kind != "conflict" for q in qs)


def test_sums_of_money_meet_only_when_they_are_one_sum():
    # a sum is of anything: another value is another sum, the same value from two sources agrees
    a = claim("a", "x", 3e9, category="money", group="money", source="وزارة المالية")
    b = claim("b", "y", 5e9, category="money", group="money", source="البنك المركزي")
    c = claim("c", "z", 3e9, category="money", group="money", source="صندوق النقد الدولي")
    qs = quantities([a, b, c])
    assert sorted(len(q.claim_ids) for q in qs) == [1, 2]
    assert not any(q.disputes for q in qs)
    assert next(q for q in qs if len(q.claim_ids) == 2).kind == "agreement"


def test_a_batch_under_a_larger_count_so_far_is_no_conflict():
    # "إجلاء 29 مريضا ... ليبلغ العدد الكلي 85" against another source's 29 that day
    batch = claim("a", "x", 29, category="evacuated", source="الخارجية الأمريكية")
    total = claim("b", "x", 85, category="evacuated", source="الصليب الأحمر", span=FigureSpan("so_far"), cumulative=True)
    (q,) = quantities([batch, total])
    assert not q.disputes
    bigger_day = claim("c", "y", 120, category="evacuated", source="الهلال الأحمر")
    (q,) = quantities([bigger_day, total])
    assert q.kind == "conflict"


def test_earlier_reports_of_a_count_so_far_are_change_over_time():
    # the ministry's toll 9, then 14, then "ارتفع عدد الضحايا إلى 17"; the Red Crescent's 19
    d15 = dt.date(2023, 11, 15)
    so_far = FigureSpan("so_far")
    claims = [claim("a", "x", 9, source="وزارة الصحة", group="people", day=D14),
              claim("b", "y", 14, source="وزارة الصحة", group="people", day=d15),
              claim("c", "z", 17, source="وزارة الصحة", group="people", day=D16, span=so_far, cumulative=True),
              claim("d", "z", 19, source="الهلال الأحمر", group="people", day=D16, span=so_far, cumulative=True)]
    figures, qs = find_quantities(claims)
    (q,) = qs
    assert disputed_pairs(q) == {frozenset("cd")}
    relation = {c.id: c.relation for c in figures}
    assert (relation["b"].kind, relation["b"].target) == ("running_total_of", "a")
    assert relation["c"].target == "b" and relation["d"] is None


def test_one_speaker_named_with_and_without_his_body_is_one_source():
    with_body = claim("a", "x", 30, source="مصطفى الحسن")
    with_body = dataclasses.replace(with_body, source_chain=(SourceLink("مصطفى الحسن", "person", "الدفاع المدني"),))
    alone = claim("b", "y", 30, source="مصطفى الحسن", kind="person")
    (q,) = quantities([with_body, alone])
    assert [p.sources for p in q.positions] == [("مصطفى الحسن",)] and q.kind == "single"


def test_a_speaker_named_in_full_with_his_body_then_by_surname_is_no_dispute():
    full = claim("a", "x", 62, source="سلطان شاولي", kind="person", category="measure", group="weight")
    full = dataclasses.replace(full, source_chain=(SourceLink("سلطان شاولي", "person", "وزارة البترول"),))
    surname = claim("b", "x", 55, source="شاولي", kind="person", category="measure", group="weight")
    (q,) = quantities([full, surname])
    assert not q.disputes  # one speaker giving two values is not two sources disagreeing
    other = claim("c", "y", 55, source="وزارة المالية", category="measure", group="weight")
    (q,) = quantities([full, other])
    assert disputed_pairs(q) == {frozenset(("a", "c"))}


def test_another_sources_larger_toll_so_far_is_another_estimate_not_a_total_over_a_batch():
    # "وأصيب أكثر من 2500 ... فيما أفادت مصادر أخرى أن أعداد المصابين بلغت 6 آلاف": two tolls
    agency = claim("a", "x", 2500, category="injured", group="people", source="وكالة الأنباء")
    others = claim("b", "x", 6000, category="injured", group="people", source="مصادر أخرى", kind="anonymous",
                   span=FigureSpan("so_far"), cumulative=True)
    (q,) = quantities([agency, others])
    assert q.kind == "conflict" and disputed_pairs(q) == {frozenset("ab")}
    # the same source's day under its own toll so far is a part of it
    (q,) = quantities([dataclasses.replace(agency, source_chain=others.source_chain), others])
    assert not q.disputes


def test_people_treated_for_shock_neither_make_nor_break_a_conflict_of_the_injured():
    wounded = claim("a", "x", 200, category="injured", group="people", source="وزير الصحة")
    shocked = claim("b", "x", 120, category="injured", group="shock", source="وزير الصحة")
    others = claim("c", "x", 500, category="injured", group="people", source="مصادر أخرى", kind="anonymous")
    qs = quantities([wounded, shocked, others])
    assert owner(qs, "b").claim_ids == ("b",)
    assert disputed_pairs(owner(qs, "a")) == {frozenset("ac")}


def test_the_words_of_an_area_are_the_entity_cue_files():
    # one list of them (entity_cues.txt [place area]): a camp is compared by its name
    from khabar.relate.quantities import place_key

    assert place_key("مخيم اليرموك") == place_key("اليرموك")
    assert place_key("حي الشيخ مقصود") == place_key("الشيخ مقصود")


def test_two_sources_of_one_article_dispute_only_when_told_together():
    # "قتل أربعة ... بحسب الشرطة" and, four sentences on, an earlier attack "قتل فيه 14 شخصا"
    police = claim("a", "x", 4, group="people", source="الشرطة", sentence=1)
    recalled = claim("b", "x", 14, group="people", source="تنظيم الدولة الإسلامية", sentence=5)
    (q,) = quantities([police, recalled])
    assert not q.disputes and q.kind != "conflict"
    # the same two values in the next sentence ("في حين قالت مصادر طبية إن تسعة") disagree,
    # and so do two articles' figures however far into them
    for other in (dataclasses.replace(recalled, sentence_index=2), dataclasses.replace(recalled, article_id="y")):
        (q,) = quantities([police, other])
        assert disputed_pairs(q) == {frozenset("ab")}


def test_a_position_told_together_in_one_article_carries_its_repeats():
    # the lead's figure repeats the title's; one of them beside the other source is enough
    title = claim("a", "x", 4, group="people", source="الشرطة", sentence=0)
    lead = claim("c", "x", 4, group="people", source="الشرطة", sentence=6)
    medics = claim("b", "x", 9, group="people", source="مصادر طبية", kind="anonymous", sentence=7)
    (q,) = quantities([title, lead, medics])
    assert disputed_pairs(q) == {frozenset("ab"), frozenset("cb")}


FAR = ("قتل أربعة أشخاص في انفجار سيارة مفخخة في سوق بعقوبة الاثنين، بحسب الشرطة. "
       "وأغلقت قوات الأمن الطرق المؤدية إلى السوق. "
       "وقال شهود إن الانفجار وقع قرب محل للخضار. "
       "وهرعت سيارات الإسعاف إلى المكان. "
       "وكان تنظيم الدولة الإسلامية قد تبنى هجوما على مركز للشرطة في بعقوبة قتل فيه 14 شخصا.")
NEAR = ("قتل أربعة أشخاص في انفجار سيارة مفخخة في سوق بعقوبة الاثنين، بحسب الشرطة. "
        "في حين قالت مصادر طبية إن تسعة أشخاص قتلوا في الانفجار.")


@pytest.mark.parametrize(("body", "conflict"), [(FAR, False), (NEAR, True)])
def test_an_earlier_attack_recalled_far_down_is_no_conflict_end_to_end(body, conflict):
    from khabar.event_brief import build_event_brief
    from khabar.model import Article

    article = Article.create(title="انفجار في بعقوبة", body=body, outlet="وكالة", published=dt.date(2024, 3, 4))
    brief = build_event_brief([article])
    (killed,) = [q for q in brief.quantities if q.category == "killed"]
    assert len(killed.positions) == 2 and (killed.kind == "conflict") is conflict


def test_a_round_lower_bound_restating_an_exact_count_is_one_value():
    # "أكثر من 1.6 مليون" of the authorities and the passport chief's exact 1,684,629: one figure
    bound = dataclasses.replace(claim("a", "x", 1_600_000, source="السلطات", qualifier="more_than"), high=None)
    exact = claim("b", "y", 1_684_629, source="مدير الجوازات")
    _, quantities = find_quantities([bound, exact])
    assert [q.kind for q in quantities] == ["agreement"]


@pytest.mark.parametrize("exact_value", [1_750_000, 1_550_000, 1_650_000])
def test_a_lower_bound_and_an_estimate_outside_or_as_round_still_disagree(exact_value):
    # past the next round step, under the bound, or written as round as the bound (150,000
    # against "more than 100 thousand" is two estimates): a conflict as before
    bound = dataclasses.replace(claim("a", "x", 1_600_000, source="السلطات", qualifier="more_than"), high=None)
    other = claim("b", "y", exact_value, source="مدير الجوازات")
    _, quantities = find_quantities([bound, other])
    assert [q.kind for q in quantities] == ["conflict"]
