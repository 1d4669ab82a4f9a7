"""The compiled build of the extraction layer's modules (src/khabar/_compiled.py, setup.py):
a module is loaded compiled only from the build of the very source beside it; KHABAR_PURE
runs every one as Python; both give the same answers."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar import _compiled
from khabar_testdata import CORPORA, SEEDS

TESTS = Path(__file__).resolve().parent


def _finder_of(name: str) -> _compiled.CompiledFinder:
    finder = _compiled.CompiledFinder()
    finder.names = frozenset({name})
    return finder


def test_a_build_is_found_only_for_the_source_it_was_made_from(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_bytes(b"X = 1\n")
    built = tmp_path / _compiled.compiled_name("mod", b"X = 1\n")
    built.write_bytes(b"not loaded by find_spec")
    finder = _finder_of("pkg.mod")
    spec = finder.find_spec("pkg.mod", [str(tmp_path)])
    assert spec is not None and spec.origin == str(built)
    assert isinstance(spec.loader, importlib.machinery.ExtensionFileLoader)
    # The source edited (one character): the old build is never used; Python loads the .py.
    source.write_bytes(b"X = 2\n")
    assert finder.find_spec("pkg.mod", [str(tmp_path)]) is None
    # Another module, or no build at all: nothing.
    assert finder.find_spec("pkg.other", [str(tmp_path)]) is None
    built.unlink()
    source.write_bytes(b"X = 1\n")
    assert finder.find_spec("pkg.mod", [str(tmp_path)]) is None


def test_a_build_is_stale_once_the_pxd_beside_its_source_changes(tmp_path: Path) -> None:
    source = tmp_path / "mod.py"
    source.write_bytes(b"X = 1\n")
    declarations = tmp_path / "mod.pxd"
    declarations.write_bytes(b"cdef class A:\n    cdef public int x\n")
    built = tmp_path / _compiled.compiled_name("mod", _compiled.built_from(str(source)))
    assert built.name != _compiled.compiled_name("mod", b"X = 1\n")
    built.write_bytes(b"not loaded by find_spec")
    finder = _finder_of("pkg.mod")
    assert finder.find_spec("pkg.mod", [str(tmp_path)]).origin == str(built)
    # The declarations edited (a field's type), the .py the same: the build is not used.
    declarations.write_bytes(b"cdef class A:\n    cdef public long x\n")
    assert finder.find_spec("pkg.mod", [str(tmp_path)]) is None
    declarations.unlink()
    assert finder.find_spec("pkg.mod", [str(tmp_path)]) is None


def test_a_build_is_made_from_what_its_pxd_cimports_too() -> None:
    """heads.pxd's sentence is a C class over tokens.pxd's: an edit of tokens.py or
    tokens.pxd makes heads' build stale too (it would load against another layout)."""
    folder = Path(_compiled.__file__).parent / "extract" / "attribution"
    heads = _compiled.built_from(str(folder / "heads.py"))
    assert heads.startswith((folder / "heads.py").read_bytes())
    for part in ("heads.pxd", "tokens.py", "tokens.pxd"):
        assert (folder / part).read_bytes() in heads, part
    assert _compiled.built_from(str(folder / "lists.py")) == (folder / "lists.py").read_bytes()
    # scan.pxd cimports heads' sentence (its rules read it as the C class): heads' and
    # tokens' layout is in scan's build too
    scan = _compiled.built_from(str(folder / "scan.py"))
    for part in ("scan.pxd", "heads.py", "heads.pxd", "tokens.py", "tokens.pxd"):
        assert (folder / part).read_bytes() in scan, part


def test_the_attribution_rules_read_their_sentence_as_the_c_class() -> None:
    """Compiled, scan.py's annotations are its types: a rule's ``s: _Sentence`` is heads'
    C class (its fields and C methods read directly; session 35), so anything else is
    refused at the call -- where it is not, the module has lost its typing (and its speed)."""
    from khabar.extract.attribution import heads, scan

    sentence = heads._Sentence("وقال الوزير إن الاتفاق قريب")
    assert scan._embedded(sentence, 1, scan._att(sentence, 1, None, 0, 5, False, "verb"), []) is False
    if not scan.__file__.endswith(_compiled.SUFFIX):
        pytest.skip("scan.py runs as Python here")
    with pytest.raises(TypeError, match="_Sentence"):
        scan._embedded("وقال الوزير إن الاتفاق قريب", 1, None, [])


