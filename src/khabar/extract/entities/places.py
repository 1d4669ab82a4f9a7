# cython: annotation_typing=True
# (Compiled, this module reads its annotations as types, as attribution/scan.py does: ``s: _Sentence``,
# cimported by places.pxd, is spans.pxd's C class, its columns C fields (docs/measurements.md, issue 19,
# session 35); an ``int``, ``str``, ``tuple`` or ``set`` argument must then be one.)
"""Organisations and places in one sentence: names after head words ("وزارة"، "حي"), their
complements, lists of places, and gazetteer phrases.
"""

from __future__ import annotations

from itertools import compress

from khabar.extract.entities.gazetteers import (
    _GAZ,
    _ORG_HEAD,
    _PLACE_HEAD,
    _SAY,
    _TITLE,
    ORG,
    PERSON,
    PLACE,
    _Lexicon,
    _mask,
    _readings,
)
from khabar.extract.entities.spans import (
    _MAX_ORG_TAIL,
    _add,
    _gazetteer_at,
    _next_at,
    _plausible_first,
    _Sentence,
    _single_at,
    _Span,
    _with_bit,
)
from khabar.text.ar.clitics import ARTICLE, PREPOSITION_ARTICLE_MERGED
from khabar.text.ar.stopwords import STOPWORDS


def _state_bodies(s: _Sentence, lex: _Lexicon) -> None:
    """A state's institution named by its nationality adjective: "الجيش اليمني"،
    "الجيش الوطني اليمني"، "المخابرات الإيرانية" (entity_cues ``[orgstate]``; at most one
    adjective between, and the nationality must carry the article too).  Run before the
    head words, so "قوات الجيش اليمني" keeps the army as the organisation; the body alone
    ("قوات الجيش") is none."""
    n = len(s.norms)
    for i in compress(range(n - 1), map(_ORG_HEAD.__and__, s.masks)):
        if s.owner[i] is not None:
            continue
        body = _single_at(s, i, lex.function_heads)
        if body is None or i and s.masks[i - 1] & _TITLE:
            continue  # "وزير الخارجية الروسي": the nationality is the title's
        if i and s.masks[i - 1] & _ORG_HEAD and _single_at(s, i - 1, lex.kind_heads):
            continue  # "وكالة الاستخبارات المركزية الأميركية": the head word's name, read whole next
        j = i + 1
        if s.norms[j] in lex.function_words and s.soft[i] and s.owner[j] is None:
            # "الخطوط الجوية [القطرية]"، "للشرطة القضائية": a word of function makes the head
            # one body, its demonym after it or not (agreeing with the function word)
            if j + 1 < n and s.soft[j] and s.owner[j + 1] is None and s.norms[j + 1] in lex.function_words:
                j += 1  # "القوات الجوية الملكية"
            k = j + 1
            if k < n and s.soft[j] and s.norms[k] in lex.nationalities and s.norms[k].startswith(ARTICLE) and _agrees(s.norms[j], s.norms[k]):
                owner = s.owner[k]
                if owner is None or owner.kind == PLACE and owner.i == owner.j - 1 == k:
                    if owner is not None:
                        s.spans.remove(owner)  # "القوات الجوية السعودية": the adjective, not the country
                    j = k
            if k > j and body[0] in lex.demonym_heads:
                continue  # "شركات الخطوط الجوية": the trade, no body without its demonym
            _add_body(s, lex, i, j, body)
            continue
        if body[0] not in lex.state_bodies:
            continue  # "الخطوط الأمامية"، "القوات الأميركية": no word of function, no body
        if j + 1 < n and _adjective(s.norms[j]) and s.norms[j] not in lex.nationalities:
            j += 1  # "الجيش الوطني اليمني"
        last = s.norms[j]
        if last.startswith(ARTICLE) and last in lex.nationalities and _agrees(body[0], last) and all(s.soft[k] for k in range(i, j)) and all(
            s.owner[k] is None for k in range(i + 1, j + 1)
        ):
            _add_body(s, lex, i, j, body)


def _add_body(s: _Sentence, lex: _Lexicon, i: int, j: int, body: tuple[str, int]) -> None:
    """Words ``i`` to ``j`` (its last) as the organisation a head word names, keyed by the
    word lists' entry when they hold it."""
    form, off = body
    phrase = " ".join([form, *s.norms[i + 1 : j + 1]])
    hit = lex.phrases.get(phrase)
    _add(s, _Span(i, j + 1, ORG, hit[1] if hit is not None and hit[0] == ORG else phrase, off))


