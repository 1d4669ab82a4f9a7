"""Quotes in Arabic news: who said what, with which verb, where.

Each sentence is read by :func:`khabar.extract.attribution.find_attributions` (speakers,
titles, what is said), with the names the document's recognizer found (a speaker's name ends
where its name ends); this module adds what needs the whole article:

* **follow-ons** -- a bare verb or pronoun ("وأضاف أن"، "لكنه قال"، "وتابع: ...") continues
  the most recent speaker of the article; a participle ("مضيفا أن") the speaker of its own
  sentence;
* **second mentions** -- a role or head without a name ("وأضاف المتحدث باسم الكرملين"،
  "وأوضح المسؤول"، "وقالت الوزارة") or a surname alone ("وقال لافروف") is the most recent
  speaker, or the institution or person named earlier, whose name, role or head has that
  word; "المصدر نفسه" the unnamed source quoted last, "الأخير" the person named last.  An
  anaphor nothing resolves is kept as written and marked (``Quote.speaker_resolved``), never
  guessed.  A resolved quote keeps the offsets where its speaker was named;
* **a role's apposed person** -- "وقال نائب رئيس منظمة الخوذ البيضاء عبد الرحمن المواس إن":
  the person the long role names, not the role's first word (:func:`_apposed_name`);
* **coordinated speakers** -- "قالت بكين وواشنطن إنهما" gives one quote each;
* **repeats** -- a statement of a sentence the article repeats (an abstract copied as the
  first paragraph) is kept once.

Headlines are read after the body, so that an abbreviated speaker ("محافظ العاصية"،
"ولافروف") takes the full name the body gives: by the same rules as the body ("روسيا
تتعهد بحماية ...") or, failing them, as a speaker before a colon ("المجلس المحلي: ...").
Pure: no I/O; the word lists are read once through :mod:`khabar.text.ar.lexicon`.
"""


from __future__ import annotations

import dataclasses
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.extract.attribution import (
    Attribution,
    Source,
    data_nouns,
    find_attributions,
    find_headline_attribution,
    full_name,
    head_kind,
    is_information,
    opening_subject,
)
from khabar.extract.attribution.lists import PREPOSITION_WORDS, _lists, clitic_on_word, complement_at, stop_at, verb_info
from khabar.extract.attribution.verbs import verb_gender, verb_is_plural
from khabar.extract.statement_reader import read_statements
from khabar.extract.titles import leading_title
from khabar.frozen import slot_init
from khabar.text.per_word import PerWord
from khabar.model import Article, EntityMention, Quote, Sentence
from khabar.text.ar.clitics import ARTICLE, ARTICLE_PROCLITICS, without_lam
from khabar.text.ar.normalize import normalize
from khabar.text.ar.tokenize import words


@slot_init
@dataclass(frozen=True, slots=True)
class _Speaker:
    """A speaker as first named in the article (offsets into ``Article.text``)."""

    text: str
    role: str | None
    organisation: str | None
    kind: str
    start: int | None
    end: int | None
    keys: frozenset[str]  # bare words of the name, role and head, for second mentions
    text_keys: frozenset[str]  # bare words of the name or head alone
    name_keys: frozenset[str]  # bare words of the name alone
    #: False for an anaphor nothing earlier resolves ("المصدر نفسه" with no source before)
    resolved: bool = True


@cython.locals(w=str, prefix=str)
def _bare(w: str) -> str:
    for prefix in _ARTICLES_LONGEST_FIRST:
        if w.startswith(prefix) and len(w) - len(prefix) >= 2:
            return w[len(prefix) :]
    return w


#: The proclitic sequences holding the article (text.ar.clitics), longest first.
_ARTICLES_LONGEST_FIRST = tuple(sorted(ARTICLE_PROCLITICS, key=len, reverse=True))


#: A word without its article (and a و/ب before it): asked of every word of every speaker,
#: role and name compared (~50,000 times over bench_extract's 320 articles).
_BARE = PerWord(_bare)


#: The bare words of a speaker's text, role or organisation as written, computed once per
#: text: the rules resolve the same few speakers again and again (3,615 calls for 755 texts
#: over the 100 articles of ``benchmarks/instructions_extract.py``, session 36), each a
#: tokenization and a look-up a word.
_BARE_WORDS = PerWord(lambda text: tuple(map(_BARE.__getitem__, words(text))))


def _bare_words(text: str | None) -> list[str]:
    return list(_BARE_WORDS[text or ""])


def _speaker(src: Source, offset: int) -> _Speaker:
    name = _bare_words(src.text)
    return _Speaker(
        text=src.text,
        role=src.role,
        organisation=src.organisation,
        kind=src.kind,
        start=src.start + offset,
        end=src.end + offset,
        keys=frozenset(name + _bare_words(src.role) + _bare_words(src.organisation)),
        text_keys=frozenset(name),
        name_keys=frozenset(name) if src.kind == "person" else frozenset(),
    )


