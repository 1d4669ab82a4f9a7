"""The fields of a frozen slotted object set from C: what :func:`khabar.frozen.slot_init`'s
constructors call when this module is compiled (:mod:`khabar._compiled`).

A slot's member descriptor's ``__set__`` called from Python goes through a method wrapper: an
argument tuple made and parsed (``PyArg_UnpackTuple``) for every field.  Compiled, :func:`fill`
calls each descriptor's C setter (its type's ``tp_descr_set``, what ``__set__`` wraps) with the
object and the value: the same check of the object's type, the same slot written, in the same
order.  Measured (callgrind, 20,000 ``EntityMention`` of seven fields): 7,359 -> 4,037
instructions a constructor (docs/measurements.md, issue 19, session 32).

Compiled, :func:`install` also gives each such type a C constructor as its ``tp_init`` (the
slot ``type.__call__`` calls): the arguments read and the fields set from C, with no Python
frame and no look-up of ``__init__``; the Python constructor stays ``__init__`` and takes any
call the C one does not read.  Measured (callgrind, 20,000 ``EntityMention``): 4,111 -> 2,817
instructions a construction given positionally, 6,665 -> 6,280 by keywords; the layer -0.59 %
(docs/measurements.md, issue 19, session 33).  And (session 34) its vectorcall, the
``tp_vectorcall`` that calling the type runs (:func:`_call`): the arguments read from the
caller's array and keyword names, with no argument tuple, no keyword dictionary and no
``type.__call__``/``object.__new__`` between; the layer -0.94 % (docs/measurements.md, issue
19, session 34).

As Python (``KHABAR_PURE=1``, no compiler) :data:`COMPILED` is False and ``slot_init`` keeps
its Python constructor (one bound setter a field); :func:`fill` still works, by ``__set__``,
and :func:`install` does nothing.

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


@cython.cfunc
@cython.inline
@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t)
def _set(obj: object, descriptors: tuple, values, n) -> cython.int:
    """:func:`fill` without its checks: ``values`` (a tuple or a list of ``n``) set in order."""
    for k in range(n):
        d = descriptors[k]
        if cython.compiled:
            Py_TYPE(d).tp_descr_set(d, obj, values[k])
        else:
            d.__set__(obj, values[k])
    return 0


@cython.locals(n=cython.Py_ssize_t, descriptors=tuple, values=tuple)
def fill(obj: object, descriptors: tuple, values: tuple) -> None:
    """Set ``obj``'s slots: ``descriptors[k]`` (a member descriptor of its class) to
    ``values[k]``, in order (the two tuples are as long)."""
    n = len(descriptors)
    if len(values) != n:
        raise ValueError(f"{len(values)} values for {n} fields")
    _set(obj, descriptors, values, n)


#: The constructor's part of each type :func:`install` gave the C constructor to: its
#: class -> (descriptors, defaults, factories, post_init, names).
_SPECS = cython.declare(dict, {})


def install(cls: type, descriptors: tuple, defaults: tuple, factories: tuple, post_init: bool) -> bool:
    """Give the frozen slotted type ``cls`` (:func:`khabar.frozen.slot_init`, its Python
    ``__init__`` already set) a C constructor, where this module is compiled (False: not,
    and nothing is done): ``type.__call__`` then sets the fields from C as ``cls.__init__``
    would (``descriptors`` each field's member descriptor in order, ``defaults`` the last
    fields' defaults as ``__init__.__defaults__`` has them, a factory field's the
    dataclass's sentinel, ``factories`` (field number, factory, sentinel) of the fields
    made by a factory, ``post_init``: ``__post_init__`` called after), and hands any call
    it does not read itself (a name not a field's, a field given twice or not at all, too
    many arguments) to ``cls.__init__``, which raises Python's own ``TypeError``.

    ``cls.__init__`` stays the Python constructor (what ``inspect.signature``, the type's
    ``__dict__`` and an explicit ``cls.__init__(obj, ...)`` see); setting ``__init__`` on the
    class again gives it back its Python slot.  A subclass that inherits the C slot without
    being installed is built by its ``__init__``."""
    if not cython.compiled:
        return False
    names = {d.__name__: k for k, d in enumerate(descriptors)}
    _SPECS[cls] = (descriptors, defaults, factories, post_init, names)
    tp = cython.cast(cython.pointer(_TypeInit), cls)
    tp.tp_init = _init
    if cls.__new__ is object.__new__ and not tp.tp_flags & _ABSTRACT:
        tp.tp_vectorcall = cython.cast(cython.p_void, _call)  # never inherited by a subclass
    return True


@cython.locals(spec=tuple, descriptors=tuple, defaults=tuple, factories=tuple, given=cython.Py_ssize_t,
               n=cython.Py_ssize_t, k=cython.Py_ssize_t, first=cython.Py_ssize_t, values=list, positional=tuple, kwargs=dict)
def _init(obj, args, kwds):
    """``tp_init`` of an installed type: 0 once the fields are set (-1 with an exception set)."""
    self = cython.cast(object, obj)
    positional = cython.cast(tuple, cython.cast(object, args))
    kwargs = cython.cast(dict, cython.cast(object, kwds)) if kwds != cython.NULL else None
    found = _SPECS.get(type(self))
    if found is None:  # a subclass that inherited the slot: its own constructor
        return _python_init(self, positional, kwargs)
    spec = found
    descriptors, defaults, factories = spec[0], spec[1], spec[2]
    n = len(descriptors)
    given = len(positional)
    if not kwargs:
        if given == n and not factories:
            _set(self, descriptors, positional, n)
        else:
            first = n - len(defaults)
            if given < first or given > n:
                return _python_init(self, positional, kwargs)
            values = list(positional)
            values += defaults[given - first :]
            _made(values, factories)
            _set(self, descriptors, values, n)
    else:
        if given > n:
            return _python_init(self, positional, kwargs)
        values = [_UNSET] * n
        for k in range(given):
            values[k] = positional[k]
        if not _read(spec, positional, kwargs, values):
            return _python_init(self, positional, kwargs)
        _made(values, factories)
        _set(self, descriptors, values, n)
    if spec[3]:
        self.__post_init__()
    return 0


@cython.locals(index=dict, given=cython.Py_ssize_t, k=cython.Py_ssize_t, n=cython.Py_ssize_t, first=cython.Py_ssize_t, defaults=tuple)
def _read(spec, args, kwargs, values):
    """The keyword arguments ``kwargs`` put into ``values`` (the positional ones, then
    :data:`_UNSET`), then the defaults of the fields not given: False where the call is
    not one the constructor reads (a name not a field's, a field given twice or not at all)."""
    index = spec[4]
    given = len(args)
    for name, value in kwargs.items():
        k = index.get(name, -1)
        if k < given or values[k] is not _UNSET:  # not a field's name (-1), or given twice
            return False
        values[k] = value
    return _defaults(spec, values)


@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, first=cython.Py_ssize_t, defaults=tuple)
def _defaults(spec, values):
    """The defaults put in ``values`` where a field was not given (:data:`_UNSET`): False
    where one without a default was not."""
    defaults = spec[1]
    n = len(values)
    first = n - len(defaults)
    for k in range(n):
        if values[k] is _UNSET:
            if k < first:
                return False
            values[k] = defaults[k - first]
    return True


