"""Numeric claims: every figure about people or events, what it counts, and who says so.

:func:`extract_claims` reads the number mentions of each sentence from the document (the
pipeline's ``numbers``, :func:`khabar.text.ar.numbers.find_numbers`; with its ``dates``,
``quotes`` and ``mentions``: nothing is found twice), drops the numbers that are not claims, and
gives each remaining figure a category (what it counts), a subject (who), a place, a source
(who it is attributed to) and the day it refers to.  Every cue word is in
``text/ar/data/claim_categories.txt`` and every subject noun in ``claim_subjects.txt``;
matching is on normalized word tokens with proclitics (و ف ب ل ك ال) read off.

Not claims (a number is dropped when)
-------------------------------------
* it is a time or a numeric date (``03:00``، ``14/11/2023``: ``unit`` "time"/"date");
* it lies inside a date expression found by :func:`khabar.extract.dates.find_dates` (the
  day of "20 يناير"، "منذ 15 تشرين الثاني"، a year after "عام"، "قبل أربعة أيام");
* the word before it is a ``[skip_before]`` entry: "الساعة 03:00"، "قرار رقم 2254"،
  "في عام 2013";
* the word after it is a ``[skip_after]`` entry: durations ("لمدة سبعة أيام"، "بعد 3
  أيام"، "خلال 24 ساعة")، ages and years ("يبلغ 45 عاما")، and non-event counts ("5 أسئلة"،
  "3 مرات"); a score's or an index's degrees and points ("36 درجة"، "112.3 نقطة") are figures
  since session 22;
* an ``[exchange]`` cue stands near it: the price of a currency ("17.25 جنيه للدولار"); a
  price per unit ("67 دولارا للبرميل"، "420 دولارا للسهم") is a figure since session 22;
* an ``[age]`` phrase follows within two words ("في السبعين من عمره");
* it is a bare year: four digits between 1900 and 2100, no hedge, not followed by a
  subject or "من" ("الحرب التي بدأت في 2011");
* it is written with the article, or after "الـ": a descriptive count ("المدن الثلاث"،
  "مدن البلاد الـ 4 الكبرى");
* it is a percentage with no category: a share of something that is not a claim here;
* it has neither a category nor a subject nor a counted noun of its own (rule 9 below): a
  number about nothing this module counts ("بمولد كهرباء واحد").

Category (first rule that applies)
----------------------------------
1. **subset** -- right after "بينهم"/"منهم" the figure is part of the previous claim of the
   sentence and counts the same thing ("قتل 50 مدنيا، بينهم 11 طفلا"، "نحو 5400 شخص،
   بينهم 180 جريحا": evacuated, not injured);
2. **percentage** -- a percentage near a ``[territory percent]`` cue (سيطرة، منطقة، مساحة)
   is territory;
3. **counted noun** -- the noun right after the figure, or after "من" ("100 غارة"، "30
   جثة"، "6 أحياء"، "18 شاحنة"، "4 من أحياء") when it is a cue;
4. **nearest cue** -- the nearest cue word within :data:`CUE_WINDOW` words before or after
   the figure, never across a clause boundary (punctuation other than quotation marks, and
   the ``[boundary]`` words: بينما، في حين، إلا أن، لكن ...).  Other figures do not stop the
   search, so a verb after two figures counts both ("415 مدنيا و364 من مسلحي المعارضة على
   الأقل قتلوا"); on a tie the cue before wins;
5. **anaphora** -- "العدد"، "عددهم"، "الرقم" before the figure in its clause: the category of
   the previous claim of the article, or of the last cue of the two sentences before ("كم عدد
   المحاصرين؟ ... تقدر الأمم المتحدة عددهم بنحو 40 ألف مدني");
6. **ellipsis** -- a figure without a noun of its own ("بينما ذهب 8500 إلى حي"، "وتقول
   الحكومة إنهم لا يتجاوزون 15 ألفا") counts what the previous claim of its sentence counted;
7. **restatement** -- a figure left without a category takes the category of a claim of the
   same article with the same value and bounds (a headline restating the body);
8. otherwise "other" when the subject is people (or a logistics noun: buses, trucks,
   shelters -- which the gold guidelines file under "other", not "aid").
9. **a count of things** -- last, a figure still without category or subject that has a
   counted noun of its own in the counted form ("53 متهما"، "5 شركات"، "39 ألف مكان"،
   "2376 مقعدا": :func:`~khabar.extract.claims.figures._counted_thing`) is "other", its group
   the noun ("متهم"): the
   gold counts these (defendants, seats, companies, votes, dams) and they were the largest
   class of claims missed on the spent splits (session 20: 96 of 184 ANT misses).  A vague
   count ("عشرات الإطارات"، "مئات من المواد"، "مئات الآلاف من الوظائف") counts its noun the
   same way, the noun's article kept (it is the construct's), a time after it a duration
   (:func:`~khabar.extract.claims.figures._vague_thing`, session 22).

Subject: the ``claim_subjects.txt`` entry of the counted noun ("مدنيا" civilians, "من
المسلحين" fighters); else, in a subset or ellipsis, the total's subject; else "عدد X" before
the figure in its clause.

Source: :func:`khabar.extract.attribution.find_source` over the sentence for the figure's
span, with the article's last speaker (from :func:`khabar.extract.quotes.extract_quotes`) as
``previous`` so that "وأضاف أن ..." continues it; failing that, a quote of the same sentence
whose content covers the figure; failing that, in a headline, the words before its colon
("الأمم المتحدة: نحو 40 ألف مدني ..."); failing that, the subject of the nearest verb of
saying (:func:`khabar.extract.attribution.verb_info`) or of documenting (``[source_verb]``:
وثق، سجل، أحصى) before the figure, when the verb takes a noun instead of "أن" (find_source
reads only statements): "وثق المرصد ... مقتل 23"، "تقدر الأمم المتحدة عددهم بنحو 40 ألفا"،
"يتحدث المجلس المحلي عن أكثر من 75 ألفا"، "أفادت تقارير بمقتل مئات"، "وكان المكتب قد أعلن".  A
figure with no source in its own sentence keeps the source of the sentence before only when
the text carries that report on (``[carry_on]``: "وبذلك"، "وأدى هذا القصف إلى"), or, in
hard-wrapped text, when a statement runs on from the lines before (:func:`_open_statement`), or
when the sentence attributes nothing and the sentence before it in its paragraph has an
attributed figure (:func:`_paragraph_source`).  ``Claim.source`` is ``Source.text``: the person's
name without title for a person, the head as written for an organisation, a country or an
unnamed source ("مصادر أخرى"); ``None`` when unattributed.

Place: the nearest place mention of the sentence from
:func:`khabar.extract.entities.find_mentions`, after the figure first (behind
:func:`place_finder`, the one function to change if places come from elsewhere).

Date: the day the sentence names (:func:`khabar.extract.dates.find_dates` against the
article's day, an explicit date first; a day after "منذ" is where a cumulative count
*starts*, not the day it describes, and is skipped); else the article's publication day;
``None`` for an undated article whose sentence names no full date.

``Claim.id`` is ``"<article_id>:<start>"``: stable for a given article text.
"""

