"""The extraction layer's hot modules compiled by Cython at install, used only where each is
its very source.

``pip install`` (editable or not) compiles the modules of :data:`MODULES` as they are (pure
Python, no C types: the same answers, ~11 % less CPU for the layer; see docs/measurements.md,
issue 19, sessions 12-13) when Cython and a C compiler are at hand (``setup.py``); without a
compiler the install still succeeds and khabar runs as pure Python.  A compiled module sits
beside its source under a name holding the digest of the source it was built from
(``quotes.<digest>.cpython-311-x86_64-linux-gnu.so``), which Python's own import never picks
(it looks for ``quotes.cpython-311-x86_64-linux-gnu.so``).  :class:`CompiledFinder`, put first
in ``sys.meta_path`` when the package is imported, loads it only when the digest of the ``.py``
beside it is that one: an edited source is run as Python until the next install compiles it
again, never shadowed by the build of an older text.  ``KHABAR_PURE=1`` (any value but ``0``
or empty) runs every module as Python (and makes ``pip install`` build none).

This file is read by ``setup.py`` on its own (no khabar import): it must import only the
standard library.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec

#: Changed when the way the modules are built changes (Cython's directives, the compiler's
#: flags): a module built the old way then no longer has the digest looked for.
BUILD = "cython-1"

#: The modules compiled: those of the extraction layer with at least ~0.8 % of its own time
#: (cProfile over ``benchmarks/bench_extract.py``'s 320 articles; docs/measurements.md, issue 19,
#: session 13).  Below that a module's share of the ~11 % a build saves is under a millisecond
#: and not worth its compiling at every install (``reading``: 0.4-0.7 %).
#: ``per_word`` and ``tagger.hashing`` are compiled all the same (session 14): every new word
#: type of a process calls their functions (``PerWord.__missing__``, ``stable_hash``), which
#: as Python made a frame of the interpreter each.  ``extract.titles`` likewise (session 22):
#: compiled attribution and claims code calls its ``without_article`` ~45,000 times over the
#: bench's 320 articles, each an interpreted frame as Python.
#: ``_slots`` (session 32): every frozen type's constructor calls its ``fill`` (~80,000
#: objects over the bench's articles); compiled, it sets the slots through their C setters
#: (and, session 33, is the types' C constructor itself: ``_slots.install``).
#: ``extract.statement_reader`` (session 33): on the default path since issue 20's judge, as
#: Python it made the quote extractor count 75 % more instructions (+12.8 % of the layer).
MODULES = (
    "khabar.text.ar.normalize",
    "khabar.text.ar.tokenize",
    "khabar.text.ar.segment",
    "khabar.text.ar.clitics",
    "khabar.text.ar.numbers.find",
    "khabar.text.ar.numbers.tokens",
    "khabar.text.ar.numbers.read",
    "khabar.text.per_word",
    "khabar.extract.quotes",
    "khabar.extract.dates",
    "khabar.extract.attribution.heads",
    "khabar.extract.attribution.tokens",
    "khabar.extract.attribution.scan",
    "khabar.extract.attribution.lists",
    "khabar.extract.claims.cues",
    "khabar.extract.claims.context",
    "khabar.extract.claims.figures",
    "khabar.extract.claims.extractor",
    "khabar.extract.entities.spans",
    "khabar.extract.entities.gazetteers",
    "khabar.extract.titles",
    "khabar.extract.entities.linking",
    "khabar.extract.entities.recognition",
    "khabar.extract.entities.people",
    "khabar.extract.entities.places",
    "khabar.extract.tagger.crf",
    "khabar.extract.tagger.spans",
    "khabar.extract.tagger.features",
    "khabar.extract.tagger.hashing",
    "khabar._slots",
    "khabar.extract.statement_reader",
)

#: The file name ending of a compiled module on this Python and platform (what setuptools'
#: ``build_ext`` writes: sysconfig's ``EXT_SUFFIX``).
SUFFIX = EXTENSION_SUFFIXES[0]


def pure() -> bool:
    """Whether ``KHABAR_PURE`` asks for every module as Python."""
    return os.environ.get("KHABAR_PURE", "") not in ("", "0")


#: Hexadecimal digits of a source's digest in its build's file name.
DIGEST_CHARS = 20


def source_digest(source: bytes) -> str:
    """The digest a compiled module's file name holds: of its source and of :data:`BUILD`."""
    return hashlib.sha256(BUILD.encode() + b"\n" + source).hexdigest()[:DIGEST_CHARS]


def built_from(py: str) -> bytes:
    """What a module's build is made from: its ``.py``; where a ``.pxd`` is beside it
    (Cython's C declarations of the module's names: a class's fields as C fields), that
    ``.pxd`` too, and what it cimports of khabar, the same way (``heads.pxd`` declares its
    sentence class over ``tokens.pxd``'s: the build knows the other's C layout and needs the
    other's build, so an edit of either makes both builds stale: both then run as Python).
    OSError when the ``.py`` is not there."""
    return b"".join(_built_from(py, set()))


#: A line of a ``.pxd`` that cimports a khabar module: ``from khabar.x.y cimport Name``.
_CIMPORT = re.compile(rb"^from\s+(khabar(?:\.\w+)+)\s+cimport\b", re.MULTILINE)

#: The folder of the ``khabar`` package (where a cimported module's files are found).
_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def _built_from(py: str, seen: set[str]) -> list[bytes]:
    seen.add(py)
    with open(py, "rb") as f:
        parts = [f.read()]
    try:
        with open(py[: -len(".py")] + ".pxd", "rb") as f:
            declarations = f.read()
    except OSError:
        return parts
    parts += [b"\0pxd\0", declarations]
    for name in _CIMPORT.findall(declarations):
        other = os.path.join(_PACKAGE, *name.decode().split(".")[1:]) + ".py"
        if other not in seen:
            parts += [b"\0cimport\0", *_built_from(other, seen)]
    return parts


def compiled_name(stem: str, source: bytes) -> str:
    """The file name of the module ``stem`` (``quotes``) compiled from ``source`` (:func:`built_from`)."""
    return f"{stem}.{source_digest(source)}{SUFFIX}"


class CompiledFinder:
    """Finds the compiled build of a module of :data:`MODULES` made from the source beside
    it, and nothing else (``None``: Python's own finders then load the ``.py``)."""

    names = frozenset(MODULES)

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if fullname not in self.names or not path:
            return None
        stem = fullname.rpartition(".")[2]
        for folder in path:
            try:
                source = built_from(os.path.join(folder, stem + ".py"))
            except OSError:
                continue
            built = os.path.join(folder, compiled_name(stem, source))
            if not os.path.isfile(built):
                return None
            spec = ModuleSpec(fullname, ExtensionFileLoader(fullname, built), origin=built)
            spec.has_location = True
            return spec
        return None


def install() -> None:
    """Put :class:`CompiledFinder` first in ``sys.meta_path`` (once), unless ``KHABAR_PURE``."""
    if pure() or any(isinstance(f, CompiledFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, CompiledFinder())


def in_use() -> list[str]:
    """The modules of :data:`MODULES` imported so far from their compiled build."""
    return [name for name in MODULES if name in sys.modules and getattr(sys.modules[name], "__file__", "").endswith(SUFFIX)]
