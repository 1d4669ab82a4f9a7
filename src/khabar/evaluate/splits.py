"""The names of the splits of khabar's gold files (tests/gold/): one list for every gold file
and every ``khabar eval`` command that takes ``--split``.

``dev`` is tuned on; ``test`` is measured once at the end of a round; ``fresh`` and
``freshN`` are sets labelled before a round's change and measured on once as unseen
development data (tests/gold/README.md says which round each was written for).  A gold file
need not use every name: a split it lacks has no articles.
"""

SPLITS: tuple[str, ...] = ("dev", "test", "fresh", *(f"fresh{n}" for n in range(2, 16)))

#: How ``--split`` help texts name them.
SPLITS_HELP = f"{', '.join(SPLITS[:4])} ... {SPLITS[-1]}"
