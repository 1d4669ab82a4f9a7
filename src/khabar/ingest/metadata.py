"""Article metadata as inputs write it: dates, outlets, and the checks every article passes.

Dates come from front matter, JSON fields, feeds, TREC ``<TIME>`` tags and page metadata,
in ISO form, RFC 822 form, day/month/year with slashes, or Arabic prose such as
"الثلاثاء 13 كانون الأول/ديسمبر 2016".  A date that cannot be read is ``None``, never a
guess (not the file time, not the parse date).

Outlets are named as their articles name them; :data:`KNOWN_OUTLETS` maps the short codes
and host names of a few outlets that corpora and feeds use to the name the outlet uses in
Arabic, so that "BBC", "bbc.co.uk" and "BBC عربي" count as one source.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from khabar.config import ReadOptions, plausible_published, published_range
from khabar.errors import InputError
from khabar.ingest.notices import warn
from khabar.article import Article
from khabar.text.ar.lexicon import read_json
from khabar.text.ar.normalize import letter_counts, letter_counts_cut, normalize, share_of_arabic

# --- month names ---------------------------------------------------------------------------
# Arabic month names (Levantine, Egyptian/Gulf and Maghreb forms) live in the one calendar
# file of the project, text/ar/data/calendar.json, shared with khabar.extract.dates.


def _arabic_months() -> dict[str, int]:
    """Normalized Arabic month name -> month number, from the shared calendar file."""
    data = read_json("calendar")
    return {normalize(name): int(month) for month, names in data["months"].items() for name in names}


_ENGLISH_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}

_MONTHS = _arabic_months() | _ENGLISH_MONTHS
# Longest first, so "كانون الثاني" wins over a shorter name that starts it.
_MONTH_ALT = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_WB = r"(?<![\w])"  # a month name starts a word (prefixes such as "في" stay separate words)
_TEXT_DATE = re.compile(
    rf"(?P<day>\d{{1,2}})\s*(?:من\s+)?{_WB}(?P<m1>{_MONTH_ALT})(?![\w])"
    rf"(?:\s*[/\-(]\s*(?P<m2>{_MONTH_ALT})\)?)?\s*,?\s*(?:عام\s+|سنه\s+)?(?P<year>\d{{4}})"
)
_TEXT_DATE_MDY = re.compile(rf"{_WB}(?P<m1>{_MONTH_ALT})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_YMD = re.compile(r"(?<!\d)(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")


def parse_date(value: object) -> dt.date | None:
    """The calendar date ``value`` names, or ``None`` when it names none.

    Accepts dates, datetimes, epoch seconds (or milliseconds), ISO strings, RFC 822
    strings (feeds, TREC), "14/11/2023" (day first, as Arabic writes it) and Arabic or
    English month names.  A datetime keeps the date as written in its own time zone.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = normalize(value).strip()
    if not text:
        return None
    for found in _candidates(text):
        if found is not None:
            return found
    return None


def _candidates(text: str):
    m = _ISO.search(text)
    if m:
        yield _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if re.search(r"[a-z]{3},?\s+\d{1,2}\s+[a-z]{3}", text) or re.match(r"\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d", text):
        common = _rfc822_date(text)
        if common is not None:
            yield common
            return
        import email.utils  # here: it imports socket and more, and most inputs have no such date

        try:
            yield email.utils.parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            pass
    m = _YMD.search(text)
    if m:
        yield _safe_date(int(m[1]), int(m[2]), int(m[3]))
    m = _DMY.search(text)
    if m:
        yield _safe_date(int(m[3]), int(m[2]), int(m[1]))
    for pattern in (_TEXT_DATE, _TEXT_DATE_MDY):
        m = pattern.search(text)
        if m:
            yield _safe_date(int(m["year"]), _MONTHS[m["m1"]], int(m["day"]))


#: The common shape of an RFC 822 date (every ANT ``<TIME>``, most feeds), normalized:
#: "sun, 01 apr 2018 02:56:52 +0400".
_RFC822 = re.compile(
    r"\s*(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s+(?:[+-]\d{4}|[a-z]+))?\s*"
)
_RFC822_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


def _rfc822_date(text: str) -> dt.date | None:
    """The date of ``text`` when it is an RFC 822 date of the common shape with every field
    in range: the date ``email.utils.parsedate_to_datetime`` gives it (as written, in its
    own time zone), read by one pattern instead (a twentieth of the cost: 50 us a file was
    a tenth of reading an ANT file).  None: anything else, left to the email parser."""
    m = _RFC822.fullmatch(text)
    if m is None or m[2] not in _RFC822_MONTHS:
        return None
    if int(m[4]) > 23 or int(m[5]) > 59 or (m[6] is not None and int(m[6]) > 59):
        return None
    return _safe_date(int(m[3]), _RFC822_MONTHS[m[2]], int(m[1]))


def check_published(day: dt.date | None, *, source: str, what: str = "the publication date") -> dt.date | None:
    """``day`` when it is a plausible publication date, else None with a warning naming
    ``source`` (see :data:`khabar.config.EARLIEST_PUBLISHED`)."""
    if day is None or plausible_published(day):
        return day
    first, last = published_range()
    warn(source, f"{what} {day.isoformat()} is outside {first.isoformat()} .. {last.isoformat()}: left out")
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- outlets -------------------------------------------------------------------------------

