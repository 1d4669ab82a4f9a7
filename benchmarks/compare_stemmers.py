"""Compare Arabic light stemmers on real text: UD Arabic-PUD word forms and their lemmas.

Run from the project root (needs ../shared/corpora)::

    python benchmarks/compare_stemmers.py [path/to/ar_pud-ud-test.conllu]

The treebank splits clitics off (و + قال); surface words are rebuilt by joining the pieces
written without a space, and each gets the lemma of its content piece (noun, verb,
adjective, proper noun, adverb), so the stemmers see words as they appear in news.  Then,
over distinct normalized surface forms:

* conflation recall: of the pairs of forms that share a lemma, the share given the same stem
  (كتب / يكتبون, مدينة / المدن);
* merge precision: of the pairs given the same stem, the share that really share a lemma;
* over-stemming: pairs with different lemmas given the same stem, per 10,000 such pairs;
* speed: surface words per second, every token of the treebank, no cache.

Stemmers see the word with diacritics removed but letters as written (they rely on ة ى أ);
their output is normalized with khabar's ``normalize`` before comparison.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

from khabar.text.ar.normalize import normalize, strip_diacritics

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "ud_arabic_pud" / "ar_pud-ud-test.conllu"
CONTENT = {"NOUN", "VERB", "ADJ", "PROPN", "ADV"}


def surface_words(path: Path) -> list[tuple[str, str]]:
    """(surface word as written, lemma) for every content word of the treebank."""
    out: list[tuple[str, str]] = []
    pieces: list[tuple[str, str, str]] = []  # (form, lemma, upos)

    def flush() -> None:
        if pieces:
            form = "".join(p[0] for p in pieces)
            lemmas = [p[1] for p in pieces if p[2] in CONTENT]
            if lemmas and form.isalpha():
                out.append((strip_diacritics(form), normalize(lemmas[-1])))
            pieces.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            flush()
            continue
        cols = line.split("\t")
        if "-" in cols[0] or "." in cols[0]:
            continue
        if cols[3] == "PUNCT":
            flush()
            continue
        pieces.append((cols[1], cols[2], cols[3]))
        if "SpaceAfter=No" not in cols[9]:
            flush()
    flush()
    return out


def candidates() -> dict[str, tuple[Callable[[str], str], str]]:
    """name -> (stem function, licence).  Missing packages are left out."""
    from khabar.text.ar.clitics import strip_clitics

    found: dict[str, tuple[Callable[[str], str], str]] = {
        "none (normalized form)": (lambda w: w, "-"),
        "khabar strip_clitics": (strip_clitics, "MIT"),
    }
    try:
        import snowballstemmer

        found["snowballstemmer arabic"] = (snowballstemmer.stemmer("arabic").stemWord, "BSD-3-Clause")
    except ImportError:
        pass
    try:
        import Stemmer

        found["PyStemmer arabic"] = (Stemmer.Stemmer("arabic").stemWord, "MIT/BSD")
    except ImportError:
        pass
    try:
        from nltk.stem.arlstem import ARLSTem
        from nltk.stem.arlstem2 import ARLSTem2
        from nltk.stem.isri import ISRIStemmer

        found["NLTK ISRIStemmer"] = (ISRIStemmer().stem, "Apache-2.0")
        found["NLTK ARLSTem"] = (ARLSTem().stem, "Apache-2.0")
        found["NLTK ARLSTem2"] = (ARLSTem2().stem, "Apache-2.0")
    except ImportError:
        pass
    try:
        from tashaphyne.stemming import ArabicLightStemmer

        tsh = ArabicLightStemmer()

        def tashaphyne_stem(w: str) -> str:
            tsh.light_stem(w)
            return tsh.get_stem()

        found["tashaphyne light_stem"] = (tashaphyne_stem, "GPL")
    except ImportError:
        pass
    try:
        from khabar.text.ar.stem import stem as khabar_stem

        found["khabar stem (ARLSTem, normalized, ة restored)"] = (khabar_stem.__wrapped__, "Apache-2.0")
    except (ImportError, AttributeError):
        pass
    return found


def measure(tokens: list[tuple[str, str]], fn: Callable[[str], str]) -> dict[str, float]:
    # One lemma per distinct normalized form: its most frequent one.
    by_form: dict[str, Counter[str]] = defaultdict(Counter)
    raw_of: dict[str, str] = {}
    for raw, lemma in tokens:
        norm = normalize(raw)
        by_form[norm][lemma] += 1
        raw_of.setdefault(norm, raw)
    lemma_of = {f: c.most_common(1)[0][0] for f, c in by_form.items()}
    stem_of = {f: normalize(fn(raw_of[f]) or f) for f in lemma_of}

    same_lemma = same_lemma_same_stem = 0
    by_lemma: dict[str, list[str]] = defaultdict(list)
    for f, lemma in lemma_of.items():
        by_lemma[lemma].append(f)
    for forms in by_lemma.values():
        for a, b in combinations(forms, 2):
            same_lemma += 1
            same_lemma_same_stem += stem_of[a] == stem_of[b]
    by_stem: dict[str, list[str]] = defaultdict(list)
    for f, s in stem_of.items():
        by_stem[s].append(f)
    same_stem = sum(len(v) * (len(v) - 1) // 2 for v in by_stem.values())
    n = len(lemma_of)
    diff_lemma_pairs = n * (n - 1) // 2 - same_lemma
    false_merges = same_stem - same_lemma_same_stem

    words = [raw for raw, _ in tokens]
    t0 = time.perf_counter()
    for w in words:
        fn(w)
    speed = len(words) / (time.perf_counter() - t0)
    return {
        "recall": same_lemma_same_stem / same_lemma if same_lemma else 0.0,
        "precision": same_lemma_same_stem / same_stem if same_stem else 1.0,
        "over": 10_000 * false_merges / diff_lemma_pairs if diff_lemma_pairs else 0.0,
        "stems": len(by_stem),
        "speed": speed,
    }


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else DEFAULT
    if not path.exists():
        print(f"{path}: not found (pass the CoNLL-U path)", file=sys.stderr)
        return 2
    tokens = surface_words(path)
    forms = len({normalize(r) for r, _ in tokens})
    lemmas = len({lem for _, lem in tokens})
    print(f"{len(tokens)} content words, {forms} distinct forms, {lemmas} lemmas\n")
    print("| stemmer | licence | conflation recall | merge precision | over-stemming /10k pairs | stems | words/s |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, (fn, licence) in candidates().items():
        m = measure(tokens, fn)
        print(
            f"| {name} | {licence} | {m['recall']:.3f} | {m['precision']:.3f} | {m['over']:.1f} | "
            f"{m['stems']} | {m['speed']:,.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
