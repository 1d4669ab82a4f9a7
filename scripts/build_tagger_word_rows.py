"""Add to the name tagger's model file the attribute rows of ANT's words that its table of
summed weights leaves out (:class:`khabar.extract.tagger.crf.WordRows`): a speed-up only,
the tags are the same (the weights are summed from the same rows in the same order).

    python scripts/build_tagger_word_rows.py ../shared/corpora/ant \
        [--model src/khabar/extract/tagger/data/ner-anercorp.npz] [--min-count 2]

Words seen at least ``--min-count`` times in ANT (titles and bodies) that are plain
normalized Arabic words and not in the table of summed weights (which holds those seen 5
times or more) get their rows; the model file is rewritten in place (the training's
``khabar train ner ... --ant`` makes the same table).  The file stores hashes of the
words and row numbers, never the words.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from khabar.extract.tagger.crf import MODEL_FILE, Model, precompute_rows
from khabar.extract.tagger.train import ROWS_MIN_COUNT, frequent_words, read_ant_words, save_model

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ant", type=Path, help="the ANT corpus folder (<source>/<category>/*.txt)")
    parser.add_argument("--model", type=Path, default=ROOT / "src" / "khabar" / "extract" / "tagger" / "data" / MODEL_FILE)
    parser.add_argument("--min-count", type=int, default=ROWS_MIN_COUNT)
    args = parser.parse_args()
    with np.load(args.model, allow_pickle=False) as data:
        arrays = {k: data[k] for k in data.files if not k.startswith("rows_")}
    meta = arrays.pop("meta")
    import json

    meta = json.loads(bytes(meta).decode("utf-8"))
    model = Model(dict(arrays), meta, source=str(args.model))
    before = args.model.stat().st_size
    arrays.update(precompute_rows(model, frequent_words(read_ant_words(args.ant), args.min_count)))
    save_model(arrays, meta, args.model)
    print(f"{args.model}: {len(arrays['rows_keys'])} words' rows, {before / 1e6:.2f} -> {args.model.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
