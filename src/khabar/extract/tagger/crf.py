"""The trained tagger at run time: a linear-chain CRF decoded with numpy.

The model was trained with CRFsuite (:mod:`khabar.extract.tagger.train`) but is shipped as
plain arrays (``.npz``, no pickled code) and decoded here, so tagging needs no CRF library:

* every feature is "the word at offset *d* has attribute *a*" (or a gazetteer phrase
  attribute); the weights of an attribute, one per offset and label, are stored under a
  64-bit hash of its name (:func:`stable_hash`) in one sorted table.  No word of the
  training corpus is stored in readable form.
* the score of a label at a token is the sum, over the offsets, of the weights of the
  attributes of the word found there.  Word attributes depend on the word alone, so the
  summed weights of each word type at each offset are computed once and cached
  (:class:`Tagger` keeps a table of them): tagging a sentence of known words is a few
  array look-ups and a Viterbi pass, batched over all the sentences of a call.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import threading
import zipfile
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import chain, filterfalse
from pathlib import Path

import numpy as np

try:
    import cython
except ImportError:  # Cython is a build requirement only (khabar._cython)
    from khabar import _cython as cython

from khabar.errors import InputError
from khabar.extract.tagger.features import (
    OFFSETS,
    bare_norm,
    families_at,
    listed_attributes,
    own_attributes,
    phrase_attributes,
    phrase_matches,
    phrase_starts,
    word_attributes,
    word_lists,
)
from khabar.extract.tagger.cue_rates import FAMILIES as CUE_FAMILIES
from khabar.extract.tagger.hashing import find_rows, hash_array, plain_hash_array, stable_hash
from khabar.extract.tagger.tag_rates import KINDS as TAG_KINDS
from khabar.text.ar.clitics import ARTICLE, strip_clitics, strip_clitics_many
from khabar.text.ar.normalize import normalize, strip_diacritics
from khabar.text.ar.stem import stems
from khabar.text.ar.stopwords import STOPWORDS

FORMAT = "khabar-ner-crf"
VERSION = 1
#: The shipped model, built by ``python -m khabar.extract.tagger.train`` from ANERcorp.
MODEL_FILE = "ner-anercorp.npz"

#: Attributes of the padding words before and after a sentence.
BOS: tuple[tuple[str, str], ...] = (("w", "\u2402"),)
EOS: tuple[tuple[str, str], ...] = (("w", "\u2403"),)
_PAD = max(abs(d) for d in OFFSETS)


def feature_name(offset: int, family: str, value: str) -> str:
    return f"{offset}:{family}={value}"


def cluster_attributes(token: str, clusters: "Clusters | None") -> tuple[tuple[str, str], ...]:
    """Cluster codes of a word (and of its form without proclitics when the word has none),
    and the codes of its form without proclitics in the table of such forms, when the
    model has one (``b64`` ...)."""
    return cluster_attributes_many([token], clusters)[0]


def cluster_attributes_many(tokens: Sequence[str], clusters: "Clusters | None") -> list[tuple[tuple[str, str], ...]]:
    """:func:`cluster_attributes` of each token, every table searched once for all of them
    (a batch's new words: one search per table, not one per word and table)."""
    return [codes if _stop_form(w, form) else codes + form_codes for codes, form_codes, w, form in _cluster_parts_many(tokens, clusters)]


def _stop_form(written: str, form: str) -> bool:
    """Whether a word's form without proclitics is a function word it is not as written:
    "العلي" without "ال" is "علي", the preposition "على" once normalized: a function
    word's clusters and cue rates would speak for a name ("سامي العلي" was cut at it), so
    the codes of that form are not read."""
    return bool(form) and form != written and form in STOPWORDS


def _cluster_parts_many(
    tokens: Sequence[str], clusters: "Clusters | None"
) -> list[tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...], str, str]]:
    """For each token: (the cluster codes of the form as written, else of the bare stem;
    the codes of its form without proclitics in the tables of such forms; the letters
    and digits as written; that form).  :func:`cluster_attributes_many` drops the second
    part when :func:`_stop_form`."""
    if clusters is None:
        return [((), (), "", "")] * len(tokens)
    attrs = [dict(word_attributes(t)) for t in tokens]
    written = [a.get("w") or "" for a in attrs]
    forms = [a.get("s") or "" for a in attrs]
    hashed = _hashes(written)
    form_hashed = _hashes(forms)
    as_written = clusters.codes_of(hashed)
    as_form = clusters.codes_of(form_hashed)
    tables = [
        (table, names, drop_zero)
        for table, names, drop_zero in (
            (clusters.bare, None, False),
            (clusters.cues, CUE_FAMILIES, True),
        )
        if table is not None
    ]
    found = [(table.codes_of(form_hashed), names or [f"b{size}" for size in table.sizes], drop_zero) for table, names, drop_zero in tables]
    c_names = [f"c{size}" for size in clusters.sizes]
    cs_names = [f"cs{size}" for size in clusters.sizes]
    out = []
    for k, (w, form) in enumerate(zip(written, forms)):
        row: list[tuple[str, str]] = []
        # the form as written when known, else the bare stem
        if w and as_written[k] is not None:
            row += [(name, str(code)) for name, code in zip(c_names, as_written[k])]
        elif form and as_form[k] is not None:
            row += [(name, str(code)) for name, code in zip(cs_names, as_form[k])]
        form_row: list[tuple[str, str]] = []
        if form:
            for codes, names, drop_zero in found:
                if codes[k] is not None:
                    form_row += [(name, str(code)) for name, code in zip(names, codes[k]) if code or not drop_zero]
        out.append((tuple(row), tuple(form_row), w, form))
    return out


def _hashes(words: Sequence[str]) -> list[int]:
    """:func:`stable_hash` of each word, 0 for an empty one (looked up nowhere)."""
    return [stable_hash(w) if w else 0 for w in words]


class Clusters:
    """Cluster numbers of words at several granularities, filed under word hashes; with
    ``bare``, a second table learned from the same text with every word's proclitics
    off (``bare`` looks up a word's form without them)."""

    def __init__(
        self,
        keys: np.ndarray,
        codes: np.ndarray,
        sizes: tuple[int, ...],
        bare: "Clusters | None" = None,
        cues: "Clusters | None" = None,
        tagged: "Clusters | None" = None,
    ) -> None:
        self.keys, self.codes, self.sizes, self.bare, self.cues = keys, codes, sizes, bare, cues
        self.tagged = tagged  # the tag rates of :mod:`~khabar.extract.tagger.tag_rates`

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays a model file stores them as (:meth:`from_arrays` reads them)."""
        out = {"cluster_keys": self.keys, "cluster_codes": self.codes, "cluster_sizes": np.array(self.sizes)}
        if self.bare is not None:
            out.update({"bare_" + k: v for k, v in self.bare.arrays().items()})
        if self.cues is not None:
            out.update({"cue_keys": self.cues.keys, "cue_levels": self.cues.codes})
        if self.tagged is not None:
            out.update({"tagrate_keys": self.tagged.keys, "tagrate_levels": self.tagged.codes})
        return out

    @classmethod
    def from_arrays(cls, arrays, prefix: str = "") -> "Clusters | None":
        if prefix + "cluster_keys" not in arrays:
            return None
        sizes = tuple(int(s) for s in arrays[prefix + "cluster_sizes"])
        bare = cls.from_arrays(arrays, "bare_") if not prefix else None
        cues = cls(arrays["cue_keys"], arrays["cue_levels"], ()) if not prefix and "cue_keys" in arrays else None
        tagged = cls(arrays["tagrate_keys"], arrays["tagrate_levels"], ()) if not prefix and "tagrate_keys" in arrays else None
        return cls(arrays[prefix + "cluster_keys"], arrays[prefix + "cluster_codes"], sizes, bare, cues, tagged)

    def lookup(self, word: str) -> tuple[int, ...] | None:
        key = np.uint64(stable_hash(word))
        row = int(self.keys.searchsorted(key))
        if row == len(self.keys) or self.keys[row] != key:
            return None
        return tuple(self.codes[row].tolist())

    def codes_of(self, hashes: Sequence[int]) -> list[list[int] | None]:
        """The codes filed under each word hash (None: not in the table; a hash of 0 is
        no word), all found in one search."""
        if not len(self.keys):
            return [None] * len(hashes)
        rows = find_rows(self.keys, hashes)
        codes = self.codes[np.maximum(rows, 0)].tolist()
        return [c if r >= 0 and h else None for c, r, h in zip(codes, rows.tolist(), hashes)]


def all_attributes(token: str, clusters: Clusters | None) -> tuple[tuple[str, str], ...]:
    """A word's attributes: its own and its clusters."""
    return all_attributes_many([token], clusters)[0]


def all_attributes_many(tokens: Sequence[str], clusters: Clusters | None) -> list[tuple[tuple[str, str], ...]]:
    """:func:`all_attributes` of each token, each table of codes searched once for all."""
    return [w + c for w, c in zip(map(word_attributes, tokens), cluster_attributes_many(tokens, clusters))]



#: A word's attribute rows (indices into :attr:`Model.keys` of the attributes it has
#: weights for, in the order their weights are summed), in four parts: its own
#: (:func:`~khabar.extract.tagger.features.own_attributes`), from khabar's word lists
#: (:func:`~khabar.extract.tagger.features.listed_attributes`), its cluster codes, the
#: codes of its form without proclitics (not read when :func:`_stop_form`); and whether
#: the fourth part is not read.
RowParts = tuple[list[int], list[int], list[int], list[int], bool]


