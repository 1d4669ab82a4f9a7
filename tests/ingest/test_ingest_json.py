"""JSON and JSON Lines: field mapping, list layouts, record errors that spare the rest."""

import datetime as dt
import json
from pathlib import Path

from khabar.config import FieldMap, ReadOptions
from khabar.errors import InputError
from khabar.ingest import read_path

FIXTURES = Path(__file__).parent / "fixtures"
BODY = "أعلنت السلطات المحلية فتح الطريق الرئيسي أمام حركة السير بعد إزالة الركام الذي خلفه القصف."


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _split(results):
    return [r for r in results if not isinstance(r, InputError)], [r for r in results if isinstance(r, InputError)]


def test_one_object_with_default_fields(tmp_path):
    path = _write(
        tmp_path, "a.json", {"title": "فتح الطريق", "body": BODY, "outlet": "وكالة", "published": "2020-02-03"}
    )
    (a,) = read_path(path)
    assert (a.title, a.body, a.outlet, a.published) == ("فتح الطريق", BODY, "وكالة", dt.date(2020, 2, 3))


def test_list_under_articles_key(tmp_path):
    path = _write(tmp_path, "a.json", {"articles": [{"title": "أ", "text": BODY}, {"headline": "ب", "content": BODY}]})
    assert [a.title for a in read_path(path)] == ["أ", "ب"]


def test_dotted_field_paths(tmp_path):
    record = {
        "meta": {"source": {"name": "صحيفة الغد"}, "when": "2021-05-06"},
        "doc": {"headline": "عنوان", "text": BODY},
    }
    fields = FieldMap(title="doc.headline", body="doc.text", outlet="meta.source.name", published="meta.when")
    (a,) = read_path(_write(tmp_path, "a.json", record), options=ReadOptions(fields=fields))
    assert (a.title, a.outlet, a.published) == ("عنوان", "صحيفة الغد", dt.date(2021, 5, 6))


def test_missing_title_takes_the_first_body_line(tmp_path):
    (a,) = read_path(_write(tmp_path, "a.json", {"body": f"السطر الأول\n{BODY}"}))
    assert (a.title, a.body) == ("السطر الأول", BODY)


def test_baly_layout_pairs_list_items_by_position():
    options = ReadOptions(fields=FieldMap(body="article", url="url", title="", title_fallbacks=()))
    good, bad = _split(list(read_path(FIXTURES / "baly_like.json", options=options)))
    assert [(a.title, a.url) for a in good] == [
        ("انفجار في مستودع للوقود قرب الميناء", "https://www.aljazeera.net/news/1"),
        ("السلطات تحقق في أسباب حريق الميناء", "http://www.example-news.com/story/3"),
    ]
    assert [str(e) for e in bad] == [f"{FIXTURES / 'baly_like.json'}#1: not an article: the body is empty"]


def test_outlet_comes_from_the_url_host_when_not_given():
    options = ReadOptions(fields=FieldMap(body="article", url="url"))
    first = next(iter(read_path(FIXTURES / "baly_like.json", options=options)))
    assert first.outlet == "الجزيرة"


def test_record_without_body_names_its_index(tmp_path):
    path = _write(tmp_path, "a.json", [{"body": BODY, "title": "خبر"}, {"title": "بلا نص"}])
    good, bad = _split(list(read_path(path)))
    assert len(good) == 1
    assert bad[0].source == f"{path}#1" and "no body field" in bad[0].problem


def test_malformed_json_is_one_error_with_line_and_column(tmp_path):
    path = _write(tmp_path, "a.json", '{"title": "خبر",\n "body": }')
    (err,) = read_path(path)
    assert isinstance(err, InputError) and "malformed JSON at line 2, column 10" in err.problem


def test_jsonl_bad_line_spares_the_good_ones(tmp_path):
    lines = [
        json.dumps({"title": "أول", "body": BODY}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "ثالث", "body": BODY}, ensure_ascii=False),
    ]
    good, bad = _split(list(read_path(_write(tmp_path, "a.jsonl", "\n".join(lines)))))
    assert [a.title for a in good] == ["أول", "ثالث"]
    assert [e.source for e in bad] == [f"{tmp_path / 'a.jsonl'}:2"]


def test_json_named_file_holding_json_lines_is_read_as_lines(tmp_path):
    lines = [json.dumps({"title": t, "body": BODY}, ensure_ascii=False) for t in ("أ", "ب")]
    assert [a.title for a in read_path(_write(tmp_path, "a.json", "\n".join(lines)))] == ["أ", "ب"]


def test_scalar_document_is_an_error(tmp_path):
    (err,) = read_path(_write(tmp_path, "a.json", "42"))
    assert "expected a JSON object or a list of objects, found a number" in err.problem


def test_the_pages_of_a_record_have_words_split_by_a_stray_space_joined(tmp_path):
    """A corpus record holds the pages retrieved for one claim; where one of them lost its
    diacritics and a space split a word at each, the others write the word whole."""
    record = {
        "claim": "انسحاب القوات",
        "article": [
            "القوات تنسحب\nوقال مصدر مط لع إن القوات المسل حة انسحبت من المدينة صباح اليوم.",
            "انسحاب من المدينة\nوأكد مصدر مطلع أن القوات المسلحة انسحبت من المدينة بعد أسبوع من المعارك.",
        ],
    }
    options = ReadOptions(fields=FieldMap(body="article"))
    first, second = read_path(_write(tmp_path, "claim.json", record), options=options)
    assert first.body == "وقال مصدر مطلع إن القوات المسلحة انسحبت من المدينة صباح اليوم."
    assert second.body.startswith("وأكد مصدر مطلع أن القوات المسلحة")
