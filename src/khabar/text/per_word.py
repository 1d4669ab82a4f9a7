"""Answers asked of a word, computed once per word (a word of news is met many times): the
tokenizer's normalized forms and the rules' questions alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class PerWord(dict, Generic[V]):
    """``f(word)`` of each word read, computed the first time: a dict whose missing words
    are computed on reading, so that a rule asks ``table[word]`` (or maps ``__getitem__``
    over a sentence's words, a loop in C) instead of calling ``f`` again.  Starts afresh at
    ``MAX`` words (a process may run for days)."""

    __slots__ = ("f",)
    MAX = 200_000

    def __init__(self, f: Callable[[str], V]) -> None:
        super().__init__()
        self.f = f

    def __missing__(self, word: str) -> V:
        if len(self) >= self.MAX:
            self.clear()
        self[word] = value = self.f(word)
        return value
