"""Every frozen dataclass of the package behaves as a frozen dataclass, whichever constructor
it has (the dataclass's, or :func:`khabar.frozen.slot_init`'s): the types are found by
importing every module, so a new type is checked without being listed here."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import pickle
import pkgutil
import typing
from dataclasses import dataclass, field

import pytest

import khabar
from khabar.frozen import slot_init
from khabar.relate.stories.band import BAND_FEATURES, E5_FEATURES, BandModel
from khabar.relate.stories.scorer import FEATURES


def _frozen_types() -> list[type]:
    found: dict[str, type] = {}
    for info in pkgutil.walk_packages(khabar.__path__, "khabar."):
        module = importlib.import_module(info.name)
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and obj.__module__ == module.__name__
                and dataclasses.is_dataclass(obj)
                and obj.__dataclass_params__.frozen
            ):
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return [found[k] for k in sorted(found)]


FROZEN = _frozen_types()

#: Arguments for the types whose ``__post_init__`` refuses the generic ones (a string a
#: required field): only the fields that must differ from them.
EXAMPLES: dict[str, dict[str, typing.Any]] = {
    "khabar.relate.semantic.Calibration": {"floor": 0.1, "support": 0.5},
    "khabar.relate.stories.scorer.EventScorer": {
        "features": FEATURES,
        **{name: (0.5,) * len(FEATURES) for name in ("mean", "scale", "weights")},
        "bias": 0.0,
        "threshold": 0.5,
    },
    "khabar.relate.stories.band.BandModel": {
        **{name: (0.5,) * len(BAND_FEATURES) for name in ("mean", "scale", "weights")},
        "bias": 0.0,
        "low": 0.1,
        "high": 0.9,
        "threshold": 0.5,
    },
    "khabar.relate.stories.band.E5Reading": {
        "model": BandModel((0.5,) * 7, (0.5,) * 7, (0.5,) * 7, 0.0, 0.1, 0.9, 0.5, True, E5_FEATURES),
        "margin": 0.1,
    },
}


def _arguments(cls: type) -> dict[str, typing.Any]:
    """A value for each field without a default (distinct strings), and the table's."""
    args = {f.name: f"<{f.name}>" for f in dataclasses.fields(cls) if _default(f) is dataclasses.MISSING}
    args.update(EXAMPLES.get(f"{cls.__module__}.{cls.__qualname__}", {}))
    return args


def _default(f: dataclasses.Field) -> typing.Any:
    if f.default is not dataclasses.MISSING:
        return f.default
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return dataclasses.MISSING


def _plain(value: typing.Any) -> bool:
    """Whether ``==`` on the value answers a truth value (not a numpy array's)."""
    try:
        bool(value == value)
    except (ValueError, TypeError):
        return False
    return True


def _equal(x: typing.Any, y: typing.Any) -> bool:
    """``x == y``, arrays by their items."""
    try:
        return bool(x == y)
    except (ValueError, TypeError):
        import numpy

        return bool(numpy.array_equal(x, y))


def _same(a: typing.Any, b: typing.Any) -> bool:
    """Every field of ``a`` equal to ``b``'s."""
    return type(a) is type(b) and all(_equal(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))


