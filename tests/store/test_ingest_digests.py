"""What ``khabar ingest`` stores, byte for byte, on real and awkward inputs.

A speed-up of ingest must not change what the store holds.  ``fixtures/ingest_digests.json``
holds the SHA-256 of three dumps of a store filled by :func:`khabar.scale.ingest_paths`, as
the code made them when they were recorded:

* ``articles``: every stored column of every article row in ``seq`` order (all but
  ``ingested_at``, the clock), sources made relative to the inputs' folder;
* ``index``: every entry of the full-text index (FTS5's ``instance`` vocabulary: term,
  row, column, position), so the index is the same term for term;
* ``errors``: each refused input and why, sorted (workers say them as they find them).

The inputs: the 100 ANT files of the brief digests (``fixtures/brief_digests.json``), the
seeds, the bundled examples, the reader fixtures (``tests/ingest/fixtures``), and a few
files written here with what the fast paths must step around (other spaces, diacritics,
presentation forms, Latin capitals, CRLF, a BOM, Windows-1256, a file too short, one not
Arabic).  One process and two worker processes must store the same.

When a change is *meant* to change what is stored, look at what changed, then record the
new digests from the project root and commit the fixture with the change::

    python tests/store/test_ingest_digests.py --refresh
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from khabar_testdata import CORPORA, EXAMPLES, ROOT, SEEDS, need  # noqa: E402

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ingest_digests.json"
BRIEF_FIXTURE = FIXTURE.with_name("brief_digests.json")
READER_FIXTURES = ROOT / "tests" / "ingest" / "fixtures"
REFRESH = "python tests/store/test_ingest_digests.py --refresh"

#: Files written by this test (our own sentences), each with something a fast path must
#: not get wrong; (name, text, encoding).
_TRICKY = (
    (
        "spaces.txt",
        "عنوان\u00a0الخبر  مع\tمسافات\n\nقال المتحدث\u2009باسم الوزارة إن ٢٥ شخصاً أصيبوا ، وإن ـ الطريق مغلق\u200f .\n"
        "  \u0640  \n\nوأضاف \u064e أن الفرق تعمل\u2028منذ الصباح في المدينة\u3000وبالقرب منها.\n",
        "utf-8",
    ),
    (
        "forms.txt",
        "ﻻجئون في المخيم\n\nأعلنت الأمم المتحدة UNHCR أن ﻻجئين وصلوا إلى المخيم، وقالت إن «الوضع صعب» "
        "وإن المساعدات ستصل خلال أيام إلى الأسر في المنطقة الحدودية.\n",
        "utf-8-sig",
    ),
    (
        "crlf.txt",
        "---\r\noutlet: صحيفة تجريبية\r\npublished: 2020-03-04\r\n---\r\nسيول في الوادي\r\n\r\n"
        "قالت السلطات المحلية إن السيول أغلقت الطريق، وإن فرق الإنقاذ أجلت عشرات العائلات "
        "من القرى القريبة بعد ارتفاع منسوب المياه.\r\n",
        "utf-8",
    ),
    (
        "legacy.txt",
        "انقطاع الكهرباء\n\nقالت شركة الكهرباء إن الانقطاع شمل أحياء عدة في المدينة، وإن الفنيين يعملون "
        "على إصلاح الأعطال قبل المساء.\n",
        "cp1256",
    ),
    ("short.txt", "قصير\n\nنص.\n", "utf-8"),
    (
        "latin.txt",
        "A Title\n\nThis text is written in English only, so the language check must refuse it "
        "although it is long enough to be an article of news.\n",
        "utf-8",
    ),
)


def write_tricky(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text, encoding in _TRICKY:
        (folder / name).write_bytes(text.encode(encoding))
    return folder


def inputs(tmp: Path) -> tuple[list[Path], list[Path]]:
    """The paths to ingest, and the folders their sources are made relative to."""
    ant = need(CORPORA / "ant")
    recorded = json.loads(BRIEF_FIXTURE.read_text(encoding="utf-8"))
    tricky = write_tricky(tmp / "tricky")
    paths = [*(ant / rel for rel in recorded["ant100"]["paths"]), need(SEEDS), EXAMPLES, READER_FIXTURES, tricky]
    return paths, [ant, SEEDS.parent, ROOT, tmp]


def _relative(source: str | None, roots: list[Path]) -> str | None:
    if source is None:
        return None
    for root in roots:
        prefix = str(root) + "/"
        if source.startswith(prefix):
            return source[len(prefix) :]
    return source


def ingest_dumps(tmp: Path, workers: int) -> dict[str, str]:
    """The three dumps of a new store filled from :func:`inputs` with ``workers`` processes."""
    from khabar.scale import ProcessEngine, ingest_paths
    from khabar.store import open_store

    paths, roots = inputs(tmp)
    errors: list[str] = []
    db = tmp / f"store-{workers}.sqlite3"
    with open_store(db) as store:
        ingest_paths(
            paths,
            store,
            engine=ProcessEngine(workers),
            on_error=lambda e: errors.append(f"{_relative(e.source, roots)}\t{e.problem}"),
            stories=False,
            files_per_partition=40,  # several partitions, so the workers share them
            batch_size=70,  # several transactions, ending mid-partition
        )
        with store._reading() as conn:
            rows = conn.execute(
                "SELECT seq, id, title, body, outlet, url, published, language, source FROM articles ORDER BY seq"
            ).fetchall()
            conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, articles_fts, instance)")
            index = conn.execute('SELECT term, doc, col, "offset" FROM temp.vocab ORDER BY term, doc, col, "offset"').fetchall()
    articles = "\n".join(
        json.dumps([*row[:-1], _relative(row[-1], roots)], ensure_ascii=False) for row in rows
    )
    return {
        "articles": articles,
        "index": "\n".join("\t".join(map(str, entry)) for entry in index),
        "errors": "\n".join(sorted(errors)),
        "counts": f"{len(rows)} articles, {len(index)} index entries, {len(errors)} errors",
    }


def digests(dumps: dict[str, str]) -> dict[str, str]:
    out = {k: hashlib.sha256(v.encode("utf-8")).hexdigest() for k, v in dumps.items() if k != "counts"}
    out["counts"] = dumps["counts"]
    return out


@pytest.mark.corpus
@pytest.mark.parametrize("workers", [1, 2])
def test_what_ingest_stores_is_unchanged(tmp_path: Path, workers: int) -> None:
    want = json.loads(FIXTURE.read_text(encoding="utf-8"))
    got = digests(ingest_dumps(tmp_path, workers))
    changed = sorted(k for k in want if want[k] != got.get(k))
    assert not changed, (
        f"what ingest stores changed ({', '.join(changed)}; now {got['counts']}, recorded {want['counts']}); "
        f"if the change is meant, refresh with `{REFRESH}` and commit {FIXTURE.relative_to(ROOT)}"
    )


def refresh() -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        got = digests(ingest_dumps(Path(tmp), 1))
    FIXTURE.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(got["counts"])


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        raise SystemExit(f"usage: {REFRESH}")
    refresh()
