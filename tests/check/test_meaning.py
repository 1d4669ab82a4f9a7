"""The meaning model: its features, its file, and the shipped model on articles written here."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from khabar.check import check_claim
from khabar.check.features import figures_agree, find_figures, match_figures
from khabar.check.features import analyse, claim_view
from khabar.check.meaning import (
    ARTICLE_FEATURES,
    DIFFERENCE_FEATURES,
    DIMENSION,
    REFUTATION_TAGS,
    denies_claim,
    difference_texts,
    furniture,
    read_claim,
    read_candidates,
    read_differences,
    refutation_row,
)
from khabar.check.retrieve import doc_from_article
from khabar.check.meaning_model import (
    SIDE_DIMS,
    bundled_model,
    fixture_judgements,
    load_meaning_model,
    news_page,
    save_meaning_model,
)
from khabar.check.network import Network
from khabar.check.pairs import Pair
from khabar.errors import InputError
from khabar.model import Article

CLAIM = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين"


def _article(title: str, body: str, outlet: str = "إذاعة الشرق") -> Article:
    return Article.create(title=title, body=body, outlet=outlet, published=dt.date(2016, 12, 13))


def _figure(text: str):
    (figure,) = find_figures(text)
    return figure


def test_more_than_and_about_the_same_figure_are_consistent() -> None:
    assert figures_agree(_figure("أكثر من 100 ألف مدني محاصرون"), _figure("نحو 100 ألف مدني محاصرون"))


def test_dozens_of_wounded_do_not_support_three_hundred() -> None:
    claim, sentence = find_figures("أصيب 300 شخص في القصف"), find_figures("أصيب عشرات الأشخاص في القصف")
    (match,) = match_figures(claim, sentence)
    assert not match.agrees


def test_menus_and_share_buttons_are_furniture() -> None:
    assert furniture("Home | News | Sport | اتصل بنا | English") > 0.5
    assert furniture("شارك") == 1.0
    assert furniture("قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون.") == 0.0


def test_the_difference_reading_keeps_the_swapped_words() -> None:
    removed, added = difference_texts("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية")
    assert (removed, added) == ("ارتفاع", "انخفاض")
    assert difference_texts("قصف سوق الزيتون", "قصف سوق الزيتون") == ("", "")


def test_the_difference_reading_skips_far_sentences_and_marks_empty_leftovers() -> None:
    claim = read_claim("ارتفاع أسعار النفط", np.eye(512, dtype=np.float32)[0])
    near, far = np.eye(512, dtype=np.float32)[0], np.eye(512, dtype=np.float32)[1]
    seen: list[str] = []

    def encode(texts):
        seen.extend(texts)
        return np.tile(np.eye(512, dtype=np.float32)[2], (len(texts), 1))

    scalars, dense = read_differences(claim, ["ارتفاع أسعار النفط", "فاز الفريق بالكأس"], np.vstack([near, far]), encode)
    # the near sentence restates the claim: both leftovers are empty; the far one is never read
    assert len(seen) == 2
    names = dict(zip(DIFFERENCE_FEATURES, scalars[0]))
    assert names["nothing_removed"] == 1.0 and names["nothing_added"] == 1.0 and names["difference_cosine"] == 0.0
    assert not scalars[1].any() and not dense.any()


def test_a_check_encodes_every_article_s_leftovers_in_one_batch() -> None:
    claim = read_claim("ارتفاع أسعار النفط في الأسواق العالمية", np.eye(512, dtype=np.float32)[0])
    docs = [
        doc_from_article(_article(f"انخفاض أسعار النفط في الأسواق العالمية {n}", f"وتراجعت أسعار النفط {n} دولارات."))
        for n in (3, 4, 5)
    ]
    calls: list[list[str]] = []

    def encode(texts):
        calls.append(list(texts))
        return np.tile(np.eye(512, dtype=np.float32)[0], (len(texts), 1))  # every text "near" the claim

    cands = read_candidates(claim, analyse(claim.view.text, docs), encode)
    assert len(calls) == 2  # the candidate sentences, then every leftover of every article
    assert all(len(c.indices) == 2 for c in cands)
    names = dict(zip(DIFFERENCE_FEATURES, cands[0].scalars[0, -len(DIFFERENCE_FEATURES):]))
    assert names["nothing_removed"] == 0.0 and names["nothing_added"] == 0.0
    assert "ارتفاع" in calls[1]


def _refutation(claim: str, title: str, body: str) -> dict[str, float]:
    (an,) = analyse(claim, [doc_from_article(_article(title, body))])
    names = [f"{tag}_{where}" for tag in REFUTATION_TAGS for where in ("title", "share", "nearest", "top3")]
    assert names == list(ARTICLE_FEATURES[-len(names):])
    return dict(zip(names, refutation_row(an)))


def test_a_page_that_sets_a_rumour_straight_is_read_as_refuting() -> None:
    claim = "أغلقت السلطات معبر النهرين الحدودي أمام المسافرين"
    read = _refutation(
        claim,
        "ما حقيقة إغلاق معبر النهرين؟",
        "تداولت صفحات على مواقع التواصل خبر إغلاق معبر النهرين الحدودي أمام المسافرين. "
        "ونفت إدارة المعبر إغلاق المعبر أمام المسافرين وقالت إن الحركة تسير كالمعتاد. وعبر أمس نحو ألفي شخص.",
    )
    assert read["refutation_title"] == 1.0 and read["refutation_top3"] == 1.0
    assert read["denial_top3"] == 1.0 and read["denial_nearest"] > 0.0
    assert 0.0 < read["denial_share"] < 1.0


def test_a_plain_report_has_no_refutation_cues() -> None:
    claim = "أغلقت السلطات معبر النهرين الحدودي أمام المسافرين"
    read = _refutation(
        claim,
        "إغلاق معبر النهرين أمام المسافرين",
        "أغلقت السلطات معبر النهرين الحدودي صباح اليوم أمام المسافرين بعد اشتباكات قرب الحدود. "
        "وقال مسؤول إن الإغلاق سيستمر يومين.",
    )
    assert not any(read.values())


@pytest.fixture(scope="module")
def model():
    m = bundled_model()
    assert m is not None, "khabar ships check/data/stance-model.npz"
    return m


def test_the_shipped_model_is_the_default(model) -> None:
    art = _article("قصف سوق الزيتون", "قال المرصد إن 60 شخصا قتلوا في قصف استهدف سوق حي الزيتون في مدينة النهرين.")
    assert check_claim(CLAIM, [art]).model == "meaning"


def test_a_restatement_in_other_words_agrees(model) -> None:
    art = _article(
        "مقتل 60 في قصف على سوق الزيتون",
        "أفاد المرصد بمقتل ستين شخصا جراء قصف استهدف السوق الشعبية في حي الزيتون بمدينة النهرين صباح اليوم. "
        "وقال سكان إن القصف تواصل ساعات.",
    )
    result = check_claim(CLAIM, [art], model=model)
    assert result.articles[0].stance == "agree"
    assert "الزيتون" in result.articles[0].evidence[0].text


def test_another_figure_for_the_same_toll_disagrees(model) -> None:
    art = _article(
        "12 قتيلا في قصف سوق الزيتون",
        "قال المرصد إن 12 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين، نافيا أرقاما أعلى تداولتها مواقع محلية.",
    )
    result = check_claim(CLAIM, [art], model=model)
    assert result.articles[0].stance == "disagree"
    assert result.verdict.disagree_figures


def test_an_article_about_something_else_is_unrelated(model) -> None:
    art = _article(
        "افتتاح معرض الكتاب",
        "افتتح وزير الثقافة صباح اليوم معرض الكتاب السنوي في العاصمة بمشاركة مئتي دار نشر من عشرين بلدا. "
        "ويستمر المعرض عشرة أيام.",
    )
    result = check_claim(CLAIM, [art], model=model)
    assert result.articles[0].stance == "unrelated"
    assert result.verdict.agree == result.verdict.disagree == 0


def test_a_page_that_gives_another_figure_of_the_claim_s_count_disagrees(model, monkeypatch) -> None:
    """meaning_model._reads_quantity: the page's toll of the same market shelling is another
    value; a page the heads call unrelated is read so only when the event scorer says it is
    of the claim's happening."""
    from khabar.check import meaning_model

    art = _article(
        "قصف سوق حي الزيتون",
        "قال الدفاع المدني إن القصف على سوق حي الزيتون في مدينة النهرين قتل 23 شخصا. "
        "وتضررت عشرات المحال التجارية.",
    )
    assert meaning_model._reads_quantity("discuss", _reading(CLAIM, art)) == "disagree"
    assert meaning_model._reads_quantity("agree", _reading(CLAIM, art)) == "disagree"
    monkeypatch.setattr(meaning_model, "same_event_score", lambda reading: 0.0)
    assert meaning_model._reads_quantity("unrelated", _reading(CLAIM, art)) == "unrelated"
    monkeypatch.setattr(meaning_model, "same_event_score", lambda reading: 1.0)
    assert meaning_model._reads_quantity("unrelated", _reading(CLAIM, art)) == "disagree"
    same = _article("قصف سوق حي الزيتون", "قتل 60 شخصا في القصف على سوق حي الزيتون في مدينة النهرين.")
    assert meaning_model._reads_quantity("discuss", _reading(CLAIM, same)) == "agree"


