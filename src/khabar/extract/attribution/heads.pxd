# Where heads.py is compiled (khabar._compiled): its sentence is a C class over tokens.pxd's,
# so that the head rules read the sentence's fields and call its helpers in C
# (docs/measurements.md, issue 19, session 21).
from khabar.extract.attribution.tokens cimport _Tokens

cdef class _Sentence(_Tokens):
    pass
