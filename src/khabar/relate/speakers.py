"""Who said what: the brief's quote facts grouped by speaker, each person or body once.

A reader looks a speaker up once.  Statements used to be listed one fact at a time under the
speaker as each outlet wrote it, so "جان لوك فيرنييه" and "جان-لوك فيرنييه", or "عبد الكريم
السعدي" and "عبدالكريم السعدي", read as two people although the brief's entity list had
already merged them.  Here the speakers are told apart by the entity list's own clustering
(:func:`khabar.extract.entities.link_entities`, reached through ``Quote.speaker_entity``),
not by a second one:

* a quote whose speaker *is* a linked name is that entity's: linking gives a quote the
  entity of a mention that names the speaker itself, with a title or a qualifier at most
  (:mod:`khabar.extract.speaker_entity`); "مسؤول في الهلال الأحمر" overlaps the Red
  Crescent's mention but is an official of it, not the body, and is told apart by its words;
* any other speaker is told apart by its words (:func:`speaker_words`: normalized, hyphens as
  spaces, an unnamed source without its rank, عبد/أبو compounds joined as in names) and
  joins an entity only on the brief's own evidence: its words are a spelling of exactly one
  entity of the brief, or a title given to exactly one named speaker of the brief ("الأمين
  العام للأمم المتحدة" alone, with "الأمين العام للأمم المتحدة أنطونيو غوتيريش" elsewhere);
* an unnamed source ("مصدر عسكري"، "ناشطون") or an anaphor nothing resolved is one speaker
  per article: two outlets' "مصدر عسكري" need not be one person;
* a fact (one statement carried by several outlets) is never split: it goes to the speaker
  of its first quote that names a linked entity, else of its first quote.

Two people who share a family name stay apart because the entity list keeps them apart
(إياد الحسن ≠ مصطفى الحسن); a bare "الحسن" that fits both is an entity of its own.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from khabar.model import Entity, Fact, Quote, Speaker
from khabar.text.ar.lexicon import phrases_by_tag
from khabar.text.ar.names import given_names, name_qualifiers, person_key
from khabar.text.ar.normalize import normalize, strip_diacritics
from khabar.text.ar.tokenize import hashtag_words


@lru_cache(maxsize=1)
def _unnamed() -> tuple[frozenset[str], frozenset[str]]:
    """Head nouns of unnamed speakers ("مسؤول"، "مصدر") and the words that only rank them
    ("كبير"، "رفيع المستوى"), from attribution's word list (`[adjective]`, `[rank]`)."""
    tags = phrases_by_tag("attribution_cues")
    heads = frozenset(p.split()[0] for p in tags.get("anonymous", ()))
    ranks = frozenset(w for p in tags.get("adjective", ()) for w in (p, p[2:] if p.startswith("ال") else p))
    return heads, ranks | tags.get("rank", frozenset())


def speaker_words(speaker: str) -> tuple[str, ...]:
    """The words that tell a speaker apart: an unnamed source without its rank ("مسؤول تركي
    كبير" and "مسئول تركي رفيع" are the same official of two outlets)."""
    key = tuple(normalize(speaker).replace("-", " ").split())
    heads, ranks = _unnamed()
    if key and key[0] in heads:
        key = tuple(w for w in key if w not in ranks) or key
    return key


def same_speaker(a: Quote, b: Quote) -> bool:
    """The same person or body: the same linked entity, or one name *is* the other -- the
    same words, the shorter qualified ("ريال مدريد" / "ريال مدريد الإسباني"), or a family name
    alone and the full name ("الصالح" / "زيد الصالح")."""
    return same_speaker_of(a, b, speaker_words(a.speaker), speaker_words(b.speaker))


def same_speaker_of(a: Quote, b: Quote, ka: tuple[str, ...], kb: tuple[str, ...]) -> bool:
    """:func:`same_speaker` with each quote's :func:`speaker_words` read once.

    A longer speaker is the shorter one only when the shorter starts it and the rest only
    qualifies it (:func:`khabar.text.ar.names.name_qualifiers`), or the shorter ends it and
    the rest is first names of the name lists (or the parts of a compound: عبد، أبو): "المدرب
    للاعبي ريال مدريد" ends like the club and shares its words, and was the club (50 ANT
    stories, session 25); "المتحدثة باسم الحكومة الأردنية" was the government."""
    if a.speaker_entity and b.speaker_entity:
        return a.speaker_entity == b.speaker_entity
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = (ka, kb) if len(ka) <= len(kb) else (kb, ka)
    n = len(short)
    if long_[:n] == short:
        return all(w in name_qualifiers() for w in long_[n:])
    if long_[-n:] == short:
        return all(w in given_names() or w in _name_parts() for w in long_[:-n])
    return False


@lru_cache(maxsize=1)
def _name_parts() -> frozenset[str]:
    """The parts of compound given names ("عبد"، "الدين"), from the name lists."""
    return frozenset(p for tag in ("first", "second") for p in phrases_by_tag("name_parts").get(tag, ()))


