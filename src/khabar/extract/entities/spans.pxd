# Where spans.py is compiled (khabar._compiled): the word lists' sentence as a C class, its
# fields as C fields, so that the passes read them without a look-up through the type
# (docs/measurements.md, issue 19, session 32).  The fields are public: people.py and
# places.py read them as attributes.
cdef class _Sentence:
    cdef public str text
    cdef public Py_ssize_t base
    cdef public object cols
    cdef public list norms
    cdef public list soft
    cdef public list masks
    cdef public list owner
    cdef public list spans
