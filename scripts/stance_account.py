"""The page's own account of the claim's event, set against the claim's (issue 16, session 8:
an experiment of ``scripts/stance_experiments.py``, not part of khabar: none of its uses raised
the development figures, see docs/check.md).

The sentence head reads a page two sentences at a time; a page that contradicts a claim
mostly does so by reporting another state of affairs in the claim's words: another toll
of the same count ("29 طفلا" against "51 طفلا"), another actor of the same act ("غارة
للتحالف" against "الحوثيون قصفوا"), the claim's own act done where the claim says it was
refused ("فتح التحالف تحقيقا" against "يرفض فتح تحقيق").  This module reads the sentences
of a page nearest the claim (the lexical ranking's top :data:`ACCOUNT_SENTENCES` and the
lead) for three such structures and gives the article head one number for each side of each
(:data:`ACCOUNT_FEATURES`):

* **figures**: the page gives a figure of a category the claim counts (killed, wounded,
  ...) that agrees with the claim's, or only figures of it that differ;
* **the claim's acts**: the claim's content words (light stems) as the page says them,
  affirmed or negated: a word is negated when a negation particle or a word of refusal
  (``[refusal]`` and ``[negation]`` of ``stance_cues.txt``) stands among the two words
  before it; the claim says "يرفض فتح تحقيق" (فتح negated), the page "فتح التحالف تحقيقا"
  (affirmed): opposite;
* **the actor**: the first name (or nationality adjective) among the first words of what a
  sentence states, the doer in news Arabic whether the verb comes first ("قصفت طائرات
  التحالف") or the subject ("الحوثيون قصفوا"); in a sentence that restates the claim's
  act (half its non-name content words), the same actor as the claim's or another.  Names
  are one when their keys share a bare word ("جماعة الحوثي" and "الحوثيين").

No rule decides here: these are inputs of the article head, which learns how far to trust
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.check.features import Analysis, ClaimView, count_cues, match_figures, sentence_figures
from khabar.check.frames import _GOVERNORS as GOVERNORS  # the experiment reads the frame reader's own lists
from khabar.check.frames import Frame, read_frame
from khabar.check.frames import _proposition as proposition
from khabar.extract.attribution.heads import _PRONOUN_OPENERS as PRONOUN_OPENERS
from khabar.text.ar.clitics import bare_word
from khabar.text.ar.stem import stem
from khabar.text.ar.stopwords import STOPWORDS
from khabar.text.ar.tokenize import Token, tokenize

#: Sentences nearest the claim (lexical ranking) read for the page's account, besides the
#: lead: the ranking keeps 8 (:data:`khabar.check.features.RANKED_SENTENCES`).
ACCOUNT_SENTENCES = 8
#: Words before a claim word searched for a negation or a refusal that governs it.
POLARITY_WINDOW = 2
#: Words from the start of what a sentence states searched for its actor.
ACTOR_WINDOW = 5
#: Words of the claim's statement, its actor's name left out, that make its act.
ACT_WORDS = 2
#: Share of the claim's non-name content words a sentence must hold to restate its act.
RESTATES_AT = 0.5

ACCOUNT_FEATURES: tuple[str, ...] = (
    "account_figure_agree",
    "account_figure_other",
    "account_acts_same",
    "account_acts_opposite",
    "account_actor_same",
    "account_actor_other",
)


@dataclass(frozen=True, slots=True)
class _Acts:
    """The content words (light stems) a text states, with their polarity."""

    polarity: dict[str, bool]  # stem -> negated somewhere
    affirmed: frozenset[str]  # stems said at least once without negation
    order: tuple[str, ...]  # the stems of what is stated, in order
    start: int  # offset of what the text states (after an attribution)
    end: int


def _negated(norms: Sequence[str], i: int) -> bool:
    before = norms[max(0, i - POLARITY_WINDOW) : i]
    return bool(before) and (count_cues(before, "negation") > 0 or count_cues(before, "refusal") > 0)


@lru_cache(maxsize=4096)
def read_acts(text: str) -> _Acts:
    """What a sentence (or the claim) states, word by word, affirmed or negated.  A denial
    or a refusal in the attribution ("نفى الجيش أن ..."، "ترفض الحكومة فتح ...": both read
    as attributions) negates everything stated."""
    start, end = proposition(text)
    said = [t.norm for t in tokenize(text[:start])] if start > 0 else []
    denied = bool(said) and (count_cues(said, "denial") > 0 or count_cues(said, "refusal") > 0)
    norms = [t.norm for t in tokenize(text[start:end])]
    polarity: dict[str, bool] = {}
    affirmed: set[str] = set()
    order: list[str] = []
    for i, w in enumerate(norms):
        if len(w) < 2 or w in STOPWORDS or w.isdigit():
            continue
        s = stem(w)
        order.append(s)
        if _negated(norms, i) != denied:
            polarity[s] = True
        else:
            polarity.setdefault(s, False)
            affirmed.add(s)
    return _Acts(polarity, frozenset(affirmed), tuple(order), start, end)


@lru_cache(maxsize=4096)
def read_actor(text: str) -> tuple[str | None, frozenset[str]]:
    """The actor of what a text states and the stemmed bare words of every name it holds.

    The actor is the first name among the first :data:`ACTOR_WINDOW` words of the statement
    that no preposition or noun governs ("قصفت طائرات التحالف"، "الحوثيون قصفوا"; not "في
    الغوطة"); a statement opening on the speaker's pronoun ("قالت روسيا إنها أصابت ...") has
    the speaker for actor."""
    frame = read_frame(text)
    names = frozenset(w for n in frame.names for w in _name_words(n.key))
    start, end = proposition(text)
    tokens = tokenize(text[start:end])
    said = tokenize(text[:start]) if start > 0 else []
    if said and (said[-1].norm in PRONOUN_OPENERS or (tokens and tokens[0].norm in PRONOUN_OPENERS)):
        return _first_free(read_frame(text[:start]), said, len(said)), names
    return _first_free(frame, tokens, ACTOR_WINDOW), names


def _first_free(frame: Frame, tokens: Sequence[Token], within: int) -> str | None:
    """The first name of ``frame`` among its first ``within`` tokens that no preposition
    governs (``tokens``: the tokens its names index)."""
    for n in sorted(frame.names, key=lambda n: n.token):
        if n.token >= within:
            break
        if n.token == 0 or tokens[n.token - 1].norm not in GOVERNORS:
            return n.key
    return None


def _name_words(key: str) -> frozenset[str]:
    return frozenset(stem(bare_word(w)) for w in key.split() if len(w) > 2)


def same_name(a: str, b: str) -> bool:
    """Two linking keys name one actor when they share a word (bare, light-stemmed):
    "جماعه الحوثي" and "الحوثيين"."""
    return bool(_name_words(a) & _name_words(b))


@dataclass(frozen=True, slots=True)
class SentenceAccount:
    """What one sentence says of the claim's act: whether it restates it (holds
    :data:`RESTATES_AT` of the claim's words that are not its actor's name), with the act
    affirmed or negated as the claim has it or the opposite, by the claim's actor or another."""

    restates: bool = False
    opposite: bool = False
    actor_same: bool = False
    actor_other: bool = False


