"""The extraction layer over the benchmarks' ANT sample, run as khabar's batch path runs it
(:func:`khabar.pipeline.analyze_many`): one runner for ``bench_extract.py``, which times each
component, and ``instructions_extract.py``, which counts its instructions, so that the two
measure the same work.  Both run it against older checkouts too (``PYTHONPATH=OTHER/src``):
what one lacks (a batch form, the collector's policy while extracting, ``settle_heap``) falls
back to what it had.
"""

from __future__ import annotations

import contextlib
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

#: How a measured call is wrapped: given a component's name and the call, returns the call's result.
Measured = Callable[[str, Callable[[], Any]], Any]


def sample(n: int, seed: int) -> tuple[list, list]:
    """``n`` ANT articles drawn by ``seed`` plus the seeds and the examples, and one more ANT
    article outside them to load on (what the first article of a process pays)."""
    import khabar

    files = sorted((SHARED / "corpora" / "ant").glob("*/*/*.txt"))
    if not files:
        sys.exit("../shared/corpora/ant is missing")
    random.Random(seed).shuffle(files)
    articles = khabar.read(files[:n], errors="skip") + khabar.read([SHARED / "seeds", ROOT / "examples"])
    loader = khabar.read(files[n : n + 1], errors="skip") or articles[-1:]
    return articles, loader


def load(loader: list) -> None:
    """The whole layer over one article: loads the word lists, the tagger's model, the
    regular expressions."""
    from khabar.extract.entities import link_entities
    from khabar.model import Document
    from khabar.pipeline import PIPELINE, run_component

    doc = Document(article=loader[0])
    for c in PIPELINE:
        doc = run_component(c, doc)
    link_entities(list(doc.mentions), {doc.article.id: doc.article.text})


def settle_heap() -> None:
    """The heap as a ``khabar`` command settles it once loaded (older checkouts: as it is)."""
    import khabar.cli.common as command

    if hasattr(command, "settle_heap"):
        command.settle_heap()


def batch_size(batch: int | None = None) -> int:
    """``batch``, else the pipeline's own; 1 in a checkout without batch forms."""
    import khabar.pipeline as pipeline

    if getattr(pipeline, "run_component_many", None) is None:
        return 1
    return batch if batch is not None else getattr(pipeline, "BATCH", 1)


def run_layer(articles: list, batch: int, measured: Measured) -> list:
    """The pipeline over ``articles`` in batches of ``batch`` as analyze_many runs it: a
    component with a batch form once over the batch, the others article by article. Every
    call but the first component's (the sentences, not measured) goes through ``measured``."""
    import khabar.pipeline as pipeline
    from khabar.model import Document

    try:
        from khabar.extract.heap import extraction_heap as heap
    except ImportError:
        heap = contextlib.nullcontext
    steps = list(pipeline.PIPELINE)
    first = steps[0]
    done = []
    for k in range(0, len(articles), batch):
        with heap():  # the collector as analyze_many sets it (older checkouts: as it is)
            docs = [Document(article=a) for a in articles[k : k + batch]]
            i = 0
            while i < len(steps):
                c = steps[i]
                if batch > 1 and getattr(c, "run_many", None) is not None:
                    docs = measured(c.name, lambda: pipeline.run_component_many(c, docs))
                    i += 1
                    continue
                j = i
                while j < len(steps) and (batch == 1 or getattr(steps[j], "run_many", None) is None):
                    j += 1
                for n, doc in enumerate(docs):
                    for c in steps[i:j]:
                        if c is first:
                            doc = pipeline.run_component(c, doc)
                        else:
                            doc = measured(c.name, lambda: pipeline.run_component(c, doc))
                    docs[n] = doc
                i = j
        done += docs
    return done
