"""Every entity error of the names gold on spent splits, paired as ``_score_entities`` pairs
mentions (issue 17, session 33): misses, false mentions, kind confusions and boundary
differences, pickled as rows (class, path, gold kind, gold text, predicted, context) and counted.
Refuses an unspent split (``UNSPENT_NEWS_SPLITS``).

    python scripts/ner_news_errors.py fresh3,fresh4,...,fresh35 /tmp/errors.pkl
"""
import sys, json, pickle
from pathlib import Path
from khabar.evaluate.extraction import load_gold, build_briefs, _overlap
from khabar.extract.tagger.train import UNSPENT_NEWS_SPLITS
splits = sys.argv[1]
bad = set(splits.split(',')) & UNSPENT_NEWS_SPLITS
if bad: sys.exit(f"refused: unspent {bad}")
root = Path('.'); shared = Path('../shared').resolve()
gold = load_gold(Path('tests/gold/names.json'), root=root, shared=shared, split=splits)
briefs = build_briefs(gold)
ids = {g.article.id for g in gold}
preds = [(m.article_id, m.start, m.end, e.kind, f"{bi}:{e.id}") for bi,b in enumerate(briefs) for e in b.entities for m in e.mentions if m.article_id in ids]
used=set(); rows=[]
for g in gold:
    t = g.article.text
    split = None
    for gm in g.mentions:
        best, bo = None, 0
        for i,p in enumerate(preds):
            if i in used or p[0]!=g.article.id: continue
            ov=_overlap((gm.start,gm.end),(p[1],p[2]))
            if ov>bo: best,bo=i,ov
        if best is None:
            rows.append(("miss", g.path, gm.kind, t[gm.start:gm.end], "", t[max(0,gm.start-30):gm.end+30].replace("\n"," ")))
        else:
            used.add(best); p=preds[best]
            if p[3]!=gm.kind:
                rows.append(("kind", g.path, gm.kind, t[gm.start:gm.end], p[3]+":"+t[p[1]:p[2]], ""))
            elif (p[1],p[2])!=(gm.start,gm.end):
                rows.append(("bound", g.path, gm.kind, t[gm.start:gm.end], t[p[1]:p[2]], ""))
texts={g.article.id:(g.path,g.article.text) for g in gold}
for i,p in enumerate(preds):
    if i not in used:
        path,t=texts[p[0]]
        rows.append(("false", path, p[3], t[p[1]:p[2]], "", t[max(0,p[1]-30):p[2]+30].replace("\n"," ")))
pickle.dump(rows, open(sys.argv[2],'wb'))
import collections
print(collections.Counter((r[0],r[2]) for r in rows))