@cython.locals(
    known=dict, batch=dict, pending=list, remember=list, raw=list, stops=list, attrs=list, a=tuple, fv=tuple,
    own=list, listed=list, codes=list, form_codes=list, k=cython.Py_ssize_t, j=cython.Py_ssize_t, n=cython.Py_ssize_t,
    searched=list, out=list, parts=list, part=list, rows=list, mine=list, r=cython.Py_ssize_t, written=list, forms=list,
    written_hashed=list, form_hashed=list,
)
def attribute_rows_many(model: "Model", tokens: Sequence[str], hashes: Sequence[int] | None = None) -> list[RowParts]:
    """The :data:`RowParts` of each token (normalized): the sum of the weights of a word's
    rows, in order, is its score at each offset.  An attribute's row is read from the
    model's :class:`AttributeRows` where a word met before had it (a word list's label, an
    ending, a cluster code), and the names of the rest (the new word's own letters, its
    form and stem ...) are hashed and searched together, once for the batch.  ``hashes``:
    the tokens' :func:`~khabar.extract.tagger.hashing.plain_hash_array`, when made (a plain
    word's clusters are then found without hashing it again)."""
    known = model.attribute_rows.known
    if len(known) > AttributeRows.LIMIT:
        known.clear()
    clusters = model.clusters
    pending: list[str] = []  # names to hash and search
    remember: list = []  # for each, the key it is kept under (None: not kept)
    batch: dict = {}  # a kept key -> its place in ``pending`` (a key of this batch named once)
    raw: list[list] = []  # each word's four parts: a row, or -2 - its name's place in ``pending``
    stops: list[bool] = []
    attrs = [word_attributes(t) for t in tokens]
    if clusters is not None:
        written = []
        forms = []
        written_hashed = []
        form_hashed = []
        for k in range(len(tokens)):
            w = form = ""
            for f, v in attrs[k]:
                if f == "w" and not w:
                    w = v
                elif f == "s" and not form:
                    form = v
            written.append(w)
            forms.append(form)
            # a plain word is its own letters: its hash is the one the caller made of it
            # (0 for any other word), and a word without proclitics is its own form
            h = hashes[k] if hashes is not None and w == tokens[k] else 0
            if not h and w:
                h = stable_hash(w)
            written_hashed.append(h)
            form_hashed.append(h if form == w else (stable_hash(form) if form else 0))
        as_written = clusters.codes_of(written_hashed)
        as_form = clusters.codes_of(form_hashed)
        found = [
            (table.codes_of(form_hashed), names or [f"b{size}" for size in table.sizes], drop_zero)
            for table, names, drop_zero in ((clusters.bare, None, False), (clusters.cues, CUE_FAMILIES, True))
            if table is not None
        ]
        c_names = [f"c{size}" for size in clusters.sizes]
        cs_names = [f"cs{size}" for size in clusters.sizes]
    for k in range(len(tokens)):
        a = attrs[k]
        own: list = []
        listed: list = []
        j = 0
        n = len(a)
        while j < n:
            fv = a[j]
            if j >= 2 and fv[0] == "G" and fv[1] != "al":
                break  # the listed attributes follow the word's own
            own.append(_attribute_row(fv, known, batch, pending, remember))
            j += 1
        while j < n:
            listed.append(_attribute_row(a[j], known, batch, pending, remember))
            j += 1
        codes: list = []
        form_codes: list = []
        stop = False
        if clusters is not None:
            w, form = written[k], forms[k]
            if w and as_written[k] is not None:
                for name, code in zip(c_names, as_written[k]):
                    codes.append(_attribute_row((name, code), known, batch, pending, remember))
            elif form and as_form[k] is not None:
                for name, code in zip(cs_names, as_form[k]):
                    codes.append(_attribute_row((name, code), known, batch, pending, remember))
            if form:
                for table_codes, names, drop_zero in found:
                    if table_codes[k] is not None:
                        for name, code in zip(names, table_codes[k]):
                            if code or not drop_zero:
                                form_codes.append(_attribute_row((name, code), known, batch, pending, remember))
            stop = _stop_form(w, form)
        raw.append([own, listed, codes, form_codes])
        stops.append(stop)
    if pending:
        searched = find_rows(model.keys, hash_array(pending)).tolist()
        for key, row in zip(remember, searched):
            if key is not None:
                known[key] = row
    else:
        searched = []
    out: list[RowParts] = []
    for parts, stop in zip(raw, stops):
        rows = []
        for part in parts:
            mine = []
            for j in range(len(part)):
                r = part[j]
                if r <= -2:
                    r = searched[-2 - r]
                if r >= 0:
                    mine.append(r)
            rows.append(mine)
        out.append((rows[0], rows[1], rows[2], rows[3], stop))
    return out


#: Attribute families whose value is a word's own (its letters, its form without proclitics,
#: its stem, its last four letters): met about once a word, so their rows are not kept.
_OWN_FAMILIES = frozenset(("w", "s", "st", "x4"))


@cython.cfunc
@cython.locals(key=tuple, known=dict, batch=dict, pending=list, remember=list)
def _attribute_row(key: tuple, known: dict, batch: dict, pending: list, remember: list) -> int:
    """The row of an attribute -- (family, value), or (cluster level name, code) -- as known,
    else -2 - the place of its name in ``pending`` (added there once a batch, to be kept in
    ``known`` when searched, unless its family is one of :data:`_OWN_FAMILIES`)."""
    row = known.get(key)
    if row is not None:
        return row
    row = batch.get(key)
    if row is not None:
        return row
    row = -2 - len(pending)
    f = key[0]
    pending.append(attribute_name(f, key[1] if isinstance(key[1], str) else str(key[1])))
    if f in _OWN_FAMILIES:
        remember.append(None)
    else:
        remember.append(key)
        batch[key] = row
    return row


class AttributeRows:
    """The rows (in :attr:`Model.keys`, -1: none) of the attributes new words have had in
    this process, by (family, value) -- or (cluster level, code) --, but for a word's own
    letters, form, stem and ending (:data:`_OWN_FAMILIES`): a new word's other attributes
    (its shape, clitic, length, two- and three-letter ends, word-list labels, its ~11
    cluster codes) were named, hashed through ``stable_hash``'s cache and searched again for
    every word (~25 a word)."""

    #: Beyond this many attributes the table starts afresh (about 10 MB).
    LIMIT = 100_000

    def __init__(self) -> None:
        self.known: dict = {}


def joined_rows(parts: RowParts) -> list[int]:
    """A word's attribute rows in the order their weights are summed."""
    own, listed, codes, form_codes, stop = parts
    return own + listed + codes + ([] if stop else form_codes)


