"""Issue 14, session 14 (docs/stories.md, "the events of the leads"): extra evidence for the event
scorer, measured by the build script's protocol, none of it shipped.

Per article: the event of its lead (actor: the first name of the title and of the first body
sentence; the names of those two; the kinds of happening of the first body sentence), the speakers
of the statements of its title and first three sentences, the days its lead names.  Per candidate
event, compared with the same of its reports: ``actor_shared``, ``lead_kinds_shared``,
``lead_kinds_differ``, ``lead_names_shared``, ``lead_match``; ``speaker_shared`` (two values: shared,
shared on the same event day); ``names_event_day``; ``aftermath`` (the day after an event whose
headlines name an attack, match, vote, accident or deaths).  A gate (``--gate`` JSON: days, floor,
bar) admits events kept out before scoring (days apart, under the linkage or meaning floor) where
the lead events match.  A subclass of StoryIndex adds the values to the scorer's rows; the oracle
stream, storyline folds, refits and whole-stream grouping are those of
``scripts/build_event_scorer.py``; with ``--test SPLITS`` the model is trained on all ``splits``
and the test splits grouped as one stream.  Signed articles are cached in ``--cache``.

Session 15 (docs/stories.md, "the next day's relation to the event"), none of it shipped either:
what a later report says relative to the event, read from its title and first body sentence with
``scripts/data/aftermath_cues.txt``: ``refers_back`` (a word pointing back, "بعد"، "إثر"، "على خلفية",
followed within six words by a kind of happening the event's reports name), ``back_names`` (the
same with a name of the event's leads), ``update_after`` (a toll, results, perpetrator or claim
word, on a later day), ``principal_back`` (``refers_back`` and the article's actor named in the
event's leads); the env ``RULE`` (JSON) joins on one of them instead of scoring it; and the
headline's act: ``title_shared`` (light stems of the title outside names that the event's titles
share, up to 3, over 3) and ``title_shared_later`` (the same on later days only).  fresh12 was
judged once and is spent; test, fresh13 and fresh14 stayed refused then.

Session 16 (docs/stories.md, "one gathering's facets"), not shipped: ``facet`` (the same event day, a
person or organisation of the title and first two body sentences shared with the event's, a place
or country shared too, and a gathering or operation named by either: a meeting, an attack, a vote, a
protest, an agreement, a match) and ``facet_town`` (the same with a place below a country); the
counts of the oracle rows each extra value marks are printed, own / other. fresh13 and fresh14 were
judged once (the retraining on dev..fresh12) and are spent; test and fresh15 stay refused.

Session 16, second step (docs/stories.md, "the best sentence pair"), not shipped: ``best_pair`` (the
highest cosine between the title and first SENT_K body sentences of the article and those of the
event's reports, each article's sentences encoded once); not above main's features in pooled CV on
dev..fresh14, so not judged.  fresh15 was judged in session 17 (event_threshold_experiment.py) and is
spent; fresh16 was judged in session 18 (spent); the unspent fresh17 may be judged once only as the test split with JUDGE=fresh17
and one THRESHOLDS value written down before (fresh18 .. fresh25, labelled after it, are never read here); pairs of a labelled file whose text another repeats
(one article id) are left out.

    python scripts/event_lead_experiment.py dev,fresh,...,fresh11 [FEATURES|""] [GATE-JSON|-] [TEST-SPLITS]
    e.g. python scripts/event_lead_experiment.py dev,fresh,fresh2,fresh3,fresh4,fresh5,fresh6,fresh7,fresh8,fresh9,fresh10,fresh11 actor_shared -
"""
from pathlib import Path
import sys, pickle, dataclasses, os, re, time, json
import numpy as np
sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_event_scorer as B
from khabar.config import StoryOptions
from khabar.evaluate.stories import JUDGED_EVENT_SPLITS, JUDGED_EVENT_SPLITS_NAMED, PairScores, read_event_gold
from khabar.ingest import read_path
from khabar.model import Article
from khabar.relate.stories import SignedArticle, StoryIndex, assign_stories
from khabar.relate.stories import index as IX
from khabar.relate.stories.features import order_key
from khabar.relate.stories.scorer import FEATURES, EventScorer
from khabar.scale.cluster import sign_batch

