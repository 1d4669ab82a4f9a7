"""The cyclic garbage collector's policy while articles are extracted and briefed: the one
place that sets it (:func:`extraction_heap`, entered by :func:`khabar.pipeline.analyze` and
:func:`khabar.pipeline.analyze_many`, so also by the workers of a brief and of
``khabar ingest --analyze``; :func:`brief_heap`, entered by
:func:`khabar.event_brief.brief_documents`).

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
    try:
        with _young_threshold(YOUNG_THRESHOLD):
            yield
    finally:
        _freeze_loaded()


#: The youngest generation's threshold while a brief relates its documents (the sentence
#: pool, the summary, the passages, the facts).  Its stages make many short-lived objects
#: while every document stays alive, so at Python's 700 each young collection, and the full
#: ones they lead to, walk the documents again: at 2,000 ANT articles
#: (``benchmarks/bench_brief.py stages --n 2000``, the collector's time read by
#: ``gc.callbacks``, load ~9) 2,054 young, 186 middle and 11 full collections took 3.3 of the
#: brief's 32.3 s of CPU.  At 50,000 (as for extraction) the 1,000-article brief's collections
#: fell 1.39 -> 0.46 s (1,083/99/7 -> 180/16/1), its peak memory the same (471 / 472 MiB).
BRIEF_YOUNG_THRESHOLD = 50_000


@contextmanager
def brief_heap() -> Iterator[None]:
    """Collect the youngest generation every :data:`BRIEF_YOUNG_THRESHOLD` allocations
    while the block runs, then as before."""
    with _young_threshold(BRIEF_YOUNG_THRESHOLD):
        yield


@contextmanager
def _young_threshold(young: int) -> Iterator[None]:
    """The youngest generation's threshold at least ``young`` while the block runs (a block
    nested in another keeps the larger), restored when it ends."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], young), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


_frozen = False


def _freeze_loaded() -> None:
    global _frozen
    if not _frozen:
        _frozen = True
        gc.freeze()
