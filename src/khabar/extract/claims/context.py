"""Where, when and who: a figure's place (from the document's mentions), its day (from
the document's dates) and its source (attribution, quotes, a headline, a verb).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from collections.abc import Callable, Sequence
from functools import lru_cache

from khabar.extract.attribution import Attribution, Source, body_at, cue_at, data_nouns, document_nouns, head_kind, is_adjective, is_information, issued_at, verb_info
from khabar.extract.attribution.sources import MAX_FRAME_DISTANCE
from khabar.extract.claims.cues import _SINCE, _lists, _Sent, _variants
from khabar.extract.claims.figures import CUE_WINDOW, _Figure
from khabar.extract.titles import abbreviations, titles_by_first_word, without_article
from khabar.model import UNATTRIBUTED, Article, Claim, DateMention, EntityMention, FigureSpan, NumberMention, Quote, Sentence, SourceLink
from khabar.text.ar.clitics import ARTICLE
from khabar.text.ar.lexicon import place_area_words
from khabar.text.ar.normalize import normalize
from khabar.text.ar.numbers import find_numbers
from khabar.text.ar.tokenize import words as tokens_of

#: A headline's source before its colon is at most this many words ("محافظ العاصية: ...").
MAX_HEADLINE_SOURCE_WORDS = 6


_CLAUSE_BREAK = re.compile("[،,;؛]")


#: Words after which a place is not where the counted people are: a destination
#: ("نزح 8500 إلى حي الشيخ مقصود") or a headquarters ("المرصد ومقره بريطانيا").
_NOT_THE_PLACE_AFTER = frozenset(normalize(w) for w in ("إلى", "الى", "نحو", "اتجاه", "باتجاه", "مقره", "ومقره", "مقرها", "ومقرها"))
#: A place named by one of these is a spot inside an area ("ساحة المسجد الكبير"، "شارع
#: الاستقلال"، "معبر الجسر"): a figure's place is the area when its sentence names one.
_LANDMARKS = frozenset(
    normalize(w) for w in "ساحة ميدان شارع معبر جسر مسجد جامع مستشفى مطار ميناء سوق مدرسة".split()
)


#: Words that may stand between a place and the place that holds it: "حي وادي النهر المحاصر
#: شرقي مدينة العاصية"، "بلدة كفر سالم بريف حلب".
_CONTAINER_WORDS = frozenset(
    normalize(w)
    for w in (
        "في ب من داخل شرق شرقي غرب غربي شمال شمالي جنوب جنوبي وسط بوسط بشمال بجنوب بشرق بغرب "
        "مدينة بمدينة محافظة بمحافظة ريف بريف منطقة بمنطقة قضاء"
    ).split()
)
#: At most this many other words (an adjective: "المحاصر") between a place and its container.
_CONTAINER_GAP = 1


@dataclass(frozen=True, slots=True)
class PlaceFinder:
    """Where each figure of an article is: a place of its sentence, else the article's own
    place; and the place that holds it, as the article says ("حي X شرقي مدينة Y")."""

    places: tuple[tuple[int, int, str], ...]  # (start, end, as written), not destinations
    main: str | None  # the place the article is most about
    containers: dict[str, str]  # normalized place -> the place that holds it, as written
    text: str

    def find(self, a: int, b: int, start: int, end: int, *, exclude: Sequence[tuple[int, int]] = ()) -> str | None:
        """The place of a figure at [start, end) of a sentence at [a, b): the nearest place
        after it in its clause, else the nearest before it in the sentence, else the first
        after it; else the article's place."""
        a, b = _item_bounds(self.text, a, b, start, end)
        inside = [
            p for p in self.places if a <= p[0] and p[1] <= b and not any(x <= p[0] and p[1] <= y for x, y in exclude)
        ]
        areas = [p for p in inside if not _landmark(self.text, p)]
        if not areas and inside:
            # "تجمع ناشطون في شارع الاستقلال": the street stands for its city, the article's place
            return self.main if self.main is not None and not _landmark_name(self.main) else inside[0][2]
        inside = areas
        after = [p for p in inside if p[0] >= end]
        before = [p for p in inside if p[1] <= start]
        # Within the figure's clause first (no comma between): a place in the next clause
        # ("، تجمع ناشطون في شارع الاستقلال") is about something else.
        if after and not _CLAUSE_BREAK.search(self.text, end, after[0][0]):
            # in its clause, where it happened ("في بلدة كفر سالم") over where it came from
            # ("قذائف أطلقت من داخل وادي النهر على الأحياء السكنية في بلدة كفر سالم")
            clause = [p for p in after if not _CLAUSE_BREAK.search(self.text, end, p[0])]
            located = [p for p in clause if _locative(self.text, p[0])]
            return (located or clause)[0][2]
        if before:
            k = len(before) - 1
            if _CLAUSE_BREAK.search(self.text, before[k][1], start):
                # beyond its clause, a place marked as a location ("في محافظة السواحل") over
                # one that is not ("بعد انتشال ثلاث جثث من مجرى وادي العرعر")
                located = [x for x, p in enumerate(before) if _locative(self.text, p[0])]
                k = located[-1] if located else k
            # "في محافظة حماة بوسط سورية": the place held, not the one holding it
            while k > 0 and self.container(before[k - 1][2]) is not None and _place_key(
                self.container(before[k - 1][2]) or ""
            ) == _place_key(before[k][2]):
                k -= 1
            return before[k][2]
        if after:
            # beyond its clause, a place marked as a location ("في محافظة حماة") over a name
            # that is not ("غارات لم يعرف إذا كانت سورية أم روسية")
            located = [p for p in after if _locative(self.text, p[0])]
            return (located or after)[0][2]
        return self.main

    def container(self, place: str | None) -> str | None:
        if place is None:
            return None
        key = _place_key(place)
        held = self.containers.get(key)
        return held if held is not None and _place_key(held) != key else None


#: A full stop the segmenter kept inside a sentence, not in a decimal: the items of a
#: bulletin joined by " . - " tell of different places.
# (the space first, the digit before it looked behind after it: searched for the spaces
# alone, not tried at every character; the same matches over the bench's 3,710 sentences and
# 200,000 random strings, 11.5 -> 6.0 ms CPU a pass of them, in turn)
_INNER_STOP = re.compile(r"\s(?<![0-9\u0660-\u0669]\s)\.\s+(?![0-9\u0660-\u0669])")


