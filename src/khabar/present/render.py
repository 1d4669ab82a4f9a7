"""Render a brief as plain text, Markdown, a self-contained HTML file, JSON or a CSV of its
figures.

Every rendering but JSON lays out the one view of :mod:`khabar.present.view`, so a file
shows what the web page shows; JSON is the brief's documented contract itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from khabar.model import EventBrief, json_text
from khabar.present.view import BriefView, brief_view, cite

#: name -> what it gives, for help texts and errors; the order is the order of ``--help``.
FORMATS: dict[str, str] = {
    "text": "plain text for the terminal",
    "markdown": "Markdown",
    "json": "the brief's JSON (docs/brief-schema.md)",
    "html": "one self-contained HTML file (inline style and SVG, no network)",
    "csv": "the figures as CSV, one row per figure with its source and day",
}

#: How many statements a text or Markdown brief lists under its speakers (most widely
#: carried speakers first); JSON and HTML keep them all.
MAX_QUOTES_SHOWN = 15
#: How many statements of one speaker they list (most widely carried first), so that one
#: much-quoted speaker does not hide the others.
STATEMENTS_PER_SPEAKER = 3
#: How many entities of each kind a text or Markdown brief lists (most mentioned first).
MAX_ENTITIES_PER_KIND = 12


def render(brief: EventBrief, fmt: str, *, lang: str = "ar") -> str:
    renderers: dict[str, Callable[[EventBrief, str], str]] = {
        "json": lambda b, _l: render_json(b),
        "text": lambda b, lang: render_text(brief_view(b, lang=lang)),
        "markdown": lambda b, lang: render_markdown(brief_view(b, lang=lang)),
        "html": lambda b, lang: render_html(brief_view(b, lang=lang)),
        "csv": lambda b, lang: render_csv(brief_view(b, lang=lang)),
    }
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return renderers[fmt](brief, lang)


def render_json(brief: EventBrief) -> str:
    return json_text(brief) + "\n"


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _entity_lines(view: BriefView) -> list[str]:
    """Per kind, the most mentioned entities, each with its other spellings."""
    lines = []
    for group in view.entities:
        items = sorted(group["items"], key=lambda e: (-e["mentions"], e["name"]))[:MAX_ENTITIES_PER_KIND]
        shown = [e["name"] + (f" ({' / '.join(e['variants'])})" if e["variants"] else "") for e in items]
        lines.append(f"{group['label']}: " + "، ".join(shown))
    return lines


def _quantity_lines(quantity: dict, lab: dict[str, str], depth: int = 0) -> list[str]:
    """A quantity once: what is counted, then each position (value, its independent sources,
    the articles and day that give it), disputed positions marked ≠, vague figures after,
    parts and breakdowns indented under it."""
    pad = "    " * depth
    head = f"{quantity['relation_label']}: " if quantity["relation_label"] else ""
    lines = [f"{pad}[{quantity['kind_label']}] {head}{quantity['title']}"]
    for p in quantity["positions"]:
        mark = "≠ " if p["disputed"] else "  "
        day = f" ({p['date']})" if p["date"] else ""
        lines.append(f"{pad}  {mark}{p['value']} — {'، '.join(p['sources'])}{day} {p['cite']}")
    if quantity["vague"]:
        shown = "، ".join(f"{v['text']} {cite([v['number']])}" for v in quantity["vague"])
        lines.append(f"{pad}  {lab['vague_figures']}: {shown}")
    for child in quantity["children"]:
        lines += _quantity_lines(child, lab, depth + 1)
    return lines


def _speaker_head(speaker: dict) -> str:
    """A speaker as listed: the name, the other spellings the outlets wrote, the title most
    often given, and every article quoting them."""
    head = speaker["name"]
    if speaker["variants"]:
        head += f" ({' / '.join(speaker['variants'])})"
    if speaker["roles"]:
        head += f" — {speaker['roles'][0]}"
    return f"{head} {speaker['cite']}"


def _speakers_shown(view: BriefView) -> tuple[list[tuple[dict, list[dict], int]], int]:
    """The speakers a text or Markdown brief lists, each with the statements shown (at most
    :data:`STATEMENTS_PER_SPEAKER`) and how many of theirs are left out, up to
    :data:`MAX_QUOTES_SHOWN` statements in all; and how many statements of speakers not
    listed are left out."""
    shown, room, left = [], MAX_QUOTES_SHOWN, 0
    for s in view.speakers:
        statements = s["statements"][: min(room, STATEMENTS_PER_SPEAKER)]
        room -= len(statements)
        if statements:
            shown.append((s, statements, len(s["statements"]) - len(statements)))
        else:
            left += len(s["statements"])
    return shown, left


def _counts(view: BriefView) -> str:
    """How many articles and outlets (the articles with no known outlet said beside them)."""
    lab = view.lab
    line = f"{lab['count_articles']}: {len(view.articles)}, {lab['count_outlets']}: {view.outlet_count}"
    if view.unknown_outlet_articles:
        line += f" ({lab['unknown_outlet_articles']}: {view.unknown_outlet_articles})"
    return line


def render_text(view: BriefView) -> str:
    lab = view.lab
    lines = [
        f"{lab['title']} — {_counts(view)}",
        "",
        f"== {lab['summary']} ==",
    ]
    lines += [f"• {_dateline(s)}{s['text']} {s['cite']}" for s in view.summary]
    lines += ["", f"== {lab['articles']} =="]
    lines += [r.describe() for r in view.articles]
    if view.entities:
        lines += ["", f"== {lab['entities']} =="]
        lines += _entity_lines(view)
    speakers, left = _speakers_shown(view)
    if speakers:
        lines += ["", f"== {lab['quotes']} =="]
        for s, statements, more in speakers:  # each speaker once, each statement with every article carrying it
            lines.append(_speaker_head(s))
            lines += [f"  {f['cite']} {_clip(f['text'], 160)}" for f in statements]
            if more:
                lines.append(f"  (+{more})")
        if left:
            lines.append(f"(+{left} — --format json / html)")
    if view.timeline:
        lines += ["", f"== {lab['timeline']} =="]
        lines += [f"{t['date']}  {cite([t['number']])}  {t['text']}" for t in view.timeline]
    if view.shared_passages:
        lines += ["", f"== {lab['shared_passages']} =="]
        lines += [f"{p['cite']} ({p['score']:.2f}) {_clip(p['text'])}" for p in view.shared_passages]
    if view.conflicts:
        lines += ["", f"== {lab['conflicts']} =="]
        lines += [line for q in view.conflicts for line in _quantity_lines(q, lab)]
    if view.figures:
        lines += ["", f"== {lab['claims']} =="]
        lines += [line for q in view.figures for line in _quantity_lines(q, lab)]
    lines += ["", f"== {lab['numbers']} =="]
    for a in view.numbers:
        lines.append(f"[{a['number']}] " + "، ".join(f"{n['text']} ({n['value']})" for n in a["items"]))
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    for ch in "\\`*_[]<>|#":
        text = text.replace(ch, "\\" + ch)
    return text


def _dateline(s: dict) -> str:
    """A summary sentence's dateline (the event's day from the sources), as a wire puts it first."""
    return f"{s['day']} — " if s.get("day") else ""


def render_markdown(view: BriefView) -> str:
    lab = view.lab
    out = [f"# {lab['title']}", "", _md_escape(_counts(view)), "", f"## {lab['summary']}", ""]
    out += [f"- {_md_escape(_dateline(s) + s['text'])} {_md_escape(s['cite'])}" for s in view.summary]
    out += ["", f"## {lab['articles']}", ""]
    out += [f"{r.number}. {_md_escape(r.describe())}" for r in view.articles]
    if view.entities:
        out += ["", f"## {lab['entities']}", ""]
        out += [f"- {_md_escape(line)}" for line in _entity_lines(view)]
    speakers, left = _speakers_shown(view)
    if speakers:
        out += ["", f"## {lab['quotes']}", ""]
        for s, statements, more in speakers:
            out.append(f"- **{_md_escape(s['name'])}**{_md_escape(_speaker_head(s)[len(s['name']):])}")
            out += [f"  - {_md_escape(f['cite'])} {_md_escape(_clip(f['text'], 160))}" for f in statements]
            if more:
                out.append(f"  - (+{more})")
        if left:
            out.append(f"- (+{left} — --format json / html)")
    if view.timeline:
        out += ["", f"## {lab['timeline']}", ""]
        out += [f"- **{t['date']}** {_md_escape(cite([t['number']]))} {_md_escape(t['text'])}" for t in view.timeline]
    if view.shared_passages:
        out += ["", f"## {lab['shared_passages']}", ""]
        out += [
            f"- {_md_escape(p['cite'])} ({p['score']:.2f}) {_md_escape(_clip(p['text']))}" for p in view.shared_passages
        ]
    for key, quantities in (("conflicts", view.conflicts), ("claims", view.figures)):
        if quantities:
            out += ["", f"## {lab[key]}", ""]
            for q in quantities:
                for line in _quantity_lines(q, lab):
                    depth = (len(line) - len(line.lstrip(" "))) // 2
                    out.append("  " * depth + "- " + _md_escape(line.strip()))
    out += ["", f"## {lab['numbers']}", "", f"| # | {lab['as_written']} | {lab['value']} |", "|---|---|---|"]
    for a in view.numbers:
        out += [f"| {a['number']} | {_md_escape(n['text'])} | {n['value']} |" for n in a["items"]]
    return "\n".join(out) + "\n"


#: The columns of the CSV of figures, in order.
CSV_COLUMNS = (
    "article", "outlet", "published", "value", "low", "high", "approximate", "qualifier", "unit", "category",
    "group", "place", "place_in", "span", "span_start", "cumulative", "figure_day", "source", "source_kind",
    "relation", "relation_to", "quantity", "quantity_kind", "as_written", "article_id", "claim_id",
)


def render_csv(view: BriefView) -> str:
    """One row per figure (claim): the value as a reader reads it and as numbers, its frame
    (what it counts, where, over what time, how it relates to another figure), its source
    chain, the quantity it belongs to and whether that quantity is disputed, and the figure as
    written.  Codes are the stable codes of the JSON, whatever the language."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in view.claims:
        writer.writerow([
            c["number"], c["outlet"], c["published"], c["value"], c["low"], c["high"], int(c["approximate"]),
            c["qualifier"], c["unit"] or "", c["category_code"] or "", c["group_code"] or "", c["place"] or "",
            c["place_in"] or "", c["span_code"], c["span_start"] or "", int(c["cumulative"]), c["date"] or "",
            c["source"], c["source_kind"], c["relation_code"] or "", c["relation_target"] or "",
            c["quantity"] or "", c["kind"] or "", c["text"], c["article_id"], c["id"],
        ])
    return buffer.getvalue()


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("khabar.present", "templates"),
        autoescape=True,  # every article string is escaped: an article may contain <script>
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env


def stylesheet() -> str:
    """The pages' one stylesheet, inlined into a standalone file."""
    return (resources.files("khabar") / "web" / "static" / "app.css").read_text(encoding="utf-8")


def render_html(view: BriefView) -> str:
    """One file that opens anywhere, offline: the page's sections, its stylesheet inline,
    the timeline as inline SVG, citations pointing at the file's own list of articles."""
    return _environment().get_template("brief.html").render(
        view=view, lab=view.lab, lang=view.lang, dir="rtl" if view.lang == "ar" else "ltr", css=stylesheet(),
        q=None, exports=None,
    )
