# cython: annotation_typing=True
# (Compiled, this module alone reads its annotations as types -- setup.py turns that off for
# the others -- so that ``s: _Sentence``, cimported by scan.pxd, is the C class: the rules read
# its fields and call its C methods without a look-up through the type (quotes -3.3 % of
# their instructions, docs/measurements.md, issue 19, session 35).  The other annotations
# type their arguments too: an ``int`` argument must be an int, a ``str`` one a str (the
# sentence, already a C ``str`` field of _Tokens), a ``list`` a list; ``bool`` is not checked.
# ``@cython.locals(s=_Sentence)`` would type ``s`` alone, but Cython then declares it in each
# generator expression's own scope too, unassigned: "referenced before assignment".)
"""The attribution rules over one sentence (verb first, subject first, cues, participles,
follow-ons) and the public functions that run them."""

from __future__ import annotations

import dataclasses
from contextlib import nullcontext
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress, islice

from khabar.extract.attribution.heads import _Sentence
from khabar.extract.attribution.lists import (
    KANA_FORMS,
    PURPOSE_ARTICLE,
    _complement_at,
    _lists,
    _PRONOUN_OPENERS,
    _PRONOUN_PREPOSITIONS,
    _QUOTE,
    _TERMINAL,
    _bare,
    _prep_matches,
    _Verb,
    conjoined,
    head_kind,
    is_information,
    noun_info,
    pronoun_verb_info,
    purpose_verb,
    verb_info,
)
from khabar.extract.attribution.sources import (
    MAX_COMPLEMENT_DISTANCE,
    MAX_HEAD_WORDS,
    MAX_FRAME_DISTANCE,
    MAX_HEADLINE_SPEAKER_WORDS,
    MAX_NAME_WORDS,
    MIN_CUE_STATEMENT_WORDS,
    Attribution,
    Source,
)
from khabar.extract.attribution.tokens import _Head
from khabar.text.ar.clitics import ARTICLE, ARTICLE_PROCLITICS, PREPOSITION_ARTICLE_MERGED, PREPOSITION_ARTICLES, PREPOSITIONS
from khabar.extract.attribution.verbs import verb_gender, verb_is_plural
from khabar.text.ar.tokenize import words


#: "تحدث" is also the present of "to cause" and "to occur": after a bare قد or لا (no كان
#: before: "وكان الوزير قد تحدث عن") and without عن soon after, it says nothing (an EASC article on earthquakes had "قد
#: تحدث خرابا" read as a speaker).
_TALKED = "تحدث"


def _scan(text: str, names: Sequence[tuple[int, int, str]] = ()) -> tuple[_Sentence, list[Attribution]]:
    s = _Sentence(text, names)
    out: list[Attribution] = []
    i = 0
    floor = 0  # a subject-first speaker never reaches back past the previous attribution
    subject: _Head | None = None  # of a clause-opening verb that reported nothing itself
    main = 0  # attributions of the sentence's own clauses (not inside a relative clause)
    starts = _scan_words()
    norms = s.norms
    while i < s.n:
        w = norms[i]
        if w not in starts:
            i += 1  # no rule starts at this word (most words): skip the checks below
            continue
        if w == _QUOTE and i in s.closer:
            after = i + 2
            if (
                out or s.norm(i + 1) != "," or s.texts[i] in "«“" or _QUOTE in norms[:i]
                or not any(s.is_word(k) for k in range(i)) or verb_info(s.norm(after)) is None
            ):
                i = s.closer[i] + 1
                continue
            i = after  # '... هي جحيم "، قال X': the mark closes a quotation opened before the sentence
            continue
        if w in s.L.stance or (conjoined(w) and w[1:] in s.L.stance):
            subject = s.clause_subject(i)  # "من جهته، رحب الوزير فيصل المنصوري بالاتفاق، مؤكدا أن"
            i += 1
            continue
        k = s.cue_at(i)
        if k:
            floor = i + k
            # a cue after a statement of someone else only names who carried it ("ووصفت
            # سوريا التهديدات بأنها تصعيد، حسب الوكالة الرسمية")
            carried = bool(out) and out[-1].statement and out[-1].via != "cue" and out[-1].source is not None
            # "حيث قالت [وفقا لما ترجمته] وكالة سبوتنيك: ...": right after a verb of saying, a cue
            # only names who carried its words, whoever said them (fresh4)
            carried = carried or ((v := verb_info(s.norm(i - 1))) is not None and v[1].kind == "say")
            # what a cue at the end attributes starts after the attribution before it
            att, i = _cue(s, i, k, max(out[-1].content_start, out[-1].verb_end) if out else 0, carried=carried)
            if att:
                out.append(att)
                if att.statement:
                    main += 1  # "وبحسب الشرطة فإن ...، مشيرة إلى أنه": its participles are the source's
            continue
        if i == 0 and w in ("وان", "وبان") and s.n > 2:
            # "وأن أقاربه تلقوا مقطع فيديو": a sentence that goes on with what was said before
            end = s.content_end(1)
            c0, c1 = _trim(s.text, *s.char_span(1, end))
            if c1 > c0:
                out.append(_att(s, 0, None, c0, c1, False, "verb"))
                main += 1
            i = max(end, 1)
            continue
        if w in s.L.amid and (said := _reports_of(s, i)) is not None:
            out.append(said[0])  # "... وسط انتشار تقارير عن تعرضهم لمجازر"
            i = said[1]
            continue
        if w in s.L.headlined and (said := _headlined(s, i)) is not None:
            out.append(said[0])  # "صحيفة النهار ... تناولت القمة تحت عنوان «...»"
            main += 1
            i = said[1]
            continue
        if w in s.L.came and s.norm(i + 1) == "في" and (said := _came_in(s, i)) is not None:
            out.append(said[0])  # "وجاء في بيان للجيش أن ..."
            main += 1
            i = said[1]
            continue
        if w == "ما" and ((opener := s.norm(i - 1)) == "," or opener in s.L.what_openers) and (said := _what_is_said(s, i, out)) is not None:
            out.append(said[0])  # "..., وهو ما ينفيه نظام الأسد"
            i = said[1]
            continue
        info = verb_info(w) or noun_info(w) or pronoun_verb_info(w)
        if info is None and s.norm(i - 1) == ",":
            info = purpose_verb(w)  # "...، ليعلن أردوغان أن": after a comma, a verb of result
        if info is None or s.norm(i - 1) in s.L.passive:
            i += 1  # "كما تم استبعد ...": a passive names no one
            continue
        if w == _TALKED and s.norm(i - 1) in s.L.modals and "عن" not in norms[i + 1 : i + 5] and not any(
            s.norm(k) in KANA_FORMS for k in range(max(0, i - 8), i - 1)
        ):
            i += 1  # "الزلازل قد تحدث خرابا"، "لا تحدث اية اضرار": may cause, not "talked"
            continue
        said = _postposed(s, i, info[1]) if not out else None
        att, nxt = said if said is not None else _verb(s, i, info[1], main > 0, floor, subject)
        if att and _embedded(s, i, att, out):
            att = None  # "وأكد الفيصل أن تميم قال للملك «...»": inside what the first one says
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
            subject = s.clause_subject(i)
        i = max(nxt, i + 1)
    return s, out


#: How far before "قال فيها" the document it points to may be named ("رسالة إلى اللواء علي مملوك").
MAX_DOCUMENT_BACK = 10


def _sender(s: _Sentence, i: int, floor: int) -> _Head | None:
    """"وبعث أمين المجلس علي شمخاني، رسالة إلى اللواء علي مملوك قال فيها: ...": a verb
    whose pronoun points to a document named just before, with no speaker after it, is
    said by whoever issued the document: the subject before the document's noun."""
    for k in range(i - 1, max(floor, i - MAX_DOCUMENT_BACK) - 1, -1):
        w = _bare(s.norm(k))
        if w in s.L.statement_nouns or (w[-1:] == "ا" and w[:-1] in s.L.statement_nouns):  # "منشورا قالت فيه"
            head = s.head_before(k, floor)
            if head is not None and s.subject_like(head):
                return head
            if floor == 0 and conjoined(s.norm(0)):
                # "وبعث [X]، رسالة"، "ونشرت [الأم] على حسابها منشورا قالت فيه": the subject
                # of the verb that opens the sentence, a definite noun even if no list knows it
                head = s.speaker_np(1, k)
                if head is not None and (s.speaker_like(head) or (s.norm(1).startswith("ال") and head.end - head.start <= 2)):
                    return head
            return None
        if not s.is_word(k) and s.norm(k) != ",":
            return None
    return None




def _reports_of(s: _Sentence, i: int) -> tuple[Attribution, int] | None:
    """"عبرت الأمم المتحدة عن قلقها ... [وسط انتشار تقارير عن] تعرضهم لمجازر": reports (or
    news, information) spread about something are an anonymous statement of it (seed 000,
    issue 20); what someone said before ends at the circumstance (:meth:`_Tokens.content_end`)."""
    k = i + 1 + (s.norm(i + 1) in s.L.spread)
    if not (is_information(s.norm(k)) and s.norm(k + 1) == "عن" and k + 2 < s.n and s.is_word(k + 2)):
        return None
    end = s.content_end(k + 2)
    c0, c1 = _trim(s.text, *s.char_span(k + 2, end))
    if c1 <= c0:
        return None
    return _att(s, k, _Head(k, k + 1, None, None, "anonymous", None, False), c0, c1, False, "verb"), end


#: How far into its sentence a paper may be named before its story's headline.
MAX_PAPER_AT = 6


