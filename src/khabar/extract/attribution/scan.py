"""The attribution rules over one sentence (verb first, subject first, cues, participles,
follow-ons) and the public functions that run them."""

from __future__ import annotations

from khabar.extract.attribution.heads import _Sentence
from khabar.extract.attribution.lists import _PRONOUN_PREPOSITIONS, _QUOTE, _bare, _Verb, verb_info
from khabar.extract.attribution.sources import (
    MAX_HEADLINE_SPEAKER_WORDS,
    MAX_NAME_WORDS,
    MIN_CUE_STATEMENT_WORDS,
    Attribution,
    Source,
)
from khabar.extract.attribution.tokens import _Head


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