ENC = os.environ.get('ENC', 'use')
CORPUS = Path(__file__).resolve().parent.parent.parent / 'shared' / 'corpora' / 'ant'
CACHE = Path(os.environ.get('EVENT_LEAD_CACHE', '/tmp/event-lead-cache'))

@dataclasses.dataclass(frozen=True)
class Lead:
    actors: frozenset      # first name of the title, first name of the first body sentence
    names: frozenset       # names of the first body sentence and the title
    kinds: frozenset       # happening kinds of the first body sentence (names skipped)
    tkinds: frozenset

def lead_of(article):
    from khabar.extract.entities import lead_mentions
    from khabar.extract.happenings import happening_kinds, headline_kinds
    from khabar.text.ar.segment import iter_sentences
    ms = lead_mentions(article)
    title_end = len(article.title) if article.title else 0
    first = None
    for s in iter_sentences(article):
        if not s.is_title:
            first = s; break
    actors, names = set(), set()
    tm = [m for m in ms if m.end <= title_end]
    if tm: actors.add(tm[0].name_key)
    names.update(m.name_key for m in tm)
    kinds = frozenset()
    if first is not None:
        fm = [m for m in ms if first.start <= m.start < first.end]
        if fm: actors.add(fm[0].name_key)
        names.update(m.name_key for m in fm)
        kinds = happening_kinds(first.text, skip=[(m.start - first.start, m.end - first.start) for m in fm])
    return Lead(frozenset(actors), frozenset(names), kinds, headline_kinds(article, ms))

def load(splits):
    cache = CACHE / (f'signed_{ENC}_{"+".join(splits)}.pkl')
    pairs, rows = [], []
    for s in splits:
        p, e = read_event_gold(B.GOLD, split=s); pairs += p; rows += e
    label = B.labels(pairs, rows)
    if cache.exists():
        signed, article_path, leads = pickle.load(open(cache, 'rb'))
    else:
        arts = {}
        for rel in sorted(label):
            arts[rel] = [a for a in read_path(CORPUS / rel) if isinstance(a, Article)][0]
        options = StoryOptions(meaning_encoder=ENC, event_scorer='learned', event_band=False)
        signed = [s for s in sign_batch(list(arts.values()), options=options) if isinstance(s, SignedArticle)]
        signed.sort(key=order_key)
        article_path = {a.id: p for p, a in arts.items()}
        leads = {a.id: lead_of(a) for a in arts.values()}
        CACHE.mkdir(parents=True, exist_ok=True)
        pickle.dump((signed, article_path, leads), open(cache, 'wb'))
    return pairs, label, signed, article_path, leads

EXTRA = ('actor_shared', 'lead_kinds_shared', 'lead_kinds_differ', 'lead_names_shared', 'lead_match')

def lead_values(lead, ev):
    """ev: (actors, names, kinds) of an event's members"""
    actors, names, kinds = ev
    a = bool(lead.actors & actors)
    ks = bool(lead.kinds & kinds)
    kd = bool(lead.kinds and kinds and not (lead.kinds & kinds))
    shared = lead.names & names
    n = min(len(shared), 3) / 3.0
    match = a and ks and len(shared - lead.actors) >= 1
    return (float(a), float(ks), float(kd), n, float(match))

AFTER = frozenset({'attack', 'match', 'vote', 'accident', 'deaths'})

# Session 15: what a later report says relative to the earlier happening (scripts/data/aftermath_cues.txt).
RELATION = ('refers_back', 'back_names', 'update_after', 'principal_back')
BACK_WINDOW = 6  # words after a back cue in which the earlier happening is named


@dataclasses.dataclass(frozen=True)
class Relation:
    back_kinds: frozenset   # kinds of happening named within BACK_WINDOW words after a back cue
    back_names: frozenset   # name keys within those windows
    update: bool            # an update cue (toll, results, perpetrator, claim) outside names


