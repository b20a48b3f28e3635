"""Compute backends for the per-article stages (cleaning, spaCy), chosen by name.

``local`` runs on this machine (big batches on every core, in forked workers). ``dask`` spreads chunks of
articles over the workers of a Dask cluster: a ``LocalCluster`` of 2 workers when no scheduler
address is given, or any running cluster (``tcp://host:8786``) whose workers have newsprism
installed. Each worker loads the spaCy model once and keeps it.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from typing import Callable, Sequence

from .errors import NewsprismError
from .models import Article, Problem, Source
from .pipeline import prepare_sources


OnArticle = Callable[[Article], None]


class Backend(ABC):
    @abstractmethod
    def prepare(self, sources: Sequence[Source], counts: Counter[str] | None = None, on_article: OnArticle | None = None) -> tuple[list[Article], list[Problem]]:
        """Clean and annotate ``sources``; results in input order. ``on_article`` is called in
        this process with each article as soon as it is back (to start work on it early)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release workers, if any."""


class LocalBackend(Backend):
    def prepare(self, sources: Sequence[Source], counts: Counter[str] | None = None, on_article: OnArticle | None = None) -> tuple[list[Article], list[Problem]]:
        return prepare_sources(sources, counts, on_article=on_article)


def _prepare_chunk(sources: Sequence[Source], counts: Counter[str] | None) -> tuple[list[Article], list[Problem]]:
    return prepare_sources(sources, counts, parallel=False)


class DaskBackend(Backend):
    def __init__(self, scheduler: str | None = None, n_workers: int = 2) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - installed by `make install`
            raise NewsprismError("the Dask backend needs dask[distributed]: pip install 'dask[distributed]'") from exc
        self._cluster = None if scheduler else LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        try:
            self.client = Client(scheduler or self._cluster, timeout="30s")
        except OSError as exc:
            raise NewsprismError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        self.n_workers = max(1, len(self.client.scheduler_info().get("workers", {})) or n_workers)

    def prepare(self, sources: Sequence[Source], counts: Counter[str] | None = None, on_article: OnArticle | None = None) -> tuple[list[Article], list[Problem]]:
        from dask.distributed import as_completed

        if not sources:
            return [], []
        size = max(1, -(-len(sources) // (2 * self.n_workers)))
        chunks = [list(sources[i : i + size]) for i in range(0, len(sources), size)]
        shared = self.client.scatter(counts, broadcast=True) if counts is not None else None
        futures = self.client.map(_prepare_chunk, chunks, counts=shared, pure=False)
        done = {}
        for future, result in as_completed(futures, with_results=True):
            done[future.key] = result
            for article in result[0] if on_article else ():
                on_article(article)
        results = [done[f.key] for f in futures]
        articles = [a for arts, _ in results for a in arts]
        problems = [p for _, probs in results for p in probs]
        return articles, problems

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


BACKENDS = {"local": LocalBackend, "dask": DaskBackend}


def get_backend(name: str = "local", scheduler: str | None = None) -> Backend:
    if name not in BACKENDS:
        raise NewsprismError(f"unknown backend '{name}'; choose one of {sorted(BACKENDS)}")
    return DaskBackend(scheduler) if name == "dask" else LocalBackend()