def _item_bounds(text: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    """The part of the sentence [a, b) between the full stops around a figure at [start, end)."""
    for m in _INNER_STOP.finditer(text, a, b):
        if m.end() <= start:
            a = m.end()
        elif m.start() >= end:
            return a, m.start()
    return a, b


def _place_key(place: str) -> str:
    words = normalize(place).split()
    while len(words) > 1 and words[0] in _PLACE_TYPES:
        words = words[1:]
    return " ".join(words)


#: Words that say what kind of area a place is ("حي"، "مدينة"، "محافظة"): the entity cue
#: file's [place area] entries, the one list of them.
_PLACE_TYPES = place_area_words()


def place_finder(article: Article, mentions: Sequence[EntityMention]) -> PlaceFinder:
    """Places are the "place" mentions of the article (the document's ``mentions``).  A place
    inside the source ("حسبما ذكرت روسيا"), a destination or a headquarters is not where the
    figure happened.  The article's own place is its most mentioned place (the first on a
    tie).  A place written right before another with only a word of location between ("في"،
    "شرقي مدينة") is held by it."""
    text = article.text
    spans = sorted((m.start, m.end, m.text) for m in mentions if m.kind == "place")
    places = tuple(
        p for p in spans
        # two words back: "إلى حي الشيخ مقصود" is a destination too
        if not (set(normalize(text[max(0, p[0] - 16) : p[0]]).split()[-2:]) & _NOT_THE_PLACE_AFTER)
        and not _dative(text, p)
        and not _common_noun(p[2])
        and not _outlet_in_brackets(text, p)
    )
    counts: dict[str, int] = {}
    shown: dict[str, str] = {}
    for _, _, written in places:
        key = _place_key(written)
        counts[key] = counts.get(key, 0) + 1
        shown.setdefault(key, written)
    main = shown[max(counts, key=lambda k: counts[k])] if counts else None
    containers: dict[str, str] = {}
    for (s1, e1, w1), (s2, _e2, w2) in zip(spans, spans[1:]):
        if _CLAUSE_BREAK.search(text, e1, s2):
            continue  # (before normalizing: the stretch between two places may be paragraphs)
        between = normalize(text[e1:s2]).split()
        if len(between) > 4:
            continue
        others = [w for w in between if w not in _CONTAINER_WORDS]
        if between and len(others) <= _CONTAINER_GAP and len(others) < len(between):
            containers.setdefault(_place_key(w1), w2)
    return PlaceFinder(places, main, containers, text)


_LOCATIVE = frozenset(
    normalize(w)
    for w in (
        "في فى داخل قرب بالقرب بمحافظة بمدينة ببلدة بحي بريف بمنطقة "
        "وسط شمال جنوب شرق غرب شمالي جنوبي شرقي غربي"  # "وسط مدينة إسطنبول"
    ).split()
)


_FROM = normalize("من")
#: Verbs whose object is the place struck: "غارات استهدفت دوما"، "قصف طال بلدة حارم".
_STRIKING = tuple(normalize(w) for w in ("استهدف", "تستهدف", "يستهدف"))
_STRIKING_WORDS = frozenset(normalize(w) for w in "طال طالت قصف قصفت ضرب ضربت هز هزت".split())


def _locative(text: str, start: int) -> bool:
    """A place written after في، داخل، قرب (one place word such as "محافظة" may stand
    between) or with بـ attached."""
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    if text[word_start:start].endswith("ب"):
        return True
    before = normalize(text[max(0, word_start - 24) : word_start]).split()[-3:]
    if before and before[-1] in _PLACE_TYPES:
        before = before[:-1]  # "في محافظة حماة"
    if before and (before[-1] == _FROM or len(before) > 1 and before[-2] == _FROM and before[-1] in _LOCATIVE):
        return False  # "من داخل وادي النهر"، "مصادر كوردية من شرق كوردستان": where it came from
    return bool(before) and (before[-1] in _LOCATIVE or before[-1].removeprefix("و").startswith(_STRIKING) or before[-1].removeprefix("و") in _STRIKING_WORDS)


def _landmark_name(words: str) -> bool:
    first = normalize(words).split()[:1]
    return bool(first) and any(v in _LANDMARKS for v in (first[0], first[0].removeprefix("ال"), first[0][1:]))


def _landmark(text: str, place: tuple[int, int, str]) -> bool:
    """A place written as a spot ("ساحة المسجد") or right after one ("شارع الاستقلال")."""
    before = normalize(text[max(0, place[0] - 12) : place[0]]).split()[-1:]
    return _landmark_name(place[2]) or bool(before) and _landmark_name(before[0])


def _common_noun(place: str) -> bool:
    """"الريف"، "المنطقة"، "المدينة" alone name no place (the tagger takes them for one)."""
    words = normalize(place).split()
    return len(words) == 1 and words[0].removeprefix("ال") in _PLACE_TYPES


#: How many words before a name in brackets an outlet word may stand ("القسم الفارسي في").
OUTLET_WORDS_BEFORE = 4
_OPEN_BRACKET = re.compile(r"\(\s*$")
_CLOSE_BRACKET = re.compile(r"^\s*\)")


def _outlet_in_brackets(text: str, place: tuple[int, int, str]) -> bool:
    """A name written alone in brackets after an outlet word ("تابعته القسم الفارسي في (
    باسنيوز )"، "صحيفة (الوطن)") is the outlet or the byline, not where a figure is (a
    place glossed in brackets, "شرق كوردستان ( كوردستان ايران )", still is one)."""
    start, end, _ = place
    before = _OPEN_BRACKET.search(text, max(0, start - 3), start)
    if before is None or not _CLOSE_BRACKET.match(text[end : end + 3]):
        return False
    window = text[max(0, before.start() - 60) : before.start()]
    window = _CLAUSE_BREAK.split(window)[-1]
    s = _Sent.read(window)
    outlet = _lists().outlet
    words = [k for k in range(len(s.norms)) if s.is_word(k)][-OUTLET_WORDS_BEFORE:]
    return any(outlet.at(s.norms, k, _variants) is not None for k in words)


def _dative(text: str, place: tuple[int, int, str]) -> bool:
    """A place written with the preposition لـ ("إرباك كبير لموسكو التي شنت 100 غارة") is
    who something is for or whose it is, not where a figure happened (a location takes في or
    بـ)."""
    start, end, name = place
    word_start = start
    while word_start > 0 and not text[word_start - 1].isspace() and start - word_start < 3:
        word_start -= 1
    # the mention starts after its clitics ("ل|موسكو") or holds them ("للاذقية")
    written = normalize(text[word_start:end]).removeprefix("و").removeprefix("ف")
    return written.startswith("ل") and not normalize(name).startswith("ل")


def _day_mentions(text: str, dates: Sequence[DateMention]) -> list[DateMention]:
    """Resolved days a figure can refer to; a day after "منذ" starts a cumulative count and
    is not the day of the figure."""
    days = []
    for m in dates:
        if m.date is None or m.precision != "day":
            continue
        before = normalize(text[max(0, m.start - 8) : m.start]).split()
        if before and before[-1] in _variants_since():
            continue
        days.append(m)
    return days


def _claim_date(days: Sequence[DateMention], published: dt.date | None) -> dt.date | None:
    """The day a sentence's figures refer to: an explicit day first, then a relative one,
    else the article's day."""
    if not days:
        return published
    explicit = [m for m in days if m.kind == "absolute"]
    return (explicit or days)[0].date


#: A day named this close after a figure ("مقارنة بنحو 12 ألفا يوم الاثنين") dates that
#: figure alone, not the whole sentence: a figure and its noun take at most ~20 characters.
FIGURE_DATE_WINDOW = 20


def _figure_date(n: NumberMention, days: Sequence[DateMention], sentence_day: dt.date | None) -> dt.date | None:
    for m in days:
        if n.end <= m.start <= n.end + FIGURE_DATE_WINDOW:
            return m.date
    return sentence_day


@lru_cache(maxsize=1)
def _variants_since() -> frozenset[str]:
    return frozenset({_SINCE, "و" + _SINCE})


#: "قتل 276 شخصا ...، في حصيلة جديدة أعلنتها وزارة الإعلام": a toll announced by someone,
#: written after the figures it gives (AFP's style); a word or two may describe the toll.
_TOLL_ANNOUNCED = re.compile(
    r"(?:^|\s)(?:[وفب]?حصيل[ةه]|[وفب]?الحصيل[ةه])(?:\s+[^\s،,.:؛]+){0,2}?\s+"
    r"(?:[أا]علنتها|[أا]وردتها|نشرتها|ذكرتها|[أا]صدرتها|قدمتها|[أا]فادت\s+بها)\s+(?P<source>[^،,.:؛()]+)"
)


def _toll_source(sentence: Sentence, end: int) -> str | None:
    """The announcer of a toll written after the figure in its sentence, or None."""
    m = _TOLL_ANNOUNCED.search(sentence.text, end)
    if m is None or any(ch in ".!?؟|" for ch in sentence.text[end : m.start()]):  # "|": page furniture
        return None
    return clean_source(m.group("source"))


def _headline_source(sentence: Sentence, start: int) -> str | None:
    """"الأمم المتحدة: نحو 40 ألف مدني عالقون": a headline's source is before its colon."""
    if not sentence.is_title:
        return None
    colon = max(sentence.text.rfind(":", 0, start), sentence.text.rfind("：", 0, start))
    if colon <= 0:
        return None
    head = sentence.text[:colon].strip()
    n = len(head.split())
    return head if 0 < n <= MAX_HEADLINE_SOURCE_WORDS else None


_STOP_HEAD = frozenset(
    normalize(w)
    for w in (
        "في عن على من الى إلى مع ان أن إن بان بأن انه أنه انها أنها انهم أنهم قد امس أمس اليوم "
        # a relative clause describes the subject, it is not part of its name ("آزمون الذي يلقب")
        "الذي التي الذين اللذين اللتين اللواتي عند"
    ).split()
)


# A verb followed by one of these has a pronoun for subject ("زعم فيها أن"): no source here.
_PRONOUN_AFTER = frozenset(normalize(w) for w in "فيه فيها فيهم له لها لهم عنه عنها منه منها به بها".split())


_WAS = frozenset(normalize(w) for w in "كان وكان كانت وكانت".split())


_MAY = normalize("قد")
_FULL_STOPS = frozenset(".!?؟")


#: What a verb of documenting (وثق، سجل، أحصى، رصد) documents: victims and attacks.  With a
#: figure of another kind its subject is who did it, not a source: "سجل آزمون 23 هدفا",
#: "سجل الاقتصاد نموا بنسبة 3%".
_DOCUMENTED = frozenset({
    "killed", "injured", "casualties", "executed", "kidnapped", "missing", "displaced", "trapped", "evacuated",
    "surrendered", "released", "arrested", "affected", "airstrikes", "strikes", "flights",
    # what the victims left or lost: "ووثق ناشطون نزوح 6000 عائلة كانوا يقطنون في 15 قرية"
    "places", "facilities",
})


#: The verbs of talking among them ("يتحدث المجلس المحلي عن"): a source whatever is counted.
_TALKING = tuple(normalize(w) for w in ("يتحدث", "تتحدث", "تحدث", "تحدثت"))
_ABOUT = normalize("عن")
_FROM = normalize("من")


#: Object pronouns a verb of estimating may carry ("وتقدرها وكالات ..."، "ويقدرهم").
_OBJECT_SUFFIXES = ("ها", "هم", "ه")
#: What a verb of estimating estimates, its object after the subject: "قدر د. مصطفى مدبولي
#: [حجم] مديونيات مصر بنحو"، "تقدر الأمم المتحدة [عدد] النازحين بنحو" -- never the subject's
#: name (the subject ran on to the object before).
_ESTIMATED = frozenset(normalize(w) for w in "عدد حجم قيمة نسبة حصيلة تكلفة كلفة إجمالي مجموع".split())


def _act_without_its_noun(s: _Sent, k: int) -> bool:
    """A verb that says something only with its noun ("أطلق نداء"، "وجه تحذيرا") written
    without it: an act ("أطلق مقاتلون عشرات القذائف")."""
    info = verb_info(s.norms[k])
    if info is None or not info[1].frame or info[1].preps:
        return False
    return not any(s.norms[j] in info[1].frame for j in range(k + 1, min(len(s.norms), k + 1 + MAX_FRAME_DISTANCE)))


def _verb_at(s: _Sent, k: int, category: str | None = None) -> bool:
    norm = s.norms[k]
    info = verb_info(norm)
    if info is None and len(norm) > 5:
        bare = next((norm[: -len(x)] for x in _OBJECT_SUFFIXES if norm.endswith(x)), None)
        info = verb_info(bare) if bare else None
        if info is not None and info[1].kind != "say":
            info = None
    if info is not None and info[1].kind == "strict":
        return False  # "بين قطاع غزة وإسرائيل": the form is the preposition far more often
    if info is not None and info[1].kind not in ("participle", "impersonal"):
        return True
    hit = _lists().source_verb.at(s.norms, k, _variants)
    return hit is not None and (category in _DOCUMENTED or s.norms[k].endswith(_TALKING))


def _verb_source(s: _Sent, f: _Figure, taken: Sequence[tuple[int, int]], *, headline: bool = False) -> str | None:
    """A source find_source leaves out, from the nearest verb of saying, estimating or
    documenting before the figure: its subject after it ("وثق المرصد ... مقتل 23"، "تقدر
    الأمم المتحدة عددهم بنحو"، "وتقدرها وكالات تصنيف عدة عند"، "يتحدث المجلس المحلي عن"،
    "أفادت تقارير بمقتل مئات"), or before it in "وكان X قد أعلن".  A ``headline`` puts its
    subject first ("محكمة مصرية تطلب رأي المفتي في إعدام 75"): what follows its verb there is
    the object, no source."""
    lists = _lists()
    for k in range(f.a - 1, -1, -1):
        if s.texts[k] in _FULL_STOPS:
            return None  # a full stop kept inside the sentence (" . - "): the verb is another item's
        if not s.is_word(k):
            continue
        # one look-up for the verbs whose subject is a document: showing and stipulating
        shows = lists.document_verb.at(s.norms, k, _variants)
        if shows is not None and shows[0].tag == "stipulate_verb":
            document = _stipulating_document(s, k)
            if document is not None:
                return document  # "ونص البيان على خفض الفاقد بنسبة 30 في المئة"
            continue
        if shows is None and not _verb_at(s, k, f.category):
            continue
        if _act_without_its_noun(s, k):
            return None  # "وأطلق مقاتلون عشرات القذائف": an act; its subject is no source
        if s.norms[k].endswith(_TALKING) and not any(s.norms[j] == _ABOUT for j in range(k + 1, f.a)):
            continue  # "الزلازل قد تحدث خرابا": without عن the verb is "to cause" or "to occur"
        if headline and any(s.is_word(j) for j in range(k)):
            return None
        if k >= 2 and s.norms[k - 1] == _MAY:  # "وكان X قد أعلن"
            for j in range(k - 2, max(-1, k - 2 - MAX_HEADLINE_SOURCE_WORDS - 1), -1):
                if s.norms[j] in _WAS:
                    a, b = j + 1, k - 1
                    if a < b and all(s.is_word(m) for m in range(a, b)):
                        return s.span_text(a, b)
                    break
        a = k + 1
        if shows is not None:  # "أظهرت بيانات من معهد الإحصاء"
            definite_data = s.is_word(a) and s.norms[a] in _DATA_DEFINITE
            if not (s.is_word(a) and s.norms[a] in _DOCUMENTS) and not definite_data:
                return None  # "وأظهر الفيديو 40 شخصا": only a document shows for its issuer
            if definite_data:
                # the data and their adjectives: "تظهر [البيانات المفصلة] أن"، not the object after
                b = a + 1
                while b < f.a and b - a < DOCUMENT_WORDS and s.is_word(b) and s.norms[b].startswith(ARTICLE):
                    b += 1
                return s.span_text(a, b)
            shown = _shown_by(s, a, f.a)
            if shown is not None:
                return shown  # else its words, read below ("دراسة أجراها مركز ..."، "البيانات المفصلة")
        if s.is_word(a) and s.norms[a] in _PRONOUN_AFTER:
            return None
        b = a
        while b < len(s.norms) and b - a < MAX_HEADLINE_SOURCE_WORDS and s.is_word(b):
            w, t0, t1 = s.norms[b], s.starts[b], s.ends[b]
            if w in _STOP_HEAD or any(x < t1 and t0 < y for x, y in taken):
                break
            if b > a and (w in _ESTIMATED or (w[:-2] in _ESTIMATED and w.endswith(_OBJECT_SUFFIXES))):
                break  # "وقدر الوزير [حجم] الديون بنحو"، "تقدر الأمم المتحدة [عددهم] بنحو"
            if lists.cues.at(s.norms, b, _variants) or lists.anaphora.at(s.norms, b, _variants):
                break
            b += 1
        if b > a:
            # the subject's extent is the attribution reader's speaker phrase when it reads one
            # (one reader for every source phrase): "وتقدر [المصادر] التكلفة المبدئية"، not
            # the words up to the figure
            end = s.ends[b - 1]
            body = body_at(s.text, s.starts[a]) if b - a > 1 else None  # (one word: nothing to cut)
            if body is not None and s.starts[a] < body.end < end:
                end = body.end
            return s.text[s.starts[a] : end]
        before = _subject_before(s, k)
        if before is not None or not _pronoun_subject(s, k):
            return before
        # "قال X إنهم رصدوا 7 آلاف قتيل": a verb whose subject is a pronoun reports for the
        # one named with the verb before it
    return None


#: How many words a document's name may have around a verb of stipulating ("البيان الختامي").
DOCUMENT_WORDS = 3


def _stipulating_document(s: _Sent, k: int) -> str | None:
    """The document a verb of stipulating at ``k`` has for subject, after it ("ونص [البيان]
    على"، "وتضمن [البيان الختامي]") or before it, a document named without the relative
    ("بإصدار [بيان ختامي] أقر إنشاء الصندوق برأسمال 4.5 مليار"); None when its subject is no
    document ("تضمنت الخطة 40 مشروعا")."""
    a = k + 1
    if s.is_word(a) and s.norms[a] in _DOCUMENTS:
        b = a + 1
        while b < len(s.norms) and b - a < DOCUMENT_WORDS and s.is_word(b) and is_adjective(s.norms[b]):
            b += 1
        return s.span_text(a, b)
    for d in range(k - 1, max(-1, k - 1 - DOCUMENT_WORDS), -1):
        if not s.is_word(d):
            return None
        if s.norms[d] in _DOCUMENTS:
            return s.span_text(d, k)
        if not (is_adjective(s.norms[d]) or s.norms[d].endswith("ي")):
            return None  # only an adjective stands between ("بيان [ختامي] أقر")
    return None


def _shown_by(s: _Sent, a: int, figure: int) -> str | None:
    """Who issued the document a verb of showing has for subject at token ``a``, written
    before the figure at ``figure``: "أظهرت بيانات من [معهد الإحصاءات التركي]، الإثنين،
    ارتفاع ..."، "أظهرت أرقام [وزارة الصحة] ارتفاع ..."; None when no issuer follows the
    document right away."""
    j = a + 1
    if s.is_word(j) and s.norms[j] == _FROM:
        j += 1
    if j >= figure or not s.is_word(j) or issued_at(s.norms[j : j + 3]):
        return None  # "دراسة [أجراها] مركز": read with the document's words (its issuer)
    body = body_at(s.text, s.starts[j])
    return body.text if body is not None and body.end <= s.starts[figure] else None


#: "إنهم رصدوا"، "أنهم وثقوا": a plural verb after a complementiser with a pronoun.
_PRONOUN_COMPLEMENTISERS = frozenset(normalize(w) for w in "إنهم أنهم انهم بأنهم إنه أنه انه بأنه إنها أنها انها بأنها".split())


def _pronoun_subject(s: _Sent, k: int) -> bool:
    """The verb at ``k`` has a pronoun for subject: a plural ending (وا) or a complementiser
    with a pronoun right before it."""
    p = k - 1
    return s.norms[k].endswith("وا") or (p >= 0 and s.is_word(p) and s.norms[p] in _PRONOUN_COMPLEMENTISERS)


#: Words after which a subject-first clause starts ("إلا وسائل إعلام محلية تحدثت عن").
_CLAUSE_OPENERS = frozenset(normalize(w) for w in "إلا الا لكن ولكن بينما فيما في حين".split())


def _subject_before(s: _Sent, k: int) -> str | None:
    """The subject written before a verb of saying whose object follows it ("إلا وسائل إعلام
    محلية تحدثت عن إصابة 8"): the words since the clause opened, when they name someone who
    can speak (an institution, a country or an unnamed source of the lists)."""
    if k >= 2 and s.texts[k - 1] in ",،" and s.is_word(k - 2):
        k -= 1  # "لكن الناشط الحقوقي عمران الأراكاني , قال , في تصريحات": the subject set off
    j = k - 1
    while j >= 0 and k - j <= MAX_HEADLINE_SOURCE_WORDS and s.is_word(j) and s.norms[j] not in _CLAUSE_OPENERS:
        j -= 1
    opened = j < 0 or not s.is_word(j) or s.norms[j] in _CLAUSE_OPENERS
    if not opened or j + 1 >= k:
        return None
    words = tuple(s.norms[m] for m in range(j + 1, k))
    if head_kind(words) is None:
        return None
    return s.span_text(j + 1, k)


def _previous_source(quotes: Sequence[Quote], sentence_index: int) -> Source | None:
    """The article's last named speaker before a sentence, for follow-ons ("وأضاف أن")."""
    last = None
    for q in quotes:
        if q.sentence_index < sentence_index:
            last = q
        else:
            break
    if last is None:
        return None
    return Source(last.speaker, 0, 0, role=last.role, organisation=last.organisation)


def _quote_speaker(quotes: Sequence[Quote], sentence_index: int, start: int, end: int, text: str) -> str | None:
    """The speaker of a statement holding the figure (``text``: the article's), unless the
    speaker is named after the figure past a full stop written apart (see :func:`reaching`)."""
    for q in quotes:
        if q.sentence_index == sentence_index and q.start <= start and end <= q.end:
            if q.speaker_start is not None and q.speaker_start >= end and _STOP_APART.search(text, end, q.speaker_start):
                continue
            return q.speaker
    return None


#: Categories whose figures grow until the count is over: without a day of their own they
#: are counted so far ("دفعت المعارك 130 ألفا إلى النزوح").
_GROWING = frozenset({"displaced", "surrendered"})
#: Categories whose figures are cumulative whatever their span: the share of territory held
#: is what has been taken so far.
_CUMULATIVE_STATES = frozenset({"territory"})
#: A "since" day governs a figure at most this many characters away in its sentence.
SINCE_WINDOW = 120


def _period_bounds(m: DateMention) -> tuple[dt.date, dt.date] | None:
    if m.date is None:
        return None
    if m.precision == "year":
        return dt.date(m.date.year, 1, 1), dt.date(m.date.year, 12, 31)
    if m.precision == "month":
        nxt = dt.date(m.date.year + (m.date.month == 12), m.date.month % 12 + 1, 1)
        return m.date.replace(day=1), nxt - dt.timedelta(days=1)
    if m.precision == "week":
        return m.date, m.date + dt.timedelta(days=6)
    return None


#: How many words may stand between a figure and a year or month it covers without a
#: preposition ("18 في المئة [عام 2013]"، "10.7 مليون برميل يوميا [هذا العام]").
PERIOD_AFTER_WORDS = 4


def _opens_sentence(s: _Sent, k: int) -> bool:
    """Token ``k`` is the sentence's first word ("[في] العام الماضي،"، "[وفي] أبريل")."""
    return not any(s.is_word(i) for i in range(k))


def _word_before(s: _Sent, offset: int) -> int:
    """The token index of the last word before ``offset`` (-1 if none)."""
    k = -1
    for i, end in enumerate(s.ends):
        if end <= offset:
            if s.is_word(i):
                k = i
        else:
            break
    return k


_BEFORE = normalize("قبل")


def _named_period(s: _Sent, f: _Figure) -> tuple[int, int] | None:
    """A period named without a date ("المعارك الأخيرة"، "قبل الحرب") within
    ``CUE_WINDOW`` words before the figure or 4 after it, in its clause: (first token, tokens)."""
    matcher = _lists().named_period
    dist, k = 0, f.a - 1
    while k >= 0 and dist < CUE_WINDOW and not s.boundary[k]:
        if s.is_word(k):
            dist += 1
            hit = matcher.at(s.norms, k, _variants)
            if hit is not None and k + hit[1] <= f.a:
                return k, hit[1]
        k -= 1
    dist, k = 0, f.b
    while k < len(s.norms) and dist < 4 and not s.boundary[k]:
        if s.is_word(k):
            dist += 1
            hit = matcher.at(s.norms, k, _variants)
            if hit is not None:
                return k, hit[1]
        k += 1
    return None


def _cue_near(s: _Sent, f: _Figure, matcher, *, before: int, after: int) -> bool:
    """A ``matcher`` entry within ``before`` words before the figure or ``after`` words after
    it, in its clause."""
    dist, k = 0, f.a - 1
    while k >= 0 and dist < before:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            hit = matcher.at(s.norms, k, _variants)
            if hit is not None and k + hit[1] <= f.a:
                return True
        k -= 1
    dist, k = 0, f.b
    while k < len(s.norms) and dist < after:
        if s.boundary[k]:
            break
        if s.is_word(k):
            dist += 1
            if matcher.at(s.norms, k, _variants) is not None:
                return True
        k += 1
    return False


def figure_span(
    s: _Sent, f: _Figure, dates: Sequence[DateMention], category: str | None, day: dt.date | None
) -> tuple[FigureSpan, bool]:
    """The time a figure covers, and whether it is a count that grows.

    * **since** -- a day after "منذ" near the figure in its sentence ("قتل 415 مدنيا منذ 15
      تشرين الثاني"): counted from that day;
    * **so_far** -- a word of a growing count in its clause ("ارتفعت الحصيلة إلى"، "حتى
      الآن"، "منذ بدء"), or a category that grows (the displaced) with no day of its own;
    * **period** -- a month, a year or a week after "خلال"، "في"، "طوال" in its clause
      ("خلال العام الماضي");
    * **day** -- else: the figure's day (the day its sentence names, or the article's day;
      unknown in an undated article).
    """
    lists = _lists()
    n = f.mention
    since = []
    for m in dates:
        before = normalize(s.text[max(0, m.start - 8) : m.start]).split()
        if m.date is not None and before and before[-1] in _variants_since():
            distance = m.start - n.end if m.start >= n.end else n.start - m.end
            k = _word_before(s, m.start)
            a, b = (k, f.a) if m.end <= n.start else (f.b, k)
            # "وهي الأعلى منذ عام 1987": a "since" of another clause says nothing of the figure
            if distance <= SINCE_WINDOW and not any(s.boundary[max(a, 0) : b]):
                since.append((distance, m))
    if since:
        m = min(since, key=lambda x: x[0])[1]
        return FigureSpan("since", m.date, None, m.text), True
    if _cue_near(s, f, lists.so_far, before=CUE_WINDOW, after=4):
        return FigureSpan("so_far"), True
    for m in dates:
        bounds = _period_bounds(m)
        if bounds is None:
            continue
        k = _word_before(s, m.start)
        if k < 0:
            continue
        a, b = (k, f.a) if m.end <= n.start else (f.b, k)
        if lists.period.at(s.norms, k, _variants) is None:
            # "نحو 18 في المئة عام 2013"، "10.7 مليون برميل يوميا هذا العام": a year or a month
            # right after the figure's words, no preposition between, is the time it covers
            if m.start < n.end or k - f.b > PERIOD_AFTER_WORDS or any(s.boundary[f.b : k + 1]):
                continue
            if lists.period_by.at(s.norms, k, _variants) is not None:
                # "خفض الفاقد بنسبة 30 في المئة بحلول عام 2030": a goal up to a deadline
                return FigureSpan("period", None, bounds[0], s.text[s.starts[k] : m.end]), False
            if lists.period_bound.at(s.norms, k, _variants) is not None:
                continue  # "مقارنة بعام 2017": a comparison, not the figure's time
            return FigureSpan("period", bounds[0], bounds[1], m.text), False
        if not any(s.boundary[a:b]) or (m.end <= n.start and _opens_sentence(s, k)):
            # "في العام الماضي، تحالفت روسيا ... لخفض الإنتاج 1.8 مليون برميل": a period that
            # opens the sentence, set apart by a comma, covers all of it.  A count over a
            # bounded period grows no more (the gold's periods: 34 of 40 not cumulative on dev)
            return FigureSpan("period", bounds[0], bounds[1], s.text[s.starts[k] : m.end]), False
    named = _named_period(s, f)
    if named is not None:
        k, n_words = named
        as_written = s.text[s.starts[k] : s.ends[k + n_words - 1]]
        # "قبل الحرب" ends when the war began, a day the text does not give; "المعارك
        # الأخيرة" runs up to the day the figure is given.
        before_something = s.norms[k] == _BEFORE
        return FigureSpan("period", None, None if before_something else day, as_written), not before_something
    named_day = any(m.date is not None and m.precision == "day" for m in dates)
    if category in _GROWING and not named_day:
        return FigureSpan("so_far"), True
    return FigureSpan("day", day), category in _CUMULATIVE_STATES


# --- the source chain --------------------------------------------------------------------

#: A cue ("بحسب"، "وفق") this close after a figure (its noun between) attributes that figure.
CUE_AFTER_FIGURE_CHARS = 16
#: Words that relay a source's own source: "نقلت اليونيسيف عن طبيب"، "نقلا عن مصادر"، "على
#: لسان المتحدث".
_RELAY = re.compile(r"(?:^|\s)(?:نقلا\s+عن|نقلاً\s+عن|على\s+لسان|عن\s+لسان|عن)\s+")
#: Words a source never ends with: "قوله", a complementiser, a preposition left over.
_TAIL_WORDS = frozenset(normalize(w) for w in "قوله قولها قولهم قولهما القول ان أن إن بان بأن في على من الى إلى".split())
#: Words a source never starts with: a conjunction of time, a preposition ("حين"، "بالتزامن
#: مع"): what follows is circumstance, not a speaker.
_NOT_A_SOURCE_START = frozenset(
    normalize(w)
    for w in (
        "حين عندما بعد قبل مع بالتزامن في على من الى إلى عن منذ خلال لدى وسط ما هو هي "
        # adverbs a verb of calling or saying may be followed by ("يدعو خصوصا إلى")
        "خصوصا خصوصاً خاصة أيضا أيضاً كذلك مجددا مجدداً مرارا بدوره بدورها"
    ).split()
)
#: First words of what names no speaker: "أي جهة" (any party: "لم تعلن أي جهة مسؤوليتها")
#: and a toll itself ("وكانت حصيلة سابقة اشارت الى مقتل 137": the outlet's earlier count;
#: a toll with its issuer, "حصيلة لوزارة الصحة", is the ministry's by :func:`_issuer`).
_NAMES_NOBODY = frozenset(normalize(w) for w in "أي اي وأي حصيلة وحصيلة".split())

#: "X أحد منظمي المسيرة": after a name of two words or more, "one of" opens an apposition
#: (as the first word, "أحد المصادر", it is the source itself).
_ONE_OF = frozenset(normalize(w) for w in "أحد إحدى احد احدى".split())


def _names_nobody(first_word: str) -> bool:
    norm = normalize(first_word)
    return norm in _NAMES_NOBODY or without_article(norm) in _NAMES_NOBODY


_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]")
#: A source is at least this many letters ("يوين" is a cut word, not a source).
MIN_SOURCE_LETTERS = 4
#: A source is at most this many words: a longer head has swallowed its clause ("معرض فيفاتك
#: ملتقى عالميا للتكنولوجيا ينتظر"); the longest real ones ("مكتب الأمم المتحدة لتنسيق
#: الشؤون الإنسانية في اليمن") have eight.
MAX_SOURCE_WORDS = 8