def summed_in_order(weights: np.ndarray, rows: Sequence[Sequence[int]]) -> np.ndarray:
    """For each word, the sum of ``weights[r]`` over its ``rows``, added one after the other
    in their order from zero (as the table's words were summed, so the same float32 sums
    as ``np.add.at``).  Compiled, a typed loop reads each row of ``weights`` in place
    (:func:`_summed_rows`); as Python, the k-th rows of all the words are added together,
    one call per position instead of one step per row.  ``np.add.at`` took ~0.5 ms for the
    ~110 new words of a batch of 16 ANT articles; ``np.add.reduceat`` is faster but does not
    add in order (other sums in the last bits).  The positions' numpy calls were ~17 M of the
    layer's 2,800 M instructions over ``instructions_extract.py``'s articles, the typed
    loop ~1 M (issue 19, session 28); the rows gathered first by a list of Python integers
    were ~225 instructions a row more (issue 19, session 37)."""
    out = np.zeros((len(rows), *weights.shape[1:]), dtype=weights.dtype)
    if not len(rows):
        return out
    if cython.compiled and weights.dtype == np.float32 and weights.flags.c_contiguous:
        width = math.prod(weights.shape[1:])
        _summed_rows(weights.reshape(len(weights), width), out.reshape(len(rows), width), rows)
        return out
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    if not lengths.any():
        return out
    flat = weights[list(chain.from_iterable(rows))]
    owner = np.repeat(np.arange(len(rows)), lengths)
    position = np.arange(len(flat)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    order = np.argsort(position, kind="stable")  # by position, each position's words in order
    bounds = np.searchsorted(position[order], np.arange(int(lengths.max()) + 1)).tolist()
    for a, b in zip(bounds, bounds[1:]):
        at = order[a:b]
        out[owner[at]] += flat[at]  # a word appears once at each position
    return out


@cython.boundscheck(False)  # every index is checked below
@cython.wraparound(False)
@cython.locals(
    weights=cython.p_float, out=cython.float[:, ::1], w=cython.Py_ssize_t, k=cython.Py_ssize_t,
    r=cython.Py_ssize_t, j=cython.Py_ssize_t, width=cython.Py_ssize_t, n=cython.Py_ssize_t, mine=list,
)
def _summed_rows(table: np.ndarray, out: np.ndarray, rows: Sequence[Sequence[int]]) -> None:
    """Into each row ``w`` of ``out`` (zeros), the rows ``rows[w]`` of ``table`` (float32, C
    order, two dimensions) added one after the other: :func:`summed_in_order`'s loop as
    float32 C arithmetic (compiled only; each sum rounded to float32 as numpy's ``+=``
    rounds it).  The table is read through its address: the model's weights are a
    read-only view of the mapped file, which a typed memoryview refuses.  IndexError for a
    row out of the table (as numpy's gather raised it)."""
    if table.dtype != np.float32 or table.ndim != 2 or not table.flags.c_contiguous:
        raise ValueError("the table is not float32 rows in C order")
    width = table.shape[1]
    n = table.shape[0]
    if out.shape[1] != width or len(rows) != out.shape[0]:
        raise ValueError("the rows and the words do not agree")
    weights = cython.cast(cython.p_float, cython.cast(cython.size_t, table.ctypes.data))
    for w in range(len(rows)):
        mine = rows[w] if type(rows[w]) is list else list(rows[w])
        for k in range(len(mine)):
            r = mine[k]
            if r < 0:
                r += n
            if r < 0 or r >= n:
                raise IndexError(f"row {mine[k]} is out of the {n} rows of weights")
            for j in range(width):
                out[w, j] = out[w, j] + weights[r * width + j]


class WordRows:
    """Attribute rows of words of ANT precomputed (:func:`precompute_rows`), filed under
    the hashes of the words (sorted): their own and cluster rows, which depend
    on the model alone; the rows from khabar's word lists are found when a word is met, so
    a word list edited after the table was made is read as it is now.  A new word of the
    table costs a few list look-ups instead of its stem and some 14 attributes named,
    hashed and searched.  Only Arabic words, plain and normalized, are filed."""

    def __init__(self, keys: np.ndarray, starts: np.ndarray, lengths: np.ndarray, rows: np.ndarray) -> None:
        # starts: where each word's rows begin in ``rows`` (one more: the end); lengths:
        # (words, 3) lengths of its own, cluster-code and form-code parts
        self.keys, self.starts, self.lengths, self.rows = keys, starts, lengths, rows

    @classmethod
    def from_arrays(cls, arrays) -> "WordRows | None":
        if "rows_keys" not in arrays:
            return None
        return cls(arrays["rows_keys"], arrays["rows_starts"], arrays["rows_lengths"], arrays["rows_rows"])

    def find(self, hashes: Sequence[int]) -> list[int]:
        """The index of each word hash in the table (-1: not there)."""
        return find_rows(self.keys, hashes).tolist()

    def parts(self, index: int, word: str, listed: list[int]) -> RowParts:
        """The :data:`RowParts` of the word filed at ``index`` (``word``, normalized), with
        ``listed``, the rows of its word-list attributes as the lists are now."""
        return self.parts_many([index], [word], [listed])[0]

    def parts_many(self, indices: Sequence[int], words: Sequence[str], listed: Sequence[list[int]]) -> list[RowParts]:
        """:meth:`parts` of each word, the table's arrays read once for all of them (a
        word's slices and lengths read one by one were ~10,000 instructions a word in numpy
        calls: ~1,300 words of the word-rows table in ``benchmarks/bench_extract.py``'s
        320 articles; issue 19, session 31)."""
        at = np.asarray(indices, dtype=np.int64)
        if not len(at):
            return []
        firsts = self.starts[at].astype(np.int64)
        counts = self.starts[at + 1].astype(np.int64) - firsts
        # each word's rows, one after the other: where its run starts in ``rows`` plus its
        # place in the run
        ends = np.cumsum(counts)
        rows = self.rows[np.repeat(firsts - (ends - counts), counts) + np.arange(int(ends[-1]))].tolist()
        out: list[RowParts] = []
        a = 0
        for (n_own, n_codes, n_form), word, listed_rows, b in zip(self.lengths[at].tolist(), words, listed, ends.tolist()):
            mine = rows[a:b]
            own, codes, form_codes = mine[:n_own], mine[n_own : n_own + n_codes], mine[n_own + n_codes : n_own + n_codes + n_form]
            stop = bool(form_codes) and _stop_form(word, strip_clitics(word))
            out.append((own, listed_rows, codes, form_codes, stop))
            a = b
        return out


def precompute_rows(model: "Model", words: Sequence[str]) -> dict[str, np.ndarray]:
    """Arrays of a :class:`WordRows` table of ``words``: each plain normalized Arabic word
    not in the model's table of summed weights (:func:`precompute_words`), filed under
    its hash with its attribute rows (made by :func:`attribute_rows_many`, as a word
    out of the table gets them)."""
    plain = sorted({w for w in words if w and w.isalnum() and normalize(w) == w and own_attributes(w)[0] == ("shape", "ar")})
    if model.word_keys is not None:
        plain = [w for w, row in zip(plain, model.known_rows(plain).tolist()) if row < 0]
    by_key = {stable_hash(w): w for w in plain}  # (two words of one hash: the last)
    keys = sorted(by_key)
    chosen = [by_key[k] for k in keys]
    parts: list[RowParts] = []
    for k in range(0, len(chosen), 4096):
        parts += attribute_rows_many(model, chosen[k : k + 4096])
    sizes = [[len(p[0]), len(p[2]), len(p[3])] for p in parts]
    starts = np.zeros(len(parts) + 1, dtype=np.uint32)
    starts[1:] = np.cumsum([sum(n) for n in sizes])
    row_type = np.uint16 if len(model.keys) <= 1 << 16 else np.uint32
    return {
        "rows_keys": np.array(keys, dtype=np.uint64),
        "rows_starts": starts,
        "rows_lengths": np.array(sizes, dtype=np.uint8).reshape(-1, 3),
        "rows_rows": np.array([r for p in parts for r in p[0] + p[2] + p[3]], dtype=row_type),
    }


def token_features(tokens: Sequence[str], clusters: Clusters | None) -> list[list[str]]:
    """Feature names of every token of a sentence: what the CRF library is trained on.
    :class:`Tagger` computes the same sums without naming them."""
    attrs = all_attributes_many(tokens, clusters)
    phrase = phrase_attributes([bare_norm(t) for t in tokens])
    n = len(tokens)
    out: list[list[str]] = []
    for i in range(n):
        feats = ["bias"]
        for d in OFFSETS:
            j = i + d
            word = attrs[j] if 0 <= j < n else (BOS if j < 0 else EOS)
            fam = families_at(d)
            feats += [feature_name(d, f, v) for f, v in word if fam is None or f.rstrip("0123456789") in fam]
            if abs(d) <= 1 and 0 <= j < n:
                feats += [feature_name(d, "gz", p) for p in phrase[j]]
        out.append(feats)
    return out


def attribute_name(family: str, value: str) -> str:
    return f"{family}={value}"


class Model:
    """Weights of a trained CRF: sorted attribute hashes, each with a row of weights per
    offset and label; the label transitions; the word clusters."""

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict, *, source: str) -> None:
        if meta.get("format") != FORMAT:
            raise InputError(source, f"not a khabar name-tagger model (expected format {FORMAT!r})")
        if meta.get("version") != VERSION:
            raise InputError(source, f"name-tagger model version {meta.get('version')!r}; this khabar reads {VERSION}")
        if tuple(meta.get("offsets", ())) != OFFSETS:
            raise InputError(source, f"model offsets {meta.get('offsets')} differ from the tagger's {list(OFFSETS)}")
        self.meta = meta
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        try:
            self.transitions = np.asarray(arrays["transitions"], dtype=np.float32)
            self.bias = np.asarray(arrays["bias"], dtype=np.float32)
            self.keys = arrays["keys"]
            self.weights = np.asarray(arrays["weights"], dtype=np.float32)
        except KeyError as err:
            raise InputError(source, f"the name-tagger model lacks the array {err}") from None
        self.word_keys = arrays.get("word_keys")
        self.word_sums = arrays.get("word_sums")  # float16: rows are converted as they are used
        #: the float16 sums' bits, read as float32 through :func:`half_to_single` (a row of the
        #: table read for each of most new word types)
        self.word_sum_bits = (
            self.word_sums.view(np.uint16) if self.word_sums is not None and self.word_sums.dtype == np.float16 else None
        )
        self.word_opens = arrays.get("word_opens")
        if meta.get("tag_rates"):
            # the tag rates as CRF attributes were tried and dropped (docs/ner.md; session 15):
            # the decoder reads the table for its rule only, never as attributes
            raise InputError(source, "the name-tagger model was trained with tag rates as attributes, which this khabar does not read")
        if meta.get("pairs") or "name_keys" in arrays or "gram_keys" in arrays:
            # word pairs, name-part codes and letter n-gram levels as attributes were tried
            # and dropped (docs/ner.md, fourth and sixteenth rounds; session 15)
            raise InputError(source, "the name-tagger model was trained with word pairs, name parts or letter n-grams, which this khabar does not read")
        if meta.get("document_cues"):
            # the document's own cues as attributes were tried and dropped (scripts/ner_tried/README.md;
            # session 31): the decoder no longer adds them, so such a file would tag without them
            raise InputError(source, "the name-tagger model was trained with document cues, which this khabar does not read")
        if any(k.startswith("nn_") for k in arrays) or meta.get("neural"):
            # the network beside the CRF was tried and dropped (docs/ner.md, ninth to
            # eleventh rounds; session 15): its scores would be silently left out
            raise InputError(source, "the name-tagger model carries a network (nn_* arrays), which this khabar does not read")
        self.clusters = Clusters.from_arrays(arrays)
        #: the attribute rows of words out of the table of summed weights (:class:`WordRows`)
        self.word_rows = WordRows.from_arrays(arrays)
        #: the rows of the attributes new words have had (:func:`attribute_rows_many`)
        self.attribute_rows = AttributeRows()
        n = len(self.labels)
        if (
            self.transitions.shape != (n, n)
            or self.bias.shape != (n,)
            or self.weights.shape != (len(self.keys), len(OFFSETS), n)
        ):
            raise InputError(source, "name-tagger model arrays do not fit its labels and offsets")

    def known_word(self, norm: str) -> tuple[np.ndarray, bool] | None:
        """The precomputed summed weights (offsets x labels) of a plain normalized word
        and whether it may open a gazetteer phrase, when the model holds them (frequent
        news words)."""
        row = int(self.known_rows([norm])[0])
        if row < 0:
            return None
        return self.word_sums[row].astype(np.float32), bool(self.word_opens[row])

    def known_rows(self, norms: Sequence[str], hashes: np.ndarray | None = None) -> np.ndarray:
        """The row of each normalized word in the precomputed table (-1: not there, or
        punctuation or marks around the word, whose attributes differ); ``hashes``, their
        :func:`~khabar.extract.tagger.hashing.plain_hash_array` when already made."""
        if self.word_keys is None:
            return np.full(len(norms), -1, dtype=np.int64)
        rows = find_rows(self.word_keys, plain_hash_array(norms) if hashes is None else hashes)
        # (the test of each word read into the array as it is made: a list of booleans
        # given to numpy is read back one element at a time)
        return np.where(np.fromiter(map(str.isalnum, norms), dtype=bool, count=len(norms)), rows, -1)

    def weight(self, names: Sequence[str]) -> np.ndarray:
        """Summed weights, (offsets, labels), of the attributes ``names``."""
        rows = find_rows(self.keys, [stable_hash(x) for x in names])
        rows = rows[rows >= 0]
        if not len(rows):
            return np.zeros((len(OFFSETS), len(self.labels)), dtype=np.float32)
        return self.weights[rows].sum(axis=0)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Model":
        source = str(path) if path is not None else f"khabar/extract/tagger/data/{MODEL_FILE}"
        try:
            if path is None:
                ref = resources.files("khabar.extract.tagger").joinpath(f"data/{MODEL_FILE}")
                arrays = _mapped_arrays(ref) if isinstance(ref, Path) else None
                if arrays is None:
                    with ref.open("rb") as f:
                        data = np.load(f, allow_pickle=False)
                        arrays = {k: data[k] for k in data.files}
            else:
                with np.load(path, allow_pickle=False) as data:
                    arrays = {k: data[k] for k in data.files}
        except FileNotFoundError:
            raise InputError(source, "the name-tagger model is missing; build it with python -m khabar.extract.tagger.train") from None
        except (OSError, ValueError, zipfile.BadZipFile) as err:
            raise InputError(source, f"cannot read the name-tagger model: {err}") from None
        try:
            meta = json.loads(bytes(arrays.pop("meta")).decode("utf-8"))
        except (KeyError, ValueError) as err:
            raise InputError(source, f"the name-tagger model has no readable metadata: {err}") from None
        return cls(arrays, meta, source=source)


