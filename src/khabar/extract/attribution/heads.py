"""Speaker heads: where a speaker is named around a verb or cue, and what the head holds
(a title and its role, a name, an organisation, a country, an anonymous source)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

from khabar.extract.attribution.lists import (
    KANA_FORMS,
    _PRONOUN_OPENERS,
    _PREPOSITIONS,
    _PRONOUN_PREPOSITIONS,
    _QUOTE,
    _TERMINAL,
    _bare,
    _complement_at,
    _prep_matches,
    _Verb,
    conjoined,
    issued_at,
    purpose_verb,
    verb_info,
)
from khabar.extract.attribution.sources import (
    MAX_COMPLEMENT_DISTANCE,
    MAX_COORDINATED,
    MAX_HEAD_WORDS,
    MAX_NAME_WORDS,
    MAX_QUOTED_NAME_WORDS,
    Source,
)
from khabar.extract.attribution.tokens import _Head, _Tokens
from khabar.extract.dates import day_part_words, day_words
from khabar.text.ar.clitics import ARTICLE, CONJUNCTIONS, PREPOSITION_ARTICLE_MERGED, PREPOSITIONS, without_lam
from khabar.text.ar.lexicon import phrases_by_tag, place_area_words
from khabar.extract.titles import ROLE_LINKS, ROLE_OWNERS


#: First parts of compound names ("عبد الرحمن"، "أبو عمار") and second parts ("صلاح الدين"):
#: text/ar/data/name_parts.txt, the one list of them.
_COMPOUND_FIRST = phrases_by_tag("name_parts")["first"]
_COMPOUND_SECOND = phrases_by_tag("name_parts")["second"]
#: "الأخير": the one named last; "نفسه": "المصدر نفسه" is the source quoted before.
_LATTER = frozenset({"الاخير", "الاخيره"})
_SAME = frozenset({"نفسه", "ذاته", "نفسها", "ذاتها"})
_DEMONSTRATIVES = frozenset({"هذا", "هذه"})
#: و + ال ("والمتحدث") and ب + ال ("بالحكومة"), read from the one table of proclitics.
_AND_ARTICLE = CONJUNCTIONS[0] + ARTICLE
_BI_ARTICLE = PREPOSITIONS[0] + ARTICLE
#: "مكتب حقوق الإنسان [التابع] للمنظمة الدولية": what a body belongs to follows.
_AFFILIATED = frozenset({"التابع", "التابعه"})
#: A day between a speaker and his verb ("وقال الوزير [أمس] إن"), and a part of the day before
#: a day's name ("مساء الجمعة"): the calendar's own words (one place for them).
_DAYS = day_words()
_DAY_PARTS = day_part_words()
#: A clause in which a speaker asks not to be named is this many words at most ("الذي طلب
#: عدم الكشف عن هويته" is six).
MAX_ANONYMITY_WORDS = 7
#: How far back a كان may stand from the verb that completes it ("وكان الدكتور عبدالعزيز
#: العمرو؛ المشرف العام على وكالة الوزارة للعلاقات العمالية الدولية، قد أكد" is 14 tokens).
MAX_KANA_SPAN = 24
#: Bodies whose name joins portfolios with و ("وزارة الصحة والسكان"، "وزارة التخطيط والتعاون
#: الدولي"): a lone word that could speak ("السكان") after و is still their name.
_PORTFOLIO_HEADS = frozenset({"وزاره"})


def _common_noun_shape(word: str) -> bool:
    """A word written as a common noun, never as a foreign name: a feminine in ة ("سلطة"،
    "حكومة"، "عائلة"), a broken plural with ائ inside ("نتائج") or of the shapes فعلاء
    ("علماء"، "وسطاء") and أفعال ("أرقام").  Counted on 600 ANT articles (session 21): these
    heads were cut before their genitive in ~15 of 600 articles' quotes."""
    w = word.removeprefix(CONJUNCTIONS[0])
    return (
        (len(w) >= 3 and w.endswith("ة"))
        or (len(w) >= 5 and "ائ" in w[1:-1])
        or (len(w) >= 5 and w.endswith("اء"))
        or (len(w) == 5 and w[0] == "أ" and w[3] == "ا")
    )


def _is_taf_il(word: str) -> bool:
    """A verbal noun of the pattern تفعيل ("تنسيق"، "تحرير"، "تطوير"): after ل it names what a
    body is for, never whom a statement is addressed to."""
    return len(word) == 5 and word[0] == "ت" and word[3] == "ي"


