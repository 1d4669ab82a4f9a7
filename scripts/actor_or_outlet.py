"""Actor or outlet (issue 15, session 28): how a frames split gives the figures of a sentence
that names no source by a verb of saying of its own but opens a clause with someone doing
something ("قضت المحكمة بإعدام 4"، "ورحلت المنظمة 20 ألف مهاجر") -- to the actor, to the outlet,
or to another source (a carried report) -- and, for the sentences with an attribution verb
before the figure, whether the gold gives the figure that verb's source.

    KHABAR_PURE=1 python scripts/actor_or_outlet.py --split dev,fresh2,...,fresh28 [--rows out.json]

Read only spent splits with it.  The actor is the first noun phrase the attribution reader
takes for a speaker (``speaker_np``) right after a word that is no article, name, title,
boundary or function word, before the figure; countries and unnamed sources are left out.
Its rows are for reading: whether the verb is an act or a verb of showing, estimating or
stipulating is decided by reading them (the ruling in tests/gold/README.md, "An actor's figure",
counts the rows read), not by this script.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from khabar.evaluate.frames import _link_ok, _match, load_frames
from khabar.extract.attribution import find_attributions, verb_info
from khabar.extract.attribution.scan import _Sentence
from khabar.extract.quotes import _names_by_sentence
from khabar.model import SourceLink
from khabar.pipeline import analyze
from khabar.text.ar.clitics import ARTICLE
from khabar.text.ar.stopwords import is_stopword

ROOT = Path(__file__).resolve().parent.parent


def clause_actor(text: str, figure: int, names) -> tuple[str, SourceLink, bool] | None:
    """(the word before the actor, the actor, whether the actor opens the clause) or None."""
    s = _Sentence(text, names)
    f = next((k for k in range(s.n) if s.starts[k] >= figure), s.n)
    for v in range(0, f - 1):
        if not s.is_word(v) or not s.is_word(v + 1):
            continue
        w = s.norm(v)
        if w.startswith(ARTICLE) or s.named.get(v) is not None or s.title_at(v) or w in s.L.boundary or is_stopword(w) or len(w) < 3:
            continue
        head = s.speaker_np(v + 1, f)
        if head is None or head.end > f or head.anaphor or head.kind in ("anonymous", "country"):
            continue
        src = s.source(head)
        return w, SourceLink(src.text, src.kind), v <= 1
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", required=True)
    ap.add_argument("--rows", type=Path, help="write the actor rows (JSON) for reading")
    args = ap.parse_args()
    tally: Counter[str] = Counter()
    rows = []
    articles, _ = load_frames(ROOT / "tests/gold/frames.json", root=ROOT, shared=ROOT.parent / "shared", split=args.split)
    for g in articles:
        doc = analyze(g.article)
        matched = _match(g, doc.claims)
        sentences = {s.index: s for s in doc.sentences}
        names_of = _names_by_sentence(doc.sentences, doc.mentions)
        for gf in g.figures:
            claim = matched.get(gf.id)
            if claim is None or sentences[claim.sentence_index].is_title:
                continue
            sentence = sentences[claim.sentence_index]
            at = claim.start - sentence.start
            names = names_of.get(sentence.index, ())
            outlet = not gf.source
            said = [a for a in find_attributions(sentence.text, names) if a.source is not None and a.verb_start < at]
            if said:
                a = said[-1]
                link = SourceLink(sentence.text[a.source.start : a.source.end], a.source.kind)
                tally["said: " + ("outlet" if outlet else "its source" if _link_ok(gf.source[-1], link) else "another source")] += 1
                continue
            if any(a.source is None for a in find_attributions(sentence.text, names)):
                continue  # a follow-on ("وأضاف"): the previous speaker's, not an actor's
            found = clause_actor(sentence.text, at, names)
            if found is None:
                tally["no actor: " + ("outlet" if outlet else "a source")] += 1
                continue
            word, actor, opens = found
            label = "outlet" if outlet else "actor" if _link_ok(gf.source[-1], actor) else "another source"
            where = "opens the clause" if opens else "later"
            tally[f"actor {where}: {label}"] += 1
            rows.append({"id": gf.id, "path": g.path, "word": word, "listed_verb": verb_info(word) is not None,
                         "actor": actor.text, "kind": actor.kind, "opens": opens, "gold": [list(x) for x in gf.source],
                         "label": label, "sentence": sentence.text})
    for key, n in sorted(tally.items()):
        print(f"{key:40s} {n}")
    if args.rows:
        args.rows.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
