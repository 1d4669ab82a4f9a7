"""Speaker heads: where a speaker is named around a verb or cue, and what the head holds
(a title and its role, a name, an organisation, a country, an anonymous source)."""

from __future__ import annotations

from khabar.extract.attribution.lists import _PREPOSITIONS, _PRONOUN_PREPOSITIONS, _QUOTE, _TERMINAL, _bare, verb_info
from khabar.extract.attribution.sources import MAX_HEAD_WORDS, MAX_NAME_WORDS, Source
from khabar.extract.attribution.tokens import _Head, _Tokens
from khabar.extract.titles import ROLE_LINKS, ROLE_OWNERS


class _Sentence(_Tokens):
    """A sentence with the head-level rules: titles, roles, heads before and after a verb."""

    def title_at(self, i: int) -> int:
        """Length of the longest title at token ``i`` (with or without the article)."""
        w = self.norm(i)
        for title in self.L.titles.get(_bare(w), ()):
            if _bare(title[0]) == _bare(w) and all(self.norm(i + k) == x for k, x in enumerate(title[1:], 1)):
                return len(title)
        return 0

    def role_continues(self, i: int, end: int) -> int:
        """How many tokens from ``i`` extend a role: its genitive and adjectives.

        "وزير الخارجية [الروسي]"، "مدير [المرصد]"، "الأمين العام [للأمم المتحدة]"، "اللواء
        [بجيش النظام]"، "المتحدث باسم [الرئاسة الروسية]"، "مبعوث الأمم المتحدة الخاص [إلى سوريا]".
        A name starts at the first word without the article that is not one of these.
        """
        j = i
        while j < end:
            w = self.norm(j)
            if w == _QUOTE and j in self.closer and self.closer[j] < end:
                j = self.closer[j] + 1  # المتحدث باسم «الكرملين»
            elif j > 0 and self.norm(j - 1) == "باسم" and self.is_word(j):
                j += 1  # المتحدث باسم الكرملين / باسم الخارجية
            elif w.startswith("ال") or w.startswith("لل") or w in self.L.nationalities:
                j += 1
            elif w in ROLE_OWNERS:
                j += 1
            elif w == "باسم" and j + 1 < end:
                j += 2
            elif (w in ROLE_LINKS or w == "لشءون") and j + 1 < end:
                j += 2
            elif len(w) >= 4 and w[0] in "لب" and j + 1 < end and self.norm(j + 1).startswith("ال"):
                j += 1
            else:
                break
        return j - i

    def parse_head(self, a: int, b: int) -> _Head | None:
        """The speaker in tokens ``[a, b)`` (a head already cut at its stop), or None."""
        if b - a >= 2 and self.norm(b - 1) in self.L.countries and self.title_at(a) == 0 and (
            b - a > 2 or self.norm(a) in self.L.countries or _bare(self.norm(a)) in self.L.organisation
        ):
            # "اتهم مصدر في المعارضة السورية روسيا بأنها"، "وحذرت فرنسا روسيا من أنها": the
            # country after the speaker is the verb's object
            b -= 1
        toks = [j for j in range(a, b) if self.is_word(j)]
        if not toks or self.norm(a) in _PRONOUN_PREPOSITIONS or self.norm(a) in _PREPOSITIONS or self.norm(a) in self.L.boundary:
            return None  # "التي زعم فيها أن": no speaker after the verb
        first = self.norm(a)
        L = self.L
        # anonymous, indefinite: "مصدر عسكري رفيع المستوى"، "مسؤول بارز في المعارضة"
        two = f"{first} {self.norm(a + 1)}"
        indefinite = not first.startswith("ال") and not (
            b - a >= 2 and self.norm(a + 1).startswith("ال") and not self._nisba(a + 1)
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
                while r_end < b - 1 and self.norm(r_end).startswith("ال"):
                    r_end += 1  # a name does not start with the article: "[النهر] عبدالكريم السعدي"
            name = (r_end, min(b, r_end + MAX_NAME_WORDS)) if r_end < b else None
            org = self._organisation(a, t, r_end)
            return _Head(a, name[1] if name else r_end, name, (a, r_end), "person", org, name is None)
        # anonymous, definite: "المصدر العسكري السوري"، "المسؤول" mention a speaker again; a
        # head defined by its genitive ("مسؤول المعارضة"، "مسؤول الجبهة الشامية") describes
        # one afresh and is kept as written (it may be someone named but never quoted before)
        if first in L.anonymous or _bare(first) in L.anonymous:
            return _Head(a, b, None, None, "anonymous", None, b - a <= 3 and first.startswith("ال"))
        # name first: "يان إيغلاند مستشار الأمم المتحدة ..."، "ملاحفجي رئيس المكتب السياسي"
        for p in range(a + 1, min(b, a + MAX_NAME_WORDS + 1)):
            if not first.startswith("ال") and (t := self.title_at(p)):
                # after a name the role runs to the end of the head: "ستيفان دوجاريك المتحدث
                # باسم بان كي مون"، "ملاحفجي رئيس المكتب السياسي لتجمع فاستقم"
                return _Head(a, b, (a, p), (p, b), "person", self._organisation(p, t, b), False)
        # no title: an institution, a country or a bare name
        bare = _bare(first)
        if first in L.organisation or bare in L.organisation or two in L.organisation or f"{first} {self.norm(a + 1)}" in L.organisation:
            return _Head(a, b, None, None, "organisation", None, b - a == 1)
        if b - a == 1 and (first in L.countries or (first[0] in "وفبل" and first[1:] in L.countries)):
            return _Head(a, b, None, None, "country", None, False)
        if first.startswith("ال"):
            return _Head(a, b, None, None, "organisation", None, b - a == 1)
        if b - a <= MAX_NAME_WORDS:
            return _Head(a, b, (a, b), None, "person", None, b - a == 1)
        return _Head(a, b, None, None, "organisation", None, False)

    def _nisba(self, i: int) -> bool:
        w = self.norm(i)
        return w in self.L.nationalities or w.endswith("ي") or w.endswith("يه")

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
        if first.startswith("لل"):
            text = "ال" + text[2:]  # "للأمم المتحدة" -> "الأمم المتحدة"
        elif first.startswith("بال") or (first[:1] in "لب" and (first[1:] in self.L.organisation or "ال" + first[1:] in self.L.organisation)):
            text = text[1:]  # "بالمعارضة السورية"، "بجيش النظام"
        return text or None

    def source(self, head: _Head) -> Source:
        if head.name:
            a, b = head.name
        else:
            a, b = head.start, head.end
        while b > a and not self.is_word(b - 1):
            b -= 1
        text = self.span_text(a, b).strip('"«»“”')
        start = self.toks[a].start
        if self.toks[a].text in '"«»“”':
            start = self.toks[a + 1].start
        role = self.span_text(*head.role) if head.role else None
        return Source(
            text=text,
            start=start,
            end=start + len(text),
            role=role,
            kind=head.kind,
            organisation=head.organisation,
            definite_only=head.definite_only,
        )

    # -- complements and content --

    def head_before(self, i: int, floor: int = 0) -> _Head | None:
        """A subject-first speaker ending right before the verb at ``i`` and not before
        token ``floor`` (the end of the previous attribution's cue or verb)."""
        j = i - 1
        if j >= 0 and self.norm(j) in self.L.relative and self.norm(i + 1) in _PRONOUN_PREPOSITIONS:
            return self.possessor_before(j, floor)  # "تصريحات المحافظ، التي زعم فيها أن"
        if j >= 0 and self.norm(j) in self.L.relative:
            j -= 1  # "المرصد ... الذي اعتبر أن"
        elif j > floor and self.norm(j) == "قد" and self.is_word(j - 1):
            j -= 1  # "وكان الجيش السوري قد أعلن أن": the subject stands between كان and قد
        b = j + 1
        k = j
        while k >= floor and b - k <= MAX_HEAD_WORDS:
            w = self.norm(k)
            if not self.is_word(k) or w in self.L.boundary or verb_info(w) is not None or self.cue_at(k) or w in self.L.relative:
                break
            k -= 1
        a = k + 1
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
        if a == floor or self.norm(a - 1) in self.L.boundary or self.norm(a - 2) in _PREPOSITIONS or self.norm(a - 1) in ",:" or self.norm(a - 1) in self.L.relative:
            head = self.parse_head(a, b)
            return head
        return None

    def subject_after(self, i: int) -> _Head | None:
        """The subject right after a clause-opening verb at ``i`` that reports nothing itself
        ("رحب وزير الخارجية فيصل المنصوري [بالاتفاق]"): the head up to its stop, a preposition
        or a prepositional object; None when there is no head there."""
        a = i + 1
        b = self.head_end(a, self.n)
        for k in range(a + 1, b):
            w = self.norm(k)
            if w in _PREPOSITIONS or w.startswith(("بال", "لل")) or (w[:1] == "ب" and self.norm(k + 1).startswith("ال")):
                b = k
                break
        if b <= a:
            return None
        if not self.title_at(a):
            # no title: the verb's object may follow the subject with no preposition
            # ("وهاجم الأسد مشاركة قوات أجنبية"). An indefinite first word keeps its definite
            # genitive ("وزارة الخارجية"، "مكتب الأمم المتحدة"); a definite or bare first
            # word keeps only adjectives and a listed two-word institution ("الأمم المتحدة")
            construct = not self.norm(a).startswith("ال") and self.norm(a) in self.L.anonymous | self.L.organisation
            k = a + 1
            adjective = False  # after an adjective, a definite noun is the object again
            while k < b:
                w = self.norm(k)
                if self._nisba(k) or f"{self.norm(k - 1)} {w}" in self.L.organisation:
                    adjective = adjective or self._nisba(k)
                    k += 1
                elif construct and not adjective and w.startswith(("ال", "لل")):
                    k += 1
                elif not w.startswith("ال") and not self.norm(a).startswith("ال") and k - a < 3 and not construct:
                    k += 1  # a name of two or three words: "زكريا ملاحفجي"
                else:
                    break
            b = k
        head = self.parse_head(a, b)
        if head is None or (head.kind == "person" and head.name is None and head.role is None):
            return None
        if head.name and head.role and head.name[1] - head.name[0] > 2:
            # "أدان الوزير فيصل المنصوري الهجوم": a definite noun after a two-word name is
            # the verb's object, unless it is a family name ("عبد الكريم السعدي")
            n0, n1 = head.name
            while n1 - n0 > 2 and self.norm(n1 - 1).startswith("ال") and not self._nisba(n1 - 1):
                n1 -= 1
            head = _Head(head.start, n1, (n0, n1), head.role, head.kind, head.organisation, head.definite_only)
        return head

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
        if prev == "," or prev in _TERMINAL:
            return True
        if prev == _QUOTE and any(c == i - 1 for c in self.closer.values()):
            return True
        for phrase in self.L.framing:
            if i == len(phrase) and all(self.norm(k) == w or self.norm(k) == "و" + w for k, w in enumerate(phrase)):
                return True
        return False
