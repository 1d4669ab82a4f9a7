"""Compile khabar's modules to bytecode when it is installed, editable installs included, and
its extraction layer's hot modules to C where Cython and a compiler are at hand.

Everything else about the package is in pyproject.toml.  pip compiles a regular install
itself, but an editable install (``pip install -e .``) leaves the sources uncompiled, and
where bytecode is not written at run time (PYTHONDONTWRITEBYTECODE, a read-only checkout)
every command would compile all of khabar again: about a fifth of a second of start-up.

The compiled modules (``src/khabar/_compiled.py`` lists them and says how they are found)
are optional: a module that Cython or the C compiler fails on (no compiler: ``CC=false``;
``KHABAR_PURE=1`` builds none) is left out with a warning and runs as Python.  Each is named
by the digest of its source, so an editable install recompiles only the modules edited since
the last one, and removes their older builds from the checkout.
"""

import compileall
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext
from setuptools.command.editable_wheel import editable_wheel

ROOT = Path(__file__).resolve().parent
PACKAGE = ROOT / "src" / "khabar"


def _compiled_rules():
    """``src/khabar/_compiled.py``, run on its own (the package's imports are not installed yet)."""
    spec = importlib.util.spec_from_file_location("khabar_compiled_rules", PACKAGE / "_compiled.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMPILED = _compiled_rules()


def _source(name: str) -> Path:
    return ROOT.joinpath("src", *name.split(".")).with_suffix(".py")


class EditableWheelCompiled(editable_wheel):
    def run(self) -> None:
        super().run()
        compileall.compile_dir(str(PACKAGE), quiet=1)


class BuildCompiled(build_ext):
    """Cython's C of each module, then the compiler; every failure leaves that module as Python."""

    def get_ext_filename(self, fullname: str) -> str:
        if fullname not in COMPILED.MODULES:
            return super().get_ext_filename(fullname)
        stem = fullname.rpartition(".")[2]
        name = COMPILED.compiled_name(stem, COMPILED.built_from(str(_source(fullname))))
        return os.path.join(*fullname.split(".")[:-1], name)

    def get_ext_fullpath(self, ext_name: str) -> str:
        # distutils names the file by the module's last part alone (two modules are "spans").
        path = super().get_ext_fullpath(ext_name)
        fullname = self.get_ext_fullname(ext_name)
        if fullname not in COMPILED.MODULES:
            return path
        return os.path.join(os.path.dirname(path), os.path.basename(self.get_ext_filename(fullname)))

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:  # two compilers at a time: the C is most of the install's time
            self.parallel = min(2, os.cpu_count() or 1)

    def run(self) -> None:
        if COMPILED.pure():
            print("KHABAR_PURE is set: no module is compiled", file=sys.stderr)
            self.extensions = []
        # An editable install's modules already compiled from their present source are kept.
        self.extensions = [ext for ext in self.extensions if not self._built_in_place(ext)]
        super().run()
        if self.inplace:
            self._drop_older_builds()

    def build_extensions(self) -> None:
        try:
            from Cython.Build import cythonize
        except ImportError:
            print("Cython is not installed: khabar's modules run as Python", file=sys.stderr)
            self.extensions = []
            return
        if not self._compiler_works():
            print("No working C compiler: khabar's modules run as Python", file=sys.stderr)
            self.extensions = []
            return
        self.extensions = [ext for ext in self.extensions if self._translate(cythonize, ext)]
        if self.compiler.compiler_type == "unix":  # no debugging sections: smaller, faster to build
            for ext in self.extensions:
                ext.extra_compile_args = [*ext.extra_compile_args, "-g0"]
        super().build_extensions()

    def _compiler_works(self) -> bool:
        """Whether the compiler compiles an empty function (``CC=false``: no), before Cython's
        minute of translating is spent for nothing."""
        with tempfile.TemporaryDirectory() as folder:
            probe = os.path.join(folder, "probe.c")
            with open(probe, "w", encoding="ascii") as f:
                f.write("int khabar_probe(void) { return 0; }\n")
            try:
                self.compiler.compile([probe], output_dir=folder)
            except Exception:  # noqa: BLE001 - any failure: no compiler to use
                return False
        return True

    def _built_in_place(self, ext: Extension) -> bool:
        """An editable install's module already compiled from its present source."""
        if not self.inplace:
            return False
        return (ROOT / "src" / self.get_ext_filename(ext.name)).is_file()

    def _translate(self, cythonize, ext: Extension) -> bool:
        """Cython's C for ``ext``, which is then built from it; False where Cython fails."""
        try:
            (c,) = cythonize(
                [ext], build_dir=os.path.join(self.build_temp, "cython"), quiet=True, language_level=3,
                # Annotations stay Python's: typed as C they would change what a function accepts.
                compiler_directives={"annotation_typing": False},
            )
        except Exception as error:  # noqa: BLE001 - any failure leaves the module as Python
            print(f"Cython could not translate {ext.name} ({error}): it runs as Python", file=sys.stderr)
            return False
        ext.sources = c.sources
        return True

    def _drop_older_builds(self) -> None:
        """Remove from the checkout the builds of older sources, or of modules no longer listed."""
        keep = {
            _source(name).with_name(COMPILED.compiled_name(_source(name).stem, COMPILED.built_from(str(_source(name)))))
            for name in COMPILED.MODULES
            if _source(name).is_file()
        }
        for built in PACKAGE.rglob(f"*.*{COMPILED.SUFFIX}"):
            digest = built.name[: -len(COMPILED.SUFFIX)].rpartition(".")[2]
            if built not in keep and len(digest) == COMPILED.DIGEST_CHARS and digest.isalnum():
                built.unlink()


setup(
    cmdclass={"editable_wheel": EditableWheelCompiled, "build_ext": BuildCompiled},
    ext_modules=[
        Extension(name, [str(_source(name).relative_to(ROOT))], optional=True)
        for name in COMPILED.MODULES
        if _source(name).is_file()
    ],
)
