"""Light stemming: one stem per spelling and inflection that news reports mix."""

from __future__ import annotations

import pytest

from khabar.text.ar.normalize import normalize
from khabar.text.ar.stem import stem, stems


@pytest.mark.parametrize(
    "a,b",
    [
        ("المدنيين", "مدنيون"),  # sound masculine plural, with and without the article
        ("المدينة", "مدينة"),  # ta marbuta with and without the article
        ("والمعارضة", "المعارضين"),
        ("قالت", "وقال"),
        ("الغارات", "غارة"),
        ("مسؤولين", "مسئولين"),  # hamza seat spellings
    ],
)
def test_inflections_share_a_stem(a, b):
    assert stem(a) == stem(b)


def test_different_words_keep_different_stems():
    assert stem("المدينة") != stem("المعارضة")


@pytest.mark.parametrize("word", ["المدينة", "مسؤولين", "الأطفال", "إيرولت", "المُدُنِ", "مستشفى"])
def test_stem_of_normalized_word_is_the_same(word):
    assert stem(word) == stem(normalize(word))


def test_diacritics_do_not_change_the_stem():
    assert stem("المَدِينَةِ") == stem("المدينة")


def test_non_arabic_words_come_back_normalized():
    assert stem("BBC") == "bbc" and stem("2016") == "2016"


def test_empty_word():
    assert stem("") == ""


def test_stems_keeps_order():
    assert stems(["حلب", "المدنيين"]) == [stem("حلب"), stem("المدنيين")]


def test_stems_survive_a_restart_through_the_disk_cache(tmp_path, monkeypatch):
    import subprocess
    import sys

    env = {**__import__("os").environ, "KHABAR_CACHE_DIR": str(tmp_path)}
    code = (
        "import sys; from khabar.text.ar.stem import stem; print(stem('والمعارضين')); "
        "print('nltk' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    stem1, loaded1 = first.stdout.split()
    stem2, loaded2 = second.stdout.split()
    assert stem1 == stem2
    assert loaded1 == "True" and loaded2 == "False"  # the second run never imports NLTK
    assert list(tmp_path.glob("stems-*.json"))


def test_the_disk_cache_can_be_turned_off(tmp_path):
    import subprocess
    import sys

    env = {**__import__("os").environ, "KHABAR_CACHE_DIR": "off"}
    code = "from khabar.text.ar.stem import stem; stem('المدنيين')"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=tmp_path)
    assert not list(tmp_path.glob("stems-*.json"))


def test_a_damaged_cache_file_is_ignored(tmp_path, monkeypatch):
    import subprocess
    import sys

    from khabar.text.ar.stem import StemCache

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    StemCache._path().write_text("{not json", encoding="utf-8")
    env = {**__import__("os").environ, "KHABAR_CACHE_DIR": str(tmp_path)}
    code = "from khabar.text.ar.stem import stem; print(stem('المدنيين'))"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip()
    assert StemCache._path().read_text(encoding="utf-8").startswith("{\"")  # rewritten whole