def _headlined(s: _Sentence, i: int) -> tuple[Attribution, int] | None:
    """"من جهتها صحيفة النهار الكويتية تناولت القمة تحت عنوان «...»": the quoted headline is
    a statement of the paper that opens the sentence (the press reviews of fresh2, issue 20;
    the gold counts a paper's headline as its statement)."""
    if s.norm(i) == "عنوان" and s.norm(i - 1) != "تحت":
        return None
    o = i + 1
    if s.norm(o) != _QUOTE or o not in s.closer:
        return None
    close = s.closer[o]
    for k in range(min(i, MAX_PAPER_AT + 1)):
        w = s.norm(k)
        if not (w in s.L.named or (w[:1] == "و" and w[1:] in s.L.named)):
            continue
        with s.without_conjunction(k) if w[:1] == "و" else nullcontext():
            head = s.speaker_np(k, i)
        if head is None or head.end - head.start < 2 or head.end >= i - 1 or not any(verb_info(s.norm(v)) is None and s.is_word(v) for v in range(head.end, i)):
            return None  # the paper did something with its story before the headline ("موقع تويتر تحت عنوان" names a page)
        c0, c1 = s.ends[o], s.starts[close] if close < s.n else s.char_span(o + 1, s.n)[1]
        c0, c1 = _trim(s.text, c0, c1)
        if c1 <= c0:
            return None
        return _att(s, i, head, c0, c1, False, "verb"), close + 1
    return None


def _came_in(s: _Sentence, i: int) -> tuple[Attribution, int] | None:
    """"وجاء في بيان للجيش أن «...»"، "وجاء في الشريط ان ...": the speaker is what it came
    in (a statement with its owner, a recording), the content its clause or quotation."""
    head = s.speaker_np(i + 2, s.n)
    if head is None or head.kind not in ("organisation", "anonymous"):
        return None
    if _bare(s.norm(head.start)) not in s.L.statement_nouns and not s.speaker_like(head):
        return None  # "وجاء في المرتبة الثانية": not something that says
    k = s.skip_circumstance(head.end)
    if k < s.n and s.norm(k) == ":":
        k += 1
    if k >= s.n:
        return None
    if s.norm(k) == _QUOTE and k in s.closer and s.closer[k] > k + 1:
        close = s.closer[k]
        c0, c1 = _trim(s.text, s.ends[k], s.starts[close] if close < s.n else len(s.text))
        return (_att(s, i, head, c0, c1, True, "verb"), close + 1) if c1 > c0 else None
    if not s.is_complement(k):
        return None
    end = s.content_end(k + 1)
    c0, c1 = _trim(s.text, *s.char_span(k, end))
    return (_att(s, i, head, c0, c1, False, "verb"), end) if c1 > c0 else None




def _embedded(s: _Sentence, i: int, att: Attribution, before: list[Attribution]) -> bool:
    """The attribution at the verb ``i`` is part of another one's content: its subject
    stands right after the complementiser of a statement reported before it in the
    sentence ("وأكد الفيصل أن [تميم] قال للملك «...»"), or the verb follows a conditional
    ("في حال أعلنت قطر")."""
    if s.norm(i - 1) in s.L.conditional:
        return True
    src = att.source
    if src is None or src.start >= att.verb_start:
        return False
    k = s.token_at(src.start)
    if k == 0 or not s.is_complement(k - 1):
        return False
    at = s.starts[k - 1]
    return any(b.statement and b.source is not None and b.verb_end <= at and at <= b.content_start for b in before)


def _what_is_said(s: _Sentence, i: int, before: list[Attribution]) -> tuple[Attribution, int] | None:
    """"ويتهم المجتمع الدولي قوات النظام بالمسؤولية، وهو ما ينفيه نظام الأسد": a verb with
    its object pronoun after "وهو ما" says something about the clause before it -- the
    statement just reported, or else the sentence up to the comma."""
    w = s.norm(i + 1)
    info = next((verb_info(w[: len(w) - k]) for k in (1, 2) if len(w) - k >= 3 and w[len(w) - k :] in ("ه", "ها")), None)
    if info is None or info[1].noquote or info[1].kind == "participle":
        return None
    head = s.speaker_np(i + 2, s.n)
    if head is None or not s.speaker_like(head):
        return None
    stated = next((a for a in reversed(before) if a.statement and a.content_end <= s.starts[i]), None)
    if stated is not None:
        c0, c1 = stated.content_start, stated.content_end
    else:
        c0, c1 = _trim(s.text, *s.char_span(0, i - 1))
    if c1 <= c0:
        return None
    att = Attribution(
        source=s.source(head),
        verb=s.texts[i + 1],
        verb_start=s.starts[i + 1],
        verb_end=s.ends[i + 1],
        content_start=c0,
        content_end=c1,
    )
    return att, head.end


def _cue(s: _Sentence, i: int, k: int, before_from: int = 0, *, carried: bool = False) -> tuple[Attribution | None, int]:
    """"بحسب المرصد"، "وفق ما أفاد المرصد ...": the source follows the cue; what it
    attributes is the rest of the sentence (or, for a cue at the end, what precedes it)."""
    a = i + k
    if _describes_antecedent(s, i):
        return None, a
    w = s.norm(a)
    relay: _Verb | None = None
    if s.norm(a - 1) in ("ما", "لما") and (said := verb_info(w) or verb_info(w[:-1]) or verb_info(w[:-2])):
        relay = said[1] if said[1].relay else None
        a += 1  # "بحسب ما أعلنته وزارة الصحة": the cue's own verb, with its pronoun
        if s.norm(a) == "," and a + 1 < s.n and s.ends[a - 1] == s.starts[a] and s.ends[a] == s.starts[a + 1]:
            a += 1  # "بحسب ما نقلته،وكالة تاس": a comma glued between the verb and its subject
    elif s.norm(a - 1) in ("ما", "لما") and s.named.get(a) is None and head_kind((w,)) is None and w not in s.L.given and w not in s.L.written:
        a += 1  # "وبحسب ما [رصدت] عنب بلدي": a verb no list knows is no part of the source
    if s.norm(a) in ("به", "بها", "عنه"):
        a += 1  # "وفق ما أفاد به سكان"
    if s.norm(a) in s.L.written and s.norm(a - 1) in ("ما", "لما"):
        a += 1  # "وحسب ما جاء على الموقع الإلكتروني للاتحاد": where it was written
        if s.norm(a) in ("في", "علي", "عبر", "ب"):
            a += 1
    if s.norm(a) == _QUOTE and a in s.closer:
        a += 1  # 'حسب "فرانس برس"': the source's name in quotation marks
    w = s.norm(a)
    if (
        len(w) > 3 and w[0] == "ل" and s.norm(a - 1) not in ("ما", "لما") and verb_info(w) is None
        and verb_info(s.norm(a - 1)) is None  # "وفق ما أعلنت [لجنة] الانتخابات": the verb's subject
        and not (w in s.L.organisation or _bare(w) in s.L.organisation)
    ):
        # "ووفقا [لمنظمة] الأغذية"، "وفقا [للتقارير] الصحفية": the cue's own preposition
        with s.without_preposition(a):
            head = s.speaker_np(a, s.n)
            merged = w.startswith(PREPOSITION_ARTICLE_MERGED) and s.norm(a).startswith(ARTICLE_PROCLITICS[0])  # "[لل]تقارير": ل + التقارير
            lone = head is not None and head.end == a + 1 and is_information(s.norm(a))
        if lone and any(s.cue_at(x) for x in range(a + 1, s.n)):
            # "ووفقا [للمعلومات]، فإن ...، بحسب صحيفة «الاقتصادية»": two sources under one
            # clause; the information is the paper's (fresh5 of issue 20)
            return None, a + 1
        if head is not None and not merged:
            head = dataclasses.replace(head, conj=True)  # the source without its ل
        if head is not None:
            return _cue_after_head(s, i, k, head, before_from, carried)
    head = s.speaker_after_verb(a, s.n) if verb_info(s.norm(a - 1)) is not None else s.speaker_np(a, s.n)
    if head is None:
        b = s.head_end(a, s.n)
        head = s.parse_head(a, b) if b > a else None
    if head is None:
        return None, a
    relayed = _relayed(s, head, relay) if relay is not None else None
    if relayed is not None:
        # "بحسب ما نقلت وكالة رويترز عن مصادر طبية": the sources spoke, the agency carried it
        att, nxt = _cue_after_head(s, i, k, relayed, before_from, carried)
        return (dataclasses.replace(att, carrier=s.source(head)) if att is not None else None), nxt
    return _cue_after_head(s, i, k, head, before_from, carried)


def _relayed(s: _Sentence, carrier: _Head, verb: _Verb) -> _Head | None:
    """The speaker named after a relay verb's preposition past its carrier and a
    circumstance ("نقلته وكالة تاس، الثلاثاء، [عن] وزيري النفط"), or None."""
    j = s.skip_circumstance(carrier.end)
    if j >= s.n or not any(_prep_matches(s.norm(j), p) for p in verb.preps):
        return None
    return s.speaker_np(j + 1, s.n)


def _describes_antecedent(s: _Sentence, i: int) -> bool:
    """A cue inside a relative clause on a source, with no comma between: "لكن المرصد الذي
    يتخذ من بريطانيا مقرا له ويجمع معلوماته استنادا إلى مصادر في سوريا، لم يحدد": how the
    source works, no attribution (a fresh2 article gave the Observatory's next statements to
    "مصادر في سوريا")."""
    for k in range(i - 1, max(-1, i - 2 * MAX_HEAD_WORDS), -1):
        w = s.norm(k)
        if not s.is_word(k) or w in _TERMINAL:
            return False
        if w in s.L.relative:
            head = s.head_before(k)
            return head is not None and s.speaker_like(head) and head.kind != "person"
    return False


def _role_read(head: _Head) -> bool:
    """The head is a role or a body, not a person's name (alone or before its role in
    apposition: "كشف [مايك بنس، نائب الرئيس الأمريكي]، دونالد ترامب، الخميس، عن" -- the
    name after it is the role's genitive, not the speaker)."""
    return not (head.kind == "person" and head.name is not None and (head.role is None or head.name[0] < head.role[0]))


