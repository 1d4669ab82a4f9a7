"""Whether an entity's mention names a quote's speaker itself, or only something the speaker
overlaps.

A speaker is linked to an entity so that one person or body quoted under two spellings is
one speaker across outlets (:func:`khabar.event_brief.link_speakers`).  Overlapping is not
enough: "المدرب للاعبي ريال مدريد" (the coach, telling the players) overlaps the club's
mention, "رئيس لجنة التحقيقات" the committee's, "مدرب السويد" the country's -- linked, each
was one speaker with the body it names (50 ANT stories, session 25: the coach's statement
was one fact with the club's, under the club).  The mention names the speaker when it
starts where the speaker starts, and what of the one is not the other is:

* before the mention, in the speaker: a person's titles, ranks and nationality
  ("العقيد ركن تركي المالكي"، "الرئيس الفرنسي إيمانويل ماكرون", the title list of
  :mod:`khabar.extract.titles`); for an organisation the head that only says what kind of
  body it is ("صحيفة ماركا"، "قناة سكاي نيوز": ``[orgname]`` of ``entity_cues.txt``); a
  proclitic letter the mention left out ("كايلي" read as "ايلي"); nothing for a place;
* in the mention, before the speaker: a person's titles or ranks ("ركن تركي المالكي");
* after the mention, in the speaker or in the mention: words that qualify the name
  (:func:`khabar.text.ar.names.name_qualifiers`: "ريال مدريد الإسباني"), or a place
  after "في" ("تحالف دعم الشرعية في اليمن"، "وزارة الصحة في قطاع غزة").
"""

from __future__ import annotations

from functools import lru_cache

from khabar.extract.titles import leading_title
from khabar.model import Mention
from khabar.text.ar.clitics import CONJUNCTIONS, PREPOSITIONS
from khabar.text.ar.lexicon import phrases_by_tag
from khabar.text.ar.names import name_qualifiers
from khabar.text.ar.tokenize import words

#: The preposition after which the rest of a body's name is where it is ("في اليمن").
_WHERE = "في"


@lru_cache(maxsize=1)
def _kind_heads() -> frozenset[str]:
    """Heads that say what kind of body a name is and are not part of it ("صحيفة"، "قناة")."""
    return phrases_by_tag("entity_cues").get("orgname", frozenset())


def _titles(norms: list[str]) -> bool:
    """``norms`` are titles, ranks and nationality adjectives only ("الرئيس الفرنسي")."""
    k = 0
    while k < len(norms):
        if taken := leading_title(norms[k:]):
            k += taken
        elif norms[k] in name_qualifiers():
            k += 1
        else:
            return False
    return True


def _qualifying(norms: list[str]) -> bool:
    """``norms``, after a name, only qualify it: adjectives, or where the body is."""
    return all(w in name_qualifiers() for w in norms) or norms[:1] == [_WHERE]


def _before(text: str, kind: str) -> bool:
    """What the speaker says before the mention leaves it the mention's entity."""
    if text and not text[-1].isspace() and text[-1].isalpha():
        head, _, piece = text.rpartition(" ")
        if not (len(piece) <= 2 and all(c in CONJUNCTIONS + PREPOSITIONS for c in piece)):
            return False  # the mention starts inside a word that is more than its clitics
        text = head
    norms = words(text)
    if not norms:
        return True
    if kind == "person":
        return _titles(norms)
    if kind == "organisation":
        return all(w in _kind_heads() for w in norms)
    return False


def names_the_speaker(speaker: str, speaker_start: int, mention: Mention, kind: str) -> bool:
    """The mention (of an entity of ``kind``) names the speaker written ``speaker`` at
    ``speaker_start`` of the same article, itself and not a body or place it overlaps."""
    speaker_end = speaker_start + len(speaker)
    if not (mention.start < speaker_end and speaker_start < mention.end):
        return False
    if not _before(speaker[: max(0, mention.start - speaker_start)], kind):
        return False
    outside = words(mention.text[: max(0, speaker_start - mention.start)])
    if outside and not (kind == "person" and _titles(outside)):
        return False
    after = speaker[mention.end - speaker_start :] if mention.end < speaker_end else mention.text[speaker_end - mention.start :]
    if after[:1].isalpha():
        return False  # one of the two ends inside a word of the other
    return _qualifying(words(after))