#: The cue list lives beside the scripts, not in the package: no module of khabar reads it.
CUE_FILE = Path(__file__).resolve().parent / 'data' / 'aftermath_cues.txt'


def _cue_tables():
    """``{word: tag}`` and ``[(prefix, tag)]`` of CUE_FILE's "[tag] word" lines, normalized as
    khabar's own lists are (a trailing * makes a word a prefix)."""
    from khabar.text.ar.normalize import normalize
    whole, prefixes = {}, []
    for number, line in enumerate(CUE_FILE.read_text(encoding='utf-8').splitlines(), 1):
        line = line.strip()
        if not line or line.startswith('#'): continue
        m = re.match(r'^\[(\w+)\] (.+)$', line)
        if m is None: raise ValueError(f'{CUE_FILE}, line {number}: {line!r} is not "[tag] word"')
        tag, phrase = m.group(1), ' '.join(normalize(m.group(2)).split())
        if phrase.endswith('*'): prefixes.append((phrase[:-1], tag))
        else: whole.setdefault(phrase, tag)
    return whole, prefixes


_CUES = None


def cue_of(word):
    global _CUES
    from khabar.text.ar.clitics import clitic_variants
    if _CUES is None: _CUES = _cue_tables()
    whole, prefixes = _CUES
    for v in clitic_variants(word):
        if v in whole: return whole[v]
        for pre, tag in prefixes:
            if v.startswith(pre): return tag
    return None


def relation_of(article):
    """the title and first body sentence read for a pointer back at a happening, and an update cue"""
    from khabar.extract.entities import lead_mentions
    from khabar.extract.happenings import word_kind
    from khabar.text.ar.segment import iter_sentences
    from khabar.text.ar.tokenize import tokenize
    ms = lead_mentions(article)
    spans = []
    if article.title: spans.append((0, article.title))
    for s in iter_sentences(article):
        if not s.is_title:
            spans.append((s.start, s.text)); break
    kinds, names, update = set(), set(), False
    for off, text in spans:
        toks = tokenize(text)
        inname = [any(m.start < off + t.end and off + t.start < m.end for m in ms) for t in toks]
        for i, t in enumerate(toks):
            if inname[i]: continue
            tag = cue_of(t.text)
            if tag == 'update': update = True
            if tag != 'back': continue
            win = toks[i + 1:i + 1 + BACK_WINDOW]
            for j, w in enumerate(win, i + 1):
                if not inname[j]:
                    k = word_kind(w.text)
                    if k: kinds.add(k)
            a, b = off + win[0].start if win else 0, off + win[-1].end if win else 0
            names.update(m.name_key for m in ms if a <= m.start < b)
    return Relation(frozenset(kinds), frozenset(names), update)


def title_acts(article):
    """light stems of the title's words outside names and stop words: what the headline says happened"""
    from khabar.extract.entities import lead_mentions
    from khabar.text.ar.tokenize import tokenize
    from khabar.text.ar.stem import stem
    from khabar.text.ar.stopwords import is_stopword
    if not article.title: return frozenset()
    ms = [m for m in lead_mentions(article) if m.start < len(article.title)]
    out = set()
    for t in tokenize(article.title):
        if any(m.start < t.end and t.start < m.end for m in ms) or is_stopword(t.text): continue
        st = stem(t.text)
        if len(st) >= 3: out.add(st)
    return frozenset(out)


ACTS = ('title_shared', 'title_shared_later')


def relation_values(rel, lead, c, ev_kinds, ev_names, ev_headline_kinds):
    later = bool(c.gap) and c.gap >= 1
    back = later and bool(rel.back_kinds & (ev_kinds | ev_headline_kinds))
    bnames = later and bool(rel.back_names & ev_names)
    upd = later and rel.update and bool(c.kinds_agree or back)
    principal = back and bool(lead.actors & ev_names)
    return [float(back), float(bnames), float(upd), float(principal)]

