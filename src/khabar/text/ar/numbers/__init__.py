"""Numbers in Arabic news text, in digits or words, with the hedges written around them.

:func:`find_numbers` returns every number mention of a text, left to right, never
overlapping, each the longest reading; :func:`parse_number` reads one phrase.  Matching
works on :func:`khabar.text.ar.normalize` forms; offsets always point into the text as
written (diacritics, Arabic-Indic digits and all), and ``mention.text == s[start:end]``.

What is read
------------
* digits in any script; ``1,200`` and ``1.200.000`` are thousands (comma, or dot before
  exactly three digits: European style); ``3.5``, ``٣٫٥`` and ``4,9`` (one or two digits
  after a comma) are decimals, and so is ``1.250`` before a scale word (``1.250 مليار`` is
  1.25 billion, the way Arabic finance news writes it);
* number words: units, 11-19, tens, hundreds (``ثلاثمئة``, ``ثلاث مئة``), scales
  (``ألف``، ``ألفين``، ``آلاف``، ``مليون``، ``مليار`` ...) and their compounds, with ``و``
  inside (``ألف وخمسمئة`` = 1500, ``خمسة وعشرون ألفا`` = 25000), digits before a scale
  (``130 ألف``، ``2.5 مليون``), ``نصف مليون``, ``مليون ونصف``;
* vague counts (value ``None``): a word meaning "some units of U", ``low..high`` multiples.
  ``عشرات`` 20..99, ``مئات`` 200..999, ``آلاف`` alone 2000..9999, ``بضعة`` 3..9,
  ``بضعة آلاف`` 3000..9999, ``عشرات الآلاف`` 20000..99999, ``مئات الآلاف``
  200000..999999: ``low = lo * U``, ``high = (hi + 1) * U - 1`` (the range up to the next
  order of magnitude, so that "tens of thousands" covers 99,999);
* percentages: a number followed by ``%``/``٪``, ``بالمئة``, ``في المئة`` ... get
  ``unit="percent"``;
* times ``03:00`` and dates ``14/12/2016``, ``2016-12-14`` are one mention each with
  ``unit="time"`` / ``unit="date"`` and no value, so their digits are never read as counts;
  a bare year (``في 2011``) or day (``15 تشرين الثاني``) is a plain number: telling dates
  from counts needs context, and is the claim extractor's job.

What is not a number: ordinals (``الثالث``، ``الحادي عشر``), ``أحد`` alone (someone,
Sunday), tens with the article (``القرن العشرين``), ``مئة`` inside ``بالمئة``, letters
inside longer words (only whole words, after the proclitics و ف ب ل ك, count), digits glued
to Latin letters (``F16``).

Conventions for value / low / high / approximate
------------------------------------------------
==========================================  =====  =====  =====  ===========
written                                     value  low    high   approximate
==========================================  =====  =====  =====  ===========
``100``                                     100    100    100    False
``نحو 100`` / ``حوالي`` / ``100 تقريبا``       100    100    100    True
``أكثر من 100`` / ``ما يزيد على 100``          100    100    None   True
``يتجاوز 100`` / ``تجاوز`` / ``يفوق``         100    100    None   True
``100 على الأقل`` / ``لا يقل عن 100``          100    100    None   False
``أقل من 100`` / ``دون 100``                  100    None   100    True
``لا يتجاوز 100`` / ``لم يزد على 100``         100    None   100    True
``قد يصل إلى 100`` / ``حتى 100``              100    None   100    True
``بين 10 و20`` / ``من 10 إلى 20`` / ``10-20``   None   10     20     True
``عشرات`` (vague)                           None   20     99     True
==========================================  =====  =====  =====  ===========

A hedge applied to a vague count keeps its bounds (``أكثر من عشرات`` = low 20, open high).
A range needs its upper end above its lower end (``من 60 إلى 50`` is a fall, ``1-1`` a
score: two numbers); ``حتى`` joins a range only after ``من``; two numbers joined by ``و``
without ``بين`` stay apart (``415 مدنيا و364``); the lower end shares the upper end's scale
(``بين 10 و20 ألفا`` = 10000..20000).
``qualifier`` is the hedge as written (for a range, its opener ``بين``/``من`` if any).

The span covers the hedge written before the number, the number, its percent marker and a
hedge written right after it (``100 تقريبا``); when a hedge follows the counted noun
(``50 مدنيا على الأقل``) it is recorded in ``qualifier`` but the span stays on the number,
so the noun is not swallowed into the figure.

Speed
-----
The text is normalized once by :func:`~khabar.text.ar.normalize.normalize_with_offsets`,
whose offset map costs nothing for characters that normalize one-to-one; only windows
around digits and number words, inside pieces cut at line breaks, sentence ends and ", ",
are tokenized (``benchmarks/bench_text.py`` measures it).

The parts: :mod:`~khabar.text.ar.numbers.words` (the data), :mod:`~khabar.text.ar.numbers.tokens`,
:mod:`~khabar.text.ar.numbers.read` (one number), :mod:`~khabar.text.ar.numbers.find` (every number of a text).
"""

from khabar.text.ar.numbers.find import find_numbers, parse_number
from khabar.text.ar.numbers.read import hedge_kind
from khabar.text.ar.numbers.words import _DATA

#: Every normalized form of a scale word ("الف"، "الاف"، "مليون"، "ملايين"، "مليار" ...), the
#: one list: after a figure written with one, a counted noun stands in the genitive
#: singular whatever the value ("39 ألف مكان").
SCALE_WORDS: tuple[str, ...] = _DATA.scale_words

__all__ = ["SCALE_WORDS", "find_numbers", "hedge_kind", "parse_number"]
