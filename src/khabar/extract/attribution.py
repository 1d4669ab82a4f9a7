"""Who says so: attribution of statements and figures in Arabic news sentences.

Shared by the quote extractor (:mod:`khabar.extract.quotes`) and the numeric claims: both
need to know, for a span of a sentence, the speaker or source it is attributed to.

News Arabic attributes in a few fixed shapes, all handled here on word tokens of one
sentence (:func:`khabar.text.ar.tokenize.tokenize`, normalized forms, offsets as written):

* verb first, the commonest: "وقال وزير الخارجية الروسي سيرجي لافروف إن ..."، with the
  complement after the speaker: إن/أن (or a pronoun form إنه، أنها، بأن)، a colon
  ("قال مصدر ...: إن" indirect, "وأضاف: الوقت محدود" direct), a quotation mark, or the
  verb's own preposition ("أشار ... إلى أن"، "حذر ... من أن"، "أعرب ... عن قلقه");
* subject first: "لكن مسؤول المعارضة قال إن"، "المرصد ... الذي اعتبر أن"، "أما الكرملين، فأكد أن";
* cues without a quote verb: "بحسب"، "وفق ما أفاد"، "حسبما ذكرت"، "نقلا عن"، "على لسان";
* participles that continue the same speaker: "مضيفا أن"، "مشددا على أن"؛
* bare verbs that continue the previous speaker: "وأضاف أن"، "وتابع: ..." (a *follow-on*;
  this module marks it, :mod:`khabar.extract.quotes` resolves it across the article).

The speaker's head ends where circumstance begins (a comma, "في تصريحات"، "لرويترز"، "أمس"،
a relative pronoun ...: the ``[stop]`` entries of ``data/attribution_cues.txt``); its
title/role is separated with ``data/titles.txt`` (longest title, then its genitive
complement and nationality adjective: "وزير الخارجية الروسي"، "مدير المرصد"، "المتحدث باسم
الكرملين"), before or after the name.  Every word this module knows is in
``data/reporting_verbs.txt`` and ``data/attribution_cues.txt``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from khabar.extract.titles import ROLE_LINKS, ROLE_OWNERS, titles_by_first_word, without_article
from khabar.text.ar.lexicon import read_fields, read_tagged
from khabar.text.ar.tokenize import Token, tokenize

SourceKind = Literal["person", "organisation", "anonymous", "country"]

#: How far (in tokens, punctuation included) a complement may stand after its verb.
MAX_COMPLEMENT_DISTANCE = 32
#: A speaker's head is at most this many word tokens.
MAX_HEAD_WORDS = 12
#: A person's name is 1 to this many words.
MAX_NAME_WORDS = 4
#: Before a preposition that opens the statement ("أعرب ... عن")، the speaker is this short.
MAX_REST_HEAD_WORDS = 7
#: A cue attributes at least this many words ("جاء ذلك على لسان" attributes nothing here).
MIN_CUE_STATEMENT_WORDS = 3
#: A headline speaker before its colon ("المجلس المحلي: ...") is at most this many words.
MAX_HEADLINE_SPEAKER_WORDS = 5
#: A quotation of at most this many words inside a speaker's head is a quoted name
#: (المتحدث باسم «الكرملين»)، not a statement.
MAX_QUOTED_NAME_WORDS = 3


@dataclass(frozen=True, slots=True)
class Source:
    """Who a statement or figure is attributed to, as written in the sentence.

    ``text`` is the speaker without its title when a title was separated ("سيرجي لافروف"),
    else the whole head ("مصدر عسكري رفيع المستوى"، "المرصد السوري لحقوق الإنسان");
    ``start``/``end`` are its offsets in the text given to :func:`find_source` (for a
    source resolved from an earlier mention, the offsets of that mention in its own text).
    """

    text: str
    start: int
    end: int
    role: str | None = None
    kind: SourceKind = "person"
    organisation: str | None = None
    #: True when the head only names a role or a known speaker again ("وأضاف المتحدث"،
    #: "وأوضح المسؤول"، "وقال لافروف"): a follow-on candidate for the quote extractor.
    definite_only: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution found in a sentence (offsets into that sentence).

    ``source`` is ``None`` for a follow-on ("وأضاف أن"): the speaker is the previous one.
    ``content_start``/``content_end`` delimit what is said (inside quotation marks when
    ``direct``); ``verb`` is the reporting verb or cue as written.
    """

    source: Source | None
    verb: str
    verb_start: int
    verb_end: int
    content_start: int
    content_end: int
    direct: bool = False
    #: "verb", "participle" (same speaker as earlier in the sentence), "cue".
    via: Literal["verb", "participle", "cue"] = "verb"
    #: False when the sentence names a source but reports no statement of it: a cue
    #: ("بحسب المرصد")، a verb of believing or estimating ("ويرى محللون أن"، "وتقدر الأمم
    #: المتحدة")، or a verb whose object is a noun, not a clause ("داعيا إلى تحقيق"،
    #: "محذرا من «كارثة»"، "وتحدث ناشطون عن تحليق"). Figures still take their source
    #: from it; the quote extractor skips it.
    statement: bool = True