# Session 16: the same-day facet (docs/stories.md, "one gathering's facets"): two reports of one
# event day that name the same principal (a person or organisation of the title or first two body
# sentences) and the same place (``facet``: a country too; ``facet_town``: below a country) where one
# names a gathering or operation (a meeting, an attack, a vote ...) are one event, even when each
# tells another outcome of it.
FACET = ('facet', 'facet_town')
GATHERING = frozenset({'meeting', 'attack', 'vote', 'protest', 'agreement', 'match'})


@dataclasses.dataclass(frozen=True)
class Facet:
    persons: frozenset   # person keys of the title and the first two body sentences
    places: frozenset    # place keys there that are not countries
    kinds: frozenset     # kinds of happening of the title and those sentences (names skipped)
    countries: frozenset  # place keys there that are countries
    orgs: frozenset      # organisation keys there


def facet_of(article):
    from khabar.extract.entities import lead_mentions
    from khabar.extract.entities.gazetteers import ORG, PERSON, PLACE, country_keys
    from khabar.extract.happenings import happening_kinds
    from khabar.text.ar.segment import iter_sentences
    ms = lead_mentions(article)
    spans, body = [], 0
    for s in iter_sentences(article):
        if not s.is_title:
            body += 1
            if body > 2: break
        spans.append((s.start, s.end, s.text))
    inside = [m for m in ms if any(a <= m.start < b for a, b, _ in spans)]
    countries = country_keys()
    kinds = set()
    for a, b, text in spans:
        kinds |= happening_kinds(text, skip=[(m.start - a, m.end - a) for m in inside if a <= m.start < b])
    return Facet(frozenset(m.name_key for m in inside if m.kind == PERSON),
                 frozenset(m.name_key for m in inside if m.kind == PLACE and m.name_key not in countries),
                 frozenset(kinds),
                 frozenset(m.name_key for m in inside if m.kind == PLACE and m.name_key in countries),
                 frozenset(m.name_key for m in inside if m.kind == ORG))


def facet_values(f, ev, c):
    """against an event's union ``ev`` (persons, places, kinds, countries, orgs), on the same event day:
    (a shared place or country, a shared person or organisation, a gathering's kind in either;
    the same with a place below a country)"""
    persons, places, kinds, countries, orgs = ev
    if c.gap != 0 or not (f.kinds | kinds) & GATHERING or not (f.persons & persons or f.orgs & orgs):
        return [0.0, 0.0]
    town = bool(f.places & places)
    return [float(town or bool(f.countries & countries)), float(town)]


# Session 16, second step: the best sentence pair.  Outlets lead with different sentences of one
# happening, so the title+lead vector of each can miss what one sentence of each says alike.
# ``best_pair``: the highest encoder cosine between any of the title and first SENT_K body sentences
# of the article and any of those of the event's reports (each article's sentences encoded once).
PAIR = ('best_pair',)
SENT_K = int(os.environ.get('SENT_K', 3))

def sentence_vectors(article, k=SENT_K):
    """unit rows: the title and the first ``k`` body sentences, encoded with ENC"""
    from khabar.relate.embeddings import get_encoder
    from khabar.text.ar.segment import iter_sentences
    texts, body = [], 0
    for s in iter_sentences(article):
        if not s.is_title:
            body += 1
            if body > k: break
        if s.text.strip():
            texts.append(s.text)
    v = np.asarray(get_encoder(ENC).encode(texts), dtype=np.float32) if texts else np.zeros((0, 512), np.float32)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(n > 0, n, 1.0)


class Ext:
    """a candidate with extra values"""
    def __init__(self, c, extra, gated=False):
        self.c, self.extra, self.gated = c, extra, gated
        self.story_id, self.gap, self.shared_quotes, self.kinds_unknown = c.story_id, c.gap, c.shared_quotes, c.kinds_unknown
    def values(self): return tuple(self.c.values()) + tuple(self.extra)
    def evidence(self): return np.array(self.values(), dtype=np.float64)