#: "في" + one of these starts circumstance, not a part of the source's name: "وزير الدفاع في
#: تعليقه"، "موسكو في وقت سابق" (but "مصدر في المعارضة"، "الدفاع المدني في حلب" stay).
_CIRCUMSTANCE = re.compile(
    r"\s+(?:في|فى)\s+(?:وقت|تعليق|تصريح|بيان|حديث|مقابل|مؤتمر|لقاء|كلم|رسال|اتصال|تغريد|منشور|ساع|اليوم|الوقت)\S*.*$"
)


_IN = re.compile(r"\s+(?:في|فى)\s+")

#: A time after a source is when it spoke, not part of its name: "وزارة الإعلام الصومالية
#: صباح الاثنين"، "ناشطون منذ بدء الاشتباكات" ("اليوم" is left: "صحيفة اليوم السابع").
_WHEN_AFTER = re.compile(
    r"\s+(?:صباح|مساء|ظهر|عصر|فجر|ليل|ليلة|يوم|[أا]مس|منذ|خلال"
    r"|ال[أا]حد|ال[اإ]ثنين|الثلاثاء|ال[أا]ربعاء|الخميس|الجمعة|السبت)(?:\s.*)?$"
)


def clean_source(text: str) -> str | None:
    """A source as a reader should see it, or None when what was found is no source: cut
    before a number ("الحكومة و19 وفق الهلال الأحمر" is "الحكومة") and before circumstance
    ("في تصريح"), trailing "قوله" and particles dropped, function words refused."""
    digit = _DIGIT.search(text)
    if digit is not None:
        text = text[: digit.start()]
    counted = _counts(text)
    if counted:
        # "أعلن المدعي العام اعتقال خمسة": a count ends the source, written in words too
        text = text[: counted[0].start]
    text = _CIRCUMSTANCE.sub("", text)
    text = _WHEN_AFTER.sub("", text)
    for m in _IN.finditer(text):
        rest = text[m.end() :]
        if any(n.start == 0 for n in find_numbers(rest.removeprefix("ال"))):
            text = text[: m.start()]  # "المتحدث باسم الوزارة في الثلاثين من مارس": a day
            break
    words = text.split()
    if len(words) > 1 and verb_info(normalize(words[0])) is not None:
        words = words[1:]  # "أوردت صحيفة صن": the verb is not the source
    if words and normalize(words[0]).startswith("لل") and len(normalize(words[0])) > 4:
        words = ["ال" + words[0][2:], *words[1:]]  # "ووفقا للمعارضة": the cue's ل on the source
    words = _issuer(words)
    if len(words) > 1 and tokens_of(words[0]) and tokens_of(words[0])[0] in abbreviations() and words[0].endswith("."):
        words = words[1:]  # "د. مصطفى مدبولي": the title is kept apart from the name
    apposition = next((i for i, w in enumerate(words) if i > 1 and normalize(w) in _ONE_OF), None)
    if apposition is not None:
        words = words[:apposition]  # "فيران كورنيلا أحد منظمي [المسيرة]": the name, not "one of"
    if words and _names_nobody(words[0]):
        return None  # "ولم تعلن أي جهة"، "وكانت حصيلة سابقة اشارت": no one speaks
    while words and (normalize(words[-1]) in _TAIL_WORDS or normalize(words[-1]) in ("و", "")):
        words.pop()
    while words and not any(ch.isalpha() for ch in words[-1]):
        words.pop()
    if words and len(words) > MAX_SOURCE_WORDS and head_kind(tuple(normalize(w) for w in words[:2])) == "anonymous":
        # "مسؤول امريكي عليم بالجهود المبذولة لتأمين ممرات ...": who, without what he knows of
        cut = next((i for i, w in enumerate(words[2:], 2) if normalize(w).startswith(("بال", "لل", "ب"))), 4)
        words = words[: min(cut, 4)]
    if not words or normalize(words[0]) in _NOT_A_SOURCE_START or len(words) > MAX_SOURCE_WORDS:
        return None
    if any(verb_info(normalize(w)) is not None for w in words[1:]):
        return None  # a reporting verb inside: the head ran on into the statement
    cleaned = " ".join(words).strip(" ،,:«»\"“”'")
    if sum(ch.isalpha() for ch in cleaned) < MIN_SOURCE_LETTERS:
        return None
    return cleaned


