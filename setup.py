"""Compile khabar's modules to bytecode when it is installed, editable installs included.

Everything else about the package is in pyproject.toml.  pip compiles a regular install
itself, but an editable install (``pip install -e .``) leaves the sources uncompiled, and
where bytecode is not written at run time (PYTHONDONTWRITEBYTECODE, a read-only checkout)
every command would compile all of khabar again: about a fifth of a second of start-up.
"""

import compileall
from pathlib import Path

from setuptools import setup
from setuptools.command.editable_wheel import editable_wheel

PACKAGE = Path(__file__).resolve().parent / "src" / "khabar"


class EditableWheelCompiled(editable_wheel):
    def run(self) -> None:
        super().run()
        compileall.compile_dir(str(PACKAGE), quiet=1)


setup(cmdclass={"editable_wheel": EditableWheelCompiled})
