"""Train the network beside the name tagger's CRF (khabar.extract.tagger.neural) with torch:
the small BiLSTM (``--arch lstm``) or the window network (``--arch window``: one
convolution ``--width`` tokens wide, ``--hidden`` units; the shipped one, docs/ner.md,
eleventh round).

Training only: torch is no run-time dependency (``pip install torch==2.13.0``); the
network is exported as arrays and run with numpy (docs/ner.md, ninth round).

    C=../shared/corpora/anercorp/ANERCorp_CamelLab_train.txt
    # word vectors of ANT's words without proclitics (int8, under word hashes)
    nice -n 10 python scripts/ner_neural.py vectors ../shared/corpora/ant --output /tmp/nnfold/vectors.npz
    # one held-in fold of the five (dev): the CRF and the network trained on the other
    # four; the CRF alone, the network alone and the two summed at each weight
    nice -n 10 python scripts/ner_neural.py fold $C --fold 4 --vectors /tmp/nnfold/vectors.npz \
        --dropout 0.5 --word-drop 0.3 --epochs 8 --tag vecreg --weights 0 0.3 0.5 1 [--int8]
    # five folds pooled (the folds of `khabar eval ner --folds 5`)
    nice -n 10 python scripts/ner_neural.py cv $C --vectors ... --dropout 0.5 --word-drop 0.3 --epochs 8 --weight 0.5 --jobs 5
    # the network into the model file (trained on every sentence, or --network an nn file of `fold`)
    nice -n 10 python scripts/ner_neural.py ship $C --model src/khabar/extract/tagger/data/ner-anercorp.npz \
        --vectors ... --dropout 0.5 --word-drop 0.3 --epochs 8 --weight 0.5
    # the shipped window network (eleventh round): five folds, then into the model file
    nice -n 5 python scripts/ner_neural.py cv $C --arch window --hidden 64 --width 5 --vectors ... \
        --dropout 0.5 --word-drop 0.3 --epochs 8 --tag win64 --weight 0.3 --jobs 2
    nice -n 5 python scripts/ner_neural.py ship $C --model src/khabar/extract/tagger/data/ner-anercorp.npz \
        --arch window --hidden 64 --width 5 --vectors ... --dropout 0.5 --word-drop 0.3 --epochs 8 --weight 0.3
    # CPU time of the CRF alone and with a network, warm
    python scripts/ner_neural.py speed $C --network /tmp/nnfold/nn4-vecreg.npz

The network reads the CRF's word attributes (khabar.extract.tagger.neural.network_attributes)
with the clusters and cue rates of the shipped model file, never its tag rates.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
import numpy as np

from khabar.evaluate.ner import fold_ranges, read_bio
from khabar.extract.tagger.crf import Model, Tagger, _normalized, network_attributes, neural_of, stable_hash
from khabar.extract.tagger.neural import PREFIX, WORDY, phrase_names
from khabar.extract.tagger.train import make_model, save_model, train_crf, with_tag_table

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from ner_folds import fold_crf, summary, tag_windows  # noqa: E402  (the folder above)

#: Network sizes and training, chosen on the held-in fold (docs/ner.md).
DIM, HIDDEN, EPOCHS, BATCH, LR = 64, 64, 12, 16, 2e-3
DROPOUT, WORD_DROP, MIN_COUNT, SEED = 0.4, 0.15, 2, 1
#: Tokens a window network's convolution reads (the token in the middle).
WIDTH = 5
#: Dimensions of the word vectors the model file keeps (khabar.extract.tagger.neural): 32
#: cross-validate as 48 did (the window network of hidden 64 at weight 0.3, the same five
#: networks packed either way: overall 78.9 and PERS 76.6 against 78.9 and 76.5; docs/ner.md,
#: twelfth round) in two thirds of the bytes.
VEC_DIMS = 32


def sentence_bags(sentences, clusters, *, phrases=True):
    """Per sentence, per token: the attribute names the network reads (the window network
    reads no gazetteer phrases: the CRF beside it does)."""
    out = []
    for s in sentences:
        norms = [_normalized(t) for t in s]
        extra = phrase_names(norms) if phrases else [[] for _ in norms]
        out.append([network_attributes(t, clusters) + p for t, p in zip(norms, extra)])
    return out


def train_network(sentences, labels, clusters, *, dim=DIM, hidden=HIDDEN, epochs=EPOCHS, vectors=None, arch="lstm", width=WIDTH, log=print):
    """Train on (token, tag) sentences; the ``nn_*`` arrays of the model file.  ``arch``:
    "lstm" (the BiLSTM) or "window" (one convolution ``width`` tokens wide, a ReLU)."""
    import torch
    from torch import nn
    from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = np.random.default_rng(SEED)
    bags = sentence_bags([[t for t, _ in s] for s in sentences], clusters, phrases=arch == "lstm")
    counts = Counter(a for s in bags for tok in s for a in tok)
    vocab = sorted((a for a, c in counts.items() if c >= MIN_COUNT), key=stable_hash)
    index = {a: i for i, a in enumerate(vocab)}
    log(f"network: {len(sentences)} sentences, {len(vocab)} attributes (of {len(counts)})")
    col = {lab: k for k, lab in enumerate(labels)}
    data = []
    if vectors is not None:
        from khabar.extract.tagger.crf import find_rows, name_word

        vec_table = np.concatenate([vectors["vectors"].astype(np.float32) / 127.0, np.zeros((1, vectors["vectors"].shape[1]), np.float32)])
        vec_rows = [find_rows(vectors["keys"], [stable_hash(name_word(_normalized(t))) for t, _ in s]) for s in sentences]
        vec_rows = [np.where(r >= 0, r, len(vec_table) - 1) for r in vec_rows]
    else:
        vec_table, vec_rows = None, [np.zeros(len(s), np.int64) for s in sentences]
    for s, bag, vrow in zip(sentences, bags, vec_rows):
        ids, owner, wordy = [], [], []
        for j, tok in enumerate(bag):
            for a in tok:
                k = index.get(a)
                if k is not None:
                    ids.append(k)
                    owner.append(j)
                    wordy.append(a.split("=", 1)[0] in WORDY)
        data.append((np.array(ids, np.int64), np.array(owner, np.int64), np.array(wordy, bool), np.array([col[g] for _, g in s], np.int64), vrow))

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.EmbeddingBag(len(vocab), dim, mode="sum")
            nn.init.normal_(self.emb.weight, std=0.1)
            self.drop = nn.Dropout(DROPOUT)
            self.vec = nn.Embedding.from_pretrained(torch.from_numpy(vec_table), freeze=True) if vec_table is not None else None
            inputs = dim + (vec_table.shape[1] if vec_table is not None else 0)
            if arch == "lstm":
                self.lstm = nn.LSTM(inputs, hidden, batch_first=True, bidirectional=True)
                self.out = nn.Linear(2 * hidden, len(labels))
            else:
                self.conv = nn.Conv1d(inputs, hidden, width, padding=width // 2)
                self.out = nn.Linear(hidden, len(labels))
            self.trans = nn.Parameter(torch.zeros(len(labels), len(labels)))

        def forward(self, ids, offsets, lengths, vrows):
            x = self.emb(ids, offsets)  # (tokens, dim)
            if self.vec is not None:
                x = torch.cat([x, self.vec(vrows)], dim=1)
            parts = torch.split(x, lengths.tolist())
            padded = nn.utils.rnn.pad_sequence(parts, batch_first=True)
            if arch != "lstm":  # padding rows are zeros: a window reads nothing past the sentence
                h = torch.relu(self.conv(self.drop(padded).transpose(1, 2))).transpose(1, 2)
                return self.out(self.drop(h))
            packed = pack_padded_sequence(self.drop(padded), lengths, batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = pad_packed_sequence(h, batch_first=True)
            return self.out(self.drop(h))

    def crf_loss(emit, tags, mask, trans):
        b, t_max, n = emit.shape
        gold = emit.gather(2, tags.unsqueeze(2)).squeeze(2)
        gold = (gold * mask).sum(1)
        pair = trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]
        gold = gold + pair.sum(1)
        alpha = emit[:, 0]
        for t in range(1, t_max):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + trans, dim=1) + emit[:, t]
            alpha = torch.where(mask[:, t : t + 1] > 0, nxt, alpha)
        return (torch.logsumexp(alpha, dim=1) - gold).sum()

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=LR)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 1.0 / (1 + 0.1 * e))
    order = np.arange(len(data))
    tokens = sum(len(d[3]) for d in data)
    for epoch in range(epochs):
        started = time.process_time()
        net.train()
        rng.shuffle(order)
        # batches of sentences of similar length (fewer padded steps), in random order
        by_len = sorted(order, key=lambda i: (len(data[i][3]) // 8, rng.random()))
        batches = [by_len[k : k + BATCH] for k in range(0, len(by_len), BATCH)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            ids, offsets, lengths, tags, vrows = [], [], [], [], []
            at = 0
            for i in batch:
                a_ids, owner, wordy, gold, vrow = data[i]
                vrows.append(vrow)
                keep = ~(wordy & (rng.random(len(wordy)) < WORD_DROP))
                kept_ids, kept_owner = a_ids[keep], owner[keep]
                starts = np.searchsorted(kept_owner, np.arange(len(gold)))
                ids.append(kept_ids)
                offsets.append(starts + at)
                at += len(kept_ids)
                lengths.append(len(gold))
                tags.append(torch.from_numpy(gold))
            emit = net(torch.from_numpy(np.concatenate(ids)), torch.from_numpy(np.concatenate(offsets)), torch.tensor(lengths), torch.from_numpy(np.concatenate(vrows)))
            tags_p = nn.utils.rnn.pad_sequence(tags, batch_first=True)
            mask = (torch.arange(emit.shape[1])[None, :] < torch.tensor(lengths)[:, None]).float()
            loss = crf_loss(emit, tags_p, mask, net.trans)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            total += float(loss.detach())
        sched.step()
        log(f"epoch {epoch + 1}: loss/token {total / tokens:.4f}, {time.process_time() - started:.0f} s CPU")
    net.eval()
    extra = {}
    if vectors is not None:
        extra = {PREFIX + "vec_keys": vectors["keys"], PREFIX + "vecs": vectors["vectors"]}
    common = {
        PREFIX + "keys": np.array([stable_hash(a) for a in vocab], dtype=np.uint64),
        PREFIX + "emb": net.emb.weight.detach().numpy().astype(np.float16),
        PREFIX + "out_w": net.out.weight.detach().numpy().astype(np.float32),
        PREFIX + "out_b": net.out.bias.detach().numpy().astype(np.float32),
        PREFIX + "trans": net.trans.detach().numpy().astype(np.float32),
    }
    if arch != "lstm":
        return extra | common | {
            PREFIX + "conv_w": net.conv.weight.detach().numpy().astype(np.float32),
            PREFIX + "conv_b": net.conv.bias.detach().numpy().astype(np.float32),
        }
    lstm = net.lstm
    wih = np.stack([lstm.weight_ih_l0.detach().numpy(), lstm.weight_ih_l0_reverse.detach().numpy()])
    whh = np.stack([lstm.weight_hh_l0.detach().numpy(), lstm.weight_hh_l0_reverse.detach().numpy()])
    bias = np.stack([
        (lstm.bias_ih_l0 + lstm.bias_hh_l0).detach().numpy(),
        (lstm.bias_ih_l0_reverse + lstm.bias_hh_l0_reverse).detach().numpy(),
    ])
    return extra | common | {
        PREFIX + "wih": wih.astype(np.float32),
        PREFIX + "whh": whh.astype(np.float32),
        PREFIX + "b": bias.astype(np.float32),
    }


def fold(args) -> None:
    sentences = read_bio(args.corpus)
    a, b = fold_ranges(sentences, 5)[args.fold]
    held = sentences[a:b]
    rest = [*sentences[:a], *sentences[b:]]
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    clusters = with_tag_table(Model.load().clusters, None)
    crf_file = work / f"crf{args.fold}.npz"
    if args.step in ("crf", "all") and not crf_file.exists():
        started = time.process_time()
        arrays, labels = train_crf(rest, clusters)
        _m, full, meta = make_model(arrays, labels, clusters)
        save_model(full, meta, crf_file)
        print(f"CRF fold {args.fold}: {time.process_time() - started:.0f} s CPU", flush=True)
    nn_file = work / f"nn{args.fold}-{args.tag}.npz"
    if args.step in ("nn", "all") and not nn_file.exists():
        labels = Model.load().labels
        started = time.process_time()
        vecs = dict(np.load(args.vectors)) if args.vectors else None
        arrays = train_network(rest, labels, clusters, vectors=vecs, dim=args.dim, hidden=args.hidden, epochs=args.epochs, arch=args.arch, width=args.width, log=lambda m: print(m, flush=True))
        np.savez(nn_file, **arrays)
        print(f"network fold {args.fold}: {time.process_time() - started:.0f} s CPU", flush=True)
    if args.step in ("eval", "all"):
        model = Model.load(crf_file)
        with np.load(nn_file) as z:
            neural = neural_of(packed({k: z[k] for k in z.files}) if args.int8 else {k: z[k] for k in z.files})
        gold = [[g for _, g in s] for s in held]
        toks = [[t for t, _ in s] for s in held]
        for w in args.weights:
            tagger = Tagger(model)
            tagger.neural, tagger.neural_weight = (neural, w) if w else (None, 0.0)
            print(f"fold {args.fold} nn weight {w}: {summary(gold, tag_windows(tagger, toks))}", flush=True)
        tagger = Tagger(model)
        tagger.neural, tagger.neural_weight, tagger.crf_weight = neural, 1.0, 0.0
        print(f"fold {args.fold} network alone: {summary(gold, tag_windows(tagger, toks))}", flush=True)


def cv(args) -> None:
    """Five-fold cross-validation of the CRF with the network beside it (weight
    ``--weight``), the folds of `khabar eval ner --folds 5`; each fold's CRF and network
    trained on the other four (a fold's CRF is reused from ``--work`` when there)."""
    from khabar.evaluate.ner import cross_validate
    from khabar.present.evaluation import cross_validation_table

    sentences = read_bio(args.corpus)
    clusters = with_tag_table(Model.load().clusters, None)
    vecs = dict(np.load(args.vectors)) if args.vectors else None
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    ranges = fold_ranges(sentences, 5)

    def train(rest):
        k, crf_file = fold_crf(work, sentences, ranges, rest, clusters)
        model = Model.load(crf_file)
        nn_file = work / f"nn{k}-{args.tag}.npz"
        if args.weight and not nn_file.exists():
            arrays = train_network(rest, model.labels, clusters, vectors=vecs, dim=args.dim, hidden=args.hidden, epochs=args.epochs, arch=args.arch, width=args.width, log=lambda m: print(f"fold {k}: {m}", flush=True))
            np.savez(nn_file, **arrays)
        tagger = Tagger(model)
        if args.weight:
            with np.load(nn_file) as z:
                # as shipped: int8 embeddings
                tagger.neural, tagger.neural_weight = neural_of(packed({n: z[n] for n in z.files})), args.weight
        else:
            tagger.neural = None
        return lambda held: tag_windows(tagger, held)

    print(cross_validation_table(cross_validate(sentences, train=train, folds=5, jobs=args.jobs, progress=print)))


def packed(full: dict) -> dict:
    """The arrays of a model file with the network's embeddings as int8 rows and a scale
    each (khabar.extract.tagger.neural.quantized), and without the word-pair units of the
    precomputed words of older builds (word pairs are no longer read): what keeps the file
    under 20 MB."""
    from khabar.extract.tagger.neural import quantized

    out = dict(full)
    if out[PREFIX + "emb"].dtype != np.int8:
        out.update(quantized(out[PREFIX + "emb"]))
    keys = out.get(PREFIX + "vec_keys")
    if keys is not None and "bare_cluster_keys" in out and np.array_equal(keys, out["bare_cluster_keys"]):
        del out[PREFIX + "vec_keys"]
    vecs = out.get(PREFIX + "vecs")
    if vecs is not None and vecs.shape[1] > VEC_DIMS:
        # the word vectors in the VEC_DIMS directions the network's input weights read
        # most (the right singular vectors of those weights): 80 -> 48 int8 per word
        dim = out[PREFIX + "emb"].shape[1]
        conv = out.get(PREFIX + "conv_w")  # (H, inputs, K) of a window network
        wih = out[PREFIX + "wih"] if conv is None else np.transpose(conv, (0, 2, 1))  # (..., inputs) last
        wv = wih[:, :, dim:]
        _u, _s, vt = np.linalg.svd(wv.reshape(-1, wv.shape[2]), full_matrices=False)
        basis = vt[:VEC_DIMS].T  # (80, k), orthonormal columns
        y = (vecs.astype(np.float32) / 127.0) @ basis  # |y| <= 1: unit vectors
        out[PREFIX + "vecs"] = np.clip(np.round(y * 127), -127, 127).astype(np.int8)
        cut = np.concatenate([wih[:, :, :dim], wv @ basis], axis=2).astype(np.float32)
        if conv is None:
            out[PREFIX + "wih"] = cut
        else:
            out[PREFIX + "conv_w"] = np.ascontiguousarray(np.transpose(cut, (0, 2, 1)))
    out.pop("word_units", None)
    return out


def pack(args) -> None:
    model = Model.load(args.model)
    with np.load(args.model, allow_pickle=False) as z:
        full = {k: z[k] for k in z.files if k != "meta"}
    save_model(packed(full), model.meta, args.model)
    print(f"wrote {args.model} ({args.model.stat().st_size / 1e6:.1f} MB)")


def ship(args) -> None:
    """Train the network on every sentence of the train split and add it to the model file
    (its CRF, clusters and tables unchanged), with the weight it gets beside the CRF."""
    from khabar.extract.tagger.train import file_digest

    sentences = read_bio(args.corpus)
    model = Model.load(args.model)
    clusters = with_tag_table(model.clusters, None)
    vecs = dict(np.load(args.vectors)) if args.vectors else None
    started = time.process_time()
    if args.network is not None:  # a network trained already (an ``nn`` file of `fold`)
        with np.load(args.network) as z:
            arrays = {k: z[k] for k in z.files}
        trained_on = f"{args.network.name}: the sentences of the train split outside its held-in fold"
    else:
        arrays = train_network(sentences, model.labels, clusters, vectors=vecs, dim=args.dim, hidden=args.hidden, epochs=args.epochs, arch=args.arch, width=args.width, log=lambda m: print(m, flush=True))
        trained_on = "every sentence of the train split"
    with np.load(args.model, allow_pickle=False) as z:
        full = {k: z[k] for k in z.files if k != "meta" and not k.startswith(PREFIX)}
    full.update(arrays)
    full = packed(full)
    meta = dict(model.meta)
    meta.update(
        neural_weight=args.weight,
        neural={"arch": args.arch, "width": args.width if args.arch == "window" else None,
                "dim": args.dim, "hidden": args.hidden, "epochs": args.epochs, "dropout": DROPOUT, "word_drop": WORD_DROP,
                "min_count": MIN_COUNT, "seed": SEED, "vectors": PREFIX + "vecs" in arrays, "trained_digest": file_digest(args.corpus),
                "trained_on": trained_on},
    )
    save_model(full, meta, args.model)
    print(f"wrote {args.model} ({args.model.stat().st_size / 1e6:.1f} MB) in {time.process_time() - started:.0f} s CPU")


def speed(args) -> None:
    """CPU time of the shipped CRF alone and with a network (``--network``: an ``nn`` file
    of `fold`), tagging ANERcorp sentences 10 at a time, warm (types cached), alternated."""
    sentences = [[t for t, _ in s] for s in read_bio(args.corpus)[: args.sentences]]
    model = Model.load()
    with np.load(args.network) as z:
        neural = neural_of(packed({k: z[k] for k in z.files}))
    for round_ in range(args.rounds):
        for label, net in (("CRF alone", None), ("CRF + network", neural)):
            tagger = Tagger(model)
            tagger.neural, tagger.neural_weight = net, 0.5
            tag_windows(tagger, sentences)  # cold pass: caches filled
            started = time.process_time()
            tag_windows(tagger, sentences)
            cpu = time.process_time() - started
            print(f"round {round_ + 1}, {label}: {len(sentences) / cpu:,.0f} sentences/s of CPU (warm)", flush=True)


def vectors(args) -> None:
    """Word vectors of ANT's words with their proclitics off (the SVD of the bare-word
    clusters' build, khabar.extract.tagger.clusters), as int8 rows under word hashes."""
    from khabar.extract.tagger.clusters import build_clusters
    from khabar.extract.tagger.crf import name_word
    from khabar.extract.tagger.train import read_ant_words

    started = time.process_time()
    docs = read_ant_words(args.ant)
    table = build_clusters([[name_word(w) or w for w in d] for d in docs], hash_word=stable_hash, dims=args.dims, sizes=(2,))
    q = np.clip(np.round(table.vectors * 127), -127, 127).astype(np.int8)
    np.savez(args.output, keys=table.keys, vectors=q)
    print(f"{len(table.keys)} vectors of {args.dims} dims in {time.process_time() - started:.0f} s CPU")


def _network_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vectors", type=Path, help="word vectors of `vectors` (default: none)")
    p.add_argument("--dim", type=int, default=DIM)
    p.add_argument("--hidden", type=int, default=HIDDEN)
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--dropout", type=float, default=DROPOUT)
    p.add_argument("--word-drop", type=float, default=WORD_DROP)
    p.add_argument("--min-count", type=int, default=MIN_COUNT)
    p.add_argument("--arch", choices=("lstm", "window"), default="lstm")
    p.add_argument("--width", type=int, default=WIDTH, help="tokens a window network reads")


def main() -> None:
    global DROPOUT, WORD_DROP, MIN_COUNT
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fold")
    f.add_argument("corpus", type=Path)
    f.add_argument("--fold", type=int, default=4)
    f.add_argument("--work", default="/tmp/nnfold")
    f.add_argument("--step", choices=("crf", "nn", "eval", "all"), default="all")
    f.add_argument("--tag", default="base")
    f.add_argument("--weights", type=float, nargs="+", default=[0.0, 0.5, 1.0, 2.0])
    f.add_argument("--int8", action="store_true", help="the network's embeddings as shipped (int8)")
    _network_args(f)
    sh = sub.add_parser("ship")
    sh.add_argument("corpus", type=Path)
    sh.add_argument("--model", type=Path, required=True)
    sh.add_argument("--weight", type=float, default=0.5)
    sh.add_argument("--network", type=Path, help="an nn file of `fold` to ship instead of training on every sentence")
    _network_args(sh)
    c = sub.add_parser("cv")
    c.add_argument("corpus", type=Path)
    c.add_argument("--work", default="/tmp/nnfold")
    c.add_argument("--tag", default="base")
    c.add_argument("--weight", type=float, default=0.5)
    c.add_argument("--jobs", type=int, default=1)
    _network_args(c)
    pk = sub.add_parser("pack")
    pk.add_argument("--model", type=Path, required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("corpus", type=Path)
    sp.add_argument("--network", type=Path, required=True)
    sp.add_argument("--sentences", type=int, default=1000)
    sp.add_argument("--rounds", type=int, default=2)
    v = sub.add_parser("vectors")
    v.add_argument("ant", type=Path)
    v.add_argument("--output", type=Path, default=Path("/tmp/nnfold/vectors.npz"))
    v.add_argument("--dims", type=int, default=80)
    args = p.parse_args()
    if args.cmd in ("fold", "ship", "cv"):
        DROPOUT, WORD_DROP, MIN_COUNT = args.dropout, args.word_drop, args.min_count
    {"fold": fold, "cv": cv, "ship": ship, "speed": speed, "pack": pack, "vectors": vectors}[args.cmd](args)


if __name__ == "__main__":
    main()
