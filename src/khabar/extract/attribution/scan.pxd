# Where scan.py is compiled (khabar._compiled): its annotation ``s: _Sentence`` names heads.pxd's
# C class, so that the rules read the sentence's fields and call its C methods directly
# (docs/measurements.md, issue 19, session 35).
from khabar.extract.attribution.heads cimport _Sentence
