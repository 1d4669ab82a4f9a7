"""Who says so: attribution of statements and figures in Arabic news sentences.

Shared by the quote extractor (:mod:`khabar.extract.quotes`) and the numeric claims: both
need to know, for a span of a sentence, the speaker or source it is attributed to.

News Arabic attributes in a few fixed shapes, all handled here on word tokens of one
sentence (:func:`khabar.text.ar.tokenize.tokenize`, normalized forms, offsets as written):

* verb first, the commonest: "وقال وزير الخارجية الروسي سيرجي لافروف إن ..."، with the
  complement after the speaker: إن/أن (or a pronoun form إنه، أنها، بأن)، a colon
  ("قال مصدر ...: إن" indirect, "وأضاف: الوقت محدود" direct), a quotation mark, or the
  verb's own preposition ("أشار ... إلى أن"، "حذر ... من أن"، "أعرب ... عن قلقه");
* subject first: "لكن مسؤول المعارضة قال إن"، "المرصد ... الذي اعتبر أن"، "أما الكرملين، فأكد أن";
* cues without a quote verb: "بحسب"، "وفق ما أفاد"، "حسبما ذكرت"، "نقلا عن"، "على لسان";
* participles that continue the same speaker: "مضيفا أن"، "مشددا على أن"؛
* bare verbs that continue the previous speaker: "وأضاف أن"، "وتابع: ..." (a *follow-on*;
  this module marks it, :mod:`khabar.extract.quotes` resolves it across the article).

The speaker's head ends where circumstance begins (a comma, "في تصريحات"، "لرويترز"، "أمس"،
a relative pronoun ...: the ``[stop]`` entries of ``data/attribution_cues.txt``); its
title/role is separated with ``data/titles.txt`` (longest title, then its genitive
complement and nationality adjective: "وزير الخارجية الروسي"، "مدير المرصد"، "المتحدث باسم
الكرملين"), before or after the name.  Every word this module knows is in
``data/reporting_verbs.txt`` and ``data/attribution_cues.txt``.

The parts: :mod:`~khabar.extract.attribution.sources` (what is found),
:mod:`~khabar.extract.attribution.lists` (the words), :mod:`~khabar.extract.attribution.tokens`
and :mod:`~khabar.extract.attribution.heads` (one sentence),
:mod:`~khabar.extract.attribution.scan` (the rules and the public functions).
"""

from khabar.extract.attribution.lists import head_kind, verb_info
from khabar.extract.attribution.scan import find_attributions, find_headline_attribution, find_source, full_name
from khabar.extract.attribution.sources import Attribution, Source, SourceKind

__all__ = [
    "Attribution",
    "Source",
    "SourceKind",
    "find_attributions",
    "find_headline_attribution",
    "find_source",
    "full_name",
    "head_kind",
    "verb_info",
]