def _hashable(value: typing.Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def test_every_module_is_searched_and_the_model_types_are_found():
    from khabar.model import Claim, EntityMention

    assert Claim in FROZEN and EntityMention in FROZEN and len(FROZEN) > 100


@pytest.mark.parametrize("cls", FROZEN, ids=lambda c: f"{c.__module__}.{c.__qualname__}")
def test_a_frozen_type_keeps_the_dataclass_behaviour(cls: type):
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields]
    init = cls.__init__

    # The signature the dataclass writes: every field in order, its default (the factory
    # sentinel for a factory), its annotation; returning None.
    expected = [
        (
            f.name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            f.default
            if f.default is not dataclasses.MISSING
            else dataclasses._HAS_DEFAULT_FACTORY
            if f.default_factory is not dataclasses.MISSING
            else inspect.Parameter.empty,
        )
        for f in fields
    ]
    params = list(inspect.signature(init).parameters.values())[1:]
    assert [(p.name, p.kind, p.default) for p in params] == expected
    assert init.__annotations__ == {**{f.name: f.type for f in fields}, "return": None}
    assert init.__qualname__ == f"{cls.__qualname__}.__init__"
    try:  # hints resolved in the module that wrote them (some name types imported only for checkers)
        hints = typing.get_type_hints(cls)
    except NameError:
        hints = None
    if hints is not None:
        assert typing.get_type_hints(init) == {**hints, "return": type(None)}

    args = _arguments(cls)
    obj = cls(**args)
    same = cls(*[args.get(n, _default(f)) for n, f in zip(names, fields)])  # positionally, defaults given
    for f in fields:
        want = args[f.name] if f.name in args else _default(f)
        assert _equal(getattr(obj, f.name), want)
        if f.default_factory is not dataclasses.MISSING and isinstance(want, (list, dict, set)):
            assert getattr(obj, f.name) is not getattr(cls(**args), f.name)  # a fresh one each
    plain = all(_plain(getattr(obj, n)) for n in names)
    assert _same(obj, same)
    if plain:  # (a dataclass holding arrays cannot answer ==: the dataclass's own behaviour)
        assert obj == same and not (obj != same)
    hashed = [getattr(obj, f.name) for f in fields if (f.compare if f.hash is None else f.hash)]
    if all(_hashable(v) for v in hashed) and cls.__hash__ is not None:
        assert hash(obj) == hash(same)
        if getattr(cls.__hash__, "__code__", None) is not None and cls.__hash__.__code__.co_filename == "<string>":
            assert hash(obj) == hash(tuple(hashed))  # the dataclass's: of the compared fields

    # frozen: no field set or deleted, no attribute added
    for name in names:
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, name, "other")
        with pytest.raises(dataclasses.FrozenInstanceError):
            delattr(obj, name)
    # (TypeError: Python 3.11's frozen slotted __setattr__ calls super() with the class it
    # replaced, gh-90562; refused all the same)
    with pytest.raises((dataclasses.FrozenInstanceError, AttributeError, TypeError)):
        obj.not_a_field = 1  # type: ignore[attr-defined]

    text = repr(obj)
    shown = [f for f in fields if f.repr]
    generated = getattr(cls.__repr__, "__wrapped__", None)
    if generated is not None and generated.__code__.co_filename == "<string>":  # the dataclass's
        assert text == f"{cls.__qualname__}({', '.join(f'{f.name}={getattr(obj, f.name)!r}' for f in shown)})"

    assert list(dataclasses.asdict(obj)) == names
    assert [f.name for f in dataclasses.fields(obj)] == names

    if names:
        first = names[0]
        changed = dataclasses.replace(obj, **{first: getattr(obj, first)})
        assert _same(changed, obj) and changed is not obj
        fresh = object()
        if not hasattr(cls, "__post_init__"):  # (which may refuse a value of no type)
            other = dataclasses.replace(obj, **{first: fresh})
            assert getattr(other, first) is fresh
            assert all(_equal(getattr(other, n), getattr(obj, n)) for n in names[1:])
            if plain and fields[0].compare:
                assert other != obj

    back = pickle.loads(pickle.dumps(obj))
    assert _same(back, obj) and _same(copy.copy(obj), obj) and _same(copy.deepcopy(obj), obj)

    with pytest.raises(TypeError):
        cls(*[args.get(n, _default(f)) for n, f in zip(names, fields)], "one too many")
    if any(_default(f) is dataclasses.MISSING for f in fields):
        with pytest.raises(TypeError):
            cls()


#: The frozen types the extraction layer builds (counted over ``bench_extract``'s sample,
#: docs/measurements.md, issue 19, session 19): each keeps ``slot_init``'s constructor (the
#: layer 2,985.9 -> 2,867.0 M instructions when they took it).
LAYER_TYPES = (
    *(f"khabar.model.{name}" for name in (
        "EntityMention", "Mention", "NumberMention", "DateMention", "Sentence", "Entity", "Document",
        "Quote", "SourceLink", "Claim", "FigureSpan", "FigureRelation",
    )),
    "khabar.extract.tagger.spans.NameSpan",
    "khabar.text.ar.normalize.NormalizedText",
    "khabar.extract.attribution.tokens._Head",
    "khabar.text.ar.segment.Span",
    "khabar.extract.attribution.sources.Source",
    "khabar.extract.attribution.sources.Attribution",
    "khabar.extract.reading.SentenceTokens",
    "khabar.extract.quotes._Speaker",
)


@pytest.mark.parametrize("name", LAYER_TYPES)
def test_the_types_the_extraction_layer_builds_keep_the_cheaper_constructor(name: str):
    module, _, qualname = name.rpartition(".")
    cls = getattr(importlib.import_module(module), qualname)
    from khabar import _slots

    assert cls.__init__.__code__.co_filename == f"<slot_init {name}>"
    assert _slots.installed(cls) == _slots.COMPILED  # compiled: built by the C constructor


# --- the helper on types of its own ------------------------------------------------------


def _probe_type() -> type:
    """A frozen slotted dataclass with a default and two factories, made afresh each call."""

    @dataclass(frozen=True, slots=True)
    class Probe:
        name: str
        count: int = 3
        tags: list = field(default_factory=list)
        seen: tuple = field(default_factory=lambda: ("x",))

    return Probe


_Probe = slot_init(_probe_type())
_Twin = _probe_type()  # the dataclass's own constructor