# --- word lists ------------------------------------------------------------------------

_PRONOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "كم")
_QUOTE = '"'
_PRONOUN_PREPOSITIONS = frozenset("فيه فيها فيهم له لها لهم عنه عنها عنهم منه منها به بها عليه عليها".split())
_PREPOSITIONS = frozenset("في وفي علي وعلي من ومن الي والي عن مع ومع لدي وسط ووسط".split())
_TERMINAL = frozenset(".!?")
_HEAD_BREAK = frozenset(',;:-()[]"')


@dataclass(frozen=True, slots=True)
class _Verb:
    kind: str  # say, participle, strict
    preps: tuple[str, ...]
    impersonal: bool
    noquote: bool = False  # believing, estimating, expressing a feeling: a source, never a quote
    relay: bool = False  # "نقل X عن Y قوله «...»": the preposition names a source, not an object


@dataclass(frozen=True, slots=True)
class _Lists:
    verbs: dict[str, _Verb]
    cues: dict[str, tuple[tuple[str, ...], ...]]  # first word -> phrases, longest first
    anonymous: frozenset[str]
    organisation: frozenset[str]
    stops: dict[str, tuple[tuple[str, ...], ...]]
    relative: frozenset[str]
    adjectives: frozenset[str]
    framing: tuple[tuple[str, ...], ...]
    boundary: frozenset[str]
    titles: dict[str, tuple[tuple[str, ...], ...]]  # first word without ال -> titles
    countries: frozenset[str]
    nationalities: frozenset[str]
    statement_nouns: frozenset[str]  # تصريحات، بيان: "تصريحات X، التي زعم فيها أن"
    stance: frozenset[str]  # verbs of stance (رحب، ندد): their subject speaks through a participle