def _named_with_role(s: _Sentence, head: _Head, named: _Head) -> _Head:
    """The person ``named`` in apposition after the role ``head`` reads, with that role up to
    the comma before the name: a later "وأضاف رئيس الهيئة" then resolves to the name."""
    r = named.start
    if r - 1 > head.start and s.norm(r - 1) == _QUOTE:
        r -= 1  # ', " محمد الخطيب " ,': the name's own quotation mark
    while r > head.start and s.norm(r - 1) == ",":
        r -= 1
    if r <= head.start:
        return named
    return dataclasses.replace(named, start=head.start, role=(head.start, r), conj=head.conj)


def _cue_after_head(s: _Sentence, i: int, k: int, head: _Head, before_from: int, carried: bool) -> tuple[Attribution | None, int]:
    b = head.end
    if _role_read(head):
        # 'وبحسب رئيس العمليات الإقليمية في "مركز أبحاث التسليح"، [تيم ميشيتي]، فإن': the
        # person named between commas after the role is the source (issue 20, session 17)
        p = next((x for x in range(b, min(s.n, b + 2 * MAX_HEAD_WORDS)) if s.is_complement(x) or s.norm(x) in _TERMINAL or verb_info(s.norm(x)) is not None), None)
        named = s.name_between_commas(b, p) if p is not None and s.is_complement(p) else None
        if named is not None and named.start > head.start:
            head, b = _named_with_role(s, head, named), named.end
    # a relative clause after the source belongs to it ("المرصد ... الذي اعتبر أن")
    if s.norm(b) in s.L.relative:
        return _cue_att(s, i, k, head, before=True, before_from=before_from, carried=carried), b + 1
    return _cue_att(s, i, k, head, before=i > 2, before_from=before_from, carried=carried), b


def _cue_att(
    s: _Sentence, i: int, k: int, head: _Head, *, before: bool, before_from: int = 0, carried: bool = False
) -> Attribution | None:
    # "طالب المعلم - وفق وكالة إنترفاكس - بحل التحالف": the agency between dashes only
    # carries the statement of the clause around it
    carrier = (s.norm(i - 1) in ("-", "(") and s.norm(head.end) in ("-", ")")) or (before and i > 0 and carried)
    nxt = head.end + 1 if s.norm(head.end) == "," else head.end
    if not before and nxt < s.n and (v := verb_info(s.norm(nxt))) is not None and v[1].kind != "participle" and not v[1].impersonal:
        carrier = True  # "وبحسب الوكالة، قال روحاني إن ...": the agency carries Rouhani's words
    after = s.skip_circumstance(head.end)
    if (
        before
        and i > 0
        and not carrier
        and s.norm(i - 1) == ","
        and s.norm(head.end) == ","
        and after < s.n
        and s.is_word(after)
        and verb_info(s.norm(after)) is None
        and s.norm(after) not in s.L.boundary
        and not s.is_complement(after + 1)
        and not any(verb_info(s.norm(k)) for k in range(s.token_at(before_from), i))
        and s.norm(after)[:1] not in "وف"  # "، وفقا لما أكده المسؤولون، [وقام] ...": a new clause
    ):
        # "وأدت الغارات، بحسب مصدر ميداني، إلى تدمير منصة": a cue between commas
        # attributes its whole clause, before and after it
        first = min(s.token_at(before_from), i)
        c0, c1 = s.char_span(first, s.content_end(after))
    elif before and i > 0:
        # "وأفادت مصادر بأن X، حسب ما أعلنه الهلال الأحمر": X, not the first attribution
        first = min(s.token_at(before_from), i)
        first = _past_link(s, first, i)
        if (lead := s.cue_at(first)) and s.norm(first + lead + 1) == "," and first + lead + 2 < i:
            # "ووفقا للمعلومات، [فإن] ...، بحسب صحيفة": a source-less cue opening the clause
            first += lead + 2
        c0, c1 = s.char_span(first, i)
    else:
        c0, c1 = s.char_span(head.end, s.content_end(head.end))
    c0, c1 = _trim(s.text, c0, c1)
    c0 = s.after_complementiser(c0, c1)
    if sum(1 for k in range(s.token_at(c0), min(s.n, s.token_at(c0) + 2 * MIN_CUE_STATEMENT_WORDS + 1)) if s.ends[k] <= c1 and s.is_word(k)) < MIN_CUE_STATEMENT_WORDS:
        return None  # "جاء ذلك على لسان ...": the statement is elsewhere
    return Attribution(
        source=s.source(head),
        also=_coordinated(s, head, c0 if c0 > s.ends[head.end - 1] else len(s.text)),
        verb=s.span_text(i, i + k),
        verb_start=s.starts[i],
        verb_end=s.ends[i + k - 1],
        content_start=c0,
        content_end=c1,
        direct=False,
        via="cue",
        statement=not carrier,
    )




def _past_link(s: _Sentence, first: int, limit: int) -> int:
    """Past the writer's link that opens a clause a cue at its end attributes: "ويأتي الإعلان
    غداة [قصف ... أسفر عن مقتل 23]، وفق ما أفاد المرصد" -- the observatory gives the shelling
    and its toll, not the link to the announcement (the README example's brief)."""
    w = s.norm(first)
    if not (w in s.L.linking or (conjoined(w) and w[1:] in s.L.linking)):
        return first
    k = next((k for k in range(first + 1, min(limit, first + 5)) if s.norm(k) in s.L.link_times), None)
    return k + 1 if k is not None and k + 1 < limit else first


def _verb(
    s: _Sentence, i: int, verb: _Verb, has_previous: bool, floor: int = 0, subject: _Head | None = None
) -> tuple[Attribution | None, int]:
    """An attribution at the verb ``i``; a participle takes the previous attribution's
    speaker (``source=None``) or, failing one, the ``subject`` of a clause-opening verb.
    A verb joined to an attribution before it in the sentence with no speaker of its own
    after it continues that speaker (:func:`_joined_verb`)."""
    joinable = has_previous and verb.kind != "participle" and not verb.relay
    if joinable and (joined := _joined_verb(s, i, verb, attached_only=True)) is not None:
        return joined  # "ودعت لإجراء تحقيق": the preposition is never a speaker
    att, nxt = _verb_rules(s, i, verb, has_previous, floor, subject)
    if att is not None and att.statement and att.source is not None and not att.direct and att.via == "verb":
        att = _relayed_inside(s, att) or att
    if att is None and joinable and (joined := _joined_verb(s, i, verb)) is not None:
        return joined  # "، وتطالب حليفتها بترحيله": no rule found a speaker or a clause
    if (
        att is None and not has_previous and floor == 0 and verb.kind == "say" and not verb.relay
        and (lead := s.opening_verb_subject(i)) is not None and (joined := _joined_verb(s, i, verb)) is not None
    ):
        # "بدأ الرئيس التركي أردوغان حملته، [وتعهد] بانتصار تاريخي": the opening verb's subject
        return dataclasses.replace(joined[0], source=s.source(lead)), joined[1]
    return att, nxt


#: How far into a statement's content the relayed speaker's verb may stand: a role with
#: its name and an apposition between commas ("المستشار أحمد أبو زيد , المتحدث الرسمي باسم
#: وزارة الخارجية , قد صرح" is 13 tokens).
_RELAY_REACH = 18


def _relayed_inside(s: _Sentence, att: Attribution) -> Attribution | None:
    """A statement whose content opens with someone else's verb of saying and its أن clause
    is that one's, carried by the first speaker: "وأفاد بيان صادر في ختام اللقاء أن [شمخاني
    أعلن أن] ..."، "وأضاف المرصد أن [المستشار أحمد أبو زيد، المتحدث باسم الخارجية، قد صرح
    بأن] ..." (fresh5 and fresh6 of issue 20 gave both to the carrier).  None otherwise."""
    k = s.token_at(att.content_start)
    near = s.norms[k + 1 : k + _RELAY_REACH]
    if _first_words().isdisjoint(near) or not any((v := verb_info(s.norm(j))) is not None and v[1].kind == "say" for j in range(k + 1, min(s.n, k + _RELAY_REACH))):
        return None  # no verb of saying near the content's start (most statements): nothing relayed
    head = s.speaker_np(k, s.n) if k < s.n else None
    if head is None or head.anaphor or not s.speaker_like(head):
        return None
    j = s.past_apposition(head.end, s.n)
    if s.norm(j) == "قد":
        j += 1
    said = verb_info(s.norm(j))
    if said is None or said[1].kind != "say" or said[1].relay or said[1].noquote:
        return None
    comp = s.complement(j, said[1])
    if comp is None or comp[0] != "indirect" or comp[1] > j + 1 or comp[2] >= s.n:
        return None
    inner = _att(s, j, head, s.starts[comp[2]], att.content_end, False, "verb")
    return dataclasses.replace(inner, carrier=att.source) if inner.content_end > inner.content_start else None


def _postposed(s: _Sentence, i: int, verb: _Verb) -> tuple[Attribution, int] | None:
    """"«...»، قال يان مانزي" and '... هي جحيم "، قال X' (a quotation opened in a sentence
    before): the quotation that opens the sentence, then its verb and speaker, and nothing
    said after them.  Read on the fresh articles of issue 20 (an interview written so)."""
    if verb.kind in ("participle", "strict") or verb.relay or verb.impersonal or i < 3:
        return None
    q = i - 2 if s.norm(i - 1) == "," else i - 1
    quoted = s.norm(q) == _QUOTE
    if not quoted:
        if s.norm(i - 1) != "," or s.first_quote < i or verb.kind != "say":
            return None
        # "ربما قد خطط لهذا الموقف ... الأذكى، [تقول الصحيفة]."، "...، تتابع الصحيفة": what
        # the sentence says up to the comma is the speaker's (the press reviews of fresh3,
        # issue 20, without quotation marks); only when the speaker ends the sentence
        a, q = 0, i - 1
    elif (opener := next((o for o, c in s.closer.items() if c == q), None)) is not None:
        if any(s.is_word(k) for k in range(opener)):
            return None  # the quotation does not open the sentence
        a = opener + 1
    elif any(s.norm(k) == _QUOTE for k in range(q)):
        return None
    else:
        a = 0  # the sentence opens inside a quotation begun before it
    if next(islice((k for k in range(a, q) if s.is_word(k)), 2, None), None) is None:
        return None  # fewer than three words said (counted no further: a long sentence of
        # many verbs stays linear)
    head = s.speaker_np(i + 1, s.n, verb.preps)
    if head is None or not s.speaker_like(head):
        return None
    end = s.skip_circumstance(s.coordinated(head, s.n, verb.preps)[-1].end, s.n)
    if end < s.n and s.is_word(end) and not (verb_info(s.norm(end)) or (None, None))[1]:
        return None  # something follows that the speaker says or does: not this shape
    if not quoted and end < s.n and s.norm(end) not in _TERMINAL and not (conjoined(s.norm(end)) and verb_info(s.norm(end))):
        return None  # "...، قال مصدر عسكري، إن": the statement follows its speaker
    c0, c1 = _trim(s.text, *s.char_span(a, q))
    if c1 <= c0:
        return None
    return _att(s, i, head, c0, c1, quoted, "verb"), head.end


