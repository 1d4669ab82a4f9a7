"""Paths, directories, stdin and format detection: a batch goes on past bad inputs."""

import io
import sys
import types

import pytest

from khabar.config import ReadOptions
from khabar.errors import InputError, OptionsError
from khabar.ingest import detect_format, list_inputs, read_path, read_paths

GOOD = "حصار الحي الشرقي\nقال مكتب الأمم المتحدة إن نحو أربعين ألف مدني ما زالوا محاصرين في الحي الشرقي.\n"


def _split(results):
    results = list(results)
    return [r for r in results if not isinstance(r, InputError)], [r for r in results if isinstance(r, InputError)]


@pytest.fixture
def mixed_dir(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "sub" / "b.txt").write_text(GOOD.replace("الشرقي", "الغربي"), encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    (d / "english.txt").write_text("Siege of the east\nThe United Nations said forty thousand civilians are trapped.\n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "photo.png").write_bytes(b"\x89PNG")
    (d / "README.md").write_text("# About this folder\n")
    (d / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    return d


def test_directory_yields_good_articles_and_one_error_per_bad_file(mixed_dir):
    good, bad = _split(read_path(mixed_dir))
    assert sorted(a.title for a in good) == ["حصار الحي الشرقي", "حصار الحي الغربي"]
    assert sorted(e.problem.split(" (")[0] for e in bad) == ["binary file", "empty file", "text is not Arabic"]


def test_directory_articles_are_complete(mixed_dir):
    good, _ = _split(read_path(mixed_dir))
    assert all(a.body.startswith("قال مكتب الأمم المتحدة") and a.source.endswith(".txt") for a in good)


def test_directory_skips_unknown_extensions_readmes_and_hidden_files(mixed_dir):
    files, skipped, problems = list_inputs(mixed_dir)
    assert problems == []
    assert [p.name for p in skipped] == ["README.md", "photo.png"]
    assert ".hidden.txt" not in [p.name for p in files]


def test_directory_walk_is_sorted(mixed_dir):
    files, _, _ = list_inputs(mixed_dir)
    assert [p.relative_to(mixed_dir).as_posix() for p in files] == [
        "a.txt",
        "empty.txt",
        "english.txt",
        "image.txt",
        "sub/b.txt",
    ]


def test_missing_path_is_an_error(tmp_path):
    (err,) = read_paths([tmp_path / "nope.txt"])
    assert err.problem == "no such file or directory"


def test_explicit_file_with_unknown_extension_is_read(tmp_path):
    path = tmp_path / "report.dat"
    path.write_text(GOOD, encoding="utf-8")
    (a,) = read_path(path)
    assert a.title == "حصار الحي الشرقي"


def test_oversize_file_is_an_error_in_the_stream(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 100, encoding="utf-8")
    (err,) = read_path(path, options=ReadOptions(max_bytes=1000))
    assert "over the limit of" in err.problem and "--max-mb" in err.problem


def test_unknown_format_option_is_an_options_error():
    with pytest.raises(OptionsError, match="unknown input format 'pdf'"):
        list(read_paths([], options=ReadOptions(format="pdf")))


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("x", '{"body": 1}', "json"),
        ("x", "[{}]", "json"),
        ("x", '<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("x.xml", '<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("x", "<!DOCTYPE html><html>", "html"),
        ("x.txt", "<DOC>\n<DOCNO>1</DOCNO>", "trec"),
        ("x", "عنوان\nنص", "text"),
        ("x.md", "{ليس JSON}", "text"),
        ("x.jsonl", '{"a": 1}', "jsonl"),
    ],
)
def test_detect_format(tmp_path, name, head, expected):
    assert detect_format(tmp_path / name, head) == expected


def test_forced_format_overrides_the_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text('{"title": "عنوان", "body": "قال مكتب الأمم المتحدة إن آلاف المدنيين محاصرون."}', encoding="utf-8")
    (a,) = read_path(path, options=ReadOptions(format="json"))
    assert a.title == "عنوان"


def test_stdin_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD))
    (a,) = read_paths(["-"])
    assert (a.title, a.source) == ("حصار الحي الشرقي", "<stdin>")


def test_stdin_json_lines_from_bytes(monkeypatch):
    lines = '{"title": "أ", "body": "قال مكتب الأمم المتحدة إن آلاف المدنيين محاصرون."}\n' * 2
    stream = types.SimpleNamespace(buffer=io.BytesIO(lines.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", stream)
    good, bad = _split(read_paths(["-"]))
    assert (len(good), bad) == (2, [])


def test_stdin_empty_is_an_error(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    (err,) = read_paths(["-"])
    assert str(err) == "<stdin>: empty file"


def test_seeds_give_five_articles_titled_by_their_first_line(seeds_dir, seed_texts):
    articles = list(read_path(seeds_dir))
    assert all(not isinstance(a, InputError) for a in articles)
    assert [a.title for a in articles] == [t.strip().split("\n")[0].strip() for t in seed_texts.values()]


def test_seed_003_outlet_from_its_source_line(seeds_dir):
    (article,) = read_path(next(seeds_dir.glob("003_*.txt")))
    assert article.outlet == "BBC عربي" and "المصدر" not in article.body.split("\n")[-1]


def test_a_file_that_grows_past_its_size_is_read_to_the_limit(tmp_path, monkeypatch):
    """The reader asks for a file's size and one byte more; a file longer than its size
    said (it grew, or a special file) is read on up to the limit, and refused over it."""
    import os as os_module

    from khabar.ingest.encoding import read_limited

    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 100)
    real_fstat = os_module.fstat

    class Small:
        def __init__(self, st):
            self.st_size = 10

    monkeypatch.setattr("khabar.ingest.encoding.os.fstat", lambda fd: Small(real_fstat(fd)))
    assert read_limited(path, max_bytes=1000) == b"x" * 100
    with pytest.raises(InputError):
        read_limited(path, max_bytes=50)