from __future__ import annotations

import bisect
import re
import dataclasses
import datetime as dt
from itertools import chain as _chain
from collections.abc import Sequence
from typing import Any

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution import Source, cue_at, find_attributions, find_source, stop_at
from khabar.extract.claims.context import (
    _claim_date,
    body_named_as_title,
    organisation_names,
    reaching,
    _day_mentions,
    _figure_date,
    figure_span,
    resolve_anaphors,
    source_chain,
    source_kinds,
    _headline_source,
    place_finder,
    _previous_source,
    _quote_speaker,
    _toll_source,
    _verb_source,
)
from khabar.extract.claims import carry as _carry
from khabar.extract.claims.cues import _lists, _Sent, _variants
from khabar.extract.claims.frame import conversions, qualifier_of, repeats
from khabar.extract.claims.figures import CUE_WINDOW, _categorize, dual_shape, known_dual, _counted_thing, _Figure, _figures, _last_cue
from khabar.text.ar.clitics import DUAL_ENDINGS, PROCLITICS, bare_word
from khabar.text.ar.normalize import normalize
from khabar.text.ar.stopwords import is_stopword
from khabar.model import Claim, DateMention, Document, FigureRelation, FigureSpan, Quote, Sentence, shifted

__all__ = ["extract_claims", "CUE_WINDOW"]


