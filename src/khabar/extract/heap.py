"""The cyclic garbage collector's policy while articles are extracted: the one place that
sets it (:func:`extraction_heap`, entered by :func:`khabar.pipeline.analyze` and
:func:`khabar.pipeline.analyze_many`, so also by the workers of a brief and of
``khabar ingest --analyze``).

Extraction makes many small objects that live as long as their batch (tokens, tagged
words, mentions: ~100,000 tokens for 320 ANT articles) and almost no cyclic garbage (711
objects found by the collector over ``benchmarks/bench_extract.py``'s whole run of 320
articles), so collecting the youngest generation every 700 allocations walks live objects
for nothing."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: The youngest generation's threshold while a batch is extracted (Python's default: 700).
#: ``benchmarks/bench_extract.py --n 300`` with the collector's time read by ``gc.callbacks``
#: (load ~15, two runs each): 0.173 / 0.176 s of collections in the whole run at 700,
#: 0.144 / 0.153 at 10,000, 0.122 / 0.125 at 50,000, 0.124 / 0.111 with the collector off
#: while extracting: at 50,000 the extraction pass runs almost no collection (young/middle/
#: full 512/47/4 -> 289/26/2 in the run, the rest being loading and the quote facts) and the
#: peak RSS is the same (152-153 MB; ``benchmarks/bench_brief.py sizes --n 1000``: 330 MiB
#: before and after).  Restored when the batch ends, so a cyclic garbage
#: heap never grows past one batch's.
YOUNG_THRESHOLD = 50_000


@contextmanager
def extraction_heap() -> Iterator[None]:
    """Collect the youngest generation every :data:`YOUNG_THRESHOLD` allocations while the
    block runs, then as before; on leaving the first such block of a process, whatever is
    alive then (the word lists, the tagger's model and tables loaded by the first batch)
    is taken out of the collector's sight for good (:func:`gc.freeze`): long-lived, so no
    later collection walks them again, and a forked worker does not copy their pages when
    a collection would have touched them."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], YOUNG_THRESHOLD), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        _freeze_loaded()


_frozen = False


def _freeze_loaded() -> None:
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