def test_a_page_of_the_claim_s_event_is_not_unrelated(model, monkeypatch) -> None:
    """meaning_model._same_event_discusses: a page the heads call unrelated that the event
    scorer reads as the claim's happening at least discusses it; a side is never given so, and
    a page of another matter stays unrelated."""
    from khabar.check import meaning_model

    art = _article("سوق حي الزيتون بعد القصف", "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم المتضررة صباح اليوم.")
    reading = _reading(CLAIM, art)
    monkeypatch.setattr(meaning_model, "same_event_score", lambda reading: 1.0)
    assert meaning_model._same_event_discusses("unrelated", reading) == "discuss"
    for side in ("agree", "disagree", "discuss"):
        assert meaning_model._same_event_discusses(side, reading) == side
    monkeypatch.setattr(meaning_model, "same_event_score", lambda reading: 0.0)
    assert meaning_model._same_event_discusses("unrelated", reading) == "unrelated"


def test_a_short_claim_is_read_at_the_head_s_floor_unless_a_candidate_contradicts_it(model, monkeypatch) -> None:
    """meaning_model.READ_SHORT_CLAIM_AT_FLOOR: the article head reads a claim shorter than
    CLAIM_WORDS_FLOOR words as one of that length, unless a candidate holds a contrary sign
    (here another toll); a claim as long as the floor or longer is read as it is."""
    from khabar.check import meaning_model
    from khabar.check.meaning import ARTICLE_FEATURES

    model = replace(model, news=None)  # these heads alone (the news heads read a titled page's side too)
    seen: list[float] = []
    plain_logits = Network.logits

    def logits(self, x):
        if self is model.article:
            seen.append(float(np.atleast_2d(x)[0, ARTICLE_FEATURES.index("claim_words")]))
        return plain_logits(self, x)

    monkeypatch.setattr(Network, "logits", logits)
    short = "قصف سوق حي الزيتون في مدينة النهرين"
    body = "عاد باعة سوق حي الزيتون في مدينة النهرين إلى محالهم المتضررة صباح اليوم بعد القصف. وقال سكان إن الحي هدأ."
    other_toll = "قال الدفاع المدني إن القصف على سوق حي الزيتون في مدينة النهرين قتل 23 شخصا. وتضررت عشرات المحال."
    floor = np.log1p(meaning_model.CLAIM_WORDS_FLOOR)
    model.judge(_reading(short, _article("سوق حي الزيتون", body)))
    assert seen[-1] == pytest.approx(floor)
    model.judge(_reading("قتل 60 في " + short, _article("قصف سوق حي الزيتون", other_toll)))
    assert seen[-1] < floor
    model.judge(_reading(CLAIM, _article("سوق حي الزيتون", body)))
    assert seen[-1] == pytest.approx(np.log1p(len(claim_view(CLAIM).norms))) and seen[-1] > floor
    monkeypatch.setattr(meaning_model, "READ_SHORT_CLAIM_AT_FLOOR", False)
    model.judge(_reading(short, _article("سوق حي الزيتون", body)))
    assert seen[-1] < floor