def _joined_verb(s: _Sentence, i: int, verb: _Verb, *, attached_only: bool = False) -> tuple[Attribution, int] | None:
    """"وقالت X إن ...، [ودعت] لإجراء تحقيق"، "وتتهم تركيا غولن بـ...، [وتطالب] حليفتها
    بترحيله": a و-verb after a comma (or opening on its own preposition) whose next words
    are its preposition or an object that cannot speak: a follow-on of the sentence's
    speaker (``source=None``), the object kept in what is said."""
    w = s.norm(i)
    if not conjoined(w) or verb.impersonal or verb.noquote or verb.kind == "strict" or i + 1 >= s.n:
        return None
    attached = tuple(p for p in verb.preps if len(p) == 1)
    if s.attached_prep(i + 1, attached) and not s.speaker_like_at(i + 1):
        start = i + 1  # "ودعت [لإجراء] تحقيق فوري"
    elif not attached_only and s.norm(i - 1) == "," and (verb.noun or verb.preps) and not s.is_complement(i + 1) and s.norm(i + 1) not in (":", _QUOTE):
        head = s.speaker_np(i + 1, s.n, verb.preps)
        if head is not None and s.speaker_like(head):
            return None
        prep = next(
            (k for k in range(i + 1, min(s.n, i + 8)) if s.attached_prep(k, attached) or any(_prep_matches(s.norm(k), p) for p in verb.preps if len(p) > 1)),
            None,
        )
        if prep is None and not verb.noun:
            return None
        # "، وأعربوا [عن] أسفهم"، "، وشدد خلال النقطة [على] احترام ...": from the verb's own
        # preposition; a noun object ("وتطالب حليفتها بترحيله") from the word after the verb
        start = s.after_preposition(prep, verb) if prep is not None and not verb.noun else s.after_preposition(i + 1, verb)
    else:
        return None
    end = s.content_end(start)
    c0, c1 = _trim(s.text, *s.char_span(start, end))
    if c1 <= c0 or sum(1 for k in range(start, end) if s.is_word(k)) < 2:
        return None
    return _att(s, i, None, c0, c1, False, "verb"), end


