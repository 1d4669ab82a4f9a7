#!/usr/bin/env python
"""Reach of the admission forms on unlabelled ANT (news: middleEast, internationalNews, economy;
no file a main tests/gold file names): claims = titles/lead sentences with an admission cue and a
party; pages = ANT articles within 3 days sharing a party stem and >= 3 content words with the
claim. Text level (no heads): a page counts as changed when a form fires on it."""
import re, random, sys, glob, datetime, subprocess
from collections import defaultdict
from khabar.text.ar.segment import segment
from khabar.text.ar.tokenize import words
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.stem import stem
from khabar.check import admission as ad

named = subprocess.run("grep -rhoE 'ant/[A-Za-z0-9]+/[A-Za-z]+/[A-Za-z0-9-]+\\.txt' /work/main/tests/gold", shell=True, capture_output=True, text=True).stdout.split()
named = {n.split('/')[-1] for n in named}
files = [f for c in ("middleEast", "internationalNews", "economy") for f in glob.glob(f"/work/shared/corpora/ant/*/{c}/*.txt")]
files = [f for f in files if f.split('/')[-1] not in named]
arts = []
for f in files:
    raw = open(f, encoding="utf-8", errors="ignore").read()
    m = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S); t = m.group(1).strip() if m else ""
    b = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S); body = b.group(1) if b else raw
    d = re.search(r"-(\d{8})\.txt$", f)
    if not d: continue
    arts.append((f, datetime.date(int(d.group(1)[:4]), int(d.group(1)[4:6]), int(d.group(1)[6:])), t, body))
print("articles", len(arts), "named out", len(named), flush=True)
stems_of = {}
def content_stems(text):
    return {stem(w) for w in words(text) if w not in STOPWORDS and len(w) >= 3}
claims = []
for f, day, t, body in arts:
    sents = [t] + [body[s.start:s.end] for s in segment(body)[:2]]
    for s in sents:
        if 6 <= len(words(s)) <= 40 and ad.party_stems(s)[0] and ad.admitted_words(s) and ad.admits_something(s):
            v = ad.admitting_party(s)
            if any(w in ("لم", "لا", "لن", "ليس") for w in words(s)): continue
            claims.append((f, day, s)); break
print("claims of admission", len(claims), flush=True)
random.seed(2020)
sample = random.sample(claims, min(150, len(claims)))
by_day = defaultdict(list)
for a in arts: by_day[a[1]].append(a)
pages = 0; fired = defaultdict(int); claim_hit = defaultdict(int); sent_cache = {}
for f, day, c in sample:
    ps = ad.party_stems(c)[0] | {x for x in (stem(w) for w in ad.admitting_party(c)) }; cs = content_stems(c)
    hit = set()
    for k in range(-3, 4):
        for g, d2, t, body in by_day.get(day + datetime.timedelta(days=k), ()):
            if g == f: continue
            if g not in sent_cache:
                sent_cache[g] = [t] + [body[s.start:s.end] for s in segment(body)]
                stems_of[g] = content_stems(" ".join(sent_cache[g]))
            st = stems_of[g]
            if not (ps & st) or len(cs & st) < 3: continue
            pages += 1
            sents = sent_cache[g]
            party = ad.admitting_party(c)
            old = ad.party_denies(party, sents)
            new = ad.party_states_otherwise(c, party, sents)
            ans = ad.party_no_answer(party, sents)
            if old: fired["disavowal (s20)"] += 1; hit.add("disavowal (s20)")
            if new and not old:
                fired["party " + new] += 1; hit.add("party")
                st_ = [(v, x) for v, x in ad._party_statements(ad.party_stems(c), sents) if ad._negates_admitted(x, ad.admitted_words(c)) or ad._rejects_charge(v, x)]
                print("HIT", new, "|", c[:120], "|", g.split("/")[-1], "|", st_[:1], flush=True)
            if ans and not old and not new: fired["no answer"] += 1; hit.add("no answer")
    for h in hit: claim_hit[h] += 1
print("sampled claims", len(sample), "pages read", pages)
for k, v in fired.items(): print(f"  {k}: {v} pages ({100*v/max(pages,1):.1f} %)")
for k, v in claim_hit.items(): print(f"  claims with a page by {k}: {v} ({100*v/len(sample):.1f} %)")
