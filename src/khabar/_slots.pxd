# Where _slots.py is compiled (khabar._compiled): the C constructor of the frozen types
# (:func:`install`) as a type's ``tp_init``, the slot ``type.__call__`` calls with the new
# object and the arguments, so that building one runs no Python frame and looks up no
# ``__init__`` (docs/measurements.md, issue 19, session 33).
# Session 34: and a vectorcall (``tp_vectorcall``, what calling the type runs when set), so that
# a call reads its arguments from the caller's array and names, with no tuple, no dictionary
# of keywords and no ``type.__call__``.
from cpython.object cimport PyObject

cdef extern from "Python.h":
    ctypedef int (*initproc)(PyObject*, PyObject*, PyObject*) except -1
    ctypedef object (*_newfunc)(PyObject*, PyObject*, PyObject*)
    ctypedef struct _TypeInit "PyTypeObject":
        initproc tp_init
        _newfunc tp_new
        void* tp_vectorcall
        unsigned long tp_flags
    Py_ssize_t PyVectorcall_NARGS(size_t nargsf)
    _TypeInit PyBaseObject_Type

cdef int _init(PyObject* obj, PyObject* args, PyObject* kwds) except -1
cdef object _call(PyObject* callable, PyObject** args, size_t nargsf, PyObject* kwnames)
cdef object _call_slowly(object cls, PyObject** args, Py_ssize_t nargs, PyObject* kwnames)
cdef bint _read(tuple spec, tuple args, dict kwargs, list values) except -1
cdef bint _defaults(tuple spec, list values) except -1