class _Sentence(_Tokens):
    """A sentence with the head-level rules: titles, roles, heads before and after a verb."""

    __slots__ = ()

    def title_at(self, i: int, first: str | None = None) -> int:
        """Length of the longest title at token ``i`` (with or without the article);
        ``first`` reads the first word otherwise (without its و: "[و]نائب رئيس الوزراء")."""
        w = self.norm(i) if first is None else first
        for title in self.L.titles.get(_bare(w), ()):
            if _bare(title[0]) == _bare(w) and self.reads(i + 1, title[1:]):
                return len(title)
        if len(w) >= 5 and w.endswith("ه") and not w.endswith("يه"):
            # a feminine title the list writes in the masculine: "مندوبة"، "مفوضة" (the
            # speaker of a fresh article was cut to "مندوبة")
            masculine = _bare(w[:-1])
            for title in self.L.titles.get(masculine, ()):
                if _bare(title[0]) == masculine and self.reads(i + 1, title[1:]):
                    return len(title)
        return 0

    def role_continues(self, i: int, end: int) -> int:
        """How many tokens from ``i`` extend a role: its genitive and adjectives.

        "وزير الخارجية [الروسي]"، "مدير [المرصد]"، "الأمين العام [للأمم المتحدة]"، "اللواء
        [بجيش النظام]"، "المتحدث باسم [الرئاسة الروسية]"، "مبعوث الأمم المتحدة الخاص [إلى سوريا]".
        A name starts at the first word without the article that is not one of these.
        """
        j = i
        definite_title = self.norm(i - 1).startswith(ARTICLE) if i > 0 else False
        while j < end:
            w = self.norm(j)
            if self.phrase_at(j, self.L.stops):
                break  # "المسؤول [في تصريحات صحفية]": circumstance, not the role
            if j > i and w in self.L.honorifics and self.title_at(j):
                break  # "وكيل وزارة البترول [الدكتور] سلطان شاولي": the name's own title
            if not w.startswith(ARTICLE) and self.named.get(j, (0, ""))[1] == "person" and self.norm(j - 1) != "باسم":
                break  # "الأمير [تركي الفيصل]": the recognizer's name, not a nationality
            if definite_title and (j == i or self._nisba(j - 1)) and w.startswith(ARTICLE) and not (
                self._nisba(j) or w in self.L.adjectives or w in self.L.nationalities
            ):
                break  # "المتحدث [الإجابة]": a definite title takes adjectives, not a genitive
            if w == _QUOTE and j in self.closer and self.closer[j] < end:
                j = self.closer[j] + 1  # المتحدث باسم «الكرملين»
            elif j > 0 and self.norm(j - 1) == "باسم" and self.is_word(j):
                j += 1  # المتحدث باسم الكرملين / باسم الخارجية
            elif w.startswith(ARTICLE) or w.startswith(PREPOSITION_ARTICLE_MERGED) or w in self.L.nationalities:
                j += 1
            elif self.named.get(j, (0, ""))[1] == "organisation" and self.named[j][0] <= end:
                j = self.named[j][0]  # "مديرة [منظمة العفو] لنيجيريا اوسا اوجيغو"
            elif j == i and _bare(w) in self.L.organisation and j + 1 < end and (
                self.norm(j + 1).startswith(ARTICLE) or self.phrase_at(j + 1, self.L.place_phrases)
            ):
                j += 1  # "مدير [مكتب] الإعلام ..."، "مدير [مستشفى] دير الزور"
            elif w in ROLE_OWNERS:
                j += 1
            elif (
                j == i and not definite_title and self._nisba(j) and w not in self.L.given and not self._person_starts(j)
                and (self.norm(j + 1).startswith((ARTICLE, PREPOSITION_ARTICLE_MERGED)) or not self.is_word(j + 1))
            ):
                j += 1  # "مستشار [أمني] للحكومة العراقية": an indefinite title's adjective, not a name
            elif not w.startswith(ARTICLE) and (k := self.phrase_at(j, self.L.place_phrases)):
                j += k  # "محافظ [دير الزور]": a place of two words, never a name (fresh5 gave "دير")
            elif j == i and not definite_title and not w.startswith(ARTICLE) and self.is_place_or_country(j):
                j += 1  # "مدرب [أوروغواي]"، "سفير [مصر]": the country a title serves
            elif not definite_title and _bare(w) in self.L.organisation and j + 1 < end and self.norm(j + 1).startswith(ARTICLE):
                j += 1  # "رئيس [فرع] الهلال الأحمر"، "مدير [مكتب] الأمم المتحدة": the body he heads
            elif w == "باسم" and j + 1 < end:
                j += 2
            elif (w in ROLE_LINKS or w in ("لشءون", "بشان")) and j + 1 < end:
                j += 2
            elif len(w) >= 4 and w[0] in "لب" and j + 1 < end and self.norm(j + 1).startswith(ARTICLE):
                j += 1
            elif len(w) >= 4 and w[0] == "ل" and j + 1 < end and self._person_starts(j + 1) and not self._person_starts(j):
                j += 1  # "الرئيس التنفيذي [لتوتال] باتريك بويانيه": the company, then the name
            elif (
                conjoined(w) and not w.startswith(ARTICLE, 1) and j + 1 < end and self.norm(j + 1).startswith(ARTICLE)
                and self.norm(j - 1).startswith(ARTICLE) and not self._person_starts(j)
            ):
                j += 2  # "وزير الاتصالات [وتكنولوجيا المعلومات] الإيراني": a second portfolio (fresh5)
            elif conjoined(w) and w.startswith(ARTICLE, 1) and j > i and self.norm(j - 1).startswith((ARTICLE, _AND_ARTICLE)) and (
                k := self._portfolios_end(j, end)
            ):
                j = k  # "وزير الصناعة [والتجارة والتموين]، المهندس يعرب القضاة" (fresh6)
            else:
                break
        return j - i

    def _portfolios_end(self, j: int, end: int) -> int:
        """One past the definite portfolios joined by و from token ``j`` when a comma ends
        them ("وزير الصناعة [والتجارة والتموين]،"), else 0: a title there is a second person
        ("وزير الخارجية [والسفير]،")."""
        k = j
        while k < end and conjoined(self.norm(k)) and self.norm(k)[1:].startswith(ARTICLE) and not self.title_at(k, self.norm(k)[1:]):
            k += 1
        return k if k > j and k < end and self.norm(k) == "," else 0

    def parse_head(self, a: int, b: int, *, subject_first: bool = False) -> _Head | None:
        """The speaker in tokens ``[a, b)`` (a head already cut at its stop), or None.
        ``subject_first``: the head ends right before its verb ("جيش مصر يعلن"), so a
        country that ends it is no object of the verb."""
        if not subject_first and b - a >= 2 and self.norm(b - 1) in self.L.countries and self.title_at(a) == 0 and (
            b - a > 2 or self.norm(a) in self.L.countries or _bare(self.norm(a)) in self.L.organisation
        ):
            # "اتهم مصدر في المعارضة السورية روسيا بأنها"، "وحذرت فرنسا روسيا من أنها": the
            # country after the speaker is the verb's object
            b -= 1
        toks = [j for j in range(a, b) if self.is_word(j)]
        if not toks or (len(self.norm(a)) < 2 and self.norm(a) not in self.L.abbreviations) or self.norm(a) in _PRONOUN_PREPOSITIONS or self.norm(a) in _PREPOSITIONS or self.norm(a) in self.L.boundary:
            return None  # "التي زعم فيها أن": no speaker after the verb
        first = self.norm(a)
        L = self.L
        # anonymous, indefinite: "مصدر عسكري رفيع المستوى"، "مسؤول بارز في المعارضة"
        two = f"{first} {self.norm(a + 1)}"
        indefinite = not first.startswith(ARTICLE) and not (
            b - a >= 2 and self.norm(a + 1).startswith(ARTICLE) and not self._nisba(a + 1)
        )
        if (first in L.anonymous and indefinite) or two in L.anonymous:
            return _Head(a, b, None, None, "anonymous", None, False)
        # title first: "وزير الخارجية الروسي سيرجي لافروف"; a bare role ("المتحدث باسم
        # الكرملين") names someone already quoted
        t = self.title_at(a)
        if t:
            r_end = a + t + self.role_continues(a + t, b)
            # "رئيس المجلس المحلي لحي وادي النهر عبد الكريم السعدي": a prepositional
            # genitive then a name; the name is the last words
            if b - r_end > MAX_NAME_WORDS or (b - r_end > 3 and self.norm(r_end)[:1] in "لب"):
                r_end = b - 3
                while r_end < b - 1 and self.norm(r_end).startswith(ARTICLE):
                    r_end += 1  # a name does not start with the article: "[النهر] عبدالكريم السعدي"
            if r_end < b - 1 and self.norm(r_end) in self.L.honorifics:
                r_end += 1  # "أما محافظ العاصية [اللواء] إياد الحسن فقال": the name's own title
            name = (r_end, min(b, r_end + MAX_NAME_WORDS)) if r_end < b else None
            org = self._organisation(a, t, r_end)
            return _Head(a, name[1] if name else r_end, name, (a, r_end), "person", org, name is None)
        # anonymous, definite: "المصدر العسكري السوري"، "المسؤول" mention a speaker again; a
        # head defined by its genitive ("مسؤول المعارضة"، "مسؤول الجبهة الشامية") describes
        # one afresh and is kept as written (it may be someone named but never quoted before)
        if first in L.anonymous or _bare(first) in L.anonymous:
            return _Head(a, b, None, None, "anonymous", None, b - a <= 3 and first.startswith(ARTICLE))
        # name first: "يان إيغلاند مستشار الأمم المتحدة ..."، "ملاحفجي رئيس المكتب السياسي"
        for p in range(a + 1, min(b, a + MAX_NAME_WORDS + 1)):
            if not first.startswith(ARTICLE) and (t := self.title_at(p)):
                # after a name the role runs to the end of the head: "ستيفان دوجاريك المتحدث
                # باسم بان كي مون"، "ملاحفجي رئيس المكتب السياسي لتجمع فاستقم"
                return _Head(a, b, (a, p), (p, b), "person", self._organisation(p, t, b), False)
        # no title: an institution, a country or a bare name
        bare = _bare(first)
        if first in L.organisation or bare in L.organisation or two in L.organisation or f"{first} {self.norm(a + 1)}" in L.organisation:
            return _Head(a, b, None, None, "organisation", None, b - a == 1)
        if b - a == 1 and (first in L.countries or first in L.places or (first[0] in "وفبل" and first[1:] in L.countries)):
            return _Head(a, b, None, None, "country", None, False)
        if first.startswith(ARTICLE):
            return _Head(a, b, None, None, "organisation", None, b - a == 1)
        if b - a <= MAX_NAME_WORDS:
            return _Head(a, b, (a, b), None, "person", None, b - a == 1)
        return _Head(a, b, None, None, "organisation", None, False)

    def quoted_body(self, j: int) -> bool:
        """The quotation marks opening at token ``j`` hold exactly an institution the
        recognizer found: a name however long ('مركز "جاينز آي إتش إس ماركيت"', five words;
        fresh9 cut the source to "مركز"), never a statement."""
        return j in self.closer and self.named.get(j + 1) == (self.closer[j], "organisation")

    def complement(self, i: int, verb: _Verb) -> tuple[str, int, int] | None:
        """The complement after the verb at ``i``: (kind, head_end, content_start token).

        kind is "indirect" (إن/أن clause), "direct" (quotation marks), "colon" (speech
        after a colon) or "rest" (the verb's own preposition without أن: "أعرب عن قلقه"،
        "أشار المرصد إلى «تسجيل ...»"، "علق الكرملين على ...": the rest is the statement).
        A preposition is only taken as "rest" when no أن comes soon after it.
        """
        limit = min(self.n, i + 1 + MAX_COMPLEMENT_DISTANCE)
        rest_at: int | None = None
        found: tuple[str, int, int] | None = None
        # (asked of each word below: where none can hold, not asked)
        anonymity = self._anonymity_words()
        last_anonymity = anonymity[-1] if anonymity else -1
        attached = [p for p in verb.preps if len(p) == 1]
        norms = self.norms  # (every token read below is inside the sentence: i <= j - 1 < j < limit <= n)
        j = i + 1
        while j < limit:
            w = norms[j]
            if w in _TERMINAL:
                break
            if w == _QUOTE and j in self.closer:
                close = self.closer[j]
                if (
                    (0 < close - j - 1 <= MAX_QUOTED_NAME_WORDS or self.quoted_body(j))
                    and close + 1 < self.n
                    and (
                        self.is_word(close + 1)
                        or self.norm(close + 1) in (",", "(", ":")  # 'لـ"العربية.نت":'
                        # 'وأوضحت صحيفة "فرانكفورتر ..." "إن فوز ..."': a paper's name, then its words
                        or (self.norm(close + 1) == _QUOTE and self.norm(j - 1) in self.L.named)
                    )
                    and verb_info(self.norm(close + 1)) is None
                    and rest_at is None
                ):
                    j = close + 1  # a quoted name inside the head
                    continue
                found = ("direct", j, j)
                break
            if w == ":":
                nxt = j + 1
                if self.is_complement(nxt):
                    found = ("indirect", j, nxt)
                elif self.norm(nxt) == _QUOTE:
                    found = ("direct", j, nxt)
                else:
                    found = ("colon", j, nxt)
                break
            if _complement_at(w) and self.is_complement(j):
                found = ("indirect", j, j)
                break
            for prep in verb.preps if (attached and w[:1] in attached) or w in verb.preps or w == "لي" else ():
                if len(prep) == 1 and w.startswith(prep) and _complement_at(w[1:]):
                    found = ("indirect", j, j)  # بأن
                    break
                if _prep_matches(w, prep):
                    if self.is_complement(j + 1):
                        found = ("indirect", j, j + 1)
                        break
                    if rest_at is None and len(prep) > 1:
                        rest_at = j
            if found:
                break
            if w == "(" and j == i + 1:
                # "وأشارت ( آفاد ) إلى أنه": what the brackets after the verb hold is its
                # subject or a circumstance ("آفاد" reads as the verb "أفاد"), never its clause
                close = next((k for k in range(j + 1, min(limit, j + MAX_QUOTED_NAME_WORDS + 2)) if self.norm(k) == ")"), None)
                if close is not None:
                    j = close + 1
                    continue
            unnamed = self.anonymity_end(j) if j < last_anonymity else 0
            if unnamed:
                j = unnamed  # "طالبا ألا ينشر اسمه": circumstance, what is said comes after it
                continue
            info = verb_info(w) or (purpose_verb(w) if norms[j - 1] == "," else None)
            if info is not None and j > i + 1 and info[1].kind in ("say", "participle") and w not in ("قاءلا", "قاءله"):
                break
            j += 1
        # the verb's preposition opens what is said unless أن follows it soon and directly
        # ("حذر عدد من المسؤولين [من أن]"), not inside its noun ("أعرب عن أمله في أن")
        bare_later = rest_at is not None and found is not None and found[0] == "indirect" and found[1] == found[2] and any(self.is_word(k) for k in range(rest_at + 1, found[1]))
        if rest_at is not None and (found is None or bare_later or found[1] - rest_at > 8):
            # "أعرب X عن قلقه": X a speaker that runs up to the preposition, perhaps with a
            # circumstance between ("بان كي مون [في وقت سابق] عن"، "[، اليوم الاثنين،] على");
            # and the verb opens its clause ("ساد هدوء حذر حي ... من صباح اليوم" says nothing)
            if rest_at == i + 1 or self.skip_circumstance(i + 1, rest_at) >= rest_at:
                return "rest", rest_at, rest_at  # "وأشارت [أيضا] إلى خروج خمس حافلات"
            head = self.speaker_after_verb(i + 1, rest_at, verb.preps) if self.opens_clause(i) else None
            if head is not None and self.speaker_like(head) and self.skip_circumstance(
                self.past_apposition(self.coordinated(head, rest_at, verb.preps)[-1].end, rest_at), rest_at
            ) >= rest_at:
                return "rest", rest_at, rest_at  # "أعربت باريس [وواشنطن] عن خشيتهما"
            return found
        if rest_at is not None and found is not None and found[0] == "direct":
            return "direct", rest_at, found[2]  # "وتحدث المرصد عن «وجود جثث ...»"
        return found

    def _anonymity_words(self) -> list[int]:
        """Where the sentence's name words ("اسمه"، "هويته") are, found once."""
        found = self._anonymity_at
        if found is None:
            anonymity = self.L.anonymity
            found = self._anonymity_at = [k for k, w in enumerate(self.norms) if w in anonymity]
        return found

    def anonymity_end(self, j: int) -> int:
        """The token after a clause opening at ``j`` in which the speaker asks not to be
        named ("طالبا ألا ينشر اسمه"، "الذي طلب عدم الكشف عن هويته"، "شريطة عدم ذكر
        اسمه"): at most :data:`MAX_ANONYMITY_WORDS` words, no complementiser or mark
        inside, the last one a listed name word; 0 when there is none."""
        named_at = self._anonymity_words()
        if not named_at or named_at[-1] <= j or not self.is_word(j) or self.is_complement(j):
            return 0  # most sentences hold no name word: nothing to look for
        anonymity = self.L.anonymity
        for k in range(j + 1, min(self.n, j + MAX_ANONYMITY_WORDS)):
            if not self.is_word(k) or self.is_complement(k):
                return 0
            if self.norm(k) in anonymity:
                return k + 1
        return 0

    def past_apposition(self, k: int, limit: int) -> int:
        """Past a role in apposition after a speaker's name, commas around it allowed
        ("وأعرب أوسكار تاباريز [مدرب أوروغواي] عن سعادته"), or ``k`` when none stands there."""
        j = k + 1 if k < limit and self.norm(k) == "," else k
        t = self.title_at(j) if j < limit else 0
        if not t:
            return k
        j += t
        j += self.role_continues(j, limit)
        return j + 1 if j < limit and self.norm(j) == "," else j

    # -- a speaker read from its first word --

    def name_end(self, a: int, limit: int) -> int:
        """One past the last word of a person's name starting at token ``a`` (``a`` when no
        name starts there).  The document's recognizer decides where a name it found ends;
        otherwise a name is one to four words without the article, except the second part
        of a compound ("صلاح الدين"، "عبد الرحمن") and a family name after a given name
        ("زيد الصالح"), and it stops before a word a name does not take (a plural "ادعاءات"،
        a country, a preposition, a stop)."""
        found = self.named.get(a)
        if found is not None and found[1] == "person" and found[0] <= limit:
            end = found[0]
            # a recognizer's span may stop inside a compound: "[صلاح الدين] دميرتاش"
            if self.norm(end - 1) in _COMPOUND_SECOND and self._name_word(end, limit, end - a):
                end += 1
            elif end + 1 < limit and self.norm(end) == "-" and self.joined(end) and self._name_word(end + 1, limit, end - a):
                end += 2  # "يون يونغ[-تشان]": the recognizer stopped at the hyphen
            elif (
                end - a < MAX_NAME_WORDS
                and end + 2 < limit
                and self.norm(end + 1) == ","
                and self.title_at(end + 2)
                and self.named.get(end) is None
                and self._name_word(end, limit, end - a)
            ):
                end += 1  # "[سارة ليا] ويتسن، مديرة قسم ...": the apposition marks the name's end
            elif (
                end - a < MAX_NAME_WORDS
                and end + 1 < limit
                and self.named.get(end) is None
                and not self.norm(end).startswith(ARTICLE)
                and not self.norm(end).endswith("ات")  # "انتقد روحاني [تصريحات] الرئيس": the object
                and _bare(self.norm(end)) not in self.L.statement_nouns
                and self.norm(end + 1).startswith(ARTICLE)
                and self.title_at(end + 1)
                and self._name_word(end, limit, end - a)
            ):
                end += 1  # "[فيرونيكا هاميلتون] ديلي الطبيب الشرعي": a definite title after it ends the name
            return end
        k = a
        words = 0
        while k < limit and words < MAX_NAME_WORDS:
            w = self.norm(k)
            if w == "-" and self.joined(k):
                k += 1
                continue
            if not self._name_word(k, limit, words):
                break
            words += 1
            k += 1
        return k

    def _name_word(self, k: int, limit: int, before: int) -> bool:
        """Token ``k`` may be word ``before`` + 1 of a person's name."""
        if k >= limit or not self.is_word(k) or self.stop_at(k):
            return False
        w = self.norm(k)
        if len(w) < 2:
            return False  # 'لـ"العربية.نت"': a preposition written apart, never a name
        if self.anonymity_end(k):
            return False  # "قائد في قوات سوريا الديمقراطية [لم] يذكر اسمه": unnamed, no name starts
        prev = self.norm(k - 1) if before else ""
        if self.title_at(k):
            # "ماهر [القاضي] أن": a family name that is also a title, right after a given name
            # and not running on into a role ("الأمين العام")
            if not (w.startswith(ARTICLE) and self.title_at(k) == 1):
                return False
            nxt = self.norm(k + 1)
            if before == 1 and prev in self.L.given and not nxt.startswith(ARTICLE):
                return True
            # "عبد الله [السيد] الهاشمي": after a compound given name, a one-word title before
            # a family name of the nisba form is the name's middle part (fresh6: the name was
            # cut to "عبد الله" and the rest read as the statement)
            return (
                before == 2 and prev in _COMPOUND_SECOND and nxt.startswith(ARTICLE) and nxt.endswith("ي")
                and len(nxt) >= 5 and self.is_word(k + 1) and not self.stop_at(k + 1) and not self.title_at(k + 1)
                and nxt not in self.L.countries and nxt not in self.L.places
            )
        if w in _PREPOSITIONS or w in _PRONOUN_PREPOSITIONS or w in self.L.relative:
            return False
        if before and w in self.L.quantifiers:
            return False  # "لجان [عدة]": a count after a noun, never a name's word (fresh6)
        if w in self.L.boundary and not (w == "بان" and self.norm(k + 1) == "كي"):
            return False
        if w in self.L.given and before < 2:
            return True  # "ألكسندر"، "إلياس": a given name, whatever its first letters
        if w.startswith(ARTICLE) and not self.texts[k].startswith(("أل", "إل")):
            # "صلاح الدين"، "عبد الرحمن"، "زيد الصالح" (after a given name), never first; a
            # hamza is no article ("ثيودور أليغرا", normalized "اليغرا")
            return before > 0 and (
                prev in _COMPOUND_FIRST or w in _COMPOUND_SECOND or (before == 1 and prev in self.L.given)
                or (before == 3 and self.title_at(k - 1) == 1 and self.norm(k - 2) in _COMPOUND_SECOND)  # "عبد الله السيد [الهاشمي]"
            )
        if w.startswith(PREPOSITION_ARTICLE_MERGED) or (w[:1] in "بلو" and w.startswith(ARTICLE, 1)):
            return False  # "للناخبين"، "بالقول"، "والوفد": a preposition or a conjunction, not a name
        if before and (w in self.L.countries or w in self.L.places or w in self.L.anonymous or _bare(w) in self.L.organisation):
            return False  # "نتانياهو طهران": the object
        if w[:1] == "و" and len(w) >= 5 and w.endswith(("ه", "ها", "هم", "هما")) and w not in self.L.given and w[1:] not in self.L.given:
            return False  # "الرئيس بشار الأسد [وحلفاؤه]": a conjunction and a noun with its pronoun
        if before and len(w) >= 5 and w.endswith(("ها", "هم", "هما")):
            return False  # "مزاعم [تورطها]": a noun with its pronoun, not a name
        if before >= 2 and prev not in _COMPOUND_FIRST and len(w) >= 5 and w[-2:] in ("ات", "ون", "ين"):
            return False  # "سيرغي لافروف ادعاءات": a plural noun after a name
        return True

    def np_end(self, j: int, limit: int, *, definite: bool, verb_preps: tuple[str, ...] = ()) -> int:
        """One past the modifiers of a head noun ending before ``j``: adjectives, a genitive
        (for an indefinite head), a quoted name, a prepositional phrase naming where the
        speaker belongs ("مصدر في المعارضة السورية المسلحة"، "مسؤول بوزارة الخارجية"، "المرصد
        السوري لحقوق الإنسان"، "مكتب حقوق الإنسان التابع للمنظمة الدولية").  A prepositional
        phrase with one of the verb's own prepositions is its object ("رحب الوزير [بالاتفاق]")
        unless what it names is an institution ("أعضاء بمجلس الأمة")."""
        start = j
        genitive = not definite
        indefinite_adjective = False  # "مصادر [معارضة]": no genitive after it
        indefinite_name = False  # "وكالات [تصنيف] عدة": an indefinite construct takes an indefinite adjective
        while j < limit and j - start < MAX_HEAD_WORDS:
            w = self.norm(j)
            # a body's own name may be longer: an acronym spelled out ('شبكة "سي جي تي أن"')
            quoted = MAX_NAME_WORDS if j == start and self.norm(start - 1) in self.L.named else MAX_QUOTED_NAME_WORDS
            if w == _QUOTE and self.closer.get(j, limit) < limit and (
                0 < self.closer[j] - j - 1 <= quoted
                # or the recognizer's institution, quoted whole: 'مركز "جاينز آي إتش إس ماركيت"' (fresh9 cut it to "مركز")
                or self.quoted_body(j)
            ):
                j = self.closer[j] + 1  # غرفة عمليات «حوار كلس» (an unclosed mark closes nothing)
                genitive = False  # the quoted name was the genitive: 'تنظيم "داعش" [المسؤولية]' is an object
                continue
            if w == "(" and j == start and self.norm(start - 1) in self.L.named:
                # "وكالة (وفا) الرسمية": the body's name in brackets
                close = next((k for k in range(j + 1, min(limit, j + MAX_QUOTED_NAME_WORDS + 2)) if self.norm(k) == ")"), None)
                if close is not None and close > j + 1 and all(self.is_word(k) for k in range(j + 1, close)):
                    j = close + 1
                    continue
            if w == "غير" and not definite and j + 1 < limit and self._nisba(j + 1) and not self.norm(j + 1).startswith(ARTICLE):
                j += 2  # "منظمة [غير حكومية]": a negated adjective
                continue
            # (also after the document's adjectives: "البيانات الرسمية [الصادرة عن] دائرة الإحصاءات", fresh6)
            issued = issued_at(tuple(self.norms[j : j + 4])) if j == start or all(self.norm(k) in self.L.adjectives or self._nisba(k) for k in range(start, j)) else 0
            if issued:
                # "دراسة [قام بها مركز مكافحة الإرهاب]"، "تقرير [صادر عن الأمم المتحدة]": the
                # document with its issuer, who is the source
                issuer = self.speaker_np(j + issued, limit, verb_preps)
                if issuer is not None:
                    j = issuer.end
                break
            if w.startswith(_AND_ARTICLE) and j > start and self._mute_conjunct(j, start, limit, verb_preps):
                j += 1  # "منظمة الأمم المتحدة للتربية [والعلم] [والثقافة]"، "وزارة الصحة [والسكان]"
                continue
            if not self.is_word(j) or self.stop_at(j) or w in self.L.relative or self.cue_at(j):
                break
            if w in self.L.informed and j + 1 < limit:
                # "مسؤول أمريكي [عليم بالجهود المبذولة]"، "مصدر [مطلع على التحقيق]"، "مصادر [مقربة من الحكومة]"
                nxt = self.norm(j + 1)
                if nxt in ("علي", "من", "الي", "عن") and j + 2 < limit:
                    j = self.np_end(j + 3, limit, definite=True, verb_preps=verb_preps)
                    continue
                if nxt[:1] in "بل" and len(nxt) > 3:
                    j = self.np_end(j + 2, limit, definite=True, verb_preps=verb_preps)
                    continue
            if w in self.L.informed and not definite and not w.startswith(ARTICLE):
                # "مصادر فلسطينية [مطلعة] أن"، "مصدر [مطلع]": without what it knows, an
                # adjective (issue 20, session 21: the spent pool cut 8 sources here)
                j += 1
                continue
            if genitive and j == start and self.named.get(j, (0, ""))[1] == "person" and _bare(self.norm(j - 1)) in self.L.organisation:
                j, genitive = self.name_end(j, limit), False  # "مكتب [ميلانيا ترامب]": a person's office (fresh6)
                continue
            adjective = self._nisba(j) or w in self.L.adjectives or ARTICLE + w in self.L.adjectives or (
                genitive and j == start and w[:1] == "م" and w.endswith(("ه", "ون", "ين")) and len(w) >= 5
                # an institution's verbal noun with its own genitive is no adjective: "هيئة
                # [مكافحة] الحرائق والكوارث" (fresh6: cut to "هيئة مكافحة")
                and not (_bare(self.norm(start - 1)) in self.L.organisation and self.norm(j + 1).startswith(ARTICLE))
            )  # "مصادر [متطابقة]"، "مصدر [مطلع]"
            if (adjective and (w.startswith(ARTICLE) == (definite or not genitive) or (indefinite_name and not w.startswith(ARTICLE)))) or w in ("رفيع", "المستوي", "رفيعه") or (
                w[:3] == "الم" and (definite or not genitive) and self._participle(j)
            ):
                indefinite_adjective = indefinite_adjective or not (w.startswith(ARTICLE) or self.is_place_or_country(j))  # ("قوات [سوريا] الديمقراطية")
                j += 1  # an adjective agrees with its noun: "مصدر عسكري"، "الجيش السوري"
                continue
            if f"{w} {self.norm(j + 1)}" in self.L.organisation and (genitive or w.startswith(PREPOSITION_ARTICLE_MERGED)):
                j += 2  # "مكتب [الأمم المتحدة]"
                genitive = False
                continue
            # a sound plural with its ن is no construct: "ووصف مراقبون [البيان]" is the object
            head = self.norm(start - 1)
            construct = not (
                j == start and len(head) >= 5 and head.endswith(("ون", "ين")) and (head in self.L.anonymous or _bare(head) in self.L.anonymous)
            )
            # (not after an indefinite adjective: "اتهمت مصادر معارضة [الطيران النظامي] بـ" is the
            # object, fresh5 read it into the speaker)
            if genitive and construct and not indefinite_adjective and w.startswith(ARTICLE) and (
                not self.is_place_or_country(j) or (j == start and _bare(self.norm(start - 1)) in self.L.organisation)
            ):  # (an institution's country is its genitive: "مصرف [الإمارات] المركزي", fresh3)
                j += 1
                genitive = False  # "وزارة الخارجية [الأمريكية]"
                continue
            if genitive and j == start and self.norm(start - 1) in self.L.named and w in self.L.named:
                j += 1  # "موقع [صحيفة] «ماركا»"
                start = j
                continue
            if genitive and j == start and self.norm(start - 1) in self.L.named and self.is_place_or_country(j) and w.startswith(ARTICLE):
                j, genitive = j + 1, False  # "جامعة [القاهرة]" (fresh4: "باحثون في جامعة تينيسي ...")
                continue
            if genitive and j == start and _bare(self.norm(start - 1)) in self.L.organisation and self.norm(start - 1) not in self.L.named and self.is_place_or_country(j) and not w.startswith(ARTICLE) and not self.is_place_or_country(j + 1) and not self.norm(j + 1).startswith(ARTICLE):
                # "حكومة [ميانمار]"، "سلطات [كازاخستان]"، "سفارة [بيرو]": an institution's
                # country or city, its genitive (issue 20, session 21)
                j, genitive = j + 1, False
                continue
            if genitive and j == start and self.norm(start - 1) in self.L.named and self.is_place_or_country(j) and not w.startswith(ARTICLE):
                # "شرطة [دبي]"، "تلفزيون [إريتريا]": the place the body serves, or a name that
                # opens with one ("صحيفة [نيويورك تايمز]")
                k = j + 1
                while k < limit and k - j < MAX_NAME_WORDS and not self.is_place_or_country(k) and self._name_word(k, limit, k - j):
                    k += 1
                j, genitive = k, False
                continue
            if genitive and j == start and self.norm(start - 1) in self.L.named:
                # "صحيفة [تشاينا ديلي]"، "وكالة [أنباء إنترفاكس] الروسية"، "موقع [صحيفة ماركا]"
                k = j
                while k < limit and k - j < MAX_NAME_WORDS - 1 and self._name_word(k, limit, k - j + 1):
                    k += 1
                if (
                    k == j + 1 and k < limit and not w.startswith(ARTICLE) and self.norm(k).startswith(ARTICLE) and self.is_word(k)
                    and not self.stop_at(k) and not self._nisba(k) and self.norm(k) not in self.L.adjectives and self.norm(k) not in _DAYS
                ):
                    k += 1  # "وكالة [أنباء الأناضول]": the indefinite noun's own definite genitive
                if k > j:
                    indefinite_name = not any(self.norm(m).startswith(ARTICLE) for m in range(j, k))
                    j = k
                    genitive = False
                    continue
            if genitive and not w.startswith(ARTICLE) and j == start and _bare(w) not in self.L.organisation and (
                self.norm(j + 1).startswith(ARTICLE) or self.norm(j + 1) == _QUOTE
            ):
                j += 1  # "مكتب حقوق [الإنسان]": an indefinite genitive before its own
                if self.norm(j) != _QUOTE and self.is_place_or_country(j):
                    j, genitive = j + 1, False  # "هيئة تحرير [الشام]": its own genitive a place
                continue
            if genitive and j == start and not w.startswith(ARTICLE) and j + 1 < limit and (
                (_bare(w) in self.L.organisation and self.norm(j + 1).startswith(ARTICLE) and not self.is_place_or_country(j + 1))
                or (_bare(w) not in self.L.organisation and self.is_place_or_country(j + 1) and not self.norm(j + 1).startswith(ARTICLE))
            ):
                # "بيان [وزارة الدفاع] الروسية"، "بعض [سكان عفرين]": a genitive that is an
                # institution with its own genitive, or people of a place
                j += 2
                genitive = False
                continue
            if not genitive and _bare(self.norm(j - 1)) in ("نظام", "حكومه", "اداره", "حزب", "ادارة"):
                ne = self.name_end(j, limit)
                if ne > j and (self.norm(j) in self.L.given or self.named.get(j, (0, ""))[1] == "person"):
                    j = ne  # "نظام [بشار الأسد]"، "إدارة [ترامب]"
                    continue
            if w in ("في", "من") and j + 1 < limit and (
                self.norm(j + 1).startswith(ARTICLE) or self.named.get(j + 1) or self.is_place_or_country(j + 1) or self.norm(j + 1) in self.L.organisation
                or self.norm(j + 1) in self.L.named  # "نقابة العمال [في شركة «فيات»]"
            ):
                # "في المعارضة"; an indefinite institution takes its genitive: "مسؤول في حزب
                # [جبهة التحرير الوطني]"
                nxt = self.norm(j + 1)
                found = self.named.get(j + 1)
                if found is not None and found[1] == "organisation" and found[0] <= limit:
                    j = self.np_end(found[0], limit, definite=True, verb_preps=verb_preps)
                    continue  # "في [قوات سوريا الديمقراطية]": the recognizer's institution whole
                indefinite = not nxt.startswith(ARTICLE) and not found and not self.is_place_or_country(j + 1)
                j = self.np_end(j + 2, limit, definite=not indefinite, verb_preps=verb_preps)
                continue
            area = w[1:] if w[:1] == "ب" and not w.startswith(PREPOSITION_ARTICLE_MERGED) else (self.norm(j + 1) if w == "في" else "")
            if area in place_area_words() and j + (w == "في") + 1 < limit:
                # "مصدر امني [في محافظة الانبار]"، "مسؤول [بمدينة] حلب": where the speaker is, an
                # area word and its name (issue 20, session 21)
                k = j + (w == "في") + 1  # the area's name: a word that is no preposition, verb or mark
                if not self.is_word(k) or self.stop_at(k) or self.cue_at(k) or self.norm(k) in _PREPOSITIONS or verb_info(self.norm(k)) is not None:
                    break
                j = self.np_end(k + 1, limit, definite=True, verb_preps=verb_preps)
                continue
            if w in _AFFILIATED and j + 1 < limit:
                j = self.np_end(j + 2, limit, definite=True, verb_preps=verb_preps)
                continue
            if w == "باسم" and j + 1 < limit and (inner_head := self._speaker_np(j + 1, limit)) is not None:
                j = inner_head.end  # "متحدث [باسم وزارة الدفاع الأميركية] (البنتاغون)"
                continue
            inner = without_lam(w) if w.startswith(PREPOSITION_ARTICLE_MERGED) else w[1:]
            if w[:1] in "بل" and f"{inner} {self.norm(j + 1)}" in self.L.organisation:
                j = self.np_end(j + 2, limit, definite=True, verb_preps=verb_preps)  # "[للصليب الأحمر]"
                continue
            institution = _bare(inner) in self.L.organisation or inner in self.L.organisation or self.named.get(j, (0, ""))[1] == "organisation"
            if w[:1] in "بل" and len(w) > 3 and (
                inner.startswith(ARTICLE) or institution or self.norm(j + 1).startswith(ARTICLE) or inner in self.L.places or inner in self.L.countries
            ):  # "المرصد [لحقوق الإنسان]"، "مصادر موالية [لدمشق]"
                if w[0] in verb_preps and not institution and not (w[0] == "ل" and _is_taf_il(inner) and self.norm(j + 1).startswith(ARTICLE)):
                    break  # "رحب الوزير [بالاتفاق]" (but "لجان عدة [لتنسيق التظاهرات]": a purpose, fresh6)
                j = self.np_end(j + 1, limit, definite=inner.startswith(ARTICLE), verb_preps=verb_preps)  # "[لحقوق الإنسان]"
                continue
            break
        return j

    def _mute_conjunct(self, j: int, start: int, limit: int, verb_preps: tuple[str, ...]) -> bool:
        """A definite noun joined by و inside an institution's name, one that could not speak
        on its own: the name goes on ("منظمة الأمم المتحدة للتربية والعلم والثقافة" was cut
        at its و); a body that can ("والمرصد"، "والأمم المتحدة") is a second speaker."""
        head = self.norm(start - 1) if start > 0 else ""
        if not (_bare(head) in self.L.organisation or head in self.L.organisation) or not self.norm(j - 1).startswith((ARTICLE, PREPOSITION_ARTICLE_MERGED, _AND_ARTICLE)):
            return False
        with self.without_conjunction(j):
            other = self.speaker_np(j, limit, verb_preps)
            if other is not None and other.kind == "anonymous" and other.end == j + 1 and _bare(head) in _PORTFOLIO_HEADS:
                return True  # "وزارة الصحة [والسكان]": a ministry's second portfolio, not the residents
            return other is None or not self.speaker_like(other)

    def is_place_or_country(self, j: int) -> bool:
        w = self.norm(j)
        return w in self.L.countries or w in self.L.places or self.named.get(j, (0, ""))[1] == "place"

    @contextmanager
    def without_conjunction(self, j: int) -> Iterator[None]:
        """Read token ``j`` without its leading و while inside the block ("[و]المرصد"، "[و]مسؤول
        تركي"): the rules then see the word itself."""
        w = self.norms[j]
        self.norms[j] = w[1:]
        try:
            yield
        finally:
            self.norms[j] = w

    @contextmanager
    def without_preposition(self, j: int) -> Iterator[None]:
        """Read token ``j`` without its leading ل while inside the block ("وفقا [ل]وزارة
        الصحة"، "وفقا [لل]تقارير" read as "التقارير")."""
        w = self.norms[j]
        merged = w.startswith(PREPOSITION_ARTICLE_MERGED) and not (w[1:] in self.L.organisation or _bare(w[1:]) in self.L.organisation)  # "[لل]جنة": ل + لجنة
        self.norms[j] = without_lam(w) if merged else w[1:]
        try:
            yield
        finally:
            self.norms[j] = w

    def coordinated(self, head: _Head, limit: int, verb_preps: tuple[str, ...] = ()) -> list[_Head]:
        """The speakers coordinated with ``head`` by و: "تقارير محلية [والمرصد السوري]"،
        "بكين [وواشنطن]"، "منظمات إغاثة [ومنظمات طبية]" -- each one speaks the statement.
        Only a second speaker that can speak (:meth:`speaker_like`) is taken: "الوزير
        والوفد المرافق" is one head, "روسيا وإيران" two."""
        out = [head]
        j = head.end
        while j < limit and len(out) < MAX_COORDINATED:
            w = self.norm(j)
            if not (len(w) > 2 and w[0] == "و") or w in self.L.boundary:
                break
            if head.kind in ("person", "country", "organisation") and (own := self._own_people(j, limit)) is not None:
                out.append(own)  # "الرئيس السوري بشار الأسد [وحلفاؤه في روسيا]"
                j = own.end
                continue
            with self.without_conjunction(j):
                nxt = self.speaker_np(j, limit, verb_preps)
                ok = nxt is not None and self.speaker_like(nxt) and not (nxt.kind == "person" and not nxt.role and head.kind != "person")
                starts = self._person_starts(j)
            if not ok or nxt is None:
                break
            if nxt.kind == "person" and not nxt.role and not starts:
                break  # "سارة ليا [ويتسن]": a name's last word that begins with و
            if head.kind == "person" and nxt.kind == "person" and nxt.name is None:
                break  # "زيد الصالح، وهو لواء ... [ورئيس اللجنة الأمنية]": one person, two roles
            out.append(dataclasses.replace(nxt, conj=True))
            j = nxt.end
        return out

    def _own_people(self, j: int, limit: int) -> _Head | None:
        """"[و]حلفاؤه [في روسيا]": a noun of the speaker's own people (``[own]`` of the cue
        list) with a pronoun pointing back to the speaker before it, and the place they are
        in; they speak with it."""
        w = self.norm(j)[1:]
        if not any(w.endswith(p) and w[: -len(p)] in self.L.own for p in ("هم", "ها", "ه")):
            return None
        end = j + 1
        if end + 1 < limit and self.norm(end) == "في" and self.is_place_or_country(end + 1):
            end += 2
        return _Head(j, end, None, None, "anonymous", None, False, conj=True)

    def _person_starts(self, k: int) -> bool:
        """A person's name starts at token ``k``: the recognizer says so, or a given name."""
        found = self.named.get(k)
        return (found is not None and found[1] == "person") or self.norm(k) in self.L.given

    def speaker_like_at(self, k: int) -> bool:
        """Token ``k`` (read without a one-letter preposition) names someone who can speak:
        the recognizer's person or organisation, a known given name, country or institution
        ("دعا [لافروف]" is a name, "دعت [لإجراء]" a preposition)."""
        found = self.named.get(k)
        if found is not None and found[1] in ("person", "organisation"):
            return True
        w = self.norm(k)[1:]
        return w in self.L.given or w in self.L.countries or _bare(w) in self.L.organisation

    def speaker_like(self, head: _Head) -> bool:
        """``head`` can be someone who speaks, not a noun that happens to follow a verb
        ("أعلن [التحالف] فرض حصار" but not "علقت [الغارات]"، "رفض [الإجابة]"): a role, an
        unnamed source, a country or capital, an institution of the lists or one the
        recognizer found, a quoted name, a name the recognizer found or that starts with a
        known given name."""
        if head.role or head.kind in ("anonymous", "country"):
            return True
        a = head.start
        w = self.norm(a)
        found = self.named.get(a)
        if w in (_QUOTE, "(") or (found is not None and found[1] in ("person", "organisation")):
            return True  # a quoted or bracketed name (:meth:`_bracketed_speaker`)
        if head.kind == "organisation":
            return (
                w in self.L.organisation or _bare(w) in self.L.organisation or f"{w} {self.norm(a + 1)}" in self.L.organisation
                or (w in self.L.named and head.end - a > 1)  # "تلفزيون النظام الرسمي"، "شركة فيسبوك"
            )
        return w in self.L.given

    def _bracketed_speaker(self, a: int, limit: int, verb_preps: tuple[str, ...]) -> _Head | None:
        """A speaker written in brackets right after its verb, its statement right after the
        closing bracket ("وأشارت ( آفاد ) إلى أنه"، "وذكرت (سانا) أن"): one to
        :data:`MAX_QUOTED_NAME_WORDS` words, the first no preposition or stop; None when
        the brackets hold a circumstance ("وأضاف (في تصريح) أن") or anything else follows."""
        close = next((k for k in range(a + 1, min(limit, a + MAX_QUOTED_NAME_WORDS + 2)) if self.norm(k) == ")"), None)
        if close is None or close == a + 1 or close + 1 >= self.n:
            return None
        if not all(self.is_word(k) for k in range(a + 1, close)):
            return None
        first = self.norm(a + 1)
        if first in _PREPOSITIONS or first in self.L.boundary or (self.stop_at(a + 1) and verb_info(first) is None):
            return None
        after = self.norm(close + 1)
        if not (self.is_complement(close + 1) or after in (":", ",") or any(_prep_matches(after, p) for p in verb_preps)):
            return None
        return _Head(a, close + 1, None, None, "organisation", None, False)

    def feminine_noun(self, head: _Head) -> bool:
        """``head`` is one word with the feminine ending (ة) that nothing knows as someone
        who speaks: no role, no recognizer's name, given name, country or institution."""
        return (
            head.end - head.start == 1
            and head.kind == "person"
            and head.role is None
            and not head.anaphor
            and self.norm(head.start).endswith("ه")
            and self.named.get(head.start) is None
            and not self.speaker_like(head)
        )

    def speaker_after_verb(self, a: int, limit: int, verb_preps: tuple[str, ...] = ()) -> _Head | None:
        """The speaker right after a verb at ``a - 1``, past a day between them ("وقال
        [الأحد] مصدر عسكري إن"); a country there is the verb's object ("واتهم الأحد
        الولايات المتحدة بأنها")."""
        head = self.speaker_np(a, limit, verb_preps)
        k = a
        while k < min(limit, a + 2) and (self.norm(k) in _DAYS or (k == a and self.norm(k) in _DAY_PARTS)):
            k += 1  # "بحسب ما أعلنت [أمس الخميس] اللجنة الدولية" (fresh4: the ICRC's four statements)
        if head is None and a < k < limit:
            head = self.speaker_np(k, limit, verb_preps)
            if head is not None and head.kind == "country":
                return None
        return head

    def speaker_np(self, a: int, limit: int, verb_preps: tuple[str, ...] = ()) -> _Head | None:
        """The speaker that starts at token ``a`` (:meth:`_speaker_np`), run on to the person
        its role names a few words later (:meth:`appositive_name`)."""
        head = self._speaker_np(a, limit, verb_preps)
        if head is None or head.anaphor or head.kind == "country":
            return head
        lone = head.name is not None and head.definite_only and head.end - head.start == 1 and not self._person_starts(head.start)
        if head.name is not None and not lone:
            return head  # a name, unless a lone word no list or recognizer knows as one ("ممثل")
        limit = min(limit, a + 2 * MAX_HEAD_WORDS)
        found = self.appositive_name(head, limit, verb_preps)
        if found is not None or not lone:
            return found or head
        return self.construct(head, limit, verb_preps) or head

    def construct(self, head: _Head, limit: int, verb_preps: tuple[str, ...] = ()) -> _Head | None:
        """A lone word read as a name that heads a genitive instead: "[إدارة] الإطفاء في
        نيويورك"، "[شركة] فيسبوك"، "[نادي] مانشستر يونايتد" (400 ANT articles had such
        speakers cut to their first word)."""
        a, j = head.start, head.end
        first = self.norm(a)
        document = _bare(first) in self.L.statement_nouns or (first.endswith("ات") and first[:-2] in self.L.statement_nouns)
        common = _common_noun_shape(self.texts[a]) or (
            # a short Arabic noun ("[قوى] الأمن"، "[خفر] السواحل"، "[شقيق] المتوفى"): a
            # foreign surname before the verb's object is longer, a given name is listed
            3 <= len(first.removeprefix(CONJUNCTIONS[0])) <= 4 and first not in self.L.given and a not in self.named
        )
        if j >= limit or not self.is_word(j) or not (first in self.L.named or document or common or (len(first) >= 5 and first.endswith("و"))):
            # only a noun that heads a name, a plural in construct ("مستشارو الإليزيه") or a
            # word shaped as a common noun ("[سلطة] المطارات"، "[نتائج] التعداد"): a surname
            # before the verb's object is no construct ("ووصف بوليانسكي القرارات")
            return None
        nxt = self.norm(j)
        if not (
            # a definite genitive, not an apposition after a name ("زاباليتا [المنضم]"،
            # "رباني [المشرفة]": a participle or an adjective of origin)
            (nxt.startswith(ARTICLE) and not nxt.startswith("الم") and not self._nisba(j) and not self.is_place_or_country(j)
             and not self.texts[j].startswith(("أل", "إل")))
            # an indefinite common noun before a definite word or a place is in construct
            # with it, participle or not ("عائلة [المرشح]"، "حكومة [ميانمار]")
            or (common and (nxt.startswith(ARTICLE) or self.is_place_or_country(j)) and not self._nisba(j))
            or ((self.norm(a) in self.L.named or document) and self.named.get(j, (0, ""))[1] != "person")
        ):
            return None
        end = self.np_end(j, limit, definite=False, verb_preps=verb_preps)
        if end <= j:
            return None
        return _Head(a, end, None, None, "organisation", None, False, conj=head.conj)

    def appositive_name(self, head: _Head, limit: int, verb_preps: tuple[str, ...] = ()) -> _Head | None:
        """The person a role or description names after its own complement, when the
        head's rules stopped inside that complement: "ممثل الولايات المتحدة [في المجلس]
        ثيودور أليغرا"، "مسؤول [مكتب العلاقات العامة في قوات سوريا الديمقراطية] ريدور
        خليل"، "متحدث باسم البيت [الأزرق]، يون يونغ-تشان".  On the fresh articles of issue 20
        this cut was the most frequent speaker error.  The words between must read as the
        role's complement -- a preposition (في، من، لدى، or an attached ب/ل), a definite word
        or an institution, never a verb, a pronoun-bearing noun ("نظيره") or a clause --
        and the person is one the recognizer found, or starts with a known given name."""
        j = head.end
        if j >= limit or not self.is_word(j):
            return None
        first = self.norm(j)
        inner = first[1:]

        def ends_name(e: int) -> bool:
            # what follows a name that ends the speaker: punctuation, أن, the verb's preposition
            if e >= limit or not self.is_word(e) or self.stop_at(e) or self.is_complement(e):
                return True
            w = self.norm(e)
            return w in _PREPOSITIONS or any(_prep_matches(w, prep) or (len(prep) == 1 and w.startswith(prep) and len(w) > 3) for prep in verb_preps)

        if (
            (head.role is not None or head.kind == "anonymous") and self.norm(j - 1).startswith(ARTICLE)
            and self.named.get(j) is None and self._name_word(j, limit, 0) and not (first[:1] == "ي" and first not in self.L.given)
        ):
            # the same with a name no list knows, right after the role's last definite word and
            # right before what is said ("يرافق بومبيو إن" is a clause; "عقد جلسة طارئة." the object)
            ne = self.name_end(j, limit)
            if 2 <= ne - j <= MAX_NAME_WORDS - 1 and (self.is_complement(ne) or self.norm(ne) == ":") and not any(self.norm(x) in self.L.organisation or self._nisba(x) for x in range(j, ne)):
                return _Head(head.start, ne, (j, ne), (head.start, j), "person", head.organisation, False, conj=head.conj)
        if self.named.get(j, (0, ""))[1] == "person" and (
            head.role is not None or head.kind == "anonymous"
            or (head.kind == "organisation" and self.norm(head.start).startswith(ARTICLE) and not self._titled(j - 1))
        ):
            # the role read whole up to the recognizer's name ("مسؤول مكتب العلاقات العامة في
            # قوات سوريا الديمقراطية [ريدور خليل]"، "الإداري في حزب اليسار الكردي في سوريا
            # [محمد جلال قاسم]"; not the person a title names: 'فرقة "بوسي رايوت" المعارضة
            # [للرئيس] فلاديمير بوتن')
            ne = self.name_end(j, limit)
            return _Head(head.start, ne, (j, ne), (head.start, j), "person", head.organisation, False, conj=head.conj)
        if not (
            first in ("في", "من", "لدي", "باسم")
            or first.startswith(ARTICLE)
            or (first[:1] in "بل" and len(first) > 3 and (inner.startswith(ARTICLE) or _bare(inner) in self.L.organisation))
            or _bare(first) in self.L.organisation
        ):
            return None
        k = j
        while k < limit and k - j <= 2 * MAX_NAME_WORDS:
            w = self.norm(k)
            if k > j and self._person_starts(k):
                ne = self.name_end(k, limit)
                if ne > k and ends_name(ne):
                    return _Head(head.start, ne, (k, ne), (head.start, k), "person", head.organisation, False, conj=head.conj)
                return None
            if k > j + 1 and (self.norm(k - 1).startswith(ARTICLE) or self.norm(k - 1) == ",") and self._name_word(k, limit, 0):
                # a name no list knows, between the role's last definite word and what ends a
                # speaker: "ممثل الولايات المتحدة في المجلس [ثيودور أليغرا] أن"
                ne = self.name_end(k, limit)
                if 2 <= ne - k <= MAX_NAME_WORDS - 1 and ends_name(ne) and not any(self.norm(x) in self.L.organisation or self._nisba(x) for x in range(k, ne)):
                    return _Head(head.start, ne, (k, ne), (head.start, k), "person", head.organisation, False, conj=head.conj)
            if w == "," and k + 1 < limit and self._person_starts(k + 1):
                k += 1
                continue
            if (
                not self.is_word(k) or self.stop_at(k) or self.cue_at(k) or self.is_complement(k)
                or w in self.L.relative or w in self.L.boundary or verb_info(w) is not None
                or (k > j and w[:1] == "و")
                or (len(w) >= 4 and w.endswith(("ه", "ها", "هم")) and not w.startswith(ARTICLE) and _bare(w) not in self.L.organisation and not self._nisba(k))
            ):
                return None
            k += 1
        return None

    def _speaker_np(self, a: int, limit: int, verb_preps: tuple[str, ...] = ()) -> _Head | None:
        """The speaker that starts at token ``a`` (right after a verb, or after a cue), read
        from the left so that what follows it -- the verb's object, an addressee, a
        circumstance -- is left out: a title with its role and the name after it, an
        unnamed source or an institution with its modifiers, a country, a name (with a role
        after it).  None when no speaker starts at ``a``."""
        limit = min(limit, a + 2 * MAX_HEAD_WORDS)  # a speaker is a phrase, never the sentence
        if a < limit and self.norm(a) == "(":
            # "وأشارت ( آفاد ) إلى أنه": a body named by its acronym alone
            return self._bracketed_speaker(a, limit, verb_preps)
        if a >= limit or not self.is_word(a) and not (self.norm(a) == _QUOTE and a in self.closer):
            return None
        w = self.norm(a)
        if w in _LATTER:
            return _Head(a, a + 1, None, None, "person", None, True, anaphor=True)  # "وقال الأخير"
        if w in _DEMONSTRATIVES and a + 1 < limit and self.norm(a + 1).startswith(ARTICLE):
            # "وقد اتهم هذا الزعيم الكردي ...": a description of someone named before
            head = self.speaker_np(a + 1, limit, verb_preps)
            return dataclasses.replace(head, start=a, anaphor=True) if head is not None else None
        if w == _QUOTE:
            # قال «تنظيم الدولة» إنه، 'وأضافت " الوطن " أن' (read before the checks below, which
            # stop a head at a quotation mark: this rule was never reached before session 6)
            close = self.closer[a]
            if not 0 < close - a - 1 <= MAX_QUOTED_NAME_WORDS + 2 or close >= limit:
                return None
            # an adjective of the name may follow ('" الوطن " السورية'), the verb's object
            # may too ('أعلن "داعش" المسؤولية'): only an adjective extends the name
            nxt = self.norm(close + 1)
            adjective = nxt in self.L.adjectives or self._nisba(close + 1)
            end = self.np_end(close + 1, limit, definite=True, verb_preps=verb_preps) if adjective else close + 1
            return _Head(a, end, None, None, "organisation", None, False)
        if (len(w) < 2 and w not in self.L.abbreviations) or w in self.L.boundary:
            return None  # "ي ذكر" (a word split in two)، "هذا"; "د. سامي" is a title
        if self.texts[a].startswith(("لإ", "بإ")) and any(len(p) == 1 and w.startswith(p) for p in verb_preps):
            return None  # "يدعو [لإرسال] لجنة": the verb's own preposition on a verbal noun
        if w in self.L.quantifiers and a + 1 < limit and self.is_word(a + 1):
            # "وقال أحد المصدرين إن"، "وأشارت عدة صحف سعودية إلى أن"، "العديد من وسائل
            # الإعلام": the counted speaker
            inner = self.speaker_np(a + 2 if self.norm(a + 1) == "من" else a + 1, limit, verb_preps)
            if inner is None or inner.anaphor:
                return None
            return _Head(a, inner.end, None, None, "anonymous", None, False)
        if w in _PREPOSITIONS or w in _PRONOUN_PREPOSITIONS or w in self.L.boundary or w in self.L.relative or self.stop_at(a) or self.cue_at(a):
            return None  # "قالت [وفقا لما ترجمته] وكالة سبوتنيك: ...": a relay, not a name (fresh4)
        if w.startswith(PREPOSITION_ARTICLE_MERGED) or (w[:1] == "ل" and _bare(w[1:]) in self.L.organisation):
            return None  # "وقال للناخبين إنهم": an addressee, the speaker is elsewhere
        two = f"{w} {self.norm(a + 1)}"
        t = self.title_at(a)
        if t and not (w in self.L.anonymous and not w.startswith(ARTICLE)) and two not in self.L.anonymous:
            r = a + t + self.role_continues(a + t, limit)
            org = self._organisation(a, t, r)
            while r < limit and self.norm(r)[:1] == "و" and (t2 := self.title_at(r, self.norm(r)[1:])):
                # "كبير المفاوضين الصينيين [ونائب رئيس الوزراء] ليو خه": one person, two roles
                r = r + t2 + self.role_continues(r + t2, limit)
            if self.norm(r) == "," and r + 1 < limit:
                # "وزير الخارجية الروسي، سيرجي لافروف، أمس"; the name's own title after the
                # comma ("وزير الصناعة والتجارة والتموين، [المهندس] يعرب القضاة، إن": fresh6
                # gave the minister's words to "المهندس")
                h = r + 1
                ne = self.name_end(h, limit)
                if self.norm(h) in self.L.honorifics and h + 1 < limit:
                    h += max(1, self.title_at(h))
                    ne = self.honorific_name_end(h, limit)
                if ne > h and (ne >= limit or not self.is_word(ne) or self.stop_at(ne)):
                    return _Head(a, ne, (h, ne), (a, r), "person", org, False)
            if self.norm(r) == _QUOTE and self.closer.get(r, limit) < limit and 0 < self.closer[r] - r - 1 <= MAX_NAME_WORDS:
                return _Head(a, self.closer[r] + 1, (r + 1, self.closer[r]), (a, r), "person", org, False)
            if self.norm(r)[:1] in "لب" and not self._person_starts(r):
                # "رئيس المجلس المحلي [لحي وادي النهر] عبدالكريم السعدي": a prepositional
                # complement of the role, then the name where a person's name starts
                p = next((p for p in range(r + 1, min(limit, r + 2 * MAX_NAME_WORDS + 1)) if self._person_starts(p)), None)
                if p is not None:
                    r = p
                    org = self._organisation(a, t, r)
            c = next((c for c in range(r, min(limit, r + MAX_NAME_WORDS + 1)) if not self.is_word(c)), limit)
            if r < c < limit - 1 and self.norm(c) == "," and not self._person_starts(r) and (t2 := self.title_at(c + 1)):
                # "المتحدث باسم تحالف دعم الشرعية، العقيد تركي المالكي": the role's
                # institution ran on; the person is the one named after the comma
                r2 = c + 1 + t2 + self.role_continues(c + 1 + t2, limit)
                ne2 = self.name_end(r2, limit)
                if ne2 <= r2:  # "العقيد [تركي] المالكي": a name that reads like a nationality
                    r2 = c + 1 + t2
                    ne2 = self.name_end(r2, limit)
                if ne2 > r2:
                    return _Head(a, ne2, (r2, ne2), (a, c), "person", self._organisation(a, t, c), False)
            if self.norm(r) in self.L.honorifics and r + 1 < limit:
                # "وكيل وزارة البترول الدكتور سلطان شاولي": the role, the name's own title, the
                # name; a rank of two words is skipped whole ("[الفريق أول] سيرغي سوروفيكين")
                h = r + max(1, self.title_at(r))
                ne = self.name_end(h, limit)
                if ne == h and self.title_at(h) == 1 and h + 1 < limit:
                    # "[سلطان] شاولي"، "[سلطان] الهاشمي": a given name that is also a title
                    nxt = self.norm(h + 1)
                    family = nxt.startswith(ARTICLE) and self.is_word(h + 1) and not self.stop_at(h + 1) and not self.title_at(h + 1)
                    ne = h + 2 if family else self.name_end(h + 1, limit)
                    if ne == h + 1:
                        ne = h
                if ne > h:
                    return _Head(a, ne, (h, ne), (a, h), "person", org, False)
            ne = self.name_end(r, limit)
            if ne > r and self._aide_of(a, r):
                # "مبعوث الرئيس روحاني": the name is the principal's; the aide speaks, named
                # after a comma or before in the article (fresh3 of issue 20 gave the envoy's
                # statements to Rouhani)
                if self.norm(ne) == "," and ne + 1 < limit and self._person_starts(ne + 1) and (ne2 := self.name_end(ne + 1, limit)) > ne + 1:
                    return _Head(a, ne2, (ne + 1, ne2), (a, ne), "person", org, False)
                return _Head(a, ne, None, (a, ne), "person", org, True)
            if ne == r + 1 and self.norm(ne) == _QUOTE and self.closer.get(ne, limit) < limit - 1:
                # "زعيم حزب «فرنسا الأبية» (يسار راديكالي) جان لوك ميلانشون": the party is
                # the role's; the person is named after it
                p = self.closer[ne] + 1
                if self.norm(p) == "(":
                    p = next((q + 1 for q in range(p, min(limit, p + MAX_HEAD_WORDS)) if self.norm(q) == ")"), limit)
                if p < limit and self._person_starts(p) and (pe := self.name_end(p, limit)) > p:
                    return _Head(a, pe, (p, pe), (a, self.closer[ne] + 1), "person", org, False)
            if ne == r + 1 and not w.startswith(ARTICLE) and self._nisba(r) and not self._person_starts(r):
                # "قالت طبيبة [شرعية] إن": an indefinite title and its adjective describe
                # someone unnamed; the adjective is no name
                return _Head(a, ne, None, None, "anonymous", None, False)
            if ne > r:
                t2 = self.title_at(ne) if ne < limit and self.norm(ne).startswith(ARTICLE) else 0
                if t2 and not org:
                    # "اللواء ركن طيار عبد الله السيد الهاشمي [المتحدث باسم القوات المسلحة]": a
                    # rank, the name, then the role that names his institution (fresh6: the
                    # role was read as the start of the statement)
                    r2 = ne + t2 + self.role_continues(ne + t2, limit)
                    if (org2 := self._organisation(ne, t2, r2)) is not None:
                        return _Head(a, r2, (r, ne), (a, r), "person", org2, False)
                return _Head(a, ne, (r, ne), (a, r), "person", org, False)
            return _Head(a, r, None, (a, r), "person", org, True)
        if _bare(w) in self.L.data and a + 1 < limit:
            # "وفق [البيانات] هيئة مكافحة الحرائق والكوارث"، "بحسب [بيانات] وزارة الصحة": the
            # body that publishes the figures is their source (fresh6: "البيانات" was the
            # source, and an indefinite "بيانات" a person)
            nxt = self.norm(a + 1)
            if _bare(nxt) in self.L.organisation or nxt in self.L.named or f"{nxt} {self.norm(a + 2)}" in self.L.organisation:
                issuer = self.speaker_np(a + 1, limit, verb_preps)
                if issuer is not None and issuer.kind == "organisation":
                    return issuer
        if two in self.L.anonymous or two in self.L.organisation or w in self.L.anonymous or _bare(w) in self.L.anonymous:
            k = a + 2 if two in self.L.anonymous or two in self.L.organisation else a + 1
            kind = "anonymous" if (two in self.L.anonymous or w in self.L.anonymous or _bare(w) in self.L.anonymous) else "organisation"
            if w in ("بعض", "عدد") and self.norm(a + 1) == "من":
                k = a + 2
            if w.startswith(ARTICLE) and self.norm(k) in _SAME:
                return _Head(a, k + 1, None, None, kind, None, True, anaphor=True)  # "المصدر نفسه"
            end = self.np_end(k, limit, definite=self.norm(k - 1).startswith(ARTICLE), verb_preps=verb_preps)
            return _Head(a, end, None, None, kind, None, end - a <= 2 and w.startswith(ARTICLE))
        if w in self.L.organisation or _bare(w) in self.L.organisation:
            end = self.np_end(a + 1, limit, definite=w.startswith(ARTICLE), verb_preps=verb_preps)
            return _Head(a, end, None, None, "organisation", None, end - a == 1 and w.startswith(ARTICLE))
        found = self.named.get(a)
        if found is not None and found[1] == "organisation" and found[0] <= limit:
            end = self.np_end(found[0], limit, definite=True, verb_preps=verb_preps)
            return _Head(a, end, None, None, "organisation", None, False)
        if w in self.L.countries or w in self.L.places or f"{w} {self.norm(a + 1)}" in self.L.countries:
            end = a + 2 if f"{w} {self.norm(a + 1)}" in self.L.countries else a + 1
            return _Head(a, end, None, None, "country", None, False)
        described = self._described_person(a, limit)
        if described is not None:
            return described
        ne = self.name_end(a, limit)
        if ne > a:
            t = self.title_at(ne) if ne < limit else 0
            nxt = ne + 1 if self.norm(ne) == "," and ne + 1 < limit else ne
            if nxt > ne and self.norm(nxt) in ("وهو", "وهي"):
                nxt += 1
            t = self.title_at(nxt) if nxt < limit else 0
            if t:
                # "ستيفان دوجاريك المتحدث باسم ..."، "زيد الصالح، رئيس اللجنة الأمنية،"
                r = nxt + t + self.role_continues(nxt + t, limit)
                return _Head(a, r, (a, ne), (nxt, r), "person", self._organisation(nxt, t, r), False)
            return _Head(a, ne, (a, ne), None, "person", None, ne - a == 1)
        if w.startswith(ARTICLE):
            end = self.np_end(a + 1, limit, definite=True, verb_preps=verb_preps)
            return _Head(a, end, None, None, "organisation", None, end - a == 1)
        return None

    def _titled(self, k: int) -> bool:
        """Token ``k`` is a title, also after a preposition ("[للرئيس]"، "[بالرئيس]")."""
        w = self.norm(k)
        bare = without_lam(w) if w.startswith(PREPOSITION_ARTICLE_MERGED) else w[1:] if w[:1] in "لب" and w.startswith(ARTICLE, 1) else w
        return bool(self.title_at(k, bare))

    def honorific_name_end(self, h: int, limit: int) -> int:
        """One past a name after a title of address ("الدكتور"، "المهندس"): a name, with a
        family name of the article after a given name no list knows ("المهندس [يعرب القضاة]")."""
        ne = self.name_end(h, limit)
        nxt = h + 1
        if ne == nxt and nxt < limit and self.norm(nxt).startswith(ARTICLE) and self.is_word(nxt) and not (
            self.stop_at(nxt) or self.title_at(nxt) or self.is_complement(nxt) or self._nisba(nxt)
        ):
            return nxt + 1
        return ne

    def _described_person(self, a: int, limit: int) -> _Head | None:
        """A person the recognizer found right after a description of one to three words
        that no title list knows, at least one of them definite: "النجم البرتغالي [كريستيانو
        رونالدو]"، "رجل الدين [مقتدى الصدر]"، "الداعية الإسلامي [ياسر برهامي]" (fresh6: no
        statement of theirs was found; "رجل الدين مقتدى" was read as a name).  The
        description is the person's role; nothing but words stands in it."""
        if not self.named or self.named.get(a) is not None:
            return None
        p = next((p for p in range(a + 1, min(limit, a + 4)) if self.named.get(p, (0, ""))[1] == "person"), None)
        if p is None or not any(self.norm(k).startswith(ARTICLE) for k in range(a, p)):
            return None
        for k in range(a, p):
            w = self.norm(k)
            if (
                not self.is_word(k) or self.stop_at(k) or self.cue_at(k) or self.is_complement(k) or self.title_at(k)
                or w in _PREPOSITIONS or w in _PRONOUN_PREPOSITIONS or w in self.L.relative or w in self.L.boundary
                or verb_info(w) is not None or w.startswith((PREPOSITION_ARTICLE_MERGED, _BI_ARTICLE)) or w.isdigit()
                or w in self.L.countries or w in self.L.places or (k > a and w[:1] == "و")
            ):
                return None
        ne = self.name_end(p, limit)
        return _Head(a, ne, (p, ne), (a, p), "person", None, False) if ne > p else None

    def _aide_of(self, a: int, r: int) -> bool:
        """The role [a, r) is an aide's ("مبعوث"، "المتحدث باسم") whose words up to the name at
        ``r`` end on another person's title, at most with adjectives of nationality after it
        ("مبعوث [الرئيس] روحاني"، "المتحدث باسم [الرئيس الروسي] فلاديمير بوتين"), not on the
        aide's own field ("مستشار الرئيس للأمن القومي جون بولتون" is the adviser)."""
        if _bare(self.norm(a)) not in self.L.aides:
            return False
        if r == a + 1 and not self.norm(a).startswith(ARTICLE):
            return True  # "محامي برونسون"، "مستشار ترامب": an indefinite aide before a name is the name's (fresh5)
        e = r
        while e > a + 1 and (self._nisba(e - 1) or self.norm(e - 1) in self.L.nationalities):
            e -= 1
        return any(k + self.title_at(k) == e for k in range(a + 1, e) if self.norm(k) != "باسم")

    def _participle(self, j: int) -> bool:
        """"جماعة الإخوان [المسلمين]"، "المعارضة [المسلحة]": a definite participle after a
        definite noun is its adjective; with its agent ("الجيش السوري [المدعوم بمسلحين]"،
        "المدعومة من"، "المدعوم على الأرض بـ") it opens a clause of its own (إلى، في after it
        are the verb's)."""
        w = self.norm(j)
        if len(w) < 6 or self.is_place_or_country(j) or _bare(w) in self.L.organisation or w in self.L.plural_nouns:
            return False
        after = self.norm(j + 1)
        return not (after in ("من", "علي") or (after[:1] in "بل" and len(after) > 3))

    def masculine_head(self, head: _Head) -> bool:
        """An institution or unnamed source written as a definite masculine singular noun
        with a masculine adjective ("المجتمع الدولي"، "الجيش السوري"): never the subject of
        a feminine verb (a broken plural takes a feminine adjective: "المصادر الطبية")."""
        if head.kind not in ("organisation", "anonymous") or head.role is not None or head.end - head.start < 2:
            return False
        noun, adjective = self.norm(head.start), self.norm(head.start + 1)
        if head.conj:
            noun = noun[1:]
        return (
            noun.startswith(ARTICLE) and not noun.endswith(("ه", "ات"))
            and adjective.startswith(ARTICLE) and adjective.endswith("ي") and self._nisba(head.start + 1)
        )

    def _nisba(self, i: int) -> bool:
        w = self.norm(i)
        if w in self.L.plural_nouns:
            return False
        return w in self.L.nationalities or (len(w) >= 4 and w not in _PREPOSITIONS and w.endswith(("ي", "يه", "يين", "يون")))

    def _organisation(self, a: int, title_len: int, r_end: int) -> str | None:
        """The institution a role names: "المتحدث باسم الكرملين" -> "الكرملين"، "مدير المرصد"
        -> "المرصد"; nothing for a role that only adds a nationality ("وزير الخارجية الروسي")."""
        if r_end == a + title_len or all(self.norm(j) in self.L.nationalities for j in range(a + title_len, r_end)):
            return None  # "وزير الخارجية الروسي": a role, no institution named
        rest = list(range(a + 1, r_end))  # "رئيس [المكتب السياسي ...]"، "الأمين [العام للأمم المتحدة]"
        for k, j in enumerate(rest):
            if k and self.title_at(j):
                rest = rest[:k]  # "محافظ العاصية [اللواء]"
                break
        while rest and (self.norm(rest[0]) in ("باسم", "باسمه", "باسمها", "في", "الي", "لدي") or self.norm(rest[0]) in self.L.adjectives):
            rest = rest[1:]
        if not rest or all(self.norm(j) in self.L.nationalities for j in rest):
            return None
        text = self.span_text(rest[0], rest[-1] + 1).strip('"«»“”')
        first = self.norm(rest[0])
        if first.startswith(PREPOSITION_ARTICLE_MERGED):
            text = without_lam(text)  # "للأمم المتحدة" -> "الأمم المتحدة"
        elif first.startswith(_BI_ARTICLE) or (first[:1] in "لب" and (first[1:] in self.L.organisation or ARTICLE + first[1:] in self.L.organisation)):
            text = text[1:]  # "بالمعارضة السورية"، "بجيش النظام"
        return text or None

    def spoken_by(self, head: _Head) -> _Head | None:
        """``head`` as the speaker of a statement, or None when it cannot be one and the
        speaker before goes on: a phrase with a year or ending on a preposition ("وانتقد
        المرشح ... [عام 2012]"، "وفي معرض [حديثه عن] ... قال").  After a role, a "name"
        opening with an attached ل that no recognizer or list knows is the addressee: the
        role speaks ("قال الزعيم الكوري الشمالي [لوسائل إعلام صينية] إنه").  (fresh3 of issue 20)"""
        if head.anaphor or self.norm(head.start) == _QUOTE:
            return head
        words = [self.norm(k) for k in range(head.start, head.end) if self.is_word(k)]
        if any(len(w) == 4 and w.isdigit() for w in words) or (words and words[-1] in _PREPOSITIONS):
            return None
        if head.name is not None and self.norm(head.name[1] - 1) in _PREPOSITIONS:
            return None  # "معرض [حديثه عن] الرئيس السابق": a name never ends on a preposition
        if head.role is not None and head.name is not None:
            if any(issued_at(tuple(self.norms[k : k + 4])) for k in range(*head.role)):
                # "التقرير الذي يصدره البنك الدولي [كل عامين]": a document with its issuer
                # named is whole; no name follows it (fresh9)
                return dataclasses.replace(head, name=None, end=head.role[1])
            a = head.name[0]
            w = self.norm(a)
            if w[:1] == "ل" and len(w) > 3 and w[1:] not in self.L.given and self.named.get(a, (0, ""))[1] != "person":
                return dataclasses.replace(head, name=None, end=head.role[1])
        return head

    def source(self, head: _Head) -> Source:
        if head.name:
            a, b = head.name
        else:
            a, b = head.start, head.end
        while b > a and not self.is_word(b - 1):
            b -= 1
        text = self.span_text(a, b)
        start = self.starts[a]
        if head.conj and a == head.start:
            text, start = text[1:], start + 1  # "[و]المرصد السوري"
        text = text.strip('"«»“”() ')
        if self.texts[a] in '"«»“”(':
            start = self.starts[a + 1]
        role = self.span_text(*head.role) if head.role else None
        if role and head.conj and head.role[0] == head.start:
            role = role[1:]
        return Source(
            text=text,
            start=start,
            end=start + len(text),
            role=role,
            kind=head.kind,
            organisation=head.organisation,
            definite_only=head.definite_only or head.anaphor,
            anaphor=head.anaphor,
        )

    # -- complements and content --

    def head_before(self, i: int, floor: int = 0) -> _Head | None:
        """A subject-first speaker ending right before the verb at ``i`` and not before
        token ``floor`` (the end of the previous attribution's cue or verb)."""
        j = i - 1
        if j >= 0 and self.norm(j) in _PRONOUN_OPENERS:
            return None  # "لكنها زعمت أن": the pronoun points back; the speaker is resolved later
        c = next((x for x in range(j, max(floor, i - MAX_HEAD_WORDS) - 1, -1) if not self.is_word(x)), None)
        if c is not None and c > floor and self.norm(c) == "," and self.norm(c + 1) in _AFFILIATED and c + 2 < i:
            # "لكن مركز إدارة خدمات وتنسيق الكومبيوتر، [التابع لوزارة الاتصالات ...] قال إن":
            # the body before the comma speaks, not the end of what it belongs to (fresh5)
            return self.head_before(c, floor)
        if j >= 0 and self.norm(j) in self.L.relative and self.norm(i + 1) in _PRONOUN_PREPOSITIONS:
            return self.possessor_before(j, floor)  # "تصريحات المحافظ، التي زعم فيها أن"
        if j >= 0 and (self.norm(j) in self.L.relative or (conjoined(self.norm(j)) and self.norm(j)[1:] in self.L.relative)):
            j -= 1  # "المرصد ... الذي اعتبر أن"
            named = next((k for k in range(max(floor, j - MAX_NAME_WORDS), j + 1) if self.named.get(k, (0, ""))[0] == j + 1 and self.named[k][1] == "person"), None)
            if named is not None:
                # "وتعافى قائد برشلونة [أندريس إنييستا] الذي تحدث عن"، "بوريس جونسون، والذي
                # قال إن": the person the recognizer ends right before the relative pronoun
                # (the words before it may be a clause: fresh3 of issue 20 gave the verb)
                return self.parse_head(named, j + 1)
            if j > floor and self.norm(j) == ",":
                # "تتفق مع ماكرينا في هذا الرأي [مريم]، التي تقول إن": the name the
                # recognizer ends right before the comma
                named = next((k for k in range(max(floor, j - MAX_NAME_WORDS), j) if self.named.get(k, (0, ""))[0] == j and self.named[k][1] == "person"), None)
                if named is not None:
                    return self.parse_head(named, j)
                # "وهما يتعرضان لتوبيخ من [المحقق]، الذي قال:": a role, an institution or an
                # unnamed source right before the comma (fresh5 of issue 20)
                for k in range(j - 1, max(floor, j - 4) - 1, -1):
                    if not self.is_word(k) or verb_info(self.norm(k)) is not None:
                        break
                    if self.norm(k - 1) in _PREPOSITIONS or not self.is_word(k - 1) or k == floor or self.title_at(k):
                        head = self.parse_head(k, j)
                        return head if head is not None and self.speaker_like(head) and head.name is None else None
                return None
        elif j > floor and (self.norm(j) == "قد" or self.norm(j) in self.L.negation) and self.is_word(j - 1):
            j -= 1  # "وكان الجيش السوري قد أعلن أن": the subject stands between كان and قد
        b = j + 1
        joined = next((a for a in range(j, max(floor, i - MAX_NAME_WORDS - 1), -1) if self.joined_speaker(a) == i), None)
        if joined is not None:
            # "نتانياهو يتهم ظريف «بالكذب» [وجواد] يصف خطابه": a second speaker of the sentence
            with self.without_conjunction(joined):
                head = self.parse_head(joined, b)
            return dataclasses.replace(head, conj=True) if head is not None else None
        k = j
        while k >= floor and b - k <= MAX_HEAD_WORDS:
            w = self.norm(k)
            if not self.is_word(k) or w in self.L.boundary or verb_info(w) is not None or self.cue_at(k) or w in self.L.relative:
                break
            if w[:1].isdigit():
                break  # "في مرمى جيرونا يوم الأحد بات في رصيده 22 هدفا وأضحى يهدد": a count ends the phrase before
            k -= 1
        a = k + 1
        if self.norm(i - 1) in self.L.anonymity:
            # "لكن مسؤولين أميركيين [تحدثوا إلى رويترز وطلبوا عدم الكشف عن أسمائهم] قالوا إن":
            # an unnamed source described by a clause that asks not to name it (fresh4)
            for k in range(i - 2, max(floor, i - 2 - MAX_HEAD_WORDS) - 1, -1):
                if not self.is_word(k) or self.is_complement(k):
                    break
                head = self.speaker_np(k, i - 1)
                if head is not None and head.kind == "anonymous" and (k == floor or not self.is_word(k - 1) or self.norm(k - 1) in self.L.boundary):
                    return head
        if a >= b and self.norm(i - 1) == "," and (named := self._apposition_before(i - 1, floor)) is not None:
            return named
        if a >= b and self.norm(i - 1) == ",":
            # "غير أن دبلوماسيا مشاركا في التحضيرات، طلب عدم ذكر اسمه، قال إن"
            c = i - 2
            while c > floor and self.norm(c) != "," and i - c < 10:
                c -= 1
            if self.norm(c) == "," and any(self.norm(x).startswith("اسم") for x in range(c + 1, i - 1)):
                return self.head_before(c, floor)
        if a >= b:
            # "أما الكرملين، فأكد أن"، "أما الأمين العام ... فقد أعلن عن"
            end = i - 1 if self.norm(i - 1) in ("فقد", "فانه", "فان") else i
            if end == i and self.norm(i)[:1] != "ف":
                return None
            if self.norm(end - 1) == ",":
                end -= 1
            k = end - 1
            while k >= floor and self.is_word(k) and self.norm(k) not in ("اما", "واما"):
                k -= 1
            if k >= floor and self.norm(k) in ("اما", "واما") and k + 1 < end:
                return self.parse_head(k + 1, self.head_end(k + 1, end))
            return None
        # skip a cue or a verb's own object when this verb is governed by an earlier one
        if a > 0 and self.norm(a - 1) in ("بحسب", "حسب", "وفق", "ما", "حسبما"):
            return None
        while a < b and self.norm(a) in _PREPOSITIONS:
            a += 2  # "وعلى وقع التقارير التي تشير": the phrase before the noun is no speaker
        if a >= b:
            return None
        if a == floor or self.norm(a - 1) in self.L.boundary or self.norm(a - 2) in _PREPOSITIONS or self.norm(a - 1) in (",", ":", "|", ".", "..") or self.norm(a - 1) in self.L.relative:
            w = self.norm(a)
            if len(w) > 4 and w[0] == "و" and (w.startswith(ARTICLE, 1) or self.title_at(a, w[1:]) or _bare(w[1:]) in self.L.organisation):
                # "...، [و]الرئيس الأمريكي يؤكد أنه": the conjunction is not the speaker's
                with self.without_conjunction(a):
                    head = self.parse_head(a, b, subject_first=True)
                return dataclasses.replace(head, conj=True) if head is not None else None
            return self.parse_head(a, b, subject_first=True)
        return None

    def kana_subject(self, i: int, floor: int = 0) -> _Head | None:
        """The subject of a كان that the verb of saying at ``i`` completes, when a comma
        stands before the verb (or its قد): "وكان وزير الاتصالات محمد جواد آذري جهرمي، قد صرح
        بأن"، "وكان مدير المرصد ، رامي عبد الرحمن ، قد أفاد"، 'وكانت فرقة "بوسي رايوت"
        المعارضة للرئيس، أعلنت مسؤوليتها' (fresh5 of issue 20: each was missed or given to the
        word after the verb). The subject is the noun phrase right after كان, or the name
        between the next two commas when it stands in apposition to a role."""
        if conjoined(self.norm(i)):
            return None  # "وكان الوزير قال إن روسيا كانت تكذب ...، [وأضاف]": a follow-on
        j = i - 1
        if self.norm(j) == "قد":
            j -= 1
        if self.norm(j) != ",":
            return None  # "وكان الجيش قد أعلن": head_before reads it
        k = j - 1
        while k >= max(floor, i - MAX_KANA_SPAN) and self.norm(k) not in KANA_FORMS:
            w = self.norm(k)
            if w in _TERMINAL or w == ":" or verb_info(w) is not None or w in self.L.relative or self.cue_at(k):
                return None  # another clause stands between
            k -= 1
        if k < max(floor, i - MAX_KANA_SPAN) or k + 1 >= j or (k > 0 and self.is_word(k - 1) and not conjoined(self.norm(k))):
            return None  # (a كان inside a clause: "إن روسيا كانت تكذب")
        head = self.speaker_np(k + 1, j)
        if head is None or not self.subject_like(head):
            return None
        if self.norm(head.end) == "," and head.role is not None:
            c = next((x for x in range(head.end + 1, j + 1) if self.norm(x) == ","), None)
            named = self._apposition_before(c, floor) if c is not None else None
            if named is not None and named.start == head.start:
                return named  # the role and the name after it
        return head

    def name_between_commas(self, a: int, h: int) -> _Head | None:
        """The person named between the last two commas of tokens ``[a, h)`` when a comma
        ends them (the complement follows): "نفى وزير المالية في حكومة نظام بشار الأسد ,
        [مأمون حمدان] , أن"، "وأوضح رئيس الفريق الهندسي في اللواء الخامس بالجيش اليمني،
        [الملازم سلطان شمسان]، أن" -- a name in apposition to a role too long for the head's
        rules, which fresh5 of issue 20 cut inside the role and gave the name to the content."""
        c = h - 1
        if c <= a or self.norm(c) != ",":
            return None
        c0 = next((x for x in range(c - 1, a - 2, -1) if self.norm(x) == ","), None)
        if c0 is not None and 0 < c - c0 - 1 <= 3 and all(self.norm(k) in _DAYS or self.norm(k) in _DAY_PARTS for k in range(c0 + 1, c)):
            # "، براءت ألبيراق، [الثلاثاء]، عن"، "، مقتدى الصدر، [الخميس]، إلى": a day between
            # commas after the name; the name is between the commas before it (the spent
            # splits of issue 20 gave such statements to the role, session 17)
            c = c0
            c0 = next((x for x in range(c - 1, a - 2, -1) if self.norm(x) == ","), None)
        if c0 is None:
            return None
        h0 = c0 + 1
        if self.norm(h0) == _QUOTE and self.norm(c - 1) == _QUOTE and 1 <= c - 1 - (h0 + 1) <= MAX_NAME_WORDS:
            # ', " ديمتري بيليك " ,': the name in quotation marks
            x, e = h0 + 1, c - 1
            if all(self.is_word(k) for k in range(x, e)) and self._person_starts(x):
                return _Head(x, e, (x, e), None, "person", None, False)
            return None
        if self.norm(h0) in self.L.honorifics and h0 + 1 < c:
            # "، [المهندس] يعرب القضاة،": the name's own title, a name after it (fresh6)
            h = h0 + max(1, self.title_at(h0))
            if self.honorific_name_end(h, c) == c:
                return _Head(h, c, (h, c), None, "person", None, False)
        x = h0 + self.title_at(h0)
        if not (1 <= c - x <= MAX_NAME_WORDS and all(self.is_word(k) for k in range(x, c)) and self._person_starts(x)):
            return None
        return self.parse_head(h0, c)

    def _apposition_before(self, c: int, floor: int) -> _Head | None:
        """"وكان وزير الخارجية الروسي، [سيرجي لافروف]، قال"، "يشار إلى أن رئيس الوزراء
        العراقي، [حيدر العبادي]، أكد": a name the recognizer ends at the comma ``c`` before
        the verb, with the role before it between commas; the whole of it is the subject.
        None unless the recognizer found a person there (a fresh2 statement went to the
        speaker before)."""
        p = next((k for k in range(max(floor, c - MAX_NAME_WORDS), c) if self.named.get(k, (0, ""))[0] == c and self.named[k][1] == "person"), None)
        if p is None:
            return None
        if p - 1 > floor and self.norm(p - 1) == ",":
            t = p - 2
            while t >= floor and p - t <= MAX_HEAD_WORDS and self.is_word(t) and not (
                self.is_complement(t) or self.norm(t) in self.L.boundary or self.norm(t) in self.L.relative or verb_info(self.norm(t)) or self.norm(t) in KANA_FORMS
            ):
                t -= 1
            head = self.speaker_np(t + 1, c) if t + 1 < p - 1 else None
            if head is not None and head.end == c and head.role is not None:
                return head
            return None
        # the name alone opens its clause ("لكن سيرجي لافروف، قال"), not the end of a
        # longer phrase ("ميركل، التي كانت تتحدث مع منافسها ... [مارتن شولتز]، تعهدت")
        if p == floor or p == 0 or self.is_complement(p - 1) or self.norm(p - 1) in self.L.boundary:
            return self.parse_head(p, c)
        return None

    def clause_subject(self, i: int, floor: int = 0) -> _Head | None:
        """The subject of a verb at ``i`` that reports nothing itself, who speaks in the
        participles after it: after the verb when it opens its clause ("من جهته، رحب
        الوزير فيصل المنصوري بالاتفاق، مؤكدا أن")، else before it ("لكن دميرتاش رد عبر
        تويتر بالقول إنها")؛ None when no speaker stands there."""
        if self.opens_clause(i) and self.norm(i - 1) != "قد":
            head = self.speaker_np(i + 1, self.n)
            if head is not None and self.speaker_like(head):
                return head
            if i > 0 and self.norm(i - 1) not in self.L.boundary:
                return None
        head = self.head_before(i, floor)
        if head is not None and self.subject_like(head):
            return head
        # "وفي وقت لاحق ردت المتحدثة ...": after a circumstance, the subject follows
        head = self.speaker_np(i + 1, self.n)
        return head if head is not None and self.speaker_like(head) else None

    def lead_subject(self, i: int) -> _Head | None:
        """The subject that opens the sentence before a first verb, for a verb joined to
        that clause at ``i`` whose own speaker is missing ("روسيا تستدعي السفير البريطاني
        [وتصف] المزاعم البريطانية بأنها «هراء»"); None when the sentence opens otherwise."""
        head = self.speaker_np(0, i)
        if head is None or head.end + 1 >= i or not self.speaker_like(head):
            return None
        w = self.norm(head.end)
        if not self.is_word(head.end) or w.startswith((ARTICLE, _AND_ARTICLE)) or w[:1].isdigit() or w in _PREPOSITIONS or w in self.L.boundary:
            return None
        return head

    def crowd_subject(self, i: int) -> _Head | None:
        """The people who open the sentence after its verb, for a plural participle of
        saying with no speaker of its own: "وتجمع [المحتجون] أمام البرلمان مرددين هتافات"،
        "وخرج [آلاف المتظاهرين] إلى الشوارع، مرددين شعارات" (issue 20: crowd participles)."""
        if not self.norm(i).endswith("ين") or i < 3 or not conjoined(self.norm(0)) or verb_info(self.norm(0)) is not None:
            return None
        head = self.speaker_np(1, i)
        if head is None or head.kind not in ("anonymous", "organisation"):
            return None
        people = any(_bare(self.norm(k)) in self.L.anonymous or self.norm(k) in self.L.anonymous for k in range(head.start, head.end))
        return head if people or self.speaker_like(head) else None  # ("آلاف [المتظاهرين]")

    def opening_verb_subject(self, i: int) -> _Head | None:
        """The person after the verb that opens the sentence, for a verb of saying joined to
        that clause after a comma with no speaker of its own ("بدأ الرئيس التركي رجب طيب
        أردوغان حملته الانتخابية، [وتعهد] بانتصار تاريخي": fresh4 of issue 20); only a
        person named or with a role, never a body (often the object of such a verb)."""
        if i < 3 or self.norm(i - 1) != "," or verb_info(self.norm(0)) is not None or not self.is_word(0):
            return None
        head = self.speaker_np(1, i)
        if head is None or head.kind != "person" or head.anaphor or (head.name is None and head.role is None):
            return None
        return head if self.speaker_like(head) else None

    def statement_owner(self, i: int, floor: int = 0) -> _Head | None:
        """Whose statement a verb without its own speaker reports when the clause opened
        with it ("وفي تصريح لـ[نائب رئيس الوزراء التركي، ويسي قايناق]، اليوم، قال إن")؛
        None when no statement noun with its owner stands before ``i``."""
        for k in range(max(floor, i - MAX_HEAD_WORDS - 4), i - 1):
            w = self.norm(k)
            if not (_bare(w) in self.L.statement_nouns or w in self.L.statement_nouns):
                continue
            nxt = self.norm(k + 1)
            if nxt in ("ل", "لـ"):
                head = self.speaker_np(k + 2, i)
            elif len(nxt) > 2 and nxt[0] == "ل" and not nxt.startswith(PREPOSITION_ARTICLE_MERGED):
                with self.without_preposition(k + 1):
                    head = self.speaker_np(k + 1, i)
                head = dataclasses.replace(head, conj=True) if head is not None else None
            else:
                continue
            if head is not None and self.speaker_like(head):
                return head
        return None

    def subject_within(self, head: _Head) -> _Head | None:
        """The speaker inside a phrase read back from a verb that is no speaker itself (a
        clause before the verb): the one right before the verb ("بعد ورود [تقارير] تفيد
        بأن")، else the first person the recognizer named ("ولوح [نتانياهو] بقطعة معدنية
        أوضح أنها"، "وجاء رد [ترامب] في تغريدة قال فيها")؛ None when none is there ("لم
        تعلن")."""
        first_person = None
        for k in range(head.start + 1, head.end):
            if not self.is_word(k):
                continue
            found = self.speaker_np(k, head.end)
            if found is None or not self.speaker_like(found) or found.kind == "country":
                continue
            if found.end == head.end and (found.kind == "anonymous" or found.role is not None):
                return found
            if first_person is None and found.kind == "person" and self.named.get(k, (0, ""))[1] == "person":
                first_person = found
        return first_person

    def subject_like(self, head: _Head) -> bool:
        """A head before its verb that is its subject: one that can speak
        (:meth:`speaker_like`), or a short name after a clause-opening word ("لكن دميرتاش
        رد"، "بينما ترامب قال") -- not the sentence's first words taken for a name ("ساد
        هدوء حذر")."""
        if self.speaker_like(head):
            return True
        prev = self.norm(head.start - 1)
        verb = self.norm(head.end)
        # "لكن دميرتاش رد"؛ a headline "نتانياهو يحذر إيران" (a present verb after a name)
        return head.kind == "person" and head.end - head.start <= 3 and not self.norm(head.start).startswith(ARTICLE) and (
            prev in self.L.boundary or prev == "," or (head.start == 0 and verb[:1] in "يت")
        )

    def possessor_before(self, r: int, floor: int = 0) -> _Head | None:
        """"على تصريحات محافظ العاصية إياد الحسن، التي زعم فيها أن": the speaker is whose
        statement (``data/attribution_cues.txt`` [statement]) the relative pronoun at ``r``
        refers to; None when no statement noun stands close before it."""
        b = r - 1 if self.norm(r - 1) == "," else r
        k = b - 1
        while k >= floor and b - k <= MAX_HEAD_WORDS and self.is_word(k):
            if _bare(self.norm(k)) in self.L.statement_nouns or self.norm(k) in self.L.statement_nouns:
                return self.parse_head(k + 1, b) if k + 1 < b else None
            k -= 1
        return None

    def follow_on_allowed(self, i: int) -> bool:
        """A bare verb continues the previous speaker at the start of a sentence, after a
        framing phrase and a comma ("من جهته، قال")، after a comma ("...، وأضاف قائلا:")
        or after a closed quotation."""
        if i == 0:
            return True
        prev = self.norm(i - 1)
        if prev == "," or prev in _TERMINAL or prev in _PRONOUN_OPENERS:
            return True  # "...، وأضاف"؛ "لكنه قال إن": the pronoun is the speaker before
        if prev in ("فقد", "وقد") and (i == 1 or self.norm(i - 2) in (",", *_TERMINAL)):
            return True  # "...، فقد قال إن الكنيسة ..." (fresh3)
        if prev == _QUOTE and any(c == i - 1 for c in self.closer.values()):
            return True
        before = verb_info(prev)
        if before is not None and before[1].kind == "say" and (conjoined(prev) or i == 1 or self.norm(i - 2) in (",", *_TERMINAL)):
            return True  # "وخلص يقول «...»": a verb of saying that opens the clause before it
        for phrase in self.L.framing:
            if i == len(phrase) and all(self.norm(k) == w or self.norm(k) == "و" + w for k, w in enumerate(phrase)):
                return True
        return False