def _mapped_arrays(path: Path) -> dict[str, np.ndarray] | None:
    """The arrays of an ``.npz`` whose members are stored uncompressed (as ``np.savez``
    writes them), as read-only views of the file mapped into memory, or None when it is
    not such a file.  A brief touches a small part of the 12.8 MB model (the rows of its
    words): mapped, only those pages are read, where reading the arrays copied all of it
    (~15 ms of CPU in every process that tags).  The training script replaces the file by
    a rename, so a retrained model never changes under a process that maps the old one."""
    import mmap
    import struct

    fmt = np.lib.format
    with open(path, "rb") as f, zipfile.ZipFile(f) as z:
        infos = z.infolist()
        if not infos or any(i.compress_type != zipfile.ZIP_STORED or not i.filename.endswith(".npy") for i in infos):
            return None
        buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    arrays: dict[str, np.ndarray] = {}
    for info in infos:
        at = info.header_offset
        if buf[at : at + 4] != b"PK\x03\x04":
            return None
        name_len, extra_len = struct.unpack("<HH", buf[at + 26 : at + 30])
        start = at + 30 + name_len + extra_len
        header = io.BytesIO(buf[start : start + min(info.file_size, 1 << 16)])
        version = fmt.read_magic(header)
        if version == (1, 0):
            shape, fortran, dtype = fmt.read_array_header_1_0(header)
        elif version == (2, 0):
            shape, fortran, dtype = fmt.read_array_header_2_0(header)
        else:
            return None
        if dtype.hasobject:
            return None
        count = math.prod(shape)
        if header.tell() + count * dtype.itemsize > info.file_size:
            return None
        data = np.frombuffer(buf, dtype=dtype, count=count, offset=start + header.tell())
        if not data.flags.aligned:
            # a member's data sits wherever the zip puts it: numpy copies an unaligned
            # array whole for each search (searchsorted over the 575k word hashes: 9 x
            # slower in a 300-article run), so those are read into memory (~2 MB: the
            # hashes; the 10 MB of weights are aligned for their 4- and 2-byte floats)
            data = data.copy()
        arrays[info.filename[: -len(".npy")]] = data.reshape(shape, order="F" if fortran else "C")
    return arrays


@lru_cache(maxsize=1)
def half_to_single() -> np.ndarray:
    """The float32 value of every float16, indexed by its 16 bits (numpy's own conversion of
    each, so the same values to the bit): a precomputed word's sums (45 float16) are read as
    float32 by one ``take`` of this 256 KB table, where numpy's cast of each value cost ~36
    instructions (16 M of the tagger's 392 M over ``benchmarks/bench_tagger.py --n 100``'s
    9,733 words of the table; issue 19, session 35)."""
    return np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16).astype(np.float32)


@dataclass(slots=True)
class _Decoded:
    """What one call decodes: each sentence's best label ids, and each token's row in the
    tagger's word table (padding included), with where each sentence starts in it."""

    paths: list[np.ndarray]
    rows: np.ndarray
    starts: list[int]


