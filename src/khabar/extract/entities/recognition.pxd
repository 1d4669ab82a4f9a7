# Where recognition.py is compiled (khabar._compiled): its functions declare ``s`` (``@cython.locals``)
# as spans.pxd's C class, so that the passes' driver and the offsets read the sentence's fields
# directly, not through the type (docs/measurements.md, issue 19, session 36).
from khabar.extract.entities.spans cimport _Sentence
