"""What a module of :data:`khabar._compiled.MODULES` reads of Cython's pure-Python mode when
it runs as Python: the module says ::

    try:
        import cython
    except ImportError:  # Cython is a build requirement only: not installed, run as Python
        from khabar import _cython as cython

Compiled, ``import cython`` is Cython's own (nothing is imported at run time) and the
declarations below type the module's loops in C; as Python, with or without Cython
installed, they do nothing and :data:`compiled` is False.  Only what khabar uses is here.
"""

from __future__ import annotations

#: Whether the module runs compiled (never, where this shim is read).
compiled = False


class _Type:
    """A C type's name as Python reads it: ``cython.float[:, ::1]`` (a typed memoryview) is
    the same nothing."""

    def __getitem__(self, _shape: object) -> "_Type":
        return self

    def __call__(self, value: object) -> object:  # ``cython.int(x)``: a cast, here nothing
        return value


int = long = longlong = ulonglong = Py_ssize_t = size_t = Py_UCS4 = float = double = bint = uchar = p_uchar = p_ulonglong = p_float = void = _Type()  # noqa: A001 - Cython's names


def locals(**_types: object):  # noqa: A001 - Cython's name
    """``@cython.locals(i=cython.Py_ssize_t)``: the function unchanged."""
    return lambda function: function


def declare(_type: object = None, value: object = None, **_names: object) -> object:
    """``x = cython.declare(cython.int, 0)``: the value."""
    return value


def _unchanged(function):
    return function


cfunc = ccall = inline = _unchanged


def exceptval(*_value: object, check: bool = True):
    """``@cython.exceptval(check=False)``: the function unchanged."""
    return _unchanged


def annotation_typing(_on: bool):
    """``@cython.annotation_typing(True)``: the function unchanged (compiled, its annotations
    are its arguments' types)."""
    return _unchanged


def returns(_type: object):
    """``@cython.returns(cython.int)``: the function unchanged."""
    return _unchanged


def boundscheck(_on: bool):
    """``@cython.boundscheck(False)``: the function unchanged."""
    return _unchanged


wraparound = cdivision = boundscheck