def _link(text: str, kind: str, organisation: str | None, kind_of: Callable[[str, str], str]) -> SourceLink | None:
    cleaned = clean_source(text)
    if cleaned is None:
        return None
    return SourceLink(cleaned, kind_of(cleaned, kind), organisation)  # type: ignore[arg-type]


def _counts(text: str) -> list:
    """The counts written in words in ``text``; a definite number word names ("مجموعة
    العشرين"، "الدول السبع")."""
    return [m for m in find_numbers(text) if not normalize(text[m.start : m.end]).startswith(ARTICLE)]


def _named(src: Source) -> str:
    """A source's words, or its role when the words read as its name hold a count ("المدعي
    العام في فنزويلا" for "أعلن المدعي العام في فنزويلا اعتقال خمسة")."""
    if src.role and (_DIGIT.search(src.text) or _counts(src.text)):
        return src.role
    return src.text


def _relayed(text: str) -> list[str]:
    """"وكالة رويترز عن مصدر عسكري قوله" -> ["وكالة رويترز", "مصدر عسكري قوله"]."""
    parts = [p for p in _RELAY.split(text) if p.strip()]
    return parts or [text]


#: Documents that speak for whoever issued them: "البيان الختامي: ..."، "وأقر بيان ختامي"
#: (attribution_cues.txt [document], one list with the organisation heads they share), and
#: data a body publishes: "أظهرت بيانات من معهد الإحصاءات التركي"، "أرقام وزارة الصحة".
_DOCUMENTS = document_nouns() | data_nouns()
#: The same data written with the article and no publisher: "تظهر البيانات المفصلة أن ..." is
#: given to the data as written (an unnamed source, as "وتشير التقديرات"; fresh6 of frames.json).
_DATA_DEFINITE = frozenset(ARTICLE + w for w in data_nouns())
#: How many words (adjectives, "للرأي") may stand between a document and who issued it: "تصريحات
#: جديدة من المرصد"، "استطلاع للرأي أجراه معهد".
ISSUER_GAP = 2


