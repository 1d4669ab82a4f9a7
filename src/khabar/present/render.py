"""Render a brief as JSON, plain text, Markdown or a standalone HTML page.

All renderers read only the :class:`~khabar.model.EventBrief`, so what a page shows is what
the JSON contract holds.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from khabar.model import ArticleDigest, Claim, EventBrief, NumberMention, Quote
from khabar.present.labels import category_label, labels

FORMATS = ("text", "markdown", "json", "html")


def render(brief: EventBrief, fmt: str, *, lang: str = "ar") -> str:
    renderers: dict[str, Callable[[EventBrief, str], str]] = {
        "json": lambda b, _l: render_json(b),
        "text": render_text,
        "markdown": render_markdown,
        "html": render_html,
    }
    try:
        return renderers[fmt](brief, lang)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}") from None


def render_json(brief: EventBrief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2) + "\n"


def format_number(n: NumberMention | Claim) -> str:
    """A figure as a reader scans it: "~40,000", "≥75,000", "20–99", "60%"."""
    def fmt(x: float | None) -> str:
        if x is None:
            return "?"
        if not float(x).is_integer():
            return f"{x:,.2f}"
        return f"{x:,.0f}" if abs(x) >= 10_000 else f"{x:.0f}"  # no separator in years: 2016

    if n.value is not None and n.low == n.high == n.value:
        core = fmt(n.value)
    elif n.low is not None and n.high is not None:
        core = f"{fmt(n.low)}–{fmt(n.high)}"
    elif n.low is not None:
        core = f"≥{fmt(n.low)}"
    elif n.high is not None:
        core = f"≤{fmt(n.high)}"
    else:
        core = fmt(n.value)
    if n.unit == "percent":
        core += "%"
    return ("~" if n.approximate else "") + core


class _Refs:
    """Short article numbers [1], [2] ... in brief order, for compact citations."""

    def __init__(self, brief: EventBrief, lang: str) -> None:
        self.lab = labels(lang)
        self.number = {a.id: i + 1 for i, a in enumerate(brief.articles)}
        self.by_id = {a.id: a for a in brief.articles}

    def describe(self, a: ArticleDigest) -> str:
        outlet = a.outlet or self.lab["unknown_outlet"]
        date = a.published.isoformat() if a.published else self.lab["unknown_date"]
        return f"[{self.number[a.id]}] {outlet} · {date} · {a.title}"

    def cite(self, article_ids: list[str]) -> str:
        nums = sorted({self.number[i] for i in article_ids if i in self.number})
        return "[" + ",".join(str(n) for n in nums) + "]"


#: How many quotes a text or Markdown brief lists (most widely carried first); JSON and
#: HTML keep them all.
MAX_QUOTES_SHOWN = 15
#: How many entities of each kind a text or Markdown brief lists (most mentioned first).
MAX_ENTITIES_PER_KIND = 12
_KIND_LABELS = {"ar": {"person": "أشخاص", "organisation": "منظمات", "place": "أماكن", "other": "أخرى"},
                "en": {"person": "people", "organisation": "organisations", "place": "places", "other": "other"}}


def _entity_lines(brief: EventBrief, lang: str) -> list[str]:
    """Per kind, the most mentioned entities, each with its other spellings."""
    lines = []
    for kind in ("person", "organisation", "place", "other"):
        of_kind = sorted((e for e in brief.entities if e.kind == kind), key=lambda e: (-len(e.mentions), e.name))
        if not of_kind:
            continue
        shown = []
        for e in of_kind[:MAX_ENTITIES_PER_KIND]:
            others = [v for v in e.variants if v != e.name]
            shown.append(e.name + (f" ({' / '.join(others)})" if others else ""))
        lines.append(f"{_KIND_LABELS[lang][kind]}: " + "، ".join(shown))
    return lines


def _conflict_lines(brief: EventBrief, refs: _Refs, lang: str) -> list[str]:
    """One line per compared quantity: kind, what is counted, each source's figure side by side."""
    lab = labels(lang)
    by_id = {c.id: c for c in brief.claims}
    lines = []
    for conflict in brief.conflicts:
        parts = []
        for cid in conflict.claim_ids:
            c = by_id.get(cid)
            if c is None:
                continue
            when = c.date.isoformat() if c.date else lab["unknown_date"]
            parts.append(f"{format_number(c)} ({c.source or '?'}، {when}) {refs.cite([c.article_id])}")
        what = category_label(conflict.category, lang) + (f" · {conflict.place}" if conflict.place else "")
        lines.append(f"[{lab['kind_' + conflict.kind]}] {what}: " + " | ".join(parts))
    return lines


