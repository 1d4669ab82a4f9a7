"""Statements the attribution rules read nothing at, read by a learned gate (issue 20,
sessions 30-33).

The rules (:mod:`khabar.extract.attribution`) take a verb of saying only with a speaker their
lists vouch for and a frame they know ("وقال الوزير إن"): of the spent speaker gold's
statements with no quote at all, most stand after a listed verb of saying the rules read
nothing at -- an unlisted kind of speaker ("أعلنت العشائر دعمها"، "دعا خطباء المساجد إلى")، a
time phrase between verb and object ("وكانت السلطات أعلنت قبل بضع ساعات وفاة")، a subject
first after a relative or a long phrase.

Here every such verb (a ``say`` form of ``reporting_verbs.txt``, its pronoun forms too; no
participle, no verb of believing, relaying or the writer's voice) where no quote of the rules
starts within :data:`RULES_REACH` characters after it is a *site*; each site has up to three
*candidates*: the speaker the rules' own noun-phrase reader finds right after the verb
(:meth:`~khabar.extract.attribution.heads._Sentence.speaker_np`), the subject it finds right
before it (:meth:`~khabar.extract.attribution.heads._Sentence.head_before`), or the article's
previous speaker (a follow-on). What is said is the rest of the sentence after the speaker
(after the verb for the other two). A logistic regression over general features (the verb's
form and frame, where it stands, what follows it, the speaker's kind, length, first word and
whether the lists or the recognizer vouch for it, how the content opens) scores each
candidate; a site gives the quote of its best candidate when that one's probability reaches
the model's threshold. Weights and threshold are in ``extract/data/statement-reader.json``,
fitted on the spent speaker splits by ``scripts/statement_reader_experiment.py --write``.

Session 31's tests, each read from the list of verbs (``session30=True`` reads as session 30
did, without them, for the experiment): a verb that says something only with one of its nouns
("نشر" a report, a statement or a tweet: ``=W`` in the list) is a site only with that noun, a
clause, a colon or a quotation mark after it ("ونشرت صحيفة المدينة مقابلة" says nothing); after
a verb whose object is who is told (``hearer`` in the list: "حذر"، "أبلغ") a noun phrase
followed at once by أن is that hearer, not a speaker ("حذر الملك السعودي أنه"); and
(``drop_repeats``, off) what is said that repeats a quote the rules already give the same
speaker is not added.

History: session 30's reader was judged once on fresh34..fresh38 and withdrawn (F1 0.712 ->
0.711); session 31's was forecast at about one statement on a pool and not judged; session 33
ships it on the default path (:func:`khabar.extract.quotes.extract_quotes`) together with
session 32's three scanner rules, forecast and judged as one change (docs/measurements.md,
issue 20, session 33).
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from functools import lru_cache
from importlib import resources

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution.heads import _Sentence
from khabar.extract.attribution.lists import KANA_FORMS, PREPOSITION_WORDS, _lists, complement_at, conjoined, pronoun_verb_info, verb_info
from khabar.extract.attribution.verbs import hearer_forms
from khabar.extract.reading import sentence_tokens
from khabar.model import Article, Quote, Sentence
from khabar.text.ar.clitics import bare_word
from khabar.text.ar.normalize import normalize

# Compiled (khabar._compiled), the private readers of one sentence below read their
# annotations as types (``@cython.annotation_typing(True)``; setup.py turns that off for the
# rest): ``s: _Sentence`` is the C class statement_reader.pxd cimports, so ``s.norms``,
# ``s.n``, ``s.starts`` are C fields and ``s.is_word`` a C call, without a look-up through
# the type; an ``int`` argument of theirs must be an int, a ``str`` one a str.  The public
# functions (``sites``, ``read_statements``, ``score``) take what they took
# (docs/measurements.md, issue 19, session 36).

#: A quote of the rules that starts within this many characters after a verb read it.
RULES_REACH = 150
#: What is said is at least this many characters.
MIN_CONTENT_CHARS = 8
#: How far after the verb (in words) a noun of its frame ("نشر ... تقريرا"), a clause or a
#: quotation may stand.
FRAME_WORDS = 8
#: What is said repeats a rules' quote when this share of the shorter one's words is in the
#: other (compared only when the shorter has :data:`REPEAT_MIN_WORDS` words or more).
REPEAT_SHARE = 0.6
REPEAT_MIN_WORDS = 4
#: Punctuation trimmed from either end of what is said.
_TRIM_START = " ,،:;.\"«»“”'-"
_TRIM_END = " ,،;."
_QUOTE_OPENERS = "\"«“"
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _model() -> tuple[dict[str, float], float, float]:
    """(weights by feature, bias, threshold) of the shipped gate."""
    data = json.loads(resources.files("khabar.extract").joinpath("data/statement-reader.json").read_text(encoding="utf-8"))
    return data["weights"], float(data["bias"]), float(data["threshold"])


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a] in _TRIM_START:
        a += 1
    while b > a and text[b - 1] in _TRIM_END:
        b -= 1
    return a, b


@cython.annotation_typing(True)
def _word_class(s: _Sentence, w: str) -> str:
    """A neighbouring word as a feature: the forms of كان, a modal, a relative, punctuation
    as itself, else any word."""
    if w in KANA_FORMS:
        return "kana"
    if w in s.L.modals:
        return "modal"
    if w in s.L.relative or (conjoined(w) and w[1:] in s.L.relative):
        return "rel"
    return w if not w[:1].isalpha() else "w"


def _opening(first: str, preps: tuple[str, ...] = ()) -> str:
    if complement_at(first):
        return "cmp"
    if first[:1] in _QUOTE_OPENERS or not first[:1].isalpha():
        return "q" if first[:1] in _QUOTE_OPENERS else first[:1] or "$"
    if first in PREPOSITION_WORDS or any(first == p or (len(p) == 1 and first.startswith(p)) for p in preps):
        return "prep"
    return "w"


@lru_cache(maxsize=100_000)
def _site_verb(word: str):
    """The verb of saying a normalized word is, when it can open a site, else None (asked of
    every word of most sentences: remembered per word)."""
    info = verb_info(word) or pronoun_verb_info(word)
    if info is None:
        return None
    return info[1] if _opens_site(info[1]) else None


def _opens_site(verb) -> bool:
    """A listed verb of saying can open a site: one that says (no verb of believing), not
    one that takes no quote, speaks of no one or relays."""
    return verb.kind in ("say", "strict") and not (verb.noquote or verb.impersonal or verb.relay)


@lru_cache(maxsize=1)
def _site_words() -> frozenset[str]:
    """Every normalized word :func:`_site_verb` can take: a listed form of a verb of saying
    (its pronoun forms too) that opens a site, bare or after و/ف (what ``verb_info`` and
    ``pronoun_verb_info`` read).  A sentence none of whose tokens is one has no site: it is
    not tokenized again for the reader (706 of the 1,486 sentences of the 100 ANT
    articles of ``benchmarks/instructions_extract.py`` read, session 33)."""
    L = _lists()
    forms = {w for table in (L.verbs, L.pronoun_verbs) for w, verb in table.items() if _opens_site(verb)}
    return frozenset(forms | {c + w for w in forms for c in "وف"})


@lru_cache(maxsize=1)
def _verb_words() -> frozenset[str]:
    """Every normalized word ``verb_info`` takes (a listed verb's form, bare or after the
    و/ف ``conjoined`` allows): counted in each sentence read as one set look-up a word."""
    verbs = _lists().verbs
    return frozenset(verbs) | frozenset(c + w for w in verbs for c in "وف" if conjoined(c + w))


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(normalize(text)) if len(w) > 2)


def _same_speaker(a: str, b: str) -> bool:
    """Two speakers as written are one: the words of one are a run of the other's."""
    x, y = f" {' '.join(_WORD.findall(normalize(a)))} ", f" {' '.join(_WORD.findall(normalize(b)))} "
    return x.strip() != "" and y.strip() != "" and (x in y or y in x)


