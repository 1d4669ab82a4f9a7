"""Fuzzing the text core: texts that look like Arabic news copy gone wrong, and each core
function with the promises it keeps on any text.

Shared by the quick fuzz test of the suite (``tests/text/test_fuzz.py``, a few cases per
function) and the long run (``benchmarks/fuzz_text.py``, thousands per function).  A text is
a list of pieces: words the extractors react to (number words, months, reporting verbs,
"أمس"), marks that end or hold sentences, runs that once made a path quadratic (tatweel,
full stops, diacritics), and arbitrary characters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import strategies as st

from khabar.extract.attribution import find_attributions
from khabar.extract.dates import find_dates
from khabar.model import Article
from khabar.pipeline import analyze
from khabar.text.ar.normalize import normalize, normalize_with_offsets
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.segment import segment
from khabar.text.ar.tokenize import tokenize

REFERENCE_DAY = dt.date(2016, 12, 14)

_WORDS = (
    "قال", "وقال", "وأضاف", "مضيفا", "إن", "أن", "بحسب", "المرصد", "مصدر", "الوزير", "المتحدث باسم",
    "أمس", "اليوم", "غدا", "الاثنين", "يوم", "منذ", "قبل", "كانون الأول", "ديسمبر", "2016", "عام",
    "اثنان", "ثلاثة", "عشرات", "مئات", "آلاف", "ألف", "مليون", "نحو", "أكثر من", "بين", "و", "إلى",
    "بالمئة", "%", "قتيلا", "مدنيا", "جريحا", "حلب", "الأمم المتحدة", "م.", "د.", "U.S.", "Dr.",
    "1,200", "3.5", "٣٫٥", "١٢", "14/12/2016", "03:00", "9999", "0001", "١٠٠٠٠٠٠٠٠٠٠٠٠",
)
_MARKS = (
    " ", " ", " ", "\n", "\n\n", "\t", ". ", ".", "..", "…", "!", "?", "؟", "،", "؛", ":", "«", "»",
    '"', "“", "”", "(", ")", "-", "ـ", "ـــــ", "\u064e", "\u0651\u064e", "\u200f", "\u200b", "\ufeff",
    "\x00", "\r",
)
_RUNS = ("ـ", ".", "ا.", " أمس", " اثنان", "\u064e", "«", "قال. ", " 5")

def texts(max_pieces: int = 120) -> st.SearchStrategy[str]:
    """Texts of up to ``max_pieces`` pieces (a piece is a word, a mark, up to six arbitrary
    characters, or a run of up to 60 of a piece that once made a path quadratic)."""
    return st.lists(
        st.one_of(
            st.sampled_from(_WORDS),
            st.sampled_from(_MARKS),
            st.text(max_size=6),
            st.builds(lambda piece, n: piece * n, st.sampled_from(_RUNS), st.integers(1, 60)),
        ),
        max_size=max_pieces,
    ).map("".join)


def _slices(text: str, found: Sequence[Any]) -> None:
    for f in found:
        assert 0 <= f.start <= f.end <= len(text) and text[f.start : f.end] == f.text, (f, text)


def check_normalize(text: str) -> None:
    out = normalize(text)
    assert normalize(out) == out, "normalizing twice changes the text"
    mapped = normalize_with_offsets(text)
    assert mapped.text == out
    if out:
        a, b = mapped.original_span(0, len(out))
        assert 0 <= a <= b <= len(text)


def check_segment(text: str) -> None:
    spans = segment(text)
    _slices(text, spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def check_tokenize(text: str) -> None:
    tokens = tokenize(text, punctuation=True)
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))


def check_numbers(text: str) -> None:
    found = find_numbers(text)
    _slices(text, found)
    for m in found:
        assert m.low is None or m.high is None or m.low <= m.high, m


def check_dates(text: str) -> None:
    _slices(text, find_dates(text, reference=REFERENCE_DAY))
    _slices(text, find_dates(text, reference=None))


def check_attributions(text: str) -> None:
    for a in find_attributions(text):
        assert 0 <= a.verb_start <= a.verb_end <= len(text)
        assert 0 <= a.content_start <= a.content_end <= len(text)


def check_claims(text: str) -> None:
    """The whole per-article pipeline (sentences to claims): claims are its last part."""
    title, _, body = text.partition("\n")
    article = Article.create(title=title, body=body, published=REFERENCE_DAY)
    doc = analyze(article)
    for c in doc.claims:
        assert article.text[c.start : c.end] == c.text, c


#: Every core function the fuzzer runs, by name.
CHECKS: dict[str, Callable[[str], None]] = {
    "normalize": check_normalize,
    "segment": check_segment,
    "tokenize": check_tokenize,
    "numbers": check_numbers,
    "dates": check_dates,
    "attributions": check_attributions,
    "claims": check_claims,
}