def _issuer(words: list[str]) -> list[str]:
    """The issuer of a document named as a source, when the words name one: "بيان لوزارة
    الدفاع" and "تقرير المركز العالمي" (a genitive after the indefinite document) are the
    ministry and the centre, "دراسة قام بها مركز ..." the centre; "بيان ختامي" and "البيان"
    name no one and stay."""
    if len(words) < 2 or normalize(words[0]) not in _DOCUMENTS:
        return words
    norms = [normalize(w) for w in words]
    definite = norms[0].startswith(ARTICLE)  # "البيان الختامي": named only by a clause of issuing
    for k in range(1, min(len(norms), 2 + ISSUER_GAP)):
        issued = issued_at(tuple(norms[k:]))
        if issued and len(words) > k + issued:
            return words[k + issued :]  # "دراسة قام بها مركز"، "استطلاع للرأي أجراه معهد"، "التقرير الذي يصدره البنك"
        if norms[k] == "من" and len(words) > k + 1 and not definite:
            return words[k + 1 :]  # "تصريحات جديدة من المرصد"
    if definite:
        return words
    second = norms[1]
    if second.startswith("لل") and len(second) > 4:
        return [ARTICLE + words[1][2:], *words[2:]]  # "بيان للأمم المتحدة"
    if second.startswith("ل") and head_kind((second[1:], *norms[2:])) in ("organisation", "anonymous") and head_kind(tuple(norms[1:])) is None:
        return [words[1][1:], *words[2:]]  # "بيان لوزارة الدفاع"
    if second.startswith(ARTICLE) and len(second) > 3 and not is_adjective(second) and not second.endswith(("ي", "يه")):
        return words[1:]  # "تقرير المركز العالمي لمكافحة التطرف"
    return words


