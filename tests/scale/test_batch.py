"""The batch path on this machine's worker processes (ProcessEngine) gives exactly the
one-process results, and its engine runs every part once with bounded work in flight."""

from __future__ import annotations

import os

import pytest

from khabar.errors import InputError, OptionsError
from khabar.ingest import read_paths
from khabar.model import Article
from khabar.config import StoryOptions
from khabar.scale.cluster import cluster_store
from khabar.scale import ProcessEngine, cluster_paths, ingest_paths
from khabar.store import open_store
from khabar_testdata import EXAMPLES

OPTIONS = StoryOptions(event_band=False)  # cluster_paths cannot read the band (tests below)
TWO = ProcessEngine(workers=2)


def _square(x: int, *, plus: int = 0) -> tuple[int, int]:
    return x * x + plus, os.getpid()


def test_engine_runs_every_part_once_and_says_which():
    results = dict(TWO.run(_square, list(range(25)), plus=1))
    assert {i: r[0] for i, r in results.items()} == {i: i * i + 1 for i in range(25)}


def test_engine_with_two_workers_uses_other_processes():
    pids = {pid for _, (_, pid) in TWO.run(_square, list(range(8)))}
    assert os.getpid() not in pids


def test_one_worker_runs_in_this_process_in_order():
    out = list(ProcessEngine(workers=1).run(_square, [3, 1, 2]))
    assert out == [(0, (9, os.getpid())), (1, (1, os.getpid())), (2, (4, os.getpid()))]


def test_engine_holds_at_most_twice_its_workers_in_flight():
    # A generator that is consumed one item late: between two results it has submitted
    # at most 2 x workers parts.
    submitted: list[int] = []

    class Parts(list):
        def __iter__(self):
            for i, x in enumerate(super().__iter__()):
                submitted.append(i)
                yield x

    parts = Parts(range(40))
    run = TWO.run(_square, parts)
    next(run)
    assert len(submitted) <= 2 * TWO.workers + 1
    assert len(list(run)) == 39


def test_workers_must_be_positive():
    with pytest.raises(OptionsError):
        ProcessEngine(workers=0)


def test_two_processes_give_the_one_process_assignments(corpus, local):
    assert cluster_paths(corpus[0], options=OPTIONS, engine=TWO, files_per_partition=40) == local


def test_corrupt_file_is_reported_and_the_batch_goes_on(corpus, local):
    reported: list[InputError] = []
    result = cluster_paths(corpus[0], options=OPTIONS, engine=TWO, on_error=reported.append)
    assert [e.source for e in reported] == [str(corpus[1])]
    assert len(result) == len(local) > 300


def test_store_variant_stores_the_stories_of_ingest_and_cluster_store(corpus, tmp_path):
    with open_store(tmp_path / "local.sqlite3") as store:
        store.add_batches(a for a in read_paths(corpus[0]) if isinstance(a, Article))
        cluster_store(store, options=OPTIONS)
        expected = store.assignments()
        expected_ids = set(store.ids())
    with open_store(tmp_path / "two.sqlite3") as store:
        result = ingest_paths(corpus[0], store, options=OPTIONS, engine=TWO, on_error=lambda e: None, batch_size=64)
        assert set(store.ids()) == expected_ids
        assert store.assignments() == expected == result.assignments
        assert [e.source for e in result.errors] == [str(corpus[1])]