def repeats(quote: Quote, held: Sequence[Quote]) -> bool:
    """``quote`` repeats one of the ``held`` quotes: the same speaker, and most words of the
    shorter of the two said in the other (a headline and its body). The same words given to
    another speaker are no repeat: the rules' speaker may be the wrong one."""
    words = _content_words(quote.content)
    for other in held:
        if not _same_speaker(quote.speaker, other.speaker):
            continue
        said = _content_words(other.content)
        short = min(len(words), len(said))
        if short >= REPEAT_MIN_WORDS and len(words & said) >= REPEAT_SHARE * short:
            return True
    return False


@cython.annotation_typing(True)
def _frame_allows(s: _Sentence, i: int, verb) -> bool:
    """A verb that says something only with one of its nouns ("نشر تقريرا") has one, or a
    clause (أن), a colon or a quotation mark, within :data:`FRAME_WORDS` words after it
    ("نشرت على موقعها أن"); none says nothing before one of its silent nouns ("رفض التعليق")."""
    after = [s.norms[k] for k in range(i + 1, min(s.n, i + 1 + FRAME_WORDS))]
    if verb.silent and any(bare_word(w) in _normalized(verb.silent) for w in after):
        return False
    if not verb.frame:
        return True
    return any(bare_word(w) in _normalized(verb.frame) or complement_at(w) or w[:1] in _QUOTE_OPENERS or w == ":" for w in after)