#: How many earlier speakers a second mention is compared with (most recent first): an
#: article quoting more people than this refers back to one of the recent ones.
MAX_SPEAKERS_BACK = 64


def _merged(prev: _Speaker, new: _Speaker, src: Source) -> _Speaker:
    """``prev`` mentioned again as ``src`` (its role and organisation may add to it)."""
    return dataclasses.replace(
        prev,
        role=prev.role or src.role,
        organisation=src.organisation or prev.organisation,
        keys=prev.keys | new.keys,
    )


#: Heads of an institution's name ("شرطة النظام"، "شرطة دبي") that with the article name
#: the body by themselves: "وقالت الشرطة" is the police, not an unresolved mention.
_NAMES_ITSELF = frozenset({normalize("شرطة")})


def _resolve(src: Source, offset: int, known: list[_Speaker], names: _Names | None = None) -> _Speaker:
    """A speaker for ``src``: an earlier one when ``src`` only mentions it again; for an
    anaphor nothing resolves, ``src`` as written and marked unresolved (never a guess)."""
    new = _speaker(src, offset)
    recent = known[-MAX_SPEAKERS_BACK:]
    if src.anaphor:
        return _antecedent(src, offset, new, recent, names)
    head = _bare_words(src.role or src.text)
    if src.definite_only and head:
        noun = head[0]
        # "المسؤول" with the article mentions a speaker again; a role defined by its
        # genitive ("مسؤول المعارضة"، "وزير الخارجية") may describe someone new, so it only
        # takes a named person whose role has the same title and genitive
        construct = bool(src.role or src.kind == "anonymous") and not words(src.role or src.text)[0].startswith(("ال", "وال"))
        # "الرئيس التركي" is not the American president quoted before: an adjective of
        # nationality in the mention must not contradict one known of the earlier speaker
        nationality = {w for w in head[1:] if _nationality(w)}
        for prev in reversed(recent):
            if construct and not (prev.name_keys and set(head[:2]) <= prev.keys):
                continue
            if nationality and not nationality & prev.keys and any(_nationality(k) for k in prev.keys):
                continue
            # a role ("المتحدث") may match a role; a head ("المرصد") only a head, so that
            # "وتحدث المرصد" is not "مدير المرصد رامي عبد الرحمن"
            if noun in (prev.keys if src.role else prev.text_keys):
                return _merged(prev, new, src)
        if names is not None and (named := names.institution(noun, src.start + offset)) is not None:
            return named  # "وقالت الوزارة" after "وزارة الدفاع الروسية" was named, not quoted
        if names is not None and src.role and (titled := names.person_titled(src.role, src.start + offset)) is not None:
            return titled  # "وقال الرئيس التركي" after "شكر الرئيس التركي، رجب طيب أردوغان،"
        if src.kind == "organisation" and len(head) == 1 and noun in _lists().organisation and noun not in _NAMES_ITSELF:
            # "وقالت الوزارة"، "وأضاف البيان" with no institution named before: a noun that
            # heads an institution's name names none by itself; kept as written, unresolved
            return dataclasses.replace(new, resolved=False)
        if ((src.role and src.kind == "person") or src.kind == "anonymous") and not noun.endswith(("ون", "ين", "ات")):
            # "وأضاف المتحدث" with no one before it; a plural ("المعارضون"، "التقارير") is
            # a collective named as such, not someone named before
            return dataclasses.replace(new, resolved=construct)
    name = _bare_words(src.text)
    if src.kind in ("person", "organisation") and len(name) == 1:
        # a surname alone, also in quotation marks ('وأضاف " العسكر "' is read as a quoted
        # name), is the person named before
        for prev in reversed(recent):
            if name[0] in prev.name_keys and len(prev.name_keys) > 1:
                return _merged(prev, new, src)
    return new


def _antecedent(src: Source, offset: int, new: _Speaker, recent: list[_Speaker], names: _Names | None) -> _Speaker:
    """"المصدر نفسه": the unnamed source quoted last; "الأخير": the person named last;
    "هذا الزعيم الكردي": the speaker last described so.  Unresolved when none is there."""
    words_ = _bare_words(src.text)
    if words_ and words_[0] in ("اخير", "اخيره"):
        person = names.last_person(src.start + offset) if names is not None else None
        spoke = next((p for p in reversed(recent) if p.kind == "person" and p.name_keys), None)
        if person is not None and (spoke is None or spoke.end is None or person.end > spoke.end):
            return person
        return spoke if spoke is not None else dataclasses.replace(new, resolved=False)
    if src.kind == "anonymous":
        for prev in reversed(recent):
            if prev.kind == "anonymous" and words_ and words_[0] in prev.text_keys:
                return prev
        return dataclasses.replace(new, resolved=False)
    # a description: its noun or an adjective of it in what was said of the speaker
    # ("هذا الزعيم [الكردي]" after "السياسي الكردي البارز صلاح الدين دميرتاش")
    described = set(words_[1:] if len(words_) > 1 else words_)
    for prev in reversed(recent):
        if (words_ and words_[0] in prev.keys) or described & (prev.keys - prev.name_keys):
            return prev
    return dataclasses.replace(new, resolved=False)


