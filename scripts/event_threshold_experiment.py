"""Issue 14, session 17 (docs/stories.md, "the threshold by unseen days"): the joining threshold
chosen by nested cross-validation over whole splits, one threshold or two (the article's event day
one of the event's days, ``same``; a later day, ``later``), measured on the spent pool.

Each labelled split is a few days no other split covers, so holding a split out is what judging an
unseen split does: a model fitted on the oracle rows of the other splits (the features and fit of
``scripts/build_event_scorer.py``, ``figures_differ`` dropped) groups the held-out split's stream
alone, as ``khabar eval stories --split`` groups it, at every pair of thresholds of the grid.

* ``loso``: every split held out once (model fitted on the rest): the per-split table.
* ``nested``: for every outer split, each selection rule picks its thresholds from the
  held-out-split figures of the other splits (each inner split grouped by a model fitted without
  it and without the outer split), and the outer split is grouped at them; pooled over the outer
  splits this is what each rule gives on days it never saw.
* ``judge``: the model fitted on all the splits groups the test splits at one grid point
  (``JUDGE=fresh17 GRID=same/later``: the unspent fresh17 is judged once with one pair written down
  before; fresh18 .. fresh25, labelled after it, are never read; fresh15, judged in this session with ``khabar eval stories``, is spent).

A candidate with two thresholds joins the event that clears its own bar by the most (score minus the
threshold of its day relation), which with equal thresholds is the shipped rule.

    EVENT_LEAD_CACHE=/tmp/ev16/cache python scripts/event_threshold_experiment.py loso|nested dev,fresh,...,fresh14
    JUDGE=fresh17 GRID=0.45/0.45 python scripts/event_threshold_experiment.py judge dev,...,fresh15 fresh17
"""
from pathlib import Path
import dataclasses, itertools, json, os, sys, time
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_event_scorer as B
import event_lead_experiment as E
from khabar.config import StoryOptions
from khabar.evaluate.stories import JUDGED_EVENT_SPLITS, JUDGED_EVENT_SPLITS_NAMED, PairScores, read_event_gold
from khabar.relate.stories import assign_stories
from khabar.relate.stories.scorer import FEATURES

# Same-day bars no higher than later-day ones: most rewrites of one happening are told on its day,
# and the false joins read in sessions 13-16 were mostly a later day's act (33 grid points).
SAME = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55)
LATER = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65)
GRID = tuple((a, b) for a, b in itertools.product(SAME, LATER) if a <= b)
BASE = 0.5  # the options' threshold; scores are shifted so that clearing it is clearing one's own
FLOOR = 0.90

# the signed pool's cache was written by event_lead_experiment.py run as __main__
import __main__
if not hasattr(__main__, 'Lead'):
    __main__.Lead = E.Lead


class DayIndex(E.ExpIndex):
    """An index whose candidates of the event's own days need ``same``, the others ``later``."""
    SAME_T, LATER_T = BASE, BASE

    def _score_events(self, candidates):
        p = super()._score_events(candidates)
        t = np.array([self.SAME_T if c.gap == 0 else self.LATER_T for c in candidates])
        return p + (BASE - t)


def split_of_paths(splits):
    out = {}
    for s in splits:
        pairs, rows = read_event_gold(B.GOLD, split=s)
        for r in pairs:
            out[r['a']] = out[r['b']] = s
        for r in rows:
            out[r['path']] = s
    return out


def pool(splits):
    """oracle rows of the pool, each with its split; the signed stream of each split; its pairs"""
    pairs, label, signed, article_path, leads = E.load(splits)
    split_path = split_of_paths(splits)
    split_id = {i: split_path[p] for i, p in article_path.items()}
    options = StoryOptions(meaning_encoder=E.ENC, event_scorer='learned', event_band=False)
    gold = {s.article_id: label[article_path[s.article_id]][0] for s in signed}
    oracle = E.Oracle(options, gold, leads=leads)
    for s in signed:
        oracle.retire_for(s.published); oracle.add(s)
    x = np.vstack([r[1] for r in oracle.rows]); y = np.array([r[2] for r in oracle.rows], dtype=float)
    x[:, FEATURES.index('figures_differ')] = 0.0
    rsplit = np.array([split_id[r[0]] for r in oracle.rows])
    id_of = {p: i for i, p in article_path.items()}
    streams = {s: [a for a in signed if split_id[a.article_id] == s] for s in splits}
    spairs = {s: [r for r in pairs if r['split'] == s and r['a'] in id_of and r['b'] in id_of] for s in splits}
    return x, y, rsplit, streams, spairs, id_of, leads


def counts(sc, stream, pairs, id_of, leads, grid):
    """(tp, fp, fn, rewrites found, rewrites) of ``pairs`` with the stream grouped at each grid point"""
    out = {}
    for same, later in grid:
        o = StoryOptions(meaning_encoder=E.ENC, event_scorer='learned', event_threshold=BASE, event_band=False)
        ix = DayIndex(o, scorer=sc, leads=leads)
        ix.SAME_T, ix.LATER_T = same, later
        got = assign_stories(stream, options=o, index=ix)
        tp = fp = fn = rf = rn = 0
        for r in pairs:
            j = got[id_of[r['a']]] == got[id_of[r['b']]]
            if r['same_event']:
                tp += j; fn += not j
                if r['kind'] == 'rewrite':
                    rn += 1; rf += j
            else:
                fp += j
        out[(same, later)] = np.array([tp, fp, fn, rf, rn])
    return out


def prf(c):
    tp, fp, fn = c[0], c[1], c[2]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# The selection rules, each given the summed held-out-split counts of every grid point.
