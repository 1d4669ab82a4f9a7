"""One sentence as attribution reads it: its tokens (punctuation included), paired quotation
marks, and the token-level helpers (cues, stops, where a head ends, where a complement
starts and what it covers)."""

from __future__ import annotations

from dataclasses import dataclass

from khabar.extract.attribution.lists import (
    _HEAD_BREAK,
    _QUOTE,
    _TERMINAL,
    _complement_at,
    _lists,
    _prep_matches,
    _Verb,
    verb_info,
)
from khabar.extract.attribution.sources import (
    MAX_COMPLEMENT_DISTANCE,
    MAX_HEAD_WORDS,
    MAX_QUOTED_NAME_WORDS,
    MAX_REST_HEAD_WORDS,
    SourceKind,
)
from khabar.text.ar.tokenize import Token, tokenize


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


class _Tokens:
    """Tokens of one sentence and the token-level helpers the rules share."""

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
