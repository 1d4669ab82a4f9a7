"""The yardstick for ingest: a plain script that stores the title and body of TREC-style
files (ANT) in SQLite with a full-text index, and nothing else (no checks, no
normalization, no sentences, no ids, no duplicates found).

    python benchmarks/plain_ingest.py out.sqlite3 FILE...
"""

import re
import sqlite3
import sys
from pathlib import Path

TAG = re.compile(r"<(TITLE|TEXT)>(.*?)</\1>", re.S)


def main(db_path: str, files: list[str]) -> None:
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS articles USING fts5(title, body)")
    with db:
        for f in files:
            fields = dict(TAG.findall(Path(f).read_text(encoding="utf-8")))
            db.execute("INSERT INTO articles (title, body) VALUES (?, ?)", (fields.get("TITLE", ""), fields.get("TEXT", "")))
    db.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
