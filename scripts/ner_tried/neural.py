"""A small BiLSTM beside the CRF: per-token label scores added to the CRF's before Viterbi.

Trained with torch at build time (``scripts/ner_tried/ner_neural.py``), shipped as arrays inside the
tagger's model file (``nn_*``) and run here with numpy, so tagging needs no torch.

* Each token is a bag of the CRF's own word attributes (:func:`khabar.extract.tagger.crf.network_attributes`: the
  word, its form without proclitics, stem, prefixes and suffixes, shape, word-list hits,
  clusters, cue rates, and the gazetteer phrase it sits in), each attribute an embedding
  row filed under the 64-bit hash of its name; the token's input is their sum.
* A one-layer bidirectional LSTM over the sentence, then a linear layer: one score per
  label and token.  The input layer is linear, so the LSTM's input projection of each
  word type is computed once and cached; only the recurrent steps run per sentence,
  batched over all the sentences of a call.
* Its label-transition scores are learned with it (a CRF loss in training); the tagger
  adds both, weighted, to the CRF's (:class:`khabar.extract.tagger.crf.Tagger`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

import numpy as np

from khabar.extract.tagger.features import bare_norm, phrase_attributes
from khabar.extract.tagger.crf import runs_of_rows  # kept in src: the CRF's Viterbi uses it
from khabar.extract.tagger.hashing import find_rows, stable_hash

#: Families that name the word itself: dropped at random in training, so that the network
#: learns to read a name it never saw from its other attributes.
WORDY = frozenset({"w", "s", "st", "x4"})
PREFIX = "nn_"


def phrase_names(tokens: Sequence[str]) -> list[list[str]]:
    """The gazetteer phrase attributes ("gz=B-LOC" ...) of each token of a sentence."""
    return [[f"gz={p}" for p in ps] for ps in phrase_attributes([bare_norm(t) for t in tokens])]


def quantized(emb: np.ndarray) -> dict[str, np.ndarray]:
    """An embedding table as int8 rows with a float16 scale each (half the bytes of
    float16): what the model file stores (``nn_emb``, ``nn_emb_scale``)."""
    emb = np.asarray(emb, dtype=np.float32)
    scale = np.abs(emb).max(axis=1) / 127.0
    scale = np.where(scale == 0, 1.0, scale).astype(np.float16)
    q = np.clip(np.round(emb / scale.astype(np.float32)[:, None]), -127, 127).astype(np.int8)
    return {PREFIX + "emb": q, PREFIX + "emb_scale": scale}


class _Bags:
    """What both networks share: each token is the sum of its attributes' embedding rows
    (and its word vector), and the first layer is linear in it, so the first layer's
    projection of each word type is computed once and cached."""

    def __init__(self, arrays, proj: np.ndarray, *, attributes, bare) -> None:
        """``proj``: the first layer's input weights, (inputs, outputs): the attribute
        embedding's dimensions first, then the word vector's (when the file has vectors)."""
        self.attributes, self.bare = attributes, bare
        self.keys = np.asarray(arrays[PREFIX + "keys"])
        self.emb = arrays[PREFIX + "emb"]  # int8 (times a scale per row) or float16: the rows a text uses are converted
        self.emb_scale = arrays.get(PREFIX + "emb_scale")
        self.out_w = np.asarray(arrays[PREFIX + "out_w"], dtype=np.float32).T.copy()  # (hidden, L)
        self.out_b = np.asarray(arrays[PREFIX + "out_b"], dtype=np.float32)
        self.transitions = np.asarray(arrays[PREFIX + "trans"], dtype=np.float32)
        dim = self.emb.shape[1]
        self.emb_proj = np.ascontiguousarray(proj[:dim], dtype=np.float32)
        # word vectors learned from ANT without labels, of the word without proclitics
        # (int8, a unit vector times 127), read beside the attributes
        self.vecs = arrays.get(PREFIX + "vecs")
        # the vectors' words are those of the bare-word clusters (the same build): the
        # model file keeps their keys once
        self.vec_keys = arrays.get(PREFIX + "vec_keys", arrays.get("bare_cluster_keys")) if self.vecs is not None else None
        self.vec_proj = (proj[dim:] / 127.0).astype(np.float32) if self.vec_keys is not None else None
        self._cache: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()  # taggers of several threads share the cache

    @staticmethod
    def arrays_of(arrays) -> bool:
        return PREFIX + "keys" in arrays

    def rows(self, names: Sequence[str]) -> np.ndarray:
        found = find_rows(self.keys, [stable_hash(x) for x in names])
        return found[found >= 0]

    def _word_proj(self, tokens: Sequence[str], clusters) -> np.ndarray:
        """The cached input projection of each normalized token type."""
        with self._lock:
            return self._word_proj_locked(tokens, clusters)

    def _word_proj_locked(self, tokens: Sequence[str], clusters) -> np.ndarray:
        cache = self._cache
        if len(cache) > 200_000:
            cache.clear()
        new = [t for t in dict.fromkeys(tokens) if t not in cache]
        if new:
            for t, row in zip(new, self.project(new, clusters)):
                cache[t] = row
        return np.stack([cache[t] for t in tokens]) if tokens else np.zeros((0, self.emb_proj.shape[1]), np.float32)

    def project(self, new: Sequence[str], clusters) -> np.ndarray:
        """The first layer's projection (uncached) of each normalized token: (n, outputs);
        zeros for "" (the tagger's padding rows)."""
        sums = np.zeros((len(new), self.emb_proj.shape[1]), dtype=np.float32)
        real = [k for k, t in enumerate(new) if t]
        if real:
            sums[real] = self._project([new[k] for k in real], clusters)
        return sums

    def _project(self, new: Sequence[str], clusters) -> np.ndarray:
        names = [self.attributes(t, clusters) for t in new]
        found = find_rows(self.keys, [stable_hash(x) for ns in names for x in ns])
        owner = np.repeat(np.arange(len(new)), [len(ns) for ns in names])
        hit = found >= 0
        bags = np.zeros((len(new), self.emb.shape[1]), dtype=np.float32)
        np.add.at(bags, owner[hit], self._emb_rows(found[hit]))
        sums = bags @ self.emb_proj
        if self.vec_proj is not None:
            rows = find_rows(self.vec_keys, [stable_hash(self.bare(t)) for t in new])
            has = rows >= 0
            if has.any():
                sums[has] += self.vecs[rows[has]].astype(np.float32) @ self.vec_proj
        return sums

    def _emb_rows(self, rows: np.ndarray) -> np.ndarray:
        out = self.emb[rows].astype(np.float32)
        if self.emb_scale is not None:
            out *= self.emb_scale[rows].astype(np.float32)[:, None]
        return out


class Window(_Bags):
    """A window network: one convolution over the token inputs (``K`` tokens wide, the
    token in the middle), a ReLU, a linear layer to the labels.  Its first layer is linear
    in each token's input, so each word type's share of every window position is cached
    (``K`` x hidden numbers); a call costs ``K`` gathers and one matrix product for all its
    tokens, no step per token (docs/ner.md, eleventh round)."""

    def __init__(self, arrays, *, attributes, bare) -> None:
        conv = np.asarray(arrays[PREFIX + "conv_w"], dtype=np.float32)  # (H, inputs, K): torch's Conv1d
        self.hidden, _inputs, self.width = conv.shape
        super().__init__(arrays, np.transpose(conv, (1, 2, 0)).reshape(conv.shape[1], -1), attributes=attributes, bare=bare)
        self.conv_b = np.asarray(arrays[PREFIX + "conv_b"], dtype=np.float32)

    def scores(self, table: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Label scores of rows laid out as the CRF tagger lays out a call: each sentence
        between padding rows (at least ``width // 2`` on each side) whose projections
        (:meth:`project` of "") are zeros.  ``table``: (types, width x hidden), each word
        type's projection; ``rows``: the type of each row.  Each window position reads its
        slice of the types' projections straight from the table (one gather each, no copy
        of the whole rows).  The padding rows' scores are meaningless."""
        k_w, h_dim, half = self.width, self.hidden, self.width // 2
        table = table.reshape(len(table), k_w, h_dim)
        n = len(rows)
        h = np.empty((n, h_dim), dtype=np.float32)
        h[:] = self.conv_b
        for k in range(k_w):
            d = k - half  # the row at i + d through the weights of window position k
            lo, hi = max(0, -d), n - max(0, d)
            h[lo:hi] += table[rows[lo + d : hi + d], k]
        np.maximum(h, 0.0, out=h)
        return h @ self.out_w + self.out_b

    def emissions(self, sentences: Sequence[Sequence[str]], clusters) -> list[np.ndarray]:
        """Label scores (n, labels) of every token of every sentence (normalized tokens)."""
        lengths = [len(s) for s in sentences]
        flat = [t for s in sentences for t in s]
        if not flat:
            return [np.zeros((0, len(self.out_b)), np.float32) for _ in sentences]
        k_w, h_dim, half = self.width, self.hidden, self.width // 2
        x = self._word_proj(flat, clusters).reshape(len(flat), k_w, h_dim)
        # the sentences one after another with ``half`` empty rows around each: a window
        # reads nothing across a sentence's edge (torch's zero padding)
        pos = np.arange(len(flat)) + half * (1 + 2 * np.repeat(np.arange(len(lengths)), lengths))
        padded = np.zeros((len(flat) + 2 * half * len(lengths), k_w, h_dim), dtype=np.float32)
        padded[pos] = x
        h = self.conv_b + padded[pos - half, 0]
        for k in range(1, k_w):
            h += padded[pos + k - half, k]
        np.maximum(h, 0.0, out=h)
        scores = h @ self.out_w + self.out_b
        starts = np.cumsum([0, *lengths])
        return [scores[a:b] for a, b in zip(starts[:-1], starts[1:])]


class Neural(_Bags):
    """The network's arrays (``nn_*`` of a model file) and its numpy forward pass."""

    def __init__(self, arrays, *, attributes, bare) -> None:
        """``attributes(token, clusters)``: the attribute names of a normalized token
        (:func:`khabar.extract.tagger.crf.network_attributes`); ``bare(token)``: its form
        without proclitics, whose word vector it reads."""
        wih = np.asarray(arrays[PREFIX + "wih"], dtype=np.float32)  # (2, 4H, D)
        # the input projection of an attribute sum, both directions: (D, 8H)
        super().__init__(arrays, np.concatenate([wih[0], wih[1]], axis=0).T, attributes=attributes, bare=bare)
        self.whh_t = np.ascontiguousarray(np.transpose(np.asarray(arrays[PREFIX + "whh"], dtype=np.float32), (0, 2, 1)))
        self.bias = np.asarray(arrays[PREFIX + "b"], dtype=np.float32)  # (2, 4H): both of torch's biases
        self.hidden = self.whh_t.shape[1]
        h = self.hidden
        # gates i, f, g, o (torch's order): sigmoid(x) = 0.5 * tanh(x / 2) + 0.5
        self._scale = np.concatenate([np.full(2 * h, 0.5), np.ones(h), np.full(h, 0.5)]).astype(np.float32)
        self._shift = np.concatenate([np.full(2 * h, 0.5), np.zeros(h), np.full(h, 0.5)]).astype(np.float32)

    def emissions(self, sentences: Sequence[Sequence[str]], clusters) -> list[np.ndarray]:
        """Label scores (n, labels) of every token of every sentence (normalized tokens)."""
        lengths = [len(s) for s in sentences]
        flat = [t for s in sentences for t in s]
        n_labels = len(self.out_b)
        if not flat:
            return [np.zeros((0, n_labels), np.float32) for _ in sentences]
        x = self._word_proj(flat, clusters)
        starts = np.cumsum([0, *lengths])
        for k, s in enumerate(sentences):
            for j, names in enumerate(phrase_names(s)):
                if names:
                    x[starts[k] + j] += self._emb_rows(self.rows(names)).sum(axis=0) @ self.emb_proj
        x += self.bias.reshape(-1)
        out = self._run(x, lengths, starts)
        scores = out @ self.out_w + self.out_b
        return [scores[a:b] for a, b in zip(starts[:-1], starts[1:])]

    def _run(self, x: np.ndarray, lengths: Sequence[int], starts: np.ndarray) -> np.ndarray:
        """Hidden states (tokens, 2H) of both directions for every token (rows of ``x``,
        the projected inputs of both directions), the sentences batched longest first and
        the two directions stepped together (one matmul and one of each array operation a
        step for both: a call tags an article, and the cost is in the calls)."""
        lens = np.array(lengths)
        order = np.argsort(-lens, kind="stable")
        lens_sorted = lens[order]
        t_max = int(lens_sorted[0])
        steps = np.arange(t_max)
        last = np.maximum(lens_sorted - 1, 0)[None, :]
        pos = np.minimum(steps[:, None], last)  # (T, B)
        first = starts[:-1][order][None, :]
        h_dim = self.hidden
        g4 = 4 * h_dim
        xs = np.empty((t_max, 2, len(lengths), g4), dtype=np.float32)
        xs[:, 0] = x[first + pos, :g4]
        xs[:, 1] = x[first + last - pos, g4:]  # the backward direction reads each sentence from its end
        running = np.searchsorted(-lens_sorted, -steps, side="left").tolist()
        b = len(lengths)
        h = np.zeros((2, b, h_dim), dtype=np.float32)
        c = np.zeros((2, b, h_dim), dtype=np.float32)
        hs = np.zeros((t_max, 2, b, h_dim), dtype=np.float32)
        whh, scale, shift = self.whh_t, self._scale, self._shift
        g = np.empty((2, b, g4), dtype=np.float32)
        ig = np.empty((2, b, h_dim), dtype=np.float32)
        for t0, stop, k in runs_of_rows(running, 0, t_max):
            hk, ck, gk, igk = h[:, :k], c[:, :k], g[:, :k], ig[:, :k]
            i, f, gg, o = gk[..., :h_dim], gk[..., h_dim : 2 * h_dim], gk[..., 2 * h_dim : 3 * h_dim], gk[..., 3 * h_dim :]
            for t in range(t0, stop):
                np.matmul(hk, whh, out=gk)
                gk += xs[t, :, :k]
                gk *= scale  # sigmoid gates as 0.5 * tanh(x / 2) + 0.5, the cell input as tanh(x)
                np.tanh(gk, out=gk)
                gk *= scale
                gk += shift
                ck *= f
                np.multiply(i, gg, out=igk)
                ck += igk
                np.tanh(ck, out=hk)
                hk *= o
                hs[t, :, :k] = hk
        out = np.empty((len(x), 2 * h_dim), dtype=np.float32)
        valid = steps[:, None] < lens_sorted[None, :]
        at = (first + pos)[valid]
        out[at, :h_dim] = hs[:, 0][valid]
        out[(first + last - pos)[valid], h_dim:] = hs[:, 1][valid]
        return out
