# cython: annotation_typing=True
# (Compiled, this module reads its annotations as types, as attribution/scan.py does: ``s: _Sentence``,
# cimported by people.pxd, is spans.pxd's C class, its columns C fields (docs/measurements.md, issue 19,
# session 35); an ``int``, ``str``, ``tuple`` or ``set`` argument must then be one.)
"""People in one sentence: names after titles and their complements (the role), names
before titles, after reporting verbs, and from known given names.
"""

from __future__ import annotations

from itertools import compress

from khabar.extract.entities.gazetteers import (
    _GAZ,
    _GIVEN,
    _ORG_HEAD,
    _PLACE_HEAD,
    _SAY,
    _STARTER,
    _TITLE,
    PERSON,
    _conj_readings,
    _Lexicon,
    _mask,
    _readings,
)
from khabar.extract.entities.spans import (
    _MAX_COMPLEMENT,
    _boundary_after,
    _free,
    _gap,
    _known,
    _name_at,
    _next_at,
    _person,
    _phrase_at,
    _plausible_first,
    _Sentence,
    _with_bit,
)
from khabar.extract.titles import ROLE_LINKS, ROLE_OWNERS
from khabar.text.ar.stopwords import STOPWORDS


def _complement(s: _Sentence, j: int, lex: _Lexicon, surnames: set[str]) -> tuple[int, int]:
    """Where the complement of a title ending before token ``j`` ends, and how many parts
    it has: nationalities, definite words, known organisations and places, nested titles,
    "باسم"/"في"/"إلى" + a definite word ("وزير الخارجية الروسي", "مدير المرصد",
    "مستشار الأمم المتحدة للشؤون الإنسانية", "محافظ العاصية اللواء")."""
    n, steps, complement = len(s.norms), 0, 0
    while j < n and steps < _MAX_COMPLEMENT and s.soft[j - 1]:
        steps += 1
        word = s.norms[j]
        owner = s.owner[j]
        if owner is not None:
            if owner.kind == PERSON:
                break
            j, complement = owner.j, complement + 1
            continue
        nested = _phrase_at(s, j, lex.titles, lex.title_lengths) if s.masks[j] & _TITLE else None
        if word in lex.nationalities:
            j, complement = j + 1, complement + 1
        elif nested is not None:
            j += nested[0]
        elif (
            word.startswith(("ال", "لل", "بال", "وال"))
            and word not in STOPWORDS
            and word not in surnames
            and word not in lex.surnames
        ):
            j, complement = j + 1, complement + 1
        elif word in ROLE_OWNERS:
            j, complement = j + 1, complement + 1
        elif s.masks[j] & (_PLACE_HEAD | _ORG_HEAD) and j + 1 < n and s.soft[j] and (
            s.owner[j + 1] is not None and s.owner[j + 1].kind != PERSON
        ):
            j, complement = s.owner[j + 1].j, complement + 1  # "لحي وادي النهر": its head, then the span
        elif word in ROLE_LINKS and j + 1 < n and s.soft[j] and (
            s.norms[j + 1].startswith("ال") or (s.owner[j + 1] is not None and s.owner[j + 1].kind != PERSON)
        ):
            j, complement = j + 1, complement + 1
        elif (
            len(word) > 3
            and word[0] in "لب"
            and j + 1 < n
            and s.soft[j]
            and s.norms[j + 1].startswith("ال")
            and not _known(word, lex, surnames)
            and not _known(s.norms[j + 1], lex, surnames)
        ):
            j, complement = j + 1, complement + 1  # "لتنسيق الشؤون", not "بهية الحريري"
        else:
            break
    return j, complement


