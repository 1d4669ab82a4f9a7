"""The distributed batch path (Dask) gives exactly the local story assignments.

One real ``LocalCluster`` of two worker processes (CI has two cores) serves the whole
file; the input (fixture ``corpus``, conftest.py) is the bundled examples, the seeds and a
few hundred generated articles with a corrupt file planted half-way.  The local reference
is ``assign_stories`` over the locally read and signed articles (and, for the store
variant, ``cluster_store`` over a store filled by the local reader).
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from khabar.errors import InputError, KhabarError
from khabar.ingest import read_paths
from khabar.model import Article
from khabar.config import StoryOptions
from khabar.scale.cluster import cluster_store
from khabar.scale import dask_batch
from khabar.scale.dask_batch import (
    cluster_paths_distributed,
    ingest_paths_distributed,
    partition_files,
    require_dask,
)
from khabar.store import open_store
from khabar_testdata import EXAMPLES

if os.environ.get("CI"):  # CI installs the test extra, which includes the engine: never skip there
    import distributed
else:
    distributed = pytest.importorskip("distributed", reason="the [scale] extra (dask, distributed) is not installed")

OPTIONS = StoryOptions(event_band=False)  # cluster_paths cannot read the band


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as c:
        yield c


def test_distributed_assignments_equal_local(client, corpus, local):
    assert cluster_paths_distributed(corpus[0], options=OPTIONS, client=client, files_per_partition=40) == local


def test_partitioning_does_not_change_the_assignments(client, corpus):
    fine = cluster_paths_distributed(corpus[0], options=OPTIONS, client=client, files_per_partition=7)
    coarse = cluster_paths_distributed(corpus[0], options=OPTIONS, client=client, files_per_partition=500)
    assert fine == coarse


def test_corrupt_file_is_reported_and_the_batch_goes_on(client, corpus, local):
    reported: list[InputError] = []
    result = cluster_paths_distributed(corpus[0], options=OPTIONS, client=client, on_error=reported.append)
    assert [e.source for e in reported] == [str(corpus[1])]
    # Every article after the corrupt file was still read and clustered.
    assert len(result) == len(local) > 300


def test_store_variant_stores_every_readable_article(client, corpus, tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        result = ingest_paths_distributed(corpus[0], store, options=OPTIONS, client=client, batch_size=64)
        assert store.count() == len(result.assignments)
        assert set(store.ids()) == set(result.assignments)


def test_store_variant_reports_the_corrupt_file(client, corpus, tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        result = ingest_paths_distributed(corpus[0], store, options=OPTIONS, client=client, on_error=lambda e: None)
    assert [e.source for e in result.errors] == [str(corpus[1])]


def test_store_variant_stores_the_stories_of_local_ingest_and_cluster_store(client, corpus, tmp_path):
    with open_store(tmp_path / "local.sqlite3") as store:
        store.add_batches(a for a in read_paths(corpus[0]) if isinstance(a, Article))
        cluster_store(store, options=OPTIONS)
        expected = store.assignments()
    with open_store(tmp_path / "dist.sqlite3") as store:
        ingest_paths_distributed(corpus[0], store, options=OPTIONS, client=client, on_error=lambda e: None)
        assert store.assignments() == expected


def test_store_variant_assignments_equal_assign_stories(client, corpus, local, tmp_path):
    with open_store(tmp_path / "s.sqlite3") as store:
        result = ingest_paths_distributed(corpus[0], store, options=OPTIONS, client=client, on_error=lambda e: None)
    assert result.assignments == local


def test_article_too_short_to_sign_is_reported_and_still_stored(client, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("عاجل\n\nانفجار انفجار انفجار انفجار انفجار انفجار انفجار\n", encoding="utf-8")
    with open_store(tmp_path / "s.sqlite3") as store:
        result = ingest_paths_distributed([short], store, options=OPTIONS, client=client, on_error=lambda e: None)
        assert (len(result.errors), store.count(), result.assignments) == (1, 1, {})


def test_missing_path_is_reported_not_fatal(client, tmp_path, local_assignments):
    reported: list[InputError] = []
    result = cluster_paths_distributed(
        [EXAMPLES, tmp_path / "absent"], options=OPTIONS, client=client, on_error=reported.append
    )
    assert [e.source for e in reported] == [str(tmp_path / "absent")]
    assert result == local_assignments([EXAMPLES])


def test_partitions_keep_file_order_and_size():
    files = [f"f{i}" for i in range(10)]
    parts = partition_files(files, files_per_partition=4)
    assert [len(p) for p in parts] == [4, 4, 2]
    assert [f for p in parts for f in p] == files


def test_missing_dask_is_an_error_naming_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # makes `import distributed` fail
    with pytest.raises(KhabarError, match=r"khabar\[scale\]"):
        require_dask()


def test_local_path_does_not_import_dask():
    code = (
        "import sys, khabar.scale, khabar.relate.stories, khabar.ingest;"
        "print(any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_partition_turns_unreadable_files_into_error_entries(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 100)
    part = dask_batch.sign_partition([str(bad)], read_options=dask_batch.ReadOptions(), options=OPTIONS)
    assert (part.items, [e.source for e in part.errors]) == ((), [str(bad)])
