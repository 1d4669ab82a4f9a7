"""Where the source stands of a figure khabar reads no source for (issue 15).

    KHABAR_PURE=1 python scripts/unread_sources.py [--rows R.jsonl] [--show CLASS]

Over the spent frames splits only (``SPENT``; the unspent ones are never read), every gold figure
that the extractor matches, gives to the outlet, and the gold gives a named source.  Each is
classed by where a form of the gold's primary source stands (normalized text, as ``khabar eval
extract`` compares sources): in the figure's own sentence before or after the figure, in a
sentence before (how far back), only after, in a title, nowhere written; and by what the figure's
sentence tells, read from the package's word lists: a statement (a form of a listed verb of
saying, believing or relaying), a document's showing or stating (``show_verb``,
``stipulate_verb``, ``source_verb`` of the claim categories), an act (a happening kind and
neither of those), or none of them.  ``--rows`` writes one JSON line per figure; ``--show``
prints the figures of one position class with their sentence.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The spent frames splits (tests/gold/README.md): fresh29..fresh34 spent by session 31's judge,
#: fresh35..fresh38 by session 33's, fresh39..fresh41 by session 36's; later splits stay out until judged.
SPENT = ("dev",) + tuple(f"fresh{i}" for i in range(2, 42))
DOCUMENT_TAGS = ("show_verb", "stipulate_verb", "source_verb")


def _position(row: dict) -> str:
    here, found = row["sentence"], row["where"]
    if row["title"]:
        return "in a title"
    if row["pos"]:
        return f"own sentence, {row['pos']} the figure"
    before = [i for i in found if here is not None and i < here]
    if before:
        return f"{min(here - max(before), 5)}{'+' if here - max(before) >= 5 else ''} sentence(s) before"
    if any(i > here for i in found):
        return "only after"
    return "written nowhere"


def _tells(text: str) -> str:
    from khabar.extract.attribution.verbs import reporting_verb_forms
    from khabar.extract.happenings import happening_kinds
    from khabar.text.ar.clitics import CONJUNCTIONS
    from khabar.text.ar.lexicon import read_tagged
    from khabar.text.ar.normalize import normalize
    from khabar.text.ar.tokenize import tokenize

    forms = reporting_verb_forms()
    saying = forms.get("say", frozenset()) | forms.get("believe", frozenset()) | forms.get("relay", frozenset())
    documents = {normalize(e.phrase) for e in read_tagged("claim_categories") if e.tag in DOCUMENT_TAGS}
    words = set()
    for token in tokenize(text):
        w = normalize(token.text)
        words.add(w)
        if w[:1] in CONJUNCTIONS and len(w) > 3:
            words.add(w[1:])
    if words & saying:
        return "a statement"
    if words & documents:
        return "a document shows"
    if happening_kinds(text) - {"statement"}:
        return "an act"
    return "none of these"


def rows() -> list[dict]:
    from khabar.evaluate.extraction import norm
    from khabar.evaluate.frames import _match, build_event_briefs, claims_by_article, load_frames
    from khabar.model import Document
    from khabar.pipeline import PIPELINE, run_component

    out = []
    for split in SPENT:
        articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=ROOT.parent / "shared", split=split)
        claims_of = claims_by_article(build_event_briefs(articles))
        for g in articles:
            matched = _match(g, claims_of.get(g.article.id, []))
            sentences = None
            for gf in g.figures:
                c = matched.get(gf.id)
                if c is None or not gf.source or c.primary_source.kind != "unattributed":
                    continue
                if sentences is None:
                    sentences = list(run_component(PIPELINE[0], Document(article=g.article)).sentences)
                here = next((s for s in sentences if s.start <= gf.start < s.end), None)
                forms = [f for f in (norm(x) for x in gf.source[-1]) if f]
                where = [s.index for s in sentences if any(f in norm(s.text) for f in forms)]
                pos = None
                if here is not None and here.index in where:
                    pos = "before" if any(f in norm(g.article.text[here.start:gf.start]) for f in forms) else "after"
                row = {"split": split, "article": g.path, "id": gf.id, "source": list(gf.source[-1]),
                       "sentence": here.index if here else None, "title": bool(here and here.is_title),
                       "where": where, "pos": pos, "figure": g.article.text[gf.start:gf.end],
                       "text": here.text if here else "",
                       "previous": next((s.text for s in sentences if here and s.index == here.index - 1), "")}
                row["position"] = _position(row)
                row["tells"] = _tells(row["text"])
                out.append(row)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=Path, help="write one JSON line per figure here")
    ap.add_argument("--show", help="print the figures of this position class")
    args = ap.parse_args()
    found = rows()
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as f:
            for r in found:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    by = Counter((r["position"], r["tells"]) for r in found)
    print(f"{len(found)} matched figures the gold gives a named source and khabar the outlet "
          f"({len({(r['article'], r['sentence']) for r in found})} sentences, {len({r['article'] for r in found})} articles)")
    tells = sorted({t for _, t in by})
    print(f"{'where the source stands':32}" + "".join(f"{t:>18}" for t in tells) + f"{'all':>8}{'articles':>10}")
    for p in sorted({p for p, _ in by}):
        arts = len({r["article"] for r in found if r["position"] == p})
        print(f"{p:32}" + "".join(f"{by[p, t]:>18}" for t in tells) + f"{sum(by[p, t] for t in tells):>8}{arts:>10}")
    if args.show:
        for r in found:
            if r["position"] == args.show:
                print(f"{r['split']} {r['id']} [{r['tells']}] {r['source'][:2]} | {r['figure']} | {r['text'][:200]}")


if __name__ == "__main__":
    main()