class ExpIndex(StoryIndex):
    def __init__(self, options, *, scorer=None, leads=None, use=(), gate=None):
        super().__init__(options, scorer=scorer)
        self.leads, self.use, self.gate = leads, tuple(use), gate
        self.ev = {}  # story -> (actors, names, kinds)
        self.evspk = {}
        self.evta = {}
        self.evfacet = {}
        self.evsent = {}
    def add(self, item):
        sid = super().add(item)
        if self.SENT is not None:
            mine = self.SENT[item.article_id]
            self.evsent[sid] = np.vstack([self.evsent[sid], mine]) if sid in self.evsent else mine
        if self.FAC is not None:
            f = self.FAC[item.article_id]
            p, l, k, co, og = self.evfacet.get(sid, (frozenset(),) * 5)
            self.evfacet[sid] = (p | f.persons, l | f.places, k | f.kinds, co | f.countries, og | f.orgs)
        lead = self.leads[item.article_id]
        a, n, k = self.ev.get(sid, (frozenset(), frozenset(), frozenset()))
        self.ev[sid] = (a | lead.actors, n | lead.names, k | lead.kinds)
        if self.TA is not None:
            self.evta[sid] = self.evta.get(sid, frozenset()) | self.TA[item.article_id]
        if self.SPEAK is not None:
            self.evspk[sid] = self.evspk.get(sid, frozenset()) | self.SPEAK.get(item.article_id, frozenset())
        return sid
    def _event_candidates(self, item, vector, meaning, jaccard):
        base = super()._event_candidates(item, vector, meaning, jaccard)
        lead = self.leads[item.article_id]
        keep = [EXTRA.index(u) for u in self.use if u in EXTRA]
        out = [Ext(c, [lead_values(lead, self.ev[c.story_id])[i] for i in keep] + self._day_values(item, c)) for c in base]
        if self.RULE:
            r = self.RULE
            rel = self.REL[item.article_id]
            for e in out:
                a, n, k = self.ev[e.story_id]
                rv = relation_values(rel, lead, e.c, k, n, self._active[e.story_id].kinds)
                e.rule = bool(rv[RELATION.index(r.get('on', 'refers_back'))]) and e.c.gap is not None and e.c.gap <= r.get('gap', 1) \
                    and e.c.shared_names >= r.get('names', 2) and e.c.meaning >= r.get('meaning', 0.5)
        if self.gate:
            have = {c.story_id for c in base}
            out += self._gated(item, vector, meaning, jaccard, lead, have, keep)
        return out
    DAYS = None
    SPEAK = None
    REL = None
    TA = None
    FAC = None
    SENT = None
    RULE = json.loads(os.environ['RULE']) if os.environ.get('RULE') else None  # {"p": 0.5, "names": 2, "meaning": 0.5, "gap": 1, "on": "refers_back"}
    def _day_values(self, item, c):
        vals = []
        if 'speaker_shared' in self.use:
            mine = self.SPEAK.get(item.article_id, frozenset())
            theirs = self.evspk.get(c.story_id, frozenset())
            vals.append(float(bool(mine & theirs)))
            vals.append(float(bool(mine & theirs) and c.gap == 0))
        if any(u in ACTS for u in self.use):
            n = len(self.TA[item.article_id] & self.evta.get(c.story_id, frozenset()))
            v = min(n, 3) / 3.0
            later = bool(c.gap) and c.gap >= 1
            vals += [v if u == 'title_shared' else (v if later else 0.0) for u in self.use if u in ACTS]
        if any(u in RELATION for u in self.use):
            a, n, k = self.ev[c.story_id]
            rv = relation_values(self.REL[item.article_id], self.leads[item.article_id], c, k, n, self._active[c.story_id].kinds)
            vals += [rv[RELATION.index(u)] for u in self.use if u in RELATION]
        if any(u in FACET for u in self.use):
            fv = facet_values(self.FAC[item.article_id], self.evfacet[c.story_id], c)
            vals += [fv[FACET.index(u)] for u in self.use if u in FACET]
        if 'best_pair' in self.use:
            mine, theirs = self.SENT[item.article_id], self.evsent.get(c.story_id)
            vals.append(float((mine @ theirs.T).max()) if theirs is not None and len(mine) and len(theirs) else 0.0)
        if 'aftermath' in self.use:
            ek = self._active[c.story_id].kinds
            vals.append(float(c.gap == 1 and bool(ek & AFTER)))
        if 'names_event_day' not in self.use:
            return vals
        first, last = self._active[c.story_id].days
        named = self.DAYS.get(item.article_id, frozenset())
        hit = bool(first and last and c.gap and any(first.toordinal() <= d <= last.toordinal() for d in named))
        return vals + [float(hit)]
    def _gated(self, item, vector, meaning, jaccard, lead, have, keep):
        """events kept out before scoring (days apart up to gate['days'], under the linkage/meaning floor
        down to gate['floor']) whose lead events match strongly"""
        o = self.options
        g = self.gate
        close = self._event_meanings.closest(meaning, g['floor'], day=item.day, gap=g['days'], span=o.event_span_days, most=IX.MOST_EVENT_CANDIDATES)
        names, figures = IX.split_anchors(item.anchors or frozenset())
        quotes, headline = IX.quote_anchors(item.anchors or frozenset())
        kinds = item.kinds or frozenset()
        out = []
        for sid, cos in sorted(close.items()):
            if sid in have: continue
            active = self._active[sid]
            lv = lead_values(lead, self.ev[sid])
            if not lv[4]: continue
            if g.get('headline_kinds') and kinds and active.kinds and not (kinds & active.kinds): continue
            gap = IX._gap(item.day, active.days)
            first = active.days[0]
            days_in = (item.day - first).days if item.day and first else None
            c = IX.EventCandidate(story_id=sid, meaning=cos, terms=active.terms.cosine(vector), jaccard=jaccard.get(sid, 0.0),
                gap=min(gap, o.event_days) if (g.get('clip') and gap is not None) else gap, days_in=days_in,
                kinds_agree=bool(kinds & active.kinds), kinds_unknown=not kinds or not active.kinds,
                names=len(names), shared_names=len(names & active.names), figures=len(figures), event_figures=len(active.figures),
                shared_figures=len(figures & active.figures), size=active.story.size,
                shared_quotes=IX.shared_quotes(quotes, headline, active.quotes, active.headlines) if quotes or headline else 0)
            out.append(Ext(c, [lv[i] for i in keep] + self._day_values(item, c), gated=True))
        return out
    def _score_events(self, candidates):
        p = self._scorer.probabilities(np.array([c.values() for c in candidates], dtype=np.float64))
        if self.RULE:
            p = np.array([max(pi, self.RULE['p']) if getattr(c, 'rule', False) else pi for c, pi in zip(candidates, p)])
        if self.gate and self.gate.get('bar') is not None:
            p = np.array([pi if not c.gated or pi >= self.gate['bar'] else 0.0 for c, pi in zip(candidates, p)])
        return p

