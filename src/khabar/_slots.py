"""The fields of a frozen slotted object set from C: what :func:`khabar.frozen.slot_init`'s
constructors call when this module is compiled (:mod:`khabar._compiled`).

A slot's member descriptor's ``__set__`` called from Python goes through a method wrapper: an
argument tuple made and parsed (``PyArg_UnpackTuple``) for every field.  Compiled, :func:`fill`
calls each descriptor's C setter (its type's ``tp_descr_set``, what ``__set__`` wraps) with the
object and the value: the same check of the object's type, the same slot written, in the same
order.  Measured (callgrind, 20,000 ``EntityMention`` of seven fields): 7,359 -> 4,037
instructions a constructor (docs/measurements.md, issue 19, session 32).

As Python (``KHABAR_PURE=1``, no compiler) :data:`COMPILED` is False and ``slot_init`` keeps
its Python constructor (one bound setter a field); :func:`fill` still works, by ``__set__``.

This module imports only the standard library.
"""

from __future__ import annotations

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

if cython.compiled:
    from cython.cimports.cpython.object import Py_TYPE

#: Whether :func:`fill` runs compiled (then the constructors call it).
COMPILED: bool = cython.compiled


@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, descriptors=tuple, values=tuple)
def fill(obj: object, descriptors: tuple, values: tuple) -> None:
    """Set ``obj``'s slots: ``descriptors[k]`` (a member descriptor of its class) to
    ``values[k]``, in order (the two tuples are as long)."""
    n = len(descriptors)
    if len(values) != n:
        raise ValueError(f"{len(values)} values for {n} fields")
    for k in range(n):
        d = descriptors[k]
        if cython.compiled:
            Py_TYPE(d).tp_descr_set(d, obj, values[k])
        else:
            d.__set__(obj, values[k])
