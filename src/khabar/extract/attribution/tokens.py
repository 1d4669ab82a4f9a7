"""One sentence as attribution reads it: its tokens (punctuation included), paired quotation
marks, and the token-level helpers (cues, stops, where a head ends, where a complement
starts and what it covers)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution.lists import (
    _HEAD_BREAK,
    _PRONOUN_OPENERS,
    _QUOTE,
    _TERMINAL,
    _complement_at,
    _lists,
    _prep_matches,
    _Verb,
    conjoined,
    is_information,
    purpose_verb,
    verb_info,
)
from khabar.extract.attribution.sources import (
    MAX_CIRCUMSTANCE_WORDS,
    MAX_HEAD_WORDS,
    MAX_QUOTED_NAME_WORDS,
    SourceKind,
)
from khabar.extract.reading import sentence_tokens
from khabar.extract.titles import leading_title, title_starts
from khabar.frozen import slot_init


#: Appended to a name's word that is also a verb's form: no list matches it any more.
_NOT_A_VERB = "\u200c"


@slot_init
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
    #: The head's first word carries the conjunction و ("[و]المرصد"): its text starts after it.
    conj: bool = False
    #: The head only points back ("المصدر نفسه"، "الأخير"، "هذا الزعيم"): resolve it.
    anaphor: bool = False


#: First letters of a token :meth:`_Tokens._ends_statement` (or a quotation mark) may end a
#: statement at, besides the words of ``self.L.new_clause``: punctuation and و/ف-words.
_MAY_END = frozenset(_TERMINAL | {",", _QUOTE, "و", "ف"})
#: The same letters as one string (each is one character), for the typed loop of
#: :meth:`_Tokens._statement_ends`: a word's first character is looked for in it in C,
#: where ``w[:1] in _MAY_END`` made a new string of each Arabic word's first letter and
#: hashed it (docs/measurements.md, issue 19, session 36).
_MAY_END_LETTERS = "".join(sorted(_MAY_END))
assert all(len(c) == 1 for c in _MAY_END)


class _Tokens:
    """Tokens of one sentence and the token-level helpers the rules share."""

    # slots, not a __dict__: compiled (khabar._compiled), every read of an attribute or a
    # method of the sentence looks in no instance dictionary (the rules read ~140 a
    # sentence: ~15 % of the quotes' instructions went to attribute look-ups)
    # (compiled, tokens.pxd makes them C fields and the class an extension type: no look-up at all)
    __slots__ = ("text", "L", "texts", "starts", "ends", "n", "norms", "_ends", "named", "closer", "first_quote", "_anonymity_at")

    def __init__(self, text: str, names: Sequence[tuple[int, int, str]] = ()) -> None:
        self.text = text
        self.L = _lists()
        # the sentence as the claims' cues read it too ("وقال د. سامي": no dot after a title's
        # abbreviation); lists of its own, since a rule may read a word without its و a while
        view = sentence_tokens(text)
        #: the tokens as columns (no :class:`~khabar.text.ar.tokenize.Token` objects): each
        #: one's text as written, where it starts and where it ends
        self.texts = view.texts
        self.starts = view.starts
        self.ends = view.ends
        self.n = len(view.norms)
        #: the normalized tokens, read by every rule (a list: a rule may read a word without
        #: its و or ل a while, :meth:`~khabar.extract.attribution.heads._Sentence.without_conjunction`)
        self.norms: list[str] = list(view.norms)
        self._ends: list[int] | None = None  # where a statement from each token ends
        self._anonymity_at: list[int] | None = None  # where its name words are (heads.py)
        #: names the document's recognizer found (character spans and kinds), by the token
        #: they start in: token index -> (one past the token they end in, kind)
        self.named: dict[int, tuple[int, str]] = {}
        if names:
            starts, ends = view.starts, view.ends
            # (the title's call only where one can open: 1,168 calls of the sample's names as
            # Python, ~600 ns each, for a handful of titles)
            opening = title_starts()
            for c0, c1, kind in names:
                a = bisect_right(starts, c0) - 1
                b = bisect_left(ends, c1) + 1
                if 0 <= a < b <= self.n and ends[a] > c0:
                    if kind != "place" and self.norms[a] in opening and (t := leading_title(self.norms[a:b])) and a + t < b:
                        # a title the recognizer took into a name ("[جنرال] جادي أيزنكوت" tagged
                        # an organisation, fresh9): a titled name is a person's, the title its role
                        a, kind = a + t, "person"
                    self.named[a] = (b, kind)
                    if kind == "person":
                        self._name_not_verb(a, b)
        honorifics = self.L.honorifics
        if not honorifics.isdisjoint(self.norms):  # (most sentences have none: checked at C speed)
            for k in range(1, self.n):
                if self.norms[k - 1] in honorifics:
                    self._name_not_verb(k, k + 2)  # "المهندس [يعرب] القضاة": a title of address names someone
        # pair quotation marks: token index of opener -> closer (or n when unclosed)
        self.closer: dict[int, int] = {}
        marks = [i for i, w in enumerate(view.norms) if w == _QUOTE] if _QUOTE in view.norms else []
        opened: int | None = None
        for i in marks:
            if opened is None:
                opened = i
            else:
                self.closer[opened] = i
                opened = None
        if opened is not None and self.texts[opened] not in "»”":
            self.closer[opened] = self.n
        #: the first quotation mark of the sentence (``n`` when none)
        self.first_quote = marks[0] if marks else self.n

    def token_at(self, offset: int) -> int:
        """The first token starting at or after character ``offset``."""
        return bisect_left(self.starts, offset)

    def _name_not_verb(self, a: int, b: int) -> None:
        """A word of a person's name (the recognizer's, or the word after a title of address)
        is no reporting verb: "وقال الوزير، المهندس [يعرب] القضاة، إن" (fresh6: "يعرب" was
        read as the verb of the sentence).  Only a present form that opens a name of two words
        or more: a verb inside the recognizer's span is more often its error ("فارس أوضح")."""
        w = self.norms[a]
        if b > a + 1 and w.startswith("ي") and verb_info(w) is not None:
            self.norms[a] = w + _NOT_A_VERB

    def norm(self, i: int) -> str:
        # one attribute read, not two (compiled, each is a look-up through the type: this is
        # called ~120,000 times over bench_extract's 100-article sample)
        norms = self.norms
        return norms[i] if 0 <= i < len(norms) else ""

    def is_word(self, i: int) -> bool:
        # compiled (tokens.pxd: ``w`` a str), the first letter's test is a C one on a
        # character: ``[:1].isalnum()`` made a string of an Arabic letter and called its
        # method (~790 instructions a call, ~18,000 calls over the 100 articles of
        # ``benchmarks/instructions_extract.py``; session 36).  The same test: a one-letter
        # string's ``isalnum`` is its letter's.
        if not 0 <= i < self.n:
            return False
        w = self.norms[i]
        return len(w) > 0 and w[0].isalnum()

    def span_text(self, a: int, b: int) -> str:
        return self.text[self.starts[a] : self.ends[b - 1]]

    def phrase_at(self, i: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        """Length of the longest phrase of ``index`` starting at token ``i`` (0 if none)."""
        norms = self.norms
        phrases = index.get(norms[i]) if 0 <= i < self.n else None
        if phrases:  # (``i`` is a token here: slices read the same)
            for phrase in phrases:
                if tuple(norms[i : i + len(phrase)]) == phrase:
                    return len(phrase)
        return 0

    def reads(self, i: int, words: tuple[str, ...]) -> bool:
        """The tokens from ``i`` on are ``words`` (normalized; a token out of the sentence
        reads ""): one slice of the tokens, not a read of each."""
        seen = self.norms[i : i + len(words)] if i >= 0 else ()
        if len(seen) < len(words):
            return all(self.norm(i + k) == w for k, w in enumerate(words))
        return tuple(seen) == words

    def cue_at(self, i: int) -> int:
        """Length of the attribution cue at ``i`` (a leading و or ف is allowed)."""
        k = self.phrase_at(i, self.L.cues)
        if k:
            return k
        w = self.norms[i] if 0 <= i < self.n else ""  # (:meth:`norm` without a call: asked ~13,000 times)
        if w[:1] in "وف" and len(w) > 3:
            for phrase in self.L.cues.get(w[1:], ()):
                if tuple(self.norms[i + 1 : i + len(phrase)]) == phrase[1:]:
                    return len(phrase)
        return 0

    def joined(self, i: int) -> bool:
        """A hyphen inside a name, with no space either side ("جان-لوك")."""
        starts, ends = self.starts, self.ends
        return 0 < i < self.n - 1 and ends[i - 1] == starts[i] and ends[i] == starts[i + 1]

    def stop_at(self, i: int) -> bool:
        w = self.norms[i] if 0 <= i < self.n else ""  # (:meth:`norm` without a call)
        if w == "-" and self.joined(i):
            return False
        if not w or w in _HEAD_BREAK or w in _TERMINAL:
            return True
        if self.phrase_at(i, self.L.stops):
            # "متحدثة" stops a head as a participle ("قالت ... متحدثة لوكالة"), not as the
            # title of "متحدثة باسم الجيش" (a fresh2 statement went to the speaker before)
            return self.norm(i + 1) != "باسم"
        if verb_info(w) is not None or self.is_complement(i):
            return True
        return False

    def is_complement(self, i: int) -> bool:
        """إن/أن at token ``i`` ("بان" before "كي" is the name بان كي مون, not بأن; "بعد أن"،
        "قبل أن"، "إلى أن" are conjunctions of time, not what someone said)."""
        w = self.norms[i] if 0 <= i < self.n else ""  # (:meth:`norm` without a call: asked ~15,000 times)
        if not _complement_at(w) or (w == "بان" and self.norm(i + 1) == "كي"):
            return False
        return not (w == "ان" and self.norm(i - 1) in self.L.time_conjunctions)

    # -- titles and heads --

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

    def complement(self, i: int, verb: _Verb) -> tuple[str, int, int] | None:
        raise NotImplementedError  # :class:`khabar.extract.attribution.heads._Sentence` reads it


    def opens_clause(self, i: int) -> bool:
        """The verb at ``i`` opens its clause (so a noun after it is its subject): first in
        the sentence, with و/ف in front, after punctuation, a clause-opening word, a
        relative pronoun or a date ("وفي تشرين الثاني 2017 أعلن التحالف") -- not an
        adjective after a noun ("هدوء حذر")."""
        if i == 0 or not self.is_word(i - 1) or conjoined(self.norm(i)):
            return True
        prev = self.norm(i - 1)
        if prev.isdigit() or (self.phrase_at(i - 1, self.L.stops) == 1 and prev[:1] not in "لب"):
            return True  # "2017 أعلن"، "أمس أعلن"
        if prev in self.L.negation:
            return self.opens_clause(i - 1)  # "ولم تعلن السلطات": the subject follows
        return prev in self.L.boundary or prev in self.L.relative or prev in ("قد", "ما")

    def attached_prep(self, k: int, preps: tuple[str, ...]) -> bool:
        """Token ``k`` opens with one of the one-letter prepositions ``preps`` ("بالاتفاق"،
        "لإنقاذ"، "بـ" before a quotation)."""
        w = self.norm(k)
        if w in preps:
            return True  # "بـ" written apart
        return len(w) > 3 and w[0] in preps and not self.named.get(k, (0, ""))[1] == "person"

    def after_preposition(self, j: int, verb: _Verb) -> int:
        """``j``, or the token after it when it is one of the verb's own prepositions written
        apart ("أعرب عن [قلقه]"، "داعيا إلى [تحقيق]")."""
        w = self.norm(j)
        return j + 1 if any(len(p) > 1 and _prep_matches(w, p) for p in verb.preps) else j

    def skip_circumstance(self, j: int, limit: int | None = None) -> int:
        """Past what stands between a speaker and what is said: commas, days, and a
        circumstance ("أمس"، "الأحد"، "في بيان"، "لوكالة الأنباء الفرنسية") up to the comma that
        closes it when one comes soon, or up to ``limit`` (where what is said starts)."""
        limit = self.n if limit is None else limit
        while j < limit:
            w = self.norm(j)
            if w in "-(" and self.cue_at(j + 1):
                # "طالب المعلم [- وفق وكالة إنترفاكس -] بحل التحالف"
                close = next((c for c in range(j + 2, min(limit, j + MAX_HEAD_WORDS)) if self.norm(c) in "-)"), None)
                if close is not None:
                    j = close + 1
                    continue
            if w in ",-" or w == "(":
                j += 1
                continue
            k = self.phrase_at(j, self.L.stops)
            if not k or verb_info(w) is not None or self.is_complement(j) or w in self.L.relative:
                return j
            opener = w in self.L.circumstance or (w[:1] == "ل" and k == 1)
            j += k
            if not opener:
                continue  # "أمس"، "أيضا": one word
            # "في خطاب متلفز،"، "لوكالة الأنباء الفرنسية": a phrase, to its comma or to what is said
            comma = next((c for c in range(j, min(limit, j + MAX_CIRCUMSTANCE_WORDS)) if self.norm(c) == ","), None)
            if comma is not None:
                j = comma + 1
            elif limit - j <= MAX_CIRCUMSTANCE_WORDS:
                return limit  # "وأكد بيرجستروم [في مؤتمر صحفي]: ..."
        return min(j, limit)

    def after_complementiser(self, c0: int, c1: int) -> int:
        """``c0``, or past a complementiser that opens the content at ``c0`` ("إنه [سيرد]"،
        "أن [تركيا تواصل]"، "بأنها [قطعة]"): what was said starts after it.  "أن" before a
        verb in the subjunctive stays ("نفى [أن تكون] روسيا مسؤولة")."""
        k = bisect_left(self.starts, c0)
        if k >= self.n or self.starts[k] >= c1 or not self.is_complement(k):
            return c0
        w, nxt = self.norm(k), self.norm(k + 1)
        if w in ("ان", "وان") and (nxt[:1] == "ي" or nxt in self.L.subjunctive):
            return c0
        k += 1
        while k < self.n and self.norm(k) in (",", ":"):
            k += 1
        return self.starts[k] if k < self.n and self.starts[k] < c1 else c0

    def content_end(self, j: int) -> int:
        """Token index where an indirect statement starting at ``j`` ends: the sentence end,
        or a comma before a participle, a coordinated reporting verb or a cue ("، مضيفا أن"،
        "، وأضاف أنه"، "، وفق ما")، a و-prefixed reporting verb with its own complement, a
        clause-opening word before a new speaker ("لكن مسؤول المعارضة قال إن"), or a
        participle right after a closing quotation mark.  Read from a table the sentence
        fills once from its end, so that every statement of a long sentence costs one step."""
        if self._ends is None:
            self._ends = self._statement_ends()
        return self._ends[j] if j < self.n else self.n

    @cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, w=str, ends=list, norms=list, letters=str)
    def _statement_ends(self) -> list[int]:
        n = self.n
        ends = [n] * (n + 1)
        norms, new_clause, letters = self.norms, self.L.new_clause, _MAY_END_LETTERS
        for k in range(n - 1, -1, -1):
            w = norms[k]
            if not (w and w[0] in letters) and w not in new_clause:
                ends[k] = ends[k + 1]  # most words: none of the rules below can end a statement here
                continue
            if w == _QUOTE and k in self.closer:
                after = self.closer[k] + 1
                info = verb_info(self.norm(after)) if after < self.n else None
                ends[k] = after if info is not None and info[1].kind == "participle" else ends[min(after, self.n)]
            elif self._ends_statement(k):
                ends[k] = k
            else:
                ends[k] = ends[k + 1]
        return ends

    def _ends_statement(self, k: int) -> bool:
        w = self.norm(k)
        if w in _TERMINAL:
            # a full stop the segmenter kept inside the sentence ends a statement when the
            # next item of a bulletin starts after it (" . - قالت مواقع ..."), not in a
            # decimal or an abbreviation
            return k + 1 >= self.n or self.norm(k + 1) in ("-", "–")
        if w == "," and k + 1 < self.n:
            nxt = self.norm(k + 1)
            info = verb_info(nxt)
            if info and (info[1].kind == "participle" or nxt[0] in "وف"):
                return True
            if purpose_verb(nxt) is not None:
                return True  # "...، ليعلن أردوغان أن": someone else's statement
            if nxt in ("بينما", "فيما") or (nxt == "في" and self.norm(k + 2) in ("حين", "وقت")):
                return True
            if nxt == "وذلك" and self.norm(k + 2) in self.L.circumstance | {"بعدما", "اثر", "حين"}:
                return True  # "...، [وذلك بعدما] أعلن غل عدم ترشحه": the writer's circumstance (fresh4)
            if nxt in ("وهو", "وهي", "وهذا") and self.norm(k + 2) == "ما":
                return True  # "، وهو ما ينفيه ...": someone else on what was said
            m = k + 2 if nxt == "الا" else k + 1
            if self.norm(m) in _PRONOUN_OPENERS:
                # "...، لكنه نفى وجود"، "..., إلا أنه لم يستبعد": the same speaker's next statement (fresh5)
                m += 1
                while self.norm(m) in self.L.negation:
                    m += 1
                if (info := verb_info(self.norm(m))) is not None and info[1].kind == "say":
                    return True
            if (
                nxt == "حيث" and (info := verb_info(self.norm(k + 2))) is not None and info[1].kind == "say"
                and self.is_word(k + 3) and not self.is_complement(k + 3) and self.complement(k + 2, info[1]) is not None
            ):
                return True  # "...، حيث أشار [شكري] إلى أن": another speaker's statement (fresh5)
            return bool(self.cue_at(k + 1))
        if k > 0 and w == "وسط" and is_information(self.norm(k + 1 + (self.norm(k + 1) in self.L.spread))):
            return True  # "... عن قلقها من أوضاع المدنيين [وسط انتشار تقارير] عن ...": a report of its own (seed 000)
        if k > 0 and w in ("وهو", "وهي") and self.norm(k + 1) == "ما" and (nxt := self.norm(k + 2))[-1:] in ("ه", "ا") and verb_info(nxt.removesuffix("ه").removesuffix("ها")):
            return True  # "... فيها [وهو ما تنفيه] طهران" without a comma (fresh4)
        if k > 0 and w[:1] in "وف" and (info := verb_info(w)) and info[1].kind == "say" and self.norm(k - 1) != ",":
            return self.complement(k, info[1]) is not None
        if k > 0 and self.joined_speaker(k):
            return True  # "يتهم ظريف «بالكذب المنمق» [وجواد يصف] خطابه": a new speaker's clause
        if k > 0 and w in self.L.new_clause:
            # "... لكن مسؤول المعارضة قال إنها لم تسقط بعد": a new speaker's clause, its
            # speaker as long as a speaker may be ("لكن المتحدث باسم تلك الوحدات نوري محمود قال")
            for m in range(k + 1, min(self.n, k + 2 + MAX_HEAD_WORDS)):
                if not self.is_word(m):
                    return False
                info = verb_info(self.norm(m))
                if info is not None:
                    # "... لكن اللجنة طالبت [بإجراء] مناقشة": also the verb's own preposition attached (fresh4)
                    attached = tuple(p for p in info[1].preps if len(p) == 1)
                    return info[1].kind == "say" and (
                        self.complement(m, info[1]) is not None
                        or (bool(attached) and self.norm(m)[:1] not in "وف" and self.attached_prep(m + 1, attached))
                    )
        return False

    def joined_speaker(self, k: int) -> int:
        """The end of a speaker joined by و at token ``k`` whose own reporting verb follows
        it with what it says ("[وجواد] يصف خطابه «بالسيرك»"、"[وروسيا] تقول إن"); 0 when
        none stands there.  Only a name the recognizer found or a country: a noun after و
        is far more often a coordinated object."""
        w = self.norm(k)
        if len(w) < 3 or w[0] != "و":
            return 0
        found = self.named.get(k)
        if found is not None and found[1] in ("person", "organisation"):
            b = found[0]
        elif w[1:] in self.L.countries:
            b = k + 1
        else:
            return 0
        info = verb_info(self.norm(b)) if b < self.n else None
        if info is None or info[1].kind != "say" or self.norm(b)[:1] in "وف":
            return 0
        return b if self.complement(b, info[1]) is not None else 0

    def char_span(self, a: int, b: int) -> tuple[int, int]:
        """Offsets of tokens [a, b) without surrounding punctuation and spaces."""
        while a < b and self.norm(a) in ",:;-" + _QUOTE and not (self.norm(a) == _QUOTE and a in self.closer):
            a += 1
        while b > a and (self.norm(b - 1) in ",:;-." or (self.norm(b - 1) == _QUOTE and self.norm(b - 1) not in self.closer)):
            if self.norm(b - 1) == _QUOTE and any(o < b - 1 and c == b - 1 for o, c in self.closer.items() if o >= a):
                break
            b -= 1
        if a >= b:
            return self.starts[a] if a < self.n else len(self.text), self.starts[a] if a < self.n else len(self.text)
        return self.starts[a], self.ends[b - 1]

    # -- heads before the verb --