#: Not yet looked for (the carry candidate of a sentence is read once, and only when needed).
_UNREAD = object()

#: "العدد" refers back at most this many sentences.
ANAPHORA_SENTENCES = 3


def _by_sentence(found: Sequence[Any], sentences: Sequence[Sentence]) -> dict[int, list[Any]]:
    """Mentions (numbers, dates) by the position of the sentence that holds them, their
    offsets moved into the sentence's text (where the pipeline found them)."""
    starts = [s.start for s in sentences]
    out: dict[int, list[Any]] = {}
    for m in found:
        position = bisect.bisect_right(starts, m.start) - 1
        base = starts[position]
        out.setdefault(position, []).append(shifted(m, -base))
    return out


def extract_claims(doc: Document) -> list[Claim]:
    """Every numeric claim of the document's article, in text order.

    Reads what the pipeline found in the document (:mod:`khabar.pipeline`): its sentences,
    numbers and dates; its quotes, for follow-on sources; its entity mentions, for places.
    Offsets are into :attr:`Article.text`.  Pure.
    """
    article, sentences = doc.article, doc.sentences
    numbers_of = _by_sentence(doc.numbers, sentences)
    dates_of = _by_sentence(doc.dates, sentences)
    text = article.text
    read: list[tuple[Sentence, _Sent, list[_Figure], list[DateMention]]] = []
    parsed: dict[int, _Sent] = {}
    last_of: dict[int, str | None] = {}  # position -> category of its last claim

    def recent(position: int) -> str | None:
        """For anaphora: what the last sentences counted (their last claim, else cue)."""
        for back in range(position - 1, max(-1, position - 1 - ANAPHORA_SENTENCES), -1):
            if last_of.get(back):
                return last_of[back]
            s = parsed.get(back) or _Sent.read(sentences[back].text)
            cue = _last_cue(s)
            if cue is not None:
                return cue
        return None

    # the article's words are gathered only for an article with a word that reads as a dual
    duals_of = [_dual_words(ws) for ws in doc.sentence_words]
    known = _ArticleWords(frozenset(_chain.from_iterable(doc.sentence_words))) if any(duals_of) else frozenset()
    for position, sentence in enumerate(sentences):
        numbers = numbers_of.get(position, [])
        words = doc.sentence_words[position] if position < len(doc.sentence_words) else ()
        maybe = duals_of[position] if position < len(duals_of) else ()
        if not numbers and not _may_hold_a_dual(words) and not any(known_dual(w, known) for w in maybe):
            continue
        s = _Sent.read(sentence.text)
        parsed[position] = s
        dates = dates_of.get(position, [])
        figures = _figures(s, numbers, dates, known)
        _categorize(s, figures, lambda position=position: recent(position))
        for f in figures:
            if f.category is None and f.subject is None:
                # a thing of its own: the noun a dual is two of ("نفقين"), else the figure's
                # counted noun -- read last, so that no rule above sees it as the claim before
                # its figure
                thing = f.dual_of if f.dual_of is not None else _counted_thing(s, f)
                if thing is not None:
                    f.category, f.subject, f.via = "other", thing, "thing"
        kept = [f for f in figures if f.category is not None or f.subject is not None]
        cats = [f.category for f in kept if f.category]
        last_of[position] = cats[-1] if cats else None
        if kept:
            read.append((sentence, s, kept, dates))

    if not read:
        return []
    quotes = sorted(doc.quotes, key=lambda q: (q.sentence_index, q.start))
    places = place_finder(article, doc.mentions)
    kind_of = source_kinds(doc.mentions)
    organisations = organisation_names(doc.mentions)

    claims: list[Claim] = []
    by_index = {x.index: x for x in sentences}
    wrapped = _hard_wrapped(sentences)
    last_source: dict[int, Source] = {}  # sentence index -> the source of its last attributed figure
    reported: dict[int, Source] = {}  # sentence index -> the speaker whose statement runs to its end
    claim_of: dict[int, str] = {}  # id(_Figure) -> Claim.id
    span_of: dict[str, tuple[FigureSpan, bool]] = {}  # Claim.id -> its span and cumulative
    paragraph_day = _paragraph_days(sentences, doc.dates)
    for sentence, s, figures, dates in read:
        days = _day_mentions(sentence.text, dates)
        day = _claim_date(days, article.published)
        if not days:
            # "حصيلة القصف الذي استهدف السوق يوم الأحد موضع خلاف. فقد وثق المرصد مقتل 23":
            # a sentence without a day of its own tells of the day its paragraph just named.
            day = paragraph_day.get(sentence.index) or day
        previous = _previous_source(quotes, sentence.index)
        attributions = find_attributions(sentence.text)
        taken = [(m.start, m.end) for m in dates] + [(f.mention.start, f.mention.end) for f in figures]
        carried = _carried_source(s, by_index.get(sentence.index - 1), last_source) if not sentence.is_title else None
        if carried is None and wrapped and not sentence.is_title:
            carried = _open_statement(sentence, by_index, quotes, last_source)
        if carried is None and not sentence.is_title and not attributions and any(
            sentence.index - k in reported for k in range(1, PARAGRAPH_SENTENCES + 1)
        ):
            carried = _paragraph_source(sentence, by_index, reported, wrapped=wrapped)
        before = reported.get(sentence.index - 1) or last_source.get(sentence.index - 1)
        if carried is None and not sentence.is_title and not attributions and before is not None:
            carried = _between_statements(sentence.index, before, quotes)
        end_of_sentence = len(sentence.text.rstrip()) - 2
        speaking = [
            a.source for a in attributions
            if a.source is not None and a.statement and a.via != "cue" and a.content_end >= end_of_sentence
        ]
        candidate: Any = _UNREAD
        for f in figures:
            n = f.mention
            start, end = sentence.start + n.start, sentence.start + n.end
            own = reaching(sentence.text, attributions, n.end)
            src = find_source(sentence.text, start=n.start, end=n.end, previous=previous, attributions=own)
            if src is not None:
                src = body_named_as_title(src, organisations)
            fallback = None
            if src is None:
                fallback = (
                    _quote_speaker(quotes, sentence.index, start, end, text)
                    or _headline_source(sentence, n.start)
                    or _toll_source(sentence, n.end)
                    or _verb_source(s, f, taken, headline=sentence.is_title)
                )
                if fallback is None and carried is not None:
                    src = carried
                    speaking.append(carried)
                elif fallback is None and not sentence.is_title and _carry.active():
                    # the rules carry nothing here: the carry-or-outlet model decides (carry.py)
                    if candidate is _UNREAD:
                        candidate = _carry.candidate(sentence.index, by_index, last_source, quotes)
                    if candidate is not None and _carry.carries(
                        _carry.features(
                            s, sentence, candidate, by_index, own_attribution=bool(attributions),
                            figure=sentence.text[n.start : n.end],
                        )
                    ):
                        src = candidate.source
            # not where the source is nor where it spoke: "وأوضح الحسن، خلال جولة تفقدية على
            # مركز الإيواء في بلدة الشيخ حمد، أن المحافظة جهزت 60 حافلة" (the README
            # example's buses were filed under the town the governor toured)
            excluded = [(sentence.start + src.start, sentence.start + src.end)] if src is not None else []
            aside = _speaker_aside(sentence.text, own, n.start)
            if aside is not None:
                excluded.append((sentence.start + aside[0], sentence.start + aside[1]))
            place = places.find(sentence.start, sentence.end, start, end, exclude=excluded)
            if fallback is not None and place is not None and sentence.is_title and _names_the_place(fallback, place, places):
                # "نيبال: مقتل العشرات في تحطم طائرة": a headline's topic, the country where it
                # happened, not who says so ("روسيا: مقتل 5 من جنودها في سوريا" still is)
                fallback = None
            chain = source_chain(sentence.text, own, n.start, n.end, src, fallback, kind_of)
            if chain[-1].kind != "unattributed":
                link = chain[-1]
                last_source[sentence.index] = Source(link.text, 0, 0, kind=link.kind, organisation=link.organisation)
                if src is not None and speaking and src in speaking:
                    reported[sentence.index] = last_source[sentence.index]
            claim_of[id(f)] = f"{article.id}:{start}"
            date = _figure_date(n, days, day)
            span, cumulative = figure_span(s, f, dates, f.category, date)
            relation = None
            if f.total is not None and id(f.total) in claim_of:
                relation = FigureRelation("part_of" if f.share == "part" else "breakdown_of", claim_of[id(f.total)])
                total = span_of[claim_of[id(f.total)]]
                if span.kind in ("day", "so_far") and total[0].kind in ("period", "since"):
                    # a share covers the time of its total ("نزوح 30 ألفا خلال المعارك
                    # الأخيرة ... بينما ذهب 8500 إلى")
                    span, cumulative = total
            span_of[f"{article.id}:{start}"] = (span, cumulative)
            claims.append(
                Claim(
                    id=f"{article.id}:{start}",
                    article_id=article.id,
                    sentence_index=sentence.index,
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=n.value,
                    low=n.low,
                    high=n.high,
                    approximate=n.approximate,
                    qualifier=qualifier_of(n),
                    category=f.category,
                    group=_group(f.category, f.subject),
                    place=place,
                    place_in=places.container(place),
                    source_chain=chain,
                    date=date,
                    span=span,
                    cumulative=cumulative,
                    relation=relation,
                    unit=n.unit,
                )
            )
    headline = frozenset(s.index for s in sentences if s.is_title)
    return repeats(conversions(resolve_anaphors(_restated(claims), quotes, text), text), headline)