@cython.locals(spec=tuple, descriptors=tuple, defaults=tuple, factories=tuple, index=dict, names=tuple, values=list,
               n=cython.Py_ssize_t, nargs=cython.Py_ssize_t, k=cython.Py_ssize_t, j=cython.Py_ssize_t, first=cython.Py_ssize_t)
def _call(callable, args, nargsf, kwnames):
    """``tp_vectorcall`` of an installed type (what calling it runs): the new object, its
    fields read from the caller's arguments (``args[:nargs]`` positional, then one a name
    of ``kwnames``) as :func:`_init` reads them, with no argument tuple or keyword
    dictionary made; any call it does not read goes the usual way (:func:`_call_slowly`)."""
    cls = cython.cast(object, callable)
    tp = cython.cast(cython.pointer(_TypeInit), callable)
    nargs = PyVectorcall_NARGS(nargsf)
    found = _SPECS.get(cls)
    # (``__init__`` or ``__new__`` set on the class since: their slots changed, the usual way)
    if found is None or tp.tp_init != _init or tp.tp_new != PyBaseObject_Type.tp_new or tp.tp_flags & _ABSTRACT:
        return _call_slowly(cls, args, nargs, kwnames)
    spec = found
    descriptors, defaults, factories = spec[0], spec[1], spec[2]
    n = len(descriptors)
    if kwnames == cython.NULL:
        if nargs == n and not factories:  # every field given in order (most calls)
            self = tp.tp_new(callable, cython.cast(cython.pointer(PyObject), _EMPTY), cython.NULL)
            for k in range(n):
                d = descriptors[k]
                Py_TYPE(d).tp_descr_set(d, self, cython.cast(object, args[k]))
            if spec[3]:
                self.__post_init__()
            return self
        first = n - len(defaults)
        if nargs < first or nargs > n:
            return _call_slowly(cls, args, nargs, kwnames)
        values = [cython.cast(object, args[k]) for k in range(nargs)]
        values += defaults[nargs - first :]
    else:
        if nargs > n:
            return _call_slowly(cls, args, nargs, kwnames)
        names = cython.cast(tuple, cython.cast(object, kwnames))
        values = [_UNSET] * n
        for k in range(nargs):
            values[k] = cython.cast(object, args[k])
        index = spec[4]
        for j in range(len(names)):
            k = index.get(names[j], -1)
            if k < nargs or values[k] is not _UNSET:  # not a field's name (-1), or given twice
                return _call_slowly(cls, args, nargs, kwnames)
            values[k] = cython.cast(object, args[nargs + j])
        if not _defaults(spec, values):
            return _call_slowly(cls, args, nargs, kwnames)
    _made(values, factories)
    self = tp.tp_new(callable, cython.cast(cython.pointer(PyObject), _EMPTY), cython.NULL)
    _set(self, descriptors, values, n)
    if spec[3]:
        self.__post_init__()
    return self