def _verb_rules(
    s: _Sentence, i: int, verb: _Verb, has_previous: bool, floor: int = 0, subject: _Head | None = None
) -> tuple[Attribution | None, int]:
    if verb.pronoun and ((before := s.norm(i - 1)) in s.L.relative or before in s.L.whom):
        # "غولن، الذي تتهمه أنقرة بالوقوف وراء ..."، "زي من وصفتهم بـ«الإرهابيين»": the pronoun
        # resumes the noun the relative describes; the writer's designation, not a statement
        # (three of the spent pool's gold leave these out)
        return None, i + 1
    if verb.silent and s.norm(i + 1) in verb.silent:
        return None, i + 1  # "رفض التعليق"، a byline "كتب بواسطة :": nothing said
    if verb.kind == "say" and (nxt := verb_info(s.norm(i + 1))) is not None and nxt[1].kind == "say":
        return None, i + 1  # "وخلص [يقول] «...»": the verb of saying after it carries the statement
    if verb.relay:
        return _relay(s, i, verb, floor)
    if verb.kind == "say" and not verb.noquote and s.norm(i + 1) in s.L.first_person and s.follow_on_allowed(i):
        # "وأضافت لست من هؤلاء الذين ...": the speaker's own words, no colon or marks; the
        # speaker is the one before (the first-person word is no name)
        c0, c1 = _trim(s.text, *s.char_span(i + 1, s.n))
        if c1 > c0:
            return _att(s, i, None, c0, c1, True, "verb"), s.n
    comp = s.complement(i, verb)
    if verb.vprep and (comp is None or comp[0] not in ("indirect", "direct")) and (called := _called(s, i, verb)) is not None:
        return called
    participle = verb.kind == "participle"
    via = "participle" if participle else "verb"
    crowd = None
    if participle and not has_previous and subject is None:
        crowd = subject = s.crowd_subject(i)  # "وتجمع المحتجون أمام البرلمان [مرددين] هتافات"
        if subject is None:
            subject = _participle_subject(s, i)  # "وسحبت الحكومات الغربية المساعدات ...، [مشيرة] إلى"
    if comp is None or (verb.frame and not _frame_follows(s, i, verb, comp)):
        if participle:
            if not (has_previous or subject is not None or i == 0) or not (i == 0 or s.norm(i - 1) in ",." or crowd is not None):
                return None, i + 1
            # "مناشدا كافة الأطراف العمل على حماية المدنيين"، "داعيا إلى تحقيق": the rest
            start = s.after_preposition(i + 1, verb)
            end = s.content_end(start)
            c0, c1 = _trim(s.text, *s.char_span(start, end))
            if c1 <= c0:
                return None, i + 1
            return _att(s, i, None if has_previous or i == 0 else subject, c0, c1, False, via, statement=not verb.noquote), end
        said, nxt = _noun_object(s, i, verb, floor)
        if said is None and has_previous and verb.noun and not verb.noquote and _pronoun_before(s, i):
            # "...، لكنه نفى وجود أي خلافات"، "إلا أنه لم يستبعد إمكانية": the speaker before
            # says it (fresh5); what follows the verb is its object
            start = s.after_preposition(i + 1, verb)
            end = s.content_end(start)
            c0, c1 = _trim(s.text, *s.char_span(start, end))
            if c1 > c0:
                return _att(s, i, None, c0, c1, False, "verb"), end
        return said, nxt
    kind, h_end, c_tok = comp
    if verb.vnoun and (
        kind not in ("indirect", "direct") or h_end - i > 12 or (head := s.speaker_after_verb(i + 1, h_end, verb.preps)) is None
        or head.start != i + 1 or (kind == "direct" and not head.end == h_end == c_tok)  # "قول X «...»": the quotation right after X
    ):
        return None, i + 1  # "إعلان الأسد أن": the noun's genitive and an أن clause, nothing else
    if s.norm(i - 1) in s.L.negation and kind not in ("indirect", "direct", "colon"):
        return None, i + 1  # "ولم تعلن السلطات بعد عن أي ترتيبات": denied, nothing said
    head: _Head | None = None
    object_start: int | None = None  # "اتهم مصدر ... روسيا بأنها": the object is said too
    if participle:
        if not has_previous and i > 0:
            said_right_after = h_end == i + 1 and kind in ("indirect", "direct", "colon")
            if subject is None and said_right_after:
                # with or without a comma before it: "هنأ الرئيس الصربي ألكسندر فوسيتش أردوغان
                # قائلا إن"، "ومدح لوثر ماتيوس بوتين قائلا:" (the verb before says nothing)
                subject = _clause_subject_before(s, i)
            if subject is None and not (said_right_after and i <= 2 and not any(k in s.named for k in range(i))):
                return None, i + 1
            # (none named and the sentence opened by a verb alone -- "ومضى قائلا"، "وطمأن
            # قائلا" -- the speaker before says it: the source stays None)
            head = subject
        if kind != "colon" and any(s.is_word(k) for k in range(s.after_preposition(i + 1, verb), h_end)):
            object_start = s.after_preposition(i + 1, verb)  # "متهما موسكو بأنها «تدعي»"
    else:
        first = i + 2 if s.norm(i + 1) in _PRONOUN_PREPOSITIONS else i + 1  # "عبر فيها القادة عن"
        head = None
        if first == i + 2 and s.norm(i - 1) not in s.L.relative and s.speaker_after_verb(first, h_end, verb.preps) is None:
            head = _sender(s, i, floor)  # "وبعث X رسالة إلى Y قال فيها: ..."
        if head is None and verb.kind != "strict" and (kana := s.kana_subject(i, floor)) is not None:
            # "وكان وزير الاتصالات ... جهرمي، قد صرح بأن"، "وكانت فرقة «X» ...، أعلنت
            # مسؤوليتها عن": the subject of كان speaks; a noun after the verb is its object
            head = kana
            rest = s.skip_circumstance(first, h_end)
            # (not a time between commas: "قد أكد [نهاية الشهر الماضي]، أن"; but an object
            # before a participle that carries the clause: "أعلنت مسؤوليتها عن الاقتحام، قائلة إن")
            said_after = any((v := verb_info(s.norm(k))) is not None and v[1].kind == "participle" for k in range(rest, h_end))
            if verb.noun and kind in ("indirect", "rest", "direct") and rest < h_end and s.is_word(rest) and not s.is_complement(rest) and ("," not in s.norms[rest:h_end] or said_after):
                object_start = rest
        if head is None and not s.opens_clause(i) and verb.kind != "strict":
            # "نتانياهو يحذر إيران ..."، "وكانت فرنسا دعت اليوم الأمم المتحدة إلى": the subject
            # stands before a verb that does not open its clause; what follows is its object
            before = s.head_before(i, floor)
            if before is not None and not s.speaker_like(before) and (after := s.speaker_after_verb(first, h_end, verb.preps)) is not None and after.kind == "anonymous":
                before = None  # "وسيول [ذكرت تقارير] أن": an unnamed source after the verb is its subject (fresh4)
            if before is not None and s.subject_like(before):
                head = before
                rest = s.skip_circumstance(first, h_end)
                if verb.noun and kind in ("indirect", "rest", "direct") and rest < h_end and s.is_word(rest) and not s.is_complement(rest):
                    object_start = rest
        if head is None and s.norm(i - 1) == "قد" and (before := s.head_before(i, floor)) is not None:
            if before.start > 0 and s.norm(before.start - 1) in KANA_FORMS and s.subject_like(before):
                # "وكان ماكرون قد قال لنظيره الروسي فلاديمير بوتين إن": the subject stands
                # between كان and قد; the name after the verb is whom it was said to
                head = before
        if head is None:
            head = s.speaker_after_verb(first, h_end, verb.preps)
            if head is not None and verb_gender(s.norm(i)) == "m" and s.feminine_noun(head):
                # "وأكد [ضرورة] أن": a masculine verb does not agree with one feminine noun
                # no list, title or recognizer knows; it is the object (fresh3 of issue 20)
                if verb.noun:
                    object_start = head.start
                head = None
            if head is not None and verb.noun and head.kind == "organisation" and not s.speaker_like(head):
                head = None  # "وتصف [المزاعم البريطانية] ... بأنها": the object, not who speaks
            if head is not None and verb_gender(s.norm(i)) == "f" and s.norm(head.start) not in (_QUOTE, "(") and s.masculine_head(head):
                # (a quoted name is a paper's or a group's: 'وأضافت " الوطن " أن')
                # "وحثت [المجتمع الدولي] على": a feminine verb does not agree with a masculine
                # noun and adjective; they are its object, the subject is a pronoun (a fresh
                # article gave three of a woman's statements to "المجتمع الدولي")
                if verb.noun:
                    object_start = head.start
                head = None
            if head is not None and verb.transitive and head.start == first and head.end == h_end and kind in ("indirect", "rest"):
                # "ووصف [زعيم الحزب كمال قليجدار أوغلو] بأنه ديكتاتور": what runs up to the
                # preposition is the object the verb needs; the speaker is elsewhere (fresh4),
                # unless an unnamed source stands before a country there ("واتهم مصدر عسكري
                # [الولايات المتحدة] بأنها")
                split = next((k for k in range(head.start + 1, h_end) if s.is_place_or_country(k) or f"{s.norm(k)} {s.norm(k + 1)}" in s.L.countries), None)
                shorter = s.speaker_np(first, split, verb.preps) if split is not None and head.kind == "anonymous" else None
                if shorter is not None and shorter.end == split:
                    head, object_start = shorter, split
                else:
                    object_start, head = head.start, None
            if head is not None and verb_is_plural(s.norm(i)):
                # "ذكروا [باشتباه وقوع هجوم]": a plural verb carries its subject; what follows
                # it is no speaker
                head = None
            if (
                verb.noun
                and not has_previous
                and floor == 0
                and conjoined(s.norm(i))
                and (head is None or not s.speaker_like(head))
                and (lead := s.lead_subject(i)) is not None
            ):
                # "روسيا تستدعي السفير ... وتصف مزاعم تورطها ... بأنها «هراء»": the verb
                # joined to the opening clause keeps its subject; what follows is its object
                head = lead
                rest = s.skip_circumstance(first, h_end)
                if rest < h_end and s.is_word(rest) and not s.is_complement(rest):
                    object_start = rest
        if head is None and not has_previous and floor == 0 and conjoined(s.norm(i)) and (lead := s.opening_verb_subject(i)) is not None:
            head = lead  # "بدأ الرئيس التركي أردوغان حملته، وتعهد بانتصار تاريخي"
        if (
            head is not None
            and has_previous
            and s.norm(i - 1) == ","
            and conjoined(s.norm(i))
            and verb.noun
            and head.kind in ("country", "person")
            and head.role is None
            and head.end - head.start == 1
            and kind in ("indirect", "rest")
        ):
            # "وكانت فرنسا دعت ...، وحذرت روسيا من أنها تخاطر": a verb joined to the clause
            # before it keeps its subject; the name after it is its object
            object_start, head = head.start, None
        if head is not None and head.start > i and verb.noun and kind in ("indirect", "rest", "direct"):
            # past the speakers coordinated with it: "أعلنت وزارة الخزانة [والحكومة الإماراتية] عن"
            rest = s.after_preposition(s.skip_circumstance(s.coordinated(head, h_end, verb.preps)[-1].end, h_end), verb)
            if rest < h_end and s.is_word(rest) and not s.is_complement(rest):
                named = s.name_between_commas(head.end, h_end)
                if named is not None:
                    head = _named_with_role(s, head, named)  # "وأوضح رئيس الفريق ... اليمني، الملازم سلطان شمسان، أن"
                else:
                    object_start = rest  # "اتهم مصدر في المعارضة روسيا بأنها": the object is said
        elif head is not None and head.start > i and kind in ("indirect", "rest", "direct", "colon") and head.end < h_end and _role_read(head):
            # a role the rules read, then the person's name between commas before what is
            # said ('وقال مندوب البرلمان الروسي لشؤون سوريا , " ديمتري بيليك " , إن'، "قالت
            # مديرة حملة طليب، أندي غوديريس، إن"): the name speaks (issue 20, session 17:
            # 27 statements of the spent splits went to the role or to a word of it)
            named = s.name_between_commas(head.end, h_end)
            if named is not None and named.start > head.start:
                head = _named_with_role(s, head, named)
        if verb.kind == "strict" and ((kind not in ("indirect", "rest") and not (verb.vnoun and kind == "direct")) or (not verb.vnoun and head is not None and head.start > i and (not s.speaker_like(head) or s.norm(head.start) == _QUOTE))):
            return None, i + 1  # "بين [النساء] والرجال ... فإن"، 'بين "وزارة الدفاع" و...': the word, not the verb
        if head is None and (s.norm(i - 1) == "," or (s.norm(i - 1) == "حيث" and s.norm(i - 2) == ",")) and not verb.vnoun:
            head = s.statement_owner(i, floor)  # "وفي تصريح لـX، اليوم، قال إن"، "في تدوينة لـX ...، حيث قالت"
        if head is None:
            if verb.kind != "strict" or (s.norm(i - 1) in s.L.relative and not verb.vnoun):
                head = s.head_before(i, floor)
                if head is not None and not s.subject_like(head):
                    # "وعرض التلفزيون صورا بعد ورود تقارير تفيد": a clause, not a speaker;
                    # "لم تعلن": no one
                    head = s.subject_within(head)
            joined = (has_previous or subject is not None) and conjoined(s.norm(i)) and kind in ("indirect", "direct", "colon") and verb.kind == "say"
            if head is None and joined and not has_previous and subject is not None:
                head = subject  # "ورد جيفرز على رومني عبر تويتر [وقال] «...»": the stance verb's subject (fresh3)
            # a verb whose clause follows it at once has a pronoun subject wherever it stands
            # ("والتي أسست الحزب ... [وقالت] إنها ستترشح"، "وفي تصريح لزوجها [قال] إنه")
            bare = h_end == i + 1 and kind in ("indirect", "direct", "colon") and s.opens_clause(i) and not _in_relative(s, i)
            if head is None and (verb.kind == "strict" or verb.impersonal or not (s.follow_on_allowed(i) or joined or bare)):
                return None, i + 1  # ("ودعا أردوغان لانتخابات ... [وقال] إن": joined to a statement, fresh4)
            if head is None and verb.noun and kind in ("indirect", "rest", "direct"):
                # "واتهم أيضا الولايات المتحدة بأنها ...": the previous speaker, and the object
                rest = s.skip_circumstance(first, h_end)
                if rest < h_end and s.is_word(rest) and not s.is_complement(rest):
                    object_start = rest
        elif verb.kind == "strict" and h_end - i > 16:
            return None, i + 1
    # believing and estimating name a source, say nothing ("ويرى محللون أن")
    statement = not verb.noquote
    direct = kind in ("direct", "colon")
    if object_start is not None and kind != "colon":
        end = s.content_end(object_start)
        c0, c1 = _trim(s.text, *s.char_span(object_start, end))
        if c1 > c0:
            return _att(s, i, head, c0, c1, False, via, statement=statement), end
    if kind == "direct":
        o = c_tok if s.norm(c_tok) == _QUOTE else c_tok + 1
        close = s.closer.get(o, s.n)
        if h_end == o and o > 0 and s.norm(o - 1) in verb.preps and len(s.norm(o - 1)) == 1:
            h_end = o - 1  # "وندد الاتحاد [بـ]«الاعتداء»": a quoted noun, said
        if any(s.is_word(k) for k in range(h_end, o)):
            # "وتحدث المرصد عن «وجود جثث في الشوارع» في تلك الأحياء": a quoted noun, said
            end = s.content_end(s.after_preposition(h_end, verb))
            c0, c1 = _trim(s.text, *s.char_span(s.after_preposition(h_end, verb), end))
            if c1 > c0:
                return _att(s, i, head, c0, c1, False, via, statement=statement), end
        c0 = s.ends[o]
        c1 = s.starts[close] if close < s.n else s.char_span(o + 1, s.n)[1]
        nxt = close + 1
    else:
        start = c_tok
        if kind == "rest":
            start = s.after_preposition(start, verb)
        if kind == "indirect" and s.norm(start) in ("ان", "بان", "وان"):
            start += 1
        if kind == "indirect" and s.norm(start) == _QUOTE and start in s.closer:
            close = s.closer[start]
            after = close + 1
            if after >= s.n or not s.is_word(after) or s.content_end(after) == after or (verb_info(s.norm(after)) or ("", None))[1] is not None and verb_info(s.norm(after))[1].kind == "participle":
                direct = True
                c0 = s.ends[start]
                c1 = s.starts[close] if close < s.n else s.char_span(start + 1, s.n)[1]
                return _att(s, i, head, c0, c1, True, via, statement=statement), close + 1
        end = s.content_end(start) if kind != "colon" else s.n
        c0, c1 = s.char_span(start, end)
        nxt = end
    c0, c1 = _trim(s.text, c0, c1)
    if c1 <= c0:
        return None, i + 1
    return _att(s, i, head, c0, c1, direct, via, statement=statement), nxt