class Tagger:
    """BIO tags for tokenized sentences, with the per-word sums cached (thread-safe).

    Each word type as written gets a row in a table: its summed weights at every offset,
    whether it may open a gazetteer phrase, its normalized form and its name word (the
    form without proclitics, as an id): so a token costs one dictionary look-up, and the
    rest is array work over the rows."""

    #: Beyond this many word types the cache starts afresh (about 40 MB).
    MAX_TYPES = 200_000
    #: Kinds whose one-word names are dropped when the word is rarely such a name in ANT
    #: (:meth:`_rarely_named`; needs the model's tag rates).
    rare_kinds: tuple[str, ...] = ("ORG",)
    #: Whether a person's last word is found again alone (:meth:`_surname_alone`).
    surnames: bool = True

    def __init__(self, model: Model) -> None:
        self.model = model
        self.labels = model.labels
        self._lock = threading.Lock()
        n_labels, n_off = len(model.labels), len(OFFSETS)
        self._n = n_labels
        self._index: dict[str, int] = {}
        self._table = np.zeros((1024, n_off, n_labels), dtype=np.float32)
        self._opens = np.zeros(len(self._table), dtype=bool)  # row -> may open a gazetteer phrase
        self._name_ids = np.zeros(len(self._table), dtype=np.int64)  # row -> id of its name word
        self._bare: list[str] = []  # row -> normalized letters and digits
        self._name_vocab: dict[str, int] = {}
        self._name_words: list[str] = []  # id -> name word
        self._phrase_vectors: dict[str, np.ndarray] = {}
        self._listed: dict[tuple[str, str], int] = {}  # a word-list attribute -> its row (-1: none)
        self._reset()
        # a model trained with BILOU labels (L- last, U- a one-word name) tags in BIO
        self._out_tags = np.array([bio_label(lab) for lab in model.labels], dtype=object)
        self._types = [lab[2:] for lab in model.labels]
        self._begins = [lab.startswith(("B-", "U-")) for lab in model.labels]
        self._outside = model.labels.index("O")
        self._bias = np.array(model.bias, dtype=np.float32)  # (a writable copy: the model's may be read-only)

    def _reset(self) -> None:
        self._index.clear()
        self._opens[:] = False
        self._bare.clear()
        self._name_vocab.clear()
        self._name_words.clear()
        self._name_id("")  # id 0: no name word (punctuation, padding)
        self._size = 0
        self._bos = self._new_row("", self.model.weight([attribute_name(f, v) for f, v in BOS]), False)
        self._eos = self._new_row("", self.model.weight([attribute_name(f, v) for f, v in EOS]), False)

    def _name_id(self, word: str) -> int:
        found = self._name_vocab.get(word)
        if found is None:
            found = self._name_vocab[word] = len(self._name_words)
            self._name_words.append(word)
        return found

    def _new_row(self, token: str, sums: np.ndarray, opens: bool) -> int:
        return self._new_rows([token], sums[None], np.array([opens]))

    def _new_rows(self, tokens: Sequence[str], sums: np.ndarray, opens: np.ndarray) -> int:
        """Rows for ``tokens`` (normalized) with their summed weights and phrase flags; the
        first row's number, each row with its name word (:meth:`_propagated`)."""
        if self._size + len(tokens) > len(self._table):
            self._grow(self._size + len(tokens))
        first = self._size
        end = first + len(tokens)
        self._table[first:end] = sums
        self._opens[first:end] = opens
        # the tokens are normalized: a plain word is its own letters and digits
        bare = [t if t.isalnum() else (bare_norm(t) if t else "") for t in tokens]
        self._bare += bare
        # each row's name word found once, with its row: a document's names are then found
        # again by reading its rows' ids (:meth:`_propagated`), where the words of the
        # article's names were written with every proclitic and its rows sifted by them
        # (4 % of the layer's instructions; issue 19, session 32); padding ("") has id 0
        vocab, names = self._name_vocab, self._name_words
        ids = []
        for word in strip_clitics_many(bare):  # (:meth:`_name_id` of each, inline)
            found = vocab.get(word)
            if found is None:
                found = vocab[word] = len(names)
                names.append(word)
            ids.append(found)
        self._name_ids[first:end] = ids
        self._size = end
        return first

    def _grow(self, rows: int) -> None:
        """Room for ``rows`` rows: the arrays doubled until they fit, the rows in use copied.
        New arrays are made with ``np.zeros`` (pages the system zeroes when first written)
        rather than concatenated with zeroed halves: growing the table from 1,024 to
        32,768 rows over 300 new articles cost ~0.05 s of the tagger's 0.75 s that way."""
        size = len(self._table)
        while size < rows:
            size *= 2
        used = self._size
        for name in ("_table", "_opens", "_name_ids"):
            old = getattr(self, name)
            new = np.zeros((size, *old.shape[1:]), dtype=old.dtype)
            new[:used] = old[:used]
            setattr(self, name, new)

    def _row(self, token: str) -> int:
        """The row of a token, normalized (its attributes are those of its normalized form)."""
        row = self._index.get(token)
        if row is None:
            self._add_rows([token])
            row = self._index[token]
        return row

    def _add_rows(self, tokens: Sequence[str]) -> None:
        """Rows for new word types (normalized): a word of the model's precomputed table
        costs a hash and one batched search, any other word its attributes."""
        model = self.model
        hashes = plain_hash_array(tokens)
        known = model.known_rows(tokens, hashes)
        hit = known >= 0
        if model.word_sum_bits is not None and len(model.word_sum_bits):
            # every word's row of the table read at once (a word out of it reads the first
            # and has its own sums written over them below): one gather of the float16 bits
            # and one of their float32 values, where a boolean mask's assignment of the rows
            # cost ~1,300 instructions a word and numpy's cast of float16 ~36 a value
            found = np.maximum(known, 0)
            sums = half_to_single().take(model.word_sum_bits.take(found, axis=0))
            opens = model.word_opens.take(found) & hit
        else:
            sums = np.empty((len(tokens), len(OFFSETS), self._n), dtype=np.float32)
            opens = np.zeros(len(tokens), dtype=bool)
            if hit.any():
                sums[hit] = model.word_sums[known[hit]]
                opens[hit] = model.word_opens[known[hit]]
        unknown_at = np.flatnonzero(~hit)
        unknown = unknown_at.tolist()
        if unknown:
            new_words = [tokens[k] for k in unknown]
            table = model.word_rows
            filed = table.find(hashes[unknown_at]) if table is not None else [-1] * len(unknown)
            rest = [w for w, at in zip(new_words, filed) if at < 0]
            stems([bare_norm(w) for w in rest])  # their stems fetched together (word_attributes)
            rest_hashes = [h for h, at in zip(hashes[unknown_at].tolist(), filed) if at < 0]
            made = iter(attribute_rows_many(model, rest, rest_hashes))  # every attribute of them looked up in one search
            in_table = [(at, w) for w, at in zip(new_words, filed) if at >= 0]
            read = iter(table.parts_many([at for at, _ in in_table], [w for _, w in in_table], [self._listed_rows(w) for _, w in in_table]) if in_table else ())
            rows = [joined_rows(next(read) if at >= 0 else next(made)) for at in filed]
            sums[unknown] = summed_in_order(model.weights, rows)
            opens[unknown] = [bool(phrase_starts(bare_norm(tokens[k]))) for k in unknown]
        first = self._new_rows(tokens, sums, opens)
        self._index.update(zip(tokens, range(first, first + len(tokens))))

    def _listed_rows(self, word: str) -> list[int]:
        """The rows of the word-list attributes of a plain normalized word
        (:func:`~khabar.extract.tagger.features.listed_attributes`), in order."""
        found = self._listed
        out = []
        for f, v in listed_attributes(word):
            row = found.get((f, v))
            if row is None:
                row = found[f, v] = int(find_rows(self.model.keys, [stable_hash(attribute_name(f, v))])[0])
            if row >= 0:
                out.append(row)
        return out

    def _phrase(self, value: str) -> np.ndarray:
        vec = self._phrase_vectors.get(value)
        if vec is None:
            vec = self._phrase_vectors[value] = self.model.weight([attribute_name("gz", value)])
        return vec

    def tag(self, sentences: Sequence[Sequence[str]], *, consistent: bool = True) -> list[list[str]]:
        """The BIO tag of every token of every sentence (tokens as written).

        The sentences are read as one document (an article): with ``consistent``, a
        person or organisation found once is found again where its words recur untagged
        (:func:`propagate_chunks`)."""
        decoded = self._decode([[_normalized(t) for t in s] for s in sentences])
        labels = self._out_tags
        tags = [list(labels[p]) for p in decoded.paths]
        if consistent:
            found = self._whole_names(decoded, sentences)
            for labels_s, chunks_s, found_s, added in zip(tags, self._chunks_many(decoded.paths), found, self._propagated(decoded, found)):
                decoded_s = set(chunks_s)
                if decoded_s != set(found_s):  # a person taken on over a word or begun elsewhere, a name dropped
                    labels_s[:] = ["O"] * len(labels_s)
                    for kind, a, b in found_s:
                        labels_s[a:b] = ["B-" + kind] + ["I-" + kind] * (b - a - 1)
                for kind, a, b in added:
                    labels_s[a:b] = ["B-" + kind] + ["I-" + kind] * (b - a - 1)
        return tags

    def chunks(
        self, sentences: Sequence[Sequence[str]], written: Sequence[Sequence[str]] | None = None
    ) -> list[list[tuple[str, int, int]]]:
        """(type, first token, last token + 1) of every name in every sentence, in order,
        names found again where their words recur included: the same chunks as
        :meth:`tag` gives, without making a tag per token.  The tokens are given
        normalized (:attr:`khabar.text.ar.tokenize.Token.norm`), and ``written`` as
        written (:attr:`khabar.text.ar.tokenize.Token.text`; without them a name is not
        begun at the "علي" before it)."""
        return self.chunks_many([(sentences, written)])[0]

    def chunks_many(
        self, documents: Sequence[tuple[Sequence[Sequence[str]], Sequence[Sequence[str]] | None]]
    ) -> list[list[list[tuple[str, int, int]]]]:
        """:meth:`chunks` of each document ((normalized tokens, tokens as written) of its
        sentences), the sentences of all of them decoded in one batch: the same chunks as
        one call per document (each sentence is decoded on its own and each document's
        names are found again in that document only), for fewer, larger array operations.
        Measured: decoding the 320 articles of ``benchmarks/bench_extract.py`` 16 at a time
        took 0.33-0.35 s of CPU on their first reading against 0.44-0.48 s one by one
        (new words' rows made in 20 batches instead of 320), and 0.11-0.12 against
        0.18-0.19 s on a second (Viterbi's steps shared)."""
        decoded = self._decode([s for sentences, _ in documents for s in sentences])
        chunks = self._chunks_many(decoded.paths)  # every sentence's at once (one array search)
        out = []
        first = 0
        for sentences, written in documents:
            n = len(sentences)
            if not n:
                out.append([])
                continue
            starts = decoded.starts[first : first + n]
            lo, hi = starts[0] - _PAD, starts[-1] + len(sentences[-1]) + _PAD
            own = _Decoded(decoded.paths[first : first + n], decoded.rows[lo:hi], [a - lo for a in starts])
            found = self._whole_names(own, written, chunks[first : first + n])
            for names, added in zip(found, self._propagated(own, found)):
                if added:
                    names += added
                    names.sort(key=lambda c: c[1])
            out.append(found)
            first += n
        return out

    def _chunks(self, path: np.ndarray) -> list[tuple[str, int, int]]:
        """Chunks of one sentence's label ids, by conlleval's rules (an I- after O or
        after another type opens a chunk)."""
        return self._chunks_many([path])[0]

    def _chunks_many(self, paths: Sequence[np.ndarray]) -> list[list[tuple[str, int, int]]]:
        """:meth:`_chunks` of each sentence, the labels outside names found for all of
        them in one array operation (a sentence's names are a few of its tokens)."""
        out: list[list[tuple[str, int, int]]] = [[] for _ in paths]
        if not paths:
            return out
        flat = np.concatenate(paths)
        hits = np.flatnonzero(flat != self._outside)
        if not len(hits):
            return out
        ends = np.cumsum([len(p) for p in paths])
        owners = np.searchsorted(ends, hits, side="right").tolist()
        firsts = (ends - [len(p) for p in paths]).tolist()
        types, begins = self._types, self._begins
        current = -1
        found: list[tuple[str, int, int]] = []
        kind, a, b = "", -1, -1
        for at, label, n in zip(hits.tolist(), flat[hits].tolist(), owners):
            if n != current:
                if a >= 0:
                    found.append((kind, a, b))
                current, found = n, out[n]
                kind, a, b = "", -1, -1
            i = at - firsts[n]
            t = types[label]
            if begins[label] or i != b or t != kind:
                if a >= 0:
                    found.append((kind, a, b))
                kind, a = t, i
            b = i + 1
        found.append((kind, a, b))
        return out

    def _whole_names(
        self,
        decoded: _Decoded,
        written: Sequence[Sequence[str]] | None = None,
        chunks: Sequence[list[tuple[str, int, int]]] | None = None,
    ) -> list[list[tuple[str, int, int]]]:
        """The chunks of every sentence (``chunks``, :meth:`_chunks_many` of its paths,
        when already found), a person that ends on a name particle taken on over the word
        after it (:func:`extend_over_particles`); with the tokens as ``written``, a person
        begins at the name "علي" written before it (:func:`start_at_written_ali`)."""
        bare, rows = self._bare, decoded.rows
        if chunks is None:
            chunks = self._chunks_many(decoded.paths)
        out = []
        for n, (a, p, found) in enumerate(zip(decoded.starts, decoded.paths, chunks)):
            if any(kind == "PERS" and _is_particle(bare[rows[a + j - 1]]) for kind, _, j in found):
                found = extend_over_particles(found, [bare[r] for r in rows[a : a + len(p)].tolist()])
            if written is not None and found:
                found = start_at_written_ali(found, written[n])
            if self.rare_kinds and found:
                found = [c for c in found if not self._rarely_named(c, bare, rows[a + c[1]])]
            out.append(found)
        return out

    def _rarely_named(self, chunk: tuple[str, int, int], bare: list[str], row: int) -> bool:
        """Whether a one-word name of a kind of :attr:`rare_kinds`, written with the
        article, is a word of news that the first tagger found inside a name of that kind
        in under 2 % of its ANT occurrences (its tag rate level 0,
        :mod:`~khabar.extract.tagger.tag_rates`): "الاتفاق" (the agreement) after "وافقت
        على", not the football club.  Only with the article: on the five ANERcorp folds the
        rule for every word also dropped "نيسان", "موتورولا", "قطر" (ORG 62.58 -> 62.13),
        with the article only "الراية" 4 times and "الوكرة" once (62.40; docs/ner.md)."""
        kind, i, j = chunk
        table = self.model.clusters.tagged if self.model.clusters is not None else None
        if j - i != 1 or kind not in self.rare_kinds or table is None:
            return False
        written = bare[row]
        word = name_word(written)
        if not written[: len(written) - len(word)].endswith(("ال", "لل")):
            return False
        levels = table.lookup(word) if word else None
        return levels is not None and levels[TAG_KINDS.index(kind)] == 0

    def _propagated(
        self, decoded: _Decoded, found: list[list[tuple[str, int, int]]]
    ) -> list[list[tuple[str, int, int]]]:
        """Chunks to add so that a person or organisation found once is found again where
        its words recur untagged (:func:`propagate_chunks`)."""
        if not any(c[0] in PROPAGATED for f in found for c in f):
            return [[] for _ in found]
        ids = self._name_ids[decoded.rows].tolist()  # every token's name word (made with its row)
        # a name whose tokens have no name word (punctuation only) is nothing to find again
        if not any(ids[a + k] for a, f in zip(decoded.starts, found) for kind, i, j in f if kind in PROPAGATED for k in range(i, j)):
            return [[] for _ in found]
        lengths = [len(p) for p in decoded.paths]
        return propagate_chunks(ids, decoded.starts, lengths, found, self._name_words, self._surname_alone if self.surnames else None)

    def _surname_alone(self, word: str) -> bool:
        """Whether the last word of a person found in a document (proclitics off) is that
        person where it stands alone elsewhere in it: no word of khabar's lists but a
        surname or a listed person (not a given name, "محمد" alone is anyone; not a title,
        particle, verb of saying or head word, with or without the article: "الشيخ" after a
        false "زايد الشيخ"), and not a word the first tagger rarely put inside a person in
        ANT (tag rate level 0, under 2 % of its occurrences: "الورود" after a false "بيع
        الورود"); a word ANT has too few times to rate may be.  Measured on the five CV
        folds (docs/ner.md, session 13): most persons missed are one word, many of them a
        surname the same article writes in full."""
        labels_of = word_lists().labels_of
        if any(not _SURNAME_LABELS.issuperset(labels_of.get(form, ())) for form in (word, ARTICLE + word)):
            return False
        table = self.model.clusters.tagged if self.model.clusters is not None else None
        levels = table.lookup(word) if table is not None else None
        return levels is None or levels[TAG_KINDS.index("PERS")] > 0

    def _decode(self, sentences: Sequence[Sequence[str]]) -> _Decoded:
        """The best label ids of every sentence (normalized tokens), read together as one
        document."""
        with self._lock:
            if len(self._index) > self.MAX_TYPES:
                self._reset()
            index = self._index
            # the word types not seen before, and every token's row: iterated in C (map,
            # filterfalse), not by a comprehension, since this runs for every token
            new = list(filterfalse(index.__contains__, dict.fromkeys(chain.from_iterable(sentences))))
            if new:
                self._add_rows(new)
            if cython.compiled:
                row_ids, starts = _token_rows(index, sentences, self._bos, self._eos)
            else:
                rows: list[int] = []
                starts = []
                pad_before, pad_after = [self._bos] * _PAD, [self._eos] * _PAD
                row_of = index.__getitem__
                for s in sentences:
                    rows += pad_before
                    starts.append(len(rows))
                    rows += map(row_of, s)
                    rows += pad_after
                # (read into the array as an iterator: a list given to numpy is read twice, for
                # its elements' type and then their values; 1.2 % of the mentions' instructions)
                row_ids = np.fromiter(rows, dtype=np.int64, count=len(rows))
            table = self._table if cython.compiled else self._table[row_ids]
            opens = self._opens[row_ids]
            bare = self._bare
            lengths = [len(s) for s in sentences]
            if not any(lengths):
                return _Decoded([np.zeros(0, dtype=np.int64) for _ in lengths], row_ids, starts)
            phrases = []
            # the tokens that may open a gazetteer phrase, found for the whole batch in one
            # search and handed to their sentences (padding opens none)
            hits = np.flatnonzero(opens).tolist()
            k = 0
            while k < len(hits):
                s_at = bisect_right(starts, hits[k]) - 1
                start, n = starts[s_at], lengths[s_at]
                end = bisect_left(hits, start + n, k)
                if end == k:  # a hit outside every sentence (padding opens none): skipped, never looped on
                    k += 1
                    continue
                candidates = [h - start for h in hits[k:end]]
                norms = [bare[r] for r in row_ids[start : start + n].tolist()]
                phrases += [(start, n, *m) for m in phrase_matches(norms, candidates)]
                k = end
        if cython.compiled:
            emit = _emissions(table, row_ids, self._bias)
        else:
            total = len(row_ids)
            emit = np.zeros((total, self._n), dtype=np.float32)
            for k, d in enumerate(OFFSETS):
                # the token at i sees the word at i + d through the weights of offset d
                lo, hi = max(0, -d), total - max(0, d)
                emit[lo:hi] += table[lo + d : hi + d, k]
            emit += self.model.bias
        if phrases:
            self._add_phrases(emit, phrases)
        return _Decoded(self._viterbi(emit, starts, lengths), row_ids, starts)

    def _add_phrases(self, emit: np.ndarray, phrases: list[tuple[int, int, int, int, str]]) -> None:
        """Add the weights of the gazetteer phrases' words ((sentence start, its length,
        first word, words, kind) each) to the emissions of the tokens that see them (offsets
        -1 to 1), all in one ``np.add.at``: it adds in the order given, so each token gets
        the same float32 sums as one ``+=`` a word and offset in that order (a numpy
        operation each: ~3 % of the mentions' instructions)."""
        near = [(k, d) for k, d in enumerate(OFFSETS) if abs(d) <= 1]
        labels: dict[str, int] = {}
        at: list[int] = []
        take: list[int] = []
        width = len(OFFSETS)
        for start, n, i, length, kind in phrases:
            for j in range(i, i + length):
                label = labels.setdefault(("B-" if j == i else "I-") + kind, len(labels))
                for k, d in near:
                    if 0 <= j - d < n:
                        at.append(start + j - d)
                        take.append(label * width + k)
        vectors = np.stack([self._phrase(label) for label in labels]).reshape(-1, self._n)
        np.add.at(emit, at, vectors[take])

    def _viterbi(self, emit: np.ndarray, starts: list[int], lengths: list[int]) -> list[np.ndarray]:
        """Best label ids of every sentence, batched: sentences sorted longest first, so
        the ones still running at step t are a prefix of the batch.

        Laid out label-major, (label, sentence): a step's scores are (previous label,
        label, sentence), so numpy's loops run along the sentences (a layout with nine
        labels innermost spent most of its time in loops of nine), and the maximum over
        the previous label is an elementwise maximum of nine slabs.  No back pointer is
        stored: each step's best scores are kept, and the way back finds, for the label
        chosen at a step, the best previous label from them (the same sums, the first
        best label as argmax takes it, so the same paths).  Measured on the 19 batches of
        ``benchmarks/bench_extract.py --n 300`` (1,790 steps): 0.058-0.063 s -> 0.031-0.035
        s of CPU (:func:`_batched_paths`).  Compiled (:mod:`khabar._compiled`), the same sums
        in C, sentence by sentence (:func:`_best_paths`): -3.2 % of the mentions' instructions."""
        trans = self.model.transitions
        if cython.compiled and emit.dtype == trans.dtype == np.float32:
            return _best_paths(np.ascontiguousarray(emit), trans.copy(), starts, lengths)  # (the model's is read-only)
        return _batched_paths(emit, trans, starts, lengths)


