"""A cheaper ``__init__`` for khabar's frozen slotted dataclasses: :func:`slot_init`.

A frozen dataclass's generated ``__init__`` sets each field by ``object.__setattr__(self,
name, value)`` (its own ``__setattr__`` refuses), which looks up ``__setattr__`` on
``object``, then the name in the class's dictionary, then calls the slot's member descriptor:
~1,370 instructions a field against ~170 for a mutable object's (callgrind, docs/measurements.md,
issue 19, session 18).  :func:`slot_init` replaces that ``__init__`` by one that calls each
slot's member descriptor's ``__set__`` directly, bound once a class: the same fields, set in the
same order, to the same values, with the same signature (defaults, ``<factory>`` sentinels,
annotations) and the same ``__post_init__`` call.  Everything else is the dataclass's own and
untouched: assignment still raises ``FrozenInstanceError``; ``repr``, ``==``, ``hash``,
``dataclasses.replace`` (which calls ``__init__``), ``fields``/``asdict`` and pickling (the
dataclass's ``__getstate__``/``__setstate__``) are the dataclass's.

Applied above the dataclass decorator, so that type checkers still read a dataclass::

    @slot_init
    @dataclass(frozen=True, slots=True)
    class Mention: ...

Only what khabar's frozen types use is handled (fields each set by ``__init__``, positional or
with a default or a default factory, an optional ``__post_init__`` without arguments); any other
dataclass (not frozen, not slotted, an ``InitVar``, ``init=False``, keyword-only fields) is
refused when the class is made, never given a different constructor.  ``tests/test_frozen.py``
checks every frozen dataclass of the package keeps the dataclass's behaviour.

This module imports only the standard library and :mod:`khabar._slots` (the compiled field setter:
compiled, a constructor sets every field by one call of its ``fill``).
"""

from __future__ import annotations

import dataclasses
import sys
from typing import TypeVar

from khabar import _slots

T = TypeVar("T", bound=type)


def _refusal(cls: type) -> str | None:
    """Why ``cls`` cannot take :func:`slot_init`'s constructor, or ``None``."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        return "not a frozen dataclass"
    if "__slots__" not in cls.__dict__:
        return "not slotted (slots=True)"
    if "__init__" not in cls.__dict__ or not params.init:
        return "its __init__ is not the dataclass's"
    for f in cls.__dataclass_fields__.values():
        if f._field_type is dataclasses._FIELD_CLASSVAR:  # type: ignore[attr-defined]
            continue
        if f._field_type is not dataclasses._FIELD:  # type: ignore[attr-defined]
            return f"field {f.name} is an InitVar"
        if not f.init:
            return f"field {f.name} is init=False"
        if f.kw_only:
            return f"field {f.name} is keyword-only"
    return None


def slot_init(cls: T) -> T:
    """``cls`` (a frozen slotted dataclass) with an ``__init__`` that sets each slot through
    its member descriptor, bound once: the same arguments, defaults, fields and
    ``__post_init__`` as the dataclass's own, about half the instructions a field."""
    why = _refusal(cls)
    if why is not None:
        raise TypeError(f"slot_init: {cls.__qualname__} is {why}")
    old = cls.__init__
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    # The setters and the default factories reach the function as closure cells (one
    # LOAD_DEREF each, as dataclasses' own generated code reads its locals), made by an outer
    # function executed in the class's module so that __globals__ (and what get_type_hints
    # resolves the annotations in) is the module's, as the dataclass's __init__ has it.
    # Compiled (khabar._slots), every field is set by one call from C with the values in a
    # tuple; as Python, by a bound setter a field.
    together = _slots.COMPILED and bool(names)
    free = ["_descriptors", "_fill"] if together else [f"_set_{n}" for n in names]
    body = []
    factories = {}
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            factories[f"_make_{f.name}"] = f.default_factory
            body.append(f"  if {f.name} is _FACTORY: {f.name} = _make_{f.name}()")
        if not together:
            body.append(f"  _set_{f.name}(self, {f.name})")
    if together:
        body.append(f"  _fill(self, _descriptors, ({''.join(n + ', ' for n in names)}))")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    if not body:
        body.append("  pass")
    outer = free + list(factories) + ["_FACTORY"]
    text = (
        f"def __make__({', '.join(outer)}):\n"
        f" def __init__({', '.join(['self', *names])}):\n" + "\n".join(" " + line for line in body) + "\n return __init__\n"
    )
    module = sys.modules.get(cls.__module__)
    space: dict = {}
    # (named for tracebacks and for tests/test_frozen.py, which checks the extraction layer's
    # types keep this constructor)
    code = compile(text, f"<slot_init {cls.__module__}.{cls.__qualname__}>", "exec")
    exec(code, module.__dict__ if module is not None else {}, space)  # noqa: S102 - our own text, as dataclasses does
    if together:
        setters = [tuple(cls.__dict__[n] for n in names), _slots.fill]
    else:
        setters = [cls.__dict__[n].__set__ for n in names]
    new = space["__make__"](*setters, *factories.values(), dataclasses._HAS_DEFAULT_FACTORY)  # type: ignore[attr-defined]
    # The dataclass's signature, exactly: its defaults (the factory sentinel where a field
    # has a factory) and annotations.
    new.__defaults__ = old.__defaults__
    new.__kwdefaults__ = old.__kwdefaults__
    new.__annotations__ = dict(old.__annotations__)
    new.__qualname__ = old.__qualname__
    new.__doc__ = old.__doc__
    cls.__init__ = new
    if together:
        # Compiled, ``type.__call__`` builds the object by a C constructor that reads the
        # arguments and sets the fields as ``new`` does, with no Python frame and no look-up
        # of ``__init__`` (khabar._slots.install); ``new`` stays the class's ``__init__``
        # (the signature, an explicit call) and takes any call the C one does not read.
        made = tuple((k, factories[f"_make_{f.name}"], dataclasses._HAS_DEFAULT_FACTORY) for k, f in enumerate(fields) if f"_make_{f.name}" in factories)  # type: ignore[attr-defined]
        _slots.install(cls, setters[0], old.__defaults__ or (), made, hasattr(cls, "__post_init__"))
    return cls