def _speaker(q: Quote) -> str:
    return f"{q.speaker} ({q.role})" if q.role else q.speaker


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def render_text(brief: EventBrief, lang: str = "ar") -> str:
    lab = labels(lang)
    refs = _Refs(brief, lang)
    outlets = {a.outlet for a in brief.articles if a.outlet}
    lines = [
        f"{lab['title']} — {lab['count_articles']}: {len(brief.articles)}, {lab['count_outlets']}: {len(outlets)}",
        "",
        f"== {lab['summary']} ==",
    ]
    for s in brief.summary:
        lines.append(f"• {s.text} {refs.cite([c.article_id for c in s.citations])}")
    lines += ["", f"== {lab['articles']} =="]
    lines += [refs.describe(a) for a in brief.articles]
    if brief.entities:
        lines += ["", f"== {lab['entities']} =="]
        lines += _entity_lines(brief, lang)
    quote_facts = [f for f in brief.facts if f.kind == "quote"]
    if quote_facts:
        lines += ["", f"== {lab['quotes']} =="]
        for f in quote_facts[:MAX_QUOTES_SHOWN]:  # each quote once, with every article that carries it
            lines.append(f"{refs.cite(list(f.article_ids))} {f.speaker}: {_clip(f.text, 160)}")
        if len(quote_facts) > MAX_QUOTES_SHOWN:
            lines.append(f"(+{len(quote_facts) - MAX_QUOTES_SHOWN} — --format json / html)")
    if brief.timeline:
        lines += ["", f"== {lab['timeline']} =="]
        for t in brief.timeline:
            lines.append(f"{t.date.isoformat()}  {refs.cite([t.article_id])}  {t.text}")
    if brief.shared_passages:
        lines += ["", f"== {lab['shared_passages']} =="]
        for p in brief.shared_passages:
            cite = refs.cite([o.article_id for o in p.occurrences])
            lines.append(f"{cite} ({p.similarity:.2f}) {_clip(p.text)}")
    if brief.conflicts:
        lines += ["", f"== {lab['conflicts']} =="]
        lines += _conflict_lines(brief, refs, lang)
    lines += ["", f"== {lab['numbers']} =="]
    for a in brief.articles:
        if a.numbers:
            shown = "، ".join(f"{n.text} ({format_number(n)})" for n in a.numbers)
            lines.append(f"[{refs.number[a.id]}] {shown}")
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(brief: EventBrief, lang: str = "ar") -> str:
    lab = labels(lang)
    refs = _Refs(brief, lang)
    out = [f"# {lab['title']}", "", f"## {lab['summary']}", ""]
    for s in brief.summary:
        out.append(f"- {_md_escape(s.text)} {_md_escape(refs.cite([c.article_id for c in s.citations]))}")
    out += ["", f"## {lab['articles']}", ""]
    out += [f"{i}. {_md_escape(refs.describe(a))}" for i, a in enumerate(brief.articles, 1)]
    if brief.entities:
        out += ["", f"## {lab['entities']}", ""]
        out += [f"- {_md_escape(line)}" for line in _entity_lines(brief, lang)]
    quote_facts = [f for f in brief.facts if f.kind == "quote"]
    if quote_facts:
        out += ["", f"## {lab['quotes']}", ""]
        out += [
            f"- {_md_escape(refs.cite(list(f.article_ids)))} **{_md_escape(f.speaker or '')}**: {_md_escape(_clip(f.text, 160))}"
            for f in quote_facts[:MAX_QUOTES_SHOWN]
        ]
        if len(quote_facts) > MAX_QUOTES_SHOWN:
            out.append(f"- (+{len(quote_facts) - MAX_QUOTES_SHOWN} — --format json / html)")
    if brief.timeline:
        out += ["", f"## {lab['timeline']}", ""]
        out += [
            f"- **{t.date.isoformat()}** {_md_escape(refs.cite([t.article_id]))} {_md_escape(t.text)}"
            for t in brief.timeline
        ]
    if brief.shared_passages:
        out += ["", f"## {lab['shared_passages']}", ""]
        out += [
            f"- {_md_escape(refs.cite([o.article_id for o in p.occurrences]))} ({p.similarity:.2f}) {_md_escape(_clip(p.text))}"
            for p in brief.shared_passages
        ]
    if brief.conflicts:
        out += ["", f"## {lab['conflicts']}", ""]
        out += [f"- {_md_escape(line)}" for line in _conflict_lines(brief, refs, lang)]
    out += ["", f"## {lab['numbers']}", "", f"| # | {lab['as_written']} | {lab['value']} |", "|---|---|---|"]
    for a in brief.articles:
        for n in a.numbers:
            out.append(f"| {refs.number[a.id]} | {_md_escape(n.text)} | {format_number(n)} |")
    return "\n".join(out) + "\n"


def render_html(brief: EventBrief, lang: str = "ar") -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("khabar.present", "templates"),
        autoescape=True,  # every article string is escaped: an article may contain <script>
        trim_blocks=True,
        lstrip_blocks=True,
    )
    refs = _Refs(brief, lang)
    return env.get_template("brief.html").render(
        brief=brief,
        lab=labels(lang),
        lang=lang,
        refs=refs,
        fmt_number=format_number,
        clip=_clip,
        speaker=_speaker,
    )