@cython.boundscheck(False)  # every index is below the array's size, counted first
@cython.wraparound(False)
@cython.locals(
    index=dict, out=cython.longlong[::1], at=cython.Py_ssize_t, total=cython.Py_ssize_t, k=cython.Py_ssize_t,
    bos=cython.longlong, eos=cython.longlong, s=object, token=object, pad=cython.Py_ssize_t,
)
def _token_rows(index: dict, sentences: Sequence[Sequence[str]], bos: int, eos: int) -> tuple[np.ndarray, list[int]]:
    """Every token's row in the tagger's word table (``index``, which holds each of them),
    each sentence between :data:`_PAD` rows of ``bos`` and of ``eos``, written into one
    int64 array as they are read; and where each sentence starts in it: :meth:`Tagger._decode`'s
    rows as a typed loop (compiled only), one dictionary look-up a token, no list of
    Python integers grown and read back into numpy (``rows += map(...)`` and
    ``np.fromiter``: the tagger's instructions over ``benchmarks/bench_tagger.py --n 100``
    423.6 -> 414.9 M; issue 19, session 34)."""
    pad = _PAD
    total = 0
    for s in sentences:
        total += len(s) + 2 * pad
    row_ids = np.empty(total, dtype=np.int64)
    out = row_ids
    starts = []
    at = 0
    for s in sentences:
        if at + len(s) + 2 * pad > total:
            raise ValueError("a sentence grew while it was read")
        for k in range(pad):
            out[at + k] = bos
        at += pad
        starts.append(at)
        for token in s:
            if at >= total - pad:
                raise ValueError("a sentence grew while it was read")
            out[at] = index[token]
            at += 1
        for k in range(pad):
            out[at + k] = eos
        at += pad
    if at != total:
        raise ValueError("a sentence shrank while it was read")
    return row_ids, starts


