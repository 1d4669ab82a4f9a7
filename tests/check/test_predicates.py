"""The predicate reader (``khabar.check.predicates``): each actor's part in an outcome, on
sentences written here."""

from __future__ import annotations

from khabar.check.predicates import contradicts, read_roles, supports


def _parts(text: str) -> set[tuple[str, int, str]]:
    # the shortest reading of the head word (its root letters, "#...", left aside)
    return {(r.kind, r.role, min((h for h in r.head if not h.startswith("#")), key=len)) for r in read_roles(text)}


def test_a_contest_gives_the_other_party_the_other_side() -> None:
    assert _parts("فاز النادي الأزرق على الفريق الأحمر في النهائي") == {("win", 1, "نادي"), ("win", -1, "فريق")}
    # the loser first, the winner after "أمام": the same outcome
    assert _parts("خسر الفريق الأحمر أمام النادي الأزرق") == {("win", -1, "فريق"), ("win", 1, "نادي")}
    # what was won is not whom: "باللقب" is no other party
    assert _parts("فاز النادي الأزرق باللقب") == {("win", 1, "نادي")}


def test_converse_wording_supports_and_reversed_roles_contradict() -> None:
    claim = read_roles("فاز النادي الأزرق على الفريق الأحمر")
    assert supports(claim, read_roles("خسر الفريق الأحمر أمام النادي الأزرق بهدفين"))
    assert not contradicts(claim, read_roles("خسر الفريق الأحمر أمام النادي الأزرق بهدفين"))
    assert contradicts(claim, read_roles("تغلب الفريق الأحمر على النادي الأزرق"))
    # another contest of other teams says nothing of the claim's
    assert not contradicts(claim, read_roles("فاز المنتخب الوطني على ضيفه"))


def test_survived_against_died_and_alive_against_bodies() -> None:
    assert contradicts(read_roles("نجا المراقب الجوي من الزلزال"), read_roles("لقي المراقب الجوي مصرعه في البرج"))
    assert contradicts(read_roles("عثر على الطلاب أحياء تحت الأنقاض"), read_roles("انتشل المسعفون جثث الطلاب"))
    # "أحياء" followed by a noun of its own is a neighbourhood, not a state
    assert read_roles("دمر الزلزال أحياء سكنية") == ()


def test_accepted_against_rejected_is_read_per_actor() -> None:
    claim = read_roles("قبلت المعارضة نتائج الانتخابات")
    assert contradicts(claim, read_roles("رفضت المعارضة نتائج الانتخابات"))
    # another actor rejecting the same results is no contradiction
    assert not contradicts(claim, read_roles("رفضت الحكومة نتائج الانتخابات"))


def test_a_negation_turns_the_side_and_a_forecast_states_none() -> None:
    assert _parts("لم يفز الحزب بالانتخابات") == {("win", -1, "حزب")}
    assert read_roles("من المتوقع أن يفوز الحزب بالانتخابات") == ()


def test_who_praised_whom() -> None:
    claim = read_roles("أشاد المراقب الجوي بالطيار")
    assert contradicts(claim, read_roles("أشاد الطيار بالمراقب الجوي"))
    assert supports(claim, read_roles("أشاد المراقب الجوي بالطيار الشاب"))


def test_a_subject_before_its_verb_is_the_actor_and_a_noun_s_actor_follows_it() -> None:
    assert _parts("الوزير يرفض التحقيق في الحادث") == {("accept", -1, "وزير")}
    assert _parts("قال المتحدث إن الحزب الحاكم فاز بالانتخابات") == {("win", 1, "حزب")}
    # a noun names its actor after it, whatever stands before it
    assert _parts("انتشل المسعفون جثث الطلاب") == {("live", -1, "طلاب")}


def test_the_actor_of_a_death_follows_its_verb_when_both_are_written() -> None:
    assert _parts("ولقي مراقب جوي في مطار المدينة مصرعه") == {("live", -1, "مراقب")}


def test_allowed_against_refused_and_succeeded_against_failed() -> None:
    assert contradicts(read_roles("الحكومة رفضت السماح للصحافيين بدخول المنطقة"),
                       read_roles("سمحت الحكومة للصحافيين بدخول المنطقة"))
    assert contradicts(read_roles("نجح الفريق في إنقاذ العمال"), read_roles("فشل الفريق في إنقاذ العمال"))


def test_released_against_held_read_after_the_preposition_and_through_a_refusal() -> None:
    claim = read_roles("أفرجت محكمة في العاصمة يوم الجمعة عن الصحفي سامر")
    assert _parts("أفرجت محكمة في العاصمة يوم الجمعة عن الصحفي سامر") == {("free", 1, "صحفي")}
    assert contradicts(claim, read_roles("قررت المحكمة إبقاء الصحفي سامر محتجزا"))
    # a court that refuses to release him keeps him held
    assert contradicts(claim, read_roles("رفضت المحكمة الإفراج عن الصحفي سامر"))
    # a demand for his release states no outcome
    assert read_roles("طالبت النقابة بالإفراج عن الصحفي") == ()
    # held before, free now: a state that is over is not read
    assert read_roles("عاد الصحفي إلى بيته بعد احتجازه عامين") == ()


def test_a_pronoun_names_the_actor_named_before_it() -> None:
    claim = read_roles("نجا الصحفي سامر من الحادث")
    assert contradicts(claim, read_roles("أصيب الصحفي سامر في الحادث وأعلن المستشفى وفاته"))
    assert supports(read_roles("أفرج عن الصحفي سامر"), read_roles("عاد الصحفي سامر إلى بيته بعد الإفراج عنه"))
    # a pronoun whose sentence names someone else before it is not the claim's actor
    assert not contradicts(claim, read_roles("أعلن المستشفى وفاته صباح اليوم"))


def test_a_broken_plural_is_the_actor_of_its_singular_and_every_passes_to_the_actor() -> None:
    claim = read_roles("نجا جميع ركاب الطائرة")
    assert _parts("نجا جميع ركاب الطائرة") == {("live", 1, "ركاب")}
    assert contradicts(claim, read_roles("لقي راكب مصرعه في الحادث"))
    assert not contradicts(claim, read_roles("لقي طيار مصرعه في الحادث"))


def test_found_against_missing() -> None:
    claim = read_roles("عثر الغواصون على الصبية في الكهف")
    assert contradicts(claim, read_roles("لا يزال الصبية مفقودين في الكهف"))
    assert not contradicts(claim, read_roles("عثر الغواصون على الصبية بعد تسعة أيام على فقدانهم"))


def test_an_actor_with_title_and_nationality_is_met_by_the_surname() -> None:
    claim = read_roles("أفرجت السلطات عن الصحفي السوري مازن سامي")
    assert contradicts(claim, read_roles("ما زال سامي محتجزا لدى السلطات"))
