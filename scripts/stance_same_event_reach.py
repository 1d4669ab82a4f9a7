#!/usr/bin/env python
"""Reach of a stance reading on unlabelled ANT (issue 16): the same-event reading
(``meaning_model.READ_SAME_EVENT_DISCUSS``, session 22) or the capital as its government
(``check.event._capitals_as_governments``, session 23; off = no capital read so: run with
``KHABAR_PURE=1``, the switch replaces a module function) or a short claim read at the
article head's floor (``meaning_model.READ_SHORT_CLAIM_AT_FLOOR``, session 26), the relatedness gate
(``meaning_model.READ_RELATED_GATE``, ``--reading related-gate``, session 27), the event gate on the
article head's disagree (``meaning_model.READ_EVENT_GATE``, ``--reading event-gate``, session 31), the heads
retrained on the fuller frame reader (``--reading retrained --model-on FILE --old-frames FILE``, session 34:
off = the shipped model with the reader of ``--old-frames``, on = ``--model-on`` with this checkout's), the news
heads choosing a related page's side (``--reading news-side``, session 36: off = the shipped heads alone,
``MeaningModel.news`` None; on = the shipped model, whose news heads choose the side of a titled page the shipped
heads call related, as every page here has); session
32's discuss gate, off the check's path since session 33, is counted on this script's draw
(:func:`draw`) by ``scripts/discuss_gate_sweep.py reach``.  Session 23's turned state
(branch stance-s23-turned) was counted by this script on that branch.
Claims = titles of ANT news articles (middleEast, internationalNews;
no article a main tests/gold file names), drawn with a fixed seed; pages = ANT articles within
3 days of the claim's sharing >= 3 content stems with it (at most ``--pages`` a claim, the
closest first). Each claim's pages are judged as the check judges them (the shipped model,
``check.judge``, then ``within_event_judgement``) with the reading off and on; printed: pages
read, the heads' unrelated calls, pages whose label changes, claims with one changed.

    python scripts/stance_same_event_reach.py --claims 40 --pages 25
    KHABAR_PURE=1 python scripts/stance_same_event_reach.py --claims 40 --pages 25 --seed 2323 --reading capital --show
    python scripts/stance_same_event_reach.py --claims 10 --pages 10 --seed 2525 --list   # draw only
"""
from __future__ import annotations

import argparse
import datetime
import glob
import random
import re
import subprocess
from collections import Counter, defaultdict
from dataclasses import replace

from khabar.check import event as ev
from khabar.check import judge, within_event_judgement
from khabar.check import meaning_model as mm
from khabar.check.features import analyse
from khabar.check.retrieve import doc_from_article
from khabar.model import Article
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import words


def content_stems(text: str) -> set[str]:
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) >= 3}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=40)
    ap.add_argument("--pages", type=int, default=25)
    ap.add_argument("--seed", type=int, default=2022)
    ap.add_argument("--reading", choices=("same-event", "capital", "short-claim", "related-gate", "event-gate", "retrained",
                                            "news-side"),
                    default="same-event")
    ap.add_argument("--model-on", help="--reading retrained: the model judged with the reading on")
    ap.add_argument("--old-frames", help="--reading retrained: the frame reader (a frames.py) of the off arm")
    ap.add_argument("--show", action="store_true", help="print each changed page's title and labels")
    ap.add_argument("--list", action="store_true",
                    help="print each claim's file and its pages' files, closest first, and judge nothing "
                         "(a split drawn as the check's search would find its pages, labelled before khabar runs)")
    args = ap.parse_args()
    model = mm.bundled_model()
    models = {False: model, True: mm.load_meaning_model(args.model_on) if args.model_on else model}
    if args.reading == "news-side":
        switch = lambda on: None  # noqa: E731 -- the two arms differ by their models alone
        models[False] = replace(model, news=None)
    elif args.reading == "retrained":
        switch = _frames_switch(args.old_frames)
    else:
        switch = _switch(args.reading)
    counts, moved, claims_hit, drawn = Counter(), Counter(), 0, 0
    for f, title, near in draw(args.seed, args.claims, args.pages):
        drawn += 1
        if args.list:
            print(f"CLAIM {f}\t{title}")
            for g, t, _ in near:
                print(f"  PAGE {g}\t{t}")
            continue
        docs = [doc_from_article(Article.create(title=t, body=body)) for _, t, body in near]
        analyses = analyse(title, docs)
        got = {}
        for on in (False, True):
            switch(on)
            got[on] = [within_event_judgement(title, an, j).label for an, j in zip(analyses, judge(title, analyses, models[on]))]
        counts["pages"] += len(docs)
        counts["called unrelated (off)"] += sum(x == "unrelated" for x in got[False])
        counts["called disagree (off)"] += sum(x == "disagree" for x in got[False])
        counts["called disagree (on)"] += sum(x == "disagree" for x in got[True])
        changed = [(a, b) for a, b in zip(got[False], got[True]) if a != b]
        moved.update(changed)
        claims_hit += bool(changed)
        print(f"{len(docs):3d} pages, {len(changed):2d} changed: {title[:90]}", flush=True)
        if args.show:
            for (_, t, _), a, b in zip(near, got[False], got[True]):
                if a != b:
                    print(f"      {a} -> {b}: {t[:90]}")
    print(f"claims {drawn}, {dict(counts)}, changed {sum(moved.values())} "
          f"({100 * sum(moved.values()) / max(counts['pages'], 1):.1f} % of pages, "
          f"{100 * sum(moved.values()) / max(counts['called unrelated (off)'], 1):.1f} % of unrelated calls); "
          f"{dict(moved)}; claims with a page changed {claims_hit} ({100 * claims_hit / max(drawn, 1):.0f} %)")


