"""Interface labels of every rendering, in Arabic (default) and English.  Article text is
never translated: it stays as written."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "ar": {
        "title": "موجز الحدث",
        "articles": "المقالات",
        "summary": "الملخص",
        "numbers": "الأرقام الواردة",
        "quotes": "من قال ماذا",
        "entities": "الأشخاص والمنظمات والأماكن",
        "claims": "الأرقام ومصادرها",
        "conflicts": "أرقام متعارضة",
        "timeline": "الخط الزمني",
        "shared_passages": "فقرات مشتركة",
        "unknown_outlet": "مصدر غير معروف",
        "unknown_date": "تاريخ غير معروف",
        "sources": "المصادر",
        "none": "لا شيء",
        "count_articles": "عدد المقالات",
        "count_outlets": "عدد المصادر",
        "reported_by": "أوردته",
        "generated_by": "أنشأه خبر",
        "value": "القيمة",
        "as_written": "كما ورد",
    },
    "en": {
        "title": "Event brief",
        "articles": "Articles",
        "summary": "Summary",
        "numbers": "Numbers found",
        "quotes": "Who said what",
        "entities": "People, organisations and places",
        "claims": "Figures and their sources",
        "conflicts": "Conflicting figures",
        "timeline": "Timeline",
        "shared_passages": "Shared passages",
        "unknown_outlet": "unknown outlet",
        "unknown_date": "date unknown",
        "sources": "sources",
        "none": "none",
        "count_articles": "articles",
        "count_outlets": "outlets",
        "reported_by": "reported by",
        "generated_by": "made by khabar",
        "value": "value",
        "as_written": "as written",
    },
}

LANGUAGES = tuple(LABELS)


def labels(lang: str) -> dict[str, str]:
    try:
        return LABELS[lang]
    except KeyError:
        raise ValueError(f"unknown interface language {lang!r}; choose one of {', '.join(LANGUAGES)}") from None