@pytest.mark.parametrize(
    "module, rule, args, cls",
    [
        ("khabar.extract.claims.figures", "_in_a_crash", (), "_Sent"),
        ("khabar.extract.entities.places", "_state_bodies", (None,), "_Sentence"),
        ("khabar.extract.entities.people", "_titles", (None, set()), "_Sentence"),
        ("khabar.extract.entities.recognition", "_scan", (None, set()), "_Sentence"),
        ("khabar.extract.entities.spans", "_free", (0, 1), "_Sentence"),
        ("khabar.extract.statement_reader", "_word_class", ("و",), "_Sentence"),
    ],
)
def test_the_sentence_readers_typed_by_their_annotations_take_the_c_class(module: str, rule: str, args: tuple, cls: str) -> None:
    """The figure rules and the word lists' passes read their annotations as types where
    compiled (as scan.py, session 35), the recognizer's driver and the sentence's own helpers
    declare it (``@cython.locals``, session 36), the statement reader's private sentence
    readers read theirs (``@cython.annotation_typing(True)``, session 36): ``s`` is the C class
    their pxd cimports."""
    mod = importlib.import_module(module)
    if not mod.__file__.endswith(_compiled.SUFFIX):
        pytest.skip(f"{module} runs as Python here")
    with pytest.raises(TypeError, match=cls):
        getattr(mod, rule)("وقال الوزير إن الاتفاق قريب", *args)
    folder = Path(mod.__file__).parent
    stem = module.rpartition(".")[2]
    built = _compiled.built_from(str(folder / f"{stem}.py"))
    assert (folder / f"{stem}.pxd").read_bytes() in built


def test_the_build_name_is_not_one_python_imports_by_itself() -> None:
    name = _compiled.compiled_name("quotes", b"")
    assert name.startswith("quotes.") and name.endswith(_compiled.SUFFIX)
    assert name != "quotes" + _compiled.SUFFIX


def test_every_listed_module_is_a_source_of_the_package() -> None:
    root = Path(_compiled.__file__).resolve().parent.parent
    for name in _compiled.MODULES:
        assert root.joinpath(*name.split(".")).with_suffix(".py").is_file(), name


def _loaded_files(env: dict[str, str]) -> list[str]:
    code = (
        "import importlib, khabar._compiled as c\n"
        "for n in c.MODULES: print(importlib.import_module(n).__file__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_compiled_builds_are_used_where_present_and_never_under_khabar_pure() -> None:
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_PURE"}
    files = _loaded_files(env)
    for name, file in zip(_compiled.MODULES, files, strict=True):
        source = Path(file).with_name(name.rpartition(".")[2] + ".py")
        built = source.with_name(_compiled.compiled_name(source.stem, _compiled.built_from(str(source))))
        assert file == str(built if built.is_file() else source), name
    assert all(f.endswith(".py") for f in _loaded_files({**env, "KHABAR_PURE": "1"}))


@pytest.mark.corpus
def test_the_extraction_digests_hold_in_the_other_mode() -> None:
    """CI's suite runs with the modules compiled (an install with a compiler); this runs the
    digests again as pure Python; without a build, the other way round is the same run."""
    if not (CORPORA / "ant").is_dir() or not SEEDS.is_dir():
        pytest.skip("needs ../shared")
    import khabar.extract.quotes  # noqa: F401 - one of the modules, to see how they load

    if not _compiled.in_use():
        pytest.skip("no compiled module in use: the suite's own digests test is the pure run")
    env = {**os.environ, "KHABAR_PURE": "1"}
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(TESTS / "test_extract_digests.py")],
        env=env, capture_output=True, text=True, cwd=TESTS.parent,
    )
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]


def test_the_pure_python_shim_of_cython_declares_nothing() -> None:
    """What a compiled module reads of Cython's pure-Python mode where Cython is not
    installed (a user's install: Cython is a build requirement only): no-ops."""
    from khabar import _cython as cython

    @cython.locals(i=cython.Py_ssize_t, e=cython.float[:, ::1], v=cython.longlong[::1])
    def double(x: int) -> int:
        return 2 * x

    assert double(4) == 8 and not cython.compiled
    assert cython.declare(cython.int, 3) == 3 and cython.cfunc(double) is double
    assert cython.boundscheck(False)(double) is double and cython.wraparound(False)(double) is double
    assert cython.annotation_typing(True)(double) is double