_NOTHING = SentenceAccount()


@lru_cache(maxsize=256)
def _claim_acts(claim: str, terms: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...], str | None, frozenset[str]]:
    """The claim's act words, its head (the first :data:`ACT_WORDS` of them: the verb and
    what it takes, "يرفض [فتح تحقيق]"، "الحوثيون [قصفوا حافلة]"; only they are compared for
    polarity, the rest of a restatement says where and to whom), its actor and the actor's
    name words."""
    acts = read_acts(claim)
    actor, _ = read_actor(claim)
    names = _name_words(actor) if actor else frozenset()
    words_ = frozenset(s for s in acts.polarity if s in terms and s not in names)
    head = tuple([s for s in dict.fromkeys(acts.order) if s not in names][:ACT_WORDS])
    return words_, head, actor, names


def sentence_account(claim: str, terms: frozenset[str], text: str) -> SentenceAccount:
    """:class:`SentenceAccount` of ``text`` against the claim (``terms``: its content stems)."""
    words_, head, actor, names = _claim_acts(claim, terms)
    if not words_:
        return _NOTHING
    page = read_acts(text)
    shared = words_ & page.polarity.keys()
    if len(shared) < RESTATES_AT * len(words_):
        return _NOTHING  # the frame is read only for a sentence that restates the claim's act
    mine = read_acts(claim).polarity
    # a word of the act the claim negates that the page only affirms, or one the claim
    # affirms that the page only negates
    opposite = any(mine[s] != page.polarity[s] and (mine[s] or s not in page.affirmed) for s in shared if s in head)
    same_actor = other_actor = False
    if actor:
        theirs, their_names = read_actor(text)
        same_actor = bool(theirs) and same_name(actor, theirs)
        other_actor = bool(theirs) and not same_actor and not (names & their_names)
    return SentenceAccount(True, opposite, same_actor, other_actor)


def account_row(view: ClaimView, an: Analysis) -> list[float]:
    """The :data:`ACCOUNT_FEATURES` of one article against the claim."""
    sentences = an.doc.sentences
    if not sentences:
        return [0.0] * len(ACCOUNT_FEATURES)
    read = list(dict.fromkeys([*an.ranked[:ACCOUNT_SENTENCES], 0]))
    texts = [sentences[i].text for i in read if i < len(sentences)]
    fig_agree = fig_other = 0.0
    if view.figures:
        matches = [m for t in texts for m in match_figures(view.figures, sentence_figures(t))]
        fig_agree = float(any(m.agrees for m in matches))
        fig_other = float(bool(matches) and not fig_agree)
    accounts = [sentence_account(view.text, view.terms, t) for t in texts]
    same = float(any(a.restates and not a.opposite for a in accounts))
    opposite = float(any(a.opposite for a in accounts))
    actor_same = float(any(a.actor_same for a in accounts))
    actor_other = float(any(a.actor_other for a in accounts) and not actor_same)
    return [fig_agree, fig_other, same, opposite, actor_same, actor_other]