def _is_document(text: str) -> bool:
    words = normalize(text).split()
    return bool(words) and (words[0] in _DOCUMENTS or words[0] in _DATA_DEFINITE)


def source_chain(
    sentence: str,
    attributions: Sequence[Attribution],
    start: int,
    end: int,
    primary: Source | None,
    fallback: str | None,
    kind_of: Callable[[str, str], str],
) -> tuple[SourceLink, ...]:
    """Who a figure at ``sentence[start:end]`` comes from, outlet excluded, as a chain: the
    source the outlet cites, then that source's own source.

    ``primary`` is the attribution found for the figure (:func:`~khabar.extract.attribution.find_source`,
    with the article's previous speaker for a follow-on); every other attribution of the
    sentence whose statement covers the figure follows it, verbs before cues ("أفادت مصادر
    متطابقة بأن ... حسب ما أعلنه الهلال الأحمر": the sources, then the Red Crescent); a relay
    inside a link or right after it splits it ("نقلت اليونيسيف عن طبيب في حلب": UNICEF, then a
    doctor).  ``fallback`` is a source found another way (a quote, a headline, a verb with a
    noun object).  Unattributed when nothing is found.
    """
    found: list[tuple[str, str, str | None]] = []  # (text, kind, organisation)
    def amid(src: Source) -> bool:
        # "وعلى وقع التقارير التي تشير إلى ...، تجمع عشرات الناشطين": background, no source
        return src.end > src.start and _AMID.search(sentence[: src.start]) is not None

    if primary is not None and amid(primary):
        primary = None
    own = _cue_right_after(sentence, end)
    if own is not None:
        # "17 قتيلا بحسب الحكومة و19 وفق الهلال الأحمر": the cue right after a figure is its own
        primary = Source(own, end, end, kind="organisation")
    if primary is not None:
        # a relay names its speaker as the source and who carried it first ("نقلت اليونيسيف
        # عن طبيب": UNICEF, then the doctor)
        relay = next((a for a in attributions if a.carrier is not None and a.source == primary), None)
        if relay is not None and relay.carrier is not None:
            found.append((relay.carrier.text, relay.carrier.kind, relay.carrier.organisation))
        found.append((_named(primary), primary.kind, primary.organisation))
        tail = _relay_after(sentence, attributions, primary)
        if tail and _relays_a_speaker(sentence, attributions, primary, tail, kind_of):
            found.append((tail, "anonymous", None))
    covering = [
        a for a in attributions
        if a.source is not None and a.content_start <= start and end <= a.content_end and not amid(a.source)
    ]
    covering.sort(key=lambda a: (a.via == "cue", a.verb_start))
    for a in covering:
        src = a.source
        assert src is not None
        if primary is not None and (src.start, src.end) == (primary.start, primary.end):
            continue
        found.append((src.text, src.kind, src.organisation))
    if not found and fallback:
        # a source found without an attribution (a headline's words before its colon, a
        # verb's noun after it) stands only when it names someone: "أقر إنشاء" does not
        cleaned = clean_source(fallback)
        if cleaned is not None and (kind_of(cleaned, "other") != "other" or _is_document(cleaned)):
            unnamed = normalize(cleaned).split()[0] in _DATA_DEFINITE  # "البيانات المفصلة": no one named
            found.append((fallback, "anonymous" if unnamed else "other", None))
    links: list[SourceLink] = []
    for text, kind, organisation in found:
        for i, part in enumerate(_relayed(text)):
            link = _link(part, kind if i == 0 else "anonymous", organisation if i == 0 else None, kind_of)
            if link is not None and not any(normalize(link.text) == normalize(x.text) for x in links):
                links.append(link)
    return tuple(links) if links else UNATTRIBUTED


