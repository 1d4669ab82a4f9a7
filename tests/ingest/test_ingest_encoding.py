"""Bytes to text: BOMs, the two Arabic code pages, binary and garbage refused, size limit."""

import codecs
import random

import pytest

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest import read_path
from khabar.ingest.encoding import decode_bytes, read_limited

PARAGRAPH = (
    "أعلنت وزارة الصحة اليوم أن عدد المصابين في الحادث ارتفع إلى 42 شخصا، بينهم طفلان في حالة "
    "حرجة. وقال المتحدث باسم الوزارة إن فرق الإسعاف نقلت الجرحى إلى ثلاثة مستشفيات قريبة؛ "
    "فهل تكفي الأسرّة؟ ظلت الطواقم تعمل حتى الفجر."
)


def test_utf8_without_bom():
    assert decode_bytes(PARAGRAPH.encode("utf-8"), source="x") == PARAGRAPH


def test_utf8_bom_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + PARAGRAPH.encode("utf-8"), source="x") == PARAGRAPH


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_utf16_with_bom(codec):
    data = PARAGRAPH.encode(codec) if codec == "utf-16" else codecs.BOM_UTF16_BE + PARAGRAPH.encode(codec)
    assert decode_bytes(data, source="x") == PARAGRAPH


def test_utf16_without_bom_is_recognised():
    assert decode_bytes(PARAGRAPH.encode("utf-16-le"), source="x") == PARAGRAPH


def test_windows_1256_round_trip():
    assert decode_bytes(PARAGRAPH.encode("cp1256"), source="x") == PARAGRAPH


def test_iso_8859_6_round_trip():
    # The two code pages share most letters; the ones they place differently must decide.
    assert decode_bytes(PARAGRAPH.encode("iso8859_6"), source="x") == PARAGRAPH


def test_crlf_becomes_newline():
    assert decode_bytes("سطر أول\r\nسطر ثان".encode(), source="x") == "سطر أول\nسطر ثان"


def test_declared_encoding_is_used_as_given():
    latin = "café".encode("latin-1")
    assert decode_bytes(latin, source="x", declared="latin-1") == "café"


def test_unknown_declared_encoding_is_an_error():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", source="x", declared="klingon")


def test_empty_input():
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(b"  \n\n", source="x")


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError, match=r"binary file \(not text\)"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), source="x")


def test_undeclared_garbage_is_refused():
    rng = random.Random(7)
    garbage = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(InputError, match="cannot detect the encoding"):
        decode_bytes(garbage, source="x")


def test_latin_legacy_text_is_not_taken_for_arabic():
    text = "Le président a annoncé une réforme économique très attendue"
    assert decode_bytes(text.encode("latin-1"), source="x") == text


def test_oversize_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 3_000_000)
    with pytest.raises(InputError, match=r"file is 2\.9 MB, over the limit of 1\.0 MB"):
        read_limited(big, max_bytes=1024 * 1024)


def test_cp1256_file_reads_as_an_article(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(f"عنوان الخبر\n{PARAGRAPH}".encode("cp1256"))
    (article,) = read_path(path)
    assert article.body == PARAGRAPH


def test_forced_encoding_option_wins(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(f"عنوان الخبر\n{PARAGRAPH}".encode("iso8859_6"))
    (article,) = read_path(path, options=ReadOptions(encoding="iso-8859-6"))
    assert article.title == "عنوان الخبر"
