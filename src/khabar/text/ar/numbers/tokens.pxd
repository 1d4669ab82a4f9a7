# Where tokens.py is compiled (khabar._compiled): a number window's token as an extension type,
# so that making one (~8,000 over instructions_extract.py's 100 articles) runs its compiled
# __init__ from the type's own slot, with no look-up of ``__init__`` and no argument tuple made
# again for it (docs/measurements.md, issue 19, session 34).  The fields stay Python objects
# (a C integer or double would be made into a new object at every read by read.py and find.py).
cdef class _Tok:
    cdef public object kind
    cdef public object start
    cdef public object end
    cdef public object text
    cdef public object value
    cdef public object surface
    cdef public object gap