class Oracle(ExpIndex):
    def __init__(self, options, gold, **kw):
        super().__init__(options, **kw)
        self.gold, self.event_of_story, self.story_of_event, self.rows = gold, {}, {}, []
    def _best_event(self, item, vector, meaning, jaccard):
        own = self.gold[item.article_id]
        for c in self._event_candidates(item, vector, meaning, jaccard):
            self.rows.append((item.article_id, c.evidence(), self.event_of_story[c.story_id] == own, c.gated))
        sid = self.story_of_event.get(own)
        return sid if sid is not None and self.story(sid) is not None else None
    def add(self, item):
        sid = super().add(item)
        own = self.gold[item.article_id]
        self.event_of_story[sid] = own; self.story_of_event[own] = sid
        return sid

class XScorer(EventScorer):
    def __post_init__(self): pass

def xfit(x, y, l2=1.0):
    mean, scale, w, b = B.fit(x, y, l2=l2)
    names = FEATURES + tuple(f'x{i}' for i in range(x.shape[1] - len(FEATURES)))
    return XScorer(names, tuple(mean), tuple(scale), tuple(w), b, 0.5)

def run(splits, use=(), gate=None, thresholds=(0.35, 0.4, 0.45, 0.5, 0.55), folds=5, repeats=3, drop=('figures_differ',), test=None):
    pairs, label, signed, article_path, leads = load(splits)
    if 'names_event_day' in use:
        ExpIndex.DAYS = lead_days(splits) if test is None else {**lead_days(splits), **lead_days(test)}
    if 'speaker_shared' in use:
        ExpIndex.SPEAK = lead_speakers(splits) if test is None else {**lead_speakers(splits), **lead_speakers(test)}
    if any(u in ACTS for u in use):
        ExpIndex.TA = per_article(splits, 'title_acts', title_acts) if test is None else {**per_article(splits, 'title_acts', title_acts), **per_article(test, 'title_acts', title_acts)}
    if any(u in FACET for u in use):
        ExpIndex.FAC = per_article(splits, 'facet', facet_of) if test is None else {**per_article(splits, 'facet', facet_of), **per_article(test, 'facet', facet_of)}
    if 'best_pair' in use:
        name = f'sent{SENT_K}_{ENC}'
        ExpIndex.SENT = per_article(splits, name, sentence_vectors) if test is None else {**per_article(splits, name, sentence_vectors), **per_article(test, name, sentence_vectors)}
    if any(u in RELATION for u in use) or ExpIndex.RULE:
        ExpIndex.REL = relations(splits) if test is None else {**relations(splits), **relations(test)}
    options = StoryOptions(meaning_encoder=ENC, event_scorer='learned', event_band=False)
    gold = {s.article_id: label[article_path[s.article_id]][0] for s in signed}
    oracle = Oracle(options, gold, leads=leads, use=use, gate=gate)
    for s in signed:
        oracle.retire_for(s.published); oracle.add(s)
    ids = [r[0] for r in oracle.rows]
    x = np.vstack([r[1] for r in oracle.rows]); y = np.array([r[2] for r in oracle.rows], dtype=float)
    gated = np.array([r[3] for r in oracle.rows])
    if drop:
        di = [FEATURES.index(d) for d in drop]; x[:, di] = 0.0
    print(f'{len(signed)} articles, {len(x)} rows ({int(y.sum())} own), gated rows {int(gated.sum())} ({int(y[gated].sum())} own)', flush=True)
    # the oracle rows each extra value marks, own / other (facet values only: their columns are in use's order)
    for j, name in enumerate(use if all(u in FACET for u in use) else ()):
        v = x[:, len(FEATURES) + j] > 0
        print(f'  {name}: own {int((v & (y > 0)).sum())} / other {int((v & (y == 0)).sum())}', flush=True)
    id_of_path = {p: i for i, p in article_path.items()}
    res = {t: [] for t in thresholds}
    kind = {t: [] for t in thresholds}

    def score(sc, stream, leads_of, held, id_of):
        """group ``stream`` with ``sc`` at every threshold; the decisions on the ``held`` pairs"""
        for t in thresholds:
            o = dataclasses.replace(options, event_threshold=t)
            got = assign_stories(stream, options=o, index=ExpIndex(o, scorer=sc, leads=leads_of, use=use, gate=gate))
            # an article whose text another labelled file repeats has one id: its pairs are left out
            kept = [r for r in held if r['a'] in id_of and r['b'] in id_of]
            res[t].extend((bool(r['same_event']), got[id_of[r['a']]] == got[id_of[r['b']]]) for r in kept)
            kind[t].extend(r['kind'] for r in kept)
    if test is None:
        for rep in range(repeats):
            fold_of_line = B.storyline_folds(label, folds, rep)
            row_fold = np.array([fold_of_line[label[article_path[i]][1]] for i in ids])
            for k in range(folds):
                sc = xfit(x[row_fold != k], y[row_fold != k])
                held = [r for r in pairs if fold_of_line[r['a_storyline']] == k]
                score(sc, signed, leads, held, id_of_path)
    else:
        sc = xfit(x, y)
        tp, tl, ts, tap, tle = load(test)
        allleads = {**leads, **tle}
        tid = {p: i for i, p in tap.items()}
        score(sc, ts, allleads, tp, tid)
    for t in thresholds:
        s = PairScores.of(res[t])
        rw = [got for (gold, got), k in zip(res[t], kind[t]) if gold and k == 'rewrite']
        print(f'  {t:.2f}  P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} (fj {s.false_positives})'
              f' rewrites {sum(rw)} of {len(rw)}', flush=True)
    return res

