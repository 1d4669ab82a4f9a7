"""Generate ``brief.schema.json`` from the dataclasses of :mod:`khabar.model`.

The descriptions below are the documentation of each field; ``docs/brief-schema.md``
explains the whole and links here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from khabar import model as m
from khabar.schema import SCHEMA_FILE

DESCRIPTIONS: dict[str, str] = {
    "EventBrief": "A brief of one event: what happened, who says so, where sources agree or disagree.",
    "EventBrief.schema_version": "Version of this schema, 'MAJOR.MINOR'. Readers accept any MINOR of the MAJOR they know.",
    "EventBrief.articles": "Every article the brief was built from, with its metadata and the numbers found in it.",
    "EventBrief.summary": "The cited multi-document summary, in reading order. Every sentence lists the article sentences that support it.",
    "EventBrief.quotes": "Reported statements: who said what, with which verb, direct or indirect.",
    "EventBrief.entities": "People, organisations and places, one per real-world referent, with every spelling seen.",
    "EventBrief.claims": "Every figure about people or events, with its frame: what it counts (category, group), where, over what time, how it relates to another figure, how it is hedged, and its source chain (since 2.0).",
    "EventBrief.quantities": "Each thing counted once, with every figure that gives it side by side: conflicting, agreeing, changing over time, or from one source; parts and breakdowns name their total (since 2.0, replaces 'conflicts').",
    "EventBrief.timeline": "Sentences that report a dated event, by resolved day.",
    "EventBrief.shared_passages": "Passages several outlets share verbatim or nearly (wire copy).",
    "EventBrief.facts": "What is reported, grouped across articles: each statement or quote with every article sentence that reports it (since 1.1).",
    "EventBrief.speakers": "Who said what: each person or body quoted, once, with every quote fact of theirs from every outlet; spellings of one name (linked as one entity) are one speaker (since 2.2).",
    "Speaker": "One person or body quoted in the brief.",
    "Speaker.id": "Stable id of the speaker within the brief.",
    "Speaker.name": "The name shown: the linked entity's name, else the speaker as most often written.",
    "Speaker.fact_ids": "The Fact.id of each quote of theirs, most widely carried first.",
    "Speaker.variants": "The speaker as each outlet wrote it, most frequent first.",
    "Speaker.entity": "The Entity.id when the speaker is a linked name; null for a description ('مصدر عسكري').",
    "Speaker.roles": "Titles the speaker was given, most frequent first.",
    "Fact": "One thing reported by one or more articles.",
    "Fact.kind": "statement: the same event in several words; quote: the same words from the same speaker.",
    "Fact.text": "The fact as one article words it (the most supported sentence, or the quote).",
    "Fact.speaker": "For a quote, the speaker as written in its first citation.",
    "Fact.citations": "Every sentence that reports it, one or more per article.",
    "Fact.outlets": "Distinct outlets among the citations (derived, sorted).",
    "EventBrief.options": "The options that produced this brief (algorithm, length, thresholds), for reproducibility.",
    "ArticleDigest": "An article as the brief presents it.",
    "ArticleDigest.id": "Stable id: 16 hex digits of the SHA-1 of the article's normalized title and body.",
    "ArticleDigest.published": "Publication day (ISO 8601 date); null when unknown (never guessed). Without one in the input, the day the article's title or lead fixes (a full date, or a weekday with day and month whose year the brief's dated articles fix), marked in 'inferred'.",
    "ArticleDigest.outlet": "The outlet from metadata, an option, or an explicit source line; without one, the name of the file the article was read from, marked in 'inferred'; null when neither is known.",
    "ArticleDigest.inferred": "Metadata the input did not give and the brief supplied, by field ('outlet', 'published'), each with how it was found (since 2.1).",
    "ArticleDigest.numbers": "Every number mention in the article text, parsed.",
    "ArticleDigest.sentence_count": "Number of sentences (the title counts as sentence 0 when present).",
    "NumberMention": "A number as written, parsed. Offsets are code-point indices into the article text (title, blank line, body).",
    "NumberMention.value": "Best single reading; null for vague quantities without a centre.",
    "NumberMention.low": "Lower bound; null when open ('أقل من').",
    "NumberMention.high": "Upper bound; null when open ('أكثر من').",
    "NumberMention.approximate": "True for hedged or vague figures ('نحو', 'حوالي', 'عشرات').",
    "NumberMention.qualifier": "The hedge as written, e.g. 'أكثر من'.",
    "NumberMention.unit": "'percent' for percentages; null for counts.",
    "SummarySentence": "A sentence chosen for the summary.",
    "SummarySentence.article_id": "Article the displayed sentence is taken from.",
    "SummarySentence.sentence_index": "Index of that sentence in its article.",
    "SummarySentence.citations": "Every article sentence that reports the same thing, the displayed one first.",
    "SummarySentence.outlets": "Distinct outlets among the citations (derived, sorted).",
    "SummarySentence.day": (
        "The opening's dateline (since 2.3): the event's day (ISO 8601 date) when the sentence names none and the "
        "other outlets' openings it cites state one and agree; null otherwise."
    ),
    "SummarySentence.day_citation": "The sentence that states 'day' (also among the citations); null without one (since 2.3).",
    "Citation": "A sentence of an article that supports a statement.",
    "Citation.similarity": "Similarity (0..1) of the supporting sentence to the summary sentence; 1 for the sentence itself.",
    "Quote": "A reported statement.",
    "Quote.speaker": "The speaker as written, without the title when one was separated out.",
    "Quote.start": "Start of the quoted content in the article text.",
    "Quote.direct": "True for a quotation inside quote marks; false for indirect speech (an إن / أن clause).",
    "Quote.speaker_resolved": "False when the speaker is an anaphor (المصدر نفسه، الأخير، المتحدث) nothing earlier in the article resolves; the speaker is then the anaphor as written.",
    "Entity": "A person, organisation or place.",
    "Entity.name": "Canonical name (the most frequent full spelling).",
    "Claim": "A figure and its frame.",
    "Claim.category": "What is counted: killed, injured, casualties, executed, kidnapped, missing, displaced, trapped, evacuated, surrendered, released, arrested, affected, population, participants, airstrikes, strikes, flights, facilities, places, factions, attackers, operations, vehicles, aid, money, territory, rate, measure, goals, matches, other.",
    "Claim.group": "Who or what exactly: people, civilians, fighters, soldiers, police, children, women, patients, families, prisoners ...; for things the plural noun (buses, districts, states), for sums 'money', for shares 'percent'.",
    "Claim.qualifier": "How the value is hedged: exact, about, at_least, more_than, up_to, less_than, range, vague ('عشرات': value null).",
    "Claim.place": "Where, as the article names it.",
    "Claim.place_in": "The city or province that holds the place, when the place is a district or town inside it.",
    "Claim.date": "The day the figure is given for (ISO 8601): the day of an incident, or the day a count so far is reported; null when unknown.",
    "Claim.span": "The time the figure covers.",
    "Claim.cumulative": "True for a count that grows (a toll since a date, the displaced so far).",
    "Claim.relation": "What this figure is to another figure of the brief; null when nothing.",
    "Claim.source_chain": "Who the figure comes from, outlet excluded: the source the outlet cites, then that source's own source; the last link is the primary source. One link of kind 'unattributed' when the outlet states it itself.",
    "Claim.event": "The event the figure belongs to, when the brief tells events apart; null otherwise.",
    "SourceLink": "One link of a source chain.",
    "SourceLink.text": "The source as written, without title; empty when unattributed.",
    "SourceLink.kind": "person, organisation, country, anonymous ('مصادر أخرى'), unattributed, or other.",
    "SourceLink.organisation": "The organisation a person speaks for, when the sentence names it.",
    "SourceLink.entity": "The Entity.id of the source, when linked.",
    "FigureSpan": "The time a figure covers.",
    "FigureSpan.kind": "day (an incident, or a state on a day), since (counted from 'start'), so_far (counted without a start), period (from 'start' to 'end', or named in 'as_written'), unknown.",
    "FigureSpan.start": "The day of a 'day' span; the first day of 'since' and 'period'; null when unknown.",
    "FigureSpan.end": "The last day of a 'period'.",
    "FigureSpan.as_written": "The date expression as written, when there is one.",
    "FigureRelation": "What a figure is to another figure.",
    "FigureRelation.kind": "part_of (a share of a total split by place, destination or batch), breakdown_of (a subgroup of a total by who: 'بينهم 11 طفلا'), running_total_of (the same growing count reported later), same_as (the same figure again in the same article).",
    "FigureRelation.target": "The Claim.id of the other figure.",
    "Quantity": "One thing counted (same event, category, group, place, unit and time), with every figure of the brief that gives it; each figure is in exactly one quantity.",
    "Quantity.kind": "conflict: positions of one day from different primary sources disagree; change_over_time: the count is reported again later with another value; agreement: two or more independent primary sources give one value; single: otherwise.",
    "Quantity.claim_ids": "Every figure of the quantity: the positions' figures in order, then the vague ones.",
    "Quantity.positions": "The values given, each with its figures and independent primary sources, by day then value.",
    "Quantity.disputes": "Sets of indices into 'positions' that give different values for the same day from different primary sources: every pair of figures across two of them is a disagreement.",
    "Quantity.vague_ids": "Vague figures ('عشرات') of the quantity: shown, never counted for or against a conflict.",
    "Quantity.parent": "The Quantity.id of the total this quantity is a part or breakdown of; null for a total.",
    "Quantity.relation": "part_of or breakdown_of, when 'parent' is set.",
    "Quantity.note": "The values as written, joined by what relates them (≠, =, →).",
    "Position": "One value of a quantity.",
    "Position.claim_ids": "The figures giving this value.",
    "Position.sources": "The independent primary sources behind it, as written (three outlets citing one source are one).",
    "Position.date": "The day the value is given for.",
    "TimelineEntry": "A dated event sentence.",
    "TimelineEntry.expression": "The date expression as written (e.g. 'أمس', 'الأربعاء 14 كانون الأول').",
    "SharedPassage": "Text shared by several articles.",
    "SharedPassage.similarity": "Estimated similarity of the occurrences (0..1).",
    "PassageOccurrence": "Where a shared passage occurs.",
    "Mention": "A span of an article that names an entity.",
}


def _schema_for(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_schema_for(inner, defs), {"type": "null"}]}
    if origin in (tuple, list):
        return {"type": "array", "items": _schema_for(typing.get_args(tp)[0], defs)}
    if origin is typing.Literal:
        return {"enum": list(typing.get_args(tp))}
    if origin is dict:
        return {"type": "object"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if tp in simple:
        return {"type": simple[tp]}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if dataclasses.is_dataclass(tp):
        _add(tp, defs)
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _add(cls: type, defs: dict[str, Any]) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = {}  # placeholder against recursion
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        prop = _schema_for(hints[f.name], defs)
        if desc := DESCRIPTIONS.get(f"{cls.__name__}.{f.name}"):
            prop = {"description": desc, **prop}
        props[f.name] = prop
    if cls in (m.SummarySentence, m.Fact):  # derived property serialized by model.to_jsonable
        props["outlets"] = {
            "description": DESCRIPTIONS[f"{cls.__name__}.outlets"],
            "type": "array",
            "items": {"type": "string"},
        }
    defs[cls.__name__] = {
        "type": "object",
        "description": DESCRIPTIONS.get(cls.__name__, ""),
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def generate() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    _add(m.EventBrief, defs)
    root = defs.pop("EventBrief")
    major = m.BRIEF_SCHEMA_VERSION.split(".")[0]
    root["properties"]["schema_version"]["pattern"] = rf"^{major}\.\d+$"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://khabar.invalid/schema/brief-{major}.json",
        "title": "khabar event brief",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def render() -> str:
    return json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    target = Path(__file__).with_name(SCHEMA_FILE)
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}", file=sys.stderr)
