# Where figures.py is compiled (khabar._compiled): its annotation ``s: _Sent`` names cues.pxd's C
# class, so that the figure rules read the sentence's columns directly (docs/measurements.md,
# issue 19, session 35).
from khabar.extract.claims.cues cimport _Sent
