"""Errors: an input error keeps its source and problem across a process boundary."""

from __future__ import annotations

import pickle

from khabar.errors import InputError


def test_an_input_error_pickles_with_its_source_and_problem():
    err = pickle.loads(pickle.dumps(InputError("feed.xml#3", "no text in the item")))
    assert (type(err), err.source, err.problem, str(err)) == (InputError, "feed.xml#3", "no text in the item", "feed.xml#3: no text in the item")
