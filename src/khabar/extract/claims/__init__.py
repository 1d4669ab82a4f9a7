"""Numeric claims: every figure about people or events, what it counts, and who says so.

:func:`extract_claims` (:mod:`~khabar.extract.claims.extractor`, where the rules are
listed) reads a document's numbers; :mod:`~khabar.extract.claims.figures` decides what
each counts, :mod:`~khabar.extract.claims.context` where, when and by whom, with the words
of :mod:`~khabar.extract.claims.cues`.
"""

from khabar.extract.claims.extractor import extract_claims
from khabar.extract.claims.figures import CUE_WINDOW

__all__ = ["CUE_WINDOW", "extract_claims"]
