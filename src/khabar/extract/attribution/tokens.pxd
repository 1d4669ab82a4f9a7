# Where tokens.py is compiled (khabar._compiled): the attribution sentence's fields as C fields
# and its smallest helpers as C methods, so that its own methods and those of heads.pxd's
# sentence read a field without a look-up through the type and call a helper without a
# Python call (docs/measurements.md, issue 19, session 21).  The fields are public: scan.py's
# rules (Python objects to it) read them as attributes.
cimport cython

cdef class _Tokens:
    cdef public str text
    cdef public object L
    cdef public tuple texts
    cdef public tuple starts
    cdef public tuple ends
    cdef public Py_ssize_t n
    cdef public list norms
    cdef public list _ends
    cdef public list _anonymity_at
    cdef public dict named
    cdef public dict closer
    cdef public Py_ssize_t first_quote

    cpdef str norm(self, Py_ssize_t i)
    @cython.locals(w=str)
    cpdef bint is_word(self, Py_ssize_t i)
    # ``index`` a dict (every caller's is a list's table by first word): ``index.get`` is
    # the dictionary's own look-up, not a method found and called (session 36)
    cpdef Py_ssize_t phrase_at(self, Py_ssize_t i, dict index)
    cpdef Py_ssize_t cue_at(self, Py_ssize_t i)
    cpdef bint stop_at(self, Py_ssize_t i)
    cpdef bint is_complement(self, Py_ssize_t i)
