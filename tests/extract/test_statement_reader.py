"""The statement reader: a learned gate at the verbs of saying the rules read nothing at."""

from khabar.extract.quotes import _names_by_sentence, extract_quotes, rule_quotes
from khabar.extract.statement_reader import read_statements, score, sites
from khabar.model import Article
from khabar.text.ar.segment import split_sentences


def _article(body: str):
    article = Article.create(title="", body=body)
    return article, split_sentences(article)


def test_a_body_no_list_vouches_for_speaks_through_the_gate():
    # "خطباء المساجد" is no listed kind of speaker: the rules read nothing, the gate reads the preachers
    article, sentences = _article("ودعا خطباء المساجد إلى رفع شعار الكفاح المسلح ضد إسرائيل .")
    assert rule_quotes(article, sentences) == []
    [quote] = extract_quotes(article, sentences)
    assert quote.speaker == "خطباء المساجد" and quote.content.startswith("إلى رفع شعار")
    assert article.text[quote.start : quote.end] == quote.content


def test_a_verb_the_rules_read_is_no_site():
    article, sentences = _article("وقال وزير الخارجية سامي العلي إن الطريق مفتوح أمام القوافل .")
    rules = rule_quotes(article, sentences)
    assert len(rules) == 1
    assert list(sites(article.id, sentences, _names_by_sentence(sentences, ()), rules)) == []
    assert read_statements(article, sentences, {}, rules) == []


def test_the_score_is_the_logistic_of_the_weighted_features():
    assert score({}, {}, 0.0) == 0.5
    assert score({"a": 1.0, "b": 1.0}, {"a": 2.0}, -2.0) == 0.5
    assert score({"a": 1.0}, {"a": 3.0}, 0.0) > 0.95