def test_judging_pages_together_gives_each_page_s_label(model) -> None:
    """MeaningModel.judge_many reads the pages' figures in one batch: the same judgements as
    judging each page alone."""
    pages = [
        _article("قصف سوق حي الزيتون", "قال الدفاع المدني إن القصف على سوق حي الزيتون في مدينة النهرين قتل 23 شخصا. "
                 "وتضررت عشرات المحال التجارية."),
        _article("قصف سوق حي الزيتون", "قتل 60 شخصا في القصف على سوق حي الزيتون في مدينة النهرين."),
        _article("افتتاح معرض الكتاب", "افتتح وزير الثقافة صباح اليوم معرض الكتاب السنوي في العاصمة."),
    ]
    from khabar.check.quantity import forget

    readings = [_reading(CLAIM, a) for a in pages]
    forget()
    together = model.judge_many(readings)
    alone = []
    for r in readings:
        forget()  # each page's figures read by itself
        alone.append(model.judge(r))
    assert together == alone
    assert together[0].label == "disagree"


def _reading(claim: str, art: Article):
    from khabar.check import meaning_model
    from khabar.relate.meaning import MEANING_ENCODER
    from khabar.relate.embeddings import get_encoder

    (reading,) = meaning_model.read_pairs([Pair(claim, doc_from_article(art), "discuss")], get_encoder(MEANING_ENCODER).encode)
    return reading