#: "، أن" / "، إن" / "، بأن": a complementiser right after a comma.
_ASIDE_END = re.compile(r"[،,]\s*(?:أن|إن|بأن|ان|بان)\s")


def _speaker_aside(text: str, attributions: Sequence[Any], start: int) -> tuple[int, int] | None:
    """The aside between commas that stands between a verb of saying and the clause that
    holds a figure at ``start`` ("وأوضح الحسن، [خلال جولة تفقدية ... في بلدة الشيخ حمد]، أن
    المحافظة جهزت 60 حافلة"): where and when the speaker spoke, none of the figure's place.
    None when the figure's clause opens otherwise."""
    ends = [m for m in _ASIDE_END.finditer(text, 0, start)]
    if not ends:
        return None
    close = ends[-1].start()
    verb = next((a for a in attributions if a.statement and a.via != "cue" and a.verb_end <= close and a.content_end >= start), None)
    if verb is None:
        return None
    opening = max(text.rfind("،", verb.verb_end, close), text.rfind(",", verb.verb_end, close))
    if opening < 0 or not stop_at(tuple(normalize(w) for w in text[opening + 1 : close].split()[:3])):
        return None  # "، المتحدث باسم إقليم نانجارهار، إن": the speaker's role, not an aside
    return opening, close