def _unnamed_source(quote: Quote, words: tuple[str, ...]) -> bool:
    """An unnamed source ("مصدر عسكري"، "ناشطون") or an anaphor nothing resolved: who it is
    is known inside its article only."""
    return not quote.speaker_resolved or (bool(words) and words[0] in _unnamed()[0])


def _qualified_bodies(entities: Sequence[Entity]) -> dict[str, str]:
    """Each organisation of the brief whose name is another's with only qualifiers left off
    ("وزارة الصحة" / "وزارة الصحة الفلسطينية": :func:`~khabar.text.ar.names.name_qualifiers`)
    -> that other, when it is the only one: the entity list keys the two spellings apart (two
    outlets naming the health ministry in Gaza), while "وزارة الخارجية" beside both
    "وزارة الخارجية الروسية" and "...الأمريكية" is either and stays alone.  Each name's
    shorter forms (its trailing qualifiers dropped one by one) are listed once, so a brief's
    bodies are read in one pass, not compared pairwise (a 2,000-article brief names thousands)."""
    bodies = [(e.id, tuple(normalize(e.name).split())) for e in entities if e.kind == "organisation"]
    qualifiers = name_qualifiers()
    longer_of: dict[tuple[str, ...], set[str]] = {}
    for eid, words in bodies:
        end = len(words)
        while end > 1 and words[end - 1] in qualifiers:
            end -= 1
            longer_of.setdefault(words[:end], set()).add(eid)
    out: dict[str, str] = {}
    for eid, short in bodies:
        longer = longer_of.get(short, ())
        if len(longer) == 1:
            out[eid] = next(iter(longer))
    return out


def _shown(text: str) -> str:
    """A speaker or title as shown: no diacritics, single spaces."""
    return " ".join(strip_diacritics(text).split())


def group_speakers(
    quotes: Sequence[Quote],
    grouped: Sequence[tuple[Fact, Sequence[int]]],
    entities: Sequence[Entity] = (),
) -> list[Speaker]:
    """The quote facts of ``grouped`` (each with the positions of its quotes in ``quotes``,
    as :func:`khabar.relate.statements.grouped_quotes` gives them) by speaker, most widely
    carried first; ``entities``: the brief's entities, whose clustering tells speakers apart.
    """
    by_id = {e.id: e for e in entities}

    def named(q: Quote) -> str | None:
        """The quote's entity: given only when a mention of it names the speaker itself
        (:func:`khabar.event_brief.link_speakers`)."""
        return q.speaker_entity if q.speaker_entity in by_id else None

    # the brief's evidence: each spelling and each title of a named speaker, with whom it names
    spelled: dict[str, set[str]] = {}
    for e in entities:
        for v in (e.name, *e.variants):
            spelled.setdefault(person_key(normalize(v).split()), set()).add(e.id)
    titled: dict[str, set[str]] = {}
    for q in quotes:
        if q.role and (eid := named(q)):
            titled.setdefault(person_key(normalize(q.role).split()), set()).add(eid)
    for e in entities:
        if e.kind == "person":
            for role in e.roles:
                titled.setdefault(person_key(normalize(role).split()), set()).add(e.id)

    qualified = _qualified_bodies(entities)

    def cluster(q: Quote) -> tuple[str, ...]:
        if eid := named(q):
            return ("entity", qualified.get(eid, eid))
        words = speaker_words(q.speaker)
        key = person_key(words)
        if _unnamed_source(q, words) or not key:
            return ("unnamed", q.article_id, key)
        for evidence in (spelled, titled):
            if len(whom := evidence.get(key, ())) == 1:
                return ("entity", next(iter(whom)))
        return ("words", key)

    facts_of: dict[tuple[str, ...], list[tuple[Fact, Sequence[int]]]] = {}
    for fact, members in grouped:
        keys = [cluster(quotes[i]) for i in members]
        key = next((k for k in keys if k[0] == "entity"), keys[0])
        facts_of.setdefault(key, []).append((fact, members))
    speakers = []
    for order, (key, facts) in enumerate(facts_of.items()):
        written = Counter(_shown(quotes[i].speaker) for _, members in facts for i in members)
        roles = Counter(_shown(quotes[i].role) for _, members in facts for i in members if quotes[i].role)
        entity = by_id.get(key[1]) if key[0] == "entity" else None
        speaker = Speaker(
            id="s" + hashlib.sha1("|".join(key).encode()).hexdigest()[:11],
            name=hashtag_words(entity.name) if entity else min(written, key=lambda w: (-written[w], w)),
            fact_ids=tuple(f.id for f, _ in facts),
            variants=tuple(sorted(written, key=lambda w: (-written[w], w))),
            entity=entity.id if entity else None,
            roles=tuple(sorted(roles, key=lambda r: (-roles[r], r))),
        )
        articles = {c.article_id for f, _ in facts for c in f.citations}
        speakers.append((-len(articles), -len(facts), order, speaker))
    return [s for *_, s in sorted(speakers, key=lambda t: t[:3])]