#: How far into its sentence the subject of a participle's clause is looked for: the subject
#: stands near the start ("دبي، الإمارات العربية المتحدة (CNN)— أعاد الإعلامي السعودي، جمال
#: خاشقجي" is 12 tokens), and a bound keeps a sentence of many participles linear.
SUBJECT_REACH = 30


def _clause_subject_before(s: _Sentence, i: int) -> _Head | None:
    """The first person or organisation the recognizer names in the sentence before the
    participle ``i`` whose phrase agrees with it in gender ("شككت وزارة الدفاع الأمريكية ...
    , [مؤكدة] أنها"، "أعاد الإعلامي السعودي، جمال خاشقجي، نشر ...، [مؤكدا] على أن"): the
    subject of the clause the participle goes with.  Only the recognizer's names: a phrase
    any word may open reads a verb or a dateline as the subject ("قدم"، "دبي")."""
    feminine = verb_gender(s.norm(i)) == "f"
    for a in range(min(i, SUBJECT_REACH)):
        found = s.named.get(a)
        if found is None or found[0] > i or found[1] not in ("person", "organisation"):
            continue
        w = s.norm(a)
        if w.startswith(PREPOSITION_ARTICLES):
            continue  # "السفير الإسرائيلي [للأمم المتحدة]": a preposition's object is no subject
        head = s.speaker_np(a, i)
        if head is not None and head.start == a:
            # the phrase past the name up to a preposition's object ("[وزارة الزراعة] بأرقام")
            cut = next((k for k in range(found[0], head.end) if s.attached_prep(k, PREPOSITIONS)), None)
            if cut is not None:
                head = dataclasses.replace(head, end=cut, name=(a, found[0]) if head.name is not None else None)
        if head is None or head.start != a:
            head = _Head(a, found[0], (a, found[0]), None, "person" if found[1] == "person" else "organisation", None, False)
        if feminine and s.masculine_head(head) or not feminine and s.feminine_noun(head):
            continue
        return head
    return None


def _in_relative(s: _Sentence, i: int) -> bool:
    """The word ``i`` stands in a relative clause opened since the last comma ("مريم، التي
    تقول إن"، "والتي أسست الحزب ... وقالت إنها"): its subject is the noun before the
    relative pronoun, not a speaker named before."""
    for k in range(i - 1, -1, -1):
        w = s.norm(k)
        if w == "," or w in _TERMINAL:
            return False
        if w in s.L.relative or (conjoined(w) and w[1:] in s.L.relative):
            return True
    return False


def _relay(s: _Sentence, i: int, verb: _Verb, floor: int) -> tuple[Attribution | None, int]:
    """"ونقلت اليونيسيف عن طبيب في حلب أن ..."، "نسبت الصحيفة إلى المفاوض قوله إن ..."،
    "نقلت صحف تركية، اليوم، عن مصادر عسكرية تفاصيل العملية": the speaker is the one named
    after the verb's preposition; the outlet before it only carries the statement."""
    carrier = s.speaker_np(i + 1, s.n)
    j = s.skip_circumstance(carrier.end if carrier is not None else i + 1)
    # the preposition a few words on (a carrier named at length: «موقع صحيفة "ماركا" الإسبانية»)
    # "ونقل مكتب العبادي [عنه] قوله": the preposition with a pronoun points back to a speaker
    pointing = {p + suffix for p in verb.preps for suffix in ("ه", "ها", "هم")}
    j = next(
        (k for k in range(j, min(s.n, j + MAX_NAME_WORDS + 2)) if any(_prep_matches(s.norm(k), p) for p in verb.preps) or s.norm(k) in pointing),
        s.n,
    )
    if j >= s.n or any(s.norm(k) in _TERMINAL or verb_info(s.norm(k)) for k in range(i + 1, j)):
        return None, i + 1
    back = s.norm(j) in pointing
    if back and s.norm(j + 1) not in s.L.saying:
        return None, i + 1
    if back:
        # the pronoun's antecedent is the person whose office or agency carries the words
        # ("ونقل مكتب [العبادي] عنه قوله"), else the speaker before (a follow-on)
        named = None if carrier is None else next(
            (k for k in range(carrier.start, carrier.end) if s.named.get(k, (0, ""))[1] == "person" and s.named[k][0] <= carrier.end), None
        )
        speaker = s.parse_head(named, s.named[named][0]) if named is not None else None
    else:
        speaker = s.speaker_np(j + 1, s.n)
        if speaker is None:
            return None, i + 1
    k = s.skip_circumstance(j + 1 if back else speaker.end)
    if s.norm(k) in s.L.saying:
        k += 1  # "قوله"، "قولها"
        if s.norm(k) == ",":
            k = s.skip_circumstance(k + 1)  # "قوله، في الاتصال الهاتفي مع يلدريم، إن"
            k += s.norm(k) == ","
    if k < s.n and s.norm(k) == ":":
        k += 1
    direct = s.norm(k) == _QUOTE and k in s.closer and s.closer[k] > k + 1
    if direct:
        close = s.closer[k]
        c0, c1 = s.ends[k], s.starts[close] if close < s.n else len(s.text)
        end = close + 1
    else:
        if s.is_complement(k):
            k += 1 if s.norm(k) in ("ان", "بان", "وان") else 0
        end = s.content_end(k)
        c0, c1 = s.char_span(k, end)
    c0, c1 = _trim(s.text, c0, c1)
    if c1 <= c0 or not s.is_word(k) and not direct:
        return None, i + 1
    att = _att(s, i, speaker, c0, c1, direct, "verb")
    if back and speaker is None:
        # a follow-on of whoever the pronoun points to; the verb agrees with the carrier,
        # not with the speaker, so it is kept with the pronoun (no gender to follow)
        att = dataclasses.replace(att, verb=s.span_text(i, j + 1))
    return dataclasses.replace(att, carrier=s.source(carrier) if carrier is not None else None), end


def _frame_follows(s: _Sentence, i: int, verb: _Verb, comp: tuple[str, int, int] | None) -> bool:
    """A verb that says something only with its noun ("وجه نداء") has it before its complement."""
    end = comp[1] if comp else min(s.n, i + 1 + MAX_FRAME_DISTANCE)
    return any(s.norm(k) in verb.frame for k in range(i + 1, min(end + 2, s.n)))


def _pronoun_before(s: _Sentence, i: int) -> bool:
    """The verb at ``i`` follows a word carrying the previous speaker's pronoun, past a
    negation: "لكنه [نفى]"، "إلا أنه لم [يستبعد]"."""
    k = i - 1
    while k > 0 and s.norm(k) in s.L.negation:
        k -= 1
    # denied, a verb says nothing ("لكنه لم يعلن أي موعد") unless it still states ("لم يستبعد")
    return s.norm(k) in _PRONOUN_OPENERS and (k == i - 1 or s.norm(i) in s.L.litotes)


def _called(s: _Sentence, i: int, verb: _Verb) -> tuple[Attribution, int] | None:
    """A noun of saying with its own preposition and no أن clause: "دعوة [قطر] إلى اجتماع
    عاجل"، "مطالبة [الحكومة] بتحقيق دولي" (the genitive right after the noun speaks), "دفعت
    [بقطر] للدعوة إلى اجتماع عاجل" (a purpose: the one named right before it speaks). What
    follows the preposition is said (seed 004's call by Qatar, and the verbal nouns with a
    genitive that fresh5 of issue 20 missed)."""
    w = s.norm(i)
    w = w[1:] if conjoined(w) and noun_info(w[1:]) is not None else w
    if w.startswith(PURPOSE_ARTICLE):
        k = i - 1
        if not (len(s.norm(k)) > 3 and s.norm(k)[0] == PREPOSITIONS[0] and s.speaker_like_at(k)):
            return None
        with s.without_preposition(k):
            head = s.parse_head(k, i)
        if head is None or head.end != i:
            return None
        head, p = dataclasses.replace(head, conj=True), i + 1
    else:
        head = s.speaker_np(i + 1, s.n, verb.preps)
        if head is None or head.start != i + 1 or not s.speaker_like(head):
            return None
        p = head.end
    attached = tuple(x for x in verb.preps if len(x) == 1)
    if p >= s.n or not (s.norm(p) in verb.preps or s.attached_prep(p, attached)):
        return None
    start = s.after_preposition(p, verb)
    end = s.content_end(start)
    # up to another speaker's verb after a comma ("...، كما طالب أعضاء بمجلس الأمة")
    end = next((k for k in range(start, end) if s.norm(k) == "," and any(verb_info(s.norm(x)) for x in (k + 1, k + 2))), end)
    c0, c1 = _trim(s.text, *s.char_span(start, end))
    if c1 <= c0:
        return None
    return _att(s, i, head, c0, c1, False, "verb"), end