def _names_the_place(words: str, place: str, places: Any) -> bool:
    """``words`` (a headline's before its colon) name the figure's place or the one holding it."""
    named = normalize(words.strip())
    return named in (normalize(place), normalize(places.container(place) or ""))


#: What ends a sentence as written; a line ending otherwise runs on into the next one.
_SENTENCE_END = tuple(".!?؟:»\"”)")
#: A text is hard-wrapped when at least this share of its lines (and four) end otherwise.
WRAPPED_SHARE = 0.5
#: How many wrapped lines back a statement may have started.
WRAPPED_LINES = 6


def _hard_wrapped(sentences: Sequence[Sentence]) -> bool:
    """The text breaks its lines inside sentences (newspaper copy wrapped at a width): most of
    its lines, taken for sentences, end without a full stop."""
    lines = [x for x in sentences if not x.is_title and len(x.text) >= 20]
    open_ = sum(not x.text.rstrip().endswith(_SENTENCE_END) for x in lines)
    return open_ >= 4 and open_ >= WRAPPED_SHARE * len(lines)


def _open_statement(
    sentence: Sentence, by_index: dict[int, Sentence], quotes: Sequence[Quote], last_source: dict[int, Source]
) -> Source | None:
    """In hard-wrapped text, the speaker whose statement runs on from the lines before into
    this one ("وقال الدكتور شاولي إن أهم المشاريع ... في خام" / "الجبس ... ويقدر الاحتياطي"
    / "بحوالي 9.6 ملايين طن"): the last attribution of the nearest line before whose
    statement reaches its end -- also one whose line ends on its complementiser, the
    statement all on this line ("وقال ... شاولي لـ«الوطن» إن" / "كميات الخامات ... 62 مليون
    طن") --, or the source of the figures of a line the statement ran through; none past a
    line that ends a sentence."""
    index = sentence.index
    for j in range(index - 1, max(-1, index - 1 - WRAPPED_LINES), -1):
        line = by_index.get(j)
        if line is None or line.is_title or line.text.rstrip().endswith(_SENTENCE_END):
            return None
        end = len(line.text.rstrip())
        reaching = [a for a in find_attributions(line.text) if a.content_end >= end - 1 and a.statement]
        if not reaching and j == index - 1:
            joined = line.text.rstrip() + " " + sentence.text
            reaching = [a for a in find_attributions(joined) if a.verb_end <= end and a.content_start >= end and a.statement]
        if reaching:
            return reaching[-1].source or _previous_source(quotes, j)
        if j in last_source:
            return last_source[j]
    return None