@cython.boundscheck(False)  # every row id is checked below, once
@cython.wraparound(False)
@cython.locals(
    table=cython.float[:, :, ::1], rows=cython.longlong[::1], b=cython.float[::1], e=cython.float[:, ::1],
    total=cython.Py_ssize_t, n_off=cython.Py_ssize_t, n=cython.Py_ssize_t, i=cython.Py_ssize_t, j=cython.Py_ssize_t,
    k=cython.Py_ssize_t, label=cython.Py_ssize_t, r=cython.longlong, offs=cython.int[::1],
)
def _emissions(table: np.ndarray, rows: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Each token's emission scores (tokens, labels): for every offset ``d`` of
    :data:`OFFSETS` in turn, the weights at ``d`` of the word at ``i + d`` (``table[rows[i + d], k]``,
    where that token is in the batch), then ``bias``, each added as float32 from zero in that
    order: the same sums as :meth:`Tagger._decode`'s numpy (the rows gathered, one slice added a
    offset, the bias), as one typed loop (compiled only) with no gathered copy of the rows'
    weights (issue 19, session 34)."""
    total, n_off, n = rows.shape[0], table.shape[1], table.shape[2]
    if n_off != len(OFFSETS) or bias.shape[0] != n:
        raise ValueError("the table, the offsets and the labels do not agree")
    offs = np.array(OFFSETS, dtype=np.intc)
    for i in range(total):
        if rows[i] < 0 or rows[i] >= table.shape[0]:
            raise ValueError("a row outside the table")
    out = np.zeros((total, n), dtype=np.float32)
    e, b = out, bias
    for i in range(total):
        for k in range(n_off):
            j = i + offs[k]
            if j < 0 or j >= total:
                continue
            r = rows[j]
            for label in range(n):
                e[i, label] = e[i, label] + table[r, k, label]
        for label in range(n):
            e[i, label] = e[i, label] + b[label]
    return out


def runs_of_rows(running: Sequence[int], first: int, t_max: int):
    """(start, stop, rows) of each run of steps ``first`` .. ``t_max`` - 1 over which the
    same number of sentences is still running (``running[t]``; sentences sorted longest
    first): a batched recurrence makes its array views once per run, not per step."""
    t = first
    while t < t_max:
        k = running[t]
        stop = t + 1
        while stop < t_max and running[stop] == k:
            stop += 1
        yield t, stop, k
        t = stop


def _batched_paths(emit: np.ndarray, trans: np.ndarray, starts: list[int], lengths: list[int]) -> list[np.ndarray]:
    """:meth:`Tagger._viterbi` in numpy, the sentences of a batch stepped together."""
    lens = np.array(lengths)
    order = np.argsort(-lens, kind="stable")
    lens_sorted = lens[order]
    b, t_max, n = len(lengths), int(lens_sorted[0]), len(trans)
    steps = np.arange(t_max)
    last_step = np.maximum(lens_sorted - 1, 0)
    idx = np.array(starts)[order][:, None] + np.minimum(steps[None, :], last_step[:, None])
    e = emit[idx].transpose(1, 2, 0).copy()  # (t_max, n, b)
    running = np.searchsorted(-lens_sorted, -steps, side="left").tolist()  # rows with length > t
    best = np.empty((t_max, n, b), dtype=emit.dtype)  # each step's best scores
    best[0] = e[0]
    # each step's arrays are small and the cost is in the calls: every result is
    # written in place, and the maximum is the ufunc's reduce (ndarray.max goes
    # through a Python wrapper)
    best_of = np.maximum.reduce
    from_to = trans[:, :, None]
    scores = np.empty((n, n, b), dtype=emit.dtype)
    for t0, stop, k in runs_of_rows(running, 1, t_max):
        here = scores[:, :, :k]
        for t in range(t0, stop):
            np.add(best[t - 1, :, None, :k], from_to, out=here)
            now = best[t, :, :k]
            best_of(here, axis=0, out=now)
            now += e[t, :, :k]
    current = best[last_step, :, np.arange(b)].argmax(axis=1)  # each row's last label
    path = np.zeros((t_max, b), dtype=np.int64)
    to_from = np.ascontiguousarray(trans.T)
    t = t_max - 1
    while t >= 0:
        k = running[t]
        stop = t - 1
        while stop >= 0 and running[stop] == k:
            stop -= 1
        cur, path_k = current[:k], path[:, :k]
        for t in range(t, stop, -1):
            path_k[t] = cur
            if t:
                (best[t - 1, :, :k].T + to_from[cur]).argmax(axis=1, out=cur)
        t = stop
    out: list[np.ndarray] = [path[:0, 0]] * len(lengths)
    for rank, i in enumerate(order.tolist()):
        out[i] = path[: lens_sorted[rank], rank]
    return out


@cython.boundscheck(False)  # every index is checked below, once a sentence
@cython.wraparound(False)
@cython.locals(
    e=cython.float[:, ::1], tr=cython.float[:, ::1], best=cython.float[:, ::1], way=cython.longlong[::1],
    n=cython.Py_ssize_t, s=cython.Py_ssize_t, a=cython.Py_ssize_t, size=cython.Py_ssize_t, t=cython.Py_ssize_t,
    i=cython.Py_ssize_t, j=cython.Py_ssize_t, top_i=cython.Py_ssize_t, top=cython.float, v=cython.float,
)
def _best_paths(emit: np.ndarray, trans: np.ndarray, starts: list[int], lengths: list[int]) -> list[np.ndarray]:
    """:meth:`Tagger._viterbi` as typed loops, for the compiled build (as Python it would
    be far slower than numpy's batch): the same float32 sums (a label's best score at a
    step is the maximum over the previous label of its best score plus the transition,
    plus the emission), the same first best label where two tie, so the same paths."""
    e, tr = emit, trans
    n = tr.shape[0]
    if e.shape[1] != n or tr.shape[1] != n or len(starts) != len(lengths):
        raise ValueError("emissions, transitions and sentences do not agree")
    best = np.empty((max(max(lengths), 1), n), dtype=np.float32)
    out = []
    for s in range(len(lengths)):
        a, size = starts[s], lengths[s]
        if a < 0 or size < 0 or a + size > e.shape[0]:
            raise ValueError("a sentence outside the emissions")
        path = np.zeros(size, dtype=np.int64)
        out.append(path)
        if not size:
            continue
        way = path
        for j in range(n):
            best[0, j] = e[a, j]
        for t in range(1, size):
            for j in range(n):
                top = best[t - 1, 0] + tr[0, j]
                for i in range(1, n):
                    v = best[t - 1, i] + tr[i, j]
                    if v > top:
                        top = v
                best[t, j] = top + e[a + t, j]
        top_i = 0
        for i in range(1, n):
            if best[size - 1, i] > best[size - 1, top_i]:
                top_i = i
        for t in range(size - 1, -1, -1):
            way[t] = top_i
            if t:
                j, top_i, top = top_i, 0, best[t - 1, 0] + tr[0, top_i]
                for i in range(1, n):
                    v = best[t - 1, i] + tr[i, j]
                    if v > top:
                        top, top_i = v, i
    return out


#: The word-list labels a person's last word may have and still stand alone for the person
#: (:meth:`Tagger._surname_alone`).
_SURNAME_LABELS = frozenset(("surname", "gPERS"))

#: Types whose names are found again where their words recur in the document.  Measured
#: on the last CV fold: +1.0 F1 overall (PERS +1.0, ORG +3.1); places lost 0.5, so they
#: are left to the tagger.
PROPAGATED = ("PERS", "ORG")


def extend_over_particles(found: Sequence[tuple[str, int, int]], bare: Sequence[str]) -> list[tuple[str, int, int]]:
    """``found`` (type, first, last + 1) chunks of a sentence whose words are ``bare``
    (normalized letters), each person that ends on a name particle of the word lists
    ("بن", "أبي", "بنت", "دو"; proclitics off) taken on over the next word while that
    word is in no other chunk, is Arabic letters and no function word: "علي بن أبي"
    before "طالب" is "علي بن أبي طالب".  Measured on the five CV folds (docs/ner.md):
    PERS F1 72.7 -> 73.1, no fold lower."""
    out: list[tuple[str, int, int]] = []
    n = len(bare)
    for k, (kind, a, b) in enumerate(found):
        if kind == "PERS":
            limit = found[k + 1][1] if k + 1 < len(found) else n
            while b < limit and _is_particle(bare[b - 1]) and _name_like(bare[b]):
                b += 1
        out.append((kind, a, b))
    return out


#: The given name "علي" as written: normalization makes it one word with the preposition
#: "على" (final alef maqsura), which on the ANERcorp train split starts a person once in
#: 1,444, while "علي" with final yeh is a person's name 43 times in 273.
_ALI = "علي"
_ALEF_MAQSURA_ALA = "على"


def start_at_written_ali(found: Sequence[tuple[str, int, int]], written: Sequence[str]) -> list[tuple[str, int, int]]:
    """``found`` (type, first, last + 1) chunks of a sentence whose tokens are ``written``
    (as written, not normalized): a person begins at the word "علي" written with final
    yeh just before it when that word is in no other chunk ("علي" "عبد" "الله"), and a
    person the tagger began at "على" written with alef maqsura (the preposition) begins
    after it.  Measured on the five CV folds (docs/ner.md)."""
    out: list[tuple[str, int, int]] = []
    free_from = 0  # the first token in no chunk kept so far
    for kind, a, b in found:
        if kind == "PERS":
            if a > free_from and strip_diacritics(written[a - 1]) == _ALI:
                a -= 1
            elif strip_diacritics(written[a]) == _ALEF_MAQSURA_ALA:
                a += 1
                if a == b:
                    continue
        out.append((kind, a, b))
        free_from = b
    return out


@lru_cache(maxsize=50_000)
def _is_particle(bare: str) -> bool:
    return "cue_particle" in word_lists().labels_of.get(strip_clitics(bare), ())


def _name_like(bare: str) -> bool:
    return bool(bare) and _ARABIC_WORD.fullmatch(bare) is not None and bare not in STOPWORDS


_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def bio_label(label: str) -> str:
    """The BIO label of a BIO or BILOU label: L- (a name's last word) is I-, U- (a name of
    one word) is B-."""
    if label.startswith("L-"):
        return "I-" + label[2:]
    if label.startswith("U-"):
        return "B-" + label[2:]
    return label


def bilou_tags(tags: Sequence[str]) -> list[str]:
    """BIO tags as BILOU: the last word of a name of two words or more is L-, a name of one
    word U- (chunks read as conlleval reads them: an I- after O or another type opens one)."""
    out = ["O"] * len(tags)
    for kind, a, b in _chunk_spans(tags):
        if b - a == 1:
            out[a] = "U-" + kind
        else:
            out[a : b] = ["B-" + kind] + ["I-" + kind] * (b - a - 2) + ["L-" + kind]
    return out


def _chunk_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (not out or out[-1][2] != i or out[-1][0] != tag[2:])):
            out.append((tag[2:], i, i + 1))
        elif tag.startswith("I-"):
            kind, a, _ = out[-1]
            out[-1] = (kind, a, i + 1)
    return out


@lru_cache(maxsize=200_000)
def _normalized(token: str) -> str:
    """A token as the tagger reads it: normalized (a token that normalizes to nothing,
    a lone tatweel, stands as written)."""
    return normalize(token) or token


@lru_cache(maxsize=200_000)
def name_word(token: str) -> str:
    """The word a token names: normalized letters, proclitics off ("وسامر" -> "سامر")."""
    return strip_clitics(bare_norm(token))


@cython.locals(
    ids=list, n=cython.Py_ssize_t, base=cython.Py_ssize_t, size=cython.Py_ssize_t, j=cython.Py_ssize_t,
    free_from=cython.Py_ssize_t, length=cython.Py_ssize_t,
)
def propagate_chunks(
    ids: list[int],
    starts: Sequence[int],
    lengths: Sequence[int],
    found: Sequence[Sequence[tuple[str, int, int]]],
    words: Sequence[str],
    surname: Callable[[str], bool] | None = None,
) -> list[list[tuple[str, int, int]]]:
    """The chunks to add to a document whose sentences have the name words ``ids`` (a list:
    for each token, the id in ``words`` of its form without proclitics, 0 for none; sentence
    ``n`` is the ``lengths[n]`` ids from ``starts[n]``) and the chunks ``found``: every
    untagged run of tokens whose words are those of a person or organisation found elsewhere
    (longest run first; one-word names of 3 letters or more, never a function word), as the
    type it was found with most often.  With ``surname``, the last word of a person of two
    words or more, where ``surname`` accepts it, is a one-word person wherever it stands
    alone ("فرويد" after "سيغموند فرويد"; see :meth:`Tagger._surname_alone`).

    One list of Python ints read in a loop (compiled: C indices, most tokens' id 0 passed
    by a test of it), where the sentences were arrays put together again and sifted by
    numpy (~15,000 instructions a call of each of its functions): the bench's sample 43 ->
    20 M instructions, the same chunks (docs/measurements.md, issue 19)."""
    names: dict[tuple[int, ...], list[str]] = {}
    last_words: set[int] = set()
    for base, chunks_s in zip(starts, found):
        for kind, a, b in chunks_s:
            key = tuple(ids[base + a : base + b])
            if kind in PROPAGATED and all(key):
                if len(key) == 1 and (len(words[key[0]]) < 3 or words[key[0]] in STOPWORDS):
                    continue
                names.setdefault(key, []).append(kind)
                if surname is not None and kind == "PERS" and len(key) > 1:
                    last_words.add(key[-1])
    for last in last_words:
        if (last,) not in names and len(words[last]) >= 3 and words[last] not in STOPWORDS and surname(words[last]):
            names[(last,)] = ["PERS"]
    out: list[list[tuple[str, int, int]]] = [[] for _ in found]
    if not names:
        return out
    # the lengths of the names each first word opens, longest first: a run is looked up at
    # those only (trying every length up to the longest name cost most of this function)
    lengths_of: dict[int, list[int]] = {}
    for key in names:
        lengths_of.setdefault(key[0], []).append(len(key))
    for found_lengths in lengths_of.values():
        found_lengths.sort(reverse=True)
    for n in range(len(found)):
        base, size = starts[n], lengths[n]
        free_from = 0  # positions before it are inside a name added here
        for j in range(size):
            if j < free_from:
                continue
            word = ids[base + j]
            if not word:
                continue
            opened = lengths_of.get(word)
            if opened is None:
                continue
            for length in opened:
                if j + length > size:
                    continue
                kinds = names.get(tuple(ids[base + j : base + j + length]))
                if kinds and _untagged(found[n], j, j + length):
                    out[n].append((max(sorted(set(kinds)), key=kinds.count), j, j + length))
                    free_from = j + length
                    break
    return out


@cython.cfunc
@cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t, a=cython.Py_ssize_t, b=cython.Py_ssize_t)
def _untagged(chunks: Sequence[tuple[str, int, int]], i: int, j: int) -> bool:
    """Whether no chunk covers a token of ``i:j``: a test of each chunk's ends, where a
    sentence's tags were an array of bytes set a slice a chunk (~1,800 instructions each)."""
    for _kind, a, b in chunks:
        if a < b and a < j and i < b:
            return False
    return True


