"""What the name tagger sees of a word: its own attributes made in one pass as they were made
by patterns and lists (issue 19, session 37)."""

from __future__ import annotations

import random
import re

from khabar.extract.tagger.features import _shape, own_attributes
from khabar.text.ar.clitics import strip_clitics
from khabar.text.ar.normalize import normalize
from khabar.text.ar.stem import stem

_LATIN = re.compile(r"[a-z\u00c0-\u024f]")
_DIGIT = re.compile(r"[0-9]")
_ARABIC = re.compile(r"[\u0621-\u064a]")


def _shape_by_patterns(norm: str) -> str:
    if not norm:
        return "punct"
    if _DIGIT.search(norm):
        return "digit" if not _ARABIC.search(norm) else "mixed"
    if _LATIN.search(norm):
        return "latin"
    if not _ARABIC.search(norm):
        return "punct"
    return "ar"


def _own_by_lists(token: str) -> tuple:
    norm = normalize(token)
    bare = norm if norm.isalnum() else "".join(ch for ch in norm if ch.isalnum())
    shape = _shape_by_patterns(bare)
    out = [("shape", shape)]
    if shape == "punct":
        out.append(("w", norm.strip() or token))
        return tuple(out)
    out.append(("w", bare))
    if shape in ("digit", "mixed"):
        out.append(("L", str(min(len(bare), 5))))
        return tuple(out)
    stripped = strip_clitics(bare) if shape == "ar" else bare
    clitic = bare[: len(bare) - len(stripped)]
    out += [("s", stripped), ("pc", clitic), ("st", stem(bare) if shape == "ar" else bare)]
    out += [("L", str(min(len(stripped), 9)))]
    out += [("p2", stripped[:2]), ("p3", stripped[:3])]
    out += [("x2", bare[-2:]), ("x3", bare[-3:]), ("x4", bare[-4:])]
    if norm.startswith("ال"):
        out.append(("G", "al"))
    return tuple(out)


#: Letters at and around every edge of the shapes' ranges, and others.
_EDGES = "/09:`az{\u00bf\u00c0\u00d7\u024f\u0250\u0620\u0621\u064a\u064b\u0660\u0669\u06f0\u03b1\u0430\u4e00 _-.،"


def test_a_words_own_attributes_are_those_of_the_patterns_and_lists():
    rng = random.Random(37)
    tokens = ["", " ", "،", "...", "12", "١٢", "a1", "covid-19", "ب12", "بالامم", "العلي", "وبغداد", "لل", "ال", "x",
              "Éric", "مدينة", "والمستشفيات", "كتب", "αβγ", "москва", "北京", "الـ", "ﻻ"]
    arabic = "".join(map(chr, range(0x621, 0x64B)))
    for _ in range(3000):
        alphabet = rng.choice((_EDGES, arabic, arabic + _EDGES, "abcxyz0123456789"))
        tokens.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))))
    for token in tokens:
        assert own_attributes(token) == _own_by_lists(token), token
        bare = "".join(ch for ch in normalize(token) if ch.isalnum())
        assert _shape(token, bare) == _shape_by_patterns(bare), token


def _readings_by_lists(norm: str) -> tuple:
    from khabar.text.ar.clitics import clitic_variants

    out = [norm]
    for variant in clitic_variants(norm)[1:]:
        prefix = norm[: len(norm) - len(variant)]
        out.append("ال" + variant if prefix.endswith(("ال", "لل")) else variant)
    return tuple(dict.fromkeys(out))


def _listed_by_generators(bare: str) -> tuple:
    from khabar.extract.tagger.features import word_lists
    from khabar.text.ar.stopwords import STOPWORDS

    out = []
    lists = word_lists()
    readings = _readings_by_lists(bare)
    seen: set[str] = set()
    for k, r in enumerate(readings):
        for label in lists.labels_of.get(r, ()):
            if label not in seen:
                seen.add(label)
                out.append(("G", label if k == 0 else label + "+c"))
    if bare in STOPWORDS:
        out.append(("G", "stop"))
    elif any(r in STOPWORDS for r in readings[1:]):
        out.append(("G", "stop+c"))
    if bare in lists.first_lengths or any(r in lists.first_lengths for r in readings[1:]):
        out.append(("G", "phrase1"))
    return tuple(out)


def test_a_words_readings_and_listed_attributes_are_those_of_the_generators(corpora_dir):
    # every word of khabar's lists with and without proclitics, words of ANT, and others
    import khabar
    from khabar.extract.tagger.features import listed_attributes, word_lists, word_readings
    from khabar.text.ar.clitics import PROCLITICS
    from khabar.text.ar.tokenize import words

    lists = word_lists()
    listed = sorted(lists.labels_of)[::3] + sorted(lists.first_lengths)[::3]
    with_clitics = [p + w for w in listed[::7] for p, _ in PROCLITICS]
    files = sorted((corpora_dir / "ant").glob("*/*/*.txt"))[300::900]
    ant = sorted({w for a in khabar.read(files, errors="skip") for w in words(a.body) if w.isalnum()})
    tokens = listed + with_clitics + ant + ["", "لل", "ال", "وال", "بال", "للامم", "فللامم", "x", "covid", "اليوم", "وعلى"]
    assert len(tokens) > 3000
    for word in tokens:
        assert word_readings(word) == _readings_by_lists(word), word
        assert listed_attributes(word) == _listed_by_generators(word), word


def test_a_str_subclass_is_read_as_its_str():
    # the training script hands numpy's strings (a str subclass) to the same functions
    import numpy as np

    from khabar.extract.tagger.features import listed_attributes, word_readings

    for word in ["وبغداد", "للامم", "covid", "12", "،", "الرئيس"]:
        assert own_attributes(np.str_(word)) == _own_by_lists(word)
        assert word_readings(np.str_(word + "ي")) == _readings_by_lists(word + "ي")
        assert listed_attributes(np.str_(word)) == _listed_by_generators(word)