@cython.locals(names=tuple, kwargs=dict, k=cython.Py_ssize_t, j=cython.Py_ssize_t)
def _call_slowly(cls, args, nargs, kwnames):
    """The call :func:`_call` does not read, made the usual way (``type.__call__``: the
    type's ``__new__`` and ``__init__``, which raise Python's own ``TypeError``)."""
    positional = [cython.cast(object, args[k]) for k in range(nargs)]
    kwargs = {}
    if kwnames != cython.NULL:
        names = cython.cast(tuple, cython.cast(object, kwnames))
        for j in range(len(names)):
            kwargs[names[j]] = cython.cast(object, args[nargs + j])
    return type.__call__(cls, *positional, **kwargs)


@cython.cfunc
@cython.locals(factories=tuple, values=list)
def _made(values, factories) -> cython.int:
    """Each factory field whose value is the dataclass's sentinel made by its factory."""
    for k, make, sentinel in factories:
        if values[k] is sentinel:
            values[k] = make()
    return 0


@cython.cfunc
def _python_init(self, args: tuple, kwargs) -> cython.int:
    """The type's Python ``__init__`` called with the arguments (0, or raises)."""
    type(self).__init__(self, *args, **(kwargs or {}))
    return 0


#: A field not given yet (:func:`_read`).
_UNSET = object()

#: The arguments ``object.__new__`` is given by :func:`_call` (none).
_EMPTY = cython.declare(tuple, ())

#: ``Py_TPFLAGS_IS_ABSTRACT``: a type with abstract methods is not built by :func:`_call`.
_ABSTRACT = cython.declare(cython.ulonglong, 1 << 20)


def installed(cls: type) -> bool:
    """Whether :func:`install` gave ``cls`` the C constructor."""
    return cls in _SPECS