#: Codes and host names of some Arabic outlets -> the outlet's own Arabic name.
KNOWN_OUTLETS: dict[str, str] = {
    "bbc": "BBC عربي",
    "bbc.co.uk": "BBC عربي",
    "bbc.com": "BBC عربي",
    "bbc arabic": "BBC عربي",
    "alarabia": "العربية",
    "alarabiya": "العربية",
    "alarabiya.net": "العربية",
    "cnn": "CNN بالعربية",
    "arabic.cnn.com": "CNN بالعربية",
    "france24": "فرانس 24",
    "france24.com": "فرانس 24",
    "skynews": "سكاي نيوز عربية",
    "skynewsarabia.com": "سكاي نيوز عربية",
    "aljazeera.net": "الجزيرة",
    "aljazeera": "الجزيرة",
    "reuters": "رويترز",
    "reuters.com": "رويترز",
    "dw.com": "DW عربية",
    "swissinfo.ch": "سويس إنفو",
}


def canonical_outlet(name: str | None) -> str | None:
    """The outlet's usual name for a known code or host, else ``name`` tidied."""
    if not name:
        return None
    name = " ".join(str(name).split())
    return KNOWN_OUTLETS.get(name.casefold(), name) or None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet behind a URL: a known name, else its host without "www."."""
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").casefold()
    except ValueError:
        return None
    host = host.removeprefix("www.")
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):  # arabic.cnn.com, then cnn.com
        known = KNOWN_OUTLETS.get(".".join(parts[i:]))
        if known:
            return known
    return host


def file_name(source: str | None) -> str | None:
    """The name of the file an article was read from (with its place inside the file:
    "wire.jsonl:3", "feed.xml#2"), the folders left out; None for standard input, a URL or
    no source."""
    if not source or source.startswith("<") or "://" in source:
        return None
    return source.replace("\\", "/").rstrip("/").rpartition("/")[2] or None


#: A line that names the article's source: "المصدر : BBC عربي", "المصدر: وكالات".
SOURCE_LINE = re.compile(r"^\s*(?:المصدر|مصدر الخبر|source)\s*[:：]\s*(?P<outlet>\S.{0,80}?)\s*\.?\s*$", re.I)


def split_source_line(lines: list[str]) -> tuple[str | None, list[str]]:
    """Find a source line as the last (or first) non-empty line; return it and the rest."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    for i in (filled[-1:] + filled[:1]) if filled else []:
        m = SOURCE_LINE.match(lines[i])
        if m:
            return m["outlet"], lines[:i] + lines[i + 1 :]
    return None, lines


# --- the article ---------------------------------------------------------------------------


def split_headless_line(line: str) -> tuple[str, str]:
    """``(title, body)`` of a text that is all one line: the line when it reads as a
    headline (:func:`~khabar.text.ar.segment.reads_as_headline`), else its first sentence
    and the rest.  A file whose text starts at once, with no headline and no line break
    (37 of EASC's 102 development articles), was stored as one long title over an empty
    body; cut at a sentence's end, the words and so the article's id stay the same."""
    # Imported here: only such texts need the sentence scanner (ingest's start-up does not).
    from khabar.text.ar.segment import iter_segment, reads_as_headline

    if not reads_as_headline(line):
        for sentence in iter_segment(line, drop_boilerplate=False):
            # Only where a space follows ("عام 2011.وقال" ends a sentence too): the id hashes
            # the title and body joined by a line break, so a cut elsewhere would add a space.
            if line[sentence.end : sentence.end + 1].isspace():
                return line[: sentence.end], line[sentence.end :].strip()
    return line, ""


#: The language check looks at this many characters: enough to judge, cheap on long dumps.
_LANGUAGE_SAMPLE = 20_000


def make_article(
    *,
    title: str,
    body: str,
    source: str,
    options: ReadOptions,
    outlet: str | None = None,
    url: str | None = None,
    published: object = None,
) -> Article:
    """Check and build one article; what the user gave in ``options`` wins over the input.

    Without a title the first line of the body is the title.  Raises :class:`InputError`
    when there is no text, too little, or text that is not Arabic.
    """
    title = " ".join((title or "").split())
    body = (body or "").strip()
    if not title and body:
        first, _, rest = body.partition("\n")
        title, body = " ".join(first.split()), rest.strip()
    if not body and title:
        title, body = split_headless_line(title)
    text = f"{title}\n{body}"
    if not text.strip():
        raise InputError(source, "no article text found")
    # One pass over the text's start: its letters decide both checks.  The sample is the
    # whole text of nearly every article, encoded once for both (and for the id: see
    # normalize._encode).
    head = max(options.min_letters * 20, 2000)
    (letters, arabic), (more, more_arabic) = letter_counts_cut(text[: max(head, _LANGUAGE_SAMPLE)], head)
    if letters < options.min_letters:
        raise InputError(source, f"too short: {letters} letters, an article has at least {options.min_letters}")
    if head <= _LANGUAGE_SAMPLE:
        letters, arabic = letters + more, arabic + more_arabic
    else:
        letters, arabic = letter_counts(text[:_LANGUAGE_SAMPLE])
    ratio = share_of_arabic(letters, arabic)
    if ratio < options.min_arabic_ratio:
        raise InputError(source, f"text is not Arabic ({ratio:.0%} Arabic letters)")
    return Article.create(
        title=title,
        body=body,
        outlet=options.outlet or canonical_outlet(outlet) or outlet_from_url(url),
        url=(url or "").strip() or None,
        published=options.published or check_published(parse_date(published), source=source),
        language="ar",
        source=source,
    )