def _by_first(phrases: list[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in index.items()}


_bare = without_article


def _every_field(name: str) -> frozenset[str]:
    """Every field of a "a | b | c" list (every spelling of every country, nationality)."""
    return frozenset(f for fields in read_fields(name) for f in fields)


@lru_cache(maxsize=1)
def _lists() -> _Lists:
    verbs: dict[str, _Verb] = {}
    stance: set[str] = set()
    for kind, rest in ((e.tag, e.phrase) for e in read_tagged("reporting_verbs")):
        form, *preps = rest.split()
        if kind == "stance":
            stance.add(form)
            continue
        preps_t = tuple(p.lstrip("+") for p in preps)
        old = verbs.get(form)
        if kind == "impersonal":
            base = old or _Verb("say", (), False)
            verbs[form] = dataclasses.replace(base, preps=tuple({*preps_t, *base.preps}), impersonal=True)
        elif kind == "relay":
            if old is None:
                raise ValueError(f"data/reporting_verbs.txt: [relay] {form} is not listed as a verb first")
            verbs[form] = dataclasses.replace(old, relay=True)
        elif kind == "noquote":
            # a flag on a form listed as [say] or [participle]: it still names a source
            if old is None:
                raise ValueError(f"data/reporting_verbs.txt: [noquote] {form} is not listed as a verb first")
            verbs[form] = dataclasses.replace(old, preps=tuple({*preps_t, *old.preps}), noquote=True)
        elif old is None:
            verbs[form] = _Verb(kind, preps_t, False)
        else:
            verbs[form] = dataclasses.replace(old, kind=kind, preps=tuple({*preps_t, *old.preps}))
    groups: dict[str, list[tuple[str, ...]]] = {}
    for kind, phrase in ((e.tag, e.phrase) for e in read_tagged("attribution_cues")):
        groups.setdefault(kind, []).append(tuple(phrase.split()))
    return _Lists(
        verbs=verbs,
        cues=_by_first(groups.get("cue", [])),
        anonymous=frozenset(" ".join(p) for p in groups.get("anonymous", [])),
        organisation=frozenset(" ".join(p) for p in groups.get("organisation", [])),
        stops=_by_first(groups.get("stop", [])),
        relative=frozenset(p[0] for p in groups.get("relative", [])),
        adjectives=frozenset(p[0] for p in groups.get("adjective", [])),
        framing=tuple(groups.get("framing", [])),
        boundary=frozenset(p[0] for p in groups.get("boundary", [])),
        titles=titles_by_first_word(),
        countries=_every_field("countries"),
        nationalities=_every_field("nationalities"),
        stance=frozenset(stance),
        statement_nouns=frozenset(p[0] for p in groups.get("statement", [])),
    )


def verb_info(word: str) -> tuple[str, _Verb] | None:
    """The reporting verb a normalized token is (its listed form), or None.

    One leading conjunction و or ف is allowed ("وقال"، "فأكد").
    """
    verbs = _lists().verbs
    if word in verbs:
        return word, verbs[word]
    if len(word) > 3 and word[0] in "وف" and word[1:] in verbs:
        return word[1:], verbs[word[1:]]
    return None


def _complement_at(word: str) -> bool:
    """إن/أن/بأن with or without a pronoun suffix (إنه، أنها، بأنهم)."""
    for base in ("ان", "بان", "وان"):
        if word.startswith(base) and word[len(base) :] in _PRONOUN_SUFFIXES:
            return not (base == "وان" and word == "وان")
    return False


def _prep_matches(word: str, prep: str) -> bool:
    return word == prep or (prep == "الي" and word == "لي")


# --- the sentence scanner ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Head:
    """A parsed speaker head: token index ranges into the sentence's token list."""

    start: int  # first token of the head
    end: int  # one past its last token
    name: tuple[int, int] | None
    role: tuple[int, int] | None
    kind: SourceKind
    organisation: str | None
    definite_only: bool


class _Sentence:
    """Tokens of one sentence and the helpers the rules share."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[Token] = tokenize(text, punctuation=True)
        self.n = len(self.toks)
        self.L = _lists()
        # pair quotation marks: token index of opener -> closer (or n when unclosed)
        self.closer: dict[int, int] = {}
        opened: int | None = None
        for i, t in enumerate(self.toks):
            if t.norm == _QUOTE:
                if opened is None:
                    opened = i
                else:
                    self.closer[opened] = i
                    opened = None
        if opened is not None and self.toks[opened].text not in "»”":
            self.closer[opened] = self.n

    def norm(self, i: int) -> str:
        return self.toks[i].norm if 0 <= i < self.n else ""

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.toks[i].norm[:1].isalnum()

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.toks[a].start : self.toks[b - 1].end]

    def phrase_at(self, i: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        """Length of the longest phrase of ``index`` starting at token ``i`` (0 if none)."""
        for phrase in index.get(self.norm(i), ()):
            if all(self.norm(i + k) == w for k, w in enumerate(phrase)):
                return len(phrase)
        return 0

    def cue_at(self, i: int) -> int:
        """Length of the attribution cue at ``i`` (a leading و or ف is allowed)."""
        k = self.phrase_at(i, self.L.cues)
        if k:
            return k
        w = self.norm(i)
        if w[:1] in "وف" and len(w) > 3:
            for phrase in self.L.cues.get(w[1:], ()):
                if all(self.norm(i + k) == x for k, x in enumerate(phrase[1:], 1)):
                    return len(phrase)
        return 0

    def joined(self, i: int) -> bool:
        """A hyphen inside a name, with no space either side ("جان-لوك")."""
        t = self.toks
        return 0 < i < self.n - 1 and t[i - 1].end == t[i].start and t[i].end == t[i + 1].start

    def stop_at(self, i: int) -> bool:
        w = self.norm(i)
        if w == "-" and self.joined(i):
            return False
        if not w or w in _HEAD_BREAK or w in _TERMINAL:
            return True
        if self.phrase_at(i, self.L.stops):
            return True
        if verb_info(w) is not None or self.is_complement(i):
            return True
        return False

    def is_complement(self, i: int) -> bool:
        """إن/أن at token ``i`` ("بان" before "كي" is the name بان كي مون, not بأن)."""
        w = self.norm(i)
        return _complement_at(w) and not (w == "بان" and self.norm(i + 1) == "كي")

    # -- titles and heads --

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

    def head_end(self, a: int, limit: int) -> int:
        """Where a speaker head starting at ``a`` ends (exclusive), at most ``limit``."""
        j = a
        words = 0
        while j < limit and words < MAX_HEAD_WORDS:
            if self.norm(j) == _QUOTE and j in self.closer:
                close = self.closer[j]
                inner = close - j - 1
                # a quoted name inside the head: المتحدث باسم «الكرملين» ديمتري بيسكوف
                if 0 < inner <= MAX_QUOTED_NAME_WORDS and close + 1 < limit and self.is_word(close + 1):
                    j = close + 1
                    continue
                break
            if self.stop_at(j):
                break
            j += 1
            words += 1
        return j

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
        j = i + 1
        while j < limit:
            w = self.norm(j)
            if w in _TERMINAL:
                break
            if w == _QUOTE and j in self.closer:
                close = self.closer[j]
                if (
                    0 < close - j - 1 <= MAX_QUOTED_NAME_WORDS
                    and close + 1 < self.n
                    and (self.is_word(close + 1) or self.norm(close + 1) == ",")
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
            if self.is_complement(j):
                found = ("indirect", j, j)
                break
            for prep in verb.preps:
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
            info = verb_info(w)
            if info is not None and j > i + 1 and info[1].kind in ("say", "participle") and w not in ("قاءلا", "قاءله"):
                break
            j += 1
        if rest_at is not None and (found is None or found[1] - rest_at > 8):
            # "أعرب X عن قلقه": X must be a short head that runs right up to the preposition
            # ("ساد هدوء حذر حي وادي النهر ... من صباح اليوم" is no statement)
            head_words = sum(1 for k in range(i + 1, rest_at) if self.is_word(k))
            stop = self.head_end(i + 1, rest_at)
            # the head may be followed by a short circumstance: "بان كي مون [في وقت سابق] عن"
            circumstance = stop < rest_at and rest_at - stop <= 4 and self.phrase_at(stop, self.L.stops) > 0
            # and the verb opens its clause ("هدوء حذر" is an adjective after a noun)
            opens = i == 0 or stop == i + 1 or self.norm(i)[:1] in "وف" or not self.is_word(i - 1) or self.norm(i - 1) in self.L.boundary or self.norm(i - 1) in self.L.relative
            if rest_at == i + 1 or opens and ((stop == rest_at or circumstance) and head_words <= MAX_REST_HEAD_WORDS + 4 * circumstance):
                return "rest", rest_at, rest_at
            return None if found is None else found
        if rest_at is not None and found is not None and found[0] == "direct":
            return "direct", rest_at, found[2]  # "وتحدث المرصد عن «وجود جثث ...»"
        return found

    def content_end(self, j: int) -> int:
        """Token index where an indirect statement starting at ``j`` ends: the sentence end,
        or a comma before a participle or a coordinated reporting verb ("، مضيفا أن"،
        "، وأضاف أنه")، or a و-prefixed reporting verb."""
        while j < self.n:
            w = self.norm(j)
            if w == _QUOTE and j in self.closer:
                j = self.closer[j] + 1
                continue
            if w in _TERMINAL and not self.is_word(j + 1) and j + 1 >= self.n:
                return j
            if w == "," and j + 1 < self.n:
                nxt = self.norm(j + 1)
                info = verb_info(nxt)
                if info and (info[1].kind == "participle" or nxt[0] in "وف"):
                    return j
                if nxt in ("بينما", "فيما") or (nxt == "في" and self.norm(j + 2) == "حين"):
                    return j
                if self.cue_at(j + 1):
                    return j
            elif j > 0 and w[:1] in "وف" and (info := verb_info(w)) and info[1].kind == "say" and self.norm(j - 1) != ",":
                if self.complement(j, info[1]) is not None:
                    return j
            j += 1
        return self.n

    def char_span(self, a: int, b: int) -> tuple[int, int]:
        """Offsets of tokens [a, b) without surrounding punctuation and spaces."""
        while a < b and self.norm(a) in ",:;-" + _QUOTE and not (self.norm(a) == _QUOTE and a in self.closer):
            a += 1
        while b > a and (self.norm(b - 1) in ",:;-." or (self.norm(b - 1) == _QUOTE and self.norm(b - 1) not in self.closer)):
            if self.norm(b - 1) == _QUOTE and any(o < b - 1 and c == b - 1 for o, c in self.closer.items() if o >= a):
                break
            b -= 1
        if a >= b:
            return self.toks[a].start if a < self.n else len(self.text), self.toks[a].start if a < self.n else len(self.text)
        return self.toks[a].start, self.toks[b - 1].end

    # -- heads before the verb --

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


def _scan(text: str) -> tuple[_Sentence, list[Attribution]]:
    s = _Sentence(text)
    out: list[Attribution] = []
    i = 0
    floor = 0  # a subject-first speaker never reaches back past the previous attribution
    subject: _Head | None = None  # of a clause-opening verb that reported nothing itself
    main = 0  # attributions of the sentence's own clauses (not inside a relative clause)
    while i < s.n:
        w = s.norm(i)
        if w == _QUOTE and i in s.closer:
            i = s.closer[i] + 1
            continue
        if (w in s.L.stance or (len(w) > 3 and w[0] in "وف" and w[1:] in s.L.stance)) and s.follow_on_allowed(i):
            subject = s.subject_after(i)  # "من جهته، رحب الوزير فيصل المنصوري بالاتفاق، مؤكدا أن"
            i += 1
            continue
        k = s.cue_at(i)
        if k:
            floor = i + k
            att, i = _cue(s, i, k, out[-1].content_start if out else 0)
            if att:
                out.append(att)
            continue
        info = verb_info(w)
        if info is None:
            i += 1
            continue
        att, nxt = _verb(s, i, info[1], main > 0, floor, subject)
        if att:
            out.append(att)
            floor = i + 1
            if s.norm(i - 1) in s.L.relative and s.norm(i + 1) in _PRONOUN_PREPOSITIONS:
                pass  # "..., التي زعم فيها أن": inside a noun phrase; a participle after it
                # belongs to the sentence's own subject
            else:
                main += 1
                subject = None
        elif info[1].kind != "participle" and s.follow_on_allowed(i):
            # "وطالب المجلس المحلي، في بيان، الأمم المتحدة بضمان ...، مؤكدا أن": a verb
            # with a noun object still names who speaks in the participles after it
            subject = s.subject_after(i)
        i = max(nxt, i + 1)
    return s, out


def _cue(s: _Sentence, i: int, k: int, before_from: int = 0) -> tuple[Attribution | None, int]:
    """"بحسب المرصد"، "وفق ما أفاد المرصد ...": the source follows the cue; what it
    attributes is the rest of the sentence (or, for a cue at the end, what precedes it)."""
    a = i + k
    w = s.norm(a)
    if s.norm(a - 1) in ("ما", "لما") and (verb_info(w) or verb_info(w[:-1]) or verb_info(w[:-2])):
        a += 1  # "بحسب ما أعلنته وزارة الصحة": the cue's own verb, with its pronoun
    if s.norm(a) in ("به", "بها", "عنه"):
        a += 1  # "وفق ما أفاد به سكان"
    b = s.head_end(a, s.n)
    head = s.parse_head(a, b) if b > a else None
    if head is None:
        return None, a
    end_tok = b
    # a relative clause after the source belongs to it ("المرصد ... الذي اعتبر أن")
    if s.norm(b) in s.L.relative:
        return _cue_att(s, i, k, head, before=True, before_from=before_from), b + 1
    return _cue_att(s, i, k, head, before=i > 2, before_from=before_from), end_tok


def _cue_att(s: _Sentence, i: int, k: int, head: _Head, *, before: bool, before_from: int = 0) -> Attribution | None:
    if before and i > 0:
        # "وأفادت مصادر بأن X، حسب ما أعلنه الهلال الأحمر": X, not the first attribution
        first = next((j for j in range(s.n) if s.toks[j].start >= before_from), 0)
        c0, c1 = s.char_span(first, i)
    else:
        c0, c1 = s.char_span(head.end, s.content_end(head.end))
    c0, c1 = _trim(s.text, c0, c1)
    if len(s.text[c0:c1].split()) < MIN_CUE_STATEMENT_WORDS:
        return None  # "جاء ذلك على لسان ...": the statement is elsewhere
    return Attribution(
        source=s.source(head),
        verb=s.span_text(i, i + k),
        verb_start=s.toks[i].start,
        verb_end=s.toks[i + k - 1].end,
        content_start=c0,
        content_end=c1,
        direct=False,
        via="cue",
        statement=False,
    )


def _verb(
    s: _Sentence, i: int, verb: _Verb, has_previous: bool, floor: int = 0, subject: _Head | None = None
) -> tuple[Attribution | None, int]:
    """An attribution at the verb ``i``; a participle takes the previous attribution's
    speaker (``source=None``) or, failing one, the ``subject`` of a clause-opening verb."""
    comp = s.complement(i, verb)
    if comp is None:
        if verb.kind == "participle" and (has_previous or subject is not None) and s.norm(i - 1) == ",":
            # "مناشدا كافة الأطراف العمل على حماية المدنيين": the rest is the statement
            end = s.content_end(i + 1)
            c0, c1 = s.char_span(i + 1, end)
            if c1 > c0:
                return _att(s, i, None if has_previous else subject, c0, c1, False, "participle", statement=False), end
        return None, i + 1
    kind, h_end, c_tok = comp
    head: _Head | None = None
    if verb.kind == "participle":
        if not has_previous:
            if subject is None:
                return None, i + 1
            head = subject
    else:
        first = i + 2 if s.norm(i + 1) in _PRONOUN_PREPOSITIONS else i + 1  # "عبر فيها القادة عن"
        stop = s.head_end(first, h_end)
        head = s.parse_head(first, stop) if stop > first else None
        if head is not None and (head.role and not head.name) and s.norm(stop) == ",":
            # "وزير الخارجية الروسي، سيرجي لافروف، أمس، أن": the name after the comma
            nb = s.head_end(stop + 1, h_end)
            if 0 < nb - stop - 1 <= MAX_NAME_WORDS and not s.title_at(stop + 1):
                named = s.parse_head(stop + 1, nb)
                if named is not None and named.kind == "person" and named.name:
                    head = _Head(head.start, nb, named.name, head.role, "person", head.organisation, False)
        elif head is not None and head.name and not head.role and s.norm(stop) == ",":
            # "زيد الصالح، رئيس اللجنة الامنية في حلب، إنه"
            nxt = stop + 1
            if s.norm(nxt) in ("وهو", "وهي"):
                nxt += 1
            t = s.title_at(nxt)
            if t:
                r_end = s.head_end(nxt, h_end)
                head = _Head(head.start, head.end, head.name, (nxt, r_end), "person", s._organisation(nxt, t, r_end), False)
        if verb.kind == "strict" and kind not in ("indirect", "rest"):
            return None, i + 1
        if head is None:
            if verb.kind != "strict" or s.norm(i - 1) in s.L.relative:
                head = s.head_before(i, floor)
            if head is None and (verb.kind == "strict" or verb.impersonal or not s.follow_on_allowed(i)):
                return None, i + 1
        elif verb.kind == "strict" and h_end - i > 16:
            return None, i + 1
    # the statement; a noun object is none: "أعرب عن قلقه"، "وتحدث المرصد عن «وجود جثث»"
    statement = not verb.noquote and kind != "rest" and not (kind == "direct" and s.is_word(h_end) and not verb.relay)
    if verb.kind == "participle" and kind == "direct" and any(s.is_word(k) for k in range(i + 1, h_end)):
        statement = False  # "متهما المنظمة بالاعتماد على «إحصاءات قديمة»": a quoted noun
    direct = kind in ("direct", "colon")
    if kind == "direct":
        o = c_tok if s.norm(c_tok) == _QUOTE else c_tok + 1
        close = s.closer.get(o, s.n)
        c0 = s.toks[o].end
        c1 = s.toks[close].start if close < s.n else s.char_span(o + 1, s.n)[1]
        nxt = close + 1
    else:
        start = c_tok
        if kind == "indirect" and s.norm(start) in ("ان", "بان", "وان"):
            start += 1
        if kind == "indirect" and s.norm(start) == _QUOTE and start in s.closer:
            close = s.closer[start]
            after = close + 1
            if after >= s.n or not s.is_word(after) or s.content_end(after) == after:
                direct = True
                c0 = s.toks[start].end
                c1 = s.toks[close].start if close < s.n else s.char_span(start + 1, s.n)[1]
                return _att(s, i, head, c0, c1, True, "participle" if verb.kind == "participle" else "verb", statement=statement), close + 1
        end = s.content_end(start) if kind != "colon" else s.n
        c0, c1 = s.char_span(start, end)
        nxt = end
    c0, c1 = _trim(s.text, c0, c1)
    if c1 <= c0:
        return None, i + 1
    return _att(s, i, head, c0, c1, direct, "participle" if verb.kind == "participle" else "verb", statement=statement), nxt


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """Drop white space and stray punctuation around a statement."""
    while a < b and (text[a].isspace() or text[a] in "،,:;-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in "،,:;-."):
        b -= 1
    # an unpaired quotation mark at either end
    inner = text[a:b]
    marks = sum(inner.count(c) for c in '"«»“”')
    if marks % 2 == 1:
        if b > a and text[b - 1] in '"»”':
            b -= 1
        elif text[a] in '"«“':
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in "،,:;-."):
            b -= 1
    return a, b


def _att(s: _Sentence, i: int, head: _Head | None, c0: int, c1: int, direct: bool, via: str, *, statement: bool = True) -> Attribution:
    return Attribution(
        source=s.source(head) if head else None,
        verb=s.toks[i].text,
        verb_start=s.toks[i].start,
        verb_end=s.toks[i].end,
        content_start=c0,
        content_end=c1,
        direct=direct,
        via=via,  # type: ignore[arg-type]
        statement=statement,
    )


def full_name(text: str, surname: str) -> Source | None:
    """The last mention in ``text`` of a person named with ``surname`` and a first name
    ("وكان المبعوث الأممي الخاص يوهان بيرغستروم قد أعلن" -> يوهان بيرغستروم, role
    "المبعوث الأممي الخاص"), so that a later "وأضاف بيرغستروم" names the whole person.
    ``surname`` is normalized; None when no mention has a first name before it."""
    s = _Sentence(text)
    for k in range(s.n - 1, 0, -1):
        if s.norm(k) != surname:
            continue
        j = k - 1
        if s.norm(j) == "-" and s.joined(j):
            j -= 1
        w = s.norm(j)
        if not s.is_word(j) or w.startswith("ال") or s.title_at(j) or s.stop_at(j) or w[:1].isdigit():
            continue
        a = j
        role = None
        for p in range(a - 1, max(-1, a - 8), -1):
            t = s.title_at(p)
            if t and p + t + s.role_continues(p + t, a) == a:
                role = (p, a)
                break
        head = _Head(role[0] if role else a, k + 1, (a, k + 1), role, "person", s._organisation(role[0], s.title_at(role[0]), a) if role else None, False)
        return s.source(head)
    return None


# --- public API ----------------------------------------------------------------------------


def find_headline_attribution(text: str) -> Attribution | None:
    """A headline that names its speaker before a colon ("المجلس المحلي: أكثر من 75 ألف
    مدني محاصرون"), or None.

    Only speakers a reader can tell from a place or a topic are taken: a title ("محافظ
    العاصية")، an unnamed source ("مصدر عسكري") or an institution of
    ``data/attribution_cues.txt``; a country is a topic label ("العراق: ..."). A bare name ("لافروف") is returned with
    ``kind="person"`` for the caller to confirm against the body; "حلب: ..." is a dateline.
    ``verb`` is the colon itself.
    """
    s = _Sentence(text)
    c = next((j for j in range(min(s.n, MAX_HEADLINE_SPEAKER_WORDS + 1)) if s.norm(j) == ":"), None)
    if not c or not all(s.is_word(j) for j in range(c)) or s.head_end(0, c) != c:
        return None
    head = s.parse_head(0, c)
    if head is None:
        return None
    first, two = s.norm(0), f"{s.norm(0)} {s.norm(1)}"
    known_org = first in s.L.organisation or _bare(first) in s.L.organisation or two in s.L.organisation
    if (head.kind == "organisation" and not known_org) or head.kind == "country":
        return None  # "العراق: البرلمان يأمر بإعادة العد" names a topic, not a speaker
    if head.kind == "person" and head.role is None and c > MAX_NAME_WORDS:
        return None
    direct = s.norm(c + 1) == _QUOTE and s.closer.get(c + 1) in (s.n - 1, s.n)
    c0, c1 = _trim(text, s.toks[c].end, len(text))
    if len(text[c0:c1].split()) < MIN_CUE_STATEMENT_WORDS:
        return None
    if direct:
        c0, c1 = c0 + 1 if text[c0] in '"«“' else c0, c1 - 1 if text[c1 - 1] in '"»”' else c1
    return Attribution(
        source=s.source(head),
        verb=s.toks[c].text,
        verb_start=s.toks[c].start,
        verb_end=s.toks[c].end,
        content_start=c0,
        content_end=c1,
        direct=direct,
    )


def find_attributions(text: str) -> list[Attribution]:
    """Every attribution in one sentence, in order (offsets into ``text``).

    A participle ("مضيفا أن") has ``source=None`` and ``via="participle"``: it continues the
    speaker of the attribution before it in the same sentence; a bare verb ("وأضاف أن") has
    ``source=None`` and ``via="verb"``: it continues the previous speaker of the article.
    """
    return _scan(text)[1]


def find_source(text: str, *, start: int = 0, end: int | None = None, previous: Source | None = None) -> Source | None:
    """Who the statement or figure at ``text[start:end]`` (in a sentence ``text``) is
    attributed to, or None when the sentence attributes it to no one.

    The attribution whose statement covers the span wins; failing that, the first one
    whose statement starts before the span ends (a figure may sit in a relative clause
    the statement bounds exclude).  A follow-on with no speaker in the sentence ("وأضاف أن
    60 ...") and a participle take the previous source of the sentence, or ``previous``
    when the caller knows who spoke before (the article's last speaker); without it, None.

    >>> find_source("وقال المرصد السوري إن 60 شخصا قتلوا", start=22, end=24).text
    'المرصد السوري'
    """
    end = len(text) if end is None else end
    if start < 0 or end > len(text) or start > end:
        raise ValueError(f"span [{start}, {end}) is outside the text of length {len(text)}")
    resolved: list[tuple[Attribution, Source | None]] = []
    last = previous
    for att in find_attributions(text):
        src = att.source if att.source is not None else last
        resolved.append((att, src))
        last = src
    # 1. the statement covers the span
    for att, src in resolved:
        if att.content_start <= start and end <= att.content_end:
            return src
    # 2. a statement that starts before the span ends (the span sits in a clause the
    #    statement bounds left out), or a cue, which attributes its whole sentence
    for att, src in resolved:
        if att.content_start < end and (att.via == "cue" or start >= att.verb_start):
            return src
    for att, src in resolved:
        if att.via == "cue":
            return src
    return None
