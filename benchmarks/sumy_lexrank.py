"""The yardstick for a small brief: a plain sumy LexRank script over the same files.

What a journalist could write in ten lines with a well-known library: read the files, let
sumy split and tokenize the Arabic, rank sentences with LexRank, print the top five.  No
citations, figures, quotes or conflicts: `benchmarks/bench_brief.py` times khabar's whole
brief against it.  Needs ``pip install sumy pyarabic`` (sumy's Arabic tokenizer).

    python benchmarks/sumy_lexrank.py ../shared/seeds
"""

import sys
from pathlib import Path

from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words


def main(paths: list[str]) -> None:
    files = [f for p in map(Path, paths) for f in (sorted(p.glob("*.txt")) if p.is_dir() else [p])]
    text = "\n\n".join(f.read_text(encoding="utf-8-sig") for f in files)
    document = PlaintextParser.from_string(text, Tokenizer("arabic")).document
    summarizer = LexRankSummarizer(Stemmer("arabic"))
    summarizer.stop_words = get_stop_words("arabic")
    for sentence in summarizer(document, 5):
        print(sentence)


if __name__ == "__main__":
    main(sys.argv[1:] or [str(Path(__file__).resolve().parent.parent.parent / "shared" / "seeds")])