def test_slot_init_replaces_the_dataclass_constructor_and_builds_the_same_values():
    assert "__setattr__" in _Twin.__init__.__code__.co_names  # object.__setattr__ a field
    assert "__setattr__" not in _Probe.__init__.__code__.co_names
    for args, kwargs in [
        (("a",), {}), (("a", 5), {}), ((), {"name": "b", "tags": [1]}), (("c", 1, [2], ("y",)), {}),
        (("a",), {"seen": ("z",)}), ((), {"count": 2, "name": "d"}), (("e", 4, [3]), {}), (("f",), {}),
    ]:
        p, t = _Probe(*args, **kwargs), _Twin(*args, **kwargs)
        assert [getattr(p, f) for f in ("name", "count", "tags", "seen")] == [getattr(t, f) for f in ("name", "count", "tags", "seen")]
        assert repr(p) == repr(t)
    assert _Probe("a").tags is not _Probe("a").tags
    assert str(inspect.signature(_Probe)) == str(inspect.signature(_Twin))
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'name'"):
        _Probe()
    with pytest.raises(TypeError, match="unexpected keyword argument 'other'"):
        _Probe("a", other=1)
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        _Probe("a", name="b")


def test_slot_init_types_are_built_the_same_by_the_c_constructor_and_by_init():
    # compiled, type.__call__ runs khabar._slots' C constructor; cls.__init__ stays the
    # Python one: the two give the same fields, the same errors (as Python, both are it)
    from khabar import _slots

    assert _slots.installed(_Probe) == _slots.COMPILED and not _slots.installed(_Twin)
    for args, kwargs in [(("a",), {}), (("a", 5, [1]), {}), (("a",), {"tags": [2], "count": 0}), ((), {"name": "n"})]:
        built, by_init = _Probe(*args, **kwargs), object.__new__(_Probe)
        _Probe.__init__(by_init, *args, **kwargs)
        assert built == by_init
    for args, kwargs in [((), {}), (("a", 1, [], (), "extra"), {}), (("a",), {"name": "b"}), (("a",), {"other": 1}), ((), {"count": 1})]:
        with pytest.raises(TypeError) as built:
            _Probe(*args, **kwargs)
        with pytest.raises(TypeError) as by_init:
            _Probe.__init__(object.__new__(_Probe), *args, **kwargs)
        assert str(built.value) == str(by_init.value)

    class Sub(_Probe):  # inherits the C slot, not installed: built by the inherited __init__
        __slots__ = ()

    assert (Sub("s", 2).name, Sub("s", 2).count, Sub("s").tags) == ("s", 2, [])


def test_a_constructor_set_on_the_class_again_is_the_one_a_call_runs():
    # compiled, calling an installed type runs khabar._slots' vectorcall, which reads the
    # arguments itself only while the type's __init__ and __new__ are the ones installed
    cls = slot_init(_probe_type())
    assert cls("a", tags=[1]).tags == [1] and cls(name="b").count == 3
    made = []

    def init(self, name, count=0):
        made.append((name, count))
        object.__setattr__(self, "name", name)

    cls.__init__ = init
    p = cls("c", count=7)
    assert made == [("c", 7)] and p.name == "c"
    with pytest.raises(TypeError):
        cls("c", tags=[])


def test_slot_init_calls_post_init_after_every_field_is_set():
    calls = []

    @slot_init
    @dataclass(frozen=True, slots=True)
    class Checked:
        low: int
        high: int = 9

        def __post_init__(self) -> None:
            calls.append((self.low, self.high))
            if self.low > self.high:
                raise ValueError("low above high")

    Checked(1)
    assert calls == [(1, 9)]
    with pytest.raises(ValueError):
        Checked(5, 2)


def test_slot_init_refuses_what_it_does_not_build_as_the_dataclass_would():
    @dataclass(slots=True)
    class Mutable:
        a: int

    @dataclass(frozen=True)
    class Unslotted:
        a: int

    @dataclass(frozen=True, slots=True)
    class Hidden:
        a: int
        b: int = field(default=0, init=False)

    @dataclass(frozen=True, slots=True)
    class Later:
        a: int
        _: dataclasses.KW_ONLY
        b: int = 0

    @dataclass(frozen=True, slots=True)
    class Passed:
        a: int
        b: dataclasses.InitVar[int] = 0

    for cls, why in [(Mutable, "frozen"), (Unslotted, "slotted"), (Hidden, "init=False"), (Later, "keyword-only"), (Passed, "InitVar")]:
        with pytest.raises(TypeError, match=why):
            slot_init(cls)


def test_fill_sets_each_slot_in_order_and_checks_the_object_type():
    # khabar._slots.fill: what slot_init's constructors call where it is compiled (C setters);
    # as Python the same, through __set__
    from khabar import _slots

    descriptors = tuple(_Probe.__dict__[n] for n in ("name", "count", "tags", "seen"))
    p = object.__new__(_Probe)
    _slots.fill(p, descriptors, ("a", 1, [2], ("y",)))
    assert p == _Probe("a", 1, [2], ("y",))
    with pytest.raises(ValueError):
        _slots.fill(object.__new__(_Probe), descriptors, ("a", 1))
    with pytest.raises(TypeError):  # a slot of another class: refused as __set__ refuses it
        _slots.fill(object.__new__(_Twin), descriptors[:1], ("a",))


def test_slot_init_sets_the_fields_together_only_where_fill_is_compiled():
    from khabar import _slots

    names = _Probe.__init__.__code__.co_names
    assert ("_fill" in _Probe.__init__.__code__.co_freevars) == _slots.COMPILED
    assert "__setattr__" not in names