def _agrees(body: str, adjective: str) -> bool:
    """Whether a nationality adjective agrees with a state body (normalized: ة is ه): a
    feminine body takes a feminine adjective ("الخارجية الإيرانية"), a masculine one a
    masculine ("الجيش اليمني"); a plural ("المخابرات") either."""
    if body.endswith("ات"):
        return True
    return body.endswith("ه") == adjective.endswith("ه")


def _org_heads(s: _Sentence, lex: _Lexicon) -> None:
    n, i, at = len(s.norms), 0, _with_bit(s, _ORG_HEAD)
    while i < n:
        if not s.masks[i] & _ORG_HEAD:
            i = _next_at(at, i, n)  # the tokens before it open nothing this pass reads
            continue
        head = _single_at(s, i, lex.org_heads) if s.owner[i] is None else None
        if head is None:
            i += 1
            continue
        form, off = head
        j = i + 1
        if j < n and s.soft[i] and s.owner[j] is None:
            hit = _gazetteer_at(s, j, lex, context=True)
            entry = lex.phrases.get(" ".join(s.norms[j : j + hit[0]])) if hit is not None else None
            if hit is not None and hit[1] == ORG and entry is not None and entry[2]:
                # "قناة العربية": a context-only name right after its head
                _add(s, _Span(i, j + hit[0], ORG, hit[2], off))
                i = j + hit[0]
                continue
        tail = 0
        while j < n and tail < _MAX_ORG_TAIL and s.soft[j - 1]:
            word, owner = s.norms[j], s.owner[j]
            if owner is not None:
                if owner.kind == PERSON:
                    break
                further = owner.j < n and s.soft[owner.j - 1] and _prep_complement(s, owner.j)
                if tail == 0 and owner.kind == ORG and not further:
                    break  # "جماعة حزب الله": the known name alone is the organisation
                s.spans.remove(owner)
                for k in range(owner.i, owner.j):
                    s.owner[k] = None
                j, tail = owner.j, tail + 1
                if not further:
                    break  # after a known name only "لحقوق الإنسان"-like complements go on
                continue
            if tail == 0 and word in lex.generic:
                break
            portfolio = tail == 0 and word.startswith(ARTICLE) and word in lex.not_names
            if word in STOPWORDS or s.masks[j] & _TITLE or word in lex.name_stops and not portfolio:
                break  # a never-a-name word ends the name, but not a head's portfolio: "وزارة الدفاع"
            if tail == 0 and not form.startswith(ARTICLE) and form not in lex.kind_heads and _construct(s, j, lex):
                # "منظمة حظر الأسلحة الكيميائية": then only adjectives and "لـ" complements
                j, tail = _modifiers(s, j + 2, lex), tail + 2
                break
            if tail and _adjective(s.norms[j - 1]) and word.startswith(ARTICLE) and not _adjective(word):
                break  # "راديو المتوسط الدولي التحقق": after an adjective, a noun starts a new phrase
            if word.startswith(ARTICLE) or word in lex.nationalities or tail and word.startswith(PREPOSITION_ARTICLE_MERGED):
                j, tail = j + 1, tail + 1
            elif tail and _prep_complement(s, j):
                j, tail = j + 1, tail + 1
            else:
                break
        while tail and s.norms[j - 1] in lex.generic:
            j, tail = j - 1, tail - 1
        # "صحيفة الوفاق" names "الوفاق"; "وكالة الأنباء المشرقية" keeps its head word
        kind_head = form in lex.kind_heads and tail <= 1
        if kind_head and not tail:
            j = _bare_org_name(s, i + 1, lex)
            tail = j - (i + 1)
        if tail and kind_head:
            # "صحيفة الوفاق", "شركة شل": the organisation is the name after its kind
            phrase = " ".join(s.norms[i + 1 : j])
            hit = lex.phrases.get(phrase)
            _add(s, _Span(i + 1, j, ORG, hit[1] if hit is not None and hit[0] == ORG else phrase))
            i = j
        elif tail == 1 and form in lex.district_heads and _district_name(s.norms[i + 1], lex):
            # "مديرية الظاهر": a district of Yemen, a place (keyed by its name), where "مديرية
            # التربية" stays an office
            _add(s, _Span(i, j, PLACE, s.norms[i + 1], off))
            i = j
        elif tail:
            words = [form, *s.norms[i + 1 : j]]
            phrase = " ".join(words)
            hit = lex.phrases.get(phrase)
            key = hit[1] if hit is not None and hit[0] == ORG else phrase
            _add(s, _Span(i, j, ORG, key, off))
            i = j
        else:
            i += 1


def _district_name(word: str, lex: _Lexicon) -> bool:
    """Whether the one definite word after a district head is a name: no minister's
    portfolio ("التربية"), never-a-name word or nisba adjective ("الأمنية")."""
    return word not in lex.portfolios and word not in lex.not_names and not _adjective(word)