def propagate_names(
    sentences: Sequence[Sequence[str]], tags: list[list[str]], surname: Callable[[str], bool] | None = None
) -> list[list[str]]:
    """``tags`` with the names of :func:`propagate_chunks` added (tokens as written)."""
    vocab: dict[str, int] = {"": 0}
    ids = [vocab.setdefault(name_word(t), len(vocab)) for s in sentences for t in s]
    lengths = [len(s) for s in sentences]
    starts = [sum(lengths[:n]) for n in range(len(lengths))]
    out = [list(t) for t in tags]
    for labels, added in zip(out, propagate_chunks(ids, starts, lengths, [_chunk_spans(t) for t in tags], list(vocab), surname)):
        for kind, a, b in added:
            labels[a:b] = ["B-" + kind] + ["I-" + kind] * (b - a - 1)
    return out


def precompute_words(model: Model, words: Sequence[str]) -> dict[str, np.ndarray]:
    """Arrays that file, under the hash of each plain normalized word of ``words``, its
    summed weights at every offset and whether it may open a gazetteer phrase: the
    tagger then computes no attribute for those words (most of a news text)."""
    tagger = Tagger(model)
    plain = sorted({w for w in words if w and w.isalnum() and normalize(w) == w})
    keys = np.array([stable_hash(w) for w in plain], dtype=np.uint64)
    rows = [tagger._row(w) for w in plain]
    sums = tagger._table[rows] if rows else np.zeros((0, len(OFFSETS), len(model.labels)))
    opens = tagger._opens[rows] if rows else np.zeros(0, dtype=bool)
    order = np.argsort(keys)
    keys, sums, opens = keys[order], sums[order], opens[order]
    unique = np.concatenate([[True], keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=bool)
    return {
        "word_keys": keys[unique],
        "word_sums": sums[unique].astype(np.float16),
        "word_opens": opens[unique],
    }


@lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """The shipped tagger, loaded on first use (a few milliseconds)."""
    return Tagger(Model.load())


def tag_sentences(sentences: Sequence[Sequence[str]]) -> list[list[str]]:
    """BIO tags (``B-PERS``, ``I-LOC``, ``O`` ...) for tokenized sentences, by the shipped model."""
    return get_tagger().tag(sentences)


def training_note(path: str | Path) -> str | None:
    """A warning when ``path`` is the very file the shipped model was trained on: scores
    on it are training figures, not what the tagger does on unseen text."""
    try:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return None
    meta = get_tagger().model.meta
    if digest == meta.get("trained_digest"):
        return (
            f"note: the shipped model was trained on {Path(path).name}: these are training figures; "
            "cross-validate (--folds 5) for what to expect on unseen text"
        )
    return None