def test_store_variant_without_stories_only_stores(tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        result = ingest_paths([EXAMPLES], store, engine=TWO, stories=False, files_per_partition=3)
        assert store.count() == result.added == result.articles > 10
        assert store.assignments() == {}
        # Nothing was signed: grouping them now signs every one.
        assert cluster_store(store, options=OPTIONS).signed == store.count()


def test_rerun_adds_nothing_and_keeps_the_stories(corpus, tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        first = ingest_paths([EXAMPLES], store, options=OPTIONS, engine=TWO, files_per_partition=4)
        again = ingest_paths([EXAMPLES], store, options=OPTIONS, engine=TWO, files_per_partition=4)
        assert (again.added, again.existing) == (0, first.added)
        assert store.assignments() == first.assignments


def test_cluster_store_signing_on_two_workers_gives_the_same_stories(corpus, tmp_path):
    articles = [a for a in read_paths(corpus[0]) if isinstance(a, Article)]
    short = Article.create(title="عاجل", body="انفجار انفجار.")
    stored = {}
    for name, engine in (("one", None), ("two", TWO)):
        with open_store(tmp_path / f"{name}.sqlite3") as store:
            store.add_batches([*articles, short])
            report = cluster_store(store, options=OPTIONS, batch_size=37, engine=engine)
            stored[name] = (store.assignments(), report.signed, [e.problem for e in report.skipped])
    assert stored["two"] == stored["one"]
    assert stored["one"][1] == len({a.id for a in articles}) and len(stored["one"][2]) == 1


def test_a_batch_that_dies_half_way_resumes_to_the_same_stories(corpus, tmp_path):
    with open_store(tmp_path / "clean.sqlite3") as store:
        ingest_paths(corpus[0], store, options=OPTIONS, engine=TWO, files_per_partition=25, on_error=lambda e: None)
        clean = store.assignments()
    path = tmp_path / "killed.sqlite3"
    with open_store(path) as store:
        calls = 0
        add = store.add_batches

        def dies_on_the_fifth(*args, **kwargs):
            nonlocal calls
            calls += 1
            if calls == 5:
                raise OSError("disk unplugged")
            return add(*args, **kwargs)

        store.add_batches = dies_on_the_fifth
        with pytest.raises(OSError, match="unplugged"):
            ingest_paths(
                corpus[0], store, options=OPTIONS, engine=TWO, files_per_partition=25, batch_size=25, on_error=lambda e: None
            )
        assert 0 < store.count() < len(clean)
    with open_store(path) as store:
        again = ingest_paths(corpus[0], store, options=OPTIONS, engine=TWO, files_per_partition=25, on_error=lambda e: None)
        assert again.existing > 0
        assert store.assignments() == clean


def test_store_variant_stores_in_file_order_while_reading_and_raises_a_failed_write(tmp_path, monkeypatch):
    """The store writes on a thread of its own while the next files are read: the articles
    are stored in the order of the files, and a write that fails is raised to the caller
    with the partitions before it stored."""
    files = sorted(str(p) for p in EXAMPLES.rglob("*.txt") if not p.name.lower().startswith("readme"))
    expected = [a.id for a in read_paths(files) if isinstance(a, Article)]
    with open_store(tmp_path / "s.sqlite3") as store:
        ingest_paths(files, store, engine=ProcessEngine(1), stories=False, files_per_partition=2)
        assert list(store.ids()) == list(dict.fromkeys(expected))
    with open_store(tmp_path / "t.sqlite3") as store:
        real, calls = store.add_batches, []

        def fail_the_third(articles, **kwargs):
            calls.append([a.id for a in articles])
            if len(calls) == 3:
                raise OSError("disk full")
            return real(articles, **kwargs)

        monkeypatch.setattr(store, "add_batches", fail_the_third)
        with pytest.raises(OSError, match="disk full"):
            ingest_paths(files, store, engine=ProcessEngine(1), stories=False, files_per_partition=2, batch_size=2)
        assert len(calls) == 3  # nothing handed over after the failure is written
        stored = list(store.ids())
        assert stored == list(dict.fromkeys(calls[0] + calls[1]))
        assert stored == list(dict.fromkeys(expected))[: len(stored)]


def transaction_sizes(store, monkeypatch, pieces: list[int] | None = None) -> list[int]:
    """The sizes of the transactions the store's writer will write, as it writes them (and
    in ``pieces``, those of the pieces of a transaction written piece by piece)."""
    real, real_pieces, sizes = store.add_batches, store.add_pieces, []

    def counting(articles, **kwargs):
        sizes.append(len(articles))
        return real(articles, **kwargs)

    def counting_pieces(given):
        seen = []

        def each():
            for piece in given:
                seen.append(len(piece))
                yield piece

        result = real_pieces(each())
        sizes.append(sum(seen))
        if pieces is not None:
            pieces.extend(seen)
        return result

    monkeypatch.setattr(store, "add_batches", counting)
    monkeypatch.setattr(store, "add_pieces", counting_pieces)
    return sizes


def test_store_variant_joins_partitions_into_transactions_of_the_batch_size(tmp_path, monkeypatch):
    """Partitions of 2 files are written 5 articles a transaction (the rest at the end):
    each commit writes a segment of the search index, so small ones cost."""
    files = sorted(str(p) for p in EXAMPLES.rglob("*.txt") if not p.name.lower().startswith("readme"))
    read = [a.id for a in read_paths(files) if isinstance(a, Article)]
    assert len(read) > 10
    with open_store(tmp_path / "s.sqlite3") as store:
        sizes = transaction_sizes(store, monkeypatch)
        ingest_paths(files, store, engine=ProcessEngine(1), stories=False, files_per_partition=2, batch_size=5)
        assert list(store.ids()) == list(dict.fromkeys(read))
    assert sizes == [5] * (len(read) // 5) + ([len(read) % 5] if len(read) % 5 else [])


def test_the_files_are_named_as_pathlib_writes_them():
    """A path given as written is kept as it is only when ``Path`` would write it so
    (random names of slashes and dots: the same text as ``str(Path(name))``)."""
    import random
    from pathlib import Path

    from khabar.scale.batch import _as_pathlib_writes

    rng = random.Random(3)
    pieces = ["/", ".", "a", "b/", "./", ".."]
    for _ in range(20_000):
        name = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert _as_pathlib_writes(name) == str(Path(name)), repr(name)
    assert _as_pathlib_writes(Path("x//y/")) == "x/y"


def test_the_last_partitions_are_cut_in_four_in_order():
    from khabar.scale.batch import partition_files

    files = [str(i) for i in range(10)]
    assert partition_files(files, files_per_partition=4) == [files[0:4], files[4:8], files[8:10]]
    assert partition_files(files, files_per_partition=4, tail=2) == [files[0:4], *([f] for f in files[4:10])]
    assert partition_files(files, files_per_partition=8, tail=1) == [files[0:8], files[8:9], files[9:10]]
    assert sum(partition_files(files, files_per_partition=3, tail=9), []) == files


def test_on_workers_the_last_partitions_are_written_as_they_come_in_one_transaction(tmp_path, monkeypatch):
    """The one writer has only the last small partition left to write when it comes: the
    articles waiting for a whole transaction are written with the first of the small last
    partitions, and each of those after it as it comes, all in one more transaction."""
    files = sorted(str(p) for p in EXAMPLES.rglob("*.txt") if not p.name.lower().startswith("readme"))
    read = [[a.id for a in read_paths([f]) if isinstance(a, Article)] for f in files]
    assert len(files) > 8 and all(len(ids) == 1 for ids in read)
    with open_store(tmp_path / "s.sqlite3") as store:
        pieces: list[int] = []
        sizes = transaction_sizes(store, monkeypatch, pieces)
        ingest_paths(files, store, engine=TWO, stories=False, files_per_partition=4, batch_size=3)
        assert list(store.ids()) == list(dict.fromkeys(i for ids in read for i in ids))
    # the last two partitions of (up to) 4 files are cut in four: the first piece is written
    # with the files before it that waited, each other one as it comes
    from khabar.scale.batch import partition_files

    cut = partition_files(files, files_per_partition=4, tail=2)
    tail = len(cut) - (len(partition_files(files, files_per_partition=4)) - 2)
    assert tail >= 5 and sum(sizes) == len(files) and sizes[:-2] == [3] * (len(sizes) - 2)
    assert sizes[-2] >= len(cut[-tail]) and pieces == [len(p) for p in cut[-(tail - 1) :]] == [1] * (tail - 1)
    assert sizes[-1] == sum(pieces)


def test_an_ingest_left_to_choose_reads_many_files_on_workers_and_few_here(monkeypatch):
    from khabar.scale import batch

    monkeypatch.setattr(batch, "available_workers", lambda: 3)
    assert batch.ingest_engine(batch.PARALLEL_INGEST_FROM - 1) == ProcessEngine(1)
    assert batch.ingest_engine(batch.PARALLEL_INGEST_FROM) == ProcessEngine(3)


def test_an_ingest_left_to_choose_stores_what_one_process_stores(tmp_path):
    from khabar_testdata import EXAMPLES as examples

    stored = {}
    for name, engine in (("one", ProcessEngine(1)), ("chosen", None)):
        with open_store(tmp_path / f"{name}.sqlite3") as store:
            result = ingest_paths([examples], store, engine=engine, stories=False)
            stored[name] = (result.added, [(a.id, a.title) for a in store.articles(limit=100)])
    assert stored["one"] == stored["chosen"] and stored["one"][0] > 5


def test_grouping_paths_without_a_store_refuses_the_band(tmp_path):
    with pytest.raises(OptionsError, match="event_band"):
        cluster_paths([tmp_path], options=StoryOptions(event_band=True))


def test_grouping_paths_with_the_default_options_groups_without_the_band():
    # the band is on by default where it applies, but with no store it cannot: the defaults
    # group as event_band=False instead of failing
    assert StoryOptions().reads_band
    one = ProcessEngine(workers=1)
    grouped = cluster_paths([EXAMPLES], options=StoryOptions(), engine=one)
    assert grouped == cluster_paths([EXAMPLES], options=OPTIONS, engine=one)
    assert len(grouped) > 5 and len(set(grouped.values())) < len(grouped)