#: Words that make what follows a circumstance: "على وقع التقارير التي تشير"، "في ظل
#: تقارير"، "وسط أنباء" (the reports are the background of the sentence, not its source).
_AMID = re.compile(r"(?:^|\s)و?(?:على\s+وقع|في\s+ظل|وسط|إثر|اثر)\s*$")


def _cue_right_after(sentence: str, end: int) -> str | None:
    """The source of a cue written right after a figure and its noun ("19 وفق الهلال الأحمر"،
    "17 قتيلا بحسب الحكومة"), up to the next figure or mark; None when no cue is there."""
    tail = sentence[end : end + CUE_AFTER_FIGURE_CHARS + 60]
    words = tail.split()
    norms = [normalize(w) for w in words[:8]]  # once for the three starts below
    for skip in range(0, 3):
        head = words[skip:]
        taken = cue_at(tuple(norms[skip : skip + 6]))
        if taken:
            rest = " ".join(head[taken:])
            stop = re.search(r"\s+و?[0-9\u0660-\u0669]|[،,.:؛!?]", rest)
            return clean_source(rest[: stop.start()] if stop else rest)
        if skip < len(words) and (_DIGIT.search(words[skip]) or any(ch in words[skip] for ch in "،,.:؛")):
            break
    return None


def _relay_after(sentence: str, attributions: Sequence[Attribution], source: Source) -> str | None:
    """The relayed source written between a source and its statement: "نقلت اليونيسيف” عن
    طبيب في حلب ان ..." gives "طبيب في حلب"."""
    for a in attributions:
        if a.source is not None and (a.source.start, a.source.end) == (source.start, source.end):
            between = sentence[source.end : a.content_start]
            m = _RELAY.search(" " + between.strip(" ”“\"'«»،,"))
            if m is not None and m.start() == 0:
                return (" " + between.strip(" ”“\"'«»،,"))[m.end() :]
            words = normalize(source.text).split()
            if words and is_information(words[0]):
                # "افادت معلومات من مصادر اخرى كوردية من شرق كوردستان ، ... ان": the report's
                # own source, up to a mark or the next "من" (where it is from)
                found = _FROM_SOURCE.match(between)
                if found is not None:
                    return found.group(1)
    return None


#: "معلومات [من مصادر اخرى كوردية] من شرق ...": a report's source after "من".
_FROM_SOURCE = re.compile(r"^\s*من\s+((?:(?!من\s)[^\s،,:()«»\"]+\s*){1,6})")


#: The relay words that always name a relayed speaker; a bare "عن" may be the verb's own
#: preposition ("أفادت معلومات عن عدد الجرحى بأنهم": what it reported about).
_SURE_RELAY = re.compile(r"^\s*(?:نقلا\s+عن|نقلاً\s+عن|على\s+لسان|عن\s+لسان)\s")


def _relays_a_speaker(
    sentence: str, attributions: Sequence[Attribution], source: Source, tail: str, kind_of: Callable[[str, str], str]
) -> bool:
    """The words after "عن" between a source and its statement name the source's own source:
    always after a relaying verb ("نقلت اليونيسيف عن طبيب") or a relaying phrase ("نقلا عن")؛
    after another verb only when they name someone ("ذكرت الوكالة عن مصدر عسكري" yes,
    "أفادت معلومات اخرى عن عدد الجرحى" no: a fresh3 page gave the injured to "عدد الجرحى")."""
    att = next((a for a in attributions if a.source is not None and (a.source.start, a.source.end) == (source.start, source.end)), None)
    if att is None:
        return True
    info = verb_info(normalize(att.verb))
    if info is not None and info[1].relay:
        return True
    if _SURE_RELAY.match(" " + sentence[source.end : att.content_start].strip(" ”“\"'«»،,")):
        return True
    cleaned = clean_source(tail)
    return cleaned is not None and kind_of(cleaned, "other") != "other"


def source_kinds(mentions: Sequence[EntityMention]) -> Callable[[str, str], str]:
    """A function (source as written, kind found by attribution) -> the kind of source it is:
    anonymous, a country or an organisation by the attribution lists; else the kind of a name
    the article's entity mentions give it (a place acting is a country); else what
    attribution found; "other" when nothing says."""
    named = {" ".join(normalize(m.text).split()): m.kind for m in mentions if m.kind in ("person", "organisation", "place")}

    def kind_of(text: str, found: str) -> str:
        words = tuple(normalize(text).split())
        listed = head_kind(words)
        if listed is not None:
            return listed
        for size in range(len(words), 0, -1):
            kind = named.get(" ".join(words[:size]))
            if kind is not None:
                return "country" if kind == "place" else kind
        first = tokens_of(text)[:1]  # "د." is the word "د"
        if first and without_article(first[0]) in titles_by_first_word():
            return "person"  # "محافظ العاصية"، "د. مصطفى مدبولي": a person by title
        return found if found in ("person", "organisation", "anonymous", "country") else "other"

    return kind_of


#: A full stop or bar written apart inside what the segmenter kept as one sentence (a web
#: page's headline run on into its furniture: "توقع 19 قتيلا . . وتفجير ..."، "| أرشيف |"),
#: after a word (not an initial: "د . محمد").
_STOP_APART = re.compile(r"[^\W\d_]{2,}\s+[.|]\s")


def reaching(sentence: str, attributions: Sequence[Attribution], end: int) -> Sequence[Attribution]:
    """The attributions that may attribute a figure ending at ``end``: a cue written after
    the figure does not reach back over a full stop written apart between them (the figure
    is another item's: a headline's toll is not the source's named 600 characters on)."""
    if not any(a.via == "cue" and a.verb_start >= end for a in attributions):
        return attributions
    return [a for a in attributions if not (a.via == "cue" and a.verb_start >= end and _STOP_APART.search(sentence, end, a.verb_start))]


def organisation_names(mentions: Sequence[EntityMention]) -> frozenset[str]:
    """The article's organisation names as its recognizer found them (normalized words)."""
    return frozenset(" ".join(normalize(m.text).split()) for m in mentions if m.kind == "organisation")


def body_named_as_title(src: Source, organisations: frozenset[str]) -> Source:
    """A person read as a title and a name where the article names an organisation with
    those words is that organisation: in "وأعلنت جنرال إلكتريك ارتفاع عائداتها" (and
    "جنرال موتورز") the company's first word reads as a military rank, and the rest of its
    name and the verb's object as the person's name.  A role that starts with a listed head
    ("المتحدث باسم"، "وزارة") is a role, whatever it names."""
    if src.kind != "person" or not src.role:
        return src
    role = normalize(src.role).split()
    if head_kind(tuple(role)) is not None:
        return src
    written = f"{src.role} {src.text}".split()
    words = [normalize(w) for w in written]
    for size in range(len(words), len(role) - 1, -1):
        if size and " ".join(words[:size]) in organisations:
            return Source(" ".join(written[:size]), src.start, src.end, kind="organisation")
    return src