def per_article(splits, name, value):
    """article id -> value(article) for every labelled article of ``splits``, cached as ``name``"""
    cache = CACHE / f'{name}_{"+".join(splits)}.pkl'
    if cache.exists():
        return pickle.load(open(cache, 'rb'))
    article_path = load(splits)[3]
    out = {aid: value([a for a in read_path(CORPUS / rel) if isinstance(a, Article)][0]) for aid, rel in article_path.items()}
    pickle.dump(out, open(cache, 'wb'))
    return out


def lead_days(splits, lead_words=40, reach=7):
    """article id -> ordinals of the days its title and lead name (day precision, 0..reach days back)"""
    from khabar.extract.dates import find_dates

    def days(a):
        if not a.published:
            return frozenset()
        lead = " ".join(a.body.split()[:lead_words])
        return frozenset(
            m.date.toordinal() for m in find_dates(f"{a.title} . {lead}", reference=a.published)
            if m.date is not None and m.precision == "day" and 0 <= (a.published - m.date).days <= reach
        )
    return per_article(splits, 'days', days)


def relations(splits):
    """article id -> Relation of its title and first body sentence"""
    return per_article(splits, 'relation', relation_of)


def lead_speakers(splits, sentences=3):
    """article id -> keys of the speakers of the statements of its title and first body sentences"""
    from khabar.extract.entities import lead_mentions
    from khabar.extract.quotes import extract_quotes
    from khabar.text.ar.segment import iter_sentences
    from khabar.text.ar.normalize import normalize

    def speakers(a):
        sents = []
        for s in iter_sentences(a):
            sents.append(s)
            if len([x for x in sents if not x.is_title]) >= sentences:
                break
        ms = lead_mentions(a)
        keys = set()
        for q in extract_quotes(a, sents, ms):
            if q.speaker_start is not None:
                hit = [m.name_key for m in ms if m.start < q.speaker_end and q.speaker_start < m.end]
                keys.update(hit or [normalize(q.speaker)])
        return frozenset(keys)
    return per_article(splits, 'speakers', speakers)


