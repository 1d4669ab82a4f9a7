"""A sentence's facts by what it tells, not by its words (issue 18, round 17).

Two outlets tell one fact in different words ("حادث طعن" and "اعتداء"، "أقال" and "إقالة"),
and one outlet tells two facts with the same names.  So a sentence's facts are what kind of
statement it makes and about what:

* a **toll**: a figure's claim, by the happening it counts (killed, executed: deaths; injured:
  injury; else its category), ``("#toll", kind)``;
* a **statement by X about Y**: a quote whose speaker is named before what was said, by the
  speaker and the predicate of what was said, ``("#said", speaker, predicate)``;
* an **action** or **decision**: the predicate a clause opens with (Arabic news opens a clause
  with its verb) and who does it (the first name after it), ``("#did", predicate, actor)``; and
  any other kind of happening the sentence names, ``("#kind", kind)``;
* a **figure** of no claim by its value, ``("#figure", value)``.

A predicate is the kind of happening its word triggers (``text/ar/data/happening_kinds.txt``,
the one place where synonyms are merged: "هجوم" "اعتداء" "استهداف" are one attack, "إقالة"
"أقال" one change of office), else the light stem of the word.  "A new fact" is then a new
predicate or a new speaker, not new words.
"""

from __future__ import annotations

from khabar.extract.happenings import word_kind
from khabar.model import Document
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import tokenize, words

Fact = tuple[str, ...]

#: What a figure's claim category counts, as a kind of happening (the others stand for
#: themselves): killed, casualties and executed are deaths told with or without a figure.
TOLL_KINDS = {"killed": "deaths", "casualties": "deaths", "executed": "deaths", "injured": "injury"}
#: How many first words of a clause may hold its predicate (a conjunction or "قد" first).
PREDICATE_WORDS = 6
#: How many words after the predicate may hold its actor (the subject of a verb-first clause).
ACTOR_WORDS = 6


def predicate(tokens, names: tuple[tuple[int, int], ...] = ()) -> tuple[str, int] | None:
    """The predicate of a clause (its tokens; ``names``: spans of names in the same offsets,
    whose words are no predicate) and the index of its word: the first of its first
    :data:`PREDICATE_WORDS` words outside names that triggers a kind of happening, else the
    first that is not a stop word, by its light stem."""
    head = [
        (i, t)
        for i, t in enumerate(tokens)
        if t.norm and t.norm[0].isalpha() and not any(a <= t.start < b for a, b in names)
    ][:PREDICATE_WORDS]
    for i, t in head:
        kind = word_kind(t.text)
        if kind is not None:
            return kind, i
    for i, t in head:
        if len(t.norm) > 1 and t.norm not in STOPWORDS:
            return "~" + stem(t.norm), i
    return None


def speaker_key(doc: Document, q) -> str | None:
    """Who said it, as a name linking compares across articles: the resolved entity, else the
    key of the first name found where the speaker is written; None for an unnamed source."""
    if q.speaker_entity:
        return q.speaker_entity
    if q.speaker_start is None:
        return None
    return next(
        (m.name_key for m in doc.mentions if q.speaker_start <= m.start and m.end <= (q.speaker_end or m.end)), None
    )


def _facts_of_span(doc: Document, start: int, end: int, quotes, names) -> set[Fact]:
    """The action facts of the text ``doc.article.text[start:end]`` outside the ``quotes``'
    contents: its predicate and actor, and every kind of happening it names outside names."""
    text = doc.article.text
    tokens = [
        t
        for t in tokenize(text[start:end])
        if not any(a <= start + t.start < b for a, b in quotes)
    ]
    facts: set[Fact] = set()
    found = predicate(tokens, tuple((m.start - start, m.end - start) for m in names))
    if found is not None:
        pred, i = found
        at = start + (tokens[i + ACTOR_WORDS].start if len(tokens) > i + ACTOR_WORDS else end - start)
        after = start + tokens[i].end
        actor = next((m.name_key for m in names if after <= m.start and m.end <= at), "")
        facts.add(("#did", pred, actor))
    for t in tokens:
        if any(m.start <= start + t.start < m.end for m in names):
            continue
        kind = word_kind(t.text)
        if kind is not None:
            facts.add(("#kind", kind))
    return facts


def sentence_facts(doc: Document, sentence_index: int, start: int, end: int) -> frozenset[Fact]:
    """The facts the part ``[start, end)`` of the article's sentence ``sentence_index`` tells."""
    from khabar.summarize.event_first import figure_term, is_figure

    inside = lambda m: start <= m.start and m.end <= end  # noqa: E731
    facts: set[Fact] = set()
    spans = []
    for claim in doc.claims:
        if claim.sentence_index == sentence_index and inside(claim):
            spans.append((claim.start, claim.end))
            if claim.category:
                facts.add(("#toll", TOLL_KINDS.get(claim.category, claim.category)))
            elif claim.value is not None:
                facts.add(("#figure", figure_term(claim.value)))
    for n in doc.numbers:
        if inside(n) and n.value is not None and n.unit is None and not any(a <= n.start < b for a, b in spans):
            term = figure_term(n.value)
            if is_figure(term):
                facts.add(("#figure", term))
    names = [m for m in doc.mentions if inside(m)]
    contents = []
    for q in doc.quotes:
        if q.sentence_index != sentence_index or not (start <= q.start and q.end <= end + 1):
            continue
        if q.speaker_start is None or q.speaker_start > q.start:
            continue  # a source named after what it says: the sentence tells the fact itself
        contents.append((q.start, q.end))
        speaker = speaker_key(doc, q) or next((stem(w) for w in words(q.speaker) if w not in STOPWORDS), "")
        said = predicate(tokenize(doc.article.text[q.start : q.end]), tuple((m.start - q.start, m.end - q.start) for m in names))
        facts.add(("#said", speaker, said[0] if said else ""))
        facts |= {f for f in _facts_of_span(doc, q.start, q.end, [], names) if f[0] == "#kind"}
    facts |= _facts_of_span(doc, start, end, contents, names)
    return frozenset(facts)