#: How many sentences back, within its paragraph, a figure's sentence looks for the report it
#: carries on.
PARAGRAPH_SENTENCES = 2


def _paragraph_source(
    sentence: Sentence, by_index: dict[int, Sentence], reported: dict[int, Source], *, wrapped: bool = False
) -> Source | None:
    """The source a sentence without any attribution of its own carries on from its paragraph
    ("وأوضح [عبد الرحمن] أن ... 9 مسلحين. وبذلك يرتفع العدد إلى 179 منذ 22 أيار. وقتل 89
    جهاديا خلال الفترة ذاتها."): the speaker of the nearest sentence before, in the same
    paragraph, whose figures are in a statement running to its end (a verb's "أن ..." or a
    report carried on), when no sentence between them names another speaker.  A cue
    ("بحسب المرصد") attributes its own clause only: the outlet's background after it ("وتأتي
    هذه الغارات غداة مقتل 20") stays its own.  In hard-wrapped text, where every line is
    taken for a paragraph, the lines before are the paragraph."""
    for j in range(sentence.index - 1, max(-1, sentence.index - 1 - PARAGRAPH_SENTENCES), -1):
        before = by_index.get(j)
        if before is None or before.is_title or (before.paragraph != sentence.paragraph and not wrapped):
            return None
        if j in reported:
            return reported[j]
        if find_attributions(before.text):
            return None  # another statement in between, with no figure: not carried past it
    return None


def _between_statements(index: int, before: Source, quotes: Sequence[Quote]) -> Source | None:
    """The speaker of the sentences on both sides, for a sentence of figures with no
    attribution of its own between two statements of the same speaker, also across lines
    (a Baly page, a line a sentence: "وقال - في تصريح نقلته سبوتنيك - إن 48 ألف جندي ..." /
    "وطهر خبراء الألغام الروس 6533 هكتارا ..." / "وقال شويجو ...": the minister's account,
    fresh6 of frames.json); None when the sentence after is no statement of that speaker."""
    name = normalize(before.text).split()
    if not name:
        return None

    def says(i: int) -> bool:  # a statement (not a cue's "حسب بيان لـ...") of that speaker
        for q in quotes:
            if q.sentence_index == i and q.speaker and q.verb and not cue_at((normalize(q.verb),)):
                said = normalize(q.speaker).split()
                if said and (said == name or said[-1] == name[-1]):
                    return True
        return False

    return before if says(index - 1) and says(index + 1) else None