def test_a_model_file_round_trips(model, tmp_path) -> None:
    path = save_meaning_model(model, tmp_path / "m.npz")
    back = load_meaning_model(path)
    np.testing.assert_allclose(back.projection, model.projection, rtol=1e-6)
    assert back.article is not None and back.article.labels == model.article.labels
    with np.load(path, allow_pickle=False) as data:  # plain arrays, no pickled code
        assert json.loads(str(data["meta"]))["format"] == "khabar-stance-meaning"


def _with_reader(model, dims: int = 4):
    """The model with a reader that reads ``dims`` directions of ``[u, v]`` and gives them no
    weight: it must judge as the sentence head does."""
    s = model.sentence
    k = len(s.labels)
    reader = Network(s.labels, np.concatenate([s.mean, np.zeros(dims)]), np.concatenate([s.scale, np.ones(dims)]),
                     (np.hstack([s.weights[0], np.zeros((k, dims))]),), s.biases, s.offsets)
    side = np.linalg.qr(np.random.default_rng(0).normal(size=(2 * DIMENSION, dims)))[0].T
    return replace(model, side_projection=side, side_projection_mean=np.zeros(2 * DIMENSION), reader=reader)


def _without_reader(model):
    return replace(model, reader=None, side_projection=np.zeros((0, 2 * DIMENSION)),
                   side_projection_mean=np.zeros(2 * DIMENSION), news=None)


def test_the_shipped_model_reads_articles_with_its_pair_reader(model, tmp_path) -> None:
    # session 12: the reader ships, behind the same-event gate (khabar.check.event)
    assert model.reader is not None and model.side_projection.shape[0] == SIDE_DIMS
    with np.load(save_meaning_model(model, tmp_path / "m.npz"), allow_pickle=False) as data:
        assert json.loads(str(data["meta"]))["version"] == 3


def test_a_reader_of_articles_is_read_after_the_sentence_rows_and_round_trips(model, tmp_path) -> None:
    # the reader (articles' sentences, with the claim's and the sentence's own vectors) reads
    # the sentence head's rows and the [u, v] directions after them; saved and read back
    model = _without_reader(model)
    wide = _with_reader(model)
    back = load_meaning_model(save_meaning_model(wide, tmp_path / "m.npz"))
    assert back.reader is not None and back.reader.inputs == model.sentence.inputs + 4
    with np.load(tmp_path / "m.npz", allow_pickle=False) as data:
        assert json.loads(str(data["meta"]))["version"] == 3
    art = _article("12 قتيلا في قصف سوق الزيتون", "قال المرصد إن 12 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين.")
    a, b, c = (check_claim(CLAIM, [art], model=m).articles[0] for m in (model, wide, back))
    assert (a.stance, round(a.score, 4)) == (b.stance, round(b.score, 4)) == (c.stance, round(c.score, 4))


def test_a_model_without_a_reader_is_still_written_as_version_2(model, tmp_path) -> None:
    model = _without_reader(model)
    with np.load(save_meaning_model(model, tmp_path / "m.npz"), allow_pickle=False) as data:
        assert json.loads(str(data["meta"]))["version"] == 2
        assert not any(k.startswith(("reader.", "side_projection")) for k in data.files)
    assert load_meaning_model(tmp_path / "m.npz").reader is None


def test_a_model_file_s_bytes_depend_on_the_model_alone(model, tmp_path) -> None:
    # two builds of one model are one file: the shipped file can be compared with a rebuild
    a = save_meaning_model(model, tmp_path / "a.npz").read_bytes()
    b = save_meaning_model(model, tmp_path / "b.npz").read_bytes()
    assert a == b


