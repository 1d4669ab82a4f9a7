"""Plain text: title line, body, front matter, source line."""

import datetime as dt

import pytest

from khabar.article import article_id_for
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


#: A text that starts at once, all on one line (as EASC's articles without a headline are):
#: three sentences, the second running on without a space after its full stop.
ONE_LINE = (
    "ضربت عاصفة قوية الساحل الشرقي صباح اليوم وأدت إلى انقطاع الكهرباء عن آلاف المنازل في ثلاث مدن. "
    "وقالت السلطات المحلية إن فرق الصيانة تعمل منذ الفجر.وأضافت أن المدارس ستبقى مغلقة حتى يوم الأحد."
)


def test_a_text_of_one_line_is_cut_after_its_first_sentence():
    a = read_text(ONE_LINE + "\n")
    assert a.title == "ضربت عاصفة قوية الساحل الشرقي صباح اليوم وأدت إلى انقطاع الكهرباء عن آلاف المنازل في ثلاث مدن."
    assert a.body == ONE_LINE[len(a.title) + 1 :]
    # the same words, so the same id as when the whole line was the title
    assert a.id == article_id_for(ONE_LINE, "")


def test_a_one_line_text_is_cut_only_where_a_space_follows_a_sentence():
    line = ONE_LINE.split(". ", 1)[1]  # its first sentence ends with no space after it
    a = read_text(line)
    assert (a.title, a.body) == (line, "")


def test_a_one_line_headline_stays_the_title():
    headline = "عاصفة قوية تضرب الساحل الشرقي. انقطاع الكهرباء عن آلاف المنازل في ثلاث مدن وإغلاق المدارس"
    a = read_text(headline, options=ReadOptions(min_letters=10))
    assert (a.title, a.body) == (headline, "")


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
