"""A report's dateline: the place and the outlet a wire-style body opens with, before its
first sentence ("دبي، الإمارات العربية المتحدة (CNN)-- ...").

It tells where the desk sits, not where the happening is: in ANT every CNN Arabic report but a
few opens with one (141 of 300 drawn at random with "دبي، الإمارات العربية المتحدة"), the
four other outlets' bodies with none (0 of 240 drawn).  The one pattern that finds it, for
every reader that must skip it (how a report opens).  Story signing still reads it: left out
there, it was silent on the event pairs of fresh19 + fresh20 and was withdrawn (docs/stories.md,
session 20; branch ``events-dateline-cut``).
"""

from __future__ import annotations

import re

#: A place, the outlet in brackets, a dash, within the first line's first 80 characters.
DATELINE = re.compile(r"^[^.!؟\n]{0,80}?\)\s*[-—–]+\s*")


def dateline_end(text: str) -> int:
    """Where the text after a leading dateline starts (0 when there is none)."""
    m = DATELINE.match(text)
    return m.end() if m else 0