@dataclass
class _Names:
    """The recognizer's names of one article, for what the sentence alone cannot resolve:
    a surname alone completed from an earlier full name, "الأخير"، "الوزارة"."""

    mentions: list[EntityMention]
    text: str = ""  # the article's, for a role written before a name the recognizer found

    def __post_init__(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        self.ends = [m.end for m in self.mentions]
        self.starts = [m.start for m in self.mentions]
        self._full_names: dict[str, list[EntityMention]] | None = None  # read when first asked

    def _by_surname(self) -> dict[str, list[EntityMention]]:
        if self._full_names is None:
            self._full_names = {}
            for m in self.mentions:
                parts = words(m.text) if m.kind == "person" else ()
                if len(parts) > 1:
                    self._full_names.setdefault(parts[-1], []).append(m)
            self.full_name_ends = {k: [m.end for m in v] for k, v in self._full_names.items()}
        return self._full_names

    def full_name(self, surname: str, before: int) -> EntityMention | None:
        found = self._by_surname().get(surname, [])
        k = bisect_left(self.full_name_ends[surname], before + 1) if found else 0
        return found[k - 1] if k else None

    def by_first_name(self, given: str, before: int) -> EntityMention | None:
        """The last person named in full before ``before`` whose name opens with ``given``
        ("وقالت [أماني]" after "أماني الشعلان")."""
        k = bisect_left(self.ends, before + 1)
        for m in reversed(self.mentions[max(0, k - MAX_SPEAKERS_BACK) : k]):
            parts = words(m.text) if m.kind == "person" else ()
            if len(parts) > 1 and parts[0] == given:
                return m
        return None

    def last_person(self, before: int) -> _Speaker | None:
        k = bisect_left(self.ends, before + 1)
        for m in reversed(self.mentions[max(0, k - MAX_SPEAKERS_BACK) : k]):
            if m.kind == "person":
                return _mention_speaker(m)
        return None

    def person_titled(self, role: str, before: int) -> _Speaker | None:
        """The person last named right after ``role`` as written ("الرئيس التركي، رجب طيب
        أردوغان") before offset ``before``, when the recognizer found the name."""
        at = self.text.rfind(role, 0, before)
        while at >= 0:
            after = at + len(role)
            k = bisect_left(self.starts, after)
            if k < len(self.mentions):
                m = self.mentions[k]
                if m.kind == "person" and m.start < before and not self.text[after : m.start].strip(" ،,"):
                    return _mention_speaker(m)
            at = self.text.rfind(role, 0, at)
        return None

    def institution(self, noun: str, before: int) -> _Speaker | None:
        """The organisation named last before ``before`` whose name has ``noun`` ("وزارة")."""
        k = bisect_left(self.ends, before + 1)
        for m in reversed(self.mentions[max(0, k - MAX_SPEAKERS_BACK) : k]):
            if m.kind == "organisation" and noun in _bare_words(m.text) and len(words(m.text)) > 1:
                return _mention_speaker(m)
        return None


def _nationality(word: str) -> bool:
    """A bare word ("تركي"، "امريكي") is an adjective of nationality."""
    nationalities = _lists().nationalities
    return word in nationalities or "ال" + word in nationalities


_WRITTEN_WORD = re.compile(r"\S+")


def _mention_speaker(m: EntityMention) -> _Speaker:
    text, role, start, kind = m.text, m.role, m.start, "person" if m.kind == "person" else "organisation"
    written = list(_WRITTEN_WORD.finditer(text))
    t = leading_title([normalize(w.group()) for w in written])
    if t and t < len(written):
        # a title the recognizer took into the name ("[جنرال] جادي أيزنكوت" tagged an
        # organisation, fresh9): the person's name, the title its role
        cut = written[t].start()
        text, role, start, kind = text[cut:], role or text[:cut].strip(), m.start + cut, "person"
    name = _bare_words(text)
    return _Speaker(text, role, None, kind, start, m.end, frozenset(name + _bare_words(role)), frozenset(name),
                    frozenset(name) if kind == "person" else frozenset())


def extract_quotes(article: Article, sentences: Sequence[Sentence], mentions: Sequence[EntityMention] = ()) -> list[Quote]:
    """Every quote of ``article`` (direct and indirect): the attribution rules' (headlines
    first, then in reading order; :func:`rule_quotes`), then those the learned gate reads at
    the verbs of saying where the rules read nothing
    (:func:`khabar.extract.statement_reader.read_statements`; issue 20, session 33).

    ``sentences`` are the article's sentences (:func:`khabar.text.ar.segment.split_sentences`);
    offsets of each quote are into :attr:`Article.text`.  ``mentions`` (the recognizer's
    names in the article) say where a speaker's name ends.
    """
    names = _names_by_sentence(sentences, mentions)
    rules = _rule_quotes(article, sentences, mentions, names)
    return rules + read_statements(article, sentences, names, rules)


def rule_quotes(article: Article, sentences: Sequence[Sentence], mentions: Sequence[EntityMention] = ()) -> list[Quote]:
    """The quotes the attribution rules find, headlines first, then in reading order."""
    return _rule_quotes(article, sentences, mentions, _names_by_sentence(sentences, mentions))


def _rule_quotes(
    article: Article, sentences: Sequence[Sentence], mentions: Sequence[EntityMention], names: dict[int, list[tuple[int, int, str]]],
) -> list[Quote]:
    known: list[_Speaker] = []
    quotes: list[Quote] = []
    article_names = _Names(list(mentions), article.text) if mentions else None
    genders: dict[int, str] = {}  # id of a known speaker -> the gender its verbs agree with
    previous: Sentence | None = None  # the body sentence before, when it attributed nothing
    outlets = _outlets(article.text)
    for sentence in sentences:
        if _headline(sentence):
            continue
        in_sentence: _Speaker | None = None
        said_here: list[tuple[int, int]] = []  # contents this sentence already gave a speaker
        atts = find_attributions(sentence.text, names=names.get(sentence.index, ()))
        before, previous = previous, (None if atts else sentence)
        if not atts and _teaser(sentence) and (q := _headline_quote(article, sentence, known)) is not None:
            quotes.append(q)  # "ماكرون: استخدام أسلحة كيماوية خط أحمر" between paragraphs
            continue
        for att in atts:
            if att.via == "cue" and att.statement and att.source is not None and _no_one(att, names.get(sentence.index, ())):
                continue  # "وحسب [القرعة]"، "وفقا [للقانون العراقي]": no one who speaks
            if att.via == "cue" and att.statement and any(
                _overlaps(sentence.start + att.content_start, sentence.start + att.content_end, *span) for span in said_here
            ):
                # "وقال لافروف ... مضيفا أن «...»، وفقا لما نقلته وكالة سبوتنيك": a trailing cue
                # over words the sentence already gave its speaker carries them (fresh9)
                att = dataclasses.replace(att, statement=False)
            if att.source is not None and (whole := _whole_name(att.source, sentence.text, names.get(sentence.index, ()))) is not att.source:
                att = dataclasses.replace(att, source=whole)
            if att.source is not None and att.via == "verb" and (named := _apposed_name(att, sentence.text, names.get(sentence.index, ()))) is not None:
                att = dataclasses.replace(att, source=named, also=())  # the و inside the role coordinates no speaker
            if att.source is not None and att.via != "cue" and _no_subject(att.source, names.get(sentence.index, ())):
                # "واعترف [بوجود] «تقصير»": the verb's subject is the one spoken of before
                # (a cue's preposition is its own: "وفقا [للمرصد]")
                att = dataclasses.replace(att, source=None, also=())
            gender = _gender(att.verb)
            if att.source is None and gender is not None and not (att.via == "participle" and in_sentence is not None):
                # a follow-on agrees with its speaker ("وأضافت" is not the man quoted last);
                # a sentence that names someone new as its subject and says nothing hands
                # the follow-on to that person ("وتوجه ستيوارت لوبشر ... إلى قطر. وقال إن")
                new = _subject_of(before, names.get(before.index, ()), gender) if before is not None and att.verb_start < 3 and in_sentence is None else None
                if new is not None:
                    new = _resolve(new, before.start, known, article_names)
                    genders.setdefault(id(new), gender)  # its verb agreed: "وأضاف" is someone else
                speaker = new or _agreeing(known, genders, gender)
                if speaker is None and quotes and gender in ("m", "f"):
                    # "وذكرت [الصحيفة] أن الرئيس التركي قال: «...». وأضاف ...": the man quoted
                    # inside the paper's statement goes on (fresh2 of issue 20)
                    speaker = _inner_speaker(article, quotes[-1], gender, known, article_names)
                    if speaker is not None:
                        genders[id(speaker)] = gender
            else:
                speaker = _speaker_for(att, sentence.start, known, in_sentence, article_names)
            if speaker is not None and att.source is not None and speaker.text == att.source.text:
                speaker = _named_earlier(speaker, sentences, sentence.index, article_names) or speaker
            if speaker is None or _is_outlet(speaker.text, outlets):
                continue  # (the page's own outlet observes or checks: no statement of a speaker)
            if att.via == "cue" and not att.statement:
                # "..."، وفق ما نقل موقع صحيفة «ماركا»: who carried a statement is named,
                # never the one who goes on ("وتابع: ..." is still the speaker before it);
                # it may still be spoken of again
                if not any(k is speaker for k in known[-MAX_SPEAKERS_BACK:]):
                    known.insert(max(0, len(known) - 1), speaker)
                continue
            if not known or known[-1] is not speaker:
                known.append(speaker)
            if att.source is not None and gender in ("m", "f"):
                genders[id(speaker)] = gender
            in_sentence = speaker
            if not att.statement:
                continue  # a source named, nothing said: it may still be spoken of again
            start = sentence.start + att.content_start
            end = sentence.start + att.content_end
            quotes.append(_quote(article, sentence, speaker, att, start, end))
            said_here.append((start, end))
            for other in att.also:  # "قالت بكين وواشنطن إنهما ...": one quote each
                quotes.append(_quote(article, sentence, _resolve(other, sentence.start, known, article_names), att, start, end))
    headlines = [q for s in sentences if _headline(s) for q in _headline_quotes(article, s, known, names.get(s.index, ()))]
    return headlines + _once(quotes, sentences)


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return min(b, d) > max(a, c)


def _in_a_name(src: Source, names: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a recognizer's name covers some of the head ``src``."""
    return any(_overlaps(a, b, src.start, src.end) for a, b, _ in names)


def _inner_speaker(article: Article, last: Quote, gender: str, known: list[_Speaker], names: _Names | None) -> _Speaker | None:
    """The speaker of a statement reported inside the quote ``last`` whose verb agrees with
    ``gender`` (its content "الرئيس التركي رجب طيب إردوغان قال: «...»"), or None."""
    for att in find_attributions(last.content):
        if att.source is not None and att.statement and _gender(att.verb) == gender:
            return _resolve(att.source, last.start, known, names)
    return None


def _subject_of(sentence: Sentence, names: Sequence[tuple[int, int, str]], gender: str) -> Source | None:
    """Who ``sentence``, which says nothing, names as the subject of its opening verb
    (:func:`~khabar.extract.attribution.opening_subject`), when that verb agrees with the
    follow-on's ``gender`` (a fresh2 lawyer's words went to the witness quoted before him:
    "وتوجه ستيوارت لوبشر ... إلى قطر. وقال إن"); else None."""
    opener = normalize(sentence.text.split(maxsplit=1)[0]) if sentence.text.strip() else ""
    if gender not in ("m", "f") or opener.endswith(("وا", "ون")) or opener.endswith("ت") != (gender == "f"):
        return None
    src = opening_subject(sentence.text, names)
    if src is None or (" " not in src.text.strip() and normalize(src.text).startswith("ال")):
        return None  # "وصلى البابا": a role, most often the speaker already quoted ("فرانسيس")
    return src


#: What separates a web page's title from its site's name ("... - عنب بلدي"، "| مرآة سوريا |").
_SITE_SEPARATORS = re.compile(r"\s[-|–]\s")


def _outlets(text: str) -> tuple[tuple[str, ...], ...]:
    """The words of the first line that name the page's own site, before or after the first
    separator ("نجوم كرة القدم ... لم يهنئوا المنتخب السوري - عنب بلدي الأحد 21 ..."): the outlet's
    own checks ("وبحسب ما رصدت عنب بلدي") are its narration, no one's statement (a fresh2
    page gave four of its sentences to itself)."""
    parts = _SITE_SEPARATORS.split(text.split("\n", 1)[0], maxsplit=1)
    if len(parts) < 2:
        return ()
    # the site before the title ("أخبار 24 | تركي الفيصل يتحدث ...") or after it
    before = tuple(words(parts[0]))
    return (before,) if len(before) <= MAX_OUTLET_WORDS else (tuple(words(parts[1])[:MAX_OUTLET_WORDS]),)


#: A site's name is at most this many words.
MAX_OUTLET_WORDS = 4


def _is_outlet(speaker: str, outlets: tuple[tuple[str, ...], ...]) -> bool:
    said = tuple(words(speaker))
    return bool(said) and any(part[: len(said)] == said for part in outlets)


#: How many speakers back a follow-on whose verb does not agree with the last one looks
#: for one it agrees with ("قالت المندوبة ... وأضافت" after a man quoted in between).
MAX_AGREEING_BACK = 3


def _gender(verb: str) -> str | None:
    """"m" or "f" for a singular verb of saying, "pl" for a plural one, else None."""
    w = verb.split()
    if len(w) != 1:
        return None
    form = normalize(w[0])
    return verb_gender(form) or ("pl" if verb_is_plural(form) else None)


def _agreeing(known: list[_Speaker], genders: dict[int, str], gender: str) -> _Speaker | None:
    """The speaker a follow-on of ``gender`` continues: the last one, unless its verbs
    agreed with the other gender; then the last of the few before it that agrees, else
    none (the quote is left out rather than given to the wrong speaker).  On the fresh
    articles of issue 20, a woman's "وأضافت" went to the man quoted before her."""
    for prev in reversed(known[-MAX_AGREEING_BACK:]):
        if gender == "pl":
            if not (prev.kind == "person" and prev.name_keys):
                return prev  # many: a collective, an institution, a country; never one named person
        elif genders.get(id(prev), gender) == gender:
            return prev
    return None


#: A "title" longer than this is a paragraph read as one (a web page without a title field,
#: whose first line is the title and the lead together): its follow-ons ("وأكد أنه"، "وتابع
#: أن") continue its speakers, as in the body.  Headlines of the seeds and ANT are under 25.
MAX_HEADLINE_WORDS = 40


#: A line of the body with a speaker before a colon and at most this many words is read as
#: a headline: the related-story teasers that pages keep between paragraphs ("ماكرون:
#: استخدام أسلحة كيماوية في سوريا خط أحمر").
MAX_TEASER_WORDS = 16


def _teaser(sentence: Sentence) -> bool:
    return ":" in sentence.text and len(sentence.text.split()) <= MAX_TEASER_WORDS


def _headline(sentence: Sentence) -> bool:
    return sentence.is_title and len(sentence.text.split()) <= MAX_HEADLINE_WORDS


#: Two sentences of one article whose words overlap this much (of the longer) are one
#: sentence written twice (an abstract copied as the first paragraph, page furniture): a
#: statement in both is kept once, where it is first written.
REPEAT_OVERLAP = 0.8


def _once(quotes: list[Quote], sentences: Sequence[Sentence]) -> list[Quote]:
    """``quotes`` without the statements of a sentence the article repeats."""
    text = {s.index: s.text for s in sentences}
    bags: dict[int, frozenset[str]] = {}

    def bag_of(index: int) -> frozenset[str]:  # only the sentences that hold a quote are read
        if index not in bags:
            bags[index] = frozenset(words(text.get(index, "")))
        return bags[index]

    seen: dict[str, list[int]] = {}
    out = []
    for q in quotes:
        earlier = seen.setdefault(q.speaker, [])
        if any(
            e != q.sentence_index
            and len((bag := bag_of(q.sentence_index)) & bag_of(e)) >= REPEAT_OVERLAP * max(len(bag), len(bag_of(e)))
            for e in earlier[-MAX_SPEAKERS_BACK:]
        ):
            continue
        if q.sentence_index not in earlier:
            earlier.append(q.sentence_index)
        out.append(q)
    return out


def _names_by_sentence(sentences: Sequence[Sentence], mentions: Sequence[EntityMention]) -> dict[int, list[tuple[int, int, str]]]:
    """The recognizer's names of each sentence, as character spans of the sentence's text."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for s in sentences:
        end = s.start + len(s.text)
        for k in range(bisect_left(starts, s.start), bisect_left(starts, end)):
            m = ordered[k]
            if m.end <= end:
                out.setdefault(s.index, []).append((m.start - s.start, m.end - s.start, m.kind))
    return out


def _headline_quotes(article: Article, sentence: Sentence, known: list[_Speaker], names: Sequence[tuple[int, int, str]]) -> list[Quote]:
    """A headline's statements: those the attribution rules find with their speaker named
    ("روسيا تتعهد بحماية ..."), else a speaker before a colon ("محافظ العاصية: ...")."""
    out = []
    speaker: _Speaker | None = None
    for att in find_attributions(sentence.text, names=names):
        if not att.statement:
            continue
        if att.source is None:
            # a headline continues no one before it, only its own first speaker ("تركي
            # الفيصل يتحدث عن ... ويكشف لأول مرة عما ...")
            if speaker is not None:
                out.append(_quote(article, sentence, speaker, att, sentence.start + att.content_start, sentence.start + att.content_end))
            continue
        for src in (att.source, *att.also):
            speaker = _resolve(src, sentence.start, known)
            out.append(_quote(article, sentence, speaker, att, sentence.start + att.content_start, sentence.start + att.content_end))
    if not out and (q := _headline_quote(article, sentence, known)) is not None:
        out.append(q)
    return out


def _headline_quote(article: Article, sentence: Sentence, known: list[_Speaker]) -> Quote | None:
    """"محافظ العاصية: عدد المدنيين ..." as a quote, its speaker resolved against the body's."""
    att = find_headline_attribution(sentence.text)
    if att is None or att.source is None:
        return None
    src = att.source
    if src.kind == "country" and not (article.title and sentence.start < len(article.title)):
        return None  # a capital speaks in the article's title; between paragraphs "باريس: ..." labels a teaser
    speaker = _resolve(src, sentence.start, known)
    if src.kind == "person" and src.role is None and speaker.text == src.text and not any(k.text == src.text for k in known):
        # a bare name must be someone the body quotes ("أنجلينا جولي"), or by full name
        # ("ولافروف" -> لافروف)
        words_ = src.text.split()
        if len(words_) != 1 or not words_[0].startswith("و"):
            return None
        src = dataclasses.replace(src, text=src.text[1:], start=src.start + 1)
        speaker = _resolve(src, sentence.start, known)
        if speaker.text == src.text:
            return None
    start, end = sentence.start + att.content_start, sentence.start + att.content_end
    return _quote(article, sentence, speaker, att, start, end)


def _quote(article: Article, sentence: Sentence, speaker: _Speaker, att: Attribution, start: int, end: int) -> Quote:
    """The quote of ``att`` (content at ``start:end`` of the article text) by ``speaker``."""
    return Quote(
        article_id=article.id,
        sentence_index=sentence.index,
        speaker=speaker.text,
        content=article.text[start:end],
        start=start,
        end=end,
        verb=att.verb,
        role=speaker.role,
        organisation=speaker.organisation,
        direct=att.direct,
        speaker_start=speaker.start,
        speaker_end=speaker.end,
        speaker_resolved=speaker.resolved,
    )


def _named_earlier(speaker: _Speaker, sentences: Sequence[Sentence], index: int, names: _Names | None = None) -> _Speaker | None:
    """A surname alone ("وأضاف بيرغستروم") completed from an earlier sentence that named
    the person in full without quoting them: the recognizer's last full name with that
    surname, or (without the recognizer's names) the sentences read back from ``index``."""
    if speaker.kind != "person" or len(speaker.name_keys) != 1 or " " in speaker.text.strip():
        return None
    surname = words(speaker.text)
    if len(surname) != 1:
        return None
    if names is not None:
        m = names.full_name(surname[0], speaker.start or 0)
        if m is None and normalize(surname[0]) in _lists().given:
            m = names.by_first_name(surname[0], speaker.start or 0)  # a first name alone (issue 20, session 21)
        if m is None:
            return None
        found = _mention_speaker(m)
        if surname[0] not in words(found.text):
            return None  # "سلطان" read as a title of "سلطان بن سحيم": the name left is not his
        return dataclasses.replace(found, role=found.role or speaker.role, organisation=speaker.organisation, keys=found.keys | speaker.keys)
    for earlier in reversed([s for s in sentences if s.index < index][-MAX_SPEAKERS_BACK:]):
        src = full_name(earlier.text, surname[0])
        if src is not None:
            found = _speaker(src, earlier.start)
            return _Speaker(found.text, found.role or speaker.role, found.organisation or speaker.organisation, "person",
                            found.start, found.end, found.keys | speaker.keys, found.text_keys, found.name_keys)
    return None


def _no_subject(src: Source, names: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a head read as the speaker is no noun phrase that can speak: its first word is
    a clitic on a word (:func:`~khabar.extract.attribution.lists.clitic_on_word`: "واعترف
    [ب]وجود"، "[و]دون الرئيس تغريدة ... أكد فيها") that no recognizer's name covers and
    whose head no list of institutions, countries or unnamed sources knows ("وسائل إعلام").
    The unseen splits of issue 20 as first scored (fresh6-fresh8) gave 6 such speakers of
    verbs, every one wrong."""
    words = tuple(normalize(src.text).split())
    return (
        bool(words)
        and head_kind(words) is None
        and not _in_a_name(src, names)
        and clitic_on_word(words[0])
    )


def _whole_name(src: Source, text: str, names: Sequence[tuple[int, int, str]]) -> Source:
    """The speaker run on to the end of a person's or organisation's name the recognizer
    found across its end ("فصائل الجيش السوري [الحر]"، "تركي آل [الشيخ]"، "دراسة نشرها معهد
    [واشنطن لدراسات الشرق الأدنى]"): a head cut inside a name names no one.  Only a head
    read as written (no title set apart), over words that are no preposition or verb of
    saying ("عبدالله [على]" is the recognizer's slip, not a name); ``src`` itself when
    nothing crosses its end.  Unseen splits of issue 20 (fresh6-fresh8 as first scored) had
    about 20 speakers cut inside their phrase."""
    if src.text != text[src.start : src.end]:
        return src
    ends = [b for a, b, kind in names if a < src.end < b and kind in ("person", "organisation") and _name_words(text[src.end : b])]
    return dataclasses.replace(src, text=text[src.start : max(ends)], end=max(ends)) if ends else src


def _apposed_name(att: Attribution, text: str, names: Sequence[tuple[int, int, str]]) -> Source | None:
    """The person a role names after it, before what is said: "وقال [نائب رئيس منظمة الخوذ
    البيضاء] عبد الرحمن المواس"، "وقال [ممثل] السيستاني، الشيخ عبد المهدي الكربلائي: ..." --
    the head reader stops a long role early ("نائب"، "ممثل") and the role was the speaker.
    The last recognizer's person between the head (no name itself) and the content, counted
    only up to a word that ends the subject (a preposition of an addressee or a topic, a time
    preposition, a relative: "بعد لقائه نظيره X"، "الذي فاز بجائزة X"); a name right after a
    title alone, a preposition or an institution's bare head is whose the role is, not who
    ("حكومة المحافظ X"، "ضابط سابق في X"، "معهد X").  ``None`` when no such person.  On the
    spent pool of issue 20 (session 22) it finds 8 statements more with their speaker; on
    600 unlabelled ANT articles it changes 15 (2.5 %), read by eye all but one right (one
    joint statement of two ministers given to the first)."""
    src = att.source
    if _in_a_name(src, names):
        return None
    found = None
    for a, b, kind in sorted(names):
        if kind != "person" or a < src.end or b > att.content_start:
            continue
        between = text[src.end : a]
        gap = normalize(between).replace('"', " ").split()
        if "\n" in between or len(gap) > 10 or any(_ends_subject(w) for w in gap):
            break
        last = gap[-1] if gap else ""
        if not gap or all(leading_title([w]) for w in gap) or last in PREPOSITION_WORDS or (
            not last.startswith(ARTICLE) and head_kind((last,)) == "organisation"
        ):
            continue  # "حكومة [المحافظ] ماريانو راخوي"، "في فاغنر"، "معهد هاوارد هيوز": whose, not who
        found = (a, b)
    if found is None:
        return None
    a, b = found
    return dataclasses.replace(src, text=text[a:b], start=a, end=b, role=text[src.start : a].strip(" ،,"), kind="person",
                               definite_only=False, anaphor=False)


def _ends_subject(word: str) -> bool:
    """Whether a normalized word between a role and a name ends the role's subject, so the name
    after it is not the speaker: a preposition of an addressee or a topic ("مع"، "عن"), a word
    that ends a speaker's head (a time preposition "بعد"، "خلال"، a relative "الذي": the
    one-word stops of attribution_cues.txt), or a verb of saying."""
    return word in _lists().addressees or stop_at((word,)) > 0 or verb_info(word) is not None


def _name_words(text: str) -> bool:
    """Whether the words a name adds to a cut head are words of a name: on one line, none a
    preposition or a verb of saying."""
    added = normalize(text).split()
    return "\n" not in text and all(w not in PREPOSITION_WORDS and verb_info(w) is None for w in added)


def _no_one(att: Attribution, names: Sequence[tuple[int, int, str]]) -> bool:
    """Whether a cue's source ("بحسب X"، "وفقا لـX") is no one who can speak: no recognizer's
    name, no role, no institution, country or unnamed source of the lists, and no noun of
    published data or reports ("بيانات"، "تقارير") -- "وحسب القرعة"، "وفقا للقانون"، "بحسب
    العبارة" say where a fact comes from, not who said it."""
    src = att.source
    words = tuple(normalize(src.text).split())
    if not words or src.role or _in_a_name(src, names):
        return False
    w = words[0]  # read without the cue's preposition: "وفقا [لل]مرصد"
    w = without_lam(w)
    return head_kind((w, *words[1:])) is None and not (is_information(w) or w.removeprefix(ARTICLE) in data_nouns())


def _speaker_for(
    att: Attribution, offset: int, known: list[_Speaker], in_sentence: _Speaker | None, names: _Names | None = None
) -> _Speaker | None:
    if att.source is not None:
        return _resolve(att.source, offset, known, names)
    if att.via == "participle" and in_sentence is not None:
        return in_sentence
    return known[-1] if known else None


#: How far before what is said its verb may stand ("وطالب المجلس المحلي، في بيان أصدره صباح
#: اليوم، [الأمم المتحدة بضمان ...]" is 45 characters).
MAX_VERB_BEFORE = 160


def as_said(q: Quote, text: str) -> str:
    """What a statement says as a reader wants it shown: its content, led by its verb (and
    the verb's preposition) when the content is the verb's object rather than a clause or a
    quotation -- "المجلس المحلي: طالب الأمم المتحدة بضمان ..." (the README's brief showed
    "المجلس المحلي: الأمم المتحدة بضمان ..."), "حذر من «كارثة»"."""
    if q.direct or not q.verb or q.start > len(text):
        return q.content
    window = text[max(0, q.start - MAX_VERB_BEFORE) : q.start]
    at = window.rfind(q.verb)
    if at < 0 or any(c in window[at:] for c in ".!?\n"):
        return q.content  # a cue or a follow-on named in a sentence before
    gap = window[at + len(q.verb) :].split()
    last = gap[-1] if gap else ""
    if last[-1:] in ':«"“\'' or complement_at(normalize(last.strip(',،'))):
        return q.content  # "قال إن ..."، "أضاف: «...»": a clause, said as it stands
    info = verb_info(normalize(q.verb))
    if info is None:
        return q.content  # "بحسب ..." (a cue: the clause it governs is said as it stands)
    verb = q.verb[1:] if info[0] != normalize(q.verb) else q.verb  # "[و]طالب" ("وثق" keeps its و)
    prep = f"{last} " if normalize(last) in PREPOSITION_WORDS else ""
    return f"{verb} {prep}{q.content}"
