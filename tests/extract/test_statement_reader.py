"""The statement reader: a learned gate at the verbs of saying the rules read nothing at
(issue 20; on the default path since session 33)."""

from __future__ import annotations

import dataclasses

from khabar.extract import statement_reader as reader
from khabar.extract.quotes import _names_by_sentence, extract_quotes, rule_quotes
from khabar.model import Article, Quote
from khabar.text.ar.segment import split_sentences


def _article(body: str):
    article = Article.create(title="", body=body)
    return article, split_sentences(article)


def test_a_verb_the_rules_read_is_no_site():
    article, sentences = _article("وقال وزير الخارجية سامي العلي إن الطريق مفتوح أمام القوافل .")
    rules = rule_quotes(article, sentences)
    assert len(rules) == 1
    assert list(reader.sites(article.id, sentences, _names_by_sentence(sentences, ()), rules)) == []
    assert reader.read_statements(article, sentences, {}, rules) == []
    assert extract_quotes(article, sentences) == rules  # the shipped gate adds nothing there


def test_a_body_no_list_vouches_for_is_a_candidate_after_the_verb():
    article, sentences = _article("ودعا خطباء المساجد إلى رفع شعار الكفاح المسلح ضد إسرائيل .")
    assert rule_quotes(article, sentences) == []
    [(site, side, features, quote)] = list(reader.sites(article.id, sentences, {}, []))
    assert side == "after" and quote.speaker == "خطباء المساجد" and article.text[quote.start : quote.end] == quote.content
    assert features["hlike=0"] == 1.0  # no list vouches for the preachers
    [added] = reader.read_statements(article, sentences, {}, [], {"side=after": 5.0}, 0.0, 0.6)
    assert added.speaker == "خطباء المساجد"
    assert reader.read_statements(article, sentences, {}, [], {"side=after": -5.0}, 0.0, 0.6) == []


def test_extract_quotes_adds_what_the_shipped_gate_reads_after_the_rules():
    # rules first, then the gate's additions; the gate only adds, never takes a rules' quote away
    article, sentences = _article(
        "وقال وزير الخارجية سامي العلي إن الطريق مفتوح أمام القوافل . وأعلنت النقابات المهنية في وقت سابق تعليق الإضراب العام في البلاد ."
    )
    rules = rule_quotes(article, sentences)
    quotes = extract_quotes(article, sentences)
    assert quotes[: len(rules)] == rules
    added = reader.read_statements(article, sentences, _names_by_sentence(sentences, ()), rules)
    assert quotes[len(rules) :] == added


def test_the_score_is_the_logistic_of_the_weighted_features():
    assert reader.score({}, {}, 0.0) == 0.5
    assert reader.score({"a": 1.0, "b": 1.0}, {"a": 2.0}, -2.0) == 0.5
    assert reader.score({"a": 1.0}, {"a": 3.0}, 0.0) > 0.95


def _sites(body: str, **options):
    article = Article.create(title="", body=body)
    return [(side, quote.speaker) for _, side, _, quote in reader.sites(article.id, split_sentences(article), {}, [], **options)]


def test_no_published_document_and_no_hearer_speaks():
    # session 31: session 30's pool read "ونشرت صحيفة المدينة مقابلة" as the paper's statement
    # and the king warned ("حذر الملك السعودي أنه") as the speaker; session30=True reads as it did
    interview = "ونشرت صحيفة المدينة مقابلة معه عام 2010 تحت عنوان طويل ."
    assert _sites(interview) == [] and _sites(interview, session30=True) == [("after", "صحيفة المدينة")]
    assert _sites("ونشرت الوزارة على موقعها أن الطريق مفتوح أمام القوافل .") == [("after", "الوزارة")]
    warned = "وحذر الملك السعودي أنه لن يبقى في الحكم أسبوعين من دون دعم ."
    assert _sites(warned) == [] and _sites(warned, session30=True) == [("after", "الملك السعودي")]
    assert _sites("وحذر الملك السعودي من أنه لن يبقى في الحكم .") == [("after", "الملك السعودي")]


def test_a_repeat_is_of_the_same_speaker_only():
    body = Quote(article_id="a", sentence_index=3, speaker="وزير الخارجية الصيني", content="إن بكين سترد على الرسوم الأمريكية بالمثل", start=200, end=240)
    headline = Quote(article_id="a", sentence_index=0, speaker="وزير الخارجية", content="بكين سترد على الرسوم الأمريكية", start=0, end=30)
    assert reader.repeats(headline, [body])
    assert not reader.repeats(dataclasses.replace(headline, speaker="البيت الأبيض"), [body])  # the rules' speaker may be wrong
    assert not reader.repeats(dataclasses.replace(headline, content="الصين ستفتح أسواقها أمام الشركات الأجنبية"), [body])


def test_every_word_that_opens_a_site_is_a_site_word():
    # the reader skips a sentence none of whose tokens is a site word (session 33): every
    # form _site_verb takes, bare or after و/ف, must be one, and a verb that opens no site
    # ("يعتقد", believing) is not
    from khabar.extract.attribution.lists import _lists

    L = _lists()
    words = reader._site_words()
    forms = [c + w for table in (L.verbs, L.pronoun_verbs) for w in table for c in ("", "و", "ف")]
    opening = [w for w in forms if reader._site_verb(w) is not None]
    assert opening and set(opening) <= words
    assert "قال" in words and "وقال" in words
    assert all(reader._site_verb(w) is None for w in forms if w not in words)


def test_a_sentence_without_a_site_word_gives_no_site():
    article, sentences = _article("وصل الوفد إلى المدينة صباح اليوم . ودعا خطباء المساجد إلى رفع شعار الكفاح المسلح .")
    assert len(sentences) == 2 and reader._site_words().isdisjoint(sentences[0].text.split())
    got = list(reader.sites(article.id, sentences, {}, []))
    assert got and {site[0] for site, *_ in got} == {sentences[1].index}


def test_the_verb_words_are_what_verb_info_takes():
    from khabar.extract.attribution.lists import _lists, verb_info

    words = reader._verb_words()
    forms = {c + w for w in _lists().verbs for c in ("", "و", "ف", "ب", "وو")}
    assert all((w in words) == (verb_info(w) is not None) for w in forms)


def test_the_reader_keeps_the_best_candidate_of_each_site_as_sites_and_score_rank_them():
    # session 34: read_statements sums a site's weights once and makes only the kept quotes;
    # it adds what sites() and score() give, the best candidate of each site in text order
    article, sentences = _article(
        "ودعا خطباء المساجد إلى رفع شعار الكفاح المسلح ضد إسرائيل . وقال الوزير إن الطريق مفتوح ."
        " وأكدت العشائر دعمها للحكومة في المدينة ."
    )
    rules = rule_quotes(article, sentences)
    names = _names_by_sentence(sentences, ())
    rows = list(reader.sites(article.id, sentences, names, rules))
    assert len({site for site, *_ in rows}) == 2 and len(rows) == 3  # two sites, one of two candidates
    for weights, bias, threshold in [reader._model(), ({"side=after": 2.0, "side=before": 1.5, "hlike=0": -0.5}, -1.0, 0.5)]:
        best: dict = {}
        for site, _, features, quote in rows:
            p = reader.score(features, weights, bias)
            if p >= threshold and (site not in best or p > best[site][0]):
                best[site] = (p, quote)
        expected = [q for _, q in sorted(best.values(), key=lambda pq: pq[1].start)]
        assert reader.read_statements(article, sentences, names, rules, weights, bias, threshold) == expected
    assert expected  # the second gate keeps some