def _titles(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    n, i, at = len(s.norms), 0, _with_bit(s, _TITLE)
    while i < n:
        if not s.masks[i] & _TITLE:
            i = _next_at(at, i, n)  # the tokens before it open nothing this pass reads
            continue
        hit = _phrase_at(s, i, lex.titles, lex.title_lengths) if s.owner[i] is None else None
        if hit is None:
            i += 1
            continue
        length, off = hit
        if i and s.soft[i - 1] and s.norms[i - 1] in lex.particles:
            i += 1  # "عبد الملك الحوثي": a title word inside a compound name
            continue
        j, complement = _complement(s, i + length, lex, surnames)
        role = (i, off, j)
        if s.norms[j - 1] == "باسم":
            # "المتحدث باسم بان كي مون": the role is the spokesman's, not the named person's
            i = j
            continue
        if j < n and s.owner[j] is not None and s.owner[j].kind == PERSON and s.soft[j - 1] and not s.owner[j].offset:
            # (a person written with a clitic, "لميركل" or "وجونسون", is not the role holder)
            s.owner[j].role = s.owner[j].role or role
            i = s.owner[j].j
            continue
        k = _name_at(s, j, lex, surnames) if j < n and s.soft[j - 1] else None
        if k is None and j < n and _gap(s, j - 1) == "," and complement:
            # an appositive: "مدير المرصد المشرقي لحقوق الإنسان، أسامة الخطيب، إن ..."
            k = _name_at(s, j, lex, surnames)
            if k is not None and (k - j < 2 or k < n and _gap(s, k - 1) != ","):
                k = None
        if k is not None and not _known(s.norms[j], lex, surnames):
            # an indefinite title with nothing after it ("رئيس بيت الشعر", "قائد وحدة"):
            # the next word completes the title, it is not a name
            title_last = _readings(s.norms[i + length - 1])[-1][0] if length == 1 else s.norms[i + length - 1]
            if (not complement and not title_last.startswith("ال")) or not _plausible_first(s.norms[j], lex, surnames):
                k = None
        if k is not None:
            single = k - j == 1
            # one word after a title is a name only when known as one ("الرئيس الأسد"):
            # otherwise "الأمين العام قلق" would make a person of an adjective
            if not single or _known(s.norms[j], lex, surnames):
                _person(s, j, k, role=role)
                i = k
                continue
        i = j if j > i else i + 1


def _names_before_titles(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """"يان إيغلاند مستشار الأمم المتحدة": a role right after a name belongs to it.

    The name is either found already (it ends right before the title) or is two or three
    plausible name words that open the sentence or follow punctuation or a reporting verb.
    """
    n = len(s.norms)
    for i in compress(range(1, n), map(_TITLE.__and__, s.masks[1:])):
        if s.owner[i] is not None or not (s.soft[i - 1] or _gap(s, i - 1) == ","):
            continue
        hit = _phrase_at(s, i, lex.titles, lex.title_lengths)
        if hit is None or hit[1]:
            continue  # "ومستشار": a conjunction opens a new phrase
        j, complement = _complement(s, i + hit[0], lex, surnames)
        if not complement:
            continue
        before = s.owner[i - 1]
        if before is not None:
            if before.kind == PERSON and before.j == i and before.role is None and len(before.words) > 1 and not before.offset:
                before.role = (i, 0, j)
            continue
        for start in (i - 2, i - 3):
            if start < 0 or not _free(s, start, i):
                continue
            opens = (
                start == 0
                or not s.soft[start - 1]
                or any(r in lex.say_verbs for r in _conj_readings(s.norms[start - 1]))
            )
            if not opens or not _plausible_first(s.norms[start], lex, surnames):
                continue
            if _name_at(s, start, lex, surnames) == i:
                surnames.add(_person(s, start, i, role=(i, 0, j)).words[-1])
                break


def _after_verbs(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """"قال زيد الصالح" / "وأضاف دوجاريك أنه": a name right after a reporting verb."""
    n = len(s.norms)
    for i in compress(range(n - 1), map(_SAY.__and__, s.masks)):
        if s.owner[i] is not None or s.owner[i + 1] is not None or not s.soft[i]:
            continue
        if not any(r in lex.say_verbs for r in _conj_readings(s.norms[i])):
            continue
        j = i + 1
        k = _name_at(s, j, lex, surnames)
        if k is None:
            continue
        if k - j == 1:
            # a lone word is a name only when "أن" or a colon follows it at once
            after = s.norms[k] if k < n else ""
            if s.soft[j] and after not in ("ان", "انه", "انها", "بان", "في", "عن") and not (
                after in ("علي", "الي", "من") and _known(s.norms[j], lex, surnames)
            ):
                continue
            if not s.soft[j] and _gap(s, j)[:1] != ":":
                continue
        elif s.norms[j] not in lex.starters and s.norms[j] not in lex.given_ar and not _boundary_after(s, k, lex):
            continue
        first = s.norms[j]
        pronoun = first.endswith(("ه", "ها")) and not _known(first, lex, surnames)
        if pronoun or not _plausible_first(first, lex, surnames):
            continue
        last = s.norms[k - 1]
        if not _known(first, lex, surnames) and (
            first.startswith("ا") and len(first) >= 5  # a verbal noun: "تؤكد استخدام الأسلحة"
            or last.startswith("ال") and last.endswith("ه") and not _known(last, lex, surnames)
        ):
            continue  # "ولفت جلالته النظر": a pronoun suffix marks a noun
        _person(s, j, k)


def _given_names(s: _Sentence, lex: _Lexicon, surnames: set[str]) -> None:
    """A known given name followed by one or two more name words ("رامي عبد الرحمن")."""
    n, i, at = len(s.norms), 0, _with_bit(s, _STARTER | _GIVEN)
    while i < n:
        if not s.masks[i] & (_STARTER | _GIVEN):
            i = _next_at(at, i, n)  # the tokens before it open nothing this pass reads
            continue
        if s.owner[i] is None:
            for form, off in _readings(s.norms[i])[:2]:
                # only the conjunction: "بيان" must not read as ب + "يان"
                if off and not (s.norms[i][0] == "و" and len(form) >= 3):
                    continue
                starter = form in lex.starters
                if not starter and form not in lex.given_ar:
                    continue
                # "وفرانسوا هولاند": read the name from the word without its clitic
                k = _name_at(s, i, lex, surnames) if off == 0 else _name_from_reading(s, i, form, lex, surnames)
                # a given name that is also a word ("سعيد", "جمال") needs a family name
                # with the article after it ("محسن الشرقاوي"), not just any word
                if k is not None and k - i >= 2 and (starter or _family_name(s.norms[i + 1], lex)):
                    _person(s, i, k, off)
                    i = k - 1
                break
        i += 1


def _family_name(word: str, lex: _Lexicon) -> bool:
    return (
        word.startswith("ال")
        and len(word) > 4
        and not word.endswith("ه")  # "نجاح القمة": a feminine noun is no family name
        and word not in lex.nationalities
        and word not in lex.generic
        and word not in lex.name_stops
        and not _mask(word) & (_GAZ | _TITLE | _ORG_HEAD | _PLACE_HEAD)
    )


def _name_from_reading(s: _Sentence, i: int, form: str, lex: _Lexicon, surnames: set[str]) -> int | None:
    saved = s.norms[i]
    s.norms[i] = form
    try:
        return _name_at(s, i, lex, surnames)
    finally:
        s.norms[i] = saved
