"""Who says so: attribution of statements and figures in Arabic news sentences.

Shared by the quote extractor (:mod:`khabar.extract.quotes`) and the numeric claims: both
need to know, for a span of a sentence, the speaker or source it is attributed to.

News Arabic attributes in a few shapes, all read here on the word tokens of one sentence
(:func:`khabar.text.ar.tokenize.tokenize`, normalized forms, offsets as written):

* verb first, the commonest: "وقال وزير الخارجية الروسي سيرجي لافروف إن ..."، what is said
  after the speaker: a clause (إن/أن، إنه، بأن)، a colon, quotation marks, the verb's own
  preposition ("أشار إلى"، "حذر من"، "رحب بـ"، "أعرب عن قلقه") or, for a verb of announcing,
  denying, accusing or condemning, its noun object ("أعلن التحالف فرض حصار"، "اتهم مصدر
  روسيا بأنها" -- the object kept); a verb that says something only with its noun ("وجه
  نداء"، "حمل مسؤولية");
* subject first, also after a long phrase: "لكن مسؤول المعارضة قال إن"، "المرصد ... الذي
  اعتبر أن"، "أما الكرملين، فأكد أن"، "وكانت فرنسا دعت اليوم الأمم المتحدة إلى"، a headline
  "نتانياهو يحذر إيران"؛
* relays: "نقلت الوكالة عن مصدر قوله ..."، "نسبت إلى المفاوض قوله إن" (the speaker is the
  one named after the preposition);
* cues that attribute the clause they govern: "بحسب"، "وفق ما أفاد"، "حسبما ذكرت" (a cue
  between dashes, or after someone else's statement, only carries it);
* "وهو ما ينفيه نظام الأسد": a denial of the clause before;
* participles that continue the same speaker ("مضيفا أن"، "داعيا إلى") and bare verbs or
  pronouns that continue the previous one ("وأضاف أن"، "لكنه قال إن"، a sentence opening
  with "وأن"): a *follow-on*, which :mod:`khabar.extract.quotes` resolves across the article;
* two attributions in one sentence keep their speakers ("وكانت فرنسا دعت ...، وحذرت روسيا من
  أنها": a verb joined to the clause before keeps its subject; the name after it is its object).

The speaker is a whole noun phrase read from its first word
(:meth:`~khabar.extract.attribution.heads._Sentence.speaker_np`): a title with its role and
the name after it (where the document's recognizer ends the name, when it found one), an
institution with its full name ("مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية في اليمن"), an
unnamed source with its modifiers ("مصدر في المعارضة السورية المسلحة"), speakers coordinated
by و ("بكين وواشنطن"), or an anaphor ("المصدر نفسه"، "الأخير") for the quote extractor to
resolve.  Every word this module knows is in ``data/reporting_verbs.txt`` (the verbs, one a
line with their forms and frames: :mod:`~khabar.extract.attribution.verbs`),
``data/attribution_cues.txt`` and ``data/titles.txt``.

The parts: :mod:`~khabar.extract.attribution.sources` (what is found),
:mod:`~khabar.extract.attribution.verbs` and :mod:`~khabar.extract.attribution.lists` (the
words), :mod:`~khabar.extract.attribution.tokens` and :mod:`~khabar.extract.attribution.heads`
(one sentence), :mod:`~khabar.extract.attribution.scan` (the rules and the public functions).
"""


from khabar.extract.attribution.lists import cue_at, data_nouns, document_nouns, head_kind, is_adjective, is_information, is_nationality, issued_at, stop_at, verb_info
from khabar.extract.attribution.scan import body_at, find_attributions, find_headline_attribution, find_source, full_name, opening_subject
from khabar.extract.attribution.sources import Attribution, Source, SourceKind

__all__ = [
    "Attribution",
    "Source",
    "body_at",
    "SourceKind",
    "find_attributions",
    "find_headline_attribution",
    "find_source",
    "cue_at",
    "full_name",
    "opening_subject",
    "head_kind",
    "is_adjective",
    "is_information",
    "data_nouns",
    "document_nouns",
    "is_nationality",
    "issued_at",
    "stop_at",
    "verb_info",
]