def _noun_object(s: _Sentence, i: int, verb: _Verb, floor: int) -> tuple[Attribution | None, int]:
    """A finite verb whose statement is a noun object or an attached preposition's object:
    "أعلن التحالف فرض حصار كامل"، "رحبت وزارة الخارجية بعملية الإجلاء"، "وجه الدفاع المدني
    نداء لإنقاذ ..."؛ the speaker after the verb, or before it ("وكان التنظيم قد أعلن ...")."""
    attached = tuple(p for p in verb.preps if len(p) == 1)
    if not (verb.noun or verb.frame or attached) or verb.noquote or verb.kind == "strict" or s.norm(i - 1) in s.L.negation:
        return None, i + 1
    if s.norm(i - 1) in s.L.relative and s.norm(i + 1) in s.L.resumptive:
        return None, i + 1  # "الاتفاق الذي أعلنت عنه الأمم المتحدة": what was said is the antecedent
    head: _Head | None = None
    start = i + 1
    first = i + 2 if s.norm(i + 1) in _PRONOUN_PREPOSITIONS else i + 1  # "التي يعلن فيها الجيش"
    after = s.speaker_np(first, s.n, verb.preps)
    # "وألقت [الوكالة] باللوم على": the verb's own noun right after it marks its subject
    # (and ends it, though a head would run on into it as a genitive)
    framed = False
    if after is not None and verb.frame:
        cut = next((k for k in range(after.start + 1, after.end + 1) if s.norm(k) in verb.frame), None)
        if cut is not None and after.name is None:
            after, framed = dataclasses.replace(after, end=cut), True
    if after is not None and after.role is not None:
        after = _role_before_object(s, after, verb, attached)
    after = after if after is not None and (framed or s.speaker_like(after) or _collective(s, after)) else None
    # "وكان التنظيم قد أعلن ..."، "لكن طهران نفت ...": the subject before the verb
    if not s.opens_clause(i) or s.norm(i - 1) == "قد":
        head = s.head_before(i, floor)
        head = head if head is not None and s.subject_like(head) else None
    if head is None:
        head = s.kana_subject(i, floor)  # 'وكانت فرقة «X» ...، أعلنت مسؤوليتها عن'
    if head is None and after is not None:
        head, start = after, after.end
        if _role_read(head):
            # "كشف وزير المالية والخزانة التركي، [براءت ألبيراق]، الثلاثاء، عن"، "دعا رجل الدين
            # الشيعي العراقي، [مقتدى الصدر]، الخميس، إلى": a role, then the person's name
            # between commas before the verb's own preposition; the name speaks and the
            # statement starts at the preposition (issue 20, session 17)
            p = next((k for k in range(start, min(s.n, start + 2 * MAX_HEAD_WORDS)) if s.norm(k) in verb.preps or s.norm(k) in _TERMINAL or verb_info(s.norm(k)) is not None), None)
            named = s.name_between_commas(start, p) if p is not None and s.norm(p) in verb.preps else None
            if named is not None and named.start > head.start:
                head, start = _named_with_role(s, head, named), p
    if head is None:
        return None, i + 1
    start = s.skip_circumstance(start)
    if start >= s.n or not s.is_word(start) and not (s.norm(start) == _QUOTE and start in s.closer):
        return None, i + 1
    w = s.norm(start)
    if verb.frame:
        k = next((k for k in range(start, min(s.n, start + 4)) if s.norm(k) in verb.frame), None)
        if k is None:
            return None, i + 1
    elif not verb.noun:
        # "ندد السياسي ... (45 عاما) يوم الأحد عبر التلفزيون ... بـ«النظام القمعي»": what is
        # said starts at the verb's own preposition, past any circumstance
        k = next(
            (
                k
                for k in range(start, min(s.n, start + MAX_COMPLEMENT_DISTANCE))
                if s.attached_prep(k, attached) or s.norm(k) in _TERMINAL or (verb_info(s.norm(k)) or ("", None))[1] is not None and verb_info(s.norm(k))[1].kind != "strict"
            ),
            None,
        )
        if k is None or not s.attached_prep(k, attached):
            return None, i + 1
        start = k
        w = s.norm(start)
    if verb_info(w) is not None or s.is_complement(start) or s.cue_at(start) or w in verb.silent:
        return None, i + 1
    end = s.content_end(start)
    c0, c1 = _trim(s.text, *s.char_span(start, end))
    if c1 <= c0:
        return None, i + 1
    return _att(s, i, head, c0, c1, False, "verb"), end


def _role_before_object(s: _Sentence, head: _Head, verb: _Verb, attached: tuple[str, ...]) -> _Head:
    """A role read on into the verb's object, cut back to the role: "وتعهد [الوزير] باتخاذ
    الإجراءات" (the verb's own preposition read as the role's complement), "ونفى [الوزير]
    ارتكاب أي خطأ" (a noun object read as the role's name).  A word no recognizer names and no
    list knows as a given name is no name after the role when it opens with the verb's
    one-letter preposition, or, for a verb whose noun object is said, when it is the name after
    a definite role ("الرئيس التونسي [تغيير]") or has a verbal noun's shape ("جنرال [موتورز]"
    stays a company)."""
    for k in range(head.start + 1, head.end):
        if k in s.named or s.norm(k) in s.L.given:
            continue
        opens_object = s.attached_prep(k, attached) and (head.role is None or k >= head.role[1] or s.norm(k - 1) != "باسم")
        if opens_object or (verb.noun and head.name is not None and k == head.name[0] and (s.norm(head.role[0]).startswith(ARTICLE) or _verbal_noun_shape(s.norm(k)))):
            role = (head.role[0], min(head.role[1], k))
            return dataclasses.replace(head, end=k, name=None, role=role, organisation=None if k < head.end else head.organisation, definite_only=True)
    return head


def _verbal_noun_shape(w: str) -> bool:
    """The shape of a verbal noun of the derived forms ("ارتكاب"، "استخدام"، "إطلاق"): an
    object, not a name after a role."""
    return len(w) >= 5 and w[0] in "اإت" and w[-2] == "ا"


def _collective(s: _Sentence, head: _Head) -> bool:
    """A collective speaker no list holds, after a verb whose noun object is said: a plural
    of people ("سياسيون إسرائيليون"، "الكنديون"، "المتهمون")، a definite dual ("الفريقان"،
    "الطرفان") or a plural of bodies with its adjective ("النقابات العمالية"، "الدول
    الأوروبية"، "دول غربية"); never a plural of statements ("تصريحات رسمية"، "اتهامات
    روسية").  Issue 20, session 32: these speakers opened ~1 % of the spent statements no
    quote found."""
    if head.end - head.start > MAX_COLLECTIVE_WORDS:
        return False
    w = s.norm(head.start)
    if w.endswith(("ون", "يون")) or (w.startswith(ARTICLE) and w.endswith("ان") and len(w) > 5):
        return True
    if not (w.endswith("ات") or _bare(w) == "دول") or head.end - head.start < 2 or not s._nisba(head.start + 1):
        return False
    return _bare(w)[:-2] not in s.L.statement_nouns and _bare(w) not in s.L.statement_nouns


#: The longest collective speaker :func:`_collective` reads ("سياسيون إسرائيليون من اليمين
#: واليسار" is cut by the head's own rules before).
MAX_COLLECTIVE_WORDS = 4


def _participle_subject(s: _Sentence, i: int) -> _Head | None:
    """The subject of the clause a participle of saying after a comma goes with, when the
    sentence opens with a verb that says nothing: "وخرج [نشطاء معارضون للنازية] في مسيرة ...،
    متهمين"، "وسحبت [الحكومات الغربية] المساعدات ...، مشيرة إلى"، "وفتح [ترامب] النار على ...،
    متهما"."""
    if i < 3 or s.norm(i - 1) != ",":
        return None
    head = _clause_subject_before(s, i)
    if head is not None and head.start <= 2:
        return head
    w0 = s.norm(0)
    if not conjoined(w0) or verb_info(w0) is not None or w0 in s.L.boundary:
        return None
    head = s.speaker_np(1, i)
    if head is None or head.anaphor or not s.speaker_like(head):
        return None
    feminine = verb_gender(s.norm(i)) == "f"
    if feminine and s.masculine_head(head) or not feminine and s.feminine_noun(head):
        return None
    return head


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


def _coordinated(s: _Sentence, head: _Head | None, c0: int) -> tuple[Source, ...]:
    """The speakers coordinated with ``head`` before what they say (at offset ``c0``)."""
    if head is None:
        return ()
    limit = next((k for k in range(head.end, min(s.n, head.end + MAX_HEAD_WORDS)) if s.starts[k] >= c0), min(s.n, head.end + MAX_HEAD_WORDS))
    return tuple(s.source(h) for h in s.coordinated(head, limit)[1:])


#: A refusal to comment stands this close to the start of what is said ("إن الجيش لا يعلق").
MAX_REFUSAL_AT = 3


def _says_nothing(s: _Sentence, c0: int, c1: int) -> bool:
    """What is said at ``c0``-``c1`` restates what came before ("[بذلك] في اتصال هاتفي") or
    refuses to comment ("الجيش [لا يعلق] على تقارير أجنبية"): a speaker named, no statement."""
    k = s.token_at(c0)
    if k < s.n and s.norm(k) in s.L.restated:
        return True
    return any(s.phrase_at(j, s.L.nocomment) for j in range(k, min(s.n, k + MAX_REFUSAL_AT)) if s.starts[j] < c1)


def _att(s: _Sentence, i: int, head: _Head | None, c0: int, c1: int, direct: bool, via: str, *, statement: bool = True) -> Attribution:
    head = s.spoken_by(head) if head is not None else None
    if not direct:
        c0 = s.after_complementiser(c0, c1)
    while c0 < c1 and s.text[c0].isspace():
        c0 += 1  # '" مدينة الباب على وشك التحرر "': quotation marks spaced off their words
    while c1 > c0 and s.text[c1 - 1].isspace():
        c1 -= 1
    if statement and c1 > c0 and _says_nothing(s, c0, c1):
        statement = False
    return Attribution(
        also=_coordinated(s, head, c0),
        source=s.source(head) if head else None,
        verb=s.texts[i],
        verb_start=s.starts[i],
        verb_end=s.ends[i],
        content_start=c0,
        content_end=c1,
        direct=direct,
        via=via,  # type: ignore[arg-type]
        statement=statement,
    )