def _construct(s: _Sentence, j: int, lex: _Lexicon) -> bool:
    """Tokens ``j`` and ``j + 1`` right after an indefinite organisation head are an
    indefinite noun and the definite noun it governs ("حظر الأسلحة" of "منظمة حظر الأسلحة
    الكيميائية", "دعم الشرعية" of "تحالف دعم الشرعية"): the head's first complement.  A
    definite head governs nothing ("اللجنة منسقة الشؤون")."""
    if j + 1 >= len(s.norms) or not s.soft[j] or s.owner[j] is not None or s.owner[j + 1] is not None:
        return False
    word, nxt = s.norms[j], s.norms[j + 1]
    return (
        len(word) >= 3
        and not word.startswith((ARTICLE, "ل", "ي"))  # "مركز يعد اللوائح": a verb governs nothing; "مركز لإنتاج الصواريخ" a preposition
        and word.isalpha()
        and word not in STOPWORDS
        and word not in lex.name_stops
        and word not in lex.nationalities
        and not s.masks[j] & (_TITLE | _ORG_HEAD | _PLACE_HEAD | _SAY)
        and nxt.startswith(ARTICLE)
        and nxt not in STOPWORDS  # "إلى" is "الي" once normalized
        and nxt not in lex.generic
        and nxt not in lex.name_stops
        and not s.masks[j + 1] & (_TITLE | _SAY | _ORG_HEAD)  # "مجلس إدارة [الهيئة العامة ...]"
    )


def _modifiers(s: _Sentence, j: int, lex: _Lexicon) -> int:
    """End of the adjectives and prepositional complements from token ``j`` on, after a
    head and its governed noun ("الكيميائية" of "منظمة حظر الأسلحة الكيميائية"; not "المنفذ"
    of "قوات حرس الحدود المنفذ")."""
    n = len(s.norms)
    while j < n and s.soft[j - 1] and s.owner[j] is None:
        word = s.norms[j]
        if word in lex.generic or word in lex.name_stops or word in STOPWORDS:
            break
        if word.startswith(ARTICLE) and (_adjective(word) or word in lex.nationalities) or word.startswith(PREPOSITION_ARTICLE_MERGED):
            j += 1
        else:
            break
    return j


def _adjective(word: str) -> bool:
    """A nisba adjective by its ending ("الدولي", "الروسية"): it closes a noun phrase."""
    return word.endswith(("ي", "يه")) and len(word) > 4


def _bare_org_name(s: _Sentence, j: int, lex: _Lexicon) -> int:
    """End of a one- or two-word name that is not definite, right after a kind head
    ("شركة شل", "شركة اميركان ايرلاينز"); ``j`` itself when there is none.  Adjectives
    ("شركة كبيرة", "قناة فضائية") and function words are no name."""
    k = j
    while k < len(s.norms) and k - j < 2 and s.owner[k] is None and (k == j or s.soft[k - 1]):
        word = s.norms[k]
        if (
            len(word) < 2
            or word.isdigit()
            or word in STOPWORDS
            or word in lex.name_stops
            or word in lex.nationalities
            or word in lex.generic
            or s.masks[k] & (_TITLE | _ORG_HEAD | _PLACE_HEAD | _SAY)
            or word.endswith(("يه", "ه", "ي")) and k == j and len(word) > 4
            or not _plausible_first(word, lex, set())
        ):
            break
        k += 1
    return k if k > j and s.soft[j - 1] else j


def _prep_complement(s: _Sentence, j: int) -> bool:
    """Token ``j`` opens a prepositional complement of a name: "لحقوق الإنسان", "للاجئين"."""
    word = s.norms[j]
    if word.startswith(PREPOSITION_ARTICLE_MERGED):
        return True
    return len(word) > 3 and word[0] in "لب" and j + 1 < len(s.norms) and s.soft[j] and s.norms[j + 1].startswith(ARTICLE)