def _carried_source(s: _Sent, before: Sentence | None, last_source: dict[int, Source]) -> Source | None:
    """The source a sentence carries on from the one before it: when one of its first words
    says it continues that report ("وبذلك يرتفع العدد إلى"، "وأدى هذا القصف إلى"; not "وفي
    هذا السياق", a new turn of the outlet's), the source of the last attributed figure of the
    sentence before, else of its last statement.  None otherwise."""
    if before is None:
        return None
    carry_on = _lists().carry_on
    words: list[int] = []
    for k in range(len(s.norms)):
        if s.is_word(k):
            words.append(k)
            if len(words) == 3:
                break
    if not any(
        carry_on.at(s.norms, k, _variants) is not None and (i == 0 or not is_stopword(s.norms[words[i - 1]]))
        for i, k in enumerate(words)
    ):
        return None
    if before.index in last_source:
        return last_source[before.index]
    found = [a.source for a in find_attributions(before.text) if a.source is not None and a.statement]
    return found[-1] if found else None


#: Categories that count people: a figure of one without a noun of its own ("لا يتجاوز 15
#: ألفا") counts "people".
PEOPLE_CATEGORIES = frozenset({
    "killed", "injured", "casualties", "executed", "kidnapped", "missing", "displaced", "trapped", "evacuated",
    "surrendered", "released", "arrested", "affected", "population", "participants",
})


def _group(category: str | None, group: str | None) -> str | None:
    if category == "money":
        return "money"
    if group is None and category in PEOPLE_CATEGORIES:
        return "people"
    return group


#: Every run of proclitics a word may open with, and none.
_OPENINGS = ("", *(p for p, _ in PROCLITICS))


class _ArticleWords:
    """The bare words an article writes, asked one at a time: ``x in it`` when a word of the
    article is ``x`` after its proclitics (:func:`bare_word`).  The rule asks for a few words
    an article; making every word's bare form took the claims step a quarter longer
    (bench_extract, pure), so only the written forms of ``x`` are looked up."""

    __slots__ = ("words", "seen")

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words
        self.seen: dict[str, bool] = {}

    def __contains__(self, x: object) -> bool:
        hit = self.seen.get(x)  # type: ignore[arg-type]
        if hit is None:
            words = self.words
            hit = self.seen[x] = any((w := p + x) in words and bare_word(w) == x for p in _OPENINGS)  # type: ignore[operator]
        return hit

    def __bool__(self) -> bool:
        return bool(self.words)


@cython.locals(w=str)
def _dual_words(words: Sequence[str]) -> tuple[str, ...]:
    """The words of a sentence that have a :func:`~khabar.extract.claims.figures.dual_shape`.
    Every word of every article is asked: ``w`` typed, compiled ``endswith`` is a C call, not
    Python's method (its arguments parsed as a tuple: ~840 instructions a word, 1 % of the
    layer; ``instructions_extract.py``, issue 19, session 23)."""
    out = []
    for w in words:
        if w.endswith(DUAL_ENDINGS) and dual_shape(w) is not None:
            out.append(w)
    return tuple(out)


def _may_hold_a_dual(words: Sequence[str]) -> bool:
    """A cheap look at a sentence without digits or number words: is a word a dual of a
    counted noun, as written (one set operation in C)?"""
    return not _lists().dual_words.isdisjoint(words)


def _paragraph_days(sentences: Sequence[Sentence], dates: Sequence[DateMention]) -> dict[int, dt.date]:
    """Sentence index -> the last day named before it in its paragraph (none for a title)."""
    by_position = _by_sentence(dates, sentences)
    out: dict[int, dt.date] = {}
    paragraph, last = None, None
    for position, sentence in enumerate(sentences):
        if sentence.paragraph != paragraph or sentence.is_title:
            paragraph, last = sentence.paragraph, None
        if last is not None:
            out[sentence.index] = last
        named = _claim_date(_day_mentions(sentence.text, by_position.get(position, [])), None)
        if named is not None and not sentence.is_title:
            last = named
    return out


def _restated(claims: list[Claim]) -> list[Claim]:
    """A figure without a category takes the category of the article's claim with the same
    value and bounds (a headline restating its body); the rest without one are "other"."""
    known = {(c.value, c.low, c.high, c.unit): c for c in claims if c.category and c.category != "other"}
    out = []
    for c in claims:
        if c.category is None:
            same = known.get((c.value, c.low, c.high, c.unit))
            if same is not None:
                c = dataclasses.replace(c, category=same.category, group=c.group or same.group)
            else:
                c = dataclasses.replace(c, category="other")
        out.append(c)
    return out