if __name__ == '__main__':
    import json
    splits = sys.argv[1].split(',')
    # fresh12 (session 15) and fresh13+fresh14 (session 16, with khabar eval stories) were judged once: spent now
    # fresh15 was judged in session 17 and is spent; fresh16 was judged in session 18; fresh17 (session 18) is judged once, only with
    # JUDGE=fresh17 and one threshold written down before (THRESHOLDS), as the test split of a model
    # trained on the spent pool
    named = set(splits + (sys.argv[4].split(',') if len(sys.argv) > 4 else []))
    judging = os.environ.get('JUDGE') == 'fresh17' and len(sys.argv) > 4 and sys.argv[4] == 'fresh17' \
        and 'fresh17' not in splits and len([t for t in os.environ.get('THRESHOLDS', '').split(',') if t]) == 1
    if (JUDGED_EVENT_SPLITS - {'fresh17'}) & named or ('fresh17' in named and not judging):
        sys.exit(f'{JUDGED_EVENT_SPLITS_NAMED} are judged on, never read here')
    use = tuple(x for x in sys.argv[2].split(',') if x) if len(sys.argv) > 2 else ()
    gate = json.loads(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != '-' else None
    test = sys.argv[4].split(',') if len(sys.argv) > 4 else None
    t0 = time.process_time()
    ts = tuple(float(t) for t in os.environ['THRESHOLDS'].split(',')) if os.environ.get('THRESHOLDS') else (0.35, 0.4, 0.45, 0.5, 0.55)
    run(splits, use, gate, thresholds=ts, test=test)
    print('cpu', round(time.process_time() - t0, 1))
