"""The store's side of an ingest alone: ANT rows written into a new store in transactions of
given sizes, for counting its instructions (the rows are read first, outside the count).

    python benchmarks/ingest_writes.py --n 2000 --sizes 1000,700,100,100,100
    valgrind --tool=callgrind python benchmarks/ingest_writes.py --sizes 500,500,500,500
    (and --sizes 0 for the same run that writes nothing, to subtract)

Each size is one transaction (one :meth:`~khabar.store.Store.add`), so the sizes of a run of
``khabar ingest`` (see ``_StoreWriter``) can be replayed: each commit writes a segment of the
search index, and four at one level are merged (FTS5's automerge), so the pattern of
commits, not only their number, sets the cost.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ant_window  # noqa: E402

from khabar.config import StoryOptions  # noqa: E402
from khabar.scale.batch import READ_DEFAULTS, sign_partition  # noqa: E402
from khabar.store import open_store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--sizes", default="1000,1000", help="transaction sizes summing to the rows read (0: none)")
    args = parser.parse_args()
    files = [str(p) for p in ant_window(args.n)]
    options = StoryOptions()
    read = sign_partition(
        files, read_options=READ_DEFAULTS, options=options, keep_articles=True, sign=False, index=True
    )
    rows = read.articles
    sizes = [int(s) for s in args.sizes.split(",")]
    if sizes != [0] and sum(sizes) != len(rows):
        raise SystemExit(f"the sizes sum to {sum(sizes)}, the rows read are {len(rows)}")
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "s.sqlite3")
        start = time.process_time()
        at = 0
        for size in sizes if sizes != [0] else []:
            store.add(rows[at : at + size])
            at += size
        store.close()
        print(f"{at} rows in {len(sizes)} transactions: {time.process_time() - start:.3f} s of CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
