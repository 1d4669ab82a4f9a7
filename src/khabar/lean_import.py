"""Run a few modules of an installed package without running the package's ``__init__``.

Some packages import all they have when any part of them is imported: NLTK's ``__init__``
loads scipy.stats and most of the toolkit (1.1-1.5 s), datasketch's loads its LSH forests
and ensembles and with them scipy.integrate and scipy.optimize (0.3-1 s, 80 MB), where
khabar needs one small module of each (ARLSTem; MinHash).  :func:`run_package_modules`
runs just the listed files of the installed package, each as a private module: their
``from package.x import y`` statements are answered from the same list, and nothing is put
in ``sys.modules``, so a later real ``import package`` in the same process is untouched.
A module that needs a file not listed raises :class:`ImportError`: callers then fall back
to the ordinary import (slower, same result).
"""

from __future__ import annotations

import builtins
import importlib.util
import types
from collections.abc import Mapping
from pathlib import Path


def package_dir(package: str) -> Path | None:
    """Where an installed package's files are, found without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def run_package_modules(package: str, files: Mapping[str, str], module: str) -> types.ModuleType:
    """Run ``module`` (a key of ``files``: module name -> file path inside the package) and
    the listed modules it imports, privately; return it."""
    root = package_dir(package)
    if root is None:
        raise ImportError(f"{package} is not installed")
    loaded: dict[str, types.ModuleType] = {}

    def run(name: str) -> types.ModuleType:
        if name not in files:
            raise ImportError(f"{name} is not among the modules run without {package}'s package import")
        if name not in loaded:
            path = root / files[name]
            private = types.ModuleType(f"khabar._{name.replace('.', '_')}")
            private.__file__ = str(path)
            private.__dict__["__builtins__"] = {**builtins.__dict__, "__import__": answer}
            loaded[name] = private
            exec(compile(path.read_bytes(), str(path), "exec"), private.__dict__)  # noqa: S102 - the package's own file
        return loaded[name]

    def answer(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 - __import__'s signature
        if level == 0 and (name == package or name.startswith(package + ".")):
            if name == package and fromlist:
                return types.SimpleNamespace(**{f: run(f"{package}.{f}") for f in fromlist})
            return run(name)
        return builtins.__import__(name, globals, locals, fromlist, level)

    return run(module)
