"""Who did what to whom: frames of sentences written for these tests."""

from __future__ import annotations

from khabar.check.frames import compare_frames, read_frame


def _match(claim: str, sentence: str):
    return compare_frames(read_frame(claim), read_frame(sentence))


def test_reversed_actors_are_a_role_swap() -> None:
    m = _match(
        "قصفت القوات التركية مواقع وحدات حماية الشعب الكردية في عفرين",
        "قصفت وحدات حماية الشعب الكردية مواقع القوات التركية في عفرين",
    )
    assert (m.role_swap, m.same_predicate, m.shared_names) == (1.0, 1.0, 1.0)


def test_same_actors_in_the_same_roles_are_no_swap() -> None:
    m = _match("استعاد الجيش السوري مدينة تدمر من تنظيم الدولة", "استعاد الجيش السوري مدينة تدمر من تنظيم الدولة أمس")
    assert (m.role_swap, m.agent_change) == (0.0, 0.0)
    assert m.shared_names == 1.0


def test_subject_first_sentence_keeps_its_agent() -> None:
    frame = read_frame("الجيش السوري يستعيد مدينة تدمر من تنظيم الدولة")
    assert frame.agent == "الجيش السوري" and "تدمر" in frame.patients


def test_a_name_of_the_same_kind_in_place_of_the_claim_s_is_swapped() -> None:
    m = _match("صواريخ إسرائيلية من لبنان تقصف قاعدة التيفور بسوريا", "صواريخ أمريكية تقصف قاعدة التيفور بسوريا")
    assert m.swapped_names >= 1


def test_the_reported_proposition_is_read_not_the_attribution() -> None:
    frame = read_frame("قال المرصد السوري إن الجيش السوري استعاد حي الشيخ سعيد")
    assert frame.agent == "الجيش السوري"
