"""What attribution finds: a :class:`Source` (who a statement or figure is attributed to)
and an :class:`Attribution` (one in a sentence), and the sizes of what it reads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from khabar.frozen import slot_init

SourceKind = Literal["person", "organisation", "anonymous", "country"]

#: How far (in tokens, punctuation included) a complement may stand after its verb.
MAX_COMPLEMENT_DISTANCE = 32
#: A verb that says something only with its noun ("وجه الدفاع المدني نداء") has it within
#: this many tokens (the speaker between them).
MAX_FRAME_DISTANCE = 16
#: A circumstance between a speaker and what is said ("في خطاب متلفز،") closes within this
#: many tokens of its first word.
MAX_CIRCUMSTANCE_WORDS = 6
#: At most this many speakers coordinated by و speak one statement ("بكين وواشنطن").
MAX_COORDINATED = 4
#: A speaker's head is at most this many word tokens.
MAX_HEAD_WORDS = 12
#: A person's name is 1 to this many words.
MAX_NAME_WORDS = 4
#: A cue attributes at least this many words ("جاء ذلك على لسان" attributes nothing here).
MIN_CUE_STATEMENT_WORDS = 3
#: A headline speaker before its colon ("المجلس المحلي: ...") is at most this many words.
MAX_HEADLINE_SPEAKER_WORDS = 5
#: A quotation of at most this many words inside a speaker's head is a quoted name
#: (المتحدث باسم «الكرملين»)، not a statement.
MAX_QUOTED_NAME_WORDS = 3


@slot_init
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
    #: True when the head only points back to someone named before ("المصدر نفسه"،
    #: "الأخير"، "هذا الزعيم الكردي"): the quote extractor resolves it or marks it unresolved.
    anaphor: bool = False


@slot_init
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
    #: Speakers coordinated with ``source`` who say the same ("قالت بكين [وواشنطن] إنهما").
    also: tuple[Source, ...] = ()
    #: Who relayed the statement of ``source`` ("نقلت [اليونيسيف] عن طبيب أن ..."): a link
    #: of the source chain, never the speaker.
    carrier: Source | None = None
    #: False when the sentence names a source but reports no statement of it: a cue
    #: ("بحسب المرصد")، a verb of believing or estimating ("ويرى محللون أن"، "وتقدر الأمم
    #: المتحدة")، or a verb whose object is a noun, not a clause ("داعيا إلى تحقيق"،
    #: "محذرا من «كارثة»"، "وتحدث ناشطون عن تحليق"). Figures still take their source
    #: from it; the quote extractor skips it.
    statement: bool = True