@lru_cache(maxsize=256)
def _normalized(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(bare_word(normalize(w)) for w in words) | frozenset(normalize(w) for w in words)


def sites(
    article_id: str, sentences: Sequence[Sentence], names: dict[int, list[tuple[int, int, str]]], quotes: Sequence[Quote],
    *, session30: bool = False,
) -> Iterator[tuple[tuple[int, int], str, dict[str, float], Quote]]:
    """Each candidate of each site: ((sentence index, verb token), where the speaker stands,
    features, the quote it would add). ``session30``: as session 30's reader read them (no
    frame or hearer test, its features)."""
    for site, side, base, own, fields in _site_rows(article_id, sentences, names, quotes, session30):
        yield site, side, {**base, **own}, Quote(**fields)


def _site_rows(
    article_id: str, sentences: Sequence[Sentence], names: dict[int, list[tuple[int, int, str]]], quotes: Sequence[Quote], session30: bool,
) -> Iterator[tuple[tuple[int, int], str, dict[str, float], dict[str, float], dict]]:
    """:func:`sites` as made: each candidate's features in two parts, its site's (one
    dictionary for all the site's candidates) and its own, and its quote's fields (the
    reader makes the quote only of the best candidate of a site, and sums the site's
    weights once: 534 candidates of ~350 sites over ``instructions_extract.py``'s 100
    articles, session 34)."""
    by_start = sorted(quotes, key=lambda q: q.start)
    starts = [q.start for q in by_start]
    spoken = [q for q in by_start if q.speaker]
    spoken_starts = [q.start for q in spoken]
    site_words, verb_words = _site_words(), _verb_words()
    for sent in sentences:
        end = sent.start + len(sent.text)
        here = by_start[bisect_left(starts, sent.start) : bisect_left(starts, end)]
        view = sentence_tokens(sent.text)
        if site_words.isdisjoint(view.norms):
            continue  # no verb of saying that can open a site (a name's word only loses one)
        # the verbs the rules read no statement at, found on the kept tokens (the same
        # offsets as the sentence's): most verbs of saying are the rules', and a sentence
        # with none free is not tokenized again (472 of the 780 left, session 33); a word
        # of a name is no verb (_Sentence), so the free verbs are read again from its tokens
        offset = sent.start
        free = [
            i for i, w in enumerate(view.norms)
            if w in site_words and _site_verb(w) is not None
            and not any(view.starts[i] <= q.start - offset <= view.ends[i] + RULES_REACH for q in here)
        ]
        if not free:
            continue
        s = _Sentence(sent.text, names.get(sent.index, ()))
        verbs = [(i, v) for i in free if (v := _site_verb(s.norms[i])) is not None]
        if not verbs:
            continue
        k = bisect_left(spoken_starts, sent.start)
        previous = spoken[k - 1] if k else None
        n_verbs = sum(1 for w in s.norms if w in verb_words)
        for i, verb in verbs:
            if not session30 and not _frame_allows(s, i, verb):
                continue
            yield from _candidates(article_id, s, sent, i, verb, here, previous, n_verbs, session30)


@cython.annotation_typing(True)
def _candidates(
    article_id: str, s: _Sentence, sent: Sentence, i: int, verb, here: Sequence[Quote], previous: Quote | None, n_verbs: int, session30: bool,
) -> Iterator[tuple[tuple[int, int], str, dict[str, float], dict[str, float], dict]]:
    w = s.norms[i]
    text = sent.text
    verb_form = bare_word(w[1:] if conjoined(w) else w)
    hearer = not session30 and (w in hearer_forms() or (conjoined(w) and w[1:] in hearer_forms()))
    pw = _word_class(s, s.norms[i - 1]) if i else "^"
    nw = _opening(s.norms[i + 1], verb.preps) if i + 1 < s.n else "$"
    position = "0" if i == 0 else "1" if i == 1 else "2-4" if i < 5 else "5+"
    # inside what someone else says (seed 001: "وقال مسؤول ... إن جماعات المعارضة أبلغت
    # الولايات المتحدة إنها"): a feature, not a bar -- skipping these sites lost a third of
    # the right candidates (leave-one-split-out F1 +0.006 -> +0.003, session 30)
    inside = any(q.start - sent.start < s.starts[i] < q.end - sent.start for q in here)
    base = {
        "v=" + verb_form: 1.0, "vk=" + verb.kind: 1.0, f"vnoun={verb.noun:d}": 1.0, f"vpreps={bool(verb.preps):d}": 1.0,
        f"vpron={verb.pronoun:d}": 1.0, "vpos=" + position: 1.0, f"vconj={conjoined(w):d}": 1.0, "pw=" + pw: 1.0, "nw=" + nw: 1.0,
        f"rq={min(len(here), 2)}": 1.0, f"inside={inside:d}": 1.0, f"title={bool(sent.is_title):d}": 1.0,
        f"colon={':' in text:d}": 1.0, f"qm={any(c in text for c in _QUOTE_OPENERS + '»”'):d}": 1.0,
        f"cmp_after={any(complement_at(s.norms[k]) for k in range(i + 1, min(s.n, i + 10))):d}": 1.0,
        f"nverbs={min(n_verbs, 3)}": 1.0,
    }
    if not session30:
        base[f"hearer={hearer:d}"] = 1.0
    cands = []
    if i + 1 < s.n and s.is_word(i + 1):
        head = s.speaker_np(i + 1, s.n, verb.preps)
        if head is not None and head.end > head.start:
            if not (hearer and head.end < s.n and complement_at(s.norms[head.end])):
                # "حذر الملك السعودي أنه": who is told, not who speaks (session 30's pool)
                cands.append(("after", head, text[s.starts[head.start] : s.ends[head.end - 1]], s.starts[head.start], s.ends[head.end - 1], s.ends[head.end - 1]))
    head = s.head_before(i)
    if head is not None and head.start < head.end <= i:
        cands.append(("before", head, text[s.starts[head.start] : s.ends[head.end - 1]], s.starts[head.start], s.ends[head.end - 1], s.ends[i]))
    if previous is not None:
        cands.append(("prev", None, previous.speaker, None, None, s.ends[i]))
    for side, head, speaker, sp0, sp1, from_ in cands:
        c0, c1 = _trim(text, from_, len(text))
        if c1 - c0 < MIN_CONTENT_CHARS:
            continue
        said = text[c0:c1].split()
        opening = _opening(normalize(said[0]))
        f = {
            "side=" + side: 1.0, f"side*vpos={side}*{position}": 1.0, f"side*pw={side}*{pw}": 1.0, f"side*nw={side}*{nw}": 1.0,
            "c1=" + opening: 1.0, f"v*c1={verb_form}*{opening}": 1.0, f"side*c1={side}*{opening}": 1.0,
            f"clen={min(len(said) // 5, 4)}": 1.0, f"side*v={side}*{verb_form}": 1.0,
        }
        if not session30:
            f[f"side*hearer={side}*{hearer:d}"] = 1.0
        if head is not None:
            first = s.norms[head.start]
            named = s.named.get(head.start, (0, "-"))[1]
            like = s.speaker_like(head)
            after = s.norms[head.end] if head.end < s.n else "$"
            f.update({
                "hk=" + head.kind: 1.0, f"hrole={bool(head.role):d}": 1.0, f"hname={head.name is not None:d}": 1.0,
                f"hdef={head.definite_only:d}": 1.0, f"hana={head.anaphor:d}": 1.0, f"hlen={min(head.end - head.start, 4)}": 1.0,
                f"hlike={like:d}": 1.0, "hnamed=" + named: 1.0, "hw=" + bare_word(first): 1.0, f"side*hw={side}*{bare_word(first)}": 1.0,
                f"hdist={min(i - head.end if side == 'before' else head.start - i - 1, 3)}": 1.0,
                f"side*hk={side}*{head.kind}": 1.0, f"side*hlike={side}*{like:d}": 1.0, f"side*hnamed={side}*{named}": 1.0,
                "after_h=" + ("cmp" if complement_at(after) else after if not after[:1].isalpha() else "w"): 1.0,
            })
        else:
            f[f"prev_same_sent={bool(here):d}"] = 1.0
        follow_on = head is None and previous is not None
        quote = dict(
            article_id=article_id,
            sentence_index=sent.index, speaker=speaker, content=text[c0:c1], start=sent.start + c0, end=sent.start + c1,
            verb=s.texts[i], role=previous.role if follow_on else None,
            organisation=previous.organisation if follow_on else None,
            speaker_start=(sent.start + sp0) if sp0 is not None else (previous.speaker_start if previous is not None else None),
            speaker_end=(sent.start + sp1) if sp1 is not None else (previous.speaker_end if previous is not None else None),
            speaker_resolved=head is None,
        )
        yield (sent.index, i), side, base, f, quote


def score(features: dict[str, float], weights: dict[str, float], bias: float) -> float:
    """The candidate's probability of being a statement of that speaker."""
    return _logistic(bias + _summed(features, weights))


def _summed(features: dict[str, float], weights: dict[str, float], z: float = 0.0) -> float:
    """``z`` plus each feature's weighted value, added in the features' order (as ``sum``
    adds them: the sum of a site's features, carried on over a candidate's own, is the
    sum over both)."""
    for k, v in features.items():
        z += weights.get(k, 0.0) * v
    return z


def _logistic(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def read_statements(
    article: Article, sentences: Sequence[Sentence], names: dict[int, list[tuple[int, int, str]]], quotes: Sequence[Quote],
    weights: dict[str, float] | None = None, bias: float = 0.0, threshold: float = 0.0, *, drop_repeats: bool = False,
    session30: bool = False,
) -> list[Quote]:
    """The quotes the gate (``weights``, ``bias``, ``threshold``; by default the shipped one)
    adds to the rules' ``quotes`` of ``article`` (in text order); ``drop_repeats``: not those
    that repeat a rules' quote of the same speaker (:func:`repeats`; session 31's
    leave-one-split-out: F1 -0.0005, off)."""
    if weights is None:
        weights, bias, threshold = _model()
    best: dict[tuple[int, int], tuple[float, dict]] = {}
    base: dict[str, float] | None = None
    z_base = 0.0
    for site, _, site_features, own, fields in _site_rows(article.id, sentences, names, quotes, session30):
        if site_features is not base:  # a new site: its features' weights summed once
            base, z_base = site_features, _summed(site_features, weights)
        p = _logistic(bias + _summed(own, weights, z_base))
        if p >= threshold and (site not in best or p > best[site][0]):
            best[site] = (p, fields)
    added = [Quote(**fields) for _, fields in sorted(best.values(), key=lambda pf: pf[1]["start"])]
    return [q for q in added if not (drop_repeats and repeats(q, quotes))]
