# Where statement_reader.py is compiled (khabar._compiled): its annotation ``s: _Sentence``
# names heads.pxd's C class, so that the reader's own functions read the sentence's fields
# and call its C methods directly (docs/measurements.md, issue 19, session 36).
from khabar.extract.attribution.heads cimport _Sentence