#: A source named again by a word that points back: the last source named.
_BACK_REFERENCES = frozenset(
    normalize(w) for w in ("المصدر نفسه", "المصدر ذاته", "نفس المصدر", "الأخير", "البيان", "المصدر", "الجهة نفسها")
)


#: Back references to a document: they name whoever issued it.
_DOCUMENT_REFERENCES = frozenset(normalize(w) for w in ("البيان", "الوثيقة"))
#: A statement mentioned without the article ("في بيان"، "أصدرت بيانا"، "بيان لوزارة الدفاع"،
#: "بإصدار بيان ختامي"): where the issuer of a later "البيان" is named.
_STATEMENT_MENTION = re.compile(r"(?<![\w])(?:[وبف]|و?ل)?(?:بيان|بيانا|بيانه|بيانها|وثيقة|وثيقه)(?![\w])")
#: How far before a statement's mention its issuer may be named in the same sentence.
ISSUER_WINDOW = 160


def _statement_issuer(text: str, before: int, quotes: Sequence[Quote]) -> SourceLink | None:
    """Who issued the last statement mentioned in ``text`` before offset ``before``: the
    speaker of that sentence named before the mention ("قالت وزارة الداخلية في بيان"،
    "أصدرت الوزارة بيانا"), else the body the mention names ("في بيان لوزارة الدفاع"); None
    when neither is there ("اختتمت القمة أعمالها بإصدار بيان ختامي": no speaker)."""
    mention = None
    for m in _STATEMENT_MENTION.finditer(text, 0, before):
        mention = m
    if mention is None:
        return None
    p = mention.start()
    def same_sentence(a: int, b: int) -> bool:
        return abs(b - a) <= ISSUER_WINDOW and not _FULL_STOP_IN.search(text, min(a, b), max(a, b))

    # the speaker named before the mention, or (resolved from an anaphor) whose words follow
    # it in its sentence: "وقالت الخارجية في بيان , «...»"
    near = [
        q for q in quotes
        if ((q.speaker_start is not None and q.speaker_start < p and same_sentence(q.speaker_start, p))
            or (p < q.start and same_sentence(p, q.start)))
        and " ".join(normalize(q.speaker).split()) not in _BACK_REFERENCES
    ]
    if near:
        q = min(near, key=lambda q: abs(q.start - p))
        kind = "organisation" if q.organisation is None and q.role is None else "person"
        return SourceLink(" ".join(_issuer(q.speaker.split())), kind, q.organisation)  # "بيان لوزارة الدفاع"
    after = re.split(r"[،,.:؛!?؟]", text[mention.end() : mention.end() + ISSUER_WINDOW], maxsplit=1)[0].split()
    stop = next((k for k, w in enumerate(after) if normalize(w) in _STOP_HEAD), len(after))
    words = _issuer(["بيان", *after[: min(stop, MAX_SOURCE_WORDS)]])
    if words and words[0] != "بيان":
        cleaned = clean_source(" ".join(words))
        if cleaned is not None and head_kind(tuple(normalize(cleaned).split()[:2])) in ("organisation", "anonymous", "country"):
            return SourceLink(cleaned, head_kind(tuple(normalize(cleaned).split()[:2])), None)  # type: ignore[arg-type]
    return None


_FULL_STOP_IN = re.compile(r"[.!?؟]\s")


def _anaphor_head(text: str) -> str | None:
    """The head noun of a source that names someone already named ("المكتب" -> "مكتب",
    "الوزارة" -> "وزاره"), "" for a plain back reference ("المصدر نفسه"), None otherwise."""
    norm = " ".join(normalize(text).split())
    if norm in _BACK_REFERENCES:
        return ""
    words = norm.split()
    if len(words) == 1 and words[0].startswith(ARTICLE) and len(words[0]) > 4:
        return words[0][2:]
    return None


def _bare_words(text: str) -> list[str]:
    return [without_article(w) for w in normalize(_QUOTES_IN_NAME.sub(" ", text)).split()]


_QUOTES_IN_NAME = re.compile("[\"«»“”]")


def _describes(text: str, earlier: str) -> bool:
    """A definite description of several words names a source named in full before when it
    starts with that name's head and every word of it is in that name: "الشبكة المحلية
    للأنباء" is 'شبكة "السويداء 24" المحلية للأنباء'."""
    words, named = _bare_words(text), _bare_words(earlier)
    if len(words) < 2 or len(named) <= len(words) or not normalize(text).startswith(ARTICLE):
        return False
    # "المرصد السوري لحقوق الانسان" is already a name, whatever follows it elsewhere ("المعارض")
    return words[0] == named[0] and set(words) <= set(named) and named[: len(words)] != words


def resolve_anaphors(claims: list[Claim], quotes: Sequence[Quote], text: str = "") -> list[Claim]:
    """A source named by a definite head alone ("المكتب"، "الوزارة"، "المحافظ") or by a back
    reference ("المصدر نفسه"، "البيان") is the source named before it in the article whose
    name starts with that head ("مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية") or whose role
    holds it (the governor's name), or for a back reference the last source named; left as
    written when none is.  "البيان" is whoever issued the last statement the article ``text``
    mentions before it (:func:`_statement_issuer`), never merely the last speaker: left as
    written when the article does not say who issued it."""
    import dataclasses

    named: list[tuple[int, SourceLink, str]] = []  # (offset, link, role), in text order
    for q in quotes:
        if q.speaker and _anaphor_head(q.speaker) is None and not _names_nobody(q.speaker.split()[0]):
            kind = "organisation" if q.organisation is None and q.role is None else "person"
            role = " ".join(without_article(w) for w in normalize(q.role or "").split())
            named.append((q.start, SourceLink(q.speaker, kind, q.organisation), role))
    out = []
    for c in sorted(claims, key=lambda c: c.start):
        chain = list(c.source_chain)
        for i, link in enumerate(chain):
            head = _anaphor_head(link.text) if link.kind != "unattributed" else None
            org_head = _anaphor_head(link.organisation) if link.organisation else None
            if org_head:
                # "المتحدثة باسم الاتحاد" after "اتحاد الإغاثة الطبية": the spokeswoman of
                # that union, one source with it in a dispute
                body = next(
                    (x[1] for x in sorted(named, key=lambda x: -x[0])
                     if x[0] < c.start and x[1].kind == "organisation" and (normalize(x[1].text).split() or [""])[0].removeprefix("ال") == org_head),
                    None,
                )
                if body is not None:
                    link = chain[i] = dataclasses.replace(link, organisation=body.text)
            if head is None:
                if link.kind != "unattributed" and link.text.startswith(ARTICLE) and " " in link.text.strip():
                    full = next((x[1] for x in sorted(named, key=lambda x: -x[0]) if x[0] < c.start and _describes(link.text, x[1].text)), None)
                    if full is not None:
                        chain[i] = full
                continue
            if text and " ".join(normalize(link.text).split()) in _DOCUMENT_REFERENCES:
                issuer = _statement_issuer(text, c.start, quotes)
                if issuer is None:
                    continue  # as written: the article does not say who issued it
                chain[i] = link = issuer
                head = _anaphor_head(issuer.text)  # "وأفادت الوزارة في بيان": the ministry named before
                if head is None:
                    continue
            earlier = sorted((x for x in named if x[0] < c.start), key=lambda x: x[0], reverse=True)
            for _, candidate, role in earlier:
                words = normalize(candidate.text).split()
                org = normalize(candidate.organisation or "").split()
                if head == "" or (words and words[0].removeprefix("ال") == head) or (org and org[0].removeprefix("ال") == head) or head in role.split():
                    # "وذكر التقرير" after "وبين تقرير المركز العالمي": the centre that issued it
                    chain[i] = dataclasses.replace(candidate, text=" ".join(_issuer(candidate.text.split())))
                    break
        if chain != list(c.source_chain):
            c = dataclasses.replace(c, source_chain=tuple(chain))
        for link in c.source_chain:
            if link.kind != "unattributed" and _anaphor_head(link.text) is None:
                named.append((c.start, link, ""))
        out.append(c)
    return out
