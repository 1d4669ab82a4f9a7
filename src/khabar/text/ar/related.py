"""A page's block of related-story teasers at the end of a report, found by its shape.

News pages end with the opening lines of the outlet's other stories of the day, and a
crawler keeps them in the body (CNN Arabic's pages in ANT: >= 715 of 3,507 articles end with
up to five).  Each is another story's lead: it opens with a reporting verb in the past
("قال الرئيس الأمريكي، دونالد ترامب، إن ..."، "أعلنت وزارة ..."), names its actors anew, and
shares little with the report above it.  A report's own closing paragraphs continue it: they
open with a conjunction or a function word ("وقال"، "كما"), and share its words.  Left in,
the teasers give an article the quotes, names and figures of other happenings: two CNN
reports of unrelated events share quoted runs and join (docs/stories.md, session 18).

:func:`related_block_start` finds the block: the longest trailing run of paragraphs, each a
*lead* (first word a past form of a reporting verb, :mod:`khabar.text.ar.reporting`) or an
*unlinked* paragraph (no opening conjunction or function word, at most
:data:`UNLINKED_OVERLAP` of its content words in the title and first paragraph), that starts
at a lead, holds :data:`MIN_LEADS` leads and at most :data:`MAX_BLOCK` paragraphs.  Measured
on all of ANT against the teasers found by matching other articles' openings (session 18;
the gold splits judged on left out): 1,770 of 2,981 matched teaser paragraphs cut, in 475 of
715 CNN articles; in the four other outlets 5 articles of ~28,000 lose 15 paragraphs (a
reactions round-up's last leads).  The cost is a walk back over the last paragraphs.
"""

from __future__ import annotations

import re

from khabar.text.ar.clitics import CONJUNCTIONS, bare_word
from khabar.text.ar.normalize import normalize
from khabar.text.ar.reporting import reporting_past_forms
from khabar.text.ar.stopwords import STOPWORDS

#: Leads a block needs: one lead-like closing paragraph is common in real reports (1.1 % of
#: other outlets' paragraphs open with a past reporting verb); two at the end, rare.
MIN_LEADS = 2
#: Pages show at most five teasers (ANT's CNN: 508 articles end with five matched ones, none
#: with more); a longer run is a round-up of statements, the report itself.
MAX_BLOCK = 5
#: An unlinked paragraph shares at most this share of its content words with the title and
#: first paragraph (matched teasers: median 0.06; the reports' own paragraphs: 0.15-0.17).
UNLINKED_OVERLAP = 0.2
#: Content words compare by their first letters after the clitics: a crude stem that meets
#: "الأمريكي" and "أمريكية" and costs nothing.
_STEM = 5

_WORD = re.compile(r"\w+")


def _content(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(normalize(text)):
        if len(w) < 3 or w.isdigit() or w in STOPWORDS:
            continue
        b = bare_word(w)
        if len(b) >= 3 and b not in STOPWORDS:
            out.add(b[:_STEM])
    return out


def _first_word(paragraph: str) -> str:
    words = paragraph.split(maxsplit=1)
    return normalize(words[0]) if words else ""


def related_block_start(title: str, paragraphs: list[str]) -> int:
    """The index of the paragraph where the trailing teaser block starts, or
    ``len(paragraphs)`` when there is none.  The first paragraph is never cut."""
    leads_past = reporting_past_forms()
    reference: set[str] | None = None
    end = len(paragraphs)
    start = end
    leads = 0
    for i in range(end - 1, 0, -1):
        first = _first_word(paragraphs[i])
        if first in leads_past:
            leads += 1
            if leads >= MIN_LEADS:
                if end - i > MAX_BLOCK:
                    return end  # a round-up of statements, the report itself
                start = i
            continue
        if first[:1] in CONJUNCTIONS or first in STOPWORDS:
            break
        if reference is None:
            reference = _content(title) | _content(paragraphs[0])
        words = _content(paragraphs[i])
        if len(words & reference) > UNLINKED_OVERLAP * max(1, len(words)):
            break
    return start


def cut_related_block(title: str, body: str) -> str:
    """``body`` without its trailing related-story block (its paragraphs one a line)."""
    lines = body.split("\n")
    kept = [(n, line) for n, line in enumerate(lines) if line.strip()]
    start = related_block_start(title, [line for _, line in kept])
    if start >= len(kept):
        return body
    return "\n".join(lines[: kept[start][0]]).rstrip()