def _best(summed, points, key):
    return max(points, key=lambda g: (key(summed[g]), g[0] == g[1], -abs(g[0] - g[1]), g))


def rule_floor(points):
    """best recall whose pooled held-out-split precision reaches FLOOR (else the best precision)"""
    def pick(summed):
        ok = [g for g in points if prf(summed[g])[0] >= FLOOR]
        if not ok:
            return _best(summed, points, lambda c: prf(c)[0])
        return _best(summed, ok, lambda c: (prf(c)[1], prf(c)[0]))
    return pick


def rule_f1(points):
    def pick(summed):
        return _best(summed, points, lambda c: prf(c)[2])
    return pick


ONE = [g for g in GRID if g[0] == g[1]]
RULES = {
    'one, floor 0.90': rule_floor(ONE),
    'one, best F1': rule_f1(ONE),
    'two, floor 0.90': rule_floor(GRID),
    'two, best F1': rule_f1(GRID),
    'fixed 0.45': lambda summed: (0.45, 0.45),
    'fixed 0.50': lambda summed: (0.50, 0.50),
}


def fit_without(x, y, rsplit, out):
    keep = ~np.isin(rsplit, list(out))
    return B.scorer_of(x[keep], y[keep], l2=1.0, drop=('figures_differ',))


def loso(splits, data, grid=GRID, without=()):
    x, y, rsplit, streams, spairs, id_of, leads = data
    table = {}
    for s in splits:
        if s in without:
            continue
        sc = fit_without(x, y, rsplit, {s, *without})
        table[s] = counts(sc, streams[s], spairs[s], id_of, leads, grid)
    return table


def show(name, c):
    p, r, f = prf(c)
    return f'{name}: P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {c[0]} fj {c[1]} fn {c[2]}; rewrites {c[3]} of {c[4]})'


def main():
    mode, splits = sys.argv[1], sys.argv[2].split(',')
    tests = sys.argv[3].split(',') if len(sys.argv) > 3 else []
    if (JUDGED_EVENT_SPLITS - {'fresh17'}) & set(splits + tests) or 'fresh17' in splits or ('fresh17' in tests and mode != 'judge'):
        sys.exit(f'{JUDGED_EVENT_SPLITS_NAMED} are judged on, never read here')
    t0 = time.process_time()
    if mode == 'judge':
        grid = [tuple(float(v) for v in g.split('/')) for g in os.environ.get('GRID', '').split(',') if g]
        if 'fresh17' in tests and not (os.environ.get('JUDGE') == 'fresh17' and len(grid) == 1):
            sys.exit('fresh17 is judged once: JUDGE=fresh17 and one GRID=same/later written down before')
        x, y, rsplit, *_ = pool(splits)
        sc = fit_without(x, y, rsplit, ())
        tp, tl, ts, tap, tle = E.load(tests)
        _, _, _, _, leads = E.load(splits)
        tid = {p: i for i, p in tap.items()}
        kept = [r for r in tp if r['a'] in tid and r['b'] in tid]
        print(f'{len(kept)} of {len(tp)} pairs scored ({len(tp) - len(kept)} of a file whose text another repeats)', flush=True)
        for g, c in counts(sc, ts, kept, tid, {**leads, **tle}, grid).items():
            print(show(f'{"+".join(tests)} at same {g[0]:.2f} later {g[1]:.2f}', c), flush=True)
        print('model', json.dumps(dataclasses.asdict(sc)))
        print('cpu', round(time.process_time() - t0, 1))
        return
    data = pool(splits)
    print(f'{sum(len(v) for v in data[3].values())} articles, {len(data[0])} rows ({int(data[1].sum())} own), '
          f'{sum(len(v) for v in data[4].values())} pairs', flush=True)
    if mode == 'loso':
        table = loso(splits, data)
        summed = {g: sum(table[s][g] for s in splits) for g in GRID}
        for g in GRID:
            print(show(f'same {g[0]:.2f} later {g[1]:.2f}', summed[g]), flush=True)
        for name, pick in RULES.items():
            g = pick(summed)
            print(f'rule {name} -> same {g[0]:.2f} later {g[1]:.2f}; ' + show('held-out splits', summed[g]), flush=True)
            print('   by split: ' + ', '.join(f'{s} {table[s][g][0]}/{table[s][g][0] + table[s][g][2]} fj {table[s][g][1]}' for s in splits), flush=True)
        out = os.environ.get('OUT')
        if out:
            json.dump({s: {f'{a}/{b}': v.tolist() for (a, b), v in t.items()} for s, t in table.items()}, open(out, 'w'))
    elif mode == 'nested':
        outer = {name: np.zeros(5, dtype=int) for name in RULES}
        for s in splits:
            inner = loso(splits, data, without=(s,))
            summed = {g: sum(inner[j][g] for j in inner) for g in GRID}
            picks = {name: pick(summed) for name, pick in RULES.items()}
            sc = fit_without(data[0], data[1], data[2], {s})
            got = counts(sc, data[3][s], data[4][s], data[5], data[6], sorted(set(picks.values())))
            for name, g in picks.items():
                outer[name] += got[g]
            print(f'{s}: ' + '; '.join(f'{name} {g[0]:.2f}/{g[1]:.2f} tp {got[g][0]} fj {got[g][1]} fn {got[g][2]}'
                                       for name, g in picks.items()), flush=True)
        for name in RULES:
            print(show(f'nested, {name}', outer[name]), flush=True)
    print('cpu', round(time.process_time() - t0, 1))


if __name__ == '__main__':
    main()
