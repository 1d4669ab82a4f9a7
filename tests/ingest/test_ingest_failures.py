"""Inputs that once crashed a batch or were lost without a word: each is now one line for
that input (an error, or a warning when it was read all the same), and the good articles
beside it are read."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

import khabar

from khabar.config import ReadOptions
from khabar.errors import InputError, InputWarning
from khabar.ingest import display_source, read_path, read_string
from khabar.store import open_store

GOOD = "حصار الحي الشرقي\nقال مكتب الأمم المتحدة إن نحو أربعين ألف مدني ما زالوا محاصرين في الحي الشرقي.\n"
BODY = "قال مكتب الأمم المتحدة إن نحو أربعين ألف مدني ما زالوا محاصرين في الحي الشرقي."


def _sorted(results):
    results = list(results)
    articles = [r for r in results if not isinstance(r, InputError)]
    errors = [r for r in results if isinstance(r, InputError) and not isinstance(r, InputWarning)]
    warnings = [r for r in results if isinstance(r, InputWarning)]
    return articles, errors, warnings


def _good_pair(d):
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "b.txt").write_text(GOOD.replace("الشرقي", "الغربي"), encoding="utf-8")


def _deep(levels: int) -> str:
    return "[" * levels + "]" * levels


# --- structures too deep to parse --------------------------------------------------------------


def test_json_nested_a_thousand_deep_is_one_error_and_the_folder_goes_on(tmp_path):
    _good_pair(tmp_path)
    (tmp_path / "deep.json").write_text(_deep(100_000), encoding="utf-8")
    articles, errors, _ = _sorted(read_path(tmp_path))
    assert len(articles) == 2  # the two good files of the folder (was: RecursionError, 0 of 2)
    assert [e.source for e in errors] == [str(tmp_path / "deep.json")]
    assert "nested too deeply" in errors[0].problem


def test_a_deep_jsonl_line_is_an_error_for_that_line_only(tmp_path):
    lines = [json.dumps({"title": "حصار الحي الشرقي", "body": BODY}), _deep(100_000),
             json.dumps({"title": "حصار الحي الغربي", "body": BODY.replace("الشرقي", "الغربي")})]
    (tmp_path / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    articles, errors, _ = _sorted(read_path(tmp_path / "dump.jsonl"))
    assert len(articles) == 2
    assert [e.source for e in errors] == [f"{tmp_path / 'dump.jsonl'}:2"]


def test_a_record_nested_deep_inside_an_article_object_is_an_error(tmp_path):
    record = '{"title": "حصار", "body": "' + BODY + '", "extra": ' + _deep(100_000) + "}"
    (tmp_path / "one.json").write_text(record, encoding="utf-8")
    _, errors, _ = _sorted(read_path(tmp_path / "one.json"))
    assert len(errors) == 1 and "nested too deeply" in errors[0].problem


def test_an_unexpected_failure_inside_a_reader_is_one_error_for_that_input(monkeypatch):
    from khabar.ingest import readers

    def broken(text, *, source, options):
        yield from ()
        raise KeyError("a reader bug")

    monkeypatch.setattr(readers, "read_plain", lambda *a, **k: next(broken(*a, **k)))
    _, errors, _ = _sorted(read_string(GOOD, source="x.txt"))
    assert [(e.source, e.problem) for e in errors] == [("x.txt", "cannot read: KeyError: 'a reader bug'")]


# --- the file system ----------------------------------------------------------------------------


def test_a_link_back_to_its_folder_is_walked_once_with_a_warning(tmp_path):
    _good_pair(tmp_path)
    os.symlink(".", tmp_path / "self")  # ln -s . self (was: OSError from is_dir(), nothing read)
    articles, errors, warnings = _sorted(read_path(tmp_path))
    assert len(articles) == 2 and errors == []
    assert [w.source for w in warnings] == [str(tmp_path / "self")]


def test_a_link_to_itself_is_an_error_and_the_folder_goes_on(tmp_path):
    _good_pair(tmp_path)
    os.symlink("loop", tmp_path / "loop")  # "too many levels of symbolic links"
    articles, errors, _ = _sorted(read_path(tmp_path))
    assert len(articles) == 2
    assert [e.source for e in errors] == [str(tmp_path / "loop")]


def test_an_unreadable_folder_is_said_not_skipped_silently(tmp_path, monkeypatch):
    _good_pair(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "c.txt").write_text(GOOD, encoding="utf-8")
    real = os.scandir

    def scandir(path):  # as chmod 000 does, also for root
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    articles, errors, _ = _sorted(read_path(tmp_path))
    assert len(articles) == 2
    assert [(e.source, e.problem) for e in errors] == [(str(tmp_path / "locked"), "cannot read this folder: Permission denied")]


def test_a_file_name_that_is_not_utf8_is_read_and_stored(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # printf 'caf\xe9.txt'
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD.replace("الشرقي", "الغربي"), encoding="utf-8")
    articles, errors, _ = _sorted(read_path(tmp_path))
    assert errors == [] and len(articles) == 2
    assert {a.source for a in articles} == {str(tmp_path / "b.txt"), str(tmp_path / "caf\ufffd.txt")}
    with open_store(tmp_path / "s.sqlite3") as store:  # was: UnicodeEncodeError, the batch lost
        assert store.add(articles).added == 2


def test_control_characters_in_a_file_name_are_escaped():
    assert display_source("a\x1b[2Jb\u202ec.txt") == "a\\x1b[2Jb\\u202ec.txt"
    assert display_source("/news/حلب.txt") == "/news/حلب.txt"


# --- decoding --------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", [None, "utf-8"])
def test_a_utf8_file_with_a_few_bad_bytes_is_kept_with_a_warning_counting_them(tmp_path, encoding):
    data = GOOD.encode("utf-8").replace("الأمم".encode(), "الأمم".encode() + b"\xff", 1) + b"\xc3"
    (tmp_path / "a.txt").write_bytes(data)
    articles, errors, warnings = _sorted(read_path(tmp_path / "a.txt", options=ReadOptions(encoding=encoding)))
    assert errors == [] and len(articles) == 1 and "\ufffd" in articles[0].body
    assert [w.problem.split(" ")[0] for w in warnings] == ["2"]


def test_a_windows_1256_file_is_still_read_as_windows_1256(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("cp1256"))
    articles, errors, warnings = _sorted(read_path(tmp_path / "a.txt"))
    assert errors == warnings == [] and articles[0].title == "حصار الحي الشرقي"


def test_a_nul_past_the_first_64_kb_makes_a_binary_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(GOOD.encode("utf-8") + ("نص " * 30_000).encode("utf-8") + b"\x00tail")
    _, errors, _ = _sorted(read_path(tmp_path / "a.txt"))
    assert len(errors) == 1 and errors[0].problem.startswith("binary file")


# --- dates at the boundary --------------------------------------------------------------------------


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", 99999999999, "1899-12-31"])
def test_a_publication_date_outside_the_plausible_range_is_left_out_with_a_warning(tmp_path, published):
    (tmp_path / "a.json").write_text(json.dumps({"title": "حصار", "body": BODY, "published": published}), encoding="utf-8")
    articles, errors, warnings = _sorted(read_path(tmp_path / "a.json"))
    assert errors == [] and articles[0].published is None
    assert len(warnings) == 1 and "outside 1900-01-01" in warnings[0].problem


def test_a_plausible_date_is_kept(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"title": "حصار", "body": BODY, "published": "2016-12-13"}), encoding="utf-8")
    articles, _, warnings = _sorted(read_path(tmp_path / "a.json"))
    assert articles[0].published == dt.date(2016, 12, 13) and warnings == []


def test_front_matter_with_an_implausible_date_is_read_without_it(tmp_path):
    (tmp_path / "a.txt").write_text("---\npublished: 9999-12-31\n---\n" + GOOD, encoding="utf-8")
    articles, errors, warnings = _sorted(read_path(tmp_path / "a.txt"))
    assert errors == [] and articles[0].published is None and len(warnings) == 1


# --- records that say what is wrong with them ----------------------------------------------------------


def test_a_title_that_is_not_text_is_said(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"title": 42, "body": "حصار الحي\n" + BODY}), encoding="utf-8")
    articles, _, warnings = _sorted(read_path(tmp_path / "a.json"))
    assert articles[0].title == "حصار الحي"
    assert [w.problem for w in warnings] == ["the title is a number, not text: the first line of the body is the title"]


def test_a_null_body_is_called_null_not_missing(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps({"title": "حصار", "body": None}), encoding="utf-8")
    _, errors, _ = _sorted(read_path(tmp_path / "a.json"))
    assert [e.problem for e in errors] == ["not an article: the body (body) is null"]


# --- the Python API says what it was given wrong ------------------------------------------


@pytest.mark.parametrize(
    ("inputs", "says"),
    [(123, "not int"), ([1, 2], "not int"), ([b"x.txt"], "not bytes"), (b"x.txt", "not bytes"), ("", "empty path"), ([" "], "empty path")],
)
def test_the_python_api_names_a_wrong_input(inputs, says, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.txt").write_text("عنوان الخبر\n" + "نص عربي عن الحدث في المدينة. " * 5, encoding="utf-8")
    for call in (khabar.read, khabar.brief):
        with pytest.raises(khabar.OptionsError, match=says):
            call(inputs)  # '' never reads the current folder
