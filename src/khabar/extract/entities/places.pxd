# Where places.py is compiled (khabar._compiled): its annotation ``s: _Sentence`` names spans.pxd's C
# class, so that the word lists' rules read the sentence's columns directly (docs/measurements.md,
# issue 19, session 35).
from khabar.extract.entities.spans cimport _Sentence