def test_the_shipped_model_still_judges_its_fixture_as_when_it_was_built(model) -> None:
    """The shipped model records its judgements of the fixture pairs at build time
    (``scripts/build_stance_model.py``): the base heads alone in their file, the model with its
    news heads (the fixture's pages have titles) in the news heads' file.  When the readings
    change (normalization, the name tagger, the cue lists ...), the shipped weights are no
    longer what a rebuild gives, and this test says so."""
    root = Path(__file__).resolve().parents[2]
    for judged_by, recorded in ((replace(model, news=None), model.description.get("fixture")),
                                (model, model.news.description.get("fixture") if model.news else None)):
        assert recorded, "a shipped stance model file records no fixture judgements: rebuild it"
        now = fixture_judgements(judged_by, recorded["file"], root / recorded["file"])
        changed = [i for i, (a, b) in enumerate(zip(recorded["labels"], now["labels"])) if a != b]
        drift = max(abs(a - b) for a, b in zip(recorded["scores"], now["scores"]))
        assert not changed and drift < 0.01, (
            f"the readings changed since the shipped stance model was built ({len(changed)} fixture labels differ, "
            f"scores by up to {drift:.3f}): rebuild it with python scripts/build_stance_model.py [--news]"
        )


def test_the_news_heads_choose_only_the_side_of_a_related_news_page(model, monkeypatch) -> None:
    # session 36: the page kind is read from the page alone -- a title makes it a news page
    assert model.news is not None, "khabar ships check/data/stance-model-news.npz"
    assert news_page(analyse(CLAIM, [doc_from_article(_article("قصف سوق الزيتون", "نص."))])[0])
    assert not news_page(analyse(CLAIM, [doc_from_article(_article("", "نص."))])[0])
    seen: list[str] = []

    class Side:
        def _side(self, reading):
            seen.append(reading.analysis.doc.article.title)
            return "disagree", 0.9

    routed = replace(model, news=Side())
    body = "قال المرصد إن 60 شخصا قتلوا في قصف على سوق حي الزيتون في مدينة النهرين."
    titled, bare = (check_claim(CLAIM, [_article(t, body)], model=routed).articles[0] for t in ("قصف", ""))
    alone = check_claim(CLAIM, [_article("", body)], model=replace(model, news=None)).articles[0]
    assert seen == ["قصف"]  # the titled page's side was the news heads' to choose; the bare text's was not
    assert (bare.stance, round(bare.score, 4)) == (alone.stance, round(alone.score, 4))
    # a page the base heads call unrelated: the news heads are not asked, whatever the page
    plain = Network.logits

    def unrelated(self, x):
        out = plain(self, x)
        if "unrelated" in self.labels:
            out = out.copy()
            out[:, self.labels.index("unrelated")] += 100.0
        return out

    monkeypatch.setattr(Network, "logits", unrelated)
    seen.clear()
    check_claim(CLAIM, [_article("قصف", body)], model=routed)
    assert seen == []


def test_a_file_for_other_features_is_refused(model, tmp_path) -> None:
    path = save_meaning_model(model, tmp_path / "m.npz")
    with np.load(path, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files}
    meta = json.loads(str(arrays["meta"]))
    meta["sentence_features"] = meta["sentence_features"][:-1]
    arrays["meta"] = np.array(json.dumps(meta))
    np.savez(tmp_path / "other.npz", **arrays)
    with pytest.raises(InputError, match="other features"):
        load_meaning_model(tmp_path / "other.npz")
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="junk.npz"):
        load_meaning_model(tmp_path / "junk.npz")


def test_a_lead_denies_a_claim_when_the_denied_words_are_the_claims() -> None:
    view = claim_view("وصلت قوات أجنبية إلى ميناء المدينة لحماية السفن")
    assert denies_claim(view, "الوزارة تنفي وصول قوات أجنبية إلى الميناء")
    assert denies_claim(view, "نفى المتحدث باسم الوزارة وصول أي قوات أجنبية إلى الميناء")
    # the denial of something else, or the claim's words before the denial, are not a denial of it
    assert not denies_claim(view, "الوزارة تنفي تصريحات منسوبة إلى الوزير")
    assert not denies_claim(view, "قوات أجنبية تصل إلى الميناء والوزارة تنفي")
    assert not denies_claim(view, "وصول قوات أجنبية إلى ميناء المدينة")


def _near(texts):
    return np.tile(np.eye(512, dtype=np.float32)[0], (len(texts), 1))  # every text "near" the claim


