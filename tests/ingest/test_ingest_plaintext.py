"""Plain text: title line, body, front matter, source line."""

import datetime as dt

import pytest

from khabar.config import ReadOptions
from khabar.errors import InputError
from khabar.ingest import read_text

BODY = "قال مكتب الأمم المتحدة إن نحو أربعين ألف مدني ما زالوا محاصرين في الحي الشرقي.\n\nوتواصل القصف طوال الليل."

FRONT = f"""---
outlet: وكالة الأنباء المتخيلة
published: 2023-03-14
url: https://example.org/a
author: مراسلنا
---
حصار الحي الشرقي
{BODY}
"""


def test_first_line_is_the_title_and_the_rest_the_body():
    a = read_text(f"\n\nحصار الحي الشرقي\n{BODY}\n")
    assert (a.title, a.body) == ("حصار الحي الشرقي", BODY)


def test_front_matter_gives_outlet_date_and_url():
    a = read_text(FRONT)
    assert (a.outlet, a.published, a.url) == ("وكالة الأنباء المتخيلة", dt.date(2023, 3, 14), "https://example.org/a")


def test_front_matter_is_not_part_of_the_text():
    assert read_text(FRONT).title == "حصار الحي الشرقي"


def test_front_matter_title_keeps_every_line_in_the_body():
    a = read_text(f"---\ntitle: عنوان من البيانات\n---\n{BODY}")
    assert (a.title, a.body) == ("عنوان من البيانات", BODY)


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(InputError, match="never closed"):
        read_text(f"---\noutlet: وكالة\n{BODY}")


def test_unreadable_front_matter_date_is_an_error():
    with pytest.raises(InputError, match="cannot read the date 'قريبا'"):
        read_text(f"---\ndate: قريبا\n---\nعنوان\n{BODY}")


def test_source_line_gives_the_outlet_and_leaves_the_body():
    a = read_text(f"حصار الحي الشرقي\n{BODY}\n\nالمصدر : BBC عربي\n")
    assert a.outlet == "BBC عربي"
    assert "المصدر" not in a.body


def test_no_metadata_leaves_outlet_and_date_empty():
    a = read_text(f"حصار الحي الشرقي\n{BODY}")
    assert (a.outlet, a.published) == (None, None)


def test_outlet_option_keeps_the_source_line_in_the_body():
    a = read_text(f"حصار\n{BODY}\nالمصدر: وكالة ما", options=ReadOptions(outlet="قناتي"))
    assert a.outlet == "قناتي" and a.body.endswith("المصدر: وكالة ما")


def test_same_text_twice_has_the_same_id():
    assert read_text(FRONT).id == read_text(FRONT.replace("حصار", "حِصار")).id


def test_errors_name_the_source():
    with pytest.raises(InputError) as e:
        read_text("   \n  ", source="notes.txt")
    assert str(e.value).startswith("notes.txt: ")
