"""One exception hierarchy.  Messages name the input, the problem and, where there is one, the fix."""

from __future__ import annotations


class KhabarError(Exception):
    """Base of every error khabar raises on purpose."""


class InputError(KhabarError):
    """An input (file, stdin, record, request body) that cannot be read as an article.

    ``source`` names the input ("path/to/file.json", "<stdin>", "feed.xml#3"),
    ``problem`` says what is wrong in one line.  ``str(err)`` is "source: problem".
    """

    def __init__(self, source: str, problem: str) -> None:
        self.source = str(source)
        self.problem = problem
        super().__init__(f"{self.source}: {problem}")

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        # Pickled with both arguments (an exception pickles its message alone by default),
        # so an error crosses a process boundary as it is: the batch path's workers send
        # their errors back whole.
        return (type(self), (self.source, self.problem))


class InputWarning(InputError):
    """A problem with an input that was read all the same (bytes replaced, a date left
    out): said to the user, never counted as a failure.  The readers yield it beside the
    article it concerns."""


class StoreError(KhabarError):
    """The store cannot be opened, migrated or written."""


class QueryError(KhabarError, ValueError):
    """A search khabar will not run to the end: longer, broader or slower than its limits
    (the message says which and what to change)."""


class PipelineError(KhabarError):
    """A pipeline component that does not do what it declares (requires a part no earlier
    component assigns, returns other parts than it assigns): a fault in the component."""


class OptionsError(KhabarError, ValueError):
    """An option has a value khabar cannot use."""