def _page(claim_text: str, title: str, body: str):
    """A page of one article read against the claim, every sentence read as near it."""
    from khabar.check import meaning_model

    claim = read_claim(claim_text, np.eye(512, dtype=np.float32)[0])
    analyses = analyse(claim_text, [doc_from_article(_article(title, body))])
    (cand,) = read_candidates(claim, analyses, _near)
    return meaning_model.PairReading(claim, analyses[0], cand)


def _states(claim_text: str, title: str, body: str, label: str = "discuss") -> str:
    """The label :func:`meaning_model._states_claim` gives a page of one article."""
    from khabar.check import meaning_model

    return meaning_model._states_claim(label, _page(claim_text, title, body))


STATED = "أدان الأمين العام للأمم المتحدة قصف مستشفى في مدينة حلب"


def test_a_sentence_naming_the_claim_s_names_with_nothing_contrary_states_it() -> None:
    body = "ندد الأمين العام للأمم المتحدة بالهجوم الذي استهدف مستشفى في حلب. وتحدث عن ضحايا."
    assert _states(STATED, "بيان في نيويورك", body) == "agree"
    # only a discussing page is read so: the heads' other labels stand
    assert _states(STATED, "بيان في نيويورك", body, label="disagree") == "disagree"


def test_a_sentence_missing_one_of_the_claim_s_names_does_not_state_it() -> None:
    body = "ندد الأمين العام للأمم المتحدة بالهجوم الذي استهدف مستشفى. وتحدث عن ضحايا."
    assert _states(STATED, "بيان في نيويورك", body) == "discuss"


def test_a_negation_on_one_side_or_another_figure_does_not_state_the_claim() -> None:
    body = "لم يدن الأمين العام للأمم المتحدة الهجوم الذي استهدف مستشفى في حلب. وتحدث عن ضحايا."
    assert _states(STATED, "بيان في نيويورك", body) == "discuss"
    claim = "قالت الأمم المتحدة إن 60 شخصا قتلوا في قصف على مستشفى في حلب"
    body = "قالت الأمم المتحدة إن 12 شخصا قتلوا في قصف على مستشفى في حلب. وتحدث عن ضحايا."
    assert _states(claim, "بيان في نيويورك", body) == "discuss"


def test_a_claim_naming_no_one_is_stated_by_a_sentence_holding_most_of_its_words() -> None:
    claim = "عاد الصيادون إلى قواربهم بعد انحسار العاصفة في الخليج"
    body = "عاد الصيادون إلى قواربهم في الخليج بعدما انحسرت العاصفة. وتحدث التجار عن الطلب."
    assert _states(claim, "ميناء", body) == "agree"
    # a sentence near the claim that holds few of its words does not anchor it
    body = "ارتفعت أسعار السمك في الأسواق هذا الأسبوع بعد العاصفة. وتحدث التجار عن الطلب."
    assert _states(claim, "أسواق", body) == "discuss"


def _reverses(claim_text: str, title: str, body: str, label: str = "agree") -> str:
    """The label :func:`meaning_model._reverses_claim` gives a page of one article."""
    from khabar.check import meaning_model

    return meaning_model._reverses_claim(label, _page(claim_text, title, body))


def test_a_page_giving_the_claim_s_actor_the_opposite_outcome_disagrees() -> None:
    claim = "فاز النادي الأزرق على الفريق الأحمر في نهائي الكأس"
    body = "خسر النادي الأزرق أمام الفريق الأحمر في نهائي الكأس. واحتفل الجمهور في الشوارع."
    assert _reverses(claim, "نهائي الكأس", body) == "disagree"
    assert _reverses(claim, "نهائي الكأس", body, label="discuss") == "disagree"
    # the same outcome told the other way round agrees, and so does the page
    body = "خسر الفريق الأحمر أمام النادي الأزرق في نهائي الكأس. واحتفل الجمهور في الشوارع."
    assert _reverses(claim, "نهائي الكأس", body) == "agree"


def test_a_kept_outcome_elsewhere_on_the_page_keeps_the_heads_label() -> None:
    claim = "نجا المراقب الجوي من انهيار البرج"
    body = "لقي المراقب الجوي مصرعه في انهيار البرج. وقالت مصادر أخرى إن المراقب الجوي نجا من الانهيار."
    assert _reverses(claim, "انهيار البرج", body) == "agree"
