"""Light stemming: one stem per spelling and inflection that news reports mix."""

from __future__ import annotations

import os
import sqlite3

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


def _run(code: str, env: dict[str, str]) -> list[str]:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], env={**os.environ, **env}, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_stems_survive_a_restart_through_the_disk_cache(tmp_path):
    code = (
        "import sys; from khabar.text.ar import stem as s; print(s.stem('والمعارضين')); "
        "print(s.STEMMER_NAME); print('nltk' in sys.modules)"
    )
    stem1, stemmer1, nltk1 = _run(code, {"KHABAR_CACHE_DIR": str(tmp_path)})
    stem2, stemmer2, nltk2 = _run(code, {"KHABAR_CACHE_DIR": str(tmp_path)})
    assert stem1 == stem2
    assert stemmer1 == "arlstem" and stemmer2 == "None"  # the second run never loads the stemmer
    assert nltk1 == nltk2 == "False"  # and neither imports NLTK's package
    assert list(tmp_path.glob("stems-*.sqlite3"))


def test_the_disk_cache_can_be_turned_off(tmp_path):
    code = "from khabar.text.ar.stem import stem; stem('المدنيين')"
    _run(code, {"KHABAR_CACHE_DIR": "off", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})
    assert not list(tmp_path.rglob("stems-*"))


def test_a_damaged_cache_file_is_started_afresh(tmp_path, monkeypatch):
    from khabar.text.ar.stem import StemCache

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    path = StemCache._path()
    path.write_bytes(b"not a database, and long enough to look like one's header" * 20)
    code = "from khabar.text.ar.stem import stem; print(stem('المدنيين'))"
    (out,) = _run(code, {"KHABAR_CACHE_DIR": str(tmp_path)})
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT stem FROM stems WHERE word = ?", (normalize("المدنيين"),)).fetchone() == (out,)


def test_the_cache_keeps_learning_within_its_bound(tmp_path, monkeypatch):
    from khabar.text.ar import stem as module

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module.StemCache, "MAX_WORDS", 10)
    monkeypatch.setattr(module, "STEMMER_NAME", "arlstem")
    cache = module.StemCache()
    for batch in range(4):  # four runs, each learning five new words
        for i in range(5):
            cache.put(f"كلمة{batch}{i}", f"ك{batch}{i}")
        cache.save()
    with sqlite3.connect(cache.path) as db:
        kept = {w for (w,) in db.execute("SELECT word FROM stems")}
    assert len(kept) <= 10
    assert {f"كلمة3{i}" for i in range(5)} <= kept  # the newest words are in
    assert "كلمة00" not in kept  # the oldest made room
    assert cache.get("كلمة34") == "ك34"


def test_arlstem_runs_without_nltks_package_and_stems_as_nltk_does():
    """ARLSTem from NLTK's files (no nltk/__init__, which imports scipy.stats) gives NLTK's
    stems, on words of every shape the rules treat."""
    words_ = [
        "والمعارضين", "المدنيين", "قالت", "بلاده", "مسؤولين", "الحكومية", "فالمدينة", "وللأطفال",
        "سيقولون", "لنذهب", "كتبتما", "مدرستان", "المعلمات", "بالمستشفى", "وكالمعلم", "منهما", "حلب",
        "أ", "يا", "والذين", "إسرائيل", "فبالقصف", "استسلموا", "ستنتهي", "المُدُنِ", "أطفالهم",
    ]
    code = (
        "import sys; from khabar.text.ar.stem import load_arlstem; f = load_arlstem(); "
        f"print('|'.join(f(w) for w in {words_!r})); print('nltk' in sys.modules)"
    )
    private, loaded = _run(code, {})
    from nltk.stem.arlstem import ARLSTem

    assert private.split("|") == [ARLSTem().stem(w) for w in words_]
    assert loaded == "False"


def test_stems_asks_the_disk_cache_for_new_words_together(tmp_path, monkeypatch):
    """A batch of words not stemmed yet in the process is one look-up of the disk cache,
    and gives the stems the cache holds, in order, repeats and non-Arabic words included."""
    from khabar.text.ar import stem as module

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(module, "STEMMER_NAME", "arlstem")
    monkeypatch.setattr(module, "_GIVEN", {})
    cache = module.StemCache()
    # stems no stemmer would give: they can only come from the cache
    for word, stemmed in (("كلمةاولى", "ك1"), ("كلمةثانية", "ك2"), ("كلمةثالثة", "ك3")):
        cache.put(normalize(word), stemmed)  # the cache is keyed by normalized words
    cache.save()
    monkeypatch.setattr(module, "_cache", cache)
    singles: list[str] = []
    many: list[list[str]] = []
    get, get_many = cache.get, cache.get_many
    monkeypatch.setattr(cache, "get", lambda w: singles.append(w) or get(w))
    monkeypatch.setattr(cache, "get_many", lambda ws: many.append(list(ws)) or get_many(ws))
    words = ["كلمةاولى", "BBC", "كلمةثانية", "كلمةاولى", "كلمةثالثة"]
    assert stems(words) == ["ك1", "bbc", "ك2", "ك1", "ك3"]
    assert many == [[normalize(w) for w in ("كلمةاولى", "كلمةثانية", "كلمةثالثة")]] and singles == []
    assert stems(words) == ["ك1", "bbc", "ك2", "ك1", "ك3"] and len(many) == 1  # remembered


def test_a_forked_child_opens_a_cache_of_its_own(tmp_path, monkeypatch):
    """An SQLite connection must not cross a fork: a brief's forked workers stem with their
    own connection to the same file, and get the same stems."""
    from khabar.scale.engines import run_forked
    from khabar.text.ar import stem as stem_module

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(stem_module, "_cache", None)
    here = stem("والمعارضين")
    parent_cache = stem_module._cache
    assert parent_cache is not None

    def in_child():
        return stem("والمعارضين"), stem_module._cache is not parent_cache, parent_cache in stem_module._INHERITED

    assert run_forked(in_child)() == (here, True, True)
    assert stem_module._cache is parent_cache


def test_root_letters_meet_across_a_broken_plural_and_drop_the_article() -> None:
    from khabar.text.ar.stem import root_letters

    assert root_letters("راكب") == root_letters("الركاب") == "ركب"
    assert root_letters("جندي") == root_letters("جنود") == "جند"
    assert root_letters("الاب") == ""  # fewer than three consonants: nothing to compare