def draw(seed: int, claims: int, pages: int):
    """The sample: ``claims`` ANT titles (middleEast, internationalNews; 5-25 words; no file a
    main tests/gold file names) in the order a ``seed``ed shuffle gives, each with its pages
    (file, title, body): ANT articles within 3 days sharing >= 3 content stems with it, the
    closest first, at most ``pages``; a title with no such page is skipped.  Yields
    (claim file, title, pages)."""
    named = subprocess.run("grep -rhoE 'ant/[A-Za-z0-9]+/[A-Za-z]+/[A-Za-z0-9-]+\\.txt' /work/main/tests/gold",
                           shell=True, capture_output=True, text=True).stdout.split()
    named = {n.split("/")[-1] for n in named}
    files = [f for c in ("middleEast", "internationalNews") for f in glob.glob(f"/work/shared/corpora/ant/*/{c}/*.txt")]
    arts = []
    for f in sorted(files):
        if f.split("/")[-1] in named:
            continue
        d = re.search(r"-(\d{8})\.txt$", f)
        if not d:
            continue
        raw = open(f, encoding="utf-8", errors="ignore").read()
        m = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
        b = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        title, body = (m.group(1).strip() if m else ""), (b.group(1) if b else raw)
        day = datetime.date(int(d.group(1)[:4]), int(d.group(1)[4:6]), int(d.group(1)[6:]))
        arts.append((f, day, title, body))
    by_day = defaultdict(list)
    for a in arts:
        by_day[a[1]].append(a)
    rng = random.Random(seed)
    pool = [a for a in arts if 5 <= len(words(a[2])) <= 25]
    stems: dict[str, set[str]] = {}
    drawn = 0
    for f, day, title, _ in rng.sample(pool, len(pool)):
        if drawn >= claims:
            break
        cs = content_stems(title)
        near = []
        for k in range(-3, 4):
            for g, _d, t, body in by_day.get(day + datetime.timedelta(days=k), ()):
                if g == f:
                    continue
                if g not in stems:
                    stems[g] = content_stems(t + " " + body)
                shared = len(cs & stems[g])
                if shared >= 3:
                    near.append((-shared, g, t, body))
        if not near:
            continue
        drawn += 1
        near.sort()
        yield f, title, [(g, t, body) for _, g, t, body in near[:pages]]


def _frames_switch(old_path: str):
    """Off: the frame reader of ``old_path`` (a frames.py); on: this checkout's."""
    import importlib.util
    import sys

    from khabar.check import frames
    from khabar.check import meaning as me

    spec = importlib.util.spec_from_file_location("frames_off", old_path)
    old = importlib.util.module_from_spec(spec)
    sys.modules["frames_off"] = old
    spec.loader.exec_module(old)

    def reader(on: bool) -> None:
        mod = frames if on else old
        me.read_frame, me.compare_frames = mod.read_frame, mod.compare_frames
        me.sentence_frame.cache_clear()
    return reader


def _switch(reading: str):
    """The reading's switch: called with False (off) then True (on) before each claim is judged."""
    if reading == "same-event":
        return lambda on: setattr(mm, "READ_SAME_EVENT_DISCUSS", on)
    if reading == "short-claim":
        return lambda on: setattr(mm, "READ_SHORT_CLAIM_AT_FLOOR", on)
    if reading == "related-gate":
        return lambda on: setattr(mm, "READ_RELATED_GATE", on)
    if reading == "event-gate":
        return lambda on: setattr(mm, "READ_EVENT_GATE", on)
    capitals = ev._capitals_as_governments

    def capital(on: bool) -> None:
        ev._capitals_as_governments = capitals if on else (lambda claim: frozenset())
        ev.claim_anchors.cache_clear()
    return capital


if __name__ == "__main__":
    main()
