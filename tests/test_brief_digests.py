"""The brief's JSON, byte for byte, on the real seeds and on 100 real ANT articles.

A speed-up must not change what a brief says.  ``fixtures/brief_digests.json`` holds the
SHA-256 of ``khabar.present.render.render_json`` of two briefs, the whole file and each of
its top-level sections, as the code produced them when they were recorded:

* ``seeds``: the five seed reports (``../shared/seeds``);
* ``ant100``: the 100 ANT files listed in the fixture (the first 100 published from 1 April
  2018, by day then path: ``benchmarks/corpus.py:ant_window``), read with khabar's reader.

When a change is *meant* to change the output (a new algorithm, a corrected rule, a new
field), look at what changed, then record the new digests with one command from the
project root and commit the fixture with the change that caused it::

    python tests/test_brief_digests.py --refresh

A failure names the sections whose bytes changed, so a speed-up that moved one figure shows
where; an algorithm change should change only the sections it is about.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

from khabar_testdata import CORPORA, SEEDS, need

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "brief_digests.json"
REFRESH = "python tests/test_brief_digests.py --refresh"


def brief_json(paths: list[Path]) -> str:
    import khabar
    from khabar.present.render import render_json

    return render_json(khabar.brief(paths))


def digests(text: str) -> dict[str, str]:
    """The whole JSON's digest and one per top-level section (to say what changed)."""
    out = {"file": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    for key, value in json.loads(text).items():
        section = json.dumps(value, ensure_ascii=False, sort_keys=True)
        out[key] = hashlib.sha256(section.encode("utf-8")).hexdigest()
    return out


def inputs(name: str, recorded: dict) -> list[Path]:
    if name == "seeds":
        return [need(SEEDS)]
    ant = need(CORPORA / "ant")
    return [ant / rel for rel in recorded["ant100"]["paths"]]


def _recorded() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["seeds", "ant100"])
def test_brief_json_is_unchanged(name: str) -> None:
    recorded = _recorded()
    got = digests(brief_json(inputs(name, recorded)))
    want = recorded[name]["sha256"]
    changed = sorted(k for k in set(want) | set(got) if k != "file" and want.get(k) != got.get(k))
    assert got["file"] == want["file"], (
        f"the {name} brief's JSON changed (sections: {', '.join(changed) or 'layout only'}); "
        f"if the change is meant, refresh with `{REFRESH}` and commit tests/fixtures/brief_digests.json"
    )


def refresh() -> None:
    recorded = _recorded()
    for name in ("seeds", "ant100"):
        recorded[name]["sha256"] = digests(brief_json(inputs(name, recorded)))
    FIXTURE.write_text(json.dumps(recorded, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"recorded {FIXTURE.relative_to(Path.cwd()) if FIXTURE.is_relative_to(Path.cwd()) else FIXTURE}")


if __name__ == "__main__":
    if sys.argv[1:] != ["--refresh"]:
        sys.exit(f"usage: {REFRESH}")
    refresh()
