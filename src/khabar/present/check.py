"""A claim check for a reader, in the interface language (Arabic by default): the verdict
sentence made from the verdict's parts, then each article's stance with its evidence.
Article text and the names of outlets and sources stay as written."""

from __future__ import annotations

from khabar.check.verdict import CheckResult, Verdict
from khabar.present.labels import category_label, labels

#: What joins items of a list, per language.
_COMMA = {"ar": "، ", "en": ", "}
_SEMICOLON = {"ar": "؛ ", "en": "; "}


def verdict_sentence(verdict: Verdict, lang: str = "ar") -> str:
    """The verdict said in ``lang``: who agrees, who disagrees (on which figure), who only
    discusses, and the warning when every side is one wire story.  In English it is the
    verdict's own sentence (:attr:`Verdict.summary`, also the JSON's)."""
    if lang == "en":
        return verdict.summary
    lab = labels(lang)
    comma = _COMMA.get(lang, ", ")

    def names(outlets: tuple[str | None, ...]) -> str:
        return comma.join(o or lab["unnamed_outlet"] for o in outlets)

    parts = []
    if verdict.agree:
        parts.append(lab["verdict_agree"].format(n=verdict.agree, names=names(verdict.agree_outlets)))
    if verdict.disagree:
        if verdict.disagree_figures:
            figures = _SEMICOLON.get(lang, "; ").join(
                lab["verdict_figure"].format(value=f.value, claim_figure=f.claim_figure, who=comma.join(f.who))
                for f in verdict.disagree_figures
            )
            parts.append(lab["verdict_disagree_figures"].format(n=verdict.disagree, figures=figures))
        else:
            parts.append(lab["verdict_disagree"].format(n=verdict.disagree, names=names(verdict.disagree_outlets)))
    if verdict.discuss:
        parts.append(lab["verdict_discuss"].format(n=verdict.discuss))
    if not verdict.agree and not verdict.disagree:
        sentence = lab["verdict_none"].format(read=verdict.read) + (f"{_SEMICOLON.get(lang, '; ')}{parts[0]}" if parts else "") + "."
    else:
        sentence = comma.join(parts) + "."
    if verdict.single_wire_story:
        sentence += " " + lab["verdict_single_wire"].format(n=verdict.sided)
    return sentence


def comma_of(lang: str) -> str:
    return _COMMA.get(lang, ", ")


def format_check(result: CheckResult, *, lang: str = "ar", show_unrelated: bool = False) -> str:
    """The result as lines for a terminal: claim, verdict, then each judged article."""
    lab = labels(lang)
    judged = lab["judged_by"].format(model=lab.get(f"model_{result.model}", result.model))
    if result.event:
        within = "within_storyline" if result.storyline else "within_event"
        judged += comma_of(lang) + lab[within].format(event=result.event, storyline=result.storyline)
    lines = [f"{lab['claim']}: {result.claim}", f"{lab['verdict']}: {verdict_sentence(result.verdict, lang)}", f"({judged})", ""]
    for a in result.articles:
        if a.stance == "unrelated" and not show_unrelated:
            continue
        date = a.published.isoformat() if a.published else lab["undated"]
        stance = lab.get(f"stance_{a.stance}", a.stance)
        lines.append(f"[{stance}] {a.outlet or lab['unnamed_outlet']} ({date}) {a.title}".rstrip())
        for e in a.evidence:
            who = f" — {e.source}" if e.source else ""
            lines.append(f"    #{e.sentence_index} ({e.similarity:.2f}){who}: {e.text}")
            for f in e.figures:
                relation = lab["agrees_with"] if f.agrees else lab["differs_from"]
                lines.append(f"        {lab['figure']} {f.text} ({category_label(f.category, lang)}) {relation} {f.claim_figure}")
    unrelated = sum(1 for a in result.articles if a.stance == "unrelated")
    if unrelated and not show_unrelated:
        lines.append(lab["unrelated_hidden"].format(n=unrelated))
    return "\n".join(lines)
