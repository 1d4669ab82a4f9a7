# Where cues.py is compiled (khabar._compiled): the claims' sentence as a C class, its columns
# as C fields, so that its methods read a column without a look-up through the type
# (docs/measurements.md, issue 19, session 32).  The fields are public: the extractor and
# the figures read them as attributes.
cdef class _Sent:
    cdef public str text
    cdef public tuple texts
    cdef public tuple norms
    cdef public tuple starts
    cdef public tuple ends
    cdef public list boundary
    cdef public tuple words

    cpdef bint is_word(self, Py_ssize_t i)
    cpdef bint is_quote(self, Py_ssize_t i)
