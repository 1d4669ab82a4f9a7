#!/usr/bin/env python
"""Pages for written stance claims as the check's search finds them (issue 16): each claim's
candidates from a store by ``check.retrieve.from_store`` (the store query the check runs, the
default ``CheckOptions``, before any judging), in the search's order, less every page a file of
main or of any worktree names, the first ``--pages`` kept.  Prints ``CLAIM``/``PAGE`` lines and
judges nothing: a split drawn so is labelled from the texts before khabar's stance runs on it.

    khabar ingest --db /tmp/store.db <that period's ANT files>
    python scripts/stance_search_pages.py --db /tmp/store.db --claims claims.txt --pages 4
"""
from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

from khabar.check.retrieve import from_store
from khabar.config import CheckOptions
from khabar.store import Store

# a page any of these names is a gold, fixture, script, benchmark, docs or src page of someone's
NAMING_TREES = ("/work/main", "/work/wt")
ANT_NAME = r"[A-Z]{2}-[A-Za-z]+-[0-9]+-2018[0-9]{4}"


def named_pages() -> set[str]:
    """ANT file stems named by any file of main or of a worktree (venvs and git data aside)."""
    found = subprocess.run(["grep", "-rhoE", "--exclude-dir=.venv", "--exclude-dir=.git", ANT_NAME, *NAMING_TREES],
                           capture_output=True, text=True).stdout
    return set(found.split())


def _title_and_text(path: Path) -> tuple[str, str]:
    raw = path.read_text(encoding="utf-8", errors="ignore")
    parts = [re.search(f"<{tag}>(.*?)</{tag}>", raw, re.S) for tag in ("TITLE", "TEXT")]
    return tuple(m.group(1).strip() if m else "" for m in parts)  # type: ignore[return-value]


def twins(path: Path) -> set[str]:
    """Stems of the page and of its copies filed under another section of its outlet the same day
    (France 24 files one article under two sections; the store keeps one copy): a page whose copy
    a file names is named too."""
    date = path.stem.rsplit("-", 1)[-1]
    own = _title_and_text(path)
    return {path.stem} | {p.stem for p in path.parent.parent.glob(f"*/*-{date}.txt") if _title_and_text(p) == own}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--claims", type=Path, required=True, help="one claim a line")
    ap.add_argument("--pages", type=int, default=4)
    args = ap.parse_args()
    named = named_pages()
    store = Store(args.db)
    options = CheckOptions()
    for claim in (c.strip() for c in args.claims.read_text(encoding="utf-8").splitlines()):
        if not claim:
            continue
        print(f"CLAIM\t{claim}")
        kept = 0
        for article in from_store(store, claim, options=options):
            source = Path(str(article.source))
            if not re.fullmatch(ANT_NAME, source.stem) or twins(source) & named:
                continue
            print(f"  PAGE\t{article.source}\t{article.title}")
            kept += 1
            if kept == args.pages:
                break


if __name__ == "__main__":
    main()