def _place_name_at(
    s: _Sentence, j: int, lex: _Lexicon, *, listed: bool, known_only: bool = False, reading: tuple[str, int] | None = None
) -> _Span | None:
    """A place name right after a place word: a gazetteer entry, or one or two new words;
    ``reading``: (form, letters of proclitics) of the word at ``j`` when known ("بوادي" is
    ب + "وادي", a place word that is part of the name)."""
    n = len(s.norms)
    if j >= n or s.owner[j] is not None:
        return None
    hit = _gazetteer_at(s, j, lex, context=True)
    if hit is not None:
        if hit[1] != PLACE:
            return None
        return _Span(j, j + hit[0], PLACE, hit[2], hit[3])
    if known_only:
        return None
    if reading is not None:
        form, off = reading
    else:
        form, off = _readings(s.norms[j])[1] if listed and len(_readings(s.norms[j])) > 1 else (s.norms[j], 0)
    if listed and (off == 0 or j + 1 < n and s.soft[j] and s.norms[j + 1] == "من"):
        return None  # "وأجزاء من حي ...": a list item followed by "من" is a part, not a place
    if form in STOPWORDS or form in lex.name_stops or form in lex.nationalities or len(form) < 3 or form.isdigit():
        return None
    if form not in lex.place_prefixes and (
        (form.endswith(("يه", "ي")) and not _genitive_after_head(s, j, form))
        or form in lex.generic
        or form in lex.starters
        or _mask(form) & (_TITLE | _SAY)
    ):
        # a nisba adjective ("مدينة تجارية", "الشرقية") or a given name ("مطار جون كنيدي");
        # a first word of a compound place name is none of them here, even when it is also
        # a title ("بلدة الشيخ حمد") or a name word ("بلدة أبو ظهور")
        return None
    k = j + 1
    if form in lex.place_prefixes and k < n and s.soft[j] and s.owner[k] is None and s.norms[k] not in STOPWORDS:
        k += 1
    words = [form, *s.norms[j + 1 : k]]
    return _Span(j, k, PLACE, " ".join(words), off)


def _definite_place_word(word: str, lex: _Lexicon) -> bool:
    """Whether a normalized word is the article on a place word ("الجسر", "الريف")."""
    return word.startswith(ARTICLE) and (word[2:] in lex.all_place_heads or word[2:] in lex.place_prefixes)


def _genitive_after_head(s: _Sentence, j: int, form: str) -> bool:
    """Whether ``form`` (at ``j``) is a word with the article right after a place word
    without it: the head is then in construct with a noun, the place's name ("مدينة
    العاصية", "محافظة اللاذقية"), where an adjective would agree with the head ("مدينة
    ساحلية", "المدينة الساحلية")."""
    return j > 0 and form.startswith(ARTICLE) and len(form) > 4 and not s.norms[j - 1].startswith((ARTICLE, PREPOSITION_ARTICLE_MERGED))


def _place_heads(s: _Sentence, lex: _Lexicon) -> None:
    n, i, at = len(s.norms), 0, _with_bit(s, _PLACE_HEAD)
    while i < n:
        if not s.masks[i] & _PLACE_HEAD:
            i = _next_at(at, i, n)  # the tokens before it open nothing this pass reads
            continue
        if s.owner[i] is not None:
            i += 1
            continue
        head = _single_at(s, i, lex.all_place_heads)
        if head is None or i + 1 >= n or not s.soft[i]:
            i += 1
            continue
        if head[0] in lex.place_prefixes and s.owner[i + 1] is None and not s.masks[i + 1] & _PLACE_HEAD:
            # "وادي النهر", "جبل الزاوية": the place word is part of the name
            span = _place_name_at(s, i, lex, listed=False, reading=head)
            if span is not None and span.j > i + 1:
                span.offset = head[1]
                _add(s, span)
                i = span.j
                continue
        weak = head[0] in lex.weak_place_heads
        # "أحياء انسحب منها", "أحياء معينة": a plural head announces a list only when its
        # first item is a known place
        plural = head[0] in lex.list_heads and head[0] not in lex.place_heads
        span = _place_name_at(s, i + 1, lex, listed=False, known_only=weak or plural)
        if span is None:
            i += 1
            continue
        if span.j == i + 2 and span.offset == 0 and _definite_place_word(span.key, lex):
            # "معبر الجسر": a place word with the article names no place alone; the head
            # word and it are the name
            span = _Span(i, i + 2, PLACE, f"{head[0]} {span.key}", head[1])
        _add(s, span)
        i = span.j
        if head[0] in lex.list_heads and not weak:
            while i < n and s.soft[i - 1] and s.norms[i][0] == "و":
                item = _place_name_at(s, i, lex, listed=True)
                if item is None:
                    break
                _add(s, item)
                i = item.j


def _gazetteer(s: _Sentence, lex: _Lexicon) -> None:
    n, i, at = len(s.norms), 0, _with_bit(s, _GAZ)
    while i < n:
        if not s.masks[i] & _GAZ:
            i = _next_at(at, i, n)  # the tokens before it open nothing this pass reads
            continue
        hit = _gazetteer_at(s, i, lex, context=False)
        if hit is None:
            i += 1
            continue
        length, kind, key, off = hit
        span = _Span(i, i + length, kind, key, off)
        _add(s, span)
        i += length
