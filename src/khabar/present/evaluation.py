"""The result tables of ``khabar eval``: what each evaluation measured, laid out for a
terminal (fixed-width columns) or, for summaries, as a Markdown table to paste into the docs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khabar.evaluate.extraction import PRF, ExtractionScores
    from khabar.evaluate.frames import FrameScores
    from khabar.evaluate.ner import CrossValidation, NerScores
    from khabar.evaluate.segmentation import SegmentationScores
    from khabar.evaluate.stance import Report
    from khabar.evaluate.stories import ClusteringScores
    from khabar.evaluate.summaries import SummaryTable


def extraction_table(scores: ExtractionScores) -> str:
    rows: list[tuple[str, PRF]] = [
        ("quotes", scores.quotes),
        ("speakers", scores.speakers),
        ("claims (value+cat+source)", scores.claims),
        ("claims (value+category)", scores.claims_value_category),
        ("claims (value)", scores.claims_value),
        ("entity mentions", scores.entity_mentions),
        *((f"  {k}", v) for k, v in scores.entity_mentions_by_kind.items()),
        ("entity clusters (B-cubed)", scores.entity_bcubed),
        ("dates", scores.dates),
    ]
    lines = [f"{'kind':<28} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'found':>6}"]
    for name, s in rows:
        lines.append(
            f"{name:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:>6} {s.predicted:>6} {s.matched:>6}"
        )
    qc = scores.quote_content
    lines.append(f"quote content as said: {qc.accuracy:.3f} ({qc.accurate} of {qc.found} quotes found)")
    lines.append(f"({scores.articles} articles)")
    return "\n".join(lines)


def frames_table(scores: FrameScores, *, errors: bool = False) -> str:
    """Figures found, attribution, per-field frame accuracy, not-claims taken for figures, and
    conflict pairs (``errors``: every miss and mismatch after the tables)."""
    rows: list[tuple[str, PRF]] = [
        ("claims (value)", scores.claims),
        ("claims (+category)", scores.claims_category),
        ("claims (+category+source)", scores.claims_source),
        ("conflict pairs", scores.conflicts),
        ("same-figure pairs", scores.same_figure),
    ]
    lines = [f"{'kind':<28} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'found':>6}"]
    for name, s in rows:
        lines.append(
            f"{name:<28} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.gold:>6} {s.predicted:>6} {s.matched:>6}"
        )
    lines += ["", f"attribution (primary source of matched figures): {scores.attribution:.3f} lenient (containment), "
              f"{scores.attribution_strict:.3f} strict (exact or head match)", "",
              f"{'frame field':<28} {'accuracy':>8} {'right':>6} {'scored':>6}"]
    for name, (right, scored) in scores.fields.items():
        lines.append(f"{name:<28} {right / scored if scored else 0:8.3f} {right:>6} {scored:>6}")
    not_claims = ", ".join(f"{k} {v}" for k, v in scores.not_claims.items()) or "none"
    wrong = ", ".join(f"{k} {v}" for k, v in scores.wrong_pairs.items()) or "none"
    lines += [
        "",
        f"not-claims taken for figures: {not_claims}",
        f"pairs wrongly shown as conflicting: {wrong}",
        f"disputed positions whose source is no person, organisation, country or anonymous source: {scores.bad_sources}",
        f"({scores.articles} articles)",
    ]
    if errors:
        lines += ["", *scores.errors]
    return "\n".join(lines)


def ner_table(scores: NerScores) -> str:
    lines = [
        f"{scores.sentences} sentences, {scores.tokens} tokens, {scores.misc_chunks} MISC chunks not scored; "
        f"tagged in {scores.seconds:.1f} s ({scores.tokens / scores.seconds if scores.seconds else 0:,.0f} tokens/s)",
        "",
        f"{'level':<8}{'type':<9}{'precision':>10}{'recall':>9}{'F1':>8}{'gold':>8}{'found':>8}{'correct':>9}",
    ]
    for level, rows in (("entity", scores.entity), ("token", scores.token)):
        for r in rows:
            lines.append(
                f"{level:<8}{r.type:<9}{100 * r.precision:>10.1f}{100 * r.recall:>9.1f}{100 * r.f1:>8.1f}"
                f"{r.gold:>8}{r.predicted:>8}{r.correct:>9}"
            )
    lines.append(f"token accuracy (exact BIO tag): {100 * scores.token_accuracy:.1f}")
    return "\n".join(lines)


def cross_validation_table(cv: CrossValidation) -> str:
    spans = ", ".join(f"{a}-{b - 1}" for a, b in cv.ranges)
    return "\n".join(
        [
            f"{len(cv.folds)}-fold cross-validation by contiguous article blocks (sentences {spans}); "
            "counts pooled over the folds",
            ner_table(cv.scores).split("\n", 1)[1].lstrip("\n"),
            "overall F1 per fold: " + ", ".join(f"{100 * f.by_type()['overall'].f1:.1f}" for f in cv.folds),
            "recall of names unseen in the training folds: "
            + ", ".join(f"{u.type} {100 * u.recall:.1f} ({u.correct}/{u.gold})" for u in cv.unseen),
        ]
    )


def segmentation_table(rows: Iterable[tuple[str, SegmentationScores]]) -> str:
    lines = [f"{'segmenter':<24} {'P':>6} {'R':>6} {'F1':>6}  sentences documents"]
    for name, s in rows:
        lines.append(
            f"{name:<24} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}  {s.sentences:>9} {s.documents:>9}"
        )
    return "\n".join(lines)


def stance_table(report: Report) -> str:
    """Every model's accuracy, macro-F1, F1 per label and evidence recall; then, per model,
    precision, recall and F1 per label beside its confusion matrix (rows gold)."""
    labels = report.labels
    first = report.models[0][1]
    head = f"{report.name}: {first.n} pairs, " + ", ".join(f"{lb} {first.support.get(lb, 0)}" for lb in labels)
    if report.folds > 1:
        head += f" ({report.folds} folds by claim)"
    lines = [head, *(f"note: {n}" for n in report.notes)]
    lines.append(
        f"{'model':<10} {'acc':>6} {'macroF1':>8} " + " ".join(f"{'F1 ' + lb:>12}" for lb in labels) + "  evid.recall (pairs)"
    )
    for name, s in report.models:
        ev = f"{s.evidence_recall:.3f} ({s.evidence_pairs})" if s.evidence_recall is not None else "-"
        per = " ".join(f"{s.f1.get(lb, 0.0):>12.3f}" for lb in labels)
        lines.append(f"{name:<10} {s.accuracy:>6.3f} {s.macro_f1:>8.3f} {per}  {ev}")
    width = max(len(lb) for lb in labels) + 2
    for name, s in report.models:
        if name == "majority":
            continue
        lines += ["", f"{name}: confusion (rows gold, columns predicted), precision / recall / F1 per label"]
        lines.append(" " * width + "".join(f"{lb:>{width}}" for lb in labels) + "      P      R     F1")
        for g in labels:
            row = "".join(f"{s.confusion.get(g, {}).get(q, 0):>{width}}" for q in labels)
            lines.append(f"{g:<{width}}{row}  {s.precision.get(g, 0.0):.3f}  {s.recall.get(g, 0.0):.3f}  {s.f1.get(g, 0.0):.3f}")
    return "\n".join(lines)


def story_options_line(options) -> str:
    line = (
        f"options: threshold={options.threshold} window_days={options.window_days} body_terms={options.body_terms} "
        f"cosine_threshold={options.cosine_threshold} cosine_days={options.cosine_days} semantic={options.semantic}"
    )
    if options.semantic:
        line += (
            f" event_threshold={options.join_threshold} event_terms_weight={options.event_terms_weight}"
            f" same_day_bonus={options.same_day_bonus} event_days={options.event_days}"
            f" storyline_threshold={options.storyline_threshold} storyline_days={options.storyline_days}"
            f" meaning_encoder={options.meaning_encoder} event_scorer={options.event_scorer}"
            f" event_band={options.reads_band} event_e5={options.reads_e5}"
        )
    return line


def event_gold_table(scores) -> str:
    """Pairwise and B-cubed figures of :func:`khabar.evaluate.stories.evaluate_event_gold`."""

    def pair(name: str, p) -> str:
        return (
            f"{name:<22} pairs={p.pairs:4d} positive={p.positives:4d}  "
            f"P={p.precision:.3f} R={p.recall:.3f} F1={p.f1:.3f}  (false joins {p.false_positives})"
        )

    def bcubed(name: str, s) -> str:
        return (
            f"{name:<22} items={s.items:4d} gold={s.gold_clusters:3d} found={s.predicted_clusters:3d}  "
            f"B3 P={s.bcubed_precision:.3f} R={s.bcubed_recall:.3f} F1={s.bcubed_f1:.3f}  ARI={s.ari:.3f}"
        )

    lines = [f"event gold, split {scores.split}: {scores.articles} articles grouped as one stream"]
    lines.append(pair("event pairs", scores.event_pairs))
    lines += [pair(f"  {kind}", p) for kind, p in scores.event_pairs_by_kind]
    lines.append(pair("storyline pairs", scores.storyline_pairs))
    lines.append(bcubed("events (B-cubed)", scores.events))
    lines.append(bcubed("storylines (B-cubed)", scores.storylines))
    return "\n".join(lines)


def stories_table(rows: Iterable[tuple[str, ClusteringScores]]) -> str:
    return "\n".join(
        f"{name:<28} items={s.items:4d} events={s.gold_clusters:3d} stories={s.predicted_clusters:3d}  "
        f"ARI={s.ari:.3f}  B3 P={s.bcubed_precision:.3f} R={s.bcubed_recall:.3f} F1={s.bcubed_f1:.3f}  "
        f"purity={s.purity:.3f}"
        for name, s in rows
    )


def summaries_table(table: SummaryTable) -> str:
    """A Markdown table: mean F and recall (×100) per algorithm, words and seconds, the
    mean must-contain coverage when the dataset has facts, and ``short``: the share (%) of
    clusters whose summary ends more than a tenth of the budget short although the articles
    hold the budget's words."""
    with_facts = any(r.coverage is not None for r in table.rows)
    lines = [
        f"{table.clusters} clusters, {table.articles} articles, mode {table.mode}"
        f"{f', split {table.split}' if table.split else ''}; "
        f"ROUGE on {'light stems' if table.stem else 'normalized words'}"
        f"{', stop words removed' if table.stopwords else ''}, {table.aggregate} over references; "
        f"budget {table.length_words or 'mean reference length'} words",
        "",
        "| algorithm | R1 F | R1 R | R2 F | R2 R | RL F | RL R |" + (" must-contain |" if with_facts else "")
        + " words | short | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if with_facts else "") + "---:|---:|---:|",
    ]
    for r in table.rows:
        facts = ""
        if with_facts:
            facts = " – |" if r.coverage is None else f" {r.coverage:.2f} |"
        short = "–" if r.short is None else f"{100 * r.short:.0f} %"
        lines.append(
            f"| {r.algorithm} | {100 * r.rouge1_f:.1f} | {100 * r.rouge1_r:.1f} | {100 * r.rouge2_f:.1f} | "
            f"{100 * r.rouge2_r:.1f} | {100 * r.rougeL_f:.1f} | {100 * r.rougeL_r:.1f} |{facts} {r.words:.0f} | "
            f"{short} | {r.seconds:.2f} |"
        )
    return "\n".join(lines)