def body_at(text: str, start: int) -> Source | None:
    """The speaker's noun phrase that starts at character ``start`` of a sentence ``text``
    (the issuer of a document: "أظهرت بيانات من [معهد الإحصاء الوطني]، الإثنين، ارتفاع"),
    or None when no speaker starts there."""
    s = _Sentence(text)
    a = s.token_at(start)
    head = s.speaker_np(a, s.n) if a < s.n else None
    return s.source(head) if head is not None else None


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
    c = next((j for j in range(s.n) if s.norm(j) == ":"), None)
    if not c:
        return None
    # the speaker is the words right before the colon, after a break in the headline
    # ("معركة حلب تدخل مراحلها الأخيرة.. ولافروف: ...")
    a = c
    while a > 0 and s.is_word(a - 1) and c - a < MAX_HEADLINE_SPEAKER_WORDS + 1:
        a -= 1
    if a == c or (a > 0 and s.is_word(a - 1)) or s.head_end(a, c) != c:
        return None
    b = c
    if b - a >= 2 and s.norm(b - 1)[:1] == "ل" and (s.norm(b - 1)[1:] in s.L.countries or s.norm(b - 1)[1:] in s.L.places):
        b -= 1  # "ترامب [لروسيا]: استعدي ...": whom it is said to
    at = next((k for k in range(a + 1, b - 1) if s.norm(k) in ("من", "في") and s.is_place_or_country(k + 1)), None)
    if at is not None:
        b = at  # "أنجلينا جولي [من الموصل]: ...": where it was said
    w = s.norm(a)
    if len(w) > 3 and w[0] == "و" and (w[1:] in s.L.anonymous or _bare(w[1:]) in s.L.organisation or s.title_at(a, w[1:])):
        with s.without_conjunction(a):  # "... [و]مسؤول تركي : ..."
            head = s.parse_head(a, b)
            head = dataclasses.replace(head, conj=True) if head is not None else None
            first, two = s.norm(a), f"{s.norm(a)} {s.norm(a + 1)}"
    else:
        head = s.parse_head(a, b)
        first, two = s.norm(a), f"{s.norm(a)} {s.norm(a + 1)}"
    if head is None:
        return None
    known_org = first in s.L.organisation or _bare(first) in s.L.organisation or two in s.L.organisation
    capital = head.kind == "country" and " ".join(s.norm(k) for k in range(a, b)) in s.L.capitals
    if (head.kind == "organisation" and not known_org) or (head.kind == "country" and not capital):
        return None  # "العراق: البرلمان يأمر بإعادة العد" names a topic, not a speaker ("موسكو: ..." its government)
    if head.kind == "person" and head.role is None and b - a > MAX_NAME_WORDS:
        return None
    direct = s.norm(c + 1) == _QUOTE and s.closer.get(c + 1) in (s.n - 1, s.n)
    c0, c1 = _trim(text, s.ends[c], len(text))
    if len(text[c0:c1].split()) < MIN_CUE_STATEMENT_WORDS:
        return None
    if direct:
        c0, c1 = c0 + 1 if text[c0] in '"«“' else c0, c1 - 1 if text[c1 - 1] in '"»”' else c1
    return Attribution(
        source=s.source(head),
        verb=s.texts[c],
        verb_start=s.starts[c],
        verb_end=s.ends[c],
        content_start=c0,
        content_end=c1,
        direct=direct,
    )


def opening_subject(text: str, names: Sequence[tuple[int, int, str]] = ()) -> Source | None:
    """The person right after the verb that opens a sentence ("وتوجه [ستيوارت لوبشر]،
    وهو صديق عائلي، إلى قطر"): one the recognizer found there, or a title with its name;
    None when the sentence opens otherwise or with a verb that reports by itself.  For a
    follow-on in the sentence after it."""
    s = _Sentence(text, names)
    info = verb_info(s.norm(0))
    if s.n < 3 or not conjoined(s.norm(0)) or (info is not None and not info[1].frame) or s.norm(0) in s.L.boundary:
        return None  # (a verb that says something only with its noun may open it: "وتوجه")
    head = s.speaker_np(1, s.n)
    if head is None or head.kind == "country":
        return None
    # a person only: after "وعنونت صحيفة القبس الخبر" the follow-ons of a press review
    # ("وذكرت أن ...، وأضاف ...") went to the paper more often than not (fresh2)
    if not (any(s.named.get(k, (0, ""))[1] == "person" for k in range(head.start, head.end)) or (head.role and head.kind == "person")):
        return None
    return s.source(head)


def find_attributions(text: str, names: Sequence[tuple[int, int, str]] = ()) -> list[Attribution]:
    """Every attribution in one sentence, in order (offsets into ``text``).

    ``names`` are the names a recognizer found in the sentence, as ``(start, end, kind)``
    character spans (kind "person", "organisation", "place"): a speaker's name ends where
    its name ends ("وصف الوزير سيرغي لافروف [ادعاءات] ...").

    A participle ("مضيفا أن") has ``source=None`` and ``via="participle"``: it continues the
    speaker of the attribution before it in the same sentence; a bare verb ("وأضاف أن") has
    ``source=None`` and ``via="verb"``: it continues the previous speaker of the article.
    """
    if not _may_attribute(text):
        return []
    return list(_attributions(text, tuple(names)))


@lru_cache(maxsize=64)
def _attributions(text: str, names: tuple[tuple[int, int, str], ...]) -> tuple[Attribution, ...]:
    """:func:`find_attributions` of a sentence that may attribute, kept for the last
    sentences: the claims read again the sentences of figures the quotes read just before
    (with the same names when the recognizer found none in it: 65 of the 2,461 sentences
    read over bench_extract's 320 articles)."""
    return tuple(_scan(text, names)[1])


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """Every word :func:`_may_attribute` looks further at: a verb's form or a cue's first
    word, bare or after و/ف, and "ما"، "وان"، "وبان"."""
    L = _lists()
    first = set(L.verbs) | set(L.cues) | set(L.nouns) | set(L.pronoun_verbs)
    purpose = {"ل" + w for w in L.verbs if w[:1] in "يت" and len(w) > 3}  # "ليعلن"، "لتؤكد" (verb_info)
    return frozenset(first | {c + w for w in first for c in "وف"} | purpose | {"ما", "وان", "وبان"} | L.came | L.headlined | L.amid)


@lru_cache(maxsize=1)
def _scan_words() -> frozenset[str]:
    """Every word a rule of :func:`_scan` starts at: those of :func:`_first_words`, a verb
    of stance (bare or after و/ف) and a quotation mark."""
    stance = _lists().stance
    return _first_words() | stance | {c + w for w in stance for c in "وف"} | {_QUOTE}


def _may_attribute(text: str) -> bool:
    """False when no word of ``text`` can start an attribution, so that the sentence need
    not be tokenized and read (most sentences of news have none): a reporting verb (one
    that is also a common word, "بين"، "عبر", only with a complementiser or its preposition
    in the sentence), a whole cue (as :meth:`~khabar.extract.attribution.tokens._Tokens.cue_at`
    reads it), "ما" before a verb with its pronoun ("وهو ما ينفيه") or an opening "وأن"."""
    L = _lists()
    ws = words(text)
    openers = _first_words()
    if openers.isdisjoint(ws):
        return False  # the common case, decided in one set operation
    if ws[0] in ("وان", "وبان"):
        return True
    for k in compress(range(len(ws)), map(openers.__contains__, ws)):  # every rule below starts at a word of that set
        w = ws[k]
        info = verb_info(w) or noun_info(w) or pronoun_verb_info(w) or (purpose_verb(w) if k > 0 else None)
        verb = info[1] if info is not None else None
        if verb is not None:
            if verb.kind != "strict" or any(
                _complement_at(x) or _complement_at(x[1:]) or any(_prep_matches(x, p) for p in verb.preps) for x in ws
            ) or (verb.vnoun and any(c in text for c in "\"«“")):  # "قول الرئيس «...»"
                return True
        if w in L.came and k + 1 < len(ws) and ws[k + 1] == "في":
            return True
        if w in L.headlined and any(c in text for c in "\"«“"):
            return True
        if w in L.amid and k + 3 < len(ws) and "عن" in ws[k + 2 : k + 4] and is_information(ws[k + 1 + (ws[k + 1] in L.spread)]):
            return True
        if w == "ما" and k + 1 < len(ws) and any(ws[k + 1][-n:] in ("ه", "ها") and verb_info(ws[k + 1][:-n]) for n in (1, 2)):
            return True
        for first in (w, w[1:] if w[:1] in "وف" and len(w) > 3 else None):
            for phrase in L.cues.get(first, ()) if first else ():
                if tuple(ws[k + 1 : k + len(phrase)]) == phrase[1:]:
                    return True
    return False


def find_source(
    text: str,
    *,
    start: int = 0,
    end: int | None = None,
    previous: Source | None = None,
    attributions: Sequence[Attribution] | None = None,
) -> Source | None:
    """Who the statement or figure at ``text[start:end]`` (in a sentence ``text``) is
    attributed to, or None when the sentence attributes it to no one.

    The attribution whose statement covers the span wins; failing that, the first one
    whose statement starts before the span ends (a figure may sit in a relative clause
    the statement bounds exclude).  A follow-on with no speaker in the sentence ("وأضاف أن
    60 ...") and a participle take the previous source of the sentence, or ``previous``
    when the caller knows who spoke before (the article's last speaker); without it, None.
    ``attributions``: :func:`find_attributions` of ``text``, when the caller has them already.

    >>> find_source("وقال المرصد السوري إن 60 شخصا قتلوا", start=22, end=24).text
    'المرصد السوري'
    """
    end = len(text) if end is None else end
    if start < 0 or end > len(text) or start > end:
        raise ValueError(f"span [{start}, {end}) is outside the text of length {len(text)}")
    resolved: list[tuple[Attribution, Source | None]] = []
    last = previous
    for att in find_attributions(text) if attributions is None else attributions:
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
        if att.content_end <= start and "." in text[att.content_end : start]:
            continue  # the statement ended at a full stop: the span is in the next item
        if att.content_start < end and (att.via == "cue" or start >= att.verb_start):
            return src
    for att, src in resolved:
        if att.via == "cue":
            return src
    return None
