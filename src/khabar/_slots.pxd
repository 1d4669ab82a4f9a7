# Where _slots.py is compiled (khabar._compiled): the C constructor of the frozen types
# (:func:`install`) as a type's ``tp_init``, the slot ``type.__call__`` calls with the new
# object and the arguments, so that building one runs no Python frame and looks up no
# ``__init__`` (docs/measurements.md, issue 19, session 33).
from cpython.object cimport PyObject

cdef extern from "Python.h":
    ctypedef int (*initproc)(PyObject*, PyObject*, PyObject*) except -1
    ctypedef struct _TypeInit "PyTypeObject":
        initproc tp_init

cdef int _init(PyObject* obj, PyObject* args, PyObject* kwds) except -1
cdef bint _read(tuple spec, tuple args, dict kwargs, list values) except -1
