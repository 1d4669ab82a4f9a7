"""Reach of the demonym-body rule (issue 17, session 33): N ANT articles of 700-2,500
characters, none named by any file of any worktree (``draw_frame_articles.used_anywhere``),
shuffled by SEED; each article's entity lists with the rule against with ``described_body``
off; prints the articles changed, the mentions dropped and those spared by a title head.

    KHABAR_PURE=1 python scripts/ner_demonym_reach.py 2026333 300
"""
import sys, random, collections
sys.path.insert(0, 'scripts')
import draw_frame_articles as frames
import khabar
from khabar.pipeline import analyze_many
from khabar.extract.entities import linking
seed = int(sys.argv[1]); n = int(sys.argv[2])
used, _b, _e = frames.used_anywhere()
allp = sorted(str(p.relative_to(frames.CORPORA / "ant")) for p in (frames.CORPORA / "ant").glob("*/*/*.txt"))
random.Random(seed).shuffle(allp)
picked = []
for rel in allp:
    if len(picked) >= n: break
    if rel in used: continue
    t = (frames.CORPORA / "ant" / rel).read_text(encoding="utf-8")
    if 700 <= len(t) <= 2500: picked.append(rel)
arts = khabar.read([frames.CORPORA / "ant" / r for r in picked])
docs = analyze_many(arts)
changed = 0; dropped = collections.Counter(); spared = collections.Counter(); bycat = collections.Counter(); cats = collections.Counter()
for rel, d in zip(picked, docs):
    cats[rel.split('/')[1]] += 1
    texts = {d.article.id: d.article.text}
    with_rule = linking.link_entities(list(d.mentions), texts)
    orig = linking.described_body
    linking.described_body = lambda m: False
    try:
        without = linking.link_entities(list(d.mentions), texts)
    finally:
        linking.described_body = orig
    a = {(m.start, m.end, e.kind) for e in with_rule for m in e.mentions}
    b = {(m.start, m.end, e.kind, m.text) for e in without for m in e.mentions}
    gone = [x for x in b if x[:3] not in a]
    if gone:
        changed += 1; bycat[rel.split('/')[1]] += 1
        for x in gone: dropped[x[3]] += 1
    for m in d.mentions:
        if m.kind == 'organisation' and linking.described_body(m) and linking._after_title_head(m, d.article.text):
            spared[d.article.text[max(0,m.start-25):m.end]] += 1
print(f"articles {len(picked)} changed {changed} ({100*changed/len(picked):.1f} %), mentions dropped {sum(dropped.values())}")
print("by section:", {c: f"{bycat[c]}/{cats[c]}" for c in cats})
print("dropped:", dropped.most_common())
print("spared:", spared.most_common())
