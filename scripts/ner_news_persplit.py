"""Entity / person / organisation / place F1 of the names gold per spent split and pooled, as
``khabar eval extract tests/gold/names.json --split ...`` scores them (issue 17; session 34's
``persplit.py``), written as JSON {split: {kind: [F1, gold, predicted, matched]}}; refuses an
unspent split (``UNSPENT_NEWS_SPLITS``).  Run once with main's src on ``PYTHONPATH``, once with
the branch, and compare the two files:

    KHABAR_PURE=1 python scripts/ner_news_persplit.py fresh3,fresh4,...,fresh41 /tmp/dev_branch.json
"""
import json
import sys
from pathlib import Path

from khabar.evaluate.extraction import evaluate_extraction
from khabar.extract.tagger.train import UNSPENT_NEWS_SPLITS

splits = sys.argv[1].split(",")
if set(splits) & UNSPENT_NEWS_SPLITS:
    sys.exit(f"refused: unspent {sorted(set(splits) & UNSPENT_NEWS_SPLITS)}")
out = {}
for name, s in [(s, s) for s in splits] + [("POOL", ",".join(splits))]:
    r = evaluate_extraction(Path("tests/gold/names.json"), root=Path("."), shared=Path("../shared"), split=s)
    kinds = [("entity", r.entity_mentions)] + list(r.entity_mentions_by_kind.items())
    out[name] = {n: (v.f1, v.gold, v.predicted, getattr(v, "matched", None)) for n, v in kinds}
json.dump(out, open(sys.argv[2], "w"))
pooled = out["POOL"]
print({n: round(v[0], 4) for n, v in pooled.items()}, {n: v[1:] for n, v in pooled.items()})
