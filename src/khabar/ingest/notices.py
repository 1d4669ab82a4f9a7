"""Warnings about inputs that were read all the same, from deep inside a reader.

A reader that builds an article (:func:`khabar.ingest.metadata.make_article`) can find a
problem that costs a detail, not the article: a publication date outside the plausible
range, a title that is not text.  It calls :func:`warn`; :func:`with_warnings`, wrapped
around a reader's stream, yields each warning as an :class:`~khabar.errors.InputWarning`
right after the item being made when it was raised.  Outside such a stream (a program
calling ``make_article`` itself) a warning goes to the log.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from typing import TypeVar

from khabar.errors import InputWarning

log = logging.getLogger(__name__)

_local = threading.local()

T = TypeVar("T")


def warn(source: str, problem: str) -> None:
    """Report a problem with ``source`` that did not stop it from being read."""
    pending: list[InputWarning] | None = getattr(_local, "pending", None)
    warning = InputWarning(source, problem)
    if pending is None:
        log.warning("%s", warning)
    else:
        pending.append(warning)


def with_warnings(items: Iterator[T]) -> Iterator[T | InputWarning]:
    """``items``, each followed by the warnings raised while it was made.

    The collection is active only while the next item is made (never across a ``yield``),
    so two streams read in turn never take each other's warnings.
    """
    while True:
        outer = getattr(_local, "pending", None)
        pending: list[InputWarning] = []
        _local.pending = pending
        try:
            item = next(items)
            done = False
        except StopIteration:
            done = True
        finally:
            _local.pending = outer
        if not done:
            yield item
        yield from pending
        if done:
            return
